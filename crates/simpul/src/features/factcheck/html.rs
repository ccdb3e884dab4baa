//! Citizens' pages: `/cek-fakta` (paste a message, latest clarifications, search within them),
//! the answer, a tip's status by its code, a clarification with its ClaimReview, and the feed.

use askama::Template;
use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::Response,
};
use serde::Deserialize;

use super::{
    repo::{self, ClarificationItem, ClarificationRow},
    service::{self, Intake, Received, Reply, TipForm},
    workflow,
};
use crate::{
    app::{App, AppState},
    domain::{
        factcheck::{Channel, ClusterState, Verdict},
        share::share_links,
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    web::feeds::{self, Format, Item},
    web::{
        extract::{Multipart, Path, Query, multipart_error},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

/// How close a clarification must be to a search on `/cek-fakta` to be listed (lower than the
/// tip-line's "mungkin terkait": a few keywords share little with a whole claim).
pub const SEARCH_MIN_SCORE: f32 = 0.10;

/// Clarifications per page of the list.
const PAGE_SIZE: i64 = 20;

/// A clarification's label and its CSS class (false claims are marked in red).
pub fn badge(verdict: Verdict) -> (String, &'static str) {
    let class = if verdict.is_false() { "verdict verdict-false" } else { "verdict verdict-true" };
    (verdict.as_str().replace('_', " "), class)
}

#[derive(Debug, Default, Deserialize)]
pub struct CheckQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: String,
}

#[derive(Template)]
#[template(path = "factcheck/index.html")]
struct IndexPage {
    page: Page,
    form: TipForm,
    errors: FieldErrors,
    /// The answer to what was just sent.
    received: Option<Received>,
    latest: Vec<ClarificationRow>,
    q: String,
    results: Option<Vec<ClarificationItem>>,
    prev: Option<String>,
    next: Option<String>,
    max_mb: usize,
    /// A fresh one-time id for the paste form.
    nonce: String,
}

impl IndexPage {
    fn badge(&self, verdict: &Verdict) -> (String, &'static str) {
        badge(*verdict)
    }

    fn date(&self, at: &Timestamp) -> String {
        self.page.day(*at)
    }
}

async fn index_page(
    app: &App,
    viewer: &Viewer,
    query: CheckQuery,
    form: TipForm,
    errors: FieldErrors,
    received: Option<Received>,
) -> AppResult<IndexPage> {
    let page_no = query.page.trim().parse::<i64>().ok().filter(|p| (1..=1_000).contains(p)).unwrap_or(1);
    let mut latest = repo::latest(&app.db, (page_no - 1) * PAGE_SIZE, PAGE_SIZE + 1).await?;
    let more = latest.len() as i64 > PAGE_SIZE;
    latest.truncate(PAGE_SIZE as usize);
    let q: String = query.q.trim().chars().take(200).collect();
    let results = if q.is_empty() { None } else { Some(service::search(app, &q, 10, SEARCH_MIN_SCORE).await?) };
    Ok(IndexPage {
        page: Page::new(app, viewer, "/cek-fakta", "factcheck-title"),
        form,
        errors,
        received,
        latest,
        results,
        prev: (page_no > 1).then(|| format!("/cek-fakta?page={}", page_no - 1)),
        next: more.then(|| format!("/cek-fakta?page={}", page_no + 1)),
        q,
        max_mb: app.config.max_upload_bytes / (1024 * 1024),
        nonce: crate::infra::crypto::random_token(18),
    })
}

/// `GET /cek-fakta`.
pub async fn show_index(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(query): Query<CheckQuery>,
) -> AppResult<Response> {
    Ok(render(&index_page(&app, &viewer, query, TipForm::default(), FieldErrors::new(), None).await?))
}

/// `POST /cek-fakta`: the pasted message (with an optional link, screenshot and e-mail), answered
/// on the same page.
pub async fn check_message(
    State(app): State<AppState>,
    viewer: Viewer,
    Multipart(mut mp): Multipart,
) -> AppResult<Response> {
    let mut form = TipForm::default();
    let mut screenshot = None;
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(&e)),
        };
        match field.name().unwrap_or_default() {
            "screenshot" => {
                let data = field.bytes().await.map_err(|e| multipart_error(&e))?;
                if !data.is_empty() {
                    screenshot = Some(data.to_vec());
                }
            }
            name => {
                let name = name.to_owned();
                let text = field.text().await.map_err(|_| AppError::BadRequest("err-bad-form"))?;
                match name.as_str() {
                    "text" => form.text = text,
                    "link" => form.link = text,
                    "email" => form.email = text,
                    "nonce" => form.nonce = text,
                    _ => {}
                }
            }
        }
    }
    let invalid = |errors: FieldErrors, form: TipForm| async {
        let page = index_page(&app, &viewer, CheckQuery::default(), form, errors, None).await?;
        AppResult::Ok(render_invalid(&page))
    };
    let (text, link, email) = match service::check_form(&form) {
        Ok(v) => v,
        Err(errors) => return invalid(errors, form).await,
    };
    // A reload posts the same form again: its one-time id makes it the same tip.
    let nonce = form.nonce.trim();
    let external_id = (nonce.len() >= 16 && nonce.len() <= 64).then(|| format!("form:{nonce}"));
    let intake = Intake { channel: Channel::Web, external_id, text, link, screenshot, contact: email };
    let received = match service::receive(&app, &viewer.actor(), intake).await {
        Ok(r) => r,
        Err(AppError::Validation(errors)) => return invalid(errors, form).await,
        Err(e) => return Err(e),
    };
    let page = index_page(&app, &viewer, CheckQuery::default(), TipForm::default(), FieldErrors::new(), Some(received))
        .await?;
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "factcheck/ticket.html")]
struct TicketPage {
    page: Page,
    code: String,
    state: ClusterState,
    received_on: String,
    clarification: Option<ClarificationItem>,
}

