//! The OPD registry.

use axum::http::StatusCode;
use simpul::domain::access::Role;

use crate::support::TestApp;

#[tokio::test]
async fn admin_registers_a_unit_with_the_categories_it_handles() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let r = admin
        .post_form(
            "/admin/opd/baru",
            &[
                ("name", "Dinas Lingkungan Hidup"),
                ("short_name", "DLH"),
                ("phone", "(0254) 391234"),
                ("categories", "Sampah\nPencemaran, sampah\n"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = t.client().get("/opd").await;
    assert!(list.body.contains("Dinas Lingkungan Hidup") && list.body.contains("Sampah, Pencemaran"));
    let api = t.client().get("/api/v1/opd").await.json();
    assert_eq!(api[0]["short_name"], "DLH");
    assert_eq!(api[0]["categories"], "Sampah\nPencemaran");
    let id = api[0]["id"].as_i64().unwrap();
    let edit = admin
        .post_form(
            &format!("/admin/opd/{id}/ubah"),
            &[("name", "Dinas Lingkungan Hidup"), ("short_name", "DLH"), ("categories", "Sampah")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER);
    assert_eq!(t.client().get("/api/v1/opd").await.json()[0]["categories"], "Sampah");
}

#[tokio::test]
async fn invalid_units_are_refused_with_the_form_kept() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let r = admin.post_form("/admin/opd/baru", &[("name", "Dinas Tanpa Singkatan"), ("website", "ftp://x")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Dinas Tanpa Singkatan") && r.body.contains("ftp://x"));
    assert_eq!(t.count("opd").await, 0);
}
