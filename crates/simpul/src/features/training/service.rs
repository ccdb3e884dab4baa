//! Training: programmes and sessions (admins), registration with a waiting list that
//! moves up by itself (members themselves; a KIM's Redaksi or an admin for members of a group),
//! and attendance by a code that changes every minute or ticked by the trainer.

use futures_util::future::BoxFuture;
use serde::Deserialize;

use super::repo::{self, NewProgramme, NewSession};
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission, Role},
        event::DomainEvent,
        time::{Timestamp, Zone},
        training::{self, RegAction, RegParty, RegStatus},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        crypto,
        db::{Tx, unique_slug},
        i18n::Lang,
        jobs,
        mail::Mail,
    },
    registry::{Published, WORK_ITEMS_SHOWN, WorkItem, WorkList},
};

/// Material files' keys start with this (the sweep of unreferenced files knows them by it).
pub const MATERIAL_PREFIX: &str = "materi-";

/// The day-before reminder of a training session.
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
pub struct Reminder {
    pub session_id: i64,
    /// The start it reminds of: a session moved since has its own reminder.
    #[serde(default)]
    pub starts_at: Option<i64>,
}

impl jobs::Job for Reminder {
    const KIND: &'static str = "training_reminder";
}

/// A programme as the admin types it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgrammeForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub topic: String,
    /// A new topic's name, when none of the listed ones fits.
    #[serde(default)]
    pub new_topic: String,
    #[serde(default)]
    pub organiser: String,
    #[serde(default)]
    pub trainer: String,
}

async fn check_programme(app: &App, form: &ProgrammeForm) -> AppResult<(NewProgramme, Option<(String, String)>)> {
    let mut e = FieldErrors::new();
    let title = e.required("title", &form.title, 200);
    let description = e.required("description", &form.description, 5_000);
    let organiser = e.required("organiser", &form.organiser, 200);
    let trainer = e.required("trainer", &form.trainer, 200);
    let new_topic = e.optional("new_topic", &form.new_topic, 80);
    let known = repo::topics(&app.db).await?;
    let (topic, added) = match new_topic {
        Some(name) => {
            let slug = simpul_text::slugify(&name, 60).replace('-', "_");
            if slug.is_empty() {
                e.add("new_topic", "err-name-letters");
            }
            (slug.clone(), Some((slug, name)))
        }
        None => {
            if !known.iter().any(|t| t.slug == form.topic.trim()) {
                e.add("topic", "err-choose");
            }
            (form.topic.trim().to_owned(), None)
        }
    };
    e.into_result()?;
    Ok((NewProgramme { title, description, topic, organiser, trainer }, added))
}

/// Creates a programme; returns (id, slug).
pub async fn create_programme(app: &App, actor: &Actor, form: &ProgrammeForm) -> AppResult<(i64, String)> {
    actor.require_change(Permission::ManageTraining)?;
    let (p, added) = check_programme(app, form).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if let Some((slug, name)) = &added {
        repo::insert_topic(&mut tx, slug, name, now).await?;
    }
    let slug = unique_slug(&mut tx, "training_programmes", &p.title, 80, "pelatihan")
        .await?
        .ok_or(AppError::Conflict("err-slug"))?;
    let id = repo::insert_programme(&mut tx, &slug, &p, now).await?;
    let after = serde_json::json!({ "title": p.title, "topic": p.topic });
    audit::record(&mut tx, actor, now, Event::new("training.programme.create", "training_programme", id).after(&after))
        .await?;
    tx.commit().await?;
    Ok((id, slug))
}

pub async fn update_programme(app: &App, actor: &Actor, id: i64, form: &ProgrammeForm) -> AppResult<()> {
    actor.require_change(Permission::ManageTraining)?;
    let (p, added) = check_programme(app, form).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::programme(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if let Some((slug, name)) = &added {
        repo::insert_topic(&mut tx, slug, name, now).await?;
    }
    repo::update_programme(&mut tx, id, &p, now).await?;
    let event = Event::new("training.programme.update", "training_programme", id)
        .before(&serde_json::json!({ "title": before.title }))
        .after(&serde_json::json!({ "title": p.title }));
    audit::record(&mut tx, actor, now, event).await?;
    tx.commit().await?;
    Ok(())
}

/// A session as the admin types it (local times in the deployment's zone, as
/// `<input type="datetime-local">` sends them).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub online_url: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub registration_deadline: String,
    /// A practice assignment (what to write), or empty.
    #[serde(default)]
    pub practice: String,
}

