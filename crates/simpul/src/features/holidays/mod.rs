//! The holiday calendar (libur nasional, cuti bersama, libur daerah) that working-day
//! deadlines count on. Admins keep it; everyone can read it.

mod html;
mod repo;
mod service;

pub use repo::days;

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageHolidays);
    Routes::new()
        .get("/admin/hari-libur", admin, html::list_holidays)
        .post("/admin/hari-libur", admin, html::add_holiday)
        .post("/admin/hari-libur/impor", admin, html::import_holidays)
        .post("/admin/hari-libur/{id}/hapus", admin, html::delete_holiday)
}
