//! The command line, run as a real process: every subcommand accepts `--data-dir` before or
//! after its own arguments. (Always on SQLite, in a temporary data folder.)

use std::process::Command;

use simpul::infra::db::{ConnectOptions, Db, query};

fn simpul(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_simpul"));
    c.env_remove("SIMPUL_DATABASE_URL").env("SIMPUL_LOG", "warn");
    c.env("SIMPUL_DATA_DIR", dir.join("unused"));
    c
}

#[test]
fn regions_import_reports_bad_lines_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "kota,kecamatan,kelurahan\nKota Cilegon,Cibeber,Bulakan\nKota Cilegon,Cibeber\n").unwrap();
    let out = simpul(dir.path()).args(["regions", "import"]).arg(&bad).arg("--data-dir").arg(&d).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:3:") && err.contains("nothing imported"), "{err}");

    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/data/regions/cilegon.csv");
    let first = simpul(dir.path()).arg("--data-dir").arg(&d).args(["regions", "import", good]).output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("52 regions created"));
    let again = simpul(dir.path()).args(["regions", "import", good, "--data-dir"]).arg(&d).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 regions created, 52 already present"));
}

#[test]
fn token_is_the_last_line_and_user_create_prints_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let out = simpul(dir.path())
        .args(["token", "create", "--name", "ci", "--scope", "read", "--data-dir"])
        .arg(&d)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.trim_end().lines().last().unwrap().starts_with("smp_"));
    let bad = simpul(dir.path())
        .args(["token", "create", "--name", "ci", "--scope", "root", "--data-dir"])
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));

    let user = simpul(dir.path())
        .args(["user", "create", "--role", "admin", "--email", "admin@cilegon.go.id", "--reset-link", "--data-dir"])
        .arg(&d)
        .output()
        .unwrap();
    assert!(user.status.success(), "{}", String::from_utf8_lossy(&user.stderr));
    assert!(String::from_utf8_lossy(&user.stdout).contains("http://127.0.0.1:8080/atur-ulang-sandi?token="));
    // Without --name (and no terminal), the name is the part of the address before the @.
    let url = format!("sqlite://{}", d.join("simpul.db").display());
    let names: Vec<String> = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = Db::connect(&url, &ConnectOptions::default()).await.unwrap();
        query("SELECT name FROM users").scalars(&db).await.unwrap()
    });
    assert_eq!(names, vec!["admin"]);
    let dpo = simpul(dir.path())
        .args(["user", "create", "--role", "dpo", "--name", "Admin", "--email", "admin@cilegon.go.id", "--data-dir"])
        .arg(&d)
        .args(["--base-url", "https://kim.cilegon.go.id"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&dpo.stdout).contains("existing account #1: role added"));
    let other = simpul(dir.path())
        .args(["user", "create", "--role", "dpo", "--name", "Dedi", "--email", "dpo@cilegon.go.id", "--reset-link"])
        .args(["--base-url", "https://kim.cilegon.go.id", "--data-dir"])
        .arg(&d)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&other.stdout).contains("https://kim.cilegon.go.id/atur-ulang-sandi?token="),
        "links use --base-url"
    );
    let dup = simpul(dir.path())
        .args([
            "user",
            "create",
            "--role",
            "admin",
            "--name",
            "Admin",
            "--email",
            "admin@cilegon.go.id",
            "--reset-link",
            "--data-dir",
        ])
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(dup.status.code(), Some(2));
}

