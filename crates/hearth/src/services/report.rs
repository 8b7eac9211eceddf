//! The weekly report: every Monday (and whenever an admin asks), each admin gets one mail
//! with the week's key changes, the champions to thank, the members slipping away, the
//! newcomers nobody answered, the health score and, when the mood dropped, the sentiment
//! alert. Each figure is the one Insights shows for the last 7 days, read as that admin
//! (so only spaces they may see).

use super::insights::{Query, ask, summary};
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::access;
use hearth_store::jobs::Job;

/// How many names each list gives.
const LIST: usize = 5;

/// A figure this week and the week before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub now: f64,
    pub before: f64,
}

/// A member named in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub member_id: i64,
    pub name: String,
    /// What the list says of them: helps (champions), days quiet (slipping), the
    /// topic's title (newcomers).
    pub detail: String,
    pub topic_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Weekly {
    pub from: String,
    pub to: String,
    /// The first and last days' starts (ms) and the clock they are on, to say them in words.
    pub from_ms: i64,
    pub to_ms: i64,
    pub zone: String,
    pub active: Change,
    pub new_members: Change,
    pub questions: Change,
    pub answered: Change,
    /// Hours, when there was a first reply to measure.
    pub median_first_response_hours: (Option<f64>, Option<f64>),
    pub health: Option<f64>,
    pub champions: Vec<Named>,
    pub slipping: Vec<Named>,
    pub slipping_total: i64,
    pub newcomers: Vec<Named>,
    /// (negative share this week, the 28 days before), when the mood dropped.
    pub sentiment_alert: Option<(f64, f64)>,
}

/// The report as `actor` would read Insights for the last 7 days.
pub async fn weekly(h: &Hearth, actor: &Actor) -> Result<Weekly> {
    let asked = ask(
        h,
        actor,
        &Query {
            range: Some("7d".into()),
            ..Query::default()
        },
    )
    .await?;
    let s = summary(h, &asked).await?;
    let pair = |p: &super::insights::Pair<u64>| Change {
        now: p.now as f64,
        before: p.before as f64,
    };
    let hours = |ms: Option<i64>| ms.map(|m| m as f64 / 3_600_000.0);
    let health = super::health::health(h, &asked).await?.score;
    let network = super::network::network(h, &asked, LIST * 2).await?;
    let (newcomers, _) = super::network::unanswered_newcomers(h, &asked).await?;
    let at = now();
    let slipping = hearth_core::condition::Condition::Slipping;
    let slipping_people = h
        .store
        .condition_members(&slipping, at, 0, LIST as i64)
        .await?;
    let slipping_total = h.store.condition_count(&slipping, at).await?;
    let mut ids: Vec<i64> = network.champions.iter().map(|c| c.member_id).collect();
    ids.extend(newcomers.iter().map(|n| n.member_id));
    let names: std::collections::HashMap<i64, String> = h
        .store
        .authors(&ids)
        .await?
        .into_iter()
        .map(|a| (a.id, a.display_name))
        .collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let mut times = Vec::new();
    for p in &slipping_people {
        times.push(h.store.member_times(p.id).await?.0);
    }
    let alert = super::sentiment::current_alert(h, &asked.zone, asked.to, &asked.visible).await?;
    Ok(Weekly {
        from: super::insights::day(asked.from),
        to: super::insights::day(asked.to),
        from_ms: super::insights::day_start_ms(&asked.zone, asked.from),
        to_ms: super::insights::day_start_ms(&asked.zone, asked.to),
        zone: asked.zone.name().to_string(),
        active: pair(&s.active),
        new_members: pair(&s.new_members),
        questions: pair(&s.questions),
        answered: pair(&s.answered),
        median_first_response_hours: (
            hours(s.median_first_response_ms.now),
            hours(s.median_first_response_ms.before),
        ),
        health,
        champions: network
            .champions
            .iter()
            .filter(|c| !c.staff && c.helps > 0)
            .take(LIST)
            .map(|c| Named {
                member_id: c.member_id,
                name: name(c.member_id),
                detail: c.helps.to_string(),
                topic_id: None,
            })
            .collect(),
        slipping: slipping_people
            .iter()
            .zip(times)
            .map(|(p, last)| Named {
                member_id: p.id,
                name: if p.display_name.is_empty() {
                    p.handle.clone()
                } else {
                    p.display_name.clone()
                },
                detail: last
                    .map(|t| ((at - t) / 86_400_000).to_string())
                    .unwrap_or_default(),
                topic_id: None,
            })
            .collect(),
        slipping_total,
        newcomers: newcomers
            .iter()
            .take(LIST)
            .map(|n| Named {
                member_id: n.member_id,
                name: name(n.member_id),
                detail: n.title.clone(),
                topic_id: Some(n.topic_id),
            })
            .collect(),
        sentiment_alert: alert.map(|a| (a.recent_share, a.before_share)),
    })
}

/// The Monday job: one report job per admin for the week starting `date`.
pub async fn run(h: &Hearth, date: &str) -> Result<usize> {
    let admins = h.store.report_recipients().await?;
    let jobs: Vec<(Job, String)> = admins
        .iter()
        .map(|&member_id| {
            (
                Job::InsightsReportMember {
                    member_id,
                    date: date.to_string(),
                },
                format!("insights.report_member:{date}:{member_id}"),
            )
        })
        .collect();
    h.store.enqueue_jobs(&jobs, now()).await?;
    Ok(jobs.len())
}

/// An admin asks for the report now: it goes to them alone (at most one a minute).
pub async fn send_now(h: &Hearth, actor: &Actor) -> Result<()> {
    if !access::can_grant_insights(actor) {
        return Err(ServiceError::Forbidden("err-report-forbidden"));
    }
    if h.mailer.is_none() {
        return Err(ServiceError::State("err-report-no-mail"));
    }
    let member_id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let t = time::OffsetDateTime::from_unix_timestamp(now() / 1000)
        .map_err(|e| ServiceError::internal(e.to_string()))?;
    let date = format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute());
    h.store
        .enqueue_jobs(
            &[(
                Job::InsightsReportMember {
                    member_id,
                    date: date.clone(),
                },
                format!("insights.report_member:{date}:{member_id}"),
            )],
            now(),
        )
        .await?;
    Ok(())
}
