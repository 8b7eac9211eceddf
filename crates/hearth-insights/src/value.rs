//! What the community is worth in spend: how members' spending changed after they joined,
//! against customers who did not join and spent the same before (difference in
//! differences with matching, in the manner of Manchanda, Packard & Pattabhiramaiah,
//! "Social Dollars", 2015), with a bootstrap 95% interval; and repeat purchase and
//! customer churn, members against non-members.
//!
//! A member joined on their first activity of their own doing: the 90 days before are
//! their "before", the 90 days from it their "after". Only members who were already
//! customers (a purchase before the "before") and whose "after" has ended count. Each is
//! matched to the non-member customer (a customer then, who never took part) whose spend
//! in the 90 days before the "before" is closest (that window taken whole 30-day blocks
//! at a time, so that one sort serves every member who joined in a block), and the two
//! are compared over the same calendar days. Matching on an earlier window than the "before" matters: matched on the "before"
//! itself, a non-member who happened to spend a lot in it would drift back down after it,
//! and that ordinary ebb would read as an effect of joining. The estimate is relative:
//! members' "after" spend divided by what it would have been had they changed as their
//! matches did, minus one.

use crate::calendar::Day;
use crate::log::Log;
use hearth_core::rng::Rng;

/// Days before and after joining compared, and the days before those that matches are
/// chosen on.
pub const WINDOW: i32 = 90;
/// Blocks windows are aligned to.
pub const BLOCK: i32 = 30;
/// Bootstrap resamples.
pub const RESAMPLES: usize = 1_000;

/// Why there is no estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// No orders, payments or purchases at all.
    NoSpend,
    /// No member who was a customer before joining, joined at least 90 days ago and 180
    /// days after the first purchase on record.
    NoMembersWithHistory,
    /// No customer who never joined.
    NoComparison,
}

/// Members against non-members, over the last 90 days to `today`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Habits {
    pub member_customers: u64,
    pub non_member_customers: u64,
    /// Share of customers with two or more purchases in the window.
    pub member_repeat: Option<f64>,
    pub non_member_repeat: Option<f64>,
    /// Share of the window before's customers who bought nothing in the window.
    pub member_churn: Option<f64>,
    pub non_member_churn: Option<f64>,
}

/// The estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub members: usize,
    /// Distinct non-members used as matches (one can match several members).
    pub non_members: usize,
    /// Non-member customers there were to choose from.
    pub pool: usize,
    pub estimate_relative: f64,
    pub ci_low_relative: f64,
    pub ci_high_relative: f64,
    /// Mean spend per person in minor units: members before and after, matches before
    /// and after.
    pub member_before: f64,
    pub member_after: f64,
    pub match_before: f64,
    pub match_after: f64,
    /// Members' "after" against all non-members' over the same days, with no matching and
    /// no "before": the comparison vendors make, shown to say why it misleads.
    pub naive_relative: Option<f64>,
    /// The matched pairs: (member before, member after, match before, match after).
    pub pairs: Vec<[f64; 4]>,
}

/// Each person's spend, by day, with running totals for window sums.
struct Ledger {
    days: Vec<Vec<Day>>,
    /// `running[p][i]`: spend on `days[p][..i]`.
    running: Vec<Vec<i64>>,
}

impl Ledger {
    fn new(log: &Log) -> Ledger {
        let n = log.people.len();
        let mut entries: Vec<Vec<(Day, i64)>> = vec![Vec::new(); n];
        for s in &log.spend {
            entries[s.person as usize].push((s.day, s.cents));
        }
        let mut days = Vec::with_capacity(n);
        let mut running = Vec::with_capacity(n);
        for mut e in entries {
            e.sort_unstable_by_key(|x| x.0);
            let mut sum = 0;
            let mut r = Vec::with_capacity(e.len() + 1);
            r.push(0);
            for x in &e {
                sum += x.1;
                r.push(sum);
            }
            days.push(e.iter().map(|x| x.0).collect());
            running.push(r);
        }
        Ledger { days, running }
    }

    /// Spend of person `p` on days `[from, to)`.
    fn sum(&self, p: usize, from: Day, to: Day) -> i64 {
        let d = &self.days[p];
        let (a, b) = (
            d.partition_point(|&x| x < from),
            d.partition_point(|&x| x < to),
        );
        self.running[p][b] - self.running[p][a]
    }

    /// Purchases (positive entries) of person `p` on days `[from, to)`.
    fn purchases(&self, p: usize, from: Day, to: Day) -> usize {
        let d = &self.days[p];
        let (a, b) = (
            d.partition_point(|&x| x < from),
            d.partition_point(|&x| x < to),
        );
        (a..b)
            .filter(|&i| self.running[p][i + 1] > self.running[p][i])
            .count()
    }

    fn first(&self, p: usize) -> Option<Day> {
        self.days[p].first().copied()
    }
}

