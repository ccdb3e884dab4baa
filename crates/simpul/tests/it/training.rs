//! Training: programmes and sessions, the waiting list under concurrent
//! registrations (both engines), cancellation moving the queue up, attendance codes driven by
//! the test clock, who may do what, and the calendar feed.

use axum::http::StatusCode;
use simpul::{
    domain::{access::Role, training},
    features::training::{self as service, ProgrammeForm, Registered, SessionForm},
    infra::db::query,
};

use crate::support::{PASSWORD, TestApp};

/// A programme with one session (capacity `seats`) the day after tomorrow; returns (slug, session id).
async fn session(t: &TestApp, seats: i64) -> (String, i64) {
    let admin = t.actor_for(Role::Admin).await;
    let form = ProgrammeForm {
        title: "Menulis Berita Desa".into(),
        description: "Dasar 5W+1H dan foto berita untuk anggota KIM.".into(),
        topic: "penulisan_berita".into(),
        organiser: "Diskominfo Kota Cilegon".into(),
        trainer: "Rina Wartawan".into(),
        ..Default::default()
    };
    let (pid, slug) = service::create_programme(&t.app, &admin, &form).await.unwrap();
    let s = SessionForm {
        starts_at: "2026-11-30T09:00".into(),
        ends_at: "2026-11-30T12:00".into(),
        place: "Aula Diskominfo, Jl. Jend. Sudirman".into(),
        capacity: seats.to_string(),
        registration_deadline: "2026-11-29T17:00".into(),
        ..Default::default()
    };
    let sid = service::add_session(&t.app, &admin, pid, &s).await.unwrap();
    (slug, sid)
}

async fn seats(t: &TestApp, sid: i64) -> (i64, i64, i64) {
    let count = |status: &'static str| {
        let db = t.app.db.clone();
        async move {
            query("SELECT COUNT(*) FROM training_registrations WHERE session_id = $1 AND status = $2")
                .bind(sid)
                .bind(status)
                .scalar::<i64>(&db)
                .await
                .unwrap()
        }
    };
    let counter: i64 =
        query("SELECT confirmed FROM training_sessions WHERE id = $1").bind(sid).scalar(&t.app.db).await.unwrap();
    (count("terdaftar").await, count("menunggu").await, counter)
}

