//! Churn risk: the chance that an active member goes quiet (no activity of their own) in
//! the next 30 days, from a logistic regression trained on the community's own history,
//! and how good it is, measured on a later period it was not trained on, next to the
//! simplest rule there is: the longer someone has been quiet, the likelier they stay so.
//!
//! The split is by time. Examples are (member, cutoff day) pairs: features from what the
//! member did up to the cutoff, the label from the 30 days after it. The test cutoff is
//! 30 days before the day asked (the last whose outcome is known); training cutoffs lie
//! every 30 days before that, so no training label looks at the test period. Members are
//! scored on the day asked with the same model, so the accuracy shown is the accuracy of
//! the scores shown.
//!
//! The fit is scikit-learn's `LogisticRegression(C=1)` (L2, intercept not penalised) on
//! standardised features, by Newton's method; CI checks the coefficients and the AUC
//! against scikit-learn's.

use crate::calendar::Day;
use crate::log::Log;
use crate::query::Scope;

/// Days after a cutoff in which an active member must do something to count as staying.
pub const HORIZON: i32 = 30;
/// At most this many training cutoffs (a year of months).
pub const MAX_TRAINING_CUTOFFS: usize = 12;
/// Fewer training examples or test examples than these, or only one outcome among them,
/// and there is no model: the page says what is missing.
pub const MIN_TRAINING: usize = 100;
pub const MIN_TEST: usize = 30;
/// The model must beat recency's AUC by at least this much to rank members itself.
pub const MARGIN: f64 = 0.01;

/// The features, in the model's order.
pub const FEATURES: &[&str] = &[
    "days_quiet",
    "active_days_30",
    "trend",
    "post_gap_days",
    "replies_received_90",
    "asked_a_question",
    "first_question_answered",
    "tenure_days",
];
const K: usize = 8;

/// One member's raw figures at a cutoff (before logs and scaling), in [`FEATURES`] order.
pub type Raw = [f64; K];

/// What the engine keeps per member to compute features at any cutoff: their distinct
/// active days and post days, the days others helped them, and their first question.
struct Histories {
    active: Vec<Vec<Day>>,
    posts: Vec<Vec<Day>>,
    helped: Vec<Vec<Day>>,
    /// (day asked, day of the first reply by someone else), for the first question.
    first_question: Vec<Option<(Day, Option<Day>)>>,
}

impl Histories {
    fn new(log: &Log) -> Histories {
        let n = log.people.len();
        let mut h = Histories {
            active: vec![Vec::new(); n],
            posts: vec![Vec::new(); n],
            helped: vec![Vec::new(); n],
            first_question: vec![None; n],
        };
        for i in 0..log.len() {
            let m = log.member[i] as usize;
            let d = log.day[i];
            if h.active[m].last() != Some(&d) {
                h.active[m].push(d);
            }
            if log.kind_class[log.kind[i] as usize].post && h.posts[m].last() != Some(&d) {
                h.posts[m].push(d);
            }
        }
        for help in &log.help {
            h.helped[help.helped as usize].push(help.day);
        }
        let mut days = log.zone.days();
        for q in log.questions() {
            let slot = &mut h.first_question[q.asker as usize];
            if slot.is_none_or(|(d, _)| q.day < d) {
                *slot = Some((q.day, q.first_reply.map(|(at, _)| days.day(at))));
            }
        }
        for (a, b) in h.active.iter_mut().zip(&mut h.posts) {
            // Rows are in time order, so days are too, except after an append that
            // reached back; sorting keeps every list right either way.
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
        }
        for l in &mut h.helped {
            l.sort_unstable();
        }
        h
    }

    /// How many of `days` fall in `(from, to]`.
    fn count(days: &[Day], from: Day, to: Day) -> usize {
        days.partition_point(|&d| d <= to) - days.partition_point(|&d| d <= from)
    }

    /// Member `m`'s raw figures at cutoff `t`, if they were active in the 30 days to it.
    fn raw(&self, m: usize, t: Day) -> Option<Raw> {
        let active = &self.active[m];
        let upto = active.partition_point(|&d| d <= t);
        let last = *active[..upto].last()?;
        if last <= t - HORIZON {
            return None;
        }
        let recent = Self::count(active, t - 30, t) as f64;
        let before = Self::count(active, t - 60, t - 30) as f64;
        let posts = &self.posts[m];
        let p_upto = posts.partition_point(|&d| d <= t);
        let p_from = posts.partition_point(|&d| d <= t - 180);
        let window = &posts[p_from..p_upto];
        let gap = if window.len() >= 2 {
            f64::from(window[window.len() - 1] - window[0]) / (window.len() - 1) as f64
        } else {
            180.0
        };
        let (asked, answered) = match self.first_question[m] {
            Some((d, reply)) if d <= t => (1.0, reply.is_some_and(|r| r <= t) as u8 as f64),
            _ => (0.0, 0.0),
        };
        Some([
            f64::from(t - last),
            recent,
            (recent - before) / (recent + before + 1.0),
            gap,
            Self::count(&self.helped[m], t - 90, t) as f64,
            asked,
            answered,
            f64::from(t - active[0]),
        ])
    }

