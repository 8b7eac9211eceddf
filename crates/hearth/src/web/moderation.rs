//! Moderation pages and API: flagging a post, the moderators' queue and its decisions, a
//! member's record (warnings, silences and suspensions, private notes), the member's own
//! warnings, and the admins' audit log (searchable, exportable as CSV). The services decide
//! who may.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, MaybeMember, PageForm, path_id};
use super::render;
use super::views::{AuthorView, rfc3339};
use crate::app::AppState;
use crate::services::{discipline, moderation};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hearth_store::audit::AuditEntry;
use hearth_store::moderation::QueueItem;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/p/{id}/flag", post(flag_submit))
        .route("/mod/queue", get(queue_page))
        .route("/mod/queue/{item}", post(decide_submit))
        .route("/admin/audit", get(audit_page))
        .route("/admin/audit.csv", get(audit_csv))
        .route("/admin/audit/public", post(public_log_submit))
        .route("/moderation-log", get(public_log_page))
        .route("/api/v1/posts/{id}/flags", post(flag_api))
        .route("/api/v1/moderation/queue", get(queue_api))
        .route("/api/v1/moderation/queue/{item}/decision", post(decide_api))
        .route("/api/v1/audit-log", get(audit_api))
        .route("/api/v1/members/{id}/warnings", post(warn_api))
        .route("/api/v1/members/{id}/suspensions", post(restrict_api))
        .route("/api/v1/members/{id}/notes", post(note_api))
        .route("/mod/members/{handle}", get(record_page))
        .route("/mod/members/{handle}/{action}", post(record_submit))
        .route("/warnings", get(warnings_page))
        .route("/warnings/seen", post(warnings_seen))
        .route("/warnings/{id}/reply", post(reply_submit))
}

#[derive(Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    text: Option<String>,
}

async fn flag_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<FlagForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "post")?;
    moderation::flag(
        &state.hearth,
        &me.actor(),
        id,
        &form.reason,
        form.text.as_deref(),
    )
    .await?;
    Ok(Redirect::to(&format!("/p/{id}")).into_response())
}

#[derive(Serialize)]
pub struct FlagResult {
    item_id: i64,
    weight: i64,
    hidden: bool,
}

async fn flag_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<FlagForm>,
) -> ApiResult<(StatusCode, Json<FlagResult>)> {
    let id = path_id(&id, "post")?;
    let f = moderation::flag(
        &state.hearth,
        &caller.actor,
        id,
        &form.reason,
        form.text.as_deref(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(FlagResult {
            item_id: f.item_id,
            weight: f.weight,
            hidden: f.hidden,
        }),
    ))
}

#[derive(Serialize)]
pub struct FlagView {
    by: AuthorView,
    reason: String,
    text: Option<String>,
    weight: i64,
    created_at: String,
}

#[derive(Serialize)]
pub struct QueueItemView {
    id: i64,
    /// `flagged_post`, or `held_post` for a post held as it was written.
    kind: String,
    /// `flags`, `spam_filter` or `keyword`.
    cause: String,
    cause_detail: Option<String>,
    state: String,
    weight: i64,
    created_at: String,
    hidden: bool,
    post_id: i64,
    post_url: String,
    topic_id: i64,
    topic_title: String,
    author: AuthorView,
    author_role: &'static str,
    body_html: String,
    flags: Vec<FlagView>,
}

impl From<&QueueItem> for QueueItemView {
    fn from(i: &QueueItem) -> Self {
        QueueItemView {
            id: i.id,
            kind: if i.cause != "flags" && i.post.hidden_at.is_some() {
                "held_post".to_string()
            } else {
                i.kind.clone()
            },
            cause: i.cause.clone(),
            cause_detail: i.cause_detail.clone(),
            state: i.state.clone(),
            weight: i.weight,
            created_at: rfc3339(i.created_at),
            hidden: i.post.hidden_at.is_some(),
            post_id: i.post.id,
            post_url: format!("/p/{}", i.post.id),
            topic_id: i.topic_id,
            topic_title: i.topic_title.clone(),
            author: AuthorView::from(&i.author),
            author_role: i.author_role.as_str(),
            body_html: i.post.body_html.clone(),
            flags: i
                .flags
                .iter()
                .map(|f| FlagView {
                    by: AuthorView::from(&f.by),
                    reason: f.reason.clone(),
                    text: f.text.clone(),
                    weight: f.weight,
                    created_at: rfc3339(f.created_at),
                })
                .collect(),
        }
    }
}

#[derive(Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
    #[serde(default)]
    q: String,
}