/// The relative estimate with weights: members' mean "after" over (members' mean
/// "before" + the matches' mean change), minus one. `member[i]` weighs pair i's member,
/// `matched[i]` its match (a match used by several members weighs in each of them).
fn relative(pairs: &[[f64; 4]], member: &[f64], matched: &[f64]) -> Option<f64> {
    let (mut m, mut c) = ([0.0; 2], [0.0; 2]);
    let (mut wm, mut wc) = (0.0, 0.0);
    for ((p, &a), &b) in pairs.iter().zip(member).zip(matched) {
        m[0] += a * p[0];
        m[1] += a * p[1];
        c[0] += b * p[2];
        c[1] += b * p[3];
        wm += a;
        wc += b;
    }
    if wm <= 0.0 || wc <= 0.0 {
        return None;
    }
    let counterfactual = m[0] / wm + (c[1] - c[0]) / wc;
    (counterfactual > 0.0).then(|| (m[1] / wm) / counterfactual - 1.0)
}

/// A Poisson(1) draw (Knuth's method): how often one match appears in a resample.
fn poisson_one(rng: &mut Rng) -> f64 {
    let limit = (-1f64).exp();
    let (mut k, mut p) = (0.0, rng.unit());
    while p > limit {
        k += 1.0;
        p *= rng.unit();
    }
    k
}

impl Log {
    /// Each person's first day of their own doing (joining), if any.
    fn joined(&self) -> Vec<Option<Day>> {
        let mut first = vec![None; self.people.len()];
        for (&m, &d) in self.member.iter().zip(&self.day) {
            let f: &mut Option<Day> = &mut first[m as usize];
            if f.is_none_or(|x| d < x) {
                *f = Some(d);
            }
        }
        first
    }

    /// Repeat purchase and customer churn, members against non-members, for the 90 days
    /// to `today` (and the 90 before, for churn). Staff and opted-out people are left out.
    pub fn habits(&self, today: Day) -> Habits {
        let ledger = Ledger::new(self);
        let joined = self.joined();
        let (from, to) = (today - WINDOW + 1, today + 1);
        let mut counts = [[0u64; 4]; 2]; // [member?][customers, repeat, before, lost]
        for (p, j) in joined.iter().enumerate() {
            let f = self.people[p].facts;
            if f.staff || f.excluded || ledger.days[p].is_empty() {
                continue;
            }
            let member = usize::from(j.is_some_and(|j| j <= today));
            let now = ledger.purchases(p, from, to);
            let before = ledger.purchases(p, from - WINDOW, from);
            let c = &mut counts[member];
            if now > 0 {
                c[0] += 1;
            }
            if now >= 2 {
                c[1] += 1;
            }
            if before > 0 {
                c[2] += 1;
                if now == 0 {
                    c[3] += 1;
                }
            }
        }
        let share = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        Habits {
            member_customers: counts[1][0],
            non_member_customers: counts[0][0],
            member_repeat: share(counts[1][1], counts[1][0]),
            non_member_repeat: share(counts[0][1], counts[0][0]),
            member_churn: share(counts[1][3], counts[1][2]),
            non_member_churn: share(counts[0][3], counts[0][2]),
        }
    }

