//! The insights engine's speed on a generated community, for `bench/insights.sh`, which
//! runs DuckDB on the same rows in the same run and prints the ratios.
//!
//! `cargo run --release -p hearth-insights --example insights_bench -- MEMBERS DAYS RATE OUT.csv`
//! generates the community (tests/support/community.rs, deterministic), writes its rows
//! as CSV for DuckDB, then times (median of five after a warm-up):
//! - a full build of the columnar log from the rows in memory;
//! - active members by day, week and month, and weekly cohorts, over the whole span;
//! - the same active-by-week with a segment of a tenth of the members;
//! - 10,000 new activities appended to a built log;
//! - one pass over the member and day columns (the memory-bandwidth floor).
//!
//! It prints one JSON object: the timings in milliseconds, rows, bytes per row, and the
//! answers' checksums (so the DuckDB side can be checked against them).

#[path = "../tests/support/community.rs"]
mod community;
#[path = "../tests/support/timing.rs"]
mod timing;

use hearth_insights::calendar::Period;
use hearth_insights::{Filter, Log, Zone};
use std::time::Instant;
use timing::{median, time};

fn vm_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let members: i64 = args.get(1).map_or(100_000, |a| a.parse().unwrap());
    let days: i64 = args.get(2).map_or(730, |a| a.parse().unwrap());
    let rate: f64 = args.get(3).map_or(0.2, |a| a.parse().unwrap());
    let out = args.get(4).cloned();

    let t = Instant::now();
    let mut c = community::generate(11, members, days, rate);
    // The last 10,000 rows are kept back for the incremental append.
    let tail: Vec<community::Row> = c.rows.split_off(c.rows.len().saturating_sub(10_000));
    eprintln!(
        "generated {} rows over {members} members and {days} days in {:.1} s",
        c.rows.len() + tail.len(),
        t.elapsed().as_secs_f64()
    );
    if let Some(path) = &out {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        writeln!(w, "member_id,kind,at_ms").unwrap();
        for r in &c.rows {
            writeln!(w, "{},{},{}", r.member_id, r.kind, r.at_ms).unwrap();
        }
        eprintln!("wrote {path}");
    }

    let zone = std::env::var("ZONE").unwrap_or_else(|_| "Europe/Madrid".into());
    let zone = zone.as_str();
    let build = || {
        let mut log = Log::new(Zone::new(zone).unwrap());
        log.append(c.rows.iter().map(community::Row::input));
        log
    };
    let (build_ms, build_lo, build_hi, log) = time(build);
    let rss = vm_rss_kib();
    let (first, last) = log.span().unwrap();
    let scope = log.scope(first, last, &Filter::default());
    let (day_ms, day_lo, day_hi, day) = time(|| log.active(&scope, Period::Day));
    let (week_ms, week_lo, week_hi, week) = time(|| log.active(&scope, Period::Week));
    let (month_ms, month_lo, month_hi, month) = time(|| log.active(&scope, Period::Month));
    let (all_ms, _, _, _) = time(|| log.active_all(&scope));
    let (cohort_ms, cohort_lo, cohort_hi, cohorts) = time(|| log.retention(&scope, Period::Week));
    let segment: Vec<i64> = (1..=members).filter(|id| id % 10 == 3).collect();
    let seg_filter = Filter {
        members: Some(segment),
        ..Filter::default()
    };
    let (segment_ms, segment_lo, segment_hi, seg_week) = time(|| {
        let s = log.scope(first, last, &seg_filter);
        log.active(&s, Period::Week)
    });
    // Churn risk: features at every cutoff, the fit, and today's scores.
    let (churn_ms, churn_lo, churn_hi, churn) = time(|| log.churn(last, &scope));
    let churn = churn.ok();
    // Engagement levels on the last day, against the first (each a handful of scans).
    let weights = hearth_insights::levels::Weights::for_log(
        &log,
        hearth_insights::levels::default_kind_weight,
        |_| 1.0,
    );
    let (levels_ms, levels_lo, levels_hi, levels) =
        time(|| log.levels(last, last - 30, &weights, false, &scope));
    // 10,000 new activities appended to a built log (a clone each time, not timed).
    let mut times = Vec::new();
    for _ in 0..5 {
        let mut copy = log.clone();
        // A long-lived log has room to grow (a Vec doubles); a fresh clone has none.
        copy.reserve(tail.len());
        let t = Instant::now();
        copy.append(tail.iter().map(community::Row::input));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let append_ms = median(times);
    // The floor: one pass over the two columns a count reads (member u32, day i32).
    let (floor_ms, _, _, floor_sum) = time(|| {
        let (members, days) = std::hint::black_box((&log.member, &log.day));
        std::hint::black_box(members.iter().zip(days).fold(0u64, |acc, (m, d)| {
            acc.wrapping_add(u64::from(*m) ^ (*d as u64))
        }))
    });
    let checksum = |v: &[(i32, u64)]| v.iter().map(|(_, n)| n).sum::<u64>();
    let cells: u64 = cohorts.iter().flat_map(|c| c.retained.iter()).sum();
    println!(
        "{}",
        serde_json::json!({
            "rows_in": c.rows.len(),
            "own_kinds": hearth_core::activity::KINDS
                .iter()
                .chain(hearth_core::activity::EXTERNAL_KINDS)
                .map(|(k, _, _)| *k)
                .filter(|k| hearth_core::activity::is_own_doing(k))
                .collect::<Vec<_>>(),
            "rows_held": log.len(),
            "members": members,
            "days": days,
            "zone": zone,
            "bytes_per_row_columns": Log::bytes_per_row(),
            "heap_bytes": log.heap_bytes(),
            "bytes_per_row_heap": log.heap_bytes() as f64 / log.len() as f64,
            "rss_kib_after_build": rss,
            "build_ms": [build_ms, build_lo, build_hi],
            "active_day_ms": [day_ms, day_lo, day_hi],
            "active_week_ms": [week_ms, week_lo, week_hi],
            "active_month_ms": [month_ms, month_lo, month_hi],
            "active_all_three_one_pass_ms": all_ms,
            "cohorts_week_ms": [cohort_ms, cohort_lo, cohort_hi],
            "segment_week_ms": [segment_ms, segment_lo, segment_hi],
            "churn_ms": [churn_ms, churn_lo, churn_hi],
            "levels_ms": [levels_ms, levels_lo, levels_hi],
            "levels_sizes": levels.sizes,
            "churn_training_examples": churn.as_ref().map(|c| c.training_examples),
            "churn_scored": churn.as_ref().map(|c| c.risks.len()),
            "churn_auc": churn.as_ref().map(|c| [c.auc, c.baseline_auc]),
            "append_10k_ms": append_ms,
            "floor_scan_ms": floor_ms,
            "floor_ignore": floor_sum % 2,
            "check": {
                "from": hearth_insights::calendar::format_day(first),
                "to": hearth_insights::calendar::format_day(last),
                "active_day_sum": checksum(&day),
                "active_week_sum": checksum(&week),
                "active_month_sum": checksum(&month),
                "cohort_week_cells_sum": cells,
                "segment_week_sum": checksum(&seg_week),
            },
        })
    );
}
