//! The background machinery as admins see it: the job queue, failed jobs, and the activity
//! stream's consumers with their lag. Every entry point is behind the admin pages' gate
//! (`services::admin_only`).

use super::{Hearth, Result, ServiceError, audit};
use hearth_core::access::Actor;
use hearth_core::audit::AuditAction;
use hearth_store::jobs::FailedJob;
use hearth_store::stream::ConsumerState;

/// The jobs page: (waiting, done, failed) counts, the failed jobs, and the consumers.
pub struct Overview {
    pub counts: (i64, i64, i64),
    pub failed: Vec<FailedJob>,
    pub consumers: Vec<ConsumerState>,
}

pub async fn overview(h: &Hearth, actor: &Actor) -> Result<Overview> {
    super::admin_only(actor)?;
    Ok(Overview {
        counts: h.store.job_counts().await?,
        failed: h.store.failed_jobs(100).await?,
        consumers: h.store.consumers().await?,
    })
}

/// Runs a failed job again.
pub async fn retry_job(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    super::admin_only(actor)?;
    if !h.store.retry_job(id, hearth_store::now_millis()).await? {
        return Err(ServiceError::NotFound("err-not-found-failed-job"));
    }
    audit::record(h, actor, AuditAction::JobRetried, Some(("job", id)), None).await;
    Ok(())
}

/// Sends a stream consumer back to the first activity; it replays the whole log.
pub async fn reset_consumer(h: &Hearth, actor: &Actor, name: &str) -> Result<()> {
    super::admin_only(actor)?;
    let Some(consumer) = crate::stream::Consumer::from_name(name) else {
        return Err(ServiceError::NotFound("err-not-found-stream-consumer"));
    };
    h.store.reset_consumer(consumer.name()).await?;
    audit::record(
        h,
        actor,
        AuditAction::StreamReset,
        None,
        Some(consumer.name()),
    )
    .await;
    Ok(())
}