fn run(c: &mut Command) -> (bool, String) {
    let out = c.output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// A deployment with regions, an article and two files in its store.
fn deployment(dir: &std::path::Path, d: &std::path::Path, db: Option<&str>) {
    let with_db = |c: &mut Command| {
        c.arg("--data-dir").arg(d);
        if let Some(url) = db {
            c.args(["--database-url", url]);
        }
    };
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/data/regions/cilegon.csv");
    let mut c = simpul(dir);
    c.args(["regions", "import", good]);
    with_db(&mut c);
    assert!(run(&mut c).0);
    let articles = dir.join("articles.jsonl");
    std::fs::write(
        &articles,
        r#"{"slug":"pasar-baru","title":"Pasar baru dibuka","category":"Pembangunan","tags":[],"published_at":"2026-11-20T08:00:00+07:00","body_markdown":"Pasar baru di Cibeber dibuka."}"#,
    )
    .unwrap();
    let mut c = simpul(dir);
    c.args(["import", "articles"]).arg(&articles);
    with_db(&mut c);
    let (ok, out) = run(&mut c);
    assert!(ok && out.contains("1 articles imported"), "{out}");
    std::fs::create_dir_all(d.join("media/lampiran")).unwrap();
    std::fs::write(d.join("media/foto-360.jpg"), b"\xFF\xD8 foto").unwrap();
    std::fs::write(d.join("media/lampiran/surat.pdf"), b"%PDF-1.4 surat").unwrap();
}

#[test]
fn backup_and_restore_round_trip_the_database_and_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    deployment(dir.path(), &d, None);
    let out = dir.path().join("cadangan");
    let (ok, text) = run(simpul(dir.path()).args(["backup", "--out"]).arg(&out).arg("--data-dir").arg(&d));
    assert!(ok, "{text}");
    assert!(text.contains("2 files copied"), "{text}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["engine"], "sqlite");
    assert!(manifest["tables"].as_array().unwrap().iter().any(|t| t["table"] == "articles" && t["rows"] == 1));
    let (again, text) = run(simpul(dir.path()).args(["backup", "--out"]).arg(&out).arg("--data-dir").arg(&d));
    assert!(!again && text.contains("already exists"), "never overwrites: {text}");

    // Into a new, empty data folder: the same rows and the same files.
    let restored = dir.path().join("baru");
    let (ok, text) = run(simpul(dir.path()).args(["restore", "--from"]).arg(&out).arg("--data-dir").arg(&restored));
    assert!(ok, "{text}");
    assert_eq!(std::fs::read(restored.join("media/lampiran/surat.pdf")).unwrap(), b"%PDF-1.4 surat");
    assert_eq!(std::fs::read(restored.join("media/foto-360.jpg")).unwrap(), b"\xFF\xD8 foto");
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/data/regions/cilegon.csv");
    let (_, text) = run(simpul(dir.path()).args(["regions", "import", good, "--data-dir"]).arg(&restored));
    assert!(text.contains("0 regions created"), "the copy holds the regions: {text}");
    let (_, text) = run(simpul(dir.path()).arg("reindex").arg("--data-dir").arg(&restored));
    assert!(text.contains("1 articles indexed"), "and the article: {text}");

    // Never over a deployment that exists.
    let (ok, text) = run(simpul(dir.path()).args(["restore", "--from"]).arg(&out).arg("--data-dir").arg(&d));
    assert!(!ok && text.contains("restore only into an empty data folder"), "{text}");
    // A damaged backup changes nothing.
    std::fs::write(out.join("files/foto-360.jpg"), b"rusak").unwrap();
    let fresh = dir.path().join("lain");
    let (ok, text) = run(simpul(dir.path()).args(["restore", "--from"]).arg(&out).arg("--data-dir").arg(&fresh));
    assert!(!ok && text.contains("damaged"), "{text}");
    assert!(!fresh.join("simpul.db").exists());
}

#[test]
fn backup_and_restore_work_on_postgresql_with_pg_dump() {
    let Some(url) = crate::support::postgres_url() else { return };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let suffix = simpul::infra::crypto::random_token(8).to_lowercase().replace(['-', '_'], "x");
    let (from, to) = (format!("simpul_bk_{suffix}"), format!("simpul_rs_{suffix}"));
    let admin = rt.block_on(Db::connect(&url, &ConnectOptions { max_connections: 1, pg_schema: None })).unwrap();
    for name in [&from, &to] {
        rt.block_on(query(format!("CREATE DATABASE {name}")).execute(&admin)).unwrap();
    }
    let db_url = |name: &str| {
        let mut u = url::Url::parse(&url).unwrap();
        u.set_path(&format!("/{name}"));
        u.to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    deployment(dir.path(), &d, Some(&db_url(&from)));
    let out = dir.path().join("cadangan");
    let (ok, text) = run(simpul(dir.path())
        .args(["backup", "--out"])
        .arg(&out)
        .args(["--data-dir"])
        .arg(&d)
        .args(["--database-url", &db_url(&from)]));
    assert!(ok, "{text}");
    assert!(out.join("simpul.pgdump").exists());
    let restored = dir.path().join("baru");
    let (ok, text) = run(simpul(dir.path())
        .args(["restore", "--from"])
        .arg(&out)
        .arg("--data-dir")
        .arg(&restored)
        .args(["--database-url", &db_url(&to)]));
    assert!(ok, "{text}");
    assert!(restored.join("media/lampiran/surat.pdf").exists());
    let target =
        rt.block_on(Db::connect(&db_url(&to), &ConnectOptions { max_connections: 1, pg_schema: None })).unwrap();
    let n: i64 = rt.block_on(query("SELECT COUNT(*) FROM articles").scalar(&target)).unwrap();
    assert_eq!(n, 1);
    rt.block_on(target.close());
    // Into a database that has tables: refused.
    let (ok, text) = run(simpul(dir.path())
        .args(["restore", "--from"])
        .arg(&out)
        .arg("--data-dir")
        .arg(dir.path().join("x"))
        .args(["--database-url", &db_url(&to)]));
    assert!(!ok && text.contains("restore only into an empty database"), "{text}");
    for name in [&from, &to] {
        rt.block_on(query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin)).unwrap();
    }
}

#[test]
fn commands_say_when_they_start_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("nowhere");
    let backup = simpul(dir.path())
        .args(["backup", "--out"])
        .arg(dir.path().join("b"))
        .arg("--data-dir")
        .arg(&d)
        .output()
        .unwrap();
    assert!(!backup.status.success());
    assert!(String::from_utf8_lossy(&backup.stderr).contains("no database at"));
    let token = simpul(dir.path()).args(["token", "create", "--name", "x", "--data-dir"]).arg(&d).output().unwrap();
    assert!(String::from_utf8_lossy(&token.stderr).contains("creating a new, empty one"));
}

#[test]
fn a_damaged_search_index_never_stops_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    assert!(simpul(dir.path()).args(["migrate", "--data-dir"]).arg(&d).status().unwrap().success());
    // The index folder replaced by a file (a mistaken copy, a full disk).
    std::fs::remove_dir_all(d.join("search")).unwrap();
    std::fs::write(d.join("search"), b"rusak").unwrap();
    let (ok, text) = run(simpul(dir.path()).args(["token", "create", "--name", "x", "--data-dir"]).arg(&d));
    assert!(ok, "{text}");
    let (ok, text) = run(simpul(dir.path()).args(["reindex", "--data-dir"]).arg(&d));
    assert!(ok && text.contains("0 articles indexed"), "{text}");
    assert!(d.join("search").is_dir(), "recreated");
}
