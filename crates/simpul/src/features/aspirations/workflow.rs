//! The staff side of aspirations: who sees which report (and whose identity), the
//! coordinator's and the OPDs' workflow steps, redaction, the LAPOR! number and export, and
//! the deadline sweep (reminders, escalation, closing unanswered answers).

use futures_util::future::BoxFuture;
use serde::Deserialize;

use super::{
    notify::{self, Notice},
    repo::{self, AspirationRow, NewEvent, StaffScope},
    service::{calendar, code_of, move_to, notify_officers, refused},
};
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        aspiration::{self, Action, DESCRIPTION_MAX, Kind, Participant, Party, RejectReason, Status, Step},
        ids::{AspirationId, AttachmentId, OpdId, RegionId, UserId},
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::opd,
    infra::{
        audit::{self, Event},
        db::Tx,
        i18n::Lang,
        jobs,
        mail::Mail,
    },
    registry::{WORK_ITEMS_SHOWN, WorkItem, WorkList},
};

/// How a staff member relates to a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskRole {
    Coordinator,
    /// Officer of the OPD the report is with.
    Officer,
    /// The KIM member who filed it for a citizen.
    Assistant,
}

/// How the actor relates to the report, or `None` when they may not see it.
pub fn desk_role(actor: &Actor, row: &AspirationRow) -> Option<DeskRole> {
    if actor.can(Permission::CoordinateAspirations) {
        Some(DeskRole::Coordinator)
    } else if row.opd_id.is_some_and(|o| actor.can(Permission::HandleAspirations) && actor.opd_ids().contains(&o.0)) {
        Some(DeskRole::Officer)
    } else if row.assisted_by.is_some() && row.assisted_by == actor.user_id.map(UserId) {
        Some(DeskRole::Assistant)
    } else {
        None
    }
}

/// Whether this role sees who sent the report. Anonymous: nobody (the coordinator only through
/// an audited reveal). Rahasia: not the OPD either.
pub fn identity_visible(role: DeskRole, row: &AspirationRow) -> bool {
    match role {
        DeskRole::Coordinator | DeskRole::Assistant => !row.anonymous,
        DeskRole::Officer => !row.anonymous && !row.confidential,
    }
}

/// A report as a staff member may see it: the identity is blanked unless visible to them.
pub struct DeskView {
    pub row: AspirationRow,
    pub role: DeskRole,
    pub identity_shown: bool,
    pub events: Vec<repo::EventRow>,
    pub attachments: Vec<repo::AttachmentRow>,
    /// The workflow steps this person can take now.
    pub actions: Vec<Action>,
    /// Units to dispose to (coordinator only).
    pub units: Vec<opd::OpdRow>,
    /// Working days left before the deadline (negative: overdue).
    pub days_left: Option<i64>,
}

fn party(role: DeskRole, action: Action) -> Party {
    match (role, action) {
        (DeskRole::Coordinator, Action::Verify | Action::Reject | Action::Dispose) => Party::Coordinator,
        (DeskRole::Officer, _) => Party::Opd { assigned: true },
        _ => Party::Other,
    }
}

/// The actor's party for `action` on `row` (an admin who is also the OPD's officer answers as
/// the officer).
fn party_for(actor: &Actor, row: &AspirationRow, action: Action) -> Party {
    let officer =
        row.opd_id.is_some_and(|o| actor.can(Permission::HandleAspirations) && actor.opd_ids().contains(&o.0));
    match action {
        Action::Acknowledge | Action::Respond if officer => Party::Opd { assigned: true },
        Action::Acknowledge | Action::Respond if actor.can(Permission::HandleAspirations) => {
            Party::Opd { assigned: false }
        }
        _ => desk_role(actor, row).map_or(Party::Other, |r| party(r, action)),
    }
}

