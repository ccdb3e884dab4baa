//! SQL for people and their roles.

use crate::{
    domain::{
        access::{Grant, Role, Scope},
        time::Timestamp,
    },
    infra::db::{DbError, Executor, Tx, like_pattern, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GrantRow {
    pub id: i64,
    pub user_id: i64,
    pub role: String,
    pub kim_id: Option<i64>,
    pub opd_id: Option<i64>,
    pub scope_key: String,
    /// Name of the KIM or OPD the role is scoped to.
    pub unit_name: Option<String>,
}

impl GrantRow {
    pub fn grant(&self) -> Option<Grant> {
        Some(Grant {
            role: Role::parse(&self.role)?,
            scope: Scope::from_parts(&self.scope_key, self.kim_id, self.opd_id),
        })
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
    pub role: String,
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
