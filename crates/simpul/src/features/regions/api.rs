//! Regions in the JSON API.

use axum::{Json, extract::State};
use serde::Deserialize;

use super::repo::{self, RegionRow};
use crate::{app::AppState, error::AppResult, web::extract::Query};

#[derive(Debug, Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct RegionFilter {
    /// `kota`, `kecamatan` or `kelurahan`.
    #[serde(deserialize_with = "crate::web::extract::empty_as_none")]
    pub level: Option<String>,
    /// Only the children of this region.
    #[serde(deserialize_with = "crate::web::extract::empty_as_none")]
    pub parent_id: Option<i64>,
}

/// All regions, optionally filtered by level or parent.
#[utoipa::path(get, path = "/api/v1/regions", tag = "regions", params(RegionFilter),
    responses((status = 200, description = "Regions", body = [RegionRow]), (status = 400, description = "Bad query")))]
pub async fn list_regions(
    State(app): State<AppState>,
    Query(f): Query<RegionFilter>,
) -> AppResult<Json<Vec<RegionRow>>> {
    Ok(Json(repo::list(&app.db, f.level.as_deref(), f.parent_id).await?))
}
