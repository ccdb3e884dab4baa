//! The deployment's time zone: the same journeys in WIB, WITA and WIT. A kabupaten in Sulawesi
//! or Papua sees its own clock in deadlines, schedules, attendance windows, calendar feeds and
//! certificates. The test clock's start (02:00 UTC on Saturday 28 November 2026) is 09:00 WIB,
//! 10:00 WITA and 11:00 WIT.

use axum::http::StatusCode;
use simpul::{
    domain::{
        access::Role,
        time::{Date, Timestamp, Zone},
        training,
    },
    features::training::{self as service, ProgrammeForm, SessionForm},
    infra::db::query,
};

use crate::{
    aspirations::{city, file_report},
    support::{PASSWORD, TestApp},
};

const ZONES: [(&str, &str, i64); 3] =
    [("Asia/Jakarta", "WIB", 7), ("Asia/Makassar", "WITA", 8), ("Asia/Jayapura", "WIT", 9)];

async fn app_in(zone: &str) -> TestApp {
    let t = TestApp::with_config(|c| c.timezone = Zone::parse(zone).unwrap()).await;
    t.load_regions().await;
    t
}

/// Minutes from the test clock's start to `hh:mm` local time on 28 November.
fn minutes_until(offset_hours: i64, hh: i64, mm: i64) -> i64 {
    let start_local = (2 + offset_hours) * 60;
    hh * 60 + mm - start_local
}

