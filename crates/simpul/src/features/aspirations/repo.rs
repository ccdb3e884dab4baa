//! SQL for aspirations, their timeline, attachments and supports.
//!
//! Two row types on purpose: [`AspirationRow`] carries the reporter's identity and is only for
//! the reporter's own page, the staff pages (which blank it when the report is anonymous) and
//! mail jobs; [`PublicRow`] has no column that could identify the reporter, so public pages,
//! feeds and Open311 cannot leak what they never load.

use crate::{
    domain::time::Timestamp,
    infra::db::{DbError, Executor, Tx, query},
};

/// A report with everything, including who sent it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AspirationRow {
    pub id: i64,
    pub year: i64,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub description: String,
    pub public_title: Option<String>,
    pub public_description: Option<String>,
    pub category_name: String,
    pub region_id: Option<i64>,
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
    pub assisted_by: Option<i64>,
    pub assistant_name: Option<String>,
    pub opd_id: Option<i64>,
    pub opd_name: Option<String>,
    pub due_at: Option<i64>,
    pub due_from: Option<i64>,
    pub duplicate_of: Option<i64>,
    pub reject_reason: Option<String>,
    pub lapor_number: Option<String>,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
}

const FULL: &str = "SELECT a.id, a.year, a.kind, a.status, a.title, a.description, a.public_title,
    a.public_description, a.category_id, a.category_name, a.region_id, COALESCE(r.name, '') AS kelurahan, k.name AS kecamatan,
    a.address, a.lat_e6, a.lon_e6, a.event_date, a.anonymous, a.confidential, a.show_name, a.reporter_name,
    a.reporter_phone, a.reporter_email, a.assisted_by, u.name AS assistant_name, a.source, a.opd_id,
    o.short_name AS opd_name, a.due_at, a.due_from, a.escalated_at, a.duplicate_of, a.reject_reason, a.lapor_number,
    a.support_count, a.rating, a.rating_comment, a.created_at, a.updated_at, a.closed_at
    FROM aspirations a LEFT JOIN regions r ON r.id = a.region_id LEFT JOIN regions k ON k.id = r.parent_id
    LEFT JOIN opd o ON o.id = a.opd_id LEFT JOIN users u ON u.id = a.assisted_by";

/// What the public may see of a report: never the reporter's contact details, and the name
/// only when they allowed it and did not report anonymously.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicRow {
    pub id: i64,
    pub year: i64,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub description: String,
    pub category_id: Option<i64>,
    pub category_name: String,
    pub region_id: Option<i64>,
    /// Empty when not known yet.
    pub kelurahan: String,
    pub kecamatan: Option<String>,
    pub address: Option<String>,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
    /// The reporter's name when they allowed it (NULL otherwise).
    pub public_name: Option<String>,
    pub opd_name: Option<String>,
    pub support_count: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const PUBLIC_COLS: &str = "SELECT a.id, a.year, a.kind, a.status, COALESCE(a.public_title, a.title) AS title,
    COALESCE(a.public_description, a.description) AS description, a.category_id, a.category_name, a.region_id,
    COALESCE(r.name, '') AS kelurahan, k.name AS kecamatan, a.address, a.lat_e6, a.lon_e6, a.event_date,
    CASE WHEN a.show_name AND NOT a.anonymous THEN a.reporter_name END AS public_name,
    a.opd_id, o.short_name AS opd_name, a.support_count, a.created_at, a.updated_at, a.closed_at";
const PUBLIC_JOINS: &str = "LEFT JOIN regions r ON r.id = a.region_id LEFT JOIN regions k ON k.id = r.parent_id
    LEFT JOIN opd o ON o.id = a.opd_id";
/// The public columns from all reports, or (`by_word`) driven by one word's entries in
/// `aspiration_words` (alias `w`), newest first through that index.
fn public_from(by_word: bool) -> String {
    if by_word {
        format!("{PUBLIC_COLS} FROM aspiration_words w JOIN aspirations a ON a.id = w.aspiration_id {PUBLIC_JOINS}")
    } else {
        format!("{PUBLIC_COLS} FROM aspirations a {PUBLIC_JOINS}")
    }
}

/// Shown publicly: not rahasia, and past the coordinator's check (new and rejected ones are not).
const IS_PUBLIC: &str = "a.confidential = FALSE AND a.status NOT IN ('baru', 'ditolak')";

