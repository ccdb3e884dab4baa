//! SQL for API tokens.

use crate::{
    domain::access::TokenScope,
    domain::time::Timestamp,
    infra::db::{DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scope: TokenScope,
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// The person a personal token acts for; `None` for the admin's machine clients.
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
}

const SELECT: &str = "SELECT t.id, t.name, t.scope, t.prefix, t.created_at, t.last_used_at, t.revoked_at, t.user_id,
    u.name AS user_name FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id";

/// A token to store: only the secret's hash and its first characters are kept.
pub struct NewToken<'a> {
    pub name: &'a str,
    pub scope: &'a str,
    pub hash: &'a str,
    pub prefix: &'a str,
    /// Who issued it.
    pub by: Option<i64>,
    /// For a personal token: the person it acts for.
    pub owner: Option<i64>,
}

pub async fn insert(tx: &mut Tx, t: &NewToken<'_>, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO api_tokens (name, scope, token_hash, prefix, created_by, user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(t.name)
    .bind(t.scope)
    .bind(t.hash)
    .bind(t.prefix)
    .bind(t.by)
    .bind(t.owner)
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn find_active_by_hash(ex: impl Executor, hash: &str) -> Result<Option<TokenRow>, DbError> {
    // A personal token stops working when its owner's account is disabled.
    query(format!("{SELECT} WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (u.id IS NULL OR NOT u.disabled)"))
        .bind(hash)
        .fetch_optional(ex)
        .await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<TokenRow>, DbError> {
    query(format!("{SELECT} WHERE t.id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn list(ex: impl Executor) -> Result<Vec<TokenRow>, DbError> {
    query(format!("{SELECT} ORDER BY t.id DESC LIMIT 500")).fetch_all(ex).await
}

/// One person's own tokens.
pub async fn list_personal(ex: impl Executor, user_id: i64) -> Result<Vec<TokenRow>, DbError> {
    query(format!("{SELECT} WHERE t.user_id = $1 ORDER BY t.id DESC LIMIT 100")).bind(user_id).fetch_all(ex).await
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

/// Revokes every personal token of a person (after a password change or reset).
pub async fn revoke_all_personal(tx: &mut Tx, user_id: i64, now: Timestamp) -> Result<u64, DbError> {
    query("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user_id)
        .bind(now.0)
        .execute(tx)
        .await
}
