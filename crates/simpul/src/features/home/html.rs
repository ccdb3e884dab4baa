//! Home page and the small public endpoints.

use askama::Template;
use axum::{
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::{
    app::AppState,
    domain::user::safe_next,
    error::AppResult,
    features::{kim, opd},
    infra::{db::query, i18n::Lang},
    web::{
        extract::Form,
        page::{Page, render},
        viewer::{LANG_COOKIE, Viewer, cookie},
    },
};

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    page: Page,
    kim_count: i64,
    opd_count: i64,
    latest_kim: Vec<kim::repo::KimListRow>,
}

pub async fn show_home(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let page = Page::new(&app, &viewer, "/", "home-title");
    let kim_count = kim::repo::count(&app.db).await?;
    let opd_count = opd::repo::count(&app.db).await?;
    let latest_kim = kim::repo::latest(&app.db, 6).await?;
    Ok(render(&HomePage { page, kim_count, opd_count, latest_kim }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LangForm {
    lang: String,
    next: String,
}

/// Remembers the chosen language in a cookie and goes back to the page.
pub async fn switch_language(State(app): State<AppState>, Form(form): Form<LangForm>) -> Response {
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    let mut res = Redirect::to(safe_next(&form.next)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie(&app, LANG_COOKIE, lang.code().to_owned(), 365).to_string()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Liveness and database reachability.
pub async fn health(State(app): State<AppState>) -> Response {
    match query("SELECT 1").scalar::<i32>(&app.db).await {
        Ok(_) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

pub async fn metrics(State(app): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], app.metrics.render()).into_response()
}
