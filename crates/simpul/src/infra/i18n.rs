//! Translations: Fluent files in `locales/{id,en}/`, compiled into the binary. Indonesian is
//! the reference; a test checks both locales have the same keys.

use std::{borrow::Cow, collections::HashMap, sync::OnceLock};

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "id",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim() {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks from an `Accept-Language` header: English only when preferred over Indonesian.
    pub fn from_accept_language(h: &str) -> Lang {
        for part in h.split(',') {
            let tag = part.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            if tag.starts_with("id") || tag.starts_with("in") {
                return Lang::Id;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::Id
    }

    fn langid(self) -> &'static LanguageIdentifier {
        static ID: OnceLock<LanguageIdentifier> = OnceLock::new();
        static EN: OnceLock<LanguageIdentifier> = OnceLock::new();
        match self {
            Lang::Id => ID.get_or_init(|| "id".parse().expect("valid tag")),
            Lang::En => EN.get_or_init(|| "en".parse().expect("valid tag")),
        }
    }

    /// The text for `key`; the key itself if it is missing (a test keeps that from shipping).
    pub fn t(self, key: &str) -> String {
        LOCALES.try_lookup(self.langid(), key).unwrap_or_else(|| key.to_owned())
    }

    /// The text for `key` with `{ $name }` arguments filled in.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        // Whole numbers go in as numbers, so plural forms (`[one]`/`*[other]`) can be chosen.
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| {
                let value = v.parse::<i64>().map_or_else(|_| FluentValue::from(v.clone()), FluentValue::from);
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES.try_lookup_with_args(self.langid(), key, &map).unwrap_or_else(|| key.to_owned())
    }
}

/// The message keys of one locale's files, for the parity test.
pub fn keys_in(ftl: &str) -> Vec<String> {
    ftl.lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.', '[', '*', '}']) && l.contains(" ="))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locales_have_the_same_keys() {
        let id = keys_in(include_str!("../../locales/id/main.ftl"));
        let en = keys_in(include_str!("../../locales/en/main.ftl"));
        let missing_en: Vec<_> = id.iter().filter(|k| !en.contains(k)).collect();
        let missing_id: Vec<_> = en.iter().filter(|k| !id.contains(k)).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_id.is_empty(), "missing in id: {missing_id:?}");
        assert!(id.len() > 50);
    }

    #[test]
    fn lookups_work_in_both_languages() {
        assert_eq!(Lang::Id.t("nav-home"), "Beranda");
        assert_eq!(Lang::En.t("nav-home"), "Home");
        assert_eq!(Lang::En.t_args("kim-members-count", &[("count", "3".into())]), "3 members");
        assert_eq!(Lang::En.t_args("kim-members-count", &[("count", "1".into())]), "1 member");
    }

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("id-ID,id;q=0.9,en;q=0.8"), Lang::Id);
        assert_eq!(Lang::from_accept_language(""), Lang::Id);
    }
}
