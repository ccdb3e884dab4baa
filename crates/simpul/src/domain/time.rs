//! Time: instants ([`Timestamp`], UTC milliseconds, as both engines store them), calendar dates
//! ([`Date`]) and the deployment's time zone ([`Zone`]: WIB, WITA or WIT). Calendar arithmetic
//! and the zone rules come from jiff; this module only says how Simpul shows and reads them.

use std::{fmt, str::FromStr};

use jiff::{
    civil,
    tz::{Offset, TimeZone},
};

/// An instant as integer milliseconds since the Unix epoch, UTC. Stored as such in both engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// A local date and time of day in a [`Zone`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub date: Date,
    pub hour: u32,
    pub minute: u32,
}

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

    /// The instant for jiff; instants beyond jiff's range (±9999 years) are clamped to it.
    fn instant(self) -> jiff::Timestamp {
        let ms = self.0.clamp(jiff::Timestamp::MIN.as_millisecond(), jiff::Timestamp::MAX.as_millisecond());
        jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    fn from_instant(t: jiff::Timestamp) -> Timestamp {
        Timestamp(t.as_millisecond())
    }

    /// The civil date and time of day in `zone`.
    pub fn local(self, zone: &Zone) -> LocalTime {
        let dt = zone.tz.to_datetime(self.instant());
        LocalTime { date: Date(dt.date()), hour: dt.hour() as u32, minute: dt.minute() as u32 }
    }

    /// The civil date in `zone`.
    pub fn date_in(self, zone: &Zone) -> Date {
        self.local(zone).date
    }

    /// `2026-11-28 13:05 WIB`.
    pub fn format_in(self, zone: &Zone) -> String {
        let l = self.local(zone);
        format!("{} {:02}:{:02} {}", l.date, l.hour, l.minute, zone.abbreviation())
    }

    /// The one way people read a moment: `10 Desember 2026 pukul 23.59 WIB` in Indonesian,
    /// `10 December 2026, 23:59 WIB` in English.
    pub fn format_long_in(self, zone: &Zone, lang: &str) -> String {
        let l = self.local(zone);
        let day = l.date.format_long(lang);
        if lang == "en" {
            format!("{day}, {:02}:{:02} {}", l.hour, l.minute, zone.abbreviation())
        } else {
            format!("{day} pukul {:02}.{:02} {}", l.hour, l.minute, zone.abbreviation())
        }
    }

    /// `2026-11-28T13:05` in `zone`: what `<input type="datetime-local">` shows.
    pub fn to_local_input(self, zone: &Zone) -> String {
        let l = self.local(zone);
        format!("{}T{:02}:{:02}", l.date, l.hour, l.minute)
    }

    /// Parses `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` sends) as a time in `zone`.
    pub fn parse_local(s: &str, zone: &Zone) -> Option<Timestamp> {
        let (date, time) = s.trim().split_once('T')?;
        let d = Date::parse(date)?;
        let hm = time.get(0..5)?;
        let (h, m) = hm.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
        let t = civil::Time::new(h, m, 0, 0).ok()?;
        let zdt = d.0.to_datetime(t).to_zoned_datetime(zone.tz.clone()).ok()?;
        Some(Timestamp::from_instant(zdt.timestamp()))
    }

    /// Parses an RFC 3339 instant with its offset (`2021-01-04T07:30:00+07:00` or `…Z`).
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        jiff::Timestamp::from_str(s.trim()).ok().map(Timestamp::from_instant)
    }

    /// Parses a W3C datetime as Open311 clients send it: an RFC 3339 instant, a local time with
    /// no offset (read as UTC), an offset written `+0700`, or a bare date (midnight UTC).
    /// Offsets beyond ±14 hours do not exist and are refused.
    pub fn parse_w3c(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if let Some(d) = Date::parse(s) {
            return Some(d.start_in(&Zone::utc()));
        }
        let (date, rest) = s.split_once('T')?;
        let (time, offset) = if let Some(t) = rest.strip_suffix('Z') {
            (t, Offset::UTC)
        } else if let Some(i) = rest.rfind(['+', '-']).filter(|i| *i >= 5) {
            let (t, off) = rest.split_at(i);
            let digits: String = off[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (h, m): (i32, i32) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
            if h > 14 || m >= 60 {
                return None;
            }
            let sign = if off.starts_with('-') { -1 } else { 1 };
            (t, Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()?)
        } else {
            (rest, Offset::UTC)
        };
        let dt = civil::DateTime::from_str(&format!("{}T{time}", Date::parse(date)?)).ok()?;
        let zdt = dt.to_zoned_datetime(TimeZone::fixed(offset)).ok()?;
        Some(Timestamp::from_instant(zdt.timestamp()))
    }

    /// The HTTP date format (`Sun, 06 Nov 1994 08:49:37 GMT`) for `Last-Modified`.
    pub fn to_http_date(self) -> String {
        self.utc().strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
    }

    /// RFC 2822 in UTC (`Sat, 28 Nov 2026 08:10:00 +0000`), for RSS.
    pub fn to_rfc2822(self) -> String {
        self.utc().strftime("%a, %d %b %Y %H:%M:%S +0000").to_string()
    }

    /// RFC 3339 in UTC, for APIs and feeds.
    pub fn to_rfc3339(self) -> String {
        self.utc().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// `20261130T020000Z`: an iCalendar date-time in UTC.
    pub fn to_ical_utc(self) -> String {
        self.utc().strftime("%Y%m%dT%H%M%SZ").to_string()
    }

    /// `20261130T090000`: an iCalendar local date-time in `zone` (used with `TZID`).
    pub fn to_ical_local(self, zone: &Zone) -> String {
        zone.tz.to_datetime(self.instant()).strftime("%Y%m%dT%H%M%S").to_string()
    }

    fn utc(self) -> civil::DateTime {
        TimeZone::UTC.to_datetime(self.instant())
    }
}

/// A calendar date (no time zone), e.g. an SK date or a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

impl Date {
    /// Parses `YYYY-MM-DD` (what `<input type="date">` sends), checking the day exists.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !s.bytes().filter(|c| *c != b'-').all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let year: i16 = s[0..4].parse().ok()?;
        if year < 1900 {
            return None;
        }
        Date::from_ymd(year.into(), s[5..7].parse().ok()?, s[8..10].parse().ok()?)
    }

    /// The date with these numbers, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        let (y, m, d) = (i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?);
        civil::Date::new(y, m, d).ok().map(Date)
    }

    pub fn year(self) -> i32 {
        self.0.year().into()
    }

    pub fn month(self) -> u32 {
        self.0.month() as u32
    }

    pub fn day(self) -> u32 {
        self.0.day() as u32
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        self.0.weekday().to_monday_zero_offset() as u32
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    /// The day after (the last representable day stays itself).
    pub fn next(self) -> Date {
        Date(self.0.tomorrow().unwrap_or(self.0))
    }

    /// The day before (the first representable day stays itself).
    pub fn previous(self) -> Date {
        Date(self.0.yesterday().unwrap_or(self.0))
    }

    /// The first instant of this day in `zone`.
    pub fn start_in(self, zone: &Zone) -> Timestamp {
        self.0
            .to_zoned_datetime(zone.tz.clone())
            .map(|z| Timestamp::from_instant(z.timestamp()))
            .unwrap_or(Timestamp(i64::MIN))
    }

    /// The last millisecond of this day in `zone`.
    pub fn end_in(self, zone: &Zone) -> Timestamp {
        Timestamp(self.next().start_in(zone).0 - 1)
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
        format!("{} {} {}", self.day(), names[(self.month() - 1) as usize], self.year())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

/// The time zone a deployment keeps its calendar in: deadlines count working days there,
/// schedules are typed and shown in it. Indonesia has three zones, written as people know them.
#[derive(Clone)]
pub struct Zone {
    tz: TimeZone,
    name: &'static str,
    abbreviation: &'static str,
}

/// The zones Simpul runs in: Indonesia's (IANA name, abbreviation).
pub const ZONES: [(&str, &str); 4] =
    [("Asia/Jakarta", "WIB"), ("Asia/Pontianak", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")];

impl Zone {
    /// An Indonesian zone by its IANA name (`Asia/Jakarta`, `Asia/Makassar`, `Asia/Jayapura`,
    /// `Asia/Pontianak`), or its abbreviation (`WIB`, `WITA`, `WIT`).
    pub fn parse(s: &str) -> Result<Zone, String> {
        let s = s.trim();
        let (name, abbreviation) = ZONES
            .into_iter()
            .find(|(n, a)| n.eq_ignore_ascii_case(s) || a.eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown time zone {s:?}: use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)")
            })?;
        let tz = TimeZone::get(name).map_err(|e| format!("time zone {name}: {e}"))?;
        Ok(Zone { tz, name, abbreviation })
    }

    /// Western Indonesia Time, the default (Kota Cilegon's).
    pub fn wib() -> Zone {
        Zone::parse("Asia/Jakarta").expect("the bundled time-zone database has Asia/Jakarta")
    }

    /// UTC, for formats that are defined in it.
    fn utc() -> Zone {
        Zone { tz: TimeZone::UTC, name: "UTC", abbreviation: "UTC" }
    }

    /// The IANA name (`Asia/Makassar`), for iCalendar's `TZID`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// `WIB`, `WITA` or `WIT`.
    pub fn abbreviation(&self) -> &'static str {
        self.abbreviation
    }

    /// The offset from UTC at `at`, as iCalendar writes it (`+0800`).
    pub fn offset_ical(&self, at: Timestamp) -> String {
        let secs = self.tz.to_offset(at.instant()).seconds();
        let sign = if secs < 0 { '-' } else { '+' };
        let m = secs.unsigned_abs() / 60;
        format!("{sign}{:02}{:02}", m / 60, m % 60)
    }
}

impl Default for Zone {
    fn default() -> Zone {
        Zone::wib()
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.abbreviation)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name == other.name
    }
}

