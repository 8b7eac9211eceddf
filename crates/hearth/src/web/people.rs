//! Member intelligence on the web: the people list (`/admin/people`), a person's record
//! (`/admin/people/{id}`: timeline, identities, orders, tags, fields, notes, moderation),
//! imports by upload with a progress page and their audit (`/admin/imports`), and the API
//! (`GET /api/v1/members`, `GET /api/v1/members/{id}`, `POST /api/v1/activities`).

use super::error::{ApiResult, AppError, PageResult};
use super::extract::{ApiCaller, CurrentMember, MaybeMember, PageForm, path_id};
use super::render;
use super::views::rfc3339;
use crate::app::AppState;
use crate::import::{self, Kind, RunningImport, Source};
use crate::services::ServiceError;
use crate::services::people::{self as svc, Profile};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hearth_store::import::ImportRun;
use hearth_store::people::{Identity, Order, Person, TimelineItem};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

/// The largest batch body `POST /api/v1/activities` reads.
pub const INGEST_MAX_BYTES: usize = 16 << 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/people", get(people_page))
        .route("/admin/people/{id}", get(person_page))
        .route("/admin/people/{id}/tags", post(tags_submit))
        .route("/admin/people/{id}/fields", post(field_submit))
        .route("/admin/people/{id}/notes", post(note_submit))
        .route(
            "/admin/people/{id}/tokens/{token}/revoke",
            post(token_revoke_submit),
        )
        .route("/admin/people/suggestions", get(suggestions_page))
        .route("/admin/people/{id}/erase", post(erase_submit))
        .route("/settings/export.zip", get(export_mine))
        .route("/settings/privacy", post(privacy_submit))
        .route("/admin/people/merge", post(merge_submit))
        .route("/admin/people/dismiss", post(dismiss_submit))
        .route("/admin/merges/{id}/undo", post(undo_submit))
        .route("/admin/segments", get(segments_page).post(segment_create))
        .route(
            "/admin/segments/{id}",
            get(segment_page).post(segment_update),
        )
        .route("/admin/segments/{id}/delete", post(segment_delete))
        .route("/admin/segments/{id}/tag", post(segment_tag))
        .route("/admin/segments/{id}/export.csv", get(segment_export))
        .route("/api/v1/members/suggestions", get(suggestions_api))
        .route("/api/v1/members/{id}/merge", post(merge_api))
        .route("/api/v1/merges/{id}/undo", post(undo_api))
        .route(
            "/admin/imports",
            get(imports_page)
                .post(upload)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/api/v1/imports",
            post(import_api).layer(DefaultBodyLimit::disable()),
        )
        .route("/admin/imports/running/{token}", get(running_page))
        .route("/admin/imports/retention", post(retention_submit))
        .route("/admin/imports/{id}", get(import_page))
        .route("/api/v1/members", get(members_api))
        .route("/api/v1/members/{id}", get(member_api))
        .route(
            "/api/v1/activities",
            post(activities_api).layer(DefaultBodyLimit::max(INGEST_MAX_BYTES)),
        )
}

#[derive(Serialize, Clone)]
pub struct PersonView {
    id: i64,
    kind: String,
    display_name: String,
    handle: String,
    email: String,
    role: String,
    trust_level: i64,
    created_at: String,
    erased: bool,
    analytics_opt_out: bool,
    url: String,
}

impl PersonView {
    pub fn new(p: &Person) -> Self {
        PersonView {
            id: p.id,
            kind: p.kind.clone(),
            display_name: p.display_name.clone(),
            handle: p.handle.clone(),
            email: p.email.clone(),
            role: p.role.clone(),
            trust_level: p.trust_level,
            created_at: rfc3339(p.created_at),
            erased: p.erased,
            analytics_opt_out: p.analytics_opt_out,
            url: format!("/admin/people/{}", p.id),
        }
    }
}

#[derive(Serialize)]
struct IdentityView {
    channel: String,
    external_id: String,
    handle: String,
    email: String,
    name: String,
    created_at: String,
}

impl IdentityView {
    fn new(i: &Identity) -> Self {
        IdentityView {
            channel: i.channel.clone(),
            external_id: i.external_id.clone(),
            handle: i.handle.clone(),
            email: i.email.clone(),
            name: i.name.clone(),
            created_at: rfc3339(i.created_at),
        }
    }
}

#[derive(Serialize)]
struct MoneyView {
    currency: String,
    cents: i64,
    amount: String,
}

fn money(currency: &str, cents: i64) -> MoneyView {
    let sign = if cents < 0 { "-" } else { "" };
    MoneyView {
        currency: currency.to_string(),
        cents,
        amount: format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100),
    }
}

#[derive(Serialize)]
struct OrderView {
    source: String,
    number: String,
    total: MoneyView,
    refunded: MoneyView,
    status: String,
    lines: serde_json::Value,
    placed_at: String,
}

