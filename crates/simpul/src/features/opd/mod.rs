//! Government units (OPD) and the categories they handle, used to route aspirations.

pub mod api;
pub mod html;
pub mod repo;
pub mod service;

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageOpd);
    Routes::new()
        .page("/opd", html::list_opd)
        .get("/admin/opd", admin, html::admin_list_opd)
        .get("/admin/opd/baru", admin, html::new_opd)
        .post("/admin/opd/baru", admin, html::create_opd)
        .get("/admin/opd/{id}/ubah", admin, html::edit_opd)
        .post("/admin/opd/{id}/ubah", admin, html::update_opd)
        .post("/admin/opd/{id}/hapus", admin, html::delete_opd)
        .get("/api/v1/opd", Access::Public, api::list_opd)
}
