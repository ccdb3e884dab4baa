//! News categories: defaults on a fresh install, admin-managed, addresses that stay.

use axum::http::StatusCode;
use simpul::{domain::access::Role, infra::db::query};

use crate::support::TestApp;

#[tokio::test]
async fn a_fresh_install_has_the_common_categories() {
    let t = TestApp::new().await;
    let list = t.client().get("/api/v1/categories").await.json();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Ekonomi", "Kesehatan", "Klarifikasi Hoaks", "Lingkungan", "Pembangunan", "Pemerintahan", "Pendidikan"]
    );
}

#[tokio::test]
async fn admin_adds_renames_and_deletes_a_category() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let r = admin
        .post_form("/admin/kategori", &[("name", "Pariwisata & Budaya"), ("description", "Wisata di Cilegon")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(admin.get("/admin/kategori").await.body.contains("Kategori ditambahkan."));
    let id: i64 =
        query("SELECT id FROM categories WHERE slug = 'pariwisata-dan-budaya'").scalar(&t.app.db).await.unwrap();
    let dup = admin.post_form("/admin/kategori", &[("name", "pariwisata dan budaya")]).await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY, "names are unique whatever their case or punctuation");
    assert!(dup.body.contains("Nama ini sudah dipakai.") && dup.body.contains("pariwisata dan budaya"));
    let renamed = admin.post_form(&format!("/admin/kategori/{id}/ubah"), &[("name", "Pariwisata")]).await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    let slug: String = query("SELECT slug FROM categories WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(slug, "pariwisata-dan-budaya", "the address stays");
    let unconfirmed = admin.post_form(&format!("/admin/kategori/{id}/hapus"), &[]).await;
    assert!(admin.get(unconfirmed.location()).await.body.contains("Centang konfirmasi"));
    admin.post_form(&format!("/admin/kategori/{id}/hapus"), &[("confirm", "ya")]).await;
    assert_eq!(t.count("categories").await, 7);
    let actions: Vec<String> = query("SELECT action FROM audit_events WHERE entity_type = 'category' ORDER BY id")
        .scalars(&t.app.db)
        .await
        .unwrap();
    assert_eq!(actions, ["category.create", "category.update", "category.delete"]);
}
