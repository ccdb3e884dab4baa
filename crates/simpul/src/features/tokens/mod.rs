//! API tokens for machine clients: issued by an admin (page or CLI), shown once, stored
//! hashed, scoped, revocable.

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
        .get("/api/v1/token", Access::Token(TokenScope::Read), api::show_token)
}
