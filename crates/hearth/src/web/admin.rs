//! The owner's pages: members, spaces (with access for private ones) and branding. Every
//! action is checked by the services; these pages only show and submit.

use super::error::{AppError, PageResult};
use super::extract::{CurrentMember, MaybeMember, PageForm};
use super::views::{CommunityView, MemberView, SpaceView};
use super::{render, render_status};
use crate::app::AppState;
use crate::services::{ServiceError, accounts, community, operations, spaces, topics};
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use hearth_core::values::{Role, TopicKind};
use minijinja::{Value, context};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/members") }))
        .route("/admin/members", get(members_page).post(add_member))
        .route("/admin/spaces", get(spaces_page).post(create_space))
        .route(
            "/admin/spaces/{slug}",
            get(edit_space_page).post(update_space),
        )
        .route("/admin/spaces/{slug}/icon", post(update_space_icon))
        .route("/admin/spaces/{slug}/archive", post(archive_space))
        .route("/admin/spaces/{slug}/restore", post(restore_space))
        .route("/admin/branding", get(branding_page).post(update_branding))
        .route("/admin/mail", get(mail_page))
        .route("/admin/mail/test", post(send_test_mail))
        .route("/admin/jobs", get(jobs_page))
        .route("/admin/jobs/{id}/retry", post(retry_job))
        .route("/admin/stream/{name}/reset", post(reset_consumer))
}

#[derive(Deserialize)]
pub struct MembersQuery {
    cursor: Option<String>,
}

async fn members_context(state: &AppState, cursor: Option<&str>) -> Result<Value, ServiceError> {
    let before = cursor
        .filter(|c| !c.is_empty())
        .map(topics::parse_topic_cursor)
        .transpose()?;
    let mut members = state.store().members_page(before, 51).await?;
    let next = if members.len() > 50 {
        members.truncate(50);
        members
            .last()
            .map(|m| topics::topic_cursor((m.created_at, m.id)))
    } else {
        None
    };
    let views: Vec<MemberView> = members.iter().map(|m| MemberView::new(m, true)).collect();
    let total = state.store().member_count().await?;
    Ok(
        context! { members => views, next_cursor => next, total => total, roles => ["guest", "member", "approver", "moderator", "admin"] },
    )
}

async fn members_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<MembersQuery>,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let ctx = members_context(&state, q.cursor.as_deref()).await?;
    let ctx = context! { title => "Members", title_key => "title-members", section => "members", form => context!{}, error => (), added => (), ..ctx };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/members.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Deserialize)]
pub struct AddMemberForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

