//! The survey kiosk: a tablet at a service counter that an admin registered. The device keeps
//! its secret in a cookie (set once through the setup link); the page shows big answers, keeps
//! answers given offline in the browser and sends them once back online (each with its own
//! key, so a retried send is stored once), and reports that it is alive. The admins' kiosk
//! list shows when each was last heard from and flags the silent ones.

use askama::Template;
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::{
    html::Questions,
    repo::{KioskRow, UnitRow},
    service::{self, KioskStatus, Source},
};
use crate::{
    app::AppState,
    domain::{
        skm::{KioskForm, ResponseForm},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::crypto,
    web::{
        extract::{Form, Path},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::{SESSION_COOKIE, Viewer, cookie},
    },
};

/// The cookie that holds a kiosk's secret on its device.
pub const KIOSK_COOKIE: &str = "simpul_kiosk";

async fn this_kiosk(app: &AppState, jar: &CookieJar) -> AppResult<Option<KioskRow>> {
    match jar.get(KIOSK_COOKIE) {
        Some(c) => service::kiosk_by_secret(app, c.value()).await,
        None => Ok(None),
    }
}

/// The setup link an admin opens on the tablet: the link is spent, the device keeps a fresh
/// secret of its own, and whoever was signed in on this browser is signed out (a tablet at a
/// counter must not carry a staff session).
pub async fn install(State(app): State<AppState>, viewer: Viewer, Path(key): Path<String>) -> AppResult<Response> {
    let (k, secret) = service::install_kiosk(&app, &key, viewer.actor().request_id).await?;
    let mut res = Redirect::to(&format!("/skm/{}/kios", k.unit_slug)).into_response();
    let cookies = [cookie(&app, KIOSK_COOKIE, secret, 5 * 365), cookie(&app, SESSION_COOKIE, String::new(), 0)];
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

#[derive(Template)]
#[template(path = "skm/kiosk.html")]
struct KioskPage {
    page: Page,
    unit: UnitRow,
    q: Questions,
    /// `None`: this device is not a registered kiosk of the unit.
    kiosk: Option<KioskRow>,
    form: ResponseForm,
    errors: FieldErrors,
    /// A fresh key for this response (the page without JavaScript sends it as it is).
    client_key: String,
    script: &'static str,
}

impl KioskPage {
    /// The face drawn for a level, 1 (worst) to 4 (best): its colour and the mouth's path.
    /// Drawn rather than an emoji, so no tablet needs a font for it.
    fn face(&self, level: &u8) -> (&'static str, &'static str) {
        [
            ("#f28b82", "M14 35 Q24 25 34 35"),
            ("#fbbc04", "M15 33 Q24 29 33 33"),
            ("#a8dab5", "M15 31 Q24 36 33 31"),
            ("#34a853", "M13 29 Q24 41 35 29"),
        ][usize::from(level.clamp(&1, &4) - 1)]
    }
}

fn kiosk_page(
    app: &AppState,
    viewer: &Viewer,
    unit: UnitRow,
    kiosk: Option<KioskRow>,
    form: ResponseForm,
    errors: FieldErrors,
) -> KioskPage {
    let page = Page::titled(app, viewer, &format!("/skm/{}/kios", unit.slug), unit.name.clone());
    let client_key = crypto::random_token(16);
    KioskPage {
        page,
        q: Questions::of(&unit),
        unit,
        kiosk,
        form,
        errors,
        client_key,
        script: crate::web::assets::kiosk_url(),
    }
}

pub async fn show_kiosk(
    State(app): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let unit = service::public_unit(&app, &slug).await?;
    let kiosk = this_kiosk(&app, &jar).await?.filter(|k| k.unit_id == unit.id);
    let known = kiosk.is_some();
    let mut res = render(&kiosk_page(&app, &viewer, unit, kiosk, ResponseForm::default(), FieldErrors::new()));
    if !known {
        *res.status_mut() = StatusCode::FORBIDDEN;
    }
    Ok(res)
}

/// A response from the kiosk: the questionnaire's fields and the response's own key.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct KioskSubmit {
    #[serde(flatten)]
    pub form: ResponseForm,
    pub client_key: String,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"))
}

pub async fn submit_kiosk(
    State(app): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(input): Form<KioskSubmit>,
) -> AppResult<Response> {
    let kiosk = this_kiosk(&app, &jar).await?.ok_or(AppError::Forbidden)?;
    if !app.limits.allow_kiosk(kiosk.id).await {
        return Err(AppError::TooManyRequests);
    }
    let client_key = service::client_key("kiosk", &kiosk.id.to_string(), &input.client_key);
    let actor = service::kiosk_actor(&kiosk, viewer.actor().request_id);
    let result =
        service::respond(&app, &actor, &slug, &input.form, Source::Kiosk { unit_id: kiosk.unit_id }, client_key).await;
    service::kiosk_alive(&app, &kiosk).await?;
    match result {
        Ok(stored) if wants_json(&headers) => {
            let status = if stored { StatusCode::CREATED } else { StatusCode::OK };
            Ok((status, Json(serde_json::json!({ "stored": stored }))).into_response())
        }
        Ok(_) => Ok(redirect_with(&app, &format!("/skm/{slug}/kios"), Flash::ok("flash-skm-thanks"))),
        Err(AppError::Validation(errors)) if !wants_json(&headers) => {
            let unit = service::public_unit(&app, &slug).await?;
            Ok(render_invalid(&kiosk_page(&app, &viewer, unit, Some(kiosk), input.form, errors)))
        }
        Err(e) => Err(e),
    }
}

/// The kiosk's heartbeat.
pub async fn heartbeat(State(app): State<AppState>, jar: CookieJar) -> AppResult<StatusCode> {
    let kiosk = this_kiosk(&app, &jar).await?.ok_or(AppError::Forbidden)?;
    service::kiosk_alive(&app, &kiosk).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Template)]
