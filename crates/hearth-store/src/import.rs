//! The import writer: one transaction per import file, the people it meets (matched exactly
//! by identity or email, see `people.rs`), their activities buffered into multi-row inserts
//! (`bulk`), orders, tags and fields, and the import's audit row with its skipped lines.

use crate::bulk::Value;
use crate::people::{Sighting, set_field_in};
use crate::{Arg, Result, Row, StoreError, Tx};
use hearth_core::model::Millis;
use hearth_core::people::name_key;
use std::collections::{HashMap, HashSet};

/// One activity from another channel, for [`Import::activity`]. `key` makes it idempotent.
#[derive(Debug, Clone)]
pub struct ExternalActivity {
    pub member_id: i64,
    pub kind: String,
    pub channel: String,
    pub target_type: Option<&'static str>,
    pub target_id: Option<i64>,
    pub weight: i64,
    pub properties: Option<String>,
    pub key: String,
    pub occurred_at: Millis,
}

/// A shop order or payment, for [`Import::order`]. Money is in minor units.
#[derive(Debug, Clone, Default)]
pub struct NewOrder<'a> {
    pub member_id: i64,
    pub source: &'a str,
    pub external_id: &'a str,
    pub total_cents: i64,
    pub refunded_cents: i64,
    pub currency: &'a str,
    pub status: &'a str,
    /// JSON array of `{name, quantity, price_cents}`.
    pub lines: &'a str,
    pub placed_at: Millis,
}

/// What an order import changed: whether the order is new, and how much more was refunded
/// than the store knew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderChange {
    pub id: i64,
    pub created: bool,
    pub refund_added: i64,
}

/// The per-source audit of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub rows_read: u64,
    pub members_created: u64,
    pub members_matched: u64,
    pub activities_created: u64,
    /// (line, reason) of each row skipped.
    pub skipped: Vec<(u64, String)>,
}

/// An import's audit row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub status: String,
    pub counts: ImportCounts,
    pub rows_skipped: u64,
    pub error: Option<String>,
    pub by_id: Option<i64>,
    pub started_at: Millis,
    pub finished_at: Millis,
}

/// At most this many skipped rows keep their reason in the audit; the count is exact.
pub const SKIPPED_KEPT: usize = 1000;
/// Activities per batch (see `bulk`).
const BATCH: usize = 2000;
const INSERT_SQLITE: &str = "INSERT INTO activities (member_id, kind, channel, target_type, target_id, weight, properties, idempotency_key, occurred_at, recorded_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING";
const INSERT_POSTGRES: &str = "INSERT INTO activities (member_id, kind, channel, target_type, target_id, weight, properties, idempotency_key, occurred_at, recorded_at)
     SELECT (r ->> 0)::BIGINT, r ->> 1, r ->> 2, r ->> 3, (r ->> 4)::BIGINT, (r ->> 5)::BIGINT, r ->> 6, r ->> 7, (r ->> 8)::BIGINT, $2
     FROM jsonb_array_elements($1::JSONB) AS r
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING";
const PEOPLE_SQLITE: &str =
    "INSERT INTO members (id, email, handle, display_name, password_hash, role, created_at, kind)
     VALUES (?1, '', '', ?2, NULL, 'guest', ?3, 'contact')";
const PEOPLE_POSTGRES: &str = "INSERT INTO members (id, email, handle, display_name, password_hash, role, created_at, kind)
     SELECT (r ->> 0)::BIGINT, '', '', r ->> 1, NULL, 'guest', $2, 'contact' FROM jsonb_array_elements($1::JSONB) AS r";
const IDENTITIES_SQLITE: &str = "INSERT INTO identities (member_id, channel, external_id, handle, email, name, name_key, import_id, created_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
const IDENTITIES_POSTGRES: &str = "INSERT INTO identities (member_id, channel, external_id, handle, email, name, name_key, import_id, created_at)
     SELECT (r ->> 0)::BIGINT, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, (r ->> 7)::BIGINT, $2 FROM jsonb_array_elements($1::JSONB) AS r";

