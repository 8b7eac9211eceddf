//! API parity: every action an admin page takes has an API twin, or is listed here with
//! the reason it has none. The admin routes are read from the routers' source, so a new
//! admin action without a twin fails this test until it gets one (or a reason). Also the
//! segments' API end to end.

use crate::api::API_ROUTES;
use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// (admin action, its API twin as "METHOD /api/v1/…", or "none: why").
const TWINS: &[(&str, &str)] = &[
    ("POST /admin/points", "PUT /api/v1/points/rules"),
    ("POST /admin/points/season", "POST /api/v1/points/seasons"),
    ("POST /admin/rewards", "POST /api/v1/rewards"),
    ("POST /admin/badges", "POST /api/v1/badges"),
    (
        "POST /admin/badges/{id}/delete",
        "DELETE /api/v1/badges/{id}",
    ),
    (
        "POST /admin/rewards/{id}/codes",
        "POST /api/v1/rewards/{id}/codes",
    ),
    (
        "POST /admin/rewards/{id}/active",
        "PATCH /api/v1/rewards/{id}",
    ),
    (
        "POST /admin/redemptions/{id}/fulfil",
        "POST /api/v1/redemptions/{id}/fulfil",
    ),
    (
        "POST /admin/redemptions/{id}/cancel",
        "POST /api/v1/redemptions/{id}/cancel",
    ),
    ("POST /admin/spaces", "POST /api/v1/spaces"),
    ("POST /admin/spaces/{slug}", "PATCH /api/v1/spaces/{slug}"),
    (
        "POST /admin/spaces/{slug}/archive",
        "PATCH /api/v1/spaces/{slug}",
    ),
    (
        "POST /admin/spaces/{slug}/restore",
        "PATCH /api/v1/spaces/{slug}",
    ),
    (
        "POST /admin/spaces/{slug}/icon",
        "PUT /api/v1/spaces/{slug}/icon",
    ),
    ("POST /admin/members", "POST /api/v1/members"),
    ("POST /admin/groups", "POST /api/v1/groups"),
    (
        "POST /admin/groups/{slug}",
        "PUT /api/v1/groups/{slug}/members/{handle}",
    ),
    (
        "POST /admin/groups/{slug}/delete",
        "DELETE /api/v1/groups/{slug}",
    ),
    ("POST /admin/branding", "PUT /api/v1/branding"),
    ("POST /admin/membership", "PATCH /api/v1/community"),
    (
        "POST /admin/membership/guidelines",
        "PATCH /api/v1/community",
    ),
    (
        "POST /admin/membership/customers",
        "PUT /api/v1/membership/customers",
    ),
    ("POST /admin/membership/invites", "POST /api/v1/invites"),
    (
        "POST /admin/membership/invites/{id}/revoke",
        "POST /api/v1/invites/{id}/revoke",
    ),
    (
        "POST /admin/membership/keywords",
        "POST /api/v1/keyword-rules",
    ),
    (
        "POST /admin/membership/keywords/{id}/delete",
        "DELETE /api/v1/keyword-rules/{id}",
    ),
    (
        "POST /admin/audit/public",
        "PUT /api/v1/moderation/public-log",
    ),
    ("POST /admin/mail/test", "POST /api/v1/mail/test"),
    (
        "POST /admin/jobs/{id}/retry",
        "none: an operator's repair, also `hearth` at the console; not an integration's work",
    ),
    (
        "POST /admin/stream/{name}/reset",
        "none: an operator's repair, also `hearth stream reset` at the console; not an integration's work",
    ),
    ("POST /admin/imports", "POST /api/v1/imports"),
    (
        "POST /admin/imports/retention",
        "PUT /api/v1/people/retention",
    ),
    (
        "POST /admin/people/merge",
        "POST /api/v1/members/{id}/merge",
    ),
    (
        "POST /admin/merges/{id}/undo",
        "POST /api/v1/merges/{id}/undo",
    ),
    (
        "POST /admin/people/dismiss",
        "POST /api/v1/members/suggestions/dismiss",
    ),
    (
        "POST /admin/people/{id}/notes",
        "POST /api/v1/members/{id}/notes",
    ),
    (
        "POST /admin/people/{id}/tags",
        "PUT /api/v1/members/{id}/tags",
    ),
    (
        "POST /admin/people/{id}/fields",
        "none: gap: custom fields are set by imports and the page, not yet the API",
    ),
    (
        "POST /admin/people/{id}/erase",
        "POST /api/v1/members/{id}/erase",
    ),
    (
        "POST /admin/people/{id}/tokens/{token}/revoke",
        "DELETE /api/v1/members/{id}/tokens/{token}",
    ),
    ("POST /admin/segments", "POST /api/v1/segments"),
    ("POST /admin/segments/{id}", "PUT /api/v1/segments/{id}"),
    (
        "POST /admin/segments/{id}/delete",
        "DELETE /api/v1/segments/{id}",
    ),
    (
        "POST /admin/segments/{id}/tag",
        "POST /api/v1/segments/{id}/tag",
    ),
    (
        "POST /admin/insights/experiments",
        "POST /api/v1/insights/experiments",
    ),
    ("POST /admin/insights/goals", "POST /api/v1/insights/goals"),
    (
        "POST /admin/insights/goals/{id}/delete",
        "DELETE /api/v1/insights/goals/{id}",
    ),
    (
        "POST /admin/insights/levels/weights",
        "PUT /api/v1/insights/levels/weights",
    ),
    (
        "POST /admin/insights/personas/{name}/segment",
        "POST /api/v1/segments",
    ),
    (
        "POST /admin/insights/report",
        "POST /api/v1/insights/report",
    ),
    (
        "POST /admin/insights/sentiment/posts/{id}",
        "PUT /api/v1/insights/sentiment/posts/{id}",
    ),
    (
        "POST /admin/insights/sentiment/settings",
        "PUT /api/v1/insights/sentiment/settings",
    ),
    (
        "POST /admin/insights/viewers",
        "PUT /api/v1/insights/viewers",
    ),
    ("POST /admin/webhooks", "POST /api/v1/webhooks"),
    (
        "POST /admin/webhooks/{id}/delete",
        "DELETE /api/v1/webhooks/{id}",
    ),
    (
        "POST /admin/webhooks/{id}/enabled",
        "PATCH /api/v1/webhooks/{id}",
    ),
    (
        "POST /admin/webhooks/{id}/secret",
        "POST /api/v1/webhooks/{id}/secret",
    ),
    (
        "POST /admin/webhooks/{id}/deliveries/{delivery}/redeliver",
        "POST /api/v1/webhooks/{id}/deliveries/{delivery}/redeliver",
    ),
];

