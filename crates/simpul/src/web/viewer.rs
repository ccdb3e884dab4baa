//! Who is asking: loads the session (or API token) once per request, picks the language,
//! and guards every unsafe request with the CSRF token and an Origin check.
//!
//! Browser forms carry `_csrf`; the token is the session's (signed in) or a random cookie
//! (anonymous). tower-http's CSRF layer lets requests without `Origin` and `Sec-Fetch-Site`
//! through (old phone browsers), which is why the form token is always required here.

use axum::{
    body::Body,
    extract::{FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, Method, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use crate::{
    app::AppState,
    config::Config,
    domain::access::TokenScope,
    domain::access::{Actor, Grant, Permission, grants_allow},
    error::AppError,
    features::{accounts, tokens},
    infra::{crypto, i18n::Lang},
    web::flash::{FLASH_COOKIE, Flash},
};

pub const SESSION_COOKIE: &str = "simpul_sid";
pub const CSRF_COOKIE: &str = "simpul_csrf";
pub const LANG_COOKIE: &str = "simpul_lang";

/// A signed-in person.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub grants: Vec<Grant>,
    pub session_hash: String,
}

/// An API client authenticated by token.
#[derive(Debug, Clone)]
pub struct TokenClient {
    pub id: i64,
    pub name: String,
    pub scope: TokenScope,
    /// For a personal token: the person it acts for, with their current roles.
    pub acting_for: Option<TokenOwner>,
}

/// The owner of a personal API token.
#[derive(Debug, Clone)]
pub struct TokenOwner {
    pub id: i64,
    pub name: String,
    pub grants: Vec<Grant>,
}

/// The person or client behind a request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: Option<SessionUser>,
    pub token: Option<TokenClient>,
    pub lang: Lang,
    pub csrf: String,
    pub request_id: String,
    /// The requested path and query, to come back to (e.g. after switching language).
    pub here: String,
    /// A message left by the previous request (see `web::flash`).
    pub flash: Option<Flash>,
    /// How many things wait for this staff member ("Tugas saya" in the menu); pages only.
    pub work: Option<i64>,
}

impl Viewer {
    /// A visitor about whom nothing is known (used when a request failed before the viewer
    /// was resolved).
    pub fn anonymous(lang: Lang) -> Viewer {
        Viewer {
            user: None,
            token: None,
            lang,
            csrf: String::new(),
            request_id: "-".into(),
            here: "/".into(),
            flash: None,
            work: None,
        }
    }

    pub fn can(&self, p: Permission) -> bool {
        self.user.as_ref().is_some_and(|u| grants_allow(&u.grants, p))
    }

    /// The actor for service calls and audit events.
    pub fn actor(&self) -> Actor {
        let rid = Some(self.request_id.clone());
        match (&self.user, &self.token) {
            (Some(u), _) => Actor {
                user_id: Some(u.id),
                label: format!("{} (#{})", u.name, u.id),
                grants: u.grants.clone(),
                request_id: rid,
                read_only: false,
            },
            (None, Some(t)) => match &t.acting_for {
                Some(o) => Actor {
                    user_id: Some(o.id),
                    label: format!("{} (#{}) token:{}", o.name, o.id, t.name),
                    grants: o.grants.clone(),
                    request_id: rid,
                    read_only: t.scope != TokenScope::Write,
                },
                None => Actor {
                    user_id: None,
                    label: format!("token:{}", t.name),
                    grants: vec![],
                    request_id: rid,
                    read_only: t.scope != TokenScope::Write,
                },
            },
            (None, None) => Actor::anonymous(rid),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("viewer middleware not installed")))
    }
}

/// Builds a cookie with our defaults (HttpOnly, SameSite=Lax, Secure on https).
pub fn cookie(app: &AppState, name: &'static str, value: String, max_age_days: i64) -> Cookie<'static> {
    cookie_for(&app.config, name, value, cookie::time::Duration::days(max_age_days))
}

/// [`cookie`] with any lifetime.
pub fn cookie_for(
    config: &Config,
    name: &'static str,
    value: String,
    max_age: cookie::time::Duration,
) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_path("/");
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_secure(config.secure_cookies());
    c.set_max_age(max_age);
    c
}

