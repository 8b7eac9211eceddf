//! Moderation: members flag posts, enough weight hides a post until review, moderators
//! decide from one queue, and every decision lands in the audit log (`audit`). A flag weighs what the
//! flagger's trust level says; a moderator's hides at once.

use super::{Actor, Hearth, Result, ServiceError, now, spaces, topics};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::values::{FlagReason, ModerationAction};
use hearth_store::StoreError;
use hearth_store::moderation::{Decision, Flagged, NewFlag, QueueItem};

/// The weight at which a flagged post is hidden until a moderator decides.
pub const HIDE_AT: i64 = hearth_core::trust::FLAG_HIDES_AT;
/// Longest note on a flag or a decision.
pub const MAX_NOTE_CHARS: usize = 500;
const QUEUE_PAGE: i64 = 30;
const PUBLIC_LOG_PAGE: i64 = 50;

fn note(field: &'static str, text: Option<&str>) -> Result<Option<String>> {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = text
        && t.chars().count() > MAX_NOTE_CHARS
    {
        return Err(Invalid::new(
            field,
            hearth_core::message!("err-at-most-characters", max = MAX_NOTE_CHARS),
        )
        .into());
    }
    Ok(text.map(str::to_string))
}

/// Flags a post the actor can see. A deleted post, one's own post, a second flag and an
/// `other` flag without words are refused, and nothing is written; so is a flag from a
/// member who may not publish now (silenced, suspended, unconfirmed) or who reached the
/// day's cap for their trust level (429). How much the flag counts, and whether flags may
/// hide the post at all, is `access::flag_effect`'s decision.
pub async fn flag(
    h: &Hearth,
    actor: &Actor,
    post_id: i64,
    reason: &str,
    text: Option<&str>,
) -> Result<Flagged> {
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    let post = h
        .store
        .post(post_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-post"))?;
    topics::topic(h, actor, post.topic_id)
        .await
        .map_err(|_| ServiceError::NotFound("err-not-found-post"))?;
    if post.deleted_at.is_some() {
        return Err(ServiceError::State("err-post-deleted-flag"));
    }
    let reason = FlagReason::parse(reason)?;
    let text = note("text", text)?;
    if reason == FlagReason::Other && text.is_none() {
        return Err(Invalid::new("text", "err-flag-other").into());
    }
    if !access::can_flag(actor, &post) {
        return Err(ServiceError::Forbidden("err-flag-own"));
    }
    let flagger = super::accounts::check_may_post(h, actor).await?;
    let author = h
        .store
        .member(post.author_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-post"))?;
    // A community that sends no mail cannot confirm anyone: there, an address counts as
    // confirmed (sign-ups still start at trust level 0, whose flags weigh nothing).
    let confirmed = flagger.email_confirmed_at.is_some() || h.mailer.is_none();
    let effect = access::flag_effect(actor, confirmed, author.role, author.trust_level);
    let flag = NewFlag {
        post_id,
        member_id,
        reason: reason.as_str(),
        text: text.as_deref(),
        weight: effect.weight,
        hide_at: effect.may_hide.then_some(HIDE_AT),
        daily_cap: access::flags_per_day(actor),
    };
    match h.store.flag_post(&flag, now()).await {
        Err(StoreError::Conflict { field: "flag" }) => {
            Err(ServiceError::State("err-already-flagged"))
        }
        other => Ok(other?),
    }
}

fn require_moderator(actor: &Actor) -> Result<()> {
    if actor.member_id().is_none() && !matches!(actor, Actor::Operator) {
        return Err(ServiceError::Unauthenticated);
    }
    if access::can_moderate(actor) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("err-only-moderators-queue"))
    }
}

async fn visible_item(h: &Hearth, actor: &Actor, item: &QueueItem) -> Result<bool> {
    match h.store.space(item.space_id).await? {
        Some(space) => spaces::visible(h, actor, &space).await,
        None => Ok(false),
    }
}

