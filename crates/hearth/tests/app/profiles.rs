//! Profiles and the member directory over HTTP, on both databases: editing a profile, bad
//! input named, hiding from the directory and hiding activity, the directory's filters.

use crate::both_databases;
use crate::support::{TestApp, client};
use reqwest::StatusCode;

both_databases!(members_describe_themselves_and_find_each_other);

async fn members_describe_themselves_and_find_each_other(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let ana = app.member_client("ana").await;
    let ben = app.member_client("ben").await;
    let text = |r: reqwest::Response| async move { (r.status(), r.text().await.unwrap()) };
    let listed = |page: &str, handle: &str| {
        page.contains(&format!("class=\"directory-name\"><a href=\"/u/{handle}\""))
    };
    // Bad input is named and changes nothing.
    for (fields, field) in [
        (vec![("links", "javascript:alert(1)")], "links"),
        (
            vec![(
                "links",
                "https://a.example\nhttps://b.example\nhttps://c.example\nhttps://d.example\nhttps://e.example\nhttps://f.example",
            )],
            "links",
        ),
        (vec![("bio", "x".repeat(501).leak() as &str)], "bio"),
        (vec![("location", "Lyon\u{0007}")], "location"),
    ] {
        let (status, page) = text(app.post_form(&ana, "/settings/profile", &fields).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(page.contains(field), "{field}: {page}");
    }
    let r = app
        .post_form(
            &ana,
            "/settings/profile",
            &[
                ("bio", "I bake <b>rye</b> on Sundays."),
                ("location", "Lyon"),
                ("links", "https://ana.example/blog"),
                ("hide_activity", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, t) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/spaces/kitchen/topics",
            Some(&app.token("ana@example.com").await),
            Some(serde_json::json!({"title": "Rye tips", "body": "Use a hot oven."})),
        )
        .await;
    assert!(t["id"].is_i64(), "{t}");
    let (_, page) = text(client().get(app.url("/u/ana")).send().await.unwrap()).await;
    assert!(
        page.contains("I bake &lt;b&gt;rye&lt;&#x2f;b&gt; on Sundays.")
            || page.contains("I bake &lt;b&gt;rye&lt;/b&gt; on Sundays."),
        "escaped: {page}"
    );
    assert!(
        page.contains("href=\"https:&#x2f;&#x2f;ana.example&#x2f;blog\"")
            || page.contains("href=\"https://ana.example/blog\""),
        "{page}"
    );
    assert!(page.contains("rel=\"nofollow ugc noopener\""));
    assert!(
        !page.contains("Rye tips") && page.contains("keeps their activity to themselves"),
        "activity hidden from others"
    );
    let (_, own) = text(ana.get(app.url("/u/ana")).send().await.unwrap()).await;
    assert!(own.contains("Rye tips"), "but not from herself");

    // The directory: signed-in members only; Ben hides.
    let r = client().get(app.url("/members")).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "anonymous visitors are sent to sign in"
    );
    app.post_form(&ben, "/settings/profile", &[("hide_from_directory", "1")])
        .await;
    let (status, page) = text(ana.get(app.url("/members")).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("/u/ana") && page.contains("/u/owner") && !page.contains("/u/ben"),
        "{page}"
    );
    let (_, page) = text(
        ana.get(app.url("/members?location=lyo"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(listed(&page, "ana") && !listed(&page, "owner"));
    let (_, page) = text(
        ana.get(app.url("/members?role=owner"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!listed(&page, "ana") && listed(&page, "owner"));
    let (status, page) = text(
        ana.get(app.url("/members?trust_level=9"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("trust_level"));
    let (status, page) = text(
        ana.get(app.url("/members?group=staff"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "groups open private spaces: members do not list them"
    );
    assert!(page.contains("only admins filter by group"));
    for bad in [
        "/members?q=%00",
        "/members?location=a%00b",
        "/members?cursor=%00",
    ] {
        let (status, _) = text(ana.get(app.url(bad)).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let (status, _) = text(
        app.client
            .get(app.url("/members?group=nosuch"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an admin's unknown group is named"
    );
}
