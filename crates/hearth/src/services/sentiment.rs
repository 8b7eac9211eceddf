//! Sentiment and trending terms, for those who may open Insights. Each post's label is the
//! stream's `sentiment` consumer's (`hearth_insights::sentiment`) or staff's correction;
//! trends count confident posts per period and space, never average scores. An alert is
//! raised when the last 7 days' confident posts are clearly more negative than the 28
//! days before. Only spaces the reader may see are counted or listed.

use super::insights::{Asked, day_start_ms};
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::audit::AuditAction;
use hearth_core::{Invalid, access};
use hearth_insights::Day;
use hearth_insights::sentiment::{CONFIDENT, Label};
use hearth_insights::trending::{Doc, Term, rising};
use hearth_store::sentiment::{SentimentPost, SentimentRow};

const DAY_MS: i64 = 86_400_000;

/// One period's (or one space's) count of confident posts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub positive: u64,
    pub negative: u64,
    /// Every scored post, confident or not.
    pub posts: u64,
}

impl Counts {
    fn add(&mut self, r: &SentimentRow) {
        self.posts += 1;
        // A correction is staff's word: always counted.
        let confident = r.corrected || (r.compound_milli.abs() as f64) >= CONFIDENT * 1000.0;
        if confident {
            match r.label.as_str() {
                "positive" => self.positive += 1,
                "negative" => self.negative += 1,
                _ => {}
            }
        }
    }

    /// Of the confident posts, the share that are negative (`None` without any).
    pub fn negative_share(&self) -> Option<f64> {
        let n = self.positive + self.negative;
        (n > 0).then(|| self.negative as f64 / n as f64)
    }
}

/// The alert: the last 7 days against the 28 before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alert {
    pub recent: Counts,
    pub before: Counts,
    pub recent_share: f64,
    pub before_share: f64,
}

/// The share of negative posts must rise by this much, with at least this many negative
/// posts in the week, for an alert.
pub const ALERT_RISE: f64 = 0.15;
pub const ALERT_MIN_NEGATIVE: u64 = 5;

pub struct Report {
    pub enabled: bool,
    pub total: Counts,
    /// Per period: its first day and its counts.
    pub series: Vec<(Day, Counts)>,
    /// Per space seen: (space id, counts), most posts first.
    pub spaces: Vec<(i64, Counts)>,
    pub alert: Option<Alert>,
    /// Counts in the week to the day asked and the 28 days before (whether or not they
    /// make an alert).
    pub week: Counts,
    pub weeks_before: Counts,
    pub negative: Vec<SentimentPost>,
    pub positive: Vec<SentimentPost>,
}

/// The spaces to count: the one asked for, if the reader may see it, or all they may.
fn spaces(asked: &Asked) -> Vec<i64> {
    match asked.filter.space_id {
        Some(s) => asked.visible.iter().copied().filter(|v| *v == s).collect(),
        None => asked.visible.clone(),
    }
}

fn alert(week: Counts, before: Counts) -> Option<Alert> {
    let (Some(recent_share), Some(before_share)) = (week.negative_share(), before.negative_share())
    else {
        return None;
    };
    (week.negative >= ALERT_MIN_NEGATIVE && recent_share - before_share >= ALERT_RISE).then_some(
        Alert {
            recent: week,
            before,
            recent_share,
            before_share,
        },
    )
}

/// The week to `to` and the 28 days before, in `spaces`.
async fn weeks(
    h: &Hearth,
    zone: &hearth_insights::Zone,
    to: Day,
    spaces: &[i64],
) -> Result<(Counts, Counts)> {
    let end = day_start_ms(zone, to + 1);
    let week_start = end - 7 * DAY_MS;
    let mut week = Counts::default();
    let mut before = Counts::default();
    for r in h
        .store
        .sentiment_rows(week_start - 28 * DAY_MS, end, spaces)
        .await?
    {
        if r.created_at >= week_start {
            week.add(&r);
        } else {
            before.add(&r);
        }
    }
    Ok((week, before))
}

pub async fn sentiment(h: &Hearth, asked: &Asked, limit: usize) -> Result<Report> {
    let enabled = h.store.sentiment_on().await?;
    let spaces = spaces(asked);
    let (from, until) = (
        day_start_ms(&asked.zone, asked.from),
        day_start_ms(&asked.zone, asked.to + 1),
    );
    let rows = h.store.sentiment_rows(from, until, &spaces).await?;
    let mut total = Counts::default();
    let first = asked.period.index(asked.from);
    let last = asked.period.index(asked.to);
    let mut series: Vec<(Day, Counts)> = (first..=last)
        .map(|i| (asked.period.start(i), Counts::default()))
        .collect();
    let mut per_space: std::collections::BTreeMap<i64, Counts> = Default::default();
    for r in &rows {
        total.add(r);
        let k = (asked.period.index(asked.zone.day_of(r.created_at)) - first) as usize;
        if let Some(slot) = series.get_mut(k) {
            slot.1.add(r);
        }
        per_space.entry(r.space_id).or_default().add(r);
    }
    let mut spaces_seen: Vec<(i64, Counts)> = per_space.into_iter().collect();
    spaces_seen.sort_by(|a, b| b.1.posts.cmp(&a.1.posts).then(a.0.cmp(&b.0)));
    let (week, weeks_before) = weeks(h, &asked.zone, asked.to, &spaces).await?;
    let limit = limit as i64;
    Ok(Report {
        enabled,
        total,
        series,
        spaces: spaces_seen,
        alert: if enabled {
            alert(week, weeks_before)
        } else {
            None
        },
        week,
        weeks_before,
        negative: h
            .store
            .sentiment_posts(from, until, &spaces, "negative", limit)
            .await?,
        positive: h
            .store
            .sentiment_posts(from, until, &spaces, "positive", limit)
            .await?,
    })
}

