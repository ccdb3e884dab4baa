//! `simpul serve`: migrate, print the setup link when there is no administrator, run the
//! background work the capabilities registered and the HTTP server until Ctrl-C.

use std::{process::ExitCode, sync::Arc};

use super::ServeArgs;
use crate::{
    app::{App, AppState},
    config::Config,
    features::accounts,
    infra::{clock::Clock, db::ConnectOptions},
    registry,
};

pub async fn run(config: Config, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let app = App::start(config, Clock::System, ConnectOptions::default()).await?;
    if args.demo {
        crate::demo::load_if_empty(&app).await?;
    }
    if accounts::needs_setup(&app).await? {
        let link = accounts::create_setup_link(&app).await?;
        println!("\nNo administrator yet. Open this one-time link to create the first one:\n\n    {link}\n");
    }
    let listener = tokio::net::TcpListener::bind(app.config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", app.config.listen))?;
    tracing::info!(address = %app.config.listen, base_url = %app.config.base_url, "Simpul is listening");
    let app = Arc::new(app);
    // The job workers and every task the capabilities registered (deadlines, the search
    // index, the change outbox, housekeeping, …).
    registry::start_background(&app);
    let router = crate::web::router(AppState(app.clone()));
    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    tracing::info!("shutting down");
    registry::shut_down(&app).await;
    app.db.close().await;
    Ok(ExitCode::SUCCESS)
}
