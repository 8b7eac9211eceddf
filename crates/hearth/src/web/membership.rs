//! Membership pages and API: the admins' membership page (join mode, applicants'
//! questions, guidelines, the customer list, invites, trust thresholds, the spam filter and
//! keyword rules), groups, applying to join, the guidelines members accept, and the
//! community settings API (`GET`/`PATCH /api/v1/community`). The services decide who may.

use super::error::{ApiResult, AppError, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, MaybeMember, PageForm, path_id};
use super::views::{AuthorView, CommunityView, MemberView, rfc3339};
use super::{render, render_status};
use crate::app::AppState;
use crate::services::{ServiceError, groups, membership, spam, trust};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use hearth_store::groups::Group;
use hearth_store::membership::{Application, Invite};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/membership",
            get(membership_page).post(join_settings_submit),
        )
        .route("/admin/membership/guidelines", post(guidelines_submit))
        .route("/admin/membership/customers", post(customers_submit))
        .route("/admin/membership/invites", post(invite_submit))
        .route("/admin/membership/invites/{id}/revoke", post(revoke_submit))
        .route("/admin/membership/keywords", post(keyword_submit))
        .route(
            "/admin/membership/keywords/{id}/delete",
            post(keyword_delete),
        )
        .route("/admin/groups", get(groups_page).post(group_create))
        .route(
            "/admin/groups/{slug}",
            get(group_page).post(group_member_submit),
        )
        .route("/admin/groups/{slug}/delete", post(group_delete))
        .route("/apply", post(apply_submit))
        .route("/guidelines", get(guidelines_page).post(guidelines_accept))
        .route("/mod/applications/{id}", post(review_submit))
        .route(
            "/api/v1/community",
            get(community_api).patch(community_patch),
        )
        .route("/api/v1/applications", get(applications_api))
        .route("/api/v1/applications/{id}/decision", post(review_api))
        .route("/api/v1/invites", post(invite_api))
        .route("/api/v1/groups", get(groups_api).post(group_create_api))
        .route(
            "/api/v1/groups/{slug}/members/{handle}",
            put(group_member_add_api).delete(group_member_remove_api),
        )
        .route("/api/v1/members/{id}/trust", put(trust_api))
        .route("/api/v1/spam-filter", get(spam_api))
        .route(
            "/api/v1/keyword-rules",
            axum::routing::post(keyword_create_api),
        )
        .route("/api/v1/keyword-rules/{id}", delete(keyword_delete_api))
        .route("/api/v1/groups/{slug}", delete(group_delete_api))
}

// --- views --------------------------------------------------------------------------------

#[derive(Serialize)]
pub struct ApplicationView {
    id: i64,
    email: String,
    handle: String,
    display_name: String,
    answers: serde_json::Value,
    state: String,
    created_at: String,
    message: Option<String>,
}

