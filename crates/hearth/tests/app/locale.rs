//! Languages, time zones and avatars over HTTP on both databases: a member reads the
//! site in Spanish and on their own clock, switches language from the footer, the owner
//! sets the community's defaults, and pictures are checked, cropped and resized (or
//! refused, by name).

use crate::both_databases;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

both_databases!(members_read_in_their_language_and_time_zone);
both_databases!(avatars_are_resized_and_bad_pictures_refused);
both_databases!(a_visitor_chooses_a_language_in_the_footer);
both_databases!(a_poll_closes_on_the_clock_its_form_names);
both_databases!(the_spanish_feed_link_says_subscribe_not_canal);

/// Issue 17, bug 14: a space's feed link read "Canal" in Spanish, a word for a channel
/// (of chat or television), not for a feed one subscribes to.
async fn the_spanish_feed_link_says_subscribe_not_canal(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let visitor = app.client_without_cookies();
    for (language, words) in [("en", "Feed"), ("es", "Suscribirse (RSS)")] {
        let page = visitor
            .get(app.url("/s/kitchen"))
            .header("Cookie", format!("hearth_lang={language}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(&format!("<html lang=\"{language}\">")));
        let link = page
            .split("href=\"/s/kitchen/feed.atom\"")
            .nth(1)
            .and_then(|rest| rest.split("</a>").next())
            .expect("the space links its feed");
        let (title, text) = link.split_once('>').unwrap();
        assert_eq!(text, words, "{language}: the link's words");
        assert!(!title.contains("Canal"), "{language}: {title}");
    }
}

