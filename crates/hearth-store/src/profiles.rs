//! Profiles (bio, location, links, what a member shows) and the member directory. A change
//! of profile appends the member's `profile_updated` activity in its transaction.

use crate::activity::{self, NewActivity};
use crate::{Arg, Result, Row, Store, StoreError};
use hearth_core::model::{Author, Millis};
use hearth_core::values::Role;

/// What a member says about themselves, already checked by the service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub bio: String,
    pub location: String,
    pub links: Vec<String>,
    pub hide_from_directory: bool,
    pub hide_activity: bool,
    /// `en`, `es`, or empty for the community's default.
    pub language: String,
    /// An IANA zone, or empty for the community's default.
    pub time_zone: String,
    /// The name shown beside their posts; `None` leaves it as it is.
    pub display_name: Option<String>,
}

/// A member as the directory lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryEntry {
    pub author: Author,
    pub role: Role,
    pub trust_level: u8,
    pub location: String,
    pub bio: String,
    pub joined_at: Millis,
}

/// What narrows the directory.
#[derive(Debug, Clone, Default)]
pub struct DirectoryFilter<'a> {
    /// Matches the start of a handle or a display name, ignoring case (lowercased); empty
    /// for all.
    pub name_prefix: &'a str,
    pub role: Option<Role>,
    pub group_id: Option<i64>,
    pub trust_level: Option<u8>,
    /// Part of the location, ignoring case (lowercased); empty for all.
    pub location: &'a str,
}

fn entry_from(r: &Row) -> Result<DirectoryEntry> {
    let role = r.text("role")?;
    Ok(DirectoryEntry {
        author: Author {
            id: r.i64("id")?,
            handle: r.text("handle")?,
            display_name: r.text("display_name")?,
            avatar_id: r.opt_i64("avatar_upload_id")?,
        },
        role: Role::parse(&role).map_err(|_| StoreError::Decode(format!("unknown role {role}")))?,
        trust_level: u8::try_from(r.i64("trust_level")?.clamp(0, 4)).unwrap_or(0),
        location: r.text("location")?,
        bio: r.text("bio")?,
        joined_at: r.i64("created_at")?,
    })
}

impl Store {
    pub async fn profile(&self, member_id: i64) -> Result<Profile> {
        let r = self
            .db
            .fetch_optional(
                "SELECT bio, location, links, hide_from_directory, hide_activity, language, time_zone, display_name FROM members WHERE id = $1",
                &[Arg::I64(member_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(Profile {
            bio: r.text("bio")?,
            location: r.text("location")?,
            links: r
                .text("links")?
                .lines()
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            hide_from_directory: r.i64("hide_from_directory")? != 0,
            hide_activity: r.i64("hide_activity")? != 0,
            language: r.text("language")?,
            time_zone: r.text("time_zone")?,
            display_name: Some(r.text("display_name")?),
        })
    }

    /// Replaces a member's profile, with their `profile_updated` activity.
    pub async fn set_profile(&self, member_id: i64, p: &Profile, now: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "UPDATE members SET bio = $1, location = $2, links = $3, hide_from_directory = $4, hide_activity = $5, language = $6, time_zone = $7,
                        display_name = COALESCE($9, display_name) WHERE id = $8",
                &[
                    Arg::Text(&p.bio),
                    Arg::Text(&p.location),
                    Arg::Text(&p.links.join("\n")),
                    Arg::I64(i64::from(p.hide_from_directory)),
                    Arg::I64(i64::from(p.hide_activity)),
                    Arg::Text(&p.language),
                    Arg::Text(&p.time_zone),
                    Arg::I64(member_id),
                    Arg::OptText(p.display_name.as_deref()),
                ],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        crate::people::sync_hub_identity(&mut tx, member_id).await?;
        activity::append(
            &mut tx,
            &NewActivity {
                member_id,
                kind: hearth_core::activity::PROFILE_UPDATED,
                channel: hearth_core::activity::HUB,
                target_type: Some("member"),
                target_id: Some(member_id),
                space_id: None,
                properties: None,
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await
    }

    /// Members who show in the directory, by handle, after `after_handle`.
    pub async fn directory(
        &self,
        f: &DirectoryFilter<'_>,
        after_handle: &str,
        limit: i64,
    ) -> Result<Vec<DirectoryEntry>> {
        let prefix = format!("{}%", crate::like_literal(f.name_prefix));
        let location = format!("%{}%", crate::like_literal(f.location));
        let rows = self
            .db
            .fetch_all(
                "SELECT m.id, m.handle, m.display_name, m.avatar_upload_id, m.role, m.trust_level, m.location, m.bio, m.created_at
                 FROM members m
                 WHERE m.kind = 'account' AND m.erased_at IS NULL AND m.hide_from_directory = 0 AND m.handle > $1
                   AND ($2 = '%' OR m.handle LIKE $2 ESCAPE '\\' OR lower(m.display_name) LIKE $2 ESCAPE '\\')
                   AND ($3 = '' OR m.role = $3)
                   AND ($4 = 0 OR EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = $4 AND g.member_id = m.id))
                   AND ($5 < 0 OR m.trust_level = $5)
                   AND ($6 = '%%' OR lower(m.location) LIKE $6 ESCAPE '\\')
                 ORDER BY m.handle LIMIT $7",
                &[
                    Arg::Text(after_handle),
                    Arg::Text(&prefix),
                    Arg::Text(f.role.map(Role::as_str).unwrap_or("")),
                    Arg::I64(f.group_id.unwrap_or(0)),
                    Arg::I64(f.trust_level.map_or(-1, i64::from)),
                    Arg::Text(&location),
                    Arg::I64(limit),
                ],
            )
            .await?;
        rows.iter().map(entry_from).collect()
    }

    /// Sets only the member's language (the quick switch in the footer).
    pub async fn set_language(&self, member_id: i64, language: &str) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE members SET language = $1 WHERE id = $2",
                &[Arg::Text(language), Arg::I64(member_id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Stores a (resized) avatar and makes it the member's, in one transaction, with their
    /// `profile_updated` activity; `None` removes it. The previous image is deleted.
    pub async fn set_avatar(
        &self,
        member_id: i64,
        image: Option<(&str, &[u8])>,
        now: Millis,
    ) -> Result<Option<i64>> {
        let mut tx = self.db.begin().await?;
        let new = crate::uploads::replace_in(
            &mut tx,
            crate::uploads::Holder::Avatar { member_id },
            image,
            now,
        )
        .await?;
        activity::append(
            &mut tx,
            &NewActivity {
                member_id,
                kind: hearth_core::activity::PROFILE_UPDATED,
                channel: hearth_core::activity::HUB,
                target_type: Some("member"),
                target_id: Some(member_id),
                space_id: None,
                properties: Some(if new.is_some() {
                    "{\"avatar\":\"set\"}"
                } else {
                    "{\"avatar\":\"removed\"}"
                }),
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }
}