#[template(path = "skm/kiosks.html")]
struct KiosksPage {
    page: Page,
    kiosks: Vec<KioskStatus>,
    units: Vec<(String, String)>,
    form: KioskForm,
    errors: FieldErrors,
    /// Right after a registration: the setup link, shown once.
    setup: Option<(String, String)>,
}

async fn kiosks_page(
    app: &AppState,
    viewer: &Viewer,
    form: KioskForm,
    errors: FieldErrors,
    setup: Option<(String, String)>,
) -> AppResult<KiosksPage> {
    let kiosks = service::kiosks(app, &viewer.actor()).await?;
    let units = service::public_units(app).await?.into_iter().map(|u| (u.id.to_string(), u.name)).collect();
    Ok(KiosksPage {
        page: Page::new(app, viewer, "/admin/skm/kios", "skm-kiosks-title"),
        kiosks,
        units,
        form,
        errors,
        setup,
    })
}

pub async fn list_kiosks(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    Ok(render(&kiosks_page(&app, &viewer, KioskForm::default(), FieldErrors::new(), None).await?))
}

pub async fn register_kiosk(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<KioskForm>,
) -> AppResult<Response> {
    match service::register_kiosk(&app, &viewer.actor(), &form).await {
        Ok((_, secret)) => {
            let link = app.config.link(&format!("/kios/pasang/{secret}"));
            let setup = Some((form.name.trim().to_owned(), link));
            Ok(render(&kiosks_page(&app, &viewer, KioskForm::default(), FieldErrors::new(), setup).await?))
        }
        Err(AppError::Validation(errors)) => Ok(render_invalid(&kiosks_page(&app, &viewer, form, errors, None).await?)),
        Err(e) => Err(e),
    }
}

pub async fn revoke_kiosk(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    service::revoke_kiosk(&app, &viewer.actor(), id).await?;
    Ok(redirect_with(&app, "/admin/skm/kios", Flash::ok("flash-skm-kiosk-revoked")))
}
