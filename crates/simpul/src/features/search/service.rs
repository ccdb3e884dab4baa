//! Search over published articles: building queries from everyday Indonesian, facets,
//! snippets, suggestions; keeping the index in step with the database.

use std::collections::HashSet;

use simpul_text::Stemmer;
use tantivy::{
    Term,
    collector::{Count, TopDocs},
    query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery},
    schema::IndexRecordOption,
};

use crate::infra::search::{FacetCounts, IndexDoc, SearchIndex, analyzer};
use crate::{
    app::App,
    domain::{
        article::ArticleState,
        time::{Timestamp, Zone},
    },
    error::{AppError, AppResult},
    features::{categories, news, regions},
    infra::{markdown, outbox},
};

pub const PAGE_SIZE: usize = 10;
/// Up to this many matches are counted (and their facets tallied) exactly. A query with more
/// (common words in a big archive) is answered from its best matches only, which lets the
/// index skip everything that cannot reach the top instead of scoring every match.
pub const EXACT_UP_TO: usize = 1_000;
/// How many best matches answer such a query (its pages and facets).
pub const BEST: usize = 100;
/// Queries longer than this are cut (a pasted article is still a fine query).
const MAX_QUERY_CHARS: usize = 500;
const MAX_TERMS: usize = 24;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
}

/// What a reader asked for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub q: String,
    pub category: Option<i64>,
    pub kecamatan: Option<i64>,
    pub year: Option<i32>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

/// One facet value with how many results have it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub id: i64,
    pub label: String,
    pub count: u64,
}

/// A found article with a highlighted passage: (text, is a match).
pub struct Hit {
    pub article: news::ArticleRow,
    pub snippet: Vec<(String, bool)>,
}

pub struct Results {
    /// Exact up to [`EXACT_UP_TO`]; past it, a lower bound (`total_is_estimate`).
    pub total: usize,
    pub total_is_estimate: bool,
    pub hits: Vec<Hit>,
    pub categories: Vec<FacetValue>,
    pub kecamatan: Vec<FacetValue>,
    pub years: Vec<FacetValue>,
    /// A corrected query when some words are unknown to the index ("Mungkin maksud Anda").
    pub suggestion: Option<String>,
}

/// The query's words: (surface word, stem), without function words, at most [`MAX_TERMS`].
fn query_terms(q: &str) -> Vec<(String, String)> {
    let q: String = q.chars().take(MAX_QUERY_CHARS).collect();
    let stemmer = Stemmer::indonesian();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for t in simpul_text::tokenize(&q, stemmer) {
        if t.kind == simpul_text::Kind::Word && simpul_text::is_stopword(&t.text) {
            continue;
        }
        let stem = if t.kind == simpul_text::Kind::Word { stemmer.stem(&t.text) } else { t.text.clone() };
        if seen.insert(stem.clone()) {
            out.push((q[t.start..t.end].to_owned(), stem));
        }
        if out.len() == MAX_TERMS {
            break;
        }
    }
    out
}

/// Each word may appear in the title (weighted more) or the body. A longer word the index
/// barely knows (a likely typo) also matches one (≥ 5 letters) or two (≥ 8) typing mistakes
/// away, weighted less.
fn text_query(idx: &SearchIndex, searcher: &tantivy::Searcher, terms: &[(String, String)]) -> Option<Box<dyn Query>> {
    let f = idx.fields;
    let rare = |stem: &str| searcher.doc_freq(&Term::from_field_text(f.body, stem)).unwrap_or(0) < 3;
    // One flat union of term queries, so tantivy can skip blocks that cannot reach the top.
    let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (_, stem) in terms {
        for (field, boost) in [(f.title, 2.0), (f.body, 1.0)] {
            let term = Term::from_field_text(field, stem);
            let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            parts.push((Occur::Should, Box::new(BoostQuery::new(Box::new(exact), boost))));
            let letters = stem.chars().count();
            if letters >= 5 && rare(stem) {
                let distance = if letters >= 8 { 2 } else { 1 };
                let fuzzy = FuzzyTermQuery::new(term, distance, true);
                parts.push((Occur::Should, Box::new(BoostQuery::new(Box::new(fuzzy), boost * 0.3))));
            }
        }
    }
    (!parts.is_empty()).then(|| Box::new(BooleanQuery::new(parts)) as Box<dyn Query>)
}

