//! SQL for the holiday calendar.

use crate::{
    domain::time::Timestamp,
    infra::db::{DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HolidayRow {
    pub id: i64,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub name: String,
    pub kind: String,
}

/// Every holiday date (`YYYY-MM-DD`), for the working-day calendar.
pub async fn days(ex: impl Executor) -> Result<Vec<String>, DbError> {
    query("SELECT day FROM holidays ORDER BY day").scalars(ex).await
}

/// Holidays from `from` on (`YYYY-MM-DD`), in date order.
pub async fn list_from(ex: impl Executor, from: &str) -> Result<Vec<HolidayRow>, DbError> {
    query("SELECT id, day, name, kind FROM holidays WHERE day >= $1 ORDER BY day").bind(from).fetch_all(ex).await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<HolidayRow>, DbError> {
    query("SELECT id, day, name, kind FROM holidays WHERE id = $1").bind(id).fetch_optional(ex).await
}

/// Adds a holiday; `None` when the date is already in the calendar.
pub async fn insert(tx: &mut Tx, day: &str, name: &str, kind: &str, now: Timestamp) -> Result<Option<i64>, DbError> {
    query(
        "INSERT INTO holidays (day, name, kind, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (day) DO NOTHING RETURNING id",
    )
    .bind(day)
    .bind(name)
    .bind(kind)
    .bind(now.0)
    .scalar_optional(tx)
    .await
}

pub async fn delete(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    query("DELETE FROM holidays WHERE id = $1").bind(id).execute(tx).await.map(|_| ())
}
