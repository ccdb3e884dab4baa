//! "Baca juga": published articles most like this one by their Indonesian text (the search
//! index's similarity), then favouring the same category and newer articles. While the index
//! is empty (a new deployment, a rebuild), articles sharing tags and the category stand in.
//! Answers are cached per node until anything changes.

use super::repo::{self, ArticleRow};
use crate::{
    app::App,
    error::{AppError, AppResult},
    infra::{markdown, search::Similar},
};

/// Up to `limit` related published articles, best first.
pub async fn related(app: &App, a: &ArticleRow, limit: usize) -> AppResult<Vec<ArticleRow>> {
    let generation = app.db.generation();
    let key = a.id.to_string();
    let ids = match app.related_cache.get(&key, generation) {
        Some(ids) => ids,
        None => {
            let ids = related_ids(app, a, limit).await?;
            app.related_cache.put(key, ids.clone(), generation);
            ids
        }
    };
    if ids.is_empty() {
        return by_tags(app, a, limit).await;
    }
    let mut rows = repo::published_summaries(&app.db, &ids).await?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    rows.truncate(limit);
    Ok(rows)
}

/// The ids behind [`related`], computed afresh from the index (no cache).
pub async fn related_ids(app: &App, a: &ArticleRow, limit: usize) -> AppResult<Vec<i64>> {
    let idx = app.search.clone();
    let doc = Similar {
        id: a.id,
        title: a.title.clone(),
        body: format!("{}\n\n{}", a.lead, markdown::plain_text(&a.body_md)),
        category_id: a.category_id,
        published_at: a.published_at.map_or(0, |t| t.0),
    };
    tokio::task::spawn_blocking(move || idx.similar(&doc, limit))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))
}

/// Up to `limit` published articles sharing the most tags (and the category), newer first
/// among equals.
async fn by_tags(app: &App, a: &ArticleRow, limit: usize) -> AppResult<Vec<ArticleRow>> {
    let candidates = repo::related_candidates(&app.db, a.id, a.category_id, 8).await?;
    let ranked = crate::domain::article::rank_related(&candidates);
    let top: Vec<i64> = ranked.iter().take(limit * 4).copied().collect();
    let mut rows = repo::published_summaries(&app.db, &top).await?;
    rows.sort_by_key(|r| ranked.iter().position(|id| *id == r.id));
    rows.truncate(limit);
    Ok(rows)
}
