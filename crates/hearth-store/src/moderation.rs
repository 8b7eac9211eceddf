//! Flags and the moderation queue. A flag adds its weight to the post's open
//! queue item and hides the post once the item weighs enough; a moderator's decision
//! resolves the item. Each flag appends a `flagged` activity, and each decision a
//! `moderated` activity and an audit row, in the same transaction as the change.

use crate::activity::{self, NewActivity};
use crate::audit::{NewAudit, audit_in};
use crate::{Arg, Result, Row, Store, StoreError};
use hearth_core::audit::AuditAction;
use hearth_core::model::{Author, Millis, Post};
use hearth_core::values::{ModerationAction, Role};

/// A member's flag on a post.
#[derive(Debug, Clone)]
pub struct NewFlag<'a> {
    pub post_id: i64,
    pub member_id: i64,
    pub reason: &'static str,
    pub text: Option<&'a str>,
    pub weight: i64,
    /// The weight at which the post is hidden, or `None` when flags may not hide it (it
    /// only goes to the queue).
    pub hide_at: Option<i64>,
    /// The most flags the member may raise in any 24 hours (`None`: no cap). Counted in the
    /// flag's transaction, with the member's row locked, so a flood cannot slip past it.
    pub daily_cap: Option<i64>,
}

/// What a flag did: the item it joined, the item's weight now, and whether the post is
/// hidden now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flagged {
    pub item_id: i64,
    pub weight: i64,
    pub hidden: bool,
}

/// One flag as the queue shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagEntry {
    pub by: Author,
    pub reason: String,
    pub text: Option<String>,
    pub weight: i64,
    pub created_at: Millis,
}

/// A queue item with its post, the post's author and the flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub id: i64,
    pub kind: String,
    pub state: String,
    pub weight: i64,
    /// Why the item is in the queue: `flags`, `spam_filter` or `keyword`.
    pub cause: String,
    /// The spam score or the keyword rule that matched.
    pub cause_detail: Option<String>,
    pub created_at: Millis,
    pub post: Post,
    pub author: Author,
    pub author_role: Role,
    pub topic_id: i64,
    pub topic_title: String,
    pub space_id: i64,
    pub decision: Option<String>,
    pub flags: Vec<FlagEntry>,
}

/// A moderator's decision on an item.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    pub item_id: i64,
    pub moderator_id: i64,
    pub action: ModerationAction,
    pub reason: &'a str,
}

/// A line of the public moderation log: what happened, where, when and why; no names, no
/// content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicEntry {
    pub id: i64,
    /// `post.hidden` or `post.deleted`.
    pub action: String,
    pub reason: Option<String>,
    pub space_name: String,
    pub space_slug: String,
    pub created_at: Millis,
}

/// The item query: item, post, author and topic; `$rest` is the WHERE/ORDER/LIMIT part.
macro_rules! item_sql {
    ($rest:literal) => {
        concat!(
            "SELECT i.id, i.kind, i.state, i.weight, i.created_at, i.decision, i.cause, i.cause_detail,
                    p.id AS post_id, p.topic_id, p.author_id, p.position, p.body_md, p.body_html, p.created_at AS post_created_at,
                    p.edited_at, p.deleted_at, p.hidden_at, p.wiki, m.handle, m.display_name, m.role, t.title, t.space_id
             FROM moderation_items i
             JOIN posts p ON p.id = i.post_id
             JOIN members m ON m.id = p.author_id
             JOIN topics t ON t.id = p.topic_id ",
            $rest
        )
    };
}

