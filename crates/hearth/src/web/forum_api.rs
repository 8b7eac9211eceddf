//! The forum's JSON API (`/api/v1`): spaces, topics, posts, reactions, answers, idea votes
//! and statuses, pins, polls, merges and watches. Handlers parse, call a service, and answer
//! with the views in `views.rs`; the routes are described in `openapi.json`.

use super::api::parse_answered;
use super::error::ApiResult;
use super::extract::{ApiCaller, ApiJson, path_id};
use super::views::{PostView, SpaceView, TopicView};
use crate::app::AppState;
use crate::services::{ServiceError, ideas, polls, posts, spaces, topics, watches};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/spaces", get(list_spaces).post(create_space))
        .route("/api/v1/spaces/{slug}", axum::routing::patch(patch_space))
        .route(
            "/api/v1/spaces/{slug}/topics",
            get(list_topics).post(create_topic),
        )
        .route("/api/v1/topics/{id}", get(get_topic))
        .route(
            "/api/v1/topics/{id}/accept",
            post(accept_answer).delete(unaccept_answer),
        )
        .route(
            "/api/v1/topics/{id}/posts",
            get(list_posts).post(create_post),
        )
        .route("/api/v1/topics/{id}/vote", post(vote).delete(unvote))
        .route("/api/v1/topics/{id}/status", put(set_status))
        .route("/api/v1/topics/{id}/pin", put(pin).delete(unpin))
        .route("/api/v1/topics/{id}/poll/vote", put(vote_poll))
        .route("/api/v1/topics/{id}/merge", post(merge))
        .route("/api/v1/spaces/{slug}/watch", post(watch).delete(unwatch))
        .route(
            "/api/v1/topics/{id}/watch",
            post(watch_topic).delete(unwatch_topic),
        )
        .route(
            "/api/v1/posts/{id}/reactions/{emoji}",
            post(add_reaction).delete(remove_reaction),
        )
        .route(
            "/api/v1/posts/{id}",
            get(get_post).patch(edit_post).delete(delete_post),
        )
}

#[derive(Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
}

#[derive(Deserialize)]
pub struct TopicsQuery {
    cursor: Option<String>,
    /// `true`: answered questions only; `false`: unanswered questions only.
    answered: Option<String>,
    /// `activity` (default) or `votes`.
    sort: Option<String>,
}

#[derive(Serialize)]
pub struct Page<T> {
    items: Vec<T>,
    next_cursor: Option<String>,
}

