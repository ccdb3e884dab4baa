//! SQL for uploaded media.

use crate::{
    domain::time::Timestamp,
    infra::db::{DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MediaRow {
    pub id: i64,
    pub key: String,
    pub width: i64,
    pub height: i64,
    pub widths: String,
    pub alt: String,
    pub created_at: i64,
}

const COLS: &str = "id, key, width, height, widths, alt, created_at";

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    key: &str,
    by: Option<i64>,
    width: u32,
    height: u32,
    widths: &str,
    alt: &str,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO media (key, uploaded_by, width, height, widths, alt, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id",
    )
    .bind(key)
    .bind(by)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(widths)
    .bind(alt)
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn exists(ex: impl Executor, id: i64) -> Result<bool, DbError> {
    Ok(query("SELECT COUNT(*) FROM media WHERE id = $1").bind(id).scalar::<i64>(ex).await? > 0)
}

/// A person's uploads, newest first.
pub async fn list_by(ex: impl Executor, user_id: i64, limit: i64) -> Result<Vec<MediaRow>, DbError> {
    query(format!("SELECT {COLS} FROM media WHERE uploaded_by = $1 ORDER BY id DESC LIMIT $2"))
        .bind(user_id)
        .bind(limit)
        .fetch_all(ex)
        .await
}
