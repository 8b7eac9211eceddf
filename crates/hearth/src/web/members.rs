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
use crate::services::{ServiceError, forum, profiles};
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
                Some(e.to_string()),
                super::auth::status_of(&e),
            ),
            Err(e) => return Err(e.into()),
        };
    let members: Vec<_> = entries
        .iter()
        .map(|e| {
            context! {
                id => e.author.id, handle => e.author.handle.clone(), display_name => e.author.display_name.clone(),
                role => e.role.as_str(), trust_level => e.trust_level, location => e.location.clone(),
                bio => hearth_core::markdown::excerpt(&e.bio, 140), joined_at => super::views::rfc3339(e.joined_at),
            }
        })
        .collect();
    // Group filters only for those who manage groups (groups open private spaces).
    let groups: Vec<_> = if hearth_core::access::can_manage_groups(&actor) {
        state
            .store()
            .groups()
            .await
            .map_err(ServiceError::from)?
            .iter()
            .map(|g| context! { slug => g.slug.clone(), name => g.name.clone() })
            .collect()
    } else {
        Vec::new()
    };
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
        title => "Members",
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
}

async fn profile_form(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let p = profiles::my_profile(&state.hearth, &me.actor()).await?;
    let ctx = context! {
        title => "Your profile",
        form => context! { bio => p.bio, location => p.location, links => p.links.join("\n"),
                           hide_from_directory => p.hide_from_directory, hide_activity => p.hide_activity },
        error => (), saved => false,
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "profile_edit.html", ctx)
            .await?
            .into_response(),
    )
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
    };
    let me_view = MaybeMember(Some(me.0.clone()));
    match profiles::update_profile(&state.hearth, &me.actor(), &input).await {
        Ok(_) => Ok(axum::response::Redirect::to(&format!("/u/{}", me.0.handle)).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let (field, message) = super::auth::form_error(&e).unwrap_or(("", e.to_string()));
            let ctx = context! {
                title => "Your profile",
                form => context! { bio => form.bio, location => form.location, links => form.links,
                                   hide_from_directory => form.hide_from_directory.is_some(), hide_activity => form.hide_activity.is_some() },
                error => context! { field => field, message => message }, saved => false,
            };
            Ok(render_status(
                &state,
                &me_view,
                super::auth::status_of(&e),
                "profile_edit.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

async fn profile(
    State(state): State<AppState>,
    me: MaybeMember,
    Path(handle): Path<String>,
) -> PageResult<Response> {
    let actor = me.actor();
    let (member, topics) = forum::profile(&state.hearth, &actor, &handle).await?;
    let about = state
        .store()
        .profile(member.id)
        .await
        .map_err(ServiceError::from)?;
    // A member who hides their activity shows it only to themselves and staff.
    let shows_activity =
        !about.hide_activity || actor.is_staff() || actor.member_id() == Some(member.id);
    let topics: Vec<_> = if shows_activity {
        topics.iter().map(|(space, l)| context! { space => SpaceView::from(space), topic => TopicView::listing(l, &space.slug) }).collect()
    } else {
        Vec::new()
    };
    let ctx = context! {
        title => member.display_name.clone(),
        member => MemberView::new(&member, false),
        topics => topics,
        shows_activity => shows_activity,
        about => context! { bio => about.bio, location => about.location, links => about.links },
        is_me => actor.member_id() == Some(member.id),
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
