//! The community's numbers, computed from the columnar log. Every function here scans the
//! rows in time order once or twice; distinct members per period are counted with one
//! "last period seen" slot per member, which is exact because rows come in time order.

use crate::calendar::{Day, Period, PeriodTable, Zone};
use crate::log::Log;

/// Which rows a question looks at. Build one with [`Log::scope`].
#[derive(Debug, Clone)]
pub struct Scope {
    /// Inclusive days on the scope's clock.
    pub from: Day,
    pub to: Day,
    /// `None`: every channel. `Some(None)`: a channel the log has never seen (nothing).
    pub(crate) channel: Option<Option<u8>>,
    pub(crate) space: Option<Option<u32>>,
    /// Members allowed (a segment), by person index; `None`: everyone.
    pub(crate) members: Option<Vec<bool>>,
    /// Another clock than the community's: every row's day is read again.
    pub(crate) zone: Option<Zone>,
    /// Count staff replies as first responses (CHAOSS leaves the choice to the reader).
    pub staff_replies: bool,
}

/// What a caller asks for, in the store's terms.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub channel: Option<String>,
    pub space_id: Option<i64>,
    /// A segment's members, by id.
    pub members: Option<Vec<i64>>,
    /// A time zone other than the community's.
    pub zone: Option<Zone>,
    pub staff_replies: bool,
}

impl Scope {
    /// Whether a row on channel number `c` is in the scope.
    pub(crate) fn channel_matches(&self, c: u8) -> bool {
        self.channel.is_none_or(|x| x == Some(c))
    }

    /// Whether a row in space column number `s` is in the scope.
    pub(crate) fn space_matches(&self, s: u32) -> bool {
        self.space.is_none_or(|x| x == Some(s))
    }

    /// Whether person index `p` is in the scope's segment (everyone when there is none).
    pub fn allows(&self, p: u32) -> bool {
        self.members
            .as_ref()
            .is_none_or(|m| m.get(p as usize).copied().unwrap_or(false))
    }
}

const SKIP: i32 = i32::MAX;
const NEVER: i32 = i32::MIN;

impl Log {
    /// A scope over inclusive days `from..=to` with `filter`.
    pub fn scope(&self, from: Day, to: Day, filter: &Filter) -> Scope {
        let members = filter.members.as_ref().map(|ids| {
            let mut allowed = vec![false; self.people.len()];
            for id in ids {
                if let Some(i) = self.person_of(*id) {
                    allowed[i as usize] = true;
                }
            }
            allowed
        });
        Scope {
            from,
            to,
            channel: filter
                .channel
                .as_ref()
                .map(|c| self.channels.get(c).map(|n| n as u8)),
            space: filter.space_id.map(|id| self.space_of(id)),
            members,
            zone: filter.zone.clone().filter(|z| z.name() != self.zone.name()),
            staff_replies: filter.staff_replies,
        }
    }

