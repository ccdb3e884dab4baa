//! The chat doors of the tip-line: the WhatsApp Business Cloud API webhook and the Telegram
//! bot webhook, and sending replies through each. A delivery is acknowledged as soon as the tip
//! is stored; the reply leaves from the job queue, so a slow chat API never holds the webhook.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use hmac::{Hmac, Mac};
use serde::Deserialize;

use super::service::{self, Intake};
use crate::{
    app::{App, AppState},
    config::{TelegramConfig, WhatsAppConfig},
    domain::factcheck::Channel,
    error::{AppError, AppResult},
    infra::{
        chat::{ChatChannel, SendChat},
        crypto,
        i18n::Lang,
        jobs,
    },
    registry::{self, ChatMessage},
    web::{extract::Query, viewer::Viewer},
};

/// Whether `signature` (`sha256=<hex>`) is the HMAC-SHA256 of `body` under `secret`.
pub fn whatsapp_signature_ok(secret: &str, body: &[u8], signature: Option<&str>) -> bool {
    let Some(hex_sig) = signature.and_then(|s| s.trim().strip_prefix("sha256=")) else { return false };
    let Ok(given) = hex::decode(hex_sig) else { return false };
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else { return false };
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

fn whatsapp(app: &App) -> AppResult<&WhatsAppConfig> {
    app.config.whatsapp.as_ref().ok_or(AppError::NotFound)
}

fn telegram(app: &App) -> AppResult<&TelegramConfig> {
    app.config.telegram.as_ref().ok_or(AppError::NotFound)
}

/// Meta's verification request when the webhook is registered.
#[derive(Debug, Default, Deserialize)]
pub struct Challenge {
    #[serde(rename = "hub.mode", default)]
    mode: String,
    #[serde(rename = "hub.verify_token", default)]
    verify_token: String,
    #[serde(rename = "hub.challenge", default)]
    challenge: String,
}

/// `GET /api/v1/webhooks/whatsapp`: echoes the challenge when the verify token is ours.
#[utoipa::path(get, path = "/api/v1/webhooks/whatsapp", tag = "factcheck",
    params(("hub.mode" = String, Query, description = "`subscribe`"), ("hub.verify_token" = String, Query, description = "The verify token configured in Meta's dashboard"), ("hub.challenge" = String, Query, description = "Echoed back")),
    responses((status = 200, description = "The challenge, as text"), (status = 403, description = "Wrong verify token"), (status = 404, description = "WhatsApp is not configured")))]
pub async fn verify_whatsapp(State(app): State<AppState>, Query(q): Query<Challenge>) -> AppResult<Response> {
    let wa = whatsapp(&app)?;
    if q.mode != "subscribe" || !crypto::secure_eq(&q.verify_token, wa.verify_token.expose()) {
        return Err(AppError::Forbidden);
    }
    let challenge: String = q.challenge.chars().filter(char::is_ascii_alphanumeric).take(200).collect();
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], challenge).into_response())
}

/// The parts of a WhatsApp delivery the tip-line reads.
#[derive(Debug, Deserialize)]
struct WaDelivery {
    #[serde(default)]
    entry: Vec<WaEntry>,
}

#[derive(Debug, Deserialize)]
struct WaEntry {
    #[serde(default)]
    changes: Vec<WaChange>,
}

#[derive(Debug, Deserialize)]
struct WaChange {
    value: WaValue,
}

#[derive(Debug, Deserialize)]
struct WaValue {
    /// Absent on delivery receipts (`statuses`).
    #[serde(default)]
    messages: Vec<WaMessage>,
}

#[derive(Debug, Deserialize)]
struct WaMessage {
    from: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: Option<WaText>,
}

#[derive(Debug, Deserialize)]
struct WaText {
    body: String,
}

/// An unauthenticated delivery: 401 and nothing stored.
fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, "invalid signature").into_response()
}

