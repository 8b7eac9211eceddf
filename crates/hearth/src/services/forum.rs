//! The forum: spaces, topics and posts, every door checked through `hearth_core::access`.
//! A space the actor may not see, and everything in it, is reported as not found.

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::markdown;
use hearth_core::model::{Author, Grant, Post, Revision, Space, Topic};
use hearth_core::values::{
    Markdown, Name, Reaction, Slug, Title, TopicKind, Visibility, optional_text,
};
use hearth_store::reactions::ReactionRow;
use hearth_store::spaces::SpaceFields;
use hearth_store::topics::{NewTopic, PostListing, TopicListing};
use hearth_store::watches::Watched;

/// Topics per page of a space; posts per page of a topic.
pub const TOPICS_PER_PAGE: i64 = 30;
pub const POSTS_PER_PAGE: i64 = 20;

/// A keyset cursor into a space's topics: (last activity, id).
pub type TopicCursor = (i64, i64);

/// Parses a topics cursor `"{millis}.{id}"`.
pub fn parse_topic_cursor(s: &str) -> Result<TopicCursor> {
    let bad = || hearth_core::Invalid::new("cursor", "is not a cursor this server gave out");
    let (a, b) = s.split_once('.').ok_or_else(bad)?;
    Ok((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?))
}

pub fn topic_cursor(c: TopicCursor) -> String {
    format!("{}.{}", c.0, c.1)
}

/// Parses a posts cursor: the position after which the page starts.
pub fn parse_post_cursor(s: &str) -> Result<i64> {
    s.parse::<i64>().ok().filter(|p| *p >= 0).ok_or_else(|| {
        hearth_core::Invalid::new("cursor", "is not a cursor this server gave out").into()
    })
}

/// May `actor` see `space`? Reads the grants only for private spaces. The one helper every
/// service uses before asking `access::can_view_space`.
pub(crate) async fn visible(h: &Hearth, actor: &Actor, space: &Space) -> Result<bool> {
    let grants = if space.visibility == Visibility::Private {
        h.store.space_grants(space.id).await?
    } else {
        Vec::new()
    };
    Ok(access::can_view_space(actor, space, &grants))
}

/// Space ids as the store's space filters take them: ",1,4," (`search`, `events_between`).
pub fn id_list<'a>(spaces: impl IntoIterator<Item = &'a Space>) -> String {
    let mut ids = String::from(",");
    for s in spaces {
        ids.push_str(&format!("{},", s.id));
    }
    ids
}

/// Spaces the actor may see; archived ones only for admins.
pub async fn visible_spaces(h: &Hearth, actor: &Actor) -> Result<Vec<Space>> {
    let mut out = Vec::new();
    for space in h.store.spaces().await? {
        if space.archived_at.is_some() && !access::can_manage_spaces(actor) {
            continue;
        }
        if visible(h, actor, &space).await? {
            out.push(space);
        }
    }
    Ok(out)
}

/// The space with `slug`, if the actor may see it.
pub async fn space(h: &Hearth, actor: &Actor, slug: &str) -> Result<Space> {
    let space = h
        .store
        .space_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("space"))?;
    if !visible(h, actor, &space).await? {
        return Err(ServiceError::NotFound("space"));
    }
    Ok(space)
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
            Some(_) => {
                Err(Invalid::new("sort", "must be activity, votes, newest or trending").into())
            }
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
        .ok_or(ServiceError::NotFound("topic"))?;
    if topic.deleted_at.is_some() && !access::can_see_deleted(actor) {
        return Err(ServiceError::NotFound("topic"));
    }
    // A topic whose opening post waits for review exists only for its author and staff.
    if !access::can_see_hidden_topic(actor, &topic) {
        return Err(ServiceError::NotFound("topic"));
    }
    if !visible(h, actor, &space).await? {
        return Err(ServiceError::NotFound("topic"));
    }
    Ok((space, topic, author))
}

/// A topic and its space, if the actor may see them.
pub async fn topic(h: &Hearth, actor: &Actor, id: i64) -> Result<(Space, Topic)> {
    topic_with_author(h, actor, id)
        .await
        .map(|(space, topic, _)| (space, topic))
}

