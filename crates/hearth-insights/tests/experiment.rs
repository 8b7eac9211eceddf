//! Invitation experiments on customers whose answer is known: a generator plants how
//! often an invitation makes someone join and how much joining raises spend, so the true
//! intent-to-treat effect is known exactly. Each interval must cover it; with no effect
//! planted, they must cover zero; and the difference over its standard error must be
//! Welch's t as SciPy computes it (`scipy.stats.ttest_ind(equal_var=False)`).

#[path = "support/python.rs"]
mod python;

use hearth_core::rng::Rng;
use hearth_insights::experiment::{Unit, itt, split};

/// Joining raises the rate of buying by this much.
const JOIN_LIFT: f64 = 0.5;

fn normal(rng: &mut Rng) -> f64 {
    let (u, v) = (rng.unit().max(1e-12), rng.unit());
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// `n` customers over 90 days: the invited join with `p_invited`, the holdout with
/// `p_holdout` (on their own); each buys at their own rate, raised by [`JOIN_LIFT`] once
/// joined.
fn customers(seed: u64, n: i64, p_invited: f64, p_holdout: f64) -> Vec<Unit> {
    let ids: Vec<i64> = (1..=n).collect();
    // Not the split's own stream: who buys what must not depend on who was invited.
    let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9).wrapping_add(17));
    split(&ids, seed, 50)
        .into_iter()
        .map(|(_, invited)| {
            let rate = (normal(&mut rng) * 0.6 - 20f64.ln()).exp();
            let ticket = 3_000.0 * (normal(&mut rng) * 0.3).exp();
            let joined = rng.chance(if invited { p_invited } else { p_holdout });
            let rate = rate * if joined { 1.0 + JOIN_LIFT } else { 1.0 };
            let mut spend = 0i64;
            for _ in 0..90 {
                if rng.chance(rate) {
                    spend += (ticket * (normal(&mut rng) * 0.4).exp()).round() as i64;
                }
            }
            Unit {
                invited,
                joined,
                spend_cents: spend,
                bought: spend > 0,
            }
        })
        .collect()
}

#[test]
fn the_intervals_cover_a_planted_intent_to_treat_effect() {
    let (p1, p0) = (0.30, 0.05);
    // Spend is proportional to 1 + lift × (the share who joined) in each group.
    let relative = (1.0 + JOIN_LIFT * p1) / (1.0 + JOIN_LIFT * p0) - 1.0;
    for seed in [1, 2, 3] {
        let r = itt(&customers(seed, 6_000, p1, p0)).unwrap();
        eprintln!(
            "seed {seed}: joined {:+.3} [{:+.3}, {:+.3}], spend {:+.3} [{:+.3}, {:+.3}] against {relative:.3}",
            r.joined.effect,
            r.joined.low,
            r.joined.high,
            r.spend_relative.unwrap().effect,
            r.spend_relative.unwrap().low,
            r.spend_relative.unwrap().high
        );
        assert_eq!((r.invited, r.holdout), (3_000, 3_000));
        assert!(r.joined.low <= p1 - p0 && p1 - p0 <= r.joined.high);
        let rel = r.spend_relative.unwrap();
        assert!(rel.low <= relative && relative <= rel.high, "{rel:?}");
        assert!(rel.high - rel.low < 0.25, "narrow enough to tell: {rel:?}");
        assert_eq!(r.joined.verdict(), "more");
    }
}

#[test]
fn with_nothing_planted_the_intervals_cover_zero() {
    let r = itt(&customers(4, 6_000, 0.05, 0.05)).unwrap();
    for e in [r.joined, r.spend, r.bought] {
        assert!(e.low <= 0.0 && 0.0 <= e.high, "{e:?}");
    }
    assert_eq!(r.spend.verdict(), "unclear");
}

const SCRIPT: &str = r#"
import json, sys
import numpy as np
from scipy import stats
rows = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
a, b = rows[rows[:, 0] == 1, 1], rows[rows[:, 0] == 0, 1]
t = stats.ttest_ind(a, b, equal_var=False)
print(json.dumps({"t": float(t.statistic), "difference": float(a.mean() - b.mean())}))
"#;

#[test]
fn the_difference_over_its_error_is_welch_t_as_scipy_computes_it() {
    let Some(python) = python::with("scipy") else {
        return;
    };
    let units = customers(5, 2_000, 0.3, 0.05);
    let csv: String = units
        .iter()
        .map(|u| format!("{},{}\n", u8::from(u.invited), u.spend_cents))
        .collect();
    let path = std::env::temp_dir().join(format!("hearth-itt-{}.csv", std::process::id()));
    std::fs::write(&path, csv).unwrap();
    let out = python::run(&python, SCRIPT, &[path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    let r = itt(&units).unwrap();
    let t = r.spend.effect / r.spend.se;
    assert!(
        (t - out["t"].as_f64().unwrap()).abs() < 1e-9,
        "{t} against {}",
        out["t"]
    );
    assert!((r.spend.effect - out["difference"].as_f64().unwrap()).abs() < 1e-6);
}
