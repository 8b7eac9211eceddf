//! The OpenAPI description tells the truth: every operation names its scope, security and
//! error answers; its enums are the code's own tables; every error is the JSON error
//! format, also for a malformed query, path or body; and real answers from a populated
//! community validate against the schemas (with Python's jsonschema, as an independent
//! reader of the document).

use crate::api::{API_ROUTES, concrete};
use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(
    every_operation_declares_its_scope_security_and_errors_and_enums_come_from_the_code,
    malformed_queries_paths_and_bodies_get_the_json_error,
    real_answers_validate_against_the_documented_schemas,
);

async fn every_operation_declares_its_scope_security_and_errors_and_enums_come_from_the_code(
    app: TestApp,
) {
    app.setup().await;
    let (s, doc) = app
        .api(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    for (route, method) in API_ROUTES {
        let op = &doc["paths"][route][method];
        let read = *method == "get";
        assert_eq!(
            op["x-scope"],
            hearth_core::access::scope_needed(read, route).as_str(),
            "{method} {route}"
        );
        assert!(
            op["security"].as_array().is_some_and(|s| !s.is_empty()),
            "{method} {route}"
        );
        for status in ["400", "401", "403", "429"] {
            assert!(
                op["responses"].get(status).is_some(),
                "{method} {route} lacks {status}"
            );
        }
        if route.contains('{') {
            assert!(
                op["responses"].get("404").is_some(),
                "{method} {route} lacks 404"
            );
        }
    }
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    };
    let schemas = &doc["components"]["schemas"];
    let notification_kinds = strings(&schemas["Notification"]["properties"]["kind"]["enum"]);
    let want: Vec<String> = hearth_core::notifications::NotificationKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(notification_kinds, want);
    assert!(notification_kinds.contains(&"watched_reply".to_string()));
    let space_kinds = strings(&schemas["Space"]["properties"]["kinds"]["items"]["enum"]);
    assert!(
        space_kinds.contains(&"event".to_string()),
        "{space_kinds:?}"
    );
    assert_eq!(
        strings(&schemas["Scope"]["enum"]),
        ["read", "write", "moderate", "admin", "ingest"]
    );
    // The search's dates are dates, not an enum of one string.
    for p in doc["paths"]["/api/v1/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
    {
        assert!(
            p["schema"]["enum"].is_null() || p["schema"]["enum"].is_array(),
            "{p}"
        );
    }
    // Every kind a webhook may send has its documented entry, from the activity table.
    let payload = &schemas["WebhookPayload"];
    for (kind, _, target) in hearth_core::activity::KINDS {
        if *kind == hearth_core::activity::VISITED {
            assert!(payload["x-kinds"][kind].is_null(), "visits are never sent");
            continue;
        }
        assert_eq!(payload["x-kinds"][kind]["target"], *target, "{kind}");
    }
    assert_eq!(payload["x-kinds"]["flagged"]["only_when_named"], true);
    // The deprecated key is marked so.
    let members = &doc["paths"]["/api/v1/members"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["properties"];
    assert_eq!(members["members"]["deprecated"], true);
    assert!(members["items"].is_object() && members["next_cursor"].is_object());
}

async fn malformed_queries_paths_and_bodies_get_the_json_error(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    let cases: [(Method, &str, Option<&str>, StatusCode); 5] = [
        (
            Method::GET,
            "/api/v1/spaces/news/topics?sort=newest&sort=votes",
            None,
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::GET,
            "/api/v1/search?q=a&q=b",
            None,
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some("{\"title\": "),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PUT,
            "/api/v1/spaces",
            Some("{}"),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some("[1, 2]"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (method, path, body, want) in cases {
        let mut req = app
            .client_without_cookies()
            .request(method.clone(), app.url(path))
            .bearer_auth(&owner);
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let ct = r.headers()["content-type"].to_str().unwrap().to_string();
        let v: Value = r.json().await.unwrap_or(Value::Null);
        assert!(ct.starts_with("application/json"), "{method} {path}: {ct}");
        assert!(
            v["error"]["code"].is_string() && v["error"]["message"].is_string(),
            "{method} {path}: {v}"
        );
        if want != StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(status, want, "{method} {path}: {v}");
        } else {
            assert!(status.is_client_error(), "{method} {path}: {status} {v}");
        }
    }
}

async fn real_answers_validate_against_the_documented_schemas(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&owner),
            Some(json!({"title": "Hours over the holidays", "body": "Open 8 to 2, @owner."})),
        )
        .await;
    let topic = t["id"].as_i64().unwrap();
    let (_, reply) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(&owner),
            Some(json!({"body": "And closed on the 25th."})),
        )
        .await;
    let post = reply["id"].as_i64().unwrap();
    app.api(
        Method::POST,
        &format!("/api/v1/posts/{post}/reactions/like"),
        Some(&owner),
        None,
    )
    .await;
    let at = |secs: i64| {
        jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_secs(secs))
            .unwrap()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    let (start, end) = (at(86_400 * 3), at(86_400 * 3 + 5_400));
    let (s, ev) = app
        .api(Method::POST, "/api/v1/spaces/news/events", Some(&owner), Some(json!({"title": "Bread class", "body": "Bring an apron.", "starts_at": start, "ends_at": end, "time_zone": "Europe/London", "capacity": 10})))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ev}");
    let event = ev["id"].as_i64().unwrap();
    app.member_client("mia").await;
    let mia = app
        .state
        .store()
        .member_by_email("mia@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.api(
        Method::POST,
        "/api/v1/groups",
        Some(&owner),
        Some(json!({"name": "Regulars", "slug": "regulars"})),
    )
    .await;
    let fill = |route: &str| -> String {
        let id = if route.starts_with("/api/v1/topics/") {
            topic
        } else if route.starts_with("/api/v1/posts/")
            || route.starts_with("/api/v1/insights/sentiment/posts/")
        {
            post
        } else if route.starts_with("/api/v1/events/") {
            event
        } else if route.starts_with("/api/v1/members/")
            || route.starts_with("/api/v1/insights/members/")
        {
            mia
        } else {
            1
        };
        concrete(
            &route
                .replace("{id}", &id.to_string())
                .replace(
                    "{slug}",
                    if route.starts_with("/api/v1/groups/") {
                        "regulars"
                    } else {
                        "news"
                    },
                )
                .replace("{handle}", "mia"),
        )
    };
    let mut samples = Vec::new();
    for (route, method) in API_ROUTES {
        if *method != "get" || route.ends_with("/split") || route.ends_with(".csv") {
            continue;
        }
        for token in [Some(owner.as_str()), None] {
            let r = app.client_without_cookies().get(app.url(&fill(route)));
            let r = match token {
                Some(t) => r.bearer_auth(t),
                None => r,
            };
            let r = r.send().await.unwrap();
            let status = r.status().as_u16();
            let is_json = r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/json"));
            assert!(is_json, "GET {route}: not JSON");
            let body: Value = r.json().await.unwrap();
            samples.push(json!({"route": route, "method": "get", "status": status, "body": body}));
        }
    }
    // A few writes, and their errors.
    for (method, route, path, body) in [
        (
            "post",
            "/api/v1/spaces/{slug}/topics",
            "/api/v1/spaces/news/topics".to_string(),
            json!({"title": "Rye", "body": "Fridays."}),
        ),
        (
            "post",
            "/api/v1/spaces/{slug}/topics",
            "/api/v1/spaces/news/topics".to_string(),
            json!({"title": "", "body": "x"}),
        ),
        (
            "post",
            "/api/v1/topics/{id}/posts",
            format!("/api/v1/topics/{topic}/posts"),
            json!({"body": "Thanks!"}),
        ),
        (
            "patch",
            "/api/v1/spaces/{slug}",
            "/api/v1/spaces/news".to_string(),
            json!({"kinds": ["discussion", "idea"]}),
        ),
        (
            "patch",
            "/api/v1/spaces/{slug}",
            "/api/v1/spaces/news".to_string(),
            json!({"kinds": ["sonnet"]}),
        ),
        (
            "post",
            "/api/v1/events/{id}/rsvp",
            format!("/api/v1/events/{event}/rsvp"),
            json!({"status": "going"}),
        ),
        (
            "post",
            "/api/v1/webhooks",
            "/api/v1/webhooks".to_string(),
            json!({"url": "ftp://x"}),
        ),
    ] {
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let (s, v) = app.api(m, &path, Some(&owner), Some(body)).await;
        samples.push(json!({"route": route, "method": method, "status": s.as_u16(), "body": v}));
    }
    let (_, doc) = app
        .api(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    let input = json!({"doc": doc, "samples": samples}).to_string();
    let Some(problems) = crate::support::reference_python_json(
        include_str!("openapi_check.py"),
        "jsonschema",
        &input,
    ) else {
        return;
    };
    let problems: Vec<&str> = problems
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        problems.is_empty(),
        "{} answers do not match the document:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
