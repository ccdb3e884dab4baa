//! Search: everyday Indonesian finds the right articles, any text is a valid query, the index
//! follows publishing through the outbox and rebuilds itself when it is lost.

use std::collections::HashSet;

use axum::http::StatusCode;
use simpul::{
    domain::access::{Actor, Role},
    features::{news, search},
};

use crate::support::{PASSWORD, TestApp};

fn line(slug: &str, title: &str, category: &str, published: &str, body: &str) -> String {
    serde_json::json!({
        "slug": slug, "title": title, "category": category, "tags": [],
        "published_at": published, "body_markdown": body,
    })
    .to_string()
}

/// Imports a small corpus and brings the index up to date.
async fn corpus(t: &TestApp) {
    let lines = [
        line(
            "sembako-bagi-warga",
            "Sembako untuk warga Bulakan",
            "Ekonomi",
            "2025-03-02T08:00:00+07:00",
            "Pemerintah kota membagi paket sembako kepada 300 keluarga.",
        ),
        line(
            "rumah-warga-diperbaiki",
            "Program bedah rumah berlanjut",
            "Pembangunan",
            "2026-05-10T08:00:00+07:00",
            "Rumah milik Pak Darto di Citangkil kini layak huni.",
        ),
        line(
            "posyandu-anak",
            "Posyandu ramai",
            "Kesehatan",
            "2026-06-01T08:00:00+07:00",
            "Anak balita ditimbang dan diberi vitamin A.",
        ),
        line(
            "jalan-rusak-cibeber",
            "Warga keluhkan jalan rusak",
            "Pembangunan",
            "2026-07-15T08:00:00+07:00",
            "Jalan rusak di Cibeber membuat pengendara motor terjatuh.",
        ),
        line(
            "pembangunan-pasar",
            "Pembangunan pasar baru dimulai",
            "Pembangunan",
            "2026-08-20T08:00:00+07:00",
            "Pembangunan pasar tradisional ditargetkan selesai tahun depan.",
        ),
    ]
    .join("\n");
    news::import_jsonl(&t.app, &Actor::cli(), &lines, |_, _| {}).await.unwrap();
    search::catch_up(&t.app, &mut HashSet::new()).await.unwrap();
}