/// A post as the actor sees it: deleted bodies are blanked for non-staff.
#[derive(Debug, Clone)]
pub struct PostView {
    pub listing: PostListing,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Reactions in the order of the fixed set, only those with a count.
    pub reactions: Vec<ReactionSummary>,
    /// Hidden for review; its body is blank unless the actor is its author or staff.
    pub hidden: bool,
    /// May the actor flag it?
    pub can_flag: bool,
}

/// How many members gave one reaction to a post, whether the actor did, and the first
/// few names (for "who reacted").
#[derive(Debug, Clone)]
pub struct ReactionSummary {
    pub reaction: Reaction,
    pub count: i64,
    pub mine: bool,
    pub names: Vec<String>,
}

/// Names shown per reaction; the rest are counted.
const REACTION_NAMES_SHOWN: usize = 10;

fn summarise_reactions(actor: &Actor, post_id: i64, rows: &[ReactionRow]) -> Vec<ReactionSummary> {
    Reaction::all()
        .filter_map(|reaction| {
            let given: Vec<&ReactionRow> = rows
                .iter()
                .filter(|r| r.post_id == post_id && r.reaction == reaction.name())
                .collect();
            (!given.is_empty()).then(|| ReactionSummary {
                reaction,
                count: given.len() as i64,
                mine: actor
                    .member_id()
                    .is_some_and(|me| given.iter().any(|r| r.member_id == me)),
                names: given
                    .iter()
                    .take(REACTION_NAMES_SHOWN)
                    .map(|r| r.display_name.clone())
                    .collect(),
            })
        })
        .collect()
}

fn post_view(actor: &Actor, mut listing: PostListing) -> PostView {
    let hidden = listing.post.hidden_at.is_some();
    if (listing.post.deleted_at.is_some() && !access::can_see_deleted(actor))
        || (hidden && !access::can_see_hidden(actor, &listing.post))
    {
        listing.post.body_md = String::new();
        listing.post.body_html = String::new();
    }
    PostView {
        can_edit: access::can_edit_post(actor, &listing.post),
        can_delete: access::can_delete_post(actor, &listing.post),
        can_flag: access::can_flag(actor, &listing.post),
        hidden,
        listing,
        reactions: Vec::new(),
    }
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
    let posts = posts
        .into_iter()
        .map(|p| {
            let mut view = post_view(actor, p);
            if view.listing.post.deleted_at.is_none() {
                view.reactions = summarise_reactions(actor, view.listing.post.id, &reaction_rows);
            }
            view
        })
        .collect();
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
    })
}

/// A post and its topic, if the actor may see them.
pub async fn post(h: &Hearth, actor: &Actor, id: i64) -> Result<(Space, Topic, Post)> {
    let post = h
        .store
        .post(id)
        .await?
        .ok_or(ServiceError::NotFound("post"))?;
    let (space, topic) = topic(h, actor, post.topic_id)
        .await
        .map_err(|_| ServiceError::NotFound("post"))?;
    if post.deleted_at.is_some() && !access::can_see_deleted(actor) {
        return Err(ServiceError::NotFound("post"));
    }
    let mut post = post;
    if post.hidden_at.is_some() && !access::can_see_hidden(actor, &post) {
        post.body_md = String::new();
        post.body_html = String::new();
    }
    Ok((space, topic, post))
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

/// A poll as typed: options, one or several choices, an optional closing time (RFC 3339,
/// or `YYYY-MM-DDTHH:MM` in UTC from a form), and when results show.
#[derive(Debug, Clone, Default)]
pub struct PollInput {
    pub options: Vec<String>,
    pub multiple: bool,
    pub closes_at: Option<String>,
    pub results: Option<String>,
}

/// Most options a poll may have.
pub const MAX_POLL_OPTIONS: usize = 20;

fn parse_time(input: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    let s = input.trim();
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return Some((t.unix_timestamp_nanos() / 1_000_000) as i64);
    }
    let form = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::PrimitiveDateTime::parse(s, &form)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp() * 1000)
}