impl From<&Application> for ApplicationView {
    fn from(a: &Application) -> Self {
        ApplicationView {
            id: a.id,
            email: a.email.clone(),
            handle: a.handle.clone(),
            display_name: a.display_name.clone(),
            answers: serde_json::from_str(&a.answers).unwrap_or(serde_json::Value::Null),
            state: a.state.clone(),
            created_at: rfc3339(a.created_at),
            message: a.message.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct InviteView {
    id: i64,
    email: Option<String>,
    max_uses: i64,
    uses: i64,
    expires_at: String,
    created_at: String,
    usable: bool,
    revoked: bool,
}

impl From<&Invite> for InviteView {
    fn from(i: &Invite) -> Self {
        InviteView {
            id: i.id,
            email: i.email.clone(),
            max_uses: i.max_uses,
            uses: i.uses,
            expires_at: rfc3339(i.expires_at),
            created_at: rfc3339(i.created_at),
            usable: i.usable(crate::services::now()),
            revoked: i.revoked_at.is_some(),
        }
    }
}

#[derive(Serialize)]
pub struct GroupView {
    id: i64,
    slug: String,
    name: String,
    description: Option<String>,
    member_count: i64,
    created_at: String,
}

impl From<&Group> for GroupView {
    fn from(g: &Group) -> Self {
        GroupView {
            id: g.id,
            slug: g.slug.clone(),
            name: g.name.clone(),
            description: g.description.clone(),
            member_count: g.member_count,
            created_at: rfc3339(g.created_at),
        }
    }
}

fn serde<T: Serialize>(v: T) -> Value {
    Value::from(minijinja::value::Serde(v))
}

// --- the admins' membership page ----------------------------------------------------------

async fn membership_context(state: &AppState, me: &CurrentMember) -> Result<Value, ServiceError> {
    let actor = me.actor();
    crate::services::admin_only(&actor)?;
    let h = &state.hearth;
    let c = h
        .store
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up-short"))?;
    let invites: Vec<InviteView> = membership::invites(h, &actor)
        .await?
        .iter()
        .map(InviteView::from)
        .collect();
    let report = spam::report(h, &actor).await?;
    let rules = spam::keyword_rules(h, &actor).await?;
    let levels: Vec<Value> = hearth_core::trust::LEVELS
        .iter()
        .map(|l| {
            context! { level => l.level, name => l.name, posts_per_day => l.posts_per_day,
            links => l.links, flag_weight => l.flag_weight, flags_per_day => l.flags_per_day, edit_wiki => l.edit_wiki }
        })
        .collect();
    Ok(context! {
        title => "Membership", title_key => "title-membership", section => "membership",
        settings => CommunityView::from(&c),
        questions_text => c.join_questions.join("\n"),
        guidelines_md => c.guidelines_md.clone(),
        trust_groups => trust_groups(&trust::settings(&c)),
        spam_threshold => c.spam_threshold,
        customers => h.store.customer_email_count().await?,
        invites => serde(invites),
        report => serde(SpamReportView::from(&report)),
        rules => serde(rules.iter().map(|r| context! { id => r.id, pattern => r.pattern.clone(), action => r.action.clone() }).collect::<Vec<_>>()),
        levels => levels,
        mail_enabled => h.mailer.is_some(),
    })
}

/// The trust thresholds as the form shows them: one group per level, one labelled number
/// per requirement (its settings key is the input's name).
fn trust_groups(settings: &hearth_core::trust::TrustSettings) -> Vec<Value> {
    use hearth_core::trust::{Bound, LEVELS, REQUIREMENTS};
    (1..=4u8)
        .map(|level| {
            let rows: Vec<Value> = REQUIREMENTS
                .iter()
                .filter(|r| r.0 == level)
                .map(|r| {
                    let measure = r.1.split_once('.').map_or(r.1, |(_, m)| m);
                    context! {
                        key => r.1,
                        id => r.1.replace('.', "-"),
                        measure => measure.trim_start_matches("max_"),
                        most => matches!(r.3, Bound::AtMost),
                        value => settings.threshold(r.1),
                    }
                })
                .collect();
            context! { level => level, name => LEVELS[usize::from(level)].name, rows => rows }
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct Notice {
    done: Option<String>,
}

/// What a form on the membership page did, carried back in the URL as a code (and a
/// number), never as words: a `?done=` that showed its own text would let anyone put a
/// message on an admin's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Saved,
    Guidelines(i64),
    Customers(i64),
    InviteRevoked,
    RuleAdded,
    RuleRemoved,
}

impl Done {
    fn code(self) -> String {
        match self {
            Done::Saved => "saved".into(),
            Done::Guidelines(v) => format!("guidelines-{v}"),
            Done::Customers(n) => format!("customers-{n}"),
            Done::InviteRevoked => "invite-revoked".into(),
            Done::RuleAdded => "rule-added".into(),
            Done::RuleRemoved => "rule-removed".into(),
        }
    }

    fn parse(code: &str) -> Option<Done> {
        let number = |prefix: &str| code.strip_prefix(prefix)?.parse::<i64>().ok();
        Some(match code {
            "saved" => Done::Saved,
            "invite-revoked" => Done::InviteRevoked,
            "rule-added" => Done::RuleAdded,
            "rule-removed" => Done::RuleRemoved,
            _ => {
                if let Some(v) = number("guidelines-") {
                    Done::Guidelines(v)
                } else {
                    Done::Customers(number("customers-")?)
                }
            }
        })
    }

    fn message(self) -> Value {
        super::said(match self {
            Done::Saved => "done-saved".into(),
            Done::Guidelines(v) => hearth_core::message!("done-guidelines-saved", v = v),
            Done::Customers(n) => hearth_core::message!("done-customers", n = n),
            Done::InviteRevoked => "done-invite-revoked".into(),
            Done::RuleAdded => "done-keyword-added".into(),
            Done::RuleRemoved => "done-keyword-removed".into(),
        })
    }
}

async fn membership_page(
    State(state): State<AppState>,
    me: CurrentMember,
    headers: axum::http::HeaderMap,
    Query(n): Query<Notice>,
) -> PageResult<Response> {
    // A new invite link, shown once: the cookie that brought it is cleared.
    if n.done.as_deref() == Some("invite-link")
        && let Some(secret) = invite_from_cookie(&headers)
    {
        let link = format!(
            "{}/join?invite={secret}",
            super::feeds::base_url(&state, &headers)
        );
        let ctx = membership_context(&state, &me).await?;
        let ctx =
            context! { done => super::said("done-invite-link"), link => link, error => (), ..ctx };
        let mut response = render(
            &state,
            &MaybeMember(Some(me.0)),
            "admin/membership.html",
            ctx,
        )
        .await?
        .into_response();
        let h = response.headers_mut();
        h.insert(axum::http::header::SET_COOKIE, invite_cookie(&state, "", 0));
        h.insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
        return Ok(response);
    }
    let done = n.done.as_deref().and_then(Done::parse).map(Done::message);
    membership_response(&state, me, StatusCode::OK, done, None).await
}

/// The membership page with a notice or an error, in the server's own words.
async fn membership_response(
    state: &AppState,
    me: CurrentMember,
    status: StatusCode,
    done: Option<Value>,
    error: Option<Value>,
) -> PageResult<Response> {
    let ctx = membership_context(state, &me).await?;
    let ctx = context! { done => done, link => (), error => error, ..ctx };
    Ok(render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/membership.html",
        ctx,
    )
    .await)
}

/// Renders the membership page again with an error (422), or goes back with a notice.
async fn after(
    state: &AppState,
    me: CurrentMember,
    result: Result<Done, ServiceError>,
) -> PageResult<Response> {
    match result {
        Ok(done) => {
            Ok(Redirect::to(&format!("/admin/membership?done={}", done.code())).into_response())
        }
        Err(ServiceError::Internal(e)) => Err(ServiceError::Internal(e).into()),
        Err(e) => {
            membership_response(
                state,
                me,
                super::auth::status_of(&e),
                None,
                Some(super::said(&e)),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    join_mode: String,
    #[serde(default)]
    join_questions: String,
    /// `key = value` lines, as scripts and older pages send them.
    #[serde(default)]
    trust_settings: String,
    #[serde(default)]
    spam_threshold: String,
    /// The page's labelled numbers: one field per threshold, named by its key (`tl2.replies`).
    #[serde(flatten)]
    thresholds: std::collections::BTreeMap<String, String>,
}

impl JoinForm {
    /// The thresholds as `key = value` lines: the page's numbers (each a whole number from
    /// 0 to 100000, or the form says so in words), else the text.
    fn trust_text(&self) -> Result<String, ServiceError> {
        let mut fields = String::new();
        for (key, value) in self
            .thresholds
            .iter()
            .filter(|(k, _)| k.starts_with("tl") && k.contains('.'))
        {
            if !value
                .trim()
                .parse::<i64>()
                .is_ok_and(|v| (0..=100_000).contains(&v))
            {
                return Err(hearth_core::Invalid::new(
                    "trust_settings",
                    "err-trust-threshold-number",
                )
                .into());
            }
            fields.push_str(&format!("{key} = {}\n", value.trim()));
        }
        Ok(if fields.is_empty() {
            self.trust_settings.clone()
        } else {
            fields
        })
    }
}

async fn join_settings_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<JoinForm>,
) -> PageResult<Response> {
    let threshold = match form.spam_threshold.trim() {
        "" => Ok(None),
        t => t.parse::<i64>().map(Some).map_err(|_| {
            ServiceError::from(hearth_core::Invalid::new(
                "spam_threshold",
                "err-whole-number-1-to-100",
            ))
        }),
    };
    let result = match threshold.and_then(|t| Ok((t, form.trust_text()?))) {
        Ok((spam_threshold, trust_text)) => membership::update_join_settings(
            &state.hearth,
            &me.actor(),
            &membership::JoinInput {
                join_mode: Some(&form.join_mode),
                join_questions: Some(&form.join_questions),
                trust_settings: Some(&trust_text),
                spam_threshold,
            },
        )
        .await
        .map(|()| Done::Saved),
        Err(e) => Err(e),
    };
    state.forget_community();
    after(&state, me, result).await
}

#[derive(Deserialize)]
pub struct GuidelinesForm {
    #[serde(default)]
    guidelines: String,
}

async fn guidelines_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<GuidelinesForm>,
) -> PageResult<Response> {
    let result = membership::set_guidelines(&state.hearth, &me.actor(), &form.guidelines)
        .await
        .map(Done::Guidelines);
    state.forget_community();
    after(&state, me, result).await
}

async fn customers_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    mut multipart: Multipart,
) -> PageResult<Response> {
    let mut csv = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        AppError::bad_request(hearth_core::message!(
            "err-form-unreadable",
            error = e.body_text()
        ))
    })? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(|e| {
                AppError::bad_request(hearth_core::message!(
                    "err-file-unreadable",
                    error = e.body_text()
                ))
            })?;
            csv = Some(bytes.to_vec());
        }
    }
    let result = match csv {
        Some(bytes) => membership::replace_customer_list(&state.hearth, &me.actor(), &bytes)
            .await
            .map(Done::Customers),
        None => Err(hearth_core::Invalid::new("file", "err-choose-csv").into()),
    };
    after(&state, me, result).await
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    max_uses: Option<String>,
    #[serde(default)]
    days: Option<String>,
}

