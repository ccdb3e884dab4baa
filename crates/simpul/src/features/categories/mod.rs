//! News categories, managed by admins (used by articles).

mod api;
mod html;
mod repo;
mod service;

pub use repo::{CategoryRow, find, find_by_slug, list};
pub use service::{create, delete, id_for_name, update};

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
        .doc::<api::__path_list_categories>()
}
