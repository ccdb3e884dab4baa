//! Static files embedded in the binary, served under content-hashed names with long caching.

use std::sync::OnceLock;

use axum::{
    extract::Path,
    http::header,
    response::{IntoResponse, Response},
};

use crate::error::AppError;

const CSS: &str = include_str!("../../static/app.css");

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
    Err(AppError::NotFound)
}