fn number(field: &'static str, value: Option<&str>, default: i64) -> Result<i64, ServiceError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| hearth_core::Invalid::new(field, "err-whole-number").into()),
    }
}

/// The cookie that carries a new invite link from the form's answer to the page it
/// redirects to, once: the link is a secret, so it is never put in a URL.
const INVITE_COOKIE: &str = "hearth_invite";

fn invite_cookie(state: &AppState, value: &str, max_age: i64) -> axum::http::HeaderValue {
    let secure = if state.config().secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    axum::http::HeaderValue::from_str(&format!(
        "{INVITE_COOKIE}={value}; Path=/admin/membership; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| axum::http::HeaderValue::from_static(""))
}

/// The invite link the last form left for this page, if any (an invite's secret is
/// URL-safe: letters, digits, `-` and `_`).
fn invite_from_cookie(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(INVITE_COOKIE)?.strip_prefix('='))
        .find(|s| {
            !s.is_empty()
                && s.len() <= 128
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_string)
}

async fn invite_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<InviteForm>,
) -> PageResult<Response> {
    let input = (|| -> Result<(i64, i64), ServiceError> {
        Ok((
            number("max_uses", form.max_uses.as_deref(), 1)?,
            number("days", form.days.as_deref(), 7)?,
        ))
    })();
    let created = match input {
        Ok((max_uses, days)) => {
            membership::create_invite(
                &state.hearth,
                &me.actor(),
                &membership::InviteInput {
                    email: Some(form.email.as_str()),
                    max_uses,
                    days,
                },
            )
            .await
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(c) => match c.url.as_deref().and_then(|u| u.split_once("invite=")) {
            // The link is a secret: it goes to the next page in a short-lived cookie for
            // that page only, never in a URL, so that reloading shows the page and does
            // not make another invite (post, redirect, get).
            Some((_, secret)) => {
                let mut response =
                    Redirect::to("/admin/membership?done=invite-link#invites").into_response();
                response.headers_mut().insert(
                    axum::http::header::SET_COOKIE,
                    invite_cookie(&state, secret, 300),
                );
                Ok(response)
            }
            // Shown at once (not through the URL): it names the address.
            None => {
                let done = super::said(hearth_core::message!(
                    "done-invite-mailed",
                    email = form.email.trim()
                ));
                membership_response(&state, me, StatusCode::OK, Some(done), None).await
            }
        },
        Err(e) => after(&state, me, Err(e)).await,
    }
}

async fn revoke_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "invite")?;
    let result = membership::revoke_invite(&state.hearth, &me.actor(), id)
        .await
        .map(|()| Done::InviteRevoked);
    after(&state, me, result).await
}

