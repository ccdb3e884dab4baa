//! Bulk import of published clarifications from JSON Lines — a region's existing archive of
//! fact checks, or a data set to measure the matcher on. Each line: `verdict` and `claim`
//! (required), `title`, `summary`, `body` (Markdown), `sources`, `appearance_url`,
//! `first_appearance`, `id` (kept as a reference) optional. What is missing is made from the
//! claim. A bad line is reported with its number and skipped; the rest go in by batches.

use serde::Deserialize;

use super::{
    repo::{self, NewClarification},
    service,
    workflow::{self, ClarificationForm},
};
use crate::{
    app::App,
    domain::access::{Actor, Permission},
    error::AppResult,
    infra::{
        audit::{self, Event},
        db::unique_slug,
        outbox::{self, Topic},
    },
};

#[derive(Debug, Deserialize)]
struct Line {
    verdict: String,
    claim: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    sources: Option<String>,
    #[serde(default)]
    appearance_url: Option<String>,
    #[serde(default)]
    first_appearance: Option<String>,
    /// The archive's own id, reported back so a caller can map it.
    #[serde(default)]
    id: Option<String>,
}

/// What an import did.
#[derive(Debug, Default, Clone)]
pub struct ImportReport {
    /// (the line's `id` or its number, the new clarification's id).
    pub imported: Vec<(String, i64)>,
    /// (1-based line number, reason).
    pub skipped: Vec<(usize, String)>,
}

const BATCH: usize = 1_000;

fn parse_line(n: usize, raw: &str, today: crate::domain::time::Date) -> Result<(String, NewClarification), String> {
    let line: Line = serde_json::from_str(raw).map_err(|e| format!("not a clarification: {e}"))?;
    let claim = line.claim.trim().to_owned();
    let form = ClarificationForm {
        verdict: line.verdict,
        content_type: String::new(),
        title: line.title.unwrap_or_else(|| crate::domain::text::shorten(&claim, 120)),
        summary: line.summary.unwrap_or_else(|| crate::domain::text::shorten(&claim, 600)),
        body: line.body.unwrap_or_else(|| claim.clone()),
        sources: line.sources.unwrap_or_default(),
        appearance_url: line.appearance_url.unwrap_or_default(),
        first_appearance: line.first_appearance.unwrap_or_default(),
        claim,
    };
    let new = workflow::check(&form, today).map_err(|e| {
        let fields: Vec<String> = e.0.iter().map(|f| format!("{}: {}", f.field, f.code)).collect();
        fields.join(", ")
    })?;
    Ok((line.id.unwrap_or_else(|| n.to_string()), new))
}

/// An address for an imported clarification: its title, or (an archive repeats titles) its
/// title with a short fingerprint of its claim, checked with one or two lookups.
async fn slug_for(tx: &mut crate::infra::db::Tx, new: &NewClarification, key: &str) -> AppResult<Option<String>> {
    let base = simpul_text::slugify(&new.title, 72);
    let base = if base.is_empty() { "klarifikasi".to_owned() } else { base };
    let marked = format!("{base}-{}", &crate::infra::crypto::sha256_hex(&new.claim)[..6]);
    // The same claim twice in one archive: its line's own key tells them apart.
    let keyed = format!("{base}-{}", &crate::infra::crypto::sha256_hex(&format!("{key}\n{}", new.claim))[..8]);
    for candidate in [base, marked, keyed] {
        if !repo::slug_taken(&mut *tx, &candidate).await? {
            return Ok(Some(candidate));
        }
    }
    Ok(unique_slug(tx, "clarifications", &new.title, 80, "klarifikasi").await?)
}

/// Imports every valid line as a published clarification; `progress(done, total)` is called
/// after each batch.
pub async fn import_jsonl(
    app: &App,
    actor: &Actor,
    text: &str,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<ImportReport> {
    actor.require_change(Permission::CheckFacts)?;
    let now = app.clock.now();
    let today = now.date_in(app.zone());
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty()).collect();
    let total = lines.len();
    let mut report = ImportReport::default();
    for (done, chunk) in lines.chunks(BATCH).enumerate() {
        let mut tx = app.db.begin().await?;
        let mut last = None;
        for (n, raw) in chunk {
            match parse_line(*n, raw, today) {
                Ok((key, new)) => {
                    let Some(slug) = slug_for(&mut tx, &new, &key).await? else {
                        report.skipped.push((*n, "no free address for this title".into()));
                        continue;
                    };
                    let id = repo::insert_clarification(&mut tx, &slug, &new, actor.user_id, now).await?;
                    report.imported.push((key, id));
                    last = Some(id);
                }
                Err(why) => report.skipped.push((*n, why)),
            }
        }
        if let Some(id) = last {
            outbox::record(&mut tx, Topic::Clarification, id, now).await?;
        }
        tx.commit().await?;
        progress(((done + 1) * BATCH).min(total), total);
    }
    let mut tx = app.db.begin().await?;
    let after = serde_json::json!({ "imported": report.imported.len(), "skipped": report.skipped.len() });
    audit::record(&mut tx, actor, now, Event::new("clarification.import", "clarification", "bulk").after(&after))
        .await?;
    tx.commit_bookkeeping().await?;
    service::refresh(app, true).await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_claims_become_titles_at_a_word_boundary() {
        assert_eq!(crate::domain::text::shorten("Telur palsu beredar", 120), "Telur palsu beredar");
        assert_eq!(crate::domain::text::shorten("Telur palsu buatan pabrik beredar luas", 20), "Telur palsu buatan…");
    }
}
