//! A member's own account pages: settings (mail preferences, change of address), the
//! links mail carries (confirm an address, change it, reset a password), and one-click
//! unsubscribe. Links only show a page; a button on it makes the change, so a mail
//! scanner that fetches links changes nothing.

use super::error::PageResult;
use super::extract::{ClientAddr, CurrentMember, MaybeMember, PageForm, SessionCookie};
use super::{render, render_status};
use crate::app::AppState;
use crate::services::{ServiceError, accounts, email};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use minijinja::{Value, context};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings_page))
        .route("/api/v1/me", get(me))
        .route(
            "/settings/notifications",
            axum::routing::post(save_preferences),
        )
        .route("/settings/email", axum::routing::post(change_email_request))
        .route("/settings/password", axum::routing::post(change_password))
        .route("/settings/delete", axum::routing::post(delete_account))
        .route("/settings/tokens", axum::routing::post(create_token))
        .route(
            "/settings/tokens/{id}/revoke",
            axum::routing::post(revoke_token),
        )
        .route(
            "/settings/confirm",
            axum::routing::post(resend_confirmation),
        )
        .route("/confirm-email", get(confirm_page).post(confirm_submit))
        .route("/change-email", get(change_page).post(change_submit))
        .route("/forgot-password", get(forgot_page).post(forgot_submit))
        .route("/reset-password", get(reset_page).post(reset_submit))
        .route(
            "/unsubscribe",
            get(unsubscribe_page).post(unsubscribe_submit),
        )
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

fn done_message(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "prefs" => Some("done-prefs-saved"),
        "email" => Some("done-email-link-sent"),
        "confirm" => Some("done-confirm-resent"),
        "privacy" => Some("done-privacy-saved"),
        "password" => Some("done-password-changed"),
        "token-revoked" => Some("done-token-revoked"),
        _ => None,
    }
}

async fn settings_response(
    state: &AppState,
    me: CurrentMember,
    status: StatusCode,
    extra: Value,
) -> PageResult<Response> {
    let prefs = email::preferences(&state.hearth, &me.actor()).await?;
    let tokens: Vec<Value> = accounts::tokens(&state.hearth, &me.actor(), me.0.id)
        .await?
        .iter()
        .map(super::views::token_view)
        .collect();
    // What only some answers carry: a form's error, a token shown once.
    let extra = context! { ..extra, ..context! { password_error => (), token_error => (), new_token => (), delete_error => () } };
    let ctx = context! {
        title => "Settings", title_key => "title-settings",
        tokens => tokens,
        prefs => Value::from(minijinja::value::Serde(prefs)),
        frequencies => Value::from(minijinja::value::Serde(email::frequency_options())),
        mail_enabled => state.hearth.mailer.is_some(),
        can_delete_account => hearth_core::access::can_delete_own_account(&me.actor()),
        confirmed => me.0.email_confirmed_at.is_some(),
        analytics_opt_out => state.store().person(me.0.id).await.map_err(crate::services::ServiceError::from)?.is_some_and(|p| p.analytics_opt_out),
        ..extra
    };
    Ok(render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "settings.html",
        ctx,
    )
    .await)
}