#[derive(Deserialize)]
pub struct KeywordForm {
    #[serde(default)]
    pattern: String,
    #[serde(default)]
    action: String,
}

async fn keyword_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<KeywordForm>,
) -> PageResult<Response> {
    let result = spam::add_keyword_rule(&state.hearth, &me.actor(), &form.pattern, &form.action)
        .await
        .map(|_| Done::RuleAdded);
    after(&state, me, result).await
}

async fn keyword_delete(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "keyword rule")?;
    let result = spam::delete_keyword_rule(&state.hearth, &me.actor(), id)
        .await
        .map(|()| Done::RuleRemoved);
    after(&state, me, result).await
}

// --- groups -------------------------------------------------------------------------------

async fn groups_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let list: Vec<GroupView> = groups::groups(&state.hearth, &me.actor())
        .await?
        .iter()
        .map(GroupView::from)
        .collect();
    let ctx = context! { title => "Groups", title_key => "title-groups", section => "groups", groups => serde(list), error => (), form => context!{} };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/groups.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Deserialize, Serialize)]
pub struct GroupForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: Option<String>,
}

async fn group_create(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<GroupForm>,
) -> PageResult<Response> {
    match groups::create_group(
        &state.hearth,
        &me.actor(),
        &form.slug,
        &form.name,
        form.description.as_deref(),
    )
    .await
    {
        Ok(g) => Ok(Redirect::to(&format!("/admin/groups/{}", g.slug)).into_response()),
        Err(ServiceError::Internal(e)) => Err(ServiceError::Internal(e).into()),
        Err(e) => {
            let list: Vec<GroupView> = groups::groups(&state.hearth, &me.actor())
                .await?
                .iter()
                .map(GroupView::from)
                .collect();
            let ctx = context! { title => "Groups", title_key => "title-groups", section => "groups", groups => serde(list), error => super::said(&e), form => serde(&form) };
            Ok(render_status(
                &state,
                &MaybeMember(Some(me.0)),
                super::auth::status_of(&e),
                "admin/groups.html",
                ctx,
            )
            .await)
        }
    }
}

