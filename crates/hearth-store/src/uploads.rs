//! Uploaded files (the community logo for now), kept in the database so that a backup of
//! the database is a backup of everything.

use crate::{Arg, Result, Store};

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
