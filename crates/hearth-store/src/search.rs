//! Full-text search over posts, through the database's own index (FTS5 on SQLite, a
//! `tsvector` with GIN on PostgreSQL; see migration 0017). The one place where search SQL
//! differs by dialect. Results come newest first, keyset-paginated on the post id, so a
//! page costs the same at any depth and a common word never sorts every match.

use crate::{Arg, Dialect, Result, Row, Store};
use hearth_core::model::{Author, Millis};
use hearth_core::search::Query;

/// What narrows a search. `visible` lists the ids of every space the searcher may see, as
/// `,1,4,9,` (the service asks `access`); nothing outside it is ever returned.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter<'a> {
    pub visible: &'a str,
    pub space_id: Option<i64>,
    pub kind: Option<&'a str>,
    pub author_id: Option<i64>,
    /// `Some(true)`: answered questions; `Some(false)`: unanswered questions.
    pub answered: Option<bool>,
    /// Posts written at or after `from` and before `to`.
    pub from: Option<Millis>,
    pub to: Option<Millis>,
}

/// One matching post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub post_id: i64,
    pub topic_id: i64,
    pub title: String,
    pub body_md: String,
    pub is_first: bool,
    pub created_at: Millis,
    pub space_slug: String,
    pub author: Author,
}

/// The filters and the page, the same on both dialects after their match clause.
macro_rules! search_sql {
    ($head:literal, $order:literal) => {
        concat!(
            "SELECT p.id AS post_id, p.topic_id, p.body_md, p.position, p.created_at, t.title,
                    s.slug AS space_slug, m.id AS author_id, m.handle, m.display_name, m.avatar_upload_id ",
            $head,
            " AND p.deleted_at IS NULL AND p.hidden_at IS NULL
              AND t.deleted_at IS NULL AND t.hidden_at IS NULL
              AND $3 LIKE '%,' || CAST(s.id AS TEXT) || ',%'
              AND ($4 = 0 OR t.space_id = $4)
              AND ($5 = '' OR t.kind = $5)
              AND ($6 = 0 OR p.author_id = $6)
              AND ($7 = 0 OR ($7 = 1 AND t.answer_post_id IS NOT NULL)
                   OR ($7 = 2 AND t.kind = 'question' AND t.answer_post_id IS NULL))
              AND p.created_at >= $8 AND p.created_at < $9 ",
            $order
        )
    };
}

/// PostgreSQL's first try for several words: the newest 2,000 posts below the cursor only
/// (a subquery with a LIMIT, which PostgreSQL never flattens, so the words are checked on
/// those rows rather than through the index).
const PG_RECENT: &str = search_sql!(
    "FROM (SELECT * FROM posts WHERE id < $2 ORDER BY id DESC LIMIT 2000) p
     JOIN topics t ON t.id = p.topic_id
     JOIN spaces s ON s.id = t.space_id
     JOIN members m ON m.id = p.author_id
     WHERE p.search @@ websearch_to_tsquery('simple', $1) AND p.id < $2",
    "ORDER BY p.id DESC LIMIT $10"
);

fn hit_from(r: &Row) -> Result<Hit> {
    Ok(Hit {
        post_id: r.i64("post_id")?,
        topic_id: r.i64("topic_id")?,
        title: r.text("title")?,
        body_md: r.text("body_md")?,
        is_first: r.i64("position")? == 1,
        created_at: r.i64("created_at")?,
        space_slug: r.text("space_slug")?,
        author: Author {
            id: r.i64("author_id")?,
            handle: r.text("handle")?,
            display_name: r.text("display_name")?,
            avatar_id: r.opt_i64("avatar_upload_id")?,
        },
    })
}

impl Store {
    /// Posts matching `q` that pass `f`, newest first, before post `before_id`.
    pub async fn search(
        &self,
        q: &Query,
        f: &SearchFilter<'_>,
        before_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Hit>> {
        let (sql, text) = match self.db.dialect() {
            Dialect::Sqlite => (
                search_sql!(
                    "FROM post_search
                     JOIN posts p ON p.id = post_search.rowid
                     JOIN topics t ON t.id = p.topic_id
                     JOIN spaces s ON s.id = t.space_id
                     JOIN members m ON m.id = p.author_id
                     WHERE post_search MATCH $1 AND post_search.rowid < $2",
                    "ORDER BY post_search.rowid DESC LIMIT $10"
                ),
                q.fts5(),
            ),
            Dialect::Postgres => (
                search_sql!(
                    "FROM posts p
                     JOIN topics t ON t.id = p.topic_id
                     JOIN spaces s ON s.id = t.space_id
                     JOIN members m ON m.id = p.author_id
                     WHERE p.search @@ websearch_to_tsquery('simple', $1) AND p.id < $2",
                    "ORDER BY p.id DESC LIMIT $10"
                ),
                q.websearch(),
            ),
        };
        let answered = match f.answered {
            None => 0,
            Some(true) => 1,
            Some(false) => 2,
        };
        let args = [
            Arg::Text(&text),
            Arg::I64(before_id.unwrap_or(i64::MAX)),
            Arg::Text(f.visible),
            Arg::I64(f.space_id.unwrap_or(0)),
            Arg::Text(f.kind.unwrap_or("")),
            Arg::I64(f.author_id.unwrap_or(0)),
            Arg::I64(answered),
            Arg::I64(f.from.unwrap_or(i64::MIN)),
            Arg::I64(f.to.unwrap_or(i64::MAX)),
            Arg::I64(limit),
        ];
        let rows = match self.db.dialect() {
            Dialect::Sqlite => self.db.fetch_all(sql, &args).await?,
            // PostgreSQL plans a prepared statement once for any words, and that generic
            // plan sorts every match of a common word (1.2 s at 1M posts). Planned for the
            // words at hand it walks the newest posts for common words and the index for
            // rare ones (docs/PERFORMANCE.md).
            Dialect::Postgres => {
                let mut tx = self.db.begin().await?;
                tx.execute("SET LOCAL plan_cache_mode = force_custom_plan", &[])
                    .await?;
                // Several words: the planner assumes them independent, expects few posts
                // with all of them, and may sort every match when they are common and go
                // together. So first the newest posts below the cursor, read in id order,
                // where a page of such words is; only when that window holds too few
                // matches, the index over all posts. One word or a phrase is planned well.
                let several = q.terms.iter().filter(|t| t.len() == 1).count() > 1;
                let mut rows = if several {
                    tx.fetch_all(PG_RECENT, &args).await?
                } else {
                    Vec::new()
                };
                if (rows.len() as i64) < limit {
                    rows = tx.fetch_all(sql, &args).await?;
                }
                tx.commit().await?;
                rows
            }
        };
        rows.iter().map(hit_from).collect()
    }
}