fn check_session(form: &SessionForm, now: Timestamp, zone: &Zone) -> Result<(NewSession, Option<String>), FieldErrors> {
    let mut e = FieldErrors::new();
    let time = |e: &mut FieldErrors, field: &str, v: &str| match Timestamp::parse_local(v, zone) {
        Some(t) => Some(t),
        None => {
            e.add(field, if v.trim().is_empty() { "err-required" } else { "err-time" });
            None
        }
    };
    let starts = time(&mut e, "starts_at", &form.starts_at);
    let ends = time(&mut e, "ends_at", &form.ends_at);
    let deadline = time(&mut e, "registration_deadline", &form.registration_deadline);
    if let Some(s) = starts
        && s <= now
    {
        e.add("starts_at", "err-time-past");
    }
    if let (Some(s), Some(x)) = (starts, ends)
        && x <= s
    {
        e.add("ends_at", "err-training-ends");
    }
    if let (Some(s), Some(d)) = (starts, deadline)
        && d > s
    {
        e.add("registration_deadline", "err-training-deadline");
    }
    if let Some(d) = deadline
        && d <= now
    {
        e.add("registration_deadline", "err-time-past");
    }
    let place = e.optional("place", &form.place, 300);
    let online_url = e.optional_url("online_url", &form.online_url);
    if place.is_none() && online_url.is_none() && e.get("online_url").is_none() {
        e.add("place", "err-training-where");
    }
    let practice = e.optional("practice", &form.practice, 2_000);
    let capacity = match form.capacity.trim().parse::<i64>() {
        Ok(n) if (1..=10_000).contains(&n) => n,
        _ => {
            e.add("capacity", "err-training-capacity");
            0
        }
    };
    e.into_result()?;
    let (Some(starts), Some(ends), Some(deadline)) = (starts, ends, deadline) else { return Err(FieldErrors::new()) };
    Ok((
        NewSession {
            starts_at: starts.0,
            ends_at: ends.0,
            place,
            online_url,
            capacity,
            registration_deadline: deadline.0,
        },
        practice,
    ))
}

/// Adds a session to a programme, with its reminder the day before.
pub async fn add_session(app: &App, actor: &Actor, programme_id: i64, form: &SessionForm) -> AppResult<i64> {
    actor.require_change(Permission::ManageTraining)?;
    let now = app.clock.now();
    let (s, practice) = check_session(form, now, app.zone())?;
    let mut tx = app.db.begin().await?;
    repo::programme(&mut tx, programme_id).await?.ok_or(AppError::NotFound)?;
    let id = repo::insert_session(&mut tx, programme_id, &s, &crypto::random_token(24), now).await?;
    repo::set_practice(&mut tx, id, practice.as_deref()).await?;
    let remind_at = Timestamp(s.starts_at).plus_days(-1).max(now);
    jobs::enqueue_at(&mut tx, now, remind_at, &Reminder { session_id: id, starts_at: Some(s.starts_at) }).await?;
    let after = serde_json::json!({ "programme_id": programme_id, "starts_at": s.starts_at, "capacity": s.capacity });
    audit::record(&mut tx, actor, now, Event::new("training.session.create", "training_session", id).after(&after))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Where a registration ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    Seat,
    /// On the waiting list, at this place.
    Waiting(i64),
}

/// Whether `actor` may register `user_kims`' member: themselves; an admin anyone; a KIM's
/// Redaksi the members of their own group.
fn may_register(actor: &Actor, user_id: i64, user_kims: &[i64]) -> bool {
    if actor.user_id == Some(user_id) {
        return actor.has_role(Role::Anggota) || actor.has_role(Role::Redaksi);
    }
    actor.can(Permission::ManageTraining)
        || actor
            .grants
            .iter()
            .any(|g| g.role == Role::Redaksi && g.scope.kim_id().is_some_and(|k| user_kims.contains(&k)))
}

