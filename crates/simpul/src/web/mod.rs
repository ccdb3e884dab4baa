//! The web layer: routes, extractors, session/CSRF, error pages, security headers, assets.

pub mod assets;
pub mod cache;
pub mod chart;
pub mod errors;
pub mod extract;
pub mod feeds;
pub mod flash;
pub mod metrics;
pub mod openapi;
pub mod page;
pub mod ratelimit;
pub mod routes;
pub mod viewer;

use std::time::Duration;

use axum::{
    Router,
    http::{HeaderName, HeaderValue, Request, header},
    middleware,
};
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, request_id::PropagateRequestIdLayer,
    set_header::SetResponseHeaderLayer, trace::TraceLayer,
};

use crate::{app::AppState, features, web::routes::RouteInfo};

pub use ratelimit::Limit;
pub use routes::{Access, Routes};

/// The route table (for the access-matrix test and the OpenAPI check).
pub fn route_table() -> Vec<RouteInfo> {
    features::routes().table()
}

/// Gives every request a fresh id (a client-sent `x-request-id` is replaced, so ids in logs
/// and audit events are always ours): a per-process random prefix and a counter.
async fn assign_request_id(mut req: axum::extract::Request, next: middleware::Next) -> axum::response::Response {
    use std::sync::{
        OnceLock,
        atomic::{AtomicU64, Ordering},
    };
    static PREFIX: OnceLock<String> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| crate::infra::crypto::random_token(4));
    let id = format!("{prefix}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(v) = HeaderValue::from_str(&id) {
        req.headers_mut().insert("x-request-id", v);
    }
    next.run(req).await
}

/// A Content-Security-Policy with no inline script and no framing.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Builds the application router with all middleware.
pub fn router(state: AppState) -> Router {
    let built = features::routes().into_parts();
    let routes = built.router;
    let secret_prefixes: std::sync::Arc<[&'static str]> = built.secret_prefixes.into();
    let x_request_id = HeaderName::from_static("x-request-id");
    // Uploads are the largest bodies; form and JSON extractors keep their own smaller limit.
    let body_limit = state.config.max_body_bytes.max(state.config.max_upload_bytes + 64 * 1024).max(built.max_body);
    let hdr = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    routes
        .fallback(errors::not_found)
        .method_not_allowed_fallback(errors::method_not_allowed)
        // The viewer (session, language, CSRF) wraps the routes; error rendering wraps the
        // viewer so that its own refusals (CSRF) get a translated page too.
        .layer(middleware::from_fn_with_state(state.clone(), viewer::load))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(errors::panic_response))
        // Inside the error rendering, so a refused body gets a translated page too.
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(middleware::from_fn(errors::refuse_oversized_head))
        .layer(middleware::from_fn_with_state(state.clone(), errors::render_errors))
        .layer(CompressionLayer::new())
        .layer(hdr(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(hdr(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(hdr(header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .layer(hdr(header::X_FRAME_OPTIONS, "DENY"))
        .layer(hdr(HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(PropagateRequestIdLayer::new(x_request_id))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(move |req: &Request<_>| {
                    let rid = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    let path = loggable_path(req.uri().path(), &secret_prefixes);
                    tracing::info_span!("http", method = %req.method(), path = %path, request_id = %rid)
                })
                .on_request(())
                // One line per request (method, path, status, latency, request id): no query
                // strings, cookies or bodies, so no personal data or secrets reach the log.
                .on_response(
                    tower_http::trace::DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Micros),
                ),
        )
        .layer(middleware::from_fn(assign_request_id))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state)
}

/// The path as the log may show it: the secret segment after a declared prefix (a private
/// follow-up key) is blanked.
fn loggable_path<'a>(path: &'a str, secret_prefixes: &[&str]) -> std::borrow::Cow<'a, str> {
    for prefix in secret_prefixes {
        if let Some(rest) = path.strip_prefix(prefix) {
            let tail = rest.find('/').map_or("", |i| &rest[i..]);
            return std::borrow::Cow::Owned(format!("{prefix}[kunci]{tail}"));
        }
    }
    std::borrow::Cow::Borrowed(path)
}

#[cfg(test)]
mod log_tests {
    #[test]
    fn follow_up_keys_never_reach_the_log() {
        let secret = ["/aspirasi/lacak/"];
        assert_eq!(
            super::loggable_path("/aspirasi/lacak/AbC123secret/sanggah", &secret),
            "/aspirasi/lacak/[kunci]/sanggah"
        );
        assert_eq!(super::loggable_path("/aspirasi/lacak/AbC123secret", &secret), "/aspirasi/lacak/[kunci]");
        assert_eq!(super::loggable_path("/berita/x", &secret), "/berita/x");
        assert!(crate::features::routes().into_parts().secret_prefixes.contains(&"/aspirasi/lacak/"));
    }
}
