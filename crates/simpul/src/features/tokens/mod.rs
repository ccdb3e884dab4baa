//! API tokens, shown once, stored hashed, scoped (read/write), revocable: machine clients
//! issued by an admin (page or CLI), and personal tokens a signed-in person issues for
//! themself, which act with that person's roles (e.g. a KIM's own tools filing drafts).

pub mod api;
pub mod html;
pub mod repo;
pub mod service;

use crate::{
    domain::access::{Permission, TokenScope},
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageTokens);
    Routes::new()
        .get("/admin/token", admin, html::list_tokens)
        .post("/admin/token", admin, html::create_token)
        .post("/admin/token/{id}/cabut", admin, html::revoke_token)
        .get("/akun/token", Access::SignedIn, html::list_personal_tokens)
        .post("/akun/token", Access::SignedIn, html::create_personal_token)
        .post("/akun/token/{id}/cabut", Access::SignedIn, html::revoke_personal_token)
        .get("/api/v1/token", Access::Token(TokenScope::Read), api::show_token)
}