    /// Whether member `m` did anything in the 30 days after `t`.
    fn stayed(&self, m: usize, t: Day) -> bool {
        Self::count(&self.active[m], t, t + HORIZON) > 0
    }
}

/// The model's inputs from raw figures: counts and days on a log scale.
fn shape(r: &Raw) -> Raw {
    [
        r[0].ln_1p(),
        r[1].ln_1p(),
        r[2],
        r[3].ln_1p(),
        r[4].ln_1p(),
        r[5],
        r[6],
        r[7].ln_1p(),
    ]
}

/// An L2-penalised logistic regression on standardised inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub mean: Raw,
    pub scale: Raw,
    pub coef: Raw,
    pub intercept: f64,
    pub iterations: u32,
}

impl Model {
    /// Standardised inputs.
    pub fn z(&self, x: &Raw) -> Raw {
        let mut z = [0.0; K];
        for j in 0..K {
            z[j] = (x[j] - self.mean[j]) / self.scale[j];
        }
        z
    }

    /// The probability of going quiet for shaped inputs `x`.
    pub fn probability(&self, x: &Raw) -> f64 {
        let z = self.z(x);
        let s: f64 = self.intercept + (0..K).map(|j| self.coef[j] * z[j]).sum::<f64>();
        1.0 / (1.0 + (-s).exp())
    }

    /// Fits by Newton's method: minimises C·Σ log-loss + ½‖w‖² (scikit-learn's objective,
    /// the intercept unpenalised) with C = `c`.
    pub fn fit(xs: &[Raw], ys: &[bool], c: f64) -> Model {
        let n = xs.len().max(1) as f64;
        let mut mean = [0.0; K];
        let mut scale = [1.0; K];
        for j in 0..K {
            mean[j] = xs.iter().map(|x| x[j]).sum::<f64>() / n;
            let var = xs.iter().map(|x| (x[j] - mean[j]).powi(2)).sum::<f64>() / n;
            // A constant feature stays at zero rather than dividing by zero.
            scale[j] = if var > 1e-12 { var.sqrt() } else { 1.0 };
        }
        let mut model = Model {
            mean,
            scale,
            coef: [0.0; K],
            intercept: 0.0,
            iterations: 0,
        };
        let zs: Vec<Raw> = xs.iter().map(|x| model.z(x)).collect();
        // w = [intercept, coef...]
        let mut w = [0.0; K + 1];
        for it in 0..100 {
            model.iterations = it + 1;
            let mut g = [0.0; K + 1];
            let mut h = [[0.0; K + 1]; K + 1];
            for (z, &y) in zs.iter().zip(ys) {
                let s = w[0] + (0..K).map(|j| w[j + 1] * z[j]).sum::<f64>();
                let p = 1.0 / (1.0 + (-s).exp());
                let r = p - f64::from(u8::from(y));
                let q = p * (1.0 - p);
                let row = std::iter::once(1.0).chain(z.iter().copied());
                let v: Vec<f64> = row.collect();
                for a in 0..=K {
                    g[a] += c * r * v[a];
                    for b in 0..=K {
                        h[a][b] += c * q * v[a] * v[b];
                    }
                }
            }
            for a in 1..=K {
                g[a] += w[a];
                h[a][a] += 1.0;
            }
            let step = solve(h, g);
            let mut biggest = 0f64;
            for a in 0..=K {
                w[a] -= step[a];
                biggest = biggest.max(step[a].abs());
            }
            if biggest < 1e-10 {
                break;
            }
        }
        model.intercept = w[0];
        model.coef.copy_from_slice(&w[1..]);
        model
    }
}