impl OrderView {
    fn new(o: &Order) -> Self {
        OrderView {
            source: o.source.clone(),
            number: o.external_id.clone(),
            total: money(&o.currency, o.total_cents),
            refunded: money(&o.currency, o.refunded_cents),
            status: o.status.clone(),
            lines: serde_json::from_str(&o.lines).unwrap_or_default(),
            placed_at: rfc3339(o.placed_at),
        }
    }
}

#[derive(Serialize)]
struct TimelineView {
    id: i64,
    kind: String,
    channel: String,
    weight: i64,
    target_type: Option<String>,
    target_id: Option<i64>,
    properties: serde_json::Value,
    /// A few words from the properties: the channel, order number, target or emoji.
    detail: String,
    /// An idea's new status (the page says it in words).
    status: Option<String>,
    occurred_at: String,
}

fn detail(p: &serde_json::Value) -> String {
    let text = |k: &str| p.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
    let mut parts = Vec::new();
    if !text("channel").is_empty() {
        parts.push(format!("#{}", text("channel")));
    }
    for k in ["number", "target", "emoji"] {
        if !text(k).is_empty() {
            parts.push(text(k).to_string());
        }
    }
    parts.join(" · ")
}

impl TimelineView {
    fn new(t: &TimelineItem) -> Self {
        let properties: serde_json::Value = t
            .properties
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_default();
        TimelineView {
            detail: detail(&properties),
            status: properties
                .get("status")
                .and_then(serde_json::Value::as_str)
                .map(str::to_string),
            id: t.id,
            kind: t.kind.clone(),
            channel: t.channel.clone(),
            weight: t.weight,
            target_type: t.target_type.clone(),
            target_id: t.target_id,
            properties,
            occurred_at: rfc3339(t.occurred_at),
        }
    }
}

#[derive(Serialize)]
struct ProfileView {
    member: PersonView,
    identities: Vec<IdentityView>,
    counts: serde_json::Value,
    tags: Vec<String>,
    fields: serde_json::Map<String, serde_json::Value>,
    orders: Vec<OrderView>,
    timeline: Vec<TimelineView>,
    merged_into: Option<i64>,
    merges: Vec<MergeView>,
}

#[derive(Serialize)]
struct MergeView {
    id: i64,
    kept: i64,
    merged: i64,
    evidence: String,
    at: String,
    undone_at: Option<String>,
}

impl MergeView {
    fn new(m: &hearth_store::merges::Merge) -> Self {
        MergeView {
            id: m.id,
            kept: m.member_id,
            merged: m.merged_id,
            evidence: m.evidence.clone(),
            at: rfc3339(m.created_at),
            undone_at: m.undone_at.map(rfc3339),
        }
    }
}

#[derive(Serialize)]
struct SuggestionView {
    a: PersonView,
    b: PersonView,
    evidence: Vec<String>,
    strength: f64,
}

fn suggestion_view(s: &svc::Suggestion) -> SuggestionView {
    SuggestionView {
        a: PersonView::new(&s.a),
        b: PersonView::new(&s.b),
        evidence: s
            .evidence
            .iter()
            .map(|e| svc::evidence_text(std::slice::from_ref(e)))
            .collect(),
        strength: s.strength(),
    }
}

fn profile_view(p: &Profile) -> ProfileView {
    ProfileView {
        member: PersonView::new(&p.person),
        identities: p.identities.iter().map(IdentityView::new).collect(),
        counts: serde_json::json!({
            "activities": p.counts.activities,
            "orders": p.counts.orders,
            "last_active_at": p.counts.last_active_at.map(rfc3339),
            "last_seen_at": p.counts.last_seen_at.map(rfc3339),
            "lifetime_spend": p.counts.spend.iter().map(|(c, v)| money(c, *v)).collect::<Vec<_>>(),
        }),
        tags: p.tags.clone(),
        fields: p
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str())))
            .collect(),
        orders: p.orders.iter().map(OrderView::new).collect(),
        timeline: p.timeline.iter().map(TimelineView::new).collect(),
        merged_into: p.merged_into,
        merges: p.merges.iter().map(MergeView::new).collect(),
    }
}

#[derive(Serialize)]
struct ImportView {
    id: i64,
    kind: String,
    file_name: String,
    status: String,
    rows_read: u64,
    members_created: u64,
    members_matched: u64,
    activities_created: u64,
    rows_skipped: u64,
    skipped: Vec<serde_json::Value>,
    error: Option<String>,
    started_at: String,
    finished_at: String,
    seconds: f64,
}

