//! The admins' training pages (`/kelola/pelatihan`): programmes and their sessions, one
//! session's participants and waiting list, registering members, ticking attendance, and the
//! attendance code with its QR image for the room.

use askama::Template;
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    html::when,
    repo::{self, Programme, Registration, Session},
    service::{self, ProgrammeForm, Registered, SessionForm},
};
use crate::{
    app::{App, AppState},
    domain::{access::Role, time::Timestamp, validation::FieldErrors},
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

/// The KIM groups a signed-in person belongs to (as member or Redaksi).
pub fn kims_of(viewer: &Viewer) -> Vec<i64> {
    viewer
        .user
        .as_ref()
        .map(|u| {
            u.grants
                .iter()
                .filter(|g| matches!(g.role, Role::Anggota | Role::Redaksi))
                .filter_map(|g| g.scope.kim_id())
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "training/admin_list.html")]
struct AdminList {
    page: Page,
    programmes: Vec<Programme>,
    form: ProgrammeForm,
    errors: FieldErrors,
    topics: Vec<(String, String)>,
}

async fn topics(app: &App) -> AppResult<Vec<(String, String)>> {
    Ok(repo::topics(&app.db).await?.into_iter().map(|t| (t.slug, t.name)).collect())
}

async fn admin_list(app: &App, viewer: &Viewer, form: ProgrammeForm, errors: FieldErrors) -> AppResult<AdminList> {
    Ok(AdminList {
        page: Page::new(app, viewer, "/kelola/pelatihan", "training-admin-title"),
        programmes: repo::programmes(&app.db).await?,
        topics: topics(app).await?,
        form,
        errors,
    })
}

/// `GET /kelola/pelatihan`.
pub async fn list_programmes(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    Ok(render(&admin_list(&app, &viewer, ProgrammeForm::default(), FieldErrors::new()).await?))
}

/// `POST /kelola/pelatihan`.
pub async fn create_programme(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(f): Form<ProgrammeForm>,
) -> AppResult<Response> {
    match service::create_programme(&app, &viewer.actor(), &f).await {
        Ok((id, _)) => {
            Ok(redirect_with(&app, &format!("/kelola/pelatihan/{id}"), Flash::ok("training-programme-saved")))
        }
        Err(AppError::Validation(errors)) => Ok(render_invalid(&admin_list(&app, &viewer, f, errors).await?)),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "training/admin_programme.html")]
struct AdminProgramme {
    page: Page,
    p: Programme,
    sessions: Vec<Session>,
    form: ProgrammeForm,
    session: SessionForm,
    errors: FieldErrors,
    topics: Vec<(String, String)>,
}

impl AdminProgramme {
    fn when(&self, s: &Session) -> String {
        when(s, &self.page)
    }
}

async fn admin_programme(
    app: &App,
    viewer: &Viewer,
    id: i64,
    form: Option<ProgrammeForm>,
    session: SessionForm,
    errors: FieldErrors,
) -> AppResult<AdminProgramme> {
    let p = repo::programme(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let form = form.unwrap_or_else(|| ProgrammeForm {
        title: p.title.clone(),
        description: p.description.clone(),
        topic: p.topic.clone(),
        new_topic: String::new(),
        organiser: p.organiser.clone(),
        trainer: p.trainer.clone(),
    });
    Ok(AdminProgramme {
        page: Page::titled(app, viewer, &format!("/kelola/pelatihan/{id}"), p.title.clone()),
        sessions: repo::sessions_of(&app.db, id).await?,
        topics: topics(app).await?,
        p,
        form,
        session,
        errors,
    })
}

/// `GET /kelola/pelatihan/{id}`.
pub async fn show_programme(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    Ok(render(&admin_programme(&app, &viewer, id, None, SessionForm::default(), FieldErrors::new()).await?))
}

/// `POST /kelola/pelatihan/{id}`.
pub async fn save_programme(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<ProgrammeForm>,
) -> AppResult<Response> {
    match service::update_programme(&app, &viewer.actor(), id, &f).await {
        Ok(()) => Ok(redirect_with(&app, &format!("/kelola/pelatihan/{id}"), Flash::ok("training-programme-saved"))),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&admin_programme(&app, &viewer, id, Some(f), SessionForm::default(), errors).await?))
        }
        Err(e) => Err(e),
    }
}

/// `POST /kelola/pelatihan/{id}/sesi`.
pub async fn add_session(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<SessionForm>,
) -> AppResult<Response> {
    match service::add_session(&app, &viewer.actor(), id, &f).await {
        Ok(sid) => {
            Ok(redirect_with(&app, &format!("/kelola/pelatihan/sesi/{sid}"), Flash::ok("training-session-saved")))
        }
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&admin_programme(&app, &viewer, id, None, f, errors).await?))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "training/admin_session.html")]
struct AdminSession {
    page: Page,
    s: Session,
    registrations: Vec<Registration>,
    code: String,
    /// Until when the code shown is valid (the deployment's local time).
    valid_until: String,
    errors: FieldErrors,
    email: String,
    certificates: Vec<repo::Certificate>,
    materials: Vec<repo::Material>,
    max_mb: usize,
    /// The material form as typed: (title, link).
    material: (String, String),
    /// The session's own form, filled with what it holds (or what was typed).
    edit: SessionForm,
    /// Milliseconds until the code changes (the page's script reloads it then).
    next_code_ms: i64,
    script: &'static str,
}

