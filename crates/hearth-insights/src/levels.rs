//! Engagement levels, in the manner of Orbit's model: every member's love (what they did,
//! each activity weighted by its kind and channel and fading with a 30-day half-life) and
//! reach (how many distinct members they helped or were helped by in 90 days) make a
//! score; the top 5% of members with any score are the inner circle (level 1), the next
//! 15% regulars (2), the next 30% participants (3), everyone else observers (4).
//!
//! A member is promoted at once and demoted at most monthly: the level shown on a day is
//! the best level the member reached on the first of that month, on any Sunday since, or
//! on the day itself.

use crate::calendar::{Day, Period};
use crate::log::Log;
use crate::query::Scope;

/// Days for love to halve.
pub const HALF_LIFE_DAYS: f64 = 30.0;
/// Activity older than this counts for nothing.
pub const LOVE_DAYS: i32 = 365;
/// Days of help counted for reach.
pub const REACH_DAYS: i32 = 90;
/// Cumulative shares of scored members in levels 1, 2 and 3.
pub const SHARES: [f64; 3] = [0.05, 0.20, 0.50];

/// The documented default weight of each kind; any other kind of a member's own doing
/// (an integrator's `custom:` kinds among them) weighs [`DEFAULT_WEIGHT`].
pub const DEFAULT_KIND_WEIGHTS: &[(&str, f64)] = &[
    ("topic_started", 3.0),
    ("question_asked", 3.0),
    ("replied", 3.0),
    ("answer_accepted", 2.0),
    ("message_sent", 1.0),
    ("message_replied", 2.0),
    ("event_attended", 3.0),
    ("event_checked_in", 3.0),
    ("event_registered", 1.0),
    ("joined", 1.0),
    ("reacted", 0.5),
    ("reaction_added", 0.5),
    ("idea_voted", 0.5),
    ("poll_voted", 0.5),
    ("flagged", 0.5),
    ("post_edited", 0.2),
    ("profile_updated", 0.2),
    ("guidelines_accepted", 0.2),
    ("event_rsvp_changed", 0.2),
    ("visited", 0.1),
];
pub const DEFAULT_WEIGHT: f64 = 1.0;

/// The default weight of `kind`.
pub fn default_kind_weight(kind: &str) -> f64 {
    DEFAULT_KIND_WEIGHTS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(DEFAULT_WEIGHT, |(_, w)| *w)
}

/// Weights by the log's kind and channel numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub kind: Vec<f64>,
    pub channel: Vec<f64>,
}

impl Weights {
    /// Weights for `log`'s kinds and channels: `kind(name)` and `channel(name)` give each
    /// (the owner's, or the defaults).
    pub fn for_log(
        log: &Log,
        kind: impl Fn(&str) -> f64,
        channel: impl Fn(&str) -> f64,
    ) -> Weights {
        Weights {
            kind: log.kinds.names.iter().map(|k| kind(k)).collect(),
            channel: log.channels.names.iter().map(|c| channel(c)).collect(),
        }
    }

    fn of(&self, kind: u16, channel: u8) -> f64 {
        self.kind
            .get(kind as usize)
            .copied()
            .unwrap_or(DEFAULT_WEIGHT)
            * self.channel.get(channel as usize).copied().unwrap_or(1.0)
    }
}

/// Levels on a day, with how they changed since another.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    /// The level shown today, by person index (0: not counted: staff, opted out, outside
    /// the segment, or never active).
    pub level: Vec<u8>,
    pub score: Vec<f64>,
    /// Members in levels 1 to 4, today and on the day before the range.
    pub sizes: [u64; 4],
    pub before: [u64; 4],
    /// Members whose level rose (a smaller number) or fell since then.
    pub promoted: u64,
    pub demoted: u64,
}

