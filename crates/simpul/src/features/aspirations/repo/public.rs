//! What anyone may see of reports: the public list and page, Open311's requests.

use std::collections::HashSet;

use crate::{
    domain::{
        aspiration::{Action, Kind, Status},
        ids::{AspirationId, AttachmentId, CategoryId, RegionId},
        time::Timestamp,
    },
    infra::db::{DbError, Executor, Sql, Tx, query},
};

/// What the public may see of a report: never the reporter's contact details, and the name
/// only when they allowed it and did not report anonymously.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicRow {
    pub id: AspirationId,
    pub year: i64,
    pub kind: Kind,
    pub status: Status,
    pub title: String,
    pub description: String,
    pub category_id: Option<CategoryId>,
    pub category_name: String,
    pub region_id: Option<RegionId>,
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
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

const PUBLIC_COLS: &str = "SELECT a.id, a.year, a.kind, a.status, COALESCE(a.public_title, a.title) AS title,
    COALESCE(a.public_description, a.description) AS description, a.category_id, a.category_name, a.region_id,
    COALESCE(r.name, '') AS kelurahan, k.name AS kecamatan, a.address, a.lat_e6, a.lon_e6,
    CASE WHEN a.show_name AND NOT a.anonymous THEN a.reporter_name END AS public_name,
    o.short_name AS opd_name, a.support_count, a.created_at, a.updated_at";
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

/// Shown publicly: not rahasia, and past the coordinator's check (new and rejected reports are
/// not).
fn only_public(sql: &mut Sql) {
    sql.push(" AND a.confidential = FALSE AND a.status NOT IN (?, ?)", [Status::Baru.into(), Status::Ditolak.into()]);
}

/// A public report, or `None` if it does not exist or is not public.
pub async fn find_public(ex: impl Executor, id: AspirationId) -> Result<Option<PublicRow>, DbError> {
    let mut sql = Sql::new(format!("{} WHERE a.id = $1", public_from(false)));
    sql.bind_next(id.into());
    only_public(&mut sql);
    let q = sql.into_query();
    q.fetch_optional(ex).await
}

/// Filters of the public list (and of Open311's `requests`).
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    pub statuses: Vec<Status>,
    pub kind: Option<Kind>,
    pub category_id: Option<CategoryId>,
    /// Any of these categories (Open311's comma-separated `service_code`).
    pub category_ids: Vec<CategoryId>,
    pub kecamatan_id: Option<RegionId>,
    pub kelurahan_id: Option<RegionId>,
    /// Stems that must all be among the report's public words (`aspiration_words`).
    pub words: Vec<String>,
    /// Only these reports (Open311's `service_request_id`), when set.
    pub ids: Option<Vec<AspirationId>>,
    pub from: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

