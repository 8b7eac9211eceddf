//! Engagement levels on the web: the page (`/admin/insights/levels`, with the weights form
//! at `/admin/insights/levels/weights`) and the API (`GET /api/v1/insights/levels`,
//! `GET`/`PUT /api/v1/insights/levels/weights`).

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, PageForm};
use super::insights::{InsightsQuery, ask, echo, finish, merge, name_of, names, round, start};
use crate::app::AppState;
use crate::services::ServiceError;
use crate::services::insights::day;
use crate::services::levels::{self as svc, WeightsDoc};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hearth_insights::definitions::definition;
use minijinja::context;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/insights/levels", get(page))
        .route("/admin/insights/levels/weights", post(weights_submit))
        .route(
            "/admin/insights/personas/{name}/segment",
            post(persona_segment_submit),
        )
        .route("/api/v1/insights/levels", get(levels_api))
        .route("/api/v1/insights/personas", get(personas_api))
        .route(
            "/api/v1/insights/levels/weights",
            get(weights_api).put(weights_put_api),
        )
}

/// The levels' names, as the API gives them.
pub const NAMES: [&str; 4] = ["inner_circle", "regulars", "participants", "observers"];

/// Every kind's and channel's weight in effect: the owner's over the defaults.
async fn effective(state: &AppState) -> Result<serde_json::Value, ServiceError> {
    let doc = svc::weights(&state.hearth).await?;
    let kinds: BTreeMap<&str, f64> = svc::kinds()
        .into_iter()
        .map(|(k, d)| (k, doc.kinds.get(k).copied().unwrap_or(d)))
        .collect();
    Ok(json!({
        "kinds": kinds,
        "channels": doc.channels,
        "channel_default": 1.0,
        "half_life_days": svc::HALF_LIFE_DAYS,
    }))
}

async fn levels_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let limit = q.limit()?;
    let r = svc::levels(&state.hearth, &asked, limit).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "levels": (0..4).map(|i| json!({
                "level": i + 1,
                "name": NAMES[i],
                "members": r.sizes[i],
                "before": r.before[i],
                "change": r.sizes[i] as i64 - r.before[i] as i64,
            })).collect::<Vec<_>>(),
            "before_day": day(asked.from - 1),
            "promoted": r.promoted,
            "demoted": r.demoted,
            "staff_counted": asked.staff_replies,
            "weights": effective(&state).await?,
            "next_cursor": null,
            "items": r.top.iter().map(|m| json!({
                "member_id": m.member_id,
                "level": m.level,
                "score": round(m.score, 3),
                "reasons": m.reasons.iter().map(|(k, c, p)| json!({"kind": k, "channel": c, "points": round(*p, 3)})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
    )))
}

async fn personas_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let list = svc::personas(&state.hearth, &asked).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "members": list.iter().map(|p| p.members).sum::<usize>(),
            "next_cursor": null,
            "items": list.iter().map(|p| json!({
                "name": p.name,
                "members": p.members,
                "mean": hearth_insights::personas::BEHAVIOURS.iter().zip(p.mean).map(|(b, m)| (b.to_string(), json!((m * 100.0).round() / 100.0))).collect::<serde_json::Map<_, _>>(),
                "examples": p.examples,
            })).collect::<Vec<_>>(),
        }),
    )))
}

async fn weights_api(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> ApiResult<Json<serde_json::Value>> {
    crate::services::insights::may_view(&state.hearth, &caller.actor).await?;
    Ok(Json(effective(&state).await?))
}

async fn weights_put_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(doc): ApiJson<WeightsDoc>,
) -> ApiResult<Json<serde_json::Value>> {
    svc::set_weights(&state.hearth, &caller.actor, doc).await?;
    Ok(Json(effective(&state).await?))
}