fn parse_poll(input: &PollInput) -> Result<(Vec<String>, bool, Option<i64>, &'static str)> {
    let mut options: Vec<String> = Vec::new();
    for raw in &input.options {
        let label = raw.trim();
        if label.is_empty() {
            continue;
        }
        if label.chars().count() > 100 {
            return Err(Invalid::new("poll", "each option must be at most 100 characters").into());
        }
        if options
            .iter()
            .any(|o| o.to_lowercase() == label.to_lowercase())
        {
            return Err(
                Invalid::new("poll", format!("the option \"{label}\" is there twice")).into(),
            );
        }
        options.push(label.to_string());
    }
    if options.len() < 2 {
        return Err(Invalid::new("poll", "a poll needs at least two options").into());
    }
    if options.len() > MAX_POLL_OPTIONS {
        return Err(Invalid::new(
            "poll",
            format!("a poll takes at most {MAX_POLL_OPTIONS} options"),
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
            let at = parse_time(s).ok_or_else(|| {
                Invalid::new(
                    "poll",
                    format!("closes_at {s:?} is not a time like 2026-12-01T18:00:00Z"),
                )
            })?;
            if at <= now() {
                return Err(Invalid::new("poll", "closes_at must be in the future").into());
            }
            Some(at)
        }
    };
    let results = match input.results.as_deref().map(str::trim) {
        None | Some("") | Some("after_vote") => "after_vote",
        Some("after_close") => "after_close",
        Some(_) => {
            return Err(Invalid::new("poll", "results must be after_vote or after_close").into());
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

async fn poll_state(h: &Hearth, actor: &Actor, topic: &Topic) -> Result<Option<PollState>> {
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
        return Err(ServiceError::Forbidden("guests read but do not take part"));
    }
    if topic.kind != TopicKind::Poll.as_str() {
        return Err(Invalid::new("topic", "only polls take poll votes").into());
    }
    let poll = h
        .store
        .poll(topic.id)
        .await?
        .ok_or(ServiceError::NotFound("poll"))?;
    let mut chosen: Vec<i64> = options.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.is_empty() {
        return Err(Invalid::new("options", "choose at least one option").into());
    }
    if !poll.multiple && chosen.len() > 1 {
        return Err(Invalid::new("options", "this poll takes one choice").into());
    }
    super::accounts::check_may_post(h, actor).await?;
    match h
        .store
        .vote_poll(topic.id, member_id, &chosen, now())
        .await?
    {
        Ok(()) => Ok(()),
        Err(hearth_store::polls::PollVoteError::Closed) => {
            Err(ServiceError::State("the poll is closed"))
        }
        Err(hearth_store::polls::PollVoteError::UnknownOption) => {
            Err(Invalid::new("options", "names an option that is not in this poll").into())
        }
    }
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
        return Err(ServiceError::Forbidden("guests read but do not take part"));
    }
    if !access::can_start_topic(actor, &space) {
        return Err(ServiceError::Forbidden("this space is archived"));
    }
    let kind = TopicKind::parse(kind)?;
    let pin_scope = if kind == TopicKind::Announcement {
        if !access::can_pin(actor) {
            return Err(ServiceError::Forbidden("only staff post announcements"));
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
        return Err(ServiceError::Forbidden(
            "only staff create events in this space",
        ));
    }
    if !matches!(kind, TopicKind::Announcement | TopicKind::Event)
        && !space.allowed_kinds.contains(&kind)
    {
        let allowed = TopicKind::join(&space.allowed_kinds).replace(',', ", ");
        return Err(Invalid::new("kind", format!("this space takes only: {allowed}")).into());
    }
    let poll = match (kind, poll) {
        (TopicKind::Poll, Some(p)) => Some(parse_poll(p)?),
        (TopicKind::Poll, None) => {
            return Err(Invalid::new("poll", "a poll needs its options").into());
        }
        (_, Some(_)) => {
            return Err(Invalid::new("poll", "only topics of kind poll take a poll").into());
        }
        (_, None) => None,
    };
    let event = match (kind, event) {
        (TopicKind::Event, Some(e)) => Some(super::events::check(e)?),
        (TopicKind::Event, None) => {
            return Err(Invalid::new("starts_at", "an event needs its times").into());
        }
        (_, Some(_)) => {
            return Err(
                Invalid::new("kind", "only topics of kind event take event details").into(),
            );
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
        return Err(Invalid::new("topic", "only questions have accepted answers").into());
    }
    if !access::can_accept_answer(actor, &topic) {
        return Err(ServiceError::Forbidden(
            "only the asker or a moderator can accept an answer",
        ));
    }
    super::accounts::check_may_post(h, actor).await?;
    let post = h.store.post(post_id).await?;
    match post {
        Some(p) if p.topic_id == topic.id && !p.is_first && p.deleted_at.is_none() => {}
        Some(p) if p.topic_id == topic.id && p.is_first => {
            return Err(Invalid::new("post_id", "the question itself cannot be its answer").into());
        }
        _ => return Err(Invalid::new("post_id", "is not a reply in this question").into()),
    }
    h.store
        .accept_answer(topic.id, post_id, actor_id, now())
        .await
        .map_err(|e| match e {
            hearth_store::StoreError::NotFound => {
                Invalid::new("post_id", "is not a reply in this question").into()
            }
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
        return Err(ServiceError::Forbidden(
            "only the asker or a moderator can change the answer",
        ));
    }
    if topic.answer_post_id.is_none() {
        return Err(ServiceError::NotFound("accepted answer"));
    }
    Ok(h.store.unaccept_answer(topic.id, actor_id, now()).await?)
}

/// Adds (`add`) or takes back a reaction to a post the actor can see.
pub async fn react(
    h: &Hearth,
    actor: &Actor,
    post_id: i64,
    reaction: &str,
    add: bool,
) -> Result<()> {
    let (_, _, post) = post(h, actor, post_id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    let reaction = Reaction::parse(reaction)?;
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("guests read but do not take part"));
    }
    if post.deleted_at.is_some() {
        return Err(ServiceError::NotFound("post"));
    }
    super::accounts::check_may_post(h, actor).await?;
    if add {
        h.store
            .add_reaction(post.id, member_id, reaction.name(), now())
            .await?;
    } else {
        h.store
            .remove_reaction(post.id, member_id, reaction.name(), now())
            .await?;
    }
    Ok(())
}

/// Replies to a topic; returns the new post's id.
pub async fn reply(h: &Hearth, actor: &Actor, topic_id: i64, body: &str) -> Result<i64> {
    let (space, topic) = topic(h, actor, topic_id).await?;
    let Some(author_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("guests read but do not take part"));
    }
    if !access::can_reply(actor, &space, &topic) {
        return Err(ServiceError::Forbidden("this topic is closed to replies"));
    }
    super::accounts::check_may_post(h, actor).await?;
    let body = Markdown::parse(body, h.config.limits.body_max_bytes)?;
    super::notifications::check_mentions(h, body.as_str()).await?;
    let html = markdown::render(body.as_str());
    let screen = super::trust::check_new_post(h, actor, body.as_str(), &html, false).await?;
    Ok(match screen {
        Some(screen) => {
            h.store
                .create_reply_screened(topic.id, author_id, (body.as_str(), &html), &screen, now())
                .await?
        }
        None => {
            h.store
                .create_reply(topic.id, author_id, body.as_str(), &html, now())
                .await?
        }
    })
}

/// Edits a post (and, for the first post, optionally the topic title). History is kept.
pub async fn edit_post(
    h: &Hearth,
    actor: &Actor,
    post_id: i64,
    body: &str,
    title: Option<&str>,
    reason: Option<&str>,
) -> Result<Post> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    let Some(editor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_edit_post(actor, &post) {
        return Err(ServiceError::Forbidden("you can only edit your own posts"));
    }
    super::accounts::check_may_post(h, actor).await?;
    let body = Markdown::parse(body, h.config.limits.body_max_bytes)?;
    super::notifications::check_mentions(h, body.as_str()).await?;
    let reason = optional_text("reason", reason.unwrap_or(""), 500)?;
    let title = match title.filter(|t| post.is_first && !t.trim().is_empty()) {
        Some(t) => Some(Title::parse(t, h.config.limits.title_max_chars)?),
        None => None,
    };
    let new_title = title.filter(|t| t.as_str() != topic.title);
    if body.as_str() != post.body_md || new_title.is_some() {
        let html = markdown::render(body.as_str());
        // Staff editing someone else's post leave an audit row with their reason, in the
        // edit's transaction (members editing a wiki post do not: it is their right).
        let screen = super::trust::check_edit(h, actor, body.as_str(), &html).await?;
        let audit = (post.author_id != editor_id && actor.is_staff()).then(|| {
            super::moderation::audit_row(
                actor,
                "post.edited_by_staff",
                ("post", post.id),
                reason.as_deref(),
            )
        });
        h.store
            .edit_post(
                post.id,
                editor_id,
                (body.as_str(), &html),
                new_title.as_ref().map(|t| t.as_str()),
                &hearth_store::topics::EditChecks {
                    audit,
                    screen,
                    author_id: post.author_id,
                },
                now(),
            )
            .await?;
    }
    h.store
        .post(post.id)
        .await?
        .ok_or(ServiceError::NotFound("post"))
}

/// Makes a post a wiki, which members of trust level 2 and up may edit (or a normal post
/// again). Its author and staff may.
pub async fn set_wiki(h: &Hearth, actor: &Actor, post_id: i64, wiki: bool) -> Result<()> {
    let (_, _, post) = post(h, actor, post_id).await?;
    let actor_id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    if !access::can_set_wiki(actor, &post) {
        return Err(ServiceError::Forbidden(
            "only the author and staff can make a post a wiki",
        ));
    }
    super::accounts::check_may_post(h, actor).await?;
    h.store
        .set_post_wiki(post.id, wiki, actor_id, now())
        .await?;
    Ok(())
}

/// Deletes a post; deleting a topic's first post deletes the topic. Returns the topic id.
pub async fn delete_post(h: &Hearth, actor: &Actor, post_id: i64) -> Result<i64> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_delete_post(actor, &post) {
        return Err(ServiceError::Forbidden(
            "you can only delete your own posts",
        ));
    }
    let audit = (post.author_id != actor_id).then(|| {
        super::moderation::audit_row(actor, "post.deleted_by_staff", ("post", post.id), None)
    });
    h.store
        .delete_post(post.id, actor_id, audit.as_ref(), now())
        .await?;
    Ok(topic.id)
}

/// A post with its earlier versions, oldest first.
pub async fn post_history(
    h: &Hearth,
    actor: &Actor,
    post_id: i64,
) -> Result<(Topic, Post, Vec<Revision>)> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    if post.hidden_at.is_some() && !access::can_see_hidden(actor, &post) {
        return Err(ServiceError::NotFound("post"));
    }
    let revisions = h.store.revisions(post.id).await?;
    Ok((topic, post, revisions))
}

/// What an admin types for a space.
pub struct SpaceInput<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub visibility: &'a str,
}

