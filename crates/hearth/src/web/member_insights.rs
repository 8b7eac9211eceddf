//! One member as Insights sees them: `GET /api/v1/insights/members/{id}`, and the card on
//! their record (`/admin/people/{id}`) for those who may open Insights.

use super::error::ApiResult;
use super::extract::{ApiCaller, path_id};
use super::insights::{InsightsQuery, round};
use super::levels::NAMES;
use crate::app::AppState;
use crate::services::member_insights::{self as svc, MemberInsights, Risk};
use crate::services::{Actor, ServiceError};
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use minijinja::context;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/insights/members/{id}", get(member_api))
}

async fn member_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = path_id(&id, "member")?;
    let m = svc::member(&state.hearth, &caller.actor, id, &q.filters()).await?;
    Ok(Json(json!({
        "member_id": m.member_id,
        "level": m.level.as_ref().map(|l| json!({
            "level": l.level,
            "name": NAMES[l.level as usize - 1],
            "score": round(l.score, 3),
            "reasons": l.reasons.iter().map(|(k, c, p)| json!({"kind": k, "channel": c, "points": round(*p, 3)})).collect::<Vec<_>>(),
        })),
        "churn": match &m.risk {
            Risk::Scored { probability, days_quiet, factors, model_ranks, auc } => json!({
                "status": "scored",
                "probability": round(*probability, 4),
                "days_quiet": days_quiet,
                "factors": factors.iter().map(|(f, v, e)| json!({"feature": f, "value": round(*v, 4), "effect": round(*e, 4)})).collect::<Vec<_>>(),
                "model_beats_baseline": model_ranks,
                "auc": round(*auc, 4),
            }),
            Risk::NotScored => json!({"status": "not_scored"}),
            Risk::NoModel => json!({"status": "no_model"}),
        },
        "network": m.place.as_ref().map(|p| json!({
            "score": round(p.score, 9),
            "rank": p.rank,
            "members": p.members,
            "helps": p.helps,
            "helped": p.helped,
            "helped_by": p.helped_by,
        })),
        "from": crate::services::insights::day(m.from),
        "to": crate::services::insights::day(m.to),
    })))
}

/// The card on a member's record, or `None` when the reader may not open Insights.
pub async fn card(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<Option<minijinja::Value>, ServiceError> {
    let m: MemberInsights = match svc::member(
        &state.hearth,
        actor,
        id,
        &crate::services::insights::Query::default(),
    )
    .await
    {
        Ok(m) => m,
        Err(ServiceError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(context! {
        level => m.level.as_ref().map(|l| context! {
            level => l.level, name => NAMES[l.level as usize - 1],
            reasons => l.reasons.iter().map(|(k, c, p)| context! { kind => k, channel => c, points => format!("{p:.1}") }).collect::<Vec<_>>(),
        }),
        risk => match &m.risk {
            Risk::Scored { probability, days_quiet, factors, .. } => context! {
                status => "scored", percent => format!("{:.0}%", probability * 100.0), days_quiet => days_quiet,
                factors => factors.iter().map(|(f, v, _)| super::churn::factor(f, *v)).collect::<Vec<_>>(),
            },
            Risk::NotScored => context! { status => "not_scored" },
            Risk::NoModel => context! { status => "no_model" },
        },
        place => m.place.as_ref().map(|p| context! { rank => p.rank, members => p.members, helps => p.helps, helped => p.helped }),
    }))
}
