//! Uploaded files (the logo, avatars, spaces' pictures), kept in the database so that a
//! backup of the database is a backup of everything.

use crate::{Arg, Result, Store, StoreError, Tx};

/// A row that points at one picture: a member's avatar or a space's picture.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Holder {
    Avatar { member_id: i64 },
    SpaceIcon { space_id: i64 },
}

/// Puts `image` (content type, bytes), or nothing, where `holder` points, in `tx`, and
/// deletes the upload it replaces. An avatar's upload is its member's (erased with them); a
/// space's picture is the community's. Returns the new upload's id.
pub(crate) async fn replace_in(
    tx: &mut Tx,
    holder: Holder,
    image: Option<(&str, &[u8])>,
    now: i64,
) -> Result<Option<i64>> {
    let (lock, update, id, owner) = match holder {
        Holder::Avatar { member_id } => (
            "UPDATE members SET avatar_upload_id = avatar_upload_id WHERE id = $1 RETURNING avatar_upload_id AS old",
            "UPDATE members SET avatar_upload_id = $1 WHERE id = $2",
            member_id,
            Some(member_id),
        ),
        Holder::SpaceIcon { space_id } => (
            "UPDATE spaces SET icon_upload_id = icon_upload_id WHERE id = $1 RETURNING icon_upload_id AS old",
            "UPDATE spaces SET icon_upload_id = $1 WHERE id = $2",
            space_id,
            None,
        ),
    };
    // The holder's row is locked before its old upload is read (an UPDATE that changes
    // nothing): a second replacement at the same time waits, then reads the first one's
    // upload and deletes it, instead of both reading the same old one and leaving an
    // upload nobody holds.
    let old = tx
        .fetch_optional(lock, &[Arg::I64(id)])
        .await?
        .ok_or(StoreError::NotFound)?
        .opt_i64("old")?;
    let new = match image {
        Some((content_type, bytes)) => Some(
            tx.fetch_one(
                "INSERT INTO uploads (member_id, content_type, bytes, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                &[Arg::OptI64(owner), Arg::Text(content_type), Arg::Bytes(bytes), Arg::I64(now)],
            )
            .await?
            .i64("id")?,
        ),
        None => None,
    };
    tx.execute(update, &[Arg::OptI64(new), Arg::I64(id)])
        .await?;
    if let Some(old) = old {
        tx.execute("DELETE FROM uploads WHERE id = $1", &[Arg::I64(old)])
            .await?;
    }
    Ok(new)
}

impl Store {
    pub async fn insert_upload(
        &self,
        member_id: Option<i64>,
        content_type: &str,
        bytes: &[u8],
        now: i64,
    ) -> Result<i64> {
        self.db
            .fetch_one(
                "INSERT INTO uploads (member_id, content_type, bytes, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                &[Arg::OptI64(member_id), Arg::Text(content_type), Arg::Bytes(bytes), Arg::I64(now)],
            )
            .await?
            .i64("id")
    }

    /// (content type, bytes) of an upload.
    pub async fn upload(&self, id: i64) -> Result<Option<(String, Vec<u8>)>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT content_type, bytes FROM uploads WHERE id = $1",
                &[Arg::I64(id)],
            )
            .await?;
        row.map(|r| Ok((r.text("content_type")?, r.bytes("bytes")?)))
            .transpose()
    }
}
