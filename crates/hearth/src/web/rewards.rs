//! Rewards on the web: the catalogue members redeem from (`/rewards`, with their
//! redemptions and codes), the admin page (`/admin/rewards`: items, codes, what waits to be
//! fulfilled) and their API twins.

use super::error::{ApiResult, PageResult};
use super::extract::{
    ApiCaller, ApiJson, CurrentMember, MaybeMember, PageForm, form_number, path_id,
};
use super::render_status;
use crate::app::AppState;
use crate::services::ServiceError;
use crate::services::rewards::{self as svc, RewardInput};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use hearth_store::rewards::{Redemption, Reward};
use minijinja::context;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/rewards", get(list_api).post(create_api))
        .route("/api/v1/rewards/{id}", patch(patch_api))
        .route("/api/v1/rewards/{id}/codes", post(codes_api))
        .route("/api/v1/rewards/{id}/redeem", post(redeem_api))
        .route("/api/v1/rewards/redemptions", get(all_api))
        .route("/api/v1/redemptions", get(mine_api))
        .route("/api/v1/redemptions/{id}/fulfil", post(fulfil_api))
        .route("/api/v1/redemptions/{id}/cancel", post(cancel_api))
        .route("/rewards", get(rewards_page))
        .route("/rewards/{id}/redeem", post(redeem_submit))
        .route("/admin/rewards", get(admin_page).post(create_submit))
        .route("/admin/rewards/{id}/codes", post(codes_submit))
        .route("/admin/rewards/{id}/active", post(active_submit))
        .route("/admin/redemptions/{id}/fulfil", post(fulfil_submit))
        .route("/admin/redemptions/{id}/cancel", post(cancel_submit))
}

pub fn reward_json(r: &Reward) -> Value {
    json!({
        "id": r.id,
        "name": r.name,
        "description": r.description,
        "cost": r.cost,
        "stock": r.stock,
        "per_member_limit": r.per_member_limit,
        "kind": r.kind,
        "space_id": r.space_id,
        "min_level": r.min_level,
        "active": r.active,
        "created_at": crate::render::rfc3339(r.created_at),
    })
}

/// A redemption; its code only to the member who redeemed it and to admins (the callers
/// of the routes that answer with it).
pub fn redemption_json(d: &Redemption) -> Value {
    json!({
        "id": d.id,
        "reward_id": d.reward_id,
        "reward": d.reward_name,
        "member_id": d.member_id,
        "cost": d.cost,
        "entry_id": d.entry_id,
        "code": d.code,
        "status": d.status,
        "created_at": crate::render::rfc3339(d.created_at),
        "fulfilled_at": d.fulfilled_at.map(crate::render::rfc3339),
    })
}

fn page_of(items: Vec<Value>) -> Json<Value> {
    Json(json!({ "items": items, "next_cursor": null }))
}

async fn list_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Value>> {
    let list = svc::list(&state.hearth, &caller.actor).await?;
    Ok(page_of(list.iter().map(reward_json).collect()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    name: String,
    cost: i64,
    #[serde(default)]
    stock: Option<i64>,
    #[serde(default)]
    per_member_limit: Option<i64>,
    kind: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    space: Option<String>,
    #[serde(default)]
    min_level: Option<i64>,
}

async fn create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<CreateBody>,
) -> ApiResult<Response> {
    let input = RewardInput {
        name: &b.name,
        description: b.description.as_deref().unwrap_or(""),
        cost: b.cost,
        stock: b.stock,
        per_member_limit: b.per_member_limit,
        kind: &b.kind,
        space: b.space.as_deref(),
        min_level: b.min_level,
    };
    let r = svc::create(&state.hearth, &caller.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(reward_json(&r))).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    active: bool,
}

async fn patch_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<PatchBody>,
) -> ApiResult<Json<Value>> {
    let r = svc::set_active(
        &state.hearth,
        &caller.actor,
        path_id(&id, "reward")?,
        b.active,
    )
    .await?;
    Ok(Json(reward_json(&r)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodesBody {
    codes: Vec<String>,
}

async fn codes_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CodesBody>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "reward")?;
    let added = svc::add_codes(&state.hearth, &caller.actor, id, &b.codes.join("\n")).await?;
    let r = svc::get(&state.hearth, &caller.actor, id).await?;
    Ok(Json(json!({ "added": added, "reward": reward_json(&r) })))
}

async fn redeem_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let d = svc::redeem(&state.hearth, &caller.actor, path_id(&id, "reward")?).await?;
    Ok((StatusCode::CREATED, Json(redemption_json(&d))).into_response())
}

