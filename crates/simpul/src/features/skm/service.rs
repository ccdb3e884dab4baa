//! The survey's rules: who may answer and change what, periods, and the figures.

use super::repo::{self, KioskRow, UnitRow};
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        event::DomainEvent,
        skm::{Index, KioskForm, ResponseForm, UNSUR, UnitForm, Wording, kiosk_silent, minimum_sample},
        time::{Date, Timestamp},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        crypto,
        db::Tx,
    },
    registry::{Published, WORK_ITEMS_SHOWN, WorkItem, WorkList},
};

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The period asked for (`from`, `to`: `YYYY-MM-DD`, either may be blank): by default from
    /// the first of January of this year to today.
    pub fn parse(app: &App, from: &str, to: &str) -> Result<Period, FieldErrors> {
        let today = app.clock.now().date_in(app.zone());
        let mut e = FieldErrors::new();
        let mut day = |field: &str, v: &str, default: Date| match v.trim() {
            "" => default,
            v => Date::parse(v).unwrap_or_else(|| {
                e.add(field, "err-date");
                default
            }),
        };
        let start = Date::from_ymd(today.year(), 1, 1).unwrap_or(today);
        let period = Period { from: day("from", from, start), to: day("to", to, today) };
        if e.is_empty() && period.from > period.to {
            e.add("to", "err-period-order");
        }
        e.into_result().map(|()| period)
    }

    /// The period widened to whole calendar months (up to today): what the public may ask
    /// for, so that no one narrows a period down to one person's visit.
    pub fn whole_months(self, app: &App) -> Period {
        let today = app.clock.now().date_in(app.zone());
        let from = Date::from_ymd(self.from.year(), self.from.month(), 1).unwrap_or(self.from);
        let next = if self.to.month() == 12 {
            Date::from_ymd(self.to.year() + 1, 1, 1)
        } else {
            Date::from_ymd(self.to.year(), self.to.month() + 1, 1)
        };
        let to = next.map_or(self.to, Date::previous).min(today).max(from);
        Period { from, to }
    }
}

/// A unit with its figures for a period.
#[derive(Debug, Clone)]
pub struct UnitFigures {
    pub unit: UnitRow,
    pub index: Index,
    /// The minimum sample for the unit's population (0 when the population is not set).
    pub minimum: i64,
}

impl UnitFigures {
    /// Whether the figure rests on fewer responses than the minimum sample.
    pub fn too_few(&self) -> bool {
        self.index.responses < self.minimum
    }

    /// Whether the scores may be shown to the public (enough responses that none stands out).
    pub fn public(&self) -> bool {
        self.index.responses >= crate::domain::skm::PUBLIC_MIN_RESPONSES
    }
}

/// Whether this actor sees every figure (staff who keep the survey, or a machine client).
pub fn sees_all(actor: &Actor, machine_token: bool) -> bool {
    actor.can(Permission::ManageSkm) || (machine_token && actor.user_id.is_none())
}

fn figures(unit: UnitRow, responses: i64, sums: [i64; UNSUR]) -> UnitFigures {
    let minimum = unit.population.map_or(0, minimum_sample);
    UnitFigures { unit, index: Index::from_sums(responses, sums), minimum }
}

/// Every unit (only those offered to the public unless `all`) with its figures.
pub async fn units(app: &App, period: Period, all: bool) -> AppResult<Vec<UnitFigures>> {
    let units = repo::units(&app.db, !all).await?;
    let sums = repo::sums(&app.db, None, &period.from.to_string(), &period.to.to_string()).await?;
    Ok(units
        .into_iter()
        .map(|u| {
            let (n, s) = sums.iter().find(|(id, ..)| *id == u.id).map_or((0, [0; UNSUR]), |(_, n, s)| (*n, *s));
            figures(u, n, s)
        })
        .collect())
}

/// The units offered to the public with their figures for a period (the dashboard).
pub async fn units_offered(app: &App, period: Period) -> AppResult<Vec<UnitFigures>> {
    units(app, period, false).await
}

/// The units offered to the public.
pub async fn public_units(app: &App) -> AppResult<Vec<UnitRow>> {
    Ok(repo::units(&app.db, true).await?)
}

/// One unit offered to the public, by its address.
pub async fn public_unit(app: &App, slug: &str) -> AppResult<UnitRow> {
    repo::unit_by_slug(&app.db, slug).await?.filter(|u| u.active).ok_or(AppError::NotFound)
}

/// A unit's figures for a period.
pub async fn unit_figures(app: &App, unit: UnitRow, period: Period) -> AppResult<UnitFigures> {
    let sums = repo::sums(&app.db, Some(unit.id), &period.from.to_string(), &period.to.to_string()).await?;
    let (n, s) = sums.first().map_or((0, [0; UNSUR]), |(_, n, s)| (*n, *s));
    Ok(figures(unit, n, s))
}