async fn settings_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<DoneQuery>,
) -> PageResult<Response> {
    let extra = context! { done => done_message(q.done.as_deref()).map(super::said), prefs_error => (), email_error => (), new_email => "" };
    settings_response(&state, me, StatusCode::OK, extra).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// The member changes their password (the current one required); their other sessions
/// and every API token end.
async fn change_password(
    State(state): State<AppState>,
    me: CurrentMember,
    SessionCookie(session): SessionCookie,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<PasswordForm>,
) -> PageResult<Response> {
    match accounts::change_password(
        &state.hearth,
        &me.actor(),
        &form.current_password,
        &form.new_password,
        session.as_deref(),
        &client,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/settings?done=password").into_response()),
        Err(e) => match field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let extra = context! { done => (), prefs_error => (), email_error => (), new_email => "", password_error => err };
                settings_response(&state, me, status, extra).await
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
    /// The "I understand" checkbox.
    #[serde(default)]
    confirm: String,
}

/// Deletes the member's own account, then says so on a page of its own (signed out).
async fn delete_account(
    State(state): State<AppState>,
    me: CurrentMember,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<DeleteForm>,
) -> PageResult<Response> {
    match accounts::delete_own_account(
        &state.hearth,
        &me.actor(),
        &form.password,
        !form.confirm.is_empty(),
        &client,
    )
    .await
    {
        Ok(()) => Ok(notice(
            &state,
            &MaybeMember(None),
            StatusCode::OK,
            "account-deleted-heading",
            ("account-deleted-text", context! {}),
            None,
            Some(("/", "account-deleted-home")),
        )
        .await),
        Err(e) => match field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let extra = context! { done => (), prefs_error => (), email_error => (), new_email => "", password_error => (), delete_error => err };
                settings_response(&state, me, status, extra).await
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    password: String,
    /// One box per scope (`scope_read=on`, ...); none ticked for the member's full rights.
    #[serde(default)]
    scope_read: Option<String>,
    #[serde(default)]
    scope_write: Option<String>,
    #[serde(default)]
    scope_moderate: Option<String>,
    #[serde(default)]
    scope_admin: Option<String>,
    #[serde(default)]
    scope_ingest: Option<String>,
}

impl TokenForm {
    /// The scopes ticked, by name.
    fn scopes(&self) -> Vec<&'static str> {
        [
            (&self.scope_read, "read"),
            (&self.scope_write, "write"),
            (&self.scope_moderate, "moderate"),
            (&self.scope_admin, "admin"),
            (&self.scope_ingest, "ingest"),
        ]
        .into_iter()
        .filter(|(ticked, _)| ticked.is_some())
        .map(|(_, name)| name)
        .collect()
    }
}

/// Creates an API token for the member (their password required); the page shows it once.
async fn create_token(
    State(state): State<AppState>,
    me: CurrentMember,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<TokenForm>,
) -> PageResult<Response> {
    let scopes = form.scopes();
    let made = accounts::create_my_token(
        &state.hearth,
        &me.actor(),
        &accounts::MyToken {
            name: &form.name,
            days: &form.days,
            scopes: &scopes,
            password: &form.password,
        },
        &client,
    )
    .await;
    match made {
        Ok(token) => {
            let extra = context! { done => (), prefs_error => (), email_error => (), new_email => "", new_token => token };
            settings_response(&state, me, StatusCode::CREATED, extra).await
        }
        Err(e) => match field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let extra = context! { done => (), prefs_error => (), email_error => (), new_email => "", token_error => err };
                settings_response(&state, me, status, extra).await
            }
            None => Err(e.into()),
        },
    }
}

