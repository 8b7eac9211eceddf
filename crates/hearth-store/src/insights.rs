//! What the analytics engine (`hearth-insights`) reads: the activity log in stream order,
//! each row with the topic it concerns (and, for an accepted answer, the answer's author),
//! and what it needs to know of people (staff, opted out). Each node keeps its own copy of
//! the engine's log, so these reads take no consumer's lock and advance no stored cursor:
//! the reader holds its own place, `(txid, id)`, as the stream's consumers do.

use crate::{Arg, Dialect, Result, Store};
use hearth_core::model::Millis;

/// One activity as the engine takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightRow {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub channel: String,
    pub space_id: Option<i64>,
    /// The topic started or asked, or the topic of the post the activity is about.
    pub topic_id: Option<i64>,
    /// The author of the post the activity is about (for an accepted answer).
    pub post_author: Option<i64>,
    /// The member the activity answers: the author of the topic a hub reply is in, or the
    /// member an activity from elsewhere names as its target (a reply on Discord or Slack,
    /// a pushed `message_replied`).
    pub target_member: Option<i64>,
    /// For commerce, the amount in minor units.
    pub weight: i64,
    pub occurred_at: Millis,
}

/// A place in the stream: `(txid, id)` of the last row read; `(0, 0)` before the first.
pub type Place = (i64, i64);

/// The most rows one read returns.
pub const MAX_READ: i64 = 100_000;

macro_rules! select_rows {
    ($where_order:literal) => {
        concat!(
            "SELECT a.id, a.txid, a.member_id, a.kind, a.channel, a.space_id, a.weight, a.occurred_at,
             CASE WHEN a.target_type = 'topic' THEN a.target_id WHEN a.target_type = 'post' THEN p.topic_id END AS topic_id,
             CASE WHEN a.target_type = 'post' THEN p.author_id END AS post_author,
             CASE WHEN a.target_type = 'member' THEN a.target_id WHEN a.kind = 'replied' THEN t.author_id END AS target_member
             FROM activities a LEFT JOIN posts p ON a.target_type = 'post' AND p.id = a.target_id
             LEFT JOIN topics t ON a.kind = 'replied' AND t.id = p.topic_id ",
            $where_order
        )
    };
}

/// On SQLite `txid` is always 0, so the primary key orders the stream.
const AFTER_SQLITE: &str = select_rows!("WHERE a.id > $2 AND a.txid >= $1 ORDER BY a.id LIMIT $3");
const AFTER_POSTGRES: &str = select_rows!(
    "WHERE (a.txid, a.id) > ($1, $2) AND a.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
     ORDER BY a.txid, a.id LIMIT $3"
);

/// A person as the engine sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsightPerson {
    pub id: i64,
    /// Moderators, admins and the owner.
    pub staff: bool,
    /// Opted out of analytics.
    pub excluded: bool,
}

/// Replies (posts after the first) written in `[$1, $2)`, in space `$3` when it is not
/// null, that are live in live topics (a macro, so statements stay `&'static str`).
macro_rules! replies_between {
    () => {
        "FROM posts p JOIN topics t ON t.id = p.topic_id
         WHERE p.position > 1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL
           AND t.deleted_at IS NULL AND t.hidden_at IS NULL
           AND p.created_at >= $1 AND p.created_at < $2
           AND (CAST($3 AS BIGINT) IS NULL OR t.space_id = $3)"
    };
}

/// A topic with its count, as the top-content reads give it.
fn counted_topic(r: &crate::Row) -> Result<(i64, i64, String, i64)> {
    Ok((
        r.i64("topic_id")?,
        r.i64("space_id")?,
        r.text("title")?,
        r.i64("n")?,
    ))
}