/// A new report, validated.
#[derive(Debug, Clone)]
pub struct NewAspiration {
    pub year: i32,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub category_name: String,
    pub region_id: Option<i64>,
    pub kecamatan_id: Option<i64>,
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
    pub assisted_by: Option<i64>,
    pub source: String,
    pub key_hash: String,
    pub opd_id: Option<i64>,
    pub due_at: i64,
}

pub async fn insert(tx: &mut Tx, a: &NewAspiration, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO aspirations (year, kind, status, title, description, category_id, category_name, region_id,
         address, lat_e6, lon_e6, event_date, anonymous, confidential, show_name, reporter_name, reporter_phone,
         reporter_email, assisted_by, source, key_hash, opd_id, due_at, due_from, created_at, updated_at, kecamatan_id)
         VALUES ($1, $2, 'baru', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
         $21, $22, $23, $23, $23, $24) RETURNING id",
    )
    .bind(a.year)
    .bind(a.kind.as_str())
    .bind(a.title.as_str())
    .bind(a.description.as_str())
    .bind(a.category_id)
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
    .bind(now.0)
    .bind(a.kecamatan_id)
    .scalar(tx)
    .await
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<AspirationRow>, DbError> {
    query(format!("{FULL} WHERE a.id = $1")).bind(id).fetch_optional(ex).await
}

/// The report whose private key hashes to `key_hash`.
pub async fn find_by_key_hash(ex: impl Executor, key_hash: &str) -> Result<Option<AspirationRow>, DbError> {
    query(format!("{FULL} WHERE a.key_hash = $1")).bind(key_hash).fetch_optional(ex).await
}

/// A public report, or `None` if it does not exist or is not public.
pub async fn find_public(ex: impl Executor, id: i64) -> Result<Option<PublicRow>, DbError> {
    query(format!("{} WHERE a.id = $1 AND {IS_PUBLIC}", public_from(false))).bind(id).fetch_optional(ex).await
}

/// Filters of the public list (and of Open311's `requests`).
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    pub statuses: Vec<String>,
    pub kind: Option<String>,
    pub category_id: Option<i64>,
    /// Any of these categories (Open311's comma-separated `service_code`).
    pub category_ids: Vec<i64>,
    /// With `ids`: the (id, year) pairs the codes named, checked by the caller.
    pub codes: Vec<(i64, i64)>,
    pub kecamatan_id: Option<i64>,
    pub kelurahan_id: Option<i64>,
    /// Stems that must all be among the report's public words (`aspiration_words`).
    pub words: Vec<String>,
    pub ids: Vec<i64>,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

/// Public reports, newest first: `limit` rows after skipping `offset`.
pub async fn list_public(
    ex: impl Executor,
    f: &PublicFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<PublicRow>, DbError> {
    let by_word = !f.words.is_empty();
    let mut sql = format!("{} WHERE {IS_PUBLIC}", public_from(by_word));
    let mut args: Vec<crate::infra::db::Arg> = Vec::new();
    let mut next = |sql: &mut String, clause: &str, v: crate::infra::db::Arg| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("${}", args.len())));
    };
    // The first word drives (its index entries, newest first); the others must be there too.
    for (i, w) in f.words.iter().enumerate() {
        if i == 0 {
            next(&mut sql, " AND w.word = ?", w.clone().into());
        } else {
            next(
                &mut sql,
                " AND EXISTS (SELECT 1 FROM aspiration_words x WHERE x.word = ? AND x.aspiration_id = a.id)",
                w.clone().into(),
            );
        }
    }
    if !f.statuses.is_empty() {
        let list: Vec<String> = f
            .statuses
            .iter()
            .filter(|s| s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
            .map(|s| format!("'{s}'"))
            .collect();
        if !list.is_empty() {
            sql.push_str(&format!(" AND a.status IN ({})", list.join(", ")));
        }
    }
    if let Some(k) = &f.kind {
        next(&mut sql, " AND a.kind = ?", k.clone().into());
    }
    if let Some(c) = f.category_id {
        next(&mut sql, " AND a.category_id = ?", c.into());
    }
    if let Some(k) = f.kelurahan_id {
        next(&mut sql, " AND a.region_id = ?", k.into());
    }
    if let Some(k) = f.kecamatan_id {
        next(&mut sql, " AND a.kecamatan_id = ?", k.into());
    }
    if let Some(t) = f.from {
        next(&mut sql, " AND a.created_at >= ?", t.into());
    }
    if let Some(t) = f.until {
        next(&mut sql, " AND a.created_at <= ?", t.into());
    }
    if !f.ids.is_empty() {
        let list: Vec<String> = f.ids.iter().map(i64::to_string).collect();
        sql.push_str(&format!(" AND a.id IN ({})", list.join(", ")));
    }
    if !f.category_ids.is_empty() {
        let list: Vec<String> = f.category_ids.iter().map(i64::to_string).collect();
        sql.push_str(&format!(" AND a.category_id IN ({})", list.join(", ")));
    }
    let order = if by_word { " ORDER BY w.aspiration_id DESC LIMIT ?" } else { " ORDER BY a.id DESC LIMIT ?" };
    next(&mut sql, order, limit.into());
    next(&mut sql, " OFFSET ?", offset.into());
    let mut q = query(sql);
    for a in args {
        q = q.bind(a);
    }
    q.fetch_all(ex).await
}

