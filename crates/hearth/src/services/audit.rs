//! The audit log as services write and read it. Store functions that make a staff change
//! write its row in the same transaction ([`row`]); the admin actions whose change has no
//! row of its own yet go through [`record`] right after their change committed.

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_store::audit::{AuditEntry, NewAudit};

const AUDIT_PAGE: i64 = 50;

/// Records a staff action in the audit log right after its change committed (spaces,
/// branding, ideas, pins, job retries, test mail). A crash between the two loses the row:
/// it is logged.
pub async fn record(
    h: &Hearth,
    actor: &Actor,
    action: AuditAction,
    target: Option<(&'static str, i64)>,
    reason: Option<&str>,
) {
    let row = NewAudit::new(actor.member_id(), action, target, reason, None);
    if let Err(e) = h.store.append_audit(&row, now()).await {
        tracing::error!(action = action.as_str(), error = %e, "could not write the audit row of a staff action");
    }
}

/// The audit row of a staff action on `target`, for a store function to write in the
/// action's own transaction.
pub fn row<'a>(
    actor: &Actor,
    action: AuditAction,
    target: (&'static str, i64),
    reason: Option<&'a str>,
) -> NewAudit<'a> {
    NewAudit::new(actor.member_id(), action, Some(target), reason, None)
}

/// A page of the audit log (newest first) matching `search`, and the next cursor.
pub async fn audit_log(
    h: &Hearth,
    actor: &Actor,
    cursor: Option<&str>,
    search: &str,
) -> Result<(Vec<AuditEntry>, Option<String>)> {
    if !access::can_view_audit_log(actor) {
        return Err(
            if actor.member_id().is_none() && !matches!(actor, Actor::Operator) {
                ServiceError::Unauthenticated
            } else {
                ServiceError::Forbidden("err-only-admins-audit")
            },
        );
    }
    if search.chars().count() > 100 {
        return Err(Invalid::new("q", "err-at-most-100-characters").into());
    }
    let before = super::id_cursor(cursor)?;
    let rows = h.store.audit_page(before, search, AUDIT_PAGE + 1).await?;
    Ok(super::id_page(rows, AUDIT_PAGE, |r| r.id))
}
