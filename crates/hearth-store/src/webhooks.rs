//! Outbound webhooks: subscriptions, and the queue of deliveries the `webhooks` consumer of
//! the activity stream writes (one row per activity and subscription, in the batch's
//! transaction, so each is queued exactly once) and the sender works through, oldest first
//! per subscription, one at a time, under a lease so two nodes never send the same one.

use crate::{Arg, Result, Row, Store, Tx};
use hearth_core::model::Millis;

/// A subscription as admins and the sender see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    /// Activity kinds, comma-separated; `None` for every kind.
    pub kinds: Option<String>,
    /// The one space it follows; `None` for the whole community.
    pub space_id: Option<i64>,
    pub secret: String,
    /// The secret before the last roll, still signing until `previous_until`.
    pub previous_secret: Option<String>,
    pub previous_until: Option<Millis>,
    pub created_by: Option<i64>,
    pub created_at: Millis,
    /// It receives only activities after this one (the last when it was made).
    pub after_activity_id: i64,
    pub disabled_at: Option<Millis>,
    pub disabled_reason: Option<String>,
}

impl Webhook {
    /// Does it name `kind` among its kinds (not merely take every kind)?
    pub fn names(&self, kind: &str) -> bool {
        self.kinds
            .as_deref()
            .is_some_and(|k| k.split(',').any(|k| k == kind))
    }

    /// Does it want activities of `kind` in `space_id`?
    pub fn wants(&self, kind: &str, space_id: Option<i64>) -> bool {
        (self.kinds.is_none() || self.names(kind))
            && self.space_id.is_none_or(|s| space_id == Some(s))
    }
}

/// A subscription to make.
#[derive(Debug, Clone)]
pub struct NewWebhook<'a> {
    pub url: &'a str,
    pub kinds: Option<&'a str>,
    pub space_id: Option<i64>,
    pub secret: &'a str,
    pub created_by: i64,
}

/// One delivery: what was (or is to be) sent and how the receiver answered last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    pub activity_id: i64,
    pub kind: String,
    pub status: String,
    pub payload: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: Millis,
    pub response_status: Option<i64>,
    pub response_body: Option<String>,
    pub error: Option<String>,
    pub duration_ms: Option<i64>,
    pub created_at: Millis,
    pub finished_at: Option<Millis>,
}

/// How one attempt went, for [`Store::record_attempt`].
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    /// The body sent (kept on the first attempt).
    pub payload: &'a str,
    pub response_status: Option<i64>,
    pub response_body: Option<&'a str>,
    pub error: Option<&'a str>,
    pub duration_ms: i64,
    /// `delivered`, `pending` (to try again at `next_attempt_at`), `failed` (given up) or
    /// `skipped`.
    pub status: &'a str,
    pub next_attempt_at: Millis,
}

macro_rules! webhook_columns {
    () => {
        "id, url, kinds, space_id, secret, previous_secret, previous_until, created_by, created_at, after_activity_id, disabled_at, disabled_reason"
    };
}

macro_rules! delivery_columns {
    () => {
        "d.id, d.webhook_id, d.activity_id, d.kind, d.status, d.payload, d.attempts, d.next_attempt_at, d.response_status, d.response_body, d.error, d.duration_ms, d.created_at, d.finished_at"
    };
}

fn webhook_from(r: &Row) -> Result<Webhook> {
    Ok(Webhook {
        id: r.i64("id")?,
        url: r.text("url")?,
        kinds: r.opt_text("kinds")?,
        space_id: r.opt_i64("space_id")?,
        secret: r.text("secret")?,
        previous_secret: r.opt_text("previous_secret")?,
        previous_until: r.opt_i64("previous_until")?,
        created_by: r.opt_i64("created_by")?,
        created_at: r.i64("created_at")?,
        after_activity_id: r.i64("after_activity_id")?,
        disabled_at: r.opt_i64("disabled_at")?,
        disabled_reason: r.opt_text("disabled_reason")?,
    })
}

