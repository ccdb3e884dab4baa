//! The figures leaders and citizens see: how the channel works, month by month, per OPD and
//! per kecamatan; the tip-line; KIM activity; the satisfaction index.

use super::repo::{self, GroupRow};
use crate::{
    app::App,
    domain::{
        figures::{median_of_counts, percent},
        time::{Date, Timestamp},
    },
    error::AppResult,
    features::skm,
};

/// What the figures are for: a year and, optionally, one kecamatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    pub year: i32,
    pub kecamatan: Option<i64>,
}

/// One month's reports.
#[derive(Debug, Clone)]
pub struct Month {
    pub label: &'static str,
    pub received: i64,
    pub answered: i64,
    pub on_time: i64,
}

/// One OPD's or kecamatan's reports.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub received: i64,
    pub answered: i64,
    pub on_time_percent: Option<i64>,
    pub overdue: i64,
    pub median_days: Option<f64>,
    /// Mean rating (1–5) given by reporters.
    pub rating: Option<f64>,
}

/// Everything on the dashboard.
#[derive(Debug, Clone)]
pub struct Figures {
    pub filter: Filter,
    pub months: Vec<Month>,
    pub received: i64,
    pub answered: i64,
    pub on_time_percent: Option<i64>,
    pub median_days: Option<f64>,
    pub overdue_now: i64,
    pub per_opd: Vec<Group>,
    pub per_kecamatan: Vec<Group>,
    /// Tips per week, the last twelve weeks of the period: (first day, count).
    pub tip_weeks: Vec<(Date, i64)>,
    pub clarifications: i64,
    pub top_rumours: Vec<(String, String, i64)>,
    pub kim: Vec<(String, i64, i64)>,
    pub ikm: Vec<skm::UnitFigures>,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

fn spread(counts: &[(i64, i64)], n: usize) -> Vec<i64> {
    let mut v = vec![0; n];
    for (p, c) in counts {
        if let Some(slot) = usize::try_from(*p).ok().and_then(|i| v.get_mut(i)) {
            *slot += c;
        }
    }
    v
}

fn group(row: GroupRow, days: &[(i64, i64, i64)]) -> Group {
    let mine: Vec<(i64, i64)> = days.iter().filter(|(o, ..)| *o == row.id).map(|(_, d, n)| (*d, *n)).collect();
    Group {
        median_days: median_of_counts(&mine),
        on_time_percent: percent(row.on_time, row.answered),
        rating: (row.rated > 0).then(|| row.rating_sum as f64 / row.rated as f64),
        id: row.id,
        name: row.name,
        received: row.received,
        answered: row.answered,
        overdue: row.overdue,
    }
}

/// The figures for a year (and kecamatan).
pub async fn figures(app: &App, filter: Filter) -> AppResult<Figures> {
    let zone = app.zone();
    let now = app.clock.now();
    let day = |y: i32, m: u32| Date::from_ymd(y, m, 1).map(|d| d.start_in(zone));
    let start = day(filter.year, 1).unwrap_or(now);
    let ends: Vec<Timestamp> =
        (2..=13).map(|m| if m == 13 { day(filter.year + 1, 1) } else { day(filter.year, m) }.unwrap_or(now)).collect();
    let end = ends[11];
    let kec = filter.kecamatan;
    let received = spread(&repo::received(&app.db, start, &ends, kec).await?, 12);
    let answered = spread(&repo::answered(&app.db, start, &ends, kec).await?, 12);
    let on_time = spread(&repo::on_time(&app.db, start, &ends, kec).await?, 12);
    let months = (0..12)
        .map(|i| Month { label: MONTHS[i], received: received[i], answered: answered[i], on_time: on_time[i] })
        .collect();
    let days = repo::answer_days(&app.db, start, end, kec).await?;
    let all_days: Vec<(i64, i64)> = days.iter().map(|(_, d, n)| (*d, *n)).collect();
    let per_opd = repo::per_opd(&app.db, start, end, now, kec).await?.into_iter().map(|r| group(r, &days)).collect();
    let per_kecamatan = match kec {
        Some(_) => Vec::new(),
        None => repo::per_kecamatan(&app.db, start, end, now).await?.into_iter().map(|r| group(r, &[])).collect(),
    };
    // Twelve weeks up to the period's end (or today, in the current year).
    let last = if end.0 > now.0 {
        now.date_in(zone)
    } else {
        Date::from_ymd(filter.year, 12, 31).unwrap_or(now.date_in(zone))
    };
    let mut first = last;
    for _ in 0..(12 * 7 - 1) {
        first = first.previous();
    }
    let mut week_starts = Vec::with_capacity(12);
    let mut week_ends = Vec::with_capacity(12);
    let mut d = first;
    for _ in 0..12 {
        week_starts.push(d);
        for _ in 0..7 {
            d = d.next();
        }
        week_ends.push(d.start_in(zone));
    }
    let tips = spread(&repo::tips(&app.db, first.start_in(zone), &week_ends).await?, 12);
    let (answered_total, on_time_total): (i64, i64) = (answered.iter().sum(), on_time.iter().sum());
    let period = skm::Period { from: Date::from_ymd(filter.year, 1, 1).unwrap_or(last), to: last };
    Ok(Figures {
        filter,
        months,
        received: received.iter().sum(),
        answered: answered_total,
        on_time_percent: percent(on_time_total, answered_total),
        median_days: median_of_counts(&all_days),
        overdue_now: repo::overdue_now(&app.db, now, kec).await?,
        per_opd,
        per_kecamatan,
        tip_weeks: week_starts.into_iter().zip(tips).collect(),
        clarifications: repo::clarifications_published(&app.db, start, end).await?,
        top_rumours: repo::top_rumours(&app.db, start, end, 5).await?,
        kim: repo::kim_activity(&app.db, start, end, 20).await?,
        ikm: skm::figures_of_units(app, period).await?,
    })
}
