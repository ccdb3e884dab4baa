//! A per-node micro-cache for public pages seen by visitors who are not signed in.
//!
//! A page is reused while no transaction has committed on this node since it was rendered
//! (see `Db::generation`) and for at most [`TTL`], which bounds how stale a page can be when
//! another node made the change. Cached pages carry an `ETag`, so phones on slow links
//! revalidate with a 304 instead of downloading the page again. Signed-in visitors always get
//! a fresh, private page.

use std::time::Duration;

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{app::AppState, infra::memo::GenerationCache, web::viewer::Viewer};

/// The longest a cached page is reused.
pub const TTL: Duration = Duration::from_secs(5);
/// Bounded so that many distinct search URLs cannot grow memory (≈ 5 MB at most).
const MAX_ENTRIES: usize = 512;
const MAX_BODY: usize = 512 * 1024;

/// The cache of one node: rendered body, its content type and ETag by language and address.
pub struct PageCache(GenerationCache<(Bytes, HeaderValue, HeaderValue)>);

impl Default for PageCache {
    fn default() -> Self {
        PageCache(GenerationCache::new(TTL, MAX_ENTRIES))
    }
}

fn page_response(body: Bytes, content_type: HeaderValue, etag: HeaderValue) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, content_type);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::ETAG, etag);
    res
}

fn not_modified(req: &Request, etag: &HeaderValue) -> bool {
    req.headers().get(header::IF_NONE_MATCH).is_some_and(|v| v == etag)
}

/// Route layer for cacheable public pages.
pub async fn cache_page(req: Request, next: Next) -> Response {
    let (Some(app), Some(viewer)) = (req.extensions().get::<AppState>().cloned(), req.extensions().get::<Viewer>())
    else {
        return next.run(req).await;
    };
    if viewer.user.is_some() || viewer.flash.is_some() {
        return next.run(req).await;
    }
    let key = format!("{}|{}", viewer.lang.code(), req.uri().path_and_query().map_or("", |p| p.as_str()));
    let generation = app.db.generation();
    if let Some((body, content_type, etag)) = app.page_cache.0.get(&key, generation) {
        if not_modified(&req, &etag) {
            return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
        }
        return page_response(body, content_type, etag);
    }
    let conditional = req.headers().get(header::IF_NONE_MATCH).cloned();
    let res = next.run(req).await;
    let Some(content_type) = res.headers().get(header::CONTENT_TYPE).cloned() else { return res };
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let etag = HeaderValue::from_str(&format!("\"{}\"", &crate::infra::crypto::sha256_hex_bytes(&bytes)[..20]))
        .expect("hex is a valid header value");
    app.page_cache.0.put(key, (bytes.clone(), content_type.clone(), etag.clone()), generation);
    if conditional.as_ref() == Some(&etag) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    page_response(bytes, content_type, etag)
}
