//! Polls: options, and each member's current choices. Changing a vote replaces the
//! member's choices in one transaction; a closed poll takes no votes.

use crate::activity::{self, NewActivity};
use crate::{Arg, Result, Store, StoreError, Tx};
use hearth_core::activity as kinds;
use hearth_core::model::Millis;

/// A poll to create with its topic.
#[derive(Debug, Clone)]
pub struct NewPoll<'a> {
    pub options: &'a [String],
    pub multiple: bool,
    pub closes_at: Option<Millis>,
    /// `after_vote` or `after_close`.
    pub results: &'a str,
}

/// A poll with its options and their counts (the caller decides what to show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub topic_id: i64,
    pub multiple: bool,
    pub closes_at: Option<Millis>,
    pub results: String,
    /// (option id, label, votes), in order.
    pub options: Vec<(i64, String, i64)>,
    /// How many members voted.
    pub voters: i64,
}

/// Creates a poll for a topic inside the caller's transaction.
pub async fn create_poll_in(tx: &mut Tx, topic_id: i64, poll: &NewPoll<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO polls (topic_id, multiple, closes_at, results) VALUES ($1, $2, $3, $4)",
        &[
            Arg::I64(topic_id),
            Arg::I64(poll.multiple as i64),
            Arg::OptI64(poll.closes_at),
            Arg::Text(poll.results),
        ],
    )
    .await?;
    for (position, label) in poll.options.iter().enumerate() {
        tx.execute(
            "INSERT INTO poll_options (topic_id, position, label) VALUES ($1, $2, $3)",
            &[
                Arg::I64(topic_id),
                Arg::I64(position as i64),
                Arg::Text(label),
            ],
        )
        .await?;
    }
    Ok(())
}

/// Why a vote was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum PollVoteError {
    Closed,
    UnknownOption,
}

impl Store {
    pub async fn poll(&self, topic_id: i64) -> Result<Option<Poll>> {
        let Some(row) = self
            .db
            .fetch_optional(
                "SELECT topic_id, multiple, closes_at, results FROM polls WHERE topic_id = $1",
                &[Arg::I64(topic_id)],
            )
            .await?
        else {
            return Ok(None);
        };
        let options = self
            .db
            .fetch_all(
                "SELECT o.id, o.label, (SELECT COUNT(*) FROM poll_votes v WHERE v.option_id = o.id) AS votes
                 FROM poll_options o WHERE o.topic_id = $1 ORDER BY o.position LIMIT 100",
                &[Arg::I64(topic_id)],
            )
            .await?
            .iter()
            .map(|r| Ok((r.i64("id")?, r.text("label")?, r.i64("votes")?)))
            .collect::<Result<Vec<_>>>()?;
        let voters = self
            .db
            .fetch_one(
                "SELECT COUNT(DISTINCT member_id) AS n FROM poll_votes WHERE topic_id = $1",
                &[Arg::I64(topic_id)],
            )
            .await?
            .i64("n")?;
        Ok(Some(Poll {
            topic_id: row.i64("topic_id")?,
            multiple: row.i64("multiple")? != 0,
            closes_at: row.opt_i64("closes_at")?,
            results: row.text("results")?,
            options,
            voters,
        }))
    }

    /// The options `member_id` chose.
    pub async fn my_poll_votes(&self, topic_id: i64, member_id: i64) -> Result<Vec<i64>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT option_id FROM poll_votes WHERE topic_id = $1 AND member_id = $2 ORDER BY option_id LIMIT 100",
                &[Arg::I64(topic_id), Arg::I64(member_id)],
            )
            .await?;
        rows.iter().map(|r| r.i64("option_id")).collect()
    }

    /// Replaces `member_id`'s choices with `option_ids` (already checked for count), and
    /// records the vote. Refused when the poll closed or an option is not this poll's.
    pub async fn vote_poll(
        &self,
        topic_id: i64,
        member_id: i64,
        option_ids: &[i64],
        now: Millis,
    ) -> Result<std::result::Result<(), PollVoteError>> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "SELECT p.closes_at, t.space_id FROM polls p JOIN topics t ON t.id = p.topic_id WHERE p.topic_id = $1 AND t.deleted_at IS NULL",
                &[Arg::I64(topic_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.opt_i64("closes_at")?.is_some_and(|c| c <= now) {
            return Ok(Err(PollVoteError::Closed));
        }
        let space_id = row.i64("space_id")?;
        for id in option_ids {
            let ok = tx
                .fetch_optional(
                    "SELECT id FROM poll_options WHERE id = $1 AND topic_id = $2",
                    &[Arg::I64(*id), Arg::I64(topic_id)],
                )
                .await?
                .is_some();
            if !ok {
                return Ok(Err(PollVoteError::UnknownOption));
            }
        }
        tx.execute(
            "DELETE FROM poll_votes WHERE topic_id = $1 AND member_id = $2",
            &[Arg::I64(topic_id), Arg::I64(member_id)],
        )
        .await?;
        for id in option_ids {
            tx.execute(
                "INSERT INTO poll_votes (topic_id, member_id, option_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[Arg::I64(topic_id), Arg::I64(member_id), Arg::I64(*id), Arg::I64(now)],
            )
            .await?;
        }
        let properties = serde_json::json!({ "options": option_ids.len() }).to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id,
                kind: kinds::POLL_VOTED,
                channel: kinds::HUB,
                target_type: Some("topic"),
                target_id: Some(topic_id),
                space_id: Some(space_id),
                properties: Some(&properties),
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }
}
