//! Visits and reading: a signed-in member's visit becomes a `visited` activity at most
//! once an hour (the day, never the pages), and topic views are counted per topic per day
//! in aggregate. Both arrive in batches from the node's recorder, off the request path;
//! members who opted out of analytics are dropped here, in the same statement.

use crate::{Arg, Result, Store};
use hearth_core::model::Millis;

/// One visit to record: the member and when, within the hour, they were first seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub member_id: i64,
    pub at: Millis,
}

/// Views of one topic on one day (`YYYY-MM-DD`, UTC) by one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicViews {
    pub member_id: i64,
    pub topic_id: i64,
    pub day: String,
    pub views: i64,
}

fn hour_key(member_id: i64, at: Millis) -> String {
    format!("visited:{member_id}:{}", at.div_euclid(3_600_000))
}

impl Store {
    /// Records visits in one transaction; returns how many were new. A visit in an hour
    /// already recorded (by this node or another) is skipped by its idempotency key.
    pub async fn record_visits(&self, visits: &[Visit]) -> Result<u64> {
        if visits.is_empty() {
            return Ok(0);
        }
        let mut tx = self.db.begin().await?;
        let mut written = 0;
        let now = crate::now_millis();
        for v in visits {
            let key = hour_key(v.member_id, v.at);
            let properties =
                serde_json::json!({ "day": hearth_core::model::utc_day(v.at) }).to_string();
            written += tx
                .execute(
                    "INSERT INTO activities (member_id, kind, channel, target_type, target_id, properties, idempotency_key, occurred_at, recorded_at)
                     SELECT id, $1, $2, 'member', id, $3, $4, $5, $6 FROM members
                     WHERE id = $7 AND analytics_opt_out = 0 AND erased_at IS NULL AND merged_into IS NULL
                     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING",
                    &[
                        Arg::Text(hearth_core::activity::VISITED),
                        Arg::Text(hearth_core::activity::HUB),
                        Arg::Text(&properties),
                        Arg::Text(&key),
                        Arg::I64(v.at),
                        Arg::I64(now),
                        Arg::I64(v.member_id),
                    ],
                )
                .await?;
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Adds topic views to the daily counts, in one transaction. Views by members who
    /// opted out of analytics are not counted.
    pub async fn add_topic_views(&self, views: &[TopicViews]) -> Result<()> {
        if views.is_empty() {
            return Ok(());
        }
        let mut tx = self.db.begin().await?;
        for v in views {
            tx.execute(
                "INSERT INTO topic_views (topic_id, day, views)
                 SELECT t.id, $1, $2 FROM topics t, members m
                 WHERE t.id = $3 AND m.id = $4 AND m.analytics_opt_out = 0
                 ON CONFLICT (topic_id, day) DO UPDATE SET views = topic_views.views + excluded.views",
                &[
                    Arg::Text(&v.day),
                    Arg::I64(v.views),
                    Arg::I64(v.topic_id),
                    Arg::I64(v.member_id),
                ],
            )
            .await?;
        }
        tx.commit().await
    }

    /// A topic's views by signed-in members, all days together.
    pub async fn topic_view_count(&self, topic_id: i64) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) AS n FROM topic_views WHERE topic_id = $1",
                &[Arg::I64(topic_id)],
            )
            .await?
            .i64("n")
    }

    /// The most read topics from `since_day` (inclusive), most views first:
    /// (topic id, views).
    pub async fn most_read_topics(&self, since_day: &str, limit: i64) -> Result<Vec<(i64, i64)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT topic_id, CAST(SUM(views) AS BIGINT) AS n FROM topic_views WHERE day >= $1
                 GROUP BY topic_id ORDER BY n DESC, topic_id LIMIT $2",
                &[Arg::Text(since_day), Arg::I64(limit.clamp(1, 100))],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((r.i64("topic_id")?, r.i64("n")?)))
            .collect()
    }
}
