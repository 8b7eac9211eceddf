//! The `points` consumer of the activity stream: turns activities into ledger entries by
//! the owner's policy (`services::points`), takes points back when what earned them is
//! withdrawn (a reaction taken back, an answer unaccepted, a post deleted or hidden), and
//! moves members up levels, opening what a level unlocks. A change of rules is applied by
//! [`replay`]: the same walk over past activity, compared with what the ledger says, with
//! the difference written as correction entries. Nothing is ever rewritten.
//!
//! One walk serves both: [`Book`] holds what each activity stands at (loaded from the
//! ledger for what the walk may touch), [`Book::walk`] decides in stream order, and the
//! entries to append are what it decided beyond what was loaded.

use crate::services::points::{Level, Policy};
use hearth_core::activity as k;
use hearth_core::points::{self as rules, EntryKind, Fact, Tally};
use hearth_store::activity::Activity;
use hearth_store::points::{self as store, Net, NewEntry, PostFact};
use hearth_store::{StoreError, Tx};
use std::collections::{BTreeMap, HashMap};

/// What one activity stands at for one member: (activity, member) → line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    amount: i64,
    reason: String,
    actor_id: Option<i64>,
    target: Option<(String, i64)>,
    space_id: Option<i64>,
    occurred_at: i64,
}

/// An entry decided by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub member_id: i64,
    pub amount: i64,
    pub kind: EntryKind,
    pub reason: String,
    pub activity_id: i64,
    pub actor_id: Option<i64>,
    pub target: Option<(String, i64)>,
    pub space_id: Option<i64>,
    pub occurred_at: i64,
}

/// What the walk knows about the targets of the activities it walks.
#[derive(Debug, Default)]
pub struct Targets {
    pub posts: HashMap<i64, PostFact>,
    pub topics: HashMap<i64, i64>,
}

#[derive(Debug, Default)]
pub struct Book {
    lines: BTreeMap<(i64, i64), Line>,
}

impl Book {
    fn load(&mut self, nets: Vec<Net>) {
        for n in nets {
            self.lines.insert(
                (n.activity_id, n.member_id),
                Line {
                    amount: n.amount,
                    reason: n.reason,
                    actor_id: n.actor_id,
                    target: n.target_type.zip(n.target_id),
                    space_id: n.space_id,
                    occurred_at: n.occurred_at,
                },
            );
        }
    }

    /// Takes back the standing lines that `matches`, newest first, at most `limit`.
    fn reverse(&mut self, out: &mut Vec<Decided>, limit: usize, matches: impl Fn(&Line) -> bool) {
        let hits: Vec<(i64, i64)> = self
            .lines
            .iter()
            .rev()
            .filter(|(_, l)| l.amount > 0 && matches(l))
            .take(limit)
            .map(|(key, _)| *key)
            .collect();
        for key in hits {
            let Some(l) = self.lines.get_mut(&key) else {
                continue;
            };
            out.push(Decided {
                member_id: key.1,
                amount: -l.amount,
                kind: EntryKind::Reversal,
                reason: l.reason.clone(),
                activity_id: key.0,
                actor_id: l.actor_id,
                target: l.target.clone(),
                space_id: l.space_id,
                occurred_at: l.occurred_at,
            });
            l.amount = 0;
        }
    }

