//! The change outbox: every change to something the public can see (an article published,
//! edited, unpublished or imported) adds a row in the same transaction. A node follows the
//! table to learn about changes it did not make itself — another node on the same
//! PostgreSQL, or `simpul import` writing to the same SQLite file while the server runs —
//! and drops its cached pages within [`POLL`]. The search index (issue 4) reads the same rows.

use std::{sync::Arc, time::Duration};

use crate::{
    app::App,
    domain::time::Timestamp,
    infra::db::{Db, DbError, Tx, query},
};

/// How often a node looks for changes made elsewhere.
pub const POLL: Duration = Duration::from_millis(500);

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Article,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Article => "article",
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

/// The newest change's number (0 when there is none).
pub async fn latest(db: &Db) -> Result<i64, DbError> {
    query("SELECT COALESCE(MAX(id), 0) FROM outbox").scalar::<i64>(db).await
}

/// Forgets changes older than `before` (every follower has long seen them).
pub async fn purge(tx: &mut Tx, before: Timestamp) -> Result<u64, DbError> {
    query("DELETE FROM outbox WHERE created_at < $1").bind(before.0).execute(tx).await
}

/// Remembers the newest change seen and drops this node's cached pages when there is a
/// newer one. Returns whether something new was seen.
pub async fn check(app: &App, seen: &mut i64) -> Result<bool, DbError> {
    let newest = latest(&app.db).await?;
    if newest == *seen {
        return Ok(false);
    }
    *seen = newest;
    app.db.invalidate();
    Ok(true)
}

/// Follows the outbox until the process stops.
pub async fn follow(app: Arc<App>) {
    let mut seen = latest(&app.db).await.unwrap_or(0);
    loop {
        tokio::time::sleep(POLL).await;
        if let Err(e) = check(&app, &mut seen).await {
            tracing::warn!(error = %e, "following the change outbox");
        }
    }
}