/// One import: a transaction, the people it met, and activities buffered into multi-row
/// inserts. Nothing is visible to anyone until [`Import::finish`] commits; dropping it
/// rolls everything back.
pub struct Import {
    tx: Tx,
    id: i64,
    now: Millis,
    /// Identities met or loaded, keyed `channel NUL external_id`.
    by_identity: HashMap<String, i64>,
    /// Reused to build lookup keys without allocating.
    scratch: String,
    by_email: HashMap<String, i64>,
    created: HashSet<i64>,
    matched: HashSet<i64>,
    channels_loaded: HashSet<String>,
    emails_loaded: bool,
    reserved: Vec<i64>,
    last_reserved: i64,
    /// New contacts (id, name) and identities, written in batches.
    new_people: Vec<(i64, String)>,
    new_identities: Vec<NewIdentity>,
    pending: Vec<ExternalActivity>,
    /// How many activities the log held when the import began (SQLite; read when first
    /// needed by [`Import::defer_indexes`], so small imports never ask).
    activities_before: Option<u64>,
    /// After how many new activities a large import may set the log's secondary indexes
    /// aside (see [`Import::defer_indexes`]).
    pub defer_indexes_after: u64,
    /// The `CREATE INDEX` statements of the indexes set aside, rebuilt before commit.
    deferred_indexes: Option<Vec<String>>,
    pub counts: ImportCounts,
}

/// A large import on SQLite sets the activity log's secondary indexes aside after this
/// many new activities (see [`Import::defer_indexes`]).
pub const DEFER_INDEXES_AFTER: u64 = 50_000;

/// An identity met by an import, to write.
struct NewIdentity {
    member_id: i64,
    channel: String,
    external_id: String,
    handle: String,
    email: String,
    name: String,
    name_key: String,
}

fn identity_key(out: &mut String, channel: &str, external_id: &str) {
    out.clear();
    out.push_str(channel);
    out.push('\0');
    out.push_str(external_id);
}

fn contact_name(s: &Sighting<'_>) -> String {
    let name = s.name.trim();
    if !name.is_empty() {
        return name.chars().take(100).collect();
    }
    if !s.handle.trim().is_empty() {
        return s.handle.trim().chars().take(100).collect();
    }
    if let Some((local, _)) = s.email.split_once('@') {
        return local.chars().take(100).collect();
    }
    format!("{} {}", s.channel, s.external_id)
        .chars()
        .take(100)
        .collect()
}

impl Import {
    /// Which import this is (its audit row's id).
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The member a sighting is: the identity's member, else the member with that email
    /// (given the identity), else a new contact. Counted as created or matched once.
    ///
    /// Lookups are in memory: the first sighting on a channel loads that channel's
    /// identities, the first email loads every address, and new people get ids reserved in
    /// blocks and are written in batches before anything that refers to them.
    pub async fn person(&mut self, s: &Sighting<'_>) -> Result<i64> {
        // Known only by an address, a person's identity on the channel is that address.
        let external_id = if s.external_id.is_empty() {
            s.email
        } else {
            s.external_id
        };
        if !external_id.is_empty() {
            self.load_channel(s.channel).await?;
            identity_key(&mut self.scratch, s.channel, external_id);
            if let Some(id) = self.by_identity.get(&self.scratch) {
                let id = *id;
                self.seen(id);
                return Ok(id);
            }
        }
        let existing = if s.email.is_empty() {
            None
        } else {
            self.load_emails().await?;
            self.by_email.get(s.email).copied()
        };
        let id = match existing {
            Some(id) => {
                self.seen(id);
                id
            }
            None => {
                let id = self.reserve_id().await?;
                self.new_people.push((id, contact_name(s)));
                self.created.insert(id);
                id
            }
        };
        if !external_id.is_empty() {
            self.new_identities.push(NewIdentity {
                member_id: id,
                channel: s.channel.to_string(),
                external_id: external_id.to_string(),
                handle: s.handle.trim().to_string(),
                email: s.email.to_string(),
                name: s.name.trim().to_string(),
                name_key: name_key(s.name),
            });
            let mut key = String::new();
            identity_key(&mut key, s.channel, external_id);
            self.by_identity.insert(key, id);
        }
        if !s.email.is_empty() {
            self.by_email.entry(s.email.to_string()).or_insert(id);
        }
        if self.new_people.len() + self.new_identities.len() >= BATCH {
            self.flush_people().await?;
        }
        Ok(id)
    }

    async fn load_channel(&mut self, channel: &str) -> Result<()> {
        if self.channels_loaded.contains(channel) {
            return Ok(());
        }
        let rows = self
            .tx
            .fetch_all(
                "SELECT external_id, member_id FROM identities WHERE channel = $1",
                &[Arg::Text(channel)],
            )
            .await?;
        for r in &rows {
            let mut key = String::new();
            identity_key(&mut key, channel, &r.text("external_id")?);
            self.by_identity.insert(key, r.i64("member_id")?);
        }
        self.channels_loaded.insert(channel.to_string());
        Ok(())
    }

