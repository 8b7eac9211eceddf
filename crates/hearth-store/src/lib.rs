//! Hearth's storage: one [`Store`] over SQLite or PostgreSQL.
//!
//! Each module owns the SQL for one part of the domain. Functions that take a [`Tx`] are
//! the building blocks; `Store` methods that change a member's story open one transaction,
//! write the domain rows, append exactly one activity row and enqueue the jobs the change
//! causes, then commit. Nothing here knows HTTP or JSON.

// Unsafe code is refused everywhere but the one bulk-insert module, which drives SQLite's
// C API for the import's multi-row inserts (see `bulk.rs`).
#![deny(unsafe_code)]

pub mod activity;
pub mod audit;
pub mod badges;
#[allow(unsafe_code)]
pub mod bulk;
pub mod community;
pub mod db;
pub mod discipline;
pub mod events;
pub mod experiments;
pub mod feeds;
pub mod groups;
pub mod ideas;
pub mod import;
pub mod insights;
pub mod jobs;
pub mod mail;
pub mod members;
pub mod membership;
pub mod merges;
pub mod migrate;
pub mod moderation;
pub mod notifications;
pub mod people;
pub mod points;
pub mod polls;
pub mod privacy;
pub mod profiles;
pub mod rate_limits;
pub mod reactions;
pub mod rewards;
pub mod search;
pub mod segments;
pub mod sentiment;
pub mod spaces;
pub mod spam;
pub mod stream;
pub mod test_support;
pub mod topics;
pub mod trust;
pub mod uploads;
pub mod visits;
pub mod watches;
pub mod webhooks;

pub use db::{Arg, Db, Dialect, Row, Tx};
pub use hearth_core::model::Space;

use std::path::Path;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value is taken; `field` names it as the user typed it (`email`, `slug`, ...).
    #[error("{field} is already taken")]
    Conflict { field: &'static str },
    #[error("not found")]
    NotFound,
    /// The community already exists (setup runs once).
    #[error("the community is already set up")]
    AlreadySetUp,
    #[error("a stored value could not be read: {0}")]
    Decode(String),
    /// A limit counted in the database was reached (`flags a day`).
    #[error("too many {0}")]
    OverLimit(&'static str),
    #[error("backups: {0}")]
    Unsupported(&'static str),
    #[error("migration {version} failed: {message}")]
    Migration { version: i64, message: String },
    #[error("database: {0}")]
    Database(#[source] sqlx::Error),
}

/// Unique indexes and the input field each protects: (index name, SQLite column, field).
const UNIQUES: &[(&str, &str, &str)] = &[
    ("members_email_unique", "members.email", "email"),
    ("members_handle_unique", "members.handle", "handle"),
    ("spaces_slug_unique", "spaces.slug", "slug"),
    ("api_tokens_hash_unique", "api_tokens.token_hash", "token"),
    ("community_pkey", "community.id", "community"),
    ("flags_once", "flags.member_id", "flag"),
    ("groups_slug_unique", "member_groups.slug", "slug"),
    ("segments_name_unique", "segments.name", "name"),
    ("badges_slug_key", "badges.slug", "name"),
    ("applications_pending_email", "applications.email", "email"),
    (
        "keyword_rules_pattern_unique",
        "keyword_rules.pattern",
        "pattern",
    ),
];

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            let constraint = db.constraint().unwrap_or_default();
            let message = db.message();
            for (index, column, field) in UNIQUES {
                if constraint == *index || message.ends_with(column) {
                    return StoreError::Conflict { field };
                }
            }
        }
        if matches!(e, sqlx::Error::RowNotFound) {
            return StoreError::NotFound;
        }
        StoreError::Database(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The store: a database handle plus the operations Hearth performs on it.
#[derive(Clone, Debug)]
pub struct Store {
    pub db: Db,
}

impl Store {
    /// Opens the database named by `url` (`sqlite://PATH`, a bare path, or
    /// `postgres://...`) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Db::open_postgres(url).await?
        } else {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            Db::open_sqlite(Path::new(path)).await?
        };
        migrate::run(&db).await?;
        Ok(Store { db })
    }

    pub fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    /// Answers when the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        self.db
            .fetch_one("SELECT CAST(1 AS BIGINT) AS one", &[])
            .await?
            .i64("one")?;
        Ok(())
    }

    /// Writes a consistent copy of a SQLite database to `to`, while it is in use.
    pub async fn backup_sqlite(&self, to: &Path) -> Result<()> {
        let Db::Sqlite(pool) = &self.db else {
            return Err(StoreError::Unsupported(
                "hearth backup copies SQLite; for PostgreSQL use pg_dump (docs/OPERATIONS.md)",
            ));
        };
        let target = to.to_string_lossy().to_string();
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(pool)
            .await?;
        Ok(())
    }
}

/// `text` lower-cased for a `LIKE ... ESCAPE '\'` pattern, with `%`, `_` and `\` made to
/// match themselves (callers add the wildcards they mean).
pub(crate) fn like_literal(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

/// The current time in milliseconds since the Unix epoch.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
