//! "More like this": the articles whose Indonesian text is closest to a given one (the stems
//! of its title and most telling body words, weighted by tf-idf), favouring the same category
//! and articles published near it.

use std::collections::HashMap;

use tantivy::{
    Term,
    collector::TopDocs,
    query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery},
    schema::IndexRecordOption,
};

use super::{SearchIndex, analyzer};

/// The article to find neighbours for.
#[derive(Debug, Clone)]
pub struct Similar {
    pub id: i64,
    pub title: String,
    /// Lead and body as plain text.
    pub body: String,
    pub category_id: Option<i64>,
    /// Publication instant (UTC milliseconds).
    pub published_at: i64,
}

impl SearchIndex {
    /// Up to `limit` article ids most like `a`, best first; empty while the index holds fewer
    /// than two articles. CPU-bound: call from a blocking thread.
    pub fn similar(&self, a: &Similar, limit: usize) -> tantivy::Result<Vec<i64>> {
        let searcher = self.searcher();
        let docs = searcher.num_docs().max(1) as f32;
        if searcher.num_docs() < 2 {
            return Ok(Vec::new());
        }
        let f = self.fields;
        // Term weights: tf-idf over the body, title words counted three times.
        let mut tf: HashMap<String, f32> = HashMap::new();
        for (t, ..) in analyzer::terms(&a.body) {
            *tf.entry(t).or_default() += 1.0;
        }
        for (t, ..) in analyzer::terms(&a.title) {
            *tf.entry(t).or_default() += 3.0;
        }
        let mut weighted: Vec<(String, f32)> = tf
            .into_iter()
            .filter(|(t, _)| t.chars().count() >= 3)
            .map(|(t, n)| {
                let df = searcher.doc_freq(&Term::from_field_text(f.body, &t)).unwrap_or(0) as f32;
                let idf = (docs / (df + 1.0)).ln().max(0.0);
                (t, n.sqrt() * idf)
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        weighted.sort_by(|x, y| y.1.total_cmp(&x.1));
        weighted.truncate(16);
        if weighted.is_empty() {
            return Ok(Vec::new());
        }
        let mut parts: Vec<(Occur, Box<dyn Query>)> = weighted
            .iter()
            .map(|(t, w)| {
                let q = TermQuery::new(Term::from_field_text(f.body, t), IndexRecordOption::WithFreqs);
                (Occur::Should, Box::new(BoostQuery::new(Box::new(q), *w)) as Box<dyn Query>)
            })
            .collect();
        parts.push((
            Occur::MustNot,
            Box::new(TermQuery::new(Term::from_field_u64(f.id, a.id as u64), IndexRecordOption::Basic)),
        ));
        let query = BooleanQuery::new(parts);
        let top = searcher.search(&query, &TopDocs::with_limit(limit * 8).order_by_score())?;
        let same_cat = |addr: tantivy::DocAddress| {
            let seg = searcher.segment_reader(addr.segment_ord);
            let cat = seg.fast_fields().u64("category").ok().and_then(|c| c.first(addr.doc_id));
            let when = seg.fast_fields().i64("published_at").ok().and_then(|c| c.first(addr.doc_id)).unwrap_or(0);
            (a.category_id.is_some_and(|c| cat == Some(c as u64)), when)
        };
        let mut scored: Vec<(f32, i64)> = top
            .into_iter()
            .filter_map(|(score, addr)| {
                let (same, when) = same_cat(addr);
                let years_apart = (a.published_at - when).unsigned_abs() as f32 / (365.0 * 86_400_000.0);
                let s = score * if same { 1.3 } else { 1.0 } / (1.0 + 0.15 * years_apart);
                self.article_id(&searcher, addr).map(|i| (s, i))
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0));
        Ok(scored.into_iter().take(limit).map(|(_, i)| i).collect())
    }
}
