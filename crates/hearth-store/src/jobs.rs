//! The job outbox. Jobs are enqueued in the same transaction as the change that causes
//! them, claimed by workers (`FOR UPDATE SKIP LOCKED` on PostgreSQL, a single `UPDATE ...
//! RETURNING` on SQLite), and retried with backoff until they succeed or give up.

use crate::{Arg, Dialect, Result, Store, Tx};
use hearth_core::model::Millis;
use serde::{Deserialize, Serialize};

/// Every kind of background work Hearth does, with its payload: the one list. The kind is
/// stored in `jobs.kind` and the fields as a JSON object in `jobs.payload`, both written by
/// serde ([`Job::encode`]) and read back by serde ([`Job::decode`]); the worker dispatches
/// with an exhaustive `match`, so a new kind cannot be enqueued without being handled.
///
/// The payload is a storage format, not an API: it is the one place in the store that
/// derives `Serialize` (tidy allows it here and nowhere else in core or store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload")]
pub enum Job {
    /// A new (or newly approved) post: notify the topic's author, watchers and mentions.
    #[serde(rename = "post.created")]
    PostCreated { post_id: i64 },
    /// Staff changed an idea's status: tell its voters.
    #[serde(rename = "idea.status_changed")]
    IdeaStatusChanged {
        change_id: i64,
        topic_id: i64,
        actor_id: i64,
    },
    /// A reply was accepted as the answer: tell its author.
    #[serde(rename = "answer.accepted")]
    AnswerAccepted {
        topic_id: i64,
        post_id: i64,
        actor_id: i64,
    },
    /// Mail one notification at once.
    #[serde(rename = "mail.notification")]
    MailNotification { notification_id: i64 },
    /// A digest's day (or week) came: enqueue one [`Job::DigestMember`] per recipient.
    #[serde(rename = "digest.run")]
    DigestRun { digest: String, date: String },
    /// Mail one member their digest.
    #[serde(rename = "digest.member")]
    DigestMember {
        member_id: i64,
        digest: String,
        date: String,
    },
    #[serde(rename = "mail.confirm_email")]
    ConfirmEmail(AccountMail),
    #[serde(rename = "mail.password_reset")]
    PasswordReset(AccountMail),
    #[serde(rename = "mail.change_email")]
    ChangeEmail(AccountMail),
    /// Tell the old address that the account's address changed.
    #[serde(rename = "mail.email_changed")]
    EmailChanged(AccountMail),
    #[serde(rename = "mail.invite")]
    MailInvite { invite_id: i64, nonce: String },
    #[serde(rename = "mail.application")]
    MailApplication { application_id: i64 },
    /// Hourly: forget raw imported data past the owner's retention period.
    #[serde(rename = "retention.apply")]
    RetentionApply {},
    /// Hourly: move members to the trust level they earned.
    #[serde(rename = "trust.recompute")]
    TrustRecompute {},
    /// Every minute: event reminders a day and an hour ahead.
    #[serde(rename = "events.remind")]
    EventReminders {},
    /// Nightly: badges that time alone made true (`joined > 365d`), and the points check.
    #[serde(rename = "points.nightly")]
    PointsNightly { date: String },
    /// A seat freed up and a waitlisted member got it: tell them.
    #[serde(rename = "event.promoted")]
    EventPromoted { topic_id: i64, member_id: i64 },
    /// An event was cancelled: tell everyone who was going or waiting.
    #[serde(rename = "event.cancelled")]
    EventCancelled { topic_id: i64 },
    /// Monday: enqueue one [`Job::InsightsReportMember`] per admin.
    #[serde(rename = "insights.report")]
    InsightsReport { date: String },
    /// Mail one admin the weekly report (`date` names the week, or the minute asked).
    #[serde(rename = "insights.report_member")]
    InsightsReportMember { member_id: i64, date: String },
    /// A webhook subscription was disabled after repeated failures: tell every admin.
    #[serde(rename = "webhook.disabled")]
    WebhookDisabled { webhook_id: i64 },
}

