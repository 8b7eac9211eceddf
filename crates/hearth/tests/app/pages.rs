//! The HTML pages, as a visitor, a member and the owner use them.

use crate::both_databases;
use crate::support::{PASSWORD, TestApp, client};
use reqwest::StatusCode;

both_databases!(
    every_page_leads_to_setup_until_the_community_exists,
    members_start_topics_reply_edit_and_delete_on_the_web,
    the_owner_manages_spaces_members_and_branding,
    form_errors_name_the_field_and_keep_what_was_typed,
    the_editor_suggests_members_to_mention,
    saving_branding_shows_what_was_saved_not_the_cached_copy,
    error_pages_keep_a_signed_in_member_signed_in_and_speak_in_sentences,
    the_home_page_guides_the_owner_greets_visitors_and_shows_members_what_is_new,
    a_space_takes_a_picture_checked_as_an_avatar_is,
    erasing_the_admin_who_uploaded_the_logo_keeps_the_logo,
    a_new_member_is_not_offered_make_wiki_on_their_own_post,
    an_unread_notification_shows_its_new_badge_without_a_dangling_dot,
);

/// A 1×1 PNG.
const TINY_PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

/// The owner adds a staff member from Admin → Members (password [`PASSWORD`]).
async fn add_staff(app: &TestApp, handle: &str, name: &str, role: &str) -> reqwest::Response {
    let email = format!("{handle}@example.com");
    app.post_form(
        &app.client,
        "/admin/members",
        &[
            ("email", email.as_str()),
            ("handle", handle),
            ("display_name", name),
            ("role", role),
            ("password", PASSWORD),
        ],
    )
    .await
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Creates public space `slug` on the admin page, as the owner.
async fn public_space(app: &TestApp, slug: &str) {
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces",
            &[("name", slug), ("slug", slug), ("visibility", "public")],
        )
        .await;
    assert_eq!(location(&r), format!("/s/{slug}"));
}

/// Creates public space `slug` and a topic in it as the owner; returns the topic's path
/// without its title (`/t/ID`).
async fn owner_topic(app: &TestApp, slug: &str, title: &str) -> String {
    public_space(app, slug).await;
    let r = app
        .post_form(
            &app.client,
            &format!("/s/{slug}/topics"),
            &[("title", title), ("body", "Tell us how it went.")],
        )
        .await;
    let url = location(&r);
    assert!(url.starts_with("/t/"), "{url}");
    url[..url.rfind('/').unwrap()].to_string()
}

