//! Insights: the community's numbers over time, for those who may see them
//! (`access::can_view_insights`). The filters arrive as text (a query string, a form, the
//! command line) and are checked here, each with an error that names it; the numbers come
//! from this node's engine (`crate::insights`).

use super::{Actor, Hearth, Result, ServiceError};
use hearth_core::values::Role;
use hearth_core::{Invalid, access};
use hearth_insights::calendar::{Day, format_day, parse_day};
use hearth_insights::query::{Activity, Cohort, Contributors, Growth, Support};
use hearth_insights::{Filter, Period, Zone};

/// The longest range asked at once: ten years of days.
pub const MAX_RANGE_DAYS: i32 = 3_660;

/// The range preset used when no dates are given.
pub const DEFAULT_PRESET: &str = "30d";

/// The filters as they arrive, every one optional.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// A preset (`7d`, `30d`, `90d`, `12m`) when `from`/`to` are not given.
    pub range: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub period: Option<String>,
    pub tz: Option<String>,
    pub channel: Option<String>,
    /// A space's slug.
    pub space: Option<String>,
    /// A condition in the segment language.
    pub segment: Option<String>,
    /// `true` to count staff replies as first responses.
    pub staff: Option<String>,
}

/// The filters, checked.
#[derive(Debug, Clone)]
pub struct Asked {
    pub from: Day,
    pub to: Day,
    pub period: Period,
    pub zone: Zone,
    pub filter: Filter,
    /// The text of each filter as understood, for the page to show and links to keep.
    pub channel: Option<String>,
    pub space: Option<String>,
    pub segment: Option<String>,
    pub staff_replies: bool,
    /// The spaces the asker may see: topic titles come only from these.
    pub visible: Vec<i64>,
}

impl Asked {
    /// The same number of days just before.
    pub fn previous(&self) -> (Day, Day) {
        let len = self.to - self.from + 1;
        (self.from - len, self.from - 1)
    }

    pub fn days(&self) -> i32 {
        self.to - self.from + 1
    }
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The lowest role that may open Insights (the community's choice; admins by default).
pub async fn viewers(h: &Hearth) -> Result<Role> {
    Ok(h.store
        .community()
        .await?
        .map_or(Role::Admin, |c| c.insights_role))
}

/// Refuses an actor who may not see Insights.
pub async fn may_view(h: &Hearth, actor: &Actor) -> Result<()> {
    // Admins and the console never need the community's row.
    if actor.is_admin() || access::can_view_insights(actor, viewers(h).await?) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("err-insights-forbidden"))
    }
}

/// Lets moderators open Insights too (`moderator`), or admins only (`admin`); admins
/// choose, and the change is audited.
pub async fn set_viewers(h: &Hearth, actor: &Actor, role: &str) -> Result<Role> {
    if !access::can_grant_insights(actor) {
        return Err(ServiceError::Forbidden("err-insights-grant-forbidden"));
    }
    let role = match role.trim() {
        "admin" => Role::Admin,
        "moderator" => Role::Moderator,
        _ => return Err(Invalid::new("role", "err-insights-viewers").into()),
    };
    h.store.set_insights_role(role).await?;
    super::audit::record(
        h,
        actor,
        hearth_core::audit::AuditAction::InsightsViewersChanged,
        None,
        Some(role.as_str()),
    )
    .await;
    Ok(role)
}

