//! The JSON API, end to end.

use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(
    a_script_makes_a_space_that_takes_ideas_and_changes_it_field_by_field,
    an_integrator_runs_the_whole_api_flow,
    topics_and_posts_paginate_with_cursors,
    public_content_is_readable_without_a_token,
    bad_input_gets_clear_errors_and_writes_nothing,
    the_openapi_document_describes_every_route,
    markdown_is_sanitised_on_the_way_in,
    askers_accept_answers_and_lists_filter_by_them,
    members_react_to_posts_once_per_reaction,
    replies_mentions_and_accepted_answers_notify_through_jobs,
    ideas_take_one_vote_each_and_staff_statuses_reach_voters,
    staff_announcements_stay_pinned_until_unpinned,
    polls_take_changeable_votes_until_they_close,
    topic_watchers_hear_every_reply_in_batches,
);

/// Every API route and method, as the router names them: the OpenAPI document must
/// describe exactly these (`the_openapi_document_describes_every_route`), and the token
/// matrix calls each with every scope (`tokens.rs`).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("/api/v1/me", "get"),
    ("/api/v1/spaces", "get"),
    ("/api/v1/spaces/{slug}", "patch"),
    ("/api/v1/spaces", "post"),
    ("/api/v1/spaces/{slug}/topics", "get"),
    ("/api/v1/members/{id}/points", "get"),
    ("/api/v1/leaderboard", "get"),
    ("/api/v1/ledger/verify", "get"),
    ("/api/v1/points/rules", "get"),
    ("/api/v1/points/rules", "put"),
    ("/api/v1/points/seasons", "post"),
    ("/api/v1/rewards", "get"),
    ("/api/v1/rewards", "post"),
    ("/api/v1/rewards/{id}", "patch"),
    ("/api/v1/rewards/{id}/codes", "post"),
    ("/api/v1/rewards/{id}/redeem", "post"),
    ("/api/v1/rewards/redemptions", "get"),
    ("/api/v1/redemptions", "get"),
    ("/api/v1/redemptions/{id}/fulfil", "post"),
    ("/api/v1/redemptions/{id}/cancel", "post"),
    ("/api/v1/badges", "get"),
    ("/api/v1/badges", "post"),
    ("/api/v1/badges/{id}", "delete"),
    ("/api/v1/spaces/{slug}/topics", "post"),
    ("/api/v1/topics/{id}", "get"),
    ("/api/v1/topics/{id}/posts", "get"),
    ("/api/v1/topics/{id}/posts", "post"),
    ("/api/v1/posts/{id}", "get"),
    ("/api/v1/posts/{id}", "patch"),
    ("/api/v1/posts/{id}", "delete"),
    ("/api/v1/openapi.json", "get"),
    ("/api/v1/spaces/{slug}/events", "post"),
    ("/api/v1/events", "get"),
    ("/api/v1/events/{id}", "get"),
    ("/api/v1/events/{id}", "patch"),
    ("/api/v1/events/{id}/cancel", "post"),
    ("/api/v1/events/{id}/rsvp", "post"),
    ("/api/v1/events/{id}/check-in", "post"),
    ("/api/v1/events/{id}/attendees", "get"),
    ("/api/v1/topics/{id}/accept", "post"),
    ("/api/v1/topics/{id}/accept", "delete"),
    ("/api/v1/posts/{id}/reactions/{emoji}", "post"),
    ("/api/v1/posts/{id}/reactions/{emoji}", "delete"),
    ("/api/v1/notifications", "get"),
    ("/api/v1/topics/{id}/vote", "post"),
    ("/api/v1/topics/{id}/vote", "delete"),
    ("/api/v1/topics/{id}/status", "put"),
    ("/api/v1/topics/{id}/pin", "put"),
    ("/api/v1/topics/{id}/pin", "delete"),
    ("/api/v1/topics/{id}/poll/vote", "put"),
    ("/api/v1/topics/{id}/merge", "post"),
    ("/api/v1/spaces/{slug}/watch", "post"),
    ("/api/v1/spaces/{slug}/watch", "delete"),
    ("/api/v1/topics/{id}/watch", "post"),
    ("/api/v1/topics/{id}/watch", "delete"),
    ("/api/v1/posts/{id}/flags", "post"),
    ("/api/v1/moderation/queue", "get"),
    ("/api/v1/moderation/queue/{item}/decision", "post"),
    ("/api/v1/audit-log", "get"),
    ("/api/v1/members/{id}/warnings", "post"),
    ("/api/v1/members/{id}/suspensions", "post"),
    ("/api/v1/members/{id}/notes", "post"),
    ("/api/v1/notifications/read", "post"),
    ("/api/v1/community", "get"),
    ("/api/v1/community", "patch"),
    ("/api/v1/applications", "get"),
    ("/api/v1/applications/{id}/decision", "post"),
    ("/api/v1/invites", "post"),
    ("/api/v1/groups", "get"),
    ("/api/v1/groups", "post"),
    ("/api/v1/groups/{slug}/members/{handle}", "put"),
    ("/api/v1/groups/{slug}/members/{handle}", "delete"),
    ("/api/v1/members/{id}/trust", "put"),
    ("/api/v1/spam-filter", "get"),
    ("/api/v1/keyword-rules/{id}", "delete"),
    ("/api/v1/search", "get"),
    ("/api/v1/activities", "post"),
    ("/api/v1/members", "get"),
    ("/api/v1/members/{id}", "get"),
    ("/api/v1/members/suggestions", "get"),
    ("/api/v1/members/{id}/merge", "post"),
    ("/api/v1/merges/{id}/undo", "post"),
    ("/api/v1/insights/summary", "get"),
    ("/api/v1/insights/active", "get"),
    ("/api/v1/insights/retention", "get"),
    ("/api/v1/insights/growth", "get"),
    ("/api/v1/insights/support", "get"),
    ("/api/v1/insights/top-content", "get"),
    ("/api/v1/insights/champions", "get"),
    ("/api/v1/insights/bridges", "get"),
    ("/api/v1/insights/unanswered-newcomers", "get"),
    ("/api/v1/insights/churn", "get"),
    ("/api/v1/insights/member-value", "get"),
    ("/api/v1/insights/levels", "get"),
    ("/api/v1/insights/levels/weights", "get"),
    ("/api/v1/insights/levels/weights", "put"),
    ("/api/v1/insights/members/{id}", "get"),
    ("/api/v1/insights/health", "get"),
    ("/api/v1/insights/goals", "get"),
    ("/api/v1/insights/goals", "post"),
    ("/api/v1/insights/goals/{id}", "delete"),
    ("/api/v1/insights/report", "post"),
    ("/api/v1/insights/sentiment", "get"),
    ("/api/v1/insights/trending", "get"),
    ("/api/v1/insights/sentiment/posts/{id}", "put"),
    ("/api/v1/insights/sentiment/settings", "put"),
    ("/api/v1/insights/experiments", "get"),
    ("/api/v1/insights/experiments", "post"),
    ("/api/v1/insights/experiments/{id}", "get"),
    ("/api/v1/insights/experiments/{id}/split", "get"),
    ("/api/v1/insights/personas", "get"),
    ("/api/v1/insights/first-response", "get"),
    ("/api/v1/insights/contributors", "get"),
    ("/api/v1/insights/viewers", "get"),
    ("/api/v1/insights/viewers", "put"),
    ("/api/v1/webhooks", "get"),
    ("/api/v1/webhooks", "post"),
    ("/api/v1/webhooks/{id}", "get"),
    ("/api/v1/webhooks/{id}", "patch"),
    ("/api/v1/webhooks/{id}", "delete"),
    ("/api/v1/webhooks/{id}/secret", "post"),
    ("/api/v1/webhooks/{id}/deliveries", "get"),
    (
        "/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver",
        "post",
    ),
    ("/api/v1/segments", "get"),
    ("/api/v1/segments", "post"),
    ("/api/v1/segments/{id}", "get"),
    ("/api/v1/segments/{id}", "put"),
    ("/api/v1/segments/{id}", "delete"),
    ("/api/v1/segments/{id}/members", "get"),
    ("/api/v1/segments/{id}/members.csv", "get"),
    ("/api/v1/keyword-rules", "post"),
    ("/api/v1/groups/{slug}", "delete"),
    ("/api/v1/invites/{id}/revoke", "post"),
    ("/api/v1/members/{id}/tags", "put"),
    ("/api/v1/members/suggestions/dismiss", "post"),
    ("/api/v1/members/{id}/erase", "post"),
    ("/api/v1/members/{id}/tokens/{token}", "delete"),
    ("/api/v1/people/retention", "put"),
    ("/api/v1/segments/{id}/tag", "post"),
    ("/api/v1/mail/test", "post"),
    ("/api/v1/branding", "put"),
    ("/api/v1/moderation/public-log", "put"),
    ("/api/v1/members", "post"),
    ("/api/v1/imports", "post"),
    ("/api/v1/spaces/{slug}/icon", "put"),
    ("/api/v1/spaces/{slug}/icon", "delete"),
    ("/api/v1/membership/customers", "put"),
];

