//! Member discipline: staff warn members (who see and may answer), silence, suspend or ban
//! them for a number of days (it ends by itself, through the scheduler), lift that early,
//! and keep private notes. Staff act only on members below them, never on themselves.

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::model::Member;
use hearth_store::StoreError;
use hearth_store::discipline::{ModNote, NewRestriction, Restriction, Warning};

const MAX_MESSAGE_CHARS: usize = 2000;
const MAX_DAYS: i64 = 3650;

/// A member's record as staff see it.
pub struct Record {
    pub member: Member,
    pub warnings: Vec<Warning>,
    pub restrictions: Vec<Restriction>,
    /// Private staff notes; empty unless `may_act`.
    pub notes: Vec<ModNote>,
    /// May the reader act on this member (warn, restrict, note) and so read their private
    /// notes? Not on their own record, nor on those above them
    /// (`access::can_read_mod_notes`).
    pub may_act: bool,
    pub active: Option<Restriction>,
}

fn text(field: &'static str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Invalid::new(field, "err-required").into());
    }
    if value.chars().count() > max {
        return Err(Invalid::new(
            field,
            hearth_core::message!("err-at-most-characters", max = max),
        )
        .into());
    }
    Ok(value.to_string())
}

/// The target member, if the actor is staff and may act on them.
async fn target(h: &Hearth, actor: &Actor, member_id: i64) -> Result<(i64, Member)> {
    let Some(staff_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_moderate(actor) {
        return Err(ServiceError::Forbidden("err-only-moderators-act"));
    }
    let member = h
        .store
        .member(member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    if member.id == staff_id {
        return Err(ServiceError::Forbidden("err-act-on-yourself"));
    }
    if !access::can_act_on(actor, member.role) {
        return Err(ServiceError::Forbidden("err-act-below"));
    }
    Ok((staff_id, member))
}

/// Warns a member; they see it on their next page.
pub async fn warn(h: &Hearth, actor: &Actor, member_id: i64, message: &str) -> Result<i64> {
    let (staff_id, member) = target(h, actor, member_id).await?;
    let message = text("message", message, MAX_MESSAGE_CHARS)?;
    Ok(h.store
        .warn_member(member.id, staff_id, &message, now())
        .await?)
}

/// Silences (`silence`), suspends (`suspend`, the default) or bans (`ban`) a member.
/// Silence and suspension need `days` (1 to 3650); a ban has none. Returns when it ends.
pub async fn restrict(
    h: &Hearth,
    actor: &Actor,
    member_id: i64,
    kind: Option<&str>,
    days: Option<i64>,
    reason: &str,
) -> Result<Option<i64>> {
    let (staff_id, member) = target(h, actor, member_id).await?;
    let kind: &'static str = match kind.map(str::trim).unwrap_or("suspend") {
        "" | "suspend" => "suspend",
        "silence" => "silence",
        "ban" => "ban",
        _ => {
            return Err(Invalid::new("kind", "err-restriction-kind").into());
        }
    };
    let reason = text("reason", reason, 500)?;
    let at = now();
    let ends_at = match (kind, days) {
        ("ban", None) => None,
        ("ban", Some(_)) => {
            return Err(Invalid::new("days", "err-ban-no-end").into());
        }
        (_, Some(d)) if (1..=MAX_DAYS).contains(&d) => Some(at + d * 86_400_000),
        (_, Some(_)) => {
            return Err(Invalid::new(
                "days",
                hearth_core::message!("err-between-1-and", max = MAX_DAYS),
            )
            .into());
        }
        (_, None) => return Err(Invalid::new("days", "err-required").into()),
    };
    h.store
        .restrict_member(
            &NewRestriction {
                member_id: member.id,
                by_id: staff_id,
                kind,
                reason: &reason,
                ends_at,
            },
            at,
        )
        .await?;
    Ok(ends_at)
}

/// Ends a running restriction early.
pub async fn lift(
    h: &Hearth,
    actor: &Actor,
    member_id: i64,
    restriction_id: i64,
    reason: &str,
) -> Result<()> {
    let (staff_id, member) = target(h, actor, member_id).await?;
    let reason = text("reason", reason, 500)?;
    let running = h.store.restrictions(member.id, 100).await?;
    if !running.iter().any(|r| r.id == restriction_id) {
        return Err(ServiceError::NotFound("err-not-found-restriction"));
    }
    match h
        .store
        .lift_restriction(restriction_id, Some(staff_id), &reason, now())
        .await
    {
        Err(StoreError::Conflict { .. }) => Err(ServiceError::State("err-restriction-ended")),
        other => Ok(other?),
    }
}

/// Adds a private note to a member's record.
pub async fn note(h: &Hearth, actor: &Actor, member_id: i64, note: &str) -> Result<i64> {
    let (staff_id, member) = target(h, actor, member_id).await?;
    let note = text("note", note, MAX_MESSAGE_CHARS)?;
    Ok(h.store
        .add_mod_note(member.id, staff_id, &note, now())
        .await?)
}

/// A member's record: warnings, restrictions and notes (staff who may act on them).
pub async fn record(h: &Hearth, actor: &Actor, handle: &str) -> Result<Record> {
    let member = h
        .store
        .member_by_handle(handle)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    if !access::can_moderate(actor) {
        return Err(if actor.member_id().is_none() {
            ServiceError::Unauthenticated
        } else {
            ServiceError::Forbidden("err-only-moderators-records")
        });
    }
    let may_act = access::can_read_mod_notes(actor, member.id, member.role);
    let notes = if may_act {
        h.store.mod_notes(member.id, 100).await?
    } else {
        Vec::new()
    };
    Ok(Record {
        warnings: h.store.warnings(member.id, 100).await?,
        restrictions: h.store.restrictions(member.id, 100).await?,
        notes,
        may_act,
        active: h.store.active_restriction(member.id, now()).await?,
        member,
    })
}

/// The actor's own warnings. Reading changes nothing; [`mark_warnings_seen`] does.
pub async fn my_warnings(h: &Hearth, actor: &Actor) -> Result<Vec<Warning>> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    Ok(h.store.warnings(id, 100).await?)
}

