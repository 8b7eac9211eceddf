//! Spaces and who may see the private ones.

use crate::{Arg, Result, Row, Store, StoreError, Tx};
use hearth_core::model::{Grant, Millis, Space};
use hearth_core::values::{Role, TopicKind, Visibility};

fn space_from(r: &Row) -> Result<Space> {
    space_from_prefixed(r, "")
}

/// Reads a space from columns named `{prefix}id`, `{prefix}slug`, ... (for joins).
pub(crate) fn space_from_prefixed(r: &Row, prefix: &str) -> Result<Space> {
    let col = |name: &str| format!("{prefix}{name}");
    let visibility = r.text(&col("visibility"))?;
    Ok(Space {
        id: r.i64(&col("id"))?,
        slug: r.text(&col("slug"))?,
        name: r.text(&col("name"))?,
        description: r.opt_text(&col("description"))?,
        visibility: Visibility::parse(&visibility)
            .map_err(|_| StoreError::Decode(format!("visibility {visibility}")))?,
        archived_at: r.opt_i64(&col("archived_at"))?,
        created_at: r.i64(&col("created_at"))?,
        topic_count: r.i64(&col("topic_count"))?,
        post_count: r.i64(&col("post_count"))?,
        allowed_kinds: {
            let kinds = TopicKind::parse_list(&r.text(&col("allowed_kinds"))?);
            if kinds.is_empty() {
                vec![TopicKind::Discussion]
            } else {
                kinds
            }
        },
        icon_upload_id: r.opt_i64(&col("icon_upload_id"))?,
    })
}

/// The fields of a space an admin sets.
#[derive(Debug, Clone)]
pub struct SpaceFields<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub visibility: Visibility,
}

fn grantee(g: &Grant) -> String {
    match g {
        Grant::Member(id) => format!("member:{id}"),
        Grant::Role(role) => format!("role:{}", role.as_str()),
        Grant::Group(id) => format!("group:{id}"),
    }
}

/// Opens a private space to one member (a level or a reward unlocked it), inside the
/// caller's transaction; nothing when they have it already.
pub async fn grant_member_in(
    tx: &mut Tx,
    space_id: i64,
    member_id: i64,
    now: Millis,
) -> Result<()> {
    let g = grantee(&Grant::Member(member_id));
    tx.execute(
        "INSERT INTO space_grants (space_id, grantee, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[Arg::I64(space_id), Arg::Text(&g), Arg::I64(now)],
    )
    .await?;
    Ok(())
}

fn parse_grantee(s: &str) -> Option<Grant> {
    let (kind, value) = s.split_once(':')?;
    match kind {
        "member" => value.parse().ok().map(Grant::Member),
        "role" => Role::parse(value).ok().map(Grant::Role),
        "group" => value.parse().ok().map(Grant::Group),
        _ => None,
    }
}

