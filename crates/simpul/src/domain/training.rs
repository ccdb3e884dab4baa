//! Training (issue 7): registration states and the attendance code that changes every minute.

use hmac::{Hmac, Mac};
use subtle::ConstantTimeEq;

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegStatus {
    /// Holds a seat.
    Terdaftar,
    /// On the waiting list, moved up in order when a seat frees.
    Menunggu,
    Batal,
}

impl RegStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegStatus::Terdaftar => "terdaftar",
            RegStatus::Menunggu => "menunggu",
            RegStatus::Batal => "batal",
        }
    }

    pub fn parse(s: &str) -> Option<RegStatus> {
        [RegStatus::Terdaftar, RegStatus::Menunggu, RegStatus::Batal].into_iter().find(|r| r.as_str() == s)
    }
}

/// How long one attendance code lasts.
pub const CODE_PERIOD_MS: i64 = 60_000;

/// The six-digit attendance code of a session for the minute holding `at_ms` (HMAC-SHA256 of
/// the minute under the session's key, truncated as in RFC 4226). Another session's key gives
/// other codes.
pub fn attendance_code(key: &str, at_ms: i64) -> String {
    let step = at_ms.div_euclid(CODE_PERIOD_MS);
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()) else { return String::new() };
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[h.len() - 1] & 0x0f);
    let bin = (u32::from(h[offset] & 0x7f) << 24)
        | (u32::from(h[offset + 1]) << 16)
        | (u32::from(h[offset + 2]) << 8)
        | u32::from(h[offset + 3]);
    format!("{:06}", bin % 1_000_000)
}

/// Whether `code` is the session's code now or of the minute before (typing takes a moment);
/// anything older has expired.
pub fn code_is_current(key: &str, now_ms: i64, code: &str) -> bool {
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    if code.len() != 6 {
        return false;
    }
    [now_ms, now_ms - CODE_PERIOD_MS]
        .iter()
        .any(|t| bool::from(attendance_code(key, *t).as_bytes().ct_eq(code.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_change_every_minute_and_expire_after_two() {
        let key = "kunci-sesi-1";
        let t = 1_795_831_200_000; // a minute boundary
        let c = attendance_code(key, t);
        assert_eq!(c.len(), 6);
        assert_eq!(c, attendance_code(key, t + 59_999));
        assert_ne!(c, attendance_code(key, t + 60_000));
        assert!(code_is_current(key, t + 30_000, &c));
        assert!(code_is_current(key, t + 90_000, &c), "the minute before still counts");
        assert!(!code_is_current(key, t + 120_000, &c), "older codes have expired");
        assert!(!code_is_current("kunci-sesi-2", t, &c) || attendance_code("kunci-sesi-2", t) == c);
        assert!(code_is_current(key, t, &format!("{} {}", &c[..3], &c[3..])), "spaces as typed");
        assert!(!code_is_current(key, t, "12345"));
    }

    #[test]
    fn statuses_round_trip() {
        for s in [RegStatus::Terdaftar, RegStatus::Menunggu, RegStatus::Batal] {
            assert_eq!(RegStatus::parse(s.as_str()), Some(s));
        }
    }
}