impl Log {
    /// Love and reach on day `d` for every person (love 0 for those `counted` leaves out).
    fn love_and_reach(&self, d: Day, w: &Weights, counted: &[bool]) -> (Vec<f64>, Vec<u32>) {
        let n = self.people.len();
        let mut love = vec![0.0; n];
        let start = self.day.partition_point(|&x| x <= d - LOVE_DAYS);
        let end = self.day.partition_point(|&x| x <= d);
        let fade = |age: i32| 0.5f64.powf(f64::from(age) / HALF_LIFE_DAYS);
        let ages: Vec<f64> = (0..LOVE_DAYS).map(fade).collect();
        for i in start..end {
            let m = self.member[i] as usize;
            if counted[m] {
                love[m] += w.of(self.kind[i], self.channel[i]) * ages[(d - self.day[i]) as usize];
            }
        }
        let mut pairs: Vec<(u32, u32)> = self
            .help
            .iter()
            .filter(|h| h.day <= d && h.day > d - REACH_DAYS)
            .flat_map(|h| [(h.helper, h.helped), (h.helped, h.helper)])
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut reach = vec![0u32; n];
        for (a, _) in pairs {
            reach[a as usize] += 1;
        }
        (love, reach)
    }

    /// Each person's score and level on day `d`, from the scores alone.
    fn raw_levels(&self, d: Day, w: &Weights, counted: &[bool]) -> (Vec<f64>, Vec<u8>) {
        let (love, reach) = self.love_and_reach(d, w, counted);
        let score: Vec<f64> = love
            .iter()
            .zip(&reach)
            .map(|(&l, &r)| l * (1.0 + f64::from(r).ln_1p()))
            .collect();
        let mut ranked: Vec<usize> = (0..score.len()).filter(|&p| score[p] > 0.0).collect();
        ranked.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        let n = ranked.len() as f64;
        let cut: Vec<usize> = SHARES.iter().map(|s| (s * n).ceil() as usize).collect();
        let mut level = vec![4u8; score.len()];
        for (rank, &p) in ranked.iter().enumerate() {
            level[p] = 1 + cut.iter().filter(|&&c| rank >= c).count() as u8;
        }
        (score, level)
    }

    /// The level shown on day `d`: the best reached on the month's first day, on any Sunday
    /// since, or on `d`.
    fn shown_levels(&self, d: Day, w: &Weights, counted: &[bool]) -> (Vec<f64>, Vec<u8>) {
        let month = Period::Month.start(Period::Month.index(d));
        let mut days: Vec<Day> = vec![month];
        // Days are counted from 1970-01-01, a Thursday: a Sunday is 3 mod 7.
        let mut sunday = month + (3 - month).rem_euclid(7);
        if sunday == month {
            sunday += 7;
        }
        while sunday < d {
            days.push(sunday);
            sunday += 7;
        }
        let (score, mut best) = self.raw_levels(d, w, counted);
        for &e in days.iter().filter(|&&e| e != d) {
            let (_, l) = self.raw_levels(e, w, counted);
            for (b, x) in best.iter_mut().zip(l) {
                *b = (*b).min(x);
            }
        }
        (score, best)
    }

    /// Levels on `today`, and how they changed since `before`, for members who are neither
    /// opted out nor (unless `staff`) staff, within the scope's segment, and who were ever
    /// active.
    pub fn levels(
        &self,
        today: Day,
        before: Day,
        w: &Weights,
        staff: bool,
        scope: &Scope,
    ) -> Levels {
        let mut active = vec![false; self.people.len()];
        for &m in &self.member {
            active[m as usize] = true;
        }
        let counted: Vec<bool> = (0..self.people.len())
            .map(|p| {
                let f = self.people[p].facts;
                active[p] && !f.excluded && (staff || !f.staff) && scope.allows(p as u32)
            })
            .collect();
        let (score, mut now) = self.shown_levels(today, w, &counted);
        let (_, then) = self.shown_levels(before, w, &counted);
        let (mut sizes, mut was) = ([0u64; 4], [0u64; 4]);
        let (mut promoted, mut demoted) = (0, 0);
        for p in 0..now.len() {
            if !counted[p] {
                now[p] = 0;
                continue;
            }
            sizes[now[p] as usize - 1] += 1;
            was[then[p] as usize - 1] += 1;
            if now[p] < then[p] {
                promoted += 1;
            } else if now[p] > then[p] {
                demoted += 1;
            }
        }
        Levels {
            level: now,
            score,
            sizes,
            before: was,
            promoted,
            demoted,
        }
    }

