//! Sentiment: each post's automatic label, written by the `sentiment` consumer of the
//! activity stream in its batch's transaction, and staff's correction, which wins when
//! there is one (a new automatic score never touches it). Reads count live posts in live
//! topics of the spaces asked for only (the caller passes the spaces its reader may see),
//! and never the posts of members who opted out of analytics.

use crate::{Arg, Result, Store, StoreError, Tx};
use hearth_core::model::Millis;

/// A post's sentiment as trends count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentimentRow {
    pub post_id: i64,
    pub space_id: i64,
    pub created_at: Millis,
    /// The correction when there is one, else the automatic label.
    pub label: String,
    pub compound_milli: i64,
    pub corrected: bool,
}

/// A post for staff to read and correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentimentPost {
    pub post_id: i64,
    pub topic_id: i64,
    pub title: String,
    pub space_id: i64,
    pub author_id: i64,
    pub body_md: String,
    pub created_at: Millis,
    pub compound_milli: i64,
    pub label: String,
    pub automatic: String,
    pub corrected: bool,
}

/// One post's text, for trending terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostText {
    pub author_id: i64,
    pub created_at: Millis,
    pub body_md: String,
}

/// `(p.created_at in [$1, $2)) AND live AND in the spaces listed`; ids are numbers we
/// format ourselves, never text from outside.
fn live_in(spaces: &[i64]) -> String {
    let list = if spaces.is_empty() {
        "NULL".to_string()
    } else {
        spaces
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "p.created_at >= $1 AND p.created_at < $2 AND p.deleted_at IS NULL AND p.hidden_at IS NULL
         AND t.deleted_at IS NULL AND t.hidden_at IS NULL AND t.space_id IN ({list})
         AND NOT EXISTS (SELECT 1 FROM members om WHERE om.id = p.author_id AND om.analytics_opt_out = 1)"
    )
}

/// The posts (by id) that activities name, with their text: to score. One statement a
/// post (a batch holds at most a few hundred), so the text of the query stays fixed.
pub async fn posts_to_score_in(tx: &mut Tx, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for id in ids {
        if let Some(r) = tx
            .fetch_optional(
                "SELECT id, body_md FROM posts WHERE id = $1",
                &[Arg::I64(*id)],
            )
            .await?
        {
            out.push((r.i64("id")?, r.text("body_md")?));
        }
    }
    Ok(out)
}

/// The first post of each topic (by topic id) that activities name.
pub async fn first_posts_in(tx: &mut Tx, topic_ids: &[i64]) -> Result<Vec<i64>> {
    let mut out = Vec::new();
    for id in topic_ids {
        if let Some(r) = tx
            .fetch_optional(
                "SELECT id FROM posts WHERE topic_id = $1 AND position = 1",
                &[Arg::I64(*id)],
            )
            .await?
        {
            out.push(r.i64("id")?);
        }
    }
    Ok(out)
}

/// Whether sentiment is on, read in the caller's transaction.
pub async fn sentiment_on_in(tx: &mut Tx) -> Result<bool> {
    on(tx.fetch_optional(SENTIMENT_ON, &[]).await?)
}

const SENTIMENT_ON: &str = "SELECT sentiment_on FROM community WHERE id = 1";

/// On unless the community's row says off (no row yet: on).
fn on(row: Option<crate::Row>) -> Result<bool> {
    Ok(row
        .map(|r| r.i64("sentiment_on"))
        .transpose()?
        .is_none_or(|v| v == 1))
}

/// Writes a post's automatic score, keeping any correction.
pub async fn write_score_in(
    tx: &mut Tx,
    post_id: i64,
    compound_milli: i64,
    label: &str,
    lang: &str,
    now: Millis,
) -> Result<()> {
    tx.execute(
        "INSERT INTO post_sentiment (post_id, compound_milli, label, lang, scored_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (post_id) DO UPDATE SET compound_milli = $2, label = $3, lang = $4, scored_at = $5",
        &[
            Arg::I64(post_id),
            Arg::I64(compound_milli),
            Arg::Text(label),
            Arg::Text(lang),
            Arg::I64(now),
        ],
    )
    .await?;
    Ok(())
}

impl Store {
    /// Whether sentiment is on (it is unless the owner switched it off).
    pub async fn sentiment_on(&self) -> Result<bool> {
        on(self.db.fetch_optional(SENTIMENT_ON, &[]).await?)
    }

