//! Attack sequences, run as an attacker would against a live server: sockpuppets flagging
//! the owner's post, a moderator against the owner's post through every door, a silenced
//! member through every publishing door, a flood of password resets, an open redirect,
//! anonymous API calls, tokens that must die, a slowloris against `/healthz` and
//! concurrent image bombs. Each test is named after what broke.

use crate::both_databases;
use crate::support::{PASSWORD, TestApp, client};
use hearth::services::Actor;
use hearth::services::accounts::{self, NewAccount};
use hearth_core::values::Role;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

both_databases!(
    three_sockpuppets_cannot_hide_the_owners_post,
    a_moderator_cannot_touch_the_owners_post_through_any_door,
    a_silenced_member_cannot_publish_through_any_door,
    a_reset_flood_is_refused_before_any_hashing,
    anonymous_api_writes_get_401_before_any_validation,
    tokens_are_listed_revoked_and_die_with_a_new_password,
    an_open_redirect_leads_home,
    embedded_downloads_and_words_in_the_url_do_nothing,
    members_who_hide_are_not_shown_to_anonymous_visitors,
);

/// Regression: `![](/settings/export.zip)` in a post made every reader's browser build
/// their data export, and `?error=` and `?notice=` put any words on admin pages.
async fn embedded_downloads_and_words_in_the_url_do_nothing(app: TestApp) {
    app.setup().await;
    for path in [
        "/settings/export.zip",
        "/admin/audit.csv",
        "/admin/people/suggestions",
        "/search?q=bread",
    ] {
        let r = app
            .client
            .get(app.url(path))
            .header("Sec-Fetch-Dest", "image")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path} as an image");
    }
    // What pages really embed still loads.
    for (path, dest) in [
        ("/static/app.css", "style"),
        ("/brand.css", "style"),
        ("/static/app.js", "script"),
    ] {
        let r = app
            .client
            .get(app.url(path))
            .header("Sec-Fetch-Dest", dest)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
    }
    let mut statuses = Vec::new();
    for _ in 0..11 {
        let r = app
            .client
            .get(app.url("/settings/export.zip"))
            .header("Sec-Fetch-Dest", "document")
            .send()
            .await
            .unwrap();
        statuses.push(r.status());
    }
    assert!(
        statuses[..10].iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);

    let r = app
        .post_form(
            &app.client,
            "/admin/groups",
            &[("name", "Partners"), ("slug", "partners")],
        )
        .await;
    assert!(r.status().is_redirection() || r.status().is_success());
    let page = app
        .get("/admin/groups/partners?error=Your%20session%20expired%2C%20call%20555-0100")
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("call 555"), "a banner from the URL");
    let r = app
        .post_form(
            &app.client,
            "/admin/groups/partners",
            &[("handle", "nobody-here")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("member not found"),
        "the server says why: {page}"
    );
}

