//! Published news in the JSON API (drafts and review notes are not exposed).

use axum::{Json, extract::State};
use serde::Serialize;

use super::repo::{self, ArticleRow};
use crate::{
    app::AppState,
    domain::time::Timestamp,
    error::{AppError, AppResult},
    web::extract::{Path, Query, empty_as_none},
};

#[derive(Debug, serde::Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
pub struct ArticleFilter {
    /// 1-based page of 20.
    #[serde(deserialize_with = "empty_as_none")]
    pub page: Option<i64>,
}

/// A published article.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticleOut {
    pub slug: String,
    pub title: String,
    pub lead: String,
    /// Sanitised HTML.
    pub body_html: String,
    pub category: Option<String>,
    pub kim: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    /// RFC 3339.
    pub published_at: Option<String>,
    pub url: String,
}

fn out(app: &AppState, a: ArticleRow) -> ArticleOut {
    let slug = a.slug.unwrap_or_default();
    ArticleOut {
        url: app.config.link(&format!("/berita/{slug}")),
        slug,
        title: a.title,
        lead: a.lead,
        body_html: a.body_html,
        category: a.category_name,
        kim: a.kim_name,
        author: a.author_name,
        editor: a.editor_name,
        published_at: a.published_at.map(|t| Timestamp(t).to_rfc3339()),
    }
}

/// Published articles, newest first.
#[utoipa::path(get, path = "/api/v1/articles", tag = "news", params(ArticleFilter),
    responses((status = 200, description = "Articles", body = [ArticleOut]), (status = 400, description = "Bad query")))]
pub async fn list_articles(
    State(app): State<AppState>,
    Query(f): Query<ArticleFilter>,
) -> AppResult<Json<Vec<ArticleOut>>> {
    let page = f.page.unwrap_or(1).clamp(1, 100_000);
    let rows = repo::list_published(&app.db, 20, (page - 1) * 20).await?;
    Ok(Json(rows.into_iter().map(|a| out(&app, a)).collect()))
}

/// One published article.
#[utoipa::path(get, path = "/api/v1/articles/{slug}", tag = "news", params(("slug" = String, Path, description = "The article's slug")),
    responses((status = 200, description = "The article", body = ArticleOut), (status = 404, description = "No such published article")))]
pub async fn show_article(State(app): State<AppState>, Path(slug): Path<String>) -> AppResult<Json<ArticleOut>> {
    let a = repo::find_published(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(out(&app, a)))
}
