//! Ideas: one vote per member (exact under concurrency: the vote row's key decides, the
//! count follows in the same transaction), statuses with notes and their history, and the
//! voters a status change must reach.

use crate::activity::{self, NewActivity};
use crate::{Arg, Result, Store, StoreError, Tx, jobs};
use hearth_core::activity as kinds;
use hearth_core::model::Millis;

async fn idea_space(tx: &mut Tx, topic_id: i64) -> Result<i64> {
    tx.fetch_optional(
        "SELECT space_id FROM topics WHERE id = $1 AND kind = 'idea' AND deleted_at IS NULL AND merged_into IS NULL",
        &[Arg::I64(topic_id)],
    )
    .await?
    .ok_or(StoreError::NotFound)?
    .i64("space_id")
}

impl Store {
    /// Records `member_id`'s vote for an idea (`recorded_by` when staff voted for them).
    /// Returns false when the member had already voted.
    pub async fn vote_idea(
        &self,
        topic_id: i64,
        member_id: i64,
        recorded_by: Option<i64>,
        now: Millis,
    ) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let space_id = idea_space(&mut tx, topic_id).await?;
        let added = tx
            .execute(
                "INSERT INTO idea_votes (topic_id, member_id, recorded_by, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (topic_id, member_id) DO NOTHING",
                &[Arg::I64(topic_id), Arg::I64(member_id), Arg::OptI64(recorded_by), Arg::I64(now)],
            )
            .await?;
        if added == 0 {
            return Ok(false);
        }
        tx.execute(
            "UPDATE topics SET vote_count = vote_count + 1 WHERE id = $1",
            &[Arg::I64(topic_id)],
        )
        .await?;
        let properties =
            recorded_by.map(|staff| serde_json::json!({ "recorded_by": staff }).to_string());
        activity::append(
            &mut tx,
            &NewActivity {
                member_id,
                kind: kinds::IDEA_VOTED,
                channel: kinds::HUB,
                target_type: Some("topic"),
                target_id: Some(topic_id),
                space_id: Some(space_id),
                properties: properties.as_deref(),
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Withdraws a vote. Returns false when there was none.
    pub async fn unvote_idea(&self, topic_id: i64, member_id: i64, now: Millis) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let space_id = idea_space(&mut tx, topic_id).await?;
        let removed = tx
            .execute(
                "DELETE FROM idea_votes WHERE topic_id = $1 AND member_id = $2",
                &[Arg::I64(topic_id), Arg::I64(member_id)],
            )
            .await?;
        if removed == 0 {
            return Ok(false);
        }
        tx.execute(
            "UPDATE topics SET vote_count = vote_count - 1 WHERE id = $1",
            &[Arg::I64(topic_id)],
        )
        .await?;
        activity::append(
            &mut tx,
            &NewActivity {
                member_id,
                kind: kinds::IDEA_UNVOTED,
                channel: kinds::HUB,
                target_type: Some("topic"),
                target_id: Some(topic_id),
                space_id: Some(space_id),
                properties: None,
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn has_voted(&self, topic_id: i64, member_id: i64) -> Result<bool> {
        Ok(self
            .db
            .fetch_optional(
                "SELECT 1 AS one FROM idea_votes WHERE topic_id = $1 AND member_id = $2",
                &[Arg::I64(topic_id), Arg::I64(member_id)],
            )
            .await?
            .is_some())
    }

    /// Sets an idea's status and note, keeps the change in its history, records it, and
    /// enqueues the job that tells the voters. Returns the change's id.
    pub async fn set_idea_status(
        &self,
        topic_id: i64,
        status: &str,
        note: Option<&str>,
        actor_id: i64,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let space_id = idea_space(&mut tx, topic_id).await?;
        tx.execute(
            "UPDATE topics SET idea_status = $1, status_note = $2 WHERE id = $3",
            &[Arg::Text(status), Arg::OptText(note), Arg::I64(topic_id)],
        )
        .await?;
        let change_id = tx
            .fetch_one(
                "INSERT INTO idea_status_changes (topic_id, status, note, changed_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[Arg::I64(topic_id), Arg::Text(status), Arg::OptText(note), Arg::I64(actor_id), Arg::I64(now)],
            )
            .await?
            .i64("id")?;
        let properties =
            serde_json::json!({ "status": status, "change_id": change_id }).to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id: actor_id,
                kind: kinds::IDEA_STATUS_CHANGED,
                channel: kinds::HUB,
                target_type: Some("topic"),
                target_id: Some(topic_id),
                space_id: Some(space_id),
                properties: Some(&properties),
                occurred_at: now,
            },
        )
        .await?;
        let job = jobs::Job::IdeaStatusChanged {
            change_id,
            topic_id,
            actor_id,
        };
        let key = format!("idea.status_changed:{change_id}");
        jobs::enqueue(&mut tx, &job, Some(&key), now).await?;
        tx.commit().await?;
        Ok(change_id)
    }

    /// Voters of an idea in id order after `after_member_id` (for fan-out in batches).
    pub async fn idea_voters(
        &self,
        topic_id: i64,
        after_member_id: i64,
        limit: i64,
    ) -> Result<Vec<i64>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT member_id FROM idea_votes WHERE topic_id = $1 AND member_id > $2 ORDER BY member_id LIMIT $3",
                &[Arg::I64(topic_id), Arg::I64(after_member_id), Arg::I64(limit.clamp(1, 10_000))],
            )
            .await?;
        rows.iter().map(|r| r.i64("member_id")).collect()
    }
}

impl Store {
    /// Merges duplicate idea `source` into `target`: the votes combine (a member who voted
    /// for both counts once), the source keeps a pointer to the target and takes no more
    /// votes, and the merge is recorded. `NotFound` unless both are live, unmerged ideas.
    pub async fn merge_idea(
        &self,
        source: i64,
        target: i64,
        actor_id: i64,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let space_id = idea_space(&mut tx, source).await?;
        idea_space(&mut tx, target).await?;
        tx.execute(
            "INSERT INTO idea_votes (topic_id, member_id, recorded_by, created_at)
             SELECT $1, member_id, recorded_by, created_at FROM idea_votes WHERE topic_id = $2
             ON CONFLICT (topic_id, member_id) DO NOTHING",
            &[Arg::I64(target), Arg::I64(source)],
        )
        .await?;
        tx.execute(
            "DELETE FROM idea_votes WHERE topic_id = $1",
            &[Arg::I64(source)],
        )
        .await?;
        tx.execute(
            "UPDATE topics SET vote_count = (SELECT COUNT(*) FROM idea_votes WHERE topic_id = $1) WHERE id = $1",
            &[Arg::I64(target)],
        )
        .await?;
        tx.execute(
            "UPDATE topics SET vote_count = 0, merged_into = $1 WHERE id = $2",
            &[Arg::I64(target), Arg::I64(source)],
        )
        .await?;
        let properties = serde_json::json!({ "into": target }).to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id: actor_id,
                kind: kinds::IDEA_MERGED,
                channel: kinds::HUB,
                target_type: Some("topic"),
                target_id: Some(source),
                space_id: Some(space_id),
                properties: Some(&properties),
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await
    }
}
