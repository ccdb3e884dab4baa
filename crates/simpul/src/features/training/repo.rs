//! The training tables: topics, programmes, sessions, registrations (with the seat counter).

use crate::{
    domain::{access::Role, article::ArticleState, time::Timestamp, training::RegStatus},
    infra::db::{Db, DbError, Executor, Tx, query},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Topic {
    pub slug: String,
    pub name: String,
}

pub async fn topics(db: &Db) -> Result<Vec<Topic>, DbError> {
    query("SELECT slug, name FROM training_topics ORDER BY name").fetch_all(db).await
}

pub async fn insert_topic(tx: &mut Tx, slug: &str, name: &str, now: Timestamp) -> Result<u64, DbError> {
    query("INSERT INTO training_topics (slug, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(slug)
        .bind(name)
        .bind(now.0)
        .execute(tx)
        .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Programme {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub topic: String,
    pub topic_name: String,
    pub organiser: String,
    pub trainer: String,
}

const PROGRAMME: &str = "SELECT p.id, p.slug, p.title, p.description, p.topic, t.name AS topic_name, p.organiser,
    p.trainer FROM training_programmes p JOIN training_topics t ON t.slug = p.topic";

/// What an admin writes.
#[derive(Debug, Clone)]
pub struct NewProgramme {
    pub title: String,
    pub description: String,
    pub topic: String,
    pub organiser: String,
    pub trainer: String,
}

pub async fn insert_programme(tx: &mut Tx, slug: &str, p: &NewProgramme, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO training_programmes (slug, title, description, topic, organiser, trainer, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(slug)
    .bind(p.title.as_str())
    .bind(p.description.as_str())
    .bind(p.topic.as_str())
    .bind(p.organiser.as_str())
    .bind(p.trainer.as_str())
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn update_programme(tx: &mut Tx, id: i64, p: &NewProgramme, now: Timestamp) -> Result<u64, DbError> {
    query(
        "UPDATE training_programmes SET title = $2, description = $3, topic = $4, organiser = $5, trainer = $6,
         updated_at = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(p.title.as_str())
    .bind(p.description.as_str())
    .bind(p.topic.as_str())
    .bind(p.organiser.as_str())
    .bind(p.trainer.as_str())
    .bind(now.0)
    .execute(tx)
    .await
}

pub async fn programme(ex: impl Executor, id: i64) -> Result<Option<Programme>, DbError> {
    query(format!("{PROGRAMME} WHERE p.id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn programme_by_slug(db: &Db, slug: &str) -> Result<Option<Programme>, DbError> {
    query(format!("{PROGRAMME} WHERE p.slug = $1")).bind(slug).fetch_optional(db).await
}

pub async fn programmes(db: &Db) -> Result<Vec<Programme>, DbError> {
    query(format!("{PROGRAMME} ORDER BY p.id DESC")).fetch_all(db).await
}

/// A session with its programme, as lists show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub id: i64,
    pub programme_id: i64,
    pub programme_slug: String,
    pub programme_title: String,
    pub topic_name: String,
    pub trainer: String,
    pub organiser: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub capacity: i64,
    pub confirmed: i64,
    pub registration_deadline: i64,
    pub updated_at: i64,
    pub practice: Option<String>,
}

const SESSION: &str = "SELECT s.id, s.programme_id, p.slug AS programme_slug, p.title AS programme_title,
    t.name AS topic_name, p.trainer, p.organiser, s.starts_at, s.ends_at, s.place, s.online_url, s.capacity,
    s.confirmed, s.registration_deadline, s.updated_at, s.practice
    FROM training_sessions s JOIN training_programmes p ON p.id = s.programme_id
    JOIN training_topics t ON t.slug = p.topic";

#[derive(Debug, Clone)]
pub struct NewSession {
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub capacity: i64,
    pub registration_deadline: i64,
}

pub async fn insert_session(
    tx: &mut Tx,
    programme_id: i64,
    s: &NewSession,
    attendance_key: &str,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO training_sessions (programme_id, starts_at, ends_at, place, online_url, capacity, confirmed,
         registration_deadline, attendance_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $9) RETURNING id",
    )
    .bind(programme_id)
    .bind(s.starts_at)
    .bind(s.ends_at)
    .bind(s.place.clone())
    .bind(s.online_url.clone())
    .bind(s.capacity)
    .bind(s.registration_deadline)
    .bind(attendance_key)
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn session(ex: impl Executor, id: i64) -> Result<Option<Session>, DbError> {
    query(format!("{SESSION} WHERE s.id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn attendance_key(ex: impl Executor, id: i64) -> Result<Option<String>, DbError> {
    query("SELECT attendance_key FROM training_sessions WHERE id = $1").bind(id).scalar_optional(ex).await
}

/// Sessions ending after `from`, soonest first (of one programme, or all).
pub async fn upcoming(
    db: &Db,
    from: Timestamp,
    programme_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Session>, DbError> {
    let filter = if programme_id.is_some() { " AND s.programme_id = $3" } else { "" };
    let mut q = query(format!("{SESSION} WHERE s.ends_at >= $1{filter} ORDER BY s.starts_at, s.id LIMIT $2"))
        .bind(from.0)
        .bind(limit);
    if let Some(p) = programme_id {
        q = q.bind(p);
    }
    q.fetch_all(db).await
}

pub async fn sessions_of(db: &Db, programme_id: i64) -> Result<Vec<Session>, DbError> {
    query(format!("{SESSION} WHERE s.programme_id = $1 ORDER BY s.starts_at, s.id"))
        .bind(programme_id)
        .fetch_all(db)
        .await
}

/// Takes a seat if one is free; false when the session is full. The condition is evaluated
/// against the committed row (PostgreSQL re-checks it after waiting for the row lock; SQLite
/// has one writer), so two people never get the last seat.
pub async fn take_seat(tx: &mut Tx, session_id: i64, now: Timestamp) -> Result<bool, DbError> {
    query("UPDATE training_sessions SET confirmed = confirmed + 1, updated_at = $2 WHERE id = $1 AND confirmed < capacity")
        .bind(session_id)
        .bind(now.0)
        .execute(tx)
        .await
        .map(|n| n == 1)
}

pub async fn free_seat(tx: &mut Tx, session_id: i64, now: Timestamp) -> Result<u64, DbError> {
    query("UPDATE training_sessions SET confirmed = confirmed - 1, updated_at = $2 WHERE id = $1 AND confirmed > 0")
        .bind(session_id)
        .bind(now.0)
        .execute(tx)
        .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Registration {
    pub id: i64,
    pub session_id: i64,
    pub user_id: i64,
    pub user_name: String,
    pub status: RegStatus,
    pub attended_at: Option<i64>,
    pub attendance_method: Option<String>,
    pub kim_name: Option<String>,
}

const REGISTRATION: &str = "SELECT r.id, r.session_id, r.user_id, u.name AS user_name, r.status, r.attended_at,
    r.attendance_method, (SELECT k.name FROM user_roles ur JOIN kim_groups k ON k.id = ur.kim_id
    WHERE ur.user_id = r.user_id ORDER BY ur.id LIMIT 1) AS kim_name
    FROM training_registrations r JOIN users u ON u.id = r.user_id";

pub async fn registration(ex: impl Executor, session_id: i64, user_id: i64) -> Result<Option<Registration>, DbError> {
    query(format!("{REGISTRATION} WHERE r.session_id = $1 AND r.user_id = $2"))
        .bind(session_id)
        .bind(user_id)
        .fetch_optional(ex)
        .await
}

/// Everyone registered or waiting (not the cancelled), seats first, then the queue in order.
pub async fn registrations(db: &Db, session_id: i64) -> Result<Vec<Registration>, DbError> {
    query(format!(
        "{REGISTRATION} WHERE r.session_id = $1 AND r.status <> $2
         ORDER BY CASE WHEN r.status = $3 THEN 0 ELSE 1 END, r.id"
    ))
    .bind(session_id)
    .bind(RegStatus::Batal)
    .bind(RegStatus::Terdaftar)
    .fetch_all(db)
    .await
}

/// One person's registrations, newest session first.
pub async fn registrations_of_user(db: &Db, user_id: i64) -> Result<Vec<(Registration, Session)>, DbError> {
    let regs: Vec<Registration> = query(format!("{REGISTRATION} WHERE r.user_id = $1 ORDER BY r.id DESC LIMIT 200"))
        .bind(user_id)
        .fetch_all(db)
        .await?;
    let mut out = Vec::new();
    for r in regs {
        if let Some(s) = session(db, r.session_id).await? {
            out.push((r, s));
        }
    }
    Ok(out)
}

/// Stores a registration, or brings a cancelled one back; returns its id.
pub async fn upsert_registration(
    tx: &mut Tx,
    session_id: i64,
    user_id: i64,
    status: RegStatus,
    registered_by: Option<i64>,
    now: Timestamp,
) -> Result<i64, DbError> {
    let existing: Option<i64> = query("SELECT id FROM training_registrations WHERE session_id = $1 AND user_id = $2")
        .bind(session_id)
        .bind(user_id)
        .scalar_optional(&mut *tx)
        .await?;
    match existing {
        Some(id) => {
            // A fresh registration goes to the back of the queue: it gets a new id order.
            query(
                "UPDATE training_registrations SET status = $2, registered_by = $3, attended_at = NULL,
                 attendance_method = NULL, updated_at = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(status)
            .bind(registered_by)
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
            Ok(id)
        }
        None => query(
            "INSERT INTO training_registrations (session_id, user_id, status, registered_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(session_id)
        .bind(user_id)
        .bind(status)
        .bind(registered_by)
        .bind(now.0)
        .scalar(tx)
        .await,
    }
}

/// Moves a registration from `from` to `to` if nobody moved it first.
pub async fn set_status(tx: &mut Tx, id: i64, from: RegStatus, to: RegStatus, now: Timestamp) -> Result<bool, DbError> {
    query("UPDATE training_registrations SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2")
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(now.0)
        .execute(tx)
        .await
        .map(|n| n == 1)
}

/// The first on the waiting list: (registration id, user id).
pub async fn first_waiting(tx: &mut Tx, session_id: i64) -> Result<Option<(i64, i64)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct W {
        id: i64,
        user_id: i64,
    }
    let w: Option<W> = query(
        "SELECT id, user_id FROM training_registrations WHERE session_id = $1 AND status = $2
         ORDER BY updated_at, id LIMIT 1",
    )
    .bind(session_id)
    .bind(RegStatus::Menunggu)
    .fetch_optional(tx)
    .await?;
    Ok(w.map(|w| (w.id, w.user_id)))
}

/// The place on the waiting list (1 = next).
pub async fn waiting_position(ex: impl Executor, session_id: i64, registration_id: i64) -> Result<i64, DbError> {
    query(
        "SELECT COUNT(*) FROM training_registrations w, training_registrations me WHERE me.id = $2
         AND w.session_id = $1 AND w.status = $3 AND (w.updated_at < me.updated_at
         OR (w.updated_at = me.updated_at AND w.id <= me.id))",
    )
    .bind(session_id)
    .bind(registration_id)
    .bind(RegStatus::Menunggu)
    .scalar(ex)
    .await
}

/// Records attendance once; false when it was already recorded (or there is no seat).
pub async fn mark_attended(tx: &mut Tx, id: i64, method: &str, now: Timestamp) -> Result<bool, DbError> {
    query(
        "UPDATE training_registrations SET attended_at = $2, attendance_method = $3, updated_at = $2
         WHERE id = $1 AND status = $4 AND attended_at IS NULL",
    )
    .bind(id)
    .bind(now.0)
    .bind(method)
    .bind(RegStatus::Terdaftar)
    .execute(tx)
    .await
    .map(|n| n == 1)
}

pub async fn unmark_attended(tx: &mut Tx, id: i64, now: Timestamp) -> Result<u64, DbError> {
    query(
        "UPDATE training_registrations SET attended_at = NULL, attendance_method = NULL, updated_at = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(now.0)
    .execute(tx)
    .await
}

/// The e-mail addresses of a session's seated participants (for the reminder).
pub async fn participant_emails(ex: impl Executor, session_id: i64) -> Result<Vec<String>, DbError> {
    query(
        "SELECT u.email FROM training_registrations r JOIN users u ON u.id = r.user_id
         WHERE r.session_id = $1 AND r.status = $2 AND u.disabled = FALSE ORDER BY r.id",
    )
    .bind(session_id)
    .bind(RegStatus::Terdaftar)
    .scalars(ex)
    .await
}

pub async fn user_email(ex: impl Executor, user_id: i64) -> Result<Option<String>, DbError> {
    query("SELECT email FROM users WHERE id = $1").bind(user_id).scalar_optional(ex).await
}

/// A member by e-mail, with their KIM ids (to check who may register them).
pub async fn member_by_email(db: &Db, email: &str) -> Result<Option<(i64, Vec<i64>)>, DbError> {
    let id: Option<i64> = query("SELECT id FROM users WHERE LOWER(email) = LOWER($1) AND disabled = FALSE")
        .bind(email.trim())
        .scalar_optional(db)
        .await?;
    let Some(id) = id else { return Ok(None) };
    let kims: Vec<i64> =
        query("SELECT kim_id FROM user_roles WHERE user_id = $1 AND role IN ($2, $3) AND kim_id IS NOT NULL")
            .bind(id)
            .bind(Role::Anggota)
            .bind(Role::Redaksi)
            .scalars(db)
            .await?;
    let member: i64 = query("SELECT COUNT(*) FROM user_roles WHERE user_id = $1 AND role IN ($2, $3)")
        .bind(id)
        .bind(Role::Anggota)
        .bind(Role::Redaksi)
        .scalar(db)
        .await?;
    Ok((member > 0).then_some((id, kims)))
}

/// An issued certificate.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Certificate {
    pub id: i64,
    pub number: String,
    pub user_id: i64,
    pub session_id: i64,
    pub holder_name: String,
    pub programme_title: String,
    pub session_date: String,
    pub organiser: String,
    pub issued_at: i64,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
    pub revoked_automatically: bool,
}

const CERTIFICATE: &str = "SELECT id, number, user_id, session_id, holder_name, programme_title, session_date,
    organiser, issued_at, revoked_at, revoked_reason, revoked_automatically FROM training_certificates";

#[allow(clippy::too_many_arguments)]
pub async fn insert_certificate(
    tx: &mut Tx,
    number: &str,
    registration_id: i64,
    user_id: i64,
    session_id: i64,
    holder_name: &str,
    s: &Session,
    session_date: &str,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO training_certificates (number, registration_id, user_id, session_id, holder_name, programme_title,
         session_date, organiser, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(number)
    .bind(registration_id)
    .bind(user_id)
    .bind(session_id)
    .bind(holder_name)
    .bind(s.programme_title.as_str())
    .bind(session_date)
    .bind(s.organiser.as_str())
    .bind(now.0)
    .scalar(tx)
    .await
}

pub async fn certificate_by_number(ex: impl Executor, number: &str) -> Result<Option<Certificate>, DbError> {
    query(format!("{CERTIFICATE} WHERE number = $1")).bind(number).fetch_optional(ex).await
}

pub async fn certificate_of_registration(
    ex: impl Executor,
    registration_id: i64,
) -> Result<Option<Certificate>, DbError> {
    query(format!("{CERTIFICATE} WHERE registration_id = $1")).bind(registration_id).fetch_optional(ex).await
}

pub async fn certificates_of_user(db: &Db, user_id: i64) -> Result<Vec<Certificate>, DbError> {
    query(format!("{CERTIFICATE} WHERE user_id = $1 ORDER BY issued_at DESC")).bind(user_id).fetch_all(db).await
}

/// Revokes a certificate once; false when it already was.
pub async fn revoke_certificate(
    tx: &mut Tx,
    id: i64,
    reason: &str,
    automatically: bool,
    now: Timestamp,
) -> Result<bool, DbError> {
    query(
        "UPDATE training_certificates SET revoked_at = $2, revoked_reason = $3, revoked_automatically = $4
         WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(now.0)
    .bind(reason)
    .bind(automatically)
    .execute(tx)
    .await
    .map(|n| n == 1)
}

/// The holder's name as printed: their account name.
pub async fn user_name(ex: impl Executor, user_id: i64) -> Result<Option<String>, DbError> {
    query("SELECT name FROM users WHERE id = $1").bind(user_id).scalar_optional(ex).await
}

/// (session, user, attended_at) of a registration that holds a seat.
pub async fn registration_core(ex: impl Executor, id: i64) -> Result<Option<(i64, i64, Option<i64>)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Core {
        session_id: i64,
        user_id: i64,
        attended_at: Option<i64>,
    }
    let c: Option<Core> =
        query("SELECT session_id, user_id, attended_at FROM training_registrations WHERE id = $1 AND status = $2")
            .bind(id)
            .bind(RegStatus::Terdaftar)
            .fetch_optional(ex)
            .await?;
    Ok(c.map(|c| (c.session_id, c.user_id, c.attended_at)))
}

pub async fn certificates_of_session(db: &Db, session_id: i64) -> Result<Vec<Certificate>, DbError> {
    query(format!("{CERTIFICATE} WHERE session_id = $1 ORDER BY id")).bind(session_id).fetch_all(db).await
}

/// A file or a link of a session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Material {
    pub id: i64,
    pub session_id: i64,
    pub title: String,
    pub url: Option<String>,
    pub storage_key: Option<String>,
    pub file_name: Option<String>,
}

pub async fn materials(db: &Db, session_id: i64) -> Result<Vec<Material>, DbError> {
    query("SELECT id, session_id, title, url, storage_key, file_name, size_bytes FROM training_materials WHERE session_id = $1 ORDER BY id")
        .bind(session_id)
        .fetch_all(db)
        .await
}

pub async fn material(db: &Db, id: i64) -> Result<Option<Material>, DbError> {
    query("SELECT id, session_id, title, url, storage_key, file_name, size_bytes FROM training_materials WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_material(
    tx: &mut Tx,
    session_id: i64,
    title: &str,
    url: Option<&str>,
    storage_key: Option<&str>,
    file_name: Option<&str>,
    size: Option<i64>,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO training_materials (session_id, title, url, storage_key, file_name, size_bytes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(session_id)
    .bind(title)
    .bind(url.map(str::to_owned))
    .bind(storage_key.map(str::to_owned))
    .bind(file_name.map(str::to_owned))
    .bind(size)
    .bind(now.0)
    .scalar(tx)
    .await
}

/// Figures of one programme or one KIM group.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Figures {
    pub name: String,
    /// Seats taken (the waiting list not counted).
    pub registered: i64,
    pub attended: i64,
    /// Certificates in force.
    pub completed: i64,
    /// Practice drafts the Redaksi published.
    pub practice_published: i64,
}

pub async fn figures_by_programme(db: &Db) -> Result<Vec<Figures>, DbError> {
    query(
        "SELECT p.id, p.title AS name,
         (SELECT COUNT(*) FROM training_registrations r JOIN training_sessions s ON s.id = r.session_id
          WHERE s.programme_id = p.id AND r.status = $1) AS registered,
         (SELECT COUNT(*) FROM training_registrations r JOIN training_sessions s ON s.id = r.session_id
          WHERE s.programme_id = p.id AND r.status = $1 AND r.attended_at IS NOT NULL) AS attended,
         (SELECT COUNT(*) FROM training_certificates c JOIN training_sessions s ON s.id = c.session_id
          WHERE s.programme_id = p.id AND c.revoked_at IS NULL) AS completed,
         (SELECT COUNT(*) FROM articles a JOIN training_sessions s ON s.id = a.training_session_id
          WHERE s.programme_id = p.id AND a.state = $2) AS practice_published
         FROM training_programmes p ORDER BY p.id DESC",
    )
    .bind(RegStatus::Terdaftar)
    .bind(ArticleState::Published)
    .fetch_all(db)
    .await
}

pub async fn figures_by_kim(db: &Db) -> Result<Vec<Figures>, DbError> {
    query(
        "SELECT k.id, k.name,
         COUNT(DISTINCT CASE WHEN r.status = $1 THEN r.id END) AS registered,
         COUNT(DISTINCT CASE WHEN r.status = $1 AND r.attended_at IS NOT NULL THEN r.id END) AS attended,
         COUNT(DISTINCT c.id) AS completed,
         (SELECT COUNT(DISTINCT a.id) FROM articles a JOIN user_roles u2 ON u2.user_id = a.author_id AND u2.kim_id = k.id
          WHERE a.training_session_id IS NOT NULL AND a.state = $2) AS practice_published
         FROM kim_groups k
         JOIN user_roles ur ON ur.kim_id = k.id AND ur.role IN ($3, $4)
         JOIN training_registrations r ON r.user_id = ur.user_id
         LEFT JOIN training_certificates c ON c.registration_id = r.id AND c.revoked_at IS NULL
         GROUP BY k.id, k.name ORDER BY k.name",
    )
    .bind(RegStatus::Terdaftar)
    .bind(ArticleState::Published)
    .bind(Role::Anggota)
    .bind(Role::Redaksi)
    .fetch_all(db)
    .await
}

/// The session's practice assignment, if it has one.
pub async fn practice_of(ex: impl Executor, session_id: i64) -> Result<Option<String>, DbError> {
    query("SELECT practice FROM training_sessions WHERE id = $1")
        .bind(session_id)
        .scalar_optional::<Option<String>>(ex)
        .await
        .map(Option::flatten)
}

pub async fn set_practice(tx: &mut Tx, session_id: i64, practice: Option<&str>) -> Result<u64, DbError> {
    query("UPDATE training_sessions SET practice = $2 WHERE id = $1")
        .bind(session_id)
        .bind(practice.map(str::to_owned))
        .execute(tx)
        .await
}

/// Rewrites a session's time, place, capacity and practice.
pub async fn update_session(
    tx: &mut Tx,
    id: i64,
    s: &NewSession,
    practice: Option<&str>,
    now: Timestamp,
) -> Result<u64, DbError> {
    query(
        "UPDATE training_sessions SET starts_at = $2, ends_at = $3, place = $4, online_url = $5, capacity = $6,
         registration_deadline = $7, practice = $8, updated_at = $9 WHERE id = $1 AND confirmed <= $6",
    )
    .bind(id)
    .bind(s.starts_at)
    .bind(s.ends_at)
    .bind(s.place.clone())
    .bind(s.online_url.clone())
    .bind(s.capacity)
    .bind(s.registration_deadline)
    .bind(practice.map(str::to_owned))
    .bind(now.0)
    .execute(tx)
    .await
}

/// Puts a revoked certificate back in force; false when it was not revoked.
pub async fn restore_certificate(tx: &mut Tx, id: i64) -> Result<bool, DbError> {
    query(
        "UPDATE training_certificates SET revoked_at = NULL, revoked_reason = NULL, revoked_automatically = FALSE
         WHERE id = $1 AND revoked_at IS NOT NULL AND revoked_automatically",
    )
    .bind(id)
    .execute(tx)
    .await
    .map(|n| n == 1)
}

/// Locks a session's row for the rest of the transaction; false when there is no such session.
pub async fn lock_session(tx: &mut Tx, id: i64) -> Result<bool, DbError> {
    query("UPDATE training_sessions SET confirmed = confirmed WHERE id = $1").bind(id).execute(tx).await.map(|n| n == 1)
}

/// Sessions starting between `from` and `to`, soonest first.
pub async fn starting_between(db: &Db, from: Timestamp, to: Timestamp) -> Result<Vec<Session>, DbError> {
    query(format!("{SESSION} WHERE s.starts_at >= $1 AND s.starts_at < $2 ORDER BY s.starts_at, s.id"))
        .bind(from.0)
        .bind(to.0)
        .fetch_all(db)
        .await
}

/// Sessions that ended between `from` and `to` with participants not yet marked present:
/// (session, how many), the oldest first.
pub async fn attendance_open(db: &Db, from: Timestamp, to: Timestamp) -> Result<Vec<(Session, i64)>, DbError> {
    let sessions: Vec<Session> = query(format!(
        "{SESSION} WHERE s.ends_at >= $1 AND s.ends_at < $2 AND EXISTS (SELECT 1 FROM training_registrations r
         WHERE r.session_id = s.id AND r.status = $3 AND r.attended_at IS NULL) ORDER BY s.ends_at, s.id"
    ))
    .bind(from.0)
    .bind(to.0)
    .bind(RegStatus::Terdaftar)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(sessions.len());
    for s in sessions {
        let n = query(
            "SELECT COUNT(*) FROM training_registrations WHERE session_id = $1 AND status = $2 AND attended_at IS NULL",
        )
        .bind(s.id)
        .bind(RegStatus::Terdaftar)
        .scalar(db)
        .await?;
        out.push((s, n));
    }
    Ok(out)
}

/// How many people attended at least one session.
pub async fn people_trained(db: &Db) -> Result<i64, DbError> {
    query("SELECT COUNT(DISTINCT user_id) FROM training_registrations WHERE attended_at IS NOT NULL").scalar(db).await
}

/// Every stored material file's key (for the sweep of files no row references).
pub async fn material_keys(ex: impl Executor) -> Result<Vec<String>, DbError> {
    query("SELECT storage_key FROM training_materials WHERE storage_key IS NOT NULL").scalars(ex).await
}