fn parse_space(input: &SpaceInput<'_>) -> Result<(Name, Slug, Option<String>, Visibility)> {
    let name = Name::parse("name", input.name, 80)?;
    let slug = if input.slug.trim().is_empty() {
        Slug::parse(&Slug::from_title(name.as_str()))?
    } else {
        Slug::parse(input.slug)?
    };
    let description = optional_text("description", input.description, 500)?;
    let visibility = Visibility::parse(input.visibility)?;
    Ok((name, slug, description, visibility))
}

fn require_admin(actor: &Actor) -> Result<()> {
    match actor {
        Actor::Anonymous => Err(ServiceError::Unauthenticated),
        _ if access::can_manage_spaces(actor) => Ok(()),
        _ => Err(ServiceError::Forbidden("only admins can manage spaces")),
    }
}

pub async fn create_space(h: &Hearth, actor: &Actor, input: &SpaceInput<'_>) -> Result<Space> {
    require_admin(actor)?;
    let (name, slug, description, visibility) = parse_space(input)?;
    let f = SpaceFields {
        slug: slug.as_str(),
        name: name.as_str(),
        description: description.as_deref(),
        visibility,
    };
    let space = h.store.create_space(&f, now()).await?;
    super::moderation::audit(h, actor, "space.created", Some(("space", space.id)), None).await;
    Ok(space)
}