    async fn load_emails(&mut self) -> Result<()> {
        if self.emails_loaded {
            return Ok(());
        }
        // The hub's address first: an email shared by an account and a contact means the
        // account.
        let rows = self
            .tx
            .fetch_all(
                "SELECT email, member_id FROM identities WHERE email <> ''
                 ORDER BY CASE WHEN channel = 'hub' THEN 0 ELSE 1 END, id",
                &[],
            )
            .await?;
        for r in &rows {
            self.by_email
                .entry(r.text("email")?)
                .or_insert(r.i64("member_id")?);
        }
        self.emails_loaded = true;
        Ok(())
    }

    /// An id for a new contact. Ids are reserved a block at a time: on SQLite this
    /// transaction is the only writer, so the next ids after the highest are free; on
    /// PostgreSQL they come from the table's sequence.
    async fn reserve_id(&mut self) -> Result<i64> {
        if let Some(id) = self.reserved.pop() {
            return Ok(id);
        }
        let mut ids: Vec<i64> = match self.tx.dialect() {
            crate::Dialect::Sqlite => {
                let top = self
                    .tx
                    .fetch_one(
                        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'members'), 0),
                                    COALESCE((SELECT MAX(id) FROM members), 0),
                                    $1) AS top",
                        &[Arg::I64(self.last_reserved)],
                    )
                    .await?
                    .i64("top")?;
                (top + 1..=top + 1000).collect()
            }
            crate::Dialect::Postgres => self
                .tx
                .fetch_all(
                    "SELECT nextval(pg_get_serial_sequence('members', 'id')) AS id FROM generate_series(1, 1000)",
                    &[],
                )
                .await?
                .iter()
                .map(|r| r.i64("id"))
                .collect::<Result<_>>()?,
        };
        ids.sort_unstable_by(|a, b| b.cmp(a));
        self.last_reserved = ids.first().copied().unwrap_or(self.last_reserved);
        let id = ids.pop().ok_or(StoreError::NotFound)?;
        self.reserved = ids;
        Ok(id)
    }

    /// Writes the new contacts and identities met so far (before anything refers to them).
    async fn flush_people(&mut self) -> Result<()> {
        let values: Vec<Value<'_>> = self
            .new_people
            .iter()
            .flat_map(|(id, name)| [Value::I64(*id), Value::Text(name)])
            .collect();
        self.tx
            .insert_rows(PEOPLE_SQLITE, PEOPLE_POSTGRES, 2, &values, self.now)
            .await?;
        self.new_people.clear();
        let values: Vec<Value<'_>> = self
            .new_identities
            .iter()
            .flat_map(|i| {
                [
                    Value::I64(i.member_id),
                    Value::Text(&i.channel),
                    Value::Text(&i.external_id),
                    Value::Text(&i.handle),
                    Value::Text(&i.email),
                    Value::Text(&i.name),
                    Value::Text(&i.name_key),
                    Value::I64(self.id),
                ]
            })
            .collect();
        self.tx
            .insert_rows(IDENTITIES_SQLITE, IDENTITIES_POSTGRES, 8, &values, self.now)
            .await?;
        self.new_identities.clear();
        Ok(())
    }

    /// The hub member with this handle (case-insensitive), counted as matched.
    pub async fn member_by_handle(&mut self, handle: &str) -> Result<Option<i64>> {
        let id = self
            .tx
            .fetch_optional(
                "SELECT id FROM members WHERE lower(handle) = lower($1) AND handle <> '' AND merged_into IS NULL",
                &[Arg::Text(handle.trim_start_matches('@'))],
            )
            .await?
            .map(|r| r.i64("id"))
            .transpose()?;
        if let Some(id) = id {
            self.seen(id);
        }
        Ok(id)
    }

    fn seen(&mut self, id: i64) {
        if !self.created.contains(&id) {
            self.matched.insert(id);
        }
    }

    /// Buffers one activity; written (at most once per key) in batches.
    pub async fn activity(&mut self, a: ExternalActivity) -> Result<()> {
        debug_assert!(
            hearth_core::activity::is_ingestible(&a.kind),
            "kind {} may not be imported",
            a.kind
        );
        self.pending.push(a);
        if self.pending.len() >= BATCH {
            self.flush().await?;
            // Not after the last batch (`finish`): the indexes would be dropped only to be
            // built again at once.
            self.defer_indexes().await?;
        }
        Ok(())
    }

    /// Writes the buffered activities (at most once per key), in one bulk insert.
    async fn flush(&mut self) -> Result<()> {
        self.flush_people().await?;
        if self.pending.is_empty() {
            return Ok(());
        }
        let values: Vec<Value<'_>> = self
            .pending
            .iter()
            .flat_map(|a| {
                [
                    Value::I64(a.member_id),
                    Value::Text(&a.kind),
                    Value::Text(&a.channel),
                    Value::opt_text(a.target_type),
                    Value::opt_i64(a.target_id),
                    Value::I64(a.weight),
                    Value::opt_text(a.properties.as_deref()),
                    Value::Text(&a.key),
                    Value::I64(a.occurred_at),
                ]
            })
            .collect();
        let n = self
            .tx
            .insert_rows(INSERT_SQLITE, INSERT_POSTGRES, 9, &values, self.now)
            .await?;
        self.pending.clear();
        self.counts.activities_created += n;
        Ok(())
    }

    /// Sets the activity log's secondary indexes aside for the rest of a large import, and
    /// [`Import::finish`] builds them again before it commits — the way a database restore
    /// loads data before its indexes. Inserting a million rows into four B-trees whose
    /// pages no longer fit the cache costs more than sorting them once; building an index
    /// costs in proportion to the whole table, so this happens only on SQLite, once the
    /// import has written [`Import::defer_indexes_after`] activities, and only while it has
    /// written at least a quarter as many as the log held before. The unique index on
    /// idempotency keys stays: it is what makes a re-import write nothing.
    ///
    /// It is safe because it is transactional: other connections keep reading the last
    /// committed state (with its indexes) until this transaction commits with them rebuilt,
    /// and a failed import rolls back to the indexes it found. PostgreSQL is left alone:
    /// dropping an index there locks the table against readers for the whole import.
    async fn defer_indexes(&mut self) -> Result<()> {
        let created = self.counts.activities_created;
        if self.deferred_indexes.is_some()
            || self.tx.dialect() != crate::Dialect::Sqlite
            || created < self.defer_indexes_after
        {
            return Ok(());
        }
        let before = match self.activities_before {
            Some(n) => n,
            None => {
                // The log's size, estimated as cheaply as reading the end of the table's
                // B-tree: the highest id now less the rows this import wrote (this
                // transaction is the only writer; ids skipped by rows that conflicted only
                // make it larger, which errs toward keeping the indexes).
                let top = self
                    .tx
                    .fetch_one("SELECT COALESCE(MAX(id), 0) AS n FROM activities", &[])
                    .await?
                    .i64("n")?;
                let n = u64::try_from(top).unwrap_or(0).saturating_sub(created);
                *self.activities_before.insert(n)
            }
        };
        if created.saturating_mul(4) < before {
            return Ok(());
        }
        let rows = self
            .tx
            .fetch_all(
                "SELECT name, sql FROM sqlite_master
                 WHERE type = 'index' AND tbl_name = 'activities' AND sql IS NOT NULL
                   AND name <> 'activities_idempotency_unique'
                 ORDER BY name",
                &[],
            )
            .await?;
        let mut rebuild = Vec::with_capacity(rows.len());
        for r in &rows {
            let name = r.text("name")?;
            // Names come from the schema itself; quoted all the same.
            self.tx
                .execute_schema(format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
                .await?;
            rebuild.push(r.text("sql")?);
        }
        self.deferred_indexes = Some(rebuild);
        Ok(())
    }

    /// Writes or refreshes an order. A re-import of the same order changes nothing; a later
    /// export with more refunded reports the difference in `refund_added`.
    pub async fn order(&mut self, o: &NewOrder<'_>) -> Result<OrderChange> {
        self.flush_people().await?;
        let existing = self
            .tx
            .fetch_optional(
                "SELECT id, refunded_cents FROM orders WHERE source = $1 AND external_id = $2",
                &[Arg::Text(o.source), Arg::Text(o.external_id)],
            )
            .await?;
        if let Some(row) = existing {
            let id = row.i64("id")?;
            let before = row.i64("refunded_cents")?;
            if before != o.refunded_cents {
                self.tx
                    .execute(
                        "UPDATE orders SET refunded_cents = $1, status = $2 WHERE id = $3",
                        &[
                            Arg::I64(o.refunded_cents),
                            Arg::Text(o.status),
                            Arg::I64(id),
                        ],
                    )
                    .await?;
            }
            return Ok(OrderChange {
                id,
                created: false,
                refund_added: (o.refunded_cents - before).max(0),
            });
        }
        let id = self
            .tx
            .fetch_one(
                "INSERT INTO orders (member_id, source, external_id, total_cents, refunded_cents, currency, status, lines, placed_at, import_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                &[
                    Arg::I64(o.member_id),
                    Arg::Text(o.source),
                    Arg::Text(o.external_id),
                    Arg::I64(o.total_cents),
                    Arg::I64(o.refunded_cents),
                    Arg::Text(o.currency),
                    Arg::Text(o.status),
                    Arg::Text(o.lines),
                    Arg::I64(o.placed_at),
                    Arg::I64(self.id),
                    Arg::I64(self.now),
                ],
            )
            .await?
            .i64("id")?;
        Ok(OrderChange {
            id,
            created: true,
            refund_added: o.refunded_cents,
        })
    }

    /// Tags a member (already tagged: nothing changes).
    pub async fn tag(&mut self, member_id: i64, tag: &str) -> Result<()> {
        self.flush_people().await?;
        self.tx
            .execute(
                "INSERT INTO member_tags (member_id, tag, created_at) VALUES ($1, $2, $3) ON CONFLICT (member_id, tag) DO NOTHING",
                &[Arg::I64(member_id), Arg::Text(tag), Arg::I64(self.now)],
            )
            .await?;
        Ok(())
    }

    /// Sets a custom field on a member.
    pub async fn field(&mut self, member_id: i64, name: &str, value: &str) -> Result<()> {
        self.flush_people().await?;
        set_field_in(&mut self.tx, member_id, name, value).await
    }

    /// Records a skipped row (its reason kept for the first [`SKIPPED_KEPT`]).
    pub fn skip(&mut self, line: u64, reason: impl Into<String>) {
        self.counts.skipped.push((line, reason.into()));
    }

    /// Writes what is buffered, the audit row's counts, and commits.
    pub async fn finish(mut self) -> Result<(i64, ImportCounts)> {
        self.flush().await?;
        for sql in self.deferred_indexes.take().unwrap_or_default() {
            self.tx.execute_schema(sql).await?;
        }
        let mut counts = std::mem::take(&mut self.counts);
        counts.members_created = self.created.len() as u64;
        counts.members_matched = self.matched.len() as u64;
        let rows_skipped = counts.skipped.len() as i64;
        let kept = skipped_json(&counts.skipped);
        self.tx
            .execute(
                "UPDATE imports SET rows_read = $1, members_created = $2, members_matched = $3, activities_created = $4, rows_skipped = $5, skipped = $6, finished_at = $7 WHERE id = $8",
                &[
                    Arg::I64(counts.rows_read as i64),
                    Arg::I64(counts.members_created as i64),
                    Arg::I64(counts.members_matched as i64),
                    Arg::I64(counts.activities_created as i64),
                    Arg::I64(rows_skipped),
                    Arg::Text(&kept),
                    Arg::I64(crate::now_millis()),
                    Arg::I64(self.id),
                ],
            )
            .await?;
        if self.tx.dialect() == crate::Dialect::Sqlite {
            self.tx.execute_script("PRAGMA cache_size = -32000").await?;
        }
        self.tx.commit().await?;
        Ok((self.id, counts))
    }
}