/// `route` with its parameters filled in by values that exist nowhere.
pub fn concrete(route: &str) -> String {
    route
        .replace("{slug}", "nowhere")
        .replace("{id}", "1")
        .replace("{item}", "1")
        .replace("{delivery}", "1")
        .replace("{token}", "999999")
        .replace("{emoji}", "like")
        .replace("{handle}", "nobody")
}

async fn an_integrator_runs_the_whole_api_flow(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (s, me) = app.api(Method::GET, "/api/v1/me", Some(&owner), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (me["handle"].as_str(), me["role"].as_str()),
        (Some("owner"), Some("owner"))
    );
    let (s, e) = app.api(Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(e["error"]["code"], "unauthenticated");
    let (s, _) = app
        .api(Method::GET, "/api/v1/me", Some("hth_wrong"), None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    let space = app.space(&owner, "help", "public").await;
    assert_eq!(space["url"], "/s/help");
    let (s, list) = app.api(Method::GET, "/api/v1/spaces", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));

    let (s, topic) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&owner),
            Some(json!({"title": "Opening hours?", "body": "When do you open on **Sunday**?"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{topic}");
    let topic_id = topic["id"].as_i64().unwrap();
    assert_eq!(
        topic["posts"][0]["body_html"],
        "<p>When do you open on <strong>Sunday</strong>?</p>\n"
    );

    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, reply) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic_id}/posts"),
            Some(&ana),
            Some(json!({"body": "At 9, I think"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{reply}");
    let reply_id = reply["id"].as_i64().unwrap();
    assert_eq!(
        (
            reply["position"].as_i64(),
            reply["author"]["handle"].as_str()
        ),
        (Some(2), Some("ana"))
    );

    // Ana edits her reply; the owner cannot be edited by Ana.
    let (s, edited) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/posts/{reply_id}"),
            Some(&ana),
            Some(json!({"body": "At 9 on Sundays."})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{edited}");
    assert!(edited["edited_at"].is_string());
    let first_id = topic["posts"][0]["id"].as_i64().unwrap();
    let (s, e) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/posts/{first_id}"),
            Some(&ana),
            Some(json!({"body": "hijacked"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{e}");
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/posts/{first_id}"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/posts/{reply_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    let (s, got) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(got["posts"][1]["body"], "At 9 on Sundays.");
    assert_eq!(got["reply_count"], 1);

    // The owner (staff) deletes Ana's reply; the public sees a tombstone without the text.
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/posts/{reply_id}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, got) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(got["posts"][1]["deleted"], true);
    assert_eq!(got["posts"][1]["body"], "");
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/posts/{reply_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Each change appended one activity: joined x2, topic_started, replied, post_edited, post_deleted.
    let kinds: Vec<String> = app
        .state
        .store()
        .activities_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "joined",
            "topic_started",
            "joined",
            "replied",
            "post_edited",
            "post_deleted"
        ]
    );
}

async fn topics_and_posts_paginate_with_cursors(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "busy", "public").await;
    for i in 0..35 {
        let (s, _) = app
            .api(
                Method::POST,
                "/api/v1/spaces/busy/topics",
                Some(&owner),
                Some(json!({"title": format!("Topic number {i}"), "body": "body text"})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
    }
    let (_, page1) = app
        .api(Method::GET, "/api/v1/spaces/busy/topics", None, None)
        .await;
    assert_eq!(page1["items"].as_array().unwrap().len(), 30);
    assert_eq!(page1["items"][0]["title"], "Topic number 34");
    let cursor = page1["next_cursor"].as_str().unwrap().to_string();
    let (_, page2) = app
        .api(
            Method::GET,
            &format!("/api/v1/spaces/busy/topics?cursor={cursor}"),
            None,
            None,
        )
        .await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 5);
    assert!(page2["next_cursor"].is_null());
    let (s, e) = app
        .api(
            Method::GET,
            "/api/v1/spaces/busy/topics?cursor=garbage",
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["field"], "cursor");

    let topic_id = page2["items"][0]["id"].as_i64().unwrap();
    for i in 0..24 {
        app.api(
            Method::POST,
            &format!("/api/v1/topics/{topic_id}/posts"),
            Some(&owner),
            Some(json!({"body": format!("reply {i}")})),
        )
        .await;
    }
    let (_, t) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(t["posts"].as_array().unwrap().len(), 20);
    let cursor = t["next_cursor"].as_str().unwrap().to_string();
    let (_, rest) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic_id}/posts?cursor={cursor}"),
            None,
            None,
        )
        .await;
    let positions: Vec<i64> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, (21..=25).collect::<Vec<_>>());
    // The replied topic is now first in its space.
    let (_, page1) = app
        .api(Method::GET, "/api/v1/spaces/busy/topics", None, None)
        .await;
    assert_eq!(page1["items"][0]["id"].as_i64(), Some(topic_id));
}

async fn public_content_is_readable_without_a_token(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "open", "public").await;
    app.space(&owner, "lounge", "members").await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/lounge/topics",
            Some(&owner),
            Some(json!({"title": "Members only", "body": "secret-ish"})),
        )
        .await;
    let (_, spaces) = app.api(Method::GET, "/api/v1/spaces", None, None).await;
    let slugs: Vec<&str> = spaces["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["open"]);
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{}", t["id"]),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    app.member_client("ben").await;
    let ben = app.token("ben@example.com").await;
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{}", t["id"]),
            Some(&ben),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "members see members-only spaces");
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&ben),
            Some(json!({"name": "Mine", "slug": "mine", "visibility": "public"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{e}");
}

async fn bad_input_gets_clear_errors_and_writes_nothing(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "general", "public").await;
    let before = app.totals().await;
    let url = app.url("/api/v1/spaces/general/topics");
    let http = app.client_without_cookies();

    // A 1 MB title: a field error naming the title.
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&owner),
            Some(json!({"title": "t".repeat(1_000_000), "body": "fine"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["field"], "title");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 200")
    );

    // A 10 MB body: refused before it is read whole.
    let (status, answer) = crate::support::announce_huge_post(
        &app,
        "/api/v1/spaces/general/topics",
        "application/json",
        &format!("Authorization: Bearer {owner}\r\n"),
        10 * 1024 * 1024,
    )
    .await;
    assert_eq!(status, 413, "{answer}");
    assert!(answer.contains("\"too_large\""), "{answer}");

    // A body over the configured Markdown limit but under the request limit: 422 on body.
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&owner),
            Some(json!({"title": "Long", "body": "b".repeat(70_000)})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("body"))
    );

    // Invalid UTF-8.
    let mut bytes = br#"{"title": "caf"#.to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]);
    bytes.extend_from_slice(br#"", "body": "x y"}"#);
    let r = http
        .post(&url)
        .bearer_auth(&owner)
        .header("content-type", "application/json")
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e: Value = r.json().await.unwrap();
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON"),
        "{e}"
    );

    // Malformed JSON, wrong shape, missing content type.
    let r = http
        .post(&url)
        .bearer_auth(&owner)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&owner),
            Some(json!({"title": 5})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let r = http
        .post(&url)
        .bearer_auth(&owner)
        .body("title=x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // A nonexistent space, topic and post.
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/nowhere/topics",
            Some(&owner),
            Some(json!({"title": "Hello", "body": "x y"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    for path in [
        "/api/v1/topics/999999",
        "/api/v1/posts/999999",
        "/api/v1/topics/abc",
        "/api/v1/spaces/nowhere/topics",
        "/api/v1/nothing",
    ] {
        let (s, e) = app.api(Method::GET, path, None, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {e}");
        assert!(e["error"]["message"].is_string());
    }

    // A duplicate slug, and a bad one.
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&owner),
            Some(json!({"name": "Again", "slug": "general", "visibility": "public"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::CONFLICT, Some("slug"))
    );
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&owner),
            Some(json!({"name": "X", "slug": "'; DROP TABLE spaces;--", "visibility": "public"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("slug"))
    );
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&owner),
            Some(json!({"name": "X", "slug": "x", "visibility": "secret"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("visibility"))
    );

    assert_eq!(
        app.totals().await,
        before,
        "no failed request wrote anything"
    );
    assert_eq!(app.state.store().spaces().await.unwrap().len(), 1);

    // HTML and SQL metacharacters in every field are stored as typed and shown escaped.
    let nasty = "<b>bold</b> '; DROP TABLE topics; -- \" & <script>alert(1)</script>";
    let (s, t) = app
        .api(Method::POST, "/api/v1/spaces", Some(&owner), Some(json!({"name": nasty, "slug": "nasty", "visibility": "public", "description": nasty})))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(t["name"], nasty);
    let (s, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/nasty/topics",
            Some(&owner),
            Some(json!({"title": nasty, "body": nasty})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(t["title"], nasty);
    assert!(
        !t["posts"][0]["body_html"]
            .as_str()
            .unwrap()
            .contains("<script")
    );
    let page = app
        .get(&format!("/t/{}", t["id"]))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("<script>alert(1)</script>"));
    assert!(page.contains("&lt;b&gt;bold&lt;"), "the title is escaped");
    let space_page = app.get("/s/nasty").await.text().await.unwrap();
    assert!(!space_page.contains("<script>alert(1)</script>"));
}

async fn the_openapi_document_describes_every_route(app: TestApp) {
    app.setup().await;
    let (s, doc) = app
        .api(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.push((path.clone(), method.clone()));
        }
    }
    documented.sort();
    let mut want: Vec<(String, String)> = API_ROUTES
        .iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    want.sort();
    assert_eq!(documented, want);
    // Every documented route exists: none answers 405 or the API's unknown-endpoint 404.
    for (path, method) in &want {
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let (s, body) = app.api(m, &concrete(path), None, Some(json!({}))).await;
        assert_ne!(s, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        assert_ne!(
            body["error"]["message"], "endpoint not found",
            "{method} {path}"
        );
    }
}

async fn markdown_is_sanitised_on_the_way_in(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "s", "public").await;
    let body = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) <a href=\"jAvAsCrIpT:alert(4)\">y</a>";
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/s/topics",
            Some(&owner),
            Some(json!({"title": "XSS attempt", "body": body})),
        )
        .await;
    let html = t["posts"][0]["body_html"].as_str().unwrap().to_lowercase();
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    let page = app
        .get(&format!("/t/{}", t["id"]))
        .await
        .text()
        .await
        .unwrap()
        .to_lowercase();
    assert!(
        !page.contains("onerror")
            && !page.contains("javascript:")
            && !page.contains("<script>alert")
    );
}

async fn askers_accept_answers_and_lists_filter_by_them(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    app.set_kinds(
        "help",
        &[
            hearth_core::values::TopicKind::Discussion,
            hearth_core::values::TopicKind::Question,
        ],
    )
    .await;
    app.member_client("asker").await;
    app.member_client("helper").await;
    let asker = app.token("asker@example.com").await;
    let helper = app.token("helper@example.com").await;
    let (s, q) = app
        .api(Method::POST, "/api/v1/spaces/help/topics", Some(&asker), Some(json!({"title": "Gluten-free loaves?", "body": "Do you bake any?", "kind": "question"})))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{q}");
    assert_eq!(
        (q["kind"].as_str(), q["answered"].as_bool()),
        (Some("question"), Some(false))
    );
    let qid = q["id"].as_i64().unwrap();
    let (_, d) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&helper),
            Some(json!({"title": "Hello all", "body": "Just saying hi"})),
        )
        .await;
    let (_, answer) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{qid}/posts"),
            Some(&helper),
            Some(json!({"body": "Yes, on Fridays."})),
        )
        .await;
    let answer_id = answer["id"].as_i64().unwrap();

    let (_, unanswered) = app
        .api(
            Method::GET,
            "/api/v1/spaces/help/topics?answered=false",
            None,
            None,
        )
        .await;
    let ids: Vec<i64> = unanswered["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        [qid],
        "discussions are neither answered nor unanswered"
    );

    // Bad input, each with a clear error and no change.
    let accept = |token: String, topic: i64, post: Value| {
        let app = &app;
        async move {
            app.api(
                Method::POST,
                &format!("/api/v1/topics/{topic}/accept"),
                Some(&token),
                Some(json!({ "post_id": post })),
            )
            .await
        }
    };
    let (s, e) = accept(helper.clone(), qid, json!(answer_id)).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "someone else's question: {e}");
    let (s, e) = accept(asker.clone(), qid, json!(q["posts"][0]["id"])).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("post_id")),
        "the question itself: {e}"
    );
    let (s, e) = accept(asker.clone(), qid, json!(d["posts"][0]["id"])).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("post_id")),
        "a post elsewhere: {e}"
    );
    let (s, e) = accept(helper.clone(), d["id"].as_i64().unwrap(), json!(answer_id)).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("topic")),
        "a discussion: {e}"
    );
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{qid}/accept"),
            None,
            Some(json!({"post_id": answer_id})),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&asker),
            Some(json!({"title": "An idea", "body": "Vote!", "kind": "poll"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("kind")),
        "{e}"
    );
    let stored = app.state.store().topic(qid).await.unwrap().unwrap();
    assert!(
        stored.answer_post_id.is_none(),
        "none of the refused requests changed anything"
    );

    // The asker accepts; the answer shows in the topic and the filters.
    let (s, t) = accept(asker.clone(), qid, json!(answer_id)).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(
        (t["answered"].as_bool(), t["answer_post_id"].as_i64()),
        (Some(true), Some(answer_id))
    );
    let (_, answered) = app
        .api(
            Method::GET,
            "/api/v1/spaces/help/topics?answered=true",
            None,
            None,
        )
        .await;
    assert_eq!(answered["items"][0]["id"].as_i64(), Some(qid));
    let (s, e) = app
        .api(
            Method::GET,
            "/api/v1/spaces/help/topics?answered=maybe",
            None,
            None,
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("answered"))
    );
    let page = app.get(&format!("/t/{qid}")).await.text().await.unwrap();
    assert!(
        page.contains("Accepted answer") && page.contains("Yes, on Fridays."),
        "the answer shows under the question"
    );
    let page = app.get("/s/help?answered=true").await.text().await.unwrap();
    assert!(page.contains("Gluten-free loaves?") && !page.contains("Hello all"));

    // Withdrawing leaves it unanswered; the times are recorded for metrics.
    let (s, t) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/topics/{qid}/accept"),
            Some(&asker),
            None,
        )
        .await;
    assert_eq!((s, t["answered"].as_bool()), (StatusCode::OK, Some(false)));
    let stored = app.state.store().topic(qid).await.unwrap().unwrap();
    assert!(stored.first_reply_at.is_some() && stored.answered_at.is_some());
    let kinds: Vec<String> = app
        .state
        .store()
        .activities_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert!(
        kinds.contains(&"question_asked".to_string())
            && kinds.ends_with(&[
                "answer_accepted".to_string(),
                "answer_unaccepted".to_string()
            ]),
        "{kinds:?}"
    );
}