/// An account mail's payload. The job makes the link itself, so no secret is ever stored
/// in the queue; `nonce` keys the mail ledger, so one request sends one mail however often
/// the job runs. `email` is the address the mail is about (the new one for a change, the
/// old one for "your address changed").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountMail {
    pub member_id: i64,
    pub email: String,
    pub nonce: String,
}

impl Job {
    /// The stored form: (kind, payload as a JSON object).
    pub fn encode(&self) -> (String, String) {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        let kind = v
            .get("kind")
            .and_then(|k| k.as_str())
            .unwrap_or_default()
            .to_string();
        let payload = v
            .get_mut("payload")
            .map(serde_json::Value::take)
            .unwrap_or_default();
        (kind, payload.to_string())
    }

    /// Reads a stored job back; names what is wrong (an unknown kind, a missing field).
    pub fn decode(kind: &str, payload: &str) -> std::result::Result<Job, String> {
        let payload: serde_json::Value =
            serde_json::from_str(payload).map_err(|e| format!("bad payload: {e}"))?;
        serde_json::from_value(serde_json::json!({ "kind": kind, "payload": payload })).map_err(
            |e| {
                if e.to_string().starts_with("unknown variant") {
                    format!("unknown job kind {kind}")
                } else {
                    format!("job {kind}: {e}")
                }
            },
        )
    }

    /// The stored kind, e.g. `post.created`.
    pub fn kind(&self) -> String {
        self.encode().0
    }
}

/// A claimed job, to be finished with [`Store::complete_job`] or [`Store::fail_job`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedJob {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

impl QueuedJob {
    pub fn decode(&self) -> std::result::Result<Job, String> {
        Job::decode(&self.kind, &self.payload)
    }
}

/// Enqueues a job inside the caller's transaction. A job with a `dedupe_key` that already
/// exists is not added again, so a retried change never enqueues twice.
pub async fn enqueue(
    tx: &mut Tx,
    job: &Job,
    dedupe_key: Option<&str>,
    run_at: Millis,
) -> Result<()> {
    let (kind, payload) = job.encode();
    tx.execute(
        "INSERT INTO jobs (kind, payload, dedupe_key, run_at, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING",
        &[Arg::Text(&kind), Arg::Text(&payload), Arg::OptText(dedupe_key), Arg::I64(run_at), Arg::I64(crate::now_millis())],
    )
    .await?;
    Ok(())
}

impl Store {
    /// Enqueues jobs outside any other change (scheduled work, fan-out), in one
    /// transaction; each `(kind, payload, dedupe_key)` at most once per key.
    pub async fn enqueue_jobs(&self, jobs: &[(Job, String)], run_at: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        for (job, key) in jobs {
            enqueue(&mut tx, job, Some(key), run_at).await?;
        }
        tx.commit().await
    }

