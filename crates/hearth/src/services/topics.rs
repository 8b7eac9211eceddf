//! Topics: a space's pages in every order, one topic's page, starting topics of every kind,
//! accepted answers and pins. A space the actor may not see, and everything in it, is
//! reported as not found.

use super::ideas::has_voted;
use super::polls::{PollInput, PollState, parse_poll, poll_state};
use super::posts::{PostView, post_view, summarise_reactions};
use super::spaces::{space, visible, visible_spaces};
use super::watches::is_watching;
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_core::markdown;
use hearth_core::model::{Author, Space, Topic};
use hearth_core::values::{Markdown, Title, TopicKind};
use hearth_store::topics::{NewTopic, TopicListing};
use hearth_store::watches::Watched;

/// Topics per page of a space; posts per page of a topic.
pub const TOPICS_PER_PAGE: i64 = 30;

pub const POSTS_PER_PAGE: i64 = 20;

/// A keyset cursor into a space's topics: (last activity, id).
pub type TopicCursor = (i64, i64);

/// Parses a topics cursor `"{millis}.{id}"`.
pub fn parse_topic_cursor(s: &str) -> Result<TopicCursor> {
    let bad = || hearth_core::Invalid::new("cursor", "err-cursor");
    let (a, b) = s.split_once('.').ok_or_else(bad)?;
    Ok((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?))
}

pub fn topic_cursor(c: TopicCursor) -> String {
    format!("{}.{}", c.0, c.1)
}

/// Parses a posts cursor: the position after which the page starts.
pub fn parse_post_cursor(s: &str) -> Result<i64> {
    s.parse::<i64>()
        .ok()
        .filter(|p| *p >= 0)
        .ok_or_else(|| hearth_core::Invalid::new("cursor", "err-cursor").into())
}

/// A page of a space's topics and the cursor of the next page.
pub async fn topics_page(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    cursor: Option<&str>,
    answered: Option<bool>,
) -> Result<(Space, Vec<TopicListing>, Option<String>)> {
    topics_page_sorted(h, actor, slug, cursor, answered, TopicSort::Activity).await
}

/// How a space's topics are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicSort {
    /// Latest activity first (the default).
    Activity,
    /// Most votes first (ideas).
    Votes,
    /// Newest first.
    Newest,
    /// Most votes in the last [`TRENDING_DAYS`] first (ideas).
    Trending,
}

/// The window "trending" counts votes in.
pub const TRENDING_DAYS: i64 = 14;

impl TopicSort {
    pub fn parse(input: Option<&str>) -> Result<Self> {
        match input.map(str::trim) {
            None | Some("") | Some("activity") => Ok(TopicSort::Activity),
            Some("votes") => Ok(TopicSort::Votes),
            Some("newest") => Ok(TopicSort::Newest),
            Some("trending") => Ok(TopicSort::Trending),
            Some(_) => Err(Invalid::new("sort", "err-sort").into()),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TopicSort::Activity => "activity",
            TopicSort::Votes => "votes",
            TopicSort::Newest => "newest",
            TopicSort::Trending => "trending",
        }
    }
}

/// A page of a space's topics in the given order, and the cursor of the next page.
pub async fn topics_page_sorted(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    cursor: Option<&str>,
    answered: Option<bool>,
    sort: TopicSort,
) -> Result<(Space, Vec<TopicListing>, Option<String>)> {
    let space = space(h, actor, slug).await?;
    let before = cursor
        .filter(|c| !c.is_empty())
        .map(parse_topic_cursor)
        .transpose()?;
    let limit = TOPICS_PER_PAGE + 1;
    // Each listing with the key its order continues from.
    let mut keyed: Vec<(TopicListing, i64)> = match sort {
        TopicSort::Activity => h
            .store
            .topics_page_filtered(space.id, before, answered, limit)
            .await?
            .into_iter()
            .map(|l| {
                let key = l.topic.last_post_at;
                (l, key)
            })
            .collect(),
        TopicSort::Votes => h
            .store
            .topics_by_votes(space.id, before, limit)
            .await?
            .into_iter()
            .map(|l| {
                let key = l.topic.vote_count;
                (l, key)
            })
            .collect(),
        TopicSort::Newest => h
            .store
            .topics_by_creation(space.id, before, limit)
            .await?
            .into_iter()
            .map(|l| {
                let key = l.topic.created_at;
                (l, key)
            })
            .collect(),
        TopicSort::Trending => {
            let since = now() - TRENDING_DAYS * 86_400_000;
            h.store
                .topics_by_recent_votes(space.id, since, before, limit)
                .await?
        }
    };
    let next = if keyed.len() as i64 > TOPICS_PER_PAGE {
        keyed.truncate(TOPICS_PER_PAGE as usize);
        keyed
            .last()
            .map(|(l, key)| topic_cursor((*key, l.topic.id)))
    } else {
        None
    };
    Ok((space, keyed.into_iter().map(|(l, _)| l).collect(), next))
}

