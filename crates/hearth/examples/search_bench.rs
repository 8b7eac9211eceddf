//! Search benchmark (issue 5): full-text search at scale on demo data, on SQLite or
//! PostgreSQL, through the store's `search` (the SQL every search request runs).
//!
//! Measured in one run:
//! - index build rate: the whole index rebuilt from the posts table (rows per second);
//! - p50 and p99 latency of one-word (a common and a rare word), three-word and phrase
//!   queries, first page (20 results), for a member who may see every public space;
//! - the same queries' p50 on page 50 (keyset), to show depth costs nothing.
//!
//! Run: `cargo run --release --example search_bench -- --members 45000 --months 24
//! [--postgres] [--data DIR] [--database-url URL] [--no-rebuild] [--trust]` (`--data`
//! keeps or reuses the generated SQLite file, `--database-url` a database already filled;
//! `--trust` also times the hourly trust job over every member).

use hearth::app::AppState;
use hearth::config::Config;
use hearth::demo::DemoOptions;
use hearth_core::search::Query;
use hearth_store::search::SearchFilter;
use hearth_store::{Arg, Dialect};
use std::time::{Duration, Instant};

const ROUNDS: usize = 200;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let members: usize = arg(&args, "--members")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(2_000);
    let months: u32 = arg(&args, "--months")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(12);
    let postgres = args.iter().any(|a| a == "--postgres");
    let keep = arg(&args, "--data");
    let temp = tempfile::tempdir()?;
    let (url, _fresh) = if let Some(url) = arg(&args, "--database-url") {
        (url, None)
    } else if postgres {
        let db = hearth_store::test_support::postgres()
            .await
            .ok_or_else(|| anyhow::anyhow!("set HEARTH_TEST_POSTGRES_URL"))?;
        (db.url.clone(), Some(db))
    } else {
        let dir = keep
            .clone()
            .map(std::path::PathBuf::from)
            .unwrap_or(temp.path().to_path_buf());
        std::fs::create_dir_all(&dir)?;
        (format!("sqlite://{}", dir.join("bench.db").display()), None)
    };
    let config = Config {
        data_dir: temp.path().to_path_buf(),
        database_url: url,
        ..Config::default()
    };
    let state = AppState::new(config).await?;
    let h = state.hearth.clone();
    let store = h.store.clone();
    if store.community().await?.is_none() {
        let t = Instant::now();
        hearth::demo::run(
            &h,
            &DemoOptions {
                seed: 42,
                members,
                months,
                until: Some("2026-11-01".into()),
            },
        )
        .await?;
        eprintln!("demo data: {:.1} s", t.elapsed().as_secs_f64());
    }
    let (topics, posts, _) = store.totals().await?;
    if args.iter().any(|a| a == "--trust") {
        // The hourly trust job over every member of this community.
        let t = Instant::now();
        let changed = hearth::services::trust::recompute(&h).await?;
        let members = store.member_count().await?;
        println!(
            "trust job: {members} members measured in {:.1} s ({:.2} ms a member), {changed} levels changed",
            t.elapsed().as_secs_f64(),
            t.elapsed().as_secs_f64() * 1000.0 / members.max(1) as f64
        );
    }

    // Index build rate: rebuild the whole index from the posts.
    let t = Instant::now();
    let rebuild = !args.iter().any(|a| a == "--no-rebuild");
    match store.db.dialect() {
        _ if !rebuild => {}
        Dialect::Sqlite => {
            store.db.execute("DELETE FROM post_search", &[]).await?;
            store
                .db
                .execute(
                    "INSERT INTO post_search (rowid, title, body)
                     SELECT p.id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body_md
                     FROM posts p JOIN topics t ON t.id = p.topic_id
                     WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL",
                    &[],
                )
                .await?;
        }
        Dialect::Postgres => {
            store.db.execute("DROP INDEX post_search", &[]).await?;
            store
                .db
                .execute("UPDATE posts SET body_md = body_md", &[])
                .await?;
            store
                .db
                .execute("CREATE INDEX post_search ON posts USING GIN (search)", &[])
                .await?;
            store.db.execute("VACUUM ANALYZE posts", &[]).await.ok();
        }
    }
    let build = t.elapsed();
    let db_name = match store.db.dialect() {
        Dialect::Postgres => "PostgreSQL",
        Dialect::Sqlite => "SQLite",
    };
    if rebuild {
        println!(
            "{db_name}: {topics} topics, {posts} posts; index rebuilt in {:.1} s = {:.0} posts/s",
            build.as_secs_f64(),
            posts as f64 / build.as_secs_f64()
        );
    } else {
        println!("{db_name}: {topics} topics, {posts} posts; index as it was (--no-rebuild)");
    }

    // The words: a common one, a rare one (from the demo's vocabulary), three words, a phrase.
    let common = most_common_word(&store).await?;
    let queries = [
        ("one word, common", common.clone()),
        ("one word, not there", "cardamom".to_string()),
        ("three words", "quick answer solved".to_string()),
        ("phrase", "\"the same question\"".to_string()),
    ];
    let mut visible = String::from(",");
    for s in store.spaces().await? {
        if s.visibility == hearth_core::values::Visibility::Public {
            visible.push_str(&format!("{},", s.id));
        }
    }
    println!("\n| query | matches on page 1 | p50 ms | p99 ms | page 50 p50 ms |");
    println!("|---|---|---|---|---|");
    for (name, text) in &queries {
        let q = Query::parse(text)?;
        let f = SearchFilter {
            visible: &visible,
            ..Default::default()
        };
        let mut times = Vec::with_capacity(ROUNDS);
        let mut found = 0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let hits = store.search(&q, &f, None, 21).await?;
            times.push(t.elapsed());
            found = hits.len();
        }
        // Walk to page 50, then time it.
        let mut cursor = None;
        for _ in 0..49 {
            let hits = store.search(&q, &f, cursor, 21).await?;
            match hits.get(19) {
                Some(h) if hits.len() == 21 => cursor = Some(h.post_id),
                _ => break,
            }
        }
        let mut deep = Vec::with_capacity(50);
        for _ in 0..50 {
            let t = Instant::now();
            store.search(&q, &f, cursor, 21).await?;
            deep.push(t.elapsed());
        }
        times.sort();
        deep.sort();
        println!(
            "| {name} (`{text}`) | {found} | {:.2} | {:.2} | {:.2} |",
            pct(&times, 0.5),
            pct(&times, 0.99),
            pct(&deep, 0.5)
        );
    }
    Ok(())
}

/// The most frequent word of some length in a sample of posts.
async fn most_common_word(store: &hearth_store::Store) -> anyhow::Result<String> {
    let rows = store
        .db
        .fetch_all(
            "SELECT body_md FROM posts ORDER BY id LIMIT $1",
            &[Arg::I64(2000)],
        )
        .await?;
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for r in &rows {
        for w in r.text("body_md")?.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= 5 {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
    }
    Ok(counts
        .into_iter()
        .max_by_key(|(w, n)| (*n, std::cmp::Reverse(w.clone())))
        .map(|(w, _)| w)
        .unwrap_or_else(|| "bread".into()))
}
