//! Merging two records of one person, and undoing it exactly.
//!
//! A merge moves everything of the folded record (identities, activities and the
//! activities that point at it, orders, tags, custom fields, private notes) to the kept
//! one and writes down every row it moved or dropped, by id, in `merges.moved`. Undoing the
//! merge moves those rows back and restores what was dropped (a tag or field both had), so
//! the record is what it was. Both are one transaction, with an activity on the kept
//! member and an audit row. Two accounts are never merged (each signs in; that is the
//! member's decision, not the owner's); an account and a contact merge into the account.
//!
//! Suggestions come from the identities: the same email on two records, the same handle on
//! two channels, and names compared by `hearth_core::people` (loaded here, compared by the
//! service).

use crate::audit::{NewAudit, audit_in};
use crate::bulk::Value;
use crate::discipline::record_action;
use crate::{Arg, Result, StoreError, Tx};
use hearth_core::audit::AuditAction;
use hearth_core::model::Millis;
use serde_json::json;

/// A merge as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub id: i64,
    pub member_id: i64,
    pub merged_id: i64,
    pub evidence: String,
    pub by_id: Option<i64>,
    pub created_at: Millis,
    pub undone_at: Option<Millis>,
}

/// Why a merge was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    NotFound,
    Same,
    AlreadyMerged,
    TwoAccounts,
    Erased,
    AlreadyUndone,
    Store(String),
}

impl From<StoreError> for MergeError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => MergeError::NotFound,
            other => MergeError::Store(other.to_string()),
        }
    }
}

/// A pair of records with one piece of evidence (the service groups them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub low: i64,
    pub high: i64,
    /// `email`, `handle`.
    pub kind: &'static str,
    pub value: String,
    pub channels: (String, String),
}

/// Both records live, not dismissed, not both accounts.
macro_rules! candidate_filter {
    () => {
        "JOIN members m1 ON m1.id = i1.member_id JOIN members m2 ON m2.id = i2.member_id
         WHERE m1.merged_into IS NULL AND m2.merged_into IS NULL AND m1.erased_at IS NULL AND m2.erased_at IS NULL
           AND NOT (m1.kind = 'account' AND m2.kind = 'account')
           AND NOT EXISTS (SELECT 1 FROM merge_dismissals d WHERE d.low_id = i1.member_id AND d.high_id = i2.member_id)"
    };
}

fn ids(rows: &[crate::Row], col: &str) -> Result<Vec<i64>> {
    rows.iter().map(|r| r.i64(col)).collect()
}

async fn member_state(tx: &mut Tx, id: i64) -> Result<Option<(String, Option<i64>, bool)>> {
    tx.fetch_optional(
        "SELECT kind, merged_into, erased_at FROM members WHERE id = $1",
        &[Arg::I64(id)],
    )
    .await?
    .map(|r| {
        Ok((
            r.text("kind")?,
            r.opt_i64("merged_into")?,
            r.opt_i64("erased_at")?.is_some(),
        ))
    })
    .transpose()
}

const MOVE_SQLITE: [&str; 5] = [
    "UPDATE identities SET member_id = ?2 WHERE id = ?1",
    "UPDATE activities SET member_id = ?2 WHERE id = ?1",
    "UPDATE activities SET target_id = ?2 WHERE id = ?1",
    "UPDATE orders SET member_id = ?2 WHERE id = ?1",
    "UPDATE mod_notes SET member_id = ?2 WHERE id = ?1",
];
const MOVE_POSTGRES: [&str; 5] = [
    "UPDATE identities SET member_id = $2 WHERE id IN (SELECT (x ->> 0)::BIGINT FROM jsonb_array_elements($1::JSONB) AS x)",
    "UPDATE activities SET member_id = $2 WHERE id IN (SELECT (x ->> 0)::BIGINT FROM jsonb_array_elements($1::JSONB) AS x)",
    "UPDATE activities SET target_id = $2 WHERE id IN (SELECT (x ->> 0)::BIGINT FROM jsonb_array_elements($1::JSONB) AS x)",
    "UPDATE orders SET member_id = $2 WHERE id IN (SELECT (x ->> 0)::BIGINT FROM jsonb_array_elements($1::JSONB) AS x)",
    "UPDATE mod_notes SET member_id = $2 WHERE id IN (SELECT (x ->> 0)::BIGINT FROM jsonb_array_elements($1::JSONB) AS x)",
];
const MOVED_KEYS: [&str; 5] = ["identities", "activities", "targets", "orders", "notes"];