/// Checks the filters. Dates are the community's unless `tz` names another zone.
pub async fn ask(h: &Hearth, actor: &Actor, q: &Query) -> Result<Asked> {
    may_view(h, actor).await?;
    let zone = match blank(&q.tz) {
        Some(name) => Zone::new(name).ok_or_else(|| {
            Invalid::new(
                "tz",
                hearth_core::message!("err-time-zone-unknown", name = format!("{name:?}")),
            )
        })?,
        None => crate::insights::community_zone(&h.store).await?,
    };
    let today = zone.day_of(super::now());
    let date = |field: &'static str, text: &str| {
        parse_day(text).ok_or_else(|| Invalid::new(field, "err-insights-date"))
    };
    let (from, to) = match (blank(&q.from), blank(&q.to)) {
        (None, None) => preset(blank(&q.range).unwrap_or(DEFAULT_PRESET), today)?,
        (Some(f), Some(t)) => (date("from", f)?, date("to", t)?),
        (Some(f), None) => (date("from", f)?, today),
        (None, Some(t)) => {
            let to = date("to", t)?;
            (to - 29, to)
        }
    };
    if from > to {
        return Err(Invalid::new("to", "err-insights-to-before-from").into());
    }
    if to - from + 1 > MAX_RANGE_DAYS {
        return Err(Invalid::new(
            "from",
            hearth_core::message!("err-insights-range", max = MAX_RANGE_DAYS),
        )
        .into());
    }
    let period = match blank(&q.period) {
        None => default_period(to - from + 1),
        Some(p) => Period::parse(p).ok_or_else(|| Invalid::new("period", "err-insights-period"))?,
    };
    let staff_replies = match blank(&q.staff) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(Invalid::new("staff", "err-true-or-false").into()),
    };
    let visible = super::spaces::visible_spaces(h, actor).await?;
    // Only a space the asker may see; one they may not is answered as one that is not.
    let space_id = match blank(&q.space) {
        None => None,
        Some(slug) => Some(
            visible
                .iter()
                .find(|s| s.slug == slug)
                .ok_or_else(|| {
                    Invalid::new(
                        "space",
                        hearth_core::message!("err-insights-space", slug = format!("{slug:?}")),
                    )
                })?
                .id,
        ),
    };
    // A segment reads people's records (spend, tags, fields): only for those who may read
    // them, or counts could tell one member's spend to a moderator.
    let members = match blank(&q.segment) {
        None => None,
        Some(_) if !access::can_view_people(actor) => {
            return Err(Invalid::new("segment", "err-insights-segment-forbidden").into());
        }
        Some(text) => Some(segment_members(h, text).await?),
    };
    let filter = Filter {
        channel: blank(&q.channel).map(str::to_string),
        space_id,
        members,
        zone: Some(zone.clone()),
        staff_replies,
    };
    Ok(Asked {
        from,
        to,
        period,
        zone,
        filter,
        channel: blank(&q.channel).map(str::to_string),
        space: blank(&q.space).map(str::to_string),
        segment: blank(&q.segment).map(str::to_string),
        staff_replies,
        visible: visible.iter().map(|s| s.id).collect(),
    })
}

/// The days a preset covers, ending today.
fn preset(name: &str, today: Day) -> Result<(Day, Day)> {
    let days = match name {
        "7d" => 7,
        "30d" => 30,
        "90d" => 90,
        "12m" => 365,
        _ => return Err(Invalid::new("range", "err-insights-preset").into()),
    };
    Ok((today - days + 1, today))
}

/// Days for a week, weeks up to half a year, months beyond.
fn default_period(days: i32) -> Period {
    if days <= 31 {
        Period::Day
    } else if days <= 190 {
        Period::Week
    } else {
        Period::Month
    }
}

/// The ids of the members a condition matches.
async fn segment_members(h: &Hearth, text: &str) -> Result<Vec<i64>> {
    // The condition's error names its column; here the field is the segment filter.
    let condition = super::people::condition(text).map_err(|e| match e {
        ServiceError::Invalid(inv) => Invalid::new("segment", inv.message).into(),
        other => other,
    })?;
    let now = super::now();
    let mut ids = Vec::new();
    let mut after = 0;
    loop {
        let page = h
            .store
            .condition_members(&condition, now, after, 10_000)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        ids.extend(page.iter().map(|p| p.id));
    }
    Ok(ids)
}

/// The scope of `asked` over its own days, or over `days`.
pub(super) fn scope(
    log: &hearth_insights::Log,
    asked: &Asked,
    days: (Day, Day),
) -> hearth_insights::Scope {
    log.scope(days.0, days.1, &asked.filter)
}

/// Runs `f` over this node's log off the async workers (`Engine::compute`).
pub(super) async fn compute<R: Send + 'static>(
    h: &Hearth,
    asked: &Asked,
    f: impl FnOnce(&hearth_insights::Log, &Asked) -> R + Send + 'static,
) -> Result<R> {
    let asked = asked.clone();
    h.insights
        .compute(move |log| f(log, &asked))
        .await
        .ok_or_else(|| ServiceError::internal("an insights computation failed"))
}

/// Active members per period.
pub async fn active(h: &Hearth, asked: &Asked, period: Period) -> Result<Vec<(Day, u64)>> {
    compute(h, asked, move |log, a| {
        log.active(&scope(log, a, (a.from, a.to)), period)
    })
    .await
}

/// Cohort retention by `period` (weeks or months).
pub async fn retention(h: &Hearth, asked: &Asked, period: Period) -> Result<Vec<Cohort>> {
    compute(h, asked, move |log, a| {
        log.retention(&scope(log, a, (a.from, a.to)), period)
    })
    .await
}

