//! Outgoing mail: the SMTP transport (lettre over rustls), branded text-and-HTML messages,
//! and the delivery ledger that makes sending idempotent.
//!
//! Every mail has a key naming what it is about (`reply:12:5`, `digest:daily:2026-11-22:5`).
//! [`deliver`] claims the key in the database before the SMTP conversation and records it
//! sent after: a retried job finds the key and sends nothing twice. When the server refuses
//! the mail, the claim is released so the retry may try again. When a worker dies between
//! claim and answer, nobody knows whether the mail left; it is not sent again (at most once:
//! a missing notification mail is better than a duplicate).

use crate::config::Config;
use crate::render::Context as Value;
use crate::render::Templates;
use crate::services::Hearth;
use hearth_store::mail::Claim;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A claim this old that never finished was abandoned by a worker that died.
const CLAIM_STALE_MS: i64 = 5 * 60_000;

/// Checks `smtp_url`'s shape, with a message that says what to fix.
pub fn check_smtp_url(url: &str) -> Result<(), String> {
    let Some(rest) = url
        .strip_prefix("smtp://")
        .or_else(|| url.strip_prefix("smtps://"))
    else {
        return Err(format!(
            "{:?} must start with smtp:// or smtps://",
            crate::config::redact_url(url)
        ));
    };
    let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
    let authority = authority.trim_end_matches('/');
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || host_port.starts_with('[') => (h, Some(p)),
        _ => (host_port, None),
    };
    if host.is_empty() {
        return Err("has no host (smtp://host:port)".into());
    }
    if let Some(p) = port
        && !matches!(p.parse::<u16>(), Ok(n) if n > 0)
    {
        return Err(format!("port {p:?} is not a port number"));
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("tls", "required" | "opportunistic")) if url.starts_with("smtp://") => {}
            Some(("tls", v)) => {
                return Err(format!(
                    "tls={v} is not understood: use ?tls=required or ?tls=opportunistic with smtp://, nothing with smtps://"
                ));
            }
            _ => {
                return Err(format!(
                    "unknown parameter {pair:?} (only tls= is understood)"
                ));
            }
        }
    }
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| e.to_string())?;
    Ok(())
}

/// The configured mail server and sender, with the mail templates.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    templates: Templates,
    /// `public_url` without a trailing slash: every link in a mail starts with it.
    pub base_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// The mailer for `config`, or `None` when no `smtp_url` is set.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Mailer>> {
        if config.smtp_url.is_empty() {
            return Ok(None);
        }
        config.validate()?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .map_err(|e| anyhow::anyhow!("smtp_url: {e}"))?
            .timeout(Some(SMTP_TIMEOUT))
            .pool_config(
                lettre::transport::smtp::PoolConfig::new()
                    .max_size(crate::jobs::CONCURRENCY as u32),
            )
            .build();
        Ok(Some(Mailer {
            transport,
            from: config
                .mail_from
                .parse()
                .map_err(|e| anyhow::anyhow!("mail_from: {e}"))?,
            templates: Templates::new()?,
            base_url: config.public_url.trim_end_matches('/').to_string(),
        }))
    }

    /// Renders a mail template (`mail/*.txt` or `mail/*.html`).
    pub fn render(&self, name: &str, ctx: Value) -> Result<String, String> {
        self.templates
            .render(name, ctx)
            .map_err(|e| format!("mail template {name}: {e:#}"))
    }

    fn message(&self, out: &Outgoing) -> Result<Message, String> {
        let to: Mailbox = match &out.to_name {
            Some(name) => format!("{} <{}>", quote_name(name), out.to),
            None => out.to.clone(),
        }
        .parse()
        .map_err(|e| format!("recipient {:?}: {e}", out.to))?;
        let host = self.from.email.domain().to_string();
        let id: String = out
            .key
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
            .collect();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(out.subject.clone())
            .message_id(Some(format!("<hearth.{id}@{host}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".into(),
            ));
        if let Some(url) = &out.unsubscribe_url {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(out.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(out.html.clone()),
                    ),
            )
            .map_err(|e| format!("cannot build the mail: {e}"))
    }

    /// One SMTP conversation, without the ledger (the admin's test mail).
    pub async fn send_now(&self, out: &Outgoing) -> Result<(), String> {
        let message = self.message(out)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("the mail server said: {e}"))
    }
}

/// Display names with characters that mean something in an address are quoted.
fn quote_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '\\')
        .collect();
    format!("\"{clean}\"")
}

/// One mail to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// What the mail is about, unique: the ledger's key.
    pub key: String,
    pub member_id: Option<i64>,
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe link (notification mail only; account mail has none).
    pub unsubscribe_url: Option<String>,
}

impl Outgoing {
    /// A mail to `member` at their current address.
    pub fn to_member(
        member: &hearth_core::model::Member,
        key: String,
        subject: String,
        (text, html): (String, String),
        unsubscribe_url: Option<String>,
    ) -> Outgoing {
        Outgoing {
            key,
            member_id: Some(member.id),
            to: member.email.clone(),
            to_name: Some(member.display_name.clone()),
            subject,
            text,
            html,
            unsubscribe_url,
        }
    }
}

/// What [`deliver`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    Sent,
    /// The key was sent (or abandoned) before: nothing was sent now.
    AlreadyDone,
    /// No mail server is configured.
    NoMailer,
}

/// Sends `out` at most once per key (see the module documentation).
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
    match mailer.send_now(out).await {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_are_checked_with_clear_messages() {
        for ok in [
            "smtp://127.0.0.1:2525",
            "smtp://mail.example.com",
            "smtp://mail.example.com:587?tls=required",
            "smtps://user:pa%40ss@mail.example.com:465",
        ] {
            assert_eq!(check_smtp_url(ok), Ok(()), "{ok}");
        }
        let e = check_smtp_url("smtps://u:hunter2@mail.example.com?tls=nope").unwrap_err();
        assert!(e.contains("tls=nope"), "{e}");
        let e = check_smtp_url("imap://u:hunter2@x").unwrap_err();
        assert!(e.contains("smtp://") && !e.contains("hunter2"), "{e}");
    }

    #[test]
    fn display_names_cannot_break_the_address() {
        assert_eq!(quote_name("Ann \"The\" <Baker>"), "\"Ann The <Baker>\"");
    }
}
