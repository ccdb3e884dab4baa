//! The OPD registry: admin only, audited.

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        event::DomainEvent,
        opd::OpdForm,
    },
    error::{AppError, AppResult},
    infra::audit::{self, Event},
    registry,
};

pub async fn create(app: &App, actor: &Actor, form: &OpdForm) -> AppResult<i64> {
    actor.require(Permission::ManageOpd)?;
    let input = form.validate()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let slug = crate::infra::db::unique_slug(&mut tx, "opd", &input.short_name, 60, "opd")
        .await?
        .ok_or(AppError::Conflict("err-slug"))?;
    let id = repo::insert(&mut tx, &slug, &input, now).await?;
    audit::record(&mut tx, actor, now, Event::new("opd.create", "opd", id).after(&input)).await?;
    let saved = DomainEvent::OpdSaved { opd_id: id, slug, name: input.name.clone() };
    registry::publish(app, &mut tx, actor, now, saved).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(app: &App, actor: &Actor, id: i64, form: &OpdForm) -> AppResult<()> {
    actor.require(Permission::ManageOpd)?;
    let input = form.validate()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    repo::update(&mut tx, id, &input, now).await?;
    audit::record(&mut tx, actor, now, Event::new("opd.update", "opd", id).before(&before).after(&input)).await?;
    let saved = DomainEvent::OpdSaved { opd_id: id, slug: before.slug.clone(), name: input.name.clone() };
    registry::publish(app, &mut tx, actor, now, saved).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a unit that has no officers left.
pub async fn delete(app: &App, actor: &Actor, id: i64, confirmed: bool) -> AppResult<()> {
    actor.require(Permission::ManageOpd)?;
    if !confirmed {
        return Err(AppError::BadRequest("err-confirm"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if repo::officer_count(&mut tx, id).await? > 0 {
        return Err(AppError::Conflict("err-opd-has-officers"));
    }
    repo::delete(&mut tx, id).await?;
    audit::record(&mut tx, actor, now, Event::new("opd.delete", "opd", id).before(&before)).await?;
    tx.commit().await?;
    Ok(())
}
