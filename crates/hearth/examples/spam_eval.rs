//! Measures the spam filter on the project's labelled set (`crates/hearth-core/tests/support/spam_corpus.rs`):
//! precision and recall of the naive Bayes filter against the links-only rule, on every
//! fifth post held out of training, for several seeds and sizes, at the default hold
//! threshold and at 0.5; then what the filter costs: training, scoring, and reading the
//! stored model back (which happens for every new post).
//!
//! `cargo run --release --example spam_eval` (results go in docs/PERFORMANCE.md).

#[path = "../../hearth-core/tests/support/spam_corpus.rs"]
mod spam_corpus;

use hearth_core::spam::{self, Evaluation, Model};
use std::time::Instant;

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{:.1}%", v * 100.0))
}

fn f1(e: &Evaluation) -> String {
    match (e.precision(), e.recall()) {
        (Some(p), Some(r)) if p + r > 0.0 => format!("{:.3}", 2.0 * p * r / (p + r)),
        _ => "–".into(),
    }
}

fn main() {
    println!(
        "| posts | seed | threshold | filter precision | filter recall | filter F1 | links-only precision | links-only recall | links-only F1 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for n in [500, 4_000, 20_000] {
        for seed in [1, 7, 42] {
            let set = spam_corpus::labelled_set(seed, n);
            for threshold in [0.5, spam::HOLD_THRESHOLD] {
                let (filter, links) = spam::evaluate(&set, 5, threshold);
                println!(
                    "| {n} | {seed} | {threshold} | {} | {} | {} | {} | {} | {} |",
                    pct(filter.precision()),
                    pct(filter.recall()),
                    f1(&filter),
                    pct(links.precision()),
                    pct(links.recall()),
                    f1(&links)
                );
            }
        }
    }

    // Learning curve: how many decisions until the filter is useful.
    println!("\n| decisions learnt | filter precision | filter recall | filter F1 |");
    println!("|---|---|---|---|");
    let test = spam_corpus::labelled_set(99, 2_000);
    for learnt in [10, 25, 50, 100, 250, 1_000, 5_000] {
        let train = spam_corpus::labelled_set(5, learnt);
        let mut model = Model::new();
        for (text, is_spam) in &train {
            model.train(text, *is_spam);
        }
        let mut e = Evaluation::default();
        for (text, is_spam) in &test {
            e.add(
                model.spam_probability(text) >= spam::HOLD_THRESHOLD,
                *is_spam,
            );
        }
        println!(
            "| {learnt} | {} | {} | {} |",
            pct(e.precision()),
            pct(e.recall()),
            f1(&e)
        );
    }

    // Costs.
    println!(
        "\n| decisions in the model | vocabulary | model text | train one | score one post | parse the stored model |"
    );
    println!("|---|---|---|---|---|---|");
    for learnt in [100, 1_000, 10_000] {
        let train = spam_corpus::labelled_set(11, learnt);
        let started = Instant::now();
        let mut model = Model::new();
        for (text, is_spam) in &train {
            model.train(text, *is_spam);
        }
        let train_each = started.elapsed() / learnt as u32;
        let probe = spam_corpus::labelled_set(12, 1_000);
        let started = Instant::now();
        let mut sum = 0.0;
        for (text, _) in &probe {
            sum += model.spam_probability(text);
        }
        let score_each = started.elapsed() / probe.len() as u32;
        let text = model.to_text();
        let started = Instant::now();
        let rounds = 50;
        for _ in 0..rounds {
            let parsed = Model::from_text(&text).expect("the model reads back");
            assert_eq!(parsed.vocabulary(), model.vocabulary());
        }
        let parse = started.elapsed() / rounds;
        println!(
            "| {learnt} | {} | {} KB | {:.1} µs | {:.1} µs | {:.2} ms |",
            model.vocabulary(),
            text.len() / 1024,
            train_each.as_secs_f64() * 1e6,
            score_each.as_secs_f64() * 1e6,
            parse.as_secs_f64() * 1e3
        );
        assert!(sum.is_finite());
    }
}
