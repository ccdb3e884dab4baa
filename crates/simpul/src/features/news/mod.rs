//! News (issue 3): the newsroom (`write.rs`: drafts, review, publishing), the public
//! reading pages (`html.rs`) and feeds (`feeds.rs`).

pub mod api;
pub mod feeds;
pub mod html;
pub mod import;
pub mod repo;
pub mod service;
pub mod sitemap;
pub mod views;
pub mod write;

use crate::{
    domain::access::{Permission, TokenScope},
    web::{Access, Routes},
};

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
        .page("/kategori/{slug}", html::list_category)
        .page("/tag/{slug}", html::list_tag)
        .page("/feed.xml", feeds::show_site_feed)
        .page("/atom.xml", feeds::show_site_feed)
        .page("/feed.json", feeds::show_site_feed)
        .page("/kategori/{slug}/{file}", feeds::show_category_feed)
        .page("/kim/{slug}/{file}", feeds::show_kim_feed)
        .page("/sitemap.xml", sitemap::show_sitemap_index)
        // Depends on the clock (the last 48 hours), so not cached.
        .get("/sitemap-news.xml", Access::Public, sitemap::show_news_sitemap)
        .page("/sitemaps/{file}", sitemap::show_sitemap_file)
        .get("/api/v1/articles", Access::Public, api::list_articles)
        .get("/api/v1/articles/{slug}", Access::Public, api::show_article)
        .get("/api/v1/newsroom/articles", read, api::list_my_articles)
        .post("/api/v1/newsroom/articles", write, api::create_article)
        .get("/api/v1/newsroom/queue", read, api::list_queue)
        .get("/api/v1/newsroom/articles/{id}", read, api::show_desk_article)
        .put("/api/v1/newsroom/articles/{id}", write, api::save_article)
        .post("/api/v1/newsroom/articles/{id}/actions", write, api::act_on_article)
}
