//! The dashboard pages and their exports.

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::service::{self, Figures, Filter};
use crate::{
    app::AppState,
    error::{AppError, AppResult},
    features::regions,
    infra::xlsx::{self, Cell, Sheet},
    web::{
        chart::{Series, bars},
        extract::{Query, empty_as_none},
        page::{Page, csv_attachment, file_attachment, render},
        viewer::Viewer,
    },
};

/// `?tahun=2026&kecamatan=12`: the view is in the address, so it can be shared.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FilterQuery {
    #[serde(deserialize_with = "empty_as_none")]
    pub tahun: Option<i32>,
    #[serde(deserialize_with = "empty_as_none")]
    pub kecamatan: Option<i64>,
}

impl FilterQuery {
    fn filter(&self, app: &AppState) -> Filter {
        let this_year = app.clock.now().date_in(app.zone()).year();
        let year = self.tahun.filter(|y| (2000..=this_year).contains(y)).unwrap_or(this_year);
        Filter { year, kecamatan: self.kecamatan }
    }
}

#[derive(Template)]
#[template(path = "dashboard/index.html")]
struct DashboardPage {
    page: Page,
    f: Figures,
    years: Vec<i32>,
    kecamatan: Vec<(String, String)>,
    selected_kecamatan: String,
    monthly_chart: String,
    tips_chart: String,
    query: String,
}

impl DashboardPage {
    fn days(&self, v: &Option<f64>) -> String {
        v.map_or("–".into(), |d| format!("{d:.1}").replace('.', ","))
    }

    fn rating(&self, v: &Option<f64>) -> String {
        v.map_or("–".into(), |r| format!("{r:.1}").replace('.', ","))
    }

    fn pct(&self, v: &Option<i64>) -> String {
        v.map_or("–".into(), |p| format!("{p} %"))
    }
}

pub async fn show_dashboard(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<FilterQuery>,
) -> AppResult<Response> {
    let filter = q.filter(&app);
    let f = service::figures(&app, filter).await?;
    let page = Page::new(&app, &viewer, "/dasbor", "dashboard-title");
    let labels: Vec<String> = f.months.iter().map(|m| m.label.to_owned()).collect();
    let received: Vec<i64> = f.months.iter().map(|m| m.received).collect();
    let answered: Vec<i64> = f.months.iter().map(|m| m.answered).collect();
    let monthly_chart = bars(
        "chart-monthly",
        &page.t("dashboard-chart-monthly"),
        &labels,
        &[
            Series { name: &page.t("dashboard-received"), colour: "#0b5cad", values: &received },
            Series { name: &page.t("dashboard-answered"), colour: "#1a7f37", values: &answered },
        ],
    );
    let week_labels: Vec<String> = f.tip_weeks.iter().map(|(d, _)| format!("{}/{}", d.day(), d.month())).collect();
    let week_counts: Vec<i64> = f.tip_weeks.iter().map(|(_, n)| *n).collect();
    let tips_chart = bars(
        "chart-tips",
        &page.t("dashboard-chart-tips"),
        &week_labels,
        &[Series { name: &page.t("dashboard-tips"), colour: "#b3261e", values: &week_counts }],
    );
    let this_year = app.clock.now().date_in(app.zone()).year();
    let years = (this_year - 4..=this_year).rev().collect();
    let kecamatan = regions::list(&app.db, Some("kecamatan"), None)
        .await?
        .into_iter()
        .map(|r| (r.id.to_string(), r.name))
        .collect();
    let query = match filter.kecamatan {
        Some(k) => format!("?tahun={}&kecamatan={k}", filter.year),
        None => format!("?tahun={}", filter.year),
    };
    let selected_kecamatan = filter.kecamatan.map(|k| k.to_string()).unwrap_or_default();
    Ok(render(&DashboardPage { page, f, years, kecamatan, selected_kecamatan, monthly_chart, tips_chart, query }))
}

fn aspiration_sheets(f: &Figures) -> Vec<Sheet> {
    let mut monthly = Sheet::new("Per bulan", &["Tahun", "Bulan", "Masuk", "Ditanggapi", "Tepat waktu"]);
    for (i, m) in f.months.iter().enumerate() {
        monthly.row(vec![
            i64::from(f.filter.year).into(),
            i64::try_from(i + 1).unwrap_or(0).into(),
            m.received.into(),
            m.answered.into(),
            m.on_time.into(),
        ]);
    }
    let header = ["Nama", "Masuk", "Ditanggapi", "Tepat waktu (%)", "Terlambat kini", "Median hari", "Rata-rata nilai"];
    let group_sheet = |name: &str, groups: &[service::Group]| {
        let mut s = Sheet::new(name, &header);
        for g in groups {
            s.row(vec![
                g.name.clone().into(),
                g.received.into(),
                g.answered.into(),
                g.on_time_percent.map_or(Cell::Empty, Cell::Int),
                g.overdue.into(),
                g.median_days.map_or(Cell::Empty, |d| Cell::Num(d, 1)),
                g.rating.map_or(Cell::Empty, |r| Cell::Num(r, 2)),
            ]);
        }
        s
    };
    let mut sheets = vec![monthly, group_sheet("Per OPD", &f.per_opd)];
    if f.filter.kecamatan.is_none() {
        sheets.push(group_sheet("Per kecamatan", &f.per_kecamatan));
    }
    sheets
}

/// The aspirations tables as a spreadsheet.
pub async fn aspirations_xlsx(State(app): State<AppState>, Query(q): Query<FilterQuery>) -> AppResult<Response> {
    let f = service::figures(&app, q.filter(&app)).await?;
    let bytes = xlsx::workbook(&aspiration_sheets(&f)).map_err(|e| AppError::Internal(e.into()))?;
    Ok(file_attachment(&format!("aspirasi-{}.xlsx", f.filter.year), xlsx::MIME, bytes))
}

/// The monthly table as CSV.
pub async fn aspirations_csv(State(app): State<AppState>, Query(q): Query<FilterQuery>) -> AppResult<Response> {
    let f = service::figures(&app, q.filter(&app)).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let sheet = &aspiration_sheets(&f)[0];
    let text = |c: &Cell| match c {
        Cell::Text(t) => t.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Num(v, d) => format!("{v:.prec$}", prec = usize::from(*d)),
        Cell::Date(d) => d.to_string(),
        Cell::Empty => String::new(),
    };
    w.write_record(&sheet.header).map_err(|e| AppError::Internal(e.into()))?;
    for r in &sheet.rows {
        w.write_record(r.iter().map(text)).map_err(|e| AppError::Internal(e.into()))?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(csv_attachment(&format!("aspirasi-{}.csv", f.filter.year), bytes))
}
