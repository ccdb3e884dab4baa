//! The editors' pages (`/kelola/cek-fakta`): the queue of rumours with counts, sources and
//! trends; one rumour with its tips, notes and steps; writing and correcting clarifications;
//! screenshots; the CSV export (tipsters as pseudonyms).

use askama::Template;
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    repo::{self, ClusterRow},
    service,
    workflow::{self, ClarificationForm, NoteForm},
};
use crate::{
    app::{App, AppState},
    domain::{
        factcheck::{ClusterState, ContentType, Verdict},
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    web::{
        extract::{Form, Path, Query},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

const PAGE_SIZE: i64 = 30;

#[derive(Debug, Default, Deserialize)]
pub struct DeskQuery {
    /// A state, `semua` for every one; default: the open ones.
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub page: String,
}

#[derive(Template)]
#[template(path = "factcheck/desk_list.html")]
struct ListPage {
    page: Page,
    clusters: Vec<ClusterRow>,
    /// Per cluster: "WhatsApp 3, web 1".
    sources: Vec<String>,
    counts: Vec<(String, String, i64)>,
    trends: Vec<repo::Trend>,
    state: String,
    prev: Option<String>,
    next: Option<String>,
}

impl ListPage {
    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }
}

/// Tips per channel, as one line: "WhatsApp 3, Web 1".
fn sources_line(counts: &[repo::ChannelCount], cluster_id: i64, viewer: &Viewer) -> String {
    counts
        .iter()
        .filter(|c| c.cluster_id == cluster_id)
        .map(|c| format!("{} {}", viewer.lang.t(&format!("factcheck-channel-{}", c.channel)), c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `GET /kelola/cek-fakta`.
pub async fn list_desk(State(app): State<AppState>, viewer: Viewer, Query(q): Query<DeskQuery>) -> AppResult<Response> {
    let page_no = q.page.trim().parse::<i64>().ok().filter(|p| (1..=10_000).contains(p)).unwrap_or(1);
    let state = match q.state.trim() {
        "semua" => "semua".to_owned(),
        s => ClusterState::parse(s).map(|s| s.as_str().to_owned()).unwrap_or_default(),
    };
    let states: Vec<ClusterState> = match state.as_str() {
        "" => vec![ClusterState::BelumDicek, ClusterState::SedangDicek],
        "semua" => vec![],
        s => ClusterState::parse(s).into_iter().collect(),
    };
    let mut clusters = repo::clusters(&app.db, &states, (page_no - 1) * PAGE_SIZE, PAGE_SIZE + 1).await?;
    let more = clusters.len() as i64 > PAGE_SIZE;
    clusters.truncate(PAGE_SIZE as usize);
    let ids: Vec<i64> = clusters.iter().map(|c| c.id).collect();
    let channel_counts = repo::channel_counts(&app.db, &ids).await?;
    let sources = ids.iter().map(|id| sources_line(&channel_counts, *id, &viewer)).collect();
    let by_state = repo::state_counts(&app.db).await?;
    let counts = ClusterState::ALL
        .iter()
        .map(|s| {
            let n = by_state.iter().find(|c| c.state == *s).map_or(0, |c| c.count);
            (s.as_str().to_owned(), viewer.lang.t(&format!("factcheck-state-{}", s.as_str())), n)
        })
        .collect();
    let week_ago = Timestamp(app.clock.now().0 - 7 * 24 * 3_600_000);
    let trends = repo::trending(&app.db, week_ago, 5).await?;
    let at = |p: i64| format!("/kelola/cek-fakta?state={state}&page={p}");
    let page = ListPage {
        page: Page::new(&app, &viewer, "/kelola/cek-fakta", "factcheck-desk-title"),
        clusters,
        sources,
        counts,
        trends,
        prev: (page_no > 1).then(|| at(page_no - 1)),
        next: more.then(|| at(page_no + 1)),
        state,
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "factcheck/desk_show.html")]
struct ShowPage {
    page: Page,
    k: ClusterRow,
    sources: String,
    tips: Vec<repo::DeskTip>,
    notes: Vec<repo::Note>,
    checkers: Vec<(String, String)>,
    form: ClarificationForm,
    errors: FieldErrors,
    note: NoteForm,
    verdicts: Vec<(String, String)>,
    content_types: Vec<(String, String)>,
    duplicate_of: String,
}

impl ShowPage {
    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }

    fn is_open(&self) -> bool {
        self.k.state.is_open()
    }

    fn can_reopen(&self) -> bool {
        matches!(self.k.state, ClusterState::BukanKlaim | ClusterState::Duplikat)
    }

    fn code(&self, t: &repo::DeskTip) -> String {
        service::code_of(t.year, t.id).to_string()
    }

    fn assignee(&self) -> String {
        self.k.assignee_id.map(|i| i.to_string()).unwrap_or_default()
    }
}

/// (value, label) pairs for a `<select>`.
type Options = Vec<(String, String)>;

/// The verdict and content-type choices, labelled.
pub fn choices(viewer: &Viewer) -> (Options, Options) {
    let verdicts = Verdict::ALL.iter().map(|v| (v.as_str().to_owned(), v.label())).collect();
    let types = ContentType::ALL
        .iter()
        .map(|t| (t.as_str().to_owned(), viewer.lang.t(&format!("factcheck-type-{}", t.as_str()))))
        .collect();
    (verdicts, types)
}

async fn show_page(
    app: &App,
    viewer: &Viewer,
    id: i64,
    form: Option<ClarificationForm>,
    errors: FieldErrors,
    note: NoteForm,
    duplicate_of: String,
) -> AppResult<ShowPage> {
    let k = repo::cluster(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let counts = repo::channel_counts(&app.db, &[id]).await?;
    let tips = repo::tips_of(&app.db, id, 100).await?;
    let notes = repo::notes(&app.db, id).await?;
    let checkers = repo::checkers(&app.db).await?.into_iter().map(|c| (c.id.to_string(), c.name)).collect();
    let (verdicts, content_types) = choices(viewer);
    // The narrative starts as the first tip's text: the editor rewrites it as it circulates.
    let form = form.unwrap_or_else(|| ClarificationForm { claim: k.sample.clone(), ..ClarificationForm::default() });
    Ok(ShowPage {
        page: Page::titled(
            app,
            viewer,
            &format!("/kelola/cek-fakta/{id}"),
            viewer.lang.t_args("factcheck-cluster-title", &[("id", id.to_string())]),
        ),
        sources: sources_line(&counts, id, viewer),
        k,
        tips,
        notes,
        checkers,
        form,
        errors,
        note,
        verdicts,
        content_types,
        duplicate_of,
    })
}

/// `GET /kelola/cek-fakta/{id}`.
pub async fn show_desk(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let page = show_page(&app, &viewer, id, None, FieldErrors::new(), NoteForm::default(), String::new()).await?;
    Ok(render(&page))
}

#[derive(Debug, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub step: String,
    #[serde(default)]
    pub duplicate_of: String,
}

/// `POST /kelola/cek-fakta/{id}/langkah`.
pub async fn take_step(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<StepForm>,
) -> AppResult<Response> {
    let step = workflow::parse_step(&f.step).ok_or(AppError::BadRequest("err-bad-form"))?;
    let target = f.duplicate_of.trim().trim_start_matches('#').parse::<i64>().ok();
    match workflow::step(&app, &viewer.actor(), id, step, target).await {
        Ok(()) => Ok(redirect_with(&app, &format!("/kelola/cek-fakta/{id}"), Flash::ok("factcheck-step-done"))),
        Err(AppError::Validation(errors)) => {
            let page = show_page(&app, &viewer, id, None, errors, NoteForm::default(), f.duplicate_of.clone()).await?;
            Ok(render_invalid(&page))
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    pub assignee_id: String,
}

/// `POST /kelola/cek-fakta/{id}/tugas`.
pub async fn assign(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<AssignForm>,
) -> AppResult<Response> {
    let user = match f.assignee_id.trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| AppError::BadRequest("err-bad-form"))?),
    };
    workflow::assign(&app, &viewer.actor(), id, user).await?;
    Ok(redirect_with(&app, &format!("/kelola/cek-fakta/{id}"), Flash::ok("factcheck-assigned")))
}

/// `POST /kelola/cek-fakta/{id}/catatan`.
pub async fn add_note(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<NoteForm>,
) -> AppResult<Response> {
    match workflow::add_note(&app, &viewer.actor(), id, &f).await {
        Ok(()) => {
            Ok(redirect_with(&app, &format!("/kelola/cek-fakta/{id}#catatan"), Flash::ok("factcheck-note-added")))
        }
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&show_page(&app, &viewer, id, None, errors, f, String::new()).await?))
        }
        Err(e) => Err(e),
    }
}

