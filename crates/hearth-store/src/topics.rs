//! Topics, posts and post revisions. Starting a topic, replying, editing and deleting each
//! append one activity row and enqueue their jobs in the same transaction as the change.

use crate::activity::{self, NewActivity};
use crate::audit::{NewAudit, audit_in};
use crate::{Arg, Result, Row, Store, StoreError, Tx, jobs};
use hearth_core::activity as kinds;
use hearth_core::model::{Author, Millis, Post, Revision, Topic};

/// The columns of a topic listing (topic plus author byline) and its FROM clause, so that
/// every listing query reads the same columns; `$rest` is the JOIN/WHERE/ORDER/LIMIT part,
/// and `$extra` (optional, ending in a comma) adds columns in front.
macro_rules! listing_sql {
    ($rest:literal) => {
        listing_sql!("", $rest)
    };
    ($extra:literal, $rest:literal) => {
        concat!(
            "SELECT ",
            $extra,
            "t.id, t.space_id, t.author_id, t.title, t.kind, t.created_at, t.last_post_at, t.post_count, t.deleted_at, ",
            "t.answer_post_id, t.first_reply_at, t.answered_at, t.vote_count, t.idea_status, t.status_note, t.pin_scope, ",
            "t.pinned_at, t.merged_into, t.hidden_at, m.handle AS author_handle, m.display_name AS author_name, m.avatar_upload_id AS author_avatar ",
            "FROM topics t JOIN members m ON m.id = t.author_id ",
            $rest
        )
    };
}

/// A topic with its author's byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicListing {
    pub topic: Topic,
    pub author: Author,
}

/// What an edit writes besides the new body, in the same transaction: the audit row when
/// staff edit someone else's post, and the queue item when the new text must be reviewed.
#[derive(Debug, Default)]
pub struct EditChecks<'a> {
    pub audit: Option<NewAudit<'a>>,
    pub screen: Option<Screen>,
    /// The post's author (whose `post_held` activity a hold appends).
    pub author_id: i64,
}

/// A post with its author's byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostListing {
    pub post: Post,
    pub position: i64,
    pub author: Author,
}

/// A new topic: its title and its first post, already rendered.
#[derive(Debug, Clone)]
pub struct NewTopic<'a> {
    pub space_id: i64,
    pub author_id: i64,
    pub title: &'a str,
    pub kind: &'a str,
    pub body_md: &'a str,
    pub body_html: &'a str,
    /// Pin it at once: `space` or `community` (announcements).
    pub pin_scope: Option<&'a str>,
    /// Its poll, for topics of kind poll.
    pub poll: Option<&'a crate::polls::NewPoll<'a>>,
    /// Its schedule, for topics of kind event.
    pub event: Option<&'a crate::events::NewEvent<'a>>,
}

fn topic_from(r: &Row) -> Result<Topic> {
    Ok(Topic {
        id: r.i64("id")?,
        space_id: r.i64("space_id")?,
        author_id: r.i64("author_id")?,
        title: r.text("title")?,
        kind: r.text("kind")?,
        created_at: r.i64("created_at")?,
        last_post_at: r.i64("last_post_at")?,
        post_count: r.i64("post_count")?,
        deleted_at: r.opt_i64("deleted_at")?,
        answer_post_id: r.opt_i64("answer_post_id")?,
        first_reply_at: r.opt_i64("first_reply_at")?,
        answered_at: r.opt_i64("answered_at")?,
        vote_count: r.i64("vote_count")?,
        idea_status: r.opt_text("idea_status")?,
        status_note: r.opt_text("status_note")?,
        pin_scope: r.opt_text("pin_scope")?,
        pinned_at: r.opt_i64("pinned_at")?,
        merged_into: r.opt_i64("merged_into")?,
        hidden_at: r.opt_i64("hidden_at")?,
    })
}

fn post_from(r: &Row) -> Result<Post> {
    Ok(Post {
        id: r.i64("id")?,
        topic_id: r.i64("topic_id")?,
        author_id: r.i64("author_id")?,
        body_md: r.text("body_md")?,
        body_html: r.text("body_html")?,
        created_at: r.i64("created_at")?,
        edited_at: r.opt_i64("edited_at")?,
        deleted_at: r.opt_i64("deleted_at")?,
        hidden_at: r.opt_i64("hidden_at")?,
        is_first: r.i64("position")? == 1,
        wiki: r.i64("wiki")? != 0,
        author_role: crate::members::role_from(r, "author_role")?,
    })
}

