//! Aspirations in: citizens' complaints, aspirations and information requests,
//! routed to the right OPD and answered within working-day deadlines, traceable by the
//! citizen through a private link. `service` is the citizen's side, `workflow` the staff's,
//! `files` the attachments; `html` and `desk` are the pages, `api` the JSON API.

mod api;
mod desk;
mod files;
mod follow;
mod html;
mod notify;
mod open311;
mod repo;
mod service;
mod workflow;

pub use service::{FormChoices, ReporterStep, SubmitForm, answered_this_month, form_choices, reporter_step, submit};
pub use workflow::{StepForm, step};
pub use workflow::{Sweep, sweep as sweep_deadlines};

use crate::{
    domain::access::{Permission, TokenScope},
    registry::{HOUSEKEEPING, Registry},
    web::{Access, Limit, Routes},
};

/// Deadlines are swept every minute (reminders, escalations, auto-closing); a changed holiday
/// calendar moves the running deadlines in the same transaction.
pub fn register(reg: &mut Registry) {
    reg.every("aspirations.deadlines", std::time::Duration::from_secs(60), |app| {
        Box::pin(async move {
            let s = workflow::sweep(app).await?;
            if s != workflow::Sweep::default() {
                tracing::info!(?s, "aspiration deadlines");
            }
            Ok(())
        })
    })
    .every("aspirations.housekeeping", HOUSEKEEPING, |app| {
        Box::pin(async move {
            let mut tx = app.db.begin().await?;
            repo::prune_chat_codes(&mut tx, app.clock.now()).await?;
            tx.commit_bookkeeping().await?;
            Ok(())
        })
    })
    .files(files::KEY_PREFIX, |app| {
        Box::pin(async move { Ok(repo::attachment_keys(&app.db).await?.into_iter().collect()) })
    })
    .on_event(service::on_event)
    .on_chat(follow::chat_command)
    .work(workflow::work_lists);
}

pub fn routes() -> Routes {
    let desk = Access::Permission(Permission::ViewAspirationDesk);
    let coordinator = Access::Permission(Permission::CoordinateAspirations);
    Routes::new()
        .page("/aspirasi", html::list_aspirations)
        .get("/aspirasi/baru", Access::Public, html::new_aspiration)
        .post_upload("/aspirasi/baru", Access::Public, html::create_aspiration, files::REPORT_BODY_MAX)
        .limit(Limit::Submissions)
        .post_upload("/aspirasi/baru/cek", Access::Public, html::check_similar, files::REPORT_BODY_MAX)
        .limit(Limit::Submissions)
        .get("/akun/laporan", Access::SignedIn, html::own_reports)
        .get("/aspirasi/lacak", Access::Public, html::resend_form)
        .post("/aspirasi/lacak", Access::Public, html::resend_link)
        .limit(Limit::Sensitive)
        .secret_in_path("/aspirasi/lacak/")
        .get("/aspirasi/lacak/{key}", Access::Public, html::track_aspiration)
        .post("/aspirasi/lacak/{key}/kabari", Access::Public, html::start_chat)
        .limit(Limit::Sensitive)
        .get("/aspirasi/lacak/{key}/berhenti", Access::Public, html::confirm_stop)
        .post("/aspirasi/lacak/{key}/berhenti", Access::Public, html::stop_notices)
        .post("/aspirasi/lacak/{key}/simpan", Access::SignedIn, html::claim_report)
        .post("/aspirasi/lacak/{key}/info", Access::Public, html::add_info)
        .post("/aspirasi/lacak/{key}/terima", Access::Public, html::accept_answer)
        .post("/aspirasi/lacak/{key}/sanggah", Access::Public, html::dispute_answer)
        .post("/aspirasi/lacak/{key}/nilai", Access::Public, html::rate_answer)
        .get("/aspirasi/lampiran/{id}", Access::Public, html::show_attachment)
        .get("/aspirasi/{code}", Access::Public, html::show_aspiration)
        .post("/aspirasi/{code}/dukung", Access::Public, html::support_aspiration)
        .get("/kelola/aspirasi", desk, desk::list_desk)
        .get("/kelola/aspirasi/ekspor-lapor", coordinator, desk::export_lapor)
        .get("/kelola/aspirasi/{id}", desk, desk::show_desk)
        .post("/kelola/aspirasi/{id}/langkah", desk, desk::take_step)
        .post("/kelola/aspirasi/{id}/redaksi", coordinator, desk::redact)
        .post("/kelola/aspirasi/{id}/lampiran/{attachment_id}", coordinator, desk::set_attachment_visibility)
        .post("/kelola/aspirasi/{id}/lapor", coordinator, desk::set_lapor_number)
        .post("/kelola/aspirasi/{id}/identitas", coordinator, desk::reveal_identity)
        .post("/api/v1/aspirations", Access::PublicOrToken(TokenScope::Write), api::submit_aspiration)
        .limit(Limit::Submissions)
        .doc::<api::__path_submit_aspiration>()
        .get("/api/v1/aspirations", Access::Public, api::list_aspirations)
        .doc::<api::__path_list_aspirations>()
        .get("/api/v1/aspirations/categories", Access::Public, api::list_categories)
        .doc::<api::__path_list_categories>()
        .get("/api/v1/aspirations/{code}", Access::Public, api::show_aspiration)
        .doc::<api::__path_show_aspiration>()
        .secret_in_path("/api/v1/aspirations/unsubscribe/")
        .get("/api/v1/aspirations/unsubscribe/{key}", Access::Public, api::unsubscribe_page)
        .doc::<api::__path_unsubscribe_page>()
        .post("/api/v1/aspirations/unsubscribe/{key}", Access::Public, api::unsubscribe)
        .doc::<api::__path_unsubscribe>()
        .get("/open311/v2/{file}", Access::Public, open311::get_root)
        .post("/open311/v2/{file}", Access::Public, open311::create_request)
        .get("/open311/v2/services/{file}", Access::Public, open311::show_service)
        .get("/open311/v2/requests/{file}", Access::Public, open311::show_request)
        .get("/open311/v2/tokens/{file}", Access::Public, open311::show_token)
}
