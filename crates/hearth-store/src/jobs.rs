//! The job outbox. Jobs are enqueued in the same transaction as the change that causes
//! them, claimed by workers (`FOR UPDATE SKIP LOCKED` on PostgreSQL, a single `UPDATE ...
//! RETURNING` on SQLite), and retried with backoff until they succeed or give up.

use crate::{Arg, Dialect, Result, Store, Tx};
use hearth_core::model::Millis;

/// A claimed job, to be finished with [`Store::complete_job`] or [`Store::fail_job`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

/// Enqueues a job inside the caller's transaction. A job with a `dedupe_key` that already
/// exists is not added again, so a retried change never enqueues twice.
pub async fn enqueue(
    tx: &mut Tx,
    kind: &str,
    payload: &str,
    dedupe_key: Option<&str>,
    run_at: Millis,
) -> Result<()> {
    tx.execute(
        "INSERT INTO jobs (kind, payload, dedupe_key, run_at, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING",
        &[Arg::Text(kind), Arg::Text(payload), Arg::OptText(dedupe_key), Arg::I64(run_at), Arg::I64(crate::now_millis())],
    )
    .await?;
    Ok(())
}

impl Store {
    /// Enqueues jobs outside any other change (scheduled work, fan-out), in one
    /// transaction; each `(kind, payload, dedupe_key)` at most once per key.
    pub async fn enqueue_jobs(
        &self,
        jobs: &[(&str, String, String)],
        run_at: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        for (kind, payload, key) in jobs {
            enqueue(&mut tx, kind, payload, Some(key), run_at).await?;
        }
        tx.commit().await
    }

    /// Claims the next due job for `lease_ms`, or returns `None`.
    pub async fn claim_job(&self, now: Millis, lease_ms: i64) -> Result<Option<Job>> {
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
            Ok(Job {
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
    pub async fn fail_job(&self, job: &Job, error: &str, now: Millis) -> Result<()> {
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
