//! Accounts: sign in and out, passwords, registration, e-mail verification, first-run setup.

pub mod html;
pub mod repo;
pub mod service;

use crate::web::{Access, Routes};

pub fn routes() -> Routes {
    Routes::new()
        .get("/masuk", Access::Guest, html::show_login)
        .post("/masuk", Access::Guest, html::login)
        .post("/keluar", Access::Public, html::logout)
        .get("/akun", Access::SignedIn, html::show_account)
        .get("/akun/sandi", Access::SignedIn, html::show_change_password)
        .post_limited("/akun/sandi", Access::SignedIn, html::change_password)
        .get("/lupa-sandi", Access::Public, html::show_forgot_password)
        .post_limited("/lupa-sandi", Access::Public, html::request_password_reset)
        .get("/atur-ulang-sandi", Access::Public, html::show_reset_password)
        .post_limited("/atur-ulang-sandi", Access::Public, html::reset_password)
        .get("/daftar", Access::Guest, html::show_register)
        .post_limited("/daftar", Access::Guest, html::register)
        .get("/verifikasi", Access::Public, html::verify_email)
        .get("/setup", Access::Public, html::show_setup)
        .post_limited("/setup", Access::Public, html::complete_setup)
}
