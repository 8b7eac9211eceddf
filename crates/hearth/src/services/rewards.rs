//! The rewards catalogue: admins add items (a discount code from a list they upload, a
//! perk fulfilled by hand, or access to a private space) with a cost, stock, a limit per
//! member and a level; members redeem them with their points and see their codes; staff
//! fulfil or cancel what waits. Every refusal is named and writes nothing.

use super::{Actor, Hearth, Result, ServiceError, audit, now};
use hearth_core::audit::AuditAction;
use hearth_core::{Invalid, access, message};
use hearth_store::rewards::{NewReward, Redemption, Refusal, Reward};

/// The kinds of reward.
pub const KINDS: &[&str] = &["code", "perk", "space"];

/// The most codes one upload may carry, and the longest code.
pub const MAX_CODES: usize = 10_000;
pub const MAX_CODE_CHARS: usize = 100;

/// What an admin asks for.
#[derive(Debug, Clone, Default)]
pub struct RewardInput<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub cost: i64,
    pub stock: Option<i64>,
    pub per_member_limit: Option<i64>,
    pub kind: &'a str,
    /// For a space reward: the space's slug.
    pub space: Option<&'a str>,
    pub min_level: Option<i64>,
}

fn check_admin(actor: &Actor) -> Result<()> {
    super::points::check_manage(actor, "err-rewards-forbidden")
}

fn text(value: &str, field: &'static str, max: usize, required: bool) -> Result<String> {
    let v = value.trim();
    if (required && v.is_empty())
        || v.chars().count() > max
        || v.chars().any(|c| c.is_control() && c != '\n')
    {
        return Err(Invalid::new(field, message!("err-reward-text", max = max)).into());
    }
    Ok(v.to_string())
}

pub async fn create(h: &Hearth, actor: &Actor, input: &RewardInput<'_>) -> Result<Reward> {
    check_admin(actor)?;
    let name = text(input.name, "name", 80, true)?;
    let description = text(input.description, "description", 500, false)?;
    if !(1..=1_000_000).contains(&input.cost) {
        return Err(Invalid::new("cost", "err-reward-cost").into());
    }
    if input.stock.is_some_and(|s| !(0..=1_000_000).contains(&s)) {
        return Err(Invalid::new("stock", "err-reward-stock").into());
    }
    if input
        .per_member_limit
        .is_some_and(|l| !(1..=1_000).contains(&l))
    {
        return Err(Invalid::new("per_member_limit", "err-reward-limit").into());
    }
    let min_level = input.min_level.unwrap_or(1);
    if !(1..=hearth_core::points::MAX_LEVELS as i64).contains(&min_level) {
        return Err(Invalid::new("min_level", "err-reward-level").into());
    }
    let kind = KINDS
        .iter()
        .find(|k| **k == input.kind.trim())
        .ok_or_else(|| Invalid::new("kind", "err-reward-kind"))?;
    let space_id = match (*kind, input.space.map(str::trim).filter(|s| !s.is_empty())) {
        ("space", Some(slug)) => {
            let space = h
                .store
                .space_by_slug(slug)
                .await?
                .ok_or_else(|| Invalid::new("space", "err-not-found-space"))?;
            if space.visibility != hearth_core::values::Visibility::Private {
                return Err(Invalid::new("space", "err-reward-space-private").into());
            }
            Some(space.id)
        }
        ("space", None) => return Err(Invalid::new("space", "err-reward-space").into()),
        _ => None,
    };
    let by = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let id = h
        .store
        .create_reward(
            &NewReward {
                name: &name,
                description: &description,
                cost: input.cost,
                stock: input.stock,
                per_member_limit: input.per_member_limit,
                kind,
                space_id,
                min_level,
                created_by: by,
            },
            now(),
        )
        .await?;
    audit::record(
        h,
        actor,
        AuditAction::RewardCreated,
        Some(("reward", id)),
        Some(&name),
    )
    .await;
    get(h, actor, id).await
}

