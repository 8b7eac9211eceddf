//! The points ledger: append-only, hash-chained entries (`ledger_entries`), the chain's
//! end (`ledger_head`, locked by every append so entries are numbered and chained in one
//! order on both databases) and each member's balance, earnings and level
//! (`point_balances`), kept in the same transaction as their entries. Nothing here edits
//! or deletes an entry: a correction is a new entry, and the database refuses updates and
//! deletes with a trigger. The rules that decide amounts live in `hearth_core::points`.

use crate::{Arg, Dialect, Result, Row, Store, StoreError, Tx};
use hearth_core::model::{Author, Millis};
use hearth_core::points::{Entry, EntryKind, Problem, Tally, Verifier, entry_hash};
use std::collections::HashMap;

/// One entry to append.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub member_id: i64,
    pub amount: i64,
    pub kind: EntryKind,
    pub reason: &'a str,
    pub activity_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub target_type: Option<&'a str>,
    pub target_id: Option<i64>,
    pub space_id: Option<i64>,
    pub occurred_at: Millis,
}

/// The chain's end, locked for the rest of the transaction.
pub struct Head {
    last_id: i64,
    last_hash: String,
    moved: bool,
}

/// A member's points as the ledger keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Points {
    /// What they may spend.
    pub balance: i64,
    /// What they have earned (spending does not lower it).
    pub earned: i64,
    pub level: i64,
}

/// Locks the chain's end: every other writer of the ledger waits until this transaction
/// ends (on SQLite the writer lock already does so).
pub async fn lock_head(tx: &mut Tx) -> Result<Head> {
    let sql = match tx.dialect() {
        Dialect::Sqlite => "SELECT last_id, last_hash FROM ledger_head WHERE id = 1",
        Dialect::Postgres => "SELECT last_id, last_hash FROM ledger_head WHERE id = 1 FOR UPDATE",
    };
    let r = tx.fetch_one(sql, &[]).await?;
    Ok(Head {
        last_id: r.i64("last_id")?,
        last_hash: r.text("last_hash")?,
        moved: false,
    })
}

impl Head {
    /// Appends one entry after the last and moves the member's balance; returns the entry's
    /// id and the member's points after it.
    pub async fn append(
        &mut self,
        tx: &mut Tx,
        n: &NewEntry<'_>,
        now: Millis,
    ) -> Result<(i64, Points)> {
        let mut e = Entry {
            id: self.last_id + 1,
            member_id: n.member_id,
            amount: n.amount,
            kind: n.kind.as_str().to_string(),
            reason: n.reason.to_string(),
            activity_id: n.activity_id,
            actor_id: n.actor_id,
            target_type: n.target_type.map(str::to_string),
            target_id: n.target_id,
            space_id: n.space_id,
            occurred_at: n.occurred_at,
            created_at: now,
            prev_hash: std::mem::take(&mut self.last_hash),
            hash: String::new(),
        };
        e.hash = entry_hash(&e);
        tx.execute(
            "INSERT INTO ledger_entries (id, member_id, amount, kind, reason, activity_id, actor_id, target_type, target_id, space_id, occurred_at, created_at, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            &[
                Arg::I64(e.id),
                Arg::I64(e.member_id),
                Arg::I64(e.amount),
                Arg::Text(&e.kind),
                Arg::Text(&e.reason),
                Arg::OptI64(e.activity_id),
                Arg::OptI64(e.actor_id),
                Arg::OptText(e.target_type.as_deref()),
                Arg::OptI64(e.target_id),
                Arg::OptI64(e.space_id),
                Arg::I64(e.occurred_at),
                Arg::I64(e.created_at),
                Arg::Text(&e.prev_hash),
                Arg::Text(&e.hash),
            ],
        )
        .await?;
        let earned = if n.kind.counts_as_earned() {
            n.amount
        } else {
            0
        };
        let r = tx
            .fetch_one(
                "INSERT INTO point_balances (member_id, balance, earned, level, updated_at) VALUES ($1, $2, $3, 1, $4)
                 ON CONFLICT (member_id) DO UPDATE SET balance = point_balances.balance + excluded.balance,
                   earned = point_balances.earned + excluded.earned, updated_at = excluded.updated_at
                 RETURNING balance, earned, level",
                &[
                    Arg::I64(n.member_id),
                    Arg::I64(n.amount),
                    Arg::I64(earned),
                    Arg::I64(now),
                ],
            )
            .await?;
        self.last_id = e.id;
        self.last_hash = e.hash;
        self.moved = true;
        Ok((e.id, points_from(&r)?))
    }

    /// Writes the chain's new end (nothing when nothing was appended).
    pub async fn finish(self, tx: &mut Tx) -> Result<()> {
        if self.moved {
            tx.execute(
                "UPDATE ledger_head SET last_id = $1, last_hash = $2 WHERE id = 1",
                &[Arg::I64(self.last_id), Arg::Text(&self.last_hash)],
            )
            .await?;
        }
        Ok(())
    }
}