impl FromStr for Zone {
    type Err = String;
    fn from_str(s: &str) -> Result<Zone, String> {
        Zone::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_zone_shows_its_own_clock() {
        // 2026-11-28T20:30:00Z.
        let t = Timestamp(1_795_897_800_000);
        assert_eq!(t.to_rfc3339(), "2026-11-28T20:30:00Z");
        assert_eq!(t.format_in(&Zone::parse("Asia/Jakarta").unwrap()), "2026-11-29 03:30 WIB");
        assert_eq!(t.format_in(&Zone::parse("Asia/Makassar").unwrap()), "2026-11-29 04:30 WITA");
        assert_eq!(t.format_in(&Zone::parse("WIT").unwrap()), "2026-11-29 05:30 WIT");
        assert_eq!(t.to_rfc2822(), "Sat, 28 Nov 2026 20:30:00 +0000");
        assert_eq!(t.to_http_date(), "Sat, 28 Nov 2026 20:30:00 GMT");
        assert_eq!(Timestamp(0).to_rfc2822(), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(t.to_ical_utc(), "20261128T203000Z");
        assert_eq!(t.to_ical_local(&Zone::parse("Asia/Makassar").unwrap()), "20261129T043000");
        assert_eq!(Zone::parse("Asia/Jayapura").unwrap().offset_ical(t), "+0900");
    }

    #[test]
    fn only_indonesian_zones_are_accepted() {
        assert!(Zone::parse("Europe/Berlin").is_err());
        assert!(Zone::parse("").is_err());
        assert_eq!(Zone::parse("asia/makassar").unwrap().abbreviation(), "WITA");
        assert_eq!(Zone::default().name(), "Asia/Jakarta");
    }

    #[test]
    fn dates_parse_only_real_days() {
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("28/11/2026").is_none());
        assert!(Date::parse("+026-11-28").is_none());
        assert!(Date::parse("1899-12-31").is_none());
        assert!(Date::parse("").is_none());
        assert_eq!(Date::parse("2026-08-17").unwrap().format_long("id"), "17 Agustus 2026");
    }

    #[test]
    fn local_times_parse_in_the_zone() {
        let wib = Zone::wib();
        let t = Timestamp::parse_local("2026-11-29T03:30", &wib).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T20:30:00Z");
        assert_eq!(t.format_in(&wib), "2026-11-29 03:30 WIB");
        assert_eq!(t.to_local_input(&wib), "2026-11-29T03:30");
        let wit = Zone::parse("Asia/Jayapura").unwrap();
        assert_eq!(Timestamp::parse_local("2026-11-29T03:30", &wit).unwrap().to_rfc3339(), "2026-11-28T18:30:00Z");
        assert!(Timestamp::parse_local("2026-11-29 03:30", &wib).is_none());
        assert!(Timestamp::parse_local("2026-11-29T24:00", &wib).is_none());
        assert!(Timestamp::parse_local("2026-02-30T10:00", &wib).is_none());
        assert!(Timestamp::parse_local("2026-11-29T3:30", &wib).is_none());
    }

    #[test]
    fn days_begin_and_end_in_the_zone() {
        let d = Date::parse("2026-11-30").unwrap();
        let wita = Zone::parse("Asia/Makassar").unwrap();
        assert_eq!(d.start_in(&wita).to_rfc3339(), "2026-11-29T16:00:00Z");
        assert_eq!(d.end_in(&wita).0, d.next().start_in(&wita).0 - 1);
        assert_eq!(d.weekday(), 0, "30 November 2026 is a Monday");
        assert_eq!(Date::parse("2026-12-31").unwrap().next().to_string(), "2027-01-01");
    }

    #[test]
    fn w3c_and_rfc3339_instants() {
        let z = Timestamp::parse_rfc3339("2021-01-04T07:30:00+07:00").unwrap();
        assert_eq!(z.to_rfc3339(), "2021-01-04T00:30:00Z");
        assert!(Timestamp::parse_rfc3339("2021-01-04T07:30:00").is_none(), "an instant needs its offset");
        assert_eq!(Timestamp::parse_w3c("2026-11-28").unwrap().to_rfc3339(), "2026-11-28T00:00:00Z");
        assert_eq!(Timestamp::parse_w3c("2026-11-28T09:00:00+0700").unwrap().to_rfc3339(), "2026-11-28T02:00:00Z");
        assert_eq!(Timestamp::parse_w3c("2026-11-28T09:00:00.5Z").unwrap().0 % 1000, 500);
        assert_eq!(Timestamp::parse_w3c("2026-11-28T09:00").unwrap().to_rfc3339(), "2026-11-28T09:00:00Z");
        assert!(Timestamp::parse_w3c("2026-11-28T09:00:00+15:00").is_none());
        assert!(Timestamp::parse_w3c("2026-11-28T25:00:00Z").is_none());
        assert!(Timestamp::parse_w3c("kemarin").is_none());
    }
}
