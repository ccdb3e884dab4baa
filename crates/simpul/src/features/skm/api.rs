//! The survey in the JSON API: send responses (a kiosk, a counter's app), read the index.

use axum::{Json as JsonOut, extract::State, http::StatusCode};
use serde::{Deserialize, Serialize};

use super::service::{self, Period, Source};
use crate::{
    app::AppState,
    domain::{
        skm::{Grade, ResponseForm, UNSUR},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    web::{
        extract::{Json, Query},
        viewer::Viewer,
    },
};

/// Optional, anonymous data about the respondent.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RespondentIn {
    /// `u20` (20 or younger), `21-30`, `31-40`, `41-50`, `51-60` or `o60` (over 60).
    pub age_band: Option<String>,
    /// `L` or `P`.
    pub sex: Option<String>,
    /// `sd`, `smp`, `sma`, `diploma`, `s1` or `s2` (S2 and above).
    pub education: Option<String>,
    /// `pns`, `tni_polri`, `swasta`, `wirausaha`, `pelajar` or `lainnya`.
    pub occupation: Option<String>,
    /// The service used (at most 120 characters).
    pub service: Option<String>,
}

/// One filled-in questionnaire.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseIn {
    /// The unit's slug (see `GET /api/v1/skm/units`).
    pub unit: String,
    /// The nine elements' answers, each 1 (worst) to 4 (best), in this order: persyaratan;
    /// sistem, mekanisme dan prosedur; waktu penyelesaian; biaya/tarif; produk spesifikasi
    /// jenis pelayanan; kompetensi pelaksana; perilaku pelaksana; penanganan pengaduan, saran
    /// dan masukan; sarana dan prasarana.
    pub answers: Vec<i64>,
    #[serde(default)]
    pub respondent: Option<RespondentIn>,
    /// Free text, at most 2,000 characters.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// The client's own id for this response (use a UUID): sending it again stores nothing.
    #[serde(default)]
    pub client_key: Option<String>,
}

/// What happened to a response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResponseOut {
    pub unit: String,
    /// The same `client_key` was sent before: nothing new was stored.
    pub duplicate: bool,
}

/// Stores a survey response (an admin-issued machine token: a counter's own app).
#[utoipa::path(post, path = "/api/v1/skm/responses", tag = "skm", request_body = ResponseIn,
    security(("bearer" = [])),
    responses((status = 201, description = "Stored", body = ResponseOut),
        (status = 200, description = "This client_key was stored before", body = ResponseOut),
        (status = 400, description = "Malformed JSON"), (status = 401, description = "No valid token"),
        (status = 403, description = "The token may not write, or is a personal token"), (status = 404, description = "No such unit"),
        (status = 413, description = "Body too large"),
        (status = 422, description = "Invalid fields: `answers` must be nine integers from 1 to 4")))]
pub async fn submit_response(
    State(app): State<AppState>,
    viewer: Viewer,
    Json(input): Json<ResponseIn>,
) -> AppResult<(StatusCode, JsonOut<ResponseOut>)> {
    let mut e = FieldErrors::new();
    if input.answers.len() != UNSUR {
        e.add("answers", "err-skm-answer-count");
    } else if input.answers.iter().any(|a| !(1..=4).contains(a)) {
        e.add("answers", "err-skm-answer-range");
    }
    let client_key = match input.client_key.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(k) if k.chars().count() > 100 || k.chars().any(char::is_control) => {
            e.add("client_key", "err-too-long");
            None
        }
        // Keys are per client: one token cannot collide with another's.
        Some(k) => Some(format!("token:{}:{k}", viewer.token.as_ref().map_or(0, |t| t.id))),
    };
    e.into_result()?;
    let r = input.respondent.unwrap_or_default();
    let form = ResponseForm {
        age_band: r.age_band.unwrap_or_default(),
        sex: r.sex.unwrap_or_default(),
        education: r.education.unwrap_or_default(),
        occupation: r.occupation.unwrap_or_default(),
        service: r.service.unwrap_or_default(),
        suggestion: input.suggestion.unwrap_or_default(),
        ..ResponseForm::default()
    }
    .with_answers(&input.answers);
    let stored = service::respond(&app, &viewer.actor(), &input.unit, &form, Source::Api, client_key).await?;
    let status = if stored { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, JsonOut(ResponseOut { unit: input.unit, duplicate: !stored })))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default, deny_unknown_fields)]
