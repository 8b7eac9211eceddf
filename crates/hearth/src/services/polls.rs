//! Polls: the options as typed, the poll as the actor sees it, and votes until it closes.

use super::topics::topic;
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::model::Topic;
use hearth_core::values::TopicKind;

/// A poll as typed: options, one or several choices, an optional closing time (RFC 3339,
/// or `YYYY-MM-DDTHH:MM` on `time_zone`'s clock, UTC when none), and when results show.
#[derive(Debug, Clone, Default)]
pub struct PollInput {
    pub options: Vec<String>,
    pub multiple: bool,
    pub closes_at: Option<String>,
    pub results: Option<String>,
    /// The zone a form's local time is read in: the member's, else the community's.
    pub time_zone: Option<String>,
}

/// Most options a poll may have.
pub const MAX_POLL_OPTIONS: usize = 20;

/// An instant (RFC 3339), or a local time on `zone`'s clock (UTC when none).
fn parse_time(input: &str, zone: Option<&str>) -> Option<i64> {
    let zone = match zone.map(str::trim).filter(|z| !z.is_empty()) {
        Some(name) => hearth_core::events::time_zone(name).ok()?,
        None => jiff::tz::TimeZone::UTC,
    };
    hearth_core::events::parse_time("poll", input, &zone).ok()
}

pub(crate) fn parse_poll(
    input: &PollInput,
) -> Result<(Vec<String>, bool, Option<i64>, &'static str)> {
    let mut options: Vec<String> = Vec::new();
    for raw in &input.options {
        let label = raw.trim();
        if label.is_empty() {
            continue;
        }
        if label.chars().count() > 100 {
            return Err(Invalid::new("poll", "err-poll-option-length").into());
        }
        if options
            .iter()
            .any(|o| o.to_lowercase() == label.to_lowercase())
        {
            return Err(Invalid::new(
                "poll",
                hearth_core::message!("err-poll-option-twice", label = label),
            )
            .into());
        }
        options.push(label.to_string());
    }
    if options.len() < 2 {
        return Err(Invalid::new("poll", "err-poll-two-options").into());
    }
    if options.len() > MAX_POLL_OPTIONS {
        return Err(Invalid::new(
            "poll",
            hearth_core::message!("err-poll-max-options", max = MAX_POLL_OPTIONS),
        )
        .into());
    }
    let closes_at = match input
        .closes_at
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => {
            let at = parse_time(s, input.time_zone.as_deref()).ok_or_else(|| {
                Invalid::new(
                    "poll",
                    hearth_core::message!("err-poll-closes-format", s = format!("{s:?}")),
                )
            })?;
            if at <= now() {
                return Err(Invalid::new("poll", "err-poll-closes-future").into());
            }
            Some(at)
        }
    };
    let results = match input.results.as_deref().map(str::trim) {
        None | Some("") | Some("after_vote") => "after_vote",
        Some("after_close") => "after_close",
        Some(_) => {
            return Err(Invalid::new("poll", "err-poll-results").into());
        }
    };
    Ok((options, input.multiple, closes_at, results))
}

/// A poll as the actor sees it.
#[derive(Debug, Clone)]
pub struct PollState {
    pub poll: hearth_store::polls::Poll,
    pub mine: Vec<i64>,
    pub closed: bool,
    /// May the actor see the counts yet?
    pub results_visible: bool,
}

pub(crate) async fn poll_state(
    h: &Hearth,
    actor: &Actor,
    topic: &Topic,
) -> Result<Option<PollState>> {
    if topic.kind != TopicKind::Poll.as_str() {
        return Ok(None);
    }
    let Some(poll) = h.store.poll(topic.id).await? else {
        return Ok(None);
    };
    let mine = match actor.member_id() {
        Some(id) => h.store.my_poll_votes(topic.id, id).await?,
        None => Vec::new(),
    };
    let closed = poll.closes_at.is_some_and(|c| c <= now());
    let results_visible = closed || (poll.results == "after_vote" && !mine.is_empty());
    Ok(Some(PollState {
        poll,
        mine,
        closed,
        results_visible,
    }))
}

/// Votes in a poll (or changes the actor's vote) until it closes.
pub async fn vote_poll(h: &Hearth, actor: &Actor, topic_id: i64, options: &[i64]) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("err-guests-read-only"));
    }
    if topic.kind != TopicKind::Poll.as_str() {
        return Err(Invalid::new("topic", "err-only-polls-votes").into());
    }
    let poll = h
        .store
        .poll(topic.id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-poll"))?;
    let mut chosen: Vec<i64> = options.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.is_empty() {
        return Err(Invalid::new("options", "err-choose-option").into());
    }
    if !poll.multiple && chosen.len() > 1 {
        return Err(Invalid::new("options", "err-one-choice").into());
    }
    super::accounts::check_may_post(h, actor).await?;
    match h
        .store
        .vote_poll(topic.id, member_id, &chosen, now())
        .await?
    {
        Ok(()) => Ok(()),
        Err(hearth_store::polls::PollVoteError::Closed) => {
            Err(ServiceError::State("err-poll-closed"))
        }
        Err(hearth_store::polls::PollVoteError::UnknownOption) => {
            Err(Invalid::new("options", "err-unknown-option").into())
        }
    }
}
