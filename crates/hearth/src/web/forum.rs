//! Forum pages: the home page, spaces, topics, replies, editing, deleting and history.

use super::error::PageResult;
use super::extract::{CurrentMember, MaybeMember, PageForm};
use super::views::{PostView, RevisionView, SpaceView, TopicView, topic_url};
use super::{render, render_status};
use crate::app::AppState;
use crate::services::{ServiceError, ideas, polls, posts, spaces, topics, watches};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use hearth_core::model::{Post, Space, Topic};
use minijinja::{Value, context};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/s/{slug}", get(space_page))
        .route("/s/{slug}/new", get(new_topic_page))
        .route("/s/{slug}/watch", post(watch_submit))
        .route("/t/{id}/watch", post(watch_topic_submit))
        .route("/s/{slug}/topics", post(new_topic_submit))
        .route("/t/{id}", get(topic_page))
        .route("/t/{id}/{slug}", get(topic_page_slug))
        .route("/t/{id}/replies", post(reply_submit))
        .route("/t/{id}/accept", post(accept_submit))
        .route("/p/{id}/react", post(react_submit))
        .route("/t/{id}/vote", post(vote_submit))
        .route("/t/{id}/vote-for", post(vote_for_submit))
        .route("/t/{id}/status", post(status_submit))
        .route("/t/{id}/pin", post(pin_submit))
        .route("/t/{id}/merge", post(merge_submit))
        .route("/t/{id}/poll", post(poll_submit))
        .route("/t/{id}/unaccept", post(unaccept_submit))
        .route("/p/{id}", get(post_link))
        .route("/p/{id}/edit", get(edit_page).post(edit_submit))
        .route("/p/{id}/delete", post(delete_submit))
        .route("/p/{id}/wiki", post(wiki_submit))
        .route("/p/{id}/history", get(history_page))
}

#[derive(Deserialize)]
pub struct TopicQuery {
    cursor: Option<String>,
    /// A post to quote in the reply box.
    quote: Option<String>,
}

#[derive(Deserialize)]
pub struct SpaceQuery {
    cursor: Option<String>,
    answered: Option<String>,
    sort: Option<String>,
}

/// Path ids that are not numbers are simply not found.
fn parse_id(s: &str) -> Result<i64, ServiceError> {
    super::extract::path_id(s, "page")
}

/// The owner's first steps, each ticked once done; empty when all are (then the home page
/// shows no list). `(what, where, done)`: `what` names a `home-start-*` message.
async fn getting_started(
    state: &AppState,
    has_spaces: bool,
    members: i64,
) -> Result<Vec<Value>, ServiceError> {
    let community = state.community().await?;
    let branded = community.as_ref().is_some_and(|c| {
        c.logo_upload_id.is_some() || c.tagline.as_deref().is_some_and(|t| !t.is_empty())
    });
    let join_set = !state
        .store()
        .audit_page(
            None,
            hearth_core::audit::AuditAction::CommunityMembershipChanged.as_str(),
            1,
        )
        .await?
        .is_empty();
    let steps = [
        ("brand", "/admin/branding", branded),
        ("space", "/admin/spaces", has_spaces),
        ("join", "/admin/membership", join_set),
        ("invite", "/admin/membership#invites", members > 1),
        ("mail", "/admin/mail", state.hearth.mailer.is_some()),
    ];
    if steps.iter().all(|(_, _, done)| *done) {
        return Ok(Vec::new());
    }
    Ok(steps
        .iter()
        .map(|(what, href, done)| context! { what => *what, href => *href, done => *done })
        .collect())
}

/// Topics in the signed-in home's "latest" list (and read from each space for it).
const HOME_FEED: i64 = 8;

