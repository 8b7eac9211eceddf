//! Who is asking: extractors for the signed-in member (session cookie) and the API caller
//! (bearer token). Handlers never read cookies or headers by hand.

use super::error::{ApiError, AppError, PageError};
use crate::app::AppState;
use crate::services::{Actor, accounts};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use hearth_core::model::Member;
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

pub const SESSION_COOKIE: &str = "hearth_session";
/// The session cookie's name when Hearth is served over https: the `__Host-` prefix makes
/// browsers refuse it unless it was set by this host, over https, for the whole site, so a
/// neighbouring subdomain cannot plant a session (cookie tossing).
pub const SECURE_SESSION_COOKIE: &str = "__Host-hearth_session";

/// The session cookie's name under `config`.
pub fn session_cookie_name(config: &crate::config::Config) -> &'static str {
    if config.secure_cookies() {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The session secret from the cookie, if any.
pub fn session_secret(parts: &Parts, config: &crate::config::Config) -> Option<String> {
    let wanted = session_cookie_name(config);
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == wanted && value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| value.to_string())
        })
}

/// The session cookie's secret, if any (for the pages that end a member's *other*
/// sessions and must know which one is this).
pub struct SessionCookie(pub Option<String>);

impl FromRequestParts<AppState> for SessionCookie {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(SessionCookie(session_secret(parts, state.config())))
    }
}

/// The member signed in through the session cookie, if any.
#[derive(Clone)]
pub struct MaybeMember(pub Option<Member>);

impl MaybeMember {
    pub fn actor(&self) -> Actor {
        self.0.as_ref().map(Actor::from).unwrap_or(Actor::Anonymous)
    }
}

impl FromRequestParts<AppState> for MaybeMember {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(m) = parts.extensions.get::<MaybeMember>() {
            return Ok(m.clone());
        }
        let member = match session_secret(parts, state.config()) {
            Some(secret) => accounts::session_member(&state.hearth, &secret).await?,
            None => None,
        };
        if let Some(m) = &member {
            state.hearth.visits.visit(m.id, hearth_store::now_millis());
        }
        let found = MaybeMember(member);
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// A signed-in member; pages redirect to the sign-in page otherwise.
pub struct CurrentMember(pub Member);

impl CurrentMember {
    pub fn actor(&self) -> Actor {
        Actor::from(&self.0)
    }
}

impl FromRequestParts<AppState> for CurrentMember {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let MaybeMember(member) = MaybeMember::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match member {
            Some(m) => Ok(CurrentMember(m)),
            None => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                let target = format!("/login?next={}", urlencode(next));
                Err(axum::response::Redirect::to(&target).into_response())
            }
        }
    }
}

/// `next` when it is a path on this site, else `/`. The one check for every redirect to a
/// place the request named (`?next=`, a form's `next`, the Referer): it must start with one
/// `/` and hold only printable ASCII (no backslash, whitespace or control character, and
/// nothing a `Location` header cannot carry), since browsers drop tabs and newlines and
/// read `\` as `/`, which would turn `/\t/evil.example` or
/// `/\\evil.example` into a jump to another site.
pub fn same_origin_path(next: &str) -> String {
    let bytes = next.as_bytes();
    let safe = bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && next.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    if safe {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// `path?k=v&…` with the parameters that have a value, encoded (for "next page" links
/// that carry a form's filters).
pub fn page_url(path: &str, params: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", urlencode(v)))
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The API caller: a member through `Authorization: Bearer`, or anonymous. A token that is
/// present but wrong is an error, never a silent anonymous request. Resolved (and its
/// scopes and rate checked) by `api_auth::resolve_api_caller` before the handler runs.
#[derive(Clone)]
pub struct ApiCaller {
    pub actor: Actor,
    pub member: Option<Member>,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(caller) = parts.extensions.get::<ApiCaller>() {
            return Ok(caller.clone());
        }
        if !parts.headers.contains_key(AUTHORIZATION) {
            return Ok(ApiCaller {
                actor: Actor::Anonymous,
                member: None,
            });
        }
        Ok(super::api_auth::token_caller(parts, state).await?.0)
    }
}

/// The client's address, for rate limits: the connection's peer, or, when the peer is a
/// trusted proxy (`trusted_proxies`), the last address in `X-Forwarded-For` that is not
/// one. An IPv6 client is keyed by its /64, the block one subscriber holds, so rotating
/// addresses within it does not reset a limit.
pub fn client_address(parts: &Parts, config: &crate::config::Config) -> String {
    // (An IPv4 client of a dual-stack socket, `::ffff:a.b.c.d`, is compared and keyed as
    // the IPv4 address it is: `Network::contains`, `connections::client_key`.)
    let Some(peer) = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "unknown".into();
    };
    let trusted = |ip: &IpAddr| config.trusts_proxy(ip);
    let mut client = peer;
    if trusted(&peer) {
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|a| a.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        // From the nearest hop back: each trusted proxy vouches for the one before it. A
        // hop that does not parse (a port, garbage) ends the walk at the last trusted
        // address; nothing further left, which the client wrote, is believed.
        for hop in forwarded.iter().rev() {
            let Some(hop) = hop else { break };
            client = *hop;
            if !trusted(hop) {
                break;
            }
        }
    }
    crate::connections::client_key(client)
}

pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_address(parts, state.config())))
    }
}

