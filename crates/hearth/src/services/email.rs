//! What Hearth says by mail, and to whom: each member's per-kind preferences, notification
//! mail (one at a time or in daily and weekly digests), one-click unsubscribe links, and the
//! account mails (confirm an address, reset a password, change of address). Mail is always
//! sent by jobs, never inside a request; [`crate::mail`] holds the transport and ledger.

use super::notifications::KINDS;
use super::{Actor, Hearth, Result, ServiceError, now};
use crate::i18n::Arg;
use crate::mail::{self, Delivered, Outgoing};
use crate::render::{Context, context};
use hearth_core::Invalid;
use hearth_core::audit::AuditAction;
use hearth_core::model::Member;
use hearth_core::notifications::{Digest, MailFrequency, NotificationKind};
use hearth_store::jobs::{self, Job};
use hearth_store::mail::{Claim, PendingMail};
use hearth_store::notifications::MailRoute;
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;

/// How often a member hears about a kind by mail.
pub fn frequency_options() -> Vec<(&'static str, &'static str)> {
    MailFrequency::ALL
        .iter()
        .map(|f| {
            let label = match f {
                MailFrequency::Immediately => "Immediately",
                MailFrequency::Daily => "Daily digest",
                MailFrequency::Weekly => "Weekly digest",
                MailFrequency::Never => "Never",
            };
            (f.as_str(), label)
        })
        .collect()
}

/// Most notifications listed in one digest (the rest wait for the next).
const DIGEST_MAX_ITEMS: i64 = 50;

/// How long links in account mail stay valid.
pub const CONFIRM_HOURS: i64 = 48;
pub const RESET_HOURS: i64 = 1;

/// The mail about a member's account, each its own job (`hearth_store::jobs::Job`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountMailKind {
    /// Confirm your address.
    Confirm,
    /// Reset your password.
    Reset,
    /// Confirm your new address.
    Change,
    /// To the old address: the account's address changed (it carries no link).
    Changed,
}

impl AccountMailKind {
    pub fn job(self, mail: jobs::AccountMail) -> Job {
        match self {
            AccountMailKind::Confirm => Job::ConfirmEmail(mail),
            AccountMailKind::Reset => Job::PasswordReset(mail),
            AccountMailKind::Change => Job::ChangeEmail(mail),
            AccountMailKind::Changed => Job::EmailChanged(mail),
        }
    }
}

/// Email token purposes.
pub const PURPOSE_CONFIRM: &str = "confirm";
pub const PURPOSE_RESET: &str = "reset";
pub const PURPOSE_CHANGE: &str = "change_email";

fn default_frequency(kind: NotificationKind) -> MailFrequency {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or(MailFrequency::Never, |(_, _, d)| *d)
}

fn route(frequency: MailFrequency) -> MailRoute {
    match frequency {
        MailFrequency::Immediately => MailRoute::Immediately,
        MailFrequency::Daily => MailRoute::Digest(Digest::Daily),
        MailFrequency::Weekly => MailRoute::Digest(Digest::Weekly),
        MailFrequency::Never => MailRoute::None,
    }
}

/// How each of `members` (sorted ascending) hears about `kind`: their choice or the
/// default. Nobody hears by mail when no mail server is configured, and, when addresses
/// must be confirmed, members who have not confirmed theirs.
pub async fn routes(
    h: &Hearth,
    kind: NotificationKind,
    members: &[Member],
) -> Result<Vec<MailRoute>> {
    if h.mailer.is_none() || members.is_empty() {
        return Ok(vec![MailRoute::None; members.len()]);
    }
    let first = members.iter().map(|m| m.id).min().unwrap_or(0);
    let last = members.iter().map(|m| m.id).max().unwrap_or(0);
    let chosen = h.store.frequencies_for(kind, first, last).await?;
    Ok(members
        .iter()
        .map(|m| {
            if h.config.confirm_email && m.email_confirmed_at.is_none() {
                return MailRoute::None;
            }
            let f = chosen
                .iter()
                .find(|(id, _)| *id == m.id)
                .map_or(default_frequency(kind), |(_, f)| *f);
            route(f)
        })
        .collect())
}

/// One row of the preferences form.
#[derive(Debug, Clone, Serialize)]
pub struct Preference {
    pub kind: &'static str,
    pub description: &'static str,
    pub frequency: String,
}