async fn home(State(state): State<AppState>, me: MaybeMember) -> PageResult<Response> {
    let actor = me.actor();
    let spaces = spaces::visible_spaces(&state.hearth, &actor).await?;
    let mut sections = Vec::new();
    // What is new across every space the reader sees: the newest few of each, merged.
    let mut across: Vec<(TopicView, String)> = Vec::new();
    for space in spaces.iter().filter(|s| s.archived_at.is_none()) {
        let latest = state
            .store()
            .topics_page(space.id, None, HOME_FEED)
            .await
            .map_err(ServiceError::from)?;
        let latest: Vec<TopicView> = latest
            .iter()
            .map(|l| TopicView::listing(l, &space.slug))
            .collect();
        across.extend(latest.iter().map(|t| (t.clone(), space.name.clone())));
        let card: Vec<TopicView> = latest.into_iter().take(3).collect();
        sections.push(context! { space => SpaceView::from(space), latest => card });
    }
    across.sort_by_key(|(t, _)| std::cmp::Reverse(t.last_post_ms));
    across.truncate(HOME_FEED as usize);
    let feed: Vec<Value> = across
        .into_iter()
        .map(|(topic, space)| context! { topic => topic, space => space })
        .collect();
    let pins: Vec<_> = topics::community_pins(&state.hearth, &actor)
        .await?
        .iter()
        .map(|(space, l)| context! { space => SpaceView::from(space), topic => TopicView::listing(l, &space.slug) })
        .collect();
    let members = state
        .store()
        .member_count()
        .await
        .map_err(ServiceError::from)?;
    let checklist = if actor.is_admin() {
        getting_started(&state, !sections.is_empty(), members).await?
    } else {
        Vec::new()
    };
    Ok(render(
        &state,
        &me,
        "home.html",
        context! { title => "", sections => sections, member_count => members, pins => pins, feed => feed, checklist => checklist },
    )
    .await?
    .into_response())
}

async fn space_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Path(slug): Path<String>,
    Query(q): Query<SpaceQuery>,
) -> PageResult<Response> {
    let actor = me.actor();
    let answered = super::api::parse_answered(q.answered.as_deref())?;
    let sort = topics::TopicSort::parse(q.sort.as_deref())?;
    let (space, topics, next) = topics::topics_page_sorted(
        &state.hearth,
        &actor,
        &slug,
        q.cursor.as_deref(),
        answered,
        sort,
    )
    .await?;
    let topics: Vec<TopicView> = topics
        .iter()
        .map(|l| TopicView::listing(l, &space.slug))
        .collect();
    let can_post = hearth_core::access::can_start_topic(&actor, &space);
    let watching = watches::is_watching(
        &state.hearth,
        &actor,
        hearth_store::watches::Watched::Space(space.id),
    )
    .await?;
    let pinned: Vec<TopicView> =
        if q.cursor.is_none() && answered.is_none() && sort == topics::TopicSort::Activity {
            topics::pinned(&state.hearth, &space)
                .await?
                .iter()
                .map(|l| TopicView::listing(l, &space.slug))
                .collect()
        } else {
            Vec::new()
        };
    let ctx = context! {
        watching => watching,
        pinned => pinned,
        title => space.name.clone(),
        space => SpaceView::from(&space),
        topics => topics,
        next_cursor => next,
        is_first_page => q.cursor.is_none(),
        can_post => can_post,
        can_create_event => hearth_core::access::can_create_event(&actor, &space),
        filter => match answered { None => "all", Some(true) => "answered", Some(false) => "unanswered" },
        sort => sort.as_str(),
    };
    Ok(render(&state, &me, "space.html", ctx)
        .await?
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct TopicForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    kind: String,
    /// For announcements: pin to the whole community (checkbox).
    #[serde(default)]
    pin_community: String,
    /// For polls: one option per line, a checkbox, a `datetime-local`, a select.
    #[serde(default)]
    poll_options: String,
    #[serde(default)]
    poll_multiple: String,
    #[serde(default)]
    poll_closes_at: String,
    #[serde(default)]
    poll_results: String,
}

async fn new_topic_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    let actor = me.actor();
    let space = spaces::space(&state.hearth, &actor, &slug).await?;
    let maybe = MaybeMember(Some(me.0));
    let ctx = context! { title => format!("New topic in {}", space.name), title_key => "title-new-topic", title_args => context! { space => space.name.clone() }, space => SpaceView::from(&space), form => context!{}, error => (), can_announce => actor.is_staff() };
    Ok(render(&state, &maybe, "new_topic.html", ctx)
        .await?
        .into_response())
}

