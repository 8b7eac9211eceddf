//! API twins of admin page actions that live in pages elsewhere: revoking an invite,
//! changing a person's tags, dismissing a suggested merge, erasing a person, the retention
//! period of imported data, another member's token, tagging a segment, and the test mail.
//! Each calls the same service as its page; `tests/app/parity.rs` pairs them.

use super::error::ApiResult;
use super::extract::{ApiCaller, ApiJson, path_id};
use crate::app::AppState;
use crate::services::{accounts, email, membership, people};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/invites/{id}/revoke", post(revoke_invite))
        .route("/api/v1/members/{id}/tags", put(tags))
        .route("/api/v1/members/suggestions/dismiss", post(dismiss))
        .route("/api/v1/members/{id}/erase", post(erase))
        .route("/api/v1/members/{id}/tokens/{token}", delete(revoke_token))
        .route("/api/v1/people/retention", put(retention))
        .route("/api/v1/segments/{id}/tag", post(tag_segment))
        .route("/api/v1/mail/test", post(test_mail))
        .route("/api/v1/branding", put(branding))
        .route("/api/v1/moderation/public-log", put(public_log))
        .route("/api/v1/members", post(add_member))
        .route(
            "/api/v1/spaces/{slug}/icon",
            put(space_icon).delete(remove_space_icon),
        )
        .route("/api/v1/membership/customers", put(customers))
}

/// A space's picture, sent as the request's body (PNG, JPEG, GIF or WebP), squared and
/// re-encoded as the page's upload is.
async fn space_icon(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let space =
        crate::services::spaces::set_icon(&state.hearth, &caller.actor, &slug, Some(&body)).await?;
    Ok(Json(
        json!({"slug": space.slug, "icon_upload_id": space.icon_upload_id}),
    ))
}

async fn remove_space_icon(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    crate::services::spaces::set_icon(&state.hearth, &caller.actor, &slug, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The customer list (a CSV with an `email` column, as the membership page takes),
/// replacing the one before; answers how many addresses it holds.
async fn customers(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let n = membership::replace_customer_list(&state.hearth, &caller.actor, &body).await?;
    Ok(Json(json!({ "customers": n })))
}

/// The branding page's fields; the logo stays the page's (an upload).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandingBody {
    name: String,
    #[serde(default)]
    tagline: Option<String>,
    accent_color: String,
    #[serde(default)]
    default_language: Option<String>,
    #[serde(default)]
    default_time_zone: Option<String>,
}

async fn branding(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<BrandingBody>,
) -> ApiResult<Json<Value>> {
    use crate::services::community;
    let locale = match (&b.default_language, &b.default_time_zone) {
        (None, None) => None,
        (l, z) => {
            let (l, z) = (l.clone().unwrap_or_default(), z.clone().unwrap_or_default());
            community::check_locale(&l, &z)?;
            Some((l, z))
        }
    };
    let tagline = b.tagline.unwrap_or_default();
    let c = community::update_branding(
        &state.hearth,
        &caller.actor,
        &b.name,
        &tagline,
        &b.accent_color,
        None,
        false,
    )
    .await?;
    if let Some((l, z)) = locale {
        community::set_locale(&state.hearth, &caller.actor, &l, &z).await?;
    }
    state.forget_community();
    let c = state
        .community()
        .await
        .map_err(crate::services::ServiceError::from)?
        .unwrap_or(c);
    Ok(Json(json!({
        "name": c.name,
        "tagline": c.tagline,
        "accent_color": c.accent_color,
        "default_language": c.default_language,
        "default_time_zone": c.default_time_zone,
    })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicLogBody {
    public: bool,
}

/// Whether `/moderation-log` shows the public what was removed and why.
async fn public_log(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<PublicLogBody>,
) -> ApiResult<Json<Value>> {
    crate::services::moderation::set_public_log(&state.hearth, &caller.actor, b.public).await?;
    Ok(Json(json!({ "public": b.public })))
}

/// A member added by an admin, as the members page adds one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMemberBody {
    email: String,
    handle: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    groups: Vec<String>,
}

async fn add_member(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<NewMemberBody>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let role = match b.role.as_deref() {
        None => hearth_core::values::Role::Member,
        Some(r) => hearth_core::values::Role::parse(r)?,
    };
    let groups = crate::services::groups::resolve(&state.hearth, &b.groups).await?;
    let m = accounts::add_member(
        &state.hearth,
        &caller.actor,
        &accounts::NewAccount {
            email: &b.email,
            handle: &b.handle,
            display_name: b.display_name.as_deref(),
            password: None,
            role,
            invite: None,
            accept_guidelines: false,
            groups: &groups,
        },
    )
    .await?;
    let body = json!({"id": m.id, "handle": m.handle, "display_name": m.display_name, "role": m.role.as_str()});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn revoke_invite(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    membership::revoke_invite(&state.hearth, &caller.actor, path_id(&id, "invite")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Tags to add and to remove, by name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagsBody {
    #[serde(default)]
    add: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
}

async fn tags(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<TagsBody>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "member")?;
    let changed =
        people::change_tags(&state.hearth, &caller.actor, &[id], &b.add, &b.remove).await?;
    Ok(Json(json!({ "changed": changed })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairBody {
    a: i64,
    b: i64,
}

async fn dismiss(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(p): ApiJson<PairBody>,
) -> ApiResult<StatusCode> {
    people::dismiss(&state.hearth, &caller.actor, p.a, p.b).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn erase(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    people::erase(&state.hearth, &caller.actor, path_id(&id, "member")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes token `token` of member `id`: the same check as the person page's button (an
/// admin, for members below them), and a token of someone else is "not found".
async fn revoke_token(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, token)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id, "member")?;
    let token = path_id(&token, "token")?;
    accounts::revoke_member_token(&state.hearth, &caller.actor, id, token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Days raw imported data is kept; `null` to keep it until deleted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionBody {
    days: Option<i64>,
}

async fn retention(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<RetentionBody>,
) -> ApiResult<Json<Value>> {
    let days = b.days.map(|d| d.to_string()).unwrap_or_default();
    let kept = people::set_retention(&state.hearth, &caller.actor, &days).await?;
    Ok(Json(json!({ "days": kept })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagBody {
    tag: String,
}

async fn tag_segment(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<TagBody>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "segment")?;
    let changed = people::tag_segment(&state.hearth, &caller.actor, id, &b.tag).await?;
    Ok(Json(json!({ "changed": changed })))
}

/// Sends the caller a test mail now; answers what the mail server said.
async fn test_mail(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Value>> {
    let said = email::send_test(&state.hearth, &caller.actor).await?;
    Ok(Json(json!({ "message": said.to_string() })))
}
