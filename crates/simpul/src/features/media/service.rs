//! Uploading images: permission, limits, re-encoding (off the async threads), storage, audit.

use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::media::repo,
    infra::{
        audit::{self, Event},
        crypto,
        images::{self, ImageLimits},
    },
};

/// Room for the image plus the rest of the multipart form.
pub const MULTIPART_LIMIT: usize = 10 * 1024 * 1024 + 64 * 1024;

/// A stored image's public file name for `width` (or `share`).
pub fn file_name(key: &str, variant: &str) -> String {
    format!("{key}-{variant}.jpg")
}

/// Whether `name` is one of ours (`<16 url-safe chars>-<width|share>.jpg`), before touching the store.
pub fn is_media_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".jpg") else { return false };
    // Keys may contain '-' themselves; the variant never does.
    let Some((key, variant)) = stem.rsplit_once('-').filter(|(k, _)| k.len() == 16) else { return false };
    let key_ok = key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let variant_ok = variant == "share"
        || (!variant.is_empty() && variant.len() <= 4 && variant.bytes().all(|b| b.is_ascii_digit()));
    key_ok && variant_ok
}

/// Processes and stores an upload; returns the new media id.
pub async fn upload(app: &App, actor: &Actor, data: Vec<u8>, alt: &str) -> AppResult<i64> {
    actor.require(Permission::UploadMedia)?;
    let mut e = FieldErrors::new();
    let alt = e.required("alt", alt, 200);
    if data.is_empty() {
        e.add("file", "err-required");
    }
    e.into_result()?;
    let limits = ImageLimits { max_bytes: app.config.max_upload_bytes, ..ImageLimits::default() };
    let processed = tokio::task::spawn_blocking(move || images::process(&data, limits))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|err| {
            let mut e = FieldErrors::new();
            e.add("file", err.key());
            AppError::Validation(e)
        })?;
    // No '-' in a media key: every swept kind of file has a prefix ending in '-' ("tip-",
    // "aspirasi-"), so a photo's files can never be taken for one (see `registry::files`).
    let key = crypto::random_token(12).replace('-', "x");
    for v in &processed.variants {
        app.storage.put(&file_name(&key, &v.width.to_string()), v.jpeg.clone()).await?;
    }
    app.storage.put(&file_name(&key, "share"), processed.share.jpeg.clone()).await?;
    let widths = processed.variants.iter().map(|v| v.width.to_string()).collect::<Vec<_>>().join(",");
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let id = repo::insert(&mut tx, &key, actor.user_id, processed.width, processed.height, &widths, &alt, now).await?;
    let after = serde_json::json!({ "key": key, "width": processed.width, "height": processed.height });
    audit::record(&mut tx, actor, now, Event::new("media.upload", "media", id).after(&after)).await?;
    tx.commit().await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::is_media_file;

    #[test]
    fn only_our_file_names_reach_the_store() {
        assert!(is_media_file("AbCdEfGhIjKlMnOp-720.jpg"));
        assert!(is_media_file("Ab-dEfGhIjKl_nOp-share.jpg"));
        assert!(!is_media_file("../../simpul.db"));
        assert!(!is_media_file("AbCdEfGhIjKlMnOp-720.png"));
        assert!(!is_media_file("short-720.jpg"));
        assert!(!is_media_file("AbCdEfGhIjKlMnOp-72000.jpg"));
        assert!(!is_media_file("AbCdEfGhIjKlMn/p-720.jpg"));
    }
}
