//! News: the newsroom (`write.rs`: drafts, review, publishing), the public
//! reading pages (`html.rs`) and feeds (`feeds.rs`).

mod api;
mod feeds;
mod html;
mod import;
mod mail;
mod related;
mod repo;
mod service;
mod sitemap;
mod views;
mod write;

pub use feeds::group_feed;
pub use import::{ImportReport, import_jsonl};
pub use related::{related_ids, store as store_related, store_missing as store_missing_related};
pub use repo::{
    ArticleRow, Detail, IndexRow, count_published, index_rows, list_published, list_published_in,
    practice_published_by, published_by_id, published_index_rows_after, published_summaries,
};
pub use service::{ActionForm, DeskView, act, create, desk_view, save};
pub use views::{ViewTally, flush as flush_views};

use crate::{
    domain::access::{Permission, TokenScope},
    registry::{Registry, SitemapSection},
    web::{Access, Routes},
};

/// Scheduled publication, the view counter's writes, and the article addresses of the sitemap.
pub fn register(reg: &mut Registry) {
    reg.job::<service::PublishArticle>(|app, job| {
        Box::pin(async move { Ok(service::publish_scheduled(app, job.article_id).await?) })
    })
    .work(service::work_lists)
    .every("news.review_mail", std::time::Duration::from_secs(60), |app| {
        Box::pin(async move { Ok(mail::send_review_digests(app).await.map(|_| ())?) })
    })
    .every("news.views", views::FLUSH, |app| Box::pin(async move { Ok(views::flush(app).await.map(|_| ())?) }))
    .on_shutdown(|app| Box::pin(async move { Ok(views::flush(app).await.map(|_| ())?) }))
    .sitemap_pages(|app| Box::pin(sitemap::pages(app)))
    .sitemap_section(SitemapSection {
        name: "berita",
        count: |app| Box::pin(async move { Ok(repo::count_published(&app.db).await?) }),
        page: |app, offset, limit| Box::pin(sitemap::articles(app, offset, limit)),
    });
}

pub fn routes() -> Routes {
    let writers = Access::Permission(Permission::WriteNews);
    let (read, write) = (Access::Token(TokenScope::Read), Access::Token(TokenScope::Write));
    Routes::new()
        .get("/tulis", writers, write::list_my_articles)
        .get("/tulis/baru", writers, write::new_article)
        .post("/tulis/baru", writers, write::create_article)
        .get("/tulis/{id}", writers, write::edit_article)
        .post("/tulis/{id}", writers, write::save_article)
        .post("/tulis/{id}/aksi", writers, write::act_on_article)
        .get("/tulis/{id}/versi", writers, write::show_versions)
        .get("/redaksi", Access::Permission(Permission::ReviewNews), write::show_review_queue)
        .page("/berita", html::list_news)
        .page("/berita/{slug}", html::show_news)
        .wrap(views::count)
        .page("/kategori/{slug}", html::list_category)
        .page("/tag/{slug}", html::list_tag)
        .page("/feed.xml", feeds::show_site_feed)
        .page("/atom.xml", feeds::show_site_feed)
        .page("/feed.json", feeds::show_site_feed)
        .page("/kategori/{slug}/{file}", feeds::show_category_feed)
        // Depends on the clock (the last 48 hours), so not cached.
        .get("/sitemap-news.xml", Access::Public, sitemap::show_news_sitemap)
        .get("/api/v1/articles", Access::Public, api::list_articles)
        .doc::<api::__path_list_articles>()
        .get("/api/v1/articles/{slug}", Access::Public, api::show_article)
        .doc::<api::__path_show_article>()
        .get("/api/v1/newsroom/articles", read, api::list_my_articles)
        .doc::<api::__path_list_my_articles>()
        .post("/api/v1/newsroom/articles", write, api::create_article)
        .doc::<api::__path_create_article>()
        .get("/api/v1/newsroom/queue", read, api::list_queue)
        .doc::<api::__path_list_queue>()
        .get("/api/v1/newsroom/articles/{id}", read, api::show_desk_article)
        .doc::<api::__path_show_desk_article>()
        .put("/api/v1/newsroom/articles/{id}", write, api::save_article)
        .doc::<api::__path_save_article>()
        .post("/api/v1/newsroom/articles/{id}/actions", write, api::act_on_article)
        .doc::<api::__path_act_on_article>()
}
