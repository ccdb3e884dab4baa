//! SQL for KIM groups.

use simpul_text::sort_key;

use crate::{
    domain::{
        kim::{KimInput, KimLevel},
        time::Timestamp,
    },
    infra::db::{DbError, Executor, Tx, like_pattern, query},
};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct KimRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub level: KimLevel,
    pub region_id: i64,
    pub region_name: String,
    pub sk_number: Option<String>,
    pub sk_date: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub youtube: Option<String>,
    pub tiktok: Option<String>,
    pub ketua: Option<String>,
    pub sekretaris: Option<String>,
    pub bendahara: Option<String>,
}

const COLS: &str =
    "k.id, k.slug, k.name, k.level, k.region_id, r.name AS region_name, k.sk_number, k.sk_date, k.address, k.phone,
    k.email, k.website, k.facebook, k.instagram, k.youtube, k.tiktok, k.ketua, k.sekretaris, k.bendahara";

pub async fn find_by_slug(ex: impl Executor, slug: &str) -> Result<Option<KimRow>, DbError> {
    query(format!("SELECT {COLS} FROM kim_groups k JOIN regions r ON r.id = k.region_id WHERE k.slug = $1"))
        .bind(slug)
        .fetch_optional(ex)
        .await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<KimRow>, DbError> {
    query(format!("SELECT {COLS} FROM kim_groups k JOIN regions r ON r.id = k.region_id WHERE k.id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// A row of the directory.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct KimListRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// `kelurahan`, `kecamatan` or `kota`.
    pub level: KimLevel,
    pub region_name: String,
    /// The kecamatan (for a kelurahan-level group) or kota the region belongs to.
    pub parent_region_name: Option<String>,
    pub members: i64,
}

/// The directory, filtered by name text and kecamatan, ordered by name.
pub async fn list(
    ex: impl Executor,
    q: &str,
    kecamatan_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<Vec<KimListRow>, DbError> {
    let pattern = like_pattern(&sort_key(q), false);
    query(
        "SELECT k.id, k.slug, k.name, k.level, r.name AS region_name, p.name AS parent_region_name,
                (SELECT COUNT(DISTINCT ur.user_id) FROM user_roles ur JOIN users u ON u.id = ur.user_id
                  WHERE ur.kim_id = k.id AND u.disabled = FALSE) AS members
         FROM kim_groups k JOIN regions r ON r.id = k.region_id LEFT JOIN regions p ON p.id = r.parent_id
         WHERE k.name_key LIKE $1 ESCAPE '\\' AND ($2 IS NULL OR r.id = $2 OR r.parent_id = $2)
         ORDER BY k.name_key, k.id LIMIT $3 OFFSET $4",
    )
    .bind(pattern)
    .bind(kecamatan_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(ex)
    .await
}

pub async fn latest(ex: impl Executor, n: i64) -> Result<Vec<KimListRow>, DbError> {
    query(
        "SELECT k.id, k.slug, k.name, k.level, r.name AS region_name, p.name AS parent_region_name, CAST(0 AS BIGINT) AS members
         FROM kim_groups k JOIN regions r ON r.id = k.region_id LEFT JOIN regions p ON p.id = r.parent_id
         ORDER BY k.created_at DESC, k.id DESC LIMIT $1",
    )
    .bind(n)
    .fetch_all(ex)
    .await
}

pub async fn count(ex: impl Executor) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM kim_groups").scalar(ex).await
}

pub async fn insert(tx: &mut Tx, slug: &str, k: &KimInput, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO kim_groups (slug, name, level, region_id, sk_number, sk_date, address, phone, email, website, facebook,
            instagram, youtube, tiktok, ketua, sekretaris, bendahara, created_at, updated_at, name_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19) RETURNING id",
    )
    .bind(slug)
    .bind(k.name.as_str())
    .bind(k.level.as_str())
    .bind(k.region_id)
    .bind(k.sk_number.clone())
    .bind(k.sk_date.clone())
    .bind(k.address.clone())
    .bind(k.phone.clone())
    .bind(k.email.clone())
    .bind(k.website.clone())
    .bind(k.facebook.clone())
    .bind(k.instagram.clone())
    .bind(k.youtube.clone())
    .bind(k.tiktok.clone())
    .bind(k.ketua.clone())
    .bind(k.sekretaris.clone())
    .bind(k.bendahara.clone())
    .bind(now.0)
    .bind(sort_key(&k.name))
    .scalar(tx)
    .await
}

/// Updates a group; its slug stays, so links keep working.
pub async fn update(tx: &mut Tx, id: i64, k: &KimInput, now: Timestamp) -> Result<(), DbError> {
    query(
        "UPDATE kim_groups SET name = $2, level = $3, region_id = $4, sk_number = $5, sk_date = $6, address = $7, phone = $8,
            email = $9, website = $10, facebook = $11, instagram = $12, youtube = $13, tiktok = $14, ketua = $15,
            sekretaris = $16, bendahara = $17, updated_at = $18, name_key = $19 WHERE id = $1",
    )
    .bind(id)
    .bind(k.name.as_str())
    .bind(k.level.as_str())
    .bind(k.region_id)
    .bind(k.sk_number.clone())
    .bind(k.sk_date.clone())
    .bind(k.address.clone())
    .bind(k.phone.clone())
    .bind(k.email.clone())
    .bind(k.website.clone())
    .bind(k.facebook.clone())
    .bind(k.instagram.clone())
    .bind(k.youtube.clone())
    .bind(k.tiktok.clone())
    .bind(k.ketua.clone())
    .bind(k.sekretaris.clone())
    .bind(k.bendahara.clone())
    .bind(now.0)
    .bind(sort_key(&k.name))
    .execute(tx)
    .await?;
    Ok(())
}

/// Role grants in the group, including those of disabled people (a group with any is not
/// deleted, so no role disappears without its own audit entry).
pub async fn grant_count(ex: impl Executor, id: i64) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM user_roles WHERE kim_id = $1").bind(id).scalar(ex).await
}

/// Enabled people holding a role in the group (what the public page shows).
pub async fn member_count(ex: impl Executor, id: i64) -> Result<i64, DbError> {
    query(
        "SELECT COUNT(DISTINCT r.user_id) FROM user_roles r JOIN users u ON u.id = r.user_id
         WHERE r.kim_id = $1 AND u.disabled = FALSE",
    )
    .bind(id)
    .scalar(ex)
    .await
}

pub async fn delete(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    query("DELETE FROM kim_groups WHERE id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// Every group's address, oldest group first (for the sitemap).
pub async fn slugs(ex: impl Executor) -> Result<Vec<String>, DbError> {
    query("SELECT slug FROM kim_groups ORDER BY id").scalars(ex).await
}