/// `POST /api/v1/webhooks/whatsapp`: each text message becomes a tip; other kinds get a polite
/// note that only text can be checked.
#[utoipa::path(post, path = "/api/v1/webhooks/whatsapp", tag = "factcheck",
    description = "WhatsApp Business Cloud API deliveries, signed with `X-Hub-Signature-256` (HMAC-SHA256 of the body with the app secret).",
    responses((status = 200, description = "Acknowledged; replies leave from the job queue"), (status = 401, description = "Bad or missing signature: nothing stored"), (status = 404, description = "WhatsApp is not configured")))]
pub async fn receive_whatsapp(
    State(app): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let wa = whatsapp(&app)?;
    let sig = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if !whatsapp_signature_ok(wa.app_secret.expose(), &body, sig) {
        return Ok(unauthorized());
    }
    // Signed by Meta but not the shape we know: acknowledged (a refusal is redelivered for days).
    let Ok(delivery) = serde_json::from_slice::<WaDelivery>(&body) else {
        tracing::warn!("a WhatsApp delivery could not be read; acknowledged and ignored");
        return Ok(StatusCode::OK.into_response());
    };
    let actor = viewer.actor();
    for m in delivery.entry.into_iter().flat_map(|e| e.changes).flat_map(|c| c.value.messages) {
        let from: String = m.from.chars().filter(char::is_ascii_digit).take(20).collect();
        if from.is_empty() || m.id.is_empty() || m.id.len() > 200 {
            continue;
        }
        match (m.kind.as_str(), m.text) {
            ("text", Some(t)) => {
                // A code that links a report, "BERHENTI": answered by the capability it is for.
                let msg = ChatMessage { channel: ChatChannel::WhatsApp, from: &from, text: &t.body };
                if let Some(reply) = registry::chat_command(&app, &msg).await? {
                    reply_once(&app, Channel::WhatsApp, &m.id, &from, reply).await?;
                    continue;
                }
                let intake = Intake {
                    channel: Channel::WhatsApp,
                    external_id: Some(m.id.clone()),
                    text: t.body,
                    link: None,
                    screenshot: None,
                    contact: Some(from),
                };
                take_text(&app, &actor, intake).await?;
            }
            // Media the line cannot check: say so. Reactions, system notices and the like: nothing.
            ("image" | "video" | "audio" | "voice" | "document" | "sticker", _) => {
                politely_decline(&app, Channel::WhatsApp, &m.id, &from).await?
            }
            _ => {}
        }
    }
    Ok(StatusCode::OK.into_response())
}

/// The parts of a Telegram update the tip-line reads.
#[derive(Debug, Deserialize)]
struct TgUpdate {
    #[serde(default)]
    message: Option<TgMessage>,
}

#[derive(Debug, Deserialize)]
struct TgMessage {
    message_id: i64,
    chat: TgChat,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Debug, Deserialize)]
struct TgChat {
    id: i64,
    #[serde(rename = "type", default)]
    kind: String,
}

/// `POST /api/v1/webhooks/telegram`: checked by the secret token Telegram sends back.
#[utoipa::path(post, path = "/api/v1/webhooks/telegram", tag = "factcheck",
    description = "Telegram Bot API updates, checked by `X-Telegram-Bot-Api-Secret-Token`. Only private chats are read.",
    responses((status = 200, description = "Acknowledged; replies leave from the job queue"), (status = 401, description = "Wrong or missing secret: nothing stored"), (status = 404, description = "Telegram is not configured")))]