/// A topic, its space and its author, if the actor may see them.
pub async fn topic_with_author(
    h: &Hearth,
    actor: &Actor,
    id: i64,
) -> Result<(Space, Topic, Author)> {
    let (topic, space, author) = h
        .store
        .topic_context(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-topic"))?;
    if topic.deleted_at.is_some() && !access::can_see_deleted(actor) {
        return Err(ServiceError::NotFound("err-not-found-topic"));
    }
    // A topic whose opening post waits for review exists only for its author and staff.
    if !access::can_see_hidden_topic(actor, &topic) {
        return Err(ServiceError::NotFound("err-not-found-topic"));
    }
    if !visible(h, actor, &space).await? {
        return Err(ServiceError::NotFound("err-not-found-topic"));
    }
    Ok((space, topic, author))
}

/// A topic and its space, if the actor may see them.
pub async fn topic(h: &Hearth, actor: &Actor, id: i64) -> Result<(Space, Topic)> {
    topic_with_author(h, actor, id)
        .await
        .map(|(space, topic, _)| (space, topic))
}

/// A topic page: the topic, a page of posts, the next cursor, and whether the actor may reply.
pub struct TopicPage {
    pub space: Space,
    pub topic: Topic,
    pub author: Author,
    pub posts: Vec<PostView>,
    pub next: Option<String>,
    pub can_reply: bool,
    /// May the actor accept (or withdraw) the answer? Only for questions.
    pub can_accept: bool,
    /// For an answered question, the accepted answer (wherever it is in the topic).
    pub answer: Option<PostView>,
    /// For ideas: has the actor voted, and may they set the status?
    pub voted: bool,
    pub can_manage_ideas: bool,
    pub can_pin: bool,
    pub poll: Option<PollState>,
    /// Does the actor watch this topic (every reply notifies them)?
    pub watching: bool,
    /// For events: the schedule, seats and the actor's answer.
    pub event: Option<super::events::EventState>,
    /// The badges of the page's authors, newest first (one query for the page).
    pub badges: std::collections::HashMap<i64, Vec<hearth_store::badges::Chip>>,
}

pub async fn topic_page(
    h: &Hearth,
    actor: &Actor,
    id: i64,
    cursor: Option<&str>,
) -> Result<TopicPage> {
    let (space, topic, author) = topic_with_author(h, actor, id).await?;
    let after = cursor
        .filter(|c| !c.is_empty())
        .map(parse_post_cursor)
        .transpose()?
        .unwrap_or(0);
    let mut posts = h
        .store
        .posts_page(topic.id, after, POSTS_PER_PAGE + 1)
        .await?;
    let next = if posts.len() as i64 > POSTS_PER_PAGE {
        posts.truncate(POSTS_PER_PAGE as usize);
        posts.last().map(|p| p.position.to_string())
    } else {
        None
    };
    let can_reply = access::can_reply(actor, &space, &topic);
    let is_question = topic.kind == TopicKind::Question.as_str();
    let can_accept = is_question && access::can_accept_answer(actor, &topic);
    let answer = match topic.answer_post_id {
        Some(answer_id) if is_question => match h.store.post_position(answer_id).await? {
            Some(position) => h
                .store
                .posts_page(topic.id, position - 1, 1)
                .await?
                .into_iter()
                .next()
                .map(|p| post_view(actor, p)),
            None => None,
        },
        _ => None,
    };
    let reaction_rows = match posts.last() {
        Some(last) => {
            h.store
                .reactions_for_page(topic.id, after, last.position)
                .await?
        }
        None => Vec::new(),
    };
    let posts: Vec<PostView> = posts
        .into_iter()
        .map(|p| {
            let mut view = post_view(actor, p);
            if view.listing.post.deleted_at.is_none() {
                view.reactions = summarise_reactions(actor, view.listing.post.id, &reaction_rows);
            }
            view
        })
        .collect();
    let authors: Vec<i64> = posts.iter().map(|p| p.listing.post.author_id).collect();
    let mut badges = h.store.badge_chips(&authors).await?;
    for a in authors {
        badges.entry(a).or_default();
    }
    let voted = has_voted(h, actor, &topic).await?;
    let can_manage_ideas =
        topic.kind == TopicKind::Idea.as_str() && access::can_manage_ideas(actor);
    let poll = poll_state(h, actor, &topic).await?;
    let watching = is_watching(h, actor, Watched::Topic(topic.id)).await?;
    let event = if topic.kind == TopicKind::Event.as_str() {
        Some(super::events::event_in(h, actor, space.clone(), topic.id).await?)
    } else {
        None
    };
    Ok(TopicPage {
        event,
        poll,
        watching,
        can_pin: access::can_pin(actor),
        voted,
        can_manage_ideas,
        posts,
        space,
        topic,
        author,
        next,
        can_reply,
        can_accept,
        answer,
        badges,
    })
}

/// Starts a topic; returns its id.
pub async fn start_topic(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    title: &str,
    body: &str,
    kind: &str,
) -> Result<i64> {
    start_topic_with(
        h,
        actor,
        slug,
        &TopicInput {
            title,
            body,
            kind,
            pin: None,
            poll: None,
            event: None,
        },
    )
    .await
}

/// Everything a new topic may carry, as typed.
#[derive(Debug, Clone, Default)]
pub struct TopicInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// `discussion`, `question`, `idea`, `poll` or `announcement`.
    pub kind: &'a str,
    /// For announcements: `space` (default) or `community`.
    pub pin: Option<&'a str>,
    /// For polls.
    pub poll: Option<&'a PollInput>,
    /// For events.
    pub event: Option<&'a super::events::EventInput>,
}

