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

    // Three responses: the public sees the count, not the scores (they would be those people's
    // answers); a machine client and the staff see everything.
    let public = t.client().get(&format!("/api/v1/skm/ikm?unit={slug}")).await.json();
    assert_eq!((public["responses"].as_i64(), public["withheld"].as_bool()), (Some(3), Some(true)));
    assert!(public["ikm"].is_null() && public["nrr"].as_array().unwrap().is_empty());
    let reader = t.token("read").await;
    // 90 points over 27 answers: IKM 83.33, B.
    let ikm = t
        .client()
        .with_header("authorization", &format!("Bearer {reader}"))
        .get(&format!("/api/v1/skm/ikm?unit={slug}"))
        .await
        .json();
    assert_eq!(ikm["responses"], 3);
    assert_eq!(ikm["ikm"], 83.33);
    assert_eq!(ikm["grade"], "B");
    assert_eq!(ikm["label"], "Baik");
    assert!((ikm["nrr"][0].as_f64().unwrap() - 11.0 / 3.0).abs() < 1e-9);

    let results = t.client().get(&format!("/skm/{slug}/hasil")).await;
    assert!(!results.body.contains("IKM 83,33") && results.body.contains("kurang dari 10"), "{}", results.body);
    assert!(!results.body.contains("Perempuan"), "no profile of three people");
    // Suggestions are for staff only: people write names and numbers in them.
    assert!(!results.body.contains("Ruang tunggu panas"));
    let mut admin = t.login_as(Role::Admin).await;
    let staff = admin.get(&format!("/skm/{slug}/hasil")).await;
    assert!(staff.body.contains("IKM 83,33") && staff.body.contains("Baik"), "{}", staff.body);
    assert!(staff.body.contains("Perempuan") && staff.body.contains("31–40 tahun"));
    assert!(staff.body.contains("Ruang tunggu panas"));
    // Ten responses: now the public sees the scores, over whole months, but not a profile
    // answer fewer than five people gave.
    for _ in 0..7 {
        post_answers(&mut citizen, &slug, [3; 9], &[]).await;
    }
    let today = t.app.clock.now().date_in(t.app.zone()).to_string();
    let results = t.client().get(&format!("/skm/{slug}/hasil?dari={today}&sampai={today}")).await;
    assert!(results.body.contains("IKM") && !results.body.contains("kurang dari 10"), "{}", results.body);
    assert!(!results.body.contains("Perempuan"));
    let public = t.client().get(&format!("/api/v1/skm/ikm?unit={slug}&from={today}&to={today}")).await.json();
    assert_eq!(public["withheld"], false);
    assert!(public["from"].as_str().unwrap().ends_with("-01"), "widened to the month: {public}");
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
    let ikm = t
        .client()
        .with_header("authorization", &format!("Bearer {read}"))
        .get(&format!("/api/v1/skm/ikm?unit={slug}&from=2000-01-01"))
        .await
        .json();
    assert_eq!((ikm["ikm"].as_f64(), ikm["grade"].as_str()), (Some(100.0), Some("A")));
    // A staff member's personal token is not a counter's app: it may not fill in surveys.
    let personal = t.personal_token(Role::Redaksi, None, "write").await;
    let mut staff_api = t.client().with_header("authorization", &format!("Bearer {personal}"));
    let body = json!({"unit": slug, "answers": [4, 4, 4, 4, 4, 4, 4, 4, 4]}).to_string();
    assert!(staff_api.post_raw("/api/v1/skm/responses", "application/json", body).await.is_denied());
    assert_eq!(t.count("skm_responses").await, 1);
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

