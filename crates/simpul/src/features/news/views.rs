//! A privacy-friendly view counter for published articles: no cookie, no address, no
//! fingerprint, nothing about the reader is kept — only how many times each article was
//! opened per local day. Counting happens in front of the page cache, so cached and `304`
//! answers count too; link previews and crawlers (by their User-Agent) do not. Counts are
//! kept in memory by article and day and written to the database every [`FLUSH`] and at
//! shutdown, in a fixed order (so two nodes on one PostgreSQL never deadlock); a failed write
//! puts its counts back for the next attempt.

use std::{collections::BTreeMap, sync::Mutex, time::Duration};

use futures_util::future::BoxFuture;

use axum::{
    extract::Request,
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

/// Views counted since the last flush, by (article slug, local day).
#[derive(Default)]
pub struct ViewTally(Mutex<BTreeMap<(String, String), i64>>);

impl ViewTally {
    fn add(&self, slug: &str, day: String, n: i64) {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *m.entry((slug.to_owned(), day)).or_default() += n;
    }

    fn take(&self) -> BTreeMap<(String, String), i64> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Puts counts back after a failed write.
    fn restore(&self, counts: BTreeMap<(String, String), i64>) {
        for ((slug, day), n) in counts {
            self.add(&slug, day, n);
        }
    }
}

/// Slugs are ASCII letters, digits and hyphens; anything else (an encoded path) is not one.
fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.len() <= 120 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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

/// Wraps the article route (outside its page cache, so cached answers count too): counts a
/// reader's successful GET of `/berita/<slug>`.
pub fn count(req: Request, next: Next) -> BoxFuture<'static, Response> {
    Box::pin(async move {
        let app = req.extensions().get::<AppState>().cloned();
        let slug = match (req.uri().path().strip_prefix(PREFIX), &app) {
            (Some(s), Some(_)) if req.method() == Method::GET && is_slug(s) => s.to_owned(),
            _ => return next.run(req).await,
        };
        let robot = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).is_none_or(is_robot);
        let res = next.run(req).await;
        if let Some(app) = app
            && !robot
            && matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED)
        {
            app.views.add(&slug, app.clock.now().date_in(app.zone()).to_string(), 1);
        }
        res
    })
}

/// Writes the counted views; returns how many were written.
pub async fn flush(app: &App) -> AppResult<i64> {
    let counts = app.views.take();
    if counts.is_empty() {
        return Ok(0);
    }
    match write(app, &counts).await {
        Ok(()) => Ok(counts.values().sum()),
        Err(e) => {
            app.views.restore(counts);
            Err(e)
        }
    }
}

async fn write(app: &App, counts: &BTreeMap<(String, String), i64>) -> AppResult<()> {
    let mut tx = app.db.begin().await?;
    for ((slug, day), n) in counts {
        repo::add_views(&mut tx, slug, day, *n).await?;
    }
    tx.commit_bookkeeping().await?;
    Ok(())
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
    fn the_tally_adds_up_empties_and_takes_back() {
        let t = ViewTally::default();
        let day = || "2026-11-28".to_owned();
        t.add("a", day(), 1);
        t.add("a", day(), 1);
        t.add("b", day(), 1);
        let m = t.take();
        assert_eq!(m.get(&("a".to_owned(), day())), Some(&2));
        assert_eq!(m.get(&("b".to_owned(), day())), Some(&1));
        assert!(t.take().is_empty());
        t.add("a", day(), 1);
        t.restore(m);
        assert_eq!(t.take().get(&("a".to_owned(), day())), Some(&3));
    }

    #[test]
    fn only_plain_slugs_are_counted() {
        assert!(is_slug("jalan-baru-2026"));
        assert!(!is_slug("%61bc") && !is_slug("a/b") && !is_slug("") && !is_slug("Jalan"));
    }
}
