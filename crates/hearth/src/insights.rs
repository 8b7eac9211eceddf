//! This node's copy of the analytics engine (`hearth_insights::Log`), fed from the activity
//! log. Every node keeps its own copy and its own place in the stream: a full build when
//! the worker starts (and when the community's time zone changes or an operator asks),
//! then each new activity appended as the stream brings it, every second.
//!
//! A build reads and appends without holding the lock, then swaps the new log in, so a
//! request never waits for one; an incremental append holds the write lock only while it
//! appends what it has already read, and a request holds the read lock only while it
//! computes (milliseconds).

use hearth_insights::{Facts, Input, Log, Zone};
use hearth_store::insights::{InsightPerson, InsightRow, Place};
use hearth_store::{Store, StoreError};
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Rows read from the store at a time.
const PAGE: i64 = 50_000;

/// How often people's facts (staff, opted out) are read again.
const FACTS_EVERY_MS: i64 = 60_000;

/// The engine and where it stands.
#[derive(Debug)]
pub struct Engine {
    state: RwLock<State>,
    /// An operator asked for a full build; the next tick does it.
    rebuild_asked: AtomicBool,
    /// One computation at a time ([`Engine::compute`]): a page of Insights scans the log
    /// a dozen times, and two at once would take both cores from the pages members read.
    heavy: tokio::sync::Semaphore,
}

#[derive(Debug)]
struct State {
    log: Log,
    place: Place,
    /// When the last full build finished (ms); `None` before.
    built: Option<i64>,
    facts_read_at: i64,
}

/// What the engine holds, for the Insights page's footer and the summary's `engine`.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub ready: bool,
    pub rows: usize,
    pub built_at: Option<i64>,
    pub zone: String,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            rebuild_asked: AtomicBool::new(false),
            heavy: tokio::sync::Semaphore::new(1),
            state: RwLock::new(State {
                log: Log::new(Zone::utc()),
                place: (0, 0),
                built: None,
                facts_read_at: 0,
            }),
        }
    }
}

fn input(r: &InsightRow) -> Input<'_> {
    Input {
        member_id: r.member_id,
        kind: &r.kind,
        channel: &r.channel,
        space_id: r.space_id,
        topic_id: r.topic_id,
        post_author: r.post_author,
        target_member: r.target_member,
        weight: r.weight,
        at_ms: r.occurred_at,
    }
}

/// Tells the log who is staff and who opted out of analytics.
fn set_facts(log: &mut Log, people: &[InsightPerson]) {
    for p in people {
        log.set_person(
            p.id,
            Facts {
                staff: p.staff,
                excluded: p.excluded,
            },
        );
    }
}

impl Engine {
    /// Runs `f` over the log as it stands, under the read lock: keep it to computing.
    pub fn read<R>(&self, f: impl FnOnce(&Log) -> R) -> R {
        let s = self.state.read().unwrap_or_else(|e| e.into_inner());
        f(&s.log)
    }

    /// Runs `f` over the log on a blocking thread, one computation at a time, so a long
    /// scan never holds up the async workers that answer other pages. `None` if `f`
    /// panicked.
    pub async fn compute<R: Send + 'static>(
        self: &std::sync::Arc<Self>,
        f: impl FnOnce(&Log) -> R + Send + 'static,
    ) -> Option<R> {
        let _turn = self.heavy.acquire().await.ok()?;
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.read(f)).await.ok()
    }

    /// Asks the worker for a full build at its next tick.
    pub fn ask_rebuild(&self) {
        self.rebuild_asked.store(true, Ordering::Relaxed);
    }

    pub fn status(&self) -> Status {
        let s = self.state.read().unwrap_or_else(|e| e.into_inner());
        Status {
            ready: s.built.is_some(),
            rows: s.log.len(),
            built_at: s.built,
            zone: s.log.zone.name().to_string(),
        }
    }

    /// Builds the log again from the whole activity log on `zone`'s clock and swaps it in;
    /// returns the rows held.
    pub async fn rebuild(&self, store: &Store, zone: Zone) -> Result<usize, StoreError> {
        let started = Instant::now();
        let mut log = Log::new(zone);
        set_facts(&mut log, &store.insight_people().await?);
        let mut place = (0, 0);
        loop {
            let (rows, next) = store.insight_rows_after(place, PAGE).await?;
            if rows.is_empty() {
                break;
            }
            log.append(rows.iter().map(input));
            place = next;
        }
        let rows = log.len();
        let now = hearth_store::now_millis();
        let old = {
            let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
            std::mem::replace(
                &mut *s,
                State {
                    log,
                    place,
                    built: Some(now),
                    facts_read_at: now,
                },
            )
        };
        // The old log is freed after the lock is released.
        drop(old);
        tracing::info!(
            rows,
            ms = started.elapsed().as_millis() as u64,
            "insights built"
        );
        Ok(rows)
    }

    /// Appends what is new since the last read; returns how many activities were read.
    pub async fn refresh(&self, store: &Store) -> Result<usize, StoreError> {
        let (place, facts_due) = {
            let s = self.state.read().unwrap_or_else(|e| e.into_inner());
            if s.built.is_none() {
                return Ok(0);
            }
            (
                s.place,
                hearth_store::now_millis() - s.facts_read_at >= FACTS_EVERY_MS,
            )
        };
        let (rows, next) = store.insight_rows_after(place, PAGE).await?;
        // Someone the log has never seen (a new account, a new contact) is read at once,
        // so a new moderator's replies count as staff from their first one.
        let newcomer = !rows.is_empty() && {
            let s = self.state.read().unwrap_or_else(|e| e.into_inner());
            rows.iter().any(|r| s.log.person_of(r.member_id).is_none())
        };
        let people = if facts_due || newcomer {
            Some(store.insight_people().await?)
        } else {
            None
        };
        if rows.is_empty() && people.is_none() {
            return Ok(0);
        }
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        if s.place != place {
            return Ok(0); // a build swapped in meanwhile; the next tick reads on from it
        }
        if let Some(people) = people {
            set_facts(&mut s.log, &people);
            s.facts_read_at = hearth_store::now_millis();
        }
        s.log.append(rows.iter().map(input));
        s.place = next;
        // A merge moves a person's past activity to another record (and an undo moves it
        // back): the log learns it by building again, on every node that reads the merge.
        if rows.iter().any(|r| {
            matches!(
                r.kind.as_str(),
                hearth_core::activity::MEMBERS_MERGED | hearth_core::activity::MERGE_UNDONE
            )
        }) {
            self.ask_rebuild();
        }
        Ok(rows.len())
    }
}

/// The community's time zone, or UTC before setup or when it names no zone.
pub async fn community_zone(store: &Store) -> Result<Zone, StoreError> {
    Ok(match store.community().await? {
        Some(c) => Zone::new(&c.default_time_zone).unwrap_or_else(Zone::utc),
        None => Zone::utc(),
    })
}

/// One worker tick: builds the log when it has never been built or the community's zone
/// changed, else appends what is new.
pub async fn tick(engine: &Engine, store: &Store) -> Result<usize, StoreError> {
    // A failed read skips the tick rather than taking UTC for a change of zone.
    let zone = community_zone(store).await?;
    let status = engine.status();
    let asked = engine.rebuild_asked.swap(false, Ordering::Relaxed);
    if asked || !status.ready || status.zone != zone.name() {
        return engine.rebuild(store, zone).await;
    }
    engine.refresh(store).await
}
