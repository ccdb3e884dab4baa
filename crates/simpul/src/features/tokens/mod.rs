//! API tokens, shown once, stored hashed, scoped (read/write), revocable: machine clients
//! issued by an admin (page or CLI), and personal tokens a signed-in person issues for
//! themself, which act with that person's roles (e.g. a KIM's own tools filing drafts).

mod api;
mod html;
mod repo;
mod service;

pub use service::{TokenForm, authenticate, create, create_personal};

use crate::{
    domain::access::{Permission, TokenScope},
    registry::Registry,
    web::{Access, Routes},
};

/// Personal tokens end with their owner's password.
pub fn register(reg: &mut Registry) {
    reg.on_event(service::on_event);
}

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageTokens);
    Routes::new()
        .get("/admin/token", admin, html::list_tokens)
        .post("/admin/token", admin, html::create_token)
        .post("/admin/token/{id}/cabut", admin, html::revoke_token)
        // Personal tokens carry only newsroom roles: they are for KIM members and editors.
        .get("/akun/token", Access::Permission(Permission::WriteNews), html::list_personal_tokens)
        .post("/akun/token", Access::Permission(Permission::WriteNews), html::create_personal_token)
        .post("/akun/token/{id}/cabut", Access::SignedIn, html::revoke_personal_token)
        .get("/api/v1/token", Access::Token(TokenScope::Read), api::show_token)
        .doc::<api::__path_show_token>()
}
