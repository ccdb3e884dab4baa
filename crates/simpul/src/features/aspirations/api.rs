//! Aspirations in the JSON API: submit a report (no account needed), list and read public
//! reports. Public output is built from `PublicRow`, which has no contact details at all.

use axum::{
    Json as JsonOut,
    extract::State,
    http::{StatusCode, header},
};
use serde::{Deserialize, Serialize};

use super::{
    html::{ListQuery, PAGE_SIZE},
    repo::{self, PublicRow},
    service::{self, SubmitForm, code_of},
};
use crate::{
    app::AppState,
    domain::aspiration::{Kind, Source},
    error::{AppError, AppResult},
    web::{
        extract::{Json, Path, Query},
        viewer::Viewer,
    },
};

/// A new report.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AspirationIn {
    pub kind: Kind,
    pub title: String,
    /// At most 4,000 characters.
    pub description: String,
    /// A category id from `/api/v1/aspirations/categories`.
    pub category_id: i64,
    /// A kelurahan id from `/api/v1/regions`.
    pub kelurahan_id: i64,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub event_date: Option<String>,
    /// Hide the reporter's identity from everyone handling the report.
    #[serde(default)]
    pub anonymous: bool,
    /// Never show the report publicly.
    #[serde(default)]
    pub confidential: bool,
    /// Show the reporter's name on the public page.
    #[serde(default)]
    pub show_name: bool,
    #[serde(default)]
    pub reporter_name: Option<String>,
    #[serde(default)]
    pub reporter_phone: Option<String>,
    #[serde(default)]
    pub reporter_email: Option<String>,
}

impl AspirationIn {
    fn into_form(self) -> SubmitForm {
        let flag = |b: bool| b.then(|| "ya".to_owned());
        SubmitForm {
            kind: self.kind.as_str().to_owned(),
            title: self.title,
            description: self.description,
            category_id: self.category_id.to_string(),
            kelurahan_id: self.kelurahan_id.to_string(),
            address: self.address.unwrap_or_default(),
            lat: self.lat.map(|v| v.to_string()).unwrap_or_default(),
            lon: self.lon.map(|v| v.to_string()).unwrap_or_default(),
            event_date: self.event_date.unwrap_or_default(),
            anonymous: flag(self.anonymous),
            confidential: flag(self.confidential),
            show_name: flag(self.show_name),
            on_behalf: None,
            reporter_name: self.reporter_name.unwrap_or_default(),
            reporter_phone: self.reporter_phone.unwrap_or_default(),
            reporter_email: self.reporter_email.unwrap_or_default(),
        }
    }
}

/// The stored report: keep `follow_up_url`, it is the only way back to a private report.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SubmittedOut {
    /// `ASP-2026-000123`.
    pub code: String,
    /// The private follow-up page (holds the secret key).
    pub follow_up_url: String,
    pub status: String,
}

/// Submits a report. Without a token the calls from one address are limited.
#[utoipa::path(post, path = "/api/v1/aspirations", tag = "aspirations", request_body = AspirationIn,
    responses((status = 201, description = "Stored", body = SubmittedOut), (status = 400, description = "Malformed JSON"),
        (status = 422, description = "Invalid fields"), (status = 429, description = "Too many reports from this address")))]
pub async fn submit_aspiration(
    State(app): State<AppState>,
    viewer: Viewer,
    Json(input): Json<AspirationIn>,
) -> AppResult<(StatusCode, [(header::HeaderName, String); 1], JsonOut<SubmittedOut>)> {
    let done = service::submit(&app, &viewer.actor(), &input.into_form(), Vec::new(), Source::Api).await?;
    let follow_up_url =
        app.config.base_url.join(&service::follow_up_path(&done.key)).map(|u| u.to_string()).unwrap_or_default();
    let code = done.code.to_string();
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/aspirations/{code}"))],
        JsonOut(SubmittedOut { code, follow_up_url, status: "baru".into() }),
    ))
}

/// A public report.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AspirationOut {
    pub code: String,
    pub url: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub kelurahan: String,
    pub kecamatan: Option<String>,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Only when the reporter allowed it.
    pub reporter_name: Option<String>,
    /// The OPD handling it.
    pub opd: Option<String>,
    pub supports: i64,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
}

