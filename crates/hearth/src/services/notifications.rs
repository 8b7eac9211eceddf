//! Notifications: who hears about what. Run by jobs after the change committed (never in
//! the request), idempotent through each notification's dedupe key. A member is only told
//! about posts in spaces they can see, decided by `hearth_core::access` like every door.

use super::{Actor, Hearth, Result, ServiceError, email, now};
use hearth_core::model::Member;
use hearth_store::notifications::{MailRoute, NewNotification, Notification};

/// Notification kinds, named once: (kind, what it tells the member, how often it is
/// mailed unless the member chooses otherwise).
pub const KINDS: &[(&str, &str, &str)] = &[
    (
        REPLY,
        "someone replied in a topic you started",
        email::IMMEDIATELY,
    ),
    (
        MENTION,
        "someone mentioned you with @handle",
        email::IMMEDIATELY,
    ),
    (
        ANSWER_ACCEPTED,
        "your reply was accepted as the answer",
        email::IMMEDIATELY,
    ),
    (
        IDEA_STATUS,
        "an idea you voted for changed status",
        email::IMMEDIATELY,
    ),
    (
        NEW_TOPIC,
        "someone started a topic in a space you watch",
        email::DAILY,
    ),
];
pub const NEW_TOPIC: &str = "new_topic";
pub const IDEA_STATUS: &str = "idea_status";
pub const REPLY: &str = "reply";
pub const MENTION: &str = "mention";
pub const ANSWER_ACCEPTED: &str = "answer_accepted";

/// Most members one post may mention.
pub const MAX_MENTIONS: usize = 20;

/// Every `@handle` in `markdown` must be a member: a clear error names the first that is
/// not, before anything is written.
pub async fn check_mentions(h: &Hearth, markdown: &str) -> Result<()> {
    let handles = hearth_core::markdown::mentions(markdown);
    if handles.len() > MAX_MENTIONS {
        return Err(hearth_core::Invalid::new(
            "body",
            format!("mention at most {MAX_MENTIONS} members in one post"),
        )
        .into());
    }
    for handle in handles {
        if h.store.member_by_handle(&handle).await?.is_none() {
            return Err(hearth_core::Invalid::new(
                "body",
                format!("mentions @{handle}, but no member has that handle"),
            )
            .into());
        }
    }
    Ok(())
}

async fn can_see(h: &Hearth, member: &Member, space: &hearth_core::model::Space) -> Result<bool> {
    super::forum::visible(
        h,
        &Actor::Member {
            id: member.id,
            role: member.role,
        },
        space,
    )
    .await
}

/// The job for a new post: tells the topic's author about a reply, and mentioned members
/// about the mention. Returns how many notifications were written (0 on a retry).
pub async fn post_created(h: &Hearth, post_id: i64) -> Result<usize> {
    let Some(post) = h.store.post(post_id).await? else {
        return Ok(0);
    };
    if post.deleted_at.is_some() {
        return Ok(0);
    }
    let Some((topic, space, _)) = h.store.topic_context(post.topic_id).await? else {
        return Ok(0);
    };
    let mut recipients: Vec<(i64, &'static str)> = Vec::new();
    if !post.is_first && topic.author_id != post.author_id {
        recipients.push((topic.author_id, REPLY));
    }
    for handle in hearth_core::markdown::mentions(&post.body_md)
        .into_iter()
        .take(MAX_MENTIONS)
    {
        if let Some(m) = h.store.member_by_handle(&handle).await?
            && m.id != post.author_id
            && !recipients.iter().any(|(id, _)| *id == m.id)
        {
            recipients.push((m.id, MENTION));
        }
    }
    // A new topic also reaches the space's watchers, in batches.
    if post.is_first {
        let mut after = 0;
        loop {
            let watchers = h.store.space_watchers(space.id, after, 500).await?;
            let Some(&last) = watchers.last() else { break };
            after = last;
            for id in watchers {
                if id != post.author_id && !recipients.iter().any(|(m, _)| *m == id) {
                    recipients.push((id, NEW_TOPIC));
                }
            }
        }
    }
    let mut allowed = Vec::new();
    for (member_id, kind) in recipients {
        let Some(member) = h.store.member(member_id).await? else {
            continue;
        };
        if can_see(h, &member, &space).await? {
            allowed.push(Recipient {
                key: format!("{kind}:{post_id}:{member_id}"),
                member,
                kind,
            });
        }
    }
    write(
        h,
        &allowed,
        Some(post.author_id),
        Some(topic.id),
        Some(post.id),
    )
    .await
}

/// A member to notify, of what, under which dedupe key.
struct Recipient {
    member: Member,
    kind: &'static str,
    key: String,
}

/// Writes the notifications, in batches, each routed to mail as its member chose.
async fn write(
    h: &Hearth,
    recipients: &[Recipient],
    actor_id: Option<i64>,
    topic_id: Option<i64>,
    post_id: Option<i64>,
) -> Result<usize> {
    let mut written = 0;
    for chunk in recipients.chunks(500) {
        let mut mail = vec![MailRoute::None; chunk.len()];
        for (kind, _, _) in KINDS {
            let (at, members): (Vec<usize>, Vec<Member>) = chunk
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == *kind)
                .map(|(i, r)| (i, r.member.clone()))
                .unzip();
            for (i, route) in at.into_iter().zip(email::routes(h, kind, &members).await?) {
                mail[i] = route;
            }
        }
        let batch: Vec<NewNotification<'_>> = chunk
            .iter()
            .zip(mail)
            .map(|(r, mail)| NewNotification {
                member_id: r.member.id,
                kind: r.kind,
                actor_id,
                topic_id,
                post_id,
                dedupe_key: &r.key,
                mail,
            })
            .collect();
        written += h.store.notify(&batch, now()).await?;
    }
    Ok(written)
}

