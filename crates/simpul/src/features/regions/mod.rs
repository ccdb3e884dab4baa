//! Regions: kota → kecamatan → kelurahan, loaded from CSV (`simpul regions import`).

pub mod api;
pub mod repo;
pub mod service;

use crate::web::{Access, Routes};

pub fn routes() -> Routes {
    Routes::new().get("/api/v1/regions", Access::Public, api::list_regions)
}
