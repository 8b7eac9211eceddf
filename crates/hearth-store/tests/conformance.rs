//! The store conformance suite: every test runs once on SQLite and once on PostgreSQL.

use hearth_core::model::Grant;
use hearth_core::notifications::{Digest, MailFrequency, NotificationKind};
use hearth_core::values::{Role, Visibility};
use hearth_store::members::NewMember;
use hearth_store::spaces::SpaceFields;
use hearth_store::topics::NewTopic;
use hearth_store::{Store, StoreError, test_support};

/// Runs `$name(store)` on a fresh SQLite and a fresh PostgreSQL database.
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                let db = hearth_store::test_support::sqlite();
                super::$name(db.open().await).await;
            }
            #[tokio::test]
            async fn postgres() {
                let Some(db) = hearth_store::test_support::postgres().await else { return };
                super::$name(db.open().await).await;
            }
        }
    )*};
}

conformance!(
    top_content_counts_live_replies_and_views_by_space_and_author,
    unanswered_newcomers_are_first_topics_nobody_else_answered_in_time,
    goals_are_kept_soonest_first_at_most_twenty_and_deleted_by_id,
    experiments_are_written_once_and_outcomes_follow_each_person,
    sentiment_counts_live_posts_in_the_spaces_asked_and_corrections_win,
    slipping_finds_the_most_active_gone_quiet_for_a_week_to_four,
    setup_creates_community_and_owner_once,
    members_are_unique_by_email_and_handle,
    sessions_and_tokens_resolve_members,
    tokens_expire_list_revoke_and_die_with_a_new_password_or_address,
    erasure_scrubs_names_beyond_ascii_and_only_whole_words,
    spaces_crud_grants_and_slug_conflicts,
    a_space_picture_replaces_the_last_and_outlives_its_uploader,
    pictures_replaced_at_once_leave_no_upload_nobody_holds,
    topics_replies_edits_deletes_and_their_activities,
    topic_pages_are_keyset_paginated,
    jobs_are_claimed_once_and_retried,
    rate_limits_count_in_a_window,
    uploads_round_trip,
    migrations_are_idempotent,
    concurrent_replies_get_distinct_positions,
    questions_take_one_accepted_answer_and_filter_by_it,
    reactions_count_once_per_member_even_at_once,
    notifications_are_written_once_and_read_in_pages,
    idea_votes_are_exact_under_concurrency,
    pinned_topics_leave_the_list_until_unpinned,
    poll_votes_are_exact_and_replaceable,
    mail_routes_digests_deliveries_and_links,
    members_are_suggested_by_prefix,
    ideas_sort_by_recent_votes_and_by_creation,
    flags_gather_on_one_item_and_decisions_resolve_it,
    flags_that_may_not_hide_only_queue_and_the_daily_cap_holds,
    restrictions_run_until_they_end_and_warnings_are_answered_once,
    join_settings_applications_invites_and_customers,
    groups_open_private_spaces_and_record_changes,
    trust_levels_are_measured_and_set,
    screened_posts_wait_and_decisions_teach_the_filter,
    search_finds_visible_live_posts_newest_first,
    profiles_change_once_and_the_directory_filters,
    events_hold_seats_waitlist_check_ins_and_reminders,
    imports_match_people_exactly_write_once_and_roll_back,
    merge_then_unmerge_restores_the_exact_prior_state,
    a_large_import_sets_the_activity_indexes_aside_and_builds_them_again,
    stream_consumers_handle_each_activity_once_across_a_killed_worker,
    stream_consumers_reset_and_replay,
    stream_waits_for_transactions_that_commit_out_of_id_order,
    stream_runs_a_consumer_on_one_node_at_a_time,
    visits_are_hourly_views_aggregate_and_opt_outs_unrecorded,
    insight_rows_come_in_stream_order_with_their_topic_and_answer_author,
);

fn new_member<'a>(email: &'a str, handle: &'a str, role: Role) -> NewMember<'a> {
    NewMember {
        email,
        handle,
        display_name: handle,
        password_hash: Some("$argon2id$fake"),
        role,
    }
}

/// A member joins at 1,500 and asks a question at 2,000 in `space` (which must take
/// questions): (asker, topic, its first post).
async fn ask_a_question(store: &Store, space: i64) -> (i64, i64, i64) {
    let asker = store
        .create_member(&new_member("ask@x.io", "asker", Role::Member), 1_500)
        .await
        .unwrap()
        .id;
    let question = NewTopic {
        kind: "question",
        ..topic(space, asker, "How long does dough rest?")
    };
    let (q, first) = store.create_topic(&question, 2_000).await.unwrap();
    (asker, q, first)
}

async fn owner_and_space(store: &Store) -> (i64, i64) {
    let owner = store
        .setup_community(
            "Bakery",
            "#c2410c",
            &new_member("o@x.io", "owner", Role::Owner),
            1_000,
        )
        .await
        .unwrap();
    let space = store
        .create_space(
            &SpaceFields {
                slug: "general",
                name: "General",
                description: None,
                visibility: Visibility::Public,
            },
            1_000,
        )
        .await
        .unwrap();
    (owner.id, space.id)
}

fn topic<'a>(space_id: i64, author_id: i64, title: &'a str) -> NewTopic<'a> {
    NewTopic {
        space_id,
        author_id,
        title,
        kind: "discussion",
        body_md: "Hello *there*",
        body_html: "<p>Hello <em>there</em></p>",
        pin_scope: None,
        poll: None,
        event: None,
    }
}

async fn setup_creates_community_and_owner_once(store: Store) {
    assert!(store.community().await.unwrap().is_none());
    let owner = store
        .setup_community(
            "Bakery",
            "#c2410c",
            &new_member("o@x.io", "owner", Role::Owner),
            5,
        )
        .await
        .unwrap();
    assert_eq!(owner.role, Role::Owner);
    let c = store.community().await.unwrap().unwrap();
    assert_eq!(
        (c.name.as_str(), c.accent_color.as_str()),
        ("Bakery", "#c2410c")
    );
    let again = store
        .setup_community(
            "Other",
            "#000000",
            &new_member("p@x.io", "p2", Role::Owner),
            6,
        )
        .await;
    assert!(matches!(again, Err(StoreError::AlreadySetUp)), "{again:?}");
    assert_eq!(
        store.member_count().await.unwrap(),
        1,
        "the failed setup wrote nothing"
    );
    let acts = store.activities_after(0, 10).await.unwrap();
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].kind, "joined");
    store
        .update_branding(&hearth_store::community::Branding {
            name: "Crumbs",
            tagline: Some("Fresh daily"),
            accent_color: "#123456",
            logo_upload_id: None,
        })
        .await
        .unwrap();
    assert_eq!(
        store.community().await.unwrap().unwrap().tagline.as_deref(),
        Some("Fresh daily")
    );
    // A new logo deletes the one it replaces; saving again with the same keeps it.
    let brand = |logo| hearth_store::community::Branding {
        name: "Crumbs",
        tagline: None,
        accent_color: "#123456",
        logo_upload_id: logo,
    };
    let first = store
        .insert_upload(None, "image/png", b"one", 7)
        .await
        .unwrap();
    let second = store
        .insert_upload(None, "image/png", b"two", 8)
        .await
        .unwrap();
    store.update_branding(&brand(Some(first))).await.unwrap();
    store.update_branding(&brand(Some(first))).await.unwrap();
    assert!(store.upload(first).await.unwrap().is_some());
    store.update_branding(&brand(Some(second))).await.unwrap();
    assert_eq!(
        store.upload(first).await.unwrap(),
        None,
        "the old logo is gone"
    );
    store.update_branding(&brand(None)).await.unwrap();
    assert_eq!(store.upload(second).await.unwrap(), None);
    let c = store.community().await.unwrap().unwrap();
    assert_eq!(
        (c.default_language.as_str(), c.default_time_zone.as_str()),
        ("en", "UTC")
    );
    store
        .set_community_locale("es", "Europe/Madrid")
        .await
        .unwrap();
    let c = store.community().await.unwrap().unwrap();
    assert_eq!(
        (c.default_language.as_str(), c.default_time_zone.as_str()),
        ("es", "Europe/Madrid")
    );
    store.ping().await.unwrap();
}

async fn members_are_unique_by_email_and_handle(store: Store) {
    let a = store
        .create_member(&new_member("a@x.io", "ana", Role::Member), 10)
        .await
        .unwrap();
    let dup_email = store
        .create_member(&new_member("a@x.io", "other", Role::Member), 11)
        .await;
    assert!(
        matches!(dup_email, Err(StoreError::Conflict { field: "email" })),
        "{dup_email:?}"
    );
    let dup_handle = store
        .create_member(&new_member("b@x.io", "ana", Role::Member), 12)
        .await;
    assert!(
        matches!(dup_handle, Err(StoreError::Conflict { field: "handle" })),
        "{dup_handle:?}"
    );
    let quoted = store
        .create_member(&new_member("q'--@x.io", "robert", Role::Moderator), 13)
        .await
        .unwrap();
    assert_eq!(
        store
            .member_by_email("q'--@x.io")
            .await
            .unwrap()
            .unwrap()
            .id,
        quoted.id
    );
    assert_eq!(
        store.member_by_handle("ana").await.unwrap().unwrap().id,
        a.id
    );
    assert_eq!(store.member(a.id).await.unwrap().unwrap().email, "a@x.io");
    assert_eq!(
        store
            .password_hash_by_email("a@x.io")
            .await
            .unwrap()
            .unwrap()
            .1
            .as_deref(),
        Some("$argon2id$fake")
    );
    assert_eq!(store.member_count().await.unwrap(), 2);
    let page1 = store.members_page(None, 1).await.unwrap();
    assert_eq!(page1[0].handle, "robert");
    let page2 = store
        .members_page(Some((page1[0].created_at, page1[0].id)), 5)
        .await
        .unwrap();
    assert_eq!(
        page2.iter().map(|m| m.handle.as_str()).collect::<Vec<_>>(),
        ["ana"]
    );
    let authors = store.authors(&[a.id, a.id, quoted.id, 999]).await.unwrap();
    assert_eq!(authors.len(), 2);
    // Two joined activities, none for the failed inserts.
    assert_eq!(store.activities_after(0, 100).await.unwrap().len(), 2);
}

async fn sessions_and_tokens_resolve_members(store: Store) {
    let m = store
        .create_member(&new_member("a@x.io", "ana", Role::Member), 10)
        .await
        .unwrap();
    store.create_session("hash1", m.id, 100, 200).await.unwrap();
    assert_eq!(
        store
            .session_member("hash1", 150)
            .await
            .unwrap()
            .unwrap()
            .id,
        m.id
    );
    assert!(
        store.session_member("hash1", 250).await.unwrap().is_none(),
        "expired"
    );
    assert!(store.session_member("nope", 150).await.unwrap().is_none());
    assert_eq!(store.delete_expired_sessions(250).await.unwrap(), 1);
    store.create_session("hash2", m.id, 100, 900).await.unwrap();
    store.delete_session("hash2").await.unwrap();
    assert!(store.session_member("hash2", 150).await.unwrap().is_none());

    store
        .create_api_token(&token(m.id, "ci", "tokhash", None), 100)
        .await
        .unwrap();
    assert_eq!(
        store
            .api_token_member("tokhash", 100_000)
            .await
            .unwrap()
            .unwrap()
            .0
            .id,
        m.id
    );
    // A scoped token with its own rate keeps both, and says so with its member.
    let scoped = store
        .create_api_token(
            &hearth_store::members::NewToken {
                scopes: Some("read,ingest"),
                rate_per_minute: Some(30),
                ..token(m.id, "feed", "tokhash-scoped", None)
            },
            100,
        )
        .await
        .unwrap();
    let (who, grant) = store
        .api_token_member("tokhash-scoped", 100_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (who.id, grant),
        (
            m.id,
            hearth_store::members::TokenGrant {
                id: scoped,
                scopes: Some("read,ingest".into()),
                rate_per_minute: Some(30)
            }
        )
    );
    let listed = store.api_tokens(m.id).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|t| (t.scopes.as_deref(), t.rate_per_minute))
            .collect::<Vec<_>>(),
        vec![(Some("read,ingest"), Some(30)), (None, None)]
    );
    assert!(
        store
            .api_token_member("other", 100_000)
            .await
            .unwrap()
            .is_none()
    );
    let dup = store
        .create_api_token(&token(m.id, "ci2", "tokhash", None), 100)
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict { .. })));
}

/// A token of `member_id` with the member's full rights and the default rate.
fn token<'a>(
    member_id: i64,
    name: &'a str,
    hash: &'a str,
    expires_at: Option<i64>,
) -> hearth_store::members::NewToken<'a> {
    hearth_store::members::NewToken {
        member_id,
        name,
        token_hash: hash,
        expires_at,
        scopes: None,
        rate_per_minute: None,
    }
}

/// Regression: a password reset ended sessions but left API tokens working, tokens could
/// not be listed, revoked or made to expire, and a change of address left the old
/// address's reset links and the member's other sessions alive.
async fn tokens_expire_list_revoke_and_die_with_a_new_password_or_address(store: Store) {
    let m = store
        .create_member(&new_member("tok@x.io", "tok", Role::Member), 100)
        .await
        .unwrap();
    let other = store
        .create_member(&new_member("oth@x.io", "oth", Role::Member), 100)
        .await
        .unwrap();
    let a = store
        .create_api_token(&token(m.id, "laptop", "hash-a", None), 100)
        .await
        .unwrap();
    let b = store
        .create_api_token(&token(m.id, "script", "hash-b", Some(5_000)), 200)
        .await
        .unwrap();
    assert!(
        store
            .api_token_member("hash-b", 4_999)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .api_token_member("hash-b", 5_000)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    let listed = store.api_tokens(m.id).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|t| (t.id, t.name.as_str(), t.expires_at))
            .collect::<Vec<_>>(),
        vec![(b, "script", Some(5_000)), (a, "laptop", None)]
    );
    assert!(
        !store.revoke_api_token(other.id, a, 300).await.unwrap(),
        "another member's token"
    );
    assert!(store.revoke_api_token(m.id, a, 300).await.unwrap());
    assert!(!store.revoke_api_token(m.id, a, 301).await.unwrap(), "once");
    assert!(
        store
            .api_token_member("hash-a", 400)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.api_token(a).await.unwrap().is_none());
    assert_eq!(store.api_tokens(m.id).await.unwrap().len(), 1);

    // A new password keeps only the session that set it, and revokes every token.
    store
        .create_api_token(&token(m.id, "ci", "hash-c", None), 400)
        .await
        .unwrap();
    store
        .create_session("here", m.id, 400, 90_000)
        .await
        .unwrap();
    store
        .create_session("there", m.id, 400, 90_000)
        .await
        .unwrap();
    store
        .reset_password(m.id, "$argon2id$x", Some("here"), 500)
        .await
        .unwrap();
    assert!(store.session_member("here", 600).await.unwrap().is_some());
    assert!(store.session_member("there", 600).await.unwrap().is_none());
    assert!(
        store
            .api_token_member("hash-c", 600)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.api_tokens(m.id).await.unwrap().is_empty());

    // A new address ends the other sessions and spends the old address's links.
    store
        .create_session("there", m.id, 700, 90_000)
        .await
        .unwrap();
    store
        .create_email_token("reset-old", m.id, "reset", "tok@x.io", 700, 90_000)
        .await
        .unwrap();
    store
        .change_member_email(m.id, "new@x.io", Some("here"), 800)
        .await
        .unwrap();
    assert!(store.session_member("here", 900).await.unwrap().is_some());
    assert!(store.session_member("there", 900).await.unwrap().is_none());
    assert!(
        store
            .use_email_token("reset-old", "reset", 900)
            .await
            .unwrap()
            .is_none(),
        "the old address's reset link died"
    );
}

/// Regression: erasure left a name with letters beyond ASCII in other rows' words
/// (SQLite's `lower()` folds ASCII only), and rewrote words that merely contained a name.
async fn erasure_scrubs_names_beyond_ascii_and_only_whole_words(store: Store) {
    let m = store
        .create_member(
            &NewMember {
                display_name: "Émilie Dupont",
                ..new_member("emilie@x.io", "emilie", Role::Member)
            },
            100,
        )
        .await
        .unwrap();
    store
        .claim_delivery(
            "n:1",
            None,
            "ÉMILIE DUPONT replied to your topic",
            200,
            300_000,
        )
        .await
        .unwrap();
    store
        .claim_delivery(
            "n:2",
            None,
            "Émilie Dupontel replied (someone else)",
            200,
            300_000,
        )
        .await
        .unwrap();
    store
        .append_audit(
            &hearth_store::audit::NewAudit::new(
                None,
                hearth_core::audit::AuditAction::IdeaVoteRecorded,
                Some(("topic", 1)),
                Some("for @emilie, asked by émilie dupont"),
                None,
            ),
            200,
        )
        .await
        .unwrap();
    store.erase_member(m.id, None, 300).await.unwrap();
    let subjects: Vec<String> = store
        .db
        .fetch_all(
            "SELECT subject FROM mail_deliveries ORDER BY dedupe_key",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("subject").unwrap())
        .collect();
    assert_eq!(
        subjects,
        vec![
            "[erased] replied to your topic".to_string(),
            "Émilie Dupontel replied (someone else)".to_string()
        ]
    );
    let reasons: Vec<Option<String>> = store
        .db
        .fetch_all(
            "SELECT reason FROM audit_log WHERE action = 'idea.vote_recorded'",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.opt_text("reason").unwrap())
        .collect();
    assert_eq!(
        reasons,
        vec![Some("for @[erased], asked by [erased]".to_string())]
    );
}

async fn a_space_picture_replaces_the_last_and_outlives_its_uploader(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    assert_eq!(
        store.space(space).await.unwrap().unwrap().icon_upload_id,
        None
    );
    let first = store
        .set_space_icon(space, Some(("image/jpeg", b"first")), 10)
        .await
        .unwrap()
        .unwrap();
    let s = store.space(space).await.unwrap().unwrap();
    assert_eq!(s.icon_upload_id, Some(first));
    assert_eq!(
        store.upload(first).await.unwrap(),
        Some(("image/jpeg".to_string(), b"first".to_vec()))
    );
    // Every read of a space carries it, the topic's context included.
    let t = store
        .create_topic(&topic(space, owner, "Hello"), 11)
        .await
        .unwrap();
    let (_, in_context, _) = store.topic_context(t.0).await.unwrap().unwrap();
    assert_eq!(in_context.icon_upload_id, Some(first));
    // A new picture replaces the old one, which is deleted with it.
    let second = store
        .set_space_icon(space, Some(("image/jpeg", b"second")), 12)
        .await
        .unwrap();
    assert_eq!(store.upload(first).await.unwrap(), None);
    assert_eq!(
        store
            .space_by_slug(&s.slug)
            .await
            .unwrap()
            .unwrap()
            .icon_upload_id,
        second
    );
    // Removing it leaves no upload behind; an unknown space is named as not found.
    assert_eq!(store.set_space_icon(space, None, 13).await.unwrap(), None);
    assert_eq!(store.upload(second.unwrap()).await.unwrap(), None);
    assert!(matches!(
        store.set_space_icon(999_999, None, 14).await,
        Err(StoreError::NotFound)
    ));
}

async fn spaces_crud_grants_and_slug_conflicts(store: Store) {
    let f = SpaceFields {
        slug: "news",
        name: "News <b>",
        description: Some("'; DROP TABLE spaces; --"),
        visibility: Visibility::Private,
    };
    let s = store.create_space(&f, 1).await.unwrap();
    assert_eq!(s.description.as_deref(), Some("'; DROP TABLE spaces; --"));
    assert_eq!(s.visibility, Visibility::Private);
    let dup = store.create_space(&f, 2).await;
    assert!(
        matches!(dup, Err(StoreError::Conflict { field: "slug" })),
        "{dup:?}"
    );
    let updated = store
        .update_space(
            s.id,
            &SpaceFields {
                slug: "updates",
                name: "Updates",
                description: None,
                visibility: Visibility::Members,
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.slug, "updates");
    assert!(store.space_by_slug("news").await.unwrap().is_none());
    assert_eq!(store.space(s.id).await.unwrap().unwrap().name, "Updates");
    assert!(matches!(
        store.update_space(999, &f).await,
        Err(StoreError::NotFound)
    ));
    store.set_space_archived(s.id, Some(5)).await.unwrap();
    assert_eq!(
        store.space(s.id).await.unwrap().unwrap().archived_at,
        Some(5)
    );
    assert!(matches!(
        store.set_space_archived(999, None).await,
        Err(StoreError::NotFound)
    ));
    let other = store
        .create_space(
            &SpaceFields {
                slug: "a",
                name: "Alpha",
                description: None,
                visibility: Visibility::Public,
            },
            3,
        )
        .await
        .unwrap();
    let names: Vec<String> = store
        .spaces()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Alpha", "Updates"], "archived last");

    let grants = [Grant::Member(7), Grant::Role(Role::Moderator)];
    store.set_space_grants(other.id, &grants, 9).await.unwrap();
    let mut got = store.space_grants(other.id).await.unwrap();
    got.sort_by_key(|g| format!("{g:?}"));
    assert_eq!(got, [Grant::Member(7), Grant::Role(Role::Moderator)]);
    store.set_space_grants(other.id, &[], 10).await.unwrap();
    assert!(store.space_grants(other.id).await.unwrap().is_empty());
}

async fn topics_replies_edits_deletes_and_their_activities(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    let (t, first) = store
        .create_topic(&topic(space, owner, "First <script>"), 2_000)
        .await
        .unwrap();
    let reply = store
        .create_reply(t, owner, "a reply", "<p>a reply</p>", 3_000)
        .await
        .unwrap();
    let topic_row = store.topic(t).await.unwrap().unwrap();
    assert_eq!(
        (
            topic_row.post_count,
            topic_row.last_post_at,
            topic_row.title.as_str()
        ),
        (2, 3_000, "First <script>")
    );
    let s = store.space(space).await.unwrap().unwrap();
    assert_eq!((s.topic_count, s.post_count), (1, 2));

    store
        .edit_post(
            reply,
            owner,
            ("edited", "<p>edited</p>"),
            None,
            &Default::default(),
            4_000,
        )
        .await
        .unwrap();
    let p = store.post(reply).await.unwrap().unwrap();
    assert_eq!((p.body_md.as_str(), p.edited_at), ("edited", Some(4_000)));
    let revs = store.revisions(reply).await.unwrap();
    assert_eq!(revs.len(), 1);
    assert_eq!(revs[0].body_md, "a reply");

    store.delete_post(reply, owner, None, 5_000).await.unwrap();
    assert!(
        matches!(
            store.delete_post(reply, owner, None, 5_001).await,
            Err(StoreError::NotFound)
        ),
        "twice"
    );
    assert!(
        matches!(
            store
                .edit_post(reply, owner, ("x", "x"), None, &Default::default(), 5_002)
                .await,
            Err(StoreError::NotFound)
        ),
        "deleted posts stay"
    );
    assert_eq!(store.topic(t).await.unwrap().unwrap().post_count, 1);
    let posts = store.posts_page(t, 0, 10).await.unwrap();
    assert_eq!(posts.len(), 2, "deleted posts keep their place");
    assert!(posts[1].post.deleted_at.is_some());
    assert!(posts[0].post.is_first && posts[0].post.id == first);
    assert_eq!(store.post_position(reply).await.unwrap(), Some(2));

    // Deleting the first post deletes the topic.
    store.delete_post(first, owner, None, 6_000).await.unwrap();
    assert!(store.topic(t).await.unwrap().unwrap().deleted_at.is_some());
    assert!(store.topics_page(space, None, 10).await.unwrap().is_empty());
    assert!(matches!(
        store.create_reply(t, owner, "late", "late", 7_000).await,
        Err(StoreError::NotFound)
    ));
    let s = store.space(space).await.unwrap().unwrap();
    assert_eq!((s.topic_count, s.post_count), (0, 0));

    let kinds: Vec<String> = store
        .activities_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "joined",
            "topic_started",
            "replied",
            "post_edited",
            "post_deleted",
            "post_deleted"
        ]
    );
    let (waiting, _, _) = store.job_counts().await.unwrap();
    assert_eq!(waiting, 2, "one post.created job per new post");
    assert_eq!(store.totals().await.unwrap(), (1, 2, 6));

    let (t2, first2) = store
        .create_topic(&topic(space, owner, "Typo titel"), 8_000)
        .await
        .unwrap();
    store
        .edit_post(
            first2,
            owner,
            ("Hello *there*", "<p>Hello <em>there</em></p>"),
            Some("Typo fixed"),
            &Default::default(),
            9_000,
        )
        .await
        .unwrap();
    assert_eq!(store.topic(t2).await.unwrap().unwrap().title, "Typo fixed");
    assert!(
        store.revisions(first2).await.unwrap().is_empty(),
        "the body did not change, so no revision"
    );
    assert_eq!(
        store
            .activities_after(0, 100)
            .await
            .unwrap()
            .last()
            .unwrap()
            .kind,
        "post_edited",
        "a title edit is recorded too"
    );
}