/// Codes from an upload: one a line (or separated by commas), blank lines skipped.
pub fn parse_codes(text: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (i, c) in text.split(['\n', ',']).enumerate() {
        let c = c.trim().trim_matches('"').trim();
        if c.is_empty() {
            continue;
        }
        if c.chars().count() > MAX_CODE_CHARS || c.chars().any(char::is_control) {
            return Err(Invalid::new("codes", message!("err-reward-code", line = i + 1)).into());
        }
        if !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    if out.is_empty() {
        return Err(Invalid::new("codes", "err-reward-no-codes").into());
    }
    if out.len() > MAX_CODES {
        return Err(Invalid::new(
            "codes",
            message!("err-reward-too-many-codes", max = MAX_CODES),
        )
        .into());
    }
    Ok(out)
}

/// Adds codes to a code reward; returns how many were new.
pub async fn add_codes(h: &Hearth, actor: &Actor, id: i64, codes: &str) -> Result<usize> {
    check_admin(actor)?;
    let reward = get(h, actor, id).await?;
    if reward.kind != "code" {
        return Err(Invalid::new("codes", "err-reward-not-code").into());
    }
    let codes = parse_codes(codes)?;
    let n = h.store.add_reward_codes(id, &codes, now()).await?;
    audit::record(
        h,
        actor,
        AuditAction::RewardCodesAdded,
        Some(("reward", id)),
        None,
    )
    .await;
    Ok(n)
}

pub async fn set_active(h: &Hearth, actor: &Actor, id: i64, active: bool) -> Result<Reward> {
    check_admin(actor)?;
    h.store.set_reward_active(id, active).await?;
    audit::record(
        h,
        actor,
        AuditAction::RewardUpdated,
        Some(("reward", id)),
        None,
    )
    .await;
    get(h, actor, id).await
}

/// The catalogue: active items for members, every item for admins.
pub async fn list(h: &Hearth, actor: &Actor) -> Result<Vec<Reward>> {
    if actor.member_id().is_none() && !matches!(actor, Actor::Operator) {
        return Err(ServiceError::Unauthenticated);
    }
    Ok(h.store.rewards(!access::can_manage_points(actor)).await?)
}

pub async fn get(h: &Hearth, actor: &Actor, id: i64) -> Result<Reward> {
    if actor.member_id().is_none() && !matches!(actor, Actor::Operator) {
        return Err(ServiceError::Unauthenticated);
    }
    h.store
        .reward(id)
        .await?
        .filter(|r| r.active || access::can_manage_points(actor))
        .ok_or(ServiceError::NotFound("err-not-found-reward"))
}

/// Spends the actor's points on a reward.
pub async fn redeem(h: &Hearth, actor: &Actor, id: i64) -> Result<Redemption> {
    let member = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    if !access::can_redeem(actor) {
        return Err(ServiceError::Forbidden("err-redeem-forbidden"));
    }
    super::discipline::check_not_restricted(h, member).await?;
    match h.store.redeem(member, id, now()).await? {
        Ok(r) => Ok(r),
        Err(Refusal::NotFound | Refusal::Inactive) => {
            Err(ServiceError::NotFound("err-not-found-reward"))
        }
        Err(Refusal::TooFewPoints { balance, cost }) => Err(ServiceError::Refused(message!(
            "err-redeem-too-few-points",
            balance = balance,
            cost = cost
        ))),
        Err(Refusal::LevelTooLow { level, needed }) => Err(ServiceError::Refused(message!(
            "err-redeem-level",
            level = level,
            needed = needed
        ))),
        Err(Refusal::LimitReached { limit }) => Err(ServiceError::Refused(message!(
            "err-redeem-limit",
            limit = limit
        ))),
        Err(Refusal::OutOfStock) => Err(ServiceError::Refused(message!("err-redeem-out-of-stock"))),
    }
}

/// The actor's own redemptions, with their codes.
pub async fn mine(h: &Hearth, actor: &Actor) -> Result<Vec<Redemption>> {
    let member = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    Ok(h.store.member_redemptions(member).await?)
}

/// Every redemption with `status` (admins).
pub async fn all(h: &Hearth, actor: &Actor, status: &str) -> Result<Vec<Redemption>> {
    check_admin(actor)?;
    let status = match status.trim() {
        "" | "all" => "",
        s @ ("pending" | "fulfilled" | "cancelled") => s,
        _ => return Err(Invalid::new("status", "err-redemption-status").into()),
    };
    Ok(h.store.redemptions(status, 200).await?)
}

/// Marks a pending redemption fulfilled, or cancels it (its points refunded).
pub async fn decide(h: &Hearth, actor: &Actor, id: i64, fulfil: bool) -> Result<Redemption> {
    check_admin(actor)?;
    let by = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    h.store
        .redemption(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-redemption"))?;
    let done = if fulfil {
        h.store.fulfil_redemption(id, by, now()).await?
    } else {
        h.store.cancel_redemption(id, by, now()).await?
    };
    if !done {
        return Err(ServiceError::State("err-redemption-not-pending"));
    }
    let action = if fulfil {
        AuditAction::RedemptionFulfilled
    } else {
        AuditAction::RedemptionCancelled
    };
    audit::record(h, actor, action, Some(("redemption", id)), None).await;
    h.store
        .redemption(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-redemption"))
}
