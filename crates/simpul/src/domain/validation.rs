//! Field-level validation errors. Each code is an i18n key (`err-…`), so the page can say
//! what is wrong in the reader's language, next to the field.

use serde::Serialize;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    /// An i18n key, e.g. `err-required`.
    pub code: String,
}

/// All problems found in one submission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, code: &str) {
        self.0.push(FieldError { field: field.to_owned(), code: code.to_owned() });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error code for `field`, for showing beside it.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.code.as_str())
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// A required, trimmed text of at most `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.add(field, "err-required");
        } else if v.chars().count() > max {
            self.add(field, "err-too-long");
        } else if has_control_chars(v) {
            self.add(field, "err-invalid-chars");
        }
        v.to_owned()
    }

    /// An optional, trimmed text of at most `max` characters (`None` when blank).
    pub fn optional(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        if v.chars().count() > max {
            self.add(field, "err-too-long");
        } else if has_control_chars(v) {
            self.add(field, "err-invalid-chars");
        }
        Some(v.to_owned())
    }

    /// An optional phone number, returned in `+62…` form.
    pub fn optional_phone(&mut self, field: &str, value: &str) -> Option<String> {
        let v = self.optional(field, value, 30)?;
        let parsed = super::text::PhoneNumber::parse(&v).map(|p| p.as_str().to_owned());
        if parsed.is_none() {
            self.add(field, "err-phone");
        }
        parsed
    }

    /// An optional e-mail address, returned lower-cased.
    pub fn optional_email(&mut self, field: &str, value: &str) -> Option<String> {
        let v = self.optional(field, value, 254)?;
        let parsed = super::text::Email::parse(&v).map(|m| m.as_str().to_owned());
        if parsed.is_none() {
            self.add(field, "err-email");
        }
        parsed
    }

    /// An optional `http(s)://` link.
    pub fn optional_url(&mut self, field: &str, value: &str) -> Option<String> {
        let v = self.optional(field, value, 300)?;
        match url::Url::parse(&v) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Some(v),
            _ => {
                self.add(field, "err-url");
                Some(v)
            }
        }
    }
}

/// Control characters other than tab/newline have no place in form text.
fn has_control_chars(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_and_lengths() {
        let mut e = FieldErrors::new();
        assert_eq!(e.required("name", "  KIM  ", 10), "KIM");
        e.required("a", "   ", 10);
        e.required("b", "12345678901", 10);
        e.required("c", "bad\u{0}byte", 10);
        assert_eq!(e.get("a"), Some("err-required"));
        assert_eq!(e.get("b"), Some("err-too-long"));
        assert_eq!(e.get("c"), Some("err-invalid-chars"));
        assert_eq!(e.get("name"), None);
    }

    #[test]
    fn urls_must_be_web_links() {
        let mut e = FieldErrors::new();
        e.optional_url("ok", "https://instagram.com/kim");
        e.optional_url("js", "javascript:alert(1)");
        assert_eq!(e.get("ok"), None);
        assert_eq!(e.get("js"), Some("err-url"));
        assert_eq!(e.optional_url("none", " "), None);
    }
}
