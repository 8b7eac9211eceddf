//! Timing for the benchmarks: a warm-up, then the median of five runs.

#![allow(dead_code)]

use std::time::Instant;

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Runs `f` once to warm up, then five times; (median ms, min, max, the last answer).
pub fn time<R>(mut f: impl FnMut() -> R) -> (f64, f64, f64, R) {
    let _ = f();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let t = Instant::now();
        let r = f();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some(r);
    }
    let (lo, hi) = (
        times.iter().copied().fold(f64::MAX, f64::min),
        times.iter().copied().fold(0.0, f64::max),
    );
    (median(times), lo, hi, last.unwrap())
}
