//! Invitation experiments: the one method that settles whether joining the community makes
//! customers spend more. Customers who are not members are split at random into a group
//! that is invited and a holdout group that is not; later, the two groups are compared.
//! Because chance alone decided who was invited, any difference beyond chance is the
//! effect of being invited: the intent-to-treat effect (Algesheimer et al., Marketing
//! Science 2010, ran this design on eBay).
//!
//! [`split`] draws the groups from a seed, so the split can be drawn again and checked;
//! [`itt`] compares them: for each outcome, the difference of the two groups' means with
//! a 95% interval from Welch's standard error (each group's own variance, no assumption
//! that they are equal), `difference ± 1.96 × SE`. The relative effect on spend divides
//! by the holdout's mean, its interval by the delta method.

use hearth_core::rng::Rng;

/// The normal quantile for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Splits `ids` at random: each id with `true` when invited, `false` when held out.
/// `holdout_percent` (1 to 99) of them, rounded to the nearest whole person, are held
/// out. The same ids (in any order) and seed always give the same split: ids are sorted,
/// shuffled by Fisher–Yates with [`Rng`] from `seed`, and the first ones held out.
pub fn split(ids: &[i64], seed: u64, holdout_percent: u32) -> Vec<(i64, bool)> {
    let mut order: Vec<i64> = ids.to_vec();
    order.sort_unstable();
    order.dedup();
    let mut rng = Rng::new(seed);
    for i in (1..order.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    let held =
        ((order.len() as f64) * f64::from(holdout_percent.clamp(1, 99)) / 100.0).round() as usize;
    let mut out: Vec<(i64, bool)> = order
        .into_iter()
        .enumerate()
        .map(|(k, id)| (id, k >= held))
        .collect();
    out.sort_unstable_by_key(|p| p.0);
    out
}

/// What became of one person in the experiment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub invited: bool,
    /// Became a member after the start.
    pub joined: bool,
    /// Spent since the start, less refunds, in minor units.
    pub spend_cents: i64,
    /// Bought at least once since the start.
    pub bought: bool,
}

/// One outcome compared: each group's mean, the difference and its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    pub invited: f64,
    pub holdout: f64,
    /// `invited − holdout`.
    pub effect: f64,
    /// Welch's standard error of the difference.
    pub se: f64,
    pub low: f64,
    pub high: f64,
}

impl Effect {
    /// `more`, `less` or `unclear` (the interval includes zero).
    pub fn verdict(&self) -> &'static str {
        if self.low > 0.0 {
            "more"
        } else if self.high < 0.0 {
            "less"
        } else {
            "unclear"
        }
    }
}

/// The experiment's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub invited: usize,
    pub holdout: usize,
    /// The share who joined.
    pub joined: Effect,
    /// Spend per person, in minor units.
    pub spend: Effect,
    /// The effect on spend relative to the holdout's (0.25: invited people spent 25%
    /// more); `None` when the holdout spent nothing.
    pub spend_relative: Option<Effect>,
    /// The share who bought again.
    pub bought: Effect,
}

fn mean_var(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = if xs.len() > 1 {
        xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var)
}

/// Compares the two groups on `outcome`.
fn compare(units: &[Unit], outcome: impl Fn(&Unit) -> f64) -> (Effect, f64, f64) {
    let pick = |invited: bool| -> Vec<f64> {
        units
            .iter()
            .filter(|u| u.invited == invited)
            .map(&outcome)
            .collect()
    };
    let (a, b) = (pick(true), pick(false));
    let (ma, va) = mean_var(&a);
    let (mb, vb) = mean_var(&b);
    let (va_n, vb_n) = (va / a.len() as f64, vb / b.len() as f64);
    let se = (va_n + vb_n).sqrt();
    let effect = ma - mb;
    (
        Effect {
            invited: ma,
            holdout: mb,
            effect,
            se,
            low: effect - Z95 * se,
            high: effect + Z95 * se,
        },
        va_n,
        vb_n,
    )
}