/// Points the rows with these ids at `to` (one of the `MOVE_*` statements).
async fn move_rows(tx: &mut Tx, which: usize, ids: &[i64], to: i64) -> Result<()> {
    let rows: Vec<Value<'_>> = ids.iter().map(|id| Value::I64(*id)).collect();
    tx.insert_rows(MOVE_SQLITE[which], MOVE_POSTGRES[which], 1, &rows, to)
        .await?;
    Ok(())
}

impl crate::Store {
    /// Merges `a` and `b` (the account survives when there is one, else the older record)
    /// with the evidence shown to the owner. Returns (merge id, kept id).
    pub async fn merge_members(
        &self,
        a: i64,
        b: i64,
        evidence: &str,
        by_id: Option<i64>,
        now: Millis,
    ) -> std::result::Result<(i64, i64), MergeError> {
        if a == b {
            return Err(MergeError::Same);
        }
        let mut tx = self.db.begin().await?;
        let (sa, sb) = (
            member_state(&mut tx, a)
                .await?
                .ok_or(MergeError::NotFound)?,
            member_state(&mut tx, b)
                .await?
                .ok_or(MergeError::NotFound)?,
        );
        if sa.1.is_some() || sb.1.is_some() {
            return Err(MergeError::AlreadyMerged);
        }
        if sa.2 || sb.2 {
            return Err(MergeError::Erased);
        }
        let (keep, fold) = match (sa.0.as_str(), sb.0.as_str()) {
            ("account", "account") => return Err(MergeError::TwoAccounts),
            ("account", _) => (a, b),
            (_, "account") => (b, a),
            _ => (a.min(b), a.max(b)),
        };
        let mut moved = serde_json::Map::new();
        let lists = [
            tx.fetch_all("SELECT id FROM identities WHERE member_id = $1 ORDER BY id", &[Arg::I64(fold)])
                .await?,
            tx.fetch_all("SELECT id FROM activities WHERE member_id = $1 ORDER BY id", &[Arg::I64(fold)])
                .await?,
            tx.fetch_all(
                "SELECT id FROM activities WHERE target_type = 'member' AND target_id = $1 ORDER BY id",
                &[Arg::I64(fold)],
            )
            .await?,
            tx.fetch_all("SELECT id FROM orders WHERE member_id = $1 ORDER BY id", &[Arg::I64(fold)])
                .await?,
            tx.fetch_all("SELECT id FROM mod_notes WHERE member_id = $1 ORDER BY id", &[Arg::I64(fold)])
                .await?,
        ];
        for (which, rows) in lists.iter().enumerate() {
            let list = ids(rows, "id")?;
            move_rows(&mut tx, which, &list, keep).await?;
            moved.insert(MOVED_KEYS[which].into(), json!(list));
        }
        // Tags and fields: what the kept record lacks moves; what both have stays with the
        // kept record, and the folded one's copy is written down and dropped.
        let tags = tx
            .fetch_all(
                "SELECT tag, created_at, CAST(CASE WHEN EXISTS (SELECT 1 FROM member_tags k WHERE k.member_id = $2 AND k.tag = t.tag) THEN 1 ELSE 0 END AS BIGINT) AS shared
                 FROM member_tags t WHERE member_id = $1 ORDER BY tag",
                &[Arg::I64(fold), Arg::I64(keep)],
            )
            .await?;
        let mut tags_moved = Vec::new();
        let mut tags_dropped = Vec::new();
        for r in &tags {
            let (tag, at) = (r.text("tag")?, r.i64("created_at")?);
            if r.i64("shared")? != 0 {
                tx.execute(
                    "DELETE FROM member_tags WHERE member_id = $1 AND tag = $2",
                    &[Arg::I64(fold), Arg::Text(&tag)],
                )
                .await?;
                tags_dropped.push(json!([tag, at]));
            } else {
                tx.execute(
                    "UPDATE member_tags SET member_id = $1 WHERE member_id = $2 AND tag = $3",
                    &[Arg::I64(keep), Arg::I64(fold), Arg::Text(&tag)],
                )
                .await?;
                tags_moved.push(json!(tag));
            }
        }
        let fields = tx
            .fetch_all(
                "SELECT name, value, CAST(CASE WHEN EXISTS (SELECT 1 FROM member_fields k WHERE k.member_id = $2 AND k.name = f.name) THEN 1 ELSE 0 END AS BIGINT) AS shared
                 FROM member_fields f WHERE member_id = $1 ORDER BY name",
                &[Arg::I64(fold), Arg::I64(keep)],
            )
            .await?;
        let mut fields_moved = Vec::new();
        let mut fields_dropped = Vec::new();
        for r in &fields {
            let (name, value) = (r.text("name")?, r.text("value")?);
            if r.i64("shared")? != 0 {
                tx.execute(
                    "DELETE FROM member_fields WHERE member_id = $1 AND name = $2",
                    &[Arg::I64(fold), Arg::Text(&name)],
                )
                .await?;
                fields_dropped.push(json!([name, value]));
            } else {
                tx.execute(
                    "UPDATE member_fields SET member_id = $1 WHERE member_id = $2 AND name = $3",
                    &[Arg::I64(keep), Arg::I64(fold), Arg::Text(&name)],
                )
                .await?;
                fields_moved.push(json!(name));
            }
        }
        moved.insert("tags_moved".into(), json!(tags_moved));
        moved.insert("tags_dropped".into(), json!(tags_dropped));
        moved.insert("fields_moved".into(), json!(fields_moved));
        moved.insert("fields_dropped".into(), json!(fields_dropped));
        tx.execute(
            "UPDATE members SET merged_into = $1 WHERE id = $2",
            &[Arg::I64(keep), Arg::I64(fold)],
        )
        .await?;
        let moved = serde_json::Value::Object(moved).to_string();
        let id = tx
            .fetch_one(
                "INSERT INTO merges (member_id, merged_id, evidence, moved, by_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    Arg::I64(keep),
                    Arg::I64(fold),
                    Arg::Text(evidence),
                    Arg::Text(&moved),
                    Arg::OptI64(by_id),
                    Arg::I64(now),
                ],
            )
            .await?
            .i64("id")?;
        let properties = json!({"merge": id, "merged": fold, "evidence": evidence}).to_string();
        record_action(
            &mut tx,
            keep,
            hearth_core::activity::MEMBERS_MERGED,
            keep,
            (AuditAction::MembersMerged, by_id, None),
            Some(&properties),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok((id, keep))
    }

