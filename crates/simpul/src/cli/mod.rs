//! Command-line interface: `serve`, `migrate`, `user create`, `token create`,
//! `regions import`, `backup`. `--data-dir` and `--database-url` work before or after the
//! subcommand.

mod backup;
mod eval;
mod serve;

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};

use crate::{
    app::App,
    config::{Config, Secret, SmtpConfig},
    domain::access::Actor,
    features::{regions, tokens, users},
    infra::{clock::Clock, db::ConnectOptions},
};

#[derive(Parser)]
#[command(name = "simpul", version, about = "Simpul — platform Kelompok Informasi Masyarakat")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Clone)]
pub struct GlobalArgs {
    /// Folder for the SQLite database, the mail outbox and uploads.
    #[arg(long, global = true, env = "SIMPUL_DATA_DIR", default_value = "simpul-data")]
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL; default: SQLite in the data folder.
    #[arg(long, global = true, env = "SIMPUL_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Public address of the site, used in links (setup, password and verification mails).
    /// Default for `serve`: http://<listen>; for other commands: http://127.0.0.1:8080.
    #[arg(long, global = true, env = "SIMPUL_BASE_URL")]
    pub base_url: Option<url::Url>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Start the web server (and the background jobs).
    Serve(Box<ServeArgs>),
    /// Apply database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Manage regions.
    #[command(subcommand)]
    Regions(RegionsCommand),
    /// Import data in bulk.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Rebuild this node's search index from the database (the server also does this by
    /// itself when the index is missing or unreadable).
    Reindex,
    /// Measure a capability on a data set (prints JSON on the last line).
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Copy the SQLite database consistently while the server runs.
    Backup {
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct ServeArgs {
    #[arg(long, env = "SIMPUL_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// On an empty data folder, load Kota Cilegon and sample data.
    #[arg(long)]
    pub demo: bool,
    #[arg(long, env = "SIMPUL_SMTP_HOST")]
    pub smtp_host: Option<String>,
    #[arg(long, env = "SIMPUL_SMTP_PORT", default_value_t = 587)]
    pub smtp_port: u16,
    #[arg(long, env = "SIMPUL_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    #[arg(long, env = "SIMPUL_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// How the SMTP connection is protected.
    #[arg(long, env = "SIMPUL_SMTP_SECURITY", value_enum, default_value_t = SmtpSecurity::Starttls)]
    pub smtp_security: SmtpSecurity,
    #[arg(long, env = "SIMPUL_MAIL_FROM", default_value = "Simpul <noreply@simpul.invalid>")]
    pub mail_from: String,
    /// Bearer token that lets Prometheus on another host read /metrics (default: loopback only).
    #[arg(long, env = "SIMPUL_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Behind a load balancer: take the client address from the last X-Forwarded-For entry
    /// (used for per-address rate limits). Leave off when clients connect directly.
    #[arg(long, env = "SIMPUL_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Name shown in the header, e.g. "KIM Kota Cilegon".
    #[arg(long, env = "SIMPUL_SITE_NAME", default_value = "Simpul KIM")]
    pub site_name: String,
    /// Search answers kept per node until the index changes (0 turns the cache off, e.g. to
    /// benchmark the index itself).
    #[arg(long, env = "SIMPUL_SEARCH_CACHE", default_value_t = 2_000)]
    pub search_cache: usize,
    /// WhatsApp tip-line: the Meta app secret (webhook signatures). All four WhatsApp settings
    /// turn the channel on.
    #[arg(long, env = "SIMPUL_WHATSAPP_APP_SECRET", hide_env_values = true)]
    pub whatsapp_app_secret: Option<String>,
    /// WhatsApp: the verify token typed in Meta's webhook settings.
    #[arg(long, env = "SIMPUL_WHATSAPP_VERIFY_TOKEN", hide_env_values = true)]
    pub whatsapp_verify_token: Option<String>,
    /// WhatsApp: the access token that sends replies.
    #[arg(long, env = "SIMPUL_WHATSAPP_ACCESS_TOKEN", hide_env_values = true)]
    pub whatsapp_access_token: Option<String>,
    /// WhatsApp: the sending number's phone-number id.
    #[arg(long, env = "SIMPUL_WHATSAPP_PHONE_NUMBER_ID")]
    pub whatsapp_phone_number_id: Option<String>,
    /// WhatsApp: an approved message template for verdicts sent more than 24 hours after the
    /// tipster wrote (Meta refuses free text then). Its body takes {{1}} the ticket code, {{2}}
    /// the verdict and title, {{3}} the link; language `id`.
    #[arg(long, env = "SIMPUL_WHATSAPP_TEMPLATE")]
    pub whatsapp_template: Option<String>,
    /// WhatsApp: the Graph API address (a local fake in tests).
    #[arg(long, env = "SIMPUL_WHATSAPP_API_BASE", default_value = "https://graph.facebook.com/v21.0")]
    pub whatsapp_api_base: String,
    /// Telegram tip-line: the bot token from BotFather. With the webhook secret it turns the
    /// channel on.
    #[arg(long, env = "SIMPUL_TELEGRAM_BOT_TOKEN", hide_env_values = true)]
    pub telegram_bot_token: Option<String>,
    /// Telegram: the `secret_token` given to setWebhook.
    #[arg(long, env = "SIMPUL_TELEGRAM_WEBHOOK_SECRET", hide_env_values = true)]
    pub telegram_webhook_secret: Option<String>,
    /// Telegram: the Bot API address (a local fake in tests).
    #[arg(long, env = "SIMPUL_TELEGRAM_API_BASE", default_value = "https://api.telegram.org")]
    pub telegram_api_base: String,
}

impl ServeArgs {
    /// The chat channels that are configured. A channel half set up, or with a blank or short
    /// secret (anyone could then sign a delivery), refuses to start.
    pub fn chat_config(
        &self,
    ) -> anyhow::Result<(Option<crate::config::WhatsAppConfig>, Option<crate::config::TelegramConfig>)> {
        use crate::config::{Secret, TelegramConfig, WhatsAppConfig};
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
                })
            }
            _ => anyhow::bail!("the Telegram tip-line needs both --telegram-bot-token and --telegram-webhook-secret"),
        };
        Ok((whatsapp, telegram))
    }
}

