//! Members as others see them: a profile with their latest topics in spaces the actor can
//! see, and `@mention` suggestions for the editor.

use super::spaces::visible_spaces;
use super::{Actor, Hearth, Result, ServiceError};
use hearth_core::access;
use hearth_core::model::Space;
use hearth_store::topics::TopicListing;

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

/// A member's public page as the actor sees it.
pub struct ProfilePage {
    pub member: hearth_core::model::Member,
    pub about: hearth_store::profiles::Profile,
    /// Whether their activity shows (`access::can_see_activity`); when not, `topics` and
    /// `going` are empty.
    pub shows_activity: bool,
    /// Their latest topics in spaces the actor can see.
    pub topics: Vec<(Space, TopicListing)>,
    /// Events they are going to, in spaces the actor can see.
    pub going: Vec<super::events::Occurrence>,
}

/// A member's profile as the actor sees it: who they are, and what they do unless they
/// hide it (`access::can_see_activity`). Anonymous visitors see only members who let
/// themselves be listed.
pub async fn profile(h: &Hearth, actor: &Actor, handle: &str) -> Result<ProfilePage> {
    let handle = hearth_core::values::Handle::parse(handle)
        .map_err(|_| ServiceError::NotFound("err-not-found-member"))?;
    let member = h
        .store
        .member_by_handle(handle.as_str())
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    let about = h.store.profile(member.id).await?;
    if !access::can_view_profile(actor, about.hide_from_directory) {
        return Err(ServiceError::NotFound("err-not-found-member"));
    }
    let shows_activity = access::can_see_activity(actor, member.id, about.hide_activity);
    if !shows_activity {
        return Ok(ProfilePage {
            member,
            about,
            shows_activity,
            topics: Vec::new(),
            going: Vec::new(),
        });
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
    let going = super::events::going_to(h, actor, member.id).await?;
    Ok(ProfilePage {
        member,
        about,
        shows_activity,
        topics,
        going,
    })
}
