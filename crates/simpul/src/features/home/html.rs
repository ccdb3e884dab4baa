//! Home page and the small public endpoints.

use askama::Template;
use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::{
    app::AppState,
    domain::user::safe_next,
    error::AppResult,
    features::{aspirations, factcheck, kim, news, opd, training},
    infra::i18n::Lang,
    web::{
        extract::{ClientIp, Path, Query},
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
    latest_kim: Vec<kim::KimListRow>,
    latest_news: Vec<news::ArticleRow>,
    figures: Figures,
}

/// What the channel has done, live.
struct Figures {
    /// Reports first answered this month; of those whose deadline is known, how many and how
    /// many within it.
    answered: i64,
    timed: i64,
    on_time: i64,
    clarifications: i64,
    trained: i64,
}

impl Figures {
    /// The share answered on time, in whole percent (none when nothing was answered).
    fn on_time_percent(&self) -> Option<i64> {
        (self.timed > 0).then(|| (self.on_time * 100 + self.timed / 2) / self.timed)
    }
}

pub async fn show_home(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let page = Page::new(&app, &viewer, "/", "home-title");
    let kim_count = kim::count(&app.db).await?;
    let opd_count = opd::count(&app.db).await?;
    let latest_kim = kim::latest(&app.db, 6).await?;
    let latest_news = news::list_published(&app.db, 6, 0, news::Detail::Summary).await?;
    let (answered, timed, on_time) = aspirations::answered_this_month(&app).await?;
    let figures = Figures {
        answered,
        timed,
        on_time,
        clarifications: factcheck::clarifications_published(&app).await?,
        trained: training::members_trained(&app).await?,
    };
    Ok(render(&HomePage { page, kim_count, opd_count, latest_kim, latest_news, figures }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LangQuery {
    next: String,
}

/// Remembers the chosen language in a cookie and goes back to the page. A plain link (not a
/// form) so public pages carry no per-visitor token and can be cached; the only effect is a
/// preference cookie.
pub async fn switch_language(
    State(app): State<AppState>,
    Path(lang): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let mut res = Redirect::to(safe_next(&q.next)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie(&app, LANG_COOKIE, lang.code().to_owned(), 365).to_string()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Liveness and database reachability.
pub async fn health(State(app): State<AppState>) -> Response {
    match app.db.ping().await {
        Ok(()) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Prometheus metrics: for loopback clients, or anyone presenting the metrics token.
pub async fn metrics(State(app): State<AppState>, ClientIp(ip): ClientIp, headers: HeaderMap) -> AppResult<Response> {
    let allowed = match &app.config.metrics_token {
        Some(token) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|t| crate::infra::crypto::secure_eq(t.trim(), token.expose())),
        // Loopback only when nothing forwarded the request: a proxy on the same host makes
        // every visitor look local.
        None => {
            let forwarded = headers.contains_key("x-forwarded-for") || headers.contains_key(header::FORWARDED);
            !forwarded && (ip == "local" || ip.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_loopback()))
        }
    };
    if !allowed {
        return Err(crate::error::AppError::Forbidden);
    }
    let now = app.clock.now();
    let queue = crate::infra::jobs::stats(&app.db, now).await?;
    let newest_change = crate::infra::outbox::latest(&app.db).await?.newest;
    let mut text = app.metrics.render();
    let age = queue.oldest_due_at.map_or(0.0, |t| (now.0 - t).max(0) as f64 / 1000.0);
    let lag = (newest_change - app.search.cursor()).max(0);
    text.push_str(&format!(
        "# HELP simpul_jobs_due Background jobs due and not done (mail, chat replies, scheduled publications).\n\
         # TYPE simpul_jobs_due gauge\nsimpul_jobs_due {}\n\
         # HELP simpul_jobs_failed Jobs given up after every retry (see the jobs table's last_error).\n\
         # TYPE simpul_jobs_failed gauge\nsimpul_jobs_failed {}\n\
         # HELP simpul_jobs_oldest_due_seconds How long the oldest due job has waited.\n\
         # TYPE simpul_jobs_oldest_due_seconds gauge\nsimpul_jobs_oldest_due_seconds {age:.1}\n\
         # HELP simpul_search_index_lag Published changes this node's search index has not applied yet.\n\
         # TYPE simpul_search_index_lag gauge\nsimpul_search_index_lag {lag}\n",
        queue.due, queue.failed
    ));
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response())
}