/// Of the clearly felt posts in the range asked, the share positive (`None` when sentiment
/// is off or no post reads clearly either way): the health score's sentiment component.
pub async fn positive_share(h: &Hearth, asked: &Asked) -> Result<Option<f64>> {
    if !h.store.sentiment_on().await? {
        return Ok(None);
    }
    let spaces = spaces(asked);
    let from = day_start_ms(&asked.zone, asked.from);
    let until = day_start_ms(&asked.zone, asked.to + 1);
    let mut c = Counts::default();
    for r in h.store.sentiment_rows(from, until, &spaces).await? {
        c.add(&r);
    }
    Ok(c.negative_share().map(|n| 1.0 - n))
}

/// The alert for the week to today over every space, for the weekly report and the
/// Overview (`None` when sentiment is off or nothing is wrong).
pub async fn current_alert(
    h: &Hearth,
    zone: &hearth_insights::Zone,
    today: Day,
    spaces: &[i64],
) -> Result<Option<Alert>> {
    if !h.store.sentiment_on().await? {
        return Ok(None);
    }
    let (week, before) = weeks(h, zone, today, spaces).await?;
    Ok(alert(week, before))
}

/// Terms rising in the last 7 days to the day asked against the 8 weeks before.
pub async fn trending(h: &Hearth, asked: &Asked, limit: usize) -> Result<Vec<Term>> {
    let spaces = spaces(asked);
    let end = day_start_ms(&asked.zone, asked.to + 1);
    let week = end - 7 * DAY_MS;
    let texts = h
        .store
        .post_texts(week - 56 * DAY_MS, end, &spaces, 100_000)
        .await?;
    let (mut recent, mut base) = (Vec::new(), Vec::new());
    for p in &texts {
        let d = Doc {
            author: p.author_id,
            text: &p.body_md,
        };
        if p.created_at >= week {
            recent.push(d);
        } else {
            base.push(d);
        }
    }
    Ok(rising(&recent, &base, limit))
}

/// Staff's label for a post (`automatic` goes back to the automatic one). Staff who may
/// open Insights and see the post's space.
pub async fn correct(h: &Hearth, actor: &Actor, post_id: i64, label: &str) -> Result<()> {
    super::insights::may_view(h, actor).await?;
    if !access::can_correct_sentiment(actor) {
        return Err(ServiceError::Forbidden("err-sentiment-correct-forbidden"));
    }
    let label = match label.trim() {
        "automatic" => None,
        l => Some(
            Label::parse(l)
                .ok_or_else(|| Invalid::new("label", "err-sentiment-label"))?
                .as_str(),
        ),
    };
    let post = h
        .store
        .post(post_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-post"))?;
    let space = h
        .store
        .topic(post.topic_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-post"))?
        .space_id;
    let visible = super::spaces::visible_spaces(h, actor).await?;
    if !visible.iter().any(|s| s.id == space) {
        return Err(ServiceError::NotFound("err-not-found-post"));
    }
    h.store
        .correct_sentiment(post_id, label, actor.member_id(), now())
        .await?;
    Ok(())
}

/// Switches sentiment on or off (admins; audited). Switching it on again scores every
/// post anew: the stream's `sentiment` consumer replays from the start.
pub async fn set_enabled(h: &Hearth, actor: &Actor, on: bool) -> Result<()> {
    if !access::can_grant_insights(actor) {
        return Err(ServiceError::Forbidden("err-sentiment-switch-forbidden"));
    }
    let was = h.store.sentiment_on().await?;
    if was == on {
        return Ok(());
    }
    h.store.set_sentiment_on(on).await?;
    if on {
        h.store
            .reset_consumer(crate::stream::Consumer::Sentiment.name())
            .await?;
    }
    super::audit::record(
        h,
        actor,
        AuditAction::InsightsSentimentSwitched,
        None,
        Some(if on { "on" } else { "off" }),
    )
    .await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(positive: u64, negative: u64) -> Counts {
        Counts {
            positive,
            negative,
            posts: positive + negative,
        }
    }

    #[test]
    fn the_alert_needs_a_clear_rise_and_enough_negative_posts() {
        // 50% negative this week against 20% before, six negative posts: an alert.
        let a = alert(c(6, 6), c(40, 10)).expect("an alert");
        assert!((a.recent_share - 0.5).abs() < 1e-12 && (a.before_share - 0.2).abs() < 1e-12);
        // The same rise on four negative posts is not enough to say.
        assert!(alert(c(4, 4), c(40, 10)).is_none());
        // Ten points up is within the week-to-week wobble.
        assert!(alert(c(14, 6), c(80, 20)).is_none());
        // Nothing before to compare with, or nothing this week: no alert.
        assert!(alert(c(0, 9), c(0, 0)).is_none());
        assert!(alert(c(0, 0), c(5, 5)).is_none());
    }
}
