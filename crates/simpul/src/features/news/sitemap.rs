//! `sitemap.xml` (an index of child sitemaps of at most 50,000 addresses) and a news sitemap
//! of the last 48 hours, for search engines.

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use crate::{
    app::AppState,
    domain::time::Timestamp,
    error::{AppError, AppResult},
    infra::db::query,
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

/// The index: one child per 50,000 articles, plus the pages and KIM groups.
pub async fn show_sitemap_index(State(app): State<AppState>) -> AppResult<Response> {
    let count: i64 = query("SELECT COUNT(*) FROM articles WHERE state = 'terbit'").scalar(&app.db).await?;
    let files = (count + PER_FILE - 1) / PER_FILE;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    s.push_str(&format!("<sitemap><loc>{}</loc></sitemap>", esc(&app.config.link("/sitemaps/sitemap-pages.xml"))));
    for n in 1..=files.max(1) {
        s.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>",
            esc(&app.config.link(&format!("/sitemaps/sitemap-berita-{n}.xml")))
        ));
    }
    s.push_str("</sitemapindex>\n");
    Ok(xml_response(s))
}

/// `sitemap-pages.xml` or `sitemap-berita-<n>.xml`.
pub async fn show_sitemap_file(State(app): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let mut urls: Vec<(String, Option<i64>)> = Vec::new();
    if file == "sitemap-pages.xml" {
        for p in ["/", "/berita", "/kim", "/opd"] {
            urls.push((p.to_owned(), None));
        }
        let kims: Vec<String> = query("SELECT slug FROM kim_groups ORDER BY id").scalars(&app.db).await?;
        urls.extend(kims.into_iter().map(|k| (format!("/kim/{k}"), None)));
        let cats: Vec<String> = query("SELECT slug FROM categories ORDER BY id").scalars(&app.db).await?;
        urls.extend(cats.into_iter().map(|c| (format!("/kategori/{c}"), None)));
    } else {
        let n: i64 = file
            .strip_prefix("sitemap-berita-")
            .and_then(|r| r.strip_suffix(".xml"))
            .and_then(|n| n.parse().ok())
            .filter(|n| *n >= 1)
            .ok_or(AppError::NotFound)?;
        #[derive(sqlx::FromRow)]
        struct Row {
            slug: String,
            updated_at: i64,
        }
        let rows: Vec<Row> = query(
            "SELECT slug, updated_at FROM articles WHERE state = 'terbit' AND slug IS NOT NULL ORDER BY id LIMIT $1 OFFSET $2",
        )
        .bind(PER_FILE)
        .bind((n - 1) * PER_FILE)
        .fetch_all(&app.db)
        .await?;
        if rows.is_empty() && n > 1 {
            return Err(AppError::NotFound);
        }
        urls.extend(rows.into_iter().map(|r| (format!("/berita/{}", r.slug), Some(r.updated_at))));
    }
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    for (path, modified) in urls {
        s.push_str(&format!("<url><loc>{}</loc>", esc(&app.config.link(&path))));
        if let Some(m) = modified {
            s.push_str(&format!("<lastmod>{}</lastmod>", Timestamp(m).to_rfc3339()));
        }
        s.push_str("</url>");
    }
    s.push_str("</urlset>\n");
    Ok(xml_response(s))
}

/// Google-News-style sitemap: articles published in the last 48 hours.
pub async fn show_news_sitemap(State(app): State<AppState>) -> AppResult<Response> {
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        title: String,
        published_at: i64,
    }
    let since = app.clock.now().plus_minutes(-48 * 60);
    let rows: Vec<Row> = query(
        "SELECT slug, title, published_at FROM articles WHERE state = 'terbit' AND slug IS NOT NULL AND published_at >= $1
         ORDER BY published_at DESC LIMIT 1000",
    )
    .bind(since.0)
    .fetch_all(&app.db)
    .await?;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">",
    );
    for r in rows {
        s.push_str(&format!(
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>id</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            esc(&app.config.link(&format!("/berita/{}", r.slug))),
            esc(&app.config.site_name),
            Timestamp(r.published_at).to_rfc3339(),
            esc(&r.title)
        ));
    }
    s.push_str("</urlset>\n");
    Ok(xml_response(s))
}
