//! Static files embedded in the binary, served under content-hashed names with long caching.

use std::sync::OnceLock;

use axum::{
    extract::Path,
    http::header,
    response::{IntoResponse, Response},
};

use crate::error::AppError;

/// One embedded file: its name before the hash, its extension, its type and its bytes.
struct Asset {
    stem: &'static str,
    ext: &'static str,
    mime: &'static str,
    body: &'static str,
}

const ASSETS: [Asset; 3] = [
    Asset { stem: "app", ext: "css", mime: "text/css; charset=utf-8", body: include_str!("../../static/app.css") },
    // Reloads the trainer's attendance page when the code changes (the page works without it).
    Asset {
        stem: "code-refresh",
        ext: "js",
        mime: "text/javascript; charset=utf-8",
        body: include_str!("../../static/code-refresh.js"),
    },
    // The survey kiosk: big answers, a queue that survives going offline, a heartbeat.
    Asset {
        stem: "kiosk",
        ext: "js",
        mime: "text/javascript; charset=utf-8",
        body: include_str!("../../static/kiosk.js"),
    },
];

/// Each asset's served name, e.g. `app.3f2a….css`, in the order of [`ASSETS`].
fn names() -> &'static [String] {
    static N: OnceLock<Vec<String>> = OnceLock::new();
    N.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| format!("{}.{}.{}", a.stem, &crate::infra::crypto::sha256_hex(a.body)[..12], a.ext))
            .collect()
    })
}

fn url(i: usize) -> &'static str {
    static U: OnceLock<Vec<String>> = OnceLock::new();
    U.get_or_init(|| names().iter().map(|n| format!("/static/{n}")).collect())[i].as_str()
}

/// The stylesheet's URL, e.g. `/static/app.3f2a….css`.
pub fn css_url() -> &'static str {
    url(0)
}

/// The attendance page's script URL, e.g. `/static/code-refresh.3f2a….js`.
pub fn code_refresh_url() -> &'static str {
    url(1)
}

/// The survey kiosk's script URL.
pub fn kiosk_url() -> &'static str {
    url(2)
}

pub async fn show_asset(Path(file): Path<String>) -> Result<Response, AppError> {
    if let Some(i) = names().iter().position(|n| *n == file) {
        let a = &ASSETS[i];
        return Ok((
            [(header::CONTENT_TYPE, a.mime), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")],
            a.body,
        )
            .into_response());
    }
    Err(AppError::NotFound)
}