impl ImportView {
    fn new(r: &ImportRun) -> Self {
        ImportView {
            id: r.id,
            kind: r.kind.clone(),
            file_name: r.file_name.clone(),
            status: r.status.clone(),
            rows_read: r.counts.rows_read,
            members_created: r.counts.members_created,
            members_matched: r.counts.members_matched,
            activities_created: r.counts.activities_created,
            rows_skipped: r.rows_skipped,
            skipped: r
                .counts
                .skipped
                .iter()
                .map(|(line, reason)| serde_json::json!({"line": line, "reason": reason}))
                .collect(),
            error: r.error.clone(),
            started_at: rfc3339(r.started_at),
            finished_at: rfc3339(r.finished_at),
            seconds: (r.finished_at - r.started_at) as f64 / 1000.0,
        }
    }
}

fn serde<T: Serialize>(v: T) -> Value {
    Value::from(minijinja::value::Serde(v))
}

#[derive(Deserialize)]
pub struct PeopleQuery {
    q: Option<String>,
    cursor: Option<String>,
}

async fn people_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(query): Query<PeopleQuery>,
) -> PageResult<Response> {
    let (people, next) = svc::people(
        &state.hearth,
        &me.actor(),
        query.q.as_deref(),
        query.cursor.as_deref(),
    )
    .await?;
    let views: Vec<PersonView> = people.iter().map(PersonView::new).collect();
    let ctx = context! {
        title => "People", title_key => "title-people", section => "people",
        people => serde(views), next_cursor => next, q => query.q.unwrap_or_default(),
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/people.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Deserialize)]
pub struct PersonQuery {
    notice: Option<String>,
    /// The timeline from before this activity: `OCCURRED_MS.ID`, as the "Older" link says.
    before: Option<String>,
}

/// A page of a person's timeline.
const TIMELINE_PAGE: i64 = 100;

async fn person_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    Query(query): Query<PersonQuery>,
) -> PageResult<Response> {
    let id = path_id(&id, "member")?;
    let before = match query.before.as_deref().filter(|b| !b.is_empty()) {
        None => None,
        Some(b) => Some(
            b.split_once('.')
                .and_then(|(at, id)| Some((at.parse().ok()?, id.parse().ok()?)))
                .ok_or_else(|| {
                    ServiceError::Invalid(hearth_core::Invalid::new("before", "err-cursor"))
                })?,
        ),
    };
    // One more than a page, to know whether there is an older one.
    let mut profile =
        svc::profile(&state.hearth, &me.actor(), id, before, TIMELINE_PAGE + 1).await?;
    let older = if profile.timeline.len() as i64 > TIMELINE_PAGE {
        profile.timeline.truncate(TIMELINE_PAGE as usize);
        profile
            .timeline
            .last()
            .map(|last| format!("{}.{}", last.occurred_at, last.id))
    } else {
        None
    };
    let title = profile.person.display_name.clone();
    let warnings: Vec<_> = profile
        .warnings
        .iter()
        .map(|w| context! { message => w.message.clone(), by => w.by_handle.clone(), at => rfc3339(w.created_at) })
        .collect();
    let restrictions: Vec<_> = profile
        .restrictions
        .iter()
        .map(|r| context! { kind => r.kind.clone(), reason => r.reason.clone(), by => r.by_handle.clone(), at => rfc3339(r.created_at), ends_at => r.ends_at.map(rfc3339) })
        .collect();
    let notes: Vec<_> = profile
        .notes
        .iter()
        .map(|n| context! { note => n.note.clone(), by => n.by_handle.clone(), at => rfc3339(n.created_at) })
        .collect();
    // The member's API tokens, for admins above them (others see no such section).
    let tokens: Option<Vec<minijinja::Value>> =
        match crate::services::accounts::tokens(&state.hearth, &me.actor(), id).await {
            Ok(list) => Some(list.iter().map(super::views::token_view).collect()),
            Err(ServiceError::Forbidden(_)) => None,
            Err(e) => return Err(e.into()),
        };
    let insights = super::member_insights::card(&state, &me.actor(), id).await?;
    let ctx = context! {
        title => title, section => "people",
        tokens => tokens,
        insights => insights,
        p => serde(profile_view(&profile)),
        older => older, paged => before.is_some(),
        warnings => warnings, restrictions => restrictions, notes => notes,
        can_erase => hearth_core::access::can_erase_people(&me.actor()),
        notice => query.notice.filter(|n| ["tags", "field", "note", "merged", "unmerged", "erased", "token"].contains(&n.as_str())),
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/person.html", ctx)
            .await?
            .into_response(),
    )
}

/// An admin revokes one of a member's API tokens (audited).
async fn token_revoke_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path((id, token)): Path<(String, String)>,
) -> PageResult<Response> {
    let id = path_id(&id, "member")?;
    let token = path_id(&token, "token")?;
    crate::services::accounts::revoke_token(&state.hearth, &me.actor(), token).await?;
    Ok(Redirect::to(&format!("/admin/people/{id}?notice=token")).into_response())
}

