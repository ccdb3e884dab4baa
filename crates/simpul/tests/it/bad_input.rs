//! Bad input gets a clear, translated error, changes nothing, and never a 500.

use axum::http::StatusCode;
use simpul::domain::access::Role;

use crate::support::TestApp;

#[tokio::test]
async fn forms_without_a_csrf_token_or_from_another_origin_are_refused() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let r = c
        .post_raw(
            "/daftar",
            "application/x-www-form-urlencoded",
            "name=A&email=a%40b.id&password=xxxxxxxxxxxx&password_confirm=xxxxxxxxxxxx",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Formulir kedaluwarsa"));
    let token = c.csrf_token().await;
    let mut evil = t.client().with_header("origin", "https://evil.example");
    let _ = evil.csrf_token().await;
    let r = evil.post_form("/lupa-sandi", &[("email", "a@b.id")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let _ = token;
    assert_eq!(t.count("users").await, 0);
}

#[tokio::test]
async fn broken_utf8_and_overlong_fields_are_clear_errors() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let token = admin.csrf_token().await;
    let mut body = format!("_csrf={token}&name=").into_bytes();
    body.extend_from_slice(b"%FF%FE&level=kelurahan");
    let r = admin.post_raw("/admin/kim/baru", "application/x-www-form-urlencoded", body).await;
    assert!(r.status == StatusCode::BAD_REQUEST || r.status == StatusCode::UNPROCESSABLE_ENTITY, "{}", r.status);
    let long = "x".repeat(500);
    let r = admin.post_form("/admin/opd/baru", &[("name", &long), ("short_name", "X")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Terlalu panjang."));
    let r = admin.post_form("/admin/kim/baru", &[("name", "KIM"), ("level", "kelurahan"), ("region_id", "abc")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.count("kim_groups").await + t.count("opd").await, 0);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let token = c.csrf_token().await;
    let big = format!("_csrf={token}&email={}", "a".repeat(3 * 1024 * 1024));
    let r = c.post_raw("/lupa-sandi", "application/x-www-form-urlencoded", big).await;
    assert!(r.status == StatusCode::PAYLOAD_TOO_LARGE || r.status == StatusCode::BAD_REQUEST, "{}", r.status);
}

#[tokio::test]
async fn api_queries_of_the_wrong_type_get_a_problem_document() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for path in ["/api/v1/regions?parent_id=abc", "/api/v1/kim?page=satu", "/api/v1/kim?kecamatan=%FF"] {
        let r = c.get(path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(r.json()["code"], "err-bad-query");
    }
    let r = c.get("/kim?hal=banyak").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Parameter alamat tidak valid."));
}

#[tokio::test]
async fn unknown_ids_are_404_not_500() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    assert_eq!(admin.get("/admin/kim/999999/ubah").await.status, StatusCode::NOT_FOUND);
    assert_eq!(admin.get("/admin/kim/abc/ubah").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(admin.get("/admin/opd/999999/ubah").await.status, StatusCode::NOT_FOUND);
    assert_eq!(admin.post_form("/admin/kim/999999/anggota/1/hapus", &[]).await.status, StatusCode::NOT_FOUND);
}
