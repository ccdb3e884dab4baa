//! The change outbox: every change to something the public can see (an article published,
//! edited, unpublished or imported) adds a row in the same transaction. A node follows the
//! table to learn about changes it did not make itself — another node on the same
//! PostgreSQL, or `simpul import` writing to the same SQLite file while the server runs —
//! and drops its cached pages within [`POLL`]. The search index reads the same rows.
//!
//! Ids are handed out at insert, not at commit: on PostgreSQL a transaction holding a lower id
//! can commit after a higher one. So a follower watches both the newest id and the number of
//! rows (a late commit changes the count), and a reader of the rows themselves must look back
//! a little behind its cursor.

use std::time::Duration;

use crate::{
    domain::time::Timestamp,
    infra::db::{Db, DbError, Tx, query},
};

/// How often a node looks for changes made elsewhere.
pub const POLL: Duration = Duration::from_millis(500);

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Article,
    /// A clarification published or edited.
    Clarification,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Article => "article",
            Topic::Clarification => "clarification",
        }
    }
}

/// Notes a change; call inside the transaction that makes it.
pub async fn record(tx: &mut Tx, topic: Topic, entity_id: i64, now: Timestamp) -> Result<(), DbError> {
    query("INSERT INTO outbox (topic, entity_id, created_at) VALUES ($1, $2, $3)")
        .bind(topic.as_str())
        .bind(entity_id)
        .bind(now.0)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Where the outbox stands: (newest id, number of rows). Any commit that adds a row changes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Mark {
    pub newest: i64,
    pub row_count: i64,
}

pub async fn latest(db: &Db) -> Result<Mark, DbError> {
    since(db, 0).await
}

/// Where the outbox stands, counting only rows near or after `newest_seen` (late commits
/// land just below the newest id), so the poll stays cheap however long the table grows.
async fn since(db: &Db, newest_seen: i64) -> Result<Mark, DbError> {
    query("SELECT COALESCE(MAX(id), 0) AS newest, COUNT(*) AS row_count FROM outbox WHERE id > $1")
        .bind((newest_seen - LOOK_BACK).max(0))
        .fetch_one(db)
        .await
}

/// How far below the newest id a late commit is looked for.
const LOOK_BACK: i64 = 1_000;

/// One recorded change.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Change {
    pub id: i64,
    pub topic: String,
    pub entity_id: i64,
}

/// Changes with an id above `after`, oldest first.
pub async fn after(db: &Db, after: i64, limit: i64) -> Result<Vec<Change>, DbError> {
    query("SELECT id, topic, entity_id FROM outbox WHERE id > $1 ORDER BY id LIMIT $2")
        .bind(after)
        .bind(limit)
        .fetch_all(db)
        .await
}

/// Forgets changes older than `before` (every follower has long seen them).
pub async fn purge(tx: &mut Tx, before: Timestamp) -> Result<u64, DbError> {
    query("DELETE FROM outbox WHERE created_at < $1").bind(before.0).execute(tx).await
}

/// Remembers where the outbox stood and drops this node's cached pages when it moved.
/// Returns whether something new was seen.
pub async fn check(db: &Db, seen: &mut Mark) -> Result<bool, DbError> {
    let newest = since(db, seen.newest).await?;
    if newest == *seen {
        return Ok(false);
    }
    *seen = newest;
    db.invalidate();
    Ok(true)
}
