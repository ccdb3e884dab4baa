//! `sitemap.xml` for search engines: an index of child sitemaps, each of at most 50,000
//! addresses. Every capability adds its own public addresses at start-up (`Registry::
//! sitemap_pages` for a few pages, `Registry::sitemap_section` for a large numbered series);
//! this module only walks those lists.

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use crate::{
    app::AppState,
    error::{AppError, AppResult},
    registry::SitemapUrl,
    web::extract::Path,
};

/// Addresses per child sitemap (the protocol's limit).
pub const PER_FILE: i64 = 50_000;

fn xml_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The index: the pages file, then each section's numbered files.
pub async fn show_sitemap_index(State(app): State<AppState>) -> AppResult<Response> {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    s.push_str(&format!("<sitemap><loc>{}</loc></sitemap>", esc(&app.config.link("/sitemaps/sitemap-pages.xml"))));
    for section in app.registry.sections() {
        let count = (section.count)(&app).await?;
        let files = (count + PER_FILE - 1) / PER_FILE;
        for n in 1..=files.max(1) {
            let loc = app.config.link(&format!("/sitemaps/sitemap-{}-{n}.xml", section.name));
            s.push_str(&format!("<sitemap><loc>{}</loc></sitemap>", esc(&loc)));
        }
    }
    s.push_str("</sitemapindex>\n");
    Ok(xml_response(s))
}

/// `sitemap-pages.xml` or `sitemap-<section>-<n>.xml`.
pub async fn show_sitemap_file(State(app): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let mut urls: Vec<SitemapUrl> = Vec::new();
    if file == "sitemap-pages.xml" {
        for source in app.registry.pages_sources() {
            urls.extend(source(&app).await?);
        }
    } else {
        let stem = file.strip_prefix("sitemap-").and_then(|r| r.strip_suffix(".xml")).ok_or(AppError::NotFound)?;
        let (name, n) = stem.rsplit_once('-').ok_or(AppError::NotFound)?;
        let n: i64 = n.parse().ok().filter(|n| *n >= 1).ok_or(AppError::NotFound)?;
        let section = app.registry.sections().iter().find(|s| s.name == name).ok_or(AppError::NotFound)?;
        urls = (section.page)(&app, (n - 1) * PER_FILE, PER_FILE).await?;
        if urls.is_empty() && n > 1 {
            return Err(AppError::NotFound);
        }
    }
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    for u in urls {
        s.push_str(&format!("<url><loc>{}</loc>", esc(&app.config.link(&u.path))));
        if let Some(m) = u.updated_at {
            s.push_str(&format!("<lastmod>{}</lastmod>", m.to_rfc3339()));
        }
        s.push_str("</url>");
    }
    s.push_str("</urlset>\n");
    Ok(xml_response(s))
}
