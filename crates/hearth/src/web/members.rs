//! Member profiles at `/u/{handle}`, where mentions link to: who they are (bio, location,
//! links) and what they started, in spaces the visitor can see, unless they hide their
//! activity. A member edits theirs at `/settings/profile`. The member directory at
//! `/members` (signed-in members; hidden members are not listed). Also the editor's
//! `@mention` suggestions (`/members/suggest?q=`, JSON, for signed-in members).

use super::error::PageResult;
use super::extract::{CurrentMember, MaybeMember, PageForm};
use super::views::{MemberView, SpaceView, TopicView};
use super::{render, render_status};
use crate::app::AppState;
use crate::services::{ServiceError, members, profiles};
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
        .route("/members", get(directory_page))
        .route("/settings/profile", get(profile_form).post(profile_submit))
        .route("/settings/avatar", axum::routing::post(avatar_submit))
        .route(
            "/settings/avatar/delete",
            axum::routing::post(avatar_delete),
        )
        .route("/settings/language", axum::routing::post(language_submit))
}

#[derive(serde::Deserialize, serde::Serialize, Default)]
pub struct DirectoryQuery {
    q: Option<String>,
    role: Option<String>,
    group: Option<String>,
    trust_level: Option<String>,
    location: Option<String>,
    cursor: Option<String>,
}

async fn directory_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<DirectoryQuery>,
) -> PageResult<Response> {
    let input = profiles::DirectoryInput {
        q: q.q.as_deref(),
        role: q.role.as_deref(),
        group: q.group.as_deref(),
        trust_level: q.trust_level.as_deref(),
        location: q.location.as_deref(),
        cursor: q.cursor.as_deref(),
    };
    let actor = me.actor();
    let (entries, next, error, status) =
        match profiles::directory(&state.hearth, &actor, &input).await {
            Ok((entries, next)) => (entries, next, None, axum::http::StatusCode::OK),
            Err(e @ ServiceError::Invalid(_)) => (
                Vec::new(),
                None,
                Some(super::said(&e)),
                super::auth::status_of(&e),
            ),
            Err(e) => return Err(e.into()),
        };
    let members: Vec<_> = entries
        .iter()
        .map(|e| {
            context! {
                id => e.author.id, handle => e.author.handle.clone(), display_name => e.author.display_name.clone(), avatar_url => e.author.avatar_id.map(super::views::upload_url),
                role => e.role.as_str(), trust_level => e.trust_level, location => e.location.clone(),
                bio => hearth_core::markdown::excerpt(&e.bio, 140), joined_at => super::views::rfc3339(e.joined_at),
            }
        })
        .collect();
    // Group filters only for those who manage groups (groups open private spaces).
    let groups: Vec<_> = crate::services::groups::directory_filters(&state.hearth, &actor)
        .await?
        .iter()
        .map(|g| context! { slug => g.slug.clone(), name => g.name.clone() })
        .collect();
    let next_url = next.map(|c| {
        super::extract::page_url(
            "/members",
            &[
                ("cursor", Some(c.as_str())),
                ("q", q.q.as_deref()),
                ("role", q.role.as_deref()),
                ("group", q.group.as_deref()),
                ("trust_level", q.trust_level.as_deref()),
                ("location", q.location.as_deref()),
            ],
        )
    });
    let ctx = context! {
        title => "Members", title_key => "title-members",
        members => members,
        groups => groups,
        form => minijinja::Value::from(minijinja::value::Serde(&q)),
        next_url => next_url,
        error => error,
        roles => ["guest", "member", "approver", "moderator", "admin", "owner"],
    };
    Ok(render_status(
        &state,
        &MaybeMember(Some(me.0)),
        status,
        "directory.html",
        ctx,
    )
    .await)
}

#[derive(serde::Deserialize, serde::Serialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    bio: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    links: String,
    hide_from_directory: Option<String>,
    hide_activity: Option<String>,
    #[serde(default)]
    language: String,
    #[serde(default)]
    time_zone: String,
    display_name: Option<String>,
}