/// Regression: a member who hides from the directory still had a public profile page,
/// and was suggested for @mentions.
async fn members_who_hide_are_not_shown_to_anonymous_visitors(app: TestApp) {
    app.setup().await;
    let (ana_web, _, _) = signed_in(&app, "ana", Role::Member).await;
    let r = app
        .post_form(
            &ana_web,
            "/settings/profile",
            &[("hide_from_directory", "1")],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let anonymous = app
        .client_without_cookies()
        .get(app.url("/u/ana"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::NOT_FOUND);
    let member = app.client.get(app.url("/u/ana")).send().await.unwrap();
    assert_eq!(
        member.status(),
        StatusCode::OK,
        "signed-in members still see it"
    );
    let suggested = app
        .client
        .get(app.url("/members/suggest?q=an"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!suggested.contains("\"ana\""), "{suggested}");
}

/// Regression: `next=/%09/evil.example` (a tab browsers drop) and `/\evil.example` led
/// off the site after signing in.
async fn an_open_redirect_leads_home(app: TestApp) {
    app.setup().await;
    for next in ["/\t/evil.example", "/\\evil.example", "//evil.example"] {
        let web = client();
        let r = app
            .post_form(
                &web,
                "/login",
                &[
                    ("email", "owner@example.com"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/", "next={next:?}");
    }
    let r = app
        .client_without_cookies()
        .get(app.url("/login?next=%2F%09%2Fevil.example"))
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(
        !page.contains("evil.example"),
        "the form does not carry it on"
    );
}

/// A member added with `role` and a password, signed in on a fresh client; returns the
/// client, an API token and the member's id.
async fn signed_in(app: &TestApp, handle: &str, role: Role) -> (Client, String, i64) {
    let email = format!("{handle}@example.com");
    let m = accounts::add_member(
        &app.state.hearth,
        &Actor::Operator,
        &NewAccount {
            email: &email,
            handle,
            display_name: None,
            password: Some(PASSWORD),
            role,
            invite: None,
            accept_guidelines: false,
            groups: &[],
        },
    )
    .await
    .expect("add member");
    let web = client();
    let r = app
        .post_form(
            &web,
            "/login",
            &[("email", email.as_str()), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign in {handle}");
    (web, app.token(&email).await, m.id)
}

/// The owner's announcement-like topic in a public space; returns (topic id, first post id).
async fn owners_topic(app: &TestApp, owner: &str) -> (i64, i64) {
    app.space(owner, "news", "public").await;
    let (s, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(owner),
            Some(json!({"title": "Opening hours", "body": "We open at eight."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let topic = t["id"].as_i64().unwrap();
    (topic, first_post(app, topic).await)
}

/// An event the owner organises in the `news` space; returns its id.
async fn owners_event(app: &TestApp, owner: &str) -> i64 {
    let (s, ev) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/events",
            Some(owner),
            Some(json!({
                "title": "Bread class",
                "body": "Bring an apron.",
                "starts_at": "2030-05-01T10:00:00Z",
                "ends_at": "2030-05-01T12:00:00Z",
                "time_zone": "UTC",
            })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ev}");
    ev["id"].as_i64().unwrap()
}

async fn first_post(app: &TestApp, topic: i64) -> i64 {
    let (_, posts) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic}/posts"),
            None,
            None,
        )
        .await;
    posts["items"][0]["id"].as_i64().unwrap()
}

async fn post_body(app: &TestApp, post: i64) -> Value {
    let (s, p) = app
        .api(Method::GET, &format!("/api/v1/posts/{post}"), None, None)
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    p
}

/// Regression: three fresh sign-ups could hide any post, the owner's included (a new
/// member's flag weighed 1, a post hid at 3, and nothing capped flags a day).
async fn three_sockpuppets_cannot_hide_the_owners_post(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (topic, post) = owners_topic(&app, &owner).await;
    for puppet in ["puppet1", "puppet2", "puppet3"] {
        app.member_client(puppet).await;
        let token = app.token(&format!("{puppet}@example.com")).await;
        let (s, f) = app
            .api(
                Method::POST,
                &format!("/api/v1/posts/{post}/flags"),
                Some(&token),
                Some(json!({"reason": "spam"})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
        assert_eq!(f["hidden"].as_bool(), Some(false), "{puppet}: {f}");
    }
    let page = app
        .client_without_cookies()
        .get(app.url(&format!("/t/{topic}")))
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("We open at eight."));
    assert!(post_body(&app, post).await["hidden"].as_bool() != Some(true));
    // The owner still hears of it: the post waits in the queue.
    let (_, q) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&owner), None)
        .await;
    assert_eq!(q["items"].as_array().unwrap().len(), 1, "{q}");

    // A sign-up flags at most 5 posts a day; the sixth is a clear 429.
    let (s, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/news/topics",
            Some(&owner),
            Some(json!({"title": "Many posts", "body": "first"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let many = t["id"].as_i64().unwrap();
    let puppet = app.token("puppet1@example.com").await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let (_, p) = app
            .api(
                Method::POST,
                &format!("/api/v1/topics/{many}/posts"),
                Some(&owner),
                Some(json!({"body": format!("reply {i}")})),
            )
            .await;
        let (s, e) = app
            .api(
                Method::POST,
                &format!("/api/v1/posts/{}/flags", p["id"]),
                Some(&puppet),
                Some(json!({"reason": "spam"})),
            )
            .await;
        statuses.push(s);
        if s == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(e["error"]["code"], "rate_limited", "{e}");
        }
    }
    // One flag today already (the owner's post), so four more pass and the fifth is refused.
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}

/// Regression: the queue kept staff to posts by those below them, but the direct routes
/// let a moderator edit, delete and wiki the owner's post and run the owner's event.
async fn a_moderator_cannot_touch_the_owners_post_through_any_door(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (topic, post) = owners_topic(&app, &owner).await;
    let (mo_web, mo, mo_id) = signed_in(&app, "mo", Role::Moderator).await;
    let before = post_body(&app, post).await;

    for (method, path, body) in [
        (
            Method::PATCH,
            format!("/api/v1/posts/{post}"),
            Some(json!({"body": "We never open."})),
        ),
        (Method::DELETE, format!("/api/v1/posts/{post}"), None),
    ] {
        let (s, e) = app.api(method.clone(), &path, Some(&mo), body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{method} {path}: {e}");
    }
    for (path, form) in [
        (
            format!("/p/{post}/edit"),
            vec![("body", "We never open."), ("reason", "mine now")],
        ),
        (format!("/p/{post}/delete"), vec![]),
        (format!("/p/{post}/wiki"), vec![("wiki", "on")]),
    ] {
        let r = app.post_form(&mo_web, &path, &form).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "POST {path}");
    }
    let r = mo_web
        .get(app.url(&format!("/p/{post}/edit")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "GET the edit form");
    let page = mo_web
        .get(app.url(&format!("/t/{topic}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains(&format!("/p/{post}/edit")),
        "no edit button where the edit is refused"
    );
    let after = post_body(&app, post).await;
    assert_eq!(after["body_html"], before["body_html"]);
    assert_eq!(after["wiki"], before["wiki"]);

    // The owner's event: no edit, cancel, attendee list, door code or check-in.
    let event = owners_event(&app, &owner).await;
    for (method, path, body) in [
        (
            Method::PATCH,
            format!("/api/v1/events/{event}"),
            Some(json!({
                "starts_at": "2030-05-02T10:00:00Z",
                "ends_at": "2030-05-02T12:00:00Z",
                "time_zone": "UTC",
            })),
        ),
        (Method::POST, format!("/api/v1/events/{event}/cancel"), None),
        (
            Method::GET,
            format!("/api/v1/events/{event}/attendees"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/events/{event}/check-in"),
            Some(json!({"member": "owner"})),
        ),
    ] {
        let (s, e) = app.api(method.clone(), &path, Some(&mo), body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{method} {path}: {e}");
    }
    let (_, seen) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{event}"),
            Some(&mo),
            None,
        )
        .await;
    assert!(seen["checkin_code"].is_null(), "no door code: {seen}");

    // Private notes: not on the moderator's own record, nor the owner's.
    app.state
        .store()
        .add_mod_note(mo_id, 1, "Watch mo's temper", 1)
        .await
        .unwrap();
    for handle in ["mo", "owner"] {
        let page = mo_web
            .get(app.url(&format!("/mod/members/{handle}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!page.contains("Watch mo"), "{handle}'s record shows notes");
    }
}

/// Regression: a silenced member could still edit posts, flag, react, vote and change
/// their bio and links; only replies were refused.
async fn a_silenced_member_cannot_publish_through_any_door(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (topic, post) = owners_topic(&app, &owner).await;
    let (ana_web, ana, ana_id) = signed_in(&app, "ana", Role::Member).await;
    let (_, mine) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(&ana),
            Some(json!({"body": "Lovely!"})),
        )
        .await;
    let mine = mine["id"].as_i64().unwrap();
    // The space takes ideas and polls too; the owner starts one of each and an event.
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/news",
            &[
                ("name", "News"),
                ("slug", "news"),
                ("visibility", "public"),
                ("kinds_shown", "1"),
                ("kind_discussion", "1"),
                ("kind_idea", "1"),
                ("kind_poll", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let start = |body: Value| {
        let (app, owner) = (&app, owner.clone());
        async move {
            let (s, v) = app
                .api(
                    Method::POST,
                    "/api/v1/spaces/news/topics",
                    Some(&owner),
                    Some(body),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
            v
        }
    };
    let idea = start(json!({"title": "Sourdough Sundays", "body": "Please", "kind": "idea"})).await;
    let poll = start(
        json!({"title": "Bread of the month", "body": "Pick one", "kind": "poll",
        "poll": {"options": ["Rye", "Spelt"]}}),
    )
    .await;
    let (_, full_poll) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{}", poll["id"]),
            None,
            None,
        )
        .await;
    let option = full_poll["poll"]["options"][0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("{full_poll}"));
    let event = owners_event(&app, &owner).await;
    let (s, e) = app
        .api(
            Method::POST,
            &format!("/api/v1/members/{ana_id}/suspensions"),
            Some(&owner),
            Some(json!({"kind": "silence", "days": 1, "reason": "Shouting"})),
        )
        .await;
    assert!(s.is_success(), "{e}");
    let before = app.totals().await;

    for (method, path, body) in [
        (
            Method::POST,
            format!("/api/v1/topics/{topic}/posts"),
            Some(json!({"body": "still here"})),
        ),
        (
            Method::POST,
            "/api/v1/spaces/news/topics".to_string(),
            Some(json!({"title": "Still here", "body": "still here"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/posts/{mine}"),
            Some(json!({"body": "edited while silenced"})),
        ),
        (
            Method::POST,
            format!("/api/v1/posts/{post}/flags"),
            Some(json!({"reason": "spam"})),
        ),
        (
            Method::POST,
            format!("/api/v1/posts/{post}/reactions/like"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/topics/{}/vote", idea["id"]),
            None,
        ),
        (
            Method::PUT,
            format!("/api/v1/topics/{}/poll/vote", poll["id"]),
            Some(json!({"options": [option]})),
        ),
        (
            Method::POST,
            format!("/api/v1/events/{event}/rsvp"),
            Some(json!({"status": "going"})),
        ),
    ] {
        let (s, e) = app.api(method.clone(), &path, Some(&ana), body).await;
        assert_eq!(
            (s, e["error"]["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("restricted")),
            "{method} {path}: {e}"
        );
    }
    let r = app
        .post_form(
            &ana_web,
            "/settings/profile",
            &[
                ("bio", "Buy followers at spam.example"),
                ("links", "https://spam.example"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "profile bio and links");
    let r = app
        .post_form(&ana_web, &format!("/p/{mine}/edit"), &[("body", "sneaky")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "the edit form");
    assert_eq!(app.totals().await, before, "nothing was written");
    let kept = post_body(&app, mine).await.to_string();
    assert!(
        kept.contains("Lovely!") && !kept.contains("sneaky"),
        "{kept}"
    );
}

/// Regression: `POST /reset-password` hashed the new password before it looked at the
/// token, so anyone could make the server run argon2 at will, without a limit.
async fn a_reset_flood_is_refused_before_any_hashing(app: TestApp) {
    app.setup().await;
    let attacker = client();
    let mut statuses = Vec::new();
    for i in 0..12 {
        let token = format!("{i:064x}");
        let r = app
            .post_form(
                &attacker,
                "/reset-password",
                &[
                    ("token", token.as_str()),
                    ("password", "a-new-long-password"),
                ],
            )
            .await;
        statuses.push(r.status());
    }
    assert!(
        statuses[..10].iter().all(|s| *s == StatusCode::CONFLICT),
        "a dead link is refused: {statuses:?}"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}

/// Regression: anonymous calls to protected API routes got 422 or 403 (validation ran
/// first), and `Authorization: bearer …` in lower case was refused.
async fn anonymous_api_writes_get_401_before_any_validation(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    let c = app.client_without_cookies();
    for (method, path, body) in [
        (Method::POST, "/api/v1/spaces/news/topics", "{not json"),
        (Method::POST, "/api/v1/spaces", "{}"),
        (Method::PATCH, "/api/v1/posts/abc", "[]"),
        (Method::GET, "/api/v1/notifications?cursor=%%%", ""),
        (Method::GET, "/api/v1/members", ""),
        (Method::POST, "/api/v1/activities", "{\"items\": 5}"),
    ] {
        let r = c
            .request(method.clone(), app.url(path))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_eq!(
            r.headers().get("www-authenticate").map(|v| v.as_bytes()),
            Some(&b"Bearer"[..])
        );
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"]["code"], "unauthenticated");
    }
    // Public reads stay open, and the scheme is read in any case.
    let r = c.get(app.url("/api/v1/spaces")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let r = c
            .get(app.url("/api/v1/me"))
            .header("Authorization", format!("{scheme} {owner}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{scheme}");
    }
}

/// Regression: tokens could be neither listed nor revoked except in the database, never
/// expired, and outlived a password reset.
async fn tokens_are_listed_revoked_and_die_with_a_new_password(app: TestApp) {
    app.setup().await;
    let (ana_web, ana, ana_id) = signed_in(&app, "ana", Role::Member).await;
    let h = &app.state.hearth;
    let member = Actor::Member {
        id: ana_id,
        role: Role::Member,
        trust: 0,
        groups: Vec::new(),
    };
    let listed = accounts::tokens(h, &member, ana_id).await.unwrap();
    assert_eq!(listed.len(), 1);
    // Another member cannot see or revoke them; the owner's token is not hers to revoke.
    let (_, ben, ben_id) = signed_in(&app, "ben", Role::Member).await;
    let ben_actor = Actor::Member {
        id: ben_id,
        role: Role::Member,
        trust: 0,
        groups: Vec::new(),
    };
    assert!(accounts::tokens(h, &ben_actor, ana_id).await.is_err());
    assert!(matches!(
        accounts::revoke_token(h, &ben_actor, listed[0].id).await,
        Err(hearth::services::ServiceError::NotFound(_))
    ));
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&ana), None).await;
    assert_eq!(s, StatusCode::OK);

    // The settings page lists it and revokes it.
    let page = ana_web
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("tests"), "the token's name is listed");
    let r = app
        .post_form(
            &ana_web,
            &format!("/settings/tokens/{}/revoke", listed[0].id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&ana), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "revoked");

    // Changing the password ends other sessions and every token, but not this session.
    let ana2 = app.token("ana@example.com").await;
    let other_web = client();
    app.post_form(
        &other_web,
        "/login",
        &[("email", "ana@example.com"), ("password", PASSWORD)],
    )
    .await;
    let r = app
        .post_form(
            &ana_web,
            "/settings/password",
            &[
                ("current_password", "not-my-password"),
                ("new_password", "a-brand-new-password"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "wrong current"
    );
    let r = app
        .post_form(
            &ana_web,
            "/settings/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a-brand-new-password"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&ana2), None).await;
    assert_eq!(
        s,
        StatusCode::UNAUTHORIZED,
        "tokens die with the old password"
    );
    let still = ana_web.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(still.status(), StatusCode::OK, "this session stays");
    let gone = other_web.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(
        gone.status(),
        StatusCode::SEE_OTHER,
        "the other session ended"
    );
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&ben), None).await;
    assert_eq!(s, StatusCode::OK, "ben's token is untouched");

    // Regression (review): a session alone could mint a token that outlives it; the
    // settings form asks for the password.
    let r = app
        .post_form(
            &ana_web,
            "/settings/tokens",
            &[
                ("name", "Zapier"),
                ("days", "30"),
                ("password", "not-it-at-all"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &ana_web,
            "/settings/tokens",
            &[
                ("name", "Zapier"),
                ("days", "30"),
                ("password", "a-brand-new-password"),
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
    let (s, _) = app
        .api(Method::GET, "/api/v1/me", Some(&minted), None)
        .await;
    assert_eq!(s, StatusCode::OK);

    // An expiry.
    let terms = |name, days| accounts::TokenTerms {
        name,
        days,
        ..Default::default()
    };
    let short = accounts::create_token(h, "ben@example.com", &terms("short", Some(1)))
        .await
        .unwrap();
    assert!(
        accounts::create_token(h, "ben@example.com", &terms("never", Some(0)))
            .await
            .is_err()
    );
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&short), None).await;
    assert_eq!(s, StatusCode::OK);

    // The owner sees ben's tokens on his record and revokes one; it is audited.
    let record = app
        .get(&format!("/admin/people/{ben_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        record.contains("short") && !record.contains(&short[4..]),
        "names, never secrets"
    );
    let short_id = accounts::tokens(h, &Actor::Operator, ben_id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "short")
        .unwrap()
        .id;
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{ben_id}/tokens/{short_id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&short), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let log = app
        .state
        .store()
        .audit_page(None, "token.revoked", 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "an admin's revocation is audited");
}

/// The soft limit on open files, from `/proc/self/limits`.
fn open_files_limit() -> usize {
    std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(1024)
}

/// A connection from `source` (another loopback address, so the attacker is a different
/// client from the one that checks `/healthz`) that sends half a request.
async fn half_sent(addr: std::net::SocketAddr, source: &str) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(format!("{source}:0").parse().unwrap()).unwrap();
    let mut s = socket.connect(addr).await.unwrap();
    // A connection the server already closed may refuse the write; that is fine.
    let _ = s
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await;
    s
}

/// Whether the server has closed `s` (end of file, a reset, or hyper's 408) within `wait`.
async fn closed_within(s: &mut tokio::net::TcpStream, wait: std::time::Duration) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buf = [0u8; 256];
    tokio::time::timeout(wait, s.read(&mut buf)).await.is_ok()
}

/// Regression: axum's own accept loop had no header-read timeout and no connection cap,
/// so half-sent requests piled up until the process ran out of file descriptors.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slowloris_does_not_stop_healthz() {
    let Some(app) = crate::support::spawn_with(crate::support::Backend::Sqlite, |c| {
        c.limits.header_read_timeout_secs = 2;
        // Every half-sent request is held, so the header timeout is what frees them.
        c.limits.max_connections_per_client = 5_000;
    })
    .await
    else {
        return;
    };
    app.setup().await;
    // 1,100 half-sent requests, as the issue asks; fewer only where this process may not
    // open that many files (each costs two here: the client's end and the server's).
    let wanted = 1_100.min(open_files_limit().saturating_sub(300) / 2);
    let addr: std::net::SocketAddr = app.base.trim_start_matches("http://").parse().unwrap();
    let mut held = Vec::with_capacity(wanted);
    for _ in 0..wanted {
        held.push(half_sent(addr, "127.0.0.2").await);
    }
    let r = app
        .client_without_cookies()
        .get(app.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "with {wanted} half-sent requests held"
    );
    // After the header timeout the server has let go of them.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    for s in held.iter_mut().take(50) {
        assert!(
            closed_within(s, std::time::Duration::from_secs(2)).await,
            "half-sent requests are dropped after the header timeout"
        );
    }
}

/// Regression: one address could hold every connection the server would serve.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_cannot_take_every_connection() {
    let Some(app) = crate::support::spawn_with(crate::support::Backend::Sqlite, |c| {
        c.limits.header_read_timeout_secs = 30;
        c.limits.max_connections_per_client = 20;
    })
    .await
    else {
        return;
    };
    app.setup().await;
    let addr: std::net::SocketAddr = app.base.trim_start_matches("http://").parse().unwrap();
    let mut held = Vec::new();
    for _ in 0..30 {
        held.push(half_sent(addr, "127.0.0.2").await);
    }
    let wait = std::time::Duration::from_millis(1500);
    for s in held.iter_mut().skip(20) {
        assert!(
            closed_within(s, wait).await,
            "over the client's share: closed at once"
        );
    }
    for s in held.iter_mut().take(20) {
        assert!(
            !closed_within(s, std::time::Duration::from_millis(100)).await,
            "within it: held"
        );
    }
    let r = app
        .client_without_cookies()
        .get(app.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "another client is served");
}

/// A PNG `width`×`height` of one grey, small on disk and huge decoded.
fn flat_png(width: u32, height: u32) -> Vec<u8> {
    let img = image::GrayImage::new(width, height);
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The resident memory of this process (the server runs in it), in bytes.
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .unwrap_or(0)
        * 1024
}

/// Regression: eight concurrent 8000×8000 avatars (64 megapixels each, 256 MB decoded)
/// were all decoded at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_image_bombs_leave_healthz_answering() {
    let Some(app) = crate::support::spawn(crate::support::Backend::Sqlite).await else {
        return;
    };
    app.setup().await;
    let bomb = flat_png(8_000, 8_000);
    let mut uploads = Vec::new();
    for i in 0..8 {
        let web = app.member_client(&format!("bomber{i}")).await;
        let (app_base, bytes) = (app.base.clone(), bomb.clone());
        uploads.push(tokio::spawn(async move {
            let form = reqwest::multipart::Form::new().part(
                "avatar",
                reqwest::multipart::Part::bytes(bytes)
                    .file_name("bomb.png")
                    .mime_str("image/png")
                    .unwrap(),
            );
            let r = web
                .post(format!("{app_base}/settings/avatar"))
                .header("Origin", &app_base)
                .multipart(form)
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap())
        }));
    }
    let health = app
        .client_without_cookies()
        .get(app.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    for u in uploads {
        let (status, html) = u.await.unwrap();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("megapixels"), "{html}");
    }
    let rss = resident_bytes();
    eprintln!(
        "eight 8000x8000 uploads at once: resident memory {} MB",
        rss >> 20
    );
    assert!(rss < 1 << 30, "resident memory {rss} bytes");
}

/// Regression: unknown addresses were checked against a fixed hash made with OWASP's
/// parameters, whatever `argon2_memory_kib` said, so a wrong address took a different time
/// from a wrong password and told which addresses are registered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dummy_hash_follows_the_configured_argon2_parameters() {
    let Some(app) = crate::support::spawn(crate::support::Backend::Sqlite).await else {
        return;
    };
    app.setup().await;
    let web = client();
    let r = app
        .post_form(
            &web,
            "/login",
            &[
                ("email", "nobody@example.com"),
                ("password", "whatever-it-is"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let dummy = app
        .state
        .hearth
        .dummy_hash
        .get()
        .cloned()
        .unwrap_or_default();
    let memory = app.state.config().argon2_memory_kib;
    assert!(
        dummy.starts_with("$argon2id$") && dummy.contains(&format!("m={memory},")),
        "{dummy}"
    );
}

/// Regression: a client that trickled a request's body held its handler (and connection)
/// as long as it liked; now the request deadline answers 503.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickled_body_meets_the_request_deadline() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Some(app) = crate::support::spawn_with(crate::support::Backend::Sqlite, |c| {
        c.limits.request_timeout_secs = 1;
    })
    .await
    else {
        return;
    };
    app.setup().await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /login HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=",
        app.base
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        // One byte every 300 ms: the body would take five minutes to arrive.
        let _ = s.write_all(b"a").await;
        match tokio::time::timeout(std::time::Duration::from_millis(300), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => {
                answer.extend_from_slice(&buf[..n]);
                if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            Err(_) => {}
        }
        assert!(started.elapsed().as_secs() < 20, "no answer within 20 s");
    }
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
}
