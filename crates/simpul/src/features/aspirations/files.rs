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
    },
};

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

/// Why a PDF is refused (i18n keys).
pub fn check_pdf(data: &[u8]) -> Result<(), &'static str> {
    if !(data.starts_with(b"%PDF-1.") || data.starts_with(b"%PDF-2.")) {
        return Err("err-file-type");
    }
    let tail = &data[data.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("err-file-damaged");
    }
    // Active content has no place in a citizen's evidence: scripts, launch actions, embedded files.
    // Names may hide behind `#hh` escapes (`/J#61vaScript`), so they are decoded first.
    let data = decode_name_escapes(data);
    let active = |name: &[u8]| {
        data.windows(name.len() + 1).any(|w| w.starts_with(name) && !w[name.len()].is_ascii_alphanumeric())
    };
    if active(b"/JavaScript") || active(b"/JS") || active(b"/Launch") || active(b"/EmbeddedFile") {
        return Err("err-file-active-content");
    }
    Ok(())
}

/// `data` with every `#hh` (two hex digits) replaced by its byte, as PDF names allow.
fn decode_name_escapes(data: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'#'
            && let (Some(h), Some(l)) = (data.get(i + 1).copied().and_then(hex), data.get(i + 2).copied().and_then(hex))
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(data[i]);
        i += 1;
    }
    out
}

/// A file name safe to show and to send in `Content-Disposition`: the last path part, plain
/// characters only, at most 80 of them.
pub fn clean_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(80)
        .collect::<String>()
        .trim()
        .to_owned();
    if cleaned.is_empty() || cleaned.starts_with('.') { fallback.to_owned() } else { cleaned }
}

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
            check_pdf(&u.data).map_err(refuse)?;
            let name = clean_name(&u.file_name, "lampiran.pdf");
            ready.push((name, "application/pdf", u.data));
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
        let key = format!("aspirasi-{}.{ext}", crypto::random_token(12));
        let size = data.len();
        app.storage.put(&key, data).await?;
        stored.push(Stored { key, file_name, content_type, size });
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_checks() {
        let ok = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
        assert_eq!(check_pdf(ok), Ok(()));
        assert_eq!(check_pdf(b"GIF89a"), Err("err-file-type"));
        assert_eq!(check_pdf(b"%PDF-1.4\n no end"), Err("err-file-damaged"));
        let js = b"%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF";
        assert_eq!(check_pdf(js), Err("err-file-active-content"));
        // A name that merely starts like one is fine.
        let escaped = b"%PDF-1.4\n<< /S /J#61vaScript /J#53 (x) >>\n%%EOF";
        assert_eq!(check_pdf(escaped), Err("err-file-active-content"));
        let jsx = b"%PDF-1.4\n<< /JSONish 1 >>\n%%EOF";
        assert_eq!(check_pdf(jsx), Ok(()));
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_name("C:\\Users\\siti\\jalan rusak.jpg", "x"), "jalan rusak.jpg");
        assert_eq!(clean_name("../../etc/passwd", "x"), "passwd");
        assert_eq!(clean_name(".htaccess", "x"), "x");
        assert_eq!(clean_name("<script>.pdf", "x"), "script.pdf");
        assert_eq!(clean_name("", "lampiran.pdf"), "lampiran.pdf");
    }
}
