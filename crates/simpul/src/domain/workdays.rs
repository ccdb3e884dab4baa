//! Working days (hari kerja): Monday to Friday, except the holidays and cuti bersama that admins
//! keep in the calendar. Deadlines in the aspiration workflow are counted in working days in the
//! deployment's time zone (WIB, WITA or WIT).
//!
//! The convention is the one Indonesian public services use ("H+3 hari kerja"): the day something
//! arrives does not count; the deadline is the end (23:59:59.999 local time) of the Nth working
//! day after it. Something that arrives on a Saturday or a holiday is therefore due at the end of
//! the Nth working day after the weekend or holiday.

use std::collections::BTreeSet;

use super::time::{Date, Timestamp, Zone};

/// The days that are not working days besides weekends, in one time zone.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: BTreeSet<Date>,
    zone: Zone,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = Date>, zone: Zone) -> Calendar {
        Calendar { holidays: holidays.into_iter().collect(), zone }
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        !d.is_weekend() && !self.holidays.contains(&d)
    }

    /// The Nth working day after `d` (`n = 0` is `d` itself).
    pub fn add_working_days(&self, d: Date, n: u32) -> Date {
        let mut day = d;
        let mut left = n;
        // A calendar cannot hold more than a few hundred holidays a year, so this ends.
        while left > 0 {
            day = day.next();
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The deadline for something that arrived at `at` and must be done within `n` working days:
    /// the last millisecond of the Nth working day after the (local) day it arrived.
    pub fn deadline(&self, at: Timestamp, n: u32) -> Timestamp {
        self.add_working_days(at.date_in(&self.zone), n).end_in(&self.zone)
    }

    /// Working days from `from`'s local date up to `to`'s: 0 on the same day, negative when `to`
    /// is earlier. Used to say "2 hari kerja lagi" or "terlambat 3 hari kerja".
    pub fn working_days_between(&self, from: Timestamp, to: Timestamp) -> i64 {
        let (a, b) = (from.date_in(&self.zone), to.date_in(&self.zone));
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0;
        let mut d = lo;
        while d < hi {
            d = d.next();
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n * sign
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("bad date {s}"))
    }

    /// 09:00 WIB on a date.
    fn at9(s: &str) -> Timestamp {
        Timestamp(d(s).start_in(&Zone::wib()).0 + 9 * 3_600_000)
    }

    fn wib(t: Timestamp) -> crate::domain::time::LocalTime {
        t.local(&Zone::wib())
    }

    #[test]
    fn weekdays_are_right() {
        assert_eq!(d("2026-11-28").weekday(), 5, "a Saturday");
        assert_eq!(d("2026-11-30").weekday(), 0, "a Monday");
        assert_eq!(d("1970-01-01").weekday(), 3);
    }

    #[test]
    fn weekends_are_skipped() {
        let cal = Calendar::default();
        // Thursday + 3 working days = Tuesday.
        assert_eq!(cal.add_working_days(d("2026-11-26"), 3), d("2026-12-01"));
        // Monday + 5 = the next Monday.
        assert_eq!(cal.add_working_days(d("2026-11-30"), 5), d("2026-12-07"));
    }

    #[test]
    fn holidays_are_skipped() {
        // Christmas 2026 is a Friday; 24 December cuti bersama.
        let cal = Calendar::new([d("2026-12-24"), d("2026-12-25")], Zone::wib());
        assert_eq!(cal.add_working_days(d("2026-12-22"), 3), d("2026-12-29"));
        assert!(!cal.is_working_day(d("2026-12-25")));
    }

    #[test]
    fn deadline_across_a_long_holiday() {
        // A week of Lebaran holidays and cuti bersama (Mon 16 – Fri 20 March 2026, say).
        let cal = Calendar::new((16..=20).map(|day| d(&format!("2026-03-{day}"))), Zone::wib());
        // Filed Friday 13 March: days 1..3 are Mon 23, Tue 24, Wed 25 March.
        let due = cal.deadline(at9("2026-03-13"), 3);
        assert_eq!(wib(due).date, d("2026-03-25"));
        assert_eq!((wib(due).hour, wib(due).minute), (23, 59));
        assert_eq!(cal.working_days_between(at9("2026-03-13"), at9("2026-03-25")), 3);
    }

    #[test]
    fn filed_on_a_holiday_or_weekend() {
        let cal = Calendar::new([d("2026-08-17")], Zone::wib());
        // Independence Day is a Monday: filed that day, day 1 is Tuesday.
        assert_eq!(cal.deadline(at9("2026-08-17"), 1).date_in(&Zone::wib()), d("2026-08-18"));
        // Filed on Saturday 15 August: Monday is a holiday, so day 1 is Tuesday, day 3 Thursday.
        assert_eq!(cal.deadline(at9("2026-08-15"), 3).date_in(&Zone::wib()), d("2026-08-20"));
    }

    #[test]
    fn the_local_date_counts_not_the_utc_date() {
        let cal = Calendar::default();
        // 23:30 WIB on Friday 27 Nov is 16:30 UTC Friday; 00:30 WIB Saturday is still Friday in UTC.
        let late_friday = Timestamp(at9("2026-11-27").0 + 14 * 3_600_000 + 30 * 60_000);
        let early_saturday = Timestamp(late_friday.0 + 3_600_000);
        assert_eq!(cal.deadline(late_friday, 1).date_in(&Zone::wib()), d("2026-11-30"));
        assert_eq!(cal.deadline(early_saturday, 1).date_in(&Zone::wib()), d("2026-11-30"));
        assert_eq!(cal.working_days_between(early_saturday, at9("2026-11-30")), 1);
        assert_eq!(cal.working_days_between(at9("2026-11-30"), early_saturday), -1);
    }

    #[test]
    fn zero_days_is_the_same_day() {
        let cal = Calendar::default();
        assert_eq!(cal.deadline(at9("2026-11-30"), 0).date_in(&Zone::wib()), d("2026-11-30"));
    }

    #[test]
    fn each_zone_ends_the_day_at_its_own_midnight() {
        for (name, hours) in [("Asia/Jakarta", 7), ("Asia/Makassar", 8), ("Asia/Jayapura", 9)] {
            let zone = Zone::parse(name).unwrap();
            let cal = Calendar::new([], zone.clone());
            // Monday 30 November, 10:00 UTC: due the end of Tuesday 1 December, local time.
            let at = Timestamp(d("2026-11-30").start_in(&Zone::parse("Asia/Jakarta").unwrap()).0 + 17 * 3_600_000);
            let due = cal.deadline(at, 1);
            assert_eq!(due.local(&zone).date, d("2026-12-01"), "{name}");
            assert_eq!((due.local(&zone).hour, due.local(&zone).minute), (23, 59), "{name}");
            assert_eq!(due.0 + 1, d("2026-12-02").start_in(&zone).0);
            assert_eq!(due.to_rfc3339(), format!("2026-12-01T{:02}:59:59Z", 23 - hours), "{name}");
        }
    }
}
