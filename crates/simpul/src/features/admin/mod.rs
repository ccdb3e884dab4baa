//! The admin area's front page and the local mail outbox.

mod html;
mod service;

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    Routes::new().get("/admin", Access::Permission(Permission::EnterAdmin), html::show_dashboard).get(
        "/admin/surel",
        Access::Permission(Permission::ViewOutbox),
        html::list_outbox,
    )
}
