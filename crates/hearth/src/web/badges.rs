//! Badges on the web: the list members read (`/badges`), the admin page where the owner
//! makes their own (`/admin/badges`, multipart: name, description, condition, picture),
//! each badge's picture (`/badges/{id}/image`, an SVG served sandboxed) and the API twins
//! (`GET`/`POST /api/v1/badges`, `DELETE /api/v1/badges/{id}`).

use super::error::{ApiResult, AppError, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, MaybeMember, PageForm, path_id};
use super::render_status;
use crate::app::AppState;
use crate::services::ServiceError;
use crate::services::badges::{self as svc, BadgeInput};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use base64::Engine;
use hearth_store::badges::{Badge, Chip};
use minijinja::context;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/badges", get(list_api).post(create_api))
        .route("/api/v1/badges/{id}", delete(delete_api))
        .route("/badges", get(badges_page))
        .route("/badges/{id}/image", get(image))
        .route("/admin/badges", get(admin_page).post(create_submit))
        .route("/admin/badges/{id}/delete", post(delete_submit))
}

pub fn badge_json(b: &Badge) -> Value {
    json!({
        "id": b.id,
        "slug": b.slug,
        "name": b.name,
        "description": b.description,
        "condition": b.condition,
        "builtin": b.builtin,
        "holders": b.holders,
        "image_url": b.image_type.as_ref().map(|_| format!("/badges/{}/image", b.id)),
        "created_at": crate::render::rfc3339(b.created_at),
    })
}

async fn list_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Value>> {
    let list = svc::list(&state.hearth, &caller.actor).await?;
    Ok(Json(json!({
        "items": list.iter().map(badge_json).collect::<Vec<_>>(),
        "next_cursor": null,
    })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    name: String,
    condition: String,
    #[serde(default)]
    description: Option<String>,
    /// The picture, base64 (a `data:` URL or bare).
    #[serde(default)]
    image: Option<String>,
}

/// The bytes of a base64 picture, with or without its `data:…;base64,` prefix.
fn image_bytes(text: &str) -> Result<Vec<u8>, ServiceError> {
    let body = match text.split_once(";base64,") {
        Some((head, body)) if head.starts_with("data:") => body,
        _ => text,
    };
    let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean.as_bytes())
        .map_err(|_| hearth_core::Invalid::new("image", "err-badge-image-base64").into())
}

async fn create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<CreateBody>,
) -> ApiResult<Response> {
    let image = b.image.as_deref().map(image_bytes).transpose()?;
    let (badge, granted) = svc::create(
        &state.hearth,
        &caller.actor,
        &BadgeInput {
            name: &b.name,
            description: b.description.as_deref().unwrap_or(""),
            condition: &b.condition,
            image: image.as_deref(),
        },
    )
    .await?;
    let mut v = badge_json(&badge);
    v["granted"] = json!(granted);
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

async fn delete_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc::delete(&state.hearth, &caller.actor, path_id(&id, "badge")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A badge's picture. An SVG may hold script, so it is served as its own sandboxed
/// document that may load nothing, and pages show it only through `<img>`.
async fn image(State(state): State<AppState>, Path(id): Path<String>) -> PageResult<Response> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("err-not-found-badge"))?;
    let (bytes, media) = svc::image(&state.hearth, id).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&media).unwrap_or(HeaderValue::from_static("image/jpeg")),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(response)
}

// --- Pages ------------------------------------------------------------------------------

/// A member's badges as pages show them beside a name: the newest three.
pub fn chips_json(chips: &[Chip]) -> Value {
    Value::Array(
        chips
            .iter()
            .take(3)
            .map(|c| {
                json!({
                    "name": c.name, "slug": c.slug,
                    "image_url": c.has_image.then(|| format!("/badges/{}/image", c.id)),
                })
            })
            .collect(),
    )
}

/// Badges by member id (as text, the key templates look up with `p.author.id ~ ""`).
pub fn chips_by_member(map: &HashMap<i64, Vec<Chip>>) -> minijinja::Value {
    let m: serde_json::Map<String, Value> = map
        .iter()
        .map(|(id, chips)| (id.to_string(), chips_json(chips)))
        .collect();
    as_value(Value::Object(m))
}

fn as_value(v: Value) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(v))
}

async fn badges_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let list = svc::list(&state.hearth, &me.actor()).await?;
    let mine = state
        .store()
        .badge_chips(&[me.0.id])
        .await
        .map_err(ServiceError::from)?
        .remove(&me.0.id)
        .unwrap_or_default();
    let ctx = context! {
        title => "Badges", title_key => "title-badges",
        badges => list.iter().map(|b| {
            let mut v = badge_json(b);
            v["mine"] = json!(mine.iter().any(|c| c.id == b.id));
            as_value(v)
        }).collect::<Vec<_>>(),
    };
    Ok(render_status(
        &state,
        &MaybeMember(Some(me.0)),
        StatusCode::OK,
        "badges.html",
        ctx,
    )
    .await)
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
    granted: Option<i64>,
}

async fn admin_render(
    state: &AppState,
    me: CurrentMember,
    status: StatusCode,
    form: Value,
    error: Option<minijinja::Value>,
    done: (Option<String>, Option<i64>),
) -> PageResult<Response> {
    crate::services::points::check_manage(&me.actor(), "err-badges-forbidden")?;
    let list = svc::list(&state.hearth, &me.actor()).await?;
    let ctx = context! {
        title => "Badges", title_key => "title-admin-badges", section => "badges",
        badges => list.iter().map(|b| as_value(badge_json(b))).collect::<Vec<_>>(),
        form => as_value(form), error => error, done => done.0, granted => done.1,
    };
    Ok(render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/badges.html",
        ctx,
    )
    .await)
}

async fn admin_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<DoneQuery>,
) -> PageResult<Response> {
    admin_render(
        &state,
        me,
        StatusCode::OK,
        json!({}),
        None,
        (q.done, q.granted),
    )
    .await
}

/// The new-badge form (multipart: `name`, `description`, `condition`, `image`).
async fn create_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    mut multipart: Multipart,
) -> PageResult<Response> {
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut picture: Option<Vec<u8>> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| super::admin::multipart_error(&state, e))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| super::admin::multipart_error(&state, e))?;
        match name.as_str() {
            "image" => picture = Some(bytes.to_vec()).filter(|b| !b.is_empty()),
            "name" | "description" | "condition" | "csrf" => {
                fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
            _ => {}
        }
    }
    let get = |k: &str| fields.get(k).map_or("", String::as_str);
    let input = BadgeInput {
        name: get("name"),
        description: get("description"),
        condition: get("condition"),
        image: picture.as_deref(),
    };
    match svc::create(&state.hearth, &me.actor(), &input).await {
        Ok((_, granted)) => Ok(Redirect::to(&format!(
            "/admin/badges?done=created&granted={granted}"
        ))
        .into_response()),
        Err(e) => match super::account::field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let form = json!({"name": get("name"), "description": get("description"), "condition": get("condition")});
                admin_render(&state, me, status, form, Some(err), (None, None)).await
            }
            None => Err(e.into()),
        },
    }
}

async fn delete_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(_f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    svc::delete(&state.hearth, &me.actor(), path_id(&id, "badge")?).await?;
    Ok(Redirect::to("/admin/badges?done=deleted").into_response())
}
