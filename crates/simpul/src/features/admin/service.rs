//! The mail outbox as admins may read it: without the secrets mails carry and without
//! citizens' addresses, and every reading audited.

use crate::{
    app::App,
    domain::access::{Actor, Permission},
    error::AppResult,
    infra::{
        audit::{self, Event},
        mail::{self, OutboxFile},
    },
};

/// The newest mails written to the outbox folder, with every secret in a link masked (private
/// report links, one-click stops, reset and verification links) and the recipient masked on
/// mails to citizens about their reports and tips. The reading is audited.
pub async fn outbox(app: &App, actor: &Actor) -> AppResult<Vec<OutboxFile>> {
    actor.require(Permission::ViewOutbox)?;
    let Some(dir) = app.mailer.outbox_dir().cloned() else { return Ok(Vec::new()) };
    let mails = tokio::task::spawn_blocking(move || mail::list_outbox(&dir, 50)).await.map_err(anyhow::Error::from)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let after = serde_json::json!({ "mails": mails.len() });
    audit::record(&mut tx, actor, now, Event::new("outbox.view", "outbox", 0).after(&after)).await?;
    tx.commit_bookkeeping().await?;
    Ok(mails.into_iter().map(redact).collect())
}

/// Mails to citizens (their reports, their tips) carry links only they should hold.
fn to_citizen(m: &OutboxFile) -> bool {
    m.body.contains("/aspirasi/lacak/") || m.body.contains("/cek-fakta/tiket/")
}

fn redact(mut m: OutboxFile) -> OutboxFile {
    if to_citizen(&m) {
        m.to = mask_address(&m.to);
    }
    m.body = mask_secrets(&m.body);
    m
}

/// `siti.pelapor@example.id` → `s•••@example.id`.
fn mask_address(to: &str) -> String {
    match to.trim_matches(['<', '>']).split_once('@') {
        Some((user, domain)) => format!("{}•••@{domain}", user.chars().next().unwrap_or('•')),
        None => "•••".into(),
    }
}

/// Every run of 16 or more token characters in a link (a key, a token) replaced by `••••`.
fn mask_secrets(body: &str) -> String {
    body.split_inclusive(char::is_whitespace)
        .map(|word| {
            if !word.contains("://") {
                return word.to_owned();
            }
            let mut out = String::with_capacity(word.len());
            let mut run = String::new();
            let flush = |run: &mut String, out: &mut String| {
                out.push_str(if run.len() >= 16 { "••••" } else { run.as_str() });
                run.clear();
            };
            for c in word.chars() {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    run.push(c);
                } else {
                    flush(&mut run, &mut out);
                    out.push(c);
                }
            }
            flush(&mut run, &mut out);
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{mask_address, mask_secrets};

    #[test]
    fn secrets_and_citizens_addresses_are_masked() {
        let body =
            "Tautan: http://127.0.0.1:8080/aspirasi/lacak/RnwGA1GQAxc7RN9hzSjAiK-rPOpoMRev\nlihat /berita/jalan-baru";
        let masked = mask_secrets(body);
        assert!(masked.contains("/aspirasi/lacak/••••") && !masked.contains("RnwGA1GQ"), "{masked}");
        assert!(masked.contains("/berita/jalan-baru"), "ordinary words stay");
        assert_eq!(
            mask_secrets("https://x.id/verifikasi?token=abcdefghijklmnopqrstuvwx"),
            "https://x.id/verifikasi?token=••••"
        );
        assert_eq!(mask_address("siti.pelapor@example.id"), "s•••@example.id");
    }
}