#[derive(Deserialize)]
pub struct TagsForm {
    add: Option<String>,
    remove: Option<String>,
}

async fn tags_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<TagsForm>,
) -> PageResult<Redirect> {
    let id = path_id(&id, "member")?;
    let add: Vec<String> = form
        .add
        .as_deref()
        .map(crate::import::tag_list)
        .unwrap_or_default();
    let remove: Vec<String> = form.remove.into_iter().filter(|t| !t.is_empty()).collect();
    svc::change_tags(&state.hearth, &me.actor(), &[id], &add, &remove).await?;
    Ok(Redirect::to(&format!("/admin/people/{id}?notice=tags")))
}

#[derive(Deserialize)]
pub struct FieldForm {
    name: String,
    value: String,
}

async fn field_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<FieldForm>,
) -> PageResult<Redirect> {
    let id = path_id(&id, "member")?;
    svc::set_field(&state.hearth, &me.actor(), id, &form.name, &form.value).await?;
    Ok(Redirect::to(&format!("/admin/people/{id}?notice=field")))
}

#[derive(Deserialize)]
pub struct NoteForm {
    note: String,
}

async fn note_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<NoteForm>,
) -> PageResult<Redirect> {
    let id = path_id(&id, "member")?;
    svc::note(&state.hearth, &me.actor(), id, &form.note).await?;
    Ok(Redirect::to(&format!("/admin/people/{id}?notice=note")))
}

fn kinds_view() -> Vec<Value> {
    import::KINDS
        .iter()
        .map(|(_, name, _)| context! { name => *name })
        .collect()
}

async fn imports_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let runs = svc::imports(&state.hearth, &me.actor()).await?;
    let views: Vec<ImportView> = runs.iter().map(ImportView::new).collect();
    let ctx = context! {
        title => "Imports", title_key => "title-imports", section => "imports",
        imports => serde(views), kinds => kinds_view(),
        retention_days => state.store().raw_retention_days().await.map_err(ServiceError::from)?,
        max_mb => state.config().limits.import_max_bytes >> 20,
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/imports.html", ctx)
            .await?
            .into_response(),
    )
}

async fn import_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "import")?;
    let run = svc::import_run(&state.hearth, &me.actor(), id).await?;
    let ctx = context! {
        title => run.file_name.clone(), section => "imports",
        run => serde(ImportView::new(&run)),
    };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "admin/import.html", ctx)
            .await?
            .into_response(),
    )
}

/// Writes an uploaded file to `path` as it arrives, refusing it past `limit` bytes and
/// when it is empty. The caller removes the file on an error.
async fn stream_to_file(
    field: &mut axum::extract::multipart::Field<'_>,
    path: &std::path::Path,
    limit: u64,
) -> Result<(), AppError> {
    let internal =
        |e: std::io::Error| AppError::from(ServiceError::internal(format!("import file: {e}")));
    let mut file = tokio::fs::File::create(path).await.map_err(internal)?;
    let mut written: u64 = 0;
    while let Some(chunk) = field.chunk().await.map_err(|e| {
        AppError::bad_request(hearth_core::message!(
            "err-upload-unreadable",
            error = e.body_text()
        ))
    })? {
        written += chunk.len() as u64;
        if written > limit {
            return Err(AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                hearth_core::message!("err-import-too-large", limit = limit),
            ));
        }
        file.write_all(&chunk).await.map_err(internal)?;
    }
    file.flush().await.map_err(internal)?;
    if written == 0 {
        return Err(hearth_core::Invalid::new("file", "err-file-empty").into());
    }
    Ok(())
}

