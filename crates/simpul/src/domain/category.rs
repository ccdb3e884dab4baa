//! News categories: the form admins fill in.

use serde::{Deserialize, Serialize};

use super::validation::FieldErrors;

/// The category form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CategoryForm {
    pub name: String,
    pub description: String,
}

/// A validated category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryInput {
    pub name: String,
    pub description: Option<String>,
}

impl CategoryForm {
    pub fn validate(&self) -> Result<CategoryInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.required("name", &self.name, 60);
        if !name.is_empty() && simpul_text::slugify(&name, 60).is_empty() {
            e.add("name", "err-name-letters");
        }
        let description = e.optional("description", &self.description, 300);
        e.into_result().map(|()| CategoryInput { name, description })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_need_letters() {
        assert!(CategoryForm { name: "Pariwisata".into(), ..Default::default() }.validate().is_ok());
        assert_eq!(
            CategoryForm { name: "!!!".into(), ..Default::default() }.validate().unwrap_err().get("name"),
            Some("err-name-letters")
        );
        assert_eq!(CategoryForm::default().validate().unwrap_err().get("name"), Some("err-required"));
    }
}
