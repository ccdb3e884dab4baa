//! `simpul serve`: migrate, print the setup link when there is no administrator, run the
//! job worker and the HTTP server until Ctrl-C.

use std::{process::ExitCode, sync::Arc};

use super::{ServeArgs, smtp_config};
use crate::{
    app::{App, AppState},
    config::Config,
    features::accounts,
    infra::{clock::Clock, db::ConnectOptions, jobs},
};

pub async fn run(mut config: Config, base_url_given: bool, args: ServeArgs) -> anyhow::Result<ExitCode> {
    config.listen = args.listen;
    if !base_url_given {
        config.base_url = if args.listen.ip().is_unspecified() {
            // Listening on every interface: links must name a real address, so use loopback and
            // ask for --base-url (forms posted from another origin are refused).
            eprintln!(
                "warning: --listen {} without --base-url; links will use 127.0.0.1. Set --base-url to the public address.",
                args.listen
            );
            url::Url::parse(&format!("http://127.0.0.1:{}", args.listen.port()))?
        } else {
            url::Url::parse(&format!("http://{}", args.listen))?
        };
    }
    config.trust_forwarded_for = args.trust_forwarded_for;
    config.search_cache = args.search_cache;
    config.metrics_token = args.metrics_token.clone().map(crate::config::Secret::new);
    config.smtp = smtp_config(&args);
    config.mail_from = args.mail_from.clone();
    config.site_name = args.site_name.clone();
    (config.whatsapp, config.telegram) = args.chat_config()?;
    let app = App::start(config, Clock::System, ConnectOptions::default()).await?;
    if args.demo {
        crate::demo::load_if_empty(&app).await?;
    }
    if accounts::service::needs_setup(&app).await? {
        let link = accounts::service::create_setup_link(&app).await?;
        println!("\nNo administrator yet. Open this one-time link to create the first one:\n\n    {link}\n");
    }
    let listener = tokio::net::TcpListener::bind(app.config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", app.config.listen))?;
    tracing::info!(address = %app.config.listen, base_url = %app.config.base_url, "Simpul is listening");
    let app = Arc::new(app);
    // Several workers, so a slow chat API or mail server does not hold the rest of the queue
    // (claims are atomic: each job runs once).
    for _ in 0..jobs::WORKERS {
        tokio::spawn(jobs::worker(app.clone()));
    }
    tokio::spawn(crate::maintenance::run_forever(app.clone()));
    tokio::spawn(crate::features::aspirations::workflow::sweep_forever(app.clone()));
    tokio::spawn(crate::infra::outbox::follow(app.clone()));
    tokio::spawn(crate::features::factcheck::service::follow(app.clone()));
    tokio::spawn(crate::features::search::service::follow(app.clone()));
    tokio::spawn(crate::features::news::views::flush_forever(app.clone()));
    let router = crate::web::router(AppState(app.clone()));
    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    tracing::info!("shutting down");
    if let Err(e) = crate::features::news::views::flush(&app).await {
        tracing::error!(error = %e, "writing article views");
    }
    app.db.close().await;
    Ok(ExitCode::SUCCESS)
}
