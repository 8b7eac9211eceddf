//! The web layer: HTML pages and the JSON API under `/api/v1`. Only this module knows HTTP,
//! HTML and JSON. One router per capability, merged here with the layers every response
//! passes through (CSRF, CSP and other security headers, body limit, compression, tracing).

pub mod account;
pub mod admin;
pub mod admin_api;
pub mod api;
pub mod api_auth;
pub mod assets;
pub mod auth;
pub mod badges;
pub mod cache;
pub mod charts;
pub mod churn;
pub mod error;
pub mod events;
pub mod experiments;
pub mod extract;
pub mod feeds;
pub mod forum;
pub mod forum_api;
pub mod goals;
pub mod health;
pub mod insights;
pub mod levels;
pub mod member_insights;
pub mod members;
pub mod membership;
pub mod moderation;
pub mod network;
pub mod notifications;
pub mod people;
pub mod points;
pub mod report;
pub mod rewards;
pub mod search;
pub mod segments;
pub mod sentiment;
pub mod value;
pub mod views;
pub mod webhooks;

use crate::app::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use error::{AppError, PageError, PageResult};
use extract::MaybeMember;
use minijinja::{Value, context};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The Content-Security-Policy sent with every response: no inline script or style, no
/// plugins, no framing. Images may come from https (Markdown images).
pub const CSP: &str = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

pub fn router(state: AppState) -> Router {
    let limit = state.config().limits.request_max_bytes;
    let router = Router::new()
        .merge(auth::router())
        .merge(account::router())
        .merge(forum::router())
        .merge(forum_api::router())
        .merge(admin::router())
        .merge(notifications::router())
        .merge(members::router())
        .merge(moderation::router())
        .merge(membership::router())
        .merge(search::router())
        .merge(feeds::router())
        .merge(events::router())
        .merge(people::router())
        .merge(insights::router())
        .merge(network::router())
        .merge(churn::router())
        .merge(value::router())
        .merge(levels::router())
        .merge(member_insights::router())
        .merge(health::router())
        .merge(goals::router())
        .merge(experiments::router())
        .merge(sentiment::router())
        .merge(report::router())
        .merge(webhooks::router())
        .merge(points::router())
        .merge(rewards::router())
        .merge(badges::router())
        .merge(segments::router())
        .merge(admin_api::router())
        .merge(assets::router())
        .nest("/api/v1", api::router())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            api_auth::resolve_api_caller,
        ))
        .layer(middleware::from_fn(label_route))
        .layer(middleware::from_fn(api_requires_token))
        .layer(middleware::from_fn(api_errors_are_json))
        .layer(middleware::from_fn(refuse_embedded))
        // Inside the anonymous cache: an answer from the cache needs no deadline (and no
        // timer per request).
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_deadline,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cache::anonymous_cache,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            render_error_pages,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), require_setup))
        // Outside the cache and the error pages: both answer in the visitor's language.
        .layer(middleware::from_fn(with_visitor_language))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            reject_oversized,
        ))
        .layer(DefaultBodyLimit::max(limit))
        .layer(CsrfLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(middleware::from_fn_with_state(state.clone(), count_request))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(CatchPanicLayer::new());
    // HSTS only over https (`public_url` starts with `https://`): browsers then use nothing
    // else for a year, so a network in the middle cannot strip TLS on a later visit. Over
    // plain http the layer is not there at all.
    let router = if state.config().secure_cookies() {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        router
    };
    router.with_state(state)
}

/// The route pattern a response answered (`/t/{id}`), for `/metrics`: the router's own
/// (a shared string, cloned without copying), or the anonymous cache's.
#[derive(Debug, Clone)]
pub enum RouteLabel {
    Matched(axum::extract::MatchedPath),
    AnonymousCache,
}

impl RouteLabel {
    pub fn as_str(&self) -> &str {
        match self {
            RouteLabel::Matched(m) => m.as_str(),
            RouteLabel::AnonymousCache => "(anonymous cache)",
        }
    }
}