/// The newest public answer (or rejection note) of each report in `ids`: (report id, text).
pub async fn latest_public_answers(ex: impl Executor, ids: &[i64]) -> Result<Vec<(i64, String)>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let rows: Vec<(i64, String)> = query(format!(
        "SELECT aspiration_id, body FROM aspiration_events WHERE aspiration_id IN ({list})
         AND public AND body IS NOT NULL AND action IN ('respond', 'reject') ORDER BY id DESC"
    ))
    .fetch_all(ex)
    .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows.into_iter().filter(|(id, _)| seen.insert(*id)).collect())
}

/// The first photo the public may see of each report in `ids`: (report id, attachment id).
pub async fn first_public_images(ex: impl Executor, ids: &[i64]) -> Result<Vec<(i64, i64)>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let rows: Vec<(i64, i64)> = query(format!(
        "SELECT aspiration_id, id FROM aspiration_attachments WHERE aspiration_id IN ({list})
         AND hidden = FALSE AND content_type = 'image/jpeg' ORDER BY id"
    ))
    .fetch_all(ex)
    .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows.into_iter().filter(|(id, _)| seen.insert(*id)).collect())
}

/// Open public reports in a kelurahan, newest first, for "is this the same report?".
pub async fn open_public_in(ex: impl Executor, region_id: i64, limit: i64) -> Result<Vec<PublicRow>, DbError> {
    query(format!(
        "{} WHERE {IS_PUBLIC} AND a.region_id = $1 AND a.status <> 'selesai' ORDER BY a.id DESC LIMIT $2",
        public_from(false)
    ))
    .bind(region_id)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Whose reports a staff member sees.
#[derive(Debug, Clone)]
pub enum StaffScope {
    /// The coordinator: everything.
    All,
    /// An OPD's officers: the reports with their units.
    Opd(Vec<i64>),
    /// A KIM member: the reports they filed for citizens.
    AssistedBy(i64),
}

/// A line in a staff list. Never carries the reporter's identity.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub year: i64,
    pub status: String,
    pub title: String,
    pub category_name: String,
    pub kelurahan: String,
    pub opd_name: Option<String>,
    pub due_at: Option<i64>,
    pub confidential: bool,
    pub anonymous: bool,
}

