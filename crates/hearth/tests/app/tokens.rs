//! Scoped API tokens: every route with every scope, rates a minute, and the ways a token is
//! made (the settings page, the console).

use crate::api::{API_ROUTES, concrete};
use crate::both_databases;
use crate::support::TestApp;
use hearth_core::values::Scope;
use reqwest::{Method, StatusCode};
use serde_json::json;

both_databases!(
    every_route_answers_each_scope_as_the_access_table_says,
    a_token_keeps_to_its_own_rate_a_minute,
    members_choose_scopes_on_the_settings_page_and_see_them_listed,
);

/// The matrix: the owner (who may do anything) calls every API route with a token of each
/// single scope. The route's scope passes the scope check (whatever the handler then
/// answers); every other scope is refused 403 `insufficient_scope`, naming the scope, before
/// the handler runs.
async fn every_route_answers_each_scope_as_the_access_table_says(app: TestApp) {
    app.setup().await;
    let mut tokens = Vec::new();
    for scope in Scope::ALL {
        tokens.push((
            scope,
            app.scoped_token("owner@example.com", Some(scope.as_str()))
                .await,
        ));
    }
    // A few by hand, so the table itself is checked against what an integrator expects.
    let by_hand = [
        ("/api/v1/me", "get", Scope::Read),
        ("/api/v1/spaces/{slug}/topics", "post", Scope::Write),
        ("/api/v1/spaces/{slug}", "patch", Scope::Admin),
        ("/api/v1/moderation/queue", "get", Scope::Moderate),
        ("/api/v1/activities", "post", Scope::Ingest),
        ("/api/v1/insights/summary", "get", Scope::Admin),
        ("/api/v1/posts/{id}/flags", "post", Scope::Write),
    ];
    for (route, method, scope) in by_hand {
        assert_eq!(
            hearth_core::access::scope_needed(method == "get", route),
            scope,
            "{method} {route}"
        );
    }
    let mut refused = 0;
    for (route, method) in API_ROUTES {
        let read = *method == "get";
        let needed = hearth_core::access::scope_needed(read, route);
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        for (scope, token) in &tokens {
            let (s, body) = app
                .api(m.clone(), &concrete(route), Some(token), Some(json!({})))
                .await;
            let code = body["error"]["code"].as_str().unwrap_or("");
            if *scope == needed {
                assert_ne!(
                    code, "insufficient_scope",
                    "{method} {route} with {scope:?}: {body}"
                );
            } else {
                assert_eq!(
                    (s, code),
                    (StatusCode::FORBIDDEN, "insufficient_scope"),
                    "{method} {route} with {scope:?}: {body}"
                );
                let message = body["error"]["message"].as_str().unwrap();
                assert!(
                    message.contains(&format!("\"{}\"", needed.as_str())),
                    "{message}"
                );
                refused += 1;
            }
        }
    }
    assert_eq!(refused, API_ROUTES.len() * (Scope::ALL.len() - 1));
    // A token made before scopes (or without any) has the member's full rights.
    let full = app.token("owner@example.com").await;
    let (s, _) = app
        .api(Method::GET, "/api/v1/insights/summary", Some(&full), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    // A member's scopes never add rights: `admin` on a member's token is still a member.
    app.member_client("mia").await;
    let mia_admin = app.scoped_token("mia@example.com", Some("admin")).await;
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/insights/summary",
            Some(&mia_admin),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

async fn a_token_keeps_to_its_own_rate_a_minute(app: TestApp) {
    app.setup().await;
    let terms = hearth::services::accounts::TokenTerms {
        name: "slow",
        scopes: Some("read"),
        rate_per_minute: Some(3),
        ..Default::default()
    };
    let slow =
        hearth::services::accounts::create_token(&app.state.hearth, "owner@example.com", &terms)
            .await
            .unwrap();
    for _ in 0..3 {
        let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&slow), None).await;
        assert_eq!(s, StatusCode::OK);
    }
    let r = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&slow)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "60");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // Another token of the same member is not slowed by it.
    let other = app.token("owner@example.com").await;
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&other), None).await;
    assert_eq!(s, StatusCode::OK);
    // Bad terms are refused by name and nothing is made.
    for (terms, field) in [
        (
            hearth::services::accounts::TokenTerms {
                name: "x",
                scopes: Some("read,sudo"),
                ..Default::default()
            },
            "sudo",
        ),
        (
            hearth::services::accounts::TokenTerms {
                name: "x",
                scopes: Some(" , "),
                ..Default::default()
            },
            "at least one scope",
        ),
        (
            hearth::services::accounts::TokenTerms {
                name: "x",
                rate_per_minute: Some(0),
                ..Default::default()
            },
            "requests a minute",
        ),
    ] {
        let e = hearth::services::accounts::create_token(
            &app.state.hearth,
            "owner@example.com",
            &terms,
        )
        .await
        .unwrap_err();
        assert!(e.to_string().contains(field), "{e}");
    }
    let owner = app
        .state
        .store()
        .member_by_email("owner@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        app.state.store().api_tokens(owner.id).await.unwrap().len(),
        2
    );
}

async fn members_choose_scopes_on_the_settings_page_and_see_them_listed(app: TestApp) {
    app.setup().await;
    let web = app.member_client("ana").await;
    let r = app
        .post_form(
            &web,
            "/settings/tokens",
            &[
                ("name", "Shop sync"),
                ("days", ""),
                ("scope_read", "on"),
                ("scope_ingest", "on"),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let page = r.text().await.unwrap();
    let minted = page
        .split("hth_")
        .nth(1)
        .map(|rest| format!("hth_{}", &rest[..64]))
        .expect("the new token, shown once");
    assert!(
        page.contains("<span class=\"badge\">ingest</span>"),
        "scopes listed"
    );
    let (s, _) = app
        .api(Method::GET, "/api/v1/me", Some(&minted), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = app
        .api(
            Method::POST,
            "/api/v1/spaces/nowhere/topics",
            Some(&minted),
            Some(json!({"title": "x", "body": "y"})),
        )
        .await;
    assert_eq!(
        (s, body["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("insufficient_scope"))
    );
    // The page shows when it was last used.
    let settings = web
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        settings.contains("Shop sync") && settings.contains("Last used"),
        "{settings}"
    );
    assert!(!settings.contains(&minted[4..]), "never the secret again");
}
