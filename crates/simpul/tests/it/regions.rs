//! Regions: CSV import (all or nothing, idempotent) and the API.

use simpul::{domain::access::Actor, features::regions::service};

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
