//! Membership over HTTP: join modes and `GET`/`PATCH /api/v1/community`, applications
//! reviewed by approvers, invites, the customer list, guidelines, groups, trust levels and
//! what they unlock, keyword rules and the spam filter. Each test runs on both databases.

use crate::both_databases;
use crate::support::{PASSWORD, TestApp, client};
use hearth_core::values::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(
    join_modes_are_set_by_admins_and_checked,
    applicants_answer_questions_and_approvers_decide,
    invites_let_people_in_until_spent,
    an_invite_link_made_on_the_page_shows_once_and_a_reload_makes_no_other,
    customer_gated_communities_need_mail,
    guidelines_are_accepted_on_joining_and_again_when_changed,
    groups_open_private_spaces_to_their_members,
    trust_levels_unlock_links_weigh_flags_and_limit_newcomers,
    keyword_rules_and_the_spam_filter_send_posts_to_the_queue,
);

/// A member made directly in the store (created long ago, trust level as given); returns
/// an API token.
async fn member(app: &TestApp, handle: &str, role: Role, trust: u8) -> (i64, String) {
    let email = format!("{handle}@example.com");
    let m = app
        .state
        .store()
        .create_member(
            &hearth_store::members::NewMember {
                email: &email,
                handle,
                display_name: handle,
                password_hash: None,
                role,
            },
            1,
        )
        .await
        .unwrap();
    // Confirmed, so that their flags count as their trust level says.
    app.state
        .store()
        .confirm_member_email(m.id, &email, 1)
        .await
        .unwrap();
    if trust > 0 {
        app.state
            .store()
            .set_trust_level(
                &hearth_store::trust::LevelChange {
                    member_id: m.id,
                    level: trust,
                    locked: false,
                    manual: true,
                    by: None,
                    reason: None,
                },
                1,
            )
            .await
            .unwrap();
    }
    (m.id, app.token(&email).await)
}

async fn patch_community(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    app.api(Method::PATCH, "/api/v1/community", Some(token), Some(body))
        .await
}

async fn signup(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&client(), "/signup", fields).await
}

async fn member_count(app: &TestApp) -> i64 {
    app.state.store().member_count().await.unwrap()
}