/// Leaves the matched route's pattern on the response (inside the router, where it is
/// known).
async fn label_route(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .cloned();
    let mut response = next.run(req).await;
    if let Some(route) = route {
        response.extensions_mut().insert(RouteLabel::Matched(route));
    }
    response
}

/// Counts every request and its time to answer by method, route pattern and status.
async fn count_request(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    // The standard methods by name; anything else as one label, so a client inventing
    // methods cannot grow the metrics without bound.
    let method = match *req.method() {
        axum::http::Method::GET => "GET",
        axum::http::Method::HEAD => "HEAD",
        axum::http::Method::POST => "POST",
        axum::http::Method::PUT => "PUT",
        axum::http::Method::PATCH => "PATCH",
        axum::http::Method::DELETE => "DELETE",
        axum::http::Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    };
    let response = next.run(req).await;
    let route = response
        .extensions()
        .get::<RouteLabel>()
        .map_or("(no route)", RouteLabel::as_str);
    state.hearth.metrics.request(
        method,
        route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// A request's log span: its method and the route it matched (`/u/{handle}`), never the
/// path and query it came with. Those hold handles, search words and tokens, and logs must
/// hold nothing personal: an erased member must not be findable in them
/// (`tests/app/people.rs`, erasure).
fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("(no route)", |m| m.as_str());
    tracing::debug_span!("request", method = %req.method(), route)
}

/// Refuses (403) a request the browser says is for an image, a script, a frame or any
/// other embedded use (`Sec-Fetch-Dest`), except for what pages really embed: pictures,
/// static files and the brand stylesheet. A page never does work, or a download, because a
/// `![](/settings/export.zip)` or `![](/admin/people/suggestions)` in a post made a
/// reader's browser ask for it. Navigations (`document`), scripts' `fetch` (`empty`) and
/// clients that send no such header pass.
async fn refuse_embedded(req: Request, next: Next) -> Response {
    let dest = req
        .headers()
        .get("sec-fetch-dest")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("document");
    let path = req.uri().path();
    let embeddable = path.starts_with("/static/")
        || path.starts_with("/uploads/")
        || path == "/brand.css"
        || path == "/favicon.ico";
    if matches!(dest, "document" | "empty") || embeddable {
        return next.run(req).await;
    }
    let e = AppError::new(StatusCode::FORBIDDEN, "forbidden", "err-download-embedded");
    error_response(path, e)
}

/// The API routes anyone may read without a token (`GET` only): public content, the
/// community's public settings and the API's description. Every other API route needs a
/// token.
pub(crate) const ANONYMOUS_API_READS: &[&str] = &[
    "/api/v1/openapi.json",
    "/api/v1/community",
    "/api/v1/spaces",
    "/api/v1/spaces/{slug}/topics",
    "/api/v1/topics/{id}",
    "/api/v1/topics/{id}/posts",
    "/api/v1/posts/{id}",
    "/api/v1/search",
    "/api/v1/events",
    "/api/v1/events/{id}",
    "/api/v1/ledger/verify",
];

/// An API call without a token to a route that needs one is answered 401 at once, before
/// its body, query or path is read: no work and no validation for the unauthenticated
/// (and no 422 or 403 that would describe the route to them).
async fn api_requires_token(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !path.starts_with("/api/") || req.headers().contains_key(header::AUTHORIZATION) {
        return next.run(req).await;
    }
    let reads = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let open = match req.extensions().get::<axum::extract::MatchedPath>() {
        // No such route (or only the nested router's catch-all): the fallback's 404.
        None => true,
        Some(route) if route.as_str().contains("{*") => true,
        Some(route) => reads && ANONYMOUS_API_READS.contains(&route.as_str()),
    };
    if open {
        return next.run(req).await;
    }
    let mut response = error::ApiError(AppError::new(
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        "this endpoint needs an API token: send `Authorization: Bearer <token>`",
    ))
    .into_response();
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// Every error the API gives is the JSON error format, also the ones written before a
/// handler runs: axum's answers to a malformed query string, path or JSON body (plain
/// text), a method the route does not take (405, empty), a body over the limit. Their
/// words are kept as the message.
async fn api_errors_are_json(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_server_error() => "internal",
        _ => "error",
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    let body = serde_json::json!({"error": {"code": code, "message": message}});
    let mut out = (status, axum::Json(body)).into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

async fn not_found(req: Request) -> Response {
    error_response(req.uri().path(), AppError::not_found("err-not-found-page"))
}

/// `e` in the shape the path's reader expects: the API's JSON error under `/api/`, a
/// branded page elsewhere. For the layers that answer before any handler runs.
fn error_response(path: &str, e: AppError) -> Response {
    if path.starts_with("/api/") {
        error::ApiError(e).into_response()
    } else {
        PageError(e).into_response()
    }
}

/// Refuses a request whose announced length is over the limit at once, before reading
/// any of it, so that a client uploading 10 MB gets its 413 instead of a broken pipe.
/// Bodies without a length are cut off by `DefaultBodyLimit` while they are read.
async fn reject_oversized(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = body_limit(state.config(), req.uri().path());
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        return error_response(req.uri().path(), AppError::too_large(limit));
    }
    next.run(req).await
}

/// Answers 503 when a request takes longer than `request_timeout_secs`, so a client that
/// trickles its body cannot hold a connection and its handler forever. Import uploads and
/// activity batches, which may rightly take minutes, enforce their own limits instead.
async fn request_deadline(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if matches!(
        path,
        "/admin/imports" | "/api/v1/imports" | "/api/v1/activities"
    ) {
        return next.run(req).await;
    }
    // Which shape the error takes, kept without copying the path (this runs per request).
    let shape = if path.starts_with("/api/") {
        "/api/"
    } else {
        "/"
    };
    let limit = std::time::Duration::from_secs(state.config().limits.request_timeout_secs.max(1));
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => error_response(
            shape,
            AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "err-request-timeout",
            ),
        ),
    }
}

