//! What the JSON API under `/api/v1` shares: its description (`openapi.json`, served at
//! `/api/v1/openapi.json` and checked by the tests against the routes), the answer for an
//! endpoint that does not exist, and input parsing used by more than one capability. Each
//! capability's routes live in its own router (`forum_api.rs`, `events.rs`, `people.rs`,
//! ...); public content is readable without a token, as on the web.

use super::error::AppError;
use crate::app::AppState;
use crate::services::ServiceError;
use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The OpenAPI description, kept beside the code and checked by the tests against the routes.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Nested at `/api/v1`: the description and the answer for unknown endpoints.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .fallback(|| async {
            super::error::ApiError(AppError::not_found("err-not-found-endpoint"))
        })
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Parses the `answered` filter shared by the API and the space page.
pub fn parse_answered(value: Option<&str>) -> Result<Option<bool>, ServiceError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(hearth_core::Invalid::new("answered", "err-true-or-false").into()),
    }
}
