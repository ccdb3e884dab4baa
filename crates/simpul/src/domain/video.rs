//! Video links in articles: a YouTube, Vimeo or Facebook address becomes a
//! privacy-friendly embed — a thumbnail and a link; the provider's player (and its scripts
//! and cookies) loads only when the reader clicks through.

use url::Url;

/// A recognised video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Video {
    YouTube { id: String },
    Vimeo { id: String },
    Facebook { url: String },
}

impl Video {
    /// Recognises a pasted link; anything else is `None` (and stays a plain link).
    pub fn parse(link: &str) -> Option<Video> {
        let u = Url::parse(link.trim()).ok()?;
        if !matches!(u.scheme(), "http" | "https") {
            return None;
        }
        let host = u.host_str()?.trim_start_matches("www.").trim_start_matches("m.");
        let segments: Vec<&str> = u.path_segments().map(|s| s.filter(|p| !p.is_empty()).collect()).unwrap_or_default();
        let youtube_id = |id: &str| {
            (id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
                .then(|| Video::YouTube { id: id.to_owned() })
        };
        match host {
            "youtube.com" | "youtube-nocookie.com" | "music.youtube.com" => match segments.as_slice() {
                ["watch"] => u.query_pairs().find(|(k, _)| k == "v").and_then(|(_, v)| youtube_id(&v)),
                ["shorts" | "embed" | "live", id] => youtube_id(id),
                _ => None,
            },
            "youtu.be" => segments.first().and_then(|id| youtube_id(id)),
            "vimeo.com" | "player.vimeo.com" => segments
                .iter()
                .rev()
                .find(|s| s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 12)
                .map(|id| Video::Vimeo { id: (*id).to_owned() }),
            "facebook.com" | "fb.watch" | "web.facebook.com" => {
                let is_video =
                    host == "fb.watch" || segments.iter().any(|s| *s == "videos" || *s == "reel" || *s == "watch");
                is_video.then(|| Video::Facebook { url: format!("https://{host}{}", u.path()) })
            }
            _ => None,
        }
    }

    /// Where the reader goes when they choose to play it (the provider's own page).
    pub fn watch_url(&self) -> String {
        match self {
            Video::YouTube { id } => format!("https://www.youtube.com/watch?v={id}"),
            Video::Vimeo { id } => format!("https://vimeo.com/{id}"),
            Video::Facebook { url } => url.clone(),
        }
    }

    /// A still image to show before the click, when the provider has a predictable one.
    /// (Fetched through our server later, so the reader's browser does not call the provider.)
    pub fn thumbnail_url(&self) -> Option<String> {
        match self {
            Video::YouTube { id } => Some(format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")),
            Video::Vimeo { .. } | Video::Facebook { .. } => None,
        }
    }

    pub fn provider(&self) -> &'static str {
        match self {
            Video::YouTube { .. } => "YouTube",
            Video::Vimeo { .. } => "Vimeo",
            Video::Facebook { .. } => "Facebook",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Video;

    #[test]
    fn youtube_links_in_their_many_forms() {
        for link in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
        ] {
            assert_eq!(Video::parse(link), Some(Video::YouTube { id: "dQw4w9WgXcQ".into() }), "{link}");
        }
        let v = Video::parse("https://youtu.be/dQw4w9WgXcQ").unwrap();
        assert_eq!(v.watch_url(), "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        assert_eq!(v.thumbnail_url().unwrap(), "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg");
    }

    #[test]
    fn vimeo_and_facebook() {
        assert_eq!(Video::parse("https://vimeo.com/76979871"), Some(Video::Vimeo { id: "76979871".into() }));
        assert_eq!(
            Video::parse("https://player.vimeo.com/video/76979871"),
            Some(Video::Vimeo { id: "76979871".into() })
        );
        let fb = Video::parse("https://www.facebook.com/diskominfo.cilegon/videos/1234567890/?ref=x").unwrap();
        assert_eq!(fb.watch_url(), "https://facebook.com/diskominfo.cilegon/videos/1234567890/");
        assert_eq!(fb.provider(), "Facebook");
    }

    #[test]
    fn anything_else_stays_a_link() {
        for link in [
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch?v=dQw4w9WgXc<",
            "https://evil.example/watch?v=dQw4w9WgXcQ",
            "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
            "https://www.facebook.com/diskominfo.cilegon",
            "ftp://youtu.be/dQw4w9WgXcQ",
            "not a url",
        ] {
            assert_eq!(Video::parse(link), None, "{link}");
        }
    }
}