/// The largest body a path accepts: import uploads and activity batches are larger than
/// forms (their routes lift `DefaultBodyLimit` and enforce their own limit as they read).
pub fn body_limit(config: &crate::config::Config, path: &str) -> usize {
    match path {
        "/admin/imports" | "/api/v1/imports" => {
            usize::try_from(config.limits.import_max_bytes).unwrap_or(usize::MAX)
        }
        "/api/v1/activities" => people::INGEST_MAX_BYTES,
        _ => config.limits.request_max_bytes,
    }
}

/// Until the community exists, every page leads to `/setup`.
async fn require_setup(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let always_open = path == "/setup"
        || path == "/healthz"
        || path.starts_with("/static/")
        || path == "/brand.css";
    if always_open || state.is_set_up().await {
        return next.run(req).await;
    }
    if path.starts_with("/api/") {
        return error::ApiError(AppError::new(
            StatusCode::CONFLICT,
            "not_set_up",
            "err-not-set-up-api",
        ))
        .into_response();
    }
    Redirect::to("/setup").into_response()
}

/// The cookie that keeps a visitor's choice of language (the footer's switch).
pub const LANGUAGE_COOKIE: &str = "hearth_lang";

/// The language the request's `hearth_lang` cookie names, if Hearth speaks it.
fn cookie_language(headers: &axum::http::HeaderMap) -> Option<&'static str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(LANGUAGE_COOKIE)?.strip_prefix('='))
        .find_map(crate::i18n::supported)
}

/// Answers the request with the visitor's chosen language where `i18n::locale` finds it.
async fn with_visitor_language(req: Request, next: Next) -> Response {
    match cookie_language(req.headers()) {
        Some(lang) => crate::i18n::as_visitor_choosing(lang, next.run(req)).await,
        None => next.run(req).await,
    }
}

