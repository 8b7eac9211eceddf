//! The database seam: one `Db` over SQLite or PostgreSQL, one `Tx`, and one `Row`.
//!
//! SQL is written once with `$1` placeholders and runs on both databases; arguments are
//! passed as [`Arg`]s and columns read by name from a [`Row`]. Code that truly differs per
//! dialect (job claiming, backups, later full-text search) matches on [`Db::dialect`] in
//! the module that needs it, so every difference is visible where it happens.

use crate::StoreError;
use sqlx::postgres::{PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{PgPool, Postgres, Row as _, Sqlite, SqlitePool};
use std::path::Path;
use std::time::Duration;

/// Which SQL dialect a `Db` speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A pool of connections to one database.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open transaction. Dropping it without [`Tx::commit`] rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// A query argument. Nulls carry their type, because PostgreSQL wants to know it.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    I64(i64),
    OptI64(Option<i64>),
    Text(&'a str),
    OptText(Option<&'a str>),
    Bytes(&'a [u8]),
}

/// One result row from either database.
pub enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

fn sqlite_query<'a>(
    sql: impl sqlx::SqlSafeStr,
    args: &[Arg<'a>],
) -> sqlx::query::Query<'a, Sqlite, <Sqlite as sqlx::Database>::Arguments> {
    let mut q = sqlx::query(sql);
    for arg in args {
        q = match *arg {
            Arg::I64(v) => q.bind(v),
            Arg::OptI64(v) => q.bind(v),
            Arg::Text(v) => q.bind(v.to_string()),
            Arg::OptText(v) => q.bind(v.map(str::to_string)),
            Arg::Bytes(v) => q.bind(v.to_vec()),
        };
    }
    q
}

fn pg_query<'a>(
    sql: impl sqlx::SqlSafeStr,
    args: &[Arg<'a>],
) -> sqlx::query::Query<'a, Postgres, <Postgres as sqlx::Database>::Arguments> {
    let mut q = sqlx::query(sql);
    for arg in args {
        q = match *arg {
            Arg::I64(v) => q.bind(v),
            Arg::OptI64(v) => q.bind(v),
            Arg::Text(v) => q.bind(v.to_string()),
            Arg::OptText(v) => q.bind(v.map(str::to_string)),
            Arg::Bytes(v) => q.bind(v.to_vec()),
        };
    }
    q
}

/// Runs one statement on any executor of either dialect; used by `Db` and `Tx` alike.
macro_rules! dispatch {
    ($target:expr, $sql:expr, $args:expr, $method:ident, $wrap:expr) => {
        match $target {
            Target::Sqlite(e) => sqlite_query($sql, $args)
                .$method(e)
                .await
                .map($wrap(Row::Sqlite)),
            Target::Postgres(e) => pg_query($sql, $args)
                .$method(e)
                .await
                .map($wrap(Row::Postgres)),
        }
    };
}

enum Target<S, P> {
    Sqlite(S),
    Postgres(P),
}

fn all<R>(wrap: fn(R) -> Row) -> impl Fn(Vec<R>) -> Vec<Row> {
    move |rows| rows.into_iter().map(wrap).collect()
}
fn optional<R>(wrap: fn(R) -> Row) -> impl Fn(Option<R>) -> Option<Row> {
    move |row| row.map(wrap)
}
fn one<R>(wrap: fn(R) -> Row) -> impl Fn(R) -> Row {
    wrap
}
impl Db {
    /// Opens (creating if needed) a SQLite database file in WAL mode.
    pub async fn open_sqlite(path: &Path) -> Result<Db, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("temp_store", "memory")
            .pragma("cache_size", "-32000");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    /// Connects to PostgreSQL at `url`.
    pub async fn open_postgres(url: &str) -> Result<Db, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        Ok(Db::Postgres(pool))
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Begins a write transaction. On SQLite it is `BEGIN IMMEDIATE`, so two writers queue
    /// on the busy timeout instead of failing halfway.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    fn target(&self) -> Target<&SqlitePool, &PgPool> {
        match self {
            Db::Sqlite(p) => Target::Sqlite(p),
            Db::Postgres(p) => Target::Postgres(p),
        }
    }

    pub async fn execute(&self, sql: &'static str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        let done = match self.target() {
            Target::Sqlite(e) => sqlite_query(sql, args)
                .execute(e)
                .await
                .map(|d| d.rows_affected()),
            Target::Postgres(e) => pg_query(sql, args)
                .execute(e)
                .await
                .map(|d| d.rows_affected()),
        };
        done.map_err(StoreError::from)
    }

    pub async fn fetch_all(
        &self,
        sql: &'static str,
        args: &[Arg<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        Ok(dispatch!(self.target(), sql, args, fetch_all, all)?)
    }

    pub async fn fetch_optional(
        &self,
        sql: &'static str,
        args: &[Arg<'_>],
    ) -> Result<Option<Row>, StoreError> {
        Ok(dispatch!(
            self.target(),
            sql,
            args,
            fetch_optional,
            optional
        )?)
    }

    /// Runs a query whose text was assembled from fixed fragments by a compiler of ours
    /// (the segment conditions, `segments.rs`): every value is in `args`, never in `sql`.
    pub async fn fetch_all_compiled(
        &self,
        sql: String,
        args: &[Arg<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        let sql = sqlx::AssertSqlSafe(sql);
        Ok(match self {
            Db::Sqlite(p) => sqlite_query(sql, args)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Db::Postgres(p) => pg_query(sql, args)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    pub async fn fetch_one(&self, sql: &'static str, args: &[Arg<'_>]) -> Result<Row, StoreError> {
        Ok(dispatch!(self.target(), sql, args, fetch_one, one)?)
    }

    /// Runs a script of several statements (migrations). Not for user input.
    pub async fn execute_script(&self, script: &'static str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(p) => sqlx::raw_sql(script).execute(p).await.map(|_| ())?,
            Db::Postgres(p) => sqlx::raw_sql(script).execute(p).await.map(|_| ())?,
        }
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub fn dialect(&self) -> Dialect {
        match self {
            Tx::Sqlite(_) => Dialect::Sqlite,
            Tx::Postgres(_) => Dialect::Postgres,
        }
    }

    fn target(&mut self) -> Target<&mut sqlx::SqliteConnection, &mut sqlx::PgConnection> {
        match self {
            Tx::Sqlite(t) => Target::Sqlite(&mut **t),
            Tx::Postgres(t) => Target::Postgres(&mut **t),
        }
    }

    pub async fn execute(
        &mut self,
        sql: &'static str,
        args: &[Arg<'_>],
    ) -> Result<u64, StoreError> {
        let done = match self.target() {
            Target::Sqlite(e) => sqlite_query(sql, args)
                .execute(e)
                .await
                .map(|d| d.rows_affected()),
            Target::Postgres(e) => pg_query(sql, args)
                .execute(e)
                .await
                .map(|d| d.rows_affected()),
        };
        done.map_err(StoreError::from)
    }

    pub async fn fetch_all(
        &mut self,
        sql: &'static str,
        args: &[Arg<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        Ok(dispatch!(self.target(), sql, args, fetch_all, all)?)
    }

    pub async fn fetch_optional(
        &mut self,
        sql: &'static str,
        args: &[Arg<'_>],
    ) -> Result<Option<Row>, StoreError> {
        Ok(dispatch!(
            self.target(),
            sql,
            args,
            fetch_optional,
            optional
        )?)
    }

    pub async fn fetch_one(
        &mut self,
        sql: &'static str,
        args: &[Arg<'_>],
    ) -> Result<Row, StoreError> {
        Ok(dispatch!(self.target(), sql, args, fetch_one, one)?)
    }

    /// [`Db::fetch_all_compiled`] inside this transaction.
    pub async fn fetch_all_compiled(
        &mut self,
        sql: String,
        args: &[Arg<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        let sql = sqlx::AssertSqlSafe(sql);
        Ok(match self.target() {
            Target::Sqlite(e) => sqlite_query(sql, args)
                .fetch_all(e)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Target::Postgres(e) => pg_query(sql, args)
                .fetch_all(e)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    /// A statement assembled from fixed fragments (as [`Db::fetch_all_compiled`]).
    pub async fn execute_compiled(
        &mut self,
        sql: String,
        args: &[Arg<'_>],
    ) -> Result<u64, StoreError> {
        let sql = sqlx::AssertSqlSafe(sql);
        let done = match self.target() {
            Target::Sqlite(e) => sqlite_query(sql, args)
                .execute(e)
                .await
                .map(|d| d.rows_affected()),
            Target::Postgres(e) => pg_query(sql, args)
                .execute(e)
                .await
                .map(|d| d.rows_affected()),
        };
        done.map_err(StoreError::from)
    }

    /// Runs a multi-statement script inside this transaction (migrations only).
    pub async fn execute_script(&mut self, script: &'static str) -> Result<(), StoreError> {
        match self.target() {
            Target::Sqlite(e) => sqlx::raw_sql(script).execute(e).await.map(|_| ())?,
            Target::Postgres(e) => sqlx::raw_sql(script).execute(e).await.map(|_| ())?,
        }
        Ok(())
    }

    /// Runs a schema statement whose text the database gave us (an index's `CREATE INDEX`
    /// read from `sqlite_master`, set aside during a large import: `people::Import`), or
    /// built from a name it gave us. Never text from a request or a file.
    pub async fn execute_schema(&mut self, sql: String) -> Result<(), StoreError> {
        let sql = sqlx::AssertSqlSafe(sql);
        match self.target() {
            Target::Sqlite(e) => sqlx::raw_sql(sql).execute(e).await.map(|_| ())?,
            Target::Postgres(e) => sqlx::raw_sql(sql).execute(e).await.map(|_| ())?,
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

impl Row {
    fn get<T>(&self, column: &str) -> Result<T, StoreError>
    where
        T: for<'r> sqlx::Decode<'r, Sqlite>
            + sqlx::Type<Sqlite>
            + for<'r> sqlx::Decode<'r, Postgres>
            + sqlx::Type<Postgres>,
    {
        let result = match self {
            Row::Sqlite(r) => r.try_get::<T, _>(column),
            Row::Postgres(r) => r.try_get::<T, _>(column),
        };
        result.map_err(|e| StoreError::Decode(format!("column {column}: {e}")))
    }

    pub fn i64(&self, column: &str) -> Result<i64, StoreError> {
        self.get(column)
    }
    pub fn opt_i64(&self, column: &str) -> Result<Option<i64>, StoreError> {
        self.get(column)
    }
    pub fn text(&self, column: &str) -> Result<String, StoreError> {
        self.get(column)
    }
    pub fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        self.get(column)
    }
    pub fn bytes(&self, column: &str) -> Result<Vec<u8>, StoreError> {
        self.get(column)
    }
}
