//! Churn risk on the web: the page (`/admin/insights/churn`) and the API
//! (`GET /api/v1/insights/churn`). The filters are Insights' own; the day asked (`to`) is
//! the day members are scored on.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, CurrentMember};
use super::insights::{InsightsQuery, ask, echo, finish, merge, name_of, names, round, start};
use crate::app::AppState;
use crate::services::churn as svc;
use crate::services::insights::day;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use hearth_insights::churn::TooLittle;
use hearth_insights::definitions::definition;
use minijinja::context;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/insights/churn", get(page))
        .route("/api/v1/insights/churn", get(churn_api))
}

fn missing_json(m: &TooLittle) -> serde_json::Value {
    json!({
        "training_examples": m.training_examples,
        "needed_training_examples": svc::MIN_TRAINING,
        "test_examples": m.test_examples,
        "needed_test_examples": svc::MIN_TEST,
        "both_outcomes": m.both_outcomes,
    })
}

async fn churn_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let asked = ask(&state, &caller.actor, &q).await?;
    let limit = q.limit()?;
    let body = match svc::churn(&state.hearth, &asked, limit).await? {
        Err(m) => json!({
            "auc": null, "baseline_auc": null, "beats_baseline": null, "ranked_by": null,
            "calibration": [], "trained_at": null, "items": [], "next_cursor": null, "scored": 0,
            "missing": missing_json(&m),
        }),
        Ok(r) => json!({
            "auc": round(r.auc, 4),
            "baseline_auc": round(r.baseline_auc, 4),
            "beats_baseline": r.beats_baseline,
            "ranked_by": if r.beats_baseline { "model" } else { "recency" },
            "horizon_days": svc::HORIZON_DAYS,
            "test_period": {"from": day(r.test_cutoff - svc::HORIZON_DAYS + 1), "cutoff": day(r.test_cutoff), "to": day(r.test_cutoff + svc::HORIZON_DAYS)},
            "training_examples": r.training_examples,
            "test_examples": r.test_examples,
            "test_went_quiet": r.test_quiet,
            "coefficients": r.coefficients.iter().map(|(f, c)| json!({"feature": f, "coefficient": round(*c, 4)})).collect::<Vec<_>>(),
            "calibration": r.calibration.iter().map(|b| json!({
                "from": b.from, "to": round(b.from + 0.1, 4), "members": b.members,
                "predicted": round(b.predicted, 4), "observed": round(b.observed, 4),
            })).collect::<Vec<_>>(),
            "trained_at": super::views::rfc3339(r.trained_at),
            "scored": r.scored,
            "next_cursor": null,
            "items": r.items.iter().map(|i| json!({
                "member_id": i.member_id,
                "probability": round(i.probability, 4),
                "days_quiet": i.days_quiet,
                "factors": i.factors.iter().map(|(f, v, e)| json!({"feature": f, "value": round(*v, 4), "effect": round(*e, 4)})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
    };
    Ok(Json(merge(echo(&asked), body)))
}

/// A factor in words: its variant of `churn-factor` and its figure as shown.
pub(super) fn factor(feature: &str, value: f64) -> minijinja::Value {
    let variant = match feature {
        // Fewer than two posts in 180 days: no gap to average.
        "post_gap_days" if value >= 180.0 => "few-posts".to_string(),
        _ => feature.replace('_', "-"),
    };
    context! { feature => variant, value => format!("{value:.0}") }
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<InsightsQuery>,
) -> PageResult<Response> {
    let start = match start(&state, &me, &q, "churn", "admin/insights_churn.html").await? {
        Ok(s) => s,
        Err(refused) => return Ok(refused),
    };
    let asked = start.asked;
    let h = &state.hearth;
    // The page lists more than the API's default.
    let limit = q.limit_or(25)?;
    let result = svc::churn(h, &asked, limit).await?;
    let model = match &result {
        Err(m) => context! {
            missing => context! {
                training => m.training_examples, needed_training => svc::MIN_TRAINING,
                test => m.test_examples, needed_test => svc::MIN_TEST,
                both => m.both_outcomes,
            },
        },
        Ok(r) => {
            let ids: Vec<i64> = r.items.iter().map(|i| i.member_id).collect();
            let names = names(&state, &ids).await?;
            context! {
                missing => (),
                auc => format!("{:.2}", r.auc),
                baseline_auc => format!("{:.2}", r.baseline_auc),
                beats => r.beats_baseline,
                training => r.training_examples,
                months => r.training_months,
                test => r.test_examples,
                test_quiet => r.test_quiet,
                test_stayed => r.test_examples - r.test_quiet,
                // Fewer than 20 on either side: the AUCs could move a lot with a few more.
                few => r.test_quiet < 20 || r.test_examples - r.test_quiet < 20,
                test_from => day(r.test_cutoff - svc::HORIZON_DAYS + 1),
                test_cutoff => day(r.test_cutoff),
                test_to => day(r.test_cutoff + svc::HORIZON_DAYS),
                scored => r.scored,
                calibration => r.calibration.iter().map(|b| context! {
                    from => format!("{:.0}", b.from * 100.0),
                    to => format!("{:.0}", (b.from + 0.1) * 100.0),
                    members => b.members,
                    predicted => format!("{:.0}", b.predicted * 100.0),
                    observed => format!("{:.0}", b.observed * 100.0),
                    predicted_bar => ((b.predicted * 10.0).round() as i64 * 10).clamp(0, 100),
                    observed_bar => ((b.observed * 10.0).round() as i64 * 10).clamp(0, 100),
                }).collect::<Vec<_>>(),
                items => r.items.iter().map(|i| context! {
                    id => i.member_id,
                    name => name_of(&names, i.member_id),
                    risk => format!("{:.0}%", i.probability * 100.0),
                    bar => ((i.probability * 10.0).ceil() as i64 * 10).clamp(10, 100),
                    days_quiet => i.days_quiet,
                    factors => i.factors.iter().map(|(f, v, _)| factor(f, *v)).collect::<Vec<_>>(),
                }).collect::<Vec<_>>(),
            }
        }
    };
    let ctx = context! {
        model => model,
        defs => context! {
            churn => definition("churn risk"),
            auc => definition("AUC"),
            privacy => definition("privacy"),
        },
        error => (),
        ..start.base
    };
    finish(&state, me, "admin/insights_churn.html", ctx).await
}
