//! Spaces: which ones the actor may see (every service asks `visible` before
//! `access::can_view_space`), and the admin's create, archive and settings with grants.

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_core::model::{Grant, Space};
use hearth_core::values::{Name, Slug, TopicKind, Visibility, optional_text};
use hearth_store::spaces::SpaceFields;

/// May `actor` see `space`? Reads the grants only for private spaces. The one helper every
/// service uses before asking `access::can_view_space`.
pub(crate) async fn visible(h: &Hearth, actor: &Actor, space: &Space) -> Result<bool> {
    let grants = if space.visibility == Visibility::Private {
        h.store.space_grants(space.id).await?
    } else {
        Vec::new()
    };
    Ok(access::can_view_space(actor, space, &grants))
}

/// Space ids as the store's space filters take them: ",1,4," (`search`, `events_between`).
pub fn id_list<'a>(spaces: impl IntoIterator<Item = &'a Space>) -> String {
    let mut ids = String::from(",");
    for s in spaces {
        ids.push_str(&format!("{},", s.id));
    }
    ids
}

/// Spaces the actor may see; archived ones only for admins.
pub async fn visible_spaces(h: &Hearth, actor: &Actor) -> Result<Vec<Space>> {
    let mut out = Vec::new();
    for space in h.store.spaces().await? {
        if space.archived_at.is_some() && !access::can_manage_spaces(actor) {
            continue;
        }
        if visible(h, actor, &space).await? {
            out.push(space);
        }
    }
    Ok(out)
}

/// The space with `slug`, if the actor may see it.
pub async fn space(h: &Hearth, actor: &Actor, slug: &str) -> Result<Space> {
    let space = h
        .store
        .space_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-space"))?;
    if !visible(h, actor, &space).await? {
        return Err(ServiceError::NotFound("err-not-found-space"));
    }
    Ok(space)
}

/// What an admin types for a space.
pub struct SpaceInput<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub visibility: &'a str,
}

fn parse_space(input: &SpaceInput<'_>) -> Result<(Name, Slug, Option<String>, Visibility)> {
    let name = Name::parse("name", input.name, 80)?;
    let slug = if input.slug.trim().is_empty() {
        Slug::parse(&Slug::from_title(name.as_str()))?
    } else {
        Slug::parse(input.slug)?
    };
    let description = optional_text("description", input.description, 500)?;
    let visibility = Visibility::parse(input.visibility)?;
    Ok((name, slug, description, visibility))
}

fn require_admin(actor: &Actor) -> Result<()> {
    match actor {
        Actor::Anonymous => Err(ServiceError::Unauthenticated),
        _ if access::can_manage_spaces(actor) => Ok(()),
        _ => Err(ServiceError::Forbidden("err-only-admins-spaces")),
    }
}

/// The space at `slug`, or not found.
async fn space_at(h: &Hearth, slug: &str) -> Result<Space> {
    h.store
        .space_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-space"))
}

/// Checks `input` and writes it with `grants` and `kinds` over space `id`, in one
/// transaction, with its audit row: what the edit page and `PATCH` both save.
async fn write_settings(
    h: &Hearth,
    actor: &Actor,
    id: i64,
    input: &SpaceInput<'_>,
    grants: &[Grant],
    kinds: &[TopicKind],
) -> Result<Space> {
    let (name, slug, description, visibility) = parse_space(input)?;
    let f = SpaceFields {
        slug: slug.as_str(),
        name: name.as_str(),
        description: description.as_deref(),
        visibility,
    };
    let space = h
        .store
        .update_space_settings(id, &f, grants, kinds, now())
        .await?;
    super::audit::record(
        h,
        actor,
        AuditAction::SpaceUpdated,
        Some(("space", space.id)),
        None,
    )
    .await;
    Ok(space)
}

