//! Member discipline: warnings the member sees and may answer, restrictions (silence,
//! suspend, ban) that end by themselves, and private moderator notes. Each staff action
//! appends an activity and an audit row in its own transaction.

use crate::activity::{self, NewActivity};
use crate::audit::{NewAudit, audit_in};
use crate::{Arg, Result, Row, Store, StoreError, Tx};
use hearth_core::audit::AuditAction;
use hearth_core::model::Millis;

/// A warning as the member and staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub id: i64,
    pub member_id: i64,
    pub by_handle: String,
    pub message: String,
    pub created_at: Millis,
    pub seen_at: Option<Millis>,
    pub reply: Option<String>,
    pub replied_at: Option<Millis>,
}

/// A silence, suspension or ban.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restriction {
    pub id: i64,
    pub member_id: i64,
    pub by_handle: String,
    /// `silence`, `suspend` or `ban`.
    pub kind: String,
    pub reason: String,
    pub created_at: Millis,
    /// `None` for a ban.
    pub ends_at: Option<Millis>,
    pub lifted_at: Option<Millis>,
    pub lift_reason: Option<String>,
}

/// A private note on a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModNote {
    pub id: i64,
    pub by_handle: String,
    pub note: String,
    pub created_at: Millis,
}

/// A restriction to impose.
#[derive(Debug, Clone)]
pub struct NewRestriction<'a> {
    pub member_id: i64,
    pub by_id: i64,
    pub kind: &'static str,
    pub reason: &'a str,
    pub ends_at: Option<Millis>,
}

/// A member's restrictions with the staff handle; `$rest` continues after
/// `WHERE s.member_id = $1`.
macro_rules! restriction_sql {
    ($rest:literal) => {
        concat!(
            "SELECT s.id, s.member_id, m.handle, s.kind, s.reason, s.created_at, s.ends_at, s.lifted_at, s.lift_reason
             FROM suspensions s JOIN members m ON m.id = s.by_id
             WHERE s.member_id = $1 ",
            $rest
        )
    };
}

fn warning_from(r: &Row) -> Result<Warning> {
    Ok(Warning {
        id: r.i64("id")?,
        member_id: r.i64("member_id")?,
        by_handle: r.text("handle")?,
        message: r.text("message")?,
        created_at: r.i64("created_at")?,
        seen_at: r.opt_i64("seen_at")?,
        reply: r.opt_text("reply")?,
        replied_at: r.opt_i64("replied_at")?,
    })
}

fn restriction_from(r: &Row) -> Result<Restriction> {
    Ok(Restriction {
        id: r.i64("id")?,
        member_id: r.i64("member_id")?,
        by_handle: r.text("handle")?,
        kind: r.text("kind")?,
        reason: r.text("reason")?,
        created_at: r.i64("created_at")?,
        ends_at: r.opt_i64("ends_at")?,
        lifted_at: r.opt_i64("lifted_at")?,
        lift_reason: r.opt_text("lift_reason")?,
    })
}

/// Records a staff action on a member: the activity and the audit row (also used by merges
/// and erasure).
pub(crate) async fn record_action(
    tx: &mut Tx,
    activity_member: i64,
    kind: &'static str,
    target_member: i64,
    audit: (AuditAction, Option<i64>, Option<&str>),
    properties: Option<&str>,
    now: Millis,
) -> Result<()> {
    activity::append(
        tx,
        &NewActivity {
            member_id: activity_member,
            kind,
            channel: hearth_core::activity::HUB,
            target_type: Some("member"),
            target_id: Some(target_member),
            space_id: None,
            properties,
            occurred_at: now,
        },
    )
    .await?;
    audit_in(
        tx,
        &NewAudit {
            actor_id: audit.1,
            action: audit.0,
            target_type: Some("member"),
            target_id: Some(target_member),
            reason: audit.2,
            details: properties,
        },
        now,
    )
    .await
}

