//! Feeds of published news — RSS 2.0, Atom and JSON Feed — for the whole site, one category,
//! or one KIM group. Written by hand (the formats are small); every text is escaped.

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use super::repo::{self, ArticleRow};
use crate::{
    app::{App, AppState},
    domain::time::Timestamp,
    error::{AppError, AppResult},
    features::{categories, kim},
    web::extract::Path,
};

const ITEMS: i64 = 30;

/// The three formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rss,
    Atom,
    Json,
}

impl Format {
    pub fn from_file(name: &str) -> Option<Format> {
        match name {
            "feed.xml" => Some(Format::Rss),
            "atom.xml" => Some(Format::Atom),
            "feed.json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// What a feed is about.
pub struct Channel {
    pub title: String,
    /// The HTML page the feed mirrors (absolute).
    pub link: String,
    /// The feed's own address (absolute).
    pub self_link: String,
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// One entry of a feed, whatever it is (an article, a clarification).
pub struct Item<'a> {
    pub title: &'a str,
    /// Absolute address of the page.
    pub url: String,
    pub summary: &'a str,
    pub content_html: &'a str,
    pub published_at: i64,
    pub updated_at: i64,
    pub author: &'a str,
    pub category: Option<&'a str>,
}

impl<'a> Item<'a> {
    fn of_article(app: &'a App, a: &'a ArticleRow) -> Item<'a> {
        Item {
            title: &a.title,
            url: app.config.link(&format!("/berita/{}", a.slug.as_deref().unwrap_or_default())),
            summary: &a.lead,
            content_html: &a.body_html,
            published_at: a.published_at.unwrap_or(0),
            updated_at: a.updated_at,
            author: a.kim_name.as_deref().or(a.author_name.as_deref()).unwrap_or(&app.config.site_name),
            category: a.category_name.as_deref(),
        }
    }
}

/// Renders a feed of articles.
pub fn render(app: &App, format: Format, ch: &Channel, items: &[ArticleRow]) -> (&'static str, String) {
    let items: Vec<Item> = items.iter().map(|a| Item::of_article(app, a)).collect();
    render_items(format, ch, &items)
}

/// Renders a feed.
pub fn render_items(format: Format, ch: &Channel, items: &[Item]) -> (&'static str, String) {
    let updated = items.iter().map(|a| a.published_at).max().unwrap_or(0);
    match format {
        Format::Rss => {
            let mut s = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\
                 <title>{}</title><link>{}</link><description>{}</description><language>id</language>\
                 <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
                xml(&ch.title),
                xml(&ch.link),
                xml(&ch.title),
                xml(&ch.self_link)
            );
            for a in items {
                s.push_str(&format!(
                    "<item><title>{}</title><link>{}</link><guid isPermaLink=\"true\">{}</guid><pubDate>{}</pubDate><description>{}</description>{}</item>",
                    xml(a.title),
                    xml(&a.url),
                    xml(&a.url),
                    Timestamp(a.published_at).to_rfc2822(),
                    xml(a.summary),
                    a.category.map(|c| format!("<category>{}</category>", xml(c))).unwrap_or_default()
                ));
            }
            s.push_str("</channel></rss>\n");
            ("application/rss+xml; charset=utf-8", s)
        }
        Format::Atom => {
            let mut s = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"id\">\
                 <title>{}</title><id>{}</id><link href=\"{}\"/><link rel=\"self\" href=\"{}\"/><updated>{}</updated>",
                xml(&ch.title),
                xml(&ch.self_link),
                xml(&ch.link),
                xml(&ch.self_link),
                Timestamp(updated).to_rfc3339()
            );
            for a in items {
                s.push_str(&format!(
                    "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{}</updated><published>{}</published>\
                     <author><name>{}</name></author><summary>{}</summary><content type=\"html\">{}</content></entry>",
                    xml(a.title),
                    xml(&a.url),
                    xml(&a.url),
                    Timestamp(a.updated_at).to_rfc3339(),
                    Timestamp(a.published_at).to_rfc3339(),
                    xml(a.author),
                    xml(a.summary),
                    xml(a.content_html)
                ));
            }
            s.push_str("</feed>\n");
            ("application/atom+xml; charset=utf-8", s)
        }
        Format::Json => {
            let items: Vec<_> = items
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "id": a.url,
                        "url": a.url,
                        "title": a.title,
                        "summary": a.summary,
                        "content_html": a.content_html,
                        "date_published": Timestamp(a.published_at).to_rfc3339(),
                        "tags": a.category.iter().collect::<Vec<_>>(),
                    })
                })
                .collect();
            let feed = serde_json::json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": ch.title,
                "home_page_url": ch.link,
                "feed_url": ch.self_link,
                "language": "id",
                "items": items,
            });
            ("application/feed+json; charset=utf-8", feed.to_string())
        }
    }
}

pub fn respond((content_type, body): (&'static str, String)) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// `/feed.xml`, `/atom.xml`, `/feed.json`.
pub async fn show_site_feed(State(app): State<AppState>, uri: axum::http::Uri) -> AppResult<Response> {
    let file = uri.path().trim_start_matches('/');
    let format = Format::from_file(file).ok_or(AppError::NotFound)?;
    let items = repo::list_published(&app.db, ITEMS, 0, repo::Detail::Full).await?;
    let ch = Channel {
        title: app.config.site_name.clone(),
        link: app.config.link("/berita"),
        self_link: app.config.link(uri.path()),
    };
    Ok(respond(render(&app, format, &ch, &items)))
}

/// `/kategori/<slug>/<feed file>`.
pub async fn show_category_feed(
    State(app): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let c = categories::repo::find_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let items = repo::list_published_in(&app.db, Some(c.id), None, ITEMS, 0, repo::Detail::Full).await?;
    let ch = Channel {
        title: format!("{} · {}", c.name, app.config.site_name),
        link: app.config.link(&format!("/kategori/{slug}")),
        self_link: app.config.link(&format!("/kategori/{slug}/{file}")),
    };
    Ok(respond(render(&app, format, &ch, &items)))
}

/// `/kim/<slug>/<feed file>`.
pub async fn show_kim_feed(
    State(app): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let k = kim::repo::find_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let items = repo::list_published_in(&app.db, None, Some(k.id), ITEMS, 0, repo::Detail::Full).await?;
    let ch = Channel {
        title: k.name.clone(),
        link: app.config.link(&format!("/kim/{slug}")),
        self_link: app.config.link(&format!("/kim/{slug}/{file}")),
    };
    Ok(respond(render(&app, format, &ch, &items)))
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_text_is_escaped_and_cleaned() {
        assert_eq!(xml("A & B <c> \"d\" 'e'\u{1}"), "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
    }
}
