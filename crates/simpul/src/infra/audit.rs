//! The audit trail: every state change writes one event in the same transaction.

use serde::Serialize;

use super::db::{DbError, Tx, query};
use crate::domain::{access::Actor, time::Timestamp};

/// One audit event, written with [`record`].
pub struct Event<'a> {
    /// Dotted verb, e.g. `kim.create`, `user.role_grant`, `auth.lockout`.
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Event<'a> {
    pub fn new(action: &'a str, entity_type: &'a str, entity_id: impl ToString) -> Self {
        Event { action, entity_type, entity_id: Some(entity_id.to_string()), before: None, after: None }
    }

    pub fn before(mut self, v: &impl Serialize) -> Self {
        self.before = serde_json::to_value(v).ok();
        self
    }

    pub fn after(mut self, v: &impl Serialize) -> Self {
        self.after = serde_json::to_value(v).ok();
        self
    }
}

/// Writes `event` inside `tx`; if the transaction rolls back, so does the event.
pub async fn record(tx: &mut Tx, actor: &Actor, at: Timestamp, event: Event<'_>) -> Result<(), DbError> {
    query(
        "INSERT INTO audit_events (at, actor_user_id, actor_label, action, entity_type, entity_id, before_json, after_json, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(at.0)
    .bind(actor.user_id)
    .bind(actor.label.as_str())
    .bind(event.action)
    .bind(event.entity_type)
    .bind(event.entity_id)
    .bind(event.before.map(|v| v.to_string()))
    .bind(event.after.map(|v| v.to_string()))
    .bind(actor.request_id.clone())
    .execute(tx)
    .await?;
    Ok(())
}
