//! KIM groups: the registry (admin), the public directory, and their members.

pub mod api;
pub mod html;
pub mod repo;
pub mod service;

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageKim);
    Routes::new()
        .page("/kim", html::list_kim)
        .page("/kim/{slug}", html::show_kim)
        .get("/admin/kim", admin, html::admin_list_kim)
        .get("/admin/kim/baru", admin, html::new_kim)
        .post("/admin/kim/baru", admin, html::create_kim)
        .get("/admin/kim/{id}/ubah", admin, html::edit_kim)
        .post("/admin/kim/{id}/ubah", admin, html::update_kim)
        .post("/admin/kim/{id}/hapus", admin, html::delete_kim)
        .get("/admin/kim/{id}/anggota", admin, html::show_members)
        .post("/admin/kim/{id}/anggota", admin, html::add_member)
        .post("/admin/kim/{id}/anggota/{grant_id}/hapus", admin, html::remove_member)
        .get("/api/v1/kim", Access::Public, api::list_kim)
        .get("/api/v1/kim/{slug}", Access::Public, api::show_kim)
}