async fn topic_pages_are_keyset_paginated(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    for i in 0..25 {
        // Same timestamp for pairs, to prove the id tie-break.
        store
            .create_topic(
                &topic(space, owner, &format!("Topic {i}")),
                10_000 + (i / 2) * 10,
            )
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.topics_page(space, cursor, 10).await.unwrap();
        if page.is_empty() {
            break;
        }
        cursor = page.last().map(|l| (l.topic.last_post_at, l.topic.id));
        seen.extend(page.into_iter().map(|l| l.topic.title));
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(seen[0], "Topic 24");
    assert_eq!(seen[24], "Topic 0");
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 25, "no topic twice");
    // A reply bumps a topic to the top.
    let oldest = store
        .topics_page(space, cursor.map(|_| (i64::MAX, i64::MAX)), 25)
        .await
        .unwrap()
        .last()
        .unwrap()
        .topic
        .id;
    store
        .create_reply(oldest, owner, "bump", "bump", 99_999)
        .await
        .unwrap();
    assert_eq!(
        store.topics_page(space, None, 1).await.unwrap()[0].topic.id,
        oldest
    );
    let posts = store.posts_page(oldest, 1, 10).await.unwrap();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].position, 2);
    assert_eq!(posts[0].author.handle, "owner");
}

async fn jobs_are_claimed_once_and_retried(store: Store) {
    let mut tx = store.db.begin().await.unwrap();
    use hearth_store::jobs::Job;
    let trust = Job::TrustRecompute {};
    let later_job = Job::PostCreated { post_id: 1 };
    hearth_store::jobs::enqueue(&mut tx, &trust, Some("k1"), 100)
        .await
        .unwrap();
    hearth_store::jobs::enqueue(&mut tx, &trust, Some("k1"), 100)
        .await
        .unwrap();
    hearth_store::jobs::enqueue(&mut tx, &later_job, None, 10_000)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store.job_counts().await.unwrap(),
        (2, 0, 0),
        "dedupe key kept one"
    );
    let job = store.claim_job(200, 1_000).await.unwrap().unwrap();
    assert_eq!((job.decode(), job.attempts), (Ok(trust), 1));
    assert!(
        store.claim_job(300, 1_000).await.unwrap().is_none(),
        "leased, and the other is not due"
    );
    store.fail_job(&job, "boom", 400).await.unwrap();
    assert!(
        store.claim_job(500, 1_000).await.unwrap().is_none(),
        "backing off"
    );
    let again = store.claim_job(4_000, 1_000).await.unwrap().unwrap();
    assert_eq!((again.id, again.attempts), (job.id, 2));
    store.complete_job(again.id, 4_100).await.unwrap();
    let later = store.claim_job(20_000, 1_000).await.unwrap().unwrap();
    assert_eq!(later.payload, "{\"post_id\":1}");
    assert_eq!(later.decode(), Ok(later_job));
    assert_eq!(store.job_counts().await.unwrap(), (1, 1, 0));
    // A job that keeps failing is given up after max_attempts.
    let mut current = later;
    for i in 0..8 {
        store
            .fail_job(&current, "still broken", 20_000 + i)
            .await
            .unwrap();
        match store.claim_job(i64::MAX / 2, 1).await.unwrap() {
            Some(next) => current = next,
            None => break,
        }
    }
    assert_eq!(store.job_counts().await.unwrap().2, 1);
    let dead = store.failed_jobs(10).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(
        (dead[0].kind.as_str(), dead[0].last_error.as_deref()),
        ("post.created", Some("still broken"))
    );
    assert!(store.retry_job(dead[0].id, 30_000).await.unwrap());
    assert!(
        !store.retry_job(dead[0].id, 30_001).await.unwrap(),
        "only failed jobs are retried"
    );
    assert_eq!(store.job_counts().await.unwrap().2, 0);
    let again = store.claim_job(30_000, 1_000).await.unwrap().unwrap();
    assert_eq!((again.id, again.attempts), (dead[0].id, 1));
}

async fn rate_limits_count_in_a_window(store: Store) {
    for i in 0..3 {
        assert!(
            store
                .rate_limit_hit("login:1.2.3.4", 3, 1_000, 100 + i)
                .await
                .unwrap()
        );
    }
    assert!(
        !store
            .rate_limit_hit("login:1.2.3.4", 3, 1_000, 200)
            .await
            .unwrap()
    );
    assert!(
        store
            .rate_limit_hit("login:5.6.7.8", 3, 1_000, 200)
            .await
            .unwrap(),
        "buckets are separate"
    );
    assert!(
        store
            .rate_limit_hit("login:1.2.3.4", 3, 1_000, 1_200)
            .await
            .unwrap(),
        "window passed"
    );
}

async fn uploads_round_trip(store: Store) {
    let bytes = [0u8, 159, 146, 150, 255];
    let id = store
        .insert_upload(None, "image/png", &bytes, 1)
        .await
        .unwrap();
    assert_eq!(
        store.upload(id).await.unwrap(),
        Some(("image/png".to_string(), bytes.to_vec()))
    );
    assert!(store.upload(id + 1).await.unwrap().is_none());
}

async fn migrations_are_idempotent(store: Store) {
    hearth_store::migrate::run(&store.db).await.unwrap();
    hearth_store::migrate::run(&store.db).await.unwrap();
    let n = store
        .db
        .fetch_one("SELECT COUNT(*) AS n FROM schema_migrations", &[])
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(n as usize, hearth_store::migrate::MIGRATIONS.len());
}

async fn concurrent_replies_get_distinct_positions(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    let (t, _) = store
        .create_topic(&topic(space, owner, "Busy"), 1)
        .await
        .unwrap();
    let mut handles = Vec::new();
    for i in 0..20 {
        let s = store.clone();
        handles.push(tokio::spawn(async move {
            s.create_reply(t, owner, "r", "r", 10 + i).await
        }));
    }
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let posts = store.posts_page(t, 0, 100).await.unwrap();
    let positions: Vec<i64> = posts.iter().map(|p| p.position).collect();
    assert_eq!(positions, (1..=21).collect::<Vec<_>>());
    assert_eq!(store.topic(t).await.unwrap().unwrap().post_count, 21);
}

#[test]
fn migrations_are_in_step_across_dialects() {
    for (version, name, sqlite, postgres) in hearth_store::migrate::MIGRATIONS {
        let tables = |sql: &str| -> Vec<String> {
            sql.lines()
                .filter_map(|l| {
                    l.strip_prefix("CREATE TABLE ")
                        // A full-text index: an FTS5 table on SQLite, a GIN index on
                        // PostgreSQL, under the same name.
                        .or_else(|| l.strip_prefix("CREATE VIRTUAL TABLE "))
                        .or_else(|| l.strip_prefix("CREATE UNIQUE INDEX "))
                        .or_else(|| l.strip_prefix("CREATE INDEX "))
                })
                .map(|rest| {
                    rest.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string()
                })
                .collect()
        };
        // The stream's (txid, id) index: on SQLite txid is always 0 and the stream walks
        // the primary key, so the index would only cost space.
        const POSTGRES_ONLY: &[&str] = &["activities_stream"];
        let postgres: Vec<String> = tables(postgres)
            .into_iter()
            .filter(|t| !POSTGRES_ONLY.contains(&t.as_str()))
            .collect();
        assert_eq!(
            tables(sqlite),
            postgres,
            "migration {version} {name} declares the same tables and indexes"
        );
    }
}