/// Registers the KIM member with this e-mail; `None` when there is none the actor may register.
/// An unknown address and another KIM's member answer the same, so a KIM's Redaksi cannot
/// learn who belongs to other groups.
pub async fn register_by_email(
    app: &App,
    actor: &Actor,
    session_id: i64,
    email: &str,
) -> AppResult<Option<Registered>> {
    let Some((user_id, kims)) = repo::member_by_email(&app.db, email).await? else { return Ok(None) };
    if !may_register(actor, user_id, &kims) {
        return Ok(None);
    }
    register(app, actor, session_id, user_id, &kims).await.map(Some)
}

/// Registers a member for a session: a seat while there is one, otherwise the waiting list.
pub async fn register(
    app: &App,
    actor: &Actor,
    session_id: i64,
    user_id: i64,
    user_kims: &[i64],
) -> AppResult<Registered> {
    if actor.read_only || !may_register(actor, user_id, user_kims) {
        return Err(AppError::Forbidden);
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    // One registration change per session at a time (PostgreSQL holds the row lock until
    // commit; SQLite has one writer): the checks below then see every earlier change.
    if !repo::lock_session(&mut tx, session_id).await? {
        return Err(AppError::NotFound);
    }
    let s = repo::session(&mut tx, session_id).await?.ok_or(AppError::NotFound)?;
    if now.0 > s.registration_deadline {
        return Err(AppError::Conflict("err-training-closed"));
    }
    let from = repo::registration(&mut tx, session_id, user_id).await?.map(|r| r.status);
    if from.is_some_and(|s| s != RegStatus::Batal) {
        return Err(AppError::Conflict("err-training-already"));
    }
    let seat = repo::take_seat(&mut tx, session_id, now).await?;
    let status =
        training::transition(from, RegAction::Register { seat_free: seat }, RegParty::Registrar).map_err(refused)?;
    let by = actor.user_id.filter(|u| *u != user_id);
    let id = repo::upsert_registration(&mut tx, session_id, user_id, status, by, now).await?;
    let outcome = if seat {
        Registered::Seat
    } else {
        Registered::Waiting(repo::waiting_position(&mut tx, session_id, id).await?)
    };
    // Registered by someone else (their Redaksi, an admin): the member hears of it.
    if by.is_some()
        && let Some(to) = repo::user_email(&mut tx, user_id).await?
    {
        let key = if seat { "mail-training-registered" } else { "mail-training-waiting" };
        let body = Lang::Id.t_args(
            key,
            &[
                ("title", s.programme_title.clone()),
                ("when", Timestamp(s.starts_at).format_long_in(app.zone(), "id")),
                ("link", app.config.link(&format!("/pelatihan/{}", s.programme_slug))),
            ],
        );
        let subject = Lang::Id.t_args("mail-training-registered-subject", &[("title", s.programme_title.clone())]);
        jobs::enqueue(&mut tx, now, &Mail { to, subject, body, unsubscribe: None }).await?;
    }
    let after = serde_json::json!({ "session_id": session_id, "user_id": user_id, "status": status.as_str() });
    audit::record(&mut tx, actor, now, Event::new("training.register", "training_registration", id).after(&after))
        .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// A refused registration step as the error users see.
fn refused(r: training::Refusal) -> AppError {
    match r {
        training::Refusal::Forbidden => AppError::Forbidden,
        training::Refusal::WrongState => AppError::Conflict("err-training-changed"),
    }
}

/// Cancels a registration; a freed seat goes to the first on the waiting list, who is told.
pub async fn cancel(app: &App, actor: &Actor, session_id: i64, user_id: i64, user_kims: &[i64]) -> AppResult<()> {
    if actor.read_only || !may_register(actor, user_id, user_kims) {
        return Err(AppError::Forbidden);
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !repo::lock_session(&mut tx, session_id).await? {
        return Err(AppError::NotFound);
    }
    let s = repo::session(&mut tx, session_id).await?.ok_or(AppError::NotFound)?;
    // Once the session has begun, a seat is history (attendance, certificates), not a booking.
    if now.0 >= s.starts_at {
        return Err(AppError::Conflict("err-training-started"));
    }
    let r = repo::registration(&mut tx, session_id, user_id).await?.ok_or(AppError::NotFound)?;
    if r.status == RegStatus::Batal {
        return Err(AppError::NotFound);
    }
    let to = training::transition(Some(r.status), RegAction::Cancel, RegParty::Registrar).map_err(refused)?;
    let had_seat = r.status == RegStatus::Terdaftar;
    if !repo::set_status(&mut tx, r.id, r.status, to, now).await? {
        return Err(AppError::Conflict("err-training-changed"));
    }
    let mut promoted = Vec::new();
    if had_seat {
        repo::free_seat(&mut tx, session_id, now).await?;
        promoted = promote_waiting(app, &mut tx, &s, now).await?;
    }
    let after = serde_json::json!({ "session_id": session_id, "user_id": user_id, "promoted": promoted });
    audit::record(&mut tx, actor, now, Event::new("training.cancel", "training_registration", r.id).after(&after))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Check-in opens this long before the session starts…
pub const CHECK_IN_BEFORE_MS: i64 = 60 * 60_000;
/// …and closes this long after it ends.
pub const CHECK_IN_AFTER_MS: i64 = 30 * 60_000;

/// Why a check-in was refused; each is an i18n key.
pub const ERR_CODE: &str = "err-training-code";

/// A participant checks in with the code shown in the room (typed, or scanned from the QR).
pub async fn check_in(app: &App, actor: &Actor, session_id: i64, code: &str) -> AppResult<()> {
    let user_id = actor.user_id.ok_or(AppError::Unauthenticated)?;
    if actor.read_only {
        return Err(AppError::Forbidden);
    }
    let now = app.clock.now();
    let refuse = |code: &str| {
        let mut e = FieldErrors::new();
        e.add("kode", code);
        AppError::Validation(e)
    };
    // Six digits can be guessed: a few tries per person and session, only around the session.
    if !app.limits.allow_check_in(&format!("{user_id}:{session_id}")).await {
        return Err(AppError::TooManyRequests);
    }
    let s = repo::session(&app.db, session_id).await?.ok_or(AppError::NotFound)?;
    if now.0 < s.starts_at - CHECK_IN_BEFORE_MS || now.0 > s.ends_at + CHECK_IN_AFTER_MS {
        return Err(refuse("err-training-not-now"));
    }
    let key = repo::attendance_key(&app.db, session_id).await?.ok_or(AppError::NotFound)?;
    if !training::code_is_current(&key, now.0, code) {
        return Err(refuse(ERR_CODE));
    }
    let mut tx = app.db.begin().await?;
    let r = repo::registration(&mut tx, session_id, user_id).await?;
    let Some(r) = r.filter(|r| r.status == RegStatus::Terdaftar) else {
        return Err(refuse("err-training-not-registered"));
    };
    if !repo::mark_attended(&mut tx, r.id, "kode", now).await? {
        return Err(refuse("err-training-checked-in"));
    }
    let after = serde_json::json!({ "session_id": session_id, "method": "kode" });
    audit::record(&mut tx, actor, now, Event::new("training.attend", "training_registration", r.id).after(&after))
        .await?;
    super::certificates::issue_if_complete(&mut tx, r.id, actor, now, app.zone()).await?;
    tx.commit().await?;
    Ok(())
}

/// The trainer ticks (or unticks) a participant by hand.
pub async fn mark(app: &App, actor: &Actor, session_id: i64, user_id: i64, present: bool) -> AppResult<()> {
    actor.require_change(Permission::ManageTraining)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let r = repo::registration(&mut tx, session_id, user_id).await?.ok_or(AppError::NotFound)?;
    if present {
        if !repo::mark_attended(&mut tx, r.id, "manual", now).await? {
            return Err(AppError::Conflict("err-training-checked-in"));
        }
    } else {
        repo::unmark_attended(&mut tx, r.id, now).await?;
        // Attendance withdrawn: a certificate issued for it no longer holds.
        if let Some(c) = repo::certificate_of_registration(&mut tx, r.id).await?
            && c.revoked_at.is_none()
        {
            super::certificates::revoke_in(
                &mut tx,
                actor,
                &c.number,
                super::certificates::ATTENDANCE_WITHDRAWN,
                true,
                now,
            )
            .await?;
        }
    }
    let after =
        serde_json::json!({ "session_id": session_id, "user_id": user_id, "present": present, "method": "manual" });
    audit::record(&mut tx, actor, now, Event::new("training.attend", "training_registration", r.id).after(&after))
        .await?;
    if present {
        super::certificates::issue_if_complete(&mut tx, r.id, actor, now, app.zone()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The code to show in the room now (the trainer's page).
pub async fn current_code(app: &App, actor: &Actor, session_id: i64) -> AppResult<String> {
    actor.require(Permission::ManageTraining)?;
    let key = repo::attendance_key(&app.db, session_id).await?.ok_or(AppError::NotFound)?;
    Ok(training::attendance_code(&key, app.clock.now().0))
}

/// The reminder the day before (a job): every seated participant gets a mail.
pub async fn remind(app: &App, session_id: i64, for_start: Option<i64>) -> AppResult<()> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let Some(s) = repo::session(&mut tx, session_id).await? else { return Ok(()) };
    // Past, or moved since this reminder was queued (the new time has its own).
    if s.starts_at < now.0 || for_start.is_some_and(|t| t != s.starts_at) {
        return Ok(());
    }
    let lang = Lang::Id;
    let place = s.place.clone().or(s.online_url.clone()).unwrap_or_default();
    for to in repo::participant_emails(&mut tx, session_id).await? {
        let body = lang.t_args(
            "mail-training-reminder",
            &[
                ("title", s.programme_title.clone()),
                ("when", Timestamp(s.starts_at).format_long_in(app.zone(), "id")),
                ("place", place.clone()),
                ("link", app.config.link(&format!("/pelatihan/{}", s.programme_slug))),
            ],
        );
        let subject = lang.t_args("mail-training-reminder-subject", &[("title", s.programme_title.clone())]);
        jobs::enqueue(&mut tx, now, &Mail { to, subject, body, unsubscribe: None }).await?;
    }
    tx.commit_bookkeeping().await?;
    Ok(())
}

/// A material as the admin sends it: a title and either a link or a file.
#[derive(Debug, Clone, Default)]
pub struct MaterialForm {
    pub title: String,
    pub url: String,
    pub file_name: String,
    pub data: Vec<u8>,
}

/// Adds a file (kept in the object store) or a link to a session.
pub async fn add_material(app: &App, actor: &Actor, session_id: i64, form: MaterialForm) -> AppResult<i64> {
    actor.require_change(Permission::ManageTraining)?;
    let mut e = FieldErrors::new();
    let title = e.required("title", &form.title, 200);
    let url = e.optional_url("url", &form.url);
    let has_file = !form.data.is_empty();
    if has_file == url.is_some() && e.get("url").is_none() {
        e.add("url", "err-material-one");
    }
    if form.data.len() > app.config.max_upload_bytes {
        e.add("file", "err-file-too-large");
    }
    e.into_result()?;
    // A PDF handed to every participant is checked like a citizen's attachment: no scripts,
    // launch actions or embedded files.
    let form = if form.data.starts_with(b"%PDF-") {
        let (checked, form) = tokio::task::spawn_blocking(move || (crate::infra::uploads::check_pdf(&form.data), form))
            .await
            .map_err(anyhow::Error::from)?;
        if let Err(key) = checked {
            let mut e = FieldErrors::new();
            e.add("file", key);
            return Err(AppError::Validation(e));
        }
        form
    } else {
        form
    };
    let now = app.clock.now();
    repo::session(&app.db, session_id).await?.ok_or(AppError::NotFound)?;
    let (key, name, size) = if has_file {
        let name = crate::infra::uploads::clean_name(&form.file_name, "materi");
        let key = format!("{MATERIAL_PREFIX}{}", crypto::random_token(12));
        let size = form.data.len() as i64;
        app.storage.put(&key, form.data).await?;
        (Some(key), Some(name), Some(size))
    } else {
        (None, None, None)
    };
    let mut tx = app.db.begin().await?;
    let id =
        repo::insert_material(&mut tx, session_id, &title, url.as_deref(), key.as_deref(), name.as_deref(), size, now)
            .await?;
    let after = serde_json::json!({ "session_id": session_id, "title": title, "file": name, "url": url });
    audit::record(&mut tx, actor, now, Event::new("training.material.add", "training_material", id).after(&after))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// A session's materials are for its participants (a seat or the waiting list) and admins.
pub async fn may_see_materials(app: &App, actor: &Actor, session_id: i64) -> AppResult<bool> {
    if actor.can(Permission::ManageTraining) {
        return Ok(true);
    }
    let Some(user) = actor.user_id else { return Ok(false) };
    Ok(repo::registration(&app.db, session_id, user).await?.is_some_and(|r| r.status != RegStatus::Batal))
}

/// A material file, for those who may see it: (file name, bytes).
pub async fn material_file(app: &App, actor: &Actor, id: i64) -> AppResult<(String, Vec<u8>)> {
    let m = repo::material(&app.db, id).await?.ok_or(AppError::NotFound)?;
    if !may_see_materials(app, actor, m.session_id).await? {
        return Err(AppError::Forbidden);
    }
    let key = m.storage_key.ok_or(AppError::NotFound)?;
    let bytes = app.storage.get(&key).await?.ok_or(AppError::NotFound)?;
    Ok((m.file_name.unwrap_or_else(|| "materi".into()), bytes.to_vec()))
}

/// Whether `user` may file a practice draft for the session: they hold a seat, and the
/// session has a practice assignment.
async fn may_submit_practice(tx: &mut Tx, user: Option<i64>, session_id: i64) -> AppResult<bool> {
    let Some(user) = user else { return Ok(false) };
    if repo::practice_of(&mut *tx, session_id).await?.is_none() {
        return Ok(false);
    }
    Ok(repo::registration(&mut *tx, session_id, user).await?.is_some_and(|r| r.status == RegStatus::Terdaftar))
}

/// Practice drafts and their publication, as the newsroom reports them: a draft for a session
/// is refused unless its author has a seat there; a published practice article completes its
/// author's training when they also attended.
pub fn on_event<'a>(app: &'a App, tx: &'a mut Tx, e: &'a Published<'a>) -> BoxFuture<'a, AppResult<()>> {
    Box::pin(async move {
        match *e.event {
            DomainEvent::ArticleDrafted { author_id, practice_session: Some(session_id), .. }
                if !may_submit_practice(tx, author_id, session_id).await? =>
            {
                return Err(AppError::Forbidden);
            }
            DomainEvent::ArticlePublished { author_id: Some(user_id), practice_session: Some(session_id), .. } => {
                if let Some(r) = repo::registration(&mut *tx, session_id, user_id).await? {
                    super::certificates::issue_if_complete(tx, r.id, e.actor, e.now, app.zone()).await?;
                }
            }
            _ => {}
        }
        Ok(())
    })
}

/// Gives free seats to the waiting list in order, telling each by e-mail; returns who moved up.
async fn promote_waiting(app: &App, tx: &mut Tx, s: &repo::Session, now: Timestamp) -> AppResult<Vec<i64>> {
    let mut promoted = Vec::new();
    while let Some((next, next_user)) = repo::first_waiting(tx, s.id).await? {
        if !repo::take_seat(tx, s.id, now).await? {
            break;
        }
        let to =
            training::transition(Some(RegStatus::Menunggu), RegAction::Promote, RegParty::System).map_err(refused)?;
        if !repo::set_status(tx, next, RegStatus::Menunggu, to, now).await? {
            // They left the queue meanwhile: give the seat back and try the next one.
            repo::free_seat(tx, s.id, now).await?;
            continue;
        }
        promoted.push(next_user);
        if let Some(to) = repo::user_email(&mut *tx, next_user).await? {
            let lang = Lang::Id;
            let body = lang.t_args(
                "mail-training-promoted",
                &[
                    ("title", s.programme_title.clone()),
                    ("when", Timestamp(s.starts_at).format_long_in(app.zone(), "id")),
                    ("link", app.config.link(&format!("/pelatihan/{}", s.programme_slug))),
                ],
            );
            let subject = lang.t_args("mail-training-promoted-subject", &[("title", s.programme_title.clone())]);
            jobs::enqueue(tx, now, &Mail { to, subject, body, unsubscribe: None }).await?;
        }
    }
    Ok(promoted)
}

/// Changes a session's time, place, capacity or practice. A larger capacity moves the waiting
/// list up; a capacity below the seats already taken is refused.
pub async fn update_session(app: &App, actor: &Actor, session_id: i64, form: &SessionForm) -> AppResult<()> {
    actor.require_change(Permission::ManageTraining)?;
    let now = app.clock.now();
    let (new, practice) = check_session(form, now, app.zone())?;
    let mut tx = app.db.begin().await?;
    let before = repo::session(&mut tx, session_id).await?.ok_or(AppError::NotFound)?;
    if new.capacity < before.confirmed {
        let mut e = FieldErrors::new();
        e.add("capacity", "err-training-capacity-taken");
        return Err(AppError::Validation(e));
    }
    if repo::update_session(&mut tx, session_id, &new, practice.as_deref(), now).await? != 1 {
        return Err(AppError::Conflict("err-training-changed"));
    }
    let after_row = repo::session(&mut tx, session_id).await?.ok_or(AppError::NotFound)?;
    let promoted = promote_waiting(app, &mut tx, &after_row, now).await?;
    if new.starts_at != before.starts_at {
        let remind_at = Timestamp(new.starts_at).plus_days(-1).max(now);
        let job = Reminder { session_id, starts_at: Some(new.starts_at) };
        jobs::enqueue_at(&mut tx, now, remind_at, &job).await?;
    }
    let event = Event::new("training.session.update", "training_session", session_id)
        .before(&serde_json::json!({ "starts_at": before.starts_at, "capacity": before.capacity }))
        .after(&serde_json::json!({ "starts_at": new.starts_at, "capacity": new.capacity, "promoted": promoted }));
    audit::record(&mut tx, actor, now, event).await?;
    tx.commit().await?;
    Ok(())
}

/// "Tugas saya" for those who run training: sessions of the next two weeks (seats taken), and
/// sessions of the past week whose attendance is not complete.
pub fn work_lists<'a>(app: &'a App, actor: &'a Actor) -> BoxFuture<'a, AppResult<Vec<WorkList>>> {
    Box::pin(async move {
        if !actor.can(Permission::ManageTraining) {
            return Ok(Vec::new());
        }
        let lang = Lang::Id;
        let now = app.clock.now();
        let soon = repo::starting_between(&app.db, now, now.plus_days(14)).await?;
        let session_item = |s: &repo::Session, label: String, at: i64| WorkItem {
            label,
            href: format!("/kelola/pelatihan/sesi/{}", s.id),
            at: Timestamp(at),
            days_left: None,
        };
        let upcoming = WorkList {
            title: "tasks-sessions",
            count: soon.len() as i64,
            items: soon
                .iter()
                .take(WORK_ITEMS_SHOWN as usize)
                .map(|s| {
                    let seats = lang.t_args(
                        "tasks-seats",
                        &[("taken", s.confirmed.to_string()), ("capacity", s.capacity.to_string())],
                    );
                    session_item(s, format!("{} · {seats}", s.programme_title), s.starts_at)
                })
                .collect(),
            more: "/kelola/pelatihan".into(),
            // Ahead, not waiting for an action.
            counted: false,
        };
        let open = repo::attendance_open(&app.db, now.plus_days(-7), now).await?;
        let attendance = WorkList {
            title: "tasks-attendance",
            count: open.len() as i64,
            items: open
                .iter()
                .take(WORK_ITEMS_SHOWN as usize)
                .map(|(s, n)| {
                    let missing = lang.t_args("tasks-not-marked", &[("count", n.to_string())]);
                    session_item(s, format!("{} · {missing}", s.programme_title), s.ends_at)
                })
                .collect(),
            more: "/kelola/pelatihan".into(),
            counted: true,
        };
        Ok(vec![upcoming, attendance])
    })
}

/// How many KIM members attended training (the home page's figure).
pub async fn members_trained(app: &App) -> AppResult<i64> {
    Ok(repo::people_trained(&app.db).await?)
}
