//! SQL for the figures: counts over other capabilities' tables (read only, aggregates only —
//! no row that names a person or quotes a report leaves here).

use crate::{
    domain::time::Timestamp,
    infra::db::{Arg, DbError, Executor, query},
};

/// `CASE WHEN col < $k THEN 0 WHEN col < $k+1 THEN 1 … END`: the index of the period `col`
/// falls in, given the periods' ends as parameters from `$first` on.
fn bucket(col: &str, ends: usize, first: usize) -> String {
    // Cast: PostgreSQL types the bare numbers as 4-byte integers.
    let mut s = String::from("CAST(CASE");
    for i in 0..ends {
        s.push_str(&format!(" WHEN {col} < ${} THEN {i}", first + i));
    }
    s.push_str(" END AS BIGINT)");
    s
}

/// Counts per period: `(period, count)`, for rows whose `col` lies in `[start, ends.last())`,
/// with an optional extra condition on `aspirations`.
async fn counts_per_period(
    ex: impl Executor,
    table: &str,
    col: &str,
    extra: &str,
    start: Timestamp,
    ends: &[Timestamp],
    kecamatan: Option<i64>,
) -> Result<Vec<(i64, i64)>, DbError> {
    let n = ends.len();
    let kec = if kecamatan.is_some() { format!(" AND kecamatan_id = ${}", n + 3) } else { String::new() };
    let sql = format!(
        "SELECT {} AS p, COUNT(*) FROM {table} WHERE {col} >= $1 AND {col} < $2 {extra}{kec} GROUP BY p",
        bucket(col, n, 3)
    );
    let mut q = query(sql).bind(start.0).bind(ends.last().map_or(start.0, |e| e.0));
    for e in ends {
        q = q.bind(e.0);
    }
    if let Some(k) = kecamatan {
        q = q.bind(k);
    }
    q.fetch_all(ex).await
}

/// Reports received per period.
pub async fn received(
    ex: impl Executor,
    start: Timestamp,
    ends: &[Timestamp],
    kec: Option<i64>,
) -> Result<Vec<(i64, i64)>, DbError> {
    counts_per_period(ex, "aspirations", "created_at", "", start, ends, kec).await
}

/// Reports first answered per period.
pub async fn answered(
    ex: impl Executor,
    start: Timestamp,
    ends: &[Timestamp],
    kec: Option<i64>,
) -> Result<Vec<(i64, i64)>, DbError> {
    counts_per_period(ex, "aspirations", "first_answered_at", "", start, ends, kec).await
}

/// Reports first answered per period within their deadline.
pub async fn on_time(
    ex: impl Executor,
    start: Timestamp,
    ends: &[Timestamp],
    kec: Option<i64>,
) -> Result<Vec<(i64, i64)>, DbError> {
    counts_per_period(ex, "aspirations", "first_answered_at", "AND answered_late = FALSE", start, ends, kec).await
}

/// Tips received per period.
pub async fn tips(ex: impl Executor, start: Timestamp, ends: &[Timestamp]) -> Result<Vec<(i64, i64)>, DbError> {
    counts_per_period(ex, "tips", "created_at", "", start, ends, None).await
}

/// Statuses in which a report still waits for the government.
const OPEN: &str = "status IN ('baru', 'terverifikasi', 'didisposisikan', 'diproses', 'dibuka_kembali')";

/// One group's figures (an OPD, a kecamatan).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub received: i64,
    pub answered: i64,
    pub on_time: i64,
    pub overdue: i64,
    pub rating_sum: i64,
    pub rated: i64,
}

