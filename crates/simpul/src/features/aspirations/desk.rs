//! The reports desk (`/kelola/aspirasi`): the coordinator, OPD officers and assisting KIM
//! members each see their share of the reports and take their steps.

use askama::Template;
use axum::{
    extract::{RawQuery, State},
    http::header,
    response::Response,
};
use serde::Deserialize;

use super::{
    repo,
    service::code_of,
    workflow::{self, DeskRole, DeskView, StepForm},
};
use crate::{
    app::AppState,
    domain::{
        aspiration::{Action, RejectReason, Status},
        ids::{AspirationId, AttachmentId},
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path, Query},
        flash::{Flash, after, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Debug, Default, Deserialize)]
pub struct DeskQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub terlambat: Option<String>,
    #[serde(default)]
    pub hal: Option<String>,
}

#[derive(Template)]
#[template(path = "aspirations/desk_list.html")]
struct DeskListPage {
    page: Page,
    items: Vec<repo::StaffRow>,
    statuses: Vec<(String, String)>,
    status: String,
    overdue: bool,
    coordinator: bool,
    /// Per-OPD figures (coordinator, first page).
    stats: Vec<repo::OpdStats>,
    prev: Option<String>,
    next: Option<String>,
    now: Timestamp,
}

impl DeskListPage {
    fn code(&self, r: &repo::StaffRow) -> String {
        code_of(r.year, r.id).to_string()
    }

    fn due(&self, r: &repo::StaffRow) -> String {
        r.due_at.map(|d| self.page.datetime(d)).unwrap_or_default()
    }

    /// Average rating with one decimal, or a dash.
    fn average(&self, s: &repo::OpdStats) -> String {
        if s.rated == 0 { "—".to_owned() } else { format!("{:.1}", s.rating_sum as f64 / s.rated as f64) }
    }

    fn late(&self, r: &repo::StaffRow) -> bool {
        r.due_at.is_some_and(|d| d < self.now) && r.status.is_open()
    }
}

pub async fn list_desk(State(app): State<AppState>, viewer: Viewer, Query(q): Query<DeskQuery>) -> AppResult<Response> {
    let actor = viewer.actor();
    let status = Status::parse(&q.status);
    let overdue = q.terlambat.is_some();
    let page_no =
        q.hal.as_deref().and_then(|h| h.parse::<i64>().ok()).filter(|p| (1..=10_000).contains(p)).unwrap_or(1);
    let mut items = workflow::desk_list(&app, &actor, status, overdue, page_no).await?;
    let more = items.len() as i64 > workflow::DESK_PAGE;
    items.truncate(workflow::DESK_PAGE as usize);
    let coordinator = actor.can(crate::domain::access::Permission::CoordinateAspirations);
    let stats = if coordinator && page_no == 1 { workflow::opd_stats(&app, &actor).await? } else { Vec::new() };
    let link = |p: i64| {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if let Some(st) = status {
            s.append_pair("status", st.as_str());
        }
        if overdue {
            s.append_pair("terlambat", "ya");
        }
        s.append_pair("hal", &p.to_string());
        format!("/kelola/aspirasi?{}", s.finish())
    };
    let statuses = Status::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), viewer.lang.t(&format!("aspiration-status-{}", s.as_str()))))
        .collect();
    Ok(render(&DeskListPage {
        page: Page::new(&app, &viewer, "/kelola/aspirasi", "desk-title"),
        items,
        statuses,
        status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        overdue,
        coordinator,
        stats,
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: more.then(|| link(page_no + 1)),
        now: app.clock.now(),
    }))
}

#[derive(Template)]
#[template(path = "aspirations/desk_show.html")]
struct DeskPage {
    page: Page,
    v: DeskView,
    code: String,
    form: StepForm,
    errors: FieldErrors,
    reasons: Vec<(String, String)>,
    units: Vec<(String, String)>,
    /// Kelurahan to choose from, for a report that came without one (coordinator only).
    kelurahan: Vec<(String, String)>,
    /// The identity, when the coordinator asked to see an anonymous reporter.
    revealed: Option<(String, String, String)>,
}

impl DeskPage {
    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }

    fn can(&self, a: &str) -> bool {
        self.v.actions.iter().any(|x| x.as_str() == a)
    }

    fn coordinator(&self) -> bool {
        self.v.role == DeskRole::Coordinator
    }

    fn may_note(&self) -> bool {
        self.v.role != DeskRole::Assistant
    }
}