pub fn out(app: &AppState, r: PublicRow) -> AspirationOut {
    let code = code_of(r.year, r.id).to_string();
    AspirationOut {
        url: app.config.base_url.join(&format!("/aspirasi/{code}")).map(|u| u.to_string()).unwrap_or_default(),
        code,
        kind: r.kind.as_str().to_owned(),
        status: r.status.as_str().to_owned(),
        title: r.title,
        description: r.description,
        category: r.category_name,
        kelurahan: r.kelurahan,
        kecamatan: r.kecamatan,
        address: r.address,
        lat: r.lat_e6.map(|v| v as f64 / 1e6),
        lon: r.lon_e6.map(|v| v as f64 / 1e6),
        reporter_name: r.public_name,
        opd: r.opd_name,
        supports: r.support_count,
        created_at: r.created_at.to_rfc3339(),
        updated_at: r.updated_at.to_rfc3339(),
    }
}

/// Filters of the public list.
#[derive(Debug, Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ListParamsDoc {
    /// Words in the title.
    pub q: String,
    /// One status, e.g. `diproses`.
    pub status: String,
    /// `pengaduan`, `aspirasi` or `permintaan_informasi`.
    pub kind: String,
    pub category_id: String,
    pub kecamatan_id: String,
    pub kelurahan_id: String,
    /// 1-based page of 20.
    pub page: String,
}

/// Public reports, newest first (never rahasia ones, never before verification).
#[utoipa::path(get, path = "/api/v1/aspirations", tag = "aspirations", params(ListParamsDoc),
    responses((status = 200, description = "Reports", body = [AspirationOut])))]
pub async fn list_aspirations(
    State(app): State<AppState>,
    Query(q): Query<ListQuery>,
) -> AppResult<JsonOut<Vec<AspirationOut>>> {
    let rows = repo::list_public(&app.db, &q.filter(), (q.page() - 1) * PAGE_SIZE, PAGE_SIZE).await?;
    Ok(JsonOut(rows.into_iter().map(|r| out(&app, r)).collect()))
}

/// One public report.
#[utoipa::path(get, path = "/api/v1/aspirations/{code}", tag = "aspirations",
    params(("code" = String, Path, description = "Ticket code, e.g. ASP-2026-000123")),
    responses((status = 200, description = "The report", body = AspirationOut), (status = 404, description = "No such public report")))]
pub async fn show_aspiration(
    State(app): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<JsonOut<AspirationOut>> {
    let c = crate::domain::aspiration::TicketCode::parse(&code).ok_or(AppError::NotFound)?;
    let r =
        repo::find_public(&app.db, c.id()).await?.filter(|r| r.year == i64::from(c.year)).ok_or(AppError::NotFound)?;
    Ok(JsonOut(out(&app, r)))
}

/// Categories a report can have, each with the OPD it goes to first.
#[utoipa::path(get, path = "/api/v1/aspirations/categories", tag = "aspirations",
    responses((status = 200, description = "Categories", body = [repo::CategoryRow])))]
pub async fn list_categories(State(app): State<AppState>) -> AppResult<JsonOut<Vec<repo::CategoryRow>>> {
    Ok(JsonOut(repo::categories(&app.db).await?))
}

/// `POST /api/v1/aspirations/unsubscribe/{key}`: a mail client's one-click "unsubscribe"
/// (RFC 8058): the reporter's notices for that report stop.
#[utoipa::path(post, path = "/api/v1/aspirations/unsubscribe/{key}", tag = "aspirations",
    description = "One-click unsubscribe from a report's notices (RFC 8058 `List-Unsubscribe-Post`); the private key is the proof.",
    params(("key" = String, Path, description = "The report's private follow-up key")),
    responses((status = 204, description = "Notices stopped"), (status = 404, description = "Unknown key")))]
pub async fn unsubscribe(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
) -> AppResult<StatusCode> {
    super::follow::stop_notices(&app, &viewer.actor(), &key).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The same address opened in a browser (some mail clients do): the page with the button.
#[utoipa::path(get, path = "/api/v1/aspirations/unsubscribe/{key}", tag = "aspirations",
    description = "Opened in a browser: redirects to the page that stops a report's notices.",
    params(("key" = String, Path, description = "The report's private follow-up key")),
    responses((status = 303, description = "To the page with the button"), (status = 404, description = "Not a key")))]
pub async fn unsubscribe_page(Path(key): Path<String>) -> AppResult<axum::response::Redirect> {
    if key.is_empty() || key.len() > 64 || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(AppError::NotFound);
    }
    Ok(axum::response::Redirect::to(&format!("{}/berhenti", service::follow_up_path(&key))))
}
