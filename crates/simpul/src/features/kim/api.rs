//! KIM groups in the JSON API (public data only: no member names or personal contacts).

use axum::{Json, extract::State};
use serde::Serialize;

use super::repo::{self, KimListRow};
use crate::web::extract::empty_as_none;
use crate::{
    app::AppState,
    error::{AppError, AppResult},
    web::extract::{Path, Query},
};

#[derive(Debug, serde::Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct KimFilter {
    /// Text in the group's name.
    pub q: String,
    /// Only groups in this kecamatan (or the kecamatan itself).
    #[serde(deserialize_with = "empty_as_none")]
    pub kecamatan: Option<i64>,
    /// 1-based page of 50.
    #[serde(deserialize_with = "empty_as_none")]
    pub page: Option<i64>,
}

/// The KIM directory.
#[utoipa::path(get, path = "/api/v1/kim", tag = "kim", params(KimFilter),
    responses((status = 200, description = "KIM groups", body = [KimListRow]), (status = 400, description = "Bad query")))]
pub async fn list_kim(State(app): State<AppState>, Query(f): Query<KimFilter>) -> AppResult<Json<Vec<KimListRow>>> {
    let page = f.page.unwrap_or(1).clamp(1, 10_000);
    Ok(Json(repo::list(&app.db, &f.q, f.kecamatan, 50, (page - 1) * 50).await?))
}

/// One KIM group's public profile.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KimProfile {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub level: String,
    pub region_id: i64,
    pub region_name: String,
    pub sk_number: Option<String>,
    pub sk_date: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub youtube: Option<String>,
    pub tiktok: Option<String>,
    pub ketua: Option<String>,
    pub sekretaris: Option<String>,
    pub bendahara: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/kim/{slug}", tag = "kim", params(("slug" = String, Path, description = "The group's slug")),
    responses((status = 200, description = "The group", body = KimProfile), (status = 404, description = "No such group")))]
pub async fn show_kim(State(app): State<AppState>, Path(slug): Path<String>) -> AppResult<Json<KimProfile>> {
    let k = repo::find_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(KimProfile {
        id: k.id,
        slug: k.slug,
        name: k.name,
        level: k.level.as_str().to_owned(),
        region_id: k.region_id,
        region_name: k.region_name,
        sk_number: k.sk_number,
        sk_date: k.sk_date,
        address: k.address,
        phone: k.phone,
        email: k.email,
        website: k.website,
        facebook: k.facebook,
        instagram: k.instagram,
        youtube: k.youtube,
        tiktok: k.tiktok,
        ketua: k.ketua,
        sekretaris: k.sekretaris,
        bendahara: k.bendahara,
    }))
}