fn with_filters(idx: &SearchIndex, text: Box<dyn Query>, q: &SearchQuery) -> Box<dyn Query> {
    let f = idx.fields;
    let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
    let mut filter = |field, v: u64| {
        let t = TermQuery::new(Term::from_field_u64(field, v), IndexRecordOption::Basic);
        parts.push((Occur::Must, Box::new(BoostQuery::new(Box::new(t), 0.0))));
    };
    if let Some(c) = q.category {
        filter(f.category, c as u64);
    }
    if let Some(k) = q.kecamatan {
        filter(f.kecamatan, k as u64);
    }
    if let Some(y) = q.year {
        filter(f.year, y.max(0) as u64);
    }
    Box::new(BooleanQuery::new(parts))
}

/// Facet counts over some documents (the best matches of a large result).
fn tally(
    searcher: &tantivy::Searcher,
    docs: &[(tantivy::Score, tantivy::DocAddress)],
) -> Vec<std::collections::HashMap<u64, u64>> {
    let mut out: Vec<std::collections::HashMap<u64, u64>> = vec![Default::default(); 3];
    let mut by_segment: std::collections::BTreeMap<u32, Vec<u32>> = std::collections::BTreeMap::new();
    for (_, a) in docs {
        by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
    }
    for (seg, ids) in by_segment {
        let ff = searcher.segment_reader(seg).fast_fields();
        for (i, name) in ["category", "kecamatan", "year"].iter().enumerate() {
            let Ok(col) = ff.u64(name) else { continue };
            for d in &ids {
                if let Some(v) = col.first(*d) {
                    *out[i].entry(v).or_default() += 1;
                }
            }
        }
    }
    out
}

/// Levenshtein distance, giving up (returning `max + 1`) once it must exceed `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().copied().unwrap_or(0) > max {
            return max + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

/// For each word whose stem the index does not know, the closest root that it does know.
fn suggest(idx: &SearchIndex, searcher: &tantivy::Searcher, terms: &[(String, String)], q: &str) -> Option<String> {
    let f = idx.fields;
    let known = |stem: &str| {
        [f.title, f.body].iter().any(|field| searcher.doc_freq(&Term::from_field_text(*field, stem)).unwrap_or(0) > 0)
    };
    let mut out = q.to_owned();
    let mut changed = false;
    for (word, stem) in terms {
        if stem.chars().count() < 4 || !stem.chars().all(|c| c.is_ascii_lowercase()) || known(stem) {
            continue;
        }
        let max = if stem.len() >= 8 { 2 } else { 1 };
        let best = Stemmer::indonesian()
            .roots()
            .filter(|r| r.as_bytes().first() == stem.as_bytes().first() && distance(r, stem, max) <= max)
            .map(|r| (searcher.doc_freq(&Term::from_field_text(f.body, r)).unwrap_or(0), r))
            .filter(|(n, _)| *n > 0)
            .max();
        if let Some((_, root)) = best {
            let lower = word.to_lowercase();
            let fixed =
                if lower.contains(stem.as_str()) { lower.replacen(stem.as_str(), root, 1) } else { root.to_owned() };
            out = out.replacen(word.as_str(), &fixed, 1);
            changed = true;
        }
    }
    changed.then_some(out)
}

