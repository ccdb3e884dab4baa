//! Outgoing mail: SMTP when configured, otherwise `.eml` files in `<data-dir>/outbox/` so a
//! fresh install works without a mail server. Mail is only ever sent from the job queue.

use std::path::PathBuf;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox,
        header::{ContentType, Header, HeaderName, HeaderValue},
    },
    transport::smtp::authentication::Credentials,
};
use serde::{Deserialize, Serialize};

use crate::config::SmtpConfig;

/// One message to send.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Where one click stops these messages (`List-Unsubscribe`, with one-click POST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

/// `List-Unsubscribe: <url>`: mail clients show an "unsubscribe" button.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.trim_matches(['<', '>']).to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the button works without
/// opening a page.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

impl super::jobs::Job for Mail {
    const KIND: &'static str = "send_mail";
}

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Outbox { dir: PathBuf, from: Mailbox },
}

impl Mailer {
    pub fn new(smtp: Option<&SmtpConfig>, outbox_dir: PathBuf, from: &str) -> anyhow::Result<Mailer> {
        let from: Mailbox = from.parse().map_err(|e| anyhow::anyhow!("invalid sender address {from:?}: {e}"))?;
        Ok(match smtp.and_then(|c| Some((c, c.host.as_deref()?))) {
            Some((c, host)) => {
                let mut b = if c.starttls() {
                    AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?
                } else if c.tls() {
                    AsyncSmtpTransport::<Tokio1Executor>::relay(host)?
                } else {
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                };
                b = b.port(c.port);
                if let (Some(u), Some(p)) = (&c.username, &c.password) {
                    b = b.credentials(Credentials::new(u.clone(), p.expose().to_owned()));
                }
                Mailer::Smtp { transport: b.build(), from }
            }
            None => Mailer::Outbox { dir: outbox_dir, from },
        })
    }

    /// Sends (or writes) one message. `key` (the job's, "<queued ms>-<random>") makes sending
    /// it again after a crash harmless: the outbox file of that name is written over, and over
    /// SMTP the message keeps its `Message-ID`, by which receiving mail systems drop a copy.
    /// Without a key, `now` names the outbox file, so files sort and expire by the app's clock.
    pub async fn send(
        &self,
        mail: &Mail,
        key: Option<&str>,
        now: crate::domain::time::Timestamp,
    ) -> anyhow::Result<()> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Outbox { from, .. } => from.clone(),
        };
        let to: Mailbox = mail.to.parse().map_err(|e| anyhow::anyhow!("invalid recipient: {e}"))?;
        let key =
            key.filter(|k| k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let domain = from.email.domain().to_owned();
        let mut builder = Message::builder().from(from).to(to).subject(&mail.subject).header(ContentType::TEXT_PLAIN);
        if let Some(k) = key {
            builder = builder.message_id(Some(format!("<{k}@{domain}>")));
        }
        if let Some(url) = &mail.unsubscribe {
            builder = builder.header(ListUnsubscribe(url.clone())).header(ListUnsubscribePost);
        }
        let msg = builder.body(mail.body.clone())?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(msg).await?;
            }
            Mailer::Outbox { dir, .. } => {
                tokio::fs::create_dir_all(dir).await?;
                let name = match key {
                    Some(k) => format!("{k}.eml"),
                    None => format!("{}-{}.eml", now.0, &crate::infra::crypto::random_token(6)),
                };
                // Written aside and renamed: a crash never leaves half a mail under the name.
                let part = dir.join(format!(".{name}.part"));
                tokio::fs::write(&part, msg.formatted()).await?;
                tokio::fs::rename(&part, dir.join(name)).await?;
            }
        }
        Ok(())
    }

    /// The outbox folder when mail is written to disk.
    pub fn outbox_dir(&self) -> Option<&PathBuf> {
        match self {
            Mailer::Outbox { dir, .. } => Some(dir),
            Mailer::Smtp { .. } => None,
        }
    }
}

