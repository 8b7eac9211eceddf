//! Flags, the moderation queue, decisions and the audit log, through the API and pages.

use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(
    flags_hide_posts_and_moderators_decide_from_the_queue,
    staff_act_only_below_them_and_everything_is_audited,
    warnings_restrictions_and_notes_are_kept_and_restrictions_end_by_themselves,
);

/// A member with `role`, their address confirmed and (for members) at trust level 1, so
/// their flags count. Returns an API token.
async fn member_with_role(app: &TestApp, handle: &str, role: hearth_core::values::Role) -> String {
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
    confirm_and_trust(app, m.id, &email, 1).await;
    app.token(&email).await
}

/// Confirms member `id`'s address and gives them a trust level as if they had earned it
/// (so no staff action lands in the audit log).
pub async fn confirm_and_trust(app: &TestApp, id: i64, email: &str, level: u8) {
    let store = app.state.store();
    store.confirm_member_email(id, email, 1).await.unwrap();
    store
        .set_trust_level(
            &hearth_store::trust::LevelChange {
                member_id: id,
                level,
                locked: false,
                manual: false,
                by: None,
                reason: None,
            },
            1,
        )
        .await
        .unwrap();
}

async fn post(app: &TestApp, token: &str, topic: i64, body: &str) -> i64 {
    let (s, p) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(token),
            Some(json!({ "body": body })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    p["id"].as_i64().unwrap()
}

async fn flag(app: &TestApp, token: Option<&str>, post: i64, body: Value) -> (StatusCode, Value) {
    app.api(
        Method::POST,
        &format!("/api/v1/posts/{post}/flags"),
        token,
        Some(body),
    )
    .await
}

async fn posts_of(app: &TestApp, token: Option<&str>, topic: i64) -> Vec<Value> {
    let (s, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{topic}/posts"),
            token,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["items"].as_array().unwrap().clone()
}

async fn flags_hide_posts_and_moderators_decide_from_the_queue(app: TestApp) {
    use hearth_core::values::Role;
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    let ana = member_with_role(&app, "ana", Role::Member).await;
    let ben = member_with_role(&app, "ben", Role::Member).await;
    let cara = member_with_role(&app, "cara", Role::Member).await;
    let dan = member_with_role(&app, "dan", Role::Member).await;
    let mo = member_with_role(&app, "mo", Role::Moderator).await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&ana),
            Some(json!({"title": "Starter help", "body": "Mine smells odd."})),
        )
        .await;
    let topic = t["id"].as_i64().unwrap();
    let spam = post(&app, &ben, topic, "Cheap watches at example.test!").await;

    // Bad flags change nothing.
    let before = app.totals().await;
    for (token, body, status, field) in [
        (
            None,
            json!({"reason": "spam"}),
            StatusCode::UNAUTHORIZED,
            None,
        ),
        (
            Some(&ben),
            json!({"reason": "spam"}),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            Some(&ana),
            json!({"reason": "rude"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("reason"),
        ),
        (
            Some(&ana),
            json!({"reason": "other"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("text"),
        ),
        (
            Some(&ana),
            json!({"reason": "other", "text": "x".repeat(501)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("text"),
        ),
    ] {
        let (s, e) = flag(&app, token.map(String::as_str), spam, body).await;
        assert_eq!((s, e["error"]["field"].as_str()), (status, field), "{e}");
    }
    let (s, _) = flag(&app, Some(&ana), 999_999, json!({"reason": "spam"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(app.totals().await, before);

    // Three members' flags (weight 1 each) hide the post.
    let (s, f) = flag(&app, Some(&ana), spam, json!({"reason": "spam"})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    assert_eq!(
        (f["weight"].as_i64(), f["hidden"].as_bool()),
        (Some(1), Some(false))
    );
    let (s, e) = flag(&app, Some(&ana), spam, json!({"reason": "spam"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "flagging twice: {e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already flagged")
    );
    flag(&app, Some(&cara), spam, json!({"reason": "off_topic"})).await;
    let (_, f) = flag(
        &app,
        Some(&dan),
        spam,
        json!({"reason": "other", "text": "Selling things"}),
    )
    .await;
    assert_eq!(
        (f["weight"].as_i64(), f["hidden"].as_bool()),
        (Some(3), Some(true))
    );

    // Hidden: others see a blank post; its author and staff still read it.
    let body_of = |posts: &[Value]| {
        let p = posts
            .iter()
            .find(|p| p["id"].as_i64() == Some(spam))
            .unwrap()
            .clone();
        (
            p["hidden"].as_bool(),
            p["body"].as_str().unwrap_or_default().to_string(),
        )
    };
    assert_eq!(
        body_of(&posts_of(&app, None, topic).await),
        (Some(true), String::new())
    );
    assert_eq!(body_of(&posts_of(&app, Some(&ana), topic).await).1, "");
    assert!(
        body_of(&posts_of(&app, Some(&ben), topic).await)
            .1
            .contains("Cheap watches")
    );
    assert!(
        body_of(&posts_of(&app, Some(&mo), topic).await)
            .1
            .contains("Cheap watches")
    );
    let page = reqwest::get(app.url(&format!("/t/{topic}")))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("hidden while moderators review it") && !page.contains("Cheap watches"));
    // Nor can it be quoted or read through its history by others.
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/posts/{spam}/history"),
            Some(&ana),
            None,
        )
        .await;
    assert!(
        s == StatusCode::NOT_FOUND || s == StatusCode::METHOD_NOT_ALLOWED,
        "{s}"
    );
    let quoted = hearth::services::posts::quote(
        &app.state.hearth,
        &hearth_core::access::Actor::Member {
            id: 2,
            role: Role::Member,
            trust: 1,
            groups: Vec::new(),
        },
        topic,
        spam,
    )
    .await;
    assert!(quoted.is_err(), "a hidden post cannot be quoted by others");
    let history = reqwest::get(app.url(&format!("/p/{spam}/history")))
        .await
        .unwrap();
    assert_eq!(history.status(), StatusCode::NOT_FOUND);

    // The queue: moderators only.
    let (s, _) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&ana), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, q) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&mo), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{q}");
    let items = q["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let item = items[0]["id"].as_i64().unwrap();
    assert_eq!(items[0]["post_id"].as_i64(), Some(spam));
    assert_eq!(items[0]["weight"].as_i64(), Some(3));
    let reasons: Vec<&str> = items[0]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["spam", "off_topic", "other"]);
    let page = app
        .client_without_cookies()
        .get(app.url("/mod/queue"))
        .send()
        .await
        .unwrap();
    assert!(page.status().is_redirection() || page.status() == StatusCode::UNAUTHORIZED);

    // Bad decisions change nothing.
    let decide = |token: String, item: i64, body: Value| {
        let app = &app;
        async move {
            app.api(
                Method::POST,
                &format!("/api/v1/moderation/queue/{item}/decision"),
                Some(&token),
                Some(body),
            )
            .await
        }
    };
    let (s, e) = decide(mo.clone(), item, json!({"action": "hide", "reason": ""})).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason"))
    );
    let (s, e) = decide(mo.clone(), item, json!({"action": "ban", "reason": "x"})).await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("action"))
    );
    let (s, _) = decide(
        ana.clone(),
        item,
        json!({"action": "approve", "reason": ""}),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = decide(
        mo.clone(),
        999_999,
        json!({"action": "approve", "reason": ""}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Approve: the post shows again, the queue is empty, a second decision is refused.
    let (s, d) = decide(
        mo.clone(),
        item,
        json!({"action": "approve", "reason": "Ben sells bread too"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(
        body_of(&posts_of(&app, None, topic).await),
        (Some(false), "Cheap watches at example.test!".to_string())
    );
    let (_, q) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&mo), None)
        .await;
    assert!(q["items"].as_array().unwrap().is_empty());
    let (s, e) = decide(
        mo.clone(),
        item,
        json!({"action": "delete", "reason": "changed my mind"}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");

    // The activity log has the three flags and the decision.
    let acts = app.state.store().activities_after(0, 1000).await.unwrap();
    assert_eq!(acts.iter().filter(|a| a.kind == "flagged").count(), 3);
    assert_eq!(acts.iter().filter(|a| a.kind == "moderated").count(), 1);

    // A new flag after the decision opens a new item; a flag on a deleted post is refused.
    let (s, f) = flag(&app, Some(&cara), spam, json!({"reason": "spam"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_ne!(f["item_id"].as_i64(), Some(item));
    let gone = post(&app, &ben, topic, "Another one").await;
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/posts/{gone}"),
            Some(&ben),
            None,
        )
        .await;
    assert!(s.is_success(), "{s}");
    let (s, e) = flag(&app, Some(&ana), gone, json!({"reason": "spam"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    assert!(e["error"]["message"].as_str().unwrap().contains("deleted"));

    // A private space's posts cannot be flagged (or even found) by outsiders.
    app.space(&owner, "staff", "private").await;
    let (_, secret) = app
        .api(
            Method::POST,
            "/api/v1/spaces/staff/topics",
            Some(&owner),
            Some(json!({"title": "Rota", "body": "Who opens?"})),
        )
        .await;
    let secret_post = posts_of(&app, Some(&owner), secret["id"].as_i64().unwrap()).await[0]["id"]
        .as_i64()
        .unwrap();
    let (s, _) = flag(&app, Some(&ana), secret_post, json!({"reason": "spam"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn staff_act_only_below_them_and_everything_is_audited(app: TestApp) {
    use hearth_core::values::Role;
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    let ana = member_with_role(&app, "ana", Role::Member).await;
    let mo = member_with_role(&app, "mo", Role::Moderator).await;
    let admin = member_with_role(&app, "adele", Role::Admin).await;
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&admin),
            Some(json!({"title": "House rules", "body": "Be kind."})),
        )
        .await;
    let topic = t["id"].as_i64().unwrap();
    let rules = posts_of(&app, None, topic).await[0]["id"].as_i64().unwrap();
    // A moderator's flag on an admin's post queues it but does not hide it (it would
    // hide a member's post at once).
    let (s, f) = flag(&app, Some(&mo), rules, json!({"reason": "inappropriate"})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    assert_eq!(f["hidden"].as_bool(), Some(false));
    let item = f["item_id"].as_i64().unwrap();
    // A moderator may not act on an admin's post; nothing changes.
    let (s, e) = app
        .api(
            Method::POST,
            &format!("/api/v1/moderation/queue/{item}/decision"),
            Some(&mo),
            Some(json!({"action": "delete", "reason": "rude"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("below them")
    );
    let (_, q) = app
        .api(Method::GET, "/api/v1/moderation/queue", Some(&mo), None)
        .await;
    assert_eq!(q["items"].as_array().unwrap().len(), 1, "still open");
    // The owner can; the first post takes its topic with it.
    let (s, d) = app
        .api(
            Method::POST,
            &format!("/api/v1/moderation/queue/{item}/decision"),
            Some(&owner),
            Some(json!({"action": "delete", "reason": "Rules moved to the guidelines"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    let (s, _) = app
        .api(Method::GET, &format!("/api/v1/topics/{topic}"), None, None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The audit log: admins only, searchable, exportable.
    let (s, _) = app
        .api(Method::GET, "/api/v1/audit-log", Some(&mo), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, log) = app
        .api(Method::GET, "/api/v1/audit-log", Some(&admin), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{log}");
    let entries = log["items"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["post.deleted", "space.created"],
        "admin actions are audited too"
    );
    assert_eq!(
        (
            entries[0]["actor"].as_str(),
            entries[0]["action"].as_str(),
            entries[0]["target_id"].as_i64(),
            entries[0]["reason"].as_str()
        ),
        (
            Some("owner"),
            Some("post.deleted"),
            Some(rules),
            Some("Rules moved to the guidelines")
        )
    );
    let (_, none) = app
        .api(
            Method::GET,
            "/api/v1/audit-log?q=approved",
            Some(&admin),
            None,
        )
        .await;
    assert!(none["items"].as_array().unwrap().is_empty());
    let (_, found) = app
        .api(
            Method::GET,
            "/api/v1/audit-log?q=GUIDELINES",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let (s, e) = app
        .api(
            Method::GET,
            "/api/v1/audit-log?cursor=abc",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("cursor"))
    );
    let csv = app.get("/admin/audit.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    assert!(
        text.starts_with("id,created_at,actor,action,target_type,target_id,reason,details\n"),
        "{text}"
    );
    assert!(text.contains(",owner,post.deleted,post,"), "{text}");
    let page = app
        .get("/admin/audit?q=deleted")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("post.deleted"));

    // Editing someone else's post from the queue carries a reason into the audit log.
    let (_, mine) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&ana),
            Some(json!({"title": "Call me", "body": "My number is 555-0100."})),
        )
        .await;
    let ana_post = posts_of(&app, None, mine["id"].as_i64().unwrap()).await[0]["id"]
        .as_i64()
        .unwrap();
    let (s, e) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/posts/{ana_post}"),
            Some(&owner),
            Some(json!({"body": "My number is on request.", "reason": "x".repeat(501)})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason"))
    );
    let (s, _) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/posts/{ana_post}"),
            Some(&owner),
            Some(json!({"body": "My number is on request.", "reason": "Removed a phone number"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, found) = app
        .api(Method::GET, "/api/v1/audit-log?q=phone", Some(&admin), None)
        .await;
    let found = found["items"].as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["action"].as_str(), Some("post.edited_by_staff"));
    let form = app
        .get(&format!("/p/{ana_post}/edit"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        form.contains(r#"name="reason""#),
        "staff see the reason field"
    );

    // A private space's decisions stay out of the public moderation log.
    app.space(&owner, "staff", "private").await;
    let (_, secret) = app
        .api(
            Method::POST,
            "/api/v1/spaces/staff/topics",
            Some(&admin),
            Some(json!({"title": "Pay rise", "body": "Talk to me."})),
        )
        .await;
    let secret_post = posts_of(&app, Some(&admin), secret["id"].as_i64().unwrap()).await[0]["id"]
        .as_i64()
        .unwrap();
    let (s, f) = flag(
        &app,
        Some(&owner),
        secret_post,
        json!({"reason": "off_topic"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/moderation/queue/{}/decision", f["item_id"]),
            Some(&owner),
            Some(json!({"action": "hide", "reason": "Salaries are private"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    // The public moderation log: off until an admin publishes it; no names, no content.
    assert_eq!(
        app.get("/moderation-log").await.status(),
        StatusCode::NOT_FOUND
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/audit/public",
            &[("publish", "sideways")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(&app.client, "/admin/audit/public", &[("publish", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let public = reqwest::get(app.url("/moderation-log")).await.unwrap();
    assert_eq!(public.status(), StatusCode::OK);
    let public = public.text().await.unwrap();
    assert!(
        public.contains("A post was removed") && public.contains("Rules moved to the guidelines"),
        "{public}"
    );
    assert!(public.contains("Space help"));
    for private in [
        "adele",
        "@owner",
        "Be kind",
        "Salaries are private",
        "Space staff",
    ] {
        assert!(!public.contains(private), "{private} leaked: {public}");
    }
    assert!(
        public.contains(r#"href="/moderation-log""#),
        "linked from the footer"
    );
    let stranger = crate::support::client();
    let r = app
        .post_form(&stranger, "/admin/audit/public", &[("publish", "off")])
        .await;
    assert!(
        r.status().is_redirection() || r.status() == StatusCode::UNAUTHORIZED,
        "{}",
        r.status()
    );
    let r = app
        .post_form(&app.client, "/admin/audit/public", &[("publish", "off")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/moderation-log").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn warnings_restrictions_and_notes_are_kept_and_restrictions_end_by_themselves(app: TestApp) {
    use hearth_core::values::Role;
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    let ana_web = app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    app.member_client("ben").await;
    let ben = app.token("ben@example.com").await;
    let mo = member_with_role(&app, "mo", Role::Moderator).await;
    member_with_role(&app, "adele", Role::Admin).await;
    let id_of = |handle: &'static str| {
        let app = &app;
        async move {
            app.state
                .store()
                .member_by_handle(handle)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let (ana_id, ben_id, mo_id, adele_id) = (
        id_of("ana").await,
        id_of("ben").await,
        id_of("mo").await,
        id_of("adele").await,
    );
    let act = |token: String, path: String, body: Value| {
        let app = &app;
        async move { app.api(Method::POST, &path, Some(&token), Some(body)).await }
    };

    // Warnings: the member sees them on every page until read, and may answer once.
    let before = app.totals().await;
    for (token, who, body, status, field) in [
        (
            ana.clone(),
            ben_id,
            json!({"message": "Be nice"}),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            mo.clone(),
            adele_id,
            json!({"message": "Be nice"}),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            mo.clone(),
            mo_id,
            json!({"message": "Be nice"}),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            mo.clone(),
            ana_id,
            json!({"message": "  "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("message"),
        ),
        (
            mo.clone(),
            999_999,
            json!({"message": "Be nice"}),
            StatusCode::NOT_FOUND,
            None,
        ),
    ] {
        let (s, e) = act(token, format!("/api/v1/members/{who}/warnings"), body).await;
        assert_eq!((s, e["error"]["field"].as_str()), (status, field), "{e}");
    }
    assert_eq!(app.totals().await, before, "nothing written");
    let (s, w) = act(
        mo.clone(),
        format!("/api/v1/members/{ana_id}/warnings"),
        json!({"message": "Please keep replies on topic."}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    let home = ana_web
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("A moderator sent you a warning"), "banner");
    let page = ana_web
        .get(app.url("/warnings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Please keep replies on topic."));
    assert!(page.contains("action=\"/warnings/seen\""), "the seen form");
    // Reading changes nothing by itself; the page's form (posted by app.js) does.
    let r = app.post_form(&ana_web, "/warnings/seen", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let home = ana_web
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !home.contains("A moderator sent you a warning"),
        "read once opened"
    );
    let wid = w["id"].as_i64().unwrap();
    let r = app
        .post_form(
            &ana_web,
            &format!("/warnings/{wid}/reply"),
            &[("reply", "Sorry, will do.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &ana_web,
            &format!("/warnings/{wid}/reply"),
            &[("reply", "Again")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "answered once");

    // Silence: still signed in, may not post.
    for (body, field) in [
        (
            json!({"kind": "silence", "days": 0, "reason": "spam"}),
            "days",
        ),
        (json!({"kind": "silence", "reason": "spam"}), "days"),
        (json!({"kind": "ban", "days": 3, "reason": "spam"}), "days"),
        (
            json!({"kind": "exile", "days": 3, "reason": "spam"}),
            "kind",
        ),
        (
            json!({"kind": "silence", "days": 1, "reason": ""}),
            "reason",
        ),
    ] {
        let (s, e) = act(
            mo.clone(),
            format!("/api/v1/members/{ana_id}/suspensions"),
            body,
        )
        .await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{e}"
        );
    }
    // Issue 17, bug 8: "until" is on the member's clock (here the community's), not UTC.
    app.state
        .store()
        .set_community_locale("en", "America/Mexico_City")
        .await
        .unwrap();
    app.state.forget_community();
    let (s, r) = act(
        mo.clone(),
        format!("/api/v1/members/{ana_id}/suspensions"),
        json!({"kind": "silence", "days": 1, "reason": "Off-topic replies"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert!(r["ends_at"].is_string());
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&ana),
            Some(json!({"title": "Hello again", "body": "Hi"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("restricted")),
        "{e}"
    );
    let message = e["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("silenced until") && message.contains("(America/Mexico_City)"),
        "{message}"
    );
    let ends = hearth_core::events::parse_time(
        "t",
        r["ends_at"].as_str().unwrap(),
        &jiff::tz::TimeZone::UTC,
    )
    .unwrap();
    let local = jiff::Timestamp::from_millisecond(ends)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("America/Mexico_City").unwrap())
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    assert!(
        message.contains(&local),
        "{local} on Mexico City's clock: {message}"
    );
    assert_eq!(
        ana_web
            .get(app.url("/settings"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "still signed in"
    );

    // Suspension: the member's token stops working and they cannot sign in.
    let (s, _) = act(
        mo.clone(),
        format!("/api/v1/members/{ben_id}/suspensions"),
        json!({"days": 2, "reason": "Harassment"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&ben), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let r = app
        .post_form(
            &crate::support::client(),
            "/login",
            &[
                ("email", "ben@example.com"),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("suspended until"));

    // Private notes: staff only.
    let (s, _) = act(
        mo.clone(),
        format!("/api/v1/members/{ana_id}/notes"),
        json!({"note": "Talked in the shop; friendly."}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = act(
        ana.clone(),
        format!("/api/v1/members/{ben_id}/notes"),
        json!({"note": "hmm"}),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let record = ana_web
        .get(app.url("/mod/members/ana"))
        .send()
        .await
        .unwrap();
    assert_eq!(record.status(), StatusCode::FORBIDDEN);
    let record = app.get("/mod/members/ana").await.text().await.unwrap();
    assert!(
        record.contains("Talked in the shop")
            && record.contains("Sorry, will do.")
            && record.contains("Off-topic replies")
    );

    // Both end by themselves when the scheduler runs past their end.
    let later = hearth_store::now_millis() + 3 * 86_400_000;
    hearth::jobs::schedule_due(&app.state.hearth, later)
        .await
        .unwrap();
    let store = app.state.store();
    assert!(
        store
            .active_restriction(ana_id, later)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .member(ben_id)
            .await
            .unwrap()
            .unwrap()
            .suspended_until
            .is_none()
    );
    let (s, _) = app.api(Method::GET, "/api/v1/me", Some(&ben), None).await;
    assert_eq!(s, StatusCode::OK, "the token works again");
    hearth::jobs::schedule_due(&app.state.hearth, later + 60_000)
        .await
        .unwrap();
    let acts = store.activities_after(0, 1000).await.unwrap();
    assert_eq!(
        acts.iter()
            .filter(|a| a.kind == "restriction_ended")
            .count(),
        2,
        "each ends once"
    );
    assert_eq!(acts.iter().filter(|a| a.kind == "member_warned").count(), 1);
    assert_eq!(
        acts.iter()
            .filter(|a| a.kind == "member_restricted")
            .count(),
        2
    );
    assert_eq!(
        acts.iter().filter(|a| a.kind == "mod_note_added").count(),
        1
    );
    let log: Vec<_> = store
        .audit_page(None, "member.", 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.action.starts_with("member."))
        .collect();
    let actions: Vec<&str> = log.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "member.restriction_ended",
            "member.restriction_ended",
            "member.noted",
            "member.suspended",
            "member.silenced",
            "member.warned"
        ]
    );
    assert!(log[0].actor_id.is_none(), "ended by the scheduler");
    assert!(log[2].reason.is_none(), "the note itself is not in the log");
}
