//! Insights on the web: the dashboard (`/admin/insights`), each section's numbers as CSV
//! (`/admin/insights/{section}.csv`), and the API (`/api/v1/insights/...`). Every route
//! takes the same filters (`services::insights::Query`), checked by the service.

use super::charts;
use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, PageForm};
use super::render;
use crate::app::AppState;
use crate::services::insights::{self as svc, Asked, Query as Filters, day, seconds};
use crate::services::{Actor, ServiceError};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::Redirect;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hearth_insights::Period;
use hearth_insights::definitions::definition;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/insights", get(page))
        .route("/admin/insights/{file}", get(csv_download))
        .route("/admin/insights/viewers", post(viewers_submit))
        .route(
            "/api/v1/insights/viewers",
            get(viewers_api).put(viewers_put_api),
        )
        .route("/api/v1/insights/summary", get(summary_api))
        .route("/api/v1/insights/active", get(active_api))
        .route("/api/v1/insights/retention", get(retention_api))
        .route("/api/v1/insights/growth", get(growth_api))
        .route("/api/v1/insights/support", get(support_api))
        .route("/api/v1/insights/first-response", get(first_response_api))
        .route("/api/v1/insights/contributors", get(contributors_api))
        .route("/api/v1/insights/top-content", get(top_content_api))
}

/// The filters as a query string carries them. Every field is text, so a query string
/// never fails to read: the service names what is wrong.
#[derive(Debug, Default, Deserialize, Serialize, Clone)]
pub struct InsightsQuery {
    range: Option<String>,
    from: Option<String>,
    to: Option<String>,
    period: Option<String>,
    tz: Option<String>,
    channel: Option<String>,
    space: Option<String>,
    segment: Option<String>,
    staff: Option<String>,
    /// Retention: `week` or `month`.
    cohort: Option<String>,
    /// Support: unanswered questions older than this many hours (default 24).
    hours: Option<String>,
    /// Lists (champions, bridges): how many (1 to 100, default 10).
    limit: Option<String>,
    /// The page's notice after a form (`viewers`).
    #[serde(skip_serializing)]
    pub(super) done: Option<String>,
}

impl InsightsQuery {
    pub(super) fn filters(&self) -> Filters {
        Filters {
            range: self.range.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            period: self.period.clone(),
            tz: self.tz.clone(),
            channel: self.channel.clone(),
            space: self.space.clone(),
            segment: self.segment.clone(),
            staff: self.staff.clone(),
        }
    }

    fn cohort(&self, asked: &Asked) -> Result<Period, ServiceError> {
        match self
            .cohort
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Ok(if asked.period == Period::Month {
                Period::Month
            } else {
                Period::Week
            }),
            Some("week") => Ok(Period::Week),
            Some("month") => Ok(Period::Month),
            Some(_) => Err(hearth_core::Invalid::new("cohort", "err-insights-cohort").into()),
        }
    }

    /// How many items a list shows: 1 to 100, 10 by default.
    pub(super) fn limit(&self) -> Result<usize, ServiceError> {
        self.limit_or(10)
    }

    /// The same, with a page's own default.
    pub(super) fn limit_or(&self, default: usize) -> Result<usize, ServiceError> {
        whole_number(
            &self.limit,
            "limit",
            1..=100,
            default as i64,
            "err-insights-limit",
        )
        .map(|n| n as usize)
    }

    fn hours(&self) -> Result<i64, ServiceError> {
        whole_number(&self.hours, "hours", 1..=8_760, 24, "err-insights-hours")
    }
}

/// A whole number in `range` from a query string's text, `default` when blank; else an
/// error on `field` saying `message`.
fn whole_number(
    text: &Option<String>,
    field: &'static str,
    range: std::ops::RangeInclusive<i64>,
    default: i64,
    message: &'static str,
) -> Result<i64, ServiceError> {
    match text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(n) => n
            .parse::<i64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| hearth_core::Invalid::new(field, message).into()),
    }
}

pub(super) async fn ask(
    state: &AppState,
    actor: &Actor,
    q: &InsightsQuery,
) -> Result<Asked, ServiceError> {
    svc::ask(&state.hearth, actor, &q.filters()).await
}

