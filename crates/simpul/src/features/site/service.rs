//! Reading and changing the site's identity.

use std::sync::Arc;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        site::{CITY_MAX, SiteIdentity},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        images::{self, ImageLimits},
    },
};

/// The largest logo upload (the form and the file).
pub const UPLOAD_LIMIT: usize = 3 * 1024 * 1024;
/// Where a logo version is kept: each upload under its own names, so an address once served
/// (cached for a year) never changes its picture.
fn logo_key(version: i64) -> String {
    format!("site/logo-{version}.png")
}

fn icon_key(version: i64) -> String {
    format!("site/icon-{version}.png")
}

/// The identity as stored.
pub async fn load(app: &App) -> AppResult<SiteIdentity> {
    let mut id = SiteIdentity::default();
    for (name, value) in repo::all(&app.db).await? {
        match name.as_str() {
            "city" => id.city = Some(value),
            "logo_version" => id.logo_version = value.parse().ok(),
            _ => {}
        }
    }
    Ok(id)
}

/// Reloads this node's copy.
pub async fn refresh(app: &App) -> AppResult<()> {
    let id = load(app).await?;
    *app.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(id);
    Ok(())
}

/// The settings form as typed.
#[derive(Debug, Clone, Default)]
pub struct SettingsForm {
    pub city: String,
    /// Remove the logo.
    pub remove_logo: bool,
}

/// Saves the city's name and, when one is given, a new logo (checked and re-encoded; its
/// metadata dropped).
pub async fn save(app: &App, actor: &Actor, form: &SettingsForm, logo: Option<Vec<u8>>) -> AppResult<()> {
    actor.require_change(Permission::ManageSite)?;
    let mut e = FieldErrors::new();
    let city = e.optional("city", &form.city, CITY_MAX);
    let limits = ImageLimits { max_bytes: 2 * 1024 * 1024, max_pixels: 16_000_000 };
    let logo = match logo.filter(|l| !l.is_empty()) {
        Some(bytes) => match images::logo(&bytes, limits) {
            Ok(l) => Some(l),
            Err(err) => {
                e.add("logo", err.key());
                None
            }
        },
        None => None,
    };
    e.into_result()?;
    let before = load(app).await?;
    let now = app.clock.now();
    if let Some(l) = &logo {
        app.storage.put(&logo_key(now.0), l.png.clone()).await.map_err(AppError::Internal)?;
        app.storage.put(&icon_key(now.0), l.icon.clone()).await.map_err(AppError::Internal)?;
    }
    let mut tx = app.db.begin().await?;
    match &city {
        Some(c) => repo::set(&mut tx, "city", c, now).await?,
        None => repo::remove(&mut tx, "city").await?,
    }
    if logo.is_some() {
        repo::set(&mut tx, "logo_version", &now.0.to_string(), now).await?;
    } else if form.remove_logo {
        repo::remove(&mut tx, "logo_version").await?;
    }
    let ev = Event::new("site.update", "site", 0)
        .before(&serde_json::json!({ "city": before.city, "logo": before.logo_version.is_some() }))
        .after(&serde_json::json!({ "city": city, "logo": logo.is_some() || (before.logo_version.is_some() && !form.remove_logo) }));
    audit::record(&mut tx, actor, now, ev).await?;
    tx.commit().await?;
    refresh(app).await
}

/// The header logo, if one is set.
pub async fn logo(app: &App) -> AppResult<Option<axum::body::Bytes>> {
    let Some(v) = app.site().logo_version else { return Ok(None) };
    app.storage.get(&logo_key(v)).await.map_err(AppError::Internal)
}

/// The favicon: the logo's square version, or the built-in icon.
pub async fn icon(app: &App) -> AppResult<Vec<u8>> {
    if let Some(v) = app.site().logo_version
        && let Some(b) = app.storage.get(&icon_key(v)).await.map_err(AppError::Internal)?
    {
        return Ok(b.to_vec());
    }
    static DEFAULT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    Ok(DEFAULT.get_or_init(images::default_icon).clone())
}