impl Store {
    /// The rows after `place` in stream order (at most `limit`), and the place after them.
    /// On PostgreSQL only rows of transactions older than every running one are read, as
    /// for the stream's consumers, so nothing that commits later can sort before them.
    pub async fn insight_rows_after(
        &self,
        place: Place,
        limit: i64,
    ) -> Result<(Vec<InsightRow>, Place)> {
        let sql = match self.dialect() {
            Dialect::Sqlite => AFTER_SQLITE,
            Dialect::Postgres => AFTER_POSTGRES,
        };
        let rows = self
            .db
            .fetch_all(
                sql,
                &[
                    Arg::I64(place.0),
                    Arg::I64(place.1),
                    Arg::I64(limit.clamp(1, MAX_READ)),
                ],
            )
            .await?;
        let mut last = place;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            last = (r.i64("txid")?, r.i64("id")?);
            out.push(InsightRow {
                id: r.i64("id")?,
                member_id: r.i64("member_id")?,
                kind: r.text("kind")?,
                channel: r.text("channel")?,
                space_id: r.opt_i64("space_id")?,
                topic_id: r.opt_i64("topic_id")?,
                post_author: r.opt_i64("post_author")?,
                target_member: r.opt_i64("target_member")?,
                weight: r.i64("weight")?,
                occurred_at: r.i64("occurred_at")?,
            });
        }
        Ok((out, last))
    }

    /// Every person, with whether they are staff and whether they opted out of analytics.
    pub async fn insight_people(&self) -> Result<Vec<InsightPerson>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, role, analytics_opt_out FROM members ORDER BY id",
                &[],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let role = r.text("role")?;
            out.push(InsightPerson {
                id: r.i64("id")?,
                staff: matches!(role.as_str(), "moderator" | "admin" | "owner"),
                excluded: r.i64("analytics_opt_out")? != 0,
            });
        }
        Ok(out)
    }

    /// The most read topics on days `from..=to` (`YYYY-MM-DD`, as `topic_views` keeps
    /// them) that are neither deleted nor hidden, in `space` when one is given: (topic id,
    /// space id, title, views), most first. The caller keeps those the reader may see.
    pub async fn most_read_between(
        &self,
        from: &str,
        to: &str,
        space: Option<i64>,
        limit: i64,
    ) -> Result<Vec<(i64, i64, String, i64)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT v.topic_id, t.space_id, t.title, CAST(SUM(v.views) AS BIGINT) AS n
                 FROM topic_views v JOIN topics t ON t.id = v.topic_id
                 WHERE v.day >= $1 AND v.day <= $2 AND t.deleted_at IS NULL AND t.hidden_at IS NULL
                   AND (CAST($3 AS BIGINT) IS NULL OR t.space_id = $3)
                 GROUP BY v.topic_id, t.space_id, t.title ORDER BY n DESC, v.topic_id LIMIT $4",
                &[
                    Arg::Text(from),
                    Arg::Text(to),
                    Arg::OptI64(space),
                    Arg::I64(limit.clamp(1, 100)),
                ],
            )
            .await?;
        rows.iter().map(counted_topic).collect()
    }

    /// The topics with the most replies written in `[from, until)` (ms), in `space` when
    /// one is given, leaving out deleted and hidden posts and topics: (topic id, space id,
    /// title, replies), most first. The caller keeps those the reader may see.
    pub async fn most_replied_between(
        &self,
        from: Millis,
        until: Millis,
        space: Option<i64>,
        limit: i64,
    ) -> Result<Vec<(i64, i64, String, i64)>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT p.topic_id, t.space_id, t.title, COUNT(*) AS n ",
                    replies_between!(),
                    " GROUP BY p.topic_id, t.space_id, t.title ORDER BY n DESC, p.topic_id LIMIT $4"
                ),
                &[
                    Arg::I64(from),
                    Arg::I64(until),
                    Arg::OptI64(space),
                    Arg::I64(limit.clamp(1, 100)),
                ],
            )
            .await?;
        rows.iter().map(counted_topic).collect()
    }

    /// The same replies as [`Self::most_replied_between`], counted by topic and author,
    /// for a caller that keeps only some authors (a segment's members): (topic id, space
    /// id, title, author id, replies), by topic.
    pub async fn replies_by_author_between(
        &self,
        from: Millis,
        until: Millis,
        space: Option<i64>,
    ) -> Result<Vec<(i64, i64, String, i64, i64)>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT p.topic_id, t.space_id, t.title, p.author_id, COUNT(*) AS n ",
                    replies_between!(),
                    " GROUP BY p.topic_id, t.space_id, t.title, p.author_id ORDER BY p.topic_id, p.author_id"
                ),
                &[Arg::I64(from), Arg::I64(until), Arg::OptI64(space)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.i64("topic_id")?,
                    r.i64("space_id")?,
                    r.text("title")?,
                    r.i64("author_id")?,
                    r.i64("n")?,
                ))
            })
            .collect()
    }
}

/// A newcomer whose first post got no reply in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnansweredNewcomer {
    pub member_id: i64,
    pub topic_id: i64,
    pub space_id: i64,
    pub title: String,
    pub posted_at: Millis,
}

