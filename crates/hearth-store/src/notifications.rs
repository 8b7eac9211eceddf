//! In-app notifications. Only jobs write them (the outbox pattern): a change enqueues a
//! job in its own transaction, and the job works out who to tell. Each row has a
//! `dedupe_key`, so a job that runs twice notifies nobody twice.

use crate::{Arg, Result, Row, Store, Tx};
use hearth_core::model::Millis;
use hearth_core::notifications::{Digest, NotificationKind};

/// A notification as the member's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: i64,
    pub kind: String,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub topic_id: Option<i64>,
    pub topic_title: Option<String>,
    pub post_id: Option<i64>,
    pub created_at: Millis,
    pub read_at: Option<Millis>,
}

/// A notification to write.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub member_id: i64,
    pub kind: NotificationKind,
    pub actor_id: Option<i64>,
    pub topic_id: Option<i64>,
    pub post_id: Option<i64>,
    pub dedupe_key: &'a str,
    /// Whether and when it goes out by mail, as the member chose for its kind.
    pub mail: MailRoute,
}

/// How a notification reaches the member's inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailRoute {
    /// Not by mail.
    None,
    /// Alone, at once: a `mail.notification` job is enqueued with it.
    Immediately,
    /// In the next digest.
    Digest(Digest),
}

fn notification_from(r: &Row) -> Result<Notification> {
    Ok(Notification {
        id: r.i64("id")?,
        kind: r.text("kind")?,
        actor_id: r.opt_i64("actor_id")?,
        actor_name: r.opt_text("actor_name")?,
        topic_id: r.opt_i64("topic_id")?,
        topic_title: r.opt_text("topic_title")?,
        post_id: r.opt_i64("post_id")?,
        created_at: r.i64("created_at")?,
        read_at: r.opt_i64("read_at")?,
    })
}

/// Writes a notification unless one with the same `dedupe_key` exists, and enqueues its
/// mail when it goes out at once (same transaction). Returns whether it was written.
pub async fn notify_in(tx: &mut Tx, n: &NewNotification<'_>, now: Millis) -> Result<bool> {
    let digest = match n.mail {
        MailRoute::Digest(d) => Some(d.as_str()),
        _ => None,
    };
    let written = tx
        .fetch_optional(
            "INSERT INTO notifications (member_id, kind, actor_id, topic_id, post_id, dedupe_key, created_at, digest)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
            &[
                Arg::I64(n.member_id),
                Arg::Text(n.kind.as_str()),
                Arg::OptI64(n.actor_id),
                Arg::OptI64(n.topic_id),
                Arg::OptI64(n.post_id),
                Arg::Text(n.dedupe_key),
                Arg::I64(now),
                Arg::OptText(digest),
            ],
        )
        .await?;
    let Some(row) = written else {
        return Ok(false);
    };
    if n.mail == MailRoute::Immediately {
        let id = row.i64("id")?;
        crate::jobs::enqueue(
            tx,
            &crate::jobs::Job::MailNotification {
                notification_id: id,
            },
            Some(&format!("mail.notification:{id}")),
            now,
        )
        .await?;
    }
    Ok(true)
}

impl Store {
    /// Writes a batch of notifications in one transaction (each at most once).
    pub async fn notify(&self, batch: &[NewNotification<'_>], now: Millis) -> Result<usize> {
        let mut tx = self.db.begin().await?;
        let mut written = 0;
        for n in batch {
            if notify_in(&mut tx, n, now).await? {
                written += 1;
            }
        }
        tx.commit().await?;
        Ok(written)
    }

    /// A member's notifications, newest first, keyset-paginated on id.
    pub async fn notifications_page(
        &self,
        member_id: i64,
        before_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Notification>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT n.id, n.kind, n.actor_id, a.display_name AS actor_name, n.topic_id, t.title AS topic_title,
                        n.post_id, n.created_at, n.read_at
                 FROM notifications n
                 LEFT JOIN members a ON a.id = n.actor_id
                 LEFT JOIN topics t ON t.id = n.topic_id
                 WHERE n.member_id = $1 AND n.id < $2
                 ORDER BY n.id DESC LIMIT $3",
                &[Arg::I64(member_id), Arg::I64(before_id.unwrap_or(i64::MAX)), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(notification_from).collect()
    }

    /// How many notifications a post caused (for fan-out measurements and audits).
    pub async fn notifications_for_post(&self, post_id: i64) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT COUNT(*) AS n FROM notifications WHERE post_id = $1",
                &[Arg::I64(post_id)],
            )
            .await?
            .i64("n")
    }

    /// What every page's header shows a member, in one query: (unread notifications,
    /// unseen warnings).
    pub async fn header_counts(&self, member_id: i64) -> Result<(i64, i64)> {
        let r = self
            .db
            .fetch_one(
                "SELECT (SELECT COUNT(*) FROM notifications WHERE member_id = $1 AND read_at IS NULL) AS unread,
                        (SELECT COUNT(*) FROM warnings WHERE member_id = $1 AND seen_at IS NULL) AS warnings",
                &[Arg::I64(member_id)],
            )
            .await?;
        Ok((r.i64("unread")?, r.i64("warnings")?))
    }

    pub async fn unread_notifications(&self, member_id: i64) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT COUNT(*) AS n FROM notifications WHERE member_id = $1 AND read_at IS NULL",
                &[Arg::I64(member_id)],
            )
            .await?
            .i64("n")
    }

    /// Marks the member's notifications up to `up_to_id` (all when `None`) read. Returns
    /// how many changed.
    pub async fn mark_notifications_read(
        &self,
        member_id: i64,
        up_to_id: Option<i64>,
        now: Millis,
    ) -> Result<u64> {
        self.db
            .execute(
                "UPDATE notifications SET read_at = $1 WHERE member_id = $2 AND read_at IS NULL AND id <= $3",
                &[Arg::I64(now), Arg::I64(member_id), Arg::I64(up_to_id.unwrap_or(i64::MAX))],
            )
            .await
    }
}