async fn queue_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<CursorQuery>,
) -> PageResult<Response> {
    let actor = me.actor();
    let reviewer = hearth_core::access::can_review_applications(&actor);
    let (items, next) = if hearth_core::access::can_moderate(&actor) || !reviewer {
        moderation::queue(&state.hearth, &actor, q.cursor.as_deref()).await?
    } else {
        (Vec::new(), None)
    };
    let applications = if reviewer && q.cursor.is_none() {
        crate::services::membership::pending_applications(&state.hearth, &actor, None)
            .await?
            .0
    } else {
        Vec::new()
    };
    let views: Vec<QueueItemView> = items.iter().map(QueueItemView::from).collect();
    let applications: Vec<super::membership::ApplicationView> = applications
        .iter()
        .map(super::membership::ApplicationView::from)
        .collect();
    let ctx = context! {
        title => "Moderation queue", title_key => "title-moderation-queue",
        items => Value::from(minijinja::value::Serde(views)),
        applications => Value::from(minijinja::value::Serde(applications)),
        next_cursor => next,
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "mod_queue.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Serialize)]
pub struct QueuePage {
    items: Vec<QueueItemView>,
    next_cursor: Option<String>,
}

async fn queue_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<QueuePage>> {
    let (items, next) =
        moderation::queue(&state.hearth, &caller.actor, q.cursor.as_deref()).await?;
    Ok(Json(QueuePage {
        items: items.iter().map(QueueItemView::from).collect(),
        next_cursor: next,
    }))
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
}

async fn decide_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(item): Path<String>,
    PageForm(form): PageForm<DecisionForm>,
) -> PageResult<Response> {
    let item = path_id(&item, "queue item")?;
    moderation::decide(&state.hearth, &me.actor(), item, &form.action, &form.reason).await?;
    Ok(Redirect::to("/mod/queue").into_response())
}

#[derive(Serialize)]
pub struct Decided {
    item_id: i64,
    action: String,
}

async fn decide_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(item): Path<String>,
    ApiJson(form): ApiJson<DecisionForm>,
) -> ApiResult<Json<Decided>> {
    let item = path_id(&item, "queue item")?;
    moderation::decide(
        &state.hearth,
        &caller.actor,
        item,
        &form.action,
        &form.reason,
    )
    .await?;
    Ok(Json(Decided {
        item_id: item,
        action: form.action.trim().to_string(),
    }))
}

#[derive(Serialize)]
pub struct AuditView {
    id: i64,
    actor: Option<String>,
    action: String,
    target_type: Option<String>,
    target_id: Option<i64>,
    reason: Option<String>,
    details: Option<String>,
    created_at: String,
}

impl From<&AuditEntry> for AuditView {
    fn from(a: &AuditEntry) -> Self {
        AuditView {
            id: a.id,
            actor: a.actor_handle.clone(),
            action: a.action.clone(),
            target_type: a.target_type.clone(),
            target_id: a.target_id,
            reason: a.reason.clone(),
            details: a.details.clone(),
            created_at: rfc3339(a.created_at),
        }
    }
}

async fn audit_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<CursorQuery>,
) -> PageResult<Response> {
    let (rows, next) =
        crate::services::audit::audit_log(&state.hearth, &me.actor(), q.cursor.as_deref(), &q.q)
            .await?;
    let views: Vec<AuditView> = rows.iter().map(AuditView::from).collect();
    let published = state
        .community()
        .await
        .map_err(crate::services::ServiceError::from)?
        .is_some_and(|c| c.public_mod_log);
    let ctx = context! {
        title => "Audit log", title_key => "title-audit-log", section => "audit", q => q.q, published => published,
        entries => Value::from(minijinja::value::Serde(views)),
        next_cursor => next,
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/audit.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Serialize)]
pub struct AuditPage {
    items: Vec<AuditView>,
    next_cursor: Option<String>,
}

async fn audit_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<AuditPage>> {
    let (rows, next) =
        crate::services::audit::audit_log(&state.hearth, &caller.actor, q.cursor.as_deref(), &q.q)
            .await?;
    Ok(Json(AuditPage {
        items: rows.iter().map(AuditView::from).collect(),
        next_cursor: next,
    }))
}

