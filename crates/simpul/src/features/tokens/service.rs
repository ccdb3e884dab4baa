//! Issuing, checking and revoking API tokens.

use serde::Deserialize;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission, Role, TokenScope},
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::accounts,
    infra::{
        audit::{self, Event},
        crypto,
    },
    web::viewer::{TokenClient, TokenOwner},
};

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct TokenForm {
    pub name: String,
    pub scope: String,
}

/// Issues a machine-client token (not tied to a person); the secret is returned once and only
/// its hash is kept.
pub async fn create(app: &App, actor: &Actor, form: &TokenForm) -> AppResult<String> {
    actor.require(Permission::ManageTokens)?;
    issue(app, actor, form, None).await
}

/// Issues a personal token: it acts for the signed-in person, with their roles.
pub async fn create_personal(app: &App, actor: &Actor, form: &TokenForm) -> AppResult<String> {
    let owner = actor.user_id.ok_or(AppError::Unauthenticated)?;
    // A token acts only with its owner's newsroom roles: nobody else has a use for one.
    actor.require_change(Permission::WriteNews)?;
    issue(app, actor, form, Some(owner)).await
}

async fn issue(app: &App, actor: &Actor, form: &TokenForm, owner: Option<i64>) -> AppResult<String> {
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
    let hash = crypto::sha256_hex(&secret);
    let new = repo::NewToken {
        name: &name,
        scope: form.scope.trim(),
        hash: &hash,
        prefix: &prefix,
        by: actor.user_id,
        owner,
    };
    let id = repo::insert(&mut tx, &new, now).await?;
    let after = serde_json::json!({ "name": name, "scope": form.scope.trim(), "user_id": owner });
    audit::record(&mut tx, actor, now, Event::new("token.create", "api_token", id).after(&after)).await?;
    tx.commit().await?;
    Ok(secret)
}

/// Revokes any token (admin).
pub async fn revoke(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require(Permission::ManageTokens)?;
    repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    revoke_unchecked(app, actor, id).await
}

/// Revokes one of the signed-in person's own tokens.
pub async fn revoke_personal(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    let owner = actor.user_id.ok_or(AppError::Unauthenticated)?;
    if actor.read_only {
        return Err(AppError::Forbidden);
    }
    let t = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    if t.user_id != Some(owner) {
        return Err(AppError::NotFound);
    }
    revoke_unchecked(app, actor, id).await
}

async fn revoke_unchecked(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
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
    let acting_for = match (t.user_id, t.user_name) {
        (Some(id), Some(name)) => {
            // A personal token carries only its owner's newsroom roles: a leaked token of an
            // admin or an OPD officer does not open the admin area or citizens' reports.
            let grants = accounts::grants_for(&app.db, id)
                .await?
                .iter()
                .filter_map(|g| g.grant())
                .filter(|g| matches!(g.role, Role::Anggota | Role::Redaksi))
                .collect();
            Some(TokenOwner { id, name, grants })
        }
        _ => None,
    };
    Ok(Some(TokenClient { id: t.id, name: t.name, scope: t.scope, acting_for }))
}

/// A new password revokes its owner's personal tokens: a token minted from a stolen session
/// must not outlive it.
pub fn on_event<'a>(
    _app: &'a App,
    tx: &'a mut crate::infra::db::Tx,
    e: &'a crate::registry::Published<'a>,
) -> futures_util::future::BoxFuture<'a, AppResult<()>> {
    Box::pin(async move {
        if let crate::domain::event::DomainEvent::PasswordChanged { user_id } = e.event {
            repo::revoke_all_personal(tx, *user_id, e.now).await?;
        }
        Ok(())
    })
}
