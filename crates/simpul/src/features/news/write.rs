//! Newsroom pages: a writer's articles, the editor with preview and review notes, the
//! Redaksi's queue. No JavaScript: the preview is the saved text rendered by the server.

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::{
    repo::{ArticleRow, VersionRow},
    service::{self, ActionForm, Comparison, DeskView},
};
use crate::{
    app::AppState,
    domain::{
        access::Scope,
        article::{ArticleAction, ArticleForm, writing_scopes},
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::{accounts, categories, media},
    web::{
        extract::{Form, Path, Query, empty_as_none},
        flash::{Flash, after, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

#[derive(Template)]
#[template(path = "news/mine.html")]
struct MinePage {
    page: Page,
    articles: Vec<ArticleRow>,
    is_editor: bool,
    /// All-time reader views by article id.
    views: std::collections::HashMap<i64, i64>,
}

impl MinePage {
    fn views_of(&self, id: &i64) -> i64 {
        self.views.get(id).copied().unwrap_or(0)
    }
}

pub async fn list_my_articles(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let articles = super::repo::list_by_author(&app.db, user.id).await?;
    let is_editor = viewer.can(crate::domain::access::Permission::ReviewNews);
    let views = super::repo::views_by_author(&app.db, user.id).await?.into_iter().collect();
    let page = Page::new(&app, &viewer, "/tulis", "news-mine-title");
    Ok(render(&MinePage { page, articles, is_editor, views }))
}

#[derive(Template)]
#[template(path = "news/editor.html")]
struct EditorPage {
    page: Page,
    form: ArticleForm,
    errors: FieldErrors,
    categories: Vec<categories::CategoryRow>,
    /// (value, label) of the places a new article can be filed; empty when editing.
    scopes: Vec<(String, String)>,
    /// `None` for a new article.
    desk: Option<DeskView>,
    note_errors: FieldErrors,
    /// Photos that can be the cover: (media id, description).
    covers: Vec<(i64, String)>,
    /// Kecamatan and kelurahan an article can be about.
    regions: Vec<crate::features::regions::RegionChoice>,
}

impl EditorPage {
    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }

    fn views(&self, d: &DeskView) -> String {
        let (total, recent) = d.views;
        self.page.lang.t_args("news-views", &[("total", total.to_string()), ("recent", recent.to_string())])
    }

    fn action_label(&self, a: &ArticleAction) -> String {
        self.page.tk("news-action-", a.as_str())
    }
}

async fn scope_choices(app: &AppState, viewer: &Viewer) -> AppResult<Vec<(String, String)>> {
    let actor = viewer.actor();
    // The groups' names come with the writer's roles.
    let grants = match actor.user_id {
        Some(id) => accounts::grants_for(&app.db, id).await?,
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for s in writing_scopes(&actor) {
        match s {
            Scope::City => out.push(("city".to_owned(), viewer.lang.t("scope-city"))),
            Scope::Kim(id) => {
                if let Some(name) = grants.iter().find(|g| g.kim_id == Some(id)).and_then(|g| g.unit_name.clone()) {
                    out.push((format!("kim:{id}"), name));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

async fn editor_page(
    app: &AppState,
    viewer: &Viewer,
    form: ArticleForm,
    errors: FieldErrors,
    desk: Option<DeskView>,
    note_errors: FieldErrors,
) -> AppResult<EditorPage> {
    let categories = categories::list(&app.db).await?;
    let (path, page) = match &desk {
        Some(d) => {
            let path = format!("/tulis/{}", d.article.id);
            let page = Page::titled(app, viewer, &path, d.article.title.clone());
            (path, page)
        }
        None => ("/tulis/baru".to_owned(), Page::new(app, viewer, "/tulis/baru", "news-new-title")),
    };
    let _ = path;
    let scopes = if desk.is_none() { scope_choices(app, viewer).await? } else { Vec::new() };
    let mut covers: Vec<(i64, String)> = match &viewer.user {
        Some(u) => media::list_by(&app.db, u.id, 50).await?.into_iter().map(|m| (m.id, m.alt)).collect(),
        None => Vec::new(),
    };
    if let Some(a) = desk.as_ref().map(|d| &d.article)
        && let (Some(id), Some(alt)) = (a.cover_media_id, a.cover_alt.clone())
        && !covers.iter().any(|c| c.0 == id)
    {
        covers.insert(0, (id, alt));
    }
    let regions = crate::features::regions::choices(&app.db)
        .await?
        .into_iter()
        .filter(|r| matches!(r.level.as_str(), "kecamatan" | "kelurahan"))
        .collect();
    Ok(EditorPage { page, form, errors, categories, scopes, desk, note_errors, covers, regions })
}

/// `?latihan=<session>`: the draft is that training session's practice assignment.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    pub latihan: String,
}

pub async fn new_article(
    State(app): State<AppState>,
    viewer: Viewer,
    crate::web::extract::Query(q): crate::web::extract::Query<NewQuery>,
) -> AppResult<Response> {
    let scopes = scope_choices(&app, &viewer).await?;
    let form = ArticleForm {
        scope: scopes.first().map(|s| s.0.clone()).unwrap_or_default(),
        training_session_id: q.latihan.trim().parse::<i64>().map(|s| s.to_string()).unwrap_or_default(),
        ..Default::default()
    };
    Ok(render(&editor_page(&app, &viewer, form, FieldErrors::new(), None, FieldErrors::new()).await?))
}

pub async fn create_article(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ArticleForm>,
) -> AppResult<Response> {
    match service::create(&app, &viewer.actor(), &form).await {
        Ok(id) => Ok(redirect_with(&app, &format!("/tulis/{id}"), Flash::ok("flash-draft-saved"))),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&editor_page(&app, &viewer, form, errors, None, FieldErrors::new()).await?))
        }
        Err(e) => Err(e),
    }
}

fn form_of(d: &DeskView) -> ArticleForm {
    let a = &d.article;
    ArticleForm {
        tags: d.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>().join(", "),
        title: a.title.clone(),
        lead: a.lead.clone(),
        body: a.body_md.clone(),
        category_id: a.category_id.map(|c| c.to_string()).unwrap_or_default(),
        scope: String::new(),
        cover_media_id: a.cover_media_id.map(|c| c.to_string()).unwrap_or_default(),
        cover_caption: a.cover_caption.clone().unwrap_or_default(),
        cover_credit: a.cover_credit.clone().unwrap_or_default(),
        video_url: a.video_url.clone().unwrap_or_default(),
        region_id: a.region_id.map(|r| r.to_string()).unwrap_or_default(),
        training_session_id: a.training_session_id.map(|s| s.to_string()).unwrap_or_default(),
    }
}

pub async fn edit_article(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let desk = service::desk_view(&app, &viewer.actor(), id).await?;
    let form = form_of(&desk);
    Ok(render(&editor_page(&app, &viewer, form, FieldErrors::new(), Some(desk), FieldErrors::new()).await?))
}

pub async fn save_article(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ArticleForm>,
) -> AppResult<Response> {
    match service::save(&app, &viewer.actor(), id, &form).await {
        Ok(()) => Ok(redirect_with(&app, &format!("/tulis/{id}"), Flash::ok("flash-draft-saved"))),
        Err(AppError::Validation(errors)) => {
            let desk = service::desk_view(&app, &viewer.actor(), id).await?;
            Ok(render_invalid(&editor_page(&app, &viewer, form, errors, Some(desk), FieldErrors::new()).await?))
        }
        Err(e) => Err(e),
    }
}

pub async fn act_on_article(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let here = format!("/tulis/{id}");
    match service::act(&app, &viewer.actor(), id, &form).await {
        Ok(state) => Ok(redirect_with(&app, &here, Flash::ok(&format!("flash-news-{}", state.as_str())))),
        Err(AppError::Validation(note_errors)) => {
            let desk = service::desk_view(&app, &viewer.actor(), id).await?;
            let f = form_of(&desk);
            Ok(render_invalid(&editor_page(&app, &viewer, f, FieldErrors::new(), Some(desk), note_errors).await?))
        }
        Err(e) => after(&app, Err(e), &here, "flash-saved", &here),
    }
}

#[derive(Template)]
#[template(path = "news/queue.html")]
struct QueuePage {
    page: Page,
    articles: Vec<ArticleRow>,
}

pub async fn show_review_queue(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let articles = service::review_queue(&app, &viewer.actor()).await?;
    Ok(render(&QueuePage { page: Page::new(&app, &viewer, "/redaksi", "news-queue-title"), articles }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CompareQuery {
    /// Version numbers, 1 = the first saved text.
    #[serde(deserialize_with = "empty_as_none")]
    dari: Option<usize>,
    #[serde(deserialize_with = "empty_as_none")]
    ke: Option<usize>,
}

#[derive(Template)]
#[template(path = "news/versions.html")]
struct VersionsPage {
    page: Page,
    c: Comparison,
}

impl VersionsPage {
    fn label(&self, n: &usize, v: &VersionRow) -> String {
        let who = v.saved_by_name.clone().unwrap_or_default();
        format!("{} {n} · {} · {who}", self.page.t("news-version"), self.page.datetime(v.created_at))
    }
}

pub async fn show_versions(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<CompareQuery>,
) -> AppResult<Response> {
    let c = service::compare(&app, &viewer.actor(), id, q.dari, q.ke).await?;
    let page = Page::new(&app, &viewer, &format!("/tulis/{id}/versi"), "news-compare-title");
    Ok(render(&VersionsPage { page, c }))
}