fn skipped_json(skipped: &[(u64, String)]) -> String {
    let kept: Vec<serde_json::Value> = skipped
        .iter()
        .take(SKIPPED_KEPT)
        .map(|(line, reason)| serde_json::json!([line, reason]))
        .collect();
    serde_json::Value::Array(kept).to_string()
}

fn parse_skipped(text: &str) -> Vec<(u64, String)> {
    let Ok(serde_json::Value::Array(rows)) = serde_json::from_str(text) else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(|r| Some((r.get(0)?.as_u64()?, r.get(1)?.as_str()?.to_string())))
        .collect()
}

fn import_run_from(r: &Row) -> Result<ImportRun> {
    Ok(ImportRun {
        id: r.i64("id")?,
        kind: r.text("kind")?,
        file_name: r.text("file_name")?,
        status: r.text("status")?,
        counts: ImportCounts {
            rows_read: r.i64("rows_read")? as u64,
            members_created: r.i64("members_created")? as u64,
            members_matched: r.i64("members_matched")? as u64,
            activities_created: r.i64("activities_created")? as u64,
            skipped: parse_skipped(&r.text("skipped")?),
        },
        rows_skipped: r.i64("rows_skipped")? as u64,
        error: r.opt_text("error")?,
        by_id: r.opt_i64("by_id")?,
        started_at: r.i64("started_at")?,
        finished_at: r.i64("finished_at")?,
    })
}

