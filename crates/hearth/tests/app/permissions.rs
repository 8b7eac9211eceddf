//! The permission matrix, generated from the one table of permissions: every role (and a
//! member of a group, a new member and a trusted one) × every endpoint that exercises a
//! permission (HTML and API) × every space visibility. What `hearth_core::access::allowed`
//! says for that actor, permission and space is what the server must do: allowed requests
//! succeed, refused ones get 401, 403, 404 or a redirect to sign in, and nothing leaks.
//! Each permission in `access::PERMISSIONS` must have at least one endpoint here.

use crate::support::{Backend, PASSWORD, TestApp, client, spawn_with};
use hearth_core::access::{Actor, PERMISSIONS, Permission, allowed};
use hearth_core::model::{Grant, Space};
use hearth_core::values::Role;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matrix_sqlite() {
    if let Some(app) = start(Backend::Sqlite).await {
        matrix(app).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matrix_postgres() {
    if let Some(app) = start(Backend::Postgres).await {
        matrix(app).await
    }
}

async fn start(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |c| {
        c.limits.login_attempts_per_5_minutes = 1000;
    })
    .await
}

/// Someone the matrix asks about: how the server knows them, and how `access` does.
struct Who {
    name: &'static str,
    token: Option<String>,
    browser: Client,
    actor: Actor,
}

/// The content an endpoint acts on, in one space.
struct Place {
    space: Space,
    grants: Vec<Grant>,
    topic: i64,
    post: i64,
    idea: i64,
    wiki_post: i64,
}

/// How an endpoint's answer is read.
enum Expect {
    /// Allowed: a 2xx (or a redirect that is not to the sign-in page).
    Status,
    /// Allowed: the answer shows the post's text (`body` not empty).
    SeesBody,
}

/// One endpoint: the permissions that let it through (any of them), and how to call it.
struct Endpoint {
    name: &'static str,
    permissions: &'static [Permission],
    /// Whether the answer depends on the space.
    per_space: bool,
    expect: Expect,
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "GET /api/v1/spaces/{s}/topics",
        permissions: &[Permission::ViewSpace],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/topics/{t}",
        permissions: &[Permission::ViewSpace],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /s/{s}",
        permissions: &[Permission::ViewSpace],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /t/{t}",
        permissions: &[Permission::ViewSpace],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/spaces/{s}/topics",
        permissions: &[Permission::StartTopic],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /s/{s}/topics",
        permissions: &[Permission::StartTopic],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/topics/{t}/posts",
        permissions: &[Permission::Reply],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/posts/{p}/reactions/heart",
        permissions: &[Permission::Reply],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/topics/{idea}/vote",
        permissions: &[Permission::VoteOnIdeas],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/posts/{p}/flags",
        permissions: &[Permission::FlagPost],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "PATCH /api/v1/posts/{own}",
        permissions: &[Permission::EditOwnPost],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "DELETE /api/v1/posts/{own}",
        permissions: &[Permission::DeleteOwnPost],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST links /api/v1/topics/{t}/posts",
        permissions: &[Permission::PostLinks],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "PATCH /api/v1/posts/{wiki}",
        permissions: &[Permission::EditWikiPost, Permission::EditAnyPost],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "PATCH /api/v1/posts/{p}",
        permissions: &[Permission::EditAnyPost],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "DELETE /api/v1/posts/{fresh}",
        permissions: &[Permission::DeleteAnyPost],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/posts/{deleted}",
        permissions: &[Permission::SeeDeletedPosts],
        per_space: true,
        expect: Expect::SeesBody,
    },
    Endpoint {
        name: "POST /api/v1/topics/{question}/accept",
        permissions: &[Permission::AcceptAnswer],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "PUT /api/v1/topics/{idea}/status",
        permissions: &[Permission::SetIdeaStatus],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "PUT /api/v1/topics/{t}/pin",
        permissions: &[Permission::PostAnnouncements],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/spaces/{s}/events",
        permissions: &[Permission::CreateEvents],
        per_space: true,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/moderation/queue",
        permissions: &[Permission::Moderate],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /mod/queue",
        permissions: &[Permission::Moderate, Permission::ReviewApplications],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/applications",
        permissions: &[Permission::ReviewApplications],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/invites",
        permissions: &[Permission::InviteMembers],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "PUT /api/v1/members/{author}/trust",
        permissions: &[Permission::SetTrustLevel],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/audit-log",
        permissions: &[Permission::ViewAuditLog],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/audit",
        permissions: &[Permission::ViewAuditLog],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/spaces",
        permissions: &[Permission::ManageSpaces],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/spaces",
        permissions: &[Permission::ManageSpaces],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/branding",
        permissions: &[Permission::ManageBranding],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/members",
        permissions: &[Permission::ManageMembers],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "PATCH /api/v1/community",
        permissions: &[Permission::ManageMembership],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/membership",
        permissions: &[Permission::ManageMembership],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/groups",
        permissions: &[Permission::ManageGroups],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/groups",
        permissions: &[Permission::ManageGroups],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/members",
        permissions: &[Permission::ViewPeople],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/people",
        permissions: &[Permission::ViewPeople],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/imports",
        permissions: &[Permission::ViewPeople],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/members/suggestions",
        permissions: &[Permission::MergePeople],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /admin/people/{id}/erase",
        permissions: &[Permission::ErasePeople],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/insights",
        permissions: &[Permission::ViewInsights],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /admin/insights/active.csv",
        permissions: &[Permission::ViewInsights],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/insights/summary",
        permissions: &[Permission::ViewInsights],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "GET /api/v1/insights/retention",
        permissions: &[Permission::ViewInsights],
        per_space: false,
        expect: Expect::Status,
    },
    Endpoint {
        name: "POST /api/v1/activities",
        permissions: &[Permission::ImportData],
        per_space: false,
        expect: Expect::Status,
    },
];