/// Renders page errors (which carry an [`AppError`]) as branded HTML pages.
async fn render_error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cookie = req.headers().get(header::COOKIE).cloned();
    let response = next.run(req).await;
    let Some(e) = response.extensions().get::<AppError>().cloned() else {
        return response;
    };
    let community = state.community().await.ok().flatten();
    // The reader's language: their session is looked up only now that there is an error.
    let reader = match cookie {
        Some(c) => {
            let (mut parts, ()) = Request::new(()).into_parts();
            parts.headers.insert(header::COOKIE, c);
            use axum::extract::FromRequestParts;
            extract::MaybeMember::from_request_parts(&mut parts, &state)
                .await
                .ok()
                .and_then(|m| m.0)
        }
        None => None,
    };
    let (lang, tz) = crate::i18n::locale(community.as_ref(), reader.as_ref());
    let title = e.status.canonical_reason().unwrap_or("Error");
    let message = sentence(&e.said.say(&lang));
    // The page as the reader sees every other page: signed in, with their menu.
    let me = extract::MaybeMember(reader);
    let page = context! { title => title, status => e.status.as_u16(), message => message.clone() };
    if let Ok(html) = render(&state, &me, "error.html", page).await {
        return (e.status, html).into_response();
    }
    // The database may be what failed: the page without the member's counts.
    let ctx = context! {
        community => community.as_ref().map(views::CommunityView::from),
        me => Value::from(()),
        needs_confirmation => false,
        needs_guidelines => false,
        is_staff => false,
        is_admin => false,
        is_reviewer => false,
        waiting => 0,
        warnings_unseen => 0,
        unread => 0,
        lang => lang.clone(),
        tz => tz,
        title => title,
        status => e.status.as_u16(),
        message => message,
    };
    match state.templates.render("error.html", ctx) {
        Ok(html) => (e.status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "cannot render the error page");
            (e.status, e.message()).into_response()
        }
    }
}

/// A message as a sentence on a page: a capital first letter and a full stop ("only
/// admins read people's records" becomes "Only admins read people's records.").
fn sentence(message: &str) -> String {
    let mut chars = message.trim().chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?', '…', ')']) {
        out.push('.');
    }
    out
}

/// Renders a page with the context every page has: the community's branding and the
/// signed-in member.
pub async fn render(
    state: &AppState,
    me: &MaybeMember,
    template: &str,
    ctx: Value,
) -> PageResult<Html<String>> {
    let community = state
        .community()
        .await
        .map_err(crate::services::ServiceError::from)?;
    let me_view = me.0.as_ref().map(|m| views::MemberView::new(m, true));
    let is_admin = me.actor().is_admin();
    let is_staff = me.actor().is_staff();
    let waiting = crate::services::moderation::waiting(&state.hearth, &me.actor()).await?;
    let (unread, warnings) = match &me.0 {
        Some(m) => crate::services::notifications::header_counts(&state.hearth, m.id).await?,
        None => (0, 0),
    };
    let (lang, tz) = crate::i18n::locale(community.as_ref(), me.0.as_ref());
    // A page may name its title by Fluent key (`title_key`, with `title_args`).
    let ctx = match localized_title(&ctx, &lang) {
        Some(title) => context! { title => title, ..ctx },
        None => ctx,
    };
    let ctx = localized_errors(ctx, &lang);
    let full = context! {
        lang => lang,
        tz => tz,
        community => community.as_ref().map(views::CommunityView::from),
        me => me_view,
        needs_confirmation => me.0.as_ref().is_some_and(|m| crate::services::accounts::must_confirm(&state.hearth, m)),
        needs_guidelines => match (&community, &me.0) {
            (Some(c), Some(m)) => crate::services::membership::must_accept_guidelines(c, m),
            _ => false,
        },
        is_admin => is_admin,
        is_staff => is_staff,
        is_reviewer => hearth_core::access::can_review_applications(&me.actor()),
        waiting => waiting,
        warnings_unseen => warnings,
        unread => unread,
        ..ctx
    };
    state
        .templates
        .render(template, full)
        .map(Html)
        .map_err(|e| {
            tracing::error!(error = %e, template, "template error");
            PageError(AppError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "err-page-failed",
            ))
        })
}