/// Sets `members.suspended_until` to the latest end of the member's running suspensions
/// and bans (a ban counts as forever), or clears it.
async fn sync_suspended_until(tx: &mut Tx, member_id: i64, now: Millis) -> Result<()> {
    tx.execute(
        "UPDATE members SET suspended_until = (
            SELECT MAX(COALESCE(ends_at, 9223372036854775807)) FROM suspensions
            WHERE member_id = $1 AND kind IN ('suspend', 'ban') AND lifted_at IS NULL
              AND (ends_at IS NULL OR ends_at > $2))
         WHERE id = $1",
        &[Arg::I64(member_id), Arg::I64(now)],
    )
    .await?;
    Ok(())
}

impl Store {
    /// Warns a member. Returns the warning's id.
    pub async fn warn_member(
        &self,
        member_id: i64,
        by_id: i64,
        message: &str,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .fetch_one(
                "INSERT INTO warnings (member_id, by_id, message, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                &[Arg::I64(member_id), Arg::I64(by_id), Arg::Text(message), Arg::I64(now)],
            )
            .await?
            .i64("id")?;
        record_action(
            &mut tx,
            by_id,
            hearth_core::activity::MEMBER_WARNED,
            member_id,
            (AuditAction::MemberWarned, Some(by_id), Some(message)),
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Silences, suspends or bans a member; a suspension or ban also ends their sessions.
    pub async fn restrict_member(&self, r: &NewRestriction<'_>, now: Millis) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .fetch_one(
                "INSERT INTO suspensions (member_id, by_id, kind, reason, created_at, ends_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    Arg::I64(r.member_id),
                    Arg::I64(r.by_id),
                    Arg::Text(r.kind),
                    Arg::Text(r.reason),
                    Arg::I64(now),
                    Arg::OptI64(r.ends_at),
                ],
            )
            .await?
            .i64("id")?;
        if r.kind != "silence" {
            sync_suspended_until(&mut tx, r.member_id, now).await?;
            tx.execute(
                "DELETE FROM sessions WHERE member_id = $1",
                &[Arg::I64(r.member_id)],
            )
            .await?;
        }
        let properties = match r.ends_at {
            Some(at) => serde_json::json!({ "kind": r.kind, "ends_at": at }).to_string(),
            None => serde_json::json!({ "kind": r.kind, "ends_at": null }).to_string(),
        };
        let action = match r.kind {
            "silence" => AuditAction::MemberSilenced,
            "suspend" => AuditAction::MemberSuspended,
            _ => AuditAction::MemberBanned,
        };
        record_action(
            &mut tx,
            r.by_id,
            hearth_core::activity::MEMBER_RESTRICTED,
            r.member_id,
            (action, Some(r.by_id), Some(r.reason)),
            Some(&properties),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Ends a running restriction, by staff (`by`) or because it ran out (`None`). A
    /// restriction that already ended is a `Conflict` on `restriction`.
    pub async fn lift_restriction(
        &self,
        id: i64,
        by: Option<i64>,
        reason: &str,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "UPDATE suspensions SET lifted_at = $1, lifted_by = $2, lift_reason = $3
                 WHERE id = $4 AND lifted_at IS NULL RETURNING member_id, kind",
                &[
                    Arg::I64(now),
                    Arg::OptI64(by),
                    Arg::Text(reason),
                    Arg::I64(id),
                ],
            )
            .await?
            .ok_or(StoreError::Conflict {
                field: "restriction",
            })?;
        let (member_id, kind) = (row.i64("member_id")?, row.text("kind")?);
        sync_suspended_until(&mut tx, member_id, now).await?;
        let properties = match by {
            Some(b) => serde_json::json!({ "kind": kind, "by": b }).to_string(),
            None => serde_json::json!({ "kind": kind, "by": null }).to_string(),
        };
        record_action(
            &mut tx,
            member_id,
            hearth_core::activity::RESTRICTION_ENDED,
            member_id,
            (AuditAction::MemberRestrictionEnded, by, Some(reason)),
            Some(&properties),
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Ends every restriction whose time ran out by `now` (the scheduler calls this).
    /// Returns how many ended.
    pub async fn expire_restrictions(&self, now: Millis) -> Result<usize> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id FROM suspensions WHERE lifted_at IS NULL AND ends_at IS NOT NULL AND ends_at <= $1
                 ORDER BY ends_at LIMIT 500",
                &[Arg::I64(now)],
            )
            .await?;
        let mut ended = 0;
        for r in &rows {
            match self
                .lift_restriction(r.i64("id")?, None, "it ran out", now)
                .await
            {
                Ok(()) => ended += 1,
                // Another node (or a moderator) ended it first.
                Err(StoreError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(ended)
    }

    /// The member's restriction in force at `now`, the strictest first (ban, suspend, silence).
    pub async fn active_restriction(
        &self,
        member_id: i64,
        now: Millis,
    ) -> Result<Option<Restriction>> {
        const SQL: &str = restriction_sql!(
            "AND s.lifted_at IS NULL AND (s.ends_at IS NULL OR s.ends_at > $2)
             ORDER BY CASE s.kind WHEN 'ban' THEN 0 WHEN 'suspend' THEN 1 ELSE 2 END, s.ends_at DESC LIMIT 1"
        );
        let row = self
            .db
            .fetch_optional(SQL, &[Arg::I64(member_id), Arg::I64(now)])
            .await?;
        row.as_ref().map(restriction_from).transpose()
    }

    /// Adds a private note to a member's record.
    pub async fn add_mod_note(
        &self,
        member_id: i64,
        by_id: i64,
        note: &str,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .fetch_one(
                "INSERT INTO mod_notes (member_id, by_id, note, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                &[Arg::I64(member_id), Arg::I64(by_id), Arg::Text(note), Arg::I64(now)],
            )
            .await?
            .i64("id")?;
        // The note itself stays out of the audit row and the activity: it is private.
        record_action(
            &mut tx,
            by_id,
            hearth_core::activity::MOD_NOTE_ADDED,
            member_id,
            (AuditAction::MemberNoted, Some(by_id), None),
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A member's warnings, newest first.
    pub async fn warnings(&self, member_id: i64, limit: i64) -> Result<Vec<Warning>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT w.id, w.member_id, m.handle, w.message, w.created_at, w.seen_at, w.reply, w.replied_at
                 FROM warnings w JOIN members m ON m.id = w.by_id
                 WHERE w.member_id = $1 ORDER BY w.id DESC LIMIT $2",
                &[Arg::I64(member_id), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(warning_from).collect()
    }

    pub async fn unseen_warnings(&self, member_id: i64) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT COUNT(*) AS n FROM warnings WHERE member_id = $1 AND seen_at IS NULL",
                &[Arg::I64(member_id)],
            )
            .await?
            .i64("n")
    }

    pub async fn mark_warnings_seen(&self, member_id: i64, now: Millis) -> Result<()> {
        self.db
            .execute(
                "UPDATE warnings SET seen_at = $1 WHERE member_id = $2 AND seen_at IS NULL",
                &[Arg::I64(now), Arg::I64(member_id)],
            )
            .await?;
        Ok(())
    }

    /// The member answers one of their warnings (once). Returns whether it was recorded.
    pub async fn answer_warning(
        &self,
        warning_id: i64,
        member_id: i64,
        reply: &str,
        now: Millis,
    ) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE warnings SET reply = $1, replied_at = $2, seen_at = COALESCE(seen_at, $2)
                 WHERE id = $3 AND member_id = $4 AND reply IS NULL",
                &[
                    Arg::Text(reply),
                    Arg::I64(now),
                    Arg::I64(warning_id),
                    Arg::I64(member_id),
                ],
            )
            .await?;
        Ok(n == 1)
    }

    /// A member's restrictions, newest first.
    pub async fn restrictions(&self, member_id: i64, limit: i64) -> Result<Vec<Restriction>> {
        let rows = self
            .db
            .fetch_all(
                restriction_sql!("ORDER BY s.id DESC LIMIT $2"),
                &[Arg::I64(member_id), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(restriction_from).collect()
    }

    /// A member's private notes, newest first.
    pub async fn mod_notes(&self, member_id: i64, limit: i64) -> Result<Vec<ModNote>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT n.id, m.handle, n.note, n.created_at FROM mod_notes n JOIN members m ON m.id = n.by_id
                 WHERE n.member_id = $1 ORDER BY n.id DESC LIMIT $2",
                &[Arg::I64(member_id), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ModNote {
                    id: r.i64("id")?,
                    by_handle: r.text("handle")?,
                    note: r.text("note")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }
}