async fn add_member(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<AddMemberForm>,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let role = Role::parse(if form.role.is_empty() {
        "member"
    } else {
        &form.role
    });
    let result = match role {
        Ok(role) => {
            let input = accounts::NewAccount {
                email: &form.email,
                handle: &form.handle,
                display_name: Some(&form.display_name),
                password: Some(form.password.as_str()).filter(|p| !p.is_empty()),
                role,
                invite: None,
                accept_guidelines: false,
                groups: &[],
            };
            accounts::add_member(&state.hearth, &me.actor(), &input).await
        }
        Err(e) => Err(e.into()),
    };
    let ctx = members_context(&state, None).await?;
    let me = MaybeMember(Some(me.0));
    match result {
        Ok(m) => {
            let ctx = context! { title => "Members", title_key => "title-members", section => "members", form => context!{}, error => (), added => m.handle, ..ctx };
            Ok(render(&state, &me, "admin/members.html", ctx)
                .await?
                .into_response())
        }
        Err(
            e @ (ServiceError::Invalid(_)
            | ServiceError::Conflict { .. }
            | ServiceError::Forbidden(_)),
        ) => {
            let app = AppError::from(e);
            let ctx = context! {
                title => "Members", title_key => "title-members", section => "members", added => (),
                form => context! { email => form.email, handle => form.handle, display_name => form.display_name, role => form.role },
                error => context! { field => app.field, message => super::said(app.said.clone()) },
                ..ctx
            };
            Ok(render_status(&state, &me, app.status, "admin/members.html", ctx).await)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct SpaceForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    access: String,
    /// Present when the form shows the kinds of topic (checkboxes send nothing when off).
    #[serde(default)]
    kinds_shown: String,
    #[serde(default)]
    kind_discussion: String,
    #[serde(default)]
    kind_question: String,
    #[serde(default)]
    kind_idea: String,
    #[serde(default)]
    kind_poll: String,
    #[serde(default)]
    kind_event: String,
}

impl SpaceForm {
    fn kinds(&self) -> Option<Vec<TopicKind>> {
        if self.kinds_shown.is_empty() {
            return None;
        }
        let mut kinds = Vec::new();
        if !self.kind_discussion.is_empty() {
            kinds.push(TopicKind::Discussion);
        }
        if !self.kind_question.is_empty() {
            kinds.push(TopicKind::Question);
        }
        if !self.kind_idea.is_empty() {
            kinds.push(TopicKind::Idea);
        }
        if !self.kind_poll.is_empty() {
            kinds.push(TopicKind::Poll);
        }
        if !self.kind_event.is_empty() {
            kinds.push(TopicKind::Event);
        }
        Some(kinds)
    }

    fn kind_names(&self) -> Vec<&'static str> {
        self.kinds()
            .unwrap_or_default()
            .iter()
            .map(|k| k.as_str())
            .collect()
    }
}

#[derive(Deserialize)]
pub struct WelcomeQuery {
    welcome: Option<String>,
}

async fn spaces_context(state: &AppState, me: &CurrentMember) -> Result<Value, ServiceError> {
    let spaces = spaces::visible_spaces(&state.hearth, &me.actor()).await?;
    let views: Vec<SpaceView> = spaces.iter().map(SpaceView::from).collect();
    Ok(context! { spaces => views, visibilities => ["public", "members", "private"] })
}

async fn spaces_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<WelcomeQuery>,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let ctx = spaces_context(&state, &me).await?;
    let ctx = context! { title => "Spaces", title_key => "title-spaces", section => "spaces", welcome => q.welcome.is_some(), form => context!{ visibility => "public" }, error => (), ..ctx };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/spaces.html", ctx)
            .await?
            .into_response(),
    )
}