async fn group_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    group_response(&state, me, &slug, None).await
}

/// The group page, with the error of a form that failed (said by the server, never read
/// from the URL: a `?error=` banner would let anyone put words on an admin page).
async fn group_response(
    state: &AppState,
    me: CurrentMember,
    slug: &str,
    error: Option<Value>,
) -> PageResult<Response> {
    let (group, members) = groups::group(&state.hearth, &me.actor(), slug).await?;
    let members: Vec<AuthorView> = members.iter().map(AuthorView::from).collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let ctx = context! { title => group.name.clone(), section => "groups", group => serde(GroupView::from(&group)), members => members, error => error };
    Ok(render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/group.html",
        ctx,
    )
    .await)
}

#[derive(Deserialize)]
pub struct GroupMemberForm {
    #[serde(default)]
    handle: String,
    #[serde(default)]
    action: String,
}

async fn group_member_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
    PageForm(form): PageForm<GroupMemberForm>,
) -> PageResult<Response> {
    let add = form.action != "remove";
    let back = format!("/admin/groups/{}", super::extract::urlencode(&slug));
    match groups::set_member(&state.hearth, &me.actor(), &slug, &form.handle, add).await {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(
            e @ (ServiceError::Invalid(_)
            | ServiceError::NotFound(_)
            | ServiceError::Conflict { .. }
            | ServiceError::State(_)),
        ) => group_response(&state, me, &slug, Some(super::said(&e))).await,
        Err(e) => Err(e.into()),
    }
}

