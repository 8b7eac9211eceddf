//! People across channels: identities, contacts, the import writer and its audit, orders,
//! tags and custom fields, and the CRM's reads (the people list and one person's record).
//!
//! A member row is a person: an `account` signs in to the hub, a `contact` was met on
//! another channel. Matching is exact only — the same identity (channel, external id) or
//! the same email — and everything weaker is a suggestion (`merges.rs`).

use crate::bulk::Value;
use crate::{Arg, Result, Row, StoreError, Tx};
use hearth_core::model::Millis;
use hearth_core::people::name_key;
use std::collections::{HashMap, HashSet};

/// What a source says about a person. `external_id` may be empty when the source only
/// knows an email; `email` is lower-case or empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sighting<'a> {
    pub channel: &'a str,
    pub external_id: &'a str,
    pub email: &'a str,
    pub handle: &'a str,
    pub name: &'a str,
}

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

/// A JSON string literal (the store writes a little JSON for audit columns).
pub(crate) fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn parse_skipped(text: &str) -> Vec<(u64, String)> {
    let Ok(serde_json::Value::Array(rows)) = serde_json::from_str(text) else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(|r| Some((r.get(0)?.as_u64()?, r.get(1)?.as_str()?.to_string())))
        .collect()
}

async fn insert_identity(
    tx: &mut Tx,
    member_id: i64,
    s: &Sighting<'_>,
    external_id: &str,
    import_id: Option<i64>,
    now: Millis,
) -> Result<()> {
    tx.execute(
        "INSERT INTO identities (member_id, channel, external_id, handle, email, name, name_key, import_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            Arg::I64(member_id),
            Arg::Text(s.channel),
            Arg::Text(external_id),
            Arg::Text(s.handle.trim()),
            Arg::Text(s.email),
            Arg::Text(s.name.trim()),
            Arg::Text(&name_key(s.name)),
            Arg::OptI64(import_id),
            Arg::I64(now),
        ],
    )
    .await?;
    Ok(())
}

/// Adds the hub identity of a new account, inside its transaction.
pub(crate) async fn add_hub_identity(
    tx: &mut Tx,
    member_id: i64,
    email: &str,
    handle: &str,
    name: &str,
    now: Millis,
) -> Result<()> {
    let id = member_id.to_string();
    let email = email.to_lowercase();
    let s = Sighting {
        channel: hearth_core::activity::HUB,
        external_id: &id,
        email: &email,
        handle,
        name,
    };
    insert_identity(tx, member_id, &s, &id, None, now).await
}

/// Brings an account's hub identity in line with its row (after an email or name change).
pub(crate) async fn sync_hub_identity(tx: &mut Tx, member_id: i64) -> Result<()> {
    let Some(row) = tx
        .fetch_optional(
            "SELECT email, handle, display_name FROM members WHERE id = $1",
            &[Arg::I64(member_id)],
        )
        .await?
    else {
        return Ok(());
    };
    let name = row.text("display_name")?;
    tx.execute(
        "UPDATE identities SET email = $1, handle = $2, name = $3, name_key = $4 WHERE channel = 'hub' AND external_id = $5",
        &[
            Arg::Text(&row.text("email")?.to_lowercase()),
            Arg::Text(&row.text("handle")?),
            Arg::Text(&name),
            Arg::Text(&name_key(&name)),
            Arg::Text(&member_id.to_string()),
        ],
    )
    .await?;
    Ok(())
}

async fn set_field_in(tx: &mut Tx, member_id: i64, name: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO member_fields (member_id, name, value) VALUES ($1, $2, $3)
         ON CONFLICT (member_id, name) DO UPDATE SET value = excluded.value",
        &[Arg::I64(member_id), Arg::Text(name), Arg::Text(value)],
    )
    .await?;
    Ok(())
}

/// A person in the CRM's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub kind: String,
    pub display_name: String,
    pub handle: String,
    pub email: String,
    pub role: String,
    pub trust_level: i64,
    pub created_at: Millis,
    pub erased: bool,
    pub analytics_opt_out: bool,
}

/// One identity of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: i64,
    pub member_id: i64,
    pub channel: String,
    pub external_id: String,
    pub handle: String,
    pub email: String,
    pub name: String,
    pub created_at: Millis,
}

/// One order on a person's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: i64,
    pub source: String,
    pub external_id: String,
    pub total_cents: i64,
    pub refunded_cents: i64,
    pub currency: String,
    pub status: String,
    pub lines: String,
    pub placed_at: Millis,
}

/// One row of a person's timeline (any channel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineItem {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub target_type: Option<String>,
    pub target_id: Option<i64>,
    pub weight: i64,
    pub properties: Option<String>,
    pub occurred_at: Millis,
}

/// Counts shown with a person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonCounts {
    pub activities: i64,
    pub orders: i64,
    /// Lifetime spend per currency: (currency, paid minus refunded, in minor units).
    pub spend: Vec<(String, i64)>,
    /// The member's last own participation (`activity::PARTICIPATION`), kept by the
    /// `member_times` reader of the activity stream.
    pub last_active_at: Option<Millis>,
    /// The member's last visit to the hub (at most one recorded an hour).
    pub last_seen_at: Option<Millis>,
}

