//! The hoax tip-line: answers through the tip-line's own path (thresholds, the
//! short-text rule, clustering), the WhatsApp and Telegram webhooks against a fake chat API,
//! the editors' desk, clarifications with ClaimReview, and what never leaks.

use std::sync::{Arc, Mutex};

use axum::http::{Method, StatusCode};
use hmac::{Hmac, Mac};
use simpul::{
    config::{Secret, TelegramConfig, WhatsAppConfig},
    domain::access::Role,
    infra::db::query,
};

use crate::support::{Client, Resp, TestApp};

/// What the fake chat API received: (path, authorization header, JSON body).
pub type Sent = Arc<Mutex<Vec<(String, Option<String>, serde_json::Value)>>>;

/// A local stand-in for graph.facebook.com and api.telegram.org: records every call.
pub async fn fake_chat_api() -> (String, Sent) {
    let sent: Sent = Arc::default();
    let log = sent.clone();
    let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let log = log.clone();
        async move {
            let path = req.uri().path().to_owned();
            let auth = req.headers().get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
            let body = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap();
            log.lock().unwrap().push((path, auth, serde_json::from_slice(&body).unwrap_or_default()));
            axum::Json(serde_json::json!({ "ok": true, "messages": [{ "id": "wamid.balasan" }] }))
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), sent)
}

pub const WA_SECRET: &str = "rahasia-aplikasi-meta";
pub const TG_SECRET: &str = "rahasia-webhook-telegram";

pub async fn chat_app() -> (TestApp, Sent) {
    let (base, sent) = fake_chat_api().await;
    let t = TestApp::with_config(|c| {
        c.whatsapp = Some(WhatsAppConfig {
            app_secret: Secret::new(WA_SECRET),
            verify_token: Secret::new("token-verifikasi"),
            access_token: Secret::new("token-akses-wa"),
            phone_number_id: "1055".into(),
            api_base: format!("{base}/v21.0"),
            template: Some("hasil_cek_fakta".into()),
            number: Some("6281100001111".into()),
            report_template: Some("kabar_laporan".into()),
        });
        c.telegram = Some(TelegramConfig {
            bot_token: Secret::new("123:ABC"),
            webhook_secret: Secret::new(TG_SECRET),
            api_base: base.clone(),
            username: Some("kim_cilegon_bot".into()),
        });
    })
    .await;
    t.load_regions().await;
    (t, sent)
}

