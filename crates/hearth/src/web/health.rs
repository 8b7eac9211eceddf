//! The health score on the web: the page (`/admin/insights/health`) and the API
//! (`GET /api/v1/insights/health`), every component with its figure, target and score.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, CurrentMember};
use super::insights::{InsightsQuery, ask, echo, finish, merge, round, start};
use crate::app::AppState;
use crate::services::health as svc;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use hearth_insights::definitions::definition;
use minijinja::context;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/insights/health", get(page))
        .route("/api/v1/insights/health", get(health_api))
}

async fn health_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let h = svc::health(&state.hearth, &asked).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "score": h.score.map(|x| round(x, 2)),
            "formula": "the mean of the measured components; each scores 100 × min(1, figure ÷ target)",
            "components": h.components.iter().map(|c| json!({
                "name": c.name,
                "figure": c.figure.map(|f| (f * 10_000.0).round() / 10_000.0),
                "target": c.target,
                "score": c.score.map(|x| round(x, 2)),
                "measured": c.score.is_some(),
            })).collect::<Vec<_>>(),
        }),
    )))
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let start = match start(&state, &me, &q, "health", "admin/insights_health.html").await? {
        Ok(s) => s,
        Err(refused) => return Ok(refused),
    };
    let asked = start.asked;
    let hub = &state.hearth;
    let h = svc::health(hub, &asked).await?;
    let ctx = context! {
        score => h.score.map(|s| format!("{s:.0}")),
        band => h.score.map(|s| if s >= 70.0 { "good" } else if s >= 40.0 { "fair" } else { "weak" }),
        components => h.components.iter().map(|c| context! {
            name => c.name,
            figure => c.figure.map(|f| format!("{:.0}%", f * 100.0)),
            target => format!("{:.0}%", c.target * 100.0),
            score => c.score.map(|s| format!("{s:.0}")),
            bar => c.score.map(|s| ((s / 10.0).round() as i64 * 10).clamp(0, 100)),
        }).collect::<Vec<_>>(),
        defs => context! { health => definition("health score"), privacy => definition("privacy") },
        error => (),
        ..start.base
    };
    finish(&state, me, "admin/insights_health.html", ctx).await
}
