//! Import benchmark (issue 6): files from Hearth's own generator, in the sources' real
//! formats, imported through the same code as `hearth import` (one transaction each), on
//! SQLite or PostgreSQL.
//!
//! For each kind: the file is generated (not timed), imported into a fresh database
//! (timed: rows read and activities written per second), then imported again (timed: the
//! no-op pass that proves idempotency). Peak memory is the process's high-water mark.
//!
//! Each measurement runs `--runs` times (3 by default) on fresh databases and the median
//! is printed with the spread (`docs/PERFORMANCE.md`; the machine's runs vary). For the
//! activities file on SQLite each run also measures SQLite's own floor: the same rows
//! written by SQLite's `INSERT … SELECT` from its own row generator.
//!
//! Run: `cargo run --release --example import_bench -- [--rows 1000000] [--runs 3]
//! [--kinds activities,discord,slack] [--postgres]` (PostgreSQL needs
//! `HEARTH_TEST_POSTGRES_URL`).

use hearth::app::AppState;
use hearth::config::Config;
use hearth::import::{Kind, Source, generate};
use hearth::services::{Actor, people};
use std::time::Instant;

/// The allocator `hearth` itself runs with (`src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A fresh database (SQLite in `dir`, or a new PostgreSQL database) with Hearth on it.
async fn fresh(
    postgres: bool,
    dir: &std::path::Path,
) -> anyhow::Result<(AppState, Option<hearth_store::test_support::FreshDatabase>)> {
    let (url, db) = if postgres {
        let db = hearth_store::test_support::postgres()
            .await
            .ok_or_else(|| anyhow::anyhow!("set HEARTH_TEST_POSTGRES_URL"))?;
        (db.url.clone(), Some(db))
    } else {
        (format!("sqlite://{}", dir.join("bench.db").display()), None)
    };
    let config = Config {
        data_dir: dir.to_path_buf(),
        database_url: url,
        ..Config::default()
    };
    Ok((AppState::new(config).await?, db))
}

