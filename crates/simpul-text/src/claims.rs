//! Claim matching: given the clarifications already published, which one (if any) does a
//! forwarded message restate? Citizens reword, shorten, misspell and write in slang, and a real
//! store holds near-misses (the same rumour in another city, with another amount), so the score
//! combines three signals:
//!
//! - **stems**, weighted by rarity (idf) in a weighted Jaccard: every rare word on either side
//!   that the other lacks (a city, a bank, an office) pulls the score down;
//! - **character n-grams** (3 to 5 letters) with tf-idf and cosine, which survive spelling
//!   variants and slang the stemmer does not know;
//! - **numbers** as values (`600rb`, `Rp 600.000`, `enam ratus ribu` are one amount): an amount
//!   that contradicts the claim's is strong evidence of another claim.
//!
//! [`ClaimIndex::answer`] turns the best score into an answer: confident, candidates, or none.
//! Short messages (under eight words) are never answered as a confident match.

use std::collections::{HashMap, HashSet};

use crate::{Kind, Stemmer, is_stopword, tokenize};

/// Scores at or above this, with a clear lead, are confident matches.
pub const CONFIDENT: f32 = 0.40;
/// How far the best must lead the second best to be confident.
pub const LEAD: f32 = 0.05;
/// Scores at or above this are offered as "mungkin terkait".
pub const CANDIDATE: f32 = 0.20;
/// Fewer words than this are never a confident match.
pub const MIN_CONFIDENT_WORDS: usize = 8;

/// One published claim, prepared for matching.
#[derive(Debug, Clone)]
struct Doc {
    id: String,
    stems: HashSet<String>,
    grams: HashMap<String, f32>,
    numbers: Vec<u64>,
}

/// A claim and how well a text matches it (0 to about 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub id: String,
    pub score: f32,
}

/// What to tell the person who sent the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// This claim, with confidence.
    Confident(Match),
    /// Perhaps related: up to three.
    Candidates(Vec<Match>),
    /// Nothing known yet.
    Unknown,
}

/// The published claims, ready to match against.
#[derive(Debug, Clone, Default)]
pub struct ClaimIndex {
    docs: Vec<Doc>,
    stem_df: HashMap<String, u32>,
    gram_df: HashMap<String, u32>,
    /// Each claim's weighted n-grams and their norm, computed once after the claims change.
    weighted: std::sync::OnceLock<Vec<(HashMap<String, f32>, f32)>>,
}