/// Registers a kiosk for the unit at `slug` through the admin page; returns the setup path.
async fn register_kiosk(t: &TestApp, admin: &mut Client, slug: &str, alert: &str) -> String {
    let unit: i64 = simpul::infra::db::query("SELECT id FROM skm_units WHERE slug = $1")
        .bind(slug)
        .scalar(&t.app.db)
        .await
        .unwrap();
    let r = admin
        .post_form("/admin/skm/kios", &[("name", "Loket 1"), ("unit_id", &unit.to_string()), ("alert_minutes", alert)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let at = r.body.find("/kios/pasang/").expect("the setup link is shown once");
    let end = r.body[at..].find('<').unwrap();
    r.body[at..at + end].to_owned()
}

#[tokio::test]
async fn a_registered_kiosk_sends_each_response_once_and_is_flagged_when_silent() {
    let t = TestApp::new().await;
    t.opd("Dinas Penanaman Modal dan PTSP").await;
    let slug = t.client().get("/api/v1/skm/units").await.json()[0]["slug"].as_str().unwrap().to_owned();
    let mut admin = t.login_as(Role::Admin).await;
    let setup = register_kiosk(&t, &mut admin, &slug, "10").await;

    // An unregistered device gets the explanation, and may not send.
    let mut stranger = t.client();
    let page = stranger.get(&format!("/skm/{slug}/kios")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("belum didaftarkan"));
    let mut fields = answers([4; 9]);
    fields.push(("client_key".into(), "kunci-uji-0001".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert!(stranger.post_form(&format!("/skm/{slug}/kios"), &refs).await.is_denied());

    // The tablet opens the setup link once and is the kiosk from then on.
    let mut tablet = t.client();
    let installed = tablet.get(&setup).await;
    assert_eq!(installed.status, StatusCode::SEE_OTHER);
    assert_eq!(installed.location(), format!("/skm/{slug}/kios"));
    assert!(tablet.has_cookie("simpul_kiosk"));
    // The link is spent: from a browser's history it sets up nothing.
    assert_eq!(t.client().get(&setup).await.status, StatusCode::NOT_FOUND);
    let kiosk_page = tablet.get(&format!("/skm/{slug}/kios")).await;
    assert_eq!(kiosk_page.status, StatusCode::OK);
    assert!(kiosk_page.body.contains("kiosk-form") && kiosk_page.body.contains("/static/kiosk."));
    // A queued response sent twice (the answer to the first was lost) is stored once.
    let first =
        tablet.clone_with_header("accept", "application/json").post_form(&format!("/skm/{slug}/kios"), &refs).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again =
        tablet.clone_with_header("accept", "application/json").post_form(&format!("/skm/{slug}/kios"), &refs).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["stored"], false);
    assert_eq!(t.count("skm_responses").await, 1);
    let source: String = simpul::infra::db::query("SELECT source FROM skm_responses").scalar(&t.app.db).await.unwrap();
    assert_eq!(source, "kiosk");
    // Without JavaScript: back to a fresh kiosk page with thanks.
    let mut fields2 = answers([3; 9]);
    fields2.push(("client_key".into(), "kunci-uji-0002".into()));
    let refs2: Vec<(&str, &str)> = fields2.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let plain = tablet.post_form(&format!("/skm/{slug}/kios"), &refs2).await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(t.count("skm_responses").await, 2);

    // Alive now; silent after more than its ten minutes, in the list and in the task list.
    let list = admin.get("/admin/skm/kios").await;
    assert!(list.body.contains("Loket 1") && list.body.contains("Aktif"), "{}", list.body);
    t.advance_minutes(11);
    let list = admin.get("/admin/skm/kios").await;
    assert!(list.body.contains("Senyap lebih dari 10 menit"), "{}", list.body);
    assert!(admin.get("/tugas").await.body.contains("Kios survei yang senyap"));
    // A heartbeat brings it back.
    assert_eq!(tablet.post_form("/kios/detak", &[]).await.status, StatusCode::NO_CONTENT);
    assert!(admin.get("/admin/skm/kios").await.body.contains("Aktif"));
    assert!(!admin.get("/tugas").await.body.contains("Kios survei yang senyap"));

    // Revoked, the device can send nothing more.
    let id: i64 = simpul::infra::db::query("SELECT id FROM skm_kiosks").scalar(&t.app.db).await.unwrap();
    let revoke = admin.post_form(&format!("/admin/skm/kios/{id}/cabut"), &[]).await;
    assert_eq!(revoke.status, StatusCode::SEE_OTHER);
    assert!(tablet.post_form(&format!("/skm/{slug}/kios"), &refs2).await.is_denied());
    assert!(tablet.post_form("/kios/detak", &[]).await.is_denied());
    assert_eq!(t.count("skm_responses").await, 2);
}

#[tokio::test]
async fn a_kiosk_answers_only_for_its_own_unit_and_only_admins_register_kiosks() {
    let t = TestApp::new().await;
    t.opd("Dinas Perhubungan").await;
    t.opd("Dinas Pendidikan").await;
    let units = t.client().get("/api/v1/skm/units").await.json();
    let (a, b) = (units[0]["slug"].as_str().unwrap().to_owned(), units[1]["slug"].as_str().unwrap().to_owned());
    let mut admin = t.login_as(Role::Admin).await;
    let setup = register_kiosk(&t, &mut admin, &a, "").await;
    let mut tablet = t.client();
    tablet.get(&setup).await;
    let mut fields = answers([2; 9]);
    fields.push(("client_key".into(), "kunci-uji-0003".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert!(tablet.post_form(&format!("/skm/{b}/kios"), &refs).await.is_denied());
    assert_eq!(tablet.get(&format!("/skm/{b}/kios")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(t.count("skm_responses").await, 0);
    let bad = admin.post_form("/admin/skm/kios", &[("name", ""), ("unit_id", "x"), ("alert_minutes", "1")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for role in [Role::Redaksi, Role::PetugasOpd, Role::Anggota] {
        let mut c = t.login_as(role).await;
        assert!(c.get("/admin/skm/kios").await.is_denied(), "{role:?}");
        assert!(c.post_form("/admin/skm/kios", &[("name", "Loket 9"), ("unit_id", "1")]).await.is_denied(), "{role:?}");
    }
    assert_eq!(t.count("skm_kiosks").await, 1);
    // A setup link that is not a kiosk's is simply not found.
    assert_eq!(
        t.client().get("/kios/pasang/bukan-kunci-yang-benar-sama-sekali-000").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_unit_report_opens_in_an_independent_xlsx_reader() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let t = TestApp::new().await;
    t.opd("Dinas Pekerjaan Umum").await;
    let slug = t.client().get("/api/v1/skm/units").await.json()[0]["slug"].as_str().unwrap().to_owned();
    let mut citizen = t.client();
    post_answers(&mut citizen, &slug, [4, 3, 3, 4, 3, 3, 4, 2, 3], &[("sex", "L")]).await;
    post_answers(&mut citizen, &slug, [3, 3, 4, 4, 3, 3, 3, 3, 3], &[("suggestion", "Perbanyak loket")]).await;
    post_answers(&mut citizen, &slug, [4, 4, 3, 4, 4, 3, 4, 3, 3], &[]).await;

    assert!(t.client().get(&format!("/skm/{slug}/laporan.xlsx")).await.is_denied());
    let mut admin = t.login_as(Role::Admin).await;
    let r = admin.get(&format!("/skm/{slug}/laporan.xlsx?dari=2000-01-01")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml"));
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(r.bytes.clone())).expect("a valid XLSX file");
    assert_eq!(book.sheet_names(), vec!["Ringkasan", "NRR per unsur", "Profil responden", "Saran"]);
    let summary = book.worksheet_range("Ringkasan").unwrap();
    assert_eq!(summary.get_value((0, 0)), Some(&Data::String("Keterangan".into())));
    let value = |label: &str| {
        (0..summary.height()).find_map(|r| {
            (summary.get_value((r as u32, 0)) == Some(&Data::String(label.into())))
                .then(|| summary.get_value((r as u32, 1)).cloned())
        })
    };
    assert_eq!(value("Responden"), Some(Some(Data::Float(3.0))));
    assert_eq!(value("IKM"), Some(Some(Data::Float(83.33))));
    assert_eq!(value("Mutu pelayanan"), Some(Some(Data::String("B".into()))));
    assert!(matches!(value("Dari"), Some(Some(Data::DateTime(_)))), "dates are date cells");
    let nrr = book.worksheet_range("NRR per unsur").unwrap();
    assert_eq!(nrr.height(), 10);
    assert_eq!(nrr.get_value((1, 2)), Some(&Data::Float(11.0 / 3.0)));
    let saran = book.worksheet_range("Saran").unwrap();
    assert_eq!(saran.get_value((1, 1)), Some(&Data::String("Perbanyak loket".into())));
}

#[tokio::test]
async fn a_web_form_sent_twice_counts_once() {
    let t = TestApp::new().await;
    t.opd("Dinas Sosial").await;
    let slug = t.client().get("/api/v1/skm/units").await.json()[0]["slug"].as_str().unwrap().to_owned();
    let mut citizen = t.client();
    let form = citizen.get(&format!("/skm/{slug}")).await;
    let at = form.body.find(r#"name="client_key" value=""#).expect("the form carries its own key") + 25;
    let key = form.body[at..at + form.body[at..].find('"').unwrap()].to_owned();
    for _ in 0..2 {
        let r = post_answers(&mut citizen, &slug, [3; 9], &[("client_key", &key)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(t.count("skm_responses").await, 1);
    // Another browser's form with the same key is its own response.
    let mut other = t.client();
    other.get(&format!("/skm/{slug}")).await;
    post_answers(&mut other, &slug, [3; 9], &[("client_key", &key)]).await;
    assert_eq!(t.count("skm_responses").await, 2);
}