/// Revokes one of the member's own tokens.
async fn revoke_token(
    State(state): State<AppState>,
    me: CurrentMember,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> PageResult<Response> {
    let id = super::extract::path_id(&id, "token")?;
    accounts::revoke_token(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to("/settings?done=token-revoked").into_response())
}

pub(super) fn field_error(e: &ServiceError) -> Option<Value> {
    match e {
        ServiceError::Invalid(inv) => {
            Some(context! { field => inv.field, message => super::said(inv.message.clone()) })
        }
        ServiceError::Conflict { field } => {
            Some(context! { field => *field, message => "is already used by another member" })
        }
        ServiceError::State(m) | ServiceError::Forbidden(m) => {
            Some(context! { field => "", message => *m })
        }
        ServiceError::RateLimited | ServiceError::Refused(_) => {
            Some(context! { field => "", message => super::said(e) })
        }
        _ => None,
    }
}

async fn save_preferences(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let pairs: Vec<(String, String)> = form.into_iter().collect();
    match email::set_preferences(&state.hearth, &me.actor(), &pairs).await {
        Ok(()) => Ok(Redirect::to("/settings?done=prefs").into_response()),
        Err(e) => match field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let extra =
                    context! { done => (), prefs_error => err, email_error => (), new_email => "" };
                settings_response(&state, me, status, extra).await
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Deserialize)]
pub struct EmailChangeForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn change_email_request(
    State(state): State<AppState>,
    me: CurrentMember,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<EmailChangeForm>,
) -> PageResult<Response> {
    let result = accounts::request_email_change(
        &state.hearth,
        &me.actor(),
        &form.email,
        &form.password,
        &client,
    )
    .await;
    match result {
        Ok(()) => Ok(Redirect::to("/settings?done=email").into_response()),
        Err(e) => match field_error(&e) {
            Some(err) => {
                let status = super::error::classify(&e).0;
                let extra = context! { done => (), prefs_error => (), email_error => err, new_email => form.email };
                settings_response(&state, me, status, extra).await
            }
            None => Err(e.into()),
        },
    }
}

async fn resend_confirmation(
    State(state): State<AppState>,
    me: CurrentMember,
) -> PageResult<Response> {
    accounts::resend_confirmation(&state.hearth, &me.actor()).await?;
    Ok(Redirect::to("/settings?done=confirm").into_response())
}

/// A page with a heading, a message, and optionally one button or one link, all named by
/// Fluent key (`locales/*/notices.ftl`). The message comes with its arguments
/// (`message_email`, `message_what`, `message_scope`; an empty context when it has none).
async fn notice(
    state: &AppState,
    me: &MaybeMember,
    status: StatusCode,
    heading_key: &str,
    (message_key, data): (&str, Value),
    action: Option<(&str, &str)>,
    link: Option<(&str, &str)>,
) -> Response {
    let ctx = context! {
        title => "", title_key => heading_key,
        heading_key => heading_key, message_key => message_key, error => (),
        action => action.map(|(url, label_key)| context! { url => url, label_key => label_key }),
        link => link.map(|(url, label_key)| context! { url => url, label_key => label_key }),
        ..data
    };
    render_status(state, me, status, "notice.html", ctx).await
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// Tokens are 64 hex characters; anything else is refused before the database is asked.
fn well_formed(token: &str) -> Result<&str, ServiceError> {
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(token)
    } else {
        Err(ServiceError::Invalid(hearth_core::Invalid::new(
            "token",
            "err-link-incomplete",
        )))
    }
}

async fn confirm_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> PageResult<Response> {
    let token = well_formed(&q.token)?;
    let url = format!("/confirm-email?token={token}");
    Ok(notice(
        &state,
        &me,
        StatusCode::OK,
        "notice-confirm-heading",
        ("notice-confirm-message", context! {}),
        Some((&url, "notice-confirm-action")),
        None,
    )
    .await)
}

async fn confirm_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> PageResult<Response> {
    let token = well_formed(&q.token)?;
    let member = accounts::confirm_email(&state.hearth, token).await?;
    Ok(notice(
        &state,
        &me,
        StatusCode::OK,
        "notice-confirmed-heading",
        (
            "notice-confirmed-message",
            context! { message_email => member.email.clone() },
        ),
        None,
        Some(("/", "notice-link-go-to-community")),
    )
    .await)
}

async fn change_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> PageResult<Response> {
    let token = well_formed(&q.token)?;
    let url = format!("/change-email?token={token}");
    Ok(notice(
        &state,
        &me,
        StatusCode::OK,
        "notice-change-heading",
        ("notice-change-message", context! {}),
        Some((&url, "notice-change-action")),
        None,
    )
    .await)
}

async fn change_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    SessionCookie(session): SessionCookie,
    Query(q): Query<TokenQuery>,
) -> PageResult<Response> {
    let token = well_formed(&q.token)?;
    let member = accounts::change_email(&state.hearth, token, session.as_deref()).await?;
    Ok(notice(
        &state,
        &me,
        StatusCode::OK,
        "notice-changed-heading",
        (
            "notice-changed-message",
            context! { message_email => member.email.clone() },
        ),
        None,
        Some(("/settings", "notice-link-back-to-settings")),
    )
    .await)
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn forgot_page(State(state): State<AppState>, me: MaybeMember) -> PageResult<Response> {
    let ctx = context! { title => "Forgot your password?", title_key => "title-forgot-password", sent => false, email => "", error => () };
    Ok(render(&state, &me, "forgot_password.html", ctx)
        .await?
        .into_response())
}

async fn forgot_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<ForgotForm>,
) -> PageResult<Response> {
    let result = accounts::request_password_reset(&state.hearth, &form.email, &client).await;
    let (status, sent, error) = match result {
        Ok(()) => (StatusCode::OK, true, None),
        Err(e) => match field_error(&e) {
            Some(err) => (super::error::classify(&e).0, false, Some(err)),
            None => return Err(e.into()),
        },
    };
    let ctx = context! { title => "Forgot your password?", title_key => "title-forgot-password", sent => sent, email => form.email, error => error };
    Ok(render_status(&state, &me, status, "forgot_password.html", ctx).await)
}