/// One CSV field, quoted when it must be; a leading `=`, `+`, `-` or `@` is prefixed with
/// `'` so that spreadsheets do not run it as a formula.
fn csv_field(value: &str) -> String {
    let safe = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// The whole log matching `q` as CSV, read a page at a time.
async fn audit_csv(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<CursorQuery>,
) -> PageResult<Response> {
    let actor = me.actor();
    crate::services::people::limit_exports(&state.hearth, &actor).await?;
    let mut out = String::from("id,created_at,actor,action,target_type,target_id,reason,details\n");
    let mut cursor: Option<String> = None;
    loop {
        let (rows, next) =
            crate::services::audit::audit_log(&state.hearth, &actor, cursor.as_deref(), &q.q)
                .await?;
        for a in &rows {
            let fields = [
                a.id.to_string(),
                rfc3339(a.created_at),
                a.actor_handle.clone().unwrap_or_else(|| "operator".into()),
                a.action.clone(),
                a.target_type.clone().unwrap_or_default(),
                a.target_id.map(|i| i.to_string()).unwrap_or_default(),
                a.reason.clone().unwrap_or_default(),
                a.details.clone().unwrap_or_default(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
        match next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"hearth-audit-log.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    publish: String,
}

async fn public_log_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<PublishForm>,
) -> PageResult<Response> {
    let on = match form.publish.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(hearth_core::Invalid::new("publish", "err-on-or-off").into()),
    };
    moderation::set_public_log(&state.hearth, &me.actor(), on).await?;
    state.forget_community();
    Ok(Redirect::to("/admin/audit").into_response())
}

async fn public_log_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<CursorQuery>,
) -> PageResult<Response> {
    let (rows, next) = moderation::public_log(&state.hearth, q.cursor.as_deref()).await?;
    let entries: Vec<Value> = rows
        .iter()
        .map(|e| {
            context! {
                removed => e.action == "post.deleted",
                reason => e.reason.clone(),
                space_name => e.space_name.clone(),
                space_url => format!("/s/{}", e.space_slug),
                created_at => rfc3339(e.created_at),
            }
        })
        .collect();
    let ctx = context! { title => "Moderation log", title_key => "title-moderation-log", entries => entries, next_cursor => next };
    Ok(render(&state, &me, "moderation_log.html", ctx)
        .await?
        .into_response())
}

#[derive(Deserialize)]
pub struct WarnForm {
    #[serde(default)]
    message: String,
}

#[derive(Serialize)]
pub struct Created {
    id: i64,
}

async fn warn_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<WarnForm>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let id = path_id(&id, "member")?;
    let warning = discipline::warn(&state.hearth, &caller.actor, id, &form.message).await?;
    Ok((StatusCode::CREATED, Json(Created { id: warning })))
}

#[derive(Deserialize)]
pub struct RestrictForm {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    days: Option<i64>,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize)]
pub struct Restricted {
    kind: String,
    ends_at: Option<String>,
}

async fn restrict_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<RestrictForm>,
) -> ApiResult<(StatusCode, Json<Restricted>)> {
    let id = path_id(&id, "member")?;
    let ends = discipline::restrict(
        &state.hearth,
        &caller.actor,
        id,
        form.kind.as_deref(),
        form.days,
        &form.reason,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Restricted {
            kind: form.kind.unwrap_or_else(|| "suspend".into()),
            ends_at: ends.map(rfc3339),
        }),
    ))
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
}

async fn note_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<NoteForm>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let id = path_id(&id, "member")?;
    let note = discipline::note(&state.hearth, &caller.actor, id, &form.note).await?;
    Ok((StatusCode::CREATED, Json(Created { id: note })))
}

#[derive(Serialize)]
struct WarningView {
    id: i64,
    by: String,
    message: String,
    created_at: String,
    seen: bool,
    reply: Option<String>,
}

#[derive(Serialize)]
struct RestrictionView {
    id: i64,
    by: String,
    kind: String,
    reason: String,
    created_at: String,
    ends_at: Option<String>,
    lifted_at: Option<String>,
    lift_reason: Option<String>,
    running: bool,
}

fn warning_views(ws: &[hearth_store::discipline::Warning]) -> Value {
    let views: Vec<WarningView> = ws
        .iter()
        .map(|w| WarningView {
            id: w.id,
            by: w.by_handle.clone(),
            message: w.message.clone(),
            created_at: rfc3339(w.created_at),
            seen: w.seen_at.is_some(),
            reply: w.reply.clone(),
        })
        .collect();
    Value::from(minijinja::value::Serde(views))
}

