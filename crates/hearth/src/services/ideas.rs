//! Ideas: votes (and staff recording a vote for a member), statuses with notes, merging a
//! duplicate into another.

use super::spaces::visible;
use super::topics::{check_rank_on_topic, topic};
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_core::model::Topic;
use hearth_core::values::{TopicKind, optional_text};

/// Votes for (`on`) or withdraws the actor's vote on an idea they can see.
pub async fn vote(h: &Hearth, actor: &Actor, topic_id: i64, on: bool) -> Result<()> {
    let (space, topic) = topic(h, actor, topic_id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("err-guests-read-only"));
    }
    if topic.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("topic", "err-only-ideas-votes").into());
    }
    if let Some(into) = topic.merged_into {
        return Err(Invalid::new(
            "topic",
            hearth_core::message!("err-idea-merged", into = into),
        )
        .into());
    }
    if on && !access::can_reply(actor, &space, &topic) {
        return Err(ServiceError::Forbidden("err-idea-no-votes"));
    }
    super::accounts::check_may_post(h, actor).await?;
    if on {
        h.store.vote_idea(topic.id, member_id, None, now()).await?;
    } else {
        h.store.unvote_idea(topic.id, member_id, now()).await?;
    }
    Ok(())
}

/// Staff record a vote for a member who asked in person or by phone (by handle).
pub async fn vote_for(h: &Hearth, actor: &Actor, topic_id: i64, handle: &str) -> Result<()> {
    let (space, topic) = topic(h, actor, topic_id).await?;
    let Some(staff_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_manage_ideas(actor) {
        return Err(ServiceError::Forbidden("err-vote-on-behalf"));
    }
    if topic.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("topic", "err-only-ideas-votes").into());
    }
    let handle = hearth_core::values::Handle::parse(handle)
        .map_err(|e| Invalid::new("member", e.message))?;
    let member = h
        .store
        .member_by_handle(handle.as_str())
        .await?
        .ok_or_else(|| {
            Invalid::new(
                "member",
                hearth_core::message!("err-no-member-handle", handle = &handle),
            )
        })?;
    // Loaded by id so that their groups count too.
    let member = h.store.member(member.id).await?.unwrap_or(member);
    if !visible(h, &Actor::from(&member), &space).await? {
        return Err(Invalid::new(
            "member",
            hearth_core::message!("err-cannot-see-space", handle = handle),
        )
        .into());
    }
    h.store
        .vote_idea(topic.id, member.id, Some(staff_id), now())
        .await?;
    let reason = format!("for @{handle}");
    super::audit::record(
        h,
        actor,
        AuditAction::IdeaVoteRecorded,
        Some(("topic", topic.id)),
        Some(&reason),
    )
    .await;
    Ok(())
}

/// Staff set an idea's status with a note; voters are told by a job.
pub async fn set_idea_status(
    h: &Hearth,
    actor: &Actor,
    topic_id: i64,
    status: &str,
    note: &str,
) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(staff_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_manage_ideas(actor) {
        return Err(ServiceError::Forbidden("err-idea-status-staff"));
    }
    if topic.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("topic", "err-only-ideas-status").into());
    }
    let status = hearth_core::values::IdeaStatus::parse(status)?;
    let note = optional_text("note", note, 2000)?;
    h.store
        .set_idea_status(topic.id, status.as_str(), note.as_deref(), staff_id, now())
        .await?;
    super::audit::record(
        h,
        actor,
        AuditAction::IdeaStatusSet,
        Some(("topic", topic.id)),
        Some(status.as_str()),
    )
    .await;
    Ok(())
}

/// Has the actor voted for this idea?
pub async fn has_voted(h: &Hearth, actor: &Actor, topic: &Topic) -> Result<bool> {
    match actor.member_id() {
        Some(id) if topic.kind == TopicKind::Idea.as_str() => {
            Ok(h.store.has_voted(topic.id, id).await?)
        }
        _ => Ok(false),
    }
}

/// Staff merge a duplicate idea into another: votes combine, nobody counted twice.
pub async fn merge_idea(h: &Hearth, actor: &Actor, source_id: i64, target_id: i64) -> Result<()> {
    let (_, source) = topic(h, actor, source_id).await?;
    let Some(actor_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_manage_ideas(actor) {
        return Err(ServiceError::Forbidden("err-merge-staff"));
    }
    let (_, target) = topic(h, actor, target_id)
        .await
        .map_err(|_| Invalid::new("into", "err-merge-not-visible"))?;
    if source.kind != TopicKind::Idea.as_str() || target.kind != TopicKind::Idea.as_str() {
        return Err(Invalid::new("into", "err-merge-both-ideas").into());
    }
    if source.id == target.id {
        return Err(Invalid::new("into", "err-merge-itself").into());
    }
    check_rank_on_topic(h, actor, &source).await?;
    if let Some(into) = source.merged_into.or(target.merged_into) {
        return Err(Invalid::new(
            "into",
            hearth_core::message!("err-merge-already", into = into),
        )
        .into());
    }
    h.store
        .merge_idea(source.id, target.id, actor_id, now())
        .await?;
    let reason = format!("into #{}", target.id);
    super::audit::record(
        h,
        actor,
        AuditAction::IdeaMerged,
        Some(("topic", source.id)),
        Some(&reason),
    )
    .await;
    Ok(())
}
