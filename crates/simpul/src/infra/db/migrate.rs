//! Schema migrations, one folder per engine with the same numbering, embedded in the binary.

use super::{Db, Pools};

static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A migration that could not be applied. Start-up stops; the failed migration's
/// transaction is rolled back, so the schema is as it was before.
#[derive(Debug, thiserror::Error)]
#[error("database migration failed: {0}")]
pub struct MigrationError(#[from] sqlx::migrate::MigrateError);

/// Applies the pending migrations and returns how many the binary knows in total.
pub(super) async fn run(db: &Db) -> Result<usize, MigrationError> {
    match &db.pools {
        Pools::Sqlite { write, .. } => {
            SQLITE.run(write).await?;
            Ok(SQLITE.iter().count())
        }
        Pools::Postgres(p) => {
            POSTGRES.run(p).await?;
            Ok(POSTGRES.iter().count())
        }
    }
}