/// The middleware: resolves the viewer, checks CSRF on unsafe methods, sets the anonymous
/// CSRF cookie when it was missing.
pub async fn load(State(app): State<AppState>, jar: CookieJar, req: Request, next: Next) -> Response {
    // Open311 clients authenticate with an `api_key` parameter, never with cookies.
    let is_api = req.uri().path().starts_with("/api/") || req.uri().path().starts_with("/open311/");
    let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-").to_owned();
    let lang = jar
        .get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| {
            req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(Lang::from_accept_language)
        })
        .unwrap_or_default();
    let now = app.clock.now();

    // The API authenticates by token only; cookies are ignored there, so no CSRF is possible.
    let (user, token, session_csrf) = if is_api {
        let token = match bearer(req.headers()) {
            Some(t) => match tokens::authenticate(&app, &t, now).await {
                Ok(found) => found,
                Err(e) => return e.into_response(),
            },
            None => None,
        };
        (None, token, None)
    } else {
        match jar.get(SESSION_COOKIE) {
            Some(c) => match accounts::session_user(&app, c.value(), now).await {
                Ok(Some((u, csrf))) => (Some(u), None, Some(csrf)),
                Ok(None) => (None, None, None),
                Err(e) => return e.into_response(),
            },
            None => (None, None, None),
        }
    };
    let cookie_csrf = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() >= 32);
    let new_csrf = if session_csrf.is_none() && cookie_csrf.is_none() { Some(crypto::random_token(32)) } else { None };
    let csrf = session_csrf.or(cookie_csrf).or_else(|| new_csrf.clone()).unwrap_or_default();
    let here = req.uri().path_and_query().map_or("/", |p| p.as_str()).to_owned();
    let flash = jar.get(FLASH_COOKIE).and_then(|c| Flash::parse(c.value()));
    let mut viewer = Viewer { user, token, lang, csrf, request_id, here, flash, work: None };

    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // Pages take GET and POST only: another method (PUT, DELETE, TRACE, PROPFIND, …) on a page
    // address is answered 405, not with a message about the form token.
    if unsafe_method && !is_api && *req.method() != Method::POST {
        // (The error layer names the methods this address takes in `Allow`.)
        let mut res = crate::error::AppError::MethodNotAllowed.into_response();
        res.extensions_mut().insert(viewer);
        return res;
    }
    // Staff see their count in the menu of every page (cached per person until this node
    // commits a change, or a minute): counted for page loads only, not for images or files.
    let wants_page =
        req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    if !unsafe_method && !is_api && wants_page && viewer.user.as_ref().is_some_and(|u| !u.grants.is_empty()) {
        match crate::registry::work_count(&app, &viewer.actor()).await {
            Ok(n) => viewer.work = Some(n),
            Err(e) => tracing::warn!(error = %e, "could not count the task list"),
        }
    }
    let mut req = req;
    // Signing out from a page whose session has already ended needs no token: there is
    // nothing to protect, and the person just wants the cookie gone.
    let stale_logout = viewer.user.is_none() && req.uri().path() == "/keluar";
    if unsafe_method && !is_api && !stale_logout {
        match check_csrf(&app, &viewer, req).await {
            Ok(r) => req = r,
            Err(e) => {
                let mut res = e.into_response();
                res.extensions_mut().insert(viewer);
                return res;
            }
        }
    }
    req.extensions_mut().insert(viewer.clone());
    req.extensions_mut().insert(app.clone());
    let mut res = next.run(req).await;
    let is_html = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if viewer.user.is_some() && is_html {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    // The message was shown on this page (or on the error page this response becomes): forget it.
    let is_error_page = res.extensions().get::<crate::error::ErrorKind>().is_some();
    if viewer.flash.is_some() && (is_html || is_error_page) {
        let mut gone = cookie_for(&app.config, FLASH_COOKIE, String::new(), cookie::time::Duration::ZERO);
        gone.make_removal();
        if let Ok(h) = HeaderValue::from_str(&gone.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, h);
        }
    }
    res.extensions_mut().insert(viewer);
    if let Some(v) = new_csrf
        && res.extensions().get::<crate::web::cache::SharedPage>().is_none()
        && let Ok(h) = HeaderValue::from_str(&cookie(&app, CSRF_COOKIE, v, 365).to_string())
    {
        res.headers_mut().append(header::SET_COOKIE, h);
    }
    res
}

