//! `simpul serve`: migrate, print the setup link when there is no administrator, run the
//! job worker and the HTTP server until Ctrl-C.

use std::{process::ExitCode, sync::Arc};

use super::ServeArgs;
use crate::{
    app::{App, AppState},
    config::Config,
    features::accounts,
    infra::{clock::Clock, db::ConnectOptions, jobs},
};

pub async fn run(config: Config, args: ServeArgs) -> anyhow::Result<ExitCode> {
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