pub async fn set_archived(h: &Hearth, actor: &Actor, slug: &str, archived: bool) -> Result<()> {
    require_admin(actor)?;
    let space = h
        .store
        .space_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("space"))?;
    h.store
        .set_space_archived(space.id, archived.then(now))
        .await?;
    let action = if archived {
        "space.archived"
    } else {
        "space.restored"
    };
    super::moderation::audit(h, actor, action, Some(("space", space.id)), None).await;
    Ok(())
}

async fn parse_grants(h: &Hearth, text: &str) -> Result<Vec<Grant>> {
    let mut grants = Vec::new();
    for word in text
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        if let Ok(role) = hearth_core::values::Role::parse(word) {
            grants.push(Grant::Role(role));
            continue;
        }
        if let Some(slug) = word.strip_prefix("group:") {
            let group = h.store.group_by_slug(slug.trim()).await?.ok_or_else(|| {
                Invalid::new("access", format!("there is no group {:?}", slug.trim()))
            })?;
            grants.push(Grant::Group(group.id));
            continue;
        }
        let handle = hearth_core::values::Handle::parse(word).map_err(|_| {
            Invalid::new("access", format!("{word} is neither a role nor a handle"))
        })?;
        let member = h
            .store
            .member_by_handle(handle.as_str())
            .await?
            .ok_or_else(|| Invalid::new("access", format!("no member has the handle @{handle}")))?;
        grants.push(Grant::Member(member.id));
    }
    Ok(grants)
}