/// The form: `kind.<name>` and `channel.<name>` fields, blank for the default.
async fn weights_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    PageForm(form): PageForm<HashMap<String, String>>,
) -> PageResult<Response> {
    let mut doc = WeightsDoc::default();
    let defaults: HashMap<&str, f64> = svc::kinds().into_iter().collect();
    for (field, value) in &form {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let (map, name) = if let Some(k) = field.strip_prefix("kind.") {
            (&mut doc.kinds, k)
        } else if let Some(c) = field.strip_prefix("channel.") {
            (&mut doc.channels, c)
        } else {
            continue;
        };
        // A number that does not parse is checked as NaN, so the error names it.
        let w = value.replace(',', ".").parse::<f64>().unwrap_or(f64::NAN);
        let default = if field.starts_with("kind.") {
            defaults.get(name).copied().unwrap_or(-1.0)
        } else {
            1.0
        };
        if w != default {
            map.insert(name.to_string(), w);
        }
    }
    svc::set_weights(&state.hearth, &me.actor(), doc).await?;
    Ok(Redirect::to("/admin/insights/levels?done=weights").into_response())
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let start = match start(&state, &me, &q, "levels", "admin/insights_levels.html").await? {
        Ok(s) => s,
        Err(refused) => return Ok(refused),
    };
    let asked = start.asked;
    let h = &state.hearth;
    let limit = q.limit_or(15)?;
    let r = svc::levels(h, &asked, limit).await?;
    let ids: Vec<i64> = r.top.iter().map(|m| m.member_id).collect();
    let names = names(&state, &ids).await?;
    let total = r.sizes.iter().sum::<u64>().max(1);
    let personas = svc::personas(h, &asked).await?;
    let biggest = personas.iter().map(|p| p.members).max().unwrap_or(1).max(1);
    let doc = svc::weights(h).await?;
    let channels: Vec<String> = h.insights.read(|log| {
        log.channels
            .names
            .iter()
            .filter(|c| c.as_str() != hearth_insights::log::OTHER_CHANNELS)
            .cloned()
            .collect()
    });
    let ctx = context! {
        before_day => day(asked.from - 1),
        staff_counted => asked.staff_replies,
        levels => (0..4).map(|i| context! {
            level => i + 1, name => NAMES[i],
            members => r.sizes[i], before => r.before[i],
            change => r.sizes[i] as i64 - r.before[i] as i64,
            shown => format!("{:+}", r.sizes[i] as i64 - r.before[i] as i64),
            bar => ((r.sizes[i] as f64 / total as f64 * 10.0).ceil() as i64 * 10).clamp(if r.sizes[i] > 0 { 10 } else { 0 }, 100),
        }).collect::<Vec<_>>(),
        promoted => r.promoted, demoted => r.demoted,
        top => r.top.iter().map(|m| context! {
            id => m.member_id,
            name => name_of(&names, m.member_id),
            level => m.level,
            score => format!("{:.0}", m.score),
            reasons => m.reasons.iter().map(|(k, c, p)| context! { kind => k, channel => c, points => format!("{p:.1}") }).collect::<Vec<_>>(),
        }).collect::<Vec<_>>(),
        kinds => svc::kinds().iter().map(|(k, d)| context! {
            name => *k, default => *d, value => doc.kinds.get(*k).map(|w| w.to_string()).unwrap_or_default(),
        }).collect::<Vec<_>>(),
        weight_channels => channels.iter().map(|c| context! {
            name => c, value => doc.channels.get(c).map(|w| w.to_string()).unwrap_or_default(),
        }).collect::<Vec<_>>(),
        weights_saved => q.done.as_deref() == Some("weights"),
        may_segment => hearth_core::access::can_import(&me.actor()),
        personas => personas.iter().map(|p| context! {
            name => p.name, members => p.members,
            bar => ((p.members as f64 / biggest as f64 * 10.0).ceil() as i64 * 10).clamp(10, 100),
            mean => p.mean.iter().map(|m| format!("{m:.1}")).collect::<Vec<_>>(),
        }).collect::<Vec<_>>(),
        defs => context! {
            levels => definition("engagement level"),
            privacy => definition("privacy"),
        },
        error => (),
        ..start.base
    };
    finish(&state, me, "admin/insights_levels.html", ctx).await
}

/// "Make a segment" on a persona: its members tagged, the segment found or saved, and the
/// segment's page. The form carries the page's filters.
async fn persona_segment_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    axum::extract::Path(name): axum::extract::Path<String>,
    PageForm(q): PageForm<InsightsQuery>,
) -> PageResult<Response> {
    let actor = me.actor();
    let asked = ask(&state, &actor, &q).await?;
    let id = svc::persona_segment(&state.hearth, &actor, &asked, &name).await?;
    Ok(Redirect::to(&format!("/admin/segments/{id}")).into_response())
}