pub(super) fn echo(asked: &Asked) -> serde_json::Value {
    json!({
        "from": day(asked.from),
        "to": day(asked.to),
        "period": asked.period.as_str(),
        "tz": asked.zone.name(),
        "channel": asked.channel,
        "space": asked.space,
        "segment": asked.segment,
    })
}

pub(super) fn merge(mut base: serde_json::Value, more: serde_json::Value) -> serde_json::Value {
    if let (Some(b), serde_json::Value::Object(m)) = (base.as_object_mut(), more) {
        b.extend(m);
    }
    base
}

/// Whether the period starting on `start` reaches outside `from..=to`: its count covers
/// only part of a week or month.
pub(super) fn partial(period: Period, start: hearth_insights::Day, asked: &Asked) -> bool {
    let end = period.start(period.index(start) + 1) - 1;
    start < asked.from || end > asked.to
}

/// Whether cell `k` of the cohort that started on `start` (the period `k` periods later)
/// reaches outside `from..=to`.
fn cohort_cell_partial(
    period: Period,
    start: hearth_insights::Day,
    k: usize,
    asked: &Asked,
) -> bool {
    partial(period, period.start(period.index(start) + k as i32), asked)
}

/// `v` rounded to `places` decimals, for the API's figures.
pub(super) fn round(v: f64, places: i32) -> f64 {
    let p = 10f64.powi(places);
    (v * p).round() / p
}

/// Display names of members `ids`, for listing them (`#id` for one the store lacks).
pub(super) async fn names(
    state: &AppState,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, ServiceError> {
    Ok(state
        .hearth
        .store
        .authors(ids)
        .await?
        .into_iter()
        .map(|a| (a.id, a.display_name))
        .collect())
}

/// The name of `id` in `names`, or `#id`.
pub(super) fn name_of(names: &std::collections::HashMap<i64, String>, id: i64) -> String {
    names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

// ---- The API ----

async fn summary_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    Ok(Json(summary_json(&state, &asked).await?))
}

async fn summary_json(state: &AppState, asked: &Asked) -> Result<serde_json::Value, ServiceError> {
    let summary = svc::summary(&state.hearth, asked).await?.to_json();
    Ok(merge(
        merge(echo(asked), summary),
        json!({ "engine": engine_json(state) }),
    ))
}

fn engine_json(state: &AppState) -> serde_json::Value {
    let s = svc::status(&state.hearth);
    json!({"ready": s.ready, "rows": s.rows, "zone": s.zone})
}

async fn active_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let series: Vec<_> = svc::active(&state.hearth, &asked, asked.period)
        .await?
        .into_iter()
        .map(|(d, n)| json!({"start": day(d), "active": n, "partial": partial(asked.period, d, &asked)}))
        .collect();
    Ok(Json(merge(echo(&asked), json!({ "series": series }))))
}

async fn retention_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let cohort = q.cohort(&asked)?;
    let cohorts: Vec<_> = svc::retention(&state.hearth, &asked, cohort)
        .await?
        .into_iter()
        .map(|c| {
            let partial: Vec<bool> = (0..c.retained.len())
                .map(|k| cohort_cell_partial(cohort, c.start, k, &asked))
                .collect();
            json!({"start": day(c.start), "size": c.size, "retained": c.retained, "partial": partial})
        })
        .collect();
    Ok(Json(merge(
        echo(&asked),
        json!({"cohort": cohort.as_str(), "cohorts": cohorts}),
    )))
}

async fn growth_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let g = svc::growth(&state.hearth, &asked).await?;
    let new: u64 = g.periods.iter().map(|p| p.new).sum();
    let series: Vec<_> = g
        .periods
        .iter()
        .map(|p| {
            let by: serde_json::Map<String, serde_json::Value> = g
                .channels
                .iter()
                .zip(&p.by_channel)
                .filter(|(_, n)| **n > 0)
                .map(|(c, n)| (c.clone(), json!(n)))
                .collect();
            json!({"start": day(p.start), "new": p.new, "members": p.members, "by_channel": by, "partial": partial(asked.period, p.start, &asked)})
        })
        .collect();
    Ok(Json(merge(
        echo(&asked),
        json!({
            "members_before": g.members_before,
            "new_members": new,
            "growth_rate": share(new, g.members_before),
            "series": series,
        }),
    )))
}

