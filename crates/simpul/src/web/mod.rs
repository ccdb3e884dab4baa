//! The web layer: routes, extractors, session/CSRF, error pages, security headers, assets.

pub mod assets;
pub mod errors;
pub mod extract;
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
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::{app::AppState, features, web::routes::RouteInfo};

pub use routes::{Access, Routes};

/// Every route of the application, with its declared access.
pub fn all_routes() -> Routes {
    features::home::routes()
        .merge(features::accounts::routes())
        .merge(features::users::routes())
        .merge(features::regions::routes())
        .merge(features::kim::routes())
        .merge(features::opd::routes())
        .merge(features::audit::routes())
        .merge(features::tokens::routes())
        .merge(features::admin::routes())
}

/// The route table (for the access-matrix test and the OpenAPI check).
pub fn route_table() -> Vec<RouteInfo> {
    all_routes().into_parts().1
}

#[derive(Clone)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&crate::infra::crypto::random_token(9))
            .ok()
            .map(RequestId::new)
    }
}

/// A Content-Security-Policy with no inline script and no framing.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Builds the application router with all middleware.
pub fn router(state: AppState) -> Router {
    let (routes, _) = all_routes().into_parts();
    let x_request_id = HeaderName::from_static("x-request-id");
    let body_limit = state.config.max_body_bytes;
    let hdr = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    routes
        .fallback(errors::not_found)
        // The viewer (session, language, CSRF) wraps the routes; error rendering wraps the
        // viewer so that its own refusals (CSRF) get a translated page too.
        .layer(middleware::from_fn_with_state(state.clone(), viewer::load))
        .layer(middleware::from_fn_with_state(state.clone(), errors::render_errors))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(CompressionLayer::new())
        .layer(hdr(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(hdr(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(hdr(header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .layer(hdr(header::X_FRAME_OPTIONS, "DENY"))
        .layer(hdr(HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
            let rid = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path(), request_id = %rid)
        }).on_request(()).on_response(tower_http::trace::DefaultOnResponse::new().latency_unit(tower_http::LatencyUnit::Micros)))
        .layer(SetRequestIdLayer::new(x_request_id, RandomRequestId))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .with_state(state)
}
