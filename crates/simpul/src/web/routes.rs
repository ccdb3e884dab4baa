//! The route table: every route is declared with who may use it, its rate limit, and (for the
//! JSON API) its OpenAPI operation. The same table builds the router, enforces access and
//! limits before the handler runs, produces the OpenAPI document, and lets the access-matrix
//! test enumerate every route (a route missing from the test's matrix fails it).
//!
//! ```ignore
//! Routes::new()
//!     .post("/api/v1/tips", Access::PublicOrToken(TokenScope::Write), api::submit_tip)
//!     .limit(Limit::Tips)
//!     .doc::<api::__path_submit_tip>()
//! ```

use axum::{
    Router,
    extract::Request,
    handler::Handler,
    http::Method,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{MethodRouter, get, post, put},
};
use futures_util::future::BoxFuture;
use utoipa::openapi::{RefOr, path::Paths, schema::Schema};

use crate::{
    app::AppState,
    domain::access::{Permission, TokenScope},
    error::AppError,
    web::{extract::ClientIp, ratelimit::Limit, viewer::Viewer},
};

/// Who may call a route. Services check again (and check scopes) before changing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone; a client that presents an API token must have at least this scope (a `read`
    /// token never files anything, even where no token is needed).
    PublicOrToken(TokenScope),
    /// Only visitors who are not signed in (login, registration, setup).
    Guest,
    /// Any signed-in person.
    SignedIn,
    /// A signed-in person holding this permission.
    Permission(Permission),
    /// A machine client with a valid API token carrying at least this scope.
    Token(TokenScope),
}

/// One declared route.
#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub limit: Option<Limit>,
}

/// Middleware a single route adds around itself (outside its page cache).
pub type Wrap = fn(Request, Next) -> BoxFuture<'static, Response>;

struct Entry {
    info: RouteInfo,
    router: MethodRouter<AppState>,
    wraps: Vec<Wrap>,
}

/// A router under construction, with its table.
#[derive(Default)]
pub struct Routes {
    entries: Vec<Entry>,
    paths: Paths,
    schemas: Vec<(String, RefOr<Schema>)>,
    /// The largest body any route accepts (uploads).
    max_body: usize,
    /// Path prefixes whose next segment is a secret (a private follow-up key): logs blank it.
    secret_prefixes: Vec<&'static str>,
}

/// What [`Routes::into_parts`] hands the router builder.
pub struct Built {
    pub router: Router<AppState>,
    pub table: Vec<RouteInfo>,
    pub paths: Paths,
    pub schemas: Vec<(String, RefOr<Schema>)>,
    pub max_body: usize,
    pub secret_prefixes: Vec<&'static str>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, access, get(handler))
    }

    pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, access, post(handler))
    }

    pub fn put<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::PUT, path, access, put(handler))
    }

    /// A POST carrying files (multipart), allowed a body of up to `limit` bytes.
    pub fn post_upload<H, T>(mut self, path: &'static str, access: Access, handler: H, limit: usize) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.max_body = self.max_body.max(limit);
        let mr = post(handler).layer(axum::extract::DefaultBodyLimit::max(limit));
        self.add(Method::POST, path, access, mr)
    }

    /// A public page (GET, anyone) that may be served from the page cache to visitors who are
    /// not signed in. Its HTML must not depend on the visitor beyond the language.
    pub fn page<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let mr = get(handler).route_layer(middleware::from_fn(crate::web::cache::cache_page));
        self.add(Method::GET, path, Access::Public, mr)
    }

    /// A POST that sends mail or hashes a password: limited per client address.
    pub fn post_limited<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.post(path, access, handler).limit(Limit::Sensitive)
    }

    fn add(mut self, method: Method, path: &'static str, access: Access, router: MethodRouter<AppState>) -> Self {
        self.entries.push(Entry { info: RouteInfo { method, path, access, limit: None }, router, wraps: Vec::new() });
        self
    }

    fn last(&mut self) -> &mut Entry {
        self.entries.last_mut().expect("a route is declared before its policy")
    }

    /// Rate-limits the route just declared (checked before its body is read).
    pub fn limit(mut self, limit: Limit) -> Self {
        self.last().info.limit = Some(limit);
        self
    }

    /// Wraps the route just declared in `wrap` (outside its page cache: e.g. counting views).
    pub fn wrap(mut self, wrap: Wrap) -> Self {
        self.last().wraps.push(wrap);
        self
    }

    /// Documents the route just declared with the OpenAPI operation `P` (the `__path_<handler>`
    /// type `#[utoipa::path]` generates), and the schemas it names. The operation's path and
    /// method must be the route's.
    pub fn doc<P: utoipa::Path + utoipa::__dev::SchemaReferences>(mut self) -> Self {
        let info = self.last().info.clone();
        let method = info.method.as_str().to_ascii_lowercase();
        let documented = P::methods()
            .iter()
            .any(|m| serde_json::to_value(m).ok().and_then(|v| v.as_str().map(|s| s == method)) == Some(true));
        assert!(
            P::path() == info.path && documented,
            "the OpenAPI operation for {} does not document route {} {}",
            P::path(),
            info.method,
            info.path
        );
        self.paths.add_path_operation(P::path(), P::methods(), P::operation());
        P::schemas(&mut self.schemas);
        self
    }

    /// Paths under `prefix` carry a secret in their next segment: the request log blanks it.
    pub fn secret_in_path(mut self, prefix: &'static str) -> Self {
        self.secret_prefixes.push(prefix);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.entries.extend(other.entries);
        self.paths.merge(other.paths);
        self.schemas.extend(other.schemas);
        self.max_body = self.max_body.max(other.max_body);
        self.secret_prefixes.extend(other.secret_prefixes);
        self
    }

    /// The declared routes, without building a router (for tests and documentation).
    pub fn table(&self) -> Vec<RouteInfo> {
        self.entries.iter().map(|e| e.info.clone()).collect()
    }

    pub fn into_parts(self) -> Built {
        let table = self.table();
        let mut router = Router::new();
        for Entry { info, router: mut mr, wraps } in self.entries {
            for w in wraps {
                mr = mr.route_layer(middleware::from_fn(w));
            }
            if let Some(limit) = info.limit {
                mr = mr.route_layer(middleware::from_fn(move |req: Request, next: Next| enforce(limit, req, next)));
            }
            let access = info.access;
            mr = mr.route_layer(middleware::from_fn(move |req: Request, next: Next| check(access, req, next)));
            router = router.route(info.path, mr);
        }
        Built {
            router,
            table,
            paths: self.paths,
            schemas: self.schemas,
            max_body: self.max_body,
            secret_prefixes: self.secret_prefixes,
        }
    }
}

