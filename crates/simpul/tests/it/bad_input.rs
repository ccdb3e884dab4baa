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
    // A JSON body over the limit is told so (413), not "invalid JSON".
    let json = format!("{{\"text\": \"{}\"}}", "a".repeat(3 * 1024 * 1024));
    let r = c.post_raw("/api/v1/tips", "application/json", json).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(t.count("tips").await, 0);
}

#[tokio::test]
async fn pages_answer_other_methods_with_405() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for method in ["PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"] {
        let m = axum::http::Method::from_bytes(method.as_bytes()).unwrap();
        for path in ["/lupa-sandi", "/aspirasi/baru", "/"] {
            let r = c.send(m.clone(), path, Some("application/x-www-form-urlencoded"), "a=b".into()).await;
            assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert!(!r.body.contains("token"), "{method} {path}: not a form-token message");
            assert!(r.headers["allow"].to_str().unwrap().contains("GET"), "{method} {path}: says what is allowed");
        }
    }
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
    assert!(r.body.contains("Alamat halaman (URL) tidak valid"));
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

/// Row counts of every table a form could write to.
async fn snapshot(t: &TestApp) -> Vec<i64> {
    let mut v = Vec::new();
    for table in [
        "users",
        "user_roles",
        "sessions",
        "kim_groups",
        "opd",
        "opd_categories",
        "api_tokens",
        "regions",
        "jobs",
        "audit_events",
    ] {
        v.push(t.count(table).await);
    }
    v
}

#[tokio::test]
async fn every_form_refuses_empty_overlong_and_mistyped_input_without_changing_anything() {
    // Each form is tried from its own address, so per-address rate limits never answer in
    // place of validation.
    let t = TestApp::with_config(|c| c.trust_forwarded_for = true).await;
    t.load_regions().await;
    let (kim, _) = t.kim("KIM Uji Input").await;
    let opd = t.opd("Dinas Uji Input").await;
    let mut admin = t.login_as(Role::Admin).await;
    let long = "x".repeat(5000);
    let forms: Vec<(String, Vec<&str>)> = vec![
        ("/masuk".into(), vec!["email", "password"]),
        ("/daftar".into(), vec!["name", "email", "password", "password_confirm"]),
        ("/setup".into(), vec!["token", "name", "email", "password", "password_confirm"]),
        ("/lupa-sandi".into(), vec!["email"]),
        ("/atur-ulang-sandi".into(), vec!["token", "password", "password_confirm"]),
        ("/akun/sandi".into(), vec!["current_password", "password", "password_confirm"]),
        ("/admin/pengguna".into(), vec!["name", "email", "role", "kim_id", "opd_id"]),
        ("/admin/kim/baru".into(), vec!["name", "level", "region_id", "sk_date", "phone", "email", "website"]),
        (format!("/admin/kim/{kim}/ubah"), vec!["name", "level", "region_id", "sk_date", "phone", "email", "website"]),
        (format!("/admin/kim/{kim}/anggota"), vec!["email", "name", "role"]),
        ("/admin/opd/baru".into(), vec!["name", "short_name", "phone", "email", "website", "categories"]),
        (format!("/admin/opd/{opd}/ubah"), vec!["name", "short_name", "phone", "email", "website", "categories"]),
        ("/admin/token".into(), vec!["name", "scope"]),
    ];
    let before = snapshot(&t).await;
    for (i, (path, fields)) in forms.iter().enumerate() {
        let guest_form = ["/masuk", "/daftar"].contains(&path.as_str());
        let c = if guest_form { t.client() } else { t.login_as(Role::Admin).await };
        let mut c = c.with_header("x-forwarded-for", &format!("192.0.2.{}", i + 1));
        let token = c.csrf_token().await;
        let empty: Vec<(&str, &str)> = vec![];
        let overlong: Vec<(&str, &str)> = fields.iter().map(|f| (*f, long.as_str())).collect();
        let mistyped: Vec<(&str, &str)> = fields
            .iter()
            .map(|f| (*f, if f.ends_with("_id") || *f == "level" || *f == "role" { "abc" } else { "?" }))
            .collect();
        for payload in [&empty, &overlong, &mistyped] {
            let r = c.post_form(path, payload).await;
            assert!(
                [StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY].contains(&r.status),
                "{path} {:?}: {}",
                payload.first(),
                r.status
            );
            assert!(!r.body.contains(">err-") && !r.body.contains(">error-"), "{path}: untranslated key");
        }
        let mut raw = format!("_csrf={token}&{}=", fields[0]).into_bytes();
        raw.extend_from_slice(b"%FF%FE%80");
        let r = c.post_raw(path, "application/x-www-form-urlencoded", raw).await;
        assert!(
            [StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY].contains(&r.status),
            "{path} broken UTF-8: {}",
            r.status
        );
        assert!(!r.body.contains("error-"), "{path}: untranslated key in {}", r.body);
    }
    let _ = admin.get("/admin").await;
    let mut after = snapshot(&t).await;
    // Each form was tried by a freshly signed-in admin: only those accounts, roles and
    // sessions (and their audit entries) are new.
    let new_admins = forms.iter().filter(|(p, _)| !["/masuk", "/daftar"].contains(&p.as_str())).count() as i64;
    after[0] -= new_admins;
    after[1] -= new_admins;
    after[2] -= new_admins;
    after[9] -= new_admins;
    assert_eq!(before, after, "nothing was stored");
}
