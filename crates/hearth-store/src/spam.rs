//! What the spam filter and keyword rules need from the database: the filter's model (one
//! row of text, see `hearth_core::spam::Model`), the decisions it learnt from, keyword
//! rules. (Posts held as they are written are `topics::screen_post_in`.)

use crate::audit::{NewAudit, audit_in};
use crate::{Arg, Result, Store, StoreError, Tx};
use hearth_core::audit::AuditAction;
use hearth_core::model::Millis;
use hearth_core::spam::Model;

/// A keyword rule: posts containing `pattern` (ignoring case) are flagged or held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordRule {
    pub id: i64,
    pub pattern: String,
    /// `flag` or `hold`.
    pub action: String,
    pub created_at: Millis,
}

/// Teaches the filter one moderator decision inside the caller's transaction. A post
/// already learnt with the same label changes nothing; with the other label, the old
/// lesson is taken back first.
pub async fn train_in(
    tx: &mut Tx,
    post_id: i64,
    is_spam: bool,
    by: Option<i64>,
    now: Millis,
) -> Result<()> {
    let body = tx
        .fetch_one(
            "SELECT body_md FROM posts WHERE id = $1",
            &[Arg::I64(post_id)],
        )
        .await?
        .text("body_md")?;
    // Lock the model row first, so two decisions at once on PostgreSQL learn one after the
    // other instead of the second overwriting the first (SQLite's writers queue anyway).
    tx.execute(
        "INSERT INTO spam_model (id, body, updated_at) VALUES (1, '', 0) ON CONFLICT (id) DO NOTHING",
        &[],
    )
    .await?;
    tx.execute(
        "UPDATE spam_model SET updated_at = updated_at WHERE id = 1",
        &[],
    )
    .await?;
    let previous = tx
        .fetch_optional(
            "SELECT is_spam, body FROM spam_labels WHERE post_id = $1",
            &[Arg::I64(post_id)],
        )
        .await?
        .map(|r| Ok::<_, StoreError>((r.i64("is_spam")? != 0, r.text("body")?)))
        .transpose()?;
    if previous.as_ref().is_some_and(|p| p.0 == is_spam) {
        return Ok(());
    }
    let text = tx
        .fetch_optional("SELECT body FROM spam_model WHERE id = 1", &[])
        .await?
        .map(|r| r.text("body"))
        .transpose()?
        .unwrap_or_default();
    let mut model = Model::from_text(&text).map_err(|e| StoreError::Decode(e.to_string()))?;
    // Take back the old lesson with the text it was learnt from.
    if let Some((old, old_body)) = &previous {
        model.untrain(old_body, *old);
    }
    model.train(&body, is_spam);
    tx.execute(
        "INSERT INTO spam_model (id, body, updated_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body,
             updated_at = CASE WHEN excluded.updated_at > spam_model.updated_at THEN excluded.updated_at ELSE spam_model.updated_at + 1 END",
        &[Arg::Text(&model.to_text()), Arg::I64(now)],
    )
    .await?;
    tx.execute(
        "INSERT INTO spam_labels (post_id, is_spam, body, decided_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (post_id) DO UPDATE SET is_spam = excluded.is_spam, body = excluded.body, decided_by = excluded.decided_by, created_at = excluded.created_at",
        &[Arg::I64(post_id), Arg::I64(i64::from(is_spam)), Arg::Text(&body), Arg::OptI64(by), Arg::I64(now)],
    )
    .await?;
    Ok(())
}

impl Store {
    /// The filter's model (an empty model before the first decision).
    pub async fn spam_model(&self) -> Result<Model> {
        let text = self
            .db
            .fetch_optional("SELECT body FROM spam_model WHERE id = 1", &[])
            .await?
            .map(|r| r.text("body"))
            .transpose()?
            .unwrap_or_default();
        Model::from_text(&text).map_err(|e| StoreError::Decode(e.to_string()))
    }

    /// When the model last changed (`None` before the first decision): nodes keep the
    /// parsed model and read it again only when this moves.
    pub async fn spam_model_stamp(&self) -> Result<Option<Millis>> {
        self.db
            .fetch_optional("SELECT updated_at FROM spam_model WHERE id = 1", &[])
            .await?
            .map(|r| r.i64("updated_at"))
            .transpose()
    }

    /// The latest `limit` decisions the filter learnt from, oldest first: (text, is spam).
    pub async fn spam_labels(&self, limit: i64) -> Result<Vec<(String, bool)>> {
        let mut rows = self
            .db
            .fetch_all(
                "SELECT body, is_spam FROM spam_labels ORDER BY created_at DESC, post_id DESC LIMIT $1",
                &[Arg::I64(limit)],
            )
            .await?
            .iter()
            .map(|r| Ok((r.text("body")?, r.i64("is_spam")? != 0)))
            .collect::<Result<Vec<_>>>()?;
        rows.reverse();
        Ok(rows)
    }

    /// Whether the same text was posted since `since` (by anyone).
    pub async fn duplicate_post(&self, body_md: &str, since: Millis) -> Result<bool> {
        Ok(self
            .db
            .fetch_optional(
                "SELECT id FROM posts WHERE created_at >= $1 AND body_md = $2 AND deleted_at IS NULL LIMIT 1",
                &[Arg::I64(since), Arg::Text(body_md)],
            )
            .await?
            .is_some())
    }

    pub async fn keyword_rules(&self) -> Result<Vec<KeywordRule>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, pattern, action, created_at FROM keyword_rules ORDER BY pattern LIMIT 500",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(KeywordRule {
                    id: r.i64("id")?,
                    pattern: r.text("pattern")?,
                    action: r.text("action")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }

    /// Adds a rule (a pattern already there is a `Conflict` on `pattern`), with its audit row.
    pub async fn add_keyword_rule(
        &self,
        pattern: &str,
        action: &'static str,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .fetch_one(
                "INSERT INTO keyword_rules (pattern, action, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                &[Arg::Text(pattern), Arg::Text(action), Arg::OptI64(actor_id), Arg::I64(now)],
            )
            .await?
            .i64("id")?;
        audit_in(
            &mut tx,
            &NewAudit {
                actor_id,
                action: AuditAction::KeywordRuleAdded,
                target_type: Some("keyword_rule"),
                target_id: Some(id),
                reason: None,
                details: Some(pattern),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn delete_keyword_rule(
        &self,
        id: i64,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute("DELETE FROM keyword_rules WHERE id = $1", &[Arg::I64(id)])
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit_in(
            &mut tx,
            &NewAudit {
                actor_id,
                action: AuditAction::KeywordRuleDeleted,
                target_type: Some("keyword_rule"),
                target_id: Some(id),
                reason: None,
                details: None,
            },
            now,
        )
        .await?;
        tx.commit().await
    }
}
