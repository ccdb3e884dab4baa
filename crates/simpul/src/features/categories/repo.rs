//! SQL for news categories.

use simpul_text::sort_key;

use crate::{
    domain::{category::CategoryInput, time::Timestamp},
    infra::db::{DbError, Executor, Tx, query},
};

/// A news category (its schema is named apart from the aspirations' categories).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
#[schema(as = NewsCategory)]
pub struct CategoryRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
}

const COLS: &str = "id, slug, name, description";

pub async fn list(ex: impl Executor) -> Result<Vec<CategoryRow>, DbError> {
    query(format!("SELECT {COLS} FROM categories ORDER BY name_key, id")).fetch_all(ex).await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<CategoryRow>, DbError> {
    query(format!("SELECT {COLS} FROM categories WHERE id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn find_by_slug(ex: impl Executor, slug: &str) -> Result<Option<CategoryRow>, DbError> {
    query(format!("SELECT {COLS} FROM categories WHERE slug = $1")).bind(slug).fetch_optional(ex).await
}

pub async fn name_taken(ex: impl Executor, name: &str, except_id: i64) -> Result<bool, DbError> {
    Ok(query("SELECT COUNT(*) FROM categories WHERE name_key = $1 AND id <> $2")
        .bind(sort_key(name))
        .bind(except_id)
        .scalar::<i64>(ex)
        .await?
        > 0)
}

pub async fn insert(tx: &mut Tx, slug: &str, c: &CategoryInput, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO categories (slug, name, name_key, description, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(slug)
    .bind(c.name.as_str())
    .bind(sort_key(&c.name))
    .bind(c.description.clone())
    .bind(now.0)
    .scalar(tx)
    .await
}

/// Renames a category; its slug (and so its address) stays.
pub async fn update(tx: &mut Tx, id: i64, c: &CategoryInput, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE categories SET name = $2, name_key = $3, description = $4, updated_at = $5 WHERE id = $1")
        .bind(id)
        .bind(c.name.as_str())
        .bind(sort_key(&c.name))
        .bind(c.description.clone())
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    query("DELETE FROM categories WHERE id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// The category whose name sorts as `name_key` (see `simpul_text::sort_key`).
pub async fn id_by_name_key(ex: impl Executor, name_key: &str) -> Result<Option<i64>, DbError> {
    query("SELECT id FROM categories WHERE name_key = $1").bind(name_key).scalar_optional(ex).await
}