/// Creates a space; `kinds` (as the API names them) are checked before anything is
/// written, and the space takes discussions when there are none.
pub async fn create_space(
    h: &Hearth,
    actor: &Actor,
    input: &SpaceInput<'_>,
    kinds: Option<&[String]>,
) -> Result<Space> {
    require_admin(actor)?;
    let kinds = kinds.map(parse_kinds).transpose()?;
    let (name, slug, description, visibility) = parse_space(input)?;
    let f = SpaceFields {
        slug: slug.as_str(),
        name: name.as_str(),
        description: description.as_deref(),
        visibility,
    };
    let space = h.store.create_space(&f, now()).await?;
    super::audit::record(
        h,
        actor,
        AuditAction::SpaceCreated,
        Some(("space", space.id)),
        None,
    )
    .await;
    match kinds {
        Some(kinds) => write_settings(h, actor, space.id, input, &[], &kinds).await,
        None => Ok(space),
    }
}

pub async fn set_archived(h: &Hearth, actor: &Actor, slug: &str, archived: bool) -> Result<()> {
    require_admin(actor)?;
    let space = h
        .store
        .space_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-space"))?;
    h.store
        .set_space_archived(space.id, archived.then(now))
        .await?;
    let action = if archived {
        AuditAction::SpaceArchived
    } else {
        AuditAction::SpaceRestored
    };
    super::audit::record(h, actor, action, Some(("space", space.id)), None).await;
    Ok(())
}

async fn parse_grants(h: &Hearth, text: &str) -> Result<Vec<Grant>> {
    let mut grants = Vec::new();
    for word in text
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        if let Ok(role) = hearth_core::values::Role::parse(word) {
            grants.push(Grant::Role(role));
            continue;
        }
        if let Some(slug) = word.strip_prefix("group:") {
            let group = h.store.group_by_slug(slug.trim()).await?.ok_or_else(|| {
                Invalid::new(
                    "access",
                    hearth_core::message!("err-no-group", slug = format!("{:?}", slug.trim())),
                )
            })?;
            grants.push(Grant::Group(group.id));
            continue;
        }
        let handle = hearth_core::values::Handle::parse(word).map_err(|_| {
            Invalid::new(
                "access",
                hearth_core::message!("err-not-role-or-handle", word = word),
            )
        })?;
        let member = h
            .store
            .member_by_handle(handle.as_str())
            .await?
            .ok_or_else(|| {
                Invalid::new(
                    "access",
                    hearth_core::message!("err-no-member-handle", handle = handle),
                )
            })?;
        grants.push(Grant::Member(member.id));
    }
    Ok(grants)
}

/// A list of topic kinds as an integrator sends it (`["discussion", "idea"]`): every one
/// known, at least one; an unknown one is named.
pub fn parse_kinds(names: &[String]) -> Result<Vec<TopicKind>> {
    if names.is_empty() {
        return Err(Invalid::new("kinds", "err-choose-kind").into());
    }
    let mut kinds = Vec::new();
    for n in names {
        let k = match n.trim() {
            "" => None,
            t => TopicKind::ALL.into_iter().find(|k| k.as_str() == t),
        }
        .ok_or_else(|| {
            Invalid::new(
                "kinds",
                hearth_core::message!("err-unknown-kind", kind = format!("{n:?}")),
            )
        })?;
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    Ok(kinds)
}

/// A space changed through the API: only the fields given change (`name`, `description`,
/// `visibility`, `kinds`, `archived`); everything is checked before anything is written.
pub struct SpacePatch<'a> {
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub visibility: Option<&'a str>,
    pub kinds: Option<&'a [String]>,
    pub archived: Option<bool>,
}

pub async fn patch_space(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    p: &SpacePatch<'_>,
) -> Result<Space> {
    require_admin(actor)?;
    let current = space_at(h, slug).await?;
    let input = SpaceInput {
        name: p.name.unwrap_or(&current.name),
        slug: &current.slug,
        description: p
            .description
            .unwrap_or(current.description.as_deref().unwrap_or("")),
        visibility: p.visibility.unwrap_or(current.visibility.as_str()),
    };
    parse_space(&input)?;
    let kinds = match p.kinds {
        Some(k) => parse_kinds(k)?,
        None => current.allowed_kinds.clone(),
    };
    let grants = h.store.space_grants(current.id).await?;
    let space = write_settings(h, actor, current.id, &input, &grants, &kinds).await?;
    match p.archived {
        Some(archived) if archived != current.archived_at.is_some() => {
            set_archived(h, actor, &space.slug, archived).await?;
            space_at(h, &space.slug).await
        }
        _ => Ok(space),
    }
}

