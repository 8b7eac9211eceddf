//! The activity stream: named consumers read the activity log in order, each with a
//! durable cursor advanced in the same transaction as its own writes, so every activity is
//! handled exactly once per consumer across restarts, crashes and nodes.
//!
//! **Order.** On SQLite writes are serialised (`BEGIN IMMEDIATE`), so ids are handed out in
//! commit order. On PostgreSQL they are not: an identity value is taken when a row is
//! inserted, and a transaction holding a smaller id can commit after one holding a larger
//! id. Every activity therefore records the transaction that wrote it (`txid`, 0 on
//! SQLite), consumers walk the log in `(txid, id)` order, and on PostgreSQL they read only
//! rows whose transaction is older than the oldest transaction still running
//! (`pg_snapshot_xmin`). Those rows are final, and any row still to come belongs to a
//! transaction at or past that horizon, so it sorts after the cursor: nothing is skipped.
//!
//! **One reader at a time.** A batch locks its consumer's row (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL; the single writer on SQLite), so a consumer runs on one node at a time and
//! another node simply finds it busy.

use crate::activity::Activity;
use crate::{Arg, Dialect, Result, Row, Store, Tx};
use hearth_core::model::Millis;

/// The most activities one batch reads.
pub const MAX_BATCH: i64 = 2_000;

/// Where a consumer stands, for the jobs page, the CLI and (later) the metrics endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerState {
    pub name: String,
    /// The id of the last activity handled (0 before the first).
    pub cursor_id: i64,
    /// Activities handled since the consumer was created or last reset.
    pub handled: i64,
    /// Activities written but not yet handled, counted up to [`LAG_COUNT_CAP`].
    pub behind: i64,
    pub reset_at: Option<Millis>,
    pub updated_at: Millis,
}

/// The lag is counted exactly up to this many activities, then shown as "at least".
pub const LAG_COUNT_CAP: i64 = 100_000;

/// Activities claimed by one consumer, with the transaction the consumer writes in.
/// [`Batch::commit`] advances the cursor past them and commits the consumer's writes in
/// one go; dropping the batch (a crash, an error) rolls everything back, and the same
/// activities come again.
pub struct Batch {
    tx: Tx,
    name: &'static str,
    pub activities: Vec<Activity>,
    last: (i64, i64),
}

impl Batch {
    /// The transaction to write the consumer's own changes in.
    pub fn tx(&mut self) -> &mut Tx {
        &mut self.tx
    }

    /// The transaction and the batch's activities at once, for a consumer that reads the
    /// one while it writes in the other.
    pub fn parts(&mut self) -> (&mut Tx, &[Activity]) {
        (&mut self.tx, &self.activities)
    }

    /// Advances the cursor past this batch and commits; returns how many were handled.
    pub async fn commit(mut self) -> Result<usize> {
        let n = self.activities.len();
        self.tx
            .execute(
                "UPDATE stream_consumers SET cursor_txid = $1, cursor_id = $2, handled = handled + $3, updated_at = $4
                 WHERE name = $5",
                &[
                    Arg::I64(self.last.0),
                    Arg::I64(self.last.1),
                    Arg::I64(n as i64),
                    Arg::I64(crate::now_millis()),
                    Arg::Text(self.name),
                ],
            )
            .await?;
        self.tx.commit().await?;
        Ok(n)
    }
}

/// Rows after the cursor that a reader may take, in stream order. `$1`, `$2` are the
/// cursor, `$3` the limit.
/// On SQLite `txid` is always 0, so the primary key orders the stream.
const AFTER_SQLITE: &str = "SELECT id, txid, member_id, kind, channel, target_type, target_id, space_id, properties, occurred_at
     FROM activities WHERE id > $2 AND txid >= $1 ORDER BY id LIMIT $3";
const AFTER_POSTGRES: &str = "SELECT id, txid, member_id, kind, channel, target_type, target_id, space_id, properties, occurred_at
     FROM activities
     WHERE (txid, id) > ($1, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
     ORDER BY txid, id LIMIT $3";

fn stream_sql(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => AFTER_SQLITE,
        Dialect::Postgres => AFTER_POSTGRES,
    }
}

fn activity(r: &Row) -> Result<(i64, Activity)> {
    Ok((r.i64("txid")?, crate::activity::activity_from(r)?))
}

/// Locks consumer `name` for the rest of the transaction and returns the activities it has
/// handled that happened from `from` on, in stream order (a replay of its past work).
pub async fn handled_since_in(tx: &mut Tx, name: &str, from: Millis) -> Result<Vec<Activity>> {
    let lock = match tx.dialect() {
        Dialect::Sqlite => "SELECT cursor_txid, cursor_id FROM stream_consumers WHERE name = $1",
        Dialect::Postgres => {
            "SELECT cursor_txid, cursor_id FROM stream_consumers WHERE name = $1 FOR UPDATE"
        }
    };
    let cursor = tx
        .fetch_optional(lock, &[Arg::Text(name)])
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    let sql = match tx.dialect() {
        Dialect::Sqlite => {
            "SELECT id, txid, member_id, kind, channel, target_type, target_id, space_id, properties, occurred_at
             FROM activities WHERE id <= $2 AND txid <= $1 AND occurred_at >= $3 ORDER BY id"
        }
        Dialect::Postgres => {
            "SELECT id, txid, member_id, kind, channel, target_type, target_id, space_id, properties, occurred_at
             FROM activities WHERE (txid, id) <= ($1, $2) AND occurred_at >= $3 ORDER BY txid, id"
        }
    };
    let rows = tx
        .fetch_all(
            sql,
            &[
                Arg::I64(cursor.i64("cursor_txid")?),
                Arg::I64(cursor.i64("cursor_id")?),
                Arg::I64(from),
            ],
        )
        .await?;
    rows.iter().map(|r| Ok(activity(r)?.1)).collect()
}

