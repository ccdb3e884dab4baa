//! Against hoaxes: a tip-line that answers at once. `service` takes tips in from
//! every door and matches them against published clarifications; `workflow` is the editors'
//! desk (checking rumours, publishing verdicts); `chat` the WhatsApp and Telegram webhooks and
//! replies; `html` and `desk` the pages, `api` the JSON API.

mod api;
mod chat;
mod desk;
mod html;
mod import;
mod repo;
mod service;
mod workflow;

pub use html::badge;
pub use import::{ImportReport, import_jsonl};
pub use repo::{ClarificationItem, OwnTip};
pub use service::{Matchers, clarifications_published, own_tips, search};
pub use workflow::{ClarificationForm, publish};

use crate::{
    domain::access::{Permission, TokenScope},
    registry::{HOUSEKEEPING, Registry},
    web::{Access, Limit, Routes},
};

/// Chat replies leave through the job queue; the matcher follows changes made by other
/// nodes; tipsters' contacts and handled chat message ids are not kept longer than needed.
pub fn register(reg: &mut Registry) {
    reg.every("factcheck.matcher", service::FRESH_FOR, |app| {
        Box::pin(async move { Ok(service::refresh(app, true).await?) })
    })
    .every("factcheck.housekeeping", HOUSEKEEPING, |app| Box::pin(service::housekeeping(app)))
    .files(service::SCREENSHOT_PREFIX, |app| {
        Box::pin(async move { Ok(repo::screenshot_keys(&app.db).await?.into_iter().collect()) })
    })
    .work(workflow::work_lists);
}

pub fn routes() -> Routes {
    let desk = Access::Permission(Permission::CheckFacts);
    Routes::new()
        .get("/cek-fakta", Access::Public, html::show_index)
        .post_upload("/cek-fakta", Access::Public, html::check_message, 12 * 1024 * 1024)
        .limit(Limit::Tips)
        .get("/cek-fakta/tiket/{code}", Access::Public, html::show_ticket)
        .page("/klarifikasi/{slug}", html::show_clarification)
        .page("/cek-fakta/{file}", html::show_feed)
        .get("/kelola/cek-fakta", desk, desk::list_desk)
        .get("/kelola/cek-fakta/baru", desk, desk::new_clarification)
        .post("/kelola/cek-fakta/baru", desk, desk::create_clarification)
        .get("/kelola/cek-fakta/ekspor.csv", desk, desk::export_tips)
        .get("/kelola/cek-fakta/tangkapan/{tip_id}", desk, desk::show_screenshot)
        .get("/kelola/cek-fakta/{id}", desk, desk::show_desk)
        .post("/kelola/cek-fakta/{id}/langkah", desk, desk::take_step)
        .post("/kelola/cek-fakta/{id}/tugas", desk, desk::assign)
        .post("/kelola/cek-fakta/{id}/catatan", desk, desk::add_note)
        .post("/kelola/cek-fakta/{id}/terbitkan", desk, desk::publish)
        .get("/kelola/klarifikasi/{id}", desk, desk::edit_clarification)
        .post("/kelola/klarifikasi/{id}", desk, desk::save_clarification)
        .post("/api/v1/tips", Access::PublicOrToken(TokenScope::Write), api::submit_tip)
        .limit(Limit::Tips)
        .doc::<api::__path_submit_tip>()
        .get("/api/v1/clarifications", Access::Public, api::list_clarifications)
        .doc::<api::__path_list_clarifications>()
        .get("/api/v1/clarifications/{slug}", Access::Public, api::show_clarification)
        .doc::<api::__path_show_clarification>()
        .get("/api/v1/webhooks/whatsapp", Access::Public, chat::verify_whatsapp)
        .doc::<chat::__path_verify_whatsapp>()
        .post("/api/v1/webhooks/whatsapp", Access::Public, chat::receive_whatsapp)
        .doc::<chat::__path_receive_whatsapp>()
        .post("/api/v1/webhooks/telegram", Access::Public, chat::receive_telegram)
        .doc::<chat::__path_receive_telegram>()
}
