//! Figures for leaders and citizens (`/dasbor`): is the channel working? Reports received,
//! answered and answered on time, per month, OPD and kecamatan; the tip-line; KIM activity;
//! the satisfaction index. Server-drawn SVG charts, each beside its table; the tables export
//! to XLSX and CSV. Only counts leave this capability, never a row about a person.

mod html;
mod repo;
mod service;

use crate::{
    registry::{Registry, SitemapUrl},
    web::{Access, Routes},
};

/// The dashboard is in the sitemap.
pub fn register(reg: &mut Registry) {
    reg.sitemap_pages(|_| Box::pin(async { Ok(vec![SitemapUrl { path: "/dasbor".into(), updated_at: None }]) }));
}

pub fn routes() -> Routes {
    Routes::new()
        // Guests share the page cache: the figures cost a scan of the year's reports (see
        // bench/README.md), and a crowd opening the same view must not repeat it.
        .page("/dasbor", html::show_dashboard)
        .get("/dasbor/aspirasi.xlsx", Access::Public, html::aspirations_xlsx)
        .get("/dasbor/aspirasi.csv", Access::Public, html::aspirations_csv)
}
