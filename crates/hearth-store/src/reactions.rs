//! Reactions to posts from the fixed set in `hearth_core::values::REACTIONS`. One row per
//! (post, member, reaction), so a member reacts once with each kind however often the
//! request is sent, and concurrent reactions are all counted exactly.

use crate::activity::{self, NewActivity};
use crate::{Arg, Result, Store, StoreError};
use hearth_core::activity as kinds;
use hearth_core::model::Millis;

/// One reaction on a post, with who gave it (for counts and "who reacted").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionRow {
    pub post_id: i64,
    pub reaction: String,
    pub member_id: i64,
    pub display_name: String,
}

impl Store {
    /// Adds `member_id`'s `reaction` to a live post. Returns false (and records nothing)
    /// when the member had already reacted so.
    pub async fn add_reaction(
        &self,
        post_id: i64,
        member_id: i64,
        reaction: &str,
        now: Millis,
    ) -> Result<bool> {
        self.change_reaction(post_id, member_id, reaction, true, now)
            .await
    }

    /// Takes back a reaction. Returns false when there was none.
    pub async fn remove_reaction(
        &self,
        post_id: i64,
        member_id: i64,
        reaction: &str,
        now: Millis,
    ) -> Result<bool> {
        self.change_reaction(post_id, member_id, reaction, false, now)
            .await
    }

    async fn change_reaction(
        &self,
        post_id: i64,
        member_id: i64,
        reaction: &str,
        add: bool,
        now: Millis,
    ) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let space_id = tx
            .fetch_optional(
                "SELECT t.space_id FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.id = $1 AND p.deleted_at IS NULL",
                &[Arg::I64(post_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?
            .i64("space_id")?;
        let changed = if add {
            tx.execute(
                "INSERT INTO post_reactions (post_id, member_id, reaction, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (post_id, member_id, reaction) DO NOTHING",
                &[Arg::I64(post_id), Arg::I64(member_id), Arg::Text(reaction), Arg::I64(now)],
            )
            .await?
        } else {
            tx.execute(
                "DELETE FROM post_reactions WHERE post_id = $1 AND member_id = $2 AND reaction = $3",
                &[Arg::I64(post_id), Arg::I64(member_id), Arg::Text(reaction)],
            )
            .await?
        };
        if changed == 0 {
            return Ok(false);
        }
        let properties = serde_json::json!({ "reaction": reaction }).to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id,
                kind: if add {
                    kinds::REACTED
                } else {
                    kinds::UNREACTED
                },
                channel: kinds::HUB,
                target_type: Some("post"),
                target_id: Some(post_id),
                space_id: Some(space_id),
                properties: Some(&properties),
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The reactions on the posts of a topic between two positions (one page), oldest
    /// first, bounded.
    pub async fn reactions_for_page(
        &self,
        topic_id: i64,
        after_position: i64,
        through_position: i64,
    ) -> Result<Vec<ReactionRow>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT r.post_id, r.reaction, r.member_id, m.display_name
                 FROM post_reactions r JOIN posts p ON p.id = r.post_id JOIN members m ON m.id = r.member_id
                 WHERE p.topic_id = $1 AND p.position > $2 AND p.position <= $3
                 ORDER BY r.created_at, r.member_id LIMIT 5000",
                &[Arg::I64(topic_id), Arg::I64(after_position), Arg::I64(through_position)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ReactionRow {
                    post_id: r.i64("post_id")?,
                    reaction: r.text("reaction")?,
                    member_id: r.i64("member_id")?,
                    display_name: r.text("display_name")?,
                })
            })
            .collect()
    }
}
