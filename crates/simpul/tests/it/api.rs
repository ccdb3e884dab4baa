//! The JSON API: OpenAPI generated from code, token authentication, problem responses.

use axum::http::{Method, StatusCode};
use simpul::{domain::access::Role, infra::db::query, web::route_table};

use crate::support::TestApp;

#[tokio::test]
async fn openapi_describes_every_api_route() {
    let t = TestApp::new().await;
    let doc = t.client().get("/api/openapi.json").await.json();
    let paths = doc["paths"].as_object().unwrap();
    for r in route_table().iter().filter(|r| r.path.starts_with("/api/v1/")) {
        let method = r.method.as_str().to_lowercase();
        assert!(
            paths.get(r.path).and_then(|p| p.get(&method)).is_some(),
            "{} {} missing from OpenAPI",
            r.method,
            r.path
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // Parameters are where they travel: a path parameter is in its path, and every
    // `{placeholder}` is declared (a generated client builds its requests from this).
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            for p in &params {
                let name = p["name"].as_str().unwrap();
                if p["in"] == "path" {
                    assert!(path.contains(&format!("{{{name}}}")), "{method} {path}: {name} is no path parameter");
                }
            }
            for placeholder in path.split('{').skip(1).map(|s| s.split('}').next().unwrap()) {
                assert!(
                    params.iter().any(|p| p["in"] == "path" && p["name"] == placeholder),
                    "{method} {path}: {{{placeholder}}} undeclared"
                );
            }
        }
    }
    // Two kinds of category, two schemas.
    let news = &doc["paths"]["/api/v1/categories"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(news["items"]["$ref"], "#/components/schemas/NewsCategory");
    assert!(doc["components"]["schemas"]["AspirationCategory"].is_object());
}

#[tokio::test]
async fn search_api_refuses_numbers_out_of_range_by_field() {
    let t = TestApp::new().await;
    let r = t.client().get("/api/v1/search?q=jalan&tahun=2147483648").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("\"field\":\"year\""), "{}", r.body);
    let r = t.client().get("/api/v1/search?q=jalan&page=0&sort=acak").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"field\":\"page\"") && r.body.contains("\"field\":\"sort\""), "{}", r.body);
    assert_eq!(t.client().get("/api/v1/search?q=jalan&tahun=2026&urut=terbaru").await.status, StatusCode::OK);
    // The page stays forgiving: an address typed by hand still answers.
    assert_eq!(t.client().get("/cari?q=jalan&tahun=2147483648").await.status, StatusCode::OK);
}

#[tokio::test]
async fn tokens_are_shown_once_stored_hashed_and_revocable() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let page = admin.post_form("/admin/token", &[("name", "dashboard-bot"), ("scope", "read")]).await;
    assert_eq!(page.status, StatusCode::OK);
    let start = page.body.find("smp_").unwrap();
    let secret: String =
        page.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
    let stored: i64 = query("SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1")
        .bind(secret.as_str())
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0, "only the hash is stored");
    assert!(!admin.get("/admin/token").await.body.contains(&secret), "shown only once");

    let mut bot = t.client().with_header("authorization", &format!("Bearer {secret}"));
    let me = bot.get("/api/v1/token").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["scope"], "read");

    let anon = t.client().get("/api/v1/token").await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anon.headers["content-type"], "application/problem+json");
    assert_eq!(anon.json()["status"], 401);
    assert_eq!(anon.headers["www-authenticate"], "Bearer");
    assert!(anon.json()["detail"].as_str().unwrap().contains("Token API"));

    let id: i64 = query("SELECT id FROM api_tokens").scalar(&t.app.db).await.unwrap();
    assert_eq!(admin.post_form(&format!("/admin/token/{id}/cabut"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(bot.get("/api/v1/token").await.status, StatusCode::UNAUTHORIZED);
    let wrong = t.client().with_header("authorization", "Bearer smp_not-a-token").get("/api/v1/regions").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "a bad token is refused even on public reads");
}

#[tokio::test]
async fn a_browser_session_does_not_authenticate_the_api() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    assert_eq!(admin.get("/api/v1/token").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn kim_profiles_hide_members() {
    let t = TestApp::new().await;
    let (id, slug) = t.kim("KIM Publik").await;
    t.user(Role::Anggota, Some(id), None).await;
    let mut c = t.client();
    let one = c.get(&format!("/api/v1/kim/{slug}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(!one.body.contains("@example.id"), "no member e-mails in the API");
    let list = c.get("/api/v1/kim?q=publik").await.json();
    assert_eq!(list[0]["members"], 1);
    let missing = c.send(Method::GET, "/api/v1/kim/tidak-ada", None, axum::body::Body::empty()).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["title"], "Halaman tidak ditemukan");
}
