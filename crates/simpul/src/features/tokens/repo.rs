//! SQL for API tokens.

use crate::{
    domain::time::Timestamp,
    infra::db::{DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scope: String,
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLS: &str = "id, name, scope, prefix, created_at, last_used_at, revoked_at";

pub async fn insert(
    tx: &mut Tx,
    name: &str,
    scope: &str,
    hash: &str,
    prefix: &str,
    by: Option<i64>,
    now: Timestamp,
) -> Result<i64, DbError> {
    query("INSERT INTO api_tokens (name, scope, token_hash, prefix, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(name)
        .bind(scope)
        .bind(hash)
        .bind(prefix)
        .bind(by)
        .bind(now.0)
        .scalar(tx)
        .await
}

pub async fn find_active_by_hash(ex: impl Executor, hash: &str) -> Result<Option<TokenRow>, DbError> {
    query(format!("SELECT {COLS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL"))
        .bind(hash)
        .fetch_optional(ex)
        .await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<TokenRow>, DbError> {
    query(format!("SELECT {COLS} FROM api_tokens WHERE id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn list(ex: impl Executor) -> Result<Vec<TokenRow>, DbError> {
    query(format!("SELECT {COLS} FROM api_tokens ORDER BY id DESC")).fetch_all(ex).await
}

pub async fn revoke(tx: &mut Tx, id: i64, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

/// Records use at most once a minute per token, to keep reads cheap.
pub async fn touch(tx: &mut Tx, id: i64, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)")
        .bind(id)
        .bind(now.0)
        .bind(now.plus_minutes(-1).0)
        .execute(tx)
        .await?;
    Ok(())
}