fn points_from(r: &Row) -> Result<Points> {
    Ok(Points {
        balance: r.i64("balance")?,
        earned: r.i64("earned")?,
        level: r.i64("level")?,
    })
}

macro_rules! entry_columns {
    () => {
        "id, member_id, amount, kind, reason, activity_id, actor_id, target_type, target_id, space_id, occurred_at, created_at, prev_hash, hash"
    };
}

fn entry_from(r: &Row) -> Result<Entry> {
    Ok(Entry {
        id: r.i64("id")?,
        member_id: r.i64("member_id")?,
        amount: r.i64("amount")?,
        kind: r.text("kind")?,
        reason: r.text("reason")?,
        activity_id: r.opt_i64("activity_id")?,
        actor_id: r.opt_i64("actor_id")?,
        target_type: r.opt_text("target_type")?,
        target_id: r.opt_i64("target_id")?,
        space_id: r.opt_i64("space_id")?,
        occurred_at: r.i64("occurred_at")?,
        created_at: r.i64("created_at")?,
        prev_hash: r.text("prev_hash")?,
        hash: r.text("hash")?,
    })
}

/// Sets a member's level (the consumer, when their earnings cross a threshold).
pub async fn set_level_in(tx: &mut Tx, member_id: i64, level: i64) -> Result<()> {
    tx.execute(
        "UPDATE point_balances SET level = $1 WHERE member_id = $2",
        &[Arg::I64(level), Arg::I64(member_id)],
    )
    .await?;
    Ok(())
}

const SETTINGS: &str = "SELECT points_settings FROM community WHERE id = 1";

fn settings_from(r: Option<Row>) -> Result<String> {
    r.map_or(Ok(String::new()), |r| r.text("points_settings"))
}

/// The owner's points policy as stored ('' for the defaults), read in a transaction.
pub async fn settings_in(tx: &mut Tx) -> Result<String> {
    settings_from(tx.fetch_optional(SETTINGS, &[]).await?)
}

/// What `members` earned on the days of `keys` (member, day), loaded for the caps.
pub async fn tally_in(tx: &mut Tx, keys: &[(i64, i64)]) -> Result<Tally> {
    let mut tally = Tally::default();
    for chunk in keys.chunks(200) {
        let mut sql = String::from(
            "SELECT member_id, occurred_at, reason, actor_id, amount FROM ledger_entries WHERE kind = 'earn' AND (",
        );
        let mut args = Vec::with_capacity(chunk.len() * 3);
        for (i, (member, day)) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(" OR ");
            }
            let n = args.len();
            sql.push_str(&format!(
                "(member_id = ${} AND occurred_at >= ${} AND occurred_at < ${})",
                n + 1,
                n + 2,
                n + 3
            ));
            args.push(Arg::I64(*member));
            args.push(Arg::I64(day * 86_400_000));
            args.push(Arg::I64((day + 1) * 86_400_000));
        }
        sql.push(')');
        for r in tx.fetch_all_compiled(sql, &args).await? {
            let member = r.i64("member_id")?;
            let day = hearth_core::points::day_of(r.i64("occurred_at")?);
            tally.add(
                member,
                day,
                &r.text("reason")?,
                r.opt_i64("actor_id")?.unwrap_or(0),
                r.i64("amount")?,
            );
        }
    }
    Ok(tally)
}

