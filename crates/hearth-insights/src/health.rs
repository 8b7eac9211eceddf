//! The community's health, 0 to 100, from named components, each with its figure, its
//! target and the formula that turns one into the other; never a black box. The anchors
//! are LFX Insights' health score (four components of 25) and the Lithium/Khoros
//! Community Health Index (growth, useful activity, responsiveness).
//!
//! - growth: new members per 30 days as a share of the members before; full marks at 10%;
//! - activity: active members as a share of all members (participation); full at 30%;
//! - responsiveness: the share of questions asked that got a first reply within 24 hours;
//!   full at 100%;
//! - retention: of the members active in the period before, the share active again in
//!   this one; full at 60%;
//! - sentiment: of the posts that read clearly positive or negative (`sentiment`), the
//!   share positive; full at 80%; left out, rather than guessed, when sentiment is off or
//!   no post reads clearly either way (the binary adds it: the text is not in the log).
//!
//! Each component scores `100 × min(1, figure ÷ target)`; the score is the mean of the
//! components that could be measured.

use crate::calendar::Period;
use crate::log::Log;
use crate::query::Scope;

/// One component: its name, its figure (a share), the target that earns full marks, and
/// its score; `None` when there was nothing to measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Component {
    pub name: &'static str,
    pub figure: Option<f64>,
    pub target: f64,
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Health {
    /// The mean of the measured components' scores.
    pub score: Option<f64>,
    pub components: Vec<Component>,
}

/// A first reply within this long makes a question answered in time.
pub const RESPONSE_MS: i64 = 24 * 3_600_000;

fn component(name: &'static str, figure: Option<f64>, target: f64) -> Component {
    Component {
        name,
        figure,
        target,
        score: figure.map(|f| 100.0 * (f / target).min(1.0)),
    }
}

/// The share of clearly felt posts that are positive earning full marks.
pub const SENTIMENT_TARGET: f64 = 0.80;

impl Health {
    /// The same health with its sentiment component measured (`positive_share`: of the
    /// clearly felt posts, the share positive), and the score taken again.
    pub fn with_sentiment(mut self, positive_share: Option<f64>) -> Health {
        for c in &mut self.components {
            if c.name == "sentiment" {
                *c = component("sentiment", positive_share, SENTIMENT_TARGET);
            }
        }
        let measured: Vec<f64> = self.components.iter().filter_map(|c| c.score).collect();
        self.score =
            (!measured.is_empty()).then(|| measured.iter().sum::<f64>() / measured.len() as f64);
        self
    }
}

impl Log {
    /// Members active in `previous`, and how many of them are active in `scope` too.
    pub fn returning(&self, scope: &Scope, previous: &Scope) -> (u64, u64) {
        let n = self.people.len();
        let (mut before, mut now) = (vec![false; n], vec![false; n]);
        let allowed = |m: usize| !self.people[m].facts.excluded && scope.allows(m as u32);
        for (i, d) in self.day.iter().enumerate() {
            let m = self.member[i] as usize;
            if *d >= previous.from && *d <= previous.to {
                before[m] = true;
            }
            if *d >= scope.from && *d <= scope.to {
                now[m] = true;
            }
        }
        let mut counts = (0, 0);
        for m in (0..n).filter(|&m| before[m] && allowed(m)) {
            counts.0 += 1;
            if now[m] {
                counts.1 += 1;
            }
        }
        counts
    }

