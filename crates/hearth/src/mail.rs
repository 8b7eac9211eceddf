//! Outgoing mail: the SMTP transport (lettre over rustls) and branded text-and-HTML
//! messages. It knows the configuration and the templates (`render`), nothing of services.
//!
//! Every mail has a key naming what it is about (`reply:12:5`, `digest:daily:2026-11-22:5`).
//! `services::email::deliver` claims the key in the database before the SMTP conversation and records it
//! sent after: a retried job finds the key and sends nothing twice. When the server refuses
//! the mail, the claim is released so the retry may try again. When a worker dies between
//! claim and answer, nobody knows whether the mail left; it is not sent again (at most once:
//! a missing notification mail is better than a duplicate).

use crate::config::Config;
use crate::render::Context as Value;
use crate::render::Templates;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

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
                    .max_size(crate::config::JOB_CONCURRENCY as u32),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_cannot_break_the_address() {
        assert_eq!(quote_name("Ann \"The\" <Baker>"), "\"Ann The <Baker>\"");
    }
}
