//! SQL for the survey: units and responses.

use simpul_text::sort_key;

use crate::{
    domain::{
        skm::{Response, UNSUR, UnitInput},
        time::Timestamp,
    },
    infra::db::{DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub opd_id: Option<i64>,
    pub population: Option<i64>,
    pub wording: Option<String>,
    pub active: bool,
}

const UNIT: &str = "SELECT id, slug, name, opd_id, population, wording, active FROM skm_units";

pub async fn units(ex: impl Executor, active_only: bool) -> Result<Vec<UnitRow>, DbError> {
    let filter = if active_only { "WHERE active" } else { "" };
    query(format!("{UNIT} {filter} ORDER BY opd_id IS NULL, name_key, id")).fetch_all(ex).await
}

pub async fn unit_by_slug(ex: impl Executor, slug: &str) -> Result<Option<UnitRow>, DbError> {
    query(format!("{UNIT} WHERE slug = $1")).bind(slug).fetch_optional(ex).await
}

pub async fn unit(ex: impl Executor, id: i64) -> Result<Option<UnitRow>, DbError> {
    query(format!("{UNIT} WHERE id = $1")).bind(id).fetch_optional(ex).await
}

fn wording_json(u: &UnitInput) -> Option<String> {
    u.wording.as_ref().and_then(|w| serde_json::to_string(w).ok())
}

pub async fn insert_unit(tx: &mut Tx, slug: &str, u: &UnitInput, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO skm_units (slug, name, name_key, population, wording, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(slug)
    .bind(u.name.as_str())
    .bind(sort_key(&u.name))
    .bind(u.population)
    .bind(wording_json(u))
    .bind(u.active)
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn update_unit(tx: &mut Tx, id: i64, u: &UnitInput, now: Timestamp) -> Result<(), DbError> {
    query(
        "UPDATE skm_units SET name = $2, name_key = $3, population = $4, wording = $5, active = $6, updated_at = $7
         WHERE id = $1",
    )
    .bind(id)
    .bind(u.name.as_str())
    .bind(sort_key(&u.name))
    .bind(u.population)
    .bind(wording_json(u))
    .bind(u.active)
    .bind(now.0)
    .execute(tx)
    .await?;
    Ok(())
}

/// The unit of an OPD, if it has one.
pub async fn unit_of_opd(ex: impl Executor, opd_id: i64) -> Result<Option<UnitRow>, DbError> {
    query(format!("{UNIT} WHERE opd_id = $1")).bind(opd_id).fetch_optional(ex).await
}

pub async fn insert_opd_unit(tx: &mut Tx, opd_id: i64, slug: &str, name: &str, now: Timestamp) -> Result<(), DbError> {
    query(
        "INSERT INTO skm_units (slug, name, name_key, opd_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(slug)
    .bind(name)
    .bind(sort_key(name))
    .bind(opd_id)
    .bind(now.0)
    .execute(tx)
    .await?;
    Ok(())
}

/// Keeps an OPD's unit named as the OPD (its address stays: kiosks and posters use it).
pub async fn rename_unit(tx: &mut Tx, id: i64, name: &str, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE skm_units SET name = $2, name_key = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(name)
        .bind(sort_key(name))
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

/// Stores a response; `None` when `client_key` was stored before (nothing new is written).
pub async fn insert_response(
    tx: &mut Tx,
    unit_id: i64,
    day: &str,
    r: &Response,
    source: &str,
    client_key: Option<&str>,
    now: Timestamp,
) -> Result<Option<i64>, DbError> {
    let mut q = query(
        "INSERT INTO skm_responses (unit_id, day, created_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, age_band, sex,
         education, occupation, service, suggestion, source, client_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
         ON CONFLICT (client_key) DO NOTHING RETURNING id",
    )
    .bind(unit_id)
    .bind(day)
    .bind(now.0);
    for a in r.answers {
        q = q.bind(i64::from(a));
    }
    q.bind(r.age_band.clone())
        .bind(r.sex.clone())
        .bind(r.education.clone())
        .bind(r.occupation.clone())
        .bind(r.service.clone())
        .bind(r.suggestion.clone())
        .bind(source)
        .bind(client_key)
        .scalar_optional(tx)
        .await
}

/// Responses and the sum of each element's answers, per unit (`unit`: one, or every unit), for
/// the days `from` to `to` (inclusive, `YYYY-MM-DD`).
pub async fn sums(
    ex: impl Executor,
    unit: Option<i64>,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, i64, [i64; UNSUR])>, DbError> {
    type Row = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let filter = if unit.is_some() { "AND unit_id = $3" } else { "" };
    let mut q = query(format!(
        "SELECT unit_id, COUNT(*), SUM(u1), SUM(u2), SUM(u3), SUM(u4), SUM(u5), SUM(u6), SUM(u7), SUM(u8), SUM(u9)
         FROM skm_responses WHERE day >= $1 AND day <= $2 {filter} GROUP BY unit_id"
    ))
    .bind(from)
    .bind(to);
    if let Some(id) = unit {
        q = q.bind(id);
    }
    let rows: Vec<Row> = q.fetch_all(ex).await?;
    Ok(rows.into_iter().map(|r| (r.0, r.1, [r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10])).collect())
}

/// How many respondents gave each value of each profile question (`field`, `value`, count).
pub async fn profile(
    ex: impl Executor,
    unit: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, i64)>, DbError> {
    let part = |col: &str| {
        format!(
            "SELECT '{col}' AS field, {col} AS value, COUNT(*) AS n FROM skm_responses
             WHERE unit_id = $1 AND day >= $2 AND day <= $3 AND {col} IS NOT NULL GROUP BY {col}"
        )
    };
    let sql = ["age_band", "sex", "education", "occupation"].map(part).join(" UNION ALL ");
    query(format!("{sql} ORDER BY 1, 2")).bind(unit).bind(from).bind(to).fetch_all(ex).await
}

/// The latest suggestions (newest first) with the day they were given.
pub async fn suggestions(
    ex: impl Executor,
    unit: i64,
    from: &str,
    to: &str,
    limit: i64,
) -> Result<Vec<(String, String)>, DbError> {
    query(
        "SELECT day, suggestion FROM skm_responses WHERE unit_id = $1 AND day >= $2 AND day <= $3
         AND suggestion IS NOT NULL ORDER BY id DESC LIMIT $4",
    )
    .bind(unit)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(ex)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KioskRow {
    pub id: i64,
    pub unit_id: i64,
    pub unit_slug: String,
    pub unit_name: String,
    pub name: String,
    pub alert_minutes: i64,
    pub created_at: i64,
    pub last_seen_at: Option<i64>,
}

const KIOSK: &str = "SELECT k.id, k.unit_id, u.slug AS unit_slug, u.name AS unit_name, k.name, k.alert_minutes,
    k.created_at, k.last_seen_at FROM skm_kiosks k JOIN skm_units u ON u.id = k.unit_id";

/// Kiosks still in service, by unit and name.
pub async fn kiosks(ex: impl Executor) -> Result<Vec<KioskRow>, DbError> {
    query(format!("{KIOSK} WHERE k.revoked_at IS NULL ORDER BY u.name_key, k.name, k.id")).fetch_all(ex).await
}

pub async fn kiosk(ex: impl Executor, id: i64) -> Result<Option<KioskRow>, DbError> {
    query(format!("{KIOSK} WHERE k.id = $1 AND k.revoked_at IS NULL")).bind(id).fetch_optional(ex).await
}

pub async fn kiosk_by_token(ex: impl Executor, token_hash: &str) -> Result<Option<KioskRow>, DbError> {
    query(format!("{KIOSK} WHERE k.token_hash = $1 AND k.revoked_at IS NULL")).bind(token_hash).fetch_optional(ex).await
}

pub async fn insert_kiosk(
    tx: &mut Tx,
    unit_id: i64,
    name: &str,
    token_hash: &str,
    alert_minutes: i64,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO skm_kiosks (unit_id, name, token_hash, alert_minutes, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(unit_id)
    .bind(name)
    .bind(token_hash)
    .bind(alert_minutes)
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn revoke_kiosk(tx: &mut Tx, id: i64, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE skm_kiosks SET revoked_at = $2 WHERE id = $1").bind(id).bind(now.0).execute(tx).await?;
    Ok(())
}

/// Replaces a kiosk's secret (the setup link's is spent when the device takes its own).
pub async fn replace_kiosk_token(tx: &mut Tx, id: i64, old_hash: &str, new_hash: &str) -> Result<bool, DbError> {
    let n = query("UPDATE skm_kiosks SET token_hash = $3 WHERE id = $1 AND token_hash = $2 AND revoked_at IS NULL")
        .bind(id)
        .bind(old_hash)
        .bind(new_hash)
        .execute(tx)
        .await?;
    Ok(n == 1)
}

/// Records a sign of life.
pub async fn kiosk_seen(tx: &mut Tx, id: i64, now: Timestamp) -> Result<(), DbError> {
    query("UPDATE skm_kiosks SET last_seen_at = $2 WHERE id = $1").bind(id).bind(now.0).execute(tx).await?;
    Ok(())
}
