//! Points on the web: a member's points page (`/points`), the leaderboards
//! (`/leaderboard`), the public ledger check (`/ledger`), the owner's points settings
//! (`/admin/points`) and their API twins.

use super::error::{ApiResult, PageResult};
use super::extract::{
    ApiCaller, ApiJson, CurrentMember, MaybeMember, PageForm, form_number, path_id,
};
use super::render_status;
use crate::app::AppState;
use crate::services::ServiceError;
use crate::services::points::{self as svc, ApplyFrom, Level, Period, PolicyDoc, RuleDoc};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hearth_core::Invalid;
use hearth_core::points::Entry;
use minijinja::context;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/members/{id}/points", get(member_points_api))
        .route("/api/v1/leaderboard", get(leaderboard_api))
        .route("/api/v1/ledger/verify", get(verify_api))
        .route("/api/v1/points/rules", get(rules_api).put(set_rules_api))
        .route("/api/v1/points/seasons", post(season_api))
        .route("/points", get(points_page))
        .route("/leaderboard", get(leaderboard_page))
        .route("/ledger", get(ledger_page))
        .route("/admin/points", get(admin_page).post(admin_submit))
        .route("/admin/points/season", post(season_submit))
}

pub fn entry_json(e: &Entry) -> Value {
    json!({
        "id": e.id,
        "amount": e.amount,
        "kind": e.kind,
        "reason": e.reason,
        "activity_id": e.activity_id,
        "space_id": e.space_id,
        "occurred_at": crate::render::rfc3339(e.occurred_at),
        "created_at": crate::render::rfc3339(e.created_at),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    })
}

#[derive(Debug, Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
}

async fn member_points_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id, "member")?;
    let p = svc::member_points(&state.hearth, &caller.actor, id, q.cursor.as_deref()).await?;
    Ok(Json(json!({
        "member_id": id,
        "balance": p.points.balance,
        "earned": p.points.earned,
        "level": p.points.level,
        "next_level_at": p.next_level_at,
        "entries": p.entries.iter().map(entry_json).collect::<Vec<_>>(),
        "next_cursor": p.next_cursor,
    })))
}

#[derive(Debug, Deserialize)]
pub struct BoardQuery {
    period: Option<String>,
    space: Option<String>,
}

fn board_json(b: &svc::Leaderboard) -> Value {
    json!({
        "period": b.period.as_str(),
        "space": b.space.as_ref().map(|s| s.slug.clone()),
        "season": b.season.as_ref().map(|(_, name, at)| json!({"name": name, "started_at": crate::render::rfc3339(*at)})),
        "items": b.rows.iter().enumerate().map(|(i, (a, points))| json!({
            "rank": i + 1,
            "member": {"id": a.id, "handle": a.handle, "display_name": a.display_name},
            "points": points,
        })).collect::<Vec<_>>(),
        "next_cursor": null,
    })
}

async fn board(
    state: &AppState,
    actor: &hearth_core::access::Actor,
    q: &BoardQuery,
) -> Result<svc::Leaderboard, ServiceError> {
    let period = Period::parse(q.period.as_deref().unwrap_or("30d"))?;
    svc::leaderboard(&state.hearth, actor, period, q.space.as_deref()).await
}

async fn leaderboard_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<BoardQuery>,
) -> ApiResult<Json<Value>> {
    Ok(Json(board_json(&board(&state, &caller.actor, &q).await?)))
}

fn verification_json(v: &hearth_store::points::Verification) -> Value {
    json!({
        "ok": v.first_bad.is_none(),
        "entries": v.entries,
        "head_hash": v.head_hash,
        "first_bad_entry": v.first_bad.map(|(id, _)| id),
        "problem": v.first_bad.map(|(_, p)| p.as_str()),
    })
}

async fn verify_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Value>> {
    let v = svc::verify(&state.hearth, &caller.actor).await?;
    Ok(Json(verification_json(&v)))
}

async fn rules_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<PolicyDoc>> {
    Ok(Json(svc::policy_doc(&state.hearth, &caller.actor).await?))
}

#[derive(Debug, Deserialize)]
pub struct ApplyQuery {
    apply_from: Option<String>,
}