/// The names under which a page's context may carry something to say ([`said`]), alone
/// or as the `message` of a `{field, message}` map. A fixed list: looking these up costs
/// every page a few map reads, where walking the whole context would allocate.
const SAID_NAMES: &[&str] = &[
    "error",
    "reply_error",
    "prefs_error",
    "email_error",
    "password_error",
    "token_error",
    "delete_error",
    "done",
    "restriction",
];

/// Something to say (`i18n::Said`) as a value in a page's context, under one of
/// [`SAID_NAMES`]: the page says it in its reader's language ([`localized_errors`]).
pub fn said(x: impl Into<crate::i18n::Said>) -> Value {
    Value::from_object(SaidValue(x.into()))
}

/// The context value behind [`said`]; shown in English if a template ever prints it
/// without [`localized_errors`].
#[derive(Debug)]
struct SaidValue(crate::i18n::Said);

impl minijinja::value::Object for SaidValue {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Plain
    }

    fn render(self: &std::sync::Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.english())
    }
}

/// The context with what it has to say ([`said`], under [`SAID_NAMES`]) said in `lang`.
fn localized_errors(ctx: Value, lang: &str) -> Value {
    let say = |v: &Value| -> Option<String> {
        v.downcast_object_ref::<SaidValue>().map(|s| s.0.say(lang))
    };
    let mut said_here: std::collections::BTreeMap<&str, Value> = Default::default();
    for &name in SAID_NAMES {
        let Ok(v) = ctx.get_attr(name) else { continue };
        if let Some(text) = say(&v) {
            said_here.insert(name, Value::from(text));
        } else if let (Ok(field), Ok(message)) = (v.get_attr("field"), v.get_attr("message"))
            && let Some(text) = say(&message)
        {
            said_here.insert(name, context! { field => field, message => text });
        }
    }
    if said_here.is_empty() {
        return ctx;
    }
    context! { ..Value::from(said_here), ..ctx }
}

/// The title a page names by `title_key` (and `title_args`, a map), in `lang`.
fn localized_title(ctx: &Value, lang: &str) -> Option<String> {
    let key = ctx.get_attr("title_key").ok()?;
    let key = key.as_str()?;
    let mut args = Vec::new();
    if let Ok(map) = ctx.get_attr("title_args")
        && let Ok(names) = map.try_iter()
    {
        for name in names {
            let (Some(n), Ok(v)) = (name.as_str().map(str::to_string), map.get_item(&name)) else {
                continue;
            };
            let arg = match v.as_i64() {
                Some(i) => crate::i18n::Arg::Number(i as f64),
                None => crate::i18n::Arg::Text(v.to_string()),
            };
            args.push((n, arg));
        }
    }
    let refs: Vec<(&str, crate::i18n::Arg)> =
        args.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
    crate::i18n::message(lang, key, &refs)
}

/// Renders a page with a status other than 200 (form errors are 422).
pub async fn render_status(
    state: &AppState,
    me: &MaybeMember,
    status: StatusCode,
    template: &str,
    ctx: Value,
) -> Response {
    match render(state, me, template, ctx).await {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: what a page has to say reaches the template said in its reader's
    /// language, at the top level and as the message of a `{field, message}` map, through
    /// the merges `render` makes.
    #[test]
    fn said_values_are_said_in_the_readers_language() {
        let inner = context! {
            error => Some(said(hearth_core::message!("err-at-most-characters", max = 200))),
            reply_error => context! { field => "title", message => said("err-required") },
            other => "left alone",
        };
        let ctx = context! { title => "T", ..inner };
        let en = localized_errors(ctx.clone(), "en");
        assert_eq!(
            en.get_attr("error").unwrap().as_str(),
            Some("must be at most 200 characters")
        );
        let es = localized_errors(ctx, "es");
        assert_eq!(
            es.get_attr("reply_error")
                .unwrap()
                .get_attr("message")
                .unwrap()
                .as_str(),
            Some("es obligatorio")
        );
        assert_eq!(es.get_attr("other").unwrap().as_str(), Some("left alone"));
    }
}
