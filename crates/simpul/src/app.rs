//! The application: everything a request or a job needs, built once at start.

use std::{ops::Deref, sync::Arc};

use crate::{
    config::Config,
    features::{aspirations, factcheck, news, search},
    infra::search::SearchIndex,
    infra::{
        clock::Clock,
        db::{ConnectOptions, Db},
        mail::Mailer,
        memo::GenerationCache,
        storage::Storage,
    },
    registry::Registry,
    web::{cache::PageCache, metrics::Metrics, ratelimit::Limits},
};

/// Shared state of one running node.
pub struct App {
    pub config: Config,
    pub db: Db,
    pub clock: Clock,
    pub mailer: Mailer,
    /// Uploaded media (re-encoded images).
    pub storage: Storage,
    pub metrics: Metrics,
    /// The rate limits routes declare (`web::routes::Routes::limit`).
    pub limits: Limits,
    /// Rendered public pages for visitors who are not signed in.
    pub page_cache: PageCache,
    /// Article views counted since the last write (see `features::news::views`).
    pub views: news::ViewTally,
    /// The full-text index of this node (a cache of the database, in `<data-dir>/search`).
    pub search: Arc<SearchIndex>,
    /// "Baca juga" article ids by article, until anything changes.
    pub related_cache: GenerationCache<Vec<i64>>,
    /// Search answers per query, valid while the index is unchanged (`features::search::search`).
    pub search_cache: GenerationCache<Arc<search::Answer>>,
    /// The categories and regions the aspiration pages offer.
    pub aspiration_choices: GenerationCache<Arc<aspirations::FormChoices>>,
    /// The city's name and logo as an admin set them (reloaded when changed, and every minute
    /// from the database for changes made on other nodes).
    pub site: std::sync::RwLock<Arc<crate::domain::site::SiteIdentity>>,
    /// How many tasks wait for each signed-in staff member (the menu's badge).
    pub work_counts: GenerationCache<i64>,
    /// The tip-line's matchers: published clarifications and open rumours.
    pub factcheck: factcheck::Matchers,
    /// Outbound calls (chat replies).
    pub http: crate::infra::http::HttpClient,
    /// This node's name in the job queue's leases (`host:pid`).
    pub node: String,
    /// What the capabilities registered at start-up: jobs, tasks, event subscribers, sitemap.
    pub registry: Arc<Registry>,
    /// Wakes the job worker when this node queued a job that should leave at once.
    pub jobs_queued: tokio::sync::Notify,
}

impl App {
    /// Connects to the database and applies migrations. A migration failure is returned
    /// before anything else happens.
    pub async fn start(config: Config, clock: Clock, db_opts: ConnectOptions) -> anyhow::Result<App> {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| anyhow::anyhow!("cannot create data directory {}: {e}", config.data_dir.display()))?;
        let db = Db::connect(config.database_url.expose(), &db_opts).await?;
        db.migrate().await?;
        App::with_db(config, clock, db)
    }

    /// Builds the app around an already migrated database.
    pub fn with_db(config: Config, clock: Clock, db: Db) -> anyhow::Result<App> {
        let mailer = Mailer::new(config.smtp.as_ref(), config.outbox_dir(), &config.mail_from)?;
        let storage = Storage::configured(config.object_store.as_deref(), &config.data_dir)?;
        let search = Arc::new(SearchIndex::open(&config.data_dir.join("search"), config.owns_search_index)?);
        // Several nodes share PostgreSQL; a limit must hold for the deployment, not per node.
        let limits = match db.engine() {
            crate::infra::db::Engine::Postgres => Limits::shared(db.clone(), clock.clone()),
            crate::infra::db::Engine::Sqlite => Limits::local(),
        };
        let search_cache = GenerationCache::new(std::time::Duration::from_secs(600), config.search_cache);
        Ok(App {
            config,
            db,
            clock,
            mailer,
            storage,
            metrics: Metrics::default(),
            limits,
            page_cache: PageCache::default(),
            views: news::ViewTally::default(),
            search,
            related_cache: GenerationCache::new(std::time::Duration::from_secs(600), 2_000),
            search_cache,
            aspiration_choices: GenerationCache::new(std::time::Duration::from_secs(300), 1),
            site: std::sync::RwLock::default(),
            work_counts: GenerationCache::new(std::time::Duration::from_secs(60), 10_000),
            factcheck: Default::default(),
            http: crate::infra::http::HttpClient::new()?,
            node: crate::infra::jobs::node_name(),
            registry: Arc::new(crate::features::registry()),
            jobs_queued: tokio::sync::Notify::new(),
        })
    }
}

impl App {
    /// The deployment's time zone (`--timezone`): calendars, deadlines and schedules follow it.
    pub fn zone(&self) -> &crate::domain::time::Zone {
        &self.config.timezone
    }

    /// The city's name and logo.
    pub fn site(&self) -> Arc<crate::domain::site::SiteIdentity> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The name every page, feed and document carries ("Simpul KIM Kota Cilegon").
    pub fn site_title(&self) -> String {
        self.site().title(&self.config.site_name)
    }
}

/// The axum state: a cheap handle to the [`App`].
#[derive(Clone)]
pub struct AppState(pub Arc<App>);

impl Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}
