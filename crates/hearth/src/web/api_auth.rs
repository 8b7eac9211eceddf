//! Who is calling the API, resolved once per request before any handler: the bearer token
//! is looked up, its scopes are checked against the route (`hearth_core::access::
//! scope_needed`), and its rate a minute is counted, all before the handler reads a body or
//! a path. The caller is left in the request for the [`ApiCaller`] extractor.

use super::error::{ApiError, AppError};
use super::extract::{ApiCaller, client_address};
use crate::app::AppState;
use crate::services::{Actor, ServiceError, accounts};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;

/// Requests per token in its current minute (which starts at its first request after the
/// last minute ended), on this node. A token's limit holds per node: with several nodes
/// behind a balancer a token may make up to that many on each.
#[derive(Debug, Default)]
pub struct TokenRates {
    windows: Mutex<HashMap<i64, (i64, i64)>>,
}

impl TokenRates {
    /// Counts one request of token `id`; `false` when it is over `limit` this minute.
    pub fn hit(&self, id: i64, limit: i64, now: i64) -> bool {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 100_000 {
            // Minutes that have ended, of tokens no longer calling.
            windows.retain(|_, (start, _)| now - *start < 60_000);
        }
        let slot = windows.entry(id).or_insert((now, 0));
        if now - slot.0 >= 60_000 {
            *slot = (now, 0);
        }
        slot.1 += 1;
        slot.1 <= limit
    }
}

/// Resolves the bearer token of an API request (if any) and refuses, before the handler,
/// a token that lacks the route's scope (403 naming it) or is over its rate (429).
pub async fn resolve_api_caller(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if !req.uri().path().starts_with("/api/") || !req.headers().contains_key(AUTHORIZATION) {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let (caller, grant) = match token_caller(&parts, &state).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    if let Some(route) = parts.extensions.get::<MatchedPath>() {
        let read = matches!(parts.method, Method::GET | Method::HEAD);
        if let Err(needed) =
            hearth_core::access::token_may_call(grant.scopes.as_deref(), read, route.as_str())
        {
            return ApiError(AppError::new(
                StatusCode::FORBIDDEN,
                "insufficient_scope",
                hearth_core::message!("err-token-scope", scope = needed.as_str()),
            ))
            .into_response();
        }
    }
    let limit = grant
        .rate_per_minute
        .unwrap_or(accounts::TOKEN_DEFAULT_RATE);
    if !state
        .token_rates
        .hit(grant.id, limit, hearth_store::now_millis())
    {
        let mut response = ApiError(ServiceError::RateLimited.into()).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    }
    parts.extensions.insert(caller);
    next.run(Request::from_parts(parts, body)).await
}

/// The member behind the request's bearer token and what the token grants. A header that
/// is present but malformed, and a token that is wrong, are errors (wrong tokens count
/// against the client, so tokens cannot be guessed).
pub async fn token_caller(
    parts: &Parts,
    state: &AppState,
) -> Result<(ApiCaller, hearth_store::members::TokenGrant), ApiError> {
    // The scheme is case-insensitive (RFC 9110 §11.1): `bearer` and `BEARER` work too.
    let token = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
        .ok_or_else(|| {
            AppError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "err-auth-header",
            )
        })?;
    match accounts::token_member(&state.hearth, token).await? {
        Some((m, grant)) => Ok((
            ApiCaller {
                actor: Actor::from(&m),
                member: Some(m),
            },
            grant,
        )),
        None => {
            let client = client_address(parts, state.config());
            let allowed = state
                .store()
                .rate_limit_hit(
                    &format!("token:{client}"),
                    30,
                    60_000,
                    hearth_store::now_millis(),
                )
                .await
                .map_err(ServiceError::from)?;
            if !allowed {
                return Err(ServiceError::RateLimited.into());
            }
            Err(AppError::new(StatusCode::UNAUTHORIZED, "unauthenticated", "err-api-token").into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TokenRates;

    #[test]
    fn a_token_gets_its_rate_a_minute_and_a_new_minute_starts_afresh() {
        let rates = TokenRates::default();
        assert!((0..3).all(|_| rates.hit(7, 3, 60_000)));
        assert!(!rates.hit(7, 3, 119_999), "a fourth in the same minute");
        assert!(rates.hit(8, 3, 119_999), "another token has its own count");
        assert!(rates.hit(7, 3, 120_000), "the next minute");
        assert!(rates.hit(7, 3, 120_001) && rates.hit(7, 3, 179_999));
        assert!(!rates.hit(7, 3, 179_999));
    }
}
