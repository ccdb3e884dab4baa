//! The test harness every capability's tests use: a fresh app per test (SQLite in a temp
//! folder, or its own PostgreSQL schema when `SIMPUL_TEST_POSTGRES_URL` is set), an
//! in-process client with cookies and CSRF handling, and builders for fixtures.

#![allow(dead_code)]

use std::{collections::HashMap, sync::Arc};

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use simpul::{
    app::{App, AppState},
    config::{Config, Secret},
    domain::{
        access::{Actor, Role},
        kim::KimForm,
        opd::OpdForm,
        time::Timestamp,
    },
    features::{kim, opd, regions, tokens, users},
    infra::{
        clock::Clock,
        crypto::{self, HashStrength},
        db::{ConnectOptions, Db, Engine, query},
        mail::{self, OutboxFile},
    },
};
use tower::ServiceExt;

/// 2026-11-28 09:00 WIB.
pub const START: Timestamp = Timestamp(1_795_831_200_000);
pub const PASSWORD: &str = "kopi-tubruk-cilegon";

pub struct TestApp {
    pub app: Arc<App>,
    pub router: Router,
    pub dir: tempfile::TempDir,
    /// On PostgreSQL: the schema this test's tables are in.
    pub pg_schema: Option<String>,
}

pub fn postgres_url() -> Option<String> {
    std::env::var("SIMPUL_TEST_POSTGRES_URL").ok().filter(|s| !s.is_empty())
}

impl TestApp {
    /// A migrated, empty app with Kota Cilegon's regions loaded.
    pub async fn new() -> TestApp {
        let t = Self::empty().await;
        t.load_regions().await;
        t
    }

    /// Loads Kota Cilegon's regions (for apps made with [`TestApp::with_config`]).
    pub async fn load_regions(&self) {
        regions::import_csv(&self.app, &Actor::cli(), regions::CILEGON_CSV).await.map_err(|_| "import").unwrap();
    }

    /// A migrated app with no data at all.
    pub async fn empty() -> TestApp {
        Self::with_config(|_| {}).await
    }

