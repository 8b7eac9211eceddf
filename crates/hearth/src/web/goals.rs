//! Goals on the web: the API (`GET`/`POST /api/v1/insights/goals`,
//! `DELETE /api/v1/insights/goals/{id}`) and the forms behind the Overview's goals
//! (`POST /admin/insights/goals`, `POST /admin/insights/goals/{id}/delete`).

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, PageForm, path_id};
use super::insights::round;
use crate::app::AppState;
use crate::services::goals::{self as svc, View};
use crate::services::insights::day;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/insights/goals", get(list_api).post(create_api))
        .route("/api/v1/insights/goals/{id}", delete(delete_api))
        .route("/admin/insights/goals", post(create_submit))
        .route("/admin/insights/goals/{id}/delete", post(delete_submit))
}

pub fn view_json(g: &View) -> serde_json::Value {
    json!({
        "id": g.id,
        "metric": g.metric,
        "target": round(g.target, 3),
        "baseline": g.baseline.map(|x| round(x, 3)),
        "current": g.current.map(|x| round(x, 3)),
        "due": day(g.due),
        "progress": round(g.progress, 3),
        "status": g.status,
    })
}

async fn list_api(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<serde_json::Value>> {
    let list = svc::goals(&state.hearth, &caller.actor).await?;
    Ok(Json(
        json!({ "next_cursor": null, "items": list.iter().map(view_json).collect::<Vec<_>>() }),
    ))
}

/// A new goal, as the API and the form send it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewGoal {
    metric: String,
    /// A number (the API) or its text (the form).
    target: serde_json::Value,
    due: String,
}

impl NewGoal {
    fn target_text(&self) -> String {
        match &self.target {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        }
    }
}

async fn create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(g): ApiJson<NewGoal>,
) -> ApiResult<Response> {
    let id = svc::create(
        &state.hearth,
        &caller.actor,
        &g.metric,
        &g.target_text(),
        &g.due,
    )
    .await?;
    let list = svc::goals(&state.hearth, &caller.actor).await?;
    let made = list
        .iter()
        .find(|v| v.id == id)
        .map(view_json)
        .unwrap_or(json!({"id": id}));
    Ok((StatusCode::CREATED, Json(made)).into_response())
}

async fn delete_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id, "goal")?;
    svc::delete(&state.hearth, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The form's fields are all text.
#[derive(Debug, Deserialize)]
pub struct GoalForm {
    metric: String,
    target: String,
    due: String,
}

async fn create_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(f): PageForm<GoalForm>,
) -> PageResult<Response> {
    svc::create(&state.hearth, &me.actor(), &f.metric, &f.target, &f.due).await?;
    Ok(Redirect::to("/admin/insights?done=goal#goals-heading").into_response())
}

async fn delete_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "goal")?;
    svc::delete(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to("/admin/insights?done=goal#goals-heading").into_response())
}
