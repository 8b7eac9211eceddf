//! Notifications: who hears about what. Run by jobs after the change committed (never in
//! the request), idempotent through each notification's dedupe key. A member is only told
//! about posts in spaces they can see, decided by `hearth_core::access` like every door.

use super::{Actor, Hearth, Result, ServiceError, email, now};
use hearth_core::model::Member;
use hearth_core::notifications::{MailFrequency, NotificationKind};
use hearth_store::notifications::{MailRoute, NewNotification, Notification};
use hearth_store::watches::Watched;

/// Every notification kind (`hearth_core::notifications::NotificationKind`): what it tells
/// the member, and how often it is mailed unless the member chooses otherwise.
pub const KINDS: &[(NotificationKind, &str, MailFrequency)] = &[
    (
        NotificationKind::Reply,
        "someone replied in a topic you started",
        MailFrequency::Immediately,
    ),
    (
        NotificationKind::Mention,
        "someone mentioned you with @handle",
        MailFrequency::Immediately,
    ),
    (
        NotificationKind::AnswerAccepted,
        "your reply was accepted as the answer",
        MailFrequency::Immediately,
    ),
    (
        NotificationKind::IdeaStatus,
        "an idea you suggested or voted for changed status",
        MailFrequency::Immediately,
    ),
    (
        NotificationKind::NewTopic,
        "someone started a topic in a space you watch",
        MailFrequency::Daily,
    ),
    (
        NotificationKind::WatchedReply,
        "someone replied in a topic you watch",
        MailFrequency::Immediately,
    ),
    (
        NotificationKind::EventPromoted,
        "a seat opened at an event and you moved up from the waitlist",
        MailFrequency::Immediately,
    ),
    (
        NotificationKind::EventCancelled,
        "an event you answered was cancelled",
        MailFrequency::Immediately,
    ),
    (
        NotificationKind::EventReminder,
        "an event you are going to starts in a day, and again in an hour",
        MailFrequency::Immediately,
    ),
];

/// Most members one post may mention.
pub const MAX_MENTIONS: usize = 20;

/// Every `@handle` in `markdown` must be a member: a clear error names the first that is
/// not, before anything is written.
pub async fn check_mentions(h: &Hearth, markdown: &str) -> Result<()> {
    let handles = hearth_core::markdown::mentions(markdown);
    if handles.len() > MAX_MENTIONS {
        return Err(hearth_core::Invalid::new(
            "body",
            hearth_core::message!("err-mentions-max", max = MAX_MENTIONS),
        )
        .into());
    }
    for handle in handles {
        if h.store.member_by_handle(&handle).await?.is_none() {
            return Err(hearth_core::Invalid::new(
                "body",
                hearth_core::message!("err-mention-unknown", handle = handle),
            )
            .into());
        }
    }
    Ok(())
}

/// Who may see `space`: its grants are read once, then every candidate is decided by
/// `hearth_core::access` without another query (fan-out to thousands stays cheap).
struct Audience {
    space: hearth_core::model::Space,
    grants: Vec<hearth_core::model::Grant>,
}

impl Audience {
    async fn of(h: &Hearth, space: hearth_core::model::Space) -> Result<Audience> {
        use hearth_core::model::Grant;
        let grants = if space.visibility == hearth_core::values::Visibility::Private {
            h.store.space_grants(space.id).await?
        } else {
            Vec::new()
        };
        // A grant to a group becomes grants to its members, so that members listed without
        // their groups are still decided in memory.
        let mut expanded = Vec::with_capacity(grants.len());
        for g in grants {
            if let Grant::Group(group_id) = g {
                let mut after = 0;
                loop {
                    let ids = h.store.group_member_ids(group_id, after, 1000).await?;
                    let Some(last) = ids.last() else { break };
                    after = *last;
                    expanded.extend(ids.into_iter().map(Grant::Member));
                }
            } else {
                expanded.push(g);
            }
        }
        Ok(Audience {
            space,
            grants: expanded,
        })
    }

    fn sees(&self, member: &Member) -> bool {
        hearth_core::access::can_view_space(&Actor::from(member), &self.space, &self.grants)
    }
}

