//! Reporters hear back on the channel they gave: one e-mail per step that matters (with the
//! private link, the reason, the answer), chats linked with one-time codes, lost links sent
//! again, one-tap opt-out, and "Laporan saya".

use axum::http::StatusCode;
use simpul::{features::aspirations, infra::db::query};

use crate::{
    aspirations::{City, city, file_report, report_fields, step, submit},
    factcheck::{Sent, TG_SECRET, WA_SECRET, chat_app, post_tg, post_wa, tg_text, tip_form, wa_delivery, wa_signature},
    support::{Client, PASSWORD, TestApp},
};

const EMAIL: &str = "siti.pelapor@example.id";

/// Mails to the reporter: (subject, body). The test clock stands still between steps, so
/// their order is not known; find them by subject.
async fn reporter_mails(t: &TestApp) -> Vec<(String, String)> {
    t.outbox().await.into_iter().filter(|m| m.to.contains(EMAIL)).map(|m| (m.subject, m.body)).collect()
}

fn with_subject<'a>(mails: &'a [(String, String)], part: &str) -> &'a (String, String) {
    mails.iter().find(|m| m.0.contains(part)).unwrap_or_else(|| panic!("no mail about {part:?} in {mails:?}"))
}

/// Waits for work the page does after answering (sending a link again) to finish.
async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

/// The private follow-up link in a message body.
fn link_in(body: &str) -> String {
    let start = body.find("/aspirasi/lacak/").unwrap_or_else(|| panic!("no private link in {body}"));
    let path = body[start..].split_whitespace().next().unwrap();
    assert!(!path.ends_with("/berhenti"), "the first link is the report, not the stop page: {body}");
    path.to_owned()
}

async fn coordinator(t: &TestApp, c: &City) -> Client {
    t.login(&c.coordinator, PASSWORD).await
}

#[tokio::test]
async fn the_reporter_gets_one_mail_per_step_that_matters_with_the_link_and_the_answer() {
    let t = TestApp::new().await;
    t.load_regions().await;
    let c = city(&t).await;
    let (id, track, code) = file_report(&t, &c, &[]).await;
    let mails = reporter_mails(&t).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].0.contains(&code) && mails[0].0.contains("diterima"), "{:?}", mails[0]);
    assert!(mails[0].1.contains(&track), "the first mail carries the link shown after submitting");
    assert!(mails[0].1.contains(&format!("{track}/berhenti")), "and a way to stop");
    // The mail client's one-click unsubscribe header.
    let raw: Vec<String> = std::fs::read_dir(t.app.config.outbox_dir())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        raw.iter().any(|m| m.contains("List-Unsubscribe: <http")
            && m.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
    );

    let mut coord = coordinator(&t, &c).await;
    assert_eq!(step(&mut coord, id, &[("action", "verify")]).await.status, StatusCode::SEE_OTHER);
    let road = c.road_opd.to_string();
    assert_eq!(step(&mut coord, id, &[("action", "dispose"), ("opd_id", &road)]).await.status, StatusCode::SEE_OTHER);
    let mut officer = t.login(&c.officer, PASSWORD).await;
    assert_eq!(step(&mut officer, id, &[("action", "acknowledge")]).await.status, StatusCode::SEE_OTHER);
    let answer = "Lubang sudah ditambal tim DPUPR pada 3 Desember, silakan dicek.";
    assert_eq!(step(&mut officer, id, &[("action", "respond"), ("body", answer)]).await.status, StatusCode::SEE_OTHER);

    // Received, verified, answered: the disposition and taking it up are internal.
    let mails = reporter_mails(&t).await;
    assert_eq!(mails.len(), 3, "{mails:?}");
    with_subject(&mails, "diverifikasi");
    let answered = with_subject(&mails, "Tanggapan");
    assert!(answered.1.contains(answer), "the answer itself is in the mail: {}", answered.1);
    // Every mail has its own working link.
    let links: Vec<String> = mails.iter().map(|m| link_in(&m.1)).collect();
    assert_eq!(links.iter().collect::<std::collections::HashSet<_>>().len(), 3, "a fresh link each time");
    for l in &links {
        let page = t.client().get(l).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(answer));
    }

    // A day before the answer closes by itself: a reminder, once.
    t.advance_minutes(60 * 24 * 13);
    let s = aspirations::sweep_deadlines(&t.app).await.unwrap();
    assert_eq!(s.reminded, 1, "{s:?}");
    aspirations::sweep_deadlines(&t.app).await.unwrap();
    let mails = reporter_mails(&t).await;
    assert_eq!(mails.len(), 4);
    assert!(with_subject(&mails, "segera selesai").1.contains("sanggahan"));

    // Closing is not mailed (the reporter was told it would happen).
    t.advance_minutes(60 * 24 * 3);
    assert_eq!(aspirations::sweep_deadlines(&t.app).await.unwrap().closed, 1);
    assert_eq!(reporter_mails(&t).await.len(), 4);
}

