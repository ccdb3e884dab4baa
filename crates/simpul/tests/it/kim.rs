//! The KIM registry and the public directory.

use axum::http::StatusCode;
use simpul::{domain::access::Role, infra::db::query};

use crate::support::TestApp;

async fn region(t: &TestApp, name: &str) -> String {
    query("SELECT id FROM regions WHERE name = $1 ORDER BY id LIMIT 1")
        .bind(name)
        .scalar::<i64>(&t.app.db)
        .await
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn admin_registers_a_group_that_appears_in_the_public_directory() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let kebonsari = region(&t, "Kebonsari").await;
    let r = admin
        .post_form(
            "/admin/kim/baru",
            &[
                ("name", "KIM Kebonsari Sejahtera"),
                ("level", "kelurahan"),
                ("region_id", &kebonsari),
                ("sk_number", "800/12/Kominfo/2025"),
                ("sk_date", "2025-03-17"),
                ("phone", "0812-3456-7890"),
                ("instagram", "https://instagram.com/kimkebonsari"),
                ("ketua", "Hj. Nur'aini"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut anon = t.client();
    let list = anon.get("/kim").await;
    assert!(list.body.contains("KIM Kebonsari Sejahtera"));
    let page = anon.get("/kim/kim-kebonsari-sejahtera").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("800/12/Kominfo/2025")
            && page.body.contains("+6281234567890")
            && page.body.contains("Hj. Nur&#39;aini")
    );
    let filtered = anon.get(&format!("/kim?kecamatan={}", region(&t, "Citangkil").await)).await;
    assert!(filtered.body.contains("KIM Kebonsari Sejahtera"), "Kebonsari is in Citangkil");
    let other = anon.get(&format!("/kim?kecamatan={}", region(&t, "Cibeber").await)).await;
    assert!(!other.body.contains("KIM Kebonsari Sejahtera"));
    let audited: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'kim.create' AND request_id IS NOT NULL")
            .scalar(&t.app.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn an_invalid_form_keeps_what_was_typed_and_stores_nothing() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let kecamatan = region(&t, "Cibeber").await;
    let r = admin
        .post_form(
            "/admin/kim/baru",
            &[
                ("name", "KIM <Salah> Tingkat"),
                ("level", "kelurahan"),
                ("region_id", &kecamatan),
                ("email", "bukan-email"),
                ("sk_date", "2025-02-30"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("KIM &#60;Salah&#62; Tingkat"), "typed text is kept and escaped");
    assert!(r.body.contains("bukan-email"));
    assert!(r.body.contains("Wilayah harus sesuai tingkat KIM"));
    assert!(r.body.contains("Tanggal tidak valid"));
    assert!(r.body.contains("aria-invalid=\"true\""));
    assert_eq!(t.count("kim_groups").await, 0);
}

#[tokio::test]
async fn slugs_are_unique_and_stay_when_the_name_changes() {
    let t = TestApp::new().await;
    let (id1, s1) = t.kim("KIM Bulakan").await;
    let (_, s2) = t.kim("KIM Bulakan").await;
    assert_eq!((s1.as_str(), s2.as_str()), ("kim-bulakan", "kim-bulakan-2"));
    let mut admin = t.login_as(Role::Admin).await;
    let bulakan = region(&t, "Bulakan").await;
    let r = admin
        .post_form(
            &format!("/admin/kim/{id1}/ubah"),
            &[("name", "KIM Bulakan Raya"), ("level", "kelurahan"), ("region_id", &bulakan)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = t.client().get("/kim/kim-bulakan").await;
    assert!(page.body.contains("KIM Bulakan Raya"));
    let before: String =
        query("SELECT before_json FROM audit_events WHERE action = 'kim.update'").scalar(&t.app.db).await.unwrap();
    assert!(before.contains("\"KIM Bulakan\""));
}

#[tokio::test]
async fn admin_assigns_members_and_new_people_get_a_password_link() {
    let t = TestApp::new().await;
    let (id, _) = t.kim("KIM Anggota").await;
    let mut admin = t.login_as(Role::Admin).await;
    let missing_name = admin
        .post_form(&format!("/admin/kim/{id}/anggota"), &[("email", "baru@example.id"), ("role", "anggota")])
        .await;
    assert_eq!(missing_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing_name.body.contains("baru@example.id"));
    let r = admin
        .post_form(
            &format!("/admin/kim/{id}/anggota"),
            &[("email", "baru@example.id"), ("name", "Ahmad Baru"), ("role", "redaksi")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = admin.get(&format!("/admin/kim/{id}/anggota")).await;
    assert!(page.body.contains("Ahmad Baru"));
    let link = t.link_in_mail("baru@example.id", "/atur-ulang-sandi").await;
    assert!(link.contains("token="));
    let grant: i64 =
        query("SELECT r.id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'baru@example.id'")
            .scalar(&t.app.db)
            .await
            .unwrap();
    let rm = admin.post_form(&format!("/admin/kim/{id}/anggota/{grant}/hapus"), &[]).await;
    assert_eq!(rm.status, StatusCode::SEE_OTHER);
    assert!(!admin.get(&format!("/admin/kim/{id}/anggota")).await.body.contains("Ahmad Baru"));
    let actions: Vec<String> = query("SELECT action FROM audit_events WHERE action LIKE 'user.role%' ORDER BY id")
        .scalars(&t.app.db)
        .await
        .unwrap();
    assert_eq!(actions, vec!["user.role_grant", "user.role_revoke"]);
}

#[tokio::test]
async fn editors_and_members_cannot_change_the_registry() {
    let t = TestApp::new().await;
    for role in [Role::Redaksi, Role::Anggota, Role::PetugasOpd, Role::Dpo] {
        let mut c = t.login_as(role).await;
        let before = t.count("kim_groups").await;
        let bulakan = region(&t, "Bulakan").await;
        let r = c
            .post_form("/admin/kim/baru", &[("name", "KIM Liar"), ("level", "kelurahan"), ("region_id", &bulakan)])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(t.count("kim_groups").await, before);
    }
}

#[tokio::test]
async fn a_group_is_deleted_only_when_confirmed_and_empty() {
    let t = TestApp::new().await;
    let (id, slug) = t.kim("KIM Dihapus").await;
    let member = t.user(Role::Anggota, Some(id), None).await;
    let mut admin = t.login_as(Role::Admin).await;
    let unconfirmed = admin.post_form(&format!("/admin/kim/{id}/hapus"), &[]).await;
    assert_eq!(
        (unconfirmed.status, unconfirmed.location()),
        (StatusCode::SEE_OTHER, format!("/admin/kim/{id}/ubah").as_str())
    );
    let edit_page = admin.get(unconfirmed.location()).await;
    assert!(edit_page.body.contains("Centang konfirmasi"), "the reason is shown on the page it came from");
    assert!(!admin.get(unconfirmed.location()).await.body.contains("Centang konfirmasi"), "shown once");
    let with_members = admin.post_form(&format!("/admin/kim/{id}/hapus"), &[("confirm", "ya")]).await;
    assert!(admin.get(with_members.location()).await.body.contains("masih punya anggota"));
    assert_eq!(t.count("kim_groups").await, 1, "nothing deleted");
    let grant: i64 = query("SELECT r.id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = $1")
        .bind(member.as_str())
        .scalar(&t.app.db)
        .await
        .unwrap();
    admin.post_form(&format!("/admin/kim/{id}/anggota/{grant}/hapus"), &[]).await;
    let ok = admin.post_form(&format!("/admin/kim/{id}/hapus"), &[("confirm", "ya")]).await;
    assert_eq!(ok.location(), "/admin/kim");
    assert!(admin.get("/admin/kim").await.body.contains("Data sudah dihapus."));
    assert_eq!(t.client().get(&format!("/kim/{slug}")).await.status, StatusCode::NOT_FOUND);
    let before: String =
        query("SELECT before_json FROM audit_events WHERE action = 'kim.delete'").scalar(&t.app.db).await.unwrap();
    assert!(before.contains("KIM Dihapus"));
}

#[tokio::test]
async fn the_directory_filter_form_works_as_rendered() {
    let t = TestApp::new().await;
    t.kim("KIM Saring").await;
    let mut c = t.client();
    let r = c.get("/kim?q=&kecamatan=").await;
    assert_eq!(r.status, StatusCode::OK, "the \"all\" option sends an empty value");
    assert!(r.body.contains("KIM Saring"));
    let r = c.get("/kim?q=saring&kecamatan=&hal=").await;
    assert!(r.body.contains("KIM Saring"));
    let r = c.get("/kim?q=100%25_").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("KIM Saring"), "% and _ are matched literally");
    assert_eq!(c.get("/api/v1/kim?kecamatan=&page=").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_directory_orders_and_finds_names_alike_on_both_engines() {
    let t = TestApp::new().await;
    for name in ["kim zebra", "KIM Ábdi Praja", "KIM bakti", "KIM Nur'aini"] {
        t.kim(name).await;
    }
    let list = t.client().get("/api/v1/kim").await.json();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|k| k["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["KIM Ábdi Praja", "KIM bakti", "KIM Nur'aini", "kim zebra"]);
    let found = t.client().get("/api/v1/kim?q=ABDI").await.json();
    assert_eq!(found[0]["name"], "KIM Ábdi Praja", "accents and case do not matter");
    assert_eq!(t.client().get("/api/v1/kim?q=nuraini").await.json()[0]["name"], "KIM Nur'aini");
}