/// The job for a new post: tells the topic's author about a reply, mentioned members about
/// the mention, and then the watchers (of the space for a new topic, of the topic for a
/// reply), a batch of 500 at a time. Each member hears once per post, by the first reason
/// in that order, and only about spaces they can see. Returns how many notifications were
/// written (0 on a retry).
pub async fn post_created(h: &Hearth, post_id: i64) -> Result<usize> {
    let Some(post) = h.store.post(post_id).await? else {
        return Ok(0);
    };
    // A post held for review tells nobody until a moderator approves it (which runs
    // this job again).
    if post.deleted_at.is_some() || post.hidden_at.is_some() {
        return Ok(0);
    }
    let Some((topic, space, _)) = h.store.topic_context(post.topic_id).await? else {
        return Ok(0);
    };
    let audience = Audience::of(h, space).await?;
    let mut told: std::collections::HashSet<i64> =
        std::collections::HashSet::from([post.author_id]);
    let mut direct: Vec<Recipient> = Vec::new();
    let mut consider = |member: Member, kind: NotificationKind, into: &mut Vec<Recipient>| {
        if audience.sees(&member) && told.insert(member.id) {
            into.push(Recipient {
                key: format!("{}:{post_id}:{}", kind.as_str(), member.id),
                member,
                kind,
            });
        }
    };
    if !post.is_first
        && let Some(author) = h.store.member(topic.author_id).await?
    {
        consider(author, NotificationKind::Reply, &mut direct);
    }
    for handle in hearth_core::markdown::mentions(&post.body_md)
        .into_iter()
        .take(MAX_MENTIONS)
    {
        if let Some(m) = h.store.member_by_handle(&handle).await? {
            if m.id != post.author_id {
                record_mention(h, &post, &m, audience.space.id).await?;
            }
            consider(m, NotificationKind::Mention, &mut direct);
        }
    }
    let ids = (Some(post.author_id), Some(topic.id), Some(post.id));
    let mut written = write(h, &direct, ids.0, ids.1, ids.2).await?;
    let (watched, kind) = if post.is_first {
        (
            Watched::Space(audience.space.id),
            NotificationKind::NewTopic,
        )
    } else {
        (Watched::Topic(topic.id), NotificationKind::WatchedReply)
    };
    let mut after = 0;
    loop {
        let watchers = h.store.watchers(watched, after, 500).await?;
        let Some(last) = watchers.last().map(|m| m.id) else {
            break;
        };
        after = last;
        let mut batch = Vec::new();
        for m in watchers {
            consider(m, kind, &mut batch);
        }
        written += write(h, &batch, ids.0, ids.1, ids.2).await?;
    }
    Ok(written)
}

/// Appends the author's `mentioned` activity for one mentioned member, once per post and
/// member (the job may run again).
async fn record_mention(
    h: &Hearth,
    post: &hearth_core::model::Post,
    mentioned: &Member,
    space_id: i64,
) -> Result<()> {
    let properties = format!("{{\"post_id\":{}}}", post.id);
    h.store
        .append_activity_once(
            &hearth_store::activity::NewActivity {
                member_id: post.author_id,
                kind: hearth_core::activity::MENTIONED,
                channel: hearth_core::activity::HUB,
                target_type: Some("member"),
                target_id: Some(mentioned.id),
                space_id: Some(space_id),
                properties: Some(&properties),
                occurred_at: post.created_at,
            },
            &format!("mentioned:{}:{}", post.id, mentioned.id),
        )
        .await?;
    Ok(())
}

