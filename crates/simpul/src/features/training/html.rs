//! Members' and the public's pages: upcoming sessions `/pelatihan`, a programme with its
//! sessions and the register/cancel buttons, the iCalendar feeds, and checking in.

use askama::Template;
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    repo::{self, Programme, Session},
    service::{self, Registered},
};
use crate::{
    app::{App, AppState},
    domain::{access::Role, time::Timestamp, training::RegStatus, validation::FieldErrors},
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path, Query},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

/// "3 Desember 2026 · 09.00–12.00 WIB", in the deployment's zone.
pub fn when(s: &Session, page: &Page) -> String {
    let lang = page.lang.code();
    let (a, b) = (Timestamp(s.starts_at).local(&page.zone), Timestamp(s.ends_at).local(&page.zone));
    let end = if a.date == b.date {
        format!("{:02}.{:02}", b.hour, b.minute)
    } else {
        format!("{} {:02}.{:02}", b.date.format_long(lang), b.hour, b.minute)
    };
    format!("{} · {:02}.{:02}–{end} {}", a.date.format_long(lang), a.hour, a.minute, page.zone.abbreviation())
}

#[derive(Template)]
#[template(path = "training/list.html")]
struct ListPage {
    page: Page,
    sessions: Vec<Session>,
}

impl ListPage {
    fn when(&self, s: &Session) -> String {
        when(s, &self.page)
    }
}

/// `GET /pelatihan`: the sessions still to come.
pub async fn list_sessions(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let sessions = repo::upcoming(&app.db, app.clock.now(), None, 100).await?;
    Ok(render(&ListPage { page: Page::new(&app, &viewer, "/pelatihan", "training-title"), sessions }))
}

/// One session on the programme page, with the visitor's own registration.
pub struct SessionView {
    pub s: Session,
    /// terdaftar, menunggu, or empty.
    pub mine: String,
    pub waiting_place: i64,
    pub attended: bool,
    pub open: bool,
    /// Files and links, shown to the session's participants.
    pub materials: Vec<repo::Material>,
    /// Attendance is open now (an hour before to 30 minutes after).
    pub check_in_open: bool,
}

#[derive(Template)]
#[template(path = "training/programme.html")]
struct ProgrammePage {
    page: Page,
    p: Programme,
    sessions: Vec<SessionView>,
    can_register: bool,
    /// A KIM's Redaksi (or an admin) may register members of their group.
    can_register_others: bool,
}

impl ProgrammePage {
    fn when(&self, s: &Session) -> String {
        when(s, &self.page)
    }
}

/// `GET /pelatihan/{slug}`.
pub async fn show_programme(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let p = repo::programme_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let mut sessions = Vec::new();
    for s in repo::sessions_of(&app.db, p.id).await? {
        let mine = match viewer.user.as_ref() {
            Some(u) => repo::registration(&app.db, s.id, u.id).await?,
            None => None,
        };
        let (status, place, attended) = match &mine {
            Some(r) if r.status == RegStatus::Menunggu => {
                ("menunggu".to_owned(), repo::waiting_position(&app.db, s.id, r.id).await?, false)
            }
            Some(r) if r.status == RegStatus::Terdaftar => ("terdaftar".to_owned(), 0, r.attended_at.is_some()),
            _ => (String::new(), 0, false),
        };
        let open = now.0 <= s.registration_deadline;
        let materials = if !status.is_empty() || viewer.can(crate::domain::access::Permission::ManageTraining) {
            repo::materials(&app.db, s.id).await?
        } else {
            Vec::new()
        };
        let check_in_open =
            now.0 >= s.starts_at - service::CHECK_IN_BEFORE_MS && now.0 <= s.ends_at + service::CHECK_IN_AFTER_MS;
        sessions.push(SessionView { s, mine: status, waiting_place: place, attended, open, materials, check_in_open });
    }
    let actor = viewer.actor();
    let can_register = viewer.user.is_some() && (actor.has_role(Role::Anggota) || actor.has_role(Role::Redaksi));
    let can_register_others =
        actor.has_role(Role::Redaksi) || actor.can(crate::domain::access::Permission::ManageTraining);
    let page = Page::titled(&app, &viewer, &format!("/pelatihan/{slug}"), p.title.clone());
    Ok(render(&ProgrammePage { page, p, sessions, can_register, can_register_others }))
}

