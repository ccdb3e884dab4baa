//! Citizens' pages: the public list and report pages, the submission form, the private
//! follow-up page and its steps, supporting a report, and the attachments.

use askama::Template;
use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

use super::{
    files::Upload,
    follow,
    repo::{self, PublicFilter, PublicRow},
    service::{self, ReporterStep, SubmitForm, code_of},
};
use crate::{
    app::AppState,
    domain::{
        aspiration::{Kind, Source, Status, TicketCode},
        ids::{AttachmentId, RegionId},
        share,
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::factcheck,
    infra::chat::ChatChannel,
    web::{
        extract::{ClientIp, Form, Multipart, Path, Query, multipart_error},
        flash::{Flash, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

/// Reports per page of the public list.
pub const PAGE_SIZE: i64 = 20;
/// The cookie that makes one device one supporter (random, nothing else in it).
const DEVICE_COOKIE: &str = "simpul_device";

/// The public list's filters as typed. The page's addresses use the Indonesian names
/// (`jenis`, `kategori`, `kecamatan`, `kelurahan`, `hal`); the JSON API documents the English
/// ones; both are accepted on both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub status: String,
    #[serde(alias = "jenis")]
    pub kind: String,
    #[serde(alias = "kategori")]
    pub category_id: String,
    #[serde(alias = "kecamatan")]
    pub kecamatan_id: String,
    #[serde(alias = "kelurahan")]
    pub kelurahan_id: String,
    #[serde(alias = "hal")]
    pub page: String,
}

impl ListQuery {
    pub fn filter(&self) -> PublicFilter {
        PublicFilter {
            statuses: Status::parse(&self.status).into_iter().collect(),
            kind: Kind::parse(&self.kind),
            category_id: self.category_id.trim().parse().ok(),
            kecamatan_id: self.kecamatan_id.trim().parse().ok(),
            kelurahan_id: self.kelurahan_id.trim().parse().ok(),
            words: service::query_words(&self.q.chars().take(200).collect::<String>()),
            ..PublicFilter::default()
        }
    }

    pub fn page(&self) -> i64 {
        self.page.trim().parse::<i64>().ok().filter(|p| (1..=10_000).contains(p)).unwrap_or(1)
    }

    /// This query at another page.
    pub fn at_page(&self, page: i64) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("status", &self.status),
            ("jenis", &self.kind),
            ("kategori", &self.category_id),
            ("kecamatan", &self.kecamatan_id),
            ("kelurahan", &self.kelurahan_id),
        ] {
            if !v.trim().is_empty() {
                pairs.append_pair(k, v.trim());
            }
        }
        pairs.append_pair("hal", &page.to_string());
        format!("/aspirasi?{}", pairs.finish())
    }
}

#[derive(Template)]
#[template(path = "aspirations/list.html")]
struct ListPage {
    page: Page,
    items: Vec<PublicRow>,
    query: ListQuery,
    choices: std::sync::Arc<service::FormChoices>,
    statuses: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
    prev: Option<String>,
    next: Option<String>,
    /// The filter form never has errors (the `select` macro wants some).
    no_errors: FieldErrors,
}

impl ListPage {
    fn code(&self, r: &PublicRow) -> String {
        code_of(r.year, r.id).to_string()
    }

    fn when(&self, at: &Timestamp) -> String {
        self.page.day(*at)
    }
}

fn labelled<const N: usize>(viewer: &Viewer, prefix: &str, names: [&str; N]) -> Vec<(String, String)> {
    names.iter().map(|n| ((*n).to_owned(), viewer.lang.t(&format!("{prefix}{n}")))).collect()
}

fn status_choices(viewer: &Viewer) -> Vec<(String, String)> {
    let public = [
        Status::Terverifikasi,
        Status::Didisposisikan,
        Status::Diproses,
        Status::Ditanggapi,
        Status::DibukaKembali,
        Status::Selesai,
    ];
    public
        .iter()
        .map(|s| (s.as_str().to_owned(), viewer.lang.t(&format!("aspiration-status-{}", s.as_str()))))
        .collect()
}

fn kind_choices(viewer: &Viewer) -> Vec<(String, String)> {
    labelled(viewer, "aspiration-kind-", Kind::ALL.map(Kind::as_str))
}

pub async fn list_aspirations(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let page_no = query.page();
    let mut items = repo::list_public(&app.db, &query.filter(), (page_no - 1) * PAGE_SIZE, PAGE_SIZE + 1).await?;
    let more = items.len() as i64 > PAGE_SIZE;
    items.truncate(PAGE_SIZE as usize);
    let page = ListPage {
        page: Page::new(&app, &viewer, "/aspirasi", "aspirations-title"),
        items,
        choices: service::form_choices(&app).await?,
        statuses: status_choices(&viewer),
        kinds: kind_choices(&viewer),
        prev: (page_no > 1).then(|| query.at_page(page_no - 1)),
        next: more.then(|| query.at_page(page_no + 1)),
        no_errors: FieldErrors::new(),
        query,
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "aspirations/new.html")]
struct NewPage {
    page: Page,
    form: SubmitForm,
    errors: FieldErrors,
    choices: std::sync::Arc<service::FormChoices>,
    kinds: Vec<(String, String)>,
    similar: Vec<PublicRow>,
    /// The person may file for a citizen (KIM member).
    can_assist: bool,
    checked: bool,
    max_mb: usize,
}

impl NewPage {
    fn code(&self, r: &PublicRow) -> String {
        code_of(r.year, r.id).to_string()
    }

    fn ticked(&self, v: &Option<String>) -> bool {
        SubmitForm::ticked(v)
    }
}

async fn new_page(
    app: &AppState,
    viewer: &Viewer,
    form: SubmitForm,
    errors: FieldErrors,
    checked: bool,
) -> AppResult<NewPage> {
    let similar = match form.kelurahan_id.trim().parse::<RegionId>() {
        Ok(k) if !form.title.trim().is_empty() || !form.description.trim().is_empty() => {
            service::similar(app, k, &format!("{} {}", form.title, form.description), 5).await?
        }
        _ => Vec::new(),
    };
    Ok(NewPage {
        page: Page::new(app, viewer, "/aspirasi/baru", "aspiration-new-title"),
        choices: service::form_choices(app).await?,
        kinds: kind_choices(viewer),
        can_assist: viewer.can(crate::domain::access::Permission::AssistAspirations),
        max_mb: app.config.max_upload_bytes / (1024 * 1024),
        similar,
        checked,
        form,
        errors,
    })
}

/// The empty form (a link may preselect fields, e.g. `?kelurahan_id=12` from a KIM's page).
pub async fn new_aspiration(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(mut form): Query<SubmitForm>,
) -> AppResult<Response> {
    // A signed-in citizen's name and e-mail are filled in (a KIM member who may file for
    // someone else starts from a blank form: the reporter is the other person).
    if let Some(u) = &viewer.user
        && !viewer.actor().can(crate::domain::access::Permission::AssistAspirations)
    {
        if form.reporter_name.is_empty() {
            form.reporter_name = u.name.clone();
        }
        if form.reporter_email.is_empty() {
            form.reporter_email = u.email.clone();
        }
    }
    Ok(render(&new_page(&app, &viewer, form, FieldErrors::new(), false).await?))
}

/// Reads the multipart form: the fields into a [`SubmitForm`], the files into uploads.
/// Files are read only when `keep_files`; otherwise they stream past without being held.
async fn read_form(mut mp: axum::extract::Multipart, keep_files: bool) -> AppResult<(SubmitForm, Vec<Upload>)> {
    let mut form = SubmitForm::default();
    let mut uploads = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(&e)),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "files" && !keep_files {
            let mut field = field;
            while field.chunk().await.map_err(|e| multipart_error(&e))?.is_some() {}
            continue;
        }
        if name == "files" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let data = field.bytes().await.map_err(|e| multipart_error(&e))?.to_vec();
            if !data.is_empty() {
                uploads.push(Upload { file_name, data });
            }
            continue;
        }
        let text = field.text().await.map_err(|_| AppError::BadRequest("err-bad-form"))?;
        let slot = match name.as_str() {
            "kind" => &mut form.kind,
            "title" => &mut form.title,
            "description" => &mut form.description,
            "category_id" => &mut form.category_id,
            "kelurahan_id" => &mut form.kelurahan_id,
            "address" => &mut form.address,
            "lat" => &mut form.lat,
            "lon" => &mut form.lon,
            "event_date" => &mut form.event_date,
            "reporter_name" => &mut form.reporter_name,
            "reporter_phone" => &mut form.reporter_phone,
            "reporter_email" => &mut form.reporter_email,
            "anonymous" => {
                form.anonymous = Some(text);
                continue;
            }
            "confidential" => {
                form.confidential = Some(text);
                continue;
            }
            "show_name" => {
                form.show_name = Some(text);
                continue;
            }
            "on_behalf" => {
                form.on_behalf = Some(text);
                continue;
            }
            _ => continue,
        };
        *slot = text;
    }
    Ok((form, uploads))
}