/// `now` (or nothing), `all`, or a day `YYYY-MM-DD`.
fn apply_from(s: Option<&str>) -> Result<ApplyFrom, ServiceError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("now") => Ok(ApplyFrom::Now),
        Some("all") => Ok(ApplyFrom::AllHistory),
        Some(day) => {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            let date = time::Date::parse(day, &format)
                .map_err(|_| Invalid::new("apply_from", "err-points-apply-from"))?;
            Ok(ApplyFrom::Date(
                date.midnight().assume_utc().unix_timestamp() * 1000,
            ))
        }
    }
}

async fn set_rules_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ApplyQuery>,
    ApiJson(doc): ApiJson<PolicyDoc>,
) -> ApiResult<Json<Value>> {
    let from = apply_from(q.apply_from.as_deref())?;
    let corrections = svc::set_policy(&state.hearth, &caller.actor, &doc, from).await?;
    let mut v = serde_json::to_value(svc::policy_doc(&state.hearth, &caller.actor).await?)
        .unwrap_or_default();
    v["corrections"] = json!(corrections);
    Ok(Json(v))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeasonBody {
    name: String,
}

async fn season_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(b): ApiJson<SeasonBody>,
) -> ApiResult<Response> {
    let id = svc::start_season(&state.hearth, &caller.actor, &b.name).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "name": b.name.trim()})),
    )
        .into_response())
}

// --- Pages ------------------------------------------------------------------------------

/// Words for an entry's reason on the member's page.
fn reason_key(e: &Entry) -> &'static str {
    use hearth_core::activity as k;
    match (e.kind.as_str(), e.reason.as_str()) {
        ("redeem", _) => "points-reason-redeem",
        ("refund", _) => "points-reason-refund",
        ("referral", _) => "points-reason-referral",
        (_, k::TOPIC_STARTED) => "points-reason-topic",
        (_, k::QUESTION_ASKED) => "points-reason-question",
        (_, k::REPLIED) => "points-reason-reply",
        (_, k::ANSWER_ACCEPTED) => "points-reason-answer",
        (_, k::REACTED | k::REACTION_ADDED) => "points-reason-reaction",
        (_, k::EVENT_ATTENDED) => "points-reason-event",
        (_, k::IDEA_STATUS_CHANGED) => "points-reason-idea",
        _ => "points-reason-other",
    }
}

fn entry_view(e: &Entry) -> minijinja::Value {
    context! {
        id => e.id, amount => e.amount, kind => e.kind.clone(), reason => e.reason.clone(),
        reason_key => reason_key(e), occurred_at => e.occurred_at,
    }
}

async fn points_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<CursorQuery>,
) -> PageResult<Response> {
    let p = svc::member_points(&state.hearth, &me.actor(), me.0.id, q.cursor.as_deref()).await?;
    let levels: Vec<minijinja::Value> = p
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| context! { number => i + 1, points => l.points, name => l.name.clone(), perk => l.perk.clone(), reached => (i as i64 + 1) <= p.points.level })
        .collect();
    let current_at = p
        .levels
        .get(usize::try_from(p.points.level - 1).unwrap_or(0))
        .map_or(0, |l| l.points);
    let progress = p.next_level_at.map_or(100, |next| {
        let span = (next - current_at).max(1);
        ((p.points.earned - current_at).clamp(0, span) * 100 / span) as i64
    });
    let ctx = context! {
        title => "Points", title_key => "title-points",
        balance => p.points.balance, earned => p.points.earned, level => p.points.level,
        next_level_at => p.next_level_at, to_next => p.next_level_at.map(|n| n - p.points.earned),
        progress => progress, levels => levels,
        entries => p.entries.iter().map(entry_view).collect::<Vec<_>>(),
        next_cursor => p.next_cursor,
    };
    Ok(render_status(
        &state,
        &MaybeMember(Some(me.0)),
        StatusCode::OK,
        "points.html",
        ctx,
    )
    .await)
}

