//! `simpul backup` and `simpul restore`: a whole deployment — the database and every file in
//! the object store — in one folder, and back into an empty deployment.
//!
//! A backup folder holds `manifest.json` (when, which engine, every table's row count, every
//! file's size and SHA-256), the database (`simpul.db`, a consistent copy of a running SQLite
//! database by `VACUUM INTO`; or `simpul.pgdump`, PostgreSQL's own `pg_dump --format=custom`,
//! consistent as one snapshot) and `files/` with the object store's contents (the data
//! folder's `media/` or the S3 bucket). The database is copied first and the files after: a
//! file uploaded meanwhile is in the backup without a row (harmless), and nothing the copied
//! database names can be missing unless it was deleted in between.
//!
//! The search index is not backed up: it is rebuilt from the database at the first start.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use serde::{Deserialize, Serialize};

use crate::{
    config::Config,
    infra::{
        crypto,
        db::{ConnectOptions, Db},
        storage::Storage,
    },
};

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "simpul.db";
const PG_FILE: &str = "simpul.pgdump";
const FILES: &str = "files";

/// What a backup holds, for checking a restore against.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    simpul_version: String,
    /// RFC 3339.
    created_at: String,
    engine: String,
    tables: Vec<TableCount>,
    files: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct TableCount {
    table: String,
    rows: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileEntry {
    key: String,
    bytes: u64,
    sha256: String,
}

fn connect_options() -> ConnectOptions {
    ConnectOptions { max_connections: 2, pg_schema: None }
}

fn storage_of(config: &Config) -> anyhow::Result<Storage> {
    Storage::configured(config.object_store.as_deref(), &config.data_dir)
}

/// A key as a path under `files/`, refusing anything that could climb out of it.
fn file_path(root: &Path, key: &str) -> anyhow::Result<PathBuf> {
    let ok = !key.is_empty()
        && key.split('/').all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    anyhow::ensure!(ok, "refusing the file name {key:?}");
    Ok(root.join(key))
}

pub async fn backup(config: Config, out: &Path) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(!out.exists(), "{} already exists; choose a new folder", out.display());
    let db_file = config.data_dir.join(SQLITE_FILE);
    anyhow::ensure!(
        !config.is_sqlite() || db_file.exists(),
        "no database at {}: pass the same --data-dir as `simpul serve`",
        std::path::absolute(&db_file).unwrap_or(db_file).display()
    );
    std::fs::create_dir_all(out.join(FILES)).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", out.display()))?;
    let db = Db::connect(config.database_url.expose(), &connect_options()).await?;
    // Counted just before the copy: on a busy deployment the copy may hold a few more rows.
    let tables = db.table_counts().await?;
    let engine = if config.is_sqlite() {
        db.vacuum_into(&out.join(SQLITE_FILE)).await?;
        "sqlite"
    } else {
        pg_tool(
            "pg_dump",
            &["--format=custom", "--no-owner", "--no-privileges", "--file"],
            &out.join(PG_FILE),
            config.database_url.expose(),
        )?;
        "postgres"
    };
    db.close().await;
    println!("database copied ({engine}, {} tables)", tables.len());

    let store = storage_of(&config)?;
    let mut files = Vec::new();
    let mut total = 0u64;
    for (key, _, _) in store.list().await? {
        // Deleted since it was listed: not part of the backup.
        let Some(bytes) = store.get(&key).await? else { continue };
        let path = file_path(&out.join(FILES), &key)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &bytes).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        total += bytes.len() as u64;
        files.push(FileEntry { key, bytes: bytes.len() as u64, sha256: crypto::sha256_hex_bytes(&bytes) });
    }
    files.sort_by(|a, b| a.key.cmp(&b.key));
    println!("{} files copied ({:.1} MB)", files.len(), total as f64 / 1e6);
    let manifest = Manifest {
        simpul_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: jiff::Timestamp::now().to_string(),
        engine: engine.to_owned(),
        tables: tables.into_iter().map(|(table, rows)| TableCount { table, rows }).collect(),
        files,
    };
    std::fs::write(out.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    println!("backup written to {}", out.display());
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(config: Config, from: &Path) -> anyhow::Result<ExitCode> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(from.join(MANIFEST))
            .map_err(|e| anyhow::anyhow!("{} is not a Simpul backup (no {MANIFEST}): {e}", from.display()))?,
    )?;
    let engine = if config.is_sqlite() { "sqlite" } else { "postgres" };
    anyhow::ensure!(
        manifest.engine == engine,
        "this backup is of a {} deployment and the target is {engine}: restore into the same engine",
        manifest.engine
    );
    // Files first, checked against the manifest (one at a time), so a damaged backup changes
    // no database.
    let root = from.join(FILES);
    for f in &manifest.files {
        read_checked(&root, f)?;
    }

    if config.is_sqlite() {
        let target = config.data_dir.join(SQLITE_FILE);
        anyhow::ensure!(
            !target.exists(),
            "{} exists: restore only into an empty data folder (move the old one aside first)",
            target.display()
        );
        std::fs::create_dir_all(&config.data_dir)?;
        // A write-ahead log left by an earlier database would be read with the new one.
        set_aside(&config.data_dir, &["simpul.db-wal", "simpul.db-shm"])?;
        // Copied under another name and renamed: an interrupted copy never looks like a database.
        let part = config.data_dir.join("simpul.db.restoring");
        std::fs::copy(from.join(SQLITE_FILE), &part)
            .map_err(|e| anyhow::anyhow!("cannot copy the database to {}: {e}", part.display()))?;
        std::fs::rename(&part, &target)?;
    } else {
        let db = Db::connect(config.database_url.expose(), &connect_options()).await?;
        let existing = db.table_counts().await?;
        db.close().await;
        anyhow::ensure!(
            existing.is_empty(),
            "the target database already has {} tables: restore only into an empty database",
            existing.len()
        );
        pg_tool(
            "pg_restore",
            &["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname"],
            Path::new(config.database_url.expose()),
            &from.join(PG_FILE).to_string_lossy(),
        )?;
    }
    // A search index in the data folder follows another database: rebuilt at the first start.
    set_aside(&config.data_dir, &["search"])?;
    let db = Db::connect(config.database_url.expose(), &connect_options()).await?;
    // A backup made by an earlier release gets this release's migrations.
    db.migrate().await?;
    let counts = db.table_counts().await?;
    db.close().await;
    for t in &manifest.tables {
        let now = counts.iter().find(|(name, _)| *name == t.table).map(|(_, n)| *n);
        anyhow::ensure!(
            now.is_some_and(|n| n >= t.rows),
            "table {} has {:?} rows after the restore, the backup counted {}",
            t.table,
            now,
            t.rows
        );
    }
    println!("database restored ({} tables)", counts.len());

    let store = storage_of(&config)?;
    let n = manifest.files.len();
    for f in &manifest.files {
        store.put(&f.key, read_checked(&root, f)?).await?;
    }
    println!("{n} files restored; the search index is rebuilt at the first start");
    Ok(ExitCode::SUCCESS)
}