    /// The health of `scope`, against `previous` (the period of equal length before it).
    pub fn health(&self, scope: &Scope, previous: &Scope) -> Health {
        let days = f64::from(scope.to - scope.from + 1);
        let growth = self.growth(scope, Period::Month);
        let new: u64 = growth.periods.iter().map(|p| p.new).sum();
        let growth_figure = (growth.members_before > 0)
            .then(|| new as f64 / growth.members_before as f64 * 30.0 / days);
        let activity = self.activity(scope);
        let participation =
            (activity.members > 0).then(|| activity.active as f64 / activity.members as f64);
        let support = self.support(scope);
        let in_time = support
            .first_response_ms
            .iter()
            .filter(|&&w| w <= RESPONSE_MS)
            .count();
        let responsiveness = (support.asked > 0).then(|| in_time as f64 / support.asked as f64);
        let (before, back) = self.returning(scope, previous);
        let retention = (before > 0).then(|| back as f64 / before as f64);
        let components = vec![
            component("growth", growth_figure, 0.10),
            component("activity", participation, 0.30),
            component("responsiveness", responsiveness, 1.0),
            component("retention", retention, 0.60),
            component("sentiment", None, SENTIMENT_TARGET),
        ];
        let measured: Vec<f64> = components.iter().filter_map(|c| c.score).collect();
        Health {
            score: (!measured.is_empty())
                .then(|| measured.iter().sum::<f64>() / measured.len() as f64),
            components,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Filter, Input, Zone};

    #[test]
    fn every_component_is_its_figure_against_its_target_and_the_score_their_mean() {
        // Ten members active in January; five of them again in February, plus five new
        // ones; one question in February answered after an hour.
        let day = |d: i64| d * 86_400_000 + 3_600_000;
        let jan = 20_089i64; // 2025-01-01
        let feb = jan + 31;
        let mut rows: Vec<Input<'static>> = Vec::new();
        let mk = |m: i64, kind: &'static str, at: i64, topic: Option<i64>| Input {
            member_id: m,
            kind,
            channel: "hub",
            space_id: None,
            topic_id: topic,
            post_author: None,
            target_member: None,
            weight: 1,
            at_ms: at,
        };
        for m in 1..=10 {
            rows.push(mk(m, "visited", day(jan + 10), None));
        }
        for m in 1..=5 {
            rows.push(mk(m, "visited", day(feb + 2), None));
        }
        for m in 11..=15 {
            rows.push(mk(m, "visited", day(feb + 3), None));
        }
        rows.push(mk(11, "question_asked", day(feb + 4), Some(1)));
        rows.push(mk(1, "replied", day(feb + 4) + 3_600_000, Some(1)));
        rows.sort_by_key(|r| r.at_ms);
        let mut log = Log::new(Zone::utc());
        log.append(rows);
        let f = Filter::default();
        let (from, to) = (feb as i32, feb as i32 + 27);
        let h = log.health(
            &log.scope(from, to, &f),
            &log.scope(from - 28, from - 1, &f),
        );
        let by = |n: &str| *h.components.iter().find(|c| c.name == n).unwrap();
        // 5 new per 10 before over 28 days: 0.5 × 30/28 per 30 days, well past 10%.
        assert_eq!(by("growth").score, Some(100.0));
        // 10 of 15 members active: 66.7%, past 30%.
        assert_eq!(by("activity").score, Some(100.0));
        assert_eq!(by("responsiveness").figure, Some(1.0));
        // 5 of the 10 January members came back: 50% of the 60% target.
        let r = by("retention");
        assert_eq!(r.figure, Some(0.5));
        assert!((r.score.unwrap() - 250.0 / 3.0).abs() < 1e-9);
        assert_eq!(by("sentiment").score, None);
        let with = h.clone().with_sentiment(Some(0.6));
        let s = with
            .components
            .iter()
            .find(|c| c.name == "sentiment")
            .unwrap();
        assert!((s.score.unwrap() - 75.0).abs() < 1e-9);
        let measured: Vec<f64> = with.components.iter().filter_map(|c| c.score).collect();
        assert_eq!(measured.len(), 5);
        assert!((with.score.unwrap() - measured.iter().sum::<f64>() / 5.0).abs() < 1e-9);
        let mean = (100.0 + 100.0 + 100.0 + 250.0 / 3.0) / 4.0;
        assert!((h.score.unwrap() - mean).abs() < 1e-9);
        // Nothing at all: no score, not zero.
        let empty = Log::new(Zone::utc());
        let s = empty.scope(from, to, &f);
        assert_eq!(empty.health(&s, &s).score, None);
    }
}
