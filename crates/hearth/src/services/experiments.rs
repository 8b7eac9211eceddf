//! Invitation experiments: the owner picks a segment of customers who are not members;
//! Hearth splits them at random (`hearth_insights::experiment::split`, with a recorded
//! seed) into a group it invites by email and a holdout it does not, and later compares
//! the two on joining, spending and buying again. Admins start one; whoever may open
//! Insights reads it. Nothing about an experiment can change once it has started.

use super::accounts;
use super::insights::may_view;
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::{Invalid, access, message};
use hearth_insights::experiment::{Report, Unit, itt, split};
use hearth_store::experiments::{Experiment, Placed};
use hearth_store::membership::NewInvite;
use std::collections::HashSet;

/// The fewest people an experiment may have, and the most.
pub const MIN_PEOPLE: usize = 20;
pub const MAX_PEOPLE: usize = 20_000;
/// An invitation is valid this long at most (as any email invitation).
const INVITE_DAYS: i64 = 90;
const DAY_MS: i64 = 86_400_000;

/// How the result is computed, in one line (the API's `method`).
pub const METHOD: &str = "randomised invitation with a holdout group: intent-to-treat difference of the invited group's mean and the holdout's, 95% interval from Welch's standard error (difference ± 1.96 × SE); the relative effect on spend by the delta method";

/// What the owner asks for.
pub struct StartInput<'a> {
    pub name: &'a str,
    pub segment_id: i64,
    pub holdout_percent: Option<i64>,
    pub outcome_days: Option<i64>,
    pub seed: Option<i64>,
}

/// Who the segment had that could not take part.
#[derive(Debug, Default, Clone, Copy, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct LeftOut {
    /// Already members (accounts, or an address an account has).
    pub members: i64,
    /// No email address to write to.
    pub no_email: i64,
    /// Unsubscribed from the mailing list, or their address was cleaned.
    pub unsubscribed: i64,
    /// Already in an experiment that is still running.
    pub in_another: i64,
}

/// The largest seed (JavaScript's largest exact integer, so every client reads it whole).
const MAX_SEED: i64 = (1 << 53) - 1;

/// Starts an experiment: checks everything, splits the segment's eligible people, and
/// writes the experiment with the invited group's invitations, in one transaction.
pub async fn start(h: &Hearth, actor: &Actor, input: &StartInput<'_>) -> Result<i64> {
    if !access::can_run_experiments(actor) {
        return Err(ServiceError::Forbidden("err-experiment-forbidden"));
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(Invalid::new("name", message!("err-experiment-name")).into());
    }
    let holdout = input.holdout_percent.unwrap_or(50);
    if !(10..=90).contains(&holdout) {
        return Err(Invalid::new("holdout_percent", message!("err-experiment-holdout")).into());
    }
    let days = input.outcome_days.unwrap_or(90);
    if !(14..=365).contains(&days) {
        return Err(Invalid::new("outcome_days", message!("err-experiment-days")).into());
    }
    let seed = match input.seed {
        Some(s) if (0..=MAX_SEED).contains(&s) => s,
        Some(_) => return Err(Invalid::new("seed", message!("err-experiment-seed")).into()),
        None => {
            let bytes = accounts::random_secret()?;
            let digest = accounts::secret_hash(&bytes);
            i64::from_str_radix(&digest[..13], 16).unwrap_or(1) & MAX_SEED
        }
    };
    if h.mailer.is_none() {
        return Err(ServiceError::State("err-invite-no-mail"));
    }
    let segment =
        h.store.segment(input.segment_id).await?.ok_or_else(|| {
            Invalid::new("segment_id", message!("err-experiment-segment-missing"))
        })?;
    let condition = hearth_core::condition::parse(&segment.condition)
        .map_err(|_| Invalid::new("segment_id", message!("err-experiment-segment-missing")))?;
    let at = now();
    let mut people = Vec::new();
    let mut after = 0;
    loop {
        let page = h
            .store
            .condition_members(&condition, at, after, 5_000)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        people.extend(page);
        if people.len() > MAX_PEOPLE * 2 {
            break;
        }
    }
    if people.is_empty() {
        return Err(Invalid::new("segment_id", message!("err-experiment-segment-empty")).into());
    }
    let mut left = LeftOut::default();
    let busy: HashSet<i64> = h
        .store
        .people_in_running_experiments(at)
        .await?
        .into_iter()
        .collect();
    let contacts: Vec<_> = people
        .into_iter()
        .filter(|p| {
            if p.kind == "account" {
                left.members += 1;
                false
            } else if p.email.trim().is_empty() {
                left.no_email += 1;
                false
            } else if busy.contains(&p.id) {
                left.in_another += 1;
                false
            } else {
                true
            }
        })
        .collect();
    let emails: Vec<String> = contacts.iter().map(|p| p.email.to_lowercase()).collect();
    let taken: HashSet<String> = h
        .store
        .account_emails_among(&emails)
        .await?
        .into_iter()
        .collect();
    let ids: Vec<i64> = contacts.iter().map(|p| p.id).collect();
    let unsubscribed: HashSet<i64> = h
        .store
        .unsubscribed_among(&ids)
        .await?
        .into_iter()
        .collect();
    let mut eligible = Vec::new();
    for (p, email) in contacts.iter().zip(&emails) {
        if taken.contains(email) {
            left.members += 1;
        } else if unsubscribed.contains(&p.id) {
            left.unsubscribed += 1;
        } else {
            eligible.push((p.id, email.clone()));
        }
    }
    if eligible.is_empty() {
        let only_members = left.no_email + left.unsubscribed + left.in_another == 0;
        let said = if only_members {
            message!("err-experiment-all-members")
        } else {
            message!(
                "err-experiment-no-one",
                members = left.members,
                no_email = left.no_email,
                unsubscribed = left.unsubscribed,
                in_another = left.in_another
            )
        };
        return Err(Invalid::new("segment_id", said).into());
    }
    if eligible.len() < MIN_PEOPLE {
        return Err(Invalid::new(
            "segment_id",
            message!(
                "err-experiment-too-few",
                n = eligible.len(),
                min = MIN_PEOPLE
            ),
        )
        .into());
    }
    if eligible.len() > MAX_PEOPLE {
        return Err(Invalid::new(
            "segment_id",
            message!("err-experiment-too-many", max = MAX_PEOPLE),
        )
        .into());
    }
    let ids: Vec<i64> = eligible.iter().map(|e| e.0).collect();
    let groups = split(&ids, seed as u64, holdout as u32);
    // Every invitation's secret and its hash, made before the transaction.
    let mut secrets = Vec::new();
    for (id, email) in &eligible {
        let invited = groups
            .binary_search_by_key(id, |g| g.0)
            .is_ok_and(|k| groups[k].1);
        if invited {
            let nonce = accounts::random_secret()?[..16].to_string();
            let secret = super::email::invite_secret(h, &nonce).await?;
            secrets.push(Some((
                accounts::secret_hash(&secret),
                nonce,
                email.as_str(),
            )));
        } else {
            secrets.push(None);
        }
    }
    let expires_at = at + days.min(INVITE_DAYS) * DAY_MS;
    let placed: Vec<Placed<'_>> = eligible
        .iter()
        .zip(&secrets)
        .map(|((id, _), s)| Placed {
            member_id: *id,
            invite: s.as_ref().map(|(hash, nonce, email)| NewInvite {
                token_hash: hash,
                email: Some(email),
                max_uses: 1,
                expires_at,
                created_by: actor.member_id(),
                mail_nonce: Some(nonce),
            }),
        })
        .collect();
    let id = h
        .store
        .start_experiment(
            &Experiment {
                id: 0,
                name: name.to_string(),
                segment_id: Some(segment.id),
                segment_name: segment.name.clone(),
                condition: segment.condition.clone(),
                seed,
                holdout_percent: holdout,
                outcome_days: days,
                left_out: serde_json::to_string(&left).unwrap_or_default(),
                created_by: actor.member_id(),
                started_at: at,
                ends_at: at + days * DAY_MS,
                invited: 0,
                holdout: 0,
            },
            &placed,
        )
        .await?;
    Ok(id)
}