/// Marks the actor's warnings seen (the banner goes away).
pub async fn mark_warnings_seen(h: &Hearth, actor: &Actor) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    Ok(h.store.mark_warnings_seen(id, now()).await?)
}

/// The member answers a warning of theirs, once.
pub async fn answer(h: &Hearth, actor: &Actor, warning_id: i64, reply: &str) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let reply = text("reply", reply, MAX_MESSAGE_CHARS)?;
    if !h
        .store
        .answer_warning(warning_id, id, &reply, now())
        .await?
    {
        return Err(ServiceError::NotFound("err-not-found-unanswered-warning"));
    }
    Ok(())
}

/// Refuses posting while the member is silenced, suspended or banned, saying until when.
pub async fn check_not_restricted(h: &Hearth, member_id: i64) -> Result<()> {
    match h.store.active_restriction(member_id, now()).await? {
        None => Ok(()),
        Some(r) => {
            let zone = match h.store.member(member_id).await? {
                Some(m) => zone_of(h, &m).await?,
                None => "UTC".to_string(),
            };
            Err(ServiceError::Restricted(describe(&r, &zone)))
        }
    }
}

/// The zone a member reads times in: their own, else the community's.
pub async fn zone_of(h: &Hearth, member: &hearth_core::model::Member) -> Result<String> {
    let community = h.store.community().await?;
    Ok(crate::i18n::locale(community.as_ref(), Some(member)).1)
}

/// "You are silenced until 2026-12-01 10:00 (Europe/Madrid): spam" (or banned, with no
/// end), on the clock of `zone` (an IANA name; UTC when unknown).
pub fn describe(r: &Restriction, zone: &str) -> hearth_core::Message {
    let (until_key, key) = match r.kind.as_str() {
        "silence" => ("err-silenced-until", "err-silenced"),
        "ban" => ("err-banned-until", "err-banned"),
        _ => ("err-suspended-until", "err-suspended"),
    };
    match r.ends_at {
        Some(at) => {
            let (tz, zone) = match jiff::tz::TimeZone::get(zone) {
                Ok(tz) => (tz, zone),
                Err(_) => (jiff::tz::TimeZone::UTC, "UTC"),
            };
            let until = jiff::Timestamp::from_millisecond(at)
                .map(|t| t.to_zoned(tz).strftime("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            hearth_core::message!(
                until_key,
                until = until,
                zone = zone,
                reason = r.reason.as_str()
            )
        }
        None => hearth_core::message!(key, reason = r.reason.as_str()),
    }
}