/// What one activity's entries add up to for one member, with what a reversal copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Net {
    pub activity_id: i64,
    pub member_id: i64,
    pub amount: i64,
    pub reason: String,
    pub actor_id: Option<i64>,
    pub target_type: Option<String>,
    pub target_id: Option<i64>,
    pub space_id: Option<i64>,
    pub occurred_at: Millis,
}

fn net_from(r: &Row) -> Result<Net> {
    Ok(Net {
        activity_id: r.i64("activity_id")?,
        member_id: r.i64("member_id")?,
        amount: r.i64("amount")?,
        reason: r.text("reason")?,
        actor_id: r.opt_i64("actor_id")?,
        target_type: r.opt_text("target_type")?,
        target_id: r.opt_i64("target_id")?,
        space_id: r.opt_i64("space_id")?,
        occurred_at: r.i64("occurred_at")?,
    })
}

/// The points still standing from activities that point at `target` (a post or topic):
/// what deleting or hiding it takes back. `actor` and `reason` narrow it (one member's
/// reaction).
pub async fn standing_for_target_in(
    tx: &mut Tx,
    target_type: &str,
    target_id: i64,
    actor: Option<i64>,
    reason: Option<&str>,
) -> Result<Vec<Net>> {
    let rows = tx
        .fetch_all(
            "SELECT activity_id, member_id, CAST(SUM(amount) AS BIGINT) AS amount, MIN(reason) AS reason, MIN(actor_id) AS actor_id,
                    MIN(target_type) AS target_type, MIN(target_id) AS target_id, MIN(space_id) AS space_id, MIN(occurred_at) AS occurred_at
             FROM ledger_entries
             WHERE target_type = $1 AND target_id = $2 AND activity_id IS NOT NULL
               AND ($3 = 0 OR actor_id = $4) AND ($5 = '' OR reason = $5)
             GROUP BY activity_id, member_id HAVING SUM(amount) <> 0 ORDER BY activity_id",
            &[
                Arg::Text(target_type),
                Arg::I64(target_id),
                Arg::I64(i64::from(actor.is_some())),
                Arg::I64(actor.unwrap_or(0)),
                Arg::Text(reason.unwrap_or("")),
            ],
        )
        .await?;
    rows.iter().map(net_from).collect()
}

/// What each of `activity_ids` stands at now, per member (for a replay's corrections).
pub async fn standing_for_activities_in(tx: &mut Tx, activity_ids: &[i64]) -> Result<Vec<Net>> {
    let mut out = Vec::new();
    for chunk in activity_ids.chunks(500) {
        let (marks, args) = id_list(chunk);
        let sql = format!(
            "SELECT activity_id, member_id, CAST(SUM(amount) AS BIGINT) AS amount, MIN(reason) AS reason, MIN(actor_id) AS actor_id,
                    MIN(target_type) AS target_type, MIN(target_id) AS target_id, MIN(space_id) AS space_id, MIN(occurred_at) AS occurred_at
             FROM ledger_entries WHERE activity_id IN ({marks}) AND kind IN ('earn', 'correction', 'reversal')
             GROUP BY activity_id, member_id"
        );
        for r in tx.fetch_all_compiled(sql, &args).await? {
            out.push(net_from(&r)?);
        }
    }
    Ok(out)
}

/// What the points consumer needs to know about a post an activity points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostFact {
    pub author_id: i64,
    pub created_at: Millis,
    pub topic_id: i64,
    /// Is it the topic's first post (so deleting it takes the topic's points too)?
    pub first: bool,
}

fn id_list(ids: &[i64]) -> (String, Vec<Arg<'static>>) {
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    (
        marks.join(", "),
        ids.iter().map(|id| Arg::I64(*id)).collect(),
    )
}

/// The posts of `ids` (deleted and hidden ones too: their authors earned before).
pub async fn post_facts_in(tx: &mut Tx, ids: &[i64]) -> Result<HashMap<i64, PostFact>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let (marks, args) = id_list(chunk);
        let sql = format!(
            "SELECT id, author_id, created_at, topic_id, position FROM posts WHERE id IN ({marks})"
        );
        for r in tx.fetch_all_compiled(sql, &args).await? {
            out.insert(
                r.i64("id")?,
                PostFact {
                    author_id: r.i64("author_id")?,
                    created_at: r.i64("created_at")?,
                    topic_id: r.i64("topic_id")?,
                    first: r.i64("position")? == 1,
                },
            );
        }
    }
    Ok(out)
}