    /// A slot per member: `NEVER` for those counted, `SKIP` for those left out (opted out,
    /// outside the segment).
    fn slots(&self, scope: &Scope) -> Vec<i32> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let allowed = scope.members.as_ref().is_none_or(|m| m[i]);
                if p.facts.excluded || !allowed {
                    SKIP
                } else {
                    NEVER
                }
            })
            .collect()
    }

    /// Calls `f(row, day)` for each row that passes the scope's channel and space, with
    /// its day on the scope's clock, for rows on days up to `to` (from the first row when
    /// `all_time`, else from `from`).
    fn scan(&self, scope: &Scope, all_time: bool, mut f: impl FnMut(usize, Day)) {
        let channel_ok = |i: usize| match scope.channel {
            None => true,
            Some(None) => false,
            Some(Some(c)) => self.channel[i] == c,
        };
        let space_ok = |i: usize| match scope.space {
            None => true,
            Some(None) => false,
            Some(Some(s)) => self.space[i] == s,
        };
        if scope.channel == Some(None) || scope.space == Some(None) {
            return;
        }
        match &scope.zone {
            None => {
                let start = if all_time {
                    0
                } else {
                    self.day.partition_point(|&d| d < scope.from)
                };
                let end = self.day.partition_point(|&d| d <= scope.to);
                if scope.channel.is_none() && scope.space.is_none() {
                    for i in start..end {
                        f(i, self.day[i]);
                    }
                } else {
                    for i in start..end {
                        if channel_ok(i) && space_ok(i) {
                            f(i, self.day[i]);
                        }
                    }
                }
            }
            Some(zone) => {
                let mut days = zone.days();
                for i in 0..self.len() {
                    let day = days.day(i64::from(self.minute[i]) * 60_000);
                    if day > scope.to {
                        break;
                    }
                    if (all_time || day >= scope.from) && channel_ok(i) && space_ok(i) {
                        f(i, day);
                    }
                }
            }
        }
    }

    /// Active members per period: members with at least one activity of their own doing
    /// in it. One entry per period that overlaps `from..=to`, zeros included.
    pub fn active(&self, scope: &Scope, period: Period) -> Vec<(Day, u64)> {
        let table = PeriodTable::new(period, scope.from, scope.to);
        let first = table.index(scope.from);
        let last = table.index(scope.to);
        let mut counts = vec![0u64; (last - first + 1).max(0) as usize];
        let mut seen = self.slots(scope);
        self.scan(scope, false, |i, day| {
            let p = table.index(day);
            let slot = &mut seen[self.member[i] as usize];
            if *slot != p && *slot != SKIP {
                *slot = p;
                counts[(p - first) as usize] += 1;
            }
        });
        counts
            .into_iter()
            .enumerate()
            .map(|(k, n)| (period.start(first + k as i32), n))
            .collect()
    }

    /// Active members per day, week and month in one pass (the dashboard's three series).
    pub fn active_all(&self, scope: &Scope) -> [Vec<(Day, u64)>; 3] {
        let tables = Period::ALL.map(|p| PeriodTable::new(p, scope.from, scope.to));
        let firsts = [0, 1, 2].map(|k| tables[k].index(scope.from));
        let lasts = [0, 1, 2].map(|k| tables[k].index(scope.to));
        let mut counts: [Vec<u64>; 3] =
            [0, 1, 2].map(|k| vec![0u64; (lasts[k] - firsts[k] + 1).max(0) as usize]);
        let base = self.slots(scope);
        let mut seen = [base.clone(), base.clone(), base];
        self.scan(scope, false, |i, day| {
            let m = self.member[i] as usize;
            for k in 0..3 {
                let p = tables[k].index(day);
                let slot = &mut seen[k][m];
                if *slot != p && *slot != SKIP {
                    *slot = p;
                    counts[k][(p - firsts[k]) as usize] += 1;
                }
            }
        });
        [0, 1, 2].map(|k| {
            counts[k]
                .iter()
                .enumerate()
                .map(|(j, &n)| (Period::ALL[k].start(firsts[k] + j as i32), n))
                .collect()
        })
    }

    /// Each member's first period with an activity in scope (its channel, space and
    /// segment; any date up to `to`), or `NEVER`/`SKIP`.
    fn first_periods(&self, scope: &Scope, table: &PeriodTable) -> Vec<i32> {
        let mut first = self.slots(scope);
        self.scan(scope, true, |i, day| {
            let slot = &mut first[self.member[i] as usize];
            if *slot == NEVER {
                *slot = table.index(day);
            }
        });
        first
    }

    /// Cohort retention: members grouped by the period of their first activity (in
    /// scope); for cohorts starting in `from..=to`, `retained[k]` counts the cohort's
    /// members active `k` periods later, up to `to`. `retained[0]` is the cohort's size.
    pub fn retention(&self, scope: &Scope, period: Period) -> Vec<Cohort> {
        // The table must reach back to the first row: a member's first period may be long
        // before `from`.
        let earliest = match &scope.zone {
            None => self.day.first().copied().unwrap_or(scope.from),
            Some(z) => self
                .minute
                .first()
                .map_or(scope.from, |&m| z.day_of(i64::from(m) * 60_000)),
        }
        .min(scope.from);
        let table = PeriodTable::new(period, earliest, scope.to);
        let first_cohort = table.index(scope.from);
        let last = table.index(scope.to);
        let n = (last - first_cohort + 1).max(0) as usize;
        let firsts = self.first_periods(scope, &table);
        let mut retained: Vec<Vec<u64>> = (0..n).map(|c| vec![0u64; n - c]).collect();
        let mut seen = vec![NEVER; firsts.len()];
        self.scan(scope, true, |i, day| {
            let m = self.member[i] as usize;
            let c = firsts[m];
            if c == SKIP || c < first_cohort {
                return;
            }
            let p = table.index(day);
            if seen[m] != p {
                seen[m] = p;
                retained[(c - first_cohort) as usize][(p - c) as usize] += 1;
            }
        });
        retained
            .into_iter()
            .enumerate()
            .map(|(k, retained)| Cohort {
                start: period.start(first_cohort + k as i32),
                size: retained[0],
                retained,
            })
            .collect()
    }

    /// New members per period (first activity in scope), split by the channel of that
    /// first activity, and the members known at each period's end.
    pub fn growth(&self, scope: &Scope, period: Period) -> Growth {
        let table = PeriodTable::new(period, scope.from, scope.to);
        let first = table.index(scope.from);
        let last = table.index(scope.to);
        let n = (last - first + 1).max(0) as usize;
        let mut seen = self.slots(scope);
        let mut before = 0u64;
        let mut new = vec![0u64; n];
        let mut by_channel = vec![vec![0u64; self.channels.names.len()]; n];
        self.scan(scope, true, |i, day| {
            let slot = &mut seen[self.member[i] as usize];
            if *slot != NEVER {
                return;
            }
            *slot = 0;
            if day < scope.from {
                before += 1;
            } else {
                let p = (table.index(day) - first) as usize;
                new[p] += 1;
                by_channel[p][self.channel[i] as usize] += 1;
            }
        });
        let mut total = before;
        let periods = (0..n)
            .map(|k| {
                total += new[k];
                GrowthPeriod {
                    start: period.start(first + k as i32),
                    new: new[k],
                    members: total,
                    by_channel: by_channel[k].clone(),
                }
            })
            .collect();
        Growth {
            members_before: before,
            periods,
            channels: self.channels.names.clone(),
        }
    }

    /// The activity section's figures over the scope.
    pub fn activity(&self, scope: &Scope) -> Activity {
        let mut seen = self.slots(scope);
        let mut ever_posted = vec![false; self.people.len()];
        let mut visited = vec![false; self.people.len()];
        let mut known_before_end = self.slots(scope);
        let mut members = 0u64;
        let (mut active, mut posts) = (0u64, 0u64);
        let mut by_channel = vec![0u64; self.channels.names.len()];
        let mut by_kind = vec![0u64; self.kinds.names.len()];
        self.scan(scope, true, |i, day| {
            let m = self.member[i] as usize;
            if known_before_end[m] == NEVER {
                known_before_end[m] = 0;
                members += 1;
            }
            if seen[m] == SKIP {
                return;
            }
            let class = self.kind_class[self.kind[i] as usize];
            if class.post {
                ever_posted[m] = true;
            }
            if day < scope.from {
                return;
            }
            if seen[m] == NEVER {
                seen[m] = 0;
                active += 1;
            }
            if class.post {
                posts += 1;
            }
            if class.visit {
                visited[m] = true;
            }
            by_channel[self.channel[i] as usize] += 1;
            by_kind[self.kind[i] as usize] += 1;
        });
        let lurkers = (0..self.people.len())
            .filter(|&m| visited[m] && !ever_posted[m])
            .count() as u64;
        Activity {
            members,
            active,
            posts,
            lurkers,
            by_channel: self
                .channels
                .names
                .iter()
                .cloned()
                .zip(by_channel)
                .collect(),
            by_kind: self.kinds.names.iter().cloned().zip(by_kind).collect(),
        }
    }

    /// Stickiness: for each calendar month in the scope, the average daily active members
    /// over the month's days in scope, divided by the month's active members; the mean of
    /// those months. `None` without any active member.
    pub fn stickiness(&self, scope: &Scope) -> Option<f64> {
        let [days, _, months] = self.active_all(scope);
        let mut ratios = Vec::new();
        for (k, &(start, mau)) in months.iter().enumerate() {
            let end = months.get(k + 1).map_or(scope.to + 1, |m| m.0);
            let in_month: Vec<u64> = days
                .iter()
                .filter(|(d, _)| *d >= start && *d < end)
                .map(|(_, n)| *n)
                .collect();
            if mau == 0 || in_month.is_empty() {
                continue;
            }
            let dau = in_month.iter().sum::<u64>() as f64 / in_month.len() as f64;
            ratios.push(dau / mau as f64);
        }
        (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64)
    }

    /// Questions asked in the scope and what became of them by the end of `to`.
    pub fn support(&self, scope: &Scope) -> Support {
        let zone = scope.zone.as_ref().unwrap_or(&self.zone);
        let mut days = zone.days();
        let allowed = self.slots(scope);
        let mut out = Support::default();
        let mut waits: Vec<i64> = Vec::new();
        for q in self.questions() {
            let day = if scope.zone.is_some() {
                days.day(q.asked_ms)
            } else {
                q.day
            };
            if day < scope.from
                || day > scope.to
                || allowed[q.asker as usize] == SKIP
                || scope.channel.is_some_and(|c| c != Some(q.channel))
                || scope.space.is_some_and(|s| s != Some(q.space))
            {
                continue;
            }
            out.asked += 1;
            let reply = if scope.staff_replies {
                q.first_reply.map(|(at, _)| at)
            } else {
                q.first_member_reply
            };
            let reply = reply.filter(|&at| days.day(at) <= scope.to);
            let accepted = q.accepted.filter(|(at, _)| days.day(*at) <= scope.to);
            if accepted.is_some() {
                out.accepted += 1;
            }
            let Some(at) = reply else { continue };
            out.answered += 1;
            waits.push(at - q.asked_ms);
            // Who answered it: the accepted answer's author when someone other than the
            // asker wrote it, else the first reply counted above (staff's only when staff
            // replies count).
            let accepted_author = accepted.and_then(|(_, author)| author.filter(|&a| a != q.asker));
            let by_staff = match accepted_author {
                Some(a) => self.people[a as usize].facts.staff,
                None => scope.staff_replies && q.first_reply.is_some_and(|(_, staff)| staff),
            };
            if by_staff {
                out.answered_by_staff += 1;
            } else {
                out.answered_by_community += 1;
            }
        }
        waits.sort_unstable();
        out.first_response_median_ms = quantile(&waits, 0.5);
        out.first_response_p90_ms = quantile(&waits, 0.9);
        out.first_response_ms = waits;
        out
    }

    /// Questions asked by `now_ms - older_than_ms` that nobody but the asker has answered,
    /// oldest first: (topic id, asked at).
    pub fn unanswered(&self, scope: &Scope, now_ms: i64, older_than_ms: i64) -> Vec<(i64, i64)> {
        let allowed = self.slots(scope);
        let mut out: Vec<(i64, i64)> = self
            .questions()
            .filter(|q| {
                q.first_reply.is_none()
                    && q.asked_ms <= now_ms - older_than_ms
                    && allowed[q.asker as usize] != SKIP
                    && scope.channel.is_none_or(|c| c == Some(q.channel))
                    && scope.space.is_none_or(|s| s == Some(q.space))
            })
            .map(|q| (q.topic_id, q.asked_ms))
            .collect();
        out.sort_unstable_by_key(|&(id, at)| (at, id));
        out
    }

    /// CHAOSS contributor figures over the scope; `previous` is the scope of equal length
    /// just before it (for inactive contributors).
    pub fn contributors(&self, scope: &Scope, previous: &Scope) -> Contributors {
        let n = self.people.len();
        let allowed = self.slots(scope);
        let mut contributions = vec![0u64; n];
        let mut replied = vec![false; n];
        let mut active = vec![false; n];
        let mut first_contribution: Vec<Option<Day>> = vec![None; n];
        let mut before = vec![false; n];
        self.scan(scope, true, |i, day| {
            let m = self.member[i] as usize;
            if allowed[m] == SKIP {
                return;
            }
            let class = self.kind_class[self.kind[i] as usize];
            if class.post && first_contribution[m].is_none() {
                first_contribution[m] = Some(day);
            }
            if class.post && day >= previous.from && day <= previous.to {
                before[m] = true;
            }
            if day < scope.from {
                return;
            }
            active[m] = true;
            if class.post {
                contributions[m] += 1;
            }
            if class.reply {
                replied[m] = true;
            }
        });
        let mut accepted = vec![false; n];
        let zone = scope.zone.as_ref().unwrap_or(&self.zone);
        let mut days = zone.days();
        for q in self.questions() {
            if let Some((at, Some(author))) = q.accepted {
                let day = days.day(at);
                if day >= scope.from && day <= scope.to && allowed[author as usize] != SKIP {
                    accepted[author as usize] = true;
                }
            }
        }
        let contributors = contributions.iter().filter(|&&c| c > 0).count() as u64;
        let new = (0..n)
            .filter(|&m| {
                contributions[m] > 0 && first_contribution[m].is_some_and(|d| d >= scope.from)
            })
            .count() as u64;
        let inactive = (0..n)
            .filter(|&m| before[m] && contributions[m] == 0)
            .count() as u64;
        let mut counts: Vec<u64> = contributions.iter().copied().filter(|&c| c > 0).collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let total: u64 = counts.iter().sum();
        let mut running = 0u64;
        let mut absence_factor = 0u64;
        for c in &counts {
            if total == 0 || running * 2 >= total {
                break;
            }
            running += c;
            absence_factor += 1;
        }
        Contributors {
            contributors,
            new,
            inactive,
            contributions: total,
            absence_factor,
            funnel: Funnel {
                active: active.iter().filter(|&&a| a).count() as u64,
                posters: contributors,
                repliers: replied.iter().filter(|&&r| r).count() as u64,
                accepted_answerers: accepted.iter().filter(|&&a| a).count() as u64,
            },
        }
    }
}

