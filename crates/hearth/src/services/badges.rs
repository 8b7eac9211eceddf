//! Badges: the built-in set and the owner's own. A badge is a name, a condition in the
//! segment language (with the forum's counts: `posts`, `accepted_answers`,
//! `ideas_shipped`, `welcomed`, `points`, `level`, `badge`) and an optional picture (SVG,
//! or PNG/JPEG/GIF/WebP, which is re-encoded). A new badge is granted at once to everyone
//! who already qualifies; afterwards the `badges` stream consumer grants it as members
//! act, and the nightly sweep catches conditions that time alone makes true.

use super::{Actor, Hearth, Result, ServiceError, audit, now};
use hearth_core::audit::AuditAction;
use hearth_core::condition::Condition;
use hearth_core::{Invalid, message};
use hearth_store::badges::{Badge, NewBadge};

/// The largest SVG accepted (a raster picture is re-encoded to a small square JPEG).
pub const MAX_SVG_BYTES: usize = 64 * 1024;

/// What an admin asks for; `image` is the file's bytes.
#[derive(Debug, Clone, Default)]
pub struct BadgeInput<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub condition: &'a str,
    pub image: Option<&'a [u8]>,
}

/// The short name a badge is known by in conditions (`badge = welcomer`): the name in
/// lower case, letters and digits, words joined by `-`.
pub fn slug_of(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

/// Whether `c` uses `slipping`, which a badge may not: it is a passing state, not a deed.
fn uses_slipping(c: &Condition) -> bool {
    match c {
        Condition::And(p) | Condition::Or(p) => p.iter().any(uses_slipping),
        Condition::Not(inner) => uses_slipping(inner),
        Condition::Slipping => true,
        _ => false,
    }
}

/// A badge's condition, parsed; the error says where (`at column 9: …`).
pub fn condition(text: &str) -> Result<Condition> {
    let c = super::people::condition(text)?;
    if uses_slipping(&c) {
        return Err(Invalid::new("condition", "err-badge-slipping").into());
    }
    Ok(c)
}

/// Is this an SVG document (by its first bytes, after an optional XML declaration)?
fn is_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let t = match t.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or("", |(_, r)| r).trim_start(),
        None => t,
    };
    t.starts_with("<svg")
}

/// The picture as stored: an SVG as it is (served sandboxed), anything else re-encoded.
async fn picture(h: &Hearth, bytes: &[u8]) -> Result<(Vec<u8>, &'static str)> {
    if bytes.is_empty() {
        return Err(Invalid::new("image", "err-choose-picture").into());
    }
    if is_svg(bytes) {
        if bytes.len() > MAX_SVG_BYTES {
            return Err(Invalid::new(
                "image",
                message!("err-at-most-kb", max = MAX_SVG_BYTES / 1024),
            )
            .into());
        }
        return Ok((bytes.to_vec(), "image/svg+xml"));
    }
    if bytes.len() > h.config.limits.logo_max_bytes {
        return Err(Invalid::new(
            "image",
            message!(
                "err-at-most-kb",
                max = h.config.limits.logo_max_bytes / 1024
            ),
        )
        .into());
    }
    let data = bytes.to_vec();
    let jpeg =
        super::profiles::decoding(h, move || super::profiles::square_jpeg("image", &data)).await?;
    Ok((jpeg, "image/jpeg"))
}

/// Every badge with its holders: anyone signed in may see the list.
pub async fn list(h: &Hearth, actor: &Actor) -> Result<Vec<Badge>> {
    if matches!(actor, Actor::Anonymous) {
        return Err(ServiceError::Unauthenticated);
    }
    Ok(h.store.badges().await?)
}

/// Makes a badge and grants it to everyone who already qualifies; returns the badge and
/// how many were granted it.
pub async fn create(h: &Hearth, actor: &Actor, input: &BadgeInput<'_>) -> Result<(Badge, usize)> {
    super::points::check_manage(actor, "err-badges-forbidden")?;
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(Invalid::new("name", "err-badge-name").into());
    }
    let slug = slug_of(name);
    if slug.is_empty() {
        return Err(Invalid::new("name", "err-badge-name").into());
    }
    let description = input.description.trim();
    if description.chars().count() > 200 || description.chars().any(char::is_control) {
        return Err(Invalid::new("description", "err-badge-description").into());
    }
    let text = input.condition.trim();
    let parsed = condition(text)?;
    let image = match input.image {
        Some(bytes) => Some(picture(h, bytes).await?),
        None => None,
    };
    let by = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let (id, granted) = h
        .store
        .create_badge(
            &NewBadge {
                slug: &slug,
                name,
                description,
                condition: text,
                image: image.as_ref().map(|(b, t)| (b.as_slice(), *t)),
                created_by: by,
            },
            &parsed,
            now(),
        )
        .await?;
    audit::record(
        h,
        actor,
        AuditAction::BadgeCreated,
        Some(("badge", id)),
        Some(&format!("granted to {}", granted.len())),
    )
    .await;
    let badge = get(h, id).await?;
    Ok((badge, granted.len()))
}

async fn get(h: &Hearth, id: i64) -> Result<Badge> {
    h.store
        .badge(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-badge"))
}

/// Deletes one of the owner's badges; the built-in ones stay (409).
pub async fn delete(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    super::points::check_manage(actor, "err-badges-forbidden")?;
    let badge = get(h, id).await?;
    if badge.builtin {
        return Err(ServiceError::Refused(message!("err-badge-builtin")));
    }
    h.store.delete_badge(id).await?;
    audit::record(
        h,
        actor,
        AuditAction::BadgeDeleted,
        Some(("badge", id)),
        Some(&badge.name),
    )
    .await;
    Ok(())
}

/// A badge's picture for anyone (badges are shown beside names on public pages).
pub async fn image(h: &Hearth, id: i64) -> Result<(Vec<u8>, String)> {
    h.store
        .badge_image(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-badge"))
}

/// The nightly sweep: grants every badge to whoever qualifies now.
pub async fn sweep(h: &Hearth) -> Result<usize> {
    Ok(h.store.grant_badges(None, now()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_svgs() {
        assert_eq!(slug_of("Bread Master!"), "bread-master");
        assert_eq!(slug_of("  Über  Bäcker "), "über-bäcker");
        assert_eq!(slug_of("<>"), "");
        assert!(is_svg(
            b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        ));
        assert!(is_svg(b"  <svg/>"));
        assert!(!is_svg(b"<html><svg/></html>"));
        assert!(!is_svg(b"\x89PNG"));
        assert!(uses_slipping(
            &hearth_core::condition::parse("posts > 1 and not slipping").unwrap()
        ));
    }
}