/// A page of open items in spaces the moderator can see, oldest first, and the next cursor.
pub async fn queue(
    h: &Hearth,
    actor: &Actor,
    cursor: Option<&str>,
) -> Result<(Vec<QueueItem>, Option<String>)> {
    require_moderator(actor)?;
    let after = super::id_cursor(cursor)?.unwrap_or(0);
    let items = h.store.moderation_queue(after, QUEUE_PAGE + 1).await?;
    let next = if items.len() as i64 > QUEUE_PAGE {
        items.get(QUEUE_PAGE as usize - 1).map(|i| i.id.to_string())
    } else {
        None
    };
    let mut visible = Vec::new();
    for item in items.into_iter().take(QUEUE_PAGE as usize) {
        if visible_item(h, actor, &item).await? {
            visible.push(item);
        }
    }
    Ok((visible, next))
}

/// How many items wait (for the staff's navigation badge).
pub async fn waiting(h: &Hearth, actor: &Actor) -> Result<i64> {
    let mut n = 0;
    if access::can_moderate(actor) {
        // Only items the moderator can open: admins see every space, so they count all;
        // a moderator's count leaves out private spaces not granted to them.
        n += if access::can_manage_spaces(actor) {
            h.store.open_moderation_items().await?
        } else {
            let spaces = spaces::visible_spaces(h, actor).await?;
            h.store
                .open_moderation_items_in(&spaces::id_list(&spaces))
                .await?
        };
    }
    if access::can_review_applications(actor) {
        n += h.store.pending_application_count().await?;
    }
    Ok(n)
}

/// Decides an open item. Hide and delete need a reason; staff act only on content by
/// those below them (the owner on anyone's).
pub async fn decide(
    h: &Hearth,
    actor: &Actor,
    item_id: i64,
    action: &str,
    reason: &str,
) -> Result<()> {
    require_moderator(actor)?;
    let moderator_id = actor
        .member_id()
        .ok_or(ServiceError::Forbidden("err-signed-in-moderator"))?;
    let item = h
        .store
        .moderation_item(item_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-queue-item"))?;
    if !visible_item(h, actor, &item).await? {
        return Err(ServiceError::NotFound("err-not-found-queue-item"));
    }
    let action = ModerationAction::parse(action)?;
    let reason = note("reason", Some(reason))?;
    if action != ModerationAction::Approve && reason.is_none() {
        return Err(Invalid::new("reason", "err-say-why-decision").into());
    }
    if item.state != "open" {
        return Err(ServiceError::State("err-item-decided"));
    }
    if !access::can_act_on(actor, item.author_role) {
        return Err(ServiceError::Forbidden("err-act-below-posts"));
    }
    let decision = Decision {
        item_id,
        moderator_id,
        action,
        reason: reason.as_deref().unwrap_or(""),
    };
    match h.store.decide(&decision, now()).await {
        Err(StoreError::Conflict { field: "item" }) => Err(ServiceError::State("err-item-decided")),
        other => Ok(other?),
    }
}

/// Publishes or unpublishes the moderation log (admins).
pub async fn set_public_log(h: &Hearth, actor: &Actor, on: bool) -> Result<()> {
    if !access::can_view_audit_log(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-publish-log"));
    }
    Ok(h.store
        .set_public_mod_log(on, actor.member_id(), now())
        .await?)
}

/// The public moderation log (when the community publishes it): what moderators removed in
/// public spaces and why, without names or content. `NotFound` when it is not published.
pub async fn public_log(
    h: &Hearth,
    cursor: Option<&str>,
) -> Result<(Vec<hearth_store::moderation::PublicEntry>, Option<String>)> {
    let published = h.store.community().await?.is_some_and(|c| c.public_mod_log);
    if !published {
        return Err(ServiceError::NotFound("err-not-found-page"));
    }
    let before = super::id_cursor(cursor)?;
    let rows = h
        .store
        .public_moderation_log(before, PUBLIC_LOG_PAGE + 1)
        .await?;
    Ok(super::id_page(rows, PUBLIC_LOG_PAGE, |r| r.id))
}
