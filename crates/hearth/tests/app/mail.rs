//! Mail end to end, through a real SMTP conversation with the loopback sink: notification
//! mail (headers, both parts, links that work, one-click unsubscribe), digests, account
//! mail (confirmation, password reset, change of address), the admin's test mail, and
//! idempotent sending when the server refuses and the job retries.

use crate::smtp_sink::{Received, SmtpSink};
use crate::support::{Backend, PASSWORD, TestApp, spawn_with};
use hearth::mail::Delivered;
use hearth::services::email;
use mail_parser::MimeHeaders;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Runs each test on SQLite and PostgreSQL with mail going to a fresh sink;
/// `confirm_email` is the first argument.
macro_rules! with_mail {
    ($confirm:expr => $($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::run(crate::support::Backend::Sqlite, $confirm, super::$name).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::run(crate::support::Backend::Postgres, $confirm, super::$name).await
            }
        }
    )*};
}

with_mail!(false =>
    notification_mail_has_both_parts_working_links_and_one_click_unsubscribe,
    digests_gather_what_waited_and_go_out_once,
    a_refused_mail_is_retried_and_never_sent_twice,
    password_reset_and_change_of_address_work_by_mail,
    the_admin_test_mail_reports_what_the_server_said,
    invitations_and_application_decisions_arrive_by_mail,
    customers_join_with_a_listed_address_they_prove,
    mail_speaks_the_member_language,
    mail_and_digests_skip_what_the_member_can_no_longer_see,
    invitation_tests_write_only_to_the_invited_and_cannot_be_changed,
    the_weekly_report_reaches_each_admin_once_in_their_language,
);

with_mail!(true => confirmation_is_required_before_posting);

async fn run<F, Fut>(backend: Backend, confirm: bool, test: F)
where
    F: FnOnce(TestApp, SmtpSink) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let sink = SmtpSink::start().await;
    let url = sink.url.clone();
    let app = spawn_with(backend, |c| {
        c.smtp_url = url;
        c.mail_from = "Riverside Bakery <community@bakery.test>".into();
        c.confirm_email = confirm;
    })
    .await;
    if let Some(app) = app {
        test(app, sink).await
    }
}

/// The first link in `text` that starts with the app's address.
fn link(app: &TestApp, text: &str, path: &str) -> String {
    let start = format!("{}{path}", app.base);
    let at = text
        .find(&start)
        .unwrap_or_else(|| panic!("no {start} link in {text}"));
    text[at..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .next()
        .unwrap_or_default()
        .replace("&amp;", "&")
}

fn text_part(m: &Received) -> String {
    m.parsed().body_text(0).expect("a text part").into_owned()
}

/// The HTML part with the entities minijinja writes for `/`, `&` and quotes decoded, so
/// that links read as they will in a mail client.
fn html_part(m: &Received) -> String {
    m.parsed()
        .body_html(0)
        .expect("an HTML part")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// Keeps a mail's parts in `target/mail-samples/` to be looked at in a browser.
fn save_sample(name: &str, m: &Received) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/mail-samples");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{name}.html")), html_part(m));
    let _ = std::fs::write(dir.join(format!("{name}.txt")), text_part(m));
}

fn header(m: &Received, name: &str) -> String {
    let parsed = m.parsed();
    let value = parsed
        .header_raw(name)
        .unwrap_or_else(|| panic!("no {name} header in {}", m.data));
    value.trim().to_string()
}

