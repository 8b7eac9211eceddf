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
    /// `en`, `es`, or empty for the community's default.
    pub language: &'a str,
    /// An IANA zone, or empty for the community's default.
    pub time_zone: &'a str,
    /// The name shown beside their posts; `None` (a client that does not send it) leaves
    /// it as it is.
    pub display_name: Option<&'a str>,
}

/// A language Hearth speaks, or empty (the community's default).
pub fn check_language(field: &'static str, input: &str) -> Result<String> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(String::new());
    }
    match crate::i18n::supported(input) {
        Some(code) if code == input => Ok(code.to_string()),
        _ => {
            let known: Vec<&str> = crate::i18n::LANGUAGES.iter().map(|(c, _)| *c).collect();
            Err(Invalid::new(
                field,
                hearth_core::message!(
                    "err-value-one-of",
                    input = format!("{input:?}"),
                    known = known.join(", ")
                ),
            )
            .into())
        }
    }
}

/// A known IANA time zone, or empty (the community's default).
pub fn check_time_zone(field: &'static str, input: &str) -> Result<String> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(String::new());
    }
    hearth_core::events::time_zone(input)
        .map(|_| input.to_string())
        .map_err(|e| Invalid::new(field, e.message).into())
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
            hearth_core::message!("err-link", line = format!("{line:?}"), max = MAX_LINK_CHARS),
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
        return Err(Invalid::new("location", "err-one-line").into());
    }
    let links: Vec<String> = input
        .links
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(link)
        .collect::<Result<_>>()?;
    if links.len() > MAX_LINKS {
        return Err(Invalid::new(
            "links",
            hearth_core::message!("err-max-links", max = MAX_LINKS),
        )
        .into());
    }
    let profile = Profile {
        bio,
        location,
        links,
        hide_from_directory: input.hide_from_directory,
        hide_activity: input.hide_activity,
        language: check_language("language", input.language)?,
        time_zone: check_time_zone("time_zone", input.time_zone)?,
        display_name: input
            .display_name
            .map(|n| hearth_core::values::Name::parse("display_name", n, 60))
            .transpose()?
            .map(|n| n.into_string()),
    };
    // What others read (bio, location, links, name) is publishing: a silenced or
    // unconfirmed member keeps what they had, and may still change their own settings.
    let current = h.store.profile(id).await?;
    let public_change = profile.bio != current.bio
        || profile.location != current.location
        || profile.links != current.links
        || profile
            .display_name
            .as_ref()
            .is_some_and(|n| Some(n) != current.display_name.as_ref());
    if public_change {
        super::accounts::check_may_post(h, actor).await?;
    }
    h.store.set_profile(id, &profile, now()).await?;
    Ok(profile)
}

/// Sets only the signed-in member's language (the footer's quick switch).
pub async fn set_language(h: &Hearth, actor: &Actor, language: &str) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let language = check_language("language", language)?;
    Ok(h.store.set_language(id, &language).await?)
}

/// Side of the square avatar Hearth stores, in pixels.
pub const AVATAR_SIDE: u32 = 256;
/// Largest picture (either side) Hearth agrees to decode.
pub const AVATAR_MAX_SOURCE_SIDE: u32 = 8_000;
/// Most pixels Hearth agrees to decode in one picture (25 megapixels, 100 MB as RGBA):
/// the size is read from the file's header first, so a picture that claims more is
/// refused before a byte of it is decoded.
pub const MAX_DECODED_PIXELS: u64 = 25_000_000;
/// Avatar and logo uploads one member may make in an hour.
pub const UPLOADS_PER_HOUR: i64 = 20;

/// Makes an uploaded picture the member's avatar: it must decode as a PNG, JPEG, GIF or
/// WebP image (whatever its name or announced type says); it is cropped to a centred
/// square, resized to 256×256 and stored as a JPEG, so no uploaded bytes are ever served.
pub async fn set_avatar(h: &Hearth, actor: &Actor, bytes: &[u8]) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    if bytes.is_empty() {
        return Err(Invalid::new("avatar", "err-choose-picture").into());
    }
    super::accounts::check_may_post(h, actor).await?;
    limit_uploads(h, id).await?;
    let data = bytes.to_vec();
    let jpeg = decoding(h, move || square_jpeg("avatar", &data)).await?;
    h.store
        .set_avatar(id, Some(("image/jpeg", &jpeg)), now())
        .await?;
    Ok(())
}

/// Removes the member's avatar (initials show again).
pub async fn remove_avatar(h: &Hearth, actor: &Actor) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    h.store.set_avatar(id, None, now()).await?;
    Ok(())
}

/// Counts an upload (avatar or logo) against member `id`: at most [`UPLOADS_PER_HOUR`].
pub async fn limit_uploads(h: &Hearth, id: i64) -> Result<()> {
    super::rate_limit(h, &format!("upload:{id}"), UPLOADS_PER_HOUR, 3_600_000).await
}

