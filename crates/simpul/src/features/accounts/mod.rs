//! Accounts: sign in and out, passwords, registration, e-mail verification, first-run setup.

mod html;
mod repo;
mod service;

pub use repo::{
    GrantRow, MemberRow, UserListRow, UserRow, count_admins, count_users, delete_grant, find_grant, find_user,
    find_user_by_email, grants_for, insert_grant, insert_user, kim_members, list_users, lock_admins, set_disabled,
};
pub use service::{create_account, create_setup_link, issue_reset_link, needs_setup, session_user};

use crate::{
    registry::{HOUSEKEEPING, Registry},
    web::{Access, Routes},
};

/// Sessions, one-time links and sign-in attempts are forgotten once expired.
pub fn register(reg: &mut Registry) {
    reg.every("accounts.housekeeping", HOUSEKEEPING, |app| Box::pin(service::housekeeping(app)));
}

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