fn bearer(h: &HeaderMap) -> Option<String> {
    let v = h.get(header::AUTHORIZATION)?.to_str().ok()?;
    v.strip_prefix("Bearer ").map(|t| t.trim().to_owned())
}

/// Checks the Origin (when the browser sends one) and the form token; returns the request
/// with its body restored for the handler.
async fn check_csrf(app: &AppState, viewer: &Viewer, req: Request) -> Result<Request, AppError> {
    let headers = req.headers();
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && !same_origin(app, origin, headers.get(header::HOST).and_then(|v| v.to_str().ok()))
    {
        return Err(AppError::BadRequest("err-csrf"));
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return Err(AppError::BadRequest("err-csrf"));
    }
    if let Some(t) = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if crypto::secure_eq(t, &viewer.csrf) { Ok(req) } else { Err(AppError::BadRequest("err-csrf")) };
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    // Never from the address: it would reach logs, history and `Referer` headers.
    if !is_form {
        let Some(boundary) = multipart_boundary(&content_type) else {
            return Err(AppError::BadRequest("err-csrf"));
        };
        // Upload forms carry the token as their first field: read only that far, then hand
        // the handler the whole body (the files are not buffered here).
        let (parts, body) = req.into_parts();
        let (token, body) = first_multipart_field(body, &boundary, "_csrf").await?;
        return match token {
            Some(t) if crypto::secure_eq(&t, &viewer.csrf) => Ok(Request::from_parts(parts, body)),
            _ => Err(AppError::BadRequest("err-csrf")),
        };
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, app.config.max_body_bytes)
        .await
        .map_err(|_| AppError::BadRequest("err-too-large"))?;
    match form_value(&bytes, "_csrf") {
        Some(t) if crypto::secure_eq(&t, &viewer.csrf) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(AppError::BadRequest("err-csrf")),
    }
}

/// An `Origin` is ours when it is the configured base URL's origin, or names the host the
/// request was sent to (a node reached under another name, e.g. behind a load balancer).
fn same_origin(app: &AppState, origin: &str, host: Option<&str>) -> bool {
    // "null" comes from privacy-preserving contexts; the form token still has to match.
    if origin == app.config.origin() || origin == "null" {
        return true;
    }
    let Ok(u) = url::Url::parse(origin) else { return false };
    let authority = match (u.host_str(), u.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        _ => return false,
    };
    host.is_some_and(|h| h.eq_ignore_ascii_case(&authority))
}

/// The boundary of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let v = v.trim().trim_matches('"');
        (k.trim().eq_ignore_ascii_case("boundary") && !v.is_empty() && v.len() <= 200).then(|| v.to_owned())
    })
}

/// Reads a multipart body only as far as its first part and returns that part's value when
/// it is the field `name`, with a body that replays what was read before the rest. A body over
/// the size limit is refused here as it would be by the handler.
async fn first_multipart_field(body: Body, boundary: &str, name: &str) -> Result<(Option<String>, Body), AppError> {
    use futures_util::StreamExt;
    /// Enough for the delimiter, the part's headers and a token; a first part longer than
    /// this is not a token.
    const PEEK: usize = 1024;
    let mut stream = body.into_data_stream();
    let mut head: Vec<u8> = Vec::new();
    while head.len() < PEEK {
        match stream.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(e)) => return Err(crate::web::extract::body_read_error(&e, false)),
            None => break,
        }
    }
    let value = parse_first_field(&head, boundary, name);
    let replay = futures_util::stream::once(async move { Ok::<_, axum::Error>(axum::body::Bytes::from(head)) });
    Ok((value, Body::from_stream(replay.chain(stream))))
}

fn parse_first_field(head: &[u8], boundary: &str, name: &str) -> Option<String> {
    // The bytes after the token may be a file's: read the text up to the first that is not.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let rest = text.strip_prefix(&format!("--{boundary}\r\n"))?;
    let (headers, rest) = rest.split_once("\r\n\r\n")?;
    let disposition = headers.lines().find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
    let named = disposition.split(';').any(|p| p.trim() == format!("name=\"{name}\""));
    if !named || disposition.contains("filename") {
        return None;
    }
    let (value, _) = rest.split_once(&format!("\r\n--{boundary}"))?;
    Some(value.to_owned())
}

fn form_value(body: &[u8], key: &str) -> Option<String> {
    url::form_urlencoded::parse(body).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}
