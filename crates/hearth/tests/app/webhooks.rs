//! Outbound webhooks against real receivers on loopback: signatures checked by the
//! reference verifier of the PyPI package `standardwebhooks`, retries against a receiver
//! that fails twice, a receiver that never answers, redirects, DNS rebinding, private
//! spaces and kinds, and every hostile URL refused with nothing sent.

use crate::both_databases;
use crate::smtp_sink::SmtpSink;
use crate::support::{Backend, TestApp, spawn_with};
use axum::http::{HeaderMap, StatusCode as AxStatus};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a receiver answers its `n`-th request (from 0).
#[derive(Clone, Copy)]
enum Behaviour {
    /// 500 for the first `k` requests, then 204.
    FailFirst(usize),
    /// Never answers (holds the request for a minute).
    Hang,
    /// 302 to `Location`.
    Redirect(&'static str),
    /// 200 with 8 MB of body.
    Huge,
}

#[derive(Clone, Default)]
struct Received {
    requests: Arc<Mutex<Vec<(HeaderMap, String)>>>,
}

impl Received {
    fn all(&self) -> Vec<(HeaderMap, String)> {
        self.requests.lock().unwrap().clone()
    }

    /// Waits up to 30 s for at least `n` requests.
    async fn wait_for(&self, n: usize) -> Vec<(HeaderMap, String)> {
        for _ in 0..300 {
            let all = self.all();
            if all.len() >= n {
                return all;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the receiver got {} requests, not {n}", self.all().len());
    }
}

/// GETs `path` every 100 ms, up to 10 s, until `done` holds for the answer; returns the
/// last answer either way (the caller asserts on it).
async fn poll(app: &TestApp, token: &str, path: &str, done: impl Fn(&Value) -> bool) -> Value {
    let mut last = Value::Null;
    for _ in 0..100 {
        last = app.api(Method::GET, path, Some(token), None).await.1;
        if done(&last) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

/// A receiver on 127.0.0.1 that records every request; returns its `/hook` URL.
async fn receiver(behaviour: Behaviour) -> (String, Received) {
    let got = Received::default();
    let seen = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let n = {
                    let mut all = seen.requests.lock().unwrap();
                    all.push((headers, body));
                    all.len() - 1
                };
                match behaviour {
                    Behaviour::FailFirst(k) if n < k => (
                        AxStatus::INTERNAL_SERVER_ERROR,
                        [("location", "")],
                        "not yet",
                    ),
                    Behaviour::FailFirst(_) => (AxStatus::NO_CONTENT, [("location", "")], ""),
                    Behaviour::Hang => {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        (AxStatus::NO_CONTENT, [("location", "")], "")
                    }
                    Behaviour::Redirect(to) => (AxStatus::FOUND, [("location", to)], ""),
                    Behaviour::Huge => {
                        let big: &'static str = Box::leak("x".repeat(8 << 20).into_boxed_str());
                        (AxStatus::OK, [("location", "")], big)
                    }
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

/// An app whose webhooks may call loopback, retrying after `retry_ms` and giving a
/// receiver `timeout_ms`.
async fn local_app(
    backend: Backend,
    retry_ms: u64,
    timeout_ms: u64,
    smtp: Option<String>,
) -> Option<TestApp> {
    spawn_with(backend, |c| {
        c.allow_local_webhooks = true;
        c.webhook_retry_ms = retry_ms;
        c.webhook_timeout_ms = timeout_ms;
        if let Some(url) = smtp {
            c.smtp_url = url;
            c.mail_from = "Riverside Bakery <community@bakery.test>".into();
        }
    })
    .await
}

/// Runs the reference verifier (`standardwebhooks.Webhook(secret).verify`) on each
/// request; returns the payloads it accepted, or `None` where the package is missing
/// outside CI.
fn verify(secret: &str, requests: &[(HeaderMap, String)]) -> Option<Vec<Value>> {
    let input: Vec<Value> = requests
        .iter()
        .map(|(h, body)| {
            json!({
                "headers": {
                    "webhook-id": h["webhook-id"].to_str().unwrap(),
                    "webhook-timestamp": h["webhook-timestamp"].to_str().unwrap(),
                    "webhook-signature": h["webhook-signature"].to_str().unwrap(),
                },
                "body": body,
            })
        })
        .collect();
    let script = r#"
import json, sys
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
req = json.load(sys.stdin)
hook = Webhook(req["secret"])
def check(r):
    try:
        return hook.verify(r["body"], r["headers"])
    except WebhookVerificationError:
        return None
print(json.dumps([check(r) for r in req["requests"]]))
"#;
    let input = json!({"secret": secret, "requests": input}).to_string();
    crate::support::reference_python_json(script, "standardwebhooks", &input)
        .map(|v| v.as_array().unwrap().clone())
}

/// Runs a test on SQLite and PostgreSQL with an app whose webhooks may call loopback.
macro_rules! with_local_webhooks {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = super::local_app(crate::support::Backend::Sqlite, 50, 2_000, None).await { super::$name(app).await }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = super::local_app(crate::support::Backend::Postgres, 50, 2_000, None).await { super::$name(app).await }
            }
        }
    )*};
}

with_local_webhooks!(
    deliveries_are_signed_retried_in_order_and_pass_the_reference_verifier,
    private_spaces_and_staff_kinds_reach_only_the_subscriptions_that_name_them,
);

both_databases!(hostile_webhook_urls_and_kinds_are_refused_by_name_and_nothing_is_sent);

async fn deliveries_are_signed_retried_in_order_and_pass_the_reference_verifier(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    let (url, got) = receiver(Behaviour::FailFirst(2)).await;
    let (s, w) = app
        .api(
            Method::POST,
            "/api/v1/webhooks",
            Some(&owner),
            Some(json!({"url": url, "kinds": ["topic_started", "replied"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    let secret = w["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert_eq!(w["kinds"], json!(["topic_started", "replied"]));
    let id = w["id"].as_i64().unwrap();
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&owner),
            Some(json!({"title": "Sourdough is back", "body": "Every Friday from now on."})),
        )
        .await;
    let topic = t["id"].as_i64().unwrap();
    app.api(
        Method::POST,
        &format!("/api/v1/topics/{topic}/posts"),
        Some(&owner),
        Some(json!({"body": "And on Saturdays too."})),
    )
    .await;
    // Two failures, then the topic, then the reply: in order, the first one three times.
    let requests = got.wait_for(4).await;
    let ids: Vec<&str> = requests
        .iter()
        .map(|(h, _)| h["webhook-id"].to_str().unwrap())
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[1], ids[2], "a retry keeps its webhook-id");
    assert_ne!(ids[2], ids[3]);
    assert_eq!(requests[0].1, requests[2].1, "and its body");
    let bodies: Vec<Value> = requests
        .iter()
        .map(|(_, b)| serde_json::from_str(b).unwrap())
        .collect();
    assert_eq!(bodies[2]["type"], "topic_started");
    assert_eq!(bodies[2]["data"]["topic"]["title"], "Sourdough is back");
    assert_eq!(bodies[2]["data"]["space"]["slug"], "news");
    assert_eq!(bodies[3]["type"], "replied");
    assert_eq!(bodies[3]["data"]["post"]["body"], "And on Saturdays too.");
    assert_eq!(requests[3].0["content-type"], "application/json");
    if let Some(verified) = verify(&secret, &requests) {
        assert_eq!(
            verified, bodies,
            "the reference verifier accepts every delivery"
        );
    }
    // Tampered, the reference verifier refuses it.
    let mut forged = requests[3].clone();
    forged.1 = forged.1.replace("Saturdays", "Sundays");
    if let Some(v) = verify(&secret, &[forged]) {
        assert_eq!(
            v,
            vec![Value::Null],
            "the reference verifier refuses a forged body"
        );
    }

    // The log: newest first, with attempts, status and the receiver's answer.
    let (s, log) = app
        .api(
            Method::GET,
            &format!("/api/v1/webhooks/{id}/deliveries"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{log}");
    let items = log["items"].as_array().unwrap();
    let summary: Vec<(&str, &str, i64, i64)> = items
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap(),
                d["status"].as_str().unwrap(),
                d["attempts"].as_i64().unwrap(),
                d["response_status"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("replied", "delivered", 1, 204),
            ("topic_started", "delivered", 3, 204)
        ]
    );
    assert_eq!(log["next_cursor"], Value::Null);

    // Send one again: same id and body.
    let first = items[1]["id"].as_i64().unwrap();
    let (s, again) = app
        .api(
            Method::POST,
            &format!("/api/v1/webhooks/{id}/deliveries/{first}/redeliver"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{again}");
    let requests = got.wait_for(5).await;
    assert_eq!(requests[4].0["webhook-id"], requests[2].0["webhook-id"]);
    assert_eq!(requests[4].1, requests[2].1);

    // A new secret: for a day both sign, so a receiver with either verifies.
    let (s, rolled) = app
        .api(
            Method::POST,
            &format!("/api/v1/webhooks/{id}/secret"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let new_secret = rolled["secret"].as_str().unwrap().to_string();
    assert_ne!(new_secret, secret);
    app.api(
        Method::POST,
        &format!("/api/v1/topics/{topic}/posts"),
        Some(&owner),
        Some(json!({"body": "Rye on Sundays."})),
    )
    .await;
    let requests = got.wait_for(6).await;
    let last = &requests[5];
    assert_eq!(
        last.0["webhook-signature"]
            .to_str()
            .unwrap()
            .split(' ')
            .count(),
        2
    );
    for key in [&secret, &new_secret] {
        if let Some(v) = verify(key, std::slice::from_ref(last)) {
            assert_eq!(v[0]["data"]["post"]["body"], "Rye on Sundays.");
        }
    }
    // The page shows the subscription and its log.
    let page = app
        .get(&format!("/admin/webhooks/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&url.replace('/', "&#x2f;"))
            && page.contains("topic_started")
            && page.contains("Delivered"),
        "{page}"
    );
}

/// A receiver that never answers is timed out; after the last attempt the subscription is
/// off, its reason says why, and the admins get a mail. A redirect is not followed, and a
/// host that now resolves to loopback is not called (DNS rebinding).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_that_never_answers_switches_its_webhook_off_and_tells_the_admins() {
    let sink = SmtpSink::start().await;
    let Some(app) = local_app(Backend::Sqlite, 1, 300, Some(sink.url.clone())).await else {
        return;
    };
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    let (hang, hung) = receiver(Behaviour::Hang).await;
    let (target, redirected_to) = receiver(Behaviour::FailFirst(0)).await;
    let leaked: &'static str = Box::leak(target.clone().into_boxed_str());
    let (redirect, redirecting) = receiver(Behaviour::Redirect(leaked)).await;
    let mut ids = Vec::new();
    for url in [&hang, &redirect] {
        let (s, w) = app
            .api(
                Method::POST,
                "/api/v1/webhooks",
                Some(&owner),
                Some(json!({"url": url, "kinds": ["topic_started"]})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{w}");
        ids.push(w["id"].as_i64().unwrap());
    }
    app.api(
        Method::POST,
        "/api/v1/spaces/news/topics",
        Some(&owner),
        Some(json!({"title": "Closed Monday", "body": "For the holiday."})),
    )
    .await;
    hung.wait_for(8).await;
    redirecting.wait_for(8).await;
    poll(&app, &owner, &format!("/api/v1/webhooks/{}", ids[0]), |w| {
        w["enabled"] == false
    })
    .await;
    let (_, w) = app
        .api(
            Method::GET,
            &format!("/api/v1/webhooks/{}", ids[0]),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(w["enabled"], false, "{w}");
    assert!(
        w["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("no answer within 300 ms"),
        "{w}"
    );
    let (_, log) = app
        .api(
            Method::GET,
            &format!("/api/v1/webhooks/{}/deliveries", ids[1]),
            Some(&owner),
            None,
        )
        .await;
    let d = &log["items"][0];
    assert_eq!(
        (
            d["status"].as_str(),
            d["attempts"].as_i64(),
            d["response_status"].as_i64()
        ),
        (Some("failed"), Some(8), Some(302))
    );
    assert!(d["error"].as_str().unwrap().contains("not followed"), "{d}");
    assert!(
        redirected_to.all().is_empty(),
        "the redirect's target was never called"
    );
    assert_eq!(hung.all().len(), 8, "no ninth attempt");
    let mails = sink.wait_for("owner@example.com", 2).await;
    assert!(
        mails
            .iter()
            .all(|m| m.data.contains("A webhook of Riverside Bakery stopped")),
        "the owner is told, once for each webhook that stopped"
    );

    // Regression: the whole answer was read into memory; now only its first 2 KiB are.
    let (huge, huge_got) = receiver(Behaviour::Huge).await;
    let (s, w) = app
        .api(
            Method::POST,
            "/api/v1/webhooks",
            Some(&owner),
            Some(json!({"url": huge, "kinds": ["replied"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&owner),
            Some(json!({"title": "Big answers", "body": "What comes back is long."})),
        )
        .await;
    app.api(
        Method::POST,
        &format!("/api/v1/topics/{}/posts", t["id"]),
        Some(&owner),
        Some(json!({"body": "Reply."})),
    )
    .await;
    huge_got.wait_for(1).await;
    let log = poll(
        &app,
        &owner,
        &format!("/api/v1/webhooks/{}/deliveries", w["id"]),
        |log| log["items"][0]["status"] == "delivered",
    )
    .await;
    let kept = (log["items"][0]["status"] == "delivered")
        .then(|| log["items"][0]["response_body"].as_str().map(str::len))
        .flatten();
    assert_eq!(kept, Some(2048), "the log keeps the first 2 KiB");

    // DNS rebinding: a subscription made while the host looked public (here: written
    // straight to the store) is checked again when it is sent, and not called.
    let Some(strict) = spawn_with(Backend::Sqlite, |_| {}).await else {
        return;
    };
    strict.setup().await;
    let owner_id = strict
        .state
        .store()
        .member_by_email("owner@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    let (url, got) = receiver(Behaviour::FailFirst(0)).await;
    let id = strict
        .state
        .store()
        .create_webhook(
            &hearth_store::webhooks::NewWebhook {
                url: &url,
                kinds: None,
                space_id: None,
                secret: "whsec_AAAA",
                created_by: owner_id,
            },
            0,
        )
        .await
        .unwrap();
    let token = strict.token("owner@example.com").await;
    strict.space(&token, "lounge", "public").await;
    strict
        .api(
            Method::POST,
            "/api/v1/spaces/lounge/topics",
            Some(&token),
            Some(json!({"title": "Hello", "body": "First."})),
        )
        .await;
    let attempted = |log: &Value| {
        log["items"]
            .as_array()
            .is_some_and(|i| i.iter().any(|d| d["attempts"].as_i64() > Some(0)))
    };
    let log = poll(
        &strict,
        &token,
        &format!("/api/v1/webhooks/{id}/deliveries"),
        attempted,
    )
    .await;
    assert!(attempted(&log), "no attempt was recorded");
    // Regression (webhook_log_read_the_newest_delivery): the topic also earns a level, and
    // that `level_reached` delivery, newer and not yet tried, could be first in the log.
    let d = log["items"]
        .as_array()
        .and_then(|i| i.iter().find(|d| d["attempts"].as_i64() > Some(0)))
        .unwrap();
    assert!(
        d["error"]
            .as_str()
            .unwrap()
            .contains("resolves to 127.0.0.1"),
        "{d}"
    );
    assert!(got.all().is_empty(), "never connected");
}

async fn private_spaces_and_staff_kinds_reach_only_the_subscriptions_that_name_them(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "staff-room", "private").await;
    app.space(&owner, "news", "public").await;
    let (everything_url, everything) = receiver(Behaviour::FailFirst(0)).await;
    let (private_url, private) = receiver(Behaviour::FailFirst(0)).await;
    let (flags_url, flags) = receiver(Behaviour::FailFirst(0)).await;
    for body in [
        json!({"url": everything_url}),
        json!({"url": private_url, "space": "staff-room"}),
        json!({"url": flags_url, "kinds": ["flagged"]}),
    ] {
        let (s, w) = app
            .api(Method::POST, "/api/v1/webhooks", Some(&owner), Some(body))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{w}");
    }
    app.api(
        Method::POST,
        "/api/v1/spaces/staff-room/topics",
        Some(&owner),
        Some(json!({"title": "Pay rises", "body": "Confidential figures."})),
    )
    .await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&owner),
            Some(json!({"title": "Open day", "body": "Saturday."})),
        )
        .await;
    app.member_client("mia").await;
    let mia = app.token("mia@example.com").await;
    let first_post = t["posts"][0]["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/posts/{first_post}/flags"),
            Some(&mia),
            Some(json!({"reason": "spam"})),
        )
        .await;
    assert!(s.is_success(), "{s}");
    let got = private.wait_for(1).await;
    assert!(
        got[0].1.contains("Pay rises"),
        "the private space's own subscription gets it"
    );
    flags.wait_for(1).await;
    // Everything-subscription: the public topic and mia joining, never the private topic
    // or the flag.
    let all = everything.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let all = if everything.all().len() > all.len() {
        everything.all()
    } else {
        all
    };
    for (_, body) in &all {
        assert!(
            !body.contains("Pay rises") && !body.contains("Confidential"),
            "{body}"
        );
        assert!(!body.contains("\"flagged\""), "{body}");
    }
    assert!(all.iter().any(|(_, b)| b.contains("Open day")));
    assert!(
        flags
            .all()
            .iter()
            .all(|(_, b)| b.contains("\"type\":\"flagged\""))
    );
}

async fn hostile_webhook_urls_and_kinds_are_refused_by_name_and_nothing_is_sent(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    for (body, field, says) in [
        (
            json!({"url": "ftp://files.example.com/in"}),
            "url",
            "http:// or https://",
        ),
        (
            json!({"url": "javascript:alert(1)"}),
            "url",
            "http:// or https://",
        ),
        (
            json!({"url": "http://127.0.0.1:8080/hook"}),
            "url",
            "resolves to 127.0.0.1",
        ),
        (
            json!({"url": "http://169.254.169.254/latest/meta-data/"}),
            "url",
            "resolves to 169.254.169.254",
        ),
        (
            json!({"url": "http://localhost/hook"}),
            "url",
            "loopback, private or link-local",
        ),
        (
            json!({"url": "http://[::1]/hook"}),
            "url",
            "resolves to ::1",
        ),
        (
            json!({"url": "https://hooks.example.com/x", "kinds": ["nope"]}),
            "kinds",
            "\"nope\" is not an activity kind",
        ),
        (
            json!({"url": "https://hooks.example.com/x", "kinds": ["visited"]}),
            "kinds",
            "\"visited\"",
        ),
        (
            json!({"url": "https://hooks.example.com/x", "space": "nowhere"}),
            "space",
            "no such space",
        ),
    ] {
        let (s, e) = app
            .api(
                Method::POST,
                "/api/v1/webhooks",
                Some(&owner),
                Some(body.clone()),
            )
            .await;
        assert!(
            s == StatusCode::UNPROCESSABLE_ENTITY || s == StatusCode::BAD_REQUEST,
            "{body}: {s} {e}"
        );
        if !field.is_empty() {
            assert_eq!(e["error"]["field"], field, "{body}: {e}");
        }
        assert!(
            e["error"]["message"].as_str().unwrap().contains(says),
            "{body}: {e}"
        );
    }
    let (_, list) = app
        .api(Method::GET, "/api/v1/webhooks", Some(&owner), None)
        .await;
    assert_eq!(list["items"], json!([]), "nothing was made");
    // A member cannot make or read them, whatever their token's scopes.
    app.member_client("mia").await;
    let mia = app.token("mia@example.com").await;
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/webhooks",
            Some(&mia),
            Some(json!({"url": "https://hooks.example.com/x"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/webhooks/1/deliveries",
            Some(&mia),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The form names the field in the page.
    let r = app
        .post_form(
            &app.client,
            "/admin/webhooks",
            &[
                ("url", "http://10.0.0.7/hook"),
                ("which", "every"),
                ("space", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("resolves to 10.0.0.7"), "{page}");
}
