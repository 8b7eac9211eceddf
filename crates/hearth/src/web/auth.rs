//! Setup, sign-up, sign-in and sign-out pages.

use super::error::PageResult;
use super::extract::{ClientAddr, MaybeMember, PageForm, session_cookie_name, session_secret};
use super::{render, render_status};
use crate::app::AppState;
use crate::services::{ServiceError, accounts};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use hearth_core::values::Role;
use minijinja::context;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup", get(setup_page).post(setup_submit))
        .route("/login", get(login_page).post(login_submit))
        .route("/signup", get(signup_page).post(signup_submit))
        .route("/join", get(signup_page))
        .route("/logout", post(logout))
}

/// Only local paths may be redirected to after signing in.
fn safe_next(next: Option<&str>) -> String {
    super::extract::same_origin_path(next.unwrap_or("/"))
}

fn session_cookie(state: &AppState, secret: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config().secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        session_cookie_name(state.config())
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

async fn signed_in_redirect(state: &AppState, member_id: i64, next: &str) -> PageResult<Response> {
    let secret = accounts::start_session(&state.hearth, member_id).await?;
    let mut response = Redirect::to(next).into_response();
    response.headers_mut().insert(
        SET_COOKIE,
        session_cookie(state, &secret, accounts::SESSION_DAYS * 86_400),
    );
    Ok(response)
}

/// Field error for a form: (field, message), shown next to the field.
pub(super) fn form_error(e: &ServiceError) -> Option<(&'static str, minijinja::Value)> {
    match e {
        ServiceError::Invalid(inv) => Some((inv.field, super::said(inv.message.clone()))),
        ServiceError::Conflict { field } => Some((field, super::said("err-taken"))),
        _ => None,
    }
}

pub(super) fn status_of(e: &ServiceError) -> StatusCode {
    super::error::classify(e).0
}

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    community_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    password: String,
}

async fn setup_page(State(state): State<AppState>, me: MaybeMember) -> PageResult<Response> {
    if state.is_set_up().await {
        return Ok(Redirect::to("/").into_response());
    }
    Ok(render(
        &state,
        &me,
        "setup.html",
        context! { title => "Set up your community", title_key => "title-setup", form => context!{}, error => () },
    )
    .await?
    .into_response())
}

