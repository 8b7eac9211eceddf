//! The activity stream end to end: signed-in visits and topic views are recorded off the
//! request path, the `member_times` reader keeps "last active" and "last visit" from the
//! log, and admins see each reader's lag and can start one over.

use crate::both_databases;
use crate::support::TestApp;
use reqwest::StatusCode;
use std::time::Duration;

both_databases!(visits_and_participation_reach_the_member_record_through_the_stream);

/// Waits (bounded) until `check` holds; the worker flushes visits every 5 s.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..300 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: not within 30 s");
}

async fn visits_and_participation_reach_the_member_record_through_the_stream(app: TestApp) {
    app.setup().await;
    let store = app.state.store().clone();
    let reader = app.member_client("reader").await;
    let quiet = app.member_client("quiet").await;
    let r = app
        .post_form(&quiet, "/settings/privacy", &[("analytics_opt_out", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let owner_token = app.token("owner@example.com").await;
    app.space(&owner_token, "kitchen", "public").await;
    let (s, topic) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/spaces/kitchen/topics",
            Some(&owner_token),
            Some(serde_json::json!({"title": "Rye starter", "body": "How warm?"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{topic}");
    let topic_id = topic["id"].as_i64().unwrap();
    for c in [&reader, &reader, &quiet] {
        let r = c
            .get(app.url(&format!("/t/{topic_id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
    let reader_id = store.member_by_handle("reader").await.unwrap().unwrap().id;
    let quiet_id = store.member_by_handle("quiet").await.unwrap().unwrap().id;
    eventually("the reader's visit and last activity", || async {
        let (active, seen) = store.member_times(reader_id).await.unwrap();
        active.is_some() && seen.is_some()
    })
    .await;
    assert_eq!(
        store.topic_view_count(topic_id).await.unwrap(),
        2,
        "the opted-out member's view is not counted"
    );
    let activities = store.activities_after(0, 10_000).await.unwrap();
    let visits: Vec<_> = activities
        .iter()
        .filter(|a| a.kind == hearth_core::activity::VISITED)
        .collect();
    assert!(visits.iter().any(|a| a.member_id == reader_id));
    assert!(
        visits.iter().all(|a| a.member_id != quiet_id),
        "a member who opted out is not recorded"
    );
    assert_eq!(
        visits.iter().filter(|a| a.member_id == reader_id).count(),
        1,
        "one visit an hour"
    );
    assert_eq!(
        store.member_times(quiet_id).await.unwrap().1,
        None,
        "no visit for the opted-out member"
    );

    // Admins see the readers and their lag; a member may not, nor start one over.
    eventually("the reader caught up", || async {
        store
            .consumers()
            .await
            .unwrap()
            .iter()
            .all(|c| c.behind == 0)
    })
    .await;
    let page = app.get("/admin/jobs").await.text().await.unwrap();
    assert!(page.contains("member_times"), "{page}");
    let r = app
        .post_form(&reader, "/admin/stream/member_times/reset", &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .post_form(&app.client, "/admin/stream/nobody/reset", &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The reader by its name: the list is in name order, and `badges` came before it
    // (regression: the_stream_test_read_the_first_reader_not_member_times).
    let member_times = || async {
        store
            .consumers()
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.name == "member_times")
            .unwrap()
    };
    let handled = member_times().await.handled;
    assert!(handled > 0);
    let r = app
        .post_form(&app.client, "/admin/stream/member_times/reset", &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    eventually("the reset reader replayed the log", || async {
        let c = member_times().await;
        c.reset_at.is_some() && c.behind == 0 && c.handled >= handled
    })
    .await;
    assert!(store.member_times(reader_id).await.unwrap().0.is_some());
}
