//! What keeps the reporter in the loop: their private keys, how they want to hear back (e-mail,
//! a linked chat, or not at all), the one-time codes that link a chat, and the reports an
//! account filed or claimed.

use crate::{
    domain::{
        aspiration::Status,
        ids::{AspirationId, UserId},
        time::Timestamp,
    },
    infra::{
        chat::ChatChannel,
        db::{DbError, Executor, Tx, query},
    },
};

/// Adds a private follow-up key (hashed) to a report; every message carries a fresh one.
pub async fn add_key(tx: &mut Tx, id: AspirationId, key_hash: &str, now: Timestamp) -> Result<(), DbError> {
    query("INSERT INTO aspiration_keys (key_hash, aspiration_id, created_at) VALUES ($1, $2, $3)")
        .bind(key_hash)
        .bind(id)
        .bind(now)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Stops e-mail and chat notices for a report (the reporter opted out).
pub async fn stop_notices(tx: &mut Tx, id: AspirationId, now: Timestamp) -> Result<(), DbError> {
    query(
        "UPDATE aspirations SET notify_off = TRUE, chat_channel = NULL, chat_id = NULL, updated_at = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(tx)
    .await
    .map(|_| ())
}

/// Stops chat notices to one chat, for every report it followed; returns how many.
pub async fn stop_chat(tx: &mut Tx, channel: ChatChannel, chat_id: &str, now: Timestamp) -> Result<u64, DbError> {
    query("UPDATE aspirations SET chat_channel = NULL, chat_id = NULL, updated_at = $3 WHERE chat_channel = $1 AND chat_id = $2")
        .bind(channel)
        .bind(chat_id)
        .bind(now)
        .execute(tx)
        .await
}

/// Links a chat to a report (notices go there from now on, and e-mail notices start again).
pub async fn link_chat(
    tx: &mut Tx,
    id: AspirationId,
    channel: ChatChannel,
    chat_id: &str,
    now: Timestamp,
) -> Result<(), DbError> {
    query("UPDATE aspirations SET chat_channel = $2, chat_id = $3, notify_off = FALSE, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(channel)
        .bind(chat_id)
        .bind(now)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Stores a one-time chat code (hashed) for a report.
pub async fn insert_chat_code(
    tx: &mut Tx,
    id: AspirationId,
    code_hash: &str,
    channel: ChatChannel,
    expires_at: Timestamp,
) -> Result<(), DbError> {
    query("INSERT INTO aspiration_chat_codes (code_hash, aspiration_id, channel, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(code_hash)
        .bind(id)
        .bind(channel)
        .bind(expires_at)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Uses a chat code once: the report it links, if the code is known, unused, unexpired and
/// meant for this channel. A second use (a replay, or another chat) finds nothing.
pub async fn use_chat_code(
    tx: &mut Tx,
    code_hash: &str,
    channel: ChatChannel,
    now: Timestamp,
) -> Result<Option<AspirationId>, DbError> {
    query(
        "UPDATE aspiration_chat_codes SET used_at = $3 WHERE code_hash = $1 AND channel = $2 AND used_at IS NULL
         AND expires_at > $3 RETURNING aspiration_id",
    )
    .bind(code_hash)
    .bind(channel)
    .bind(now)
    .scalar_optional(tx)
    .await
    .map(|v: Option<i64>| v.map(AspirationId))
}

/// Forgets chat codes that can no longer be used.
pub async fn prune_chat_codes(ex: impl Executor, now: Timestamp) -> Result<u64, DbError> {
    query("DELETE FROM aspiration_chat_codes WHERE expires_at < $1").bind(now).execute(ex).await
}

/// Ties a report to the account that claims it, unless another account already keeps it;
/// `false` then.
pub async fn set_reporter_user(tx: &mut Tx, id: AspirationId, user: UserId) -> Result<bool, DbError> {
    let n = query(
        "UPDATE aspirations SET reporter_user_id = $2 WHERE id = $1 AND (reporter_user_id IS NULL OR reporter_user_id = $2)",
    )
    .bind(id)
    .bind(user)
    .execute(tx)
    .await?;
    Ok(n == 1)
}

/// A report in an account's "Laporan saya".
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OwnRow {
    pub id: AspirationId,
    pub year: i64,
    pub title: String,
    pub status: Status,
    pub confidential: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl OwnRow {
    /// Anyone may read it (verified, not rejected, not confidential).
    pub fn is_public(&self) -> bool {
        !self.confidential && !matches!(self.status, Status::Baru | Status::Ditolak)
    }
}

/// The reports an account filed or claimed, newest first.
pub async fn list_own(ex: impl Executor, user: UserId, limit: i64) -> Result<Vec<OwnRow>, DbError> {
    query(
        "SELECT id, year, title, status, confidential, created_at, updated_at FROM aspirations WHERE reporter_user_id = $1
         ORDER BY id DESC LIMIT $2",
    )
    .bind(user)
    .bind(limit)
    .fetch_all(ex)
    .await
}