/// The choices the profile form offers: languages and zones.
fn locale_choices() -> (Vec<minijinja::Value>, Vec<String>) {
    let languages = crate::i18n::LANGUAGES
        .iter()
        .map(|(code, name)| context! { code => *code, name => *name })
        .collect();
    (languages, hearth_core::events::zone_names())
}

/// The profile form's page, with its values and an error if any.
async fn profile_page(
    state: &AppState,
    me: &MaybeMember,
    status: axum::http::StatusCode,
    form: minijinja::Value,
    error: minijinja::Value,
) -> Response {
    let (languages, zones) = locale_choices();
    let ctx = context! {
        title => "Your profile", title_key => "title-your-profile",
        form => form,
        error => error,
        saved => false,
        languages => languages,
        zones => zones,
        avatar_url => me.0.as_ref().and_then(|m| m.avatar_upload_id).map(super::views::upload_url),
    };
    render_status(state, me, status, "profile_edit.html", ctx).await
}

/// The member's saved profile as the form's values.
async fn saved_profile(state: &AppState, me: &CurrentMember) -> PageResult<minijinja::Value> {
    let p = profiles::my_profile(&state.hearth, &me.actor()).await?;
    Ok(
        context! { bio => p.bio, location => p.location, links => p.links.join("\n"),
        hide_from_directory => p.hide_from_directory, hide_activity => p.hide_activity,
        language => p.language, time_zone => p.time_zone, display_name => p.display_name },
    )
}

async fn profile_form(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let form = saved_profile(&state, &me).await?;
    Ok(profile_page(
        &state,
        &MaybeMember(Some(me.0)),
        axum::http::StatusCode::OK,
        form,
        minijinja::Value::from(()),
    )
    .await)
}

