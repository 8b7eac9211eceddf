//! The numbers trust levels are earned from, and changes of level. A change appends the
//! member's `trust_level_changed` activity (and, when staff made it, an audit row) in its
//! transaction.

use crate::activity::{self, NewActivity};
use crate::audit::{NewAudit, audit_in};
use crate::{Arg, Result, Store, StoreError};
use hearth_core::audit::AuditAction;
use hearth_core::model::Millis;
use hearth_core::trust::{RECENT_DAYS, Stats};
use hearth_core::values::Role;

const DAY: i64 = 86_400_000;

/// A member as the trust job sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustRow {
    pub id: i64,
    pub role: Role,
    pub level: u8,
    pub locked: bool,
    pub created_at: Millis,
}

/// A change of level to record.
#[derive(Debug, Clone)]
pub struct LevelChange<'a> {
    pub member_id: i64,
    pub level: u8,
    /// Fix the level by hand (the job leaves it alone), or hand it back to the job.
    pub locked: bool,
    /// Made by hand (staff or the console) rather than by the trust job.
    pub manual: bool,
    /// The staff member who made it (`None` for the job and the console).
    pub by: Option<i64>,
    pub reason: Option<&'a str>,
}

impl Store {
    /// What `member_id` has done, as trust levels measure it, at `now`.
    pub async fn trust_stats(
        &self,
        member_id: i64,
        joined_at: Millis,
        now: Millis,
    ) -> Result<Stats> {
        let since = now - RECENT_DAYS * DAY;
        let r = self
            .db
            .fetch_one(
                "SELECT
                   (SELECT COUNT(DISTINCT occurred_at / 86400000) FROM activities WHERE member_id = $1) AS days_active,
                   (SELECT COUNT(DISTINCT occurred_at / 86400000) FROM activities WHERE member_id = $1 AND occurred_at >= $2) AS days_active_recent,
                   (SELECT COUNT(*) FROM posts WHERE author_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL) AS posts,
                   (SELECT COUNT(*) FROM posts WHERE author_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL AND position > 1) AS replies,
                   (SELECT COUNT(*) FROM posts WHERE author_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL AND position > 1 AND created_at >= $2) AS replies_recent,
                   (SELECT COUNT(*) FROM post_reactions WHERE member_id = $1) AS reactions_given,
                   (SELECT COUNT(*) FROM post_reactions r JOIN posts p ON p.id = r.post_id
                     WHERE p.author_id = $1 AND r.member_id <> $1) AS reactions_received,
                   (SELECT COUNT(*) FROM post_reactions r JOIN posts p ON p.id = r.post_id
                     WHERE p.author_id = $1 AND r.member_id <> $1 AND r.created_at >= $2) AS reactions_received_recent,
                   (SELECT COUNT(*) FROM topics t JOIN posts p ON p.id = t.answer_post_id
                     WHERE p.author_id = $1 AND t.deleted_at IS NULL) AS accepted_answers,
                   (SELECT COUNT(*) FROM moderation_items i JOIN posts p ON p.id = i.post_id
                     WHERE p.author_id = $1 AND i.decision IN ('hide', 'delete') AND i.resolved_at >= $2) AS moderated_posts_recent,
                   (SELECT COUNT(*) FROM suspensions WHERE member_id = $1 AND created_at >= $2) AS restrictions_recent",
                &[Arg::I64(member_id), Arg::I64(since)],
            )
            .await?;
        Ok(Stats {
            days_since_join: (now - joined_at).max(0) / DAY,
            days_active: r.i64("days_active")?,
            days_active_recent: r.i64("days_active_recent")?,
            posts: r.i64("posts")?,
            replies: r.i64("replies")?,
            replies_recent: r.i64("replies_recent")?,
            reactions_given: r.i64("reactions_given")?,
            reactions_received: r.i64("reactions_received")?,
            reactions_received_recent: r.i64("reactions_received_recent")?,
            accepted_answers: r.i64("accepted_answers")?,
            moderated_posts_recent: r.i64("moderated_posts_recent")?,
            restrictions_recent: r.i64("restrictions_recent")?,
        })
    }

    /// Members after `after_id` in id order, for the trust job's batches.
    pub async fn trust_rows(&self, after_id: i64, limit: i64) -> Result<Vec<TrustRow>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, role, trust_level, trust_locked, created_at FROM members WHERE id > $1 AND kind = 'account' ORDER BY id LIMIT $2",
                &[Arg::I64(after_id), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let role = r.text("role")?;
                Ok(TrustRow {
                    id: r.i64("id")?,
                    role: Role::parse(&role)
                        .map_err(|_| StoreError::Decode(format!("unknown role {role}")))?,
                    level: u8::try_from(r.i64("trust_level")?.clamp(0, 4)).unwrap_or(0),
                    locked: r.i64("trust_locked")? != 0,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }

    /// Sets a member's level. The job's changes skip locked members (returns false); staff
    /// changes always apply. Records the activity, and an audit row for staff.
    pub async fn set_trust_level(&self, c: &LevelChange<'_>, now: Millis) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "SELECT trust_level, trust_locked FROM members WHERE id = $1",
                &[Arg::I64(c.member_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let from = row.i64("trust_level")?;
        let was_locked = row.i64("trust_locked")? != 0;
        if !c.manual && (was_locked || from == i64::from(c.level)) {
            return Ok(false);
        }
        // The job's write holds only while the member is still unlocked, so a lock staff set
        // a moment ago is never undone.
        let written = tx
            .execute(
                "UPDATE members SET trust_level = $1, trust_locked = $2 WHERE id = $3 AND ($4 = 1 OR trust_locked = 0)",
                &[
                    Arg::I64(i64::from(c.level)),
                    Arg::I64(i64::from(c.locked)),
                    Arg::I64(c.member_id),
                    Arg::I64(i64::from(c.manual)),
                ],
            )
            .await?;
        if written == 0 {
            return Ok(false);
        }
        let how = if c.manual { "staff" } else { "earned" };
        let details =
            serde_json::json!({ "from": from, "to": c.level, "how": how, "locked": c.locked })
                .to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id: c.member_id,
                kind: hearth_core::activity::TRUST_LEVEL_CHANGED,
                channel: hearth_core::activity::HUB,
                target_type: Some("member"),
                target_id: Some(c.member_id),
                space_id: None,
                properties: Some(&details),
                occurred_at: now,
            },
        )
        .await?;
        if c.manual {
            audit_in(
                &mut tx,
                &NewAudit {
                    actor_id: c.by,
                    action: AuditAction::MemberTrustSet,
                    target_type: Some("member"),
                    target_id: Some(c.member_id),
                    reason: c.reason,
                    details: Some(&details),
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// How many topics and posts (topics included) `member_id` wrote since `since`.
    pub async fn posts_since(&self, member_id: i64, since: Millis) -> Result<(i64, i64)> {
        let r = self
            .db
            .fetch_one(
                "SELECT COUNT(*) AS posts, COALESCE(SUM(CASE WHEN position = 1 THEN 1 ELSE 0 END), 0) AS topics
                 FROM posts WHERE author_id = $1 AND created_at >= $2",
                &[Arg::I64(member_id), Arg::I64(since)],
            )
            .await?;
        Ok((r.i64("topics")?, r.i64("posts")?))
    }
}
