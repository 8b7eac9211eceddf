//! Fan-out benchmark (issue 3): a reply in a topic with N watchers must return as fast as
//! any other reply, because the N notifications and mails are written by jobs.
//!
//! The community comes from `hearth demo` (seed 42, N members, one month); every member
//! then watches one topic, and mail goes to a loopback SMTP sink (the one the tests use).
//! Measured in one run:
//! - reply latency (HTTP `POST /api/v1/topics/{id}/posts`) in a quiet topic, with the
//!   worker idle: the baseline;
//! - the latency of the reply in the watched topic, and of quiet replies made while its
//!   fan-out runs;
//! - the time until all N notifications are written, and until all N mails reached the
//!   SMTP sink (mail throughput).
//!
//! Run: `cargo run --release --example fanout_bench -- [--watchers 10000] [--postgres]`
//! (`--postgres` uses a fresh database on `HEARTH_TEST_POSTGRES_URL`).

#[path = "../tests/app/smtp_sink.rs"]
#[allow(dead_code)]
mod smtp_sink;

use hearth::app::AppState;
use hearth::config::Config;
use hearth::demo::{DemoOptions, OWNER_EMAIL};
use hearth_store::watches::Watched;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const QUIET_REPLIES: usize = 30;
/// Fan-outs measured in one run (each from an idle queue).
const ROUNDS: usize = 3;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let watchers: usize = args
        .iter()
        .position(|a| a == "--watchers")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(10_000);
    let postgres = args.iter().any(|a| a == "--postgres");
    let db = if postgres {
        hearth_store::test_support::postgres()
            .await
            .ok_or_else(|| anyhow::anyhow!("set HEARTH_TEST_POSTGRES_URL"))?
    } else {
        hearth_store::test_support::sqlite()
    };
    let data = tempfile::tempdir()?;
    let sink = smtp_sink::SmtpSink::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let config = Config {
        data_dir: data.path().to_path_buf(),
        database_url: db.url.clone(),
        public_url: base.clone(),
        smtp_url: sink.url.clone(),
        mail_from: "Bench <bench@example.com>".into(),
        anonymous_cache_ms: 0,
        ..Config::default()
    };
    let state = AppState::new(config).await?;
    let h = state.hearth.clone();

    let t = Instant::now();
    hearth::demo::run(
        &h,
        &DemoOptions {
            seed: 42,
            members: watchers,
            months: 1,
            until: Some("2026-11-01".into()),
        },
    )
    .await?;
    eprintln!("demo data: {:.1} s", t.elapsed().as_secs_f64());
    let token = hearth::services::accounts::create_token(
        &h,
        OWNER_EMAIL,
        &hearth::services::accounts::TokenTerms {
            name: "bench",
            ..Default::default()
        },
    )
    .await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server_state = state.clone();
    let server = tokio::spawn(async move {
        let _ = hearth::serve(listener, server_state, async {
            let _ = stopped.await;
        })
        .await;
    });
    let client = reqwest::Client::new();
    let spaces: Value = client
        .get(format!("{base}/api/v1/spaces"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let slug = spaces["items"][0]["slug"]
        .as_str()
        .or_else(|| spaces[0]["slug"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no space in {spaces}"))?
        .to_string();
    let topic = |title: &'static str| {
        let (client, base, token, slug) =
            (client.clone(), base.clone(), token.clone(), slug.clone());
        async move {
            let v: Value = client
                .post(format!("{base}/api/v1/spaces/{slug}/topics"))
                .bearer_auth(&token)
                .json(&json!({"title": title, "body": "For the fan-out benchmark."}))
                .send()
                .await?
                .json()
                .await?;
            v["id"]
                .as_i64()
                .ok_or_else(|| anyhow::anyhow!("no topic id in {v}"))
        }
    };
    let watched = topic("Everyone watches this").await?;
    let quiet = topic("Nobody watches this").await?;

    let reply = {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        move |topic_id: i64| {
            let (client, base, token) = (client.clone(), base.clone(), token.clone());
            async move {
                let t = Instant::now();
                let v: Value = client
                    .post(format!("{base}/api/v1/topics/{topic_id}/posts"))
                    .bearer_auth(&token)
                    .json(&json!({"body": "A reply for the benchmark."}))
                    .send()
                    .await?
                    .json()
                    .await?;
                let id = v["id"]
                    .as_i64()
                    .ok_or_else(|| anyhow::anyhow!("no post id in {v}"))?;
                anyhow::Ok((t.elapsed(), id))
            }
        }
    };

    // Warm both topics (their first replies set first_reply_at) before anyone watches.
    for _ in 0..3 {
        reply(watched).await?;
        reply(quiet).await?;
    }
    // Every member but the owner watches the topic.
    let owner = h
        .store
        .member_by_email(OWNER_EMAIL)
        .await?
        .map(|m| m.id)
        .unwrap_or(0);
    let mut cursor = None;
    let mut count = 0;
    loop {
        let page = h.store.members_page(cursor, 500).await?;
        let Some(last) = page.last() else { break };
        cursor = Some((last.created_at, last.id));
        for m in page.iter().filter(|m| m.id != owner) {
            h.store
                .set_watch(Watched::Topic(watched), m.id, true, 1)
                .await?;
            count += 1;
        }
    }
    eprintln!("{count} watchers");
    wait_idle(&h).await?;
    for round in 1..=ROUNDS {
        let mut idle = Vec::new();
        for _ in 0..QUIET_REPLIES {
            idle.push(reply(quiet).await?.0);
        }
        wait_idle(&h).await?;

        let mails_before = sink.count();
        let start = Instant::now();
        let (fanout_latency, post) = reply(watched).await?;
        // Quiet replies every 100 ms for as long as the fan-out (notifications, then mail) runs.
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let during_task = {
            let done = done.clone();
            let reply = reply.clone();
            tokio::spawn(async move {
                let mut during = Vec::new();
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Ok((latency, _)) = reply(quiet).await {
                        during.push(latency);
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                during
            })
        };
        let mut notified_at = None;
        let mut mailed_at = None;
        let mut first_mail_at = None;
        while mailed_at.is_none() || notified_at.is_none() {
            if notified_at.is_none()
                && h.store.notifications_for_post(post).await? as usize >= count
            {
                notified_at = Some(start.elapsed());
            }
            let mails = sink.count() - mails_before;
            if first_mail_at.is_none() && mails > 0 {
                first_mail_at = Some(start.elapsed());
            }
            if mails >= count {
                mailed_at = Some(start.elapsed());
            }
            if start.elapsed() > Duration::from_secs(1800) {
                anyhow::bail!("gave up after 30 minutes: {mails} mails");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let during = during_task.await?;
        eprintln!("{} quiet replies during the fan-out", during.len());
        let (notified, mailed) = (
            notified_at.unwrap_or_default(),
            mailed_at.unwrap_or_default(),
        );
        let first_mail = first_mail_at.unwrap_or_default();
        let db_name = if postgres { "PostgreSQL" } else { "SQLite" };
        println!(
            "| {db_name} | {round} | {count} | {} | {} | {:.1} | {} | {} | {:.2} | {:.1} | {:.0} |",
            ms(percentile(&idle, 50)),
            ms(percentile(&idle, 99)),
            fanout_latency.as_secs_f64() * 1000.0,
            ms(percentile(&during, 50)),
            ms(percentile(&during, 99)),
            notified.as_secs_f64(),
            mailed.as_secs_f64(),
            count as f64 / (mailed - first_mail).as_secs_f64().max(0.001),
        );
    }
    let _ = stop.send(());
    let _ = server.await;
    Ok(())
}

async fn wait_idle(h: &hearth::services::Hearth) -> anyhow::Result<()> {
    for _ in 0..6000 {
        if h.store.job_counts().await?.0 == 0 {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("jobs still waiting after 5 minutes")
}

fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let i = ((sorted.len() * p).div_ceil(100)).saturating_sub(1);
    sorted.get(i).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}