pub async fn receive_telegram(
    State(app): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let tg = telegram(&app)?;
    let given = headers.get("x-telegram-bot-api-secret-token").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if given.is_empty() || !crypto::secure_eq(given, tg.webhook_secret.expose()) {
        return Ok(unauthorized());
    }
    let Ok(update) = serde_json::from_slice::<TgUpdate>(&body) else {
        tracing::warn!("a Telegram update could not be read; acknowledged and ignored");
        return Ok(StatusCode::OK.into_response());
    };
    // Edited messages, channel posts, button presses, groups the bot was added to: nothing to
    // check (a group's chatter is not a tip, and its members did not ask for replies).
    let Some(m) = update.message.filter(|m| m.chat.kind == "private") else {
        return Ok(StatusCode::OK.into_response());
    };
    let chat = m.chat.id.to_string();
    let external_id = format!("{}:{}", m.chat.id, m.message_id);
    if let Some(t) = &m.text {
        let msg = ChatMessage { channel: ChatChannel::Telegram, from: &chat, text: t };
        if let Some(reply) = registry::chat_command(&app, &msg).await? {
            reply_once(&app, Channel::Telegram, &external_id, &chat, reply).await?;
            return Ok(StatusCode::OK.into_response());
        }
    }
    match m.text {
        Some(t) if t.trim_start().starts_with('/') => {
            // `/start`, `/help`: how the bot works.
            reply_once(&app, Channel::Telegram, &external_id, &chat, Lang::Id.t("tip-chat-welcome")).await?;
        }
        Some(t) => {
            let intake = Intake {
                channel: Channel::Telegram,
                external_id: Some(external_id.clone()),
                text: t,
                link: None,
                screenshot: None,
                contact: Some(chat),
            };
            take_text(&app, &viewer.actor(), intake).await?;
        }
        None => politely_decline(&app, Channel::Telegram, &external_id, &chat).await?,
    }
    Ok(StatusCode::OK.into_response())
}

/// A text message becomes a tip. The tip and its message id are stored in one transaction, so
/// a redelivery finds it and does nothing, and a failure leaves nothing half-done: the error
/// makes the platform deliver again.
async fn take_text(app: &App, actor: &crate::domain::access::Actor, intake: Intake) -> AppResult<()> {
    let (channel, external_id, to) = (intake.channel, intake.external_id.clone(), intake.contact.clone());
    match service::receive(app, actor, intake).await {
        Ok(_) => Ok(()),
        // Only spaces: say what the line is for.
        Err(AppError::Validation(_)) => match (external_id, to) {
            (Some(id), Some(to)) => reply_once(app, channel, &id, &to, Lang::Id.t("tip-chat-welcome")).await,
            _ => Ok(()),
        },
        Err(e) => Err(e),
    }
}

/// A photo, a sticker, a voice note: the line checks text, so say so (once per message).
async fn politely_decline(app: &App, channel: Channel, external_id: &str, to: &str) -> AppResult<()> {
    reply_once(app, channel, external_id, to, Lang::Id.t("tip-chat-text-only")).await
}

async fn reply_once(app: &App, channel: Channel, external_id: &str, to: &str, text: String) -> AppResult<()> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !super::repo::claim_message(&mut tx, channel, &service::message_key(external_id), now).await? {
        return Ok(());
    }
    let job =
        SendChat { channel: channel.as_str().into(), to: to.to_owned(), text, template: None, template_name: None };
    jobs::enqueue(&mut tx, now, &job).await?;
    tx.commit_bookkeeping().await?;
    app.jobs_queued.notify_one();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::whatsapp_signature_ok;

    #[test]
    fn signatures() {
        // HMAC-SHA256("secret", "hello"), as `openssl dgst -sha256 -hmac secret` prints it.
        let good = "sha256=88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b";
        assert!(whatsapp_signature_ok("secret", b"hello", Some(good)));
        assert!(!whatsapp_signature_ok("secret", b"hello!", Some(good)));
        assert!(!whatsapp_signature_ok("other", b"hello", Some(good)));
        assert!(!whatsapp_signature_ok("secret", b"hello", Some(&good[7..])));
        assert!(!whatsapp_signature_ok("secret", b"hello", Some("sha256=zz")));
        assert!(!whatsapp_signature_ok("secret", b"hello", None));
    }
}
