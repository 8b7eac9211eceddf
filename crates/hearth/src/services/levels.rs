//! Engagement levels, for those who may see Insights: the engine's levels
//! (`hearth_insights::levels`) with the owner's weights for each kind and channel over the
//! documented defaults. Admins set the weights; every weight is checked and named when
//! wrong, and the change is audited.

use super::insights::{Asked, compute, scope};
use super::{Actor, Hearth, Result, ServiceError};
use hearth_core::{Invalid, access};
use hearth_insights::levels::{self as engine, Weights, default_kind_weight};
use std::collections::BTreeMap;

/// The owner's weights: kinds and channels that differ from the defaults.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightsDoc {
    #[serde(default)]
    pub kinds: BTreeMap<String, f64>,
    #[serde(default)]
    pub channels: BTreeMap<String, f64>,
}

impl WeightsDoc {
    /// The weights in effect for `log`'s kinds and channels: these over the defaults.
    pub fn for_log(&self, log: &hearth_insights::Log) -> Weights {
        Weights::for_log(
            log,
            |k| {
                self.kinds
                    .get(k)
                    .copied()
                    .unwrap_or_else(|| default_kind_weight(k))
            },
            |c| self.channels.get(c).copied().unwrap_or(1.0),
        )
    }
}

/// The heaviest weight allowed.
pub const MAX_WEIGHT: f64 = 100.0;

pub async fn weights(h: &Hearth) -> Result<WeightsDoc> {
    let text = h.store.engagement_weights().await?;
    Ok(if text.is_empty() {
        WeightsDoc::default()
    } else {
        serde_json::from_str(&text).unwrap_or_default()
    })
}

/// The kinds a member's own doing can be, with their default weights, for the form.
pub fn kinds() -> Vec<(&'static str, f64)> {
    hearth_core::activity::KINDS
        .iter()
        .chain(hearth_core::activity::EXTERNAL_KINDS)
        .map(|(k, _, _)| *k)
        .filter(|k| hearth_core::activity::is_own_doing(k))
        .map(|k| (k, default_kind_weight(k)))
        .collect()
}

/// Checks and stores the weights; each bad one is named (`kinds.replied`).
pub async fn set_weights(h: &Hearth, actor: &Actor, doc: WeightsDoc) -> Result<WeightsDoc> {
    if !access::can_grant_insights(actor) {
        return Err(ServiceError::Forbidden("err-insights-weights-forbidden"));
    }
    let check = |field: &'static str, name: &str, w: f64| -> Result<()> {
        if !w.is_finite() || !(0.0..=MAX_WEIGHT).contains(&w) {
            return Err(Invalid::new(
                field,
                hearth_core::message!("err-insights-weight", name = format!("{name:?}")),
            )
            .into());
        }
        Ok(())
    };
    for (k, &w) in &doc.kinds {
        if !hearth_core::activity::is_own_doing(k) {
            return Err(Invalid::new(
                "kinds",
                hearth_core::message!("err-insights-weight-kind", name = format!("{k:?}")),
            )
            .into());
        }
        check("kinds", k, w)?;
    }
    for (c, &w) in &doc.channels {
        if hearth_core::people::channel(c).is_err() {
            return Err(Invalid::new(
                "channels",
                hearth_core::message!("err-insights-weight-channel", name = format!("{c:?}")),
            )
            .into());
        }
        check("channels", c, w)?;
    }
    let all_zero = kinds()
        .iter()
        .all(|(k, d)| doc.kinds.get(*k).copied().unwrap_or(*d) == 0.0);
    if all_zero {
        return Err(Invalid::new("kinds", "err-insights-weights-zero").into());
    }
    let text = if doc == WeightsDoc::default() {
        String::new()
    } else {
        serde_json::to_string(&doc).map_err(|e| ServiceError::internal(e.to_string()))?
    };
    h.store.set_engagement_weights(&text).await?;
    super::audit::record(
        h,
        actor,
        hearth_core::audit::AuditAction::InsightsWeightsChanged,
        None,
        Some(&text),
    )
    .await;
    Ok(doc)
}

/// A member of a level, with what made their score.
pub struct Member {
    pub member_id: i64,
    pub level: u8,
    pub score: f64,
    /// (kind, channel, points), largest first.
    pub reasons: Vec<(String, String, f64)>,
}

pub struct Report {
    pub sizes: [u64; 4],
    pub before: [u64; 4],
    pub promoted: u64,
    pub demoted: u64,
    /// The top `limit` members by score.
    pub top: Vec<Member>,
}