/// An uploaded import (multipart: `kind` and `file`), streamed to the data directory (never
/// held in memory) and refused past `limits.import_max_bytes`. The page and the API both
/// read uploads through here. Returns the kind, the saved file and its name as sent.
async fn receive_upload(
    state: &AppState,
    actor: &crate::services::Actor,
    mut multipart: Multipart,
) -> Result<(Kind, std::path::PathBuf, String), AppError> {
    svc::may_import(actor)?;
    let limit = state.config().limits.import_max_bytes;
    let bad = |e: axum::extract::multipart::MultipartError| {
        AppError::bad_request(hearth_core::message!(
            "err-upload-unreadable",
            error = e.body_text()
        ))
    };
    let mut kind: Option<Kind> = None;
    let mut saved: Option<(std::path::PathBuf, String)> = None;
    let dir = state.config().data_dir.join("imports");
    let forget = |saved: &Option<(std::path::PathBuf, String)>| {
        if let Some((path, _)) = saved {
            let _ = std::fs::remove_file(path);
        }
    };
    while let Some(mut field) = match multipart.next_field().await {
        Ok(f) => f,
        Err(e) => {
            forget(&saved);
            return Err(bad(e));
        }
    } {
        match field.name().unwrap_or_default() {
            "kind" => {
                let parsed = match field.text().await {
                    Ok(text) => Kind::parse(&text).map_err(|e| ServiceError::Import(e).into()),
                    Err(e) => Err(bad(e)),
                };
                match parsed {
                    Ok(k) => kind = Some(k),
                    Err(e) => {
                        forget(&saved);
                        return Err(e);
                    }
                }
            }
            "file" => {
                let file_name = field
                    .file_name()
                    .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| hearth_core::Invalid::new("file", "err-choose-import-file"))
                    .map_err(ServiceError::from)?;
                tokio::fs::create_dir_all(&dir)
                    .await
                    .map_err(|e| ServiceError::internal(format!("import folder: {e}")))?;
                let token = crate::services::accounts::random_secret()?;
                let path = dir.join(format!("upload-{}.part", &token[..16]));
                if let Err(e) = stream_to_file(&mut field, &path, limit).await {
                    let _ = tokio::fs::remove_file(&path).await;
                    forget(&saved);
                    return Err(e);
                }
                forget(&saved);
                saved = Some((path, file_name));
            }
            _ => {}
        }
    }
    let Some((path, file_name)) = saved else {
        return Err(ServiceError::from(hearth_core::Invalid::new(
            "file",
            "err-choose-import-file",
        ))
        .into());
    };
    let Some(kind) = kind else {
        let _ = std::fs::remove_file(&path);
        return Err(ServiceError::from(hearth_core::Invalid::new(
            "kind",
            "err-choose-import-kind",
        ))
        .into());
    };
    Ok((kind, path, file_name))
}

/// `POST /api/v1/imports` (multipart: `kind` and `file`, as the page sends): the upload is
/// imported at once and the answer is its summary (201), as `hearth import --json` prints.
async fn import_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    multipart: Multipart,
) -> Result<Response, super::error::ApiError> {
    let (kind, path, file_name) = receive_upload(&state, &caller.actor, multipart).await?;
    let source = Source {
        path: path.clone(),
        file_name,
        progress: Arc::default(),
    };
    let outcome = svc::import_file(&state.hearth, &caller.actor, kind, &source).await;
    let _ = tokio::fs::remove_file(&path).await;
    let summary = outcome?;
    Ok((StatusCode::CREATED, Json(import::summary_json(&summary))).into_response())
}

/// `POST /admin/imports`: the upload, then the import in the background; the answer is the
/// progress page.
async fn upload(
    State(state): State<AppState>,
    me: CurrentMember,
    multipart: Multipart,
) -> PageResult<Response> {
    let actor = me.actor();
    let (kind, path, file_name) = receive_upload(&state, &actor, multipart).await?;
    let source = Source {
        path: path.clone(),
        file_name: file_name.clone(),
        progress: Arc::default(),
    };
    let run = Arc::new(RunningImport {
        kind,
        file_name,
        progress: source.progress.clone(),
        outcome: std::sync::Mutex::new(None),
        started: std::time::Instant::now(),
    });
    let token = crate::services::accounts::random_secret()?;
    state.imports.start(token.clone(), run.clone());
    let h = state.hearth.clone();
    tokio::spawn(async move {
        let outcome = svc::import_file(&h, &actor, kind, &source)
            .await
            .map(|s| s.import_id)
            .map_err(|e| e.to_string());
        let _ = tokio::fs::remove_file(&path).await;
        run.finish(outcome);
    });
    Ok(Redirect::to(&format!("/admin/imports/running/{token}")).into_response())
}

async fn running_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(token): Path<String>,
) -> PageResult<Response> {
    svc::may_import(&me.actor())?;
    let run = state
        .imports
        .get(&token)
        .ok_or(ServiceError::NotFound("err-not-found-import"))?;
    let outcome = run.outcome();
    if let Some(Ok(id)) = outcome {
        return Ok(Redirect::to(&format!("/admin/imports/{id}")).into_response());
    }
    let ctx = context! {
        title => run.file_name.clone(), section => "imports",
        kind => run.kind.name(), file_name => run.file_name.clone(),
        percent => run.progress.percent(),
        rows => run.progress.rows.load(std::sync::atomic::Ordering::Relaxed),
        error => outcome.and_then(Result::err),
    };
    Ok(render(
        &state,
        &MaybeMember(Some(me.0)),
        "admin/import_running.html",
        ctx,
    )
    .await?
    .into_response())
}

#[derive(Serialize)]
struct MembersPage {
    items: Vec<PersonView>,
    /// The same list under its old name, kept for one release (deprecated in OpenAPI).
    members: Vec<PersonView>,
    next_cursor: Option<String>,
}

