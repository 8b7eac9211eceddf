//! The `hearth` command line, run as a real process.

use hearth_store::test_support::{self, FreshDatabase};
use std::path::Path;
use std::process::{Command, Output};

fn hearth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .env("HEARTH_ARGON2_MEMORY_KIB", "64")
        .env_remove("HEARTH_DATABASE_URL")
        .output()
        .expect("run hearth")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn err(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "should have failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

async fn scripts_set_up_add_members_and_tokens(db: FreshDatabase) {
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "correct-horse-battery\n").unwrap();
    let pw = pw.to_str().unwrap();
    let url = db.url.as_str();
    // Global flags before the subcommand...
    ok(&hearth(&[
        "--database-url",
        url,
        "setup",
        "--community-name",
        "Riverside Bakery",
        "--owner-email",
        "owner@example.com",
        "--owner-handle",
        "owner",
        "--owner-password-file",
        pw,
    ]));
    let again = err(&hearth(&[
        "setup",
        "--community-name",
        "X",
        "--owner-email",
        "x@example.com",
        "--owner-handle",
        "xx",
        "--owner-password-file",
        pw,
        "--database-url",
        url,
    ]));
    assert!(again.contains("already set up"), "{again}");
    // ...and after it.
    ok(&hearth(&[
        "member",
        "add",
        "--email",
        "mod@example.com",
        "--handle",
        "mod",
        "--role",
        "moderator",
        "--password-file",
        pw,
        "--database-url",
        url,
    ]));
    ok(&hearth(&[
        "member",
        "add",
        "--email",
        "nopass@example.com",
        "--handle",
        "nopass",
        "--database-url",
        url,
    ]));
    let bad = err(&hearth(&[
        "member",
        "add",
        "--email",
        "not-an-email",
        "--handle",
        "bad",
        "--database-url",
        url,
    ]));
    assert!(bad.contains("email"), "{bad}");
    let dup = err(&hearth(&[
        "member",
        "add",
        "--email",
        "mod@example.com",
        "--handle",
        "other",
        "--database-url",
        url,
    ]));
    assert!(dup.contains("email is already taken"), "{dup}");
    let role = err(&hearth(&[
        "member",
        "add",
        "--email",
        "o2@example.com",
        "--handle",
        "o2",
        "--role",
        "owner",
        "--database-url",
        url,
    ]));
    assert!(role.contains("owner"), "{role}");

    // Groups for scripts: every group must exist, or nothing is added.
    let store = db.open().await;
    store
        .create_group("partners", "Partners", None, None, 1)
        .await
        .unwrap();
    let unknown = err(&hearth(&[
        "member",
        "add",
        "--email",
        "p@example.com",
        "--handle",
        "pia",
        "--role",
        "approver",
        "--group",
        "partners",
        "--group",
        "nosuch",
        "--database-url",
        url,
    ]));
    assert!(unknown.contains("no group \"nosuch\""), "{unknown}");
    assert!(
        store
            .member_by_email("p@example.com")
            .await
            .unwrap()
            .is_none()
    );
    let out = hearth(&[
        "member",
        "add",
        "--email",
        "p@example.com",
        "--handle",
        "pia",
        "--role",
        "approver",
        "--group",
        "partners",
        "--database-url",
        url,
    ]);
    ok(&out);
    let added = String::from_utf8_lossy(&out.stderr);
    assert!(added.contains("as approver in partners"), "{added}");
    let pia = store
        .member_by_email("p@example.com")
        .await
        .unwrap()
        .unwrap();
    let pia = store.member(pia.id).await.unwrap().unwrap();
    assert_eq!((pia.role.as_str(), pia.trust_level), ("approver", 1));
    assert_eq!(pia.groups.len(), 1);

    let stdout = ok(&hearth(&[
        "token",
        "create",
        "--email",
        "mod@example.com",
        "--name",
        "zapier",
        "--database-url",
        url,
    ]));
    let token = stdout.trim_end_matches('\n');
    assert!(
        !token.contains('\n') && token.starts_with("hth_") && token.len() == 68,
        "{stdout:?}"
    );
    let store = db.open().await;
    let (member, grant) = store
        .api_token_member(&hearth::services::accounts::secret_hash(token), 0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(grant.scopes, None, "no --scope: the member's full rights");
    assert_eq!(
        (member.handle.as_str(), member.role.as_str()),
        ("mod", "moderator")
    );
    let stored: Vec<String> = store
        .db
        .fetch_all("SELECT token_hash FROM api_tokens", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("token_hash").unwrap())
        .collect();
    assert!(
        !stored.iter().any(|h| h.contains(&token[4..])),
        "tokens are stored hashed"
    );
    let missing = err(&hearth(&[
        "token",
        "create",
        "--email",
        "ghost@example.com",
        "--name",
        "x",
        "--database-url",
        url,
    ]));
    assert!(
        missing.contains("member with that email not found"),
        "{missing}"
    );
    // Regression: tokens could be neither listed nor revoked from the console.
    let listed = ok(&hearth(&[
        "token",
        "list",
        "--email",
        "mod@example.com",
        "--database-url",
        url,
    ]));
    let row = listed
        .lines()
        .find(|l| l.contains("zapier"))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(!listed.contains(&token[4..]), "never the secret: {listed}");
    assert!(
        row.ends_with("\tall\t6000"),
        "full rights, default rate: {row}"
    );
    // Scopes and a rate on the command line; a scope that does not exist is named.
    ok(&hearth(&[
        "token",
        "create",
        "--email",
        "mod@example.com",
        "--name",
        "feed",
        "--scope",
        "write,read",
        "--rate",
        "120",
        "--database-url",
        url,
    ]));
    let listed = ok(&hearth(&[
        "token",
        "list",
        "--email",
        "mod@example.com",
        "--database-url",
        url,
    ]));
    assert!(
        listed
            .lines()
            .any(|l| l.contains("feed") && l.ends_with("\tread,write\t120")),
        "{listed}"
    );
    let bad = err(&hearth(&[
        "token",
        "create",
        "--email",
        "mod@example.com",
        "--name",
        "x",
        "--scope",
        "read,root",
        "--database-url",
        url,
    ]));
    assert!(bad.contains("\"root\" is not a scope"), "{bad}");
    let id = row.split('\t').next().unwrap().to_string();
    ok(&hearth(&["token", "revoke", &id, "--database-url", url]));
    assert!(
        store
            .api_token_member(&hearth::services::accounts::secret_hash(token), 0)
            .await
            .unwrap()
            .is_none(),
        "revoked"
    );
    let again = err(&hearth(&["token", "revoke", &id, "--database-url", url]));
    assert!(again.contains("token not found"), "{again}");
    let bad = err(&hearth(&[
        "token",
        "create",
        "--email",
        "mod@example.com",
        "--name",
        "x",
        "--expires-days",
        "0",
        "--database-url",
        url,
    ]));
    assert!(bad.contains("expires"), "{bad}");

    if db.dialect == hearth_store::Dialect::Postgres {
        let e = err(&hearth(&[
            "backup",
            "--to",
            dir.path().join("b.db").to_str().unwrap(),
            "--database-url",
            url,
        ]));
        assert!(e.contains("pg_dump"), "{e}");
    }
}

#[tokio::test]
async fn scripts_set_up_add_members_and_tokens_sqlite() {
    scripts_set_up_add_members_and_tokens(test_support::sqlite()).await;
}

#[tokio::test]
async fn scripts_set_up_add_members_and_tokens_postgres() {
    if let Some(db) = test_support::postgres().await {
        scripts_set_up_add_members_and_tokens(db).await;
    }
}

#[test]
fn backups_copy_a_live_sqlite_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "correct-horse-battery").unwrap();
    ok(&hearth(&[
        "setup",
        "--data-dir",
        data,
        "--community-name",
        "C",
        "--owner-email",
        "o@example.com",
        "--owner-handle",
        "owner",
        "--owner-password-file",
        pw.to_str().unwrap(),
    ]));
    let copy = dir.path().join("copy.db");
    ok(&hearth(&[
        "backup",
        "--to",
        copy.to_str().unwrap(),
        "--data-dir",
        data,
    ]));
    assert!(std::fs::metadata(&copy).unwrap().len() > 0);
    let e = err(&hearth(&[
        "--data-dir",
        data,
        "backup",
        "--to",
        copy.to_str().unwrap(),
    ]));
    assert!(e.contains("already exists"), "{e}");
    // The copy is a working Hearth database.
    let restored = dir.path().join("restored");
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(&copy, restored.join("hearth.db")).unwrap();
    let again = err(&hearth(&[
        "setup",
        "--data-dir",
        restored.to_str().unwrap(),
        "--community-name",
        "C",
        "--owner-email",
        "o@example.com",
        "--owner-handle",
        "owner",
        "--owner-password-file",
        pw.to_str().unwrap(),
    ]));
    assert!(again.contains("already set up"));
}