/// Moves these entries of `dir`, where they exist, to `<name>.before-restore`.
fn set_aside(dir: &Path, names: &[&str]) -> anyhow::Result<()> {
    for name in names {
        let p = dir.join(name);
        if p.exists() {
            let aside = dir.join(format!("{name}.before-restore"));
            std::fs::rename(&p, &aside).map_err(|e| anyhow::anyhow!("cannot move {} aside: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// A backed-up file's bytes, checked against the manifest.
fn read_checked(root: &Path, f: &FileEntry) -> anyhow::Result<Vec<u8>> {
    let path = file_path(root, &f.key)?;
    let bytes = std::fs::read(&path).map_err(|e| anyhow::anyhow!("the backup lacks {}: {e}", path.display()))?;
    anyhow::ensure!(
        bytes.len() as u64 == f.bytes && crypto::sha256_hex_bytes(&bytes) == f.sha256,
        "{} is damaged (size or checksum differs from the manifest)",
        path.display()
    );
    Ok(bytes)
}

/// Runs `pg_dump` or `pg_restore`: `args`, then `target` (the file or connection to act on),
/// then `source`. A password in the connection URL goes to the tool in `PGPASSWORD`, not on
/// its command line (which other users of the machine can read).
fn pg_tool(tool: &str, args: &[&str], target: &Path, source: &str) -> anyhow::Result<()> {
    let mut cmd = std::process::Command::new(tool);
    cmd.args(args);
    for (arg, is_url) in [(target.to_string_lossy().into_owned(), true), (source.to_owned(), false)] {
        match url::Url::parse(&arg).ok().filter(|u| u.scheme().starts_with("postgres")) {
            Some(mut u) if is_url || u.password().is_some() => {
                if let Some(p) = u.password() {
                    let p = url::form_urlencoded::parse(format!("p={}", p.replace('+', "%2B")).as_bytes())
                        .next()
                        .map(|(_, v)| v.into_owned())
                        .unwrap_or_default();
                    cmd.env("PGPASSWORD", p);
                    let _ = u.set_password(None);
                }
                cmd.arg(u.as_str());
            }
            _ => {
                cmd.arg(arg);
            }
        }
    }
    let out = cmd.output().map_err(|e| {
        anyhow::anyhow!("cannot run {tool} ({e}): install PostgreSQL's client tools (postgresql-client)")
    })?;
    anyhow::ensure!(
        out.status.success(),
        "{tool} failed: {}",
        // The connection string may carry a password; libpq does not echo it in errors.
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(())
}