pub async fn growth(h: &Hearth, asked: &Asked) -> Result<Growth> {
    compute(h, asked, |log, a| {
        log.growth(&scope(log, a, (a.from, a.to)), a.period)
    })
    .await
}

/// The activity section: this period's figures, stickiness, and the three series.
pub struct ActivityReport {
    pub now: Activity,
    pub stickiness: Option<f64>,
    pub daily: Vec<(Day, u64)>,
    pub weekly: Vec<(Day, u64)>,
    pub monthly: Vec<(Day, u64)>,
}

pub async fn activity(h: &Hearth, asked: &Asked) -> Result<ActivityReport> {
    compute(h, asked, |log, asked| {
        let s = scope(log, asked, (asked.from, asked.to));
        let [daily, weekly, monthly] = log.active_all(&s);
        ActivityReport {
            now: log.activity(&s),
            stickiness: log.stickiness(&s),
            daily,
            weekly,
            monthly,
        }
    })
    .await
}

/// Support: this period's questions and the unanswered ones older than `hours`.
pub struct SupportReport {
    pub now: Support,
    /// (topic id, title, asked at), oldest first, at most 20.
    pub unanswered: Vec<(i64, String, i64)>,
    pub unanswered_total: usize,
    pub older_than_hours: i64,
}

pub async fn support(h: &Hearth, asked: &Asked, older_than_hours: i64) -> Result<SupportReport> {
    let hours = older_than_hours.clamp(1, 24 * 365);
    let now_ms = super::now();
    let (now, waiting) = compute(h, asked, move |log, asked| {
        let s = scope(log, asked, (asked.from, asked.to));
        (
            log.support(&s),
            log.unanswered(&s, now_ms, hours * 3_600_000),
        )
    })
    .await?;
    let mut unanswered = Vec::new();
    for (topic_id, at) in &waiting {
        if unanswered.len() == 20 {
            break;
        }
        if let Some(t) = h.store.topic(*topic_id).await?
            && t.deleted_at.is_none()
            && t.hidden_at.is_none()
            && asked.visible.contains(&t.space_id)
        {
            unanswered.push((*topic_id, t.title.clone(), *at));
        }
    }
    Ok(SupportReport {
        now,
        unanswered,
        unanswered_total: waiting.len(),
        older_than_hours: hours,
    })
}

pub async fn contributors(h: &Hearth, asked: &Asked) -> Result<Contributors> {
    compute(h, asked, |log, asked| {
        let s = scope(log, asked, (asked.from, asked.to));
        let p = scope(log, asked, asked.previous());
        log.contributors(&s, &p)
    })
    .await
}

/// A number this period and the period of equal length before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair<T> {
    pub now: T,
    pub before: T,
}

/// The cards at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub from: Day,
    pub to: Day,
    pub previous: (Day, Day),
    pub members: Pair<u64>,
    pub active: Pair<u64>,
    pub new_members: Pair<u64>,
    pub questions: Pair<u64>,
    pub answered: Pair<u64>,
    pub median_first_response_ms: Pair<Option<i64>>,
}

pub async fn summary(h: &Hearth, asked: &Asked) -> Result<Summary> {
    let previous = asked.previous();
    compute(h, asked, move |log, asked| {
        let figures = |days: (Day, Day)| {
            let s = scope(log, asked, days);
            let a = log.activity(&s);
            let g = log.growth(&s, Period::Month);
            let sup = log.support(&s);
            let new: u64 = g.periods.iter().map(|p| p.new).sum();
            (a.members, a.active, new, sup)
        };
        let (m1, a1, n1, s1) = figures((asked.from, asked.to));
        let (m0, a0, n0, s0) = figures(previous);
        Summary {
            from: asked.from,
            to: asked.to,
            previous,
            members: Pair {
                now: m1,
                before: m0,
            },
            active: Pair {
                now: a1,
                before: a0,
            },
            new_members: Pair {
                now: n1,
                before: n0,
            },
            questions: Pair {
                now: s1.asked,
                before: s0.asked,
            },
            answered: Pair {
                now: s1.answered,
                before: s0.answered,
            },
            median_first_response_ms: Pair {
                now: s1.first_response_median_ms,
                before: s0.first_response_median_ms,
            },
        }
    })
    .await
}