/// The authors of the topics of `ids`.
pub async fn topic_authors_in(tx: &mut Tx, ids: &[i64]) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let (marks, args) = id_list(chunk);
        let sql = format!("SELECT id, author_id FROM topics WHERE id IN ({marks})");
        for r in tx.fetch_all_compiled(sql, &args).await? {
            out.insert(r.i64("id")?, r.i64("author_id")?);
        }
    }
    Ok(out)
}

/// A leaderboard's question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Board {
    /// Count entries of activities from this time (the period's start, or the season's).
    pub since: Option<Millis>,
    pub space_id: Option<i64>,
    pub exclude_staff: bool,
    pub limit: i64,
}

/// What the leaderboards count: earnings and their corrections, never spending.
const EARNED_KINDS: &str = "('earn', 'correction', 'reversal', 'referral')";
const STAFF: &str = "('moderator', 'admin', 'owner')";

/// Who earned what verifies: the result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub entries: i64,
    pub head_hash: String,
    pub first_bad: Option<(i64, Problem)>,
}

impl Store {
    /// A member's points (zero and level 1 before their first entry).
    pub async fn points(&self, member_id: i64) -> Result<Points> {
        Ok(
            match self
                .db
                .fetch_optional(
                    "SELECT balance, earned, level FROM point_balances WHERE member_id = $1",
                    &[Arg::I64(member_id)],
                )
                .await?
            {
                Some(r) => points_from(&r)?,
                None => Points {
                    level: 1,
                    ..Points::default()
                },
            },
        )
    }

