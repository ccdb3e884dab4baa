//! How a reporter keeps up with their report: notices stopped with one tap, a WhatsApp or
//! Telegram chat linked with a one-time code, the private link sent again to the contact they
//! gave, and the reports an account filed or claimed ("Laporan saya").

use futures_util::future::BoxFuture;

use super::{
    notify::{self, Notice},
    repo::{self, OwnRow},
    service::{by_key, code_of},
};
use crate::{
    app::App,
    domain::{
        access::Actor,
        aspiration::TicketCode,
        ids::UserId,
        text::{Email, PhoneNumber},
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        chat::ChatChannel,
        crypto,
        i18n::Lang,
    },
    registry::ChatMessage,
};

/// How long a chat code may be used.
pub const CHAT_CODE_HOURS: i64 = 24;

/// Letters and digits that cannot be mistaken for each other when typed from a screen.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;

/// The word that links a report on WhatsApp (`LAPOR K7QW2M9A`); Telegram sends `/start <code>`.
const LINK_WORD: &str = "LAPOR";

/// Stops every notice for the report behind `key` (e-mail and chat).
pub async fn stop_notices(app: &App, actor: &Actor, key: &str) -> AppResult<()> {
    let row = by_key(app, key).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::stop_notices(&mut tx, row.id, now).await?;
    // The key is the reporter's only credential: the trail does not tie a person to it.
    let auditor = Actor::anonymous(actor.request_id.clone());
    audit::record(&mut tx, &auditor, now, Event::new("aspiration.notices_off", "aspiration", row.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The chats a report can be linked to here (configured, with a number or bot name to open).
pub fn chat_channels(app: &App) -> Vec<ChatChannel> {
    let mut out = Vec::new();
    if app.config.whatsapp.as_ref().is_some_and(|w| w.number.is_some()) {
        out.push(ChatChannel::WhatsApp);
    }
    if app.config.telegram.as_ref().is_some_and(|t| t.username.is_some()) {
        out.push(ChatChannel::Telegram);
    }
    out
}

fn new_code() -> String {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    // 256 is a multiple of the alphabet's 32 letters: every letter equally likely.
    bytes.iter().map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char).collect()
}

fn code_hash(code: &str) -> String {
    crypto::sha256_hex(&format!("chat-code:{}", code.to_ascii_uppercase()))
}

/// A one-time code and where it opens the city's chat with it typed in.
pub struct ChatInvite {
    /// What the citizen sends if the link does not open the app (`LAPOR K7QW2M9A`).
    pub message: String,
    /// `https://wa.me/…?text=LAPOR%20…` or `https://t.me/…?start=…`.
    pub url: String,
}

/// Makes a one-time code for the report behind `key`.
pub async fn start_chat(app: &App, key: &str, channel: ChatChannel) -> AppResult<ChatInvite> {
    let row = by_key(app, key).await?;
    let url = match channel {
        ChatChannel::WhatsApp => app.config.whatsapp.as_ref().and_then(|w| w.number.clone()).map(|n| {
            let text = format!("{LINK_WORD} {{code}}");
            (format!("https://wa.me/{n}?text="), text)
        }),
        ChatChannel::Telegram => app
            .config
            .telegram
            .as_ref()
            .and_then(|t| t.username.clone())
            .map(|u| (format!("https://t.me/{u}?start="), "{code}".to_owned())),
    };
    let Some((base, pattern)) = url else { return Err(AppError::NotFound) };
    let code = new_code();
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::insert_chat_code(&mut tx, row.id, &code_hash(&code), channel, now.plus_minutes(CHAT_CODE_HOURS * 60)).await?;
    tx.commit_bookkeeping().await?;
    let text = pattern.replace("{code}", &code);
    let url = format!("{base}{}", url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>());
    let message = match channel {
        ChatChannel::WhatsApp => text,
        ChatChannel::Telegram => format!("/start {code}"),
    };
    Ok(ChatInvite { message, url })
}

/// The code in a chat message that links a report, if it is one (`LAPOR K7QW2M9A`,
/// `/start K7QW2M9A`); anything else is left to the tip-line.
fn code_in(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    let (first, second, rest) = (words.next()?, words.next()?, words.next());
    let starts = first.eq_ignore_ascii_case(LINK_WORD) || first == "/start";
    let code = second.to_ascii_uppercase();
    let shaped = code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
    (starts && shaped && rest.is_none()).then_some(code)
}

fn is_stop(text: &str) -> bool {
    matches!(text.trim().to_ascii_uppercase().as_str(), "BERHENTI" | "STOP" | "/STOP")
}

/// Chat commands for reports: a one-time code links the chat; "BERHENTI" unlinks it.
pub fn chat_command<'a>(app: &'a App, msg: &'a ChatMessage<'a>) -> BoxFuture<'a, AppResult<Option<String>>> {
    Box::pin(async move {
        let lang = Lang::Id;
        let now = app.clock.now();
        // A stop word is always an answer, never a tip: also when nothing (or nothing any more)
        // is linked to this chat, e.g. a redelivery.
        if is_stop(msg.text) {
            let mut tx = app.db.begin().await?;
            if repo::stop_chat(&mut tx, msg.channel, msg.from, now).await? > 0 {
                audit::record(&mut tx, &Actor::system(), now, Event::new("aspiration.chat_off", "chat", 0)).await?;
            }
            tx.commit().await?;
            return Ok(Some(lang.t("chat-stopped")));
        }
        let Some(code) = code_in(msg.text) else { return Ok(None) };
        let mut tx = app.db.begin().await?;
        // Unknown, used, expired, or made for the other channel: the same answer, nothing linked.
        let Some(id) = repo::use_chat_code(&mut tx, &code_hash(&code), msg.channel, now).await? else {
            tx.commit_bookkeeping().await?;
            return Ok(Some(lang.t("chat-code-unknown")));
        };
        repo::link_chat(&mut tx, id, msg.channel, msg.from, now).await?;
        let after = serde_json::json!({ "channel": msg.channel.as_str() });
        audit::record(&mut tx, &Actor::system(), now, Event::new("aspiration.chat_on", "aspiration", id).after(&after))
            .await?;
        let row = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        tx.commit().await?;
        Ok(Some(lang.t_args("chat-linked", &[("code", code_of(row.year, row.id).to_string())])))
    })
}

