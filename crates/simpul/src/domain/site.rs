//! The deployment's identity as an admin sets it: the city or regency it serves and its logo.
//! Any kota or kabupaten runs the same binary; these make it theirs.

/// What every page, feed and share image shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteIdentity {
    /// "Kota Cilegon", "Kabupaten Serang"; none until an admin sets it.
    pub city: Option<String>,
    /// The logo's version (its upload time in milliseconds); none: no logo.
    pub logo_version: Option<i64>,
}

impl SiteIdentity {
    /// The name pages and feeds carry: the product name, then the city when set
    /// ("Simpul KIM Kota Cilegon").
    pub fn title(&self, product: &str) -> String {
        match &self.city {
            Some(c) => format!("{product} {c}"),
            None => product.to_owned(),
        }
    }

    /// Where the header logo is served, with its version so caches refresh when it changes.
    pub fn logo_url(&self) -> Option<String> {
        self.logo_version.map(|v| format!("/situs/logo.png?v={v}"))
    }
}

/// The longest city name accepted.
pub const CITY_MAX: usize = 80;

#[cfg(test)]
mod tests {
    use super::SiteIdentity;

    #[test]
    fn the_title_names_the_city_when_set() {
        assert_eq!(SiteIdentity::default().title("Simpul KIM"), "Simpul KIM");
        let s = SiteIdentity { city: Some("Kota Cilegon".into()), logo_version: Some(5) };
        assert_eq!(s.title("Simpul KIM"), "Simpul KIM Kota Cilegon");
        assert_eq!(s.logo_url().as_deref(), Some("/situs/logo.png?v=5"));
    }
}
