//! SQL for aspirations. Two row types on purpose: [`AspirationRow`] carries the reporter's
//! identity and is only for the reporter's own page, the staff pages (which blank it when the
//! report is anonymous) and mail jobs; [`PublicRow`] (in `public`) has no column that could
//! identify the reporter, so public pages, feeds and Open311 cannot leak what they never load.
//!
//! `public` is what anyone may list, `staff` the desks' lists, `timeline` the steps of a report,
//! `attachments` its files, `deadlines` what the sweep needs; this file the report itself.

mod attachments;
mod deadlines;
mod public;
mod reporter;
mod staff;
mod timeline;

pub use attachments::*;
pub use deadlines::*;
pub use public::*;
pub use reporter::*;
pub use staff::*;
pub use timeline::*;

use crate::{
    domain::{
        aspiration::{Kind, RejectReason, Source, Status},
        ids::{AspirationId, CategoryId, OpdId, RegionId, UserId},
        time::Timestamp,
    },
    infra::{
        chat::ChatChannel,
        db::{DbError, Executor, Tx, query},
    },
};

/// A report with everything, including who sent it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AspirationRow {
    pub id: AspirationId,
    pub year: i64,
    pub kind: Kind,
    pub status: Status,
    pub title: String,
    pub description: String,
    pub public_title: Option<String>,
    pub public_description: Option<String>,
    pub category_name: String,
    pub region_id: Option<RegionId>,
    /// Empty when not known yet.
    pub kelurahan: String,
    pub kecamatan: Option<String>,
    pub address: Option<String>,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
    pub event_date: Option<String>,
    pub anonymous: bool,
    pub confidential: bool,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub reporter_email: Option<String>,
    pub assisted_by: Option<UserId>,
    pub assistant_name: Option<String>,
    pub opd_id: Option<OpdId>,
    pub opd_name: Option<String>,
    pub due_at: Option<Timestamp>,
    pub due_from: Option<Timestamp>,
    pub duplicate_of: Option<AspirationId>,
    pub reject_reason: Option<RejectReason>,
    pub lapor_number: Option<String>,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    /// The reporter asked for no more notices.
    pub notify_off: bool,
    /// The chat the reporter linked for notices.
    pub chat_channel: Option<ChatChannel>,
    pub chat_id: Option<String>,
    /// The account whose "Laporan saya" lists it.
    pub reporter_user_id: Option<UserId>,
}

const FULL: &str = "SELECT a.id, a.year, a.kind, a.status, a.title, a.description, a.public_title,
    a.public_description, a.category_name, a.region_id, COALESCE(r.name, '') AS kelurahan, k.name AS kecamatan,
    a.address, a.lat_e6, a.lon_e6, a.event_date, a.anonymous, a.confidential, a.reporter_name,
    a.reporter_phone, a.reporter_email, a.assisted_by, u.name AS assistant_name, a.opd_id,
    o.short_name AS opd_name, a.due_at, a.due_from, a.duplicate_of, a.reject_reason, a.lapor_number,
    a.rating, a.rating_comment, a.notify_off, a.chat_channel, a.chat_id,
    a.reporter_user_id
    FROM aspirations a LEFT JOIN regions r ON r.id = a.region_id LEFT JOIN regions k ON k.id = r.parent_id
    LEFT JOIN opd o ON o.id = a.opd_id LEFT JOIN users u ON u.id = a.assisted_by";

/// A new report, validated.
#[derive(Debug, Clone)]
pub struct NewAspiration {
    pub year: i32,
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub category_id: CategoryId,
    pub category_name: String,
    pub region_id: Option<RegionId>,
    pub kecamatan_id: Option<RegionId>,
    pub address: Option<String>,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
    pub event_date: Option<String>,
    pub anonymous: bool,
    pub confidential: bool,
    pub show_name: bool,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub reporter_email: Option<String>,
    pub assisted_by: Option<UserId>,
    pub source: Source,
    pub key_hash: String,
    pub opd_id: Option<OpdId>,
    pub due_at: Timestamp,
    /// The signed-in citizen who filed it (for "Laporan saya"); never for assisted intake.
    pub reporter_user_id: Option<UserId>,
}

