//! Capabilities. Each folder has the same shape: `mod.rs` (the front door: routes, what the
//! capability registers at start-up, and the few functions and read models other capabilities
//! may use), `service.rs` (permission check → validate → repo calls in one transaction →
//! audit), `repo.rs` (the only SQL), `html.rs` (page handlers) and, where there is one,
//! `api.rs` (JSON handlers). Everything but `mod.rs` is private to the capability.
//!
//! Capabilities depend on each other one way only (a test checks there is no cycle):
//! reactions that would point back go through events (`crate::registry`).

pub mod accounts;
pub mod admin;
pub mod aspirations;
pub mod audit;
pub mod categories;
pub mod dashboard;
pub mod factcheck;
pub mod holidays;
pub mod home;
pub mod kim;
pub mod media;
pub mod news;
pub mod opd;
pub mod regions;
pub mod search;
pub mod site;
pub mod skm;
pub mod tokens;
pub mod training;
pub mod users;
pub mod worklist;

use crate::{registry::Registry, web::Routes};

/// Every route of the application, with its declared access.
pub fn routes() -> Routes {
    home::routes()
        .merge(accounts::routes())
        .merge(users::routes())
        .merge(regions::routes())
        .merge(kim::routes())
        .merge(opd::routes())
        .merge(categories::routes())
        .merge(media::routes())
        .merge(news::routes())
        .merge(search::routes())
        .merge(aspirations::routes())
        .merge(factcheck::routes())
        .merge(training::routes())
        .merge(holidays::routes())
        .merge(audit::routes())
        .merge(tokens::routes())
        .merge(admin::routes())
        .merge(worklist::routes())
        .merge(site::routes())
        .merge(skm::routes())
        .merge(dashboard::routes())
}

/// The application's jobs, tasks, event subscribers and sitemap sources.
pub fn registry() -> Registry {
    let mut reg = crate::registry::infrastructure();
    site::register(&mut reg);
    home::register(&mut reg);
    accounts::register(&mut reg);
    kim::register(&mut reg);
    opd::register(&mut reg);
    news::register(&mut reg);
    search::register(&mut reg);
    aspirations::register(&mut reg);
    factcheck::register(&mut reg);
    training::register(&mut reg);
    tokens::register(&mut reg);
    skm::register(&mut reg);
    dashboard::register(&mut reg);
    reg
}