#[tokio::test]
async fn sqlite_backup_is_a_working_copy() {
    let db = test_support::sqlite();
    let store = db.open().await;
    owner_and_space(&store).await;
    let dir = std::env::temp_dir().join(format!("hearth-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("copy.db");
    let _ = std::fs::remove_file(&target);
    store.backup_sqlite(&target).await.unwrap();
    let copy = Store::open(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    assert_eq!(copy.community().await.unwrap().unwrap().name, "Bakery");
    assert_eq!(copy.spaces().await.unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

async fn questions_take_one_accepted_answer_and_filter_by_it(store: Store) {
    use hearth_core::values::TopicKind;
    let (owner, space) = owner_and_space(&store).await;
    assert_eq!(
        store.space(space).await.unwrap().unwrap().allowed_kinds,
        TopicKind::ALL,
        "a new space takes every kind"
    );
    store
        .set_space_kinds(space, &[TopicKind::Question])
        .await
        .unwrap();
    assert_eq!(
        store.space(space).await.unwrap().unwrap().allowed_kinds,
        [TopicKind::Question]
    );
    let (asker, q, first) = ask_a_question(&store, space).await;
    let (d, _) = store
        .create_topic(&topic(space, owner, "Chat"), 2_100)
        .await
        .unwrap();
    // The asker's own follow-up is not a first response; the owner's reply is.
    store
        .create_reply(q, asker, "more detail", "more detail", 2_500)
        .await
        .unwrap();
    assert_eq!(store.topic(q).await.unwrap().unwrap().first_reply_at, None);
    let answer = store
        .create_reply(q, owner, "an hour", "an hour", 3_000)
        .await
        .unwrap();
    let other = store
        .create_reply(q, owner, "or two", "or two", 3_500)
        .await
        .unwrap();
    assert_eq!(
        store.topic(q).await.unwrap().unwrap().first_reply_at,
        Some(3_000)
    );

    let unanswered = |store: Store| async move {
        store
            .topics_page_filtered(space, None, Some(false), 10)
            .await
            .unwrap()
    };
    assert_eq!(
        unanswered(store.clone())
            .await
            .iter()
            .map(|l| l.topic.id)
            .collect::<Vec<_>>(),
        [q],
        "discussions are never unanswered"
    );
    // Only a live reply in the same question can be accepted.
    assert!(
        matches!(
            store.accept_answer(q, first, asker, 4_000).await,
            Err(StoreError::NotFound)
        ),
        "not the question itself"
    );
    assert!(
        matches!(
            store.accept_answer(d, answer, owner, 4_000).await,
            Err(StoreError::NotFound)
        ),
        "not in a discussion"
    );
    store.accept_answer(q, answer, asker, 4_000).await.unwrap();
    let t = store.topic(q).await.unwrap().unwrap();
    assert_eq!(
        (t.answer_post_id, t.answered_at),
        (Some(answer), Some(4_000))
    );
    store.accept_answer(q, other, asker, 5_000).await.unwrap();
    let t = store.topic(q).await.unwrap().unwrap();
    assert_eq!(
        (t.answer_post_id, t.answered_at),
        (Some(other), Some(4_000)),
        "the first acceptance time is kept"
    );
    assert!(unanswered(store.clone()).await.is_empty());
    let answered = store
        .topics_page_filtered(space, None, Some(true), 10)
        .await
        .unwrap();
    assert_eq!(answered.len(), 1);
    // Deleting the accepted answer leaves the question unanswered again.
    store.delete_post(other, owner, None, 6_000).await.unwrap();
    assert_eq!(store.topic(q).await.unwrap().unwrap().answer_post_id, None);
    store.accept_answer(q, answer, asker, 7_000).await.unwrap();
    store.unaccept_answer(q, asker, 8_000).await.unwrap();
    assert!(matches!(
        store.unaccept_answer(q, asker, 8_100).await,
        Err(StoreError::NotFound)
    ));
    let kinds: Vec<String> = store
        .activities_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(
        kinds[2..],
        [
            "question_asked",
            "topic_started",
            "replied",
            "replied",
            "replied",
            "answer_accepted",
            "answer_accepted",
            "post_deleted",
            "answer_accepted",
            "answer_unaccepted"
        ]
    );
}

async fn reactions_count_once_per_member_even_at_once(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    let (t, first) = store
        .create_topic(&topic(space, owner, "React to me"), 1_000)
        .await
        .unwrap();
    let reply = store
        .create_reply(t, owner, "me too", "me too", 1_100)
        .await
        .unwrap();
    let mut members = Vec::new();
    let mut tx = store.db.begin().await.unwrap();
    for i in 0..100 {
        let email = format!("m{i}@x.io");
        let handle = format!("m{i}");
        members.push(
            hearth_store::members::create_member_in(
                &mut tx,
                &new_member(&email, &handle, Role::Member),
                1_200,
            )
            .await
            .unwrap()
            .id,
        );
    }
    tx.commit().await.unwrap();
    // 100 members react at once, and each sends the request twice.
    let mut tasks = Vec::new();
    for &m in &members {
        for _ in 0..2 {
            let s = store.clone();
            tasks.push(tokio::spawn(async move {
                s.add_reaction(first, m, "like", 2_000).await.unwrap()
            }));
        }
    }
    let mut added = 0;
    for t in tasks {
        if t.await.unwrap() {
            added += 1;
        }
    }
    assert_eq!(
        added, 100,
        "exactly one of each member's two requests counted"
    );
    let rows = store.reactions_for_page(t, 0, 20).await.unwrap();
    assert_eq!(
        rows.iter()
            .filter(|r| r.post_id == first && r.reaction == "like")
            .count(),
        100
    );
    assert!(
        store
            .add_reaction(reply, members[0], "heart", 3_000)
            .await
            .unwrap()
    );
    assert!(
        store
            .remove_reaction(reply, members[0], "heart", 3_100)
            .await
            .unwrap()
    );
    assert!(
        !store
            .remove_reaction(reply, members[0], "heart", 3_200)
            .await
            .unwrap(),
        "nothing to take back"
    );
    assert_eq!(
        store.reactions_for_page(t, 1, 2).await.unwrap().len(),
        0,
        "page bounds are by position"
    );
    let acts = store.activities_after(0, 1000).await.unwrap();
    assert_eq!(acts.iter().filter(|a| a.kind == "reacted").count(), 101);
    assert_eq!(acts.iter().filter(|a| a.kind == "unreacted").count(), 1);
    store.delete_post(reply, owner, None, 4_000).await.unwrap();
    assert!(
        matches!(
            store.add_reaction(reply, owner, "like", 4_100).await,
            Err(StoreError::NotFound)
        ),
        "deleted posts take no reactions"
    );
}

async fn notifications_are_written_once_and_read_in_pages(store: Store) {
    use hearth_store::notifications::{MailRoute, NewNotification};
    let (owner, space) = owner_and_space(&store).await;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_100)
        .await
        .unwrap()
        .id;
    let (t, first) = store
        .create_topic(&topic(space, owner, "Hello"), 1_200)
        .await
        .unwrap();
    let keys: Vec<String> = (0..35).map(|i| format!("test:{i}")).collect();
    let batch: Vec<NewNotification<'_>> = keys
        .iter()
        .map(|k| NewNotification {
            member_id: owner,
            kind: NotificationKind::Reply,
            actor_id: Some(ana),
            topic_id: Some(t),
            post_id: Some(first),
            dedupe_key: k,
            mail: MailRoute::None,
        })
        .collect();
    assert_eq!(store.notify(&batch, 2_000).await.unwrap(), 35);
    assert_eq!(
        store.notify(&batch, 2_001).await.unwrap(),
        0,
        "the same keys write nothing"
    );
    assert_eq!(store.unread_notifications(owner).await.unwrap(), 35);
    assert_eq!(store.notifications_for_post(first).await.unwrap(), 35);
    assert_eq!(store.notifications_for_post(first + 1).await.unwrap(), 0);
    assert_eq!(store.unread_notifications(ana).await.unwrap(), 0);
    let page = store.notifications_page(owner, None, 30).await.unwrap();
    assert_eq!(page.len(), 30);
    assert_eq!(
        (
            page[0].actor_name.as_deref(),
            page[0].topic_title.as_deref()
        ),
        (Some("ana"), Some("Hello"))
    );
    let rest = store
        .notifications_page(owner, Some(page[29].id), 30)
        .await
        .unwrap();
    assert_eq!(rest.len(), 5);
    assert_eq!(
        store
            .mark_notifications_read(owner, Some(rest[0].id), 3_000)
            .await
            .unwrap(),
        5
    );
    assert_eq!(
        store.unread_notifications(owner).await.unwrap(),
        30,
        "only the oldest five"
    );
    assert_eq!(
        store
            .mark_notifications_read(owner, None, 3_100)
            .await
            .unwrap(),
        30
    );
    assert_eq!(store.unread_notifications(owner).await.unwrap(), 0);
    let mine = store.topics_by_author(owner, 10).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert!(store.topics_by_author(ana, 10).await.unwrap().is_empty());
    use hearth_store::watches::Watched;
    let ids = |ms: Vec<hearth_core::model::Member>| ms.iter().map(|m| m.id).collect::<Vec<_>>();
    for watched in [Watched::Space(space), Watched::Topic(t)] {
        assert!(store.set_watch(watched, ana, true, 5_000).await.unwrap());
        assert!(
            !store.set_watch(watched, ana, true, 5_001).await.unwrap(),
            "watching twice changes nothing"
        );
        assert!(store.set_watch(watched, owner, true, 5_001).await.unwrap());
        assert!(store.is_watching(watched, ana).await.unwrap());
        assert_eq!(
            ids(store.watchers(watched, 0, 10).await.unwrap()),
            [owner, ana]
        );
        assert_eq!(
            ids(store.watchers(watched, owner, 10).await.unwrap()),
            [ana]
        );
        assert_eq!(ids(store.watchers(watched, 0, 1).await.unwrap()), [owner]);
        assert_eq!(store.watcher_count(watched).await.unwrap(), 2);
        assert!(store.set_watch(watched, ana, false, 5_002).await.unwrap());
        assert!(!store.set_watch(watched, ana, false, 5_003).await.unwrap());
        assert!(!store.is_watching(watched, ana).await.unwrap());
        assert_eq!(ids(store.watchers(watched, 0, 10).await.unwrap()), [owner]);
    }
    assert!(
        !store
            .is_watching(Watched::Topic(t + 1), owner)
            .await
            .unwrap()
    );
}

async fn idea_votes_are_exact_under_concurrency(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    let (idea, _) = store
        .create_topic(
            &NewTopic {
                kind: "idea",
                ..topic(space, owner, "Rye bread")
            },
            1_000,
        )
        .await
        .unwrap();
    let (discussion, _) = store
        .create_topic(&topic(space, owner, "Chat"), 1_000)
        .await
        .unwrap();
    let mut members = Vec::new();
    let mut tx = store.db.begin().await.unwrap();
    for i in 0..100 {
        let (email, handle) = (format!("v{i}@x.io"), format!("v{i}"));
        members.push(
            hearth_store::members::create_member_in(
                &mut tx,
                &new_member(&email, &handle, Role::Member),
                1_100,
            )
            .await
            .unwrap()
            .id,
        );
    }
    tx.commit().await.unwrap();
    let mut tasks = Vec::new();
    for &m in &members {
        for _ in 0..2 {
            let s = store.clone();
            tasks.push(tokio::spawn(async move {
                s.vote_idea(idea, m, None, 2_000).await.unwrap()
            }));
        }
    }
    let mut counted = 0;
    for t in tasks {
        counted += t.await.unwrap() as i64;
    }
    assert_eq!(counted, 100);
    assert_eq!(store.topic(idea).await.unwrap().unwrap().vote_count, 100);
    assert!(store.has_voted(idea, members[0]).await.unwrap());
    assert!(store.unvote_idea(idea, members[0], 3_000).await.unwrap());
    assert!(!store.unvote_idea(idea, members[0], 3_001).await.unwrap());
    assert_eq!(store.topic(idea).await.unwrap().unwrap().vote_count, 99);
    assert!(
        matches!(
            store.vote_idea(discussion, owner, None, 3_000).await,
            Err(StoreError::NotFound)
        ),
        "discussions take no votes"
    );
    store
        .vote_idea(idea, members[0], Some(owner), 3_100)
        .await
        .unwrap();
    let voters = store.idea_voters(idea, 0, 60).await.unwrap();
    assert_eq!(voters.len(), 60);
    assert_eq!(
        store
            .idea_voters(idea, *voters.last().unwrap(), 60)
            .await
            .unwrap()
            .len(),
        40
    );
    let change = store
        .set_idea_status(idea, "planned", Some("Soon"), owner, 4_000)
        .await
        .unwrap();
    assert!(change > 0);
    let t = store.topic(idea).await.unwrap().unwrap();
    assert_eq!(
        (t.idea_status.as_deref(), t.status_note.as_deref()),
        (Some("planned"), Some("Soon"))
    );
    let by_votes = store.topics_by_votes(space, None, 10).await.unwrap();
    assert_eq!(by_votes[0].topic.id, idea);
    assert_eq!(
        store
            .topics_by_votes(space, Some((by_votes[0].topic.vote_count, idea)), 10)
            .await
            .unwrap()[0]
            .topic
            .id,
        discussion
    );
    let (waiting, _, _) = store.job_counts().await.unwrap();
    assert!(
        waiting >= 1,
        "the status change enqueued its notification job"
    );
    // A duplicate with two voters, one of whom also voted for the original.
    let (dup, _) = store
        .create_topic(
            &NewTopic {
                kind: "idea",
                ..topic(space, owner, "Rye loaves")
            },
            5_000,
        )
        .await
        .unwrap();
    store.vote_idea(dup, members[1], None, 5_100).await.unwrap();
    store.vote_idea(dup, owner, None, 5_200).await.unwrap();
    store.merge_idea(dup, idea, owner, 6_000).await.unwrap();
    assert_eq!(
        store.topic(idea).await.unwrap().unwrap().vote_count,
        101,
        "100 before, plus the owner; members[1] counted once"
    );
    let dup_row = store.topic(dup).await.unwrap().unwrap();
    assert_eq!((dup_row.vote_count, dup_row.merged_into), (0, Some(idea)));
    assert!(
        matches!(
            store.vote_idea(dup, members[2], None, 6_100).await,
            Err(StoreError::NotFound)
        ),
        "a merged idea takes no votes"
    );
    assert!(
        matches!(
            store.merge_idea(dup, idea, owner, 6_200).await,
            Err(StoreError::NotFound)
        ),
        "merging twice"
    );
}

async fn pinned_topics_leave_the_list_until_unpinned(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    let (plain, _) = store
        .create_topic(&topic(space, owner, "Chat"), 1_000)
        .await
        .unwrap();
    let (news, _) = store
        .create_topic(
            &NewTopic {
                kind: "announcement",
                pin_scope: Some("community"),
                ..topic(space, owner, "News")
            },
            2_000,
        )
        .await
        .unwrap();
    let listed: Vec<i64> = store
        .topics_page(space, None, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.topic.id)
        .collect();
    assert_eq!(listed, [plain]);
    assert_eq!(store.pinned_topics(space).await.unwrap()[0].topic.id, news);
    assert_eq!(
        store.community_pins().await.unwrap()[0]
            .topic
            .pin_scope
            .as_deref(),
        Some("community")
    );
    store
        .set_pin(news, Some("space"), owner, 3_000)
        .await
        .unwrap();
    assert!(store.community_pins().await.unwrap().is_empty());
    store.set_pin(news, None, owner, 4_000).await.unwrap();
    assert!(store.pinned_topics(space).await.unwrap().is_empty());
    let listed: Vec<i64> = store
        .topics_page(space, None, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.topic.id)
        .collect();
    assert_eq!(listed, [news, plain]);
    assert!(matches!(
        store.set_pin(9_999, Some("space"), owner, 5_000).await,
        Err(StoreError::NotFound)
    ));
}

async fn poll_votes_are_exact_and_replaceable(store: Store) {
    use hearth_store::polls::{NewPoll, PollVoteError};
    let (owner, space) = owner_and_space(&store).await;
    let options = vec!["Rye".to_string(), "Spelt".to_string()];
    let poll = NewPoll {
        options: &options,
        multiple: false,
        closes_at: Some(10_000),
        results: "after_vote",
    };
    let (t, _) = store
        .create_topic(
            &NewTopic {
                kind: "poll",
                poll: Some(&poll),
                ..topic(space, owner, "Pick")
            },
            1_000,
        )
        .await
        .unwrap();
    let p = store.poll(t).await.unwrap().unwrap();
    assert_eq!(
        (p.options.len(), p.multiple, p.closes_at),
        (2, false, Some(10_000))
    );
    let (rye, spelt) = (p.options[0].0, p.options[1].0);
    let mut members = Vec::new();
    let mut tx = store.db.begin().await.unwrap();
    for i in 0..100 {
        let (email, handle) = (format!("p{i}@x.io"), format!("p{i}"));
        members.push(
            hearth_store::members::create_member_in(
                &mut tx,
                &new_member(&email, &handle, Role::Member),
                1_100,
            )
            .await
            .unwrap()
            .id,
        );
    }
    tx.commit().await.unwrap();
    let mut tasks = Vec::new();
    for &m in &members {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.vote_poll(t, m, &[rye], 2_000).await.unwrap().unwrap()
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let p = store.poll(t).await.unwrap().unwrap();
    assert_eq!((p.options[0].2, p.voters), (100, 100));
    store
        .vote_poll(t, members[0], &[spelt], 3_000)
        .await
        .unwrap()
        .unwrap();
    let p = store.poll(t).await.unwrap().unwrap();
    assert_eq!((p.options[0].2, p.options[1].2, p.voters), (99, 1, 100));
    assert_eq!(store.my_poll_votes(t, members[0]).await.unwrap(), [spelt]);
    assert_eq!(
        store.vote_poll(t, owner, &[9_999], 4_000).await.unwrap(),
        Err(PollVoteError::UnknownOption)
    );
    assert_eq!(
        store.vote_poll(t, owner, &[rye], 10_000).await.unwrap(),
        Err(PollVoteError::Closed)
    );
    assert_eq!(
        store.poll(t).await.unwrap().unwrap().voters,
        100,
        "refused votes change nothing"
    );
}

async fn mail_routes_digests_deliveries_and_links(store: Store) {
    use hearth_store::mail::Claim;
    use hearth_store::notifications::{MailRoute, NewNotification};
    let (owner, space) = owner_and_space(&store).await;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_100)
        .await
        .unwrap();
    let (t, first) = store
        .create_topic(&topic(space, owner, "Rye"), 1_200)
        .await
        .unwrap();

    // Preferences: set, overwrite, read per member and per batch of members.
    store
        .set_notification_prefs(
            ana.id,
            &[
                (NotificationKind::Reply, MailFrequency::Never),
                (NotificationKind::NewTopic, MailFrequency::Weekly),
            ],
        )
        .await
        .unwrap();
    store
        .set_notification_prefs(ana.id, &[(NotificationKind::Reply, MailFrequency::Daily)])
        .await
        .unwrap();
    assert_eq!(
        store.notification_prefs(ana.id).await.unwrap(),
        vec![
            (NotificationKind::NewTopic, MailFrequency::Weekly),
            (NotificationKind::Reply, MailFrequency::Daily)
        ]
    );
    assert_eq!(
        store
            .frequencies_for(NotificationKind::Reply, owner, ana.id)
            .await
            .unwrap(),
        vec![(ana.id, MailFrequency::Daily)]
    );
    assert!(
        store
            .frequencies_for(NotificationKind::Reply, ana.id + 1, ana.id + 9)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .db
            .execute(
                "INSERT INTO notification_prefs (member_id, kind, frequency) VALUES ($1, 'reply', 'hourly')",
                &[hearth_store::Arg::I64(ana.id)],
            )
            .await
            .is_err(),
        "the database refuses an unknown frequency too"
    );

    // Routing: an immediate notification enqueues its mail job in the same transaction;
    // a digest one waits; a read one is never in a digest.
    store.settle_backlog(1_500).await.unwrap();
    let (jobs_before, _, _) = store.job_counts().await.unwrap();
    let n = |key: &'static str, member_id: i64, mail: MailRoute| NewNotification {
        member_id,
        kind: NotificationKind::Reply,
        actor_id: Some(owner),
        topic_id: Some(t),
        post_id: Some(first),
        dedupe_key: key,
        mail,
    };
    let batch = [
        n("m:1", owner, MailRoute::Immediately),
        n("m:2", ana.id, MailRoute::Digest(Digest::Daily)),
        n("m:3", ana.id, MailRoute::Digest(Digest::Daily)),
        n("m:4", ana.id, MailRoute::Digest(Digest::Weekly)),
        n("m:5", ana.id, MailRoute::None),
    ];
    assert_eq!(store.notify(&batch, 2_000).await.unwrap(), 5);
    assert_eq!(
        store.notify(&batch, 2_001).await.unwrap(),
        0,
        "written once, mail job too"
    );
    let (jobs_after, _, _) = store.job_counts().await.unwrap();
    assert_eq!(jobs_after - jobs_before, 1);
    let job = store.claim_job(10_000, 1_000).await.unwrap().unwrap();
    assert!(matches!(
        job.decode(),
        Ok(hearth_store::jobs::Job::MailNotification { .. })
    ));
    let id: i64 = job
        .payload
        .trim_start_matches("{\"notification_id\":")
        .trim_end_matches('}')
        .parse()
        .unwrap();
    let pending = store.pending_mail(id).await.unwrap().unwrap();
    assert_eq!((pending.member_id, pending.kind.as_str()), (owner, "reply"));
    assert_eq!(pending.topic_title.as_deref(), Some("Rye"));
    assert_eq!(pending.post_body.as_deref(), Some("Hello *there*"));
    assert_eq!(pending.actor_name.as_deref(), Some("owner"));
    assert!(store.pending_mail(id + 1000).await.unwrap().is_none());

    assert_eq!(
        store.digest_recipients(Digest::Daily, 0, 10).await.unwrap(),
        vec![ana.id]
    );
    assert!(
        store
            .digest_recipients(Digest::Daily, ana.id, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let daily = store.digest_items(ana.id, Digest::Daily, 10).await.unwrap();
    assert_eq!(daily.len(), 2);
    assert_eq!(
        store
            .digest_items(ana.id, Digest::Daily, 1)
            .await
            .unwrap()
            .len(),
        1
    );
    let weekly = store
        .digest_items(ana.id, Digest::Weekly, 10)
        .await
        .unwrap();
    assert_eq!(weekly.len(), 1);
    store
        .queue_for_digest(&[weekly[0].id], Digest::Daily)
        .await
        .unwrap();
    assert_eq!(
        store
            .digest_items(ana.id, Digest::Daily, 10)
            .await
            .unwrap()
            .len(),
        3
    );
    store
        .mark_notifications_read(ana.id, Some(daily[0].id), 2_500)
        .await
        .unwrap();
    assert_eq!(
        store
            .digest_items(ana.id, Digest::Daily, 10)
            .await
            .unwrap()
            .len(),
        2,
        "read ones are not mailed"
    );
    let ids: Vec<i64> = store
        .digest_items(ana.id, Digest::Daily, 10)
        .await
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    store.mark_emailed(&ids, 3_000).await.unwrap();
    assert!(
        store
            .digest_items(ana.id, Digest::Daily, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .digest_recipients(Digest::Daily, 0, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .pending_mail(ids[0])
            .await
            .unwrap()
            .unwrap()
            .emailed_at,
        Some(3_000)
    );

    // The ledger: one claim wins; a failure releases; an old unfinished claim is abandoned.
    assert_eq!(
        store
            .claim_delivery("k1", Some(owner), "Hi", 5_000, 60_000)
            .await
            .unwrap(),
        Claim::Claimed
    );
    assert_eq!(
        store
            .claim_delivery("k1", Some(owner), "Hi", 5_001, 60_000)
            .await
            .unwrap(),
        Claim::InProgress
    );
    assert_eq!(
        store
            .claim_delivery("k1", Some(owner), "Hi", 70_000, 60_000)
            .await
            .unwrap(),
        Claim::Abandoned
    );
    store.release_delivery("k1").await.unwrap();
    assert_eq!(
        store
            .claim_delivery("k1", Some(owner), "Hi", 80_000, 60_000)
            .await
            .unwrap(),
        Claim::Claimed
    );
    store.delivery_sent("k1", 80_100).await.unwrap();
    store.release_delivery("k1").await.unwrap();
    assert_eq!(
        store
            .claim_delivery("k1", None, "Hi", 90_000, 60_000)
            .await
            .unwrap(),
        Claim::Sent
    );
    let recent = store.recent_deliveries(10).await.unwrap();
    assert_eq!(recent.len(), 1);
    assert_eq!(
        (recent[0].state.as_str(), recent[0].sent_at),
        ("sent", Some(80_100))
    );

    // Single-use links: expire, are used once, and one use spends the member's others.
    store
        .create_email_token("h1", ana.id, "reset", "ana@x.io", 1_000, 5_000)
        .await
        .unwrap();
    store
        .create_email_token("h2", ana.id, "reset", "ana@x.io", 1_000, 5_000)
        .await
        .unwrap();
    store
        .create_email_token("h3", ana.id, "confirm", "ana@x.io", 1_000, 5_000)
        .await
        .unwrap();
    assert!(store.email_token_valid("h1", "reset", 2_000).await.unwrap());
    assert!(
        !store.email_token_valid("h1", "reset", 5_000).await.unwrap(),
        "expired"
    );
    assert!(
        !store
            .email_token_valid("h1", "confirm", 2_000)
            .await
            .unwrap(),
        "wrong purpose"
    );
    assert!(
        store
            .use_email_token("h1", "reset", 6_000)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    let used = store
        .use_email_token("h2", "reset", 2_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((used.member_id, used.email.as_str()), (ana.id, "ana@x.io"));
    assert!(
        store
            .use_email_token("h2", "reset", 2_001)
            .await
            .unwrap()
            .is_none(),
        "once"
    );
    assert!(
        store
            .use_email_token("h1", "reset", 2_001)
            .await
            .unwrap()
            .is_none(),
        "spent by h2"
    );
    assert!(
        store
            .use_email_token("h3", "confirm", 2_001)
            .await
            .unwrap()
            .is_some(),
        "other purposes stay"
    );

    // Account changes.
    assert!(
        !store
            .confirm_member_email(ana.id, "old@x.io", 3_000)
            .await
            .unwrap()
    );
    assert!(
        store
            .confirm_member_email(ana.id, "ana@x.io", 3_000)
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .member(ana.id)
            .await
            .unwrap()
            .unwrap()
            .email_confirmed_at,
        Some(3_000)
    );
    assert!(matches!(
        store
            .change_member_email(ana.id, "o@x.io", None, 3_100)
            .await,
        Err(StoreError::Conflict { field: "email" })
    ));
    store
        .change_member_email(ana.id, "ana@rye.io", None, 3_200)
        .await
        .unwrap();
    assert_eq!(
        store
            .member_by_email("ana@rye.io")
            .await
            .unwrap()
            .unwrap()
            .id,
        ana.id
    );
    store
        .create_session("sess", ana.id, 3_000, 9_000)
        .await
        .unwrap();
    store
        .reset_password(ana.id, "$argon2id$new", None, 4_000)
        .await
        .unwrap();
    assert!(
        store.session_member("sess", 4_000).await.unwrap().is_none(),
        "sessions end"
    );
    assert_eq!(
        store
            .password_hash_by_email("ana@rye.io")
            .await
            .unwrap()
            .unwrap()
            .1
            .as_deref(),
        Some("$argon2id$new")
    );

    // Secrets: the first writer wins.
    assert_eq!(
        store.secret("unsubscribe", "first", 1).await.unwrap(),
        "first"
    );
    assert_eq!(
        store.secret("unsubscribe", "second", 2).await.unwrap(),
        "first"
    );

    // Scheduled jobs are enqueued once per key.
    let jobs = [(
        hearth_store::jobs::Job::DigestRun {
            digest: "daily".into(),
            date: "x".into(),
        },
        "digest.run:daily:x".to_string(),
    )];
    let (before, _, _) = store.job_counts().await.unwrap();
    store.enqueue_jobs(&jobs, 1).await.unwrap();
    store.enqueue_jobs(&jobs, 2).await.unwrap();
    assert_eq!(store.job_counts().await.unwrap().0, before + 1);
}

async fn members_are_suggested_by_prefix(store: Store) {
    owner_and_space(&store).await;
    for (email, handle, name) in [
        ("a@x.io", "ana", "Ana Okafor"),
        ("b@x.io", "anatole", "Anatole"),
        ("c@x.io", "ben", "Ananya Rao"),
        ("d@x.io", "a_b", "Underscore"),
        ("e@x.io", "axb", "Not underscore"),
    ] {
        store
            .create_member(
                &NewMember {
                    display_name: name,
                    ..new_member(email, handle, Role::Member)
                },
                1_100,
            )
            .await
            .unwrap();
    }
    let handles = |found: Vec<hearth_core::model::Author>| -> Vec<String> {
        found.into_iter().map(|a| a.handle).collect()
    };
    assert_eq!(
        handles(store.members_by_prefix("An", 8).await.unwrap()),
        vec!["ana", "anatole", "ben"],
        "handles first, then names, any case"
    );
    assert_eq!(
        handles(store.members_by_prefix("ana", 1).await.unwrap()),
        vec!["ana"]
    );
    assert_eq!(
        handles(store.members_by_prefix("a_", 8).await.unwrap()),
        vec!["a_b"],
        "_ matches itself"
    );
    assert!(store.members_by_prefix("%", 8).await.unwrap().is_empty());
    assert!(store.members_by_prefix("zz", 8).await.unwrap().is_empty());
    // Regression: members who hide from the directory were suggested all the same.
    let anatole = store.member_by_handle("anatole").await.unwrap().unwrap();
    store
        .set_profile(
            anatole.id,
            &hearth_store::profiles::Profile {
                bio: String::new(),
                location: String::new(),
                links: Vec::new(),
                hide_from_directory: true,
                hide_activity: false,
                language: String::new(),
                time_zone: String::new(),
                display_name: None,
            },
            1_200,
        )
        .await
        .unwrap();
    assert_eq!(
        handles(store.members_by_prefix("An", 8).await.unwrap()),
        vec!["ana", "ben"]
    );
}

async fn ideas_sort_by_recent_votes_and_by_creation(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    let idea = |title: &'static str| NewTopic {
        kind: "idea",
        ..topic(space, owner, title)
    };
    let (old, _) = store
        .create_topic(&idea("Old favourite"), 1_000)
        .await
        .unwrap();
    let (new, _) = store
        .create_topic(&idea("New hotness"), 2_000)
        .await
        .unwrap();
    let (quiet, _) = store.create_topic(&idea("Quiet one"), 3_000).await.unwrap();
    let mut members = Vec::new();
    for i in 0..5 {
        let email = format!("v{i}@x.io");
        let handle = format!("v{i}");
        members.push(
            store
                .create_member(&new_member(&email, &handle, Role::Member), 1_000)
                .await
                .unwrap()
                .id,
        );
    }
    // Old: four votes long ago. New: two votes lately.
    for m in &members[..4] {
        store.vote_idea(old, *m, None, 10_000).await.unwrap();
    }
    for m in &members[..2] {
        store.vote_idea(new, *m, None, 90_000).await.unwrap();
    }
    let ids = |v: Vec<(hearth_store::topics::TopicListing, i64)>| -> Vec<(i64, i64)> {
        v.into_iter().map(|(l, n)| (l.topic.id, n)).collect()
    };
    assert_eq!(
        ids(store
            .topics_by_recent_votes(space, 50_000, None, 10)
            .await
            .unwrap()),
        vec![(new, 2), (quiet, 0), (old, 0)],
        "only votes since the window count; ties newest first"
    );
    assert_eq!(
        ids(store
            .topics_by_recent_votes(space, 0, None, 10)
            .await
            .unwrap()),
        vec![(old, 4), (new, 2), (quiet, 0)]
    );
    assert_eq!(
        ids(store
            .topics_by_recent_votes(space, 50_000, Some((2, new)), 10)
            .await
            .unwrap()),
        vec![(quiet, 0), (old, 0)],
        "continues after the cursor"
    );
    assert_eq!(
        ids(store
            .topics_by_recent_votes(space, 50_000, Some((0, quiet)), 10)
            .await
            .unwrap()),
        vec![(old, 0)]
    );
    // A withdrawn vote no longer counts.
    store.unvote_idea(new, members[0], 95_000).await.unwrap();
    assert_eq!(
        ids(store
            .topics_by_recent_votes(space, 50_000, None, 1)
            .await
            .unwrap()),
        vec![(new, 1)]
    );
    let newest: Vec<i64> = store
        .topics_by_creation(space, None, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.topic.id)
        .collect();
    assert_eq!(newest, vec![quiet, new, old]);
    let rest: Vec<i64> = store
        .topics_by_creation(space, Some((2_000, new)), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.topic.id)
        .collect();
    assert_eq!(rest, vec![old]);
}

/// Regression: three fresh sign-ups could hide the owner's post, and nothing capped how
/// many posts one member flagged in a day.
async fn flags_that_may_not_hide_only_queue_and_the_daily_cap_holds(store: Store) {
    use hearth_store::moderation::NewFlag;
    let (owner, space) = owner_and_space(&store).await;
    let mut members = Vec::new();
    for h in ["dan", "eve", "fay"] {
        members.push(
            store
                .create_member(&new_member(&format!("{h}@x.io"), h, Role::Member), 1_000)
                .await
                .unwrap()
                .id,
        );
    }
    let (topic_id, _) = store
        .create_topic(&topic(space, owner, "Announcement"), 1_100)
        .await
        .unwrap();
    let first = store.posts_page(topic_id, 0, 1).await.unwrap()[0].post.id;
    for (i, m) in members.iter().enumerate() {
        let f = store
            .flag_post(
                &NewFlag {
                    post_id: first,
                    member_id: *m,
                    reason: "spam",
                    text: None,
                    weight: 3,
                    hide_at: None,
                    daily_cap: Some(5),
                },
                2_000 + i as i64,
            )
            .await
            .unwrap();
        assert!(!f.hidden, "a post flags may not hide stays visible");
    }
    assert_eq!(store.post(first).await.unwrap().unwrap().hidden_at, None);
    assert_eq!(
        store.open_moderation_items().await.unwrap(),
        1,
        "but it is queued"
    );
    // A moderator's badge counts only the spaces they can see.
    assert_eq!(
        store
            .open_moderation_items_in(&format!(",{space},"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(store.open_moderation_items_in(",").await.unwrap(), 0);

    // The cap counts the member's flags in the last 24 hours.
    let mut posts = Vec::new();
    for i in 0..3 {
        posts.push(
            store
                .create_reply(topic_id, owner, "more", "<p>more</p>", 3_000 + i)
                .await
                .unwrap(),
        );
    }
    let flagger = members[0];
    let flag = |post_id: i64, at: i64| {
        let store = store.clone();
        async move {
            store
                .flag_post(
                    &NewFlag {
                        post_id,
                        member_id: flagger,
                        reason: "spam",
                        text: None,
                        weight: 1,
                        hide_at: Some(3),
                        daily_cap: Some(2),
                    },
                    at,
                )
                .await
        }
    };
    flag(posts[0], 4_000).await.unwrap();
    assert!(matches!(
        flag(posts[1], 4_001).await,
        Err(StoreError::OverLimit(_))
    ));
    assert!(
        store
            .post(posts[1])
            .await
            .unwrap()
            .unwrap()
            .hidden_at
            .is_none()
    );
    flag(posts[1], 2_000 + 86_400_001).await.unwrap();
}

async fn flags_gather_on_one_item_and_decisions_resolve_it(store: Store) {
    use hearth_store::moderation::{Decision, NewFlag};
    let (owner, space) = owner_and_space(&store).await;
    let mut members = Vec::new();
    for h in ["ana", "ben", "cara"] {
        members.push(
            store
                .create_member(&new_member(&format!("{h}@x.io"), h, Role::Member), 1_000)
                .await
                .unwrap()
                .id,
        );
    }
    let (topic_id, _) = store
        .create_topic(&topic(space, owner, "Hi"), 1_100)
        .await
        .unwrap();
    let reply = store
        .create_reply(topic_id, members[0], "buy now", "<p>buy now</p>", 1_200)
        .await
        .unwrap();
    let flag = |member_id: i64, weight: i64| NewFlag {
        post_id: reply,
        member_id,
        reason: "spam",
        text: None,
        weight,
        hide_at: Some(3),
        daily_cap: None,
    };
    let f1 = store.flag_post(&flag(members[1], 1), 2_000).await.unwrap();
    assert_eq!((f1.weight, f1.hidden), (1, false));
    assert!(matches!(
        store.flag_post(&flag(members[1], 1), 2_001).await,
        Err(StoreError::Conflict { field: "flag" })
    ));
    let f2 = store.flag_post(&flag(members[2], 2), 2_002).await.unwrap();
    assert_eq!((f2.item_id, f2.weight, f2.hidden), (f1.item_id, 3, true));
    assert_eq!(
        store.post(reply).await.unwrap().unwrap().hidden_at,
        Some(2_002)
    );
    assert_eq!(store.open_moderation_items().await.unwrap(), 1);
    let queue = store.moderation_queue(0, 10).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].flags.len(), 2);
    assert_eq!(queue[0].author.handle, "ana");
    assert_eq!(queue[0].author_role, Role::Member);
    assert!(
        store
            .moderation_queue(queue[0].id, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .post(reply)
            .await
            .unwrap()
            .unwrap()
            .hidden_at
            .is_some()
    );

    let approve = Decision {
        item_id: f1.item_id,
        moderator_id: owner,
        action: hearth_core::values::ModerationAction::Approve,
        reason: "fine",
    };
    store.decide(&approve, 3_000).await.unwrap();
    assert!(matches!(
        store.decide(&approve, 3_001).await,
        Err(StoreError::Conflict { field: "item" })
    ));
    assert_eq!(store.post(reply).await.unwrap().unwrap().hidden_at, None);
    assert_eq!(store.open_moderation_items().await.unwrap(), 0);
    let resolved = store.moderation_item(f1.item_id).await.unwrap().unwrap();
    assert_eq!(
        (resolved.state.as_str(), resolved.decision.as_deref()),
        ("resolved", Some("approve"))
    );

    // A new flag opens a new item; hide keeps the post hidden; delete deletes it.
    let f3 = store.flag_post(&flag(members[1], 3), 4_000).await.unwrap();
    assert_ne!(f3.item_id, f1.item_id);
    store
        .decide(
            &Decision {
                item_id: f3.item_id,
                moderator_id: owner,
                action: hearth_core::values::ModerationAction::Hide,
                reason: "rude",
            },
            4_100,
        )
        .await
        .unwrap();
    assert_eq!(
        store.post(reply).await.unwrap().unwrap().hidden_at,
        Some(4_000)
    );
    let f4 = store.flag_post(&flag(members[2], 1), 5_000).await.unwrap();
    store
        .decide(
            &Decision {
                item_id: f4.item_id,
                moderator_id: owner,
                action: hearth_core::values::ModerationAction::Delete,
                reason: "spam",
            },
            5_100,
        )
        .await
        .unwrap();
    assert!(
        store
            .post(reply)
            .await
            .unwrap()
            .unwrap()
            .deleted_at
            .is_some()
    );
    assert!(matches!(
        store.flag_post(&flag(members[0], 1), 6_000).await,
        Err(StoreError::NotFound)
    ));
    let acts = store.activities_after(0, 1000).await.unwrap();
    assert_eq!(acts.iter().filter(|a| a.kind == "flagged").count(), 4);
    assert_eq!(acts.iter().filter(|a| a.kind == "moderated").count(), 3);
    assert_eq!(
        acts.iter().filter(|a| a.kind == "post_deleted").count(),
        0,
        "one activity per decision"
    );

    // The audit log: newest first, searchable, paginated.
    let log = store.audit_page(None, "", 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["post.deleted", "post.hidden", "post.approved"]);
    assert_eq!(log[0].actor_handle.as_deref(), Some("owner"));
    assert_eq!(log[0].target_id, Some(reply));
    assert_eq!(store.audit_page(None, "RUDE", 10).await.unwrap().len(), 1);
    assert_eq!(store.audit_page(None, "owner", 10).await.unwrap().len(), 3);
    assert!(store.audit_page(None, "%", 10).await.unwrap().is_empty());
    assert_eq!(
        store
            .audit_page(Some(log[1].id), "", 10)
            .await
            .unwrap()
            .len(),
        1
    );
    store
        .append_audit(
            &hearth_store::audit::NewAudit {
                actor_id: None,
                action: hearth_core::audit::AuditAction::SpaceCreated,
                target_type: Some("space"),
                target_id: Some(space),
                reason: None,
                details: None,
            },
            7_000,
        )
        .await
        .unwrap();
    let newest = &store.audit_page(None, "", 1).await.unwrap()[0];
    assert_eq!(
        (
            newest.action.as_str(),
            newest.actor_id,
            newest.target_id,
            newest.created_at
        ),
        ("space.created", None, Some(space), 7_000)
    );

    // The public log: hidden and deleted posts in public spaces, no names.
    assert!(!store.community().await.unwrap().unwrap().public_mod_log);
    store
        .set_public_mod_log(true, Some(owner), 8_000)
        .await
        .unwrap();
    assert!(store.community().await.unwrap().unwrap().public_mod_log);
    let public = store.public_moderation_log(None, 10).await.unwrap();
    let shown: Vec<(&str, Option<&str>, &str)> = public
        .iter()
        .map(|e| {
            (
                e.action.as_str(),
                e.reason.as_deref(),
                e.space_slug.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("post.deleted", Some("spam"), "general"),
            ("post.hidden", Some("rude"), "general")
        ]
    );
    assert_eq!(
        store
            .public_moderation_log(Some(public[0].id), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    store.set_public_mod_log(false, None, 8_100).await.unwrap();
    assert!(!store.community().await.unwrap().unwrap().public_mod_log);
}

async fn restrictions_run_until_they_end_and_warnings_are_answered_once(store: Store) {
    use hearth_store::discipline::NewRestriction;
    let (owner, _) = owner_and_space(&store).await;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_000)
        .await
        .unwrap()
        .id;
    let w = store
        .warn_member(ana, owner, "Be kind", 2_000)
        .await
        .unwrap();
    assert_eq!(store.unseen_warnings(ana).await.unwrap(), 1);
    assert_eq!(store.header_counts(ana).await.unwrap(), (0, 1));
    assert!(store.answer_warning(w, ana, "Sorry", 2_100).await.unwrap());
    assert!(!store.answer_warning(w, ana, "Again", 2_200).await.unwrap());
    assert!(
        !store
            .answer_warning(w, owner, "Not mine", 2_200)
            .await
            .unwrap()
    );
    assert_eq!(
        store.unseen_warnings(ana).await.unwrap(),
        0,
        "answering marks it seen"
    );
    store
        .warn_member(ana, owner, "Second", 2_300)
        .await
        .unwrap();
    store.mark_warnings_seen(ana, 2_400).await.unwrap();
    let ws = store.warnings(ana, 10).await.unwrap();
    assert_eq!(ws.len(), 2);
    assert_eq!(
        (ws[1].reply.as_deref(), ws[0].seen_at),
        (Some("Sorry"), Some(2_400))
    );

    store
        .create_session("s1", ana, 2_000, 99_000)
        .await
        .unwrap();
    let silence = store
        .restrict_member(
            &NewRestriction {
                member_id: ana,
                by_id: owner,
                kind: "silence",
                reason: "spam",
                ends_at: Some(10_000),
            },
            3_000,
        )
        .await
        .unwrap();
    assert!(
        store.session_member("s1", 3_100).await.unwrap().is_some(),
        "silence keeps sessions"
    );
    assert_eq!(
        store.member(ana).await.unwrap().unwrap().suspended_until,
        None
    );
    let suspend = store
        .restrict_member(
            &NewRestriction {
                member_id: ana,
                by_id: owner,
                kind: "suspend",
                reason: "rude",
                ends_at: Some(20_000),
            },
            3_200,
        )
        .await
        .unwrap();
    assert!(
        store.session_member("s1", 3_300).await.unwrap().is_none(),
        "suspension ends sessions"
    );
    assert_eq!(
        store.member(ana).await.unwrap().unwrap().suspended_until,
        Some(20_000)
    );
    assert_eq!(
        store
            .active_restriction(ana, 4_000)
            .await
            .unwrap()
            .unwrap()
            .kind,
        "suspend",
        "strictest first"
    );
    assert_eq!(store.expire_restrictions(9_999).await.unwrap(), 0);
    assert_eq!(store.expire_restrictions(10_000).await.unwrap(), 1);
    assert_eq!(store.expire_restrictions(10_001).await.unwrap(), 0, "once");
    assert!(matches!(
        store
            .lift_restriction(silence, Some(owner), "again", 10_002)
            .await,
        Err(StoreError::Conflict {
            field: "restriction"
        })
    ));
    store
        .lift_restriction(suspend, Some(owner), "apologised", 11_000)
        .await
        .unwrap();
    assert_eq!(
        store.member(ana).await.unwrap().unwrap().suspended_until,
        None
    );
    assert!(
        store
            .active_restriction(ana, 11_001)
            .await
            .unwrap()
            .is_none()
    );
    store
        .restrict_member(
            &NewRestriction {
                member_id: ana,
                by_id: owner,
                kind: "ban",
                reason: "spam bot",
                ends_at: None,
            },
            12_000,
        )
        .await
        .unwrap();
    assert_eq!(
        store.member(ana).await.unwrap().unwrap().suspended_until,
        Some(i64::MAX)
    );
    assert_eq!(
        store.expire_restrictions(i64::MAX - 1).await.unwrap(),
        0,
        "bans do not run out"
    );
    let rs = store.restrictions(ana, 10).await.unwrap();
    assert_eq!(
        rs.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        ["ban", "suspend", "silence"]
    );
    assert_eq!(rs[2].lift_reason.as_deref(), Some("it ran out"));

    store
        .add_mod_note(ana, owner, "Knows the baker", 13_000)
        .await
        .unwrap();
    let notes = store.mod_notes(ana, 10).await.unwrap();
    assert_eq!((notes.len(), notes[0].by_handle.as_str()), (1, "owner"));
    let log = store.audit_page(None, "", 50).await.unwrap();
    assert_eq!(log.len(), 8, "{log:?}");
}

async fn kinds_since(store: &Store, after: i64) -> Vec<String> {
    store
        .activities_after(after, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kind)
        .collect()
}

async fn last_activity_id(store: &Store) -> i64 {
    store
        .activities_after(0, 100_000)
        .await
        .unwrap()
        .last()
        .map_or(0, |a| a.id)
}

async fn join_settings_applications_invites_and_customers(store: Store) {
    use hearth_core::values::JoinMode;
    use hearth_store::membership::{JoinSettings, NewApplication, NewInvite};
    let (owner, _) = owner_and_space(&store).await;
    // Join settings and guidelines, each with an audit row.
    store
        .update_join_settings(
            &JoinSettings {
                join_mode: JoinMode::Approval,
                join_questions: "Why join?\nWhere do you live?",
                trust_settings: "tl3.replies_recent = 4\n",
                spam_threshold: 70,
            },
            Some(owner),
            2_000,
        )
        .await
        .unwrap();
    let v1 = store
        .set_guidelines("Be kind.", "<p>Be kind.</p>", Some(owner), 2_001)
        .await
        .unwrap();
    let v2 = store
        .set_guidelines(
            "Be kind. No ads.",
            "<p>Be kind. No ads.</p>",
            Some(owner),
            2_002,
        )
        .await
        .unwrap();
    assert_eq!((v1, v2), (1, 2));
    let c = store.community().await.unwrap().unwrap();
    assert_eq!(c.join_mode, JoinMode::Approval);
    assert_eq!(c.join_questions, vec!["Why join?", "Where do you live?"]);
    assert_eq!((c.guidelines_version, c.spam_threshold), (2, 70));
    assert_eq!(c.trust_settings, "tl3.replies_recent = 4\n");
    let audit = store.audit_page(None, "", 10).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "community.guidelines_changed",
            "community.guidelines_changed",
            "community.membership_changed"
        ]
    );

    // Applications: one pending per address; taken addresses and handles are refused.
    let app = |email: &'static str, handle: &'static str| NewApplication {
        email,
        handle,
        display_name: handle,
        password_hash: "$argon2id$fake",
        answers: r#"[{"question":"Why join?","answer":"Bread"}]"#,
        guidelines_version: 2,
    };
    let a1 = store
        .submit_application(&app("ana@x.io", "ana"), 2_100)
        .await
        .unwrap();
    assert!(matches!(
        store
            .submit_application(&app("ana@x.io", "ana2"), 2_101)
            .await,
        Err(StoreError::Conflict { field: "email" })
    ));
    assert!(matches!(
        store
            .submit_application(&app("o@x.io", "someone"), 2_102)
            .await,
        Err(StoreError::Conflict { field: "email" })
    ));
    assert!(matches!(
        store
            .submit_application(&app("new@x.io", "owner"), 2_103)
            .await,
        Err(StoreError::Conflict { field: "handle" })
    ));
    let a2 = store
        .submit_application(&app("ben@x.io", "ben"), 2_104)
        .await
        .unwrap();
    assert_eq!(store.pending_application_count().await.unwrap(), 2);
    let pending = store.applications("pending", 0, 10).await.unwrap();
    assert_eq!(
        pending.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![a1, a2]
    );
    assert_eq!(
        store.applications("pending", a1, 10).await.unwrap().len(),
        1
    );

    // Approving creates the member, records the guidelines they accepted, the reviewer's
    // activity, an audit row and the applicant's mail job, in one transaction.
    let before = last_activity_id(&store).await;
    let ana = store
        .review_application(a1, owner, true, "Welcome!", 2_200)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (ana.handle.as_str(), ana.role, ana.guidelines_version),
        ("ana", Role::Member, 2)
    );
    assert_eq!(
        kinds_since(&store, before).await,
        vec!["joined", "guidelines_accepted", "application_reviewed"]
    );
    let decided = store.application(a1).await.unwrap().unwrap();
    assert_eq!(
        (
            decided.state.as_str(),
            decided.member_id,
            decided.message.as_deref()
        ),
        ("approved", Some(ana.id), Some("Welcome!"))
    );
    assert!(matches!(
        store
            .review_application(a1, owner, false, "no", 2_201)
            .await,
        Err(StoreError::Conflict {
            field: "application"
        })
    ));
    assert!(
        store
            .review_application(a2, owner, false, "Not local.", 2_202)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.member_by_email("ben@x.io").await.unwrap().is_none());
    let kept: Vec<String> = store
        .db
        .fetch_all(
            "SELECT password_hash FROM applications WHERE state <> 'pending'",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("password_hash").unwrap())
        .collect();
    assert_eq!(
        kept,
        vec![String::new(), String::new()],
        "no password hash is kept after a decision"
    );
    assert_eq!(store.pending_application_count().await.unwrap(), 0);
    let mut mail_jobs = 0;
    while let Some(job) = store.claim_job(10_000_000, 60_000).await.unwrap() {
        if job.kind == "mail.application" {
            mail_jobs += 1;
        }
        store.complete_job(job.id, 1).await.unwrap();
    }
    assert_eq!(mail_jobs, 2, "one mail per decision");

    // Invites: uses and expiry are spent in the member's transaction; nothing is created
    // with a spent invite.
    let invite = store
        .create_invite(
            &NewInvite {
                token_hash: "h1",
                email: None,
                max_uses: 1,
                expires_at: 5_000,
                created_by: Some(owner),
                mail_nonce: None,
            },
            3_000,
        )
        .await
        .unwrap();
    assert_eq!(
        store.invite_by_token("h1").await.unwrap().unwrap().id,
        invite
    );
    let with = |invite_id| hearth_store::membership::Joining {
        invite_id: Some(invite_id),
        ..Default::default()
    };
    let cara = store
        .join(
            &new_member("cara@x.io", "cara", Role::Member),
            &with(invite),
            3_100,
        )
        .await
        .unwrap();
    assert_eq!(cara.handle, "cara");
    assert!(matches!(
        store
            .join(
                &new_member("dan@x.io", "dan", Role::Member),
                &with(invite),
                3_200
            )
            .await,
        Err(StoreError::Conflict { field: "invite" })
    ));
    assert!(store.member_by_email("dan@x.io").await.unwrap().is_none());
    let expiring = store
        .create_invite(
            &NewInvite {
                token_hash: "h2",
                email: Some("eve@x.io"),
                max_uses: 1,
                expires_at: 4_000,
                created_by: Some(owner),
                mail_nonce: Some("n1"),
            },
            3_000,
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .join(
                &new_member("eve@x.io", "eve", Role::Member),
                &with(expiring),
                4_000
            )
            .await,
        Err(StoreError::Conflict { field: "invite" })
    ));
    let revoked = store
        .create_invite(
            &NewInvite {
                token_hash: "h3",
                email: None,
                max_uses: 5,
                expires_at: 9_000,
                created_by: Some(owner),
                mail_nonce: None,
            },
            3_000,
        )
        .await
        .unwrap();
    store
        .revoke_invite(revoked, Some(owner), 3_300)
        .await
        .unwrap();
    assert!(!store.invite(revoked).await.unwrap().unwrap().usable(3_400));
    assert!(matches!(
        store.revoke_invite(revoked, Some(owner), 3_301).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.invites(10).await.unwrap().len(), 3);

    // Joining writes the member and everything about it at once; a bad group leaves nobody.
    let before = last_activity_id(&store).await;
    let dee = store
        .join(
            &new_member("dee@x.io", "dee", Role::Member),
            &hearth_store::membership::Joining {
                confirmed: true,
                guidelines_version: 2,
                trust_level: Some(1),
                added_by: Some(Some(owner)),
                ..Default::default()
            },
            3_400,
        )
        .await
        .unwrap();
    assert_eq!(
        (
            dee.trust_level,
            dee.guidelines_version,
            dee.email_confirmed_at
        ),
        (1, 2, Some(3_400))
    );
    assert_eq!(
        kinds_since(&store, before).await,
        vec!["joined", "guidelines_accepted"]
    );
    assert!(
        store
            .join(
                &new_member("eli@x.io", "eli", Role::Member),
                &hearth_store::membership::Joining {
                    groups: &[999_999],
                    ..Default::default()
                },
                3_401,
            )
            .await
            .is_err()
    );
    assert!(
        store.member_by_email("eli@x.io").await.unwrap().is_none(),
        "nobody half-joined"
    );

    // The customer list is replaced whole.
    let n = store
        .replace_allowed_emails(
            "csv",
            &["a@shop.io".into(), "b@shop.io".into()],
            Some(owner),
            3_500,
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    assert!(store.is_customer_email("a@shop.io").await.unwrap());
    let n = store
        .replace_allowed_emails("csv", &["c@shop.io".into()], Some(owner), 3_600)
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert!(!store.is_customer_email("a@shop.io").await.unwrap());
    assert_eq!(store.customer_email_count().await.unwrap(), 1);

    // Accepting the guidelines is recorded once per version.
    let before = last_activity_id(&store).await;
    store.accept_guidelines(cara.id, 2, 3_700).await.unwrap();
    store.accept_guidelines(cara.id, 2, 3_701).await.unwrap();
    assert_eq!(
        kinds_since(&store, before).await,
        vec!["guidelines_accepted"]
    );
    assert_eq!(
        store
            .member(cara.id)
            .await
            .unwrap()
            .unwrap()
            .guidelines_version,
        2
    );
}

async fn groups_open_private_spaces_and_record_changes(store: Store) {
    let (owner, _) = owner_and_space(&store).await;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_000)
        .await
        .unwrap();
    let partners = store
        .create_group(
            "partners",
            "Partners",
            Some("Our suppliers"),
            Some(owner),
            2_000,
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_group("partners", "Again", None, Some(owner), 2_001)
            .await,
        Err(StoreError::Conflict { field: "slug" })
    ));
    let before = last_activity_id(&store).await;
    assert!(
        store
            .set_group_member(partners, ana.id, true, Some(owner), 2_100)
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_group_member(partners, ana.id, true, Some(owner), 2_101)
            .await
            .unwrap()
    );
    assert_eq!(kinds_since(&store, before).await, vec!["group_changed"]);
    let loaded = store.member(ana.id).await.unwrap().unwrap();
    assert_eq!(loaded.groups, vec![partners]);
    let g = store.group_by_slug("partners").await.unwrap().unwrap();
    assert_eq!((g.name.as_str(), g.member_count), ("Partners", 1));
    assert_eq!(
        store.group_members(partners, 10).await.unwrap()[0].handle,
        "ana"
    );
    assert_eq!(
        store.group_member_ids(partners, 0, 10).await.unwrap(),
        vec![ana.id]
    );
    assert_eq!(store.groups().await.unwrap().len(), 1);

    // A private space granted to the group.
    let private = store
        .create_space(
            &SpaceFields {
                slug: "partners-only",
                name: "Partners only",
                description: None,
                visibility: Visibility::Private,
            },
            2_200,
        )
        .await
        .unwrap();
    store
        .set_space_grants(private.id, &[Grant::Group(partners)], 2_300)
        .await
        .unwrap();
    assert_eq!(
        store.space_grants(private.id).await.unwrap(),
        vec![Grant::Group(partners)]
    );
    let actor = hearth_core::access::Actor::from(&loaded);
    assert!(hearth_core::access::can_view_space(
        &actor,
        &private,
        &store.space_grants(private.id).await.unwrap()
    ));

    assert!(
        store
            .set_group_member(partners, ana.id, false, Some(owner), 2_400)
            .await
            .unwrap()
    );
    assert!(
        store
            .member(ana.id)
            .await
            .unwrap()
            .unwrap()
            .groups
            .is_empty()
    );
    // Deleting the group takes its grants with it.
    store
        .delete_group(partners, Some(owner), 2_500)
        .await
        .unwrap();
    assert!(store.space_grants(private.id).await.unwrap().is_empty());
    assert!(matches!(
        store.delete_group(partners, Some(owner), 2_501).await,
        Err(StoreError::NotFound)
    ));
    let audit: Vec<String> = store
        .audit_page(None, "group.", 10)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(
        audit,
        vec![
            "group.deleted",
            "group.member_removed",
            "group.member_added",
            "group.created"
        ]
    );
}

async fn trust_levels_are_measured_and_set(store: Store) {
    use hearth_store::trust::LevelChange;
    const DAY: i64 = 86_400_000;
    let (owner, space) = owner_and_space(&store).await;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_000)
        .await
        .unwrap();
    let ben = store
        .create_member(&new_member("ben@x.io", "ben", Role::Member), 1_000)
        .await
        .unwrap();
    assert_eq!(ana.trust_level, 0, "new members start at level 0");
    let (topic_id, _) = store
        .create_topic(&topic(space, owner, "Hi"), 2_000)
        .await
        .unwrap();
    let mut replies = Vec::new();
    for day in 0..3 {
        replies.push(
            store
                .create_reply(
                    topic_id,
                    ana.id,
                    "me too",
                    "<p>me too</p>",
                    2_000 + day * DAY,
                )
                .await
                .unwrap(),
        );
    }
    store
        .add_reaction(replies[0], ben.id, "heart", 3 * DAY)
        .await
        .unwrap();
    store
        .add_reaction(replies[0], ana.id, "heart", 3 * DAY)
        .await
        .unwrap();
    let now = 10 * DAY;
    let stats = store
        .trust_stats(ana.id, ana.created_at, now)
        .await
        .unwrap();
    assert_eq!(stats.days_since_join, 9);
    assert_eq!(
        (stats.posts, stats.replies, stats.replies_recent),
        (3, 3, 3)
    );
    assert_eq!(
        (stats.reactions_given, stats.reactions_received),
        (1, 1),
        "own reactions do not count as received"
    );
    assert_eq!(
        stats.days_active, 4,
        "joined on day 0; replies on days 0-2; a reaction on day 3"
    );
    assert_eq!(stats.accepted_answers, 0);
    assert_eq!(
        hearth_core::trust::TrustSettings::default().earned(&stats, 0),
        1,
        "level 2 wants 5 active days"
    );
    assert_eq!(
        store.posts_since(ana.id, 2_000 + DAY).await.unwrap(),
        (0, 2)
    );
    assert_eq!(store.posts_since(owner, 0).await.unwrap(), (1, 1));

    // The job's change, then staff lock a level the job leaves alone.
    let before = last_activity_id(&store).await;
    let job = |level| LevelChange {
        member_id: ana.id,
        level,
        locked: false,
        manual: false,
        by: None,
        reason: None,
    };
    assert!(store.set_trust_level(&job(1), now).await.unwrap());
    assert!(
        !store.set_trust_level(&job(1), now).await.unwrap(),
        "no change, nothing written"
    );
    let lock = LevelChange {
        member_id: ana.id,
        level: 3,
        locked: true,
        manual: true,
        by: Some(owner),
        reason: Some("runs the Saturday workshop"),
    };
    assert!(store.set_trust_level(&lock, now).await.unwrap());
    assert!(
        !store.set_trust_level(&job(1), now).await.unwrap(),
        "locked levels stay"
    );
    let m = store.member(ana.id).await.unwrap().unwrap();
    assert_eq!((m.trust_level, m.trust_locked), (3, true));
    assert_eq!(
        kinds_since(&store, before).await,
        vec!["trust_level_changed", "trust_level_changed"]
    );
    let audit = store.audit_page(None, "trust", 10).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(
        audit[0].reason.as_deref(),
        Some("runs the Saturday workshop")
    );
    let rows = store.trust_rows(0, 10).await.unwrap();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .any(|r| r.id == ana.id && r.locked && r.level == 3)
    );
    assert_eq!(store.trust_rows(ben.id, 10).await.unwrap().len(), 0);
}

async fn screened_posts_wait_and_decisions_teach_the_filter(store: Store) {
    use hearth_store::moderation::Decision;
    use hearth_store::topics::Screen;
    let (owner, space) = owner_and_space(&store).await;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_000)
        .await
        .unwrap();
    let (topic_id, first) = store
        .create_topic(&topic(space, owner, "Hi"), 1_100)
        .await
        .unwrap();
    while let Some(job) = store.claim_job(1_000_000, 60_000).await.unwrap() {
        store.complete_job(job.id, 1).await.unwrap();
    }
    // A reply held by the filter: hidden, in the queue with its cause, the author's
    // post_held activity, all with the post.
    let before = last_activity_id(&store).await;
    let held = store
        .create_reply_screened(
            topic_id,
            ana.id,
            (
                "cheap followers https://spam.example",
                "<p>cheap followers</p>",
            ),
            &Screen {
                cause: "spam_filter",
                detail: "93%".into(),
                hold: true,
            },
            2_000,
        )
        .await
        .unwrap();
    assert_eq!(
        kinds_since(&store, before).await,
        vec!["replied", "post_held"]
    );
    assert_eq!(
        store.post(held).await.unwrap().unwrap().hidden_at,
        Some(2_000)
    );
    let queue = store.moderation_queue(0, 10).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        (
            queue[0].cause.as_str(),
            queue[0].cause_detail.as_deref(),
            queue[0].post.id
        ),
        ("spam_filter", Some("93%"), held)
    );
    // A keyword "flag" opens an item but leaves the post up.
    let (_, flagged) = store
        .create_topic_screened(
            &topic(space, ana.id, "Crypto"),
            &Screen {
                cause: "keyword",
                detail: "crypto".into(),
                hold: false,
            },
            2_100,
        )
        .await
        .unwrap();
    assert!(
        store
            .post(flagged)
            .await
            .unwrap()
            .unwrap()
            .hidden_at
            .is_none()
    );
    assert_eq!(store.open_moderation_items().await.unwrap(), 2);
    // A topic held as it was written stays out of the lists until approved.
    let (held_topic, held_first) = store
        .create_topic_screened(
            &topic(space, ana.id, "Cheap followers"),
            &Screen {
                cause: "spam_filter",
                detail: "97%".into(),
                hold: true,
            },
            2_150,
        )
        .await
        .unwrap();
    let listed = |store: Store| async move {
        store
            .topics_page(space, None, 10)
            .await
            .unwrap()
            .iter()
            .map(|t| t.topic.id)
            .collect::<Vec<_>>()
    };
    assert!(!listed(store.clone()).await.contains(&held_topic));
    let held_item = store
        .moderation_queue(0, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.post.id == held_first)
        .unwrap();
    store
        .decide(
            &Decision {
                item_id: held_item.id,
                moderator_id: owner,
                action: hearth_core::values::ModerationAction::Approve,
                reason: "",
            },
            2_160,
        )
        .await
        .unwrap();
    assert!(
        listed(store.clone()).await.contains(&held_topic),
        "approved: listed again"
    );

    // Deleting the held post teaches the filter "spam"; approving another teaches "not
    // spam" and tells the audience now (post.created again, under a new key).
    store
        .decide(
            &Decision {
                item_id: queue[0].id,
                moderator_id: owner,
                action: hearth_core::values::ModerationAction::Delete,
                reason: "spam",
            },
            2_200,
        )
        .await
        .unwrap();
    assert_eq!(store.spam_model().await.unwrap().decisions(), (1, 1));
    let first_stamp = store.spam_model_stamp().await.unwrap().unwrap();
    let good = store
        .create_reply_screened(
            topic_id,
            ana.id,
            ("Is the rye in today?", "<p>Is the rye in today?</p>"),
            &Screen {
                cause: "spam_filter",
                detail: "81%".into(),
                hold: true,
            },
            2_300,
        )
        .await
        .unwrap();
    while let Some(job) = store.claim_job(1_000_000, 60_000).await.unwrap() {
        store.complete_job(job.id, 1).await.unwrap();
    }
    let item = store
        .moderation_queue(0, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.post.id == good)
        .unwrap();
    store
        .decide(
            &Decision {
                item_id: item.id,
                moderator_id: owner,
                action: hearth_core::values::ModerationAction::Approve,
                reason: "",
            },
            2_400,
        )
        .await
        .unwrap();
    assert!(store.post(good).await.unwrap().unwrap().hidden_at.is_none());
    assert_eq!(store.spam_model().await.unwrap().decisions(), (1, 2));
    assert!(
        store.spam_model_stamp().await.unwrap().unwrap() > first_stamp,
        "every lesson moves the stamp nodes cache the model by"
    );
    let job = store.claim_job(1_000_000, 60_000).await.unwrap().unwrap();
    assert_eq!(job.kind, "post.created");
    assert!(job.payload.contains(&good.to_string()));
    let labels = store.spam_labels(10).await.unwrap();
    assert_eq!(
        labels,
        vec![
            ("Hello *there*".to_string(), false),
            ("cheap followers https://spam.example".to_string(), true),
            ("Is the rye in today?".to_string(), false)
        ]
    );

    // Keyword rules and duplicates.
    let rule = store
        .add_keyword_rule("crypto", "hold", Some(owner), 2_500)
        .await
        .unwrap();
    assert!(matches!(
        store
            .add_keyword_rule("crypto", "flag", Some(owner), 2_501)
            .await,
        Err(StoreError::Conflict { field: "pattern" })
    ));
    assert_eq!(store.keyword_rules().await.unwrap()[0].action, "hold");
    store
        .delete_keyword_rule(rule, Some(owner), 2_502)
        .await
        .unwrap();
    assert!(store.keyword_rules().await.unwrap().is_empty());
    assert!(
        store
            .duplicate_post("Is the rye in today?", 2_000)
            .await
            .unwrap()
    );
    assert!(
        !store
            .duplicate_post("Is the rye in today?", 2_301)
            .await
            .unwrap()
    );
    assert!(!store.duplicate_post("something else", 0).await.unwrap());

    // Wiki posts.
    let before = last_activity_id(&store).await;
    store
        .set_post_wiki(first, true, owner, 2_600)
        .await
        .unwrap();
    assert!(store.post(first).await.unwrap().unwrap().wiki);
    assert_eq!(kinds_since(&store, before).await, vec!["post_wiki_changed"]);
    assert!(matches!(
        store.set_post_wiki(held, true, owner, 2_601).await,
        Err(StoreError::NotFound)
    ));
}

async fn search_finds_visible_live_posts_newest_first(store: Store) {
    use hearth_core::search::Query;
    use hearth_store::search::SearchFilter;
    let (owner, public) = owner_and_space(&store).await;
    let private = store
        .create_space(
            &SpaceFields {
                slug: "staff",
                name: "Staff",
                description: None,
                visibility: Visibility::Private,
            },
            1_000,
        )
        .await
        .unwrap()
        .id;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_000)
        .await
        .unwrap();
    let post = |topic_id: i64, author: i64, body: &'static str, at: i64| {
        let store = store.clone();
        async move {
            store
                .create_reply(topic_id, author, body, body, at)
                .await
                .unwrap()
        }
    };
    let (t1, first) = store
        .create_topic(
            &NewTopic {
                body_md: "How long should it rest?",
                ..topic(public, owner, "Rye sourdough starter")
            },
            2_000,
        )
        .await
        .unwrap();
    let r1 = post(t1, ana.id, "Feed the starter twice a day.", 2_100).await;
    let r2 = post(
        t1,
        owner,
        "A crème brûlée needs a blowtorch from shop.example/tools v2.0.",
        2_200,
    )
    .await;
    let (t2, _) = store
        .create_topic(&topic(private, owner, "Staff rota"), 2_300)
        .await
        .unwrap();
    let secret = post(t2, owner, "The starter recipe is secret.", 2_400).await;
    let everything = format!(",{public},{private},");
    let public_only = format!(",{public},");
    let find = |q: &str, visible: &str| {
        let (store, q, visible) = (store.clone(), q.to_string(), visible.to_string());
        async move {
            store
                .search(
                    &Query::parse(&q).unwrap(),
                    &SearchFilter {
                        visible: &visible,
                        ..Default::default()
                    },
                    None,
                    10,
                )
                .await
                .unwrap()
                .iter()
                .map(|h| h.post_id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        find("starter", &everything).await,
        vec![secret, r1, first],
        "newest first; the title counts for first posts"
    );
    assert_eq!(
        find("starter", &public_only).await,
        vec![r1, first],
        "private spaces stay out"
    );
    assert_eq!(
        find("STARTER twice", &public_only).await,
        vec![r1],
        "every word must match"
    );
    assert_eq!(find("\"twice a day\"", &public_only).await, vec![r1]);
    assert!(
        find("\"day a twice\"", &public_only).await.is_empty(),
        "phrases keep their order"
    );
    assert_eq!(
        find("creme brulee", &public_only).await,
        vec![r2],
        "accents folded"
    );
    assert_eq!(
        find("shop.example tools v2", &public_only).await,
        vec![r2],
        "addresses and versions split into words on both databases"
    );
    assert!(
        find("starter* OR NEAR(x", &public_only).await.is_empty(),
        "syntax is only words"
    );
    // Keyset pages.
    let page = store
        .search(
            &Query::parse("starter").unwrap(),
            &SearchFilter {
                visible: &everything,
                ..Default::default()
            },
            Some(r1),
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        page.iter().map(|h| h.post_id).collect::<Vec<_>>(),
        vec![first]
    );
    assert_eq!(page[0].title, "Rye sourdough starter");
    // Filters: author, kind, dates.
    let by_ana = store
        .search(
            &Query::parse("starter").unwrap(),
            &SearchFilter {
                visible: &everything,
                author_id: Some(ana.id),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        by_ana.iter().map(|h| h.post_id).collect::<Vec<_>>(),
        vec![r1]
    );
    let questions = store
        .search(
            &Query::parse("starter").unwrap(),
            &SearchFilter {
                visible: &everything,
                kind: Some("question"),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert!(questions.is_empty());
    let early = store
        .search(
            &Query::parse("starter").unwrap(),
            &SearchFilter {
                visible: &everything,
                from: Some(2_050),
                to: Some(2_300),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        early.iter().map(|h| h.post_id).collect::<Vec<_>>(),
        vec![r1]
    );
    // The index follows edits, title changes, deletions and holds in their transactions.
    store
        .edit_post(
            r1,
            ana.id,
            ("Feed it once a day.", "<p>Feed it once a day.</p>"),
            None,
            &Default::default(),
            3_000,
        )
        .await
        .unwrap();
    assert!(!find("twice", &everything).await.contains(&r1));
    assert_eq!(find("once", &everything).await, vec![r1]);
    store
        .edit_post(
            first,
            owner,
            (
                "How long should it rest?",
                "<p>How long should it rest?</p>",
            ),
            Some("Levain questions"),
            &Default::default(),
            3_100,
        )
        .await
        .unwrap();
    assert_eq!(find("levain", &everything).await, vec![first]);
    assert!(!find("sourdough", &everything).await.contains(&first));
    store.delete_post(r2, owner, None, 3_200).await.unwrap();
    assert!(find("blowtorch", &everything).await.is_empty());
    let mut tx = store.db.begin().await.unwrap();
    hearth_store::topics::screen_post_in(
        &mut tx,
        r1,
        ana.id,
        &hearth_store::topics::Screen {
            cause: "keyword",
            detail: "x".into(),
            hold: true,
        },
        3_300,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(
        find("once", &everything).await.is_empty(),
        "held posts leave the index"
    );
}

async fn profiles_change_once_and_the_directory_filters(store: Store) {
    use hearth_store::profiles::{DirectoryFilter, Profile};
    let (owner, _) = owner_and_space(&store).await;
    let mut ids = Vec::new();
    for (email, handle, role) in [
        ("ana@x.io", "ana", Role::Member),
        ("ben@x.io", "ben", Role::Moderator),
        ("cara@x.io", "cara", Role::Member),
        ("dan@x.io", "dan", Role::Member),
    ] {
        ids.push(
            store
                .create_member(&new_member(email, handle, role), 1_000)
                .await
                .unwrap()
                .id,
        );
    }
    let before = last_activity_id(&store).await;
    let ana = Profile {
        bio: "I bake rye on Sundays.".into(),
        location: "Lyon, France".into(),
        links: vec!["https://ana.example".into()],
        hide_from_directory: false,
        hide_activity: true,
        language: "es".into(),
        time_zone: "Europe/Paris".into(),
        display_name: Some("Ana from Lyon".into()),
    };
    store.set_profile(ids[0], &ana, 2_000).await.unwrap();
    assert_eq!(store.profile(ids[0]).await.unwrap(), ana);
    assert_eq!(kinds_since(&store, before).await, vec!["profile_updated"]);
    let m = store.member(ids[0]).await.unwrap().unwrap();
    assert_eq!(
        (m.language.as_str(), m.time_zone.as_str()),
        ("es", "Europe/Paris")
    );
    store.set_language(ids[0], "en").await.unwrap();
    assert_eq!(store.profile(ids[0]).await.unwrap().language, "en");
    assert!(matches!(
        store.set_language(999_999, "en").await,
        Err(StoreError::NotFound)
    ));
    // An avatar replaces the previous one (deleted) in one go; none removes it.
    let first = store
        .set_avatar(ids[0], Some(("image/jpeg", b"one")), 2_002)
        .await
        .unwrap()
        .unwrap();
    let second = store
        .set_avatar(ids[0], Some(("image/jpeg", b"two")), 2_003)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.upload(first).await.unwrap(), None);
    assert_eq!(
        store.upload(second).await.unwrap(),
        Some(("image/jpeg".to_string(), b"two".to_vec()))
    );
    assert_eq!(
        store
            .member(ids[0])
            .await
            .unwrap()
            .unwrap()
            .avatar_upload_id,
        Some(second)
    );
    assert_eq!(store.set_avatar(ids[0], None, 2_004).await.unwrap(), None);
    assert_eq!(store.upload(second).await.unwrap(), None);
    store.set_language(ids[0], "").await.unwrap();
    store
        .set_profile(
            ids[0],
            &Profile {
                language: String::new(),
                time_zone: String::new(),
                ..ana.clone()
            },
            2_005,
        )
        .await
        .unwrap();
    store
        .set_profile(
            ids[3],
            &Profile {
                hide_from_directory: true,
                ..Default::default()
            },
            2_001,
        )
        .await
        .unwrap();
    assert!(matches!(
        store.set_profile(999_999, &ana, 1).await,
        Err(StoreError::NotFound)
    ));
    let group = store
        .create_group("bakers", "Bakers", None, Some(owner), 2_000)
        .await
        .unwrap();
    store
        .set_group_member(group, ids[2], true, Some(owner), 2_000)
        .await
        .unwrap();
    let list = |f: DirectoryFilter<'static>, after: &'static str| {
        let store = store.clone();
        async move {
            store
                .directory(&f, after, 10)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.author.handle)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list(DirectoryFilter::default(), "").await,
        vec!["ana", "ben", "cara", "owner"],
        "dan hides"
    );
    assert_eq!(
        list(DirectoryFilter::default(), "ben").await,
        vec!["cara", "owner"],
        "keyset on handle"
    );
    assert_eq!(
        list(
            DirectoryFilter {
                name_prefix: "an",
                ..Default::default()
            },
            ""
        )
        .await,
        vec!["ana"]
    );
    assert_eq!(
        list(
            DirectoryFilter {
                role: Some(Role::Moderator),
                ..Default::default()
            },
            ""
        )
        .await,
        vec!["ben"]
    );
    assert_eq!(
        list(
            DirectoryFilter {
                group_id: Some(group),
                ..Default::default()
            },
            ""
        )
        .await,
        vec!["cara"]
    );
    assert_eq!(
        list(
            DirectoryFilter {
                location: "lyon",
                ..Default::default()
            },
            ""
        )
        .await,
        vec!["ana"]
    );
    assert_eq!(
        list(
            DirectoryFilter {
                trust_level: Some(0),
                ..Default::default()
            },
            ""
        )
        .await
        .len(),
        4
    );
    assert!(
        list(
            DirectoryFilter {
                name_prefix: "%",
                ..Default::default()
            },
            ""
        )
        .await
        .is_empty(),
        "LIKE wildcards are literal"
    );
}

async fn events_hold_seats_waitlist_check_ins_and_reminders(store: Store) {
    use hearth_store::events::{NewEvent, RsvpError};
    let (owner, space) = owner_and_space(&store).await;
    let event = NewEvent {
        starts_at: 100_000,
        ends_at: 200_000,
        time_zone: "Europe/Madrid",
        recurrence: Some(("weekly", 3)),
        last_ends_at: 300_000,
        capacity: Some(2),
        location: Some("12 Baker St"),
        online_url: None,
        checkin_code: "ABC234",
    };
    let (t, _) = store
        .create_topic(
            &NewTopic {
                kind: "event",
                event: Some(&event),
                ..topic(space, owner, "Bread class")
            },
            1_000,
        )
        .await
        .unwrap();
    let e = store.event(t).await.unwrap().unwrap();
    assert_eq!(
        (
            e.capacity,
            e.recurrence.as_deref(),
            e.recurrence_count,
            e.going_count
        ),
        (Some(2), Some("weekly"), Some(3), 0)
    );
    assert_eq!(e.body_md, "Hello *there*");
    // Twelve members answer going at once: two seats, ten waiting, in the order they came.
    let mut ids = Vec::new();
    for i in 0..12 {
        let (email, handle) = (format!("e{i}@x.io"), format!("e{i}"));
        ids.push(
            store
                .create_member(&new_member(&email, &handle, Role::Member), 1_000)
                .await
                .unwrap()
                .id,
        );
    }
    let after = last_activity_id(&store).await;
    let mut tasks = Vec::new();
    for id in ids.clone() {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .rsvp(t, id, "going", 2_000 + id)
                .await
                .unwrap()
                .unwrap()
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    let going = outcomes.iter().filter(|o| o.status == "going").count();
    assert_eq!((going, outcomes.len() - going), (2, 10));
    let e = store.event(t).await.unwrap().unwrap();
    assert_eq!((e.going_count, e.waitlist_count), (2, 10));
    assert_eq!(kinds_since(&store, after).await.len(), 12);
    assert!(
        kinds_since(&store, after)
            .await
            .iter()
            .all(|k| k == "event_registered")
    );
    // A seat freed promotes the first in line, exactly one.
    let list = store.event_attendees(t).await.unwrap();
    let first_waiting = list
        .iter()
        .find(|a| a.status == "waitlisted")
        .unwrap()
        .member_id;
    let leaving = list.iter().find(|a| a.status == "going").unwrap().member_id;
    let out = store
        .rsvp(t, leaving, "not_going", 5_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (out.status.as_str(), out.promoted),
        ("not_going", Some(first_waiting))
    );
    let e = store.event(t).await.unwrap().unwrap();
    assert_eq!((e.going_count, e.waitlist_count), (2, 9));
    // Maybe from the waitlist frees no seat and promotes nobody.
    let waiting = store
        .event_attendees(t)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.status == "waitlisted")
        .unwrap()
        .member_id;
    let out = store
        .rsvp(t, waiting, "maybe", 5_100)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(out.promoted, None);
    assert_eq!(store.event(t).await.unwrap().unwrap().waitlist_count, 8);
    // Check-in: the code for oneself when going, staff for anyone who answered.
    assert_eq!(
        store
            .check_in(t, first_waiting, first_waiting, Some("nope"), 6_000)
            .await
            .unwrap(),
        Err(RsvpError::WrongCode)
    );
    assert_eq!(
        store
            .check_in(t, first_waiting, first_waiting, Some("abc234"), 6_000)
            .await
            .unwrap(),
        Ok(())
    );
    assert_eq!(
        store
            .check_in(t, leaving, leaving, Some("ABC234"), 6_000)
            .await
            .unwrap(),
        Err(RsvpError::NotGoing)
    );
    assert_eq!(
        store
            .check_in(t, waiting, owner, None, 6_000)
            .await
            .unwrap(),
        Ok(())
    );
    let attended: Vec<_> = kinds_since(&store, after)
        .await
        .into_iter()
        .filter(|k| k == "event_attended")
        .collect();
    assert_eq!(attended.len(), 2);
    assert_eq!(store.event_going(t).await.unwrap().len(), 2);
    let going_to = store
        .events_going(first_waiting, &format!(",{space},"), 6_000, 10)
        .await
        .unwrap();
    assert_eq!(going_to.len(), 1);
    assert!(
        store
            .events_going(first_waiting, ",999,", 6_000, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .events_going(leaving, &format!(",{space},"), 6_000, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // Ranges, reminders once, and the end.
    assert_eq!(
        store
            .events_between(&format!(",{space},"), 250_000, 400_000, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .events_between(&format!(",{space},"), 300_000, 400_000, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .events_between(",999,", 0, 400_000, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .claim_event_reminder(t, 100_000, "24h", 7_000)
            .await
            .unwrap()
    );
    assert!(
        !store
            .claim_event_reminder(t, 100_000, "24h", 7_001)
            .await
            .unwrap()
    );
    assert!(
        store
            .claim_event_reminder(t, 100_000, "1h", 7_002)
            .await
            .unwrap()
    );
    assert_eq!(
        store.rsvp(t, leaving, "going", 300_000).await.unwrap(),
        Err(RsvpError::Ended)
    );
    // A larger capacity seats the waitlist in order, all at once.
    let waiting_before = store.event(t).await.unwrap().unwrap().waitlist_count;
    let promoted = store
        .update_event(
            t,
            &NewEvent {
                capacity: Some(5),
                ..event.clone()
            },
            7_100,
        )
        .await
        .unwrap();
    assert_eq!(promoted.len() as i64, 3.min(waiting_before));
    let e = store.event(t).await.unwrap().unwrap();
    assert_eq!(e.going_count, 2 + promoted.len() as i64);
    assert_eq!(e.capacity, Some(5));
    assert!(store.cancel_event(t, 7_200).await.unwrap());
    assert!(!store.cancel_event(t, 7_300).await.unwrap(), "once");
    assert_eq!(
        store.event(t).await.unwrap().unwrap().cancelled_at,
        Some(7_200)
    );
    assert_eq!(
        store.rsvp(t, leaving, "going", 7_400).await.unwrap(),
        Err(RsvpError::Cancelled)
    );
    assert!(!store.event_answered(t).await.unwrap().is_empty());
    assert_eq!(
        store.rsvp_status(t, waiting).await.unwrap().map(|s| s.0),
        Some("maybe".into())
    );
}

async fn imports_match_people_exactly_write_once_and_roll_back(store: Store) {
    use hearth_store::import::{ExternalActivity, NewOrder};
    use hearth_store::people::Sighting;
    let (owner, _) = owner_and_space(&store).await;
    let activity = |member_id: i64, key: &str, at: i64| ExternalActivity {
        member_id,
        kind: "message_sent".into(),
        channel: "discord".into(),
        target_type: None,
        target_id: None,
        weight: 1,
        properties: Some("{\"channel\":\"general\"}".into()),
        key: key.into(),
        occurred_at: at,
    };
    let ana = Sighting {
        channel: "discord",
        external_id: "111",
        email: "",
        handle: "ana_b",
        name: "Ana Lima",
    };
    // The owner's address on another channel is the owner; a new identity is a contact.
    let mut import = store
        .begin_import("discord", "a.json", "sha", Some(owner))
        .await
        .unwrap();
    let a = import.person(&ana).await.unwrap();
    assert_eq!(
        import.person(&ana).await.unwrap(),
        a,
        "the same identity twice"
    );
    let o = import
        .person(&Sighting {
            channel: "slack",
            external_id: "U1",
            email: "o@x.io",
            handle: "boss",
            name: "",
        })
        .await
        .unwrap();
    assert_eq!(o, owner);
    for i in 0..2500 {
        import
            .activity(activity(a, &format!("k{i}"), 10_000 + i))
            .await
            .unwrap();
    }
    import.activity(activity(a, "k7", 99)).await.unwrap();
    let order = import
        .order(&NewOrder {
            member_id: a,
            source: "shopify",
            external_id: "#1",
            total_cents: 1000,
            refunded_cents: 0,
            currency: "EUR",
            status: "paid",
            lines: "[]",
            placed_at: 5_000,
        })
        .await
        .unwrap();
    assert!(order.created);
    import.tag(a, "vip").await.unwrap();
    import.tag(a, "vip").await.unwrap();
    import.field(a, "bread", "rye").await.unwrap();
    import.skip(9, "a bot");
    let (id, counts) = import.finish().await.unwrap();
    assert_eq!(
        (
            counts.members_created,
            counts.members_matched,
            counts.activities_created
        ),
        (1, 1, 2500),
        "k7 twice is written once"
    );
    let run = store.import_run(id).await.unwrap().unwrap();
    assert_eq!((run.status.as_str(), run.rows_skipped), ("done", 1));
    assert_eq!(run.counts.skipped, vec![(9, "a bot".to_string())]);

    // The contact is a person but not a member account.
    let p = store.person(a).await.unwrap().unwrap();
    assert_eq!(
        (p.kind.as_str(), p.display_name.as_str()),
        ("contact", "Ana Lima")
    );
    assert_eq!(store.member_count().await.unwrap(), 1);
    let ids = store.identities(owner).await.unwrap();
    assert_eq!(
        ids.iter().map(|i| i.channel.as_str()).collect::<Vec<_>>(),
        vec!["hub", "slack"]
    );
    let page = store.people_page("", None, 10).await.unwrap();
    assert_eq!(
        page.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![a, owner]
    );
    assert_eq!(
        store.people_page("ANA_B", None, 10).await.unwrap().len(),
        1,
        "by handle on any channel"
    );
    assert_eq!(
        store.people_page("o@x", None, 10).await.unwrap()[0].id,
        owner
    );
    assert_eq!(
        store.people_page("%", None, 10).await.unwrap().len(),
        0,
        "% is a literal"
    );
    let t = store.timeline(a, None, 10).await.unwrap();
    assert_eq!(t.len(), 10);
    assert_eq!(t[0].occurred_at, 12_499, "newest first");
    let older = store
        .timeline(a, Some((t[9].occurred_at, t[9].id)), 5)
        .await
        .unwrap();
    assert_eq!(older[0].occurred_at, 12_489);
    let c = store.person_counts(a).await.unwrap();
    assert_eq!(
        (c.activities, c.orders, c.spend.clone()),
        (2500, 1, vec![("EUR".to_string(), 1000)])
    );
    assert_eq!(store.tags(a).await.unwrap(), vec!["vip"]);
    assert_eq!(
        store.fields(a).await.unwrap(),
        vec![("bread".to_string(), "rye".to_string())]
    );

    // Again, with a refund: nothing new but the refund's difference.
    let mut again = store
        .begin_import("discord", "a.json", "sha", None)
        .await
        .unwrap();
    assert_eq!(again.person(&ana).await.unwrap(), a);
    for i in 0..2500 {
        again
            .activity(activity(a, &format!("k{i}"), 10_000 + i))
            .await
            .unwrap();
    }
    let order = again
        .order(&NewOrder {
            member_id: a,
            source: "shopify",
            external_id: "#1",
            total_cents: 1000,
            refunded_cents: 250,
            currency: "EUR",
            status: "partially_refunded",
            lines: "[]",
            placed_at: 5_000,
        })
        .await
        .unwrap();
    assert_eq!((order.created, order.refund_added), (false, 250));
    let (_, counts) = again.finish().await.unwrap();
    assert_eq!(
        (
            counts.members_created,
            counts.members_matched,
            counts.activities_created
        ),
        (0, 1, 0)
    );
    assert_eq!(
        store.person_counts(a).await.unwrap().spend,
        vec![("EUR".to_string(), 750)]
    );

    // Dropped without finish: nothing of it stays, not even its audit row.
    let before = store.people_page("", None, 100).await.unwrap().len();
    let mut dropped = store
        .begin_import("discord", "b.json", "sha", None)
        .await
        .unwrap();
    let b = dropped
        .person(&Sighting {
            channel: "discord",
            external_id: "222",
            email: "",
            handle: "ben",
            name: "Ben",
        })
        .await
        .unwrap();
    dropped.activity(activity(b, "kb", 1)).await.unwrap();
    drop(dropped);
    assert_eq!(
        store.people_page("", None, 100).await.unwrap().len(),
        before
    );
    assert_eq!(store.imports_page(None, 10).await.unwrap().len(), 2);
    let failed = store
        .record_failed_import(
            "discord",
            "b.json",
            "sha",
            None,
            1,
            "b.json, line 3: cut off",
        )
        .await
        .unwrap();
    assert_eq!(
        store.import_run(failed).await.unwrap().unwrap().status,
        "failed"
    );
    // A new contact after the rollback gets a fresh id (reserved ids are not reused
    // wrongly), and tags change in one transaction with their activity.
    let mut third = store
        .begin_import("discord", "c.json", "sha", None)
        .await
        .unwrap();
    let c = third
        .person(&Sighting {
            channel: "discord",
            external_id: "333",
            email: "c@x.io",
            handle: "",
            name: "",
        })
        .await
        .unwrap();
    third.finish().await.unwrap();
    assert!(c > a);
    assert_eq!(store.person(c).await.unwrap().unwrap().display_name, "c");
    let changed = store
        .change_tags(
            &[a, c],
            &["wholesale".to_string()],
            &["vip".to_string()],
            Some(owner),
            9_000,
        )
        .await
        .unwrap();
    assert_eq!(changed, 2);
    assert_eq!(store.tags(a).await.unwrap(), vec!["wholesale"]);
    assert_eq!(
        store
            .change_tags(&[a], &["wholesale".to_string()], &[], None, 9_001)
            .await
            .unwrap(),
        0
    );
    store.set_field(a, "bread", "").await.unwrap();
    assert!(store.fields(a).await.unwrap().is_empty());
}

/// Every row a merge may touch, as sorted text (the merge's own history rows aside: the
/// `members_merged`/`merge_undone` activities and the audit log record that it happened).
async fn people_state(store: &Store) -> Vec<String> {
    let db = &store.db;
    let mut out = Vec::new();
    for (name, sql) in [
        (
            "identity",
            "SELECT id, member_id, channel, external_id, handle, email, name FROM identities",
        ),
        (
            "activity",
            "SELECT id, member_id, target_id, kind, weight FROM activities WHERE kind NOT IN ('members_merged', 'merge_undone')",
        ),
        (
            "order",
            "SELECT id, member_id, total_cents, refunded_cents FROM orders",
        ),
        ("tag", "SELECT member_id, tag, created_at FROM member_tags"),
        ("field", "SELECT member_id, name, value FROM member_fields"),
        ("note", "SELECT id, member_id, note FROM mod_notes"),
        (
            "member",
            "SELECT id, kind, display_name, merged_into FROM members",
        ),
    ] {
        for r in db.fetch_all(sql, &[]).await.unwrap() {
            let mut line = name.to_string();
            for col in [
                "id",
                "member_id",
                "target_id",
                "merged_into",
                "created_at",
                "total_cents",
                "refunded_cents",
                "weight",
            ] {
                if let Ok(v) = r.opt_i64(col) {
                    line.push_str(&format!(" {col}={v:?}"));
                }
            }
            for col in [
                "channel",
                "external_id",
                "handle",
                "email",
                "name",
                "kind",
                "tag",
                "value",
                "note",
                "display_name",
            ] {
                if let Ok(v) = r.text(col) {
                    line.push_str(&format!(" {col}={v:?}"));
                }
            }
            out.push(line);
        }
    }
    out.sort();
    out
}

async fn merge_then_unmerge_restores_the_exact_prior_state(store: Store) {
    use hearth_core::rng::Rng;
    use hearth_store::import::{ExternalActivity, NewOrder};
    use hearth_store::merges::MergeError;
    use hearth_store::people::Sighting;
    let (owner, _) = owner_and_space(&store).await;
    // Twelve generated communities of contacts; in each, random merges (sometimes two in a
    // row on the same record) are undone in reverse order and the state compared.
    let mut rng = Rng::new(7);
    let mut people: Vec<i64> = Vec::new();
    for round in 0..12 {
        let mut import = store
            .begin_import("activities", &format!("round{round}.ndjson"), "sha", None)
            .await
            .unwrap();
        let mut ids = Vec::new();
        for p in 0..5 {
            let ext = format!("r{round}p{p}");
            let email = if rng.chance(0.5) {
                format!("{ext}@x.io")
            } else {
                String::new()
            };
            let id = import
                .person(&Sighting {
                    channel: "discord",
                    external_id: &ext,
                    email: &email,
                    handle: &ext,
                    name: &format!("Person {p}"),
                })
                .await
                .unwrap();
            if rng.chance(0.5) {
                let slack = format!("U{ext}");
                import
                    .person(&Sighting {
                        channel: "slack",
                        external_id: &slack,
                        email: "",
                        handle: "",
                        name: "",
                    })
                    .await
                    .unwrap();
            }
            ids.push(id);
        }
        for k in 0..40 {
            let who = *rng.pick(&ids);
            let target = rng.chance(0.3).then(|| *rng.pick(&ids));
            import
                .activity(ExternalActivity {
                    member_id: who,
                    kind: if target.is_some() {
                        "message_replied"
                    } else {
                        "message_sent"
                    }
                    .into(),
                    channel: "discord".into(),
                    target_type: target.map(|_| "member"),
                    target_id: target,
                    weight: 1,
                    properties: None,
                    key: format!("r{round}k{k}"),
                    occurred_at: 1_000 + k,
                })
                .await
                .unwrap();
        }
        for (n, id) in ids.iter().enumerate() {
            if rng.chance(0.5) {
                import
                    .order(&NewOrder {
                        member_id: *id,
                        source: "shopify",
                        external_id: &format!("#r{round}o{n}"),
                        total_cents: 100 * (n as i64 + 1),
                        currency: "EUR",
                        status: "paid",
                        lines: "[]",
                        placed_at: 500,
                        ..NewOrder::default()
                    })
                    .await
                    .unwrap();
            }
            for tag in ["vip", "early", "wholesale"] {
                if rng.chance(0.5) {
                    import.tag(*id, tag).await.unwrap();
                }
            }
            for field in ["bread", "city"] {
                if rng.chance(0.5) {
                    import
                        .field(*id, field, &format!("{field}-{id}"))
                        .await
                        .unwrap();
                }
            }
        }
        import.finish().await.unwrap();
        for id in &ids {
            if rng.chance(0.4) {
                store
                    .add_mod_note(*id, owner, &format!("note on {id}"), 2_000)
                    .await
                    .unwrap();
            }
        }
        people.extend(&ids);

        let before = people_state(&store).await;
        let a = ids[rng.below(5) as usize];
        let mut b = ids[rng.below(5) as usize];
        if b == a {
            b = ids[(ids.iter().position(|x| *x == a).unwrap() + 1) % 5];
        }
        let (first, kept) = store
            .merge_members(a, b, "same email", Some(owner), 3_000)
            .await
            .unwrap();
        assert_eq!(kept, a.min(b), "two contacts: the older record is kept");
        let folded = a.max(b);
        assert!(store.identities(folded).await.unwrap().is_empty());
        assert_eq!(store.merged_into(folded).await.unwrap(), Some(kept));
        assert_eq!(
            store
                .merge_members(folded, kept, "", None, 3_001)
                .await
                .unwrap_err(),
            MergeError::AlreadyMerged
        );
        // Sometimes a second record folds into the same one before anything is undone.
        let second = if rng.chance(0.5) {
            let c = ids.iter().copied().find(|x| *x != a && *x != b).unwrap();
            Some(
                store
                    .merge_members(kept, c, "similar names", Some(owner), 3_002)
                    .await
                    .unwrap()
                    .0,
            )
        } else {
            None
        };
        assert_ne!(people_state(&store).await, before);
        if let Some(second) = second {
            store.unmerge(second, Some(owner), 3_003).await.unwrap();
        }
        store.unmerge(first, Some(owner), 3_004).await.unwrap();
        assert_eq!(
            people_state(&store).await,
            before,
            "round {round}: unmerge did not restore the state"
        );
        assert_eq!(
            store.unmerge(first, None, 3_005).await.unwrap_err(),
            MergeError::AlreadyUndone
        );
    }
    let history = store.merges_of(people[0]).await.unwrap();
    assert!(history.iter().all(|m| m.undone_at.is_some()));

    // An account and a contact merge into the account; two accounts never merge.
    let ben = store
        .create_member(&new_member("ben@x.io", "ben", Role::Member), 4_000)
        .await
        .unwrap();
    let contact = people[3];
    let (_, kept) = store
        .merge_members(contact, ben.id, "same email", Some(owner), 4_001)
        .await
        .unwrap();
    assert_eq!(kept, ben.id);
    assert_eq!(
        store
            .merge_members(owner, ben.id, "", None, 4_002)
            .await
            .unwrap_err(),
        MergeError::TwoAccounts
    );
    assert_eq!(
        store
            .merge_members(ben.id, ben.id, "", None, 4_002)
            .await
            .unwrap_err(),
        MergeError::Same
    );
    assert_eq!(
        store
            .merge_members(ben.id, 999_999, "", None, 4_002)
            .await
            .unwrap_err(),
        MergeError::NotFound
    );
    // Suggestions: a contact sharing the owner's address; dismissing removes the pair.
    let mut import = store
        .begin_import("members", "m.csv", "sha", None)
        .await
        .unwrap();
    let twin = import
        .person(&Sighting {
            channel: "slack",
            external_id: "UOWN",
            email: "",
            handle: "owner",
            name: "Owner",
        })
        .await
        .unwrap();
    import.finish().await.unwrap();
    let c = store.merge_candidates(100, None).await.unwrap();
    assert!(
        c.iter()
            .any(|c| (c.low, c.high, c.kind) == (owner, twin, "handle")),
        "{c:?}"
    );
    store
        .dismiss_pair(twin, owner, Some(owner), 5_000)
        .await
        .unwrap();
    assert!(
        !store
            .merge_candidates(100, None)
            .await
            .unwrap()
            .iter()
            .any(|c| c.high == twin)
    );
    assert_eq!(store.dismissed_pairs().await.unwrap(), vec![(owner, twin)]);
    let names = store.name_keys(1000).await.unwrap();
    assert!(
        names
            .iter()
            .any(|(id, key, _)| *id == owner && key == "owner"),
        "the hub name key is computed"
    );
}

/// The definitions of the activity log's indexes, as the database holds them.
async fn activity_indexes(store: &Store) -> Vec<String> {
    let sql = match store.db.dialect() {
        hearth_store::Dialect::Sqlite => {
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities' AND sql IS NOT NULL ORDER BY name"
        }
        hearth_store::Dialect::Postgres => {
            "SELECT indexdef AS sql FROM pg_indexes WHERE tablename = 'activities' ORDER BY indexname"
        }
    };
    store
        .db
        .fetch_all(sql, &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("sql").unwrap())
        .collect()
}

async fn a_large_import_sets_the_activity_indexes_aside_and_builds_them_again(store: Store) {
    use hearth_store::import::ExternalActivity;
    use hearth_store::people::Sighting;
    owner_and_space(&store).await;
    let before = activity_indexes(&store).await;
    assert!(before.len() >= 4, "{before:?}");
    let ana = Sighting {
        channel: "pos",
        external_id: "c1",
        email: "",
        handle: "",
        name: "Ana",
    };
    let activity = |member_id: i64, i: i64| ExternalActivity {
        member_id,
        kind: "purchased".into(),
        channel: "pos".into(),
        target_type: None,
        target_id: None,
        weight: i,
        properties: None,
        key: format!("ext:k{i}"),
        occurred_at: 1_000 + i,
    };

    // An import that fails after setting the indexes aside leaves them as they were.
    let mut failed = store
        .begin_import("activities", "a", "", None)
        .await
        .unwrap();
    failed.defer_indexes_after = 10;
    let a = failed.person(&ana).await.unwrap();
    for i in 0..4500 {
        failed.activity(activity(a, i)).await.unwrap();
    }
    if store.db.dialect() == hearth_store::Dialect::Sqlite {
        // Set aside inside the transaction only: everyone else still reads them.
        assert_eq!(activity_indexes(&store).await, before);
    }
    drop(failed);
    assert_eq!(activity_indexes(&store).await, before, "rolled back");
    assert!(store.person(a).await.unwrap().is_none(), "nothing written");

    let mut import = store
        .begin_import("activities", "a", "", None)
        .await
        .unwrap();
    import.defer_indexes_after = 10;
    let a = import.person(&ana).await.unwrap();
    for i in 0..4500 {
        import.activity(activity(a, i)).await.unwrap();
    }
    import.activity(activity(a, 7)).await.unwrap();
    let (_, counts) = import.finish().await.unwrap();
    assert_eq!(counts.activities_created, 4500, "the key still holds");
    assert_eq!(activity_indexes(&store).await, before, "built again");
    let timeline = store.timeline(a, None, 3).await.unwrap();
    assert_eq!(
        timeline.iter().map(|t| t.occurred_at).collect::<Vec<_>>(),
        vec![5_499, 5_498, 5_497]
    );
    assert_eq!(store.person_counts(a).await.unwrap().activities, 4500);
    if store.db.dialect() == hearth_store::Dialect::Sqlite {
        let check = store
            .db
            .fetch_one("PRAGMA integrity_check", &[])
            .await
            .unwrap();
        assert_eq!(check.text("integrity_check").unwrap(), "ok");
    }

    // Again: nothing new, and a small import beside a large log keeps its indexes.
    let mut again = store
        .begin_import("activities", "a", "", None)
        .await
        .unwrap();
    for i in 0..4500 {
        again.activity(activity(a, i)).await.unwrap();
    }
    let (_, counts) = again.finish().await.unwrap();
    assert_eq!(counts.activities_created, 0);
    assert_eq!(activity_indexes(&store).await, before);
}

/// Appends `n` activities by `member_id` in one transaction.
async fn append_activities(store: &Store, member_id: i64, n: usize) {
    let mut tx = store.db.begin().await.unwrap();
    for i in 0..n {
        one_activity(&mut tx, member_id, 10_000 + i as i64).await;
    }
    tx.commit().await.unwrap();
}

/// A scratch table a test consumer writes each handled activity into; its primary key
/// refuses a second handling. (insert, count)
type Scratch = (&'static str, &'static str);
const SEEN: Scratch = (
    "INSERT INTO stream_seen (activity_id) VALUES ($1)",
    "SELECT COUNT(*) AS n FROM stream_seen",
);
const REPLAYED: Scratch = (
    "INSERT INTO stream_replayed (activity_id) VALUES ($1)",
    "SELECT COUNT(*) AS n FROM stream_replayed",
);

/// Handles batches of `consumer` into `table` until `want` rows are there; waits out other
/// nodes' locks and, on PostgreSQL, other transactions still open on the server (the
/// stream's horizon).
async fn drain_into(store: &Store, consumer: &'static str, table: Scratch, want: i64) {
    let (insert, count) = table;
    for _ in 0..3_000 {
        if store
            .db
            .fetch_one(count, &[])
            .await
            .unwrap()
            .i64("n")
            .unwrap()
            >= want
        {
            return;
        }
        match store.next_batch(consumer, 100).await.unwrap() {
            Some(mut batch) => {
                let ids: Vec<i64> = batch.activities.iter().map(|a| a.id).collect();
                for id in ids {
                    batch
                        .tx()
                        .execute(insert, &[hearth_store::Arg::I64(id)])
                        .await
                        .expect("an activity was handled twice");
                }
                batch.commit().await.unwrap();
            }
            None => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
        }
    }
    panic!("{consumer} did not reach {want} with {insert}");
}

async fn stream_consumers_handle_each_activity_once_across_a_killed_worker(store: Store) {
    let (owner, _) = owner_and_space(&store).await;
    store
        .db
        .execute_script("CREATE TABLE stream_seen (activity_id BIGINT PRIMARY KEY)")
        .await
        .unwrap();
    store.register_consumer("test").await.unwrap();
    store.register_consumer("test").await.unwrap();
    assert!(
        store
            .next_batch("unregistered", 10)
            .await
            .unwrap()
            .is_none(),
        "an unknown consumer reads nothing"
    );
    append_activities(&store, owner, 1_000).await;
    let total = store
        .db
        .fetch_one("SELECT COUNT(*) AS n FROM activities", &[])
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    // The first worker handles batches slowly and is killed halfway through one.
    let first = {
        let store = store.clone();
        tokio::spawn(async move {
            loop {
                let Some(mut batch) = store.next_batch("test", 100).await.unwrap() else {
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                    continue;
                };
                let ids: Vec<i64> = batch.activities.iter().map(|a| a.id).collect();
                for id in ids {
                    batch
                        .tx()
                        .execute(SEEN.0, &[hearth_store::Arg::I64(id)])
                        .await
                        .unwrap();
                    tokio::time::sleep(std::time::Duration::from_micros(300)).await;
                }
                batch.commit().await.unwrap();
            }
        })
    };
    loop {
        let c = store.consumers().await.unwrap();
        if c[0].handled >= 300 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());
    let state = &store.consumers().await.unwrap()[0];
    assert!(
        state.handled >= 300 && state.handled < total,
        "killed halfway"
    );
    assert_eq!(
        state.behind,
        total - state.handled,
        "the lag is what is left"
    );
    // A new worker finishes the backlog; the primary key proves nothing came twice.
    drain_into(&store, "test", SEEN, total).await;
    let state = &store.consumers().await.unwrap()[0];
    assert_eq!((state.handled, state.behind), (total, 0));
    assert!(store.next_batch("test", 100).await.unwrap().is_none());
}

async fn stream_consumers_reset_and_replay(store: Store) {
    let (owner, _) = owner_and_space(&store).await;
    store
        .db
        .execute_script(
            "CREATE TABLE stream_seen (activity_id BIGINT PRIMARY KEY);
             CREATE TABLE stream_replayed (activity_id BIGINT PRIMARY KEY);",
        )
        .await
        .unwrap();
    store.register_consumer("replay").await.unwrap();
    append_activities(&store, owner, 250).await;
    let total = store.activities_after(0, 10_000).await.unwrap().len() as i64;
    drain_into(&store, "replay", SEEN, total).await;
    assert!(matches!(
        store.reset_consumer("nobody").await,
        Err(StoreError::NotFound)
    ));
    store.reset_consumer("replay").await.unwrap();
    let state = &store.consumers().await.unwrap()[0];
    assert_eq!(
        (state.cursor_id, state.handled, state.behind),
        (0, 0, total)
    );
    assert!(state.reset_at.is_some());
    drain_into(&store, "replay", REPLAYED, total).await;
    let first = store.activities_after(0, 10_000).await.unwrap();
    let replayed = store
        .db
        .fetch_all(
            "SELECT activity_id FROM stream_replayed ORDER BY activity_id",
            &[],
        )
        .await
        .unwrap();
    let replayed: Vec<i64> = replayed
        .iter()
        .map(|r| r.i64("activity_id").unwrap())
        .collect();
    assert_eq!(replayed, first.iter().map(|a| a.id).collect::<Vec<_>>());
}

async fn one_activity(tx: &mut hearth_store::Tx, member_id: i64, at: i64) -> i64 {
    let a = hearth_store::activity::NewActivity {
        member_id,
        kind: hearth_core::activity::REPLIED,
        channel: "hub",
        target_type: None,
        target_id: None,
        space_id: None,
        properties: None,
        occurred_at: at,
    };
    hearth_store::activity::append(tx, &a).await.unwrap()
}

/// On PostgreSQL an identity value is taken at insert time, so a transaction holding a
/// smaller id can commit after one holding a larger id. A reader that went by id alone
/// would move past the smaller id and never see it.
async fn stream_waits_for_transactions_that_commit_out_of_id_order(store: Store) {
    if store.dialect() != hearth_store::Dialect::Postgres {
        return; // One writer at a time: ids are in commit order.
    }
    let (owner, _) = owner_and_space(&store).await;
    store
        .db
        .execute_script("CREATE TABLE stream_seen (activity_id BIGINT PRIMARY KEY)")
        .await
        .unwrap();
    store.register_consumer("order").await.unwrap();
    let before = store.activities_after(0, 10_000).await.unwrap().len() as i64;
    drain_into(&store, "order", SEEN, before).await;
    // A takes the smaller id and stays open; B takes the larger and commits.
    let mut a = store.db.begin().await.unwrap();
    let small = one_activity(&mut a, owner, 1).await;
    let mut b = store.db.begin().await.unwrap();
    let large = one_activity(&mut b, owner, 2).await;
    assert!(small < large);
    b.commit().await.unwrap();
    assert!(
        store.next_batch("order", 100).await.unwrap().is_none(),
        "nothing is read past a transaction still open"
    );
    // C takes an id after A's first write, commits; A then writes a larger id and commits.
    let mut c = store.db.begin().await.unwrap();
    let third = one_activity(&mut c, owner, 3).await;
    c.commit().await.unwrap();
    let fourth = one_activity(&mut a, owner, 4).await;
    a.commit().await.unwrap();
    drain_into(&store, "order", SEEN, before + 4).await;
    let seen = store
        .db
        .fetch_all(
            "SELECT activity_id FROM stream_seen ORDER BY activity_id",
            &[],
        )
        .await
        .unwrap();
    let seen: Vec<i64> = seen.iter().map(|r| r.i64("activity_id").unwrap()).collect();
    for id in [small, large, third, fourth] {
        assert!(seen.contains(&id), "activity {id} was skipped");
    }
}

async fn visits_are_hourly_views_aggregate_and_opt_outs_unrecorded(store: Store) {
    use hearth_store::visits::{TopicViews, Visit};
    let (owner, space) = owner_and_space(&store).await;
    let member = store
        .create_member(&new_member("m@x.io", "mel", Role::Member), 1_000)
        .await
        .unwrap()
        .id;
    let quiet = store
        .create_member(&new_member("q@x.io", "quiet", Role::Member), 1_000)
        .await
        .unwrap()
        .id;
    store.set_analytics_opt_out(quiet, true).await.unwrap();
    let hour = 3_600_000;
    let at = 20 * 24 * hour + 5 * 60_000;
    let visits = [
        Visit {
            member_id: member,
            at,
        },
        Visit {
            member_id: member,
            at: at + 10 * 60_000,
        },
        Visit {
            member_id: quiet,
            at,
        },
        Visit {
            member_id: member,
            at: at + hour,
        },
    ];
    assert_eq!(
        store.record_visits(&visits).await.unwrap(),
        2,
        "one an hour, none for the opted out"
    );
    assert_eq!(
        store.record_visits(&visits[..1]).await.unwrap(),
        0,
        "another node's flush of the same hour"
    );
    let recorded: Vec<_> = store
        .activities_after(0, 1_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.kind == hearth_core::activity::VISITED)
        .collect();
    assert_eq!(recorded.len(), 2);
    assert!(recorded.iter().all(|a| a.member_id == member));
    assert_eq!(
        recorded[0].properties.as_deref(),
        Some(r#"{"day":"1970-01-21"}"#)
    );
    let t = store
        .create_topic(&topic(space, owner, "Sourdough"), 2_000)
        .await
        .unwrap()
        .0;
    let views = |member_id, views| TopicViews {
        member_id,
        topic_id: t,
        day: "1970-01-21".into(),
        views,
    };
    store
        .add_topic_views(&[views(member, 3), views(quiet, 5)])
        .await
        .unwrap();
    store.add_topic_views(&[views(member, 2)]).await.unwrap();
    assert_eq!(store.topic_view_count(t).await.unwrap(), 5);
    assert_eq!(
        store.most_read_topics("1970-01-01", 10).await.unwrap(),
        vec![(t, 5)]
    );
    assert!(
        store
            .most_read_topics("1970-01-22", 10)
            .await
            .unwrap()
            .is_empty()
    );
    // The stream's member times only move forward.
    let mut tx = store.db.begin().await.unwrap();
    hearth_store::members::advance_times(&mut tx, member, Some(50), Some(70))
        .await
        .unwrap();
    hearth_store::members::advance_times(&mut tx, member, Some(40), None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store.member_times(member).await.unwrap(),
        (Some(50), Some(70))
    );
}

/// Two nodes asking for the same consumer's batch at once: the second finds it busy and
/// moves on (PostgreSQL's `FOR UPDATE SKIP LOCKED`); once the first commits, the next
/// batch starts where it ended. (On SQLite the single writer already serialises them.)
async fn stream_runs_a_consumer_on_one_node_at_a_time(store: Store) {
    if store.dialect() != hearth_store::Dialect::Postgres {
        return;
    }
    let (owner, _) = owner_and_space(&store).await;
    store.register_consumer("single").await.unwrap();
    append_activities(&store, owner, 30).await;
    let total = store.activities_after(0, 10_000).await.unwrap().len();
    let mut first = None;
    for _ in 0..3_000 {
        first = store.next_batch("single", 10).await.unwrap();
        if first.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let first = first.expect("a batch");
    let seen: Vec<i64> = first.activities.iter().map(|a| a.id).collect();
    assert!(
        store.next_batch("single", 10).await.unwrap().is_none(),
        "another node finds the consumer busy"
    );
    first.commit().await.unwrap();
    let mut seen = seen;
    for _ in 0..3_000 {
        if seen.len() == total {
            break;
        }
        match store.next_batch("single", 10).await.unwrap() {
            Some(batch) => {
                for a in &batch.activities {
                    assert!(!seen.contains(&a.id), "activity {} came twice", a.id);
                    seen.push(a.id);
                }
                batch.commit().await.unwrap();
            }
            None => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
        }
    }
    assert_eq!(seen.len(), total);
}

async fn insight_rows_come_in_stream_order_with_their_topic_and_answer_author(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    store
        .set_space_kinds(space, &[hearth_core::values::TopicKind::Question])
        .await
        .unwrap();
    let (asker, q, _) = ask_a_question(&store, space).await;
    let answer = store
        .create_reply(q, owner, "an hour", "an hour", 3_000)
        .await
        .unwrap();
    store.accept_answer(q, answer, asker, 4_000).await.unwrap();

    // Read two at a time until the last write shows. On PostgreSQL a row waits until every
    // transaction older than it has ended, in any database of the server (other tests'),
    // so the reader may have to come back.
    let mut all = Vec::new();
    let mut place = (0, 0);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !all
        .iter()
        .any(|r: &hearth_store::insights::InsightRow| r.kind == "answer_accepted")
    {
        let (rows, next) = store.insight_rows_after(place, 2).await.unwrap();
        assert!(rows.len() <= 2);
        if rows.is_empty() {
            assert_eq!(next, place, "an empty read keeps its place");
            assert!(
                std::time::Instant::now() < deadline,
                "the rows never came: {all:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        all.extend(rows);
        place = next;
    }
    let ids: Vec<i64> = all.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(
        ids, sorted,
        "one writer at a time: stream order is id order here"
    );
    let of = |kind: &str| all.iter().find(|r| r.kind == kind).unwrap().clone();
    let asked = of("question_asked");
    assert_eq!(
        (asked.member_id, asked.topic_id, asked.occurred_at),
        (asker, Some(q), 2_000)
    );
    assert_eq!(asked.space_id, Some(space));
    let replied = of("replied");
    assert_eq!(
        (replied.member_id, replied.topic_id, replied.post_author),
        (owner, Some(q), Some(owner))
    );
    assert_eq!(
        replied.target_member,
        Some(asker),
        "a reply helps the topic's author"
    );
    assert_eq!(of("question_asked").target_member, None);
    let accepted = of("answer_accepted");
    assert_eq!(
        (accepted.member_id, accepted.topic_id, accepted.post_author),
        (asker, Some(q), Some(owner)),
        "the acceptor is the asker; the answer's author is who helped"
    );
    assert_eq!(of("joined").topic_id, None);

    let people = store.insight_people().await.unwrap();
    let facts = |id: i64| *people.iter().find(|p| p.id == id).unwrap();
    assert!(facts(owner).staff && !facts(owner).excluded);
    assert!(!facts(asker).staff);
    store
        .db
        .execute(
            "UPDATE members SET analytics_opt_out = 1 WHERE id = $1",
            &[hearth_store::Arg::I64(asker)],
        )
        .await
        .unwrap();
    let people = store.insight_people().await.unwrap();
    assert!(people.iter().any(|p| p.id == asker && p.excluded));

    // Who may open Insights: admins by default, moderators when set.
    let c = store.community().await.unwrap().unwrap();
    assert_eq!(c.insights_role, Role::Admin);
    store.set_insights_role(Role::Moderator).await.unwrap();
    assert_eq!(
        store.community().await.unwrap().unwrap().insights_role,
        Role::Moderator
    );

    // Engagement weights: the defaults ("") until the owner sets their own.
    assert_eq!(store.engagement_weights().await.unwrap(), "");
    let json = r#"{"kinds":{"replied":4.5},"channels":{"slack":0.5}}"#;
    store.set_engagement_weights(json).await.unwrap();
    assert_eq!(store.engagement_weights().await.unwrap(), json);
    store.set_engagement_weights("").await.unwrap();
    assert_eq!(store.engagement_weights().await.unwrap(), "");
}

async fn top_content_counts_live_replies_and_views_by_space_and_author(store: Store) {
    let (owner, general) = owner_and_space(&store).await;
    let other = store
        .create_space(
            &SpaceFields {
                slug: "other",
                name: "Other",
                description: None,
                visibility: Visibility::Public,
            },
            1_000,
        )
        .await
        .unwrap()
        .id;
    let ana = store
        .create_member(&new_member("ana@x.io", "ana", Role::Member), 1_000)
        .await
        .unwrap()
        .id;
    let (busy, _) = store
        .create_topic(&topic(general, owner, "Busy"), 2_000)
        .await
        .unwrap();
    let (quiet, _) = store
        .create_topic(&topic(other, ana, "Quiet"), 2_000)
        .await
        .unwrap();
    let (gone, first_of_gone) = store
        .create_topic(&topic(general, ana, "Gone"), 2_000)
        .await
        .unwrap();
    for (t, who, at) in [
        (busy, ana, 3_000),
        (busy, ana, 4_000),
        (busy, owner, 5_000),
        (quiet, owner, 6_000),
        (gone, owner, 3_000),
        // Outside [3_000, 10_000).
        (quiet, ana, 10_000),
    ] {
        store
            .create_reply(t, who, "r", "<p>r</p>", at)
            .await
            .unwrap();
    }
    let deleted = store
        .create_reply(quiet, ana, "r", "<p>r</p>", 7_000)
        .await
        .unwrap();
    store.delete_post(deleted, ana, None, 8_000).await.unwrap();
    // A deleted topic is in no list, with its replies.
    store
        .delete_post(first_of_gone, owner, None, 8_000)
        .await
        .unwrap();

    assert_eq!(
        store
            .most_replied_between(3_000, 10_000, None, 10)
            .await
            .unwrap(),
        vec![
            (busy, general, "Busy".to_string(), 3),
            (quiet, other, "Quiet".to_string(), 1)
        ]
    );
    assert_eq!(
        store
            .most_replied_between(3_000, 10_000, Some(other), 10)
            .await
            .unwrap(),
        vec![(quiet, other, "Quiet".to_string(), 1)]
    );
    assert_eq!(
        store
            .replies_by_author_between(3_000, 10_000, None)
            .await
            .unwrap(),
        vec![
            (busy, general, "Busy".to_string(), owner, 1),
            (busy, general, "Busy".to_string(), ana, 2),
            (quiet, other, "Quiet".to_string(), owner, 1)
        ]
    );
    assert!(
        store
            .replies_by_author_between(3_000, 10_000, Some(other + 100))
            .await
            .unwrap()
            .is_empty(),
        "a space with no topics"
    );

    use hearth_store::visits::TopicViews;
    let views = |topic_id, day: &str, views| TopicViews {
        member_id: ana,
        topic_id,
        day: day.into(),
        views,
    };
    store
        .add_topic_views(&[
            views(busy, "1970-01-02", 2),
            views(quiet, "1970-01-02", 4),
            views(quiet, "1970-01-05", 9),
            views(gone, "1970-01-02", 50),
        ])
        .await
        .unwrap();
    assert_eq!(
        store
            .most_read_between("1970-01-01", "1970-01-03", None, 10)
            .await
            .unwrap(),
        vec![
            (quiet, other, "Quiet".to_string(), 4),
            (busy, general, "Busy".to_string(), 2)
        ],
        "the days are inclusive; a deleted topic is left out"
    );
    assert_eq!(
        store
            .most_read_between("1970-01-01", "1970-01-05", Some(general), 10)
            .await
            .unwrap(),
        vec![(busy, general, "Busy".to_string(), 2)]
    );
}

async fn pictures_replaced_at_once_leave_no_upload_nobody_holds(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    store
        .set_space_icon(space, Some(("image/jpeg", b"first")), 1_000)
        .await
        .unwrap();
    // Four pictures for the space and four avatars for the owner, all at once: each
    // replacement must delete the one it replaced, even one written a moment before.
    let mut handles = Vec::new();
    for i in 0..4u8 {
        let s = store.clone();
        handles.push(tokio::spawn(async move {
            s.set_space_icon(space, Some(("image/jpeg", &[i; 8])), 2_000)
                .await
        }));
        let s = store.clone();
        handles.push(tokio::spawn(async move {
            s.set_avatar(owner, Some(("image/png", &[i; 8])), 2_000)
                .await
        }));
    }
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let orphans = store
        .db
        .fetch_one(
            "SELECT COUNT(*) AS n FROM uploads WHERE id NOT IN (SELECT icon_upload_id FROM spaces WHERE icon_upload_id IS NOT NULL)
               AND id NOT IN (SELECT avatar_upload_id FROM members WHERE avatar_upload_id IS NOT NULL)",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(orphans, 0, "every upload has its holder");
}

/// Newcomers whose first post got no reply in time: a first topic answered late (or only
/// by its author) counts; one answered in time, a second topic, a staff member's and a
/// topic still within its wait do not.
async fn unanswered_newcomers_are_first_topics_nobody_else_answered_in_time(store: Store) {
    let (owner, space) = owner_and_space(&store).await;
    let hour = 3_600_000;
    let wait = 48 * hour;
    let member = |email: &'static str, handle: &'static str| {
        let store = store.clone();
        async move {
            store
                .create_member(&new_member(email, handle, Role::Member), 1_000)
                .await
                .unwrap()
                .id
        }
    };
    let (late, prompt, again, young) = (
        member("late@x.io", "late").await,
        member("prompt@x.io", "prompt").await,
        member("again@x.io", "again").await,
        member("young@x.io", "young").await,
    );
    let t0 = 10 * hour;
    let (late_topic, _) = store
        .create_topic(&topic(space, late, "Sourdough starter smells odd"), t0)
        .await
        .unwrap();
    store
        .create_reply(late_topic, late, "anyone?", "<p>anyone?</p>", t0 + hour)
        .await
        .unwrap();
    store
        .create_reply(late_topic, owner, "sorry", "<p>sorry</p>", t0 + wait + hour)
        .await
        .unwrap();
    let (prompt_topic, _) = store
        .create_topic(&topic(space, prompt, "Rye flour?"), t0)
        .await
        .unwrap();
    store
        .create_reply(prompt_topic, owner, "yes", "<p>yes</p>", t0 + wait - hour)
        .await
        .unwrap();
    // `again` replied somewhere first, so their topic is not their first post.
    store
        .create_reply(prompt_topic, again, "me too", "<p>me too</p>", t0 + hour)
        .await
        .unwrap();
    store
        .create_topic(&topic(space, again, "Second thoughts"), t0 + 2 * hour)
        .await
        .unwrap();
    store
        .create_topic(&topic(space, owner, "Welcome"), t0)
        .await
        .unwrap();
    let now = t0 + 3 * wait;
    store
        .create_topic(&topic(space, young, "Just asked"), now - hour)
        .await
        .unwrap();

    let found = store
        .unanswered_newcomers((0, now), None, wait, now, 50)
        .await
        .unwrap();
    assert_eq!(
        found
            .iter()
            .map(|n| (n.member_id, n.topic_id))
            .collect::<Vec<_>>(),
        vec![(late, late_topic)],
        "{found:?}"
    );
    assert_eq!(found[0].title, "Sourdough starter smells odd");
    assert_eq!((found[0].space_id, found[0].posted_at), (space, t0));
    // Out of range, in another space, or opted out: nobody.
    assert!(
        store
            .unanswered_newcomers((t0 + 1, now), None, wait, now, 50)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .unanswered_newcomers((0, now), Some(space + 1), wait, now, 50)
            .await
            .unwrap()
            .is_empty()
    );
    store.set_analytics_opt_out(late, true).await.unwrap();
    assert!(
        store
            .unanswered_newcomers((0, now), None, wait, now, 50)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn goals_are_kept_soonest_first_at_most_twenty_and_deleted_by_id(store: Store) {
    let (owner, _) = owner_and_space(&store).await;
    let goal = |metric: &str, due: &str| hearth_store::insights::Goal {
        id: 0,
        metric: metric.into(),
        target_milli: 4_000,
        baseline_milli: None,
        due_day: due.into(),
        created_by: Some(owner),
        created_at: 5_000,
    };
    let late = store
        .create_goal(&goal("active_members", "2027-03-01"))
        .await
        .unwrap();
    let soon = store
        .create_goal(&hearth_store::insights::Goal {
            baseline_milli: Some(12_500),
            ..goal("median_first_response_hours", "2027-01-15")
        })
        .await
        .unwrap();
    let all = store.goals().await.unwrap();
    assert_eq!(
        all.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![soon, late]
    );
    assert_eq!(all[0].baseline_milli, Some(12_500));
    assert_eq!(
        (
            all[1].metric.as_str(),
            all[1].target_milli,
            all[1].created_by
        ),
        ("active_members", 4_000, Some(owner))
    );
    for k in 2..hearth_store::insights::MAX_GOALS {
        store
            .create_goal(&goal("new_members", &format!("2027-02-{:02}", k % 28 + 1)))
            .await
            .unwrap();
    }
    assert!(matches!(
        store.create_goal(&goal("new_members", "2027-02-01")).await,
        Err(hearth_store::StoreError::Conflict { field: "goals" })
    ));
    store.delete_goal(late).await.unwrap();
    assert!(matches!(
        store.delete_goal(late).await,
        Err(hearth_store::StoreError::NotFound)
    ));
    assert_eq!(
        store.goals().await.unwrap().len() as i64,
        hearth_store::insights::MAX_GOALS - 1
    );
}

async fn experiments_are_written_once_and_outcomes_follow_each_person(store: Store) {
    use hearth_store::experiments::{Experiment, Placed};
    use hearth_store::import::ExternalActivity;
    use hearth_store::membership::{Joining, NewInvite};
    use hearth_store::people::Sighting;
    let (owner, _) = owner_and_space(&store).await;
    let mut import = store
        .begin_import("activities", "shop.ndjson", "sha", None)
        .await
        .unwrap();
    let mut c = Vec::new();
    for n in 1..=6 {
        let email = format!("c{n}@shop.test");
        c.push(
            import
                .person(&Sighting {
                    channel: "shopify",
                    external_id: &format!("cust{n}"),
                    email: &email,
                    handle: "",
                    name: &format!("Customer {n}"),
                })
                .await
                .unwrap(),
        );
    }
    let mut key = 0;
    let mut act = |member_id: i64, kind: &str, weight: i64, at: i64| {
        key += 1;
        ExternalActivity {
            member_id,
            kind: kind.into(),
            channel: "shopify".into(),
            target_type: None,
            target_id: None,
            weight,
            properties: None,
            key: format!("k{key}"),
            occurred_at: at,
        }
    };
    let before_start = [
        act(c[0], "order_placed", 9_999, 100),
        // c5 unsubscribed and came back; c6 is unsubscribed; c4's address was cleaned.
        act(c[4], "unsubscribed", 1, 200),
        act(c[4], "subscribed", 1, 300),
        act(c[5], "subscribed", 1, 200),
        act(c[5], "unsubscribed", 1, 300),
        act(c[3], "email_cleaned", 1, 300),
    ];
    for a in before_start {
        import.activity(a).await.unwrap();
    }
    import.finish().await.unwrap();
    let mut unsubscribed = store.unsubscribed_among(&c).await.unwrap();
    unsubscribed.sort_unstable();
    assert_eq!(unsubscribed, vec![c[3], c[5]]);
    let taken = store
        .account_emails_among(&["o@x.io".into(), "c1@shop.test".into()])
        .await
        .unwrap();
    assert_eq!(taken, vec!["o@x.io".to_string()]);

    let invite = |hash: &'static str, email: &'static str| NewInvite {
        token_hash: hash,
        email: Some(email),
        max_uses: 1,
        expires_at: 9_000_000,
        created_by: Some(owner),
        mail_nonce: Some("nonce"),
    };
    let started = Experiment {
        id: 0,
        name: "Spring customers".into(),
        segment_id: None,
        segment_name: "Shop".into(),
        condition: "channel = shopify".into(),
        seed: 42,
        holdout_percent: 50,
        outcome_days: 90,
        left_out: "{}".into(),
        created_by: Some(owner),
        started_at: 1_000,
        ends_at: 10_000,
        invited: 0,
        holdout: 0,
    };
    let placed = [
        Placed {
            member_id: c[0],
            invite: Some(invite("h1", "c1@shop.test")),
        },
        Placed {
            member_id: c[1],
            invite: Some(invite("h2", "c2@shop.test")),
        },
        Placed {
            member_id: c[2],
            invite: None,
        },
        Placed {
            member_id: c[3],
            invite: None,
        },
    ];
    let id = store.start_experiment(&started, &placed).await.unwrap();
    let e = store.experiment(id).await.unwrap().unwrap();
    assert_eq!((e.invited, e.holdout, e.seed), (2, 2, 42));
    assert_eq!(store.experiments().await.unwrap()[0].id, id);
    assert_eq!(
        store.experiment_people(id).await.unwrap(),
        vec![(c[0], true), (c[1], true), (c[2], false), (c[3], false)]
    );
    let invites = store.invites(10).await.unwrap();
    assert_eq!(invites.len(), 2, "one invitation for each of the invited");
    let mut busy = store.people_in_running_experiments(5_000).await.unwrap();
    busy.sort_unstable();
    assert_eq!(busy, c[..4].to_vec());
    assert!(
        store
            .people_in_running_experiments(10_000)
            .await
            .unwrap()
            .is_empty()
    );

    // Nothing is half-written: a person who does not exist rolls the whole start back.
    let broken = [
        Placed {
            member_id: c[4],
            invite: None,
        },
        Placed {
            member_id: 999_999,
            invite: None,
        },
    ];
    assert!(store.start_experiment(&started, &broken).await.is_err());
    assert_eq!(store.experiments().await.unwrap().len(), 1);

    // c1 joins with the invitation under another address, buys and gets part refunded.
    let c1_invite = invites
        .iter()
        .find(|i| i.email.as_deref() == Some("c1@shop.test"))
        .unwrap()
        .id;
    store
        .join(
            &new_member("new-c1@x.io", "cee-one", Role::Member),
            &Joining {
                invite_id: Some(c1_invite),
                ..Joining::default()
            },
            1_200,
        )
        .await
        .unwrap();
    // c2 opens an account with the same address, and buys on it; c3 is merged into an
    // account that existed before, and had bought on the contact record.
    let c2_account = store
        .create_member(&new_member("c2@shop.test", "cee-two", Role::Member), 1_300)
        .await
        .unwrap()
        .id;
    let c3_account = store
        .create_member(&new_member("three@x.io", "cee-three", Role::Member), 500)
        .await
        .unwrap()
        .id;
    let mut import = store
        .begin_import("activities", "later.ndjson", "sha2", None)
        .await
        .unwrap();
    for a in [
        act(c[0], "order_placed", 2_000, 1_500),
        act(c[0], "order_refunded", 500, 1_600),
        act(c2_account, "purchased", 700, 3_000),
        act(c[1], "order_placed", 5_000, 20_000),
        act(c[2], "payment_made", 300, 2_000),
    ] {
        import.activity(a).await.unwrap();
    }
    import.finish().await.unwrap();
    store
        .merge_members(c[2], c3_account, "same person", Some(owner), 4_000)
        .await
        .unwrap();

    let outcomes = store.experiment_outcomes(&e, 10_000).await.unwrap();
    let got: Vec<(i64, bool, bool, i64, i64, bool)> = outcomes
        .iter()
        .map(|o| {
            (
                o.member_id,
                o.invited,
                o.joined,
                o.spend_cents,
                o.purchases,
                o.opted_out,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (c[0], true, true, 1_500, 1, false),
            (c[1], true, true, 700, 1, false),
            (c[2], false, true, 300, 1, false),
            (c[3], false, false, 0, 0, false),
        ]
    );
    // Asking not to be counted follows the person to the account they opened.
    store.set_analytics_opt_out(c2_account, true).await.unwrap();
    let outcomes = store.experiment_outcomes(&e, 10_000).await.unwrap();
    assert!(outcomes[1].opted_out && !outcomes[0].opted_out);
}

async fn sentiment_counts_live_posts_in_the_spaces_asked_and_corrections_win(store: Store) {
    use hearth_store::sentiment as st;
    let (owner, general) = owner_and_space(&store).await;
    let other = store
        .create_space(
            &SpaceFields {
                slug: "other",
                name: "Other",
                description: None,
                visibility: Visibility::Public,
            },
            1_000,
        )
        .await
        .unwrap()
        .id;
    let (t1, first) = store
        .create_topic(&topic(general, owner, "Loaves"), 2_000)
        .await
        .unwrap();
    let (t2, _) = store
        .create_topic(&topic(other, owner, "Elsewhere"), 2_000)
        .await
        .unwrap();
    let happy = store
        .create_reply(t1, owner, "I love it", "<p>I love it</p>", 3_000)
        .await
        .unwrap();
    let sad = store
        .create_reply(t1, owner, "Stale again", "<p>Stale again</p>", 4_000)
        .await
        .unwrap();
    let gone = store
        .create_reply(t1, owner, "awful", "<p>awful</p>", 4_500)
        .await
        .unwrap();
    let away = store
        .create_reply(t2, owner, "great", "<p>great</p>", 5_000)
        .await
        .unwrap();
    store.delete_post(gone, owner, None, 6_000).await.unwrap();

    let mut tx = store.db.begin().await.unwrap();
    assert!(st::sentiment_on_in(&mut tx).await.unwrap());
    assert_eq!(
        st::first_posts_in(&mut tx, &[t1, 999]).await.unwrap(),
        vec![first]
    );
    let texts = st::posts_to_score_in(&mut tx, &[happy, sad, 999])
        .await
        .unwrap();
    assert_eq!(
        texts,
        vec![
            (happy, "I love it".to_string()),
            (sad, "Stale again".to_string())
        ]
    );
    for (post, milli, label) in [
        (first, 20, "neutral"),
        (happy, 640, "positive"),
        (sad, -300, "negative"),
        (gone, -800, "negative"),
        (away, 700, "positive"),
    ] {
        st::write_score_in(&mut tx, post, milli, label, "en", 7_000)
            .await
            .unwrap();
    }
    // Scoring again replaces the score.
    st::write_score_in(&mut tx, sad, -600, "negative", "en", 7_001)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let rows = store.sentiment_rows(0, 10_000, &[general]).await.unwrap();
    let got: Vec<(i64, &str, i64, bool)> = rows
        .iter()
        .map(|r| (r.post_id, r.label.as_str(), r.compound_milli, r.corrected))
        .collect();
    assert_eq!(
        got,
        vec![
            (first, "neutral", 20, false),
            (happy, "positive", 640, false),
            (sad, "negative", -600, false)
        ],
        "the deleted post is gone"
    );
    assert_eq!(
        store.sentiment_rows(0, 10_000, &[]).await.unwrap(),
        vec![],
        "no space, nothing"
    );
    assert_eq!(
        store
            .sentiment_rows(3_500, 10_000, &[general, other])
            .await
            .unwrap()
            .len(),
        2
    );

    // Staff's label wins, survives a new automatic score, and goes back when cleared.
    store
        .correct_sentiment(sad, Some("positive"), Some(owner), 8_000)
        .await
        .unwrap();
    let mut tx = store.db.begin().await.unwrap();
    st::write_score_in(&mut tx, sad, -650, "negative", "en", 8_500)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let positive = store
        .sentiment_posts(0, 10_000, &[general], "positive", 10)
        .await
        .unwrap();
    assert_eq!(
        positive.iter().map(|p| p.post_id).collect::<Vec<_>>(),
        vec![happy, sad]
    );
    let corrected = &positive[1];
    assert_eq!(
        (
            corrected.automatic.as_str(),
            corrected.corrected,
            corrected.compound_milli
        ),
        ("negative", true, -650)
    );
    assert_eq!(
        (
            corrected.title.as_str(),
            corrected.topic_id,
            corrected.body_md.as_str()
        ),
        ("Loaves", t1, "Stale again")
    );
    store
        .correct_sentiment(sad, None, Some(owner), 9_000)
        .await
        .unwrap();
    let negative = store
        .sentiment_posts(0, 10_000, &[general], "negative", 10)
        .await
        .unwrap();
    assert_eq!(
        negative
            .iter()
            .map(|p| (p.post_id, p.corrected))
            .collect::<Vec<_>>(),
        vec![(sad, false)]
    );
    // A post never scored gets a correction all the same; no post, no correction.
    let later = store
        .create_reply(t1, owner, "fine", "<p>fine</p>", 9_500)
        .await
        .unwrap();
    store
        .correct_sentiment(later, Some("negative"), Some(owner), 9_600)
        .await
        .unwrap();
    assert_eq!(
        store
            .sentiment_posts(0, 10_000, &[general], "negative", 10)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(matches!(
        store
            .correct_sentiment(999_999, Some("negative"), None, 1)
            .await,
        Err(StoreError::NotFound)
    ));

    // A member who opted out of analytics is in no count and no list.
    let quiet = store
        .create_member(&new_member("q@x.io", "quiet", Role::Member), 9_000)
        .await
        .unwrap()
        .id;
    let theirs = store
        .create_reply(t1, quiet, "awful", "<p>awful</p>", 9_700)
        .await
        .unwrap();
    store
        .correct_sentiment(theirs, Some("negative"), Some(owner), 9_800)
        .await
        .unwrap();
    assert_eq!(
        store
            .sentiment_posts(0, 10_000, &[general], "negative", 10)
            .await
            .unwrap()
            .len(),
        3
    );
    store.set_analytics_opt_out(quiet, true).await.unwrap();
    assert_eq!(
        store
            .sentiment_posts(0, 10_000, &[general], "negative", 10)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(
        store
            .sentiment_rows(0, 10_000, &[general])
            .await
            .unwrap()
            .iter()
            .all(|r| r.post_id != theirs)
    );
    assert!(
        store
            .post_texts(0, 10_000, &[general], 10)
            .await
            .unwrap()
            .iter()
            .all(|t| t.author_id != quiet)
    );

    // The switch.
    assert!(store.sentiment_on().await.unwrap());
    store.set_sentiment_on(false).await.unwrap();
    assert!(!store.sentiment_on().await.unwrap());
    let mut tx = store.db.begin().await.unwrap();
    assert!(!st::sentiment_on_in(&mut tx).await.unwrap());
    drop(tx);

    // Texts for trending: live posts in the spaces asked, newest first.
    let texts = store.post_texts(0, 10_000, &[general], 10).await.unwrap();
    assert_eq!(
        texts.iter().map(|t| t.body_md.as_str()).collect::<Vec<_>>(),
        vec!["fine", "Stale again", "I love it", "Hello *there*"]
    );
}

async fn slipping_finds_the_most_active_gone_quiet_for_a_week_to_four(store: Store) {
    use hearth_store::import::ExternalActivity;
    use hearth_store::people::Sighting;
    const DAY: i64 = 86_400_000;
    let now = 400 * DAY;
    let mut import = store
        .begin_import("activities", "d.ndjson", "sha", None)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for n in 0..8 {
        ids.push(
            import
                .person(&Sighting {
                    channel: "discord",
                    external_id: &format!("u{n}"),
                    email: "",
                    handle: &format!("u{n}"),
                    name: "",
                })
                .await
                .unwrap(),
        );
    }
    let mut key = 0;
    // (member, acts, days ago of the last one): the busy ones are 0 to 3.
    for (m, acts, last) in [
        (0, 20, 10),
        (1, 20, 2),
        (2, 20, 40),
        (3, 15, 27),
        (4, 2, 10),
        (5, 1, 12),
        (6, 1, 9),
        (7, 3, 15),
    ] {
        for k in 0..acts {
            key += 1;
            let ago = last + k * 2;
            import
                .activity(ExternalActivity {
                    member_id: ids[m],
                    kind: if k % 2 == 0 {
                        "message_sent"
                    } else {
                        "custom:voice"
                    }
                    .into(),
                    channel: "discord".into(),
                    target_type: None,
                    target_id: None,
                    weight: 1,
                    properties: None,
                    key: format!("k{key}"),
                    occurred_at: now - ago * DAY,
                })
                .await
                .unwrap();
        }
        // An order is not participation: it does not make anyone active.
        key += 1;
        import
            .activity(ExternalActivity {
                member_id: ids[m],
                kind: "order_placed".into(),
                channel: "shopify".into(),
                target_type: None,
                target_id: None,
                weight: 500,
                properties: None,
                key: format!("k{key}"),
                occurred_at: now - DAY,
            })
            .await
            .unwrap();
    }
    import.finish().await.unwrap();
    // Acts in the 90 days before the last 7: 20, 17, 20, 15, 2, 1, 1, 3; the top quarter
    // of eight is two, so the bar is the second highest count.
    assert_eq!(store.slipping_min(now).await.unwrap(), 20);
    let c = hearth_core::condition::parse("slipping").unwrap();
    let found: Vec<i64> = store
        .condition_members(&c, now, 0, 100)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(
        found,
        vec![ids[0]],
        "active 2 days ago, quiet for 40, or not among the busiest: out"
    );
    assert_eq!(store.condition_count(&c, now).await.unwrap(), 1);
    let c = hearth_core::condition::parse("not slipping and activity >= 15").unwrap();
    assert_eq!(store.condition_count(&c, now).await.unwrap(), 3);
}