/// Solves `h x = g` for a symmetric positive definite `h` (Gaussian elimination with
/// partial pivoting; the system is 9 × 9). Written with indices, as the algebra is.
#[allow(clippy::needless_range_loop)]
fn solve(mut h: [[f64; K + 1]; K + 1], mut g: [f64; K + 1]) -> [f64; K + 1] {
    let n = K + 1;
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&a, &b| h[a][col].abs().total_cmp(&h[b][col].abs()))
            .unwrap_or(col);
        h.swap(col, pivot);
        g.swap(col, pivot);
        let d = h[col][col];
        if d.abs() < 1e-300 {
            continue;
        }
        for row in col + 1..n {
            let f = h[row][col] / d;
            if f == 0.0 {
                continue;
            }
            for k in col..n {
                h[row][k] -= f * h[col][k];
            }
            g[row] -= f * g[col];
        }
    }
    let mut x = [0.0; K + 1];
    for row in (0..n).rev() {
        let mut s = g[row];
        for k in row + 1..n {
            s -= h[row][k] * x[k];
        }
        x[row] = if h[row][row].abs() < 1e-300 {
            0.0
        } else {
            s / h[row][row]
        };
    }
    x
}

/// The area under the ROC curve: the chance that a random positive scores above a random
/// negative, ties counting half (the Mann–Whitney statistic). `None` without both.
pub fn auc(scores: &[f64], positive: &[bool]) -> Option<f64> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let (mut rank_sum, mut pos) = (0.0, 0usize);
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && scores[order[j + 1]] == scores[order[i]] {
            j += 1;
        }
        // Ranks i+1 ..= j+1 share their average.
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            if positive[k] {
                rank_sum += rank;
                pos += 1;
            }
        }
        i = j + 1;
    }
    let neg = scores.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

/// One tenth of the probability range, on the held-out period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// The bin's lower edge: 0.0, 0.1, … 0.9.
    pub from: f64,
    pub members: u64,
    /// The mean predicted probability in the bin.
    pub predicted: f64,
    /// The share who went quiet.
    pub observed: f64,
}

/// A member's risk today and the three figures that raise it most.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub person: u32,
    pub probability: f64,
    pub days_quiet: i32,
    /// (feature index, its raw figure, its push on the log-odds), largest push first;
    /// only those that raise the risk.
    pub factors: Vec<(usize, f64, f64)>,
}

/// What the model learnt and how well it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Churn {
    pub model: Model,
    pub training_examples: usize,
    pub training_cutoffs: Vec<Day>,
    pub test_cutoff: Day,
    pub test_examples: usize,
    /// Of the test examples, how many went quiet.
    pub test_quiet: usize,
    pub auc: f64,
    pub baseline_auc: f64,
    /// The model beats recency by at least [`MARGIN`]: members are ranked by it;
    /// otherwise by how long they have been quiet.
    pub beats_baseline: bool,
    pub calibration: Vec<Bin>,
    /// Active members today, riskiest first (by the model, or by recency when it does not
    /// beat it).
    pub risks: Vec<Risk>,
    /// The held-out examples, for checking: (shaped inputs, went quiet, probability,
    /// days quiet).
    pub test: Vec<(Raw, bool, f64, f64)>,
    /// The training examples, for checking.
    pub training: Vec<(Raw, bool)>,
}

/// Why there is no model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLittle {
    pub training_examples: usize,
    pub test_examples: usize,
    /// Both outcomes occur in training and in the test.
    pub both_outcomes: bool,
}