/// Loads a report for the desk, checking the actor may see it.
pub async fn desk_view(app: &App, actor: &Actor, id: AspirationId) -> AppResult<DeskView> {
    actor.require(Permission::ViewAspirationDesk)?;
    let mut row = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let role = desk_role(actor, &row).ok_or(AppError::NotFound)?;
    let identity_shown = identity_visible(role, &row);
    if !identity_shown {
        row.reporter_name = None;
        row.reporter_phone = None;
        row.reporter_email = None;
    }
    let status = row.status;
    let actions = [Action::Verify, Action::Reject, Action::Dispose, Action::Acknowledge, Action::Respond]
        .into_iter()
        .filter(|a| !actor.read_only && aspiration::transition(status, *a, party_for(actor, &row, *a)).is_ok())
        .collect();
    let units = if role == DeskRole::Coordinator { opd::list(&app.db).await? } else { Vec::new() };
    let now = app.clock.now();
    // Late is decided by the instant, not by counting days: a deadline that passed on Friday
    // night is late on Saturday even though no working day has gone by.
    let days_left = match row.due_at {
        Some(due) if status.is_open() && due < now => Some(-calendar(app).await?.working_days_between(due, now).max(1)),
        Some(due) if status.is_open() => Some(calendar(app).await?.working_days_between(now, due)),
        _ => None,
    };
    let events = repo::events(&app.db, id, repo::Audience::Staff).await?;
    let attachments = repo::attachments(&app.db, id).await?;
    Ok(DeskView { row, role, identity_shown, events, attachments, actions, units, days_left })
}

/// The reports desk list for this person.
pub async fn desk_list(
    app: &App,
    actor: &Actor,
    status: Option<Status>,
    overdue: bool,
    page: i64,
) -> AppResult<Vec<repo::StaffRow>> {
    actor.require(Permission::ViewAspirationDesk)?;
    let scope = if actor.can(Permission::CoordinateAspirations) {
        StaffScope::All
    } else if actor.can(Permission::HandleAspirations) {
        StaffScope::Opd(actor.opd_ids().into_iter().map(OpdId).collect())
    } else {
        StaffScope::AssistedBy(actor.user_id.map(UserId).ok_or(AppError::Forbidden)?)
    };
    let overdue_at = overdue.then(|| app.clock.now());
    let offset = (page.max(1) - 1) * DESK_PAGE;
    Ok(repo::list_staff(&app.db, &scope, status, overdue_at, offset, DESK_PAGE + 1).await?)
}

/// Reports per page of the desk list.
pub const DESK_PAGE: i64 = 50;

/// Per-OPD figures for the coordinator: reports, finished, average rating.
pub async fn opd_stats(app: &App, actor: &Actor) -> AppResult<Vec<repo::OpdStats>> {
    actor.require(Permission::CoordinateAspirations)?;
    Ok(repo::opd_stats(&app.db).await?)
}

/// A staff step as typed in the desk's forms.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub opd_id: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub duplicate_of: String,
    #[serde(default)]
    pub body: String,
    /// When verifying a report that came without a kelurahan.
    #[serde(default)]
    pub kelurahan_id: String,
}