/// Respondents per profile answer (`field`, `value`, count).
pub async fn profile(app: &App, unit: &UnitRow, period: Period) -> AppResult<Vec<(String, String, i64)>> {
    Ok(repo::profile(&app.db, unit.id, &period.from.to_string(), &period.to.to_string()).await?)
}

/// The latest suggestions for a unit: staff only (people write names and numbers in them).
pub async fn suggestions(app: &App, actor: &Actor, unit: &UnitRow, period: Period) -> AppResult<Vec<(String, String)>> {
    latest_suggestions(app, actor, unit, period, 100).await
}

async fn latest_suggestions(
    app: &App,
    actor: &Actor,
    unit: &UnitRow,
    period: Period,
    limit: i64,
) -> AppResult<Vec<(String, String)>> {
    actor.require(Permission::ManageSkm)?;
    Ok(repo::suggestions(&app.db, unit.id, &period.from.to_string(), &period.to.to_string(), limit).await?)
}

/// Where a response came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Web,
    Api,
    /// A registered kiosk, which answers only for its own unit.
    Kiosk {
        unit_id: i64,
    },
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Web => "web",
            Source::Api => "api",
            Source::Kiosk { .. } => "kiosk",
        }
    }
}

/// Stores one filled-in questionnaire for the unit at `slug`. `client_key`: the sender's
/// idempotency key (already made unique per sender); sending it again stores nothing and
/// answers `Ok(false)`. Nothing is stored when anything is wrong.
pub async fn respond(
    app: &App,
    actor: &Actor,
    slug: &str,
    form: &ResponseForm,
    source: Source,
    client_key: Option<String>,
) -> AppResult<bool> {
    if actor.read_only {
        return Err(AppError::Forbidden);
    }
    // Through the API only an admin-issued machine token (a counter's app) answers: a personal
    // token is one staff member, who could otherwise mint tokens and fill a unit's index.
    if source == Source::Api && actor.user_id.is_some() {
        return Err(AppError::Forbidden);
    }
    let unit = public_unit(app, slug).await?;
    if let Source::Kiosk { unit_id } = source
        && unit_id != unit.id
    {
        return Err(AppError::Forbidden);
    }
    let response = form.validate()?;
    let now = app.clock.now();
    let day = now.date_in(app.zone()).to_string();
    let mut tx = app.db.begin().await?;
    let Some(id) =
        repo::insert_response(&mut tx, unit.id, &day, &response, source.as_str(), client_key.as_deref(), now).await?
    else {
        return Ok(false);
    };
    // The trail names the unit and the door, never the answers or the respondent.
    let after = serde_json::json!({ "unit": unit.slug, "source": source.as_str() });
    let auditor = if actor.user_id.is_some() { Actor::anonymous(actor.request_id.clone()) } else { actor.clone() };
    audit::record(&mut tx, &auditor, now, Event::new("skm.respond", "skm_response", id).after(&after)).await?;
    // Survey answers change only the figures, which are read fresh: cached pages stay valid.
    tx.commit_bookkeeping().await?;
    Ok(true)
}

/// A sender's idempotency key as stored: `<door>:<sender>:<key>`, or none when the key is not
/// one a client would make (8–100 letters, digits, `-` and `_`). The sender part keeps one
/// sender's keys from colliding with (or replaying) another's; for the web form it is a hash of
/// the browser's form token.
pub fn client_key(door: &str, sender: &str, key: &str) -> Option<String> {
    let key = key.trim();
    let fine =
        (8..=100).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    fine.then(|| format!("{door}:{}:{key}", &crypto::sha256_hex(sender)[..16]))
}

