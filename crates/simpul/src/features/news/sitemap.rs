//! The news sitemap (articles of the last 48 hours, for news search engines), and the
//! article addresses the site's `sitemap.xml` lists (`features::home`).

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use super::repo;
use crate::{
    app::{App, AppState},
    error::AppResult,
    registry::SitemapUrl,
};

fn xml_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `/berita` and every category's page.
pub async fn pages(app: &App) -> AppResult<Vec<SitemapUrl>> {
    let mut urls = vec![SitemapUrl { path: "/berita".into(), updated_at: None }];
    for c in crate::features::categories::list(&app.db).await? {
        urls.push(SitemapUrl { path: format!("/kategori/{}", c.slug), updated_at: None });
    }
    Ok(urls)
}

/// Published articles, oldest first, `limit` from `offset`.
pub async fn articles(app: &App, offset: i64, limit: i64) -> AppResult<Vec<SitemapUrl>> {
    let rows = repo::published_addresses(&app.db, offset, limit).await?;
    Ok(rows
        .into_iter()
        .map(|(slug, at)| SitemapUrl { path: format!("/berita/{slug}"), updated_at: Some(at) })
        .collect())
}

/// Google-News-style sitemap: articles published in the last 48 hours.
pub async fn show_news_sitemap(State(app): State<AppState>) -> AppResult<Response> {
    let since = app.clock.now().plus_minutes(-48 * 60);
    let rows = repo::published_since(&app.db, since, 1000).await?;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">",
    );
    for r in rows {
        s.push_str(&format!(
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>id</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            esc(&app.config.link(&format!("/berita/{}", r.slug))),
            esc(&app.site_title()),
            r.published_at.to_rfc3339(),
            esc(&r.title)
        ));
    }
    s.push_str("</urlset>\n");
    Ok(xml_response(s))
}
