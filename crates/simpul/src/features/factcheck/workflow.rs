//! The editors' side of the tip-line: taking a rumour up, assigning it, notes and evidence,
//! closing it (not a claim, a duplicate), and publishing or correcting its clarification —
//! which tells every waiting tipster through the channel they used.

use futures_util::future::BoxFuture;
use serde::Deserialize;

use super::{
    repo::{self, NewClarification},
    service,
};
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        factcheck::{ClusterState, ContentType, Party, Step, Verdict, transition},
        time::Date,
        validation::FieldErrors,
        workflow::Refusal,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        db::unique_slug,
        markdown,
        outbox::{self, Topic},
    },
    registry::{WORK_ITEMS_SHOWN, WorkItem, WorkList},
};

/// A clarification as the editor types it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ClarificationForm {
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub content_type: String,
    #[serde(default)]
    pub title: String,
    /// The narrative as it circulates (what the matcher compares tips with).
    #[serde(default)]
    pub claim: String,
    /// One paragraph: what chat replies and lists show.
    #[serde(default)]
    pub summary: String,
    /// The explanation (Markdown).
    #[serde(default)]
    pub body: String,
    /// References, one per line: `title | https://…` or the address alone.
    #[serde(default)]
    pub sources: String,
    #[serde(default)]
    pub appearance_url: String,
    #[serde(default)]
    pub first_appearance: String,
}

impl ClarificationForm {
    /// The form filled with a published clarification (to correct it).
    pub fn of(c: &repo::ClarificationRow) -> ClarificationForm {
        ClarificationForm {
            verdict: c.verdict.as_str().to_owned(),
            content_type: c.content_type.map(|t| t.as_str().to_owned()).unwrap_or_default(),
            title: c.title.clone(),
            claim: c.claim.clone(),
            summary: c.summary.clone(),
            body: c.body_md.clone(),
            sources: c.sources.clone(),
            appearance_url: c.appearance_url.clone().unwrap_or_default(),
            first_appearance: c.first_appearance.clone().unwrap_or_default(),
        }
    }
}

/// A reference line: (title, address).
pub fn parse_source(line: &str) -> Option<(Option<String>, String)> {
    let line = line.trim();
    let (title, url) = match line.rsplit_once('|') {
        Some((t, u)) => (Some(t.trim().to_owned()).filter(|t| !t.is_empty()), u.trim()),
        None => (None, line),
    };
    let parsed = url::Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    Some((title, parsed.to_string()))
}

/// Checks the form; every problem is reported at once.
pub fn check(form: &ClarificationForm, today: Date) -> Result<NewClarification, FieldErrors> {
    let mut e = FieldErrors::new();
    let verdict = Verdict::parse(&form.verdict);
    if verdict.is_none() {
        e.add("verdict", if form.verdict.trim().is_empty() { "err-required" } else { "err-choose" });
    }
    let content_type = match form.content_type.trim() {
        "" => None,
        s => match ContentType::parse(s) {
            Some(c) => Some(c),
            None => {
                e.add("content_type", "err-choose");
                None
            }
        },
    };
    let title = e.required("title", &form.title, 200);
    let claim = e.required("claim", &form.claim, 2_000);
    let summary = e.required("summary", &form.summary, 700);
    let body = e.required("body", &form.body, 30_000);
    let lines: Vec<&str> = form.sources.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() > 30 || lines.iter().any(|l| l.chars().count() > 500 || parse_source(l).is_none()) {
        e.add("sources", "err-sources");
    }
    let appearance_url = e.optional_url("appearance_url", &form.appearance_url);
    let first_appearance = match form.first_appearance.trim() {
        "" => None,
        d => match Date::parse(d) {
            Some(date) if date <= today => Some(date.to_string()),
            Some(_) => {
                e.add("first_appearance", "err-date-future");
                None
            }
            None => {
                e.add("first_appearance", "err-date");
                None
            }
        },
    };
    e.into_result()?;
    let verdict = verdict.ok_or_else(FieldErrors::new)?;
    Ok(NewClarification {
        verdict,
        content_type,
        title,
        claim,
        summary,
        body_html: markdown::render(&body),
        body_md: body,
        sources: lines.join("\n"),
        appearance_url,
        first_appearance,
    })
}

/// A published clarification.
#[derive(Debug, Clone)]
pub struct Published {
    pub id: i64,
    pub slug: String,
    pub cluster_id: i64,
    /// Tipsters told of the verdict.
    pub notified: usize,
}

