//! The node's visit recorder. A request only touches memory: the first time a signed-in
//! member is seen in an hour their visit is queued, and every topic page they read adds to
//! a per-day count. The job worker flushes both every few seconds in one transaction each
//! (`Store::record_visits`, `Store::add_topic_views`), so reading a page costs a lock and a
//! hash lookup, never a write. A node that stops without flushing loses at most those few
//! seconds of counts; visits carry an idempotency key per member and hour, so two nodes
//! never record the same hour twice.

use hearth_core::model::Millis;
use hearth_store::visits::{TopicViews, Visit};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

const DAY_MS: i64 = 86_400_000;

/// How often the worker writes what the recorder holds.
pub const FLUSH_EVERY_MS: i64 = 5_000;

/// At most this many distinct (member, topic, day) counts are held between flushes; beyond
/// it further views are dropped until the next flush, so a flood cannot grow memory.
const MAX_PENDING_VIEWS: usize = 100_000;

#[derive(Debug, Default)]
pub struct Recorder {
    inner: Mutex<Pending>,
}

#[derive(Debug, Default)]
struct Pending {
    /// The hour (ms / 3,600,000) each member's visit was last queued in.
    hour: i64,
    seen: HashSet<i64>,
    visits: Vec<Visit>,
    /// (member, topic, day number since the epoch) -> views.
    views: HashMap<(i64, i64, i64), i64>,
}

impl Recorder {
    /// A signed-in member made a request at `now`.
    pub fn visit(&self, member_id: i64, now: Millis) {
        let hour = now.div_euclid(3_600_000);
        let mut p = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if p.hour != hour {
            p.hour = hour;
            p.seen.clear();
        }
        if p.seen.insert(member_id) {
            p.visits.push(Visit { member_id, at: now });
        }
    }

    /// A signed-in member read a topic page at `now`. The day is kept as a number here and
    /// written out as a date only when flushed, so a view costs no allocation.
    pub fn topic_view(&self, member_id: i64, topic_id: i64, now: Millis) {
        let day = now.div_euclid(DAY_MS);
        let mut p = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let full = p.views.len() >= MAX_PENDING_VIEWS;
        let key = (member_id, topic_id, day);
        if let Some(n) = p.views.get_mut(&key) {
            *n += 1;
        } else if !full {
            p.views.insert(key, 1);
        }
    }

    /// Takes what is queued, leaving the recorder empty (the hour's "seen" set stays).
    fn take(&self) -> (Vec<Visit>, Vec<TopicViews>) {
        let mut p = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let visits = std::mem::take(&mut p.visits);
        let views = std::mem::take(&mut p.views)
            .into_iter()
            .map(|((member_id, topic_id, day), views)| TopicViews {
                member_id,
                topic_id,
                day: hearth_core::model::utc_day(day * DAY_MS),
                views,
            })
            .collect();
        (visits, views)
    }

    /// Writes what is queued. On a database error the counts are dropped (and logged):
    /// they are statistics, and retrying them forever would only grow memory.
    pub async fn flush(
        &self,
        store: &hearth_store::Store,
    ) -> Result<u64, hearth_store::StoreError> {
        let (visits, views) = self.take();
        let written = store.record_visits(&visits).await?;
        store.add_topic_views(&views).await?;
        Ok(written)
    }
}
