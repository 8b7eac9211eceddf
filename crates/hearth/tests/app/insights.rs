//! Insights over HTTP: the numbers for a community whose every activity the test wrote
//! (pushed with known dates through the activities API), on both databases; each bad
//! filter answered with the field it names; who may ask.

use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(
    sentiment_counts_clear_posts_takes_corrections_and_keeps_to_what_the_reader_sees,
    goals_track_a_target_by_a_day_and_refuse_what_cannot_be_measured,
    levels_rank_members_by_weighted_activity_and_refuse_bad_weights,
    member_value_compares_members_with_matched_customers_over_the_same_days,
    churn_risk_is_measured_on_a_month_it_never_saw_and_says_when_history_is_short,
    who_helps_whom_ranks_champions_and_bridges_from_every_channel,
    who_helps_whom_refuses_bad_limits_and_strangers_and_says_when_nobody_helped,
    top_content_keeps_to_the_filters_and_the_spaces_the_asker_may_see,
    each_node_counts_what_any_node_wrote,
    insights_open_to_moderators_only_when_an_admin_says_so,
    insights_count_exactly_what_members_did,
    insights_refuse_bad_filters_by_name_and_strangers,
    insights_on_a_community_with_no_activity_say_zero,
);

/// Waits until this node's engine holds at least `rows` activities.
async fn wait_for_engine(app: &TestApp, token: &str, rows: u64) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (s, v) = app
            .api(Method::GET, "/api/v1/insights/summary", Some(token), None)
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        if v["engine"]["ready"] == true && v["engine"]["rows"].as_u64().unwrap_or(0) >= rows {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the engine never caught up: {v}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Signs up `mo` and makes them a moderator (the admin pages do it; the test goes
/// straight to the row); their token.
async fn moderator(app: &TestApp) -> String {
    let _ = app.member_client("mo").await;
    app.state
        .hearth
        .store
        .db
        .execute(
            "UPDATE members SET role = 'moderator' WHERE handle = 'mo'",
            &[],
        )
        .await
        .unwrap();
    app.token("mo@example.com").await
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let (s, v) = app.api(Method::GET, path, Some(token), None).await;
    assert_eq!(s, StatusCode::OK, "{path}: {v}");
    v
}

async fn insights_count_exactly_what_members_did(app: TestApp) {
    app.setup().await;
    let token = app.token("owner@example.com").await;
    // Three people on Discord, on known days (UTC, the community's clock): ana on the
    // 2nd, 3rd and 10th of March 2025, bo on the 3rd and in April, cy once on the 10th.
    // An order is commerce, not participation: it counts nowhere.
    let push = |who: &str, at: &str, kind: &str| json!({"member": {"channel": "discord", "external_id": who}, "channel": "discord", "kind": kind, "occurred_at": at});
    let batch = json!([
        push("ana", "2025-03-02T09:00:00Z", "message_sent"),
        push("ana", "2025-03-03T09:00:00Z", "message_sent"),
        push("ana", "2025-03-03T18:00:00Z", "reaction_added"),
        push("bo", "2025-03-03T23:59:00Z", "message_sent"),
        push("ana", "2025-03-10T09:00:00Z", "message_replied"),
        push("cy", "2025-03-10T12:00:00Z", "custom:voice_joined"),
        push("bo", "2025-04-15T12:00:00Z", "message_sent"),
        push("dee", "2025-03-05T12:00:00Z", "purchased"),
    ]);
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&token),
            Some(batch),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // The owner's own `joined` is today; seven pushed rows count.
    wait_for_engine(&app, &token, 8).await;
    let q = "from=2025-03-01&to=2025-03-31&channel=discord";

    let v = get(
        &app,
        &token,
        &format!("/api/v1/insights/active?{q}&period=day"),
    )
    .await;
    let days: Vec<(String, u64)> = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["active"].as_u64().unwrap() > 0)
        .map(|d| {
            (
                d["start"].as_str().unwrap().to_string(),
                d["active"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2025-03-02".to_string(), 1),
            ("2025-03-03".to_string(), 2),
            ("2025-03-10".to_string(), 2)
        ]
    );
    assert_eq!(
        v["series"].as_array().unwrap().len(),
        31,
        "every day, zeros included"
    );
    let v = get(
        &app,
        &token,
        &format!("/api/v1/insights/active?{q}&period=week"),
    )
    .await;
    // The first week started before the 1st and the last runs past the 31st.
    let partial: Vec<bool> = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["partial"].as_bool().unwrap())
        .collect();
    assert_eq!(partial, [true, false, false, false, false, true]);
    let weeks: Vec<(&str, u64)> = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["start"].as_str().unwrap(), d["active"].as_u64().unwrap()))
        .collect();
    // ISO weeks start on Monday: 24 Feb (the 1st and 2nd), 3 Mar, 10 Mar, 17, 24, 31 Mar.
    assert_eq!(
        weeks,
        [
            ("2025-02-24", 1),
            ("2025-03-03", 2),
            ("2025-03-10", 2),
            ("2025-03-17", 0),
            ("2025-03-24", 0),
            ("2025-03-31", 0)
        ]
    );
    // Asked on Tokyo's clock (UTC+9), bo's 23:59 and ana's 18:00 UTC on the 3rd are
    // already the 4th.
    let v = get(
        &app,
        &token,
        &format!("/api/v1/insights/active?{q}&period=day&tz=Asia/Tokyo"),
    )
    .await;
    let fourth = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["start"] == "2025-03-04")
        .unwrap();
    assert_eq!(fourth["active"], 2);
    assert_eq!(v["tz"], "Asia/Tokyo");

    // Monthly cohorts: all three first seen in March; bo came back in April.
    let v = get(
        &app,
        &token,
        "/api/v1/insights/retention?from=2025-03-01&to=2025-04-30&cohort=month&channel=discord",
    )
    .await;
    assert_eq!(
        v["cohorts"],
        json!([
            {"start": "2025-03-01", "size": 3, "retained": [3, 1], "partial": [false, false]},
            {"start": "2025-04-01", "size": 0, "retained": [0], "partial": [false]},
        ])
    );
    // Weekly cohorts over March: the week of 24 February starts before the range and the
    // week of 31 March ends after it, so the cells that fall in them are partial.
    let v = get(
        &app,
        &token,
        "/api/v1/insights/retention?from=2025-03-01&to=2025-03-31&cohort=week&channel=discord",
    )
    .await;
    let cohorts = v["cohorts"].as_array().unwrap();
    assert_eq!(cohorts[0]["start"], "2025-02-24", "{v}");
    assert_eq!(cohorts[0]["partial"][0], true, "{v}");
    for c in cohorts {
        let partial = c["partial"].as_array().unwrap();
        assert_eq!(partial.len(), c["retained"].as_array().unwrap().len());
        assert_eq!(
            partial.last(),
            Some(&json!(true)),
            "the week of 31 March: {v}"
        );
        if c["start"] != "2025-02-24" && c["start"] != "2025-03-31" {
            assert_eq!(partial[0], false, "{v}");
        }
    }
    // A segment narrows to matching members: only those with an identity on Discord
    // whose handle... here, everyone pushed is a contact; the owner is an account.
    let v = get(
        &app,
        &token,
        "/api/v1/insights/summary?from=2025-03-01&to=2025-03-31&segment=kind+%3D+contact",
    )
    .await;
    assert_eq!(v["active_members"]["now"], 3, "{v}");
    assert_eq!(v["new_members"]["now"], 3, "{v}");
    assert_eq!(v["members"]["now"], 3, "{v}");
    let v = get(
        &app,
        &token,
        "/api/v1/insights/summary?from=2025-03-01&to=2025-03-31&segment=kind+%3D+account",
    )
    .await;
    assert_eq!(
        v["active_members"]["now"], 0,
        "the owner did nothing in March: {v}"
    );

    let v = get(
        &app,
        &token,
        "/api/v1/insights/growth?from=2025-03-01&to=2025-04-30&period=month",
    )
    .await;
    assert_eq!(v["series"][0]["new"], 3);
    assert_eq!(v["series"][0]["by_channel"], json!({"discord": 3}));
    assert_eq!(v["series"][1]["members"], 3);
    assert_eq!(
        v["growth_rate"],
        Value::Null,
        "no members before: no rate, not infinity"
    );

    let v = get(&app, &token, &format!("/api/v1/insights/contributors?{q}")).await;
    assert_eq!(
        v["contributors"], 0,
        "messages on Discord are not topics or replies in the hub"
    );
    assert_eq!(v["funnel"]["active"], 3);
}