/// A member to notify, of what, under which dedupe key.
struct Recipient {
    member: Member,
    kind: NotificationKind,
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
            for (i, route) in at.into_iter().zip(email::routes(h, *kind, &members).await?) {
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
        key: format!("answer_accepted:{post_id}"),
        member,
        kind: NotificationKind::AnswerAccepted,
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

/// A notification as its reader is shown it: `gone` when the reader may no longer see
/// its topic (the space was closed to them, the topic deleted or hidden), in which case
/// its title, post and actor are blanked and the list says "a topic you can no longer see".
pub struct Shown {
    pub notification: Notification,
    pub gone: bool,
}

/// A page of the actor's notifications (newest first), the next cursor, and the unread
/// count. Each topic's visibility is decided again now, not when it was written.
pub async fn page(
    h: &Hearth,
    actor: &Actor,
    cursor: Option<&str>,
) -> Result<(Vec<Shown>, Option<String>, i64)> {
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    let before = super::id_cursor(cursor)?;
    const PER_PAGE: i64 = 30;
    let items = h
        .store
        .notifications_page(member_id, before, PER_PAGE + 1)
        .await?;
    let (items, next) = super::id_page(items, PER_PAGE, |n| n.id);
    // Each topic is asked once per page, however many notifications it has.
    let mut readable: std::collections::HashMap<i64, bool> = std::collections::HashMap::new();
    let mut shown = Vec::with_capacity(items.len());
    for mut n in items {
        if let Some(t) = n.topic_id
            && !readable.contains_key(&t)
        {
            readable.insert(t, topic_readable(h, actor, t).await?);
        }
        let gone = n.topic_id.is_some_and(|t| !readable[&t]);
        if gone {
            n.topic_title = None;
            n.post_id = None;
            n.actor_name = None;
            n.actor_id = None;
        }
        shown.push(Shown {
            notification: n,
            gone,
        });
    }
    let unread = h.store.unread_notifications(member_id).await?;
    Ok((shown, next, unread))
}

/// May `actor` open topic `topic_id` now: its space visible to them, the topic neither
/// deleted nor waiting for review (staff, who may open those, are not told of them).
async fn topic_readable(h: &Hearth, actor: &Actor, topic_id: i64) -> Result<bool> {
    match super::topics::topic(h, actor, topic_id).await {
        Ok((_, topic)) => Ok(topic.deleted_at.is_none() && topic.hidden_at.is_none()),
        Err(ServiceError::NotFound(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// May `member` still be told about `topic_id` and `post_id`, now, as a mail or a
/// notification is about to go out? Not when they are suspended or banned, not when they
/// may no longer see the topic's space, and not about a post that was deleted or hidden
/// since. Asked at send time by mail, digests and event reminders, cancellations and
/// promotions.
pub async fn still_visible(
    h: &Hearth,
    member: &Member,
    topic_id: Option<i64>,
    post_id: Option<i64>,
) -> Result<bool> {
    if member.suspended_until.is_some_and(|until| until > now()) {
        return Ok(false);
    }
    let actor = Actor::from(member);
    if let Some(t) = topic_id
        && !topic_readable(h, &actor, t).await?
    {
        return Ok(false);
    }
    if let Some(p) = post_id {
        match h.store.post(p).await? {
            Some(post) if post.deleted_at.is_none() && post.hidden_at.is_none() => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
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

/// (unread notifications, unseen warnings) for the header of every page, in one query.
pub async fn header_counts(h: &Hearth, member_id: i64) -> Result<(i64, i64)> {
    Ok(h.store.header_counts(member_id).await?)
}

/// The job for an idea's status change: tells every voter (but the one who changed it),
/// in batches, each at most once for this change.
pub async fn idea_status_changed(
    h: &Hearth,
    change_id: i64,
    topic_id: i64,
    actor_id: i64,
) -> Result<usize> {
    let Some((topic, space, _)) = h.store.topic_context(topic_id).await? else {
        return Ok(0);
    };
    let audience = Audience::of(h, space).await?;
    let mut written = 0;
    // The idea's author first, voter or not (issue 17: only voters were told).
    let author = topic.author_id;
    if author != actor_id
        && let Some(member) = h.store.member(author).await?
        && audience.sees(&member)
    {
        let recipient = Recipient {
            key: format!("idea_status:{change_id}:{author}"),
            member,
            kind: NotificationKind::IdeaStatus,
        };
        written += write(h, &[recipient], Some(actor_id), Some(topic_id), None).await?;
    }
    let mut after = 0;
    loop {
        let voters = h.store.idea_voters(topic_id, after, 500).await?;
        let Some(&last) = voters.last() else { break };
        after = last;
        let mut recipients = Vec::new();
        for id in voters
            .into_iter()
            .filter(|id| *id != actor_id && *id != author)
        {
            let Some(member) = h.store.member(id).await? else {
                continue;
            };
            if audience.sees(&member) {
                recipients.push(Recipient {
                    key: format!("idea_status:{change_id}:{id}"),
                    member,
                    kind: NotificationKind::IdeaStatus,
                });
            }
        }
        written += write(h, &recipients, Some(actor_id), Some(topic_id), None).await?;
    }
    Ok(written)
}
