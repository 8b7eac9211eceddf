//! Segments through the API, the twins of the segment pages: list, make, change and delete
//! a saved segment, page through its members, and download them as CSV.

use super::error::ApiResult;
use super::extract::{ApiCaller, ApiJson, path_id};
use super::people::{PersonView, segment_csv};
use crate::app::AppState;
use crate::services::people as svc;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use hearth_store::segments::Segment;
use serde::Deserialize;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/segments", get(list_api).post(create_api))
        .route(
            "/api/v1/segments/{id}",
            get(get_api).put(put_api).delete(delete_api),
        )
        .route("/api/v1/segments/{id}/members", get(members_api))
        .route("/api/v1/segments/{id}/members.csv", get(csv_api))
}

fn segment_json(s: &Segment, count: i64) -> Value {
    json!({
        "id": s.id,
        "name": s.name,
        "condition": s.condition,
        "count": count,
        "created_at": crate::render::rfc3339(s.created_at),
        "updated_at": crate::render::rfc3339(s.updated_at),
    })
}

async fn list_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Value>> {
    let list = svc::segments(&state.hearth, &caller.actor).await?;
    let items: Vec<Value> = list.iter().map(|(s, n)| segment_json(s, *n)).collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

/// A segment as made or changed: its name and its condition in the segment language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentBody {
    name: String,
    condition: String,
}

async fn one(state: &AppState, caller: &ApiCaller, id: i64) -> ApiResult<Value> {
    let (s, count) = svc::segment_summary(&state.hearth, &caller.actor, id).await?;
    Ok(segment_json(&s, count))
}

async fn create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<SegmentBody>,
) -> ApiResult<Response> {
    let id = svc::save_segment(&state.hearth, &caller.actor, None, &b.name, &b.condition).await?;
    Ok((StatusCode::CREATED, Json(one(&state, &caller, id).await?)).into_response())
}

async fn get_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "segment")?;
    Ok(Json(one(&state, &caller, id).await?))
}

async fn put_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<SegmentBody>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "segment")?;
    // Refuse a segment that does not exist (or may not be read) before changing anything.
    one(&state, &caller, id).await?;
    svc::save_segment(
        &state.hearth,
        &caller.actor,
        Some(id),
        &b.name,
        &b.condition,
    )
    .await?;
    Ok(Json(one(&state, &caller, id).await?))
}

async fn delete_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id, "segment")?;
    one(&state, &caller, id).await?;
    svc::delete_segment(&state.hearth, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
}

async fn members_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "segment")?;
    let (_, count, rows, next) =
        svc::segment(&state.hearth, &caller.actor, id, q.cursor.as_deref()).await?;
    let items: Vec<PersonView> = rows.iter().map(PersonView::new).collect();
    Ok(Json(
        json!({ "items": items, "next_cursor": next, "count": count }),
    ))
}

async fn csv_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_id(&id, "segment")?;
    Ok(segment_csv(&state, &caller.actor, id).await?)
}
