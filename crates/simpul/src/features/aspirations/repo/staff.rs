//! The desks' lists: what the coordinator, an OPD's officers and a KIM member see.

use crate::{
    domain::{
        aspiration::Status,
        ids::{AspirationId, OpdId, UserId},
        time::Timestamp,
    },
    infra::db::{Arg, DbError, Executor, Sql, query},
};

/// Whose reports a staff member sees.
#[derive(Debug, Clone)]
pub enum StaffScope {
    /// The coordinator: everything.
    All,
    /// An OPD's officers: the reports with their units.
    Opd(Vec<OpdId>),
    /// A KIM member: the reports they filed for citizens.
    AssistedBy(UserId),
}

/// A line in a staff list. Never carries the reporter's identity.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffRow {
    pub id: AspirationId,
    pub year: i64,
    pub status: Status,
    pub title: String,
    pub category_name: String,
    pub kelurahan: String,
    pub opd_name: Option<String>,
    pub due_at: Option<Timestamp>,
    pub confidential: bool,
    pub anonymous: bool,
}

/// Reports a staff member sees, most urgent first (open ones, then by deadline);
/// `overdue_at` keeps only those past due then.
pub async fn list_staff(
    ex: impl Executor,
    scope: &StaffScope,
    status: Option<Status>,
    overdue_at: Option<Timestamp>,
    offset: i64,
    limit: i64,
) -> Result<Vec<StaffRow>, DbError> {
    let closed: [Arg; 2] = [Status::Selesai.into(), Status::Ditolak.into()];
    let mut sql = Sql::new(
        "SELECT a.id, a.year, a.status, a.title, a.category_name, COALESCE(r.name, '') AS kelurahan,
         o.short_name AS opd_name, a.due_at, a.confidential, a.anonymous
         FROM aspirations a LEFT JOIN regions r ON r.id = a.region_id LEFT JOIN opd o ON o.id = a.opd_id WHERE TRUE",
    );
    match scope {
        StaffScope::All => {}
        StaffScope::Opd(ids) => sql.push_in("a.opd_id", ids.iter().map(|i| (*i).into()).collect()),
        StaffScope::AssistedBy(u) => sql.push(" AND a.assisted_by = ?", [(*u).into()]),
    }
    if let Some(s) = status {
        sql.push(" AND a.status = ?", [s.into()]);
    }
    if let Some(t) = overdue_at {
        sql.push(" AND a.due_at < ? AND a.status NOT IN (?, ?)", [t.into(), closed[0].clone(), closed[1].clone()]);
    }
    sql.push(" ORDER BY CASE WHEN a.status IN (?, ?) THEN 1 ELSE 0 END,", closed);
    sql.push(
        " CASE WHEN a.due_at IS NULL THEN 1 ELSE 0 END, a.due_at, a.id DESC LIMIT ? OFFSET ?",
        [limit.into(), offset.into()],
    );
    sql.into_query().fetch_all(ex).await
}

/// E-mail addresses of the officers of an OPD (for dispositions and reminders).
pub async fn officer_emails(ex: impl Executor, opd_id: OpdId) -> Result<Vec<String>, DbError> {
    query(
        "SELECT DISTINCT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id
         WHERE ur.role = $2 AND ur.opd_id = $1 AND u.disabled = FALSE ORDER BY u.email",
    )
    .bind(opd_id)
    .bind(crate::domain::access::Role::PetugasOpd)
    .scalars(ex)
    .await
}

/// E-mail addresses of the coordinators (admins), for escalations.
pub async fn coordinator_emails(ex: impl Executor) -> Result<Vec<String>, DbError> {
    query(
        "SELECT DISTINCT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id
         WHERE ur.role = $1 AND u.disabled = FALSE ORDER BY u.email",
    )
    .bind(crate::domain::access::Role::Admin)
    .scalars(ex)
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
        "SELECT o.short_name AS opd_name, COUNT(a.id) AS total,
         CAST(COALESCE(SUM(CASE WHEN a.status = $1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS finished,
         COUNT(a.rating) AS rated, CAST(COALESCE(SUM(a.rating), 0) AS BIGINT) AS rating_sum
         FROM opd o LEFT JOIN aspirations a ON a.opd_id = o.id GROUP BY o.id, o.short_name ORDER BY o.short_name",
    )
    .bind(Status::Selesai)
    .fetch_all(ex)
    .await
}

/// A report waiting for someone on "Tugas saya".
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaitingRow {
    pub id: AspirationId,
    pub year: i64,
    pub title: String,
    pub created_at: Timestamp,
    pub due_at: Option<Timestamp>,
}

fn waiting_sql(select: &str, scope: &StaffScope, statuses: &[Status], overdue_at: Option<Timestamp>) -> Sql {
    let mut sql = Sql::new(format!("SELECT {select} FROM aspirations a WHERE TRUE"));
    if let StaffScope::Opd(ids) = scope {
        sql.push_in("a.opd_id", ids.iter().map(|i| (*i).into()).collect());
    }
    sql.push_in("a.status", statuses.iter().map(|s| (*s).into()).collect());
    if let Some(t) = overdue_at {
        sql.push(" AND a.due_at < ?", [t.into()]);
    }
    sql
}

/// Reports in `statuses` (of the scope's units; past due at `overdue_at` when given), the
/// nearest deadline first.
pub async fn waiting(
    ex: impl Executor,
    scope: &StaffScope,
    statuses: &[Status],
    overdue_at: Option<Timestamp>,
    limit: i64,
) -> Result<Vec<WaitingRow>, DbError> {
    let mut sql = waiting_sql("a.id, a.year, a.title, a.created_at, a.due_at", scope, statuses, overdue_at);
    sql.push(" ORDER BY CASE WHEN a.due_at IS NULL THEN 1 ELSE 0 END, a.due_at, a.id LIMIT ?", [limit.into()]);
    sql.into_query().fetch_all(ex).await
}

pub async fn count_waiting(
    ex: impl Executor,
    scope: &StaffScope,
    statuses: &[Status],
    overdue_at: Option<Timestamp>,
) -> Result<i64, DbError> {
    waiting_sql("COUNT(*)", scope, statuses, overdue_at).into_query().scalar(ex).await
}