/// Reports a staff member sees, most urgent first; `overdue_at` keeps only those past due then.
pub async fn list_staff(
    ex: impl Executor,
    scope: &StaffScope,
    status: Option<&str>,
    overdue_at: Option<Timestamp>,
    offset: i64,
    limit: i64,
) -> Result<Vec<StaffRow>, DbError> {
    let (clause, id) = match scope {
        // `$4` appears in every form: PostgreSQL wants every bound parameter used.
        StaffScope::All => ("$4 IS NULL".to_owned(), None),
        StaffScope::Opd(ids) if ids.is_empty() => ("FALSE AND $4 IS NULL".to_owned(), None),
        StaffScope::Opd(ids) => (
            format!("a.opd_id IN ({}) AND $4 IS NULL", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")),
            None,
        ),
        StaffScope::AssistedBy(u) => ("a.assisted_by = $4".to_owned(), Some(*u)),
    };
    query(format!(
        "SELECT a.id, a.year, a.kind, a.status, a.title, a.category_name, COALESCE(r.name, '') AS kelurahan,
         o.short_name AS opd_name, a.due_at, a.confidential, a.anonymous, a.created_at
         FROM aspirations a LEFT JOIN regions r ON r.id = a.region_id LEFT JOIN opd o ON o.id = a.opd_id
         WHERE {clause} AND ($1 IS NULL OR a.status = $1) AND ($2 IS NULL OR (a.due_at < $2 AND a.status NOT IN ('selesai', 'ditolak')))
         ORDER BY CASE WHEN a.status IN ('selesai', 'ditolak') THEN 1 ELSE 0 END,
         CASE WHEN a.due_at IS NULL THEN 1 ELSE 0 END, a.due_at, a.id DESC LIMIT $3 OFFSET $5"
    ))
    .bind(status)
    .bind(overdue_at.map(|t| t.0))
    .bind(limit)
    .bind(id)
    .bind(offset)
    .fetch_all(ex)
    .await
}

/// How the report's state changes in one step.
#[derive(Debug, Clone)]
pub struct StateChange {
    pub status: String,
    pub opd_id: Option<i64>,
    pub due_at: Option<i64>,
    pub due_from: Option<i64>,
    /// The running deadline goes on (see `Status::keeps_deadline`).
    pub keeps_deadline: bool,
    pub closed_at: Option<i64>,
    pub reject_reason: Option<String>,
    pub duplicate_of: Option<i64>,
}

/// Moves the report from (`from`, `from_opd`) to the new state; `false` if someone else moved
/// it first (another status, or another OPD after a new disposition).
pub async fn change_state(
    tx: &mut Tx,
    id: i64,
    from: &str,
    from_opd: Option<i64>,
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
    .bind(c.status.as_str())
    .bind(c.opd_id)
    .bind(c.due_at)
    .bind(c.closed_at)
    .bind(c.reject_reason.clone())
    .bind(c.duplicate_of)
    .bind(now.0)
    .bind(from_opd)
    .bind(c.due_from)
    .execute(tx)
    .await?;
    Ok(n == 1)
}

/// Open reports with a running deadline: (id, status, counted from), to recompute deadlines.
pub async fn running_deadlines(ex: impl Executor) -> Result<Vec<(i64, String, i64)>, DbError> {
    query(
        "SELECT id, status, due_from FROM aspirations WHERE due_at IS NOT NULL AND due_from IS NOT NULL
         AND status NOT IN ('selesai', 'ditolak')",
    )
    .fetch_all(ex)
    .await
}

/// Moves a running deadline, unless the report moved on since it was read.
pub async fn set_due(tx: &mut Tx, id: i64, status: &str, due_from: i64, due_at: i64) -> Result<(), DbError> {
    query("UPDATE aspirations SET due_at = $2 WHERE id = $1 AND status = $3 AND due_from = $4")
        .bind(id)
        .bind(due_at)
        .bind(status)
        .bind(due_from)
        .execute(tx)
        .await
        .map(|_| ())
}

/// One entry of the timeline.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub at: i64,
    pub action: String,
    pub status: String,
    pub opd_name: Option<String>,
    pub body: Option<String>,
}

/// A new timeline entry.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub action: &'a str,
    pub status: &'a str,
    pub party: &'a str,
    pub user_id: Option<i64>,
    pub opd_id: Option<i64>,
    pub body: Option<&'a str>,
    pub public: bool,
}

pub async fn insert_event(tx: &mut Tx, id: i64, e: &NewEvent<'_>, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO aspiration_events (aspiration_id, at, action, status, party, user_id, opd_id, body, public)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(id)
    .bind(now.0)
    .bind(e.action)
    .bind(e.status)
    .bind(e.party)
    .bind(e.user_id)
    .bind(e.opd_id)
    .bind(e.body)
    .bind(e.public)
    .scalar(tx)
    .await
}

/// Who is looking at a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone: public entries only.
    Public,
    /// The reporter: public entries and their own (added information, disputes, ratings).
    Reporter,
    /// Staff: everything, internal notes included.
    Staff,
}