async fn check(access: Access, req: Request, next: Next) -> Response {
    let Some(viewer) = req.extensions().get::<Viewer>() else {
        return AppError::Internal(anyhow::anyhow!("viewer missing")).into_response();
    };
    let token_allows = |required: TokenScope| viewer.token.as_ref().is_some_and(|t| t.scope.allows(required));
    let verdict = match access {
        Access::Public => Ok(()),
        Access::PublicOrToken(_) if viewer.token.is_none() => Ok(()),
        Access::PublicOrToken(required) if token_allows(required) => Ok(()),
        Access::PublicOrToken(_) => Err(Redirect::Error(AppError::Forbidden)),
        Access::Guest if viewer.user.is_some() => Err(Redirect::Home),
        Access::Guest => Ok(()),
        Access::SignedIn if viewer.user.is_none() => Err(Redirect::Error(AppError::Unauthenticated)),
        Access::SignedIn => Ok(()),
        Access::Permission(p) => match &viewer.user {
            None => Err(Redirect::Error(AppError::Unauthenticated)),
            Some(_) if viewer.can(p) => Ok(()),
            Some(_) => Err(Redirect::Error(AppError::Forbidden)),
        },
        Access::Token(_) if viewer.token.is_none() => Err(Redirect::Error(AppError::Unauthenticated)),
        Access::Token(required) if token_allows(required) => Ok(()),
        Access::Token(_) => Err(Redirect::Error(AppError::Forbidden)),
    };
    match verdict {
        Ok(()) => next.run(req).await,
        Err(Redirect::Home) => axum::response::Redirect::to("/").into_response(),
        Err(Redirect::Error(e)) => e.into_response(),
    }
}

/// Counts the request against its route's limit; over it, a 429 before the body is read.
async fn enforce(limit: Limit, req: Request, next: Next) -> Response {
    let Some(app) = req.extensions().get::<AppState>().cloned() else {
        return AppError::Internal(anyhow::anyhow!("app state missing")).into_response();
    };
    let (mut parts, body) = req.into_parts();
    let Ok(ip) = <ClientIp as axum::extract::FromRequestParts<AppState>>::from_request_parts(&mut parts, &app).await;
    let viewer = parts.extensions.get::<Viewer>();
    if !app.limits.allow(limit, viewer, &ip.0).await {
        return AppError::TooManyRequests.into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

enum Redirect {
    Home,
    Error(AppError),
}