/// "Kirim ulang tautan": when `contact` is the e-mail or phone number given with the report
/// `ticket`, a fresh private link goes to that contact (by e-mail, or on WhatsApp to the
/// number). Whatever matches, the caller answers the same, so nobody learns whether a report
/// or a contact exists.
pub async fn resend_link(app: &App, ticket: &str, contact: &str) -> AppResult<()> {
    let Some(code) = TicketCode::parse(ticket.trim()) else { return Ok(()) };
    let asked = crypto::sha256_hex(&contact.trim().to_lowercase());
    if !app.limits.allow_link_request(&code.to_string(), &asked).await {
        return Ok(());
    }
    let Some(row) = repo::find(&app.db, code.id()).await? else { return Ok(()) };
    if row.year != i64::from(code.year) {
        return Ok(());
    }
    let email = Email::parse(contact.trim()).map(|e| e.as_str().to_owned());
    let phone = PhoneNumber::parse(contact.trim()).map(|p| p.as_str().to_owned());
    let by_mail = email.filter(|e| row.reporter_email.as_deref().is_some_and(|r| crypto::secure_eq(r, e)));
    let by_phone = phone.filter(|p| row.reporter_phone.as_deref().is_some_and(|r| crypto::secure_eq(r, p)));
    // A phone number is reached on WhatsApp only; without it there is nothing to send.
    let by_phone = by_phone.filter(|_| app.config.whatsapp.is_some());
    if by_mail.is_none() && by_phone.is_none() {
        return Ok(());
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let key = notify::fresh_key(&mut tx, row.id, now).await?;
    if let Some(to) = &by_mail {
        notify::enqueue_mail(&mut tx, app, &row, Notice::LinkAgain, &key, to, now).await?;
    } else if let Some(number) = &by_phone {
        // The number given with the report, on WhatsApp (as the report template when one is
        // configured: the citizen may not have written to the city in the last 24 hours).
        let to = number.trim_start_matches('+');
        notify::enqueue_chat(&mut tx, app, &row, Notice::LinkAgain, &key, ChatChannel::WhatsApp, to, now).await?;
    }
    audit::record(&mut tx, &Actor::system(), now, Event::new("aspiration.link_resent", "aspiration", row.id)).await?;
    tx.commit().await?;
    app.jobs_queued.notify_one();
    Ok(())
}

/// Adds the report behind `key` to the signed-in account's "Laporan saya".
pub async fn claim(app: &App, actor: &Actor, key: &str) -> AppResult<()> {
    let user = actor.user_id.map(UserId).ok_or(AppError::Unauthenticated)?;
    let row = by_key(app, key).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !repo::set_reporter_user(&mut tx, row.id, user).await? {
        return Err(AppError::Conflict("err-report-kept-elsewhere"));
    }
    // Who claimed it stays out of the trail, as for filing while signed in.
    let auditor = Actor::anonymous(actor.request_id.clone());
    audit::record(&mut tx, &auditor, now, Event::new("aspiration.claim", "aspiration", row.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The signed-in account's reports, newest first.
pub async fn own_reports(app: &App, actor: &Actor) -> AppResult<Vec<OwnRow>> {
    let user = actor.user_id.map(UserId).ok_or(AppError::Unauthenticated)?;
    Ok(repo::list_own(&app.db, user, 200).await?)
}

#[cfg(test)]
mod tests {
    use super::{code_in, is_stop, new_code};

    #[test]
    fn only_a_code_shaped_message_is_a_command() {
        let code = new_code();
        assert_eq!(code.len(), 8);
        assert_eq!(code_in(&format!("LAPOR {code}")), Some(code.clone()));
        assert_eq!(code_in(&format!("lapor {}", code.to_lowercase())), Some(code.clone()));
        assert_eq!(code_in(&format!("/start {code}")), Some(code.clone()));
        // A tip that happens to start with the word is still a tip.
        assert_eq!(code_in("LAPOR polisi ada penipuan bansos"), None);
        assert_eq!(code_in("LAPOR ABCDEFG1"), None, "1 is not in the alphabet");
        assert_eq!(code_in(&format!("LAPOR {code} tolong")), None);
        assert_eq!(code_in("/start"), None);
        assert!(is_stop(" berhenti ") && is_stop("/stop") && !is_stop("berhenti dong"));
    }
}
