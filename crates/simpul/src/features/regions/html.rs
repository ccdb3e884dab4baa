//! The admin's regions page: the loaded tree and its official codes.

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::{repo, service};
use crate::{
    app::AppState,
    domain::validation::FieldErrors,
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "admin/regions.html")]
struct RegionsPage {
    page: Page,
    regions: Vec<repo::RegionRow>,
    /// The row whose code was refused, with what was typed and why.
    invalid: Option<(i64, String, FieldErrors)>,
}

impl RegionsPage {
    fn typed(&self, r: &repo::RegionRow) -> String {
        match &self.invalid {
            Some((id, typed, _)) if *id == r.id => typed.clone(),
            _ => r.code.clone().unwrap_or_default(),
        }
    }

    fn error(&self, r: &repo::RegionRow) -> Option<String> {
        match &self.invalid {
            Some((id, _, e)) if *id == r.id => e.get("code").map(|c| self.page.t(c)),
            _ => None,
        }
    }
}

async fn regions_page(
    app: &AppState,
    viewer: &Viewer,
    invalid: Option<(i64, String, FieldErrors)>,
) -> AppResult<RegionsPage> {
    let regions = repo::tree(&app.db).await?;
    Ok(RegionsPage { page: Page::new(app, viewer, "/admin/wilayah", "regions-title"), regions, invalid })
}

pub async fn list_regions(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    Ok(render(&regions_page(&app, &viewer, None).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    code: String,
}

pub async fn set_region_code(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    match service::set_code(&app, &viewer.actor(), id, &form.code).await {
        Ok(()) => Ok(redirect_with(&app, &format!("/admin/wilayah#r{id}"), Flash::ok("flash-code-saved"))),
        Err(AppError::Validation(e)) => {
            let typed: String = form.code.chars().take(40).collect();
            Ok(render_invalid(&regions_page(&app, &viewer, Some((id, typed, e))).await?))
        }
        Err(e) => Err(e),
    }
}