async fn create_space(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<SpaceForm>,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let input = spaces::SpaceInput {
        name: &form.name,
        slug: &form.slug,
        description: &form.description,
        visibility: &form.visibility,
    };
    match spaces::create_space(&state.hearth, &me.actor(), &input, None).await {
        Ok(space) => Ok(Redirect::to(&format!("/s/{}", space.slug)).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict { .. })) => {
            let app = AppError::from(e);
            let ctx = spaces_context(&state, &me).await?;
            let ctx = context! {
                title => "Spaces", title_key => "title-spaces", section => "spaces", welcome => false,
                form => context! { name => form.name, slug => form.slug, description => form.description, visibility => form.visibility },
                error => context! { field => app.field, message => super::said(app.said.clone()) },
                ..ctx
            };
            Ok(render_status(
                &state,
                &MaybeMember(Some(me.0)),
                app.status,
                "admin/spaces.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_space_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let space = state
        .store()
        .space_by_slug(&slug)
        .await
        .map_err(ServiceError::from)?
        .ok_or(ServiceError::NotFound("err-not-found-space"))?;
    space_edit(&state, me, &space, None).await
}

/// The space's settings page as saved, with `error` (from the picture's form) shown.
async fn space_edit(
    state: &AppState,
    me: CurrentMember,
    space: &hearth_core::model::Space,
    error: Option<AppError>,
) -> PageResult<Response> {
    let access = spaces::grants_text(&state.hearth, space).await?;
    let view = SpaceView::from(space);
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.status);
    let error = match error {
        Some(app) => context! { field => app.field, message => super::said(app.said.clone()) },
        None => Value::from(()),
    };
    let ctx = context! {
        title => format!("Edit {}", space.name), section => "spaces",
        title_key => "title-edit-space", title_args => context! { space => space.name.clone() },
        form => context! { name => space.name.clone(), slug => space.slug.clone(), description => space.description.clone().unwrap_or_default(), visibility => space.visibility.as_str(), access => access, kinds => view.kinds.clone() },
        space => view,
        visibilities => ["public", "members", "private"],
        error => error,
    };
    Ok(render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/space_edit.html",
        ctx,
    )
    .await)
}

/// The picture form: a file in `icon`, or `remove_icon` ticked.
async fn update_space_icon(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let (mut icon, mut remove) = (None::<Vec<u8>>, false);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&state, e))?
    {
        match field.name().unwrap_or_default() {
            "icon" => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| multipart_error(&state, e))?;
                icon = Some(bytes.to_vec());
            }
            "remove_icon" => remove = true,
            _ => {}
        }
    }
    let bytes = if remove {
        None
    } else {
        Some(icon.unwrap_or_default())
    };
    match spaces::set_icon(&state.hearth, &me.actor(), &slug, bytes.as_deref()).await {
        Ok(space) => Ok(Redirect::to(&format!("/admin/spaces/{}", space.slug)).into_response()),
        Err(e @ ServiceError::Invalid(_)) => {
            let space = state
                .store()
                .space_by_slug(&slug)
                .await
                .map_err(ServiceError::from)?
                .ok_or(ServiceError::NotFound("err-not-found-space"))?;
            space_edit(&state, me, &space, Some(AppError::from(e))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A multipart body that cannot be read: too large (413) or malformed (400).
pub(super) fn multipart_error(
    state: &AppState,
    e: axum::extract::multipart::MultipartError,
) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::too_large(state.config().limits.request_max_bytes)
    } else {
        AppError::bad_request(hearth_core::message!(
            "err-form-unreadable",
            error = e.body_text()
        ))
    }
}

async fn update_space(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
    PageForm(form): PageForm<SpaceForm>,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let actor = me.actor();
    let input = spaces::SpaceInput {
        name: &form.name,
        slug: &form.slug,
        description: &form.description,
        visibility: &form.visibility,
    };
    let kinds = form.kinds();
    let result = spaces::update_space_settings(
        &state.hearth,
        &actor,
        &slug,
        &input,
        &form.access,
        kinds.as_deref(),
    )
    .await;
    match result {
        Ok(space) => Ok(Redirect::to(&format!("/admin/spaces/{}", space.slug)).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict { .. })) => {
            let app = AppError::from(e);
            let space = state
                .store()
                .space_by_slug(&slug)
                .await
                .map_err(ServiceError::from)?;
            let space = match space {
                Some(s) => s,
                None => state
                    .store()
                    .space_by_slug(&form.slug)
                    .await
                    .map_err(ServiceError::from)?
                    .ok_or(ServiceError::NotFound("err-not-found-space"))?,
            };
            let kind_names = form.kind_names();
            let ctx = context! {
                title => format!("Edit {}", space.name), section => "spaces",
                title_key => "title-edit-space", title_args => context! { space => space.name.clone() },
                space => SpaceView::from(&space),
                form => context! { name => form.name, slug => form.slug, description => form.description, visibility => form.visibility, kinds => kind_names, access => form.access },
                visibilities => ["public", "members", "private"],
                error => context! { field => app.field, message => super::said(app.said.clone()) },
            };
            Ok(render_status(
                &state,
                &MaybeMember(Some(me.0)),
                app.status,
                "admin/space_edit.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

async fn archive_space(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    spaces::set_archived(&state.hearth, &me.actor(), &slug, true).await?;
    Ok(Redirect::to(&format!("/admin/spaces/{slug}")).into_response())
}

async fn restore_space(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    spaces::set_archived(&state.hearth, &me.actor(), &slug, false).await?;
    Ok(Redirect::to(&format!("/admin/spaces/{slug}")).into_response())
}

async fn branding_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let c = state
        .store()
        .community()
        .await
        .map_err(ServiceError::from)?
        .ok_or(ServiceError::State("err-not-set-up-short"))?;
    let ctx = context! { title => "Branding", title_key => "title-branding", section => "branding", form => CommunityView::from(&c), error => (), saved => false, zones => hearth_core::events::zone_names() };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/branding.html", ctx)
            .await?
            .into_response(),
    )
}

async fn update_branding(
    State(state): State<AppState>,
    me: CurrentMember,
    mut multipart: Multipart,
) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    let (mut name, mut tagline, mut accent, mut remove_logo) =
        (String::new(), String::new(), String::new(), false);
    let (mut language, mut time_zone) = (String::new(), String::new());
    let mut logo: Option<(String, Vec<u8>)> = None;
    let bad = |e| multipart_error(&state, e);
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let field_name = field.name().unwrap_or_default().to_string();
        match field_name.as_str() {
            "logo" => {
                let content_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_string();
                let bytes = field.bytes().await.map_err(bad)?;
                logo = Some((content_type, bytes.to_vec()));
            }
            other => {
                let text = field.text().await.map_err(bad)?;
                match other {
                    "name" => name = text,
                    "tagline" => tagline = text,
                    "accent_color" => accent = text,
                    "remove_logo" => remove_logo = !text.is_empty(),
                    "default_language" => language = text,
                    "default_time_zone" => time_zone = text,
                    _ => {}
                }
            }
        }
    }
    let logo_ref = logo.as_ref().map(|(t, b)| community::Logo {
        content_type: t,
        bytes: b,
    });
    let me_view = MaybeMember(Some(me.0.clone()));
    // A form without the language fields (an older client) leaves them as they are.
    let locale_given = !language.is_empty() || !time_zone.is_empty();
    let checked = if locale_given {
        community::check_locale(&language, &time_zone).map(|_| ())
    } else {
        Ok(())
    };
    let saved = match checked {
        Err(e) => Err(e),
        Ok(_) => match community::update_branding(
            &state.hearth,
            &me.actor(),
            &name,
            &tagline,
            &accent,
            logo_ref,
            remove_logo,
        )
        .await
        {
            Ok(_) => {
                if locale_given {
                    community::set_locale(&state.hearth, &me.actor(), &language, &time_zone)
                        .await?;
                }
                // The page shows what was saved, not the copy cached before the save.
                state.forget_community();
                state
                    .community()
                    .await
                    .map_err(ServiceError::from)?
                    .ok_or(ServiceError::State("err-not-set-up"))
            }
            Err(e) => Err(e),
        },
    };
    match saved {
        Ok(c) => {
            let ctx = context! { title => "Branding", title_key => "title-branding", section => "branding", form => CommunityView::from(&c), error => (), saved => true, zones => hearth_core::events::zone_names() };
            Ok(render(&state, &me_view, "admin/branding.html", ctx)
                .await?
                .into_response())
        }
        Err(ServiceError::Invalid(inv)) => {
            let ctx = context! {
                title => "Branding", title_key => "title-branding", section => "branding", saved => false, zones => hearth_core::events::zone_names(),
                form => context! { name => name, tagline => tagline, accent_color => accent, logo_url => (), default_language => language, default_time_zone => time_zone },
                error => context! { field => inv.field, message => super::said(inv.message.clone()) },
            };
            Ok(render_status(
                &state,
                &me_view,
                StatusCode::UNPROCESSABLE_ENTITY,
                "admin/branding.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Serialize)]
struct FailedJobView {
    id: i64,
    kind: String,
    attempts: i64,
    last_error: Option<String>,
    failed_at: String,
}

/// The job queue at a glance, the dead-letter list with a retry button, and the activity
/// stream's consumers with their lag and a reset button.
async fn jobs_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let o = operations::overview(&state.hearth, &me.actor()).await?;
    let (waiting, done, failed) = o.counts;
    let jobs: Vec<FailedJobView> = o
        .failed
        .into_iter()
        .map(|j| FailedJobView {
            id: j.id,
            kind: j.kind,
            attempts: j.attempts,
            last_error: j.last_error,
            failed_at: super::views::rfc3339(j.failed_at),
        })
        .collect();
    let consumers: Vec<ConsumerView> = o
        .consumers
        .into_iter()
        .map(|c| ConsumerView {
            at_least: c.behind >= hearth_store::stream::LAG_COUNT_CAP,
            name: c.name,
            cursor_id: c.cursor_id,
            handled: c.handled,
            behind: c.behind,
            updated_at: super::views::rfc3339(c.updated_at),
        })
        .collect();
    let jobs = minijinja::Value::from(minijinja::value::Serde(jobs));
    let consumers = minijinja::Value::from(minijinja::value::Serde(consumers));
    let ctx = context! { title => "Jobs", title_key => "title-jobs", section => "jobs", waiting => waiting, done => done, failed => failed, jobs => jobs, consumers => consumers };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/jobs.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(serde::Serialize)]
struct ConsumerView {
    name: String,
    cursor_id: i64,
    handled: i64,
    behind: i64,
    at_least: bool,
    updated_at: String,
}

async fn retry_job(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id: i64 = id
        .parse()
        .map_err(|_| ServiceError::NotFound("err-not-found-job"))?;
    operations::retry_job(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to("/admin/jobs").into_response())
}

async fn reset_consumer(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(name): Path<String>,
) -> PageResult<Response> {
    operations::reset_consumer(&state.hearth, &me.actor(), &name).await?;
    Ok(Redirect::to("/admin/jobs").into_response())
}

#[derive(serde::Serialize)]
struct DeliveryView {
    key: String,
    subject: String,
    state: String,
    created_at: String,
}

async fn mail_response(
    state: &AppState,
    me: CurrentMember,
    status: StatusCode,
    done: Option<Value>,
    error: Option<Value>,
) -> PageResult<Response> {
    let deliveries: Vec<DeliveryView> = state
        .store()
        .recent_deliveries(50)
        .await
        .map_err(ServiceError::from)?
        .into_iter()
        .map(|d| DeliveryView {
            key: d.dedupe_key,
            subject: d.subject,
            state: d.state,
            created_at: super::views::rfc3339(d.created_at),
        })
        .collect();
    let config = state.config();
    let ctx = context! {
        title => "Mail", title_key => "title-mail", section => "mail", done => done, error => error,
        mail_enabled => state.hearth.mailer.is_some(),
        smtp_url => crate::config::redact_url(&config.smtp_url),
        mail_from => config.mail_from.clone(),
        public_url => config.public_url.clone(),
        deliveries => Value::from(minijinja::value::Serde(deliveries)),
    };
    Ok(render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/mail.html",
        ctx,
    )
    .await)
}

async fn mail_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    mail_response(&state, me, StatusCode::OK, None, None).await
}

/// "Send me a test email": one SMTP conversation now; the page shows the server's answer.
async fn send_test_mail(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    crate::services::admin_only(&me.actor())?;
    match crate::services::email::send_test(&state.hearth, &me.actor()).await {
        Ok(done) => mail_response(&state, me, StatusCode::OK, Some(super::said(done)), None).await,
        Err(e @ (ServiceError::Invalid(_) | ServiceError::State(_))) => {
            let status = super::error::classify(&e).0;
            let message = match &e {
                ServiceError::Invalid(inv) => super::said(inv.message.clone()),
                other => super::said(other),
            };
            mail_response(&state, me, status, None, Some(message)).await
        }
        Err(e) => Err(e.into()),
    }
}
