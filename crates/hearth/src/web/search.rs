//! Search: the page at `/search` and `GET /api/v1/search`. The service decides what the
//! searcher may see; this module shows it.

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, MaybeMember};
use super::render_status;
use super::views::{AuthorView, SpaceView, rfc3339};
use crate::app::AppState;
use crate::services::{Actor, ServiceError, search, spaces};
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/search", get(search_page))
        .route("/api/v1/search", get(search_api))
}

#[derive(Deserialize, Serialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    space: Option<String>,
    kind: Option<String>,
    author: Option<String>,
    /// `true` (answered questions) or `false` (unanswered questions).
    answered: Option<String>,
    from: Option<String>,
    to: Option<String>,
    cursor: Option<String>,
}

#[derive(Serialize)]
pub struct ResultView {
    topic_id: i64,
    post_id: i64,
    title: String,
    /// Escaped text with `<mark>` around the words that matched.
    title_html: String,
    snippet_html: String,
    url: String,
    space: String,
    author: AuthorView,
    created_at: String,
}

#[derive(Serialize)]
pub struct SearchPage {
    items: Vec<ResultView>,
    next_cursor: Option<String>,
}

async fn run(state: &AppState, actor: &Actor, q: &SearchQuery) -> Result<SearchPage, ServiceError> {
    let answered = super::api::parse_answered(q.answered.as_deref())?;
    let input = search::SearchInput {
        q: &q.q,
        space: q.space.as_deref(),
        kind: q.kind.as_deref(),
        author: q.author.as_deref(),
        answered,
        from: q.from.as_deref(),
        to: q.to.as_deref(),
        cursor: q.cursor.as_deref(),
    };
    let (_, found, next) = search::search(&state.hearth, actor, &input).await?;
    Ok(SearchPage {
        items: found
            .into_iter()
            .map(|f| ResultView {
                url: format!("/p/{}", f.post_id),
                topic_id: f.topic_id,
                post_id: f.post_id,
                title: f.title,
                title_html: f.title_html,
                snippet_html: f.snippet_html,
                space: f.space_slug,
                author: AuthorView::from(&f.author),
                created_at: rfc3339(f.created_at),
            })
            .collect(),
        next_cursor: next,
    })
}

async fn search_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<SearchQuery>,
) -> ApiResult<Json<SearchPage>> {
    Ok(Json(run(&state, &caller.actor, &q).await?))
}

async fn search_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<SearchQuery>,
) -> PageResult<Response> {
    let actor = me.actor();
    let spaces: Vec<SpaceView> = spaces::visible_spaces(&state.hearth, &actor)
        .await?
        .iter()
        .map(SpaceView::from)
        .collect();
    let asked = !q.q.trim().is_empty();
    let (results, error, status) = if asked {
        match run(&state, &actor, &q).await {
            Ok(page) => (Some(page), None, axum::http::StatusCode::OK),
            Err(e) if search::is_input_error(&e) => {
                let status = super::auth::status_of(&e);
                (None, Some(super::said(&e)), status)
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        (None, None, axum::http::StatusCode::OK)
    };
    let next_url = results
        .as_ref()
        .and_then(|r| r.next_cursor.as_deref())
        .map(|c| {
            super::extract::page_url(
                "/search",
                &[
                    ("q", Some(q.q.as_str())),
                    ("space", q.space.as_deref()),
                    ("kind", q.kind.as_deref()),
                    ("author", q.author.as_deref()),
                    ("answered", q.answered.as_deref()),
                    ("from", q.from.as_deref()),
                    ("to", q.to.as_deref()),
                    ("cursor", Some(c)),
                ],
            )
        });
    let ctx = context! {
        title => if asked { format!("Search: {}", q.q.trim()) } else { "Search".to_string() },
        title_key => if asked { "title-search-results" } else { "title-search" },
        title_args => context! { query => q.q.trim() },
        form => Value::from(minijinja::value::Serde(&q)),
        spaces => spaces,
        results => results.map(|r| Value::from(minijinja::value::Serde(r.items))),
        next_url => next_url,
        error => error,
        kinds => ["discussion", "question", "idea", "poll", "announcement"],
    };
    Ok(render_status(&state, &me, status, "search.html", ctx).await)
}
