//! Counters shared by every node: fixed time windows per key in the database, read as a
//! sliding window (the current window's hits plus the previous window's, weighted by how much
//! of it still overlaps). Rate limits use them when several nodes serve one deployment, so a
//! client cannot multiply its allowance by the number of nodes behind the balancer.
//!
//! Keys are hashed before they are stored, so the table does not list addresses or accounts in
//! the clear (a hash of an address can still be matched by trying addresses; rows last a day).

use crate::{
    domain::time::Timestamp,
    infra::{
        crypto,
        db::{Db, DbError, Tx, query},
    },
};

/// Counts one hit for `key` in windows of `window_ms`; returns the hits in the sliding window
/// that ends now, this one included.
pub async fn hit(db: &Db, key: &str, window_ms: i64, now: Timestamp) -> Result<f64, DbError> {
    let bucket = crypto::sha256_hex(key);
    let window = window_ms.max(1);
    let start = now.0 - now.0.rem_euclid(window);
    let current: i64 = query(
        "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1 RETURNING hits",
    )
    .bind(&bucket)
    .bind(start)
    .scalar(db)
    .await?;
    let previous: Option<i64> = query("SELECT hits FROM rate_counters WHERE bucket = $1 AND window_start = $2")
        .bind(&bucket)
        .bind(start - window)
        .scalar_optional(db)
        .await?;
    let overlap = 1.0 - (now.0 - start) as f64 / window as f64;
    Ok(current as f64 + previous.unwrap_or(0) as f64 * overlap)
}

/// Forgets windows that ended before `before`.
pub async fn purge(tx: &mut Tx, before: Timestamp) -> Result<u64, DbError> {
    query("DELETE FROM rate_counters WHERE window_start < $1").bind(before.0).execute(tx).await
}