    pub async fn set_sentiment_on(&self, on: bool) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE community SET sentiment_on = $1 WHERE id = 1",
                &[Arg::I64(i64::from(on))],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Every scored post written in `[from, to)` in `spaces`, oldest first (at most
    /// 500,000).
    pub async fn sentiment_rows(
        &self,
        from: Millis,
        to: Millis,
        spaces: &[i64],
    ) -> Result<Vec<SentimentRow>> {
        let sql = format!(
            "SELECT p.id, t.space_id, p.created_at, COALESCE(s.corrected, s.label) AS label, s.compound_milli, s.corrected
             FROM post_sentiment s JOIN posts p ON p.id = s.post_id JOIN topics t ON t.id = p.topic_id
             WHERE {} ORDER BY p.created_at LIMIT 500000",
            live_in(spaces)
        );
        let rows = self
            .db
            .fetch_all_compiled(sql, &[Arg::I64(from), Arg::I64(to)])
            .await?;
        rows.iter()
            .map(|r| {
                Ok(SentimentRow {
                    post_id: r.i64("id")?,
                    space_id: r.i64("space_id")?,
                    created_at: r.i64("created_at")?,
                    label: r.text("label")?,
                    compound_milli: r.i64("compound_milli")?,
                    corrected: r.opt_text("corrected")?.is_some(),
                })
            })
            .collect()
    }

    /// Scored posts written in `[from, to)` in `spaces` with label `label` (correction
    /// first), strongest first: the most negative for `negative`, the most positive else.
    pub async fn sentiment_posts(
        &self,
        from: Millis,
        to: Millis,
        spaces: &[i64],
        label: &str,
        limit: i64,
    ) -> Result<Vec<SentimentPost>> {
        let order = if label == "negative" { "ASC" } else { "DESC" };
        let sql = format!(
            "SELECT p.id, p.topic_id, t.title, t.space_id, p.author_id, p.body_md, p.created_at,
                    s.compound_milli, COALESCE(s.corrected, s.label) AS effective, s.label, s.corrected
             FROM post_sentiment s JOIN posts p ON p.id = s.post_id JOIN topics t ON t.id = p.topic_id
             WHERE {} AND COALESCE(s.corrected, s.label) = $3
             ORDER BY s.compound_milli {order}, p.id DESC LIMIT $4",
            live_in(spaces)
        );
        let rows = self
            .db
            .fetch_all_compiled(
                sql,
                &[
                    Arg::I64(from),
                    Arg::I64(to),
                    Arg::Text(label),
                    Arg::I64(limit.clamp(1, 100)),
                ],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(SentimentPost {
                    post_id: r.i64("id")?,
                    topic_id: r.i64("topic_id")?,
                    title: r.text("title")?,
                    space_id: r.i64("space_id")?,
                    author_id: r.i64("author_id")?,
                    body_md: r.text("body_md")?,
                    created_at: r.i64("created_at")?,
                    compound_milli: r.i64("compound_milli")?,
                    label: r.text("effective")?,
                    automatic: r.text("label")?,
                    corrected: r.opt_text("corrected")?.is_some(),
                })
            })
            .collect()
    }

    /// Staff's label for a post (`None` goes back to the automatic one). A post never
    /// scored (sentiment was off) gets a neutral automatic score under the correction.
    /// `NotFound` when there is no such post.
    pub async fn correct_sentiment(
        &self,
        post_id: i64,
        label: Option<&str>,
        by: Option<i64>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        if tx
            .fetch_optional("SELECT id FROM posts WHERE id = $1", &[Arg::I64(post_id)])
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound);
        }
        tx.execute(
            "INSERT INTO post_sentiment (post_id, compound_milli, label, lang, corrected, corrected_by, corrected_at, scored_at)
             VALUES ($1, 0, 'neutral', '', $2, $3, $4, $4)
             ON CONFLICT (post_id) DO UPDATE SET corrected = $2, corrected_by = $3, corrected_at = $4",
            &[
                Arg::I64(post_id),
                Arg::OptText(label),
                Arg::OptI64(by),
                Arg::I64(now),
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The text of live posts written in `[from, to)` in `spaces`, newest first (at most
    /// `limit`), for trending terms.
    pub async fn post_texts(
        &self,
        from: Millis,
        to: Millis,
        spaces: &[i64],
        limit: i64,
    ) -> Result<Vec<PostText>> {
        let sql = format!(
            "SELECT p.author_id, p.created_at, p.body_md FROM posts p JOIN topics t ON t.id = p.topic_id
             WHERE {} ORDER BY p.created_at DESC LIMIT $3",
            live_in(spaces)
        );
        let rows = self
            .db
            .fetch_all_compiled(
                sql,
                &[
                    Arg::I64(from),
                    Arg::I64(to),
                    Arg::I64(limit.clamp(1, 200_000)),
                ],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(PostText {
                    author_id: r.i64("author_id")?,
                    created_at: r.i64("created_at")?,
                    body_md: r.text("body_md")?,
                })
            })
            .collect()
    }
}
