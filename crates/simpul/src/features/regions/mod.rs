//! Regions: kota → kecamatan → kelurahan, loaded from CSV (`simpul regions import`).

pub mod api;
pub mod html;
pub mod repo;
pub mod service;

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageRegions);
    Routes::new()
        .get("/api/v1/regions", Access::Public, api::list_regions)
        .get("/admin/wilayah", admin, html::list_regions)
        .post("/admin/wilayah/{id}/kode", admin, html::set_region_code)
}
