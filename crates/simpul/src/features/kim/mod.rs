//! KIM groups: the registry (admin), the public directory, and their members.

mod api;
mod html;
mod repo;
mod service;

pub use repo::{KimListRow, KimRow, count, find, find_by_slug, latest, list};
pub use service::{MemberForm, add_member, create, delete, remove_member, update};

use crate::{
    domain::access::Permission,
    registry::{Registry, SitemapUrl},
    web::{Access, Routes},
};

/// The directory and each group's page are listed in the sitemap.
pub fn register(reg: &mut Registry) {
    reg.sitemap_pages(|app| {
        Box::pin(async move {
            let mut urls = vec![SitemapUrl { path: "/kim".into(), updated_at: None }];
            for slug in repo::slugs(&app.db).await? {
                urls.push(SitemapUrl { path: format!("/kim/{slug}"), updated_at: None });
            }
            Ok(urls)
        })
    });
}

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageKim);
    Routes::new()
        .page("/kim", html::list_kim)
        .page("/kim/{slug}", html::show_kim)
        .page("/kim/{slug}/{file}", html::show_kim_feed)
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
        .doc::<api::__path_list_kim>()
        .get("/api/v1/kim/{slug}", Access::Public, api::show_kim)
        .doc::<api::__path_show_kim>()
}
