//! The newsroom: writers draft, the Redaksi reviews and publishes, every step audited. Who
//! may do what comes from `domain::article` (the workflow table and the relation to the
//! article); this module only applies it.

use futures_util::future::BoxFuture;
use serde::Deserialize;

use super::repo::{self, ArticleRow};
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission, Role, Scope},
        article::{
            ArticleAction, ArticleForm, ArticleInput, ArticleState, Refusal, Relation, can_edit, relation, transition,
            writing_scopes,
        },
        diff,
        event::DomainEvent,
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::{categories, media, regions},
    infra::{
        audit::{self, Event},
        db::{self, Tx},
        jobs, markdown,
        outbox::{self, Topic},
    },
    registry::{self, WORK_ITEMS_SHOWN, WorkItem, WorkList},
};

/// Publishes a scheduled article when its time comes (see [`publish_scheduled`]).
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
pub struct PublishArticle {
    pub article_id: i64,
}

impl jobs::Job for PublishArticle {
    const KIND: &'static str = "publish_article";
}

/// An article as seen from the newsroom, with what the viewer may do to it.
pub struct DeskView {
    pub article: ArticleRow,
    pub tags: Vec<repo::TagRow>,
    pub state: ArticleState,
    pub can_edit: bool,
    /// The workflow buttons this person may press now.
    pub actions: Vec<ArticleAction>,
    pub comments: Vec<repo::CommentRow>,
    pub versions: i64,
    /// Reader views: all time and in the last 7 days (see `views`).
    pub views: (i64, i64),
}

/// Two saved versions of an article side by side.
pub struct Comparison {
    pub article: ArticleRow,
    /// Every saved version, oldest first (numbered from 1 in the page).
    pub versions: Vec<repo::VersionRow>,
    /// Indexes into `versions`.
    pub from: usize,
    pub to: usize,
    pub title: Vec<diff::Piece>,
    pub lead: Vec<diff::Piece>,
    pub body: Vec<diff::Hunk>,
}

/// The actions a person may be offered as buttons (publishing on schedule is the job's, not a
/// person's).
const BUTTONS: [ArticleAction; 6] = [
    ArticleAction::Submit,
    ArticleAction::RequestChanges,
    ArticleAction::Publish,
    ArticleAction::Schedule,
    ArticleAction::CancelSchedule,
    ArticleAction::Archive,
];

fn rel_for(actor: &Actor, a: &ArticleRow) -> Relation {
    relation(actor, a.author_id, a.kim_id)
}

/// The chosen category and cover photo must exist.
async fn check_refs(tx: &mut Tx, input: &ArticleInput) -> AppResult<()> {
    let mut e = FieldErrors::new();
    if categories::find(&mut *tx, input.category_id).await?.is_none() {
        e.add("category_id", "err-choose");
    }
    if let Some(m) = input.cover_media_id
        && !media::exists(&mut *tx, m).await?
    {
        e.add("cover_media_id", "err-choose");
    }
    if let Some(r) = input.region_id {
        let local =
            regions::find(&mut *tx, r).await?.is_some_and(|r| matches!(r.level.as_str(), "kecamatan" | "kelurahan"));
        if !local {
            e.add("region_id", "err-choose");
        }
    }
    e.into_result().map_err(AppError::from)
}

/// Starts a draft for one of the writer's KIM groups (or the city desk).
pub async fn create(app: &App, actor: &Actor, form: &ArticleForm) -> AppResult<i64> {
    actor.require_change(Permission::WriteNews)?;
    let scopes = writing_scopes(actor);
    let scope = form.chosen_scope(&scopes);
    let input = match (form.validate(), scope) {
        (Ok(i), Some(_)) => i,
        (result, scope) => {
            let mut e = result.err().unwrap_or_default();
            if scope.is_none() {
                e.add("scope", "err-choose");
            }
            return Err(e.into());
        }
    };
    let kim_id = scope.and_then(Scope::kim_id);
    // A practice assignment (training refuses it unless the writer has a seat in a session
    // that asks for one).
    let practice = match form.training_session_id.trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| AppError::BadRequest("err-bad-form"))?),
    };
    let html = markdown::render(&input.body);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    check_refs(&mut tx, &input).await?;
    let id = repo::insert(&mut tx, &input, &html, kim_id, actor.user_id, now).await?;
    let drafted = DomainEvent::ArticleDrafted { article_id: id, author_id: actor.user_id, practice_session: practice };
    // Training refuses a practice draft for a session the writer has no seat in (or that does
    // not exist) before the article is linked to it.
    registry::publish(app, &mut tx, actor, now, drafted).await?;
    if let Some(session) = practice {
        repo::set_practice_session(&mut tx, id, session).await?;
    }
    repo::set_tags(&mut tx, id, &input.tags).await?;
    repo::insert_version(&mut tx, id, &input, actor.user_id, now).await?;
    audit::record(&mut tx, actor, now, Event::new("article.create", "article", id).after(&input)).await?;
    tx.commit().await?;
    Ok(id)
}