/// The intent-to-treat comparison; `None` unless each group has at least two people.
pub fn itt(units: &[Unit]) -> Option<Report> {
    let invited = units.iter().filter(|u| u.invited).count();
    let holdout = units.len() - invited;
    if invited < 2 || holdout < 2 {
        return None;
    }
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let (joined, _, _) = compare(units, |u| flag(u.joined));
    let (spend, va_n, vb_n) = compare(units, |u| u.spend_cents as f64);
    let (bought, _, _) = compare(units, |u| flag(u.bought));
    // The ratio of means minus one; its variance by the delta method:
    // Var(a/b) ≈ Var(a)/b² + a²·Var(b)/b⁴.
    let spend_relative = (spend.holdout > 0.0).then(|| {
        let (a, b) = (spend.invited, spend.holdout);
        let effect = a / b - 1.0;
        let se = (va_n / (b * b) + a * a * vb_n / b.powi(4)).sqrt();
        Effect {
            invited: a,
            holdout: b,
            effect,
            se,
            low: effect - Z95 * se,
            high: effect + Z95 * se,
        }
    });
    Some(Report {
        invited,
        holdout,
        joined,
        spend,
        spend_relative,
        bought,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_is_fixed_by_its_seed_and_holds_out_the_share_asked() {
        let ids: Vec<i64> = (1..=1000).collect();
        let a = split(&ids, 7, 30);
        let mut shuffled = ids.clone();
        shuffled.reverse();
        assert_eq!(a, split(&shuffled, 7, 30), "order does not matter");
        assert_ne!(a, split(&ids, 8, 30), "another seed, another split");
        assert_eq!(a.iter().filter(|p| !p.1).count(), 300);
        assert_eq!(split(&ids[..3], 1, 50).iter().filter(|p| !p.1).count(), 2);
        // Not the first ids held out: spread over the range.
        let held: Vec<i64> = a.iter().filter(|p| !p.1).map(|p| p.0).collect();
        assert!(held.iter().any(|id| *id < 200) && held.iter().any(|id| *id > 800));
    }

    #[test]
    fn the_difference_and_its_welch_interval_are_exact_on_a_small_case() {
        let u = |invited, spend_cents| Unit {
            invited,
            joined: invited && spend_cents > 0,
            spend_cents,
            bought: spend_cents > 0,
        };
        let units = [
            u(true, 10),
            u(true, 20),
            u(true, 30),
            u(false, 0),
            u(false, 10),
        ];
        let r = itt(&units).unwrap();
        assert_eq!((r.invited, r.holdout), (3, 2));
        // Means 20 and 5; variances 100 and 50: SE = sqrt(100/3 + 50/2).
        assert_eq!(r.spend.effect, 15.0);
        assert!((r.spend.se - (100.0f64 / 3.0 + 25.0).sqrt()).abs() < 1e-12);
        assert!((r.spend.low - (15.0 - Z95 * r.spend.se)).abs() < 1e-12);
        assert!((r.joined.invited - 1.0).abs() < 1e-12 && r.joined.holdout == 0.0);
        let rel = r.spend_relative.unwrap();
        assert!((rel.effect - 3.0).abs() < 1e-12);
        assert_eq!(r.bought.holdout, 0.5);
        assert!(itt(&units[..4]).is_none(), "one in the holdout");
    }

    #[test]
    fn with_nothing_spent_by_the_holdout_there_is_no_relative_effect() {
        let units: Vec<Unit> = (0..6)
            .map(|k| Unit {
                invited: k % 2 == 0,
                joined: false,
                spend_cents: if k % 2 == 0 { 100 } else { 0 },
                bought: k % 2 == 0,
            })
            .collect();
        let r = itt(&units).unwrap();
        assert!(r.spend_relative.is_none());
        assert_eq!(r.spend.verdict(), "more");
    }
}