pub async fn create_aspiration(
    State(app): State<AppState>,
    viewer: Viewer,
    Multipart(mp): Multipart,
) -> AppResult<Response> {
    let (form, uploads) = read_form(mp, true).await?;
    match service::submit(&app, &viewer.actor(), &form, uploads, Source::Web).await {
        Ok(done) => Ok(Redirect::to(&format!("{}?baru=1", service::follow_up_path(&done.key))).into_response()),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&new_page(&app, &viewer, form, errors, false).await?)),
        Err(e) => Err(e),
    }
}

/// "Periksa laporan serupa": the form comes back as typed, with similar open reports of the
/// kelurahan. A POST, so names and phone numbers never end up in an address. Files are not kept.
pub async fn check_similar(
    State(app): State<AppState>,
    viewer: Viewer,
    Multipart(mp): Multipart,
) -> AppResult<Response> {
    let (form, _) = read_form(mp, false).await?;
    Ok(render(&new_page(&app, &viewer, form, FieldErrors::new(), true).await?))
}

#[derive(Template)]
#[template(path = "aspirations/show.html")]
struct ShowPage {
    page: Page,
    r: PublicRow,
    code: String,
    events: Vec<repo::EventRow>,
    attachments: Vec<repo::AttachmentRow>,
    whatsapp: String,
}