/// Everything an admin sets on a space's edit page, checked whole before anything is
/// written, then written in one transaction. `kinds: None` keeps the current kinds.
pub async fn update_space_settings(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    input: &SpaceInput<'_>,
    access_text: &str,
    kinds: Option<&[TopicKind]>,
) -> Result<Space> {
    require_admin(actor)?;
    let current = space_at(h, slug).await?;
    parse_space(input)?;
    let grants = parse_grants(h, access_text).await?;
    let kinds = match kinds {
        Some([]) => return Err(Invalid::new("kinds", "err-choose-kind").into()),
        Some(k) => k.to_vec(),
        None => current.allowed_kinds.clone(),
    };
    write_settings(h, actor, current.id, input, &grants, &kinds).await
}

/// Sets a space's picture from an uploaded file (`Some(bytes)`) or removes it (`None`).
/// The picture is checked as an avatar is: it must decode as a PNG, JPEG, GIF or WebP
/// image within the pixel limits, and is cropped to a centred square, resized and stored
/// as a JPEG, so no uploaded bytes are ever served. Admins only; audited.
pub async fn set_icon(
    h: &Hearth,
    actor: &Actor,
    slug: &str,
    bytes: Option<&[u8]>,
) -> Result<Space> {
    if !hearth_core::access::can_manage_spaces(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-spaces"));
    }
    let space = h
        .store
        .space_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-space"))?;
    let jpeg = match bytes {
        Some([]) => return Err(Invalid::new("icon", "err-choose-picture").into()),
        Some(bytes) => {
            if bytes.len() > h.config.limits.logo_max_bytes {
                return Err(Invalid::new(
                    "icon",
                    hearth_core::message!(
                        "err-at-most-kb",
                        max = h.config.limits.logo_max_bytes / 1024
                    ),
                )
                .into());
            }
            if let Some(id) = actor.member_id() {
                super::profiles::limit_uploads(h, id).await?;
            }
            let data = bytes.to_vec();
            Some(
                super::profiles::decoding(h, move || super::profiles::square_jpeg("icon", &data))
                    .await?,
            )
        }
        None => None,
    };
    h.store
        .set_space_icon(space.id, jpeg.as_deref().map(|j| ("image/jpeg", j)), now())
        .await?;
    super::audit::record(
        h,
        actor,
        AuditAction::SpaceUpdated,
        Some(("space", space.id)),
        Some(if jpeg.is_some() {
            "picture changed"
        } else {
            "picture removed"
        }),
    )
    .await;
    h.store
        .space(space.id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-space"))
}

/// May `actor` fetch `space`'s picture? Only if they may see the space (a private
/// space's picture leaks through no door); `NotFound` otherwise.
pub async fn check_picture(h: &Hearth, actor: &Actor, space: &Space) -> Result<()> {
    if visible(h, actor, space).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound("err-not-found-file"))
    }
}

/// The grants of a space as an admin would type them.
pub async fn grants_text(h: &Hearth, space: &Space) -> Result<String> {
    let mut words = Vec::new();
    for g in h.store.space_grants(space.id).await? {
        match g {
            Grant::Role(r) => words.push(r.as_str().to_string()),
            Grant::Member(id) => {
                if let Some(m) = h.store.member(id).await? {
                    words.push(format!("@{}", m.handle));
                }
            }
            Grant::Group(id) => {
                if let Some(g) = h.store.group(id).await? {
                    words.push(format!("group:{}", g.slug));
                }
            }
        }
    }
    Ok(words.join(", "))
}
