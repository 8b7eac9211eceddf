//! Admins' webhook subscriptions: make one (its URL checked, its secret made), list them,
//! roll a secret, switch one off and on, delete it, read its delivery log and send a
//! delivery again. The sending is `crate::outbound`; the queue is the `webhooks` consumer.

use super::{Actor, Hearth, Result, ServiceError, audit, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_store::webhooks::{Delivery, NewWebhook, Webhook};

/// Most subscriptions a community may have.
pub const MAX_WEBHOOKS: usize = 50;

/// How long a rolled secret keeps signing beside the new one.
pub const ROLL_OVERLAP_MS: i64 = 24 * 3_600_000;

/// What an admin asks for.
#[derive(Debug, Clone, Default)]
pub struct NewSubscription<'a> {
    pub url: &'a str,
    /// Activity kinds; `None` (or empty) for every kind.
    pub kinds: Option<Vec<String>>,
    /// A space's slug; `None` for the whole community.
    pub space: Option<&'a str>,
}

fn check(actor: &Actor) -> Result<()> {
    if actor.member_id().is_none() && !matches!(actor, Actor::Operator) {
        return Err(ServiceError::Unauthenticated);
    }
    if access::can_manage_webhooks(actor) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("err-webhooks-forbidden"))
    }
}

/// The kinds a subscription may name: every kind Hearth records (and `custom:` kinds
/// pushed by integrators), except visits, which are never sent.
fn parse_kinds(kinds: &[String]) -> Result<Option<String>> {
    let mut out: Vec<&str> = Vec::new();
    for k in kinds {
        let k = k.trim();
        if k.is_empty() {
            continue;
        }
        let known = (hearth_core::activity::is_known(k) && k != hearth_core::activity::VISITED)
            || (k.starts_with(hearth_core::activity::CUSTOM_PREFIX) && k.len() <= 80);
        if !known {
            return Err(Invalid::new(
                "kinds",
                hearth_core::message!("err-webhook-kind", kind = k.to_string()),
            )
            .into());
        }
        if !out.contains(&k) {
            out.push(k);
        }
    }
    Ok((!out.is_empty()).then(|| out.join(",")))
}

/// Makes a subscription; returns it with its secret (shown in full only here and to
/// admins who open it).
pub async fn create(h: &Hearth, actor: &Actor, input: &NewSubscription<'_>) -> Result<Webhook> {
    check(actor)?;
    let url = input.url.trim();
    if url.len() > 2_000 {
        return Err(Invalid::new("url", "err-webhook-url-long").into());
    }
    let kinds = parse_kinds(input.kinds.as_deref().unwrap_or_default())?;
    let space_id = match input.space.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(slug) => Some(
            h.store
                .space_by_slug(slug)
                .await?
                .ok_or_else(|| Invalid::new("space", "err-webhook-space"))?
                .id,
        ),
    };
    if let Err(refused) = crate::outbound::check_url(url, h.config.allow_local_webhooks).await {
        return Err(Invalid::new(
            "url",
            hearth_core::message!("err-webhook-url", why = refused.to_string()),
        )
        .into());
    }
    if h.store.webhooks().await?.len() >= MAX_WEBHOOKS {
        return Err(Invalid::new(
            "url",
            hearth_core::message!("err-webhooks-max", max = MAX_WEBHOOKS),
        )
        .into());
    }
    let secret = crate::outbound::new_secret()?;
    let created_by = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let id = h
        .store
        .create_webhook(
            &NewWebhook {
                url,
                kinds: kinds.as_deref(),
                space_id,
                secret: &secret,
                created_by,
            },
            now(),
        )
        .await?;
    audit::record(
        h,
        actor,
        AuditAction::WebhookCreated,
        Some(("webhook", id)),
        None,
    )
    .await;
    get(h, actor, id).await
}

pub async fn list(h: &Hearth, actor: &Actor) -> Result<Vec<Webhook>> {
    check(actor)?;
    Ok(h.store.webhooks().await?)
}

pub async fn get(h: &Hearth, actor: &Actor, id: i64) -> Result<Webhook> {
    check(actor)?;
    h.store
        .webhook(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-webhook"))
}

/// A new secret; the old one keeps signing beside it for [`ROLL_OVERLAP_MS`], so the
/// receiver can switch without missing a delivery.
pub async fn roll_secret(h: &Hearth, actor: &Actor, id: i64) -> Result<Webhook> {
    get(h, actor, id).await?;
    let secret = crate::outbound::new_secret()?;
    h.store
        .roll_webhook_secret(id, &secret, now() + ROLL_OVERLAP_MS)
        .await?;
    audit::record(
        h,
        actor,
        AuditAction::WebhookSecretRolled,
        Some(("webhook", id)),
        None,
    )
    .await;
    get(h, actor, id).await
}

/// Switches a subscription off (`false`) or back on (`true`). On again, it goes on from
/// where it stopped: what was queued meanwhile is sent, in order.
pub async fn set_enabled(h: &Hearth, actor: &Actor, id: i64, enabled: bool) -> Result<Webhook> {
    let w = get(h, actor, id).await?;
    if enabled == w.disabled_at.is_none() {
        return Ok(w);
    }
    let (at, reason, action) = if enabled {
        (None, None, AuditAction::WebhookEnabled)
    } else {
        (
            Some(now()),
            Some("switched off by an admin"),
            AuditAction::WebhookDisabled,
        )
    };
    h.store.set_webhook_disabled(id, at, reason).await?;
    audit::record(h, actor, action, Some(("webhook", id)), None).await;
    get(h, actor, id).await
}

pub async fn delete(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    get(h, actor, id).await?;
    h.store.delete_webhook(id).await?;
    audit::record(
        h,
        actor,
        AuditAction::WebhookDeleted,
        Some(("webhook", id)),
        None,
    )
    .await;
    Ok(())
}

/// Deliveries per page of the log.
pub const DELIVERIES_PAGE: i64 = 50;

/// A page of subscription `id`'s delivery log, newest first, and the cursor of the next.
pub async fn deliveries(
    h: &Hearth,
    actor: &Actor,
    id: i64,
    before: Option<i64>,
) -> Result<(Vec<Delivery>, Option<i64>)> {
    get(h, actor, id).await?;
    let mut rows = h.store.deliveries(id, before, DELIVERIES_PAGE + 1).await?;
    let next = if rows.len() as i64 > DELIVERIES_PAGE {
        rows.truncate(DELIVERIES_PAGE as usize);
        rows.last().map(|d| d.id)
    } else {
        None
    };
    Ok((rows, next))
}

/// Sends delivery `delivery_id` of subscription `id` again, with the same body and
/// `webhook-id`, as soon as the sender looks.
pub async fn redeliver(h: &Hearth, actor: &Actor, id: i64, delivery_id: i64) -> Result<Delivery> {
    get(h, actor, id).await?;
    let d = h
        .store
        .delivery(delivery_id)
        .await?
        .filter(|d| d.webhook_id == id)
        .ok_or(ServiceError::NotFound("err-not-found-delivery"))?;
    if !h.store.redeliver(d.id, now()).await? {
        return Err(ServiceError::State("err-delivery-pending"));
    }
    h.store
        .delivery(d.id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-delivery"))
}
