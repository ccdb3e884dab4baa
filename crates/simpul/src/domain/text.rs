//! Small parsed text types: e-mail addresses, phone numbers, passwords.

/// A syntactically plausible e-mail address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Option<Email> {
        let s = s.trim().to_lowercase();
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let (local, domain) = s.rsplit_once('@')?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return None;
        }
        Some(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `s` cut to at most `max` characters at a word boundary, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// An Indonesian phone number in international form (`+62…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts `0812…`, `62812…`, `+62 812-…`, and landlines like `(0254) 391234`.
    pub fn parse(s: &str) -> Option<PhoneNumber> {
        let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        let cleaned_ok = s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if !cleaned_ok {
            return None;
        }
        let national = if let Some(rest) = digits.strip_prefix("62") {
            rest.to_owned()
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest.to_owned()
        } else {
            return None;
        };
        if !(7..=13).contains(&national.len()) || national.starts_with('0') {
            return None;
        }
        Some(PhoneNumber(format!("+62{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `+6281234567890` → `0812-3456-7890`; landlines keep their digits (`0254391234`).
    pub fn display_national(e164: &str) -> String {
        let Some(rest) = e164.strip_prefix("+62") else { return e164.to_owned() };
        let national = format!("0{rest}");
        if !rest.starts_with('8') {
            return national;
        }
        let (a, b) = national.split_at(4.min(national.len()));
        let (b, c) = b.split_at(4.min(b.len()));
        [a, b, c].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("-")
    }
}

/// Replaces anything that looks like an e-mail address with `<e-mail>`, for error texts
/// that go to logs (an SMTP server's refusal often repeats the recipient).
pub fn redact_emails(s: &str) -> String {
    s.split_inclusive(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ',' | ';' | '(' | ')'))
        .map(|part| {
            let word = part.trim_end_matches(|c: char| c.is_whitespace() || "<>\"',;()".contains(c));
            if word.contains('@') && word.len() > 2 {
                format!("<e-mail>{}", &part[word.len()..])
            } else {
                part.to_owned()
            }
        })
        .collect()
}

/// Minimum password length (NIST SP 800-63B asks for at least 8; we ask for 10).
pub const PASSWORD_MIN: usize = 10;
/// Upper bound so hashing cost stays bounded.
pub const PASSWORD_MAX: usize = 128;

/// Why a new password is refused: an i18n key.
pub fn password_problem(pw: &str, email: &str) -> Option<&'static str> {
    let n = pw.chars().count();
    if n < PASSWORD_MIN {
        Some("err-password-short")
    } else if n > PASSWORD_MAX {
        Some("err-too-long")
    } else if !email.is_empty() && pw.to_lowercase().contains(&email.to_lowercase()) {
        Some("err-password-email")
    } else if COMMON.contains(&pw.to_lowercase().as_str()) || distinct_chars(pw) < 5 {
        Some("err-password-common")
    } else {
        None
    }
}

fn distinct_chars(s: &str) -> usize {
    let mut seen: Vec<char> = s.chars().collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "qwertyuiop",
    "password123",
    "passw0rd123",
    "indonesia1",
    "indonesia123",
    "cilegon123",
    "bismillah1",
    "bismillah123",
    "admin12345",
    "0123456789",
    "1111111111",
    "abcdefghij",
];

/// A CSV cell that a spreadsheet will not run as a formula (`=`, `+`, `-`, `@` at the start).
pub fn csv_cell(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{v}") } else { v.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(Email::parse(" Siti@Cilegon.go.id ").unwrap().as_str(), "siti@cilegon.go.id");
        for bad in ["", "a", "a@b", "@x.id", "a b@x.id", "a@.x.id", "a@x..id", "a@x.id."] {
            assert!(Email::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert_eq!(PhoneNumber::parse("0812-3456-7890").unwrap().as_str(), "+6281234567890");
        assert_eq!(PhoneNumber::parse("+62 812 3456 7890").unwrap().as_str(), "+6281234567890");
        assert_eq!(PhoneNumber::parse("(0254) 391234").unwrap().as_str(), "+62254391234");
        assert!(PhoneNumber::parse("12345").is_none());
        assert!(PhoneNumber::parse("0812abc4567").is_none());
        assert_eq!(PhoneNumber::display_national("+6281234567890"), "0812-3456-7890");
        assert_eq!(PhoneNumber::display_national("+62812345678"), "0812-3456-78");
        assert_eq!(PhoneNumber::display_national("+62254391234"), "0254391234");
    }

    #[test]
    fn emails_are_redacted_from_error_texts() {
        assert_eq!(
            redact_emails("550 5.1.1 <siti@example.id>: Recipient address rejected"),
            "550 5.1.1 <<e-mail>>: Recipient address rejected"
        );
        assert_eq!(redact_emails("no address here"), "no address here");
    }

    #[test]
    fn passwords() {
        assert_eq!(password_problem("short", ""), Some("err-password-short"));
        assert_eq!(password_problem("bismillah123", ""), Some("err-password-common"));
        assert_eq!(password_problem("aaaaaaaaaaaa", ""), Some("err-password-common"));
        assert_eq!(password_problem("abababababab", ""), Some("err-password-common"));
        assert_eq!(password_problem("xsiti@x.idx", "siti@x.id"), Some("err-password-email"));
        assert_eq!(password_problem("kuda-lumping-merah", "siti@x.id"), None);
    }
}