/// Every `(METHOD, path)` a router under `web/` takes for an admin page's action.
fn admin_actions() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let mut rest = src.as_str();
        while let Some(at) = rest.find(".route(") {
            rest = &rest[at + ".route(".len()..];
            let (mut depth, mut end) = (1, 0);
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let call = &rest[..end];
            let Some(route) = call
                .trim_start()
                .strip_prefix('"')
                .and_then(|r| r.split('"').next())
            else {
                continue;
            };
            if !route.starts_with("/admin") {
                continue;
            }
            for method in ["post", "put", "patch", "delete"] {
                if call.contains(&format!("{method}(")) {
                    out.push(format!("{} {route}", method.to_uppercase()));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_admin_action_has_an_api_twin_or_a_reason() {
    let actions = admin_actions();
    assert!(actions.len() > 40, "the routers were read: {actions:?}");
    let listed: Vec<&str> = TWINS.iter().map(|(a, _)| *a).collect();
    let missing: Vec<&String> = actions
        .iter()
        .filter(|a| !listed.contains(&a.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "admin actions with neither an API twin nor a reason: {missing:?}"
    );
    let stale: Vec<&&str> = listed
        .iter()
        .filter(|a| !actions.iter().any(|x| x == **a))
        .collect();
    assert!(
        stale.is_empty(),
        "listed but no longer in a router: {stale:?}"
    );
    for (action, twin) in TWINS {
        if let Some(reason) = twin.strip_prefix("none: ") {
            assert!(reason.len() > 20, "{action}: say why");
            continue;
        }
        let (method, path) = twin.split_once(' ').unwrap();
        assert!(
            API_ROUTES.contains(&(path, method.to_lowercase().as_str())),
            "{action}: its twin {twin} is not an API route"
        );
    }
    let gaps = TWINS
        .iter()
        .filter(|(_, t)| t.starts_with("none: gap"))
        .count();
    eprintln!(
        "{} admin actions, {} with an API twin, {gaps} gaps listed",
        TWINS.len(),
        TWINS.iter().filter(|(_, t)| !t.starts_with("none")).count()
    );
}

both_databases!(
    segments_are_made_paged_and_exported_through_the_api,
    the_people_pages_actions_work_through_the_api,
);

async fn segments_are_made_paged_and_exported_through_the_api(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    for handle in ["ana", "ben", "cy"] {
        app.member_client(handle).await;
    }
    let (s, seg) = app
        .api(
            Method::POST,
            "/api/v1/segments",
            Some(&owner),
            Some(json!({"name": "Everyone", "condition": "kind = account"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{seg}");
    assert_eq!(seg["count"], 4, "{seg}");
    let id = seg["id"].as_i64().unwrap();
    let (s, bad) = app
        .api(
            Method::POST,
            "/api/v1/segments",
            Some(&owner),
            Some(json!({"name": "Bad", "condition": "shoe_size > 3"})),
        )
        .await;
    assert_eq!(
        (s, bad["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("condition")),
        "{bad}"
    );
    let (_, page) = app
        .api(
            Method::GET,
            &format!("/api/v1/segments/{id}/members"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 4, "{page}");
    assert_eq!(page["next_cursor"], serde_json::Value::Null);
    let r = app
        .client_without_cookies()
        .get(app.url(&format!("/api/v1/segments/{id}/members.csv")))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert!(csv.contains("ben@example.com"));
    let (s, changed) = app
        .api(
            Method::PUT,
            &format!("/api/v1/segments/{id}"),
            Some(&owner),
            Some(json!({"name": "Members", "condition": "kind = contact"})),
        )
        .await;
    assert_eq!(
        (s, changed["count"].as_i64()),
        (StatusCode::OK, Some(0)),
        "{changed}"
    );
    // A member may not read them; a read-only token may not change them.
    let ana = app.token("ana@example.com").await;
    let (s, _) = app
        .api(Method::GET, "/api/v1/segments", Some(&ana), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let reader = app.scoped_token("owner@example.com", Some("read")).await;
    let (s, e) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/segments/{id}"),
            Some(&reader),
            None,
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("insufficient_scope"))
    );
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/segments/{id}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/segments/{id}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Keyword rules and groups through the API too.
    let (s, rule) = app
        .api(
            Method::POST,
            "/api/v1/keyword-rules",
            Some(&owner),
            Some(json!({"pattern": "Cheap Pills", "action": "hold"})),
        )
        .await;
    assert_eq!(
        (s, rule["pattern"].as_str()),
        (StatusCode::CREATED, Some("cheap pills")),
        "{rule}"
    );
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/keyword-rules",
            Some(&owner),
            Some(json!({"pattern": "x", "action": "ban"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    app.api(
        Method::POST,
        "/api/v1/groups",
        Some(&owner),
        Some(json!({"name": "Regulars", "slug": "regulars"})),
    )
    .await;
    let (s, _) = app
        .api(
            Method::DELETE,
            "/api/v1/groups/regulars",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, groups) = app
        .api(Method::GET, "/api/v1/groups", Some(&owner), None)
        .await;
    assert_eq!(groups["items"], json!([]));
}

async fn the_people_pages_actions_work_through_the_api(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.member_client("mia").await;
    app.member_client("max").await;
    let store = app.state.store();
    let mia = store
        .member_by_email("mia@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    let max = store
        .member_by_email("max@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    // An invite made and revoked; revoked twice is not found.
    let (_, invite) = app
        .api(
            Method::POST,
            "/api/v1/invites",
            Some(&owner),
            Some(json!({"max_uses": 2})),
        )
        .await;
    let id = invite["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/invites/{id}/revoke"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/invites/{id}/revoke"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Tags on, then off.
    let (s, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/members/{mia}/tags"),
            Some(&owner),
            Some(json!({"add": ["wholesale"]})),
        )
        .await;
    assert_eq!((s, v["changed"].as_i64()), (StatusCode::OK, Some(1)), "{v}");
    let (_, person) = app
        .api(
            Method::GET,
            &format!("/api/v1/members/{mia}"),
            Some(&owner),
            None,
        )
        .await;
    assert!(person["tags"].to_string().contains("wholesale"), "{person}");
    let (s, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/members/{mia}/tags"),
            Some(&owner),
            Some(json!({"remove": ["wholesale"]})),
        )
        .await;
    assert_eq!((s, v["changed"].as_i64()), (StatusCode::OK, Some(1)), "{v}");
    // Two records are different people.
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/members/suggestions/dismiss",
            Some(&owner),
            Some(json!({"a": mia, "b": max})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/members/suggestions/dismiss",
            Some(&owner),
            Some(json!({"a": mia, "b": mia})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // Another member's token, revoked by the owner; the member's own rights are untouched.
    let max_token = app.token("max@example.com").await;
    let (_, tokens) = (0, store.api_tokens(max).await.unwrap());
    let token_id = tokens[0].id;
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/members/{mia}/tokens/{token_id}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "not mia's token");
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/members/{max}/tokens/{token_id}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .api(Method::GET, "/api/v1/me", Some(&max_token), None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "revoked");
    // The retention period.
    let (s, v) = app
        .api(
            Method::PUT,
            "/api/v1/people/retention",
            Some(&owner),
            Some(json!({"days": 400})),
        )
        .await;
    assert_eq!((s, v["days"].as_i64()), (StatusCode::OK, Some(400)), "{v}");
    let (s, v) = app
        .api(
            Method::PUT,
            "/api/v1/people/retention",
            Some(&owner),
            Some(json!({"days": 0})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // A segment tagged.
    let (_, seg) = app
        .api(
            Method::POST,
            "/api/v1/segments",
            Some(&owner),
            Some(json!({"name": "All", "condition": "kind = account"})),
        )
        .await;
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/segments/{}/tag", seg["id"]),
            Some(&owner),
            Some(json!({"tag": "founders"})),
        )
        .await;
    assert_eq!((s, v["changed"].as_i64()), (StatusCode::OK, Some(3)), "{v}");
    // No mail server here: the test mail says so.
    let (s, v) = app
        .api(Method::POST, "/api/v1/mail/test", Some(&owner), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    // Erasure is the owner's; a member cannot.
    let mia_token = app.token("mia@example.com").await;
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/members/{max}/erase"),
            Some(&mia_token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/members/{max}/erase"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, person) = app
        .api(
            Method::GET,
            &format!("/api/v1/members/{max}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(person["member"]["erased"], true, "{person}");
    uploads_branding_and_members_work_through_the_api(&app, &owner, &mia_token).await;
}

/// Regression: these checks were meant to be in the test above but were never written
/// into it. Branding, the public log, a member added, a file imported, a space's
/// picture and the customer list, each as its page does.
async fn uploads_branding_and_members_work_through_the_api(
    app: &TestApp,
    owner: &str,
    member: &str,
) {
    let (s, b) = app
        .api(Method::PUT, "/api/v1/branding", Some(owner), Some(json!({"name": "Hopfield Bakery", "tagline": "Bread since 1921", "accent_color": "#aa3300", "default_language": "es", "default_time_zone": "Europe/Madrid"})))
        .await;
    assert_eq!(
        (s, b["name"].as_str(), b["default_language"].as_str()),
        (StatusCode::OK, Some("Hopfield Bakery"), Some("es")),
        "{b}"
    );
    assert!(
        app.get("/")
            .await
            .text()
            .await
            .unwrap()
            .contains("Hopfield Bakery"),
        "the pages show it at once"
    );
    let (s, b) = app
        .api(
            Method::PUT,
            "/api/v1/branding",
            Some(owner),
            Some(json!({"name": "X", "accent_color": "red"})),
        )
        .await;
    assert_eq!(
        (s, b["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("accent_color")),
        "{b}"
    );
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/moderation/public-log",
            Some(owner),
            Some(json!({"public": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.get("/moderation-log").await.status(), StatusCode::OK);
    let (s, m) = app
        .api(
            Method::POST,
            "/api/v1/members",
            Some(owner),
            Some(json!({"email": "zoe@example.com", "handle": "zoe", "role": "moderator"})),
        )
        .await;
    assert_eq!(
        (s, m["role"].as_str()),
        (StatusCode::CREATED, Some("moderator")),
        "{m}"
    );
    let (s, m) = app
        .api(
            Method::POST,
            "/api/v1/members",
            Some(member),
            Some(json!({"email": "eve@example.com", "handle": "eve"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{m}");

    // A file imported, as the imports page sends it; a kind that does not exist is named.
    let import = |kind: &'static str| {
        let form = reqwest::multipart::Form::new().text("kind", kind).part(
            "file",
            reqwest::multipart::Part::bytes(b"email,name\nzed@example.com,Zed\n".to_vec())
                .file_name("list.csv"),
        );
        app.client_without_cookies()
            .post(app.url("/api/v1/imports"))
            .bearer_auth(owner)
            .multipart(form)
            .send()
    };
    let r = import("members").await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let summary: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (
            summary["rows_read"].as_i64(),
            summary["members_created"].as_i64()
        ),
        (Some(1), Some(1)),
        "{summary}"
    );
    let r = import("myspace").await.unwrap();
    let status = r.status();
    let e: serde_json::Value = r.json().await.unwrap();
    assert!(
        status.is_client_error() && e["error"]["message"].as_str().unwrap().contains("myspace"),
        "{status} {e}"
    );
    let leftovers = std::fs::read_dir(app.state.config().data_dir.join("imports"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(leftovers, 0, "no upload is left behind");

    // A space's picture and the customer list, sent as bodies.
    app.space(owner, "news", "public").await;
    let put = |path: &str, content_type: &'static str, body: Vec<u8>| {
        app.client_without_cookies()
            .put(app.url(path))
            .bearer_auth(owner)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let r = put(
        "/api/v1/spaces/news/icon",
        "image/png",
        crate::locale::png(300, 200),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["icon_upload_id"].is_i64(), "{v}");
    let r = put(
        "/api/v1/spaces/news/icon",
        "image/svg+xml",
        b"<svg onload=alert(1)>".to_vec(),
    )
    .await
    .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a picture"
    );
    let (s, _) = app
        .api(
            Method::DELETE,
            "/api/v1/spaces/news/icon",
            Some(owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let r = put(
        "/api/v1/membership/customers",
        "text/csv",
        b"email\nada@shop.test\nbo@shop.test\n".to_vec(),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["customers"], 2, "{v}");
}
