//! Run-time configuration: one [`Config`] that clap fills from flags and `SIMPUL_*` environment
//! variables, with its defaults declared once, on the fields. Every command takes every setting
//! (a `simpul user create` mails links with the same `--base-url` as `serve`). Secrets are wrapped
//! in [`Secret`], whose `Debug` never shows them, so they cannot reach the logs.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, CommandFactory, FromArgMatches};

use crate::{domain::time::Zone, infra::crypto::HashStrength};

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

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Secret, Self::Err> {
        Ok(Secret::new(s))
    }
}

/// SMTP transport security.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpSecurity {
    /// STARTTLS, usually port 587.
    Starttls,
    /// Implicit TLS, usually port 465.
    Tls,
    /// No encryption: only for a relay on the same machine.
    None,
}

/// SMTP relay settings; without a host, mail is written to the outbox folder.
#[derive(Debug, Clone, Args)]
pub struct SmtpConfig {
    /// SMTP relay host; without it mail is written to `<data-dir>/outbox` and listed at /admin/surel.
    #[arg(id = "smtp_host", long = "smtp-host", env = "SIMPUL_SMTP_HOST", global = true)]
    pub host: Option<String>,
    #[arg(id = "smtp_port", long = "smtp-port", env = "SIMPUL_SMTP_PORT", default_value_t = 587, global = true)]
    pub port: u16,
    #[arg(id = "smtp_username", long = "smtp-username", env = "SIMPUL_SMTP_USERNAME", global = true)]
    pub username: Option<String>,
    #[arg(
        id = "smtp_password",
        long = "smtp-password",
        env = "SIMPUL_SMTP_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub password: Option<Secret>,
    /// How the SMTP connection is protected.
    #[arg(
        id = "smtp_security",
        long = "smtp-security",
        env = "SIMPUL_SMTP_SECURITY",
        value_enum,
        default_value_t = SmtpSecurity::Starttls,
        global = true
    )]
    pub security: SmtpSecurity,
}

/// The chat channels' settings as given; [`Config::resolve`] checks them into
/// [`WhatsAppConfig`] and [`TelegramConfig`].
#[derive(Debug, Clone, Default, Args)]
pub struct ChatArgs {
    /// WhatsApp tip-line: the Meta app secret (webhook signatures). All four WhatsApp settings
    /// turn the channel on.
    #[arg(long, env = "SIMPUL_WHATSAPP_APP_SECRET", hide_env_values = true, global = true)]
    pub whatsapp_app_secret: Option<String>,
    /// WhatsApp: the verify token typed in Meta's webhook settings.
    #[arg(long, env = "SIMPUL_WHATSAPP_VERIFY_TOKEN", hide_env_values = true, global = true)]
    pub whatsapp_verify_token: Option<String>,
    /// WhatsApp: the access token that sends replies.
    #[arg(long, env = "SIMPUL_WHATSAPP_ACCESS_TOKEN", hide_env_values = true, global = true)]
    pub whatsapp_access_token: Option<String>,
    /// WhatsApp: the sending number's phone-number id.
    #[arg(long, env = "SIMPUL_WHATSAPP_PHONE_NUMBER_ID", global = true)]
    pub whatsapp_phone_number_id: Option<String>,
    /// WhatsApp: an approved message template for verdicts sent more than 24 hours after the
    /// tipster wrote (Meta refuses free text then). Its body takes {{1}} the ticket code, {{2}}
    /// the verdict and title, {{3}} the link; language `id`.
    #[arg(long, env = "SIMPUL_WHATSAPP_TEMPLATE", global = true)]
    pub whatsapp_template: Option<String>,
    /// WhatsApp: the city's number as citizens dial it (international digits, `6281234567890`),
    /// for the "Kabari saya lewat WhatsApp" link on a report. Without it reports offer no
    /// WhatsApp link.
    #[arg(long, env = "SIMPUL_WHATSAPP_NUMBER", global = true)]
    pub whatsapp_number: Option<String>,
    /// WhatsApp: an approved template for report notices (Meta refuses free text more than 24
    /// hours after the citizen last wrote). Body: {{1}} report code, {{2}} what happened,
    /// {{3}} the private link; language `id`; its fixed text should end with "Balas BERHENTI
    /// untuk berhenti." (the opt-out every message carries). Without it notices go as text.
    #[arg(long, env = "SIMPUL_WHATSAPP_REPORT_TEMPLATE", global = true)]
    pub whatsapp_report_template: Option<String>,
    /// WhatsApp: the Graph API address (a local fake in tests).
    #[arg(long, env = "SIMPUL_WHATSAPP_API_BASE", default_value = "https://graph.facebook.com/v21.0", global = true)]
    pub whatsapp_api_base: String,
    /// Telegram tip-line: the bot token from BotFather. With the webhook secret it turns the
    /// channel on.
    #[arg(long, env = "SIMPUL_TELEGRAM_BOT_TOKEN", hide_env_values = true, global = true)]
    pub telegram_bot_token: Option<String>,
    /// Telegram: the `secret_token` given to setWebhook.
    #[arg(long, env = "SIMPUL_TELEGRAM_WEBHOOK_SECRET", hide_env_values = true, global = true)]
    pub telegram_webhook_secret: Option<String>,
    /// Telegram: the bot's username (without @), for the "Kabari saya lewat Telegram" link on a
    /// report. Without it reports offer no Telegram link.
    #[arg(long, env = "SIMPUL_TELEGRAM_BOT_USERNAME", global = true)]
    pub telegram_bot_username: Option<String>,
    /// Telegram: the Bot API address (a local fake in tests).
    #[arg(long, env = "SIMPUL_TELEGRAM_API_BASE", default_value = "https://api.telegram.org", global = true)]
    pub telegram_api_base: String,
}

