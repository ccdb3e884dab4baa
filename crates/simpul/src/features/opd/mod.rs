//! Government units (OPD) and the categories they handle, used to route aspirations.

mod api;
mod html;
mod repo;
mod service;

pub use repo::{OpdRow, count, find, list};
pub use service::{create, delete, update};

/// The directory of government units is in the sitemap.
pub fn register(reg: &mut crate::registry::Registry) {
    reg.sitemap_pages(|_| {
        Box::pin(async { Ok(vec![crate::registry::SitemapUrl { path: "/opd".into(), updated_at: None }]) })
    });
}

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
        .doc::<api::__path_list_opd>()
}
