//! A report's timeline: every step, who took it, and who may see it.

use crate::{
    domain::{
        aspiration::{Participant, Status, Step},
        ids::{AspirationId, OpdId, UserId},
        time::Timestamp,
    },
    infra::db::{DbError, Executor, Tx, query},
};

/// One entry of the timeline.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub at: Timestamp,
    pub action: Step,
    pub status: Status,
    pub party: Participant,
    pub opd_name: Option<String>,
    pub body: Option<String>,
}

/// A new timeline entry.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub step: Step,
    pub status: Status,
    pub party: Participant,
    pub user_id: Option<UserId>,
    pub opd_id: Option<OpdId>,
    pub body: Option<&'a str>,
    pub public: bool,
}

pub async fn insert_event(tx: &mut Tx, id: AspirationId, e: &NewEvent<'_>, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO aspiration_events (aspiration_id, at, action, status, party, user_id, opd_id, body, public)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(id)
    .bind(now)
    .bind(e.step)
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
pub async fn events(ex: impl Executor, id: AspirationId, audience: Audience) -> Result<Vec<EventRow>, DbError> {
    let (all, own) = match audience {
        Audience::Public => (false, false),
        Audience::Reporter => (false, true),
        Audience::Staff => (true, true),
    };
    let mut rows: Vec<EventRow> = query(
        "SELECT e.at, e.action, e.status, e.party, o.short_name AS opd_name, e.body
         FROM aspiration_events e LEFT JOIN opd o ON o.id = e.opd_id
         WHERE e.aspiration_id = $1 AND ($2 OR e.public OR ($3 AND e.party = $4)) ORDER BY e.id",
    )
    .bind(id)
    .bind(all)
    .bind(own)
    .bind(Participant::Reporter)
    .fetch_all(ex)
    .await?;
    // The public is not told that a KIM member filed the report for someone.
    if audience == Audience::Public {
        for e in rows.iter_mut().filter(|e| e.party == Participant::Assistant) {
            e.party = Participant::Reporter;
        }
    }
    Ok(rows)
}