pub async fn insert(tx: &mut Tx, a: &NewAspiration, now: Timestamp) -> Result<AspirationId, DbError> {
    let id = query(
        "INSERT INTO aspirations (year, kind, status, title, description, category_id, category_name, region_id,
         address, lat_e6, lon_e6, event_date, anonymous, confidential, show_name, reporter_name, reporter_phone,
         reporter_email, assisted_by, source, key_hash, opd_id, due_at, due_from, created_at, updated_at, kecamatan_id,
         reporter_user_id)
         VALUES ($1, $2, $25, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
         $21, $22, $23, $23, $23, $24, $26) RETURNING id",
    )
    .bind(a.year)
    .bind(a.kind)
    .bind(a.title.as_str())
    .bind(a.description.as_str())
    .bind(a.category_id.0)
    .bind(a.category_name.as_str())
    .bind(a.region_id)
    .bind(a.address.clone())
    .bind(a.lat_e6)
    .bind(a.lon_e6)
    .bind(a.event_date.clone())
    .bind(a.anonymous)
    .bind(a.confidential)
    .bind(a.show_name)
    .bind(a.reporter_name.clone())
    .bind(a.reporter_phone.clone())
    .bind(a.reporter_email.clone())
    .bind(a.assisted_by)
    .bind(a.source.as_str())
    .bind(a.key_hash.as_str())
    .bind(a.opd_id)
    .bind(a.due_at)
    .bind(now)
    .bind(a.kecamatan_id)
    .bind(Status::Baru)
    .bind(a.reporter_user_id)
    .scalar(&mut *tx)
    .await
    .map(AspirationId)?;
    add_key(tx, id, &a.key_hash, now).await?;
    Ok(id)
}

pub async fn find(ex: impl Executor, id: AspirationId) -> Result<Option<AspirationRow>, DbError> {
    query(format!("{FULL} WHERE a.id = $1")).bind(id).fetch_optional(ex).await
}

/// The report whose private key hashes to `key_hash`.
pub async fn find_by_key_hash(ex: impl Executor, key_hash: &str) -> Result<Option<AspirationRow>, DbError> {
    query(format!("{FULL} WHERE a.id = (SELECT aspiration_id FROM aspiration_keys WHERE key_hash = $1)"))
        .bind(key_hash)
        .fetch_optional(ex)
        .await
}

/// How the report's state changes in one step.
#[derive(Debug, Clone)]
pub struct StateChange {
    pub status: Status,
    pub opd_id: Option<OpdId>,
    pub due_at: Option<Timestamp>,
    pub due_from: Option<Timestamp>,
    /// The running deadline goes on (see `Status::keeps_deadline`).
    pub keeps_deadline: bool,
    pub closed_at: Option<Timestamp>,
    pub reject_reason: Option<RejectReason>,
    pub duplicate_of: Option<AspirationId>,
}

/// Moves the report from (`from`, `from_opd`) to the new state; `false` if someone else moved
/// it first (another status, or another OPD after a new disposition).
pub async fn change_state(
    tx: &mut Tx,
    id: AspirationId,
    from: Status,
    from_opd: Option<OpdId>,
    c: &StateChange,
    now: Timestamp,
) -> Result<bool, DbError> {
    // A new deadline starts a new round of reminder and escalation; a kept one does not.
    let alerts = if c.keeps_deadline { "" } else { ", reminded_at = NULL, escalated_at = NULL" };
    let n = query(format!(
        "UPDATE aspirations SET status = $3, opd_id = $4, due_at = $5, closed_at = $6, reject_reason = $7,
         duplicate_of = $8, updated_at = $9, due_from = $11{alerts}
         WHERE id = $1 AND status = $2 AND COALESCE(opd_id, 0) = COALESCE($10, 0)"
    ))
    .bind(id)
    .bind(from)
    .bind(c.status)
    .bind(c.opd_id)
    .bind(c.due_at)
    .bind(c.closed_at)
    .bind(c.reject_reason)
    .bind(c.duplicate_of)
    .bind(now)
    .bind(from_opd)
    .bind(c.due_from)
    .execute(tx)
    .await?;
    Ok(n == 1)
}