async fn support_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let r = svc::support(&state.hearth, &asked, q.hours()?).await?;
    let s = &r.now;
    let unanswered: Vec<_> = r
        .unanswered
        .iter()
        .map(|(id, title, at)| json!({"topic_id": id, "title": title, "asked_at": super::views::rfc3339(*at)}))
        .collect();
    Ok(Json(merge(
        echo(&asked),
        json!({
            "staff_replies_counted": asked.staff_replies,
            "asked": s.asked,
            "answered": s.answered,
            "accepted": s.accepted,
            "answered_share": share(s.answered, s.asked),
            "accepted_share": share(s.accepted, s.asked),
            "answered_by_community": s.answered_by_community,
            "answered_by_staff": s.answered_by_staff,
            "deflection": share(s.answered_by_community, s.answered_by_community + s.answered_by_staff),
            "unanswered_older_than_hours": r.older_than_hours,
            "unanswered_total": r.unanswered_total,
            "unanswered": unanswered,
        }),
    )))
}

async fn first_response_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let r = svc::support(&state.hearth, &asked, 24).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "staff_replies_counted": asked.staff_replies,
            "asked": r.now.asked,
            "answered": r.now.answered,
            "median_seconds": seconds(r.now.first_response_median_ms),
            "p90_seconds": seconds(r.now.first_response_p90_ms),
        }),
    )))
}

async fn contributors_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let c = svc::contributors(&state.hearth, &asked).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "contributors": c.contributors,
            "new_contributors": c.new,
            "inactive_contributors": c.inactive,
            "contributions": c.contributions,
            "absence_factor": c.absence_factor,
            "funnel": {
                "active": c.funnel.active,
                "posters": c.funnel.posters,
                "repliers": c.funnel.repliers,
                "accepted_answerers": c.funnel.accepted_answerers,
            },
        }),
    )))
}

async fn top_content_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let top = svc::top_content(&state.hearth, &asked).await?;
    let list = |items: &[(i64, String, i64)], count: &str| {
        items
            .iter()
            .map(|(id, title, n)| {
                let mut item = json!({"topic_id": id, "title": title});
                item[count] = json!(n);
                item
            })
            .collect::<Vec<_>>()
    };
    Ok(Json(merge(
        echo(&asked),
        json!({
            "most_read": list(&top.read, "views"),
            "most_replied": list(&top.replied, "replies"),
            "other_channel": top.other_channel,
            "reads_not_narrowed": top.reads_not_narrowed,
        }),
    )))
}

/// Who may open Insights, as the API says it.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Viewers {
    /// The lowest role that may open Insights: `admin` or `moderator`.
    role: String,
}

async fn viewers_api(State(state): State<AppState>, caller: ApiCaller) -> ApiResult<Json<Viewers>> {
    svc::may_view(&state.hearth, &caller.actor).await?;
    let role = svc::viewers(&state.hearth).await?;
    Ok(Json(Viewers {
        role: role.as_str().to_string(),
    }))
}

async fn viewers_put_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(v): ApiJson<Viewers>,
) -> ApiResult<Json<Viewers>> {
    let role = svc::set_viewers(&state.hearth, &caller.actor, &v.role).await?;
    Ok(Json(Viewers {
        role: role.as_str().to_string(),
    }))
}

#[derive(Debug, Deserialize)]
pub struct ViewersForm {
    #[serde(default)]
    role: String,
}

async fn viewers_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<ViewersForm>,
) -> PageResult<Response> {
    svc::set_viewers(&state.hearth, &me.actor(), &form.role).await?;
    Ok(Redirect::to("/admin/insights?done=viewers").into_response())
}

// ---- CSV ----

fn csv_body(rows: Vec<Vec<String>>) -> Result<Vec<u8>, ServiceError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for r in rows {
        out.write_record(&r)
            .map_err(|e| ServiceError::internal(format!("csv: {e}")))?;
    }
    out.into_inner()
        .map_err(|e| ServiceError::internal(format!("csv: {e}")))
}

