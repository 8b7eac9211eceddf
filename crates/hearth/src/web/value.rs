//! What members are worth on the web: the page (`/admin/insights/value`) and the API
//! (`GET /api/v1/insights/member-value`). The day asked (`to`) is the day of the estimate.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, CurrentMember};
use super::insights::{InsightsQuery, ask, echo, finish, merge, round, start};
use crate::app::AppState;
use crate::services::value as svc;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use hearth_insights::definitions::definition;
use minijinja::context;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/insights/value", get(page))
        .route("/api/v1/insights/member-value", get(member_value_api))
}

fn share(v: Option<f64>) -> Option<f64> {
    v.map(|x| round(x, 4))
}

async fn member_value_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let r = svc::member_value(&state.hearth, &asked).await?;
    let h = r.habits;
    let habits = json!({
        "member_customers": h.member_customers,
        "non_member_customers": h.non_member_customers,
        "repeat_purchase": {"members": share(h.member_repeat), "non_members": share(h.non_member_repeat)},
        "customer_churn": {"members": share(h.member_churn), "non_members": share(h.non_member_churn)},
    });
    let body = match &r.value {
        Err(m) => json!({
            "estimate_relative": null, "ci_low_relative": null, "ci_high_relative": null,
            "members": 0, "non_members": 0, "method": svc::method(),
            "window_days": svc::WINDOW_DAYS,
            "missing": svc::missing_code(*m),
            "habits": habits,
        }),
        Ok(v) => json!({
            "estimate_relative": round(v.estimate_relative, 4),
            "ci_low_relative": round(v.ci_low_relative, 4),
            "ci_high_relative": round(v.ci_high_relative, 4),
            "members": v.members,
            "non_members": v.non_members,
            "pool": v.pool,
            "method": svc::method(),
            "window_days": svc::WINDOW_DAYS,
            "mean_spend": {
                "members_before": round(v.member_before, 4), "members_after": round(v.member_after, 4),
                "matches_before": round(v.match_before, 4), "matches_after": round(v.match_after, 4),
            },
            "naive_relative": v.naive_relative.map(|x| round(x, 4)),
            "missing": null,
            "habits": habits,
        }),
    };
    Ok(Json(merge(echo(&asked), body)))
}

fn percent(v: f64) -> String {
    format!("{:+.0}%", v * 100.0)
}

fn plain_percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// Money in minor units as whole units (the shop's own currency).
fn money(cents: f64) -> String {
    format!("{:.0}", cents / 100.0)
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let start = match start(&state, &me, &q, "value", "admin/insights_value.html").await? {
        Ok(s) => s,
        Err(refused) => return Ok(refused),
    };
    let asked = start.asked;
    let h = &state.hearth;
    let r = svc::member_value(h, &asked).await?;
    let estimate = match &r.value {
        Err(m) => context! { missing => svc::missing_code(*m) },
        Ok(v) => {
            let verdict = if v.ci_low_relative > 0.0 {
                "more"
            } else if v.ci_high_relative < 0.0 {
                "less"
            } else {
                "unclear"
            };
            let top = v
                .member_after
                .max(v.member_before)
                .max(v.match_after)
                .max(v.match_before)
                .max(1.0);
            let bar = |x: f64| ((x / top * 10.0).round() as i64 * 10).clamp(0, 100);
            context! {
                missing => (),
                verdict => verdict,
                estimate => percent(v.estimate_relative),
                low => percent(v.ci_low_relative),
                high => percent(v.ci_high_relative),
                size => format!("{:.0}%", v.estimate_relative.abs() * 100.0),
                members => v.members,
                non_members => v.non_members,
                pool => v.pool,
                // The naive gap is worth a word only when it is beyond the interval.
                naive => v.naive_relative.filter(|n| *n > v.ci_high_relative).map(percent),
                spend => [
                    context! { who => "members", when => "before", amount => money(v.member_before), bar => bar(v.member_before) },
                    context! { who => "members", when => "after", amount => money(v.member_after), bar => bar(v.member_after) },
                    context! { who => "matches", when => "before", amount => money(v.match_before), bar => bar(v.match_before) },
                    context! { who => "matches", when => "after", amount => money(v.match_after), bar => bar(v.match_after) },
                ],
            }
        }
    };
    let hb = r.habits;
    let ctx = context! {
        window => svc::WINDOW_DAYS,
        estimate => estimate,
        habits => context! {
            member_customers => hb.member_customers,
            non_member_customers => hb.non_member_customers,
            member_repeat => plain_percent(hb.member_repeat),
            non_member_repeat => plain_percent(hb.non_member_repeat),
            member_churn => plain_percent(hb.member_churn),
            non_member_churn => plain_percent(hb.non_member_churn),
        },
        defs => context! {
            value => definition("member value"),
            privacy => definition("privacy"),
        },
        error => (),
        ..start.base
    };
    finish(&state, me, "admin/insights_value.html", ctx).await
}