    /// The difference-in-differences estimate as of `today`, its interval from `RESAMPLES`
    /// bootstrap resamples of the matched pairs (drawn with `seed`).
    pub fn member_value(&self, today: Day, seed: u64) -> Result<Value, Missing> {
        if self.spend.is_empty() {
            return Err(Missing::NoSpend);
        }
        let ledger = Ledger::new(self);
        let joined = self.joined();
        let start = self.spend.iter().map(|s| s.day).min().unwrap_or(today);
        let counted = |p: usize| {
            let f = self.people[p].facts;
            !f.staff && !f.excluded
        };
        // Members by the block they joined in, when their windows fit the record.
        let mut by_block: std::collections::BTreeMap<i32, Vec<(usize, Day)>> = Default::default();
        let mut pool = Vec::new();
        for (p, j) in joined.iter().enumerate() {
            if !counted(p) {
                continue;
            }
            let Some(first_buy) = ledger.first(p) else {
                continue;
            };
            match j {
                None => pool.push(p),
                Some(j) => {
                    let b = j.div_euclid(BLOCK) * BLOCK;
                    if first_buy < b - WINDOW && b - 2 * WINDOW >= start && j + WINDOW <= today + 1
                    {
                        by_block.entry(b).or_default().push((p, *j));
                    }
                }
            }
        }
        if by_block.is_empty() {
            return Err(Missing::NoMembersWithHistory);
        }
        if pool.is_empty() {
            return Err(Missing::NoComparison);
        }
        let mut pairs = Vec::new();
        let mut used = std::collections::BTreeSet::new();
        let mut matches = Vec::new();
        let mut rng = Rng::new(seed);
        // The comparison vendors make: members' spend after joining against every
        // non-member's over the same days.
        // Everyone who never joined, as one ledger: their spend over any days is one lookup.
        let mut pool_days: Vec<(Day, i64)> = pool
            .iter()
            .flat_map(|&c| {
                let r = &ledger.running[c];
                ledger.days[c]
                    .iter()
                    .enumerate()
                    .map(move |(i, &d)| (d, r[i + 1] - r[i]))
            })
            .collect();
        pool_days.sort_unstable_by_key(|x| x.0);
        let mut pool_running = vec![0i64];
        for &(_, cents) in &pool_days {
            pool_running.push(pool_running.last().copied().unwrap_or(0) + cents);
        }
        let pool_sum = |from: Day, to: Day| {
            let a = pool_days.partition_point(|x| x.0 < from);
            let b = pool_days.partition_point(|x| x.0 < to);
            pool_running[b] - pool_running[a]
        };
        let (mut naive_member, mut naive_rest) = ((0.0, 0.0), (0.0, 0.0));
        for (&b, members) in &by_block {
            for &(_, j) in members {
                naive_rest.0 += pool_sum(j, j + WINDOW) as f64;
                naive_rest.1 += pool.len() as f64;
            }
            // The non-members who were customers before the "before", by what they spent in
            // the window before it.
            let mut controls: Vec<(i64, usize)> = pool
                .iter()
                .filter(|&&c| ledger.first(c).is_some_and(|f| f < b - WINDOW))
                .map(|&c| (ledger.sum(c, b - 2 * WINDOW, b - WINDOW), c))
                .collect();
            if controls.is_empty() {
                continue;
            }
            controls.sort_unstable();
            for &(m, j) in members {
                let earlier = ledger.sum(m, b - 2 * WINDOW, b - WINDOW);
                let pre = ledger.sum(m, j - WINDOW, j);
                let post = ledger.sum(m, j, j + WINDOW);
                naive_member.0 += post as f64;
                naive_member.1 += 1.0;
                // The nearest earlier spend (the lower one when two are as near); among
                // the non-members who spent exactly that, one at random.
                let i = controls.partition_point(|x| x.0 < earlier);
                let spend = match (
                    i.checked_sub(1).map(|k| controls[k].0),
                    controls.get(i).map(|x| x.0),
                ) {
                    (Some(lo), Some(hi)) => {
                        if hi - pre < pre - lo {
                            hi
                        } else {
                            lo
                        }
                    }
                    (Some(x), None) | (None, Some(x)) => x,
                    (None, None) => continue,
                };
                let (a, z) = (
                    controls.partition_point(|x| x.0 < spend),
                    controls.partition_point(|x| x.0 <= spend),
                );
                let c = controls[a + rng.below((z - a) as u64) as usize].1;
                used.insert(c);
                matches.push(c);
                pairs.push([
                    pre as f64,
                    post as f64,
                    ledger.sum(c, j - WINDOW, j) as f64,
                    ledger.sum(c, j, j + WINDOW) as f64,
                ]);
            }
        }
        let n = pairs.len();
        let ones = vec![1.0; n];
        let estimate = relative(&pairs, &ones, &ones).ok_or(Missing::NoComparison)?;
        // The interval resamples both sides: members (with replacement), and the matches
        // on their own (each distinct match appears a Poisson(1) number of times), so that
        // a match shared by several members is not counted as independent evidence.
        let distinct: Vec<usize> = used.iter().copied().collect();
        let slot: Vec<usize> = matches
            .iter()
            .map(|c| distinct.binary_search(c).unwrap_or(0))
            .collect();
        let mut draws: Vec<f64> = Vec::with_capacity(RESAMPLES);
        let mut member_weight = vec![0.0; n];
        let mut match_times = vec![0.0; distinct.len()];
        for _ in 0..RESAMPLES {
            member_weight.iter_mut().for_each(|w| *w = 0.0);
            for _ in 0..n {
                member_weight[rng.below(n as u64) as usize] += 1.0;
            }
            for t in &mut match_times {
                *t = poisson_one(&mut rng);
            }
            let matched: Vec<f64> = (0..n)
                .map(|i| member_weight[i] * match_times[slot[i]])
                .collect();
            if let Some(r) = relative(&pairs, &member_weight, &matched) {
                draws.push(r);
            }
        }
        if draws.is_empty() {
            return Err(Missing::NoComparison);
        }
        draws.sort_by(f64::total_cmp);
        let at =
            |q: f64| draws[((q * (draws.len() - 1) as f64).round() as usize).min(draws.len() - 1)];
        let mean = |k: usize| pairs.iter().map(|p| p[k]).sum::<f64>() / n as f64;
        let naive = (naive_member.1 > 0.0 && naive_rest.1 > 0.0 && naive_rest.0 > 0.0)
            .then(|| (naive_member.0 / naive_member.1) / (naive_rest.0 / naive_rest.1) - 1.0);
        Ok(Value {
            members: n,
            non_members: used.len(),
            pool: pool.len(),
            estimate_relative: estimate,
            ci_low_relative: at(0.025),
            ci_high_relative: at(0.975),
            member_before: mean(0),
            member_after: mean(1),
            match_before: mean(2),
            match_after: mean(3),
            naive_relative: naive,
            pairs,
        })
    }
}