/// SMTP transport security.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpSecurity {
    /// STARTTLS, usually port 587.
    Starttls,
    /// Implicit TLS, usually port 465.
    Tls,
    /// No encryption: only for a relay on the same machine.
    None,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account with a role. Prompts for a password on a terminal, otherwise prints a
    /// link for choosing one.
    Create {
        /// The person's e-mail address (their sign-in name).
        #[arg(long)]
        email: String,
        /// The person's full name, as shown to others and in the audit trail (asked on a
        /// terminal when left out; otherwise the part of the e-mail before the @).
        #[arg(long)]
        name: Option<String>,
        /// admin, redaksi, anggota, petugas_opd or dpo.
        #[arg(long)]
        role: String,
        /// KIM id for redaksi/anggota (default: the city desk).
        #[arg(long)]
        kim: Option<i64>,
        /// OPD id for petugas_opd.
        #[arg(long)]
        opd: Option<i64>,
        /// Print a link instead of asking for a password.
        #[arg(long)]
        reset_link: bool,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Issue a token. The token is printed once, as the last line.
    Create {
        #[arg(long)]
        name: String,
        /// `read` or `write`.
        #[arg(long, default_value = "read")]
        scope: String,
    },
}

#[derive(Subcommand)]
pub enum EvalCommand {
    /// The claim matcher: claims (`id`, `claim`) and queries (`query`, `expect`) as JSON Lines.
    Claims {
        #[arg(long)]
        claims: PathBuf,
        #[arg(long)]
        queries: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Published articles from JSON Lines (`slug,title,category,tags,published_at,body_markdown`);
    /// articles whose slug exists are left as they are.
    Articles { file: PathBuf },
    /// Published clarifications (fact checks) from JSON Lines (`verdict`, `claim`; optional
    /// `title`, `summary`, `body`, `sources`, `appearance_url`, `first_appearance`).
    Clarifications { file: PathBuf },
}

#[derive(Subcommand)]
pub enum RegionsCommand {
    /// Load kota/kecamatan/kelurahan from a CSV file (`kota,kecamatan,kelurahan`).
    Import { file: PathBuf },
}

impl GlobalArgs {
    /// The configuration for commands other than `serve`.
    pub fn config(&self) -> Config {
        let mut c = Config::for_data_dir(self.data_dir.clone());
        if let Some(u) = &self.database_url {
            c.database_url = Secret::new(u.clone());
        }
        if let Some(u) = &self.base_url {
            c.base_url = u.clone();
        }
        c
    }
}

async fn open(config: Config) -> anyhow::Result<App> {
    let db_file = config.data_dir.join("simpul.db");
    if config.is_sqlite() && !db_file.exists() {
        let shown = std::path::absolute(&db_file).unwrap_or(db_file);
        eprintln!(
            "note: no database at {}; creating a new, empty one. To work on an existing \
             deployment, run from its folder or pass the same --data-dir as `simpul serve`.",
            shown.display()
        );
    }
    App::start(config, Clock::System, ConnectOptions::default()).await
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = cli.global.config();
    match cli.command {
        Command::Serve(args) => serve::run(config, cli.global.base_url.is_some(), *args).await,
        Command::Migrate => {
            let app = open(config).await?;
            println!("database schema is up to date ({} migrations)", app.db.migrate().await?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { out } => backup::run(config, &out).await,
        Command::Eval(EvalCommand::Claims { claims, queries }) => eval::claims(&claims, &queries).await,
        Command::Reindex => {
            let app = open(config).await?;
            let total = crate::features::news::repo::count_published(&app.db).await?;
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles · {elapsed} · {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let started = std::time::Instant::now();
            let progress = bar.clone();
            let n = crate::features::search::service::rebuild(&app, move |done| progress.set_position(done as u64))
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "cannot rebuild the search index in {}: {e} (a running server keeps it current by itself)",
                        app.search.dir().display()
                    )
                })?;
            bar.finish_and_clear();
            println!("{n} articles indexed ({:.1} s)", started.elapsed().as_secs_f64());
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(ImportCommand::Articles { file }) => {
            let text =
                std::fs::read_to_string(&file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let app = open(config).await?;
            let bar = indicatif::ProgressBar::new(text.lines().count() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} lines · {elapsed} · {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let started = std::time::Instant::now();
            let report = crate::features::news::import::import_jsonl(&app, &Actor::cli(), &text, |done, _| {
                bar.set_position(done as u64)
            })
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            bar.finish_and_clear();
            for (line, why) in &report.skipped {
                eprintln!("{}:{line}: {why}", file.display());
            }
            println!(
                "{} articles imported, {} already present, {} lines skipped ({:.1} s)",
                report.imported,
                report.existing,
                report.skipped.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(ImportCommand::Clarifications { file }) => {
            let text =
                std::fs::read_to_string(&file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let app = open(config).await?;
            let started = std::time::Instant::now();
            let report = crate::features::factcheck::import::import_jsonl(&app, &Actor::cli(), &text, |_, _| {})
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            for (line, why) in &report.skipped {
                eprintln!("{}:{line}: {why}", file.display());
            }
            println!(
                "{} clarifications imported, {} lines skipped ({:.1} s)",
                report.imported.len(),
                report.skipped.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Regions(RegionsCommand::Import { file }) => {
            let data = std::fs::read(&file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let app = open(config).await?;
            match regions::service::import_csv(&app, &Actor::cli(), &data).await {
                Ok(r) => {
                    println!("{} rows: {} regions created, {} already present", r.rows, r.created, r.existing);
                    Ok(ExitCode::SUCCESS)
                }
                Err(regions::service::ImportError::Rows(errs)) => {
                    for e in &errs {
                        eprintln!("{}:{}: {}", file.display(), e.line, e.message);
                    }
                    eprintln!("nothing imported: {} bad row(s)", errs.len());
                    Ok(ExitCode::from(2))
                }
                Err(regions::service::ImportError::App(e)) => Err(anyhow::anyhow!("{e}")),
            }
        }
        Command::User(UserCommand::Create { email, name, role, kim, opd, reset_link }) => {
            let app = open(config).await?;
            let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
            let fallback_name = email.split('@').next().unwrap_or_default().to_owned();
            let name = match name {
                Some(n) => n,
                None if interactive => {
                    eprint!("Name [{fallback_name}]: ");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    if line.trim().is_empty() { fallback_name } else { line.trim().to_owned() }
                }
                None => fallback_name,
            };
            let password = if !reset_link && interactive {
                let p = rpassword::prompt_password("Password: ")?;
                let again = rpassword::prompt_password("Password (again): ")?;
                anyhow::ensure!(p == again, "the passwords differ");
                Some(p)
            } else {
                None
            };
            let form = users::service::StaffForm {
                name,
                email,
                role,
                kim_id: kim.map(|k| k.to_string()).unwrap_or_default(),
                opd_id: opd.map(|o| o.to_string()).unwrap_or_default(),
            };
            match users::service::create_staff(&app, &Actor::cli(), &form, password).await {
                Ok(outcome) if outcome.created => {
                    println!("account #{} created", outcome.user_id);
                    if let Some(l) = outcome.password_link {
                        println!("link for choosing a password (valid 60 minutes, also e-mailed):\n{l}");
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Ok(outcome) => {
                    println!("existing account #{}: role added", outcome.user_id);
                    Ok(ExitCode::SUCCESS)
                }
                Err(crate::error::AppError::Validation(errs)) => {
                    for e in errs.0 {
                        eprintln!("{}: {}", e.field, crate::infra::i18n::Lang::En.t(&e.code));
                    }
                    Ok(ExitCode::from(2))
                }
                Err(e) => Err(anyhow::anyhow!("{e}")),
            }
        }
        Command::Token(TokenCommand::Create { name, scope }) => {
            let app = open(config).await?;
            match tokens::service::create(&app, &Actor::cli(), &tokens::service::TokenForm { name, scope }).await {
                Ok(secret) => {
                    eprintln!("token created; it is shown only once:");
                    println!("{secret}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(crate::error::AppError::Validation(errs)) => {
                    for e in errs.0 {
                        eprintln!("{}: {}", e.field, crate::infra::i18n::Lang::En.t(&e.code));
                    }
                    Ok(ExitCode::from(2))
                }
                Err(e) => Err(anyhow::anyhow!("{e}")),
            }
        }
    }
}

/// SMTP settings from `serve` flags.
pub(crate) fn smtp_config(a: &ServeArgs) -> Option<SmtpConfig> {
    let host = a.smtp_host.clone()?;
    Some(SmtpConfig {
        host,
        port: a.smtp_port,
        username: a.smtp_username.clone(),
        password: a.smtp_password.clone().map(Secret::new),
        tls: a.smtp_security == SmtpSecurity::Tls,
        starttls: a.smtp_security == SmtpSecurity::Starttls,
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::{Cli, Command};

    fn chat(args: &[&str]) -> anyhow::Result<(bool, bool)> {
        let mut all = vec!["simpul", "serve"];
        all.extend_from_slice(args);
        let Command::Serve(serve) = Cli::try_parse_from(all).expect("parses").command else { panic!("serve") };
        serve.chat_config().map(|(w, t)| (w.is_some(), t.is_some()))
    }

    #[test]
    fn chat_channels_need_every_secret_and_real_ones() {
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