    /// Decides, in order, what each activity earns or takes back.
    pub fn walk(
        &mut self,
        policy: &rules::Rules,
        activities: &[Activity],
        targets: &Targets,
        tally: &mut Tally,
    ) -> Vec<Decided> {
        let mut out = Vec::new();
        for a in activities {
            let target = a.target_type.clone().zip(a.target_id);
            let on = |t: &'static str, id: i64| {
                move |l: &Line| {
                    l.target
                        .as_ref()
                        .is_some_and(|(tt, ti)| tt == t && *ti == id)
                }
            };
            match (a.kind.as_str(), a.target_id) {
                (k::UNREACTED, Some(post)) => {
                    let actor = a.member_id;
                    let hit = on("post", post);
                    self.reverse(&mut out, 1, |l| {
                        hit(l) && l.reason == k::REACTED && l.actor_id == Some(actor)
                    });
                }
                (k::ANSWER_UNACCEPTED, Some(post)) => {
                    let hit = on("post", post);
                    self.reverse(&mut out, usize::MAX, |l| {
                        hit(l) && l.reason == k::ANSWER_ACCEPTED
                    });
                }
                (k::POST_DELETED, Some(post)) => self.take_post(&mut out, targets, post),
                (k::MODERATED, Some(post)) if moderated_away(a) => {
                    self.take_post(&mut out, targets, post)
                }
                (k::IDEA_STATUS_CHANGED, Some(topic))
                    if self.lines.values().any(|l| {
                        l.amount > 0 && l.reason == k::IDEA_STATUS_CHANGED && on("topic", topic)(l)
                    }) => {}
                _ => {
                    if let Some((member, amount)) = rules::award(policy, &fact(a, targets), tally) {
                        self.lines.insert(
                            (a.id, member),
                            Line {
                                amount,
                                reason: a.kind.clone(),
                                actor_id: Some(a.member_id),
                                target: target.clone(),
                                space_id: a.space_id,
                                occurred_at: a.occurred_at,
                            },
                        );
                        out.push(Decided {
                            member_id: member,
                            amount,
                            kind: EntryKind::Earn,
                            reason: a.kind.clone(),
                            activity_id: a.id,
                            actor_id: Some(a.member_id),
                            target,
                            space_id: a.space_id,
                            occurred_at: a.occurred_at,
                        });
                    }
                }
            }
        }
        out
    }

    /// A post deleted or hidden: its points, and its topic's when it was the first post.
    fn take_post(&mut self, out: &mut Vec<Decided>, targets: &Targets, post: i64) {
        let topic = targets
            .posts
            .get(&post)
            .filter(|p| p.first)
            .map(|p| p.topic_id);
        self.reverse(out, usize::MAX, |l| match &l.target {
            Some((t, id)) if t == "post" => *id == post,
            Some((t, id)) if t == "topic" => Some(*id) == topic,
            _ => false,
        });
    }
}

/// Did a moderator hide or delete the post (not approve it)?
fn moderated_away(a: &Activity) -> bool {
    let action = a
        .properties
        .as_deref()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .and_then(|v| v.get("action").and_then(|x| x.as_str()).map(str::to_string));
    matches!(action.as_deref(), Some("hide" | "delete"))
}

fn shipped(a: &Activity) -> bool {
    a.properties
        .as_deref()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .is_some_and(|v| v.get("status").and_then(|s| s.as_str()) == Some("done"))
}

/// What [`rules::award`] needs about one activity.
fn fact<'a>(a: &'a Activity, t: &Targets) -> Fact<'a> {
    let post = match (a.target_type.as_deref(), a.target_id) {
        (Some("post"), Some(id)) => t.posts.get(&id),
        _ => None,
    };
    let earner = match rules::earner(&a.kind) {
        rules::Earner::Actor => Some(a.member_id),
        rules::Earner::TargetAuthor => match (a.target_type.as_deref(), a.target_id) {
            (Some("post"), Some(_)) => post.map(|p| p.author_id),
            (Some("topic"), Some(id)) => t.topics.get(&id).copied(),
            (Some("member"), Some(id)) => Some(id),
            _ => None,
        },
    };
    Fact {
        kind: &a.kind,
        channel: &a.channel,
        actor: a.member_id,
        earner,
        occurred_at: a.occurred_at,
        target_created_at: post.map(|p| p.created_at),
        shipped: a.kind == k::IDEA_STATUS_CHANGED && shipped(a),
    }
}

/// Loads what the walk needs to know about the activities' targets.
pub async fn targets_in(tx: &mut Tx, activities: &[Activity]) -> Result<Targets, StoreError> {
    let mut posts = Vec::new();
    let mut topics = Vec::new();
    for a in activities {
        match (a.target_type.as_deref(), a.target_id) {
            (Some("post"), Some(id)) => posts.push(id),
            (Some("topic"), Some(id)) => topics.push(id),
            _ => {}
        }
    }
    posts.sort_unstable();
    posts.dedup();
    topics.sort_unstable();
    topics.dedup();
    Ok(Targets {
        posts: store::post_facts_in(tx, &posts).await?,
        topics: store::topic_authors_in(tx, &topics).await?,
    })
}