async fn members_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<PeopleQuery>,
) -> ApiResult<Json<MembersPage>> {
    let (people, next) = svc::people(
        &state.hearth,
        &caller.actor,
        query.q.as_deref(),
        query.cursor.as_deref(),
    )
    .await?;
    let items: Vec<PersonView> = people.iter().map(PersonView::new).collect();
    Ok(Json(MembersPage {
        members: items.clone(),
        items,
        next_cursor: next,
    }))
}

async fn member_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_id(&id, "member")?;
    let profile = svc::profile(&state.hearth, &caller.actor, id, None, 20).await?;
    let mut view = serde_json::to_value(profile_view(&profile))
        .map_err(|e| ServiceError::internal(e.to_string()))?;
    if let Some(obj) = view.as_object_mut() {
        obj.remove("orders");
        let recent = obj.remove("timeline").unwrap_or_default();
        obj.insert("recent_activity".into(), recent);
    }
    Ok(Json(view).into_response())
}

async fn activities_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Bytes,
) -> ApiResult<Response> {
    let done = svc::ingest(&state.hearth, &caller.actor, &body).await?;
    Ok((
        StatusCode::OK,
        Json(serde_json::json!({
            "received": done.received,
            "created": done.created,
            "duplicates": done.received - done.created,
            "members_created": done.members_created,
            "import_id": done.import_id,
        })),
    )
        .into_response())
}

async fn suggestions_page(
    State(state): State<AppState>,
    me: CurrentMember,
) -> PageResult<Response> {
    let list = svc::suggestions(&state.hearth, &me.actor(), 100).await?;
    let views: Vec<SuggestionView> = list.iter().map(suggestion_view).collect();
    let ctx = context! {
        title => "Suggested merges", title_key => "title-merge-suggestions", section => "people",
        suggestions => serde(views),
    };
    Ok(render(
        &state,
        &MaybeMember(Some(me.0)),
        "admin/suggestions.html",
        ctx,
    )
    .await?
    .into_response())
}

#[derive(Deserialize)]
pub struct PairForm {
    a: String,
    b: String,
}

fn pair(form: &PairForm) -> Result<(i64, i64), ServiceError> {
    Ok((path_id(&form.a, "member")?, path_id(&form.b, "member")?))
}

async fn merge_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<PairForm>,
) -> PageResult<Redirect> {
    let (a, b) = pair(&form)?;
    let (_, kept) = svc::merge(&state.hearth, &me.actor(), a, b).await?;
    Ok(Redirect::to(&format!("/admin/people/{kept}?notice=merged")))
}

async fn dismiss_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<PairForm>,
) -> PageResult<Redirect> {
    let (a, b) = pair(&form)?;
    svc::dismiss(&state.hearth, &me.actor(), a, b).await?;
    Ok(Redirect::to("/admin/people/suggestions"))
}

async fn undo_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Redirect> {
    let id = path_id(&id, "merge")?;
    let m = svc::unmerge(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to(&format!(
        "/admin/people/{}?notice=unmerged",
        m.merged_id
    )))
}

async fn suggestions_api(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<serde_json::Value>> {
    let list = svc::suggestions(&state.hearth, &caller.actor, 100).await?;
    let views: Vec<SuggestionView> = list.iter().map(suggestion_view).collect();
    Ok(Json(
        serde_json::json!({ "items": views, "suggestions": views, "next_cursor": null }),
    ))
}

#[derive(Deserialize)]
pub struct MergeBody {
    other: i64,
}

async fn merge_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    super::extract::ApiJson(body): super::extract::ApiJson<MergeBody>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = path_id(&id, "member")?;
    let (merge, kept) = svc::merge(&state.hearth, &caller.actor, id, body.other).await?;
    Ok(Json(
        serde_json::json!({"merge_id": merge, "kept": kept, "merged": if kept == id { body.other } else { id }}),
    ))
}

async fn undo_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = path_id(&id, "merge")?;
    let m = svc::unmerge(&state.hearth, &caller.actor, id).await?;
    Ok(Json(
        serde_json::json!({"merge_id": m.id, "kept": m.member_id, "merged": m.merged_id, "undone_at": m.undone_at.map(rfc3339)}),
    ))
}

#[derive(Deserialize, Default)]
pub struct SegmentForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    condition: String,
    /// The builder's choice and its values (see `hearth_core::condition_builder`).
    #[serde(default)]
    rule: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    join: String,
    /// Set by the builder's "Add" button: write the choice into the condition, save nothing.
    #[serde(default)]
    add: Option<String>,
    /// Set by an example's button: start from that example, save nothing.
    #[serde(default)]
    example: Option<String>,
}

