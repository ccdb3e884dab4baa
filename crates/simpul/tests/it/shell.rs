//! The public shell: language, error pages, health, metrics, security headers, assets.

use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn home_is_indonesian_and_english_is_one_click_away() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<html lang=\"id\">") && home.body.contains("Beranda"));
    let r = c.get("/bahasa/en?next=/kim").await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/kim"));
    let kim = c.get("/kim").await;
    assert!(kim.body.contains("<html lang=\"en\">") && kim.body.contains("KIM directory"));
    let evil = c.get("/bahasa/id?next=//evil.example").await;
    assert_eq!(evil.location(), "/");
}

#[tokio::test]
async fn error_pages_speak_both_languages() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let nf = c.get("/tidak-ada").await;
    assert_eq!(nf.status, StatusCode::NOT_FOUND);
    assert!(nf.body.contains("Halaman tidak ditemukan"));
    c.get("/bahasa/en?next=/").await;
    assert!(c.get("/nope").await.body.contains("Page not found"));
    let mut anon = t.client();
    let admin = anon.get("/admin/kim").await;
    assert_eq!((admin.status, admin.location()), (StatusCode::SEE_OTHER, "/masuk?next=%2Fadmin%2Fkim"));
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for path in ["/", "/kim", "/tidak-ada", "/api/v1/regions"] {
        let r = c.get(path).await;
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"),
            "{path}"
        );
        assert_eq!(r.headers["x-content-type-options"], "nosniff");
        assert_eq!(r.headers["referrer-policy"], "strict-origin-when-cross-origin");
        assert!(r.headers.contains_key("x-request-id"));
    }
    let home = c.get("/").await;
    assert!(!home.body.contains("<script"), "no inline or external script");
}

#[tokio::test]
async fn health_metrics_and_hashed_assets() {
    let t = TestApp::new().await;
    let mut c = t.client();
    assert_eq!(c.get("/healthz").await.body, "ok");
    let home = c.get("/").await;
    let css = home.body.split("href=\"/static/").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let r = c.get(&format!("/static/{css}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(c.get("/static/app.old.css").await.status, StatusCode::NOT_FOUND);
    let m = c.get("/metrics").await.body;
    assert!(m.contains("simpul_http_requests_total{class=\"2xx\"}"));
    assert!(m.contains("simpul_http_request_duration_seconds_count"));
    // The queue and the search index, for alerts.
    assert!(m.contains("\nsimpul_jobs_due 0\n") && m.contains("\nsimpul_jobs_failed 0\n"), "{m}");
    assert!(m.contains("simpul_jobs_oldest_due_seconds 0.0") && m.contains("simpul_search_index_lag "), "{m}");
    // Through a proxy on the same host every visitor looks local: a forwarded request is not.
    let proxied = t.client().with_header("x-forwarded-for", "203.0.113.9").get("/metrics").await;
    assert_eq!(proxied.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn public_pages_are_cached_for_guests_and_revalidate_with_etags() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let first = c.get("/kim").await;
    let etag = first.headers["etag"].to_str().unwrap().to_owned();
    assert_eq!(first.headers["cache-control"], "no-cache");
    assert!(!first.body.contains("_csrf"), "public pages carry no per-visitor token");
    let again = c.clone_with_header("if-none-match", &etag).get("/kim").await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    t.kim("KIM Baru Sekali").await;
    let fresh = c.get("/kim").await;
    assert!(fresh.body.contains("KIM Baru Sekali"), "a change on this node shows at once");
    assert_ne!(fresh.headers["etag"], etag.as_str());
    let mut admin = t.login_as(simpul::domain::access::Role::Admin).await;
    let private = admin.get("/kim").await;
    assert_eq!(private.headers["cache-control"], "private, no-store");
    assert!(private.body.contains("Keluar"));
    assert!(!c.get("/kim").await.body.contains("Keluar"), "signed-in pages never reach the cache");
}

#[tokio::test]
async fn the_page_cache_never_mixes_languages() {
    let t = TestApp::new().await;
    let mut c = t.client();
    assert!(c.get("/kim").await.body.contains("Direktori KIM"));
    c.get("/bahasa/en?next=/kim").await;
    assert!(c.get("/kim").await.body.contains("KIM directory"));
    let mut other = t.client();
    assert!(other.get("/kim").await.body.contains("Direktori KIM"), "another visitor still gets Indonesian");
}

#[tokio::test]
async fn wrong_methods_get_a_translated_page() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(simpul::domain::access::Role::Admin).await;
    let r = admin.get("/keluar").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.body.contains("hanya menerima kiriman formulir"));
}

#[tokio::test]
async fn an_oversized_address_or_header_block_gets_a_translated_page() {
    let t = TestApp::new().await;
    let long = format!("/cari?q={}", "hoaks+".repeat(7_000));
    let r = t.client().get(&long).await;
    assert_eq!(r.status, StatusCode::URI_TOO_LONG);
    assert!(r.body.contains("Alamat terlalu panjang"), "{}", r.body);
    let api = t.client().get(&format!("/api/v1/search?q={}", "a".repeat(40_000))).await;
    assert_eq!(api.status, StatusCode::URI_TOO_LONG);
    assert_eq!(api.headers["content-type"], "application/problem+json");
    let mut c = t.client();
    for i in 0..120 {
        c = c.with_header(&format!("x-tambahan-{i}"), "1");
    }
    let r = c.get("/").await;
    assert_eq!(r.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    assert!(r.body.contains("Permintaan terlalu besar"), "{}", r.body);
    let big_cookie = t.client().with_header("cookie", &format!("sampah={}", "x".repeat(40_000))).get("/").await;
    assert_eq!(big_cookie.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
}
