//! Run-time configuration from flags and `SIMPUL_*` environment variables. Secrets are wrapped
//! in [`Secret`], whose `Debug` never shows them, so they cannot reach the logs.

use std::{net::SocketAddr, path::PathBuf};

use crate::infra::crypto::HashStrength;

/// A secret string; prints as `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// SMTP relay settings; without them mail is written to the outbox folder.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// Implicit TLS (port 465).
    pub tls: bool,
    /// STARTTLS (port 587).
    pub starttls: bool,
}

/// Everything the server needs to know at start.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// `postgres://…` or `sqlite://…`; a PostgreSQL URL may carry a password, so it is secret.
    pub database_url: Secret,
    /// Public address, used in links in mail and feeds; `https` turns on Secure cookies.
    pub base_url: url::Url,
    pub smtp: Option<SmtpConfig>,
    pub mail_from: String,
    pub hash_strength: HashStrength,
    /// Largest accepted request body for forms and JSON.
    pub max_body_bytes: usize,
    /// Largest accepted image upload.
    pub max_upload_bytes: usize,
    /// Search answers cached per node (0: none).
    pub search_cache: usize,
    /// When set, `/metrics` needs `Authorization: Bearer <this>`; otherwise only clients on
    /// this machine (loopback) may read it.
    pub metrics_token: Option<Secret>,
    /// Take the client address from the last `X-Forwarded-For` entry (behind a load balancer).
    pub trust_forwarded_for: bool,
    /// Name of the deployment's region (shown in the header), e.g. "Kota Cilegon".
    pub site_name: String,
    /// The WhatsApp tip-line (Business Cloud API); off when not set.
    pub whatsapp: Option<WhatsAppConfig>,
    /// The Telegram tip-line bot; off when not set.
    pub telegram: Option<TelegramConfig>,
}

/// The WhatsApp Business Cloud API, as Meta's app dashboard gives it.
#[derive(Debug, Clone)]
pub struct WhatsAppConfig {
    /// The app secret: signs every webhook delivery (`X-Hub-Signature-256`).
    pub app_secret: Secret,
    /// What Meta sends back when the webhook is registered (`hub.verify_token`).
    pub verify_token: Secret,
    /// The access token used to send replies.
    pub access_token: Secret,
    /// The sending phone number's id.
    pub phone_number_id: String,
    /// Where the Graph API is (`https://graph.facebook.com/v21.0`; tests use a local fake).
    pub api_base: String,
    /// An approved template for verdicts (Meta allows free text only within 24 hours of the
    /// tipster's last message). Body variables: {{1}} ticket code, {{2}} verdict and title,
    /// {{3}} link.
    pub template: Option<String>,
}

/// A Telegram bot.
#[derive(Debug, Clone)]
pub struct TelegramConfig {
    pub bot_token: Secret,
    /// The `secret_token` given to `setWebhook`; Telegram sends it in every delivery.
    pub webhook_secret: Secret,
    /// Where the Bot API is (`https://api.telegram.org`; tests use a local fake).
    pub api_base: String,
}

impl Config {
    /// Defaults for a data directory: SQLite inside it, local address.
    pub fn for_data_dir(data_dir: PathBuf) -> Config {
        let db = data_dir.join("simpul.db");
        Config {
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: Secret::new(format!("sqlite://{}", db.display())),
            data_dir,
            base_url: url::Url::parse("http://127.0.0.1:8080").expect("valid url"),
            smtp: None,
            mail_from: "Simpul <noreply@simpul.invalid>".into(),
            hash_strength: HashStrength::Strong,
            max_body_bytes: 2 * 1024 * 1024,
            max_upload_bytes: 10 * 1024 * 1024,
            search_cache: 2_000,
            site_name: "Simpul".into(),
            trust_forwarded_for: false,
            metrics_token: None,
            whatsapp: None,
            telegram: None,
        }
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    pub fn is_sqlite(&self) -> bool {
        !self.database_url.expose().starts_with("postgres")
    }

    /// Whether cookies must be marked `Secure`.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// The origin (`scheme://host[:port]`) browsers send in `Origin` for our own forms.
    pub fn origin(&self) -> String {
        self.base_url.origin().ascii_serialization()
    }

    /// An absolute link for `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.as_str().trim_end_matches('/'), path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let mut c = Config::for_data_dir("d".into());
        c.database_url = Secret::new("postgres://u:hunter2@db/simpul");
        c.smtp = Some(SmtpConfig {
            host: "smtp".into(),
            port: 587,
            username: Some("u".into()),
            password: Some(Secret::new("pa55")),
            tls: false,
            starttls: true,
        });
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("hunter2") && !dbg.contains("pa55"), "{dbg}");
    }

    #[test]
    fn links_and_origin() {
        let mut c = Config::for_data_dir("d".into());
        c.base_url = url::Url::parse("https://kim.cilegon.go.id/").unwrap();
        assert_eq!(c.link("/kim"), "https://kim.cilegon.go.id/kim");
        assert_eq!(c.origin(), "https://kim.cilegon.go.id");
        assert!(c.secure_cookies());
    }
}