#[tokio::test]
async fn a_rejection_says_why_and_opting_out_stops_every_message() {
    let t = TestApp::new().await;
    t.load_regions().await;
    let c = city(&t).await;
    let (first, _, first_code) = file_report(&t, &c, &[]).await;
    let (id, track, _) = file_report(&t, &c, &[]).await;
    let mut coord = coordinator(&t, &c).await;
    assert_eq!(step(&mut coord, first, &[("action", "verify")]).await.status, StatusCode::SEE_OTHER);
    let r = step(
        &mut coord,
        id,
        &[
            ("action", "reject"),
            ("reason", "duplicate"),
            ("duplicate_of", &first_code),
            ("body", "Sudah dilaporkan warga lain."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mails = reporter_mails(&t).await;
    let rejected = with_subject(&mails, "tidak ditindaklanjuti");
    assert!(rejected.1.contains("Sama dengan laporan lain") && rejected.1.contains(&first_code), "{}", rejected.1);
    assert!(rejected.1.contains("Sudah dilaporkan warga lain."));

    // One tap: the link in the mail opens a page with one button.
    let before = reporter_mails(&t).await.len();
    let mut citizen = t.client();
    let confirm = citizen.get(&format!("{track}/berhenti")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(citizen.post_form(&format!("{track}/berhenti"), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(citizen.get(&track).await.body.contains("berhenti menerima kabar"));
    // The first report: stopped with the mail client's one-click POST (no cookie, no form token).
    let key = {
        let mails = reporter_mails(&t).await;
        let m = &with_subject(&mails, "diverifikasi").1;
        link_in(m).trim_start_matches("/aspirasi/lacak/").to_owned()
    };
    let one_click = t
        .client()
        .post_raw(
            &format!("/api/v1/aspirations/unsubscribe/{key}"),
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click",
        )
        .await;
    assert_eq!(one_click.status, StatusCode::NO_CONTENT);
    let unknown = t
        .client()
        .post_raw(
            "/api/v1/aspirations/unsubscribe/bukan-kunci-yang-benar-sama-sekali",
            "application/x-www-form-urlencoded",
            "",
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let road = c.road_opd.to_string();
    assert_eq!(
        step(&mut coord, first, &[("action", "dispose"), ("opd_id", &road)]).await.status,
        StatusCode::SEE_OTHER
    );
    let mut officer = t.login(&c.officer, PASSWORD).await;
    assert_eq!(
        step(&mut officer, first, &[("action", "respond"), ("body", "Sudah ditambal.")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(reporter_mails(&t).await.len(), before, "nothing after opting out");
    let off: bool =
        query("SELECT notify_off FROM aspirations WHERE id = $1").bind(first).scalar(&t.app.db).await.unwrap();
    assert!(off);
}

#[tokio::test]
async fn a_lost_link_is_sent_again_only_to_the_contact_given_and_the_page_says_the_same() {
    let t = TestApp::new().await;
    t.load_regions().await;
    let c = city(&t).await;
    let (_, _, code) = file_report(&t, &c, &[]).await;
    let mut citizen = t.client();
    let form = citizen.get("/aspirasi/lacak").await;
    assert_eq!(form.status, StatusCode::OK);
    let before = reporter_mails(&t).await.len();
    let wrong = citizen.post_form("/aspirasi/lacak", &[("code", &code), ("contact", "orang.lain@example.id")]).await;
    let unknown = citizen.post_form("/aspirasi/lacak", &[("code", "ASP-2026-999999"), ("contact", EMAIL)]).await;
    settle().await;
    assert_eq!(reporter_mails(&t).await.len(), before, "nothing to a wrong contact or an unknown code");
    let right = citizen
        .post_form("/aspirasi/lacak", &[("code", &code.to_lowercase()), ("contact", " Siti.Pelapor@Example.id ")])
        .await;
    for r in [&wrong, &unknown, &right] {
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Jika nomor laporan dan kontak itu cocok"), "the same answer: {}", r.body);
    }
    let strip = |b: &str| b.replace(&code.to_lowercase(), "").replace("ASP-2026-999999", "");
    assert_eq!(strip(&wrong.body).len(), strip(&right.body).len(), "nothing tells the answers apart");
    settle().await;
    let mails = reporter_mails(&t).await;
    assert_eq!(mails.len(), before + 1);
    let link = link_in(&with_subject(&mails, "Tautan laporan").1);
    assert_eq!(t.client().get(&link).await.status, StatusCode::OK);
    // Bad input: a clear error, the form as typed.
    let bad = citizen.post_form("/aspirasi/lacak", &[("code", "laporan saya"), ("contact", "")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("laporan saya") && bad.body.contains("ASP-2026-000123"));
    // A few an hour per report, whoever asks.
    for _ in 0..5 {
        citizen.post_form("/aspirasi/lacak", &[("code", &code), ("contact", EMAIL)]).await;
    }
    settle().await;
    assert!(reporter_mails(&t).await.len() <= before + 3, "limited per report and contact");
}

/// Links the report behind `track` to a chat: returns the one-time code from the deep link.
async fn chat_code(t: &TestApp, track: &str, channel: &str) -> String {
    let mut citizen = t.client();
    let page = citizen.get(track).await;
    let label = if channel == "telegram" { "Kabari saya lewat Telegram" } else { "Kabari saya lewat WhatsApp" };
    assert!(page.body.contains(label));
    let r = citizen.post_form(&format!("{track}/kabari"), &[("channel", channel)]).await;
    assert_eq!(r.status, StatusCode::OK, "a page with the link (form posts stay on this site)");
    assert!(r.headers["cache-control"].to_str().unwrap().contains("no-store"));
    let prefix = match channel {
        "telegram" => "https://t.me/kim_cilegon_bot?start=",
        _ => "https://wa.me/6281100001111?text=LAPOR+",
    };
    let start = r.body.find(prefix).unwrap_or_else(|| panic!("{prefix} in {}", r.body)) + prefix.len();
    let code = r.body[start..].split('"').next().unwrap().to_owned();
    assert!(r.body.contains(&code) && r.body.matches(&code).count() >= 2, "the code is also shown to type by hand");
    code
}

fn chat_texts(sent: &Sent, to: i64) -> Vec<String> {
    sent.lock()
        .unwrap()
        .iter()
        .filter(|s| s.2["chat_id"] == to)
        .map(|s| s.2["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_reporter_with_only_a_phone_number_follows_the_report_on_telegram_and_whatsapp() {
    let (t, sent) = chat_app().await;
    let c = city(&t).await;
    let fields: Vec<(&str, String)> = report_fields(&c).into_iter().filter(|(k, _)| *k != "reporter_email").collect();
    let mut citizen = t.client();
    let r = submit(&mut citizen, &fields, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let track = r.location().split('?').next().unwrap().to_owned();
    // Offered at once, on the page shown after submitting.
    let fresh = citizen.get(r.location()).await.body;
    assert!(fresh.contains("Kabari saya lewat Telegram") && fresh.contains("tidak memberi e-mail"), "{fresh}");
    let id: i64 = query("SELECT MAX(id) FROM aspirations").scalar(&t.app.db).await.unwrap();

    // Telegram: /start with the code links the chat.
    let code = chat_code(&t, &track, "telegram").await;
    let mut bot = t.client();
    let r = post_tg(&mut bot, TG_SECRET, tg_text(1, 1, 4242, &format!("/start {code}"))).await;
    assert_eq!(r.status, StatusCode::OK);
    t.run_jobs().await;
    assert!(chat_texts(&sent, 4242).last().unwrap().contains("Terhubung"));
    // Replayed, or from someone else's chat: the same refusal, nothing linked.
    post_tg(&mut bot, TG_SECRET, tg_text(2, 1, 5555, &format!("/start {code}"))).await;
    post_tg(&mut bot, TG_SECRET, tg_text(3, 2, 4242, "/start ZZZZZZZZ")).await;
    t.run_jobs().await;
    assert!(chat_texts(&sent, 5555).last().unwrap().contains("tidak dikenal"));
    assert!(chat_texts(&sent, 4242).last().unwrap().contains("tidak dikenal"));
    let tips: Vec<String> = query("SELECT body FROM tips").scalars(&t.app.db).await.unwrap();
    assert!(tips.is_empty(), "a code is not a tip: {tips:?}");
    let chat: String = query("SELECT chat_id FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(chat, "4242");
    // A code not used within a day expires.
    let late = chat_code(&t, &track, "whatsapp").await;
    t.advance_minutes(60 * 25);
    let body = wa_delivery(
        "wamid.L0",
        "6289900000000",
        serde_json::json!({ "type": "text", "text": { "body": format!("LAPOR {late}") } }),
    );
    post_wa(&mut t.client(), &body, &wa_signature(&body, WA_SECRET)).await;
    t.run_jobs().await;
    let refused =
        sent.lock().unwrap().iter().rev().find(|s| s.2["to"] == "6289900000000").map(|s| s.2.clone()).unwrap();
    assert!(refused["text"]["body"].as_str().unwrap().contains("tidak dikenal"), "{refused}");
    let chat: String = query("SELECT chat_id FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(chat, "4242", "an expired code links nothing");
    t.advance_minutes(-60 * 25);

    // Every step that matters reaches the chat, with the answer and a link.
    let mut coord = coordinator(&t, &c).await;
    step(&mut coord, id, &[("action", "verify")]).await;
    let road = c.road_opd.to_string();
    step(&mut coord, id, &[("action", "dispose"), ("opd_id", &road)]).await;
    let mut officer = t.login(&c.officer, PASSWORD).await;
    step(&mut officer, id, &[("action", "respond"), ("body", "Drainase sudah dibersihkan.")]).await;
    t.run_jobs().await;
    let texts = chat_texts(&sent, 4242);
    assert!(texts.iter().any(|m| m.contains("diverifikasi") && m.contains("/aspirasi/lacak/")), "{texts:?}");
    let answered = texts.iter().find(|m| m.contains("Drainase sudah dibersihkan.")).expect("the answer");
    assert!(answered.contains("BERHENTI") && answered.contains("/aspirasi/lacak/"));
    // Linked, the refused replay, verified, answered: the disposition is not a message.
    assert_eq!(texts.len(), 4, "{texts:?}");

    // WhatsApp too: "LAPOR <code>"; notices go as the approved template.
    let code = chat_code(&t, &track, "whatsapp").await;
    let body = wa_delivery(
        "wamid.L1",
        "6281234567890",
        serde_json::json!({ "type": "text", "text": { "body": format!("LAPOR {code}") } }),
    );
    let mut meta = t.client();
    assert_eq!(post_wa(&mut meta, &body, &wa_signature(&body, WA_SECRET)).await.status, StatusCode::OK);
    t.run_jobs().await;
    t.advance_minutes(60 * 24 * 13);
    assert_eq!(aspirations::sweep_deadlines(&t.app).await.unwrap().reminded, 1);
    t.run_jobs().await;
    let wa: Vec<serde_json::Value> =
        sent.lock().unwrap().iter().filter(|s| s.2["to"] == "6281234567890").map(|s| s.2.clone()).collect();
    assert!(wa[0]["text"]["body"].as_str().unwrap().contains("Terhubung"), "{wa:?}");
    let reminder = wa.last().unwrap();
    assert_eq!(reminder["type"], "template", "{reminder}");
    assert_eq!(reminder["template"]["name"], "kabar_laporan");
    let vars = reminder["template"]["components"][0]["parameters"].as_array().unwrap();
    assert!(
        vars[1]["text"].as_str().unwrap().contains("besok")
            && vars[2]["text"].as_str().unwrap().contains("/aspirasi/lacak/")
    );

    // BERHENTI stops the chat's notices.
    let body =
        wa_delivery("wamid.L2", "6281234567890", serde_json::json!({ "type": "text", "text": { "body": "berhenti" } }));
    post_wa(&mut meta, &body, &wa_signature(&body, WA_SECRET)).await;
    t.run_jobs().await;
    let last = sent.lock().unwrap().last().unwrap().2.clone();
    assert!(last["text"]["body"].as_str().unwrap().contains("tidak akan menerima"));
    let chat: Option<String> =
        query("SELECT chat_id FROM aspirations WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    assert_eq!(chat, None);
    // No number, chat id or code in the audit trail.
    let trail: Vec<String> =
        query("SELECT COALESCE(after_json, '') FROM audit_events").scalars(&t.app.db).await.unwrap();
    assert!(trail.iter().all(|a| !a.contains("6281234567890") && !a.contains("4242") && !a.contains(&code)));
}

#[tokio::test]
async fn laporan_saya_lists_the_reports_and_tips_of_this_account_only() {
    let t = TestApp::new().await;
    t.load_regions().await;
    let c = city(&t).await;
    let email = t.citizen().await;
    let mut me = t.login(&email, PASSWORD).await;
    // The form is prefilled from the account.
    let form = me.get("/aspirasi/baru").await.body;
    assert!(form.contains(&email), "the e-mail is prefilled");
    let mut fields = report_fields(&c);
    fields.retain(|(k, _)| *k != "reporter_email");
    fields.push(("reporter_email", email.clone()));
    assert_eq!(submit(&mut me, &fields, &[]).await.status, StatusCode::SEE_OTHER);
    // An older report, filed signed out, claimed with its private link.
    let (_, track, old_code) = file_report(&t, &c, &[]).await;
    let token = me.csrf_token().await;
    let r = tip_form(
        &mut me,
        &token,
        &[("text", "Beredar kabar air PDAM Cilegon tercemar limbah pabrik kimia minggu ini")],
    )
    .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.status);

    let own = me.get("/akun/laporan").await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Jalan berlubang"));
    assert!(!own.body.contains(&old_code));
    assert!(own.body.contains("CEK-"), "the tip is listed: {}", own.body);
    assert!(me.get(&track).await.body.contains("Simpan ke Laporan saya"));
    assert_eq!(me.post_form(&format!("{track}/simpan"), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(me.get("/akun/laporan").await.body.contains(&old_code));
    // Someone else's list is empty; signed out, it asks to sign in.
    let other = t.citizen().await;
    let mut them = t.login(&other, PASSWORD).await;
    let theirs = them.get("/akun/laporan").await.body;
    assert!(!theirs.contains("Jalan berlubang") && !theirs.contains("CEK-"));
    assert!(t.client().get("/akun/laporan").await.is_denied());
    // The trail never ties the account to the report.
    let me_id: i64 =
        query("SELECT id FROM users WHERE email = $1").bind(email.as_str()).scalar(&t.app.db).await.unwrap();
    let claims: i64 = query("SELECT COUNT(*) FROM audit_events WHERE action IN ('aspiration.submit', 'aspiration.claim') AND actor_user_id = $1")
        .bind(me_id)
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(claims, 0);
}

#[tokio::test]
async fn the_outbox_page_shows_no_private_link_or_citizens_address_and_is_audited() {
    let t = TestApp::new().await;
    t.load_regions().await;
    let c = city(&t).await;
    let (_, track, code) = file_report(&t, &c, &[]).await;
    t.run_jobs().await;
    let mut admin = t.login(&c.coordinator, PASSWORD).await;
    let page = admin.get("/admin/surel").await.body;
    assert!(page.contains(&code), "the mail is listed: {page}");
    let key = track.trim_start_matches("/aspirasi/lacak/");
    assert!(!page.contains(key), "the private key is masked");
    assert!(page.contains("/aspirasi/lacak/••••"));
    assert!(!page.contains(EMAIL) && page.contains("s•••@example.id"), "the citizen's address is masked");
    let views: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'outbox.view'").scalar(&t.app.db).await.unwrap();
    assert_eq!(views, 1);
}
