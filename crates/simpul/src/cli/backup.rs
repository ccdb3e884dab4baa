//! `simpul backup`: a consistent copy of a running SQLite deployment (`VACUUM INTO`).

use std::{path::Path, process::ExitCode};

use crate::{
    config::Config,
    infra::db::{ConnectOptions, Db},
};

pub async fn run(config: Config, out: &Path) -> anyhow::Result<ExitCode> {
    if !config.is_sqlite() {
        eprintln!(
            "This deployment uses PostgreSQL. Back it up with PostgreSQL's own tools, e.g.\n  pg_dump --format=custom --file=simpul.dump \"$SIMPUL_DATABASE_URL\"\nand restore with pg_restore."
        );
        return Ok(ExitCode::from(2));
    }
    anyhow::ensure!(!out.exists(), "{} already exists; choose a new file", out.display());
    let db_file = config.data_dir.join("simpul.db");
    anyhow::ensure!(
        db_file.exists(),
        "no database at {}: pass the same --data-dir as `simpul serve`",
        std::path::absolute(&db_file).unwrap_or(db_file).display()
    );
    let db = Db::connect(config.database_url.expose(), &ConnectOptions { max_connections: 1, pg_schema: None }).await?;
    db.vacuum_into(out).await?;
    db.close().await;
    println!("backup written to {}", out.display());
    Ok(ExitCode::SUCCESS)
}
