//! Fresh, empty databases for tests, on either dialect.
//!
//! PostgreSQL tests read the server from `HEARTH_TEST_POSTGRES_URL` (a URL whose role may
//! create databases); each test gets a database of its own. Without that variable the
//! PostgreSQL half is skipped with a message, except under `CI=true`, where a missing
//! PostgreSQL fails the run.

use crate::{Db, Dialect, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "hearth_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// A fresh database that is removed (SQLite) when dropped.
pub struct FreshDatabase {
    pub url: String,
    pub dialect: Dialect,
    dir: Option<PathBuf>,
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl FreshDatabase {
    pub async fn open(&self) -> Store {
        match Store::open(&self.url).await {
            Ok(s) => s,
            Err(e) => panic!("cannot open test database {}: {e}", self.url),
        }
    }
}

/// A new empty SQLite database in its own temporary directory.
pub fn sqlite() -> FreshDatabase {
    let dir = std::env::temp_dir().join(unique_name());
    std::fs::create_dir_all(&dir).expect("temporary directory");
    FreshDatabase {
        url: format!("sqlite://{}", dir.join("hearth.db").display()),
        dialect: Dialect::Sqlite,
        dir: Some(dir),
    }
}

/// The PostgreSQL server URL for tests, or `None` (outside CI) when there is none.
pub fn postgres_server() -> Option<String> {
    match std::env::var("HEARTH_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!(
                    "CI=true but HEARTH_TEST_POSTGRES_URL is not set: PostgreSQL tests must run in CI"
                );
            }
            eprintln!(
                "HEARTH_TEST_POSTGRES_URL is not set: skipping the PostgreSQL half of this test"
            );
            None
        }
    }
}

/// Drops, once per test process, the databases earlier test processes left behind: a
/// database is named after the process that made it (`hearth_t_{pid}_…`), and one whose
/// process is gone is garbage. (Tests cannot drop their own: `Drop` is not async.)
async fn drop_leftovers(pool: &sqlx::PgPool) {
    static DONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    // Only where processes can be looked up (Linux); elsewhere leave everything alone.
    if DONE.swap(true, std::sync::atomic::Ordering::SeqCst)
        || !std::path::Path::new("/proc/self").exists()
    {
        return;
    }
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'hearth\\_t\\_%'")
            .fetch_all(pool)
            .await
            .unwrap_or_default();
    for (name,) in names {
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| {
            p == std::process::id() || std::path::Path::new(&format!("/proc/{p}")).exists()
        });
        if !alive {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name}"
            )))
            .execute(pool)
            .await;
        }
    }
}

/// A new empty PostgreSQL database on the test server, or `None` when there is no server.
pub async fn postgres() -> Option<FreshDatabase> {
    let server = postgres_server()?;
    let name = unique_name();
    let admin = Db::open_postgres(&server)
        .await
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {server}: {e}"));
    let Db::Postgres(pool) = &admin else {
        unreachable!()
    };
    drop_leftovers(pool).await;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    admin.close().await;
    let base = match server.rfind('/') {
        Some(i)
            if server[..i].contains("://")
                && server[i..].len() > 1
                && !server[..i].ends_with('/') =>
        {
            &server[..i]
        }
        _ => server.trim_end_matches('/'),
    };
    let (base, query) = match server.split_once('?') {
        Some((_, q)) => (base.split('?').next().unwrap_or(base), format!("?{q}")),
        None => (base, String::new()),
    };
    Some(FreshDatabase {
        url: format!("{base}/{name}{query}"),
        dialect: Dialect::Postgres,
        dir: None,
    })
}
