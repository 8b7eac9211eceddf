//! Member intelligence on both databases: every importer on hand-written fixtures in the
//! sources' own formats (`tests/fixtures/import`), re-importing changes nothing, bad files
//! import nothing and say where they are wrong, the activities API, the people API, and the
//! admin pages (upload, progress, audit, a person's record).

use crate::both_databases;
use crate::support::TestApp;
use hearth::import::{Kind, Source};
use hearth::services::{Actor, people};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};

both_databases!(every_importer_reads_its_format_and_a_second_import_changes_nothing);
both_databases!(bad_files_import_nothing_and_say_where);
both_databases!(spreadsheet_resaved_and_newer_stripe_exports_import);
both_databases!(
    real_stripe_exports_import_with_their_quirks,
    every_real_export_of_a_supported_format_imports_with_its_counts,
);
both_databases!(activities_api_checks_every_item_and_replays_add_nothing);
both_databases!(people_api_and_pages_show_a_person_across_channels);
both_databases!(uploads_stream_to_disk_show_progress_and_the_audit);
both_databases!(suggestions_show_evidence_and_merges_undo_completely);
both_databases!(segments_match_live_export_csv_and_tag_everyone);
both_databases!(erasure_leaves_nothing_personal_anywhere_and_exports_are_complete);
both_databases!(raw_imported_data_is_forgotten_after_the_retention_period);
both_databases!(a_member_deletes_their_own_account_and_is_erased);
both_databases!(the_segment_builder_writes_what_the_owner_chose_and_saves_nothing_itself);
both_databases!(the_person_timeline_pages_to_older_rows_links_its_rows_and_shows_no_member_badge);