/// The passage of `text` with the most query words, as (text, is a match) pieces. Only the
/// beginning of a long text is looked at.
pub fn snippet(text: &str, stems: &HashSet<String>, width: usize) -> Vec<(String, bool)> {
    const LOOK: usize = 1_000;
    let text = match text.char_indices().nth(LOOK) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let terms = analyzer::marked_terms(text, stems);
    let hits: Vec<usize> = terms.iter().enumerate().filter(|(_, t)| t.0).map(|(i, _)| i).collect();
    // The window of `width` terms holding the most hits.
    let start_term = hits
        .iter()
        .map(|&h| (hits.iter().filter(|&&o| o >= h && o < h + width).count(), h))
        .max_by_key(|(n, h)| (*n, std::cmp::Reverse(*h)))
        .map_or(0, |(_, h)| h.saturating_sub(3));
    let window: Vec<&(bool, usize, usize)> = terms.iter().skip(start_term).take(width).collect();
    let (Some(first), Some(last)) = (window.first(), window.last()) else {
        return vec![(text.chars().take(200).collect(), false)];
    };
    let mut out = Vec::new();
    let mut at = first.1;
    if start_term > 0 {
        out.push(("… ".to_owned(), false));
    }
    for t in &window {
        if t.0 {
            if t.1 > at {
                out.push((text[at..t.1].to_owned(), false));
            }
            out.push((text[t.1..t.2].to_owned(), true));
            at = t.2;
        }
    }
    let rest = &text[last.2..];
    if rest.chars().any(char::is_alphanumeric) {
        out.push((text[at..last.2].to_owned(), false));
        out.push((" …".to_owned(), false));
    } else {
        out.push((text[at..].trim_end().to_owned(), false));
    }
    out
}

/// Asks the index (no cache).
async fn answer(app: &App, q: &SearchQuery) -> AppResult<Answer> {
    let terms = query_terms(&q.q);
    // Stemmed once: for the query here and for the passages below.
    let stems: HashSet<String> = terms.iter().map(|(_, s)| s.clone()).collect();
    let idx = app.search.clone();
    let query = q.clone();
    let page = q.page.max(1);
    let (total, total_is_estimate, ids, facets, suggestion) =
        tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let searcher = idx.searcher();
            let Some(text) = text_query(&idx, &searcher, &terms) else {
                return Ok((0, false, Vec::new(), vec![Default::default(); 3], None));
            };
            let filtered = query.category.is_some() || query.kecamatan.is_some() || query.year.is_some();
            let f = idx.fields;
            // A term's frequency still counts replaced and removed articles until segments merge:
            // never more than the articles the index holds.
            let most = terms
                .iter()
                .map(|(_, s)| searcher.doc_freq(&Term::from_field_text(f.body, s)).unwrap_or(0) as usize)
                .max()
                .unwrap_or(0)
                .min(searcher.num_docs() as usize);
            if most > EXACT_UP_TO && query.sort == Sort::Relevance {
                // The best matches stand for the rest: the page, the facets, and "more than …".
                let full = if filtered { with_filters(&idx, text.box_clone(), &query) } else { text.box_clone() };
                let best = searcher.search(&full, &TopDocs::with_limit(BEST).order_by_score())?;
                let offset = (page - 1) * PAGE_SIZE;
                let ids: Vec<i64> = best
                    .iter()
                    .skip(offset)
                    .take(PAGE_SIZE)
                    .filter_map(|(_, a)| idx.article_id(&searcher, *a))
                    .collect();
                let facets = if filtered {
                    let base = searcher.search(&text, &TopDocs::with_limit(BEST).order_by_score())?;
                    tally(&searcher, &base)
                } else {
                    tally(&searcher, &best)
                };
                // At least as many as the commonest word's articles; pages reach the best matches.
                let total = if filtered { best.len() } else { most };
                return Ok((total, !filtered || best.len() >= BEST, ids, facets, None));
            }
            let full = if filtered { with_filters(&idx, text.box_clone(), &query) } else { text.box_clone() };
            let offset = (page - 1) * PAGE_SIZE;
            let top = TopDocs::with_limit(PAGE_SIZE).and_offset(offset);
            let facet_counts = || FacetCounts { fields: vec!["category", "kecamatan", "year"] };
            // One pass over the matches for the page, the count and (without filters) the facets.
            let (addrs, total, facets): (Vec<tantivy::DocAddress>, usize, _) = match query.sort {
                Sort::Relevance => {
                    let (top, n, f) = searcher.search(&full, &(top.order_by_score(), Count, facet_counts()))?;
                    (top.into_iter().map(|(_, a)| a).collect(), n, f)
                }
                Sort::Newest => {
                    let by_date = top.order_by_fast_field::<i64>("published_at", tantivy::Order::Desc);
                    let (top, n, f) = searcher.search(&full, &(by_date, Count, facet_counts()))?;
                    (top.into_iter().map(|(_, a)| a).collect(), n, f)
                }
            };
            // With filters, facets count the text matches without them, so every choice shows.
            let facets = if filtered { searcher.search(&text, &facet_counts())? } else { facets };
            let ids: Vec<i64> = addrs.into_iter().filter_map(|a| idx.article_id(&searcher, a)).collect();
            let suggestion = if total < 3 { suggest(&idx, &searcher, &terms, &query.q) } else { None };
            Ok((total, false, ids, facets, suggestion))
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| {
            // The index could not be read: this node rebuilds it from the database.
            app.search.set_damaged();
            AppError::Internal(e)
        })?;

    let rows = news::published_by_id(&app.db, &ids).await?;
    // In the index's order; an article unpublished since keeps an empty place (never shown).
    let snippets = ids
        .iter()
        .map(|id| {
            rows.iter().find(|r| r.id == *id).map_or_else(Vec::new, |a| {
                let text = format!("{}\n\n{}", a.lead, markdown::plain_text(&a.body_md));
                snippet(&text, &stems, 30)
            })
        })
        .collect();
    Ok(Answer { total, total_is_estimate, ids, snippets, facets, suggestion })
}

