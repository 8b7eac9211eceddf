//! The main path in a real browser: headless Chromium driven over WebDriver (chromedriver).
//! Set up the community, create a space, start a topic, reply as a second member, and see
//! both posts. Screenshots land in `target/screenshots/` to be looked at.

use crate::support::{Backend, PASSWORD, spawn};
use fantoccini::{ClientBuilder, Locator};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver, or returns `None` (outside CI) when it is not installed.
fn start_driver() -> Option<Driver> {
    let path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let port = free_port();
    match Command::new(&path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => Some(Driver { child, port }),
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!("CI=true but chromedriver cannot start ({path}): {e}");
            }
            eprintln!("chromedriver not available ({e}): skipping the browser test");
            None
        }
    }
}

async fn connect(port: u16) -> fantoccini::Client {
    let mut caps = serde_json::map::Map::new();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let profile = tempfile::tempdir().unwrap().keep();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1280,1000",
                     format!("--user-data-dir={}", profile.display())]
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    for attempt in 0..50 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => return c,
            Err(e) if attempt < 49 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a Chromium session: {e}"),
        }
    }
    unreachable!()
}

async fn fill(c: &fantoccini::Client, css: &str, text: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .send_keys(text)
        .await
        .unwrap();
}

async fn click(c: &fantoccini::Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// axe-core's source, from `npm install` at the repository root (or `AXE_CORE_JS`).
fn axe_source() -> Option<String> {
    let path = std::env::var("AXE_CORE_JS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!(
                    "CI=true but axe-core is missing at {} ({e}); run npm install",
                    path.display()
                );
            }
            eprintln!(
                "axe-core not found at {} ({e}): skipping the accessibility check",
                path.display()
            );
            None
        }
    }
}

/// Runs axe-core on the current page and fails on any WCAG 2.1 A/AA violation.
async fn assert_accessible(c: &fantoccini::Client, axe: &Option<String>, page: &str) {
    let Some(source) = axe else { return };
    c.execute(source, vec![])
        .await
        .unwrap_or_else(|e| panic!("loading axe-core on {page}: {e}"));
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
          .then(r => done(JSON.stringify({ passes: r.passes.length, violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })) })))
          .catch(e => done(JSON.stringify({ error: String(e) })));";
    let result = c
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("running axe-core on {page}: {e}"));
    let report: serde_json::Value = serde_json::from_str(result.as_str().unwrap_or("{}")).unwrap();
    assert!(
        report["error"].is_null(),
        "axe-core failed on {page}: {report}"
    );
    let passes = report["passes"].as_u64().unwrap_or(0);
    assert!(
        passes > 10,
        "axe-core checked too little on {page}: {report}"
    );
    assert_eq!(
        report["violations"],
        serde_json::json!([]),
        "accessibility violations on {page}: {report}"
    );
    eprintln!("axe-core: {page}: {passes} rules passed, no violations");
}

/// The `href` of the first element `css` finds.
async fn href(c: &fantoccini::Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{css} has no href"))
}

