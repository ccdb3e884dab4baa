//! Keeping the holiday calendar: permission, validation, audit.

use serde::Deserialize;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        time::Date,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::aspirations,
    infra::audit::{self, Event},
};

/// The kinds of day off.
pub const KINDS: [&str; 3] = ["libur_nasional", "cuti_bersama", "libur_daerah"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct HolidayForm {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
}

pub async fn add(app: &App, actor: &Actor, form: &HolidayForm) -> AppResult<i64> {
    actor.require_change(Permission::ManageHolidays)?;
    let mut e = FieldErrors::new();
    let day = Date::parse(&form.day);
    if day.is_none() {
        e.add("day", "err-date");
    }
    let name = e.required("name", &form.name, 100);
    if !KINDS.contains(&form.kind.trim()) {
        e.add("kind", "err-required");
    }
    e.into_result()?;
    let day = day.map(|d| d.to_string()).unwrap_or_default();
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let Some(id) = repo::insert(&mut tx, &day, &name, form.kind.trim(), now).await? else {
        let mut e = FieldErrors::new();
        e.add("day", "err-holiday-exists");
        return Err(AppError::Validation(e));
    };
    let after = serde_json::json!({ "day": day, "name": name, "kind": form.kind.trim() });
    audit::record(&mut tx, actor, now, Event::new("holiday.add", "holiday", id).after(&after)).await?;
    aspirations::service::recompute_deadlines(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require_change(Permission::ManageHolidays)?;
    let h = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::delete(&mut tx, id).await?;
    let before = serde_json::json!({ "day": h.day, "name": h.name, "kind": h.kind });
    audit::record(&mut tx, actor, now, Event::new("holiday.delete", "holiday", id).before(&before)).await?;
    aspirations::service::recompute_deadlines(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
