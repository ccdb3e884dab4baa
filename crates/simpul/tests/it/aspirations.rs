//! Aspirations: submitting (with photos), the private follow-up link, the workflow for every
//! role, working-day deadlines by the test clock, privacy on every output, bad input.

use axum::http::{Method, StatusCode};
use simpul::{
    domain::{access::Role, opd::OpdForm},
    features::{aspirations, opd},
    infra::db::query,
};

use crate::{
    media::photo_with_gps,
    support::{Client, Resp, TestApp},
};

pub const NAME: &str = "Siti Rahmawati";
const PHONE: &str = "081234567890";
const EMAIL: &str = "siti.pelapor@example.id";

/// A multipart body: text fields, then files as (name, bytes).
fn multipart(fields: &[(&str, &str)], files: &[(&str, Vec<u8>)]) -> (String, Vec<u8>) {
    let b = "----simpulaspirasi";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    for (name, data) in files {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

/// The city as the tests need it: an OPD handling roads with its officer, another OPD, the
/// coordinator, and the kelurahan Bulakan.
pub struct City {
    pub road_opd: i64,
    pub category: i64,
    pub kelurahan: i64,
    pub officer: String,
    pub other_officer: String,
    pub coordinator: String,
}

pub async fn city(t: &TestApp) -> City {
    let form = |name: &str, short: &str, cats: &str| OpdForm {
        name: name.into(),
        short_name: short.into(),
        categories: cats.into(),
        ..Default::default()
    };
    let actor = simpul::domain::access::Actor::cli();
    let road_opd =
        opd::create(&t.app, &actor, &form("Dinas Pekerjaan Umum", "DPUPR", "Jalan rusak\nDrainase")).await.unwrap();
    let other_opd = opd::create(&t.app, &actor, &form("Dinas Kesehatan", "Dinkes", "Layanan puskesmas")).await.unwrap();
    let category: i64 =
        query("SELECT id FROM opd_categories WHERE name = 'Jalan rusak'").scalar(&t.app.db).await.unwrap();
    let kelurahan: i64 =
        query("SELECT id FROM regions WHERE level = 'kelurahan' AND name = 'Bulakan'").scalar(&t.app.db).await.unwrap();
    City {
        road_opd,
        category,
        kelurahan,
        officer: t.user(Role::PetugasOpd, None, Some(road_opd)).await,
        other_officer: t.user(Role::PetugasOpd, None, Some(other_opd)).await,
        coordinator: t.user(Role::Admin, None, None).await,
    }
}

pub fn report_fields(c: &City) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "pengaduan".into()),
        ("title", "Jalan berlubang di depan SDN Bulakan 2".into()),
        ("description", "Lubang besar sejak dua minggu, sudah ada pengendara jatuh.".into()),
        ("category_id", c.category.to_string()),
        ("kelurahan_id", c.kelurahan.to_string()),
        ("address", "Jl. Raya Bulakan".into()),
        ("lat", "-6.0123".into()),
        ("lon", "106.0456".into()),
        ("reporter_name", NAME.into()),
        ("reporter_phone", PHONE.into()),
        ("reporter_email", EMAIL.into()),
    ]
}

pub async fn submit(c: &mut Client, fields: &[(&str, String)], files: &[(&str, Vec<u8>)]) -> Resp {
    let token = c.csrf_token().await;
    // The form's token travels as its first field, as the page's form sends it.
    let mut f: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
    f.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    let (ct, body) = multipart(&f, files);
    c.send(Method::POST, "/aspirasi/baru", Some(&ct), body.into()).await
}