/// The value at quantile `q` of sorted `values` by the nearest-rank method (a value that
/// occurred, as DuckDB's `quantile_disc` gives it): rank `ceil(q × n)`, counted from 1.
pub fn quantile(sorted: &[i64], q: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    pub start: Day,
    pub size: u64,
    pub retained: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrowthPeriod {
    pub start: Day,
    pub new: u64,
    /// Members known at the period's end.
    pub members: u64,
    /// New members by the channel they came from (see [`Growth::channels`]).
    pub by_channel: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Growth {
    pub members_before: u64,
    pub periods: Vec<GrowthPeriod>,
    pub channels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// Members known by the end of the scope.
    pub members: u64,
    pub active: u64,
    /// Topics, questions and replies.
    pub posts: u64,
    /// Visited in the scope and never posted.
    pub lurkers: u64,
    pub by_channel: Vec<(String, u64)>,
    pub by_kind: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Support {
    pub asked: u64,
    /// Replied to by someone other than the asker (staff counted or not by the scope).
    pub answered: u64,
    pub accepted: u64,
    pub answered_by_community: u64,
    pub answered_by_staff: u64,
    pub first_response_median_ms: Option<i64>,
    pub first_response_p90_ms: Option<i64>,
    /// Every answered question's wait, sorted.
    pub first_response_ms: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funnel {
    pub active: u64,
    pub posters: u64,
    pub repliers: u64,
    pub accepted_answerers: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributors {
    pub contributors: u64,
    pub new: u64,
    pub inactive: u64,
    pub contributions: u64,
    /// The fewest contributors who made half the contributions.
    pub absence_factor: u64,
    pub funnel: Funnel,
}

#[cfg(test)]
mod tests {
    use crate::log::{Facts, Input, Log};
    use crate::{Filter, Zone};
    use hearth_core::activity as k;

    fn row(
        member: i64,
        kind: &'static str,
        topic: i64,
        author: Option<i64>,
        at: i64,
    ) -> Input<'static> {
        Input {
            member_id: member,
            kind,
            channel: "hub",
            space_id: Some(1),
            topic_id: Some(topic),
            post_author: author,
            target_member: None,
            weight: 1,
            at_ms: at,
        }
    }

    /// Regression (review of issue 16): deflection counts only answered questions, never
    /// an asker who accepted their own reply, and a staff reply only when staff replies
    /// count; community and staff add up to the answered.
    #[test]
    fn deflection_counts_the_answered_by_who_answered() {
        let mut log = Log::new(Zone::utc());
        log.set_person(
            9,
            Facts {
                staff: true,
                excluded: false,
            },
        );
        let h = 3_600_000;
        log.append([
            // 1: answered by staff only.
            row(1, k::QUESTION_ASKED, 1, None, h),
            row(9, k::REPLIED, 1, None, 2 * h),
            // 2: answered by a member, the asker accepted their own follow-up.
            row(2, k::QUESTION_ASKED, 2, None, h),
            row(3, k::REPLIED, 2, None, 3 * h),
            row(2, k::REPLIED, 2, None, 4 * h),
            row(2, k::ANSWER_ACCEPTED, 2, Some(2), 5 * h),
            // 3: a member replied first, staff's answer was accepted.
            row(4, k::QUESTION_ASKED, 3, None, h),
            row(5, k::REPLIED, 3, None, 2 * h),
            row(9, k::REPLIED, 3, None, 3 * h),
            row(4, k::ANSWER_ACCEPTED, 3, Some(9), 4 * h),
        ]);
        let scope = |staff_replies| {
            log.scope(
                0,
                1,
                &Filter {
                    staff_replies,
                    ..Filter::default()
                },
            )
        };
        let without = log.support(&scope(false));
        assert_eq!(
            (without.asked, without.answered, without.accepted),
            (3, 2, 2)
        );
        assert_eq!(
            without.answered_by_community + without.answered_by_staff,
            without.answered
        );
        assert_eq!(
            (without.answered_by_community, without.answered_by_staff),
            (1, 1)
        );
        let with = log.support(&scope(true));
        assert_eq!(with.answered, 3);
        assert_eq!((with.answered_by_community, with.answered_by_staff), (1, 2));
        assert_eq!(with.first_response_median_ms, Some(h));
    }
}
