//! Citizens' side of aspirations: submitting (also on a citizen's behalf), the private
//! follow-up page, adding information, accepting or disputing the answer, rating it, and
//! supporting a public report. The staff side is in `workflow`.

use serde::Deserialize;

use super::{
    files::{self, Upload},
    notify::{self, Notice},
    repo::{self, AspirationRow, NewAspiration, NewEvent, StateChange},
};
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        aspiration::{
            self, Action, DESCRIPTION_MAX, Kind, Participant, Party, Refusal, Source, Status, Step, TicketCode,
        },
        ids::{AspirationId, CategoryId, OpdId, RegionId, UserId},
        time::{Date, Timestamp},
        validation::FieldErrors,
        workdays::Calendar,
    },
    error::{AppError, AppResult},
    features::{holidays, regions},
    infra::{
        audit::{self, Event},
        crypto,
        db::Tx,
        i18n::Lang,
        jobs,
        mail::Mail,
    },
};

/// What a citizen fills in (every field as typed, so a refused form comes back as it was).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SubmitForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub category_id: String,
    #[serde(default)]
    pub kelurahan_id: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
    #[serde(default)]
    pub event_date: String,
    /// Checkboxes: present when ticked.
    #[serde(default)]
    pub anonymous: Option<String>,
    #[serde(default)]
    pub confidential: Option<String>,
    #[serde(default)]
    pub show_name: Option<String>,
    /// A KIM member files for a citizen (assisted intake).
    #[serde(default)]
    pub on_behalf: Option<String>,
    #[serde(default)]
    pub reporter_name: String,
    #[serde(default)]
    pub reporter_phone: String,
    #[serde(default)]
    pub reporter_email: String,
}

impl SubmitForm {
    pub fn ticked(v: &Option<String>) -> bool {
        v.as_deref().is_some_and(|s| !s.is_empty() && s != "false" && s != "0")
    }
}

/// A stored report: its code and the private key of its follow-up link (shown once).
#[derive(Debug, Clone)]
pub struct Submitted {
    pub code: TicketCode,
    pub key: String,
}

/// The code of a report.
pub fn code_of(year: i64, id: AspirationId) -> TicketCode {
    TicketCode::of(year, id)
}

/// A report named by its code (`ASP-2026-000123`) or its number (`123`, `#123`).
pub fn parse_reference(s: &str) -> Option<AspirationId> {
    let s = s.trim().trim_start_matches('#');
    TicketCode::parse(s).map(TicketCode::id).or_else(|| s.parse::<i64>().ok().filter(|n| *n > 0).map(AspirationId))
}

/// The distinct stems of a report's public text, as `aspiration_words` keeps them.
pub fn public_words(title: &str, description: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    crate::infra::search::analyzer::terms(&format!("{title}\n{description}"))
        .into_iter()
        .map(|t| t.0)
        .filter(|w| w.len() <= 60 && seen.insert(w.clone()))
        .take(300)
        .collect()
}

/// The stems a search of the public list looks for (at most six).
pub fn query_words(q: &str) -> Vec<String> {
    let mut words = public_words(q, "");
    words.truncate(6);
    words
}

/// The private follow-up address for a key.
pub fn follow_up_path(key: &str) -> String {
    format!("/aspirasi/lacak/{key}")
}

/// Degrees as typed ("-6.0123", "-6,0123") → millionths, within `limit`.
fn parse_degrees(s: &str, limit: f64) -> Option<Option<i64>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(None);
    }
    let v: f64 = s.replace(',', ".").parse().ok()?;
    (v.is_finite() && v.abs() <= limit).then(|| Some((v * 1_000_000.0).round() as i64))
}

/// The working-day calendar as the admins keep it.
pub async fn calendar(app: &App) -> AppResult<Calendar> {
    Ok(Calendar::new(holidays::days(&app.db).await?.iter().filter_map(|d| Date::parse(d)), app.zone().clone()))
}

