//! KIM groups: their level and the rules for a valid registration form.

use serde::{Deserialize, Serialize};

use super::{time::Date, validation::FieldErrors};

/// The level a KIM group works at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KimLevel {
    Kelurahan,
    Kecamatan,
    Kota,
}

impl KimLevel {
    pub const ALL: [KimLevel; 3] = [KimLevel::Kelurahan, KimLevel::Kecamatan, KimLevel::Kota];

    pub fn as_str(self) -> &'static str {
        match self {
            KimLevel::Kelurahan => "kelurahan",
            KimLevel::Kecamatan => "kecamatan",
            KimLevel::Kota => "kota",
        }
    }

    pub fn parse(s: &str) -> Option<KimLevel> {
        KimLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The KIM form as typed (all text, so it can be shown again unchanged when invalid).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct KimForm {
    pub name: String,
    pub level: String,
    pub region_id: String,
    pub sk_number: String,
    pub sk_date: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub facebook: String,
    pub instagram: String,
    pub youtube: String,
    pub tiktok: String,
    pub ketua: String,
    pub sekretaris: String,
    pub bendahara: String,
}

/// A validated KIM registration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KimInput {
    pub name: String,
    pub level: KimLevel,
    pub region_id: i64,
    pub sk_number: Option<String>,
    pub sk_date: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub youtube: Option<String>,
    pub tiktok: Option<String>,
    pub ketua: Option<String>,
    pub sekretaris: Option<String>,
    pub bendahara: Option<String>,
}

impl KimForm {
    /// Checks the form. The region's level is checked by the service, which can look it up.
    pub fn validate(&self) -> Result<KimInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.required("name", &self.name, 120);
        let level = KimLevel::parse(self.level.trim());
        if level.is_none() {
            e.add("level", "err-choose");
        }
        let region_id = self.region_id.trim().parse::<i64>().ok().filter(|&id| id > 0);
        if region_id.is_none() {
            e.add("region_id", "err-choose");
        }
        let sk_number = e.optional("sk_number", &self.sk_number, 100);
        let sk_date = e.optional("sk_date", &self.sk_date, 10);
        if let Some(d) = &sk_date
            && Date::parse(d).is_none()
        {
            e.add("sk_date", "err-date");
        }
        let address = e.optional("address", &self.address, 300);
        let phone = e.optional_phone("phone", &self.phone);
        let email = e.optional_email("email", &self.email);
        let input = KimInput {
            name,
            level: level.unwrap_or(KimLevel::Kelurahan),
            region_id: region_id.unwrap_or(0),
            sk_number,
            sk_date,
            address,
            phone,
            email,
            website: e.optional_url("website", &self.website),
            facebook: e.optional_url("facebook", &self.facebook),
            instagram: e.optional_url("instagram", &self.instagram),
            youtube: e.optional_url("youtube", &self.youtube),
            tiktok: e.optional_url("tiktok", &self.tiktok),
            ketua: e.optional("ketua", &self.ketua, 100),
            sekretaris: e.optional("sekretaris", &self.sekretaris, 100),
            bendahara: e.optional("bendahara", &self.bendahara, 100),
        };
        e.into_result().map(|()| input)
    }
}

/// Which region level a KIM of `level` must be attached to.
pub fn region_level_for(level: KimLevel) -> super::region::RegionLevel {
    use super::region::RegionLevel;
    match level {
        KimLevel::Kelurahan => RegionLevel::Kelurahan,
        KimLevel::Kecamatan => RegionLevel::Kecamatan,
        KimLevel::Kota => RegionLevel::Kota,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> KimForm {
        KimForm {
            name: "KIM Bulakan Maju".into(),
            level: "kelurahan".into(),
            region_id: "3".into(),
            ..Default::default()
        }
    }

    #[test]
    fn minimal_form_is_valid() {
        let k = form().validate().unwrap();
        assert_eq!(k.level, KimLevel::Kelurahan);
        assert_eq!(k.region_id, 3);
        assert_eq!(k.phone, None);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let f = KimForm {
            name: "".into(),
            level: "provinsi".into(),
            region_id: "x".into(),
            sk_date: "31-12-2025".into(),
            phone: "abc".into(),
            email: "no-at".into(),
            instagram: "javascript:alert(1)".into(),
            ..Default::default()
        };
        let e = f.validate().unwrap_err();
        for (field, code) in [
            ("name", "err-required"),
            ("level", "err-choose"),
            ("region_id", "err-choose"),
            ("sk_date", "err-date"),
            ("phone", "err-phone"),
            ("email", "err-email"),
            ("instagram", "err-url"),
        ] {
            assert_eq!(e.get(field), Some(code), "{field}");
        }
    }

    #[test]
    fn contacts_are_normalised() {
        let f = KimForm { phone: "0812 3456 7890".into(), email: "KIM@Example.ID".into(), ..form() };
        let k = f.validate().unwrap();
        assert_eq!(k.phone.as_deref(), Some("+6281234567890"));
        assert_eq!(k.email.as_deref(), Some("kim@example.id"));
    }
}