async fn join_modes_are_set_by_admins_and_checked(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (_, mo) = member(&app, "mo", Role::Moderator, 0).await;
    let (s, v) = app.api(Method::GET, "/api/v1/community", None, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["join_mode"], "open");
    assert!(v.get("spam_threshold").is_none(), "admins only: {v}");
    let (s, v) = patch_community(&app, &mo, json!({"join_mode": "invite"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let (s, v) = patch_community(&app, &owner, json!({"join_mode": "members-only"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "join_mode");
    let (s, v) = patch_community(&app, &owner, json!({"trust_thresholds": {"tl9.karma": 1}})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tl9.karma"),
        "{v}"
    );
    let (s, v) = patch_community(&app, &owner, json!({"spam_threshold": 0})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = patch_community(&app, &owner, json!({"surprise": true})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // Nothing changed.
    let (_, v) = app
        .api(Method::GET, "/api/v1/community", Some(&owner), None)
        .await;
    assert_eq!(
        (v["join_mode"].as_str(), v["spam_threshold"].as_i64()),
        (Some("open"), Some(80))
    );

    let (s, v) = patch_community(
        &app,
        &owner,
        json!({"join_mode": "invite", "trust_thresholds": {"tl3.days_active_recent": 5}, "spam_threshold": 75}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["join_mode"], "invite");
    assert_eq!(v["trust_thresholds"]["tl3.days_active_recent"], 5);
    assert_eq!(
        v["trust_thresholds"]["tl2.replies"], 3,
        "others keep their default"
    );
    assert_eq!(v["spam_threshold"], 75);
    let before = member_count(&app).await;
    let r = signup(
        &app,
        &[
            ("email", "ana@example.com"),
            ("handle", "ana"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("by invitation only"));
    assert_eq!(member_count(&app).await, before, "nobody joined");
    let page = app.get("/admin/membership").await.text().await.unwrap();
    assert!(
        page.contains("value=\"invite\" checked"),
        "the page shows the mode"
    );
    // Issue 17: the thresholds are labelled numbers, one field each, not key = value text.
    assert!(page.contains(
        "name=\"tl3.days_active_recent\" type=\"number\" min=\"0\" max=\"100000\" value=\"5\""
    ));
    assert!(
        page.contains("Days with activity, last 100 days")
            && !page.contains("name=\"trust_settings\"")
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/membership",
            &[
                ("join_mode", "invite"),
                ("spam_threshold", "75"),
                ("tl3.days_active_recent", "6"),
                ("tl2.replies", "4"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, v) = app
        .api(Method::GET, "/api/v1/community", Some(&owner), None)
        .await;
    assert_eq!(
        (
            v["trust_thresholds"]["tl3.days_active_recent"].as_i64(),
            v["trust_thresholds"]["tl2.replies"].as_i64()
        ),
        (Some(6), Some(4)),
        "{v}"
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/membership",
            &[("join_mode", "invite"), ("tl2.replies", "-1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("every trust level threshold must be a whole number")
    );
    let audit = app
        .get("/admin/audit?q=membership")
        .await
        .text()
        .await
        .unwrap();
    assert!(audit.contains("community.membership_changed"));
}

async fn applicants_answer_questions_and_approvers_decide(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (s, v) = patch_community(
        &app,
        &owner,
        json!({"join_mode": "approval", "join_questions": ["What do you bake?", "Where are you based?"]}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let page = app
        .client_without_cookies()
        .get(app.url("/signup"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("What do you bake?") && page.contains("action=\"/apply\""));
    // A missing answer is named; nothing is filed.
    let r = app
        .post_form(
            &client(),
            "/apply",
            &[
                ("email", "ana@example.com"),
                ("handle", "ana"),
                ("password", PASSWORD),
                ("answer_0", "Sourdough"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Where are you based?"));
    // Sign-up is not the way in approval mode.
    let r = signup(
        &app,
        &[
            ("email", "ana@example.com"),
            ("handle", "ana"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = app
        .post_form(
            &client(),
            "/apply",
            &[
                ("email", "ana@example.com"),
                ("handle", "ana"),
                ("display_name", "Ana"),
                ("password", PASSWORD),
                ("answer_0", "Sourdough"),
                ("answer_1", "Riverside"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post_form(
            &client(),
            "/apply",
            &[
                ("email", "ana@example.com"),
                ("handle", "ana9"),
                ("password", PASSWORD),
                ("answer_0", "a"),
                ("answer_1", "b"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "one application per address"
    );
    let r = app
        .post_form(
            &client(),
            "/apply",
            &[
                ("email", "ben@example.com"),
                ("handle", "ben"),
                ("password", PASSWORD),
                ("answer_0", "Rye"),
                ("answer_1", "Far away"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Members cannot see applications; approvers can.
    let (_, plain) = member(&app, "plain", Role::Member, 1).await;
    let (s, _) = app
        .api(Method::GET, "/api/v1/applications", Some(&plain), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (_, approver) = member(&app, "appy", Role::Approver, 1).await;
    let (s, v) = app
        .api(Method::GET, "/api/v1/applications", Some(&approver), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["answers"][1]["answer"], "Riverside");
    let (ana_app, ben_app) = (
        items[0]["id"].as_i64().unwrap(),
        items[1]["id"].as_i64().unwrap(),
    );
    // An approver does not work the flag queue.
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/moderation/queue",
            Some(&approver),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Declining needs a message; a bad action is named.
    let decide = |id: i64, body: Value| {
        let app = &app;
        let approver = approver.clone();
        async move {
            app.api(
                Method::POST,
                &format!("/api/v1/applications/{id}/decision"),
                Some(&approver),
                Some(body),
            )
            .await
        }
    };
    let (s, v) = decide(ben_app, json!({"action": "decline", "message": ""})).await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("message"))
    );
    let (s, v) = decide(ben_app, json!({"action": "maybe", "message": "x"})).await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("action"))
    );
    let (s, v) = decide(
        ben_app,
        json!({"action": "decline", "message": "We are a local group."}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["state"], "declined");
    let (s, v) = decide(
        ana_app,
        json!({"action": "approve", "message": "Welcome, Ana!"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["member"]["handle"], "ana");
    let (s, v) = decide(ana_app, json!({"action": "approve", "message": ""})).await;
    assert_eq!(s, StatusCode::CONFLICT, "decided once: {v}");
    // Ana signs in with the password she applied with, and posts.
    let ana = client();
    let r = app
        .post_form(
            &ana,
            "/login",
            &[("email", "ana@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &client(),
            "/login",
            &[("email", "ben@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "declined applicants have no account"
    );

    // Approving your own application is refused: Cleo applied, then the owner made her an
    // approver directly; another approver must decide.
    let r = app
        .post_form(
            &client(),
            "/apply",
            &[
                ("email", "cleo@example.com"),
                ("handle", "cleo"),
                ("password", PASSWORD),
                ("answer_0", "Pastry"),
                ("answer_1", "Here"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (_, cleo) = member(&app, "cleo", Role::Approver, 1).await;
    let (_, v) = app
        .api(Method::GET, "/api/v1/applications", Some(&cleo), None)
        .await;
    let own = v["items"][0]["id"].as_i64().unwrap();
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/applications/{own}/decision"),
            Some(&cleo),
            Some(json!({"action": "approve", "message": "me"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("your own application")
    );
    let (_, v) = app
        .api(Method::GET, "/api/v1/applications", Some(&owner), None)
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 1, "still pending");

    // Every decision is in the audit log, with its message.
    let audit = app
        .get("/admin/audit?q=application")
        .await
        .text()
        .await
        .unwrap();
    assert!(audit.contains("application.approved") && audit.contains("We are a local group."));
}

/// Issue 17, bug 13: the link was a relative path with no copy button, and reloading the
/// page that showed it made another invite.
async fn an_invite_link_made_on_the_page_shows_once_and_a_reload_makes_no_other(app: TestApp) {
    app.setup().await;
    let r = app
        .post_form(
            &app.client,
            "/admin/membership/invites",
            &[("email", ""), ("max_uses", "5"), ("days", "7")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        "/admin/membership?done=invite-link#invites"
    );
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("Path=/admin/membership") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let page = app.get("/admin/membership?done=invite-link").await;
    assert_eq!(page.headers()["cache-control"], "no-store");
    let page = page.text().await.unwrap();
    let link = page
        .split("id=\"invite-link\" readonly value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the link is on the page")
        .replace("&#x2f;", "/");
    assert!(
        link.starts_with("http://") && link.contains("/join?invite="),
        "a whole link: {link}"
    );
    assert!(page.contains("data-copy=\"invite-link\""), "a copy button");
    // Reloading shows the page without the link and makes no other invite.
    let again = app
        .get("/admin/membership?done=invite-link")
        .await
        .text()
        .await
        .unwrap();
    assert!(!again.contains("/join?invite="), "shown once");
    assert_eq!(again.matches("/revoke\"").count(), 1, "one invite");
    // The link lets someone in.
    let join = client().get(&link).send().await.unwrap();
    assert_eq!(join.status(), StatusCode::OK);
}

async fn invites_let_people_in_until_spent(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    patch_community(&app, &owner, json!({"join_mode": "invite"})).await;
    let (_, plain) = member(&app, "plain", Role::Member, 1).await;
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/invites",
            Some(&plain),
            Some(json!({"max_uses": 2})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    for (body, field) in [
        (json!({"max_uses": 0}), "max_uses"),
        (json!({"days": 91}), "days"),
        (json!({"email": "not an address"}), "email"),
    ] {
        let (s, v) = app
            .api(Method::POST, "/api/v1/invites", Some(&owner), Some(body))
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{v}"
        );
    }
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/invites",
            Some(&owner),
            Some(json!({"max_uses": 2, "days": 3})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let url = v["url"].as_str().unwrap().to_string();
    let secret = url.split("invite=").nth(1).unwrap().to_string();
    assert!(url.starts_with(&app.base), "{url}");
    let page = client()
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("You have an invitation"));
    for handle in ["ana", "ben"] {
        let email = format!("{handle}@example.com");
        let r = signup(
            &app,
            &[
                ("email", &email),
                ("handle", handle),
                ("password", PASSWORD),
                ("invite", &secret),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{handle}");
    }
    let before = member_count(&app).await;
    let r = signup(
        &app,
        &[
            ("email", "cara@example.com"),
            ("handle", "cara"),
            ("password", PASSWORD),
            ("invite", &secret),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("used up"));
    assert_eq!(
        member_count(&app).await,
        before,
        "nothing created with a used-up invite"
    );
    let page = client()
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("expired or was used up"));
    let r = signup(
        &app,
        &[
            ("email", "cara@example.com"),
            ("handle", "cara"),
            ("password", PASSWORD),
            ("invite", "0000"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // An expired invite lets nobody in.
    let secret = "e".repeat(64);
    app.state
        .store()
        .create_invite(
            &hearth_store::membership::NewInvite {
                token_hash: &hearth::services::accounts::secret_hash(&secret),
                email: None,
                max_uses: 5,
                expires_at: hearth_store::now_millis() - 1,
                created_by: None,
                mail_nonce: None,
            },
            1,
        )
        .await
        .unwrap();
    let r = signup(
        &app,
        &[
            ("email", "cara@example.com"),
            ("handle", "cara"),
            ("password", PASSWORD),
            ("invite", &secret),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(member_count(&app).await, before);
    // Email invitations need a mail server.
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/invites",
            Some(&owner),
            Some(json!({"email": "dee@example.com"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let page = app.get("/admin/membership").await.text().await.unwrap();
    assert!(page.contains("2 / 2") && page.contains("spent"));
}

async fn customer_gated_communities_need_mail(app: TestApp) {
    // Knowing a customer's address must not be enough to join as them: customer-gated
    // joining proves addresses by mail (the whole flow is in the mail tests).
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (s, v) = patch_community(&app, &owner, json!({"join_mode": "customers"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("mail server")
    );
    let (_, v) = app.api(Method::GET, "/api/v1/community", None, None).await;
    assert_eq!(v["join_mode"], "open");
}

async fn guidelines_are_accepted_on_joining_and_again_when_changed(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "general", "public").await;
    let early = app.member_client("early").await;
    let (s, v) = patch_community(
        &app,
        &owner,
        json!({"guidelines": "Be <script>alert(1)</script> **kind**."}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["guidelines_version"], 1);
    assert!(
        v["guidelines_html"]
            .as_str()
            .unwrap()
            .contains("<strong>kind</strong>")
    );
    assert!(
        !v["guidelines_html"].as_str().unwrap().contains("<script"),
        "sanitised"
    );
    let r = signup(
        &app,
        &[
            ("email", "ana@example.com"),
            ("handle", "ana"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("accept the community guidelines")
    );
    let r = signup(
        &app,
        &[
            ("email", "ana@example.com"),
            ("handle", "ana"),
            ("password", PASSWORD),
            ("accept_guidelines", "yes"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let ana = app
        .state
        .store()
        .member_by_email("ana@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ana.guidelines_version, 1);

    // Someone who joined before the guidelines must accept them before posting.
    let new_topic = [
        ("title", "Hello all"),
        ("body", "Glad to be here"),
        ("kind", "discussion"),
    ];
    let r = app.post_form(&early, "/s/general/topics", &new_topic).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let home = early
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("read and accept them"));
    let r = app.post_form(&early, "/guidelines", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.post_form(&early, "/s/general/topics", &new_topic).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A change asks again.
    patch_community(&app, &owner, json!({"guidelines": "Be kind. No adverts."})).await;
    let r = app.post_form(&early, "/s/general/topics", &new_topic).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let page = early
        .get(app.url("/guidelines"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("No adverts") && page.contains("I accept the guidelines"));
}

async fn groups_open_private_spaces_to_their_members(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/groups",
            Some(&owner),
            Some(json!({"slug": "partners", "name": "Partners"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/groups",
            Some(&owner),
            Some(json!({"slug": "partners", "name": "Again"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/groups",
            Some(&owner),
            Some(json!({"slug": "Bad Slug!", "name": "x"})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("slug"))
    );
    app.space(&owner, "suppliers", "private").await;
    // Grant the private space to the group from the space's edit page.
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/suppliers",
            &[
                ("name", "Suppliers"),
                ("slug", "suppliers"),
                ("visibility", "private"),
                ("access", "group:partners"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    let (_, ana) = member(&app, "ana", Role::Member, 1).await;
    let (_, ben) = member(&app, "ben", Role::Member, 1).await;
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/spaces/suppliers/topics",
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "not in the group yet");
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/groups/partners/members/ana",
            Some(&ben),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "members do not manage groups");
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/groups/partners/members/ana",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/groups/partners/members/nobody",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/spaces/suppliers/topics",
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/spaces/suppliers/topics",
            Some(&ana),
            Some(json!({"title": "Flour prices", "body": "Up again."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/spaces/suppliers/topics",
            Some(&ben),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "others still see nothing");
    let (_, v) = app
        .api(Method::GET, "/api/v1/groups", Some(&owner), None)
        .await;
    assert_eq!(v["items"][0]["member_count"], 1);
    let page = app
        .get("/admin/groups/partners")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("@ana"));
    let (s, _) = app
        .api(
            Method::DELETE,
            "/api/v1/groups/partners/members/ana",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/spaces/suppliers/topics",
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn trust_levels_unlock_links_weigh_flags_and_limit_newcomers(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "general", "public").await;
    // A member who just signed up is new (level 0): no links, three topics on day one.
    app.member_client("nina").await;
    let nina = app.token("nina@example.com").await;
    let (s, v) = app.api(Method::GET, "/api/v1/me", Some(&nina), None).await;
    assert_eq!((s, v["trust_level"].as_i64()), (StatusCode::OK, Some(0)));
    let topic = |token: &str, title: &str, body: &str| {
        let (app, token, title, body) =
            (&app, token.to_string(), title.to_string(), body.to_string());
        async move {
            app.api(
                Method::POST,
                "/api/v1/spaces/general/topics",
                Some(&token),
                Some(json!({"title": title, "body": body})),
            )
            .await
        }
    };
    let (s, v) = topic(
        &nina,
        "My shop",
        "Visit [my shop](https://example.com/shop)",
    )
    .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("body")),
        "{v}"
    );
    let (s, _) = topic(&nina, "My shop", "See https://example.com").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "bare links count too");
    let (s, _) = topic(&nina, "Cake", "![cake](https://example.com/cake.png)").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "images too");
    let (s, _) = topic(&nina, "Shop", "[buy](//spam.example/x)").await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "protocol-relative links too"
    );
    let (s, _) = topic(&nina, "Shop", "<a href=\"//spam.example\">buy</a>").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    for i in 0..3 {
        let (s, v) = topic(&nina, &format!("Question {i}"), "How long do I proof rye?").await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (s, v) = topic(&nina, "Question 4", "And spelt?").await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("first day"),
        "{v}"
    );
    // Editing links in afterwards is refused the same way.
    let (_, mine) = app
        .api(
            Method::GET,
            "/api/v1/spaces/general/topics",
            Some(&nina),
            None,
        )
        .await;
    let first = mine["items"][0]["id"].as_i64().unwrap();
    let (_, t) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{first}"),
            Some(&nina),
            None,
        )
        .await;
    let post = t["posts"][0]["id"].as_i64().unwrap();
    let (s, v) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/posts/{post}"),
            Some(&nina),
            Some(json!({"body": "Now with https://spam.example"})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("body")),
        "{v}"
    );

    // Staff promote and lock; a moderator cannot act on an admin.
    let me = app
        .state
        .store()
        .member_by_email("nina@example.com")
        .await
        .unwrap()
        .unwrap();
    let (_, mo) = member(&app, "mo", Role::Moderator, 0).await;
    let (admin_id, _) = member(&app, "adele", Role::Admin, 0).await;
    let (s, _) = app
        .api(
            Method::PUT,
            &format!("/api/v1/members/{admin_id}/trust"),
            Some(&mo),
            Some(json!({"level": 0})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/members/{}/trust", me.id),
            Some(&mo),
            Some(json!({"level": 7})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("level"))
    );
    let (s, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/members/{}/trust", me.id),
            Some(&mo),
            Some(json!({"level": 3, "reason": "known baker"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["trust_level"].as_i64(), v["trust_locked"].as_bool()),
        (Some(3), Some(true))
    );
    let (s, v) = topic(
        &nina,
        "My shop",
        "Visit [my shop](https://example.com/shop)",
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "links unlocked: {v}");
    let record = app.get("/mod/members/nina").await.text().await.unwrap();
    assert!(record.contains("trust level 3") && record.contains("(locked)"));

    // A regular's flag weighs 3 and hides a post on its own (once their address is
    // confirmed: an unconfirmed account's flag weighs nothing).
    app.state
        .store()
        .confirm_member_email(me.id, "nina@example.com", 1)
        .await
        .unwrap();
    let (_, spammer) = member(&app, "sam", Role::Member, 1).await;
    let (_, t) = topic(&spammer, "Deals", "Best deals here").await;
    let first_post = t["first_post_id"]
        .as_i64()
        .or_else(|| t["posts"][0]["id"].as_i64());
    let post_id = match first_post {
        Some(id) => id,
        None => {
            let id = t["id"].as_i64().unwrap();
            let (_, posts) = app
                .api(
                    Method::GET,
                    &format!("/api/v1/topics/{id}/posts"),
                    Some(&owner),
                    None,
                )
                .await;
            posts["items"][0]["id"].as_i64().unwrap()
        }
    };
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/posts/{post_id}/flags"),
            Some(&nina),
            Some(json!({"reason": "spam"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        (v["weight"].as_i64(), v["hidden"].as_bool()),
        (Some(3), Some(true))
    );

    // Unlocking hands the level back to the rules (nina has earned nothing yet: level 0).
    let (s, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/members/{}/trust", me.id),
            Some(&owner),
            Some(json!({"level": null})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["trust_level"].as_i64(), v["trust_locked"].as_bool()),
        (Some(0), Some(false))
    );

    // Guests read but take no part.
    let (_, guest) = member(&app, "gus", Role::Guest, 2).await;
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/spaces/general/topics",
            Some(&guest),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = topic(&guest, "Hi", "Hello").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

async fn keyword_rules_and_the_spam_filter_send_posts_to_the_queue(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "general", "public").await;
    let (_, ana) = member(&app, "ana", Role::Member, 2).await;
    let (_, bot) = member(&app, "bot", Role::Member, 1).await;
    let r = app
        .post_form(
            &app.client,
            "/admin/membership/keywords",
            &[("pattern", "Crypto Giveaway"), ("action", "hold")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &app.client,
            "/admin/membership/keywords",
            &[("pattern", "x"), ("action", "hold")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&owner),
            Some(json!({"title": "Welcome", "body": "Say hello"})),
        )
        .await;
    let topic = t["id"].as_i64().unwrap();
    let reply = |token: &str, body: &str| {
        let (app, token, body) = (&app, token.to_string(), body.to_string());
        async move {
            app.api(
                Method::POST,
                &format!("/api/v1/topics/{topic}/posts"),
                Some(&token),
                Some(json!({"body": body})),
            )
            .await
        }
    };
    let (s, v) = reply(&ana, "Join the crypto giveaway today").await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let held = v["id"].as_i64().unwrap();
    let (_, posts) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic}/posts"),
            None,
            None,
        )
        .await;
    let shown = posts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == held)
        .unwrap();
    assert_eq!(shown["hidden"], true);
    assert_eq!(
        shown["body_html"], "",
        "visitors see nothing of a held post"
    );
    let (_, q) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&owner), None)
        .await;
    let item = &q["items"][0];
    assert_eq!(
        (
            item["kind"].as_str(),
            item["cause"].as_str(),
            item["cause_detail"].as_str()
        ),
        (Some("held_post"), Some("keyword"), Some("crypto giveaway"))
    );

    // The heuristics hold a new member's duplicate post with a link.
    let pitch = "Great bread! Also see https://deals.example/bread for cheap flour";
    let (s, _) = reply(&bot, pitch).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, v) = reply(&bot, pitch).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let dup = v["id"].as_i64().unwrap();
    let (_, q) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&owner), None)
        .await;
    let dup_item = q["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["post_id"] == dup)
        .unwrap();
    assert_eq!(dup_item["cause"], "spam_filter");
    // Deleting it teaches the filter; approving the keyword hold teaches nothing.
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/moderation/queue/{}/decision", dup_item["id"]),
            Some(&owner),
            Some(json!({"action": "delete", "reason": "spam"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/moderation/queue/{}/decision", item["id"]),
            Some(&owner),
            Some(json!({"action": "approve", "reason": "a real raffle"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, posts) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic}/posts"),
            None,
            None,
        )
        .await;
    let shown = posts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == held)
        .unwrap();
    assert_eq!(shown["hidden"], false);
    let (s, v) = app
        .api(Method::GET, "/api/v1/spam-filter", Some(&owner), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["decisions"].as_i64(), v["spam"].as_i64()),
        (Some(1), Some(1))
    );
    let (s, _) = app
        .api(Method::GET, "/api/v1/spam-filter", Some(&ana), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let page = app.get("/admin/membership").await.text().await.unwrap();
    assert!(page.contains("crypto giveaway") && page.contains("Spam filter"));

    // An edit that adds a held phrase sends the post back to the queue.
    let (s, v) = reply(&ana, "Fresh rye on Saturday").await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let fine = v["id"].as_i64().unwrap();
    let (s, v) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/posts/{fine}"),
            Some(&ana),
            Some(json!({"body": "Fresh rye. Also: crypto giveaway!"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, q) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&owner), None)
        .await;
    assert!(
        q["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["post_id"] == fine && i["hidden"] == true),
        "{q}"
    );

    // A topic held as it was written is nobody's but its author's and staff's until approved.
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&ana),
            Some(json!({"title": "Crypto giveaway", "body": "Join the crypto giveaway"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let held_topic = v["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{held_topic}"),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{held_topic}"),
            Some(&bot),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{held_topic}/posts"),
            Some(&bot),
            Some(json!({"body": "me too"})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "no replies to a held topic");
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{held_topic}"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "its author sees it");
    let (_, list) = app
        .api(Method::GET, "/api/v1/spaces/general/topics", None, None)
        .await;
    assert!(
        !list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == held_topic)
    );
}