async fn setup_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    PageForm(form): PageForm<SetupForm>,
) -> PageResult<Response> {
    if state.is_set_up().await {
        return Ok(Redirect::to("/").into_response());
    }
    let input = accounts::SetupInput {
        community_name: &form.community_name,
        email: &form.email,
        handle: &form.handle,
        password: &form.password,
    };
    match accounts::setup(&state.hearth, &input).await {
        Ok(owner) => {
            let _ = state.is_set_up().await;
            signed_in_redirect(&state, owner.id, "/admin/spaces?welcome=1").await
        }
        Err(e) if form_error(&e).is_some() => {
            let (field, message) = form_error(&e).unwrap_or_default();
            let ctx = context! {
                title => "Set up your community", title_key => "title-setup",
                form => context! { community_name => form.community_name, email => form.email, handle => form.handle },
                error => context! { field => field, message => message },
            };
            Ok(render_status(
                &state,
                &me,
                StatusCode::UNPROCESSABLE_ENTITY,
                "setup.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct JoinQuery {
    next: Option<String>,
    invite: Option<String>,
}

/// What the join page shows: the join mode (a sign-up form, an application form with the
/// owner's questions, or "invite only"), the state of an invite link, and whether there
/// are guidelines to accept.
pub(super) async fn signup_context(
    state: &AppState,
    invite: Option<&str>,
    next: &str,
) -> Result<minijinja::Value, ServiceError> {
    let c = state
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up-yet"))?;
    let open = state.config().signup == crate::config::Signup::Open;
    let invite = invite.map(str::trim).filter(|i| !i.is_empty());
    let invite_state = match invite {
        None => "none",
        Some(token) => match crate::services::membership::usable_invite(&state.hearth, token).await
        {
            Ok(_) => "ok",
            Err(ServiceError::NotFound(_)) => "unknown",
            Err(ServiceError::State(_)) => "spent",
            Err(e) => return Err(e),
        },
    };
    Ok(context! {
        title => "Join", title_key => "title-join", next => next, open => open,
        join_mode => c.join_mode.as_str(),
        questions => c.join_questions,
        has_guidelines => c.guidelines_version > 0,
        invite => invite.unwrap_or(""),
        invite_state => invite_state,
        form => context!{}, error => (),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn login_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<NextQuery>,
) -> PageResult<Response> {
    let next = safe_next(q.next.as_deref());
    if me.0.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let signup_open = state.config().signup == crate::config::Signup::Open;
    Ok(render(&state, &me, "login.html", context! { title => "Sign in", title_key => "title-sign-in", next => next, email => "", error => (), signup_open => signup_open })
        .await?
        .into_response())
}

async fn login_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<LoginForm>,
) -> PageResult<Response> {
    let next = safe_next(form.next.as_deref());
    match accounts::sign_in(&state.hearth, &form.email, &form.password, &client).await {
        Ok(member) => signed_in_redirect(&state, member.id, &next).await,
        Err(
            e @ (ServiceError::BadCredentials
            | ServiceError::RateLimited
            | ServiceError::Restricted(_)),
        ) => {
            let signup_open = state.config().signup == crate::config::Signup::Open;
            let ctx = context! { title => "Sign in", title_key => "title-sign-in", next => next, email => form.email, error => super::said(&e), signup_open => signup_open };
            Ok(render_status(&state, &me, status_of(&e), "login.html", ctx).await)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    /// The invite link's secret, carried from `/join?invite=`.
    #[serde(default)]
    invite: String,
    accept_guidelines: Option<String>,
    next: Option<String>,
}

async fn signup_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<JoinQuery>,
) -> PageResult<Response> {
    let next = safe_next(q.next.as_deref());
    if me.0.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let ctx = signup_context(&state, q.invite.as_deref(), &next).await?;
    Ok(render(&state, &me, "signup.html", ctx)
        .await?
        .into_response())
}

async fn signup_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<SignupForm>,
) -> PageResult<Response> {
    let next = safe_next(form.next.as_deref());
    let input = accounts::NewAccount {
        email: &form.email,
        handle: &form.handle,
        display_name: Some(&form.display_name),
        password: Some(&form.password),
        role: Role::Member,
        invite: Some(form.invite.as_str()).filter(|i| !i.is_empty()),
        accept_guidelines: form.accept_guidelines.is_some(),
        groups: &[],
    };
    match accounts::sign_up(&state.hearth, &input, &client).await {
        Ok(member) if accounts::awaiting_confirmation(&state.hearth, &member).await? => {
            let ctx = context! {
                title => "Check your mail", title_key => "notice-check-mail-heading",
                heading_key => "notice-check-mail-heading",
                message_key => "notice-check-mail-message", message_email => member.email.clone(),
                error => (), action => (), link => context! { url => "/login", label_key => "notice-link-sign-in" },
            };
            Ok(render(&state, &me, "notice.html", ctx)
                .await?
                .into_response())
        }
        Ok(member) => signed_in_redirect(&state, member.id, &next).await,
        Err(e) => {
            let (field, message) = form_error(&e).unwrap_or_else(|| ("", super::said(&e)));
            if matches!(e, ServiceError::Internal(_)) {
                return Err(e.into());
            }
            let ctx = signup_context(&state, Some(form.invite.as_str()), &next).await?;
            let ctx = context! {
                form => context! { email => form.email, handle => form.handle, display_name => form.display_name },
                error => context! { field => field, message => message },
                ..ctx
            };
            Ok(render_status(&state, &me, status_of(&e), "signup.html", ctx).await)
        }
    }
}

async fn logout(State(state): State<AppState>, parts: Parts) -> PageResult<Response> {
    if let Some(secret) = session_secret(&parts, state.config()) {
        accounts::end_session(&state.hearth, &secret).await?;
    }
    let mut response = Redirect::to("/").into_response();
    response
        .headers_mut()
        .insert(SET_COOKIE, session_cookie(&state, "", 0));
    Ok(response)
}
