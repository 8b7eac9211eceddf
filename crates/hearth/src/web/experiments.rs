//! Invitation experiments on the web: the API (`GET`/`POST /api/v1/insights/experiments`,
//! `GET /api/v1/insights/experiments/{id}` and its `/split`) and the pages
//! (`/admin/insights/experiments`, the form that starts one, one experiment's result and
//! its split as CSV). There is no route that edits or stops an experiment.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, PageForm, path_id};
use super::insights::{InsightsQuery, finish, merge, page_base, round};
use super::views::rfc3339;
use crate::app::AppState;
use crate::services::ServiceError;
use crate::services::experiments::{self as svc, LeftOut, METHOD, StartInput, View};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use hearth_insights::experiment::Effect;
use hearth_store::experiments::Experiment;
use minijinja::{Value, context};
use serde::Deserialize;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/insights/experiments",
            get(list_api).post(create_api),
        )
        .route("/api/v1/insights/experiments/{id}", get(read_api))
        .route("/api/v1/insights/experiments/{id}/split", get(split_api))
        .route(
            "/admin/insights/experiments",
            get(list_page).post(create_submit),
        )
        .route("/admin/insights/experiments/{id}", get(read_page))
        .route("/admin/insights/experiments/{id}/split.csv", get(split_csv))
}

fn status(e: &Experiment, now: i64) -> &'static str {
    if now >= e.ends_at {
        "finished"
    } else {
        "running"
    }
}

fn summary_json(e: &Experiment, now: i64) -> serde_json::Value {
    json!({
        "id": e.id,
        "name": e.name,
        "segment": {"id": e.segment_id, "name": e.segment_name, "condition": e.condition},
        "seed": e.seed,
        "holdout_percent": e.holdout_percent,
        "outcome_days": e.outcome_days,
        "started_at": rfc3339(e.started_at),
        "ends_at": rfc3339(e.ends_at),
        "status": status(e, now),
        "invited": e.invited,
        "holdout": e.holdout,
    })
}

fn effect_json(e: &Effect, digits: i32) -> serde_json::Value {
    json!({
        "invited": round(e.invited, digits),
        "holdout": round(e.holdout, digits),
        "effect": round(e.effect, digits),
        "ci_low": round(e.low, digits),
        "ci_high": round(e.high, digits),
    })
}

fn view_json(v: &View) -> serde_json::Value {
    let results = v.report.as_ref().map(|r| {
        json!({
            "joined": effect_json(&r.joined, 4),
            "spend": effect_json(&r.spend, 2),
            "spend_relative": r.spend_relative.as_ref().map(|e| effect_json(e, 4)),
            "bought_again": effect_json(&r.bought, 4),
        })
    });
    merge(
        summary_json(&v.experiment, crate::services::now()),
        json!({
            "left_out": v.left_out,
            "counted_until": rfc3339(v.until),
            "opted_out": v.opted_out,
            "method": METHOD,
            "results": results,
        }),
    )
}

async fn list_api(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<serde_json::Value>> {
    let list = svc::list(&state.hearth, &caller.actor).await?;
    let now = crate::services::now();
    Ok(Json(
        json!({ "next_cursor": null, "items": list.iter().map(|e| summary_json(e, now)).collect::<Vec<_>>() }),
    ))
}

/// A new experiment, as the API sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewExperiment {
    name: String,
    segment_id: i64,
    holdout_percent: Option<i64>,
    outcome_days: Option<i64>,
    seed: Option<i64>,
}

async fn create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(e): ApiJson<NewExperiment>,
) -> ApiResult<Response> {
    let h = &state.hearth;
    let id = svc::start(
        h,
        &caller.actor,
        &StartInput {
            name: &e.name,
            segment_id: e.segment_id,
            holdout_percent: e.holdout_percent,
            outcome_days: e.outcome_days,
            seed: e.seed,
        },
    )
    .await?;
    let v = svc::read(h, &caller.actor, id).await?;
    Ok((StatusCode::CREATED, Json(view_json(&v))).into_response())
}

async fn read_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = path_id(&id, "experiment")?;
    let v = svc::read(&state.hearth, &caller.actor, id).await?;
    Ok(Json(view_json(&v)))
}

async fn split_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = path_id(&id, "experiment")?;
    let (e, people) = svc::split_of(&state.hearth, &caller.actor, id).await?;
    Ok(Json(json!({
        "id": e.id, "seed": e.seed, "holdout_percent": e.holdout_percent,
        "next_cursor": null,
        "items": people.iter().map(|(m, invited)| json!({
            "member_id": m, "group": if *invited { "invited" } else { "holdout" },
        })).collect::<Vec<_>>(),
    })))
}

async fn split_csv(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "experiment")?;
    let (e, people) = svc::split_of(&state.hearth, &me.actor(), id).await?;
    let mut csv = String::from("member_id,group\n");
    for (m, invited) in people {
        csv.push_str(&format!(
            "{m},{}\n",
            if invited { "invited" } else { "holdout" }
        ));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"experiment-{}-split.csv\"", e.id),
            ),
        ],
        csv,
    )
        .into_response())
}

/// The form's fields are all text.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
struct ExperimentForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    segment_id: String,
    #[serde(default)]
    holdout_percent: String,
    #[serde(default)]
    outcome_days: String,
    #[serde(default)]
    seed: String,
}

/// A whole number from a form field: `None` when empty, `Err` naming the field when not
/// a number.
fn number(field: &'static str, text: &str) -> Result<Option<i64>, ServiceError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| hearth_core::Invalid::new(field, "err-not-a-whole-number").into())
}