    /// Claims the next due job for `lease_ms`, or returns `None`.
    pub async fn claim_job(&self, now: Millis, lease_ms: i64) -> Result<Option<QueuedJob>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "UPDATE jobs SET locked_until = $1, attempts = attempts + 1
                 WHERE id = (SELECT id FROM jobs
                             WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $2
                               AND (locked_until IS NULL OR locked_until < $2)
                             ORDER BY run_at, id LIMIT 1)
                 RETURNING id, kind, payload, attempts"
            }
            Dialect::Postgres => {
                "UPDATE jobs SET locked_until = $1, attempts = attempts + 1
                 WHERE id = (SELECT id FROM jobs
                             WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $2
                               AND (locked_until IS NULL OR locked_until < $2)
                             ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                 RETURNING id, kind, payload, attempts"
            }
        };
        let row = self
            .db
            .fetch_optional(sql, &[Arg::I64(now + lease_ms), Arg::I64(now)])
            .await?;
        row.map(|r| {
            Ok(QueuedJob {
                id: r.i64("id")?,
                kind: r.text("kind")?,
                payload: r.text("payload")?,
                attempts: r.i64("attempts")?,
            })
        })
        .transpose()
    }

    pub async fn complete_job(&self, id: i64, now: Millis) -> Result<()> {
        self.db
            .execute(
                "UPDATE jobs SET done_at = $1, locked_until = NULL WHERE id = $2",
                &[Arg::I64(now), Arg::I64(id)],
            )
            .await?;
        Ok(())
    }

    /// Records a failure of a claimed job: it runs again after an exponential backoff
    /// (1 s, 2 s, 4 s, ... up to about an hour), or is marked failed once it has used all
    /// its attempts. The backoff is computed here, not in SQL, to stay portable.
    pub async fn fail_job(&self, job: &QueuedJob, error: &str, now: Millis) -> Result<()> {
        let backoff_ms = 1000i64 << job.attempts.clamp(0, 12);
        self.db
            .execute(
                "UPDATE jobs SET locked_until = NULL, last_error = $1,
                   failed_at = CASE WHEN attempts >= max_attempts THEN $2 ELSE NULL END,
                   run_at = $3
                 WHERE id = $4",
                &[
                    Arg::Text(error),
                    Arg::I64(now),
                    Arg::I64(now + backoff_ms),
                    Arg::I64(job.id),
                ],
            )
            .await?;
        Ok(())
    }

    /// (waiting, done, failed) job counts, for the admin page and tests.
    pub async fn job_counts(&self) -> Result<(i64, i64, i64)> {
        let r = self
            .db
            .fetch_one(
                "SELECT
                   (SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND failed_at IS NULL) AS waiting,
                   (SELECT COUNT(*) FROM jobs WHERE done_at IS NOT NULL) AS done,
                   (SELECT COUNT(*) FROM jobs WHERE failed_at IS NOT NULL) AS failed",
                &[],
            )
            .await?;
        Ok((r.i64("waiting")?, r.i64("done")?, r.i64("failed")?))
    }

    /// When the oldest waiting job that is due by `now` became due (for `/metrics`).
    pub async fn oldest_waiting_job(&self, now: Millis) -> Result<Option<Millis>> {
        self.db
            .fetch_one(
                "SELECT MIN(run_at) AS t FROM jobs WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1",
                &[Arg::I64(now)],
            )
            .await?
            .opt_i64("t")
    }
}

impl Store {
    /// Marks every waiting job done without running it. Used by `hearth demo`, whose
    /// generated history must not send mail for events that "happened" months ago.
    pub async fn settle_backlog(&self, now: Millis) -> Result<u64> {
        self.db
            .execute(
                "UPDATE jobs SET done_at = $1 WHERE done_at IS NULL AND failed_at IS NULL",
                &[Arg::I64(now)],
            )
            .await
    }
}

/// A job that used all its attempts (the dead-letter list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedJob {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub failed_at: Millis,
}

