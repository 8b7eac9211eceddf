//! Watching a space (new topics notify) or a topic (every reply notifies).

use super::spaces::space;
use super::topics::topic;
use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_store::watches::Watched;

/// Starts or stops the actor watching a space they can see (new topics notify them).
pub async fn watch(h: &Hearth, actor: &Actor, slug: &str, on: bool) -> Result<()> {
    let space = space(h, actor, slug).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    h.store
        .set_watch(Watched::Space(space.id), member_id, on, now())
        .await?;
    Ok(())
}

/// Starts or stops watching a topic the actor can see: every reply notifies them.
pub async fn watch_topic(h: &Hearth, actor: &Actor, topic_id: i64, on: bool) -> Result<()> {
    let (_, topic) = topic(h, actor, topic_id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    h.store
        .set_watch(Watched::Topic(topic.id), member_id, on, now())
        .await?;
    Ok(())
}

/// Whether the actor watches a space or topic (anonymous visitors watch nothing).
pub async fn is_watching(h: &Hearth, actor: &Actor, watched: Watched) -> Result<bool> {
    match actor.member_id() {
        Some(id) => Ok(h.store.is_watching(watched, id).await?),
        None => Ok(false),
    }
}
