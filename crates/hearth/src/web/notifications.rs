//! The notification bell: the list page and its "mark as read" form (reading changes
//! nothing: a GET that marked things read would let a picture in a post, or a prefetching
//! browser, do it; `app.js` posts the form when the page is opened), and the API
//! (`GET /api/v1/notifications`, `POST /api/v1/notifications/read`).

use super::error::AppError;
use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, CurrentMember, MaybeMember};
use super::render;
use super::views::{NotificationView, rfc3339};
use crate::app::AppState;
use crate::services::notifications;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use minijinja::context;
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(page))
        .route("/notifications/read", post(mark_read_submit))
        .route("/api/v1/notifications", get(list))
        .route("/api/v1/notifications/read", post(mark_read))
}

#[derive(Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    me: CurrentMember,
    Query(q): Query<CursorQuery>,
) -> PageResult<Response> {
    let actor = me.actor();
    let (items, next, _) = notifications::page(&state.hearth, &actor, q.cursor.as_deref()).await?;
    // The newest unread one shown, for the "mark as read" form (up to it, no further: a
    // notification that arrives meanwhile stays unread).
    let newest_unread = items
        .iter()
        .find(|s| s.notification.read_at.is_none())
        .map(|s| s.notification.id);
    let views: Vec<NotificationView> = items.iter().map(NotificationView::from).collect();
    let ctx = context! { title => "Notifications", title_key => "title-notifications", notifications => views, next_cursor => next, newest_unread => newest_unread };
    Ok(
        render(&state, &MaybeMember(Some(me.0)), "notifications.html", ctx)
            .await?
            .into_response(),
    )
}

#[derive(Deserialize)]
pub struct MarkReadForm {
    up_to_id: Option<i64>,
}

async fn mark_read_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    super::extract::PageForm(form): super::extract::PageForm<MarkReadForm>,
) -> PageResult<Response> {
    notifications::mark_read(&state.hearth, &me.actor(), form.up_to_id).await?;
    Ok(axum::response::Redirect::to("/notifications").into_response())
}

#[derive(Serialize)]
pub struct NotificationPage {
    items: Vec<NotificationView>,
    next_cursor: Option<String>,
    unread_count: i64,
}

async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<CursorQuery>,
) -> ApiResult<Json<NotificationPage>> {
    let (items, next, unread) =
        notifications::page(&state.hearth, &caller.actor, q.cursor.as_deref()).await?;
    Ok(Json(NotificationPage {
        items: items.iter().map(NotificationView::from).collect(),
        next_cursor: next,
        unread_count: unread,
    }))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// Mark read up to and including this notification; all when absent.
    #[serde(default)]
    up_to_id: Option<i64>,
}

#[derive(Serialize)]
pub struct Marked {
    marked: u64,
    read_at: String,
}

/// The body is optional: no body (or `{}`) marks everything read.
async fn mark_read(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: axum::body::Bytes,
) -> ApiResult<Json<Marked>> {
    let request: MarkRead = if body.iter().all(u8::is_ascii_whitespace) {
        MarkRead::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            if e.is_data() {
                AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid",
                    hearth_core::message!("err-json-fields", error = e.to_string()),
                )
            } else {
                AppError::bad_request(hearth_core::message!(
                    "err-json-syntax",
                    error = e.to_string()
                ))
            }
        })?
    };
    let up_to = request.up_to_id;
    let marked = notifications::mark_read(&state.hearth, &caller.actor, up_to).await?;
    Ok(Json(Marked {
        marked,
        read_at: rfc3339(hearth_store::now_millis()),
    }))
}