async fn mine_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Value>> {
    let list = svc::mine(&state.hearth, &caller.actor).await?;
    Ok(page_of(list.iter().map(redemption_json).collect()))
}

#[derive(Debug, Deserialize)]
pub struct StatusQuery {
    status: Option<String>,
}

async fn all_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<StatusQuery>,
) -> ApiResult<Json<Value>> {
    let list = svc::all(
        &state.hearth,
        &caller.actor,
        q.status.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(page_of(list.iter().map(redemption_json).collect()))
}

async fn fulfil_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let d = svc::decide(
        &state.hearth,
        &caller.actor,
        path_id(&id, "redemption")?,
        true,
    )
    .await?;
    Ok(Json(redemption_json(&d)))
}

async fn cancel_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let d = svc::decide(
        &state.hearth,
        &caller.actor,
        path_id(&id, "redemption")?,
        false,
    )
    .await?;
    Ok(Json(redemption_json(&d)))
}

// --- Pages ------------------------------------------------------------------------------

fn as_value(v: Value) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(v))
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
    added: Option<i64>,
}

async fn rewards_context(state: &AppState, me: &CurrentMember) -> PageResult<minijinja::Value> {
    let actor = me.actor();
    let rewards = state
        .store()
        .rewards(true)
        .await
        .map_err(ServiceError::from)?;
    let mine = svc::mine(&state.hearth, &actor).await?;
    let points = state
        .store()
        .points(me.0.id)
        .await
        .map_err(ServiceError::from)?;
    Ok(context! {
        title => "Rewards", title_key => "title-rewards",
        rewards => rewards.iter().map(|r| as_value(reward_json(r))).collect::<Vec<_>>(),
        mine => mine.iter().map(|d| as_value(redemption_json(d))).collect::<Vec<_>>(),
        balance => points.balance, level => points.level,
    })
}

async fn rewards_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<DoneQuery>,
) -> PageResult<Response> {
    let ctx = rewards_context(&state, &me).await?;
    let ctx = context! { ..ctx, ..context! { error => (), done => q.done } };
    Ok(render_status(
        &state,
        &MaybeMember(Some(me.0)),
        StatusCode::OK,
        "rewards.html",
        ctx,
    )
    .await)
}

async fn redeem_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(_f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let id = path_id(&id, "reward")?;
    match svc::redeem(&state.hearth, &me.actor(), id).await {
        Ok(_) => Ok(Redirect::to("/rewards?done=redeemed#mine").into_response()),
        Err(e) => match super::account::field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let ctx = rewards_context(&state, &me).await?;
                let ctx = context! { ..ctx, ..context! { error => err, done => () } };
                Ok(render_status(
                    &state,
                    &MaybeMember(Some(me.0)),
                    status,
                    "rewards.html",
                    ctx,
                )
                .await)
            }
            None => Err(e.into()),
        },
    }
}

async fn admin_context(state: &AppState, me: &CurrentMember) -> PageResult<minijinja::Value> {
    let actor = me.actor();
    let rewards = svc::list(&state.hearth, &actor).await?;
    let waiting = svc::all(&state.hearth, &actor, "pending").await?;
    let recent = svc::all(&state.hearth, &actor, "").await?;
    let spaces = state.store().spaces().await.map_err(ServiceError::from)?;
    Ok(context! {
        title => "Rewards", title_key => "title-admin-rewards", section => "rewards",
        rewards => rewards.iter().map(|r| as_value(reward_json(r))).collect::<Vec<_>>(),
        waiting => waiting.iter().map(|d| as_value(redemption_json(d))).collect::<Vec<_>>(),
        recent => recent.iter().take(20).map(|d| as_value(redemption_json(d))).collect::<Vec<_>>(),
        private_spaces => spaces.iter()
            .filter(|s| s.visibility == hearth_core::values::Visibility::Private && s.archived_at.is_none())
            .map(|s| context! { slug => s.slug.clone(), name => s.name.clone() }).collect::<Vec<_>>(),
        kinds => svc::KINDS.to_vec(),
    })
}

