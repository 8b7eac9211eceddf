//! Trust levels and what a new post must pass: the trust job that earns levels, staff
//! promoting or locking a member, and the checks on a member's post before it is written
//! (guidelines accepted, links allowed at their level, first-day and daily limits, then
//! the spam filter and keyword rules, which may send it to the queue).

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::model::{Community, Member};
use hearth_core::spam::{self, Signals};
use hearth_core::trust::{self, TrustSettings};
use hearth_store::topics::Screen;
use hearth_store::trust::LevelChange;

const DAY: i64 = 86_400_000;
const BATCH: i64 = 500;

/// The owner's thresholds (stored text was checked when saved; defaults if it no longer
/// parses after an upgrade renamed a key).
pub fn settings(c: &Community) -> TrustSettings {
    TrustSettings::parse(&c.trust_settings).unwrap_or_default()
}

/// The trust job: measures every member not locked and moves their level to what they
/// earned. Returns how many changed. Staff are left alone (their rights come from role).
pub async fn recompute(h: &Hearth) -> Result<usize> {
    let Some(c) = h.store.community().await? else {
        return Ok(0);
    };
    let settings = settings(&c);
    let at = now();
    let mut after = 0;
    let mut changed = 0;
    loop {
        let rows = h.store.trust_rows(after, BATCH).await?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        for r in rows
            .iter()
            .filter(|r| !r.locked && r.role < hearth_core::values::Role::Moderator)
        {
            let stats = h.store.trust_stats(r.id, r.created_at, at).await?;
            let earned = settings.earned(&stats, r.level);
            if earned != r.level
                && h.store
                    .set_trust_level(
                        &LevelChange {
                            member_id: r.id,
                            level: earned,
                            locked: false,
                            manual: false,
                            by: None,
                            reason: None,
                        },
                        at,
                    )
                    .await?
            {
                changed += 1;
            }
        }
    }
    Ok(changed)
}

/// Staff set a member's level by hand and lock it (`Some(level)`), or hand it back to the
/// trust job (`None`, which recomputes it now). Only on members below the actor.
pub async fn set_level(
    h: &Hearth,
    actor: &Actor,
    member_id: i64,
    level: Option<u8>,
    reason: &str,
) -> Result<Member> {
    let target = h
        .store
        .member(member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    if !access::can_act_on(actor, target.role) {
        return Err(ServiceError::Forbidden("err-trust-below"));
    }
    let reason = reason.trim();
    if reason.chars().count() > 500 {
        return Err(Invalid::new("reason", "err-at-most-500-characters").into());
    }
    let (level, locked) = match level {
        Some(l) if l <= 4 => (l, true),
        Some(_) => return Err(Invalid::new("level", "err-from-0-to-4").into()),
        None => {
            let c = h
                .store
                .community()
                .await?
                .ok_or(ServiceError::State("err-not-set-up-yet"))?;
            let stats = h
                .store
                .trust_stats(target.id, target.created_at, now())
                .await?;
            (settings(&c).earned(&stats, 0), false)
        }
    };
    h.store
        .set_trust_level(
            &LevelChange {
                member_id: target.id,
                level,
                locked,
                manual: true,
                by: actor.member_id(),
                reason: Some(reason).filter(|r| !r.is_empty()),
            },
            now(),
        )
        .await?;
    h.store
        .member(target.id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))
}

/// Whether a post's Markdown (or its HTML) links to other sites or shows images: any
/// `href` that is not a path on this site (`/x`, not `//x`) or an anchor, any image, and
/// bare `http(s)://` addresses in the text.
pub fn has_links(body_md: &str, html: &str) -> bool {
    let outside = html
        .split("href=\"")
        .skip(1)
        .any(|rest| !(rest.starts_with('#') || (rest.starts_with('/') && !rest.starts_with("//"))));
    outside || html.contains("<img") || spam::external_links(body_md) > 0
}