/// Takes a workflow step (verify, reject, dispose, acknowledge, respond) or adds an internal note.
pub async fn step(app: &App, actor: &Actor, id: AspirationId, form: &StepForm) -> AppResult<()> {
    actor.require_change(Permission::ViewAspirationDesk)?;
    let row = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let role = desk_role(actor, &row).ok_or(AppError::NotFound)?;
    let status = row.status;
    let now = app.clock.now();
    let mut e = FieldErrors::new();
    if form.action.trim() == "note" {
        let body = e.required("body", &form.body, DESCRIPTION_MAX);
        e.into_result()?;
        if role == DeskRole::Assistant {
            return Err(AppError::Forbidden);
        }
        let mut tx = app.db.begin().await?;
        let party = if role == DeskRole::Coordinator { Participant::Coordinator } else { Participant::Opd };
        let ev = NewEvent {
            step: Step::Note,
            status,
            party,
            user_id: actor.user_id.map(UserId),
            opd_id: row.opd_id.filter(|_| role == DeskRole::Officer),
            body: Some(&body),
            public: false,
        };
        repo::insert_event(&mut tx, id, &ev, now).await?;
        audit::record(&mut tx, actor, now, Event::new("aspiration.note", "aspiration", id)).await?;
        tx.commit_bookkeeping().await?;
        return Ok(());
    }
    let action = Action::parse(&form.action).ok_or(AppError::BadRequest("err-bad-form"))?;
    let next = aspiration::transition(status, action, party_for(actor, &row, action)).map_err(refused)?;
    let body = match action {
        Action::Respond => Some(e.required("body", &form.body, DESCRIPTION_MAX)),
        _ => e.optional("body", &form.body, DESCRIPTION_MAX),
    };
    let mut opd_id = row.opd_id;
    let mut row_for_move = row.clone();
    let mut duplicate = None;
    match action {
        Action::Dispose => match form.opd_id.trim().parse::<i64>() {
            Ok(o) if opd::find(&app.db, o).await?.is_some() => opd_id = Some(OpdId(o)),
            _ => e.add("opd_id", "err-required"),
        },
        Action::Reject => match RejectReason::parse(&form.reason) {
            Some(RejectReason::Duplicate) => {
                let dup = form.duplicate_of.trim();
                let target = match super::service::parse_reference(dup) {
                    Some(other) if other != id => repo::find(&app.db, other).await?,
                    _ => None,
                };
                match target {
                    Some(t) => {
                        row_for_move.duplicate_of = Some(t.id);
                        duplicate = Some((t.year, t.id));
                    }
                    None => e.add("duplicate_of", "err-duplicate-of"),
                }
                row_for_move.reject_reason = Some(RejectReason::Duplicate);
            }
            Some(r) => row_for_move.reject_reason = Some(r),
            None => e.add("reason", "err-required"),
        },
        _ => {}
    }
    let mut place = None;
    if action == Action::Verify && row.region_id.is_none() {
        let found = match form.kelurahan_id.trim().parse::<i64>() {
            Ok(k) => crate::features::regions::find(&app.db, k)
                .await?
                .filter(|r| r.level == crate::domain::region::RegionLevel::Kelurahan),
            Err(_) => None,
        };
        match found {
            Some(r) => place = Some((RegionId(r.id), r.parent_id.map(RegionId))),
            None => e.add("kelurahan_id", "err-kelurahan"),
        }
    }
    e.into_result()?;
    let mut tx = app.db.begin().await?;
    if let Some((k, kecamatan)) = place {
        repo::set_region(&mut tx, id, k, kecamatan, now).await?;
    }
    // A verified report becomes public: from now on the public list finds it by its words
    // (kept off the submission path, where nobody can search for it yet).
    if action == Action::Verify {
        let title = row.public_title.as_deref().unwrap_or(&row.title);
        let description = row.public_description.as_deref().unwrap_or(&row.description);
        repo::replace_words(&mut tx, id, &super::service::public_words(title, description)).await?;
    }
    move_to(&mut tx, app, &row_for_move, status, next, opd_id, now).await?;
    let party =
        if party_for(actor, &row, action) == Party::Coordinator { Participant::Coordinator } else { Participant::Opd };
    let ev = NewEvent {
        step: Step::Workflow(action),
        status: next,
        party,
        user_id: actor.user_id.map(UserId),
        opd_id,
        body: body.as_deref(),
        // The answer and the outcome are public (a rejected report is never public, so its
        // explanation reaches only the reporter). A note for the OPD stays among staff.
        public: action != Action::Dispose || body.is_none(),
    };
    repo::insert_event(&mut tx, id, &ev, now).await?;
    if action == Action::Respond {
        repo::mark_answered(&mut tx, id, now, row.due_at.is_some_and(|due| due < now)).await?;
    }
    let after = serde_json::json!({
        "status": next.as_str(), "opd_id": opd_id, "reject_reason": row_for_move.reject_reason.map(RejectReason::as_str),
        "duplicate_of": row_for_move.duplicate_of, "region_id": place.map(|p| p.0).or(row.region_id),
    });
    let before = serde_json::json!({ "status": status.as_str(), "opd_id": row.opd_id });
    let verb = format!("aspiration.{}", action.as_str());
    audit::record(&mut tx, actor, now, Event::new(&verb, "aspiration", id).before(&before).after(&after)).await?;
    if action == Action::Dispose
        && let Some(o) = opd_id
    {
        notify_officers(&mut tx, app, o, &row, "mail-aspiration-disposed", now).await?;
    }
    // The reporter hears of what matters to them; disposition and taking it up are internal.
    let notice = match action {
        Action::Verify if row.confidential => Some(Notice::VerifiedConfidential),
        Action::Verify => Some(Notice::Verified),
        Action::Reject => Some(Notice::Rejected {
            reason: row_for_move.reject_reason,
            duplicate_of: duplicate,
            note: body.as_deref(),
        }),
        Action::Respond => body.as_deref().map(Notice::Answered),
        _ => None,
    };
    if let Some(n) = notice {
        notify::tell(&mut tx, app, &row, n, None, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The coordinator's public wording of a report (personal details taken out), or the original
/// back when both are blank. The original is kept.
pub async fn redact(app: &App, actor: &Actor, id: AspirationId, title: &str, description: &str) -> AppResult<()> {
    actor.require_change(Permission::CoordinateAspirations)?;
    let row = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::new();
    let title = e.optional("public_title", title, 150);
    let description = e.optional("public_description", description, DESCRIPTION_MAX);
    e.into_result()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::set_redaction(&mut tx, id, title.as_deref(), description.as_deref(), now).await?;
    // Searching must not find a report by the words the coordinator took out.
    let words = super::service::public_words(
        title.as_deref().unwrap_or(&row.title),
        description.as_deref().unwrap_or(&row.description),
    );
    repo::replace_words(&mut tx, id, &words).await?;
    let before = serde_json::json!({ "public_title": row.public_title.is_some(), "public_description": row.public_description.is_some() });
    let after = serde_json::json!({ "public_title": title.is_some(), "public_description": description.is_some() });
    audit::record(&mut tx, actor, now, Event::new("aspiration.redact", "aspiration", id).before(&before).after(&after))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Hides an attachment from the public (or shows it again). The file is kept.
pub async fn set_attachment_hidden(
    app: &App,
    actor: &Actor,
    id: AspirationId,
    attachment_id: AttachmentId,
    hidden: bool,
) -> AppResult<()> {
    actor.require_change(Permission::CoordinateAspirations)?;
    let a =
        repo::attachment(&app.db, attachment_id).await?.filter(|a| a.aspiration_id == id).ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::set_attachment_hidden(&mut tx, a.id, hidden).await?;
    let after = serde_json::json!({ "attachment_id": a.id, "hidden": hidden });
    audit::record(&mut tx, actor, now, Event::new("aspiration.attachment_visibility", "aspiration", id).after(&after))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Records the SP4N-LAPOR! tracking number after the report was forwarded there.
pub async fn set_lapor_number(app: &App, actor: &Actor, id: AspirationId, number: &str) -> AppResult<()> {
    actor.require_change(Permission::CoordinateAspirations)?;
    repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::new();
    let number = e.optional("lapor_number", number, 40);
    if number.as_deref().is_some_and(|n| !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/')) {
        e.add("lapor_number", "err-lapor-number");
    }
    e.into_result()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::set_lapor_number(&mut tx, id, number.as_deref(), now).await?;
    let after = serde_json::json!({ "lapor_number": number });
    audit::record(&mut tx, actor, now, Event::new("aspiration.lapor_number", "aspiration", id).after(&after)).await?;
    tx.commit_bookkeeping().await?;
    Ok(())
}

/// Who sent an anonymous report, for the coordinator when it is truly needed. Audited.
pub async fn reveal_identity(app: &App, actor: &Actor, id: AspirationId) -> AppResult<AspirationRow> {
    actor.require_change(Permission::CoordinateAspirations)?;
    let row = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    audit::record(&mut tx, actor, now, Event::new("aspiration.reveal_identity", "aspiration", id)).await?;
    tx.commit_bookkeeping().await?;
    Ok(row)
}

/// What one sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sweep {
    pub closed: usize,
    pub reminded: usize,
    pub escalated: usize,
}

/// Deadlines: answers nobody replied to within [`aspiration::AUTO_CLOSE_DAYS`] close; the
/// handler is reminded a day before a deadline; overdue reports are escalated to the
/// coordinators. Safe to run on several nodes at once (each change is conditional).
pub async fn sweep(app: &App) -> AppResult<Sweep> {
    let now = app.clock.now();
    let mut done = Sweep::default();
    let soon = now.plus_days(1);
    for due in repo::due_before(&app.db, soon, 500).await? {
        let status = due.status;
        let Some(row) = repo::find(&app.db, due.id).await? else { continue };
        let mut tx = app.db.begin().await?;
        let overdue = due.due_at < now;
        if status == Status::Ditanggapi {
            if !overdue {
                // A day before the answer closes by itself: the reporter may still dispute it.
                if due.reminded_at.is_none() && repo::mark_reminded(&mut tx, row.id, status, now).await? {
                    notify::tell(&mut tx, app, &row, Notice::ClosingSoon, None, now).await?;
                    tx.commit_bookkeeping().await?;
                    done.reminded += 1;
                }
                continue;
            }
            let next = aspiration::transition(status, Action::AutoClose, Party::System).map_err(refused)?;
            if move_to(&mut tx, app, &row, status, next, row.opd_id, now).await.is_err() {
                continue;
            }
            let ev = NewEvent {
                step: Step::Workflow(Action::AutoClose),
                status: next,
                party: Participant::System,
                user_id: None,
                opd_id: row.opd_id,
                body: None,
                public: true,
            };
            repo::insert_event(&mut tx, row.id, &ev, now).await?;
            audit::record(&mut tx, &Actor::system(), now, Event::new("aspiration.auto_close", "aspiration", row.id))
                .await?;
            tx.commit().await?;
            done.closed += 1;
        } else if overdue && due.escalated_at.is_none() {
            if !repo::mark_escalated(&mut tx, row.id, status, now).await? {
                continue;
            }
            let ev = NewEvent {
                step: Step::Escalated,
                status,
                party: Participant::System,
                user_id: None,
                opd_id: row.opd_id,
                body: None,
                public: false,
            };
            repo::insert_event(&mut tx, row.id, &ev, now).await?;
            for to in repo::coordinator_emails(&mut tx).await? {
                mail_about(&mut tx, app, &row, &to, "mail-aspiration-overdue", now).await?;
            }
            // The OPD hears of its own lateness too.
            if let Some(o) = row.opd_id.filter(|_| status != Status::Baru && status != Status::Terverifikasi) {
                notify_officers(&mut tx, app, o, &row, "mail-aspiration-overdue", now).await?;
            }
            audit::record(&mut tx, &Actor::system(), now, Event::new("aspiration.escalate", "aspiration", row.id))
                .await?;
            tx.commit_bookkeeping().await?;
            done.escalated += 1;
        } else if !overdue && due.reminded_at.is_none() {
            if !repo::mark_reminded(&mut tx, row.id, status, now).await? {
                continue;
            }
            match row.opd_id.filter(|_| status != Status::Baru && status != Status::Terverifikasi) {
                Some(o) => notify_officers(&mut tx, app, o, &row, "mail-aspiration-reminder", now).await?,
                None => {
                    for to in repo::coordinator_emails(&mut tx).await? {
                        mail_about(&mut tx, app, &row, &to, "mail-aspiration-reminder", now).await?;
                    }
                }
            }
            tx.commit_bookkeeping().await?;
            done.reminded += 1;
        }
    }
    Ok(done)
}

async fn mail_about(tx: &mut Tx, app: &App, row: &AspirationRow, to: &str, key: &str, now: Timestamp) -> AppResult<()> {
    let lang = Lang::Id;
    let code = code_of(row.year, row.id).to_string();
    let link =
        app.config.base_url.join(&format!("/kelola/aspirasi/{}", row.id)).map(|u| u.to_string()).unwrap_or_default();
    let body = lang.t_args(key, &[("code", code.clone()), ("title", row.title.clone()), ("link", link)]);
    let subject = lang.t_args("mail-aspiration-subject", &[("code", code)]);
    jobs::enqueue(tx, now, &Mail { to: to.to_owned(), subject, body, unsubscribe: None }).await?;
    Ok(())
}

use crate::domain::text::csv_cell as cell;

/// Selected reports as CSV in the column order of SP4N-LAPOR!'s manual input form. Anonymous
/// and rahasia reports carry no identity; an anonymous report is marked so LAPOR! keeps it so.
pub async fn lapor_csv(app: &App, actor: &Actor, ids: &[AspirationId]) -> AppResult<String> {
    actor.require(Permission::CoordinateAspirations)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "Nomor Tiket",
        "Judul Laporan",
        "Isi Laporan",
        "Tanggal Kejadian",
        "Kategori",
        "Lokasi Kejadian",
        "Kecamatan",
        "Kelurahan",
        "Jenis Laporan",
        "Anonim",
        "Rahasia",
        "Nama Pelapor",
        "Nomor Telepon",
        "Email",
        "Instansi Tujuan",
        "Nomor Tracking LAPOR",
    ];
    w.write_record(header).map_err(anyhow::Error::from)?;
    for id in ids {
        let Some(r) = repo::find(&app.db, *id).await? else { continue };
        let kind = match r.kind {
            Kind::Pengaduan => "Pengaduan",
            Kind::Aspirasi => "Aspirasi",
            Kind::PermintaanInformasi => "Permintaan Informasi",
        };
        let hide = r.anonymous || r.confidential;
        let who = |v: &Option<String>| if hide { String::new() } else { cell(v.as_deref().unwrap_or_default()) };
        w.write_record([
            code_of(r.year, r.id).to_string(),
            cell(&r.title),
            cell(&r.description),
            r.event_date.clone().unwrap_or_default(),
            cell(&r.category_name),
            cell(r.address.as_deref().unwrap_or_default()),
            r.kecamatan.clone().unwrap_or_default(),
            r.kelurahan.clone(),
            kind.to_owned(),
            if r.anonymous { "Ya" } else { "Tidak" }.to_owned(),
            if r.confidential { "Ya" } else { "Tidak" }.to_owned(),
            who(&r.reporter_name),
            who(&r.reporter_phone),
            who(&r.reporter_email),
            r.opd_name.clone().unwrap_or_default(),
            r.lapor_number.clone().unwrap_or_default(),
        ])
        .map_err(anyhow::Error::from)?;
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let after = serde_json::json!({ "ids": ids });
    audit::record(&mut tx, actor, now, Event::new("aspiration.export_lapor", "aspiration", "").after(&after)).await?;
    tx.commit_bookkeeping().await?;
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    Ok(String::from_utf8(bytes).map_err(anyhow::Error::from)?)
}

/// "Tugas saya" on the reports desk: the coordinator's reports to verify, to dispose and past
/// their deadline; an OPD officer's dispositions to follow up, nearest deadline first.
pub fn work_lists<'a>(app: &'a App, actor: &'a Actor) -> BoxFuture<'a, AppResult<Vec<WorkList>>> {
    Box::pin(async move {
        let now = app.clock.now();
        let mut out = Vec::new();
        if actor.can(Permission::CoordinateAspirations) {
            let all = StaffScope::All;
            out.push(
                work_list(app, "tasks-verify", &all, &[Status::Baru], None, "/kelola/aspirasi?status=baru").await?,
            );
            let dispose = "/kelola/aspirasi?status=terverifikasi";
            out.push(work_list(app, "tasks-dispose", &all, &[Status::Terverifikasi], None, dispose).await?);
            let late = "/kelola/aspirasi?terlambat=ya";
            // To chase, not to act on: the same reports are in the other lists (or the OPD's).
            let mut overdue = work_list(app, "tasks-overdue", &all, &STAFF_OWES, Some(now), late).await?;
            overdue.counted = false;
            out.push(overdue);
        }
        let units: Vec<OpdId> = actor.opd_ids().into_iter().map(OpdId).collect();
        if actor.can(Permission::HandleAspirations) && !units.is_empty() {
            let scope = StaffScope::Opd(units);
            let owed = [Status::Didisposisikan, Status::Diproses, Status::DibukaKembali];
            out.push(work_list(app, "tasks-dispositions", &scope, &owed, None, "/kelola/aspirasi").await?);
        }
        Ok(out)
    })
}

/// Statuses in which staff owe the next step (an answered report waits for the citizen).
const STAFF_OWES: [Status; 5] =
    [Status::Baru, Status::Terverifikasi, Status::Didisposisikan, Status::Diproses, Status::DibukaKembali];

async fn work_list(
    app: &App,
    title: &'static str,
    scope: &StaffScope,
    statuses: &[Status],
    overdue_at: Option<Timestamp>,
    more: &str,
) -> AppResult<WorkList> {
    let count = repo::count_waiting(&app.db, scope, statuses, overdue_at).await?;
    let rows =
        if count > 0 { repo::waiting(&app.db, scope, statuses, overdue_at, WORK_ITEMS_SHOWN).await? } else { vec![] };
    let cal = calendar(app).await?;
    let now = app.clock.now();
    let items = rows
        .into_iter()
        .map(|r| WorkItem {
            label: format!("{} · {}", code_of(r.year, r.id), r.title),
            href: format!("/kelola/aspirasi/{}", r.id),
            at: r.created_at,
            days_left: r.due_at.map(|due| {
                if due < now { -cal.working_days_between(due, now).max(1) } else { cal.working_days_between(now, due) }
            }),
        })
        .collect();
    Ok(WorkList { title, count, items, more: more.to_owned(), counted: true })
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn spreadsheet_formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(cell("+62 812"), "'+62 812");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Jalan rusak"), "Jalan rusak");
    }
}
