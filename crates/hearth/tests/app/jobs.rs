//! The job queue end to end: jobs queued in the database survive a restart of the server,
//! and each completes exactly once (no notification is written twice).

use hearth::app::AppState;
use hearth::config::Config;
use hearth_core::values::{Role, Visibility};
use hearth_store::members::NewMember;
use hearth_store::spaces::SpaceFields;
use hearth_store::test_support::{self, FreshDatabase};
use hearth_store::topics::NewTopic;
use std::time::Duration;

async fn start(
    url: &str,
    dir: &std::path::Path,
) -> (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let config = Config {
        data_dir: dir.to_path_buf(),
        database_url: url.to_string(),
        argon2_memory_kib: 64,
        // The count below is of this test's jobs: no Monday report among them.
        weekly_report: false,
        ..Config::default()
    };
    let state = AppState::new(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        hearth::serve(listener, state, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    (stop, handle)
}

async fn restart_run(db: FreshDatabase) {
    let store = db.open().await;
    let member = |email: &'static str, handle: &'static str, role| NewMember {
        email,
        handle,
        display_name: handle,
        password_hash: None,
        role,
    };
    let owner = store
        .setup_community(
            "Bakery",
            "#c2410c",
            &member("o@x.io", "owner", Role::Owner),
            1,
        )
        .await
        .unwrap()
        .id;
    let space = store
        .create_space(
            &SpaceFields {
                slug: "general",
                name: "General",
                description: None,
                visibility: Visibility::Public,
            },
            1,
        )
        .await
        .unwrap()
        .id;
    let mut topics = Vec::new();
    for i in 0..10 {
        let title = format!("Topic {i}");
        let new = NewTopic {
            space_id: space,
            author_id: owner,
            title: &title,
            kind: "discussion",
            body_md: "hi",
            body_html: "<p>hi</p>",
            pin_scope: None,
            poll: None,
            event: None,
        };
        topics.push(store.create_topic(&new, 10).await.unwrap().0);
    }
    let handles = ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"];
    let emails = [
        "m0@x.io", "m1@x.io", "m2@x.io", "m3@x.io", "m4@x.io", "m5@x.io", "m6@x.io", "m7@x.io",
        "m8@x.io", "m9@x.io",
    ];
    for (handle, email) in handles.iter().zip(emails) {
        let m = store
            .create_member(&member(email, handle, Role::Member), 20)
            .await
            .unwrap()
            .id;
        for t in &topics {
            store
                .create_reply(*t, m, "a reply", "<p>a reply</p>", 30)
                .await
                .unwrap();
        }
    }
    let total = 10 + 100;
    assert_eq!(
        store.job_counts().await.unwrap(),
        (total, 0, 0),
        "all queued, none run"
    );

    let dir = tempfile::tempdir().unwrap();
    // The first server starts on the backlog and is stopped part way (or after it).
    let (stop, handle) = start(&db.url, dir.path()).await;
    for _ in 0..200 {
        if store.job_counts().await.unwrap().1 >= 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.send(()).unwrap();
    handle.await.unwrap();
    let (waiting_after_stop, done_after_stop, _) = store.job_counts().await.unwrap();
    eprintln!("stopped with {done_after_stop} done and {waiting_after_stop} waiting");

    // A new server finishes the rest.
    let (stop, handle) = start(&db.url, dir.path()).await;
    for _ in 0..600 {
        if store.job_counts().await.unwrap().0 == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.send(()).unwrap();
    handle.await.unwrap();
    let (waiting, done, failed) = store.job_counts().await.unwrap();
    assert_eq!((waiting, failed), (0, 0), "every job done, none failed");
    // Each server's scheduler may add today's two digest jobs and this hour's trust and
    // retention jobs (once each, by their keys; a run across the hour may see two of each).
    assert!(
        (total..=total + 6).contains(&done),
        "every job done once: {done} done for {total} queued"
    );
    assert_eq!(
        store.unread_notifications(owner).await.unwrap(),
        100,
        "one notification per reply, none twice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_jobs_survive_a_restart_and_complete_exactly_once_sqlite() {
    restart_run(test_support::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_jobs_survive_a_restart_and_complete_exactly_once_postgres() {
    if let Some(db) = test_support::postgres().await {
        restart_run(db).await;
    }
}