/// Everything a member's new post must pass before it is written. Returns where it goes:
/// `None` to the page, or a `Screen` sending it to the queue (held or flagged).
pub async fn check_new_post(
    h: &Hearth,
    actor: &Actor,
    body_md: &str,
    html: &str,
    is_topic: bool,
) -> Result<Option<Screen>> {
    let Some((member, community)) = writer(h, actor, body_md, html).await? else {
        return Ok(None);
    };
    let (id, privileges) = (member.id, actor.trust());
    let at = now();
    let (topics, posts) = h.store.posts_since(id, at - DAY).await?;
    // First-day limits hold for new members (level 0) only.
    let first_day = member.trust_level == 0 && at - member.created_at < DAY;
    if first_day && is_topic && topics >= trust::FIRST_DAY_TOPICS {
        return Err(ServiceError::Restricted(hearth_core::message!(
            "err-first-day-topics",
            count = trust::FIRST_DAY_TOPICS
        )));
    }
    let limit = if first_day {
        trust::FIRST_DAY_POSTS.min(privileges.posts_per_day)
    } else {
        privileges.posts_per_day
    };
    if posts >= limit {
        return Err(ServiceError::Restricted(hearth_core::message!(
            "err-posts-per-day",
            posts = posts
        )));
    }
    screen(
        h,
        &community,
        &member,
        body_md,
        posts == 0 && h.store.posts_since(id, 0).await?.1 == 0,
    )
    .await
}

/// The checks every member's writing passes (new posts and edits): the current guidelines
/// accepted, and links only at a trust level that allows them. Returns the member whose
/// writing is screened next, or `None` for staff and the console, who are not screened.
async fn writer(
    h: &Hearth,
    actor: &Actor,
    body_md: &str,
    html: &str,
) -> Result<Option<(Member, Community)>> {
    let Some(id) = actor.member_id() else {
        return Ok(None);
    };
    let member = h
        .store
        .member(id)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    let community = h
        .store
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up-yet"))?;
    super::membership::check_guidelines(&community, &member)?;
    if actor.is_staff() {
        return Ok(None);
    }
    if has_links(body_md, html) && !access::can_post_links(actor) {
        return Err(Invalid::new("body", "err-new-member-links").into());
    }
    Ok(Some((member, community)))
}

/// What a member's edit must pass: the guidelines accepted, links only at a level that
/// allows them, then keyword rules and the spam filter (an edit that turns a post into
/// spam sends it back to the queue). Staff edits pass.
pub async fn check_edit(
    h: &Hearth,
    actor: &Actor,
    body_md: &str,
    html: &str,
) -> Result<Option<Screen>> {
    let Some((member, community)) = writer(h, actor, body_md, html).await? else {
        return Ok(None);
    };
    screen(h, &community, &member, body_md, false).await
}

/// The filter's model: this node's parsed copy while the stored model has not changed
/// (one small query), else read and parsed again (milliseconds at 10,000 decisions:
/// docs/PERFORMANCE.md).
async fn spam_model(h: &Hearth) -> Result<std::sync::Arc<spam::Model>> {
    let stamp = h.store.spam_model_stamp().await?.unwrap_or(0);
    if let Ok(cache) = h.spam_model.lock()
        && let Some((at, model)) = cache.as_ref()
        && *at == stamp
    {
        return Ok(model.clone());
    }
    let model = std::sync::Arc::new(h.store.spam_model().await?);
    if let Ok(mut cache) = h.spam_model.lock() {
        *cache = Some((stamp, model.clone()));
    }
    Ok(model)
}

/// Keyword rules and the spam filter: a `hold` rule holds; else the filter holds a post it
/// scores at or above the threshold; else a `flag` rule flags it for review.
async fn screen(
    h: &Hearth,
    c: &Community,
    member: &Member,
    body_md: &str,
    first_post: bool,
) -> Result<Option<Screen>> {
    let lowered = body_md.to_lowercase();
    let rules = h.store.keyword_rules().await?;
    let matched: Vec<_> = rules
        .iter()
        // Patterns are stored lowercased (`spam::add_keyword_rule`).
        .filter(|r| lowered.contains(&r.pattern))
        .collect();
    if let Some(rule) = matched.iter().find(|r| r.action == "hold") {
        return Ok(Some(Screen {
            cause: "keyword",
            detail: rule.pattern.clone(),
            hold: true,
        }));
    }
    let flag = matched.first().map(|rule| Screen {
        cause: "keyword",
        detail: rule.pattern.clone(),
        hold: false,
    });
    let at = now();
    let signals = Signals {
        new_member: member.trust_level <= 1,
        first_post,
        seconds_since_join: (at - member.created_at) / 1000,
        duplicate: h.store.duplicate_post(body_md, at - DAY).await?,
        external_links: spam::external_links(body_md),
    };
    let model = spam_model(h).await?;
    let score = spam::score(&model, body_md, &signals);
    let percent = (score * 100.0).round() as i64;
    // The filter holds what it scores high, even when a `flag` rule matched too.
    Ok(if percent >= c.spam_threshold {
        Some(Screen {
            cause: "spam_filter",
            detail: format!("{percent}%"),
            hold: true,
        })
    } else {
        flag
    })
}