fn group_sql(join: &str, key: &str, name: &str, kec: bool) -> String {
    let kec = if kec { " AND a.kecamatan_id = $4" } else { "" };
    format!(
        "SELECT g.id, {name} AS name, COUNT(a.id) AS received, COUNT(a.first_answered_at) AS answered,
         CAST(COALESCE(SUM(CASE WHEN a.answered_late = FALSE THEN 1 ELSE 0 END), 0) AS BIGINT) AS on_time,
         CAST(COALESCE(SUM(CASE WHEN a.{OPEN} AND a.due_at < $3 THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue,
         CAST(COALESCE(SUM(a.rating), 0) AS BIGINT) AS rating_sum, COUNT(a.rating) AS rated
         FROM {join} JOIN aspirations a ON a.{key} = g.id AND a.created_at >= $1 AND a.created_at < $2{kec}
         GROUP BY g.id, {name} ORDER BY received DESC, name"
    )
}

/// Per OPD, for reports received in `[from, to)`.
pub async fn per_opd(
    ex: impl Executor,
    from: Timestamp,
    to: Timestamp,
    now: Timestamp,
    kec: Option<i64>,
) -> Result<Vec<GroupRow>, DbError> {
    let mut q = query(group_sql("opd g", "opd_id", "g.short_name", kec.is_some())).bind(from.0).bind(to.0).bind(now.0);
    if let Some(k) = kec {
        q = q.bind(k);
    }
    q.fetch_all(ex).await
}

/// Per kecamatan, for reports received in `[from, to)`.
pub async fn per_kecamatan(
    ex: impl Executor,
    from: Timestamp,
    to: Timestamp,
    now: Timestamp,
) -> Result<Vec<GroupRow>, DbError> {
    query(group_sql("regions g", "kecamatan_id", "g.name", false))
        .bind(from.0)
        .bind(to.0)
        .bind(now.0)
        .fetch_all(ex)
        .await
}

/// Days from receipt to the first answer, counted: `(opd_id or 0, days, reports)`, for the
/// medians (one row per OPD and day, however many reports).
pub async fn answer_days(
    ex: impl Executor,
    from: Timestamp,
    to: Timestamp,
    kec: Option<i64>,
) -> Result<Vec<(i64, i64, i64)>, DbError> {
    let kec_sql = if kec.is_some() { " AND kecamatan_id = $3" } else { "" };
    let mut q = query(format!(
        "SELECT COALESCE(opd_id, 0) AS o, (first_answered_at - created_at) / 86400000 AS d, COUNT(*)
         FROM aspirations WHERE created_at >= $1 AND created_at < $2 AND first_answered_at IS NOT NULL{kec_sql}
         GROUP BY o, d"
    ))
    .bind(from.0)
    .bind(to.0);
    if let Some(k) = kec {
        q = q.bind(k);
    }
    q.fetch_all(ex).await
}

/// Reports waiting past their deadline now (whenever they arrived).
pub async fn overdue_now(ex: impl Executor, now: Timestamp, kec: Option<i64>) -> Result<i64, DbError> {
    let mut args: Vec<Arg> = vec![now.0.into()];
    let kec_sql = match kec {
        Some(k) => {
            args.push(k.into());
            " AND kecamatan_id = $2"
        }
        None => "",
    };
    let mut q = query(format!("SELECT COUNT(*) FROM aspirations WHERE {OPEN} AND due_at < $1{kec_sql}"));
    for a in args {
        q = q.bind(a);
    }
    q.scalar(ex).await
}

/// Clarifications published in `[from, to)`.
pub async fn clarifications_published(ex: impl Executor, from: Timestamp, to: Timestamp) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM clarifications WHERE published_at >= $1 AND published_at < $2")
        .bind(from.0)
        .bind(to.0)
        .scalar(ex)
        .await
}

/// The published clarifications most asked about by tips in `[from, to)`: title, address, tips.
pub async fn top_rumours(
    ex: impl Executor,
    from: Timestamp,
    to: Timestamp,
    limit: i64,
) -> Result<Vec<(String, String, i64)>, DbError> {
    query(
        "SELECT c.title, c.slug, COUNT(t.id) AS n FROM clarifications c JOIN tips t ON t.clarification_id = c.id
         WHERE t.created_at >= $1 AND t.created_at < $2 GROUP BY c.id, c.title, c.slug ORDER BY n DESC, c.title LIMIT $3",
    )
    .bind(from.0)
    .bind(to.0)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// KIM groups' work in `[from, to)`: name, articles published, reports filed for citizens.
pub async fn kim_activity(
    ex: impl Executor,
    from: Timestamp,
    to: Timestamp,
    limit: i64,
) -> Result<Vec<(String, i64, i64)>, DbError> {
    query(
        "SELECT name, articles, assisted FROM (SELECT k.name,
         (SELECT COUNT(*) FROM articles a WHERE a.kim_id = k.id AND a.state = 'terbit'
            AND a.published_at >= $1 AND a.published_at < $2) AS articles,
         (SELECT COUNT(*) FROM aspirations s JOIN user_roles r ON r.user_id = s.assisted_by AND r.kim_id = k.id
            WHERE s.created_at >= $1 AND s.created_at < $2) AS assisted
         FROM kim_groups k) x ORDER BY articles + assisted DESC, name LIMIT $3",
    )
    .bind(from.0)
    .bind(to.0)
    .bind(limit)
    .fetch_all(ex)
    .await
}
