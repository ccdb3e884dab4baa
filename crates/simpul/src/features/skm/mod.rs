//! The public-satisfaction survey (SKM, Permenpan RB No. 14 Tahun 2017): the units surveyed
//! (every OPD and the service points admins add), the questionnaire on the web and through the
//! API, and each unit's index (IKM) with its grade.

mod api;
mod html;
mod kiosk;
mod repo;
mod service;

pub use service::{Period, UnitFigures, units_offered as figures_of_units};

use crate::{
    domain::access::{Permission, TokenScope},
    registry::{Registry, SitemapUrl},
    web::{Access, Limit, Routes},
};

/// OPDs become units as they are created; the list of units is in the sitemap; silent kiosks
/// are in the admins' task list.
pub fn register(reg: &mut Registry) {
    reg.on_event(service::on_event)
        .sitemap_pages(|_| Box::pin(async { Ok(vec![SitemapUrl { path: "/skm".into(), updated_at: None }]) }))
        .work(service::work_lists);
}

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageSkm);
    Routes::new()
        .get("/skm", Access::Public, html::list_units)
        .get("/skm/{slug}", Access::Public, html::show_form)
        .post("/skm/{slug}", Access::Public, html::submit_form)
        .limit(Limit::Survey)
        .get("/skm/{slug}/terima-kasih", Access::Public, html::show_thanks)
        .get("/skm/{slug}/hasil", Access::Public, html::show_results)
        .get("/skm/{slug}/laporan.xlsx", admin, html::report_xlsx)
        .get("/skm/{slug}/kios", Access::Public, kiosk::show_kiosk)
        .post("/skm/{slug}/kios", Access::Public, kiosk::submit_kiosk)
        .secret_in_path("/kios/pasang/")
        .get("/kios/pasang/{key}", Access::Public, kiosk::install)
        .post("/kios/detak", Access::Public, kiosk::heartbeat)
        .get("/admin/skm", admin, html::admin_list)
        .get("/admin/skm/baru", admin, html::new_unit)
        .post("/admin/skm/baru", admin, html::create_unit)
        .get("/admin/skm/{id}/ubah", admin, html::edit_unit)
        .post("/admin/skm/{id}/ubah", admin, html::update_unit)
        .get("/admin/skm/kios", admin, kiosk::list_kiosks)
        .post("/admin/skm/kios", admin, kiosk::register_kiosk)
        .post("/admin/skm/kios/{id}/cabut", admin, kiosk::revoke_kiosk)
        .post("/api/v1/skm/responses", Access::Token(TokenScope::Write), api::submit_response)
        .limit(Limit::Survey)
        .doc::<api::__path_submit_response>()
        .get("/api/v1/skm/ikm", Access::Public, api::show_ikm)
        .doc::<api::__path_show_ikm>()
        .get("/api/v1/skm/units", Access::Public, api::list_units)
        .doc::<api::__path_list_units>()
}