/// Appends the decided entries under one lock of the chain, and moves levels.
async fn append_all(
    tx: &mut Tx,
    decided: &[Decided],
    levels: &[Level],
    now: i64,
) -> Result<(), StoreError> {
    if decided.is_empty() {
        return Ok(());
    }
    let mut head = store::lock_head(tx).await?;
    let mut after: BTreeMap<i64, store::Points> = BTreeMap::new();
    for d in decided {
        let (_, points) = head
            .append(
                tx,
                &NewEntry {
                    member_id: d.member_id,
                    amount: d.amount,
                    kind: d.kind,
                    reason: &d.reason,
                    activity_id: Some(d.activity_id),
                    actor_id: d.actor_id,
                    target_type: d.target.as_ref().map(|(t, _)| t.as_str()),
                    target_id: d.target.as_ref().map(|(_, id)| *id),
                    space_id: d.space_id,
                    occurred_at: d.occurred_at,
                },
                now,
            )
            .await?;
        after.insert(d.member_id, points);
    }
    head.finish(tx).await?;
    for (member, points) in after {
        move_level(tx, member, points, levels, now).await?;
    }
    Ok(())
}

/// Sets a member's level from their earnings; each level reached is an activity, and what
/// it unlocks (a private space) opens.
pub async fn move_level(
    tx: &mut Tx,
    member: i64,
    points: store::Points,
    levels: &[Level],
    now: i64,
) -> Result<(), StoreError> {
    let thresholds: Vec<i64> = levels.iter().map(|l| l.points).collect();
    let level = rules::level_for(&thresholds, points.earned);
    if level == points.level {
        return Ok(());
    }
    store::set_level_in(tx, member, level).await?;
    for reached in (points.level + 1)..=level {
        let properties = serde_json::json!({ "level": reached }).to_string();
        hearth_store::activity::append(
            tx,
            &hearth_store::activity::NewActivity {
                member_id: member,
                kind: k::LEVEL_REACHED,
                channel: k::HUB,
                target_type: Some("member"),
                target_id: Some(member),
                space_id: None,
                properties: Some(&properties),
                occurred_at: now,
            },
        )
        .await?;
        if let Some(space) = levels
            .get(usize::try_from(reached - 1).unwrap_or(usize::MAX))
            .and_then(|l| l.space_id)
        {
            hearth_store::spaces::grant_member_in(tx, space, member, now).await?;
        }
    }
    Ok(())
}

/// The consumer's batch: the walk over it, with the ledger's standing for what it may take
/// back and the day's earnings for the caps.
pub async fn consume(batch: &mut hearth_store::stream::Batch) -> Result<(), StoreError> {
    let policy = crate::services::points::policy_in(batch.tx()).await?;
    let (tx, activities) = batch.parts();
    consume_activities(tx, &policy, activities).await
}

