//! Feeds — RSS 2.0, Atom and JSON Feed — of whatever a capability lists (articles,
//! clarifications). Written by hand (the formats are small); every text is escaped.

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

use crate::domain::time::Timestamp;

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
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
    pub author: &'a str,
    pub category: Option<&'a str>,
}

/// Renders a feed.
pub fn render_items(format: Format, ch: &Channel, items: &[Item]) -> (&'static str, String) {
    let updated = items.iter().map(|a| a.published_at).max().unwrap_or(Timestamp(0));
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
                    a.published_at.to_rfc2822(),
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
                updated.to_rfc3339()
            );
            for a in items {
                s.push_str(&format!(
                    "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{}</updated><published>{}</published>\
                     <author><name>{}</name></author><summary>{}</summary><content type=\"html\">{}</content></entry>",
                    xml(a.title),
                    xml(&a.url),
                    xml(&a.url),
                    a.updated_at.to_rfc3339(),
                    a.published_at.to_rfc3339(),
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
                        "date_published": a.published_at.to_rfc3339(),
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

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_text_is_escaped_and_cleaned() {
        assert_eq!(xml("A & B <c> \"d\" 'e'\u{1}"), "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
    }
}
