//! Account pages. Handlers are thin: extract → service → render.

use askama::Template;
use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::service::{self, LoginFailure};
use crate::{
    app::AppState,
    domain::{
        user::{AccountForm, LoginForm, PasswordForm, safe_next},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    web::{
        extract::{ClientIp, Form, Query},
        page::{Page, render, render_invalid},
        viewer::{SESSION_COOKIE, Viewer, cookie},
    },
};

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    page: Page,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: String,
}

pub async fn show_login(State(app): State<AppState>, viewer: Viewer, Query(q): Query<NextQuery>) -> Response {
    let page = Page::new(&app, &viewer, "/masuk", "login-title");
    render(&LoginPage { page, email: String::new(), next: safe_next(&q.next).to_owned(), error: None })
}

pub async fn login(
    State(app): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Response {
    match service::login(&app, &form, &ip, &viewer.request_id).await {
        Ok(s) => {
            // Staff who came from nowhere in particular land on what waits for them.
            let next = match safe_next(&form.next) {
                "/" if s.staff => "/tugas",
                n => n,
            };
            with_session_cookie(&app, s.token, Redirect::to(next).into_response())
        }
        Err(f) => {
            let key = match f {
                LoginFailure::Invalid => "login-invalid",
                LoginFailure::Locked => "login-locked",
                LoginFailure::TooManyFromHere => "error-429-detail",
                LoginFailure::Unverified => "login-unverified",
            };
            let page = Page::new(&app, &viewer, "/masuk", "login-title");
            let status = if f == LoginFailure::Invalid || f == LoginFailure::Unverified {
                axum::http::StatusCode::UNPROCESSABLE_ENTITY
            } else {
                axum::http::StatusCode::TOO_MANY_REQUESTS
            };
            let tpl = LoginPage {
                error: Some(page.t(key)),
                page,
                email: form.email.chars().take(254).collect(),
                next: safe_next(&form.next).to_owned(),
            };
            crate::web::page::render_status(status, &tpl)
        }
    }
}

fn with_session_cookie(app: &AppState, token: String, mut res: Response) -> Response {
    if let Ok(v) = HeaderValue::from_str(&cookie(app, SESSION_COOKIE, token, service::SESSION_DAYS).to_string()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

pub async fn logout(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    if let Some(u) = &viewer.user {
        service::logout(&app, u).await?;
    }
    let mut res = Redirect::to("/").into_response();
    let mut gone = cookie(&app, SESSION_COOKIE, String::new(), 0);
    gone.make_removal();
    if let Ok(v) = HeaderValue::from_str(&gone.to_string()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    page: Page,
    name: String,
    email: String,
    roles: Vec<(String, Option<String>)>,
    can_upload: bool,
    /// KIM members and editors: the newsroom API (personal tokens) and training.
    member: bool,
}

pub async fn show_account(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let page = Page::new(&app, &viewer, "/akun", "account-title");
    let roles = super::repo::grants_for(&app.db, user.id)
        .await?
        .into_iter()
        .map(|g| {
            (
                page.t(&format!("role-{}", g.role)),
                g.unit_name.or_else(|| (g.scope_key == "city").then(|| page.t("scope-city"))),
            )
        })
        .collect();
    let can_upload = viewer.can(crate::domain::access::Permission::UploadMedia);
    let member = viewer.can(crate::domain::access::Permission::WriteNews);
    Ok(render(&AccountPage { name: user.name.clone(), email: user.email.clone(), roles, page, can_upload, member }))
}

#[derive(Template)]
#[template(path = "accounts/password.html")]
struct PasswordPage {
    page: Page,
    errors: FieldErrors,
    /// The reset token, when the page was opened from a reset link.
    token: Option<String>,
    done: bool,
}

pub async fn show_change_password(State(app): State<AppState>, viewer: Viewer) -> Response {
    let page = Page::new(&app, &viewer, "/akun/sandi", "password-title");
    render(&PasswordPage { page, errors: FieldErrors::new(), token: None, done: false })
}

pub async fn change_password(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let page = Page::new(&app, &viewer, "/akun/sandi", "password-title");
    match service::change_password(&app, &viewer.actor(), user, &form).await {
        Ok(()) => Ok(render(&PasswordPage { page, errors: FieldErrors::new(), token: None, done: true })),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&PasswordPage { page, errors, token: None, done: false }))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    page: Page,
    email: String,
    errors: FieldErrors,
    sent: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

pub async fn show_forgot_password(State(app): State<AppState>, viewer: Viewer) -> Response {
    let page = Page::new(&app, &viewer, "/lupa-sandi", "forgot-title");
    render(&ForgotPage { page, email: String::new(), errors: FieldErrors::new(), sent: false })
}

pub async fn request_password_reset(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    let page = Page::new(&app, &viewer, "/lupa-sandi", "forgot-title");
    match service::request_reset(&app, &viewer.actor(), &form.email, viewer.lang).await {
        Ok(()) => Ok(render(&ForgotPage { page, email: String::new(), errors: FieldErrors::new(), sent: true })),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&ForgotPage { page, email: form.email, errors, sent: false }))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenQuery {
    token: String,
}

pub async fn show_reset_password(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    if !service::link_is_valid(&app, &q.token, "reset").await? {
        return Err(AppError::BadRequest("err-link-invalid"));
    }
    let page = Page::new(&app, &viewer, "/atur-ulang-sandi", "reset-title");
    Ok(render(&PasswordPage { page, errors: FieldErrors::new(), token: Some(q.token), done: false }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
    password_confirm: String,
}

pub async fn reset_password(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let page = Page::new(&app, &viewer, "/atur-ulang-sandi", "reset-title");
    let pw = PasswordForm {
        current_password: String::new(),
        password: form.password,
        password_confirm: form.password_confirm,
    };
    match service::reset_password(&app, &viewer.actor(), &form.token, &pw).await {
        Ok(()) => Ok(render(&PasswordPage { page, errors: FieldErrors::new(), token: None, done: true })),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&PasswordPage { page, errors, token: Some(form.token), done: false }))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage {
    page: Page,
    form: AccountForm,
    errors: FieldErrors,
    /// Setup token when this is the first-administrator form.
    setup_token: Option<String>,
    sent: bool,
}

pub async fn show_register(State(app): State<AppState>, viewer: Viewer) -> Response {
    let page = Page::new(&app, &viewer, "/daftar", "register-title");
    render(&RegisterPage {
        page,
        form: AccountForm::default(),
        errors: FieldErrors::new(),
        setup_token: None,
        sent: false,
    })
}

pub async fn register(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<AccountForm>,
) -> AppResult<Response> {
    let page = Page::new(&app, &viewer, "/daftar", "register-title");
    match service::register(&app, &viewer.actor(), &form, viewer.lang).await {
        Ok(()) => Ok(render(&RegisterPage {
            page,
            form: AccountForm::default(),
            errors: FieldErrors::new(),
            setup_token: None,
            sent: true,
        })),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&RegisterPage { page, form, errors, setup_token: None, sent: false }))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub page: Page,
    pub message: String,
    pub link: Option<(String, String)>,
}

pub async fn verify_email(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    service::verify_email(&app, &viewer.actor(), &q.token).await?;
    let page = Page::new(&app, &viewer, "/verifikasi", "verify-title");
    let link = Some(("/masuk".to_owned(), page.t("nav-login")));
    Ok(render(&MessagePage { message: page.t("verify-done"), link, page }))
}

pub async fn show_setup(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    if !service::needs_setup(&app).await? || !service::link_is_valid(&app, &q.token, "setup").await? {
        return Err(AppError::BadRequest("err-link-invalid"));
    }
    let page = Page::new(&app, &viewer, "/setup", "setup-title");
    Ok(render(&RegisterPage {
        page,
        form: AccountForm::default(),
        errors: FieldErrors::new(),
        setup_token: Some(q.token),
        sent: false,
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SetupForm {
    token: String,
    #[serde(flatten)]
    account: AccountForm,
}

pub async fn complete_setup(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<SetupForm>,
) -> AppResult<Response> {
    match service::complete_setup(&app, &viewer.actor(), &form.token, &form.account).await {
        Ok(s) => Ok(with_session_cookie(&app, s.token, Redirect::to("/admin").into_response())),
        Err(AppError::Validation(errors)) => {
            let page = Page::new(&app, &viewer, "/setup", "setup-title");
            Ok(render_invalid(&RegisterPage {
                page,
                form: form.account,
                errors,
                setup_token: Some(form.token),
                sent: false,
            }))
        }
        Err(e) => Err(e),
    }
}