/// Checks and stores a report with its files. Nothing is stored when anything is wrong.
pub async fn submit(
    app: &App,
    actor: &Actor,
    form: &SubmitForm,
    uploads: Vec<Upload>,
    source: Source,
) -> AppResult<Submitted> {
    if actor.read_only {
        return Err(AppError::Forbidden);
    }
    let now = app.clock.now();
    let mut e = FieldErrors::new();
    let kind = Kind::parse(&form.kind);
    if kind.is_none() {
        e.add("kind", "err-required");
    }
    let title = e.required("title", &form.title, 150);
    let description = e.required("description", &form.description, DESCRIPTION_MAX);
    let category = match form.category_id.trim().parse::<CategoryId>() {
        Ok(id) => repo::category(&app.db, id).await?,
        Err(_) => None,
    };
    if category.is_none() {
        e.add("category_id", "err-required");
    }
    let kelurahan = match form.kelurahan_id.trim().parse::<i64>() {
        Ok(id) => {
            regions::find(&app.db, id).await?.filter(|r| r.level == crate::domain::region::RegionLevel::Kelurahan)
        }
        Err(_) => None,
    };
    let address = e.optional("address", &form.address, 300);
    let lat = parse_degrees(&form.lat, 90.0).unwrap_or_else(|| {
        e.add("lat", "err-coordinate");
        None
    });
    let lon = parse_degrees(&form.lon, 180.0).unwrap_or_else(|| {
        e.add("lon", "err-coordinate");
        None
    });
    if lat.is_some() != lon.is_some() && e.get("lat").is_none() && e.get("lon").is_none() {
        e.add(if lat.is_none() { "lat" } else { "lon" }, "err-coordinate-pair");
    }
    // People pick their kelurahan; an Open311 client may send only coordinates or an address,
    // and the coordinator places the report when verifying it.
    let placed_otherwise = source == Source::Open311 && ((lat.is_some() && lon.is_some()) || address.is_some());
    if kelurahan.is_none() && (!form.kelurahan_id.trim().is_empty() || !placed_otherwise) {
        e.add("kelurahan_id", "err-kelurahan");
    }
    let event_date = match form.event_date.trim() {
        "" => None,
        d => match Date::parse(d) {
            Some(date) if date <= now.date_in(app.zone()) => Some(date.to_string()),
            Some(_) => {
                e.add("event_date", "err-date-future");
                None
            }
            None => {
                e.add("event_date", "err-date");
                None
            }
        },
    };
    let anonymous = SubmitForm::ticked(&form.anonymous);
    let confidential = SubmitForm::ticked(&form.confidential);
    let on_behalf = SubmitForm::ticked(&form.on_behalf);
    if on_behalf && !actor.can(Permission::AssistAspirations) {
        e.add("on_behalf", "err-assist-not-allowed");
    }
    let name = e.optional("reporter_name", &form.reporter_name, 100);
    let phone = e.optional_phone("reporter_phone", &form.reporter_phone);
    let email = e.optional_email("reporter_email", &form.reporter_email);
    if name.is_none() && !anonymous {
        e.add("reporter_name", "err-name-or-anonymous");
    }
    if on_behalf && phone.is_none() && email.is_none() && e.get("reporter_phone").is_none() {
        // The citizen must be reachable: the KIM member will not be the one following up.
        e.add("reporter_phone", "err-contact-needed");
    }
    e.into_result()?;
    let (Some(kind), Some(category)) = (kind, category) else {
        return Err(AppError::BadRequest("err-bad-form"));
    };
    let cal = calendar(app).await?;
    let key = crypto::random_token(24);
    let new = NewAspiration {
        year: now.date_in(app.zone()).year(),
        kind,
        title,
        description,
        category_id: category.id,
        category_name: category.name.clone(),
        region_id: kelurahan.as_ref().map(|k| RegionId(k.id)),
        kecamatan_id: kelurahan.as_ref().and_then(|k| k.parent_id).map(RegionId),
        address,
        lat_e6: lat,
        lon_e6: lon,
        event_date,
        anonymous,
        confidential,
        show_name: SubmitForm::ticked(&form.show_name) && !anonymous,
        reporter_name: name,
        reporter_phone: phone,
        reporter_email: email,
        assisted_by: if on_behalf { actor.user_id.map(UserId) } else { None },
        source: if on_behalf { Source::Assisted } else { source },
        key_hash: crypto::sha256_hex(&key),
        opd_id: None,
        due_at: cal.deadline(now, aspiration::VERIFY_DAYS),
        // Only a person on the web form: a client with a personal token (a kiosk, an app)
        // files for others, whose reports do not belong in its owner's list.
        reporter_user_id: if on_behalf || source != Source::Web { None } else { actor.user_id.map(UserId) },
    };
    let stored = files::store_all(app, uploads).await?;
    match store_report(app, actor, &new, &key, &stored, now).await {
        Ok(done) => Ok(done),
        Err(e) => {
            // The files are only reachable through the report's rows: without them, remove them.
            for f in &stored {
                if let Err(err) = app.storage.delete(&f.key).await {
                    tracing::warn!(error = %err, "could not remove an unused attachment");
                }
            }
            Err(e)
        }
    }
}