/// The newsroom view of an article: only its author and its Redaksi may open it.
pub async fn desk_view(app: &App, actor: &Actor, id: i64) -> AppResult<DeskView> {
    actor.require(Permission::WriteNews)?;
    let article = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let rel = rel_for(actor, &article);
    if !rel.author && !rel.editor {
        return Err(AppError::Forbidden);
    }
    let state = Some(article.state).ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown article state")))?;
    let actions = BUTTONS.into_iter().filter(|a| transition(state, *a, rel).is_ok()).collect();
    let comments = repo::comments(&app.db, id).await?;
    let versions = repo::count_versions(&app.db, id).await?;
    let tags = repo::tags_of(&app.db, id).await?;
    let week_ago = app.clock.now().plus_days(-6).date_in(app.zone()).to_string();
    let views = repo::views_of(&app.db, id, &week_ago).await?;
    Ok(DeskView { state, can_edit: can_edit(state, rel), actions, comments, versions, tags, views, article })
}

/// Compares two saved versions (by their number, 1 = the first draft); by default the
/// latest with the one before it. Only the article's author and its Redaksi may look.
pub async fn compare(
    app: &App,
    actor: &Actor,
    id: i64,
    from: Option<usize>,
    to: Option<usize>,
) -> AppResult<Comparison> {
    actor.require(Permission::WriteNews)?;
    let article = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let rel = rel_for(actor, &article);
    if !rel.author && !rel.editor {
        return Err(AppError::Forbidden);
    }
    let versions = repo::versions(&app.db, id).await?;
    let last = versions.len().checked_sub(1).ok_or(AppError::NotFound)?;
    let pick = |n: Option<usize>, default: usize| match n {
        None => Ok(default),
        Some(n) if (1..=last + 1).contains(&n) => Ok(n - 1),
        Some(_) => Err(AppError::NotFound),
    };
    let to = pick(to, last)?;
    let from = pick(from, to.saturating_sub(1))?;
    let text = |i: usize| repo::version_text(&app.db, versions[i].id);
    let (a, b) = (text(from).await?.ok_or(AppError::NotFound)?, text(to).await?.ok_or(AppError::NotFound)?);
    // Comparing long texts is CPU work: keep it off the threads that serve requests.
    let (title, lead, body) = tokio::task::spawn_blocking(move || {
        (diff::words(&a.title, &b.title), diff::words(&a.lead, &b.lead), diff::lines(&a.body_md, &b.body_md, 3))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok(Comparison { article, versions, from, to, title, lead, body })
}

/// Saves a new text; every save is kept as a version.
pub async fn save(app: &App, actor: &Actor, id: i64, form: &ArticleForm) -> AppResult<()> {
    actor.require_change(Permission::WriteNews)?;
    let input = form.validate()?;
    let html = markdown::render(&input.body);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let state = before.state;
    if !can_edit(state, rel_for(actor, &before)) {
        return Err(AppError::Forbidden);
    }
    check_refs(&mut tx, &input).await?;
    repo::update_text(&mut tx, id, &input, &html, now).await?;
    repo::set_tags(&mut tx, id, &input.tags).await?;
    repo::insert_version(&mut tx, id, &input, actor.user_id, now).await?;
    let old = serde_json::json!({ "title": before.title, "lead": before.lead });
    audit::record(&mut tx, actor, now, Event::new("article.update", "article", id).before(&old).after(&input)).await?;
    if state.is_public() {
        outbox::record(&mut tx, Topic::Article, id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A workflow step with an optional note (required when asking for changes).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    /// The action's code (`ajukan`, `terbitkan`, …).
    pub action: String,
    pub note: String,
    /// For scheduling: `YYYY-MM-DDTHH:MM` in the deployment's zone.
    pub publish_at: String,
}

/// Takes a workflow step. Returns the state reached.
pub async fn act(app: &App, actor: &Actor, id: i64, form: &ActionForm) -> AppResult<ArticleState> {
    actor.require_change(Permission::WriteNews)?;
    let action = ArticleAction::parse(&form.action).ok_or(AppError::BadRequest("err-choose"))?;
    let mut e = FieldErrors::new();
    let note = e.optional("note", &form.note, 2000);
    if action == ArticleAction::RequestChanges && note.is_none() {
        e.add("note", "err-note-needed");
    }
    let now = app.clock.now();
    let scheduled_at = if action == ArticleAction::Schedule {
        match Timestamp::parse_local(&form.publish_at, app.zone()) {
            Some(t) if t > now.plus_minutes(1) => Some(t),
            Some(_) => {
                e.add("publish_at", "err-time-past");
                None
            }
            None => {
                e.add("publish_at", "err-time");
                None
            }
        }
    } else {
        None
    };
    e.into_result()?;
    let mut tx = app.db.begin().await?;
    let a = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let from = a.state;
    let rel = rel_for(actor, &a);
    let to = transition(from, action, rel).map_err(|err| match err {
        Refusal::Forbidden => AppError::Forbidden,
        Refusal::WrongState => AppError::Conflict("err-workflow-state"),
    })?;
    let editor = (rel.editor && action != ArticleAction::Submit).then_some(actor.user_id).flatten();
    let slug = match (to, &a.slug) {
        (ArticleState::Published, None) => Some(unique_slug(&mut tx, &a.title).await?),
        _ => None,
    };
    let published_at = (to == ArticleState::Published).then_some(now);
    let change = repo::StateChange { state: to, editor, slug: slug.as_deref(), published_at, scheduled_at };
    repo::set_state(&mut tx, id, &change, now).await?;
    if let Some(at) = scheduled_at {
        jobs::enqueue_at(&mut tx, now, at, &PublishArticle { article_id: id }).await?;
    }
    if let Some(n) = &note {
        repo::insert_comment(&mut tx, id, actor.user_id, action.as_str(), n, now).await?;
    }
    let action_name = format!("article.{}", action.as_str());
    let ev = Event::new(&action_name, "article", id)
        .before(&serde_json::json!({ "state": from.as_str() }))
        .after(&serde_json::json!({ "state": to.as_str(), "slug": slug, "scheduled_at": scheduled_at.map(|t| t.to_rfc3339()) }));
    audit::record(&mut tx, actor, now, ev).await?;
    if from.is_public() || to.is_public() {
        outbox::record(&mut tx, Topic::Article, id, now).await?;
    }
    let slug_now = slug.as_deref().or(a.slug.as_deref());
    super::mail::tell_author(&mut tx, app, id, &a.title, to, slug_now, note.as_deref(), now).await?;
    if to == ArticleState::Published {
        let published = DomainEvent::ArticlePublished {
            article_id: id,
            author_id: a.author_id,
            practice_session: a.training_session_id,
        };
        registry::publish(app, &mut tx, actor, now, published).await?;
    }
    tx.commit().await?;
    Ok(to)
}

/// Publishes a scheduled article when its time has come (run by the job queue). An article
/// whose schedule was cancelled or changed in the meantime is left alone.
pub async fn publish_scheduled(app: &App, id: i64) -> AppResult<()> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let Some(a) = repo::find(&mut tx, id).await? else { return Ok(()) };
    let due = a.scheduled_at.is_some_and(|t| t <= now);
    if a.state != ArticleState::Scheduled || !due {
        return Ok(());
    }
    let system = Relation { author: false, editor: false, system: true };
    let to = transition(ArticleState::Scheduled, ArticleAction::PublishScheduled, system)
        .map_err(|_| AppError::Conflict("err-workflow-state"))?;
    let slug = match &a.slug {
        None => Some(unique_slug(&mut tx, &a.title).await?),
        Some(_) => None,
    };
    let change = repo::StateChange {
        state: to,
        editor: None,
        slug: slug.as_deref(),
        published_at: Some(now),
        scheduled_at: None,
    };
    repo::set_state(&mut tx, id, &change, now).await?;
    let actor = Actor::system();
    let ev = Event::new("article.terbit_terjadwal", "article", id)
        .before(&serde_json::json!({ "state": a.state }))
        .after(&serde_json::json!({ "state": to.as_str(), "slug": slug }));
    audit::record(&mut tx, &actor, now, ev).await?;
    let published = DomainEvent::ArticlePublished {
        article_id: id,
        author_id: a.author_id,
        practice_session: a.training_session_id,
    };
    registry::publish(app, &mut tx, &actor, now, published).await?;
    outbox::record(&mut tx, Topic::Article, id, now).await?;
    let slug_now = slug.as_deref().or(a.slug.as_deref());
    super::mail::tell_author(&mut tx, app, id, &a.title, to, slug_now, None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// An address from the title, unique, fixed from the first publication on.
async fn unique_slug(tx: &mut Tx, title: &str) -> AppResult<String> {
    db::unique_slug(tx, "articles", title, 80, "berita").await?.ok_or(AppError::Conflict("err-slug"))
}

/// The caller's own articles, last changed first.
pub async fn my_articles(app: &App, actor: &Actor) -> AppResult<Vec<ArticleRow>> {
    actor.require(Permission::WriteNews)?;
    let me = actor.user_id.ok_or(AppError::Forbidden)?;
    Ok(repo::list_by_author(&app.db, me).await?)
}

/// The Redaksi's queue: submitted and scheduled articles of the groups they edit.
pub async fn review_queue(app: &App, actor: &Actor) -> AppResult<Vec<ArticleRow>> {
    actor.require(Permission::ReviewNews)?;
    let city = actor.grants.iter().any(|g| g.role == Role::Redaksi && g.scope == Scope::City);
    let kims: Vec<i64> =
        actor.grants.iter().filter(|g| g.role == Role::Redaksi).filter_map(|g| g.scope.kim_id()).collect();
    Ok(repo::review_queue(&app.db, &kims, city).await?)
}

/// "Tugas saya" in the newsroom: the Redaksi's drafts to review, oldest first; a writer's
/// drafts sent back for changes.
pub fn work_lists<'a>(app: &'a App, actor: &'a Actor) -> BoxFuture<'a, AppResult<Vec<WorkList>>> {
    Box::pin(async move {
        let mut out = Vec::new();
        if actor.can(Permission::ReviewNews) {
            let mut waiting: Vec<ArticleRow> =
                review_queue(app, actor).await?.into_iter().filter(|a| a.state == ArticleState::Submitted).collect();
            waiting.sort_by_key(|a| (a.updated_at, a.id));
            out.push(article_list("tasks-review", waiting, "/redaksi"));
        }
        if actor.can(Permission::WriteNews) && actor.user_id.is_some() {
            let mut back: Vec<ArticleRow> = my_articles(app, actor)
                .await?
                .into_iter()
                .filter(|a| a.state == ArticleState::ChangesRequested)
                .collect();
            back.sort_by_key(|a| (a.updated_at, a.id));
            out.push(article_list("tasks-changes", back, "/tulis"));
        }
        Ok(out)
    })
}

fn article_list(title: &'static str, rows: Vec<ArticleRow>, more: &str) -> WorkList {
    let count = rows.len() as i64;
    let items = rows
        .into_iter()
        .take(WORK_ITEMS_SHOWN as usize)
        .map(|a| WorkItem {
            label: match &a.kim_name {
                Some(k) => format!("{} · {k}", a.title),
                None => a.title.clone(),
            },
            href: format!("/tulis/{}", a.id),
            at: a.updated_at,
            days_left: None,
        })
        .collect();
    WorkList { title, count, items, more: more.to_owned(), counted: true }
}