fn item_from(r: &Row) -> Result<QueueItem> {
    let author_role = crate::members::role_from(r, "role")?;
    Ok(QueueItem {
        id: r.i64("id")?,
        kind: r.text("kind")?,
        state: r.text("state")?,
        weight: r.i64("weight")?,
        cause: r.text("cause")?,
        cause_detail: r.opt_text("cause_detail")?,
        created_at: r.i64("created_at")?,
        decision: r.opt_text("decision")?,
        post: Post {
            id: r.i64("post_id")?,
            topic_id: r.i64("topic_id")?,
            author_id: r.i64("author_id")?,
            body_md: r.text("body_md")?,
            body_html: r.text("body_html")?,
            created_at: r.i64("post_created_at")?,
            edited_at: r.opt_i64("edited_at")?,
            deleted_at: r.opt_i64("deleted_at")?,
            hidden_at: r.opt_i64("hidden_at")?,
            is_first: r.i64("position")? == 1,
            wiki: r.i64("wiki")? != 0,
            author_role,
        },
        author: Author {
            id: r.i64("author_id")?,
            handle: r.text("handle")?,
            display_name: r.text("display_name")?,
            avatar_id: None,
        },
        author_role,
        topic_id: r.i64("topic_id")?,
        topic_title: r.text("title")?,
        space_id: r.i64("space_id")?,
        flags: Vec::new(),
    })
}

impl Store {
    /// Flags a live post: joins (or opens) its queue item, adds the flag's weight, hides the
    /// post once the item weighs `hide_at` or more, and records the flagger's activity.
    /// A second flag by the same member on the same open item is a `Conflict` on `flag`.
    pub async fn flag_post(&self, f: &NewFlag<'_>, now: Millis) -> Result<Flagged> {
        let mut tx = self.db.begin().await?;
        if let Some(cap) = f.daily_cap {
            // A row lock on PostgreSQL (SQLite's write transactions are one at a time).
            tx.execute(
                "UPDATE members SET id = id WHERE id = $1",
                &[Arg::I64(f.member_id)],
            )
            .await?;
            let today = tx
                .fetch_one(
                    "SELECT COUNT(*) AS n FROM flags WHERE member_id = $1 AND created_at > $2",
                    &[Arg::I64(f.member_id), Arg::I64(now - 86_400_000)],
                )
                .await?
                .i64("n")?;
            if today >= cap {
                return Err(StoreError::OverLimit("flags a day"));
            }
        }
        let space_id = tx
            .fetch_optional(
                "SELECT t.space_id FROM posts p JOIN topics t ON t.id = p.topic_id
                 WHERE p.id = $1 AND p.deleted_at IS NULL",
                &[Arg::I64(f.post_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?
            .i64("space_id")?;
        tx.execute(
            "INSERT INTO moderation_items (kind, post_id, state, weight, created_at)
             VALUES ('flagged_post', $1, 'open', 0, $2)
             ON CONFLICT (post_id) WHERE state = 'open' DO NOTHING",
            &[Arg::I64(f.post_id), Arg::I64(now)],
        )
        .await?;
        let item_id = tx
            .fetch_one(
                "SELECT id FROM moderation_items WHERE post_id = $1 AND state = 'open'",
                &[Arg::I64(f.post_id)],
            )
            .await?
            .i64("id")?;
        tx.execute(
            "INSERT INTO flags (item_id, post_id, member_id, reason, text, weight, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                Arg::I64(item_id),
                Arg::I64(f.post_id),
                Arg::I64(f.member_id),
                Arg::Text(f.reason),
                Arg::OptText(f.text),
                Arg::I64(f.weight),
                Arg::I64(now),
            ],
        )
        .await?;
        let weight = tx
            .fetch_one(
                "UPDATE moderation_items SET weight = weight + $1 WHERE id = $2 RETURNING weight",
                &[Arg::I64(f.weight), Arg::I64(item_id)],
            )
            .await?
            .i64("weight")?;
        if f.hide_at.is_some_and(|at| weight >= at) {
            tx.execute(
                "UPDATE posts SET hidden_at = $1 WHERE id = $2 AND hidden_at IS NULL",
                &[Arg::I64(now), Arg::I64(f.post_id)],
            )
            .await?;
            crate::topics::sync_topic_hidden(&mut tx, f.post_id).await?;
        }
        let hidden = tx
            .fetch_one(
                "SELECT hidden_at FROM posts WHERE id = $1",
                &[Arg::I64(f.post_id)],
            )
            .await?
            .opt_i64("hidden_at")?
            .is_some();
        let properties = serde_json::json!({ "reason": f.reason, "weight": f.weight }).to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id: f.member_id,
                kind: hearth_core::activity::FLAGGED,
                channel: hearth_core::activity::HUB,
                target_type: Some("post"),
                target_id: Some(f.post_id),
                space_id: Some(space_id),
                properties: Some(&properties),
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Flagged {
            item_id,
            weight,
            hidden,
        })
    }

    async fn with_flags(&self, mut item: QueueItem) -> Result<QueueItem> {
        let rows = self
            .db
            .fetch_all(
                "SELECT f.member_id, m.handle, m.display_name, f.reason, f.text, f.weight, f.created_at
                 FROM flags f JOIN members m ON m.id = f.member_id
                 WHERE f.item_id = $1 ORDER BY f.id LIMIT 100",
                &[Arg::I64(item.id)],
            )
            .await?;
        item.flags = rows
            .iter()
            .map(|r| {
                Ok(FlagEntry {
                    by: Author {
                        id: r.i64("member_id")?,
                        handle: r.text("handle")?,
                        display_name: r.text("display_name")?,
                        avatar_id: None,
                    },
                    reason: r.text("reason")?,
                    text: r.opt_text("text")?,
                    weight: r.i64("weight")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(item)
    }

    /// Open items, oldest first, keyset-paginated on id, each with its flags.
    pub async fn moderation_queue(&self, after_id: i64, limit: i64) -> Result<Vec<QueueItem>> {
        let rows = self
            .db
            .fetch_all(
                item_sql!("WHERE i.state = 'open' AND i.id > $1 ORDER BY i.id LIMIT $2"),
                &[Arg::I64(after_id), Arg::I64(limit)],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.with_flags(item_from(r)?).await?);
        }
        Ok(out)
    }

    /// One item (open or resolved) with its flags.
    pub async fn moderation_item(&self, id: i64) -> Result<Option<QueueItem>> {
        let row = self
            .db
            .fetch_optional(item_sql!("WHERE i.id = $1"), &[Arg::I64(id)])
            .await?;
        match row {
            Some(r) => Ok(Some(self.with_flags(item_from(&r)?).await?)),
            None => Ok(None),
        }
    }

    pub async fn open_moderation_items(&self) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT COUNT(*) AS n FROM moderation_items WHERE state = 'open'",
                &[],
            )
            .await?
            .i64("n")
    }

    /// Open items on posts in the spaces listed in `space_ids` (",1,4,": `forum::id_list`),
    /// for a moderator's badge.
    pub async fn open_moderation_items_in(&self, space_ids: &str) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT COUNT(*) AS n FROM moderation_items i
                 JOIN posts p ON p.id = i.post_id JOIN topics t ON t.id = p.topic_id
                 WHERE i.state = 'open' AND $1 LIKE '%,' || CAST(t.space_id AS TEXT) || ',%'",
                &[Arg::Text(space_ids)],
            )
            .await?
            .i64("n")
    }