async fn api(app: &TestApp, method: Method, path: &str, token: &str, body: Option<Value>) -> Value {
    let (s, v) = app.api(method, path, Some(token), body).await;
    assert!(s.is_success(), "setup {path}: {s} {v}");
    v
}

/// A member who joined long ago (so no first-day limits), with a password, a trust level
/// and groups; returns who they are, signed in on a browser and with a token.
async fn someone(app: &TestApp, name: &'static str, role: Role, trust: u8, groups: &[i64]) -> Who {
    let email = format!("{name}@example.com");
    let hash = hearth::services::accounts::hash_password(
        &app.state.hearth,
        &hearth_core::values::Password::parse(PASSWORD).unwrap(),
    )
    .await
    .unwrap();
    let store = app.state.store();
    let m = store
        .create_member(
            &hearth_store::members::NewMember {
                email: &email,
                handle: name,
                display_name: name,
                password_hash: Some(&hash),
                role,
            },
            1,
        )
        .await
        .unwrap();
    store
        .set_trust_level(
            &hearth_store::trust::LevelChange {
                member_id: m.id,
                level: trust,
                locked: true,
                manual: true,
                by: None,
                reason: None,
            },
            1,
        )
        .await
        .unwrap();
    for g in groups {
        store
            .set_group_member(*g, m.id, true, None, 1)
            .await
            .unwrap();
    }
    let m = store.member(m.id).await.unwrap().unwrap();
    let browser = client();
    let r = app
        .post_form(
            &browser,
            "/login",
            &[("email", &email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name} signs in");
    Who {
        name,
        token: Some(app.token(&email).await),
        browser,
        actor: Actor::from(&m),
    }
}

/// A reply by the author in `topic`, with `body`.
async fn reply(app: &TestApp, author: &str, topic: i64, body: &str) -> i64 {
    api(
        app,
        Method::POST,
        &format!("/api/v1/topics/{topic}/posts"),
        author,
        Some(json!({"body": body})),
    )
    .await["id"]
        .as_i64()
        .unwrap()
}

async fn topic(app: &TestApp, author: &str, slug: &str, title: &str, kind: &str) -> (i64, i64) {
    let v = api(
        app,
        Method::POST,
        &format!("/api/v1/spaces/{slug}/topics"),
        author,
        Some(json!({"title": title, "body": "Something to talk about", "kind": kind})),
    )
    .await;
    (
        v["id"].as_i64().unwrap(),
        v["posts"][0]["id"].as_i64().unwrap(),
    )
}

fn refused(status: StatusCode, location: Option<&str>) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ) || (status.is_redirection() && location.is_some_and(|l| l.starts_with("/login")))
}

