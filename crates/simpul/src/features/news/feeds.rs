//! Feeds of published news for the whole site, one category, or one KIM group (the formats
//! are written by `web::feeds`).

use axum::{extract::State, response::Response};

use super::repo::{self, ArticleRow};
use crate::{
    app::{App, AppState},
    domain::time::Timestamp,
    error::{AppError, AppResult},
    features::categories,
    web::{
        extract::Path,
        feeds::{Channel, Format, Item, render_items, respond},
    },
};

/// Articles in a feed.
pub const ITEMS: i64 = 30;

fn item<'a>(app: &App, site: &'a str, a: &'a ArticleRow) -> Item<'a> {
    Item {
        title: &a.title,
        url: app.config.link(&format!("/berita/{}", a.slug.as_deref().unwrap_or_default())),
        summary: &a.lead,
        content_html: &a.body_html,
        published_at: a.published_at.unwrap_or(Timestamp(0)),
        updated_at: a.updated_at,
        author: a.kim_name.as_deref().or(a.author_name.as_deref()).unwrap_or(site),
        category: a.category_name.as_deref(),
    }
}

/// A feed of articles (newest first, as given).
pub fn render(app: &App, format: Format, ch: &Channel, items: &[ArticleRow]) -> Response {
    let site = app.site_title();
    let items: Vec<Item> = items.iter().map(|a| item(app, &site, a)).collect();
    respond(render_items(format, ch, &items))
}

/// The newest published articles of one KIM group, as a feed (`/kim/<slug>/<feed file>`).
pub async fn group_feed(app: &App, kim_id: i64, format: Format, ch: &Channel) -> AppResult<Response> {
    let items = repo::list_published_in(&app.db, None, Some(kim_id), ITEMS, 0, repo::Detail::Full).await?;
    Ok(render(app, format, ch, &items))
}

/// `/feed.xml`, `/atom.xml`, `/feed.json`.
pub async fn show_site_feed(State(app): State<AppState>, uri: axum::http::Uri) -> AppResult<Response> {
    let file = uri.path().trim_start_matches('/');
    let format = Format::from_file(file).ok_or(AppError::NotFound)?;
    let items = repo::list_published(&app.db, ITEMS, 0, repo::Detail::Full).await?;
    let ch =
        Channel { title: app.site_title(), link: app.config.link("/berita"), self_link: app.config.link(uri.path()) };
    Ok(render(&app, format, &ch, &items))
}

/// `/kategori/<slug>/<feed file>`.
pub async fn show_category_feed(
    State(app): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let c = categories::find_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let items = repo::list_published_in(&app.db, Some(c.id), None, ITEMS, 0, repo::Detail::Full).await?;
    let ch = Channel {
        title: format!("{} · {}", c.name, app.site_title()),
        link: app.config.link(&format!("/kategori/{slug}")),
        self_link: app.config.link(&format!("/kategori/{slug}/{file}")),
    };
    Ok(render(&app, format, &ch, &items))
}