/// Topic listings from rows selected with `listing_sql!`.
fn listings(rows: &[Row]) -> Result<Vec<TopicListing>> {
    rows.iter()
        .map(|r| {
            Ok(TopicListing {
                topic: topic_from(r)?,
                author: author_from(r)?,
            })
        })
        .collect()
}

fn author_from(r: &Row) -> Result<Author> {
    Ok(Author {
        id: r.i64("author_id")?,
        handle: r.text("author_handle")?,
        display_name: r.text("author_name")?,
        avatar_id: r.opt_i64("author_avatar")?,
    })
}

async fn record(
    tx: &mut Tx,
    member_id: i64,
    kind: &'static str,
    target: (&'static str, i64),
    space_id: i64,
    at: Millis,
) -> Result<()> {
    activity::append(
        tx,
        &NewActivity {
            member_id,
            kind,
            channel: kinds::HUB,
            target_type: Some(target.0),
            target_id: Some(target.1),
            space_id: Some(space_id),
            properties: None,
            occurred_at: at,
        },
    )
    .await
    .map(|_| ())
}

/// Deletes a live post inside the caller's transaction (the first post deletes its topic)
/// and keeps the counts right. Returns the space. `NotFound` when it is gone already.
pub(crate) async fn soft_delete_in(tx: &mut Tx, post_id: i64, now: Millis) -> Result<i64> {
    let row = tx
            .fetch_optional(
                "UPDATE posts SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL RETURNING topic_id, position",
                &[Arg::I64(now), Arg::I64(post_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
    let (topic_id, position) = (row.i64("topic_id")?, row.i64("position")?);
    let space_id = if position == 1 {
        let r = tx
            .fetch_one(
                "UPDATE topics SET deleted_at = $1 WHERE id = $2 RETURNING space_id, post_count",
                &[Arg::I64(now), Arg::I64(topic_id)],
            )
            .await?;
        let (space_id, posts) = (r.i64("space_id")?, r.i64("post_count")?);
        tx.execute(
                "UPDATE spaces SET topic_count = topic_count - 1, post_count = post_count - $1 WHERE id = $2",
                &[Arg::I64(posts), Arg::I64(space_id)],
            )
            .await?;
        space_id
    } else {
        let space_id = tx
                .fetch_one("UPDATE topics SET post_count = post_count - 1,
                       answer_post_id = CASE WHEN answer_post_id = $2 THEN NULL ELSE answer_post_id END
                     WHERE id = $1 RETURNING space_id",
                    &[Arg::I64(topic_id), Arg::I64(post_id)])
                .await?
                .i64("space_id")?;
        tx.execute(
            "UPDATE spaces SET post_count = post_count - 1 WHERE id = $1",
            &[Arg::I64(space_id)],
        )
        .await?;
        space_id
    };
    Ok(space_id)
}

/// The space a post is in.
pub(crate) async fn space_of_post(tx: &mut Tx, post_id: i64) -> Result<i64> {
    tx.fetch_one(
        "SELECT t.space_id FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.id = $1",
        &[Arg::I64(post_id)],
    )
    .await?
    .i64("space_id")
}

/// Mirrors a first post's `hidden_at` on its topic, so lists leave out topics whose opening
/// post waits for review. Call after changing a post's `hidden_at`.
pub(crate) async fn sync_topic_hidden(tx: &mut Tx, post_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE topics SET hidden_at = (SELECT p.hidden_at FROM posts p WHERE p.id = $1)
         WHERE id = (SELECT topic_id FROM posts WHERE id = $1 AND position = 1)",
        &[Arg::I64(post_id)],
    )
    .await?;
    Ok(())
}

async fn enqueue_post_created(tx: &mut Tx, post_id: i64, now: Millis) -> Result<()> {
    let key = format!("post.created:{post_id}");
    jobs::enqueue(tx, &jobs::Job::PostCreated { post_id }, Some(&key), now).await
}

/// Starts a topic with its first post inside the caller's transaction.
/// Returns (topic id, post id).
pub async fn create_topic_in(tx: &mut Tx, t: &NewTopic<'_>, now: Millis) -> Result<(i64, i64)> {
    let topic_id = tx
        .fetch_one(
            "INSERT INTO topics (space_id, author_id, title, kind, created_at, last_post_at, post_count, last_position)
             VALUES ($1, $2, $3, $4, $5, $5, 1, 1) RETURNING id",
            &[Arg::I64(t.space_id), Arg::I64(t.author_id), Arg::Text(t.title), Arg::Text(t.kind), Arg::I64(now)],
        )
        .await?
        .i64("id")?;
    if let Some(scope) = t.pin_scope {
        tx.execute(
            "UPDATE topics SET pin_scope = $1, pinned_at = $2 WHERE id = $3",
            &[Arg::Text(scope), Arg::I64(now), Arg::I64(topic_id)],
        )
        .await?;
    }
    if let Some(poll) = t.poll {
        crate::polls::create_poll_in(tx, topic_id, poll).await?;
    }
    if let Some(event) = t.event {
        crate::events::create_event_in(tx, topic_id, event, now).await?;
    }
    let post_id = tx
        .fetch_one(
            "INSERT INTO posts (topic_id, author_id, position, body_md, body_html, created_at) VALUES ($1, $2, 1, $3, $4, $5) RETURNING id",
            &[Arg::I64(topic_id), Arg::I64(t.author_id), Arg::Text(t.body_md), Arg::Text(t.body_html), Arg::I64(now)],
        )
        .await?
        .i64("id")?;
    tx.execute(
        "UPDATE spaces SET topic_count = topic_count + 1, post_count = post_count + 1 WHERE id = $1",
        &[Arg::I64(t.space_id)],
    )
    .await?;
    record(
        tx,
        t.author_id,
        if t.kind == "question" {
            kinds::QUESTION_ASKED
        } else {
            kinds::TOPIC_STARTED
        },
        ("topic", topic_id),
        t.space_id,
        now,
    )
    .await?;
    enqueue_post_created(tx, post_id, now).await?;
    Ok((topic_id, post_id))
}

/// Adds a reply inside the caller's transaction. The topic row is updated first, which
/// locks it, so concurrent replies get distinct positions on both databases.
pub async fn create_reply_in(
    tx: &mut Tx,
    topic_id: i64,
    author_id: i64,
    body_md: &str,
    body_html: &str,
    now: Millis,
) -> Result<i64> {
    let row = tx
        .fetch_optional(
            "UPDATE topics SET last_position = last_position + 1, post_count = post_count + 1,
                 last_post_at = CASE WHEN last_post_at > $2 THEN last_post_at ELSE $2 END,
                 first_reply_at = CASE WHEN first_reply_at IS NULL AND author_id <> $3 THEN $2 ELSE first_reply_at END
             WHERE id = $1 AND deleted_at IS NULL RETURNING last_position, space_id",
            &[Arg::I64(topic_id), Arg::I64(now), Arg::I64(author_id)],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let (position, space_id) = (row.i64("last_position")?, row.i64("space_id")?);
    let post_id = tx
        .fetch_one(
            "INSERT INTO posts (topic_id, author_id, position, body_md, body_html, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[Arg::I64(topic_id), Arg::I64(author_id), Arg::I64(position), Arg::Text(body_md), Arg::Text(body_html), Arg::I64(now)],
        )
        .await?
        .i64("id")?;
    tx.execute(
        "UPDATE spaces SET post_count = post_count + 1 WHERE id = $1",
        &[Arg::I64(space_id)],
    )
    .await?;
    record(
        tx,
        author_id,
        kinds::REPLIED,
        ("post", post_id),
        space_id,
        now,
    )
    .await?;
    enqueue_post_created(tx, post_id, now).await?;
    Ok(post_id)
}

/// Accepts an answer inside the caller's transaction (see [`Store::accept_answer`]).
pub async fn accept_answer_in(
    tx: &mut Tx,
    topic_id: i64,
    post_id: i64,
    actor_id: i64,
    now: Millis,
) -> Result<()> {
    let space_id = tx
        .fetch_optional(
            "UPDATE topics SET answer_post_id = $1, answered_at = CASE WHEN answered_at IS NULL THEN $2 ELSE answered_at END
             WHERE id = $3 AND deleted_at IS NULL AND kind = 'question'
               AND EXISTS (SELECT 1 FROM posts p WHERE p.id = $1 AND p.topic_id = $3 AND p.position > 1 AND p.deleted_at IS NULL)
             RETURNING space_id",
            &[Arg::I64(post_id), Arg::I64(now), Arg::I64(topic_id)],
        )
        .await?
        .ok_or(StoreError::NotFound)?
        .i64("space_id")?;
    record(
        tx,
        actor_id,
        kinds::ANSWER_ACCEPTED,
        ("post", post_id),
        space_id,
        now,
    )
    .await?;
    let job = jobs::Job::AnswerAccepted {
        topic_id,
        post_id,
        actor_id,
    };
    let key = format!("answer.accepted:{topic_id}:{post_id}");
    jobs::enqueue(tx, &job, Some(&key), now).await?;
    Ok(())
}

// Posts held as they are written: by the spam filter or a keyword rule.

/// Why a new post goes to the queue as it is created.
#[derive(Debug, Clone)]
pub struct Screen {
    /// `spam_filter` or `keyword`.
    pub cause: &'static str,
    /// The score or the rule that matched.
    pub detail: String,
    /// Hold (hide until a moderator approves) or only flag for review.
    pub hold: bool,
}

/// Opens the post's queue item with `screen`'s cause, hides the post when it is held, and
/// appends the author's `post_held` activity, inside the caller's transaction.
pub async fn screen_post_in(
    tx: &mut Tx,
    post_id: i64,
    author_id: i64,
    screen: &Screen,
    now: Millis,
) -> Result<()> {
    tx.execute(
        "INSERT INTO moderation_items (kind, post_id, state, weight, created_at, cause, cause_detail)
         VALUES ('flagged_post', $1, 'open', 0, $2, $3, $4)
         ON CONFLICT (post_id) WHERE state = 'open' DO NOTHING",
        &[Arg::I64(post_id), Arg::I64(now), Arg::Text(screen.cause), Arg::Text(&screen.detail)],
    )
    .await?;
    if !screen.hold {
        return Ok(());
    }
    tx.execute(
        "UPDATE posts SET hidden_at = $1 WHERE id = $2",
        &[Arg::I64(now), Arg::I64(post_id)],
    )
    .await?;
    sync_topic_hidden(tx, post_id).await?;
    let space_id = space_of_post(tx, post_id).await?;
    let details = serde_json::json!({ "cause": screen.cause, "detail": screen.detail }).to_string();
    activity::append(
        tx,
        &NewActivity {
            member_id: author_id,
            kind: hearth_core::activity::POST_HELD,
            channel: hearth_core::activity::HUB,
            target_type: Some("post"),
            target_id: Some(post_id),
            space_id: Some(space_id),
            properties: Some(&details),
            occurred_at: now,
        },
    )
    .await?;
    Ok(())
}

impl Store {
    pub async fn create_topic(&self, t: &NewTopic<'_>, now: Millis) -> Result<(i64, i64)> {
        let mut tx = self.db.begin().await?;
        let ids = create_topic_in(&mut tx, t, now).await?;
        tx.commit().await?;
        Ok(ids)
    }

    pub async fn create_reply(
        &self,
        topic_id: i64,
        author_id: i64,
        body_md: &str,
        body_html: &str,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = create_reply_in(&mut tx, topic_id, author_id, body_md, body_html, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a post's body (keeping the previous body as a revision) and, for a first
    /// post, optionally the topic's title; records one `post_edited` activity. Only live
    /// posts can be edited.
    pub async fn edit_post(
        &self,
        post_id: i64,
        editor_id: i64,
        (body_md, body_html): (&str, &str),
        new_title: Option<&str>,
        checks: &EditChecks<'_>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "SELECT p.body_md, p.position, t.id AS topic_id, t.space_id FROM posts p JOIN topics t ON t.id = p.topic_id
                 WHERE p.id = $1 AND p.deleted_at IS NULL",
                &[Arg::I64(post_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let (old, space_id) = (row.text("body_md")?, row.i64("space_id")?);
        if old != body_md {
            tx.execute(
                "INSERT INTO post_revisions (post_id, editor_id, body_md, created_at) VALUES ($1, $2, $3, $4)",
                &[Arg::I64(post_id), Arg::I64(editor_id), Arg::Text(&old), Arg::I64(now)],
            )
            .await?;
            tx.execute(
                "UPDATE posts SET body_md = $1, body_html = $2, edited_at = $3 WHERE id = $4",
                &[
                    Arg::Text(body_md),
                    Arg::Text(body_html),
                    Arg::I64(now),
                    Arg::I64(post_id),
                ],
            )
            .await?;
        }
        if let Some(title) = new_title.filter(|_| row.i64("position").is_ok_and(|p| p == 1)) {
            tx.execute(
                "UPDATE topics SET title = $1 WHERE id = $2",
                &[Arg::Text(title), Arg::I64(row.i64("topic_id")?)],
            )
            .await?;
        }
        record(
            &mut tx,
            editor_id,
            kinds::POST_EDITED,
            ("post", post_id),
            space_id,
            now,
        )
        .await?;
        if let Some(a) = &checks.audit {
            audit_in(&mut tx, a, now).await?;
        }
        if let Some(screen) = &checks.screen {
            screen_post_in(&mut tx, post_id, checks.author_id, screen, now).await?;
        }
        tx.commit().await
    }

    /// Marks a live post as wiki (or not), with the actor's `post_wiki_changed` activity.
    pub async fn set_post_wiki(
        &self,
        post_id: i64,
        wiki: bool,
        actor_id: i64,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "UPDATE posts SET wiki = $1 WHERE id = $2 AND deleted_at IS NULL",
                &[Arg::I64(i64::from(wiki)), Arg::I64(post_id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let space_id = space_of_post(&mut tx, post_id).await?;
        record(
            &mut tx,
            actor_id,
            kinds::POST_WIKI_CHANGED,
            ("post", post_id),
            space_id,
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Deletes a post (soft: the row stays for moderation and history). Deleting the first
    /// post of a topic deletes the topic. Staff deleting someone else's post pass the
    /// `audit` row, written in the same transaction.
    pub async fn delete_post(
        &self,
        post_id: i64,
        actor_id: i64,
        audit: Option<&NewAudit<'_>>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let space_id = soft_delete_in(&mut tx, post_id, now).await?;
        record(
            &mut tx,
            actor_id,
            kinds::POST_DELETED,
            ("post", post_id),
            space_id,
            now,
        )
        .await?;
        if let Some(a) = audit {
            audit_in(&mut tx, a, now).await?;
        }
        tx.commit().await
    }

    pub async fn topic(&self, id: i64) -> Result<Option<Topic>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT id, space_id, author_id, title, kind, created_at, last_post_at, post_count, deleted_at, answer_post_id, first_reply_at, answered_at, vote_count, idea_status, status_note, pin_scope, pinned_at, merged_into, hidden_at FROM topics WHERE id = $1",
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(topic_from).transpose()
    }

    /// A topic with its space and its author's byline, in one query (every topic page and
    /// post link starts here).
    pub async fn topic_context(&self, id: i64) -> Result<Option<(Topic, crate::Space, Author)>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT t.id, t.space_id, t.author_id, t.title, t.kind, t.created_at, t.last_post_at, t.post_count, t.deleted_at,
                        t.answer_post_id, t.first_reply_at, t.answered_at, t.vote_count, t.idea_status, t.status_note, t.pin_scope, t.pinned_at, t.merged_into, t.hidden_at,
                        s.id AS s_id, s.slug AS s_slug, s.name AS s_name, s.description AS s_description, s.visibility AS s_visibility,
                        s.archived_at AS s_archived_at, s.created_at AS s_created_at, s.topic_count AS s_topic_count, s.post_count AS s_post_count, s.allowed_kinds AS s_allowed_kinds, s.icon_upload_id AS s_icon_upload_id,
                        m.handle AS author_handle, m.display_name AS author_name, m.avatar_upload_id AS author_avatar
                 FROM topics t JOIN spaces s ON s.id = t.space_id JOIN members m ON m.id = t.author_id
                 WHERE t.id = $1",
                &[Arg::I64(id)],
            )
            .await?;
        row.map(|r| {
            Ok((
                topic_from(&r)?,
                crate::spaces::space_from_prefixed(&r, "s_")?,
                author_from(&r)?,
            ))
        })
        .transpose()
    }

    /// Live topics of a space by latest activity, keyset-paginated on (last_post_at, id):
    /// every page costs the same, however deep.
    pub async fn topics_page(
        &self,
        space_id: i64,
        before: Option<(Millis, i64)>,
        limit: i64,
    ) -> Result<Vec<TopicListing>> {
        self.topics_page_filtered(space_id, before, None, limit)
            .await
    }

    /// Like [`Store::topics_page`], keeping only answered (`Some(true)`) or unanswered
    /// (`Some(false)`) questions. Still one range scan from the cursor, bounded by `limit`.
    pub async fn topics_page_filtered(
        &self,
        space_id: i64,
        before: Option<(Millis, i64)>,
        answered: Option<bool>,
        limit: i64,
    ) -> Result<Vec<TopicListing>> {
        let (at, id) = before.unwrap_or((i64::MAX, i64::MAX));
        let sql = match answered {
            None => {
                listing_sql!("WHERE t.space_id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL AND t.pinned_at IS NULL AND (t.last_post_at, t.id) < ($2, $3)
                 ORDER BY t.last_post_at DESC, t.id DESC LIMIT $4")
            }
            Some(true) => {
                listing_sql!("WHERE t.space_id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL AND (t.last_post_at, t.id) < ($2, $3)
                   AND t.kind = 'question' AND t.answer_post_id IS NOT NULL
                 ORDER BY t.last_post_at DESC, t.id DESC LIMIT $4")
            }
            Some(false) => {
                listing_sql!("WHERE t.space_id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL AND (t.last_post_at, t.id) < ($2, $3)
                   AND t.kind = 'question' AND t.answer_post_id IS NULL
                 ORDER BY t.last_post_at DESC, t.id DESC LIMIT $4")
            }
        };
        let rows = self
            .db
            .fetch_all(
                sql,
                &[
                    Arg::I64(space_id),
                    Arg::I64(at),
                    Arg::I64(id),
                    Arg::I64(limit),
                ],
            )
            .await?;
        listings(&rows)
    }

    /// Accepts `post_id` as the answer to question `topic_id` (replacing any earlier one),
    /// and records it. The post must be a live reply in that topic, not its first post.
    pub async fn accept_answer(
        &self,
        topic_id: i64,
        post_id: i64,
        actor_id: i64,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        accept_answer_in(&mut tx, topic_id, post_id, actor_id, now).await?;
        tx.commit().await
    }

    /// Withdraws the accepted answer of a question, and records it. `NotFound` when the
    /// question has none.
    pub async fn unaccept_answer(&self, topic_id: i64, actor_id: i64, now: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "SELECT answer_post_id, space_id FROM topics WHERE id = $1 AND answer_post_id IS NOT NULL",
                &[Arg::I64(topic_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let (post_id, space_id) = (row.i64("answer_post_id")?, row.i64("space_id")?);
        tx.execute(
            "UPDATE topics SET answer_post_id = NULL WHERE id = $1",
            &[Arg::I64(topic_id)],
        )
        .await?;
        record(
            &mut tx,
            actor_id,
            kinds::ANSWER_UNACCEPTED,
            ("post", post_id),
            space_id,
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Live topics of a space by votes (ideas first by most votes), keyset-paginated on
    /// (vote_count, id) through the `topics_space_votes` index.
    pub async fn topics_by_votes(
        &self,
        space_id: i64,
        before: Option<(i64, i64)>,
        limit: i64,
    ) -> Result<Vec<TopicListing>> {
        let (votes, id) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows = self
            .db
            .fetch_all(
                listing_sql!("WHERE t.space_id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL AND (t.vote_count, t.id) < ($2, $3)
                 ORDER BY t.vote_count DESC, t.id DESC LIMIT $4"),
                &[Arg::I64(space_id), Arg::I64(votes), Arg::I64(id), Arg::I64(limit)],
            )
            .await?;
        listings(&rows)
    }

    /// Live topics of a space, newest first, keyset-paginated on (created_at, id).
    pub async fn topics_by_creation(
        &self,
        space_id: i64,
        before: Option<(i64, i64)>,
        limit: i64,
    ) -> Result<Vec<TopicListing>> {
        let (at, id) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows = self
            .db
            .fetch_all(
                listing_sql!("WHERE t.space_id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL AND (t.created_at, t.id) < ($2, $3)
                 ORDER BY t.created_at DESC, t.id DESC LIMIT $4"),
                &[Arg::I64(space_id), Arg::I64(at), Arg::I64(id), Arg::I64(limit)],
            )
            .await?;
        listings(&rows)
    }

    /// Live topics of a space by how many votes they got since `since` (trending), then
    /// newest, keyset-paginated on (recent votes, id). Votes are counted per idea from
    /// `idea_votes` (withdrawn votes are gone, so they do not count).
    pub async fn topics_by_recent_votes(
        &self,
        space_id: i64,
        since: Millis,
        before: Option<(i64, i64)>,
        limit: i64,
    ) -> Result<Vec<(TopicListing, i64)>> {
        let (score, id) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows = self
            .db
            .fetch_all(
                listing_sql!("COALESCE(r.n, 0) AS recent, ", "LEFT JOIN (SELECT topic_id, COUNT(*) AS n FROM idea_votes WHERE created_at >= $2 GROUP BY topic_id) r
                   ON r.topic_id = t.id
                 WHERE t.space_id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL
                   AND (COALESCE(r.n, 0) < $3 OR (COALESCE(r.n, 0) = $3 AND t.id < $4))
                 ORDER BY COALESCE(r.n, 0) DESC, t.id DESC LIMIT $5"),
                &[Arg::I64(space_id), Arg::I64(since), Arg::I64(score), Arg::I64(id), Arg::I64(limit)],
            )
            .await?;
        let listed = listings(&rows)?;
        listed
            .into_iter()
            .zip(&rows)
            .map(|(l, r)| Ok((l, r.i64("recent")?)))
            .collect()
    }

    /// Pins or unpins a topic (`scope` `space` or `community`, or `None`), and records it.
    pub async fn set_pin(
        &self,
        topic_id: i64,
        scope: Option<&str>,
        actor_id: i64,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let space_id = tx
            .fetch_optional(
                "UPDATE topics SET pin_scope = $1, pinned_at = $2 WHERE id = $3 AND deleted_at IS NULL RETURNING space_id",
                &[Arg::OptText(scope), Arg::OptI64(scope.map(|_| now)), Arg::I64(topic_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?
            .i64("space_id")?;
        let kind = if scope.is_some() {
            kinds::TOPIC_PINNED
        } else {
            kinds::TOPIC_UNPINNED
        };
        record(&mut tx, actor_id, kind, ("topic", topic_id), space_id, now).await?;
        tx.commit().await
    }

    /// The pinned topics of a space, newest pin first (bounded).
    pub async fn pinned_topics(&self, space_id: i64) -> Result<Vec<TopicListing>> {
        let rows = self
            .db
            .fetch_all(
                listing_sql!(
                    "WHERE t.space_id = $1 AND t.pinned_at IS NOT NULL AND t.deleted_at IS NULL AND t.hidden_at IS NULL
                 ORDER BY t.pinned_at DESC, t.id DESC LIMIT 20"
                ),
                &[Arg::I64(space_id)],
            )
            .await?;
        listings(&rows)
    }

    /// Topics pinned to the whole community, newest pin first (bounded); the caller
    /// filters them by what the viewer may see.
    pub async fn community_pins(&self) -> Result<Vec<TopicListing>> {
        let rows = self
            .db
            .fetch_all(
                listing_sql!("WHERE t.pin_scope = 'community' AND t.pinned_at IS NOT NULL AND t.deleted_at IS NULL AND t.hidden_at IS NULL
                 ORDER BY t.pinned_at DESC, t.id DESC LIMIT 20"),
                &[],
            )
            .await?;
        listings(&rows)
    }

    /// A member's latest live topics, newest first (for their profile; bounded).
    pub async fn topics_by_author(&self, author_id: i64, limit: i64) -> Result<Vec<TopicListing>> {
        let rows = self
            .db
            .fetch_all(
                listing_sql!(
                    "WHERE t.author_id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL
                 ORDER BY t.created_at DESC, t.id DESC LIMIT $2"
                ),
                &[Arg::I64(author_id), Arg::I64(limit.clamp(1, 200))],
            )
            .await?;
        listings(&rows)
    }

    pub async fn post(&self, id: i64) -> Result<Option<Post>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT p.id, p.topic_id, p.author_id, p.position, p.body_md, p.body_html, p.created_at, p.edited_at, p.deleted_at, p.hidden_at, p.wiki, m.role AS author_role
                 FROM posts p JOIN members m ON m.id = p.author_id WHERE p.id = $1",
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(post_from).transpose()
    }

    /// Posts of a topic in order, keyset-paginated on position (deleted posts included, so
    /// that a page can show where they were).
    pub async fn posts_page(
        &self,
        topic_id: i64,
        after_position: i64,
        limit: i64,
    ) -> Result<Vec<PostListing>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT p.id, p.topic_id, p.author_id, p.position, p.body_md, p.body_html, p.created_at, p.edited_at, p.deleted_at, p.hidden_at, p.wiki,
                        m.handle AS author_handle, m.display_name AS author_name, m.avatar_upload_id AS author_avatar, m.role AS author_role
                 FROM posts p JOIN members m ON m.id = p.author_id
                 WHERE p.topic_id = $1 AND p.position > $2
                 ORDER BY p.position LIMIT $3",
                &[Arg::I64(topic_id), Arg::I64(after_position), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(PostListing {
                    post: post_from(r)?,
                    position: r.i64("position")?,
                    author: author_from(r)?,
                })
            })
            .collect()
    }

    /// The position of a post in its topic (to link to the page it is on).
    pub async fn post_position(&self, post_id: i64) -> Result<Option<i64>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT position FROM posts WHERE id = $1",
                &[Arg::I64(post_id)],
            )
            .await?;
        row.map(|r| r.i64("position")).transpose()
    }

    /// Earlier versions of a post, oldest first (bounded).
    pub async fn revisions(&self, post_id: i64) -> Result<Vec<Revision>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, post_id, editor_id, body_md, created_at FROM post_revisions WHERE post_id = $1 ORDER BY id LIMIT 500",
                &[Arg::I64(post_id)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Revision {
                    id: r.i64("id")?,
                    post_id: r.i64("post_id")?,
                    editor_id: r.i64("editor_id")?,
                    body_md: r.text("body_md")?,
                    created_at: r.i64("created_at")?,
                })
            })
            .collect()
    }

    /// (topics, posts, activities) in the whole database, for `hearth demo` and tests. The
    /// activities are those requests and imports wrote: the `level_reached` and
    /// `badge_granted` the stream's consumers derive a moment later are left out, so "a
    /// refused request wrote nothing" does not race them (regression:
    /// totals_raced_the_derived_activities).
    pub async fn totals(&self) -> Result<(i64, i64, i64)> {
        let r = self
            .db
            .fetch_one(
                "SELECT (SELECT COUNT(*) FROM topics) AS topics, (SELECT COUNT(*) FROM posts) AS posts,
                        (SELECT COUNT(*) FROM activities WHERE kind NOT IN ('level_reached', 'badge_granted')) AS activities",
                &[],
            )
            .await?;
        Ok((r.i64("topics")?, r.i64("posts")?, r.i64("activities")?))
    }
}

impl Store {
    /// Starts a topic that goes straight to the queue (see [`screen_post_in`]).
    pub async fn create_topic_screened(
        &self,
        t: &NewTopic<'_>,
        screen: &Screen,
        now: Millis,
    ) -> Result<(i64, i64)> {
        let mut tx = self.db.begin().await?;
        let (topic_id, post_id) = create_topic_in(&mut tx, t, now).await?;
        screen_post_in(&mut tx, post_id, t.author_id, screen, now).await?;
        tx.commit().await?;
        Ok((topic_id, post_id))
    }

    /// Replies with a post that goes straight to the queue (see [`screen_post_in`]).
    pub async fn create_reply_screened(
        &self,
        topic_id: i64,
        author_id: i64,
        body: (&str, &str),
        screen: &Screen,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let post_id = create_reply_in(&mut tx, topic_id, author_id, body.0, body.1, now).await?;
        screen_post_in(&mut tx, post_id, author_id, screen, now).await?;
        tx.commit().await?;
        Ok(post_id)
    }
}
