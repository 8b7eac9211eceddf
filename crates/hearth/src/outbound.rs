//! Outbound webhooks, the sending half: who may be called (public addresses only, checked
//! when a subscription is made and again on every connection, against DNS rebinding), the
//! Standard Webhooks signature, the payload of each activity, and the sender the worker
//! runs every second. The `webhooks` consumer of the activity stream (`stream.rs`) queues
//! the deliveries; admins' actions are `services::webhooks`.
//!
//! Each subscription receives in order: its oldest pending delivery goes first, and a
//! delivery waiting for a retry holds back the newer ones. A failed attempt is tried again
//! after `webhook_retry_ms`, then four times longer each time (capped at 10 hours), 8
//! attempts in all; after the last, the delivery is marked failed, the subscription is
//! disabled and the owner is told by mail. Redirects are never followed.

use crate::services::{Actor, Hearth};
use base64::Engine;
use hearth_store::webhooks::{Attempt, Delivery, Webhook};
use hmac::{KeyInit, Mac};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// Attempts before a delivery is given up and its subscription disabled.
pub const MAX_ATTEMPTS: i64 = 8;

/// Longest wait between two attempts.
const MAX_BACKOFF_MS: i64 = 10 * 3_600_000;

/// Deliveries (of different subscriptions) sent at once by one node.
const CONCURRENT: usize = 8;

/// How much of a receiver's answer (in bytes) the delivery log keeps.
const RESPONSE_KEEP: usize = 2_048;

/// The prefix of a secret (Standard Webhooks).
pub const SECRET_PREFIX: &str = "whsec_";

/// Is `ip` an address on the public internet? Not loopback, private (RFC 1918, unique
/// local), link-local (169.254.0.0/16 with the cloud metadata service, fe80::/10), shared
/// (100.64.0.0/10), unspecified, broadcast, multicast, documentation or benchmarking
/// ranges; an IPv4 address inside IPv6 is judged as the IPv4 address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            // `::a.b.c.d` (IPv4-compatible, deprecated) and everything else in ::/96.
            let compatible = v6.segments()[..6].iter().all(|s| *s == 0);
            !(compatible
                || v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8
                || first == 0x0064 && v6.segments()[1] == 0xff9b)
        }
    }
}

/// Why a URL may not be called, in words for its maker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not `http://` or `https://` with a host.
    Scheme,
    /// The host does not resolve.
    Unresolved(String),
    /// It resolves to a loopback, private or link-local address (the address).
    Private(IpAddr),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Scheme => write!(
                f,
                "the URL must start with http:// or https:// and name a host"
            ),
            Refused::Unresolved(host) => write!(f, "{host} does not resolve to any address"),
            Refused::Private(ip) => write!(
                f,
                "it resolves to {ip}, a loopback, private or link-local address (allow_local_webhooks allows them)"
            ),
        }
    }
}

/// Checks that `url` may be called: http(s) with a host that resolves only to public
/// addresses (any address, with `allow_local`).
pub async fn check_url(url: &str, allow_local: bool) -> Result<reqwest::Url, Refused> {
    let (parsed, name) = target(url, allow_local)?;
    let Some(host) = name else {
        return Ok(parsed);
    };
    let port = parsed.port_or_known_default().unwrap_or(443);
    let ips: Vec<IpAddr> = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(|_| Refused::Unresolved(host.clone()))?
        .map(|a| a.ip())
        .collect();
    if ips.is_empty() {
        return Err(Refused::Unresolved(host));
    }
    check_ips(&ips, allow_local).map(|_| parsed)
}

/// The checks that need no lookup: http(s), no user name, a host, and a host given as an
/// address must be public (no resolver ever sees it). Returns the URL and its host when
/// the host is a name, for the caller to resolve (or for the sending client's resolver,
/// [`PublicOnly`], which checks every connection).
fn target(url: &str, allow_local: bool) -> Result<(reqwest::Url, Option<String>), Refused> {
    let parsed = reqwest::Url::parse(url).map_err(|_| Refused::Scheme)?;
    if !matches!(parsed.scheme(), "http" | "https") || !parsed.username().is_empty() {
        return Err(Refused::Scheme);
    }
    let name = match parsed.host() {
        Some(url::Host::Domain(d)) => Some(d.to_string()),
        Some(url::Host::Ipv4(ip)) => {
            check_ips(&[IpAddr::V4(ip)], allow_local)?;
            None
        }
        Some(url::Host::Ipv6(ip)) => {
            check_ips(&[IpAddr::V6(ip)], allow_local)?;
            None
        }
        None => return Err(Refused::Scheme),
    };
    Ok((parsed, name))
}

