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

/// A value of a bulk row, borrowed from what the caller holds: a batch is bound without
/// copying its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    I64(i64),
    Text(&'a str),
    Null,
}

impl<'a> Value<'a> {
    pub fn opt_text(v: Option<&'a str>) -> Value<'a> {
        v.map_or(Value::Null, Value::Text)
    }
    pub fn opt_i64(v: Option<i64>) -> Value<'a> {
        v.map_or(Value::Null, Value::I64)
    }
}

impl Tx {
    /// Inserts rows — `values` cut into rows of `width` — with `sqlite` (on SQLite: `?1…?n`
    /// are the row's values and `?(n+1)` is
    /// `extra`; write `?N`, which SQLite numbers by position, never `$N`, which it numbers
    /// by first appearance) or `postgres`
    /// (on PostgreSQL: `$1` is the rows as a JSON array of arrays, `$2` is `extra`), and
    /// returns how many rows were written (`ON CONFLICT … DO NOTHING` counts 0).
    pub async fn insert_rows(
        &mut self,
        sqlite: &'static str,
        postgres: &'static str,
        width: usize,
        values: &[Value<'_>],
        extra: i64,
    ) -> Result<u64> {
        if values.is_empty() || width == 0 {
            return Ok(0);
        }
        match self {
            Tx::Sqlite(t) => {
                let mut handle = t.lock_handle().await?;
                let db = handle.as_raw_handle().as_ptr();
                sqlite_loop(db, sqlite, width, values, extra)
            }
            Tx::Postgres(_) => {
                let json: Vec<serde_json::Value> = values
                    .chunks_exact(width)
                    .map(|r| {
                        serde_json::Value::Array(
                            r.iter()
                                .map(|v| match v {
                                    Value::I64(i) => serde_json::Value::from(*i),
                                    Value::Text(s) => serde_json::Value::from(*s),
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

/// Rows a multi-row statement writes at once: each execution of a statement opens a cursor
/// on the table and each of its indexes (and reads and writes `sqlite_sequence` for an
/// `AUTOINCREMENT` table), so a row at a time pays that for every row.
const GROUP: usize = 32;

/// Writes the rows: [`GROUP`] at a time through a multi-row `VALUES` built from `sql`, the
/// rest one at a time through `sql` itself.
fn sqlite_loop(
    db: *mut ffi::sqlite3,
    sql: &str,
    width: usize,
    values: &[Value<'_>],
    extra: i64,
) -> Result<u64> {
    let grouped = values.len() / (width * GROUP) * (width * GROUP);
    let mut written = 0;
    if grouped > 0
        && let Some(multi) = multi_row(sql, width, GROUP)
    {
        written += run(db, &multi, width * GROUP, &values[..grouped], extra)?;
        written += run(db, sql, width, &values[grouped..], extra)?;
    } else {
        written += run(db, sql, width, values, extra)?;
    }
    Ok(written)
}

/// `INSERT … VALUES (?1, …, ?n, ?(n+1)) …` with `rows` tuples instead of one: row `r`'s
/// values are `?(r·n+1)…?(r·n+n)` and `extra` is `?(rows·n+1)`; literals in the tuple are
/// repeated as they are. `None` for a statement of another shape (it runs a row at a
/// time).
fn multi_row(sql: &str, width: usize, rows: usize) -> Option<String> {
    let open = sql.find("VALUES (")? + "VALUES (".len();
    let close = open + sql[open..].find(')')?;
    // Each item: Ok(parameter number) or Err(a literal).
    let tuple: Vec<std::result::Result<usize, &str>> = sql[open..close]
        .split(',')
        .map(|p| match p.trim().strip_prefix('?') {
            Some(n) => n.parse().map_err(|_| p),
            None => Err(p.trim()),
        })
        .collect();
    if tuple.iter().any(|n| {
        matches!(n, Ok(n) if *n == 0 || *n > width + 1) || matches!(n, Err(p) if p.contains('?'))
    }) {
        return None;
    }
    let mut out = String::with_capacity(sql.len() + rows * tuple.len() * 6);
    out.push_str(&sql[..open - 1]);
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for (i, n) in tuple.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match n {
                Ok(n) => {
                    let at = if *n == width + 1 {
                        rows * width + 1
                    } else {
                        r * width + n
                    };
                    out.push('?');
                    out.push_str(&at.to_string());
                }
                Err(literal) => out.push_str(literal),
            }
        }
        out.push(')');
    }
    out.push_str(&sql[close + 1..]);
    Some(out)
}

/// Binds each `width` values as `?1…?width` and `extra` as `?(width+1)`, steps, resets.
fn run(
    db: *mut ffi::sqlite3,
    sql: &str,
    width: usize,
    values: &[Value<'_>],
    extra: i64,
) -> Result<u64> {
    if values.is_empty() {
        return Ok(0);
    }
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
        for row in values.chunks_exact(width) {
            for (i, v) in row.iter().enumerate() {
                let at = i as i32 + 1;
                // SAFETY: `stmt` is a live prepared statement. Text is bound in place
                // (SQLITE_STATIC): the values borrow text that outlives the statement,
                // which is finalized below before this function returns, and every binding
                // is replaced by the next row's before the next step.
                let rc = unsafe {
                    match v {
                        Value::I64(n) => ffi::sqlite3_bind_int64(stmt, at, *n),
                        Value::Null => ffi::sqlite3_bind_null(stmt, at),
                        Value::Text(s) => ffi::sqlite3_bind_text(
                            stmt,
                            at,
                            s.as_ptr().cast(),
                            i32::try_from(s.len()).unwrap_or(i32::MAX),
                            ffi::SQLITE_STATIC(),
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

#[cfg(test)]
mod tests {
    use super::multi_row;

    #[test]
    fn a_multi_row_insert_numbers_each_rows_values_and_shares_the_extra() {
        assert_eq!(
            multi_row(
                "INSERT INTO t (a, b, at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                2,
                3
            )
            .as_deref(),
            Some(
                "INSERT INTO t (a, b, at) VALUES (?1, ?2, ?7), (?3, ?4, ?7), (?5, ?6, ?7) ON CONFLICT DO NOTHING"
            )
        );
        assert_eq!(
            multi_row("INSERT INTO t (a, b, c) VALUES (?1, '', ?2)", 1, 2).as_deref(),
            Some("INSERT INTO t (a, b, c) VALUES (?1, '', ?3), (?2, '', ?3)"),
            "literals are repeated"
        );
        assert_eq!(
            multi_row("INSERT INTO t (a) VALUES (?1, ?9)", 1, 2),
            None,
            "a parameter beyond the row and its extra"
        );
        assert_eq!(multi_row("UPDATE t SET a = ?2 WHERE id = ?1", 1, 2), None);
    }
}
