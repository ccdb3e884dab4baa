//! One error type for the whole server. A handler returns `AppError`; the response is marked
//! with [`ErrorKind`], and the `render_errors` middleware turns it into a translated HTML
//! page or a JSON problem (RFC 9457) depending on the request. Internal causes are logged with
//! the request id and never shown.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use crate::{
    domain::{access::Forbidden, validation::FieldErrors},
    infra::db::DbError,
};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Signed in (or anonymous) but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Needs a signed-in user or a valid API token.
    #[error("unauthenticated")]
    Unauthenticated,
    /// Input failed validation; carries field → i18n code.
    #[error("invalid input")]
    Validation(FieldErrors),
    /// The request itself is malformed; carries an i18n key.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The change conflicts with existing data; carries an i18n key.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("too many requests")]
    TooManyRequests,
    /// The request body is larger than the route accepts.
    #[error("payload too large")]
    TooLarge,
    /// The path exists but not with this method (e.g. a bookmarked form address).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The address is longer than any page of ours takes (a pasted message in a link).
    #[error("uri too long")]
    UriTooLong,
    /// The request's headers are more or larger than a browser sends (often a cookie pile-up).
    #[error("header fields too large")]
    HeadersTooLarge,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// What went wrong, attached to the response for `render_errors`.
#[derive(Debug, Clone)]
pub struct ErrorKind {
    /// i18n key of the title.
    pub title_key: &'static str,
    /// i18n key of the explanation.
    pub detail_key: &'static str,
    pub fields: FieldErrors,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::UriTooLong => StatusCode::URI_TOO_LONG,
            AppError::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (title_key, detail_key, fields) = match self {
            AppError::NotFound => ("error-404-title", "error-404-detail", FieldErrors::new()),
            AppError::Forbidden => ("error-403-title", "error-403-detail", FieldErrors::new()),
            AppError::Unauthenticated => ("error-401-title", "error-401-detail", FieldErrors::new()),
            AppError::Validation(f) => ("error-422-title", "error-422-detail", f),
            AppError::BadRequest(k) => ("error-400-title", k, FieldErrors::new()),
            AppError::Conflict(k) => ("error-409-title", k, FieldErrors::new()),
            AppError::TooManyRequests => ("error-429-title", "error-429-detail", FieldErrors::new()),
            AppError::TooLarge => ("error-413-title", "err-upload-too-large", FieldErrors::new()),
            AppError::MethodNotAllowed => ("error-405-title", "error-405-detail", FieldErrors::new()),
            AppError::UriTooLong => ("error-414-title", "error-414-detail", FieldErrors::new()),
            AppError::HeadersTooLarge => ("error-431-title", "error-431-detail", FieldErrors::new()),
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                ("error-500-title", "error-500-detail", FieldErrors::new())
            }
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(ErrorKind { title_key, detail_key, fields });
        res
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<Forbidden> for AppError {
    fn from(_: Forbidden) -> Self {
        AppError::Forbidden
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;