/// Starts a topic of any kind; announcements (staff only) are pinned to their space, or
/// to the whole community when `pin` says `community`; polls come with their options.
pub async fn start_topic_with(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    input: &TopicInput<'_>,
) -> Result<i64> {
    let TopicInput {
        title,
        body,
        kind,
        pin,
        poll,
        event,
    } = *input;
    let space = space(h, actor, slug).await?;
    let Some(author_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    super::accounts::check_may_post(h, actor).await?;
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("err-guests-read-only"));
    }
    if !access::can_start_topic(actor, &space) {
        return Err(ServiceError::Forbidden("err-space-archived"));
    }
    let kind = TopicKind::parse(kind)?;
    let pin_scope = if kind == TopicKind::Announcement {
        if !access::can_pin(actor) {
            return Err(ServiceError::Forbidden("err-only-staff-announcements"));
        }
        Some(
            pin.filter(|p| !p.trim().is_empty())
                .map(hearth_core::values::PinScope::parse)
                .transpose()?
                .unwrap_or(hearth_core::values::PinScope::Space),
        )
    } else {
        None
    };
    if kind == TopicKind::Event && !access::can_create_event(actor, &space) {
        return Err(ServiceError::Forbidden("err-only-staff-events"));
    }
    if !matches!(kind, TopicKind::Announcement | TopicKind::Event)
        && !space.allowed_kinds.contains(&kind)
    {
        let allowed = TopicKind::join(&space.allowed_kinds).replace(',', ", ");
        return Err(Invalid::new(
            "kind",
            hearth_core::message!("err-space-kinds", allowed = allowed),
        )
        .into());
    }
    let poll = match (kind, poll) {
        (TopicKind::Poll, Some(p)) => Some(parse_poll(p)?),
        (TopicKind::Poll, None) => {
            return Err(Invalid::new("poll", "err-poll-needs-options").into());
        }
        (_, Some(_)) => {
            return Err(Invalid::new("poll", "err-poll-only-kind").into());
        }
        (_, None) => None,
    };
    let event = match (kind, event) {
        (TopicKind::Event, Some(e)) => Some(super::events::check(e)?),
        (TopicKind::Event, None) => {
            return Err(Invalid::new("starts_at", "err-event-needs-times").into());
        }
        (_, Some(_)) => {
            return Err(Invalid::new("kind", "err-event-only-kind").into());
        }
        (_, None) => None,
    };
    let title = Title::parse(title, h.config.limits.title_max_chars)?;
    let body = Markdown::parse(body, h.config.limits.body_max_bytes)?;
    super::notifications::check_mentions(h, body.as_str()).await?;
    let html = markdown::render(body.as_str());
    let new_poll =
        poll.as_ref().map(
            |(options, multiple, closes_at, results)| hearth_store::polls::NewPoll {
                options,
                multiple: *multiple,
                closes_at: *closes_at,
                results,
            },
        );
    let new_event = event.as_ref().map(super::events::CheckedEvent::as_new);
    let new = NewTopic {
        space_id: space.id,
        author_id,
        title: title.as_str(),
        kind: kind.as_str(),
        body_md: body.as_str(),
        body_html: &html,
        pin_scope: pin_scope.map(|p| p.as_str()),
        poll: new_poll.as_ref(),
        event: new_event.as_ref(),
    };
    let screen = super::trust::check_new_post(h, actor, body.as_str(), &html, true).await?;
    let (topic_id, _) = match screen {
        Some(screen) => h.store.create_topic_screened(&new, &screen, now()).await?,
        None => h.store.create_topic(&new, now()).await?,
    };
    Ok(topic_id)
}

