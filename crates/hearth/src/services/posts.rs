//! Posts: replies, reactions, edits with history, wiki posts, deletion and quotes, every
//! door checked through `hearth_core::access`.

use super::topics::topic;
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_core::markdown;
use hearth_core::model::{Post, Revision, Space, Topic};
use hearth_core::values::{Markdown, Reaction, Title, optional_text};
use hearth_store::reactions::ReactionRow;
use hearth_store::topics::PostListing;

/// A post as the actor sees it: deleted bodies are blanked for non-staff.
#[derive(Debug, Clone)]
pub struct PostView {
    pub listing: PostListing,
    pub can_edit: bool,
    pub can_delete: bool,
    /// May the actor mark it as wiki (or not)?
    pub can_wiki: bool,
    /// Reactions in the order of the fixed set, only those with a count.
    pub reactions: Vec<ReactionSummary>,
    /// Hidden for review; its body is blank unless the actor is its author or staff.
    pub hidden: bool,
    /// May the actor flag it?
    pub can_flag: bool,
}

/// How many members gave one reaction to a post, whether the actor did, and the first
/// few names (for "who reacted").
#[derive(Debug, Clone)]
pub struct ReactionSummary {
    pub reaction: Reaction,
    pub count: i64,
    pub mine: bool,
    pub names: Vec<String>,
}

/// Names shown per reaction; the rest are counted.
const REACTION_NAMES_SHOWN: usize = 10;

pub(crate) fn summarise_reactions(
    actor: &Actor,
    post_id: i64,
    rows: &[ReactionRow],
) -> Vec<ReactionSummary> {
    Reaction::all()
        .filter_map(|reaction| {
            let given: Vec<&ReactionRow> = rows
                .iter()
                .filter(|r| r.post_id == post_id && r.reaction == reaction.name())
                .collect();
            (!given.is_empty()).then(|| ReactionSummary {
                reaction,
                count: given.len() as i64,
                mine: actor
                    .member_id()
                    .is_some_and(|me| given.iter().any(|r| r.member_id == me)),
                names: given
                    .iter()
                    .take(REACTION_NAMES_SHOWN)
                    .map(|r| r.display_name.clone())
                    .collect(),
            })
        })
        .collect()
}

pub(crate) fn post_view(actor: &Actor, mut listing: PostListing) -> PostView {
    let hidden = listing.post.hidden_at.is_some();
    if (listing.post.deleted_at.is_some() && !access::can_see_deleted(actor))
        || (hidden && !access::can_see_hidden(actor, &listing.post))
    {
        listing.post.body_md = String::new();
        listing.post.body_html = String::new();
    }
    PostView {
        can_edit: access::can_edit_post(actor, &listing.post),
        can_delete: access::can_delete_post(actor, &listing.post),
        can_wiki: access::can_set_wiki(actor, &listing.post),
        can_flag: access::can_flag(actor, &listing.post),
        hidden,
        listing,
        reactions: Vec::new(),
    }
}

/// A post and its topic, if the actor may see them.
pub async fn post(h: &Hearth, actor: &Actor, id: i64) -> Result<(Space, Topic, Post)> {
    let post = h
        .store
        .post(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-post"))?;
    let (space, topic) = topic(h, actor, post.topic_id)
        .await
        .map_err(|_| ServiceError::NotFound("err-not-found-post"))?;
    if post.deleted_at.is_some() && !access::can_see_deleted(actor) {
        return Err(ServiceError::NotFound("err-not-found-post"));
    }
    let mut post = post;
    if post.hidden_at.is_some() && !access::can_see_hidden(actor, &post) {
        post.body_md = String::new();
        post.body_html = String::new();
    }
    Ok((space, topic, post))
}

/// Adds (`add`) or takes back a reaction to a post the actor can see.
pub async fn react(
    h: &Hearth,
    actor: &Actor,
    post_id: i64,
    reaction: &str,
    add: bool,
) -> Result<()> {
    let (_, _, post) = post(h, actor, post_id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    let reaction = Reaction::parse(reaction)?;
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("err-guests-read-only"));
    }
    if post.deleted_at.is_some() {
        return Err(ServiceError::NotFound("err-not-found-post"));
    }
    super::accounts::check_may_post(h, actor).await?;
    if add {
        h.store
            .add_reaction(post.id, member_id, reaction.name(), now())
            .await?;
    } else {
        h.store
            .remove_reaction(post.id, member_id, reaction.name(), now())
            .await?;
    }
    Ok(())
}

/// A post the actor may edit, with its space and topic (the edit form).
pub async fn post_to_edit(h: &Hearth, actor: &Actor, id: i64) -> Result<(Space, Topic, Post)> {
    let (space, topic, post) = post(h, actor, id).await?;
    if !access::can_edit_post(actor, &post) {
        return Err(ServiceError::Forbidden("err-edit-own"));
    }
    Ok((space, topic, post))
}