    /// Undoes a merge: every row it moved goes back, what it dropped is restored, and the
    /// folded record stands alone again.
    pub async fn unmerge(
        &self,
        merge_id: i64,
        by_id: Option<i64>,
        now: Millis,
    ) -> std::result::Result<Merge, MergeError> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "SELECT id, member_id, merged_id, evidence, moved, by_id, created_at, undone_at FROM merges WHERE id = $1",
                &[Arg::I64(merge_id)],
            )
            .await?
            .ok_or(MergeError::NotFound)?;
        if row.opt_i64("undone_at")?.is_some() {
            return Err(MergeError::AlreadyUndone);
        }
        let (keep, fold) = (row.i64("member_id")?, row.i64("merged_id")?);
        let moved: serde_json::Value = serde_json::from_str(&row.text("moved")?)
            .map_err(|e| MergeError::Store(format!("merge {merge_id}: {e}")))?;
        let list = |k: &str| -> Vec<i64> {
            moved[k]
                .as_array()
                .map(|a| a.iter().filter_map(serde_json::Value::as_i64).collect())
                .unwrap_or_default()
        };
        for (which, key) in MOVED_KEYS.iter().enumerate() {
            move_rows(&mut tx, which, &list(key), fold).await?;
        }
        let strings = |k: &str| -> Vec<serde_json::Value> {
            moved[k].as_array().cloned().unwrap_or_default()
        };
        for tag in strings("tags_moved") {
            tx.execute(
                "UPDATE member_tags SET member_id = $1 WHERE member_id = $2 AND tag = $3",
                &[
                    Arg::I64(fold),
                    Arg::I64(keep),
                    Arg::Text(tag.as_str().unwrap_or_default()),
                ],
            )
            .await?;
        }
        for pair in strings("tags_dropped") {
            tx.execute(
                "INSERT INTO member_tags (member_id, tag, created_at) VALUES ($1, $2, $3) ON CONFLICT (member_id, tag) DO NOTHING",
                &[
                    Arg::I64(fold),
                    Arg::Text(pair[0].as_str().unwrap_or_default()),
                    Arg::I64(pair[1].as_i64().unwrap_or(now)),
                ],
            )
            .await?;
        }
        for name in strings("fields_moved") {
            tx.execute(
                "UPDATE member_fields SET member_id = $1 WHERE member_id = $2 AND name = $3",
                &[
                    Arg::I64(fold),
                    Arg::I64(keep),
                    Arg::Text(name.as_str().unwrap_or_default()),
                ],
            )
            .await?;
        }
        for pair in strings("fields_dropped") {
            tx.execute(
                "INSERT INTO member_fields (member_id, name, value) VALUES ($1, $2, $3)
                 ON CONFLICT (member_id, name) DO UPDATE SET value = excluded.value",
                &[
                    Arg::I64(fold),
                    Arg::Text(pair[0].as_str().unwrap_or_default()),
                    Arg::Text(pair[1].as_str().unwrap_or_default()),
                ],
            )
            .await?;
        }
        tx.execute(
            "UPDATE members SET merged_into = NULL WHERE id = $1",
            &[Arg::I64(fold)],
        )
        .await?;
        tx.execute(
            "UPDATE merges SET undone_at = $1, undone_by = $2 WHERE id = $3",
            &[Arg::I64(now), Arg::OptI64(by_id), Arg::I64(merge_id)],
        )
        .await?;
        let properties = json!({"merge": merge_id, "merged": fold}).to_string();
        record_action(
            &mut tx,
            keep,
            hearth_core::activity::MERGE_UNDONE,
            keep,
            (AuditAction::MembersUnmerged, by_id, None),
            Some(&properties),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Merge {
            id: merge_id,
            member_id: keep,
            merged_id: fold,
            evidence: row.text("evidence")?,
            by_id: row.opt_i64("by_id")?,
            created_at: row.i64("created_at")?,
            undone_at: Some(now),
        })
    }

    /// Merges that kept or folded this member, newest first.
    pub async fn merges_of(&self, member_id: i64) -> Result<Vec<Merge>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, member_id, merged_id, evidence, by_id, created_at, undone_at FROM merges
                 WHERE member_id = $1 OR merged_id = $1 ORDER BY id DESC LIMIT 100",
                &[Arg::I64(member_id)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Merge {
                    id: r.i64("id")?,
                    member_id: r.i64("member_id")?,
                    merged_id: r.i64("merged_id")?,
                    evidence: r.text("evidence")?,
                    by_id: r.opt_i64("by_id")?,
                    created_at: r.i64("created_at")?,
                    undone_at: r.opt_i64("undone_at")?,
                })
            })
            .collect()
    }

    /// Pairs of live records sharing an email or a handle (on two channels), not dismissed,
    /// not two accounts; at most `limit` of each kind; only the pair `(low, high)` when given.
    pub async fn merge_candidates(
        &self,
        limit: i64,
        pair: Option<(i64, i64)>,
    ) -> Result<Vec<Candidate>> {
        let (low, high) = pair.unwrap_or((0, 0));
        let mut out = Vec::new();
        for (kind, sql) in [
            (
                "email",
                concat!(
                    "SELECT i1.member_id AS low, i2.member_id AS high, i1.email AS value, i1.channel AS c1, i2.channel AS c2
                     FROM identities i1 JOIN identities i2 ON i2.email = i1.email AND i2.member_id > i1.member_id ",
                    candidate_filter!(),
                    " AND i1.email <> '' AND ($2 = 0 OR (i1.member_id = $2 AND i2.member_id = $3))
                     ORDER BY i1.member_id, i2.member_id LIMIT $1"
                ),
            ),
            (
                "handle",
                concat!(
                    "SELECT i1.member_id AS low, i2.member_id AS high, lower(i1.handle) AS value, i1.channel AS c1, i2.channel AS c2
                     FROM identities i1 JOIN identities i2 ON lower(i2.handle) = lower(i1.handle) AND i2.member_id > i1.member_id AND i2.channel <> i1.channel ",
                    candidate_filter!(),
                    " AND i1.handle <> '' AND ($2 = 0 OR (i1.member_id = $2 AND i2.member_id = $3))
                     ORDER BY i1.member_id, i2.member_id LIMIT $1"
                ),
            ),
        ] {
            for r in self
                .db
                .fetch_all(sql, &[Arg::I64(limit), Arg::I64(low), Arg::I64(high)])
                .await?
            {
                out.push(Candidate {
                    low: r.i64("low")?,
                    high: r.i64("high")?,
                    kind,
                    value: r.text("value")?,
                    channels: (r.text("c1")?, r.text("c2")?),
                });
            }
        }
        Ok(out)
    }

    /// Names of live, undismissed records for comparing (member, name key, name), at most
    /// `limit`, refreshing keys that were never computed (accounts made before 0022).
    pub async fn name_keys(&self, limit: i64) -> Result<Vec<(i64, String, String)>> {
        let stale = self
            .db
            .fetch_all(
                "SELECT id, name FROM identities WHERE name_key = '' AND name <> '' LIMIT 10000",
                &[],
            )
            .await?;
        for r in &stale {
            let key = hearth_core::people::name_key(&r.text("name")?);
            self.db
                .execute(
                    "UPDATE identities SET name_key = $1 WHERE id = $2",
                    &[
                        Arg::Text(if key.is_empty() { " " } else { &key }),
                        Arg::I64(r.i64("id")?),
                    ],
                )
                .await?;
        }
        let rows = self
            .db
            .fetch_all(
                "SELECT i.member_id, i.name_key, i.name FROM identities i JOIN members m ON m.id = i.member_id
                 WHERE i.name_key <> '' AND i.name_key <> ' ' AND m.merged_into IS NULL AND m.erased_at IS NULL
                 ORDER BY i.member_id LIMIT $1",
                &[Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((r.i64("member_id")?, r.text("name_key")?, r.text("name")?)))
            .collect()
    }

    /// Pairs the owner dismissed (low id first).
    pub async fn dismissed_pairs(&self) -> Result<Vec<(i64, i64)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT low_id, high_id FROM merge_dismissals LIMIT 100000",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((r.i64("low_id")?, r.i64("high_id")?)))
            .collect()
    }

    /// Records that the owner says these two are not the same person.
    pub async fn dismiss_pair(
        &self,
        a: i64,
        b: i64,
        by_id: Option<i64>,
        now: Millis,
    ) -> Result<()> {
        let (low, high) = (a.min(b), a.max(b));
        let mut tx = self.db.begin().await?;
        tx.execute(
            "INSERT INTO merge_dismissals (low_id, high_id, by_id, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (low_id, high_id) DO NOTHING",
            &[Arg::I64(low), Arg::I64(high), Arg::OptI64(by_id), Arg::I64(now)],
        )
        .await?;
        let details = json!({"other": high}).to_string();
        audit_in(
            &mut tx,
            &NewAudit {
                actor_id: by_id,
                action: AuditAction::MembersNotSame,
                target_type: Some("member"),
                target_id: Some(low),
                reason: None,
                details: Some(&details),
            },
            now,
        )
        .await?;
        tx.commit().await
    }
}