async fn members_react_to_posts_once_per_reaction(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "general", "public").await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&owner),
            Some(json!({"title": "New loaf", "body": "Rye and caraway"})),
        )
        .await;
    let post = t["posts"][0]["id"].as_i64().unwrap();
    let ana_web = app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let path = |emoji: &str| format!("/api/v1/posts/{post}/reactions/{emoji}");
    let (s, p) = app.api(Method::POST, &path("like"), Some(&ana), None).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    // The same reaction again, by its emoji this time: still one.
    let (_, p) = app
        .api(Method::POST, &path("%F0%9F%91%8D"), Some(&ana), None)
        .await;
    assert_eq!(
        p["reactions"],
        json!([{"emoji": "like", "symbol": "👍", "label": "Like", "count": 1, "mine": true, "members": ["ana"]}])
    );
    let (_, p) = app
        .api(Method::POST, &path("heart"), Some(&owner), None)
        .await;
    assert_eq!(p["reactions"].as_array().unwrap().len(), 2);
    assert_eq!(p["reactions"][0]["mine"], false, "mine is the caller's");
    let (s, e) = app
        .api(Method::POST, &path("thumbsdown"), Some(&ana), None)
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("emoji")),
        "{e}"
    );
    let (s, _) = app.api(Method::POST, &path("like"), None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/posts/999999/reactions/like",
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, p) = app
        .api(Method::DELETE, &path("like"), Some(&ana), None)
        .await;
    assert_eq!(
        p["reactions"],
        json!([{"emoji": "heart", "symbol": "❤️", "label": "Love", "count": 1, "mine": false, "members": ["owner"]}])
    );

    // On the page: a visitor sees counts; a member toggles with a form.
    let r = app
        .post_form(
            &ana_web,
            &format!("/p/{post}/react"),
            &[("reaction", "celebrate"), ("action", "add")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = client_page(&app, &format!("/t/{}", t["id"])).await;
    assert!(
        page.contains("🎉") && page.contains("Celebrate: ana"),
        "{page}"
    );
    let r = app
        .post_form(
            &ana_web,
            &format!("/p/{post}/react"),
            &[("reaction", "celebrate"), ("action", "sideways")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let kinds: Vec<String> = app
        .state
        .store()
        .activities_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "reacted").count(), 3);
    assert_eq!(kinds.iter().filter(|k| *k == "unreacted").count(), 1);
}

async fn client_page(app: &TestApp, path: &str) -> String {
    crate::support::client()
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn replies_mentions_and_accepted_answers_notify_through_jobs(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    app.space(&owner, "staff", "private").await;
    for who in ["ana", "ben"] {
        app.member_client(who).await;
    }
    let (ana, ben) = (
        app.token("ana@example.com").await,
        app.token("ben@example.com").await,
    );
    let (_, q) = app.api(Method::POST, "/api/v1/spaces/help/topics", Some(&owner), Some(json!({"title": "Sourdough starter?", "body": "How do I feed it?", "kind": "question"}))).await;
    let qid = q["id"].as_i64().unwrap();

    // A mention of nobody is refused whole.
    let before = app.totals().await;
    let (s, e) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{qid}/posts"),
            Some(&ana),
            Some(json!({"body": "Ask @ghost about it"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("body")),
        "{e}"
    );
    assert!(e["error"]["message"].as_str().unwrap().contains("@ghost"));
    assert_eq!(app.totals().await, before);

    let (_, reply) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{qid}/posts"),
            Some(&ana),
            Some(json!({"body": "Flour and water daily. @ben knows more."})),
        )
        .await;
    assert!(
        reply["body_html"]
            .as_str()
            .unwrap()
            .contains("href=\"/u/ben\""),
        "{reply}"
    );
    let owner_page = app.wait_for_notifications(&owner, 1).await;
    assert_eq!(owner_page["items"][0]["kind"], "reply");
    assert_eq!(owner_page["items"][0]["actor"], "ana");
    assert_eq!(owner_page["unread_count"], 1);
    let ben_page = app.wait_for_notifications(&ben, 1).await;
    assert_eq!(
        (
            ben_page["items"][0]["kind"].as_str(),
            ben_page["items"][0]["topic_title"].as_str()
        ),
        (Some("mention"), Some("Sourdough starter?"))
    );

    // Accepting Ana's answer tells Ana.
    app.api(
        Method::POST,
        &format!("/api/v1/topics/{qid}/accept"),
        Some(&owner),
        Some(json!({"post_id": reply["id"]})),
    )
    .await;
    let ana_page = app.wait_for_notifications(&ana, 1).await;
    assert_eq!(ana_page["items"][0]["kind"], "answer_accepted");
    assert_eq!(ana_page["items"][0]["url"], format!("/p/{}", reply["id"]));

    // A mention in a private space does not reach a member who cannot see it.
    let (_, secret) = app
        .api(
            Method::POST,
            "/api/v1/spaces/staff/topics",
            Some(&owner),
            Some(json!({"title": "Rota", "body": "Ask @ben, maybe?"})),
        )
        .await;
    assert!(secret["id"].is_i64());
    // The worker is idempotent: running the job again writes nothing new.
    let again = hearth::services::notifications::post_created(
        &app.state.hearth,
        reply["id"].as_i64().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(again, 0);
    // The mention is in the activity log once, as Ana's, pointing at Ben.
    let mentions: Vec<_> = app
        .state
        .store()
        .activities_after(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.kind == "mentioned")
        .collect();
    let (ana_id, ben_id) = (
        app.state
            .store()
            .member_by_email("ana@example.com")
            .await
            .unwrap()
            .unwrap()
            .id,
        app.state
            .store()
            .member_by_email("ben@example.com")
            .await
            .unwrap()
            .unwrap()
            .id,
    );
    assert_eq!(mentions.len(), 1, "{mentions:?}");
    assert_eq!(
        (mentions[0].member_id, mentions[0].target_id),
        (ana_id, Some(ben_id))
    );
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let (_, ben_page) = app
        .api(Method::GET, "/api/v1/notifications", Some(&ben), None)
        .await;
    assert_eq!(
        ben_page["items"].as_array().unwrap().len(),
        1,
        "no notification from the private space: {ben_page}"
    );

    // Watching a space: a new topic there notifies the watcher, once, and not its author.
    let (s, w) = app
        .api(Method::POST, "/api/v1/spaces/help/watch", Some(&ben), None)
        .await;
    assert_eq!((s, w["watching"].as_bool()), (StatusCode::OK, Some(true)));
    let (s, _) = app
        .api(Method::POST, "/api/v1/spaces/staff/watch", Some(&ben), None)
        .await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "a private space cannot be watched by an outsider"
    );
    app.api(
        Method::POST,
        "/api/v1/spaces/help/topics",
        Some(&ana),
        Some(json!({"title": "Rye tips", "body": "Share yours"})),
    )
    .await;
    let ben_page = app.wait_for_notifications(&ben, 2).await;
    assert_eq!(
        (
            ben_page["items"][0]["kind"].as_str(),
            ben_page["items"][0]["topic_title"].as_str()
        ),
        (Some("new_topic"), Some("Rye tips"))
    );
    let (s, w) = app
        .api(
            Method::DELETE,
            "/api/v1/spaces/help/watch",
            Some(&ben),
            None,
        )
        .await;
    assert_eq!((s, w["watching"].as_bool()), (StatusCode::OK, Some(false)));

    // Marking read.
    let (s, m) = app
        .api(
            Method::POST,
            "/api/v1/notifications/read",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!((s, m["marked"].as_i64()), (StatusCode::OK, Some(1)));
    let (_, owner_page) = app
        .api(Method::GET, "/api/v1/notifications", Some(&owner), None)
        .await;
    assert_eq!(
        (
            owner_page["unread_count"].as_i64(),
            owner_page["items"][0]["read"].as_bool()
        ),
        (Some(0), Some(true))
    );
    let (s, _) = app
        .api(Method::GET, "/api/v1/notifications", None, None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/notifications/read",
            Some(&owner),
            Some(json!({"up_to": 3})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Profiles, where mentions lead.
    let profile = crate::support::client()
        .get(app.url("/u/ana"))
        .send()
        .await
        .unwrap();
    assert_eq!(profile.status(), StatusCode::OK);
    assert_eq!(
        crate::support::client()
            .get(app.url("/u/ghost"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let owner_profile = crate::support::client()
        .get(app.url("/u/owner"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        owner_profile.contains("Sourdough starter?") && !owner_profile.contains("Rota"),
        "private topics stay private on profiles"
    );
}

async fn ideas_take_one_vote_each_and_staff_statuses_reach_voters(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "ideas", "public").await;
    let owner_web = &app.client;
    let r = app
        .post_form(
            owner_web,
            "/admin/spaces/ideas",
            &[
                ("name", "Ideas"),
                ("slug", "ideas"),
                ("visibility", "public"),
                ("kinds_shown", "1"),
                ("kind_idea", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for who in ["ana", "ben", "cy"] {
        app.member_client(who).await;
    }
    let ana = app.token("ana@example.com").await;
    let ben = app.token("ben@example.com").await;
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/ideas/topics",
            Some(&ana),
            Some(json!({"title": "Chat", "body": "hello there"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("kind")),
        "the space takes ideas only: {e}"
    );
    let (s, idea) = app
        .api(
            Method::POST,
            "/api/v1/spaces/ideas/topics",
            Some(&ana),
            Some(json!({"title": "Sourdough subscription", "body": "Weekly loaf", "kind": "idea"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{idea}");
    let id = idea["id"].as_i64().unwrap();
    let (_, other) = app
        .api(
            Method::POST,
            "/api/v1/spaces/ideas/topics",
            Some(&ben),
            Some(json!({"title": "Longer hours", "body": "Open till 8", "kind": "idea"})),
        )
        .await;

    let vote = |token: String, method: Method| {
        let app = &app;
        async move {
            app.api(
                method,
                &format!("/api/v1/topics/{id}/vote"),
                Some(&token),
                None,
            )
            .await
        }
    };
    let (s, t) = vote(ana.clone(), Method::POST).await;
    assert_eq!(
        (s, t["vote_count"].as_i64(), t["voted"].as_bool()),
        (StatusCode::OK, Some(1), Some(true)),
        "{t}"
    );
    let (_, t) = vote(ana.clone(), Method::POST).await;
    assert_eq!(t["vote_count"], 1, "one vote per member");
    vote(ben.clone(), Method::POST).await;
    let (_, t) = vote(ben.clone(), Method::DELETE).await;
    assert_eq!(
        (t["vote_count"].as_i64(), t["voted"].as_bool()),
        (Some(1), Some(false))
    );
    vote(ben.clone(), Method::POST).await;
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{id}/vote"),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, e) = app
        .api(Method::POST, "/api/v1/topics/999999/vote", Some(&ana), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{e}");

    // Most votes first.
    let (_, top) = app
        .api(
            Method::GET,
            "/api/v1/spaces/ideas/topics?sort=votes",
            None,
            None,
        )
        .await;
    let order: Vec<i64> = top["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [id, other["id"].as_i64().unwrap()]);
    // Trending counts this fortnight's votes (all of them here); newest is by creation.
    for (sort, expected) in [
        ("trending", [id, other["id"].as_i64().unwrap()]),
        ("newest", [other["id"].as_i64().unwrap(), id]),
    ] {
        let (s, list) = app
            .api(
                Method::GET,
                &format!("/api/v1/spaces/ideas/topics?sort={sort}"),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let order: Vec<i64> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect();
        assert_eq!(order, expected, "{sort}");
    }
    let page = app
        .get("/s/ideas?sort=trending")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"href="/s/ideas?sort=trending" aria-current="page""#),
        "{page}"
    );
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/spaces/ideas/topics?sort=loudest",
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // Only staff set a status; the voters hear about it.
    let status = json!({"status": "planned", "note": "Starting in March!"});
    let (s, _) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{id}/status"),
            Some(&ana),
            Some(status.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, e) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{id}/status"),
            Some(&owner),
            Some(json!({"status": "someday"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("status"))
    );
    let (s, t) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{id}/status"),
            Some(&owner),
            Some(status),
        )
        .await;
    assert_eq!(
        (s, t["status"].as_str(), t["status_note"].as_str()),
        (StatusCode::OK, Some("planned"), Some("Starting in March!")),
        "{t}"
    );
    let ben_page = app.wait_for_notifications(&ben, 1).await;
    assert_eq!(ben_page["items"][0]["kind"], "idea_status");
    let ana_page = app.wait_for_notifications(&ana, 1).await;
    // Issue 17, bug 9: the author hears too, once though she voted as well.
    app.wait_for_jobs().await;
    let (_, ana_page_after) = app
        .api(Method::GET, "/api/v1/notifications", Some(&ana), None)
        .await;
    assert_eq!(
        ana_page_after["items"], ana_page["items"],
        "one notification for Ana"
    );
    // Ben's own idea, which nobody voted for: its author is told of its status.
    let other_id = other["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{other_id}/status"),
            Some(&owner),
            Some(json!({"status": "under_review"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let ben_page = app.wait_for_notifications(&ben, 2).await;
    assert!(
        ben_page["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "idea_status" && n["topic_id"].as_i64() == Some(other_id)),
        "{ben_page}"
    );

    // Staff record a vote for a customer who asked in the shop.
    let r = app
        .post_form(
            owner_web,
            &format!("/t/{id}/vote-for"),
            &[("handle", "@cy")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            owner_web,
            &format!("/t/{id}/vote-for"),
            &[("handle", "@nobody")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = crate::support::client()
        .get(app.url(&format!("/t/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Planned") && page.contains("Starting in March!") && page.contains(">3<"),
        "the idea page shows status, note and votes"
    );
    // Merging Ben's duplicate: votes combine, nobody counts twice.
    let other_id = other["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{other_id}/merge"),
            Some(&ana),
            Some(json!({"into": id})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, e) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{other_id}/merge"),
            Some(&owner),
            Some(json!({"into": other_id})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("into"))
    );
    app.api(
        Method::POST,
        &format!("/api/v1/topics/{other_id}/vote"),
        Some(&ana),
        None,
    )
    .await;
    app.api(
        Method::POST,
        &format!("/api/v1/topics/{other_id}/vote"),
        Some(&ben),
        None,
    )
    .await;
    let (s, merged) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{other_id}/merge"),
            Some(&owner),
            Some(json!({"into": id})),
        )
        .await;
    assert_eq!(
        (s, merged["id"].as_i64(), merged["vote_count"].as_i64()),
        (StatusCode::OK, Some(id), Some(3)),
        "ana and ben voted for both: {merged}"
    );
    let (_, dup) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{other_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(
        (dup["merged_into"].as_i64(), dup["vote_count"].as_i64()),
        (Some(id), Some(0))
    );
    let (s, e) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{other_id}/vote"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("topic")),
        "{e}"
    );
    let acts = app.state.store().activities_after(0, 200).await.unwrap();
    assert_eq!(acts.iter().filter(|a| a.kind == "idea_merged").count(), 1);
    let recorded = acts.iter().filter(|a| a.kind == "idea_voted").count() - 2;
    assert_eq!(recorded, 4, "ana, ben twice, cy");
    assert_eq!(
        acts.iter()
            .filter(|a| a.kind == "idea_status_changed")
            .count(),
        2
    );
    // A discussion takes no votes.
    let (_, d) = app
        .api(
            Method::POST,
            "/api/v1/spaces/ideas/topics",
            Some(&owner),
            Some(json!({"title": "Note", "body": "not an idea", "kind": "idea"})),
        )
        .await;
    assert!(d["id"].is_i64());
}

async fn staff_announcements_stay_pinned_until_unpinned(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    app.space(&owner, "staff", "private").await;
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&ana),
            Some(json!({"title": "Me too", "body": "I announce", "kind": "announcement"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only staff announce");
    app.api(
        Method::POST,
        "/api/v1/spaces/news/topics",
        Some(&owner),
        Some(json!({"title": "Older chat", "body": "hello there"})),
    )
    .await;
    let (s, a) = app.api(Method::POST, "/api/v1/spaces/news/topics", Some(&owner), Some(json!({"title": "Closed on Monday", "body": "Holiday!", "kind": "announcement", "pin": "community"}))).await;
    assert_eq!(
        (s, a["pinned"].as_str()),
        (StatusCode::CREATED, Some("community")),
        "{a}"
    );
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&owner),
            Some(
                json!({"title": "x y z", "body": "b", "kind": "announcement", "pin": "everywhere"}),
            ),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("scope"))
    );
    app.api(Method::POST, "/api/v1/spaces/staff/topics", Some(&owner), Some(json!({"title": "Staff only news", "body": "shh", "kind": "announcement", "pin": "community"}))).await;

    let (_, list) = app
        .api(Method::GET, "/api/v1/spaces/news/topics", None, None)
        .await;
    assert_eq!(list["pinned"][0]["title"], "Closed on Monday");
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["title"] != "Closed on Monday"),
        "pinned topics are not repeated"
    );
    let home = crate::support::client()
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Announcements")
            && home.contains("Closed on Monday")
            && !home.contains("Staff only news")
    );
    let space_page = crate::support::client()
        .get(app.url("/s/news"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(space_page.contains("Pinned") && space_page.contains("Closed on Monday"));

    let id = a["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/topics/{id}/pin"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, t) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/topics/{id}/pin"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!((s, t["pinned"].is_null()), (StatusCode::OK, true));
    let (_, list) = app
        .api(Method::GET, "/api/v1/spaces/news/topics", None, None)
        .await;
    assert!(list["pinned"].as_array().unwrap().is_empty());
    assert_eq!(
        list["items"][0]["title"], "Closed on Monday",
        "unpinned, it takes its place by activity"
    );
    let (s, t) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{id}/pin"),
            Some(&owner),
            Some(json!({"scope": "space"})),
        )
        .await;
    assert_eq!((s, t["pinned"].as_str()), (StatusCode::OK, Some("space")));
    let home = crate::support::client()
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !home.contains("Announcements"),
        "pinned to its space only now"
    );
    let kinds: Vec<String> = app
        .state
        .store()
        .activities_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert!(
        kinds.ends_with(&["topic_unpinned".to_string(), "topic_pinned".to_string()]),
        "{kinds:?}"
    );
}

async fn polls_take_changeable_votes_until_they_close(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "votes", "public").await;
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/votes",
            &[
                ("name", "Votes"),
                ("slug", "votes"),
                ("visibility", "public"),
                ("kinds_shown", "1"),
                ("kind_poll", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let create = |poll: Value| {
        let app = &app;
        let owner = owner.clone();
        async move {
            app.api(Method::POST, "/api/v1/spaces/votes/topics", Some(&owner), Some(json!({"title": "Bread of the month", "body": "Pick one", "kind": "poll", "poll": poll}))).await
        }
    };
    let before = app.totals().await;
    for (bad, why) in [
        (json!({"options": ["Rye"]}), "two options"),
        (json!({"options": ["Rye", "rye"]}), "twice"),
        (
            json!({"options": ["Rye", "Spelt"], "closes_at": "2001-01-01T00:00:00Z"}),
            "future",
        ),
        (
            json!({"options": ["Rye", "Spelt"], "closes_at": "tomorrow"}),
            "not a time",
        ),
        (
            json!({"options": ["Rye", "Spelt"], "results": "never"}),
            "after_vote",
        ),
    ] {
        let (s, e) = create(bad).await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("poll")),
            "{e}"
        );
        assert!(e["error"]["message"].as_str().unwrap().contains(why), "{e}");
    }
    assert_eq!(app.totals().await, before, "no half-made polls");
    let (s, t) = create(json!({"options": ["Rye", "Spelt", "Sourdough"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let id = t["id"].as_i64().unwrap();
    let option = |i: usize| t["poll"]["options"][i]["id"].as_i64().unwrap();
    assert!(
        t["poll"]["options"][0]["votes"].is_null(),
        "results hidden before voting"
    );
    let vote = |token: String, options: Value| {
        let app = &app;
        async move {
            app.api(
                Method::PUT,
                &format!("/api/v1/topics/{id}/poll/vote"),
                Some(&token),
                Some(json!({ "options": options })),
            )
            .await
        }
    };
    let (s, v) = vote(ana.clone(), json!([option(0)])).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (
            v["poll"]["options"][0]["votes"].as_i64(),
            v["poll"]["voted"].as_bool()
        ),
        (Some(1), Some(true))
    );
    let (_, v) = vote(ana.clone(), json!([option(2)])).await;
    assert_eq!(
        (
            v["poll"]["options"][0]["votes"].as_i64(),
            v["poll"]["options"][2]["votes"].as_i64(),
            v["poll"]["voters"].as_i64()
        ),
        (Some(0), Some(1), Some(1)),
        "a changed vote replaces the old one"
    );
    let (s, e) = vote(ana.clone(), json!([option(0), option(1)])).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("options"))
    );
    let (s, e) = vote(ana.clone(), json!([999999])).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("options"))
    );
    let (s, _) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{id}/poll/vote"),
            None,
            Some(json!({"options": [option(0)]})),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // A poll that shows results only after closing, and that then closes.
    let closes = time::OffsetDateTime::now_utc() + time::Duration::seconds(2);
    let closes = closes
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let (s, late) = create(json!({"options": ["Yes", "No"], "multiple": true, "closes_at": closes, "results": "after_close"})).await;
    assert_eq!(s, StatusCode::CREATED, "{late}");
    let late_id = late["id"].as_i64().unwrap();
    let yes = late["poll"]["options"][0]["id"].as_i64().unwrap();
    let no = late["poll"]["options"][1]["id"].as_i64().unwrap();
    let (s, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{late_id}/poll/vote"),
            Some(&ana),
            Some(json!({"options": [yes, no]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "several choices allowed: {v}");
    assert!(
        v["poll"]["options"][0]["votes"].is_null(),
        "hidden until the poll closes"
    );
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    let (s, e) = app
        .api(
            Method::PUT,
            &format!("/api/v1/topics/{late_id}/poll/vote"),
            Some(&ana),
            Some(json!({"options": [no]})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("state")),
        "a closed poll takes no votes: {e}"
    );
    let (_, t) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{late_id}"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(
        (
            t["poll"]["closed"].as_bool(),
            t["poll"]["options"][0]["votes"].as_i64()
        ),
        (Some(true), Some(1)),
        "{t}"
    );
    let page = crate::support::client()
        .get(app.url(&format!("/t/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Sourdough") && page.contains("Sign in to vote"));
    let polls_voted = app
        .state
        .store()
        .activities_after(0, 200)
        .await
        .unwrap()
        .iter()
        .filter(|a| a.kind == "poll_voted")
        .count();
    assert_eq!(polls_voted, 3);
}

async fn topic_watchers_hear_every_reply_in_batches(app: TestApp) {
    use hearth_store::watches::Watched;
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    app.space(&owner, "staff", "private").await;
    for who in ["ana", "ben"] {
        app.member_client(who).await;
    }
    let (ana, ben) = (
        app.token("ana@example.com").await,
        app.token("ben@example.com").await,
    );
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&owner),
            Some(json!({"title": "Rye week", "body": "Share your loaves."})),
        )
        .await;
    let tid = t["id"].as_i64().unwrap();
    let (s, w) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{tid}/watch"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!((s, w["watching"].as_bool()), (StatusCode::OK, Some(true)));
    let (s, w) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/topics/{tid}/watch"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!((s, w["watching"].as_bool()), (StatusCode::OK, Some(false)));
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{tid}/watch"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/topics/999999/watch",
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // 1,200 more watchers (more than two batches of 500), written straight to the store.
    let store = app.state.store();
    let mut watchers = Vec::new();
    for i in 0..1_200 {
        let email = format!("w{i}@example.com");
        let handle = format!("w{i}");
        let m = store
            .create_member(
                &hearth_store::members::NewMember {
                    email: &email,
                    handle: &handle,
                    display_name: &handle,
                    password_hash: None,
                    role: hearth_core::values::Role::Member,
                },
                1,
            )
            .await
            .unwrap();
        store
            .set_watch(Watched::Topic(tid), m.id, true, 1)
            .await
            .unwrap();
        watchers.push(m.id);
    }
    let owner_id = store
        .member_by_email("owner@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    let ben_id = store
        .member_by_email("ben@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    store
        .set_watch(Watched::Topic(tid), owner_id, true, 1)
        .await
        .unwrap();
    store
        .set_watch(Watched::Topic(tid), ben_id, true, 1)
        .await
        .unwrap();

    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{tid}/posts"),
            Some(&ben),
            Some(json!({"body": "Mine came out dense."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    app.wait_for_jobs().await;
    let ana_page = app.wait_for_notifications(&ana, 1).await;
    assert_eq!(ana_page["items"][0]["kind"], "watched_reply");
    let owner_page = app.wait_for_notifications(&owner, 1).await;
    assert_eq!(
        owner_page["items"][0]["kind"], "reply",
        "the author hears once, as the author"
    );
    assert_eq!(owner_page["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        store.unread_notifications(ben_id).await.unwrap(),
        0,
        "not about their own reply"
    );
    for id in &watchers {
        assert_eq!(
            store.unread_notifications(*id).await.unwrap(),
            1,
            "watcher {id}"
        );
    }

    // Someone who watches a topic they can no longer see (say, a revoked grant) hears nothing.
    let (_, secret) = app
        .api(
            Method::POST,
            "/api/v1/spaces/staff/topics",
            Some(&owner),
            Some(json!({"title": "Staff rota", "body": "Who opens on Sunday?"})),
        )
        .await;
    let sid = secret["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{sid}/watch"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "a private topic's id is not found"
    );
    let ana_id = store
        .member_by_email("ana@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    store
        .set_watch(Watched::Topic(sid), ana_id, true, 1)
        .await
        .unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{sid}/posts"),
            Some(&owner),
            Some(json!({"body": "I do."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    app.wait_for_jobs().await;
    assert_eq!(
        store.unread_notifications(ana_id).await.unwrap(),
        1,
        "still only the public one"
    );
}

/// Issue 19: what the admin pages do to a space, the API does too: `kinds` on `POST`, and
/// `PATCH /api/v1/spaces/{slug}` changing only the fields given; every bad field is named
/// and writes nothing.
async fn a_script_makes_a_space_that_takes_ideas_and_changes_it_field_by_field(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (s, v) = app
        .api(Method::POST, "/api/v1/spaces", Some(&owner), Some(json!({"name": "Wishes", "slug": "wishes", "visibility": "public", "kinds": ["wish"]})))
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("kinds")),
        "{v}"
    );
    assert!(
        v["error"]["message"].as_str().unwrap().contains("\"wish\""),
        "{v}"
    );
    let (_, list) = app
        .api(Method::GET, "/api/v1/spaces", Some(&owner), None)
        .await;
    assert!(
        !list.to_string().contains("wishes"),
        "nothing half-made: {list}"
    );
    let (s, v) = app
        .api(Method::POST, "/api/v1/spaces", Some(&owner), Some(json!({"name": "Ideas", "slug": "ideas", "visibility": "public", "kinds": ["discussion", "idea"]})))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["kinds"], json!(["discussion", "idea"]));
    let patch = |body: Value| {
        let (app, owner) = (&app, owner.clone());
        async move {
            app.api(
                Method::PATCH,
                "/api/v1/spaces/ideas",
                Some(&owner),
                Some(body),
            )
            .await
        }
    };
    let (s, v) =
        patch(json!({"kinds": ["idea", "poll"], "description": "Tell us what to bake"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (
            v["kinds"].clone(),
            v["name"].as_str(),
            v["description"].as_str()
        ),
        (
            json!(["idea", "poll"]),
            Some("Ideas"),
            Some("Tell us what to bake")
        )
    );
    for (body, field) in [
        (json!({"kinds": []}), "kinds"),
        (json!({"kinds": ["idea", "bogus"]}), "kinds"),
        (json!({"visibility": "secret"}), "visibility"),
        (json!({"name": ""}), "name"),
    ] {
        let (s, v) = patch(body.clone()).await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{body}: {v}"
        );
    }
    let (s, v) = patch(json!({"colour": "red"})).await;
    assert!(s.is_client_error(), "an unknown field is refused: {s} {v}");
    let (s, v) = patch(json!({"archived": true})).await;
    assert_eq!(
        (s, v["archived"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{v}"
    );
    let (s, v) = patch(json!({"archived": false})).await;
    assert_eq!(
        (s, v["archived"].as_bool(), v["kinds"].clone()),
        (StatusCode::OK, Some(false), json!(["idea", "poll"])),
        "unchanged by the failures: {v}"
    );
    // A member may not; an unknown space is not found; the new kind takes topics.
    let _ = app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, _) = app
        .api(
            Method::PATCH,
            "/api/v1/spaces/ideas",
            Some(&ana),
            Some(json!({"kinds": ["idea"]})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .api(
            Method::PATCH,
            "/api/v1/spaces/nowhere",
            Some(&owner),
            Some(json!({"kinds": ["idea"]})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/spaces/ideas/topics",
            Some(&ana),
            Some(json!({"title": "Pistachio croissants", "body": "Please!", "kind": "idea"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}
