//! The activity log: append-only rows, one per event in a member's story.

use crate::{Arg, Result, Row, Tx};
use hearth_core::model::Millis;

/// One activity to append. `kind` must be one of `hearth_core::activity::KINDS`.
#[derive(Debug, Clone)]
pub struct NewActivity<'a> {
    pub member_id: i64,
    pub kind: &'static str,
    pub channel: &'a str,
    pub target_type: Option<&'static str>,
    pub target_id: Option<i64>,
    pub space_id: Option<i64>,
    /// Details as a JSON object, when the kind has any (e.g. which reaction).
    pub properties: Option<&'a str>,
    pub occurred_at: Millis,
}

/// A stored activity, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub channel: String,
    pub target_type: Option<String>,
    pub target_id: Option<i64>,
    pub space_id: Option<i64>,
    /// Details as a JSON object, when the kind has any.
    pub properties: Option<String>,
    pub occurred_at: Millis,
}

/// Appends one activity inside the caller's transaction.
pub async fn append(tx: &mut Tx, a: &NewActivity<'_>) -> Result<i64> {
    debug_assert!(
        hearth_core::activity::is_known(a.kind),
        "unknown activity kind {}",
        a.kind
    );
    tx.fetch_one(
        "INSERT INTO activities (member_id, kind, channel, target_type, target_id, space_id, properties, occurred_at, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        &[
            Arg::I64(a.member_id),
            Arg::Text(a.kind),
            Arg::Text(a.channel),
            Arg::OptText(a.target_type),
            Arg::OptI64(a.target_id),
            Arg::OptI64(a.space_id),
            Arg::OptText(a.properties),
            Arg::I64(a.occurred_at),
            Arg::I64(crate::now_millis()),
        ],
    )
    .await?
    .i64("id")
}

impl crate::Store {
    /// Appends an activity derived after the change committed (by a job), at most once per
    /// `idempotency_key`. Returns whether it was written.
    pub async fn append_activity_once(
        &self,
        a: &NewActivity<'_>,
        idempotency_key: &str,
    ) -> Result<bool> {
        debug_assert!(
            hearth_core::activity::is_known(a.kind),
            "unknown activity kind {}",
            a.kind
        );
        let n = self
            .db
            .execute(
                "INSERT INTO activities (member_id, kind, channel, target_type, target_id, space_id, properties, idempotency_key, occurred_at, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING",
                &[
                    Arg::I64(a.member_id),
                    Arg::Text(a.kind),
                    Arg::Text(a.channel),
                    Arg::OptText(a.target_type),
                    Arg::OptI64(a.target_id),
                    Arg::OptI64(a.space_id),
                    Arg::OptText(a.properties),
                    Arg::Text(idempotency_key),
                    Arg::I64(a.occurred_at),
                    Arg::I64(crate::now_millis()),
                ],
            )
            .await?;
        Ok(n == 1)
    }

    /// Activities after `after_id`, oldest first, at most `limit` (for incremental readers).
    pub async fn activities_after(&self, after_id: i64, limit: i64) -> Result<Vec<Activity>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, member_id, kind, channel, target_type, target_id, space_id, properties, occurred_at
                 FROM activities WHERE id > $1 ORDER BY id LIMIT $2",
                &[Arg::I64(after_id), Arg::I64(limit.clamp(1, 10_000))],
            )
            .await?;
        rows.iter().map(activity_from).collect()
    }

    /// Activity `id`, if it exists.
    pub async fn activity(&self, id: i64) -> Result<Option<Activity>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT id, member_id, kind, channel, target_type, target_id, space_id, properties, occurred_at
                 FROM activities WHERE id = $1",
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(activity_from).transpose()
    }
}

/// An activity row as read back (the columns of `activities_after` and the stream).
pub(crate) fn activity_from(r: &Row) -> Result<Activity> {
    Ok(Activity {
        id: r.i64("id")?,
        member_id: r.i64("member_id")?,
        kind: r.text("kind")?,
        channel: r.text("channel")?,
        target_type: r.opt_text("target_type")?,
        target_id: r.opt_i64("target_id")?,
        space_id: r.opt_i64("space_id")?,
        properties: r.opt_text("properties")?,
        occurred_at: r.i64("occurred_at")?,
    })
}