/// Everything an admin sets on a space's edit page, checked whole before anything is
/// written, then written in one transaction. `kinds: None` keeps the current kinds.
pub async fn update_space_settings(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    input: &SpaceInput<'_>,
    access_text: &str,
    kinds: Option<&[TopicKind]>,
) -> Result<Space> {
    require_admin(actor)?;
    let current = h
        .store
        .space_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("space"))?;
    let (name, slug, description, visibility) = parse_space(input)?;
    let grants = parse_grants(h, access_text).await?;
    let kinds = match kinds {
        Some([]) => return Err(Invalid::new("kinds", "choose at least one kind of topic").into()),
        Some(k) => k.to_vec(),
        None => current.allowed_kinds.clone(),
    };
    let f = SpaceFields {
        slug: slug.as_str(),
        name: name.as_str(),
        description: description.as_deref(),
        visibility,
    };
    let space = h
        .store
        .update_space_settings(current.id, &f, &grants, &kinds, now())
        .await?;
    super::moderation::audit(h, actor, "space.updated", Some(("space", space.id)), None).await;
    Ok(space)
}

/// The grants of a space as an admin would type them.
pub async fn grants_text(h: &Hearth, space: &Space) -> Result<String> {
    let mut words = Vec::new();
    for g in h.store.space_grants(space.id).await? {
        match g {
            Grant::Role(r) => words.push(r.as_str().to_string()),
            Grant::Member(id) => {
                if let Some(m) = h.store.member(id).await? {
                    words.push(format!("@{}", m.handle));
                }
            }
            Grant::Group(id) => {
                if let Some(g) = h.store.group(id).await? {
                    words.push(format!("group:{}", g.slug));
                }
            }
        }
    }
    Ok(words.join(", "))
}

/// A member's profile as the actor sees it: the member and their latest topics in spaces
/// the actor can see.
/// `@mention` suggestions for the editor, for signed-in members: up to eight members whose
/// handle or name starts with `prefix` (members who hide from the directory are left out;
/// typing their handle still mentions them).
pub async fn mention_suggestions(
    h: &Hearth,
    actor: &Actor,
    prefix: &str,
) -> Result<Vec<hearth_core::model::Author>> {
    if actor.member_id().is_none() {
        return Err(ServiceError::Unauthenticated);
    }
    let prefix = prefix.trim().trim_start_matches('@');
    if prefix.is_empty() || prefix.chars().count() > 30 {
        return Ok(Vec::new());
    }
    Ok(h.store.members_by_prefix(prefix, 8).await?)
}

