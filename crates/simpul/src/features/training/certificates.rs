//! Certificates: issued when a participant completes a session (attended — and, once sessions
//! carry practice assignments, with the practice accepted), printed as a PDF with the name, the
//! programme, the date, a unique number and a QR code to `/sertifikat/<number>`, where anyone
//! can verify it. Revoking is audited; a revoked certificate verifies as revoked.

use super::repo::{self, Certificate};
use crate::{
    app::App,
    domain::{
        access::Actor,
        access::Permission,
        time::{Timestamp, Zone},
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        crypto,
        db::Tx,
        pdf,
    },
};

/// The reason recorded when a certificate falls because its attendance was withdrawn.
pub const ATTENDANCE_WITHDRAWN: &str = "kehadiran dibatalkan";

/// The completion rule: present at the session, and the practice accepted where there is one.
pub fn complete(attended: bool, practice_required: bool, practice_accepted: bool) -> bool {
    attended && (!practice_required || practice_accepted)
}

/// A new certificate number: `SRT-2026-7K3QX9AB` (random, so numbers cannot be guessed).
fn new_number(year: i32) -> String {
    let tail: String = crypto::random_token(16)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| !matches!(c, 'O' | '0' | 'I' | '1'))
        .take(8)
        .collect();
    format!("SRT-{year}-{tail}")
}

/// Issues the certificate of a registration if the rule is met and none exists yet. Call inside
/// the transaction that recorded the attendance.
pub async fn issue_if_complete(
    tx: &mut Tx,
    registration_id: i64,
    actor: &Actor,
    now: Timestamp,
    zone: &Zone,
) -> AppResult<Option<String>> {
    if let Some(c) = repo::certificate_of_registration(&mut *tx, registration_id).await? {
        // Revoked only because attendance was withdrawn, and attended again: it holds again.
        // A revocation an admin decided stays.
        if c.revoked_at.is_some() && c.revoked_automatically {
            let attended = repo::registration_core(&mut *tx, registration_id).await?.is_some_and(|r| r.2.is_some());
            if attended && repo::restore_certificate(tx, c.id).await? {
                let after = serde_json::json!({ "number": c.number });
                audit::record(
                    tx,
                    actor,
                    now,
                    Event::new("training.certificate.restore", "training_certificate", c.id).after(&after),
                )
                .await?;
                return Ok(Some(c.number));
            }
        }
        return Ok(c.revoked_at.is_none().then_some(c.number));
    }
    let r: Option<(i64, i64, Option<i64>)> = repo::registration_core(&mut *tx, registration_id).await?;
    let Some((session_id, user_id, attended_at)) = r else { return Ok(None) };
    let practice_required = repo::practice_of(&mut *tx, session_id).await?.is_some();
    let practice_accepted =
        practice_required && crate::features::news::practice_published_by(&mut *tx, session_id, user_id).await?;
    if !complete(attended_at.is_some(), practice_required, practice_accepted) {
        return Ok(None);
    }
    let s = repo::session(&mut *tx, session_id).await?.ok_or(AppError::NotFound)?;
    let name = repo::user_name(&mut *tx, user_id).await?.unwrap_or_default();
    let day = Timestamp(s.starts_at).date_in(zone);
    let number = new_number(day.year());
    let id = repo::insert_certificate(
        tx,
        &number,
        registration_id,
        user_id,
        session_id,
        &name,
        &s,
        &day.format_long("id"),
        now,
    )
    .await?;
    let after = serde_json::json!({ "number": number, "session_id": session_id, "user_id": user_id });
    audit::record(tx, actor, now, Event::new("training.certificate.issue", "training_certificate", id).after(&after))
        .await?;
    Ok(Some(number))
}

