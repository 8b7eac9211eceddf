//! The points ledger: balances equal the rules applied to the activity log (a seeded
//! property test against an independent reference), a tampered row is named, a change of
//! rules is applied as corrections, and the API, pages and rewards around it.

use crate::both_databases;
use crate::support::TestApp;
use hearth_core::activity as k;
use hearth_store::activity::{NewActivity, append};
use hearth_store::{Arg, Store};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::HashMap;

both_databases!(
    ledger_balances_equal_the_rules_applied_to_the_activity_log,
    an_edited_ledger_row_is_named_by_verify,
    a_change_of_rules_applied_to_history_is_written_as_corrections,
    a_hundred_concurrent_redemptions_with_points_for_ten_succeed_ten_times,
    a_member_redeems_a_code_and_bad_rewards_are_refused_by_name,
    leaderboard_reads_the_avatar_column_and_ranks_by_period,
);

/// Runs every stream consumer until none is behind. (On PostgreSQL a reader sees only
/// what every running transaction can, so an empty batch alone does not say "done".)
pub async fn drain(store: &Store) {
    for _ in 0..400 {
        hearth::stream::run_once(store).await.expect("stream");
        let states = store.consumers().await.expect("consumers");
        if states.iter().all(|c| c.behind == 0) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the stream did not drain in 10 s");
}

pub struct World {
    pub members: Vec<i64>,
    pub space: i64,
}

pub async fn world(app: &TestApp, n: usize) -> World {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let space = app.space(&owner, "kitchen", "public").await["id"]
        .as_i64()
        .expect("space id");
    let store = app.state.store();
    let mut members = Vec::new();
    for i in 0..n {
        let handle = format!("baker{i}");
        app.member_client(&handle).await;
        members.push(store.member_by_handle(&handle).await.unwrap().unwrap().id);
    }
    World { members, space }
}

/// A topic (with its first post) by `author`, written as the services would.
pub async fn topic(store: &Store, space: i64, author: i64, at: i64) -> (i64, i64) {
    let t = store
        .db
        .fetch_one(
            "INSERT INTO topics (space_id, author_id, title, kind, created_at, last_post_at, post_count, last_position)
             VALUES ($1, $2, 'A loaf', 'discussion', $3, $3, 1, 1) RETURNING id",
            &[Arg::I64(space), Arg::I64(author), Arg::I64(at)],
        )
        .await
        .unwrap()
        .i64("id")
        .unwrap();
    let p = post_row(store, t, author, 1, at).await;
    (t, p)
}

pub async fn post_row(store: &Store, topic: i64, author: i64, position: i64, at: i64) -> i64 {
    store
        .db
        .fetch_one(
            "INSERT INTO posts (topic_id, author_id, position, body_md, body_html, created_at)
             VALUES ($1, $2, $3, 'Warm water', '<p>Warm water</p>', $4) RETURNING id",
            &[
                Arg::I64(topic),
                Arg::I64(author),
                Arg::I64(position),
                Arg::I64(at),
            ],
        )
        .await
        .unwrap()
        .i64("id")
        .unwrap()
}

pub async fn activity(
    store: &Store,
    member: i64,
    kind: &'static str,
    target: (&'static str, i64),
    space: i64,
    at: i64,
) {
    let mut tx = store.db.begin().await.unwrap();
    append(
        &mut tx,
        &NewActivity {
            member_id: member,
            kind,
            channel: k::HUB,
            target_type: Some(target.0),
            target_id: Some(target.1),
            space_id: Some(space),
            properties: Some(r#"{"reaction":"like"}"#),
            occurred_at: at,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// A deterministic generator (xorshift), so a failing case can be replayed by its seed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The reference: the documented default rules, applied by hand to the log as written,
/// without the consumer's code. (author of each post, its creation time.)
#[derive(Default)]
struct Reference {
    balance: HashMap<i64, i64>,
    day_total: HashMap<(i64, i64), i64>,
    day_kind: HashMap<(i64, i64, &'static str), i64>,
    pair: HashMap<(i64, i64, i64), i64>,
    /// What each earning stands at: (post or topic, kind, actor, earner) → points, in order.
    standing: Vec<Standing>,
}

/// (post or topic, kind, actor, earner, points still standing).
type Standing = ((&'static str, i64), &'static str, i64, i64, i64);

impl Reference {
    fn earn(
        &mut self,
        kind: &'static str,
        actor: i64,
        earner: i64,
        target: (&'static str, i64),
        at: i64,
        post_at: i64,
    ) {
        let (points, cap) = match kind {
            k::TOPIC_STARTED => (5, Some(25)),
            k::REPLIED => (2, Some(40)),
            k::REACTED => (1, Some(20)),
            k::ANSWER_ACCEPTED => (15, None),
            _ => return,
        };
        let day = at.div_euclid(86_400_000);
        if matches!(kind, k::REACTED | k::ANSWER_ACCEPTED) && actor == earner {
            return;
        }
        if kind == k::REACTED {
            if at - post_at > 30 * 86_400_000 {
                return;
            }
            if self.pair.get(&(earner, actor, day)).copied().unwrap_or(0) >= 3 {
                return;
            }
        }
        let mut n = points;
        if let Some(cap) = cap {
            n = n.min(
                cap - self
                    .day_kind
                    .get(&(earner, day, kind))
                    .copied()
                    .unwrap_or(0),
            );
        }
        n = n.min(200 - self.day_total.get(&(earner, day)).copied().unwrap_or(0));
        if n <= 0 {
            return;
        }
        *self.day_total.entry((earner, day)).or_default() += n;
        *self.day_kind.entry((earner, day, kind)).or_default() += n;
        if kind == k::REACTED {
            *self.pair.entry((earner, actor, day)).or_default() += 1;
        }
        *self.balance.entry(earner).or_default() += n;
        self.standing.push((target, kind, actor, earner, n));
    }

    /// Takes back the newest standing earnings that match (at most `limit`).
    fn take_back(&mut self, limit: usize, matches: impl Fn(&Standing) -> bool) {
        let mut left = limit;
        for i in (0..self.standing.len()).rev() {
            if left == 0 {
                break;
            }
            let s = self.standing[i];
            if s.4 > 0 && matches(&s) {
                *self.balance.entry(s.3).or_default() -= s.4;
                self.standing[i].4 = 0;
                left -= 1;
            }
        }
    }
}

async fn ledger_balances_equal_the_rules_applied_to_the_activity_log(app: TestApp) {
    let w = world(&app, 5).await;
    let store = app.state.store().clone();
    let day = 86_400_000;
    // From a midnight (UTC), so a seed alone decides every case, caps' days included.
    let start = (hearth_store::now_millis() / day - 20) * day;
    // One reference for all the cases: their days overlap, and the caps count them all.
    // (Regression: a reference per case missed caps filled by an earlier case.)
    let mut reference = Reference::default();
    for seed in 1..=4u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        // (post id, author, created, topic, first post)
        let mut posts: Vec<(i64, i64, i64, i64, bool)> = Vec::new();
        let mut answered: HashMap<i64, i64> = HashMap::new();
        let mut at = start + seed as i64 * 3 * day;
        let mut position = 1_000 * seed as i64;
        for _ in 0..160 {
            at += rng.below(3 * 3_600_000) as i64;
            let actor = w.members[rng.below(w.members.len())];
            match rng.below(10) {
                0 | 1 => {
                    let (t, p) = topic(&store, w.space, actor, at).await;
                    posts.push((p, actor, at, t, true));
                    activity(&store, actor, k::TOPIC_STARTED, ("topic", t), w.space, at).await;
                    reference.earn(k::TOPIC_STARTED, actor, actor, ("topic", t), at, at);
                }
                2 | 3 if !posts.is_empty() => {
                    let topic_id = posts[rng.below(posts.len())].3;
                    position += 1;
                    let p = post_row(&store, topic_id, actor, position, at).await;
                    posts.push((p, actor, at, topic_id, false));
                    activity(&store, actor, k::REPLIED, ("post", p), w.space, at).await;
                    reference.earn(k::REPLIED, actor, actor, ("post", p), at, at);
                }
                4..=6 if !posts.is_empty() => {
                    let (p, author, created, _, _) = posts[rng.below(posts.len())];
                    activity(&store, actor, k::REACTED, ("post", p), w.space, at).await;
                    reference.earn(k::REACTED, actor, author, ("post", p), at, created);
                }
                7 if !posts.is_empty() => {
                    let (p, _, _, _, _) = posts[rng.below(posts.len())];
                    activity(&store, actor, k::UNREACTED, ("post", p), w.space, at).await;
                    reference.take_back(1, |s| {
                        s.0 == ("post", p) && s.1 == k::REACTED && s.2 == actor
                    });
                }
                8 if !posts.is_empty() => {
                    let (p, author, created, t, _) = posts[rng.below(posts.len())];
                    if let Some(old) = answered.insert(t, p) {
                        activity(
                            &store,
                            actor,
                            k::ANSWER_UNACCEPTED,
                            ("post", old),
                            w.space,
                            at,
                        )
                        .await;
                        reference.take_back(usize::MAX, |s| {
                            s.0 == ("post", old) && s.1 == k::ANSWER_ACCEPTED
                        });
                    }
                    activity(&store, actor, k::ANSWER_ACCEPTED, ("post", p), w.space, at).await;
                    reference.earn(k::ANSWER_ACCEPTED, actor, author, ("post", p), at, created);
                }
                9 if !posts.is_empty() => {
                    let (p, _, _, t, first) = posts.remove(rng.below(posts.len()));
                    activity(&store, actor, k::POST_DELETED, ("post", p), w.space, at).await;
                    reference.take_back(usize::MAX, |s| {
                        s.0 == ("post", p) || (first && s.0 == ("topic", t))
                    });
                }
                _ => {}
            }
            if rng.below(25) == 0 {
                drain(&store).await;
            }
        }
        drain(&store).await;
        for id in &w.members {
            let got = store.points(*id).await.unwrap().balance;
            let want = reference.balance.get(id).copied().unwrap_or(0);
            assert_eq!(got, want, "seed {seed}: member {id}'s balance");
        }
    }
    let v = store.verify_ledger().await.unwrap();
    assert_eq!(v.first_bad, None);
    assert!(v.entries > 100, "{} entries", v.entries);
}

async fn an_edited_ledger_row_is_named_by_verify(app: TestApp) {
    let w = world(&app, 2).await;
    let store = app.state.store().clone();
    let now = hearth_store::now_millis();
    for i in 0..4 {
        let (t, _) = topic(&store, w.space, w.members[i % 2], now).await;
        activity(
            &store,
            w.members[i % 2],
            k::TOPIC_STARTED,
            ("topic", t),
            w.space,
            now,
        )
        .await;
    }
    drain(&store).await;
    let (s, v) = app
        .api(Method::GET, "/api/v1/ledger/verify", None, None)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["entries"], 4);
    let cli = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_hearth"))
            .args(["--database-url", &app.database_url, "ledger", "verify"])
            .output()
            .expect("run hearth")
    };
    let out = cli();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("verifies: 4 entries"), "{said}");
    // The database refuses edits to the ledger…
    let refused = store
        .db
        .execute("UPDATE ledger_entries SET amount = 500 WHERE id = 3", &[])
        .await;
    assert!(
        refused.is_err(),
        "an update went through the append-only trigger"
    );
    // …so an attacker with the database drops the guard first.
    let drop = match store.dialect() {
        hearth_store::Dialect::Sqlite => "DROP TRIGGER ledger_entries_append_only_update",
        hearth_store::Dialect::Postgres => {
            "DROP TRIGGER ledger_entries_append_only ON ledger_entries"
        }
    };
    store.db.execute(drop, &[]).await.unwrap();
    store
        .db
        .execute("UPDATE ledger_entries SET amount = 500 WHERE id = 3", &[])
        .await
        .unwrap();
    let (_, v) = app
        .api(Method::GET, "/api/v1/ledger/verify", None, None)
        .await;
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["first_bad_entry"], 3, "{v}");
    assert_eq!(v["problem"], "hash", "{v}");
    let out = cli();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("entry #3 does not match (hash)"), "{said}");
    let page = app.get("/ledger").await.text().await.unwrap();
    assert!(page.contains("#3"), "the page names the entry");
}

async fn a_change_of_rules_applied_to_history_is_written_as_corrections(app: TestApp) {
    let w = world(&app, 2).await;
    let store = app.state.store().clone();
    let now = hearth_store::now_millis();
    let old = now - 10 * 86_400_000;
    let (t, _) = topic(&store, w.space, w.members[0], old).await;
    activity(
        &store,
        w.members[0],
        k::TOPIC_STARTED,
        ("topic", t),
        w.space,
        old,
    )
    .await;
    let (t2, _) = topic(&store, w.space, w.members[0], now).await;
    activity(
        &store,
        w.members[0],
        k::TOPIC_STARTED,
        ("topic", t2),
        w.space,
        now,
    )
    .await;
    drain(&store).await;
    assert_eq!(store.points(w.members[0]).await.unwrap().balance, 10);
    let owner = app.token("owner@example.com").await;
    let (s, mut policy) = app
        .api(Method::GET, "/api/v1/points/rules", Some(&owner), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{policy}");
    for r in policy["rules"].as_array_mut().unwrap() {
        if r["kind"] == "topic_started" {
            r["points"] = json!(8);
        }
    }
    // From a date: only the newer topic is corrected.
    let from = time::OffsetDateTime::from_unix_timestamp((now - 86_400_000) / 1000)
        .unwrap()
        .date()
        .to_string();
    let (s, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/points/rules?apply_from={from}"),
            Some(&owner),
            Some(policy.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["corrections"], 1, "{v}");
    assert_eq!(store.points(w.members[0]).await.unwrap().balance, 13);
    // To all history: the older one too; applying it again changes nothing.
    for (expect, balance) in [(1, 16), (0, 16)] {
        let (s, v) = app
            .api(
                Method::PUT,
                "/api/v1/points/rules?apply_from=all",
                Some(&owner),
                Some(policy.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["corrections"], expect, "{v}");
        assert_eq!(store.points(w.members[0]).await.unwrap().balance, balance);
    }
    let entries = store.member_entries(w.members[0], 0, 10).await.unwrap();
    assert_eq!(entries.iter().filter(|e| e.kind == "correction").count(), 2);
    assert!(store.verify_ledger().await.unwrap().first_bad.is_none());
    // A bad rule is named, and nothing changes.
    policy["rules"][0]["points"] = json!(-5);
    let (s, v) = app
        .api(
            Method::PUT,
            "/api/v1/points/rules?apply_from=all",
            Some(&owner),
            Some(policy),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains('1'),
        "{v}"
    );
    assert_eq!(store.points(w.members[0]).await.unwrap().balance, 16);
    let _: Value = v;
}

/// Gives `member` 5 points on each of `days` different days (a topic a day).
async fn earn(store: &Store, space: i64, member: i64, days: i64) {
    let now = hearth_store::now_millis();
    for d in 0..days {
        let at = now - (d + 1) * 86_400_000;
        let (t, _) = topic(store, space, member, at).await;
        activity(store, member, k::TOPIC_STARTED, ("topic", t), space, at).await;
    }
    drain(store).await;
}

async fn a_hundred_concurrent_redemptions_with_points_for_ten_succeed_ten_times(app: TestApp) {
    let w = world(&app, 1).await;
    let store = app.state.store().clone();
    earn(&store, w.space, w.members[0], 10).await;
    assert_eq!(store.points(w.members[0]).await.unwrap().balance, 50);
    let owner = app.token("owner@example.com").await;
    let (s, reward) = app
        .api(Method::POST, "/api/v1/rewards", Some(&owner),
             Some(json!({"name": "A sticker", "cost": 5, "stock": null, "per_member_limit": null, "kind": "perk"})))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{reward}");
    let id = reward["id"].as_i64().unwrap();
    let member = app.token("baker0@example.com").await;
    let mut tries = Vec::new();
    for _ in 0..100 {
        let c = app.client_without_cookies();
        let url = app.url(&format!("/api/v1/rewards/{id}/redeem"));
        let t = member.clone();
        tries.push(tokio::spawn(async move {
            c.post(url).bearer_auth(t).send().await.unwrap().status()
        }));
    }
    let mut won = 0;
    for t in tries {
        match t.await.unwrap() {
            StatusCode::CREATED => won += 1,
            StatusCode::CONFLICT => {}
            other => panic!("a redemption answered {other}"),
        }
    }
    assert_eq!(won, 10, "exactly the ten the points pay for");
    let p = store.points(w.members[0]).await.unwrap();
    assert_eq!(
        (p.balance, p.earned),
        (0, 50),
        "spending does not lower what was earned"
    );
    let (_, mine) = app
        .api(Method::GET, "/api/v1/redemptions", Some(&member), None)
        .await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 10);
    assert!(store.verify_ledger().await.unwrap().first_bad.is_none());
}

async fn a_member_redeems_a_code_and_bad_rewards_are_refused_by_name(app: TestApp) {
    let w = world(&app, 1).await;
    let store = app.state.store().clone();
    earn(&store, w.space, w.members[0], 3).await;
    let owner = app.token("owner@example.com").await;
    let member = app.token("baker0@example.com").await;
    // Bad rewards are named, and nothing is made.
    for (body, field) in [
        (json!({"name": "Loaf", "cost": -5, "kind": "perk"}), "cost"),
        (json!({"name": "", "cost": 5, "kind": "perk"}), "name"),
        (json!({"name": "Loaf", "cost": 5, "kind": "gold"}), "kind"),
        (
            json!({"name": "Loaf", "cost": 5, "kind": "perk", "stock": -1}),
            "stock",
        ),
        (json!({"name": "Loaf", "cost": 5, "kind": "space"}), "space"),
        (
            json!({"name": "<script>alert(1)</script>", "cost": 5, "kind": "perk", "per_member_limit": 0}),
            "per_member_limit",
        ),
    ] {
        let (s, v) = app
            .api(Method::POST, "/api/v1/rewards", Some(&owner), Some(body))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["error"]["field"], field, "{v}");
    }
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/rewards",
            Some(&member),
            Some(json!({"name": "Mine", "cost": 1, "kind": "perk"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a member cannot add rewards: {v}");
    let (_, list) = app
        .api(Method::GET, "/api/v1/rewards", Some(&owner), None)
        .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    // A code reward with two codes, a limit of one each.
    let (s, r) = app
        .api(
            Method::POST,
            "/api/v1/rewards",
            Some(&owner),
            Some(json!({"name": "10% off", "cost": 5, "kind": "code", "per_member_limit": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_i64().unwrap();
    let redeem = format!("/api/v1/rewards/{id}/redeem");
    let (s, v) = app.api(Method::POST, &redeem, Some(&member), None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("refused")),
        "no codes yet: {v}"
    );
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/rewards/{id}/codes"),
            Some(&owner),
            Some(json!({"codes": ["LOAF-1", "LOAF-2", "LOAF-1"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["added"].as_i64(), v["reward"]["stock"].as_i64()),
        (Some(2), Some(2))
    );
    let (s, d) = app.api(Method::POST, &redeem, Some(&member), None).await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    assert_eq!(
        (d["code"].as_str(), d["status"].as_str()),
        (Some("LOAF-1"), Some("fulfilled"))
    );
    let (s, v) = app.api(Method::POST, &redeem, Some(&member), None).await;
    assert_eq!(s, StatusCode::CONFLICT, "the limit of one: {v}");
    assert!(v["error"]["message"].as_str().unwrap().contains('1'), "{v}");
    // Too few points: the numbers are said, and the balance is untouched.
    let (_, big) = app
        .api(
            Method::POST,
            "/api/v1/rewards",
            Some(&owner),
            Some(json!({"name": "A cake", "cost": 500, "kind": "perk"})),
        )
        .await;
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/rewards/{}/redeem", big["id"]),
            Some(&member),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let said = v["error"]["message"].as_str().unwrap();
    assert!(said.contains("500") && said.contains("10"), "{said}");
    assert_eq!(store.points(w.members[0]).await.unwrap().balance, 10);
    // The member sees the code on the page.
    let page = app.client.get(app.url("/rewards")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let c = crate::support::client();
    app.post_form(
        &c,
        "/login",
        &[
            ("email", "baker0@example.com"),
            ("password", crate::support::PASSWORD),
        ],
    )
    .await;
    let html = c
        .get(app.url("/rewards"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("LOAF-1"), "the code is on the member's page");
    let points = c
        .get(app.url("/points"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        points.contains("data-balance>10<"),
        "the balance is on the points page"
    );
    // Another member never sees it.
    let (_, theirs) = app
        .api(Method::GET, "/api/v1/redemptions", Some(&owner), None)
        .await;
    assert_eq!(theirs["items"].as_array().unwrap().len(), 0);
}

/// Regression (leaderboard_reads_the_avatar_column): both leaderboard queries named a
/// column that does not exist, so every leaderboard answered 500. Ranks by period, within a
/// space, without staff, on the API and the page.
async fn leaderboard_reads_the_avatar_column_and_ranks_by_period(app: TestApp) {
    let w = world(&app, 2).await;
    let store = app.state.store().clone();
    // baker0: 3 topics in the last 3 days (15); baker1: 10 over 10 days (50; the last 7 days
    // hold 6 of them, the seventh being 7 days and a moment old).
    earn(&store, w.space, w.members[0], 3).await;
    earn(&store, w.space, w.members[1], 10).await;
    let owner_id = store.member_by_handle("owner").await.unwrap().unwrap().id;
    earn(&store, w.space, owner_id, 20).await;
    let token = app.token("baker0@example.com").await;
    let board = |v: &Value| -> Vec<(String, i64)> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["member"]["handle"].as_str().unwrap().to_owned(),
                    r["points"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    for (query, want) in [
        ("period=all", vec![("baker1", 50), ("baker0", 15)]),
        ("period=7d", vec![("baker1", 30), ("baker0", 15)]),
        (
            "period=30d&space=kitchen",
            vec![("baker1", 50), ("baker0", 15)],
        ),
    ] {
        let (s, v) = app
            .api(
                Method::GET,
                &format!("/api/v1/leaderboard?{query}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{query}: {v}");
        let want: Vec<(String, i64)> = want.into_iter().map(|(h, p)| (h.to_owned(), p)).collect();
        assert_eq!(board(&v), want, "{query}: the owner (staff) is left out");
        assert_eq!(v["items"][0]["rank"], 1);
    }
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/leaderboard?period=year",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, _) = app
        .api(Method::GET, "/api/v1/leaderboard", None, None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let r = app
        .client
        .get(app.url("/leaderboard?period=7d"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let (one, zero) = (html.find("baker1").unwrap(), html.find("baker0").unwrap());
    assert!(one < zero, "baker1 ranks first on the page");
}
