//! The first claim matcher (a linear scan over every claim with string-keyed maps), kept
//! verbatim as the reference the indexed `ClaimIndex::rank` was checked against. Only the
//! public API of the crate is used.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use simpul_text::claims::{Answer, Match, numbers, word_count};
use simpul_text::{Kind, Stemmer, fold, is_stopword, tokenize};

#[derive(Debug, Clone)]
struct Doc {
    id: String,
    stems: HashSet<String>,
    grams: HashMap<String, f32>,
    numbers: Vec<u64>,
}

#[derive(Debug, Clone, Default)]
pub struct LegacyIndex {
    docs: Vec<Doc>,
    stem_df: HashMap<String, u32>,
    gram_df: HashMap<String, u32>,
    weighted: std::sync::OnceLock<Vec<(HashMap<String, f32>, f32)>>,
}

fn plain(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    let mut space = true;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

fn grams(text: &str) -> HashMap<String, f32> {
    let mut out: HashMap<String, f32> = HashMap::new();
    for word in plain(text).split(' ').filter(|w| !w.is_empty()) {
        let padded: Vec<char> = format!(" {word} ").chars().collect();
        for n in 3..=5 {
            for w in padded.windows(n) {
                *out.entry(w.iter().collect()).or_default() += 1.0;
            }
        }
    }
    out
}

fn stems(text: &str) -> HashSet<String> {
    let stemmer = Stemmer::indonesian();
    tokenize(text, stemmer)
        .into_iter()
        .filter(|t| t.kind == Kind::Word && !is_stopword(&t.text))
        .map(|t| stemmer.stem(&t.text))
        .filter(|s| s.chars().count() >= 2)
        .collect()
}

impl LegacyIndex {
    pub fn add(&mut self, id: &str, text: &str) {
        let doc = Doc { id: id.to_owned(), stems: stems(text), grams: grams(text), numbers: numbers(text) };
        for s in &doc.stems {
            *self.stem_df.entry(s.clone()).or_default() += 1;
        }
        for g in doc.grams.keys() {
            *self.gram_df.entry(g.clone()).or_default() += 1;
        }
        self.docs.push(doc);
        self.weighted = std::sync::OnceLock::new();
    }

    fn idf(df: u32, n: usize) -> f32 {
        ((n as f32 + 1.0) / (df as f32 + 0.5)).ln().max(0.0)
    }

    fn stem_idf(&self, s: &str) -> f32 {
        Self::idf(self.stem_df.get(s).copied().unwrap_or(0), self.docs.len())
    }

    fn weighted(&self, grams: &HashMap<String, f32>) -> (HashMap<String, f32>, f32) {
        let n = self.docs.len();
        let v: HashMap<String, f32> = grams
            .iter()
            .map(|(g, tf)| (g.clone(), (1.0 + tf.ln()) * Self::idf(self.gram_df.get(g).copied().unwrap_or(0), n)))
            .collect();
        let norm = v.values().map(|x| x * x).sum::<f32>().sqrt();
        (v, norm)
    }

    pub fn rank(&self, text: &str, k: usize) -> Vec<Match> {
        if self.docs.is_empty() {
            return Vec::new();
        }
        let q_stems = stems(text);
        let q_numbers = numbers(text);
        let (q_grams, q_norm) = self.weighted(&grams(text));
        let prepared = self.weighted.get_or_init(|| self.docs.iter().map(|d| self.weighted(&d.grams)).collect());
        let mut scored: Vec<Match> = self
            .docs
            .iter()
            .zip(prepared)
            .map(|(d, (d_grams, d_norm))| {
                let shared: f32 = q_stems.intersection(&d.stems).map(|s| self.stem_idf(s)).sum();
                let all: f32 = q_stems.union(&d.stems).map(|s| self.stem_idf(s)).sum();
                let jaccard = if all > 0.0 { shared / all } else { 0.0 };
                let q_weight: f32 = q_stems.iter().map(|s| self.stem_idf(s)).sum();
                let coverage = if q_weight > 0.0 { shared / q_weight } else { 0.0 };
                let dot: f32 = q_grams.iter().filter_map(|(g, w)| d_grams.get(g).map(|x| x * w)).sum();
                let cosine = if q_norm > 0.0 && *d_norm > 0.0 { dot / (q_norm * d_norm) } else { 0.0 };
                let mut score = 0.35 * jaccard + 0.25 * coverage + 0.40 * cosine;
                if !q_numbers.is_empty() && !d.numbers.is_empty() {
                    if q_numbers.iter().any(|n| d.numbers.contains(n)) {
                        score += 0.05;
                    } else {
                        score -= 0.15;
                    }
                }
                Match { id: d.id.clone(), score }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        scored.truncate(k);
        scored
    }

    pub fn answer(&self, text: &str) -> Answer {
        let top = self.rank(text, 3);
        let Some(best) = top.first() else { return Answer::Unknown };
        let lead = best.score - top.get(1).map_or(0.0, |m| m.score);
        if best.score >= 0.40 && lead >= 0.05 && word_count(text) >= 8 {
            return Answer::Confident(best.clone());
        }
        let candidates: Vec<Match> = top.into_iter().filter(|m| m.score >= 0.20).collect();
        if candidates.is_empty() { Answer::Unknown } else { Answer::Candidates(candidates) }
    }
}