/// Publishes a clarification for a rumour on the desk, or (with `cluster_id` `None`) for one
/// the editors found themselves. Every tipster waiting on the rumour, or on rumours marked as
/// its duplicates, is told through the channel they used.
pub async fn publish(
    app: &App,
    actor: &Actor,
    cluster_id: Option<i64>,
    form: &ClarificationForm,
) -> AppResult<Published> {
    actor.require_change(Permission::CheckFacts)?;
    let now = app.clock.now();
    let new = check(form, now.date_in(app.zone()))?;
    let mut tx = app.db.begin().await?;
    let (cluster_id, from) = match cluster_id {
        Some(id) => {
            let k = repo::cluster(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            let state = k.state;
            transition(state, Step::Publish, desk_party(actor)).map_err(refused)?;
            (id, state)
        }
        None => (
            repo::insert_cluster(&mut tx, ClusterState::SedangDicek, &new.claim, now).await?,
            ClusterState::SedangDicek,
        ),
    };
    let slug = unique_slug(&mut tx, "clarifications", &new.title, 80, "klarifikasi")
        .await?
        .ok_or(AppError::Conflict("err-slug"))?;
    let id = repo::insert_clarification(&mut tx, &slug, &new, actor.user_id, now).await?;
    if !repo::set_state(&mut tx, cluster_id, from, ClusterState::Terbit, None, Some(id), now).await? {
        return Err(AppError::Conflict("err-rumour-changed"));
    }
    outbox::record(&mut tx, Topic::Clarification, id, now).await?;
    let row = repo::clarification(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let mut clusters = vec![cluster_id];
    clusters.extend(repo::duplicates_of(&mut tx, cluster_id).await?);
    let notified = service::notify_waiting(app, &mut tx, &clusters, &row, now).await?;
    let after = serde_json::json!({
        "slug": slug, "verdict": new.verdict, "cluster_id": cluster_id, "notified": notified,
    });
    audit::record(&mut tx, actor, now, Event::new("clarification.publish", "clarification", id).after(&after)).await?;
    tx.commit().await?;
    after_commit(app, service::refresh(app, true).await);
    app.jobs_queued.notify_one();
    Ok(Published { id, slug, cluster_id, notified })
}

/// Corrects a published clarification (its address stays; the matcher learns the new claim).
pub async fn edit(app: &App, actor: &Actor, id: i64, form: &ClarificationForm) -> AppResult<()> {
    actor.require_change(Permission::CheckFacts)?;
    let now = app.clock.now();
    let new = check(form, now.date_in(app.zone()))?;
    let mut tx = app.db.begin().await?;
    let before = repo::clarification(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    repo::update_clarification(&mut tx, id, &new, now).await?;
    outbox::record(&mut tx, Topic::Clarification, id, now).await?;
    let event = Event::new("clarification.edit", "clarification", id)
        .before(&serde_json::json!({ "verdict": before.verdict, "title": before.title }))
        .after(&serde_json::json!({ "verdict": new.verdict, "title": new.title }));
    audit::record(&mut tx, actor, now, event).await?;
    tx.commit().await?;
    after_commit(app, service::reindex(app, id).await);
    Ok(())
}

/// The matcher catching up after a change that is already committed: a failure here must not
/// tell the editor the change failed (they would make it twice). The follower retries.
fn after_commit(app: &App, r: AppResult<()>) {
    if let Err(e) = r {
        tracing::warn!(error = %e, "the claim matcher will catch up on its next refresh");
        *app.factcheck.stale() = None;
    }
}

/// How the actor stands to the desk.
fn desk_party(actor: &Actor) -> Party {
    if actor.can(Permission::CheckFacts) { Party::Checker } else { Party::Other }
}

/// A refused step as the error users see (a rumour moved meanwhile, usually).
fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::Forbidden => AppError::Forbidden,
        Refusal::WrongState => AppError::Conflict("err-rumour-changed"),
    }
}

/// A step on the desk other than publishing.
pub async fn step(app: &App, actor: &Actor, cluster_id: i64, step: Step, duplicate_of: Option<i64>) -> AppResult<()> {
    actor.require_change(Permission::CheckFacts)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let k = repo::cluster(&mut tx, cluster_id).await?.ok_or(AppError::NotFound)?;
    let from = k.state;
    if step == Step::Publish {
        // Publishing goes through `publish`, with its clarification.
        return Err(AppError::Conflict("err-rumour-changed"));
    }
    let to = transition(from, step, desk_party(actor)).map_err(refused)?;
    let mut target = None;
    if step == Step::Duplicate {
        let mut e = FieldErrors::new();
        let t = match duplicate_of {
            Some(t) if t != cluster_id => repo::cluster(&mut tx, t).await?,
            _ => None,
        };
        // A duplicate points at a rumour that is itself still standing.
        match t.filter(|t| t.state != ClusterState::Duplikat && t.state != ClusterState::BukanKlaim) {
            Some(t) => target = Some(t),
            None => {
                e.add("duplicate_of", "err-duplicate-target");
                return Err(AppError::Validation(e));
            }
        }
    }
    if !repo::set_state(&mut tx, cluster_id, from, to, target.as_ref().map(|t| t.id), None, now).await? {
        return Err(AppError::Conflict("err-rumour-changed"));
    }
    if let Some(t) = &target {
        // Rumours already merged into this one now point at the one that stands.
        repo::repoint_duplicates(&mut tx, cluster_id, t.id, now).await?;
    }
    if step == Step::Check && k.assignee_id.is_none() {
        repo::assign(&mut tx, cluster_id, actor.user_id, now).await?;
    }
    // A duplicate of an answered rumour: its tipsters get that answer now.
    let mut notified = 0;
    if let Some(t) = &target
        && let Some(clar) = t.clarification_id
        && let Some(row) = repo::clarification(&mut tx, clar).await?
    {
        let mut clusters = vec![cluster_id];
        clusters.extend(repo::duplicates_of(&mut tx, t.id).await?);
        notified = service::notify_waiting(app, &mut tx, &clusters, &row, now).await?;
    }
    // Not a checkable claim: the waiting tipsters hear that no verdict will come.
    if step == Step::NotAClaim {
        notified = service::notify_closed(&mut tx, cluster_id, now).await?;
    }
    let event = Event::new("tip_cluster.step", "tip_cluster", cluster_id)
        .before(&serde_json::json!({ "state": from.as_str() }))
        .after(
            &serde_json::json!({ "state": to.as_str(), "duplicate_of": target.map(|t| t.id), "notified": notified }),
        );
    audit::record(&mut tx, actor, now, event).await?;
    tx.commit().await?;
    after_commit(app, service::refresh(app, true).await);
    if notified > 0 {
        app.jobs_queued.notify_one();
    }
    Ok(())
}

/// Gives a rumour to an editor (or to nobody).
pub async fn assign(app: &App, actor: &Actor, cluster_id: i64, user_id: Option<i64>) -> AppResult<()> {
    actor.require_change(Permission::CheckFacts)?;
    if let Some(u) = user_id
        && !repo::checkers(&app.db).await?.iter().any(|c| c.id == u)
    {
        let mut e = FieldErrors::new();
        e.add("assignee_id", "err-choose");
        return Err(AppError::Validation(e));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let k = repo::cluster(&mut tx, cluster_id).await?.ok_or(AppError::NotFound)?;
    repo::assign(&mut tx, cluster_id, user_id, now).await?;
    let event = Event::new("tip_cluster.assign", "tip_cluster", cluster_id)
        .before(&serde_json::json!({ "assignee_id": k.assignee_id }))
        .after(&serde_json::json!({ "assignee_id": user_id }));
    audit::record(&mut tx, actor, now, event).await?;
    tx.commit().await?;
    Ok(())
}

/// A note, with an optional link to evidence.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence_url: String,
}

pub async fn add_note(app: &App, actor: &Actor, cluster_id: i64, form: &NoteForm) -> AppResult<()> {
    actor.require_change(Permission::CheckFacts)?;
    let mut e = FieldErrors::new();
    let body = e.required("note", &form.note, 4_000);
    let evidence = e.optional_url("evidence_url", &form.evidence_url);
    e.into_result()?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::cluster(&mut tx, cluster_id).await?.ok_or(AppError::NotFound)?;
    let id = repo::insert_note(&mut tx, cluster_id, actor.user_id, &body, evidence.as_deref(), now).await?;
    audit::record(&mut tx, actor, now, Event::new("tip_cluster.note", "tip_cluster", cluster_id).after(&id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The last 90 days of tips for the CSV export (tipsters as pseudonyms); the export is audited.
pub async fn export(app: &App, actor: &Actor) -> AppResult<Vec<repo::ExportTip>> {
    actor.require(Permission::CheckFacts)?;
    let now = app.clock.now();
    let from = crate::domain::time::Timestamp(now.0 - service::CONTACT_DAYS * 24 * 3_600_000);
    let rows = repo::tips_between(&app.db, from, crate::domain::time::Timestamp(now.0 + 1), 100_000).await?;
    let mut tx = app.db.begin().await?;
    let after = serde_json::json!({ "rows": rows.len() });
    audit::record(&mut tx, actor, now, Event::new("tip.export", "tip", "csv").after(&after)).await?;
    tx.commit_bookkeeping().await?;
    Ok(rows)
}

/// The step named in a desk form.
pub fn parse_step(s: &str) -> Option<Step> {
    match s.trim() {
        "periksa" => Some(Step::Check),
        "bukan_klaim" => Some(Step::NotAClaim),
        "duplikat" => Some(Step::Duplicate),
        "buka_lagi" => Some(Step::Reopen),
        _ => None,
    }
}

/// "Tugas saya" on the fact-check desk: rumours still to check, the oldest first.
pub fn work_lists<'a>(app: &'a App, actor: &'a Actor) -> BoxFuture<'a, AppResult<Vec<WorkList>>> {
    Box::pin(async move {
        if !actor.can(Permission::CheckFacts) {
            return Ok(Vec::new());
        }
        let (count, rows) = repo::open_rumours(&app.db, WORK_ITEMS_SHOWN).await?;
        let items = rows
            .into_iter()
            .map(|r| WorkItem {
                label: format!("{} ({}×)", crate::domain::text::shorten(&r.sample, 90), r.tip_count),
                href: format!("/kelola/cek-fakta/{}", r.id),
                at: r.first_seen,
                days_left: None,
            })
            .collect();
        Ok(vec![WorkList { title: "tasks-rumours", count, items, more: "/kelola/cek-fakta".into(), counted: true }])
    })
}