/// The actor's mail preferences for every kind.
pub async fn preferences(h: &Hearth, actor: &Actor) -> Result<Vec<Preference>> {
    let member_id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let chosen = h.store.notification_prefs(member_id).await?;
    Ok(KINDS
        .iter()
        .map(|(kind, description, default)| Preference {
            kind: kind.as_str(),
            description,
            frequency: chosen
                .iter()
                .find(|(k, _)| k == kind)
                .map_or(*default, |(_, f)| *f)
                .as_str()
                .to_string(),
        })
        .collect())
}

/// Sets the actor's preferences. Every pair is checked before anything is written.
pub async fn set_preferences(h: &Hearth, actor: &Actor, prefs: &[(String, String)]) -> Result<()> {
    let member_id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let mut checked = Vec::new();
    for (kind, frequency) in prefs {
        let Some(k) = NotificationKind::parse(kind) else {
            return Err(Invalid::new(
                "kind",
                hearth_core::message!("err-notification-kind", kind = format!("{kind:?}")),
            )
            .into());
        };
        let Some(f) = MailFrequency::parse(frequency) else {
            return Err(Invalid::new(
                "frequency",
                hearth_core::message!("err-frequency", frequency = format!("{frequency:?}")),
            )
            .into());
        };
        checked.push((k, f));
    }
    Ok(h.store.set_notification_prefs(member_id, &checked).await?)
}

/// The unsubscribe signing key: created once in the database (the first node to ask
/// wins), then kept in memory.
async fn signing_key(h: &Hearth) -> Result<&str> {
    let key = h
        .unsubscribe_key
        .get_or_try_init(|| async {
            let fresh = super::accounts::random_secret()?;
            Ok::<_, ServiceError>(h.store.secret("unsubscribe", &fresh, now()).await?)
        })
        .await?;
    Ok(key.as_str())
}

/// The signature on an unsubscribe link for `member_id` and `scope` (a kind, or a digest).
async fn signature(h: &Hearth, member_id: i64, scope: &str) -> Result<String> {
    let key = signing_key(h).await?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|e| ServiceError::internal(e.to_string()))?;
    mac.update(format!("unsubscribe:{member_id}:{scope}").as_bytes());
    let bytes = mac.finalize().into_bytes();
    Ok(hearth_core::values::hex(&bytes[..16]))
}

/// The one-click unsubscribe link (absolute).
pub async fn unsubscribe_url(
    h: &Hearth,
    base: &str,
    member_id: i64,
    scope: &str,
) -> Result<String> {
    let sig = signature(h, member_id, scope).await?;
    Ok(format!(
        "{base}/unsubscribe?m={member_id}&k={scope}&s={sig}"
    ))
}

/// What an unsubscribe link stops, in words, or an error when the link is not genuine.
pub async fn check_unsubscribe(
    h: &Hearth,
    member_id: i64,
    scope: &str,
    sig: &str,
) -> Result<&'static str> {
    let expected = signature(h, member_id, scope).await?;
    let genuine = expected.len() == sig.len()
        && expected
            .bytes()
            .zip(sig.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !genuine {
        return Err(Invalid::new("s", "err-unsubscribe-invalid").into());
    }
    match Digest::parse(scope) {
        Some(Digest::Daily) => return Ok("the daily digest"),
        Some(Digest::Weekly) => return Ok("the weekly digest"),
        None => {}
    }
    KINDS
        .iter()
        .find(|(k, _, _)| k.as_str() == scope)
        .map(|(_, d, _)| *d)
        .ok_or_else(|| Invalid::new("k", "err-unsubscribe-nothing").into())
}

/// Follows an unsubscribe link: the kind (or every kind in the digest) becomes `never`.
pub async fn unsubscribe(
    h: &Hearth,
    member_id: i64,
    scope: &str,
    sig: &str,
) -> Result<&'static str> {
    let what = check_unsubscribe(h, member_id, scope, sig).await?;
    let actor = match h.store.member(member_id).await? {
        Some(m) => Actor::from(&m),
        None => return Err(ServiceError::NotFound("err-not-found-member")),
    };
    let current = preferences(h, &actor).await?;
    let changes: Vec<(String, String)> = current
        .iter()
        .filter(|p| p.kind == scope || p.frequency == scope)
        .map(|p| {
            (
                p.kind.to_string(),
                MailFrequency::Never.as_str().to_string(),
            )
        })
        .collect();
    set_preferences(h, &actor, &changes).await?;
    Ok(what)
}

/// Words for one notification, as a mail shows it.
#[derive(Debug, Clone, Serialize)]
struct Item {
    headline: String,
    url: String,
    excerpt: Option<String>,
}

