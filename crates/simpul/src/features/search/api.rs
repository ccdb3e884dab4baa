//! `/api/v1/search`: the same search as `/cari`, as JSON.

use axum::{Json, extract::State};
use serde::Serialize;

use super::{
    html::SearchParams,
    service::{self, FacetValue},
};
use crate::{app::AppState, error::AppResult, web::extract::Query};

/// Query parameters of a search.
#[derive(Debug, serde::Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct SearchParamsDoc {
    /// The words to look for, in everyday Indonesian; any text is accepted.
    pub q: String,
    /// A category id (also accepted as `kategori`).
    #[param(minimum = 1)]
    pub category: Option<i64>,
    /// A kecamatan id.
    #[param(minimum = 1)]
    pub kecamatan: Option<i64>,
    /// A year of publication, in the deployment's time zone (also `tahun`).
    #[param(minimum = 1, maximum = 9999)]
    pub year: Option<i32>,
    /// `relevance` (default) or `newest` (also `urut=terbaru`).
    #[param(pattern = "^(relevance|newest|terbaru)$")]
    pub sort: Option<String>,
    /// 1-based page of 10 (also `hal`).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<i64>,
}

/// One result.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub url: String,
    /// RFC 3339.
    pub published_at: Option<String>,
    pub category: Option<String>,
    /// The passage with the most query words, as plain text.
    pub snippet: String,
}

/// Results with facet counts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    /// Exact up to 1,000 matches; past that, "at least" (`total_is_estimate`).
    pub total: usize,
    pub total_is_estimate: bool,
    pub hits: Vec<SearchHit>,
    pub categories: Vec<FacetValue>,
    pub kecamatan: Vec<FacetValue>,
    pub years: Vec<FacetValue>,
    pub suggestion: Option<String>,
}

/// Searches published articles.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParamsDoc),
    responses((status = 200, description = "Results (an empty list when nothing matches)", body = SearchResults),
        (status = 422, description = "A number outside its range, or an unknown sort")))]
pub async fn search(State(app): State<AppState>, Query(p): Query<SearchParams>) -> AppResult<Json<SearchResults>> {
    let q = p.to_query_strict().map_err(crate::error::AppError::Validation)?;
    let r = service::search(&app, &q).await?;
    let hits = r
        .hits
        .into_iter()
        .map(|h| {
            let slug = h.article.slug.clone().unwrap_or_default();
            SearchHit {
                url: app.config.link(&format!("/berita/{slug}")),
                slug,
                title: h.article.title,
                lead: h.article.lead,
                published_at: h.article.published_at.map(|t| t.to_rfc3339()),
                category: h.article.category_name,
                snippet: h.snippet.into_iter().map(|(t, _)| t).collect(),
            }
        })
        .collect();
    Ok(Json(SearchResults {
        total: r.total,
        total_is_estimate: r.total_is_estimate,
        hits,
        categories: r.categories,
        kecamatan: r.kecamatan,
        years: r.years,
        suggestion: r.suggestion,
    }))
}
