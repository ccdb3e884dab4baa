//! The public-satisfaction survey (SKM): units, the questionnaire on the web and through the
//! API, and the index.

use axum::http::StatusCode;
use serde_json::json;
use simpul::domain::access::Role;

use crate::support::{Client, TestApp};

fn answers(a: [u8; 9]) -> Vec<(String, String)> {
    a.iter().enumerate().map(|(i, v)| (format!("u{}", i + 1), v.to_string())).collect()
}

async fn post_answers(c: &mut Client, slug: &str, a: [u8; 9], extra: &[(&str, &str)]) -> crate::support::Resp {
    let mut fields: Vec<(String, String)> = answers(a);
    fields.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.post_form(&format!("/skm/{slug}"), &refs).await
}

#[tokio::test]
async fn every_opd_is_a_unit_and_a_citizen_answers_the_questionnaire() {
    let t = TestApp::new().await;
    t.opd("Dinas Kependudukan dan Pencatatan Sipil").await;
    let list = t.client().get("/skm").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Dinas Kependudukan dan Pencatatan Sipil"), "{}", list.body);
    let units = t.client().get("/api/v1/skm/units").await.json();
    let slug = units[0]["slug"].as_str().unwrap().to_owned();
    assert_eq!(units[0]["opd"], true);

    let mut citizen = t.client();
    let form = citizen.get(&format!("/skm/{slug}")).await;
    assert!(form.body.contains("kesesuaian persyaratan pelayanan") && form.body.contains("Sangat sopan dan ramah"));
    // A missing answer: refused, what was chosen kept, nothing stored.
    let mut fields = answers([4, 3, 3, 4, 3, 3, 4, 2, 3]);
    fields.retain(|(k, _)| k != "u5");
    fields.push(("suggestion".into(), "Antrean terlalu panjang".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let bad = citizen.post_form(&format!("/skm/{slug}"), &refs).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Pilih salah satu jawaban") && bad.body.contains("Antrean terlalu panjang"));
    assert!(bad.body.contains(r#"name="u1" value="4" checked"#), "the chosen answers are kept");
    assert_eq!(t.count("skm_responses").await, 0);

    let ok =
        post_answers(&mut citizen, &slug, [4, 3, 3, 4, 3, 3, 4, 2, 3], &[("sex", "P"), ("age_band", "31-40")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), format!("/skm/{slug}/terima-kasih"));
    post_answers(&mut citizen, &slug, [3, 3, 4, 4, 3, 3, 3, 3, 3], &[]).await;
    post_answers(
        &mut citizen,
        &slug,
        [4, 4, 3, 4, 4, 3, 4, 3, 3],
        &[("suggestion", "Ruang tunggu panas, Pak Budi 0812345")],
    )
    .await;

    // 90 points over 27 answers: IKM 83.33, B.
    let ikm = t.client().get(&format!("/api/v1/skm/ikm?unit={slug}")).await.json();
    assert_eq!(ikm["responses"], 3);
    assert_eq!(ikm["ikm"], 83.33);
    assert_eq!(ikm["grade"], "B");
    assert_eq!(ikm["label"], "Baik");
    assert!((ikm["nrr"][0].as_f64().unwrap() - 11.0 / 3.0).abs() < 1e-9);

    let results = t.client().get(&format!("/skm/{slug}/hasil")).await;
    assert!(results.body.contains("IKM 83,33") && results.body.contains("Baik"), "{}", results.body);
    assert!(results.body.contains("Perempuan") && results.body.contains("31–40 tahun"));
    // Suggestions are for staff only: people write names and numbers in them.
    assert!(!results.body.contains("Ruang tunggu panas"));
    let mut admin = t.login_as(Role::Admin).await;
    assert!(admin.get(&format!("/skm/{slug}/hasil")).await.body.contains("Ruang tunggu panas"));
    // The trail records the unit, never the answers or who gave them.
    let trail: String = simpul::infra::db::query(
        "SELECT COALESCE(after_json, '') FROM audit_events WHERE action = 'skm.respond' LIMIT 1",
    )
    .scalar(&t.app.db)
    .await
    .unwrap();
    assert!(trail.contains(&slug) && !trail.contains("Ruang"));
}

#[tokio::test]
async fn the_api_takes_nine_answers_from_one_to_four_once_per_client_key() {
    let t = TestApp::new().await;
    t.opd("Dinas Kesehatan").await;
    let slug = t.client().get("/api/v1/skm/units").await.json()[0]["slug"].as_str().unwrap().to_owned();
    let write = t.token("write").await;
    let read = t.token("read").await;
    let mut api = t.client().with_header("authorization", &format!("Bearer {write}"));
    let send = |body: serde_json::Value| body.to_string();

    for (body, field) in [
        (json!({"unit": slug, "answers": [4, 3, 3, 4, 3, 3, 4, 2]}), "answers"),
        (json!({"unit": slug, "answers": [4, 3, 3, 4, 3, 3, 4, 2, 5]}), "answers"),
        (json!({"unit": slug, "answers": [4, 3, 3, 4, 3, 3, 4, 2, 0]}), "answers"),
        (json!({"unit": slug, "answers": [4, 3, 3, 4, 3, 3, 4, 2, 3], "respondent": {"sex": "X"}}), "sex"),
    ] {
        let r = api.post_raw("/api/v1/skm/responses", "application/json", send(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(field), "{}", r.body);
    }
    let wrong_type = json!({"unit": slug, "answers": ["4", 3, 3, 4, 3, 3, 4, 2, 3]});
    let r = api.post_raw("/api/v1/skm/responses", "application/json", send(wrong_type)).await;
    assert!(r.status.is_client_error());
    let unknown = json!({"unit": "tidak-ada", "answers": [4, 3, 3, 4, 3, 3, 4, 2, 3]});
    assert_eq!(
        api.post_raw("/api/v1/skm/responses", "application/json", send(unknown)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(t.count("skm_responses").await, 0);

    let good = json!({"unit": slug, "answers": [4, 4, 4, 4, 4, 4, 4, 4, 4], "client_key": "kios-1-0001",
        "respondent": {"age_band": "u20", "education": "sma"}, "suggestion": "Mantap"});
    let first = api.post_raw("/api/v1/skm/responses", "application/json", send(good.clone())).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = api.post_raw("/api/v1/skm/responses", "application/json", send(good)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["duplicate"], true);
    assert_eq!(t.count("skm_responses").await, 1);

    // A read token and no token may not send responses.
    let mut reader = t.client().with_header("authorization", &format!("Bearer {read}"));
    let body = json!({"unit": slug, "answers": [1, 1, 1, 1, 1, 1, 1, 1, 1]}).to_string();
    assert!(reader.post_raw("/api/v1/skm/responses", "application/json", body.clone()).await.is_denied());
    assert!(t.client().post_raw("/api/v1/skm/responses", "application/json", body).await.is_denied());
    let ikm = t.client().get(&format!("/api/v1/skm/ikm?unit={slug}&from=2000-01-01")).await.json();
    assert_eq!((ikm["ikm"].as_f64(), ikm["grade"].as_str()), (Some(100.0), Some("A")));
    let bad_dates = t.client().get(&format!("/api/v1/skm/ikm?unit={slug}&from=2026-12-31&to=2026-01-01")).await;
    assert_eq!(bad_dates.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn admins_add_service_points_set_populations_and_wording() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let r = admin
        .post_form("/admin/skm/baru", &[("name", "Kantor Kelurahan Ciwaduk"), ("population", "100"), ("active", "ya")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = admin.get("/admin/skm").await;
    assert!(list.body.contains("Kantor Kelurahan Ciwaduk"));
    let id: i64 = simpul::infra::db::query("SELECT id FROM skm_units WHERE slug = 'kantor-kelurahan-ciwaduk'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    let edit = admin
        .post_form(
            &format!("/admin/skm/{id}/ubah"),
            &[
                ("name", "Kantor Kelurahan Ciwaduk"),
                ("population", "100"),
                ("active", "ya"),
                ("w4_4", "Tidak dipungut biaya"),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER, "{}", edit.body);
    let mut citizen = t.client();
    let form = citizen.get("/skm/kantor-kelurahan-ciwaduk").await;
    assert!(form.body.contains("Tidak dipungut biaya"));
    post_answers(&mut citizen, "kantor-kelurahan-ciwaduk", [3; 9], &[]).await;
    // 100 service users need 80 respondents: one is far too few, and the page says so.
    let results = citizen.get("/skm/kantor-kelurahan-ciwaduk/hasil").await;
    assert!(results.body.contains("80 responden") && results.body.contains("belum mencapai sampel minimal"));
    let ikm = t.client().get("/api/v1/skm/ikm?unit=kantor-kelurahan-ciwaduk").await.json();
    assert_eq!((ikm["minimum_sample"].as_i64(), ikm["enough"].as_bool()), (Some(80), Some(false)));

    // Bad input changes nothing and keeps what was typed.
    let bad = admin.post_form(&format!("/admin/skm/{id}/ubah"), &[("name", "Kantor"), ("population", "banyak")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("banyak"));
    // Taken off the public list, the form is gone.
    admin.post_form(&format!("/admin/skm/{id}/ubah"), &[("name", "Kantor Kelurahan Ciwaduk")]).await;
    assert_eq!(t.client().get("/skm/kantor-kelurahan-ciwaduk").await.status, StatusCode::NOT_FOUND);

    // Only admins keep units.
    for role in [Role::Redaksi, Role::PetugasOpd, Role::Anggota] {
        let mut c = t.login_as(role).await;
        assert!(c.get("/admin/skm").await.is_denied(), "{role:?}");
        assert!(c.post_form("/admin/skm/baru", &[("name", "Pos KIM")]).await.is_denied(), "{role:?}");
    }
    assert!(t.client().post_form("/admin/skm/baru", &[("name", "Pos KIM")]).await.is_denied());
    let points: i64 = simpul::infra::db::query("SELECT COUNT(*) FROM skm_units WHERE opd_id IS NULL")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(points, 1);
}

#[tokio::test]
async fn a_renamed_opd_renames_its_unit_and_keeps_its_address() {
    let t = TestApp::new().await;
    let id = t.opd("Dinas Sosial").await;
    let slug = t.client().get("/api/v1/skm/units").await.json()[0]["slug"].as_str().unwrap().to_owned();
    let mut admin = t.login_as(Role::Admin).await;
    admin
        .post_form(
            &format!("/admin/opd/{id}/ubah"),
            &[("name", "Dinas Sosial dan Pemberdayaan"), ("short_name", "Dinsos")],
        )
        .await;
    let units = t.client().get("/api/v1/skm/units").await.json();
    assert_eq!(units[0]["name"], "Dinas Sosial dan Pemberdayaan");
    assert_eq!(units[0]["slug"], slug.as_str());
}
