//! People across channels, as the CRM reads and edits them: the people list, one person's
//! record (identities, timeline, orders, counts), tags, custom fields, the analytics
//! opt-out, and the hub identity every account has. The import writer is `import.rs`.
//!
//! A member row is a person: an `account` signs in to the hub, a `contact` was met on
//! another channel. Matching is exact only — the same identity (channel, external id) or
//! the same email — and everything weaker is a suggestion (`merges.rs`).

use crate::{Arg, Result, Row, StoreError, Tx};
use hearth_core::model::Millis;
use hearth_core::people::name_key;

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

pub(crate) async fn insert_identity(
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

pub(crate) async fn set_field_in(
    tx: &mut Tx,
    member_id: i64,
    name: &str,
    value: &str,
) -> Result<()> {
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

impl crate::Store {
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
                    added.push(tag.as_str());
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
                    removed.push(tag.as_str());
                }
            }
            if added.is_empty() && removed.is_empty() {
                continue;
            }
            changed += 1;
            let properties =
                serde_json::json!({ "added": added, "removed": removed, "by": by_id }).to_string();
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
