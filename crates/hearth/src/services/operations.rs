//! The background machinery as admins see it: the job queue, failed jobs, and the activity
//! stream's consumers with their lag. Every entry point checks
//! `access::can_run_operations`.

use super::{Hearth, Result, ServiceError, audit};
use hearth_core::access::{self, Actor};
use hearth_core::audit::AuditAction;
use hearth_store::jobs::FailedJob;
use hearth_store::stream::ConsumerState;

/// The jobs page: (waiting, done, failed) counts, the failed jobs, and the consumers.
pub struct Overview {
    pub counts: (i64, i64, i64),
    pub failed: Vec<FailedJob>,
    pub consumers: Vec<ConsumerState>,
}

fn check(actor: &Actor) -> Result<()> {
    if access::can_run_operations(actor) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "only admins can open the admin pages",
        ))
    }
}

pub async fn overview(h: &Hearth, actor: &Actor) -> Result<Overview> {
    check(actor)?;
    Ok(Overview {
        counts: h.store.job_counts().await?,
        failed: h.store.failed_jobs(100).await?,
        consumers: h.store.consumers().await?,
    })
}

/// Runs a failed job again.
pub async fn retry_job(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    check(actor)?;
    if !h.store.retry_job(id, hearth_store::now_millis()).await? {
        return Err(ServiceError::NotFound("failed job"));
    }
    audit::record(h, actor, AuditAction::JobRetried, Some(("job", id)), None).await;
    Ok(())
}

/// Sends a stream consumer back to the first activity; it replays the whole log.
pub async fn reset_consumer(h: &Hearth, actor: &Actor, name: &str) -> Result<()> {
    check(actor)?;
    let Some(consumer) = crate::stream::Consumer::from_name(name) else {
        return Err(ServiceError::NotFound("stream consumer"));
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
