//! Regions: CSV import (all or nothing, idempotent) and the API.

use axum::http::StatusCode;
use simpul::{
    domain::access::{Actor, Role},
    features::regions as service,
    infra::db::query,
};

use crate::support::TestApp;

#[tokio::test]
async fn cilegon_imports_once_and_again_changes_nothing() {
    let t = TestApp::empty().await;
    let first = service::import_csv(&t.app, &Actor::cli(), service::CILEGON_CSV).await.map_err(|_| ()).unwrap();
    assert_eq!(first.created, 1 + 8 + 43);
    let second = service::import_csv(&t.app, &Actor::cli(), service::CILEGON_CSV).await.map_err(|_| ()).unwrap();
    assert_eq!(second.created, 0);
    assert_eq!(t.count("regions").await, 52);
}

#[tokio::test]
async fn a_bad_row_reports_its_line_and_imports_nothing() {
    let t = TestApp::empty().await;
    let csv = b"kota,kecamatan,kelurahan\nKota Serang,Taktakan,Cibendung\nKota Serang,,Drangong\n";
    match service::import_csv(&t.app, &Actor::cli(), csv).await {
        Err(service::ImportError::Rows(errs)) => assert_eq!(errs[0].line, 3),
        _ => panic!("expected row errors"),
    }
    assert_eq!(t.count("regions").await, 0);
}

#[tokio::test]
async fn the_api_lists_regions_by_level_and_parent() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let kec = c.get("/api/v1/regions?level=kecamatan").await.json();
    assert_eq!(kec.as_array().unwrap().len(), 8);
    let cibeber = kec.as_array().unwrap().iter().find(|r| r["name"] == "Cibeber").unwrap()["id"].as_i64().unwrap();
    let kel = c.get(&format!("/api/v1/regions?parent_id={cibeber}")).await.json();
    assert_eq!(kel.as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn admin_enters_official_codes_that_must_fit_the_tree() {
    let t = TestApp::new().await;
    let id = |name: &'static str, level: &'static str| {
        let db = t.app.db.clone();
        async move {
            query("SELECT id FROM regions WHERE name = $1 AND level = $2")
                .bind(name)
                .bind(level)
                .scalar::<i64>(&db)
                .await
                .unwrap()
        }
    };
    let (kota, cibeber, bulakan) =
        (id("Kota Cilegon", "kota").await, id("Cibeber", "kecamatan").await, id("Bulakan", "kelurahan").await);
    let mut admin = t.login_as(Role::Admin).await;
    let page = admin.get("/admin/wilayah").await;
    assert!(page.body.contains("Kecamatan Cibeber") && page.body.contains("Kelurahan Bulakan"));
    assert!(page.body.find("Kecamatan Cibeber").unwrap() < page.body.find("Kelurahan Bulakan").unwrap(), "tree order");
    assert_eq!(
        admin.post_form(&format!("/admin/wilayah/{kota}/kode"), &[("code", "36.72")]).await.status,
        StatusCode::SEE_OTHER
    );
    let wrong = admin.post_form(&format!("/admin/wilayah/{cibeber}/kode"), &[("code", "36.73.01")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("36.73.01") && wrong.body.contains("diawali kode wilayah induknya"));
    assert_eq!(
        admin.post_form(&format!("/admin/wilayah/{cibeber}/kode"), &[("code", "36.72.01")]).await.status,
        StatusCode::SEE_OTHER
    );
    let shape = admin.post_form(&format!("/admin/wilayah/{bulakan}/kode"), &[("code", "1001")]).await;
    assert!(shape.body.contains("00.00.00.0000"));
    admin.post_form(&format!("/admin/wilayah/{bulakan}/kode"), &[("code", "36.72.01.1001")]).await;
    let api = t.client().get(&format!("/api/v1/regions?parent_id={cibeber}")).await.json();
    let row = api.as_array().unwrap().iter().find(|r| r["name"] == "Bulakan").unwrap().clone();
    assert_eq!(row["code"], "36.72.01.1001");
    let audits: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'region.code'").scalar(&t.app.db).await.unwrap();
    assert_eq!(audits, 3);
}
