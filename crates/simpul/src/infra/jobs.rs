//! The job queue: rows in `jobs`, claimed with a lease so several nodes can share it and a
//! crash only delays a job. Mail is the first kind; later capabilities add theirs.

use serde::{Deserialize, Serialize};

use super::db::{Db, DbError, Tx, query};
use crate::{
    app::App,
    domain::{text::redact_emails, time::Timestamp},
    infra::mail::Mail,
};

/// A unit of background work.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    SendMail(Mail),
    /// Publish a scheduled article if it is still scheduled.
    PublishArticle {
        article_id: i64,
    },
    /// The day-before reminder of a training session.
    TrainingReminder {
        session_id: i64,
        /// The start it reminds of: a session moved since has its own reminder.
        #[serde(default)]
        starts_at: Option<i64>,
    },
    /// A message to a tipster on the chat channel they used (`whatsapp`, `telegram`).
    SendChat {
        channel: String,
        to: String,
        text: String,
        /// The variables of the WhatsApp template, when the message may be sent as one (a
        /// verdict, possibly more than 24 hours after the tipster wrote).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        template: Option<Vec<String>>,
    },
}

impl Job {
    fn kind(&self) -> &'static str {
        match self {
            Job::SendMail(_) => "send_mail",
            Job::PublishArticle { .. } => "publish_article",
            Job::SendChat { .. } => "send_chat",
            Job::TrainingReminder { .. } => "training_reminder",
        }
    }
}

/// Job workers per node: jobs are mostly waiting on the network (mail, chat APIs).
pub const WORKERS: usize = 4;

/// How long a claimed job is reserved before another worker may retry it.
const LEASE_MINUTES: i64 = 5;
const MAX_ATTEMPTS: i64 = 8;

/// Queues a job inside the caller's transaction, so it exists exactly when the change does.
pub async fn enqueue(tx: &mut Tx, now: Timestamp, job: &Job) -> Result<(), DbError> {
    enqueue_at(tx, now, now, job).await
}

/// Queues a job to run at `run_at` (e.g. a scheduled publication).
pub async fn enqueue_at(tx: &mut Tx, now: Timestamp, run_at: Timestamp, job: &Job) -> Result<(), DbError> {
    let payload = serde_json::to_string(job).expect("jobs serialise");
    query("INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4)")
        .bind(job.kind())
        .bind(payload)
        .bind(run_at.0)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Claimed {
    id: i64,
    payload: String,
    attempts: i64,
}

/// Claims one due job, or `None`. The conditional UPDATE makes the claim atomic on both engines.
async fn claim(db: &Db, now: Timestamp) -> Result<Option<Claimed>, DbError> {
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
        "UPDATE jobs SET locked_until = $2, attempts = attempts + 1 WHERE id = $1 AND done_at IS NULL
         AND (locked_until IS NULL OR locked_until < $3) RETURNING id, payload, attempts",
    )
    .bind(id)
    .bind(now.plus_minutes(LEASE_MINUTES).0)
    .bind(now.0)
    .fetch_optional(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// Runs every due job once; returns how many ran. Failed jobs retry with back-off.
pub async fn run_due(app: &App) -> anyhow::Result<usize> {
    let mut n = 0;
    while let Some(job) = claim(&app.db, app.clock.now()).await? {
        n += 1;
        let result = match serde_json::from_str::<Job>(&job.payload) {
            Ok(j) => perform(app, j).await,
            Err(e) => Err(anyhow::anyhow!("unreadable job payload: {e}")),
        };
        let now = app.clock.now();
        let mut tx = app.db.begin().await?;
        match result {
            Ok(()) => {
                query("UPDATE jobs SET done_at = $2, locked_until = NULL, payload = '{}' WHERE id = $1")
                    .bind(job.id)
                    .bind(now.0)
                    .execute(&mut tx)
                    .await?;
            }
            Err(e) => {
                // Mail servers' refusals repeat addresses: keep them out of logs and the table.
                let error = redact_emails(&format!("{e:#}")).chars().take(500).collect::<String>();
                if job.attempts >= MAX_ATTEMPTS {
                    tracing::error!(job_id = job.id, error = %error, "job failed for good after {MAX_ATTEMPTS} attempts");
                } else {
                    tracing::warn!(job_id = job.id, attempts = job.attempts, error = %error, "job failed; will retry");
                }
                let retry = now.plus_minutes(2_i64.pow(job.attempts.min(10) as u32));
                query("UPDATE jobs SET last_error = $2, locked_until = NULL, run_at = $3 WHERE id = $1")
                    .bind(job.id)
                    .bind(error)
                    .bind(retry.0)
                    .execute(&mut tx)
                    .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(n)
}

async fn perform(app: &App, job: Job) -> anyhow::Result<()> {
    match job {
        Job::SendMail(m) => app.mailer.send(&m, app.clock.now()).await,
        // Jobs are the application's background work, so they call into its capabilities.
        Job::PublishArticle { article_id } => {
            crate::features::news::service::publish_scheduled(app, article_id).await.map_err(|e| anyhow::anyhow!("{e}"))
        }
        Job::TrainingReminder { session_id, starts_at } => {
            crate::features::training::service::remind(app, session_id, starts_at)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))
        }
        Job::SendChat { channel, to, text, template } => {
            crate::features::factcheck::chat::send(app, &channel, &to, &text, template.as_deref()).await
        }
    }
}

/// The background worker: polls for due jobs until the process stops, and wakes at once when
/// this node queued one (`App::wake_jobs`), so a chat reply leaves within milliseconds.
pub async fn worker(app: std::sync::Arc<App>) {
    loop {
        if let Err(e) = run_due(&app).await {
            tracing::error!(error = %e, "job worker");
        }
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(2)) => {}
            _ = app.jobs_queued.notified() => {}
        }
    }
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
