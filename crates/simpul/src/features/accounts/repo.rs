//! SQL for accounts: users, their roles, sessions, one-time links and login attempts.

use crate::{
    domain::{
        access::{Grant, Role, Scope},
        time::Timestamp,
    },
    infra::db::{DbError, Executor, Tx, like_pattern, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub password_hash: Option<String>,
    pub email_verified_at: Option<i64>,
    pub disabled: bool,
}

const USER_COLS: &str = "id, name, email, password_hash, email_verified_at, disabled";

pub async fn find_user_by_email(ex: impl Executor, email: &str) -> Result<Option<UserRow>, DbError> {
    query(format!("SELECT {USER_COLS} FROM users WHERE email = $1")).bind(email).fetch_optional(ex).await
}

pub async fn find_user(ex: impl Executor, id: i64) -> Result<Option<UserRow>, DbError> {
    query(format!("SELECT {USER_COLS} FROM users WHERE id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn insert_user(
    tx: &mut Tx,
    name: &str,
    email: &str,
    password_hash: Option<&str>,
    verified_at: Option<Timestamp>,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO users (name, email, password_hash, email_verified_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(name)
    .bind(email)
    .bind(password_hash)
    .bind(verified_at.map(|t| t.0))
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn set_password(tx: &mut Tx, user_id: i64, hash: &str, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(user_id)
        .bind(hash)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn mark_verified(tx: &mut Tx, user_id: i64, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE users SET email_verified_at = $2, updated_at = $2 WHERE id = $1 AND email_verified_at IS NULL")
        .bind(user_id)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn count_users(ex: impl Executor) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM users").scalar(ex).await
}

/// Locks the rows of every administrator until the transaction ends (on PostgreSQL a row lock;
/// SQLite has a single writer anyway), so two admins removing each other at the same moment
/// are serialised and the "last administrator" check sees the other's change.
pub async fn lock_admins(tx: &mut Tx) -> Result<(), DbError> {
    query("UPDATE users SET updated_at = updated_at WHERE id IN (SELECT user_id FROM user_roles WHERE role = $1)")
        .bind(Role::Admin)
        .execute(tx)
        .await?;
    Ok(())
}

/// Enabled administrators.
pub async fn count_admins(ex: impl Executor) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = $1 AND u.disabled = FALSE")
        .bind(Role::Admin)
        .scalar(ex)
        .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub csrf_token: String,
}

pub async fn insert_session(
    tx: &mut Tx,
    id_hash: &str,
    user_id: i64,
    csrf: &str,
    now: Timestamp,
    expires: Timestamp,
) -> Result<(), DbError> {
    query("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id_hash)
        .bind(user_id)
        .bind(csrf)
        .bind(now.0)
        .bind(expires.0)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn find_session(ex: impl Executor, id_hash: &str, now: Timestamp) -> Result<Option<SessionRow>, DbError> {
    query(
        "SELECT s.user_id, u.name, u.email, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE",
    )
    .bind(id_hash)
    .bind(now.0)
    .fetch_optional(ex)
    .await
}

pub async fn delete_session(tx: &mut Tx, id_hash: &str) -> Result<(), DbError> {
    query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(tx).await?;
    Ok(())
}

/// Ends every session of a user except `keep` (after a password change or reset).
pub async fn delete_other_sessions(tx: &mut Tx, user_id: i64, keep: &str) -> Result<(), DbError> {
    query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2").bind(user_id).bind(keep).execute(tx).await?;
    Ok(())
}

pub async fn insert_link(
    tx: &mut Tx,
    hash: &str,
    purpose: &str,
    user_id: Option<i64>,
    now: Timestamp,
    expires: Timestamp,
) -> Result<(), DbError> {
    query("INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(hash)
        .bind(purpose)
        .bind(user_id)
        .bind(now.0)
        .bind(expires.0)
        .execute(tx)
        .await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct LinkRow {
    pub user_id: Option<i64>,
}

/// Whether a link is valid, without using it (to show its form).
pub async fn peek_link(
    ex: impl Executor,
    hash: &str,
    purpose: &str,
    now: Timestamp,
) -> Result<Option<LinkRow>, DbError> {
    query("SELECT id, user_id FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
        .bind(hash)
        .bind(purpose)
        .bind(now.0)
        .fetch_optional(ex)
        .await
}

/// Uses a link: succeeds once, only before it expires.
pub async fn take_link(tx: &mut Tx, hash: &str, purpose: &str, now: Timestamp) -> Result<Option<LinkRow>, DbError> {
    query(
        "UPDATE one_time_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING id, user_id",
    )
    .bind(hash)
    .bind(purpose)
    .bind(now.0)
    .fetch_optional(tx)
    .await
}

/// Voids the unused links of one purpose (a new setup or reset link replaces the old ones).
pub async fn void_links(tx: &mut Tx, purpose: &str, user_id: Option<i64>, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE one_time_tokens SET used_at = $3 WHERE purpose = $1 AND used_at IS NULL AND (user_id = $2 OR ($2 IS NULL AND user_id IS NULL))")
        .bind(purpose)
        .bind(user_id)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn record_attempt(tx: &mut Tx, key: &str, now: Timestamp, success: bool) -> Result<(), DbError> {
    query("INSERT INTO login_attempts (account_key, at, success) VALUES ($1, $2, $3)")
        .bind(key)
        .bind(now.0)
        .bind(success)
        .execute(tx)
        .await?;
    Ok(())
}

/// Failed attempts for an account key since `since`, stopping at the last success.
pub async fn failures_since(ex: impl Executor, key: &str, since: Timestamp) -> Result<i64, DbError> {
    query(
        "SELECT COUNT(*) FROM login_attempts WHERE account_key = $1 AND at >= $2 AND success = FALSE
         AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE account_key = $1 AND success = TRUE), 0)",
    )
    .bind(key)
    .bind(since.0)
    .scalar(ex)
    .await
}

/// Deletes expired sessions, spent or expired one-time links, and sign-in attempts older
/// than a day (they only matter for the 15-minute lockout window). Returns rows removed.
pub async fn purge_expired(tx: &mut Tx, now: Timestamp) -> Result<u64, DbError> {
    let mut n = query("DELETE FROM sessions WHERE expires_at <= $1").bind(now.0).execute(&mut *tx).await?;
    n += query("DELETE FROM one_time_tokens WHERE expires_at <= $1 OR used_at IS NOT NULL")
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
    n += query("DELETE FROM login_attempts WHERE at < $1").bind(now.plus_days(-1).0).execute(&mut *tx).await?;
    Ok(n)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GrantRow {
    pub id: i64,
    pub user_id: i64,
    pub role: Role,
    pub kim_id: Option<i64>,
    pub opd_id: Option<i64>,
    pub scope_key: String,
    /// Name of the KIM or OPD the role is scoped to.
    pub unit_name: Option<String>,
}

impl GrantRow {
    pub fn grant(&self) -> Option<Grant> {
        Some(Grant { role: self.role, scope: Scope::from_parts(&self.scope_key, self.kim_id, self.opd_id) })
    }
}

const GRANT_SELECT: &str =
    "SELECT r.id, r.user_id, r.role, r.kim_id, r.opd_id, r.scope_key, COALESCE(k.name, o.name) AS unit_name
     FROM user_roles r LEFT JOIN kim_groups k ON k.id = r.kim_id LEFT JOIN opd o ON o.id = r.opd_id";

pub async fn grants_for(ex: impl Executor, user_id: i64) -> Result<Vec<GrantRow>, DbError> {
    query(format!("{GRANT_SELECT} WHERE r.user_id = $1 ORDER BY r.id")).bind(user_id).fetch_all(ex).await
}

pub async fn find_grant(ex: impl Executor, id: i64) -> Result<Option<GrantRow>, DbError> {
    query(format!("{GRANT_SELECT} WHERE r.id = $1")).bind(id).fetch_optional(ex).await
}

/// Adds a role; `false` when the person already holds it.
pub async fn insert_grant(tx: &mut Tx, user_id: i64, g: Grant, now: Timestamp) -> Result<bool, DbError> {
    let n = query(
        "INSERT INTO user_roles (user_id, role, kim_id, opd_id, scope_key, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, role, scope_key) DO NOTHING",
    )
    .bind(user_id)
    .bind(g.role.as_str())
    .bind(g.scope.kim_id())
    .bind(g.scope.opd_id())
    .bind(g.scope.key())
    .bind(now.0)
    .execute(tx)
    .await?;
    Ok(n == 1)
}

pub async fn delete_grant(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    query("DELETE FROM user_roles WHERE id = $1").bind(id).execute(tx).await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserListRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub disabled: bool,
    pub email_verified_at: Option<i64>,
    pub roles: Option<String>,
}

/// People matching `q` (name or e-mail), newest first, with their role names.
pub async fn list_users(ex: impl Executor, q: &str, limit: i64, offset: i64) -> Result<Vec<UserListRow>, DbError> {
    let pattern = like_pattern(q, false);
    query(
        "SELECT u.id, u.name, u.email, u.disabled, u.email_verified_at,
                (SELECT STRING_AGG(r.role, ', ') FROM user_roles r WHERE r.user_id = u.id) AS roles
         FROM users u WHERE LOWER(u.name) LIKE $1 ESCAPE '\\' OR u.email LIKE $1 ESCAPE '\\' ORDER BY u.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(ex)
    .await
}

pub async fn set_disabled(tx: &mut Tx, id: i64, disabled: bool, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE users SET disabled = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(disabled)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
    if disabled {
        query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(tx).await?;
    }
    Ok(())
}

/// Members of a KIM group (people holding a role scoped to it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub grant_id: i64,
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    /// Disabled people keep their roles (so they return with them) and are listed as such.
    pub disabled: bool,
}

pub async fn kim_members(ex: impl Executor, kim_id: i64) -> Result<Vec<MemberRow>, DbError> {
    query(
        "SELECT r.id AS grant_id, u.id AS user_id, u.name, r.role, u.disabled FROM user_roles r
         JOIN users u ON u.id = r.user_id WHERE r.kim_id = $1 ORDER BY r.role DESC, u.name, r.id",
    )
    .bind(kim_id)
    .fetch_all(ex)
    .await
}
