//! Search (issue 4): Indonesian-aware full-text search over published articles with tantivy.
//! `analyzer.rs` adapts `simpul-text` to tantivy, `index.rs` owns the index files,
//! `service.rs` builds queries and keeps the index in step with the database, `html.rs` is
//! the `/cari` page and `api.rs` `/api/v1/search`.

pub mod analyzer;
pub mod api;
pub mod html;
pub mod index;
pub mod service;

use crate::web::{Access, Routes};

pub fn routes() -> Routes {
    Routes::new().page("/cari", html::show_search).get("/api/v1/search", Access::Public, api::search)
}
