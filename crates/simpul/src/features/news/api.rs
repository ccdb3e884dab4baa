//! News in the JSON API. Published articles are public; the newsroom (drafts, review, the
//! workflow) needs a personal token and follows exactly the rules of the newsroom pages,
//! because both call the same service.

use axum::{
    Json as JsonOut,
    extract::State,
    http::{StatusCode, header},
};
use serde::{Deserialize, Serialize};

use super::{
    repo::{self, ArticleRow},
    service::{self, ActionForm, DeskView},
};
use crate::{
    app::AppState,
    domain::{article::ArticleForm, time::Timestamp},
    error::{AppError, AppResult},
    web::{
        extract::{Json, Path, Query, empty_as_none},
        viewer::Viewer,
    },
};

#[derive(Debug, serde::Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ArticleFilter {
    /// 1-based page of 20.
    #[serde(deserialize_with = "empty_as_none")]
    pub page: Option<i64>,
}

/// A published article.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticleOut {
    pub slug: String,
    pub title: String,
    pub lead: String,
    /// Sanitised HTML.
    pub body_html: String,
    pub category: Option<String>,
    pub kim: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    /// The kecamatan or kelurahan the article is about.
    pub region: Option<String>,
    /// RFC 3339.
    pub published_at: Option<String>,
    pub url: String,
}

fn out(app: &AppState, a: ArticleRow) -> ArticleOut {
    let slug = a.slug.unwrap_or_default();
    ArticleOut {
        url: app.config.link(&format!("/berita/{slug}")),
        slug,
        title: a.title,
        lead: a.lead,
        body_html: a.body_html,
        category: a.category_name,
        kim: a.kim_name,
        author: a.author_name,
        editor: a.editor_name,
        region: a.region_name,
        published_at: a.published_at.map(|t| t.to_rfc3339()),
    }
}

/// Published articles, newest first.
#[utoipa::path(get, path = "/api/v1/articles", tag = "news", params(ArticleFilter),
    responses((status = 200, description = "Articles", body = [ArticleOut]), (status = 400, description = "Bad query")))]
pub async fn list_articles(
    State(app): State<AppState>,
    Query(f): Query<ArticleFilter>,
) -> AppResult<JsonOut<Vec<ArticleOut>>> {
    let page = f.page.unwrap_or(1).clamp(1, 100_000);
    let rows = repo::list_published(&app.db, 20, (page - 1) * 20, repo::Detail::Full).await?;
    Ok(JsonOut(rows.into_iter().map(|a| out(&app, a)).collect()))
}

/// One published article.
#[utoipa::path(get, path = "/api/v1/articles/{slug}", tag = "news", params(("slug" = String, Path, description = "The article's slug")),
    responses((status = 200, description = "The article", body = ArticleOut), (status = 404, description = "No such published article")))]
pub async fn show_article(State(app): State<AppState>, Path(slug): Path<String>) -> AppResult<JsonOut<ArticleOut>> {
    let a = repo::find_published(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(JsonOut(out(&app, a)))
}

/// An article as its author or Redaksi sees it in the newsroom.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeskArticleOut {
    pub id: i64,
    /// `draf`, `diajukan`, `perlu_revisi`, `terjadwal`, `terbit` or `diarsipkan`.
    pub state: String,
    pub title: String,
    pub lead: String,
    /// Markdown as written.
    pub body: String,
    pub category_id: Option<i64>,
    pub tags: Vec<String>,
    pub kim_id: Option<i64>,
    pub cover_media_id: Option<i64>,
    pub cover_caption: Option<String>,
    pub cover_credit: Option<String>,
    pub video_url: Option<String>,
    pub region_id: Option<i64>,
    /// Set from the first publication on.
    pub slug: Option<String>,
    /// RFC 3339.
    pub scheduled_at: Option<String>,
    pub published_at: Option<String>,
    /// Whether the caller may change the text now.
    pub can_edit: bool,
    /// The workflow actions the caller may take now (values for `action`).
    pub actions: Vec<String>,
    pub versions: i64,
    pub views: i64,
    pub notes: Vec<NoteOut>,
}

/// An article in a newsroom list (open it for the text, notes and possible actions).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeskSummaryOut {
    pub id: i64,
    pub state: String,
    pub title: String,
    pub kim_id: Option<i64>,
    pub slug: Option<String>,
    /// RFC 3339.
    pub updated_at: String,
    pub scheduled_at: Option<String>,
    pub published_at: Option<String>,
}