/// Replies to a topic; returns the new post's id.
pub async fn reply(h: &Hearth, actor: &Actor, topic_id: i64, body: &str) -> Result<i64> {
    let (space, topic) = topic(h, actor, topic_id).await?;
    let Some(author_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("err-guests-read-only"));
    }
    if !access::can_reply(actor, &space, &topic) {
        return Err(ServiceError::Forbidden("err-topic-closed"));
    }
    super::accounts::check_may_post(h, actor).await?;
    let body = Markdown::parse(body, h.config.limits.body_max_bytes)?;
    super::notifications::check_mentions(h, body.as_str()).await?;
    let html = markdown::render(body.as_str());
    let screen = super::trust::check_new_post(h, actor, body.as_str(), &html, false).await?;
    Ok(match screen {
        Some(screen) => {
            h.store
                .create_reply_screened(topic.id, author_id, (body.as_str(), &html), &screen, now())
                .await?
        }
        None => {
            h.store
                .create_reply(topic.id, author_id, body.as_str(), &html, now())
                .await?
        }
    })
}

/// Edits a post (and, for the first post, optionally the topic title). History is kept.
pub async fn edit_post(
    h: &Hearth,
    actor: &Actor,
    post_id: i64,
    body: &str,
    title: Option<&str>,
    reason: Option<&str>,
) -> Result<Post> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    let Some(editor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_edit_post(actor, &post) {
        return Err(ServiceError::Forbidden("err-edit-own"));
    }
    super::accounts::check_may_post(h, actor).await?;
    let body = Markdown::parse(body, h.config.limits.body_max_bytes)?;
    super::notifications::check_mentions(h, body.as_str()).await?;
    let reason = optional_text("reason", reason.unwrap_or(""), 500)?;
    let title = match title.filter(|t| post.is_first && !t.trim().is_empty()) {
        Some(t) => Some(Title::parse(t, h.config.limits.title_max_chars)?),
        None => None,
    };
    let new_title = title.filter(|t| t.as_str() != topic.title);
    if body.as_str() != post.body_md || new_title.is_some() {
        let html = markdown::render(body.as_str());
        // Staff editing someone else's post leave an audit row with their reason, in the
        // edit's transaction (members editing a wiki post do not: it is their right).
        let screen = super::trust::check_edit(h, actor, body.as_str(), &html).await?;
        let audit = (post.author_id != editor_id && actor.is_staff()).then(|| {
            super::audit::row(
                actor,
                AuditAction::PostEditedByStaff,
                ("post", post.id),
                reason.as_deref(),
            )
        });
        h.store
            .edit_post(
                post.id,
                editor_id,
                (body.as_str(), &html),
                new_title.as_ref().map(|t| t.as_str()),
                &hearth_store::topics::EditChecks {
                    audit,
                    screen,
                    author_id: post.author_id,
                },
                now(),
            )
            .await?;
    }
    h.store
        .post(post.id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-post"))
}

/// Makes a post a wiki, which members of trust level 2 and up may edit (or a normal post
/// again). Its author and staff may.
pub async fn set_wiki(h: &Hearth, actor: &Actor, post_id: i64, wiki: bool) -> Result<()> {
    let (_, _, post) = post(h, actor, post_id).await?;
    let actor_id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    if !access::can_set_wiki(actor, &post) {
        return Err(ServiceError::Forbidden("err-wiki"));
    }
    super::accounts::check_may_post(h, actor).await?;
    h.store
        .set_post_wiki(post.id, wiki, actor_id, now())
        .await?;
    Ok(())
}

/// Deletes a post; deleting a topic's first post deletes the topic. Returns the topic id.
pub async fn delete_post(h: &Hearth, actor: &Actor, post_id: i64) -> Result<i64> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_delete_post(actor, &post) {
        return Err(ServiceError::Forbidden("err-delete-own"));
    }
    let audit = (post.author_id != actor_id).then(|| {
        super::audit::row(
            actor,
            AuditAction::PostDeletedByStaff,
            ("post", post.id),
            None,
        )
    });
    h.store
        .delete_post(post.id, actor_id, audit.as_ref(), now())
        .await?;
    Ok(topic.id)
}

/// A post with its earlier versions, oldest first.
pub async fn post_history(
    h: &Hearth,
    actor: &Actor,
    post_id: i64,
) -> Result<(Topic, Post, Vec<Revision>)> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    if post.hidden_at.is_some() && !access::can_see_hidden(actor, &post) {
        return Err(ServiceError::NotFound("err-not-found-post"));
    }
    let revisions = h.store.revisions(post.id).await?;
    Ok((topic, post, revisions))
}

/// The Markdown that starts a reply quoting `post_id` (a live post of `topic_id` the actor
/// can see), attributed with a link back to it.
pub async fn quote(h: &Hearth, actor: &Actor, topic_id: i64, post_id: i64) -> Result<String> {
    let (_, topic, post) = post(h, actor, post_id).await?;
    let hidden_from_actor = post.hidden_at.is_some() && !access::can_see_hidden(actor, &post);
    if topic.id != topic_id || post.deleted_at.is_some() || hidden_from_actor {
        return Err(ServiceError::NotFound("err-not-found-post"));
    }
    let author = h.store.authors(&[post.author_id]).await?;
    let handle = author
        .first()
        .map(|a| a.handle.as_str())
        .unwrap_or("someone");
    let quoted: Vec<String> = post.body_md.lines().map(|l| format!("> {l}")).collect();
    Ok(format!(
        "> @{handle} [wrote](/p/{}):\n>\n{}\n\n",
        post.id,
        quoted.join("\n")
    ))
}
