//! The community's branding: name, tagline, logo and accent colour.

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::audit::AuditAction;
use hearth_core::model::Community;
use hearth_core::values::{AccentColor, Name, optional_text};
use hearth_store::community::Branding;

/// A new logo as uploaded.
pub struct Logo<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// The image types a logo may be, checked by their first bytes, not by what the browser
/// claims.
fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

pub async fn update_branding(
    h: &Hearth,
    actor: &Actor,
    name: &str,
    tagline: &str,
    accent_color: &str,
    logo: Option<Logo<'_>>,
    remove_logo: bool,
) -> Result<Community> {
    if !hearth_core::access::can_manage_branding(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-branding"));
    }
    let name = Name::parse("name", name, 80)?;
    let tagline = optional_text("tagline", tagline, 160)?;
    let accent = AccentColor::parse(accent_color)?;
    let current = h
        .store
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up"))?;
    let mut logo_id = if remove_logo {
        None
    } else {
        current.logo_upload_id
    };
    if let Some(logo) = logo.filter(|l| !l.bytes.is_empty()) {
        if logo.bytes.len() > h.config.limits.logo_max_bytes {
            return Err(hearth_core::Invalid::new(
                "logo",
                hearth_core::message!(
                    "err-at-most-kb",
                    max = h.config.limits.logo_max_bytes / 1024
                ),
            )
            .into());
        }
        let Some(kind) = sniff_image(logo.bytes) else {
            return Err(hearth_core::Invalid::new(
                "logo",
                hearth_core::message!("err-logo-type", content_type = logo.content_type),
            )
            .into());
        };
        // Logos are served as uploaded, so a picture that would take a visitor's browser
        // gigabytes to draw is refused from its header (it is never decoded here).
        if let Some(id) = actor.member_id() {
            super::profiles::limit_uploads(h, id).await?;
        }
        // Reading a size from the header is cheap: no copy, no blocking thread.
        super::profiles::checked_dimensions("logo", logo.bytes)?;
        // The logo belongs to the community, not to the admin who chose it: erasing that
        // admin (which deletes their uploads) must not take the logo with them.
        logo_id = Some(h.store.insert_upload(None, kind, logo.bytes, now()).await?);
    }
    h.store
        .update_branding(&Branding {
            name: name.as_str(),
            tagline: tagline.as_deref(),
            accent_color: accent.as_str(),
            logo_upload_id: logo_id,
        })
        .await?;
    super::audit::record(h, actor, AuditAction::CommunityBrandingUpdated, None, None).await;
    h.store
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up"))
}

/// Checks a default language and time zone for the community (both required).
pub fn check_locale(language: &str, time_zone: &str) -> Result<(String, String)> {
    let language = super::profiles::check_language("default_language", language)?;
    let time_zone = super::profiles::check_time_zone("default_time_zone", time_zone)?;
    if language.is_empty() {
        return Err(hearth_core::Invalid::new("default_language", "err-choose-language").into());
    }
    if time_zone.is_empty() {
        return Err(hearth_core::Invalid::new("default_time_zone", "err-choose-time-zone").into());
    }
    Ok((language, time_zone))
}

/// Sets the community's default language and time zone (admins).
pub async fn set_locale(h: &Hearth, actor: &Actor, language: &str, time_zone: &str) -> Result<()> {
    if !hearth_core::access::can_manage_branding(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-branding"));
    }
    let (language, time_zone) = check_locale(language, time_zone)?;
    h.store.set_community_locale(&language, &time_zone).await?;
    super::audit::record(h, actor, AuditAction::CommunityLocaleUpdated, None, None).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn logos_are_sniffed_not_trusted() {
        assert_eq!(
            super::sniff_image(b"\x89PNG\r\n\x1a\nrest"),
            Some("image/png")
        );
        assert_eq!(super::sniff_image(b"<svg onload=alert(1)>"), None);
        assert_eq!(super::sniff_image(b""), None);
    }
}
