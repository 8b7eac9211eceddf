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
    /// Each post's sentiment (`post_sentiment`), scored when it is written or edited.
    Sentiment,
    /// Outbound webhooks: one delivery queued per activity and subscription that wants it
    /// (`webhook_deliveries`); `crate::outbound` sends them.
    Webhooks,
    /// The points ledger (`crate::ledger`): entries earned, taken back, and levels.
    Points,
    /// Badges (`hearth_store::badges`): each member the batch touched gets whichever
    /// badges they now qualify for.
    Badges,
}

impl Consumer {
    pub const ALL: &'static [Consumer] = &[
        Consumer::MemberTimes,
        Consumer::Sentiment,
        Consumer::Webhooks,
        Consumer::Points,
        Consumer::Badges,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Consumer::MemberTimes => "member_times",
            Consumer::Sentiment => "sentiment",
            Consumer::Webhooks => "webhooks",
            Consumer::Points => "points",
            Consumer::Badges => "badges",
        }
    }

    pub fn from_name(name: &str) -> Option<Consumer> {
        Consumer::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// Handles one batch inside its transaction.
    async fn handle(self, batch: &mut Batch) -> Result<(), StoreError> {
        match self {
            Consumer::MemberTimes => member_times(batch).await,
            Consumer::Sentiment => sentiment(batch).await,
            Consumer::Webhooks => webhooks(batch).await,
            Consumer::Points => crate::ledger::consume(batch).await,
            Consumer::Badges => badges(batch).await,
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

/// Scores the posts the batch wrote or edited (a topic's first post, a reply, an edit),
/// each once per batch, with its text as it is now. Nothing while the owner has sentiment
/// switched off: switching it on again replays the stream from the start.
async fn sentiment(batch: &mut Batch) -> Result<(), StoreError> {
    use hearth_core::activity as k;
    use hearth_store::sentiment as store;
    if !store::sentiment_on_in(batch.tx()).await? {
        return Ok(());
    }
    let mut posts = std::collections::BTreeSet::new();
    let mut topics = std::collections::BTreeSet::new();
    for a in &batch.activities {
        match (a.kind.as_str(), a.target_type.as_deref(), a.target_id) {
            (k::REPLIED | k::POST_EDITED, Some("post"), Some(id)) => {
                posts.insert(id);
            }
            (k::TOPIC_STARTED | k::QUESTION_ASKED, Some("topic"), Some(id)) => {
                topics.insert(id);
            }
            _ => {}
        }
    }
    if posts.is_empty() && topics.is_empty() {
        return Ok(());
    }
    let topics: Vec<i64> = topics.into_iter().collect();
    posts.extend(store::first_posts_in(batch.tx(), &topics).await?);
    let ids: Vec<i64> = posts.into_iter().collect();
    let now = hearth_store::now_millis();
    for (post_id, body) in store::posts_to_score_in(batch.tx(), &ids).await? {
        let s = hearth_insights::sentiment::score(&body);
        let milli = (s.compound * 1000.0).round() as i64;
        store::write_score_in(batch.tx(), post_id, milli, s.label.as_str(), s.lang, now).await?;
    }
    Ok(())
}

/// Grants badges to the members the batch touched: who acted, and the authors of the
/// posts and topics acted on (an accepted answer, a reaction, an idea done). The badges'
/// own `badge_granted` activities come round once more, so a badge whose condition names
/// another badge follows it; nothing is granted twice, so that ends.
async fn badges(batch: &mut Batch) -> Result<(), StoreError> {
    use hearth_store::points::{post_facts_in, topic_authors_in};
    let (mut members, mut posts, mut topics) = (Vec::new(), Vec::new(), Vec::new());
    for a in &batch.activities {
        if a.kind == hearth_core::activity::VISITED {
            continue;
        }
        members.push(a.member_id);
        match (a.target_type.as_deref(), a.target_id) {
            (Some("post"), Some(id)) => posts.push(id),
            (Some("topic"), Some(id)) => topics.push(id),
            _ => {}
        }
    }
    if members.is_empty() {
        return Ok(());
    }
    posts.sort_unstable();
    posts.dedup();
    topics.sort_unstable();
    topics.dedup();
    let (tx, _) = batch.parts();
    members.extend(
        post_facts_in(tx, &posts)
            .await?
            .values()
            .map(|p| p.author_id),
    );
    members.extend(topic_authors_in(tx, &topics).await?.values());
    members.sort_unstable();
    members.dedup();
    hearth_store::badges::grant_all_in(tx, Some(&members), hearth_store::now_millis()).await?;
    Ok(())
}

/// Queues each activity of the batch for every live subscription that wants it: its kind
/// (staff's and personal kinds only when named) and its space, and only what came after
/// the subscription was made. Visits are never sent. Whether the subscription may see the
/// space is decided when it is sent (`outbound::payload`), with its creator's rights then.
async fn webhooks(batch: &mut Batch) -> Result<(), StoreError> {
    use hearth_store::webhooks as store;
    let hooks = store::live_webhooks_in(batch.tx()).await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let now = hearth_store::now_millis();
    let mut queue = Vec::new();
    for a in &batch.activities {
        if a.kind == hearth_core::activity::VISITED {
            continue;
        }
        let private = hearth_core::activity::PRIVATE.contains(&a.kind.as_str());
        for w in &hooks {
            if a.id > w.after_activity_id
                && w.wants(&a.kind, a.space_id)
                && (!private || w.names(&a.kind))
            {
                queue.push((w.id, a.id, a.kind.clone()));
            }
        }
    }
    for (webhook_id, activity_id, kind) in queue {
        store::queue_in(batch.tx(), webhook_id, activity_id, &kind, now).await?;
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