impl AdminSession {
    fn certificate(&self, r: &Registration) -> Option<&repo::Certificate> {
        self.certificates.iter().find(|c| c.user_id == r.user_id)
    }

    fn when(&self, s: &Session) -> String {
        when(s, &self.page)
    }

    fn check_in_path(&self) -> String {
        format!("/pelatihan/sesi/{}/hadir", self.s.id)
    }

    fn attended(&self, r: &Registration) -> String {
        r.attended_at.map(|t| self.page.datetime(Timestamp(t))).unwrap_or_default()
    }
}

async fn admin_session(
    app: &App,
    viewer: &Viewer,
    id: i64,
    errors: FieldErrors,
    email: String,
) -> AppResult<AdminSession> {
    let s = repo::session(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let code = service::current_code(app, &viewer.actor(), id).await?;
    let now = app.clock.now().0;
    let next = (now.div_euclid(crate::domain::training::CODE_PERIOD_MS) + 1) * crate::domain::training::CODE_PERIOD_MS;
    let local = |ms: i64| Timestamp(ms).to_local_input(app.zone());
    let edit = SessionForm {
        starts_at: local(s.starts_at),
        ends_at: local(s.ends_at),
        place: s.place.clone().unwrap_or_default(),
        online_url: s.online_url.clone().unwrap_or_default(),
        capacity: s.capacity.to_string(),
        registration_deadline: local(s.registration_deadline),
        practice: s.practice.clone().unwrap_or_default(),
    };
    Ok(AdminSession {
        page: Page::titled(app, viewer, &format!("/kelola/pelatihan/sesi/{id}"), s.programme_title.clone()),
        registrations: repo::registrations(&app.db, id).await?,
        certificates: repo::certificates_of_session(&app.db, id).await?,
        materials: repo::materials(&app.db, id).await?,
        max_mb: app.config.max_upload_bytes / (1024 * 1024),
        material: (String::new(), String::new()),
        edit,
        valid_until: Timestamp(next - 1).format_long_in(app.zone(), viewer.lang.code()),
        next_code_ms: next - now,
        script: crate::web::assets::code_refresh_url(),
        s,
        code,
        errors,
        email,
    })
}

/// `GET /kelola/pelatihan/sesi/{id}`: participants and the code for the room.
pub async fn show_session(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let mut res = render(&admin_session(&app, &viewer, id, FieldErrors::new(), String::new()).await?);
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

/// `GET /kelola/pelatihan/sesi/{id}/qr.svg`: the check-in link with the current code.
pub async fn show_qr(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let code = service::current_code(&app, &viewer.actor(), id).await?;
    let link = app.config.link(&format!("/pelatihan/sesi/{id}/hadir?kode={code}"));
    let qr = qrcode::QrCode::new(link.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let svg = qr.render::<qrcode::render::svg::Color>().min_dimensions(240, 240).build();
    Ok(([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "no-store")], svg).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    pub email: String,
    /// `program` when sent from the public programme page (a KIM's Redaksi).
    #[serde(default)]
    pub kembali: String,
}

/// `POST /kelola/pelatihan/sesi/{id}/daftarkan`: an admin or a KIM's Redaksi registers a member.
pub async fn register_member(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<MemberForm>,
) -> AppResult<Response> {
    // Only those who may register others learn whether an address is a member's.
    let actor = viewer.actor();
    if !actor.can(crate::domain::access::Permission::ManageTraining)
        && !actor.grants.iter().any(|g| g.role == Role::Redaksi && g.scope.kim_id().is_some())
    {
        return Err(AppError::Forbidden);
    }
    let from_programme = f.kembali == "program";
    let back = if from_programme {
        let s = repo::session(&app.db, id).await?.ok_or(AppError::NotFound)?;
        format!("/pelatihan/{}", s.programme_slug)
    } else {
        format!("/kelola/pelatihan/sesi/{id}")
    };
    let flash = match service::register_by_email(&app, &actor, id, &f.email).await {
        Ok(None) if from_programme => Flash::err("err-training-not-member"),
        Ok(None) => {
            let mut e = FieldErrors::new();
            e.add("email", "err-training-not-member");
            return Ok(render_invalid(&admin_session(&app, &viewer, id, e, f.email).await?));
        }
        Ok(Some(Registered::Seat)) => Flash::ok("training-registered-other"),
        Ok(Some(Registered::Waiting(_))) => Flash::ok("training-waiting-other"),
        Err(AppError::Conflict(key)) => Flash::err(key),
        Err(e) => return Err(e),
    };
    Ok(redirect_with(&app, &back, flash))
}

#[derive(Debug, Default, Deserialize)]
pub struct TickForm {
    #[serde(default)]
    pub user_id: String,
    /// `hadir` or `batal`.
    #[serde(default)]
    pub action: String,
}

/// `POST /kelola/pelatihan/sesi/{id}/presensi`: the trainer ticks attendance by hand.
pub async fn tick(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<TickForm>,
) -> AppResult<Response> {
    let user = f.user_id.trim().parse::<i64>().map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let present = match f.action.as_str() {
        "hadir" => true,
        "batal" => false,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    };
    service::mark(&app, &viewer.actor(), id, user, present).await?;
    Ok(redirect_with(&app, &format!("/kelola/pelatihan/sesi/{id}"), Flash::ok("training-attendance-saved")))
}

#[derive(Debug, Default, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub session_id: String,
}

/// `POST /kelola/pelatihan/sertifikat/{number}/cabut`: revokes a certificate, with a reason.
pub async fn revoke_certificate(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(number): Path<String>,
    Form(f): Form<RevokeForm>,
) -> AppResult<Response> {
    let back = match f.session_id.trim().parse::<i64>() {
        Ok(id) => format!("/kelola/pelatihan/sesi/{id}"),
        Err(_) => format!("/sertifikat/{number}"),
    };
    match super::certificates::revoke(&app, &viewer.actor(), &number, &f.reason).await {
        Ok(()) => Ok(redirect_with(&app, &back, Flash::ok("certificate-revoked-done"))),
        Err(AppError::Validation(_)) => Ok(redirect_with(&app, &back, Flash::err("err-revoke-reason"))),
        Err(e) => Err(e),
    }
}

/// `POST /kelola/pelatihan/sesi/{id}/materi` (multipart): a file or a link for the participants.
pub async fn add_material(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    crate::web::extract::Multipart(mut mp): crate::web::extract::Multipart,
) -> AppResult<Response> {
    let mut form = service::MaterialForm::default();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(crate::web::extract::multipart_error(&e)),
        };
        match field.name().unwrap_or_default() {
            "file" => {
                form.file_name = field.file_name().unwrap_or_default().to_owned();
                form.data = field.bytes().await.map_err(|e| crate::web::extract::multipart_error(&e))?.to_vec();
            }
            name => {
                let name = name.to_owned();
                let text = field.text().await.map_err(|_| AppError::BadRequest("err-bad-form"))?;
                match name.as_str() {
                    "title" => form.title = text,
                    "url" => form.url = text,
                    _ => {}
                }
            }
        }
    }
    let typed = (form.title.clone(), form.url.clone());
    match service::add_material(&app, &viewer.actor(), id, form).await {
        Ok(_) => Ok(redirect_with(&app, &format!("/kelola/pelatihan/sesi/{id}"), Flash::ok("training-material-added"))),
        Err(AppError::Validation(errors)) => {
            let mut page = admin_session(&app, &viewer, id, errors, String::new()).await?;
            page.material = typed;
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "training/admin_stats.html")]
struct StatsPage {
    page: Page,
    /// (heading key, rows): per programme, per KIM.
    sections: Vec<(&'static str, Vec<repo::Figures>)>,
}

/// `GET /kelola/pelatihan/statistik`: registered, attended and completed, per programme and per KIM.
pub async fn show_stats(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let page = Page::new(&app, &viewer, "/kelola/pelatihan/statistik", "training-stats-title");
    let programmes = repo::figures_by_programme(&app.db).await?;
    let kims = repo::figures_by_kim(&app.db).await?;
    let sections = vec![("training-stats-programmes", programmes), ("training-stats-kims", kims)];
    Ok(render(&StatsPage { page, sections }))
}

/// `GET /kelola/pelatihan/statistik.csv`: the same figures for a spreadsheet (no personal data).
pub async fn export_stats(State(app): State<AppState>) -> AppResult<Response> {
    let cell = crate::domain::text::csv_cell;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["per", "nama", "terdaftar", "hadir", "selesai", "latihan_terbit"]).map_err(anyhow::Error::from)?;
    for (kind, rows) in
        [("program", repo::figures_by_programme(&app.db).await?), ("kim", repo::figures_by_kim(&app.db).await?)]
    {
        for f in rows {
            w.write_record([
                kind.to_owned(),
                cell(&f.name),
                f.registered.to_string(),
                f.attended.to_string(),
                f.completed.to_string(),
                f.practice_published.to_string(),
            ])
            .map_err(anyhow::Error::from)?;
        }
    }
    let data = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(crate::web::page::csv_attachment("statistik-pelatihan.csv", data))
}

/// `POST /kelola/pelatihan/sesi/{id}/ubah`: the session's time, place, capacity or practice.
pub async fn save_session(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<SessionForm>,
) -> AppResult<Response> {
    match service::update_session(&app, &viewer.actor(), id, &f).await {
        Ok(()) => Ok(redirect_with(&app, &format!("/kelola/pelatihan/sesi/{id}"), Flash::ok("training-session-saved"))),
        Err(AppError::Validation(errors)) => {
            let mut page = admin_session(&app, &viewer, id, errors, String::new()).await?;
            page.edit = f;
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e),
    }
}