/// A mail string in `lang`: the Fluent message `key` with text arguments and, for
/// plurals, numbers; the key itself when no language has it.
fn tr_with(lang: &str, key: &str, args: &[(&str, &str)], numbers: &[(&str, i64)]) -> String {
    let mut all: Vec<(&str, Arg)> = args
        .iter()
        .map(|(name, value)| (*name, Arg::Text((*value).to_string())))
        .collect();
    all.extend(
        numbers
            .iter()
            .map(|(name, n)| (*name, Arg::Number(*n as f64))),
    );
    crate::i18n::message(lang, key, &all).unwrap_or_else(|| key.to_string())
}

/// A mail string in `lang` with text arguments only.
fn tr(lang: &str, key: &str, args: &[(&str, &str)]) -> String {
    tr_with(lang, key, args, &[])
}

/// What mail of each notification kind says: its headline and why the member gets it,
/// one row per kind (spelled out, so every key is written in the code).
const MAIL_KEYS: &[(NotificationKind, &str, &str)] = &[
    (
        NotificationKind::Reply,
        "mail-headline-reply",
        "mail-why-reply",
    ),
    (
        NotificationKind::Mention,
        "mail-headline-mention",
        "mail-why-mention",
    ),
    (
        NotificationKind::AnswerAccepted,
        "mail-headline-answer-accepted",
        "mail-why-answer-accepted",
    ),
    (
        NotificationKind::IdeaStatus,
        "mail-headline-idea-status",
        "mail-why-idea-status",
    ),
    (
        NotificationKind::NewTopic,
        "mail-headline-new-topic",
        "mail-why-new-topic",
    ),
    (
        NotificationKind::WatchedReply,
        "mail-headline-watched-reply",
        "mail-why-watched-reply",
    ),
    (
        NotificationKind::EventPromoted,
        "mail-headline-event-promoted",
        "mail-why-event-promoted",
    ),
    (
        NotificationKind::EventReminder,
        "mail-headline-event-reminder",
        "mail-why-event-reminder",
    ),
    (
        NotificationKind::EventCancelled,
        "mail-headline-event-cancelled",
        "mail-why-event-cancelled",
    ),
];

fn mail_keys(kind: &str) -> Option<&'static (NotificationKind, &'static str, &'static str)> {
    MAIL_KEYS.iter().find(|(k, _, _)| k.as_str() == kind)
}

/// Why a member gets mail of `kind`, in `lang` ("someone replied in a topic you
/// started"); the English description of the kind when no message says it.
fn why_text(lang: &str, kind: &str) -> String {
    mail_keys(kind)
        .and_then(|(_, _, key)| crate::i18n::message(lang, key, &[]))
        .unwrap_or_else(|| {
            KINDS
                .iter()
                .find(|(k, _, _)| k.as_str() == kind)
                .map_or("", |(_, d, _)| *d)
                .to_string()
        })
}

fn item(base: &str, lang: &str, n: &PendingMail) -> Item {
    let who = n
        .actor_name
        .clone()
        .unwrap_or_else(|| tr(lang, "mail-someone", &[]));
    let title = n.topic_title.clone().unwrap_or_default();
    let headline = match mail_keys(&n.kind) {
        Some((_, key, _)) => tr(lang, key, &[("who", &who), ("title", &title)]),
        None => tr(
            lang,
            "mail-headline-other",
            &[("who", &who), ("kind", &n.kind), ("title", &title)],
        ),
    };
    let url = match (n.post_id, n.topic_id) {
        (Some(p), _) => format!("{base}/p/{p}"),
        (None, Some(t)) => format!("{base}/t/{t}"),
        _ => format!("{base}/notifications"),
    };
    let excerpt = n.post_body.as_deref().map(|b| {
        let flat = b.split_whitespace().collect::<Vec<_>>().join(" ");
        match flat.char_indices().nth(400) {
            Some((i, _)) => format!("{}…", &flat[..i]),
            None => flat,
        }
    });
    Item {
        headline,
        url,
        excerpt,
    }
}

/// The community's name, the language the mail is written in (the member's, else the
/// community's), and the context every mail template gets: branding and links.
async fn frame(
    h: &Hearth,
    base: &str,
    member: Option<&Member>,
) -> Result<(String, String, Context)> {
    let community = h.store.community().await?;
    let (lang, tz) = crate::i18n::locale(community.as_ref(), member);
    let (name, accent) = community
        .map(|c| (c.name, c.accent_color))
        .unwrap_or_else(|| ("Hearth".into(), "#b4532a".into()));
    let ctx = context! {
        lang => lang.clone(),
        tz => tz,
        community => name.clone(),
        accent => accent,
        base => base,
        preferences_url => format!("{base}/settings"),
    };
    Ok((name, lang, ctx))
}