async fn back_to_programme(app: &App, session_id: i64) -> AppResult<String> {
    let s = repo::session(&app.db, session_id).await?.ok_or(AppError::NotFound)?;
    Ok(format!("/pelatihan/{}", s.programme_slug))
}

/// `POST /pelatihan/sesi/{id}/daftar`: a member registers themselves.
pub async fn register_self(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let kims = super::desk::kims_of(&viewer);
    let to = back_to_programme(&app, id).await?;
    let flash = match service::register(&app, &viewer.actor(), id, user.id, &kims).await? {
        Registered::Seat => Flash::ok("training-registered"),
        Registered::Waiting(_) => Flash::ok("training-waiting"),
    };
    Ok(redirect_with(&app, &to, flash))
}

/// `POST /pelatihan/sesi/{id}/batal`.
pub async fn cancel_self(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let to = back_to_programme(&app, id).await?;
    service::cancel(&app, &viewer.actor(), id, user.id, &super::desk::kims_of(&viewer)).await?;
    Ok(redirect_with(&app, &to, Flash::ok("training-cancelled")))
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub kode: String,
}

#[derive(Template)]
#[template(path = "training/checkin.html")]
struct CheckInPage {
    page: Page,
    s: Session,
    kode: String,
    errors: FieldErrors,
    done: bool,
}

impl CheckInPage {
    fn when(&self, s: &Session) -> String {
        when(s, &self.page)
    }
}

/// `GET /pelatihan/sesi/{id}/hadir` (`?kode=` from the QR code fills the form).
pub async fn show_check_in(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<CodeForm>,
) -> AppResult<Response> {
    let s = repo::session(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let kode: String = q.kode.chars().filter(char::is_ascii_digit).take(6).collect();
    let page = Page::new(&app, &viewer, &format!("/pelatihan/sesi/{id}/hadir"), "training-checkin-title");
    Ok(render(&CheckInPage { page, s, kode, errors: FieldErrors::new(), done: false }))
}

/// `POST /pelatihan/sesi/{id}/hadir`.
pub async fn check_in(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<CodeForm>,
) -> AppResult<Response> {
    let s = repo::session(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let page = Page::new(&app, &viewer, &format!("/pelatihan/sesi/{id}/hadir"), "training-checkin-title");
    match service::check_in(&app, &viewer.actor(), id, &f.kode).await {
        Ok(()) => Ok(render(&CheckInPage { page, s, kode: String::new(), errors: FieldErrors::new(), done: true })),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&CheckInPage { page, s, kode: f.kode, errors, done: false }))
        }
        Err(e) => Err(e),
    }
}

/// iCalendar text: escaped as RFC 5545 wants, lines folded at 75 bytes.
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let w = c.len_utf8();
        if len + w > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += w;
    }
    out.push_str("\r\n");
    out
}

/// The sessions as an iCalendar document, with times in the deployment's zone (`TZID`, and
/// the zone described in a `VTIMEZONE`: Indonesia's zones keep one offset all year).
pub fn calendar(app: &App, name: &str, sessions: &[Session]) -> String {
    let zone = app.zone();
    let host = app.config.base_url.host_str().unwrap_or("simpul").to_owned();
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Simpul//Pelatihan KIM//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        out.push_str(&fold(l));
    }
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", ics_text(name))));
    let offset = zone.offset_ical(app.clock.now());
    for l in [
        format!("X-WR-TIMEZONE:{}", zone.name()),
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
        "BEGIN:STANDARD".to_owned(),
        "DTSTART:19700101T000000".to_owned(),
        format!("TZOFFSETFROM:{offset}"),
        format!("TZOFFSETTO:{offset}"),
        format!("TZNAME:{}", zone.abbreviation()),
        "END:STANDARD".to_owned(),
        "END:VTIMEZONE".to_owned(),
    ] {
        out.push_str(&fold(&l));
    }
    for s in sessions {
        let url = app.config.link(&format!("/pelatihan/{}", s.programme_slug));
        let place = s.place.clone().or(s.online_url.clone()).unwrap_or_default();
        for l in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:pelatihan-sesi-{}@{host}", s.id),
            format!("DTSTAMP:{}", Timestamp(s.updated_at).to_ical_utc()),
            format!("DTSTART;TZID={}:{}", zone.name(), Timestamp(s.starts_at).to_ical_local(zone)),
            format!("DTEND;TZID={}:{}", zone.name(), Timestamp(s.ends_at).to_ical_local(zone)),
            format!("SUMMARY:{}", ics_text(&s.programme_title)),
            format!("DESCRIPTION:{}", ics_text(&format!("{} · {} · {url}", s.topic_name, s.trainer))),
            format!("LOCATION:{}", ics_text(&place)),
            format!("URL:{url}"),
            "END:VEVENT".to_owned(),
        ] {
            out.push_str(&fold(&l));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

fn ics(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], body)
        .into_response()
}

