//! SQL for site settings (name → value).

use crate::{
    domain::time::Timestamp,
    infra::db::{DbError, Executor, Tx, query},
};

pub async fn all(ex: impl Executor) -> Result<Vec<(String, String)>, DbError> {
    query("SELECT name, value FROM site_settings ORDER BY name").fetch_all(ex).await
}

pub async fn set(tx: &mut Tx, name: &str, value: &str, now: Timestamp) -> Result<(), DbError> {
    query(
        "INSERT INTO site_settings (name, value, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(name)
    .bind(value)
    .bind(now)
    .execute(tx)
    .await
    .map(|_| ())
}

pub async fn remove(tx: &mut Tx, name: &str) -> Result<(), DbError> {
    query("DELETE FROM site_settings WHERE name = $1").bind(name).execute(tx).await.map(|_| ())
}
