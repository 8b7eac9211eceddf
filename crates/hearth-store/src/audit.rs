//! The audit log: one row for every staff (and console) action, written in the action's own
//! transaction where the store makes the change ([`audit_in`]), or on its own after a change
//! made elsewhere ([`Store::append_audit`]). Actions are `hearth_core::audit::AuditAction`.
//! Every module that records staff work imports this one; it imports nothing but the
//! database.

use crate::{Arg, Result, Store, Tx};
use hearth_core::audit::AuditAction;
use hearth_core::model::Millis;

/// An audit row to write.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    pub actor_id: Option<i64>,
    pub action: AuditAction,
    pub target_type: Option<&'static str>,
    pub target_id: Option<i64>,
    pub reason: Option<&'a str>,
    pub details: Option<&'a str>,
}

impl<'a> NewAudit<'a> {
    /// An audit row of `action` by `actor_id` (`None` for the console), on `target`.
    pub fn new(
        actor_id: Option<i64>,
        action: AuditAction,
        target: Option<(&'static str, i64)>,
        reason: Option<&'a str>,
        details: Option<&'a str>,
    ) -> Self {
        NewAudit {
            actor_id,
            action,
            target_type: target.map(|t| t.0),
            target_id: target.map(|t| t.1),
            reason,
            details,
        }
    }
}

/// An audit row as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub actor_handle: Option<String>,
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<i64>,
    pub reason: Option<String>,
    pub details: Option<String>,
    pub created_at: Millis,
}

/// Writes an audit row inside the caller's transaction.
pub async fn audit_in(tx: &mut Tx, a: &NewAudit<'_>, now: Millis) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, details, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            Arg::OptI64(a.actor_id),
            Arg::Text(a.action.as_str()),
            Arg::OptText(a.target_type),
            Arg::OptI64(a.target_id),
            Arg::OptText(a.reason),
            Arg::OptText(a.details),
            Arg::I64(now),
        ],
    )
    .await?;
    Ok(())
}

impl Store {
    /// Appends an audit row on its own (for staff actions whose change has no audit row in
    /// its own transaction yet).
    pub async fn append_audit(&self, a: &NewAudit<'_>, now: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        audit_in(&mut tx, a, now).await?;
        tx.commit().await
    }

    /// The audit log, newest first, keyset-paginated on id. `search` (empty for all)
    /// matches the action, the actor's handle or the reason, ignoring case.
    pub async fn audit_page(
        &self,
        before_id: Option<i64>,
        search: &str,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let pattern = if search.trim().is_empty() {
            String::new()
        } else {
            format!("%{}%", crate::like_literal(search.trim()))
        };
        let rows = self
            .db
            .fetch_all(
                "SELECT a.id, a.actor_id, m.handle, a.action, a.target_type, a.target_id, a.reason, a.details, a.created_at
                 FROM audit_log a LEFT JOIN members m ON m.id = a.actor_id
                 WHERE a.id < $1
                   AND ($2 = '' OR a.action LIKE $2 ESCAPE '\\' OR lower(COALESCE(a.reason, '')) LIKE $2 ESCAPE '\\'
                        OR lower(COALESCE(m.handle, '')) LIKE $2 ESCAPE '\\')
                 ORDER BY a.id DESC LIMIT $3",
                &[Arg::I64(before_id.unwrap_or(i64::MAX)), Arg::Text(&pattern), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.i64("id")?,
                    actor_id: r.opt_i64("actor_id")?,
                    actor_handle: r.opt_text("handle")?,
                    action: r.text("action")?,
                    target_type: r.opt_text("target_type")?,
                    target_id: r.opt_i64("target_id")?,
                    reason: r.opt_text("reason")?,
                    details: r.opt_text("details")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }
}
