//! Public reading pages: the news list and an article with "Baca juga".

use askama::Template;
use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::Response,
};
use serde::Deserialize;

use super::repo::{self, ArticleRow, Detail};
use crate::{
    app::AppState,
    domain::{share::share_links, time::Timestamp},
    error::{AppError, AppResult},
    web::{
        extract::{Path, Query, empty_as_none},
        page::{Page, render},
        viewer::Viewer,
    },
};

const PAGE_SIZE: i64 = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    #[serde(deserialize_with = "empty_as_none")]
    hal: Option<i64>,
}

#[derive(Template)]
#[template(path = "news/list.html")]
struct ListPage {
    page: Page,
    articles: Vec<ArticleRow>,
    hal: i64,
    has_next: bool,
    /// The list's own address (`/berita` or `/kategori/<slug>`), for paging links.
    base: String,
    intro: Option<String>,
}

impl ListPage {
    fn date(&self, a: &ArticleRow) -> String {
        published(a, &self.page)
    }
}

impl ArticleRow {
    /// The cover as a list thumbnail: (smallest copy, srcset), when the article has one.
    pub fn thumbnail(&self) -> Option<(String, String)> {
        let (key, widths) = (self.cover_key.as_ref()?, self.cover_widths.as_ref()?);
        let file = |w: &str| format!("/media/{}", crate::features::media::file_name(key, w));
        let srcset = widths.split(',').map(|w| format!("{} {w}w", file(w))).collect::<Vec<_>>().join(", ");
        Some((file(widths.split(',').next().unwrap_or("360")), srcset))
    }

    /// The cover's description, empty when none was given.
    pub fn cover_text(&self) -> &str {
        self.cover_alt.as_deref().unwrap_or_default()
    }
}

fn published(a: &ArticleRow, page: &Page) -> String {
    a.published_at.map(|t| page.day(t)).unwrap_or_default()
}

pub async fn list_news(State(app): State<AppState>, viewer: Viewer, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let hal = q.hal.unwrap_or(1).clamp(1, 100_000);
    let mut articles = repo::list_published(&app.db, PAGE_SIZE + 1, (hal - 1) * PAGE_SIZE, Detail::Summary).await?;
    let has_next = articles.len() as i64 > PAGE_SIZE;
    articles.truncate(PAGE_SIZE as usize);
    let page = Page::new(&app, &viewer, "/berita", "news-title");
    Ok(render(&ListPage { page, articles, hal, has_next, base: "/berita".into(), intro: None }))
}

/// The news carrying one tag.
pub async fn list_tag(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let tag = repo::find_tag(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let hal = q.hal.unwrap_or(1).clamp(1, 100_000);
    let mut articles = repo::list_published_tagged(&app.db, &slug, PAGE_SIZE + 1, (hal - 1) * PAGE_SIZE).await?;
    let has_next = articles.len() as i64 > PAGE_SIZE;
    articles.truncate(PAGE_SIZE as usize);
    let base = format!("/tag/{slug}");
    let page = Page::titled(&app, &viewer, &base, format!("#{}", tag.name));
    Ok(render(&ListPage { page, articles, hal, has_next, base, intro: None }))
}

/// One category's news.
pub async fn list_category(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let c = crate::features::categories::find_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let hal = q.hal.unwrap_or(1).clamp(1, 100_000);
    let mut articles =
        repo::list_published_in(&app.db, Some(c.id), None, PAGE_SIZE + 1, (hal - 1) * PAGE_SIZE, Detail::Summary)
            .await?;
    let has_next = articles.len() as i64 > PAGE_SIZE;
    articles.truncate(PAGE_SIZE as usize);
    let base = format!("/kategori/{slug}");
    let mut page = Page::titled(&app, &viewer, &base, c.name.clone());
    page.feed_base = Some(base.clone());
    Ok(render(&ListPage { page, articles, hal, has_next, base, intro: c.description }))
}

#[derive(Template)]
#[template(path = "news/show.html")]
struct ArticlePage {
    page: Page,
    a: ArticleRow,
    related: Vec<ArticleRow>,
    /// The article's absolute address, for sharing.
    url: String,
    shares: Vec<(&'static str, String)>,
    /// (src, srcset, absolute share-image address) of the cover photo.
    cover: Option<(String, String, String)>,
    /// (provider, address to watch it) of the article's video.
    video: Option<(&'static str, String)>,
    tags: Vec<repo::TagRow>,
    /// schema.org `NewsArticle`, escaped for a `<script type="application/ld+json">` block.
    json_ld: String,
}

impl ArticlePage {
    fn date(&self, a: &ArticleRow) -> String {
        published(a, &self.page)
    }
}

/// The article as schema.org `NewsArticle` JSON-LD; `<` is escaped so the text can never
/// close the script block it sits in.
fn json_ld(a: &ArticleRow, url: &str, site: &str) -> String {
    let when = |t: Option<Timestamp>| t.map(|t| t.to_rfc3339());
    let v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.lead,
        "mainEntityOfPage": url,
        "datePublished": when(a.published_at),
        "dateModified": when(Some(a.updated_at)),
        "author": a.author_name.as_ref().map(|n| serde_json::json!({ "@type": "Person", "name": n })),
        "publisher": { "@type": "Organization", "name": a.kim_name.clone().unwrap_or_else(|| site.to_owned()) },
    });
    v.to_string().replace('<', "\\u003c")
}

pub async fn show_news(State(app): State<AppState>, viewer: Viewer, Path(slug): Path<String>) -> AppResult<Response> {
    let a = repo::find_published(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let related = super::related::related(&app, &a, 3).await?;
    let url = app.config.link(&format!("/berita/{slug}"));
    let shares = share_links(&a.title, &url);
    let json_ld = json_ld(&a, &url, &app.site_title());
    let cover = match (&a.cover_key, &a.cover_widths) {
        (Some(key), Some(widths)) => {
            let file = |w: &str| format!("/media/{}", crate::features::media::file_name(key, w));
            let srcset = widths.split(',').map(|w| format!("{} {w}w", file(w))).collect::<Vec<_>>().join(", ");
            let src = file(widths.split(',').next().unwrap_or("360"));
            Some((src, srcset, app.config.link(&file("share"))))
        }
        _ => None,
    };
    let mut page = Page::titled(&app, &viewer, &format!("/berita/{slug}"), a.title.clone());
    page.description = a.lead.clone();
    let video =
        a.video_url.as_deref().and_then(crate::domain::video::Video::parse).map(|v| (v.provider(), v.watch_url()));
    let tags = repo::tags_of(&app.db, a.id).await?;
    // The page changes when the article does or when a newer "Baca juga" appears.
    let changed = related.iter().filter_map(|r| r.published_at).fold(a.updated_at, Timestamp::max);
    let mut res = render(&ArticlePage { page, a, related, url, shares, cover, video, tags, json_ld });
    if let Ok(v) = HeaderValue::from_str(&changed.to_http_date()) {
        res.headers_mut().insert(header::LAST_MODIFIED, v);
    }
    Ok(res)
}