macro_rules! person_select {
    () => {
        "SELECT m.id, m.kind, m.display_name, m.handle, m.role, m.trust_level, m.created_at, m.erased_at, m.analytics_opt_out,
            COALESCE(NULLIF(m.email, ''), (SELECT MIN(i.email) FROM identities i WHERE i.member_id = m.id AND i.email <> ''), '') AS email
         FROM members m "
    };
}

/// The person columns, for queries assembled elsewhere (`segments.rs`).
pub(crate) const PERSON_SELECT: &str = person_select!();

pub(crate) fn person_from(r: &Row) -> Result<Person> {
    Ok(Person {
        id: r.i64("id")?,
        kind: r.text("kind")?,
        display_name: r.text("display_name")?,
        handle: r.text("handle")?,
        email: r.text("email")?,
        role: r.text("role")?,
        trust_level: r.i64("trust_level")?,
        created_at: r.i64("created_at")?,
        erased: r.opt_i64("erased_at")?.is_some(),
        analytics_opt_out: r.i64("analytics_opt_out")? != 0,
    })
}

fn identity_from(r: &Row) -> Result<Identity> {
    Ok(Identity {
        id: r.i64("id")?,
        member_id: r.i64("member_id")?,
        channel: r.text("channel")?,
        external_id: r.text("external_id")?,
        handle: r.text("handle")?,
        email: r.text("email")?,
        name: r.text("name")?,
        created_at: r.i64("created_at")?,
    })
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

    /// The people list: everyone not merged away, newest first, keyset on id; `q` matches
    /// names, emails and handles on any channel (case-insensitive).
    pub async fn people_page(
        &self,
        q: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Person>> {
        let pattern = format!("%{}%", crate::like_literal(&q.trim().to_lowercase()));
        let rows = self
            .db
            .fetch_all(
                concat!(
                    person_select!(),
                    "WHERE m.merged_into IS NULL AND m.id < $1
                       AND ($2 = '%%' OR lower(m.display_name) LIKE $2 ESCAPE '\\'
                            OR EXISTS (SELECT 1 FROM identities i WHERE i.member_id = m.id AND (i.email LIKE $2 ESCAPE '\\' OR lower(i.handle) LIKE $2 ESCAPE '\\')))
                     ORDER BY m.id DESC LIMIT $3"
                ),
                &[
                    Arg::I64(before.unwrap_or(i64::MAX)),
                    Arg::Text(&pattern),
                    Arg::I64(limit.clamp(1, 500)),
                ],
            )
            .await?;
        rows.iter().map(person_from).collect()
    }

    /// One person (merged-away records too, so a merge's page can show both).
    pub async fn person(&self, id: i64) -> Result<Option<Person>> {
        self.db
            .fetch_optional(
                concat!(person_select!(), "WHERE m.id = $1"),
                &[Arg::I64(id)],
            )
            .await?
            .map(|r| person_from(&r))
            .transpose()
    }

    /// Where a merged-away record went, if it was merged.
    pub async fn merged_into(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .db
            .fetch_optional(
                "SELECT merged_into FROM members WHERE id = $1",
                &[Arg::I64(id)],
            )
            .await?
            .map(|r| r.opt_i64("merged_into"))
            .transpose()?
            .flatten())
    }

    pub async fn identities(&self, member_id: i64) -> Result<Vec<Identity>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT * FROM identities WHERE member_id = $1 ORDER BY CASE WHEN channel = 'hub' THEN 0 ELSE 1 END, channel, id LIMIT 200",
                &[Arg::I64(member_id)],
            )
            .await?;
        rows.iter().map(identity_from).collect()
    }

    /// A person's activities on every channel, newest first, keyset on (occurred_at, id).
    pub async fn timeline(
        &self,
        member_id: i64,
        before: Option<(Millis, i64)>,
        limit: i64,
    ) -> Result<Vec<TimelineItem>> {
        let (at, id) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows = self
            .db
            .fetch_all(
                "SELECT id, kind, channel, target_type, target_id, weight, properties, occurred_at FROM activities
                 WHERE member_id = $1 AND (occurred_at < $2 OR (occurred_at = $2 AND id < $3))
                 ORDER BY occurred_at DESC, id DESC LIMIT $4",
                &[Arg::I64(member_id), Arg::I64(at), Arg::I64(id), Arg::I64(limit.clamp(1, 500))],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(TimelineItem {
                    id: r.i64("id")?,
                    kind: r.text("kind")?,
                    channel: r.text("channel")?,
                    target_type: r.opt_text("target_type")?,
                    target_id: r.opt_i64("target_id")?,
                    weight: r.i64("weight")?,
                    properties: r.opt_text("properties")?,
                    occurred_at: r.i64("occurred_at")?,
                })
            })
            .collect()
    }

    /// A person's orders, newest first (at most `limit`).
    pub async fn orders(&self, member_id: i64, limit: i64) -> Result<Vec<Order>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, source, external_id, total_cents, refunded_cents, currency, status, lines, placed_at FROM orders
                 WHERE member_id = $1 ORDER BY placed_at DESC, id DESC LIMIT $2",
                &[Arg::I64(member_id), Arg::I64(limit.clamp(1, 500))],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Order {
                    id: r.i64("id")?,
                    source: r.text("source")?,
                    external_id: r.text("external_id")?,
                    total_cents: r.i64("total_cents")?,
                    refunded_cents: r.i64("refunded_cents")?,
                    currency: r.text("currency")?,
                    status: r.text("status")?,
                    lines: r.text("lines")?,
                    placed_at: r.i64("placed_at")?,
                })
            })
            .collect()
    }

    /// Counts for a person: activities, orders, lifetime spend per currency, last activity.
    pub async fn person_counts(&self, member_id: i64) -> Result<PersonCounts> {
        let row = self
            .db
            .fetch_one(
                "SELECT (SELECT COUNT(*) FROM activities WHERE member_id = $1) AS n, last_active_at, last_seen_at
                 FROM members WHERE id = $1",
                &[Arg::I64(member_id)],
            )
            .await?;
        let spend_rows = self
            .db
            .fetch_all(
                "SELECT currency, COUNT(*) AS n, CAST(SUM(total_cents - refunded_cents) AS BIGINT) AS spend FROM orders
                 WHERE member_id = $1 GROUP BY currency ORDER BY currency LIMIT 20",
                &[Arg::I64(member_id)],
            )
            .await?;
        let mut counts = PersonCounts {
            activities: row.i64("n")?,
            last_active_at: row.opt_i64("last_active_at")?,
            last_seen_at: row.opt_i64("last_seen_at")?,
            ..PersonCounts::default()
        };
        for r in &spend_rows {
            counts.orders += r.i64("n")?;
            counts.spend.push((r.text("currency")?, r.i64("spend")?));
        }
        Ok(counts)
    }

    pub async fn tags(&self, member_id: i64) -> Result<Vec<String>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT tag FROM member_tags WHERE member_id = $1 ORDER BY tag LIMIT 200",
                &[Arg::I64(member_id)],
            )
            .await?;
        rows.iter().map(|r| r.text("tag")).collect()
    }

    pub async fn fields(&self, member_id: i64) -> Result<Vec<(String, String)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT name, value FROM member_fields WHERE member_id = $1 ORDER BY name LIMIT 200",
                &[Arg::I64(member_id)],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((r.text("name")?, r.text("value")?)))
            .collect()
    }

    /// Adds and removes tags on members in one transaction, with one `tags_changed`
    /// activity per member whose tags changed. Returns how many members changed.
    pub async fn change_tags(
        &self,
        member_ids: &[i64],
        add: &[String],
        remove: &[String],
        by_id: Option<i64>,
        now: Millis,
    ) -> Result<u64> {
        let mut tx = self.db.begin().await?;
        let mut changed = 0;
        for member_id in member_ids {
            let mut added = Vec::new();
            let mut removed = Vec::new();
            for tag in add {
                let n = tx
                    .execute(
                        "INSERT INTO member_tags (member_id, tag, created_at) VALUES ($1, $2, $3) ON CONFLICT (member_id, tag) DO NOTHING",
                        &[Arg::I64(*member_id), Arg::Text(tag), Arg::I64(now)],
                    )
                    .await?;
                if n > 0 {
                    added.push(json_string(tag));
                }
            }
            for tag in remove {
                let n = tx
                    .execute(
                        "DELETE FROM member_tags WHERE member_id = $1 AND tag = $2",
                        &[Arg::I64(*member_id), Arg::Text(tag)],
                    )
                    .await?;
                if n > 0 {
                    removed.push(json_string(tag));
                }
            }
            if added.is_empty() && removed.is_empty() {
                continue;
            }
            changed += 1;
            let properties = format!(
                "{{\"added\":[{}],\"removed\":[{}],\"by\":{}}}",
                added.join(","),
                removed.join(","),
                by_id.map_or("null".to_string(), |b| b.to_string())
            );
            crate::activity::append(
                &mut tx,
                &crate::activity::NewActivity {
                    member_id: *member_id,
                    kind: hearth_core::activity::TAGS_CHANGED,
                    channel: hearth_core::activity::HUB,
                    target_type: Some("member"),
                    target_id: Some(*member_id),
                    space_id: None,
                    properties: Some(&properties),
                    occurred_at: now,
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Sets (or with an empty value, removes) a custom field.
    pub async fn set_field(&self, member_id: i64, name: &str, value: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        if value.is_empty() {
            tx.execute(
                "DELETE FROM member_fields WHERE member_id = $1 AND name = $2",
                &[Arg::I64(member_id), Arg::Text(name)],
            )
            .await?;
        } else {
            set_field_in(&mut tx, member_id, name, value).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Opts a member out of analytics profiling, or back in.
    pub async fn set_analytics_opt_out(&self, member_id: i64, opt_out: bool) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE members SET analytics_opt_out = $1 WHERE id = $2",
                &[Arg::I64(i64::from(opt_out)), Arg::I64(member_id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
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