#[test]
fn config_default_prints_the_documented_example_and_bad_config_is_named() {
    let out = ok(&hearth(&["config", "default"]));
    assert!(out.contains("[limits]") && out.contains("title_max_chars"));
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("h.toml");
    std::fs::write(&cfg, "listen = 5").unwrap();
    let e = err(&hearth(&[
        "member",
        "add",
        "--email",
        "a@example.com",
        "--handle",
        "aa",
        "--config",
        cfg.to_str().unwrap(),
    ]));
    assert!(e.contains("h.toml") && e.contains("listen"), "{e}");
}

#[test]
fn a_malformed_mail_setting_stops_serve_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("h.toml");
    for (toml, names) in [
        (
            "smtp_url = \"smtp://mail.example.com:25x\"\nmail_from = \"a@example.com\"\npublic_url = \"https://c.example.com\"\n",
            "smtp_url",
        ),
        (
            "smtp_url = \"smtps://user:s3cret@mail.example.com\"\nmail_from = \"Bakery\"\npublic_url = \"https://c.example.com\"\n",
            "mail_from",
        ),
        (
            "smtp_url = \"smtp://127.0.0.1:2525\"\nmail_from = \"a@example.com\"\n",
            "public_url",
        ),
        ("confirm_email = true\n", "confirm_email"),
    ] {
        std::fs::write(&cfg, toml).unwrap();
        let e = err(&hearth(&[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
        ]));
        assert!(e.contains(&format!("setting {names}")), "{names}: {e}");
        assert!(!e.contains("s3cret"), "{e}");
    }
}