/// The instant day `d` starts on `zone`'s clock (ms).
pub fn day_start_ms(zone: &Zone, d: Day) -> i64 {
    let (y, m, dd) = hearth_insights::calendar::civil_from_days(d);
    // A date jiff cannot hold (past 9999-12-31) falls back to UTC midnight.
    i16::try_from(y)
        .ok()
        .and_then(|y| jiff::civil::Date::new(y, m as i8, dd as i8).ok())
        .and_then(|date| {
            date.to_zoned(jiff::tz::TimeZone::get(zone.name()).unwrap_or(jiff::tz::TimeZone::UTC))
                .ok()
        })
        .map_or(i64::from(d) * 86_400_000, |z| {
            z.timestamp().as_millisecond()
        })
}

/// The most read and the most replied topics in the period: (topic id, title, count).
pub struct TopContent {
    pub read: Vec<(i64, String, i64)>,
    pub replied: Vec<(i64, String, i64)>,
    /// A channel other than the hub was asked for: topics live on the hub, so both lists
    /// are empty and say why.
    pub other_channel: bool,
    /// A segment was asked for: replies are its members', but views are kept per topic
    /// and day, not per reader, so the most read list counts every reader and says so.
    pub reads_not_narrowed: bool,
}

/// How many topics each list shows.
const TOP: usize = 10;

pub async fn top_content(h: &Hearth, asked: &Asked) -> Result<TopContent> {
    let other_channel = asked
        .filter
        .channel
        .as_deref()
        .is_some_and(|c| c != hearth_core::activity::HUB);
    let reads_not_narrowed = asked.filter.members.is_some() && !other_channel;
    if other_channel {
        return Ok(TopContent {
            read: Vec::new(),
            replied: Vec::new(),
            other_channel,
            reads_not_narrowed,
        });
    }
    let space = asked.filter.space_id;
    let keep = |list: Vec<(i64, i64, String, i64)>| -> Vec<(i64, String, i64)> {
        list.into_iter()
            .filter(|(_, space, _, _)| asked.visible.contains(space))
            .take(TOP)
            .map(|(id, _, title, n)| (id, title, n))
            .collect()
    };
    let read = h
        .store
        .most_read_between(&format_day(asked.from), &format_day(asked.to), space, 50)
        .await?;
    let (from, until) = (
        day_start_ms(&asked.zone, asked.from),
        day_start_ms(&asked.zone, asked.to + 1),
    );
    let replied = match &asked.filter.members {
        None => keep(h.store.most_replied_between(from, until, space, 50).await?),
        Some(members) => {
            let members: std::collections::HashSet<i64> = members.iter().copied().collect();
            let mut by_topic: Vec<(i64, i64, String, i64)> = Vec::new();
            for (topic, in_space, title, author, n) in h
                .store
                .replies_by_author_between(from, until, space)
                .await?
            {
                if !members.contains(&author) {
                    continue;
                }
                match by_topic.last_mut() {
                    Some(last) if last.0 == topic => last.3 += n,
                    _ => by_topic.push((topic, in_space, title, n)),
                }
            }
            // Most first; ties by topic, as the store orders them.
            by_topic.sort_by_key(|t| (std::cmp::Reverse(t.3), t.0));
            keep(by_topic)
        }
    };
    Ok(TopContent {
        read: keep(read),
        replied,
        other_channel,
        reads_not_narrowed,
    })
}

impl Summary {
    /// The cards as `GET /api/v1/insights/summary` and `hearth insights summary --json`
    /// say them (the API adds the filters and the engine's state).
    pub fn to_json(&self) -> serde_json::Value {
        let pair = |p: Pair<u64>| serde_json::json!({"now": p.now, "before": p.before});
        serde_json::json!({
            "from": day(self.from),
            "to": day(self.to),
            "previous": {"from": day(self.previous.0), "to": day(self.previous.1)},
            "members": pair(self.members),
            "active_members": pair(self.active),
            "new_members": pair(self.new_members),
            "questions": pair(self.questions),
            "answered_questions": pair(self.answered),
            "median_first_response_seconds": {
                "now": seconds(self.median_first_response_ms.now),
                "before": seconds(self.median_first_response_ms.before),
            },
        })
    }
}

/// What the engine holds (for the page's footer).
pub fn status(h: &Hearth) -> crate::insights::Status {
    h.insights.status()
}

/// `YYYY-MM-DD`, for views.
pub use hearth_insights::calendar::format_day as day;

/// A wait in whole seconds, as the API and the command line give it.
pub fn seconds(ms: Option<i64>) -> Option<i64> {
    ms.map(|ms| ms / 1000)
}