pub async fn profile(
    h: &Hearth,
    actor: &Actor,
    handle: &str,
) -> Result<(hearth_core::model::Member, Vec<(Space, TopicListing)>)> {
    let handle =
        hearth_core::values::Handle::parse(handle).map_err(|_| ServiceError::NotFound("member"))?;
    let member = h
        .store
        .member_by_handle(handle.as_str())
        .await?
        .ok_or(ServiceError::NotFound("member"))?;
    if matches!(actor, Actor::Anonymous)
        && !access::can_view_profile(actor, h.store.profile(member.id).await?.hide_from_directory)
    {
        return Err(ServiceError::NotFound("member"));
    }
    let spaces = visible_spaces(h, actor).await?;
    let topics = h
        .store
        .topics_by_author(member.id, 50)
        .await?
        .into_iter()
        .filter_map(|l| {
            spaces
                .iter()
                .find(|s| s.id == l.topic.space_id)
                .map(|s| (s.clone(), l))
        })
        .take(20)
        .collect();
    Ok((member, topics))
}

/// Votes for (`on`) or withdraws the actor's vote on an idea they can see.
pub async fn vote(h: &Hearth, actor: &Actor, topic_id: i64, on: bool) -> Result<()> {
    let (space, topic) = topic(h, actor, topic_id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("guests read but do not take part"));
    }
    if topic.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("topic", "only ideas take votes").into());
    }
    if let Some(into) = topic.merged_into {
        return Err(Invalid::new(
            "topic",
            format!("this idea was merged into #{into}; vote there"),
        )
        .into());
    }
    if on && !access::can_reply(actor, &space, &topic) {
        return Err(ServiceError::Forbidden("this idea takes no more votes"));
    }
    super::accounts::check_may_post(h, actor).await?;
    if on {
        h.store.vote_idea(topic.id, member_id, None, now()).await?;
    } else {
        h.store.unvote_idea(topic.id, member_id, now()).await?;
    }
    Ok(())
}

/// Staff record a vote for a member who asked in person or by phone (by handle).
pub async fn vote_for(h: &Hearth, actor: &Actor, topic_id: i64, handle: &str) -> Result<()> {
    let (space, topic) = topic(h, actor, topic_id).await?;
    let Some(staff_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_manage_ideas(actor) {
        return Err(ServiceError::Forbidden(
            "only staff can vote on a member's behalf",
        ));
    }
    if topic.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("topic", "only ideas take votes").into());
    }
    let handle = hearth_core::values::Handle::parse(handle)
        .map_err(|e| Invalid::new("member", e.message))?;
    let member = h
        .store
        .member_by_handle(handle.as_str())
        .await?
        .ok_or_else(|| Invalid::new("member", format!("no member has the handle @{handle}")))?;
    // Loaded by id so that their groups count too.
    let member = h.store.member(member.id).await?.unwrap_or(member);
    if !visible(h, &Actor::from(&member), &space).await? {
        return Err(Invalid::new("member", format!("@{handle} cannot see this space")).into());
    }
    h.store
        .vote_idea(topic.id, member.id, Some(staff_id), now())
        .await?;
    let reason = format!("for @{handle}");
    super::moderation::audit(
        h,
        actor,
        "idea.vote_recorded",
        Some(("topic", topic.id)),
        Some(&reason),
    )
    .await;
    Ok(())
}

/// Staff set an idea's status with a note; voters are told by a job.
pub async fn set_idea_status(
    h: &Hearth,
    actor: &Actor,
    topic_id: i64,
    status: &str,
    note: &str,
) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(staff_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_manage_ideas(actor) {
        return Err(ServiceError::Forbidden(
            "only staff can set an idea's status",
        ));
    }
    if topic.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("topic", "only ideas have a status").into());
    }
    let status = hearth_core::values::IdeaStatus::parse(status)?;
    let note = optional_text("note", note, 2000)?;
    h.store
        .set_idea_status(topic.id, status.as_str(), note.as_deref(), staff_id, now())
        .await?;
    super::moderation::audit(
        h,
        actor,
        "idea.status_set",
        Some(("topic", topic.id)),
        Some(status.as_str()),
    )
    .await;
    Ok(())
}

/// Has the actor voted for this idea?
pub async fn has_voted(h: &Hearth, actor: &Actor, topic: &Topic) -> Result<bool> {
    match actor.member_id() {
        Some(id) if topic.kind == TopicKind::Idea.as_str() => {
            Ok(h.store.has_voted(topic.id, id).await?)
        }
        _ => Ok(false),
    }
}

