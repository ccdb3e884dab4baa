//! Capacity: training (bimtek) for KIM members. `service` holds the rules
//! (programmes, sessions, registration with a waiting list, attendance); `html` the members'
//! and public pages with the iCalendar feeds, `desk` the admins' pages.

mod certificates;
mod desk;
mod html;
mod repo;
mod service;

pub use certificates::render as render_certificate;
pub use repo::{Certificate, certificate_by_number};
pub use service::{
    ProgrammeForm, Registered, SessionForm, add_session, cancel, create_programme, mark, members_trained,
    register as register_for,
};

use crate::{
    domain::access::Permission,
    registry::Registry,
    web::{Access, Routes},
};

/// The day-before reminder leaves through the job queue; practice drafts and their
/// publication come from the newsroom as events.
pub fn register(reg: &mut Registry) {
    reg.job::<service::Reminder>(|app, r| {
        Box::pin(async move { Ok(service::remind(app, r.session_id, r.starts_at).await?) })
    })
    .files(service::MATERIAL_PREFIX, |app| {
        Box::pin(async move { Ok(repo::material_keys(&app.db).await?.into_iter().collect()) })
    })
    .on_event(service::on_event)
    .work(service::work_lists);
}

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageTraining);
    Routes::new()
        .get("/pelatihan", Access::Public, html::list_sessions)
        .get("/pelatihan/saya", Access::SignedIn, html::show_mine)
        .get("/sertifikat/{number}", Access::Public, html::verify_certificate)
        .get("/sertifikat/{number}/unduh", Access::SignedIn, html::download_certificate)
        .post("/kelola/pelatihan/sertifikat/{number}/cabut", admin, desk::revoke_certificate)
        .get("/pelatihan.ics", Access::Public, html::show_calendar)
        .get("/pelatihan/{slug}", Access::Public, html::show_programme)
        .get("/pelatihan/{slug}/kalender.ics", Access::Public, html::show_programme_calendar)
        .post("/pelatihan/sesi/{id}/daftar", Access::SignedIn, html::register_self)
        .post("/pelatihan/sesi/{id}/batal", Access::SignedIn, html::cancel_self)
        .get("/pelatihan/sesi/{id}/hadir", Access::SignedIn, html::show_check_in)
        .post("/pelatihan/sesi/{id}/hadir", Access::SignedIn, html::check_in)
        .get("/kelola/pelatihan", admin, desk::list_programmes)
        .get("/kelola/pelatihan/statistik", admin, desk::show_stats)
        .get("/kelola/pelatihan/statistik.csv", admin, desk::export_stats)
        .post("/kelola/pelatihan", admin, desk::create_programme)
        .get("/kelola/pelatihan/{id}", admin, desk::show_programme)
        .post("/kelola/pelatihan/{id}", admin, desk::save_programme)
        .post("/kelola/pelatihan/{id}/sesi", admin, desk::add_session)
        .get("/kelola/pelatihan/sesi/{id}", admin, desk::show_session)
        .get("/kelola/pelatihan/sesi/{id}/qr.svg", admin, desk::show_qr)
        .post(
            "/kelola/pelatihan/sesi/{id}/daftarkan",
            Access::Permission(Permission::RegisterTrainees),
            desk::register_member,
        )
        .post("/kelola/pelatihan/sesi/{id}/presensi", admin, desk::tick)
        .post("/kelola/pelatihan/sesi/{id}/ubah", admin, desk::save_session)
        .post_upload("/kelola/pelatihan/sesi/{id}/materi", admin, desk::add_material, 26 * 1024 * 1024)
        .get("/pelatihan/materi/{id}", Access::SignedIn, html::download_material)
}