/// The coordinator's public wording (`None` puts back the original).
pub async fn set_redaction(
    tx: &mut Tx,
    id: AspirationId,
    title: Option<&str>,
    description: Option<&str>,
    now: Timestamp,
) -> Result<(), DbError> {
    query("UPDATE aspirations SET public_title = $2, public_description = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(title)
        .bind(description)
        .bind(now)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Makes `words` the report's public words (after verification and after redaction).
pub async fn replace_words(tx: &mut Tx, id: AspirationId, words: &[String]) -> Result<(), DbError> {
    query("DELETE FROM aspiration_words WHERE aspiration_id = $1").bind(id).execute(&mut *tx).await?;
    if words.is_empty() {
        return Ok(());
    }
    // One statement for all of them: a submission stays one short transaction.
    let values: Vec<String> = (0..words.len()).map(|i| format!("(${}, $1)", i + 2)).collect();
    let mut q =
        query(format!("INSERT INTO aspiration_words (word, aspiration_id) VALUES {}", values.join(", "))).bind(id);
    for w in words {
        q = q.bind(w.as_str());
    }
    q.execute(tx).await.map(|_| ())
}

/// Sets the kelurahan (and its kecamatan) of a report that came without one.
pub async fn set_region(
    tx: &mut Tx,
    id: AspirationId,
    region_id: RegionId,
    kecamatan_id: Option<RegionId>,
    now: Timestamp,
) -> Result<(), DbError> {
    query("UPDATE aspirations SET region_id = $2, updated_at = $3, kecamatan_id = $4 WHERE id = $1")
        .bind(id)
        .bind(region_id)
        .bind(now)
        .bind(kecamatan_id)
        .execute(tx)
        .await
        .map(|_| ())
}

pub async fn set_lapor_number(
    tx: &mut Tx,
    id: AspirationId,
    number: Option<&str>,
    now: Timestamp,
) -> Result<(), DbError> {
    query("UPDATE aspirations SET lapor_number = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(number)
        .bind(now)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Records the citizen's rating; `false` if it was already rated or is not finished.
pub async fn rate(
    tx: &mut Tx,
    id: AspirationId,
    rating: i64,
    comment: Option<&str>,
    now: Timestamp,
) -> Result<bool, DbError> {
    let n = query(
        "UPDATE aspirations SET rating = $2, rating_comment = $3, updated_at = $4
         WHERE id = $1 AND rating IS NULL AND status = $5",
    )
    .bind(id)
    .bind(rating)
    .bind(comment)
    .bind(now)
    .bind(Status::Selesai)
    .execute(tx)
    .await?;
    Ok(n == 1)
}

/// Adds one support; `false` if this supporter already supported the report.
pub async fn add_support(tx: &mut Tx, id: AspirationId, supporter_key: &str, now: Timestamp) -> Result<bool, DbError> {
    let n = query(
        "INSERT INTO aspiration_supports (aspiration_id, supporter_key, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (aspiration_id, supporter_key) DO NOTHING",
    )
    .bind(id)
    .bind(supporter_key)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if n == 1 {
        query("UPDATE aspirations SET support_count = support_count + 1 WHERE id = $1").bind(id).execute(tx).await?;
    }
    Ok(n == 1)
}

/// A category citizens can choose, with the OPD it goes to by default.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
#[schema(as = AspirationCategory)]
pub struct CategoryRow {
    #[schema(value_type = i64)]
    pub id: CategoryId,
    pub name: String,
    #[schema(value_type = i64)]
    pub opd_id: OpdId,
    pub opd_name: String,
}

pub async fn categories(ex: impl Executor) -> Result<Vec<CategoryRow>, DbError> {
    query(
        "SELECT c.id, c.name, c.opd_id, o.short_name AS opd_name FROM opd_categories c JOIN opd o ON o.id = c.opd_id
         ORDER BY c.name, o.short_name",
    )
    .fetch_all(ex)
    .await
}

pub async fn category(ex: impl Executor, id: CategoryId) -> Result<Option<CategoryRow>, DbError> {
    query(
        "SELECT c.id, c.name, c.opd_id, o.short_name AS opd_name FROM opd_categories c JOIN opd o ON o.id = c.opd_id
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await
}