impl crate::Store {
    /// Starts an import: one transaction, with its audit row, which commits only in
    /// [`Import::finish`].
    pub async fn begin_import(
        &self,
        kind: &str,
        file_name: &str,
        file_sha256: &str,
        by_id: Option<i64>,
    ) -> Result<Import> {
        let now = crate::now_millis();
        let mut tx = self.db.begin().await?;
        if tx.dialect() == crate::Dialect::Sqlite {
            // An import touches every page of the activity indexes: give this connection a
            // larger page cache while it imports (its default is 32 MB).
            tx.execute_script("PRAGMA cache_size = -262144").await?;
        }
        let id = tx
            .fetch_one(
                "INSERT INTO imports (kind, file_name, file_sha256, status, by_id, started_at, finished_at)
                 VALUES ($1, $2, $3, 'done', $4, $5, $5) RETURNING id",
                &[
                    Arg::Text(kind),
                    Arg::Text(file_name),
                    Arg::Text(file_sha256),
                    Arg::OptI64(by_id),
                    Arg::I64(now),
                ],
            )
            .await?
            .i64("id")?;
        Ok(Import {
            tx,
            id,
            now,
            by_identity: HashMap::new(),
            scratch: String::new(),
            by_email: HashMap::new(),
            created: HashSet::new(),
            matched: HashSet::new(),
            channels_loaded: HashSet::new(),
            emails_loaded: false,
            reserved: Vec::new(),
            last_reserved: 0,
            new_people: Vec::new(),
            new_identities: Vec::new(),
            pending: Vec::with_capacity(BATCH),
            activities_before: None,
            defer_indexes_after: DEFER_INDEXES_AFTER,
            deferred_indexes: None,
            counts: ImportCounts::default(),
        })
    }

