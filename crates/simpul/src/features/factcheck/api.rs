//! The tip-line in the JSON API: send a message and get the answer at once; read
//! clarifications.

use axum::{Json as JsonOut, extract::State, http::StatusCode};
use serde::{Deserialize, Serialize};

use super::{
    repo::{self, ClarificationItem},
    service::{self, Intake, Reply, TipForm},
};
use crate::{
    app::AppState,
    domain::factcheck::Channel,
    error::{AppError, AppResult},
    web::{
        extract::{ClientIp, Json, Path, Query},
        viewer::Viewer,
    },
};

/// A message to check.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TipIn {
    /// The message as received (at most 4,000 characters).
    pub text: String,
    /// Where it was seen.
    #[serde(default)]
    pub link: Option<String>,
    /// To be told by e-mail when the rumour is clarified.
    #[serde(default)]
    pub email: Option<String>,
    /// The client's own id for this message (use a UUID): sending it again returns the same tip.
    /// Without a token, ids are kept per address, and many phones share one address.
    #[serde(default)]
    pub message_id: Option<String>,
}

/// A clarification in an answer or a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClarificationOut {
    /// `HOAKS`, `SALAH`, `DISINFORMASI`, …, `BENAR`, `KLARIFIKASI`.
    pub verdict: String,
    pub title: String,
    pub summary: String,
    pub url: String,
    /// RFC 3339.
    pub published_at: String,
}

fn out(app: &AppState, c: ClarificationItem) -> ClarificationOut {
    ClarificationOut {
        url: app.config.link(&format!("/klarifikasi/{}", c.slug)),
        verdict: c.verdict.as_str().to_owned(),
        title: c.title,
        summary: c.summary,
        published_at: c.published_at.to_rfc3339(),
    }
}

/// The tip-line's answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TipOut {
    /// `CEK-2026-000123`: where the tip stands, at `status_url`.
    pub code: String,
    pub status_url: String,
    /// `confident` (the clarification in `clarification`), `candidates` (perhaps related, in
    /// `candidates`; the tip is also queued for checking) or `unknown` (queued for checking).
    pub answer: String,
    pub clarification: Option<ClarificationOut>,
    pub candidates: Vec<ClarificationOut>,
    /// The same `message_id` was sent before: nothing new was stored.
    pub duplicate: bool,
}

/// Checks a message against published clarifications and files it for the editors.
#[utoipa::path(post, path = "/api/v1/tips", tag = "factcheck", request_body = TipIn,
    responses((status = 201, description = "Received and answered", body = TipOut),
        (status = 200, description = "This message_id was received before", body = TipOut),
        (status = 400, description = "Malformed JSON"), (status = 422, description = "Invalid fields"),
        (status = 429, description = "Too many tips from this address")))]
pub async fn submit_tip(
    State(app): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Json(input): Json<TipIn>,
) -> AppResult<(StatusCode, JsonOut<TipOut>)> {
    let form = TipForm {
        text: input.text,
        link: input.link.unwrap_or_default(),
        email: input.email.unwrap_or_default(),
        nonce: String::new(),
    };
    let (text, link, email) = service::check_form(&form).map_err(AppError::Validation)?;
    let message_id = input.message_id.map(|m| m.trim().chars().take(200).collect::<String>()).filter(|m| !m.is_empty());
    // Idempotency keys are per client: an address or a token.
    let external_id = message_id.map(|m| match &viewer.token {
        Some(t) => format!("token:{}:{m}", t.id),
        None => format!("ip:{ip}:{m}"),
    });
    let intake = Intake { channel: Channel::Api, external_id, text, link, screenshot: None, contact: email };
    let r = service::receive(&app, &viewer.actor(), intake).await?;
    let (answer, clarification, candidates) = match r.reply {
        Reply::Confident(c) => ("confident", Some(out(&app, c)), Vec::new()),
        Reply::Candidates(cs) => ("candidates", None, cs.into_iter().map(|c| out(&app, c)).collect()),
        Reply::Unknown => ("unknown", None, Vec::new()),
    };
    let code = r.code.to_string();
    let status = if r.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    Ok((
        status,
        JsonOut(TipOut {
            status_url: app.config.link(&format!("/cek-fakta/tiket/{code}")),
            code,
            answer: answer.into(),
            clarification,
            candidates,
            duplicate: r.duplicate,
        }),
    ))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ClarificationParams {
    /// Words to look for (matched like the tip-line matches messages).
    pub q: String,
}

/// The newest clarifications, or those matching `q`.
#[utoipa::path(get, path = "/api/v1/clarifications", tag = "factcheck", params(ClarificationParams),
    responses((status = 200, description = "Clarifications", body = [ClarificationOut])))]
pub async fn list_clarifications(
    State(app): State<AppState>,
    Query(p): Query<ClarificationParams>,
) -> AppResult<JsonOut<Vec<ClarificationOut>>> {
    let items = if p.q.trim().is_empty() {
        repo::latest(&app.db, 0, 30).await?.into_iter().map(ClarificationItem::from).collect()
    } else {
        service::search(&app, &p.q, 20, super::html::SEARCH_MIN_SCORE).await?
    };
    Ok(JsonOut(items.into_iter().map(|c| out(&app, c)).collect()))
}

/// One clarification by its address.
#[utoipa::path(get, path = "/api/v1/clarifications/{slug}", tag = "factcheck",
    params(("slug" = String, Path, description = "The clarification's slug")),
    responses((status = 200, description = "The clarification", body = ClarificationOut), (status = 404, description = "Unknown")))]
pub async fn show_clarification(
    State(app): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<JsonOut<ClarificationOut>> {
    let c = repo::clarification_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(JsonOut(out(&app, ClarificationItem::from(c))))
}