fn delivery_from(r: &Row) -> Result<Delivery> {
    Ok(Delivery {
        id: r.i64("id")?,
        webhook_id: r.i64("webhook_id")?,
        activity_id: r.i64("activity_id")?,
        kind: r.text("kind")?,
        status: r.text("status")?,
        payload: r.opt_text("payload")?,
        attempts: r.i64("attempts")?,
        next_attempt_at: r.i64("next_attempt_at")?,
        response_status: r.opt_i64("response_status")?,
        response_body: r.opt_text("response_body")?,
        error: r.opt_text("error")?,
        duration_ms: r.opt_i64("duration_ms")?,
        created_at: r.i64("created_at")?,
        finished_at: r.opt_i64("finished_at")?,
    })
}

/// The live (not disabled) subscriptions, inside the consumer's transaction.
pub async fn live_webhooks_in(tx: &mut Tx) -> Result<Vec<Webhook>> {
    let rows = tx
        .fetch_all(
            concat!(
                "SELECT ",
                webhook_columns!(),
                " FROM webhooks WHERE disabled_at IS NULL ORDER BY id"
            ),
            &[],
        )
        .await?;
    rows.iter().map(webhook_from).collect()
}

/// Queues activity `activity_id` for subscription `webhook_id`, once (a replayed batch
/// queues nothing twice).
pub async fn queue_in(
    tx: &mut Tx,
    webhook_id: i64,
    activity_id: i64,
    kind: &str,
    now: Millis,
) -> Result<()> {
    tx.execute(
        "INSERT INTO webhook_deliveries (webhook_id, activity_id, kind, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (webhook_id, activity_id) DO NOTHING",
        &[
            Arg::I64(webhook_id),
            Arg::I64(activity_id),
            Arg::Text(kind),
            Arg::I64(now),
        ],
    )
    .await?;
    Ok(())
}

