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

#[test]
fn backup_copies_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    assert!(simpul(dir.path()).args(["migrate", "--data-dir"]).arg(&d).status().unwrap().success());
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/data/regions/cilegon.csv");
    assert!(simpul(dir.path()).args(["regions", "import", good, "--data-dir"]).arg(&d).status().unwrap().success());
    let copy = dir.path().join("copy.db");
    let out = simpul(dir.path()).args(["backup", "--out"]).arg(&copy).arg("--data-dir").arg(&d).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let restored = dir.path().join("restored");
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(&copy, restored.join("simpul.db")).unwrap();
    let again = simpul(dir.path()).args(["regions", "import", good, "--data-dir"]).arg(&restored).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 regions created"), "the copy holds the regions");
    let exists = simpul(dir.path()).args(["backup", "--out"]).arg(&copy).arg("--data-dir").arg(&d).output().unwrap();
    assert!(!exists.status.success(), "never overwrites");
}

#[test]
fn commands_say_when_they_start_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("nowhere");
    let backup = simpul(dir.path())
        .args(["backup", "--out"])
        .arg(dir.path().join("b.db"))
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
fn backup_explains_pg_dump_for_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let out = simpul(dir.path())
        .args(["backup", "--out", "x.db", "--database-url", "postgres://127.0.0.1/none"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
}
