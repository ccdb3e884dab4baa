//! The audit page: newest first, filterable, paged by id.

use askama::Template;
use axum::{extract::State, response::Response};

use super::repo::{self, AuditFilter, AuditRow};
use crate::{
    app::AppState,
    domain::time::Timestamp,
    error::AppResult,
    web::{
        extract::Query,
        page::{Page, render},
        viewer::Viewer,
    },
};

const PAGE: i64 = 100;

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: Page,
    events: Vec<AuditRow>,
    filter: AuditFilter,
    next_before: Option<i64>,
}

impl AuditPage {
    fn when(&self, ms: &i64) -> String {
        self.page.datetime(Timestamp(*ms))
    }

    /// What happened, as a sentence ("memverifikasi laporan"); the code itself when no
    /// wording exists yet.
    fn verb(&self, e: &AuditRow) -> String {
        let key = format!("audit-verb-{}", e.action.replace('.', "-"));
        let said = self.page.t(&key);
        if said == key { e.action.clone() } else { said }
    }

    fn next_query(&self, before: &i64) -> String {
        let f = &self.filter;
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("action", &f.action)
            .append_pair("entity_type", &f.entity_type)
            .append_pair("entity_id", &f.entity_id)
            .append_pair("actor", &f.actor)
            .append_pair("before_id", &before.to_string())
            .finish()
    }
}

pub async fn list_audit(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(filter): Query<AuditFilter>,
) -> AppResult<Response> {
    let mut events = repo::list(&app.db, &filter, PAGE + 1).await?;
    let next_before = if events.len() as i64 > PAGE {
        events.truncate(PAGE as usize);
        events.last().map(|e| e.id)
    } else {
        None
    };
    let page = Page::new(&app, &viewer, "/admin/audit", "audit-title");
    Ok(render(&AuditPage { page, events, filter, next_before }))
}
