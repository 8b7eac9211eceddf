//! Sentiment and trending terms on the web: the page (`/admin/insights/sentiment`, with
//! staff's corrections and the owner's switch), the API (`GET /api/v1/insights/sentiment`,
//! `GET /api/v1/insights/trending`, `PUT /api/v1/insights/sentiment/posts/{id}`,
//! `PUT /api/v1/insights/sentiment/settings`) and the forms behind the page.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, PageForm, path_id};
use super::insights::{InsightsQuery, ask, echo, finish, label, merge, partial, round, start};
use crate::app::AppState;
use crate::services::sentiment::{self as svc, Alert, Counts, Report};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use hearth_insights::sentiment::CONFIDENT;
use hearth_insights::trending::Term;
use hearth_store::sentiment::SentimentPost;
use minijinja::{Value, context};
use serde::Deserialize;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/insights/sentiment", get(page))
        .route("/admin/insights/sentiment/posts/{id}", post(correct_submit))
        .route("/admin/insights/sentiment/settings", post(settings_submit))
        .route("/api/v1/insights/sentiment", get(sentiment_api))
        .route("/api/v1/insights/trending", get(trending_api))
        .route("/api/v1/insights/sentiment/posts/{id}", put(correct_api))
        .route("/api/v1/insights/sentiment/settings", put(settings_api))
}

fn counts_json(c: &Counts) -> serde_json::Value {
    json!({
        "positive": c.positive, "negative": c.negative, "posts": c.posts,
        "negative_share": c.negative_share().map(|s| round(s, 4)),
    })
}

fn alert_json(a: &Alert) -> serde_json::Value {
    json!({
        "recent": counts_json(&a.recent), "before": counts_json(&a.before),
        "recent_negative_share": round(a.recent_share, 4), "before_negative_share": round(a.before_share, 4),
    })
}

fn post_json(p: &SentimentPost) -> serde_json::Value {
    json!({
        "post_id": p.post_id, "topic_id": p.topic_id, "space_id": p.space_id, "author_id": p.author_id,
        "score": round(p.compound_milli as f64 / 1000.0, 3), "label": p.label, "automatic": p.automatic,
        "corrected": p.corrected, "posted_at": super::views::rfc3339(p.created_at),
    })
}

fn term_json(t: &Term) -> serde_json::Value {
    json!({ "term": t.term, "recent": t.recent, "baseline": t.baseline, "lift": round(t.lift, 3) })
}

async fn sentiment_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let r = svc::sentiment(&state.hearth, &asked, q.limit()?).await?;
    let body = json!({
        "enabled": r.enabled,
        "threshold": CONFIDENT,
        "total": counts_json(&r.total),
        "series": r.series.iter().map(|(d, c)| merge(json!({"start": crate::services::insights::day(*d), "partial": partial(asked.period, *d, &asked)}), counts_json(c))).collect::<Vec<_>>(),
        "spaces": r.spaces.iter().map(|(s, c)| merge(json!({"space_id": s}), counts_json(c))).collect::<Vec<_>>(),
        "week": counts_json(&r.week),
        "weeks_before": counts_json(&r.weeks_before),
        "alert": r.alert.as_ref().map(alert_json),
        "negative": r.negative.iter().map(post_json).collect::<Vec<_>>(),
        "positive": r.positive.iter().map(post_json).collect::<Vec<_>>(),
    });
    Ok(Json(merge(echo(&asked), body)))
}

async fn trending_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let terms = svc::trending(&state.hearth, &asked, q.limit()?).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({ "recent_days": 7, "baseline_days": 56, "next_cursor": null, "items": terms.iter().map(term_json).collect::<Vec<_>>() }),
    )))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Correction {
    label: String,
}

async fn correct_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<Correction>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id, "post")?;
    svc::correct(&state.hearth, &caller.actor, id, &c.label).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    enabled: bool,
}

async fn settings_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(s): ApiJson<Settings>,
) -> ApiResult<Json<serde_json::Value>> {
    svc::set_enabled(&state.hearth, &caller.actor, s.enabled).await?;
    Ok(Json(json!({ "enabled": s.enabled })))
}

#[derive(Debug, Deserialize)]
struct CorrectionForm {
    label: String,
    #[serde(default)]
    back: String,
}

/// Where a form goes back to: the sentiment page with the filters it was opened with.
fn back_to(query: &str, done: &str) -> String {
    let q = if query.contains(['#', '\n', '\r']) || query.starts_with('/') {
        ""
    } else {
        query
    };
    if q.is_empty() {
        format!("/admin/insights/sentiment?done={done}")
    } else {
        format!("/admin/insights/sentiment?{q}&done={done}")
    }
}

