//! Search: Indonesian-aware full-text search over published articles. The index itself
//! (tantivy with the `simpul-text` analyzer) is `infra::search`; this capability fills it from
//! the news capability's read models, keeps it in step with the change outbox, and answers
//! `/cari` (`html.rs`) and `/api/v1/search` (`api.rs`) with facets, passages and suggestions.

mod api;
mod html;
mod service;

use std::collections::HashSet;

use futures_util::future::BoxFuture;

pub use service::{Answer, BEST, catch_up, rebuild};

use crate::{
    app::App,
    infra::outbox,
    registry::{Registry, Task},
    web::{Access, Routes},
};

pub fn routes() -> Routes {
    Routes::new()
        .page("/cari", html::show_search)
        .get("/api/v1/search", Access::Public, api::search)
        .doc::<api::__path_search>()
}

/// This node's index follows the outbox (rebuilt first when missing or unreadable).
pub fn register(reg: &mut Registry) {
    reg.task("search.index", outbox::POLL, || Box::<IndexFollower>::default());
}

/// Keeps this node's index current: a rebuild when it is missing, then the outbox's changes.
#[derive(Default)]
struct IndexFollower {
    /// Changes applied lately (see [`catch_up`]).
    recent: HashSet<i64>,
}

impl Task for IndexFollower {
    fn tick<'a>(&'a mut self, app: &'a App) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            // `simpul reindex` run beside the server: its commit is read at once.
            if app.search.refresh()? {
                app.db.invalidate();
            }
            // Missing, unreadable at start, or found damaged in use: rebuilt while serving.
            if app.search.needs_rebuild() {
                let n = rebuild(app, |_| {}).await?;
                tracing::info!(articles = n, "search index rebuilt");
            }
            catch_up(app, &mut self.recent).await?;
            // Articles from before stored "Baca juga" (or imported): a batch per round.
            if !app.search.needs_rebuild() {
                crate::features::news::store_missing_related(app, 50).await?;
            }
            Ok(())
        })
    }
}
