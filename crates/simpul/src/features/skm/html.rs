//! Survey pages: the list of units, the questionnaire, the results, and the admin's units.

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::{
    repo,
    service::{self, Period, Source, UnitFigures},
};
use crate::{
    app::AppState,
    domain::{
        skm::{self, QUESTIONNAIRE, ResponseForm, UnitForm, Wording},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path, Query},
        flash::{Flash, redirect_with},
        page::{Page, file_attachment, render, render_invalid},
        viewer::Viewer,
    },
};

/// `?dari=YYYY-MM-DD&sampai=YYYY-MM-DD`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PeriodQuery {
    pub dari: String,
    pub sampai: String,
}

/// One element's row in the results table.
pub struct Row {
    pub name: &'static str,
    pub nrr: String,
    pub weighted: String,
}

/// "3,67": a number with `decimals` decimals, Indonesian style.
fn decimal(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

#[derive(Template)]
#[template(path = "skm/list.html")]
struct ListPage {
    page: Page,
    units: Vec<UnitFigures>,
    period: Period,
}

pub async fn list_units(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let period = Period::parse(&app, "", "").map_err(AppError::Validation)?;
    let units = service::units(&app, period, false).await?;
    Ok(render(&ListPage { page: Page::new(&app, &viewer, "/skm", "skm-title"), units, period }))
}

#[derive(Template)]
#[template(path = "skm/form.html")]
struct FormPage {
    page: Page,
    unit: repo::UnitRow,
    q: Questions,
    form: ResponseForm,
    errors: FieldErrors,
    /// This filling-in's own key: a second tap or a resent form stores nothing more.
    client_key: String,
}

/// The web form's fields and its key.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WebSubmit {
    #[serde(flatten)]
    pub form: ResponseForm,
    pub client_key: String,
}

/// The nine questions as a unit asks them: the web form and the kiosk draw from this.
pub(super) struct Questions {
    wording: Wording,
}

impl Questions {
    pub(super) fn of(unit: &repo::UnitRow) -> Questions {
        Questions { wording: Wording::from_stored(unit.wording.as_deref()) }
    }

    pub(super) fn unsur(&self) -> impl Iterator<Item = (usize, &'static skm::Unsur)> {
        QUESTIONNAIRE.iter().enumerate()
    }

    /// The form field of element `i` (0-based): `u1` … `u9`.
    pub(super) fn field(&self, i: &usize) -> String {
        format!("u{}", i + 1)
    }

    /// The unit's wording of answer `level` to element `i`.
    pub(super) fn answer(&self, i: &usize, level: &u8) -> &str {
        self.wording.level(*i, *level)
    }
}

impl FormPage {
    /// The choices of a profile question, translated.
    fn options(&self, which: &str) -> Vec<(String, String)> {
        let list: &[&str] = match which {
            "age" => &skm::AGE_BANDS,
            "sex" => &skm::SEXES,
            "education" => &skm::EDUCATION,
            _ => &skm::OCCUPATIONS,
        };
        list.iter().map(|v| ((*v).to_owned(), self.page.tk("skm-opt-", *v))).collect()
    }
}

fn form_page(
    app: &AppState,
    viewer: &Viewer,
    unit: repo::UnitRow,
    form: ResponseForm,
    errors: FieldErrors,
    client_key: Option<String>,
) -> FormPage {
    let page = Page::titled(app, viewer, &format!("/skm/{}", unit.slug), unit.name.clone());
    let client_key = client_key.unwrap_or_else(|| crate::infra::crypto::random_token(16));
    FormPage { page, q: Questions::of(&unit), unit, form, errors, client_key }
}

pub async fn show_form(State(app): State<AppState>, viewer: Viewer, Path(slug): Path<String>) -> AppResult<Response> {
    let unit = service::public_unit(&app, &slug).await?;
    Ok(render(&form_page(&app, &viewer, unit, ResponseForm::default(), FieldErrors::new(), None)))
}

