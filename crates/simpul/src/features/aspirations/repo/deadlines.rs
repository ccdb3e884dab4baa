//! What the deadline sweep reads and marks: running deadlines, reminders, escalations.

use crate::{
    domain::{aspiration::Status, ids::AspirationId, time::Timestamp},
    infra::db::{DbError, Executor, Tx, query},
};

/// Open reports with a running deadline: (id, status, counted from), to recompute deadlines.
pub async fn running_deadlines(ex: impl Executor) -> Result<Vec<(AspirationId, Status, Timestamp)>, DbError> {
    query(
        "SELECT id, status, due_from FROM aspirations WHERE due_at IS NOT NULL AND due_from IS NOT NULL
         AND status NOT IN ($1, $2)",
    )
    .bind(Status::Selesai)
    .bind(Status::Ditolak)
    .fetch_all(ex)
    .await
}

/// Moves a running deadline, unless the report moved on since it was read.
pub async fn set_due(
    tx: &mut Tx,
    id: AspirationId,
    status: Status,
    due_from: Timestamp,
    due_at: Timestamp,
) -> Result<(), DbError> {
    query("UPDATE aspirations SET due_at = $2 WHERE id = $1 AND status = $3 AND due_from = $4")
        .bind(id)
        .bind(due_at)
        .bind(status)
        .bind(due_from)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Reports whose deadline has passed (or passes before `soon`), with what the sweep needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueRow {
    pub id: AspirationId,
    pub status: Status,
    pub due_at: Timestamp,
    pub reminded_at: Option<Timestamp>,
    pub escalated_at: Option<Timestamp>,
}

pub async fn due_before(ex: impl Executor, soon: Timestamp, limit: i64) -> Result<Vec<DueRow>, DbError> {
    query(
        "SELECT id, status, due_at, reminded_at, escalated_at FROM aspirations
         WHERE due_at IS NOT NULL AND due_at < $1 AND status NOT IN ($3, $4)
         AND (escalated_at IS NULL OR status = $5) ORDER BY due_at LIMIT $2",
    )
    .bind(soon)
    .bind(limit)
    .bind(Status::Selesai)
    .bind(Status::Ditolak)
    .bind(Status::Ditanggapi)
    .fetch_all(ex)
    .await
}

/// Marks the reminder sent; `false` when another node already did (so only one mails).
pub async fn mark_reminded(tx: &mut Tx, id: AspirationId, status: Status, now: Timestamp) -> Result<bool, DbError> {
    let n = query("UPDATE aspirations SET reminded_at = $2 WHERE id = $1 AND status = $3 AND reminded_at IS NULL")
        .bind(id)
        .bind(now)
        .bind(status)
        .execute(tx)
        .await?;
    Ok(n == 1)
}

/// Marks the report escalated; `false` when another node already did.
pub async fn mark_escalated(tx: &mut Tx, id: AspirationId, status: Status, now: Timestamp) -> Result<bool, DbError> {
    let n = query("UPDATE aspirations SET escalated_at = $2 WHERE id = $1 AND status = $3 AND escalated_at IS NULL")
        .bind(id)
        .bind(now)
        .bind(status)
        .execute(tx)
        .await?;
    Ok(n == 1)
}
