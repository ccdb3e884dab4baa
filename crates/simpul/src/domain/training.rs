//! Training: the registration workflow and the attendance code that changes every minute.
//!
//! A registration is `terdaftar` (holds a seat) or `menunggu` (on the waiting list) until it is
//! `batal`. [`transition`] says who may move it where; whether a seat is free when someone
//! registers is the caller's to say (the session's seat counter decides it).

use hmac::{Hmac, Mac};
use subtle::ConstantTimeEq;

pub use super::workflow::Refusal;

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

    pub const ALL: [RegStatus; 3] = [RegStatus::Terdaftar, RegStatus::Menunggu, RegStatus::Batal];

    pub fn parse(s: &str) -> Option<RegStatus> {
        RegStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Something done to a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegAction {
    /// Register (or register again after cancelling); `seat_free` says whether a seat was taken.
    Register { seat_free: bool },
    /// Leave the session (a seat goes back to the waiting list).
    Cancel,
    /// The first on the waiting list gets a freed seat.
    Promote,
}

/// Who acts on a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegParty {
    /// The member themself, their KIM's Redaksi, or an admin.
    Registrar,
    /// The system (moving the waiting list up).
    System,
    /// Anyone else.
    Other,
}

/// The status `action` leads to from `from` (`None`: not registered yet), or why not.
pub fn transition(from: Option<RegStatus>, action: RegAction, who: RegParty) -> Result<RegStatus, Refusal> {
    use RegStatus::*;
    let may = match action {
        RegAction::Register { .. } | RegAction::Cancel => who == RegParty::Registrar,
        RegAction::Promote => who == RegParty::System,
    };
    if !may {
        return Err(Refusal::Forbidden);
    }
    match (from, action) {
        (None | Some(Batal), RegAction::Register { seat_free: true }) => Ok(Terdaftar),
        (None | Some(Batal), RegAction::Register { seat_free: false }) => Ok(Menunggu),
        (Some(Terdaftar | Menunggu), RegAction::Cancel) => Ok(Batal),
        (Some(Menunggu), RegAction::Promote) => Ok(Terdaftar),
        _ => Err(Refusal::WrongState),
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

    /// Every (status, action, party): exactly the listed edges succeed.
    #[test]
    fn every_registration_edge() {
        use RegStatus::*;
        let (reg, sys) = (RegParty::Registrar, RegParty::System);
        let seat = RegAction::Register { seat_free: true };
        let queue = RegAction::Register { seat_free: false };
        let allowed = [
            (None, seat, reg, Terdaftar),
            (Some(Batal), seat, reg, Terdaftar),
            (None, queue, reg, Menunggu),
            (Some(Batal), queue, reg, Menunggu),
            (Some(Terdaftar), RegAction::Cancel, reg, Batal),
            (Some(Menunggu), RegAction::Cancel, reg, Batal),
            (Some(Menunggu), RegAction::Promote, sys, Terdaftar),
        ];
        let froms = [None, Some(Terdaftar), Some(Menunggu), Some(Batal)];
        let mut ok = 0;
        for from in froms {
            for action in [seat, queue, RegAction::Cancel, RegAction::Promote] {
                for who in [reg, sys, RegParty::Other] {
                    let got = transition(from, action, who);
                    match allowed.iter().find(|e| e.0 == from && e.1 == action && e.2 == who) {
                        Some(e) => {
                            assert_eq!(got, Ok(e.3), "{from:?} {action:?} {who:?}");
                            ok += 1;
                        }
                        None => assert!(got.is_err(), "{from:?} {action:?} {who:?} should be refused"),
                    }
                }
            }
        }
        assert_eq!(ok, allowed.len());
        assert_eq!(transition(Some(Terdaftar), seat, reg), Err(Refusal::WrongState), "registered twice");
    }

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