/// Revokes a certificate (an admin, with a reason); it then verifies as revoked.
pub async fn revoke(app: &App, actor: &Actor, number: &str, reason: &str) -> AppResult<()> {
    actor.require_change(Permission::ManageTraining)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 300 {
        let mut e = crate::domain::validation::FieldErrors::new();
        e.add("reason", if reason.is_empty() { "err-required" } else { "err-too-long" });
        return Err(AppError::Validation(e));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    revoke_in(&mut tx, actor, number, reason, false, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Revokes inside the caller's transaction (also when attendance is withdrawn).
pub async fn revoke_in(
    tx: &mut Tx,
    actor: &Actor,
    number: &str,
    reason: &str,
    automatically: bool,
    now: Timestamp,
) -> AppResult<()> {
    let c = repo::certificate_by_number(&mut *tx, number).await?.ok_or(AppError::NotFound)?;
    if !repo::revoke_certificate(tx, c.id, reason, automatically, now).await? {
        return Err(AppError::Conflict("err-certificate-revoked"));
    }
    let after = serde_json::json!({ "number": number, "reason": reason });
    audit::record(
        tx,
        actor,
        now,
        Event::new("training.certificate.revoke", "training_certificate", c.id).after(&after),
    )
    .await?;
    Ok(())
}

/// A certificate for verification (anyone with the number).
pub async fn verify(app: &App, number: &str) -> AppResult<Option<Certificate>> {
    let number = number.trim().to_ascii_uppercase();
    if number.len() > 40 {
        return Ok(None);
    }
    Ok(repo::certificate_by_number(&app.db, &number).await?)
}

/// The PDF, for its holder or an admin.
pub async fn pdf_for(app: &App, actor: &Actor, number: &str) -> AppResult<Vec<u8>> {
    let c =
        repo::certificate_by_number(&app.db, &number.trim().to_ascii_uppercase()).await?.ok_or(AppError::NotFound)?;
    if actor.user_id != Some(c.user_id) && !actor.can(Permission::ManageTraining) {
        return Err(AppError::Forbidden);
    }
    if c.revoked_at.is_some() {
        return Err(AppError::Conflict("err-certificate-revoked"));
    }
    let url = app.config.link(&format!("/sertifikat/{}", c.number));
    let site = app.site_title();
    tokio::task::spawn_blocking(move || render(&c, &url, &site))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(AppError::from)
}

/// Draws the certificate (A4 landscape).
pub fn render(c: &Certificate, url: &str, site: &str) -> anyhow::Result<Vec<u8>> {
    let mut p = pdf::Page::new(pdf::FONT, pdf::A4_LANDSCAPE)?;
    let width = p.width();
    p.color(0.1, 0.31, 0.55);
    p.frame(24.0, 24.0, width - 48.0, 547.0, 3.0);
    p.frame(32.0, 32.0, width - 64.0, 531.0, 0.8);
    p.centred("SERTIFIKAT", 38.0, 470.0, 700.0);
    p.color(0.15, 0.15, 0.15);
    p.centred("diberikan kepada", 14.0, 430.0, 700.0);
    p.centred(&c.holder_name, 30.0, 385.0, 720.0);
    p.centred("atas keikutsertaannya dalam pelatihan", 14.0, 345.0, 700.0);
    p.color(0.1, 0.31, 0.55);
    p.centred(&c.programme_title, 22.0, 308.0, 720.0);
    p.color(0.15, 0.15, 0.15);
    p.centred(&c.session_date, 13.0, 278.0, 700.0);
    p.centred(&format!("Penyelenggara: {}", c.organiser), 12.0, 256.0, 700.0);
    p.text(&format!("Nomor: {}", c.number), 11.0, 60.0, 110.0);
    p.text("Keaslian sertifikat ini dapat diperiksa di:", 9.0, 60.0, 92.0);
    p.text(url, 9.0, 60.0, 78.0);
    p.text(site, 9.0, 60.0, 60.0);
    let qr = qrcode::QrCode::new(url.as_bytes())?;
    let n = qr.width();
    let colors = qr.to_colors();
    let dark: Vec<Vec<bool>> =
        (0..n).map(|r| (0..n).map(|col| colors[r * n + col] == qrcode::Color::Dark).collect()).collect();
    p.qr(&dark, width - 170.0, 50.0, 110.0);
    Ok(p.finish(&format!("Sertifikat {}", c.number)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_and_the_numbers() {
        assert!(complete(true, false, false));
        assert!(!complete(false, false, false));
        assert!(!complete(true, true, false));
        assert!(complete(true, true, true));
        let n = new_number(2026);
        assert!(n.starts_with("SRT-2026-") && n.len() == 17, "{n}");
        assert_ne!(n, new_number(2026));
    }

    #[test]
    fn a_certificate_draws() {
        let c = Certificate {
            id: 1,
            number: "SRT-2026-ABCDEFGH".into(),
            user_id: 1,
            session_id: 1,
            holder_name: "Ni Luh Putu Ayu Kadék Ma'ruf Al-Ghāzī".into(),
            programme_title: "Menulis Berita untuk Warga".into(),
            session_date: "30 November 2026".into(),
            organiser: "Diskominfo Kota Cilegon".into(),
            issued_at: 0,
            revoked_at: None,
            revoked_reason: None,
            revoked_automatically: false,
        };
        let pdf = render(&c, "https://kim.cilegon.go.id/sertifikat/SRT-2026-ABCDEFGH", "Simpul KIM").unwrap();
        assert!(pdf.starts_with(b"%PDF-") && pdf.len() < 600_000, "{} bytes", pdf.len());
        if let Ok(path) = std::env::var("SIMPUL_DUMP_PDF") {
            std::fs::write(path, &pdf).unwrap();
        }
    }
}