/// What the builder's buttons ask for: `None` when the form was sent to be saved, or the
/// condition with the choice (or the example) written in.
fn composed(form: &SegmentForm) -> Option<Result<String, hearth_core::Invalid>> {
    use hearth_core::condition_builder as b;
    if let Some(name) = &form.example {
        return Some(
            b::EXAMPLES
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| hearth_core::Invalid::new("example", "err-builder-choose")),
        );
    }
    form.add.as_ref()?;
    Some(
        b::piece(&form.rule, &form.value, &form.days).and_then(|piece| {
            b::add(&form.condition, b::Join::parse(&form.join), &piece)
                .map_err(|e| hearth_core::Invalid::new("condition", e.message))
        }),
    )
}

/// The builder's choices and examples, and what the form last held.
fn builder_context(form: &SegmentForm) -> Value {
    use hearth_core::condition_builder as b;
    let choices: Vec<Value> = b::CHOICES
        .iter()
        .map(|c| context! { name => c.name, needs => format!("{:?}", c.needs).to_lowercase() })
        .collect();
    let examples: Vec<Value> = b::EXAMPLES
        .iter()
        .map(|(name, text)| context! { name => *name, condition => *text })
        .collect();
    let days = if form.days.is_empty() {
        "30"
    } else {
        form.days.as_str()
    };
    context! {
        choices => choices, examples => examples,
        rule => form.rule.clone(), value => form.value.clone(), days => days,
        join => if form.join == "or" { "or" } else { "and" },
    }
}

fn form_error_context(app: &AppError) -> Value {
    context! { field => app.field, message => super::said(app.said.clone()) }
}

async fn segments_context(
    state: &AppState,
    me: &CurrentMember,
) -> Result<Vec<Value>, ServiceError> {
    Ok(svc::segments(&state.hearth, &me.actor())
        .await?
        .into_iter()
        .map(|(s, n)| context! { id => s.id, name => s.name, condition => s.condition, count => n })
        .collect())
}

/// The list of segments and the new segment's form, holding `form` and showing `error`.
async fn segments_view(
    state: &AppState,
    me: CurrentMember,
    form: &SegmentForm,
    status: StatusCode,
    error: Value,
) -> PageResult<Response> {
    let list = segments_context(state, &me).await?;
    let ctx = context! {
        title => "Segments", title_key => "title-segments", section => "segments",
        segments => list, form => context! { name => form.name.clone(), condition => form.condition.clone() },
        builder => builder_context(form), error => error,
    };
    Ok(super::render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/segments.html",
        ctx,
    )
    .await)
}

async fn segments_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    segments_view(
        &state,
        me,
        &SegmentForm::default(),
        StatusCode::OK,
        Value::from(()),
    )
    .await
}

async fn segment_create(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(mut form): PageForm<SegmentForm>,
) -> PageResult<Response> {
    // The builder's buttons only write text; the page they return to checks the asker.
    if let Some(built) = composed(&form) {
        return match built {
            Ok(condition) => {
                form.condition = condition;
                segments_view(&state, me, &form, StatusCode::OK, Value::from(())).await
            }
            Err(invalid) => {
                let app = AppError::from(ServiceError::from(invalid));
                let error = form_error_context(&app);
                segments_view(&state, me, &form, app.status, error).await
            }
        };
    }
    match svc::save_segment(
        &state.hearth,
        &me.actor(),
        None,
        &form.name,
        &form.condition,
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/admin/segments/{id}")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict { .. })) => {
            let app = AppError::from(e);
            let error = form_error_context(&app);
            segments_view(&state, me, &form, app.status, error).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct SegmentQuery {
    after: Option<String>,
    notice: Option<String>,
}

async fn segment_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    Query(q): Query<SegmentQuery>,
) -> PageResult<Response> {
    let id = path_id(&id, "segment")?;
    segment_view(&state, me, id, &q, None, StatusCode::OK, Value::from(())).await
}

/// A segment's page: who is in it, and its form (holding `form` when the builder or a
/// refused save sent it back).
async fn segment_view(
    state: &AppState,
    me: CurrentMember,
    id: i64,
    q: &SegmentQuery,
    form: Option<&SegmentForm>,
    status: StatusCode,
    error: Value,
) -> PageResult<Response> {
    let (segment, count, members, next) =
        svc::segment(&state.hearth, &me.actor(), id, q.after.as_deref()).await?;
    let views: Vec<PersonView> = members.iter().map(PersonView::new).collect();
    let empty = SegmentForm::default();
    let (name, condition) = match form {
        Some(f) => (f.name.clone(), f.condition.clone()),
        None => (segment.name.clone(), segment.condition.clone()),
    };
    let ctx = context! {
        title => segment.name.clone(), section => "segments",
        segment => context! { id => segment.id, name => segment.name, condition => segment.condition },
        form => context! { name => name, condition => condition },
        builder => builder_context(form.unwrap_or(&empty)), error => error,
        count => count, members => serde(views), next_cursor => next,
        // Fixed messages chosen by a code; the only value taken from the URL is a number.
        saved => q.notice.as_deref() == Some("saved"),
        tagged => q.notice.as_deref().and_then(|n| n.strip_prefix("tagged-")).and_then(|n| n.parse::<u64>().ok()),
    };
    Ok(super::render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/segment.html",
        ctx,
    )
    .await)
}