pub struct IkmQuery {
    /// The unit's slug.
    pub unit: String,
    /// First day, `YYYY-MM-DD` (default: the first of January this year).
    pub from: String,
    /// Last day, `YYYY-MM-DD` (default: today).
    pub to: String,
}

/// A unit's index over a period.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IkmOut {
    pub unit: String,
    pub from: String,
    pub to: String,
    pub responses: i64,
    /// Mean score (NRR) of each of the nine elements; empty without responses.
    pub nrr: Vec<f64>,
    /// IKM = Σ NRR × 1/9 × 25, two decimals; null without responses.
    pub ikm: Option<f64>,
    pub grade: Option<Grade>,
    /// `Sangat Baik`, `Baik`, `Kurang Baik` or `Tidak Baik`.
    pub label: Option<String>,
    /// Krejcie–Morgan minimum for the unit's population; null when the population is not set.
    pub minimum_sample: Option<i64>,
    /// Whether the responses reach the minimum sample (true when it is not known).
    pub enough: bool,
    /// Without a machine token, scores of fewer than 10 responses are withheld (`nrr` empty,
    /// `ikm`, `grade` and `label` null) and periods are widened to whole months, so that no one
    /// reads a single respondent's answers.
    pub withheld: bool,
}

/// The satisfaction index (IKM) of a unit.
#[utoipa::path(get, path = "/api/v1/skm/ikm", tag = "skm", params(IkmQuery),
    responses((status = 200, description = "The figures", body = IkmOut), (status = 400, description = "Bad query"),
        (status = 404, description = "No such unit"), (status = 422, description = "Bad dates")))]
pub async fn show_ikm(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<IkmQuery>,
) -> AppResult<JsonOut<IkmOut>> {
    let unit = service::public_unit(&app, q.unit.trim()).await?;
    let period = Period::parse(&app, &q.from, &q.to).map_err(AppError::Validation)?;
    let all = service::sees_all(&viewer.actor(), viewer.token.is_some());
    let period = if all { period } else { period.whole_months(&app) };
    let f = service::unit_figures(&app, unit, period).await?;
    let shown = all || f.public();
    let grade = f.index.grade().filter(|_| shown);
    Ok(JsonOut(IkmOut {
        from: period.from.to_string(),
        to: period.to.to_string(),
        responses: f.index.responses,
        nrr: if shown { f.index.nrr.clone() } else { Vec::new() },
        ikm: f.index.ikm().filter(|_| shown),
        grade,
        label: grade.map(|g| g.label().to_owned()),
        minimum_sample: f.unit.population.map(|_| f.minimum),
        enough: !f.too_few(),
        withheld: !shown && f.index.responses > 0,
        unit: f.unit.slug,
    }))
}

/// A unit that may be surveyed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UnitOut {
    pub slug: String,
    pub name: String,
    /// An OPD's unit (otherwise a service point).
    pub opd: bool,
    pub form_url: String,
}

/// The units offered to the public.
#[utoipa::path(get, path = "/api/v1/skm/units", tag = "skm",
    responses((status = 200, description = "Units", body = [UnitOut])))]
pub async fn list_units(State(app): State<AppState>) -> AppResult<JsonOut<Vec<UnitOut>>> {
    let units = service::public_units(&app).await?;
    Ok(JsonOut(
        units
            .into_iter()
            .map(|u| UnitOut {
                form_url: app.config.link(&format!("/skm/{}", u.slug)),
                opd: u.opd_id.is_some(),
                slug: u.slug,
                name: u.name,
            })
            .collect(),
    ))
}