/// The timeline, oldest first, as `audience` may see it.
pub async fn events(ex: impl Executor, id: i64, audience: Audience) -> Result<Vec<EventRow>, DbError> {
    let (all, own) = match audience {
        Audience::Public => (false, false),
        Audience::Reporter => (false, true),
        Audience::Staff => (true, true),
    };
    query(
        "SELECT e.id, e.at, e.action, e.status, e.party, u.name AS user_name, o.short_name AS opd_name, e.body, e.public
         FROM aspiration_events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN opd o ON o.id = e.opd_id
         WHERE e.aspiration_id = $1 AND ($2 OR e.public OR ($3 AND e.party = 'reporter')) ORDER BY e.id",
    )
    .bind(id)
    .bind(all)
    .bind(own)
    .fetch_all(ex)
    .await
}

/// A stored file.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub aspiration_id: i64,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub hidden: bool,
}

pub async fn insert_attachment(
    tx: &mut Tx,
    id: i64,
    event_id: i64,
    f: &super::files::Stored,
    now: Timestamp,
) -> Result<i64, DbError> {
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
    .bind(now.0)
    // Documents keep their own metadata (authors, software): not public until the coordinator
    // has looked. Photos are re-encoded and may be public at once.
    .bind(f.content_type == "application/pdf")
    .scalar(tx)
    .await
}