/// The rows of a section's CSV, header first.
async fn csv_rows(
    state: &AppState,
    asked: &Asked,
    q: &InsightsQuery,
    section: &str,
) -> Result<Vec<Vec<String>>, ServiceError> {
    let h = &state.hearth;
    Ok(match section {
        "active" => {
            let mut rows = vec![vec!["start".into(), "active_members".into()]];
            rows.extend(
                svc::active(h, asked, asked.period)
                    .await?
                    .into_iter()
                    .map(|(d, n)| vec![day(d), n.to_string()]),
            );
            rows
        }
        "growth" => {
            let g = svc::growth(h, asked).await?;
            let mut header = vec!["start".to_string(), "new_members".into(), "members".into()];
            header.extend(g.channels.iter().map(|c| format!("new_from_{c}")));
            let mut rows = vec![header];
            for p in &g.periods {
                let mut r = vec![day(p.start), p.new.to_string(), p.members.to_string()];
                r.extend(p.by_channel.iter().map(u64::to_string));
                rows.push(r);
            }
            rows
        }
        "retention" => {
            let cohorts = svc::retention(h, asked, q.cohort(asked)?).await?;
            let width = cohorts.first().map_or(0, |c| c.retained.len());
            let mut header = vec!["cohort_start".to_string(), "size".into()];
            header.extend((0..width).map(|k| format!("after_{k}")));
            let mut rows = vec![header];
            for c in &cohorts {
                let mut r = vec![day(c.start), c.size.to_string()];
                r.extend(c.retained.iter().map(u64::to_string));
                rows.push(r);
            }
            rows
        }
        "support" => {
            let r = svc::support(h, asked, q.hours()?).await?;
            let s = &r.now;
            let opt = |v: Option<i64>| v.map(|v| (v / 1000).to_string()).unwrap_or_default();
            vec![
                vec!["measure".into(), "value".into()],
                vec!["questions_asked".into(), s.asked.to_string()],
                vec!["answered".into(), s.answered.to_string()],
                vec!["accepted".into(), s.accepted.to_string()],
                vec![
                    "answered_by_community".into(),
                    s.answered_by_community.to_string(),
                ],
                vec!["answered_by_staff".into(), s.answered_by_staff.to_string()],
                vec![
                    "first_response_median_seconds".into(),
                    opt(s.first_response_median_ms),
                ],
                vec![
                    "first_response_p90_seconds".into(),
                    opt(s.first_response_p90_ms),
                ],
            ]
        }
        "contributors" => {
            let c = svc::contributors(h, asked).await?;
            vec![
                vec!["measure".into(), "value".into()],
                vec!["contributors".into(), c.contributors.to_string()],
                vec!["new_contributors".into(), c.new.to_string()],
                vec!["inactive_contributors".into(), c.inactive.to_string()],
                vec!["contributions".into(), c.contributions.to_string()],
                vec!["absence_factor".into(), c.absence_factor.to_string()],
                vec!["funnel_active".into(), c.funnel.active.to_string()],
                vec!["funnel_posters".into(), c.funnel.posters.to_string()],
                vec!["funnel_repliers".into(), c.funnel.repliers.to_string()],
                vec![
                    "funnel_accepted_answerers".into(),
                    c.funnel.accepted_answerers.to_string(),
                ],
            ]
        }
        _ => return Err(ServiceError::NotFound("err-not-found-page")),
    })
}

async fn csv_download(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(file): Path<String>,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let section = file
        .strip_suffix(".csv")
        .ok_or(ServiceError::NotFound("err-not-found-page"))?;
    let asked = ask(&state, &me.actor(), &q).await?;
    let rows = csv_rows(&state, &asked, &q, section).await?;
    let body = csv_body(rows)?;
    let name = format!(
        "insights-{section}-{}-to-{}.csv",
        day(asked.from),
        day(asked.to)
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

// ---- The page ----

/// A card: a number this period, the one before, and which way it went.
fn card(now: f64, before: f64, show: String, show_before: String, higher_is_better: bool) -> Value {
    let change = if before > 0.0 {
        Some(((now - before) / before * 100.0).round() as i64)
    } else {
        None
    };
    let trend = match now.partial_cmp(&before) {
        Some(std::cmp::Ordering::Greater) => "up",
        Some(std::cmp::Ordering::Less) => "down",
        _ => "flat",
    };
    let good = match trend {
        "flat" => "flat",
        "up" if higher_is_better => "good",
        "down" if !higher_is_better => "good",
        _ => "bad",
    };
    context! { value => show, before => show_before, change => change, trend => trend, good => good }
}

/// A wait in words a bakery owner reads: minutes, hours or days.
fn wait(ms: Option<i64>) -> (String, Value) {
    let Some(ms) = ms else {
        return ("—".into(), context! { key => "insights-wait-none" });
    };
    let minutes = ms / 60_000;
    if minutes < 90 {
        (
            format!("{minutes} min"),
            context! { key => "insights-wait-minutes", n => minutes },
        )
    } else if minutes < 48 * 60 {
        let hours = (minutes as f64 / 60.0 * 10.0).round() / 10.0;
        (
            format!("{hours} h"),
            context! { key => "insights-wait-hours", n => hours },
        )
    } else {
        let days = (minutes as f64 / 1440.0 * 10.0).round() / 10.0;
        (
            format!("{days} d"),
            context! { key => "insights-wait-days", n => days },
        )
    }
}

fn percent(part: u64, whole: u64) -> Option<i64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 100.0).round() as i64)
}