async fn reset_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> PageResult<Response> {
    let token = well_formed(&q.token)?;
    if !accounts::reset_link_valid(&state.hearth, token).await? {
        return Ok(notice(
            &state,
            &me,
            StatusCode::GONE,
            "notice-reset-expired-heading",
            ("notice-reset-expired-message", context! {}),
            None,
            Some(("/forgot-password", "notice-reset-expired-link")),
        )
        .await);
    }
    let ctx = context! { title => "Choose a new password", title_key => "title-reset-password", token => token, error => () };
    Ok(render(&state, &me, "reset_password.html", ctx)
        .await?
        .into_response())
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

async fn reset_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    ClientAddr(client): ClientAddr,
    PageForm(form): PageForm<ResetForm>,
) -> PageResult<Response> {
    let token = well_formed(&form.token)?;
    match accounts::reset_password(&state.hearth, token, &form.password, &client).await {
        Ok(_) => {
            let ctx = context! {
                title => "Sign in", title_key => "title-sign-in", next => "/", email => "", error => (),
                notice => "Your password is changed. Sign in with it now.",
                signup_open => state.config().signup == crate::config::Signup::Open,
            };
            Ok(render(&state, &MaybeMember(None), "login.html", ctx)
                .await?
                .into_response())
        }
        Err(ServiceError::Invalid(inv)) => {
            let ctx = context! { title => "Choose a new password", title_key => "title-reset-password", token => token, error => context! { field => inv.field, message => super::said(inv.message.clone()) } };
            Ok(render_status(
                &state,
                &me,
                StatusCode::UNPROCESSABLE_ENTITY,
                "reset_password.html",
                ctx,
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct UnsubscribeQuery {
    #[serde(default)]
    m: i64,
    #[serde(default)]
    k: String,
    #[serde(default)]
    s: String,
}

async fn unsubscribe_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<UnsubscribeQuery>,
) -> PageResult<Response> {
    let what = email::check_unsubscribe(&state.hearth, q.m, &q.k, &q.s).await?;
    let url = format!("/unsubscribe?m={}&k={}&s={}", q.m, q.k, q.s);
    Ok(notice(
        &state,
        &me,
        StatusCode::OK,
        "notice-unsubscribe-heading",
        (
            "notice-unsubscribe-message",
            context! { message_what => what, message_scope => q.k.clone() },
        ),
        Some((&url, "notice-unsubscribe-action")),
        None,
    )
    .await)
}

/// Also the RFC 8058 one-click target: mail clients POST `List-Unsubscribe=One-Click` here
/// without a session, so the signed link is the only credential.
async fn unsubscribe_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<UnsubscribeQuery>,
) -> PageResult<Response> {
    let what = email::unsubscribe(&state.hearth, q.m, &q.k, &q.s).await?;
    Ok(notice(
        &state,
        &me,
        StatusCode::OK,
        "notice-unsubscribed-heading",
        (
            "notice-unsubscribed-message",
            context! { message_what => what, message_scope => q.k.clone() },
        ),
        None,
        Some(("/settings", "notice-unsubscribed-link")),
    )
    .await)
}

/// `GET /api/v1/me`: the member the token belongs to.
async fn me(
    caller: super::extract::ApiCaller,
) -> super::error::ApiResult<axum::Json<super::views::MemberView>> {
    let member = caller.member.ok_or(ServiceError::Unauthenticated)?;
    Ok(axum::Json(super::views::MemberView::new(&member, true)))
}