/// JSON body for the API, with errors in the API's shape: malformed JSON or text that is
/// not UTF-8 is 400, well-formed JSON of the wrong shape is 422, too large is 413.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection;
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                hearth_core::message!("err-json-fields", error = e.body_text()),
            )
            .into()),
            Err(JsonRejection::JsonSyntaxError(e)) => Err(AppError::bad_request(
                hearth_core::message!("err-json-syntax", error = e.body_text()),
            )
            .into()),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::bad_request("err-json-content-type").into())
            }
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "err-body-too-large",
            )
            .into()),
            Err(e) => Err(AppError::bad_request(crate::i18n::Said::Words(e.body_text())).into()),
        }
    }
}

/// Percent-decodes one `application/x-www-form-urlencoded` component, byte by byte.
fn form_decode(component: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(component.len());
    let mut i = 0;
    while i < component.len() {
        match component[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < component.len() => {
                let hex = std::str::from_utf8(&component[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// A URL-encoded form for pages, with errors as pages. Text that is not UTF-8, raw or
/// percent-encoded, is refused rather than silently replaced.
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = match axum::body::Bytes::from_request(req, state).await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(AppError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    "err-sent-too-large",
                )
                .into());
            }
            Err(e) => {
                return Err(AppError::bad_request(hearth_core::message!(
                    "err-form-unreadable",
                    error = e.body_text()
                ))
                .into());
            }
        };
        for pair in bytes.split(|b| *b == b'&') {
            if std::str::from_utf8(&form_decode(pair)).is_err() {
                return Err(AppError::bad_request("err-form-utf8").into());
            }
        }
        serde_urlencoded::from_bytes::<T>(&bytes)
            .map(PageForm)
            .map_err(|e| {
                AppError::bad_request(hearth_core::message!(
                    "err-form-unreadable",
                    error = e.to_string()
                ))
                .into()
            })
    }
}

/// An id from the path: a positive number, or `NotFound(what)` (a malformed id names
/// nothing that exists).
pub fn path_id(s: &str, what: &'static str) -> Result<i64, crate::services::ServiceError> {
    s.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(crate::services::ServiceError::NotFound(what))
}

/// A whole number from a submitted form's `key` (empty or absent: none), or an error that
/// names `field`.
pub fn form_number(
    f: &std::collections::BTreeMap<String, String>,
    key: &str,
    field: &'static str,
) -> Result<Option<i64>, crate::services::ServiceError> {
    match f.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| hearth_core::Invalid::new(field, "err-points-number").into()),
    }
}

#[cfg(test)]
mod tests {
    /// Rate limits behind a proxy and for IPv6: the proxy's `X-Forwarded-For` is read only
    /// from a trusted proxy, and IPv6 clients count by /64.
    #[test]
    fn clients_are_keyed_behind_trusted_proxies_and_by_ipv6_64() {
        use axum::extract::ConnectInfo;
        let config = crate::config::Config {
            trusted_proxies: vec!["10.0.0.0/8".parse().unwrap()],
            ..Default::default()
        };
        let parts = |peer: &str, xff: Option<&str>| {
            let mut req = axum::http::Request::builder();
            if let Some(x) = xff {
                req = req.header("x-forwarded-for", x);
            }
            let (mut parts, ()) = req.body(()).unwrap().into_parts();
            let addr: std::net::SocketAddr = peer.parse().unwrap();
            parts.extensions.insert(ConnectInfo(addr));
            parts
        };
        let key = |peer, xff| super::client_address(&parts(peer, xff), &config);
        assert_eq!(key("10.1.2.3:1", Some("203.0.113.9")), "203.0.113.9");
        assert_eq!(
            key("10.1.2.3:1", Some("198.51.100.1, 203.0.113.9, 10.9.9.9")),
            "203.0.113.9",
            "the last hop that is not a proxy"
        );
        assert_eq!(
            key("198.51.100.7:1", Some("203.0.113.9")),
            "198.51.100.7",
            "an untrusted peer's header is ignored"
        );
        assert_eq!(
            key("[2001:db8:1:2:aaaa::1]:1", None),
            key("[2001:db8:1:2:bbbb::9]:1", None),
            "one /64"
        );
        assert_ne!(
            key("[2001:db8:1:2::1]:1", None),
            key("[2001:db8:1:3::1]:1", None)
        );
        // Regression: on a dual-stack socket the IPv4 proxy is `::ffff:10.1.2.3`.
        assert_eq!(
            key("[::ffff:10.1.2.3]:1", Some("203.0.113.9")),
            "203.0.113.9"
        );
        // Regression: a hop that does not parse let the walk reach what the client wrote.
        assert_eq!(
            key("10.1.2.3:1", Some("6.6.6.6, 1.2.3.4:5678")),
            "10.1.2.3",
            "stops at the unreadable hop"
        );
    }

    /// Regression: `next=/%09/evil.example` and `/\\evil.example` led off the site.
    #[test]
    fn open_redirects_lead_home() {
        for bad in [
            "/\t/evil.example",
            "/\\evil.example",
            "//evil.example",
            "https://evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/a\\b",
            "/caf\u{e9}",
            "",
            "evil.example",
        ] {
            assert_eq!(super::same_origin_path(bad), "/", "{bad:?}");
        }
        for good in ["/", "/t/1/hello", "/search?q=rye%20bread"] {
            assert_eq!(super::same_origin_path(good), good);
        }
    }

    #[test]
    fn form_components_are_percent_decoded() {
        assert_eq!(super::form_decode(b"a+b%41%zz%"), b"a bA%zz%".to_vec());
        assert!(std::str::from_utf8(&super::form_decode(b"title=%FF%FE")).is_err());
    }
}
