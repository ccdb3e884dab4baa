//! The admin's people page: list, create, revoke roles.

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::service;
use crate::{
    app::AppState,
    domain::validation::FieldErrors,
    error::{AppError, AppResult},
    features::{accounts, kim, opd},
    web::{
        extract::{Form, Path, Query},
        flash::{Flash, after, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: Page,
    users: Vec<(accounts::UserListRow, Vec<accounts::GrantRow>)>,
    q: String,
    form: service::StaffForm,
    errors: FieldErrors,
    kims: Vec<kim::KimListRow>,
    units: Vec<opd::OpdRow>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UserQuery {
    q: String,
}

async fn users_page(
    app: &AppState,
    viewer: &Viewer,
    q: String,
    form: service::StaffForm,
    errors: FieldErrors,
) -> AppResult<UsersPage> {
    let mut users = Vec::new();
    for u in accounts::list_users(&app.db, &q, 200, 0).await? {
        let grants = accounts::grants_for(&app.db, u.id).await?;
        users.push((u, grants));
    }
    let kims = kim::list(&app.db, "", None, 1000, 0).await?;
    let units = opd::list(&app.db).await?;
    let page = Page::new(app, viewer, "/admin/pengguna", "users-title");
    Ok(UsersPage { page, users, q, form, errors, kims, units })
}

pub async fn list_users(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<UserQuery>,
) -> AppResult<Response> {
    let form = service::StaffForm { role: "anggota".into(), ..Default::default() };
    Ok(render(&users_page(&app, &viewer, q.q, form, FieldErrors::new()).await?))
}

pub async fn create_user(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<service::StaffForm>,
) -> AppResult<Response> {
    match service::create_staff(&app, &viewer.actor(), &form, None).await {
        Ok(outcome) => {
            let key = if outcome.created { "flash-user-created" } else { "flash-role-added" };
            Ok(redirect_with(&app, "/admin/pengguna", Flash::ok(key)))
        }
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&users_page(&app, &viewer, String::new(), form, errors).await?))
        }
        Err(e) => Err(e),
    }
}

pub async fn revoke_role(
    State(app): State<AppState>,
    viewer: Viewer,
    Path((id, grant_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let result = service::revoke(&app, &viewer.actor(), id, grant_id).await;
    // Someone who just gave up their own admin role can no longer open the users page.
    let own = viewer.user.as_ref().is_some_and(|u| u.id == id);
    after(&app, result, if own { "/akun" } else { "/admin/pengguna" }, "flash-role-revoked", "/admin/pengguna")
}

pub async fn disable_user(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let result = service::set_disabled(&app, &viewer.actor(), id, true).await;
    after(&app, result, "/admin/pengguna", "flash-user-disabled", "/admin/pengguna")
}

pub async fn enable_user(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let result = service::set_disabled(&app, &viewer.actor(), id, false).await;
    after(&app, result, "/admin/pengguna", "flash-user-enabled", "/admin/pengguna")
}