    /// What made the love of each of `people` on `today`: (kind number, channel number,
    /// points), largest first, at most three each.
    pub fn reasons(&self, today: Day, w: &Weights, people: &[u32]) -> Vec<Vec<(u16, u8, f64)>> {
        let mut sums: Vec<std::collections::HashMap<(u16, u8), f64>> =
            vec![Default::default(); people.len()];
        let mut slot = vec![usize::MAX; self.people.len()];
        for (k, &p) in people.iter().enumerate() {
            slot[p as usize] = k;
        }
        let start = self.day.partition_point(|&x| x <= today - LOVE_DAYS);
        let end = self.day.partition_point(|&x| x <= today);
        for i in start..end {
            let k = slot[self.member[i] as usize];
            if k == usize::MAX {
                continue;
            }
            let age = f64::from(today - self.day[i]);
            *sums[k].entry((self.kind[i], self.channel[i])).or_default() +=
                w.of(self.kind[i], self.channel[i]) * 0.5f64.powf(age / HALF_LIFE_DAYS);
        }
        sums.into_iter()
            .map(|m| {
                let mut v: Vec<(u16, u8, f64)> = m
                    .into_iter()
                    .filter(|e| e.1 > 0.0)
                    .map(|((k, c), s)| (k, c, s))
                    .collect();
                v.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
                v.truncate(3);
                v
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Filter, Input, Zone};

    fn row(member: i64, kind: &'static str, day: Day) -> Input<'static> {
        Input {
            member_id: member,
            kind,
            channel: "hub",
            space_id: None,
            topic_id: None,
            post_author: None,
            target_member: None,
            weight: 1,
            at_ms: i64::from(day) * 86_400_000 + 3_600_000,
        }
    }

    #[test]
    fn the_busiest_members_are_the_inner_circle_and_a_member_is_demoted_only_at_a_month() {
        // 2025-01-01 is day 20089. Forty members: member k replies k times on the 2nd.
        let mut log = Log::new(Zone::utc());
        let d: Day = 20_090;
        let mut rows = Vec::new();
        for k in 1..=40i64 {
            for _ in 0..k {
                rows.push(row(k, "replied", d));
            }
        }
        // Member 41 replies a lot on the 20th, then nothing.
        for _ in 0..200 {
            rows.push(row(41, "replied", d + 18));
        }
        rows.sort_by_key(|r| r.at_ms);
        log.append(rows);
        let w = Weights::for_log(&log, default_kind_weight, |_| 1.0);
        let everyone = log.scope(d, d + 60, &Filter::default());
        let p41 = log.person_of(41).unwrap() as usize;
        let p40 = log.person_of(40).unwrap() as usize;
        let p1 = log.person_of(1).unwrap() as usize;
        let on = |day| log.levels(day, d, &w, true, &everyone);
        let l = on(d + 18);
        // 41 members with a score: the top ceil(2.05) = 3 are the inner circle.
        assert_eq!(l.sizes[0], 3);
        assert_eq!(l.level[p41], 1, "promoted at once");
        assert_eq!(l.level[p40], 1);
        assert_eq!(l.level[p1], 4);
        assert_eq!(l.sizes.iter().sum::<u64>(), 41);
        // Later in January member 41 would rank lower by score alone, but keeps level 1
        // until February; in February it is what the scores say.
        let later = on(d + 29);
        assert_eq!(later.level[p41], 1);
        let feb = on(20_089 + 31 + 3);
        assert!(feb.score[p41] > 0.0);
        assert!(
            feb.level[p41] <= 2,
            "still a heavy member: {}",
            feb.level[p41]
        );
    }

    #[test]
    fn weights_change_who_counts_most() {
        let mut log = Log::new(Zone::utc());
        let d: Day = 20_090;
        let mut rows = vec![];
        for _ in 0..10 {
            rows.push(row(1, "visited", d));
        }
        rows.push(row(2, "replied", d));
        log.append(rows);
        let scope = log.scope(d, d, &Filter::default());
        let defaults = Weights::for_log(&log, default_kind_weight, |_| 1.0);
        let l = log.levels(d, d, &defaults, true, &scope);
        let (p1, p2) = (
            log.person_of(1).unwrap() as usize,
            log.person_of(2).unwrap() as usize,
        );
        assert!(l.score[p2] > l.score[p1], "a reply outweighs ten visits");
        let visits = Weights::for_log(&log, |k| if k == "visited" { 5.0 } else { 1.0 }, |_| 1.0);
        let l = log.levels(d, d, &visits, true, &scope);
        assert!(l.score[p1] > l.score[p2]);
        let r = log.reasons(d, &visits, &[p1 as u32]);
        assert_eq!(log.kinds.names[r[0][0].0 as usize], "visited");
    }
}
