//! The admin's categories pages.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{repo, service};
use crate::{
    app::AppState,
    domain::{category::CategoryForm, validation::FieldErrors},
    error::{AppError, AppResult},
    web::{
        extract::{ConfirmForm, Form, Path},
        flash::{Flash, after, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "categories/list.html")]
struct ListPage {
    page: Page,
    categories: Vec<repo::CategoryRow>,
    form: CategoryForm,
    errors: FieldErrors,
}

async fn list_page(app: &AppState, viewer: &Viewer, form: CategoryForm, errors: FieldErrors) -> AppResult<ListPage> {
    let categories = repo::list(&app.db).await?;
    Ok(ListPage { page: Page::new(app, viewer, "/admin/kategori", "categories-title"), categories, form, errors })
}

pub async fn list_categories(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    Ok(render(&list_page(&app, &viewer, CategoryForm::default(), FieldErrors::new()).await?))
}

pub async fn create_category(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<CategoryForm>,
) -> AppResult<Response> {
    match service::create(&app, &viewer.actor(), &form).await {
        Ok(_) => Ok(redirect_with(&app, "/admin/kategori", Flash::ok("flash-category-created"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&list_page(&app, &viewer, form, errors).await?)),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "categories/form.html")]
struct FormPage {
    page: Page,
    form: CategoryForm,
    errors: FieldErrors,
}

fn form_page(app: &AppState, viewer: &Viewer, id: i64, form: CategoryForm, errors: FieldErrors) -> FormPage {
    FormPage {
        page: Page::new(app, viewer, &format!("/admin/kategori/{id}/ubah"), "categories-edit-title"),
        form,
        errors,
    }
}

pub async fn edit_category(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let c = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let form = CategoryForm { name: c.name, description: c.description.unwrap_or_default() };
    Ok(render(&form_page(&app, &viewer, id, form, FieldErrors::new())))
}

pub async fn update_category(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CategoryForm>,
) -> AppResult<Response> {
    match service::update(&app, &viewer.actor(), id, &form).await {
        Ok(()) => Ok(redirect_with(&app, "/admin/kategori", Flash::ok("flash-saved"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&form_page(&app, &viewer, id, form, errors))),
        Err(e) => Err(e),
    }
}

pub async fn delete_category(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let result = service::delete(&app, &viewer.actor(), id, form.confirmed()).await;
    after(&app, result, "/admin/kategori", "flash-deleted", &format!("/admin/kategori/{id}/ubah"))
}