#[tokio::test]
async fn a_scheduled_article_goes_out_at_the_local_time_typed() {
    for (name, abbr, offset) in ZONES {
        let t = app_in(name).await;
        let (kim, _) = t.kim("KIM Zona").await;
        let email = t.user(Role::Redaksi, Some(kim), None).await;
        let mut editor = t.login(&email, PASSWORD).await;
        let cat: String =
            query("SELECT id FROM categories ORDER BY id LIMIT 1").scalar::<i64>(&t.app.db).await.unwrap().to_string();
        let scope = format!("kim:{kim}");
        let r = editor
            .post_form(
                "/tulis/baru",
                &[
                    ("title", "Kerja Bakti Serentak"),
                    ("lead", "Ringkasan."),
                    ("body", "Isi."),
                    ("category_id", &cat),
                    ("scope", &scope),
                ],
            )
            .await;
        let id: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
        editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
        let form = editor.get(&format!("/tulis/{id}")).await;
        assert!(form.body.contains(&format!("Waktu terbit ({abbr})")), "{name}: the field says its zone");
        let r = editor
            .post_form(&format!("/tulis/{id}/aksi"), &[("action", "jadwalkan"), ("publish_at", "2026-11-28T13:00")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}: {}", r.body);
        let page = editor.get(&format!("/tulis/{id}")).await;
        assert!(page.body.contains(&format!("Terbit pada 28 November 2026 pukul 13.00 {abbr}")), "{name}");
        t.advance_minutes(minutes_until(offset, 12, 59));
        t.run_jobs().await;
        assert_eq!(t.client().get("/berita/kerja-bakti-serentak").await.status, StatusCode::NOT_FOUND, "{name}");
        t.advance_minutes(2);
        t.run_jobs().await;
        assert_eq!(t.client().get("/berita/kerja-bakti-serentak").await.status, StatusCode::OK, "{name}");
    }
}

#[tokio::test]
async fn aspiration_deadlines_end_at_local_midnight() {
    for (name, abbr, _) in ZONES {
        let t = app_in(name).await;
        let zone = Zone::parse(name).unwrap();
        let c = city(&t).await;
        file_report(&t, &c, &[]).await;
        // Filed on Saturday 28 November: three working days → the end of Wednesday 2 December.
        let due: i64 = query("SELECT due_at FROM aspirations").scalar(&t.app.db).await.unwrap();
        assert_eq!(Timestamp(due), Date::parse("2026-12-02").unwrap().end_in(&zone), "{name}");
        let mut coordinator = t.login(&c.coordinator, PASSWORD).await;
        let desk = coordinator.get("/kelola/aspirasi").await;
        assert!(desk.body.contains(&format!("2 Desember 2026 pukul 23.59 {abbr}")), "{name}: {}", desk.body);
    }
}

async fn programme_with_session(t: &TestApp, starts: &str, ends: &str) -> (String, i64) {
    let admin = t.actor_for(Role::Admin).await;
    let form = ProgrammeForm {
        title: "Menulis Berita Desa".into(),
        description: "Dasar 5W+1H.".into(),
        topic: "penulisan_berita".into(),
        organiser: "Diskominfo".into(),
        trainer: "Rina".into(),
        ..Default::default()
    };
    let (pid, slug) = service::create_programme(&t.app, &admin, &form).await.unwrap();
    let s = SessionForm {
        starts_at: starts.into(),
        ends_at: ends.into(),
        place: "Aula".into(),
        capacity: "10".into(),
        registration_deadline: "2026-11-29T17:00".into(),
        ..Default::default()
    };
    (slug, service::add_session(&t.app, &admin, pid, &s).await.unwrap())
}

#[tokio::test]
async fn training_schedules_calendars_attendance_and_certificates_follow_the_zone() {
    for (name, abbr, offset) in ZONES {
        let t = app_in(name).await;
        let zone = Zone::parse(name).unwrap();
        // Early on 1 December, local time: still 30 November in UTC, in every zone.
        let (slug, sid) = programme_with_session(&t, "2026-12-01T06:00", "2026-12-01T08:00").await;
        let starts: i64 =
            query("SELECT starts_at FROM training_sessions WHERE id = $1").bind(sid).scalar(&t.app.db).await.unwrap();
        assert_eq!(Timestamp(starts).to_rfc3339(), format!("2026-11-30T{:02}:00:00Z", 24 + 6 - offset), "{name}");
        let list = t.client().get("/pelatihan").await;
        assert!(list.body.contains(&format!("1 Desember 2026 · 06.00–08.00 {abbr}")), "{name}: {}", list.body);
        let ics = t.client().get(&format!("/pelatihan/{slug}/kalender.ics")).await.body;
        assert!(ics.contains(&format!("DTSTART;TZID={name}:20261201T060000")), "{name}: {ics}");
        assert!(ics.contains(&format!("TZOFFSETTO:+0{offset}00")) && ics.contains(&format!("TZNAME:{abbr}")), "{ics}");
        let mut admin = t.login_as(Role::Admin).await;
        let edit = admin.get(&format!("/kelola/pelatihan/sesi/{sid}")).await;
        assert!(edit.body.contains("value=\"2026-12-01T06:00\""), "{name}: the form shows local time");
        assert!(edit.body.contains(&format!("Mulai ({abbr})")), "{name}");

        let (kim, _) = t.kim("KIM Zona").await;
        let email = t.user(Role::Anggota, Some(kim), None).await;
        let me = t.actor_by_email(&email).await;
        service::register_for(&t.app, &me, sid, me.user_id.unwrap(), &[]).await.unwrap();
        let mut member = t.login(&email, PASSWORD).await;
        let key: String = query("SELECT attendance_key FROM training_sessions WHERE id = $1")
            .bind(sid)
            .scalar(&t.app.db)
            .await
            .unwrap();
        // 04:50 local on 1 December: more than an hour early, refused.
        t.advance_minutes(minutes_until(offset, 24 * 3 + 4, 50));
        let path = format!("/pelatihan/sesi/{sid}/hadir");
        let early = member.post_form(&path, &[("kode", &training::attendance_code(&key, t.app.clock.now().0))]).await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        // 05:10 local: within the hour before, accepted.
        t.advance_minutes(20);
        let ok = member.post_form(&path, &[("kode", &training::attendance_code(&key, t.app.clock.now().0))]).await;
        assert_eq!(ok.status, StatusCode::OK, "{name}: {}", ok.body);
        let (number, day): (String, String) = query("SELECT number, session_date FROM training_certificates")
            .fetch_one::<(String, String)>(&t.app.db)
            .await
            .unwrap();
        assert_eq!(day, "1 Desember 2026", "{name}: the certificate carries the local date");
        assert!(number.starts_with("SRT-2026-"));
        assert_eq!(Timestamp(starts).date_in(&zone).to_string(), "2026-12-01");
    }
}