async fn question_with_reply(app: &TestApp) -> (String, String, i64, i64) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    let (s, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&owner),
            Some(json!({"title": "Which flour for rye?", "body": "Asking for a *friend*.", "kind": "question"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let topic = t["id"].as_i64().expect("topic id");
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    let (s, p) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(&ana),
            Some(json!({"body": "Dark rye, <script>alert(1)</script> and patience."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    (owner, ana, topic, p["id"].as_i64().expect("post id"))
}

async fn notification_mail_has_both_parts_working_links_and_one_click_unsubscribe(
    app: TestApp,
    sink: SmtpSink,
) {
    let (owner, ana, topic, post) = question_with_reply(&app).await;
    let mails = sink.wait_for("owner@example.com", 1).await;
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m.from, "community@bakery.test");
    let parsed = m.parsed();
    assert_eq!(
        parsed.subject(),
        Some("ana replied to “Which flour for rye?”")
    );
    let from = parsed.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.name(), Some("Riverside Bakery"));
    assert!(header(m, "Message-ID").starts_with("<hearth.notification."));
    assert_eq!(
        header(m, "List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert_eq!(header(m, "Auto-Submitted"), "auto-generated");
    let unsubscribe_header = header(m, "List-Unsubscribe");
    assert!(
        unsubscribe_header.starts_with(&format!("<{}/unsubscribe?", app.base)),
        "{unsubscribe_header}"
    );
    assert!(
        parsed
            .content_type()
            .is_some_and(|ct| ct.subtype() == Some("alternative"))
    );

    // Both parts say the same thing, carry the branding and link to the post.
    let (text, html) = (text_part(m), html_part(m));
    save_sample("notification", m);
    for part in [&text, &html] {
        assert!(part.contains("Riverside Bakery"), "{part}");
        assert!(part.contains(&format!("{}/p/{post}", app.base)), "{part}");
        assert!(part.contains("Dark rye"), "{part}");
    }
    assert!(
        !html.contains("<script>"),
        "the excerpt is escaped in HTML: {html}"
    );
    assert!(html.contains("&lt;script&gt;"), "{html}");
    let view = link(&app, &text, "/p/");
    let r = app
        .client_without_cookies()
        .get(&view)
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection() || r.status() == StatusCode::OK,
        "{view}: {}",
        r.status()
    );
    let settings = link(&app, &text, "/settings");
    assert!(settings.ends_with("/settings"));

    // A retry of the job sends nothing twice.
    let id = app.wait_for_notifications(&owner, 1).await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let again = email::send_notification(&app.state.hearth, id)
        .await
        .unwrap();
    assert_eq!(again, Delivered::AlreadyDone);
    assert_eq!(sink.to("owner@example.com").len(), 1);

    // The unsubscribe page shows a button; a tampered link is refused.
    let unsubscribe = link(&app, &text, "/unsubscribe");
    assert_eq!(unsubscribe, unsubscribe_header.trim_matches(['<', '>']));
    let r = app
        .client_without_cookies()
        .get(&unsubscribe)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("someone replied in a topic you started")
    );
    let tampered = unsubscribe.replace("&k=reply", "&k=mention");
    let r = app
        .client_without_cookies()
        .post(&tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // RFC 8058 one-click: a POST from the mail provider, no session, no Origin.
    let r = app
        .client_without_cookies()
        .post(&unsubscribe)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = app.get("/settings").await.text().await.unwrap();
    assert!(
        page.contains(r#"name="reply" value="never" checked"#),
        "reply is now never: {page}"
    );

    // A second reply: notified in the app, but no mail.
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/topics/{topic}/posts"),
            Some(&ana),
            Some(json!({"body": "Also: a long, cold proof."})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    app.wait_for_notifications(&owner, 2).await;
    app.wait_for_jobs().await;
    assert_eq!(sink.to("owner@example.com").len(), 1, "unsubscribed");

    // The preference form itself: a bad frequency is refused by name, nothing changes.
    let r = app
        .post_form(
            &app.client,
            "/settings/notifications",
            &[("mention", "hourly")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("immediately, daily, weekly or never")
    );
    let r = app
        .post_form(
            &app.client,
            "/settings/notifications",
            &[("reply", "immediately"), ("mention", "weekly")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get("/settings").await.text().await.unwrap();
    assert!(page.contains(r#"name="mention" value="weekly" checked"#));
    assert!(page.contains(r#"name="reply" value="immediately" checked"#));
}

async fn digests_gather_what_waited_and_go_out_once(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "news", "public").await;
    app.member_client("ben").await;
    let ben = app.token("ben@example.com").await;
    sink.wait_for("ben@example.com", 1).await; // the sign-up's confirmation link
    let (s, _) = app
        .api(Method::POST, "/api/v1/spaces/news/watch", Some(&ben), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    for title in ["Rye week starts Monday", "New opening hours"] {
        let (s, v) = app
            .api(
                Method::POST,
                "/api/v1/spaces/news/topics",
                Some(&owner),
                Some(json!({"title": title, "body": format!("All about {title}.")})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    app.wait_for_notifications(&ben, 2).await;
    app.wait_for_jobs().await;
    assert_eq!(
        sink.to("ben@example.com").len(),
        1,
        "new topics wait for the daily digest"
    );

    let h = &app.state.hearth;
    assert_eq!(
        email::run_digest(h, "daily", "2026-11-22").await.unwrap(),
        1
    );
    let mails = sink.wait_for("ben@example.com", 2).await;
    let m = &mails[1];
    assert_eq!(
        m.parsed().subject(),
        Some("Riverside Bakery: 2 updates (daily digest)")
    );
    let text = text_part(m);
    save_sample("digest", m);
    assert!(
        text.contains("owner started “Rye week starts Monday”"),
        "{text}"
    );
    assert!(text.contains("owner started “New opening hours”"), "{text}");
    assert!(html_part(m).contains("New opening hours"));
    assert!(link(&app, &text, "/unsubscribe").contains("&k=daily&"));

    // The same digest again, or the next one, sends nothing: everything went out.
    let ben_id = app
        .state
        .store()
        .member_by_email("ben@example.com")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        email::send_digest(h, ben_id, "daily", "2026-11-22")
            .await
            .unwrap(),
        Delivered::AlreadyDone
    );
    assert_eq!(
        email::run_digest(h, "daily", "2026-11-23").await.unwrap(),
        0
    );
    app.wait_for_jobs().await;
    assert_eq!(sink.to("ben@example.com").len(), 2);

    // The scheduler enqueues each day's digest once, however often it asks.
    let at = 1_795_000_000_000; // a Friday, 10:13 UTC
    hearth::jobs::schedule_due(h, at).await.unwrap();
    hearth::jobs::schedule_due(h, at + 60_000).await.unwrap();
    app.wait_for_jobs().await;
    let (_, done, failed) = app.state.store().job_counts().await.unwrap();
    assert_eq!(failed, 0);
    assert!(done > 0);
}

async fn a_refused_mail_is_retried_and_never_sent_twice(app: TestApp, sink: SmtpSink) {
    sink.refuse(true);
    let (owner, _, _, _) = question_with_reply(&app).await;
    let id = app.wait_for_notifications(&owner, 1).await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let h = &app.state.hearth;
    // The worker's first try is refused (451); so is ours, or it finds the worker's
    // claim. Either way nothing is recorded as sent.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(email::send_notification(h, id).await.is_err());
    assert!(sink.to("owner@example.com").is_empty());
    // The server accepts again. Our call and the worker's retry race: whichever wins,
    // exactly one mail leaves, and every later try finds it sent.
    sink.refuse(false);
    let _ = email::send_notification(h, id).await;
    app.wait_for_jobs().await;
    assert_eq!(
        email::send_notification(h, id).await.unwrap(),
        Delivered::AlreadyDone
    );
    assert_eq!(sink.to("owner@example.com").len(), 1);
    let page = app.get("/admin/mail").await.text().await.unwrap();
    assert!(page.contains("ana replied to"), "{page}");
}

async fn password_reset_and_change_of_address_work_by_mail(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let ana = app.member_client("ana").await;
    // Sign-up sends a confirmation link even when confirming is optional.
    sink.wait_for("ana@example.com", 1).await;

    // Forgot password: the same answer for a stranger, and no mail to them.
    let stranger = app.client_without_cookies();
    for address in ["nobody@example.com", "ana@example.com"] {
        let r = app
            .post_form(&stranger, "/forgot-password", &[("email", address)])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("If an account uses"));
    }
    let r = app
        .post_form(
            &stranger,
            "/forgot-password",
            &[("email", "not an address")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mails = sink.wait_for("ana@example.com", 2).await;
    assert!(sink.to("nobody@example.com").is_empty());
    let reset = &mails[1];
    assert_eq!(
        reset.parsed().subject(),
        Some("Reset your password for Riverside Bakery")
    );
    assert!(
        reset.parsed().header_raw("List-Unsubscribe").is_none(),
        "account mail has none"
    );
    let url = link(&app, &text_part(reset), "/reset-password?token=");
    assert!(html_part(reset).contains(&format!("href=\"{url}\"")));
    let token = url.split("token=").nth(1).unwrap().to_string();
    let r = stranger.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post_form(
            &stranger,
            "/reset-password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "too short: the link stays valid"
    );
    let r = app
        .post_form(
            &stranger,
            "/reset-password",
            &[("token", &token), ("password", "a-brand-new-passphrase")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // Single use; the old sessions and password are gone.
    let r = app
        .post_form(
            &stranger,
            "/reset-password",
            &[("token", &token), ("password", "another-passphrase")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(
        stranger.get(&url).send().await.unwrap().status(),
        StatusCode::GONE
    );
    let r = ana.get(app.url("/settings")).send().await.unwrap();
    assert!(
        r.status().is_redirection() || r.status() == StatusCode::UNAUTHORIZED,
        "signed out: {}",
        r.status()
    );
    let fresh = crate::support::client();
    let r = app
        .post_form(
            &fresh,
            "/login",
            &[("email", "ana@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .post_form(
            &fresh,
            "/login",
            &[
                ("email", "ana@example.com"),
                ("password", "a-brand-new-passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Change of address: the password is asked, the link goes to the new address.
    let r = app
        .post_form(
            &fresh,
            "/settings/email",
            &[
                ("email", "ana@rye.test"),
                ("password", "wrong-password-here"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &fresh,
            "/settings/email",
            &[
                ("email", "owner@example.com"),
                ("password", "a-brand-new-passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "taken");
    let r = app
        .post_form(
            &fresh,
            "/settings/email",
            &[
                ("email", "ana@rye.test"),
                ("password", "a-brand-new-passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = sink.wait_for("ana@rye.test", 1).await;
    let url = link(&app, &text_part(&mails[0]), "/change-email?token=");
    let r = fresh.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the link only shows a button");
    let member = app
        .state
        .store()
        .member_by_email("ana@rye.test")
        .await
        .unwrap();
    assert!(member.is_none(), "nothing changed yet");
    let r = fresh
        .post(&url)
        .header("Origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let member = app
        .state
        .store()
        .member_by_email("ana@rye.test")
        .await
        .unwrap()
        .unwrap();
    assert!(member.email_confirmed_at.is_some());
    let r = fresh
        .post(&url)
        .header("Origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "used once");
    // A malformed token is refused before the database is asked.
    let r = fresh
        .get(app.url("/change-email?token=abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn confirmation_is_required_before_posting(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "help", "public").await;
    let ana = app.member_client("ana").await;
    let token = app.token("ana@example.com").await;
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&token),
            Some(json!({"title": "Hello there", "body": "First!"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("confirm your email")
    );
    // Regression: an unconfirmed account could still flag, react and vote. Every
    // publishing door asks the same question.
    let (_, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&owner),
            Some(json!({"title": "Opening hours", "body": "Eight to four."})),
        )
        .await;
    let (_, posts) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{}/posts", t["id"]),
            None,
            None,
        )
        .await;
    let post = posts["items"][0]["id"].as_i64().unwrap();
    for (method, path, body) in [
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
    ] {
        let (s, e) = app.api(method.clone(), &path, Some(&token), body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{method} {path}: {e}");
        assert!(e.to_string().contains("confirm your email"), "{e}");
    }
    let home = ana
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Confirm your email address to start posting"),
        "banner"
    );
    // "Send it again" sends a second link; either works, and one use spends both.
    let r = app.post_form(&ana, "/settings/confirm", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = sink.wait_for("ana@example.com", 2).await;
    assert_eq!(
        mails[0].parsed().subject(),
        Some("Confirm your email address for Riverside Bakery")
    );
    let first = link(&app, &text_part(&mails[0]), "/confirm-email?token=");
    let second = link(&app, &text_part(&mails[1]), "/confirm-email?token=");
    assert_ne!(first, second);
    let r = ana
        .post(&second)
        .header("Origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = ana
        .post(&first)
        .header("Origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/spaces/help/topics",
            Some(&token),
            Some(json!({"title": "Hello there", "body": "First!"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let home = ana
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("Confirm your email address to start posting"));
}

async fn the_admin_test_mail_reports_what_the_server_said(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let page = app.get("/admin/mail").await.text().await.unwrap();
    assert!(page.contains("Send me a test email"));
    assert!(page.replace("&#x2f;", "/").contains(&sink.url), "{page}");
    let r = app.post_form(&app.client, "/admin/mail/test", &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("A test mail went to owner@example.com")
    );
    let mails = sink.wait_for("owner@example.com", 1).await;
    assert_eq!(mails[0].parsed().subject(), Some("Test mail from Hearth"));
    assert_eq!(sink.count(), 1, "nothing else was sent");
    sink.refuse(true);
    let r = app.post_form(&app.client, "/admin/mail/test", &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text().await.unwrap().contains("451"),
        "the server's answer is shown"
    );
    // Members cannot send test mail.
    let ana = app.member_client("ana").await;
    let r = app.post_form(&ana, "/admin/mail/test", &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

async fn invitations_and_application_decisions_arrive_by_mail(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (s, v) = app
        .api(
            Method::PATCH,
            "/api/v1/community",
            Some(&owner),
            Some(json!({"join_mode": "invite"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/invites",
            Some(&owner),
            Some(json!({"email": "dee@example.com", "days": 5})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert!(v["url"].is_null(), "the link goes only into the mail: {v}");
    let mails = sink.wait_for("dee@example.com", 1).await;
    let text = text_part(&mails[0]);
    assert!(
        mails[0]
            .parsed()
            .subject()
            .unwrap_or_default()
            .contains("invited"),
        "{text}"
    );
    save_sample("invitation", &mails[0]);
    let url = link(&app, &text, "/join?invite=");
    let secret = url.split("invite=").nth(1).unwrap().to_string();
    assert!(
        html_part(&mails[0]).contains(&secret),
        "the same link in both parts"
    );
    // The invitation is for its address only, then spent.
    let r = app
        .post_form(
            &crate::support::client(),
            "/signup",
            &[
                ("email", "someone@example.com"),
                ("handle", "someone"),
                ("password", PASSWORD),
                ("invite", &secret),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &crate::support::client(),
            "/signup",
            &[
                ("email", "dee@example.com"),
                ("handle", "dee"),
                ("password", PASSWORD),
                ("invite", &secret),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let dee = app
        .state
        .store()
        .member_by_email("dee@example.com")
        .await
        .unwrap()
        .unwrap();
    assert!(
        dee.email_confirmed_at.is_some(),
        "following the mailed link proves the address"
    );
    // A rerun of the job sends nothing more (one invitation, one mail).
    let invite = app.state.store().invites(1).await.unwrap()[0].id;
    let again = email::send_invite(&app.state.hearth, invite, "whatever")
        .await
        .unwrap();
    assert_eq!(again, Delivered::AlreadyDone);

    // Applicants hear the decision, with the approver's message.
    app.api(
        Method::PATCH,
        "/api/v1/community",
        Some(&owner),
        Some(json!({"join_mode": "approval", "join_questions": ["Why?"]})),
    )
    .await;
    for (email, handle) in [("eli@example.com", "eli"), ("fay@example.com", "fay")] {
        let r = app
            .post_form(
                &crate::support::client(),
                "/apply",
                &[
                    ("email", email),
                    ("handle", handle),
                    ("password", PASSWORD),
                    ("answer_0", "Bread"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let (_, v) = app
        .api(Method::GET, "/api/v1/applications", Some(&owner), None)
        .await;
    let ids: Vec<i64> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    for (id, action, message) in [
        (ids[0], "approve", "Welcome aboard!"),
        (ids[1], "decline", "We only take locals for now."),
    ] {
        let (s, v) = app
            .api(
                Method::POST,
                &format!("/api/v1/applications/{id}/decision"),
                Some(&owner),
                Some(json!({"action": action, "message": message})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let accepted = sink.wait_for("eli@example.com", 1).await;
    let text = text_part(&accepted[0]);
    assert!(
        text.contains("accepted") && text.contains("Welcome aboard!"),
        "{text}"
    );
    link(&app, &text, "/login");
    let declined = sink.wait_for("fay@example.com", 1).await;
    let text = text_part(&declined[0]);
    assert!(
        text.contains("declined") && text.contains("We only take locals for now."),
        "{text}"
    );
    save_sample("application-declined", &declined[0]);
}

async fn customers_join_with_a_listed_address_they_prove(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let (s, v) = app
        .api(
            Method::PATCH,
            "/api/v1/community",
            Some(&owner),
            Some(json!({"join_mode": "customers"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let upload = |bytes: Vec<u8>| {
        let app = &app;
        async move {
            let form = reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(bytes)
                    .file_name("customers.csv")
                    .mime_str("text/csv")
                    .unwrap(),
            );
            app.client
                .post(app.url("/admin/membership/customers"))
                .header("Origin", &app.base)
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let r = upload(b"Email,First Name\nana@example.com,Ana\nnot-an-address,Bob\n".to_vec()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("line 3"));
    let r = upload(b"email\nj\xe9r\xf4me@example.com\n".to_vec()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.state.store().customer_email_count().await.unwrap(),
        0,
        "nothing half-written"
    );
    let r = upload(
        b"Email,Note\nANA@example.com,\"Leave it at the door,\nring twice\"\nben@example.com,\n"
            .to_vec(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.state.store().customer_email_count().await.unwrap(), 2);
    let signup = |email: &'static str, handle: &'static str| {
        let app = &app;
        async move {
            app.post_form(
                &crate::support::client(),
                "/signup",
                &[("email", email), ("handle", handle), ("password", PASSWORD)],
            )
            .await
        }
    };
    let r = signup("zed@example.com", "zed").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("for customers"));
    // A listed address joins, but only signs in once the mailed link proved it.
    let r = signup("ana@example.com", "ana").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Check your mail"));
    let ana = crate::support::client();
    let r = app
        .post_form(
            &ana,
            "/login",
            &[("email", "ana@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let mails = sink.wait_for("ana@example.com", 2).await;
    let confirm = link(&app, &text_part(&mails[0]), "/confirm-email?token=");
    let r = ana
        .post(&confirm)
        .header("Origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post_form(
            &ana,
            "/login",
            &[("email", "ana@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn mail_speaks_the_member_language(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let ana = app.member_client("ana").await;
    sink.wait_for("ana@example.com", 1).await;
    let r = app
        .post_form(&ana, "/settings/profile", &[("language", "es")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // An account mail: subject, heading and link text in Spanish.
    let stranger = app.client_without_cookies();
    app.post_form(
        &stranger,
        "/forgot-password",
        &[("email", "ana@example.com")],
    )
    .await;
    let mails = sink.wait_for("ana@example.com", 2).await;
    assert_eq!(
        mails[1].parsed().subject(),
        Some("Restablece tu contraseña de Riverside Bakery")
    );
    assert!(html_part(&mails[1]).contains("lang=\"es\""));
    // A reminder of an event she is going to, within the hour.
    let starts = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_mins(30))
        .unwrap();
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/kitchen/events",
            Some(&owner),
            Some(json!({"title": "Cata de pan", "body": "Pan y aceite.", "starts_at": starts.to_string(),
                        "ends_at": starts.checked_add(jiff::SignedDuration::from_hours(1)).unwrap().to_string(), "time_zone": "Europe/Madrid"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let ana_token = app.token("ana@example.com").await;
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/events/{}/rsvp", e["id"]),
            Some(&ana_token),
            Some(json!({"status": "going"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    hearth::services::events::send_reminders(&app.state.hearth)
        .await
        .unwrap();
    let mails = sink.wait_for("ana@example.com", 3).await;
    let reminder = mails[2].parsed().subject().unwrap_or_default().to_string();
    assert_eq!(reminder, "Recordatorio: “Cata de pan” se acerca");
    let text = text_part(&mails[2]);
    assert!(
        !text.contains("You get this mail because"),
        "the footer is Spanish too: {text}"
    );
}

/// Regression: mail and digests went out about deleted and hidden posts, and to members
/// who had lost the space since; the bell's list showed such a topic's current title.
async fn mail_and_digests_skip_what_the_member_can_no_longer_see(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.member_client("ben").await;
    let ben = app.token("ben@example.com").await;
    sink.wait_for("ben@example.com", 1).await; // the sign-up's confirmation link
    app.space(&owner, "club", "private").await;
    let grant = |access: &'static str| {
        let app = &app;
        async move {
            let r = app
                .post_form(
                    &app.client,
                    "/admin/spaces/club",
                    &[
                        ("name", "Club"),
                        ("slug", "club"),
                        ("visibility", "private"),
                        ("access", access),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
    };
    grant("ben").await;
    let (s, v) = app
        .api(Method::POST, "/api/v1/spaces/club/watch", Some(&ben), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let topic = |title: &'static str| {
        let (app, owner) = (&app, owner.clone());
        async move {
            let (s, v) = app
                .api(
                    Method::POST,
                    "/api/v1/spaces/club/topics",
                    Some(&owner),
                    Some(json!({"title": title, "body": "Members only."})),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
            v["id"].as_i64().unwrap()
        }
    };
    let gone = topic("Withdrawn offer").await;
    topic("Tasting on Friday").await;
    app.wait_for_notifications(&ben, 2).await;
    // The first is deleted before the digest goes out.
    let (_, posts) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{gone}/posts"),
            Some(&owner),
            None,
        )
        .await;
    let first = posts["items"][0]["id"].as_i64().unwrap();
    let (s, _) = app
        .api(
            Method::DELETE,
            &format!("/api/v1/posts/{first}"),
            Some(&owner),
            None,
        )
        .await;
    assert!(s.is_success());
    let h = &app.state.hearth;
    assert_eq!(
        email::run_digest(h, "daily", "2026-12-01").await.unwrap(),
        1
    );
    let mails = sink.wait_for("ben@example.com", 2).await;
    let text = text_part(&mails[1]);
    assert!(text.contains("Tasting on Friday"), "{text}");
    assert!(!text.contains("Withdrawn offer"), "a deleted topic: {text}");

    // Ben loses the space; what waited for him is not sent, and the bell's list does not
    // show its title.
    topic("Members' secret recipe").await;
    app.wait_for_notifications(&ben, 3).await;
    grant("owner").await;
    email::run_digest(h, "daily", "2026-12-02").await.unwrap();
    app.wait_for_jobs().await;
    assert_eq!(
        sink.to("ben@example.com").len(),
        2,
        "nothing about a space he lost"
    );
    let (_, list) = app
        .api(Method::GET, "/api/v1/notifications", Some(&ben), None)
        .await;
    let listed = list.to_string();
    assert!(!listed.contains("secret recipe"), "{listed}");
    assert!(list["items"][0]["gone"].as_bool() == Some(true), "{listed}");
}

/// Issue 18: a randomised invitation test, end to end. Thirty shop customers and a member
/// who also buys; the segment of members, an empty one and every bad field are refused by
/// name; the split is the seed's; mail goes to the invited group only, each with a link
/// that lets them in; a join counts at once; no route changes a test; and the people in a
/// running test cannot be placed in another.
async fn invitation_tests_write_only_to_the_invited_and_cannot_be_changed(
    app: TestApp,
    sink: SmtpSink,
) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let emails: Vec<String> = (1..=30).map(|n| format!("cust{n}@shop.test")).collect();
    let mut batch: Vec<serde_json::Value> = emails
        .iter()
        .map(|e| json!({"member": e, "channel": "shop", "kind": "purchased", "weight": 2500, "occurred_at": "2026-01-10T10:00:00Z"}))
        .collect();
    // A member who buys too: a segment of them cannot be tested.
    app.member_client("ana").await;
    batch.push(json!({"member": "ana", "channel": "shop", "kind": "purchased", "weight": 900, "occurred_at": "2026-01-11T10:00:00Z"}));
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&owner),
            Some(json!(batch)),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let store = app.state.store();
    let now = hearth_store::now_millis();
    let shop = store
        .create_segment(
            "Shop customers",
            "channel = shop and kind = contact",
            None,
            now,
        )
        .await
        .unwrap();
    let members = store
        .create_segment("Members", "kind = account", None, now)
        .await
        .unwrap();
    let empty = store
        .create_segment("Nobody", "tag = nobody", None, now)
        .await
        .unwrap();
    let start = |body: serde_json::Value| {
        let owner = owner.clone();
        let app = &app;
        async move {
            app.api(
                Method::POST,
                "/api/v1/insights/experiments",
                Some(&owner),
                Some(body),
            )
            .await
        }
    };
    for (body, field, words) in [
        (json!({"name": " ", "segment_id": shop}), "name", "name"),
        (
            json!({"name": "T", "segment_id": shop, "holdout_percent": 5}),
            "holdout_percent",
            "10 to 90",
        ),
        (
            json!({"name": "T", "segment_id": shop, "outcome_days": 3}),
            "outcome_days",
            "14 to 365",
        ),
        (
            json!({"name": "T", "segment_id": shop, "seed": -1}),
            "seed",
            "seed",
        ),
        (
            json!({"name": "T", "segment_id": 9_999}),
            "segment_id",
            "saved segment",
        ),
        (
            json!({"name": "T", "segment_id": empty}),
            "segment_id",
            "empty",
        ),
        (
            json!({"name": "T", "segment_id": members}),
            "segment_id",
            "already a member",
        ),
    ] {
        let (s, v) = start(body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
        assert_eq!(v["error"]["field"], field, "{body}: {v}");
        assert!(
            v["error"]["message"].as_str().unwrap().contains(words),
            "{body}: {v}"
        );
    }
    let ana = app.token("ana@example.com").await;
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/insights/experiments",
            Some(&ana),
            Some(json!({"name": "T", "segment_id": shop})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(
        store.experiments().await.unwrap().is_empty(),
        "nothing half-started"
    );
    // (ana's own account mail may have arrived; none went to a customer.)
    assert!(sink.all().iter().all(|m| !m.data.contains("@shop.test")));

    let (s, v) = start(
        json!({"name": "Spring invitation", "segment_id": shop, "seed": 7, "holdout_percent": 40}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().unwrap();
    assert_eq!(
        (v["invited"].as_i64(), v["holdout"].as_i64()),
        (Some(18), Some(12)),
        "{v}"
    );
    assert_eq!(
        (v["seed"].as_i64(), v["status"].as_str()),
        (Some(7), Some("running"))
    );
    assert_eq!(
        v["left_out"]["members"], 0,
        "ana is not in this segment: {v}"
    );
    assert!(v["method"].as_str().unwrap().contains("intent-to-treat"));
    // The split is the seed's: anyone can draw it again.
    let (_, split) = app
        .api(
            Method::GET,
            &format!("/api/v1/insights/experiments/{id}/split"),
            Some(&owner),
            None,
        )
        .await;
    let recorded: Vec<(i64, bool)> = split["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["member_id"].as_i64().unwrap(), p["group"] == "invited"))
        .collect();
    let ids: Vec<i64> = recorded.iter().map(|p| p.0).collect();
    assert_eq!(recorded, hearth_insights::experiment::split(&ids, 7, 40));
    // Mail goes to the invited only, each a branded invitation with a link that lets them in.
    let mut invited_emails = Vec::new();
    for (member_id, invited) in &recorded {
        let person = store.person(*member_id).await.unwrap().unwrap();
        if *invited {
            invited_emails.push(person.email.clone());
        }
    }
    let first = sink.wait_for(&invited_emails[0], 1).await;
    app.wait_for_jobs().await;
    let to_shop = sink
        .all()
        .iter()
        .filter(|m| m.data.contains("@shop.test"))
        .count();
    assert_eq!(
        to_shop, 18,
        "one invitation for each of the invited, none for the holdout"
    );
    for (member_id, invited) in &recorded {
        let person = store.person(*member_id).await.unwrap().unwrap();
        assert_eq!(
            sink.to(&person.email).len(),
            usize::from(*invited),
            "{}",
            person.email
        );
    }
    let text = text_part(&first[0]);
    assert!(
        html_part(&first[0]).contains("Riverside Bakery") || text.contains("invited"),
        "{text}"
    );
    let url = link(&app, &text, "/join?invite=");
    let secret = url.split("invite=").nth(1).unwrap().to_string();
    let r = app
        .post_form(
            &crate::support::client(),
            "/signup",
            &[
                ("email", invited_emails[0].as_str()),
                ("handle", "firstjoiner"),
                ("password", PASSWORD),
                ("invite", &secret),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/insights/experiments/{id}"),
            Some(&owner),
            None,
        )
        .await;
    let joined = &v["results"]["joined"];
    assert!(
        (joined["invited"].as_f64().unwrap() - 1.0 / 18.0).abs() < 1e-3,
        "{v}"
    );
    assert_eq!(joined["holdout"], 0.0, "{v}");
    assert!(joined["ci_low"].as_f64().unwrap() <= joined["effect"].as_f64().unwrap());
    assert_eq!(
        v["results"]["spend"]["invited"], 0.0,
        "nothing bought since the start: {v}"
    );
    // No route edits, stops or deletes a test.
    for method in [Method::PUT, Method::PATCH, Method::DELETE] {
        let (s, _) = app
            .api(
                method.clone(),
                &format!("/api/v1/insights/experiments/{id}"),
                Some(&owner),
                Some(json!({"seed": 8})),
            )
            .await;
        assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
    // Everyone is in a running test now: a second one on the same customers has nobody.
    let (s, v) = start(json!({"name": "Again", "segment_id": shop})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already in a running test"),
        "{v}"
    );
    // Members read the list only if they may open Insights: they may not.
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/insights/experiments/{id}"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The pages: the list, the result, the split as CSV, and the form's errors by field.
    let page = app
        .get("/admin/insights/experiments")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Spring invitation") && page.contains("18 invited, 12 held back"),
        "{page}"
    );
    let page = app
        .get(&format!("/admin/insights/experiments/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Who joined") && page.contains("<code>7</code>"),
        "{page}"
    );
    let csv = app
        .get(&format!("/admin/insights/experiments/{id}/split.csv"))
        .await;
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(csv.text().await.unwrap().lines().count(), 31);
    let r = app
        .post_form(
            &app.client,
            "/admin/insights/experiments",
            &[
                ("name", "Form"),
                ("segment_id", &shop.to_string()),
                ("holdout_percent", "half"),
                ("outcome_days", ""),
                ("seed", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("holdout_percent-error") && page.contains("value=\"half\""),
        "{page}"
    );
}

/// Issue 18: the weekly report. Asked for on demand it goes to the admin who asked, in
/// their language, with the week's champions; the Monday job sends one to each admin,
/// once however often it runs; members may not ask for it.
async fn the_weekly_report_reaches_each_admin_once_in_their_language(app: TestApp, sink: SmtpSink) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    let yesterday = (time::OffsetDateTime::now_utc() - time::Duration::days(1))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let reply = |who: &str, to: &str| json!({"member": {"channel": "discord", "external_id": who}, "channel": "discord", "kind": "message_replied", "target_member": {"channel": "discord", "external_id": to}, "occurred_at": yesterday});
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/activities",
            Some(&owner),
            Some(json!([
                reply("ana", "bo"),
                reply("ana", "cy"),
                reply("bo", "cy")
            ])),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // The engine must have the rows before the report reads them.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (_, v) = app
            .api(
                Method::GET,
                "/api/v1/insights/champions?range=7d",
                Some(&owner),
                None,
            )
            .await;
        if v["items"].as_array().is_some_and(|i| !i.is_empty()) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{v}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let ana_member = app.member_client("mia").await;
    drop(ana_member);
    let mia = app.token("mia@example.com").await;
    let (s, _) = app
        .api(Method::POST, "/api/v1/insights/report", Some(&mia), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    let (s, v) = app
        .api(Method::POST, "/api/v1/insights/report", Some(&owner), None)
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let mails = sink.wait_for("owner@example.com", 1).await;
    let m = &mails[0];
    let subject = m.parsed().subject().unwrap_or_default().to_string();
    assert!(subject.contains("your week"), "{subject}");
    let text = text_part(m);
    save_sample("weekly-report", m);
    for words in [
        "Champions to thank",
        "ana",
        "helped 2 times",
        "Members who took part",
        "Health score",
        "/admin/insights",
    ] {
        assert!(text.contains(words), "{words} in {text}");
    }
    assert!(!html_part(m).contains("{{"), "rendered whole");

    // In the owner's language; the Monday job sends one to each admin, once.
    let r = app
        .post_form(&app.client, "/settings/profile", &[("language", "es")])
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let before = sink.to("owner@example.com").len();
    for _ in 0..2 {
        let n = hearth::services::report::run(&app.state.hearth, "2026-12-07")
            .await
            .unwrap();
        assert_eq!(n, 1, "the owner is the only admin");
        app.wait_for_jobs().await;
    }
    let mails = sink.wait_for("owner@example.com", before + 1).await;
    assert_eq!(mails.len(), before + 1, "once however often the job runs");
    let last = mails.last().unwrap();
    assert!(
        last.parsed()
            .subject()
            .unwrap_or_default()
            .contains("tu semana"),
        "{}",
        text_part(last)
    );
    assert!(text_part(last).contains("A quién dar las gracias"));
    assert_eq!(
        sink.to("mia@example.com")
            .iter()
            .filter(|m| m.data.contains("semana") || m.data.contains("week"))
            .count(),
        0
    );
}
