//! Errors at the HTTP edge. One mapping from service errors to statuses; the API answers
//! `{"error": {"code", "message", "field"?}}`, pages answer a branded error page. Causes of
//! 500s are logged and never shown.

use crate::i18n::Said;
use crate::services::ServiceError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error as the client will see it. What it says is kept as a key (`Said`): the API
/// says it in English, an error page in its reader's language.
#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub said: Said,
    pub field: Option<&'static str>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, said: impl Into<Said>) -> Self {
        AppError {
            status,
            code,
            said: said.into(),
            field: None,
        }
    }

    /// What the API answers: the message in English.
    pub fn message(&self) -> String {
        self.said.english()
    }

    pub fn bad_request(said: impl Into<Said>) -> Self {
        AppError::new(StatusCode::BAD_REQUEST, "bad_request", said)
    }

    /// Not found; `key` names the thing (`err-not-found-file`).
    pub fn not_found(key: &'static str) -> Self {
        AppError::new(StatusCode::NOT_FOUND, "not_found", key)
    }

    pub fn too_large(limit: usize) -> Self {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            hearth_core::message!("err-body-over-limit", limit = limit),
        )
    }
}

/// The one place where service errors become statuses: (status, code, field).
pub fn classify(e: &ServiceError) -> (StatusCode, &'static str, Option<&'static str>) {
    match e {
        ServiceError::Invalid(inv) => {
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some(inv.field))
        }
        ServiceError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found", None),
        ServiceError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated", None),
        ServiceError::BadCredentials => (StatusCode::UNAUTHORIZED, "bad_credentials", None),
        ServiceError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", None),
        ServiceError::Restricted(_) => (StatusCode::FORBIDDEN, "restricted", None),
        ServiceError::Conflict { field } => (StatusCode::CONFLICT, "conflict", Some(*field)),
        ServiceError::State(_) => (StatusCode::CONFLICT, "state", None),
        ServiceError::Refused(_) => (StatusCode::CONFLICT, "refused", None),
        ServiceError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "rate_limited", None),
        ServiceError::Import(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_file", None),
        ServiceError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", None),
    }
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        if let ServiceError::Internal(cause) = &e {
            tracing::error!(%cause, "internal error");
            return AppError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "err-something-went-wrong",
            );
        }
        let (status, code, field) = classify(&e);
        AppError {
            status,
            code,
            said: Said::from(&e),
            field,
        }
    }
}

impl From<hearth_core::Invalid> for AppError {
    fn from(e: hearth_core::Invalid) -> Self {
        ServiceError::Invalid(e).into()
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

/// An error from an API handler: answered as JSON.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let message = e.message();
        let body = ErrorBody {
            error: ErrorDetail {
                code: e.code,
                message: &message,
                field: e.field,
            },
        };
        (e.status, Json(body)).into_response()
    }
}

/// An error from a page handler: answered as an HTML page. The response carries the error
/// in its extensions; a middleware with access to the templates renders it.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = (self.0.status, self.0.message()).into_response();
        response.extensions_mut().insert(self.0);
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
pub type PageResult<T> = Result<T, PageError>;
