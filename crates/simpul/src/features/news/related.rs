//! "Baca juga": published articles most like this one by their Indonesian text (the search
//! index's similarity), then favouring the same category and newer articles. While the index
//! is empty (a new deployment, a rebuild), articles sharing tags and the category stand in.
//! The answer is computed when an article is published or edited (and for its neighbours, so
//! they point back at it) and stored with the article: a page view reads it instead of asking
//! the index. Articles from before that (or while an index is rebuilt) are computed on view,
//! cached per node until anything changes, and filled in by [`store_missing`].

use super::repo::{self, ArticleRow};
use crate::{
    app::App,
    error::{AppError, AppResult},
    infra::{markdown, search::Similar},
};

/// How many related articles are stored per article.
pub const STORED: usize = 3;

/// Up to `limit` related published articles, best first.
pub async fn related(app: &App, a: &ArticleRow, limit: usize) -> AppResult<Vec<ArticleRow>> {
    let ids = match a.related_ids.as_deref().filter(|_| limit <= STORED) {
        Some(stored) => stored.split(',').filter_map(|s| s.parse().ok()).collect(),
        None => cached_ids(app, a, limit).await?,
    };
    let mut rows = if ids.is_empty() { Vec::new() } else { repo::published_summaries(&app.db, &ids).await? };
    // None found, or every one unpublished since: the shared tags and category stand in.
    if rows.is_empty() {
        return by_tags(app, a, limit).await;
    }
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    rows.truncate(limit);
    Ok(rows)
}

/// [`related_ids`] through this node's cache, for articles with no stored list.
async fn cached_ids(app: &App, a: &ArticleRow, limit: usize) -> AppResult<Vec<i64>> {
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
    Ok(ids)
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

/// Computes and stores "Baca juga" for these published articles and, so that older articles
/// point at a new one, for the articles they now list. Call after the index has them.
/// Returns how many lists changed.
pub async fn store(app: &App, ids: &[i64]) -> AppResult<usize> {
    let mut todo: Vec<i64> = ids.to_vec();
    let mut done = std::collections::HashSet::new();
    let mut lists = Vec::new();
    let mut i = 0;
    while i < todo.len() {
        let id = todo[i];
        i += 1;
        if !done.insert(id) {
            continue;
        }
        let Some(a) = repo::find(&app.db, id).await? else { continue };
        if a.state != crate::domain::article::ArticleState::Published {
            continue;
        }
        let found = related_ids(app, &a, STORED).await?;
        // Neighbours once: the articles the changed ones list, not theirs in turn.
        if ids.contains(&id) {
            todo.extend(found.iter().copied());
        }
        lists.push((id, found));
    }
    save(app, &lists).await
}

/// Fills in up to `batch` articles whose "Baca juga" was never stored (after an upgrade or
/// an import). Returns how many it looked at; 0 when none is left.
pub async fn store_missing(app: &App, batch: i64) -> AppResult<usize> {
    let ids = repo::without_related(&app.db, batch).await?;
    let mut lists = Vec::with_capacity(ids.len());
    for id in &ids {
        let Some(a) = repo::find(&app.db, *id).await? else { continue };
        lists.push((*id, related_ids(app, &a, STORED).await?));
    }
    save(app, &lists).await?;
    Ok(ids.len())
}

/// Writes the lists in one transaction; returns how many changed.
async fn save(app: &App, lists: &[(i64, Vec<i64>)]) -> AppResult<usize> {
    if lists.is_empty() {
        return Ok(0);
    }
    let mut tx = app.db.begin().await?;
    let mut changed = 0;
    for (id, found) in lists {
        changed += repo::set_related(&mut tx, *id, found).await? as usize;
    }
    tx.commit().await?;
    Ok(changed)
}
