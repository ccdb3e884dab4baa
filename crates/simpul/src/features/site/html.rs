//! The site settings page, the logo and the favicon.

use askama::Template;
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use super::service::{self, SettingsForm};
use crate::{
    app::AppState,
    domain::validation::FieldErrors,
    error::{AppError, AppResult},
    web::{
        extract::{Multipart, multipart_error},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "site/settings.html")]
struct SettingsPage {
    page: Page,
    city: String,
    logo: Option<String>,
    errors: FieldErrors,
}

fn settings_page(app: &AppState, viewer: &Viewer, city: String, errors: FieldErrors) -> SettingsPage {
    SettingsPage {
        page: Page::new(app, viewer, "/admin/situs", "settings-title"),
        city,
        logo: app.site().logo_url(),
        errors,
    }
}

pub async fn show_settings(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let city = service::load(&app).await?.city.unwrap_or_default();
    Ok(render(&settings_page(&app, &viewer, city, FieldErrors::new())))
}

pub async fn save_settings(
    State(app): State<AppState>,
    viewer: Viewer,
    Multipart(mut mp): Multipart,
) -> AppResult<Response> {
    let mut form = SettingsForm::default();
    let mut logo = None;
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(&e)),
        };
        match field.name() {
            Some("city") => form.city = field.text().await.map_err(|_| AppError::BadRequest("err-bad-form"))?,
            Some("remove_logo") => form.remove_logo = true,
            Some("logo") => logo = Some(field.bytes().await.map_err(|e| multipart_error(&e))?.to_vec()),
            _ => {}
        }
    }
    match service::save(&app, &viewer.actor(), &form, logo).await {
        Ok(()) => Ok(redirect_with(&app, "/admin/situs", Flash::ok("flash-settings-saved"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&settings_page(&app, &viewer, form.city, errors))),
        Err(e) => Err(e),
    }
}

/// The header logo (versioned address, so it may be cached for long).
pub async fn show_logo(State(app): State<AppState>) -> AppResult<Response> {
    let bytes = service::logo(&app).await?.ok_or(AppError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")], bytes)
        .into_response())
}

/// `/favicon.ico`: the logo's icon, or the built-in one (PNG, which every browser accepts here).
pub async fn show_favicon(State(app): State<AppState>) -> AppResult<Response> {
    let bytes = service::icon(&app).await?;
    Ok(([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "public, max-age=86400")], bytes).into_response())
}