/// `GET /pelatihan.ics`: every session to come.
pub async fn show_calendar(State(app): State<AppState>) -> AppResult<Response> {
    let sessions = repo::upcoming(&app.db, app.clock.now(), None, 500).await?;
    Ok(ics(calendar(&app, &format!("Pelatihan KIM · {}", app.site_title()), &sessions)))
}

/// `GET /pelatihan/{slug}/kalender.ics`: one programme's sessions.
pub async fn show_programme_calendar(State(app): State<AppState>, Path(slug): Path<String>) -> AppResult<Response> {
    let p = repo::programme_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let sessions = repo::sessions_of(&app.db, p.id).await?;
    Ok(ics(calendar(&app, &p.title, &sessions)))
}

#[cfg(test)]
mod tests {
    use super::{fold, ics_text};

    #[test]
    fn calendar_text_is_escaped_and_folded() {
        assert_eq!(ics_text("Aula, lantai 2; ruang\nA"), "Aula\\, lantai 2\\; ruang\\nA");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
    }
}

#[derive(Template)]
#[template(path = "training/certificate.html")]
struct CertificatePage {
    page: Page,
    number: String,
    c: Option<repo::Certificate>,
    revoked_on: String,
}

/// `GET /sertifikat/{number}`: anyone checks a certificate (valid, revoked or unknown).
pub async fn verify_certificate(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let c = super::certificates::verify(&app, &number).await?;
    let mut page = Page::new(&app, &viewer, &format!("/sertifikat/{number}"), "certificate-title");
    let revoked_on = c.as_ref().and_then(|c| c.revoked_at).map(|t| page.day(Timestamp(t))).unwrap_or_default();
    let status = if c.is_some() { axum::http::StatusCode::OK } else { axum::http::StatusCode::NOT_FOUND };
    page.title = format!("{} {}", page.title, number.trim().to_ascii_uppercase());
    let mut res = crate::web::page::render_status(
        status,
        &CertificatePage { page, number: number.trim().to_ascii_uppercase(), c, revoked_on },
    );
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
    Ok(res)
}

/// `GET /sertifikat/{number}/unduh`: the PDF, for its holder or an admin.
pub async fn download_certificate(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let pdf = super::certificates::pdf_for(&app, &viewer.actor(), &number).await?;
    let disposition = format!(
        "attachment; filename=\"sertifikat-{}.pdf\"",
        number.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        pdf,
    )
        .into_response())
}

/// A registration on the member's history page.
pub struct HistoryRow {
    pub s: Session,
    pub status: String,
    pub attended: bool,
    pub certificate: Option<repo::Certificate>,
}

#[derive(Template)]
#[template(path = "training/mine.html")]
struct MinePage {
    page: Page,
    rows: Vec<HistoryRow>,
}

impl MinePage {
    fn when(&self, s: &Session) -> String {
        when(s, &self.page)
    }
}

/// `GET /pelatihan/saya`: my training history and certificates.
pub async fn show_mine(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let certificates = repo::certificates_of_user(&app.db, user.id).await?;
    let rows = repo::registrations_of_user(&app.db, user.id)
        .await?
        .into_iter()
        .map(|(r, s)| HistoryRow {
            certificate: certificates.iter().find(|c| c.session_id == s.id).cloned(),
            status: r.status.as_str().to_owned(),
            attended: r.attended_at.is_some(),
            s,
        })
        .collect();
    Ok(render(&MinePage { page: Page::new(&app, &viewer, "/pelatihan/saya", "training-mine-title"), rows }))
}

/// `GET /pelatihan/materi/{id}`: a material file, for the session's participants.
pub async fn download_material(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (name, bytes) = service::material_file(&app, &viewer.actor(), id).await?;
    let safe: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')).collect();
    let content_type = if safe.ends_with(".pdf") { "application/pdf" } else { "application/octet-stream" };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{safe}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