/// What the index answered for one query: cached per index version (see [`search`]).
#[derive(Clone)]
pub struct Answer {
    total: usize,
    total_is_estimate: bool,
    ids: Vec<i64>,
    snippets: Vec<Vec<(String, bool)>>,
    facets: Vec<std::collections::HashMap<u64, u64>>,
    suggestion: Option<String>,
}

/// Runs a search. Any text is a valid query: no syntax can fail.
///
/// Answers are cached per node until the index changes (`App::search_cache`): searches repeat
/// (the same few rumours, the same road works), and a cached answer costs a lookup and one
/// query for the articles' current titles instead of ranking and passage analysis.
pub async fn search(app: &App, q: &SearchQuery) -> AppResult<Results> {
    let version = app.search.searcher().generation().generation_id();
    let key = format!(
        "{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{}",
        q.q.trim().to_lowercase(),
        q.category,
        q.kecamatan,
        q.year,
        q.sort,
        q.page.max(1)
    );
    let answer = match app.search_cache.get(&key, version) {
        Some(a) => a,
        None => {
            let a = std::sync::Arc::new(answer(app, q).await?);
            app.search_cache.put(key, a.clone(), version);
            a
        }
    };
    let mut rows = news::published_summaries(&app.db, &answer.ids).await?;
    rows.sort_by_key(|r| answer.ids.iter().position(|id| *id == r.id));
    let hits = rows
        .into_iter()
        .map(|a| {
            let at = answer.ids.iter().position(|id| *id == a.id);
            Hit { snippet: at.and_then(|i| answer.snippets.get(i).cloned()).unwrap_or_default(), article: a }
        })
        .collect();
    let facets = &answer.facets;
    let (total, total_is_estimate, suggestion) = (answer.total, answer.total_is_estimate, answer.suggestion.clone());
    let cats = categories::list(&app.db).await?;
    let kec = regions::list(&app.db, Some("kecamatan"), None).await?;
    let facet = |counts: &std::collections::HashMap<u64, u64>, label: &dyn Fn(i64) -> Option<String>| {
        let mut v: Vec<FacetValue> = counts
            .iter()
            .filter(|(k, _)| **k > 0)
            .filter_map(|(k, n)| label(*k as i64).map(|l| FacetValue { id: *k as i64, label: l, count: *n }))
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        v
    };
    let categories = facet(&facets[0], &|id| cats.iter().find(|c| c.id == id).map(|c| c.name.clone()));
    let kecamatan = facet(&facets[1], &|id| kec.iter().find(|k| k.id == id).map(|k| k.name.clone()));
    let mut years = facet(&facets[2], &|y| Some(y.to_string()));
    years.sort_by_key(|y| std::cmp::Reverse(y.id));
    Ok(Results { total, total_is_estimate, hits, categories, kecamatan, years, suggestion })
}

fn index_doc(r: news::IndexRow, zone: &Zone) -> IndexDoc {
    let published = r.published_at.unwrap_or(Timestamp(0));
    IndexDoc {
        id: r.id,
        body: format!("{}\n\n{}", r.lead, markdown::plain_text(&r.body_md)),
        title: r.title,
        published_at: published.0,
        category_id: r.category_id,
        kecamatan_id: r.kecamatan_id,
        year: published.date_in(zone).year(),
    }
}