async fn new_topic_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
    PageForm(form): PageForm<TopicForm>,
) -> PageResult<Response> {
    let actor = me.actor();
    let pin =
        (!form.pin_community.is_empty() && form.kind == "announcement").then_some("community");
    // The closing time is typed on the member's clock, as the form says.
    let community = state.community().await.map_err(ServiceError::from)?;
    let (_, zone) = crate::i18n::locale(community.as_ref(), Some(&me.0));
    let poll_input = (form.kind == "poll").then(|| polls::PollInput {
        options: form.poll_options.lines().map(str::to_string).collect(),
        multiple: !form.poll_multiple.is_empty(),
        closes_at: Some(form.poll_closes_at.clone()),
        results: Some(form.poll_results.clone()),
        time_zone: Some(zone),
    });
    match topics::start_topic_with(
        &state.hearth,
        &actor,
        &slug,
        &topics::TopicInput {
            title: &form.title,
            body: &form.body,
            kind: &form.kind,
            pin,
            poll: poll_input.as_ref(),
            event: None,
        },
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&topic_url(id, form.title.trim())).into_response()),
        Err(ServiceError::Invalid(inv)) => {
            let space = spaces::space(&state.hearth, &actor, &slug).await?;
            let ctx = context! {
                title => format!("New topic in {}", space.name),
                title_key => "title-new-topic", title_args => context! { space => space.name.clone() },
                space => SpaceView::from(&space),
                form => context! { title => form.title, body => form.body, kind => form.kind, poll_options => form.poll_options, poll_closes_at => form.poll_closes_at },
                can_announce => actor.is_staff(),
                error => context! { field => inv.field, message => super::said(inv.message.clone()) },
            };
            Ok(render_status(
                &state,
                &MaybeMember(Some(me.0)),
                StatusCode::UNPROCESSABLE_ENTITY,
                "new_topic.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

async fn topic_page(
    state: State<AppState>,
    me: MaybeMember,
    Path(id): Path<String>,
    q: Query<TopicQuery>,
) -> PageResult<Response> {
    show_topic(state, me, id, q).await
}

async fn topic_page_slug(
    state: State<AppState>,
    me: MaybeMember,
    Path((id, _slug)): Path<(String, String)>,
    q: Query<TopicQuery>,
) -> PageResult<Response> {
    show_topic(state, me, id, q).await
}

async fn show_topic(
    State(state): State<AppState>,
    me: MaybeMember,
    id: String,
    Query(q): Query<TopicQuery>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let actor = me.actor();
    let page = topics::topic_page(&state.hearth, &actor, id, q.cursor.as_deref()).await?;
    if let Some(m) = &me.0 {
        state
            .hearth
            .visits
            .topic_view(m.id, page.topic.id, hearth_store::now_millis());
    }
    let quote = match q.quote.as_deref().map(str::parse::<i64>) {
        Some(Ok(post_id)) => posts::quote(&state.hearth, &actor, page.topic.id, post_id).await?,
        Some(Err(_)) => {
            return Err(hearth_core::Invalid::new("quote", "err-post-number").into());
        }
        None => String::new(),
    };
    let ctx = topic_context(&page, q.cursor.is_none(), None, &quote);
    Ok(render(&state, &me, "topic.html", ctx)
        .await?
        .into_response())
}

/// What `topic.html` shows: the topic, a page of posts and the reply box.
fn topic_context(
    page: &topics::TopicPage,
    is_first_page: bool,
    reply_error: Option<Value>,
    reply_body: &str,
) -> Value {
    let posts: Vec<PostView> = page.posts.iter().map(PostView::from).collect();
    context! {
        title => page.topic.title.clone(),
        space => SpaceView::from(&page.space),
        topic => TopicView::new(&page.topic, &page.space.slug, Some(&page.author)),
        posts => posts,
        next_cursor => page.next.clone(),
        is_first_page => is_first_page,
        can_reply => page.can_reply,
        can_accept => page.can_accept,
        reaction_choices => super::views::reaction_choices(),
        voted => page.voted,
        watching => page.watching,
        can_manage_ideas => page.can_manage_ideas,
        can_pin => page.can_pin,
        poll => page.poll.as_ref().map(super::views::PollView::from),
        event => page.event.as_ref().map(|e| Value::from(minijinja::value::Serde(super::events::EventView::from(e)))),
        statuses => hearth_core::values::IdeaStatus::ALL.iter().map(|s| context! { value => s.as_str(), label => s.label() }).collect::<Vec<_>>(),
        flag_reasons => hearth_core::values::FlagReason::ALL.iter().map(|r| context! { value => r.as_str(), label => r.label() }).collect::<Vec<_>>(),
        answer => page.answer.as_ref().map(PostView::from),
        reply_error => reply_error,
        reply_body => reply_body,
        badges => super::badges::chips_by_member(&page.badges),
    }
}

#[derive(Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
}

async fn reply_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<ReplyForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let actor = me.actor();
    match posts::reply(&state.hearth, &actor, id, &form.body).await {
        Ok(post_id) => Ok(Redirect::to(&format!("/p/{post_id}")).into_response()),
        Err(ServiceError::Invalid(inv)) => {
            let page = topics::topic_page(&state.hearth, &actor, id, None).await?;
            let ctx = topic_context(&page, true, Some(super::said(inv.message)), &form.body);
            Ok(render_status(
                &state,
                &MaybeMember(Some(me.0)),
                StatusCode::UNPROCESSABLE_ENTITY,
                "topic.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    post_id: String,
}

/// The asker (or a moderator) accepts a reply as the answer.
async fn accept_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<AcceptForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let post_id: i64 = form
        .post_id
        .parse()
        .map_err(|_| hearth_core::Invalid::new("post_id", "err-post-number"))?;
    topics::accept_answer(&state.hearth, &me.actor(), id, post_id).await?;
    Ok(Redirect::to(&format!("/p/{post_id}")).into_response())
}

async fn unaccept_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let (_, topic) = topics::topic(&state.hearth, &me.actor(), id).await?;
    topics::unaccept_answer(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to(&topic_url(topic.id, &topic.title)).into_response())
}

#[derive(Deserialize)]
pub struct VoteForm {
    /// `add` or `remove`.
    #[serde(default)]
    action: String,
}

async fn vote_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<VoteForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    ideas::vote(&state.hearth, &me.actor(), id, add_or_remove(&form)?).await?;
    back_to_topic(&state, &me.actor(), id).await
}

#[derive(Deserialize)]
pub struct VoteForForm {
    #[serde(default)]
    handle: String,
}

/// Staff record a vote for a member who asked in the shop or by phone.
async fn vote_for_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<VoteForForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    ideas::vote_for(&state.hearth, &me.actor(), id, &form.handle).await?;
    back_to_topic(&state, &me.actor(), id).await
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
}

async fn status_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<StatusForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    ideas::set_idea_status(&state.hearth, &me.actor(), id, &form.status, &form.note).await?;
    back_to_topic(&state, &me.actor(), id).await
}

