//! Search over HTTP (`GET /api/v1/search`, `/search`) on both databases: what matches,
//! what stays hidden (private spaces, deleted and held posts), the filters, pages, and
//! hostile queries.

use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(search_finds_what_the_searcher_may_see);

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let (s, v) = app.api(Method::POST, path, Some(token), Some(body)).await;
    assert!(s.is_success(), "{path}: {s} {v}");
    v
}

async fn search_finds_what_the_searcher_may_see(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    app.space(&owner, "staff", "private").await;
    let t = post(
        &app,
        &owner,
        "/api/v1/spaces/kitchen/topics",
        json!({"title": "Rye starter help", "body": "My **rye** starter smells of acetone & 5 < 6."}),
    )
    .await;
    let topic = t["id"].as_i64().unwrap();
    let first = t["posts"][0]["id"].as_i64().unwrap();
    let reply = post(
        &app,
        &owner,
        &format!("/api/v1/topics/{topic}/posts"),
        json!({"body": "Feed the rye starter twice a day."}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    post(
        &app,
        &owner,
        "/api/v1/spaces/staff/topics",
        json!({"title": "Rye supplier prices", "body": "Secret rye prices."}),
    )
    .await;
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let find = |token: Option<String>, query: String| {
        let app = &app;
        async move {
            app.api(
                Method::GET,
                &format!("/api/v1/search?{query}"),
                token.as_deref(),
                None,
            )
            .await
        }
    };

    let (s, v) = find(Some(ana.clone()), "q=rye".into()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let items = v["items"].as_array().unwrap();
    let ids: Vec<i64> = items
        .iter()
        .map(|i| i["post_id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![reply, first],
        "newest first; the private space's post stays out"
    );
    assert_eq!(items[1]["topic_id"], topic);
    assert_eq!(items[1]["title"], "Rye starter help");
    let snippet = items[1]["snippet_html"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>rye</mark>") && snippet.contains("acetone &amp; 5 &lt; 6"),
        "highlighted and escaped: {snippet}"
    );
    let (_, v) = find(None, "q=secret".into()).await;
    assert!(
        v["items"].as_array().unwrap().is_empty(),
        "anonymous visitors see public posts only"
    );
    let (_, v) = find(Some(owner.clone()), "q=secret".into()).await;
    assert_eq!(
        v["items"].as_array().unwrap().len(),
        1,
        "the owner sees the private space"
    );

    // Filters and pages.
    let (_, v) = find(
        Some(ana.clone()),
        "q=rye&space=kitchen&author=owner&kind=discussion".into(),
    )
    .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let (_, v) = find(Some(ana.clone()), "q=rye&answered=true".into()).await;
    assert!(
        v["items"].as_array().unwrap().is_empty(),
        "no answered question matches"
    );
    for i in 0..22 {
        post(
            &app,
            &owner,
            &format!("/api/v1/topics/{topic}/posts"),
            json!({"body": format!("More about rye, part {i}.")}),
        )
        .await;
    }
    let (_, p1) = find(Some(ana.clone()), "q=rye".into()).await;
    assert_eq!(p1["items"].as_array().unwrap().len(), 20);
    let cursor = p1["next_cursor"].as_str().unwrap().to_string();
    let (_, p2) = find(Some(ana.clone()), format!("q=rye&cursor={cursor}")).await;
    let p2_items = p2["items"].as_array().unwrap();
    assert_eq!(p2_items.len(), 4, "24 in all");
    assert!(p2["next_cursor"].is_null());
    // Several words (PostgreSQL reads the newest posts first for these): the same pages.
    let (_, w1) = find(Some(ana.clone()), "q=rye%20part".into()).await;
    assert_eq!(w1["items"].as_array().unwrap().len(), 20);
    let cursor = w1["next_cursor"].as_str().unwrap().to_string();
    let (_, w2) = find(Some(ana.clone()), format!("q=rye%20part&cursor={cursor}")).await;
    assert_eq!(
        w2["items"].as_array().unwrap().len(),
        2,
        "22 posts have both words"
    );
    assert!(w2["next_cursor"].is_null());

    // Hostile and bad input: each named, nothing crashes.
    let long = "rye ".repeat(2_500);
    for (query, field, status) in [
        (
            format!("q={long}"),
            Some("q"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "q=%22%22+***".to_string(),
            Some("q"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "q=rye&author=nobody".to_string(),
            Some("author"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "q=rye&from=yesterday".to_string(),
            Some("from"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "q=rye&kind=essay".to_string(),
            Some("kind"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "q=rye&cursor=abc".to_string(),
            Some("cursor"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("q=rye&space=staff".to_string(), None, StatusCode::NOT_FOUND),
        (
            "q=rye&space=kit%00chen".to_string(),
            Some("space"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "q=rye&author=%00".to_string(),
            Some("author"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let (s, v) = find(Some(ana.clone()), query.clone()).await;
        assert_eq!(s, status, "{query}: {v}");
        if let Some(field) = field {
            assert_eq!(v["error"]["field"], field, "{query}: {v}");
        }
    }
    for syntax in [
        "rye*",
        "rye%20OR%20secret",
        "NEAR(rye%20starter)",
        "rye%20-starter",
        "%22rye",
        "col:rye",
        "rye^2",
        "(rye)",
    ] {
        let (s, v) = find(Some(ana.clone()), format!("q={syntax}")).await;
        assert_eq!(s, StatusCode::OK, "{syntax}: {v}");
        assert!(!v.to_string().contains("Secret"), "{syntax} leaks nothing");
    }
    let (_, v) = find(Some(ana.clone()), "q=rye%20secret".into()).await;
    assert!(
        v["items"].as_array().unwrap().is_empty(),
        "every word must match"
    );

    // Deleted posts leave the results.
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/posts/{reply}"),
            Some(&owner),
            None,
        )
        .await;
    assert!(s.is_success());
    let (_, v) = find(Some(ana.clone()), "q=twice".into()).await;
    assert!(v["items"].as_array().unwrap().is_empty());

    // The page.
    let page = app
        .client_without_cookies()
        .get(app.url("/search?q=acetone"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<mark>acetone</mark>") && html.contains("Rye starter help"),
        "{html}"
    );
    let page = app
        .client_without_cookies()
        .get(app.url(&format!("/search?q={long}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("at most 200 characters")
    );
}
