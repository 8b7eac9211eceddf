//! What screening costs a reply (issue 4): a member's new post passes the guidelines check,
//! the links check for their trust level, the daily limits, the keyword rules, the
//! duplicate check over the last day's posts and the spam filter before it is written;
//! staff posts skip all of it. Measured in one run on demo data (seed 42, 200 members,
//! 12 months), alternating a member's reply and the owner's reply in the same topic, so
//! the owner's replies are the anchor. The filter has learnt 1,000 decisions and there are
//! 20 keyword rules.
//!
//! Run: `cargo run --release --example screening_bench -- [--postgres]`.

#[path = "../../hearth-core/tests/support/spam_corpus.rs"]
mod spam_corpus;

use hearth::app::AppState;
use hearth::config::Config;
use hearth::demo::{DemoOptions, OWNER_EMAIL};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const REPLIES: usize = 300;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let postgres = std::env::args().any(|a| a == "--postgres");
    let db = if postgres {
        hearth_store::test_support::postgres()
            .await
            .ok_or_else(|| anyhow::anyhow!("set HEARTH_TEST_POSTGRES_URL"))?
    } else {
        hearth_store::test_support::sqlite()
    };
    let data = tempfile::tempdir()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let config = Config {
        data_dir: data.path().to_path_buf(),
        database_url: db.url.clone(),
        public_url: base.clone(),
        anonymous_cache_ms: 0,
        ..Config::default()
    };
    let state = AppState::new(config).await?;
    let h = state.hearth.clone();
    hearth::demo::run(
        &h,
        &DemoOptions {
            seed: 42,
            members: 200,
            months: 12,
            until: Some("2026-11-01".into()),
        },
    )
    .await?;
    let store = h.store.clone();
    // 1,000 moderator decisions the filter learnt from (on posts of the labelled set).
    let owner = store
        .member_by_email(OWNER_EMAIL)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no owner"))?;
    let spaces = store.spaces().await?;
    let space = spaces.first().ok_or_else(|| anyhow::anyhow!("no space"))?;
    let (lessons_topic, _) = store
        .create_topic(
            &hearth_store::topics::NewTopic {
                space_id: space.id,
                author_id: owner.id,
                title: "Lessons",
                kind: "discussion",
                body_md: "x",
                body_html: "<p>x</p>",
                pin_scope: None,
                poll: None,
                event: None,
            },
            1,
        )
        .await?;
    for (i, (text, is_spam)) in spam_corpus::labelled_set(3, 1_000).iter().enumerate() {
        let post = store
            .create_reply(lessons_topic, owner.id, text, text, 2 + i as i64)
            .await?;
        let mut tx = store.db.begin().await?;
        hearth_store::spam::train_in(&mut tx, post, *is_spam, Some(owner.id), 2 + i as i64).await?;
        tx.commit().await?;
    }
    for i in 0..20 {
        store
            .add_keyword_rule(&format!("forbidden phrase {i}"), "hold", Some(owner.id), 1)
            .await?;
    }
    store.settle_backlog(hearth_store::now_millis()).await?;
    // A member of level 1 who joined long ago, and the owner.
    let member = store
        .create_member(
            &hearth_store::members::NewMember {
                email: "bench-member@example.com",
                handle: "benchmember",
                display_name: "Bench Member",
                password_hash: None,
                role: hearth_core::values::Role::Member,
            },
            1,
        )
        .await?;
    store
        .set_trust_level(
            &hearth_store::trust::LevelChange {
                member_id: member.id,
                level: 1,
                locked: true,
                manual: true,
                by: None,
                reason: None,
            },
            1,
        )
        .await?;
    let member_token = hearth::services::accounts::create_token(
        &h,
        "bench-member@example.com",
        &hearth::services::accounts::TokenTerms {
            name: "bench",
            ..Default::default()
        },
    )
    .await?;
    let owner_token = hearth::services::accounts::create_token(
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
    let v: Value = client
        .post(format!("{base}/api/v1/spaces/{}/topics", space.slug))
        .bearer_auth(&owner_token)
        .json(&json!({"title": "Screening benchmark", "body": "Replies go here."}))
        .send()
        .await?
        .json()
        .await?;
    let topic = v["id"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no topic: {v}"))?;
    let mut member_times = Vec::new();
    let mut owner_times = Vec::new();
    let mut held = 0;
    for i in 0..REPLIES {
        for (token, times) in [
            (&member_token, &mut member_times),
            (&owner_token, &mut owner_times),
        ] {
            let body =
                format!("Reply {i}: how long should a rye sourdough proof at room temperature?");
            let t = Instant::now();
            let r = client
                .post(format!("{base}/api/v1/topics/{topic}/posts"))
                .bearer_auth(token)
                .json(&json!({"body": body}))
                .send()
                .await?;
            let status = r.status();
            let v: Value = r.json().await?;
            times.push(t.elapsed());
            anyhow::ensure!(status.is_success(), "reply failed: {status} {v}");
            if v["hidden"] == true {
                held += 1;
            }
        }
        // Stay under the member's daily limit (30 at level 1): each lot of 25 is a new day.
        if i % 25 == 24 {
            store
                .db
                .execute(
                    "UPDATE posts SET created_at = created_at - 86400000 WHERE author_id = $1",
                    &[hearth_store::Arg::I64(member.id)],
                )
                .await?;
        }
    }
    member_times.sort();
    owner_times.sort();
    let db_name = if postgres { "PostgreSQL" } else { "SQLite" };
    println!("| database | who | replies | p50 ms | p90 ms | p99 ms |");
    println!("|---|---|---|---|---|---|");
    for (who, times) in [
        ("member (screened)", &member_times),
        ("owner (not screened)", &owner_times),
    ] {
        println!(
            "| {db_name} | {who} | {} | {:.2} | {:.2} | {:.2} |",
            times.len(),
            percentile(times, 0.5),
            percentile(times, 0.9),
            percentile(times, 0.99)
        );
    }
    println!(
        "\nratio of p50s: {:.2}; member replies held: {held}",
        percentile(&member_times, 0.5) / percentile(&owner_times, 0.5)
    );
    let _ = stop.send(());
    let _ = server.await;
    Ok(())
}