/// A poll vote from the page: `option=ID`, once per chosen option.
async fn poll_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let mut options = Vec::new();
    for (key, value) in pairs.iter().filter(|(k, _)| k == "option") {
        let _ = key;
        options.push(
            value
                .parse::<i64>()
                .map_err(|_| hearth_core::Invalid::new("options", "err-option-numbers"))?,
        );
    }
    polls::vote_poll(&state.hearth, &me.actor(), id, &options).await?;
    back_to_topic(&state, &me.actor(), id).await
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
}

async fn merge_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<MergeForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let into: i64 = form
        .into
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| hearth_core::Invalid::new("into", "err-idea-number"))?;
    ideas::merge_idea(&state.hearth, &me.actor(), id, into).await?;
    let (_, topic) = topics::topic(&state.hearth, &me.actor(), into).await?;
    Ok(Redirect::to(&topic_url(topic.id, &topic.title)).into_response())
}

fn add_or_remove(form: &VoteForm) -> Result<bool, hearth_core::Invalid> {
    match form.action.as_str() {
        "add" => Ok(true),
        "remove" => Ok(false),
        _ => Err(hearth_core::Invalid::new("action", "err-add-or-remove")),
    }
}

/// Starts or stops watching a space: `action=add|remove`.
async fn watch_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
    PageForm(form): PageForm<VoteForm>,
) -> PageResult<Response> {
    watches::watch(&state.hearth, &me.actor(), &slug, add_or_remove(&form)?).await?;
    Ok(Redirect::to(&format!("/s/{slug}")).into_response())
}

/// Starts or stops watching a topic: `action=add|remove`.
async fn watch_topic_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<VoteForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    watches::watch_topic(&state.hearth, &me.actor(), id, add_or_remove(&form)?).await?;
    back_to_topic(&state, &me.actor(), id).await
}

#[derive(Deserialize)]
pub struct PinForm {
    /// `space`, `community`, or empty to unpin.
    #[serde(default)]
    scope: String,
}

async fn pin_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<PinForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let scope = Some(form.scope.as_str()).filter(|s| !s.is_empty());
    topics::set_pin(&state.hearth, &me.actor(), id, scope).await?;
    back_to_topic(&state, &me.actor(), id).await
}

#[derive(Deserialize)]
pub struct ReactForm {
    #[serde(default)]
    reaction: String,
    /// `add` or `remove`.
    #[serde(default)]
    action: String,
}

/// Adds or takes back a reaction, then shows the post again.
async fn react_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<ReactForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let add = match form.action.as_str() {
        "add" => true,
        "remove" => false,
        _ => return Err(hearth_core::Invalid::new("action", "err-add-or-remove").into()),
    };
    posts::react(&state.hearth, &me.actor(), id, &form.reaction, add).await?;
    Ok(Redirect::to(&format!("/p/{id}")).into_response())
}

/// After a change to a topic, back to its page.
async fn back_to_topic(
    state: &AppState,
    actor: &crate::services::Actor,
    id: i64,
) -> PageResult<Response> {
    let (_, topic) = topics::topic(&state.hearth, actor, id).await?;
    Ok(Redirect::to(&topic_url(topic.id, &topic.title)).into_response())
}