    /// A migrated, empty app whose configuration `tweak` adjusts first.
    pub async fn with_config(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::for_data_dir(dir.path().to_path_buf());
        config.hash_strength = HashStrength::Fast;
        // A real S3-compatible server when the suite is run against one (CI starts one):
        // every test's files under its own prefix of the bucket.
        if let Ok(bucket) = std::env::var("SIMPUL_TEST_S3_URL") {
            config.object_store = Some(format!("{}/t-{}", bucket.trim_end_matches('/'), crypto::random_token(6)));
        }
        tweak(&mut config);
        let mut pg_schema = None;
        let db = match postgres_url() {
            Some(url) => {
                let schema = format!("t_{}", crypto::random_token(9).to_lowercase().replace(['-', '_'], "x"));
                let admin = Db::connect(&url, &ConnectOptions { max_connections: 1, pg_schema: None }).await.unwrap();
                query(format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
                admin.close().await;
                config.database_url = Secret::new(url.clone());
                pg_schema = Some(schema.clone());
                Db::connect(&url, &ConnectOptions { max_connections: 4, pg_schema: Some(schema) }).await.unwrap()
            }
            None => Db::connect(config.database_url.expose(), &ConnectOptions { max_connections: 4, pg_schema: None })
                .await
                .unwrap(),
        };
        db.migrate().await.unwrap();
        let app = Arc::new(App::with_db(config, Clock::manual(START), db).unwrap());
        let router = simpul::web::router(AppState(app.clone()));
        TestApp { app, router, dir, pg_schema }
    }

    pub fn engine(&self) -> Engine {
        self.app.db.engine()
    }

    pub fn client(&self) -> Client {
        Client { router: self.router.clone(), cookies: HashMap::new(), csrf: None, headers: Vec::new() }
    }

    /// Creates a person holding `role` (scoped to `kim`/`opd` ids where the role needs one)
    /// with [`PASSWORD`]; returns their e-mail.
    pub async fn user(&self, role: Role, kim: Option<i64>, opd: Option<i64>) -> String {
        let email = format!("{}-{}@example.id", role.as_str(), crypto::random_token(4).to_lowercase());
        let form = users::StaffForm {
            name: format!("Uji {}", role.as_str()),
            email: email.clone(),
            role: role.as_str().into(),
            kim_id: kim.map(|k| k.to_string()).unwrap_or_default(),
            opd_id: opd.map(|o| o.to_string()).unwrap_or_default(),
        };
        users::create_staff(&self.app, &Actor::cli(), &form, Some(PASSWORD.into())).await.unwrap();
        email
    }

    /// The person with this e-mail as services see them (their roles), for calling services
    /// directly.
    pub async fn actor_by_email(&self, email: &str) -> Actor {
        let id: i64 = query("SELECT id FROM users WHERE email = $1").bind(email).scalar(&self.app.db).await.unwrap();
        let grants = simpul::features::accounts::grants_for(&self.app.db, id)
            .await
            .unwrap()
            .iter()
            .filter_map(|g| g.grant())
            .collect();
        Actor { user_id: Some(id), label: format!("uji (#{id})"), grants, request_id: None, read_only: false }
    }

    /// A new person holding `role` (in a new KIM/OPD where the role needs one), as an actor.
    pub async fn actor_for(&self, role: Role) -> Actor {
        let (kim, opd) = match role {
            Role::Redaksi | Role::Anggota => (Some(self.kim("KIM Uji Aktor").await.0), None),
            Role::PetugasOpd => (None, Some(self.opd("Dinas Uji Aktor").await)),
            _ => (None, None),
        };
        let email = self.user(role, kim, opd).await;
        self.actor_by_email(&email).await
    }

    /// A verified citizen account without any role; returns the e-mail.
    pub async fn citizen(&self) -> String {
        let email = format!("warga-{}@example.id", crypto::random_token(4).to_lowercase());
        let hash = crypto::hash_password(PASSWORD.into(), HashStrength::Fast).await.unwrap();
        let mut tx = self.app.db.begin().await.unwrap();
        simpul::features::accounts::insert_user(&mut tx, "Warga Uji", &email, Some(&hash), Some(START), START)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        email
    }

    /// A client signed in as a new person with `role` (scoped to a new KIM/OPD if needed).
    pub async fn login_as(&self, role: Role) -> Client {
        let (kim, opd) = match role {
            Role::Redaksi | Role::Anggota => (Some(self.kim("KIM Uji Peran").await.0), None),
            Role::PetugasOpd => (None, Some(self.opd("Dinas Uji").await)),
            _ => (None, None),
        };
        let email = self.user(role, kim, opd).await;
        self.login(&email, PASSWORD).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Client {
        let mut c = self.client();
        let r = c.post_form("/masuk", &[("email", email), ("password", password), ("next", "/")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login failed: {}", r.body);
        c
    }

    /// A KIM group at kelurahan level in Bulakan (or the next free name); returns (id, slug).
    pub async fn kim(&self, name: &str) -> (i64, String) {
        let region: i64 = query("SELECT id FROM regions WHERE name = 'Bulakan'").scalar(&self.app.db).await.unwrap();
        let form = KimForm {
            name: name.into(),
            level: "kelurahan".into(),
            region_id: region.to_string(),
            ..Default::default()
        };
        kim::create(&self.app, &Actor::cli(), &form).await.unwrap()
    }

    pub async fn opd(&self, name: &str) -> i64 {
        let form = OpdForm { name: name.into(), short_name: name.chars().take(10).collect(), ..Default::default() };
        opd::create(&self.app, &Actor::cli(), &form).await.unwrap()
    }

    pub async fn token(&self, scope: &str) -> String {
        tokens::create(&self.app, &Actor::cli(), &tokens::TokenForm { name: "uji".into(), scope: scope.into() })
            .await
            .unwrap()
    }

    /// A new staff member with this role and a personal token of theirs ("read" or "write").
    pub async fn personal_token(&self, role: Role, kim: Option<i64>, scope: &str) -> String {
        let email = self.user(role, kim, None).await;
        let actor = self.actor_by_email(&email).await;
        let form = tokens::TokenForm { name: "pribadi".into(), scope: scope.into() };
        tokens::create_personal(&self.app, &actor, &form).await.unwrap()
    }

    pub async fn count(&self, table: &str) -> i64 {
        query(format!("SELECT COUNT(*) FROM {table}")).scalar(&self.app.db).await.unwrap()
    }

    /// Runs the queued jobs (mail) now.
    pub async fn run_jobs(&self) -> usize {
        simpul::registry::run_due_jobs(&self.app).await.unwrap()
    }

    /// Mails written to the outbox folder, newest first.
    pub async fn outbox(&self) -> Vec<OutboxFile> {
        self.run_jobs().await;
        mail::list_outbox(&self.app.config.outbox_dir(), 100)
    }

    /// The first link in the newest mail to `to` that contains `path`.
    pub async fn link_in_mail(&self, to: &str, path: &str) -> String {
        let mails = self.outbox().await;
        let m = mails.iter().find(|m| m.to.contains(to)).unwrap_or_else(|| panic!("no mail to {to}"));
        let start = m.body.find(path).unwrap_or_else(|| panic!("no {path} link in {}", m.body));
        m.body[start..].split_whitespace().next().unwrap().to_owned()
    }

    pub fn advance_minutes(&self, m: i64) {
        self.app.clock.advance_minutes(m);
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent (files: spreadsheets, PDFs).
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Whether the response turns the visitor away (403, 401, or a redirect to sign in).
    pub fn is_denied(&self) -> bool {
        self.status == StatusCode::FORBIDDEN
            || self.status == StatusCode::UNAUTHORIZED
            || (self.status == StatusCode::SEE_OTHER && self.location().starts_with("/masuk"))
    }
}

/// An in-process browser: keeps cookies and the CSRF token.
pub struct Client {
    router: Router,
    cookies: HashMap<String, String>,
    csrf: Option<String>,
    headers: Vec<(String, String)>,
}

impl Client {
    /// Adds a header to every request (e.g. `Authorization`).
    pub fn with_header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }

    /// A copy of this client (same cookies) that sends one more header.
    pub fn clone_with_header(&self, k: &str, v: &str) -> Client {
        let mut c = Client {
            router: self.router.clone(),
            cookies: self.cookies.clone(),
            csrf: self.csrf.clone(),
            headers: self.headers.clone(),
        };
        c.headers.push((k.into(), v.into()));
        c
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.send(Method::GET, path, None, Body::empty()).await
    }

    /// Posts a form with the CSRF token added.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.csrf_token().await;
        let mut body = url::form_urlencoded::Serializer::new(String::new());
        body.append_pair("_csrf", &token);
        for (k, v) in fields {
            body.append_pair(k, v);
        }
        self.send(Method::POST, path, Some("application/x-www-form-urlencoded"), Body::from(body.finish())).await
    }

    /// Posts a raw body without adding anything.
    pub async fn post_raw(&mut self, path: &str, content_type: &str, body: impl Into<Body>) -> Resp {
        self.send(Method::POST, path, Some(content_type), body.into()).await
    }

    pub async fn csrf_token(&mut self) -> String {
        if self.csrf.is_none() {
            // A public page with a form, for signed-in visitors and guests alike.
            let r = self.get("/lupa-sandi").await;
            assert_eq!(r.status, StatusCode::OK);
        }
        self.csrf.clone().expect("a page carries the CSRF token")
    }

    pub async fn send(&mut self, method: Method, path: &str, content_type: Option<&str>, body: Body) -> Resp {
        let mut req = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let c: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header(header::COOKIE, c.join("; "));
        }
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        for (k, v) in &self.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let res = self.router.clone().oneshot(req.body(body).unwrap()).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        for sc in headers.get_all(header::SET_COOKIE) {
            let s = sc.to_str().unwrap();
            let (kv, attrs) = s.split_once(';').unwrap_or((s, ""));
            let (k, v) = kv.split_once('=').unwrap();
            if k == "simpul_sid" {
                // A new or ended session comes with a new CSRF token, as in a browser.
                self.csrf = None;
            }
            if attrs.contains("Max-Age=0") || v.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(t) = extract_csrf(&body) {
            self.csrf = Some(t);
        }
        Resp { status, headers, body, bytes: bytes.to_vec() }
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.contains_key(name)
    }
}

fn extract_csrf(html: &str) -> Option<String> {
    let i = html.find("name=\"_csrf\" value=\"")? + "name=\"_csrf\" value=\"".len();
    html[i..].split('"').next().map(str::to_owned)
}

/// A small, well-formed one-page PDF; `catalog_extra` adds entries to its catalogue (an
/// `/OpenAction`, say).
pub fn pdf(catalog_extra: &str) -> Vec<u8> {
    let objects = [
        format!("<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>"),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}
