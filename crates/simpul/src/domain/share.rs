//! Share links: plain links to each platform's own share page, no third-party script.

/// (platform name, address) for sharing `title` at `url`, WhatsApp first (how news travels
/// in Indonesian neighbourhoods).
pub fn share_links(title: &str, url: &str) -> Vec<(&'static str, String)> {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let (t, u) = (enc(title), enc(url));
    vec![
        ("WhatsApp", format!("https://wa.me/?text={}", enc(&format!("{title} {url}")))),
        ("Telegram", format!("https://t.me/share/url?url={u}&text={t}")),
        ("Facebook", format!("https://www.facebook.com/sharer/sharer.php?u={u}")),
        ("X", format!("https://x.com/intent/post?text={t}&url={u}")),
    ]
}

/// A WhatsApp link that shares `text` followed by `url`.
pub fn whatsapp_link(text: &str, url: &str) -> String {
    share_links(text, url).swap_remove(0).1
}

#[cfg(test)]
mod tests {
    use super::share_links;

    #[test]
    fn every_link_carries_the_encoded_address() {
        let links = share_links("Jalan & Saluran Baru", "https://kim.cilegon.go.id/berita/jalan-baru");
        assert_eq!(links[0].0, "WhatsApp");
        assert_eq!(
            links[0].1,
            "https://wa.me/?text=Jalan+%26+Saluran+Baru+https%3A%2F%2Fkim.cilegon.go.id%2Fberita%2Fjalan-baru"
        );
        for (_, href) in &links {
            assert!(href.contains("kim.cilegon.go.id%2Fberita%2Fjalan-baru"), "{href}");
            assert!(!href.contains(' ') && !href.contains("Jalan & "), "{href}");
        }
    }
}
