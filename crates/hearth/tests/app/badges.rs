//! Badges: built-ins granted by the stream consumer as members act, a new badge granted
//! retroactively to exactly those who qualify (counted here independently, from what the
//! test wrote), the forum's counts in the condition language, errors named by column,
//! pictures served sandboxed, and badges beside names on the topic page and the profile.

use crate::both_databases;
use crate::points::{activity, drain, post_row, topic, world};
use crate::support::TestApp;
use base64::Engine;
use hearth_core::activity as k;
use hearth_store::Arg;
use reqwest::{Method, StatusCode};
use serde_json::json;

both_databases!(
    a_new_badge_is_granted_to_everyone_who_qualifies_and_shows_beside_names,
    badges_count_what_members_did_and_refuse_bad_input_by_name,
);

async fn holders(app: &TestApp, slug: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = app
        .state
        .store()
        .db
        .fetch_all(
            "SELECT mb.member_id FROM member_badges mb JOIN badges b ON b.id = mb.badge_id WHERE b.slug = $1",
            &[Arg::Text(slug)],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.i64("member_id").unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

async fn a_new_badge_is_granted_to_everyone_who_qualifies_and_shows_beside_names(app: TestApp) {
    let w = world(&app, 6).await;
    let store = app.state.store().clone();
    let now = hearth_store::now_millis();
    // Member i writes i posts (a topic, then replies in it): the reference is i itself.
    let mut topics = std::collections::HashMap::new();
    for (i, m) in w.members.iter().enumerate() {
        if i == 0 {
            continue;
        }
        let (t, _) = topic(&store, w.space, *m, now - 1000).await;
        activity(
            &store,
            *m,
            k::TOPIC_STARTED,
            ("topic", t),
            w.space,
            now - 1000,
        )
        .await;
        topics.insert(*m, t);
        for n in 1..i {
            let p = post_row(&store, t, *m, 10 + n as i64, now - 900).await;
            activity(&store, *m, k::REPLIED, ("post", p), w.space, now - 900).await;
        }
    }
    drain(&store).await;
    // The built-in "first post" went to everyone who wrote one, by the consumer.
    assert_eq!(holders(&app, "first-post").await, w.members[1..].to_vec());
    let owner = app.token("owner@example.com").await;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><circle cx="5" cy="5" r="4"/></svg>"#;
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/badges",
            Some(&owner),
            Some(json!({
                "name": "Regular Baker",
                "description": "Three posts or more",
                "condition": "posts >= 3",
                "image": format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)),
            })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["slug"], "regular-baker");
    // Members 3, 4 and 5 wrote at least three posts.
    let want = w.members[3..].to_vec();
    assert_eq!(v["granted"], want.len());
    assert_eq!(holders(&app, "regular-baker").await, want);
    let badge = v["id"].as_i64().unwrap();
    let n = store
        .db
        .fetch_one(
            "SELECT COUNT(*) AS n FROM activities WHERE kind = 'badge_granted' AND target_id = $1",
            &[Arg::I64(badge)],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(n, want.len() as i64, "one badge_granted activity per grant");
    // Member 2 writes a third post: the consumer grants it, once.
    let p = post_row(&store, topics[&w.members[2]], w.members[2], 99, now).await;
    activity(&store, w.members[2], k::REPLIED, ("post", p), w.space, now).await;
    drain(&store).await;
    drain(&store).await;
    assert_eq!(
        holders(&app, "regular-baker").await,
        w.members[2..].to_vec()
    );
    // The picture is served as a sandboxed document that may load nothing.
    let r = app.get(v["image_url"].as_str().unwrap()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("sandbox") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    // Beside names on the topic page, and on the profile.
    let page = app
        .get(&format!("/t/{}", topics[&w.members[2]]))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("title=\"Regular Baker\""),
        "the badge is beside the name"
    );
    let profile = app.get("/u/baker4").await.text().await.unwrap();
    assert!(profile.contains("Regular Baker") && profile.contains("First post"));
    // The list, the members' page and deletion.
    let (_, list) = app
        .api(Method::GET, "/api/v1/badges", Some(&owner), None)
        .await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 8, "seven built in and one made");
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/badges/{}", items[0]["id"]),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "a built-in badge stays");
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/badges/{badge}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert!(holders(&app, "regular-baker").await.is_empty());
}