async fn leaderboard_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<BoardQuery>,
) -> PageResult<Response> {
    let b = board(&state, &me.actor(), &q).await?;
    let spaces = crate::services::spaces::visible_spaces(&state.hearth, &me.actor()).await?;
    let rows: Vec<minijinja::Value> = b
        .rows
        .iter()
        .enumerate()
        .map(|(i, (a, points))| {
            context! {
                rank => i + 1, handle => a.handle.clone(), display_name => a.display_name.clone(),
                avatar_id => a.avatar_id, points => points, me => a.id == me.0.id,
            }
        })
        .collect();
    let ctx = context! {
        title => "Leaderboard", title_key => "title-leaderboard",
        period => b.period.as_str(), periods => Period::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        space => b.space.as_ref().map(|s| s.slug.clone()),
        spaces => spaces.iter().map(|s| context! { slug => s.slug.clone(), name => s.name.clone() }).collect::<Vec<_>>(),
        season => b.season.as_ref().map(|(_, name, at)| context! { name => name.clone(), started_at => at }),
        rows => rows,
    };
    Ok(render_status(
        &state,
        &MaybeMember(Some(me.0)),
        StatusCode::OK,
        "leaderboard.html",
        ctx,
    )
    .await)
}

async fn ledger_page(State(state): State<AppState>, me: MaybeMember) -> PageResult<Response> {
    let v = svc::verify(&state.hearth, &me.actor()).await?;
    let ctx = context! {
        title => "Ledger", title_key => "title-ledger",
        ok => v.first_bad.is_none(), entries => v.entries, head_hash => v.head_hash.clone(),
        bad_entry => v.first_bad.map(|(id, _)| id), problem => v.first_bad.map(|(_, p)| p.as_str()),
    };
    Ok(render_status(&state, &me, StatusCode::OK, "ledger.html", ctx).await)
}

/// The kinds offered on the rules form: the defaults' kinds, then the other channels'.
const RULE_KINDS: &[&str] = &[
    hearth_core::activity::TOPIC_STARTED,
    hearth_core::activity::QUESTION_ASKED,
    hearth_core::activity::REPLIED,
    hearth_core::activity::ANSWER_ACCEPTED,
    hearth_core::activity::REACTED,
    hearth_core::activity::EVENT_ATTENDED,
    hearth_core::activity::IDEA_STATUS_CHANGED,
    hearth_core::activity::IDEA_VOTED,
    hearth_core::activity::POLL_VOTED,
    hearth_core::activity::MESSAGE_SENT,
    hearth_core::activity::MESSAGE_REPLIED,
    hearth_core::activity::REACTION_ADDED,
    hearth_core::activity::EVENT_CHECKED_IN,
];

/// Empty rows offered on the form for new rules and levels.
const SPARE_ROWS: usize = 3;

async fn admin_context(state: &AppState, doc: &PolicyDoc) -> PageResult<minijinja::Value> {
    let spaces = state.store().spaces().await.map_err(ServiceError::from)?;
    let season = state.store().season().await.map_err(ServiceError::from)?;
    let mut rules: Vec<minijinja::Value> = doc
        .rules
        .iter()
        .map(|r| context! { kind => r.kind.clone(), channel => r.channel.clone().unwrap_or_default(), points => r.points, cap => r.daily_cap })
        .collect();
    rules.extend(
        (0..SPARE_ROWS).map(|_| context! { kind => "", channel => "", points => "", cap => () }),
    );
    let mut levels: Vec<minijinja::Value> = doc
        .levels
        .iter()
        .map(|l| context! { points => l.points, name => l.name.clone(), space_id => l.space_id, perk => l.perk.clone() })
        .collect();
    levels.extend(
        (0..SPARE_ROWS).map(|_| context! { points => "", name => "", space_id => (), perk => "" }),
    );
    Ok(context! {
        title => "Points", title_key => "title-admin-points", section => "points",
        rules => rules, rule_kinds => RULE_KINDS.to_vec(), levels => levels,
        member_daily_cap => doc.member_daily_cap, same_pair_daily_reactions => doc.same_pair_daily_reactions,
        reaction_max_age_days => doc.reaction_max_age_days, referral_joined => doc.referral_joined,
        referral_purchase => doc.referral_purchase, exclude_staff => doc.exclude_staff,
        spaces => spaces.iter().filter(|s| s.archived_at.is_none()).map(|s| context! { id => s.id, name => s.name.clone() }).collect::<Vec<_>>(),
        season => season.map(|(_, name, at)| context! { name => name, started_at => at }),
    })
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
    corrections: Option<i64>,
}

async fn admin_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<DoneQuery>,
) -> PageResult<Response> {
    let doc = svc::policy_doc(&state.hearth, &me.actor()).await?;
    let ctx = admin_context(&state, &doc).await?;
    let ctx = context! { ..ctx, ..context! { error => (), done => q.done, corrections => q.corrections } };
    Ok(render_status(
        &state,
        &MaybeMember(Some(me.0)),
        StatusCode::OK,
        "admin/points.html",
        ctx,
    )
    .await)
}

