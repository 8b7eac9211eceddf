//! Security: private spaces never leak, headers, cookies, CSRF and rate limits.

use crate::both_databases;
use crate::support::{PASSWORD, TestApp, client};
use reqwest::{Method, StatusCode};
use serde_json::json;

both_databases!(
    a_private_space_is_invisible_to_non_members_through_every_door,
    responses_carry_csp_and_session_cookies_are_locked_down,
    cross_site_form_posts_are_refused,
    sign_in_is_rate_limited,
    members_cannot_open_admin_pages,
);

async fn a_private_space_is_invisible_to_non_members_through_every_door(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "staff", "private").await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/staff/topics",
            Some(&owner),
            Some(json!({"title": "Payroll notes", "body": "confidential"})),
        )
        .await;
    let topic = t["id"].as_i64().unwrap();
    let (_, p) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(&owner),
            Some(json!({"body": "also confidential"})),
        )
        .await;
    let post = p["id"].as_i64().unwrap();

    let outsider_web = app.member_client("outsider").await;
    let outsider = app.token("outsider@example.com").await;
    let anonymous_web = client();

    for (who, web, token) in [
        ("anonymous", &anonymous_web, None),
        ("a member", &outsider_web, Some(outsider.as_str())),
    ] {
        for path in [
            "/s/staff".to_string(),
            "/s/staff/new".to_string(),
            format!("/t/{topic}"),
            format!("/t/{topic}/payroll-notes"),
            format!("/p/{post}"),
            format!("/p/{post}/history"),
            format!("/p/{post}/edit"),
        ] {
            let r = web.get(app.url(&path)).send().await.unwrap();
            let status = r.status();
            let body = r.text().await.unwrap();
            assert!(
                status == StatusCode::NOT_FOUND
                    || (token.is_none() && status == StatusCode::SEE_OTHER),
                "{who} GET {path}: {status}"
            );
            assert!(
                !body.contains("Payroll") && !body.contains("confidential"),
                "{who} GET {path} leaked"
            );
        }
        for (method, path) in [
            (Method::GET, "/api/v1/spaces/staff/topics".to_string()),
            (Method::GET, format!("/api/v1/topics/{topic}")),
            (Method::GET, format!("/api/v1/topics/{topic}/posts")),
            (Method::GET, format!("/api/v1/posts/{post}")),
            (Method::POST, format!("/api/v1/topics/{topic}/posts")),
            (Method::POST, "/api/v1/spaces/staff/topics".to_string()),
            (Method::PATCH, format!("/api/v1/posts/{post}")),
            (Method::DELETE, format!("/api/v1/posts/{post}")),
            (Method::POST, format!("/api/v1/posts/{post}/reactions/like")),
            (
                Method::DELETE,
                format!("/api/v1/posts/{post}/reactions/like"),
            ),
            (Method::POST, format!("/api/v1/topics/{topic}/accept")),
        ] {
            let body = match (&method, path.ends_with("/topics")) {
                (&Method::GET | &Method::DELETE, _) => None,
                (_, true) => Some(json!({"title": "hello there", "body": "hello there"})),
                _ if path.ends_with("/accept") => Some(json!({"post_id": post})),
                _ => Some(json!({"body": "hello there"})),
            };
            let (s, v) = app.api(method.clone(), &path, token, body).await;
            // Anonymous writes are refused before anything is looked up (401).
            let expected = if token.is_none() && method != Method::GET {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(s, expected, "{who} {method} {path}: {v}");
            assert!(!v.to_string().contains("Payroll"));
        }
        // Web writes, too.
        let r = app
            .post_form(
                web,
                &format!("/t/{topic}/replies"),
                &[("body", "sneaky reply")],
            )
            .await;
        assert!(
            matches!(r.status(), StatusCode::NOT_FOUND | StatusCode::SEE_OTHER),
            "{who} reply: {}",
            r.status()
        );
        if token.is_some() {
            assert_eq!(r.status(), StatusCode::NOT_FOUND);
        }
        let (_, spaces) = app.api(Method::GET, "/api/v1/spaces", token, None).await;
        assert!(
            !spaces.to_string().contains("staff"),
            "{who} sees the space in the list"
        );
        let home = web
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !home.contains("Payroll") && !home.contains("/s/staff"),
            "{who} sees it on the home page"
        );
    }
    assert_eq!(
        app.state
            .store()
            .topic(topic)
            .await
            .unwrap()
            .unwrap()
            .post_count,
        2,
        "nothing was written"
    );

    // Granting the member by handle lets them in.
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/staff",
            &[
                ("name", "Staff"),
                ("slug", "staff"),
                ("description", ""),
                ("visibility", "private"),
                ("access", "@outsider"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic}"),
            Some(&outsider),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let r = outsider_web.get(app.url("/s/staff")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

async fn responses_carry_csp_and_session_cookies_are_locked_down(app: TestApp) {
    let r = app.get("/setup").await;
    let csp = r
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'")
            && csp.contains("object-src 'none'")
            && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(
        r.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    let r = app
        .client
        .post(app.url("/setup"))
        .form(&[
            ("community_name", "C"),
            ("email", "o@example.com"),
            ("handle", "owner"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http: no Secure flag");
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app.get("/brand.css").await;
    assert!(r.text().await.unwrap().contains("--accent: #c2410c"));
}

async fn cross_site_form_posts_are_refused(app: TestApp) {
    app.setup().await;
    let r = app
        .client
        .post(app.url("/admin/spaces"))
        .header("Origin", "https://evil.example")
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("name", "Evil"), ("visibility", "public")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(app.state.store().spaces().await.unwrap().is_empty());
    let r = app
        .client
        .post(app.url("/admin/spaces"))
        .header("Sec-Fetch-Site", "same-origin")
        .form(&[("name", "Fine"), ("visibility", "public")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn sign_in_is_rate_limited(app: TestApp) {
    app.setup().await;
    let c = client();
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let r = app
            .post_form(
                &c,
                "/login",
                &[
                    ("email", "owner@example.com"),
                    ("password", "wrong-password-1"),
                ],
            )
            .await;
        statuses.push(r.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[401; 10]);
    assert_eq!(&statuses[10..], &[429, 429]);
    let r = app
        .post_form(
            &c,
            "/login",
            &[("email", "owner@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
}

async fn members_cannot_open_admin_pages(app: TestApp) {
    app.setup().await;
    let ana = app.member_client("ana").await;
    for path in ["/admin/members", "/admin/spaces", "/admin/branding"] {
        let r = ana.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = app
        .post_form(
            &ana,
            "/admin/spaces",
            &[("name", "Mine"), ("visibility", "public")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = client()
        .get(app.url("/admin/members"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "anonymous visitors are sent to sign in"
    );
    assert!(
        r.headers()
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );
}

#[tokio::test]
async fn cookies_are_secure_behind_https() {
    let app = crate::support::spawn_with(crate::support::Backend::Sqlite, |c| {
        c.public_url = "https://community.example.com".into()
    })
    .await
    .unwrap();
    let r = app
        .post_form(
            &app.client,
            "/setup",
            &[
                ("community_name", "C"),
                ("email", "o@example.com"),
                ("handle", "owner"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.contains("; Secure"), "{cookie}");
    // Regression: the cookie had no `__Host-` prefix and no HSTS was sent over https.
    assert!(cookie.starts_with("__Host-hearth_session="), "{cookie}");
    assert_eq!(
        r.headers()
            .get("strict-transport-security")
            .map(|v| v.to_str().unwrap()),
        Some("max-age=31536000")
    );
    // The prefixed cookie signs in; the plain name does not count over https.
    let secret = cookie
        .trim_start_matches("__Host-hearth_session=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let settings = |name: &str| {
        app.client_without_cookies()
            .get(app.url("/settings"))
            .header("Cookie", format!("{name}={secret}"))
            .send()
    };
    assert_eq!(
        settings("__Host-hearth_session").await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        settings("hearth_session").await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn guessing_api_tokens_is_rate_limited() {
    let app = crate::support::spawn(crate::support::Backend::Sqlite)
        .await
        .unwrap();
    app.setup().await;
    let mut statuses = Vec::new();
    for i in 0..32 {
        let (s, _) = app
            .api(
                Method::GET,
                "/api/v1/spaces",
                Some(&format!("hth_guess{i}")),
                None,
            )
            .await;
        statuses.push(s.as_u16());
    }
    assert_eq!(&statuses[..30], &[401; 30]);
    assert_eq!(&statuses[30..], &[429, 429]);
    let (s, e) = app
        .api(Method::GET, "/api/v1/spaces", Some("hth_again"), None)
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
}
