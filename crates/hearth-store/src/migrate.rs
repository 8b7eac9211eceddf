//! Schema migrations, one list per dialect with the same version numbers. Each runs in its
//! own transaction and is recorded in `schema_migrations`; on PostgreSQL an advisory lock
//! keeps two starting nodes from migrating at once.

use crate::{Db, Dialect, Result, StoreError};

/// (version, name, SQLite script, PostgreSQL script).
pub const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "questions",
        include_str!("../migrations/sqlite/0002_questions.sql"),
        include_str!("../migrations/postgres/0002_questions.sql"),
    ),
    (
        3,
        "reactions",
        include_str!("../migrations/sqlite/0003_reactions.sql"),
        include_str!("../migrations/postgres/0003_reactions.sql"),
    ),
    (
        4,
        "notifications",
        include_str!("../migrations/sqlite/0004_notifications.sql"),
        include_str!("../migrations/postgres/0004_notifications.sql"),
    ),
    (
        5,
        "ideas",
        include_str!("../migrations/sqlite/0005_ideas.sql"),
        include_str!("../migrations/postgres/0005_ideas.sql"),
    ),
    (
        6,
        "pins",
        include_str!("../migrations/sqlite/0006_pins.sql"),
        include_str!("../migrations/postgres/0006_pins.sql"),
    ),
    (
        7,
        "polls",
        include_str!("../migrations/sqlite/0007_polls.sql"),
        include_str!("../migrations/postgres/0007_polls.sql"),
    ),
    (
        8,
        "idea_merges",
        include_str!("../migrations/sqlite/0008_idea_merges.sql"),
        include_str!("../migrations/postgres/0008_idea_merges.sql"),
    ),
    (
        9,
        "watches",
        include_str!("../migrations/sqlite/0009_watches.sql"),
        include_str!("../migrations/postgres/0009_watches.sql"),
    ),
    (
        10,
        "mail",
        include_str!("../migrations/sqlite/0010_mail.sql"),
        include_str!("../migrations/postgres/0010_mail.sql"),
    ),
    (
        11,
        "topic_watches",
        include_str!("../migrations/sqlite/0011_topic_watches.sql"),
        include_str!("../migrations/postgres/0011_topic_watches.sql"),
    ),
    (
        12,
        "idea_orders",
        include_str!("../migrations/sqlite/0012_idea_orders.sql"),
        include_str!("../migrations/postgres/0012_idea_orders.sql"),
    ),
    (
        13,
        "moderation",
        include_str!("../migrations/sqlite/0013_moderation.sql"),
        include_str!("../migrations/postgres/0013_moderation.sql"),
    ),
    (
        14,
        "discipline",
        include_str!("../migrations/sqlite/0014_discipline.sql"),
        include_str!("../migrations/postgres/0014_discipline.sql"),
    ),
    (
        15,
        "public_mod_log",
        include_str!("../migrations/sqlite/0015_public_mod_log.sql"),
        include_str!("../migrations/postgres/0015_public_mod_log.sql"),
    ),
    (
        16,
        "membership",
        include_str!("../migrations/sqlite/0016_membership.sql"),
        include_str!("../migrations/postgres/0016_membership.sql"),
    ),
    (
        17,
        "search",
        include_str!("../migrations/sqlite/0017_search.sql"),
        include_str!("../migrations/postgres/0017_search.sql"),
    ),
    (
        18,
        "profiles",
        include_str!("../migrations/sqlite/0018_profiles.sql"),
        include_str!("../migrations/postgres/0018_profiles.sql"),
    ),
    (
        19,
        "events",
        include_str!("../migrations/sqlite/0019_events.sql"),
        include_str!("../migrations/postgres/0019_events.sql"),
    ),
    (
        20,
        "locale",
        include_str!("../migrations/sqlite/0020_locale.sql"),
        include_str!("../migrations/postgres/0020_locale.sql"),
    ),
    (
        21,
        "event_cancel",
        include_str!("../migrations/sqlite/0021_event_cancel.sql"),
        include_str!("../migrations/postgres/0021_event_cancel.sql"),
    ),
    (
        22,
        "people",
        include_str!("../migrations/sqlite/0022_people.sql"),
        include_str!("../migrations/postgres/0022_people.sql"),
    ),
    (
        23,
        "security",
        include_str!("../migrations/sqlite/0023_security.sql"),
        include_str!("../migrations/postgres/0023_security.sql"),
    ),
    (
        24,
        "stream",
        include_str!("../migrations/sqlite/0024_stream.sql"),
        include_str!("../migrations/postgres/0024_stream.sql"),
    ),
    (
        25,
        "insights",
        include_str!("../migrations/sqlite/0025_insights.sql"),
        include_str!("../migrations/postgres/0025_insights.sql"),
    ),
    (
        26,
        "space_icons",
        include_str!("../migrations/sqlite/0026_space_icons.sql"),
        include_str!("../migrations/postgres/0026_space_icons.sql"),
    ),
    (
        27,
        "engagement",
        include_str!("../migrations/sqlite/0027_engagement.sql"),
        include_str!("../migrations/postgres/0027_engagement.sql"),
    ),
    (
        28,
        "goals",
        include_str!("../migrations/sqlite/0028_goals.sql"),
        include_str!("../migrations/postgres/0028_goals.sql"),
    ),
    (
        29,
        "experiments",
        include_str!("../migrations/sqlite/0029_experiments.sql"),
        include_str!("../migrations/postgres/0029_experiments.sql"),
    ),
    (
        30,
        "sentiment",
        include_str!("../migrations/sqlite/0030_sentiment.sql"),
        include_str!("../migrations/postgres/0030_sentiment.sql"),
    ),
    (
        31,
        "token_scopes",
        include_str!("../migrations/sqlite/0031_token_scopes.sql"),
        include_str!("../migrations/postgres/0031_token_scopes.sql"),
    ),
    (
        32,
        "webhooks",
        include_str!("../migrations/sqlite/0032_webhooks.sql"),
        include_str!("../migrations/postgres/0032_webhooks.sql"),
    ),
    (
        33,
        "points",
        include_str!("../migrations/sqlite/0033_points.sql"),
        include_str!("../migrations/postgres/0033_points.sql"),
    ),
];

const LOCK_KEY: i64 = 0x4845_4152_5448; // "HEARTH"

pub async fn run(db: &Db) -> Result<()> {
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        &[],
    )
    .await?;
    let mut tx = db.begin().await?;
    if db.dialect() == Dialect::Postgres {
        tx.execute(
            "SELECT pg_advisory_xact_lock($1)",
            &[crate::Arg::I64(LOCK_KEY)],
        )
        .await?;
    }
    let applied: Vec<i64> = tx
        .fetch_all(
            "SELECT version FROM schema_migrations ORDER BY version",
            &[],
        )
        .await?
        .iter()
        .map(|r| r.i64("version"))
        .collect::<Result<_>>()?;
    for (version, name, sqlite, postgres) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        let script = match db.dialect() {
            Dialect::Sqlite => sqlite,
            Dialect::Postgres => postgres,
        };
        tx.execute_script(script)
            .await
            .map_err(|e| StoreError::Migration {
                version: *version,
                message: e.to_string(),
            })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[
                crate::Arg::I64(*version),
                crate::Arg::Text(name),
                crate::Arg::I64(crate::now_millis()),
            ],
        )
        .await?;
        tracing::info!(version, name, "applied migration");
    }
    tx.commit().await
}
