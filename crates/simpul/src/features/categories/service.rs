//! Managing news categories: admin only, names unique, every change audited.

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        category::{CategoryForm, CategoryInput},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        db::Tx,
    },
};

async fn validate(tx: &mut Tx, form: &CategoryForm, id: i64) -> AppResult<CategoryInput> {
    let input = form.validate()?;
    if repo::name_taken(&mut *tx, &input.name, id).await? {
        let mut e = FieldErrors::new();
        e.add("name", "err-name-taken");
        return Err(e.into());
    }
    Ok(input)
}

pub async fn create(app: &App, actor: &Actor, form: &CategoryForm) -> AppResult<i64> {
    actor.require(Permission::ManageCategories)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let input = validate(&mut tx, form, 0).await?;
    let slug = crate::infra::db::unique_slug(&mut tx, "categories", &input.name, 60, "kategori")
        .await?
        .ok_or(AppError::Conflict("err-slug"))?;
    let id = repo::insert(&mut tx, &slug, &input, now).await?;
    audit::record(&mut tx, actor, now, Event::new("category.create", "category", id).after(&input)).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(app: &App, actor: &Actor, id: i64, form: &CategoryForm) -> AppResult<()> {
    actor.require(Permission::ManageCategories)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let input = validate(&mut tx, form, id).await?;
    repo::update(&mut tx, id, &input, now).await?;
    audit::record(&mut tx, actor, now, Event::new("category.update", "category", id).before(&before).after(&input))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a category (articles, when they come, will keep it while they use it).
pub async fn delete(app: &App, actor: &Actor, id: i64, confirmed: bool) -> AppResult<()> {
    actor.require(Permission::ManageCategories)?;
    if !confirmed {
        return Err(AppError::BadRequest("err-confirm"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    repo::delete(&mut tx, id).await?;
    audit::record(&mut tx, actor, now, Event::new("category.delete", "category", id).before(&before)).await?;
    tx.commit().await?;
    Ok(())
}

/// The category named `name` (compared as `simpul_text::sort_key` compares), created when
/// there is none: bulk imports name their categories in words. Runs in the importer's
/// transaction, whose audit event covers it.
pub async fn id_for_name(tx: &mut Tx, name: &str, now: crate::domain::time::Timestamp) -> AppResult<i64> {
    if let Some(id) = repo::id_by_name_key(&mut *tx, &simpul_text::sort_key(name)).await? {
        return Ok(id);
    }
    let input = CategoryInput { name: name.to_owned(), description: None };
    let slug = simpul_text::slugify(name, 60);
    Ok(repo::insert(tx, &slug, &input, now).await?)
}