/// Submits a report as a citizen; returns (id, private follow-up path, public code).
pub async fn file_report(t: &TestApp, c: &City, extra: &[(&'static str, &str)]) -> (i64, String, String) {
    let mut citizen = t.client();
    let mut fields = report_fields(c);
    for (k, v) in extra {
        fields.push((k, (*v).to_owned()));
    }
    let r = submit(&mut citizen, &fields, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let track = r.location().split('?').next().unwrap().to_owned();
    let id: i64 = query("SELECT MAX(id) FROM aspirations").scalar(&t.app.db).await.unwrap();
    let year: i64 = query("SELECT year FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    (id, track, format!("ASP-{year}-{id:06}"))
}

pub async fn step(c: &mut Client, id: i64, fields: &[(&str, &str)]) -> Resp {
    c.post_form(&format!("/kelola/aspirasi/{id}/langkah"), fields).await
}

#[tokio::test]
async fn a_citizen_reports_with_a_photo_and_follows_it_privately() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let mut citizen = t.client();
    let pdf = crate::support::pdf("");
    let files = [("IMG_20261128_Siti.jpg", photo_with_gps(900, 600)), ("surat-rt.pdf", pdf)];
    let r = submit(&mut citizen, &report_fields(&c), &files).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().starts_with("/aspirasi/lacak/"), "{}", r.location());
    let page = citizen.get(r.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Laporan Anda diterima dengan nomor ASP-2026-000001"), "{}", page.body);
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert!(page.headers["cache-control"].to_str().unwrap().contains("no-store"));
    // The photo is re-encoded: the GPS block is gone.
    let key: String = query("SELECT storage_key FROM aspiration_attachments WHERE content_type = 'image/jpeg'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    let pdf_hidden: bool = query("SELECT hidden FROM aspiration_attachments WHERE content_type = 'application/pdf'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert!(pdf_hidden, "a PDF keeps its own metadata: not public until the coordinator shows it");
    let bytes = t.app.storage.get(&key).await.unwrap().unwrap();
    assert!(!bytes.windows(7).any(|w| w == b"GPS-LAT") && !bytes.windows(4).any(|w| w == b"Exif"));
    // The reporter gets the private link by e-mail.
    let link = t.link_in_mail(EMAIL, "/aspirasi/lacak/").await;
    assert!(link.ends_with(r.location().split('?').next().unwrap()), "{link}");
    // Not public before the coordinator verified it.
    assert!(!t.client().get("/aspirasi").await.body.contains("Jalan berlubang"));
    assert_eq!(t.client().get("/aspirasi/ASP-2026-000001").await.status, StatusCode::NOT_FOUND);
    // A made-up key finds nothing.
    assert_eq!(t.client().get("/aspirasi/lacak/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await.status, StatusCode::NOT_FOUND);
    // Deadline: filed on Saturday 28 November → 3 working days → Wednesday 2 December.
    let due: i64 = query("SELECT due_at FROM aspirations").scalar(&t.app.db).await.unwrap();
    assert_eq!(simpul::domain::time::Timestamp(due).format_in(t.app.zone()), "2026-12-02 23:59 WIB");
}

#[tokio::test]
async fn the_whole_workflow_with_a_dispute_a_second_answer_and_a_rating() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (id, track, code) = file_report(&t, &c, &[("show_name", "ya")]).await;
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    let mut officer = t.login(&c.officer, crate::support::PASSWORD).await;
    let mut other = t.login(&c.other_officer, crate::support::PASSWORD).await;
    let mut member = t.login_as(Role::Anggota).await;

    // Officers see nothing before disposition; a KIM member who did not assist neither.
    for who in [&mut officer, &mut other, &mut member] {
        assert_eq!(who.get(&format!("/kelola/aspirasi/{id}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(step(who, id, &[("action", "verify")]).await.status, StatusCode::NOT_FOUND);
    }
    // Only the coordinator verifies; an OPD cannot answer what was not disposed to it.
    let r = step(&mut coord, id, &[("action", "verify")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = step(&mut coord, id, &[("action", "verify")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "a second verify is refused with a message");
    let r = step(&mut coord, id, &[("action", "dispose")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "dispose needs an OPD");
    let r = step(
        &mut coord,
        id,
        &[
            ("action", "dispose"),
            ("opd_id", &c.road_opd.to_string()),
            ("body", "Pelapor Bu Siti minta ditelepon sore."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let due_disposed: i64 = query("SELECT due_at FROM aspirations").scalar(&t.app.db).await.unwrap();
    assert!(
        !t.client().get(&format!("/aspirasi/{code}")).await.body.contains("minta ditelepon"),
        "a note for the OPD is not public"
    );
    // Now public, with the name the reporter allowed, but never the phone or e-mail.
    let public = t.client().get(&format!("/aspirasi/{code}")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains(NAME) && !public.body.contains(PHONE) && !public.body.contains(EMAIL));
    // The officers of the OPD were told.
    let mails = t.outbox().await;
    assert!(mails.iter().any(|m| m.to.contains(&c.officer) && m.body.contains(&code)), "{mails:?}");
    // The other OPD still sees nothing and cannot act.
    assert_eq!(other.get(&format!("/kelola/aspirasi/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(step(&mut other, id, &[("action", "respond"), ("body", "x")]).await.status, StatusCode::NOT_FOUND);
    // The coordinator cannot answer for the OPD.
    assert_eq!(step(&mut coord, id, &[("action", "respond"), ("body", "x")]).await.status, StatusCode::FORBIDDEN);
    // The OPD's officer sees the reporter (not anonymous, not rahasia) and answers.
    let desk = officer.get(&format!("/kelola/aspirasi/{id}")).await;
    assert!(desk.body.contains(NAME), "{}", desk.body);
    assert_eq!(step(&mut officer, id, &[("action", "acknowledge")]).await.status, StatusCode::SEE_OTHER);
    let due_acknowledged: i64 = query("SELECT due_at FROM aspirations").scalar(&t.app.db).await.unwrap();
    assert_eq!(due_acknowledged, due_disposed, "taking it up does not buy the OPD more days");
    let r = step(&mut officer, id, &[("action", "respond"), ("body", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "an answer needs text");
    let r = step(&mut officer, id, &[("action", "respond"), ("body", "Akan ditambal pekan ini.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // The citizen disputes from the private page; the OPD answers again; the citizen accepts.
    let mut citizen = t.client();
    let page = citizen.get(&track).await;
    assert!(page.body.contains("Akan ditambal pekan ini."));
    let r = citizen.post_form(&format!("{track}/sanggah"), &[("text", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a dispute needs a reason");
    let r = citizen.post_form(&format!("{track}/sanggah"), &[("text", "Belum ditambal sampai sekarang.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let status: String = query("SELECT status FROM aspirations").scalar(&t.app.db).await.unwrap();
    assert_eq!(status, "dibuka_kembali");
    // The reason reaches the reporter's page and the OPD, not the public page.
    assert!(citizen.get(&track).await.body.contains("Belum ditambal sampai sekarang."));
    assert!(officer.get(&format!("/kelola/aspirasi/{id}")).await.body.contains("Belum ditambal sampai sekarang."));
    assert!(!t.client().get(&format!("/aspirasi/{code}")).await.body.contains("Belum ditambal sampai"));
    let r = step(&mut officer, id, &[("action", "respond"), ("body", "Sudah ditambal 3 Desember.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Rating is only possible once it is finished.
    let r = citizen.post_form(&format!("{track}/nilai"), &[("rating", "5")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with(&track));
    let rated: Option<i64> = query("SELECT rating FROM aspirations").scalar(&t.app.db).await.unwrap();
    assert_eq!(rated, None);
    assert_eq!(citizen.post_form(&format!("{track}/terima"), &[]).await.status, StatusCode::SEE_OTHER);
    let r = citizen.post_form(&format!("{track}/nilai"), &[("rating", "9")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = citizen.post_form(&format!("{track}/nilai"), &[("rating", "4"), ("text", "Cepat, terima kasih")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let (status, rating, opd): (String, Option<i64>, Option<i64>) =
        query("SELECT status, rating, opd_id FROM aspirations").fetch_one(&t.app.db).await.unwrap();
    assert_eq!((status.as_str(), rating, opd), ("selesai", Some(4), Some(c.road_opd)));
    // The rating shows in the coordinator's OPD figures.
    let desk = coord.get("/kelola/aspirasi").await.body;
    assert!(desk.contains("<td>DPUPR</td><td>1</td><td>1</td><td>4.0 (1)</td>"), "{desk}");
    // Every step is audited; the audit never names the reporter.
    let actions: Vec<String> = query("SELECT action FROM audit_events WHERE entity_type = 'aspiration' ORDER BY id")
        .scalars(&t.app.db)
        .await
        .unwrap();
    for a in [
        "aspiration.submit",
        "aspiration.verify",
        "aspiration.dispose",
        "aspiration.respond",
        "aspiration.dispute",
        "aspiration.accept",
        "aspiration.rate",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} missing in {actions:?}");
    }
    let audit: Vec<String> =
        query("SELECT COALESCE(after_json, '') FROM audit_events").scalars(&t.app.db).await.unwrap();
    assert!(audit.iter().all(|a| !a.contains(NAME) && !a.contains("81234567890") && !a.contains(EMAIL)));
    // The public page shows the answers and the outcome.
    let public = t.client().get(&format!("/aspirasi/{code}")).await;
    assert!(public.body.contains("Sudah ditambal 3 Desember.") && public.body.contains("Selesai"));
}

#[tokio::test]
async fn an_anonymous_reports_file_names_are_not_shown_even_to_the_coordinator() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let mut citizen = t.client();
    let mut fields = report_fields(&c);
    fields.push(("anonymous", "ya".into()));
    let r = submit(&mut citizen, &fields, &[("KTP_Siti_3604011234567890.jpg", photo_with_gps(60, 40))]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = query("SELECT MAX(id) FROM aspirations").scalar(&t.app.db).await.unwrap();
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    let desk = coord.get(&format!("/kelola/aspirasi/{id}")).await.body;
    assert!(desk.contains("/aspirasi/lampiran/"), "the photo is there");
    assert!(!desk.contains("KTP_Siti") && !desk.contains("3604011234567890"), "but not its original name");
}

#[tokio::test]
async fn anonymous_and_confidential_reports_keep_their_secrets_everywhere() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (anon, anon_track, anon_code) = file_report(&t, &c, &[("anonymous", "ya"), ("show_name", "ya")]).await;
    let (secret, _, secret_code) = file_report(&t, &c, &[("confidential", "ya"), ("show_name", "ya")]).await;
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    for id in [anon, secret] {
        assert_eq!(step(&mut coord, id, &[("action", "verify")]).await.status, StatusCode::SEE_OTHER);
        let r = step(&mut coord, id, &[("action", "dispose"), ("opd_id", &c.road_opd.to_string())]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let mut officer = t.login(&c.officer, crate::support::PASSWORD).await;
    let leaks = |body: &str| body.contains(NAME) || body.contains("0812-3456-7890") || body.contains(EMAIL);
    // The coordinator does not see an anonymous reporter without asking; the OPD sees neither.
    assert!(!leaks(&coord.get(&format!("/kelola/aspirasi/{anon}")).await.body));
    for id in [anon, secret] {
        let desk = officer.get(&format!("/kelola/aspirasi/{id}")).await;
        assert_eq!(desk.status, StatusCode::OK);
        assert!(!leaks(&desk.body), "OPD view of #{id} leaks the reporter");
    }
    assert!(!leaks(&officer.get("/kelola/aspirasi").await.body));
    // Public outputs: the anonymous one is public without a name; the rahasia one is nowhere.
    let mut anyone = t.client();
    let list = anyone.get("/aspirasi").await.body;
    assert!(!leaks(&list));
    let api = anyone.get("/api/v1/aspirations").await.body;
    assert!(!leaks(&api));
    let shown = anyone.get(&format!("/aspirasi/{anon_code}")).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(!leaks(&shown.body));
    assert_eq!(anyone.get(&format!("/aspirasi/{secret_code}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(anyone.get(&format!("/api/v1/aspirations/{secret_code}")).await.status, StatusCode::NOT_FOUND);
    let v: serde_json::Value = serde_json::from_str(&api).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(1), "only the anonymous one is public: {v}");
    // The LAPOR! export carries no identity for either.
    let csv = coord.get(&format!("/kelola/aspirasi/ekspor-lapor?id={anon}&id={secret}")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("Nomor Tiket,") && !leaks(&csv.body) && !csv.body.contains("081234567890"));
    // The coordinator may open the identity; that is audited.
    let revealed = coord.post_form(&format!("/kelola/aspirasi/{anon}/identitas"), &[]).await;
    assert!(revealed.body.contains(NAME), "{}", revealed.body);
    let n: i64 = query("SELECT COUNT(*) FROM audit_events WHERE action = 'aspiration.reveal_identity'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(n, 1);
    // The anonymous reporter still follows the report with the private link.
    assert_eq!(t.client().get(&anon_track).await.status, StatusCode::OK);
    // The officer cannot reveal.
    assert!(officer.post_form(&format!("/kelola/aspirasi/{anon}/identitas"), &[]).await.is_denied());
}

#[tokio::test]
async fn an_unanswered_answer_closes_after_ten_working_days_and_late_reports_escalate() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (id, _, _) = file_report(&t, &c, &[]).await;
    let (late, _, _) = file_report(&t, &c, &[]).await;
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    let mut officer = t.login(&c.officer, crate::support::PASSWORD).await;
    step(&mut coord, id, &[("action", "verify")]).await;
    step(&mut coord, id, &[("action", "dispose"), ("opd_id", &c.road_opd.to_string())]).await;
    let r = step(&mut officer, id, &[("action", "respond"), ("body", "Sudah diperbaiki.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A holiday decreed afterwards still pushes the running deadline back by one working day.
    let r = coord
        .post_form("/admin/hari-libur", &[("day", "2026-12-07"), ("name", "Libur uji"), ("kind", "libur_daerah")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let due: i64 = query("SELECT due_at FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(simpul::domain::time::Timestamp(due).format_in(t.app.zone()), "2026-12-14 23:59 WIB");
    // Answered Saturday 28 Nov: 10 working days with Mon 7 Dec off → Mon 14 Dec 23:59.
    t.advance_minutes(60 * 24 * 16); // Monday 14 December, 09:00
    let s = aspirations::sweep_deadlines(&t.app).await.unwrap();
    assert_eq!(s.closed, 0, "not before the end of the tenth working day");
    assert_eq!(s.escalated, 1, "the never-verified report is long overdue");
    t.advance_minutes(60 * 24);
    let s = aspirations::sweep_deadlines(&t.app).await.unwrap();
    assert_eq!(s.closed, 1);
    let status: String =
        query("SELECT status FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(status, "selesai");
    // The escalation went to the coordinator, once.
    let again = aspirations::sweep_deadlines(&t.app).await.unwrap();
    assert_eq!(again, aspirations::Sweep::default());
    let mails = t.outbox().await;
    assert!(mails.iter().any(|m| m.to.contains(&c.coordinator) && m.body.contains("melewati tenggat")));
    let overdue = coord.get("/kelola/aspirasi?terlambat=ya").await.body;
    assert!(overdue.contains(&format!("/kelola/aspirasi/{late}")));
    assert!(!overdue.contains(&format!("/kelola/aspirasi/{id}\"")));
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_stored() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let mut citizen = t.client();
    let fields = report_fields(&c);
    // Six attachments.
    let six: Vec<(&str, Vec<u8>)> = (0..6).map(|_| ("a.jpg", photo_with_gps(40, 40))).collect();
    let r = submit(&mut citizen, &fields, &six).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Paling banyak 5 lampiran"), "{}", r.body);
    assert!(r.body.contains("Jalan berlubang di depan SDN Bulakan 2"), "the form keeps what was typed");
    // A file that is not a photo or a PDF; a PDF with a script.
    let r = submit(&mut citizen, &fields, &[("x.exe", b"MZ\x90\x00 not an image".to_vec())]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let pdf = crate::support::pdf("/OpenAction << /S /JavaScript /JS (x) >>");
    let r = submit(&mut citizen, &fields, &[("surat.pdf", pdf)]).await;
    assert!(r.body.contains("skrip"), "{}", r.body);
    // A 50 MB file is refused before it is read.
    let r = submit(&mut citizen, &fields, &[("video.jpg", vec![0u8; 50 * 1024 * 1024])]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body.split("<main").nth(1).unwrap_or(&r.body));
    assert!(r.body.contains("Kiriman terlalu besar"), "{}", r.body);
    // Missing and malformed fields.
    let mut bad = fields.clone();
    bad.retain(|(k, _)| *k != "kind" && *k != "reporter_name");
    bad.push(("lat", "abc".into()));
    bad.push(("event_date", "2031-01-01".into()));
    bad.push(("description", "x".repeat(4_001)));
    let r = submit(&mut citizen, &bad, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in ["Isi nama Anda", "Koordinat tidak valid", "masa depan", "Terlalu panjang"] {
        assert!(r.body.contains(msg), "{msg}: {}", r.body);
    }
    // Hostile text is stored as text and shown escaped.
    let mut hostile = fields.clone();
    hostile.retain(|(k, _)| *k != "title");
    hostile.push(("title", "<script>alert(1)</script> Jalan".into()));
    assert_eq!(submit(&mut citizen, &hostile, &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(t.count("aspirations").await, 1, "only the valid report was stored");
    assert_eq!(t.count("aspiration_attachments").await, 0);
    // The JSON API: wrong types and unknown fields get a 400 problem document.
    let mut api = t.client();
    for body in [
        r#"{"kind":"pengaduan","title":"t","description":"d","category_id":"satu","kelurahan_id":1}"#,
        r#"{"kind":"keluhan","title":"t","description":"d","category_id":1,"kelurahan_id":1}"#,
        r#"{"kind":"pengaduan","title":"t","description":"d","category_id":1,"kelurahan_id":1,"admin":true}"#,
        "not json",
    ] {
        let r = api.send(Method::POST, "/api/v1/aspirations", Some("application/json"), body.into()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.body);
    }
    assert_eq!(t.count("aspirations").await, 1);
}

#[tokio::test]
async fn the_api_takes_reports_and_lists_public_ones() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let mut api = t.client();
    let body = serde_json::json!({
        "kind": "aspirasi", "title": "Taman bermain untuk anak", "description": "Mohon dibangun taman di RW 03.",
        "category_id": c.category, "kelurahan_id": c.kelurahan, "anonymous": true,
    });
    let r = api.send(Method::POST, "/api/v1/aspirations", Some("application/json"), body.to_string().into()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let out = r.json();
    assert_eq!(out["code"], "ASP-2026-000001");
    let follow = out["follow_up_url"].as_str().unwrap();
    let path = &follow[follow.find("/aspirasi/lacak/").unwrap()..];
    assert_eq!(t.client().get(path).await.status, StatusCode::OK);
    let cats = api.get("/api/v1/aspirations/categories").await.json();
    assert_eq!(cats[0]["opd_name"], "DPUPR");
    assert_eq!(api.get("/api/v1/aspirations").await.json().as_array().map(Vec::len), Some(0), "not verified yet");
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    step(&mut coord, 1, &[("action", "verify")]).await;
    let list = api.get("/api/v1/aspirations").await.json();
    assert_eq!(list[0]["code"], "ASP-2026-000001");
    assert_eq!(list[0]["reporter_name"], serde_json::Value::Null);
    assert_eq!(api.get("/api/v1/aspirations/ASP-2026-000001").await.json()["status"], "terverifikasi");
}

#[tokio::test]
async fn supports_count_once_per_device_and_similar_reports_are_offered() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (id, _, code) = file_report(&t, &c, &[]).await;
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    step(&mut coord, id, &[("action", "verify")]).await;
    let mut phone = t.client();
    phone.get(&format!("/aspirasi/{code}")).await;
    for _ in 0..3 {
        let r = phone.post_form(&format!("/aspirasi/{code}/dukung"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let mut other_phone = t.client();
    other_phone.get("/aspirasi").await;
    other_phone.post_form(&format!("/aspirasi/{code}/dukung"), &[]).await;
    let n: i64 = query("SELECT support_count FROM aspirations").scalar(&t.app.db).await.unwrap();
    assert_eq!(n, 2);
    // Writing about the same pothole in Bulakan offers the existing report first, by POST so
    // the phone number typed so far never lands in an address.
    let mut writer = t.client();
    let token = writer.csrf_token().await;
    let kel = c.kelurahan.to_string();
    let fields = [
        ("_csrf", token.as_str()),
        ("kelurahan_id", kel.as_str()),
        ("title", "Jalan berlubang dekat SDN Bulakan"),
        ("description", "lubang besar"),
        ("reporter_phone", "081299990000"),
    ];
    let (ct, body) = multipart(&fields, &[]);
    let page = writer.send(Method::POST, "/aspirasi/baru/cek", Some(&ct), body.into()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"081299990000\""), "the form keeps the phone number");
    assert_eq!(t.count("aspirations").await, 1, "checking stores nothing");
    assert!(page.body.contains("Apakah ini laporan yang sama?"));
    assert!(page.body.contains(&format!("/aspirasi/{code}")), "{}", page.body);
    assert!(page.body.contains("value=\"Jalan berlubang dekat SDN Bulakan\""), "the form keeps the text");
}

#[tokio::test]
async fn holidays_are_kept_by_admins_only() {
    let t = TestApp::new().await;
    let mut admin = t.login_as(Role::Admin).await;
    let r = admin
        .post_form("/admin/hari-libur", &[("day", "2026-12-25"), ("name", "Natal"), ("kind", "libur_nasional")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = admin
        .post_form("/admin/hari-libur", &[("day", "2026-12-25"), ("name", "Natal"), ("kind", "libur_nasional")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "the same date twice");
    let r =
        admin.post_form("/admin/hari-libur", &[("day", "2026-02-30"), ("name", "X"), ("kind", "libur_nasional")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"X\""), "the form keeps what was typed");
    let page = admin.get("/admin/hari-libur").await;
    assert!(page.body.contains("Natal") && page.body.contains("25 Desember 2026"));
    let mut officer = t.login_as(Role::PetugasOpd).await;
    assert!(
        officer
            .post_form("/admin/hari-libur", &[("day", "2026-12-31"), ("name", "X"), ("kind", "cuti_bersama")])
            .await
            .is_denied()
    );
    let id: i64 = query("SELECT id FROM holidays").scalar(&t.app.db).await.unwrap();
    assert_eq!(admin.post_form(&format!("/admin/hari-libur/{id}/hapus"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(t.count("holidays").await, 0);
    let n: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE entity_type = 'holiday'").scalar(&t.app.db).await.unwrap();
    assert_eq!(n, 2);
}

#[tokio::test]
async fn a_kim_member_files_for_a_citizen_and_sees_only_that_report() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (kim, _) = t.kim("KIM Bulakan Maju").await;
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let mut member = t.login(&email, crate::support::PASSWORD).await;
    let (other, _, _) = file_report(&t, &c, &[]).await;
    let mut fields = report_fields(&c);
    fields.push(("on_behalf", "ya".into()));
    let r = submit(&mut member, &fields, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (id, source): (i64, String) =
        query("SELECT id, source FROM aspirations ORDER BY id DESC LIMIT 1").fetch_one(&t.app.db).await.unwrap();
    assert_eq!(source, "assisted");
    let list = member.get("/kelola/aspirasi").await.body;
    assert!(list.contains(&format!("/kelola/aspirasi/{id}")) && !list.contains(&format!("/kelola/aspirasi/{other}\"")));
    assert_eq!(member.get(&format!("/kelola/aspirasi/{id}")).await.status, StatusCode::OK);
    assert_eq!(member.get(&format!("/kelola/aspirasi/{other}")).await.status, StatusCode::NOT_FOUND);
    // A citizen cannot claim to be assisting.
    let mut citizen = t.client();
    let r = submit(&mut citizen, &fields, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nor take workflow steps on what they assisted.
    assert_eq!(step(&mut member, id, &[("action", "verify")]).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_deleted_opd_category_does_not_lose_reports() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (id, _, _) = file_report(&t, &c, &[]).await;
    // Renaming the OPD's other category keeps "Jalan rusak" (and its id) in place.
    let form = OpdForm {
        name: "Dinas Pekerjaan Umum".into(),
        short_name: "DPUPR".into(),
        categories: "Jalan rusak\nJembatan".into(),
        ..Default::default()
    };
    opd::update(&t.app, &simpul::domain::access::Actor::cli(), c.road_opd, &form).await.unwrap();
    let cat: Option<i64> =
        query("SELECT category_id FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(cat, Some(c.category));
}

#[tokio::test]
async fn the_public_list_searches_the_public_words_only() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (id, _, code) =
        file_report(&t, &c, &[("description", "Lubang besar, rumah Pak Darmawan di sebelahnya kebanjiran.")]).await;
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    step(&mut coord, id, &[("action", "verify")]).await;
    let mut anyone = t.client();
    // Words of the description, in other forms ("berlubang" → lubang).
    assert!(anyone.get("/aspirasi?q=berlubang").await.body.contains(&code));
    assert!(anyone.get("/aspirasi?q=banjir+darmawan").await.body.contains(&code));
    assert!(!anyone.get("/aspirasi?q=jembatan").await.body.contains(&code));
    // The coordinator takes the name out of the public wording: it is no longer found.
    let r = coord
        .post_form(
            &format!("/kelola/aspirasi/{id}/redaksi"),
            &[("public_title", ""), ("public_description", "Lubang besar, rumah warga di sebelahnya kebanjiran.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!anyone.get("/aspirasi?q=darmawan").await.body.contains(&code));
    assert!(anyone.get("/aspirasi?q=kebanjiran").await.body.contains(&code));
    let public = anyone.get(&format!("/aspirasi/{code}")).await.body;
    assert!(!public.contains("Darmawan") && public.contains("rumah warga"));
    let audited: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'aspiration.redact'").scalar(&t.app.db).await.unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_pasted_holiday_list_moves_running_deadlines_at_once() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (id, _, _) = file_report(&t, &c, &[]).await;
    let due = || async {
        let d: i64 = query("SELECT due_at FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
        simpul::domain::time::Timestamp(d).format_in(t.app.zone())
    };
    assert_eq!(due().await, "2026-12-02 23:59 WIB");
    let mut admin = t.login(&c.coordinator, crate::support::PASSWORD).await;
    // One bad line refuses the whole list, and the text comes back to be fixed.
    let bad = "2026-11-30 Libur uji\n30-11-2026 Salah format";
    let r = admin.post_form("/admin/hari-libur/impor", &[("lines", bad), ("kind", "cuti_bersama")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("30-11-2026 Salah format"), "{}", r.body);
    assert_eq!(t.count("holidays").await, 0);
    let list = "2026-11-30 Cuti bersama uji\n2026-12-01\tLibur uji kedua\n\n2026-11-30 Dua kali";
    let r = admin.post_form("/admin/hari-libur/impor", &[("lines", list), ("kind", "cuti_bersama")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(t.count("holidays").await, 2, "a date already listed is skipped");
    assert_eq!(due().await, "2026-12-04 23:59 WIB", "two working days off: the deadline moves by two");
    let mut officer = t.login(&c.officer, crate::support::PASSWORD).await;
    assert!(
        officer.post_form("/admin/hari-libur/impor", &[("lines", list), ("kind", "cuti_bersama")]).await.is_denied()
    );
}

#[tokio::test]
async fn files_no_report_references_are_swept_after_a_day_others_never() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let mut citizen = t.client();
    let files = [("jalan.jpg", photo_with_gps(640, 480))];
    let r = submit(&mut citizen, &report_fields(&c), &files).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let kept: String = query("SELECT storage_key FROM aspiration_attachments").scalar(&t.app.db).await.unwrap();
    // What a crash between storing the photo and committing the report leaves; and files of
    // no known owner (an operator's own, the site's logo).
    t.app.storage.put("aspirasi-yatim.jpg", b"\xFF\xD8 foto".to_vec()).await.unwrap();
    t.app.storage.put("catatan-operator.txt", b"jangan dihapus".to_vec()).await.unwrap();
    let sweep = |age| simpul::registry::sweep_orphan_files(&t.app, age);
    // The test clock starts in the past; the store dates files by the wall clock.
    let wall = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    t.advance_minutes((wall - crate::support::START.0) / 60_000 + 1);
    assert_eq!(
        sweep(simpul::registry::ORPHAN_AGE).await.unwrap(),
        0,
        "a file younger than a day may be a submission in progress"
    );
    t.advance_minutes(2 * 24 * 60);
    assert_eq!(sweep(simpul::registry::ORPHAN_AGE).await.unwrap(), 1);
    assert!(t.app.storage.get("aspirasi-yatim.jpg").await.unwrap().is_none(), "the orphan is gone");
    assert!(t.app.storage.get(&kept).await.unwrap().is_some(), "the report's photo stays");
    assert!(t.app.storage.get("catatan-operator.txt").await.unwrap().is_some(), "unknown files are never touched");
}