/// Issue 17: segments are built by choosing (what, a number or word, and or or) or from an
/// example shown on the page; each choice is written into the condition as text, and
/// nothing is saved until the owner saves.
async fn the_segment_builder_writes_what_the_owner_chose_and_saves_nothing_itself(app: TestApp) {
    app.setup().await;
    let page = app.get("/admin/segments").await.text().await.unwrap();
    assert!(
        page.contains("<select id=\"rule\" name=\"rule\""),
        "the builder is on the page"
    );
    assert!(
        page.contains("name=\"example\" value=\"slipping\"")
            && page.contains("<code>slipping</code>")
            && page.contains("<code>activity &gt;= 5 in 30d</code>"),
        "examples are shown, not hidden"
    );
    let post = async |c: &reqwest::Client, path: &str, fields: &[(&str, &str)]| {
        let r = app.post_form(c, path, fields).await;
        let status = r.status();
        (status, r.text().await.unwrap())
    };
    let (status, html) = post(
        &app.client,
        "/admin/segments",
        &[
            ("name", "Keen buyers"),
            ("condition", ""),
            ("rule", "active_times"),
            ("value", "5"),
            ("days", "14"),
            ("join", "and"),
            ("add", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(">activity &gt;= 5 in 14d</textarea>"),
        "{html}"
    );
    assert!(html.contains("value=\"Keen buyers\""), "the name is kept");
    let (_, html) = post(
        &app.client,
        "/admin/segments",
        &[
            ("name", "Keen buyers"),
            ("condition", "activity >= 5 in 14d"),
            ("rule", "customer"),
            ("join", "or"),
            ("add", "1"),
        ],
    )
    .await;
    assert!(
        html.contains(">activity &gt;= 5 in 14d or customer</textarea>"),
        "{html}"
    );
    // Joining an "or" with "and" keeps its meaning; HTML in a tag stays text.
    let (_, html) = post(
        &app.client,
        "/admin/segments",
        &[
            ("name", "Keen buyers"),
            ("condition", "activity >= 5 in 14d or customer"),
            ("rule", "has_tag"),
            ("value", "<b>vip</b>"),
            ("join", "and"),
            ("add", "1"),
        ],
    )
    .await;
    assert!(
        html.contains(">(activity &gt;= 5 in 14d or customer) and tag = &quot;&lt;b&gt;vip&lt;&#x2f;b&gt;&quot;</textarea>")
            || html.contains(">(activity &gt;= 5 in 14d or customer) and tag = &quot;&lt;b&gt;vip&lt;/b&gt;&quot;</textarea>"),
        "{html}"
    );
    // A wrong value is named by its field; the condition is left as it was.
    let (status, html) = post(
        &app.client,
        "/admin/segments",
        &[
            ("name", "Keen buyers"),
            ("condition", "customer"),
            ("rule", "spend_at_least"),
            ("value", "lots"),
            ("add", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"value-error\"")
            && html.contains("must be an amount such as 100 or 49.50"),
        "{html}"
    );
    assert!(html.contains(">customer</textarea>"));
    let (status, _) = post(
        &app.client,
        "/admin/segments",
        &[
            ("name", "x"),
            ("rule", "active_within"),
            ("value", "0"),
            ("add", "1"),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "0 days is refused"
    );
    // A condition that does not parse is named before anything is added to it; an example
    // that does not exist says so (regression: the page showed no message).
    let (status, html) = post(
        &app.client,
        "/admin/segments",
        &[
            ("name", "x"),
            ("condition", "customer and ("),
            ("rule", "customer"),
            ("add", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"condition-error\"") && html.contains("column"),
        "{html}"
    );
    let (status, html) = post(
        &app.client,
        "/admin/segments",
        &[("name", "x"), ("example", "bogus")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("choose what to look for"), "{html}");
    // An example fills the condition; only the save button saves.
    let (_, html) = post(
        &app.client,
        "/admin/segments",
        &[("name", "Drifting"), ("example", "slipping")],
    )
    .await;
    assert!(html.contains(">slipping</textarea>"), "{html}");
    assert!(
        app.state.store().segments().await.unwrap().is_empty(),
        "the builder saved nothing"
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/segments",
            &[
                ("name", "Drifting"),
                ("condition", "last_active > 30d and activity >= 3 in 90d"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let saved = app.state.store().segments().await.unwrap();
    assert_eq!(saved.len(), 1);
    let id = saved[0].id;

    // The segment's own page has the builder too, and says the change is not saved yet.
    let (status, html) = post(
        &app.client,
        &format!("/admin/segments/{id}"),
        &[
            ("name", "Drifting"),
            ("condition", "last_active > 30d and activity >= 3 in 90d"),
            ("rule", "not_customer"),
            ("join", "and"),
            ("add", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(
            ">last_active &gt; 30d and activity &gt;= 3 in 90d and not customer</textarea>"
        ),
        "{html}"
    );
    assert!(html.contains("Not saved yet"));
    assert_eq!(
        app.state.store().segments().await.unwrap()[0].condition,
        "last_active > 30d and activity >= 3 in 90d"
    );
    // A member may not use the builder any more than the segments.
    let ana = app.member_client("ana").await;
    let (status, _) = post(
        &ana,
        "/admin/segments",
        &[("name", "x"), ("rule", "customer"), ("add", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Issue 17: a member may delete their own account (the owner may not), after their
/// password and a tick; they are erased as the owner's erase does and signed out.
async fn a_member_deletes_their_own_account_and_is_erased(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let ana = app.member_client("ana").await;
    let ana_token = app.token("ana@example.com").await;
    let (s, topic) = app
        .api(
            Method::POST,
            "/api/v1/spaces/kitchen/topics",
            Some(&ana_token),
            Some(json!({"title": "Rye starter tips", "body": "Feed it twice a day, says Ana."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let settings = ana
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(settings.contains("Delete your account"));
    for (form, field) in [
        (
            vec![("password", "wrong password!"), ("confirm", "1")],
            "password",
        ),
        (vec![("password", crate::support::PASSWORD)], "confirm"),
    ] {
        let r = app.post_form(&ana, "/settings/delete", &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let page = r.text().await.unwrap();
        let said = if field == "password" {
            "is not your current password"
        } else {
            "tick the box"
        };
        assert!(page.contains(said), "{field}: the page says {said:?}");
    }
    let r = app
        .post_form(
            &ana,
            "/settings/delete",
            &[("password", crate::support::PASSWORD), ("confirm", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Your account is deleted"));
    // Signed out everywhere: the session and the token are gone.
    let r = ana.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app
        .api(Method::GET, "/api/v1/me", Some(&ana_token), None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // Erased: the post stays, blanked, under "Erased member".
    let (_, t) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{}", topic["id"]),
            None,
            None,
        )
        .await;
    let text = t.to_string();
    assert!(
        !text.contains("says Ana") && !text.contains("\"ana\""),
        "{text}"
    );
    // The owner cannot leave the community without an owner.
    let page = app.get("/settings").await.text().await.unwrap();
    assert!(!page.contains("Delete your account"));
    let r = app
        .post_form(
            &app.client,
            "/settings/delete",
            &[("password", crate::support::PASSWORD), ("confirm", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The Slack fixture folder as the zip Slack sends.
pub fn slack_zip(dir: &Path) -> PathBuf {
    let path = dir.join("slack-export.zip");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let root = fixture("slack");
    let mut entries = Vec::new();
    for entry in walk(&root) {
        entries.push(entry);
    }
    entries.sort();
    for entry in entries {
        let name = entry
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(&entry).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

async fn import(app: &TestApp, kind: &str, path: &Path) -> Result<Value, String> {
    let kind = Kind::parse(kind).unwrap();
    people::import_file(
        &app.state.hearth,
        &Actor::Operator,
        kind,
        &Source::new(path),
    )
    .await
    .map(|s| hearth::import::summary_json(&s))
    .map_err(|e| e.to_string())
}

/// Row counts of every table an import writes.
async fn counts(app: &TestApp) -> Vec<i64> {
    let db = &app.state.store().db;
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) AS n FROM members",
        "SELECT COUNT(*) AS n FROM identities",
        "SELECT COUNT(*) AS n FROM activities",
        "SELECT COUNT(*) AS n FROM orders",
        "SELECT COUNT(*) AS n FROM member_tags",
        "SELECT COUNT(*) AS n FROM member_fields",
    ] {
        out.push(db.fetch_one(sql, &[]).await.unwrap().i64("n").unwrap());
    }
    out
}

/// (rows read, members created, matched, activities created, lines skipped)
type Expected = (u64, u64, u64, u64, Vec<u64>);

fn summary(v: &Value) -> Expected {
    (
        v["rows_read"].as_u64().unwrap(),
        v["members_created"].as_u64().unwrap(),
        v["members_matched"].as_u64().unwrap(),
        v["activities_created"].as_u64().unwrap(),
        v["rows_skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["line"].as_u64().unwrap())
            .collect(),
    )
}

async fn member_id_by_email(app: &TestApp, email: &str) -> i64 {
    let (people, _) = people::people(&app.state.hearth, &Actor::Operator, Some(email), None)
        .await
        .unwrap();
    let exact: Vec<_> = people.iter().filter(|p| p.email == email).collect();
    assert_eq!(exact.len(), 1, "{email}: {people:?}");
    exact[0].id
}

async fn every_importer_reads_its_format_and_a_second_import_changes_nothing(app: TestApp) {
    app.setup().await;
    let dir = tempfile::tempdir().unwrap();
    let slack = slack_zip(dir.path());
    // (kind, file, rows read, created, matched, activities, skipped lines)
    let plan: Vec<(&str, PathBuf, Expected)> = vec![
        ("members", fixture("members.csv"), (4, 3, 0, 0, vec![4])),
        (
            "shopify-customers",
            fixture("shopify-customers.csv"),
            (3, 1, 1, 0, vec![4]),
        ),
        (
            "shopify-orders",
            fixture("shopify-orders.csv"),
            (6, 0, 3, 5, vec![5, 7]),
        ),
        (
            "stripe-customers",
            fixture("stripe-customers.csv"),
            (2, 1, 1, 0, vec![]),
        ),
        (
            "stripe-payments",
            fixture("stripe-payments.csv"),
            (3, 0, 2, 3, vec![4]),
        ),
        (
            "mailchimp",
            fixture("mailchimp-subscribed.csv"),
            (2, 1, 1, 2, vec![]),
        ),
        (
            "mailchimp",
            fixture("mailchimp-unsubscribed.csv"),
            (1, 1, 0, 1, vec![]),
        ),
        (
            "mailchimp",
            fixture("mailchimp-cleaned.csv"),
            (1, 1, 0, 1, vec![]),
        ),
        (
            "activities",
            fixture("activities.ndjson"),
            (3, 2, 1, 3, vec![]),
        ),
        (
            "activities",
            fixture("activities.csv"),
            (2, 1, 1, 2, vec![]),
        ),
        ("discord", fixture("discord.json"), (4, 2, 1, 4, vec![3, 4])),
        ("slack", slack.clone(), (6, 1, 2, 6, vec![1, 4])),
    ];
    for (kind, path, want) in &plan {
        let got = import(&app, kind, path).await.unwrap();
        assert_eq!(&summary(&got), want, "{kind} {}: {got}", path.display());
    }
    let after_first = counts(&app).await;

    // The same files again: nothing new, everyone matched.
    for (kind, path, want) in &plan {
        let got = summary(&import(&app, kind, path).await.unwrap());
        assert_eq!(
            (got.0, got.1, got.3, &got.4),
            (want.0, 0, 0, &want.4),
            "{kind} again"
        );
    }
    assert_eq!(
        counts(&app).await,
        after_first,
        "a second import changed rows"
    );

    // What the files said is on the record.
    let ana = member_id_by_email(&app, "ana@example.com").await;
    let ben = member_id_by_email(&app, "ben@example.com").await;
    let store = app.state.store();
    let ana_counts = store.person_counts(ana).await.unwrap();
    assert_eq!(
        ana_counts.spend,
        vec![("EUR".to_string(), 6000)],
        "35.00 at Shopify + 25.00 at Stripe"
    );
    let ben_counts = store.person_counts(ben).await.unwrap();
    assert_eq!(
        ben_counts.spend,
        vec![("EUR".to_string(), 3600)],
        "48.00 less 12.00 refunded"
    );
    let orders = store.orders(ana, 10).await.unwrap();
    let first = orders.iter().find(|o| o.external_id == "#1001").unwrap();
    let lines: Value = serde_json::from_str(&first.lines).unwrap();
    assert_eq!(
        lines.as_array().unwrap().len(),
        2,
        "two line items: {lines}"
    );
    assert_eq!(lines[1]["name"], "Starter jar");
    assert_eq!(
        store.tags(ana).await.unwrap(),
        vec!["bread club", "early", "newsletter", "vip", "wholesale"],
        "members.csv, the Shopify customers and Mailchimp's TAGS"
    );
    let fields = store.fields(ana).await.unwrap();
    assert!(
        fields.contains(&("favourite_bread".to_string(), "Rye".to_string())),
        "{fields:?}"
    );
    assert!(fields.contains(&("shopify_total_spent".to_string(), "35.00".to_string())));
    let channels: Vec<String> = store
        .identities(ben)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.channel)
        .collect();
    assert_eq!(channels, vec!["email", "shop", "slack"]);
    // Ben's Slack thread reply points at Ana, the thread's author; his edited message is
    // one message.
    let timeline = store.timeline(ben, None, 50).await.unwrap();
    let reply = timeline
        .iter()
        .find(|a| a.kind == "message_replied")
        .unwrap();
    assert_eq!(
        (reply.channel.as_str(), reply.target_id),
        ("slack", Some(ana))
    );
    assert_eq!(
        timeline.iter().filter(|a| a.channel == "slack").count(),
        3,
        "{timeline:?}"
    );
    assert!(
        timeline
            .iter()
            .any(|a| a.kind == "order_refunded" && a.weight == 1200)
    );
    // The audit keeps every import, with its counts.
    let runs = store.imports_page(None, 50).await.unwrap();
    assert_eq!(runs.len(), plan.len() * 2);
    assert!(runs.iter().all(|r| r.status == "done"));
}

/// Imports a file that must fail and checks that nothing was written.
async fn refused(app: &TestApp, kind: &str, path: &Path, expect: &[&str]) {
    let before = counts(app).await;
    let err = import(app, kind, path).await.unwrap_err();
    for part in expect {
        assert!(
            err.contains(part),
            "{kind} {}: {err:?} lacks {part:?}",
            path.display()
        );
    }
    assert_eq!(
        counts(app).await,
        before,
        "{kind}: a failed import wrote rows"
    );
    let last = app.state.store().imports_page(None, 1).await.unwrap();
    assert_eq!(last[0].status, "failed");
    assert_eq!(last[0].error.as_deref(), Some(err.as_str()));
}

async fn bad_files_import_nothing_and_say_where(app: TestApp) {
    app.setup().await;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p
    };
    let bars = write("bars.csv", b"email|name\nana@example.com|Ana\n");
    refused(&app, "members", &bars, &["bars.csv", "line 1", "bars"]).await;
    let missing = write("orders.csv", b"Name,Email,Total\n#1,a@example.com,1.00\n");
    refused(
        &app,
        "shopify-orders",
        &missing,
        &["orders.csv", "line 1", "Financial Status"],
    )
    .await;
    // A bad row late in the file: the good rows before it are not kept either.
    let late = write(
        "members-late.csv",
        b"email,name\nana@example.com,Ana\nben@example.com,Ben\nnot-an-address,X\n",
    );
    refused(
        &app,
        "members",
        &late,
        &["members-late.csv", "line 4", "field email"],
    )
    .await;
    let latin1 = write("latin1.csv", b"email,name\nana@example.com,Jos\xe9\n");
    refused(&app, "members", &latin1, &["latin1.csv", "line 2", "UTF-8"]).await;
    let dates = write(
        "payments.csv",
        b"id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email\nch_1,05/03/2024,10.00,0,eur,Paid,cus_1,a@example.com\n",
    );
    refused(
        &app,
        "stripe-payments",
        &dates,
        &["payments.csv", "line 2", "Created (UTC)", "05/03/2024"],
    )
    .await;
    let money = write(
        "payments2.csv",
        b"id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email\nch_1,2024-03-05 10:00,\"1,000.00\",0,eur,Paid,cus_1,a@example.com\n",
    );
    refused(&app, "stripe-payments", &money, &["line 2", "field Amount"]).await;
    let ndjson = write(
        "acts.ndjson",
        b"{\"member\":\"ana@example.com\",\"channel\":\"pos\",\"kind\":\"purchased\",\"occurred_at\":\"2024-03-05T10:00:00Z\"}\n{\"member\":\"ana@example.com\",\"channel\":\"pos\",\"kind\":\"replied\",\"occurred_at\":\"2024-03-05T10:00:00Z\"}\n",
    );
    refused(
        &app,
        "activities",
        &ndjson,
        &["acts.ndjson", "line 2", "field kind"],
    )
    .await;

    // A Discord export cut off halfway.
    let whole = std::fs::read(fixture("discord.json")).unwrap();
    let cut = write("cut.json", &whole[..whole.len() / 2]);
    refused(&app, "discord", &cut, &["cut.json", "cut off"]).await;
    let not_dce = write("other.json", b"{\"hello\": [1, 2]}");
    refused(&app, "discord", &not_dce, &["other.json", "messages"]).await;

    // Slack zips: a path out of the export, a bomb, and not a zip at all.
    let traversal = dir.path().join("evil.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&traversal).unwrap());
        let o = zip::write::SimpleFileOptions::default();
        zip.start_file("users.json", o).unwrap();
        zip.write_all(b"[]").unwrap();
        zip.start_file("channels.json", o).unwrap();
        zip.write_all(b"[]").unwrap();
        zip.start_file("../../etc/cron.d/evil", o).unwrap();
        zip.write_all(b"* * * * * root true").unwrap();
        zip.finish().unwrap();
    }
    refused(
        &app,
        "slack",
        &traversal,
        &["evil.zip", "../../etc/cron.d/evil", "outside"],
    )
    .await;
    let bomb = dir.path().join("bomb.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("users.json", o).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..600 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(
        std::fs::metadata(&bomb).unwrap().len() < 2 << 20,
        "the bomb is small"
    );
    refused(
        &app,
        "slack",
        &bomb,
        &["bomb.zip", "users.json", "zip bomb"],
    )
    .await;
    let not_zip = write("slack.zip", b"PK but not really");
    refused(&app, "slack", &not_zip, &["slack.zip", "not a zip"]).await;

    // A 2 GB file is streamed: a sparse file, one header line and then 2 GB without a line
    // break, is refused at its second line after reading a megabyte, not loaded whole.
    let huge = dir.path().join("huge.csv");
    {
        let mut f = std::fs::File::create(&huge).unwrap();
        f.write_all(b"email,name\n").unwrap();
        f.set_len(2 << 30).unwrap();
    }
    refused(
        &app,
        "members",
        &huge,
        &["huge.csv", "line 2", "longer than"],
    )
    .await;
    // The one kind that does not exist.
    assert!(
        Kind::parse("myspace")
            .unwrap_err()
            .to_string()
            .contains("members, activities")
    );
}

async fn activities_api_checks_every_item_and_replays_add_nothing(app: TestApp) {
    app.setup().await;
    let token = app.token("owner@example.com").await;
    let batch = json!([
        {"member": "ana@example.com", "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z", "weight": 450, "idempotency_key": "till-1"},
        {"member": {"channel": "discord", "external_id": "42"}, "channel": "discord", "kind": "custom:voice_joined", "occurred_at": "2024-03-07T20:00:00+01:00", "properties": {"room": "Ovens"}},
        {"member": "@owner", "channel": "door", "kind": "event_checked_in", "occurred_at": "2024-03-08T18:00:00Z", "target": "spring-fair"},
    ]);
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&token),
            Some(batch.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (
            v["received"].as_u64(),
            v["created"].as_u64(),
            v["members_created"].as_u64()
        ),
        (Some(3), Some(3), Some(2))
    );
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&token),
            Some(batch),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (v["created"].as_u64(), v["duplicates"].as_u64()),
        (Some(0), Some(3)),
        "{v}"
    );

    // NDJSON works the same (one object a line), and its replay is a no-op too.
    let ndjson = "{\"member\": \"ana@example.com\", \"channel\": \"pos\", \"kind\": \"purchased\", \"occurred_at\": \"2024-03-09T10:00:00Z\"}\n\n{\"member\": \"ana@example.com\", \"channel\": \"pos\", \"kind\": \"purchased\", \"occurred_at\": \"2024-03-10T10:00:00Z\"}\n";
    for want in [2, 0] {
        let r = app
            .client_without_cookies()
            .post(app.url("/api/v1/activities"))
            .bearer_auth(&token)
            .header("Content-Type", "application/x-ndjson")
            .body(ndjson)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["created"].as_u64(), Some(want), "{v}");
    }

    // Bad items: the error names the item and the field, and nothing of the batch lands.
    let before = counts(&app).await;
    let ok = json!({"member": "zed@example.com", "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z"});
    for (item, field, words) in [
        (
            json!({"member": "zed@example.com", "channel": "pos", "kind": "replied", "occurred_at": "2024-03-07T10:00:00Z"}),
            "kind",
            "not a kind other systems may send",
        ),
        (
            json!({"member": "zed@example.com", "channel": "pos", "kind": "purchased", "occurred_at": "07/03/2024"}),
            "occurred_at",
            "RFC 3339",
        ),
        (
            json!({"member": "zed@example.com", "channel": "Point Of Sale", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z"}),
            "channel",
            "channel name",
        ),
        (
            json!({"member": 17, "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z"}),
            "member",
            "email",
        ),
        (
            json!({"member": "zed@example.com", "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z", "properties": [1]}),
            "properties",
            "object",
        ),
        (
            json!({"member": "zed@example.com", "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z", "extra": 1}),
            "item",
            "unknown field",
        ),
        (
            json!({"member": "zed@example.com", "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z", "target_member": "@owner"}),
            "target_member",
            "only for kinds whose target is a member (message_replied, reaction_added)",
        ),
        (
            json!({"member": "zed@example.com", "channel": "slack", "kind": "message_replied", "occurred_at": "2024-03-07T10:00:00Z", "target_member": 17}),
            "target_member",
            "email",
        ),
        (
            json!({"member": "zed@example.com", "channel": "slack", "kind": "message_replied", "occurred_at": "2024-03-07T10:00:00Z", "target_member": {"channel": "Slack Workspace", "external_id": "U1"}}),
            "target_member.channel",
            "channel name",
        ),
    ] {
        let (s, v) = app
            .api(
                Method::POST,
                "/api/v1/activities",
                Some(&token),
                Some(json!([ok, item])),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["error"]["field"], field, "{v}");
        let message = v["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("item 1: ") && message.contains(words),
            "{message}"
        );
    }
    // An unknown handle is only known when writing: still nothing is written.
    let (s, v) = app
        .api(Method::POST, "/api/v1/activities", Some(&token), Some(json!([ok, {"member": "@nobody", "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z"}])))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no member has the handle @nobody"),
        "{v}"
    );
    for body in ["not json", "[]", "{\"member\": 1"] {
        let r = app
            .client_without_cookies()
            .post(app.url("/api/v1/activities"))
            .bearer_auth(&token)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    assert_eq!(counts(&app).await, before, "a refused batch wrote rows");
    // Without a token: 401.
    let (s, _) = app
        .api(Method::POST, "/api/v1/activities", None, Some(json!([ok])))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

async fn people_api_and_pages_show_a_person_across_channels(app: TestApp) {
    app.setup().await;
    let dir = tempfile::tempdir().unwrap();
    for (kind, path) in [
        ("members", fixture("members.csv")),
        ("shopify-orders", fixture("shopify-orders.csv")),
        ("slack", slack_zip(dir.path())),
    ] {
        import(&app, kind, &path).await.unwrap();
    }
    let token = app.token("owner@example.com").await;
    let (s, v) = app
        .api(Method::GET, "/api/v1/members?q=okafor", Some(&token), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let found = v["members"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{v}");
    assert_eq!(found[0]["kind"], "contact");
    let id = found[0]["id"].as_i64().unwrap();
    // Paging: one page of 50 at most, a cursor when there are more.
    let (_, all) = app
        .api(Method::GET, "/api/v1/members", Some(&token), None)
        .await;
    assert_eq!(
        all["members"].as_array().unwrap().len(),
        6,
        "owner, ana, ben, yuki, carla, kim: {all}"
    );
    assert!(all["next_cursor"].is_null());
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/members?cursor=abc",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("cursor"))
    );

    let (s, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/members/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["member"]["display_name"], "Ben Okafor");
    let channels: Vec<&str> = v["identities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, vec!["email", "shop", "slack"]);
    assert_eq!(v["counts"]["orders"], 1);
    assert_eq!(v["counts"]["lifetime_spend"][0]["amount"], "36.00");
    assert!(v["counts"]["activities"].as_i64().unwrap() >= 4, "{v}");
    assert_eq!(v["tags"], json!(["regular"]));
    assert_eq!(v["fields"]["favourite_bread"], "Sourdough");
    assert!(
        v["recent_activity"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "message_replied")
    );
    let (s, _) = app
        .api(Method::GET, "/api/v1/members/999999", Some(&token), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The pages: the list, the record (timeline, identities, orders), tags and fields.
    let page = app.get("/admin/people?q=ben").await.text().await.unwrap();
    assert!(
        page.contains("Ben Okafor") && !page.contains("Yuki"),
        "{page}"
    );
    let r = app.get(&format!("/admin/people/{id}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    for want in [
        "Ben Okafor",
        "replied to a message",
        "#1002",
        "36.00",
        "Sourdough",
        "ben.okafor",
        "Timeline",
    ] {
        assert!(page.contains(want), "the record lacks {want}");
    }
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/tags"),
            &[("add", "wholesale; baker")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/tags"),
            &[("remove", "regular")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.state.store().tags(id).await.unwrap(),
        vec!["baker", "wholesale"]
    );
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/fields"),
            &[("name", "Shoe Size"), ("value", "44")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/fields"),
            &[("name", "bad,name"), ("value", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/notes"),
            &[("note", "Asked about wholesale rye")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app
        .get(&format!("/admin/people/{id}"))
        .await
        .text()
        .await
        .unwrap();
    for want in ["shoe_size", "44", "Asked about wholesale rye", "baker"] {
        assert!(page.contains(want), "the record lacks {want}");
    }
    // Tag changes are in the member's story.
    let timeline = app.state.store().timeline(id, None, 100).await.unwrap();
    assert_eq!(
        timeline.iter().filter(|a| a.kind == "tags_changed").count(),
        2
    );
    // A member who is not staff gets 403 on the pages and the API.
    let ben_client = app.member_client("ben_hub").await;
    let r = ben_client
        .get(app.url(&format!("/admin/people/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Contacts are not hub members: not in the directory or the member count.
    assert_eq!(app.state.store().member_count().await.unwrap(), 2);
}

async fn uploads_stream_to_disk_show_progress_and_the_audit(app: TestApp) {
    app.setup().await;
    let upload = |kind: &str, name: &str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("kind", kind.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        app.client
            .post(app.url("/admin/imports"))
            .header("Origin", &app.base)
            .multipart(form)
    };
    let r = upload(
        "shopify-orders",
        "orders_export.csv",
        std::fs::read(fixture("shopify-orders.csv")).unwrap(),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let running = r.headers()["location"].to_str().unwrap().to_string();
    assert!(running.starts_with("/admin/imports/running/"), "{running}");
    // The progress page refreshes itself until the import is done, then leads to the audit.
    let mut audit = None;
    for _ in 0..100 {
        let r = app.get(&running).await;
        if r.status() == StatusCode::SEE_OTHER {
            audit = Some(r.headers()["location"].to_str().unwrap().to_string());
            break;
        }
        let page = r.text().await.unwrap();
        assert!(
            page.contains("http-equiv=\"refresh\"") && page.contains("<progress"),
            "{page}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let audit = audit.expect("the import finished");
    let page = app.get(&audit).await.text().await.unwrap();
    for want in [
        "orders_export.csv",
        "order #1003 has no customer email",
        "Rows read",
    ] {
        assert!(page.contains(want), "the audit lacks {want}: {page}");
    }
    let list = app.get("/admin/imports").await.text().await.unwrap();
    assert!(list.contains("orders_export.csv"));
    // A file that fails: the progress page says why, and the audit lists it as failed.
    let r = upload("discord", "broken.json", b"{\"messages\": [".to_vec())
        .send()
        .await
        .unwrap();
    let running = r.headers()["location"].to_str().unwrap().to_string();
    let mut said = String::new();
    for _ in 0..100 {
        said = app.get(&running).await.text().await.unwrap();
        if said.contains("Nothing was imported") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        said.contains("broken.json") && said.contains("cut off"),
        "{said}"
    );
    assert!(!said.contains("http-equiv=\"refresh\""));
    // No kind, no file, an unknown kind: errors naming the field.
    let r = upload("bogus", "x.csv", b"a".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = upload("members", "empty.csv", Vec::new())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing is left in the upload folder.
    let dir = app.state.config().data_dir.join("imports");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_past_the_limit_is_refused_and_nothing_stays_on_disk() {
    let app = crate::support::spawn_with(crate::support::Backend::Sqlite, |c| {
        c.limits.import_max_bytes = 64 * 1024;
    })
    .await
    .unwrap();
    app.setup().await;
    let session = session_cookie(&app).await;
    let addr = app.base.trim_start_matches("http://").to_string();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // A 2 GB upload announced by its length is refused before a byte of it is read.
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /admin/imports HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\nCookie: {session}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {}\r\n\r\n",
        app.base,
        2u64 << 30
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let n = stream.read(&mut answer).await.unwrap_or(0);
    let answer = String::from_utf8_lossy(&answer[..n]).to_string();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // Without a length announced (chunked), the upload is cut off while it streams: the
    // server answers 413 after the limit, long before the 2 GB the client would send.
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let boundary = "hearthboundary";
    let head = format!(
        "POST /admin/imports HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\nCookie: {session}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nTransfer-Encoding: chunked\r\n\r\n",
        app.base
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let part = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nmembers\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    );
    stream
        .write_all(format!("{:x}\r\n{part}\r\n", part.len()).as_bytes())
        .await
        .unwrap();
    let chunk = vec![b'x'; 64 * 1024];
    let mut sent: u64 = 0;
    while sent < (2u64 << 30) {
        let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
        if stream.write_all(&frame).await.is_err() {
            break;
        }
        sent += chunk.len() as u64;
        if sent > (64 << 20) {
            break;
        }
    }
    assert!(
        sent < (64 << 20),
        "the server kept reading past its limit ({sent} bytes)"
    );
    let mut answer = vec![0u8; 4096];
    let n = stream.read(&mut answer).await.unwrap_or(0);
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    let dir = app.state.config().data_dir.join("imports");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

/// The owner's session cookie, as the browser client holds it.
async fn session_cookie(app: &TestApp) -> String {
    let r = app
        .client_without_cookies()
        .post(app.url("/login"))
        .header("Origin", &app.base)
        .form(&[
            ("email", "owner@example.com"),
            ("password", crate::support::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

async fn suggestions_show_evidence_and_merges_undo_completely(app: TestApp) {
    app.setup().await;
    import(&app, "members", &fixture("members.csv"))
        .await
        .unwrap();
    import(&app, "discord", &fixture("discord.json"))
        .await
        .unwrap();
    // Ana signs up to the hub with the address the members list already had.
    app.member_client("ana").await;
    let token = app.token("owner@example.com").await;
    let account = app
        .state
        .store()
        .member_by_handle("ana")
        .await
        .unwrap()
        .unwrap()
        .id;
    let (s, v) = app
        .api(
            Method::GET,
            "/api/v1/members/suggestions",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let list = v["suggestions"].as_array().unwrap();
    let by_email = list
        .iter()
        .find(|x| {
            x["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e == "same email ana@example.com")
        })
        .unwrap_or_else(|| panic!("no email evidence: {v}"));
    let contact = [&by_email["a"], &by_email["b"]]
        .iter()
        .find(|p| p["kind"] == "contact")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    // The Discord "Ana Lima" and the list's "Ana Lima": a similar name, only suggested.
    assert!(
        list.iter()
            .any(|x| x["evidence"].as_array().unwrap().iter().any(|e| e
                .as_str()
                .unwrap()
                .starts_with("similar names Ana Lima ~ Ana Lima"))),
        "{v}"
    );
    let page = app
        .get("/admin/people/suggestions")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("same email ana@example.com") && page.contains("Not the same person"),
        "{page}"
    );

    // Merge from the page: the account is kept and gets the contact's identities and story.
    let before_tags = app.state.store().tags(contact).await.unwrap();
    let r = app
        .post_form(
            &app.client,
            "/admin/people/merge",
            &[("a", &contact.to_string()), ("b", &account.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        format!("/admin/people/{account}?notice=merged")
    );
    let (_, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/members/{account}"),
            Some(&token),
            None,
        )
        .await;
    let channels: Vec<&str> = v["identities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, vec!["hub", "email"], "{v}");
    assert_eq!(v["tags"], json!(before_tags));
    let page = app
        .get(&format!("/admin/people/{account}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Undo merge") && page.contains("same email ana@example.com"),
        "{page}"
    );
    let (_, folded) = app
        .api(
            Method::GET,
            &format!("/api/v1/members/{contact}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(folded["merged_into"], account);
    // Merged records leave the people list.
    let (_, all) = app
        .api(Method::GET, "/api/v1/members?q=ana", Some(&token), None)
        .await;
    assert!(
        !all["members"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == contact)
    );

    // Undo: everything goes back.
    let merge_id = app.state.store().merges_of(account).await.unwrap()[0].id;
    let r = app
        .post_form(&app.client, &format!("/admin/merges/{merge_id}/undo"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/members/{account}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(v["identities"].as_array().unwrap().len(), 1);
    assert_eq!(app.state.store().tags(contact).await.unwrap(), before_tags);
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/merges/{merge_id}/undo"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    // Both merge and undo are in the audit log and the kept member's story.
    let kinds: Vec<String> = app
        .state
        .store()
        .timeline(account, None, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert!(
        kinds.contains(&"members_merged".to_string())
            && kinds.contains(&"merge_undone".to_string())
    );
    let audit = app.get("/admin/audit").await.text().await.unwrap();
    assert!(
        audit.contains("members.merged") && audit.contains("members.unmerged"),
        "{audit}"
    );

    // The API merges too; two accounts never.
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/members/{contact}/merge"),
            Some(&token),
            Some(json!({"other": account})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["kept"].as_i64(), v["merged"].as_i64()),
        (Some(account), Some(contact))
    );
    let owner = app
        .state
        .store()
        .member_by_handle("owner")
        .await
        .unwrap()
        .unwrap()
        .id;
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/members/{owner}/merge"),
            Some(&token),
            Some(json!({"other": account})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("two accounts")
    );

    // Dismissing a suggestion: the pair is not suggested again.
    let (_, v) = app
        .api(
            Method::GET,
            "/api/v1/members/suggestions",
            Some(&token),
            None,
        )
        .await;
    let first = &v["suggestions"][0];
    let (a, b) = (
        first["a"]["id"].as_i64().unwrap(),
        first["b"]["id"].as_i64().unwrap(),
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/people/dismiss",
            &[("a", &a.to_string()), ("b", &b.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, v) = app
        .api(
            Method::GET,
            "/api/v1/members/suggestions",
            Some(&token),
            None,
        )
        .await;
    assert!(
        !v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["a"]["id"] == a && x["b"]["id"] == b),
        "{v}"
    );
}

async fn segments_match_live_export_csv_and_tag_everyone(app: TestApp) {
    app.setup().await;
    let dir = tempfile::tempdir().unwrap();
    for (kind, path) in [
        ("members", fixture("members.csv")),
        ("shopify-orders", fixture("shopify-orders.csv")),
        ("slack", slack_zip(dir.path())),
    ] {
        import(&app, kind, &path).await.unwrap();
    }
    let formula = dir.path().join("formula.csv");
    std::fs::write(
        &formula,
        "email,name,tags\nmallory@example.com,=HYPERLINK(\"http://x\"),vip\n",
    )
    .unwrap();
    import(&app, "members", &formula).await.unwrap();
    let store = app.state.store();
    let count = |text: &'static str| {
        let store = store.clone();
        async move {
            let c = hearth_core::condition::parse(text).unwrap();
            store
                .condition_count(&c, hearth_store::now_millis())
                .await
                .unwrap()
        }
    };
    // owner, ana, ben, yuki, carla, kim, mallory
    assert_eq!(count("kind = contact").await, 6);
    assert_eq!(count("customer").await, 3);
    assert_eq!(
        count("customer and spend >= 30").await,
        2,
        "Ana 35.00, Ben 36.00 net; Carla refunded"
    );
    assert_eq!(count("channel = slack").await, 3);
    assert_eq!(count("activity message_replied on slack >= 1").await, 2);
    assert_eq!(
        count("activity order_refunded >= 1 and not tag = regular").await,
        1,
        "Carla"
    );
    assert_eq!(
        count("tag = vip or field.company = \"Lima Bakes\"").await,
        2
    );
    assert_eq!(
        count("last_active < 30d").await,
        1,
        "the owner set up today; the fixtures are from 2024"
    );
    assert_eq!(
        count("last_active > 30d and joined < 1d").await,
        6,
        "imported today, active long ago or never"
    );
    assert_eq!(count("trust_level >= 0").await, 1, "accounts only");
    // Issue 17, bug 2: what the system or staff did to a member is not their activity.
    let found = store.people_page("mallory@", None, 10).await.unwrap();
    assert_eq!(found.len(), 1);
    let mallory = found[0].id;
    for (kind, key) in [
        (hearth_core::activity::TRUST_LEVEL_CHANGED, "trust"),
        (hearth_core::activity::INVITE_CREATED, "invite"),
        (hearth_core::activity::MENTIONED, "mention"),
        (hearth_core::activity::ORDER_PLACED, "order"),
    ] {
        store
            .append_activity_once(
                &hearth_store::activity::NewActivity {
                    member_id: mallory,
                    kind,
                    channel: "hub",
                    target_type: None,
                    target_id: None,
                    space_id: None,
                    properties: None,
                    occurred_at: hearth_store::now_millis(),
                },
                &format!("bug-2-{key}"),
            )
            .await
            .unwrap();
    }
    assert_eq!(
        count("last_active < 30d").await,
        1,
        "a trust change, an invite, a mention or an order today is not Mallory's activity"
    );
    assert_eq!(count("last_active > 30d and joined < 1d").await, 6);

    // A segment from the page; a bad condition says where.
    let r = app
        .post_form(
            &app.client,
            "/admin/segments",
            &[
                ("name", "Customers"),
                ("condition", "customer and spend >= thirty"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("at column 23") && page.contains("spend &gt;= thirty"),
        "{page}"
    );
    let r = app
        .post_form(
            &app.client,
            "/admin/segments",
            &[
                ("name", "Good customers"),
                ("condition", "customer and spend >= 30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let url = r.headers()["location"].to_str().unwrap().to_string();
    let page = app.get(&url).await.text().await.unwrap();
    assert!(
        page.contains("Ana Lima") && page.contains("Ben Okafor") && !page.contains("Carla"),
        "{page}"
    );
    assert!(page.contains("2 people"));
    let r = app
        .post_form(
            &app.client,
            "/admin/segments",
            &[("name", "Good customers"), ("condition", "customer")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "names are unique");

    // Live: an opted-out member leaves every segment; a change of data shows at once.
    let ana = member_id_by_email(&app, "ana@example.com").await;
    store.set_analytics_opt_out(ana, true).await.unwrap();
    assert!(
        !app.get(&url)
            .await
            .text()
            .await
            .unwrap()
            .contains("Ana Lima")
    );
    store.set_analytics_opt_out(ana, false).await.unwrap();

    // CSV export: a header, one row each, formulas defused.
    let r = app.get(&format!("{url}/export.csv")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("segment-good-customers.csv")
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,kind,name,handle,email,trust_level,joined_at");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(csv.contains("Ana Lima,,ana@example.com"));
    let r = app
        .post_form(
            &app.client,
            "/admin/segments",
            &[("name", "VIPs"), ("condition", "tag = vip")],
        )
        .await;
    let vips = r.headers()["location"].to_str().unwrap().to_string();
    let csv = app
        .get(&format!("{vips}/export.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");

    // Tag everyone in the segment, in one go; each change is in the member's story.
    let r = app
        .post_form(
            &app.client,
            &format!("{url}/tag"),
            &[("tag", "thank-you-card")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("notice=tagged-2")
    );
    assert_eq!(count("tag = thank-you-card").await, 2);
    let timeline = store.timeline(ana, None, 5).await.unwrap();
    assert_eq!(timeline[0].kind, "tags_changed");
    // Edit and delete.
    let r = app
        .post_form(
            &app.client,
            &url,
            &[("name", "Good customers"), ("condition", "customer")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        app.get(&url)
            .await
            .text()
            .await
            .unwrap()
            .contains("3 people")
    );
    let list = app.get("/admin/segments").await.text().await.unwrap();
    assert!(list.contains("Good customers") && list.contains("VIPs"));
    let r = app
        .post_form(&app.client, &format!("{url}/delete"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&url).await.status(), StatusCode::NOT_FOUND);
}

/// Every byte the database holds, as lower-case text: SQLite's `VACUUM INTO` copy (no free
/// pages, every table and the search index) or PostgreSQL's `pg_dump` of the data.
async fn database_text(app: &TestApp, dir: &Path) -> String {
    let store = app.state.store();
    match store.db.dialect() {
        hearth_store::Dialect::Sqlite => {
            let copy = dir.join(format!("copy-{}.db", hearth_store::now_millis()));
            store.backup_sqlite(&copy).await.unwrap();
            String::from_utf8_lossy(&std::fs::read(&copy).unwrap()).to_lowercase()
        }
        hearth_store::Dialect::Postgres => {
            let url = app.state.config().database_url.clone();
            let out = std::process::Command::new("pg_dump")
                .args(["--data-only", "--no-owner", "--dbname", &url])
                .output()
                .expect("pg_dump (Debian's postgresql-client) must be installed");
            assert!(
                out.status.success(),
                "pg_dump: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).to_lowercase()
        }
    }
}

/// Everything Hearth logs from now on, at debug level, from every test in this process.
fn captured_logs() -> &'static std::sync::Mutex<Vec<u8>> {
    static LOGS: std::sync::OnceLock<std::sync::Mutex<Vec<u8>>> = std::sync::OnceLock::new();
    struct Capture;
    impl std::io::Write for Capture {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            captured_logs()
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(|| Capture)
            .try_init();
    });
    LOGS.get_or_init(Default::default)
}

fn log_text(logs: &std::sync::Mutex<Vec<u8>>) -> String {
    String::from_utf8_lossy(
        &logs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
    .into_owned()
}

async fn erasure_leaves_nothing_personal_anywhere_and_exports_are_complete(app: TestApp) {
    let logs = captured_logs();
    app.setup().await;
    let dir = tempfile::tempdir().unwrap();
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "general", "public").await;
    let zelda = app.member_client("zqunique").await;
    let id = app
        .state
        .store()
        .member_by_handle("zqunique")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = app
        .post_form(
            &zelda,
            "/settings/profile",
            &[
                ("display_name", "Zelda Quixotic"),
                ("bio", "I live at 7 Quixote Lane"),
                ("location", "Quixoteville"),
                ("links", ""),
                ("language", ""),
                ("time_zone", ""),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    let token = app.token("zqunique@example.com").await;
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&token),
            Some(json!({"title": "zqtitle about bread", "body": "My zqsecret starter recipe"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let topic = v["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(&owner),
            Some(json!({"body": "Thanks @zqunique"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let list = dir.path().join("list.csv");
    std::fs::write(
        &list,
        "email,name,tags,Secret\nzqunique@example.com,Zelda Quixotic,zq-tag,zq-field\n",
    )
    .unwrap();
    import(&app, "members", &list).await.unwrap();
    let (s, v) = app
        .api(Method::POST, "/api/v1/activities", Some(&owner), Some(json!([
            {"member": "zqunique@example.com", "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z", "properties": {"note": "zq-prop"}},
            {"member": {"channel": "discord", "external_id": "zq-discord-id"}, "channel": "discord", "kind": "message_sent", "occurred_at": "2024-03-07T10:00:00Z"},
        ])))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let discord = app
        .state
        .store()
        .member_by_identity("discord", "zq-discord-id")
        .await
        .unwrap()
        .unwrap();
    hearth::services::people::merge(&app.state.hearth, &Actor::Operator, id, discord)
        .await
        .unwrap();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/members/{id}/notes"),
            Some(&owner),
            Some(json!({"note": "zq-note: asked for a refund"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);

    // The member takes their data with them: a zip of JSON files.
    let r = zelda
        .get(app.url("/settings/export.zip"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let bytes = r.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut all = String::new();
    for name in [
        "profile.json",
        "identities.json",
        "activities.json",
        "posts.json",
        "orders.json",
        "tags_and_fields.json",
    ] {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        let _: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        all.push_str(&text);
    }
    for want in [
        "Quixote Lane",
        "zqsecret starter",
        "zq-tag",
        "zq-field",
        "zq-discord-id",
        "purchased",
        "zqunique@example.com",
    ] {
        assert!(all.contains(want), "the export lacks {want}");
    }
    // Opting out of analytics: the member leaves every segment.
    let r = app
        .post_form(&zelda, "/settings/privacy", &[("analytics_opt_out", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        app.state
            .store()
            .person(id)
            .await
            .unwrap()
            .unwrap()
            .analytics_opt_out
    );
    let c = hearth_core::condition::parse("tag = zq-tag").unwrap();
    assert_eq!(
        app.state
            .store()
            .condition_count(&c, hearth_store::now_millis())
            .await
            .unwrap(),
        0
    );
    let page = zelda
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("analytics_opt_out\" value=\"1\" checked"),
        "{page}"
    );

    // Regression: erasure left her name in other recipients' mail subjects, in audit
    // reasons, in a mention written in capitals, and her address in a job's error text.
    let store = app.state.store();
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(&owner),
            Some(json!({"body": "And thanks again @ZQUNIQUE"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    store
        .claim_delivery(
            "notification:test-zq",
            None,
            "Zelda Quixotic replied to your topic",
            1,
            300_000,
        )
        .await
        .unwrap();
    store
        .append_audit(
            &hearth_store::audit::NewAudit::new(
                None,
                hearth_core::audit::AuditAction::IdeaVoteRecorded,
                Some(("topic", topic)),
                Some("for @zqunique"),
                Some("asked by ZQUNIQUE@example.com in the shop"),
            ),
            1,
        )
        .await
        .unwrap();
    store
        .db
        .execute(
            "INSERT INTO jobs (kind, payload, run_at, created_at, last_error, failed_at)
             VALUES ('mail.notification', '{}', 1, 1, $1, 1)",
            &[hearth_store::Arg::Text(
                "550 mailbox ZQunique@Example.com unavailable",
            )],
        )
        .await
        .unwrap();
    let before = database_text(&app, dir.path()).await;
    assert!(
        before.contains("quixote lane") && before.contains("zqsecret"),
        "the test looks in the right place"
    );
    // Regression (erasure_counts_raced_the_points_consumer): her topic earns a level, and
    // the points consumer's `level_reached` activity could land between the two counts.
    super::points::drain(store).await;
    let activities_before = app
        .state
        .store()
        .person_counts(id)
        .await
        .unwrap()
        .activities;

    // Only the owner erases, after typing ERASE; never the owner.
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/erase"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let owner_id = app
        .state
        .store()
        .member_by_handle("owner")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{owner_id}/erase"),
            &[("confirm", "ERASE")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/erase"),
            &[("confirm", "ERASE")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Nothing personal is left in any table, the search index, the people list or a log
    // line: requests are logged by route (`/admin/people/{id}/erase`), never by the path
    // and query they came with (handles, search words).
    let after = database_text(&app, dir.path()).await;
    assert!(
        log_text(logs).contains("route=\"/admin/people/{id}/erase\""),
        "this test's requests are in the captured log"
    );
    let personal = [
        "zqunique",
        "quixotic",
        "quixote",
        "zqsecret",
        "zqtitle",
        "zq-tag",
        "zq-field",
        "zq-prop",
        "zq-note",
        "zq-discord-id",
    ];
    for token in personal {
        if let Some(at) = after.find(token) {
            let from = (at.saturating_sub(200)..=at)
                .find(|i| after.is_char_boundary(*i))
                .unwrap_or(at);
            let to = (at..(at + 100).min(after.len()))
                .rev()
                .find(|i| after.is_char_boundary(*i))
                .unwrap_or(at);
            panic!("{token} is still stored: …{}…", &after[from..to]);
        }
    }
    let (_, v) = app
        .api(Method::GET, "/api/v1/search?q=zqsecret", Some(&owner), None)
        .await;
    assert_eq!(v["results"].as_array().map(Vec::len).unwrap_or(0), 0, "{v}");
    let (_, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/members/{id}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(v["member"]["display_name"], "Erased member");
    assert_eq!(v["member"]["erased"], true);
    assert_eq!(v["identities"], json!([]));
    // The anonymous id keeps the activity, so counts stay right.
    assert_eq!(
        app.state
            .store()
            .person_counts(id)
            .await
            .unwrap()
            .activities,
        activities_before + 1
    );
    // The member's session is gone; the same erasure twice is refused.
    let r = zelda.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{id}/erase"),
            &[("confirm", "ERASE")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // Nor in any log line, from sign-up to the searches after the erasure.
    let logged = log_text(logs).to_lowercase();
    for token in personal {
        let line = logged.lines().find(|l| l.contains(token));
        assert!(line.is_none(), "{token} is in a log line: {line:?}");
    }
}

async fn raw_imported_data_is_forgotten_after_the_retention_period(app: TestApp) {
    app.setup().await;
    import(&app, "discord", &fixture("discord.json"))
        .await
        .unwrap();
    let store = app.state.store();
    let ben = store
        .member_by_identity("discord", "80351110224678913")
        .await
        .unwrap()
        .unwrap();
    let with_properties = |t: &[hearth_store::people::TimelineItem]| {
        t.iter().filter(|a| a.properties.is_some()).count()
    };
    assert!(with_properties(&store.timeline(ben, None, 50).await.unwrap()) > 0);
    for bad in ["0", "abc", "99999"] {
        let r = app
            .post_form(
                &app.client,
                "/admin/imports/retention",
                &[("retention_days", bad)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    // The worker's hourly retention job (enqueued when it started) runs before a period is
    // set, so the call below is the one that forgets.
    app.wait_for_jobs().await;
    // Nothing is forgotten while no period is set.
    assert_eq!(
        people::apply_retention(&app.state.hearth, hearth_store::now_millis())
            .await
            .unwrap(),
        0
    );
    // Regression (a race under load): the worker's hourly retention job, enqueued when it
    // starts, could run after the period below was set and forget the rows first. Let the
    // queue empty before setting it, so the call below is what forgets them.
    for _ in 0..100 {
        if store.job_counts().await.unwrap().0 == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let r = app
        .post_form(
            &app.client,
            "/admin/imports/retention",
            &[("retention_days", "30")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(store.raw_retention_days().await.unwrap(), Some(30));
    assert!(
        app.get("/admin/imports")
            .await
            .text()
            .await
            .unwrap()
            .contains("value=\"30\"")
    );
    let forgotten = people::apply_retention(&app.state.hearth, hearth_store::now_millis())
        .await
        .unwrap();
    assert!(forgotten >= 4, "{forgotten}");
    let timeline = store.timeline(ben, None, 50).await.unwrap();
    assert_eq!(with_properties(&timeline), 0);
    assert_eq!(
        timeline.len(),
        2,
        "the activities themselves stay: a reply and a reaction"
    );
    let run = store.imports_page(None, 1).await.unwrap().remove(0);
    assert_eq!(
        (run.rows_skipped, run.counts.skipped.len()),
        (2, 2),
        "today's import keeps its skipped rows"
    );
    let later = hearth_store::now_millis() + 31 * 86_400_000;
    people::apply_retention(&app.state.hearth, later)
        .await
        .unwrap();
    let run = store.imports_page(None, 1).await.unwrap().remove(0);
    assert_eq!(
        (run.rows_skipped, run.counts.skipped.len()),
        (2, 0),
        "a month on: the count stays, the rows go"
    );
    // Empty keeps everything for ever again.
    app.post_form(
        &app.client,
        "/admin/imports/retention",
        &[("retention_days", "")],
    )
    .await;
    assert_eq!(store.raw_retention_days().await.unwrap(), None);
}

/// The rows of a person's timeline on `page`, newest first, as the `<li>`s of its list.
fn timeline_items(page: &str) -> Vec<&str> {
    let list = page
        .split("<ol class=\"timeline\">")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .expect("the page has a timeline");
    list.split("<li>").skip(1).collect()
}

/// The "Older activity" link of a timeline page, if it has one.
fn older_link(page: &str) -> Option<String> {
    let link = page
        .split("?before=")
        .nth(1)?
        .split('"')
        .next()?
        .trim_end_matches("#timeline");
    Some(link.to_string())
}

/// Issue 17, bug 10: the person timeline stopped at 100 rows with no way to older ones,
/// its rows did not link to the topic or post they were about, and the owner's record
/// showed a "member" badge beside Role = owner.
async fn the_person_timeline_pages_to_older_rows_links_its_rows_and_shows_no_member_badge(
    app: TestApp,
) {
    app.setup().await;
    let token = app.token("owner@example.com").await;
    let store = app.state.store();
    let owner = store
        .member_by_email("owner@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    // 250 loaves in 2024, seven to a minute, so a page can end inside a minute.
    let loaves: Vec<Value> = (0..250)
        .map(|i| {
            json!({"member": "@owner", "channel": "pos", "kind": "custom:loaf_baked",
                   "occurred_at": format!("2024-01-01T00:{:02}:00Z", i / 7),
                   "target": format!("loaf-{i:03}")})
        })
        .collect();
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&token),
            Some(Value::from(loaves)),
        )
        .await;
    assert_eq!(
        (s, v["created"].as_u64()),
        (StatusCode::OK, Some(250)),
        "{v}"
    );
    // And, today, a topic and a reply of the owner's own.
    app.space(&token, "kitchen", "public").await;
    let (s, topic) = app
        .api(
            Method::POST,
            "/api/v1/spaces/kitchen/topics",
            Some(&token),
            Some(json!({"title": "Rye starter", "body": "Feed it twice a day."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{topic}");
    let topic_id = topic["id"].as_i64().unwrap();
    let (s, reply) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic_id}/posts"),
            Some(&token),
            Some(json!({"body": "And keep it warm."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{reply}");
    let post_id = reply["id"].as_i64().unwrap();

    let first = app
        .get(&format!("/admin/people/{owner}"))
        .await
        .text()
        .await
        .unwrap();
    // The owner's heading has no badge; the facts say owner.
    let head = first
        .split("<section class=\"card person-head\">")
        .nth(1)
        .and_then(|rest| rest.split("</h2>").next())
        .expect("the record's heading");
    assert!(!head.contains("class=\"badge\""), "no kind badge: {head}");
    assert!(
        first.contains("<dt>Role</dt><dd>owner</dd>"),
        "Role = owner is shown"
    );
    // The newest rows link to what they are about, and the link leads there.
    let items = timeline_items(&first);
    assert!(
        items
            .iter()
            .any(|li| li.contains(&format!("<a href=\"/t/{topic_id}\">"))),
        "the topic row links to the topic: {items:?}"
    );
    assert!(
        items
            .iter()
            .any(|li| li.contains(&format!("<a href=\"/p/{post_id}\">"))),
        "the reply row links to the post: {items:?}"
    );
    let r = app.get(&format!("/p/{post_id}")).await;
    assert!(r.status().is_redirection());
    let to = r.headers()["location"].to_str().unwrap();
    assert!(
        to.starts_with(&format!("/t/{topic_id}")) && to.ends_with(&format!("#post-{post_id}")),
        "{to}"
    );

    // Following "Older" from page to page shows every loaf once, newest first.
    let mut page = first;
    let mut pages = 0;
    let mut loaves = Vec::new();
    // Where each older page starts in `loaves`.
    let mut starts = Vec::new();
    loop {
        let items = timeline_items(&page);
        assert!(items.len() <= 100, "a page holds at most 100 rows");
        if pages > 0 {
            starts.push(loaves.len());
        }
        loaves.extend(items.iter().filter_map(|li| {
            let at = li.find("loaf-")?;
            Some(li[at..at + 8].to_string())
        }));
        pages += 1;
        if pages > 1 {
            assert!(
                page.contains(&format!("href=\"/admin/people/{owner}#timeline\"")),
                "an older page leads back to the newest"
            );
        }
        let Some(before) = older_link(&page) else {
            break;
        };
        assert_eq!(items.len(), 100, "only a full page has an older one");
        assert!(pages < 10, "the Older links go round in a circle");
        let r = app
            .get(&format!("/admin/people/{owner}?before={before}"))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        page = r.text().await.unwrap();
    }
    assert_eq!(pages, 3, "250 loaves and today's rows make three pages");
    let mut seen = loaves.clone();
    seen.sort();
    seen.dedup();
    assert_eq!(
        (loaves.len(), seen.len()),
        (250, 250),
        "no row lost or repeated"
    );
    let minutes: Vec<usize> = loaves
        .iter()
        .map(|l| l["loaf-".len()..].parse::<usize>().unwrap() / 7)
        .collect();
    assert!(
        minutes.windows(2).all(|w| w[0] >= w[1]),
        "older pages hold older rows: {loaves:?}"
    );
    assert!(
        starts.iter().any(|&i| minutes[i - 1] == minutes[i]),
        "a page ends inside a minute, so the cursor must tell rows of one time apart"
    );
    // A cursor that is not one is refused by name.
    let r = app
        .get(&format!("/admin/people/{owner}?before=yesterday"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A contact's record still says what it is.
    let pat = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&token),
            Some(
                json!([{"member": "pat@example.com", "channel": "pos", "kind": "purchased",
                         "occurred_at": "2024-03-07T10:00:00Z"}]),
            ),
        )
        .await;
    assert_eq!(pat.0, StatusCode::OK, "{}", pat.1);
    let found = store.people_page("pat@", None, 10).await.unwrap();
    let page = app
        .get(&format!("/admin/people/{}", found[0].id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<span class=\"badge\">contact</span></h2>"),
        "a contact is badged"
    );
}

/// Issue 19: Stripe's newer exports name the date `Created date (UTC)`, let the user leave
/// out `id`, and come back from a spreadsheet separated by semicolons with decimal commas
/// and `TRUE`; a members file may be separated by tabs. Each imports, and again adds
/// nothing.
async fn spreadsheet_resaved_and_newer_stripe_exports_import(app: TestApp) {
    app.setup().await;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p
    };
    let payments = write(
        "payments.csv",
        "Created date (UTC);Amount;Amount Refunded;Currency;Captured;Status;Customer ID;Customer Email;Invoice Number\r\n\
         2024-06-07 02:38:54;15,00;0;usd;TRUE;Paid;cus_A1;ana@example.com;INV-1\r\n\
         2024-06-07 02:38:54;15,00;0;usd;TRUE;Paid;cus_A1;ana@example.com;INV-2\r\n\
         2024-06-08 10:00:00;9.5;;eur;TRUE;Paid;cus_B2;;INV-3\r\n\
         2024-06-09 11:00:00;;;usd;FALSE;requires_payment_method;;;\r\n\
         2024-06-10 12:00:00;4,00;0;usd;TRUE;Paid;;;INV-5"
            .as_bytes(),
    );
    let got = import(&app, "stripe-payments", &payments).await.unwrap();
    assert_eq!(summary(&got), (5, 2, 0, 3, vec![5, 6]), "{got}");
    let again = import(&app, "stripe-payments", &payments).await.unwrap();
    assert_eq!(
        summary(&again),
        (5, 0, 2, 0, vec![5, 6]),
        "the same payments again: {again}"
    );
    let ana = member_id_by_email(&app, "ana@example.com").await;
    let counts = app.state.store().person_counts(ana).await.unwrap();
    assert_eq!(
        counts.spend,
        vec![("USD".to_string(), 3000)],
        "two payments of 15,00, not one"
    );

    let members = write("members.tsv", b"email\tname\nzoe@example.com\tZo\xc3\xab\n");
    let got = import(&app, "members", &members).await.unwrap();
    assert_eq!(summary(&got).1, 1, "{got}");
    let customers = write(
        "customers.csv",
        b"id,Email,Name,Created date (UTC)\ncus_C3,cy@example.com,Cy,2025-11-19 22:17:46\n",
    );
    let got = import(&app, "stripe-customers", &customers).await.unwrap();
    assert_eq!(summary(&got).1, 1, "{got}");
    let wrong = write("p.csv", b"Amount,Currency,Status\n1.00,eur,Paid\n");
    let err = import(&app, "stripe-payments", &wrong).await.unwrap_err();
    assert!(
        err.contains("\"Created date (UTC)\" (or \"Created (UTC)\")"),
        "{err}"
    );
}

/// Where the real exports are: `HEARTH_REAL_EXPORTS`, else `../shared/real-exports` beside
/// the repository. Never copied into it.
fn real_exports() -> Option<PathBuf> {
    let named = std::env::var_os("HEARTH_REAL_EXPORTS").map(PathBuf::from);
    let dir = named.clone().unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports")
    });
    if dir.is_dir() {
        Some(dir)
    } else if named.is_some() {
        // .ci/run names the folder when it finds it: then it must be there.
        panic!(
            "HEARTH_REAL_EXPORTS names {}, which is not a folder",
            dir.display()
        );
    } else {
        eprintln!(
            "skipped: no real exports at {} (set HEARTH_REAL_EXPORTS)",
            dir.display()
        );
        None
    }
}

/// Issue 19: the real Stripe payments exports of `../shared/real-exports/stripe/` (see its
/// SOURCES.md), with the counts each must give: a test-mode file whose charges name no
/// customer, and a live file re-saved by a spreadsheet (semicolons, CRLF, no `id` column,
/// `TRUE`), 15 of whose 622 rows have no customer.
async fn real_stripe_exports_import_with_their_quirks(app: TestApp) {
    let Some(dir) = real_exports() else { return };
    app.setup().await;
    let stripe = dir.join("stripe/payments");
    // (file, rows read, created, matched, activities, skipped lines)
    for (file, want) in [
        ("brknt_test-mode_unified_payments.csv", (6, 0, 0, 0, 6)),
        (
            "streaming-overlays_semicolon_payments.csv",
            (622, 196, 0, 607, 15),
        ),
    ] {
        let got = import(&app, "stripe-payments", &stripe.join(file))
            .await
            .unwrap();
        let s = summary(&got);
        assert_eq!((s.0, s.1, s.2, s.3, s.4.len()), want, "{file}: {got}");
        let again = summary(
            &import(&app, "stripe-payments", &stripe.join(file))
                .await
                .unwrap(),
        );
        assert_eq!((again.1, again.3), (0, 0), "{file} again adds nothing");
    }
}

/// (rows read, members created, members matched, activities created, rows skipped).
type ImportCounts = (u64, u64, u64, u64, usize);

/// Issue 19: every file in `../shared/real-exports/` of a format Hearth reads, imported
/// in this order into one community, with what each must give: (rows read, members
/// created, members matched, activities created, rows skipped). Each is imported twice;
/// the second time adds nothing. Folders are Slack exports as slackdump writes them or as
/// an unzipped export looks. iCalendar files are read by the calendar import tests.
async fn every_real_export_of_a_supported_format_imports_with_its_counts(app: TestApp) {
    let Some(dir) = real_exports() else { return };
    app.setup().await;
    let dcef = "discord/dcef_example_guild";
    let files: Vec<(&str, String, ImportCounts)> = vec![
        (
            "shopify-orders",
            "shopify/orders/ramkumar03ace_dev-store_orders_export_1.csv".into(),
            (121, 2, 0, 50, 1),
        ),
        (
            "shopify-customers",
            "shopify/customers/skrishnanunni_dev-store_customers_export_1.csv".into(),
            (8, 5, 0, 0, 3),
        ),
        (
            "shopify-customers",
            "shopify/solidus_importer_import_format/customers.csv".into(),
            (4, 2, 0, 0, 0),
        ),
        (
            "shopify-orders",
            "shopify/solidus_importer_import_format/orders.csv".into(),
            (4, 0, 1, 1, 1),
        ),
        (
            "mailchimp",
            "mailchimp/tryghost_migrate/subscribed.csv".into(),
            (5, 5, 0, 5, 0),
        ),
        (
            "mailchimp",
            "mailchimp/tryghost_migrate/cleaned.csv".into(),
            (5, 5, 0, 5, 0),
        ),
        (
            "mailchimp",
            "mailchimp/tryghost_migrate/unsubscribed.csv".into(),
            (5, 5, 0, 5, 0),
        ),
        (
            "slack",
            "slack/hfaran_slack-export-viewer_testarchive.zip".into(),
            (158, 4, 0, 52, 106),
        ),
        (
            "slack",
            "slack/hfaran_slack-export-viewer".into(),
            (158, 0, 4, 0, 106),
        ),
        (
            "slack",
            "slack/rusq_slackdump_source_export_dir".into(),
            (16, 3, 0, 13, 3),
        ),
        (
            "slack",
            "slack/rusq_slackdump_export_lists".into(),
            (0, 0, 0, 0, 0),
        ),
        (
            "discord",
            "discord/chat-analytics/DM_2A_2M.json".into(),
            (3, 1, 0, 1, 2),
        ),
        (
            "discord",
            "discord/chat-analytics/GC_3A_5M.json".into(),
            (6, 2, 1, 2, 3),
        ),
        (
            "discord",
            "discord/chat-analytics/SV_5A_5M.json".into(),
            (5, 1, 1, 4, 0),
        ),
        (
            "discord",
            format!("{dcef}/Example guild - Text Channels - general [1012224565567721552].json"),
            (35, 3, 0, 31, 4),
        ),
        (
            "discord",
            format!(
                "{dcef}/_threads/Example guild - general - Thomas is Thomas [1060927310439657577].json"
            ),
            (5, 0, 3, 5, 0),
        ),
        (
            "discord",
            format!("{dcef}/Example guild - Text Channels - chill talk [1012224565567125544].json"),
            (6, 1, 3, 6, 0),
        ),
        (
            "discord",
            format!(
                "{dcef}/Example guild - Text Channels - chill talk [1012224565567125544] without deleted message.json"
            ),
            (5, 0, 3, 0, 0),
        ),
    ];
    let mut got_all = Vec::new();
    for (kind, file, want) in &files {
        let path = dir.join(file);
        let got = import(&app, kind, &path)
            .await
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let s = summary(&got);
        got_all.push(format!("{file}: {:?}", (s.0, s.1, s.2, s.3, s.4.len())));
        if (s.0, s.1, s.2, s.3, s.4.len()) != *want {
            panic!(
                "{file}: wanted {want:?}, got {got}\nall so far:\n{}",
                got_all.join("\n")
            );
        }
        let again = summary(&import(&app, kind, &path).await.unwrap());
        assert_eq!((again.1, again.3), (0, 0), "{file} again adds nothing");
    }
}