/// The letters and digits of a text, folded, words separated by one space.
fn plain(text: &str) -> String {
    let folded = crate::fold(text);
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

/// Character n-grams (3–5) of each word, padded with spaces, with their counts.
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

/// The stems of the content words of a text (numbers excluded: they are compared as values).
fn stems(text: &str) -> HashSet<String> {
    let stemmer = Stemmer::indonesian();
    tokenize(text, stemmer)
        .into_iter()
        .filter(|t| t.kind == Kind::Word && !is_stopword(&t.text))
        .map(|t| stemmer.stem(&t.text))
        .filter(|s| s.chars().count() >= 2)
        .collect()
}

/// How many words a text has (for the short-message rule).
pub fn word_count(text: &str) -> usize {
    plain(text).split(' ').filter(|w| !w.is_empty()).count()
}

const UNITS: [(&str, u64); 12] = [
    ("satu", 1),
    ("se", 1),
    ("dua", 2),
    ("tiga", 3),
    ("empat", 4),
    ("lima", 5),
    ("enam", 6),
    ("tujuh", 7),
    ("delapan", 8),
    ("sembilan", 9),
    ("sepuluh", 10),
    ("sebelas", 11),
];

/// Multipliers written after a number: `rb`, `ribu`, `k`, `jt`, `juta`, `m`, `miliar`.
fn multiplier(word: &str) -> Option<u64> {
    match word {
        "rb" | "ribu" | "k" | "rebu" => Some(1_000),
        "jt" | "juta" => Some(1_000_000),
        "m" | "miliar" | "milyar" => Some(1_000_000_000),
        _ => None,
    }
}

/// The amounts and counts a text mentions, as values: `Rp 600.000`, `600rb`, `600 ribu`,
/// `enam ratus ribu`, `sejuta`, `1,5 juta`, `2jt`. Years and times are kept as they are.
pub fn numbers(text: &str) -> Vec<u64> {
    let lower = crate::fold(text);
    // Split digits from letters (`600rb` → `600 rb`, `rp600` → `rp 600`).
    let mut spaced = String::with_capacity(lower.len() + 8);
    let mut prev: Option<char> = None;
    for c in lower.chars() {
        if let Some(p) = prev
            && ((p.is_ascii_digit() && c.is_alphabetic()) || (p.is_alphabetic() && c.is_ascii_digit()))
        {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = Some(c);
    }
    let words: Vec<&str> = spaced
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '!' | '?' | '(' | ')' | ':' | ';' | '"'))
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        // Digits, with `.` as thousands separator and `,` as decimal comma (`1,5`).
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            let (int, frac) = w.split_once(',').unwrap_or((w, ""));
            let digits: String = int.chars().filter(char::is_ascii_digit).collect();
            let Ok(mut v) = digits.parse::<u64>() else {
                i += 1;
                continue;
            };
            let frac_digits: String = frac.chars().filter(char::is_ascii_digit).take(3).collect();
            if let Some(m) = words.get(i + 1).and_then(|n| multiplier(n)) {
                let f = if frac_digits.is_empty() {
                    0
                } else {
                    frac_digits.parse::<u64>().unwrap_or(0) * m / 10u64.pow(frac_digits.len() as u32)
                };
                v = v.saturating_mul(m).saturating_add(f);
                i += 1;
            }
            out.push(v);
            i += 1;
            continue;
        }
        // Words: `lima belas ribu`, `enam ratus ribu`, `dua puluh`, `sejuta`, `seratus`.
        let (value, used) = spelled(&words[i..]);
        if used > 0 {
            out.push(value);
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

/// A number written in words at the start of `words`: (value, words used), or (0, 0).
fn spelled(words: &[&str]) -> (u64, usize) {
    let unit = |w: &str| UNITS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v);
    let mut total = 0u64;
    let mut current = 0u64;
    let mut used = 0;
    for w in words {
        let w = *w;
        if let Some(v) = unit(w) {
            if w == "se" {
                break;
            }
            current += v;
        } else if let Some(rest) =
            w.strip_prefix("se").filter(|r| matches!(*r, "ratus" | "ribu" | "juta" | "puluh" | "belas"))
        {
            current += match rest {
                "ratus" => 100,
                "puluh" => 10,
                "belas" => 11,
                "ribu" => {
                    total += 1_000;
                    0
                }
                _ => {
                    total += 1_000_000;
                    0
                }
            };
        } else if w == "belas" && current > 0 {
            current += 10;
        } else if w == "puluh" && current > 0 {
            current *= 10;
        } else if w == "ratus" && current > 0 {
            current *= 100;
        } else if let Some(m) = multiplier(w).filter(|_| current > 0 || total > 0) {
            total += current.max(1) * m;
            current = 0;
        } else {
            break;
        }
        used += 1;
    }
    if used == 0 { (0, 0) } else { (total + current, used) }
}