async fn create_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(f): PageForm<ExperimentForm>,
) -> PageResult<Response> {
    let actor = me.actor();
    let started = async {
        let segment_id = number("segment_id", &f.segment_id)?.ok_or_else(|| {
            hearth_core::Invalid::new("segment_id", "err-experiment-segment-missing")
        })?;
        svc::start(
            &state.hearth,
            &actor,
            &StartInput {
                name: &f.name,
                segment_id,
                holdout_percent: number("holdout_percent", &f.holdout_percent)?,
                outcome_days: number("outcome_days", &f.outcome_days)?,
                seed: number("seed", &f.seed)?,
            },
        )
        .await
    }
    .await;
    match started {
        Ok(id) => Ok(
            Redirect::to(&format!("/admin/insights/experiments/{id}?done=started")).into_response(),
        ),
        Err(ServiceError::Invalid(inv)) => {
            let error =
                context! { field => inv.field, message => super::said(inv.message.clone()) };
            list(&state, me, &f, error, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn list_page(State(state): State<AppState>, me: CurrentMember) -> PageResult<Response> {
    list(
        &state,
        me,
        &ExperimentForm::default(),
        Value::from(()),
        StatusCode::OK,
    )
    .await
}

async fn list(
    state: &AppState,
    me: CurrentMember,
    form: &ExperimentForm,
    error: Value,
    code: StatusCode,
) -> PageResult<Response> {
    let actor = me.actor();
    let h = &state.hearth;
    let base = page_base(state, &actor, &InsightsQuery::default(), "experiments").await?;
    let list = svc::list(h, &actor).await?;
    let now = crate::services::now();
    let may_run = hearth_core::access::can_run_experiments(&actor);
    let segments = if may_run {
        crate::services::people::segments(h, &actor).await?
    } else {
        Vec::new()
    };
    let ctx = context! {
        experiments => list.iter().map(|e| context! {
            id => e.id, name => e.name.clone(), segment => e.segment_name.clone(),
            started => e.started_at, ends => e.ends_at,
            status => status(e, now), invited => e.invited, holdout => e.holdout,
        }).collect::<Vec<_>>(),
        may_run => may_run,
        mail_ready => h.mailer.is_some(),
        segments => segments.iter().map(|(s, n)| context! { id => s.id, name => s.name.clone(), count => n }).collect::<Vec<_>>(),
        form => context! {
            name => form.name.clone(), segment_id => form.segment_id.clone(),
            holdout_percent => if form.holdout_percent.is_empty() { "50".to_string() } else { form.holdout_percent.clone() },
            outcome_days => if form.outcome_days.is_empty() { "90".to_string() } else { form.outcome_days.clone() },
            seed => form.seed.clone(),
        },
        min_people => svc::MIN_PEOPLE,
        error => error,
        asked => (),
        ..base
    };
    let mut r = finish(state, me, "admin/insights_experiments.html", ctx).await?;
    *r.status_mut() = code;
    Ok(r)
}

/// Money in minor units as whole units, signed when asked.
fn money(cents: f64, signed: bool) -> String {
    if signed {
        format!("{:+.2}", cents / 100.0)
    } else {
        format!("{:.2}", cents / 100.0)
    }
}

fn points(share: f64) -> String {
    format!("{:+.1}", share * 100.0)
}

fn share(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// One outcome as the page shows it: both groups with a bar each, the difference and its
/// interval in words.
fn outcome(
    kind: &str,
    e: &Effect,
    shown: impl Fn(f64) -> String,
    diff: impl Fn(f64) -> String,
) -> Value {
    let top = e.invited.max(e.holdout).max(1e-9);
    let bar = |x: f64| ((x / top * 10.0).round() as i64 * 10).clamp(0, 100);
    context! {
        kind => kind,
        verdict => e.verdict(),
        invited => shown(e.invited), holdout => shown(e.holdout),
        invited_bar => bar(e.invited), holdout_bar => bar(e.holdout),
        effect => diff(e.effect), low => diff(e.low), high => diff(e.high),
        relative => (),
    }
}

async fn read_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<InsightsQuery>,
) -> PageResult<Response> {
    let id = path_id(&id, "experiment")?;
    let actor = me.actor();
    let base = page_base(&state, &actor, &InsightsQuery::default(), "experiments").await?;
    let v = svc::read(&state.hearth, &actor, id).await?;
    let e = &v.experiment;
    let outcomes = v.report.as_ref().map(|r| {
        let mut list = vec![
            outcome("joined", &r.joined, share, points),
            outcome("spend", &r.spend, |x| money(x, false), |x| money(x, true)),
            outcome("bought", &r.bought, share, points),
        ];
        if let Some(rel) = &r.spend_relative {
            list[1] = context! {
                relative => format!("{:+.0}%", rel.effect * 100.0),
                relative_low => format!("{:+.0}%", rel.low * 100.0),
                relative_high => format!("{:+.0}%", rel.high * 100.0),
                ..list[1].clone()
            };
        }
        list
    });
    let LeftOut {
        members,
        no_email,
        unsubscribed,
        in_another,
    } = v.left_out;
    let ctx = context! {
        experiment => context! {
            id => e.id, name => e.name.clone(), segment => e.segment_name.clone(), condition => e.condition.clone(),
            seed => e.seed.to_string(), holdout_percent => e.holdout_percent, outcome_days => e.outcome_days,
            started => e.started_at, ends => e.ends_at, until => v.until,
            finished => v.finished, invited => e.invited, holdout => e.holdout,
        },
        left_out => context! { members, no_email, unsubscribed, in_another, any => members + no_email + unsubscribed + in_another > 0 },
        opted_out => v.opted_out,
        outcomes => outcomes,
        started_now => q.done.as_deref() == Some("started"),
        method => METHOD,
        error => (),
        asked => (),
        ..base
    };
    finish(&state, me, "admin/insights_experiment.html", ctx).await
}
