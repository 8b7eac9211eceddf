//! Members as others see them: a profile with their latest topics in spaces the actor can
//! see, and `@mention` suggestions for the editor.

use super::spaces::visible_spaces;
use super::{Actor, Hearth, Result, ServiceError};
use hearth_core::access;
use hearth_core::model::Space;
use hearth_store::topics::TopicListing;

/// A member's profile as the actor sees it: the member and their latest topics in spaces
/// the actor can see.
/// `@mention` suggestions for the editor, for signed-in members: up to eight members whose
/// handle or name starts with `prefix` (members who hide from the directory are left out;
/// typing their handle still mentions them).
pub async fn mention_suggestions(
    h: &Hearth,
    actor: &Actor,
    prefix: &str,
) -> Result<Vec<hearth_core::model::Author>> {
    if actor.member_id().is_none() {
        return Err(ServiceError::Unauthenticated);
    }
    let prefix = prefix.trim().trim_start_matches('@');
    if prefix.is_empty() || prefix.chars().count() > 30 {
        return Ok(Vec::new());
    }
    Ok(h.store.members_by_prefix(prefix, 8).await?)
}

pub async fn profile(
    h: &Hearth,
    actor: &Actor,
    handle: &str,
) -> Result<(hearth_core::model::Member, Vec<(Space, TopicListing)>)> {
    let handle =
        hearth_core::values::Handle::parse(handle).map_err(|_| ServiceError::NotFound("member"))?;
    let member = h
        .store
        .member_by_handle(handle.as_str())
        .await?
        .ok_or(ServiceError::NotFound("member"))?;
    if matches!(actor, Actor::Anonymous)
        && !access::can_view_profile(actor, h.store.profile(member.id).await?.hide_from_directory)
    {
        return Err(ServiceError::NotFound("member"));
    }
    let spaces = visible_spaces(h, actor).await?;
    let topics = h
        .store
        .topics_by_author(member.id, 50)
        .await?
        .into_iter()
        .filter_map(|l| {
            spaces
                .iter()
                .find(|s| s.id == l.topic.space_id)
                .map(|s| (s.clone(), l))
        })
        .take(20)
        .collect();
    Ok((member, topics))
}