async fn record_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(handle): Path<String>,
) -> PageResult<Response> {
    let record = discipline::record(&state.hearth, &me.actor(), &handle).await?;
    let now = hearth_store::now_millis();
    let restrictions: Vec<RestrictionView> = record
        .restrictions
        .iter()
        .map(|r| RestrictionView {
            id: r.id,
            by: r.by_handle.clone(),
            kind: r.kind.clone(),
            reason: r.reason.clone(),
            created_at: rfc3339(r.created_at),
            ends_at: r.ends_at.map(rfc3339),
            lifted_at: r.lifted_at.map(rfc3339),
            lift_reason: r.lift_reason.clone(),
            running: r.lifted_at.is_none() && r.ends_at.is_none_or(|e| e > now),
        })
        .collect();
    let notes: Vec<Value> = record
        .notes
        .iter()
        .map(|n| context! { by => n.by_handle.clone(), note => n.note.clone(), created_at => rfc3339(n.created_at) })
        .collect();
    // Until when, on the reader's clock.
    let community = state
        .community()
        .await
        .map_err(crate::services::ServiceError::from)?;
    let (_, zone) = crate::i18n::locale(community.as_ref(), Some(&me.0));
    let ctx = context! {
        title => format!("{} — member record", record.member.display_name),
        title_key => "title-member-record", title_args => context! { name => record.member.display_name.clone() },
        member => super::views::MemberView::new(&record.member, true),
        restriction => record.active.as_ref().map(|r| super::said(discipline::describe(r, &zone))),
        warnings => warning_views(&record.warnings),
        restrictions => Value::from(minijinja::value::Serde(restrictions)),
        notes => notes,
        notes_visible => record.may_act,
        trust_locked => record.member.trust_locked,
        can_act => record.may_act,
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "mod_member.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Deserialize)]
pub struct RecordForm {
    #[serde(default)]
    message: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    days: Option<String>,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    restriction: Option<i64>,
    #[serde(default)]
    level: Option<String>,
}

/// The record page's forms: `warn`, `restrict`, `lift` and `note`.
async fn record_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path((handle, action)): Path<(String, String)>,
    PageForm(form): PageForm<RecordForm>,
) -> PageResult<Response> {
    let actor = me.actor();
    let member = state
        .store()
        .member_by_handle(&handle)
        .await
        .map_err(crate::services::ServiceError::from)?
        .ok_or(crate::services::ServiceError::NotFound(
            "err-not-found-member",
        ))?;
    match action.as_str() {
        "warn" => {
            discipline::warn(&state.hearth, &actor, member.id, &form.message).await?;
        }
        "restrict" => {
            let days =
                match form.days.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(d) => Some(d.parse::<i64>().map_err(|_| {
                        hearth_core::Invalid::new("days", "err-whole-number-of-days")
                    })?),
                };
            discipline::restrict(
                &state.hearth,
                &actor,
                member.id,
                form.kind.as_deref(),
                days,
                &form.reason,
            )
            .await?;
        }
        "lift" => {
            let id = form
                .restriction
                .ok_or(crate::services::ServiceError::NotFound(
                    "err-not-found-restriction",
                ))?;
            discipline::lift(&state.hearth, &actor, member.id, id, &form.reason).await?;
        }
        "note" => {
            discipline::note(&state.hearth, &actor, member.id, &form.note).await?;
        }
        "trust" => {
            let level = match form.level.as_deref().map(str::trim) {
                None | Some("") | Some("auto") => None,
                Some(l) => Some(
                    l.parse::<u8>()
                        .map_err(|_| hearth_core::Invalid::new("level", "err-from-0-to-4"))?,
                ),
            };
            crate::services::trust::set_level(
                &state.hearth,
                &actor,
                member.id,
                level,
                &form.reason,
            )
            .await?;
        }
        _ => return Err(crate::services::ServiceError::NotFound("err-not-found-page").into()),
    }
    Ok(Redirect::to(&format!("/mod/members/{}", member.handle)).into_response())
}

/// Marks the member's warnings seen (the page's form, which `app.js` posts on opening).
async fn warnings_seen(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    discipline::mark_warnings_seen(&state.hearth, &me.actor()).await?;
    Ok(axum::response::Redirect::to("/warnings").into_response())
}

async fn warnings_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let warnings = discipline::my_warnings(&state.hearth, &me.actor()).await?;
    let unseen = warnings.iter().any(|w| w.seen_at.is_none());
    let ctx = context! { title => "Warnings", title_key => "title-warnings", warnings => warning_views(&warnings), unseen => unseen };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "warnings.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    reply: String,
}

async fn reply_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<ReplyForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "warning")?;
    discipline::answer(&state.hearth, &me.actor(), id, &form.reply).await?;
    Ok(Redirect::to("/warnings").into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(super::csv_field("plain"), "plain");
        assert_eq!(super::csv_field("a,b"), "\"a,b\"");
        assert_eq!(super::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_field("=SUM(A1)"), "'=SUM(A1)");
    }
}
