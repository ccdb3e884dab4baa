//! Categories in the JSON API.

use axum::{Json, extract::State};

use super::repo::{self, CategoryRow};
use crate::{app::AppState, error::AppResult};

/// The news categories, in name order.
#[utoipa::path(get, path = "/api/v1/categories", tag = "categories", responses((status = 200, description = "Categories", body = [CategoryRow])))]
pub async fn list_categories(State(app): State<AppState>) -> AppResult<Json<Vec<CategoryRow>>> {
    Ok(Json(repo::list(&app.db).await?))
}