/// The period's label on a chart's axis: the day, or the week's or month's first day.
pub(super) fn label(d: hearth_insights::Day, period: Period) -> String {
    let s = day(d);
    match period {
        Period::Month => s[..7].to_string(),
        _ => s[5..].to_string(),
    }
}

/// What every Insights page shows around its numbers: the tabs (`tab` is this page's,
/// `overview`, `levels`, `network`, `churn`, `value` or `health`), the filter form as the reader filled it (sent back to this
/// page), the channels and spaces to choose from, and who may open Insights. Checks
/// first that the reader may.
pub(super) async fn page_base(
    state: &AppState,
    actor: &Actor,
    q: &InsightsQuery,
    tab: &str,
) -> Result<Value, ServiceError> {
    let action = match tab {
        "network" => "/admin/insights/network",
        "churn" => "/admin/insights/churn",
        "value" => "/admin/insights/value",
        "levels" => "/admin/insights/levels",
        "health" => "/admin/insights/health",
        "experiments" => "/admin/insights/experiments",
        "sentiment" => "/admin/insights/sentiment",
        _ => "/admin/insights",
    };
    svc::may_view(&state.hearth, actor).await?;
    let viewers = svc::viewers(&state.hearth).await?;
    let spaces = crate::services::spaces::visible_spaces(&state.hearth, actor).await?;
    let form = context! {
        range => q.range.clone().unwrap_or_default(),
        from => q.from.clone().unwrap_or_default(),
        to => q.to.clone().unwrap_or_default(),
        period => q.period.clone().unwrap_or_default(),
        channel => q.channel.clone().unwrap_or_default(),
        space => q.space.clone().unwrap_or_default(),
        segment => q.segment.clone().unwrap_or_default(),
        staff => q.staff.as_deref() == Some("true"),
        cohort => q.cohort.clone().unwrap_or_default(),
        action => action,
    };
    Ok(context! {
        title => "Insights", title_key => "title-insights", section => "insights",
        insights_tab => tab,
        // The links' own `cohort` is added by each link; the page's notice is not kept.
        query => serde_urlencoded::to_string(&InsightsQuery { cohort: None, ..q.clone() }).unwrap_or_default(),
        form => form,
        viewers => viewers.as_str(),
        channels => state.hearth.insights.read(|log| {
            log.channels.names.iter().filter(|c| c.as_str() != hearth_insights::log::OTHER_CHANNELS).cloned().collect::<Vec<_>>()
        }),
        saved => q.done.as_deref() == Some("viewers"),
        spaces => spaces.iter().map(|s| context!{ slug => s.slug.clone(), name => s.name.clone() }).collect::<Vec<_>>(),
    })
}

/// An Insights page whose filters did not check: the form again, with the error by its
/// field (422).
pub(super) async fn refused(
    state: &AppState,
    me: &CurrentMember,
    template: &str,
    base: Value,
    inv: hearth_core::Invalid,
) -> Response {
    let ctx = context! {
        error => context! { field => inv.field, message => super::said(inv.message.clone()) },
        ready => true, asked => (), cards => (),
        ..base
    };
    super::render_status(
        state,
        &super::extract::MaybeMember(Some(me.0.clone())),
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        template,
        ctx,
    )
    .await
}

/// The start of every Insights page: the filters (and `limit`) checked, and the page
/// around the numbers (`page_base`, with `ready`, `status` and `asked`).
pub(super) struct PageStart {
    pub asked: Asked,
    pub base: Value,
}