/// The transaction of [`submit`]: the report, its first timeline entry, its files, the audit
/// entry and the reporter's mail, all or nothing.
async fn store_report(
    app: &App,
    actor: &Actor,
    new: &NewAspiration,
    key: &str,
    stored: &[files::Stored],
    now: Timestamp,
) -> AppResult<Submitted> {
    let on_behalf = new.assisted_by.is_some();
    let (anonymous, confidential, year) = (new.anonymous, new.confidential, new.year);
    let mut tx = app.db.begin().await?;
    let id = repo::insert(&mut tx, new, now).await?;
    let party = if on_behalf { Participant::Assistant } else { Participant::Reporter };
    let event = NewEvent {
        step: Step::Submitted,
        status: Status::Baru,
        party,
        user_id: if on_behalf { actor.user_id.map(UserId) } else { None },
        opd_id: None,
        body: None,
        public: true,
    };
    let event_id = repo::insert_event(&mut tx, id, &event, now).await?;
    for f in stored {
        repo::insert_attachment(&mut tx, id, event_id, f, now).await?;
    }
    // The audit trail names the report, never the person behind it.
    let after = serde_json::json!({
        "kind": new.kind.as_str(), "category_id": new.category_id, "region_id": new.region_id,
        "anonymous": anonymous, "confidential": confidential, "attachments": stored.len(), "source": new.source.as_str(),
    });
    // A citizen signed in to report is recorded as anonymous: the trail must not tie a person
    // to a report (it may be anonymous). An assisted intake names the KIM member.
    let auditor = if on_behalf || actor.user_id.is_none() {
        // Assisted intake names the KIM member; a machine client (Open311, the API) its token.
        actor.clone()
    } else {
        Actor::anonymous(actor.request_id.clone())
    };
    audit::record(&mut tx, &auditor, now, Event::new("aspiration.submit", "aspiration", id).after(&after)).await?;
    let code = code_of(i64::from(year), id);
    let row = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    notify::tell(&mut tx, app, &row, Notice::Received, Some(key), now).await?;
    tx.commit_bookkeeping().await?;
    Ok(Submitted { code, key: key.to_owned() })
}

/// The report behind a private follow-up key.
pub async fn by_key(app: &App, key: &str) -> AppResult<AspirationRow> {
    if key.len() < 16 || key.len() > 64 || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(AppError::NotFound);
    }
    repo::find_by_key_hash(&app.db, &crypto::sha256_hex(key)).await?.ok_or(AppError::NotFound)
}

/// What the reporter does on the follow-up page.
#[derive(Debug, Clone)]
pub enum ReporterStep {
    AddInfo(String),
    Accept,
    Dispute(String),
    Rate { rating: String, comment: String },
}