async fn group_delete(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    groups::delete_group(&state.hearth, &me.actor(), &slug).await?;
    Ok(Redirect::to("/admin/groups").into_response())
}

// --- applying and the guidelines ----------------------------------------------------------

#[derive(Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    accept_guidelines: Option<String>,
    #[serde(flatten)]
    rest: std::collections::HashMap<String, String>,
}

async fn apply_submit(
    State(state): State<AppState>,
    me: MaybeMember,
    super::extract::ClientAddr(client): super::extract::ClientAddr,
    PageForm(form): PageForm<ApplyForm>,
) -> PageResult<Response> {
    let answers: Vec<String> = (0..membership::MAX_QUESTIONS)
        .map_while(|i| form.rest.get(&format!("answer_{i}")).cloned())
        .collect();
    let input = membership::ApplicationInput {
        email: &form.email,
        handle: &form.handle,
        display_name: Some(&form.display_name),
        password: &form.password,
        answers: answers.iter().map(String::as_str).collect(),
        accept_guidelines: form.accept_guidelines.is_some(),
    };
    match membership::apply(&state.hearth, &input, &client).await {
        Ok(_) => {
            let ctx = context! {
                title => "Application sent", title_key => "title-application-sent",
                heading_key => "notice-applied-heading",
                message_key => "notice-applied-message",
                error => (), action => (), link => context! { url => "/", label_key => "notice-link-back-to-community" },
            };
            Ok(render(&state, &me, "notice.html", ctx)
                .await?
                .into_response())
        }
        Err(ServiceError::Internal(e)) => Err(ServiceError::Internal(e).into()),
        Err(e) => {
            let (field, message) =
                super::auth::form_error(&e).unwrap_or_else(|| ("", super::said(&e)));
            let ctx = super::auth::signup_context(&state, None, "/").await?;
            let ctx = context! {
                form => context! { email => form.email, handle => form.handle, display_name => form.display_name, answers => answers },
                error => context! { field => field, message => message },
                ..ctx
            };
            Ok(render_status(&state, &me, super::auth::status_of(&e), "signup.html", ctx).await)
        }
    }
}

async fn guidelines_page(State(state): State<AppState>, me: MaybeMember) -> PageResult<Response> {
    let c = state
        .store()
        .community()
        .await
        .map_err(ServiceError::from)?
        .ok_or(ServiceError::State("err-not-set-up-short"))?;
    let must_accept =
        me.0.as_ref()
            .is_some_and(|m| membership::must_accept_guidelines(&c, m));
    let ctx = context! { title => "Guidelines", title_key => "title-guidelines", must_accept => must_accept };
    Ok(render(&state, &me, "guidelines.html", ctx)
        .await?
        .into_response())
}

async fn guidelines_accept(
    State(state): State<AppState>,
    me: CurrentMember,
) -> PageResult<Response> {
    membership::accept_guidelines(&state.hearth, &me.actor()).await?;
    Ok(Redirect::to("/").into_response())
}

// --- reviewing applications ---------------------------------------------------------------

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    message: String,
}

async fn review_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<ReviewForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "application")?;
    membership::review(&state.hearth, &me.actor(), id, &form.action, &form.message).await?;
    Ok(Redirect::to("/mod/queue").into_response())
}

#[derive(Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
}

#[derive(Serialize)]
pub struct ApplicationsPage {
    items: Vec<ApplicationView>,
    next_cursor: Option<String>,
}

async fn applications_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<ApplicationsPage>> {
    let (items, next) =
        membership::pending_applications(&state.hearth, &caller.actor, q.cursor.as_deref()).await?;
    Ok(Json(ApplicationsPage {
        items: items.iter().map(ApplicationView::from).collect(),
        next_cursor: next,
    }))
}

#[derive(Serialize)]
pub struct ReviewResult {
    id: i64,
    state: &'static str,
    member: Option<MemberView>,
}