async fn desk_page(
    app: &AppState,
    viewer: &Viewer,
    id: AspirationId,
    form: StepForm,
    errors: FieldErrors,
    revealed: Option<(String, String, String)>,
) -> AppResult<DeskPage> {
    let v = workflow::desk_view(app, &viewer.actor(), id).await?;
    let code = code_of(v.row.year, v.row.id).to_string();
    let reasons = RejectReason::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), viewer.lang.t(&format!("reject-reason-{}", r.as_str()))))
        .collect();
    let units = v.units.iter().map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.short_name))).collect();
    let kelurahan = if v.row.region_id.is_none() && v.role == DeskRole::Coordinator {
        crate::features::regions::list(&app.db, Some("kelurahan"), None)
            .await?
            .into_iter()
            .map(|r| (r.id.to_string(), r.name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(DeskPage {
        page: Page::titled(app, viewer, &format!("/kelola/aspirasi/{id}"), format!("{code} · {}", v.row.title)),
        code,
        form,
        errors,
        reasons,
        units,
        kelurahan,
        revealed,
        v,
    })
}

pub async fn show_desk(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<AspirationId>,
) -> AppResult<Response> {
    let mut resp = render(&desk_page(&app, &viewer, id, StepForm::default(), FieldErrors::new(), None).await?);
    resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
    Ok(resp)
}

pub async fn take_step(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<AspirationId>,
    Form(form): Form<StepForm>,
) -> AppResult<Response> {
    match workflow::step(&app, &viewer.actor(), id, &form).await {
        Ok(()) => {
            let key = match Action::parse(&form.action) {
                Some(a) => format!("flash-step-{}", a.as_str()),
                None => "flash-note-added".to_owned(),
            };
            Ok(redirect_with(&app, &format!("/kelola/aspirasi/{id}"), Flash::ok(&key)))
        }
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&desk_page(&app, &viewer, id, form, errors, None).await?))
        }
        Err(AppError::Conflict(k)) => Ok(redirect_with(&app, &format!("/kelola/aspirasi/{id}"), Flash::err(k))),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct RedactForm {
    #[serde(default)]
    pub public_title: String,
    #[serde(default)]
    pub public_description: String,
}

pub async fn redact(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<AspirationId>,
    Form(f): Form<RedactForm>,
) -> AppResult<Response> {
    let result = workflow::redact(&app, &viewer.actor(), id, &f.public_title, &f.public_description).await;
    after(&app, result, &format!("/kelola/aspirasi/{id}"), "flash-saved", &format!("/kelola/aspirasi/{id}"))
}

#[derive(Debug, Default, Deserialize)]
pub struct VisibilityForm {
    #[serde(default)]
    pub hidden: String,
}

pub async fn set_attachment_visibility(
    State(app): State<AppState>,
    viewer: Viewer,
    Path((id, attachment_id)): Path<(AspirationId, AttachmentId)>,
    Form(f): Form<VisibilityForm>,
) -> AppResult<Response> {
    let hidden = f.hidden == "ya";
    let result = workflow::set_attachment_hidden(&app, &viewer.actor(), id, attachment_id, hidden).await;
    after(&app, result, &format!("/kelola/aspirasi/{id}"), "flash-saved", &format!("/kelola/aspirasi/{id}"))
}

#[derive(Debug, Default, Deserialize)]
pub struct LaporForm {
    #[serde(default)]
    pub lapor_number: String,
}

pub async fn set_lapor_number(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<AspirationId>,
    Form(f): Form<LaporForm>,
) -> AppResult<Response> {
    let result = workflow::set_lapor_number(&app, &viewer.actor(), id, &f.lapor_number).await;
    after(&app, result, &format!("/kelola/aspirasi/{id}"), "flash-saved", &format!("/kelola/aspirasi/{id}"))
}

/// Shows an anonymous reporter's identity to the coordinator, once, audited.
pub async fn reveal_identity(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<AspirationId>,
) -> AppResult<Response> {
    let row = workflow::reveal_identity(&app, &viewer.actor(), id).await?;
    let who = (
        row.reporter_name.unwrap_or_default(),
        row.reporter_phone.unwrap_or_default(),
        row.reporter_email.unwrap_or_default(),
    );
    let mut resp = render(&desk_page(&app, &viewer, id, StepForm::default(), FieldErrors::new(), Some(who)).await?);
    resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
    Ok(resp)
}

/// The selected reports (`?id=1&id=2`) as CSV for SP4N-LAPOR!.
pub async fn export_lapor(State(app): State<AppState>, viewer: Viewer, RawQuery(q): RawQuery) -> AppResult<Response> {
    let ids: Vec<AspirationId> = url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| super::service::parse_reference(&v))
        .take(1_000)
        .collect();
    if ids.is_empty() {
        return Ok(redirect_with(&app, "/kelola/aspirasi", Flash::err("flash-export-none")));
    }
    let csv = workflow::lapor_csv(&app, &viewer.actor(), &ids).await?;
    Ok(crate::web::page::csv_attachment("simpul-lapor.csv", csv))
}