/// The job for an accepted answer: tells the answer's author (unless they accepted it).
pub async fn answer_accepted(
    h: &Hearth,
    topic_id: i64,
    post_id: i64,
    actor_id: i64,
) -> Result<usize> {
    let Some(post) = h.store.post(post_id).await? else {
        return Ok(0);
    };
    if post.author_id == actor_id || post.deleted_at.is_some() {
        return Ok(0);
    }
    let Some(member) = h.store.member(post.author_id).await? else {
        return Ok(0);
    };
    let recipient = Recipient {
        key: format!("{ANSWER_ACCEPTED}:{post_id}"),
        member,
        kind: ANSWER_ACCEPTED,
    };
    write(
        h,
        &[recipient],
        Some(actor_id),
        Some(topic_id),
        Some(post_id),
    )
    .await
}

/// A page of the actor's notifications (newest first), the next cursor, and the unread count.
pub async fn page(
    h: &Hearth,
    actor: &Actor,
    cursor: Option<&str>,
) -> Result<(Vec<Notification>, Option<String>, i64)> {
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    let before = match cursor.filter(|c| !c.is_empty()) {
        Some(c) => Some(c.parse::<i64>().map_err(|_| {
            hearth_core::Invalid::new("cursor", "is not a cursor this server gave out")
        })?),
        None => None,
    };
    const PER_PAGE: i64 = 30;
    let mut items = h
        .store
        .notifications_page(member_id, before, PER_PAGE + 1)
        .await?;
    let next = if items.len() as i64 > PER_PAGE {
        items.truncate(PER_PAGE as usize);
        items.last().map(|n| n.id.to_string())
    } else {
        None
    };
    let unread = h.store.unread_notifications(member_id).await?;
    Ok((items, next, unread))
}

/// Marks the actor's notifications read, up to `up_to_id` or all.
pub async fn mark_read(h: &Hearth, actor: &Actor, up_to_id: Option<i64>) -> Result<u64> {
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    Ok(h.store
        .mark_notifications_read(member_id, up_to_id, now())
        .await?)
}

pub async fn unread(h: &Hearth, member_id: i64) -> Result<i64> {
    Ok(h.store.unread_notifications(member_id).await?)
}

/// The job for an idea's status change: tells every voter (but the one who changed it),
/// in batches, each at most once for this change.
pub async fn idea_status_changed(
    h: &Hearth,
    change_id: i64,
    topic_id: i64,
    actor_id: i64,
) -> Result<usize> {
    let Some((_, space, _)) = h.store.topic_context(topic_id).await? else {
        return Ok(0);
    };
    let mut written = 0;
    let mut after = 0;
    loop {
        let voters = h.store.idea_voters(topic_id, after, 500).await?;
        let Some(&last) = voters.last() else { break };
        after = last;
        let mut recipients = Vec::new();
        for id in voters.into_iter().filter(|id| *id != actor_id) {
            let Some(member) = h.store.member(id).await? else {
                continue;
            };
            if can_see(h, &member, &space).await? {
                recipients.push(Recipient {
                    key: format!("{IDEA_STATUS}:{change_id}:{id}"),
                    member,
                    kind: IDEA_STATUS,
                });
            }
        }
        written += write(h, &recipients, Some(actor_id), Some(topic_id), None).await?;
    }
    Ok(written)
}
