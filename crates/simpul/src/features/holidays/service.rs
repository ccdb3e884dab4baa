//! Keeping the holiday calendar: permission, validation, audit.

use serde::Deserialize;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        event::DomainEvent,
        time::Date,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::audit::{self, Event},
    registry,
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
    registry::publish(app, &mut tx, actor, now, DomainEvent::HolidaysChanged).await?;
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
    registry::publish(app, &mut tx, actor, now, DomainEvent::HolidaysChanged).await?;
    tx.commit().await?;
    Ok(())
}

/// A pasted list of holidays, one per line: `2026-12-25 Hari Raya Natal` (a tab, `;` or `,`
/// after the date works too), all of one kind.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    pub lines: String,
    #[serde(default)]
    pub kind: String,
}

/// Reads the lines of an [`ImportForm`]: (date, name) each, or `None` if any line is not one.
fn parse_lines(text: &str) -> Option<Vec<(Date, String)>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (day, name) = l.split_at(l.find(|c: char| c.is_whitespace() || c == ';' || c == ',')?);
            let name = name.trim_matches(|c: char| c.is_whitespace() || c == ';' || c == ',');
            let ok = !name.is_empty() && name.chars().count() <= 100 && !name.chars().any(char::is_control);
            Some((Date::parse(day)?, name.to_owned())).filter(|_| ok)
        })
        .collect()
}

/// Adds every holiday of a pasted list (the yearly SKB list, say) in one transaction; dates
/// already in the calendar are left as they are. Returns how many were added. One bad line
/// refuses the whole list.
pub async fn import(app: &App, actor: &Actor, form: &ImportForm) -> AppResult<usize> {
    actor.require_change(Permission::ManageHolidays)?;
    let mut e = FieldErrors::new();
    let days = parse_lines(&form.lines).filter(|d| !d.is_empty() && d.len() <= 200);
    if days.is_none() {
        e.add("lines", "err-holiday-lines");
    }
    if !KINDS.contains(&form.kind.trim()) {
        e.add("import_kind", "err-required");
    }
    e.into_result()?;
    let days = days.unwrap_or_default();
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let mut added = Vec::new();
    for (day, name) in &days {
        if repo::insert(&mut tx, &day.to_string(), name, form.kind.trim(), now).await?.is_some() {
            added.push(day.to_string());
        }
    }
    let after = serde_json::json!({ "kind": form.kind.trim(), "added": added });
    audit::record(&mut tx, actor, now, Event::new("holiday.import", "holiday", "").after(&after)).await?;
    registry::publish(app, &mut tx, actor, now, DomainEvent::HolidaysChanged).await?;
    tx.commit().await?;
    Ok(added.len())
}

#[cfg(test)]
mod tests {
    use super::parse_lines;

    #[test]
    fn pasted_lists_are_read_line_by_line() {
        let list = parse_lines("2026-12-24  Cuti bersama Natal\n\n2026-12-25;Hari Raya Natal\n").unwrap_or_default();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].1, "Hari Raya Natal");
        assert!(parse_lines("2026-12-25").is_none(), "a date without a name");
        assert!(parse_lines("25-12-2026 Natal").is_none(), "another date format");
        assert!(parse_lines("2026-02-30 Tidak ada").is_none());
    }
}
