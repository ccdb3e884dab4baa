//! Static files embedded in the binary, served under content-hashed names with long caching.

use std::sync::OnceLock;

use axum::{
    extract::Path,
    http::header,
    response::{IntoResponse, Response},
};

use crate::error::AppError;

const CSS: &str = include_str!("../../static/app.css");
/// Reloads the trainer's attendance page when the code changes (the page works without it).
const CODE_REFRESH_JS: &str = include_str!("../../static/code-refresh.js");

fn js_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| crate::infra::crypto::sha256_hex(CODE_REFRESH_JS)[..12].to_owned())
}

/// The attendance page's script URL, e.g. `/static/code-refresh.3f2a….js`.
pub fn code_refresh_url() -> &'static str {
    static U: OnceLock<String> = OnceLock::new();
    U.get_or_init(|| format!("/static/code-refresh.{}.js", js_hash()))
}

fn css_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| crate::infra::crypto::sha256_hex(CSS)[..12].to_owned())
}

/// The stylesheet's URL, e.g. `/static/app.3f2a….css`.
pub fn css_url() -> &'static str {
    static U: OnceLock<String> = OnceLock::new();
    U.get_or_init(|| format!("/static/app.{}.css", css_hash()))
}

pub async fn show_asset(Path(file): Path<String>) -> Result<Response, AppError> {
    if file == format!("app.{}.css", css_hash()) {
        return Ok((
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            CSS,
        )
            .into_response());
    }
    if file == format!("code-refresh.{}.js", js_hash()) {
        return Ok((
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            CODE_REFRESH_JS,
        )
            .into_response());
    }
    Err(AppError::NotFound)
}
