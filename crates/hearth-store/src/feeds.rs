//! What RSS and Atom feeds show: the newest topics of public spaces, with their opening
//! post. Only public spaces, ever: a feed reader is anonymous.

use crate::{Arg, Result, Row, Store};
use hearth_core::model::{Author, Millis};

/// A topic as a feed entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub topic_id: i64,
    pub title: String,
    pub body_html: String,
    pub created_at: Millis,
    pub edited_at: Option<Millis>,
    pub space_slug: String,
    pub space_name: String,
    pub author: Author,
}

macro_rules! feed_sql {
    ($where:literal, $limit:literal) => {
        concat!(
            "SELECT t.id, t.title, t.created_at, p.body_html, p.edited_at, s.slug, s.name,
                    m.id AS author_id, m.handle, m.display_name
             FROM topics t
             JOIN spaces s ON s.id = t.space_id
             JOIN posts p ON p.topic_id = t.id AND p.position = 1
             JOIN members m ON m.id = t.author_id
             WHERE ",
            $where,
            " AND s.visibility = 'public'
               AND t.deleted_at IS NULL AND t.hidden_at IS NULL
               AND p.deleted_at IS NULL AND p.hidden_at IS NULL
             ORDER BY t.created_at DESC, t.id DESC LIMIT ",
            $limit
        )
    };
}

fn entry_from(r: &Row) -> Result<FeedEntry> {
    Ok(FeedEntry {
        topic_id: r.i64("id")?,
        title: r.text("title")?,
        body_html: r.text("body_html")?,
        created_at: r.i64("created_at")?,
        edited_at: r.opt_i64("edited_at")?,
        space_slug: r.text("slug")?,
        space_name: r.text("name")?,
        author: Author {
            id: r.i64("author_id")?,
            handle: r.text("handle")?,
            display_name: r.text("display_name")?,
            avatar_id: None,
        },
    })
}

impl Store {
    /// The newest live topics of public spaces (of one space when `space_id` is given),
    /// newest first.
    pub async fn feed_entries(&self, space_id: Option<i64>, limit: i64) -> Result<Vec<FeedEntry>> {
        // Two queries, so each walks its own index newest first (one space's, or all).
        let rows = match space_id {
            Some(id) => {
                self.db
                    .fetch_all(
                        feed_sql!("t.space_id = $1", "$2"),
                        &[Arg::I64(id), Arg::I64(limit)],
                    )
                    .await?
            }
            None => {
                self.db
                    .fetch_all(feed_sql!("1 = 1", "$1"), &[Arg::I64(limit)])
                    .await?
            }
        };
        rows.iter().map(entry_from).collect()
    }
}