/// Runs image work on a blocking thread, at most `Hearth::images` (two) at once: a burst
/// of uploads waits its turn instead of decoding side by side.
pub async fn decoding<T: Send + 'static>(
    h: &Hearth,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    super::blocking_with(&h.images, work).await
}

/// The width and height a PNG, JPEG, GIF or WebP file says it has, read from its header
/// only, or `None` when it is not such a picture. Refuses (naming `field`) a picture over
/// [`MAX_DECODED_PIXELS`].
pub fn checked_dimensions(field: &'static str, bytes: &[u8]) -> Result<Option<(u32, u32)>> {
    use image::{ImageFormat, ImageReader};
    let Ok(reader) = ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format() else {
        return Ok(None);
    };
    if !matches!(
        reader.format(),
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP)
    ) {
        return Ok(None);
    }
    let Ok((w, h)) = reader.into_dimensions() else {
        return Ok(None);
    };
    if u64::from(w) * u64::from(h) > MAX_DECODED_PIXELS {
        return Err(Invalid::new(
            field,
            hearth_core::message!(
                "err-picture-too-large",
                w = w,
                h = h,
                max = MAX_DECODED_PIXELS / 1_000_000
            ),
        )
        .into());
    }
    Ok(Some((w, h)))
}

/// Decodes, crops, resizes and re-encodes a picture (see [`set_avatar`]); a refusal names
/// `field`. Avatars and spaces' pictures both go through here.
pub fn square_jpeg(field: &'static str, bytes: &[u8]) -> Result<Vec<u8>> {
    use image::{ImageFormat, ImageReader, Limits};
    let not_image = || ServiceError::from(Invalid::new(field, "err-avatar-unreadable"));
    let (w, h) = checked_dimensions(field, bytes)?.ok_or_else(not_image)?;
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| not_image())?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP) => {}
        _ => return Err(not_image()),
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(AVATAR_MAX_SOURCE_SIDE);
    limits.max_image_height = Some(AVATAR_MAX_SOURCE_SIDE);
    // The decoder's own allocation limit: what the header announced, as RGBA, and a margin
    // for the decoder's buffers; never more than the pixel cap allows.
    let announced = u64::from(w) * u64::from(h) * 4;
    limits.max_alloc = Some(
        announced
            .saturating_mul(2)
            .clamp(1 << 20, MAX_DECODED_PIXELS * 8),
    );
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => ServiceError::from(Invalid::new(
            field,
            hearth_core::message!(
                "err-avatar-pixels",
                width = AVATAR_MAX_SOURCE_SIDE,
                height = AVATAR_MAX_SOURCE_SIDE
            ),
        )),
        _ => not_image(),
    })?;
    let (w, hgt) = (picture.width(), picture.height());
    let side = w.min(hgt);
    if side == 0 {
        return Err(not_image());
    }
    let square = picture
        .crop_imm((w - side) / 2, (hgt - side) / 2, side, side)
        .resize_exact(
            AVATAR_SIDE,
            AVATAR_SIDE,
            image::imageops::FilterType::Lanczos3,
        )
        .to_rgba8();
    // Transparent pixels are laid on white: JPEG has no alpha.
    let mut rgb = image::RgbImage::new(AVATAR_SIDE, AVATAR_SIDE);
    for (x, y, p) in square.enumerate_pixels() {
        let a = u16::from(p[3]);
        let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([blend(p[0]), blend(p[1]), blend(p[2])]));
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb)
        .map_err(|e| ServiceError::internal(format!("avatar encoding: {e}")))?;
    Ok(out)
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
        return Err(Invalid::new("q", "err-at-most-60-characters").into());
    }
    let location = text("location", input.location)?
        .unwrap_or("")
        .to_lowercase();
    if location.chars().count() > MAX_LOCATION_CHARS {
        return Err(Invalid::new("location", "err-too-long").into());
    }
    let role = blank(input.role).map(Role::parse).transpose()?;
    // Groups grant private spaces; who is in one is for those who manage groups.
    let group_id = match text("group", input.group)? {
        Some(_) if !hearth_core::access::can_manage_groups(actor) => {
            return Err(Invalid::new("group", "err-group-filter-admins").into());
        }
        Some(slug) => Some(
            h.store
                .group_by_slug(slug)
                .await?
                .ok_or_else(|| {
                    Invalid::new(
                        "group",
                        hearth_core::message!("err-no-group", slug = format!("{slug:?}")),
                    )
                })?
                .id,
        ),
        None => None,
    };
    let trust_level = blank(input.trust_level)
        .map(|t| {
            t.parse::<u8>()
                .ok()
                .filter(|t| *t <= 4)
                .ok_or_else(|| Invalid::new("trust_level", "err-from-0-to-4"))
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
