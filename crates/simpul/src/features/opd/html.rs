//! OPD pages: the public list and the admin registry.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{repo, service};
use crate::{
    app::AppState,
    domain::{opd::OpdForm, validation::FieldErrors},
    error::{AppError, AppResult},
    web::{
        extract::{ConfirmForm, Form, Path},
        flash::{Flash, after, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "opd/list.html")]
struct ListPage {
    page: Page,
    units: Vec<repo::OpdRow>,
    admin: bool,
}

pub async fn list_opd(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let units = repo::list(&app.db).await?;
    Ok(render(&ListPage { page: Page::new(&app, &viewer, "/opd", "opd-title"), units, admin: false }))
}

pub async fn admin_list_opd(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let units = repo::list(&app.db).await?;
    Ok(render(&ListPage { page: Page::new(&app, &viewer, "/admin/opd", "opd-admin-title"), units, admin: true }))
}

#[derive(Template)]
#[template(path = "opd/form.html")]
struct FormPage {
    page: Page,
    form: OpdForm,
    errors: FieldErrors,
}

fn form_page(app: &AppState, viewer: &Viewer, id: Option<i64>, form: OpdForm, errors: FieldErrors) -> FormPage {
    let page = match id {
        Some(id) => Page::new(app, viewer, &format!("/admin/opd/{id}/ubah"), "opd-edit-title"),
        None => Page::new(app, viewer, "/admin/opd/baru", "opd-new-title"),
    };
    FormPage { page, form, errors }
}

pub async fn new_opd(State(app): State<AppState>, viewer: Viewer) -> Response {
    render(&form_page(&app, &viewer, None, OpdForm::default(), FieldErrors::new()))
}

pub async fn create_opd(State(app): State<AppState>, viewer: Viewer, Form(form): Form<OpdForm>) -> AppResult<Response> {
    match service::create(&app, &viewer.actor(), &form).await {
        Ok(_) => Ok(redirect_with(&app, "/admin/opd", Flash::ok("flash-opd-created"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&form_page(&app, &viewer, None, form, errors))),
        Err(e) => Err(e),
    }
}

pub async fn edit_opd(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let o = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let form = OpdForm {
        name: o.name,
        short_name: o.short_name,
        address: o.address.unwrap_or_default(),
        phone: o.phone.unwrap_or_default(),
        email: o.email.unwrap_or_default(),
        website: o.website.unwrap_or_default(),
        categories: o.categories.unwrap_or_default(),
    };
    Ok(render(&form_page(&app, &viewer, Some(id), form, FieldErrors::new())))
}

pub async fn update_opd(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<OpdForm>,
) -> AppResult<Response> {
    match service::update(&app, &viewer.actor(), id, &form).await {
        Ok(()) => Ok(redirect_with(&app, "/admin/opd", Flash::ok("flash-saved"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&form_page(&app, &viewer, Some(id), form, errors))),
        Err(e) => Err(e),
    }
}

pub async fn delete_opd(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let result = service::delete(&app, &viewer.actor(), id, form.confirmed()).await;
    after(&app, result, "/admin/opd", "flash-deleted", &format!("/admin/opd/{id}/ubah"))
}
