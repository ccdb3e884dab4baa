//! Bulk import of published articles from JSON Lines (the format of `bench/gen-corpus.py`:
//! `slug, title, category, tags, published_at, body_markdown`). Idempotent by slug; a bad
//! line is reported with its number and skipped, the rest are imported in batches.

use serde::Deserialize;
use simpul_text::sort_key;

use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        time::Timestamp,
    },
    error::AppResult,
    features::categories,
    infra::{
        audit::{self, Event},
        markdown,
        outbox::{self, Topic},
    },
};

#[derive(Debug, Deserialize)]
struct Line {
    slug: String,
    title: String,
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    published_at: String,
    body_markdown: String,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub existing: usize,
    /// (1-based line number, reason).
    pub skipped: Vec<(usize, String)>,
}

/// Articles written per transaction.
const BATCH: usize = 500;

/// A valid line, ready to insert.
#[derive(Debug)]
pub struct Ready {
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub html: String,
    pub category: String,
    pub tags: Vec<String>,
    pub published_at: Timestamp,
}

fn parse_line(n: usize, raw: &str) -> Result<Ready, (usize, String)> {
    let l: Line = serde_json::from_str(raw).map_err(|e| (n, format!("not a JSON article: {e}")))?;
    let bad = |why: &str| (n, why.to_owned());
    let slug_ok = !l.slug.is_empty()
        && l.slug.len() <= 120
        && l.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !slug_ok {
        return Err(bad("slug must be lower-case letters, digits and '-'"));
    }
    if l.title.trim().is_empty() || l.title.chars().count() > 200 {
        return Err(bad("title is empty or too long"));
    }
    if l.body_markdown.trim().is_empty() || l.body_markdown.chars().count() > crate::domain::article::BODY_MAX {
        return Err(bad("body_markdown is empty or too long"));
    }
    if l.category.trim().is_empty() {
        return Err(bad("category is empty"));
    }
    let published_at =
        Timestamp::parse_rfc3339(&l.published_at).ok_or_else(|| bad("published_at is not an RFC 3339 time"))?;
    let html = markdown::render(&l.body_markdown);
    // Tags that are not usable are left out rather than losing the article.
    let tags = crate::domain::article::parse_tags(&l.tags.join(",")).unwrap_or_default();
    Ok(Ready {
        lead: lead_of(&l.body_markdown),
        slug: l.slug,
        title: l.title.trim().to_owned(),
        body: l.body_markdown,
        html,
        category: l.category.trim().to_owned(),
        tags,
        published_at,
    })
}

/// The first paragraph as plain text, cut at a word near 240 characters.
fn lead_of(md: &str) -> String {
    let para = md.split("\n\n").map(str::trim).find(|p| !p.is_empty() && !p.starts_with('#')).unwrap_or("");
    let plain: String = para.chars().filter(|c| !matches!(c, '*' | '_' | '`' | '#')).collect();
    if plain.chars().count() <= 240 {
        return plain;
    }
    let cut: String = plain.chars().take(240).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head))
}

/// Imports articles from JSON Lines. `progress` is called with (lines done, lines total).
pub async fn import_jsonl(
    app: &App,
    actor: &Actor,
    text: &str,
    progress: impl Fn(usize, usize),
) -> AppResult<ImportReport> {
    actor.require(Permission::ManageCategories)?;
    let lines: Vec<&str> = text.lines().collect();
    let total = lines.len();
    let mut report = ImportReport::default();
    let mut category_ids: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let mut tag_ids: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (start, chunk) in lines.chunks(BATCH).enumerate().map(|(i, c)| (i * BATCH, c)) {
        let ready: Vec<Ready> = chunk
            .iter()
            .enumerate()
            .filter(|(_, raw)| !raw.trim().is_empty())
            .filter_map(|(i, raw)| match parse_line(start + i + 1, raw) {
                Ok(r) => Some(r),
                Err(e) => {
                    report.skipped.push(e);
                    None
                }
            })
            .collect();
        let now = app.clock.now();
        let mut tx = app.db.begin().await?;
        for r in ready {
            let key = sort_key(&r.category);
            let category_id = match category_ids.get(&key) {
                Some(id) => *id,
                None => {
                    let id = categories::id_for_name(&mut tx, &r.category, now).await?;
                    category_ids.insert(key, id);
                    id
                }
            };
            let inserted = super::repo::insert_imported(&mut tx, &r, category_id, now).await?;
            match inserted {
                Some(id) => {
                    let mut ids = Vec::with_capacity(r.tags.len());
                    for t in &r.tags {
                        let key = simpul_text::slugify(t, 40);
                        let tid = match tag_ids.get(&key) {
                            Some(tid) => *tid,
                            None => {
                                let tid = super::repo::tag_id(&mut tx, t).await?;
                                tag_ids.insert(key, tid);
                                tid
                            }
                        };
                        ids.push(tid);
                    }
                    super::repo::attach_tags(&mut tx, id, &ids).await?;
                    outbox::record(&mut tx, Topic::Article, id, now).await?;
                    report.imported += 1;
                }
                None => report.existing += 1,
            }
        }
        tx.commit().await?;
        progress((start + chunk.len()).min(total), total);
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let summary = serde_json::json!({ "imported": report.imported, "existing": report.existing, "skipped": report.skipped.len() });
    audit::record(
        &mut tx,
        actor,
        now,
        Event { action: "article.import", entity_type: "article", entity_id: None, before: None, after: Some(summary) },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_with_offsets() {
        assert_eq!(Timestamp::parse_rfc3339("2021-01-04T07:30:00+07:00").unwrap().to_rfc3339(), "2021-01-04T00:30:00Z");
        assert_eq!(Timestamp::parse_rfc3339("2021-01-04T00:30:00Z").unwrap().to_rfc3339(), "2021-01-04T00:30:00Z");
        assert!(Timestamp::parse_rfc3339("2021-01-04").is_none());
        assert!(Timestamp::parse_rfc3339("2021-13-04T00:30:00Z").is_none());
    }

    #[test]
    fn leads_come_from_the_first_paragraph() {
        assert_eq!(
            lead_of("**SUKAMAJU, KIM Harapan** – Warga berkumpul.\n\nParagraf dua."),
            "SUKAMAJU, KIM Harapan – Warga berkumpul."
        );
        let long = "kata ".repeat(100);
        let l = lead_of(&long);
        assert!(l.chars().count() <= 241 && l.ends_with('…'));
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(parse_line(3, "{").unwrap_err().1.starts_with("not a JSON article"));
        let bad_slug = r#"{"slug":"Bad Slug","title":"T","category":"C","published_at":"2021-01-04T07:30:00+07:00","body_markdown":"x"}"#;
        assert_eq!(parse_line(4, bad_slug).unwrap_err().0, 4);
    }
}