async fn slugs(t: &TestApp, q: &str) -> Vec<String> {
    let mut c = t.client();
    let mut url = url::form_urlencoded::Serializer::new(String::from("/api/v1/search?"));
    url.append_pair("q", q);
    let r = c.get(&url.finish()).await;
    assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
    r.json()["hits"].as_array().unwrap().iter().map(|h| h["slug"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn everyday_forms_find_their_articles() {
    let t = TestApp::new().await;
    corpus(&t).await;
    for q in ["dibagikan", "membagikan", "pembagian", "bagi2", "bagi"] {
        assert_eq!(slugs(&t, q).await.first().map(String::as_str), Some("sembako-bagi-warga"), "{q}");
    }
    assert_eq!(slugs(&t, "rumahnya").await.first().map(String::as_str), Some("rumah-warga-diperbaiki"));
    assert!(slugs(&t, "anak-anak").await.contains(&"posyandu-anak".to_owned()));
    assert_eq!(slugs(&t, "jln rusak").await.first().map(String::as_str), Some("jalan-rusak-cibeber"));
    assert_eq!(slugs(&t, "pembangunn").await.first().map(String::as_str), Some("pembangunan-pasar"), "a typo");
}

#[tokio::test]
async fn any_text_is_a_query_and_nothing_found_is_a_helpful_page() {
    let t = TestApp::new().await;
    corpus(&t).await;
    let long = "jalan ".repeat(2000);
    for q in ["AND OR NOT (((", "title:\"x", "*", "~~~ ^2", "\u{0}", "🙂", "yang dan di", long.as_str(), ""] {
        let mut url = url::form_urlencoded::Serializer::new(String::from("/cari?"));
        url.append_pair("q", q);
        let r = t.client().get(&url.finish()).await;
        assert_eq!(r.status, StatusCode::OK, "{q:?}");
    }
    let none = t.client().get("/cari?q=kapal+selam+antariksa").await;
    assert!(none.body.contains("Belum ketemu?") && none.body.contains("Tidak ada berita yang cocok"));
    let odd = t.client().get("/cari?q=jalan&kategori=abc&tahun=-5&hal=x").await;
    assert_eq!(odd.status, StatusCode::OK, "unparsable filters are ignored");
}

#[tokio::test]
async fn results_page_highlights_facets_filter_sort_and_suggest() {
    let t = TestApp::new().await;
    corpus(&t).await;
    let page = t.client().get("/cari?q=pembangunan").await;
    assert!(page.body.contains("<mark>Pembangunan</mark>"), "{}", page.body);
    let facets = page.body.split("<details").nth(1).unwrap_or_default().to_owned();
    assert!(facets.contains(">Pembangunan</a> (1)"), "category facet: {facets}");
    assert!(facets.contains(">2026</a> (1)"), "year facet");
    let api = t.client().get("/api/v1/search?q=warga&urut=terbaru").await.json();
    let dates: Vec<&str> =
        api["hits"].as_array().unwrap().iter().map(|h| h["published_at"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    let cat = api["categories"].as_array().unwrap().iter().find(|c| c["label"] == "Ekonomi").unwrap()["id"].clone();
    let only = t.client().get(&format!("/api/v1/search?q=warga&kategori={cat}")).await.json();
    assert_eq!(only["total"], 1);
    let r = t.client().get("/api/v1/search?q=pasarr+tradisionall").await.json();
    assert!(r["total"].as_u64().unwrap() >= 1, "typos still find: {r}");
    let r = t.client().get("/api/v1/search?q=vitamim").await.json();
    assert_eq!(r["suggestion"], "vitamin", "{r}");
}

#[tokio::test]
async fn the_index_follows_publishing_and_unpublishing() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Cari").await;
    let email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut editor = t.login(&email, PASSWORD).await;
    let cat: i64 = simpul::infra::db::query("SELECT id FROM categories WHERE slug = 'lingkungan'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    let r = editor
        .post_form(
            "/tulis/baru",
            &[
                ("title", "Penanaman mangrove di pesisir"),
                ("lead", "Relawan menanam bibit."),
                ("body", "Seribu bibit mangrove ditanam di pantai."),
                ("category_id", &cat.to_string()),
                ("scope", &format!("kim:{kim}")),
            ],
        )
        .await;
    let id: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
    let mut recent = HashSet::new();
    search::catch_up(&t.app, &mut recent).await.unwrap();
    assert!(slugs(&t, "mangrove").await.is_empty(), "drafts are not searchable");
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    search::catch_up(&t.app, &mut recent).await.unwrap();
    assert_eq!(slugs(&t, "menanam mangrove").await, ["penanaman-mangrove-di-pesisir"]);
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "arsipkan")]).await;
    search::catch_up(&t.app, &mut recent).await.unwrap();
    assert!(slugs(&t, "mangrove").await.is_empty(), "archived articles leave the index");
}

#[tokio::test]
async fn a_lost_or_broken_index_is_rebuilt_from_the_database() {
    use simpul::infra::search::SearchIndex;
    let t = TestApp::new().await;
    corpus(&t).await;
    let dir = t.app.search.dir().to_owned();
    assert!(!SearchIndex::open(&dir, true).unwrap().needs_rebuild(), "a filled, sound index is used as it is");

    // A segment file damaged on disk (a bad sector, a full disk): caught by its checksum.
    let segment = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "idx" || x == "store" || x == "term"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a segment file");
    let mut bytes = std::fs::read(&segment).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xFF;
    std::fs::write(&segment, &bytes).unwrap();
    // A command that does not own the index (run beside a server) leaves it where it is.
    let bystander = SearchIndex::open(&dir, false).unwrap();
    assert!(bystander.needs_rebuild() && bystander.searcher().num_docs() == 0);
    assert!(dir.join("meta.json").exists(), "not moved by a bystander");
    let reopened = SearchIndex::open(&dir, true).unwrap();
    assert!(reopened.needs_rebuild(), "a damaged index is recreated empty, never a crash");
    let parent = dir.parent().unwrap();
    let aside: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("search.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged copy is kept aside for inspection: {aside:?}");

    // A truncated file, and `search` being a file: the same.
    let cut = tempfile::tempdir().unwrap();
    let copy = cut.path().join("search");
    std::fs::create_dir_all(&copy).unwrap();
    let filled = SearchIndex::open(&copy, true).unwrap();
    filled
        .rebuild(1, {
            let mut once = true;
            move || Ok(std::mem::take(&mut once).then(|| vec![doc(7)]))
        })
        .unwrap();
    drop(filled);
    let biggest = std::fs::read_dir(&copy)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap();
    let len = std::fs::metadata(&biggest).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&biggest).unwrap().set_len(len / 2).unwrap();
    assert!(SearchIndex::open(&copy, true).unwrap().needs_rebuild(), "a truncated file");
    let file = cut.path().join("berkas");
    std::fs::write(&file, b"bukan folder").unwrap();
    assert!(SearchIndex::open(&file, true).unwrap().needs_rebuild(), "a file where the folder should be");

    // An index created empty (by any command) and opened again is still to be rebuilt, not
    // followed from the outbox (which would miss everything older than a day).
    let gone = tempfile::tempdir().unwrap();
    let fresh = SearchIndex::open(&gone.path().join("search"), true).unwrap();
    assert!(fresh.needs_rebuild(), "a missing index is created and rebuilt");
    drop(fresh);
    assert!(SearchIndex::open(&gone.path().join("search"), true).unwrap().needs_rebuild(), "and stays so until filled");

    // `simpul reindex` beside a running server: the server's reader picks the commit up.
    let server = SearchIndex::open(&gone.path().join("search"), true).unwrap();
    let cli = SearchIndex::open(&gone.path().join("search"), true).unwrap();
    cli.rebuild(3, {
        let mut once = true;
        move || Ok(std::mem::take(&mut once).then(|| vec![doc(1), doc(2)]))
    })
    .unwrap();
    assert_eq!(server.searcher().num_docs(), 0);
    assert!(server.refresh().unwrap(), "the other process's commit is seen");
    assert_eq!(server.searcher().num_docs(), 2);
    assert!(!server.needs_rebuild());
    assert!(!server.refresh().unwrap(), "nothing new, nothing reloaded");

    // The app's own index, rebuilt from scratch, finds everything again.
    assert_eq!(search::rebuild(&t.app, |_| {}).await.unwrap(), 5);
    assert_eq!(slugs(&t, "sembako").await, ["sembako-bagi-warga"]);
}

fn doc(id: i64) -> simpul::infra::search::IndexDoc {
    simpul::infra::search::IndexDoc {
        id,
        title: format!("Berita {id}"),
        body: "Warga bergotong royong.".into(),
        published_at: 0,
        category_id: None,
        kecamatan_id: None,
        year: 2026,
    }
}

#[tokio::test]
async fn baca_juga_finds_articles_about_the_same_thing() {
    let t = TestApp::new().await;
    let lines = [
        line(
            "banjir-cibeber",
            "Banjir rendam permukiman di Cibeber",
            "Lingkungan",
            "2026-02-01T08:00:00+07:00",
            "Sungai Cibeber meluap setelah hujan deras. Banjir merendam puluhan rumah warga dan tanggul jebol.",
        ),
        line(
            "lomba-kampung",
            "Lomba kampung bersih digelar",
            "Lingkungan",
            "2026-02-03T08:00:00+07:00",
            "Warga menghias gang dan menanam pohon untuk lomba kampung bersih tingkat kota.",
        ),
        line(
            "tanggul-diperbaiki",
            "Tanggul sungai yang jebol diperbaiki",
            "Pembangunan",
            "2026-02-10T08:00:00+07:00",
            "Dinas memperbaiki tanggul sungai yang jebol saat banjir agar rumah warga tidak terendam lagi.",
        ),
        line(
            "ppdb-dibuka",
            "Pendaftaran PPDB dibuka",
            "Pendidikan",
            "2026-02-11T08:00:00+07:00",
            "Pendaftaran peserta didik baru dibuka secara daring mulai pekan depan.",
        ),
    ]
    .join("\n");
    news::import_jsonl(&t.app, &Actor::cli(), &lines, |_, _| {}).await.unwrap();
    search::catch_up(&t.app, &mut HashSet::new()).await.unwrap();
    let page = t.client().get("/berita/banjir-cibeber").await.body;
    let baca = page.split("Baca juga").nth(1).expect("a Baca juga section");
    let first = baca.find("Tanggul sungai yang jebol diperbaiki").expect("the article about the same flood");
    assert!(baca.find("Lomba kampung").is_none_or(|i| i > first), "text similarity outranks the shared category");
    assert!(!baca.contains("Banjir rendam permukiman di Cibeber"), "not itself");
    use simpul::infra::db::query;
    // Computed once, when the index took the articles, and stored with each: a view reads it.
    let stored: Vec<Option<String>> =
        query("SELECT related_ids FROM articles ORDER BY id").scalars(&t.app.db).await.unwrap();
    assert!(stored.iter().all(Option::is_some), "{stored:?}");
    let flood: String =
        query("SELECT related_ids FROM articles WHERE slug = 'banjir-cibeber'").scalar(&t.app.db).await.unwrap();
    let levee: i64 = query("SELECT id FROM articles WHERE title LIKE 'Tanggul%'").scalar(&t.app.db).await.unwrap();
    assert_eq!(flood.split(',').next(), Some(levee.to_string().as_str()), "best first: {flood}");
    // Articles from before (never stored) are filled in by the follower, a batch at a time.
    let mut tx = t.app.db.begin().await.unwrap();
    query("UPDATE articles SET related_ids = NULL").execute(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(news::store_missing_related(&t.app, 50).await.unwrap(), stored.len());
    assert_eq!(news::store_missing_related(&t.app, 50).await.unwrap(), 0, "none left");
    let again: String =
        query("SELECT related_ids FROM articles WHERE slug = 'banjir-cibeber'").scalar(&t.app.db).await.unwrap();
    assert_eq!(again, flood);
}

#[tokio::test]
async fn a_very_common_word_is_answered_from_its_best_matches() {
    let t = TestApp::new().await;
    let lines: Vec<String> = (0..1_050)
        .map(|i| {
            let body = if i == 7 { "Warga warga warga kerja bakti." } else { "Warga berkumpul di balai." };
            line(&format!("kabar-{i}"), &format!("Kabar warga {i}"), "Pemerintahan", "2026-03-01T08:00:00+07:00", body)
        })
        .collect();
    news::import_jsonl(&t.app, &Actor::cli(), &lines.join("\n"), |_, _| {}).await.unwrap();
    search::catch_up(&t.app, &mut HashSet::new()).await.unwrap();
    let r = t.client().get("/api/v1/search?q=warga+kerja+bakti").await.json();
    assert_eq!(r["total_is_estimate"], true, "{r}");
    assert_eq!(r["total"], 1050, "at least the commonest word's articles");
    assert_eq!(r["hits"][0]["slug"], "kabar-7", "the best match still comes first");
    assert_eq!(r["categories"][0]["count"], search::BEST as u64, "facets from the best matches");
    let page = t.client().get("/cari?q=warga").await.body;
    assert!(page.contains("Lebih dari 1050 berita ditemukan"), "{page}");
}

#[tokio::test]
async fn cached_answers_follow_the_index() {
    let t = TestApp::new().await;
    let r = t.client().get("/api/v1/search?q=jembatan+gantung").await.json();
    assert_eq!(r["total"], 0, "{r}");
    let body = "Jembatan gantung baru menghubungkan dua kampung.";
    let l = line("jembatan-baru", "Jembatan gantung diresmikan", "Pembangunan", "2026-03-01T08:00:00+07:00", body);
    news::import_jsonl(&t.app, &Actor::cli(), &l, |_, _| {}).await.unwrap();
    search::catch_up(&t.app, &mut HashSet::new()).await.unwrap();
    let r = t.client().get("/api/v1/search?q=jembatan+gantung").await.json();
    assert_eq!(r["total"], 1, "the cached empty answer is gone once the index changed: {r}");
    assert!(r["hits"][0]["snippet"].as_str().unwrap_or_default().contains("Jembatan"), "{r}");
}
