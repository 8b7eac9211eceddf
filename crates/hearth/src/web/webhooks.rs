//! Webhooks on the web: the API (`/api/v1/webhooks…`) and the admin pages
//! (`/admin/webhooks`, one page per subscription with its delivery log).

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, MaybeMember, PageForm, path_id};
use super::render_status;
use crate::app::AppState;
use crate::services::ServiceError;
use crate::services::webhooks::{self as svc, NewSubscription};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hearth_store::webhooks::{Delivery, Webhook};
use minijinja::context;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/webhooks", get(list_api).post(create_api))
        .route(
            "/api/v1/webhooks/{id}",
            get(get_api).patch(patch_api).delete(delete_api),
        )
        .route("/api/v1/webhooks/{id}/secret", post(roll_api))
        .route("/api/v1/webhooks/{id}/deliveries", get(deliveries_api))
        .route(
            "/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver",
            post(redeliver_api),
        )
        .route("/admin/webhooks", get(list_page).post(create_submit))
        .route("/admin/webhooks/{id}", get(webhook_page))
        .route("/admin/webhooks/{id}/secret", post(roll_submit))
        .route("/admin/webhooks/{id}/enabled", post(enabled_submit))
        .route("/admin/webhooks/{id}/delete", post(delete_submit))
        .route(
            "/admin/webhooks/{id}/deliveries/{delivery}/redeliver",
            post(redeliver_submit),
        )
}

/// A subscription as the API and the pages show it, its space by slug (`slugs`: every
/// space's, by id). The secret is shown to admins (who may manage it); the previous one
/// never is.
fn webhook_json(w: &Webhook, slugs: &HashMap<i64, String>) -> Value {
    let space = w.space_id.and_then(|id| slugs.get(&id));
    json!({
        "id": w.id,
        "url": w.url,
        "kinds": w.kinds.as_deref().map(|k| k.split(',').collect::<Vec<_>>()),
        "space": space,
        "secret": w.secret,
        "enabled": w.disabled_at.is_none(),
        "disabled_at": w.disabled_at.map(crate::render::rfc3339),
        "disabled_reason": w.disabled_reason,
        "created_at": crate::render::rfc3339(w.created_at),
    })
}

fn delivery_json(d: &Delivery) -> Value {
    json!({
        "id": d.id,
        "webhook_id": d.webhook_id,
        "message_id": crate::outbound::message_id(d.id),
        "activity_id": d.activity_id,
        "kind": d.kind,
        "status": d.status,
        "attempts": d.attempts,
        "next_attempt_at": (d.status == "pending").then(|| crate::render::rfc3339(d.next_attempt_at)),
        "response_status": d.response_status,
        "response_body": d.response_body,
        "error": d.error,
        "duration_ms": d.duration_ms,
        "payload": d.payload.as_deref().filter(|p| !p.is_empty()).and_then(|p| serde_json::from_str::<Value>(p).ok()),
        "created_at": crate::render::rfc3339(d.created_at),
        "finished_at": d.finished_at.map(crate::render::rfc3339),
    })
}

/// The slug of each subscription's space, by id.
async fn space_slugs(state: &AppState) -> Result<HashMap<i64, String>, ServiceError> {
    Ok(state
        .store()
        .spaces()
        .await
        .map_err(ServiceError::from)?
        .into_iter()
        .map(|s| (s.id, s.slug))
        .collect())
}

async fn one_json(state: &AppState, w: &Webhook) -> ApiResult<Value> {
    Ok(webhook_json(w, &space_slugs(state).await?))
}

async fn list_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Value>> {
    let list = svc::list(&state.hearth, &caller.actor).await?;
    let slugs = space_slugs(&state).await?;
    let items: Vec<Value> = list.iter().map(|w| webhook_json(w, &slugs)).collect();
    Ok(Json(json!({ "items": items, "next_cursor": null })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    url: String,
    #[serde(default)]
    kinds: Option<Vec<String>>,
    #[serde(default)]
    space: Option<String>,
}

async fn create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<CreateBody>,
) -> ApiResult<Response> {
    let input = NewSubscription {
        url: &b.url,
        kinds: b.kinds,
        space: b.space.as_deref(),
    };
    let w = svc::create(&state.hearth, &caller.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(one_json(&state, &w).await?)).into_response())
}