async fn review_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReviewForm>,
) -> ApiResult<Json<ReviewResult>> {
    let id = path_id(&id, "application")?;
    let member = membership::review(
        &state.hearth,
        &caller.actor,
        id,
        &form.action,
        &form.message,
    )
    .await?;
    Ok(Json(ReviewResult {
        id,
        state: if member.is_some() {
            "approved"
        } else {
            "declined"
        },
        member: member.as_ref().map(|m| MemberView::new(m, true)),
    }))
}

// --- API: community, invites, groups, trust, the spam filter ------------------------------

#[derive(Serialize)]
pub struct CommunitySettings {
    #[serde(flatten)]
    community: CommunityView,
    /// For admins only: the owner's trust thresholds and the spam threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    trust_thresholds: Option<std::collections::BTreeMap<String, i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spam_threshold: Option<i64>,
}

async fn community_settings(
    state: &AppState,
    admin: bool,
) -> Result<CommunitySettings, ServiceError> {
    let c = state
        .store()
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up-short"))?;
    let trust_thresholds = admin.then(|| {
        let s = trust::settings(&c);
        hearth_core::trust::REQUIREMENTS
            .iter()
            .map(|r| (r.1.to_string(), s.threshold(r.1)))
            .collect()
    });
    Ok(CommunitySettings {
        community: CommunityView::from(&c),
        trust_thresholds,
        spam_threshold: admin.then_some(c.spam_threshold),
    })
}

