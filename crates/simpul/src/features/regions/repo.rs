//! SQL for regions.

use crate::{
    domain::{region::RegionLevel, time::Timestamp},
    infra::db::{DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct RegionRow {
    pub id: i64,
    /// `kota`, `kecamatan` or `kelurahan`.
    #[schema(value_type = String)]
    pub level: RegionLevel,
    pub name: String,
    pub slug: String,
    pub parent_id: Option<i64>,
    pub code: Option<String>,
}

const COLS: &str = "id, level, name, slug, parent_id, code";

/// Inserts a region unless one with the same path exists; returns its id and whether it is new.
pub async fn upsert(
    tx: &mut Tx,
    level: &str,
    name: &str,
    slug: &str,
    path_key: &str,
    parent_id: Option<i64>,
    now: Timestamp,
) -> Result<(i64, bool), DbError> {
    let inserted: Option<i64> = query(
        "INSERT INTO regions (level, name, slug, path_key, parent_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (path_key) DO NOTHING RETURNING id",
    )
    .bind(level)
    .bind(name)
    .bind(slug)
    .bind(path_key)
    .bind(parent_id)
    .bind(now.0)
    .scalar_optional(&mut *tx)
    .await?;
    match inserted {
        Some(id) => Ok((id, true)),
        None => Ok((query("SELECT id FROM regions WHERE path_key = $1").bind(path_key).scalar(tx).await?, false)),
    }
}

pub async fn list(ex: impl Executor, level: Option<&str>, parent_id: Option<i64>) -> Result<Vec<RegionRow>, DbError> {
    query(format!(
        "SELECT {COLS} FROM regions WHERE ($1 IS NULL OR level = $1) AND ($2 IS NULL OR parent_id = $2) ORDER BY level, name"
    ))
    .bind(level)
    .bind(parent_id)
    .fetch_all(ex)
    .await
}

/// The first region of `level` called `name` (names repeat across levels: Cibeber is both a
/// kecamatan and a kelurahan).
pub async fn find_by_name(ex: impl Executor, level: &str, name: &str) -> Result<Option<RegionRow>, DbError> {
    query(format!("SELECT {COLS} FROM regions WHERE level = $1 AND name = $2 ORDER BY id LIMIT 1"))
        .bind(level)
        .bind(name)
        .fetch_optional(ex)
        .await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<RegionRow>, DbError> {
    query(format!("SELECT {COLS} FROM regions WHERE id = $1")).bind(id).fetch_optional(ex).await
}

/// A region with its ancestors' names, for choosers ("Bulakan — Cibeber").
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegionChoice {
    pub id: i64,
    pub level: RegionLevel,
    pub label: String,
}

pub async fn choices(ex: impl Executor) -> Result<Vec<RegionChoice>, DbError> {
    query(
        "SELECT r.id, r.level, CASE WHEN p.name IS NULL THEN r.name ELSE r.name || ' — ' || p.name END AS label
         FROM regions r LEFT JOIN regions p ON p.id = r.parent_id
         ORDER BY CASE r.level WHEN 'kota' THEN 0 WHEN 'kecamatan' THEN 1 ELSE 2 END, p.name, r.name",
    )
    .fetch_all(ex)
    .await
}

pub async fn set_code(tx: &mut Tx, id: i64, code: Option<&str>) -> Result<(), DbError> {
    query("UPDATE regions SET code = $2 WHERE id = $1").bind(id).bind(code).execute(tx).await?;
    Ok(())
}

pub async fn code_taken(ex: impl Executor, code: &str, except_id: i64) -> Result<bool, DbError> {
    Ok(query("SELECT COUNT(*) FROM regions WHERE code = $1 AND id <> $2")
        .bind(code)
        .bind(except_id)
        .scalar::<i64>(ex)
        .await?
        > 0)
}

/// Every region in tree order (kota, then each kecamatan followed by its kelurahan).
pub async fn tree(ex: impl Executor) -> Result<Vec<RegionRow>, DbError> {
    query(
        "SELECT r.id, r.level, r.name, r.slug, r.parent_id, r.code FROM regions r
         LEFT JOIN regions p ON p.id = r.parent_id
         LEFT JOIN regions g ON g.id = p.parent_id
         ORDER BY COALESCE(g.name, p.name, r.name),
                  CASE r.level WHEN 'kota' THEN '' WHEN 'kecamatan' THEN r.name ELSE p.name END,
                  CASE r.level WHEN 'kelurahan' THEN r.name ELSE '' END",
    )
    .fetch_all(ex)
    .await
}

pub async fn count(ex: impl Executor) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM regions").scalar(ex).await
}
