//! Extractors whose rejections are our own translated errors instead of axum's plain text.

use axum::{
    extract::{FromRequest, FromRequestParts, Request},
    http::request::Parts,
};
use serde::de::DeserializeOwned;

use crate::{app::AppState, error::AppError};

/// A URL-encoded form. A body that cannot be read as the form gives a translated 400.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|f| Form(f.0))
            .map_err(|_| AppError::BadRequest("err-bad-form"))
    }
}

/// A JSON body. Wrong types, broken UTF-8 or a wrong content type give a JSON problem.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        use axum::extract::rejection::JsonRejection;
        axum::Json::<T>::from_request(req, state).await.map(|j| Json(j.0)).map_err(|e| match e {
            JsonRejection::MissingJsonContentType(_) => AppError::BadRequest("err-json-content-type"),
            JsonRejection::JsonSyntaxError(_) => AppError::BadRequest("err-json-syntax"),
            JsonRejection::JsonDataError(_) => AppError::BadRequest("err-json-data"),
            // The body was longer than the route takes: say so (413), not "invalid JSON".
            JsonRejection::BytesRejection(b) if b.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::TooLarge
            }
            _ => AppError::BadRequest("err-json-syntax"),
        })
    }
}

/// A multipart form (file uploads); anything else gives a translated 400.
pub struct Multipart(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for Multipart {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        axum::extract::Multipart::from_request(req, state)
            .await
            .map(Multipart)
            .map_err(|_| AppError::BadRequest("err-bad-form"))
    }
}

/// Query parameters; bad ones give a translated 400.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|_| AppError::BadRequest("err-bad-query"))
    }
}

/// The form behind a destructive button: a checkbox `confirm=ya` the person must tick, so
/// nothing is deleted by a stray tap (no JavaScript confirm dialogs).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    confirm: String,
}

impl ConfirmForm {
    pub fn confirmed(&self) -> bool {
        self.confirm == "ya"
    }
}

/// Path parameters; a segment of the wrong type (`/admin/kim/abc`) gives a translated 400.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|_| AppError::BadRequest("err-bad-query"))
    }
}

/// For optional numbers in query strings: an empty value (`?kecamatan=`, what a form's
/// "all" option sends) means "not given" rather than an error.
pub fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let s: Option<String> = serde::Deserialize::deserialize(d)?;
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// The client's address: the socket peer, or, when `--trust-forwarded-for` is set because a
/// load balancer stands in front, the last address that balancer appended to
/// `X-Forwarded-For`.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        if app.config.trust_forwarded_for {
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                // Only the last entry was written by our balancer; earlier ones are the client's word.
                .next_back()
                .and_then(|ip| ip.trim().parse::<std::net::IpAddr>().ok());
            if let Some(ip) = forwarded {
                return Ok(ClientIp(ip.to_string()));
            }
        }
        let ip = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "local".into());
        Ok(ClientIp(ip))
    }
}

/// A broken or oversized multipart body as the error people see.
pub fn multipart_error(e: &axum::extract::multipart::MultipartError) -> AppError {
    body_read_error(e, e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE)
}

/// A body that could not be read: too large (the body limit, which reaches readers wrapped in
/// other errors, so it is looked for along the sources) or malformed.
pub fn body_read_error(e: &(dyn std::error::Error + 'static), too_large: bool) -> AppError {
    let mut source = Some(e);
    let mut limit = too_large;
    while let Some(err) = source {
        limit |= err.to_string().contains("length limit");
        source = err.source();
    }
    if limit { AppError::TooLarge } else { AppError::BadRequest("err-bad-form") }
}
