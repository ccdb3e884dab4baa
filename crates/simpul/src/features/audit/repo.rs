//! Reading the audit trail (writing is `infra::audit::record`, inside each change's transaction).

use crate::infra::db::{DbError, Executor, like_pattern, query};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub request_id: Option<String>,
}

/// Filters of the audit page; empty means "any".
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Action prefix, e.g. `kim.` or `user.role`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// Text in the actor's label.
    pub actor: String,
    #[serde(deserialize_with = "crate::web::extract::empty_as_none")]
    pub before_id: Option<i64>,
}

pub async fn list(ex: impl Executor, f: &AuditFilter, limit: i64) -> Result<Vec<AuditRow>, DbError> {
    query(
        "SELECT id, at, actor_label, action, entity_type, entity_id, before_json, after_json, request_id FROM audit_events
         WHERE LOWER(action) LIKE $1 ESCAPE '\\' AND ($2 = '' OR entity_type = $2) AND ($3 = '' OR entity_id = $3) AND LOWER(actor_label) LIKE $4 ESCAPE '\\'
           AND ($5 IS NULL OR id < $5)
         ORDER BY id DESC LIMIT $6",
    )
    .bind(like_pattern(&f.action, true))
    .bind(f.entity_type.trim())
    .bind(f.entity_id.trim())
    .bind(like_pattern(&f.actor, false))
    .bind(f.before_id)
    .bind(limit)
    .fetch_all(ex)
    .await
}
