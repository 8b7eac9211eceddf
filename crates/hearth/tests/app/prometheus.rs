//! The Prometheus endpoint: served on its own listener (never the public one), in the text
//! format, with requests per route pattern, the job queue, the stream's lag, webhooks,
//! mail and insights refreshes.

use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

both_databases!(metrics_are_served_on_their_own_listener_by_route_pattern);

async fn metrics_are_served_on_their_own_listener_by_route_pattern(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&owner),
            Some(json!({"title": "Hours", "body": "9 to 5."})),
        )
        .await;
    let id = t["id"].as_i64().unwrap();
    for _ in 0..3 {
        assert_eq!(app.get(&format!("/t/{id}")).await.status(), StatusCode::OK);
    }
    // Not on the public listener.
    assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let served = tokio::spawn(hearth::app::serve_metrics(
        listener,
        app.state.hearth.clone(),
        stop_rx,
    ));
    let r = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = r.text().await.unwrap();
    // Route patterns, never paths with ids in them.
    assert!(
        text.contains(
            "hearth_http_requests_total{method=\"GET\",route=\"/t/{id}\",status=\"200\"}"
        ),
        "{text}"
    );
    assert!(!text.contains(&format!("/t/{id}\"")), "no ids in labels");
    assert!(text.contains("hearth_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/spaces/{slug}/topics\",le=\"+Inf\"} 1"), "{text}");
    for gauge in [
        "hearth_jobs_waiting ",
        "hearth_jobs_oldest_age_seconds ",
        "hearth_stream_consumer_lag{consumer=\"webhooks\"}",
        "hearth_webhook_deliveries_pending 0",
        "hearth_webhook_attempts_total{outcome=\"failed\"} 0",
        "hearth_mail_total{outcome=\"sent\"} 0",
        "hearth_insights_refresh_seconds_count ",
    ] {
        assert!(text.contains(gauge), "{gauge} in {text}");
    }
    // Every line is a comment or `name{labels} value` with a number.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let value = line.rsplit(' ').next().unwrap();
        assert!(value.parse::<f64>().is_ok(), "{line}");
    }
    assert_eq!(
        reqwest::get(format!("http://{addr}/admin"))
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND,
        "only /metrics there"
    );
    stop_tx.send(true).unwrap();
    served.await.unwrap();
}
