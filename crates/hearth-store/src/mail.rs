//! Mail bookkeeping: each member's per-kind mail preferences, notifications waiting for a
//! digest, the delivery ledger that keeps a retried job from sending a mail twice,
//! single-use links (email confirmation, password reset, change of email) and server
//! secrets. The SMTP conversation itself lives in the `hearth` crate.

use crate::{Arg, Result, Row, Store, Tx};
use hearth_core::model::Millis;
use hearth_core::notifications::{Digest, MailFrequency, NotificationKind};

/// A notification waiting to be mailed, with what the mail needs to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMail {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub actor_name: Option<String>,
    pub topic_id: Option<i64>,
    pub topic_title: Option<String>,
    pub post_id: Option<i64>,
    /// The post's Markdown (for replies and mentions), to quote in the mail.
    pub post_body: Option<String>,
    pub created_at: Millis,
    pub emailed_at: Option<Millis>,
    pub read_at: Option<Millis>,
}

/// What a claim on a delivery found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Ours: send, then [`Store::delivery_sent`] (or [`Store::release_delivery`] on failure).
    Claimed,
    /// Already sent.
    Sent,
    /// Another worker claimed it moments ago and may be talking to the server now.
    InProgress,
    /// Claimed before and never finished: a worker died mid-conversation. Whether the
    /// mail left is unknown, so it is not sent again (at most once).
    Abandoned,
}

/// A single-use link's payload once it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedToken {
    pub member_id: i64,
    pub email: String,
}

/// A line of the admin page's recent-mail list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub dedupe_key: String,
    pub member_id: Option<i64>,
    pub subject: String,
    pub state: String,
    pub created_at: Millis,
    pub sent_at: Option<Millis>,
}

/// A query for notifications with what their mail needs; `$where` completes it.
macro_rules! pending_sql {
    ($where:literal) => {
        concat!(
            "SELECT n.id, n.member_id, n.kind, a.display_name AS actor_name, n.topic_id, t.title AS topic_title,
                    n.post_id, p.body_md AS post_body, n.created_at, n.emailed_at, n.read_at
             FROM notifications n
             LEFT JOIN members a ON a.id = n.actor_id
             LEFT JOIN topics t ON t.id = n.topic_id
             LEFT JOIN posts p ON p.id = n.post_id ",
            $where
        )
    };
}

fn pending_from(r: &Row) -> Result<PendingMail> {
    Ok(PendingMail {
        id: r.i64("id")?,
        member_id: r.i64("member_id")?,
        kind: r.text("kind")?,
        actor_name: r.opt_text("actor_name")?,
        topic_id: r.opt_i64("topic_id")?,
        topic_title: r.opt_text("topic_title")?,
        post_id: r.opt_i64("post_id")?,
        post_body: r.opt_text("post_body")?,
        created_at: r.i64("created_at")?,
        emailed_at: r.opt_i64("emailed_at")?,
        read_at: r.opt_i64("read_at")?,
    })
}

/// Ends every session of `member_id` but the one hashed `keep_session`, in `tx`.
async fn end_other_sessions(tx: &mut Tx, member_id: i64, keep_session: Option<&str>) -> Result<()> {
    tx.execute(
        "DELETE FROM sessions WHERE member_id = $1 AND token_hash <> $2",
        &[Arg::I64(member_id), Arg::Text(keep_session.unwrap_or(""))],
    )
    .await?;
    Ok(())
}