/// Pins (`Some(scope)`) or unpins a topic (staff).
pub async fn set_pin(h: &Hearth, actor: &Actor, topic_id: i64, scope: Option<&str>) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_pin(actor) {
        return Err(ServiceError::Forbidden("only staff can pin topics"));
    }
    check_rank_on_topic(h, actor, &topic).await?;
    let scope = scope
        .map(hearth_core::values::PinScope::parse)
        .transpose()?;
    h.store
        .set_pin(topic.id, scope.map(|s| s.as_str()), actor_id, now())
        .await?;
    let action = if scope.is_some() {
        "topic.pinned"
    } else {
        "topic.unpinned"
    };
    super::moderation::audit(
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
async fn check_rank_on_topic(h: &Hearth, actor: &Actor, topic: &Topic) -> Result<()> {
    let author_role = h
        .store
        .member(topic.author_id)
        .await?
        .map_or(hearth_core::values::Role::Owner, |m| m.role);
    if access::can_act_on_content(actor, topic.author_id, author_role) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "staff act only on topics by members below them; ask an admin or the owner",
        ))
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

/// Staff merge a duplicate idea into another: votes combine, nobody counted twice.
pub async fn merge_idea(h: &Hearth, actor: &Actor, source_id: i64, target_id: i64) -> Result<()> {
    let (_, source) = topic(h, actor, source_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_manage_ideas(actor) {
        return Err(ServiceError::Forbidden("only staff can merge ideas"));
    }
    let (_, target) = topic(h, actor, target_id)
        .await
        .map_err(|_| Invalid::new("into", "is not an idea you can see"))?;
    if source.kind != TopicKind::Idea.as_str() || target.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("into", "both topics must be ideas").into());
    }
    if source.id == target.id {
        return Err(Invalid::new("into", "an idea cannot be merged into itself").into());
    }
    check_rank_on_topic(h, actor, &source).await?;
    if let Some(into) = source.merged_into.or(target.merged_into) {
        return Err(Invalid::new(
            "into",
            format!("already merged (into #{into}); merge into the surviving idea"),
        )
        .into());
    }
    h.store
        .merge_idea(source.id, target.id, actor_id, now())
        .await?;
    let reason = format!("into #{}", target.id);
    super::moderation::audit(
        h,
        actor,
        "idea.merged",
        Some(("topic", source.id)),
        Some(&reason),
    )
    .await;
    Ok(())
}

/// The Markdown that starts a reply quoting `post_id` (a live post of `topic_id` the actor
/// can see), attributed with a link back to it.
pub async fn quote(h: &Hearth, actor: &Actor, topic_id: i64, post_id: i64) -> Result<String> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    let hidden_from_actor = post.hidden_at.is_some() && !access::can_see_hidden(actor, &post);
    if topic.id != topic_id || post.deleted_at.is_some() || hidden_from_actor {
        return Err(ServiceError::NotFound("post"));
    }
    let author = h.store.authors(&[post.author_id]).await?;
    let handle = author
        .first()
        .map(|a| a.handle.as_str())
        .unwrap_or("someone");
    let quoted: Vec<String> = post.body_md.lines().map(|l| format!("> {l}")).collect();
    Ok(format!(
        "> @{handle} [wrote](/p/{}):\n>\n{}\n\n",
        post.id,
        quoted.join("\n")
    ))
}

/// Starts or stops the actor watching a space they can see (new topics notify them).
pub async fn watch(h: &Hearth, actor: &Actor, slug: &str, on: bool) -> Result<()> {
    let space = space(h, actor, slug).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    h.store
        .set_watch(Watched::Space(space.id), member_id, on, now())
        .await?;
    Ok(())
}

/// Starts or stops watching a topic the actor can see: every reply notifies them.
pub async fn watch_topic(h: &Hearth, actor: &Actor, topic_id: i64, on: bool) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    h.store
        .set_watch(Watched::Topic(topic.id), member_id, on, now())
        .await?;
    Ok(())
}

/// Whether the actor watches a space or topic (anonymous visitors watch nothing).
pub async fn is_watching(h: &Hearth, actor: &Actor, watched: Watched) -> Result<bool> {
    match actor.member_id() {
        Some(id) => Ok(h.store.is_watching(watched, id).await?),
        None => Ok(false),
    }
}
