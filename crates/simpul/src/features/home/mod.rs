//! The public shell: home page, language switch, health, metrics, assets, the OpenAPI
//! document, and the sitemap every capability adds its addresses to.

mod html;
mod sitemap;

use crate::{
    registry::{Registry, SitemapUrl},
    web::{Access, Routes, assets, openapi},
};

pub fn register(reg: &mut Registry) {
    reg.sitemap_pages(|_| Box::pin(async { Ok(vec![SitemapUrl { path: "/".into(), updated_at: None }]) }));
}

pub fn routes() -> Routes {
    Routes::new()
        .page("/", html::show_home)
        .get("/bahasa/{lang}", Access::Public, html::switch_language)
        .get("/healthz", Access::Public, html::health)
        .get("/metrics", Access::Public, html::metrics)
        .get("/static/{file}", Access::Public, assets::show_asset)
        .get("/api/openapi.json", Access::Public, openapi::show_openapi)
        .page("/sitemap.xml", sitemap::show_sitemap_index)
        .page("/sitemaps/{file}", sitemap::show_sitemap_file)
}