impl ShowPage {
    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }
}

/// The report a public code names, if it is public.
async fn public_by_code(app: &AppState, code: &str) -> AppResult<PublicRow> {
    let code = TicketCode::parse(code).ok_or(AppError::NotFound)?;
    let r = repo::find_public(&app.db, code.id()).await?.ok_or(AppError::NotFound)?;
    if r.year != i64::from(code.year) {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

pub async fn show_aspiration(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let r = public_by_code(&app, &code).await?;
    let code = code_of(r.year, r.id).to_string();
    let url = app.config.base_url.join(&format!("/aspirasi/{code}")).map(|u| u.to_string()).unwrap_or_default();
    let events = repo::events(&app.db, r.id, repo::Audience::Public).await?;
    let attachments = repo::attachments(&app.db, r.id).await?.into_iter().filter(|a| !a.hidden).collect();
    let page = ShowPage {
        page: Page::titled(&app, &viewer, &format!("/aspirasi/{code}"), r.title.clone()),
        whatsapp: share::whatsapp_link(&format!("{} ({code})", r.title), &url),
        code,
        events,
        attachments,
        r,
    };
    Ok(render(&page))
}

/// "Dukung": one support per device (a random cookie), limited per address.
pub async fn support_aspiration(
    State(app): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let r = public_by_code(&app, &code).await?;
    // A script can make up device cookies; it cannot make up addresses as easily.
    if !app.limits.allow_support(&ip, &r.id.to_string()).await {
        return Err(AppError::TooManyRequests);
    }
    let (device, jar) = match jar.get(DEVICE_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() >= 32) {
        Some(d) => (d, jar),
        None => {
            let d = crate::infra::crypto::random_token(32);
            let mut c = Cookie::new(DEVICE_COOKIE, d.clone());
            c.set_http_only(true);
            c.set_same_site(SameSite::Lax);
            c.set_path("/aspirasi");
            c.set_max_age(cookie::time::Duration::days(365 * 2));
            c.set_secure(app.config.base_url.scheme() == "https");
            (d, jar.add(c))
        }
    };
    let added = service::support(&app, &viewer.actor(), r.id, &device).await?;
    let code = code_of(r.year, r.id);
    let flash = if added { Flash::ok("flash-supported") } else { Flash::ok("flash-already-supported") };
    Ok((jar, redirect_with(&app, &format!("/aspirasi/{code}"), flash)).into_response())
}

#[derive(Template)]
#[template(path = "aspirations/track.html")]
struct TrackPage {
    page: Page,
    r: repo::AspirationRow,
    code: String,
    key: String,
    link: String,
    whatsapp: String,
    fresh: bool,
    events: Vec<repo::EventRow>,
    attachments: Vec<repo::AttachmentRow>,
    status: Status,
    errors: FieldErrors,
    /// Chats the report can still be linked to (`whatsapp`, `telegram`).
    chats: Vec<&'static str>,
    /// Signed in, so the report can be kept in "Laporan saya".
    signed_in: bool,
    /// Already in this account's "Laporan saya".
    own: bool,
}

impl TrackPage {
    /// Notices reach the reporter somewhere.
    fn hears_back(&self) -> bool {
        !self.r.notify_off && (self.r.reporter_email.is_some() || self.r.chat_id.is_some())
    }

    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TrackQuery {
    #[serde(default)]
    pub baru: Option<String>,
}

async fn track_page(
    app: &AppState,
    viewer: &Viewer,
    key: &str,
    fresh: bool,
    errors: FieldErrors,
) -> AppResult<Response> {
    let r = service::by_key(app, key).await?;
    let code = code_of(r.year, r.id).to_string();
    let link = app.config.base_url.join(&service::follow_up_path(key)).map(|u| u.to_string()).unwrap_or_default();
    let events = repo::events(&app.db, r.id, repo::Audience::Reporter).await?;
    let attachments = repo::attachments(&app.db, r.id).await?;
    let page = TrackPage {
        page: Page::titled(app, viewer, "/aspirasi/lacak", viewer.lang.t("aspiration-track-title")),
        whatsapp: share::whatsapp_link(&viewer.lang.t_args("aspiration-share-own", &[("code", code.clone())]), &link),
        status: r.status,
        key: key.to_owned(),
        code,
        link,
        fresh,
        events,
        attachments,
        errors: errors.clone(),
        chats: follow::chat_channels(app)
            .into_iter()
            .filter(|c| r.chat_channel != Some(*c))
            .map(ChatChannel::as_str)
            .collect(),
        signed_in: viewer.user.is_some(),
        own: r.reporter_user_id.is_some_and(|u| viewer.actor().user_id == Some(u.0)),
        r,
    };
    // The address holds the key: never sent on to other sites, never stored by shared caches.
    let mut resp = if errors.is_empty() { render(&page) } else { render_invalid(&page) };
    let h = resp.headers_mut();
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(resp)
}

pub async fn track_aspiration(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Query(q): Query<TrackQuery>,
) -> AppResult<Response> {
    track_page(&app, &viewer, &key, q.baru.is_some(), FieldErrors::new()).await
}

/// The reporter's steps, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct ReporterForm {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub rating: String,
}

async fn reporter_step(
    app: AppState,
    viewer: Viewer,
    key: String,
    step: ReporterStep,
    ok: &str,
) -> AppResult<Response> {
    match service::reporter_step(&app, &viewer.actor(), &key, step).await {
        Ok(()) => Ok(redirect_with(&app, &service::follow_up_path(&key), Flash::ok(ok))),
        Err(AppError::Validation(errors)) => track_page(&app, &viewer, &key, false, errors).await,
        Err(AppError::Conflict(k)) => Ok(redirect_with(&app, &service::follow_up_path(&key), Flash::err(k))),
        Err(e) => Err(e),
    }
}

pub async fn add_info(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Form(f): Form<ReporterForm>,
) -> AppResult<Response> {
    reporter_step(app, viewer, key, ReporterStep::AddInfo(f.text), "flash-info-added").await
}

pub async fn accept_answer(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
) -> AppResult<Response> {
    reporter_step(app, viewer, key, ReporterStep::Accept, "flash-answer-accepted").await
}

pub async fn dispute_answer(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Form(f): Form<ReporterForm>,
) -> AppResult<Response> {
    reporter_step(app, viewer, key, ReporterStep::Dispute(f.text), "flash-answer-disputed").await
}

pub async fn rate_answer(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Form(f): Form<ReporterForm>,
) -> AppResult<Response> {
    reporter_step(app, viewer, key, ReporterStep::Rate { rating: f.rating, comment: f.text }, "flash-rated").await
}

#[derive(Debug, Default, Deserialize)]
pub struct KeyQuery {
    #[serde(default)]
    pub k: Option<String>,
}

/// An attachment: public when the report is public and the file not hidden; otherwise for the
/// reporter (with the key) and for staff who may see the report.
pub async fn show_attachment(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<AttachmentId>,
    Query(q): Query<KeyQuery>,
) -> AppResult<Response> {
    let a = repo::attachment(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let public = !a.hidden && repo::find_public(&app.db, a.aspiration_id).await?.is_some();
    let reporter = match q.k.as_deref() {
        Some(k) => service::by_key(&app, k).await.is_ok_and(|r| r.id == a.aspiration_id),
        None => false,
    };
    let staff =
        !public && !reporter && super::workflow::desk_view(&app, &viewer.actor(), a.aspiration_id).await.is_ok();
    if !(public || reporter || staff) {
        return Err(AppError::NotFound);
    }
    let bytes = app.storage.get(&a.storage_key).await?.ok_or(AppError::NotFound)?;
    // Documents are downloaded, never opened on our origin; photos may show inline. The name
    // is generic: what people call their files (`KTP_Siti.jpg`) can say who they are.
    let (how, ext) = if a.content_type == "application/pdf" { ("attachment", "pdf") } else { ("inline", "jpg") };
    let disposition = format!("{how}; filename=\"lampiran-{}.{ext}\"", a.id);
    // Short: a file the coordinator hides must leave shared caches soon.
    let cache = if public { "public, max-age=60" } else { "private, no-store" };
    Ok((
        [
            (header::CONTENT_TYPE, a.content_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, cache.to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The private address's answers carry the key: never sent on, never stored by shared caches.
fn private(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    resp
}

#[derive(Debug, Default, Deserialize)]
pub struct ChatForm {
    #[serde(default)]
    pub channel: String,
}

#[derive(Template)]
#[template(path = "aspirations/chat.html")]
struct ChatPage {
    page: Page,
    channel: &'static str,
    invite: follow::ChatInvite,
    key: String,
}

/// "Kabari saya lewat WhatsApp/Telegram": a one-time code, and a page whose link opens the
/// city's chat with it typed in (a page, not a redirect: the site's policy keeps form posts on
/// this site, and the citizen sees what to send if the app does not open).
pub async fn start_chat(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Form(f): Form<ChatForm>,
) -> AppResult<Response> {
    let channel = ChatChannel::parse(&f.channel).ok_or(AppError::BadRequest("err-bad-form"))?;
    let invite = follow::start_chat(&app, &key, channel).await?;
    let title = viewer.lang.t(&format!("notices-chat-{}", channel.as_str()));
    let page = ChatPage {
        page: Page::titled(&app, &viewer, "/aspirasi/lacak", title),
        channel: channel.as_str(),
        invite,
        key,
    };
    Ok(private(render(&page)))
}

#[derive(Template)]
#[template(path = "aspirations/stop.html")]
struct StopPage {
    page: Page,
    code: String,
    key: String,
}

/// The page the "stop" link in every message opens: one button.
pub async fn confirm_stop(State(app): State<AppState>, viewer: Viewer, Path(key): Path<String>) -> AppResult<Response> {
    let r = service::by_key(&app, &key).await?;
    let page = StopPage {
        page: Page::titled(&app, &viewer, "/aspirasi/lacak", viewer.lang.t("notices-stop-title")),
        code: code_of(r.year, r.id).to_string(),
        key,
    };
    Ok(private(render(&page)))
}

/// Stops the notices (the page's button).
pub async fn stop_notices(State(app): State<AppState>, viewer: Viewer, Path(key): Path<String>) -> AppResult<Response> {
    follow::stop_notices(&app, &viewer.actor(), &key).await?;
    Ok(private(redirect_with(&app, &service::follow_up_path(&key), Flash::ok("flash-notices-stopped"))))
}

/// "Simpan ke Laporan saya": the signed-in account keeps the report.
pub async fn claim_report(State(app): State<AppState>, viewer: Viewer, Path(key): Path<String>) -> AppResult<Response> {
    let flash = match follow::claim(&app, &viewer.actor(), &key).await {
        Ok(()) => Flash::ok("flash-report-claimed"),
        Err(AppError::Conflict(k)) => Flash::err(k),
        Err(e) => return Err(e),
    };
    Ok(private(redirect_with(&app, &service::follow_up_path(&key), flash)))
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ResendForm {
    pub code: String,
    pub contact: String,
}

#[derive(Template)]
#[template(path = "aspirations/resend.html")]
struct ResendPage {
    page: Page,
    form: ResendForm,
    sent: bool,
    errors: FieldErrors,
}

/// "Lacak laporan": the ticket code and the contact given, to have the private link sent again.
pub async fn resend_form(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let page = Page::titled(&app, &viewer, "/aspirasi/lacak", viewer.lang.t("resend-title"));
    Ok(render(&ResendPage { page, form: ResendForm::default(), sent: false, errors: FieldErrors::new() }))
}

/// Sends the link again when the code and contact match, and answers the same either way.
pub async fn resend_link(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ResendForm>,
) -> AppResult<Response> {
    let page = Page::titled(&app, &viewer, "/aspirasi/lacak", viewer.lang.t("resend-title"));
    let mut errors = FieldErrors::new();
    let code = errors.required("code", &form.code, 40);
    let contact = errors.required("contact", &form.contact, 254);
    if !code.is_empty() && TicketCode::parse(&code).is_none() {
        errors.add("code", "err-ticket-code");
    }
    if !errors.is_empty() {
        return Ok(render_invalid(&ResendPage { page, form, sent: false, errors }));
    }
    // Looked up and sent after answering: the answer takes the same time whether or not the
    // code and contact match, so its timing tells nothing either.
    let worker = app.clone();
    tokio::spawn(async move {
        if let Err(e) = follow::resend_link(&worker, &code, &contact).await {
            tracing::warn!(error = %e, "could not send a report's link again");
        }
    });
    Ok(render(&ResendPage { page, form: ResendForm::default(), sent: true, errors }))
}

#[derive(Template)]
#[template(path = "aspirations/own.html")]
struct OwnPage {
    page: Page,
    reports: Vec<repo::OwnRow>,
    tips: Vec<factcheck::OwnTip>,
}

impl OwnPage {
    fn code(&self, r: &repo::OwnRow) -> String {
        code_of(r.year, r.id).to_string()
    }

    fn when(&self, at: &Timestamp) -> String {
        self.page.datetime(*at)
    }
}

/// "Laporan saya": the reports this account filed or kept, and the tips it sent.
pub async fn own_reports(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let actor = viewer.actor();
    let reports = follow::own_reports(&app, &actor).await?;
    let tips = factcheck::own_tips(&app, &actor).await?;
    Ok(render(&OwnPage { page: Page::new(&app, &viewer, "/akun/laporan", "own-title"), reports, tips }))
}
