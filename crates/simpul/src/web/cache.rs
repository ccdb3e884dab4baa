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

/// The longest a cached page is reused: with several nodes, a change made on another node
/// that the outbox does not carry (a report's status, a KIM's profile) shows within this.
pub const TTL: Duration = Duration::from_secs(2);
/// Bounded so that many distinct search URLs cannot grow memory (≈ 5 MB at most).
const MAX_ENTRIES: usize = 512;
const MAX_BODY: usize = 512 * 1024;

/// A rendered page as cached.
#[derive(Clone)]
struct Cached {
    body: Bytes,
    content_type: HeaderValue,
    etag: HeaderValue,
    /// Set by handlers that know when their content last changed (articles).
    last_modified: Option<HeaderValue>,
}

/// The cache of one node: rendered pages by language and address.
pub struct PageCache(GenerationCache<Cached>);

impl Default for PageCache {
    fn default() -> Self {
        PageCache(GenerationCache::new(TTL, MAX_ENTRIES))
    }
}

fn page_response(c: Cached) -> Response {
    let mut res = c.body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, c.content_type);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::VARY, HeaderValue::from_static(VARY));
    h.insert(header::ETAG, c.etag);
    if let Some(lm) = c.last_modified {
        h.insert(header::LAST_MODIFIED, lm);
    }
    res
}

/// The validators a client sent back.
struct Conditions {
    if_none_match: Option<HeaderValue>,
    if_modified_since: Option<HeaderValue>,
}

impl Conditions {
    fn of(req: &Request) -> Conditions {
        Conditions {
            if_none_match: req.headers().get(header::IF_NONE_MATCH).cloned(),
            if_modified_since: req.headers().get(header::IF_MODIFIED_SINCE).cloned(),
        }
    }

    /// RFC 9110 §13.2.2: `If-None-Match` decides when present; otherwise `If-Modified-Since`
    /// (compared as the exact date we sent, which is what clients echo).
    fn not_modified(&self, c: &Cached) -> bool {
        match (&self.if_none_match, &self.if_modified_since, &c.last_modified) {
            // Weak comparison (§8.8.3.2): a proxy that compresses may mark our tag `W/`.
            (Some(inm), _, _) => inm
                .as_bytes()
                .split(|b| *b == b',')
                .map(<[u8]>::trim_ascii)
                .any(|t| t == b"*" || t.strip_prefix(b"W/").unwrap_or(t) == c.etag.as_bytes()),
            (None, Some(ims), Some(lm)) => ims == lm,
            _ => false,
        }
    }
}

/// The page depends on the language, chosen by cookie or `Accept-Language`.
const VARY: &str = "Accept-Language, Cookie";

fn not_modified_response(c: &Cached) -> Response {
    let mut res = (
        StatusCode::NOT_MODIFIED,
        [
            (header::ETAG, c.etag.clone()),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (header::VARY, HeaderValue::from_static(VARY)),
        ],
    )
        .into_response();
    if let Some(lm) = &c.last_modified {
        res.headers_mut().insert(header::LAST_MODIFIED, lm.clone());
    }
    res
}

/// Marks a response as a page shared by every visitor who is not signed in: it carries no
/// form token, so no CSRF cookie needs to be set with it (reading news sets no cookie).
#[derive(Debug, Clone, Copy)]
pub struct SharedPage;

/// Route layer for cacheable public pages.
pub async fn cache_page(req: Request, next: Next) -> Response {
    let mut res = serve_page(req, next).await;
    res.extensions_mut().insert(SharedPage);
    res
}

async fn serve_page(req: Request, next: Next) -> Response {
    let (Some(app), Some(viewer)) = (req.extensions().get::<AppState>().cloned(), req.extensions().get::<Viewer>())
    else {
        return next.run(req).await;
    };
    if viewer.user.is_some() || viewer.flash.is_some() {
        return next.run(req).await;
    }
    let key = format!("{}|{}", viewer.lang.code(), req.uri().path_and_query().map_or("", |p| p.as_str()));
    let generation = app.db.generation();
    let conditions = Conditions::of(&req);
    if let Some(c) = app.page_cache.0.get(&key, generation) {
        if conditions.not_modified(&c) {
            return not_modified_response(&c);
        }
        return page_response(c);
    }
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
    let c =
        Cached { body: bytes, content_type, etag, last_modified: parts.headers.get(header::LAST_MODIFIED).cloned() };
    app.page_cache.0.put(key, c.clone(), generation);
    if conditions.not_modified(&c) {
        return not_modified_response(&c);
    }
    page_response(c)
}