fn demo(dir: &Path, seed: &str) -> (String, String) {
    let out = hearth(&[
        "demo",
        "--seed",
        seed,
        "--members",
        "40",
        "--months",
        "3",
        "--until",
        "2026-06-30",
        "--data-dir",
        dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (
        stderr
            .lines()
            .find(|l| l.starts_with("Generated"))
            .unwrap_or_default()
            .to_string(),
        stderr,
    )
}

#[tokio::test]
async fn demo_is_deterministic_for_a_seed_and_fills_only_empty_databases() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (summary_a, stderr) = demo(a.path(), "7");
    assert!(stderr.contains("100%"), "shows progress: {stderr}");
    let (summary_b, _) = demo(b.path(), "7");
    let (summary_c, _) = demo(c.path(), "8");
    assert_eq!(summary_a, summary_b);
    assert_ne!(summary_a, summary_c);
    assert!(summary_a.contains("40 members"), "{summary_a}");
    let titles = |dir: &Path| {
        let url = format!("sqlite://{}", dir.join("hearth.db").display());
        async move {
            let store = hearth_store::Store::open(&url).await.unwrap();
            let rows = store
                .db
                .fetch_all(
                    "SELECT title, created_at FROM topics ORDER BY id LIMIT 50",
                    &[],
                )
                .await
                .unwrap();
            rows.iter()
                .map(|r| (r.text("title").unwrap(), r.i64("created_at").unwrap()))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(titles(a.path()).await, titles(b.path()).await);
    // Issue 17: the demo shows every feature, among them the moderation queue (flags for
    // several reasons, some posts hidden until review, each flag in the activity log),
    // check-ins at past events and an announcement pinned on the home page.
    let store = hearth_store::Store::open(&format!(
        "sqlite://{}",
        a.path().join("hearth.db").display()
    ))
    .await
    .unwrap();
    let count = |sql: &'static str| {
        let store = &store;
        async move {
            let row = store.db.fetch_one(sql, &[]).await.unwrap();
            row.i64("n").unwrap()
        }
    };
    let open = count("SELECT COUNT(*) AS n FROM moderation_items WHERE state = 'open'").await;
    assert!(open >= 3, "flagged posts wait in the queue: {open}");
    let hidden = count(
        "SELECT COUNT(*) AS n FROM moderation_items i JOIN posts p ON p.id = i.post_id
         WHERE i.state = 'open' AND p.hidden_at IS NOT NULL",
    )
    .await;
    assert!(hidden >= 1, "some flagged posts are hidden until review");
    let reasons = count("SELECT COUNT(DISTINCT reason) AS n FROM flags").await;
    assert!(reasons >= 3, "flags give varied reasons: {reasons}");
    assert_eq!(
        count("SELECT COUNT(*) AS n FROM flags").await,
        count("SELECT COUNT(*) AS n FROM activities WHERE kind = 'flagged'").await,
        "every flag is in the activity log"
    );
    let check_ins =
        count("SELECT COUNT(*) AS n FROM event_rsvps WHERE checked_in_at IS NOT NULL").await;
    assert!(check_ins > 0, "members checked in at past events");
    let pinned = count(
        "SELECT COUNT(*) AS n FROM topics t JOIN spaces s ON s.id = t.space_id
         WHERE s.slug = 'announcements' AND t.kind = 'announcement' AND t.pin_scope = 'community'",
    )
    .await;
    assert_eq!(
        pinned, 1,
        "the newest announcement is pinned on the home page"
    );
    assert!(stderr.contains("check-ins"), "{stderr}");
    // The demo's shop orders arrive as a real shop's do: its Shopify orders export,
    // through the importer. They were once only `order_placed` activities, so no person
    // had an order or a lifetime spend and the segments about customers matched nobody.
    let orders = count("SELECT COUNT(*) AS n FROM orders").await;
    assert!(orders > 0, "the shop has orders");
    assert!(
        stderr.contains(&format!("{orders} shop orders")),
        "the summary counts the orders imported: {stderr}"
    );
    assert_eq!(
        count("SELECT COUNT(*) AS n FROM activities WHERE kind = 'order_placed'").await,
        orders,
        "each order is in the activity log once"
    );
    assert!(
        count("SELECT COUNT(*) AS n FROM orders WHERE refunded_cents > 0").await > 0,
        "a few orders are refunded"
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) AS n FROM imports
             WHERE kind = 'shopify-orders' AND finished_at IS NOT NULL AND rows_skipped = 0"
        )
        .await,
        1,
        "the import is in the audit, every row kept"
    );
    assert!(
        count(
            "SELECT COUNT(DISTINCT o.member_id) AS n FROM orders o
             JOIN members m ON m.id = o.member_id WHERE m.kind = 'contact'"
        )
        .await
            > 0,
        "some customers never joined the hub"
    );
    let leftovers: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("shopify"))
        .collect();
    assert!(leftovers.is_empty(), "the export is deleted: {leftovers:?}");
    let now = hearth_store::now_millis();
    for condition in ["customer", "spend >= 10", "customer and spend >= 100"] {
        let c = hearth_core::condition::parse(condition).unwrap();
        let matched = store.condition_count(&c, now).await.unwrap();
        assert!(matched > 0, "{condition} matches people: {matched}");
    }
    // A hub member's record shows their orders and lifetime spend: what they paid less
    // what was refunded, as the activity log tells it too.
    let buyer = store
        .db
        .fetch_one(
            "SELECT o.member_id AS id FROM orders o JOIN members m ON m.id = o.member_id
             WHERE m.kind = 'account' GROUP BY o.member_id ORDER BY COUNT(*) DESC, o.member_id
             LIMIT 1",
            &[],
        )
        .await
        .unwrap()
        .i64("id")
        .unwrap();
    let logged = store
        .db
        .fetch_one(
            "SELECT COUNT(*) FILTER (WHERE kind = 'order_placed') AS n,
                    SUM(CASE kind WHEN 'order_placed' THEN weight ELSE -weight END) AS spend
             FROM activities WHERE member_id = $1 AND kind IN ('order_placed', 'order_refunded')",
            &[hearth_store::Arg::I64(buyer)],
        )
        .await
        .unwrap();
    let counts = store.person_counts(buyer).await.unwrap();
    assert_eq!(counts.orders, logged.i64("n").unwrap());
    assert_eq!(counts.spend.len(), 1, "one currency: {:?}", counts.spend);
    assert_eq!(counts.spend[0].1, logged.i64("spend").unwrap());
    assert!(counts.spend[0].1 > 0, "{:?}", counts.spend);
    let e = err(&hearth(&[
        "demo",
        "--seed",
        "7",
        "--members",
        "40",
        "--data-dir",
        a.path().to_str().unwrap(),
    ]));
    assert!(e.contains("already has a community"), "{e}");
}