fn summary_out(a: ArticleRow) -> DeskSummaryOut {
    let when = |t: Option<Timestamp>| t.map(|t| t.to_rfc3339());
    DeskSummaryOut {
        id: a.id,
        state: a.state.as_str().to_owned(),
        title: a.title,
        kim_id: a.kim_id,
        slug: a.slug,
        updated_at: a.updated_at.to_rfc3339(),
        scheduled_at: when(a.scheduled_at),
        published_at: when(a.published_at),
    }
}

/// A review note.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NoteOut {
    pub by: Option<String>,
    pub action: String,
    pub text: String,
    /// RFC 3339.
    pub at: String,
}

fn desk_out(d: DeskView) -> DeskArticleOut {
    let a = d.article;
    let when = |t: Option<Timestamp>| t.map(|t| t.to_rfc3339());
    DeskArticleOut {
        id: a.id,
        state: d.state.as_str().to_owned(),
        title: a.title,
        lead: a.lead,
        body: a.body_md,
        category_id: a.category_id,
        tags: d.tags.into_iter().map(|t| t.name).collect(),
        kim_id: a.kim_id,
        cover_media_id: a.cover_media_id,
        cover_caption: a.cover_caption,
        cover_credit: a.cover_credit,
        video_url: a.video_url,
        region_id: a.region_id,
        slug: a.slug,
        scheduled_at: when(a.scheduled_at),
        published_at: when(a.published_at),
        can_edit: d.can_edit,
        actions: d.actions.iter().map(|x| x.as_str().to_owned()).collect(),
        versions: d.versions,
        views: d.views.0,
        notes: d
            .comments
            .into_iter()
            .map(|c| NoteOut { by: c.user_name, action: c.action, text: c.body, at: c.created_at.to_rfc3339() })
            .collect(),
    }
}

/// The text of an article, for creating or saving it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleIn {
    pub title: String,
    pub lead: String,
    /// Markdown.
    pub body: String,
    pub category_id: i64,
    #[serde(default)]
    pub tags: Vec<String>,
    /// For a new article: the KIM group it is filed for; omitted for the city desk. Ignored
    /// when saving.
    #[serde(default)]
    pub kim_id: Option<i64>,
    #[serde(default)]
    pub cover_media_id: Option<i64>,
    #[serde(default)]
    pub cover_caption: Option<String>,
    #[serde(default)]
    pub cover_credit: Option<String>,
    #[serde(default)]
    pub video_url: Option<String>,
    /// The kecamatan or kelurahan the article is about.
    #[serde(default)]
    pub region_id: Option<i64>,
}

impl ArticleIn {
    fn into_form(self) -> ArticleForm {
        ArticleForm {
            title: self.title,
            lead: self.lead,
            body: self.body,
            category_id: self.category_id.to_string(),
            scope: self.kim_id.map_or_else(|| "city".to_owned(), |k| format!("kim:{k}")),
            cover_media_id: self.cover_media_id.map(|m| m.to_string()).unwrap_or_default(),
            cover_caption: self.cover_caption.unwrap_or_default(),
            cover_credit: self.cover_credit.unwrap_or_default(),
            video_url: self.video_url.unwrap_or_default(),
            tags: self.tags.join(", "),
            region_id: self.region_id.map(|r| r.to_string()).unwrap_or_default(),
            training_session_id: String::new(),
        }
    }
}

/// A workflow step.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionIn {
    /// `ajukan`, `minta_revisi`, `terbitkan`, `jadwalkan`, `batalkan_jadwal` or `arsipkan`.
    pub action: String,
    /// Required for `minta_revisi`.
    #[serde(default)]
    pub note: Option<String>,
    /// For `jadwalkan`: local time in the deployment's zone (WIB by default), `YYYY-MM-DDTHH:MM`.
    #[serde(default)]
    pub publish_at: Option<String>,
}

/// The caller's own articles, last changed first (newest 200).
#[utoipa::path(get, path = "/api/v1/newsroom/articles", tag = "newsroom", security(("bearer" = [])),
    responses((status = 200, description = "Articles", body = [DeskSummaryOut]), (status = 401, description = "No valid token"),
        (status = 403, description = "Not a personal token of a writer")))]
pub async fn list_my_articles(State(app): State<AppState>, viewer: Viewer) -> AppResult<JsonOut<Vec<DeskSummaryOut>>> {
    let rows = service::my_articles(&app, &viewer.actor()).await?;
    Ok(JsonOut(rows.into_iter().map(summary_out).collect()))
}

