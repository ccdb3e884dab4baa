//! People and roles, managed by the admin: staff accounts for every role and scope.

mod html;
mod service;

pub use service::{StaffForm, StaffOutcome, create_staff, grant_existing, revoke, set_disabled};

use crate::{
    domain::access::Permission,
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    let admin = Access::Permission(Permission::ManageUsers);
    Routes::new()
        .get("/admin/pengguna", admin, html::list_users)
        .post("/admin/pengguna", admin, html::create_user)
        .post("/admin/pengguna/{id}/peran/{grant_id}/hapus", admin, html::revoke_role)
        .post("/admin/pengguna/{id}/nonaktifkan", admin, html::disable_user)
        .post("/admin/pengguna/{id}/aktifkan", admin, html::enable_user)
}