async fn badges_count_what_members_did_and_refuse_bad_input_by_name(app: TestApp) {
    let w = world(&app, 4).await;
    let store = app.state.store().clone();
    let now = hearth_store::now_millis();
    let [a, b, c, d] = [w.members[0], w.members[1], w.members[2], w.members[3]];
    // a's first topic: b replies first, then c. a's second topic: c replies first (not a
    // newcomer any more). d's first topic: c replies first. b's answer is accepted; d's
    // idea is done.
    let (t1, _) = topic(&store, w.space, a, now - 5000).await;
    let rb = post_row(&store, t1, b, 2, now - 4900).await;
    post_row(&store, t1, c, 3, now - 4800).await;
    let (t2, _) = topic(&store, w.space, a, now - 4000).await;
    post_row(&store, t2, c, 2, now - 3900).await;
    let (t3, _) = topic(&store, w.space, d, now - 3000).await;
    post_row(&store, t3, c, 2, now - 2900).await;
    store
        .db
        .execute(
            "UPDATE topics SET answer_post_id = $1 WHERE id = $2",
            &[Arg::I64(rb), Arg::I64(t1)],
        )
        .await
        .unwrap();
    store
        .db
        .execute(
            "UPDATE topics SET kind = 'idea', idea_status = 'done' WHERE id = $1",
            &[Arg::I64(t3)],
        )
        .await
        .unwrap();
    let count = |text: &'static str| {
        let store = store.clone();
        async move {
            let c = hearth_core::condition::parse(text).unwrap();
            let mut ids: Vec<i64> = store
                .condition_members(&c, hearth_store::now_millis(), 0, 100)
                .await
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect();
            ids.sort_unstable();
            ids
        }
    };
    assert_eq!(count("welcomed >= 1").await, vec![b, c]);
    assert_eq!(
        count("welcomed >= 2").await,
        Vec::<i64>::new(),
        "c was first on t2, which was not a first topic, and second on t1"
    );
    assert_eq!(count("accepted_answers >= 1").await, vec![b]);
    assert_eq!(count("ideas_shipped >= 1").await, vec![d]);
    assert_eq!(count("posts >= 3").await, vec![c]);
    // No activity was written, so nobody has points yet.
    assert_eq!(
        count("posts >= 1 and level = 1 and points = 0").await,
        vec![a, b, c, d]
    );
    // The nightly sweep grants what the stream never saw: first post (4), first answer
    // (b) and idea shipped (d).
    assert_eq!(
        store
            .grant_badges(None, hearth_store::now_millis())
            .await
            .unwrap(),
        6
    );
    assert_eq!(
        store
            .grant_badges(None, hearth_store::now_millis())
            .await
            .unwrap(),
        0,
        "never twice"
    );
    assert_eq!(count("badge = first-post").await, vec![a, b, c, d]);
    assert_eq!(count("badge = first-answer").await, vec![b]);
    assert_eq!(count("badge = idea-shipped").await, vec![d]);

    let owner = app.token("owner@example.com").await;
    let member = app.token("baker0@example.com").await;
    for (body, field, says) in [
        (
            json!({"name": "X", "condition": "posts >= lots"}),
            "condition",
            "column 10",
        ),
        (
            json!({"name": "X", "condition": "slipping"}),
            "condition",
            "slipping",
        ),
        (json!({"name": "X", "condition": ""}), "condition", ""),
        (json!({"name": "", "condition": "posts > 1"}), "name", ""),
        (json!({"name": "<>", "condition": "posts > 1"}), "name", ""),
        (
            json!({"name": "X", "condition": "posts > 1", "image": "not base64!"}),
            "image",
            "",
        ),
        (
            json!({"name": "X", "condition": "posts > 1", "image": base64::engine::general_purpose::STANDARD.encode(b"<html>hello</html>")}),
            "image",
            "",
        ),
        (
            json!({"name": "First post", "condition": "posts > 1"}),
            "name",
            "",
        ),
    ] {
        let (s, v) = app
            .api(
                Method::POST,
                "/api/v1/badges",
                Some(&owner),
                Some(body.clone()),
            )
            .await;
        assert!(s.is_client_error(), "{body}: {s} {v}");
        assert_eq!(v["error"]["field"], field, "{body}: {v}");
        assert!(
            v["error"]["message"].as_str().unwrap().contains(says),
            "{body}: {v}"
        );
    }
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/badges",
            Some(&member),
            Some(json!({"name": "Mine", "condition": "posts > 0"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (_, list) = app
        .api(Method::GET, "/api/v1/badges", Some(&member), None)
        .await;
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        7,
        "nothing was made"
    );
    // HTML in a name is text on the members' page.
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/badges",
            Some(&owner),
            Some(json!({"name": "<b>Bold</b> baker", "condition": "posts >= 1"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let page = app.get("/badges").await.text().await.unwrap();
    assert!(
        page.contains("&lt;b&gt;Bold&lt;") && !page.contains("<b>Bold</b>"),
        "{}",
        &page[page.find("Bold").map_or(0, |i| i.saturating_sub(40))..][..120.min(page.len())]
    );
    let admin = app.get("/admin/badges").await;
    assert_eq!(admin.status(), StatusCode::OK);
}