/// Publishes a clarification from the desk's "new" form; returns its slug.
pub async fn publish(editor: &mut Client, verdict: &str, title: &str, claim: &str) -> String {
    let r = editor
        .post_form(
            "/kelola/cek-fakta/baru",
            &[
                ("verdict", verdict),
                ("content_type", "konten_palsu"),
                ("title", title),
                ("claim", claim),
                ("summary", "Diskominfo memastikan informasi ini tidak benar."),
                ("body", "Menurut **Dinas Sosial**, tidak ada program seperti itu."),
                (
                    "sources",
                    "Siaran pers Dinsos | https://dinsos.example.go.id/siaran/1\nhttps://cekfakta.example.id/a",
                ),
                ("appearance_url", "https://facebook.com/groups/warga/posts/1"),
                ("first_appearance", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().trim_start_matches("/klarifikasi/").to_owned()
}

const BANSOS: &str = "Pemerintah Kota Cilegon membagikan bantuan sosial tunai Rp 600.000 untuk setiap keluarga yang \
     mendaftar lewat tautan pendaftaran online sebelum akhir bulan.";
const TELUR: &str = "Telur palsu buatan pabrik dari bahan plastik beredar luas di pasar tradisional Kota Cilegon.";

async fn tip(api: &mut Client, body: serde_json::Value) -> Resp {
    api.post_raw("/api/v1/tips", "application/json", body.to_string()).await
}

async fn cluster_of(t: &TestApp, code: &str) -> i64 {
    let id: i64 = code.rsplit('-').next().unwrap().parse().unwrap();
    query("SELECT cluster_id FROM tips WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap()
}

#[tokio::test]
async fn tips_are_answered_and_gathered_into_rumours() {
    let t = TestApp::new().await;
    let mut editor = t.login_as(Role::Redaksi).await;
    let bansos = publish(&mut editor, "HOAKS", "Bansos tunai Rp 600 ribu lewat tautan", BANSOS).await;
    publish(&mut editor, "HOAKS", "Telur plastik di pasar Cilegon", TELUR).await;
    let mut api = t.client();

    // Reworded, in chat style, long enough: a confident answer with the verdict and link.
    let r = tip(&mut api, serde_json::json!({ "text":
        "bansos tunai 600rb dari pemkot cilegon bisa cair lewat link pendaftaran online ini, buruan daftar sebelum akhir bulan" }))
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v = r.json();
    assert_eq!(v["answer"], "confident", "{v}");
    assert_eq!(v["clarification"]["verdict"], "HOAKS");
    assert!(v["clarification"]["url"].as_str().unwrap().ends_with(&format!("/klarifikasi/{bansos}")));

    // Under eight words: never confident, only candidates.
    let v = tip(&mut api, serde_json::json!({ "text": "bansos 600rb lewat link online?" })).await.json();
    assert_eq!(v["answer"], "candidates", "{v}");
    assert!(v["candidates"].as_array().unwrap().iter().any(|c| c["url"].as_str().unwrap().ends_with(&bansos)));
    assert!(v["code"].as_str().unwrap().starts_with("CEK-2026-"));

    // Something nobody clarified: received, with a ticket code.
    let new_rumour =
        "Besok PLN memadamkan listrik di seluruh Kecamatan Ciwandan selama tiga hari karena perbaikan gardu";
    let first = tip(&mut api, serde_json::json!({ "text": new_rumour, "email": "warga@example.id" })).await.json();
    assert_eq!(first["answer"], "unknown", "{first}");
    assert!(first["clarification"].is_null() && first["candidates"].as_array().unwrap().is_empty());
    // The same rumour again, and a near-identical copy: one rumour, three tips.
    let again = tip(&mut api, serde_json::json!({ "text": new_rumour })).await.json();
    let near = tip(
        &mut api,
        serde_json::json!({ "text":
        "BESOK PLN padamkan listrik di seluruh kecamatan Ciwandan selama 3 hari karena perbaikan gardu!!" }),
    )
    .await
    .json();
    let k = cluster_of(&t, first["code"].as_str().unwrap()).await;
    assert_eq!(cluster_of(&t, again["code"].as_str().unwrap()).await, k);
    assert_eq!(cluster_of(&t, near["code"].as_str().unwrap()).await, k);
    let count: i64 = query("SELECT tip_count FROM tip_clusters WHERE id = $1").bind(k).scalar(&t.app.db).await.unwrap();
    assert_eq!(count, 3);
    // Another rumour is another cluster.
    let other = tip(
        &mut api,
        serde_json::json!({ "text":
        "Air PDAM di Kelurahan Bulakan tercemar bakteri berbahaya, jangan diminum sampai ada pengumuman resmi" }),
    )
    .await
    .json();
    assert_ne!(cluster_of(&t, other["code"].as_str().unwrap()).await, k);

    // A client's message id makes the same message one tip.
    let body = serde_json::json!({ "text": "Ada razia kendaraan besar-besaran di Jalan Raya Anyer hari Senin", "message_id": "m-1" });
    let a = tip(&mut api, body.clone()).await;
    let before = t.count("tips").await;
    let b = tip(&mut api, body).await;
    assert_eq!(b.status, StatusCode::OK);
    assert_eq!(b.json()["duplicate"], true);
    assert_eq!(b.json()["code"], a.json()["code"]);
    assert_eq!(t.count("tips").await, before);

    // Bad input changes nothing.
    let before = t.count("tips").await;
    assert_eq!(tip(&mut api, serde_json::json!({ "text": "   " })).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(tip(&mut api, serde_json::json!({ "text": 5 })).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(tip(&mut api, serde_json::json!({ "text": "x", "kota": "y" })).await.status, StatusCode::BAD_REQUEST);
    let long = "a".repeat(4_001);
    assert_eq!(tip(&mut api, serde_json::json!({ "text": long })).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.count("tips").await, before);

    // The web page answers the same way and keeps what was typed when it refuses.
    let mut web = t.client();
    let token = web.csrf_token().await;
    let r = tip_form(&mut web, &token, &[("text", ""), ("link", "bukan tautan")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("bukan tautan"));
    let r = tip_form(
        &mut web,
        &token,
        &[("text", "Awas telur palsu dari plastik buatan pabrik sudah beredar di pasar tradisional Cilegon")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("HOAKS") && r.body.contains("Telur plastik di pasar Cilegon"), "{}", r.body);
    // The ticket page shows where a tip stands, never its text.
    let code = first["code"].as_str().unwrap();
    let p = t.client().get(&format!("/cek-fakta/tiket/{code}")).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Belum dicek") && !p.body.contains("Ciwandan"));
    // Search within clarifications.
    let s = t.client().get("/cek-fakta?q=telur+plastik").await;
    assert!(s.body.contains("Telur plastik di pasar Cilegon"));
    // The site search puts the clarification of a rumour before the news about it.
    let s = t.client().get("/cari?q=telur+palsu+plastik+di+pasar+tradisional+cilegon").await;
    assert!(
        s.body.contains("Klarifikasi hoaks terkait") && s.body.contains("Telur plastik di pasar Cilegon"),
        "{}",
        s.body
    );
    let s = t.client().get("/cari?q=jadwal+posyandu").await;
    assert!(!s.body.contains("Klarifikasi hoaks terkait"));
}

pub async fn tip_form(c: &mut Client, token: &str, fields: &[(&str, &str)]) -> Resp {
    let boundary = "XbatasX";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n");
    for (k, v) in fields {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let ct = format!("multipart/form-data; boundary={boundary}");
    c.send(Method::POST, "/cek-fakta", Some(&ct), body.into()).await
}

pub fn wa_signature(body: &str, secret: &str) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

pub fn wa_delivery(id: &str, from: &str, message: serde_json::Value) -> String {
    let mut m = message;
    m["id"] = id.into();
    m["from"] = from.into();
    m["timestamp"] = "1795831200".into();
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": "WABA", "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "62254000", "phone_number_id": "1055" },
            "contacts": [{ "profile": { "name": "Warga" }, "wa_id": from }],
            "messages": [m],
        }}]}],
    })
    .to_string()
}

pub async fn post_wa(c: &mut Client, body: &str, signature: &str) -> Resp {
    c.clone_with_header("x-hub-signature-256", signature)
        .post_raw("/api/v1/webhooks/whatsapp", "application/json", body.to_owned())
        .await
}

#[tokio::test]
async fn whatsapp_webhook_checks_signatures_and_replies_through_the_cloud_api() {
    let (t, sent) = chat_app().await;
    let mut editor = t.login_as(Role::Redaksi).await;
    publish(&mut editor, "HOAKS", "Bansos tunai Rp 600 ribu lewat tautan", BANSOS).await;
    let mut meta = t.client();

    // Registration: the challenge comes back only with our verify token.
    let ok = meta
        .get("/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=token-verifikasi&hub.challenge=1158201444")
        .await;
    assert_eq!((ok.status, ok.body.as_str()), (StatusCode::OK, "1158201444"));
    let bad = meta.get("/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1").await;
    assert_eq!(bad.status, StatusCode::FORBIDDEN);

    let text = serde_json::json!({ "type": "text", "text": { "body":
        "Info penting: bansos tunai Rp600 ribu dari Pemkot Cilegon, daftar lewat link online ini sebelum akhir bulan" } });
    let body = wa_delivery("wamid.A1", "6281234567890", text);
    // A wrong or missing signature: 401 and nothing stored.
    assert_eq!(post_wa(&mut meta, &body, &wa_signature(&body, "bukan-rahasia")).await.status, StatusCode::UNAUTHORIZED);
    let r = meta.post_raw("/api/v1/webhooks/whatsapp", "application/json", body.clone()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(t.count("tips").await, 0);
    assert_eq!(t.count("jobs").await, 0);

    // Signed: stored, acknowledged, and the reply leaves from the job queue.
    assert_eq!(post_wa(&mut meta, &body, &wa_signature(&body, WA_SECRET)).await.status, StatusCode::OK);
    assert_eq!(t.count("tips").await, 1);
    // Delivered twice: still one tip and one reply.
    assert_eq!(post_wa(&mut meta, &body, &wa_signature(&body, WA_SECRET)).await.status, StatusCode::OK);
    assert_eq!(t.count("tips").await, 1);
    t.run_jobs().await;
    {
        let sent = sent.lock().unwrap();
        assert_eq!(sent.len(), 1, "{sent:?}");
        let (path, auth, json) = &sent[0];
        assert_eq!(path, "/v21.0/1055/messages");
        assert_eq!(auth.as_deref(), Some("Bearer token-akses-wa"));
        assert_eq!(json["to"], "6281234567890");
        assert_eq!(json["messaging_product"], "whatsapp");
        let reply = json["text"]["body"].as_str().unwrap();
        assert!(reply.starts_with("[HOAKS] Bansos tunai") && reply.contains("/klarifikasi/"), "{reply}");
    }

    // A sticker or a photo: a polite note, no tip.
    let sticker =
        wa_delivery("wamid.S1", "6281234567890", serde_json::json!({ "type": "sticker", "sticker": { "id": "1" } }));
    assert_eq!(post_wa(&mut meta, &sticker, &wa_signature(&sticker, WA_SECRET)).await.status, StatusCode::OK);
    assert_eq!(post_wa(&mut meta, &sticker, &wa_signature(&sticker, WA_SECRET)).await.status, StatusCode::OK);
    t.run_jobs().await;
    assert_eq!(t.count("tips").await, 1);
    {
        let sent = sent.lock().unwrap();
        assert_eq!(sent.len(), 2);
        assert!(sent[1].2["text"]["body"].as_str().unwrap().contains("pesan teks"));
    }
    // Delivery receipts (statuses, no messages) are acknowledged and ignored.
    let receipt = serde_json::json!({ "entry": [{ "changes": [{ "value": { "statuses": [{ "id": "wamid.X" }] } }] }] })
        .to_string();
    assert_eq!(post_wa(&mut meta, &receipt, &wa_signature(&receipt, WA_SECRET)).await.status, StatusCode::OK);
    // Signed but unreadable: acknowledged (Meta would redeliver a refusal for days), nothing stored.
    assert_eq!(post_wa(&mut meta, "{", &wa_signature("{", WA_SECRET)).await.status, StatusCode::OK);
    assert_eq!(t.count("tips").await, 1);

    // The number is stored only to reply: not on the desk, not in the export.
    let k: i64 = query("SELECT cluster_id FROM tips").scalar(&t.app.db).await.unwrap();
    let desk = editor.get(&format!("/kelola/cek-fakta/{k}")).await;
    assert_eq!(desk.status, StatusCode::OK);
    assert!(!desk.body.contains("6281234567890") && desk.body.contains("P-"), "{}", desk.body);
    let csv = editor.get("/kelola/cek-fakta/ekspor.csv").await;
    assert!(!csv.body.contains("6281234567890") && csv.body.contains("P-"), "{}", csv.body);
    // A confident answer is final: the contact is not even kept.
    let kept: Option<String> = query("SELECT contact FROM tips").scalar(&t.app.db).await.unwrap();
    assert_eq!(kept, None);

    // A reaction to our reply is not a tip and gets no answer.
    let reaction = wa_delivery(
        "wamid.R1",
        "6281234567890",
        serde_json::json!({ "type": "reaction", "reaction": { "emoji": "👍" } }),
    );
    assert_eq!(post_wa(&mut meta, &reaction, &wa_signature(&reaction, WA_SECRET)).await.status, StatusCode::OK);
    // A new rumour waits; its verdict goes out as the approved template (free text is refused
    // by WhatsApp more than 24 hours after the tipster wrote).
    let rumour = serde_json::json!({ "type": "text", "text": { "body":
        "Katanya jembatan Kali Baru di Kecamatan Ciwandan retak parah dan akan ditutup total mulai minggu depan" } });
    let body = wa_delivery("wamid.B2", "6289876543210", rumour);
    assert_eq!(post_wa(&mut meta, &body, &wa_signature(&body, WA_SECRET)).await.status, StatusCode::OK);
    t.run_jobs().await;
    let k: i64 = query("SELECT cluster_id FROM tips ORDER BY id DESC LIMIT 1").scalar(&t.app.db).await.unwrap();
    let r = editor
        .post_form(
            &format!("/kelola/cek-fakta/{k}/terbitkan"),
            &[
                ("verdict", "SALAH"),
                ("title", "Jembatan Kali Baru tidak akan ditutup"),
                ("claim", "Jembatan Kali Baru di Ciwandan retak parah dan akan ditutup total mulai minggu depan."),
                ("summary", "DPUPR memeriksa jembatan: retak rambut di aspal, struktur aman, tidak ada penutupan."),
                ("body", "Pemeriksaan DPUPR menunjukkan struktur jembatan aman."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    t.run_jobs().await;
    let sent = sent.lock().unwrap();
    let (_, _, last) = sent.last().unwrap();
    assert_eq!(last["to"], "6289876543210");
    assert_eq!(last["type"], "template");
    assert_eq!(last["template"]["name"], "hasil_cek_fakta");
    let vars: Vec<&str> = last["template"]["components"][0]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(vars[0].starts_with("CEK-2026-") && vars[1] == "[SALAH] Jembatan Kali Baru tidak akan ditutup", "{vars:?}");
    assert!(vars[2].contains("/klarifikasi/jembatan-kali-baru"));
    assert_eq!(sent.len(), 4, "one reply each, the verdict once: {sent:?}");
}

#[tokio::test]
async fn chat_webhooks_are_off_until_configured() {
    let t = TestApp::new().await;
    let mut c = t.client();
    assert_eq!(c.get("/api/v1/webhooks/whatsapp?hub.mode=subscribe").await.status, StatusCode::NOT_FOUND);
    assert_eq!(c.post_raw("/api/v1/webhooks/telegram", "application/json", "{}").await.status, StatusCode::NOT_FOUND);
}

pub async fn post_tg(c: &mut Client, secret: &str, update: serde_json::Value) -> Resp {
    c.clone_with_header("x-telegram-bot-api-secret-token", secret)
        .post_raw("/api/v1/webhooks/telegram", "application/json", update.to_string())
        .await
}

pub fn tg_text(update_id: i64, message_id: i64, chat: i64, text: &str) -> serde_json::Value {
    serde_json::json!({ "update_id": update_id, "message": {
        "message_id": message_id, "date": 1_795_831_200, "chat": { "id": chat, "type": "private" },
        "from": { "id": chat, "is_bot": false, "first_name": "Warga" }, "text": text } })
}

#[tokio::test]
async fn telegram_tipsters_hear_the_verdict_when_it_is_published() {
    let (t, sent) = chat_app().await;
    let mut bot = t.client();
    let rumour =
        "Beredar pesan bahwa vaksin campak di posyandu Kelurahan Ramanuju mengandung chip pelacak dari luar negeri";
    assert_eq!(post_tg(&mut bot, "salah", tg_text(1, 10, 777, rumour)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(t.count("tips").await, 0);

    assert_eq!(post_tg(&mut bot, TG_SECRET, tg_text(2, 11, 777, rumour)).await.status, StatusCode::OK);
    assert_eq!(post_tg(&mut bot, TG_SECRET, tg_text(2, 11, 777, rumour)).await.status, StatusCode::OK);
    assert_eq!(t.count("tips").await, 1);
    // Another tipster sends the same rumour: same cluster, both wait.
    let copy = "beredar pesan: vaksin campak di posyandu kelurahan ramanuju mengandung chip pelacak dari luar negeri!!";
    post_tg(&mut bot, TG_SECRET, tg_text(3, 5, 888, copy)).await;
    let (start, sticker) = (
        tg_text(4, 12, 777, "/start"),
        serde_json::json!({ "update_id": 5, "message": {
        "message_id": 13, "date": 1, "chat": { "id": 777, "type": "private" }, "sticker": { "file_id": "x" } } }),
    );
    post_tg(&mut bot, TG_SECRET, start).await;
    post_tg(&mut bot, TG_SECRET, sticker).await;
    t.run_jobs().await;
    let code = {
        let sent = sent.lock().unwrap();
        assert_eq!(sent.len(), 4, "{sent:?}");
        assert!(sent.iter().all(|(p, a, _)| p == "/bot123:ABC/sendMessage" && a.is_none()));
        let first = sent[0].2["text"].as_str().unwrap().to_owned();
        assert_eq!(sent[0].2["chat_id"], 777);
        assert!(first.contains("CEK-2026-") && first.contains("akan diperiksa"), "{first}");
        assert!(sent[2].2["text"].as_str().unwrap().contains("Cek Fakta"));
        assert!(sent[3].2["text"].as_str().unwrap().contains("pesan teks"));
        first.split_whitespace().find(|w| w.starts_with("CEK-")).unwrap().to_owned()
    };
    let k: i64 = query("SELECT cluster_id FROM tips WHERE channel = 'telegram' ORDER BY id LIMIT 1")
        .scalar(&t.app.db)
        .await
        .unwrap();
    let tips: i64 = query("SELECT tip_count FROM tip_clusters WHERE id = $1").bind(k).scalar(&t.app.db).await.unwrap();
    assert_eq!(tips, 2);

    // An editor takes it up, notes evidence, and publishes the verdict.
    let mut editor = t.login_as(Role::Redaksi).await;
    let list = editor.get("/kelola/cek-fakta").await;
    assert!(list.body.contains("Ramanuju") && list.body.contains("Telegram 2"), "{}", list.body);
    assert_eq!(
        editor.post_form(&format!("/kelola/cek-fakta/{k}/langkah"), &[("step", "periksa")]).await.status,
        StatusCode::SEE_OTHER
    );
    let r = editor
        .post_form(
            &format!("/kelola/cek-fakta/{k}/catatan"),
            &[("note", "Dinkes membantah"), ("evidence_url", "https://dinkes.example.go.id/a")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // A refused form comes back as typed.
    let r = editor
        .post_form(
            &format!("/kelola/cek-fakta/{k}/terbitkan"),
            &[("verdict", "BOHONG"), ("title", "Judul yang saya ketik")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Judul yang saya ketik"));
    let r = editor
        .post_form(
            &format!("/kelola/cek-fakta/{k}/terbitkan"),
            &[
                ("verdict", "HOAKS"),
                ("title", "Vaksin campak berisi chip pelacak"),
                ("claim", rumour),
                ("summary", "Dinas Kesehatan memastikan vaksin campak tidak berisi chip apa pun."),
                ("body", "Vaksin campak adalah cairan; tidak ada chip di dalamnya."),
                ("sources", "https://dinkes.example.go.id/a"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    t.run_jobs().await;
    {
        let sent = sent.lock().unwrap();
        assert_eq!(sent.len(), 6, "{sent:?}");
        let told: Vec<i64> = sent[4..].iter().map(|s| s.2["chat_id"].as_i64().unwrap()).collect();
        assert!(told.contains(&777) && told.contains(&888));
        let text = sent[4].2["text"].as_str().unwrap();
        assert!(text.contains("[HOAKS] Vaksin campak berisi chip pelacak") && text.contains("/klarifikasi/"), "{text}");
    }
    // Told once; the chat ids are gone; the ticket shows the verdict.
    let kept: i64 = query("SELECT COUNT(*) FROM tips WHERE contact IS NOT NULL").scalar(&t.app.db).await.unwrap();
    assert_eq!(kept, 0);
    let p = t.client().get(&format!("/cek-fakta/tiket/{code}")).await;
    assert!(p.body.contains("Vaksin campak berisi chip pelacak"), "{}", p.body);
    // The rumour, sent again later, is answered at once.
    post_tg(&mut bot, TG_SECRET, tg_text(9, 20, 999, rumour)).await;
    t.run_jobs().await;
    let last = sent.lock().unwrap().last().unwrap().2["text"].as_str().unwrap().to_owned();
    assert!(last.starts_with("[HOAKS] Vaksin campak"), "{last}");
    // The trail has each step, without any chat id.
    let trail: Vec<String> = query("SELECT action FROM audit_events ORDER BY id").scalars(&t.app.db).await.unwrap();
    for a in ["tip.receive", "tip_cluster.step", "tip_cluster.note", "clarification.publish"] {
        assert!(trail.iter().any(|x| x == a), "{a}: {trail:?}");
    }
    let leaked: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE after_json LIKE '%777%'").scalar(&t.app.db).await.unwrap();
    assert_eq!(leaked, 0);
    // Message ids can carry the chat id: they are stored hashed.
    let ids: i64 = query("SELECT COUNT(*) FROM tips WHERE external_id LIKE '%777%' OR external_id LIKE '%888%'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(ids, 0);
}

#[tokio::test]
async fn clarifications_carry_claim_review_and_have_a_feed() {
    let t = TestApp::new().await;
    let mut editor = t.login_as(Role::Redaksi).await;
    let slug = publish(&mut editor, "KONTEKS_SALAH", "Foto banjir lama disebut banjir hari ini", TELUR).await;
    let page = t.client().get(&format!("/klarifikasi/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<title>[KONTEKS SALAH] Foto banjir lama"), "{}", &page.body[..600]);
    let start = page.body.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + page.body[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page.body[start..end]).unwrap();
    assert_eq!(ld["@type"], "ClaimReview");
    assert_eq!(ld["claimReviewed"], TELUR);
    assert_eq!(ld["reviewRating"]["alternateName"], "KONTEKS SALAH");
    assert_eq!(ld["reviewRating"]["@type"], "Rating");
    assert!(ld["url"].as_str().unwrap().ends_with(&format!("/klarifikasi/{slug}")));
    assert_eq!(ld["author"]["@type"], "Organization");
    assert!(ld["datePublished"].as_str().unwrap().starts_with("2026-11-28"));
    assert_eq!(ld["itemReviewed"]["@type"], "Claim");
    assert_eq!(ld["itemReviewed"]["appearance"][0]["url"], "https://facebook.com/groups/warga/posts/1");
    assert_eq!(ld["itemReviewed"]["firstAppearance"]["url"], "https://facebook.com/groups/warga/posts/1");
    assert!(page.body.contains("Siaran pers Dinsos") && page.body.contains("wa.me"));

    let feed = t.client().get("/cek-fakta/feed.xml").await;
    let parsed = feed_rs::parser::parse(feed.body.as_bytes()).unwrap();
    assert_eq!(parsed.entries.len(), 1);
    assert!(parsed.entries[0].title.as_ref().unwrap().content.starts_with("[KONTEKS SALAH]"));
    let index = t.client().get("/cek-fakta").await;
    assert!(index.body.contains("KONTEKS SALAH") && index.body.contains(&slug));
    let api = t.client().get("/api/v1/clarifications").await.json();
    assert_eq!(api[0]["verdict"], "KONTEKS_SALAH");

    // Correcting it keeps the address and teaches the matcher the new claim.
    let id: i64 = query("SELECT id FROM clarifications").scalar(&t.app.db).await.unwrap();
    let r = editor
        .post_form(
            &format!("/kelola/klarifikasi/{id}"),
            &[
                ("verdict", "SALAH"),
                ("title", "Foto banjir lama disebut banjir hari ini"),
                ("claim", "Foto banjir besar di Jalan Raya Merak diklaim terjadi hari ini, padahal foto tahun 2019"),
                ("summary", "Foto itu dari 2019."),
                ("body", "Penelusuran gambar menunjukkan foto diunggah pada 2019."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/klarifikasi/{slug}"));
    let v = tip(
        &mut t.client(),
        serde_json::json!({ "text":
        "foto banjir besar di jalan raya merak hari ini, ternyata itu foto lama tahun 2019 yang disebar ulang" }),
    )
    .await
    .json();
    assert_eq!(v["answer"], "confident", "{v}");
    assert_eq!(v["clarification"]["verdict"], "SALAH");
}

#[tokio::test]
async fn the_desk_moves_rumours_only_along_its_states() {
    let t = TestApp::new().await;
    let mut api = t.client();
    let a = tip(&mut api, serde_json::json!({ "text": "Pendaftaran CPNS Kota Cilegon dibuka lewat grup WhatsApp dengan biaya Rp 2 juta" })).await.json();
    let b = tip(
        &mut api,
        serde_json::json!({ "text": "Apakah benar jadwal pengambilan KTP di kecamatan Grogol diundur minggu depan?" }),
    )
    .await
    .json();
    let (ka, kb) =
        (cluster_of(&t, a["code"].as_str().unwrap()).await, cluster_of(&t, b["code"].as_str().unwrap()).await);
    assert_ne!(ka, kb);
    let mut member = t.login_as(Role::Anggota).await;
    let r = member.post_form(&format!("/kelola/cek-fakta/{kb}/langkah"), &[("step", "bukan_klaim")]).await;
    assert!(r.is_denied());
    let mut editor = t.login_as(Role::Redaksi).await;
    let step = |k: i64, s: &'static str, d: &'static str| (format!("/kelola/cek-fakta/{k}/langkah"), s, d);
    let state = |k: i64| {
        let db = t.app.db.clone();
        async move { query("SELECT state FROM tip_clusters WHERE id = $1").bind(k).scalar::<String>(&db).await.unwrap() }
    };
    let (p, s, _) = step(kb, "bukan_klaim", "");
    assert_eq!(editor.post_form(&p, &[("step", s)]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(state(kb).await, "bukan_klaim");
    // Closed: no more checking or publishing until reopened.
    let r = editor.post_form(&p, &[("step", "periksa")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(editor.post_form(&p, &[("step", "buka_lagi")]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(state(kb).await, "belum_dicek");
    // A duplicate needs another standing rumour.
    let r = editor.post_form(&p, &[("step", "duplikat"), ("duplicate_of", &kb.to_string())]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = editor.post_form(&p, &[("step", "duplikat"), ("duplicate_of", &ka.to_string())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(state(kb).await, "duplikat");
    // Assigning: only to people who work the desk.
    let r = editor.post_form(&format!("/kelola/cek-fakta/{ka}/tugas"), &[("assignee_id", "999")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (p, s, _) = step(ka, "periksa", "");
    assert_eq!(editor.post_form(&p, &[("step", s)]).await.status, StatusCode::SEE_OTHER);
    let who: Option<i64> =
        query("SELECT assignee_id FROM tip_clusters WHERE id = $1").bind(ka).scalar(&t.app.db).await.unwrap();
    assert!(who.is_some());
    let counts = editor.get("/kelola/cek-fakta?state=semua").await;
    assert!(counts.body.contains("Sedang dicek (1)") && counts.body.contains("Duplikat (1)"), "{}", counts.body);
}

async fn multipart_with_file(c: &mut Client, text: &str, file: &[u8]) -> Resp {
    let token = c.csrf_token().await;
    let boundary = "XbatasX";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n").into_bytes();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n").as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"screenshot\"; filename=\"layar.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let ct = format!("multipart/form-data; boundary={boundary}");
    c.send(Method::POST, "/cek-fakta", Some(&ct), body.into()).await
}

#[tokio::test]
async fn screenshots_are_re_encoded_and_only_editors_see_them() {
    let t = TestApp::new().await;
    let mut web = t.client();
    let text = "Tangkapan layar pesan berantai tentang penutupan jalan tol Merak selama seminggu penuh";
    // Not an image: refused, nothing stored, the text kept.
    let r = multipart_with_file(&mut web, text, b"%PDF-1.7 bukan gambar").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("penutupan jalan tol Merak"));
    assert_eq!(t.count("tips").await, 0);
    let r = multipart_with_file(&mut web, text, &crate::media::photo_with_gps(800, 600)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let tip: i64 = query("SELECT id FROM tips").scalar(&t.app.db).await.unwrap();
    let path = format!("/kelola/cek-fakta/tangkapan/{tip}");
    assert!(t.client().get(&path).await.is_denied());
    assert!(t.login_as(Role::Anggota).await.get(&path).await.is_denied());
    let shot = t.login_as(Role::Redaksi).await.get(&path).await;
    assert_eq!(shot.status, StatusCode::OK);
    assert_eq!(shot.headers["content-type"], "image/jpeg");
    assert!(!shot.body.contains("GPS-LAT") && !shot.body.contains("Exif"));
}

/// Sends a tip with an e-mail to be told; returns (code, cluster id).
async fn tip_with_email(t: &TestApp, text: &str, email: &str) -> (String, i64) {
    let v = tip(&mut t.client(), serde_json::json!({ "text": text, "email": email })).await.json();
    let code = v["code"].as_str().unwrap().to_owned();
    let k = cluster_of(t, &code).await;
    (code, k)
}

#[tokio::test]
async fn every_waiting_tipster_hears_once_through_merged_rumours() {
    let t = TestApp::new().await;
    let (a, ka) = tip_with_email(
        &t,
        "Katanya gas elpiji tiga kilo akan ditarik dari warung mulai bulan depan di seluruh Banten",
        "a@example.id",
    )
    .await;
    let (b, kb) = tip_with_email(
        &t,
        "Tabung melon 3 kg tidak boleh lagi dijual pengecer, warga harus beli di pangkalan resmi pakai KTP",
        "b@example.id",
    )
    .await;
    let (_, kc) = tip_with_email(
        &t,
        "Pemerintah menghapus subsidi elpiji tiga kilogram untuk rumah tangga mulai Januari tahun depan",
        "c@example.id",
    )
    .await;
    assert!(ka != kb && kb != kc && ka != kc);
    let mut editor = t.login_as(Role::Redaksi).await;
    let step = |k: i64| format!("/kelola/cek-fakta/{k}/langkah");
    // B is the same as A; then A (with B) is the same as C: B follows along.
    assert_eq!(
        editor.post_form(&step(kb), &[("step", "duplikat"), ("duplicate_of", &ka.to_string())]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        editor.post_form(&step(ka), &[("step", "duplikat"), ("duplicate_of", &kc.to_string())]).await.status,
        StatusCode::SEE_OTHER
    );
    let r = editor
        .post_form(
            &format!("/kelola/cek-fakta/{kc}/terbitkan"),
            &[
                ("verdict", "MENYESATKAN"),
                ("title", "Elpiji 3 kg tetap dijual, pembeli didata"),
                ("claim", "Elpiji tiga kilogram ditarik dan subsidinya dihapus untuk rumah tangga."),
                ("summary", "Elpiji 3 kg tetap bersubsidi; pembelian di pangkalan didata dengan KTP."),
                ("body", "Penjelasan Pertamina dan Kementerian ESDM."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mails = t.outbox().await;
    for who in ["a@example.id", "b@example.id", "c@example.id"] {
        let m: Vec<_> = mails.iter().filter(|m| m.to.contains(who)).collect();
        assert_eq!(m.len(), 1, "{who}: {mails:?}");
        assert!(m[0].body.contains("[MENYESATKAN] Elpiji 3 kg tetap dijual") && m[0].body.contains("/klarifikasi/"));
    }
    // Told once: publishing does not repeat, and the addresses are gone.
    let kept: i64 = query("SELECT COUNT(*) FROM tips WHERE contact IS NOT NULL").scalar(&t.app.db).await.unwrap();
    assert_eq!(kept, 0);
    // The tickets of merged rumours show the verdict too.
    for code in [&a, &b] {
        let p = t.client().get(&format!("/cek-fakta/tiket/{code}")).await;
        assert!(p.body.contains("Elpiji 3 kg tetap dijual"), "{code}: {}", p.body);
    }

    // A rumour closed on another node while this one still has it open: the tip follows it to
    // its verdict instead of joining a closed rumour with a promise.
    let text = "Beredar kabar sekolah negeri di Kota Cilegon libur dua minggu karena wabah flu burung di kelurahan";
    let (_, kw) = tip_with_email(&t, text, "w@example.id").await;
    let clarification: i64 = query("SELECT id FROM clarifications").scalar(&t.app.db).await.unwrap();
    let mut tx = t.app.db.begin().await.unwrap();
    query("UPDATE tip_clusters SET state = 'terbit', clarification_id = $2 WHERE id = $1")
        .bind(kw)
        .bind(clarification)
        .execute(&mut tx)
        .await
        .unwrap();
    tx.commit_bookkeeping().await.unwrap();
    let v = tip(&mut t.client(), serde_json::json!({ "text": text, "email": "x@example.id" })).await.json();
    assert_eq!(v["answer"], "confident", "{v}");
    assert_eq!(cluster_of(&t, v["code"].as_str().unwrap()).await, kw);

    // Not a claim: the waiting tipster hears that no verdict will come; the ticket says so.
    let (g, kg) =
        tip_with_email(&t, "Ada yang tahu jam buka kantor kelurahan Ramanuju hari Sabtu ini tidak ya", "g@example.id")
            .await;
    assert_eq!(editor.post_form(&step(kg), &[("step", "bukan_klaim")]).await.status, StatusCode::SEE_OTHER);
    let mails = t.outbox().await;
    let m = mails.iter().find(|m| m.to.contains("g@example.id")).expect("a mail to g@");
    assert!(m.body.contains("bukan klaim"), "{}", m.body);
    let p = t.client().get(&format!("/cek-fakta/tiket/{g}")).await;
    assert!(p.body.contains("bukan klaim yang dapat diperiksa"), "{}", p.body);
}

#[tokio::test]
async fn telegram_groups_and_unreadable_updates_are_ignored() {
    let (t, sent) = chat_app().await;
    let mut bot = t.client();
    let group = serde_json::json!({ "update_id": 1, "message": { "message_id": 1, "date": 1,
        "chat": { "id": -100_123, "type": "group" }, "text": "Obrolan grup tentang arisan RT minggu depan di rumah Bu Sari" } });
    assert_eq!(post_tg(&mut bot, TG_SECRET, group).await.status, StatusCode::OK);
    // Signed but not an update we can read: acknowledged, nothing stored (a refusal would be
    // delivered again and again).
    let r = bot
        .clone_with_header("x-telegram-bot-api-secret-token", TG_SECRET)
        .post_raw("/api/v1/webhooks/telegram", "application/json", "[1,2]")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    // Control characters are dropped rather than breaking the store.
    let text = "Pesan berantai\u{0}: pembagian bibit pohon gratis di kantor kecamatan Jombang hari Kamis pagi";
    assert_eq!(post_tg(&mut bot, TG_SECRET, tg_text(2, 2, 4242, text)).await.status, StatusCode::OK);
    assert_eq!(t.count("tips").await, 1);
    let body: String = query("SELECT body FROM tips").scalar(&t.app.db).await.unwrap();
    assert!(!body.contains('\u{0}'));
    // A header that is present but empty is no secret.
    let r = bot
        .clone_with_header("x-telegram-bot-api-secret-token", "")
        .post_raw("/api/v1/webhooks/telegram", "application/json", "{}")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    t.run_jobs().await;
    assert_eq!(sent.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_signed_in_person_is_limited_per_account_on_the_web_form() {
    let t = TestApp::new().await;
    let email = t.citizen().await;
    let mut me = t.login(&email, crate::support::PASSWORD).await;
    let token = me.csrf_token().await;
    let mut refused = 0;
    for i in 0..25 {
        let text = format!("Kabar nomor {i} tentang pembagian sembako gratis di kantor kelurahan besok pagi");
        let r = tip_form(&mut me, &token, &[("text", &text)]).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    assert_eq!(refused, 5, "twenty a minute per person");
    assert_eq!(t.count("tips").await, 20);
}
