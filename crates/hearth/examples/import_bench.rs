//! Import benchmark (issue 6): files from Hearth's own generator, in the sources' real
//! formats, imported through the same code as `hearth import` (one transaction each), on
//! SQLite or PostgreSQL.
//!
//! For each kind: the file is generated (not timed), imported into a fresh database
//! (timed: rows read and activities written per second), then imported again (timed: the
//! no-op pass that proves idempotency). Peak memory is the process's high-water mark.
//!
//! Run: `cargo run --release --example import_bench -- [--rows 1000000]
//! [--kinds activities,discord,slack] [--postgres]` (PostgreSQL needs
//! `HEARTH_TEST_POSTGRES_URL`). `--without-index NAME` drops one index of the fresh
//! database first (an experiment: what each index of the activity log costs).

use hearth::app::AppState;
use hearth::config::Config;
use hearth::import::{Kind, Source, generate};
use hearth::services::{Actor, people};
use std::time::Instant;

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

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let rows: usize = arg(&args, "--rows")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let kinds = arg(&args, "--kinds").unwrap_or_else(|| "activities,discord,slack".into());
    let postgres = args.iter().any(|a| a == "--postgres");
    let files = tempfile::tempdir()?;
    println!(
        "database: {}; rows per file: {rows}",
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
        let temp = tempfile::tempdir()?;
        let (url, _db) = if postgres {
            let db = hearth_store::test_support::postgres()
                .await
                .ok_or_else(|| anyhow::anyhow!("set HEARTH_TEST_POSTGRES_URL"))?;
            (db.url.clone(), Some(db))
        } else {
            (
                format!("sqlite://{}", temp.path().join("bench.db").display()),
                None,
            )
        };
        let config = Config {
            data_dir: temp.path().to_path_buf(),
            database_url: url,
            ..Config::default()
        };
        let state = AppState::new(config).await?;
        let h = state.hearth.clone();
        match arg(&args, "--without-index").as_deref() {
            Some("activities_kind") => {
                h.store
                    .db
                    .execute("DROP INDEX activities_kind", &[])
                    .await?
            }
            Some("activities_member") => {
                h.store
                    .db
                    .execute("DROP INDEX activities_member", &[])
                    .await?
            }
            Some("activities_time") => {
                h.store
                    .db
                    .execute("DROP INDEX activities_time", &[])
                    .await?
            }
            Some("activities_idempotency_unique") => {
                h.store
                    .db
                    .execute("DROP INDEX activities_idempotency_unique", &[])
                    .await?
            }
            Some(other) => anyhow::bail!("no experiment for index {other}"),
            None => 0,
        };
        for pass in ["first", "again"] {
            let t = Instant::now();
            let s = people::import_file(&h, &Actor::Operator, kind, &Source::new(&path)).await?;
            let secs = t.elapsed().as_secs_f64();
            let c = &s.counts;
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
        }
        h.store.db.close().await;
    }
    Ok(())
}
