//! The newsroom beyond the basic workflow: comparing versions, the view counter, the
//! newsroom API with personal tokens, conditional requests and changes made elsewhere.

use axum::http::{Method, StatusCode, header};
use serde_json::json;
use simpul::{
    domain::access::Role,
    features::news,
    infra::{db::query, outbox},
};

use crate::support::{Client, PASSWORD, TestApp};

const PHONE: &str = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36";

async fn category_id(t: &TestApp) -> i64 {
    query("SELECT id FROM categories WHERE slug = 'pembangunan'").scalar(&t.app.db).await.unwrap()
}

/// Drafts, submits and publishes an article through the pages; returns (id, slug).
async fn published(t: &TestApp, editor: &mut Client, kim: i64, title: &str) -> (i64, String) {
    let cat = category_id(t).await.to_string();
    let scope = format!("kim:{kim}");
    let r = editor
        .post_form(
            "/tulis/baru",
            &[("title", title), ("lead", "Ringkasan."), ("body", "Isi."), ("category_id", &cat), ("scope", &scope)],
        )
        .await;
    let id: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    let r = editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let slug: String = query("SELECT slug FROM articles WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    (id, slug)
}

async fn send_json(c: &mut Client, method: Method, path: &str, body: serde_json::Value) -> crate::support::Resp {
    c.send(method, path, Some("application/json"), body.to_string().into()).await
}

#[tokio::test]
async fn two_versions_are_compared_word_by_word_and_line_by_line() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Versi").await;
    let writer_email = t.user(Role::Anggota, Some(kim), None).await;
    let mut writer = t.login(&writer_email, PASSWORD).await;
    let cat = category_id(&t).await.to_string();
    let scope = format!("kim:{kim}");
    let first = "Paragraf satu.\n\nJalan rusak di Citangkil.\n\nParagraf tiga.";
    let r = writer
        .post_form(
            "/tulis/baru",
            &[
                ("title", "Jalan Rusak"),
                ("lead", "Ringkas."),
                ("body", first),
                ("category_id", &cat),
                ("scope", &scope),
            ],
        )
        .await;
    let id: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
    assert!(!writer.get(&format!("/tulis/{id}")).await.body.contains("/versi\""), "one version: nothing to compare");
    let second = first.replace("Jalan rusak", "Jalan berlubang");
    writer
        .post_form(
            &format!("/tulis/{id}"),
            &[("title", "Jalan Berlubang"), ("lead", "Ringkas."), ("body", &second), ("category_id", &cat)],
        )
        .await;
    assert!(writer.get(&format!("/tulis/{id}")).await.body.contains(&format!("/tulis/{id}/versi")));

    let page = writer.get(&format!("/tulis/{id}/versi")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<del>Rusak</del>") && page.body.contains("<ins>Berlubang</ins>"), "{}", page.body);
    assert!(page.body.contains("<del>− Jalan rusak di Citangkil.</del>"));
    assert!(page.body.contains("<ins>+ Jalan berlubang di Citangkil.</ins>"));
    let same = writer.get(&format!("/tulis/{id}/versi?dari=2&ke=2")).await;
    assert!(same.body.contains("Isi berita sama"));
    assert_eq!(writer.get(&format!("/tulis/{id}/versi?dari=9")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(writer.get(&format!("/tulis/{id}/versi?dari=satu")).await.status, StatusCode::BAD_REQUEST);

    // Another group's editor and a citizen may not look.
    let (other, _) = t.kim("KIM Lain").await;
    let outsider = t.user(Role::Redaksi, Some(other), None).await;
    let r = t.login(&outsider, PASSWORD).await.get(&format!("/tulis/{id}/versi")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let own_editor = t.user(Role::Redaksi, Some(kim), None).await;
    assert_eq!(t.login(&own_editor, PASSWORD).await.get(&format!("/tulis/{id}/versi")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn readers_are_counted_without_cookies_and_shown_to_the_newsroom_only() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Pembaca").await;
    let email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut editor = t.login(&email, PASSWORD).await;
    let (id, slug) = published(&t, &mut editor, kim, "Posyandu Buka Hari Sabtu").await;
    let path = format!("/berita/{slug}");

    let mut reader = t.client().with_header("user-agent", PHONE);
    let first = reader.get(&path).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.headers.get(header::SET_COOKIE).is_none(), "reading sets no cookie");
    reader.get(&path).await; // from the page cache: still counted
    let etag = first.headers.get(header::ETAG).unwrap().to_str().unwrap().to_owned();
    let revisit = reader.clone_with_header("if-none-match", &etag).get(&path).await;
    assert_eq!(revisit.status, StatusCode::NOT_MODIFIED);
    t.client().with_header("user-agent", "WhatsApp/2.23.20.0 A").get(&path).await; // a link preview
    t.client().get(&path).await; // no User-Agent at all
    t.client().with_header("user-agent", PHONE).get("/berita/tidak-ada").await; // no such article
    assert_eq!(news::flush_views(&t.app).await.unwrap(), 3);
    assert_eq!(news::flush_views(&t.app).await.unwrap(), 0, "counts are written once");

    let desk = editor.get(&format!("/tulis/{id}")).await;
    assert!(desk.body.contains("Dibaca 3 kali, 3 dalam 7 hari terakhir"), "{}", desk.body);
    assert!(editor.get("/tulis").await.body.contains("3 kali dibaca"));
    assert!(!reader.get(&path).await.body.contains("kali"), "readers do not see the count");
    let stored: Vec<String> =
        query("SELECT day FROM article_views WHERE article_id = $1").bind(id).scalars(&t.app.db).await.unwrap();
    assert_eq!(stored.len(), 1, "one row per article and day, nothing about the reader");
    news::flush_views(&t.app).await.unwrap();
    t.advance_minutes(8 * 24 * 60);
    reader.get(&path).await;
    news::flush_views(&t.app).await.unwrap();
    assert!(editor.get(&format!("/tulis/{id}")).await.body.contains("Dibaca 5 kali, 1 dalam 7 hari terakhir"));
}

#[tokio::test]
async fn articles_answer_conditional_requests_with_last_modified() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Tanggal").await;
    let email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut editor = t.login(&email, PASSWORD).await;
    let (_, slug) = published(&t, &mut editor, kim, "Pasar Murah Ramadan").await;
    let path = format!("/berita/{slug}");
    let r = t.client().get(&path).await;
    let lm = r.headers.get(header::LAST_MODIFIED).expect("Last-Modified").to_str().unwrap().to_owned();
    assert!(lm.ends_with(" GMT"), "{lm}");
    let again = t.client().with_header("if-modified-since", &lm).get(&path).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let other = t.client().with_header("if-modified-since", "Mon, 01 Jan 2024 00:00:00 GMT").get(&path).await;
    assert_eq!(other.status, StatusCode::OK);
    // If-None-Match decides when both are sent.
    let both =
        t.client().with_header("if-modified-since", &lm).with_header("if-none-match", "\"lama\"").get(&path).await;
    assert_eq!(both.status, StatusCode::OK);
}

#[tokio::test]
async fn the_newsroom_api_follows_the_same_workflow_rules() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM API").await;
    let writer_token = t.personal_token(Role::Anggota, Some(kim), "write").await;
    let editor_token = t.personal_token(Role::Redaksi, Some(kim), "write").await;
    let reader_token = t.personal_token(Role::Anggota, Some(kim), "read").await;
    let machine = t.token("write").await;
    let mut writer = t.client().with_header("authorization", &format!("Bearer {writer_token}"));
    let mut editor = t.client().with_header("authorization", &format!("Bearer {editor_token}"));
    let cat = category_id(&t).await;

    let me = writer.get("/api/v1/token").await.json();
    assert_eq!(me["acting_for"], "Uji anggota");
    let body = json!({ "title": "Kerja Bakti Massal", "lead": "Warga bergotong royong.", "body": "## Minggu pagi\n\nIsi.",
        "category_id": cat, "tags": ["kerja bakti", "lingkungan"], "kim_id": kim });
    let r = send_json(&mut writer, Method::POST, "/api/v1/newsroom/articles", body.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let a = r.json();
    let id = a["id"].as_i64().unwrap();
    assert_eq!(r.headers.get(header::LOCATION).unwrap(), &format!("/api/v1/newsroom/articles/{id}"));
    assert_eq!(a["state"], "draf");
    assert_eq!(a["tags"], json!(["kerja bakti", "lingkungan"]));
    assert_eq!(a["actions"], json!(["ajukan"]));

    // Bad input: wrong types, unknown fields, invalid values — translated, nothing stored.
    let before = t.count("articles").await;
    let wrong = send_json(&mut writer, Method::POST, "/api/v1/newsroom/articles", json!({ "title": 5 })).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
    let mut extra = body.clone();
    extra["state"] = json!("terbit");
    assert_eq!(
        send_json(&mut writer, Method::POST, "/api/v1/newsroom/articles", extra).await.status,
        StatusCode::BAD_REQUEST
    );
    let mut empty = body.clone();
    empty["title"] = json!("");
    let invalid = send_json(&mut writer, Method::POST, "/api/v1/newsroom/articles", empty).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.json()["errors"].to_string().contains("title"), "{}", invalid.body);
    assert_eq!(t.count("articles").await, before);

    // A read token, a machine token, another group's writer: refused.
    let mut reader = t.client().with_header("authorization", &format!("Bearer {reader_token}"));
    assert_eq!(
        send_json(&mut reader, Method::POST, "/api/v1/newsroom/articles", body.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let mut machine = t.client().with_header("authorization", &format!("Bearer {machine}"));
    assert_eq!(
        send_json(&mut machine, Method::POST, "/api/v1/newsroom/articles", body.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(machine.get(&format!("/api/v1/newsroom/articles/{id}")).await.status, StatusCode::FORBIDDEN);
    let (other, _) = t.kim("KIM Lain").await;
    let other_token = t.personal_token(Role::Anggota, Some(other), "write").await;
    let mut outsider = t.client().with_header("authorization", &format!("Bearer {other_token}"));
    assert_eq!(outsider.get(&format!("/api/v1/newsroom/articles/{id}")).await.status, StatusCode::FORBIDDEN);
    let mut foreign = body.clone();
    foreign["kim_id"] = json!(other);
    let r = send_json(&mut writer, Method::POST, "/api/v1/newsroom/articles", foreign).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "cannot file for another group");

    // Edit, submit; the writer cannot publish; the editor asks for a change, then publishes.
    let mut edited = body.clone();
    edited["title"] = json!("Kerja Bakti Massal di Jombang");
    let r = send_json(&mut writer, Method::PUT, &format!("/api/v1/newsroom/articles/{id}"), edited).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["versions"], 2);
    let act = |action: &str| json!({ "action": action });
    let path = format!("/api/v1/newsroom/articles/{id}/actions");
    assert_eq!(send_json(&mut writer, Method::POST, &path, act("ajukan")).await.json()["state"], "diajukan");
    assert_eq!(send_json(&mut writer, Method::POST, &path, act("terbitkan")).await.status, StatusCode::FORBIDDEN);
    let queue = editor.get("/api/v1/newsroom/queue").await.json();
    assert_eq!(queue[0]["id"], id);
    assert_eq!(
        send_json(&mut editor, Method::POST, &path, act("minta_revisi")).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let r = send_json(&mut editor, Method::POST, &path, json!({ "action": "minta_revisi", "note": "Sebutkan RT/RW." }))
        .await;
    assert_eq!(r.json()["state"], "perlu_revisi");
    let mine = writer.get("/api/v1/newsroom/articles").await.json();
    assert_eq!(mine[0]["state"], "perlu_revisi");
    let one = writer.get(&format!("/api/v1/newsroom/articles/{id}")).await.json();
    assert_eq!(one["notes"][0]["text"], "Sebutkan RT/RW.");
    assert_eq!(send_json(&mut writer, Method::POST, &path, act("ajukan")).await.status, StatusCode::OK);
    assert_eq!(send_json(&mut writer, Method::POST, &path, act("ajukan")).await.status, StatusCode::CONFLICT);
    let done = send_json(&mut editor, Method::POST, &path, act("terbitkan")).await.json();
    assert_eq!(done["state"], "terbit");
    assert_eq!(done["slug"], "kerja-bakti-massal-di-jombang");
    let public = t.client().get("/api/v1/articles/kerja-bakti-massal-di-jombang").await.json();
    assert_eq!(public["editor"], "Uji redaksi");

    let audit: Vec<String> = query("SELECT actor_label FROM audit_events WHERE action = 'article.terbitkan'")
        .scalars(&t.app.db)
        .await
        .unwrap();
    assert!(audit[0].contains("token:pribadi"), "the audit trail names the token: {audit:?}");
}

#[tokio::test]
async fn personal_tokens_are_issued_and_revoked_by_their_owner_only() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Token").await;
    let email = t.user(Role::Anggota, Some(kim), None).await;
    let mut member = t.login(&email, PASSWORD).await;
    let r = member.post_form("/akun/token", &[("name", "Alat tulis KIM"), ("scope", "tulis")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "unknown scope");
    assert!(r.body.contains("value=\"Alat tulis KIM\""), "the form keeps what was typed");
    let r = member.post_form("/akun/token", &[("name", "Alat tulis KIM"), ("scope", "write")]).await;
    assert_eq!(r.status, StatusCode::OK);
    let secret = r.body.split("<code class=\"secret\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let mut api = t.client().with_header("authorization", &format!("Bearer {secret}"));
    assert_eq!(api.get("/api/v1/newsroom/articles").await.status, StatusCode::OK);
    let id: i64 = query("SELECT MAX(id) FROM api_tokens").scalar(&t.app.db).await.unwrap();

    // Someone else cannot revoke it; the owner can, and it stops working at once.
    let stranger = t.citizen().await;
    let mut stranger = t.login(&stranger, PASSWORD).await;
    stranger.post_form(&format!("/akun/token/{id}/cabut"), &[]).await;
    assert_eq!(api.get("/api/v1/newsroom/articles").await.status, StatusCode::OK);
    assert!(!stranger.get("/akun/token").await.body.contains("Alat tulis KIM"));
    member.post_form(&format!("/akun/token/{id}/cabut"), &[]).await;
    assert_eq!(api.get("/api/v1/newsroom/articles").await.status, StatusCode::UNAUTHORIZED);
    let events: Vec<String> = query("SELECT action FROM audit_events WHERE entity_type = 'api_token' ORDER BY id")
        .scalars(&t.app.db)
        .await
        .unwrap();
    assert_eq!(events, ["token.create", "token.revoke"]);

    // A new password revokes every personal token (one minted from a stolen session too).
    let r = member.post_form("/akun/token", &[("name", "Kedua"), ("scope", "read")]).await;
    let secret = r.body.split("<code class=\"secret\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let mut api = t.client().with_header("authorization", &format!("Bearer {secret}"));
    assert_eq!(api.get("/api/v1/token").await.status, StatusCode::OK);
    let fields = [
        ("current_password", PASSWORD),
        ("password", "hujan-di-bulan-juni"),
        ("password_confirm", "hujan-di-bulan-juni"),
    ];
    assert_eq!(member.post_form("/akun/sandi", &fields).await.status, StatusCode::OK);
    assert_eq!(api.get("/api/v1/token").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_disabled_account_s_personal_token_stops_working() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Nonaktif").await;
    let token = t.personal_token(Role::Anggota, Some(kim), "read").await;
    let mut api = t.client().with_header("authorization", &format!("Bearer {token}"));
    assert_eq!(api.get("/api/v1/newsroom/articles").await.status, StatusCode::OK);
    let mut tx = t.app.db.begin().await.unwrap();
    query("UPDATE users SET disabled = TRUE WHERE id = (SELECT user_id FROM api_tokens WHERE user_id IS NOT NULL)")
        .execute(&mut tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(api.get("/api/v1/newsroom/articles").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn changes_made_by_another_process_reach_the_cached_pages() {
    let t = TestApp::new().await;
    let mut reader = t.client();
    assert!(!reader.get("/berita").await.body.contains("Dari Proses Lain"));
    let mut seen = outbox::latest(&t.app.db).await.unwrap();
    assert!(!outbox::check(&t.app.db, &mut seen).await.unwrap(), "nothing new yet");
    // Another process (an import, another node) commits: this node's own counter does not move.
    let cat = category_id(&t).await;
    let mut tx = t.app.db.begin().await.unwrap();
    let id: i64 = query(
        "INSERT INTO articles (slug, title, lead, body_md, body_html, category_id, state, published_at, created_at, updated_at)
         VALUES ('dari-proses-lain', 'Dari Proses Lain', 'L', 'B', '<p>B</p>', $1, 'terbit', 1, 1, 1) RETURNING id",
    )
    .bind(cat)
    .scalar(&mut tx)
    .await
    .unwrap();
    outbox::record(&mut tx, outbox::Topic::Article, id, t.app.clock.now()).await.unwrap();
    tx.commit_bookkeeping().await.unwrap();
    assert!(!reader.get("/berita").await.body.contains("Dari Proses Lain"), "still the cached page");
    assert!(outbox::check(&t.app.db, &mut seen).await.unwrap());
    assert!(reader.get("/berita").await.body.contains("Dari Proses Lain"), "seen after following the outbox");
    assert!(!outbox::check(&t.app.db, &mut seen).await.unwrap(), "nothing new the second time");
}

#[tokio::test]
async fn an_article_names_the_kelurahan_it_is_about() {
    let t = TestApp::new().await;
    let (kim, _) = t.kim("KIM Wilayah").await;
    let email = t.user(Role::Redaksi, Some(kim), None).await;
    let mut editor = t.login(&email, PASSWORD).await;
    let cat = category_id(&t).await.to_string();
    let scope = format!("kim:{kim}");
    let bulakan: i64 = query("SELECT id FROM regions WHERE name = 'Bulakan'").scalar(&t.app.db).await.unwrap();
    let kota: i64 = query("SELECT id FROM regions WHERE level = 'kota'").scalar(&t.app.db).await.unwrap();
    let (kota, bulakan) = (kota.to_string(), bulakan.to_string());
    let fields = |region: &str| -> Vec<(&'static str, String)> {
        let mut f: Vec<(&'static str, String)> =
            [("title", "Posyandu Bulakan"), ("lead", "Ringkasan."), ("body", "Isi.")]
                .map(|(k, v)| (k, v.to_owned()))
                .into();
        f.extend([("category_id", cat.clone()), ("scope", scope.clone()), ("region_id", region.to_owned())]);
        f
    };
    let wrong = fields(&kota);
    let r = editor.post_form("/tulis/baru", &wrong.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a whole city is not a kecamatan or kelurahan");
    assert!(r.body.contains("value=\"Posyandu Bulakan\""), "the form keeps what was typed");
    let right = fields(&bulakan);
    let r = editor.post_form("/tulis/baru", &right.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
    let id: i64 = r.location().trim_start_matches("/tulis/").parse().unwrap();
    assert!(editor.get(&format!("/tulis/{id}")).await.body.contains(&format!("value=\"{bulakan}\" selected")));
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "ajukan")]).await;
    editor.post_form(&format!("/tulis/{id}/aksi"), &[("action", "terbitkan")]).await;
    let page = t.client().get("/berita/posyandu-bulakan").await;
    assert!(page.body.contains("Kelurahan Bulakan, Kecamatan Cibeber"), "{}", page.body);
    assert_eq!(t.client().get("/api/v1/articles/posyandu-bulakan").await.json()["region"], "Bulakan");
}
