//! Churn risk against scikit-learn on a generated community: the same training examples
//! fitted by `LogisticRegression(C=1)` give the same coefficients and the same held-out
//! probabilities, and `roc_auc_score` on our own held-out predictions (and on the
//! recency baseline's) gives the AUCs the page shows.
//!
//! scikit-learn comes from PyPI (`.ci/run` installs it); see `support/python.rs`.

#[path = "support/community.rs"]
mod community;
#[path = "support/python.rs"]
mod python;

use hearth_insights::Filter;
use std::fmt::Write as _;

const SCRIPT: &str = r#"
import json, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
train = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
test = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
X, y = train[:, :-1], train[:, -1]
mean = X.mean(axis=0)
std = X.std(axis=0)
std[std <= 1e-6] = 1.0
model = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit((X - mean) / std, y)
Xt, yt, ours, quiet = test[:, :-3], test[:, -3], test[:, -2], test[:, -1]
print(json.dumps({
    "sklearn": __import__("sklearn").__version__,
    "coef": model.coef_[0].tolist(),
    "intercept": float(model.intercept_[0]),
    "probability": model.predict_proba((Xt - mean) / std)[:, 1].tolist(),
    "auc": roc_auc_score(yt, ours),
    "baseline_auc": roc_auc_score(yt, quiet),
}))
"#;

#[test]
fn churn_fits_and_scores_as_scikit_learn_does_on_held_out_time() {
    let Some(python) = python::with("sklearn") else {
        return;
    };
    let c = community::generate(21, 3_000, 420, 0.3);
    let log = community::log(&c, "UTC", 2_000);
    let (_, today) = log.span().unwrap();
    let scope = log.scope(today - 365, today, &Filter::default());
    let churn = log.churn(today, &scope).expect("enough history");
    assert!(churn.training_examples > 1_000 && churn.test_examples > 200);
    assert!(
        churn
            .training_cutoffs
            .iter()
            .all(|&t| t + 30 <= churn.test_cutoff)
    );

    let dir = std::env::temp_dir().join(format!("hearth-sklearn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let row = |x: &[f64]| {
        x.iter()
            .map(|v| format!("{v:.17e}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut train = String::new();
    for (x, y) in &churn.training {
        writeln!(train, "{},{}", row(x), u8::from(*y)).unwrap();
    }
    let mut test = String::new();
    for (x, y, p, quiet) in &churn.test {
        writeln!(test, "{},{},{p:.17e},{quiet}", row(x), u8::from(*y)).unwrap();
    }
    let (tp, sp) = (dir.join("train.csv"), dir.join("test.csv"));
    std::fs::write(&tp, train).unwrap();
    std::fs::write(&sp, test).unwrap();
    let out = python::run(
        &python,
        SCRIPT,
        &[tp.to_str().unwrap(), sp.to_str().unwrap()],
    );
    std::fs::remove_dir_all(&dir).ok();

    let coef: Vec<f64> = serde_json::from_value(out["coef"].clone()).unwrap();
    for (j, (ours, theirs)) in churn.model.coef.iter().zip(&coef).enumerate() {
        assert!(
            (ours - theirs).abs() < 1e-4,
            "{}: ours {ours}, scikit-learn {theirs}",
            hearth_insights::churn::FEATURES[j]
        );
    }
    let intercept = out["intercept"].as_f64().unwrap();
    assert!((churn.model.intercept - intercept).abs() < 1e-4);
    let theirs: Vec<f64> = serde_json::from_value(out["probability"].clone()).unwrap();
    for ((_, _, p, _), q) in churn.test.iter().zip(&theirs) {
        assert!((p - q).abs() < 1e-5, "ours {p}, scikit-learn {q}");
    }
    let (auc, baseline) = (
        out["auc"].as_f64().unwrap(),
        out["baseline_auc"].as_f64().unwrap(),
    );
    assert!((churn.auc - auc).abs() < 1e-12, "{} vs {auc}", churn.auc);
    assert!((churn.baseline_auc - baseline).abs() < 1e-12);
    eprintln!(
        "{} training and {} held-out examples: AUC {:.4} against recency's {:.4}",
        churn.training_examples, churn.test_examples, churn.auc, churn.baseline_auc
    );
    // Calibration covers every held-out example once.
    let binned: u64 = churn.calibration.iter().map(|b| b.members).sum();
    assert_eq!(binned as usize, churn.test_examples);
}

#[test]
fn too_little_history_says_what_is_missing() {
    let c = community::generate(4, 40, 60, 0.3);
    let log = community::log(&c, "UTC", 100);
    let (_, today) = log.span().unwrap();
    let scope = log.scope(today - 30, today, &Filter::default());
    let missing = log.churn(today, &scope).unwrap_err();
    assert!(missing.training_examples < hearth_insights::churn::MIN_TRAINING);
}