/// Checks the reader and the filters for page `tab`; a bad filter is answered with the
/// form and its error (the `Err`).
pub(super) async fn start(
    state: &AppState,
    me: &CurrentMember,
    q: &InsightsQuery,
    tab: &str,
    template: &str,
) -> Result<Result<PageStart, Response>, ServiceError> {
    let actor = me.actor();
    let base = page_base(state, &actor, q, tab).await?;
    let checked = match ask(state, &actor, q).await {
        Ok(a) => q.limit().map(|_| a),
        Err(e) => Err(e),
    };
    let asked = match checked {
        Ok(a) => a,
        Err(ServiceError::Invalid(inv)) => {
            return Ok(Err(refused(state, me, template, base, inv).await));
        }
        Err(e) => return Err(e),
    };
    let status = svc::status(&state.hearth);
    let base = context! {
        ready => status.ready,
        status => context! { rows => status.rows, zone => status.zone.clone(), built_at => status.built_at.map(super::views::rfc3339) },
        asked => context! {
            from => day(asked.from), to => day(asked.to),
            previous_from => day(asked.previous().0), previous_to => day(asked.previous().1),
            period => asked.period.as_str(), zone => asked.zone.name(), days => asked.days(),
        },
        ..base
    };
    Ok(Ok(PageStart { asked, base }))
}