/// Asks `/api/v1/insights/{path_and_query}` and expects a 422 naming `field`; the error.
async fn refused(app: &TestApp, token: &str, path_and_query: &str, field: &str) -> Value {
    let (s, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/insights/{path_and_query}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path_and_query}: {v}");
    assert_eq!(v["error"]["field"], field, "{path_and_query}: {v}");
    v
}

async fn insights_refuse_bad_filters_by_name_and_strangers(app: TestApp) {
    app.setup().await;
    let token = app.token("owner@example.com").await;
    wait_for_engine(&app, &token, 0).await;
    for (query, field, words) in [
        ("from=2026-05-01&to=2026-04-01", "to", "on or after"),
        ("from=1926-01-01&to=2026-01-01", "from", "3660 days"),
        ("from=2026-02-30", "from", "a date like"),
        ("period=fortnight", "period", "day, week or month"),
        ("range=5y", "range", "7d, 30d"),
        ("tz=Mars/Olympus", "tz", "not a known time zone"),
        ("segment=spend+%3E%3D+lots", "segment", "column"),
        ("space=nowhere", "space", "no space"),
        ("staff=maybe", "staff", "true or false"),
    ] {
        for path in ["summary", "active", "retention", "support", "champions"] {
            let v = refused(&app, &token, &format!("{path}?{query}"), field).await;
            let message = v["error"]["message"].as_str().unwrap();
            assert!(message.contains(words), "{path}?{query}: {message}");
        }
    }
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/insights/retention?cohort=year",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("cohort"))
    );
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/insights/support?hours=0",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("hours"))
    );
    // A member is refused; so is a stranger without a token.
    let _member = app.member_client("ana").await;
    let member_token = app.token("ana@example.com").await;
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/insights/summary",
            Some(&member_token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let (s, _) = app
        .api(Method::GET, "/api/v1/insights/summary", None, None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let r = app
        .client_without_cookies()
        .get(app.url("/admin/insights/active.csv"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        r.status(),
        StatusCode::OK,
        "the downloads are not open to the signed-out"
    );
}

async fn insights_on_a_community_with_no_activity_say_zero(app: TestApp) {
    app.setup().await;
    let token = app.token("owner@example.com").await;
    wait_for_engine(&app, &token, 0).await;
    let v = get(
        &app,
        &token,
        "/api/v1/insights/support?from=2020-01-01&to=2020-12-31",
    )
    .await;
    assert_eq!(
        (v["asked"].as_u64(), v["answered_share"].clone()),
        (Some(0), Value::Null)
    );
    let v = get(
        &app,
        &token,
        "/api/v1/insights/first-response?from=2020-01-01&to=2020-12-31",
    )
    .await;
    assert_eq!(
        v["median_seconds"],
        Value::Null,
        "no answers: no median, not zero"
    );
    let v = get(
        &app,
        &token,
        "/api/v1/insights/retention?from=2020-01-01&to=2020-03-31&cohort=month",
    )
    .await;
    assert_eq!(v["cohorts"].as_array().unwrap().len(), 3);
    assert!(
        v["cohorts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["size"] == 0)
    );
    let v = get(
        &app,
        &token,
        "/api/v1/insights/contributors?from=2020-01-01&to=2020-12-31",
    )
    .await;
    assert_eq!(v["absence_factor"], 0);
    // The far end of the calendar is a range like any other, not a crash.
    let v = get(
        &app,
        &token,
        "/api/v1/insights/support?from=9999-12-01&to=9999-12-31",
    )
    .await;
    assert_eq!(v["asked"], 0);
    let r = app
        .get("/admin/insights?from=9999-12-01&to=9999-12-31")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // The cohort tabs keep the filters and say `cohort` once.
    let r = app.get("/admin/insights?range=90d&cohort=month").await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    let tab = page
        .split("href=\"")
        .find(|h| h.starts_with("/admin/insights?") && h.contains("cohort=week"))
        .expect("a tab to weekly cohorts");
    let tab = &tab[..tab.find('"').unwrap()].replace("&amp;", "&");
    assert_eq!(tab.matches("cohort=").count(), 1, "{tab}");
    assert_eq!(app.get(tab).await.status(), StatusCode::OK, "{tab}");
    // The page too: no charts of nothing without a word, no NaN.
    let r = app
        .get("/admin/insights?from=2020-01-01&to=2020-01-31")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(
        !page.contains("NaN") && !page.contains("inf%") && !page.contains(">inf<"),
        "no NaN or infinity on the page"
    );
}

async fn insights_open_to_moderators_only_when_an_admin_says_so(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let mo = moderator(&app).await;
    let summary = |token: String| {
        let app = &app;
        async move {
            app.api(Method::GET, "/api/v1/insights/summary", Some(&token), None)
                .await
                .0
        }
    };
    assert_eq!(
        summary(mo.clone()).await,
        StatusCode::FORBIDDEN,
        "admins only by default"
    );
    let (s, v) = app
        .api(Method::GET, "/api/v1/insights/viewers", Some(&owner), None)
        .await;
    assert_eq!((s, v["role"].as_str()), (StatusCode::OK, Some("admin")));
    // A moderator cannot open the door for themselves.
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/viewers",
            Some(&mo),
            Some(json!({"role": "moderator"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .api(
            Method::PUT,
            "/api/v1/insights/viewers",
            Some(&owner),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("role"))
    );
    let (s, v) = app
        .api(
            Method::PUT,
            "/api/v1/insights/viewers",
            Some(&owner),
            Some(json!({"role": "moderator"})),
        )
        .await;
    assert_eq!(
        (s, v["role"].as_str()),
        (StatusCode::OK, Some("moderator")),
        "{v}"
    );
    assert_eq!(summary(mo.clone()).await, StatusCode::OK);
    // A moderator does not read people's records: no segments (counts could tell one
    // member's spend), and no private space they were not given.
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/insights/summary?segment=spend+%3E+100",
            Some(&mo),
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("segment")),
        "{v}"
    );
    app.space(&owner, "back-office", "private").await;
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/insights/summary?space=back-office",
            Some(&mo),
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("space")),
        "{v}"
    );
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/insights/summary?space=back-office",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "admins see every space");
    // Members never: the numbers span private spaces.
    let _ = app.member_client("ann").await;
    let ann = app.token("ann@example.com").await;
    assert_eq!(summary(ann).await, StatusCode::FORBIDDEN);
    // The change is in the audit log, and the page's form does the same.
    let (s, v) = app
        .api(Method::GET, "/api/v1/audit-log", Some(&owner), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "insights.viewers_changed"),
        "{v}"
    );
    let r = app
        .post_form(&app.client, "/admin/insights/viewers", &[("role", "admin")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(summary(mo).await, StatusCode::FORBIDDEN, "closed again");
}

/// Two nodes on one database (on SQLite, two servers sharing the file): each keeps its own
/// copy of the log from the stream, so a write through one is counted by both within a few
/// seconds (each reads what is new every second).
async fn each_node_counts_what_any_node_wrote(app: TestApp) {
    app.setup().await;
    let token = app.token("owner@example.com").await;
    let other = app.another_node().await;
    wait_for_engine(&app, &token, 1).await;
    wait_for_engine(&other, &token, 1).await;
    let batch = json!([
        {"member": {"channel": "discord", "external_id": "zed"}, "channel": "discord", "kind": "message_sent", "occurred_at": "2025-05-05T10:00:00Z"},
        {"member": {"channel": "discord", "external_id": "yan"}, "channel": "discord", "kind": "message_sent", "occurred_at": "2025-05-05T11:00:00Z"},
    ]);
    let (s, v) = other
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&token),
            Some(batch),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let started = std::time::Instant::now();
    for node in [&app, &other] {
        loop {
            let v = get(
                node,
                &token,
                "/api/v1/insights/active?from=2025-05-05&to=2025-05-05&period=day",
            )
            .await;
            if v["series"][0]["active"] == 2 {
                break;
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(10),
                "a node never counted the other's write: {v}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    eprintln!(
        "both nodes counted the write within {:?}",
        started.elapsed()
    );
}

async fn top_content_keeps_to_the_filters_and_the_spaces_the_asker_may_see(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let _ = app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    app.space(&owner, "open", "public").await;
    app.space(&owner, "back-office", "private").await;
    let topic = |space: &'static str, title: &'static str| {
        let (app, owner) = (&app, owner.clone());
        async move {
            let (s, v) = app
                .api(
                    Method::POST,
                    &format!("/api/v1/spaces/{space}/topics"),
                    Some(&owner),
                    Some(json!({"title": title, "body": "Tell us.", "kind": "discussion"})),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
            v["id"].as_i64().unwrap()
        }
    };
    let loaves = topic("open", "Loaves").await;
    let rolls = topic("open", "Rolls").await;
    let secret = topic("back-office", "Staff rota <b>").await;
    let reply = |token: String, t: i64| {
        let app = &app;
        async move {
            let (s, v) = app
                .api(
                    Method::POST,
                    &format!("/api/v1/topics/{t}/posts"),
                    Some(&token),
                    Some(json!({"body": "Yes!"})),
                )
                .await;
            assert!(s.is_success(), "{v}");
        }
    };
    // Rolls: two replies by the owner; loaves: one by ana; the private topic: three.
    reply(owner.clone(), rolls).await;
    reply(owner.clone(), rolls).await;
    reply(ana.clone(), loaves).await;
    for _ in 0..3 {
        reply(owner.clone(), secret).await;
    }
    let ana_id = app
        .state
        .store()
        .member_by_email("ana@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.state
        .store()
        .change_tags(&[ana_id], &["regular".to_string()], &[], None, 1)
        .await
        .unwrap();
    let replied = |v: &Value| -> Vec<(i64, u64)> {
        v["most_replied"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["topic_id"].as_i64().unwrap(),
                    t["replies"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let v = get(&app, &owner, "/api/v1/insights/top-content?range=7d").await;
    assert_eq!(replied(&v), [(secret, 3), (rolls, 2), (loaves, 1)], "{v}");
    assert_eq!(v["most_replied"][0]["title"], "Staff rota <b>");
    assert_eq!(
        (
            v["other_channel"].as_bool(),
            v["reads_not_narrowed"].as_bool()
        ),
        (Some(false), Some(false))
    );
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/top-content?range=7d&space=open",
    )
    .await;
    assert_eq!(replied(&v), [(rolls, 2), (loaves, 1)], "{v}");
    // A segment: its members' replies only; views cannot be narrowed, and it says so.
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/top-content?range=7d&segment=tag+%3D+%22regular%22",
    )
    .await;
    assert_eq!(replied(&v), [(loaves, 1)], "{v}");
    assert_eq!(v["reads_not_narrowed"], true);
    // Topics live on the hub: another channel gives empty lists that say why.
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/top-content?range=7d&channel=discord",
    )
    .await;
    assert_eq!(
        (replied(&v), v["other_channel"].as_bool()),
        (vec![], Some(true))
    );
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/top-content?range=7d&channel=hub",
    )
    .await;
    assert_eq!(replied(&v).len(), 3);
    // A moderator let into Insights never reads a private space's titles.
    let mo = moderator(&app).await;
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/viewers",
            Some(&owner),
            Some(json!({"role": "moderator"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let v = get(&app, &mo, "/api/v1/insights/top-content?range=7d").await;
    assert_eq!(replied(&v), [(rolls, 2), (loaves, 1)], "{v}");
    assert!(!v.to_string().contains("Staff rota"), "{v}");
    // Members never, and a bad filter is named.
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/insights/top-content",
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/insights/top-content?from=2025-02-30",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("from"))
    );
    // The page shows the same lists and says why when they are empty.
    let page = app
        .client
        .get(app.url("/admin/insights?range=7d&channel=discord"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Topics and replies live on the hub"),
        "the page explains"
    );
}

/// Replies pushed from Slack with their target member, and a reply on the hub: zoe
/// helped three members, so the help flows to her; yan helped one; ana, helped by both,
/// lies between them.
async fn who_helps_whom_ranks_champions_and_bridges_from_every_channel(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let slack = |who: &str| json!({"channel": "slack", "external_id": who});
    let reply = |who: &str, to: &str, at: &str| json!({"member": slack(who), "channel": "slack", "kind": "message_replied", "occurred_at": at, "target_member": slack(to)});
    let batch = json!([
        reply("zoe", "ana", "2025-03-02T09:00:00Z"),
        reply("zoe", "bo", "2025-03-03T09:00:00Z"),
        reply("zoe", "cy", "2025-03-04T09:00:00Z"),
        reply("zoe", "ana", "2025-03-05T09:00:00Z"),
        reply("yan", "ana", "2025-03-06T09:00:00Z"),
        // A reply to oneself is no help.
        reply("yan", "yan", "2025-03-07T09:00:00Z"),
        // The same form as `member`: a handle names a hub account.
        json!({"member": slack("zoe"), "channel": "slack", "kind": "message_replied", "occurred_at": "2025-03-08T09:00:00Z", "target_member": "@owner"}),
    ]);
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&owner),
            Some(batch),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    wait_for_engine(&app, &owner, 8).await;
    let q = "from=2025-03-01&to=2025-03-31";
    let v = get(&app, &owner, &format!("/api/v1/insights/champions?{q}")).await;
    assert_eq!(v["from"], "2025-03-01");
    // zoe, ana, bo, cy, yan and the owner.
    assert_eq!(
        (v["members"].as_u64(), v["acts"].as_u64()),
        (Some(6), Some(6)),
        "{v}"
    );
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    let total: f64 = items.iter().map(|i| i["score"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-6, "scores sum to 1: {total}");
    let zoe = &items[0];
    assert_eq!(
        (
            zoe["helps"].as_u64(),
            zoe["helped"].as_u64(),
            zoe["helped_by"].as_u64()
        ),
        (Some(5), Some(4), Some(0)),
        "zoe helped ana twice, bo, cy and the owner: {v}"
    );
    assert_eq!(zoe["staff"], false);
    assert!(items[0]["score"].as_f64() > items[1]["score"].as_f64());
    let ids: Vec<i64> = items
        .iter()
        .map(|i| i["member_id"].as_i64().unwrap())
        .collect();
    let (zoe_id, yan_id) = (ids[0], ids[1]);
    let yan = &items[1];
    assert_eq!(
        (yan["helps"].as_u64(), yan["helped"].as_u64()),
        (Some(1), Some(1)),
        "{v}"
    );
    let v = get(
        &app,
        &owner,
        &format!("/api/v1/insights/champions?{q}&limit=1"),
    )
    .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    // One member as Insights sees them: first in the network, with a level and why.
    let m = get(
        &app,
        &owner,
        &format!("/api/v1/insights/members/{zoe_id}?{q}"),
    )
    .await;
    assert_eq!(
        (m["from"].as_str(), m["to"].as_str()),
        (Some("2025-03-01"), Some("2025-03-31"))
    );
    assert_eq!(m["network"]["rank"], 1, "{m}");
    assert_eq!(
        (
            m["network"]["helps"].as_u64(),
            m["network"]["members"].as_u64()
        ),
        (Some(5), Some(6))
    );
    assert_eq!(m["level"]["level"], 1, "{m}");
    assert_eq!(m["level"]["reasons"][0]["kind"], "message_replied");
    assert_eq!(m["churn"]["status"], "no_model", "a month of history: {m}");
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/insights/members/999999",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, e) = app
        .api(
            Method::GET,
            "/api/v1/insights/members/abc",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "no such member: {e}");

    // Bridges: ana joins yan to zoe's side, and zoe joins bo, cy and the owner to ana.
    let v = get(&app, &owner, &format!("/api/v1/insights/bridges?{q}")).await;
    assert_eq!(
        (v["exact"].as_bool(), v["members"].as_u64()),
        (Some(true), Some(6)),
        "{v}"
    );
    let bridges = v["items"].as_array().unwrap();
    assert_eq!(bridges[0]["member_id"].as_i64(), Some(zoe_id), "{v}");
    // zoe lies between each pair of {ana, bo, cy, owner} (6 pairs) and between yan and
    // bo, cy, the owner (3): 9 shortest paths; ana between yan and the other four: 4.
    assert_eq!(bridges[0]["score"].as_f64(), Some(9.0), "{v}");
    assert_eq!(bridges[1]["score"].as_f64(), Some(4.0), "{v}");
    assert_eq!(bridges[0]["error"].as_f64(), Some(0.0));
    assert!(
        bridges
            .iter()
            .all(|b| b["member_id"].as_i64() != Some(yan_id))
    );

    // A segment narrows who is listed, not the graph.
    let v = get(
        &app,
        &owner,
        &format!("/api/v1/insights/champions?{q}&segment=channel+%3D+%22slack%22"),
    )
    .await;
    assert!(v["items"].as_array().unwrap().len() < 6, "{v}");
    // Another channel: nothing helped there.
    let v = get(
        &app,
        &owner,
        &format!("/api/v1/insights/champions?{q}&channel=discord"),
    )
    .await;
    assert_eq!(
        (v["members"].as_u64(), v["items"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );

    // A reply on the hub helps the topic's author.
    let space = app.space(&owner, "help", "public").await;
    assert_eq!(space["url"], "/s/help");
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, topic) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&ana),
            Some(json!({"title": "Rye?", "body": "Do you bake rye?"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{topic}");
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{}/posts", topic["id"]),
            Some(&owner),
            Some(json!({"body": "On Fridays."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let v = get(
            &app,
            &owner,
            "/api/v1/insights/champions?range=7d&channel=hub",
        )
        .await;
        if v["acts"].as_u64() == Some(1) {
            let owner_id = v["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["helps"] == 1)
                .unwrap();
            assert_eq!(owner_id["staff"], true, "the owner is staff: {v}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the hub reply never showed: {v}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // A first topic younger than 48 hours is still waiting, not unanswered.
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/unanswered-newcomers?range=7d",
    )
    .await;
    assert_eq!(
        (
            v["wait_hours"].as_i64(),
            v["items"].as_array().map(Vec::len)
        ),
        (Some(48), Some(0)),
        "{v}"
    );
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/unanswered-newcomers?range=7d&channel=slack",
    )
    .await;
    assert_eq!(v["other_channel"], true);
}

async fn who_helps_whom_refuses_bad_limits_and_strangers_and_says_when_nobody_helped(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    for path in ["champions", "bridges"] {
        for bad in ["0", "101", "ten", "-1"] {
            refused(&app, &owner, &format!("{path}?limit={bad}"), "limit").await;
        }
    }
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/insights/champions?from=2025-13-01",
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("from"))
    );
    // A graph with no edges: zeros and empty lists, not an error.
    for path in ["champions", "bridges", "unanswered-newcomers"] {
        let v = get(
            &app,
            &owner,
            &format!("/api/v1/insights/{path}?from=2020-01-01&to=2020-01-31"),
        )
        .await;
        assert_eq!(v["items"], json!([]), "{path}: {v}");
    }
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/champions?from=2020-01-01&to=2020-01-31",
    )
    .await;
    assert_eq!(
        (v["members"].as_u64(), v["acts"].as_u64()),
        (Some(0), Some(0))
    );
    // A member who may not open Insights, and nobody at all.
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    for path in ["champions", "bridges", "unanswered-newcomers"] {
        let (s, _) = app
            .api(
                Method::GET,
                &format!("/api/v1/insights/{path}"),
                Some(&ana),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path}");
        let (s, _) = app
            .api(Method::GET, &format!("/api/v1/insights/{path}"), None, None)
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (s, _) = app
        .api(Method::GET, "/api/v1/insights/members/1", Some(&ana), None)
        .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "another member's insights are not a member's to read"
    );
    let r = app
        .member_client("bo")
        .await
        .get(app.url("/admin/insights/network"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The page says so in words when nobody helped.
    let r = app
        .client
        .get(app.url("/admin/insights/network?from=2020-01-01&to=2020-01-31"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Nobody has helped anybody in this period yet"),
        "{page}"
    );
    let r = app
        .client
        .get(app.url("/admin/insights/network?limit=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// Two hundred members on Slack, each posting every other day from their start until
/// their own last day (spread over five months): enough months to train on, one to check
/// on, and members who stay and who go quiet on both sides of it.
async fn churn_risk_is_measured_on_a_month_it_never_saw_and_says_when_history_is_short(
    app: TestApp,
) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    // Before any history: what is missing, in numbers, not an error.
    let v = get(&app, &owner, "/api/v1/insights/churn?to=2025-01-15").await;
    assert_eq!(
        (v["auc"].clone(), v["items"].clone()),
        (Value::Null, json!([])),
        "{v}"
    );
    assert_eq!(v["missing"]["needed_training_examples"], 100, "{v}");
    assert_eq!(v["missing"]["training_examples"], 0, "{v}");

    let start = 1_735_689_600_000i64; // 2025-01-01T00:00:00Z
    let day = 86_400_000i64;
    let mut items = Vec::new();
    for i in 0..200i64 {
        let first = i % 30;
        let last = 60 + (i * 7) % 150;
        let mut d = first;
        while d <= last {
            let at = start + d * day + 9 * 3_600_000;
            let at = jiff::Timestamp::from_millisecond(at).unwrap().to_string();
            items.push(json!({"member": {"channel": "slack", "external_id": format!("m{i}")}, "channel": "slack", "kind": "message_sent", "occurred_at": at}));
            d += 2 + (i % 3);
        }
    }
    let total = items.len() as u64;
    for chunk in items.chunks(10_000) {
        let (s, v) = app
            .api(
                Method::POST,
                "/api/v1/activities",
                Some(&owner),
                Some(json!(chunk)),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    wait_for_engine(&app, &owner, total).await;
    let v = get(
        &app,
        &owner,
        "/api/v1/insights/churn?to=2025-06-30&limit=100",
    )
    .await;
    assert!(v["missing"].is_null(), "{v}");
    let (auc, baseline) = (
        v["auc"].as_f64().unwrap(),
        v["baseline_auc"].as_f64().unwrap(),
    );
    assert!(
        (0.0..=1.0).contains(&auc) && (0.0..=1.0).contains(&baseline),
        "{v}"
    );
    assert_eq!(v["beats_baseline"].as_bool(), Some(auc >= baseline + 0.01));
    assert_eq!(
        v["ranked_by"],
        if auc >= baseline + 0.01 {
            "model"
        } else {
            "recency"
        }
    );
    assert_eq!(v["test_period"]["cutoff"], "2025-05-31", "{v}");
    assert_eq!(v["horizon_days"], 30);
    assert!(v["training_examples"].as_u64().unwrap() >= 100, "{v}");
    let test = v["test_examples"].as_u64().unwrap();
    let binned: u64 = v["calibration"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["members"].as_u64().unwrap())
        .sum();
    assert_eq!(
        binned, test,
        "every held-out member is in one calibration bin: {v}"
    );
    assert!(v["trained_at"].as_str().unwrap().ends_with('Z'));
    // Members active in the 30 days to the 30th of June, each once, riskiest first.
    let list = v["items"].as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 100);
    assert!(v["scored"].as_u64().unwrap() >= list.len() as u64);
    let features = [
        "days_quiet",
        "active_days_30",
        "trend",
        "post_gap_days",
        "replies_received_90",
        "asked_a_question",
        "first_question_answered",
        "tenure_days",
    ];
    for (k, i) in list.iter().enumerate() {
        let p = i["probability"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
        assert!((0..30).contains(&i["days_quiet"].as_i64().unwrap()), "{i}");
        let factors = i["factors"].as_array().unwrap();
        assert!(factors.len() <= 3);
        for f in factors {
            assert!(features.contains(&f["feature"].as_str().unwrap()), "{f}");
            assert!(
                f["effect"].as_f64().unwrap() > 0.0,
                "only what raises the risk: {f}"
            );
        }
        if k > 0 {
            let before = &list[k - 1];
            if v["ranked_by"] == "model" {
                assert!(before["probability"].as_f64() >= i["probability"].as_f64());
            } else {
                assert!(before["days_quiet"].as_i64() >= i["days_quiet"].as_i64());
            }
        }
    }
    let v = get(&app, &owner, "/api/v1/insights/churn?to=2025-06-30&limit=3").await;
    // The health of June: every component from the same members, with its figure.
    let h = get(
        &app,
        &owner,
        "/api/v1/insights/health?from=2025-06-01&to=2025-06-30",
    )
    .await;
    let parts: Vec<&str> = h["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            "growth",
            "activity",
            "responsiveness",
            "retention",
            "sentiment"
        ]
    );
    let part = |n: &str| {
        h["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(part("sentiment")["measured"], false);
    assert_eq!(
        part("responsiveness")["score"],
        Value::Null,
        "no questions: nothing to measure"
    );
    let retention = part("retention");
    let expected = (retention["figure"].as_f64().unwrap() / 0.6).min(1.0) * 100.0;
    assert!(
        (retention["score"].as_f64().unwrap() - expected).abs() < 0.01,
        "{h}"
    );
    let measured: Vec<f64> = h["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["score"].as_f64())
        .collect();
    let mean = measured.iter().sum::<f64>() / measured.len() as f64;
    assert!(
        (h["score"].as_f64().unwrap() - mean).abs() < 0.01,
        "the mean of the measured parts: {h}"
    );
    let empty = get(
        &app,
        &owner,
        "/api/v1/insights/health?from=2020-01-01&to=2020-01-31",
    )
    .await;
    assert_eq!(
        empty["score"],
        Value::Null,
        "no activity: no score, not zero: {empty}"
    );
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    // The page says which ranks the list and how well, in words.
    let page = app
        .client
        .get(app.url("/admin/insights/churn?to=2025-06-30"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Checked on a month it never saw"), "{page}");
    assert!(page.contains("Does a risk of 30% mean 3 in 10?"));
    // Strangers and bad limits.
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, _) = app
        .api(Method::GET, "/api/v1/insights/churn", Some(&ana), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    refused(&app, &owner, "churn?limit=0", "limit").await;
}

/// One member and two customers who never joined, pushed with known amounts around the
/// member's first message (2025-07-01): the member spent 10.00 before and 30.00 after,
/// their match (who spent the same 10.00 in the window before that) 10.00 and 10.00, so
/// joining is linked with +200%; the other customer is not a match.
async fn member_value_compares_members_with_matched_customers_over_the_same_days(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let q = "to=2025-12-31";
    let v = get(&app, &owner, &format!("/api/v1/insights/member-value?{q}")).await;
    assert_eq!(v["missing"], "no_spend", "{v}");
    assert_eq!(
        v["estimate_relative"],
        Value::Null,
        "never 0% for nothing: {v}"
    );
    let buy = |who: &str, at: &str, cents: i64| json!({"member": {"channel": "slack", "external_id": who}, "channel": "pos", "kind": "purchased", "occurred_at": at, "weight": cents});
    let batch = json!([
        buy("m1", "2025-02-01T10:00:00Z", 1_000),
        buy("m1", "2025-05-17T10:00:00Z", 1_000),
        buy("m1", "2025-08-15T10:00:00Z", 3_000),
        buy("c1", "2025-02-01T10:00:00Z", 1_000),
        buy("c1", "2025-05-17T10:00:00Z", 1_000),
        buy("c1", "2025-08-15T10:00:00Z", 1_000),
        buy("c2", "2024-09-04T10:00:00Z", 10),
        buy("c2", "2025-02-01T10:00:00Z", 5_000),
        {"member": {"channel": "slack", "external_id": "m1"}, "channel": "slack", "kind": "message_sent", "occurred_at": "2025-07-01T12:00:00Z"},
    ]);
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&owner),
            Some(batch),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    wait_for_engine(&app, &owner, 2).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let v = loop {
        let v = get(&app, &owner, &format!("/api/v1/insights/member-value?{q}")).await;
        if v["members"] == 1 {
            break v;
        }
        assert!(std::time::Instant::now() < deadline, "{v}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(v["missing"], Value::Null, "{v}");
    assert_eq!(
        (
            v["members"].as_u64(),
            v["non_members"].as_u64(),
            v["pool"].as_u64()
        ),
        (Some(1), Some(1), Some(2)),
        "{v}"
    );
    assert_eq!(v["estimate_relative"].as_f64(), Some(2.0), "{v}");
    assert_eq!(
        (
            v["ci_low_relative"].as_f64(),
            v["ci_high_relative"].as_f64()
        ),
        (Some(2.0), Some(2.0)),
        "one pair: {v}"
    );
    assert_eq!(
        v["mean_spend"],
        json!({"members_before": 1000.0, "members_after": 3000.0, "matches_before": 1000.0, "matches_after": 1000.0})
    );
    // Against everyone who never joined (1,000 and 0 after): +500%.
    assert_eq!(v["naive_relative"].as_f64(), Some(5.0), "{v}");
    assert_eq!(v["window_days"], 90);
    assert!(
        v["method"]
            .as_str()
            .unwrap()
            .contains("difference in differences")
    );
    // Habits over the 90 days to the 31st of December: nobody bought.
    assert_eq!(v["habits"]["member_customers"], 0);
    assert_eq!(v["habits"]["repeat_purchase"]["members"], Value::Null);
    // Before the member's "after" has ended there is nobody to compare yet.
    let v = get(&app, &owner, "/api/v1/insights/member-value?to=2025-08-01").await;
    assert_eq!(v["missing"], "no_members_with_history", "{v}");
    // The page says it in words.
    let page = app
        .client
        .get(app.url(&format!("/admin/insights/value?{q}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Members spend about 200% more since joining"),
        "{page}"
    );
    assert!(page.contains("What this can and cannot prove"));
    // Strangers.
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, _) = app
        .api(
            Method::GET,
            "/api/v1/insights/member-value",
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

/// Forty people on Discord, person k sending k messages on the 2nd of March 2025: the top
/// 5% of them (two) are the inner circle. Weights change who counts most, and every bad
/// weight is refused by name with nothing stored.
async fn levels_rank_members_by_weighted_activity_and_refuse_bad_weights(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let mut items = Vec::new();
    for k in 1..=40 {
        for n in 0..k {
            items.push(json!({"member": {"channel": "discord", "external_id": format!("p{k}")}, "channel": "discord", "kind": "message_sent", "occurred_at": format!("2025-03-02T10:{:02}:{:02}Z", n / 60, n % 60)}));
        }
    }
    // One more who only reacts, a lot.
    for n in 0..50 {
        items.push(json!({"member": {"channel": "discord", "external_id": "fan"}, "channel": "discord", "kind": "reaction_added", "occurred_at": format!("2025-03-02T11:00:{n:02}Z")}));
    }
    let total = items.len() as u64;
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&owner),
            Some(json!(items)),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    wait_for_engine(&app, &owner, total).await;
    let q = "from=2025-03-01&to=2025-03-05&channel=discord";
    let v = get(
        &app,
        &owner,
        &format!("/api/v1/insights/levels?{q}&limit=3"),
    )
    .await;
    let sizes: Vec<u64> = v["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["members"].as_u64().unwrap())
        .collect();
    // 41 scored (the owner, staff, is left out): ceil(2.05) = 3, ceil(8.2) = 9, ceil(20.5) = 21.
    assert_eq!(sizes, vec![3, 6, 12, 20], "{v}");
    assert_eq!(v["levels"][0]["name"], "inner_circle");
    assert_eq!(
        v["levels"][0]["before"], 0,
        "nobody had a level on the 28th of February"
    );
    assert_eq!(
        v["promoted"], 21,
        "everyone above observer rose from nothing: {v}"
    );
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["level"], 1);
    assert_eq!(items[0]["reasons"][0]["kind"], "message_sent");
    assert_eq!(items[0]["reasons"][0]["channel"], "discord");
    assert!(items[0]["score"].as_f64() > items[1]["score"].as_f64());
    assert_eq!(v["weights"]["kinds"]["message_sent"], 1.0);
    assert_eq!(v["weights"]["kinds"]["reaction_added"], 0.5);
    // The fan's 50 reactions (25 points) are outweighed by p40's 40 messages; at 2.0 a
    // reaction, the fan leads.
    let (s, w) = app
        .api(
            Method::PUT,
            "/api/v1/insights/levels/weights",
            Some(&owner),
            Some(json!({"kinds": {"reaction_added": 2.0}})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{w}");
    assert_eq!(w["kinds"]["reaction_added"], 2.0);
    let v = get(
        &app,
        &owner,
        &format!("/api/v1/insights/levels?{q}&limit=1"),
    )
    .await;
    assert_eq!(v["items"][0]["reasons"][0]["kind"], "reaction_added", "{v}");
    // Bad weights: named, and nothing changes.
    for (body, field, words) in [
        (json!({"kinds": {"replied": -1}}), "kinds", "from 0 to 100"),
        (
            json!({"kinds": {"replied": 1000}}),
            "kinds",
            "from 0 to 100",
        ),
        (json!({"kinds": {"order_placed": 1}}), "kinds", "own doing"),
        (
            json!({"channels": {"Big Shop": 1}}),
            "channels",
            "not a channel name",
        ),
        (
            json!({"kinds": Value::Object(hearth::services::levels::kinds().iter().map(|(k, _)| (k.to_string(), json!(0))).collect())}),
            "kinds",
            "more than 0",
        ),
    ] {
        let (s, e) = app
            .api(
                Method::PUT,
                "/api/v1/insights/levels/weights",
                Some(&owner),
                Some(body.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        assert_eq!(e["error"]["field"], field, "{e}");
        assert!(
            e["error"]["message"].as_str().unwrap().contains(words),
            "{e}"
        );
    }
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/levels/weights",
            Some(&owner),
            Some(json!({"kinds": {}, "colour": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let w = get(&app, &owner, "/api/v1/insights/levels/weights").await;
    assert_eq!(
        w["kinds"]["reaction_added"], 2.0,
        "a refused change stores nothing"
    );
    // A moderator who may open Insights still may not set weights.
    let mo = moderator(&app).await;
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/viewers",
            Some(&owner),
            Some(json!({"role": "moderator"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .api(Method::GET, "/api/v1/insights/levels", Some(&mo), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/levels/weights",
            Some(&mo),
            Some(json!({"kinds": {}})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The page's form saves in the same way.
    let r = app
        .post_form(
            &app.client,
            "/admin/insights/levels/weights",
            &[
                ("kind.replied", "4"),
                ("kind.visited", ""),
                ("channel.discord", "0.5"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let w = get(&app, &owner, "/api/v1/insights/levels/weights").await;
    assert_eq!(
        (
            w["kinds"]["replied"].as_f64(),
            w["channels"]["discord"].as_f64()
        ),
        (Some(4.0), Some(0.5)),
        "{w}"
    );
    let page = app
        .client
        .get(app.url("/admin/insights/levels"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("How many at each level") && page.contains("What counts, and how much"));
    // Personas: nobody here helped, asked, went to an event, bought or visited, so they
    // are one group of onlookers, not helpers.
    let v = get(&app, &owner, &format!("/api/v1/insights/personas?{q}")).await;
    assert_eq!(v["members"], 41, "{v}");
    assert_eq!(v["items"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["items"][0]["name"], "lurkers");
    assert_eq!(v["items"][0]["mean"]["helps"], 0.0);
    assert!(page.contains("Personas"));
    // Each persona makes a segment: its members tagged, the segment saved once.
    let page = app
        .get(&format!("/admin/insights/levels?{q}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("/admin/insights/personas/lurkers/segment"),
        "{page}"
    );
    let form: Vec<(String, String)> = serde_urlencoded::from_str(q).unwrap();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut segment = None;
    for _ in 0..2 {
        let r = app
            .post_form(
                &app.client,
                "/admin/insights/personas/lurkers/segment",
                &form,
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert!(
            segment.is_none_or(|s: String| s == to),
            "the same segment again"
        );
        segment = Some(to);
    }
    let saved = app.state.store().segments().await.unwrap();
    let s = saved
        .iter()
        .find(|s| s.condition == "tag = \"persona-lurkers\"")
        .expect("the segment");
    let c = hearth_core::condition::parse(&s.condition).unwrap();
    assert_eq!(
        app.state
            .store()
            .condition_count(&c, hearth_store::now_millis())
            .await
            .unwrap(),
        41
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/insights/personas/grumps/segment",
            &form,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn goals_track_a_target_by_a_day_and_refuse_what_cannot_be_measured(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    wait_for_engine(&app, &owner, 1).await;
    let today = hearth_insights::Zone::utc().day_of(hearth_store::now_millis());
    let day = |d: i32| hearth_insights::calendar::format_day(today + d);
    for (body, field) in [
        (
            json!({"metric": "happiness", "target": 3, "due": day(30)}),
            "metric",
        ),
        (
            json!({"metric": "active_members", "target": -1, "due": day(30)}),
            "target",
        ),
        (
            json!({"metric": "questions_answered_share", "target": 120, "due": day(30)}),
            "target",
        ),
        (
            json!({"metric": "active_members", "target": "lots", "due": day(30)}),
            "target",
        ),
        (
            json!({"metric": "active_members", "target": 50, "due": day(0)}),
            "due",
        ),
        (
            json!({"metric": "active_members", "target": 50, "due": day(2_000)}),
            "due",
        ),
        (
            json!({"metric": "active_members", "target": 50, "due": "March"}),
            "due",
        ),
    ] {
        let (s, e) = app
            .api(
                Method::POST,
                "/api/v1/insights/goals",
                Some(&owner),
                Some(body.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        assert_eq!(e["error"]["field"], field, "{body}: {e}");
    }
    assert_eq!(
        get(&app, &owner, "/api/v1/insights/goals").await["items"],
        json!([]),
        "nothing half-written"
    );
    // The owner is the one active member: 1 of a target of 1 is reached, 50 is behind
    // or on track depending on the time gone (none yet: on track needs no progress).
    let (s, met) = app
        .api(
            Method::POST,
            "/api/v1/insights/goals",
            Some(&owner),
            Some(json!({"metric": "active_members", "target": 1, "due": day(60)})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{met}");
    assert_eq!(
        (
            met["status"].as_str(),
            met["current"].as_f64(),
            met["baseline"].as_f64()
        ),
        (Some("met"), Some(1.0), Some(1.0)),
        "{met}"
    );
    let (s, far) = app
        .api(
            Method::POST,
            "/api/v1/insights/goals",
            Some(&owner),
            Some(json!({"metric": "active_members", "target": 50, "due": day(90)})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        (far["status"].as_str(), far["progress"].as_f64()),
        (Some("on_track"), Some(0.0)),
        "{far}"
    );
    let (s, none) = app
        .api(
            Method::POST,
            "/api/v1/insights/goals",
            Some(&owner),
            Some(json!({"metric": "median_first_response_hours", "target": "4", "due": day(30)})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        (none["status"].as_str(), none["baseline"].clone()),
        (Some("no_data"), Value::Null),
        "no questions yet: {none}"
    );
    let list = get(&app, &owner, "/api/v1/insights/goals").await;
    let due: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["due"].as_str().unwrap())
        .collect();
    let mut sorted = due.clone();
    sorted.sort();
    assert_eq!(due, sorted, "soonest first");
    // Members may not set goals or see them; moderators who may open Insights see them.
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, _) = app
        .api(Method::GET, "/api/v1/insights/goals", Some(&ana), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/insights/goals",
            Some(&ana),
            Some(json!({"metric": "active_members", "target": 1, "due": day(5)})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The dashboard shows them in words; removing one through the page and the API.
    let page = app
        .client
        .get(app.url("/admin/insights"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("50 active members by"), "{page}");
    assert!(page.contains("reached") && page.contains("on track"));
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/insights/goals/{}/delete", met["id"]),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/insights/goals/{}", far["id"]),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/insights/goals/{}", far["id"]),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, &owner, "/api/v1/insights/goals").await["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/insights/goals",
            &[
                ("metric", "new_members"),
                ("target", "12"),
                ("due", &day(40)),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        get(&app, &owner, "/api/v1/insights/goals").await["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// Waits until the stream's `sentiment` consumer has read `posts` posts (as the API counts
/// them for `token`).
async fn wait_for_sentiment(app: &TestApp, token: &str, posts: u64) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let v = get(app, token, "/api/v1/insights/sentiment?range=7d").await;
        if v["total"]["posts"].as_u64() == Some(posts) {
            return v;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "sentiment never caught up: {v}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Issue 18: sentiment per post in English and Spanish, counted only when clear, per
/// space; staff's label wins and goes back; members and bad labels are refused; a
/// moderator sees and corrects only the spaces they may see; the owner's switch; trending
/// terms; and the health score's sentiment part.
async fn sentiment_counts_clear_posts_takes_corrections_and_keeps_to_what_the_reader_sees(
    app: TestApp,
) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let _ = app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    app.space(&owner, "open", "public").await;
    app.space(&owner, "back-office", "private").await;
    let post = |token: String, path: String, body: serde_json::Value| {
        let app = &app;
        async move {
            let (s, v) = app.api(Method::POST, &path, Some(&token), Some(body)).await;
            assert!(s.is_success(), "{v}");
            v["id"].as_i64().unwrap()
        }
    };
    let topic = post(owner.clone(), "/api/v1/spaces/open/topics".into(), json!({"title": "Pistachio croissants", "body": "The new pistachio croissant is here.", "kind": "discussion"})).await;
    let reply = |token: &String, body: &str| {
        post(
            token.clone(),
            format!("/api/v1/topics/{topic}/posts"),
            json!({"body": body}),
        )
    };
    let love = reply(&ana, "I love the pistachio croissant, it is amazing!").await;
    reply(&owner, "Me encanta, está buenísimo y es increíble").await;
    let stale = reply(
        &ana,
        "Honestly the pistachio ones were stale and awful today",
    )
    .await;
    reply(&owner, "> awful and terrible\n\nWe open at eight.").await;
    let secret_topic = post(owner.clone(), "/api/v1/spaces/back-office/topics".into(), json!({"title": "Rota", "body": "This rota is a terrible, horrible mess", "kind": "discussion"})).await;
    // Five posts in the open space (the topic's first among them), one in the private one.
    let v = wait_for_sentiment(&app, &owner, 6).await;
    assert_eq!(v["enabled"], true);
    assert_eq!(
        (
            v["total"]["positive"].as_u64(),
            v["total"]["negative"].as_u64()
        ),
        (Some(2), Some(2)),
        "{v}"
    );
    assert_eq!(
        v["negative"][0]["topic_id"], secret_topic,
        "the most negative first: {v}"
    );
    assert!(
        v["negative"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["post_id"] == stale)
    );
    let open = v["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["posts"] == 5)
        .expect("the open space");
    assert_eq!(
        (open["positive"].as_u64(), open["negative"].as_u64()),
        (Some(2), Some(1)),
        "the quote is not the author's: {v}"
    );

    // Staff's label wins; back to automatic; bad labels, members and missing posts refused.
    let correct = |token: &String, id: i64, label: &str| {
        let (app, token, label) = (&app, token.clone(), label.to_string());
        async move {
            app.api(
                Method::PUT,
                &format!("/api/v1/insights/sentiment/posts/{id}"),
                Some(&token),
                Some(json!({"label": label})),
            )
            .await
        }
    };
    assert_eq!(
        correct(&owner, stale, "neutral").await.0,
        StatusCode::NO_CONTENT
    );
    let v = get(&app, &owner, "/api/v1/insights/sentiment?range=7d").await;
    assert_eq!(v["total"]["negative"], 1, "{v}");
    let (s, e) = correct(&owner, stale, "grumpy").await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("label")),
        "{e}"
    );
    assert_eq!(
        correct(&ana, stale, "positive").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        correct(&owner, 999_999, "positive").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        correct(&owner, stale, "automatic").await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&app, &owner, "/api/v1/insights/sentiment?range=7d").await["total"]["negative"],
        2
    );
    let (s, _) = app
        .api(Method::GET, "/api/v1/insights/sentiment", Some(&ana), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // A moderator who may open Insights sees only the open space, and cannot label the rest.
    let mo = moderator(&app).await;
    let (s, v) = app
        .api(
            Method::PUT,
            "/api/v1/insights/viewers",
            Some(&owner),
            Some(json!({"role": "moderator"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let v = get(&app, &mo, "/api/v1/insights/sentiment?range=7d").await;
    assert_eq!(v["total"]["posts"], 5, "{v}");
    assert!(
        !v.to_string().contains("horrible")
            && v["negative"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["topic_id"] != secret_topic)
    );
    let secret_post = app
        .state
        .store()
        .db
        .fetch_one(
            "SELECT id FROM posts WHERE topic_id = $1 AND position = 1",
            &[hearth_store::Arg::I64(secret_topic)],
        )
        .await
        .unwrap()
        .i64("id")
        .unwrap();
    assert_eq!(
        correct(&mo, secret_post, "positive").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        correct(&mo, love, "positive").await.0,
        StatusCode::NO_CONTENT
    );
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/sentiment/settings",
            Some(&mo),
            Some(json!({"enabled": false})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only admins switch it");

    // Trending: a word in three posts by two people this week, never before.
    let t = get(&app, &owner, "/api/v1/insights/trending").await;
    let terms: Vec<&str> = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["term"].as_str().unwrap())
        .collect();
    assert!(terms.contains(&"pistachio"), "{t}");
    assert!(
        !terms.contains(&"the") && !terms.contains(&"awful"),
        "common words and one-post words stay out: {t}"
    );

    // Health: the sentiment part is measured (of 4 clear posts, 3 positive with mo's label).
    let h = get(&app, &owner, "/api/v1/insights/health?range=7d").await;
    let part = h["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "sentiment")
        .unwrap()
        .clone();
    assert_eq!(part["measured"], true, "{h}");

    // The page: counts, the correction form, and its redirect.
    let page = app
        .get("/admin/insights/sentiment?range=7d")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("How people feel")
            && page.contains("pistachio")
            && page.contains("/admin/insights/sentiment/posts/"),
        "{page}"
    );
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/insights/sentiment/posts/{stale}"),
            &[("label", "positive"), ("back", "range=7d")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        "/admin/insights/sentiment?range=7d&done=corrected"
    );

    // The switch: off, nothing counted and health leaves it out; on again, every post read anew.
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/sentiment/settings",
            Some(&owner),
            Some(json!({"enabled": false})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let v = get(&app, &owner, "/api/v1/insights/sentiment?range=7d").await;
    assert_eq!(v["enabled"], false);
    let h = get(&app, &owner, "/api/v1/insights/health?range=7d").await;
    assert!(
        h["components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "sentiment" && c["measured"] == false),
        "{h}"
    );
    let page = app
        .get("/admin/insights/sentiment")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Sentiment is off"), "{page}");
    reply(&ana, "Wonderful, thank you so much").await;
    let (s, _) = app
        .api(
            Method::PUT,
            "/api/v1/insights/sentiment/settings",
            Some(&owner),
            Some(json!({"enabled": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let v = wait_for_sentiment(&app, &owner, 7).await;
    assert_eq!(
        v["total"]["positive"], 4,
        "the post written while off is read too, and labels stay: {v}"
    );
}
