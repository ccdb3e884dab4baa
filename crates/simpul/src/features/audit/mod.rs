//! The audit trail page for admins and the DPO.

mod html;
mod repo;

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    Routes::new().get("/admin/audit", Access::Permission(Permission::ViewAudit), html::list_audit)
}
