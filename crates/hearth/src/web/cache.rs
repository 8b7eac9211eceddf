//! The anonymous answer cache ("microcache"). What a visitor who is not signed in sees of a
//! public page or API read is the same for every such visitor, so it is kept for a moment
//! (`anonymous_cache_ms`, one second by default) and served again without touching the
//! database. Signed-in members and API tokens always get fresh answers; any write through
//! this node clears the cache; with several nodes, a visitor may see another node's change
//! up to the TTL later. Only 200 answers without cookies are kept, and the cache is bounded.

use crate::app::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most entries kept; past it the cache starts again empty.
const MAX_ENTRIES: usize = 10_000;
/// Largest answer kept.
const MAX_BODY: usize = 512 * 1024;

struct Entry {
    at: Instant,
    content_type: HeaderValue,
    body: Bytes,
}

pub struct PageCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Self {
        PageCache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, key: &str) -> Option<(HeaderValue, Bytes)> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(key)?;
        (e.at.elapsed() < self.ttl).then(|| (e.content_type.clone(), e.body.clone()))
    }

    fn put(&self, key: String, content_type: HeaderValue, body: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(
                key,
                Entry {
                    at: Instant::now(),
                    content_type,
                    body,
                },
            );
        }
    }

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// Paths whose anonymous answers are the same for everyone.
fn cacheable_path(path: &str) -> bool {
    // Feeds and calendars are not: their links and UIDs are absolute, made from the
    // request's address when no `public_url` is set, and one visitor's Host header must
    // not reach another.
    if path.ends_with(".rss") || path.ends_with(".atom") || path.ends_with(".ics") {
        return false;
    }
    path == "/"
        || path.starts_with("/s/")
        || path.starts_with("/t/")
        || path.starts_with("/api/v1/spaces")
        || path.starts_with("/api/v1/topics")
        || path.starts_with("/api/v1/posts")
}

fn is_anonymous(req: &Request) -> bool {
    let has_session = req.headers().get_all(COOKIE).iter().any(|v| {
        v.to_str()
            .is_ok_and(|c| c.contains(super::extract::SESSION_COOKIE))
    });
    !has_session && !req.headers().contains_key(AUTHORIZATION)
}

pub async fn anonymous_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    let method = req.method().clone();
    if method != Method::GET && method != Method::HEAD && method != Method::OPTIONS {
        let response = next.run(req).await;
        // Anything may have changed; anonymous visitors must see it now.
        cache.clear();
        state.forget_community();
        return response;
    }
    if cache.ttl.is_zero()
        || method != Method::GET
        || !cacheable_path(req.uri().path())
        || !is_anonymous(&req)
    {
        return next.run(req).await;
    }
    // One copy per language a visitor may have chosen in the footer.
    let key = format!(
        "{}|{}",
        crate::i18n::visitor_language().unwrap_or(""),
        req.uri()
    );
    if let Some((content_type, body)) = cache.get(&key) {
        let mut hit = ([(CONTENT_TYPE, content_type)], body).into_response();
        hit.extensions_mut()
            .insert(super::RouteLabel::AnonymousCache);
        return hit;
    }
    let response = next.run(req).await;
    let content_type = response.headers().get(CONTENT_TYPE).cloned();
    if response.status() != StatusCode::OK
        || response.headers().contains_key(SET_COOKIE)
        || content_type.is_none()
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            if let Some(ct) = content_type {
                cache.put(key, ct, bytes.clone());
            }
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => {
            tracing::warn!(error = %e, "could not buffer an answer for the cache");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the answer was too large to send",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    /// Regression: `/s/{slug}/events.ics` was cached, so one visitor's `Host` header
    /// (the UIDs' host when no `public_url` is set) reached the next visitor.
    #[test]
    fn answers_made_from_the_host_header_are_never_cached() {
        for path in [
            "/s/news/events.ics",
            "/s/news/feed.rss",
            "/s/news/feed.atom",
        ] {
            assert!(!super::cacheable_path(path), "{path}");
        }
        assert!(super::cacheable_path("/s/news"));
    }
}