impl TicketPage {
    fn badge(&self, verdict: &Verdict) -> (String, &'static str) {
        badge(*verdict)
    }
}

/// `GET /cek-fakta/tiket/{code}`: where a tip stands (never its text).
pub async fn show_ticket(State(app): State<AppState>, viewer: Viewer, Path(code): Path<String>) -> AppResult<Response> {
    let (code, status, clarification) = service::tip_status(&app, &code).await?;
    let code = code.to_string();
    let page = Page::titled(&app, &viewer, &format!("/cek-fakta/tiket/{code}"), code.clone());
    let received_on = page.day(status.created_at);
    Ok(render(&TicketPage { page, code, state: status.state, received_on, clarification }))
}

#[derive(Template)]
#[template(path = "factcheck/show.html")]
struct ClarificationPage {
    page: Page,
    c: ClarificationRow,
    url: String,
    label: (String, &'static str),
    content_type: Option<String>,
    sources: Vec<(Option<String>, String)>,
    shares: Vec<(&'static str, String)>,
    published: String,
    json_ld: String,
    can_edit: bool,
}

/// The clarification as schema.org `ClaimReview` JSON-LD (`<` escaped so it cannot close the
/// script block).
pub fn claim_review(app: &App, c: &ClarificationRow, url: &str) -> String {
    let verdict = Some(c.verdict);
    let mut claim = serde_json::json!({ "@type": "Claim", "text": c.claim });
    if let Some(a) = &c.appearance_url {
        claim["appearance"] = serde_json::json!([{ "@type": "CreativeWork", "url": a }]);
        claim["firstAppearance"] = serde_json::json!({ "@type": "CreativeWork", "url": a });
    }
    if let Some(d) = &c.first_appearance {
        claim["datePublished"] = serde_json::json!(d);
    }
    let v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "headline": c.title,
        "claimReviewed": c.claim,
        "datePublished": c.published_at.to_rfc3339(),
        "dateModified": c.updated_at.to_rfc3339(),
        "inLanguage": "id",
        "author": { "@type": "Organization", "name": app.site_title(), "url": app.config.link("/") },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.map_or(3, Verdict::rating),
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": c.verdict.as_str().replace('_', " "),
        },
        "itemReviewed": claim,
    });
    v.to_string().replace('<', "\\u003c")
}

/// The title as lists and chat replies show it: `[HOAKS] …`.
pub fn full_title(c: &ClarificationRow) -> String {
    format!("{} {}", service::label(c.verdict), c.title)
}

/// `GET /klarifikasi/{slug}`.
pub async fn show_clarification(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let c = repo::clarification_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let url = app.config.link(&format!("/klarifikasi/{slug}"));
    let mut page = Page::titled(&app, &viewer, &format!("/klarifikasi/{slug}"), full_title(&c));
    page.description = c.summary.clone();
    let content_type = c.content_type.map(|t| page.tk("factcheck-type-", t.as_str()));
    let published = page.day(c.published_at);
    let sources = c.sources.lines().filter_map(workflow::parse_source).collect();
    let page_out = ClarificationPage {
        json_ld: claim_review(&app, &c, &url),
        shares: share_links(&full_title(&c), &url),
        label: badge(c.verdict),
        can_edit: viewer.can(crate::domain::access::Permission::CheckFacts),
        page,
        content_type,
        sources,
        published,
        url,
        c,
    };
    let changed = page_out.c.updated_at;
    let mut res = render(&page_out);
    if let Ok(v) = HeaderValue::from_str(&changed.to_http_date()) {
        res.headers_mut().insert(header::LAST_MODIFIED, v);
    }
    Ok(res)
}

/// `/cek-fakta/feed.xml`, `atom.xml`, `feed.json`: the newest clarifications.
pub async fn show_feed(State(app): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let rows = repo::latest(&app.db, 0, 30).await?;
    let titles: Vec<String> = rows.iter().map(full_title).collect();
    let site = app.site_title();
    let items: Vec<Item> = rows
        .iter()
        .zip(&titles)
        .map(|(c, title)| Item {
            title,
            url: app.config.link(&format!("/klarifikasi/{}", c.slug)),
            summary: &c.summary,
            content_html: &c.body_html,
            published_at: c.published_at,
            updated_at: c.updated_at,
            author: &site,
            category: Some(c.verdict.as_str()),
        })
        .collect();
    let ch = feeds::Channel {
        title: format!("Cek Fakta · {}", app.site_title()),
        link: app.config.link("/cek-fakta"),
        self_link: app.config.link(&format!("/cek-fakta/{file}")),
    };
    Ok(feeds::respond(feeds::render_items(format, &ch, &items)))
}

/// What the answer section shows, prepared for the template.
impl IndexPage {
    fn reply_kind(&self) -> &'static str {
        match self.received.as_ref().map(|r| &r.reply) {
            Some(Reply::Confident(_)) => "confident",
            Some(Reply::Candidates(_)) => "candidates",
            Some(Reply::Unknown) => "unknown",
            None => "",
        }
    }

    fn confident(&self) -> Option<&ClarificationItem> {
        match self.received.as_ref().map(|r| &r.reply) {
            Some(Reply::Confident(c)) => Some(c),
            _ => None,
        }
    }

    fn candidates(&self) -> Vec<&ClarificationItem> {
        match self.received.as_ref().map(|r| &r.reply) {
            Some(Reply::Candidates(c)) => c.iter().collect(),
            _ => Vec::new(),
        }
    }

    fn code(&self) -> String {
        self.received.as_ref().map(|r| r.code.to_string()).unwrap_or_default()
    }
}