impl ClaimIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a published claim.
    pub fn add(&mut self, id: &str, text: &str) {
        self.remove(id);
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

    /// Removes a claim (an unpublished clarification).
    pub fn remove(&mut self, id: &str) {
        if let Some(i) = self.docs.iter().position(|d| d.id == id) {
            let doc = self.docs.swap_remove(i);
            for s in &doc.stems {
                if let Some(n) = self.stem_df.get_mut(s) {
                    *n = n.saturating_sub(1);
                }
            }
            for g in doc.grams.keys() {
                if let Some(n) = self.gram_df.get_mut(g) {
                    *n = n.saturating_sub(1);
                }
            }
            self.weighted = std::sync::OnceLock::new();
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
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

    /// The best claims for a text, best first (at most `k`).
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
                // Weighted Jaccard over stems: what both share against all either says.
                let shared: f32 = q_stems.intersection(&d.stems).map(|s| self.stem_idf(s)).sum();
                let all: f32 = q_stems.union(&d.stems).map(|s| self.stem_idf(s)).sum();
                let jaccard = if all > 0.0 { shared / all } else { 0.0 };
                // Query coverage: a short question may restate a long claim.
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

    /// The answer for a forwarded text.
    pub fn answer(&self, text: &str) -> Answer {
        let top = self.rank(text, 3);
        let Some(best) = top.first() else { return Answer::Unknown };
        let lead = best.score - top.get(1).map_or(0.0, |m| m.score);
        if best.score >= CONFIDENT && lead >= LEAD && word_count(text) >= MIN_CONFIDENT_WORDS {
            return Answer::Confident(best.clone());
        }
        let candidates: Vec<Match> = top.into_iter().filter(|m| m.score >= CANDIDATE).collect();
        if candidates.is_empty() { Answer::Unknown } else { Answer::Candidates(candidates) }
    }
}

/// Published claims: (id, text).
pub type Claims = Vec<(String, String)>;
/// Texts with the claim each restates, or `None` when it restates none.
pub type Queries = Vec<(String, Option<String>)>;

/// How well the matcher does on a set of queries with known answers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    pub claims: usize,
    pub queries: usize,
    /// Share of queries restating a claim whose best match is that claim.
    pub recall_at_1: f32,
    /// Mean reciprocal rank of the right claim within the best five.
    pub mrr_at_5: f32,
    /// Share of queries restating a claim answered with a confident match to it.
    pub confident_recall: f32,
    /// Share of queries restating no claim that get any confident match.
    pub false_match_rate: f32,
    /// Share of confident matches that are right (1 when there are none).
    pub auto_precision: f32,
}

/// Loads `claims` (id, text) and scores `queries` (text, the claim it restates or `None`).
pub fn evaluate(claims: &[(String, String)], queries: &[(String, Option<String>)]) -> Metrics {
    let mut idx = ClaimIndex::new();
    for (id, text) in claims {
        idx.add(id, text);
    }
    let (mut positives, mut at1, mut rr, mut conf_right, mut nulls, mut false_conf, mut confident) =
        (0usize, 0usize, 0f32, 0usize, 0usize, 0usize, 0usize);
    for (text, expect) in queries {
        let top = idx.rank(text, 5);
        let answer = idx.answer(text);
        let confident_id = match &answer {
            Answer::Confident(m) => Some(m.id.as_str()),
            _ => None,
        };
        if confident_id.is_some() {
            confident += 1;
        }
        match expect {
            Some(want) => {
                positives += 1;
                if top.first().is_some_and(|m| &m.id == want) {
                    at1 += 1;
                }
                if let Some(rank) = top.iter().position(|m| &m.id == want) {
                    rr += 1.0 / (rank as f32 + 1.0);
                }
                if confident_id == Some(want.as_str()) {
                    conf_right += 1;
                }
            }
            None => {
                nulls += 1;
                if confident_id.is_some() {
                    false_conf += 1;
                }
            }
        }
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f32 / b as f32 };
    Metrics {
        claims: claims.len(),
        queries: queries.len(),
        recall_at_1: share(at1, positives),
        mrr_at_5: if positives == 0 { 0.0 } else { rr / positives as f32 },
        confident_recall: share(conf_right, positives),
        false_match_rate: share(false_conf, nulls),
        auto_precision: if confident == 0 { 1.0 } else { share(conf_right, confident) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_written_every_way_are_one_value() {
        assert_eq!(numbers("Rp 600.000"), vec![600_000]);
        assert_eq!(numbers("bansos 600rb"), vec![600_000]);
        assert_eq!(numbers("Rp600 ribu"), vec![600_000]);
        assert_eq!(numbers("enam ratus ribu"), vec![600_000]);
        assert_eq!(numbers("lima belas ribu per liter"), vec![15_000]);
        assert_eq!(numbers("15rb/liter"), vec![15_000]);
        assert_eq!(numbers("sejuta"), vec![1_000_000]);
        assert_eq!(numbers("2jt"), vec![2_000_000]);
        assert_eq!(numbers("1,5 juta"), vec![1_500_000]);
        assert_eq!(numbers("Rp 1.000.000"), vec![1_000_000]);
        assert_eq!(numbers("3 bulan"), vec![3]);
        assert_eq!(numbers("tidak ada angka"), Vec::<u64>::new());
    }

    #[test]
    fn near_misses_are_told_apart() {
        let mut idx = ClaimIndex::new();
        idx.add("BRI", "BRI mengubah tarif transfer menjadi Rp 150.000 per bulan dan nasabah yang menolak harus mengisi formulir di tautan.");
        idx.add("BNI", "BNI mengubah tarif transfer menjadi Rp 150.000 per bulan dan nasabah yang menolak harus mengisi formulir di tautan.");
        idx.add("BRI15", "BRI menaikkan biaya transfer antarbank menjadi Rp 15.000 per transaksi mulai bulan depan.");
        idx.add(
            "KUPANG",
            "Siswa SD negeri di Kota Kupang diwajibkan membeli seragam baru dari sekolah seharga Rp 1.000.000.",
        );
        idx.add(
            "MANADO",
            "Siswa SD negeri di Kota Manado diwajibkan membeli seragam baru dari sekolah seharga Rp 1.000.000.",
        );
        let best = |q: &str| idx.rank(q, 1)[0].id.clone();
        assert_eq!(best("SMS dr BRI tarif transfer jadi 150rb per bulan, kalo gak setuju isi link"), "BRI");
        assert_eq!(
            best("ortu murid SD kupang resah, katanya wajib beli seragam baru dr sekolah sejuta. bener gak?"),
            "KUPANG"
        );
    }

    #[test]
    fn short_texts_are_never_confident() {
        let mut idx = ClaimIndex::new();
        idx.add("A", "Telur palsu buatan pabrik beredar luas di pasar tradisional.");
        idx.add("B", "Daun sirsak rebus dapat menyembuhkan kanker dalam dua minggu.");
        assert!(!matches!(idx.answer("telur palsu pabrik"), Answer::Confident(_)));
        assert_eq!(idx.answer(""), Answer::Unknown);
        assert!(ClaimIndex::new().rank("apa saja", 3).is_empty());
    }
}
