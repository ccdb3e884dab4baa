//! The KIM registry: create and edit groups, assign members. Admin only; every change audited.

use serde::Deserialize;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Grant, Permission, Role, Scope},
        kim::{KimForm, KimInput, KimLevel, region_level_for},
        text::Email,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::{accounts, regions},
    infra::{
        audit::{self, Event},
        jobs,
        mail::Mail,
    },
};

/// Checks the form and that the chosen region exists at the group's level; every problem is
/// reported at once.
async fn validate(app: &App, form: &KimForm) -> AppResult<KimInput> {
    let parsed = form.validate();
    let level = KimLevel::parse(form.level.trim());
    let region_id = form.region_id.trim().parse::<i64>().ok();
    let region_ok = match (level, region_id) {
        (Some(level), Some(id)) => {
            regions::find(&app.db, id).await?.is_some_and(|r| r.level == region_level_for(level))
        }
        _ => true,
    };
    match parsed {
        Ok(input) if region_ok => Ok(input),
        Ok(_) => {
            let mut e = FieldErrors::new();
            e.add("region_id", "err-region-level");
            Err(e.into())
        }
        Err(mut e) => {
            if !region_ok && e.get("region_id").is_none() {
                e.add("region_id", "err-region-level");
            }
            Err(e.into())
        }
    }
}

pub async fn create(app: &App, actor: &Actor, form: &KimForm) -> AppResult<(i64, String)> {
    actor.require(Permission::ManageKim)?;
    let input = validate(app, form).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let slug = crate::infra::db::unique_slug(&mut tx, "kim_groups", &input.name, 80, "kim")
        .await?
        .ok_or(AppError::Conflict("err-slug"))?;
    let id = repo::insert(&mut tx, &slug, &input, now).await?;
    audit::record(&mut tx, actor, now, Event::new("kim.create", "kim", id).after(&input)).await?;
    tx.commit().await?;
    Ok((id, slug))
}

pub async fn update(app: &App, actor: &Actor, id: i64, form: &KimForm) -> AppResult<()> {
    actor.require(Permission::ManageKim)?;
    let input = validate(app, form).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    repo::update(&mut tx, id, &input, now).await?;
    audit::record(&mut tx, actor, now, Event::new("kim.update", "kim", id).before(&before).after(&input)).await?;
    tx.commit().await?;
    Ok(())
}

/// The "add member" form: an existing account by e-mail, or a new one (name + e-mail).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct MemberForm {
    pub email: String,
    pub name: String,
    /// `anggota` or `redaksi`.
    pub role: String,
}

/// Gives a person a role in the group. A new person gets an account and a mail with a link
/// to choose their password.
pub async fn add_member(app: &App, actor: &Actor, kim_id: i64, form: &MemberForm) -> AppResult<bool> {
    actor.require(Permission::ManageKim)?;
    let kim = repo::find(&app.db, kim_id).await?.ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::new();
    let email = Email::parse(&form.email);
    if email.is_none() {
        e.add("email", if form.email.trim().is_empty() { "err-required" } else { "err-email" });
    }
    let role = Role::parse(&form.role).filter(|r| matches!(r, Role::Anggota | Role::Redaksi));
    if role.is_none() {
        e.add("role", "err-choose");
    }
    let name = e.optional("name", &form.name, 100);
    let (Some(email), Some(role)) = (email, role) else { return Err(e.into()) };
    e.into_result()?;
    let grant = Grant::new(role, Scope::Kim(kim_id)).ok_or(AppError::BadRequest("err-choose"))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let user_id = match accounts::find_user_by_email(&mut tx, email.as_str()).await? {
        Some(u) if u.email_verified_at.is_none() || u.disabled => {
            let mut e = FieldErrors::new();
            e.add("email", "err-account-unverified");
            return Err(e.into());
        }
        Some(u) => u.id,
        None => {
            let Some(name) = name else {
                let mut e = FieldErrors::new();
                e.add("name", "err-name-for-new");
                return Err(e.into());
            };
            let id = accounts::insert_user(&mut tx, &name, email.as_str(), None, Some(now), now).await?;
            audit::record(
                &mut tx,
                actor,
                now,
                Event::new("user.create", "user", id).after(&serde_json::json!({ "name": name })),
            )
            .await?;
            let link = accounts::issue_reset_link(&mut tx, app, id, now).await?;
            let lang = crate::infra::i18n::Lang::Id;
            let body =
                lang.t_args("mail-welcome-body", &[("name", name.clone()), ("kim", kim.name.clone()), ("link", link)]);
            jobs::enqueue(
                &mut tx,
                now,
                &Mail {
                    to: email.as_str().to_owned(),
                    subject: lang.t("mail-welcome-subject"),
                    body,
                    unsubscribe: None,
                },
            )
            .await?;
            id
        }
    };
    let added = accounts::insert_grant(&mut tx, user_id, grant, now).await?;
    if added {
        let after = serde_json::json!({ "role": role.as_str(), "scope": grant.scope.key(), "kim": kim.name });
        audit::record(&mut tx, actor, now, Event::new("user.role_grant", "user", user_id).after(&after)).await?;
    }
    tx.commit().await?;
    Ok(added)
}

/// Removes a role held in this group.
pub async fn remove_member(app: &App, actor: &Actor, kim_id: i64, grant_id: i64) -> AppResult<()> {
    actor.require(Permission::ManageKim)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let g = accounts::find_grant(&mut tx, grant_id)
        .await?
        .filter(|g| g.kim_id == Some(kim_id))
        .ok_or(AppError::NotFound)?;
    accounts::delete_grant(&mut tx, grant_id).await?;
    let before = serde_json::json!({ "role": g.role, "scope": g.scope_key, "kim": g.unit_name });
    audit::record(&mut tx, actor, now, Event::new("user.role_revoke", "user", g.user_id).before(&before)).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a group that has no members left (members are removed first, each audited).
pub async fn delete(app: &App, actor: &Actor, id: i64, confirmed: bool) -> AppResult<()> {
    actor.require(Permission::ManageKim)?;
    if !confirmed {
        return Err(AppError::BadRequest("err-confirm"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if repo::grant_count(&mut tx, id).await? > 0 {
        return Err(AppError::Conflict("err-kim-has-members"));
    }
    repo::delete(&mut tx, id).await?;
    audit::record(&mut tx, actor, now, Event::new("kim.delete", "kim", id).before(&before)).await?;
    tx.commit().await?;
    Ok(())
}
