//! Several nodes, proven: three `simpul serve` processes on one PostgreSQL database and one
//! object store (the S3 server when the suite runs with one), behind nginx as the load
//! balancer. Runs when the suite runs on PostgreSQL (`SIMPUL_TEST_POSTGRES_URL`); nginx comes
//! from `scripts/install-deps.sh`.
//!
//! It shows what a deployment that outgrew one machine relies on: an article published on one
//! node is readable and searchable on the others within 2 s; a photo uploaded through one is
//! served by another; a guest page cached on one is not served stale more than 2 s after an
//! edit on another; a scheduled publication runs exactly once; a node killed with `kill -9`
//! in the middle of a job loses nothing (the lease lapses and another node runs it); sign-in
//! lockout, submission limits and one support per person hold across nodes.

use std::{
    collections::HashMap,
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::http::StatusCode;
use serde_json::json;
use simpul::{domain::access::Role, infra::db::query};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

use crate::{
    aspirations::{city, file_report, step},
    support::{PASSWORD, TestApp, postgres_url},
};

/// How long another node may lag behind a change.
const WITHIN: Duration = Duration::from_secs(2);
/// The job lease the nodes run with (the default is five minutes).
const LEASE_SECONDS: u64 = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_nodes_behind_nginx_share_one_database_and_one_store() {
    let Some(pg) = postgres_url() else {
        eprintln!("skipped: the cluster runs on PostgreSQL (set SIMPUL_TEST_POSTGRES_URL)");
        return;
    };
    let nginx = find_nginx().expect("nginx is needed for the cluster test (scripts/install-deps.sh installs it)");
    let t = TestApp::new().await;
    let schema = t.pg_schema.clone().expect("a schema of its own");
    let store = t
        .app
        .config
        .object_store
        .clone()
        .unwrap_or_else(|| format!("file://{}", t.dir.path().join("shared").display()));
    let smtp = FakeSmtp::start().await;

    // The people and data the scenario needs, written with the library to the shared database.
    let c = city(&t).await;
    let (kim, _) = t.kim("KIM Cluster").await;
    let writer = t.personal_token(Role::Anggota, Some(kim), "write").await;
    let editor = t.personal_token(Role::Redaksi, Some(kim), "write").await;
    let member = t.user(Role::Anggota, Some(kim), None).await;
    let category: i64 = query("SELECT id FROM categories WHERE slug = 'pembangunan'").scalar(&t.app.db).await.unwrap();
    let (report, _, code) = file_report(&t, &c, &[]).await;
    let mut coord = t.login(&c.coordinator, PASSWORD).await;
    assert_eq!(step(&mut coord, report, &[("action", "verify")]).await.status, StatusCode::SEE_OTHER);
    let url = with_schema(&pg, &schema);
    let base = Path::new(env!("CARGO_BIN_EXE_simpul"));
    let mut nodes: Vec<Node> = Vec::new();
    for _ in 0..3 {
        nodes.push(Node::start(base, &url, &store, smtp.port).await);
    }
    let lb = Nginx::start(&nginx, &nodes.iter().map(|n| n.port).collect::<Vec<_>>());
    let (a, b, cn) = (nodes[0].port, nodes[1].port, nodes[2].port);
    let mut lb_client = Http::new(lb.port);
    assert_eq!(lb_client.get("/healthz").await.status, 200, "nginx reaches the nodes");

    // 1. Published through node A: readable and searchable on node B within 2 s.
    let word = "Tirtayasacluster";
    let body = json!({ "title": format!("Pasar Kranggot {word} dibuka"), "lead": "Pedagang kembali berjualan.",
        "body": format!("Pasar {word} dibuka kembali hari ini."), "category_id": category, "kim_id": kim });
    let mut on_a = Http::new(a);
    let created = on_a.json("POST", "/api/v1/newsroom/articles", &writer, &body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/newsroom/articles/{id}/actions");
    assert_eq!(on_a.json("POST", &path, &writer, &json!({ "action": "ajukan" })).await.status, 200);
    let published = on_a.json("POST", &path, &editor, &json!({ "action": "terbitkan" })).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let at = Instant::now();
    let slug: String = query("SELECT slug FROM articles WHERE id = $1").bind(id).scalar(&t.app.db).await.unwrap();
    let mut on_b = Http::new(b);
    let page = format!("/berita/{slug}");
    let readable = until(|| async { Http::new(b).get(&page).await.status == 200 }).await;
    assert!(readable, "node B shows the article");
    let search = format!("/api/v1/search?q={word}");
    let found = until(|| async { Http::new(b).get(&search).await.body.contains(&slug) }).await;
    assert!(found && at.elapsed() <= WITHIN, "node B finds it by search within 2 s ({:?})", at.elapsed());

    // 2. A guest page cached on B is not served stale more than 2 s after an edit on A.
    assert_eq!(on_b.get(&page).await.status, 200);
    assert!(on_b.get(&page).await.body.contains(word), "cached on B");
    let mut edited = body.clone();
    edited["title"] = json!(format!("Pasar Kranggot {word} diperluas"));
    let saved = on_a.json("PUT", &format!("/api/v1/newsroom/articles/{id}"), &editor, &edited).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let at = Instant::now();
    let fresh = until(|| async { Http::new(b).get(&page).await.body.contains("diperluas") }).await;
    assert!(fresh && at.elapsed() <= WITHIN, "B shows the edit within 2 s ({:?})", at.elapsed());

    // 3. A photo uploaded through A is served by B (and C).
    let mut browser = Http::new(a);
    browser.sign_in(&member, PASSWORD).await;
    let photo = crate::media::photo_with_gps(640, 480);
    let up = browser.upload("/akun/media", "file", "pasar.jpg", "image/jpeg", &photo, &[("alt", "Pasar")]).await;
    assert_eq!(up.status, 303, "{}", up.body);
    let key: String = query("SELECT key FROM media ORDER BY id DESC LIMIT 1").scalar(&t.app.db).await.unwrap();
    for port in [b, cn] {
        let served = Http::new(port).get(&format!("/media/{key}-360.jpg")).await;
        assert_eq!(served.status, 200, "node on {port} serves the photo");
        assert_eq!(&served.raw_body[..2], &[0xFF, 0xD8]);
    }

    // 4. A scheduled publication runs exactly once with three nodes polling the queue. The
    // schedule form takes minutes; the test moves the job to two seconds from now.
    let draft = on_a.json("POST", "/api/v1/newsroom/articles", &writer, &body).await.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/newsroom/articles/{draft}/actions");
    assert_eq!(on_a.json("POST", &path, &writer, &json!({ "action": "ajukan" })).await.status, 200);
    let when = wall_clock().plus_minutes(10).to_local_input(&t.app.config.timezone);
    let scheduled = on_a.json("POST", &path, &editor, &json!({ "action": "jadwalkan", "publish_at": when })).await;
    assert_eq!(scheduled.status, 200, "{}", scheduled.body);
    let due = wall_clock().0 + 2_000;
    query("UPDATE articles SET scheduled_at = $1 WHERE id = $2")
        .bind(due)
        .bind(draft)
        .execute(&t.app.db)
        .await
        .unwrap();
    query("UPDATE jobs SET run_at = $1 WHERE kind = 'publish_article' AND done_at IS NULL")
        .bind(due)
        .execute(&t.app.db)
        .await
        .unwrap();

    // 5. Sign-in lockout holds across nodes: five wrong passwords spread over the three.
    for (i, port) in [a, b, cn, a, b].into_iter().enumerate() {
        let r = Http::new(port).try_sign_in(&member, "salah-sandi").await;
        assert_eq!(r.status, 422, "attempt {i} is refused with the form again");
    }
    let locked = Http::new(cn).try_sign_in(&member, PASSWORD).await;
    assert_ne!(locked.status, 303, "the right password is refused on C too");
    assert!(locked.body.contains("Coba lagi dalam 15 menit"), "and says why: {}", locked.status);

    // 6. kill -9 in the middle of a job: the mail server holds the first connection; the node
    // that took the job dies; after the lease another node sends the mail, once.
    smtp.stall_next_to("warga.cluster@example.id");
    let filed = lb_client
        .json(
            "POST",
            "/api/v1/aspirations",
            "",
            &json!({ "kind": "pengaduan", "title": "Lampu jalan padam di Jalan Kyai Haji Wasyid",
                "description": "Sudah tiga malam gelap.", "category_id": c.category, "kelurahan_id": c.kelurahan,
                "reporter_name": "Warga Cluster", "reporter_email": "warga.cluster@example.id" }),
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    assert!(filed.json()["code"].as_str().is_some_and(|c| c.starts_with("ASP-")));
    let stalled = until_for(Duration::from_secs(10), || async { smtp.stalled() }).await;
    assert!(stalled, "a node connected to the mail server");
    let held: Option<(i64, Option<String>)> = query(
        "SELECT id, locked_by FROM jobs WHERE kind = 'send_mail' AND done_at IS NULL AND locked_by IS NOT NULL \
         AND payload LIKE '%warga.cluster@example.id%'",
    )
    .fetch_optional(&t.app.db)
    .await
    .unwrap();
    let (job, holder) = held.and_then(|(id, by)| Some((id, by?))).expect("a node holds the mail job");
    let pid: u32 = holder.rsplit(':').next().unwrap().parse().unwrap();
    let victim = nodes.iter_mut().find(|n| n.child.id() == pid).expect("the holder is one of our nodes");
    victim.kill9();
    let delivered = until_for(Duration::from_secs(LEASE_SECONDS + 15), || async {
        smtp.delivered_to("warga.cluster@example.id") >= 1
    })
    .await;
    assert!(delivered, "another node sent the mail after the lease lapsed");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(smtp.delivered_to("warga.cluster@example.id"), 1, "sent once");
    let (attempts, by): (i64, Option<String>) =
        query("SELECT attempts, locked_by FROM jobs WHERE id = $1 AND done_at IS NOT NULL")
            .bind(job)
            .fetch_one(&t.app.db)
            .await
            .unwrap();
    assert_eq!(attempts, 2, "the second attempt, on another node");
    assert_ne!(by.as_deref(), Some(holder.as_str()), "run by another node");
    // 7. Submission limits hold across nodes: twenty a minute per address, not twenty per node.
    // Two nodes are left, and the balancer in front of them.
    let mut live: Vec<u16> =
        nodes.iter_mut().filter_map(|n| n.child.try_wait().ok().flatten().is_none().then_some(n.port)).collect();
    assert_eq!(live.len(), 2);
    live.push(lb.port);
    let mut accepted = 0;
    for i in 0..45 {
        let port = live[i % 3];
        let r = Http::new(port)
            .json(
                "POST",
                "/api/v1/aspirations",
                "",
                &json!({ "kind": "aspirasi", "title": format!("Usulan taman baca nomor {i}"),
                    "description": "Mohon dibangun taman baca di balai warga.", "category_id": c.category,
                    "kelurahan_id": c.kelurahan, "anonymous": true }),
            )
            .await;
        match r.status {
            201 => accepted += 1,
            429 => {}
            s => panic!("unexpected {s}: {}", r.body),
        }
    }
    assert!((19..=21).contains(&accepted), "about twenty accepted across the nodes, not twenty per node: {accepted}");

    // 8. One support per person, whichever node it reaches; through the balancer as well.
    let mut phone = Http::new(live[0]);
    let public = format!("/aspirasi/{code}");
    assert_eq!(phone.get(&public).await.status, 200);
    for port in live.clone() {
        phone.port = port;
        let r = phone.post_form(&public, &format!("{public}/dukung"), &[]).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    phone.port = live[1];
    assert_eq!(phone.post_form(&public, &format!("{public}/dukung"), &[]).await.status, 303);
    let supports: i64 =
        query("SELECT support_count FROM aspirations WHERE id = $1").bind(report).scalar(&t.app.db).await.unwrap();
    assert_eq!(supports, 1, "one device, one support");

    // The scheduled article: published once, by one node.
    let published_once = until_for(Duration::from_secs(15), || async {
        query("SELECT COUNT(*) FROM jobs WHERE kind = 'publish_article' AND done_at IS NOT NULL")
            .scalar::<i64>(&t.app.db)
            .await
            .unwrap()
            == 1
    })
    .await;
    assert!(published_once, "the scheduled publication ran");
    let audits: i64 =
        query("SELECT COUNT(*) FROM audit_events WHERE action = 'article.terbit_terjadwal' AND entity_id = $1")
            .bind(draft.to_string())
            .scalar(&t.app.db)
            .await
            .unwrap();
    assert_eq!(audits, 1, "published exactly once");
    let attempts: i64 =
        query("SELECT attempts FROM jobs WHERE kind = 'publish_article'").scalar(&t.app.db).await.unwrap();
    assert_eq!(attempts, 1);

    // The balancer keeps serving with a node down.
    assert_eq!(lb_client.get("/aspirasi").await.status, 200);
    for _ in 0..6 {
        assert_eq!(lb_client.get("/healthz").await.status, 200);
    }
    drop(lb);
}

/// Now by the system clock (the nodes' clock; the in-process app's is the tests' manual one).
fn wall_clock() -> simpul::domain::time::Timestamp {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
    simpul::domain::time::Timestamp(ms as i64)
}

/// The database URL with this test's schema as the nodes' search path.
fn with_schema(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

fn find_nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].iter().map(PathBuf::from).find(|p| p.exists())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Polls `check` every 50 ms for up to 2 s.
async fn until<F, Fut>(check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    until_for(WITHIN, check).await
}

async fn until_for<F, Fut>(limit: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    loop {
        if check().await {
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// One `simpul serve` process with its own data folder (its own search index).
struct Node {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Node {
    async fn start(bin: &Path, database_url: &str, store: &str, smtp_port: u16) -> Node {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("node.log")).unwrap();
        let child = Command::new(bin)
            .arg("serve")
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(dir.path())
            .args(["--database-url", database_url, "--object-store", store])
            .args(["--base-url", "http://127.0.0.1"])
            .args(["--smtp-host", "127.0.0.1", "--smtp-port", &smtp_port.to_string(), "--smtp-security", "none"])
            .args(["--job-lease-seconds", &LEASE_SECONDS.to_string(), "--trust-forwarded-for"])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut node = Node { child, port, _dir: dir };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let exited = node.child.try_wait().ok().flatten().is_some();
            if !exited && Http::new(port).get("/healthz").await.status == 200 {
                break;
            }
            if exited || Instant::now() > deadline {
                let log = std::fs::read_to_string(node._dir.path().join("node.log")).unwrap_or_default();
                node.kill9();
                panic!("node on {port} did not start:\n{log}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        node
    }

    fn kill9(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// nginx in front of the nodes, as `deploy/nginx/simpul.conf` sets it up (without TLS).
struct Nginx {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Nginx {
    fn start(bin: &Path, upstream: &[u16]) -> Nginx {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let d = dir.path().display();
        let servers: String =
            upstream.iter().map(|p| format!("server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n")).collect();
        let conf = format!(
            "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n access_log off;\n client_body_temp_path {d}/body;\n proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n uwsgi_temp_path {d}/uwsgi;\n scgi_temp_path {d}/scgi;\n\
             upstream simpul {{\n{servers} keepalive 16;\n}}\n\
             server {{\n listen 127.0.0.1:{port};\n client_max_body_size 25m;\n\
             location / {{\n proxy_pass http://simpul;\n proxy_http_version 1.1;\n proxy_set_header Connection \"\";\n\
             proxy_set_header Host $host;\n proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
             proxy_set_header X-Forwarded-Proto $scheme;\n proxy_next_upstream error timeout;\n }}\n}}\n}}\n"
        );
        std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
        let child = Command::new(bin)
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .arg("-p")
            .arg(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not start: {}",
                std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { child, port, _dir: dir }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response over the network.
struct Reply {
    status: u16,
    raw_body: Vec<u8>,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A small HTTP/1.0 client with a cookie jar (HTTP/1.0: every body arrives whole, never
/// chunked). Enough to be a browser and an API client against a node or the balancer.
struct Http {
    port: u16,
    cookies: HashMap<String, String>,
}

impl Http {
    fn new(port: u16) -> Http {
        Http { port, cookies: HashMap::new() }
    }

    async fn send(&mut self, method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> Reply {
        let addr: SocketAddr = ([127, 0, 0, 1], self.port).into();
        let mut s = match TcpStream::connect(addr).await {
            Ok(s) => s,
            Err(_) => return Reply { status: 0, raw_body: vec![], body: String::new() },
        };
        let mut req = format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n", body.len());
        if !self.cookies.is_empty() {
            let c: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req.push_str(&format!("Cookie: {}\r\n", c.join("; ")));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body);
        if s.write_all(&bytes).await.is_err() {
            return Reply { status: 0, raw_body: vec![], body: String::new() };
        }
        let mut raw = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(30), s.read_to_end(&mut raw)).await;
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(raw.len());
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let raw_body = raw.get(split + 4..).unwrap_or_default().to_vec();
        let mut lines = head.split("\r\n");
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let headers: Vec<(String, String)> =
            lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
        for (k, v) in &headers {
            if k.eq_ignore_ascii_case("set-cookie") {
                let kv = v.split(';').next().unwrap_or_default();
                if let Some((name, value)) = kv.split_once('=') {
                    if value.is_empty() {
                        self.cookies.remove(name);
                    } else {
                        self.cookies.insert(name.to_owned(), value.to_owned());
                    }
                }
            }
        }
        let body = String::from_utf8_lossy(&raw_body).into_owned();
        Reply { status, raw_body, body }
    }

    async fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, &[], b"").await
    }

    /// JSON with a bearer token (none when `token` is empty).
    async fn json(&mut self, method: &str, path: &str, token: &str, body: &serde_json::Value) -> Reply {
        let mut h = vec![("Content-Type", "application/json".to_owned())];
        if !token.is_empty() {
            h.push(("Authorization", format!("Bearer {token}")));
        }
        self.send(method, path, &h, body.to_string().as_bytes()).await
    }

    /// The form token on `page`.
    async fn csrf(&mut self, page: &str) -> String {
        let r = self.get(page).await;
        let at = r.body.find("name=\"_csrf\" value=\"").unwrap_or_else(|| panic!("no form on {page}: {}", r.status));
        let rest = &r.body[at + 20..];
        rest[..rest.find('"').unwrap()].to_owned()
    }

    /// Posts a form from `page` (whose token it carries) to `action`.
    async fn post_form(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf(page).await;
        let mut body = url::form_urlencoded::Serializer::new(String::new());
        body.append_pair("_csrf", &token);
        for (k, v) in fields {
            body.append_pair(k, v);
        }
        let h = [("Content-Type", "application/x-www-form-urlencoded".to_owned())];
        self.send("POST", action, &h, body.finish().as_bytes()).await
    }

    async fn try_sign_in(&mut self, email: &str, password: &str) -> Reply {
        self.post_form("/masuk", "/masuk", &[("email", email), ("password", password)]).await
    }

    async fn sign_in(&mut self, email: &str, password: &str) {
        let r = self.try_sign_in(email, password).await;
        assert_eq!(r.status, 303, "signed in: {}", r.body);
    }

    /// Uploads one file with a multipart form from the page at `path`.
    async fn upload(
        &mut self,
        path: &str,
        field: &str,
        name: &str,
        mime: &str,
        data: &[u8],
        fields: &[(&str, &str)],
    ) -> Reply {
        let token = self.csrf(path).await;
        let boundary = "----simpulcluster";
        let mut body = Vec::new();
        for (k, v) in [("_csrf", token.as_str())].iter().chain(fields.iter()) {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let h = [("Content-Type", format!("multipart/form-data; boundary={boundary}"))];
        self.send("POST", path, &h, &body).await
    }
}

/// A mail server that records what it is given, and can hold one message without answering
/// (a relay that hangs), so a node is caught in the middle of sending it.
struct FakeSmtp {
    port: u16,
    state: Arc<Mutex<SmtpState>>,
}

#[derive(Default)]
struct SmtpState {
    /// The next message to this recipient is held at RCPT, unanswered.
    stall_for: Option<String>,
    stalled: bool,
    messages: Vec<String>,
}

impl FakeSmtp {
    async fn start() -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(SmtpState::default()));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let _ = converse(socket, &state).await;
                });
            }
        });
        FakeSmtp { port, state }
    }

    fn stall_next_to(&self, to: &str) {
        self.state.lock().unwrap().stall_for = Some(to.to_owned());
    }

    fn stalled(&self) -> bool {
        self.state.lock().unwrap().stalled
    }

    fn delivered_to(&self, to: &str) -> usize {
        self.state.lock().unwrap().messages.iter().filter(|m| m.contains(to)).count()
    }
}

/// Just enough SMTP for lettre: greeting, EHLO, MAIL, RCPT, DATA, QUIT.
async fn converse(socket: TcpStream, state: &Arc<Mutex<SmtpState>>) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 fake ESMTP\r\n").await?;
    let mut envelope = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            write.write_all(b"250-fake\r\n250 8BITMIME\r\n").await?;
        } else if upper.starts_with("MAIL") || upper.starts_with("RSET") || upper.starts_with("NOOP") {
            write.write_all(b"250 ok\r\n").await?;
        } else if upper.starts_with("RCPT") {
            let hold = {
                let mut s = state.lock().unwrap();
                let hold = s.stall_for.as_deref().is_some_and(|to| line.contains(to));
                if hold {
                    s.stall_for = None;
                    s.stalled = true;
                }
                hold
            };
            if hold {
                // Says nothing more until the client goes away (a relay that hangs).
                while lines.read_line(&mut line).await? > 0 {}
                return Ok(());
            }
            envelope.push_str(&line);
            write.write_all(b"250 ok\r\n").await?;
        } else if upper.starts_with("DATA") {
            write.write_all(b"354 go\r\n").await?;
            let mut data = envelope.clone();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(&line);
            }
            {
                let mut s = state.lock().unwrap();
                s.messages.push(data);
            }
            envelope.clear();
            write.write_all(b"250 queued\r\n").await?;
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"502 no\r\n").await?;
        }
    }
}