async fn segment_update(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(mut form): PageForm<SegmentForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "segment")?;
    let q = SegmentQuery {
        after: None,
        notice: None,
    };
    let result = match composed(&form) {
        Some(Ok(condition)) => {
            form.condition = condition;
            return segment_view(
                &state,
                me,
                id,
                &q,
                Some(&form),
                StatusCode::OK,
                Value::from(()),
            )
            .await;
        }
        Some(Err(invalid)) => Err(ServiceError::from(invalid)),
        None => {
            svc::save_segment(
                &state.hearth,
                &me.actor(),
                Some(id),
                &form.name,
                &form.condition,
            )
            .await
        }
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/segments/{id}?notice=saved")).into_response()),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict { .. })) => {
            let app = AppError::from(e);
            let error = form_error_context(&app);
            segment_view(&state, me, id, &q, Some(&form), app.status, error).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn segment_delete(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Redirect> {
    let id = path_id(&id, "segment")?;
    svc::delete_segment(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to("/admin/segments"))
}

#[derive(Deserialize)]
pub struct TagAllForm {
    tag: String,
}

async fn segment_tag(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<TagAllForm>,
) -> PageResult<Redirect> {
    let id = path_id(&id, "segment")?;
    let n = svc::tag_segment(&state.hearth, &me.actor(), id, &form.tag).await?;
    Ok(Redirect::to(&format!(
        "/admin/segments/{id}?notice=tagged-{n}"
    )))
}

/// The segment's members as CSV (RFC 4180; cells that a spreadsheet would run as a
/// formula are prefixed with `'`).
async fn segment_export(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "segment")?;
    Ok(segment_csv(&state, &me.actor(), id).await?)
}

/// A segment's members now, as a CSV download (the page's export and the API's); cells
/// a spreadsheet would run as a formula are defused.
pub(super) async fn segment_csv(
    state: &AppState,
    actor: &crate::services::Actor,
    id: i64,
) -> Result<Response, ServiceError> {
    svc::limit_exports(&state.hearth, actor).await?;
    let (segment, members) = svc::segment_members(&state.hearth, actor, id).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ServiceError::internal(format!("csv: {e}"));
    out.write_record([
        "id",
        "kind",
        "name",
        "handle",
        "email",
        "trust_level",
        "joined_at",
    ])
    .map_err(fail)?;
    for m in &members {
        out.write_record([
            m.id.to_string(),
            m.kind.clone(),
            spreadsheet_safe(&m.display_name),
            spreadsheet_safe(&m.handle),
            spreadsheet_safe(&m.email),
            m.trust_level.to_string(),
            rfc3339(m.created_at),
        ])
        .map_err(fail)?;
    }
    let body = out
        .into_inner()
        .map_err(|e| ServiceError::internal(format!("csv: {e}")))?;
    let file: String = segment
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"segment-{file}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}

fn spreadsheet_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

/// `POST /admin/people/{id}/erase`: the owner types the word ERASE to confirm.
async fn erase_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<EraseForm>,
) -> PageResult<Redirect> {
    let id = path_id(&id, "member")?;
    if form.confirm.trim() != "ERASE" {
        return Err(hearth_core::Invalid::new("confirm", "err-type-erase").into());
    }
    svc::erase(&state.hearth, &me.actor(), id).await?;
    Ok(Redirect::to(&format!("/admin/people/{id}?notice=erased")))
}

/// `GET /settings/export.zip`: everything Hearth keeps about the member, as JSON files.
async fn export_mine(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    let bytes = svc::export_my_data(&state.hearth, &me.actor()).await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/zip".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-data.zip\"".to_string(),
            ),
            (axum::http::header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct PrivacyForm {
    analytics_opt_out: Option<String>,
}

async fn privacy_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<PrivacyForm>,
) -> PageResult<Redirect> {
    svc::set_analytics_opt_out(&state.hearth, &me.actor(), form.analytics_opt_out.is_some())
        .await?;
    Ok(Redirect::to("/settings?done=privacy"))
}

#[derive(Deserialize)]
pub struct RetentionForm {
    #[serde(default)]
    retention_days: String,
}

async fn retention_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<RetentionForm>,
) -> PageResult<Redirect> {
    svc::set_retention(&state.hearth, &me.actor(), &form.retention_days).await?;
    Ok(Redirect::to("/admin/imports"))
}
