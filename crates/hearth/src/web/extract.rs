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
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "hearth_session";

/// The session secret from the cookie, if any.
pub fn session_secret(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == SESSION_COOKIE
                && value.len() == 64
                && value.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| value.to_string())
        })
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
        let member = match session_secret(parts) {
            Some(secret) => accounts::session_member(&state.hearth, &secret).await?,
            None => None,
        };
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
/// present but wrong is an error, never a silent anonymous request.
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
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Ok(ApiCaller {
                actor: Actor::Anonymous,
                member: None,
            });
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                AppError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "the Authorization header must be `Bearer <token>`",
                )
            })?;
        let client = client_address(parts);
        let member = crate::services::accounts::token_member(&state.hearth, token).await?;
        match member {
            Some(m) => Ok(ApiCaller {
                actor: Actor::from(&m),
                member: Some(m),
            }),
            None => {
                // Wrong tokens count against the client, so tokens cannot be guessed.
                let allowed = state
                    .store()
                    .rate_limit_hit(
                        &format!("token:{client}"),
                        30,
                        60_000,
                        hearth_store::now_millis(),
                    )
                    .await
                    .map_err(crate::services::ServiceError::from)?;
                if !allowed {
                    return Err(crate::services::ServiceError::RateLimited.into());
                }
                Err(AppError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "the API token is not valid (revoked or mistyped)",
                )
                .into())
            }
        }
    }
}

/// The client's address, for rate limits.
pub fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_address(parts)))
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
                format!(
                    "the JSON does not have the expected fields: {}",
                    e.body_text()
                ),
            )
            .into()),
            Err(JsonRejection::JsonSyntaxError(e)) => Err(AppError::bad_request(format!(
                "the body is not valid JSON: {}",
                e.body_text()
            ))
            .into()),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(AppError::bad_request(
                "send the body as JSON with Content-Type: application/json",
            )
            .into()),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the request body is too large",
            )
            .into()),
            Err(e) => Err(AppError::bad_request(e.body_text()).into()),
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
                    "what you sent is too large",
                )
                .into());
            }
            Err(e) => {
                return Err(AppError::bad_request(format!(
                    "the form could not be read: {}",
                    e.body_text()
                ))
                .into());
            }
        };
        for pair in bytes.split(|b| *b == b'&') {
            if std::str::from_utf8(&form_decode(pair)).is_err() {
                return Err(AppError::bad_request(
                    "the form contains text that is not valid UTF-8",
                )
                .into());
            }
        }
        serde_urlencoded::from_bytes::<T>(&bytes)
            .map(PageForm)
            .map_err(|e| AppError::bad_request(format!("the form could not be read: {e}")).into())
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

#[cfg(test)]
mod tests {
    #[test]
    fn form_components_are_percent_decoded() {
        assert_eq!(super::form_decode(b"a+b%41%zz%"), b"a bA%zz%".to_vec());
        assert!(std::str::from_utf8(&super::form_decode(b"title=%FF%FE")).is_err());
    }
}
