//! SQL for government units.

use simpul_text::sort_key;

use crate::{
    domain::{opd::OpdInput, time::Timestamp},
    infra::db::{DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct OpdRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// Categories handled, joined with newlines.
    pub categories: Option<String>,
}

const SELECT: &str = "SELECT o.id, o.slug, o.name, o.short_name, o.address, o.phone, o.email, o.website,
    (SELECT STRING_AGG(c.name, '\n' ORDER BY c.id) FROM opd_categories c WHERE c.opd_id = o.id) AS categories FROM opd o";

pub async fn list(ex: impl Executor) -> Result<Vec<OpdRow>, DbError> {
    query(format!("{SELECT} ORDER BY o.name_key, o.id")).fetch_all(ex).await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<OpdRow>, DbError> {
    query(format!("{SELECT} WHERE o.id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn count(ex: impl Executor) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM opd").scalar(ex).await
}

pub async fn insert(tx: &mut Tx, slug: &str, o: &OpdInput, now: Timestamp) -> Result<i64, DbError> {
    let id: i64 = query(
        "INSERT INTO opd (slug, name, short_name, address, phone, email, website, created_at, updated_at, name_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
    )
    .bind(slug)
    .bind(o.name.as_str())
    .bind(o.short_name.as_str())
    .bind(o.address.clone())
    .bind(o.phone.clone())
    .bind(o.email.clone())
    .bind(o.website.clone())
    .bind(now.0)
    .bind(sort_key(&o.name))
    .scalar(&mut *tx)
    .await?;
    replace_categories(tx, id, &o.categories).await?;
    Ok(id)
}

pub async fn update(tx: &mut Tx, id: i64, o: &OpdInput, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE opd SET name = $2, short_name = $3, address = $4, phone = $5, email = $6, website = $7, updated_at = $8, name_key = $9 WHERE id = $1")
        .bind(id)
        .bind(o.name.as_str())
        .bind(o.short_name.as_str())
        .bind(o.address.clone())
        .bind(o.phone.clone())
        .bind(o.email.clone())
        .bind(o.website.clone())
        .bind(now.0)
        .bind(sort_key(&o.name))
        .execute(&mut *tx)
        .await?;
    replace_categories(tx, id, &o.categories).await
}

/// Makes the unit's categories exactly `cats`, keeping the rows (and ids) of names that stay:
/// aspirations refer to them, and Open311 clients know them as service codes.
async fn replace_categories(tx: &mut Tx, id: i64, cats: &[String]) -> Result<(), DbError> {
    let existing: Vec<(i64, String)> =
        query("SELECT id, name FROM opd_categories WHERE opd_id = $1").bind(id).fetch_all(&mut *tx).await?;
    for (cat_id, name) in &existing {
        if !cats.contains(name) {
            query("DELETE FROM opd_categories WHERE id = $1").bind(*cat_id).execute(&mut *tx).await?;
        }
    }
    for c in cats {
        if !existing.iter().any(|(_, n)| n == c) {
            query("INSERT INTO opd_categories (opd_id, name) VALUES ($1, $2)")
                .bind(id)
                .bind(c.as_str())
                .execute(&mut *tx)
                .await?;
        }
    }
    Ok(())
}

/// Officers holding a role in the unit.
pub async fn officer_count(ex: impl Executor, id: i64) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM user_roles WHERE opd_id = $1").bind(id).scalar(ex).await
}

pub async fn delete(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    query("DELETE FROM opd WHERE id = $1").bind(id).execute(tx).await?;
    Ok(())
}
