//! The job queue: rows in `jobs`, claimed with a lease so several nodes can share it and a
//! crash only delays a job. A job is a payload type that names its kind ([`Job`]); the
//! capability that defines it registers how to run it (`crate::registry`), and the worker looks
//! the kind up there. This module only stores, claims and settles rows.

use serde::{Serialize, de::DeserializeOwned};

use super::db::{Db, DbError, Tx, query};
use crate::domain::{text::redact_emails, time::Timestamp};

/// A unit of background work: a payload stored as JSON under its kind.
pub trait Job: Serialize + DeserializeOwned + Send + 'static {
    /// The kind stored with the row. Queued rows outlive a deployment, so a kind is never
    /// renamed once released.
    const KIND: &'static str;
}

/// Attempts before a job is given up (kept for `KEEP_DAYS` for support questions).
pub const MAX_ATTEMPTS: i64 = 8;

/// Queues a job inside the caller's transaction, so it exists exactly when the change does.
pub async fn enqueue<J: Job>(tx: &mut Tx, now: Timestamp, job: &J) -> Result<(), DbError> {
    enqueue_at(tx, now, now, job).await
}

/// Queues a job to run at `run_at` (e.g. a scheduled publication).
pub async fn enqueue_at<J: Job>(tx: &mut Tx, now: Timestamp, run_at: Timestamp, job: &J) -> Result<(), DbError> {
    // The kind is also kept inside the payload, as nodes of earlier releases read it from there
    // (a rolling upgrade has both kinds of node on one queue).
    let mut payload = serde_json::to_value(job).expect("jobs serialise");
    if let Some(fields) = payload.as_object_mut() {
        fields.insert("kind".into(), J::KIND.into());
        // Names this job's effect, so a run repeated after a crash (the lease lapsed after the
        // effect, before `complete`) repeats it idempotently: see [`Keyed`].
        fields.insert(KEY_FIELD.into(), format!("{}-{}", now.0, crate::infra::crypto::random_token(9)).into());
    }
    let payload = payload.to_string();
    query("INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4)")
        .bind(J::KIND)
        .bind(payload)
        .bind(run_at.0)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

const KEY_FIELD: &str = "job_key";

/// A job's payload with the key it was queued under (`None` for jobs queued by releases
/// before keys existed). A runner whose effect leaves the system (a mail) uses the key to
/// make a repeated run harmless.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct Keyed<J> {
    #[serde(flatten)]
    pub job: J,
    #[serde(default)]
    pub job_key: Option<String>,
}

impl<J: Job> Job for Keyed<J> {
    const KIND: &'static str = J::KIND;
}

/// A job this worker holds the lease on.
#[derive(Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

/// This process as named in `jobs.locked_by`: host name and process id.
pub fn node_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let host = host.trim();
    format!("{}:{}", if host.is_empty() { "node" } else { host }, std::process::id())
}

/// Claims one due job for `lease_ms` (then another worker may retry it) on behalf of `node`,
/// or `None`. The conditional UPDATE makes the claim atomic on both engines.
pub async fn claim(db: &Db, now: Timestamp, lease_ms: i64, node: &str) -> Result<Option<Claimed>, DbError> {
    let mut tx = db.begin().await?;
    let candidate: Option<i64> = query(
        "SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
         AND attempts < $2 ORDER BY run_at, id LIMIT 1",
    )
    .bind(now.0)
    .bind(MAX_ATTEMPTS)
    .scalar_optional(&mut tx)
    .await?;
    let Some(id) = candidate else { return Ok(None) };
    let row: Option<Claimed> = query(
        "UPDATE jobs SET locked_until = $2, attempts = attempts + 1, locked_by = $4 WHERE id = $1 AND done_at IS NULL
         AND (locked_until IS NULL OR locked_until < $3) RETURNING id, kind, payload, attempts",
    )
    .bind(id)
    .bind(now.0 + lease_ms)
    .bind(now.0)
    .bind(node)
    .fetch_optional(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// The queue as monitoring sees it.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct QueueStats {
    /// Due and not done (running or waiting for a worker).
    pub due: i64,
    /// Given up after [`MAX_ATTEMPTS`] and not yet purged.
    pub failed: i64,
    /// When the oldest due job was due (ms), if any.
    pub oldest_due_at: Option<i64>,
}

pub async fn stats(db: &Db, now: Timestamp) -> Result<QueueStats, DbError> {
    query(
        "SELECT COALESCE(SUM(CASE WHEN attempts < $2 AND run_at <= $1 THEN 1 ELSE 0 END), 0) AS due,
                COALESCE(SUM(CASE WHEN attempts >= $2 THEN 1 ELSE 0 END), 0) AS failed,
                MIN(CASE WHEN attempts < $2 AND run_at <= $1 THEN run_at END) AS oldest_due_at
         FROM jobs WHERE done_at IS NULL",
    )
    .bind(now.0)
    .bind(MAX_ATTEMPTS)
    .fetch_one(db)
    .await
}

/// Marks a job done; its payload (mail bodies with names and links) is dropped at once.
pub async fn complete(db: &Db, job: &Claimed, now: Timestamp) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    query("UPDATE jobs SET done_at = $2, locked_until = NULL, payload = '{}' WHERE id = $1")
        .bind(job.id)
        .bind(now.0)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

/// Records a failed attempt; the job runs again after a back-off that doubles each time.
pub async fn fail(db: &Db, job: &Claimed, error: &anyhow::Error, now: Timestamp) -> Result<(), DbError> {
    // Mail servers' refusals repeat addresses: keep them out of logs and the table.
    let error = redact_emails(&format!("{error:#}")).chars().take(500).collect::<String>();
    if job.attempts >= MAX_ATTEMPTS {
        tracing::error!(job_id = job.id, kind = %job.kind, error = %error, "job failed for good after {MAX_ATTEMPTS} attempts");
    } else {
        tracing::warn!(job_id = job.id, kind = %job.kind, attempts = job.attempts, error = %error, "job failed; will retry");
    }
    let retry = now.plus_minutes(2_i64.pow(job.attempts.min(10) as u32));
    let mut tx = db.begin().await?;
    query("UPDATE jobs SET last_error = $2, locked_until = NULL, run_at = $3 WHERE id = $1")
        .bind(job.id)
        .bind(error)
        .bind(retry.0)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

/// Deletes finished jobs, and jobs that gave up after every retry, older than `before`: their
/// payloads (mail bodies with names and links) are not kept longer than needed.
pub async fn purge_done(tx: &mut Tx, before: Timestamp) -> Result<u64, DbError> {
    query("DELETE FROM jobs WHERE (done_at IS NOT NULL AND done_at < $1) OR (attempts >= $2 AND created_at < $1)")
        .bind(before.0)
        .bind(MAX_ATTEMPTS)
        .execute(tx)
        .await
}