async fn list_spaces(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<Page<SpaceView>>> {
    let spaces = spaces::visible_spaces(&state.hearth, &caller.actor).await?;
    Ok(Json(Page {
        items: spaces.iter().map(SpaceView::from).collect(),
        next_cursor: None,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSpace {
    name: String,
    slug: String,
    visibility: String,
    #[serde(default)]
    description: Option<String>,
    /// The kinds of topic it takes (`discussion` when left out).
    #[serde(default)]
    kinds: Option<Vec<String>>,
}

/// A change to a space: only the fields given change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpacePatchBody {
    name: Option<String>,
    description: Option<String>,
    visibility: Option<String>,
    kinds: Option<Vec<String>>,
    archived: Option<bool>,
}

async fn patch_space(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<SpacePatchBody>,
) -> ApiResult<Json<SpaceView>> {
    let patch = spaces::SpacePatch {
        name: body.name.as_deref(),
        description: body.description.as_deref(),
        visibility: body.visibility.as_deref(),
        kinds: body.kinds.as_deref(),
        archived: body.archived,
    };
    let space = spaces::patch_space(&state.hearth, &caller.actor, &slug, &patch).await?;
    Ok(Json(SpaceView::from(&space)))
}

async fn create_space(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewSpace>,
) -> ApiResult<(StatusCode, Json<SpaceView>)> {
    let input = spaces::SpaceInput {
        name: &body.name,
        slug: &body.slug,
        description: body.description.as_deref().unwrap_or(""),
        visibility: &body.visibility,
    };
    let space =
        spaces::create_space(&state.hearth, &caller.actor, &input, body.kinds.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(SpaceView::from(&space))))
}

#[derive(Serialize)]
pub struct TopicsPage {
    items: Vec<TopicView>,
    next_cursor: Option<String>,
    /// Pinned topics, on the first page of the default order only (they are not in `items`).
    pinned: Vec<TopicView>,
}

async fn list_topics(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(q): Query<TopicsQuery>,
) -> ApiResult<Json<TopicsPage>> {
    let answered = parse_answered(q.answered.as_deref())?;
    let sort = topics::TopicSort::parse(q.sort.as_deref())?;
    let (space, topics, next) = topics::topics_page_sorted(
        &state.hearth,
        &caller.actor,
        &slug,
        q.cursor.as_deref(),
        answered,
        sort,
    )
    .await?;
    let first_page = q.cursor.as_deref().unwrap_or("").is_empty()
        && answered.is_none()
        && sort == topics::TopicSort::Activity;
    let pinned = if first_page {
        topics::pinned(&state.hearth, &space).await?
    } else {
        Vec::new()
    };
    Ok(Json(TopicsPage {
        items: topics
            .iter()
            .map(|l| TopicView::listing(l, &space.slug))
            .collect(),
        next_cursor: next,
        pinned: pinned
            .iter()
            .map(|l| TopicView::listing(l, &space.slug))
            .collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTopic {
    title: String,
    body: String,
    /// `discussion` (the default), `question`, `idea` or `announcement` (staff).
    #[serde(default)]
    kind: Option<String>,
    /// For announcements: `space` (default) or `community`.
    #[serde(default)]
    pin: Option<String>,
    /// For polls.
    #[serde(default)]
    poll: Option<PollBody>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollBody {
    options: Vec<String>,
    #[serde(default)]
    multiple: bool,
    #[serde(default)]
    closes_at: Option<String>,
    #[serde(default)]
    results: Option<String>,
}

impl PollBody {
    fn input(&self) -> polls::PollInput {
        polls::PollInput {
            options: self.options.clone(),
            multiple: self.multiple,
            closes_at: self.closes_at.clone(),
            results: self.results.clone(),
            time_zone: None,
        }
    }
}

#[derive(Serialize)]
pub struct TopicWithPosts {
    #[serde(flatten)]
    topic: TopicView,
    posts: Vec<PostView>,
    next_cursor: Option<String>,
    /// For ideas: has the caller voted?
    voted: bool,
    /// For polls.
    poll: Option<super::views::PollView>,
}

async fn topic_with_posts(
    state: &AppState,
    caller: &ApiCaller,
    id: i64,
) -> Result<TopicWithPosts, ServiceError> {
    let page = topics::topic_page(&state.hearth, &caller.actor, id, None).await?;
    Ok(TopicWithPosts {
        poll: page.poll.as_ref().map(super::views::PollView::from),
        voted: page.voted,
        topic: TopicView::new(&page.topic, &page.space.slug, Some(&page.author)),
        posts: page.posts.iter().map(PostView::from).collect(),
        next_cursor: page.next,
    })
}

async fn create_topic(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<NewTopic>,
) -> ApiResult<(StatusCode, Json<TopicWithPosts>)> {
    let poll = body.poll.as_ref().map(PollBody::input);
    let input = topics::TopicInput {
        title: &body.title,
        body: &body.body,
        kind: body.kind.as_deref().unwrap_or("discussion"),
        pin: body.pin.as_deref(),
        poll: poll.as_ref(),
        event: None,
    };
    let id = topics::start_topic_with(&state.hearth, &caller.actor, &slug, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(topic_with_posts(&state, &caller, id).await?),
    ))
}

async fn get_topic(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

async fn list_posts(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<Page<PostView>>> {
    let id = path_id(&id, "topic")?;
    let page = topics::topic_page(&state.hearth, &caller.actor, id, q.cursor.as_deref()).await?;
    Ok(Json(Page {
        items: page.posts.iter().map(PostView::from).collect(),
        next_cursor: page.next,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPost {
    body: String,
}

async fn post_view(
    state: &AppState,
    caller: &ApiCaller,
    id: i64,
) -> Result<PostView, ServiceError> {
    let (_, topic, _) = posts::post(&state.hearth, &caller.actor, id).await?;
    let position = state
        .store()
        .post_position(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-post"))?;
    let page = topics::topic_page(
        &state.hearth,
        &caller.actor,
        topic.id,
        Some(&(position - 1).to_string()),
    )
    .await?;
    page.posts
        .first()
        .filter(|p| p.listing.post.id == id)
        .map(PostView::from)
        .ok_or(ServiceError::NotFound("err-not-found-post"))
}

async fn create_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewPost>,
) -> ApiResult<(StatusCode, Json<PostView>)> {
    let id = path_id(&id, "topic")?;
    let post_id = posts::reply(&state.hearth, &caller.actor, id, &body.body).await?;
    Ok((
        StatusCode::CREATED,
        Json(post_view(&state, &caller, post_id).await?),
    ))
}

async fn get_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PostView>> {
    let id = path_id(&id, "post")?;
    Ok(Json(post_view(&state, &caller, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostPatch {
    body: String,
    #[serde(default)]
    title: Option<String>,
    /// Why staff edited someone else's post (kept in the audit log).
    #[serde(default)]
    reason: Option<String>,
}

async fn edit_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PostPatch>,
) -> ApiResult<Json<PostView>> {
    let id = path_id(&id, "post")?;
    posts::edit_post(
        &state.hearth,
        &caller.actor,
        id,
        &body.body,
        body.title.as_deref(),
        body.reason.as_deref(),
    )
    .await?;
    Ok(Json(post_view(&state, &caller, id).await?))
}

async fn delete_post(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id, "post")?;
    posts::delete_post(&state.hearth, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    post_id: i64,
}

async fn accept_answer(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Accept>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    topics::accept_answer(&state.hearth, &caller.actor, id, body.post_id).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

async fn unaccept_answer(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    topics::unaccept_answer(&state.hearth, &caller.actor, id).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

async fn add_reaction(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, emoji)): Path<(String, String)>,
) -> ApiResult<Json<PostView>> {
    let id = path_id(&id, "post")?;
    posts::react(&state.hearth, &caller.actor, id, &emoji, true).await?;
    Ok(Json(post_view(&state, &caller, id).await?))
}

async fn remove_reaction(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, emoji)): Path<(String, String)>,
) -> ApiResult<Json<PostView>> {
    let id = path_id(&id, "post")?;
    posts::react(&state.hearth, &caller.actor, id, &emoji, false).await?;
    Ok(Json(post_view(&state, &caller, id).await?))
}

async fn vote(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    ideas::vote(&state.hearth, &caller.actor, id, true).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

async fn unvote(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    ideas::vote(&state.hearth, &caller.actor, id, false).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    status: String,
    #[serde(default)]
    note: String,
}

async fn set_status(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StatusChange>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    ideas::set_idea_status(&state.hearth, &caller.actor, id, &body.status, &body.note).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// `space` or `community`.
    scope: String,
}

async fn pin(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Pin>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    topics::set_pin(&state.hearth, &caller.actor, id, Some(&body.scope)).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

async fn unpin(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    topics::set_pin(&state.hearth, &caller.actor, id, None).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollVote {
    /// Option ids (one, unless the poll takes several).
    options: Vec<i64>,
}

async fn vote_poll(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PollVote>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    polls::vote_poll(&state.hearth, &caller.actor, id, &body.options).await?;
    Ok(Json(topic_with_posts(&state, &caller, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// The idea that absorbs this one.
    into: i64,
}

async fn merge(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Merge>,
) -> ApiResult<Json<TopicWithPosts>> {
    let id = path_id(&id, "topic")?;
    ideas::merge_idea(&state.hearth, &caller.actor, id, body.into).await?;
    Ok(Json(topic_with_posts(&state, &caller, body.into).await?))
}

#[derive(Serialize)]
pub struct Watching {
    watching: bool,
}

async fn watch(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> ApiResult<Json<Watching>> {
    watches::watch(&state.hearth, &caller.actor, &slug, true).await?;
    Ok(Json(Watching { watching: true }))
}

async fn unwatch(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> ApiResult<Json<Watching>> {
    watches::watch(&state.hearth, &caller.actor, &slug, false).await?;
    Ok(Json(Watching { watching: false }))
}

async fn watch_topic(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Watching>> {
    watches::watch_topic(&state.hearth, &caller.actor, path_id(&id, "topic")?, true).await?;
    Ok(Json(Watching { watching: true }))
}

async fn unwatch_topic(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Watching>> {
    watches::watch_topic(&state.hearth, &caller.actor, path_id(&id, "topic")?, false).await?;
    Ok(Json(Watching { watching: false }))
}