async fn profile_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<ProfileForm>,
) -> PageResult<Response> {
    let input = profiles::ProfileInput {
        bio: &form.bio,
        location: &form.location,
        links: &form.links,
        hide_from_directory: form.hide_from_directory.is_some(),
        hide_activity: form.hide_activity.is_some(),
        language: &form.language,
        time_zone: &form.time_zone,
        display_name: form.display_name.as_deref(),
    };
    let me_view = MaybeMember(Some(me.0.clone()));
    match profiles::update_profile(&state.hearth, &me.actor(), &input).await {
        Ok(_) => Ok(axum::response::Redirect::to(&format!("/u/{}", me.0.handle)).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let (field, message) =
                super::auth::form_error(&e).unwrap_or_else(|| ("", super::said(&e)));
            let values = context! { bio => form.bio, location => form.location, links => form.links,
            hide_from_directory => form.hide_from_directory.is_some(), hide_activity => form.hide_activity.is_some(),
            language => form.language, time_zone => form.time_zone , display_name => form.display_name };
            Ok(profile_page(
                &state,
                &me_view,
                super::auth::status_of(&e),
                values,
                context! { field => field, message => message },
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /settings/avatar` (multipart, field `avatar`): the picture is checked, cropped
/// and resized by the service; a bad file is named on the profile form.
async fn avatar_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    mut multipart: axum::extract::Multipart,
) -> PageResult<Response> {
    let limit = state.config().limits.request_max_bytes;
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            ServiceError::from(hearth_core::Invalid::new(
                "avatar",
                hearth_core::message!("err-avatar-mb", max = limit / (1024 * 1024)),
            ))
        } else {
            ServiceError::from(hearth_core::Invalid::new(
                "avatar",
                hearth_core::message!("err-upload-unreadable", error = e.body_text()),
            ))
        }
    };
    let mut bytes = Vec::new();
    let mut result: Result<(), ServiceError> = Ok(());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("avatar") => match field.bytes().await {
                Ok(b) => bytes = b.to_vec(),
                Err(e) => {
                    result = Err(bad(e));
                    break;
                }
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                result = Err(bad(e));
                break;
            }
        }
    }
    let result = match result {
        Ok(()) => profiles::set_avatar(&state.hearth, &me.actor(), &bytes).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(axum::response::Redirect::to("/settings/profile").into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let form = saved_profile(&state, &me).await?;
            let (field, message) =
                super::auth::form_error(&e).unwrap_or_else(|| ("", super::said(&e)));
            Ok(profile_page(
                &state,
                &MaybeMember(Some(me.0)),
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                form,
                context! { field => field, message => message },
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

async fn avatar_delete(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    profiles::remove_avatar(&state.hearth, &me.actor()).await?;
    Ok(axum::response::Redirect::to("/settings/profile").into_response())
}

#[derive(serde::Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
    /// Where to go back to (a path on this site).
    #[serde(default)]
    next: String,
}

/// The footer's language switch: saves a member's language, or keeps a visitor's in a
/// cookie for a year, and goes back.
async fn language_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    headers: axum::http::HeaderMap,
    PageForm(form): PageForm<LanguageForm>,
) -> PageResult<Response> {
    let mut cookie = None;
    if me.0.is_some() {
        profiles::set_language(&state.hearth, &me.actor(), &form.language).await?;
    } else {
        let language = profiles::check_language("language", &form.language)?;
        let secure = if state.config().secure_cookies() {
            "; Secure"
        } else {
            ""
        };
        // An empty choice goes back to the community's language.
        let max_age = if language.is_empty() { 0 } else { 31_536_000 };
        cookie = axum::http::HeaderValue::from_str(&format!(
            "{}={language}; Path=/; SameSite=Lax; Max-Age={max_age}{secure}",
            super::LANGUAGE_COOKIE
        ))
        .ok();
    }
    // Back to the page the switch was on: `next`, else the Referer's path on this site.
    let referer = headers
        .get(axum::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_default();
    let wanted = if form.next.is_empty() {
        referer
    } else {
        form.next
    };
    let next = super::extract::same_origin_path(&wanted);
    let mut response = axum::response::Redirect::to(&next).into_response();
    if let Some(cookie) = cookie {
        response
            .headers_mut()
            .insert(axum::http::header::SET_COOKIE, cookie);
    }
    Ok(response)
}

async fn profile(
    State(state): State<AppState>,
    me: MaybeMember,
    Path(handle): Path<String>,
) -> PageResult<Response> {
    let actor = me.actor();
    let page = members::profile(&state.hearth, &actor, &handle).await?;
    let (member, about, shows_activity) = (page.member, page.about, page.shows_activity);
    let going: Vec<_> = page
        .going
        .iter()
        .map(|o| context! { title => o.event.title.clone(), url => super::views::topic_url(o.event.topic_id, &o.event.title), starts_at => super::views::rfc3339(o.starts_at) })
        .collect();
    let topics: Vec<_> = page
        .topics
        .iter()
        .map(|(space, l)| context! { space => SpaceView::from(space), topic => TopicView::listing(l, &space.slug) })
        .collect();
    let chips = state
        .store()
        .badge_chips(&[member.id])
        .await
        .map_err(crate::services::ServiceError::from)?
        .remove(&member.id)
        .unwrap_or_default();
    let badges: Vec<_> = chips
        .iter()
        .map(|c| context! { name => c.name.clone(), image_url => c.has_image.then(|| format!("/badges/{}/image", c.id)) })
        .collect();
    let ctx = context! {
        title => member.display_name.clone(),
        member => MemberView::new(&member, false),
        topics => topics,
        shows_activity => shows_activity,
        going => going,
        about => context! { bio => about.bio, location => about.location, links => about.links },
        is_me => actor.member_id() == Some(member.id),
        badges => badges,
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
    let found = members::mention_suggestions(&state.hearth, &me.actor(), &q.q).await?;
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
