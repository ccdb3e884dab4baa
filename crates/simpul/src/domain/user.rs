//! Accounts: the forms people fill in to sign up, sign in and manage passwords.

use serde::{Deserialize, Serialize};

use super::{
    text::{Email, password_problem},
    validation::FieldErrors,
};

/// A new account's details as typed (setup, registration, admin "add user"). No `Debug`:
/// it holds a password.
#[derive(Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AccountForm {
    pub name: String,
    pub email: String,
    #[serde(skip_serializing)]
    pub password: String,
    #[serde(skip_serializing)]
    pub password_confirm: String,
}

/// Validated account details.
#[derive(Clone, PartialEq)]
pub struct NewAccount {
    pub name: String,
    pub email: Email,
    pub password: String,
}

impl std::fmt::Debug for NewAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAccount").field("name", &self.name).field("email", &self.email).finish_non_exhaustive()
    }
}

impl AccountForm {
    pub fn validate(&self) -> Result<NewAccount, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.required("name", &self.name, 100);
        let email = Email::parse(&self.email);
        if self.email.trim().is_empty() {
            e.add("email", "err-required");
        } else if email.is_none() {
            e.add("email", "err-email");
        }
        if let Some(code) = password_problem(&self.password, self.email.trim()) {
            e.add("password", code);
        } else if self.password != self.password_confirm {
            e.add("password_confirm", "err-password-mismatch");
        }
        let Some(email) = email else { return Err(e) };
        e.into_result()?;
        Ok(NewAccount { name, email, password: self.password.clone() })
    }
}

/// The sign-in form.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

/// Choosing a new password (change or reset).
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub current_password: String,
    pub password: String,
    pub password_confirm: String,
}

impl PasswordForm {
    pub fn validate_new(&self, email: &str) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::new();
        if let Some(code) = password_problem(&self.password, email) {
            e.add("password", code);
        } else if self.password != self.password_confirm {
            e.add("password_confirm", "err-password-mismatch");
        }
        e.into_result().map(|()| self.password.clone())
    }
}

/// Only same-site paths may be used as a redirect target: an absolute path of visible ASCII
/// (percent-encoded otherwise), no scheme-relative `//`, no backslashes or control characters
/// (browsers drop tabs and newlines, which turns `/\t/evil` into `//evil`).
pub fn safe_next(next: &str) -> &str {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2000
        && next.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'\\');
    if ok { next } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_form_checks_everything() {
        let ok = AccountForm {
            name: "Siti".into(),
            email: "siti@example.id".into(),
            password: "kuda-lumping-merah".into(),
            password_confirm: "kuda-lumping-merah".into(),
        };
        assert_eq!(ok.validate().unwrap().email.as_str(), "siti@example.id");
        let bad = AccountForm { password_confirm: "other-password".into(), ..ok.clone() };
        assert_eq!(bad.validate().unwrap_err().get("password_confirm"), Some("err-password-mismatch"));
        let e = AccountForm::default().validate().unwrap_err();
        assert_eq!(e.get("name"), Some("err-required"));
        assert_eq!(e.get("email"), Some("err-required"));
        assert_eq!(e.get("password"), Some("err-password-short"));
    }

    #[test]
    fn debug_never_shows_the_password() {
        let a = AccountForm {
            name: "S".into(),
            email: "s@x.id".into(),
            password: "rahasia-sekali-123".into(),
            password_confirm: "rahasia-sekali-123".into(),
        };
        assert!(!format!("{:?}", a.validate().unwrap()).contains("rahasia"));
    }

    #[test]
    fn next_must_stay_on_site() {
        assert_eq!(safe_next("/admin"), "/admin");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil"), "/");
        assert_eq!(safe_next("/\t/evil.example"), "/");
        assert_eq!(safe_next("/a\u{1}b"), "/");
        assert_eq!(safe_next("/kim?q=caf\u{e9}"), "/");
        assert_eq!(safe_next("/kim?q=caf%C3%A9&hal=2"), "/kim?q=caf%C3%A9&hal=2");
    }
}