fn render_pair(mailer: &mail::Mailer, name: &str, ctx: Context) -> Result<(String, String)> {
    let text = mailer
        .render(&format!("mail/{name}.txt"), ctx.clone())
        .map_err(ServiceError::internal)?;
    let html = mailer
        .render(&format!("mail/{name}.html"), ctx)
        .map_err(ServiceError::internal)?;
    Ok((text, html))
}

/// The job for one notification sent at once. Idempotent: the ledger key is the
/// notification, and a notification read in the app before the job ran is not mailed.
pub async fn send_notification(h: &Hearth, notification_id: i64) -> Result<Delivered> {
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let Some(n) = h.store.pending_mail(notification_id).await? else {
        return Ok(Delivered::AlreadyDone);
    };
    if n.emailed_at.is_some() || n.read_at.is_some() {
        return Ok(Delivered::AlreadyDone);
    }
    let Some(member) = h.store.member(n.member_id).await? else {
        return Ok(Delivered::AlreadyDone);
    };
    // Decided again now: the post may have been deleted or hidden, the member banned or
    // shut out of the space since the notification was written. Such a mail is retired
    // unsent (marked as handled, so no retry or digest sends it).
    if !super::notifications::still_visible(h, &member, n.topic_id, n.post_id).await? {
        h.store.mark_emailed(&[notification_id], now()).await?;
        return Ok(Delivered::AlreadyDone);
    }
    let base = mailer.base_url.clone();
    let (_, lang, frame) = frame(h, &base, Some(&member)).await?;
    let it = item(&base, &lang, &n);
    let unsubscribe = unsubscribe_url(h, &base, member.id, &n.kind).await?;
    let why = why_text(&lang, &n.kind);
    let ctx = context! { item => crate::render::serialized(&it), name => member.display_name.clone(), why => why, unsubscribe_url => unsubscribe.clone(), ..frame };
    let parts = render_pair(mailer, "notification", ctx)?;
    let delivered = deliver(
        h,
        &Outgoing::to_member(
            &member,
            format!("notification:{notification_id}"),
            it.headline,
            parts,
            Some(unsubscribe),
        ),
    )
    .await
    .map_err(ServiceError::internal)?;
    h.store.mark_emailed(&[notification_id], now()).await?;
    Ok(delivered)
}

/// The scheduled job for one digest: enqueues one job per member with something waiting.
pub async fn run_digest(h: &Hearth, digest: &str, date: &str) -> Result<usize> {
    let digest = Digest::parse(digest)
        .ok_or_else(|| ServiceError::internal(format!("unknown digest {digest}")))?;
    let mut after = 0;
    let mut enqueued = 0;
    loop {
        let members = h.store.digest_recipients(digest, after, 500).await?;
        let Some(&last) = members.last() else { break };
        after = last;
        let jobs: Vec<(Job, String)> = members
            .iter()
            .map(|&member_id| {
                (
                    Job::DigestMember {
                        member_id,
                        digest: digest.as_str().to_string(),
                        date: date.to_string(),
                    },
                    format!("digest.member:{}:{date}:{member_id}", digest.as_str()),
                )
            })
            .collect();
        h.store.enqueue_jobs(&jobs, now()).await?;
        enqueued += jobs.len();
    }
    Ok(enqueued)
}

/// The job for one member's digest: every waiting notification in one mail.
pub async fn send_digest(
    h: &Hearth,
    member_id: i64,
    digest: &str,
    date: &str,
) -> Result<Delivered> {
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let which = Digest::parse(digest)
        .ok_or_else(|| ServiceError::internal(format!("unknown digest {digest}")))?;
    let digest = which.as_str();
    let items = h
        .store
        .digest_items(member_id, which, DIGEST_MAX_ITEMS)
        .await?;
    let Some(member) = h.store.member(member_id).await? else {
        return Ok(Delivered::AlreadyDone);
    };
    // Each item is decided again now (see `send_notification`); those the member may no
    // longer be told of are retired with the rest.
    let all_ids: Vec<i64> = items.iter().map(|n| n.id).collect();
    let mut items_now = Vec::with_capacity(items.len());
    for n in items {
        if super::notifications::still_visible(h, &member, n.topic_id, n.post_id).await? {
            items_now.push(n);
        }
    }
    let items = items_now;
    if items.is_empty() {
        h.store.mark_emailed(&all_ids, now()).await?;
        return Ok(Delivered::AlreadyDone);
    }
    let base = mailer.base_url.clone();
    let (community, lang, frame) = frame(h, &base, Some(&member)).await?;
    let views: Vec<Item> = items.iter().map(|n| item(&base, &lang, n)).collect();
    let subject = tr_with(
        &lang,
        "mail-digest-subject",
        &[("community", community.as_str()), ("digest", digest)],
        &[("count", i64::try_from(views.len()).unwrap_or(i64::MAX))],
    );
    let unsubscribe = unsubscribe_url(h, &base, member.id, digest).await?;
    let ctx = context! { items => crate::render::serialized(&views), digest => digest, name => member.display_name.clone(), unsubscribe_url => unsubscribe.clone(), ..frame };
    let parts = render_pair(mailer, "digest", ctx)?;
    let delivered = deliver(
        h,
        &Outgoing::to_member(
            &member,
            format!("digest:{digest}:{date}:{member_id}"),
            subject,
            parts,
            Some(unsubscribe),
        ),
    )
    .await
    .map_err(ServiceError::internal)?;
    h.store.mark_emailed(&all_ids, now()).await?;
    Ok(delivered)
}