/// Everything the server and the commands need to know at start.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port `serve` listens on.
    #[arg(long, env = "SIMPUL_LISTEN", default_value = "127.0.0.1:8080", global = true)]
    pub listen: SocketAddr,
    /// Folder for the SQLite database, the mail outbox, uploads and the search index.
    #[arg(long, env = "SIMPUL_DATA_DIR", default_value = "simpul-data", global = true)]
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL; default: SQLite in the data folder.
    #[arg(
        id = "database_url",
        long = "database-url",
        env = "SIMPUL_DATABASE_URL",
        hide_env_values = true,
        global = true
    )]
    database_url_given: Option<Secret>,
    /// Where uploaded files live: `s3://BUCKET[/prefix]` for an S3-compatible store shared by
    /// several nodes (credentials, region and endpoint from the standard `AWS_*` variables:
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT_URL`,
    /// `AWS_ALLOW_HTTP=true` for a local endpoint), or `file:///path`; default: `media/` in the
    /// data folder.
    #[arg(long, env = "SIMPUL_OBJECT_STORE", global = true)]
    pub object_store: Option<String>,
    /// The database URL (`postgres://…` or `sqlite://…`); a PostgreSQL URL may carry a
    /// password, so it is secret. Filled by [`Config::resolve`].
    #[arg(skip = Secret::new("sqlite://simpul-data/simpul.db"))]
    pub database_url: Secret,
    /// Public address of the site, used in links (mails, feeds, setup); `https` turns on Secure
    /// cookies. Default for `serve`: http://<listen>; for other commands: http://127.0.0.1:8080.
    #[arg(id = "base_url", long = "base-url", env = "SIMPUL_BASE_URL", global = true)]
    base_url_given: Option<url::Url>,
    /// The public address links use. Filled by [`Config::resolve`].
    #[arg(skip = default_base_url())]
    pub base_url: url::Url,
    /// The deployment's time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura
    /// (WIT). Deadlines count working days there; schedules are typed and shown in it.
    #[arg(long, env = "SIMPUL_TIMEZONE", default_value = "Asia/Jakarta", global = true)]
    pub timezone: Zone,
    #[command(flatten)]
    smtp_given: SmtpConfig,
    /// The SMTP relay, when a host is set. Filled by [`Config::resolve`].
    #[arg(skip)]
    pub smtp: Option<SmtpConfig>,
    #[arg(long, env = "SIMPUL_MAIL_FROM", default_value = "Simpul <noreply@simpul.invalid>", global = true)]
    pub mail_from: String,
    /// Name shown in the header, feeds and certificates, e.g. "KIM Kota Cilegon".
    #[arg(long, env = "SIMPUL_SITE_NAME", default_value = "Simpul KIM", global = true)]
    pub site_name: String,
    /// How long a node holds a background job it took before another node may run it: a
    /// node that died mid-job delays that job by at most this.
    #[arg(long, env = "SIMPUL_JOB_LEASE_SECONDS", default_value_t = 300, value_parser = clap::value_parser!(u32).range(2..=86_400), global = true)]
    pub job_lease_seconds: u32,
    /// Search answers kept per node until the index changes (0 turns the cache off, e.g. to
    /// benchmark the index itself).
    #[arg(long, env = "SIMPUL_SEARCH_CACHE", default_value_t = 2_000, global = true)]
    pub search_cache: usize,
    /// Bearer token that lets Prometheus on another host read /metrics (default: loopback only).
    #[arg(long, env = "SIMPUL_METRICS_TOKEN", hide_env_values = true, global = true)]
    pub metrics_token: Option<Secret>,
    /// Behind a load balancer: take the client address from the last X-Forwarded-For entry
    /// (used for per-address rate limits). Leave off when clients connect directly.
    #[arg(long, env = "SIMPUL_TRUST_FORWARDED_FOR", global = true)]
    pub trust_forwarded_for: bool,
    #[command(flatten)]
    chat: ChatArgs,
    /// The WhatsApp tip-line (Business Cloud API); off when not set. Filled by [`Config::resolve`].
    #[arg(skip)]
    pub whatsapp: Option<WhatsAppConfig>,
    /// The Telegram tip-line bot; off when not set. Filled by [`Config::resolve`].
    #[arg(skip)]
    pub telegram: Option<TelegramConfig>,
    /// Whether this process keeps the search index (`serve`, `reindex`): only such a process
    /// sets a damaged index aside and rebuilds it; other commands never touch it on disk, so a
    /// command run beside a server cannot move the server's index away.
    #[arg(skip)]
    pub owns_search_index: bool,
    /// How hard passwords are hashed (tests use a fast setting).
    #[arg(skip = HashStrength::Strong)]
    pub hash_strength: HashStrength,
    /// Largest accepted request body for forms and JSON.
    #[arg(skip = 2_usize * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Largest accepted image upload.
    #[arg(skip = 10_usize * 1024 * 1024)]
    pub max_upload_bytes: usize,
}