async fn get_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let w = svc::get(&state.hearth, &caller.actor, path_id(&id, "webhook")?).await?;
    Ok(Json(one_json(&state, &w).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    enabled: bool,
}

async fn patch_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<PatchBody>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "webhook")?;
    let w = svc::set_enabled(&state.hearth, &caller.actor, id, b.enabled).await?;
    Ok(Json(one_json(&state, &w).await?))
}

async fn delete_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc::delete(&state.hearth, &caller.actor, path_id(&id, "webhook")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn roll_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let w = svc::roll_secret(&state.hearth, &caller.actor, path_id(&id, "webhook")?).await?;
    Ok(Json(one_json(&state, &w).await?))
}

#[derive(Debug, Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
}

fn parse_cursor(c: Option<&str>) -> Result<Option<i64>, crate::services::ServiceError> {
    match c.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => c
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or_else(|| hearth_core::Invalid::new("cursor", "err-cursor").into()),
    }
}

async fn deliveries_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "webhook")?;
    let before = parse_cursor(q.cursor.as_deref())?;
    let (rows, next) = svc::deliveries(&state.hearth, &caller.actor, id, before).await?;
    Ok(Json(json!({
        "items": rows.iter().map(delivery_json).collect::<Vec<_>>(),
        "next_cursor": next.map(|n| n.to_string()),
    })))
}

async fn redeliver_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, delivery)): Path<(String, String)>,
) -> ApiResult<Response> {
    let id = path_id(&id, "webhook")?;
    let delivery = path_id(&delivery, "delivery")?;
    let d = svc::redeliver(&state.hearth, &caller.actor, id, delivery).await?;
    Ok((StatusCode::ACCEPTED, Json(delivery_json(&d))).into_response())
}

// --- Pages ------------------------------------------------------------------------------

/// The kinds offered as boxes on the form: what integrators most often want.
const COMMON_KINDS: &[&str] = &[
    hearth_core::activity::JOINED,
    hearth_core::activity::TOPIC_STARTED,
    hearth_core::activity::QUESTION_ASKED,
    hearth_core::activity::REPLIED,
    hearth_core::activity::ANSWER_ACCEPTED,
    hearth_core::activity::REACTED,
    hearth_core::activity::IDEA_VOTED,
    hearth_core::activity::IDEA_STATUS_CHANGED,
    hearth_core::activity::EVENT_REGISTERED,
    hearth_core::activity::FLAGGED,
];

async fn list_context(state: &AppState, me: &CurrentMember) -> PageResult<minijinja::Value> {
    let list = svc::list(&state.hearth, &me.actor()).await?;
    let spaces = state.store().spaces().await.map_err(ServiceError::from)?;
    let slugs: HashMap<i64, String> = spaces.iter().map(|s| (s.id, s.slug.clone())).collect();
    let hooks: Vec<minijinja::Value> = list
        .iter()
        .map(|w| minijinja::Value::from(minijinja::value::Serde(webhook_json(w, &slugs))))
        .collect();
    let space_choices: Vec<minijinja::Value> = spaces
        .iter()
        .filter(|s| s.archived_at.is_none())
        .map(|s| context! { slug => s.slug.clone(), name => s.name.clone() })
        .collect();
    Ok(context! {
        title => "Webhooks", title_key => "title-webhooks", section => "webhooks",
        hooks => hooks, space_choices => space_choices, common_kinds => COMMON_KINDS.to_vec(),
    })
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// A webhooks page for the signed-in admin.
async fn page(
    state: &AppState,
    me: CurrentMember,
    status: StatusCode,
    template: &str,
    ctx: minijinja::Value,
) -> Response {
    render_status(state, &MaybeMember(Some(me.0)), status, template, ctx).await
}

async fn list_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<DoneQuery>,
) -> PageResult<Response> {
    let ctx = list_context(&state, &me).await?;
    let ctx = context! { ..ctx, ..context! { error => (), done => q.done } };
    Ok(page(&state, me, StatusCode::OK, "admin/webhooks.html", ctx).await)
}

