//! Both engines' migrations give the same tables and columns.

use std::collections::BTreeMap;

use simpul::infra::db::{ConnectOptions, Db, Engine, query};

use crate::support::{TestApp, postgres_url};

type Schema = BTreeMap<String, Vec<String>>;

#[derive(sqlx::FromRow)]
struct Col {
    table_name: String,
    column_name: String,
}

async fn schema_of(db: &Db) -> Schema {
    let sql = match db.engine() {
        Engine::Sqlite => {
            "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' ORDER BY m.name, p.name"
        }
        Engine::Postgres => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations' ORDER BY table_name, column_name"
        }
    };
    let mut s = Schema::new();
    for c in query(sql).fetch_all::<Col>(db).await.unwrap() {
        s.entry(c.table_name).or_default().push(c.column_name);
    }
    s
}

/// The PostgreSQL schema read from the migration files (when no server is available).
fn schema_from_postgres_files() -> Schema {
    let mut s = Schema::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let sql = std::fs::read_to_string(f).unwrap();
        let sql: String = sql.lines().map(|l| l.split("--").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
        for stmt in sql.split(';') {
            if let Some(rest) = stmt.trim_start().strip_prefix("ALTER TABLE ") {
                let (table, change) = rest.split_once(' ').unwrap();
                let column = change.trim().strip_prefix("ADD COLUMN ").unwrap().split_whitespace().next().unwrap();
                let cols = s.get_mut(table).unwrap();
                cols.push(column.to_owned());
                cols.sort();
                continue;
            }
            let Some(rest) = stmt.trim_start().split("CREATE TABLE ").nth(1) else {
                continue;
            };
            let (name, body) = rest.split_once('(').unwrap();
            let mut cols: Vec<String> = body
                .lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && !l.starts_with("UNIQUE")
                        && !l.starts_with("PRIMARY KEY")
                        && !l.starts_with("--")
                        && !l.starts_with(')')
                })
                .map(|l| l.split_whitespace().next().unwrap().to_owned())
                .collect();
            cols.sort();
            s.insert(name.trim().to_owned(), cols);
        }
    }
    s
}

#[tokio::test]
async fn sqlite_and_postgres_schemas_match() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Db::connect(&format!("sqlite://{}", dir.path().join("p.db").display()), &ConnectOptions::default())
        .await
        .unwrap();
    sqlite.migrate().await.unwrap();
    let lite = schema_of(&sqlite).await;
    assert!(lite.len() >= 12, "{lite:?}");
    let pg = match postgres_url() {
        Some(_) => {
            let t = TestApp::empty().await;
            assert_eq!(t.engine(), Engine::Postgres);
            schema_of(&t.app.db).await
        }
        None => schema_from_postgres_files(),
    };
    assert_eq!(lite, pg);
}

#[tokio::test]
async fn a_failing_migration_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("broken.db").display());
    let db = Db::connect(&url, &ConnectOptions::default()).await.unwrap();
    // A table the first migration also creates, with other columns: its CREATE fails.
    let mut tx = db.begin().await.unwrap();
    query("CREATE TABLE audit_events (id INTEGER PRIMARY KEY, note TEXT)").execute(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    let err = db.migrate().await.unwrap_err();
    assert!(err.to_string().starts_with("database migration failed"), "{err}");
    let tables: Vec<String> =
        query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name")
            .scalars(&db)
            .await
            .unwrap();
    assert_eq!(tables, vec!["audit_events"], "the migration's other tables were rolled back");
}
