//! Staff are told of their work: "Tugas saya" counts for every role (matching the desks), the
//! landing after sign-in, the menu's count, newsroom mail; and the front door: every channel,
//! live figures, news with thumbnails, the site's identity and favicon.

use axum::http::StatusCode;
use simpul::{domain::access::Role, infra::db::query};

use crate::{
    aspirations::{city, file_report, step},
    factcheck::publish as publish_clarification,
    support::{Client, PASSWORD, TestApp},
};

async fn category(t: &TestApp) -> String {
    let id: i64 = query("SELECT id FROM categories WHERE slug = 'pembangunan'").scalar(&t.app.db).await.unwrap();
    id.to_string()
}

/// A draft by `writer` in `kim`, submitted for review; returns its id.
async fn submitted(t: &TestApp, writer: &mut Client, kim: i64, title: &str) -> i64 {
    let cat = category(t).await;
    let scope = format!("kim:{kim}");
    let r = writer
        .post_form(
            "/tulis/baru",
            &[
                ("title", title),
                ("lead", "Ringkasan."),
                ("body", "Isi berita."),
                ("category_id", &cat),
                ("scope", &scope),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
    assert_eq!(
        writer.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await.status,
        StatusCode::SEE_OTHER
    );
    id
}

/// The number shown after a list's heading on /tugas (0 when the list is not there).
fn count_of(page: &str, heading: &str) -> i64 {
    let Some(at) = page.find(heading) else { return 0 };
    let rest = &page[at..];
    let start = rest.find("<span class=\"count\">").expect("a count") + "<span class=\"count\">".len();
    rest[start..].split('<').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn every_role_lands_on_its_task_list_and_the_counts_match_the_desks() {
    let t = TestApp::new().await;
    t.load_regions().await;
    let c = city(&t).await;
    let (kim, _) = t.kim("KIM Tugas").await;
    let writer_email = t.user(Role::Anggota, Some(kim), None).await;
    let editor_email = t.user(Role::Redaksi, Some(kim), None).await;

    // Three reports: one verified and disposed to the road OPD, two waiting for verification.
    let (disposed, _, _) = file_report(&t, &c, &[]).await;
    file_report(&t, &c, &[]).await;
    file_report(&t, &c, &[]).await;
    let mut coord = t.client();
    let r = coord.post_form("/masuk", &[("email", &c.coordinator), ("password", PASSWORD), ("next", "/")]).await;
    assert_eq!(r.location(), "/tugas", "staff land on their task list");
    step(&mut coord, disposed, &[("action", "verify")]).await;
    let road = c.road_opd.to_string();
    step(&mut coord, disposed, &[("action", "dispose"), ("opd_id", &road)]).await;

    // A browser asks for a page (Accept: text/html): the menu shows the count.
    let tasks = coord.clone_with_header("accept", "text/html,*/*").get("/tugas").await.body;
    assert_eq!(count_of(&tasks, "Laporan menunggu verifikasi"), 2, "{tasks}");
    let desk = coord.get("/kelola/aspirasi?status=baru").await.body;
    assert_eq!(desk.matches("href=\"/kelola/aspirasi/").count(), 2, "the desk shows the same two");
    assert!(
        tasks.contains("Tugas saya") && tasks.contains("<span class=\"count\" aria-hidden=\"true\">"),
        "the menu's count"
    );

    // The officer: one disposition, with its working days left, linked to the report.
    let mut officer = t.login(&c.officer, PASSWORD).await;
    let tasks = officer.get("/tugas").await.body;
    assert_eq!(count_of(&tasks, "Disposisi untuk ditindaklanjuti"), 1, "{tasks}");
    assert!(tasks.contains(&format!("/kelola/aspirasi/{disposed}")) && tasks.contains("hari kerja lagi"));
    assert_eq!(count_of(&tasks, "Laporan menunggu verifikasi"), 0, "not the coordinator's work");
    // The other OPD's officer has nothing.
    let mut other = t.login(&c.other_officer, PASSWORD).await;
    assert!(other.get("/tugas").await.body.contains("Tidak ada yang menunggu Anda"));
    // Past the deadline, the coordinator sees the late ones and the officer how late.
    t.advance_minutes(60 * 24 * 12);
    let tasks = coord.get("/tugas").await.body;
    assert_eq!(count_of(&tasks, "Laporan melewati tenggat"), 3, "{tasks}");
    assert!(officer.get("/tugas").await.body.contains("terlambat"));

    // The newsroom: a submitted draft waits for the group's Redaksi; a draft sent back waits
    // for its writer.
    let mut writer = t.login(&writer_email, PASSWORD).await;
    let first = submitted(&t, &mut writer, kim, "Posyandu baru di Bulakan").await;
    submitted(&t, &mut writer, kim, "Jalan lingkungan dicor").await;
    let mut editor = t.login(&editor_email, PASSWORD).await;
    assert_eq!(count_of(&editor.get("/tugas").await.body, "Naskah menunggu diperiksa Redaksi"), 2);
    let r = editor
        .post_form(
            &format!("/tulis/{first}/aksi"),
            &[("action", "minta_revisi"), ("note", "Tambahkan jam buka posyandu.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(count_of(&editor.get("/tugas").await.body, "Naskah menunggu diperiksa Redaksi"), 1);
    assert_eq!(count_of(&writer.get("/tugas").await.body, "Naskah Anda perlu diperbaiki"), 1);
    // The author was told, with the note and a link to the draft.
    let mails = t.outbox().await;
    let back = mails.iter().find(|m| m.to == writer_email && m.subject.contains("perlu diperbaiki")).expect("mail");
    assert!(back.body.contains("Tambahkan jam buka posyandu.") && back.body.contains(&format!("/tulis/{first}")));

    // The fact-check desk: one open rumour.
    let mut api = t.client();
    api.post_raw("/api/v1/tips", "application/json", serde_json::json!({ "text": "Beredar kabar pembagian sembako gratis di kantor kecamatan Jombang besok pagi untuk semua warga" }).to_string()).await;
    let desk_editor = t.user(Role::Redaksi, None, None).await;
    let mut desk = t.login(&desk_editor, PASSWORD).await;
    assert_eq!(count_of(&desk.get("/tugas").await.body, "Isu hoaks belum selesai dicek"), 1);

    // A citizen is told where their own things are.
    let citizen = t.citizen().await;
    let mut me = t.client();
    let r = me.post_form("/masuk", &[("email", &citizen), ("password", PASSWORD), ("next", "/")]).await;
    assert_eq!(r.location(), "/", "citizens land on the home page");
    let page = me.get("/tugas").await.body;
    assert!(page.contains("Laporan saya") && !page.contains("<span class=\"count\""));
}

#[tokio::test]
async fn the_redaksi_gets_at_most_one_review_mail_per_quarter_hour_and_authors_hear_of_publication() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Surel").await;
    let writer_email = t.user(Role::Anggota, Some(kim), None).await;
    let editor_email = t.user(Role::Redaksi, Some(kim), None).await;
    let other_kim = t.kim("KIM Lain").await.0;
    let other_editor = t.user(Role::Redaksi, Some(other_kim), None).await;
    let mut writer = t.login(&writer_email, PASSWORD).await;
    let review_mails = |mails: &[simpul::infra::mail::OutboxFile], to: &str| {
        mails.iter().filter(|m| m.to == to && m.subject.contains("menunggu diperiksa")).count()
    };
    let first = submitted(&t, &mut writer, kim, "Lomba kebersihan antar-RW").await;
    submitted(&t, &mut writer, kim, "Pasar murah di alun-alun").await;
    simpul::registry::run_tasks_once(&t.app, |n| n == "news.review_mail").await.unwrap();
    let mails = t.outbox().await;
    assert_eq!(review_mails(&mails, &editor_email), 1, "both drafts in one mail");
    let digest = mails.iter().find(|m| m.to == editor_email).unwrap();
    assert!(
        digest.body.contains("Lomba kebersihan")
            && digest.body.contains("Pasar murah")
            && digest.body.contains("/redaksi")
    );
    assert_eq!(review_mails(&mails, &other_editor), 0, "another group's Redaksi is not told");
    // A third draft five minutes later waits for the quarter hour.
    t.advance_minutes(5);
    submitted(&t, &mut writer, kim, "Senam sehat lansia").await;
    simpul::registry::run_tasks_once(&t.app, |n| n == "news.review_mail").await.unwrap();
    assert_eq!(review_mails(&t.outbox().await, &editor_email), 1);
    t.advance_minutes(11);
    simpul::registry::run_tasks_once(&t.app, |n| n == "news.review_mail").await.unwrap();
    simpul::registry::run_tasks_once(&t.app, |n| n == "news.review_mail").await.unwrap();
    let mails = t.outbox().await;
    assert_eq!(review_mails(&mails, &editor_email), 2, "then one more, with only the new draft");

    // Publication: the author gets the public link.
    let mut editor = t.login(&editor_email, PASSWORD).await;
    assert_eq!(
        editor.post_form(&format!("/tulis/{first}/aksi"), &[("action", "terbitkan")]).await.status,
        StatusCode::SEE_OTHER
    );
    let slug: String = query("SELECT slug FROM articles WHERE id = $1").bind(first).scalar(&t.app.db).await.unwrap();
    let mails = t.outbox().await;
    let out = mails.iter().find(|m| m.to == writer_email && m.subject.contains("terbit")).expect("publication mail");
    assert!(out.body.contains(&format!("/berita/{slug}")));
}

#[tokio::test]
async fn the_front_door_shows_every_channel_live_figures_and_the_citys_identity() {
    let t = TestApp::new().await;
    t.load_regions().await;
    let home = t.client().get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    for path in ["/aspirasi/baru", "/cek-fakta", "/pelatihan", "/berita", "/aspirasi/lacak"] {
        assert!(home.body.contains(&format!("href=\"{path}\"")), "{path}");
    }
    assert!(!home.body.contains("Segera hadir"));
    assert!(home.body.contains("rel=\"icon\" href=\"/favicon.ico\""));
    let icon = t.client().get("/favicon.ico").await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(icon.headers["content-type"], "image/png");

    // Figures: a report answered this month (on time), a clarification.
    let c = city(&t).await;
    let (id, _, _) = file_report(&t, &c, &[]).await;
    let mut coord = t.login(&c.coordinator, PASSWORD).await;
    step(&mut coord, id, &[("action", "verify")]).await;
    step(&mut coord, id, &[("action", "dispose"), ("opd_id", &c.road_opd.to_string())]).await;
    let mut officer = t.login(&c.officer, PASSWORD).await;
    step(&mut officer, id, &[("action", "respond"), ("body", "Sudah diperbaiki.")]).await;
    let mut editor = t.login_as(Role::Redaksi).await;
    publish_clarification(
        &mut editor,
        "HOAKS",
        "Vaksin berisi chip",
        "Vaksin di posyandu berisi chip pelacak dari luar negeri.",
    )
    .await;
    let home = t.client().get("/").await.body;
    let figure = |label: &str| -> i64 {
        let at = home.find(label).unwrap_or_else(|| panic!("{label} in {home}"));
        let strong = home[..at].rfind("<strong>").unwrap() + "<strong>".len();
        home[strong..].split('<').next().unwrap().parse().unwrap()
    };
    assert_eq!(figure("laporan ditanggapi bulan ini"), 1);
    assert!(home.contains("100% tepat waktu"));
    assert_eq!(figure("klarifikasi hoaks terbit"), 1);
    assert_eq!(figure("anggota KIM sudah dilatih"), 0);

    // The admin names the city and uploads a logo: every page, the feed and the favicon follow.
    let admin_email = t.user(Role::Admin, None, None).await;
    let mut admin = t.login(&admin_email, PASSWORD).await;
    assert!(admin.get("/admin").await.body.contains("href=\"/admin/situs\""));
    let logo = crate::media::photo_with_gps(300, 200);
    let r = upload_settings(&mut admin, "Kota Cilegon", Some(&logo)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = t.client().get("/berita").await.body;
    let title = format!("{} Kota Cilegon", t.app.config.site_name);
    assert!(page.contains(&title), "{page}");
    assert!(page.contains("/situs/logo.png?v="));
    let feed = t.client().get("/feed.xml").await.body;
    assert!(feed.contains(&title));
    let logo_url = page.split("/situs/logo.png?v=").nth(1).unwrap().split('"').next().unwrap();
    let served = t.client().get(&format!("/situs/logo.png?v={logo_url}")).await;
    assert_eq!(served.status, StatusCode::OK);
    assert!(!served.body.contains("Exif"), "re-encoded: no metadata");
    assert_ne!(t.client().get("/favicon.ico").await.body, icon.body, "the favicon is the logo now");
    // Bad input: not an image, a name too long; nothing changes.
    let r = upload_settings(&mut admin, &"x".repeat(200), Some(b"bukan gambar")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&"x".repeat(200)), "the form keeps what was typed");
    assert!(t.client().get("/").await.body.contains(&title));
    // Only admins.
    let mut writer = t.login_as(Role::Redaksi).await;
    assert!(upload_settings(&mut writer, "Kota Lain", None).await.is_denied());
}

async fn upload_settings(c: &mut Client, city: &str, logo: Option<&[u8]>) -> crate::support::Resp {
    let b = "----situs";
    let token = c.csrf_token().await;
    let mut body = format!("--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n").into_bytes();
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"city\"\r\n\r\n{city}\r\n").as_bytes(),
    );
    if let Some(l) = logo {
        body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
        body.extend_from_slice(l);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
    c.send(axum::http::Method::POST, "/admin/situs", Some(&format!("multipart/form-data; boundary={b}")), body.into())
        .await
}

#[tokio::test]
async fn the_demo_shows_a_living_city() {
    let t = TestApp::empty().await;
    simpul::demo::load_if_empty(&t.app).await.unwrap();
    let news = t.client().get("/berita").await.body;
    assert!(news.matches("class=\"news-card\"").count() >= 10, "a page of news");
    assert!(news.matches("class=\"thumb\"").count() >= 10, "with photos");
    let published: i64 = query("SELECT COUNT(*) FROM articles WHERE state = 'terbit' AND cover_media_id IS NOT NULL")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert!(published >= 12);
    let groups: i64 = query("SELECT COUNT(DISTINCT kim_id) FROM articles").scalar(&t.app.db).await.unwrap();
    let categories: i64 = query("SELECT COUNT(DISTINCT category_id) FROM articles").scalar(&t.app.db).await.unwrap();
    assert!(groups >= 3 && categories >= 5);
    // Reports in different states, public ones listed, one answered and rated.
    let states: Vec<String> =
        query("SELECT DISTINCT status FROM aspirations ORDER BY status").scalars(&t.app.db).await.unwrap();
    assert!(states.len() >= 5, "{states:?}");
    let rated: i64 =
        query("SELECT COUNT(*) FROM aspirations WHERE rating IS NOT NULL").scalar(&t.app.db).await.unwrap();
    assert_eq!(rated, 1);
    let list = t.client().get("/aspirasi").await.body;
    assert!(list.matches("href=\"/aspirasi/ASP-").count() >= 6, "{list}");
    let open311 = t.client().get("/open311/v2/requests.json").await;
    assert!(open311.json().as_array().is_some_and(|a| a.len() >= 6), "{}", open311.body);
    assert_eq!(t.count("clarifications").await, 3);
    let training = t.client().get("/pelatihan").await.body;
    assert!(training.contains("Menulis berita untuk anggota KIM") && training.contains("25"), "{training}");
    let home = t.client().get("/").await.body;
    assert!(home.contains("Kota Cilegon") && home.contains("class=\"thumb\""));
}

#[tokio::test]
async fn trainers_see_sessions_ahead_and_attendance_to_complete() {
    use simpul::features::training::{self as service, ProgrammeForm, SessionForm};
    let t = TestApp::new().await;
    let admin_email = t.user(Role::Admin, None, None).await;
    let admin = t.actor_by_email(&admin_email).await;
    let form = ProgrammeForm {
        title: "Konten media sosial untuk KIM".into(),
        description: "Membuat konten singkat.".into(),
        topic: "konten_media_sosial".into(),
        organiser: "Diskominfo".into(),
        trainer: "Rina".into(),
        ..Default::default()
    };
    let (pid, _) = service::create_programme(&t.app, &admin, &form).await.unwrap();
    // The test clock starts on Saturday 28 November 2026, 09:00.
    let session = SessionForm {
        starts_at: "2026-12-01T09:00".into(),
        ends_at: "2026-12-01T12:00".into(),
        place: "Aula".into(),
        capacity: "10".into(),
        registration_deadline: "2026-11-30T17:00".into(),
        ..Default::default()
    };
    let sid = service::add_session(&t.app, &admin, pid, &session).await.unwrap();
    let (kim, _) = t.kim("KIM Latih").await;
    let member_email = t.user(Role::Anggota, Some(kim), None).await;
    let member = t.actor_by_email(&member_email).await;
    service::register_for(&t.app, &member, sid, member.user_id.unwrap(), &[kim]).await.unwrap();

    let mut trainer = t.login(&admin_email, PASSWORD).await.clone_with_header("accept", "text/html");
    let page = trainer.get("/tugas").await.body;
    assert_eq!(count_of(&page, "Sesi pelatihan dua minggu ke depan"), 1, "{page}");
    assert!(page.contains("1 dari 10 kursi terisi") && page.contains(&format!("/kelola/pelatihan/sesi/{sid}")));
    assert!(!page.contains("<span class=\"count\" aria-hidden=\"true\">"), "sessions ahead are not a task to act on");
    // After the session, the member not yet marked present is a task.
    t.advance_minutes(60 * 24 * 4);
    let page = trainer.get("/tugas").await.body;
    assert_eq!(count_of(&page, "Daftar hadir belum lengkap"), 1, "{page}");
    assert!(page.contains("1 peserta belum tercatat hadir"));
    assert!(page.contains("<span class=\"count\" aria-hidden=\"true\">1</span>"), "counted in the menu");
    service::mark(&t.app, &admin, sid, member.user_id.unwrap(), true).await.unwrap();
    assert_eq!(count_of(&trainer.get("/tugas").await.body, "Daftar hadir belum lengkap"), 0);
}