fn check_ips(ips: &[IpAddr], allow_local: bool) -> Result<(), Refused> {
    match ips.iter().find(|ip| !allow_local && !is_public(**ip)) {
        Some(ip) => Err(Refused::Private(*ip)),
        None => Ok(()),
    }
}

/// The resolver of the sending client: a name that resolves to any non-public address is
/// not connected to at all, so a host that answered with a public address when the
/// subscription was made cannot point at 127.0.0.1 or 169.254.169.254 later.
#[derive(Debug, Clone, Copy)]
struct PublicOnly {
    allow_local: bool,
}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_local = self.allow_local;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let ips: Vec<IpAddr> = addrs.iter().map(|a| a.ip()).collect();
            check_ips(&ips, allow_local).map_err(|e| e.to_string())?;
            if addrs.is_empty() {
                return Err(Refused::Unresolved(host).to_string().into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// The client every delivery goes through: our resolver, no redirects, no proxy from the
/// environment, the configured timeout.
pub fn client(allow_local: bool, timeout_ms: u64) -> reqwest::Result<reqwest::Client> {
    // rustls needs one process-wide crypto provider; mail installs the same (ring). A
    // second install is refused, harmlessly.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .dns_resolver(Arc::new(PublicOnly { allow_local }))
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_millis(timeout_ms.max(1)))
        .connect_timeout(Duration::from_millis(timeout_ms.clamp(1, 5_000)))
        .user_agent(concat!("Hearth-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// A new secret: `whsec_` and 24 random bytes in base64.
pub fn new_secret() -> Result<String, crate::services::ServiceError> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::services::ServiceError::internal(format!("no randomness: {e}")))?;
    Ok(format!(
        "{SECRET_PREFIX}{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// The `webhook-signature` value for `body` under `secret` (Standard Webhooks: HMAC-SHA256
/// of `id.timestamp.body` with the secret's decoded bytes, `v1,` and base64).
pub fn signature(secret: &str, msg_id: &str, timestamp: i64, body: &str) -> String {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .unwrap_or_else(|_| secret.as_bytes().to_vec());
    // HMAC takes a key of any length, so this never fails.
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key) else {
        return String::new();
    };
    mac.update(format!("{msg_id}.{timestamp}.{body}").as_bytes());
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    )
}

/// The signatures a delivery carries: the current secret's, and while a rolled secret is
/// still honoured, the previous one's too (space-separated).
fn signatures(w: &Webhook, msg_id: &str, timestamp: i64, body: &str, now: i64) -> String {
    let mut out = signature(&w.secret, msg_id, timestamp, body);
    if let (Some(old), Some(until)) = (&w.previous_secret, w.previous_until)
        && until > now
    {
        out.push(' ');
        out.push_str(&signature(old, msg_id, timestamp, body));
    }
    out
}

/// Each delivery's `webhook-id`: the same for every attempt of it.
pub fn message_id(delivery_id: i64) -> String {
    format!("msg_hearth_{delivery_id}")
}

/// How long to wait after the `attempts`-th failed attempt.
pub fn backoff_ms(base_ms: u64, attempts: i64) -> i64 {
    let base = i64::try_from(base_ms).unwrap_or(i64::MAX).max(1);
    let factor = 4i64.saturating_pow(u32::try_from(attempts.clamp(1, 30) - 1).unwrap_or(0));
    base.saturating_mul(factor).min(MAX_BACKOFF_MS)
}

/// The JSON body for `delivery`, or `None` when its subscription may not carry it (or
/// the activity is gone): `{type, timestamp, data}`, the data documented per kind in
/// `docs/WEBHOOKS.md`.
async fn payload(h: &Hearth, w: &Webhook, d: &Delivery) -> anyhow::Result<Option<String>> {
    let Some(a) = h.store.activity(d.activity_id).await? else {
        return Ok(None);
    };
    let creator = match w.created_by {
        Some(id) => h.store.member(id).await?.map(|m| Actor::from(&m)),
        None => None,
    }
    .unwrap_or(Actor::Anonymous);
    let space = match a.space_id {
        Some(id) => h.store.space(id).await?,
        None => None,
    };
    if !hearth_core::access::webhook_may_carry(
        &creator,
        w.space_id,
        w.names(&a.kind),
        &a.kind,
        space.as_ref(),
    ) {
        return Ok(None);
    }
    let base = h.config.public_url.trim_end_matches('/');
    let member = h.store.member(a.member_id).await?.map(|m| {
        serde_json::json!({"id": m.id, "handle": m.handle, "display_name": m.display_name, "url": format!("{base}/u/{}", m.handle)})
    });
    let mut data = serde_json::json!({
        "activity_id": a.id,
        "kind": a.kind,
        "channel": a.channel,
        "occurred_at": crate::render::rfc3339(a.occurred_at),
        "member": member,
        "space": space.as_ref().map(|s| serde_json::json!({"id": s.id, "slug": s.slug, "name": s.name, "url": format!("{base}/s/{}", s.slug)})),
        "target": a.target_type.as_ref().map(|t| serde_json::json!({"type": t, "id": a.target_id})),
        "properties": a.properties.as_deref().and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok()),
    });
    // The topic and post it is about, while they are live (not hidden or deleted).
    let (topic_id, post) = match (a.target_type.as_deref(), a.target_id) {
        (Some("topic"), Some(id)) => (Some(id), None),
        (Some("post"), Some(id)) => match h.store.post(id).await? {
            Some(p) if p.deleted_at.is_none() && p.hidden_at.is_none() => {
                (Some(p.topic_id), Some(p))
            }
            _ => (None, None),
        },
        _ => (None, None),
    };
    if let Some(topic) = match topic_id {
        Some(id) => h.store.topic(id).await?,
        None => None,
    } && topic.deleted_at.is_none()
        && topic.hidden_at.is_none()
        && Some(topic.space_id) == a.space_id
    {
        data["topic"] = serde_json::json!({"id": topic.id, "title": topic.title, "kind": topic.kind, "url": format!("{base}/t/{}", topic.id)});
        if let Some(p) = post {
            data["post"] = serde_json::json!({"id": p.id, "body": p.body_md, "url": format!("{base}/t/{}#post-{}", topic.id, p.id)});
        }
    }
    let body = serde_json::json!({
        "type": a.kind,
        "timestamp": crate::render::rfc3339(a.occurred_at),
        "data": data,
    });
    Ok(Some(body.to_string()))
}

/// Sends every delivery that is due, up to [`CONCURRENT`] at once (each of a different
/// subscription); returns how many were attempted.
pub async fn send_due(h: &Hearth, client: &reqwest::Client) -> anyhow::Result<usize> {
    let now = hearth_store::now_millis();
    let due = h.store.due_deliveries(now, 64).await?;
    let lease = i64::try_from(h.config.webhook_timeout_ms).unwrap_or(60_000) + 30_000;
    let mut running = tokio::task::JoinSet::new();
    let mut sent = 0;
    for d in due {
        if !h.store.lease_delivery(d.id, now, lease).await? {
            continue;
        }
        while running.len() >= CONCURRENT {
            running.join_next().await;
        }
        let (h, client) = (h.clone(), client.clone());
        running.spawn(async move {
            if let Err(e) = send_one(&h, &client, &d).await {
                tracing::warn!(delivery = d.id, error = %e, "could not send a webhook delivery");
            }
        });
        sent += 1;
    }
    while running.join_next().await.is_some() {}
    Ok(sent)
}

/// One attempt at delivery `d`, recorded whatever happens.
async fn send_one(h: &Hearth, client: &reqwest::Client, d: &Delivery) -> anyhow::Result<()> {
    let Some(w) = h.store.webhook(d.webhook_id).await? else {
        return Ok(());
    };
    let started = std::time::Instant::now();
    let payload = match &d.payload {
        Some(p) if !p.is_empty() => Some(p.clone()),
        _ => payload(h, &w, d).await?,
    };
    let now = hearth_store::now_millis();
    let Some(body) = payload else {
        let attempt = Attempt {
            payload: "",
            response_status: None,
            response_body: None,
            error: Some("not sent: this subscription may not see it"),
            duration_ms: 0,
            status: "skipped",
            next_attempt_at: now,
        };
        h.store.record_attempt(d.id, &attempt, now).await?;
        return Ok(());
    };
    let msg_id = message_id(d.id);
    let timestamp = now / 1000;
    // Checked again now (the allowance may have changed); a host name is resolved, and
    // checked, by the client's own resolver as it connects, not looked up twice.
    let outcome = match target(&w.url, h.config.allow_local_webhooks) {
        Err(refused) => Err(format!("not sent: {refused}")),
        Ok((url, _)) => {
            let sent = client
                .post(url)
                .header("content-type", "application/json")
                .header("webhook-id", &msg_id)
                .header("webhook-timestamp", timestamp.to_string())
                .header(
                    "webhook-signature",
                    signatures(&w, &msg_id, timestamp, &body, now),
                )
                .body(body.clone())
                .send()
                .await;
            match sent {
                Err(e) if e.is_timeout() => Err(format!(
                    "no answer within {} ms",
                    h.config.webhook_timeout_ms
                )),
                Err(e) => Err(describe(&e)),
                Ok(mut r) => {
                    let status = r.status();
                    let location = r
                        .headers()
                        .get("location")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    // Only the start of the answer is read: a receiver that streams
                    // gigabytes back cannot fill the sender's memory.
                    let mut head = Vec::with_capacity(RESPONSE_KEEP);
                    while head.len() < RESPONSE_KEEP {
                        match r.chunk().await {
                            Ok(Some(chunk)) => {
                                let room = RESPONSE_KEEP - head.len();
                                head.extend_from_slice(&chunk[..chunk.len().min(room)]);
                            }
                            _ => break,
                        }
                    }
                    Ok((
                        status,
                        String::from_utf8_lossy(&head).into_owned(),
                        location,
                    ))
                }
            }
        }
    };
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    // What the receiver said, and what was wrong with it (none for a 2xx).
    let (code, response, error) = match &outcome {
        Ok((s, text, _)) if s.is_success() => (Some(s.as_u16()), Some(text.as_str()), None),
        Ok((s, text, location)) => {
            let error = if s.is_redirection() {
                format!(
                    "answered {} (a redirect to {}), which is not followed",
                    s.as_u16(),
                    location.as_deref().unwrap_or("nowhere")
                )
            } else {
                format!("answered {}", s.as_u16())
            };
            (Some(s.as_u16()), Some(text.as_str()), Some(error))
        }
        Err(error) => (None, None, Some(error.clone())),
    };
    let attempts = d.attempts + 1;
    let (status, next) = match &error {
        None => ("delivered", now),
        Some(_) if attempts >= MAX_ATTEMPTS => ("failed", now),
        Some(_) => (
            "pending",
            now + backoff_ms(h.config.webhook_retry_ms, attempts),
        ),
    };
    let attempt = Attempt {
        payload: &body,
        response_status: code.map(i64::from),
        response_body: response,
        error: error.as_deref(),
        duration_ms,
        status,
        next_attempt_at: next,
    };
    h.store.record_attempt(d.id, &attempt, now).await?;
    h.metrics.webhook_attempt(status);
    if status == "failed" {
        let reason = format!(
            "delivery {} failed {MAX_ATTEMPTS} times; last: {}",
            d.id,
            error.as_deref().unwrap_or("")
        );
        h.store
            .set_webhook_disabled(w.id, Some(now), Some(&reason))
            .await?;
        h.store
            .enqueue_jobs(
                &[(
                    hearth_store::jobs::Job::WebhookDisabled { webhook_id: w.id },
                    format!("webhook.disabled:{}:{now}", w.id),
                )],
                now,
            )
            .await?;
        tracing::warn!(
            webhook = w.id,
            "a webhook was disabled after repeated failures"
        );
    }
    Ok(())
}

/// A failed request in words, without the URL's query (which may hold a key).
fn describe(e: &reqwest::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    let mut deepest = None;
    while let Some(s) = source {
        deepest = Some(s.to_string());
        source = s.source();
    }
    let kind = if e.is_connect() {
        "could not connect"
    } else {
        "the request failed"
    };
    match deepest {
        Some(why) => format!("{kind}: {why}"),
        None => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn backoff_grows_fourfold_and_stops_at_ten_hours() {
        assert_eq!(backoff_ms(5_000, 1), 5_000);
        assert_eq!(backoff_ms(5_000, 2), 20_000);
        assert_eq!(backoff_ms(5_000, 3), 80_000);
        assert_eq!(backoff_ms(5_000, 7), 20_480_000);
        assert_eq!(backoff_ms(5_000, 8), 36_000_000);
        assert_eq!(backoff_ms(5_000, 30), 36_000_000);
    }

    /// The example of the Standard Webhooks specification's test vectors.
    #[test]
    fn signatures_match_the_standard_webhooks_test_vector() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let sig = signature(
            secret,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[tokio::test]
    async fn urls_must_be_http_and_resolve_to_public_addresses() {
        for bad in [
            "ftp://example.com/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://user:pw@example.com/",
        ] {
            assert_eq!(check_url(bad, false).await, Err(Refused::Scheme), "{bad}");
        }
        assert!(matches!(
            check_url("http://127.0.0.1:9/hook", false).await,
            Err(Refused::Private(_))
        ));
        assert!(matches!(
            check_url("http://169.254.169.254/latest/meta-data", false).await,
            Err(Refused::Private(_))
        ));
        assert!(matches!(
            check_url("http://localhost:9/hook", false).await,
            Err(Refused::Private(_))
        ));
        assert!(check_url("http://127.0.0.1:9/hook", true).await.is_ok());
    }
}
