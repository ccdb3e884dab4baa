//! News: a member drafts, the Redaksi asks for changes, the member revises, the Redaksi
//! publishes, a citizen reads it (with the WhatsApp link and "Baca juga").

use axum::http::StatusCode;
use simpul::{domain::access::Role, infra::db::query};

use crate::support::{Client, PASSWORD, TestApp};

async fn category(t: &TestApp, slug: &str) -> String {
    query("SELECT id FROM categories WHERE slug = $1").bind(slug).scalar::<i64>(&t.app.db).await.unwrap().to_string()
}

async fn draft(t: &TestApp, c: &mut Client, kim: i64, title: &str, body: &str) -> i64 {
    let cat = category(t, "pembangunan").await;
    let scope = format!("kim:{kim}");
    let r = c
        .post_form(
            "/tulis/baru",
            &[
                ("title", title),
                ("lead", "Ringkasan singkat."),
                ("body", body),
                ("category_id", &cat),
                ("scope", &scope),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().trim_start_matches("/tulis/").parse().unwrap()
}

#[tokio::test]
async fn from_draft_through_review_to_a_published_article() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Berita").await;
    let writer_email = t.user(Role::Anggota, Some(kim), None).await;
    let editor_email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut writer = t.login(&writer_email, PASSWORD).await;
    let mut editor = t.login(&editor_email, PASSWORD).await;

    let body = "## Jalan baru\n\nWarga **Bulakan** menyambut.\n\n<script>alert(1)</script>[klik](javascript:alert(1))";
    let id = draft(&t, &mut writer, kim, "Jalan Lingkungan Bulakan Selesai Diperbaiki", body).await;
    let page = writer.get(&format!("/tulis/{id}")).await;
    let preview = page.body.split("<article class=\"preview\">").nth(1).unwrap().split("</article>").next().unwrap();
    assert!(preview.contains("<h2>Jalan baru</h2>"), "preview rendered by the server");
    assert!(
        !preview.contains("<script") && !preview.contains("href=\"javascript"),
        "hostile markdown is inert: {preview}"
    );
    assert!(!page.body.contains("<script>alert"), "the raw text is escaped in the editor");
    assert!(!page.body.contains("value=\"terbitkan\""), "writers see no publish button");

    assert_eq!(
        writer.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await.status,
        StatusCode::SEE_OTHER
    );
    let own_publish = writer.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    assert_eq!(own_publish.status, StatusCode::FORBIDDEN, "the author cannot publish");
    let edit_now = writer
        .post_form(&format!("/tulis/{id}"), &[("title", "x"), ("lead", "x"), ("body", "x"), ("category_id", "1")])
        .await;
    assert_eq!(edit_now.status, StatusCode::FORBIDDEN, "submitted text is the Redaksi's to edit");

    assert!(editor.get("/redaksi").await.body.contains("Jalan Lingkungan Bulakan"));
    let no_note = editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "minta_revisi")]).await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_note.body.contains("Tulis catatan"));
    editor
        .post_form(
            &format!("/tulis/{id}/aksi"),
            &[("action", "minta_revisi"), ("note", "Tambahkan tanggal peresmian.")],
        )
        .await;

    let page = writer.get(&format!("/tulis/{id}")).await;
    assert!(page.body.contains("Perlu revisi") && page.body.contains("Tambahkan tanggal peresmian."));
    let cat = category(&t, "pembangunan").await;
    let revised = "## Jalan baru\n\nDiresmikan 20 November 2026. Warga **Bulakan** menyambut.";
    let r = writer
        .post_form(
            &format!("/tulis/{id}"),
            &[
                ("title", "Jalan Lingkungan Bulakan Selesai Diperbaiki"),
                ("lead", "Ringkasan singkat."),
                ("body", revised),
                ("category_id", &cat),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    writer.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    let published = editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);

    let mut citizen = t.client();
    let list = citizen.get("/berita").await;
    assert!(list.body.contains("Jalan Lingkungan Bulakan Selesai Diperbaiki"));
    let article = citizen.get("/berita/jalan-lingkungan-bulakan-selesai-diperbaiki").await;
    assert_eq!(article.status, StatusCode::OK);
    assert!(article.body.contains("Diresmikan 20 November 2026"));
    assert!(article.body.contains("KIM Berita") && article.body.contains("Editor: Uji redaksi"));
    assert!(article.body.contains("https://wa.me/?text=Jalan+Lingkungan+Bulakan"));
    assert!(
        article.body.contains("https://t.me/share/url?url=") && article.body.contains("https://x.com/intent/post?")
    );
    assert!(article.body.contains("\"@type\":\"NewsArticle\"") && !article.body.contains("<script>alert"));
    let category = citizen.get("/kategori/pembangunan").await;
    assert!(category.body.contains("Jalan Lingkungan Bulakan"), "on its category page");
    assert!(citizen.get("/kim/kim-berita").await.body.contains("Jalan Lingkungan Bulakan"), "on its group's page");
    assert!(!article.body.contains(&writer_email), "no e-mail addresses on public pages");
    assert!(citizen.get("/").await.body.contains("Jalan Lingkungan Bulakan"), "on the home page");

    let versions: i64 =
        query("SELECT COUNT(*) FROM article_versions WHERE article_id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(versions, 2);
    let actions: Vec<String> = query("SELECT action FROM audit_events WHERE entity_type = 'article' ORDER BY id")
        .scalars(&t.app.db)
        .await
        .unwrap();
    assert_eq!(
        actions,
        [
            "article.create",
            "article.ajukan",
            "article.minta_revisi",
            "article.update",
            "article.ajukan",
            "article.terbitkan"
        ]
    );
}

#[tokio::test]
async fn a_cover_photo_is_shown_with_caption_and_shared_as_og_image() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Foto").await;
    let writer_email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut writer = t.login(&writer_email, PASSWORD).await;
    crate::media::upload(&mut writer, &crate::media::photo_with_gps(1400, 900), "Saluran air yang sudah bersih").await;
    let media_id: i64 = query("SELECT id FROM media").scalar(&t.app.db).await.unwrap();
    let key: String = query("SELECT key FROM media").scalar(&t.app.db).await.unwrap();
    let cat = category(&t, "lingkungan").await;
    let scope = format!("kim:{kim}");
    let media = media_id.to_string();
    let r = writer
        .post_form(
            "/tulis/baru",
            &[
                ("title", "Saluran Bersih"),
                ("lead", "Ringkas."),
                ("body", "Isi."),
                ("category_id", &cat),
                ("scope", &scope),
                ("cover_media_id", &media),
                ("cover_caption", "Saluran di RT 03"),
                ("cover_credit", "Budi"),
                ("video_url", "https://youtu.be/dQw4w9WgXcQ"),
            ],
        )
        .await;
    let id = r.location().trim_start_matches("/tulis/").to_owned();
    writer.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    writer.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    let page = t.client().get("/berita/saluran-bersih").await;
    assert!(page.body.contains(&format!(
        "srcset=\"/media/{key}-360.jpg 360w, /media/{key}-720.jpg 720w, /media/{key}-1280.jpg 1280w\""
    )));
    assert!(page.body.contains(&format!("content=\"http://127.0.0.1:8080/media/{key}-share.jpg\"")), "og:image");
    assert!(page.body.contains("Saluran di RT 03 · Foto: Budi"));
    assert!(
        page.body.contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"")
            && page.body.contains("Tonton video di YouTube")
    );
    assert!(!page.body.contains("<iframe"), "no third-party player until the reader chooses it");
    let bad = writer
        .post_form(
            &format!("/tulis/{id}"),
            &[("title", "x"), ("lead", "x"), ("body", "x"), ("category_id", &cat), ("cover_media_id", "999")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "an unknown photo is refused");
}