fn default_base_url() -> url::Url {
    url::Url::parse("http://127.0.0.1:8080").expect("valid url")
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
    /// The number citizens write to (digits), for `wa.me` links; none: no link is offered.
    pub number: Option<String>,
    /// An approved template for report notices: {{1}} code, {{2}} what happened, {{3}} link.
    pub report_template: Option<String>,
}

/// A Telegram bot.
#[derive(Debug, Clone)]
pub struct TelegramConfig {
    pub bot_token: Secret,
    /// The `secret_token` given to `setWebhook`; Telegram sends it in every delivery.
    pub webhook_secret: Secret,
    /// Where the Bot API is (`https://api.telegram.org`; tests use a local fake).
    pub api_base: String,
    /// The bot's username, for `t.me` links; none: no link is offered.
    pub username: Option<String>,
}

/// For `Config::default`: the same command line with no flags and no environment.
#[derive(clap::Parser)]
struct Bare {
    #[command(flatten)]
    config: Config,
}

impl Default for Config {
    /// The defaults declared on the fields, ignoring `SIMPUL_*` variables, resolved.
    fn default() -> Config {
        let cmd = Bare::command().mut_args(|a| a.env(None::<&str>));
        let matches = cmd.try_get_matches_from(["simpul"]).expect("the defaults parse");
        let bare = Bare::from_arg_matches(&matches).expect("the defaults are valid");
        bare.config.resolve(false).expect("the defaults resolve")
    }
}

impl Config {
    /// Defaults for a data directory: SQLite inside it, local address.
    pub fn for_data_dir(data_dir: PathBuf) -> Config {
        let mut c = Config { data_dir, owns_search_index: true, ..Config::default() };
        c.database_url = c.default_database_url();
        c
    }

