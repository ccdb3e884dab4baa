//! The "my media" page (upload and reuse images) and serving the stored files.

use askama::Template;
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use super::{repo, service};
use crate::{
    app::AppState,
    domain::validation::FieldErrors,
    error::{AppError, AppResult},
    web::{
        extract::{Multipart, Path},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "media/list.html")]
struct MediaPage {
    page: Page,
    items: Vec<repo::MediaRow>,
    alt: String,
    errors: FieldErrors,
    max_mb: usize,
}

impl MediaPage {
    /// The `srcset` for an item.
    fn srcset(&self, m: &repo::MediaRow) -> String {
        m.widths
            .split(',')
            .map(|w| format!("/media/{} {w}w", service::file_name(&m.key, w)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The copy to use in Markdown: the widest up to 720 px.
    fn markdown(&self, m: &repo::MediaRow) -> String {
        let w = m.widths.split(',').rfind(|w| w.parse::<u32>().is_ok_and(|n| n <= 720)).unwrap_or("360");
        format!("![{}](/media/{})", m.alt.replace(['[', ']'], ""), service::file_name(&m.key, w))
    }

    fn smallest(&self, m: &repo::MediaRow) -> String {
        format!("/media/{}", service::file_name(&m.key, m.widths.split(',').next().unwrap_or("360")))
    }
}

async fn media_page(app: &AppState, viewer: &Viewer, alt: String, errors: FieldErrors) -> AppResult<MediaPage> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let items = repo::list_by(&app.db, user.id, 100).await?;
    let max_mb = app.config.max_upload_bytes / (1024 * 1024);
    Ok(MediaPage { page: Page::new(app, viewer, "/akun/media", "media-title"), items, alt, errors, max_mb })
}

pub async fn list_media(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    Ok(render(&media_page(&app, &viewer, String::new(), FieldErrors::new()).await?))
}

pub async fn upload_media(
    State(app): State<AppState>,
    viewer: Viewer,
    Multipart(mut form): Multipart,
) -> AppResult<Response> {
    let (mut data, mut alt) = (Vec::new(), String::new());
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(AppError::BadRequest("err-image-too-large")),
        };
        match field.name() {
            Some("file") => {
                data = field.bytes().await.map_err(|_| AppError::BadRequest("err-image-too-large"))?.to_vec()
            }
            Some("alt") => alt = field.text().await.map_err(|_| AppError::BadRequest("err-bad-form"))?,
            _ => {}
        }
    }
    match service::upload(&app, &viewer.actor(), data, &alt).await {
        Ok(_) => Ok(redirect_with(&app, "/akun/media", Flash::ok("flash-media-uploaded"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&media_page(&app, &viewer, alt, errors).await?)),
        Err(e) => Err(e),
    }
}

/// Serves a stored image; names are checked before the store is asked.
pub async fn show_media_file(State(app): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    if !service::is_media_file(&file) {
        return Err(AppError::NotFound);
    }
    let bytes = app.storage.get(&file).await?.ok_or(AppError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")], bytes)
        .into_response())
}