/// The form's fields: the URL, the space, and either "every kind" or the kinds ticked
/// (`kind_<name>` boxes) plus any typed in `other_kinds`.
async fn create_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(f): PageForm<std::collections::BTreeMap<String, String>>,
) -> PageResult<Response> {
    let mut kinds: Vec<String> = f
        .keys()
        .filter_map(|k| k.strip_prefix("kind_"))
        .map(str::to_string)
        .collect();
    kinds.extend(
        f.get("other_kinds")
            .map(String::as_str)
            .unwrap_or("")
            .split([',', ' '])
            .filter(|k| !k.trim().is_empty())
            .map(|k| k.trim().to_string()),
    );
    let every = f.get("which").map(String::as_str) != Some("some");
    let input = NewSubscription {
        url: f.get("url").map(String::as_str).unwrap_or(""),
        kinds: (!every).then_some(kinds),
        space: f.get("space").map(String::as_str),
    };
    match svc::create(&state.hearth, &me.actor(), &input).await {
        Ok(w) => {
            Ok(Redirect::to(&format!("/admin/webhooks/{}?done=created", w.id)).into_response())
        }
        Err(e) => match super::account::field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let ctx = list_context(&state, &me).await?;
                let ctx = context! { ..ctx, ..context! { error => err, done => () } };
                Ok(page(&state, me, status, "admin/webhooks.html", ctx).await)
            }
            None => Err(e.into()),
        },
    }
}

async fn webhook_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    Query(q): Query<std::collections::BTreeMap<String, String>>,
) -> PageResult<Response> {
    let id = path_id(&id, "webhook")?;
    let w = svc::get(&state.hearth, &me.actor(), id).await?;
    let before = parse_cursor(q.get("cursor").map(String::as_str))?;
    let (rows, next) = svc::deliveries(&state.hearth, &me.actor(), id, before).await?;
    let slugs = space_slugs(&state).await?;
    // As the API shows them, but with the payload as the text that was sent.
    let deliveries: Vec<minijinja::Value> = rows
        .iter()
        .map(|d| {
            let api = minijinja::Value::from(minijinja::value::Serde(delivery_json(d)));
            context! { payload => d.payload.clone().filter(|p| !p.is_empty()), ..api }
        })
        .collect();
    let ctx = context! {
        title => "Webhook", title_key => "title-webhook", section => "webhooks",
        hook => minijinja::Value::from(minijinja::value::Serde(webhook_json(&w, &slugs))), deliveries => deliveries,
        next_cursor => next, done => q.get("done").cloned(),
    };
    Ok(page(&state, me, StatusCode::OK, "admin/webhook.html", ctx).await)
}

async fn roll_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "webhook")?;
    svc::roll_secret(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}?done=rolled")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct EnabledForm {
    enabled: String,
}

async fn enabled_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(f): PageForm<EnabledForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "webhook")?;
    let on = f.enabled == "true";
    svc::set_enabled(&state.hearth, &me.actor(), id, on).await?;
    let done = if on { "enabled" } else { "disabled" };
    Ok(Redirect::to(&format!("/admin/webhooks/{id}?done={done}")).into_response())
}

async fn delete_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    svc::delete(&state.hearth, &me.actor(), path_id(&id, "webhook")?).await?;
    Ok(Redirect::to("/admin/webhooks?done=deleted").into_response())
}

async fn redeliver_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path((id, delivery)): Path<(String, String)>,
) -> PageResult<Response> {
    let id = path_id(&id, "webhook")?;
    let delivery = path_id(&delivery, "delivery")?;
    svc::redeliver(&state.hearth, &me.actor(), id, delivery).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}?done=redelivered")).into_response())
}