    /// Records an import that failed and was rolled back (nothing of it was written).
    pub async fn record_failed_import(
        &self,
        kind: &str,
        file_name: &str,
        file_sha256: &str,
        by_id: Option<i64>,
        started_at: Millis,
        error: &str,
    ) -> Result<i64> {
        self.db
            .fetch_one(
                "INSERT INTO imports (kind, file_name, file_sha256, status, error, by_id, started_at, finished_at)
                 VALUES ($1, $2, $3, 'failed', $4, $5, $6, $7) RETURNING id",
                &[
                    Arg::Text(kind),
                    Arg::Text(file_name),
                    Arg::Text(file_sha256),
                    Arg::Text(error),
                    Arg::OptI64(by_id),
                    Arg::I64(started_at),
                    Arg::I64(crate::now_millis()),
                ],
            )
            .await?
            .i64("id")
    }

    /// Imports, newest first, keyset on id.
    pub async fn imports_page(&self, before: Option<i64>, limit: i64) -> Result<Vec<ImportRun>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT * FROM imports WHERE id < $1 ORDER BY id DESC LIMIT $2",
                &[
                    Arg::I64(before.unwrap_or(i64::MAX)),
                    Arg::I64(limit.clamp(1, 200)),
                ],
            )
            .await?;
        rows.iter().map(import_run_from).collect()
    }

    pub async fn import_run(&self, id: i64) -> Result<Option<ImportRun>> {
        self.db
            .fetch_optional("SELECT * FROM imports WHERE id = $1", &[Arg::I64(id)])
            .await?
            .map(|r| import_run_from(&r))
            .transpose()
    }

    /// The member who has this identity, if anyone does.
    pub async fn member_by_identity(
        &self,
        channel: &str,
        external_id: &str,
    ) -> Result<Option<i64>> {
        self.db
            .fetch_optional(
                "SELECT member_id FROM identities WHERE channel = $1 AND external_id = $2",
                &[Arg::Text(channel), Arg::Text(external_id)],
            )
            .await?
            .map(|r| r.i64("member_id"))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn skipped_rows_round_trip_through_their_column() {
        let rows = vec![
            (3, "no email \"here\"".to_string()),
            (9, "a\\b\nc é".to_string()),
        ];
        assert_eq!(super::parse_skipped(&super::skipped_json(&rows)), rows);
        assert_eq!(super::parse_skipped("[]"), vec![]);
    }
}
