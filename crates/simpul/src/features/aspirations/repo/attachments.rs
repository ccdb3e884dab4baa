//! A report's files: photos (re-encoded) and PDFs, public or hidden.

use crate::{
    domain::{
        ids::{AspirationId, AttachmentId},
        time::Timestamp,
    },
    infra::db::{DbError, Executor, Tx, query},
};

/// A stored file.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: AttachmentId,
    pub aspiration_id: AspirationId,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub hidden: bool,
}

pub async fn insert_attachment(
    tx: &mut Tx,
    id: AspirationId,
    event_id: i64,
    f: &super::super::files::Stored,
    now: Timestamp,
) -> Result<AttachmentId, DbError> {
    query(
        "INSERT INTO aspiration_attachments (aspiration_id, event_id, storage_key, file_name, content_type, size_bytes,
         created_at, hidden) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(id)
    .bind(event_id)
    .bind(f.key.as_str())
    .bind(f.file_name.as_str())
    .bind(f.content_type)
    .bind(f.size as i64)
    .bind(now)
    // Documents keep their own metadata (authors, software): not public until the coordinator
    // has looked. Photos are re-encoded and may be public at once.
    .bind(f.content_type == "application/pdf")
    .scalar(tx)
    .await
    .map(AttachmentId)
}

pub async fn attachments(ex: impl Executor, id: AspirationId) -> Result<Vec<AttachmentRow>, DbError> {
    query(
        "SELECT id, aspiration_id, storage_key, file_name, content_type, hidden
         FROM aspiration_attachments WHERE aspiration_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(ex)
    .await
}

pub async fn attachment(ex: impl Executor, attachment_id: AttachmentId) -> Result<Option<AttachmentRow>, DbError> {
    query(
        "SELECT id, aspiration_id, storage_key, file_name, content_type, hidden
         FROM aspiration_attachments WHERE id = $1",
    )
    .bind(attachment_id)
    .fetch_optional(ex)
    .await
}

pub async fn set_attachment_hidden(tx: &mut Tx, attachment_id: AttachmentId, hidden: bool) -> Result<(), DbError> {
    query("UPDATE aspiration_attachments SET hidden = $2 WHERE id = $1")
        .bind(attachment_id)
        .bind(hidden)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Every stored attachment's key (for the sweep of files left by an interrupted submission).
pub async fn attachment_keys(ex: impl Executor) -> Result<Vec<String>, DbError> {
    query("SELECT storage_key FROM aspiration_attachments").scalars(ex).await
}
