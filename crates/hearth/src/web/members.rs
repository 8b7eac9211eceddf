//! Member profiles at `/u/{handle}`, where mentions link to: who they are and what they
//! started, in spaces the visitor can see. Also the editor's `@mention` suggestions
//! (`/members/suggest?q=`, JSON, for signed-in members).

use super::error::PageResult;
use super::extract::MaybeMember;
use super::render;
use super::views::{MemberView, SpaceView, TopicView};
use crate::app::AppState;
use crate::services::forum;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minijinja::context;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/u/{handle}", get(profile))
        .route("/members/suggest", get(suggest))
}

async fn profile(
    State(state): State<AppState>,
    me: MaybeMember,
    Path(handle): Path<String>,
) -> PageResult<Response> {
    let (member, topics) = forum::profile(&state.hearth, &me.actor(), &handle).await?;
    let topics: Vec<_> = topics.iter().map(|(space, l)| context! { space => SpaceView::from(space), topic => TopicView::listing(l, &space.slug) }).collect();
    let ctx = context! {
        title => member.display_name.clone(),
        member => MemberView::new(&member, false),
        topics => topics,
    };
    Ok(render(&state, &me, "profile.html", ctx)
        .await?
        .into_response())
}

#[derive(serde::Deserialize)]
pub struct SuggestQuery {
    #[serde(default)]
    q: String,
}

#[derive(serde::Serialize)]
pub struct Suggestion {
    handle: String,
    display_name: String,
}

async fn suggest(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<SuggestQuery>,
) -> super::error::ApiResult<Json<Vec<Suggestion>>> {
    let found = forum::mention_suggestions(&state.hearth, &me.actor(), &q.q).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|a| Suggestion {
                handle: a.handle,
                display_name: a.display_name,
            })
            .collect(),
    ))
}