/// Levels on the day asked (`to`), against the day before the range, with staff counted
/// when `staff=true`.
pub async fn levels(h: &Hearth, asked: &Asked, limit: usize) -> Result<Report> {
    let doc = weights(h).await?;
    compute(h, asked, move |log, a| {
        let w = doc.for_log(log);
        let s = scope(log, a, (a.from, a.to));
        let l = log.levels(a.to, a.from - 1, &w, a.staff_replies, &s);
        let mut ranked: Vec<u32> = (0..l.level.len() as u32)
            .filter(|&p| l.level[p as usize] > 0 && l.score[p as usize] > 0.0)
            .collect();
        ranked.sort_by(|&x, &y| {
            l.score[y as usize]
                .total_cmp(&l.score[x as usize])
                .then(x.cmp(&y))
        });
        ranked.truncate(limit);
        let reasons = log.reasons(a.to, &w, &ranked);
        Report {
            sizes: l.sizes,
            before: l.before,
            promoted: l.promoted,
            demoted: l.demoted,
            top: ranked
                .iter()
                .zip(reasons)
                .map(|(&p, r)| Member {
                    member_id: log.people[p as usize].id,
                    level: l.level[p as usize],
                    score: l.score[p as usize],
                    reasons: r
                        .into_iter()
                        .map(|(k, c, pts)| {
                            (
                                log.kinds.names[k as usize].clone(),
                                log.channels.names[c as usize].clone(),
                                pts,
                            )
                        })
                        .collect(),
                })
                .collect(),
        }
    })
    .await
}

pub const HALF_LIFE_DAYS: f64 = engine::HALF_LIFE_DAYS;

/// A persona as the page and the API show it.
pub struct PersonaView {
    pub name: &'static str,
    pub members: usize,
    /// Mean counts of each behaviour over the range, in `hearth_insights::personas::BEHAVIOURS` order.
    pub mean: [f64; 5],
    /// A few of its members, by id.
    pub examples: Vec<i64>,
}

/// The range's personas, largest first (staff and opted-out members left out).
pub async fn personas(h: &Hearth, asked: &Asked) -> Result<Vec<PersonaView>> {
    compute(h, asked, |log, a| {
        let s = scope(log, a, (a.from, a.to));
        log.personas(&s, 0x5045_5253_4f4e)
            .into_iter()
            .map(|p| PersonaView {
                name: p.name,
                members: p.members.len(),
                mean: p.mean,
                examples: p
                    .members
                    .iter()
                    .take(5)
                    .map(|&m| log.people[m as usize].id)
                    .collect(),
            })
            .collect()
    })
    .await
}

/// Makes the segment of persona `name` over the range asked: its members get the tag
/// `persona-NAME` (taken from whoever had it and is no longer in the group), and the
/// segment `tag = "persona-NAME"` is found or saved. Returns the segment's id. Staff who
/// may manage people (tags and segments are theirs).
pub async fn persona_segment(h: &Hearth, actor: &Actor, asked: &Asked, name: &str) -> Result<i64> {
    let Some(&persona) = hearth_insights::personas::NAMES
        .iter()
        .find(|n| **n == name)
    else {
        return Err(Invalid::new("persona", "err-persona-name").into());
    };
    let ids: Vec<i64> = compute(h, asked, move |log, a| {
        let s = scope(log, a, (a.from, a.to));
        log.personas(&s, 0x5045_5253_4f4e)
            .into_iter()
            .filter(|p| p.name == persona)
            .flat_map(|p| {
                p.members
                    .into_iter()
                    .map(|m| log.people[m as usize].id)
                    .collect::<Vec<_>>()
            })
            .collect()
    })
    .await?;
    if ids.is_empty() {
        return Err(Invalid::new("persona", "err-persona-empty").into());
    }
    let tag = format!("persona-{persona}");
    let text = format!("tag = \"{tag}\"");
    let condition =
        hearth_core::condition::parse(&text).map_err(|e| ServiceError::internal(e.to_string()))?;
    let now = super::now();
    let mut had = Vec::new();
    let mut after = 0;
    loop {
        let page = h
            .store
            .condition_members(&condition, now, after, 5_000)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        had.extend(page.iter().map(|p| p.id).filter(|id| !ids.contains(id)));
    }
    let tags = [tag];
    if !had.is_empty() {
        super::people::change_tags(h, actor, &had, &[], &tags).await?;
    }
    super::people::change_tags(h, actor, &ids, &tags, &[]).await?;
    if let Some(s) = h
        .store
        .segments()
        .await?
        .into_iter()
        .find(|s| s.condition == text)
    {
        return Ok(s.id);
    }
    super::people::save_segment(h, actor, None, &format!("Persona: {persona}"), &text).await
}