impl Store {
    /// Makes sure a consumer has a cursor (a new one starts at the beginning of the log).
    pub async fn register_consumer(&self, name: &str) -> Result<()> {
        self.db
            .execute(
                "INSERT INTO stream_consumers (name, updated_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                &[Arg::Text(name), Arg::I64(crate::now_millis())],
            )
            .await?;
        Ok(())
    }

    /// Claims the next batch of at most `limit` activities for `name`, or `None` when there
    /// is nothing new or another node is handling this consumer right now. A cheap read
    /// comes first, so an idle consumer never takes the write lock.
    pub async fn next_batch(&self, name: &'static str, limit: i64) -> Result<Option<Batch>> {
        let limit = limit.clamp(1, MAX_BATCH);
        let Some(peek) = self
            .db
            .fetch_optional(
                "SELECT cursor_txid, cursor_id FROM stream_consumers WHERE name = $1",
                &[Arg::Text(name)],
            )
            .await?
        else {
            return Ok(None);
        };
        let sql = stream_sql(self.dialect());
        let pending = self
            .db
            .fetch_all(
                sql,
                &[
                    Arg::I64(peek.i64("cursor_txid")?),
                    Arg::I64(peek.i64("cursor_id")?),
                    Arg::I64(1),
                ],
            )
            .await?;
        if pending.is_empty() {
            return Ok(None);
        }
        let mut tx = self.db.begin().await?;
        let lock = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT cursor_txid, cursor_id FROM stream_consumers WHERE name = $1"
            }
            Dialect::Postgres => {
                "SELECT cursor_txid, cursor_id FROM stream_consumers WHERE name = $1 FOR UPDATE SKIP LOCKED"
            }
        };
        let Some(cursor) = tx.fetch_optional(lock, &[Arg::Text(name)]).await? else {
            return Ok(None);
        };
        let rows = tx
            .fetch_all(
                sql,
                &[
                    Arg::I64(cursor.i64("cursor_txid")?),
                    Arg::I64(cursor.i64("cursor_id")?),
                    Arg::I64(limit),
                ],
            )
            .await?;
        let mut last = (cursor.i64("cursor_txid")?, cursor.i64("cursor_id")?);
        let mut activities = Vec::with_capacity(rows.len());
        for r in &rows {
            let (txid, a) = activity(r)?;
            last = (txid, a.id);
            activities.push(a);
        }
        if activities.is_empty() {
            return Ok(None);
        }
        Ok(Some(Batch {
            tx,
            name,
            activities,
            last,
        }))
    }

    /// Sends a consumer back to the start of the log: it replays every activity. The
    /// consumer must make its writes replayable (recompute, or record corrections).
    pub async fn reset_consumer(&self, name: &str) -> Result<()> {
        let now = crate::now_millis();
        let n = self
            .db
            .execute(
                "UPDATE stream_consumers SET cursor_txid = 0, cursor_id = 0, handled = 0, reset_at = $1, updated_at = $1
                 WHERE name = $2",
                &[Arg::I64(now), Arg::Text(name)],
            )
            .await?;
        if n == 0 {
            return Err(crate::StoreError::NotFound);
        }
        Ok(())
    }

    /// Every consumer with its cursor and how far behind the log it is.
    pub async fn consumers(&self) -> Result<Vec<ConsumerState>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT name, cursor_txid, cursor_id, handled, reset_at, updated_at FROM stream_consumers ORDER BY name",
                &[],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let count = match self.dialect() {
                Dialect::Sqlite => {
                    "SELECT COUNT(*) AS n FROM (SELECT 1 FROM activities WHERE id > $2 AND txid >= $1 LIMIT $3) AS pending"
                }
                Dialect::Postgres => {
                    "SELECT COUNT(*) AS n FROM (SELECT 1 FROM activities WHERE (txid, id) > ($1, $2) LIMIT $3) AS pending"
                }
            };
            let behind = self
                .db
                .fetch_one(
                    count,
                    &[
                        Arg::I64(r.i64("cursor_txid")?),
                        Arg::I64(r.i64("cursor_id")?),
                        Arg::I64(LAG_COUNT_CAP),
                    ],
                )
                .await?
                .i64("n")?;
            out.push(ConsumerState {
                name: r.text("name")?,
                cursor_id: r.i64("cursor_id")?,
                handled: r.i64("handled")?,
                behind,
                reset_at: r.opt_i64("reset_at")?,
                updated_at: r.i64("updated_at")?,
            });
        }
        Ok(out)
    }
}