/// Issue 17, bug 8: the poll form said "UTC" whatever the member's zone.
async fn a_poll_closes_on_the_clock_its_form_names(app: TestApp) {
    app.setup().await;
    assert_eq!(
        branding(&app, "en", "America/Mexico_City").await,
        StatusCode::OK
    );
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "votes", "public").await;
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/votes",
            &[
                ("name", "Votes"),
                ("slug", "votes"),
                ("visibility", "public"),
                ("kinds_shown", "1"),
                ("kind_poll", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let form = app.get("/s/votes/new").await.text().await.unwrap();
    assert!(
        form.contains("America&#x2f;Mexico_City") || form.contains("America/Mexico_City"),
        "the form names the clock"
    );
    assert!(!form.contains("UTC)"), "not UTC");
    let r = app
        .post_form(
            &app.client,
            "/s/votes/topics",
            &[
                ("title", "Bread of the month"),
                ("body", "Pick one"),
                ("kind", "poll"),
                ("poll_options", "Rye\nSpelt"),
                ("poll_closes_at", "2031-06-01T18:00"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/t/")
        .split(['/', '?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (_, topic) = app
        .api(
            Method::GET,
            &format!("/api/v1/topics/{id}"),
            Some(&owner),
            None,
        )
        .await;
    // 18:00 in Mexico City (UTC−6, no daylight saving since 2022) is midnight UTC.
    assert!(
        topic
            .to_string()
            .contains("\"closes_at\":\"2031-06-02T00:00:00Z\""),
        "{topic}"
    );
}

/// Issue 17, bug 11: visitors could not switch language.
async fn a_visitor_chooses_a_language_in_the_footer(app: TestApp) {
    app.setup().await;
    let visitor = app.client_without_cookies();
    let home = visitor
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("action=\"/settings/language\""),
        "the switch is in a visitor's footer"
    );
    let r = visitor
        .post(app.url("/settings/language"))
        .header("Origin", &app.base)
        .header("Referer", app.url("/search"))
        .form(&[("language", "es")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/search");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("hearth_lang=es;") && cookie.contains("Max-Age=31536000"),
        "{cookie}"
    );
    // Twice: the second answer may come from the anonymous cache, which keeps one copy
    // per language.
    for _ in 0..2 {
        let spanish = visitor
            .get(app.url("/"))
            .header("Cookie", "hearth_lang=es")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            spanish.contains("<html lang=\"es\">"),
            "Spanish for the visitor"
        );
        let english = visitor
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            english.contains("<html lang=\"en\">"),
            "English for everyone else"
        );
    }
    // A language Hearth does not speak is refused by name; a cookie naming one is ignored.
    let r = app
        .post_form(&visitor, "/settings/language", &[("language", "xx")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = visitor
        .get(app.url("/"))
        .header("Cookie", "hearth_lang=<script>")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<html lang=\"en\">"));
}

async fn members_read_in_their_language_and_time_zone(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let (s, e) = app
        .api(
            Method::POST,
            "/api/v1/spaces/kitchen/events",
            Some(&owner),
            Some(json!({"title": "Winter market", "body": "Stalls and cocoa.", "starts_at": "2031-12-01T17:00:00Z",
                        "ends_at": "2031-12-01T19:00:00Z", "time_zone": "Europe/Madrid"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let url = e["url"].as_str().unwrap().to_string();
    let ana = app.member_client("ana").await;
    let page = |c: &reqwest::Client, path: &str| {
        let req = c.get(app.url(path));
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let english = page(&ana, &url).await;
    assert!(english.contains("<html lang=\"en\">"));
    assert!(
        english.contains("Mon 1 Dec 2031, 17:00"),
        "UTC by default: {english}"
    );
    // Bad choices are named and change nothing.
    for (fields, field) in [
        (vec![("language", "fr")], "language"),
        (vec![("time_zone", "Moon/Tranquility")], "time_zone"),
    ] {
        let r = app.post_form(&ana, "/settings/profile", &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(field));
    }
    let r = app
        .post_form(
            &ana,
            "/settings/profile",
            &[
                ("display_name", "x".repeat(61).as_str()),
                ("language", "es"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a display name is at most 60 characters"
    );
    let r = app
        .post_form(
            &ana,
            "/settings/profile",
            &[
                ("display_name", "Ana Lyon"),
                ("language", "es"),
                ("time_zone", "America/New_York"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(page(&ana, "/u/ana").await.contains("Ana Lyon"));
    let spanish = page(&ana, &url).await;
    assert!(spanish.contains("<html lang=\"es\">"));
    assert!(
        spanish.contains(">Eventos<") && spanish.contains(">Buscar<"),
        "{spanish}"
    );
    assert!(
        spanish.contains("lun 1 dic 2031, 12:00"),
        "New York's clock, Spanish names: {spanish}"
    );
    assert!(
        spanish.contains("Voy") && spanish.contains("Cuándo"),
        "{spanish}"
    );
    let calendar = page(&ana, "/events?month=2031-12").await;
    assert!(
        calendar.contains("diciembre de 2031") && calendar.contains("Winter market"),
        "{calendar}"
    );
    // The footer's switch goes back to the page it was on.
    let r = ana
        .post(app.url("/settings/language"))
        .header("Origin", &app.base)
        .header("Referer", app.url("/events?month=2031-12"))
        .form(&[("language", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/events?month=2031-12");
    assert!(page(&ana, "/events").await.contains(">Events<"));
    let r = app
        .post_form(&ana, "/settings/language", &[("language", "xx")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The owner sets the community's defaults: visitors read Spanish on Madrid's clock.
    let r = branding(&app, "es", "Europe/Madrid").await;
    assert_eq!(r, StatusCode::OK);
    let anonymous = app.client_without_cookies();
    let visitor = page(&anonymous, &url).await;
    assert!(visitor.contains("<html lang=\"es\">"), "{visitor}");
    assert!(visitor.contains("lun 1 dic 2031, 18:00"), "{visitor}");
    let r = branding(&app, "es", "Nowhere/Land").await;
    assert_eq!(r, StatusCode::UNPROCESSABLE_ENTITY);
    let c = app.state.store().community().await.unwrap().unwrap();
    assert_eq!(c.default_time_zone, "Europe/Madrid", "nothing changed");
}

/// The owner saves the branding page with a default language and time zone.
async fn branding(app: &TestApp, language: &str, time_zone: &str) -> StatusCode {
    let form = reqwest::multipart::Form::new()
        .text("name", "Riverside Bakery")
        .text("accent_color", "#c2410c")
        .text("default_language", language.to_string())
        .text("default_time_zone", time_zone.to_string());
    app.client
        .post(app.url("/admin/branding"))
        .header("Origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .status()
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([200, 60, 20])
        } else {
            image::Rgb([20, 60, 200])
        }
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn upload(
    app: &TestApp,
    c: &reqwest::Client,
    bytes: Vec<u8>,
    name: &str,
    mime: &str,
) -> (StatusCode, String) {
    let form = reqwest::multipart::Form::new().part(
        "avatar",
        reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str(mime)
            .unwrap(),
    );
    let r = c
        .post(app.url("/settings/avatar"))
        .header("Origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn avatars_are_resized_and_bad_pictures_refused(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let ana = app.member_client("ana").await;
    // Not a picture, whatever its name says; a picture too large to decode; an empty one.
    for (bytes, name, mime, expect) in [
        (
            b"<svg onload=alert(1)>".to_vec(),
            "me.png",
            "image/png",
            "not a picture",
        ),
        (
            b"GIF89a garbage".to_vec(),
            "me.gif",
            "image/gif",
            "not a picture",
        ),
        (png(9_000, 2), "wide.png", "image/png", "too large"),
        (Vec::new(), "empty.png", "image/png", "choose a picture"),
    ] {
        let (status, html) = upload(&app, &ana, bytes, name, mime).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(
            html.contains(expect) && html.contains("avatar-error"),
            "{name}: {html}"
        );
    }
    let (status, answer) = crate::support::announce_huge_post(
        &app,
        "/settings/avatar",
        "multipart/form-data; boundary=x",
        "",
        50 * 1024 * 1024,
    )
    .await;
    assert_eq!(status, 413, "{answer}");
    let ana_id = app
        .state
        .store()
        .member_by_handle("ana")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        app.state
            .store()
            .member(ana_id)
            .await
            .unwrap()
            .unwrap()
            .avatar_upload_id,
        None
    );
    // A real picture: cropped to a square and resized to 256×256, served as JPEG.
    let (status, _) = upload(&app, &ana, png(600, 400), "me.png", "image/png").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let upload_id = app
        .state
        .store()
        .member(ana_id)
        .await
        .unwrap()
        .unwrap()
        .avatar_upload_id
        .expect("an avatar");
    let r = app.get(&format!("/uploads/{upload_id}")).await;
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let served = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((served.width(), served.height()), (256, 256));
    // It shows on the profile, on posts and in the header (minijinja escapes the slashes).
    let shows = |html: &str| html.contains(&format!("&#x2f;uploads&#x2f;{upload_id}"));
    let profile = app.get("/u/ana").await.text().await.unwrap();
    assert!(shows(&profile), "{profile}");
    let ana_token = app.token("ana@example.com").await;
    let (s, t) = app
        .api(
            Method::POST,
            "/api/v1/spaces/kitchen/topics",
            Some(&ana_token),
            Some(json!({"title": "My first loaf", "body": "It rose!"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let topic = app
        .get(t["url"].as_str().unwrap_or(&format!("/t/{}", t["id"])))
        .await
        .text()
        .await
        .unwrap();
    assert!(shows(&topic), "{topic}");
    let header = ana
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(shows(&header));
    // A new picture replaces the old one, which is deleted; removing brings initials back.
    let (status, _) = upload(&app, &ana, png(300, 300), "again.png", "image/png").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let old = app.get(&format!("/uploads/{upload_id}")).await;
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
    let r = app.post_form(&ana, "/settings/avatar/delete", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.state
            .store()
            .member(ana_id)
            .await
            .unwrap()
            .unwrap()
            .avatar_upload_id,
        None
    );
}
