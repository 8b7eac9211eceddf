//! The job worker: claims due jobs from the outbox and runs them. Every handler must be
//! idempotent, because a job whose lease ran out (a crash, a slow node) runs again.

use crate::services::email::AccountMailKind;
use crate::services::{Hearth, email, notifications};
use hearth_core::notifications::Digest;
use hearth_store::jobs::{Job, QueuedJob};
use std::time::Duration;
use tokio::sync::watch;

/// How long a claimed job is ours before another worker may take it.
const LEASE_MS: i64 = 60_000;

/// How many jobs one worker runs at once (`config::JOB_CONCURRENCY`, which also sizes the
/// SMTP pool).
pub const CONCURRENCY: usize = crate::config::JOB_CONCURRENCY;

/// Runs jobs until `stop` turns true, up to [`CONCURRENCY`] at a time; sleeps briefly when
/// the queue is empty. On stop, the jobs already running finish first.
pub async fn run_worker(h: Hearth, mut stop: watch::Receiver<bool>) {
    let mut last_cleanup = 0i64;
    let mut last_schedule = 0i64;
    let (mut last_flush, mut last_stream) = (0i64, 0i64);
    let mut running = tokio::task::JoinSet::new();
    if let Err(e) = crate::stream::register(&h.store).await {
        tracing::error!(error = %e, "could not register the stream's consumers");
    }
    let insights = tokio::spawn(feed_insights(h.clone(), stop.clone()));
    let webhooks = tokio::spawn(send_webhooks(h.clone(), stop.clone()));
    loop {
        if *stop.borrow() {
            while running.join_next().await.is_some() {}
            flush_visits(&h).await;
            let _ = insights.await;
            let _ = webhooks.await;
            return;
        }
        let now = hearth_store::now_millis();
        if now - last_flush >= crate::services::visits::FLUSH_EVERY_MS {
            last_flush = now;
            flush_visits(&h).await;
        }
        if now - last_stream >= STREAM_EVERY_MS {
            last_stream = now;
            match crate::stream::run_once(&h.store).await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(handled = n, "stream consumers"),
                Err(e) => tracing::warn!(error = %e, "a stream consumer failed; it will retry"),
            }
        }
        if now - last_schedule > 60_000 {
            last_schedule = now;
            if let Err(e) = schedule_due(&h, now).await {
                tracing::warn!(error = %e, "could not schedule recurring jobs");
            }
        }
        if now - last_cleanup > 3_600_000 {
            last_cleanup = now;
            if let Err(e) = h.store.delete_expired_sessions(now).await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
        }
        let mut pause = None;
        while running.len() < CONCURRENCY {
            match h
                .store
                .claim_job(hearth_store::now_millis(), LEASE_MS)
                .await
            {
                Ok(Some(job)) => {
                    let h = h.clone();
                    running.spawn(async move { finish(&h, &job).await });
                }
                Ok(None) => {
                    pause = Some(Duration::from_millis(500));
                    break;
                }
                Err(e) => {
                    tracing::error!(error = %e, "could not claim a job");
                    pause = Some(Duration::from_secs(5));
                    break;
                }
            }
        }
        match (pause, running.is_empty()) {
            // Full: wait for a slot.
            (None, _) => {
                tokio::select! {
                    _ = running.join_next() => {}
                    _ = stop.changed() => {}
                }
            }
            // Nothing to do: wait for work (or for a running job to end).
            (Some(wait), true) => {
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = stop.changed() => {}
                }
            }
            (Some(wait), false) => {
                tokio::select! {
                    _ = running.join_next() => {}
                    _ = tokio::time::sleep(wait) => {}
                    _ = stop.changed() => {}
                }
            }
        }
    }
}

/// How often the stream's consumers look for new activities.
const STREAM_EVERY_MS: i64 = 1_000;

/// Writes the visits and topic views this node has queued.
async fn flush_visits(h: &Hearth) {
    match h.visits.flush(&h.store).await {
        Ok(0) => {}
        Ok(n) => tracing::debug!(visits = n, "visits recorded"),
        Err(e) => tracing::warn!(error = %e, "could not record visits"),
    }
}