#[tokio::test]
async fn other_groups_editors_and_readers_cannot_reach_drafts() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Satu").await;
    let (other, _) = t.kim("KIM Dua").await;
    let writer_email = t.user(Role::Anggota, Some(kim), None).await;
    let mut writer = t.login(&writer_email, PASSWORD).await;
    let id = draft(&t, &mut writer, kim, "Draf Rahasia", "Isi draf.").await;
    writer.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;

    let stranger_editor = t.user(Role::Redaksi, Some(other), None).await;
    let mut stranger = t.login(&stranger_editor, PASSWORD).await;
    assert_eq!(stranger.get(&format!("/tulis/{id}")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        stranger.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(!stranger.get("/redaksi").await.body.contains("Draf Rahasia"));

    let city_email = t.user(Role::Redaksi, None, None).await;
    let mut city = t.login(&city_email, PASSWORD).await;
    assert!(city.get("/redaksi").await.body.contains("Draf Rahasia"), "the city desk sees every group");
    let other_scope = format!("kim:{other}");
    let cat = category(&t, "kesehatan").await;
    let wrong_scope = writer
        .post_form(
            "/tulis/baru",
            &[("title", "X"), ("lead", "X"), ("body", "X"), ("category_id", &cat), ("scope", &other_scope)],
        )
        .await;
    assert_eq!(wrong_scope.status, StatusCode::UNPROCESSABLE_ENTITY, "only for groups the writer belongs to");

    assert!(!t.client().get("/berita").await.body.contains("Draf Rahasia"));
    let slugless: Option<String> =
        query("SELECT slug FROM articles WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(slugless, None, "no public address before publication");
}

#[tokio::test]
async fn feeds_in_three_formats_parse_with_a_real_feed_parser() {
    let t = TestApp::new().await;
    let (kim, kim_slug) = t.kim("KIM Umpan").await;
    let email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut editor = t.login(&email, PASSWORD).await;
    let id = draft(&t, &mut editor, kim, "Posyandu & Imunisasi <Anak>", "Isi **berita**.").await;
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    let mut reader = t.client();
    for path in [
        "/feed.xml".to_owned(),
        "/atom.xml".to_owned(),
        "/feed.json".to_owned(),
        "/kategori/pembangunan/feed.xml".to_owned(),
        "/kategori/pembangunan/atom.xml".to_owned(),
        format!("/kim/{kim_slug}/feed.json"),
    ] {
        let r = reader.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        let feed = feed_rs::parser::parse(r.body.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}\n{}", r.body));
        assert_eq!(feed.entries.len(), 1, "{path}");
        let entry = &feed.entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, "Posyandu & Imunisasi <Anak>", "{path}");
        assert_eq!(entry.links[0].href, "http://127.0.0.1:8080/berita/posyandu-dan-imunisasi-anak", "{path}");
        assert!(entry.published.is_some(), "{path}");
    }
    assert_eq!(
        reader.get("/kategori/kesehatan/feed.xml").await.status,
        StatusCode::OK,
        "an empty category still has a feed"
    );
    assert_eq!(reader.get("/kategori/pembangunan/feed.txt").await.status, StatusCode::NOT_FOUND);
    let page = reader.get(&format!("/kim/{kim_slug}")).await;
    assert!(page.body.contains(&format!("href=\"/kim/{kim_slug}/feed.xml\"")), "the group's feed is advertised");
}

#[tokio::test]
async fn a_scheduled_article_goes_out_at_its_time_unless_cancelled() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Jadwal").await;
    let email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut editor = t.login(&email, PASSWORD).await;
    let id = draft(&t, &mut editor, kim, "Lomba Kebersihan Dimulai", "Isi.").await;
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    // The test clock starts at 2026-11-28 09:00 WIB.
    let past = editor
        .post_form(&format!("/tulis/{id}/aksi"), &[("action", "jadwalkan"), ("publish_at", "2026-11-28T08:00")])
        .await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(past.body.contains("harus di masa depan"));
    let r = editor
        .post_form(&format!("/tulis/{id}/aksi"), &[("action", "jadwalkan"), ("publish_at", "2026-11-28T10:00")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(editor.get(&format!("/tulis/{id}")).await.body.contains("Terbit pada 28 November 2026 pukul 10.00 WIB"));
    t.run_jobs().await;
    assert_eq!(t.client().get("/berita/lomba-kebersihan-dimulai").await.status, StatusCode::NOT_FOUND, "not yet");
    t.advance_minutes(61);
    t.run_jobs().await;
    assert_eq!(t.client().get("/berita/lomba-kebersihan-dimulai").await.status, StatusCode::OK, "out at its time");
    let by: String = query("SELECT actor_label FROM audit_events WHERE action = 'article.terbit_terjadwal'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(by, "sistem", "the schedule acts as the system, named as everywhere in the trail");

    let id2 = draft(&t, &mut editor, kim, "Acara Dibatalkan", "Isi.").await;
    editor.post_form(&format!("/tulis/{id2}/aksi"), &[("action", "ajukan")]).await;
    editor
        .post_form(&format!("/tulis/{id2}/aksi"), &[("action", "jadwalkan"), ("publish_at", "2026-11-28T12:00")])
        .await;
    editor.post_form(&format!("/tulis/{id2}/aksi"), &[("action", "batalkan_jadwal")]).await;
    t.advance_minutes(120);
    t.run_jobs().await;
    assert_eq!(
        t.client().get("/berita/acara-dibatalkan").await.status,
        StatusCode::NOT_FOUND,
        "a cancelled schedule stays unpublished"
    );
    let state: String = query("SELECT state FROM articles WHERE id = $1").bind(id2).scalar(&t.app.db).await.unwrap();
    assert_eq!(state, "diajukan");
}

fn corpus_line(slug: &str, title: &str, category: &str, body: &str) -> String {
    serde_json::json!({
        "slug": slug, "title": title, "category": category, "tags": ["uji"],
        "published_at": "2021-01-04T07:30:00+07:00", "body_markdown": body,
    })
    .to_string()
}

#[tokio::test]
async fn bulk_import_is_idempotent_reports_bad_lines_and_keeps_links() {
    let t = TestApp::new().await;
    let text = [
        corpus_line(
            "pasar-baru-dibuka",
            "Pasar Baru Dibuka",
            "Ekonomi",
            "**CILEGON** – Pasar dibuka.\n\nBaca juga: [Jalan](/berita/jalan-diperbaiki)",
        ),
        "{ this is not json".to_owned(),
        corpus_line("jalan-diperbaiki", "Jalan Diperbaiki", "Pariwisata Baru", "Jalan mulus."),
        corpus_line("Bad Slug", "X", "Ekonomi", "x"),
    ]
    .join("\n");
    let cli = simpul::domain::access::Actor::cli();
    let report = simpul::features::news::import_jsonl(&t.app, &cli, &text, |_, _| {}).await.unwrap();
    assert_eq!((report.imported, report.existing), (2, 0));
    assert_eq!(report.skipped.iter().map(|s| s.0).collect::<Vec<_>>(), vec![2, 4], "bad lines by number");
    let again = simpul::features::news::import_jsonl(&t.app, &cli, &text, |_, _| {}).await.unwrap();
    assert_eq!((again.imported, again.existing), (0, 2));
    let mut reader = t.client();
    let page = reader.get("/berita/pasar-baru-dibuka").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/berita/jalan-diperbaiki\""));
    assert_eq!(reader.get("/berita/jalan-diperbaiki").await.status, StatusCode::OK, "the linked article exists");
    assert_eq!(reader.get("/kategori/pariwisata-baru").await.status, StatusCode::OK, "unknown categories are created");
    assert!(page.body.contains("CILEGON – Pasar dibuka."), "the lead comes from the first paragraph");
    assert!(page.body.contains("href=\"/tag/uji\""), "tags come along");
    let tagged = reader.get("/tag/uji").await;
    assert!(tagged.body.contains("Pasar Baru Dibuka") && tagged.body.contains("Jalan Diperbaiki"));
}

#[tokio::test]
async fn sitemaps_and_the_api_list_published_news_only() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Peta").await;
    let email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut editor = t.login(&email, PASSWORD).await;
    let id = draft(&t, &mut editor, kim, "Berita Peta Situs", "Isi.").await;
    draft(&t, &mut editor, kim, "Masih Draf", "Isi.").await;
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    let mut c = t.client();
    let index = c.get("/sitemap.xml").await;
    assert!(index.body.contains("<sitemapindex") && index.body.contains("/sitemaps/sitemap-berita-1.xml"));
    let child = c.get("/sitemaps/sitemap-berita-1.xml").await;
    assert!(child.body.contains("/berita/berita-peta-situs") && !child.body.contains("masih-draf"));
    assert!(c.get("/sitemaps/sitemap-pages.xml").await.body.contains("/kim/kim-peta"));
    assert_eq!(c.get("/sitemaps/sitemap-berita-9.xml").await.status, StatusCode::NOT_FOUND);
    let news = c.get("/sitemap-news.xml").await;
    assert!(news.body.contains("<news:title>Berita Peta Situs</news:title>"));
    t.advance_minutes(49 * 60);
    assert!(!t.client().get("/sitemap-news.xml").await.body.contains("Berita Peta Situs"), "only the last 48 hours");
    let api = c.get("/api/v1/articles").await.json();
    assert_eq!(api.as_array().unwrap().len(), 1);
    assert_eq!(api[0]["slug"], "berita-peta-situs");
    assert_eq!(c.get("/api/v1/articles/masih-draf").await.status, StatusCode::NOT_FOUND);
}
