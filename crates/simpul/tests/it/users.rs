//! People and roles: several roles per person, disabling accounts, the last administrator.

use axum::http::StatusCode;
use simpul::{domain::access::Role, infra::db::query};

use crate::support::{PASSWORD, TestApp};

async fn user_id(t: &TestApp, email: &str) -> i64 {
    query("SELECT id FROM users WHERE email = $1").bind(email).scalar(&t.app.db).await.unwrap()
}

#[tokio::test]
async fn an_existing_person_gets_a_second_role() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Dua Peran").await;
    let opd = t.opd("Dinas Dua Peran").await;
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let mut admin = t.login_as(Role::Admin).await;
    let opd_id = opd.to_string();
    let r = admin
        .post_form(
            "/admin/pengguna",
            &[("name", "Sama"), ("email", &email), ("role", "petugas_opd"), ("opd_id", &opd_id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let roles: Vec<String> = query("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user_id(&t, &email).await)
        .scalars(&t.app.db)
        .await
        .unwrap();
    assert_eq!(roles, vec!["anggota", "petugas_opd"]);
    let again = admin
        .post_form(
            "/admin/pengguna",
            &[("name", "Sama"), ("email", &email), ("role", "petugas_opd"), ("opd_id", &opd_id)],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("sudah memegang peran"));
}

#[tokio::test]
async fn unverified_self_registered_accounts_cannot_be_given_staff_roles() {
    let t = TestApp::new().await;
    let mut stranger = t.client();
    stranger
        .post_form(
            "/daftar",
            &[
                ("name", "Penyamar"),
                ("email", "kepala@cilegon.go.id"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    let (kim, _) = t.kim("KIM Aman").await;
    let mut admin = t.login_as(Role::Admin).await;
    let r = admin
        .post_form(&format!("/admin/kim/{kim}/anggota"), &[("email", "kepala@cilegon.go.id"), ("role", "redaksi")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("belum diverifikasi"));
    let r = admin
        .post_form("/admin/pengguna", &[("name", "X"), ("email", "kepala@cilegon.go.id"), ("role", "admin")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.count("user_roles").await, 1, "only the admin's own role");
}

#[tokio::test]
async fn a_disabled_person_is_signed_out_and_cannot_sign_in() {
    let t = TestApp::new().await;
    let email = t.user(Role::Redaksi, Some(t.kim("KIM Nonaktif").await.0), None).await;
    let mut member = t.login(&email, PASSWORD).await;
    let id = user_id(&t, &email).await;
    let mut admin = t.login_as(Role::Admin).await;
    assert_eq!(admin.post_form(&format!("/admin/pengguna/{id}/nonaktifkan"), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(member.get("/akun").await.is_denied());
    let r = t.client().post_form("/masuk", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(admin.post_form(&format!("/admin/pengguna/{id}/aktifkan"), &[]).await.status, StatusCode::SEE_OTHER);
    t.login(&email, PASSWORD).await;
    let actions: Vec<String> =
        query("SELECT action FROM audit_events WHERE action IN ('user.disable', 'user.enable') ORDER BY id")
            .scalars(&t.app.db)
            .await
            .unwrap();
    assert_eq!(actions, vec!["user.disable", "user.enable"]);
}

#[tokio::test]
async fn the_last_administrator_stays() {
    let t = TestApp::new().await;
    let email = t.user(Role::Admin, None, None).await;
    let mut admin = t.login(&email, PASSWORD).await;
    let id = user_id(&t, &email).await;
    let own = admin.post_form(&format!("/admin/pengguna/{id}/nonaktifkan"), &[]).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    assert!(admin.get(own.location()).await.body.contains("akun Anda sendiri"));
    let grant: i64 = query("SELECT id FROM user_roles WHERE user_id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    let r = admin.post_form(&format!("/admin/pengguna/{id}/peran/{grant}/hapus"), &[]).await;
    assert!(admin.get(r.location()).await.body.contains("Administrator terakhir"));
    assert_eq!(t.count("user_roles").await, 1);
    assert_eq!(admin.get("/akun").await.status, StatusCode::OK, "still signed in and still enabled");
}

#[tokio::test]
async fn giving_up_ones_own_admin_role_lands_on_the_account_page_with_the_message_once() {
    let t = TestApp::new().await;
    t.user(Role::Admin, None, None).await;
    let email = t.user(Role::Admin, None, None).await;
    let mut me = t.login(&email, PASSWORD).await;
    let id = user_id(&t, &email).await;
    let grant: i64 = query("SELECT id FROM user_roles WHERE user_id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    let r = me.post_form(&format!("/admin/pengguna/{id}/peran/{grant}/hapus"), &[]).await;
    assert_eq!(r.location(), "/akun");
    // Even when the next page is an error page, the message is shown there once.
    let denied = me.get("/admin/pengguna").await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert!(denied.body.contains("Peran dicabut."));
    assert!(!me.get("/akun").await.body.contains("Peran dicabut."), "shown once");
}

#[tokio::test]
async fn a_disabled_admins_role_can_be_revoked_while_one_admin_remains() {
    let t = TestApp::new().await;
    let other = t.user(Role::Admin, None, None).await;
    let other_id = user_id(&t, &other).await;
    let mut admin = t.login_as(Role::Admin).await;
    admin.post_form(&format!("/admin/pengguna/{other_id}/nonaktifkan"), &[]).await;
    let grant: i64 =
        query("SELECT id FROM user_roles WHERE user_id = $1").bind(other_id).scalar(&t.app.db).await.unwrap();
    let r = admin.post_form(&format!("/admin/pengguna/{other_id}/peran/{grant}/hapus"), &[]).await;
    assert!(admin.get(r.location()).await.body.contains("Peran dicabut."));
}

#[tokio::test]
async fn signing_out_of_an_ended_session_just_signs_out() {
    let t = TestApp::new().await;
    let email = t.user(Role::Dpo, None, None).await;
    let mut tab = t.login(&email, PASSWORD).await;
    let token = tab.csrf_token().await;
    let mut other_tab = t.login(&email, PASSWORD).await;
    other_tab
        .post_form(
            "/akun/sandi",
            &[
                ("current_password", PASSWORD),
                ("password", "ganti-sandi-baru-9"),
                ("password_confirm", "ganti-sandi-baru-9"),
            ],
        )
        .await;
    let body = format!("_csrf={token}");
    let r = tab.post_raw("/keluar", "application/x-www-form-urlencoded", body).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"));
    assert!(!tab.has_cookie("simpul_sid"));
}
