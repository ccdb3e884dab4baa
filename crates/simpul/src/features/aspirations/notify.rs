//! Telling the reporter, on the channels they gave: e-mail when they left an address, and the
//! WhatsApp or Telegram chat they linked with a one-time code. Only the steps that matter to
//! them are told (received, verified, rejected with the reason, answered with the answer, and
//! a reminder before an answer closes by itself); internal steps are not. Every message
//! carries a fresh private follow-up link and a way to stop the messages.

use super::{
    repo::{self, AspirationRow},
    service::{code_of, follow_up_path},
};
use crate::{
    app::App,
    domain::{aspiration::RejectReason, ids::AspirationId, time::Timestamp},
    error::AppResult,
    infra::{
        chat::{ChatChannel, SendChat},
        crypto,
        db::Tx,
        i18n::Lang,
        jobs,
        mail::Mail,
    },
};

/// A step the reporter hears of.
#[derive(Debug, Clone, Copy)]
pub enum Notice<'a> {
    /// Stored: the first message, with the key shown after submitting.
    Received,
    /// Verified by the coordinator: it is public now and goes to the OPD.
    Verified,
    /// Verified, but kept off the public list (the reporter asked for *rahasia*).
    VerifiedConfidential,
    /// Not taken up, with the reason and the coordinator's explanation.
    Rejected { reason: Option<RejectReason>, duplicate_of: Option<(i64, AspirationId)>, note: Option<&'a str> },
    /// The OPD's answer, in full.
    Answered(&'a str),
    /// The answer closes by itself in a day unless the reporter disputes it.
    ClosingSoon,
    /// The private link again (asked for on `/aspirasi/lacak`).
    LinkAgain,
}

impl Notice<'_> {
    fn key(&self) -> &'static str {
        match self {
            Notice::Received => "notice-received",
            Notice::Verified => "notice-verified",
            Notice::VerifiedConfidential => "notice-verified-confidential",
            Notice::Rejected { .. } => "notice-rejected",
            Notice::Answered(_) => "notice-answered",
            Notice::ClosingSoon => "notice-closing-soon",
            Notice::LinkAgain => "notice-link-again",
        }
    }

    /// What happened, in one paragraph (the same on every channel).
    fn what(&self, lang: Lang, code: &str) -> String {
        let base = lang.t_args(self.key(), &[("code", code.to_owned())]);
        match self {
            Notice::Rejected { reason, duplicate_of, note } => {
                let mut out = base;
                if let Some(r) = reason {
                    let mut why = lang.t(&format!("reject-reason-{}", r.as_str()));
                    if let Some((year, id)) = duplicate_of {
                        why = format!("{why} ({})", code_of(*year, *id));
                    }
                    out.push_str(&format!("\n\n{}: {why}", lang.t("notice-reason")));
                }
                if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
                    out.push_str(&format!("\n\n{}", n.trim()));
                }
                out
            }
            Notice::Answered(answer) => format!("{base}\n\n{}", answer.trim()),
            _ => base,
        }
    }
}

/// Tells the reporter of `notice` on every channel they gave, with a fresh private link
/// (`key` reuses the one just shown, after submitting). Returns how many messages left.
pub async fn tell(
    tx: &mut Tx,
    app: &App,
    row: &AspirationRow,
    notice: Notice<'_>,
    key: Option<&str>,
    now: Timestamp,
) -> AppResult<usize> {
    let email = row.reporter_email.clone().filter(|_| !row.notify_off);
    let chat = match (row.chat_channel, &row.chat_id) {
        (Some(c), Some(id)) if !row.notify_off => Some((c, id.clone())),
        _ => None,
    };
    if email.is_none() && chat.is_none() {
        return Ok(0);
    }
    let key = match key {
        Some(k) => k.to_owned(),
        None => fresh_key(tx, row.id, now).await?,
    };
    let mut sent = 0;
    if let Some(to) = email {
        enqueue_mail(tx, app, row, notice, &key, &to, now).await?;
        sent += 1;
    }
    if let Some((channel, to)) = chat {
        enqueue_chat(tx, app, row, notice, &key, channel, &to, now).await?;
        sent += 1;
    }
    app.jobs_queued.notify_one();
    Ok(sent)
}

/// A new private key for the report (stored hashed).
pub async fn fresh_key(tx: &mut Tx, id: AspirationId, now: Timestamp) -> AppResult<String> {
    let key = crypto::random_token(24);
    repo::add_key(tx, id, &crypto::sha256_hex(&key), now).await?;
    Ok(key)
}

/// The private link and the page that stops the messages, for `key`.
fn links(app: &App, key: &str) -> (String, String) {
    let path = follow_up_path(key);
    (app.config.link(&path), app.config.link(&format!("{path}/berhenti")))
}

/// Where a mail client's one-click "unsubscribe" posts (RFC 8058: no cookie, no form token;
/// the key in the address is the proof).
fn one_click(app: &App, key: &str) -> String {
    app.config.link(&format!("/api/v1/aspirations/unsubscribe/{key}"))
}

/// The mail for `notice`, to `to` (the report's address, or the one given on `/aspirasi/lacak`).
pub async fn enqueue_mail(
    tx: &mut Tx,
    app: &App,
    row: &AspirationRow,
    notice: Notice<'_>,
    key: &str,
    to: &str,
    now: Timestamp,
) -> AppResult<()> {
    let lang = Lang::Id;
    let code = code_of(row.year, row.id).to_string();
    let (link, stop) = links(app, key);
    let body = lang.t_args(
        "notice-mail",
        &[("what", notice.what(lang, &code)), ("title", row.title.clone()), ("link", link), ("stop", stop)],
    );
    let subject = lang.t_args(&format!("{}-subject", notice.key()), &[("code", code)]);
    let unsubscribe = Some(one_click(app, key));
    jobs::enqueue(tx, now, &Mail { to: to.to_owned(), subject, body, unsubscribe }).await?;
    Ok(())
}

/// The chat message for `notice`. WhatsApp notices go as the approved report template when one
/// is configured (they may leave more than 24 hours after the citizen last wrote).
#[allow(clippy::too_many_arguments)]
pub async fn enqueue_chat(
    tx: &mut Tx,
    app: &App,
    row: &AspirationRow,
    notice: Notice<'_>,
    key: &str,
    channel: ChatChannel,
    to: &str,
    now: Timestamp,
) -> AppResult<()> {
    let lang = Lang::Id;
    let code = code_of(row.year, row.id).to_string();
    let (link, _) = links(app, key);
    // Telegram takes 4,096 characters, a WhatsApp template variable about 1,024: a long answer
    // is cut at a word and read in full behind the link.
    let full = notice.what(lang, &code);
    let more = lang.t("notice-read-more");
    let cut = |max: usize| {
        let short = crate::domain::text::shorten(&full, max);
        if short.len() < full.len() { format!("{short} {more}") } else { short }
    };
    let what = cut(3_000);
    let text = lang.t_args("notice-chat", &[("what", what), ("link", link.clone())]);
    let template_name = match channel {
        ChatChannel::WhatsApp => app.config.whatsapp.as_ref().and_then(|w| w.report_template.clone()),
        ChatChannel::Telegram => None,
    };
    // Template variables may not hold line breaks.
    let template =
        template_name.as_ref().map(|_| vec![code, cut(600).split_whitespace().collect::<Vec<_>>().join(" "), link]);
    let job = SendChat { channel: channel.as_str().into(), to: to.to_owned(), text, template, template_name };
    jobs::enqueue(tx, now, &job).await?;
    Ok(())
}
