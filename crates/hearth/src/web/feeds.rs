//! RSS 2.0 and Atom feeds of the newest topics, for the community (`/feed.rss`,
//! `/feed.atom`) and per space (`/s/{slug}/feed.rss`, `/s/{slug}/feed.atom`). Public
//! content only: a feed is read anonymously, so a members-only or private space has no
//! feed (404, as for any visitor).

use super::error::PageResult;
use crate::app::AppState;
use crate::services::{Actor, ServiceError, spaces};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hearth_core::values::Visibility;
use minijinja::context;
use serde::Serialize;

/// Entries in a feed.
const ENTRIES: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feed.rss", get(community_rss))
        .route("/feed.atom", get(community_atom))
        .route("/s/{slug}/feed.rss", get(space_rss))
        .route("/s/{slug}/feed.atom", get(space_atom))
}

#[derive(Serialize)]
struct FeedView {
    title: String,
    description: String,
    html_url: String,
    self_url: String,
    updated_3339: String,
    updated_2822: Option<String>,
}

#[derive(Serialize)]
struct EntryView {
    title: String,
    url: String,
    author: String,
    space: String,
    space_slug: String,
    content_html: String,
    published_3339: String,
    published_2822: String,
    updated_3339: String,
}

fn rfc2822(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms / 1000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc2822)
                .ok()
        })
        .unwrap_or_default()
}

/// The site's address for absolute links: `public_url`, or the address the request came
/// to.
pub(super) fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let configured = state.config().public_url.trim_end_matches('/');
    if !configured.is_empty() {
        return configured.to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

async fn feed(
    state: &AppState,
    headers: &HeaderMap,
    slug: Option<&str>,
    atom: bool,
) -> PageResult<Response> {
    let community = state
        .community()
        .await
        .map_err(ServiceError::from)?
        .ok_or(ServiceError::NotFound("err-not-found-community"))?;
    let base = base_url(state, headers);
    let space = match slug {
        Some(slug) => {
            let space = spaces::space(&state.hearth, &Actor::Anonymous, slug).await?;
            if space.visibility != Visibility::Public {
                return Err(ServiceError::NotFound("err-not-found-space").into());
            }
            Some(space)
        }
        None => None,
    };
    let entries = state
        .store()
        .feed_entries(space.as_ref().map(|s| s.id), ENTRIES)
        .await
        .map_err(ServiceError::from)?;
    let (title, description, html_path, self_path) = match &space {
        Some(s) => (
            format!("{} — {}", community.name, s.name),
            s.description
                .clone()
                .unwrap_or_else(|| format!("New topics in {}", s.name)),
            format!("/s/{}", s.slug),
            format!("/s/{}/feed.{}", s.slug, if atom { "atom" } else { "rss" }),
        ),
        None => (
            community.name.clone(),
            community
                .tagline
                .clone()
                .unwrap_or_else(|| format!("New topics at {}", community.name)),
            "/".to_string(),
            format!("/feed.{}", if atom { "atom" } else { "rss" }),
        ),
    };
    let updated = entries
        .iter()
        .map(|e| e.edited_at.unwrap_or(e.created_at).max(e.created_at))
        .max()
        .unwrap_or(community.created_at);
    let view = FeedView {
        title,
        description,
        html_url: format!("{base}{html_path}"),
        self_url: format!("{base}{self_path}"),
        updated_3339: super::views::rfc3339(updated),
        updated_2822: (!entries.is_empty()).then(|| rfc2822(updated)),
    };
    let items: Vec<EntryView> = entries
        .iter()
        .map(|e| EntryView {
            title: e.title.clone(),
            url: format!("{base}/t/{}", e.topic_id),
            author: e.author.display_name.clone(),
            space: e.space_name.clone(),
            space_slug: e.space_slug.clone(),
            content_html: e.body_html.clone(),
            published_3339: super::views::rfc3339(e.created_at),
            published_2822: rfc2822(e.created_at),
            updated_3339: super::views::rfc3339(e.edited_at.unwrap_or(e.created_at)),
        })
        .collect();
    let (template, content_type) = if atom {
        ("feeds/atom.xml", "application/atom+xml; charset=utf-8")
    } else {
        ("feeds/rss.xml", "application/rss+xml; charset=utf-8")
    };
    let ctx = context! {
        feed => minijinja::Value::from(minijinja::value::Serde(view)),
        entries => minijinja::Value::from(minijinja::value::Serde(items)),
    };
    let body = state.templates.render(template, ctx).map_err(|e| {
        tracing::error!(error = %e, template, "feed template error");
        ServiceError::internal("the feed could not be written")
    })?;
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, content_type)], body).into_response())
}

async fn community_rss(State(state): State<AppState>, headers: HeaderMap) -> PageResult<Response> {
    feed(&state, &headers, None, false).await
}

async fn community_atom(State(state): State<AppState>, headers: HeaderMap) -> PageResult<Response> {
    feed(&state, &headers, None, true).await
}

async fn space_rss(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    feed(&state, &headers, Some(&slug), false).await
}

async fn space_atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    feed(&state, &headers, Some(&slug), true).await
}