async fn consume_activities(
    tx: &mut Tx,
    policy: &Policy,
    activities: &[Activity],
) -> Result<(), StoreError> {
    let targets = targets_in(tx, activities).await?;
    // What the batch may take back or must not give twice: the standing of its targets.
    let mut book = Book::default();
    let mut touched: Vec<(&'static str, i64)> = Vec::new();
    for a in activities {
        match (a.kind.as_str(), a.target_id) {
            (k::UNREACTED | k::ANSWER_UNACCEPTED | k::POST_DELETED | k::MODERATED, Some(p)) => {
                touched.push(("post", p));
                if let Some(f) = targets.posts.get(&p).filter(|f| f.first) {
                    touched.push(("topic", f.topic_id));
                }
            }
            (k::IDEA_STATUS_CHANGED, Some(t)) => touched.push(("topic", t)),
            _ => {}
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for (t, id) in touched {
        book.load(store::standing_for_target_in(tx, t, id, None, None).await?);
    }
    // The caps: what each earner already has on each day of the batch.
    let mut keys: Vec<(i64, i64)> = activities
        .iter()
        .filter(|a| policy.rules.rule(&a.kind, &a.channel).is_some())
        .filter_map(|a| {
            fact(a, &targets)
                .earner
                .map(|m| (m, rules::day_of(a.occurred_at)))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut tally = store::tally_in(tx, &keys).await?;
    let decided = book.walk(&policy.rules, activities, &targets, &mut tally);
    append_all(tx, &decided, &policy.levels, hearth_store::now_millis()).await
}

/// Applies the policy now in force to activity from `from` (ms; 0 for all history) that
/// the consumer has handled: walks it again from that day, compares each activity's
/// entries with what the walk says, and appends the difference as corrections. Holds the
/// consumer's lock, so the consumer waits meanwhile. Returns how many corrections.
pub async fn replay(store: &hearth_store::Store, from: i64) -> Result<usize, StoreError> {
    let day_start = rules::day_of(from.max(0)) * 86_400_000;
    let mut tx = store.db.begin().await?;
    let policy = crate::services::points::policy_in(&mut tx).await?;
    let handled = hearth_store::stream::handled_since_in(&mut tx, "points", day_start).await?;
    let targets = targets_in(&mut tx, &handled).await?;
    // What came before the day stays as it stands; what the walk may take back from it
    // is loaded, as the consumer would.
    let mut book = Book::default();
    let mut tally = Tally::default();
    let mut kept = Vec::new();
    for a in &handled {
        if let (Some("post"), Some(p)) = (a.target_type.as_deref(), a.target_id) {
            kept.push(("post", p));
            if let Some(f) = targets.posts.get(&p).filter(|f| f.first) {
                kept.push(("topic", f.topic_id));
            }
        }
        if let (Some("topic"), Some(t)) = (a.target_type.as_deref(), a.target_id) {
            kept.push(("topic", t));
        }
    }
    kept.sort_unstable();
    kept.dedup();
    let ids: std::collections::HashSet<i64> = handled.iter().map(|a| a.id).collect();
    for (t, id) in kept {
        let nets = store::standing_for_target_in(&mut tx, t, id, None, None).await?;
        book.load(
            nets.into_iter()
                .filter(|n| !ids.contains(&n.activity_id))
                .collect(),
        );
    }
    let decided = book.walk(&policy.rules, &handled, &targets, &mut tally);
    // What the walk says each activity of the period stands at, against the ledger.
    let mut want: BTreeMap<(i64, i64), (i64, Decided)> = BTreeMap::new();
    for d in decided {
        let slot = want
            .entry((d.activity_id, d.member_id))
            .or_insert_with(|| (0, d.clone()));
        slot.0 += d.amount;
    }
    let mut unique: Vec<i64> = want
        .keys()
        .map(|(a, _)| *a)
        .chain(ids.iter().copied())
        .collect();
    unique.sort_unstable();
    unique.dedup();
    let have = store::standing_for_activities_in(&mut tx, &unique).await?;
    let mut have_map: BTreeMap<(i64, i64), Net> = BTreeMap::new();
    for n in have {
        have_map.insert((n.activity_id, n.member_id), n);
    }
    let mut corrections = Vec::new();
    let keys: std::collections::BTreeSet<(i64, i64)> =
        want.keys().chain(have_map.keys()).copied().collect();
    for key in keys {
        let w = want.get(&key);
        let h = have_map.get(&key);
        let diff = w.map_or(0, |w| w.0) - h.map_or(0, |h| h.amount);
        if diff == 0 {
            continue;
        }
        let d = match (w, h) {
            (Some((_, d)), _) => Decided {
                amount: diff,
                kind: EntryKind::Correction,
                ..d.clone()
            },
            (None, Some(n)) => Decided {
                member_id: n.member_id,
                amount: diff,
                kind: EntryKind::Correction,
                reason: n.reason.clone(),
                activity_id: n.activity_id,
                actor_id: n.actor_id,
                target: n.target_type.clone().zip(n.target_id),
                space_id: n.space_id,
                occurred_at: n.occurred_at,
            },
            (None, None) => continue,
        };
        corrections.push(d);
    }
    let n = corrections.len();
    append_all(
        &mut tx,
        &corrections,
        &policy.levels,
        hearth_store::now_millis(),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