/// Renders an Insights page.
pub(super) async fn finish(
    state: &AppState,
    me: CurrentMember,
    template: &str,
    ctx: Value,
) -> PageResult<Response> {
    Ok(render(
        state,
        &super::extract::MaybeMember(Some(me.0)),
        template,
        ctx,
    )
    .await?
    .into_response())
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let actor = me.actor();
    let base = page_base(&state, &actor, &q, "overview").await?;
    let asked = match ask(&state, &actor, &q).await {
        Ok(a) => a,
        Err(ServiceError::Invalid(inv)) => {
            return Ok(refused(&state, &me, "admin/insights.html", base, inv).await);
        }
        Err(e) => return Err(e.into()),
    };
    let h = &state.hearth;
    let status = svc::status(h);

    // Goals.
    let goals: Vec<Value> = crate::services::goals::goals(h, &actor)
        .await?
        .iter()
        .map(|g| {
            let shown = |v: f64| {
                if g.metric == "median_first_response_hours" {
                    format!("{v:.1}")
                } else {
                    format!("{v:.0}")
                }
            };
            context! {
                id => g.id, metric => g.metric, target => shown(g.target),
                current => g.current.map(shown), due => day(g.due), status => g.status,
                bar => ((g.progress * 10.0).round() as i64 * 10).clamp(0, 100),
            }
        })
        .collect();
    let goal_metrics: Vec<&str> = crate::services::goals::METRICS
        .iter()
        .map(|m| m.name)
        .collect();

    // The cards.
    let s = svc::summary(h, &asked).await?;
    let (fr_now, fr_now_words) = wait(s.median_first_response_ms.now);
    let (fr_before, _) = wait(s.median_first_response_ms.before);
    let cards = context! {
        members => card(s.members.now as f64, s.members.before as f64, s.members.now.to_string(), s.members.before.to_string(), true),
        active => card(s.active.now as f64, s.active.before as f64, s.active.now.to_string(), s.active.before.to_string(), true),
        new_members => card(s.new_members.now as f64, s.new_members.before as f64, s.new_members.now.to_string(), s.new_members.before.to_string(), true),
        answered => card(s.answered.now as f64, s.answered.before as f64, s.answered.now.to_string(), s.answered.before.to_string(), true),
        questions => s.questions.now,
        first_response => match (s.median_first_response_ms.now, s.median_first_response_ms.before) {
            (Some(now), Some(before)) => card(now as f64, before as f64, fr_now, fr_before, false),
            // Nothing to compare: no arrow that says better or worse.
            _ => card(0.0, 0.0, fr_now, fr_before, false),
        },
        first_response_words => fr_now_words,
    };

    // Growth.
    let g = svc::growth(h, &asked).await?;
    let labels: Vec<String> = g
        .periods
        .iter()
        .map(|p| label(p.start, asked.period))
        .collect();
    let stacks: Vec<(String, Vec<f64>)> = g
        .channels
        .iter()
        .enumerate()
        .map(|(k, _)| {
            (
                format!("series-{}", k.min(5)),
                g.periods
                    .iter()
                    .map(|p| p.by_channel[k] as f64)
                    .collect::<Vec<f64>>(),
            )
        })
        .filter(|(_, v)| v.iter().any(|x| *x > 0.0))
        .collect();
    let legend: Vec<Value> = g
        .channels
        .iter()
        .enumerate()
        .filter(|(k, _)| g.periods.iter().any(|p| p.by_channel[*k] > 0))
        .map(|(k, c)| context! { name => c.clone(), class => format!("series-{}", k.min(5)) })
        .collect();
    let stack_refs: Vec<(&str, Vec<f64>)> = stacks
        .iter()
        .map(|(c, v)| (c.as_str(), v.clone()))
        .collect();
    let new_total: u64 = g.periods.iter().map(|p| p.new).sum();
    let growth_partial: Vec<bool> = g
        .periods
        .iter()
        .map(|p| partial(asked.period, p.start, &asked))
        .collect();
    let growth = context! {
        chart => charts::bars("growth-title", &labels, &stack_refs, &growth_partial),
        members_chart => charts::lines("growth-members-title", &labels, &[("series-0", g.periods.iter().map(|p| p.members as f64).collect())], &growth_partial),
        legend => legend,
        partial => growth_partial.iter().any(|p| *p),
        rows => g.periods.iter().map(|p| context!{ start => day(p.start), new => p.new, members => p.members }).collect::<Vec<_>>(),
        rate => share(new_total, g.members_before).map(|r| (r * 1000.0).round() / 10.0),
        new_total => new_total,
    };

    // Activity.
    let a = svc::activity(h, &asked).await?;
    let series = match asked.period {
        Period::Day => &a.daily,
        Period::Week => &a.weekly,
        Period::Month => &a.monthly,
    };
    let activity_partial: Vec<bool> = series
        .iter()
        .map(|(d, _)| partial(asked.period, *d, &asked))
        .collect();
    let labels: Vec<String> = series
        .iter()
        .map(|(d, _)| label(*d, asked.period))
        .collect();
    let mut by_kind: Vec<(String, u64)> = a
        .now
        .by_kind
        .iter()
        .filter(|(_, n)| *n > 0)
        .cloned()
        .collect();
    by_kind.sort_by_key(|k| std::cmp::Reverse(k.1));
    let mut by_channel: Vec<(String, u64)> = a
        .now
        .by_channel
        .iter()
        .filter(|(_, n)| *n > 0)
        .cloned()
        .collect();
    by_channel.sort_by_key(|c| std::cmp::Reverse(c.1));
    let max_kind = by_kind.first().map_or(1, |k| k.1.max(1));
    let activity = context! {
        chart => charts::lines("activity-title", &labels, &[("series-0", series.iter().map(|(_, n)| *n as f64).collect())], &activity_partial),
        partial => activity_partial.iter().any(|p| *p),
        rows => series.iter().map(|(d, n)| context!{ start => day(*d), active => n }).collect::<Vec<_>>(),
        active => a.now.active,
        members => a.now.members,
        participation => percent(a.now.active, a.now.members),
        stickiness => a.stickiness.map(|s| (s * 100.0).round() as i64),
        posts_per_active => (a.now.active > 0).then(|| ((a.now.posts as f64 / a.now.active as f64) * 10.0).round() / 10.0),
        lurkers => a.now.lurkers,
        by_kind => by_kind.iter().map(|(k, n)| context!{ kind => k.clone(), n => n, bar => (n * 10).div_ceil(max_kind) * 10 }).collect::<Vec<_>>(),
        by_channel => by_channel.iter().map(|(c, n)| context!{ channel => c.clone(), n => n }).collect::<Vec<_>>(),
    };

    // Retention.
    let cohort_period = q.cohort(&asked).unwrap_or(Period::Week);
    let cohorts = svc::retention(h, &asked, cohort_period).await?;
    let width = cohorts.first().map_or(0, |c| c.retained.len()).min(13);
    let mut retention_partial = false;
    let rows: Vec<Value> = cohorts.iter().map(|c| {
        let cells: Vec<Value> = (0..width).map(|k| match c.retained.get(k) {
            Some(n) => {
                let pct = percent(*n, c.size);
                let partial = cohort_cell_partial(cohort_period, c.start, k, &asked);
                retention_partial |= partial;
                context!{ n => n, pct => pct, heat => charts::heat(*n as f64, c.size as f64), partial => partial }
            }
            None => Value::from(()),
        }).collect();
        context!{ start => day(c.start), size => c.size, cells => cells }
    }).collect();
    let retention = context! {
        cohort => cohort_period.as_str(),
        partial => retention_partial,
        columns => (0..width).collect::<Vec<_>>(),
        rows => rows,
    };

    // Support.
    let hours = q.hours().unwrap_or(24);
    let sup = svc::support(h, &asked, hours).await?;
    let (median, median_words) = wait(sup.now.first_response_median_ms);
    let (p90, p90_words) = wait(sup.now.first_response_p90_ms);
    let support = context! {
        asked => sup.now.asked,
        answered => sup.now.answered,
        accepted => sup.now.accepted,
        answered_pct => percent(sup.now.answered, sup.now.asked),
        accepted_pct => percent(sup.now.accepted, sup.now.asked),
        deflection => percent(sup.now.answered_by_community, sup.now.answered_by_community + sup.now.answered_by_staff),
        by_community => sup.now.answered_by_community,
        by_staff => sup.now.answered_by_staff,
        median => median, median_words => median_words,
        p90 => p90, p90_words => p90_words,
        unanswered => sup.unanswered.iter().map(|(id, title, at)| context!{ id => id, title => title.clone(), at => at }).collect::<Vec<_>>(),
        unanswered_total => sup.unanswered_total,
        hours => sup.older_than_hours,
        staff => asked.staff_replies,
    };

    // Contributors.
    let c = svc::contributors(h, &asked).await?;
    let top = c.funnel.active.max(1);
    let step = |n: u64| context! { n => n, bar => (n * 10).div_ceil(top) * 10 };
    let contributors = context! {
        contributors => c.contributors,
        new => c.new,
        inactive => c.inactive,
        contributions => c.contributions,
        absence_factor => c.absence_factor,
        funnel => context! {
            active => step(c.funnel.active),
            posters => step(c.funnel.posters),
            repliers => step(c.funnel.repliers),
            accepted => step(c.funnel.accepted_answerers),
        },
    };

    // Top content.
    let top = svc::top_content(h, &asked).await?;
    let topics = |list: &[(i64, String, i64)]| {
        list.iter()
            .map(|(id, title, n)| context! { id => id, title => title.clone(), n => n })
            .collect::<Vec<_>>()
    };

    let defs = context! {
        member => definition("member"),
        active => definition("active member"),
        new => definition("new member"),
        growth => definition("growth rate"),
        participation => definition("participation rate"),
        stickiness => definition("stickiness"),
        posts => definition("posts per active member"),
        lurker => definition("lurker"),
        cohort => definition("cohort"),
        answered => definition("question answered"),
        first_response => definition("first response"),
        deflection => definition("support deflection"),
        contributor => definition("contributor"),
        absence => definition("contributor absence factor"),
        most_read => definition("most read"),
        most_replied => definition("most replied"),
        zone => definition("time zone"),
        privacy => definition("privacy"),
    };
    let ctx = context! {
        ready => status.ready,
        status => context! { rows => status.rows, zone => status.zone.clone(), built_at => status.built_at.map(super::views::rfc3339) },
        asked => context! {
            from => day(asked.from), to => day(asked.to),
            previous_from => day(asked.previous().0), previous_to => day(asked.previous().1),
            period => asked.period.as_str(), zone => asked.zone.name(), days => asked.days(),
        },
        cards => cards, growth => growth, activity => activity, retention => retention,
        support => support, contributors => contributors, defs => defs,
        top_read => topics(&top.read),
        top_replied => topics(&top.replied),
        top_other_channel => top.other_channel,
        top_reads_not_narrowed => top.reads_not_narrowed,
        goals => goals, goal_metrics => goal_metrics,
        goal_saved => q.done.as_deref() == Some("goal"),
        report_sent => q.done.as_deref() == Some("report"),
        mail_ready => state.hearth.mailer.is_some(),
        error => (),
        ..base
    };
    Ok(render(
        &state,
        &super::extract::MaybeMember(Some(me.0)),
        "admin/insights.html",
        ctx,
    )
    .await?
    .into_response())
}