    /// Resolves an open item: approve shows the post again, hide keeps it hidden, delete
    /// deletes it. Records the moderator's `moderated` activity and an audit row. An item
    /// already resolved is a `Conflict` on `item`.
    pub async fn decide(&self, d: &Decision<'_>, now: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "UPDATE moderation_items SET state = 'resolved', resolved_at = $1, resolved_by = $2, decision = $3, reason = $4
                 WHERE id = $5 AND state = 'open' RETURNING post_id, cause",
                &[
                    Arg::I64(now),
                    Arg::I64(d.moderator_id),
                    Arg::Text(d.action.as_str()),
                    Arg::Text(d.reason),
                    Arg::I64(d.item_id),
                ],
            )
            .await?
            .ok_or(StoreError::Conflict { field: "item" })?;
        let post_id = row.i64("post_id")?;
        let cause = row.text("cause")?;
        let spam_flags = tx
            .fetch_one(
                "SELECT COUNT(*) AS n FROM flags WHERE item_id = $1 AND reason = 'spam'",
                &[Arg::I64(d.item_id)],
            )
            .await?
            .i64("n")?;
        // Every decision on a post suspected of spam (by the filter or by a spam flag)
        // teaches the filter: approve is "not spam", hide and delete are "spam".
        if cause == "spam_filter" || spam_flags > 0 {
            crate::spam::train_in(
                &mut tx,
                post_id,
                d.action != ModerationAction::Approve,
                Some(d.moderator_id),
                now,
            )
            .await?;
        }
        // A post held as it was written told nobody; approving it does now.
        if d.action == ModerationAction::Approve && cause != "flags" {
            crate::jobs::enqueue(
                &mut tx,
                &crate::jobs::Job::PostCreated { post_id },
                Some(&format!("post.approved:{post_id}")),
                now,
            )
            .await?;
        }
        let space_id = match d.action {
            ModerationAction::Approve => {
                tx.execute(
                    "UPDATE posts SET hidden_at = NULL WHERE id = $1",
                    &[Arg::I64(post_id)],
                )
                .await?;
                crate::topics::sync_topic_hidden(&mut tx, post_id).await?;
                crate::topics::space_of_post(&mut tx, post_id).await?
            }
            ModerationAction::Hide => {
                tx.execute(
                    "UPDATE posts SET hidden_at = COALESCE(hidden_at, $1) WHERE id = $2",
                    &[Arg::I64(now), Arg::I64(post_id)],
                )
                .await?;
                crate::topics::sync_topic_hidden(&mut tx, post_id).await?;
                crate::topics::space_of_post(&mut tx, post_id).await?
            }
            ModerationAction::Delete => {
                crate::topics::soft_delete_in(&mut tx, post_id, now).await?
            }
        };
        let details =
            serde_json::json!({ "item": d.item_id, "action": d.action.as_str() }).to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id: d.moderator_id,
                kind: hearth_core::activity::MODERATED,
                channel: hearth_core::activity::HUB,
                target_type: Some("post"),
                target_id: Some(post_id),
                space_id: Some(space_id),
                properties: Some(&details),
                occurred_at: now,
            },
        )
        .await?;
        let action = match d.action {
            ModerationAction::Approve => AuditAction::PostApproved,
            ModerationAction::Hide => AuditAction::PostHidden,
            ModerationAction::Delete => AuditAction::PostDeleted,
        };
        audit_in(
            &mut tx,
            &NewAudit {
                actor_id: Some(d.moderator_id),
                action,
                target_type: Some("post"),
                target_id: Some(post_id),
                reason: Some(d.reason),
                details: Some(&details),
            },
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Publishes (or stops publishing) the moderation log, with its audit row.
    pub async fn set_public_mod_log(
        &self,
        on: bool,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "UPDATE community SET public_mod_log = $1 WHERE id = 1",
            &[Arg::I64(i64::from(on))],
        )
        .await?;
        let action = if on {
            AuditAction::CommunityModLogPublished
        } else {
            AuditAction::CommunityModLogUnpublished
        };
        audit_in(
            &mut tx,
            &NewAudit {
                actor_id,
                action,
                target_type: None,
                target_id: None,
                reason: None,
                details: None,
            },
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Posts hidden or deleted by moderators in public spaces, newest first, keyset on id.
    pub async fn public_moderation_log(
        &self,
        before_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<PublicEntry>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT a.id, a.action, a.reason, a.created_at, s.name AS space_name, s.slug AS space_slug
                 FROM audit_log a
                 JOIN posts p ON p.id = a.target_id
                 JOIN topics t ON t.id = p.topic_id
                 JOIN spaces s ON s.id = t.space_id
                 WHERE a.action IN ('post.hidden', 'post.deleted') AND a.target_type = 'post'
                   AND s.visibility = 'public' AND a.id < $1
                 ORDER BY a.id DESC LIMIT $2",
                &[Arg::I64(before_id.unwrap_or(i64::MAX)), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(PublicEntry {
                    id: r.i64("id")?,
                    action: r.text("action")?,
                    reason: r.opt_text("reason")?,
                    space_name: r.text("space_name")?,
                    space_slug: r.text("space_slug")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }
}