async fn admin_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<DoneQuery>,
) -> PageResult<Response> {
    let ctx = admin_context(&state, &me).await?;
    let ctx = context! { ..ctx, ..context! { error => (), done => q.done, added => q.added } };
    Ok(render_status(
        &state,
        &MaybeMember(Some(me.0)),
        StatusCode::OK,
        "admin/rewards.html",
        ctx,
    )
    .await)
}

/// The admin page again with a form's error, or the error page.
async fn admin_error(state: &AppState, me: CurrentMember, e: ServiceError) -> PageResult<Response> {
    match super::account::field_error(&e) {
        Some(err) => {
            let status = super::error::classify(&e).0;
            let ctx = admin_context(state, &me).await?;
            let ctx = context! { ..ctx, ..context! { error => err, done => (), added => () } };
            Ok(render_status(
                state,
                &MaybeMember(Some(me.0)),
                status,
                "admin/rewards.html",
                ctx,
            )
            .await)
        }
        None => Err(e.into()),
    }
}

async fn create_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let result = async {
        let cost = form_number(&f, "cost", "cost")?.unwrap_or(0);
        let input = RewardInput {
            name: f.get("name").map(String::as_str).unwrap_or(""),
            description: f.get("description").map(String::as_str).unwrap_or(""),
            cost,
            stock: form_number(&f, "stock", "stock")?,
            per_member_limit: form_number(&f, "per_member_limit", "per_member_limit")?,
            kind: f.get("kind").map(String::as_str).unwrap_or(""),
            space: f.get("space").map(String::as_str),
            min_level: form_number(&f, "min_level", "min_level")?,
        };
        let r = svc::create(&state.hearth, &me.actor(), &input).await?;
        if let Some(codes) = f.get("codes").filter(|c| !c.trim().is_empty()) {
            svc::add_codes(&state.hearth, &me.actor(), r.id, codes).await?;
        }
        Ok::<_, ServiceError>(r)
    }
    .await;
    match result {
        Ok(_) => Ok(Redirect::to("/admin/rewards?done=created").into_response()),
        Err(e) => admin_error(&state, me, e).await,
    }
}

async fn codes_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let id = path_id(&id, "reward")?;
    let codes = f.get("codes").map(String::as_str).unwrap_or("");
    match svc::add_codes(&state.hearth, &me.actor(), id, codes).await {
        Ok(n) => Ok(Redirect::to(&format!("/admin/rewards?done=codes&added={n}")).into_response()),
        Err(e) => admin_error(&state, me, e).await,
    }
}

async fn active_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let id = path_id(&id, "reward")?;
    let active = f.get("active").map(String::as_str) == Some("on");
    match svc::set_active(&state.hearth, &me.actor(), id, active).await {
        Ok(_) => Ok(Redirect::to("/admin/rewards?done=saved").into_response()),
        Err(e) => admin_error(&state, me, e).await,
    }
}

async fn decide_submit(
    state: AppState,
    me: CurrentMember,
    id: &str,
    fulfil: bool,
) -> PageResult<Response> {
    let id = path_id(id, "redemption")?;
    match svc::decide(&state.hearth, &me.actor(), id, fulfil).await {
        Ok(_) => Ok(Redirect::to(if fulfil {
            "/admin/rewards?done=fulfilled"
        } else {
            "/admin/rewards?done=cancelled"
        })
        .into_response()),
        Err(e) => admin_error(&state, me, e).await,
    }
}

async fn fulfil_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(_f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    decide_submit(state, me, &id, true).await
}

async fn cancel_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(_f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    decide_submit(state, me, &id, false).await
}