async fn community_api(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<CommunitySettings>> {
    Ok(Json(
        community_settings(&state, caller.actor.is_admin()).await?,
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityPatch {
    join_mode: Option<String>,
    join_questions: Option<Vec<String>>,
    guidelines: Option<String>,
    trust_thresholds: Option<std::collections::BTreeMap<String, i64>>,
    spam_threshold: Option<i64>,
}

async fn community_patch(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(p): ApiJson<CommunityPatch>,
) -> ApiResult<Json<CommunitySettings>> {
    let questions = p.join_questions.as_ref().map(|q| q.join("\n"));
    if questions.is_some() && p.join_questions.iter().flatten().any(|q| q.contains('\n')) {
        return Err(ServiceError::from(hearth_core::Invalid::new(
            "join_questions",
            "err-question-one-line",
        ))
        .into());
    }
    // Everything is checked before anything is written.
    if let Some(g) = &p.guidelines {
        membership::parse_guidelines(g)?;
    }
    let trust_text = p.trust_thresholds.as_ref().map(|t| {
        t.iter()
            .map(|(k, v)| format!("{k} = {v}\n"))
            .collect::<String>()
    });
    // Thresholds not named keep their current value.
    let merged_trust = match &trust_text {
        Some(t) => {
            let c = state
                .store()
                .community()
                .await
                .map_err(ServiceError::from)?
                .ok_or(ServiceError::State("err-not-set-up-short"))?;
            Some(format!("{}{t}", trust::settings(&c).overrides_text()))
        }
        None => None,
    };
    membership::update_join_settings(
        &state.hearth,
        &caller.actor,
        &membership::JoinInput {
            join_mode: p.join_mode.as_deref(),
            join_questions: questions.as_deref(),
            trust_settings: merged_trust.as_deref(),
            spam_threshold: p.spam_threshold,
        },
    )
    .await?;
    if let Some(g) = &p.guidelines {
        membership::set_guidelines(&state.hearth, &caller.actor, g).await?;
    }
    state.forget_community();
    Ok(Json(community_settings(&state, true).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvite {
    email: Option<String>,
    max_uses: Option<i64>,
    days: Option<i64>,
}

#[derive(Serialize)]
pub struct CreatedInviteView {
    id: i64,
    /// The link to share (link invites only; shown once).
    url: Option<String>,
}

async fn invite_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: axum::http::HeaderMap,
    ApiJson(body): ApiJson<NewInvite>,
) -> ApiResult<(StatusCode, Json<CreatedInviteView>)> {
    let c = membership::create_invite(
        &state.hearth,
        &caller.actor,
        &membership::InviteInput {
            email: body.email.as_deref(),
            max_uses: body.max_uses.unwrap_or(1),
            days: body.days.unwrap_or(7),
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedInviteView {
            id: c.id,
            // A whole link, even when no public URL is configured.
            url: c.url.map(|u| match u.starts_with('/') {
                true => format!("{}{u}", super::feeds::base_url(&state, &headers)),
                false => u,
            }),
        }),
    ))
}

#[derive(Serialize)]
pub struct GroupsPage {
    items: Vec<GroupView>,
    /// Always null: every group is on the one page.
    next_cursor: Option<String>,
}

async fn groups_api(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<GroupsPage>> {
    let items = groups::groups(&state.hearth, &caller.actor)
        .await?
        .iter()
        .map(GroupView::from)
        .collect();
    Ok(Json(GroupsPage {
        items,
        next_cursor: None,
    }))
}

async fn group_create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(form): ApiJson<GroupForm>,
) -> ApiResult<(StatusCode, Json<GroupView>)> {
    let g = groups::create_group(
        &state.hearth,
        &caller.actor,
        &form.slug,
        &form.name,
        form.description.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(GroupView::from(&g))))
}

async fn group_member_add_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((slug, handle)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    groups::set_member(&state.hearth, &caller.actor, &slug, &handle, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn group_member_remove_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((slug, handle)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    groups::set_member(&state.hearth, &caller.actor, &slug, &handle, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustBody {
    /// 0–4 to set and lock; `null` to unlock (the level is recomputed).
    level: Option<u8>,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize)]
pub struct TrustView {
    member_id: i64,
    trust_level: u8,
    trust_locked: bool,
}

async fn trust_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TrustBody>,
) -> ApiResult<Json<TrustView>> {
    let id = path_id(&id, "member")?;
    let m = trust::set_level(&state.hearth, &caller.actor, id, body.level, &body.reason).await?;
    Ok(Json(TrustView {
        member_id: m.id,
        trust_level: m.trust_level,
        trust_locked: m.trust_locked,
    }))
}

#[derive(Serialize)]
pub struct ScoreView {
    precision: Option<f64>,
    recall: Option<f64>,
    true_positives: u64,
    false_positives: u64,
    false_negatives: u64,
    true_negatives: u64,
}

impl From<&hearth_core::spam::Evaluation> for ScoreView {
    fn from(e: &hearth_core::spam::Evaluation) -> Self {
        ScoreView {
            precision: e.precision(),
            recall: e.recall(),
            true_positives: e.true_positives,
            false_positives: e.false_positives,
            false_negatives: e.false_negatives,
            true_negatives: e.true_negatives,
        }
    }
}

#[derive(Serialize)]
pub struct SpamReportView {
    decisions: usize,
    spam: usize,
    held_out: u64,
    threshold: i64,
    ready: bool,
    filter: ScoreView,
    links_only: ScoreView,
}

impl From<&spam::Report> for SpamReportView {
    fn from(r: &spam::Report) -> Self {
        SpamReportView {
            decisions: r.decisions,
            spam: r.spam,
            held_out: r.held_out,
            threshold: r.threshold,
            ready: r.ready,
            filter: ScoreView::from(&r.filter),
            links_only: ScoreView::from(&r.links_only),
        }
    }
}

async fn spam_api(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<SpamReportView>> {
    let r = spam::report(&state.hearth, &caller.actor).await?;
    Ok(Json(SpamReportView::from(&r)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeywordRuleBody {
    pattern: String,
    action: String,
}

/// `POST /api/v1/keyword-rules`: the twin of the membership page's keyword form.
async fn keyword_create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    super::extract::ApiJson(b): super::extract::ApiJson<KeywordRuleBody>,
) -> ApiResult<Response> {
    let id = spam::add_keyword_rule(&state.hearth, &caller.actor, &b.pattern, &b.action).await?;
    let body = serde_json::json!({"id": id, "pattern": b.pattern.trim().to_lowercase(), "action": b.action.trim()});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `DELETE /api/v1/groups/{slug}`: the twin of the group page's delete button.
async fn group_delete_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    groups::delete_group(&state.hearth, &caller.actor, &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn keyword_delete_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id, "keyword rule")?;
    spam::delete_keyword_rule(&state.hearth, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
