//! Issuing, checking and revoking API tokens.

use serde::Deserialize;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission, TokenScope},
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        crypto,
    },
    web::viewer::TokenClient,
};

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct TokenForm {
    pub name: String,
    pub scope: String,
}

/// Issues a token; the secret is returned once and only its hash is kept.
pub async fn create(app: &App, actor: &Actor, form: &TokenForm) -> AppResult<String> {
    actor.require(Permission::ManageTokens)?;
    let mut e = FieldErrors::new();
    let name = e.required("name", &form.name, 80);
    if TokenScope::parse(&form.scope).is_none() {
        e.add("scope", "err-choose");
    }
    e.into_result()?;
    let secret = format!("smp_{}", crypto::random_token(32));
    let prefix: String = secret.chars().take(10).collect();
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let id = repo::insert(&mut tx, &name, form.scope.trim(), &crypto::sha256_hex(&secret), &prefix, actor.user_id, now)
        .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Event::new("token.create", "api_token", id)
            .after(&serde_json::json!({ "name": name, "scope": form.scope.trim() })),
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}

pub async fn revoke(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require(Permission::ManageTokens)?;
    repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::revoke(&mut tx, id, now).await?;
    audit::record(&mut tx, actor, now, Event::new("token.revoke", "api_token", id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The client behind a bearer token; an unknown or revoked token is a 401.
pub async fn authenticate(app: &App, secret: &str, now: Timestamp) -> AppResult<Option<TokenClient>> {
    let Some(t) = repo::find_active_by_hash(&app.db, &crypto::sha256_hex(secret)).await? else {
        return Err(AppError::Unauthenticated);
    };
    // Record use at most once a minute, so API reads do not queue for the writer.
    if t.last_used_at.is_none_or(|at| at < now.plus_minutes(-1).0) {
        let mut tx = app.db.begin().await?;
        repo::touch(&mut tx, t.id, now).await?;
        tx.commit().await?;
    }
    Ok(Some(TokenClient { id: t.id, name: t.name, scope: t.scope }))
}
