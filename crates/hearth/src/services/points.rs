//! Points for everyone: the owner's policy (rules per activity kind and channel, the
//! anti-farming limits, levels and what each unlocks), a member's balance, level and
//! entries, the leaderboards, seasons, and the ledger's verification. The ledger itself is
//! written by the `points` consumer (`crate::ledger`).

use super::{Actor, Hearth, Result, ServiceError, audit};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_core::points::{self as rules, DEFAULT_LEVELS, Limits, PointRule, Rules};
use hearth_store::points::{Board, Points, Verification};
use hearth_store::{StoreError, Tx};

/// One level as the owner sets it: the points it starts at, its name, and what reaching
/// it opens (a private space, a perk described in words).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub points: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space_id: Option<i64>,
    #[serde(default)]
    pub perk: String,
}

/// One rule as stored and as the API and form carry it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub kind: String,
    /// `hub`, `discord`, `slack`, …; absent for any channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    pub points: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_cap: Option<i64>,
}

/// The owner's whole policy, stored as JSON in `community.points_settings`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyDoc {
    pub rules: Vec<RuleDoc>,
    pub member_daily_cap: i64,
    pub same_pair_daily_reactions: i64,
    pub reaction_max_age_days: i64,
    pub referral_joined: i64,
    pub referral_purchase: i64,
    pub levels: Vec<Level>,
    /// Leave staff off the leaderboards.
    pub exclude_staff: bool,
}

impl Default for PolicyDoc {
    fn default() -> Self {
        let r = Rules::default();
        PolicyDoc {
            rules: r
                .rules
                .iter()
                .map(|p| RuleDoc {
                    kind: p.kind.clone(),
                    channel: p.channel.clone(),
                    points: p.points,
                    daily_cap: p.daily_cap,
                })
                .collect(),
            member_daily_cap: r.limits.member_daily_cap,
            same_pair_daily_reactions: r.limits.same_pair_daily_reactions,
            reaction_max_age_days: r.limits.reaction_max_age_days,
            referral_joined: r.referral_joined,
            referral_purchase: r.referral_purchase,
            levels: DEFAULT_LEVELS
                .iter()
                .map(|p| Level {
                    points: *p,
                    name: String::new(),
                    space_id: None,
                    perk: String::new(),
                })
                .collect(),
            exclude_staff: true,
        }
    }
}

/// Refuses anyone who may not manage points, rewards and seasons (`err_key` says what).
pub fn check_manage(actor: &Actor, err_key: &'static str) -> Result<()> {
    if access::can_manage_points(actor) {
        Ok(())
    } else if actor.member_id().is_none() && !matches!(actor, Actor::Operator) {
        Err(ServiceError::Unauthenticated)
    } else {
        Err(ServiceError::Forbidden(err_key))
    }
}

/// The policy in force, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub rules: Rules,
    pub levels: Vec<Level>,
    pub exclude_staff: bool,
}

impl PolicyDoc {
    /// The policy, checked: each wrong value is named.
    pub fn policy(&self) -> Result<Policy> {
        let rules = Rules {
            rules: self
                .rules
                .iter()
                .map(|r| PointRule {
                    kind: r.kind.trim().to_string(),
                    channel: r
                        .channel
                        .as_deref()
                        .map(str::trim)
                        .filter(|c| !c.is_empty() && *c != "*")
                        .map(str::to_string),
                    points: r.points,
                    daily_cap: r.daily_cap,
                })
                .collect(),
            limits: Limits {
                member_daily_cap: self.member_daily_cap,
                same_pair_daily_reactions: self.same_pair_daily_reactions,
                reaction_max_age_days: self.reaction_max_age_days,
            },
            referral_joined: self.referral_joined,
            referral_purchase: self.referral_purchase,
        };
        rules.check()?;
        let thresholds: Vec<i64> = self.levels.iter().map(|l| l.points).collect();
        rules::check_levels(&thresholds)?;
        for l in &self.levels {
            if l.name.chars().count() > 40 || l.perk.chars().count() > 200 {
                return Err(Invalid::new("levels", "err-levels-text").into());
            }
        }
        Ok(Policy {
            rules,
            levels: self.levels.clone(),
            exclude_staff: self.exclude_staff,
        })
    }
}

/// The stored document ('' or unreadable: the defaults).
fn doc_from(text: &str) -> PolicyDoc {
    serde_json::from_str(text).unwrap_or_default()
}

/// The stored policy, or the defaults when it no longer checks out.
fn parse_stored(text: &str) -> Policy {
    doc_from(text).policy().unwrap_or_else(|_| Policy {
        rules: Rules::default(),
        levels: PolicyDoc::default().levels,
        exclude_staff: true,
    })
}

/// The policy in force, read in a transaction (the consumer's).
pub async fn policy_in(tx: &mut Tx) -> std::result::Result<Policy, StoreError> {
    Ok(parse_stored(&hearth_store::points::settings_in(tx).await?))
}

/// The policy in force.
pub async fn policy(h: &Hearth) -> Result<Policy> {
    Ok(parse_stored(&h.store.points_settings().await?))
}

/// The stored policy as a document (the defaults when none was set), for admins.
pub async fn policy_doc(h: &Hearth, actor: &Actor) -> Result<PolicyDoc> {
    check_manage(actor, "err-points-forbidden")?;
    Ok(doc_from(&h.store.points_settings().await?))
}

/// From when a change of rules applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyFrom {
    /// Only to what happens next.
    Now,
    /// To activity from this day on (ms), with corrections for the difference.
    Date(i64),
    /// To all history, with corrections.
    AllHistory,
}

