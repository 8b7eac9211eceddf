//! Member profiles at `/u/{handle}`, where mentions link to: who they are and what they
//! started, in spaces the visitor can see.

use super::error::PageResult;
use super::extract::MaybeMember;
use super::render;
use super::views::{MemberView, SpaceView, TopicView};
use crate::app::AppState;
use crate::services::forum;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minijinja::context;

pub fn router() -> Router<AppState> {
    Router::new().route("/u/{handle}", get(profile))
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