async fn screenshot(c: &fantoccini::Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_owner_and_a_member_hold_a_conversation_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = spawn(Backend::Sqlite).await.unwrap();
    let c = connect(driver.port).await;
    let base = app.base.clone();
    let axe = axe_source();

    // First run: every page leads to setup.
    c.goto(&base).await.unwrap();
    assert!(c.current_url().await.unwrap().as_str().ends_with("/setup"));
    assert_accessible(&c, &axe, "setup").await;
    fill(&c, "#community_name", "Riverside Bakery").await;
    fill(&c, "#email", "owner@example.com").await;
    fill(&c, "#handle", "sam").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "form[action='/setup'] button[type=submit]").await;

    // Create a space.
    c.wait().for_element(Locator::Css("#name")).await.unwrap();
    fill(&c, "#name", "Questions & Help").await;
    fill(
        &c,
        "#description",
        "Ask anything about our bread, cakes and classes.",
    )
    .await;
    click(&c, "form[action='/admin/spaces'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::LinkText("New topic"))
        .await
        .unwrap();
    assert!(
        c.current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/s/questions-help")
    );
    for admin_page in [
        "/admin/spaces",
        "/admin/members",
        "/admin/branding",
        "/admin/spaces/questions-help",
        "/admin/mail",
        "/admin/jobs",
        "/admin/webhooks",
        "/settings",
    ] {
        c.goto(&format!("{base}{admin_page}")).await.unwrap();
        if matches!(admin_page, "/settings" | "/admin/mail") {
            screenshot(&c, &admin_page[1..].replace('/', "-")).await;
        }
        assert_accessible(&c, &axe, admin_page).await;
    }
    c.goto(&format!("{base}/s/questions-help")).await.unwrap();

    // Start a topic.
    click(&c, "a[href='/s/questions-help/new']").await;
    click(&c, "input[name=kind][value=question]").await;
    fill(&c, "#title", "How do I keep sourdough fresh?").await;
    fill(&c, "#body", "Mine goes **stale** after two days. Any tips?").await;
    click(&c, "form button[type=submit].btn-primary").await;
    c.wait()
        .for_element(Locator::Css("article.post"))
        .await
        .unwrap();
    let topic_url = c.current_url().await.unwrap().to_string();

    // Sign out; a second member joins and replies.
    sign_out_click(&c).await;
    c.wait()
        .for_element(Locator::LinkText("Join"))
        .await
        .unwrap();
    click(&c, "a[href='/signup']").await;
    assert_accessible(&c, &axe, "signup").await;
    fill(&c, "#email", "ana@example.com").await;
    fill(&c, "#handle", "ana").await;
    fill(&c, "#display_name", "Ana Okafor").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "form[action='/signup'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css(".nav-handle"))
        .await
        .unwrap();
    c.goto(&topic_url).await.unwrap();
    // "@sa" lists matching members under the editor; Enter inserts the handle.
    fill(&c, "textarea#body", "Thanks @sa").await;
    c.wait()
        .for_element(Locator::Css(".mention-list li[aria-selected='true']"))
        .await
        .unwrap();
    let option = c
        .find(Locator::Css(".mention-list li"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(option.starts_with("@sam"), "{option}");
    screenshot(&c, "mention-suggestions").await;
    fill(&c, "textarea#body", "\u{E007}").await;
    fill(
        &c,
        "textarea#body",
        "Wrap it in a linen cloth, cut side down. It keeps for *four* days.",
    )
    .await;
    let typed = c
        .find(Locator::Css("textarea#body"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(typed.starts_with("Thanks @sam Wrap it"), "{typed}");
    click(&c, "form[action$='/replies'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("article.post:nth-of-type(2)"))
        .await
        .unwrap();

    // Both posts are there, with authors.
    let posts = c.find_all(Locator::Css("article.post")).await.unwrap();
    assert_eq!(posts.len(), 2);
    let first = posts[0].text().await.unwrap();
    let second = posts[1].text().await.unwrap();
    assert!(first.contains("sam") && first.contains("stale"), "{first}");
    assert!(
        second.contains("Ana Okafor") && second.contains("linen cloth"),
        "{second}"
    );
    // Ana reacts to the question from the palette (a <details>, no JavaScript needed).
    click(&c, "article.post:first-of-type .reaction-palette summary").await;
    click(
        &c,
        "article.post:first-of-type .palette button[aria-label='Thanks']",
    )
    .await;
    c.wait()
        .for_element(Locator::Css("article.post:first-of-type .reaction-mine"))
        .await
        .unwrap();
    let mine = c
        .find(Locator::Css(".reaction-mine"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(mine.contains("🙏") && mine.contains('1'), "{mine}");
    screenshot(&c, "topic").await;
    assert_accessible(&c, &axe, "topic").await;
    c.goto(&format!("{base}/s/questions-help")).await.unwrap();
    screenshot(&c, "space").await;
    assert_accessible(&c, &axe, "space").await;
    c.goto(&base).await.unwrap();
    screenshot(&c, "home").await;
    assert_accessible(&c, &axe, "home").await;
    c.goto(&format!("{base}/s/questions-help/new"))
        .await
        .unwrap();
    assert_accessible(&c, &axe, "new topic").await;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&topic_url).await.unwrap();
    screenshot(&c, "topic-phone").await;
    c.set_window_size(1280, 1000).await.unwrap();

    // The asker comes back and accepts Ana's reply as the answer.
    sign_out_click(&c).await;
    c.wait()
        .for_element(Locator::LinkText("Sign in"))
        .await
        .unwrap();
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(&c, "#email", "owner@example.com").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "form[action='/login'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css(".nav-handle"))
        .await
        .unwrap();
    // The bell shows what happened while the owner was away; opening it marks it read.
    let mut count = String::new();
    for _ in 0..50 {
        c.goto(&base).await.unwrap();
        if let Ok(badge) = c.find(Locator::Css(".bell-count")).await {
            count = badge.text().await.unwrap();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(count, "1", "one unread notification: Ana's reply");
    let label = c
        .find(Locator::Css("a.bell"))
        .await
        .unwrap()
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(label, "Notifications, 1 unread");
    click(&c, "a.bell").await;
    c.wait()
        .for_element(Locator::Css(".notification-list"))
        .await
        .unwrap();
    let listed = c
        .find(Locator::Css(".notification-new"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        listed.contains("Ana Okafor") && listed.contains("How do I keep sourdough"),
        "{listed}"
    );
    screenshot(&c, "notifications").await;
    assert_accessible(&c, &axe, "notifications").await;
    c.goto(&base).await.unwrap();
    assert!(
        c.find(Locator::Css(".bell-count")).await.is_err(),
        "read once opened"
    );
    c.goto(&topic_url).await.unwrap();
    click(&c, ".btn-accept").await;
    c.wait()
        .for_element(Locator::Css(".accepted-answer"))
        .await
        .unwrap();
    let accepted = c
        .find(Locator::Css(".accepted-answer"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        accepted.contains("Ana Okafor") && accepted.contains("linen cloth"),
        "{accepted}"
    );
    c.goto(&topic_url).await.unwrap();
    screenshot(&c, "question-answered").await;
    assert_accessible(&c, &axe, "answered question").await;
    c.goto(&format!("{base}/s/questions-help?answered=true"))
        .await
        .unwrap();
    let listed = c
        .find(Locator::Css(".topic-list"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        listed.contains("How do I keep sourdough fresh?") && listed.contains("Answered"),
        "{listed}"
    );

    // The owner lets the space take ideas, posts one, votes, and marks it planned.
    c.goto(&format!("{base}/admin/spaces/questions-help"))
        .await
        .unwrap();
    // A new space takes every kind of topic: ideas and polls are already ticked.
    assert!(
        c.find(Locator::Css("input[name=kind_idea]:checked"))
            .await
            .is_ok()
    );
    assert!(
        c.find(Locator::Css("input[name=kind_poll]:checked"))
            .await
            .is_ok()
    );
    click(
        &c,
        "form[action='/admin/spaces/questions-help'] button[type=submit]",
    )
    .await;
    c.wait()
        .for_element(Locator::Css("input[name=kind_idea]:checked"))
        .await
        .unwrap();
    c.goto(&format!("{base}/s/questions-help/new"))
        .await
        .unwrap();
    click(&c, "input[name=kind][value=idea]").await;
    fill(&c, "#title", "Sourdough subscription").await;
    fill(&c, "#body", "A fresh loaf every Saturday, paid monthly.").await;
    click(&c, "form button[type=submit].btn-primary").await;
    c.wait()
        .for_element(Locator::Css(".idea-box"))
        .await
        .unwrap();
    click(&c, "form[action$='/vote'] button").await;
    c.wait()
        .for_element(Locator::Css("button[aria-pressed=true]"))
        .await
        .unwrap();
    assert_eq!(
        c.find(Locator::Css(".vote-count"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "1"
    );
    click(&c, ".staff-tools summary").await;
    c.find(Locator::Css("#status option[value=planned]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(&c, "#note", "Starting in March!").await;
    click(&c, "form[action$='/status'] button").await;
    c.wait()
        .for_element(Locator::Css(".badge-status-planned"))
        .await
        .unwrap();
    let idea = c
        .find(Locator::Css(".idea-box"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        idea.contains("Planned") && idea.contains("Starting in March!"),
        "{idea}"
    );
    screenshot(&c, "idea").await;
    assert_accessible(&c, &axe, "idea").await;

    // A poll: created from the form, voted in with a radio button, results after voting.
    c.goto(&format!("{base}/s/questions-help/new"))
        .await
        .unwrap();
    click(&c, "input[name=kind][value=poll]").await;
    fill(&c, "#poll_options", "Rye\nSpelt\nSourdough").await;
    fill(&c, "#title", "Bread of the month?").await;
    fill(&c, "#body", "Help us choose December's loaf.").await;
    click(&c, "form button[type=submit].btn-primary").await;
    c.wait()
        .for_element(Locator::Css(".poll-box"))
        .await
        .unwrap();
    assert_accessible(&c, &axe, "poll").await;
    click(&c, ".poll-box input[type=radio]:nth-of-type(1)").await;
    let options = c
        .find_all(Locator::Css(".poll-box input[type=radio]"))
        .await
        .unwrap();
    options[2].click().await.unwrap();
    click(&c, ".poll-box button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css(".poll-box .bar-100"))
        .await
        .unwrap();
    let poll = c
        .find(Locator::Css(".poll-box"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        poll.contains("Sourdough\n1 · 100%") && poll.contains("1 member voted"),
        "{poll}"
    );
    screenshot(&c, "poll").await;

    // The owner flags Ana's answer: a staff flag hides it at once; the queue restores it.
    c.goto(&topic_url).await.unwrap();
    click(&c, "article.post:nth-of-type(2) .post-more summary").await;
    click(&c, "article.post:nth-of-type(2) .flag-menu summary").await;
    click(
        &c,
        "article.post:nth-of-type(2) .flag-form input[value='off_topic']",
    )
    .await;
    click(
        &c,
        "article.post:nth-of-type(2) .flag-form button[type=submit]",
    )
    .await;
    c.wait()
        .for_element(Locator::Css("article.post-hidden"))
        .await
        .unwrap();
    click(&c, "a[href='/mod/queue']").await;
    c.wait()
        .for_element(Locator::Css(".queue-item"))
        .await
        .unwrap();
    let item = c
        .find(Locator::Css(".queue-item"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        item.contains("Ana Okafor") && item.contains("off-topic") && item.contains("hidden"),
        "{item}"
    );
    screenshot(&c, "moderation-queue").await;
    assert_accessible(&c, &axe, "moderation queue").await;
    click(&c, ".queue-item button[value='approve']").await;
    c.wait().for_element(Locator::Css(".empty")).await.unwrap();
    c.goto(&topic_url).await.unwrap();
    assert!(
        c.find(Locator::Css("article.post-hidden")).await.is_err(),
        "shown again"
    );
    c.goto(&format!("{base}/admin/audit")).await.unwrap();
    let log = c
        .find(Locator::Css("table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        log.contains("approved a post"),
        "the audit log says what happened in words: {log}"
    );
    assert!(!log.contains("post.approved"), "not the code: {log}");
    assert_accessible(&c, &axe, "audit log").await;

    // The owner warns Ana from her record; Ana sees it on her next page and answers.
    c.goto(&format!("{base}/mod/members/ana")).await.unwrap();
    assert_accessible(&c, &axe, "member record").await;
    fill(&c, "#warn-message", "Please keep answers about bread.").await;
    click(&c, "form[action='/mod/members/ana/warn'] button").await;
    c.wait()
        .for_element(Locator::Css(".record-entry"))
        .await
        .unwrap();
    screenshot(&c, "member-record").await;
    sign_out_click(&c).await;
    c.wait()
        .for_element(Locator::LinkText("Sign in"))
        .await
        .unwrap();
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(&c, "#email", "ana@example.com").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "form[action='/login'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("a[href='/warnings']"))
        .await
        .unwrap();
    click(&c, "a[href='/warnings']").await;
    c.wait()
        .for_element(Locator::Css(".warning-message"))
        .await
        .unwrap();
    let warning = c
        .find(Locator::Css(".warning-message"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(warning, "Please keep answers about bread.");
    assert_accessible(&c, &axe, "warnings").await;
    fill(&c, "textarea[name='reply']", "Understood, thank you.").await;
    click(&c, ".warning button[type=submit]").await;
    c.wait()
        .for_element(Locator::XPath("//p[contains(., 'Your answer:')]"))
        .await
        .unwrap();
    screenshot(&c, "warnings").await;
    c.close().await.unwrap();
    drop(driver);
}

/// Approval mode in a real browser: a visitor applies (answering the owner's question and
/// accepting the guidelines), the owner accepts from the moderation queue, and the new
/// member signs in and posts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_applicant_is_approved_and_posts_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = spawn(Backend::Sqlite).await.unwrap();
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "members").await;
    let (s, v) = app
        .api(
            reqwest::Method::PATCH,
            "/api/v1/community",
            Some(&owner),
            Some(serde_json::json!({
                "join_mode": "approval",
                "join_questions": ["What do you like to bake?"],
                "guidelines": "Be kind. Share recipes. **No adverts.**"
            })),
        )
        .await;
    assert!(s.is_success(), "{v}");
    app.space(&owner, "back-office", "private").await;
    let (s, v) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/spaces/back-office/topics",
            Some(&owner),
            Some(serde_json::json!({"title": "Rye flour order", "body": "Order 40 kg of rye flour from the mill."})),
        )
        .await;
    assert!(s.is_success(), "{v}");
    let c = connect(driver.port).await;
    let base = app.base.clone();
    let axe = axe_source();

    // The visitor applies.
    c.goto(&format!("{base}/signup")).await.unwrap();
    assert_accessible(&c, &axe, "application form").await;
    fill(&c, "#email", "lena@example.com").await;
    fill(&c, "#handle", "lena").await;
    fill(&c, "#display_name", "Lena Fischer").await;
    fill(&c, "#password", PASSWORD).await;
    fill(&c, "#answer_0", "Rye bread and plum cake.").await;
    click(&c, "#accept_guidelines").await;
    screenshot(&c, "apply").await;
    click(&c, "form[action='/apply'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::XPath(
            "//h1[contains(., 'Thank you for applying')]",
        ))
        .await
        .unwrap();

    // The owner accepts from the queue, with a message.
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(&c, "#email", "owner@example.com").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "form[action='/login'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("a[href='/mod/queue']"))
        .await
        .unwrap();
    click(&c, "a[href='/mod/queue']").await;
    let application = c
        .wait()
        .for_element(Locator::Css("article[id^='application-']"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        application.contains("Lena Fischer") && application.contains("Rye bread and plum cake."),
        "{application}"
    );
    screenshot(&c, "queue-application").await;
    assert_accessible(&c, &axe, "queue with an application").await;
    fill(&c, "textarea[name='message']", "Welcome, Lena!").await;
    click(&c, "article[id^='application-'] button[value='approve']").await;
    c.wait().for_element(Locator::Css(".empty")).await.unwrap();
    for page in ["/admin/membership", "/admin/groups"] {
        c.goto(&format!("{base}{page}")).await.unwrap();
        screenshot(&c, &page[1..].replace('/', "-")).await;
        assert_accessible(&c, &axe, page).await;
    }
    sign_out_click(&c).await;
    c.wait()
        .for_element(Locator::LinkText("Sign in"))
        .await
        .unwrap();

    // Lena signs in with the password she applied with, and posts.
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(&c, "#email", "lena@example.com").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "form[action='/login'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("form[action='/logout']"))
        .await
        .unwrap();
    c.goto(&format!("{base}/s/kitchen/new")).await.unwrap();
    fill(&c, "#title", "Hello from Lena").await;
    fill(&c, "#body", "Happy to be here. Who else bakes rye?").await;
    click(&c, "form button[type=submit].btn-primary").await;
    c.wait()
        .for_element(Locator::Css("article.post"))
        .await
        .unwrap();
    let post = c
        .find(Locator::Css("article.post"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(post.contains("Who else bakes rye?"), "{post}");
    // Search finds her post, and not the one in the private space.
    click(&c, "a[href='/search']").await;
    c.wait().for_element(Locator::Css("#q")).await.unwrap();
    fill(&c, "#q", "rye").await;
    click(&c, "form[role='search'] button[type=submit]").await;
    let results = c
        .wait()
        .for_element(Locator::Css(".search-results"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap_or_default();
    assert!(results.contains("Hello from Lena"), "{results}");
    assert!(
        !results.contains("Rye flour order"),
        "the private space stays out: {results}"
    );
    let marked = c
        .find(Locator::Css(".search-snippet mark"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(marked.to_lowercase(), "rye");
    screenshot(&c, "search").await;
    assert_accessible(&c, &axe, "search results").await;
    c.goto(&format!("{base}/guidelines")).await.unwrap();
    let page = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("You accepted these guidelines"), "{page}");
    assert_accessible(&c, &axe, "guidelines").await;
    // Her profile, and the directory.
    c.goto(&format!("{base}/settings/profile")).await.unwrap();
    assert_accessible(&c, &axe, "profile form").await;
    fill(
        &c,
        "#bio",
        "Baker of rye and plum cake. Ask me about sourdough.",
    )
    .await;
    fill(&c, "#location", "Leipzig").await;
    fill(&c, "#links", "https://lena.example/recipes").await;
    click(&c, "form[action='/settings/profile'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css(".profile-bio"))
        .await
        .unwrap();
    screenshot(&c, "profile").await;
    assert_accessible(&c, &axe, "profile").await;
    c.goto(&format!("{base}/members?location=leip"))
        .await
        .unwrap();
    let listed = c
        .find(Locator::Css(".directory"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        listed.contains("Lena Fischer") && !listed.contains("owner"),
        "{listed}"
    );
    screenshot(&c, "directory").await;
    assert_accessible(&c, &axe, "directory").await;
    c.close().await.unwrap();
    drop(driver);
}

async fn sign_in(c: &fantoccini::Client, base: &str, email: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(c, "#email", email).await;
    fill(c, "#password", PASSWORD).await;
    click(c, "form[action='/login'] button[type=submit]").await;
    c.wait().for_element(Locator::Css(".nav-me")).await.unwrap();
}

/// Waits (bounded) until the page's address contains `part`.
async fn wait_for_url(c: &fantoccini::Client, part: &str) {
    for _ in 0..100 {
        if c.current_url().await.unwrap().as_str().contains(part) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the page never reached an address with {part}");
}

/// Opens the account menu and presses "Sign out" in it.
async fn sign_out_click(c: &fantoccini::Client) {
    click(c, ".nav-account summary").await;
    click(c, ".nav-account form[action='/logout'] button").await;
}

async fn sign_out(c: &fantoccini::Client) {
    sign_out_click(c).await;
    c.wait()
        .for_element(Locator::Css("a[href='/login']"))
        .await
        .unwrap();
}

/// The text of the RSVP status line on an event's page, once it says `expected`. The form
/// posts and the page reloads, so the line read may belong to the page being replaced (a
/// stale element, or the old words): it is read again until it says what it should, for up
/// to 10 s, and the last text read is returned either way.
async fn rsvp_status(c: &fantoccini::Client, expected: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(line) = c.find(Locator::Css("#rsvp-status")).await
            && let Ok(text) = line.text().await
        {
            if text.contains(expected) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    last
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_fills_search_respects_privacy_and_spanish_reads_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = spawn(Backend::Sqlite).await.unwrap();
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "workshops", "public").await;
    app.space(&owner, "back-office", "private").await;
    for (space, title, body) in [
        (
            "workshops",
            "Rye starter smells of acetone",
            "Feed your **rye** starter twice a day.",
        ),
        (
            "back-office",
            "Rye supplier prices",
            "Secret rye prices from the mill.",
        ),
    ] {
        let (s, v) = app
            .api(
                reqwest::Method::POST,
                &format!("/api/v1/spaces/{space}/topics"),
                Some(&owner),
                Some(serde_json::json!({"title": title, "body": body})),
            )
            .await;
        assert!(s.is_success(), "{v}");
    }
    app.member_client("ana").await;
    app.member_client("ben").await;
    let c = connect(driver.port).await;
    let base = app.base.clone();
    let axe = axe_source();

    // The owner creates an event with one seat.
    sign_in(&c, &base, "owner@example.com").await;
    c.goto(&format!("{base}/s/workshops/events/new"))
        .await
        .unwrap();
    assert_accessible(&c, &axe, "new event").await;
    fill(&c, "#title", "Sourdough workshop").await;
    c.execute(
        "document.querySelector('#starts_at').value = '2031-05-01T18:00';
         document.querySelector('#ends_at').value = '2031-05-01T20:00';
         document.querySelector('#time_zone').value = 'Europe/Madrid';",
        vec![],
    )
    .await
    .unwrap();
    fill(&c, "#location", "Riverside Bakery, 12 Baker St").await;
    fill(&c, "#capacity", "1").await;
    fill(&c, "#body", "Bring an apron and a jar.").await;
    screenshot(&c, "event-new").await;
    click(
        &c,
        "form[action='/s/workshops/events/new'] button[type=submit]",
    )
    .await;
    c.wait().for_element(Locator::Css("#event")).await.unwrap();
    let event_url = c.current_url().await.unwrap().to_string();
    c.goto(&format!("{base}/events?month=2031-05"))
        .await
        .unwrap();
    let cell = c
        .wait()
        .for_element(Locator::Css(".calendar-event"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(cell.contains("Sourdough workshop"), "{cell}");
    screenshot(&c, "calendar").await;
    assert_accessible(&c, &axe, "calendar").await;
    sign_out(&c).await;

    // Ana takes the seat; Ben joins the waitlist; Ana cancels and Ben moves up.
    sign_in(&c, &base, "ana@example.com").await;
    c.goto(&event_url).await.unwrap();
    click(&c, ".rsvp-form button[value='going']").await;
    assert!(
        rsvp_status(&c, "You are going")
            .await
            .contains("You are going")
    );
    sign_out(&c).await;
    sign_in(&c, &base, "ben@example.com").await;
    c.goto(&event_url).await.unwrap();
    let label = c
        .find(Locator::Css(".rsvp-form button[value='going']"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(label, "Join the waitlist");
    click(&c, ".rsvp-form button[value='going']").await;
    assert!(rsvp_status(&c, "waitlist").await.contains("waitlist"));
    screenshot(&c, "event-waitlisted").await;
    assert_accessible(&c, &axe, "event").await;
    sign_out(&c).await;
    sign_in(&c, &base, "ana@example.com").await;
    c.goto(&event_url).await.unwrap();
    click(&c, ".rsvp-form button[value='not_going']").await;
    assert!(rsvp_status(&c, "not going").await.contains("not going"));
    sign_out(&c).await;
    sign_in(&c, &base, "ben@example.com").await;
    c.goto(&event_url).await.unwrap();
    assert!(
        rsvp_status(&c, "You are going")
            .await
            .contains("You are going"),
        "Ben was promoted"
    );

    // Search finds the public post and not the private one.
    c.goto(&format!("{base}/search")).await.unwrap();
    fill(&c, "#q", "rye").await;
    click(&c, "form.search-form button[type=submit]").await;
    // The results page, not the form page being replaced (reading that one races).
    wait_for_url(&c, "q=rye").await;
    let results = c
        .wait()
        .for_element(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        results.contains("Rye starter smells of acetone"),
        "{results}"
    );
    assert!(!results.contains("Rye supplier prices"), "{results}");
    screenshot(&c, "search").await;
    assert_accessible(&c, &axe, "search results").await;
    // Ben describes himself and uploads a picture, which Hearth crops and resizes.
    let picture = std::env::temp_dir().join(format!("hearth-avatar-{}.png", std::process::id()));
    image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 160])
    })
    .save(&picture)
    .unwrap();
    c.goto(&format!("{base}/settings/profile")).await.unwrap();
    c.find(Locator::Css("#avatar"))
        .await
        .unwrap()
        .send_keys(picture.to_str().unwrap())
        .await
        .unwrap();
    click(&c, "form[action='/settings/avatar'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css(".avatar-edit img.avatar-img"))
        .await
        .unwrap();
    fill(
        &c,
        "#bio",
        "I bake rye on Sundays and teach the kids' class.",
    )
    .await;
    fill(&c, "#location", "Lyon").await;
    click(&c, "form[action='/settings/profile'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("img.avatar-lg"))
        .await
        .unwrap();
    let _ = std::fs::remove_file(&picture);
    screenshot(&c, "profile").await;
    assert_accessible(&c, &axe, "profile").await;

    // Ben switches to Spanish from the footer and stays on the same page.
    c.goto(&event_url).await.unwrap();
    c.find(Locator::Css("#footer-language"))
        .await
        .unwrap()
        .select_by_value("es")
        .await
        .unwrap();
    click(&c, "form.language-switch button").await;
    c.wait()
        .for_element(Locator::XPath("//a[@class='nav-link' and .='Eventos']"))
        .await
        .unwrap();
    assert_eq!(c.current_url().await.unwrap().to_string(), event_url);
    assert!(
        rsvp_status(&c, "Vas a asistir")
            .await
            .contains("Vas a asistir")
    );
    let lang = c
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap();
    assert_eq!(lang.as_deref(), Some("es"));
    screenshot(&c, "event-spanish").await;
    assert_accessible(&c, &axe, "event in Spanish").await;
    c.goto(&format!("{base}/events?month=2031-05"))
        .await
        .unwrap();
    screenshot(&c, "calendar-spanish").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_imports_files_and_reads_a_person_across_channels_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = spawn(Backend::Sqlite).await.unwrap();
    app.setup().await;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let dir = tempfile::tempdir().unwrap();
    let slack = crate::people::slack_zip(dir.path());
    let c = connect(driver.port).await;
    let base = app.base.clone();
    let axe = axe_source();
    sign_in(&c, &base, "owner@example.com").await;

    // Upload three files from the imports page; each ends on its audit.
    for (kind, path, expect) in [
        ("members", fixtures.join("members.csv"), "no email address"),
        (
            "shopify-orders",
            fixtures.join("shopify-orders.csv"),
            "order #1003 has no customer email",
        ),
        ("slack", slack, "channel_join"),
    ] {
        c.goto(&format!("{base}/admin/imports")).await.unwrap();
        c.find(Locator::Css("#kind"))
            .await
            .unwrap()
            .select_by_value(kind)
            .await
            .unwrap();
        fill(&c, "#file", &path.display().to_string()).await;
        click(&c, "form[action='/admin/imports'] button[type=submit]").await;
        // The progress page refreshes itself until the audit replaces it.
        c.wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("dl.audit"))
            .await
            .unwrap();
        let text = c
            .find(Locator::Css("main"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(text.contains(expect), "{kind}: {text}");
    }
    screenshot(&c, "import-audit").await;
    assert_accessible(&c, &axe, "import audit").await;
    c.goto(&format!("{base}/admin/imports")).await.unwrap();
    screenshot(&c, "imports").await;
    assert_accessible(&c, &axe, "imports").await;

    // Find Ben in the people list and open his record: one timeline across channels.
    c.goto(&format!("{base}/admin/people")).await.unwrap();
    fill(&c, "#q", "okafor").await;
    click(&c, "form[role=search] button[type=submit]").await;
    c.wait()
        .for_element(Locator::LinkText("Ben Okafor"))
        .await
        .unwrap();
    screenshot(&c, "people").await;
    assert_accessible(&c, &axe, "people").await;
    click(&c, "td a").await;
    c.wait()
        .for_element(Locator::Css("ol.timeline"))
        .await
        .unwrap();
    let text = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for want in [
        "Ben Okafor",
        "replied to a message",
        "order refunded",
        "#1002",
        "36.00",
        "slack",
        "shop",
    ] {
        assert!(text.contains(want), "the record lacks {want}: {text}");
    }
    fill(&c, "#add-tag", "wholesale").await;
    click(&c, "form[action$='/tags'].search-row button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css(".alert-ok"))
        .await
        .unwrap();
    screenshot(&c, "person").await;
    assert_accessible(&c, &axe, "person").await;
    c.set_window_size(390, 844).await.unwrap();
    screenshot(&c, "person-phone").await;
    c.set_window_size(1280, 1000).await.unwrap();

    // Ana signs up with the address the list had: the owner merges the two records.
    app.member_client("ana").await;
    c.goto(&format!("{base}/admin/people/suggestions"))
        .await
        .unwrap();
    let text = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("same email ana@example.com"), "{text}");
    screenshot(&c, "merge-suggestions").await;
    assert_accessible(&c, &axe, "merge suggestions").await;
    click(&c, "form[action='/admin/people/merge'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("form[action$='/undo']"))
        .await
        .unwrap();
    screenshot(&c, "person-merged").await;
    assert_accessible(&c, &axe, "merged person").await;
    click(&c, "form[action$='/undo'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::XPath("//*[contains(text(), 'Merge undone')]"))
        .await
        .unwrap();

    // Build a segment from the form, see who is in it, export it.
    c.goto(&format!("{base}/admin/segments")).await.unwrap();
    fill(&c, "#name", "Slack customers").await;
    fill(&c, "#condition", "channel = slack and customer").await;
    click(&c, "form[action='/admin/segments'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("a[href$='/export.csv']"))
        .await
        .unwrap();
    let text = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("Ben Okafor") && text.contains("2 people"),
        "{text}"
    );
    screenshot(&c, "segment").await;
    assert_accessible(&c, &axe, "segment").await;
    let href = href(&c, "a[href$='/export.csv']").await;
    let csv = app.get(&href).await.text().await.unwrap();
    assert!(
        csv.starts_with("id,kind,name") && csv.contains("Ben Okafor"),
        "{csv}"
    );
    c.goto(&format!("{base}/admin/segments")).await.unwrap();
    screenshot(&c, "segments").await;
    assert_accessible(&c, &axe, "segments").await;
    c.close().await.unwrap();
}

/// The owner opens Insights on the demo community: every card and chart is there, each
/// chart says what it counts and has its numbers, a CSV downloads and parses, bad filters
/// are named, and the page reads at desktop and at phone width (screenshots
/// `insights-desktop.png`, `insights-phone.png`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_reads_insights_on_the_demo_community_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = spawn(Backend::Sqlite).await.unwrap();
    hearth::demo::run(
        &app.state.hearth,
        &hearth::demo::DemoOptions {
            seed: 3,
            members: 120,
            months: 6,
            until: None,
        },
    )
    .await
    .unwrap();
    // The worker's engine catches up with the demo (a build on the community's clock).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let s = app.state.hearth.insights.status();
        if s.ready && s.rows > 1_000 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "insights never caught up: {s:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let c = connect(driver.port).await;
    let base = app.base.clone();
    let axe = axe_source();
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(&c, "#email", hearth::demo::OWNER_EMAIL).await;
    fill(&c, "#password", hearth::demo::OWNER_PASSWORD).await;
    click(&c, "form[action='/login'] button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css(".site-header"))
        .await
        .unwrap();
    c.set_window_size(1280, 1000).await.unwrap();
    c.goto(&format!("{base}/admin/insights?range=90d"))
        .await
        .unwrap();
    c.wait().for_element(Locator::Css(".kpis")).await.unwrap();
    assert_eq!(c.find_all(Locator::Css(".kpi")).await.unwrap().len(), 5);
    let charts = c.find_all(Locator::Css("svg.chart")).await.unwrap();
    assert_eq!(charts.len(), 3, "growth, members and activity charts");
    for chart in &charts {
        let labelled = chart.attr("aria-labelledby").await.unwrap().unwrap();
        let heading = c
            .find(Locator::Css(&format!("#{labelled}")))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!heading.is_empty(), "{labelled} names its chart");
        assert!(
            !chart
                .find_all(Locator::Css("circle, rect"))
                .await
                .unwrap()
                .is_empty(),
            "{labelled} draws something"
        );
    }
    assert!(
        c.find_all(Locator::Css(".chart-definition"))
            .await
            .unwrap()
            .len()
            >= 5,
        "every section says what it counts"
    );
    let cells = c
        .find_all(Locator::Css("table.heatmap td[class^=heat-]"))
        .await
        .unwrap();
    assert!(cells.len() > 10, "the cohort heatmap has cells");
    let page = c.source().await.unwrap();
    for section in [
        "growth-heading",
        "activity-heading",
        "retention-heading",
        "support-heading",
        "contributors-heading",
        "top-heading",
    ] {
        assert!(page.contains(&format!("id=\"{section}\"")), "{section}");
    }
    screenshot(&c, "insights-desktop").await;
    assert_accessible(&c, &axe, "insights").await;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/admin/insights?range=90d"))
        .await
        .unwrap();
    c.wait().for_element(Locator::Css(".kpis")).await.unwrap();
    // Insights itself fits (the site header's own fit at 390 px is issue 17's).
    let wide = c
        .execute(
            "return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.table-scroll')).slice(0, 5).map(e => e.tagName + '.' + (e.getAttribute('class') || '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        wide.as_str(),
        Some(""),
        "Insights fits a phone; too wide: {wide}"
    );
    screenshot(&c, "insights-phone").await;
    c.set_window_size(390, 6000).await.unwrap();
    screenshot(&c, "insights-phone-full").await;
    c.set_window_size(1280, 6000).await.unwrap();
    screenshot(&c, "insights-desktop-full").await;
    c.set_window_size(1280, 1000).await.unwrap();

    // Who helps whom: the core drawn, champions and bridges named, at desktop and phone.
    c.goto(&format!("{base}/admin/insights/network?range=90d"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("svg.network-chart"))
        .await
        .unwrap();
    let circles = c
        .find_all(Locator::Css("svg.network-chart circle"))
        .await
        .unwrap();
    assert!(
        circles.len() >= 5,
        "the core has members: {}",
        circles.len()
    );
    let champions = c
        .find_all(Locator::Css(
            "section[aria-labelledby=champions-heading] tbody tr",
        ))
        .await
        .unwrap();
    assert_eq!(champions.len(), 10, "ten champions by default");
    let first = champions[0].text().await.unwrap();
    assert!(first.contains('%'), "a champion's share of help: {first}");
    assert!(
        !c.find_all(Locator::Css(
            "section[aria-labelledby=bridges-heading] tbody tr"
        ))
        .await
        .unwrap()
        .is_empty(),
        "bridges are listed"
    );
    let current = c
        .find(Locator::Css(".insights-tabs a[aria-current=page]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(current, "Who helps whom");
    screenshot(&c, "insights-network-desktop").await;
    assert_accessible(&c, &axe, "insights network").await;
    c.set_window_size(390, 844).await.unwrap();
    c.refresh().await.unwrap();
    c.wait()
        .for_element(Locator::Css("svg.network-chart"))
        .await
        .unwrap();
    assert_eq!(too_wide(&c).await, "", "who helps whom fits a phone");
    c.set_window_size(390, 3000).await.unwrap();
    screenshot(&c, "insights-network-phone").await;
    c.set_window_size(1280, 3000).await.unwrap();
    screenshot(&c, "insights-network-desktop-full").await;
    c.set_window_size(1280, 1000).await.unwrap();

    // Who may drift away: the model's verdict against the simple rule, the members at
    // risk with their reasons, and the calibration table.
    c.goto(&format!("{base}/admin/insights/churn"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#verdict-heading"))
        .await
        .unwrap();
    let verdict = c
        .find(Locator::Css("#verdict-heading"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(verdict.contains("simple rule"), "{verdict}");
    assert_eq!(
        c.find_all(Locator::Css(".verdict .kpi"))
            .await
            .unwrap()
            .len(),
        3,
        "the model's AUC, the rule's and how many were scored"
    );
    let at_risk = c
        .find_all(Locator::Css(
            "section[aria-labelledby=risk-heading] tbody tr",
        ))
        .await
        .unwrap();
    assert!(!at_risk.is_empty(), "members at risk are listed");
    let first = at_risk[0].text().await.unwrap();
    assert!(first.contains('%') && first.contains("day"), "{first}");
    assert!(
        !c.find_all(Locator::Css("table.calibration tbody tr"))
            .await
            .unwrap()
            .is_empty(),
        "the calibration table has rows"
    );
    screenshot(&c, "insights-churn-desktop").await;
    assert_accessible(&c, &axe, "insights churn").await;
    c.set_window_size(390, 844).await.unwrap();
    c.refresh().await.unwrap();
    c.wait()
        .for_element(Locator::Css("#verdict-heading"))
        .await
        .unwrap();
    assert_eq!(too_wide(&c).await, "", "who may drift away fits a phone");
    c.set_window_size(390, 3000).await.unwrap();
    screenshot(&c, "insights-churn-phone").await;
    c.set_window_size(1280, 3000).await.unwrap();
    screenshot(&c, "insights-churn-desktop-full").await;
    c.set_window_size(1280, 1000).await.unwrap();

    // Engagement levels: four levels with their sizes, the most engaged members and why,
    // and the weights form.
    c.goto(&format!("{base}/admin/insights/levels"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#levels-sizes"))
        .await
        .unwrap();
    assert_eq!(
        c.find_all(Locator::Css(".levels-list li"))
            .await
            .unwrap()
            .len(),
        4
    );
    assert!(
        !c.find_all(Locator::Css("section[aria-labelledby=levels-top] tbody tr"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        c.find_all(Locator::Css(
            "form[action='/admin/insights/levels/weights'] input"
        ))
        .await
        .unwrap()
        .len()
            > 10,
        "a weight for every kind"
    );
    screenshot(&c, "insights-levels-desktop").await;
    assert_accessible(&c, &axe, "insights levels").await;
    c.set_window_size(390, 844).await.unwrap();
    c.refresh().await.unwrap();
    c.wait()
        .for_element(Locator::Css("#levels-sizes"))
        .await
        .unwrap();
    assert_eq!(too_wide(&c).await, "", "levels fit a phone");
    c.set_window_size(390, 3000).await.unwrap();
    screenshot(&c, "insights-levels-phone").await;
    c.set_window_size(1280, 3000).await.unwrap();
    screenshot(&c, "insights-levels-desktop-full").await;
    c.set_window_size(1280, 1000).await.unwrap();

    // What members are worth: the verdict in words (the demo's few members leave it
    // open), the spend before and after, the buying habits and what it cannot prove.
    c.goto(&format!("{base}/admin/insights/value"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#habits-heading"))
        .await
        .unwrap();
    let page = c.source().await.unwrap();
    assert!(
        page.contains("id=\"value-verdict\"") || page.contains("No estimate yet"),
        "a verdict or what is missing"
    );
    assert!(page.contains("id=\"caveat-heading\""));
    screenshot(&c, "insights-value-desktop").await;
    assert_accessible(&c, &axe, "insights value").await;
    c.set_window_size(390, 844).await.unwrap();
    c.refresh().await.unwrap();
    c.wait()
        .for_element(Locator::Css("#habits-heading"))
        .await
        .unwrap();
    assert_eq!(
        too_wide(&c).await,
        "",
        "what members are worth fits a phone"
    );
    c.set_window_size(390, 3000).await.unwrap();
    screenshot(&c, "insights-value-phone").await;
    c.set_window_size(1280, 2400).await.unwrap();
    screenshot(&c, "insights-value-desktop-full").await;
    c.set_window_size(1280, 1000).await.unwrap();

    // The CSV link downloads with the session and parses: one row per week.
    c.goto(&format!("{base}/admin/insights?range=90d"))
        .await
        .unwrap();
    let href = href(&c, "a[href^='/admin/insights/active.csv']").await;
    let cookie = c.get_named_cookie("hearth_session").await.unwrap();
    let csv = app
        .client_without_cookies()
        .get(app.url(&href))
        .header("Cookie", format!("hearth_session={}", cookie.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), reqwest::StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["start", "active_members"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        (13..=15).contains(&rows.len()),
        "about 13 weeks in 90 days: {}",
        rows.len()
    );
    assert!(rows.iter().any(|r| r[1].parse::<u64>().unwrap() > 0));

    // A bad filter is named next to its field, and nothing crashes.
    c.goto(&format!(
        "{base}/admin/insights?from=2026-05-01&to=2026-04-01"
    ))
    .await
    .unwrap();
    let error = c
        .find(Locator::Css("#to-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(error.contains("start date"), "{error}");
    c.goto(&format!("{base}/admin/insights?segment=spend+%3E%3D+lots"))
        .await
        .unwrap();
    let error = c
        .find(Locator::Css("#segment-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        error.contains("column"),
        "the segment's error names the column: {error}"
    );
}

/// Elements wider than the page, or "" when the page does not scroll sideways
/// (`scrollWidth <= clientWidth`: the width inside any scroll bar). Content that scrolls
/// inside its own box (a wide table in `.table-scroll`) is the box's business.
async fn too_wide(c: &fantoccini::Client) -> String {
    c.execute(
        "const d = document.documentElement;
         if (d.scrollWidth <= d.clientWidth) return '';
         return d.scrollWidth + ' > ' + d.clientWidth + ': ' + [...document.querySelectorAll('body *')]
           .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1 && !e.closest('.table-scroll, .calendar-scroll'))
           .slice(0, 5).map(e => e.tagName + '.' + (e.getAttribute('class') || '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Chooses `lang` with the footer's switch, on whatever page is open.
async fn choose_language(c: &fantoccini::Client, lang: &str) {
    c.find(Locator::Css("#footer-language"))
        .await
        .unwrap()
        .select_by_value(lang)
        .await
        .unwrap();
    click(c, "form.language-switch button").await;
    c.wait()
        .for_element(Locator::Css(&format!("html[lang='{lang}']")))
        .await
        .unwrap();
}

/// Issue 17: no page on the main paths scrolls sideways at 390 or 1280 px, for a visitor,
/// a member and the owner, in English and Spanish; axe-core finds nothing on any of them
/// (error pages, the calendar, avatars of every colour and the admin pages included).
/// With UPDATE_SCREENSHOTS=1 the owner's pages are saved to docs/screenshots/.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_page_fits_a_phone_and_a_desktop_for_everyone_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = spawn(Backend::Sqlite).await.unwrap();
    hearth::demo::run(
        &app.state.hearth,
        &hearth::demo::DemoOptions {
            seed: 4,
            members: 60,
            months: 4,
            until: None,
        },
    )
    .await
    .unwrap();
    let c = connect(driver.port).await;
    let base = app.base.clone();
    let axe = axe_source();
    let save = std::env::var("UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1");

    // Pages to visit, found the way a person would: from the pages themselves.
    c.goto(&format!("{base}/events")).await.unwrap();
    let event = href(
        &c,
        ".calendar a[href^='/t/'], .event-list a[href^='/t/'], main a[href^='/t/']",
    )
    .await;
    c.goto(&format!("{base}/s/questions")).await.unwrap();
    let topic = href(&c, "main a[href^='/t/']").await;
    let public: Vec<String> = [
        "/",
        "/s/questions",
        topic.as_str(),
        event.as_str(),
        "/events",
        "/search?q=bread",
        "/t/999999",
    ]
    .map(String::from)
    .to_vec();
    let mut member = public.clone();
    member.extend(
        [
            "/s/general/new",
            "/members",
            "/notifications",
            "/settings",
            "/u/nia",
            "/admin/people",
        ]
        .map(String::from),
    );
    let mut owner = member.clone();
    owner.retain(|p| p != "/admin/people");
    owner.extend(
        [
            "/admin/spaces",
            "/admin/members",
            "/admin/people",
            "/admin/membership",
            "/admin/segments",
            "/admin/insights",
            "/admin/insights/levels",
            "/admin/insights/network",
            "/admin/insights/churn",
            "/admin/insights/value",
            "/admin/insights/health",
            "/admin/insights/sentiment",
            "/admin/insights/experiments",
            "/admin/imports",
            "/admin/branding",
            "/admin/audit",
            "/admin/webhooks",
            "/mod/queue",
        ]
        .map(String::from),
    );

    let mut problems = Vec::new();
    let mut hues = std::collections::BTreeSet::new();
    let mut visit = async |who: &str, lang: &str, pages: &[String], problems: &mut Vec<String>| {
        for width in [390u32, 1280] {
            c.set_window_size(width, 900).await.unwrap();
            for page in pages {
                c.goto(&format!("{base}{page}")).await.unwrap();
                let wide = too_wide(&c).await;
                if !wide.is_empty() {
                    problems.push(format!("{who} {lang} {width}px {page}: {wide}"));
                }
                assert_accessible(&c, &axe, &format!("{who} {lang} {width}px {page}")).await;
                hues.extend(avatar_hues(&c).await);
                if page == "/admin/membership" {
                    let loose = loose_labels(&c).await;
                    if !loose.is_empty() {
                        problems.push(format!(
                            "{who} {lang} {width}px {page}: labels away from their fields: {loose}"
                        ));
                    }
                }
                // The pages a newcomer judges the product by.
                let shot = match page.as_str() {
                    "/" => Some("home"),
                    "/s/questions" => Some("space"),
                    "/s/general/new" => Some("new-topic"),
                    "/events" => Some("calendar"),
                    "/admin/segments" => Some("admin-segments"),
                    "/mod/queue" => Some("moderation-queue"),
                    "/admin/spaces" => Some("admin-spaces"),
                    "/admin/membership" => Some("admin-membership"),
                    "/admin/insights" => Some("admin-insights"),
                    "/admin/insights/health" => Some("admin-insights-health"),
                    p if p == topic => Some("topic"),
                    p if p == event => Some("event"),
                    p if p.starts_with("/admin/people/") => Some("person"),
                    _ => None,
                };
                if let (true, Some(shot)) = (save && who == "owner" && lang == "en", shot) {
                    let name = format!("{shot}-{}", if width == 390 { "phone" } else { "desktop" });
                    let png = c.screenshot().await.unwrap();
                    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("../../docs/screenshots");
                    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
                }
            }
        }
    };

    // A visitor, then in Spanish (the footer's switch keeps it in a cookie).
    visit("visitor", "en", &public, &mut problems).await;
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{base}/")).await.unwrap();
    choose_language(&c, "es").await;
    visit("visitor", "es", &public, &mut problems).await;
    c.delete_all_cookies().await.unwrap();

    // A member who has just joined.
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{base}/signup")).await.unwrap();
    fill(&c, "#email", "nia@example.com").await;
    fill(&c, "#handle", "nia").await;
    fill(&c, "#display_name", "Nia (new) Okoro").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "form[action='/signup'] button[type=submit]").await;
    c.wait().for_element(Locator::Css(".nav-me")).await.unwrap();
    visit("member", "en", &member, &mut problems).await;
    c.set_window_size(1280, 900).await.unwrap();
    choose_language(&c, "es").await;
    visit("member", "es", &member, &mut problems).await;
    c.delete_all_cookies().await.unwrap();

    // The owner.
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(&c, "#email", hearth::demo::OWNER_EMAIL).await;
    fill(&c, "#password", hearth::demo::OWNER_PASSWORD).await;
    click(&c, "form[action='/login'] button[type=submit]").await;
    c.wait().for_element(Locator::Css(".nav-me")).await.unwrap();
    // A person's record: someone in the demo's "Big spenders" segment, who has orders and
    // talks on several channels, found from the segments page as the owner would.
    c.goto(&format!("{base}/admin/segments")).await.unwrap();
    let spenders = c
        .execute(
            "return [...document.querySelectorAll('main table a')].find(a => a.textContent.trim() === 'Big spenders').getAttribute('href');",
            vec![],
        )
        .await
        .unwrap();
    c.goto(&format!("{base}{}", spenders.as_str().unwrap()))
        .await
        .unwrap();
    let customer = c
        .execute(
            "return [...document.querySelectorAll(\"main table a[href^='/admin/people/']\")].find(a => !a.closest('tr').textContent.includes('@owner')).getAttribute('href');",
            vec![],
        )
        .await
        .unwrap();
    owner.push(customer.as_str().unwrap().to_string());
    visit("owner", "en", &owner, &mut problems).await;
    c.set_window_size(1280, 900).await.unwrap();
    choose_language(&c, "es").await;
    visit("owner", "es", &owner, &mut problems).await;

    // The phone's menus open and hold every link.
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/")).await.unwrap();
    click(&c, ".nav-menu summary").await;
    for link in ["/events", "/search", "/members", "/admin/spaces"] {
        let shown = c
            .find(Locator::Css(&format!(".nav-menu-panel a[href='{link}']")))
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap();
        assert!(shown, "{link} in the phone's menu");
    }
    assert_eq!(too_wide(&c).await, "", "the open menu fits");
    click(&c, ".nav-account summary").await;
    assert!(
        c.find(Locator::Css(".nav-account form[action='/logout'] button"))
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap(),
        "Sign out in the account menu"
    );
    assert!(
        problems.is_empty(),
        "pages wider than the screen:\n{}",
        problems.join("\n")
    );
    // axe-core checked initials on every avatar colour there is (issue 17, bug 12).
    assert_eq!(hues.len(), 12, "avatar colours seen: {hues:?}");
}

/// The avatar colour classes (`hue-N`) on the open page.
async fn avatar_hues(c: &fantoccini::Client) -> Vec<String> {
    let found = c
        .execute(
            "return [...document.querySelectorAll('span.avatar')].flatMap(e => [...e.classList].filter(k => k.startsWith('hue-')));",
            vec![],
        )
        .await
        .unwrap();
    found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Issue 17, bug 4: in the Invites and Keyword rules sections of `/admin/membership`,
/// labels sat beside or far from their fields. Names every label in those sections that is
/// not directly above its field, left-aligned with it.
async fn loose_labels(c: &fantoccini::Client) -> String {
    c.execute(
        "return [...document.querySelectorAll('#invites label[for], #keywords label[for]')].filter(l => {
           const f = document.getElementById(l.htmlFor);
           if (!f || f.type === 'checkbox' || f.type === 'radio') return false;
           const a = l.getBoundingClientRect(), b = f.getBoundingClientRect();
           return !(a.bottom <= b.top + 1 && b.top - a.bottom <= 16 && Math.abs(a.left - b.left) <= 4);
         }).map(l => l.htmlFor).join(', ');",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_string()
}
