//! Static files embedded in the binary, the brand stylesheet (the accent colour, since the
//! CSP forbids inline styles), uploads, and the health check.

use super::error::{AppError, PageResult};
use crate::app::AppState;
use crate::services::ServiceError;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Static;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/{*path}", get(static_file))
        .route("/brand.css", get(brand_css))
        .route("/uploads/{id}", get(upload))
        .route("/healthz", get(healthz))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

async fn static_file(Path(path): Path<String>) -> Response {
    match Static::get(&path) {
        Some(file) => (
            [
                (header::CONTENT_TYPE, content_type(&path)),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            file.data.into_owned(),
        )
            .into_response(),
        None => super::error::PageError(AppError::not_found("err-not-found-file")).into_response(),
    }
}

/// Parses `#rrggbb` into (r, g, b).
fn rgb(hex: &str) -> (u8, u8, u8) {
    let p = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (p(1), p(3), p(5))
}

/// The relative luminance of #111827, the dark text colour.
const DARK_LUMINANCE: f64 = 0.0092;

/// The accent colour and a text colour that reads on it (WCAG relative luminance).
pub fn brand_css_for(accent: &str) -> String {
    let (r, g, b) = rgb(accent);
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    // Whichever of white and near-black reads better on it (WCAG contrast ratios): a
    // mid-tone accent such as #f97316 takes dark text (white would be 2.8:1).
    let with_white = 1.05 / (luminance + 0.05);
    let with_dark = (luminance + 0.05) / (DARK_LUMINANCE + 0.05);
    let on_accent = if with_dark > with_white {
        "#111827"
    } else {
        "#ffffff"
    };
    format!(
        ":root {{ --accent: {accent}; --accent-rgb: {r}, {g}, {b}; --on-accent: {on_accent}; }}\n"
    )
}

async fn brand_css(State(state): State<AppState>) -> Response {
    let accent = match state.community().await {
        Ok(Some(c)) => c.accent_color,
        _ => hearth_core::values::AccentColor::DEFAULT.to_string(),
    };
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        brand_css_for(&accent),
    )
        .into_response()
}

async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    mut parts: axum::http::request::Parts,
) -> PageResult<Response> {
    use axum::extract::FromRequestParts;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("err-not-found-file"))?;
    // A space's picture is shown only to those who may see the space; the session is read
    // only then, so avatars and the logo cost no sign-in lookup.
    let mut public = true;
    if let Some(space) = state
        .store()
        .space_with_icon(id)
        .await
        .map_err(ServiceError::from)?
    {
        let me = super::extract::MaybeMember::from_request_parts(&mut parts, &state).await?;
        crate::services::spaces::check_picture(&state.hearth, &me.actor(), &space).await?;
        public = space.visibility == hearth_core::values::Visibility::Public;
    }
    let (content_type, bytes) = state
        .store()
        .upload(id)
        .await
        .map_err(ServiceError::from)?
        .ok_or_else(|| AppError::not_found("err-not-found-file"))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if public {
            "public, max-age=86400, immutable"
        } else {
            "private, max-age=3600"
        }),
    );
    Ok(response)
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::brand_css_for;

    /// Issue 17, bug 12: white text on a mid-tone accent read at 2.3–2.8:1.
    #[test]
    fn text_on_the_accent_is_whichever_of_white_and_dark_reads_better() {
        for (accent, on) in [
            ("#f97316", "#111827"),
            ("#22c55e", "#111827"),
            ("#c2410c", "#ffffff"),
            ("#1d4ed8", "#ffffff"),
            ("#000000", "#ffffff"),
            ("#ffffff", "#111827"),
        ] {
            assert!(
                brand_css_for(accent).contains(&format!("--on-accent: {on};")),
                "{accent} takes {on}"
            );
        }
    }
}
