//! Who helps whom on the web: the page (`/admin/insights/network`) and the API
//! (`/api/v1/insights/champions`, `/bridges`, `/unanswered-newcomers`). The filters are
//! Insights' own (`super::insights::InsightsQuery`), checked by the service.

use super::charts;
use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, CurrentMember};
use super::insights::{InsightsQuery, ask, echo, finish, merge, name_of, names, round, start};
use crate::app::AppState;
use crate::services::ServiceError;
use crate::services::network as svc;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use hearth_insights::definitions::definition;
use minijinja::context;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/insights/network", get(page))
        .route("/api/v1/insights/champions", get(champions_api))
        .route("/api/v1/insights/bridges", get(bridges_api))
        .route(
            "/api/v1/insights/unanswered-newcomers",
            get(unanswered_newcomers_api),
        )
}

/// The filters checked, and the network they ask for.
async fn asked_network(
    state: &AppState,
    caller: &ApiCaller,
    q: &InsightsQuery,
) -> Result<(crate::services::insights::Asked, svc::Network), ServiceError> {
    let asked = ask(state, &caller.actor, q).await?;
    let limit = q.limit()?;
    let n = svc::network(&state.hearth, &asked, limit).await?;
    Ok((asked, n))
}

async fn champions_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let (asked, n) = asked_network(&state, &caller, &q).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "members": n.members,
            "edges": n.edges,
            "acts": n.acts,
            "next_cursor": null,
            "items": n.champions.iter().map(|c| json!({
                "member_id": c.member_id,
                "score": round(c.score, 9),
                "helped": c.helped,
                "helps": c.helps,
                "helped_by": c.helped_by,
                "staff": c.staff,
            })).collect::<Vec<_>>(),
        }),
    )))
}

async fn bridges_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let (asked, n) = asked_network(&state, &caller, &q).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "members": n.members,
            "exact": n.bridges_exact,
            "sources": n.bridge_sources,
            "next_cursor": null,
            "items": n.bridges.iter().map(|b| json!({
                "member_id": b.member_id,
                "score": round(b.score, 3),
                "error": round(b.error, 3),
            })).collect::<Vec<_>>(),
        }),
    )))
}

async fn unanswered_newcomers_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let (list, other_channel) = svc::unanswered_newcomers(&state.hearth, &asked).await?;
    Ok(Json(merge(
        echo(&asked),
        json!({
            "wait_hours": svc::NEWCOMER_WAIT_MS / 3_600_000,
            "other_channel": other_channel,
            "next_cursor": null,
            "items": list.iter().map(|n| json!({
                "member_id": n.member_id,
                "topic_id": n.topic_id,
                "title": n.title,
                "posted_at": super::views::rfc3339(n.posted_at),
            })).collect::<Vec<_>>(),
        }),
    )))
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let start = match start(&state, &me, &q, "network", "admin/insights_network.html").await? {
        Ok(s) => s,
        Err(refused) => return Ok(refused),
    };
    let asked = start.asked;
    let h = &state.hearth;
    let n = svc::network(h, &asked, q.limit()?).await?;
    let (newcomers, other_channel) = svc::unanswered_newcomers(h, &asked).await?;

    // Names for everyone shown.
    let mut ids: Vec<i64> = n.champions.iter().map(|c| c.member_id).collect();
    ids.extend(n.bridges.iter().map(|b| b.member_id));
    ids.extend(n.core.members.iter().map(|m| m.0));
    ids.extend(newcomers.iter().map(|m| m.member_id));
    let names = names(&state, &ids).await?;
    let name = |id: i64| name_of(&names, id);
    let core: Vec<(String, f64)> = n
        .core
        .members
        .iter()
        .map(|&(id, r)| (name(id), r))
        .collect();
    let top_score = n
        .champions
        .first()
        .map_or(1.0, |c| c.score)
        .max(f64::MIN_POSITIVE);
    let ctx = context! {
        network => context! {
            members => n.members, edges => n.edges, acts => n.acts,
            exact => n.bridges_exact, sources => n.bridge_sources,
        },
        core_svg => (!core.is_empty()).then(|| charts::network("core-heading", &core, &n.core.edges)),
        core_count => core.len(),
        core_names => core.iter().map(|c| c.0.clone()).collect::<Vec<_>>(),
        champions => n.champions.iter().map(|c| context! {
            id => c.member_id, name => name(c.member_id),
            share => format!("{:.1}%", c.score * 100.0),
            bar => ((c.score / top_score) * 10.0).ceil() as i64 * 10,
            helped => c.helped, helps => c.helps, helped_by => c.helped_by, staff => c.staff,
        }).collect::<Vec<_>>(),
        bridges => n.bridges.iter().map(|b| context! {
            id => b.member_id, name => name(b.member_id),
            score => format!("{:.0}", b.score),
            error => (b.error > 0.0).then(|| format!("{:.0}", b.error)),
        }).collect::<Vec<_>>(),
        newcomers => newcomers.iter().map(|m| context! {
            id => m.member_id, name => name(m.member_id),
            topic_id => m.topic_id, title => m.title.clone(), at => m.posted_at,
        }).collect::<Vec<_>>(),
        newcomers_other_channel => other_channel,
        defs => context! {
            help => definition("act of help"),
            champion => definition("champion"),
            bridge => definition("bridge"),
            newcomer => definition("unanswered newcomer"),
            privacy => definition("privacy"),
        },
        error => (),
        ..start.base
    };
    finish(&state, me, "admin/insights_network.html", ctx).await
}