/// Adds a service point (a kelurahan office, a KIM post).
pub async fn create_unit(app: &App, actor: &Actor, form: &UnitForm) -> AppResult<i64> {
    actor.require_change(Permission::ManageSkm)?;
    let input = form.validate()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let slug = crate::infra::db::unique_slug(&mut tx, "skm_units", &input.name, 60, "layanan")
        .await?
        .ok_or(AppError::Conflict("err-slug"))?;
    let id = repo::insert_unit(&mut tx, &slug, &input, now).await?;
    audit::record(&mut tx, actor, now, Event::new("skm.unit.create", "skm_unit", id).after(&input)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a unit's name (service points only: an OPD's follows the OPD), population, wording
/// and whether it is offered.
pub async fn update_unit(app: &App, actor: &Actor, id: i64, form: &UnitForm) -> AppResult<()> {
    actor.require_change(Permission::ManageSkm)?;
    let mut input = form.validate()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::unit(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if before.opd_id.is_some() {
        input.name = before.name.clone();
    }
    repo::update_unit(&mut tx, id, &input, now).await?;
    let was = serde_json::json!({ "name": before.name, "population": before.population, "active": before.active,
        "wording": Wording::from_stored(before.wording.as_deref()) });
    audit::record(&mut tx, actor, now, Event::new("skm.unit.update", "skm_unit", id).before(&was).after(&input))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Every OPD is a unit of the survey: created with the OPD, renamed with it.
pub fn on_event<'a>(
    _app: &'a App,
    tx: &'a mut Tx,
    e: &'a Published<'a>,
) -> futures_util::future::BoxFuture<'a, AppResult<()>> {
    Box::pin(async move {
        let DomainEvent::OpdSaved { opd_id, slug, name } = e.event else { return Ok(()) };
        match repo::unit_of_opd(&mut *tx, *opd_id).await? {
            Some(u) if u.name != *name => repo::rename_unit(tx, u.id, name, e.now).await?,
            Some(_) => {}
            None => {
                let slug = crate::infra::db::unique_slug(tx, "skm_units", slug, 60, "opd")
                    .await?
                    .ok_or(AppError::Conflict("err-slug"))?;
                repo::insert_opd_unit(tx, *opd_id, &slug, name, e.now).await?;
            }
        }
        Ok(())
    })
}

/// A kiosk in the admins' list: when it was last heard from, and whether that is too long ago.
#[derive(Debug, Clone)]
pub struct KioskStatus {
    pub kiosk: KioskRow,
    pub silent: bool,
}

/// The kiosks in service.
pub async fn kiosks(app: &App, actor: &Actor) -> AppResult<Vec<KioskStatus>> {
    actor.require(Permission::ManageSkm)?;
    let now = app.clock.now().0;
    Ok(repo::kiosks(&app.db)
        .await?
        .into_iter()
        .map(|k| {
            let silent = kiosk_silent(k.last_seen_at.unwrap_or(k.created_at), k.alert_minutes, now);
            KioskStatus { kiosk: k, silent }
        })
        .collect())
}

/// Registers a kiosk for a unit; returns its id and the secret the device keeps (shown once,
/// stored hashed).
pub async fn register_kiosk(app: &App, actor: &Actor, form: &KioskForm) -> AppResult<(i64, String)> {
    actor.require_change(Permission::ManageSkm)?;
    let input = form.validate()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if repo::unit(&mut tx, input.unit_id).await?.is_none() {
        let mut e = FieldErrors::new();
        e.add("unit_id", "err-required");
        return Err(e.into());
    }
    let secret = crypto::random_token(32);
    let id =
        repo::insert_kiosk(&mut tx, input.unit_id, &input.name, &crypto::sha256_hex(&secret), input.alert_minutes, now)
            .await?;
    audit::record(&mut tx, actor, now, Event::new("skm.kiosk.register", "skm_kiosk", id).after(&input)).await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// Takes a kiosk out of service: its device can no longer send anything.
pub async fn revoke_kiosk(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    actor.require_change(Permission::ManageSkm)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let k = repo::kiosk(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    repo::revoke_kiosk(&mut tx, id, now).await?;
    let before = serde_json::json!({ "name": k.name, "unit": k.unit_slug });
    audit::record(&mut tx, actor, now, Event::new("skm.kiosk.revoke", "skm_kiosk", id).before(&before)).await?;
    tx.commit().await?;
    Ok(())
}

/// The kiosk a device's secret belongs to, if it is in service.
pub async fn kiosk_by_secret(app: &App, secret: &str) -> AppResult<Option<KioskRow>> {
    if secret.len() < 32 || secret.len() > 128 {
        return Ok(None);
    }
    Ok(repo::kiosk_by_token(&app.db, &crypto::sha256_hex(secret)).await?)
}

/// Sets a kiosk up on its device: the setup secret is spent and the device gets a fresh one,
/// so the link left in a browser's history opens nothing. Returns the kiosk and the new secret.
pub async fn install_kiosk(app: &App, setup_secret: &str, request_id: Option<String>) -> AppResult<(KioskRow, String)> {
    let k = kiosk_by_secret(app, setup_secret).await?.ok_or(AppError::NotFound)?;
    let secret = crypto::random_token(32);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !repo::replace_kiosk_token(&mut tx, k.id, &crypto::sha256_hex(setup_secret), &crypto::sha256_hex(&secret))
        .await?
    {
        return Err(AppError::NotFound);
    }
    let actor = kiosk_actor(&k, request_id);
    audit::record(&mut tx, &actor, now, Event::new("skm.kiosk.install", "skm_kiosk", k.id)).await?;
    tx.commit_bookkeeping().await?;
    Ok((k, secret))
}

/// Who a kiosk is in the audit trail.
pub fn kiosk_actor(k: &KioskRow, request_id: Option<String>) -> Actor {
    Actor { label: format!("kios:{} (#{})", k.name, k.id), ..Actor::anonymous(request_id) }
}

/// A kiosk's sign of life (its heartbeat; every response counts too).
pub async fn kiosk_alive(app: &App, k: &KioskRow) -> AppResult<()> {
    let mut tx = app.db.begin().await?;
    repo::kiosk_seen(&mut tx, k.id, app.clock.now()).await?;
    // Only the admins' kiosk list shows it, and that page is never cached.
    tx.commit_bookkeeping().await?;
    Ok(())
}

/// Admins see silent kiosks in their task list: the machine must not die unnoticed.
pub fn work_lists<'a>(app: &'a App, actor: &'a Actor) -> futures_util::future::BoxFuture<'a, AppResult<Vec<WorkList>>> {
    Box::pin(async move {
        if !actor.can(Permission::ManageSkm) {
            return Ok(Vec::new());
        }
        let silent: Vec<KioskStatus> = kiosks(app, actor).await?.into_iter().filter(|k| k.silent).collect();
        let items = silent
            .iter()
            .take(usize::try_from(WORK_ITEMS_SHOWN).unwrap_or(5))
            .map(|s| WorkItem {
                label: format!("{} — {}", s.kiosk.name, s.kiosk.unit_name),
                href: "/admin/skm/kios".into(),
                at: Timestamp(s.kiosk.last_seen_at.unwrap_or(s.kiosk.created_at)),
                days_left: None,
            })
            .collect();
        Ok(vec![WorkList {
            title: "skm-work-silent",
            count: i64::try_from(silent.len()).unwrap_or(i64::MAX),
            items,
            more: "/admin/skm/kios".into(),
            counted: true,
        }])
    })
}

/// The SKM report of a unit for a period as a spreadsheet (staff: it holds the suggestions).
pub async fn report_xlsx(app: &App, actor: &Actor, unit: UnitRow, period: Period) -> AppResult<Vec<u8>> {
    use crate::infra::xlsx::{Cell, Sheet, workbook};
    actor.require(Permission::ManageSkm)?;
    let profile = profile(app, &unit, period).await?;
    // The report holds every suggestion of the period (the page shows the latest hundred).
    let suggestions = latest_suggestions(app, actor, &unit, period, 1_000_000).await?;
    let f = unit_figures(app, unit, period).await?;
    let mut summary = Sheet::new("Ringkasan", &["Keterangan", "Nilai"]);
    summary
        .row(vec!["Unit layanan".into(), f.unit.name.clone().into()])
        .row(vec!["Dari".into(), Cell::Date(period.from)])
        .row(vec!["Sampai".into(), Cell::Date(period.to)])
        .row(vec!["Responden".into(), f.index.responses.into()])
        .row(vec![
            "Sampel minimal (Krejcie-Morgan)".into(),
            if f.minimum > 0 { f.minimum.into() } else { "populasi belum diisi".into() },
        ])
        .row(vec!["IKM".into(), f.index.ikm().map_or(Cell::Empty, |v| Cell::Num(v, 2))])
        .row(vec!["Mutu pelayanan".into(), f.index.grade().map_or(Cell::Empty, |g| g.as_str().into())])
        .row(vec!["Kinerja unit pelayanan".into(), f.index.grade().map_or(Cell::Empty, |g| g.label().into())]);
    let mut nrr = Sheet::new("NRR per unsur", &["Kode", "Unsur", "NRR", "NRR tertimbang"]);
    for (i, (u, v)) in crate::domain::skm::QUESTIONNAIRE.iter().zip(&f.index.nrr).enumerate() {
        nrr.row(vec![format!("U{}", i + 1).into(), u.name.into(), Cell::Num(*v, 3), Cell::Num(v / 9.0, 3)]);
    }
    let mut prof = Sheet::new("Profil responden", &["Pertanyaan", "Jawaban", "Responden"]);
    for (field, value, n) in profile {
        prof.row(vec![
            crate::domain::skm::profile_question(&field).into(),
            crate::domain::skm::profile_answer(&value).into(),
            n.into(),
        ]);
    }
    let mut sugg = Sheet::new("Saran", &["Tanggal", "Saran dan masukan"]);
    for (day, text) in suggestions {
        sugg.row(vec![Date::parse(&day).map_or(Cell::Text(day.clone()), Cell::Date), text.into()]);
    }
    workbook(&[summary, nrr, prof, sugg]).map_err(|e| AppError::Internal(e.into()))
}