pub async fn attachments(ex: impl Executor, id: i64) -> Result<Vec<AttachmentRow>, DbError> {
    query(
        "SELECT id, aspiration_id, storage_key, file_name, content_type, size_bytes, hidden
         FROM aspiration_attachments WHERE aspiration_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(ex)
    .await
}

pub async fn attachment(ex: impl Executor, attachment_id: i64) -> Result<Option<AttachmentRow>, DbError> {
    query(
        "SELECT id, aspiration_id, storage_key, file_name, content_type, size_bytes, hidden
         FROM aspiration_attachments WHERE id = $1",
    )
    .bind(attachment_id)
    .fetch_optional(ex)
    .await
}

pub async fn set_attachment_hidden(tx: &mut Tx, attachment_id: i64, hidden: bool) -> Result<(), DbError> {
    query("UPDATE aspiration_attachments SET hidden = $2 WHERE id = $1")
        .bind(attachment_id)
        .bind(hidden)
        .execute(tx)
        .await
        .map(|_| ())
}

/// The coordinator's public wording (`None` puts back the original).
pub async fn set_redaction(
    tx: &mut Tx,
    id: i64,
    title: Option<&str>,
    description: Option<&str>,
    now: Timestamp,
) -> Result<(), DbError> {
    query("UPDATE aspirations SET public_title = $2, public_description = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(title)
        .bind(description)
        .bind(now.0)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Makes `words` the report's public words (after submission and after redaction).
pub async fn replace_words(tx: &mut Tx, id: i64, words: &[String]) -> Result<(), DbError> {
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
    id: i64,
    region_id: i64,
    kecamatan_id: Option<i64>,
    now: Timestamp,
) -> Result<(), DbError> {
    query("UPDATE aspirations SET region_id = $2, updated_at = $3, kecamatan_id = $4 WHERE id = $1")
        .bind(id)
        .bind(region_id)
        .bind(now.0)
        .bind(kecamatan_id)
        .execute(tx)
        .await
        .map(|_| ())
}

pub async fn set_lapor_number(tx: &mut Tx, id: i64, number: Option<&str>, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE aspirations SET lapor_number = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(number)
        .bind(now.0)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Records the citizen's rating; `false` if it was already rated or is not finished.
pub async fn rate(tx: &mut Tx, id: i64, rating: i64, comment: Option<&str>, now: Timestamp) -> Result<bool, DbError> {
    let n = query(
        "UPDATE aspirations SET rating = $2, rating_comment = $3, updated_at = $4
         WHERE id = $1 AND rating IS NULL AND status = 'selesai'",
    )
    .bind(id)
    .bind(rating)
    .bind(comment)
    .bind(now.0)
    .execute(tx)
    .await?;
    Ok(n == 1)
}

/// Adds one support; `false` if this supporter already supported the report.
pub async fn add_support(tx: &mut Tx, id: i64, supporter_key: &str, now: Timestamp) -> Result<bool, DbError> {
    let n = query(
        "INSERT INTO aspiration_supports (aspiration_id, supporter_key, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (aspiration_id, supporter_key) DO NOTHING",
    )
    .bind(id)
    .bind(supporter_key)
    .bind(now.0)
    .execute(&mut *tx)
    .await?;
    if n == 1 {
        query("UPDATE aspirations SET support_count = support_count + 1 WHERE id = $1").bind(id).execute(tx).await?;
    }
    Ok(n == 1)
}

/// Reports whose deadline has passed (or passes before `soon`), with what the sweep needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueRow {
    pub id: i64,
    pub status: String,
    pub due_at: i64,
    pub reminded_at: Option<i64>,
    pub escalated_at: Option<i64>,
}

pub async fn due_before(ex: impl Executor, soon: Timestamp, limit: i64) -> Result<Vec<DueRow>, DbError> {
    query(
        "SELECT id, status, opd_id, due_at, reminded_at, escalated_at FROM aspirations
         WHERE due_at IS NOT NULL AND due_at < $1 AND status NOT IN ('selesai', 'ditolak')
         AND (escalated_at IS NULL OR status = 'ditanggapi') ORDER BY due_at LIMIT $2",
    )
    .bind(soon.0)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Marks the reminder sent; `false` when another node already did (so only one mails).
pub async fn mark_reminded(tx: &mut Tx, id: i64, status: &str, now: Timestamp) -> Result<bool, DbError> {
    let n = query("UPDATE aspirations SET reminded_at = $2 WHERE id = $1 AND status = $3 AND reminded_at IS NULL")
        .bind(id)
        .bind(now.0)
        .bind(status)
        .execute(tx)
        .await?;
    Ok(n == 1)
}

/// Marks the report escalated; `false` when another node already did.
pub async fn mark_escalated(tx: &mut Tx, id: i64, status: &str, now: Timestamp) -> Result<bool, DbError> {
    let n = query("UPDATE aspirations SET escalated_at = $2 WHERE id = $1 AND status = $3 AND escalated_at IS NULL")
        .bind(id)
        .bind(now.0)
        .bind(status)
        .execute(tx)
        .await?;
    Ok(n == 1)
}

/// E-mail addresses of the officers of an OPD (for dispositions and reminders).
pub async fn officer_emails(ex: impl Executor, opd_id: i64) -> Result<Vec<String>, DbError> {
    query(
        "SELECT DISTINCT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id
         WHERE ur.role = 'petugas_opd' AND ur.opd_id = $1 AND u.disabled = FALSE ORDER BY u.email",
    )
    .bind(opd_id)
    .scalars(ex)
    .await
}

/// E-mail addresses of the coordinators (admins), for escalations.
pub async fn coordinator_emails(ex: impl Executor) -> Result<Vec<String>, DbError> {
    query(
        "SELECT DISTINCT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id
         WHERE ur.role = 'admin' AND u.disabled = FALSE ORDER BY u.email",
    )
    .scalars(ex)
    .await
}

/// A category citizens can choose, with the OPD it goes to by default.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct CategoryRow {
    pub id: i64,
    pub name: String,
    pub opd_id: i64,
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

pub async fn category(ex: impl Executor, id: i64) -> Result<Option<CategoryRow>, DbError> {
    query(
        "SELECT c.id, c.name, c.opd_id, o.short_name AS opd_name FROM opd_categories c JOIN opd o ON o.id = c.opd_id
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// Per-OPD figures: reports handled, answered, average rating.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpdStats {
    pub opd_name: String,
    pub total: i64,
    pub finished: i64,
    pub rated: i64,
    pub rating_sum: i64,
}

pub async fn opd_stats(ex: impl Executor) -> Result<Vec<OpdStats>, DbError> {
    query(
        "SELECT o.id AS opd_id, o.short_name AS opd_name, COUNT(a.id) AS total,
         CAST(COALESCE(SUM(CASE WHEN a.status = 'selesai' THEN 1 ELSE 0 END), 0) AS BIGINT) AS finished,
         COUNT(a.rating) AS rated, CAST(COALESCE(SUM(a.rating), 0) AS BIGINT) AS rating_sum
         FROM opd o LEFT JOIN aspirations a ON a.opd_id = o.id GROUP BY o.id, o.short_name ORDER BY o.short_name",
    )
    .fetch_all(ex)
    .await
}
