//! Groups ("Partners", "Staff", "Beta testers"): named sets of members that spaces can be
//! granted to. Adding or removing a member appends their `group_changed` activity and an
//! audit row in the same transaction.

use crate::activity::{self, NewActivity};
use crate::audit::{NewAudit, audit_in};
use crate::{Arg, Result, Row, Store, StoreError, Tx};
use hearth_core::audit::AuditAction;
use hearth_core::model::{Author, Millis};

/// A group with how many members it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub created_at: Millis,
    pub member_count: i64,
}

fn group_from(r: &Row) -> Result<Group> {
    Ok(Group {
        id: r.i64("id")?,
        slug: r.text("slug")?,
        name: r.text("name")?,
        description: r.opt_text("description")?,
        created_at: r.i64("created_at")?,
        member_count: r.i64("member_count")?,
    })
}

macro_rules! group_sql {
    ($rest:literal) => {
        concat!(
            "SELECT g.id, g.slug, g.name, g.description, g.created_at,
                    (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS member_count
             FROM member_groups g ",
            $rest
        )
    };
}

/// Adds a member to a group inside the caller's transaction, with their `group_changed`
/// activity and the audit row. Returns false (writing nothing) when they were in already.
pub async fn add_to_group_in(
    tx: &mut Tx,
    group_id: i64,
    member_id: i64,
    actor_id: Option<i64>,
    now: Millis,
) -> Result<bool> {
    let added = tx
        .execute(
            "INSERT INTO group_members (group_id, member_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[Arg::I64(group_id), Arg::I64(member_id), Arg::I64(now)],
        )
        .await?;
    if added == 0 {
        return Ok(false);
    }
    record_change(tx, group_id, member_id, true, actor_id, now).await?;
    Ok(true)
}

/// The activity and audit row of a change of group membership.
async fn record_change(
    tx: &mut Tx,
    group_id: i64,
    member_id: i64,
    add: bool,
    actor_id: Option<i64>,
    now: Millis,
) -> Result<()> {
    let change = if add { "added" } else { "removed" };
    let details = serde_json::json!({ "group": group_id, "change": change }).to_string();
    activity::append(
        tx,
        &NewActivity {
            member_id,
            kind: hearth_core::activity::GROUP_CHANGED,
            channel: hearth_core::activity::HUB,
            target_type: Some("member"),
            target_id: Some(member_id),
            space_id: None,
            properties: Some(&details),
            occurred_at: now,
        },
    )
    .await?;
    audit_in(
        tx,
        &NewAudit {
            actor_id,
            action: if add {
                AuditAction::GroupMemberAdded
            } else {
                AuditAction::GroupMemberRemoved
            },
            target_type: Some("member"),
            target_id: Some(member_id),
            reason: None,
            details: Some(&details),
        },
        now,
    )
    .await
}

impl Store {
    /// Creates a group (a taken slug is a `Conflict` on `slug`), with its audit row.
    pub async fn create_group(
        &self,
        slug: &str,
        name: &str,
        description: Option<&str>,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .fetch_one(
                "INSERT INTO member_groups (slug, name, description, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                &[Arg::Text(slug), Arg::Text(name), Arg::OptText(description), Arg::I64(now)],
            )
            .await?
            .i64("id")?;
        audit_in(
            &mut tx,
            &NewAudit {
                actor_id,
                action: AuditAction::GroupCreated,
                target_type: Some("group"),
                target_id: Some(id),
                reason: None,
                details: Some(slug),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every group, by name (bounded).
    pub async fn groups(&self) -> Result<Vec<Group>> {
        let rows = self
            .db
            .fetch_all(group_sql!("ORDER BY g.name, g.id LIMIT 500"), &[])
            .await?;
        rows.iter().map(group_from).collect()
    }

    pub async fn group_by_slug(&self, slug: &str) -> Result<Option<Group>> {
        let row = self
            .db
            .fetch_optional(group_sql!("WHERE g.slug = $1"), &[Arg::Text(slug)])
            .await?;
        row.as_ref().map(group_from).transpose()
    }

    pub async fn group(&self, id: i64) -> Result<Option<Group>> {
        let row = self
            .db
            .fetch_optional(group_sql!("WHERE g.id = $1"), &[Arg::I64(id)])
            .await?;
        row.as_ref().map(group_from).transpose()
    }

    /// Adds (`add`) or removes a member, with their `group_changed` activity and the audit
    /// row. Adding someone already in, or removing someone not in, changes nothing and
    /// returns false.
    pub async fn set_group_member(
        &self,
        group_id: i64,
        member_id: i64,
        add: bool,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        if add {
            let added = add_to_group_in(&mut tx, group_id, member_id, actor_id, now).await?;
            tx.commit().await?;
            return Ok(added);
        }
        let changed = {
            tx.execute(
                "DELETE FROM group_members WHERE group_id = $1 AND member_id = $2",
                &[Arg::I64(group_id), Arg::I64(member_id)],
            )
            .await?
        };
        if changed == 0 {
            return Ok(false);
        }
        record_change(&mut tx, group_id, member_id, false, actor_id, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A group's members by handle (bounded).
    pub async fn group_members(&self, group_id: i64, limit: i64) -> Result<Vec<Author>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT m.id, m.handle, m.display_name FROM group_members gm JOIN members m ON m.id = gm.member_id
                 WHERE gm.group_id = $1 ORDER BY m.handle LIMIT $2",
                &[Arg::I64(group_id), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Author {
                    id: r.i64("id")?,
                    handle: r.text("handle")?,
                    display_name: r.text("display_name")?,
                    avatar_id: None,
                })
            })
            .collect()
    }

    /// The ids of a group's members after `after_id`, in id order (for fan-out in batches).
    pub async fn group_member_ids(
        &self,
        group_id: i64,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<i64>> {
        self.db
            .fetch_all(
                "SELECT member_id FROM group_members WHERE group_id = $1 AND member_id > $2 ORDER BY member_id LIMIT $3",
                &[Arg::I64(group_id), Arg::I64(after_id), Arg::I64(limit)],
            )
            .await?
            .iter()
            .map(|r| r.i64("member_id"))
            .collect()
    }

    /// Deletes an empty-or-not group: its grants and memberships go with it.
    pub async fn delete_group(
        &self,
        group_id: i64,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let grantee = format!("group:{group_id}");
        tx.execute(
            "DELETE FROM space_grants WHERE grantee = $1",
            &[Arg::Text(&grantee)],
        )
        .await?;
        tx.execute(
            "DELETE FROM group_members WHERE group_id = $1",
            &[Arg::I64(group_id)],
        )
        .await?;
        let n = tx
            .execute(
                "DELETE FROM member_groups WHERE id = $1",
                &[Arg::I64(group_id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit_in(
            &mut tx,
            &NewAudit {
                actor_id,
                action: AuditAction::GroupDeleted,
                target_type: Some("group"),
                target_id: Some(group_id),
                reason: None,
                details: None,
            },
            now,
        )
        .await?;
        tx.commit().await
    }
}