/// The job for one admin's weekly report (`date` names the week, or the minute an admin
/// asked for it), in their language, read as they would read Insights.
pub async fn send_report(h: &Hearth, member_id: i64, date: &str) -> Result<Delivered> {
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let Some(member) = h.store.member(member_id).await? else {
        return Ok(Delivered::AlreadyDone);
    };
    let actor = hearth_core::access::Actor::from(&member);
    if !hearth_core::access::can_grant_insights(&actor) {
        return Ok(Delivered::AlreadyDone);
    }
    let r = super::report::weekly(h, &actor).await?;
    let base = mailer.base_url.clone();
    let (community, lang, frame) = frame(h, &base, Some(&member)).await?;
    let (from, to) = (
        crate::i18n::date(r.from_ms, &lang, &r.zone),
        crate::i18n::date(r.to_ms, &lang, &r.zone),
    );
    let whole = |x: f64| format!("{x:.0}");
    let hours = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |h| format!("{h:.1} h"));
    let changes = vec![
        context! { figure => "active", now => whole(r.active.now), before => whole(r.active.before) },
        context! { figure => "new", now => whole(r.new_members.now), before => whole(r.new_members.before) },
        context! { figure => "questions", now => whole(r.questions.now), before => whole(r.questions.before) },
        context! { figure => "answered", now => whole(r.answered.now), before => whole(r.answered.before) },
        context! { figure => "response", now => hours(r.median_first_response_hours.0), before => hours(r.median_first_response_hours.1) },
    ];
    let report = context! {
        from => from.clone(), to => to.clone(), health => r.health,
        sentiment_alert => r.sentiment_alert.map(|(a, b)| vec![format!("{:.0}%", a * 100.0), format!("{:.0}%", b * 100.0)]),
        champions => r.champions.iter().map(|c| context! { member_id => c.member_id, name => c.name.clone(), detail => c.detail.parse::<i64>().unwrap_or(0) }).collect::<Vec<_>>(),
        slipping => r.slipping.iter().map(|c| context! { member_id => c.member_id, name => c.name.clone(), detail => c.detail.parse::<i64>().ok() }).collect::<Vec<_>>(),
        slipping_total => r.slipping_total,
        newcomers => r.newcomers.iter().map(|c| context! { member_id => c.member_id, name => c.name.clone(), detail => c.detail.clone(), topic_id => c.topic_id }).collect::<Vec<_>>(),
    };
    let subject = tr(
        &lang,
        "mail-report-subject",
        &[
            ("community", community.as_str()),
            ("from", r.from.as_str()),
            ("to", r.to.as_str()),
        ],
    );
    let ctx = context! {
        r => report, changes => changes, name => member.display_name.clone(),
        health => r.health.map(|s| format!("{s:.0}")), ..frame
    };
    let parts = render_pair(mailer, "report", ctx)?;
    deliver(
        h,
        &Outgoing::to_member(
            &member,
            format!("insights-report:{date}:{member_id}"),
            subject,
            parts,
            None,
        ),
    )
    .await
    .map_err(ServiceError::internal)
}

/// An account mail: a heading, a paragraph, a button and a note, to `to`.
struct AccountMail<'a> {
    key: String,
    member_id: Option<i64>,
    name: String,
    to: &'a str,
    subject: String,
    heading: String,
    body: String,
    action: String,
    url: String,
    note: String,
}