    /// A member's entries, newest first, before entry `before` (0 for the newest).
    pub async fn member_entries(
        &self,
        member_id: i64,
        before: i64,
        limit: i64,
    ) -> Result<Vec<Entry>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT ",
                    entry_columns!(),
                    " FROM ledger_entries WHERE member_id = $1 AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3"
                ),
                &[Arg::I64(member_id), Arg::I64(before), Arg::I64(limit.clamp(1, 500))],
            )
            .await?;
        rows.iter().map(entry_from).collect()
    }

    /// Entries in chain order after `after`, at most `limit`.
    pub async fn ledger_entries(&self, after: i64, limit: i64) -> Result<Vec<Entry>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT ",
                    entry_columns!(),
                    " FROM ledger_entries WHERE id > $1 ORDER BY id LIMIT $2"
                ),
                &[Arg::I64(after), Arg::I64(limit.clamp(1, 10_000))],
            )
            .await?;
        rows.iter().map(entry_from).collect()
    }

    /// Recomputes the chain from the first entry and every member's balance and earnings,
    /// and names the first entry that does not match.
    pub async fn verify_ledger(&self) -> Result<Verification> {
        let mut v = Verifier::default();
        let mut after = 0;
        loop {
            let page = self.ledger_entries(after, 5_000).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            page.iter().for_each(|e| v.check(e));
        }
        let head = self
            .db
            .fetch_one(
                "SELECT last_id, last_hash FROM ledger_head WHERE id = 1",
                &[],
            )
            .await?;
        if v.first_bad.is_none()
            && (head.i64("last_id")? != after || head.text("last_hash")? != v.head())
        {
            // Entries at the end are gone (or the head was moved): the first missing one.
            v.first_bad = Some((after + 1, Problem::Gap));
        }
        let rows = self
            .db
            .fetch_all("SELECT member_id, balance, earned FROM point_balances", &[])
            .await?;
        let mut stored = HashMap::with_capacity(rows.len());
        for r in &rows {
            stored.insert(r.i64("member_id")?, (r.i64("balance")?, r.i64("earned")?));
        }
        v.check_balances(&stored);
        Ok(Verification {
            entries: v.entries,
            head_hash: v.head().to_string(),
            first_bad: v.first_bad,
        })
    }

    /// The top earners of a period, a space or a season, with their points.
    pub async fn leaderboard(&self, b: &Board) -> Result<Vec<(Author, i64)>> {
        let staff = if b.exclude_staff {
            format!(" AND m.role NOT IN {STAFF}")
        } else {
            String::new()
        };
        let live = "m.kind = 'account' AND m.erased_at IS NULL AND m.merged_into IS NULL";
        let (sql, args) = if b.since.is_none() && b.space_id.is_none() {
            (
                format!(
                    "SELECT m.id, m.handle, m.display_name, m.avatar_upload_id AS avatar_id, p.earned AS points
                     FROM point_balances p JOIN members m ON m.id = p.member_id
                     WHERE p.earned > 0 AND {live}{staff}
                     ORDER BY p.earned DESC, m.id LIMIT $1"
                ),
                vec![Arg::I64(b.limit.clamp(1, 500))],
            )
        } else {
            let space = if b.space_id.is_some() {
                " AND e.space_id = $3"
            } else {
                ""
            };
            (
                format!(
                    "SELECT m.id, m.handle, m.display_name, m.avatar_upload_id AS avatar_id, t.points FROM
                       (SELECT e.member_id, CAST(SUM(e.amount) AS BIGINT) AS points FROM ledger_entries e
                        WHERE e.kind IN {EARNED_KINDS} AND e.occurred_at >= $2{space}
                        GROUP BY e.member_id HAVING SUM(e.amount) > 0) t
                     JOIN members m ON m.id = t.member_id
                     WHERE {live}{staff}
                     ORDER BY t.points DESC, m.id LIMIT $1"
                ),
                [
                    Arg::I64(b.limit.clamp(1, 500)),
                    Arg::I64(b.since.unwrap_or(i64::MIN)),
                ]
                .into_iter()
                .chain(b.space_id.map(Arg::I64))
                .collect(),
            )
        };
        let rows = self.db.fetch_all_compiled(sql, &args).await?;
        rows.iter()
            .map(|r| {
                Ok((
                    Author {
                        id: r.i64("id")?,
                        handle: r.text("handle")?,
                        display_name: r.text("display_name")?,
                        avatar_id: r.opt_i64("avatar_id")?,
                    },
                    r.i64("points")?,
                ))
            })
            .collect()
    }

    /// The stored points policy ('' for the defaults).
    pub async fn points_settings(&self) -> Result<String> {
        settings_from(self.db.fetch_optional(SETTINGS, &[]).await?)
    }

    /// Stores the points policy (JSON checked by the caller) and sets every member's level
    /// by `thresholds`; returns the members whose level rose, with their new level.
    pub async fn set_points_settings(
        &self,
        json: &str,
        thresholds: &[i64],
    ) -> Result<Vec<(i64, i64)>> {
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "UPDATE community SET points_settings = $1 WHERE id = 1",
                &[Arg::Text(json)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let rows = tx
            .fetch_all("SELECT member_id, earned, level FROM point_balances", &[])
            .await?;
        let mut rose = Vec::new();
        for r in &rows {
            let member = r.i64("member_id")?;
            let level = hearth_core::points::level_for(thresholds, r.i64("earned")?);
            let old = r.i64("level")?;
            if level != old {
                set_level_in(&mut tx, member, level).await?;
                if level > old {
                    rose.push((member, level));
                }
            }
        }
        tx.commit().await?;
        Ok(rose)
    }

    /// The start of the current season, if the owner has started one.
    pub async fn season(&self) -> Result<Option<(i64, String, Millis)>> {
        let r = self
            .db
            .fetch_optional(
                "SELECT id, name, started_at FROM seasons ORDER BY id DESC LIMIT 1",
                &[],
            )
            .await?;
        r.map(|r| Ok((r.i64("id")?, r.text("name")?, r.i64("started_at")?)))
            .transpose()
    }

    /// Starts a new season: the leaderboards count from now; the ledger is untouched.
    pub async fn start_season(&self, name: &str, by: i64, now: Millis) -> Result<i64> {
        self.db
            .fetch_one(
                "INSERT INTO seasons (name, started_at, started_by) VALUES ($1, $2, $3) RETURNING id",
                &[Arg::Text(name), Arg::I64(now), Arg::I64(by)],
            )
            .await?
            .i64("id")
    }
}