/// Runs a claimed job and records its outcome (done, or failed and retried later).
async fn finish(h: &Hearth, job: &QueuedJob) {
    let finished = match run_job(h, job).await {
        Ok(()) => {
            h.store
                .complete_job(job.id, hearth_store::now_millis())
                .await
        }
        Err(e) => {
            tracing::warn!(job = job.id, kind = %job.kind, error = %e, "job failed; it will be retried");
            h.store.fail_job(job, &e, hearth_store::now_millis()).await
        }
    };
    if let Err(e) = finished {
        tracing::error!(job = job.id, error = %e, "could not record the job's outcome");
    }
}

/// Runs one job: an exhaustive match over `hearth_store::jobs::Job`, the one list of kinds.
async fn run_job(h: &Hearth, queued: &QueuedJob) -> Result<(), String> {
    let job = queued.decode()?;
    run(h, queued.id, job).await.map_err(|e| e.to_string())
}

/// Keeps this node's insights engine fed (`crate::insights::tick`) every second until
/// `stop`: a full build first, then what is new. Its own task, so a long build never holds
/// up the jobs.
async fn feed_insights(h: Hearth, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let started = std::time::Instant::now();
        let fed = crate::insights::tick(&h.insights, &h.store).await;
        if matches!(fed, Ok(n) if n > 0) {
            h.metrics.insights_refresh(started.elapsed().as_secs_f64());
        }
        match fed {
            Ok(0) => {}
            Ok(n) => tracing::debug!(rows = n, "insights fed"),
            Err(e) => {
                tracing::warn!(error = %e, "could not feed the insights engine; it will retry")
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(STREAM_EVERY_MS as u64)) => {}
            _ = stop.changed() => {}
        }
    }
}

/// How often the webhook sender looks for due deliveries: as often as the stream's
/// consumers queue them.
const WEBHOOKS_EVERY_MS: u64 = STREAM_EVERY_MS as u64;

/// Sends due webhook deliveries until `stop` (`webhooks::send_due`), apart from the jobs
/// so a slow receiver never holds up mail.
async fn send_webhooks(h: Hearth, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        if let Err(e) = crate::outbound::send_due(&h, &h.webhook_client).await {
            tracing::warn!(error = %e, "could not send webhook deliveries; will retry");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(WEBHOOKS_EVERY_MS)) => {}
            _ = stop.changed() => {}
        }
    }
}

async fn run(h: &Hearth, id: i64, job: Job) -> crate::services::Result<()> {
    use crate::services::{events, people, trust};
    match job {
        // A new post: tell the topic's author and the members it mentions.
        Job::PostCreated { post_id } => {
            let written = notifications::post_created(h, post_id).await?;
            tracing::debug!(post_id, written, "post.created: notifications");
        }
        Job::IdeaStatusChanged {
            change_id,
            topic_id,
            actor_id,
        } => {
            notifications::idea_status_changed(h, change_id, topic_id, actor_id).await?;
        }
        Job::AnswerAccepted {
            topic_id,
            post_id,
            actor_id,
        } => {
            notifications::answer_accepted(h, topic_id, post_id, actor_id).await?;
        }
        Job::MailNotification { notification_id } => {
            email::send_notification(h, notification_id).await?;
        }
        Job::DigestRun { digest, date } => {
            let n = email::run_digest(h, &digest, &date).await?;
            tracing::info!(digest, date, members = n, "digest: one job per member");
        }
        Job::DigestMember {
            member_id,
            digest,
            date,
        } => {
            email::send_digest(h, member_id, &digest, &date).await?;
        }
        Job::ConfirmEmail(m) => {
            email::send_account(h, AccountMailKind::Confirm, &m).await?;
        }
        Job::PasswordReset(m) => {
            email::send_account(h, AccountMailKind::Reset, &m).await?;
        }
        Job::ChangeEmail(m) => {
            email::send_account(h, AccountMailKind::Change, &m).await?;
        }
        Job::EmailChanged(m) => {
            email::send_account(h, AccountMailKind::Changed, &m).await?;
        }
        Job::MailInvite { invite_id, nonce } => {
            email::send_invite(h, invite_id, &nonce).await?;
        }
        Job::MailApplication { application_id } => {
            email::send_application_decision(h, application_id).await?;
        }
        Job::RetentionApply {} => {
            let forgotten = people::apply_retention(h, hearth_store::now_millis()).await?;
            if forgotten > 0 {
                tracing::info!(forgotten, "raw imported data past its retention forgotten");
            }
        }
        Job::TrustRecompute {} => {
            let changed = trust::recompute(h).await?;
            tracing::info!(changed, "trust levels recomputed");
        }
        Job::EventPromoted {
            topic_id,
            member_id,
        } => {
            let key = format!("{topic_id}:{member_id}:{id}");
            events::promoted(h, topic_id, member_id, &key).await?;
        }
        Job::EventCancelled { topic_id } => {
            let told = events::cancelled(h, topic_id).await?;
            tracing::info!(told, "event cancelled");
        }
        Job::InsightsReport { date } => {
            let n = crate::services::report::run(h, &date).await?;
            tracing::info!(date, admins = n, "weekly report: one job per admin");
        }
        Job::InsightsReportMember { member_id, date } => {
            email::send_report(h, member_id, &date).await?;
        }
        Job::WebhookDisabled { webhook_id } => {
            let told = email::send_webhook_disabled(h, webhook_id).await?;
            tracing::info!(
                webhook = webhook_id,
                admins = told,
                "admins told a webhook stopped"
            );
        }
        Job::PointsNightly { date } => {
            let granted = crate::services::badges::sweep(h).await?;
            tracing::info!(%date, granted, "nightly badges");
        }
        Job::EventReminders {} => {
            let sent = events::send_reminders(h).await?;
            if sent > 0 {
                tracing::info!(sent, "event reminders");
            }
        }
    }
    Ok(())
}

