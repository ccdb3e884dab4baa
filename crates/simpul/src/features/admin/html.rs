//! Admin dashboard and outbox pages.

use askama::Template;
use axum::{extract::State, response::Response};

use crate::{
    app::AppState,
    domain::access::Permission,
    error::AppResult,
    features::{kim, opd, regions},
    infra::mail::OutboxFile,
    web::{
        page::{Page, render},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct Dashboard {
    page: Page,
    kim_count: i64,
    opd_count: i64,
    region_count: i64,
    manage: bool,
    outbox: bool,
    training: bool,
    check_facts: bool,
    review: bool,
    settings: bool,
}

pub async fn show_dashboard(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let page = Page::new(&app, &viewer, "/admin", "admin-title");
    Ok(render(&Dashboard {
        kim_count: kim::count(&app.db).await?,
        opd_count: opd::count(&app.db).await?,
        region_count: regions::count(&app.db).await?,
        manage: viewer.can(Permission::ManageKim),
        outbox: app.mailer.outbox_dir().is_some(),
        training: viewer.can(Permission::ManageTraining),
        check_facts: viewer.can(Permission::CheckFacts),
        review: viewer.can(Permission::ReviewNews),
        settings: viewer.can(Permission::ManageSite),
        page,
    }))
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    page: Page,
    mails: Vec<OutboxFile>,
    smtp: bool,
}

pub async fn list_outbox(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let mails = super::service::outbox(&app, &viewer.actor()).await?;
    let page = Page::new(&app, &viewer, "/admin/surel", "outbox-title");
    Ok(render(&OutboxPage { page, smtp: app.mailer.outbox_dir().is_none(), mails }))
}
