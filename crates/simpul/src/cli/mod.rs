//! Command-line interface: `serve`, `migrate`, `user create`, `token create`,
//! `regions import`, `import`, `reindex`, `eval`, `backup`, `restore`. Every setting of [`Config`]
//! (`--data-dir`, `--database-url`, `--base-url`, `--timezone`, …) works with every command,
//! before or after its arguments.

mod backup;
mod eval;
mod serve;

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};

use crate::{
    app::App,
    config::Config,
    domain::access::Actor,
    features::{regions, tokens, users},
    infra::{clock::Clock, db::ConnectOptions},
};

#[derive(Parser)]
#[command(name = "simpul", version, about = "Simpul — platform Kelompok Informasi Masyarakat")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Start the web server (and the background jobs).
    Serve(ServeArgs),
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
    /// Copy the whole deployment — the database and every file in the object store — into a
    /// new folder, while the server runs (PostgreSQL through `pg_dump`).
    Backup {
        /// The folder to create.
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup folder into an empty deployment (a new data folder, or an empty
    /// PostgreSQL database and object store), checking every file and table against it.
    Restore {
        /// The folder `simpul backup` wrote.
        #[arg(long)]
        from: PathBuf,
    },
}

/// What only `serve` takes; every other setting is in [`Config`].
#[derive(Args)]
pub struct ServeArgs {
    /// On an empty data folder, load Kota Cilegon and sample data.
    #[arg(long)]
    pub demo: bool,
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
    let serving = matches!(cli.command, Command::Serve(_));
    let config = cli.config.resolve(serving)?;
    match cli.command {
        Command::Serve(args) => serve::run(config, args).await,
        Command::Migrate => {
            let app = open(config).await?;
            println!("database schema is up to date ({} migrations)", app.db.migrate().await?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { out } => backup::backup(config, &out).await,
        Command::Restore { from } => backup::restore(config, &from).await,
        Command::Eval(EvalCommand::Claims { claims, queries }) => eval::claims(&claims, &queries).await,
        Command::Reindex => {
            let mut config = config;
            config.owns_search_index = true;
            let app = open(config).await?;
            let total = crate::features::news::count_published(&app.db).await?;
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles · {elapsed} · {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let started = std::time::Instant::now();
            let progress = bar.clone();
            let n = crate::features::search::rebuild(&app, move |done| progress.set_position(done as u64))
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
            let report = crate::features::news::import_jsonl(&app, &Actor::cli(), &text, |done, _| {
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
            let report = crate::features::factcheck::import_jsonl(&app, &Actor::cli(), &text, |_, _| {})
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
            match regions::import_csv(&app, &Actor::cli(), &data).await {
                Ok(r) => {
                    println!("{} rows: {} regions created, {} already present", r.rows, r.created, r.existing);
                    Ok(ExitCode::SUCCESS)
                }
                Err(regions::ImportError::Rows(errs)) => {
                    for e in &errs {
                        eprintln!("{}:{}: {}", file.display(), e.line, e.message);
                    }
                    eprintln!("nothing imported: {} bad row(s)", errs.len());
                    Ok(ExitCode::from(2))
                }
                Err(regions::ImportError::App(e)) => Err(anyhow::anyhow!("{e}")),
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
            let form = users::StaffForm {
                name,
                email,
                role,
                kim_id: kim.map(|k| k.to_string()).unwrap_or_default(),
                opd_id: opd.map(|o| o.to_string()).unwrap_or_default(),
            };
            match users::create_staff(&app, &Actor::cli(), &form, password).await {
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
            match tokens::create(&app, &Actor::cli(), &tokens::TokenForm { name, scope }).await {
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