/// SQLite's own floor for the activities file: the same number of contacts and activities,
/// of the same shapes, written by one `INSERT … SELECT` each from SQLite's own row
/// generator, in one transaction, into the same schema with the same page cache — no
/// file, no parsing, no Rust between the rows and the B-trees.
async fn sqlite_floor(h: &hearth::services::Hearth, rows: usize) -> anyhow::Result<f64> {
    let people = (rows / 20).max(10) as i64;
    let t = Instant::now();
    let mut tx = h.store.db.begin().await?;
    tx.execute_script("PRAGMA cache_size = -262144").await?;
    tx.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
         INSERT INTO members (email, handle, display_name, password_hash, role, created_at, kind)
         SELECT '', '', 'floor ' || i, NULL, 'guest', 0, 'contact' FROM n WHERE true",
        &[hearth_store::Arg::I64(people)],
    )
    .await?;
    let first = tx
        .fetch_one(
            "SELECT MIN(id) AS id FROM members WHERE kind = 'contact'",
            &[],
        )
        .await?
        .i64("id")?;
    tx.execute(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $1 - 1)
         INSERT INTO activities (member_id, kind, channel, target_type, target_id, weight, properties, idempotency_key, occurred_at, recorded_at)
         SELECT $2 + abs(random()) % $3,
                CASE WHEN i % 10 < 7 THEN 'purchased' ELSE 'custom:store_visit' END, 'pos', NULL, NULL,
                100 + i % 5000, '{\"till\":' || (1 + i % 4) || '}', 'ext:gen-42-' || i,
                1704067200000 + i * 30000, 0
         FROM n WHERE true
         ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING",
        &[
            hearth_store::Arg::I64(rows as i64),
            hearth_store::Arg::I64(first),
            hearth_store::Arg::I64(people),
        ],
    )
    .await?;
    tx.execute_script("PRAGMA cache_size = -32000").await?;
    tx.commit().await?;
    Ok(t.elapsed().as_secs_f64())
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let rows: usize = arg(&args, "--rows")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let runs: usize = arg(&args, "--runs")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(3);
    let kinds = arg(&args, "--kinds").unwrap_or_else(|| "activities,discord,slack".into());
    let postgres = args.iter().any(|a| a == "--postgres");
    let files = tempfile::tempdir()?;
    println!(
        "database: {}; rows per file: {rows}; runs: {runs} (each on a fresh database)",
        if postgres { "PostgreSQL" } else { "SQLite" }
    );
    for kind in kinds.split(',') {
        let (path, kind) = match kind {
            "activities" => {
                let p = files.path().join("activities.ndjson");
                generate::activities_ndjson(&p, rows, 42)?;
                (p, Kind::Activities)
            }
            "discord" => {
                let p = files.path().join("discord.json");
                generate::discord_json(&p, rows, 42)?;
                (p, Kind::Discord)
            }
            "slack" => {
                let p = files.path().join("slack.zip");
                generate::slack_zip(&p, rows, 42)?;
                (p, Kind::Slack)
            }
            other => anyhow::bail!("unknown kind {other}"),
        };
        let bytes = std::fs::metadata(&path)?.len();
        let mut first_secs = Vec::new();
        let mut again_secs = Vec::new();
        let mut floor_secs = Vec::new();
        let mut rows_read = 0;
        for _ in 0..runs {
            let temp = tempfile::tempdir()?;
            let (state, _db) = fresh(postgres, temp.path()).await?;
            let h = state.hearth.clone();
            for pass in ["first", "again"] {
                let t = Instant::now();
                let s =
                    people::import_file(&h, &Actor::Operator, kind, &Source::new(&path)).await?;
                let secs = t.elapsed().as_secs_f64();
                let c = &s.counts;
                rows_read = c.rows_read;
                println!(
                    "{:<10} {pass:<5} {:>6.1} MB  {:>8} rows read  {:>8} activities  {:>7} people created  {:>6} skipped  {:>6.2} s  {:>8.0} rows/s  {:>8.0} activities/s  peak {:.0} MB",
                    kind.name(),
                    bytes as f64 / 1e6,
                    c.rows_read,
                    c.activities_created,
                    c.members_created,
                    c.skipped.len(),
                    secs,
                    c.rows_read as f64 / secs,
                    c.activities_created as f64 / secs,
                    peak_rss_mb()
                );
                if pass == "first" {
                    first_secs.push(secs);
                } else {
                    again_secs.push(secs);
                }
            }
            h.store.db.close().await;
            if kind == Kind::Activities && !postgres {
                let temp = tempfile::tempdir()?;
                let (state, _db) = fresh(false, temp.path()).await?;
                let secs = sqlite_floor(&state.hearth, rows).await?;
                println!(
                    "{:<10} floor {:>6.2} s  {:>8.0} rows/s  (SQLite's own INSERT … SELECT of the same rows into the same schema)",
                    kind.name(),
                    secs,
                    rows as f64 / secs
                );
                floor_secs.push(secs);
                state.hearth.store.db.close().await;
            }
        }
        let spread = |xs: &[f64]| {
            let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = xs.iter().copied().fold(0.0, f64::max);
            format!("{lo:.2}–{hi:.2} s")
        };
        let (first_spread, again_spread) = (spread(&first_secs), spread(&again_secs));
        let first = median(&mut first_secs);
        let again = median(&mut again_secs);
        print!(
            "MEDIAN {:<10} first {first:.2} s ({first_spread}) = {:.0} rows/s; again {again:.2} s ({again_spread}) = {:.0} rows/s",
            kind.name(),
            rows_read as f64 / first,
            rows_read as f64 / again,
        );
        if !floor_secs.is_empty() {
            let floor_spread = spread(&floor_secs);
            let floor = median(&mut floor_secs);
            print!(
                "; SQLite floor {floor:.2} s ({floor_spread}) = {:.0} rows/s; import / floor = {:.2}×",
                rows as f64 / floor,
                first / floor
            );
        }
        println!();
    }
    Ok(())
}
