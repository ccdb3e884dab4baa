//! Public reading pages: the news list and an article with "Baca juga".

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::repo::{self, ArticleRow};
use crate::{
    app::AppState,
    domain::time::Timestamp,
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
}

impl ListPage {
    fn date(&self, a: &ArticleRow) -> String {
        published(a, self.page.lang_code())
    }
}

fn published(a: &ArticleRow, lang: &str) -> String {
    a.published_at.map(|t| Timestamp(t).to_wib().0.format_long(lang)).unwrap_or_default()
}

pub async fn list_news(State(app): State<AppState>, viewer: Viewer, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let hal = q.hal.unwrap_or(1).clamp(1, 100_000);
    let mut articles = repo::list_published(&app.db, PAGE_SIZE + 1, (hal - 1) * PAGE_SIZE).await?;
    let has_next = articles.len() as i64 > PAGE_SIZE;
    articles.truncate(PAGE_SIZE as usize);
    Ok(render(&ListPage { page: Page::new(&app, &viewer, "/berita", "news-title"), articles, hal, has_next }))
}

#[derive(Template)]
#[template(path = "news/show.html")]
struct ArticlePage {
    page: Page,
    a: ArticleRow,
    related: Vec<ArticleRow>,
    /// The article's absolute address, for sharing.
    url: String,
    whatsapp: String,
}

impl ArticlePage {
    fn date(&self, a: &ArticleRow) -> String {
        published(a, self.page.lang_code())
    }
}

pub async fn show_news(State(app): State<AppState>, viewer: Viewer, Path(slug): Path<String>) -> AppResult<Response> {
    let a = repo::find_published(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let related = repo::related(&app.db, a.category_id, a.id, 3).await?;
    let url = app.config.link(&format!("/berita/{slug}"));
    let text = format!("{} {url}", a.title);
    let whatsapp =
        format!("https://wa.me/?text={}", url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>());
    let mut page = Page::titled(&app, &viewer, &format!("/berita/{slug}"), a.title.clone());
    page.description = a.lead.clone();
    Ok(render(&ArticlePage { page, a, related, url, whatsapp }))
}