async fn send_account_mail(h: &Hearth, frame: Context, m: AccountMail<'_>) -> Result<Delivered> {
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let ctx = context! {
        name => m.name.clone(), heading => m.heading, body => m.body,
        action => m.action, url => m.url, note => m.note, ..frame
    };
    let (text, html) = render_pair(mailer, "account", ctx)?;
    deliver(
        h,
        &Outgoing {
            key: m.key,
            member_id: m.member_id,
            // A change of address goes to the new one.
            to: m.to.to_string(),
            to_name: Some(m.name),
            subject: m.subject,
            text,
            html,
            unsubscribe_url: None,
        },
    )
    .await
    .map_err(ServiceError::internal)
}

/// A fresh single-use link token: the secret for the mail, its hash stored.
async fn new_token(
    h: &Hearth,
    member: &Member,
    purpose: &str,
    email: &str,
    hours: i64,
) -> Result<String> {
    let secret = super::accounts::random_secret()?;
    let at = now();
    h.store
        .create_email_token(
            &super::accounts::secret_hash(&secret),
            member.id,
            purpose,
            email,
            at,
            at + hours * 3_600_000,
        )
        .await?;
    Ok(secret)
}

/// The job behind an account mail. `nonce` keys the ledger, so one request sends one mail
/// however often the job runs.
pub async fn send_account(
    h: &Hearth,
    kind: AccountMailKind,
    job: &jobs::AccountMail,
) -> Result<Delivered> {
    let jobs::AccountMail {
        member_id,
        email,
        nonce,
    } = job;
    let (member_id, email) = (*member_id, email.as_str());
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let Some(member) = h.store.member(member_id).await? else {
        return Ok(Delivered::AlreadyDone);
    };
    let base = mailer.base_url.clone();
    let (community, lang, frame) = frame(h, &base, Some(&member)).await?;
    let key = format!("{}:{member_id}:{nonce}", kind.job(job.clone()).kind());
    let mail = match kind {
        AccountMailKind::Confirm => {
            if member.email != email || member.email_confirmed_at.is_some() {
                return Ok(Delivered::AlreadyDone);
            }
            let token = new_token(h, &member, PURPOSE_CONFIRM, email, CONFIRM_HOURS).await?;
            let args = [("community", community.as_str()), ("email", email)];
            AccountMail {
                key,
                member_id: Some(member.id),
                name: member.display_name.clone(),
                to: email,
                subject: tr(&lang, "mail-confirm-subject", &args),
                heading: tr(&lang, "mail-confirm-heading", &args),
                body: tr(&lang, "mail-confirm-body", &args),
                action: tr(&lang, "mail-confirm-action", &args),
                url: format!("{base}/confirm-email?token={token}"),
                note: tr_with(
                    &lang,
                    "mail-confirm-note",
                    &args,
                    &[("hours", CONFIRM_HOURS)],
                ),
            }
        }
        AccountMailKind::Reset => {
            let token = new_token(h, &member, PURPOSE_RESET, &member.email, RESET_HOURS).await?;
            let args = [("community", community.as_str())];
            AccountMail {
                key,
                member_id: Some(member.id),
                name: member.display_name.clone(),
                to: &member.email,
                subject: tr(&lang, "mail-reset-subject", &args),
                heading: tr(&lang, "mail-reset-heading", &args),
                body: tr(&lang, "mail-reset-body", &args),
                action: tr(&lang, "mail-reset-action", &args),
                url: format!("{base}/reset-password?token={token}"),
                note: tr_with(&lang, "mail-reset-note", &args, &[("hours", RESET_HOURS)]),
            }
        }
        AccountMailKind::Change => {
            let token = new_token(h, &member, PURPOSE_CHANGE, email, CONFIRM_HOURS).await?;
            let args = [
                ("community", community.as_str()),
                ("old", member.email.as_str()),
                ("new", email),
            ];
            AccountMail {
                key,
                member_id: Some(member.id),
                name: member.display_name.clone(),
                to: email,
                subject: tr(&lang, "mail-change-subject", &args),
                heading: tr(&lang, "mail-change-heading", &args),
                body: tr(&lang, "mail-change-body", &args),
                action: tr(&lang, "mail-change-action", &args),
                url: format!("{base}/change-email?token={token}"),
                note: tr_with(
                    &lang,
                    "mail-change-note",
                    &args,
                    &[("hours", CONFIRM_HOURS)],
                ),
            }
        }
        AccountMailKind::Changed => {
            // `email` is the old address; the member's is the new one by now.
            if member.email == email {
                return Ok(Delivered::AlreadyDone);
            }
            let args = [
                ("community", community.as_str()),
                ("old", email),
                ("new", member.email.as_str()),
            ];
            AccountMail {
                key,
                member_id: Some(member.id),
                name: member.display_name.clone(),
                to: email,
                subject: tr(&lang, "mail-changed-subject", &args),
                heading: tr(&lang, "mail-changed-heading", &args),
                body: tr(&lang, "mail-changed-body", &args),
                action: tr(&lang, "mail-changed-action", &args),
                url: format!("{base}/login"),
                note: tr(&lang, "mail-changed-note", &args),
            }
        }
    };
    send_account_mail(h, frame, mail).await
}