/// A new space takes every kind of topic (issue 17: ideas, polls and events hid behind the
/// space's settings); the admin narrows it on the space's page.
fn every_kind() -> String {
    TopicKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

impl Store {
    pub async fn create_space(&self, f: &SpaceFields<'_>, now: Millis) -> Result<Space> {
        let row = self
            .db
            .fetch_one(
                "INSERT INTO spaces (slug, name, description, visibility, created_at, allowed_kinds) VALUES ($1, $2, $3, $4, $5, $6)
                 RETURNING id, slug, name, description, visibility, archived_at, created_at, topic_count, post_count, allowed_kinds, icon_upload_id",
                &[Arg::Text(f.slug), Arg::Text(f.name), Arg::OptText(f.description), Arg::Text(f.visibility.as_str()), Arg::I64(now), Arg::Text(&every_kind())],
            )
            .await?;
        space_from(&row)
    }

    pub async fn update_space(&self, id: i64, f: &SpaceFields<'_>) -> Result<Space> {
        let row = self
            .db
            .fetch_optional(
                "UPDATE spaces SET slug = $1, name = $2, description = $3, visibility = $4 WHERE id = $5
                 RETURNING id, slug, name, description, visibility, archived_at, created_at, topic_count, post_count, allowed_kinds, icon_upload_id",
                &[Arg::Text(f.slug), Arg::Text(f.name), Arg::OptText(f.description), Arg::Text(f.visibility.as_str()), Arg::I64(id)],
            )
            .await?;
        row.as_ref()
            .map(space_from)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    /// Changes a space's fields, its grants and its kinds of topic in one transaction, so
    /// an edit is applied whole or not at all.
    pub async fn update_space_settings(
        &self,
        id: i64,
        f: &SpaceFields<'_>,
        grants: &[Grant],
        kinds: &[TopicKind],
        now: Millis,
    ) -> Result<Space> {
        let kinds = if kinds.is_empty() {
            vec![TopicKind::Discussion]
        } else {
            kinds.to_vec()
        };
        let stored = TopicKind::join(&kinds);
        let mut tx = self.db.begin().await?;
        let row = tx
            .fetch_optional(
                "UPDATE spaces SET slug = $1, name = $2, description = $3, visibility = $4, allowed_kinds = $5 WHERE id = $6
                 RETURNING id, slug, name, description, visibility, archived_at, created_at, topic_count, post_count, allowed_kinds, icon_upload_id",
                &[
                    Arg::Text(f.slug),
                    Arg::Text(f.name),
                    Arg::OptText(f.description),
                    Arg::Text(f.visibility.as_str()),
                    Arg::Text(&stored),
                    Arg::I64(id),
                ],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let space = space_from(&row)?;
        tx.execute(
            "DELETE FROM space_grants WHERE space_id = $1",
            &[Arg::I64(id)],
        )
        .await?;
        for g in grants {
            let g = grantee(g);
            tx.execute(
                "INSERT INTO space_grants (space_id, grantee, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[Arg::I64(id), Arg::Text(&g), Arg::I64(now)],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(space)
    }

    /// Sets the kinds of topic a space allows (at least one).
    pub async fn set_space_kinds(&self, id: i64, kinds: &[TopicKind]) -> Result<()> {
        let kinds = if kinds.is_empty() {
            vec![TopicKind::Discussion]
        } else {
            kinds.to_vec()
        };
        let stored = TopicKind::join(&kinds);
        let n = self
            .db
            .execute(
                "UPDATE spaces SET allowed_kinds = $1 WHERE id = $2",
                &[Arg::Text(&stored), Arg::I64(id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Sets (`Some((content type, bytes))`) or removes (`None`) a space's picture, in one
    /// transaction that also deletes the picture it replaces. The upload belongs to the
    /// community, not to the admin who chose it, so erasing that admin keeps it. Returns the
    /// new upload's id.
    pub async fn set_space_icon(
        &self,
        id: i64,
        image: Option<(&str, &[u8])>,
        now: Millis,
    ) -> Result<Option<i64>> {
        let mut tx = self.db.begin().await?;
        let new = crate::uploads::replace_in(
            &mut tx,
            crate::uploads::Holder::SpaceIcon { space_id: id },
            image,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }

    /// The space whose picture is upload `upload_id`, if any.
    pub async fn space_with_icon(&self, upload_id: i64) -> Result<Option<Space>> {
        self.db
            .fetch_optional(
                "SELECT id, slug, name, description, visibility, archived_at, created_at, topic_count, post_count, allowed_kinds, icon_upload_id FROM spaces WHERE icon_upload_id = $1",
                &[Arg::I64(upload_id)],
            )
            .await?
            .map(|r| space_from(&r))
            .transpose()
    }

    /// Archives (`Some(now)`) or restores (`None`) a space.
    pub async fn set_space_archived(&self, id: i64, archived_at: Option<Millis>) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE spaces SET archived_at = $1 WHERE id = $2",
                &[Arg::OptI64(archived_at), Arg::I64(id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn space_by_slug(&self, slug: &str) -> Result<Option<Space>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT id, slug, name, description, visibility, archived_at, created_at, topic_count, post_count, allowed_kinds, icon_upload_id FROM spaces WHERE slug = $1",
                &[Arg::Text(slug)],
            )
            .await?;
        row.as_ref().map(space_from).transpose()
    }

    pub async fn space(&self, id: i64) -> Result<Option<Space>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT id, slug, name, description, visibility, archived_at, created_at, topic_count, post_count, allowed_kinds, icon_upload_id FROM spaces WHERE id = $1",
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(space_from).transpose()
    }

    /// All spaces, archived last, then by name. A community has tens of spaces, not
    /// thousands; the cap keeps the query bounded all the same.
    pub async fn spaces(&self) -> Result<Vec<Space>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, slug, name, description, visibility, archived_at, created_at, topic_count, post_count, allowed_kinds, icon_upload_id FROM spaces
                 ORDER BY CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END, name, id LIMIT 1000",
                &[],
            )
            .await?;
        rows.iter().map(space_from).collect()
    }

    pub async fn space_grants(&self, space_id: i64) -> Result<Vec<Grant>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT grantee FROM space_grants WHERE space_id = $1 ORDER BY grantee LIMIT 10000",
                &[Arg::I64(space_id)],
            )
            .await?;
        Ok(rows
            .iter()
            .filter_map(|r| r.text("grantee").ok())
            .filter_map(|g| parse_grantee(&g))
            .collect())
    }

    /// Replaces the grants of a space in one transaction.
    pub async fn set_space_grants(
        &self,
        space_id: i64,
        grants: &[Grant],
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM space_grants WHERE space_id = $1",
            &[Arg::I64(space_id)],
        )
        .await?;
        for g in grants {
            let g = grantee(g);
            tx.execute(
                "INSERT INTO space_grants (space_id, grantee, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[Arg::I64(space_id), Arg::Text(&g), Arg::I64(now)],
            )
            .await?;
        }
        tx.commit().await
    }
}
