//! The database seam: one `Db` handle over SQLite (embedded default) or PostgreSQL.
//!
//! Queries are written once in the dialect both engines share (`$1` placeholders,
//! `RETURNING`, `ON CONFLICT`) and built with [`query`]; arguments are collected as
//! engine-neutral [`Arg`]s and bound when the engine is known. Rows decode through
//! `sqlx::FromRow`, derived once per row type. SQL lives only in feature `repo.rs` files.
//!
//! SQLite gets one writer connection (transactions queue instead of failing with
//! `SQLITE_BUSY`) and a small pool of readers; WAL mode lets readers run beside the writer.

mod codec;
mod migrate;
mod query;

use std::{
    path::Path,
    str::FromStr,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use sqlx::{
    PgPool, Postgres, Sqlite, SqlitePool,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

pub use migrate::MigrationError;
pub use query::{Arg, Conn, Executor, FromRow, Query, Scalar, Sql, like_pattern, query, unique_slug};

/// Which engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A cloneable handle to the database.
#[derive(Clone, Debug)]
pub struct Db {
    pools: Pools,
    /// Bumped by every committed transaction on this node; caches compare it to know
    /// whether anything may have changed.
    generation: Arc<AtomicU64>,
}

#[derive(Clone, Debug)]
enum Pools {
    Sqlite { read: SqlitePool, write: SqlitePool },
    Postgres(PgPool),
}

/// An open transaction. Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    inner: TxInner,
    generation: Arc<AtomicU64>,
}

enum TxInner {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// Errors from the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A UNIQUE constraint rejected the write; carries the constraint or column text.
    #[error("unique constraint violated: {0}")]
    Unique(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("unsupported database url: {0}")]
    BadUrl(String),
}

/// Connection settings that are not in the URL.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub max_connections: u32,
    /// PostgreSQL only: the schema to use (tests isolate themselves with one each).
    pub pg_schema: Option<String>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self { max_connections: 8, pg_schema: None }
    }
}

impl Db {
    /// Connects to `url`: `postgres://…` or `sqlite://path` (created if missing).
    pub async fn connect(url: &str, opts: &ConnectOptions) -> Result<Db, DbError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut o = PgConnectOptions::from_str(url)?;
            if let Some(schema) = &opts.pg_schema {
                o = o.options([("search_path", schema.as_str())]);
            }
            let pool = PgPoolOptions::new()
                .max_connections(opts.max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(o)
                .await?;
            Ok(Db::new(Pools::Postgres(pool)))
        } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            Self::connect_sqlite(Path::new(path), opts.max_connections).await
        } else {
            Err(DbError::BadUrl(url.chars().take(16).collect()))
        }
    }

    async fn connect_sqlite(path: &Path, readers: u32) -> Result<Db, DbError> {
        let base = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // The writer syncs every commit to disk (FULL): an acknowledged report survives a power
        // cut, not only a crash of the process. Readers never write, so NORMAL is enough there.
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(base.clone().synchronous(SqliteSynchronous::Full))
            .await?;
        // Readers copy pages with `pread` rather than map the file: SQLite drops a reader's map
        // whenever another connection has written, so under a stream of reports every read
        // re-mapped the file (measured: 11 % of the server's CPU in `munmap` and the TLB
        // shootdowns it causes, against 3 % saved on read-only pages).
        let read = SqlitePoolOptions::new().max_connections(readers.max(1)).connect_with(base.read_only(true)).await?;
        Ok(Db::new(Pools::Sqlite { read, write }))
    }

    fn new(pools: Pools) -> Db {
        Db { pools, generation: Arc::new(AtomicU64::new(0)) }
    }

    /// How many transactions this node has committed (see the field's note).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Tells this node's caches that data changed elsewhere (see `infra::outbox`).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Release);
    }

    /// Checks the database answers (`/healthz`).
    pub async fn ping(&self) -> Result<(), DbError> {
        query("SELECT 1").scalar::<i32>(self).await.map(|_| ())
    }

    pub fn engine(&self) -> Engine {
        match self.pools {
            Pools::Sqlite { .. } => Engine::Sqlite,
            Pools::Postgres(_) => Engine::Postgres,
        }
    }

    /// Begins a transaction (on SQLite: on the single writer connection).
    pub async fn begin(&self) -> Result<Tx, DbError> {
        let inner = match &self.pools {
            Pools::Sqlite { write, .. } => TxInner::Sqlite(write.begin().await?),
            Pools::Postgres(p) => TxInner::Postgres(p.begin().await?),
        };
        Ok(Tx { inner, generation: self.generation.clone() })
    }

    /// Applies pending migrations; each runs in its own transaction.
    pub async fn migrate(&self) -> Result<usize, MigrationError> {
        migrate::run(self).await
    }

    /// SQLite only: writes a consistent copy of the live database to `out` (`VACUUM INTO`),
    /// without blocking readers. PostgreSQL deployments use `pg_dump`.
    pub async fn vacuum_into(&self, out: &Path) -> Result<(), DbError> {
        match &self.pools {
            Pools::Sqlite { write, .. } => {
                sqlx::query("VACUUM INTO $1").bind(out.to_string_lossy().into_owned()).execute(write).await?;
                Ok(())
            }
            Pools::Postgres(_) => Err(DbError::BadUrl("backup of PostgreSQL: use pg_dump".into())),
        }
    }

    /// The application's tables (not the migration ledger) and their row counts, by name:
    /// what a backup records and a restore is checked against.
    pub async fn table_counts(&self) -> Result<Vec<(String, i64)>, DbError> {
        let names: Vec<String> = match self.engine() {
            Engine::Sqlite => {
                query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                     AND name NOT LIKE '_sqlx%' ORDER BY name",
                )
                .scalars(self)
                .await?
            }
            Engine::Postgres => {
                query(
                    "SELECT table_name::TEXT FROM information_schema.tables WHERE table_schema = current_schema() \
                     AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%' ORDER BY table_name",
                )
                .scalars(self)
                .await?
            }
        };
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            // Names come from the catalogue, never from input; quoted all the same.
            let n: i64 = query(format!("SELECT COUNT(*) FROM \"{}\"", name.replace('"', ""))).scalar(self).await?;
            out.push((name, n));
        }
        Ok(out)
    }

    /// Closes every connection (used at shutdown and after a backup).
    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Pools::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), DbError> {
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        self.generation.fetch_add(1, Ordering::Release);
        Ok(())
    }

    /// Commits bookkeeping that no public page shows (view counts): cached pages stay valid.
    pub async fn commit_bookkeeping(self) -> Result<(), DbError> {
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

impl DbError {
    fn from_sqlx(e: sqlx::Error) -> DbError {
        if let Some(db) = e.as_database_error()
            && db.is_unique_violation()
        {
            let what = db.constraint().map(str::to_owned).unwrap_or_else(|| db.message().to_owned());
            return DbError::Unique(what);
        }
        DbError::Sqlx(e)
    }

    pub fn is_unique(&self) -> bool {
        matches!(self, DbError::Unique(_))
    }
}
