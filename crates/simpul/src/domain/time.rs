//! Instants (`Timestamp`, UTC milliseconds) and calendar dates (`Date`), with WIB display.

use std::fmt;

/// Western Indonesia Time (WIB), UTC+7, the zone Kota Cilegon and most users live in.
pub const WIB_OFFSET_MS: i64 = 7 * 3_600_000;

/// An instant as integer milliseconds since the Unix epoch, UTC. Stored as such in both engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn plus_minutes(self, m: i64) -> Timestamp {
        Timestamp(self.0 + m * 60_000)
    }

    pub fn plus_days(self, d: i64) -> Timestamp {
        Timestamp(self.0 + d * 86_400_000)
    }

    /// The civil date and time in WIB.
    pub fn to_wib(self) -> (Date, u32, u32) {
        let local = self.0 + WIB_OFFSET_MS;
        let days = local.div_euclid(86_400_000);
        let ms_of_day = local.rem_euclid(86_400_000);
        let minutes = (ms_of_day / 60_000) as u32;
        (Date::from_days(days), minutes / 60, minutes % 60)
    }

    /// `2026-11-28 13:05 WIB`.
    pub fn format_wib(self) -> String {
        let (d, h, m) = self.to_wib();
        format!("{d} {h:02}:{m:02} WIB")
    }

    /// Parses `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` sends) as WIB.
    pub fn parse_wib_local(s: &str) -> Option<Timestamp> {
        let (date, time) = s.trim().split_once('T')?;
        let d = Date::parse(date)?;
        let (h, m) = time.get(0..5)?.split_once(':')?;
        let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
        if !(0..24).contains(&h) || !(0..60).contains(&m) {
            return None;
        }
        Some(Timestamp(d.to_days() * 86_400_000 + (h * 60 + m) * 60_000 - WIB_OFFSET_MS))
    }

    /// The HTTP date format (`Sun, 06 Nov 1994 08:49:37 GMT`) for `Last-Modified`.
    pub fn to_http_date(self) -> String {
        self.to_rfc2822().replace("+0000", "GMT")
    }

    /// RFC 2822 in UTC (`Sat, 28 Nov 2026 08:10:00 +0000`), for RSS.
    pub fn to_rfc2822(self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let days = self.0.div_euclid(86_400_000);
        let ms = self.0.rem_euclid(86_400_000);
        let d = Date::from_days(days);
        let weekday = DAYS[days.rem_euclid(7) as usize];
        let (h, mi, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
        format!("{weekday}, {:02} {} {} {h:02}:{mi:02}:{s:02} +0000", d.day, MONTHS[(d.month - 1) as usize], d.year)
    }

    /// RFC 3339 in UTC, for APIs and feeds.
    pub fn to_rfc3339(self) -> String {
        let days = self.0.div_euclid(86_400_000);
        let ms = self.0.rem_euclid(86_400_000);
        let d = Date::from_days(days);
        let (h, mi, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
        format!("{d}T{h:02}:{mi:02}:{s:02}Z")
    }
}

/// A calendar date (no time zone), e.g. an SK date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD` (what `<input type="date">` sends), checking the day exists.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s[0..4].parse().ok()?;
        let month: u32 = s[5..7].parse().ok()?;
        let day: u32 = s[8..10].parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || year < 1900 {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 → date (Howard Hinnant's civil-from-days).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date { year: (if m <= 2 { y + 1 } else { y }) as i32, month: m, day: d }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `28 November 2026` in Indonesian, `28 November 2026` in English.
    pub fn format_long(self, lang: &str) -> String {
        const ID: [&str; 12] = [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let names = if lang == "en" { EN } else { ID };
        format!("{} {} {}", self.day, names[(self.month - 1) as usize], self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wib_is_utc_plus_seven() {
        // 2026-11-28T20:30:00Z is 2026-11-29 03:30 WIB.
        let t = Timestamp(1_795_897_800_000);
        assert_eq!(t.to_rfc3339(), "2026-11-28T20:30:00Z");
        assert_eq!(t.format_wib(), "2026-11-29 03:30 WIB");
        assert_eq!(t.to_rfc2822(), "Sat, 28 Nov 2026 20:30:00 +0000");
        assert_eq!(Timestamp(0).to_rfc2822(), "Thu, 01 Jan 1970 00:00:00 +0000");
    }

    #[test]
    fn dates_parse_only_real_days() {
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("28/11/2026").is_none());
        assert!(Date::parse("").is_none());
        assert_eq!(Date::parse("2026-08-17").unwrap().format_long("id"), "17 Agustus 2026");
    }

    #[test]
    fn wib_local_times_parse() {
        let t = Timestamp::parse_wib_local("2026-11-29T03:30").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T20:30:00Z");
        assert_eq!(t.format_wib(), "2026-11-29 03:30 WIB");
        assert!(Timestamp::parse_wib_local("2026-11-29 03:30").is_none());
        assert!(Timestamp::parse_wib_local("2026-11-29T24:00").is_none());
        assert!(Timestamp::parse_wib_local("2026-02-30T10:00").is_none());
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-1000, 0, 20_420, 21_000, 60_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_420).to_string(), "2025-11-28");
    }
}