/// Accepts `post_id` as the answer to question `topic_id` (the asker or staff).
pub async fn accept_answer(h: &Hearth, actor: &Actor, topic_id: i64, post_id: i64) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if topic.kind != TopicKind::Question.as_str() {
        return Err(Invalid::new("topic", "err-only-questions-answers").into());
    }
    if !access::can_accept_answer(actor, &topic) {
        return Err(ServiceError::Forbidden("err-accept-answer"));
    }
    super::accounts::check_may_post(h, actor).await?;
    let post = h.store.post(post_id).await?;
    match post {
        Some(p) if p.topic_id == topic.id && !p.is_first && p.deleted_at.is_none() => {}
        Some(p) if p.topic_id == topic.id && p.is_first => {
            return Err(Invalid::new("post_id", "err-question-not-answer").into());
        }
        _ => return Err(Invalid::new("post_id", "err-not-reply").into()),
    }
    h.store
        .accept_answer(topic.id, post_id, actor_id, now())
        .await
        .map_err(|e| match e {
            hearth_store::StoreError::NotFound => Invalid::new("post_id", "err-not-reply").into(),
            other => other.into(),
        })
}

/// Withdraws the accepted answer of a question (the asker or staff).
pub async fn unaccept_answer(h: &Hearth, actor: &Actor, topic_id: i64) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_accept_answer(actor, &topic) {
        return Err(ServiceError::Forbidden("err-change-answer"));
    }
    if topic.answer_post_id.is_none() {
        return Err(ServiceError::NotFound("err-not-found-accepted-answer"));
    }
    Ok(h.store.unaccept_answer(topic.id, actor_id, now()).await?)
}

/// Pins (`Some(scope)`) or unpins a topic (staff).
pub async fn set_pin(h: &Hearth, actor: &Actor, topic_id: i64, scope: Option<&str>) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_pin(actor) {
        return Err(ServiceError::Forbidden("err-pin-staff"));
    }
    check_rank_on_topic(h, actor, &topic).await?;
    let scope = scope
        .map(hearth_core::values::PinScope::parse)
        .transpose()?;
    h.store
        .set_pin(topic.id, scope.map(|s| s.as_str()), actor_id, now())
        .await?;
    let action = if scope.is_some() {
        AuditAction::TopicPinned
    } else {
        AuditAction::TopicUnpinned
    };
    super::audit::record(
        h,
        actor,
        action,
        Some(("topic", topic.id)),
        scope.map(|s| s.as_str()),
    )
    .await;
    Ok(())
}

/// Refuses staff powers on a topic by a member of the actor's rank or above
/// (`access::can_act_on_content`).
pub(crate) async fn check_rank_on_topic(h: &Hearth, actor: &Actor, topic: &Topic) -> Result<()> {
    let author_role = h
        .store
        .member(topic.author_id)
        .await?
        .map_or(hearth_core::values::Role::Owner, |m| m.role);
    if access::can_act_on_content(actor, topic.author_id, author_role) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("err-staff-below-topics"))
    }
}

/// The pinned topics of a space the actor can see.
pub async fn pinned(h: &Hearth, space: &Space) -> Result<Vec<TopicListing>> {
    Ok(h.store.pinned_topics(space.id).await?)
}

/// Topics pinned to the whole community, in spaces the actor can see, with their space.
pub async fn community_pins(h: &Hearth, actor: &Actor) -> Result<Vec<(Space, TopicListing)>> {
    let spaces = visible_spaces(h, actor).await?;
    Ok(h.store
        .community_pins()
        .await?
        .into_iter()
        .filter_map(|l| {
            spaces
                .iter()
                .find(|s| s.id == l.topic.space_id && s.archived_at.is_none())
                .map(|s| (s.clone(), l))
        })
        .collect())
}
