//! The weekly report on demand: `POST /api/v1/insights/report` and the Overview's button
//! (`POST /admin/insights/report`) send it to the admin who asks, at once.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, CurrentMember, PageForm};
use crate::app::AppState;
use crate::services::report as svc;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/insights/report", post(send_api))
        .route("/admin/insights/report", post(send_submit))
}

async fn send_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Response> {
    svc::send_now(&state.hearth, &caller.actor).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "queued": true }))).into_response())
}

async fn send_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(_): PageForm<std::collections::HashMap<String, String>>,
) -> PageResult<Response> {
    svc::send_now(&state.hearth, &me.actor()).await?;
    Ok(Redirect::to("/admin/insights?done=report#report-heading").into_response())
}
