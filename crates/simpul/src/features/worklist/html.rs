//! The task list page.

use askama::Template;
use axum::{extract::State, response::Response};

use crate::{
    app::AppState,
    domain::time::Timestamp,
    error::AppResult,
    registry::{self, WorkList},
    web::{
        page::{Page, render},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "worklist/index.html")]
struct WorkPage {
    page: Page,
    lists: Vec<WorkList>,
    /// Holds a role at all (a citizen has nothing to do here but is told where to go).
    staff: bool,
}

impl WorkPage {
    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }
}

/// `GET /tugas`: every list with something in it, each linked to its desk.
pub async fn show_worklist(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let actor = viewer.actor();
    let lists = registry::work_for(&app, &actor).await?;
    let page = Page::new(&app, &viewer, "/tugas", "worklist-title");
    Ok(render(&WorkPage { page, lists, staff: !actor.grants.is_empty() }))
}
