//! News categories, managed by admins (used by articles, issue 3).

pub mod api;
pub mod html;
pub mod repo;
pub mod service;

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageCategories);
    Routes::new()
        .get("/admin/kategori", admin, html::list_categories)
        .post("/admin/kategori", admin, html::create_category)
        .get("/admin/kategori/{id}/ubah", admin, html::edit_category)
        .post("/admin/kategori/{id}/ubah", admin, html::update_category)
        .post("/admin/kategori/{id}/hapus", admin, html::delete_category)
        .get("/api/v1/categories", Access::Public, api::list_categories)
}
