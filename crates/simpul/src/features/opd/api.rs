//! Government units in the JSON API.

use axum::{Json, extract::State};

use super::repo::{self, OpdRow};
use crate::{app::AppState, error::AppResult};

/// All government units with the categories they handle.
#[utoipa::path(get, path = "/api/v1/opd", tag = "opd", responses((status = 200, description = "Government units", body = [OpdRow])))]
pub async fn list_opd(State(app): State<AppState>) -> AppResult<Json<Vec<OpdRow>>> {
    Ok(Json(repo::list(&app.db).await?))
}