/// The secret of an email invitation's link: derived from its nonce with the server's
/// signing key, so the job can make the same link on every run and the queue holds no
/// secret.
pub async fn invite_secret(h: &Hearth, nonce: &str) -> Result<String> {
    let key = signing_key(h).await?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|e| ServiceError::internal(e.to_string()))?;
    mac.update(format!("invite:{nonce}").as_bytes());
    Ok(hearth_core::values::hex(&mac.finalize().into_bytes()))
}

/// The job behind an email invitation.
pub async fn send_invite(h: &Hearth, invite_id: i64, nonce: &str) -> Result<Delivered> {
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let Some(invite) = h.store.invite(invite_id).await? else {
        return Ok(Delivered::AlreadyDone);
    };
    let (Some(to), true) = (invite.email.clone(), invite.usable(now())) else {
        return Ok(Delivered::AlreadyDone);
    };
    let base = mailer.base_url.clone();
    let (community, lang, frame) = frame(h, &base, None).await?;
    let inviter = match invite.created_by {
        Some(id) => h.store.member(id).await?.map(|m| m.display_name),
        None => None,
    };
    let secret = invite_secret(h, nonce).await?;
    let days = ((invite.expires_at - now() + 86_399_999) / 86_400_000).max(1);
    let args = [("community", community.as_str())];
    let body = match &inviter {
        Some(name) => tr(
            &lang,
            "mail-invite-body-from",
            &[
                ("community", community.as_str()),
                ("inviter", name.as_str()),
            ],
        ),
        None => tr(&lang, "mail-invite-body", &args),
    };
    send_account_mail(
        h,
        frame,
        AccountMail {
            key: format!("mail.invite:{invite_id}"),
            member_id: None,
            name: tr(&lang, "mail-invite-name", &args),
            to: &to,
            subject: tr(&lang, "mail-invite-subject", &args),
            heading: tr(&lang, "mail-invite-heading", &args),
            body,
            action: tr(&lang, "mail-invite-action", &args),
            url: format!("{base}/join?invite={secret}"),
            note: tr_with(&lang, "mail-invite-note", &args, &[("days", days)]),
        },
    )
    .await
}

/// The job telling an applicant what an approver decided, with the approver's message.
pub async fn send_application_decision(h: &Hearth, application_id: i64) -> Result<Delivered> {
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let Some(app) = h.store.application(application_id).await? else {
        return Ok(Delivered::AlreadyDone);
    };
    let base = mailer.base_url.clone();
    let (community, lang, frame) = frame(h, &base, None).await?;
    let message = app.message.clone().unwrap_or_default();
    let args = [
        ("community", community.as_str()),
        ("message", message.as_str()),
    ];
    let (subject, heading, body, action, url) = if app.state == "approved" {
        (
            tr(&lang, "mail-application-approved-subject", &args),
            tr(&lang, "mail-application-approved-heading", &args),
            tr(&lang, "mail-application-approved-body", &args),
            tr(&lang, "mail-application-approved-action", &args),
            format!("{base}/login"),
        )
    } else {
        (
            tr(&lang, "mail-application-declined-subject", &args),
            tr(&lang, "mail-application-declined-heading", &args),
            tr(&lang, "mail-application-declined-body", &args),
            tr(&lang, "mail-application-declined-action", &args),
            base.clone(),
        )
    };
    send_account_mail(
        h,
        frame,
        AccountMail {
            key: format!("mail.application:{application_id}"),
            member_id: app.member_id,
            name: app.display_name.clone(),
            to: &app.email,
            subject,
            heading,
            body,
            action,
            url,
            note: tr(&lang, "mail-application-note", &args),
        },
    )
    .await
}

