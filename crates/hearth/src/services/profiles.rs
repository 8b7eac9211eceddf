//! Profiles and the member directory: members say who they are (bio, location, links) and
//! choose what they show; signed-in members find each other in the directory, filtered by
//! name, role, group, trust level and location. Hidden members are not listed.

use super::{Actor, Hearth, Result, ServiceError, blank, filter_text as text, now};
use hearth_core::Invalid;
use hearth_core::values::{Role, optional_text};
use hearth_store::profiles::{DirectoryEntry, DirectoryFilter, Profile};

const MAX_BIO_CHARS: usize = 500;
const MAX_LOCATION_CHARS: usize = 80;
const MAX_LINKS: usize = 5;
const MAX_LINK_CHARS: usize = 200;
/// Members on one page of the directory.
pub const DIRECTORY_PAGE: i64 = 30;

/// The profile form.
#[derive(Debug, Default)]
pub struct ProfileInput<'a> {
    pub bio: &'a str,
    pub location: &'a str,
    /// One link per line.
    pub links: &'a str,
    pub hide_from_directory: bool,
    pub hide_activity: bool,
}

/// Checks a link a member shows on their profile: an `http(s)` address, one line.
fn link(line: &str) -> Result<String> {
    let line = line.trim();
    let ok = (line.starts_with("https://") || line.starts_with("http://"))
        && line.len() > "https://".len()
        && line.chars().count() <= MAX_LINK_CHARS
        && !line
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`".contains(c));
    if ok {
        Ok(line.to_string())
    } else {
        Err(Invalid::new(
            "links",
            format!(
                "{line:?} is not a web address (https://…, at most {MAX_LINK_CHARS} characters)"
            ),
        )
        .into())
    }
}

/// The signed-in member's own profile.
pub async fn my_profile(h: &Hearth, actor: &Actor) -> Result<Profile> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    Ok(h.store.profile(id).await?)
}

/// Replaces the signed-in member's profile; every field is checked before anything is
/// written.
pub async fn update_profile(
    h: &Hearth,
    actor: &Actor,
    input: &ProfileInput<'_>,
) -> Result<Profile> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let bio = optional_text("bio", input.bio, MAX_BIO_CHARS)?.unwrap_or_default();
    let location =
        optional_text("location", input.location, MAX_LOCATION_CHARS)?.unwrap_or_default();
    if location.contains('\n') {
        return Err(Invalid::new("location", "must be one line").into());
    }
    let links: Vec<String> = input
        .links
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(link)
        .collect::<Result<_>>()?;
    if links.len() > MAX_LINKS {
        return Err(Invalid::new("links", format!("at most {MAX_LINKS} links")).into());
    }
    let profile = Profile {
        bio,
        location,
        links,
        hide_from_directory: input.hide_from_directory,
        hide_activity: input.hide_activity,
    };
    h.store.set_profile(id, &profile, now()).await?;
    Ok(profile)
}

/// The directory's filters as asked.
#[derive(Debug, Default)]
pub struct DirectoryInput<'a> {
    pub q: Option<&'a str>,
    pub role: Option<&'a str>,
    /// A group's slug.
    pub group: Option<&'a str>,
    pub trust_level: Option<&'a str>,
    pub location: Option<&'a str>,
    /// The handle the previous page ended with.
    pub cursor: Option<&'a str>,
}

/// A page of the directory, for signed-in members (it is the community's, not the web's).
pub async fn directory(
    h: &Hearth,
    actor: &Actor,
    input: &DirectoryInput<'_>,
) -> Result<(Vec<DirectoryEntry>, Option<String>)> {
    if actor.member_id().is_none() {
        return Err(ServiceError::Unauthenticated);
    }
    let q = text("q", input.q)?
        .unwrap_or("")
        .trim_start_matches('@')
        .to_lowercase();
    if q.chars().count() > 60 {
        return Err(Invalid::new("q", "must be at most 60 characters").into());
    }
    let location = text("location", input.location)?
        .unwrap_or("")
        .to_lowercase();
    if location.chars().count() > MAX_LOCATION_CHARS {
        return Err(Invalid::new("location", "is too long").into());
    }
    let role = blank(input.role).map(Role::parse).transpose()?;
    // Groups grant private spaces; who is in one is for those who manage groups.
    let group_id = match text("group", input.group)? {
        Some(_) if !hearth_core::access::can_manage_groups(actor) => {
            return Err(Invalid::new("group", "only admins filter by group").into());
        }
        Some(slug) => Some(
            h.store
                .group_by_slug(slug)
                .await?
                .ok_or_else(|| Invalid::new("group", format!("there is no group {slug:?}")))?
                .id,
        ),
        None => None,
    };
    let trust_level = blank(input.trust_level)
        .map(|t| {
            t.parse::<u8>()
                .ok()
                .filter(|t| *t <= 4)
                .ok_or_else(|| Invalid::new("trust_level", "must be from 0 to 4"))
        })
        .transpose()?;
    let filter = DirectoryFilter {
        name_prefix: &q,
        role,
        group_id,
        trust_level,
        location: &location,
    };
    let after = text("cursor", input.cursor)?.unwrap_or("");
    let mut rows = h
        .store
        .directory(&filter, after, DIRECTORY_PAGE + 1)
        .await?;
    let next = (rows.len() as i64 > DIRECTORY_PAGE).then(|| {
        rows.truncate(DIRECTORY_PAGE as usize);
        rows.last().map(|r| r.author.handle.clone())
    });
    Ok((rows, next.flatten()))
}