/// The policy as the form says it: rows `rule_kind_N`…, `level_points_N`…, and the limits.
fn doc_from_form(f: &BTreeMap<String, String>) -> Result<PolicyDoc, ServiceError> {
    let mut rules = Vec::new();
    for i in 0.. {
        let Some(kind) = f.get(&format!("rule_kind_{i}")) else {
            break;
        };
        let kind = kind.trim();
        let points = form_number(f, &format!("rule_points_{i}"), "rules")?;
        if kind.is_empty() {
            continue;
        }
        rules.push(RuleDoc {
            kind: kind.to_string(),
            channel: f
                .get(&format!("rule_channel_{i}"))
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            points: points.unwrap_or(0),
            daily_cap: form_number(f, &format!("rule_cap_{i}"), "rules")?,
        });
    }
    let mut levels = Vec::new();
    for i in 0.. {
        if !f.contains_key(&format!("level_points_{i}")) {
            break;
        }
        let Some(points) = form_number(f, &format!("level_points_{i}"), "levels")? else {
            continue;
        };
        levels.push(Level {
            points,
            name: f
                .get(&format!("level_name_{i}"))
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            space_id: form_number(f, &format!("level_space_{i}"), "levels")?,
            perk: f
                .get(&format!("level_perk_{i}"))
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
        });
    }
    let d = PolicyDoc::default();
    Ok(PolicyDoc {
        rules,
        member_daily_cap: form_number(f, "member_daily_cap", "member_daily_cap")?
            .unwrap_or(d.member_daily_cap),
        same_pair_daily_reactions: form_number(
            f,
            "same_pair_daily_reactions",
            "same_pair_daily_reactions",
        )?
        .unwrap_or(d.same_pair_daily_reactions),
        reaction_max_age_days: form_number(f, "reaction_max_age_days", "reaction_max_age_days")?
            .unwrap_or(d.reaction_max_age_days),
        referral_joined: form_number(f, "referral_joined", "referral_joined")?
            .unwrap_or(d.referral_joined),
        referral_purchase: form_number(f, "referral_purchase", "referral_purchase")?
            .unwrap_or(d.referral_purchase),
        levels,
        exclude_staff: f.contains_key("exclude_staff"),
    })
}

async fn admin_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let apply = match f.get("apply").map(String::as_str) {
        Some("all") => Some("all"),
        Some("date") => f.get("apply_date").map(String::as_str),
        _ => None,
    };
    let result = async {
        let doc = doc_from_form(&f)?;
        let from = apply_from(apply)?;
        let n = svc::set_policy(&state.hearth, &me.actor(), &doc, from).await?;
        Ok::<_, ServiceError>((doc, n))
    }
    .await;
    match result {
        Ok((_, n)) => {
            Ok(Redirect::to(&format!("/admin/points?done=saved&corrections={n}")).into_response())
        }
        Err(e) => {
            let doc = match doc_from_form(&f) {
                Ok(doc) => doc,
                Err(_) => svc::policy_doc(&state.hearth, &me.actor()).await?,
            };
            admin_error(&state, me, e, &doc).await
        }
    }
}

async fn season_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(f): PageForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let name = f.get("name").map(String::as_str).unwrap_or("");
    match svc::start_season(&state.hearth, &me.actor(), name).await {
        Ok(_) => Ok(Redirect::to("/admin/points?done=season").into_response()),
        Err(e) => {
            let doc = svc::policy_doc(&state.hearth, &me.actor()).await?;
            admin_error(&state, me, e, &doc).await
        }
    }
}

/// The settings page again with a form's error (showing `doc`), or the error page.
async fn admin_error(
    state: &AppState,
    me: CurrentMember,
    e: ServiceError,
    doc: &PolicyDoc,
) -> PageResult<Response> {
    let Some(err) = super::account::field_error(&e) else {
        return Err(e.into());
    };
    let status = super::error::classify(&e).0;
    let ctx = admin_context(state, doc).await?;
    let ctx = context! { ..ctx, ..context! { error => err, done => (), corrections => () } };
    Ok(render_status(
        state,
        &MaybeMember(Some(me.0)),
        status,
        "admin/points.html",
        ctx,
    )
    .await)
}
