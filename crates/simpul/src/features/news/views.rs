//! A privacy-friendly view counter for published articles: no cookie, no address, no
//! fingerprint, nothing about the reader is kept — only how many times each article was
//! opened per day (WIB). Counting happens in front of the page cache, so cached and `304`
//! answers count too; link previews and crawlers (by their User-Agent) do not. Counts are
//! kept in memory and written to the database every [`FLUSH`] and at shutdown.

use std::{collections::HashMap, sync::Mutex, time::Duration};

use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::Response,
};

use super::repo;
use crate::{
    app::{App, AppState},
    error::AppResult,
};

/// How often counts are written.
pub const FLUSH: Duration = Duration::from_secs(30);
const PREFIX: &str = "/berita/";

/// Views counted since the last flush, by article slug.
#[derive(Default)]
pub struct ViewTally(Mutex<HashMap<String, i64>>);

impl ViewTally {
    fn add(&self, slug: &str) {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match m.get_mut(slug) {
            Some(n) => *n += 1,
            None => {
                m.insert(slug.to_owned(), 1);
            }
        }
    }

    fn take(&self) -> HashMap<String, i64> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Whether the User-Agent names a crawler or a link-preview fetcher rather than a reader.
pub fn is_robot(user_agent: &str) -> bool {
    const MARKS: [&str; 12] = [
        "bot",
        "crawl",
        "spider",
        "slurp",
        "preview",
        "facebookexternalhit",
        "whatsapp",
        "telegram",
        "curl",
        "wget",
        "python",
        "feed",
    ];
    let ua = user_agent.to_ascii_lowercase();
    ua.is_empty() || MARKS.iter().any(|m| ua.contains(m))
}

/// Middleware: counts a reader's successful GET of `/berita/<slug>`.
pub async fn count(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let slug = match req.uri().path().strip_prefix(PREFIX) {
        Some(s) if req.method() == Method::GET && !s.is_empty() && !s.contains('/') => s.to_owned(),
        _ => return next.run(req).await,
    };
    let robot = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).is_none_or(is_robot);
    let res = next.run(req).await;
    if !robot && matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED) {
        app.views.add(&slug);
    }
    res
}

/// Writes the counted views; returns how many were written.
pub async fn flush(app: &App) -> AppResult<i64> {
    let counts = app.views.take();
    if counts.is_empty() {
        return Ok(0);
    }
    let day = app.clock.now().to_wib().0.to_string();
    let mut tx = app.db.begin().await?;
    let mut total = 0;
    for (slug, n) in &counts {
        repo::add_views(&mut tx, slug, &day, *n).await?;
        total += n;
    }
    tx.commit_bookkeeping().await?;
    Ok(total)
}

/// Flushes every [`FLUSH`] until the process stops.
pub async fn flush_forever(app: std::sync::Arc<App>) {
    loop {
        tokio::time::sleep(FLUSH).await;
        if let Err(e) = flush(&app).await {
            tracing::error!(error = %e, "writing article views");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_and_previews_are_not_readers() {
        assert!(is_robot("WhatsApp/2.23.20.0 A"));
        assert!(is_robot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        assert!(is_robot("facebookexternalhit/1.1"));
        assert!(is_robot("TelegramBot (like TwitterBot)"));
        assert!(is_robot(""));
        assert!(!is_robot(
            "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
        ));
    }

    #[test]
    fn the_tally_adds_up_and_empties() {
        let t = ViewTally::default();
        t.add("a");
        t.add("a");
        t.add("b");
        let m = t.take();
        assert_eq!(m.get("a"), Some(&2));
        assert_eq!(m.get("b"), Some(&1));
        assert!(t.take().is_empty());
    }
}