impl Store {
    /// The newest failed jobs (bounded).
    pub async fn failed_jobs(&self, limit: i64) -> Result<Vec<FailedJob>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, kind, payload, attempts, last_error, failed_at FROM jobs WHERE failed_at IS NOT NULL
                 ORDER BY failed_at DESC, id DESC LIMIT $1",
                &[Arg::I64(limit.clamp(1, 500))],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(FailedJob {
                    id: r.i64("id")?,
                    kind: r.text("kind")?,
                    payload: r.text("payload")?,
                    attempts: r.i64("attempts")?,
                    last_error: r.opt_text("last_error")?,
                    failed_at: r.i64("failed_at")?,
                })
            })
            .collect()
    }

    /// Puts a failed job back in the queue with fresh attempts. False when it is not failed.
    pub async fn retry_job(&self, id: i64, now: Millis) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE jobs SET failed_at = NULL, attempts = 0, run_at = $1, locked_until = NULL WHERE id = $2 AND failed_at IS NOT NULL",
                &[Arg::I64(now), Arg::I64(id)],
            )
            .await?;
        Ok(n == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::{AccountMail, Job};

    /// The kinds already in queues must keep reading back after an upgrade.
    #[test]
    fn every_job_round_trips_under_its_stored_kind() {
        let mail = AccountMail {
            member_id: 3,
            email: "a@b.c".into(),
            nonce: "n".into(),
        };
        let all = [
            (
                Job::PostCreated { post_id: 1 },
                "post.created",
                r#"{"post_id":1}"#,
            ),
            (
                Job::IdeaStatusChanged {
                    change_id: 1,
                    topic_id: 2,
                    actor_id: 3,
                },
                "idea.status_changed",
                r#"{"change_id":1,"topic_id":2,"actor_id":3}"#,
            ),
            (
                Job::AnswerAccepted {
                    topic_id: 1,
                    post_id: 2,
                    actor_id: 3,
                },
                "answer.accepted",
                r#"{"topic_id":1,"post_id":2,"actor_id":3}"#,
            ),
            (
                Job::MailNotification { notification_id: 9 },
                "mail.notification",
                r#"{"notification_id":9}"#,
            ),
            (
                Job::DigestRun {
                    digest: "daily".into(),
                    date: "2026-12-03".into(),
                },
                "digest.run",
                r#"{"digest":"daily","date":"2026-12-03"}"#,
            ),
            (
                Job::DigestMember {
                    member_id: 4,
                    digest: "weekly".into(),
                    date: "2026-11-30".into(),
                },
                "digest.member",
                r#"{"member_id":4,"digest":"weekly","date":"2026-11-30"}"#,
            ),
            (
                Job::ConfirmEmail(mail.clone()),
                "mail.confirm_email",
                r#"{"member_id":3,"email":"a@b.c","nonce":"n"}"#,
            ),
            (
                Job::PasswordReset(mail.clone()),
                "mail.password_reset",
                r#"{"member_id":3,"email":"a@b.c","nonce":"n"}"#,
            ),
            (
                Job::ChangeEmail(mail.clone()),
                "mail.change_email",
                r#"{"member_id":3,"email":"a@b.c","nonce":"n"}"#,
            ),
            (
                Job::EmailChanged(mail),
                "mail.email_changed",
                r#"{"member_id":3,"email":"a@b.c","nonce":"n"}"#,
            ),
            (
                Job::MailInvite {
                    invite_id: 5,
                    nonce: "x".into(),
                },
                "mail.invite",
                r#"{"invite_id":5,"nonce":"x"}"#,
            ),
            (
                Job::MailApplication { application_id: 6 },
                "mail.application",
                r#"{"application_id":6}"#,
            ),
            (Job::RetentionApply {}, "retention.apply", "{}"),
            (Job::TrustRecompute {}, "trust.recompute", "{}"),
            (Job::EventReminders {}, "events.remind", "{}"),
            (
                Job::PointsNightly {
                    date: "2026-12-07".into(),
                },
                "points.nightly",
                r#"{"date":"2026-12-07"}"#,
            ),
            (
                Job::EventPromoted {
                    topic_id: 7,
                    member_id: 8,
                },
                "event.promoted",
                r#"{"topic_id":7,"member_id":8}"#,
            ),
            (
                Job::InsightsReport {
                    date: "2026-12-07".into(),
                },
                "insights.report",
                r#"{"date":"2026-12-07"}"#,
            ),
            (
                Job::InsightsReportMember {
                    member_id: 2,
                    date: "2026-12-07".into(),
                },
                "insights.report_member",
                r#"{"member_id":2,"date":"2026-12-07"}"#,
            ),
            (
                Job::EventCancelled { topic_id: 7 },
                "event.cancelled",
                r#"{"topic_id":7}"#,
            ),
        ];
        for (job, kind, payload) in all {
            let (stored_kind, stored) = job.encode();
            assert_eq!(stored_kind, kind);
            let json = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
            assert_eq!(json(&stored), json(payload), "{kind}");
            assert_eq!(Job::decode(kind, payload), Ok(job));
        }
        assert!(Job::decode("nope", "{}").unwrap_err().contains("nope"));
        assert!(
            Job::decode("post.created", "{}")
                .unwrap_err()
                .contains("post_id")
        );
    }
}
