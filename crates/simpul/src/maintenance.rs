//! Housekeeping that keeps personal data no longer than needed (UU PDP 27/2022): expired
//! sessions and links, old sign-in attempts, finished jobs (their mail bodies) and old mails
//! in the local outbox, tipsters' contacts whose rumour was never answered, handled chat message
//! ids. Runs every ten minutes in `serve`.

use std::{sync::Arc, time::Duration};

use crate::{
    app::App,
    features::{accounts, factcheck},
    infra::{jobs, mail, outbox},
};

/// Finished jobs and outbox mails are kept this long (for support questions), then removed.
pub const KEEP_DAYS: i64 = 7;

/// One pass; returns how many rows and files were removed.
pub async fn run_once(app: &App) -> anyhow::Result<u64> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let mut n = accounts::repo::purge_expired(&mut tx, now).await?;
    n += jobs::purge_done(&mut tx, now.plus_days(-KEEP_DAYS)).await?;
    n += outbox::purge(&mut tx, now.plus_days(-1)).await?;
    n += factcheck::repo::forget_contacts(&mut tx, now.plus_days(-factcheck::service::CONTACT_DAYS)).await?;
    n += factcheck::repo::purge_chat_inbox(&mut tx, now.plus_days(-KEEP_DAYS)).await?;
    tx.commit().await?;
    if let Some(dir) = app.mailer.outbox_dir().cloned() {
        let cutoff = now.plus_days(-KEEP_DAYS);
        n += tokio::task::spawn_blocking(move || mail::prune_outbox(&dir, cutoff)).await?;
    }
    Ok(n)
}

/// Runs [`run_once`] every ten minutes until the process stops.
pub async fn run_forever(app: Arc<App>) {
    loop {
        match run_once(&app).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "housekeeping"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "housekeeping"),
        }
        tokio::time::sleep(Duration::from_secs(600)).await;
    }
}