#[tokio::test]
async fn concurrent_registrations_never_over_book_and_cancelling_moves_the_queue() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Pelatihan").await;
    let (_, sid) = session(&t, 3).await;
    let mut members = Vec::new();
    for _ in 0..8 {
        let email = t.user(Role::Anggota, Some(kim), None).await;
        members.push(t.actor_by_email(&email).await);
    }
    // Eight members at once for three seats.
    let app = t.app.clone();
    let tasks: Vec<_> = members
        .iter()
        .cloned()
        .map(|a| {
            let app = app.clone();
            tokio::spawn(async move {
                let id = a.user_id.unwrap();
                service::register_for(&app, &a, sid, id, &[]).await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap().unwrap());
    }
    assert_eq!(outcomes.iter().filter(|o| **o == Registered::Seat).count(), 3, "{outcomes:?}");
    assert_eq!(seats(&t, sid).await, (3, 5, 3));
    // The same person twice is refused.
    let again = service::register_for(&t.app, &members[0], sid, members[0].user_id.unwrap(), &[]).await;
    assert!(again.is_err());

    // A seated member cancels: the first in the queue moves up and is told by mail.
    let seated: Vec<i64> =
        query("SELECT user_id FROM training_registrations WHERE session_id = $1 AND status = 'terdaftar'")
            .bind(sid)
            .scalars(&t.app.db)
            .await
            .unwrap();
    let first_waiting: i64 = query(
        "SELECT user_id FROM training_registrations WHERE session_id = $1 AND status = 'menunggu' ORDER BY updated_at, id LIMIT 1",
    )
    .bind(sid)
    .scalar(&t.app.db)
    .await
    .unwrap();
    let leaver = members.iter().find(|m| m.user_id == Some(seated[0])).unwrap();
    service::cancel(&t.app, leaver, sid, seated[0], &[]).await.unwrap();
    assert_eq!(seats(&t, sid).await, (3, 4, 3));
    let promoted: String = query("SELECT status FROM training_registrations WHERE session_id = $1 AND user_id = $2")
        .bind(sid)
        .bind(first_waiting)
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(promoted, "terdaftar");
    let email: String =
        query("SELECT email FROM users WHERE id = $1").bind(first_waiting).scalar(&t.app.db).await.unwrap();
    let mails = t.outbox().await;
    assert!(mails.iter().any(|m| m.to.contains(&email) && m.subject.contains("Menulis Berita Desa")), "{mails:?}");
    // A waiting member cancelling frees no seat.
    let waiting: i64 =
        query("SELECT user_id FROM training_registrations WHERE session_id = $1 AND status = 'menunggu' LIMIT 1")
            .bind(sid)
            .scalar(&t.app.db)
            .await
            .unwrap();
    let w = members.iter().find(|m| m.user_id == Some(waiting)).unwrap();
    service::cancel(&t.app, w, sid, waiting, &[]).await.unwrap();
    assert_eq!(seats(&t, sid).await, (3, 3, 3));
    // One person tapping twice at once: one registration, one seat at most.
    let (_, second) = session(&t, 5).await;
    let twice: Vec<_> = (0..2)
        .map(|_| {
            let (app, a) = (t.app.clone(), members[1].clone());
            tokio::spawn(async move { service::register_for(&app, &a, second, a.user_id.unwrap(), &[]).await })
        })
        .collect();
    let mut ok = 0;
    for task in twice {
        ok += usize::from(task.await.unwrap().is_ok());
    }
    assert_eq!(ok, 1);
    assert_eq!(seats(&t, second).await, (1, 0, 1));
    // After the deadline nobody registers; once the session began, nobody cancels.
    t.advance_minutes(2 * 24 * 60);
    let seated_now: i64 =
        query("SELECT user_id FROM training_registrations WHERE session_id = $1 AND status = 'terdaftar' LIMIT 1")
            .bind(sid)
            .scalar(&t.app.db)
            .await
            .unwrap();
    let who = members.iter().find(|m| m.user_id == Some(seated_now)).unwrap();
    assert!(service::cancel(&t.app, who, sid, seated_now, &[]).await.is_err());
    let late = service::register_for(&t.app, &members[0], sid, members[0].user_id.unwrap(), &[]).await;
    assert!(late.is_err());
}

#[tokio::test]
async fn attendance_codes_change_every_minute_and_count_once() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Presensi").await;
    let (_, sid) = session(&t, 2).await;
    let (_, other) = session(&t, 2).await;
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let mut member = t.login(&email, PASSWORD).await;
    let me = t.actor_by_email(&email).await;
    service::register_for(&t.app, &me, sid, me.user_id.unwrap(), &[]).await.unwrap();
    let key_of = |id: i64| {
        let db = t.app.db.clone();
        async move {
            query("SELECT attendance_key FROM training_sessions WHERE id = $1")
                .bind(id)
                .scalar::<String>(&db)
                .await
                .unwrap()
        }
    };
    let (key, other_key) = (key_of(sid).await, key_of(other).await);
    let path = format!("/pelatihan/sesi/{sid}/hadir");
    // Two days before, even the right code is refused: check-in opens an hour before the start.
    let early = member.post_form(&path, &[("kode", &training::attendance_code(&key, t.app.clock.now().0))]).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("satu jam sebelum"), "{}", early.body);
    // The session morning (30 November, 08:50 WIB): the programme page offers the check-in.
    t.advance_minutes(2 * 24 * 60 - 10);
    let slug: String = query(
        "SELECT p.slug FROM training_programmes p JOIN training_sessions s ON s.programme_id = p.id WHERE s.id = $1",
    )
    .bind(sid)
    .scalar(&t.app.db)
    .await
    .unwrap();
    assert!(
        member.get(&format!("/pelatihan/{slug}")).await.body.contains(&format!("href=\"/pelatihan/sesi/{sid}/hadir\""))
    );
    let now = t.app.clock.now().0;
    // Another session's code, and a code from three minutes ago: refused.
    let r = member.post_form(&path, &[("kode", &training::attendance_code(&other_key, now))]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("kedaluwarsa"));
    let old = training::attendance_code(&key, now);
    t.advance_minutes(3);
    let r = member.post_form(&path, &[("kode", &old)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The code on the screen now (the trainer's page shows it): accepted once.
    let mut admin = t.login_as(Role::Admin).await;
    let page = admin.get(&format!("/kelola/pelatihan/sesi/{sid}")).await;
    let code = training::attendance_code(&key, t.app.clock.now().0);
    assert!(page.body.contains(&code), "the trainer sees the current code");
    // The page brings its own small script (allowed by the CSP: same origin) to show new codes.
    let script = simpul::web::assets::code_refresh_url();
    assert!(page.body.contains(&format!("<script src=\"{script}\" defer></script>")));
    let js = t.client().get(script).await;
    assert_eq!(js.headers["content-type"], "text/javascript; charset=utf-8");
    assert!(js.body.contains("data-next-code-ms"));
    let qr = admin.get(&format!("/kelola/pelatihan/sesi/{sid}/qr.svg")).await;
    assert!(qr.body.starts_with("<?xml") && qr.body.contains("<svg"));
    // The QR link fills the form.
    let form = member.get(&format!("{path}?kode={code}")).await;
    assert!(form.body.contains(&format!("value=\"{code}\"")));
    let r = member.post_form(&path, &[("kode", &code)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("tercatat"));
    let r = member.post_form(&path, &[("kode", &code)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("sudah tercatat"));
    // Without a seat, a right code is still refused.
    let r = member
        .post_form(
            &format!("/pelatihan/sesi/{other}/hadir"),
            &[("kode", &training::attendance_code(&other_key, t.app.clock.now().0))],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("tidak punya kursi"));
    // The trainer can tick by hand; it is audited.
    let uid = me.user_id.unwrap().to_string();
    let r = admin
        .post_form(&format!("/kelola/pelatihan/sesi/{sid}/presensi"), &[("user_id", &uid), ("action", "batal")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = admin
        .post_form(&format!("/kelola/pelatihan/sesi/{sid}/presensi"), &[("user_id", &uid), ("action", "hadir")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let method: String = query("SELECT attendance_method FROM training_registrations WHERE session_id = $1")
        .bind(sid)
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(method, "manual");
    let audited: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'training.attend'").scalar(&t.app.db).await.unwrap();
    assert_eq!(audited, 3);
    // Withdrawn attendance revoked the certificate; ticked again, it holds again.
    let (revoked, reason): (Option<i64>, Option<String>) = {
        #[derive(sqlx::FromRow)]
        struct C {
            revoked_at: Option<i64>,
            revoked_reason: Option<String>,
        }
        let c: C =
            query("SELECT revoked_at, revoked_reason FROM training_certificates").fetch_one(&t.app.db).await.unwrap();
        (c.revoked_at, c.revoked_reason)
    };
    assert_eq!((revoked, reason), (None, None));
    let restored: i64 = query("SELECT COUNT(*) FROM audit_events WHERE action = 'training.certificate.restore'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(restored, 1);
}

#[tokio::test]
async fn who_may_create_register_others_and_mark_attendance() {
    let t = TestApp::new().await;
    let (kim_a, _) = t.kim("KIM Anyer").await;
    let (kim_b, _) = t.kim("KIM Bojonegara").await;
    let (slug, sid) = session(&t, 5).await;
    // Members cannot create programmes or tick attendance.
    let mut member = t.login_as(Role::Anggota).await;
    assert!(member.post_form("/kelola/pelatihan", &[("title", "X")]).await.is_denied());
    let r = member
        .post_form(&format!("/kelola/pelatihan/sesi/{sid}/presensi"), &[("user_id", "1"), ("action", "hadir")])
        .await;
    assert!(r.is_denied());
    // A KIM's Redaksi registers members of their own group, not of another.
    let editor = t.user(Role::Redaksi, Some(kim_a), None).await;
    let mut editor = t.login(&editor, PASSWORD).await;
    let ours = t.user(Role::Anggota, Some(kim_a), None).await;
    let theirs = t.user(Role::Anggota, Some(kim_b), None).await;
    let path = format!("/kelola/pelatihan/sesi/{sid}/daftarkan");
    let r = editor.post_form(&path, &[("email", &ours), ("kembali", "program")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), format!("/pelatihan/{slug}"));
    // Another group's member and an unknown address answer alike: no oracle for membership.
    for email in [theirs.as_str(), "tidak-ada@example.id"] {
        let r = editor.post_form(&path, &[("email", email), ("kembali", "program")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/pelatihan/{slug}").as_str()));
        let page = editor.get(r.location()).await;
        assert!(page.body.contains("Tidak ada anggota KIM dengan e-mail itu yang dapat Anda daftarkan"), "{email}");
    }
    let mails = t.outbox().await;
    assert!(mails.iter().any(|m| m.to.contains(&ours) && m.subject.starts_with("Anda didaftarkan")), "{mails:?}");
    assert_eq!(seats(&t, sid).await.0, 1);
    // An admin registers anyone; an unknown address is a clear error that keeps what was typed.
    let mut admin = t.login_as(Role::Admin).await;
    assert_eq!(admin.post_form(&path, &[("email", &theirs)]).await.status, StatusCode::SEE_OTHER);
    let r = admin.post_form(&path, &[("email", "bukan-anggota@example.id")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("bukan-anggota@example.id"));
    assert_eq!(seats(&t, sid).await.0, 2);
    // Bad session input changes nothing and comes back as typed.
    let pid: i64 = query("SELECT id FROM training_programmes").scalar(&t.app.db).await.unwrap();
    let r = admin
        .post_form(
            &format!("/kelola/pelatihan/{pid}/sesi"),
            &[
                ("starts_at", "2026-12-05T13:00"),
                ("ends_at", "2026-12-05T09:00"),
                ("capacity", "nol"),
                ("registration_deadline", "2026-12-06T09:00"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("2026-12-05T13:00"));
    assert_eq!(t.count("training_sessions").await, 1);
}

#[tokio::test]
async fn public_pages_calendar_and_the_day_before_reminder() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Kalender").await;
    let (slug, sid) = session(&t, 10).await;
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let mut member = t.login(&email, PASSWORD).await;
    let page = member.get(&format!("/pelatihan/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Menulis Berita Desa") && page.body.contains("Sisa kursi: 10"));
    let r = member.post_form(&format!("/pelatihan/sesi/{sid}/daftar"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = member.get(&format!("/pelatihan/{slug}")).await;
    assert!(page.body.contains("Anda terdaftar"), "{}", page.body);
    let list = t.client().get("/pelatihan").await;
    assert!(list.body.contains("Menulis Berita Desa") && list.body.contains("09.00–12.00 WIB"), "{}", list.body);
    let ics = t.client().get("/pelatihan.ics").await;
    assert_eq!(ics.headers["content-type"], "text/calendar; charset=utf-8");
    assert!(ics.body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        ics.body.contains("DTSTART;TZID=Asia/Jakarta:20261130T090000")
            && ics.body.contains("SUMMARY:Menulis Berita Desa"),
        "{}",
        ics.body
    );
    assert!(ics.body.contains("LOCATION:Aula Diskominfo\\, Jl. Jend. Sudirman"));
    assert!(t.client().get(&format!("/pelatihan/{slug}/kalender.ics")).await.body.contains("BEGIN:VEVENT"));
    // The reminder goes out the day before, to those with a seat.
    assert!(t.outbox().await.iter().all(|m| !m.subject.starts_with("Besok")));
    t.advance_minutes(24 * 60);
    let mails = t.outbox().await;
    assert!(mails.iter().any(|m| m.to.contains(&email) && m.subject.starts_with("Besok")), "{mails:?}");
}

/// The text of a PDF, as poppler's pdftotext reads it.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sertifikat.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is needed to read certificates back (scripts/install-deps.sh installs poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn attending_issues_a_certificate_that_anyone_can_verify_until_it_is_revoked() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Sertifikat").await;
    let (_, sid) = session(&t, 5).await;
    // A name with every kind of Indonesian spelling: apostrophe, accents, hyphen.
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let name = "Ni Luh Putu Ayu Kadék Ma'ruf Al-Ghāzī";
    let mut tx = t.app.db.begin().await.unwrap();
    query("UPDATE users SET name = $1 WHERE email = $2")
        .bind(name)
        .bind(email.as_str())
        .execute(&mut tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let me = t.actor_by_email(&email).await;
    service::register_for(&t.app, &me, sid, me.user_id.unwrap(), &[]).await.unwrap();
    let mut member = t.login(&email, PASSWORD).await;
    // No certificate before attending.
    assert_eq!(t.count("training_certificates").await, 0);
    let key: String =
        query("SELECT attendance_key FROM training_sessions WHERE id = $1").bind(sid).scalar(&t.app.db).await.unwrap();
    t.advance_minutes(2 * 24 * 60);
    let code = training::attendance_code(&key, t.app.clock.now().0);
    assert_eq!(
        member.post_form(&format!("/pelatihan/sesi/{sid}/hadir"), &[("kode", &code)]).await.status,
        StatusCode::OK
    );
    let number: String = query("SELECT number FROM training_certificates").scalar(&t.app.db).await.unwrap();
    assert!(number.starts_with("SRT-2026-"));

    // The member finds it in their history and downloads the PDF; it reads back with the name and number.
    let mine = member.get("/pelatihan/saya").await;
    assert!(mine.body.contains(&number) && mine.body.contains("Unduh sertifikat"));
    let pdf = member
        .send(axum::http::Method::GET, &format!("/sertifikat/{number}/unduh"), None, axum::body::Body::empty())
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let bytes = simpul::features::training::render_certificate(
        &simpul::features::training::certificate_by_number(&t.app.db, &number).await.unwrap().unwrap(),
        &t.app.config.link(&format!("/sertifikat/{number}")),
        "Simpul",
    )
    .unwrap();
    let text = pdf_text(&bytes);
    assert!(text.contains(name), "{text}");
    assert!(text.contains(&number) && text.contains("Menulis Berita Desa"), "{text}");
    // Someone else cannot download it; an admin can.
    let mut other = t.login_as(Role::Anggota).await;
    assert!(other.get(&format!("/sertifikat/{number}/unduh")).await.is_denied());
    let mut admin = t.login_as(Role::Admin).await;
    assert_eq!(admin.get(&format!("/sertifikat/{number}/unduh")).await.status, StatusCode::OK);

    // Anyone verifies it: valid, unknown, and after revoking, revoked.
    let v = t.client().get(&format!("/sertifikat/{number}")).await;
    assert_eq!(v.status, StatusCode::OK);
    assert!(v.body.contains("asli dan berlaku") && v.body.contains("Kadék Ma&#39;ruf Al-Ghāzī"), "{}", v.body);
    let u = t.client().get("/sertifikat/SRT-2026-TIDAKADA").await;
    assert_eq!(u.status, StatusCode::NOT_FOUND);
    assert!(u.body.contains("Tidak ada sertifikat"));
    assert!(
        member.post_form(&format!("/kelola/pelatihan/sertifikat/{number}/cabut"), &[("reason", "x")]).await.is_denied()
    );
    let r = admin.post_form(&format!("/kelola/pelatihan/sertifikat/{number}/cabut"), &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        t.client().get(&format!("/sertifikat/{number}")).await.body.contains("asli dan berlaku"),
        "an empty reason changes nothing"
    );
    let r = admin
        .post_form(
            &format!("/kelola/pelatihan/sertifikat/{number}/cabut"),
            &[("reason", "Data peserta keliru"), ("session_id", &sid.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let v = t.client().get(&format!("/sertifikat/{number}")).await;
    assert!(v.body.contains("sudah dicabut"), "{}", v.body);
    assert!(!v.body.contains("Data peserta keliru"), "the reason is for the admins, not the public");
    assert!(member.get(&format!("/sertifikat/{number}/unduh")).await.status == StatusCode::CONFLICT);
    let audited: i64 = query("SELECT COUNT(*) FROM audit_events WHERE action LIKE 'training.certificate.%'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(audited, 2);
    // An admin's revocation stays, even when attendance is withdrawn and ticked again.
    let uid = me.user_id.unwrap().to_string();
    let path = format!("/kelola/pelatihan/sesi/{sid}/presensi");
    admin.post_form(&path, &[("user_id", &uid), ("action", "batal")]).await;
    admin.post_form(&path, &[("user_id", &uid), ("action", "hadir")]).await;
    assert!(t.client().get(&format!("/sertifikat/{number}")).await.body.contains("sudah dicabut"));
}

#[tokio::test]
async fn materials_are_for_the_sessions_participants() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Materi").await;
    let (slug, sid) = session(&t, 5).await;
    let mut admin = t.login_as(Role::Admin).await;
    let token = admin.csrf_token().await;
    let upload = |title: &str, url: &str, file: Option<&[u8]>| {
        let boundary = "XbatasX";
        let mut body = Vec::new();
        for (k, v) in [("_csrf", token.as_str()), ("title", title), ("url", url)] {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
            );
        }
        if let Some(f) = file {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"modul 1.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(f);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        body
    };
    let path = format!("/kelola/pelatihan/sesi/{sid}/materi");
    let ct = "multipart/form-data; boundary=XbatasX";
    // Neither a link nor a file (or both): refused, and the title stays.
    let r = admin.send(axum::http::Method::POST, &path, Some(ct), upload("Modul menulis", "", None).into()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"Modul menulis\""));
    // A PDF with a script is refused, as a citizen's attachment would be.
    let scripted = crate::support::pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>");
    let r = admin
        .send(axum::http::Method::POST, &path, Some(ct), upload("Modul menulis", "", Some(&scripted)).into())
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("skrip"), "{}", r.body);
    let r = admin
        .send(
            axum::http::Method::POST,
            &path,
            Some(ct),
            upload("Modul menulis", "", Some(&crate::support::pdf(""))).into(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = admin
        .send(
            axum::http::Method::POST,
            &path,
            Some(ct),
            upload("Video contoh", "https://youtube.com/watch?v=abc", None).into(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let file: i64 =
        query("SELECT id FROM training_materials WHERE storage_key IS NOT NULL").scalar(&t.app.db).await.unwrap();
    // A participant sees and downloads them; someone else does not.
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let me = t.actor_by_email(&email).await;
    let mut outsider = t.login_as(Role::Anggota).await;
    assert!(!outsider.get(&format!("/pelatihan/{slug}")).await.body.contains("Modul menulis"));
    assert!(outsider.get(&format!("/pelatihan/materi/{file}")).await.is_denied());
    service::register_for(&t.app, &me, sid, me.user_id.unwrap(), &[]).await.unwrap();
    let mut member = t.login(&email, PASSWORD).await;
    let page = member.get(&format!("/pelatihan/{slug}")).await;
    assert!(page.body.contains("Modul menulis") && page.body.contains("https://youtube.com/watch?v=abc"));
    let f = member.get(&format!("/pelatihan/materi/{file}")).await;
    assert_eq!(f.status, StatusCode::OK);
    assert_eq!(f.headers["content-disposition"], "attachment; filename=\"modul1.pdf\"");
    assert!(f.body.starts_with("%PDF-1.4") && f.body.contains("/Type /Catalog"));
}

#[tokio::test]
async fn figures_per_programme_and_kim_with_a_csv() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Angka").await;
    let (_, sid) = session(&t, 5).await;
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let me = t.actor_by_email(&email).await;
    service::register_for(&t.app, &me, sid, me.user_id.unwrap(), &[]).await.unwrap();
    let other = t.user(Role::Anggota, Some(kim), None).await;
    let other = t.actor_by_email(&other).await;
    service::register_for(&t.app, &other, sid, other.user_id.unwrap(), &[]).await.unwrap();
    service::mark(&t.app, &t.actor_for(Role::Admin).await, sid, me.user_id.unwrap(), true).await.unwrap();
    let mut admin = t.login_as(Role::Admin).await;
    let page = admin.get("/kelola/pelatihan/statistik").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<td>KIM Angka</td><td>2</td><td>1</td><td>1</td><td>0</td>"), "{}", page.body);
    let csv = admin.get("/kelola/pelatihan/statistik.csv").await;
    assert!(
        csv.body.contains("program,Menulis Berita Desa,2,1,1,0\n") && csv.body.contains("kim,KIM Angka,2,1,1,0\n"),
        "{}",
        csv.body
    );
    assert!(!csv.body.contains('@'), "no personal data");
    assert!(t.login_as(Role::Redaksi).await.get("/kelola/pelatihan/statistik.csv").await.is_denied());
}

#[tokio::test]
async fn a_practice_draft_accepted_by_the_redaksi_completes_the_training() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Latihan").await;
    let admin = t.actor_for(Role::Admin).await;
    let (_, pid_slug) = service::create_programme(
        &t.app,
        &admin,
        &ProgrammeForm {
            title: "Berita Kelurahan".into(),
            description: "Praktik menulis.".into(),
            topic: "penulisan_berita".into(),
            organiser: "Diskominfo".into(),
            trainer: "Rina".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let pid: i64 = query("SELECT id FROM training_programmes WHERE slug = $1")
        .bind(pid_slug.as_str())
        .scalar(&t.app.db)
        .await
        .unwrap();
    let form = SessionForm {
        starts_at: "2026-11-30T09:00".into(),
        ends_at: "2026-11-30T12:00".into(),
        place: "Aula".into(),
        capacity: "5".into(),
        registration_deadline: "2026-11-29T17:00".into(),
        practice: "Tulis berita 300 kata tentang kegiatan di kelurahan Anda.".into(),
        ..Default::default()
    };
    let sid = service::add_session(&t.app, &admin, pid, &form).await.unwrap();
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let me = t.actor_by_email(&email).await;
    service::register_for(&t.app, &me, sid, me.user_id.unwrap(), &[]).await.unwrap();
    service::mark(&t.app, &admin, sid, me.user_id.unwrap(), true).await.unwrap();
    // Attended, but the practice is not accepted yet: no certificate.
    assert_eq!(t.count("training_certificates").await, 0);
    let mut member = t.login(&email, PASSWORD).await;
    let page = member.get(&format!("/pelatihan/{pid_slug}")).await;
    assert!(page.body.contains(&format!("/tulis/baru?latihan={sid}")), "{}", page.body);
    let editor_form = member.get(&format!("/tulis/baru?latihan={sid}")).await;
    assert!(editor_form.body.contains(&format!("name=\"training_session_id\" value=\"{sid}\"")));
    let cat: i64 = query("SELECT id FROM categories ORDER BY id LIMIT 1").scalar(&t.app.db).await.unwrap();
    let (cat, scope, sid_s) = (cat.to_string(), format!("kim:{kim}"), sid.to_string());
    let draft = [
        ("title", "Kerja bakti warga Bulakan"),
        ("lead", "Warga membersihkan saluran air."),
        ("body", "Minggu pagi warga RT 02 membersihkan saluran air."),
        ("category_id", cat.as_str()),
        ("scope", scope.as_str()),
        ("training_session_id", sid_s.as_str()),
    ];
    // Someone without a seat cannot file it as this session's practice.
    let outsider = t.user(Role::Anggota, Some(kim), None).await;
    let mut outsider = t.login(&outsider, PASSWORD).await;
    assert!(outsider.post_form("/tulis/baru", &draft).await.is_denied());
    // Nor for a session that does not exist (a mistyped link): refused, not a server error.
    let mut nowhere = draft;
    nowhere[5] = ("training_session_id", "999999");
    let r = member.post_form("/tulis/baru", &nowhere).await;
    assert!(r.is_denied(), "{:?}", r.status);
    let r = member.post_form("/tulis/baru", &draft).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let article: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
    member.post_form(&format!("/tulis/{article}/aksi"), &[("action", "ajukan")]).await;
    // The Redaksi sees it in the normal queue, marked as practice, and publishes it.
    let redaksi = t.user(Role::Redaksi, Some(kim), None).await;
    let mut redaksi = t.login(&redaksi, PASSWORD).await;
    let queue = redaksi.get("/redaksi").await;
    assert!(
        queue.body.contains("Kerja bakti warga Bulakan") && queue.body.contains("Tugas latihan pelatihan"),
        "{}",
        queue.body
    );
    let r = redaksi.post_form(&format!("/tulis/{article}/aksi"), &[("action", "terbitkan")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let number: String = query("SELECT number FROM training_certificates").scalar(&t.app.db).await.unwrap();
    assert!(member.get("/pelatihan/saya").await.body.contains(&number));

    // A Redaksi taking part cannot accept their own practice.
    let own = t.user(Role::Redaksi, Some(kim), None).await;
    let own_actor = t.actor_by_email(&own).await;
    service::register_for(&t.app, &own_actor, sid, own_actor.user_id.unwrap(), &[]).await.unwrap();
    service::mark(&t.app, &admin, sid, own_actor.user_id.unwrap(), true).await.unwrap();
    let mut own = t.login(&own, PASSWORD).await;
    let r = own.post_form("/tulis/baru", &draft).await;
    let own_article: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
    own.post_form(&format!("/tulis/{own_article}/aksi"), &[("action", "ajukan")]).await;
    own.post_form(&format!("/tulis/{own_article}/aksi"), &[("action", "terbitkan")]).await;
    let state: String =
        query("SELECT state FROM articles WHERE id = $1").bind(own_article).scalar(&t.app.db).await.unwrap();
    assert_eq!(state, "terbit");
    assert_eq!(t.count("training_certificates").await, 1, "only the member accepted by another Redaksi");
}

#[tokio::test]
async fn editing_a_session_moves_the_queue_when_seats_are_added() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Ubah").await;
    let (_, sid) = session(&t, 1).await;
    let mut people = Vec::new();
    for _ in 0..3 {
        let e = t.user(Role::Anggota, Some(kim), None).await;
        let a = t.actor_by_email(&e).await;
        service::register_for(&t.app, &a, sid, a.user_id.unwrap(), &[]).await.unwrap();
        people.push(a);
    }
    assert_eq!(seats(&t, sid).await, (1, 2, 1));
    let mut admin = t.login_as(Role::Admin).await;
    let page = admin.get(&format!("/kelola/pelatihan/sesi/{sid}")).await;
    assert!(page.body.contains("value=\"2026-11-30T09:00\""), "the form shows the session's WIB time");
    let form = |capacity: &'static str| {
        [
            ("starts_at", "2026-11-30T13:00"),
            ("ends_at", "2026-11-30T16:00"),
            ("place", "Aula Kecamatan Cibeber"),
            ("capacity", capacity),
            ("registration_deadline", "2026-11-29T17:00"),
        ]
    };
    // Below the seats taken: refused, as typed.
    let r = admin.post_form(&format!("/kelola/pelatihan/sesi/{sid}/ubah"), &form("0")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Aula Kecamatan Cibeber"));
    // Three seats: both waiting members move up.
    let r = admin.post_form(&format!("/kelola/pelatihan/sesi/{sid}/ubah"), &form("3")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(seats(&t, sid).await, (3, 0, 3));
    let place: String =
        query("SELECT place FROM training_sessions WHERE id = $1").bind(sid).scalar(&t.app.db).await.unwrap();
    assert_eq!(place, "Aula Kecamatan Cibeber");
    let mails = t.outbox().await;
    assert_eq!(mails.iter().filter(|m| m.subject.starts_with("Anda mendapat kursi")).count(), 2);
}