async fn matrix(app: TestApp) {
    app.setup().await;
    let owner_token = app.token("owner@example.com").await;
    let partners = hearth::services::groups::create_group(
        &app.state.hearth,
        &Actor::Operator,
        "partners",
        "Partners",
        None,
    )
    .await
    .unwrap()
    .id;
    for (slug, vis) in [("pub", "public"), ("mem", "members"), ("priv", "private")] {
        app.space(&owner_token, slug, vis).await;
        app.space(&owner_token, &format!("{slug}-ideas"), vis).await;
    }
    let r = app
        .post_form(
            &app.client,
            "/admin/spaces/priv",
            &[
                ("name", "Space priv"),
                ("slug", "priv"),
                ("visibility", "private"),
                ("access", "group:partners"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The matrix's spaces take discussions and questions (a new space takes every kind).
    for slug in ["pub", "mem", "priv"] {
        app.set_kinds(
            slug,
            &[
                hearth_core::values::TopicKind::Discussion,
                hearth_core::values::TopicKind::Question,
            ],
        )
        .await;
    }
    for slug in ["pub", "mem", "priv"] {
        let space = format!("{slug}-ideas");
        let r = app
            .post_form(
                &app.client,
                &format!("/admin/spaces/{space}"),
                &[
                    ("name", "Ideas"),
                    ("slug", &space),
                    (
                        "visibility",
                        if slug == "pub" {
                            "public"
                        } else if slug == "mem" {
                            "members"
                        } else {
                            "private"
                        },
                    ),
                    ("access", "group:partners"),
                    ("kinds_shown", "1"),
                    ("kind_discussion", "on"),
                    ("kind_question", "on"),
                    ("kind_idea", "on"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{space}");
    }
    let author = someone(&app, "author", Role::Member, 4, &[partners]).await;
    let author_token = author.token.clone().unwrap();
    let author_id = author.actor.member_id().unwrap();

    let mut people = vec![Who {
        name: "anonymous",
        token: None,
        browser: client(),
        actor: Actor::Anonymous,
    }];
    for (name, role, trust, groups) in [
        ("guest", Role::Guest, 1, vec![]),
        ("newbie", Role::Member, 0, vec![]),
        ("member", Role::Member, 1, vec![]),
        ("veteran", Role::Member, 2, vec![]),
        ("partner", Role::Member, 1, vec![partners]),
        ("approver", Role::Approver, 1, vec![]),
        ("moderator", Role::Moderator, 1, vec![]),
        ("admin", Role::Admin, 1, vec![]),
    ] {
        people.push(someone(&app, name, role, trust, &groups).await);
    }
    let owner_member = app
        .state
        .store()
        .member_by_email("owner@example.com")
        .await
        .unwrap()
        .unwrap();
    let owner_member = app
        .state
        .store()
        .member(owner_member.id)
        .await
        .unwrap()
        .unwrap();
    people.push(Who {
        name: "owner",
        token: Some(owner_token.clone()),
        browser: app.client.clone(),
        actor: Actor::from(&owner_member),
    });

    let mut places = Vec::new();
    for slug in ["pub", "mem", "priv"] {
        let space = app
            .state
            .store()
            .space_by_slug(slug)
            .await
            .unwrap()
            .unwrap();
        let grants = app.state.store().space_grants(space.id).await.unwrap();
        let (topic_id, _) = topic(&app, &author_token, slug, "A topic", "discussion").await;
        let post = reply(&app, &author_token, topic_id, "A reply by the author").await;
        let (idea, _) = topic(
            &app,
            &author_token,
            &format!("{slug}-ideas"),
            "An idea",
            "idea",
        )
        .await;
        let wiki_post = reply(&app, &author_token, topic_id, "A wiki reply").await;
        hearth::services::posts::set_wiki(&app.state.hearth, &author.actor, wiki_post, true)
            .await
            .unwrap();
        places.push(Place {
            space,
            grants,
            topic: topic_id,
            post,
            idea,
            wiki_post,
        });
    }

    // Every permission has an endpoint.
    for (p, _, _) in PERMISSIONS {
        assert!(
            ENDPOINTS.iter().any(|e| e.permissions.contains(p)),
            "no endpoint of the matrix exercises {p:?}"
        );
    }

    let mut checked = 0;
    let mut wrong = Vec::new();
    for who in &people {
        for e in ENDPOINTS {
            let spaces: Vec<&Place> = if e.per_space {
                places.iter().collect()
            } else {
                vec![&places[0]]
            };
            for place in spaces {
                let expected = e
                    .permissions
                    .iter()
                    .any(|p| allowed(*p, &who.actor, &place.space, &place.grants));
                let Some((status, location, body)) =
                    call(&app, e.name, who, place, &author_token, author_id).await
                else {
                    continue;
                };
                let ok = match e.expect {
                    Expect::Status => {
                        (status.is_success() || status.is_redirection())
                            && !refused(status, location.as_deref())
                    }
                    Expect::SeesBody => {
                        status.is_success() && body["body"].as_str().is_some_and(|b| !b.is_empty())
                    }
                };
                // A post with links from a member who may not post them is refused as
                // invalid input, naming the body.
                let links_refused = e.permissions.contains(&Permission::PostLinks)
                    && status == StatusCode::UNPROCESSABLE_ENTITY
                    && body["error"]["field"] == "body";
                let no = refused(status, location.as_deref())
                    || links_refused
                    || matches!(e.expect, Expect::SeesBody) && !ok;
                checked += 1;
                if (expected && !ok) || (!expected && !no) {
                    wrong.push(format!(
                        "{} {} in {:?} space: expected {}, got {status} {}",
                        who.name,
                        e.name,
                        place.space.visibility,
                        if expected { "allowed" } else { "refused" },
                        body.to_string().chars().take(160).collect::<String>()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} checks disagree with access::allowed:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(checked > 500, "{checked} checks");
}

/// Makes one request of the matrix. Returns `None` when it cannot be asked of this actor
/// (an own post for someone who cannot post).
async fn call(
    app: &TestApp,
    endpoint: &str,
    who: &Who,
    place: &Place,
    author_token: &str,
    author_id: i64,
) -> Option<(StatusCode, Option<String>, Value)> {
    let slug = place.space.slug.clone();
    let (t, p, idea) = (place.topic, place.post, place.idea);
    let fresh = || reply(app, author_token, t, "Fresh, to be acted on");
    let (method, path, body, html): (Method, String, Option<Value>, bool) = match endpoint {
        "GET /api/v1/spaces/{s}/topics" => (
            Method::GET,
            format!("/api/v1/spaces/{slug}/topics"),
            None,
            false,
        ),
        "GET /api/v1/topics/{t}" => (Method::GET, format!("/api/v1/topics/{t}"), None, false),
        "GET /s/{s}" => (Method::GET, format!("/s/{slug}"), None, true),
        "GET /t/{t}" => (Method::GET, format!("/t/{t}"), None, true),
        "POST /api/v1/spaces/{s}/topics" => (
            Method::POST,
            format!("/api/v1/spaces/{slug}/topics"),
            Some(json!({"title": format!("By {}", who.name), "body": "Hello"})),
            false,
        ),
        "POST /s/{s}/topics" => (Method::POST, format!("/s/{slug}/topics"), None, true),
        "POST /api/v1/topics/{t}/posts" => (
            Method::POST,
            format!("/api/v1/topics/{t}/posts"),
            Some(json!({"body": format!("Reply by {}", who.name)})),
            false,
        ),
        "POST /api/v1/posts/{p}/reactions/heart" => (
            Method::POST,
            format!("/api/v1/posts/{p}/reactions/heart"),
            None,
            false,
        ),
        "POST /api/v1/topics/{idea}/vote" => (
            Method::POST,
            format!("/api/v1/topics/{idea}/vote"),
            None,
            false,
        ),
        "POST /api/v1/posts/{p}/flags" => (
            Method::POST,
            format!("/api/v1/posts/{}/flags", fresh().await),
            Some(json!({"reason": "off_topic"})),
            false,
        ),
        "PATCH /api/v1/posts/{own}" | "DELETE /api/v1/posts/{own}" => {
            let token = who.token.as_deref()?;
            let (s, v) = app
                .api(
                    Method::POST,
                    &format!("/api/v1/topics/{t}/posts"),
                    Some(token),
                    Some(json!({"body": "My own words"})),
                )
                .await;
            if !s.is_success() {
                return None;
            }
            let own = v["id"].as_i64().unwrap();
            if endpoint.starts_with("PATCH") {
                (
                    Method::PATCH,
                    format!("/api/v1/posts/{own}"),
                    Some(json!({"body": "My own words, edited"})),
                    false,
                )
            } else {
                (Method::DELETE, format!("/api/v1/posts/{own}"), None, false)
            }
        }
        "POST links /api/v1/topics/{t}/posts" => {
            if !hearth_core::access::allowed(
                Permission::Reply,
                &who.actor,
                &place.space,
                &place.grants,
            ) {
                return None;
            }
            (
                Method::POST,
                format!("/api/v1/topics/{t}/posts"),
                Some(json!({"body": "See https://example.com/recipe"})),
                false,
            )
        }
        "PATCH /api/v1/posts/{wiki}" => (
            Method::PATCH,
            format!("/api/v1/posts/{}", place.wiki_post),
            Some(json!({"body": format!("Wiki, edited by {}", who.name)})),
            false,
        ),
        "PATCH /api/v1/posts/{p}" => (
            Method::PATCH,
            format!("/api/v1/posts/{p}"),
            Some(json!({"body": format!("Edited by {}", who.name)})),
            false,
        ),
        "DELETE /api/v1/posts/{fresh}" => (
            Method::DELETE,
            format!("/api/v1/posts/{}", fresh().await),
            None,
            false,
        ),
        "GET /api/v1/posts/{deleted}" => {
            let gone = fresh().await;
            let (s, _) = app
                .api(
                    Method::DELETE,
                    &format!("/api/v1/posts/{gone}"),
                    Some(author_token),
                    None,
                )
                .await;
            assert!(s.is_success());
            (Method::GET, format!("/api/v1/posts/{gone}"), None, false)
        }
        "POST /api/v1/topics/{question}/accept" => {
            let (s, v) = app
                .api(
                    Method::POST,
                    &format!("/api/v1/spaces/{slug}-ideas/topics"),
                    Some(author_token),
                    Some(json!({"title": "Which flour?", "body": "Asking", "kind": "question"})),
                )
                .await;
            assert!(s.is_success(), "{v}");
            let q = v["id"].as_i64().unwrap();
            let answer = reply(app, author_token, q, "This one").await;
            (
                Method::POST,
                format!("/api/v1/topics/{q}/accept"),
                Some(json!({"post_id": answer})),
                false,
            )
        }
        "PUT /api/v1/topics/{idea}/status" => (
            Method::PUT,
            format!("/api/v1/topics/{idea}/status"),
            Some(json!({"status": "planned", "note": "soon"})),
            false,
        ),
        "PUT /api/v1/topics/{t}/pin" => (
            Method::PUT,
            format!("/api/v1/topics/{t}/pin"),
            Some(json!({"scope": "space"})),
            false,
        ),
        "POST /api/v1/spaces/{s}/events" => (
            Method::POST,
            format!("/api/v1/spaces/{slug}/events"),
            Some(
                json!({"title": format!("Workshop by {}", who.name), "body": "Hands on.",
                        "starts_at": "2031-06-01T18:00", "ends_at": "2031-06-01T20:00", "time_zone": "UTC"}),
            ),
            false,
        ),
        "GET /api/v1/moderation/queue" => {
            (Method::GET, "/api/v1/moderation/queue".into(), None, false)
        }
        "GET /mod/queue" => (Method::GET, "/mod/queue".into(), None, true),
        "GET /api/v1/applications" => (Method::GET, "/api/v1/applications".into(), None, false),
        "POST /api/v1/invites" => (
            Method::POST,
            "/api/v1/invites".into(),
            Some(json!({"max_uses": 1})),
            false,
        ),
        "PUT /api/v1/members/{author}/trust" => (
            Method::PUT,
            format!("/api/v1/members/{author_id}/trust"),
            Some(json!({"level": 4})),
            false,
        ),
        "GET /api/v1/audit-log" => (Method::GET, "/api/v1/audit-log".into(), None, false),
        "GET /admin/audit" => (Method::GET, "/admin/audit".into(), None, true),
        "POST /api/v1/spaces" => (
            Method::POST,
            "/api/v1/spaces".into(),
            Some(
                json!({"name": "New", "slug": format!("new-{}", who.name), "visibility": "public"}),
            ),
            false,
        ),
        "GET /admin/spaces" => (Method::GET, "/admin/spaces".into(), None, true),
        "GET /admin/branding" => (Method::GET, "/admin/branding".into(), None, true),
        "GET /admin/members" => (Method::GET, "/admin/members".into(), None, true),
        "PATCH /api/v1/community" => (
            Method::PATCH,
            "/api/v1/community".into(),
            Some(json!({"spam_threshold": 80})),
            false,
        ),
        "GET /admin/membership" => (Method::GET, "/admin/membership".into(), None, true),
        "GET /api/v1/groups" => (Method::GET, "/api/v1/groups".into(), None, false),
        "GET /admin/groups" => (Method::GET, "/admin/groups".into(), None, true),
        "GET /api/v1/members" => (Method::GET, "/api/v1/members".into(), None, false),
        "GET /admin/people" => (Method::GET, "/admin/people".into(), None, true),
        "GET /admin/imports" => (Method::GET, "/admin/imports".into(), None, true),
        "GET /admin/insights" => (Method::GET, "/admin/insights".into(), None, true),
        "GET /admin/insights/active.csv" => {
            (Method::GET, "/admin/insights/active.csv".into(), None, true)
        }
        "GET /api/v1/insights/summary" => {
            (Method::GET, "/api/v1/insights/summary".into(), None, false)
        }
        "GET /api/v1/insights/retention" => (
            Method::GET,
            "/api/v1/insights/retention?cohort=month".into(),
            None,
            false,
        ),
        "GET /api/v1/members/suggestions" => (
            Method::GET,
            "/api/v1/members/suggestions".into(),
            None,
            false,
        ),
        "POST /api/v1/activities" => (
            Method::POST,
            "/api/v1/activities".into(),
            Some(
                json!([{"member": format!("{}@example.com", who.name), "channel": "pos", "kind": "purchased", "occurred_at": "2024-03-07T10:00:00Z"}]),
            ),
            false,
        ),
        "POST /admin/people/{id}/erase" => {
            // A contact of their own to erase, so each caller has something to refuse or do.
            let mut import = app
                .state
                .store()
                .begin_import("members", "matrix.csv", "", None)
                .await
                .unwrap();
            let external = format!("erase-{}-{}", who.name, hearth_store::now_millis());
            let target = import
                .person(&hearth_store::people::Sighting {
                    channel: "pos",
                    external_id: &external,
                    email: "",
                    handle: "",
                    name: "To erase",
                })
                .await
                .unwrap();
            import.finish().await.unwrap();
            (
                Method::POST,
                format!("/admin/people/{target}/erase"),
                Some(json!({"confirm": "ERASE"})),
                true,
            )
        }
        other => panic!("the matrix has no request for {other}"),
    };
    if html {
        let mut req = who
            .browser
            .request(method.clone(), app.url(&path))
            .header("Origin", &app.base);
        if let Some(Value::Object(fields)) = &body {
            let form: Vec<(String, String)> = fields
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect();
            req = req.form(&form);
        } else if method == Method::POST {
            req = req.form(&[
                ("title", format!("Page topic by {}", who.name)),
                ("body", "Hello".to_string()),
                ("kind", "discussion".to_string()),
            ]);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(String::from);
        return Some((status, location, Value::Null));
    }
    let (status, v) = app.api(method, &path, who.token.as_deref(), body).await;
    Some((status, None, v))
}
