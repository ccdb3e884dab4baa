//! Uploading images: re-encoded without EXIF/GPS, stored in widths, served with long caching.

use std::io::Cursor;

use axum::http::{Method, StatusCode};
use simpul::{domain::access::Role, infra::db::query};

use crate::support::{Client, TestApp};

/// A JPEG carrying an EXIF GPS block.
pub fn photo_with_gps(w: u32, h: u32) -> Vec<u8> {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    }));
    let mut plain = Vec::new();
    img.write_to(&mut Cursor::new(&mut plain), image::ImageFormat::Jpeg).unwrap();
    let exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a\0\0\0\0GPS-LAT-6.0173-CILEGON";
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(exif);
    out.extend_from_slice(&plain[2..]);
    out
}

pub async fn upload(c: &mut Client, file: &[u8], alt: &str) -> crate::support::Resp {
    let token = c.csrf_token().await;
    let boundary = "----simpulboundary";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n").into_bytes();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n{alt}\r\n").as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG_Siti_rumah.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    c.send(Method::POST, "/akun/media", Some(&format!("multipart/form-data; boundary={boundary}")), body.into()).await
}

#[tokio::test]
async fn an_uploaded_photo_loses_its_gps_and_is_served_in_widths() {
    let t = TestApp::new().await;
    let mut member = t.login_as(Role::Anggota).await;
    let r = upload(&mut member, &photo_with_gps(1000, 600), "Warga kerja bakti").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = member.get("/akun/media").await;
    assert!(page.body.contains("Foto diunggah") && page.body.contains("Warga kerja bakti"));
    assert!(!page.body.contains("IMG_Siti_rumah"), "the original file name is not kept");
    let key: String = query("SELECT key FROM media").scalar(&t.app.db).await.unwrap();
    let widths: String = query("SELECT widths FROM media").scalar(&t.app.db).await.unwrap();
    assert_eq!(widths, "360,720,1000");
    assert!(page.body.contains(&format!("![Warga kerja bakti](/media/{key}-720.jpg)")));
    let mut anyone = t.client();
    for variant in ["360", "720", "1000", "share"] {
        let f = anyone.send(Method::GET, &format!("/media/{key}-{variant}.jpg"), None, axum::body::Body::empty()).await;
        assert_eq!(f.status, StatusCode::OK, "{variant}");
        assert_eq!(f.headers["content-type"], "image/jpeg");
        assert!(f.headers["cache-control"].to_str().unwrap().contains("immutable"));
    }
    let stored = t.app.storage.get(&format!("{key}-720.jpg")).await.unwrap().unwrap();
    assert!(!stored.windows(4).any(|w| w == b"Exif") && !stored.windows(7).any(|w| w == b"CILEGON"));
    let audited: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'media.upload'").scalar(&t.app.db).await.unwrap();
    assert_eq!(audited, 1);
    assert_eq!(anyone.get("/media/..%2F..%2Fsimpul.db").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn files_that_are_not_photos_are_refused_with_the_form_kept() {
    let t = TestApp::new().await;
    let mut member = t.login_as(Role::Redaksi).await;
    let r = upload(&mut member, b"%PDF-1.7 pretending to be a photo", "Dokumen").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("bukan gambar JPEG, PNG, atau WebP") && r.body.contains("Dokumen"));
    let r = upload(&mut member, &photo_with_gps(100, 100), "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.count("media").await, 0);
    let wrong_kind = member.post_form("/akun/media", &[("alt", "x")]).await;
    assert_eq!(wrong_kind.status, StatusCode::BAD_REQUEST, "not a multipart form");
}

#[tokio::test]
async fn uploads_over_the_size_limit_are_refused() {
    let t = TestApp::with_config(|c| c.max_upload_bytes = 2_000).await;
    let mut admin = t.login_as(Role::Admin).await;
    let r = upload(&mut admin, &photo_with_gps(400, 400), "Besar").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("terlalu besar"));
    assert_eq!(t.count("media").await, 0);
}

#[tokio::test]
async fn an_upload_form_carries_its_token_in_the_body_never_in_the_address() {
    let t = TestApp::new().await;
    let mut member = t.login_as(Role::Anggota).await;
    let page = member.get("/akun/media").await;
    assert!(!page.body.contains("?_csrf="), "the form's address carries no token");
    let token = member.csrf_token().await;
    let photo = photo_with_gps(320, 240);
    let part =
        |name: &str, value: &str| format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
    let file = |data: &[u8]| {
        let mut v = b"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
        v.extend_from_slice(data);
        v.extend_from_slice(b"\r\n--B--\r\n");
        v
    };
    let ct = "multipart/form-data; boundary=B";
    let before = t.count("media").await;
    // In the address only: refused, nothing stored.
    let mut body = part("alt", "Balai").into_bytes();
    body.extend(file(&photo));
    let r = member.send(Method::POST, &format!("/akun/media?_csrf={token}"), Some(ct), body.into()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Anywhere but first in the body: refused too (only the first part is read before the check).
    let mut body = part("alt", "Balai").into_bytes();
    body.extend(part("_csrf", &token).into_bytes());
    body.extend(file(&photo));
    assert_eq!(member.send(Method::POST, "/akun/media", Some(ct), body.into()).await.status, StatusCode::BAD_REQUEST);
    // A wrong token first: refused.
    let mut body = part("_csrf", "salah").into_bytes();
    body.extend(file(&photo));
    assert_eq!(member.send(Method::POST, "/akun/media", Some(ct), body.into()).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(t.count("media").await, before);
    // First field, as the page's form sends it: stored.
    let mut body = part("_csrf", &token).into_bytes();
    body.extend(part("alt", "Balai").into_bytes());
    body.extend(file(&photo));
    assert_eq!(member.send(Method::POST, "/akun/media", Some(ct), body.into()).await.status, StatusCode::SEE_OTHER);
    assert_eq!(t.count("media").await, before + 1);
}