/// Public reports, newest first: `limit` rows after skipping `offset`.
pub async fn list_public(
    ex: impl Executor,
    f: &PublicFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<PublicRow>, DbError> {
    let by_word = !f.words.is_empty();
    let mut sql = Sql::new(format!("{} WHERE TRUE", public_from(by_word)));
    only_public(&mut sql);
    // The first word drives (its index entries, newest first); the others must be there too.
    for (i, w) in f.words.iter().enumerate() {
        if i == 0 {
            sql.push(" AND w.word = ?", [w.as_str().into()]);
        } else {
            sql.push(
                " AND EXISTS (SELECT 1 FROM aspiration_words x WHERE x.word = ? AND x.aspiration_id = a.id)",
                [w.as_str().into()],
            );
        }
    }
    if !f.statuses.is_empty() {
        sql.push_in("a.status", f.statuses.iter().map(|s| (*s).into()).collect());
    }
    if let Some(k) = f.kind {
        sql.push(" AND a.kind = ?", [k.into()]);
    }
    if let Some(c) = f.category_id {
        sql.push(" AND a.category_id = ?", [c.into()]);
    }
    if let Some(k) = f.kelurahan_id {
        sql.push(" AND a.region_id = ?", [k.into()]);
    }
    if let Some(k) = f.kecamatan_id {
        sql.push(" AND a.kecamatan_id = ?", [k.into()]);
    }
    if let Some(t) = f.from {
        sql.push(" AND a.created_at >= ?", [t.into()]);
    }
    if let Some(t) = f.until {
        sql.push(" AND a.created_at <= ?", [t.into()]);
    }
    if let Some(ids) = &f.ids {
        sql.push_in("a.id", ids.iter().map(|i| (*i).into()).collect());
    }
    if !f.category_ids.is_empty() {
        sql.push_in("a.category_id", f.category_ids.iter().map(|c| (*c).into()).collect());
    }
    let order = if by_word { " ORDER BY w.aspiration_id DESC" } else { " ORDER BY a.id DESC" };
    sql.push(&format!("{order} LIMIT ? OFFSET ?"), [limit.into(), offset.into()]);
    let q = sql.into_query();
    q.fetch_all(ex).await
}

/// The newest public answer (or rejection note) of each report in `ids`: (report, text).
pub async fn latest_public_answers(
    ex: impl Executor,
    ids: &[AspirationId],
) -> Result<Vec<(AspirationId, String)>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql =
        Sql::new("SELECT aspiration_id, body FROM aspiration_events WHERE public AND body IS NOT NULL".to_owned());
    sql.push_in("aspiration_id", ids.iter().map(|i| (*i).into()).collect());
    sql.push_in("action", vec![Action::Respond.as_str().into(), Action::Reject.as_str().into()]);
    sql.push(" ORDER BY id DESC", []);
    let q = sql.into_query();
    let rows: Vec<(AspirationId, String)> = q.fetch_all(ex).await?;
    let mut seen = HashSet::new();
    Ok(rows.into_iter().filter(|(id, _)| seen.insert(*id)).collect())
}

/// The first photo the public may see of each report in `ids`: (report, attachment).
pub async fn first_public_images(
    ex: impl Executor,
    ids: &[AspirationId],
) -> Result<Vec<(AspirationId, AttachmentId)>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT aspiration_id, id FROM aspiration_attachments WHERE hidden = FALSE AND content_type = 'image/jpeg'"
            .to_owned(),
    );
    sql.push_in("aspiration_id", ids.iter().map(|i| (*i).into()).collect());
    sql.push(" ORDER BY id", []);
    let q = sql.into_query();
    let rows: Vec<(AspirationId, AttachmentId)> = q.fetch_all(ex).await?;
    let mut seen = HashSet::new();
    Ok(rows.into_iter().filter(|(id, _)| seen.insert(*id)).collect())
}

/// Open public reports in a kelurahan, newest first, for "is this the same report?".
pub async fn open_public_in(ex: impl Executor, region_id: RegionId, limit: i64) -> Result<Vec<PublicRow>, DbError> {
    let mut sql = Sql::new(format!("{} WHERE a.region_id = $1", public_from(false)));
    sql.bind_next(region_id.into());
    only_public(&mut sql);
    sql.push(" AND a.status <> ? ORDER BY a.id DESC LIMIT ?", [Status::Selesai.into(), limit.into()]);
    let q = sql.into_query();
    q.fetch_all(ex).await
}

/// Marks the report answered for the first time at `now` (and whether after its deadline);
/// later answers do not change it.
pub async fn mark_answered(tx: &mut Tx, id: AspirationId, now: Timestamp, late: bool) -> Result<(), DbError> {
    query(
        "UPDATE aspirations SET first_answered_at = $2, answered_late = $3 WHERE id = $1 AND first_answered_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .bind(late)
    .execute(tx)
    .await
    .map(|_| ())
}

/// Reports first answered in [from, to): (how many, how many of those whose timeliness is
/// known, how many on time).
pub async fn answered_between(ex: impl Executor, from: Timestamp, to: Timestamp) -> Result<(i64, i64, i64), DbError> {
    query(
        "SELECT COUNT(*), COUNT(answered_late),
         CAST(COALESCE(SUM(CASE WHEN answered_late = FALSE THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM aspirations WHERE first_answered_at >= $1 AND first_answered_at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(ex)
    .await
}