/// Hour of the day (UTC) digests go out; weekly digests go out on Mondays.
pub const DIGEST_HOUR_UTC: u8 = 7;

/// The recurring work due at `now`: silences and suspensions that ran out end (each once,
/// whichever node gets there first); trust levels are recomputed once an hour; today's daily digest once its hour has come, and this
/// week's weekly digest and the admins' weekly report from Monday. Each digest is enqueued with a key naming its day, so
/// however many nodes and ticks ask, each runs once.
pub async fn schedule_due(h: &Hearth, now: i64) -> Result<(), String> {
    let ended = h
        .store
        .expire_restrictions(now)
        .await
        .map_err(|e| e.to_string())?;
    if ended > 0 {
        tracing::info!(ended, "restrictions ran out");
    }
    let t = time::OffsetDateTime::from_unix_timestamp(now / 1000).map_err(|e| e.to_string())?;
    let hour = format!("{}T{:02}", t.date(), t.hour());
    let minute = format!("{hour}:{:02}", t.minute());
    h.store
        .enqueue_jobs(
            &[
                (Job::TrustRecompute {}, format!("trust.recompute:{hour}")),
                (Job::RetentionApply {}, format!("retention.apply:{hour}")),
                (Job::EventReminders {}, format!("events.remind:{minute}")),
                (
                    Job::PointsNightly {
                        date: format!("{}", t.date()),
                    },
                    format!("points.nightly:{}", t.date()),
                ),
            ],
            now,
        )
        .await
        .map_err(|e| e.to_string())?;
    if t.hour() < DIGEST_HOUR_UTC {
        return Ok(());
    }
    let today = t.date();
    let monday = today - time::Duration::days(i64::from(today.weekday().number_days_from_monday()));
    let mut jobs = vec![digest_job(Digest::Daily, today)];
    jobs.push(digest_job(Digest::Weekly, monday));
    // The weekly report, once a week from Monday (the key names the week's Monday).
    if h.config.weekly_report {
        jobs.push((
            Job::InsightsReport {
                date: format!("{monday}"),
            },
            format!("insights.report:{monday}"),
        ));
    }
    h.store
        .enqueue_jobs(&jobs, now)
        .await
        .map_err(|e| e.to_string())
}

fn digest_job(digest: Digest, date: time::Date) -> (Job, String) {
    let date = format!("{date}");
    let key = format!("digest.run:{}:{date}", digest.as_str());
    (
        Job::DigestRun {
            digest: digest.as_str().to_string(),
            date,
        },
        key,
    )
}