/// Stores a new policy; with `from` a date or all history, replays the ledger over that
/// activity and writes the difference as corrections. Returns how many corrections.
pub async fn set_policy(
    h: &Hearth,
    actor: &Actor,
    doc: &PolicyDoc,
    from: ApplyFrom,
) -> Result<usize> {
    check_manage(actor, "err-points-forbidden")?;
    let policy = doc.policy()?;
    for l in &policy.levels {
        if let Some(space) = l.space_id
            && h.store.space(space).await?.is_none()
        {
            return Err(Invalid::new("levels", "err-not-found-space").into());
        }
    }
    let json = serde_json::to_string(doc).map_err(|e| ServiceError::internal(e.to_string()))?;
    let thresholds: Vec<i64> = policy.levels.iter().map(|l| l.points).collect();
    h.store.set_points_settings(&json, &thresholds).await?;
    audit::record(h, actor, AuditAction::PointsRulesChanged, None, None).await;
    let corrections = match from {
        ApplyFrom::Now => 0,
        ApplyFrom::Date(ms) => crate::ledger::replay(&h.store, ms).await?,
        ApplyFrom::AllHistory => crate::ledger::replay(&h.store, 0).await?,
    };
    Ok(corrections)
}

/// A member's points as someone sees them: the balance and level for anyone who may see
/// the member, the entries for themselves and staff.
pub struct MemberPoints {
    pub points: Points,
    pub next_level_at: Option<i64>,
    /// The levels in force, for the page's table.
    pub levels: Vec<Level>,
    pub entries: Vec<hearth_core::points::Entry>,
    pub next_cursor: Option<String>,
    pub may_see_entries: bool,
}

pub const ENTRIES_PER_PAGE: i64 = 50;

/// Points and leaderboards are for members: a visitor who has not signed in sees none.
fn signed_in(actor: &Actor) -> Result<()> {
    match actor {
        Actor::Anonymous => Err(ServiceError::Unauthenticated),
        _ => Ok(()),
    }
}

pub async fn member_points(
    h: &Hearth,
    actor: &Actor,
    member_id: i64,
    before: Option<&str>,
) -> Result<MemberPoints> {
    signed_in(actor)?;
    let member = h
        .store
        .member(member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    let points = h.store.points(member.id).await?;
    let policy = policy(h).await?;
    let next_level_at = policy
        .levels
        .iter()
        .map(|l| l.points)
        .find(|p| *p > points.earned);
    let may_see_entries = access::can_see_point_entries(actor, member.id);
    let (entries, next_cursor) = if may_see_entries {
        let before = super::id_cursor(before)?.unwrap_or(0);
        let rows = h
            .store
            .member_entries(member.id, before, ENTRIES_PER_PAGE + 1)
            .await?;
        let more = rows.len() as i64 > ENTRIES_PER_PAGE;
        let rows: Vec<_> = rows.into_iter().take(ENTRIES_PER_PAGE as usize).collect();
        let next = more
            .then(|| rows.last().map(|e| e.id.to_string()))
            .flatten();
        (rows, next)
    } else {
        (Vec::new(), None)
    };
    Ok(MemberPoints {
        points,
        next_level_at,
        levels: policy.levels,
        entries,
        next_cursor,
        may_see_entries,
    })
}

/// A leaderboard's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
    All,
}

impl Period {
    pub const ALL: &'static [Period] = &[Period::Week, Period::Month, Period::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "7d",
            Period::Month => "30d",
            Period::All => "all",
        }
    }

    pub fn parse(s: &str) -> Result<Period> {
        Period::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| Invalid::new("period", "err-leaderboard-period").into())
    }
}

/// One leaderboard: its rows, and the season it counts within.
pub struct Leaderboard {
    pub period: Period,
    pub space: Option<hearth_core::model::Space>,
    pub rows: Vec<(hearth_core::model::Author, i64)>,
    pub season: Option<(i64, String, i64)>,
}

pub const LEADERBOARD_ROWS: i64 = 50;

pub async fn leaderboard(
    h: &Hearth,
    actor: &Actor,
    period: Period,
    space: Option<&str>,
) -> Result<Leaderboard> {
    signed_in(actor)?;
    let space = match space.filter(|s| !s.is_empty()) {
        Some(slug) => Some(super::spaces::space(h, actor, slug).await?),
        None => None,
    };
    let season = h.store.season().await?;
    let now = super::now();
    let window = match period {
        Period::Week => Some(now - 7 * 86_400_000),
        Period::Month => Some(now - 30 * 86_400_000),
        Period::All => None,
    };
    let since = match (window, season.as_ref().map(|s| s.2)) {
        (Some(w), Some(s)) => Some(w.max(s)),
        (w, s) => w.or(s),
    };
    let policy = policy(h).await?;
    let rows = h
        .store
        .leaderboard(&Board {
            since,
            space_id: space.as_ref().map(|s| s.id),
            exclude_staff: policy.exclude_staff,
            limit: LEADERBOARD_ROWS,
        })
        .await?;
    Ok(Leaderboard {
        period,
        space,
        rows,
        season,
    })
}

/// Starts a new season: the leaderboards count from now.
pub async fn start_season(h: &Hearth, actor: &Actor, name: &str) -> Result<i64> {
    check_manage(actor, "err-points-forbidden")?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(Invalid::new("name", "err-season-name").into());
    }
    let by = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let id = h.store.start_season(name, by, super::now()).await?;
    audit::record(
        h,
        actor,
        AuditAction::PointsSeasonStarted,
        Some(("season", id)),
        Some(name),
    )
    .await;
    Ok(id)
}

/// Recomputes the whole chain and every balance. Anyone may ask, signed in or not: the
/// answer holds counts and hashes, no one's data, and the point of a verifiable ledger is
/// that members need not trust the owner.
pub async fn verify(h: &Hearth, _actor: &Actor) -> Result<Verification> {
    Ok(h.store.verify_ledger().await?)
}