/// Tells every admin that webhook `webhook_id` was disabled after repeated failures, with
/// the reason and a link to its delivery log; returns how many were mailed. Once per admin
/// and disabling (the mail ledger's key names both).
pub async fn send_webhook_disabled(h: &Hearth, webhook_id: i64) -> Result<usize> {
    let Some(mailer) = &h.mailer else {
        return Ok(0);
    };
    let Some(w) = h.store.webhook(webhook_id).await? else {
        return Ok(0);
    };
    let Some(at) = w.disabled_at else {
        return Ok(0);
    };
    let base = mailer.base_url.clone();
    let mut told = 0;
    for member_id in h.store.report_recipients().await? {
        let Some(member) = h.store.member(member_id).await? else {
            continue;
        };
        let (community, lang, frame) = frame(h, &base, Some(&member)).await?;
        let reason = w.disabled_reason.clone().unwrap_or_default();
        let args = [
            ("community", community.as_str()),
            ("url", w.url.as_str()),
            ("reason", reason.as_str()),
        ];
        send_account_mail(
            h,
            frame,
            AccountMail {
                key: format!("mail.webhook_disabled:{webhook_id}:{at}:{member_id}"),
                member_id: Some(member_id),
                name: member.display_name.clone(),
                to: &member.email,
                subject: tr(&lang, "mail-webhook-disabled-subject", &args),
                heading: tr(&lang, "mail-webhook-disabled-heading", &args),
                body: tr(&lang, "mail-webhook-disabled-body", &args),
                action: tr(&lang, "mail-webhook-disabled-action", &args),
                url: format!("{base}/admin/webhooks/{webhook_id}"),
                note: tr(&lang, "mail-webhook-disabled-note", &args),
            },
        )
        .await?;
        told += 1;
    }
    Ok(told)
}

/// The admin's "send me a test email": one SMTP conversation now, its outcome in words.
pub async fn send_test(h: &Hearth, actor: &Actor) -> Result<hearth_core::Message> {
    if !actor.is_admin() {
        return Err(ServiceError::Forbidden("err-only-admins-test-mail"));
    }
    let Some(mailer) = &h.mailer else {
        return Err(ServiceError::State("err-no-mail-server"));
    };
    let member_id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let member = h
        .store
        .member(member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    let (_, lang, frame) = frame(h, &mailer.base_url, Some(&member)).await?;
    let ctx = context! {
        name => member.display_name.clone(), heading => tr(&lang, "mail-test-heading", &[]),
        body => tr(&lang, "mail-test-body", &[]),
        action => tr(&lang, "mail-test-action", &[]), url => mailer.base_url.clone(),
        note => tr(&lang, "mail-test-note", &[]), ..frame
    };
    let parts = render_pair(mailer, "account", ctx)?;
    let out = Outgoing::to_member(
        &member,
        format!("test:{member_id}:{}", now()),
        tr(&lang, "mail-test-subject", &[]),
        parts,
        None,
    );
    let sent = mailer.send_now(&out).await;
    super::audit::record(
        h,
        actor,
        AuditAction::MailTestSent,
        None,
        sent.as_ref().err().map(String::as_str),
    )
    .await;
    match sent {
        Ok(()) => Ok(hearth_core::message!(
            "done-test-mail",
            email = member.email.as_str()
        )),
        Err(e) => Err(Invalid::new(
            "smtp_url",
            hearth_core::message!("err-test-mail-failed", e = e),
        )
        .into()),
    }
}

/// A claim this old that never finished was abandoned by a worker that died.
const CLAIM_STALE_MS: i64 = 5 * 60_000;

/// Sends `out` at most once per key (see `crate::mail`).
pub async fn deliver(h: &Hearth, out: &Outgoing) -> Result<Delivered, String> {
    let Some(mailer) = &h.mailer else {
        return Ok(Delivered::NoMailer);
    };
    let now = hearth_store::now_millis();
    match h
        .store
        .claim_delivery(&out.key, out.member_id, &out.subject, now, CLAIM_STALE_MS)
        .await
        .map_err(|e| e.to_string())?
    {
        Claim::Claimed => {}
        Claim::Sent => return Ok(Delivered::AlreadyDone),
        Claim::InProgress => {
            return Err("another worker is sending this mail right now; trying again later".into());
        }
        Claim::Abandoned => {
            tracing::warn!(key = %out.key, "a mail was claimed but never finished; not sending it again");
            return Ok(Delivered::AlreadyDone);
        }
    }
    let sent = mailer.send_now(out).await;
    h.metrics.mail(if sent.is_ok() { "sent" } else { "failed" });
    match sent {
        Ok(()) => {
            h.store
                .delivery_sent(&out.key, hearth_store::now_millis())
                .await
                .map_err(|e| e.to_string())?;
            Ok(Delivered::Sent)
        }
        Err(e) => {
            if let Err(release) = h.store.release_delivery(&out.key).await {
                tracing::error!(key = %out.key, error = %release, "could not release a failed mail");
            }
            Err(e)
        }
    }
}
