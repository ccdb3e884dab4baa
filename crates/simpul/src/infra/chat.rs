//! Messages to people on the chat they use (WhatsApp Business Cloud API, Telegram Bot API),
//! sent from the job queue so a slow chat API never holds a request. The tip-line's webhooks
//! and the reports' chat notices both send through here.

use crate::{app::App, infra::jobs};

/// A chat channel a person can be told on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatChannel {
    WhatsApp,
    Telegram,
}

impl AsRef<str> for ChatChannel {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl ChatChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatChannel::WhatsApp => "whatsapp",
            ChatChannel::Telegram => "telegram",
        }
    }

    pub fn parse(s: &str) -> Option<ChatChannel> {
        match s {
            "whatsapp" => Some(ChatChannel::WhatsApp),
            "telegram" => Some(ChatChannel::Telegram),
            _ => None,
        }
    }
}

/// A message to a person on a chat channel (`whatsapp`, `telegram`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SendChat {
    pub channel: String,
    pub to: String,
    pub text: String,
    /// The variables of the WhatsApp template, when the message may be sent as one (it may
    /// leave more than 24 hours after the person last wrote, when Meta refuses free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<Vec<String>>,
    /// Which approved template; none: the tip-line's verdict template (`--whatsapp-template`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_name: Option<String>,
}

impl jobs::Job for SendChat {
    const KIND: &'static str = "send_chat";
}

/// Sends one message (a job): WhatsApp's send-message endpoint or Telegram's `sendMessage`.
/// A refusal is an error, so the job is retried with back-off.
pub async fn send(app: &App, m: &SendChat) -> anyhow::Result<()> {
    let (channel, to, text) = (m.channel.as_str(), m.to.as_str(), m.text.as_str());
    let template = m.template.as_deref();
    let (url, bearer, body) = match ChatChannel::parse(channel) {
        Some(ChatChannel::WhatsApp) => {
            let wa = app.config.whatsapp.as_ref().ok_or_else(|| anyhow::anyhow!("WhatsApp is not configured"))?;
            let url = format!("{}/{}/messages", wa.api_base, wa.phone_number_id);
            let name = m.template_name.as_ref().or(wa.template.as_ref());
            let body = match (name, template) {
                // Free text is refused more than 24 hours after the tipster wrote: a verdict goes
                // as the approved template when there is one.
                (Some(name), Some(vars)) => serde_json::json!({
                    "messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                    "type": "template", "template": {
                        "name": name, "language": { "code": "id" },
                        "components": [{ "type": "body", "parameters":
                            vars.iter().map(|v| serde_json::json!({ "type": "text", "text": v })).collect::<Vec<_>>() }],
                    },
                }),
                _ => serde_json::json!({
                    "messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                    "type": "text", "text": { "preview_url": true, "body": text },
                }),
            };
            (url, Some(wa.access_token.expose().to_owned()), body)
        }
        Some(ChatChannel::Telegram) => {
            let tg = app.config.telegram.as_ref().ok_or_else(|| anyhow::anyhow!("Telegram is not configured"))?;
            let url = format!("{}/bot{}/sendMessage", tg.api_base, tg.bot_token.expose());
            let chat_id: serde_json::Value = to.parse::<i64>().map(Into::into).unwrap_or_else(|_| to.into());
            (url, None, serde_json::json!({ "chat_id": chat_id, "text": text }))
        }
        _ => anyhow::bail!("no chat channel {channel:?}"),
    };
    let (status, answer) = app.http.post_json(&url, bearer.as_deref(), &body).await.map_err(|e| {
        // The Telegram address holds the bot token: never let it reach a log.
        anyhow::anyhow!("{channel}: {}", redact(&e.to_string(), app))
    })?;
    if !(200..300).contains(&status) {
        anyhow::bail!("{channel} refused the message: HTTP {status}: {}", redact(&answer, app));
    }
    Ok(())
}

/// Removes secrets and long digit runs (phone numbers, chat ids) from an error text.
fn redact(s: &str, app: &App) -> String {
    let token = app.config.telegram.as_ref().map(|t| t.bot_token.expose());
    redact_text(s, token)
}

/// [`redact`] without the app: the token is replaced before the text is shortened, so no part
/// of it survives a cut.
fn redact_text(s: &str, token: Option<&str>) -> String {
    let mut out = s.to_owned();
    if let Some(t) = token.filter(|t| !t.is_empty()) {
        out = out.replace(t, "[token]");
    }
    let out: String = out.chars().take(300).collect();
    let mut cleaned = String::with_capacity(out.len());
    let mut run = String::new();
    for c in out.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        cleaned.push_str(if run.len() >= 7 { "[angka]" } else { &run });
        run.clear();
        cleaned.push(c);
    }
    cleaned.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::redact_text;

    #[test]
    fn errors_lose_tokens_and_numbers() {
        let long = format!("{}https://api.telegram.org/bot123:SECRET/sendMessage chat 6281234567890", "x".repeat(260));
        let r = redact_text(&long, Some("123:SECRET"));
        assert!(!r.contains("SECRET") && !r.contains("123:SE"), "{r}");
        assert_eq!(redact_text("HTTP 400 to 6281234567890, code 131047", None), "HTTP 400 to [angka], code 131047");
    }
}