    fn default_database_url(&self) -> Secret {
        Secret::new(format!("sqlite://{}", self.data_dir.join("simpul.db").display()))
    }

    /// Checks the settings as given and fills the derived ones (database URL, public address,
    /// SMTP relay, chat channels). A chat channel half set up, or with a blank or short secret
    /// (anyone could then sign a delivery), is refused. `serving`: links default to the
    /// listening address instead of 127.0.0.1:8080.
    pub fn resolve(mut self, serving: bool) -> anyhow::Result<Config> {
        self.owns_search_index |= serving;
        self.database_url = match &self.database_url_given {
            Some(u) => u.clone(),
            None => self.default_database_url(),
        };
        self.base_url = match (&self.base_url_given, serving) {
            (Some(u), _) => u.clone(),
            (None, false) => default_base_url(),
            (None, true) if self.listen.ip().is_unspecified() => {
                // Listening on every interface: links must name a real address, so use loopback
                // and ask for --base-url (forms posted from another origin are refused).
                eprintln!(
                    "warning: --listen {} without --base-url; links will use 127.0.0.1. Set --base-url to the public address.",
                    self.listen
                );
                url::Url::parse(&format!("http://127.0.0.1:{}", self.listen.port()))?
            }
            (None, true) => url::Url::parse(&format!("http://{}", self.listen))?,
        };
        self.smtp = self.smtp_given.host.is_some().then(|| self.smtp_given.clone());
        // Only the server talks to the chat APIs: a half-configured channel in the environment
        // must not stop `migrate` or `user create`.
        if serving {
            (self.whatsapp, self.telegram) = self.chat.resolve()?;
        }
        Ok(self)
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

impl SmtpConfig {
    /// Implicit TLS (port 465).
    pub fn tls(&self) -> bool {
        self.security == SmtpSecurity::Tls
    }

    /// STARTTLS (port 587).
    pub fn starttls(&self) -> bool {
        self.security == SmtpSecurity::Starttls
    }
}

impl ChatArgs {
    fn resolve(&self) -> anyhow::Result<(Option<WhatsAppConfig>, Option<TelegramConfig>)> {
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let wa = [
            given(&self.whatsapp_app_secret),
            given(&self.whatsapp_verify_token),
            given(&self.whatsapp_access_token),
            given(&self.whatsapp_phone_number_id),
        ];
        let whatsapp = match wa {
            [None, None, None, None] => None,
            [Some(secret), Some(verify), Some(access), Some(phone)] => {
                anyhow::ensure!(
                    secret.len() >= 16,
                    "--whatsapp-app-secret looks wrong: Meta's app secrets are 32 characters"
                );
                anyhow::ensure!(verify.len() >= 8, "--whatsapp-verify-token must be at least 8 characters");
                Some(WhatsAppConfig {
                    app_secret: Secret::new(secret),
                    verify_token: Secret::new(verify),
                    access_token: Secret::new(access),
                    phone_number_id: phone,
                    api_base: self.whatsapp_api_base.trim_end_matches('/').to_owned(),
                    template: given(&self.whatsapp_template),
                    number: match given(&self.whatsapp_number) {
                        Some(n) => {
                            let digits: String = n.chars().filter(|c| !matches!(c, '+' | ' ' | '-')).collect();
                            anyhow::ensure!(
                                (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()),
                                "--whatsapp-number must be the number in international form, e.g. 6281234567890"
                            );
                            Some(digits)
                        }
                        None => None,
                    },
                    report_template: given(&self.whatsapp_report_template),
                })
            }
            _ => anyhow::bail!(
                "the WhatsApp tip-line needs all of --whatsapp-app-secret, --whatsapp-verify-token, \
                 --whatsapp-access-token and --whatsapp-phone-number-id"
            ),
        };
        let telegram = match (given(&self.telegram_bot_token), given(&self.telegram_webhook_secret)) {
            (None, None) => None,
            (Some(token), Some(secret)) => {
                let ok = (16..=256).contains(&secret.len())
                    && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                anyhow::ensure!(ok, "--telegram-webhook-secret must be 16 to 256 letters, digits, _ or -");
                Some(TelegramConfig {
                    bot_token: Secret::new(token),
                    webhook_secret: Secret::new(secret),
                    api_base: self.telegram_api_base.trim_end_matches('/').to_owned(),
                    username: match given(&self.telegram_bot_username) {
                        Some(u) => {
                            let u = u.trim_start_matches('@').to_owned();
                            anyhow::ensure!(
                                (5..=32).contains(&u.len())
                                    && u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                                "--telegram-bot-username must be the bot's username, e.g. kim_cilegon_bot"
                            );
                            Some(u)
                        }
                        None => None,
                    },
                })
            }
            _ => anyhow::bail!("the Telegram tip-line needs both --telegram-bot-token and --telegram-webhook-secret"),
        };
        Ok((whatsapp, telegram))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Config> {
        let mut all = vec!["simpul"];
        all.extend_from_slice(args);
        let cmd = Bare::command().mut_args(|a| a.env(None::<&str>));
        let m = cmd.try_get_matches_from(all)?;
        Bare::from_arg_matches(&m)?.config.resolve(true)
    }

    #[test]
    fn secrets_never_print() {
        let mut c = Config::for_data_dir("d".into());
        c.database_url = Secret::new("postgres://u:hunter2@db/simpul");
        c.smtp = Some(SmtpConfig {
            host: Some("smtp".into()),
            port: 587,
            username: Some("u".into()),
            password: Some(Secret::new("pa55")),
            security: SmtpSecurity::Starttls,
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

    #[test]
    fn one_set_of_defaults() {
        let c = Config::default();
        assert_eq!(c.site_name, "Simpul KIM");
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.timezone.abbreviation(), "WIB");
        assert_eq!(c.database_url.expose(), "sqlite://simpul-data/simpul.db");
        assert!(c.smtp.is_none() && c.whatsapp.is_none() && c.telegram.is_none());
        let served = parse(&["--listen", "127.0.0.1:9000", "--timezone", "Asia/Makassar"]).unwrap();
        assert_eq!(served.base_url.as_str(), "http://127.0.0.1:9000/");
        assert_eq!(served.timezone.abbreviation(), "WITA");
        assert!(parse(&["--timezone", "Mars/Olympus"]).is_err());
        let mailed = parse(&["--smtp-host", "relay", "--smtp-security", "tls"]).unwrap();
        assert!(mailed.smtp.as_ref().is_some_and(|s| s.tls() && !s.starttls()));
    }

    #[test]
    fn chat_channels_need_every_secret_and_real_ones() {
        let chat = |args: &[&str]| parse(args).map(|c| (c.whatsapp.is_some(), c.telegram.is_some()));
        assert_eq!(chat(&[]).unwrap(), (false, false));
        let secret = "abcdefghijklmnop-_0123";
        assert_eq!(chat(&["--telegram-bot-token", "1:A", "--telegram-webhook-secret", secret]).unwrap(), (false, true));
        // Blank, short or odd secrets would let anyone sign a delivery: refused at start.
        assert!(chat(&["--telegram-bot-token", "1:A", "--telegram-webhook-secret", ""]).is_err());
        assert!(chat(&["--telegram-bot-token", "1:A", "--telegram-webhook-secret", "pendek"]).is_err());
        assert!(
            chat(&["--telegram-bot-token", "1:A", "--telegram-webhook-secret", "spasi di dalam rahasia ini"]).is_err()
        );
        assert!(chat(&["--telegram-bot-token", "1:A"]).is_err());
        let wa = ["--whatsapp-app-secret", "0123456789abcdef0123", "--whatsapp-verify-token", "verifikasi"];
        assert!(chat(&wa).is_err(), "half a WhatsApp set-up");
        let mut full = wa.to_vec();
        full.extend_from_slice(&["--whatsapp-access-token", "EAAG", "--whatsapp-phone-number-id", "1055"]);
        assert_eq!(chat(&full).unwrap(), (true, false));
        full[1] = "pendek";
        assert!(chat(&full).is_err());
    }
}