/// Rebuilds the index from the database; returns how many articles it holds.
/// `progress(done)` is called after each batch.
pub async fn rebuild(app: &App, progress: impl Fn(usize) + Send + 'static) -> AppResult<usize> {
    const BATCH: i64 = 500;
    // Changes from here on are applied by `catch_up` afterwards.
    let cursor = outbox::latest(&app.db).await?.newest;
    let db = app.db.clone();
    let idx = app.search.clone();
    let zone = app.zone().clone();
    let handle = tokio::runtime::Handle::current();
    let n = tokio::task::spawn_blocking(move || {
        let mut after = 0;
        let mut done = 0;
        idx.rebuild(cursor, || {
            let rows = handle.block_on(news::published_index_rows_after(&db, after, BATCH))?;
            if rows.is_empty() {
                return Ok(None);
            }
            after = rows.last().map_or(after, |r| r.id);
            done += rows.len();
            progress(done);
            Ok(Some(rows.into_iter().map(|r| index_doc(r, &zone)).collect()))
        })
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(AppError::Internal)?;
    app.db.invalidate();
    Ok(n)
}

/// Applies the outbox's changes since the index's cursor. Returns how many articles changed.
/// On PostgreSQL a change can become visible after a newer one (ids are taken at insert);
/// `recent` remembers what was applied lately so a look-back window can catch those.
pub async fn catch_up(app: &App, recent: &mut HashSet<i64>) -> AppResult<usize> {
    const LOOK_BACK: i64 = 200;
    let cursor = app.search.cursor();
    let changes = outbox::after(&app.db, (cursor - LOOK_BACK).max(0), 5_000).await?;
    let fresh: Vec<&outbox::Change> = changes.iter().filter(|c| !recent.contains(&c.id)).collect();
    if fresh.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = fresh
        .iter()
        .filter(|c| c.topic == outbox::Topic::Article.as_str())
        .map(|c| c.entity_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let rows = news::index_rows(&app.db, &ids).await?;
    // Everything not published now (unpublished, archived, deleted) leaves the index.
    let live: Vec<news::IndexRow> = rows.into_iter().filter(|r| r.state == ArticleState::Published).collect();
    let gone: Vec<i64> = ids.iter().copied().filter(|id| !live.iter().any(|r| r.id == *id)).collect();
    let live_ids: Vec<i64> = live.iter().map(|r| r.id).collect();
    let docs: Vec<IndexDoc> = live.into_iter().map(|r| index_doc(r, app.zone())).collect();
    let newest = changes.iter().map(|c| c.id).max().unwrap_or(cursor).max(cursor);
    let idx = app.search.clone();
    let n = docs.len() + gone.len();
    tokio::task::spawn_blocking(move || idx.apply(&docs, &gone, newest))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    recent.extend(fresh.iter().map(|c| c.id));
    recent.retain(|id| *id > newest - LOOK_BACK);
    // "Baca juga" of what changed (and of its neighbours), now that the index has it. A failure
    // here leaves those lists to be computed on view; the index change itself stands.
    if let Err(e) = news::store_related(app, &live_ids).await {
        tracing::warn!(error = %e, "could not store Baca juga");
    }
    app.db.invalidate();
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_bounded() {
        assert_eq!(distance("bangun", "bangunn", 2), 1);
        assert_eq!(distance("jalan", "jalan", 1), 0);
        assert_eq!(distance("a", "abcdef", 2), 3);
    }

    #[test]
    fn snippets_mark_the_matching_words() {
        let stems: HashSet<String> = ["bagi".to_owned()].into();
        let s = snippet("Bantuan beras dibagikan kepada warga Bulakan.", &stems, 30);
        assert!(s.contains(&("dibagikan".to_owned(), true)), "{s:?}");
        let text: String = s.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, "Bantuan beras dibagikan kepada warga Bulakan.");
    }

    #[test]
    fn query_words_skip_function_words_and_keep_their_surface() {
        let t = query_terms("yang dibagikan di jln");
        assert_eq!(t, [("dibagikan".to_owned(), "bagi".to_owned()), ("jln".to_owned(), "jalan".to_owned())]);
    }
}