/// An experiment and where it stands.
pub struct View {
    pub experiment: Experiment,
    pub left_out: LeftOut,
    /// Until when outcomes are counted: now, or the end once it has passed.
    pub until: i64,
    pub finished: bool,
    /// People whose figures are left out because they asked not to be counted.
    pub opted_out: usize,
    /// `None` until each group has two people counted.
    pub report: Option<Report>,
}

/// Every experiment, newest first, without their results.
pub async fn list(h: &Hearth, actor: &Actor) -> Result<Vec<Experiment>> {
    may_view(h, actor).await?;
    Ok(h.store.experiments().await?)
}

/// Experiment `id`, for a reader who may open Insights.
async fn readable(h: &Hearth, actor: &Actor, id: i64) -> Result<Experiment> {
    may_view(h, actor).await?;
    h.store
        .experiment(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-experiment"))
}

/// Experiment `id` with its result so far.
pub async fn read(h: &Hearth, actor: &Actor, id: i64) -> Result<View> {
    let experiment = readable(h, actor, id).await?;
    let at = now();
    let until = at.min(experiment.ends_at);
    let outcomes = h.store.experiment_outcomes(&experiment, until).await?;
    let opted_out = outcomes.iter().filter(|o| o.opted_out).count();
    let units: Vec<Unit> = outcomes
        .iter()
        .filter(|o| !o.opted_out)
        .map(|o| Unit {
            invited: o.invited,
            joined: o.joined,
            spend_cents: o.spend_cents,
            bought: o.purchases > 0,
        })
        .collect();
    Ok(View {
        left_out: serde_json::from_str(&experiment.left_out).unwrap_or_default(),
        finished: at >= experiment.ends_at,
        until,
        opted_out,
        report: itt(&units),
        experiment,
    })
}

/// The split as it was drawn: `(member_id, invited)` for everyone in experiment `id`, so
/// anyone can draw it again from the seed and check it.
pub async fn split_of(
    h: &Hearth,
    actor: &Actor,
    id: i64,
) -> Result<(Experiment, Vec<(i64, bool)>)> {
    let experiment = readable(h, actor, id).await?;
    let people = h.store.experiment_people(id).await?;
    Ok((experiment, people))
}
