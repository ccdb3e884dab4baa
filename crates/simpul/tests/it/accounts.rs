//! Accounts: first-run setup, sign-in and lockout, reset by mail, registration, sessions.

use axum::http::StatusCode;
use simpul::{domain::access::Role, features::accounts as service, infra::db::query};

use crate::support::{PASSWORD, TestApp};

#[tokio::test]
async fn first_admin_is_created_from_the_one_time_setup_link() {
    let t = TestApp::new().await;
    assert!(service::needs_setup(&t.app).await.unwrap());
    let link = service::create_setup_link(&t.app).await.unwrap();
    let path = link.trim_start_matches("http://127.0.0.1:8080");
    let mut c = t.client();
    assert_eq!(c.get(path).await.status, StatusCode::OK);
    let token = path.split("token=").nth(1).unwrap();
    let bad = c
        .post_form(
            "/setup",
            &[
                ("token", token),
                ("name", "Admin"),
                ("email", "admin@cilegon.go.id"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("admin@cilegon.go.id"), "the form keeps what was typed");
    assert_eq!(t.count("users").await, 0);
    let ok = c
        .post_form(
            "/setup",
            &[
                ("token", token),
                ("name", "Admin"),
                ("email", "admin@cilegon.go.id"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/admin");
    assert_eq!(c.get("/admin").await.status, StatusCode::OK);
    assert!(!service::needs_setup(&t.app).await.unwrap());
    let again = t.client().get(path).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "the link works once");
}

#[tokio::test]
async fn session_cookie_is_http_only_lax_and_stored_hashed() {
    let t = TestApp::new().await;
    let email = t.user(Role::Admin, None, None).await;
    let mut c = t.client();
    let r = c.post_form("/masuk", &[("email", &email), ("password", PASSWORD)]).await;
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("simpul_sid="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let value = cookie.trim_start_matches("simpul_sid=").split(';').next().unwrap().to_owned();
    let stored: i64 =
        query("SELECT COUNT(*) FROM sessions WHERE id_hash = $1").bind(value.as_str()).scalar(&t.app.db).await.unwrap();
    assert_eq!(stored, 0, "the raw session id is never stored");
    assert_eq!(t.count("sessions").await, 1);
    let out = c.post_form("/keluar", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(t.count("sessions").await, 0);
    assert!(c.get("/akun").await.is_denied());
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same() {
    let t = TestApp::new().await;
    let email = t.user(Role::Anggota, Some(t.kim("KIM A").await.0), None).await;
    let mut c = t.client();
    let wrong = c.post_form("/masuk", &[("email", &email), ("password", "salah-sekali-123")]).await;
    let unknown = c.post_form("/masuk", &[("email", "nobody@example.id"), ("password", "salah-sekali-123")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.status, unknown.status);
    assert!(wrong.body.contains("E-mail atau kata sandi salah."));
    assert!(unknown.body.contains("E-mail atau kata sandi salah."));
    assert!(!c.has_cookie("simpul_sid"));
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes_and_are_audited() {
    let t = TestApp::new().await;
    let email = t.user(Role::Admin, None, None).await;
    let mut c = t.client();
    for _ in 0..5 {
        c.post_form("/masuk", &[("email", &email), ("password", "tebak-tebakan-1")]).await;
    }
    let locked = c.post_form("/masuk", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.body.contains("Terlalu banyak percobaan masuk"));
    for _ in 0..6 {
        c.post_form("/masuk", &[("email", "ghost@example.id"), ("password", "tebak-tebakan-1")]).await;
    }
    let ghost = c.post_form("/masuk", &[("email", "ghost@example.id"), ("password", PASSWORD)]).await;
    assert!(ghost.body.contains("Terlalu banyak percobaan masuk"), "unknown addresses lock the same way");
    let lockouts: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.lockout'").scalar(&t.app.db).await.unwrap();
    assert_eq!(lockouts, 2);
    t.advance_minutes(16);
    t.login(&email, PASSWORD).await;
}

#[tokio::test]
async fn a_strangers_wrong_passwords_do_not_lock_the_owner_out() {
    let t = TestApp::with_config(|c| c.trust_forwarded_for = true).await;
    t.load_regions().await;
    let email = t.user(Role::Admin, None, None).await;
    let mut attacker = t.client().with_header("x-forwarded-for", "203.0.113.7");
    for _ in 0..5 {
        attacker.post_form("/masuk", &[("email", &email), ("password", "tebak-tebakan-1")]).await;
    }
    let locked = attacker.post_form("/masuk", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "the guessing address is locked out");
    // The owner, from their own address, signs in.
    let mut owner = t.client().with_header("x-forwarded-for", "198.51.100.20");
    let r = owner.post_form("/masuk", &[("email", &email), ("password", PASSWORD), ("next", "/")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Guessing spread over many addresses is slowed and audited, not a lock for everyone.
    t.advance_minutes(1);
    for i in 0..20 {
        let mut c = t.client().with_header("x-forwarded-for", &format!("192.0.2.{i}"));
        c.post_form("/masuk", &[("email", &email), ("password", "tebak-tebakan-1")]).await;
    }
    let throttled: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.throttled'").scalar(&t.app.db).await.unwrap();
    assert_eq!(throttled, 1);
    let started = std::time::Instant::now();
    let mut owner = t.client().with_header("x-forwarded-for", "198.51.100.20");
    let r = owner.post_form("/masuk", &[("email", &email), ("password", PASSWORD), ("next", "/")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "slowed while someone guesses");
}

#[tokio::test]
async fn password_reset_by_mailed_link_works_once() {
    let t = TestApp::new().await;
    let email = t.user(Role::Redaksi, Some(t.kim("KIM R").await.0), None).await;
    let mut c = t.client();
    let r = c.post_form("/lupa-sandi", &[("email", &email)]).await;
    assert_eq!(r.status, StatusCode::OK);
    let unknown = c.post_form("/lupa-sandi", &[("email", "nobody@example.id")]).await;
    assert_eq!(unknown.body.replace(&email, ""), r.body.replace(&email, ""), "same answer for unknown addresses");
    let link = t.link_in_mail(&email, "/atur-ulang-sandi").await;
    let path = link.trim_start_matches("http://127.0.0.1:8080");
    assert_eq!(c.get(path).await.status, StatusCode::OK);
    let token = path.split("token=").nth(1).unwrap();
    let new_pw = "lautan-biru-krakatau";
    let done =
        c.post_form("/atur-ulang-sandi", &[("token", token), ("password", new_pw), ("password_confirm", new_pw)]).await;
    assert_eq!(done.status, StatusCode::OK);
    t.login(&email, new_pw).await;
    let reuse = c
        .post_form(
            "/atur-ulang-sandi",
            &[("token", token), ("password", "another-pass-123"), ("password_confirm", "another-pass-123")],
        )
        .await;
    assert_eq!(reuse.status, StatusCode::BAD_REQUEST);
    t.advance_minutes(1);
    c.post_form("/lupa-sandi", &[("email", &email)]).await;
    t.advance_minutes(61);
    let late = t.link_in_mail(&email, "/atur-ulang-sandi").await;
    assert_eq!(
        c.get(late.trim_start_matches("http://127.0.0.1:8080")).await.status,
        StatusCode::BAD_REQUEST,
        "links expire"
    );
}

#[tokio::test]
async fn citizens_register_and_verify_their_email() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let fields =
        [("name", "Siti Warga"), ("email", "siti@example.id"), ("password", PASSWORD), ("password_confirm", PASSWORD)];
    let r = c.post_form("/daftar", &fields).await;
    assert_eq!(r.status, StatusCode::OK);
    let early = c.post_form("/masuk", &[("email", "siti@example.id"), ("password", PASSWORD)]).await;
    assert!(early.body.contains("belum diverifikasi"));
    let link = t.link_in_mail("siti@example.id", "/verifikasi").await;
    let v = c.get(link.trim_start_matches("http://127.0.0.1:8080")).await;
    assert_eq!(v.status, StatusCode::OK);
    let mut signed_in = t.login("siti@example.id", PASSWORD).await;
    let account = signed_in.get("/akun").await;
    assert!(account.body.contains("Akun warga"));
    assert!(signed_in.get("/admin").await.status == StatusCode::FORBIDDEN);
    let twice = t.client().post_form("/daftar", &fields).await;
    assert_eq!(twice.status, StatusCode::OK, "a second registration does not reveal the account");
    assert_eq!(t.count("users").await, 1);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let t = TestApp::new().await;
    let email = t.user(Role::Dpo, None, None).await;
    let mut a = t.login(&email, PASSWORD).await;
    let mut b = t.login(&email, PASSWORD).await;
    let wrong = a
        .post_form(
            "/akun/sandi",
            &[
                ("current_password", "not-it-at-all"),
                ("password", "hujan-di-bulan-juni"),
                ("password_confirm", "hujan-di-bulan-juni"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Kata sandi sekarang salah."));
    let ok = a
        .post_form(
            "/akun/sandi",
            &[
                ("current_password", PASSWORD),
                ("password", "hujan-di-bulan-juni"),
                ("password_confirm", "hujan-di-bulan-juni"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(a.get("/akun").await.status, StatusCode::OK);
    assert!(b.get("/akun").await.is_denied(), "the other session ended");
    let changes: i64 = query("SELECT COUNT(*) FROM audit_events WHERE action = 'user.password_change'")
        .scalar(&t.app.db)
        .await
        .unwrap();
    assert_eq!(changes, 1);
}

#[tokio::test]
async fn housekeeping_forgets_expired_sessions_links_and_attempts() {
    let t = TestApp::new().await;
    let email = t.user(Role::Anggota, Some(t.kim("KIM H").await.0), None).await;
    let mut c = t.login(&email, PASSWORD).await;
    t.client().post_form("/masuk", &[("email", &email), ("password", "salah-salah-123")]).await;
    t.client().post_form("/lupa-sandi", &[("email", &email)]).await;
    assert_eq!(t.run_jobs().await, 1);
    simpul::registry::run_tasks_once(&t.app, |task| task.ends_with("housekeeping")).await.unwrap();
    assert_eq!((t.count("sessions").await, t.count("one_time_tokens").await), (1, 1), "live data stays");
    t.advance_minutes(31 * 24 * 60);
    simpul::registry::run_tasks_once(&t.app, |task| task.ends_with("housekeeping")).await.unwrap();
    assert_eq!(t.count("sessions").await + t.count("one_time_tokens").await + t.count("login_attempts").await, 0);
    assert_eq!(t.count("jobs").await, 0, "sent mails are forgotten");
    assert!(t.outbox().await.is_empty(), "old outbox mails are removed");
    assert!(c.get("/akun").await.is_denied());
}

#[tokio::test]
async fn sign_in_never_redirects_off_site() {
    let t = TestApp::new().await;
    let email = t.user(Role::Dpo, None, None).await;
    for next in ["/\t/evil.example", "//evil.example", "https://evil.example", "/\\evil.example", "/caf\u{e9}"] {
        let mut c = t.client();
        let r = c.post_form("/masuk", &[("email", &email), ("password", PASSWORD), ("next", next)]).await;
        // Staff who came from nowhere safe land on their task list.
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/tugas"), "{next:?}");
    }
    let mut c = t.client();
    let r = c.post_form("/masuk", &[("email", &email), ("password", PASSWORD), ("next", "/admin/audit?actor=x")]).await;
    assert_eq!(r.location(), "/admin/audit?actor=x");
}

#[tokio::test]
async fn mail_sending_forms_are_rate_limited_per_address() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for _ in 0..10 {
        assert_eq!(c.post_form("/lupa-sandi", &[("email", "x@example.id")]).await.status, StatusCode::OK);
    }
    let r = c.post_form("/lupa-sandi", &[("email", "x@example.id")]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Terlalu banyak"));
}

#[tokio::test]
async fn cookies_are_secure_when_the_site_is_served_over_https() {
    let t = TestApp::with_config(|c| c.base_url = url::Url::parse("https://kim.cilegon.go.id").unwrap()).await;
    let email = t.user(Role::Admin, None, None).await;
    let mut c = t.client();
    let r = c.post_form("/masuk", &[("email", &email), ("password", PASSWORD)]).await;
    let cookies: Vec<String> = r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("simpul_sid=")));
    assert!(cookies.iter().all(|c| c.contains("; Secure")), "{cookies:?}");
}

#[tokio::test]
async fn mail_that_cannot_be_delivered_is_retried_later_not_lost() {
    let t = TestApp::with_config(|c| {
        c.smtp = Some(simpul::config::SmtpConfig {
            host: Some("127.0.0.1".into()),
            port: 9,
            username: None,
            password: None,
            security: simpul::config::SmtpSecurity::None,
        })
    })
    .await;
    t.load_regions().await;
    let email = t.user(Role::Anggota, Some(t.kim("KIM Surel").await.0), None).await;
    t.client().post_form("/lupa-sandi", &[("email", &email)]).await;
    assert_eq!(t.run_jobs().await, 1);
    let (error, done): (Option<String>, Option<i64>) = {
        let e: Option<String> = query("SELECT last_error FROM jobs").scalar(&t.app.db).await.unwrap();
        let d: Option<i64> = query("SELECT done_at FROM jobs").scalar(&t.app.db).await.unwrap();
        (e, d)
    };
    assert!(error.is_some() && done.is_none(), "kept for a retry");
    assert!(!error.unwrap().contains(&email));
    assert_eq!(t.run_jobs().await, 0, "not retried at once");
    t.advance_minutes(3);
    assert_eq!(t.run_jobs().await, 1, "retried after the back-off");
}

#[tokio::test]
async fn sign_in_is_limited_per_address_across_accounts() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for i in 0..20 {
        let email = format!("tebak{i}@example.id");
        let r = c.post_form("/masuk", &[("email", &email), ("password", "coba-coba-123")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
    }
    let r = c.post_form("/masuk", &[("email", "lain@example.id"), ("password", "coba-coba-123")]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Terlalu banyak percobaan dari perangkat ini"));
}
