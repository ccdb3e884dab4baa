//! Turns responses marked with [`ErrorKind`] into a translated HTML error page, or a JSON
//! problem for the API. Also the 404 fallback.

use askama::Template;
use axum::{
    Json,
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    app::AppState,
    error::{AppError, ErrorKind},
    web::{page::Page, viewer::Viewer},
};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    status: u16,
    detail: String,
}

/// Longest address taken: a whole pasted message still searches (and is cut to 500
/// characters); the HTTP server itself refuses addresses from 64 KiB.
pub const MAX_URI: usize = 32 * 1024;
/// Most header bytes and fields a browser sends; more is a cookie pile-up or an attack.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
pub const MAX_HEADER_FIELDS: usize = 100;

/// An address or header block larger than any client of ours sends gets a translated 414 or
/// 431 page (the HTTP server's own refusals, for heads even larger, come with no text).
pub async fn refuse_oversized_head(req: Request, next: Next) -> Response {
    // Requests reach us in origin form: the path and query are the address.
    if req.uri().path_and_query().map_or(0, |p| p.as_str().len()) > MAX_URI {
        return AppError::UriTooLong.into_response();
    }
    let headers = req.headers();
    let bytes: usize = headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if bytes > MAX_HEADER_BYTES || headers.len() > MAX_HEADER_FIELDS {
        return AppError::HeadersTooLarge.into_response();
    }
    next.run(req).await
}

pub async fn render_errors(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let path_and_query = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| path.clone());
    let wants_json = path.starts_with("/api/")
        || req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.starts_with("application/json"));
    let mut res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE && res.extensions().get::<ErrorKind>().is_none() {
        // The body limit answers before any handler: say it in the reader's language too.
        let viewer = res.extensions().get::<Viewer>().cloned();
        res = AppError::TooLarge.into_response();
        if let Some(v) = viewer {
            res.extensions_mut().insert(v);
        }
    }
    let Some(kind) = res.extensions().get::<ErrorKind>().cloned() else {
        return res;
    };
    let status = res.status();
    let viewer = res.extensions().get::<Viewer>().cloned();
    let lang = viewer.as_ref().map(|v| v.lang).unwrap_or_default();
    if wants_json {
        let errors: Vec<_> = kind
            .fields
            .0
            .iter()
            .map(|f| serde_json::json!({ "field": f.field, "code": f.code, "message": lang.t(&f.code) }))
            .collect();
        // Machine clients authenticate with tokens, not by signing in.
        let unauthorized = status == StatusCode::UNAUTHORIZED;
        let detail_key = if unauthorized { "error-401-api-detail" } else { kind.detail_key };
        let mut body = serde_json::json!({
            "type": "about:blank",
            "title": lang.t(kind.title_key),
            "status": status.as_u16(),
            "detail": lang.t(detail_key),
            "code": detail_key,
        });
        if !errors.is_empty() {
            body["errors"] = serde_json::Value::Array(errors);
        }
        let mut r = (status, Json(body)).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/problem+json"));
        if unauthorized {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        return r;
    }
    if status == StatusCode::UNAUTHORIZED {
        let next: String = url::form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect();
        return Redirect::to(&format!("/masuk?next={next}")).into_response();
    }
    let viewer = viewer.unwrap_or_else(|| Viewer::anonymous(lang));
    let page = Page::new(&app, &viewer, &path, kind.title_key);
    let tpl = ErrorPage { page, status: status.as_u16(), detail: lang.t(kind.detail_key) };
    let mut page = crate::web::page::render_status(status, &tpl);
    // Keep cookies set on the way (the anonymous CSRF cookie matches the page's forms).
    for c in res.headers().get_all(header::SET_COOKIE) {
        page.headers_mut().append(header::SET_COOKIE, c.clone());
    }
    page
}

/// A handler that panicked becomes a translated 500 page; the panic is logged.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let msg = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    AppError::Internal(anyhow::anyhow!("handler panicked: {msg}")).into_response()
}

/// The fallback for a known path requested with the wrong method.
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// The fallback for unknown paths.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
