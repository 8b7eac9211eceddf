//! Sliding-window rate limits kept in the database, so that every node sees the same count.

use crate::{Arg, Result, Store};
use hearth_core::model::Millis;

impl Store {
    /// Records one hit on `bucket` and says whether it is within `max` hits per `window_ms`.
    /// Hits over the limit are not recorded, so a blocked client is let in again once the
    /// window has passed.
    pub async fn rate_limit_hit(
        &self,
        bucket: &str,
        max: i64,
        window_ms: i64,
        now: Millis,
    ) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM rate_events WHERE bucket = $1 AND at <= $2",
            &[Arg::Text(bucket), Arg::I64(now - window_ms)],
        )
        .await?;
        let count = tx
            .fetch_one(
                "SELECT COUNT(*) AS n FROM rate_events WHERE bucket = $1",
                &[Arg::Text(bucket)],
            )
            .await?
            .i64("n")?;
        if count >= max {
            tx.commit().await?;
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO rate_events (bucket, at) VALUES ($1, $2)",
            &[Arg::Text(bucket), Arg::I64(now)],
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
