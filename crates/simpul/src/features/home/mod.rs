//! The public shell: home page, language switch, health, metrics, assets, OpenAPI document.

pub mod html;

use crate::web::{Access, Routes, assets, openapi};

pub fn routes() -> Routes {
    Routes::new()
        .page("/", html::show_home)
        .get("/bahasa/{lang}", Access::Public, html::switch_language)
        .get("/healthz", Access::Public, html::health)
        .get("/metrics", Access::Public, html::metrics)
        .get("/static/{file}", Access::Public, assets::show_asset)
        .get("/api/openapi.json", Access::Public, openapi::show_openapi)
}
