//! RSS 2.0 and Atom feeds, read by a real feed parser written by someone else (Python's
//! `feedparser`, from Debian's `python3-feedparser`): well-formed, every entry with its
//! title, link and date, and public content only.

use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(feeds_parse_and_carry_public_topics_only);

/// Parses `xml` with feedparser; `None` (outside CI) when feedparser is not installed.
fn parse(xml: &str) -> Option<Value> {
    const SCRIPT: &str = r#"
import json, sys
import feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
    "bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
    "title": d.feed.get("title"), "link": d.feed.get("link"),
    "entries": [{"title": e.get("title"), "link": e.get("link"), "id": e.get("id"),
                 "published": bool(e.get("published_parsed")), "author": e.get("author"),
                 "summary": e.get("summary") or (e.get("content") or [{}])[0].get("value")}
                for e in d.entries],
}))
"#;
    crate::support::python_json(SCRIPT, "feedparser", xml)
}

async fn feeds_parse_and_carry_public_topics_only(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    for (slug, vis) in [
        ("kitchen", "public"),
        ("regulars", "members"),
        ("staff", "private"),
    ] {
        app.space(&owner, slug, vis).await;
        let (s, v) = app
            .api(
                Method::POST,
                &format!("/api/v1/spaces/{slug}/topics"),
                Some(&owner),
                Some(json!({"title": format!("News & notes <{slug}>"), "body": format!("**Bold** {slug} text & <script>alert(1)</script>")})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let get = |path: &'static str| {
        let app = &app;
        async move {
            let r = app
                .client_without_cookies()
                .get(app.url(path))
                .send()
                .await
                .unwrap();
            let status = r.status();
            let ct = r
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, ct, r.text().await.unwrap())
        }
    };
    for (path, kind) in [
        ("/feed.rss", "rss"),
        ("/feed.atom", "atom"),
        ("/s/kitchen/feed.rss", "rss"),
        ("/s/kitchen/feed.atom", "atom"),
    ] {
        let (status, ct, xml) = get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            ct.starts_with(&format!("application/{kind}+xml")),
            "{path}: {ct}"
        );
        assert!(
            !xml.contains("<script>"),
            "{path}: markup is escaped inside the feed"
        );
        assert!(
            !xml.contains("regulars") && !xml.contains("staff"),
            "{path} is public only: {xml}"
        );
        let Some(feed) = parse(&xml) else { continue };
        assert_eq!(feed["bozo"], false, "{path}: {feed}");
        assert!(
            feed["version"].as_str().unwrap().starts_with(kind),
            "{path}: {feed}"
        );
        let entries = feed["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 1, "{path}: {feed}");
        let e = &entries[0];
        assert_eq!(e["title"], "News & notes <kitchen>", "{path}");
        assert!(
            e["link"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{}/t/", app.base)),
            "{path}: {e}"
        );
        assert_eq!(e["published"], true, "{path}: {e}");
        assert_eq!(e["author"], "owner", "{path}: {e}");
        let summary = e["summary"].as_str().unwrap();
        assert!(
            summary.contains("<strong>Bold</strong>") && !summary.contains("<script"),
            "{path}: {summary}"
        );
    }
    for path in [
        "/s/regulars/feed.rss",
        "/s/staff/feed.atom",
        "/s/nowhere/feed.rss",
    ] {
        let (status, _, _) = get(path).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{path}: no feed for what is not public"
        );
    }
}
