//! Members watching a space (for new topics) or a topic (for every reply). Fan-out reads
//! watchers in member-id order, a batch at a time, so 10,000 watchers never load at once.

use crate::members::member_from;
use crate::{Arg, Result, Store};
use hearth_core::model::{Member, Millis};

/// What is watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watched {
    Space(i64),
    Topic(i64),
}

impl Store {
    /// Starts (`on`) or stops watching. Returns whether anything changed.
    pub async fn set_watch(
        &self,
        watched: Watched,
        member_id: i64,
        on: bool,
        now: Millis,
    ) -> Result<bool> {
        let (sql, id) = match (watched, on) {
            (Watched::Space(id), true) => (
                "INSERT INTO space_watches (space_id, member_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                id,
            ),
            (Watched::Topic(id), true) => (
                "INSERT INTO topic_watches (topic_id, member_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                id,
            ),
            (Watched::Space(id), false) => (
                "DELETE FROM space_watches WHERE space_id = $1 AND member_id = $2 AND $3 = $3",
                id,
            ),
            (Watched::Topic(id), false) => (
                "DELETE FROM topic_watches WHERE topic_id = $1 AND member_id = $2 AND $3 = $3",
                id,
            ),
        };
        let n = self
            .db
            .execute(sql, &[Arg::I64(id), Arg::I64(member_id), Arg::I64(now)])
            .await?;
        Ok(n == 1)
    }

    pub async fn is_watching(&self, watched: Watched, member_id: i64) -> Result<bool> {
        let (sql, id) = match watched {
            Watched::Space(id) => (
                "SELECT 1 AS one FROM space_watches WHERE space_id = $1 AND member_id = $2",
                id,
            ),
            Watched::Topic(id) => (
                "SELECT 1 AS one FROM topic_watches WHERE topic_id = $1 AND member_id = $2",
                id,
            ),
        };
        Ok(self
            .db
            .fetch_optional(sql, &[Arg::I64(id), Arg::I64(member_id)])
            .await?
            .is_some())
    }

    /// Watchers with ids after `after_member_id`, in id order, at most `limit`.
    pub async fn watchers(
        &self,
        watched: Watched,
        after_member_id: i64,
        limit: i64,
    ) -> Result<Vec<Member>> {
        let (sql, id) = match watched {
            Watched::Space(id) => (
                "SELECT m.id, m.email, m.handle, m.display_name, m.role, m.created_at, m.email_confirmed_at, m.suspended_until, m.trust_level, m.trust_locked, m.guidelines_version, m.language, m.time_zone, m.avatar_upload_id
                 FROM space_watches w JOIN members m ON m.id = w.member_id
                 WHERE w.space_id = $1 AND w.member_id > $2 ORDER BY w.member_id LIMIT $3",
                id,
            ),
            Watched::Topic(id) => (
                "SELECT m.id, m.email, m.handle, m.display_name, m.role, m.created_at, m.email_confirmed_at, m.suspended_until, m.trust_level, m.trust_locked, m.guidelines_version, m.language, m.time_zone, m.avatar_upload_id
                 FROM topic_watches w JOIN members m ON m.id = w.member_id
                 WHERE w.topic_id = $1 AND w.member_id > $2 ORDER BY w.member_id LIMIT $3",
                id,
            ),
        };
        let rows = self
            .db
            .fetch_all(
                sql,
                &[
                    Arg::I64(id),
                    Arg::I64(after_member_id),
                    Arg::I64(limit.clamp(1, 10_000)),
                ],
            )
            .await?;
        rows.iter().map(member_from).collect()
    }

    /// How many members watch.
    pub async fn watcher_count(&self, watched: Watched) -> Result<i64> {
        let (sql, id) = match watched {
            Watched::Space(id) => (
                "SELECT COUNT(*) AS n FROM space_watches WHERE space_id = $1",
                id,
            ),
            Watched::Topic(id) => (
                "SELECT COUNT(*) AS n FROM topic_watches WHERE topic_id = $1",
                id,
            ),
        };
        self.db.fetch_one(sql, &[Arg::I64(id)]).await?.i64("n")
    }
}