/// The text of `html` without its tags, its runs of white space made one space.
pub fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Issue 17, bug 14: a level-0 member was offered "Make wiki" on their own posts, which
/// only members of trust level 2 (and staff) may do.
async fn a_new_member_is_not_offered_make_wiki_on_their_own_post(app: TestApp) {
    app.setup().await;
    let topic = owner_topic(&app, "kitchen", "Your first loaf").await;
    let ana = app.member_client("ana").await;
    let r = app
        .post_form(
            &ana,
            &format!("{topic}/replies"),
            &[("body", "Flat but tasty.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let post_id: i64 = location(&r).trim_start_matches("/p/").parse().unwrap();
    let wiki_form = format!("action=\"/p/{post_id}/wiki\"");
    let page_of = |c: &reqwest::Client| {
        let req = c.get(app.url(&topic));
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let page = page_of(&ana).await;
    assert!(
        page.contains(&format!("action=\"/p/{post_id}/delete\"")),
        "Ana may delete her own post, so its actions are shown: {}",
        &page[page.find("<main").unwrap_or(0)..]
    );
    assert!(
        !page.contains(&wiki_form) && !page.contains("Make wiki"),
        "no Make wiki at trust level 0"
    );
    let r = app
        .post_form(&ana, &format!("/p/{post_id}/wiki"), &[("wiki", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "nor behind the page");
    // Staff above her may; and so may she at trust level 2.
    assert!(
        page_of(&app.client).await.contains(&wiki_form),
        "the owner may"
    );
    let id = app
        .state
        .store()
        .member_by_handle("ana")
        .await
        .unwrap()
        .unwrap()
        .id;
    crate::moderation::confirm_and_trust(&app, id, "ana@example.com", 2).await;
    let page = page_of(&ana).await;
    assert!(
        page.contains(&wiki_form) && page.contains("Make wiki"),
        "trust level 2 may make a wiki"
    );
}

/// Issue 17, bug 14: an unread notification read "… 2 minutes ago · new", the "· new"
/// trailing after the time; the badge now leads and no dot is left behind.
async fn an_unread_notification_shows_its_new_badge_without_a_dangling_dot(app: TestApp) {
    app.setup().await;
    public_space(&app, "kitchen").await;
    let ana = app.member_client("ana").await;
    let r = app
        .post_form(
            &ana,
            "/s/kitchen/topics",
            &[("title", "My rye sank"), ("body", "What went wrong?")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let ana_topic = location(&r);
    let ana_topic = &ana_topic[..ana_topic.rfind('/').unwrap()];
    let r = app
        .post_form(
            &app.client,
            &format!("{ana_topic}/replies"),
            &[("body", "Too much water.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let token = app.token("ana@example.com").await;
    app.wait_for_notifications(&token, 1).await;
    let when_of = |page: &str, class: &str| -> String {
        let item = page
            .split(&format!("<li class=\"{class}\">"))
            .nth(1)
            .and_then(|rest| rest.split("</li>").next())
            .unwrap_or_else(|| panic!("a notification of class {class}: {page}"))
            .to_string();
        text_of(
            item.split("</a>")
                .nth(1)
                .expect("the time follows the link"),
        )
    };
    let page = ana
        .get(app.url("/notifications"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let when = when_of(&page, "notification notification-new");
    assert!(
        when.starts_with("new ") && !when.contains('·'),
        "the badge leads, no dot: {when:?}"
    );
    // Once read: the time alone.
    let up_to = page
        .split("name=\"up_to_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the mark-read form");
    let r = app
        .post_form(&ana, "/notifications/read", &[("up_to_id", up_to)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = ana
        .get(app.url("/notifications"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let when = when_of(&page, "notification");
    assert!(
        !when.contains("new") && !when.contains('·') && !when.is_empty(),
        "{when:?}"
    );
}

async fn every_page_leads_to_setup_until_the_community_exists(app: TestApp) {
    for path in ["/", "/login", "/s/general", "/t/1", "/admin/members"] {
        let r = app.get(path).await;
        assert_eq!(
            (r.status(), location(&r)),
            (StatusCode::SEE_OTHER, "/setup".to_string()),
            "{path}"
        );
    }
    let (s, e) = app
        .api(reqwest::Method::GET, "/api/v1/spaces", None, None)
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("not_set_up"))
    );
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    let page = app.get("/setup").await.text().await.unwrap();
    assert!(page.contains("Community name") && page.contains("name=\"password\""));
    app.setup().await;
    assert_eq!(
        app.get("/setup").await.status(),
        StatusCode::SEE_OTHER,
        "setup runs once"
    );
    let r = app
        .post_form(
            &client(),
            "/setup",
            &[
                ("community_name", "Hijack"),
                ("email", "x@example.com"),
                ("handle", "x1"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(location(&r), "/");
    assert_eq!(
        app.state.store().community().await.unwrap().unwrap().name,
        "Riverside Bakery"
    );
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("Riverside Bakery"));
}

async fn members_start_topics_reply_edit_and_delete_on_the_web(app: TestApp) {
    app.setup().await;
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces",
            &[
                ("name", "Questions & Help"),
                ("slug", ""),
                ("description", "Ask anything"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/s/questions-help");
    let r = app
        .post_form(
            &app.client,
            "/s/questions-help/topics",
            &[
                ("title", "How do I keep bread fresh?"),
                ("body", "It goes **stale** fast."),
            ],
        )
        .await;
    let topic_url = location(&r);
    assert!(
        topic_url.starts_with("/t/") && topic_url.ends_with("/how-do-i-keep-bread-fresh"),
        "{topic_url}"
    );

    let ana = app.member_client("ana").await;
    let r = app
        .post_form(
            &ana,
            &format!("{}/replies", &topic_url[..topic_url.rfind('/').unwrap()]),
            &[("body", "Wrap it in a cloth.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let post_link = location(&r);
    let r = ana.get(app.url(&post_link)).send().await.unwrap();
    assert!(
        location(&r).contains("#post-"),
        "a post link leads to its place in the topic"
    );

    let page = ana
        .get(app.url(&topic_url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<strong>stale</strong>") && page.contains("Wrap it in a cloth."),
        "{}",
        &page[page.find("<main").unwrap_or(0)..]
    );
    assert!(page.contains("1 reply"));
    let post_id: i64 = post_link.trim_start_matches("/p/").parse().unwrap();

    // Ana edits her reply; the page shows it was edited and the history keeps the old text.
    let r = app
        .post_form(
            &ana,
            &format!("/p/{post_id}/edit"),
            &[("body", "Wrap it in a linen cloth.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = ana
        .get(app.url(&topic_url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("linen")
            && page.contains(&format!("/p/{post_id}/history"))
            && page.contains(">edited<")
    );
    let history = app
        .get(&format!("/p/{post_id}/history"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        history.contains("Wrap it in a cloth.") && history.contains("linen"),
        "{history}"
    );

    // Ana cannot edit or delete the owner's topic.
    let first_id = app
        .state
        .store()
        .posts_page(post_id - 1, 0, 1)
        .await
        .ok()
        .and_then(|p| p.first().map(|p| p.post.id));
    let owner_post = first_id.unwrap_or(post_id - 1);
    let r = app
        .post_form(
            &ana,
            &format!("/p/{owner_post}/edit"),
            &[("body", "mine now")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .post_form(&ana, &format!("/p/{owner_post}/delete"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Ana deletes her reply.
    let r = app
        .post_form(&ana, &format!("/p/{post_id}/delete"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = client()
        .get(app.url(&topic_url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("This post was deleted.") && !page.contains("linen"),
        "visitors see a tombstone"
    );
    let page = app.get(&topic_url).await.text().await.unwrap();
    assert!(
        page.contains("This post was deleted.") && page.contains("linen"),
        "staff still read it"
    );

    // Signing out ends the session.
    let r = app.post_form(&ana, "/logout", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = ana
        .get(app.url("/s/questions-help/new"))
        .send()
        .await
        .unwrap();
    assert!(location(&r).starts_with("/login"));
}

async fn the_owner_manages_spaces_members_and_branding(app: TestApp) {
    app.setup().await;
    let r = add_staff(&app, "mod", "Mo D", "moderator").await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("Added @mod") && page.contains("mod@example.com"));
    assert_eq!(
        app.state
            .store()
            .member_by_handle("mod")
            .await
            .unwrap()
            .unwrap()
            .role
            .as_str(),
        "moderator"
    );

    app.post_form(
        &app.client,
        "/admin/spaces",
        &[
            ("name", "Old news"),
            ("slug", "old"),
            ("visibility", "public"),
        ],
    )
    .await;
    let r = app
        .post_form(&app.client, "/admin/spaces/old/archive", &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let ana = app.member_client("ana").await;
    let home = ana
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !home.contains("Old news"),
        "archived spaces leave the home page"
    );
    let r = app
        .post_form(
            &ana,
            "/s/old/topics",
            &[("title", "Still here?"), ("body", "hello there")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "archived spaces take no topics"
    );
    app.post_form(&app.client, "/admin/spaces/old/restore", &[])
        .await;
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/old",
            &[
                ("name", "Archive"),
                ("slug", "archive"),
                ("description", "Older"),
                ("visibility", "members"),
                ("access", ""),
            ],
        )
        .await;
    assert_eq!(location(&r), "/admin/spaces/archive");
    assert_eq!(
        client()
            .get(app.url("/s/archive"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND,
        "members-only now"
    );
    assert_eq!(
        ana.get(app.url("/s/archive"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    // Branding: a PNG logo, a new colour and tagline show on every page.
    let png = TINY_PNG;
    let form = reqwest::multipart::Form::new()
        .text("name", "Crumbs & Co")
        .text("tagline", "Bread, friends, <questions>")
        .text("accent_color", "#1D4ED8")
        .part(
            "logo",
            reqwest::multipart::Part::bytes(png.to_vec())
                .file_name("logo.png")
                .mime_str("image/png")
                .unwrap(),
        );
    let r = app
        .client
        .post(app.url("/admin/branding"))
        .header("Origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let c = app.state.store().community().await.unwrap().unwrap();
    assert_eq!(
        (c.name.as_str(), c.accent_color.as_str()),
        ("Crumbs & Co", "#1d4ed8")
    );
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("Crumbs &amp; Co") && home.contains("Bread, friends, &lt;questions&gt;"));
    let logo_path = format!("/uploads/{}", c.logo_upload_id.unwrap());
    assert!(
        home.contains(&logo_path) || home.contains(&logo_path.replace('/', "&#x2f;")),
        "the logo is on the page"
    );
    let logo = app
        .get(&format!("/uploads/{}", c.logo_upload_id.unwrap()))
        .await;
    assert_eq!(logo.headers().get("content-type").unwrap(), "image/png");
    assert!(
        app.get("/brand.css")
            .await
            .text()
            .await
            .unwrap()
            .contains("#1d4ed8")
    );

    // A script posing as a logo, and a bad colour, are refused with the field named.
    let form = reqwest::multipart::Form::new()
        .text("name", "X")
        .text("accent_color", "#000000")
        .part(
            "logo",
            reqwest::multipart::Part::bytes(b"<svg onload=alert(1)>".to_vec())
                .file_name("logo.svg")
                .mime_str("image/svg+xml")
                .unwrap(),
        );
    let r = app
        .client
        .post(app.url("/admin/branding"))
        .header("Origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("must be a PNG, JPEG, GIF or WebP image")
    );
    let form = reqwest::multipart::Form::new()
        .text("name", "X")
        .text("accent_color", "red");
    let r = app
        .client
        .post(app.url("/admin/branding"))
        .header("Origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.state.store().community().await.unwrap().unwrap().name,
        "Crumbs & Co",
        "nothing half-written"
    );
}

/// Issue 17, bug 1: the page after "Saved" showed the branding cached before the save, and
/// saving that form again put the old values back.
async fn saving_branding_shows_what_was_saved_not_the_cached_copy(app: TestApp) {
    app.setup().await;
    // The cached copy is warm, as on any site with visitors.
    let before = app.get("/admin/branding").await.text().await.unwrap();
    assert!(!before.contains("Fresh from the oven"));
    let form = reqwest::multipart::Form::new()
        .text("name", "Crumbs & Co")
        .text("tagline", "Fresh from the oven")
        .text("accent_color", "#1D4ED8");
    let r = app
        .client
        .post(app.url("/admin/branding"))
        .header("Origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    for shown in [
        "value=\"Crumbs &amp; Co\"",
        "value=\"Fresh from the oven\"",
        "value=\"#1d4ed8\"",
        "<span class=\"brand-name\">Crumbs &amp; Co</span>",
        "<span class=\"brand-tagline\">Fresh from the oven</span>",
    ] {
        assert!(page.contains(shown), "the saved page shows {shown}");
    }
    let again = app.get("/admin/branding").await.text().await.unwrap();
    assert!(again.contains("value=\"Fresh from the oven\""));
}

/// Regression: a logo was stored as the uploading admin's own upload, so erasing that admin
/// (which deletes their uploads) left every page pointing at a picture that was gone.
async fn erasing_the_admin_who_uploaded_the_logo_keeps_the_logo(app: TestApp) {
    app.setup().await;
    let r = add_staff(&app, "ada", "Ada", "admin").await;
    assert_eq!(r.status(), StatusCode::OK);
    let ada = client();
    let r = app
        .post_form(
            &ada,
            "/login",
            &[("email", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let png = TINY_PNG;
    let form = reqwest::multipart::Form::new()
        .text("name", "Riverside Bakery")
        .text("accent_color", "#c2410c")
        .part(
            "logo",
            reqwest::multipart::Part::bytes(png.to_vec())
                .file_name("logo.png")
                .mime_str("image/png")
                .unwrap(),
        );
    let r = ada
        .post(app.url("/admin/branding"))
        .header("Origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let logo = app
        .state
        .store()
        .community()
        .await
        .unwrap()
        .unwrap()
        .logo_upload_id
        .expect("a logo");
    let ada_id = app
        .state
        .store()
        .member_by_handle("ada")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = app
        .post_form(
            &app.client,
            &format!("/admin/people/{ada_id}/erase"),
            &[("confirm", "ERASE")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let served = app.get(&format!("/uploads/{logo}")).await;
    assert_eq!(
        served.status(),
        StatusCode::OK,
        "the logo outlives the admin who chose it"
    );
    assert_eq!(served.bytes().await.unwrap().as_ref(), png);
}

/// Issue 17: a space has a picture of its own, uploaded and checked as avatars are
/// (decoded, squared, re-encoded), or its first letter on a tile of its colour.
async fn a_space_takes_a_picture_checked_as_an_avatar_is(app: TestApp) {
    app.setup().await;
    app.post_form(
        &app.client,
        "/admin/spaces",
        &[
            ("name", "Bakes"),
            ("slug", "bakes"),
            ("visibility", "public"),
        ],
    )
    .await;
    let space = app.get("/s/bakes").await.text().await.unwrap();
    assert!(
        space.contains("space-icon space-icon-lg") && space.contains(">B</span>"),
        "the initial stands in for a picture"
    );
    let send = async |c: &reqwest::Client, part: Option<(Vec<u8>, &str)>, remove: bool| {
        let mut form = reqwest::multipart::Form::new();
        if let Some((bytes, mime)) = part {
            form = form.part(
                "icon",
                reqwest::multipart::Part::bytes(bytes)
                    .file_name("picture")
                    .mime_str(mime)
                    .unwrap(),
            );
        }
        if remove {
            form = form.text("remove_icon", "1");
        }
        c.post(app.url("/admin/spaces/bakes/icon"))
            .header("Origin", &app.base)
            .multipart(form)
            .send()
            .await
            .unwrap()
    };
    let icon = async || {
        app.state
            .store()
            .space_by_slug("bakes")
            .await
            .unwrap()
            .unwrap()
            .icon_upload_id
    };

    // A wide PNG becomes a 256×256 JPEG, shown on the home page, the space and the API.
    let wide = image::RgbImage::from_pixel(300, 200, image::Rgb([200, 90, 20]));
    let mut png = Vec::new();
    wide.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let r = send(&app.client, Some((png, "image/png")), false).await;
    assert_eq!(
        location(&r),
        "/admin/spaces/bakes",
        "back to the settings page"
    );
    let first = icon().await.expect("a picture");
    let served = app.get(&format!("/uploads/{first}")).await;
    assert_eq!(served.headers().get("content-type").unwrap(), "image/jpeg");
    let jpeg = image::load_from_memory(&served.bytes().await.unwrap()).unwrap();
    assert_eq!((jpeg.width(), jpeg.height()), (256, 256));
    let path = format!("/uploads/{first}");
    for page in ["/", "/s/bakes", "/admin/spaces"] {
        let html = app.get(page).await.text().await.unwrap();
        assert!(
            html.contains(&path) || html.contains(&path.replace('/', "&#x2f;")),
            "{page} shows the picture"
        );
    }
    let (status, spaces) = app
        .api(reqwest::Method::GET, "/api/v1/spaces", None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let bakes = spaces["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slug"] == "bakes")
        .unwrap();
    assert_eq!(bakes["icon_url"], path.as_str());

    // A script posing as a picture, and an empty file, are refused by name; nothing changes.
    let r = send(
        &app.client,
        Some((b"<svg onload=alert(1)>".to_vec(), "image/png")),
        false,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("is not a picture Hearth can read"), "{html}");
    assert!(html.contains("id=\"icon-error\""));
    let r = send(&app.client, Some((Vec::new(), "image/png")), false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("choose a picture"));
    assert_eq!(icon().await, Some(first));

    // A member may not change it.
    let ana = app.member_client("ana").await;
    let r = send(&ana, None, true).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(icon().await, Some(first));

    // A private space's picture is shown only to those who may see the space, and kept
    // out of shared caches.
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/bakes",
            &[
                ("name", "Bakes"),
                ("slug", "bakes"),
                ("description", ""),
                ("visibility", "private"),
                ("access", ""),
            ],
        )
        .await;
    assert_eq!(location(&r), "/admin/spaces/bakes");
    for (who, c) in [
        ("a visitor", client()),
        ("a member without a grant", ana.clone()),
    ] {
        let r = c.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{who}");
    }
    let own = app.get(&path).await;
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(
        own.headers().get("cache-control").unwrap(),
        "private, max-age=3600"
    );
    assert_eq!(
        app.get("/uploads/999999").await.status(),
        StatusCode::NOT_FOUND
    );

    // Removing it brings the initial back and deletes the old picture.
    let r = send(&app.client, None, true).await;
    assert_eq!(location(&r), "/admin/spaces/bakes");
    assert_eq!(icon().await, None);
    assert_eq!(
        app.get(&path).await.status(),
        StatusCode::NOT_FOUND,
        "the old picture is gone"
    );
    let audit = app
        .state
        .store()
        .audit_page(None, "space.updated", 10)
        .await
        .unwrap();
    assert_eq!(
        audit.len(),
        3,
        "the upload, the visibility and the removal are audited"
    );
    let reasons: Vec<_> = audit.iter().filter_map(|a| a.reason.clone()).collect();
    assert!(
        reasons.contains(&"picture changed".to_string())
            && reasons.contains(&"picture removed".to_string()),
        "{reasons:?}"
    );
}

/// Issue 17, bug 5: a member's 403 and 404 pages showed "Sign in / Join" and lower-case
/// developer strings.
async fn error_pages_keep_a_signed_in_member_signed_in_and_speak_in_sentences(app: TestApp) {
    app.setup().await;
    let ana = app.member_client("ana").await;
    for (path, status) in [
        ("/admin/people", StatusCode::FORBIDDEN),
        ("/t/999999", StatusCode::NOT_FOUND),
    ] {
        let r = ana.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), status, "{path}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains("action=\"/logout\"") && page.contains("@ana"),
            "{path}: signed in"
        );
        assert!(
            !page.contains("href=\"/signup\""),
            "{path}: no Join for a member"
        );
        let message = page
            .split("<p class=\"muted\">")
            .nth(1)
            .and_then(|m| m.split("</p>").next())
            .unwrap_or_default();
        let first = message.chars().next().unwrap_or(' ');
        assert!(
            first.is_uppercase() && message.ends_with('.'),
            "{path}: a sentence, not {message:?}"
        );
    }
    // A visitor still gets the way in.
    let r = client().get(app.url("/t/999999")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("href=\"/signup\""));
}

/// Issue 17: the owner's getting-started list, a visitor's welcome, and a member's list
/// of what is new across the spaces they see (a new space takes every kind of topic).
async fn the_home_page_guides_the_owner_greets_visitors_and_shows_members_what_is_new(
    app: TestApp,
) {
    app.setup().await;
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("Getting started"), "the owner's list");
    assert!(
        home.contains("<li class=\"todo\"><span class=\"check\" aria-hidden=\"true\"></span><a href=\"&#x2f;admin&#x2f;spaces\">")
            || home.contains("<li class=\"todo\"><span class=\"check\" aria-hidden=\"true\"></span><a href=\"/admin/spaces\">"),
        "no space yet"
    );
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let space = app
        .state
        .store()
        .space_by_slug("kitchen")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        space.allowed_kinds,
        hearth_core::values::TopicKind::ALL,
        "a new space takes every kind"
    );
    let (s, _) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/spaces/kitchen/topics",
            Some(&owner),
            Some(serde_json::json!({"title": "Which loaf next?", "body": "Vote!", "kind": "poll", "poll": {"options": ["Rye", "Spelt"]}})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "a poll in a new space");
    let home = app.get("/").await.text().await.unwrap();
    assert!(
        home.contains("<li class=\"done\">"),
        "the space step is ticked"
    );
    // A member sees what is new, with its kind; no owner's list.
    let ana = app.member_client("ana").await;
    let page = ana
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Latest across the community") && page.contains("Which loaf next?"));
    assert!(page.contains("kind-label kind-poll"));
    assert!(!page.contains("Getting started"));
    // A visitor is welcomed and asked in.
    let visitor = client()
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(visitor.contains("Join the community") && !visitor.contains("Latest across"));
}

async fn form_errors_name_the_field_and_keep_what_was_typed(app: TestApp) {
    app.setup().await;
    app.post_form(
        &app.client,
        "/admin/spaces",
        &[
            ("name", "General"),
            ("slug", "general"),
            ("visibility", "public"),
        ],
    )
    .await;
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces",
            &[
                ("name", "General two"),
                ("slug", "general"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("is already taken"));
    let long_title = "t".repeat(1_000_000);
    let r = app
        .post_form(
            &app.client,
            "/s/general/topics",
            &[("title", &long_title), ("body", "kept body text")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("must be at most 200 characters") && page.contains("kept body text"));
    let r = app
        .client
        .post(app.url("/s/general/topics"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b't', b'i', b't', b'l', b'e', b'=', 0xff, 0xfe])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "invalid UTF-8 in a form"
    );
    let (status, answer) = crate::support::announce_huge_post(
        &app,
        "/s/general/topics",
        "application/x-www-form-urlencoded",
        "",
        10 * 1024 * 1024,
    )
    .await;
    assert_eq!(status, 413, "{answer}");
    let r = app
        .post_form(
            &app.client,
            "/s/nowhere/topics",
            &[("title", "Hello"), ("body", "there you")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let page = r.text().await.unwrap();
    assert!(page.contains("Space not found."), "said as a sentence");
    assert!(
        page.contains("class=\"site-footer\"") && page.contains("Riverside Bakery"),
        "the error page is the branded one, not plain text: {page}"
    );
    let r = app
        .post_form(
            &client(),
            "/signup",
            &[
                ("email", "not-an-email"),
                ("handle", "ok_handle"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("must look like name@example.com") && page.contains("ok_handle"));
    let r = app
        .post_form(
            &client(),
            "/signup",
            &[
                ("email", "owner@example.com"),
                ("handle", "someone"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(app.totals().await.0, 0, "no topic was written");
}

/// Anonymous answers are reused for `anonymous_cache_ms`; members always see fresh pages,
/// and a write through this node shows at once to everyone.
#[tokio::test]
async fn anonymous_visitors_share_a_short_lived_cache() {
    let app = crate::support::spawn_with(crate::support::Backend::Sqlite, |c| {
        c.anonymous_cache_ms = 60_000
    })
    .await
    .unwrap();
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "general", "public").await;
    let (_, t) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/spaces/general/topics",
            Some(&owner),
            Some(serde_json::json!({"title": "Cached topic", "body": "first words"})),
        )
        .await;
    let path = format!("/t/{}", t["id"]);
    let first_post = t["posts"][0]["id"].as_i64().unwrap();
    let anonymous = client();
    let page = anonymous
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("first words"));
    // Another node changes the post (straight in the database): visitors still get the
    // cached page, the signed-in owner gets the new one.
    let owner_id = app
        .state
        .store()
        .member_by_handle("owner")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.state
        .store()
        .edit_post(
            first_post,
            owner_id,
            ("second words", "<p>second words</p>"),
            None,
            &Default::default(),
            1,
        )
        .await
        .unwrap();
    let page = anonymous
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("first words"),
        "cached for anonymous visitors"
    );
    let page = app.get(&path).await.text().await.unwrap();
    assert!(page.contains("second words"), "members see fresh pages");
    // Any write through this node clears the cache.
    app.api(
        reqwest::Method::POST,
        &format!("/api/v1/topics/{}/posts", t["id"]),
        Some(&owner),
        Some(serde_json::json!({"body": "a reply"})),
    )
    .await;
    let page = anonymous
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("second words") && page.contains("a reply"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bell_counts_unread_notifications_until_the_list_is_opened() {
    let app = crate::support::spawn(crate::support::Backend::Sqlite)
        .await
        .unwrap();
    app.setup().await;
    app.post_form(
        &app.client,
        "/admin/spaces",
        &[
            ("name", "General"),
            ("slug", "general"),
            ("visibility", "public"),
        ],
    )
    .await;
    let r = app
        .post_form(
            &app.client,
            "/s/general/topics",
            &[("title", "Hello bakers"), ("body", "Say hi!")],
        )
        .await;
    let topic = location(&r);
    let ana = app.member_client("ana").await;
    let id = topic
        .trim_start_matches("/t/")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    app.post_form(
        &ana,
        &format!("/t/{id}/replies"),
        &[("body", "Hi from Ana")],
    )
    .await;
    let mut home = String::new();
    for _ in 0..100 {
        home = app.get("/").await.text().await.unwrap();
        if home.contains("bell-count") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        home.contains("Notifications, 1 unread"),
        "the bell shows the count"
    );
    let list = app.get("/notifications").await.text().await.unwrap();
    assert!(list.contains("replied to") && list.contains("Hello bakers") && list.contains("new"));
    // Regression: reading the list (a GET) marked everything read, so a picture in a post
    // pointing at /notifications could do it. Now only the page's form (which app.js posts
    // on opening) does.
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("bell-count"), "a GET changed nothing");
    let up_to = list
        .split("name=\"up_to_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the mark-as-read form")
        .to_string();
    let r = app
        .post_form(
            &app.client,
            "/notifications/read",
            &[("up_to_id", up_to.as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let home = app.get("/").await.text().await.unwrap();
    assert!(!home.contains("bell-count"), "the form marked it read");
}

#[tokio::test]
async fn admins_see_the_job_queue_and_retry_failed_jobs() {
    let app = crate::support::spawn(crate::support::Backend::Sqlite)
        .await
        .unwrap();
    app.setup().await;
    // A job of a kind nobody handles fails; make it fail for good at once.
    // (As a newer version, or a hand-edited queue, might leave one.)
    app.state
        .store()
        .db
        .execute(
            "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ('nobody.handles.this', '{}', 0, 0)",
            &[],
        )
        .await
        .unwrap();
    app.state
        .store()
        .db
        .execute(
            "UPDATE jobs SET max_attempts = 1 WHERE kind = 'nobody.handles.this'",
            &[],
        )
        .await
        .unwrap();
    let mut page = String::new();
    for _ in 0..100 {
        page = app.get("/admin/jobs").await.text().await.unwrap();
        if page.contains("nobody.handles.this") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        page.contains("unknown job kind nobody.handles.this"),
        "the dead-letter list shows the error: {page}"
    );
    let id = app.state.store().failed_jobs(1).await.unwrap()[0].id;
    let r = app
        .post_form(&app.client, &format!("/admin/jobs/{id}/retry"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(&app.client, "/admin/jobs/999999/retry", &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let ana = app.member_client("ana").await;
    assert_eq!(
        ana.get(app.url("/admin/jobs"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn quoting_a_post_links_back_to_it() {
    let app = crate::support::spawn(crate::support::Backend::Sqlite)
        .await
        .unwrap();
    app.setup().await;
    app.post_form(
        &app.client,
        "/admin/spaces",
        &[
            ("name", "General"),
            ("slug", "general"),
            ("visibility", "public"),
        ],
    )
    .await;
    let r = app
        .post_form(
            &app.client,
            "/s/general/topics",
            &[
                ("title", "Proofing times"),
                ("body", "Two hours at 24°C.\nLonger if cold."),
            ],
        )
        .await;
    let topic = location(&r);
    let id: i64 = topic
        .trim_start_matches("/t/")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let first = app.state.store().posts_page(id, 0, 1).await.unwrap()[0]
        .post
        .id;
    let page = app
        .get(&format!("/t/{id}?quote={first}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("&gt; @owner [wrote](&#x2f;p&#x2f;{first}):"))
            || page.contains(&format!("&gt; @owner [wrote](/p/{first}):")),
        "the reply box starts with the quote"
    );
    let quoted = format!("> @owner [wrote](/p/{first}):\n>\n> Two hours at 24°C.\n\nThanks!");
    let r = app
        .post_form(
            &app.client,
            &format!("/t/{id}/replies"),
            &[("body", &quoted)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get(&topic).await.text().await.unwrap();
    assert!(
        page.contains("<blockquote>") && page.contains(&format!("href=\"/p/{first}\"")),
        "the quote links to where it came from"
    );
    assert_eq!(
        app.get(&format!("/t/{id}?quote=abc")).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get(&format!("/t/{id}?quote=999999")).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn the_editor_suggests_members_to_mention(app: TestApp) {
    app.setup().await;
    let ana = app.member_client("ana").await;
    app.member_client("anatole").await;
    let r = client()
        .get(app.url("/members/suggest?q=an"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "members only");
    let r = ana
        .get(app.url("/members/suggest?q=%40AN"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let found: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        found,
        serde_json::json!([
            {"handle": "ana", "display_name": "ana"},
            {"handle": "anatole", "display_name": "anatole"}
        ])
    );
    for q in ["", "%25", &"a".repeat(40)] {
        let r = ana
            .get(app.url(&format!("/members/suggest?q={q}")))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.json::<serde_json::Value>().await.unwrap(),
            serde_json::json!([]),
            "{q:?}"
        );
    }
}
