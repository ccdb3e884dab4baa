//! The route table: every route is declared with who may use it. The same table builds the
//! router, enforces access before the handler runs, and lets the access-matrix test enumerate
//! every route (a route missing from the test's matrix fails it).

use axum::{
    Router,
    extract::Request,
    handler::Handler,
    http::Method,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{MethodRouter, get, post, put},
};

use crate::{
    app::AppState,
    domain::access::{Permission, TokenScope},
    error::AppError,
    web::{extract::ClientIp, viewer::Viewer},
};

/// Who may call a route. Services check again (and check scopes) before changing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
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
}

/// A router under construction, with its table.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

impl Default for Routes {
    fn default() -> Self {
        Routes { router: Router::new(), table: Vec::new() }
    }
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

    /// A POST carrying a file (multipart), allowed a body of up to `limit` bytes.
    pub fn post_upload<H, T>(self, path: &'static str, access: Access, handler: H, limit: usize) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
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

    /// A POST that sends mail or hashes a password: also limited per client address
    /// (`App::sensitive_limiter`), so it cannot be used to flood mailboxes or the CPU.
    pub fn post_limited<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let mr = post(handler).route_layer(middleware::from_fn(limit_sensitive));
        self.add(Method::POST, path, access, mr)
    }

    fn add(mut self, method: Method, path: &'static str, access: Access, mr: MethodRouter<AppState>) -> Self {
        let mr = mr.route_layer(middleware::from_fn(move |req: Request, next: Next| check(access, req, next)));
        self.router = self.router.route(path, mr);
        self.table.push(RouteInfo { method, path, access });
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.table)
    }
}

async fn check(access: Access, req: Request, next: Next) -> Response {
    let Some(viewer) = req.extensions().get::<Viewer>() else {
        return AppError::Internal(anyhow::anyhow!("viewer missing")).into_response();
    };
    let verdict = match access {
        Access::Public => Ok(()),
        Access::Guest if viewer.user.is_some() => Err(Redirect::Home),
        Access::Guest => Ok(()),
        Access::SignedIn if viewer.user.is_none() => Err(Redirect::Error(AppError::Unauthenticated)),
        Access::SignedIn => Ok(()),
        Access::Permission(p) => match &viewer.user {
            None => Err(Redirect::Error(AppError::Unauthenticated)),
            Some(_) if viewer.can(p) => Ok(()),
            Some(_) => Err(Redirect::Error(AppError::Forbidden)),
        },
        Access::Token(required) => match &viewer.token {
            None => Err(Redirect::Error(AppError::Unauthenticated)),
            Some(t) if TokenScope::parse(&t.scope).is_some_and(|s| s.allows(required)) => Ok(()),
            Some(_) => Err(Redirect::Error(AppError::Forbidden)),
        },
    };
    match verdict {
        Ok(()) => next.run(req).await,
        Err(Redirect::Home) => axum::response::Redirect::to("/").into_response(),
        Err(Redirect::Error(e)) => e.into_response(),
    }
}

async fn limit_sensitive(req: Request, next: Next) -> Response {
    let Some(app) = req.extensions().get::<AppState>().cloned() else {
        return AppError::Internal(anyhow::anyhow!("app state missing")).into_response();
    };
    let (mut parts, body) = req.into_parts();
    let Ok(ip) = <ClientIp as axum::extract::FromRequestParts<AppState>>::from_request_parts(&mut parts, &app).await;
    if !app.sensitive_limiter.allow(&ip.0) {
        return AppError::TooManyRequests.into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

enum Redirect {
    Home,
    Error(AppError),
}
