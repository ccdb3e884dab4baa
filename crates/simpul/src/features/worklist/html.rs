//! The task list page.

use askama::Template;
use axum::{extract::State, response::Response};

use crate::{
    app::AppState,
    domain::time::Timestamp,
    error::AppResult,
    registry::{self, TodoList},
    web::{
        page::{Page, render},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "todo/index.html")]
struct TodoPage {
    page: Page,
    lists: Vec<TodoList>,
    /// Holds a role at all (a citizen has nothing to do here but is told where to go).
    staff: bool,
}

impl TodoPage {
    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }
}

/// `GET /tugas`: every list with something in it, each linked to its desk.
pub async fn show_todos(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let actor = viewer.actor();
    let lists = registry::todos_for(&app, &actor).await?;
    let page = Page::new(&app, &viewer, "/tugas", "todo-title");
    Ok(render(&TodoPage { page, lists, staff: !actor.grants.is_empty() }))
}