/// `/p/{id}` leads to the page of the topic that shows the post, at the post.
async fn post_link(
    State(state): State<AppState>,
    me: MaybeMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let (_, topic, _) = posts::post(&state.hearth, &me.actor(), id).await?;
    let position = state
        .store()
        .post_position(id)
        .await
        .map_err(ServiceError::from)?
        .unwrap_or(1);
    let page_start = ((position - 1) / topics::POSTS_PER_PAGE) * topics::POSTS_PER_PAGE;
    let cursor = if page_start == 0 {
        String::new()
    } else {
        format!("?cursor={page_start}")
    };
    Ok(Redirect::to(&format!(
        "{}{cursor}#post-{id}",
        topic_url(topic.id, &topic.title)
    ))
    .into_response())
}

/// What `edit_post.html` shows: the post's place, the form as filled, and any error.
fn edit_context(space: &Space, topic: &Topic, post: &Post, form: Value, error: Value) -> Value {
    context! {
        author_id => post.author_id,
        title => format!("Edit: {}", topic.title),
        title_key => "title-edit-post", title_args => context! { topic => topic.title.clone() },
        space => SpaceView::from(space),
        topic => TopicView::new(topic, &space.slug, None),
        post_id => post.id,
        is_first => post.is_first,
        form => form,
        error => error,
    }
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    body: String,
    title: Option<String>,
    /// Why staff edited someone else's post (kept in the audit log).
    #[serde(default)]
    reason: Option<String>,
}

async fn edit_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let actor = me.actor();
    let (space, topic, post) = posts::post_to_edit(&state.hearth, &actor, id).await?;
    let form = context! { title => topic.title.clone(), body => post.body_md.clone() };
    let ctx = edit_context(&space, &topic, &post, form, Value::from(()));
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "edit_post.html", ctx)
            .await?
            .into_response(),
    )
}

async fn edit_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<EditForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let actor = me.actor();
    let edited = posts::edit_post(
        &state.hearth,
        &actor,
        id,
        &form.body,
        form.title.as_deref(),
        form.reason.as_deref(),
    )
    .await;
    match edited {
        Ok(post) => Ok(Redirect::to(&format!("/p/{}", post.id)).into_response()),
        Err(ServiceError::Invalid(inv)) => {
            let (space, topic, post) = posts::post(&state.hearth, &actor, id).await?;
            let typed = context! { title => form.title, body => form.body };
            let error =
                context! { field => inv.field, message => super::said(inv.message.clone()) };
            let ctx = edit_context(&space, &topic, &post, typed, error);
            Ok(render_status(
                &state,
                &MaybeMember(Some(me.0)),
                StatusCode::UNPROCESSABLE_ENTITY,
                "edit_post.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

async fn delete_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let actor = me.actor();
    let (space, topic, post) = posts::post(&state.hearth, &actor, id).await?;
    posts::delete_post(&state.hearth, &actor, id).await?;
    let target = if post.is_first {
        format!("/s/{}", space.slug)
    } else {
        topic_url(topic.id, &topic.title)
    };
    Ok(Redirect::to(&target).into_response())
}

#[derive(Deserialize)]
pub struct WikiForm {
    #[serde(default)]
    wiki: String,
}

async fn wiki_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<WikiForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    posts::set_wiki(&state.hearth, &me.actor(), id, form.wiki == "on").await?;
    Ok(Redirect::to(&format!("/p/{id}")).into_response())
}

async fn history_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let actor = me.actor();
    let (topic, post, revisions) = posts::post_history(&state.hearth, &actor, id).await?;
    let space = state
        .store()
        .space(topic.space_id)
        .await
        .map_err(ServiceError::from)?
        .ok_or(ServiceError::NotFound("err-not-found-space"))?;
    let revisions: Vec<RevisionView> = revisions.iter().rev().map(RevisionView::from).collect();
    let ctx = context! {
        title => format!("History: {}", topic.title),
        title_key => "title-history", title_args => context! { topic => topic.title.clone() },
        space => SpaceView::from(&space),
        topic => TopicView::new(&topic, &space.slug, None),
        current => RevisionView { id: 0, editor_id: post.author_id, body: post.body_md.clone(), body_html: post.body_html.clone(),
            created_at: super::views::rfc3339(post.edited_at.unwrap_or(post.created_at)), created_ms: post.edited_at.unwrap_or(post.created_at) },
        post_id => post.id,
        revisions => revisions,
    };
    Ok(render(&state, &me, "history.html", ctx)
        .await?
        .into_response())
}