/// `POST /kelola/cek-fakta/{id}/terbitkan`: publishes the rumour's clarification.
pub async fn publish(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<ClarificationForm>,
) -> AppResult<Response> {
    match workflow::publish(&app, &viewer.actor(), Some(id), &f).await {
        Ok(p) => Ok(redirect_with(&app, &format!("/klarifikasi/{}", p.slug), Flash::ok("factcheck-published"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(
            &show_page(&app, &viewer, id, Some(f), errors, NoteForm::default(), String::new()).await?,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "factcheck/editor.html")]
struct EditorPage {
    page: Page,
    form: ClarificationForm,
    errors: FieldErrors,
    verdicts: Vec<(String, String)>,
    content_types: Vec<(String, String)>,
    action: String,
}

fn editor(
    app: &App,
    viewer: &Viewer,
    path: &str,
    title_key: &str,
    form: ClarificationForm,
    errors: FieldErrors,
) -> EditorPage {
    let (verdicts, content_types) = choices(viewer);
    EditorPage {
        page: Page::new(app, viewer, path, title_key),
        form,
        errors,
        verdicts,
        content_types,
        action: path.to_owned(),
    }
}

/// `GET /kelola/cek-fakta/baru`: a clarification of a rumour the editors found themselves.
pub async fn new_clarification(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let page = editor(
        &app,
        &viewer,
        "/kelola/cek-fakta/baru",
        "factcheck-new-title",
        ClarificationForm::default(),
        FieldErrors::new(),
    );
    Ok(render(&page))
}

/// `POST /kelola/cek-fakta/baru`.
pub async fn create_clarification(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(f): Form<ClarificationForm>,
) -> AppResult<Response> {
    match workflow::publish(&app, &viewer.actor(), None, &f).await {
        Ok(p) => Ok(redirect_with(&app, &format!("/klarifikasi/{}", p.slug), Flash::ok("factcheck-published"))),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&editor(&app, &viewer, "/kelola/cek-fakta/baru", "factcheck-new-title", f, errors)))
        }
        Err(e) => Err(e),
    }
}

/// `GET /kelola/klarifikasi/{id}`: correct a published clarification.
pub async fn edit_clarification(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let c = repo::clarification(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let path = format!("/kelola/klarifikasi/{id}");
    Ok(render(&editor(&app, &viewer, &path, "factcheck-edit-title", ClarificationForm::of(&c), FieldErrors::new())))
}

/// `POST /kelola/klarifikasi/{id}`.
pub async fn save_clarification(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<ClarificationForm>,
) -> AppResult<Response> {
    match workflow::edit(&app, &viewer.actor(), id, &f).await {
        Ok(()) => {
            let c = repo::clarification(&app.db, id).await?.ok_or(AppError::NotFound)?;
            Ok(redirect_with(&app, &format!("/klarifikasi/{}", c.slug), Flash::ok("factcheck-saved")))
        }
        Err(AppError::Validation(errors)) => {
            let path = format!("/kelola/klarifikasi/{id}");
            Ok(render_invalid(&editor(&app, &viewer, &path, "factcheck-edit-title", f, errors)))
        }
        Err(e) => Err(e),
    }
}

/// `GET /kelola/cek-fakta/tangkapan/{tip_id}`: a tip's screenshot (re-encoded, editors only).
pub async fn show_screenshot(State(app): State<AppState>, Path(tip_id): Path<i64>) -> AppResult<Response> {
    let key = repo::screenshot_key(&app.db, tip_id).await?.ok_or(AppError::NotFound)?;
    let bytes = app.storage.get(&key).await?.ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "private, no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /kelola/cek-fakta/ekspor.csv`: the last 90 days of tips, tipsters as pseudonyms.
pub async fn export_tips(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let rows = workflow::export(&app, &viewer.actor()).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let cell = crate::domain::text::csv_cell;
    w.write_record(["kode", "diterima", "kanal", "pengirim", "jawaban", "klaster", "status_klaster", "isi"])
        .map_err(anyhow::Error::from)?;
    for r in rows {
        w.write_record([
            service::code_of(r.year, r.id).to_string(),
            r.created_at.to_rfc3339(),
            r.channel.to_string(),
            r.tipster.unwrap_or_default(),
            r.answer,
            r.cluster_id.to_string(),
            r.state.to_string(),
            cell(&r.body),
        ])
        .map_err(anyhow::Error::from)?;
    }
    let data = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(crate::web::page::csv_attachment("tips-cek-fakta.csv", data))
}
