//! Government units (OPD: Dinas, Badan, kecamatan, kelurahan) and the categories they handle.

use serde::{Deserialize, Serialize};

use super::validation::FieldErrors;

/// The OPD form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OpdForm {
    pub name: String,
    pub short_name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// One category per line (or comma-separated): the topics this unit answers for.
    pub categories: String,
}

/// A validated OPD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpdInput {
    pub name: String,
    pub short_name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub categories: Vec<String>,
}

impl OpdForm {
    pub fn validate(&self) -> Result<OpdInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.required("name", &self.name, 150);
        let short_name = e.required("short_name", &self.short_name, 40);
        let address = e.optional("address", &self.address, 300);
        let phone = e.optional_phone("phone", &self.phone);
        let email = e.optional_email("email", &self.email);
        let website = e.optional_url("website", &self.website);
        let mut categories: Vec<String> = Vec::new();
        for c in self.categories.split(['\n', ',']).map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")) {
            if c.is_empty() {
                continue;
            }
            if c.chars().count() > 80 {
                e.add("categories", "err-too-long");
                break;
            }
            if c.chars().any(char::is_control) {
                e.add("categories", "err-invalid-chars");
                break;
            }
            if !categories.iter().any(|x| x.eq_ignore_ascii_case(&c)) {
                categories.push(c);
            }
        }
        if categories.len() > 50 {
            e.add("categories", "err-too-many");
        }
        let input = OpdInput { name, short_name, address, phone, email, website, categories };
        e.into_result().map(|()| input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_split_and_deduplicated() {
        let f = OpdForm {
            name: "Dinas Pekerjaan Umum dan Penataan Ruang".into(),
            short_name: "DPUPR".into(),
            categories: "Jalan rusak\nDrainase,  jalan rusak ,\n\nPenerangan jalan".into(),
            ..Default::default()
        };
        let o = f.validate().unwrap();
        assert_eq!(o.categories, vec!["Jalan rusak", "Drainase", "Penerangan jalan"]);
    }

    #[test]
    fn names_are_required() {
        let e = OpdForm::default().validate().unwrap_err();
        assert_eq!(e.get("name"), Some("err-required"));
        assert_eq!(e.get("short_name"), Some("err-required"));
    }
}
