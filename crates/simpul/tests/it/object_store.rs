//! Files live in the configured object store: a folder by default, an S3-compatible bucket
//! when `--object-store s3://…` is given. CI runs the whole suite against a local S3 server
//! (moto); this test also proves a second node reading the same store serves what the first
//! stored.

use axum::http::StatusCode;
use simpul::{domain::access::Role, infra::storage::Storage};

use crate::{media::upload, support::TestApp};

#[tokio::test]
async fn a_photo_stored_by_one_node_is_read_from_the_shared_store() {
    // Against the S3 server when the suite runs with one; otherwise a folder named by URL.
    let folder = tempfile::tempdir().unwrap();
    let location = std::env::var("SIMPUL_TEST_S3_URL")
        .map(|b| format!("{}/shared-{}", b.trim_end_matches('/'), simpul::infra::crypto::random_token(6)))
        .unwrap_or_else(|_| format!("file://{}", folder.path().display()));
    let shared = location.clone();
    let t = TestApp::with_config(move |c| c.object_store = Some(shared)).await;
    t.load_regions().await;
    let mut writer = t.login_as(Role::Anggota).await;
    let r = upload(&mut writer, &crate::media::photo_with_gps(800, 600), "Balai warga").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let key: String = simpul::infra::db::query("SELECT key FROM media").scalar(&t.app.db).await.unwrap();

    // Another node: its own process state, the same store.
    let other = Storage::open(&location).unwrap();
    let copy = other.get(&format!("{key}-360.jpg")).await.unwrap().expect("the 360 px copy is in the shared store");
    assert_eq!(&copy[..2], &[0xFF, 0xD8]);
    assert!(other.get(&format!("{key}-share.jpg")).await.unwrap().is_some(), "and the share image");
    // The page serves it from there.
    let served = t.client().get(&format!("/media/{key}-360.jpg")).await;
    assert_eq!(served.status, StatusCode::OK);
    // Nothing was written to the data folder's media directory.
    assert!(!t.dir.path().join("media").join(format!("{key}-360.jpg")).exists());
}
