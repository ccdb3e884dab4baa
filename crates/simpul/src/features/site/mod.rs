//! The site's identity: the city or regency's name and logo, set by an admin, shown on every
//! page, in feeds and documents, and as the favicon.

mod html;
mod repo;
mod service;

pub use service::{SettingsForm, save as save_identity};

use crate::{
    domain::access::Permission,
    registry::Registry,
    web::{Access, Routes},
};

/// Each node reloads the identity at start-up and every minute (an admin may have changed it
/// on another node).
pub fn register(reg: &mut Registry) {
    reg.every("site.identity", std::time::Duration::from_secs(60), |app| {
        Box::pin(async move { Ok(service::refresh(app).await?) })
    });
}

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageSite);
    Routes::new()
        .get("/admin/situs", admin, html::show_settings)
        .post_upload("/admin/situs", admin, html::save_settings, service::UPLOAD_LIMIT)
        .get("/situs/logo.png", Access::Public, html::show_logo)
        .get("/favicon.ico", Access::Public, html::show_favicon)
}