impl Log {
    /// Trains on the log's history up to `today` and scores today's active members who are
    /// neither staff nor opted out (and in the scope's segment, for the list).
    pub fn churn(&self, today: Day, scope: &Scope) -> Result<Churn, TooLittle> {
        let h = Histories::new(self);
        let first = self.day.first().copied().unwrap_or(today);
        let eligible: Vec<usize> = (0..self.people.len())
            .filter(|&m| {
                let f = self.people[m].facts;
                !f.staff && !f.excluded
            })
            .collect();
        let examples = |t: Day| -> Vec<(usize, Raw, bool)> {
            eligible
                .iter()
                .filter_map(|&m| h.raw(m, t).map(|r| (m, r, !h.stayed(m, t))))
                .collect()
        };
        let test_cutoff = today - HORIZON;
        let training_cutoffs: Vec<Day> = (1..=MAX_TRAINING_CUTOFFS as i32)
            .map(|k| test_cutoff - HORIZON * k)
            .filter(|&t| t - 60 >= first)
            .collect();
        let mut training = Vec::new();
        for &t in &training_cutoffs {
            training.extend(examples(t).into_iter().map(|(_, r, y)| (shape(&r), y)));
        }
        let test: Vec<(usize, Raw, bool)> = examples(test_cutoff);
        // Someone went quiet and someone stayed, in training and in the test.
        let both_outcomes = training.iter().any(|e| e.1)
            && training.iter().any(|e| !e.1)
            && test.iter().any(|e| e.2)
            && test.iter().any(|e| !e.2);
        if training.len() < MIN_TRAINING || test.len() < MIN_TEST || !both_outcomes {
            return Err(TooLittle {
                training_examples: training.len(),
                test_examples: test.len(),
                both_outcomes,
            });
        }
        let xs: Vec<Raw> = training.iter().map(|e| e.0).collect();
        let ys: Vec<bool> = training.iter().map(|e| e.1).collect();
        let model = Model::fit(&xs, &ys, 1.0);
        let held: Vec<(Raw, bool, f64, f64)> = test
            .iter()
            .map(|(_, r, y)| {
                let x = shape(r);
                (x, *y, model.probability(&x), r[0])
            })
            .collect();
        let labels: Vec<bool> = held.iter().map(|e| e.1).collect();
        let predicted: Vec<f64> = held.iter().map(|e| e.2).collect();
        let quiet: Vec<f64> = held.iter().map(|e| e.3).collect();
        let auc_model = auc(&predicted, &labels).unwrap_or(0.5);
        let auc_recency = auc(&quiet, &labels).unwrap_or(0.5);
        let beats = auc_model >= auc_recency + MARGIN;
        let mut calibration = Vec::new();
        for b in 0..10 {
            let lo = f64::from(b) / 10.0;
            let inside: Vec<&(Raw, bool, f64, f64)> = held
                .iter()
                .filter(|e| ((e.2 * 10.0).floor() as i32).min(9) == b)
                .collect();
            if inside.is_empty() {
                continue;
            }
            let k = inside.len() as f64;
            calibration.push(Bin {
                from: lo,
                members: inside.len() as u64,
                predicted: inside.iter().map(|e| e.2).sum::<f64>() / k,
                observed: inside.iter().filter(|e| e.1).count() as f64 / k,
            });
        }
        let mut risks: Vec<Risk> = eligible
            .iter()
            .filter(|&&m| scope.allows(m as u32))
            .filter_map(|&m| {
                let raw = h.raw(m, today)?;
                let x = shape(&raw);
                let z = model.z(&x);
                let mut factors: Vec<(usize, f64, f64)> = (0..K)
                    .map(|j| (j, raw[j], model.coef[j] * z[j]))
                    .filter(|f| f.2 > 0.0)
                    .collect();
                factors.sort_by(|a, b| b.2.total_cmp(&a.2));
                factors.truncate(3);
                Some(Risk {
                    person: m as u32,
                    probability: model.probability(&x),
                    days_quiet: raw[0] as i32,
                    factors,
                })
            })
            .collect();
        if beats {
            risks.sort_by(|a, b| {
                b.probability
                    .total_cmp(&a.probability)
                    .then(a.person.cmp(&b.person))
            });
        } else {
            risks.sort_by(|a, b| {
                b.days_quiet
                    .cmp(&a.days_quiet)
                    .then(a.person.cmp(&b.person))
            });
        }
        Ok(Churn {
            model,
            training_examples: training.len(),
            training_cutoffs,
            test_cutoff,
            test_examples: held.len(),
            test_quiet: labels.iter().filter(|&&y| y).count(),
            auc: auc_model,
            baseline_auc: auc_recency,
            beats_baseline: beats,
            calibration,
            risks,
            test: held,
            training,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_pairs_and_ties_half() {
        assert_eq!(
            auc(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]),
            Some(0.75)
        );
        assert_eq!(auc(&[0.5, 0.5], &[false, true]), Some(0.5));
        assert_eq!(auc(&[1.0, 2.0], &[true, true]), None);
        assert_eq!(auc(&[1.0, 2.0, 3.0], &[false, false, true]), Some(1.0));
    }

    #[test]
    fn the_fit_separates_what_a_feature_separates() {
        // Going quiet follows the first feature: a positive coefficient on it, and good
        // probabilities at the ends.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..200 {
            let mut x = [0.0; K];
            x[0] = f64::from(i % 20);
            x[1] = f64::from(i % 7);
            xs.push(x);
            ys.push(i % 20 >= 10 || i % 13 == 0);
        }
        let m = Model::fit(&xs, &ys, 1.0);
        assert!(m.coef[0] > 1.0, "{:?}", m.coef);
        let mut high = [0.0; K];
        high[0] = 19.0;
        assert!(m.probability(&high) > 0.9);
        assert!(m.probability(&[0.0; K]) < 0.2);
        assert!(m.iterations < 30);
    }
}
