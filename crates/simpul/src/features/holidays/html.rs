//! The admin's holiday calendar page.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{
    repo,
    service::{self, HolidayForm, ImportForm, KINDS},
};
use crate::{
    app::AppState,
    domain::validation::FieldErrors,
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path},
        flash::{Flash, after, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "holidays/list.html")]
struct ListPage {
    page: Page,
    items: Vec<repo::HolidayRow>,
    form: HolidayForm,
    import: ImportForm,
    errors: FieldErrors,
    kinds: [&'static str; 3],
}

async fn list_page(
    app: &AppState,
    viewer: &Viewer,
    form: HolidayForm,
    import: ImportForm,
    errors: FieldErrors,
) -> AppResult<ListPage> {
    // From the start of last year: recent history stays visible, the rest is not in the way.
    let today = app.clock.now().date_in(app.zone());
    let from = format!("{:04}-01-01", today.year() - 1);
    let items = repo::list_from(&app.db, &from).await?;
    Ok(ListPage {
        page: Page::new(app, viewer, "/admin/hari-libur", "holidays-title"),
        items,
        form,
        import,
        errors,
        kinds: KINDS,
    })
}

pub async fn list_holidays(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    Ok(render(&list_page(&app, &viewer, HolidayForm::default(), ImportForm::default(), FieldErrors::new()).await?))
}

pub async fn add_holiday(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<HolidayForm>,
) -> AppResult<Response> {
    match service::add(&app, &viewer.actor(), &form).await {
        Ok(_) => Ok(redirect_with(&app, "/admin/hari-libur", Flash::ok("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&list_page(&app, &viewer, form, ImportForm::default(), errors).await?))
        }
        Err(e) => Err(e),
    }
}

pub async fn delete_holiday(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let result = service::delete(&app, &viewer.actor(), id).await;
    after(&app, result, "/admin/hari-libur", "flash-deleted", "/admin/hari-libur")
}

pub async fn import_holidays(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ImportForm>,
) -> AppResult<Response> {
    match service::import(&app, &viewer.actor(), &form).await {
        Ok(_) => Ok(redirect_with(&app, "/admin/hari-libur", Flash::ok("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&list_page(&app, &viewer, HolidayForm::default(), form, errors).await?))
        }
        Err(e) => Err(e),
    }
}
