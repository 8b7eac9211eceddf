//! Goals on Insights metrics: the owner sets a target and a day ("median first response
//! under 4 hours by March"), and the dashboard shows progress toward it. Every figure is
//! over the 30 days to today, as the cards count it; admins set and remove goals, whoever
//! may open Insights sees them.

use super::insights::{Query, ask, summary};
use super::{Actor, Hearth, Result, ServiceError};
use hearth_core::{Invalid, access};
use hearth_insights::calendar::{Day, format_day, parse_day};
use hearth_store::insights::{Goal, MAX_GOALS};

/// A metric a goal may be on: its name, whether higher is better, its largest value.
pub struct Metric {
    pub name: &'static str,
    pub higher_is_better: bool,
    pub max: Option<f64>,
}

pub const METRICS: &[Metric] = &[
    Metric {
        name: "active_members",
        higher_is_better: true,
        max: None,
    },
    Metric {
        name: "new_members",
        higher_is_better: true,
        max: None,
    },
    Metric {
        name: "questions_answered_share",
        higher_is_better: true,
        max: Some(100.0),
    },
    Metric {
        name: "median_first_response_hours",
        higher_is_better: false,
        max: None,
    },
    Metric {
        name: "health_score",
        higher_is_better: true,
        max: Some(100.0),
    },
];

fn metric(name: &str) -> Option<&'static Metric> {
    METRICS.iter().find(|m| m.name == name)
}

/// Every metric's figure over the 30 days to today (`None`: nothing to measure).
pub async fn current(h: &Hearth, actor: &Actor) -> Result<(Day, Vec<(&'static str, Option<f64>)>)> {
    let asked = ask(
        h,
        actor,
        &Query {
            range: Some("30d".into()),
            ..Query::default()
        },
    )
    .await?;
    let s = summary(h, &asked).await?;
    let health = super::health::health(h, &asked).await?;
    let answered =
        (s.questions.now > 0).then(|| s.answered.now as f64 / s.questions.now as f64 * 100.0);
    Ok((
        asked.to,
        vec![
            ("active_members", Some(s.active.now as f64)),
            ("new_members", Some(s.new_members.now as f64)),
            ("questions_answered_share", answered),
            (
                "median_first_response_hours",
                s.median_first_response_ms
                    .now
                    .map(|ms| ms as f64 / 3_600_000.0),
            ),
            ("health_score", health.score),
        ],
    ))
}

/// A goal as the dashboard shows it.
pub struct View {
    pub id: i64,
    pub metric: &'static str,
    pub target: f64,
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub due: Day,
    /// The share of the way from the baseline to the target, 0 to 1.
    pub progress: f64,
    /// `met`, `on_track`, `behind`, `missed` or `no_data`.
    pub status: &'static str,
}

fn view(g: &Goal, today: Day, figures: &[(&'static str, Option<f64>)]) -> Option<View> {
    let m = metric(&g.metric)?;
    let due = parse_day(&g.due_day)?;
    let target = g.target_milli as f64 / 1000.0;
    let baseline = g.baseline_milli.map(|b| b as f64 / 1000.0);
    let current = figures.iter().find(|f| f.0 == m.name).and_then(|f| f.1);
    let met = |c: f64| {
        if m.higher_is_better {
            c >= target
        } else {
            c <= target
        }
    };
    let progress = match (baseline, current) {
        (_, Some(c)) if met(c) => 1.0,
        (Some(b), Some(c)) if (target - b).abs() > 1e-9 => ((c - b) / (target - b)).clamp(0.0, 1.0),
        _ => 0.0,
    };
    let created = hearth_insights::Zone::utc().day_of(g.created_at);
    let elapsed = if due > created {
        (f64::from(today - created) / f64::from(due - created)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let status = match current {
        None => "no_data",
        Some(c) if met(c) => "met",
        Some(_) if today > due => "missed",
        Some(_) if progress + 1e-9 >= elapsed => "on_track",
        Some(_) => "behind",
    };
    Some(View {
        id: g.id,
        metric: m.name,
        target,
        baseline,
        current,
        due,
        progress,
        status,
    })
}

/// Every goal with its progress.
pub async fn goals(h: &Hearth, actor: &Actor) -> Result<Vec<View>> {
    let (today, figures) = current(h, actor).await?;
    Ok(h.store
        .goals()
        .await?
        .iter()
        .filter_map(|g| view(g, today, &figures))
        .collect())
}

/// Sets a goal: `metric` one of [`METRICS`], `target` a number in the metric's range, `due`
/// a day after today and within three years. Admins only.
pub async fn create(
    h: &Hearth,
    actor: &Actor,
    metric_name: &str,
    target: &str,
    due: &str,
) -> Result<i64> {
    if !access::can_grant_insights(actor) {
        return Err(ServiceError::Forbidden("err-insights-goals-forbidden"));
    }
    let m = metric(metric_name.trim()).ok_or_else(|| Invalid::new("metric", "err-goal-metric"))?;
    let target: f64 = target
        .trim()
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|t: &f64| t.is_finite() && *t >= 0.0 && m.max.is_none_or(|x| *t <= x) && *t < 1e12)
        .ok_or_else(|| Invalid::new("target", "err-goal-target"))?;
    let (today, figures) = current(h, actor).await?;
    let due_day = parse_day(due.trim()).ok_or_else(|| Invalid::new("due", "err-insights-date"))?;
    if due_day <= today || due_day > today + 3 * 366 {
        return Err(Invalid::new("due", "err-goal-due").into());
    }
    if h.store.goals().await?.len() as i64 >= MAX_GOALS {
        return Err(Invalid::new("metric", "err-goal-too-many").into());
    }
    let baseline = figures.iter().find(|f| f.0 == m.name).and_then(|f| f.1);
    let id = h
        .store
        .create_goal(&Goal {
            id: 0,
            metric: m.name.to_string(),
            target_milli: (target * 1000.0).round() as i64,
            baseline_milli: baseline.map(|b| (b * 1000.0).round() as i64),
            due_day: format_day(due_day),
            created_by: actor.member_id(),
            created_at: super::now(),
        })
        .await?;
    Ok(id)
}

/// Removes goal `id`. Admins only.
pub async fn delete(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    if !access::can_grant_insights(actor) {
        return Err(ServiceError::Forbidden("err-insights-goals-forbidden"));
    }
    h.store.delete_goal(id).await?;
    Ok(())
}