/// Articles waiting for the caller's Redaksi (submitted or scheduled).
#[utoipa::path(get, path = "/api/v1/newsroom/queue", tag = "newsroom", security(("bearer" = [])),
    responses((status = 200, description = "Articles", body = [DeskSummaryOut]), (status = 401, description = "No valid token"),
        (status = 403, description = "Not a personal token of an editor")))]
pub async fn list_queue(State(app): State<AppState>, viewer: Viewer) -> AppResult<JsonOut<Vec<DeskSummaryOut>>> {
    let rows = service::review_queue(&app, &viewer.actor()).await?;
    Ok(JsonOut(rows.into_iter().map(summary_out).collect()))
}

/// One article in the newsroom (its author and its Redaksi only).
#[utoipa::path(get, path = "/api/v1/newsroom/articles/{id}", tag = "newsroom", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Article id")),
    responses((status = 200, description = "The article", body = DeskArticleOut), (status = 400, description = "The id is not a number"),
        (status = 401, description = "No valid token"), (status = 403, description = "Not yours to see"),
        (status = 404, description = "No such article")))]
pub async fn show_desk_article(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<JsonOut<DeskArticleOut>> {
    Ok(JsonOut(desk_out(service::desk_view(&app, &viewer.actor(), id).await?)))
}

/// Starts a draft (needs a `write` personal token of a KIM member or editor).
#[utoipa::path(post, path = "/api/v1/newsroom/articles", tag = "newsroom", security(("bearer" = [])), request_body = ArticleIn,
    responses((status = 201, description = "The new draft", body = DeskArticleOut), (status = 400, description = "Malformed JSON"),
        (status = 401, description = "No valid token"), (status = 403, description = "Not a writer"),
        (status = 413, description = "Body too large"), (status = 422, description = "Invalid fields")))]
pub async fn create_article(
    State(app): State<AppState>,
    viewer: Viewer,
    Json(input): Json<ArticleIn>,
) -> AppResult<(StatusCode, [(header::HeaderName, String); 1], JsonOut<DeskArticleOut>)> {
    let actor = viewer.actor();
    let id = service::create(&app, &actor, &input.into_form()).await?;
    let d = service::desk_view(&app, &actor, id).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/newsroom/articles/{id}"))], JsonOut(desk_out(d))))
}

/// Saves a new text of a draft or an article sent back for revision (its author only).
#[utoipa::path(put, path = "/api/v1/newsroom/articles/{id}", tag = "newsroom", security(("bearer" = [])), request_body = ArticleIn,
    params(("id" = i64, Path, description = "Article id")),
    responses((status = 200, description = "Saved", body = DeskArticleOut), (status = 400, description = "Malformed JSON or id"),
        (status = 401, description = "No valid token"), (status = 403, description = "Not editable by the caller now"),
        (status = 413, description = "Body too large"),
        (status = 404, description = "No such article"), (status = 422, description = "Invalid fields")))]
pub async fn save_article(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(input): Json<ArticleIn>,
) -> AppResult<JsonOut<DeskArticleOut>> {
    let actor = viewer.actor();
    service::save(&app, &actor, id, &input.into_form()).await?;
    Ok(JsonOut(desk_out(service::desk_view(&app, &actor, id).await?)))
}

/// Takes a workflow step: the same rules as the newsroom's buttons.
#[utoipa::path(post, path = "/api/v1/newsroom/articles/{id}/actions", tag = "newsroom", security(("bearer" = [])), request_body = ActionIn,
    params(("id" = i64, Path, description = "Article id")),
    responses((status = 200, description = "The article after the step", body = DeskArticleOut),
        (status = 400, description = "Malformed JSON or id"), (status = 401, description = "No valid token"),
        (status = 403, description = "The caller may not take this step"), (status = 413, description = "Body too large"), (status = 404, description = "No such article"),
        (status = 409, description = "Not possible in the article's state"), (status = 422, description = "Missing note or time")))]
pub async fn act_on_article(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(input): Json<ActionIn>,
) -> AppResult<JsonOut<DeskArticleOut>> {
    let actor = viewer.actor();
    let form = ActionForm {
        action: input.action,
        note: input.note.unwrap_or_default(),
        publish_at: input.publish_at.unwrap_or_default(),
    };
    service::act(&app, &actor, id, &form).await?;
    Ok(JsonOut(desk_out(service::desk_view(&app, &actor, id).await?)))
}