pub async fn submit_form(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<WebSubmit>,
) -> AppResult<Response> {
    let key = service::client_key("web", &viewer.csrf, &input.client_key);
    match service::respond(&app, &viewer.actor(), &slug, &input.form, Source::Web, key).await {
        Ok(_) => Ok(redirect_with(&app, &format!("/skm/{slug}/terima-kasih"), Flash::ok("flash-skm-thanks"))),
        Err(AppError::Validation(errors)) => {
            let unit = service::public_unit(&app, &slug).await?;
            let page = form_page(&app, &viewer, unit, input.form, errors, Some(input.client_key));
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "skm/thanks.html")]
struct ThanksPage {
    page: Page,
    unit: repo::UnitRow,
}

pub async fn show_thanks(State(app): State<AppState>, viewer: Viewer, Path(slug): Path<String>) -> AppResult<Response> {
    let unit = service::public_unit(&app, &slug).await?;
    let page = Page::new(&app, &viewer, &format!("/skm/{slug}/terima-kasih"), "skm-thanks-title");
    Ok(render(&ThanksPage { page, unit }))
}

#[derive(Template)]
#[template(path = "skm/results.html")]
struct ResultsPage {
    page: Page,
    figures: UnitFigures,
    rows: Vec<Row>,
    period: Period,
    query: PeriodQuery,
    errors: FieldErrors,
    profile: Vec<(String, String, i64)>,
    /// Staff only.
    suggestions: Option<Vec<(String, String)>>,
    /// Whether the scores are shown (staff, or enough responses for the public).
    shown: bool,
    staff: bool,
}

impl ResultsPage {
    fn profile_of(&self, field: &str) -> Vec<(&str, i64)> {
        self.profile.iter().filter(|(f, ..)| f == field).map(|(_, v, n)| (v.as_str(), *n)).collect()
    }
}

pub async fn show_results(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let unit = service::public_unit(&app, &slug).await?;
    let (period, errors) = match Period::parse(&app, &q.dari, &q.sampai) {
        Ok(p) => (p, FieldErrors::new()),
        Err(e) => (Period::parse(&app, "", "").map_err(AppError::Validation)?, e),
    };
    let staff = service::sees_all(&viewer.actor(), false);
    let period = if staff { period } else { period.whole_months(&app) };
    let figures = service::unit_figures(&app, unit, period).await?;
    let shown = staff || figures.public();
    let rows = if shown {
        QUESTIONNAIRE
            .iter()
            .zip(&figures.index.nrr)
            .map(|(u, nrr)| Row { name: u.name, nrr: decimal(*nrr, 2), weighted: decimal(nrr / 9.0, 3) })
            .collect()
    } else {
        Vec::new()
    };
    let mut profile = if shown { service::profile(&app, &figures.unit, period).await? } else { Vec::new() };
    if !staff {
        profile.retain(|(.., n)| *n >= skm::PUBLIC_MIN_CELL);
    }
    let suggestions =
        if staff { Some(service::suggestions(&app, &viewer.actor(), &figures.unit, period).await?) } else { None };
    let mut page = Page::new(&app, &viewer, &format!("/skm/{slug}/hasil"), "skm-results-title");
    page.title = format!("{} — {}", page.title, figures.unit.name);
    let res = ResultsPage { page, figures, rows, period, query: q, errors, profile, suggestions, shown, staff };
    Ok(if res.errors.is_empty() { render(&res) } else { render_invalid(&res) })
}

#[derive(Template)]
#[template(path = "skm/admin_list.html")]
struct AdminListPage {
    page: Page,
    units: Vec<UnitFigures>,
    period: Period,
}

pub async fn admin_list(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let period = Period::parse(&app, "", "").map_err(AppError::Validation)?;
    let units = service::units(&app, period, true).await?;
    Ok(render(&AdminListPage { page: Page::new(&app, &viewer, "/admin/skm", "skm-admin-title"), units, period }))
}

#[derive(Template)]
#[template(path = "skm/unit_form.html")]
struct UnitPage {
    page: Page,
    form: UnitForm,
    errors: FieldErrors,
    /// The unit being edited: its address, and whether it is an OPD's (named as the OPD).
    unit: Option<repo::UnitRow>,
}

impl UnitPage {
    fn unsur(&self) -> impl Iterator<Item = (usize, &'static skm::Unsur)> {
        QUESTIONNAIRE.iter().enumerate()
    }

    fn field(&self, i: &usize, level: &u8) -> String {
        UnitForm::field(*i, *level)
    }
}

fn unit_page(
    app: &AppState,
    viewer: &Viewer,
    unit: Option<repo::UnitRow>,
    form: UnitForm,
    errors: FieldErrors,
) -> UnitPage {
    let page = match &unit {
        Some(u) => Page::new(app, viewer, &format!("/admin/skm/{}/ubah", u.id), "skm-unit-edit-title"),
        None => Page::new(app, viewer, "/admin/skm/baru", "skm-unit-new-title"),
    };
    UnitPage { page, form, errors, unit }
}

pub async fn new_unit(State(app): State<AppState>, viewer: Viewer) -> Response {
    let form = UnitForm::of("", None, true, &Wording::regulation());
    render(&unit_page(&app, &viewer, None, form, FieldErrors::new()))
}

pub async fn create_unit(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    match service::create_unit(&app, &viewer.actor(), &form).await {
        Ok(_) => Ok(redirect_with(&app, "/admin/skm", Flash::ok("flash-saved"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&unit_page(&app, &viewer, None, form, errors))),
        Err(e) => Err(e),
    }
}

pub async fn edit_unit(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let u = repo::unit(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let form = UnitForm::of(&u.name, u.population, u.active, &Wording::from_stored(u.wording.as_deref()));
    Ok(render(&unit_page(&app, &viewer, Some(u), form, FieldErrors::new())))
}

pub async fn update_unit(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    match service::update_unit(&app, &viewer.actor(), id, &form).await {
        Ok(()) => Ok(redirect_with(&app, "/admin/skm", Flash::ok("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            let u = repo::unit(&app.db, id).await?.ok_or(AppError::NotFound)?;
            Ok(render_invalid(&unit_page(&app, &viewer, Some(u), form, errors)))
        }
        Err(e) => Err(e),
    }
}

/// The unit's SKM report for the period as XLSX (staff).
pub async fn report_xlsx(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let unit = repo::unit_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let period = Period::parse(&app, &q.dari, &q.sampai)?;
    let bytes = service::report_xlsx(&app, &viewer.actor(), unit, period).await?;
    let name = format!("skm-{slug}-{}-{}.xlsx", period.from, period.to);
    Ok(file_attachment(&name, crate::infra::xlsx::MIME, bytes))
}