impl Store {
    pub async fn create_webhook(&self, w: &NewWebhook<'_>, now: Millis) -> Result<i64> {
        self.db
            .fetch_one(
                "INSERT INTO webhooks (url, kinds, space_id, secret, created_by, created_at, after_activity_id)
                 VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(MAX(id), 0) FROM activities)) RETURNING id",
                &[
                    Arg::Text(w.url),
                    Arg::OptText(w.kinds),
                    Arg::OptI64(w.space_id),
                    Arg::Text(w.secret),
                    Arg::I64(w.created_by),
                    Arg::I64(now),
                ],
            )
            .await?
            .i64("id")
    }

    /// Every subscription, newest first.
    pub async fn webhooks(&self) -> Result<Vec<Webhook>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT ",
                    webhook_columns!(),
                    " FROM webhooks ORDER BY id DESC LIMIT 500"
                ),
                &[],
            )
            .await?;
        rows.iter().map(webhook_from).collect()
    }

    pub async fn webhook(&self, id: i64) -> Result<Option<Webhook>> {
        let row = self
            .db
            .fetch_optional(
                concat!(
                    "SELECT ",
                    webhook_columns!(),
                    " FROM webhooks WHERE id = $1"
                ),
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(webhook_from).transpose()
    }

    /// Replaces the secret; the old one keeps signing beside it until `previous_until`.
    pub async fn roll_webhook_secret(
        &self,
        id: i64,
        secret: &str,
        previous_until: Millis,
    ) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE webhooks SET previous_secret = secret, previous_until = $1, secret = $2 WHERE id = $3",
                &[Arg::I64(previous_until), Arg::Text(secret), Arg::I64(id)],
            )
            .await?;
        Ok(n > 0)
    }

    /// Disables subscription `id` with `reason` (`None` `at`: enables it again). What was
    /// queued meanwhile stays pending, so enabling it sends that, in order.
    pub async fn set_webhook_disabled(
        &self,
        id: i64,
        at: Option<Millis>,
        reason: Option<&str>,
    ) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE webhooks SET disabled_at = $1, disabled_reason = $2 WHERE id = $3",
                &[Arg::OptI64(at), Arg::OptText(reason), Arg::I64(id)],
            )
            .await?;
        Ok(n > 0)
    }

    pub async fn delete_webhook(&self, id: i64) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM webhook_deliveries WHERE webhook_id = $1",
            &[Arg::I64(id)],
        )
        .await?;
        let n = tx
            .execute("DELETE FROM webhooks WHERE id = $1", &[Arg::I64(id)])
            .await?;
        tx.commit().await?;
        Ok(n > 0)
    }

    /// The next delivery of each live subscription that is due: its oldest pending one,
    /// when its time has come (a subscription whose oldest is waiting for a retry sends
    /// nothing newer meanwhile, so each receives in order).
    pub async fn due_deliveries(&self, now: Millis, limit: i64) -> Result<Vec<Delivery>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT ",
                    delivery_columns!(),
                    " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                     WHERE w.disabled_at IS NULL AND d.status = 'pending'
                       AND d.id = (SELECT MIN(e.id) FROM webhook_deliveries e
                                   WHERE e.webhook_id = d.webhook_id AND e.status = 'pending')
                       AND d.next_attempt_at <= $1
                       AND (d.leased_until IS NULL OR d.leased_until < $1)
                     ORDER BY d.id LIMIT $2"
                ),
                &[Arg::I64(now), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(delivery_from).collect()
    }

    /// Takes delivery `id` for `lease_ms`; `false` when another sender holds it.
    pub async fn lease_delivery(&self, id: i64, now: Millis, lease_ms: i64) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE webhook_deliveries SET leased_until = $1
                 WHERE id = $2 AND status = 'pending' AND (leased_until IS NULL OR leased_until < $3)",
                &[Arg::I64(now + lease_ms), Arg::I64(id), Arg::I64(now)],
            )
            .await?;
        Ok(n > 0)
    }

    /// Records how an attempt went and frees the lease.
    pub async fn record_attempt(&self, id: i64, a: &Attempt<'_>, now: Millis) -> Result<()> {
        let finished = (a.status != "pending").then_some(now);
        self.db
            .execute(
                "UPDATE webhook_deliveries SET payload = $1, response_status = $2, response_body = $3,
                        error = $4, duration_ms = $5, status = $6, next_attempt_at = $7,
                        attempts = attempts + 1, leased_until = NULL, finished_at = $8
                 WHERE id = $9",
                &[
                    Arg::Text(a.payload),
                    Arg::OptI64(a.response_status),
                    Arg::OptText(a.response_body),
                    Arg::OptText(a.error),
                    Arg::I64(a.duration_ms),
                    Arg::Text(a.status),
                    Arg::I64(a.next_attempt_at),
                    Arg::OptI64(finished),
                    Arg::I64(id),
                ],
            )
            .await?;
        Ok(())
    }

    /// A subscription's deliveries, newest first, older than `before` (a delivery id) when
    /// given.
    pub async fn deliveries(
        &self,
        webhook_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Delivery>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT ",
                    delivery_columns!(),
                    " FROM webhook_deliveries d WHERE d.webhook_id = $1 AND ($2 IS NULL OR d.id < $2)
                     ORDER BY d.id DESC LIMIT $3"
                ),
                &[Arg::I64(webhook_id), Arg::OptI64(before), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(delivery_from).collect()
    }

    pub async fn delivery(&self, id: i64) -> Result<Option<Delivery>> {
        let row = self
            .db
            .fetch_optional(
                concat!(
                    "SELECT ",
                    delivery_columns!(),
                    " FROM webhook_deliveries d WHERE d.id = $1"
                ),
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(delivery_from).transpose()
    }

    /// Sends delivery `id` again as soon as the sender looks (its payload and webhook-id
    /// unchanged). `false` when it is pending already.
    pub async fn redeliver(&self, id: i64, now: Millis) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, finished_at = NULL
                 WHERE id = $2 AND status <> 'pending'",
                &[Arg::I64(now), Arg::I64(id)],
            )
            .await?;
        Ok(n > 0)
    }

    /// How many deliveries are waiting, and since when the oldest (for `/metrics`).
    pub async fn pending_deliveries(&self) -> Result<(i64, Option<Millis>)> {
        let row = self
            .db
            .fetch_one(
                "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM webhook_deliveries WHERE status = 'pending'",
                &[],
            )
            .await?;
        Ok((row.i64("n")?, row.opt_i64("oldest")?))
    }
}