/// The same seed gives the same community on PostgreSQL as on SQLite.
#[tokio::test]
async fn demo_fills_postgres_exactly_as_it_fills_sqlite() {
    let Some(pg) = test_support::postgres().await else {
        return;
    };
    let lite = tempfile::tempdir().unwrap();
    let (sqlite_summary, _) = demo(lite.path(), "11");
    let out = hearth(&[
        "demo",
        "--seed",
        "11",
        "--members",
        "40",
        "--months",
        "3",
        "--until",
        "2026-06-30",
        "--database-url",
        &pg.url,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    let pg_summary = stderr
        .lines()
        .find(|l| l.starts_with("Generated"))
        .unwrap_or_default();
    assert_eq!(pg_summary, sqlite_summary);
}

/// `hearth insights summary` prints what the API's summary says, as a table or as JSON,
/// and names a bad filter.
#[test]
fn insights_summary_prints_the_numbers_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path(), "5");
    let data = dir.path().to_str().unwrap();
    let args = |extra: &[&str]| {
        let mut a = vec![
            "insights",
            "summary",
            "--data-dir",
            data,
            "--from",
            "2026-06-01",
            "--to",
            "2026-06-30",
        ];
        a.extend_from_slice(extra);
        hearth(&a)
    };
    let table = ok(&args(&[]));
    assert!(table.starts_with("2026-06-01 to 2026-06-30"), "{table}");
    assert!(table.contains("active members\t"), "{table}");
    let json: serde_json::Value = serde_json::from_str(&ok(&args(&["--json"]))).unwrap();
    assert_eq!(json["from"], "2026-06-01");
    assert_eq!(json["previous"]["to"], "2026-05-31");
    let active = json["active_members"]["now"].as_u64().unwrap();
    assert!(active > 0, "the demo is active in its last month: {json}");
    assert!(active <= json["members"]["now"].as_u64().unwrap());
    // A channel filter counts only that channel: the hub and Discord each hold part.
    let on = |channel: &str| -> u64 {
        let v: serde_json::Value =
            serde_json::from_str(&ok(&args(&["--json", "--channel", channel]))).unwrap();
        v["active_members"]["now"].as_u64().unwrap()
    };
    let (hub, discord) = (on("hub"), on("discord"));
    assert!(
        hub > 0 && discord > 0 && hub <= active && discord <= active,
        "{hub} {discord} {active}"
    );
    let e = err(&args(&["--tz", "Mars/Olympus"]));
    assert!(e.contains("tz") && e.contains("Mars/Olympus"), "{e}");
    let e = err(&hearth(&[
        "insights",
        "summary",
        "--data-dir",
        data,
        "--from",
        "2026-07-01",
        "--to",
        "2026-06-01",
    ]));
    assert!(e.contains("to:"), "{e}");
}
