//! Regions: kota → kecamatan → kelurahan, loaded from CSV (`simpul regions import`).

mod api;
mod html;
mod repo;
mod service;

pub use repo::{RegionChoice, RegionRow, choices, count, find, find_by_name, list};
pub use service::{CILEGON_CSV, ImportError, ImportReport, import_csv, set_code};

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageRegions);
    Routes::new()
        .get("/api/v1/regions", Access::Public, api::list_regions)
        .doc::<api::__path_list_regions>()
        .get("/admin/wilayah", admin, html::list_regions)
        .post("/admin/wilayah/{id}/kode", admin, html::set_region_code)
}
