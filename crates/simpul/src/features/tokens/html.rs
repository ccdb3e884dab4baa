//! The admin's API-token page.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{repo, service};
use crate::{
    app::AppState,
    domain::{time::Timestamp, validation::FieldErrors},
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path},
        flash::after,
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensPage {
    page: Page,
    tokens: Vec<repo::TokenRow>,
    form: service::TokenForm,
    errors: FieldErrors,
    new_secret: Option<String>,
}

impl TokensPage {
    fn when(&self, ms: &i64) -> String {
        self.page.datetime(Timestamp(*ms))
    }
}

async fn page(
    app: &AppState,
    viewer: &Viewer,
    form: service::TokenForm,
    errors: FieldErrors,
    new_secret: Option<String>,
) -> AppResult<TokensPage> {
    let tokens = repo::list(&app.db).await?;
    Ok(TokensPage { page: Page::new(app, viewer, "/admin/token", "tokens-title"), tokens, form, errors, new_secret })
}

pub async fn list_tokens(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let form = service::TokenForm { scope: "read".into(), ..Default::default() };
    Ok(render(&page(&app, &viewer, form, FieldErrors::new(), None).await?))
}

pub async fn create_token(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<service::TokenForm>,
) -> AppResult<Response> {
    match service::create(&app, &viewer.actor(), &form).await {
        Ok(secret) => Ok(render(
            &page(
                &app,
                &viewer,
                service::TokenForm { scope: "read".into(), ..Default::default() },
                FieldErrors::new(),
                Some(secret),
            )
            .await?,
        )),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&page(&app, &viewer, form, errors, None).await?)),
        Err(e) => Err(e),
    }
}

pub async fn revoke_token(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    after(&app, service::revoke(&app, &viewer.actor(), id).await, "/admin/token", "flash-token-revoked", "/admin/token")
}

#[derive(Template)]
#[template(path = "tokens/personal.html")]
struct PersonalPage {
    page: Page,
    tokens: Vec<repo::TokenRow>,
    form: service::TokenForm,
    errors: FieldErrors,
    new_secret: Option<String>,
}

impl PersonalPage {
    fn when(&self, ms: &i64) -> String {
        self.page.datetime(Timestamp(*ms))
    }
}

async fn personal_page(
    app: &AppState,
    viewer: &Viewer,
    form: service::TokenForm,
    errors: FieldErrors,
    new_secret: Option<String>,
) -> AppResult<PersonalPage> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let tokens = repo::list_personal(&app.db, user.id).await?;
    let page = Page::new(app, viewer, "/akun/token", "tokens-personal-title");
    Ok(PersonalPage { page, tokens, form, errors, new_secret })
}

pub async fn list_personal_tokens(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let form = service::TokenForm { scope: "read".into(), ..Default::default() };
    Ok(render(&personal_page(&app, &viewer, form, FieldErrors::new(), None).await?))
}

pub async fn create_personal_token(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<service::TokenForm>,
) -> AppResult<Response> {
    match service::create_personal(&app, &viewer.actor(), &form).await {
        Ok(secret) => {
            let fresh = service::TokenForm { scope: "read".into(), ..Default::default() };
            Ok(render(&personal_page(&app, &viewer, fresh, FieldErrors::new(), Some(secret)).await?))
        }
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&personal_page(&app, &viewer, form, errors, None).await?))
        }
        Err(e) => Err(e),
    }
}

pub async fn revoke_personal_token(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let result = service::revoke_personal(&app, &viewer.actor(), id).await;
    after(&app, result, "/akun/token", "flash-token-revoked", "/akun/token")
}