/// A written `.eml` file, as listed on the admin page.
#[derive(Debug, Clone)]
pub struct OutboxFile {
    pub name: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Lists the newest `limit` mails in the outbox folder.
pub fn list_outbox(dir: &std::path::Path, limit: usize) -> Vec<OutboxFile> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml"))
        .collect();
    names.sort_unstable_by(|a, b| b.cmp(a));
    names
        .into_iter()
        .take(limit)
        .filter_map(|name| {
            let raw = std::fs::read_to_string(dir.join(&name)).ok()?;
            let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
            let header =
                |k: &str| head.lines().find_map(|l| l.strip_prefix(k)).map(|v| v.trim().to_owned()).unwrap_or_default();
            let body = match header("Content-Transfer-Encoding:").to_ascii_lowercase().as_str() {
                "quoted-printable" => decode_quoted_printable(body),
                "base64" => decode_base64_body(body),
                _ => body.to_owned(),
            };
            Some(OutboxFile {
                to: header("To:"),
                subject: decode_subject(&header("Subject:")),
                body: body.replace("\r\n", "\n"),
                name,
            })
        })
        .collect()
}

/// Deletes outbox mails written before `cutoff` (file names start with the write time in
/// milliseconds); returns how many were removed.
pub fn prune_outbox(dir: &std::path::Path, cutoff: crate::domain::time::Timestamp) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else { return 0 };
    let mut n = 0;
    for e in rd.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        let written = name.split('-').next().and_then(|t| t.parse::<i64>().ok());
        if name.ends_with(".eml") && written.is_some_and(|t| t < cutoff.0) && std::fs::remove_file(e.path()).is_ok() {
            n += 1;
        }
    }
    n
}

/// Subjects with non-ASCII text are RFC 2047 encoded; show them decoded when they are base64 UTF-8.
fn decode_subject(s: &str) -> String {
    use base64::Engine as _;
    if let Some(inner) = s.strip_prefix("=?utf-8?b?").and_then(|r| r.strip_suffix("?="))
        && let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(inner)
    {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    s.to_owned()
}

/// Decodes a quoted-printable body (soft line breaks and `=XX` escapes), as UTF-8.
fn decode_quoted_printable(s: &str) -> String {
    let joined = s.replace("=\r\n", "").replace("=\n", "");
    let b = joined.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'='
            && i + 2 < b.len()
            && let Some(v) = joined.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode_base64_body(s: &str) -> String {
    use base64::Engine as _;
    let compact: String = s.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_links_come_back_whole() {
        let qp = "Buka tautan ini:=\r\nhttp://x/verifikasi?token=3Dabc=\r\ndef caf=C3=A9";
        assert_eq!(decode_quoted_printable(qp), "Buka tautan ini:http://x/verifikasi?token=abcdef café");
        assert_eq!(decode_quoted_printable("a=ZZb="), "a=ZZb=");
    }

    #[tokio::test]
    async fn a_mail_sent_again_under_its_key_is_not_a_second_mail() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::new(None, dir.path().to_owned(), "Simpul <noreply@simpul.example>").unwrap();
        let mail =
            Mail { to: "warga@example.org".into(), subject: "Laporan".into(), body: "Isi".into(), unsubscribe: None };
        let now = crate::domain::time::Timestamp(1_000);
        // A crash after the first write, before the job was marked done: the run repeats.
        mailer.send(&mail, Some("900-a_c"), now).await.unwrap();
        mailer.send(&mail, Some("900-a_c"), crate::domain::time::Timestamp(400_000)).await.unwrap();
        let files = list_outbox(dir.path(), 10);
        assert_eq!(files.len(), 1, "one mail, written over");
        let raw = std::fs::read_to_string(dir.path().join("900-a_c.eml")).unwrap();
        assert!(raw.contains("Message-ID: <900-a_c@simpul.example>"), "{raw}");
        // Without a key (jobs queued before keys existed), each run is its own file.
        mailer.send(&mail, None, now).await.unwrap();
        assert_eq!(list_outbox(dir.path(), 10).len(), 2);
    }
}