impl Store {
    /// The member's chosen frequency per kind (kinds without a row use their default).
    pub async fn notification_prefs(
        &self,
        member_id: i64,
    ) -> Result<Vec<(NotificationKind, MailFrequency)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT kind, frequency FROM notification_prefs WHERE member_id = $1 ORDER BY kind",
                &[Arg::I64(member_id)],
            )
            .await?;
        // Rows naming a kind or frequency this version does not know are skipped.
        let mut prefs = Vec::with_capacity(rows.len());
        for r in &rows {
            let (kind, frequency) = (r.text("kind")?, r.text("frequency")?);
            if let (Some(k), Some(f)) = (
                NotificationKind::parse(&kind),
                MailFrequency::parse(&frequency),
            ) {
                prefs.push((k, f));
            }
        }
        Ok(prefs)
    }

    /// The frequencies members with ids in `first..=last` chose for `kind` (members without
    /// a row use the default). One query for a whole batch of recipients.
    pub async fn frequencies_for(
        &self,
        kind: NotificationKind,
        first: i64,
        last: i64,
    ) -> Result<Vec<(i64, MailFrequency)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT member_id, frequency FROM notification_prefs WHERE kind = $1 AND member_id >= $2 AND member_id <= $3",
                &[Arg::Text(kind.as_str()), Arg::I64(first), Arg::I64(last)],
            )
            .await?;
        let mut chosen = Vec::with_capacity(rows.len());
        for r in &rows {
            if let Some(f) = MailFrequency::parse(&r.text("frequency")?) {
                chosen.push((r.i64("member_id")?, f));
            }
        }
        Ok(chosen)
    }

    /// Sets the member's frequencies for the given kinds, all in one transaction.
    pub async fn set_notification_prefs(
        &self,
        member_id: i64,
        prefs: &[(NotificationKind, MailFrequency)],
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        for (kind, frequency) in prefs {
            tx.execute(
                "INSERT INTO notification_prefs (member_id, kind, frequency) VALUES ($1, $2, $3)
                 ON CONFLICT (member_id, kind) DO UPDATE SET frequency = excluded.frequency",
                &[
                    Arg::I64(member_id),
                    Arg::Text(kind.as_str()),
                    Arg::Text(frequency.as_str()),
                ],
            )
            .await?;
        }
        tx.commit().await
    }

    /// Marks notifications as waiting for the `digest` ("daily" or "weekly").
    pub async fn queue_for_digest(&self, ids: &[i64], digest: Digest) -> Result<()> {
        let mut tx = self.db.begin().await?;
        for id in ids {
            tx.execute(
                "UPDATE notifications SET digest = $1 WHERE id = $2 AND emailed_at IS NULL",
                &[Arg::Text(digest.as_str()), Arg::I64(*id)],
            )
            .await?;
        }
        tx.commit().await
    }

    /// One notification with what its mail needs.
    pub async fn pending_mail(&self, notification_id: i64) -> Result<Option<PendingMail>> {
        let row = self
            .db
            .fetch_optional(
                pending_sql!("WHERE n.id = $1"),
                &[Arg::I64(notification_id)],
            )
            .await?;
        row.as_ref().map(pending_from).transpose()
    }

    /// Members with unread, unmailed notifications waiting for `digest`, after `after_id`.
    pub async fn digest_recipients(
        &self,
        digest: Digest,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<i64>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT DISTINCT member_id FROM notifications
                 WHERE digest = $1 AND emailed_at IS NULL AND read_at IS NULL AND member_id > $2
                 ORDER BY member_id LIMIT $3",
                &[
                    Arg::Text(digest.as_str()),
                    Arg::I64(after_id),
                    Arg::I64(limit),
                ],
            )
            .await?;
        rows.iter().map(|r| r.i64("member_id")).collect()
    }

    /// A member's notifications waiting for `digest` (oldest first, at most `limit`).
    pub async fn digest_items(
        &self,
        member_id: i64,
        digest: Digest,
        limit: i64,
    ) -> Result<Vec<PendingMail>> {
        const SQL: &str = pending_sql!(
            "WHERE n.member_id = $1 AND n.digest = $2 AND n.emailed_at IS NULL AND n.read_at IS NULL
             ORDER BY n.id LIMIT $3"
        );
        let rows = self
            .db
            .fetch_all(
                SQL,
                &[
                    Arg::I64(member_id),
                    Arg::Text(digest.as_str()),
                    Arg::I64(limit),
                ],
            )
            .await?;
        rows.iter().map(pending_from).collect()
    }

    /// Records that these notifications went out by mail.
    pub async fn mark_emailed(&self, ids: &[i64], now: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        for id in ids {
            tx.execute(
                "UPDATE notifications SET emailed_at = $1 WHERE id = $2 AND emailed_at IS NULL",
                &[Arg::I64(now), Arg::I64(*id)],
            )
            .await?;
        }
        tx.commit().await
    }

    /// Claims the delivery `key` before talking to the mail server. A claim older than
    /// `stale_ms` that never finished counts as abandoned.
    pub async fn claim_delivery(
        &self,
        key: &str,
        member_id: Option<i64>,
        subject: &str,
        now: Millis,
        stale_ms: i64,
    ) -> Result<Claim> {
        let inserted = self
            .db
            .execute(
                "INSERT INTO mail_deliveries (dedupe_key, member_id, subject, state, created_at)
                 VALUES ($1, $2, $3, 'sending', $4) ON CONFLICT (dedupe_key) DO NOTHING",
                &[
                    Arg::Text(key),
                    Arg::OptI64(member_id),
                    Arg::Text(subject),
                    Arg::I64(now),
                ],
            )
            .await?;
        if inserted == 1 {
            return Ok(Claim::Claimed);
        }
        let row = self
            .db
            .fetch_one(
                "SELECT state, created_at FROM mail_deliveries WHERE dedupe_key = $1",
                &[Arg::Text(key)],
            )
            .await?;
        Ok(match row.text("state")?.as_str() {
            "sent" => Claim::Sent,
            _ if row.i64("created_at")? > now - stale_ms => Claim::InProgress,
            _ => Claim::Abandoned,
        })
    }

    pub async fn delivery_sent(&self, key: &str, now: Millis) -> Result<()> {
        self.db
            .execute(
                "UPDATE mail_deliveries SET state = 'sent', sent_at = $1 WHERE dedupe_key = $2",
                &[Arg::I64(now), Arg::Text(key)],
            )
            .await?;
        Ok(())
    }

    /// Gives a claim back after the mail server refused the mail, so the retry may send it.
    pub async fn release_delivery(&self, key: &str) -> Result<()> {
        self.db
            .execute(
                "DELETE FROM mail_deliveries WHERE dedupe_key = $1 AND state = 'sending'",
                &[Arg::Text(key)],
            )
            .await?;
        Ok(())
    }

    /// The most recent deliveries, newest first.
    pub async fn recent_deliveries(&self, limit: i64) -> Result<Vec<Delivery>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT dedupe_key, member_id, subject, state, created_at, sent_at FROM mail_deliveries
                 ORDER BY created_at DESC, dedupe_key LIMIT $1",
                &[Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Delivery {
                    dedupe_key: r.text("dedupe_key")?,
                    member_id: r.opt_i64("member_id")?,
                    subject: r.text("subject")?,
                    state: r.text("state")?,
                    created_at: r.i64("created_at")?,
                    sent_at: r.opt_i64("sent_at")?,
                })
            })
            .collect()
    }

    /// Stores a single-use link (its hash) for `purpose`. Earlier links stay valid until
    /// they expire or one of them is used.
    pub async fn create_email_token(
        &self,
        token_hash: &str,
        member_id: i64,
        purpose: &str,
        email: &str,
        now: Millis,
        expires_at: Millis,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO email_tokens (token_hash, member_id, purpose, email, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                Arg::Text(token_hash),
                Arg::I64(member_id),
                Arg::Text(purpose),
                Arg::Text(email),
                Arg::I64(now),
                Arg::I64(expires_at),
            ],
        )
        .await?;
        Ok(())
    }

    /// Uses a link: returns its member and address once, if it exists, is for `purpose`,
    /// has not expired and was not used. Atomic, so two clicks cannot both succeed.
    pub async fn use_email_token(
        &self,
        token_hash: &str,
        purpose: &str,
        now: Millis,
    ) -> Result<Option<UsedToken>> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "UPDATE email_tokens SET used_at = $1
                 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
                 RETURNING member_id, email",
                &[Arg::I64(now), Arg::Text(token_hash), Arg::Text(purpose)],
            )
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let used = UsedToken {
            member_id: row.i64("member_id")?,
            email: row.text("email")?,
        };
        // One use spends every link of this purpose the member was sent.
        tx.execute(
            "UPDATE email_tokens SET used_at = $1 WHERE member_id = $2 AND purpose = $3 AND used_at IS NULL",
            &[Arg::I64(now), Arg::I64(used.member_id), Arg::Text(purpose)],
        )
        .await?;
        tx.commit().await?;
        Ok(Some(used))
    }

    /// Is this link valid now (without using it)? For the page that asks for a new password.
    pub async fn email_token_valid(
        &self,
        token_hash: &str,
        purpose: &str,
        now: Millis,
    ) -> Result<bool> {
        let row = self
            .db
            .fetch_optional(
                "SELECT member_id FROM email_tokens
                 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
                &[Arg::Text(token_hash), Arg::Text(purpose), Arg::I64(now)],
            )
            .await?;
        Ok(row.is_some())
    }

    /// Marks the member's address confirmed, if it is still `email`.
    pub async fn confirm_member_email(
        &self,
        member_id: i64,
        email: &str,
        now: Millis,
    ) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE members SET email_confirmed_at = $1 WHERE id = $2 AND email = $3",
                &[Arg::I64(now), Arg::I64(member_id), Arg::Text(email)],
            )
            .await?;
        Ok(n == 1)
    }

    /// Changes the member's address to one they proved they own (Conflict if taken).
    /// Replaces a member's address with `email`, confirmed. Everything the old address
    /// could still do dies with it: the member's other sessions end (all but the session
    /// hashed `keep_session`, the one that followed the link) and every single-use link
    /// not yet used is spent, so a reset link mailed to the old address no longer works.
    pub async fn change_member_email(
        &self,
        member_id: i64,
        email: &str,
        keep_session: Option<&str>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "UPDATE members SET email = $1, email_confirmed_at = $2 WHERE id = $3",
            &[Arg::Text(email), Arg::I64(now), Arg::I64(member_id)],
        )
        .await?;
        end_other_sessions(&mut tx, member_id, keep_session).await?;
        tx.execute(
            "UPDATE email_tokens SET used_at = $1 WHERE member_id = $2 AND used_at IS NULL",
            &[Arg::I64(now), Arg::I64(member_id)],
        )
        .await?;
        crate::people::sync_hub_identity(&mut tx, member_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a new password hash; every session of the member ends but `keep_session` (the
    /// hash of the session that changed it, if any), and every API token is revoked.
    pub async fn reset_password(
        &self,
        member_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "UPDATE members SET password_hash = $1 WHERE id = $2",
            &[Arg::Text(password_hash), Arg::I64(member_id)],
        )
        .await?;
        end_other_sessions(&mut tx, member_id, keep_session).await?;
        tx.execute(
            "UPDATE api_tokens SET revoked_at = $1 WHERE member_id = $2 AND revoked_at IS NULL",
            &[Arg::I64(now), Arg::I64(member_id)],
        )
        .await?;
        tx.commit().await
    }

    /// The secret called `name`, created from `fresh` on first use (the first writer wins,
    /// so every node agrees).
    pub async fn secret(&self, name: &str, fresh: &str, now: Millis) -> Result<String> {
        self.db
            .execute(
                "INSERT INTO app_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                &[Arg::Text(name), Arg::Text(fresh), Arg::I64(now)],
            )
            .await?;
        self.db
            .fetch_one(
                "SELECT value FROM app_secrets WHERE name = $1",
                &[Arg::Text(name)],
            )
            .await?
            .text("value")
    }
}
