//! Attachments of a report: photos are decoded and re-encoded (nothing of the original file
//! survives, so no EXIF and no GPS position), PDFs are checked to be plain documents. Files are
//! stored before the report's transaction; only the report's rows make them reachable.

use crate::{
    app::App,
    domain::{aspiration::ATTACHMENTS_MAX, validation::FieldErrors},
    error::{AppError, AppResult},
    infra::{
        crypto,
        images::{self, ImageLimits},
        uploads::{check_pdf, clean_name},
    },
};

/// Attachments' keys start with this (the sweep of unreferenced files knows them by it).
pub const KEY_PREFIX: &str = "aspirasi-";

/// A file as it arrived.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub data: Vec<u8>,
}

/// A file as stored.
#[derive(Debug, Clone)]
pub struct Stored {
    pub key: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub size: usize,
}

/// The largest report form with its files: five phone photos fit, a 50 MB video does not.
pub const REPORT_BODY_MAX: usize = 25 * 1024 * 1024 + 256 * 1024;

/// Checks every upload, re-encodes the photos and stores them all; on any problem nothing is
/// stored and the error names the field `files`.
pub async fn store_all(app: &App, uploads: Vec<Upload>) -> AppResult<Vec<Stored>> {
    let uploads: Vec<Upload> = uploads.into_iter().filter(|u| !u.data.is_empty()).collect();
    let refuse = |code: &str| {
        let mut e = FieldErrors::new();
        e.add("files", code);
        AppError::Validation(e)
    };
    if uploads.len() > ATTACHMENTS_MAX {
        return Err(refuse("err-too-many-files"));
    }
    let max = app.config.max_upload_bytes;
    let mut ready: Vec<(String, &'static str, Vec<u8>)> = Vec::new();
    for u in uploads {
        if u.data.len() > max {
            return Err(refuse("err-file-too-large"));
        }
        if u.data.starts_with(b"%PDF-") {
            let data = u.data;
            let (checked, data) =
                tokio::task::spawn_blocking(move || (check_pdf(&data), data)).await.map_err(anyhow::Error::from)?;
            checked.map_err(refuse)?;
            let name = clean_name(&u.file_name, "lampiran.pdf");
            ready.push((name, "application/pdf", data));
            continue;
        }
        let limits = ImageLimits { max_bytes: max, ..ImageLimits::default() };
        let data = u.data;
        let processed = tokio::task::spawn_blocking(move || images::process(&data, limits))
            .await
            .map_err(anyhow::Error::from)?
            .map_err(|e| refuse(if e == images::ImageError::NotAnImage { "err-file-type" } else { e.key() }))?;
        // The widest copy (at most 1,280 px): enough to see the pothole, small on a slow phone.
        let Some(best) = processed.variants.into_iter().max_by_key(|v| v.width) else {
            return Err(refuse("err-file-type"));
        };
        let stem = clean_name(&u.file_name, "foto");
        let stem = stem.rsplit_once('.').map_or(stem.as_str(), |(s, _)| s).to_owned();
        ready.push((format!("{stem}.jpg"), "image/jpeg", best.jpeg));
    }
    let mut stored = Vec::new();
    for (file_name, content_type, data) in ready {
        let ext = if content_type == "application/pdf" { "pdf" } else { "jpg" };
        let key = format!("{KEY_PREFIX}{}.{ext}", crypto::random_token(12));
        let size = data.len();
        app.storage.put(&key, data).await?;
        stored.push(Stored { key, file_name, content_type, size });
    }
    Ok(stored)
}
