//! Bulk inserts for imports. On PostgreSQL a batch travels as one JSON array parameter
//! (`jsonb_array_elements`). On SQLite the fastest way in is SQLite's own loop — prepare
//! once, then bind, step and reset for each row — so `Tx::insert_rows` runs that loop on
//! the transaction's connection through the C API, inside the transaction sqlx opened.
//! sqlx would otherwise hand every statement to its worker thread and bind every parameter
//! by name, which costs more than the insert itself.
//!
//! This is the only `unsafe` code in Hearth; it touches nothing but the one statement it
//! prepares and finalizes, on the connection sqlx has locked for it.

use crate::{Arg, Result, StoreError, Tx};
use libsqlite3_sys as ffi;
use std::ffi::{CStr, CString};
use std::ptr;

/// A value of a bulk row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    I64(i64),
    Text(String),
    Null,
}

impl Value {
    pub fn opt_text(v: Option<&str>) -> Value {
        v.map_or(Value::Null, |s| Value::Text(s.to_string()))
    }
    pub fn opt_i64(v: Option<i64>) -> Value {
        v.map_or(Value::Null, Value::I64)
    }
}

impl Tx {
    /// Inserts `rows` with `sqlite` (on SQLite: `?1…?n` are the row's values and `?(n+1)` is
    /// `extra`; write `?N`, which SQLite numbers by position, never `$N`, which it numbers
    /// by first appearance) or `postgres`
    /// (on PostgreSQL: `$1` is the rows as a JSON array of arrays, `$2` is `extra`), and
    /// returns how many rows were written (`ON CONFLICT … DO NOTHING` counts 0).
    pub async fn insert_rows(
        &mut self,
        sqlite: &'static str,
        postgres: &'static str,
        rows: &[Vec<Value>],
        extra: i64,
    ) -> Result<u64> {
        if rows.is_empty() {
            return Ok(0);
        }
        match self {
            Tx::Sqlite(t) => {
                let mut handle = t.lock_handle().await?;
                let db = handle.as_raw_handle().as_ptr();
                sqlite_loop(db, sqlite, rows, extra)
            }
            Tx::Postgres(_) => {
                let json: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        serde_json::Value::Array(
                            r.iter()
                                .map(|v| match v {
                                    Value::I64(i) => serde_json::Value::from(*i),
                                    Value::Text(s) => serde_json::Value::from(s.as_str()),
                                    Value::Null => serde_json::Value::Null,
                                })
                                .collect(),
                        )
                    })
                    .collect();
                let json = serde_json::Value::Array(json).to_string();
                self.execute(postgres, &[Arg::Text(&json), Arg::I64(extra)])
                    .await
            }
        }
    }
}

fn error(db: *mut ffi::sqlite3, what: &str) -> StoreError {
    // SAFETY: `db` is the open connection sqlx locked for us; sqlite3_errmsg returns a
    // NUL-terminated string owned by SQLite, copied at once.
    let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db)) }
        .to_string_lossy()
        .into_owned();
    StoreError::Decode(format!("{what}: {message}"))
}

/// Binds each row's values as `?1…?n` and `extra` as `?(n+1)`, steps, resets.
fn sqlite_loop(db: *mut ffi::sqlite3, sql: &str, rows: &[Vec<Value>], extra: i64) -> Result<u64> {
    let sql = CString::new(sql).map_err(|_| StoreError::Decode("SQL with a NUL".into()))?;
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: `db` is a valid connection handle for the duration of this call (sqlx holds
    // its lock); `stmt` is finalized on every path below.
    let rc = unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut()) };
    if rc != ffi::SQLITE_OK {
        return Err(error(db, "preparing a bulk insert"));
    }
    let result = (|| {
        let mut written: u64 = 0;
        for row in rows {
            for (i, v) in row.iter().enumerate() {
                let at = i as i32 + 1;
                // SAFETY: `stmt` is a live prepared statement; text is copied by SQLite
                // (SQLITE_TRANSIENT) before this borrow ends.
                let rc = unsafe {
                    match v {
                        Value::I64(n) => ffi::sqlite3_bind_int64(stmt, at, *n),
                        Value::Null => ffi::sqlite3_bind_null(stmt, at),
                        Value::Text(s) => ffi::sqlite3_bind_text(
                            stmt,
                            at,
                            s.as_ptr().cast(),
                            i32::try_from(s.len()).unwrap_or(i32::MAX),
                            ffi::SQLITE_TRANSIENT(),
                        ),
                    }
                };
                if rc != ffi::SQLITE_OK {
                    return Err(error(db, "binding a bulk row"));
                }
            }
            // SAFETY: as above.
            unsafe {
                ffi::sqlite3_bind_int64(stmt, row.len() as i32 + 1, extra);
            }
            // SAFETY: as above; the statement is reset before the next row.
            let rc = unsafe { ffi::sqlite3_step(stmt) };
            if rc != ffi::SQLITE_DONE {
                let e = error(db, "writing a bulk row");
                // SAFETY: as above.
                unsafe { ffi::sqlite3_reset(stmt) };
                return Err(e);
            }
            // SAFETY: as above.
            written += unsafe { ffi::sqlite3_changes(db) } as u64;
            // SAFETY: as above.
            unsafe { ffi::sqlite3_reset(stmt) };
        }
        Ok(written)
    })();
    // SAFETY: `stmt` came from sqlite3_prepare_v2 and is finalized exactly once.
    unsafe { ffi::sqlite3_finalize(stmt) };
    result
}