impl Store {
    /// Members (not staff, not opted out of analytics) whose first post anywhere was a
    /// topic they started in `[from, until)`, in `space` when given, that nobody else
    /// replied to within `wait` ms, counting only topics at least `wait` old at `now` and
    /// neither deleted nor hidden; oldest first. The caller keeps those the reader may see.
    pub async fn unanswered_newcomers(
        &self,
        (from, until): (Millis, Millis),
        space: Option<i64>,
        wait: Millis,
        now: Millis,
        limit: i64,
    ) -> Result<Vec<UnansweredNewcomer>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT t.id, t.space_id, t.title, t.author_id, t.created_at
                 FROM topics t JOIN members m ON m.id = t.author_id
                 WHERE t.created_at >= $1 AND t.created_at < $2 AND t.created_at <= $3
                   AND t.deleted_at IS NULL AND t.hidden_at IS NULL
                   AND (CAST($4 AS BIGINT) IS NULL OR t.space_id = $4)
                   AND m.role NOT IN ('moderator', 'admin', 'owner') AND m.analytics_opt_out = 0
                   AND NOT EXISTS (SELECT 1 FROM posts e
                                   WHERE e.author_id = t.author_id AND e.created_at < t.created_at)
                   AND NOT EXISTS (SELECT 1 FROM posts r
                                   WHERE r.topic_id = t.id AND r.position > 1 AND r.author_id <> t.author_id
                                     AND r.created_at <= t.created_at + $5)
                 ORDER BY t.created_at, t.id LIMIT $6",
                &[
                    Arg::I64(from),
                    Arg::I64(until),
                    Arg::I64(now - wait),
                    Arg::OptI64(space),
                    Arg::I64(wait),
                    Arg::I64(limit.clamp(1, 1_000)),
                ],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(UnansweredNewcomer {
                    member_id: r.i64("author_id")?,
                    topic_id: r.i64("id")?,
                    space_id: r.i64("space_id")?,
                    title: r.text("title")?,
                    posted_at: r.i64("created_at")?,
                })
            })
            .collect()
    }
}

/// A target on one Insights metric by a day (figures in thousandths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: i64,
    pub metric: String,
    pub target_milli: i64,
    /// The metric's figure when the goal was set, if it had one.
    pub baseline_milli: Option<i64>,
    /// `YYYY-MM-DD`.
    pub due_day: String,
    pub created_by: Option<i64>,
    pub created_at: Millis,
}

/// The most goals kept at once.
pub const MAX_GOALS: i64 = 20;

impl Store {
    /// Adds a goal unless there are already [`MAX_GOALS`] (then `Conflict` on `goals`).
    pub async fn create_goal(&self, g: &Goal) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let n = tx
            .fetch_one("SELECT COUNT(*) AS n FROM insight_goals", &[])
            .await?
            .i64("n")?;
        if n >= MAX_GOALS {
            return Err(crate::StoreError::Conflict { field: "goals" });
        }
        let id = tx
            .fetch_one(
                "INSERT INTO insight_goals (metric, target_milli, baseline_milli, due_day, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    Arg::Text(&g.metric),
                    Arg::I64(g.target_milli),
                    Arg::OptI64(g.baseline_milli),
                    Arg::Text(&g.due_day),
                    Arg::OptI64(g.created_by),
                    Arg::I64(g.created_at),
                ],
            )
            .await?
            .i64("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every goal, soonest due first.
    pub async fn goals(&self) -> Result<Vec<Goal>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, metric, target_milli, baseline_milli, due_day, created_by, created_at
                 FROM insight_goals ORDER BY due_day, id",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Goal {
                    id: r.i64("id")?,
                    metric: r.text("metric")?,
                    target_milli: r.i64("target_milli")?,
                    baseline_milli: r.opt_i64("baseline_milli")?,
                    due_day: r.text("due_day")?,
                    created_by: r.opt_i64("created_by")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }

    /// Deletes goal `id`; `NotFound` when there is none.
    pub async fn delete_goal(&self, id: i64) -> Result<()> {
        let n = self
            .db
            .execute("DELETE FROM insight_goals WHERE id = $1", &[Arg::I64(id)])
            .await?;
        if n == 0 {
            return Err(crate::StoreError::NotFound);
        }
        Ok(())
    }
}

impl Store {
    /// The owner and the admins, by id: who gets the weekly report.
    pub async fn report_recipients(&self) -> Result<Vec<i64>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id FROM members WHERE kind = 'account' AND role IN ('owner', 'admin')
                 AND merged_into IS NULL AND erased_at IS NULL AND email <> '' ORDER BY id",
                &[],
            )
            .await?;
        rows.iter().map(|r| r.i64("id")).collect()
    }
}