/// Carries out a reporter's step, authorised by the private key alone.
pub async fn reporter_step(app: &App, actor: &Actor, key: &str, step: ReporterStep) -> AppResult<()> {
    let row = by_key(app, key).await?;
    // The key is the reporter's only credential; the trail does not tie a signed-in person to it.
    let auditor = Actor::anonymous(actor.request_id.clone());
    let now = app.clock.now();
    let status = row.status;
    let mut tx = app.db.begin().await?;
    match step {
        ReporterStep::AddInfo(text) => {
            let mut e = FieldErrors::new();
            let text = e.required("info", &text, DESCRIPTION_MAX);
            e.into_result()?;
            if status.is_closed() {
                return Err(AppError::Conflict("err-aspiration-closed"));
            }
            let ev = NewEvent {
                step: Step::Info,
                status,
                party: Participant::Reporter,
                user_id: None,
                opd_id: None,
                body: Some(&text),
                public: false,
            };
            repo::insert_event(&mut tx, row.id, &ev, now).await?;
            audit::record(&mut tx, &auditor, now, Event::new("aspiration.info", "aspiration", row.id)).await?;
            if let Some(opd) = row.opd_id {
                notify_officers(&mut tx, app, opd, &row, "mail-aspiration-info", now).await?;
            }
        }
        ReporterStep::Accept => {
            let next = aspiration::transition(status, Action::Accept, Party::Reporter).map_err(refused)?;
            move_to(&mut tx, app, &row, status, next, row.opd_id, now).await?;
            let ev = NewEvent {
                step: Step::Workflow(Action::Accept),
                status: next,
                party: Participant::Reporter,
                user_id: None,
                opd_id: row.opd_id,
                body: None,
                public: true,
            };
            repo::insert_event(&mut tx, row.id, &ev, now).await?;
            audit::record(&mut tx, &auditor, now, Event::new("aspiration.accept", "aspiration", row.id)).await?;
        }
        ReporterStep::Dispute(reason) => {
            let mut e = FieldErrors::new();
            let reason = e.required("reason", &reason, DESCRIPTION_MAX);
            e.into_result()?;
            let next = aspiration::transition(status, Action::Dispute, Party::Reporter).map_err(refused)?;
            move_to(&mut tx, app, &row, status, next, row.opd_id, now).await?;
            let ev = NewEvent {
                step: Step::Workflow(Action::Dispute),
                status: next,
                party: Participant::Reporter,
                user_id: None,
                opd_id: row.opd_id,
                body: Some(&reason),
                // Citizens often write their name or number here: the reporter and staff see
                // it, the public sees only that the report was reopened (the status).
                public: false,
            };
            repo::insert_event(&mut tx, row.id, &ev, now).await?;
            audit::record(&mut tx, &auditor, now, Event::new("aspiration.dispute", "aspiration", row.id)).await?;
            if let Some(opd) = row.opd_id {
                notify_officers(&mut tx, app, opd, &row, "mail-aspiration-reopened", now).await?;
            }
        }
        ReporterStep::Rate { rating, comment } => {
            let mut e = FieldErrors::new();
            let value = aspiration::parse_rating(&rating);
            if value.is_none() {
                e.add("rating", "err-rating");
            }
            let comment = e.optional("comment", &comment, 1_000);
            e.into_result()?;
            let value = value.map_or(0, i64::from);
            if !repo::rate(&mut tx, row.id, value, comment.as_deref(), now).await? {
                return Err(AppError::Conflict("err-rating-not-possible"));
            }
            let ev = NewEvent {
                step: Step::Rate,
                status,
                party: Participant::Reporter,
                user_id: None,
                opd_id: row.opd_id,
                body: None,
                public: false,
            };
            repo::insert_event(&mut tx, row.id, &ev, now).await?;
            let after = serde_json::json!({ "rating": value });
            audit::record(&mut tx, &auditor, now, Event::new("aspiration.rate", "aspiration", row.id).after(&after))
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A refused workflow step as the error users see.
pub fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::Forbidden => AppError::Forbidden,
        Refusal::WrongState => AppError::Conflict("err-aspiration-wrong-status"),
    }
}

/// Moves the report to `next`, setting the deadline that status runs on; fails with a conflict
/// when someone else moved it first.
pub async fn move_to(
    tx: &mut Tx,
    app: &App,
    row: &AspirationRow,
    from: Status,
    next: Status,
    opd_id: Option<OpdId>,
    now: Timestamp,
) -> AppResult<()> {
    let cal = calendar(app).await?;
    let (due_at, due_from) = if from.keeps_deadline(next) {
        (row.due_at, row.due_from)
    } else {
        (next.deadline_days().map(|d| cal.deadline(now, d)), next.deadline_days().map(|_| now))
    };
    let change = StateChange {
        status: next,
        opd_id,
        due_at,
        due_from,
        keeps_deadline: from.keeps_deadline(next),
        closed_at: next.is_closed().then_some(now),
        reject_reason: row.reject_reason,
        duplicate_of: row.duplicate_of,
    };
    if !repo::change_state(tx, row.id, from, row.opd_id, &change, now).await? {
        return Err(AppError::Conflict("err-aspiration-changed"));
    }
    // The reporter hears of the steps that matter to them from the caller (`notify`), not of
    // every change of status.
    Ok(())
}

/// Recomputes the running deadlines in `tx`, after the holiday calendar changed in it (a cuti
/// bersama decreed later moves every open deadline it falls into).
pub async fn recompute_deadlines(app: &App, tx: &mut Tx) -> AppResult<usize> {
    let cal = Calendar::new(holidays::days(&mut *tx).await?.iter().filter_map(|d| Date::parse(d)), app.zone().clone());
    let running = repo::running_deadlines(&mut *tx).await?;
    let mut changed = 0;
    for (id, status, from) in running {
        let Some(days) = status.deadline_days() else { continue };
        repo::set_due(tx, id, status, from, cal.deadline(from, days)).await?;
        changed += 1;
    }
    Ok(changed)
}

/// Tells an OPD's officers about a report (never who sent it).
pub async fn notify_officers(
    tx: &mut Tx,
    app: &App,
    opd_id: OpdId,
    row: &AspirationRow,
    key: &str,
    now: Timestamp,
) -> AppResult<()> {
    let lang = Lang::Id;
    let code = code_of(row.year, row.id).to_string();
    let link =
        app.config.base_url.join(&format!("/kelola/aspirasi/{}", row.id)).map(|u| u.to_string()).unwrap_or_default();
    for to in repo::officer_emails(&mut *tx, opd_id).await? {
        let body = lang.t_args(key, &[("code", code.clone()), ("title", row.title.clone()), ("link", link.clone())]);
        let subject = lang.t_args("mail-aspiration-subject", &[("code", code.clone())]);
        jobs::enqueue(tx, now, &Mail { to, subject, body, unsubscribe: None }).await?;
    }
    Ok(())
}

/// Supports a public report once per device; returns whether this was a new support.
pub async fn support(app: &App, actor: &Actor, id: AspirationId, device: &str) -> AppResult<bool> {
    let row = repo::find_public(&app.db, id).await?.ok_or(AppError::NotFound)?;
    if row.status.is_closed() {
        return Err(AppError::Conflict("err-aspiration-closed"));
    }
    let now = app.clock.now();
    // The device cookie is random; only its hash is kept.
    let supporter = crypto::sha256_hex(&format!("support:{device}"));
    let mut tx = app.db.begin().await?;
    let added = repo::add_support(&mut tx, id, &supporter, now).await?;
    if added {
        audit::record(&mut tx, actor, now, Event::new("aspiration.support", "aspiration", id)).await?;
    }
    tx.commit().await?;
    Ok(added)
}

/// Open public reports in the same kelurahan that look like the text being written, best
/// first ("Apakah ini laporan yang sama?").
pub async fn similar(app: &App, kelurahan_id: RegionId, text: &str, limit: usize) -> AppResult<Vec<repo::PublicRow>> {
    let words: std::collections::HashSet<String> = crate::infra::search::analyzer::terms(text)
        .into_iter()
        .map(|t| t.0)
        .filter(|t| t.chars().count() >= 3)
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let candidates = repo::open_public_in(&app.db, kelurahan_id, 200).await?;
    let mut scored: Vec<(usize, repo::PublicRow)> = candidates
        .into_iter()
        .map(|r| {
            let theirs: std::collections::HashSet<String> =
                crate::infra::search::analyzer::terms(&format!("{} {}", r.title, r.description))
                    .into_iter()
                    .map(|t| t.0)
                    .collect();
            (words.intersection(&theirs).count(), r)
        })
        .filter(|(n, _)| *n >= 2 || (words.len() == 1 && *n == 1))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    Ok(scored.into_iter().take(limit).map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_parse() {
        assert_eq!(parse_degrees("", 90.0), Some(None));
        assert_eq!(parse_degrees("-6.0123", 90.0), Some(Some(-6_012_300)));
        assert_eq!(parse_degrees("106,05", 180.0), Some(Some(106_050_000)));
        assert_eq!(parse_degrees("91", 90.0), None);
        assert_eq!(parse_degrees("NaN", 90.0), None);
        assert_eq!(parse_degrees("1e400", 90.0), None);
        assert_eq!(parse_degrees("abc", 90.0), None);
    }

    #[test]
    fn checkboxes() {
        assert!(SubmitForm::ticked(&Some("ya".into())));
        assert!(SubmitForm::ticked(&Some("true".into())));
        assert!(!SubmitForm::ticked(&Some("false".into())));
        assert!(!SubmitForm::ticked(&None));
    }
}

/// What the report pages offer to choose from: categories, kecamatan and kelurahan.
#[derive(Clone)]
pub struct FormChoices {
    pub categories: Vec<(String, String)>,
    pub kecamatan: Vec<(String, String)>,
    /// Kelurahan labelled with their kecamatan.
    pub kelurahan: Vec<(String, String)>,
}

/// The choices, cached until anything changes (they change when an admin edits OPD or regions).
pub async fn form_choices(app: &App) -> AppResult<std::sync::Arc<FormChoices>> {
    let generation = app.db.generation();
    if let Some(c) = app.aspiration_choices.get("", generation) {
        return Ok(c);
    }
    let c = std::sync::Arc::new(load_choices(app).await?);
    app.aspiration_choices.put(String::new(), c.clone(), generation);
    Ok(c)
}

async fn load_choices(app: &App) -> AppResult<FormChoices> {
    let cats = repo::categories(&app.db).await?;
    let kec = regions::list(&app.db, Some("kecamatan"), None).await?;
    let kel = regions::list(&app.db, Some("kelurahan"), None).await?;
    let categories = cats.iter().map(|c| (c.id.to_string(), format!("{} ({})", c.name, c.opd_name))).collect();
    let kecamatan = kec.iter().map(|k| (k.id.to_string(), k.name.clone())).collect();
    let mut kelurahan: Vec<(String, String)> = kel
        .iter()
        .map(|k| {
            let parent = kec.iter().find(|p| Some(p.id) == k.parent_id).map(|p| p.name.as_str()).unwrap_or_default();
            (k.id.to_string(), if parent.is_empty() { k.name.clone() } else { format!("{}, {parent}", k.name) })
        })
        .collect();
    kelurahan.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(FormChoices { categories, kecamatan, kelurahan })
}

/// A changed holiday calendar moves every running deadline it falls into.
pub fn on_event<'a>(
    app: &'a App,
    tx: &'a mut Tx,
    e: &'a crate::registry::Published<'a>,
) -> futures_util::future::BoxFuture<'a, AppResult<()>> {
    Box::pin(async move {
        if *e.event == crate::domain::event::DomainEvent::HolidaysChanged {
            recompute_deadlines(app, tx).await?;
        }
        Ok(())
    })
}

/// This month's figures for the home page: reports first answered since the month began in
/// the deployment's zone, how many of those have a known deadline, and how many were on time.
pub async fn answered_this_month(app: &App) -> AppResult<(i64, i64, i64)> {
    let now = app.clock.now();
    let today = now.date_in(app.zone());
    let first = Date::from_ymd(today.year(), today.month(), 1).unwrap_or(today);
    Ok(repo::answered_between(&app.db, first.start_in(app.zone()), now.plus_minutes(1)).await?)
}