async fn correct_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(f): PageForm<CorrectionForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "post")?;
    svc::correct(&state.hearth, &me.actor(), id, &f.label).await?;
    Ok(Redirect::to(&back_to(&f.back, "corrected")).into_response())
}

#[derive(Debug, Deserialize)]
struct SettingsForm {
    enabled: String,
}

async fn settings_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(f): PageForm<SettingsForm>,
) -> PageResult<Response> {
    svc::set_enabled(&state.hearth, &me.actor(), f.enabled == "on").await?;
    Ok(Redirect::to("/admin/insights/sentiment?done=switched").into_response())
}

fn share(c: &Counts) -> String {
    c.negative_share()
        .map_or_else(|| "–".to_string(), |s| format!("{:.0}%", s * 100.0))
}

fn excerpt(md: &str) -> String {
    let text: String = md.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 160 {
        format!("{}…", text.chars().take(160).collect::<String>())
    } else {
        text
    }
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let template = "admin/insights_sentiment.html";
    let start = match start(&state, &me, &q, "sentiment", template).await? {
        Ok(s) => s,
        Err(refused) => return Ok(refused),
    };
    let asked = start.asked;
    let h = &state.hearth;
    let r: Report = svc::sentiment(h, &asked, 8).await?;
    let terms = svc::trending(h, &asked, 12).await?;
    let spaces = crate::services::spaces::visible_spaces(h, &me.actor()).await?;
    let space_name = |id: i64| {
        spaces
            .iter()
            .find(|s| s.id == id)
            .map_or_else(String::new, |s| s.name.clone())
    };
    let labels: Vec<String> = r
        .series
        .iter()
        .map(|(d, _)| label(*d, asked.period))
        .collect();
    let flags: Vec<bool> = r
        .series
        .iter()
        .map(|(d, _)| partial(asked.period, *d, &asked))
        .collect();
    let chart = super::charts::bars(
        "mood-title",
        &labels,
        &[
            (
                "mood-positive",
                r.series.iter().map(|(_, c)| c.positive as f64).collect(),
            ),
            (
                "mood-negative",
                r.series.iter().map(|(_, c)| c.negative as f64).collect(),
            ),
        ],
        &flags,
    );
    let authors: Vec<i64> = r
        .negative
        .iter()
        .chain(&r.positive)
        .map(|p| p.author_id)
        .collect();
    let names = super::insights::names(&state, &authors).await?;
    let post_ctx = |p: &SentimentPost| {
        context! {
            id => p.post_id, topic_id => p.topic_id, title => p.title.clone(), space => space_name(p.space_id),
            author => super::insights::name_of(&names, p.author_id), excerpt => excerpt(&p.body_md),
            label => p.label.clone(), automatic => p.automatic.clone(), corrected => p.corrected,
            score => format!("{:+.2}", p.compound_milli as f64 / 1000.0), posted => p.created_at,
        }
    };
    let may_correct = hearth_core::access::can_correct_sentiment(&me.actor());
    let back = serde_urlencoded::to_string(&q).unwrap_or_default();
    let ctx = context! {
        enabled => r.enabled,
        may_switch => hearth_core::access::can_grant_insights(&me.actor()),
        may_correct => may_correct,
        threshold => CONFIDENT,
        done => q.done.clone(),
        back => back,
        total => context! { positive => r.total.positive, negative => r.total.negative, posts => r.total.posts, share => share(&r.total) },
        week => context! { positive => r.week.positive, negative => r.week.negative, share => share(&r.week), before => share(&r.weeks_before) },
        alert => r.alert.map(|a| context! {
            recent => format!("{:.0}%", a.recent_share * 100.0), before => format!("{:.0}%", a.before_share * 100.0),
            negative => a.recent.negative,
        }),
        chart => chart,
        partial => flags.iter().any(|f| *f),
        rows => r.series.iter().zip(&labels).map(|((_, c), l)| context! { label => l, positive => c.positive, negative => c.negative, posts => c.posts }).collect::<Vec<_>>(),
        mood_spaces => r.spaces.iter().map(|(s, c)| context! { name => space_name(*s), positive => c.positive, negative => c.negative, posts => c.posts, share => share(c) }).collect::<Vec<_>>(),
        terms => terms.iter().map(|t| context! { term => t.term.clone(), recent => t.recent, baseline => t.baseline, lift => format!("{:.1}", t.lift) }).collect::<Vec<_>>(),
        negative => r.negative.iter().map(post_ctx).collect::<Vec<_>>(),
        positive => r.positive.iter().map(post_ctx).collect::<Vec<_>>(),
        error => Value::from(()),
        ..start.base
    };
    finish(&state, me, template, ctx).await
}
