//! Markdown written by KIM members and editors, rendered to HTML that is safe to show:
//! pulldown-cmark renders, then ammonia removes everything that could run or track (scripts,
//! event attributes, `javascript:`/`data:` links, SVG, inline styles, images from other sites).
//! Sanitising happens after rendering, so raw HTML in the Markdown is covered too.

use std::{borrow::Cow, collections::HashSet};

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    sanitizer().clean(&raw).to_string()
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.tags(HashSet::from([
        "a",
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "strong",
        "em",
        "del",
        "blockquote",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "img",
    ]))
    // An `h1` belongs to the page title; article headings start at h2.
    .tag_attributes(std::collections::HashMap::from([
        ("a", HashSet::from(["href", "title"])),
        ("img", HashSet::from(["src", "alt", "title"])),
    ]))
    .generic_attributes(HashSet::new())
    .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
    .link_rel(Some("noopener nofollow ugc"))
    .url_relative(ammonia::UrlRelative::PassThrough)
    .attribute_filter(|element, attribute, value| match (element, attribute) {
        // Images only from our own media store: no tracking pixels from elsewhere.
        ("img", "src") if !is_media_path(value) => None,
        _ => Some(Cow::Borrowed(value)),
    });
    b
}

/// An address inside our own media store: `/media/` and plain names below it, no `.` or `..`
/// segments, no escapes, queries or backslashes that a browser would resolve elsewhere.
fn is_media_path(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("/media/") else { return false };
    !rest.is_empty()
        && !rest.contains(['\\', '%', '?', '#'])
        && rest.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// The text of a Markdown document without its markup (for search snippets and indexing):
/// paragraphs and headings separated by blank lines, links reduced to their words.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for ev in Parser::new(markdown) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                out.push_str("\n\n")
            }
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn ordinary_markdown_renders() {
        let html = render(
            "## Jalan baru\n\nWarga **Bulakan** menyambut.\n\n- satu\n- dua\n\nBaca juga: [Pasar](/berita/pasar-baru)",
        );
        assert!(html.contains("<h2>Jalan baru</h2>"));
        assert!(html.contains("<strong>Bulakan</strong>"));
        assert!(html.contains("<li>satu</li>"));
        assert!(html.contains(r#"<a href="/berita/pasar-baru" rel="noopener nofollow ugc">Pasar</a>"#));
    }

    #[test]
    fn hostile_html_and_links_render_inert() {
        let attacks = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klik](javascript:alert(1))",
            "[klik](JaVaScRiPt:alert(1))",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=alert(1)></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
            "![x](https://tracker.example/pixel.gif)",
            "<form action=\"https://evil.example\"><input name=p></form>",
        ];
        for a in attacks {
            let html = render(a).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "data:",
                "<svg",
                "<iframe",
                "style=",
                "tracker.example",
                "<form",
                "<input",
            ] {
                assert!(!html.contains(bad), "{a:?} rendered {html:?}");
            }
        }
    }

    #[test]
    fn media_paths_cannot_climb_out() {
        for bad in [
            "/media/../admin",
            "/media/a/../../etc",
            "/media/./x",
            "/media/%2e%2e/x",
            "/media/a\\..\\b",
            "/media/",
            "/media//x",
            "/media/x?y",
        ] {
            let html = render(&format!("![x]({bad})"));
            assert!(!html.contains("src="), "{bad} rendered {html}");
        }
    }

    #[test]
    fn own_media_images_stay() {
        let html = render("![Peresmian jalan](/media/2026/11/jalan-720.webp)");
        assert!(html.contains(r#"<img src="/media/2026/11/jalan-720.webp" alt="Peresmian jalan">"#), "{html}");
    }

    #[test]
    fn headings_start_below_the_title() {
        assert!(!render("# Judul kedua").contains("<h1>"));
    }
}
