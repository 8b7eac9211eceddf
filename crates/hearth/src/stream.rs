//! The consumers of the activity stream. A consumer is a named reader of the activity log
//! with its own durable cursor (`hearth_store::stream`): the worker hands it activities in
//! stream order, in batches, and it writes its own changes in the batch's transaction, so
//! its cursor and its writes commit together and each activity is handled exactly once.
//!
//! To add one (insights, the points ledger, rules, webhooks): a variant of [`Consumer`],
//! its name, and its arm in [`Consumer::handle`]. A consumer must be replayable: after
//! `hearth stream reset NAME` it sees every activity again from the first.

use hearth_store::stream::Batch;
use hearth_store::{Store, StoreError};
use std::collections::HashMap;

/// Activities per batch.
pub const BATCH: i64 = 500;

/// At most this many batches per consumer per worker tick, so one long backlog cannot
/// starve the jobs queue; the rest waits for the next tick.
const BATCHES_PER_TICK: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumer {
    /// `members.last_active_at` (the member's own participation) and `last_seen_at`
    /// (visits).
    MemberTimes,
}

impl Consumer {
    pub const ALL: &'static [Consumer] = &[Consumer::MemberTimes];

    pub fn name(self) -> &'static str {
        match self {
            Consumer::MemberTimes => "member_times",
        }
    }

    pub fn from_name(name: &str) -> Option<Consumer> {
        Consumer::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// Handles one batch inside its transaction.
    async fn handle(self, batch: &mut Batch) -> Result<(), StoreError> {
        match self {
            Consumer::MemberTimes => member_times(batch).await,
        }
    }
}

/// The latest participation and visit of each member in the batch. Times in the future
/// (a clock that ran ahead, an import with a bad date) count as now.
async fn member_times(batch: &mut Batch) -> Result<(), StoreError> {
    let now = hearth_store::now_millis();
    let mut latest: HashMap<i64, (Option<i64>, Option<i64>)> = HashMap::new();
    for a in &batch.activities {
        let at = a.occurred_at.min(now);
        let slot = latest.entry(a.member_id).or_default();
        if a.kind == hearth_core::activity::VISITED {
            slot.1 = slot.1.max(Some(at));
        } else if hearth_core::activity::is_participation(&a.kind) {
            slot.0 = slot.0.max(Some(at));
        }
    }
    let mut members: Vec<_> = latest.into_iter().collect();
    members.sort_unstable_by_key(|(id, _)| *id);
    for (member_id, (active, seen)) in members {
        hearth_store::members::advance_times(batch.tx(), member_id, active, seen).await?;
    }
    Ok(())
}

/// Registers every consumer (a new one starts at the beginning of the log).
pub async fn register(store: &Store) -> Result<(), StoreError> {
    for c in Consumer::ALL {
        store.register_consumer(c.name()).await?;
    }
    Ok(())
}

/// Runs every consumer over what is new, up to [`BATCHES_PER_TICK`] batches each; returns
/// how many activities were handled.
pub async fn run_once(store: &Store) -> Result<usize, StoreError> {
    let mut handled = 0;
    for &c in Consumer::ALL {
        for _ in 0..BATCHES_PER_TICK {
            let Some(mut batch) = store.next_batch(c.name(), BATCH).await? else {
                break;
            };
            c.handle(&mut batch).await?;
            handled += batch.commit().await?;
        }
    }
    Ok(handled)
}
