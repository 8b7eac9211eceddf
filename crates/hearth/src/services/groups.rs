//! Groups: admins create them, add and remove members, and grant spaces to them (the
//! grants themselves are set with a space's access, `spaces::update_space_settings`).

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::access;
use hearth_core::model::Author;
use hearth_core::values::{Handle, Name, Slug};
use hearth_store::StoreError;
use hearth_store::groups::Group;

fn check(actor: &Actor) -> Result<()> {
    if access::can_manage_groups(actor) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("err-only-admins-groups"))
    }
}

/// The group named by `slug`.
async fn find(h: &Hearth, slug: &str) -> Result<Group> {
    h.store
        .group_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-group"))
}

/// The groups the directory offers as filters: all of them for those who manage groups
/// (groups open private spaces, so their names are staff knowledge), none for others.
pub async fn directory_filters(h: &Hearth, actor: &Actor) -> Result<Vec<Group>> {
    if !access::can_manage_groups(actor) {
        return Ok(Vec::new());
    }
    Ok(h.store.groups().await?)
}

/// Every group (admins only).
pub async fn groups(h: &Hearth, actor: &Actor) -> Result<Vec<Group>> {
    check(actor)?;
    Ok(h.store.groups().await?)
}

/// Creates a group; `slug` names it in grants and in `hearth member add --group`.
pub async fn create_group(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    name: &str,
    description: Option<&str>,
) -> Result<Group> {
    check(actor)?;
    let slug = Slug::parse(slug)?;
    let name = Name::parse("name", name, 60)?;
    let description = description
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| Name::parse("description", d, 300))
        .transpose()?;
    let id = h
        .store
        .create_group(
            slug.as_str(),
            name.as_str(),
            description.as_ref().map(|d| d.as_str()),
            actor.member_id(),
            now(),
        )
        .await?;
    h.store
        .group(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-group"))
}

/// The group named by `slug`, with up to 500 members.
pub async fn group(h: &Hearth, actor: &Actor, slug: &str) -> Result<(Group, Vec<Author>)> {
    check(actor)?;
    let group = find(h, slug).await?;
    let members = h.store.group_members(group.id, 500).await?;
    Ok((group, members))
}

/// Adds (or removes) the member with `handle` to the group named by `slug`.
pub async fn set_member(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    handle: &str,
    add: bool,
) -> Result<bool> {
    check(actor)?;
    let group = find(h, slug).await?;
    let handle = Handle::parse(handle.trim().trim_start_matches('@'))?;
    let member = h
        .store
        .member_by_handle(handle.as_str())
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    Ok(h.store
        .set_group_member(group.id, member.id, add, actor.member_id(), now())
        .await?)
}

/// Deletes a group; its members lose the spaces granted to it.
pub async fn delete_group(h: &Hearth, actor: &Actor, slug: &str) -> Result<()> {
    check(actor)?;
    let group = find(h, slug).await?;
    h.store
        .delete_group(group.id, actor.member_id(), now())
        .await
        .map_err(|e| match e {
            StoreError::NotFound => ServiceError::NotFound("err-not-found-group"),
            other => other.into(),
        })
}

/// Resolves group slugs (all must exist) to ids, before anything is written.
pub async fn resolve(h: &Hearth, slugs: &[String]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(slugs.len());
    for slug in slugs {
        let group = h.store.group_by_slug(slug.trim()).await?.ok_or_else(|| {
            ServiceError::Invalid(hearth_core::Invalid::new(
                "group",
                hearth_core::message!("err-no-group-create", slug = format!("{:?}", slug.trim())),
            ))
        })?;
        ids.push(group.id);
    }
    Ok(ids)
}
