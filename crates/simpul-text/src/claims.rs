//! Claim matching: given the clarifications already published, which one (if any) does a
//! forwarded message restate? Citizens reword, shorten, misspell and write in slang, and a real
//! store holds near-misses (the same rumour in another city, with another amount), so the score
//! combines four signals:
//!
//! - **stems**, weighted by rarity (idf) in a weighted Jaccard plus the share of the text the
//!   claim explains: every rare word on either side that the other lacks (a city, a bank, an
//!   office) pulls the score down. Words no claim has (chat) weigh nothing;
//! - **names**: a stem most claims write as a name (capitalised inside a sentence, or in capitals:
//!   `Semarang`, `BRI`) that the text has and the claim lacks costs extra;
//! - **character n-grams** (3 to 5 letters) with tf-idf and cosine, which survive spelling
//!   variants and slang the stemmer does not know;
//! - **numbers** as values (`600rb`, `Rp 600.000`, `enam ratus ribu` are one amount): an amount
//!   that contradicts the claim's is strong evidence of another claim.
//!
//! Texts are read with the crate's slang normalisation, everyday abbreviations spelled out
//! (`bansos`, `KIS`, `pemkot`, `sulut`), chat particles and forwarding formulas left out (`sih`,
//! `katanya`, `sebarkan`) and words written together split when both halves are known
//! (`transjogja`).
//!
//! [`ClaimIndex::answer`] turns the scores into an answer: confident, candidates, or none (see
//! there for the rules). Short messages (under eight words) are never answered as a confident
//! match.
//!
//! Matching is indexed: stems and n-grams are interned to ids with inverted lists, a query walks
//! the lists of its rarest features first and gives the full score only to a shortlist
//! (`rank_exhaustive` scores every claim, as the reference). With 100,000 claims `answer()`
//! takes a few milliseconds (`examples/claims_latency.rs`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::{Kind, Stemmer, is_stopword, tokenize};

/// The least score a confident match may have (see [`ClaimIndex::answer`] for the rest).
pub const CONFIDENT: f32 = 0.30;
/// How far the best must lead the second best to be confident.
pub const LEAD: f32 = 0.05;
/// What the best score and its lead over the second must reach together to be confident.
pub const CONFIDENT_EVIDENCE: f32 = 0.575;
/// Counted towards [`CONFIDENT_EVIDENCE`] when an amount in the text (a thousand or more) is the
/// claim's.
pub const AGREEING_AMOUNT: f32 = 0.20;
/// Scores at or above this are offered as "mungkin terkait".
pub const CANDIDATE: f32 = 0.20;
/// Fewer words than this are never a confident match.
pub const MIN_CONFIDENT_WORDS: usize = 8;

/// Taken off the score per unit of idf of the names (places, offices) in a text that a claim
/// lacks.
const NAME_MISSING: f32 = 0.02;

/// How many postings one query may walk to gather candidates (rarest features first).
const POSTINGS_BUDGET: usize = 200_000;
/// How many candidates, best by the partial score, get the full score.
const SHORTLIST: usize = 400;

/// The Fx hash (as in rustc): the keys are short strings of our own making, not attacker-chosen
/// in any way that matters for a map rebuilt per process.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Interned features (stems or character n-grams) with the claims that have each.
#[derive(Debug, Clone, Default)]
struct Vocab {
    ids: FxMap<Box<str>, u32>,
    /// For each feature, the claims (by position) that have it; its length is the feature's df.
    postings: Vec<Vec<u32>>,
}

impl Vocab {
    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.postings.len() as u32;
        self.ids.insert(s.into(), i);
        self.postings.push(Vec::new());
        i
    }

    fn df(&self, f: u32) -> u32 {
        self.postings[f as usize].len() as u32
    }

    fn unpost(&mut self, f: u32, doc: u32) {
        let p = &mut self.postings[f as usize];
        if let Some(i) = p.iter().position(|&d| d == doc) {
            p.swap_remove(i);
        }
    }

    fn repost(&mut self, f: u32, from: u32, to: u32) {
        if let Some(d) = self.postings[f as usize].iter_mut().find(|d| **d == from) {
            *d = to;
        }
    }
}

/// A claim's running partial score while a query walks the inverted lists.
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    shared: f32,
    dot: f32,
    seen: bool,
    agrees: bool,
}

thread_local! {
    /// One accumulator per claim, reused by the queries of a thread (all zero between queries).
    static SCRATCH: std::cell::RefCell<Vec<Acc>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One published claim, prepared for matching.
#[derive(Debug, Clone)]
struct Doc {
    id: Box<str>,
    /// Stem ids, sorted, each once.
    stems: Box<[u32]>,
    /// The stems written as names in this claim (sorted).
    names: Box<[u32]>,
    /// N-gram ids, sorted; a gram that occurs `tf` times is there `tf` times.
    grams: Box<[u32]>,
    numbers: Box<[u64]>,
}

impl Doc {
    /// The distinct grams of the claim with their counts.
    fn gram_runs(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.grams.chunk_by(|a, b| a == b).map(|run| (run[0], run.len() as u32))
    }
}

/// What depends on the number of claims and the document frequencies: computed once after
/// the claims change, on the first query.
#[derive(Debug, Clone, Default)]
struct Prepared {
    stem_idf: Vec<f32>,
    /// Whether a stem is written as a name in most claims that have it.
    is_name: Vec<bool>,
    gram_idf: Vec<f32>,
    /// Per claim: the sum of its stems' idf, and the norm of its weighted n-gram vector.
    stem_weight: Vec<f32>,
    norm: Vec<f32>,
}

/// What a claim and a text have in common, and what not (idf-weighted stems).
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    /// Stems both have; stems of the query the store knows; stems of the claim.
    shared: f32,
    q_weight: f32,
    d_weight: f32,
    /// Stems written as names (places, offices, banks) in most claims that have them: shared,
    /// only in the query, only in the claim.
    names_shared: f32,
    q_names_missing: f32,
    d_names_missing: f32,
    cosine: f32,
    /// Numbers: 2 an amount (a thousand or more) agrees, 1 a smaller number agrees, -1 both
    /// have some and none agree, 0 otherwise.
    numbers: i8,
}

impl Parts {
    fn score(&self) -> f32 {
        // Weighted Jaccard over stems: what both share against all either says.
        let all = self.q_weight + self.d_weight - self.shared;
        let jaccard = if all > 0.0 { (self.shared / all).min(1.0) } else { 0.0 };
        // Query coverage: a short question may restate a long claim.
        let coverage = if self.q_weight > 0.0 { (self.shared / self.q_weight).min(1.0) } else { 0.0 };
        let mut score = 0.35 * jaccard + 0.25 * coverage + 0.40 * self.cosine;
        // A place, office or bank the text names and the claim does not: another claim's.
        score -= NAME_MISSING * self.q_names_missing;
        score += match self.numbers {
            1 | 2 => 0.05,
            -1 => -0.15,
            _ => 0.0,
        };
        score
    }
}

/// A text to match, with its features looked up in the index.
struct Query {
    /// Known stems (sorted ids); `weight` also counts stems no claim has.
    stems: Vec<u32>,
    weight: f32,
    /// The idf weight of the query's stems no claim has.
    unknown: f32,
    /// Known n-grams (sorted ids) with their tf-idf weight; `norm` also counts unknown grams.
    grams: Vec<(u32, f32)>,
    norm: f32,
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
///
/// Stems and character n-grams are interned to ids with inverted lists of the claims that have
/// them. A query walks the lists of its rarest features first (within a budget of postings),
/// keeps the best few hundred claims by that partial score and gives only those the full score;
/// small stores are scored in full.
#[derive(Debug, Clone, Default)]
pub struct ClaimIndex {
    docs: Vec<Doc>,
    by_id: FxMap<Box<str>, u32>,
    stems: Vocab,
    /// For each stem, in how many claims it is written as a name.
    names: Vec<u32>,
    grams: Vocab,
    /// For each amount or count, the claims that mention it.
    numbers: FxMap<u64, Vec<u32>>,
    prepared: OnceLock<Prepared>,
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

/// Calls `f` with each character n-gram (3–5) of each word, padded with spaces, as often as it
/// occurs.
fn for_each_gram(words: &[Word], mut f: impl FnMut(&str)) {
    let mut padded: Vec<char> = Vec::new();
    let mut buf = String::new();
    for word in words {
        padded.clear();
        padded.push(' ');
        padded.extend(word.text.chars());
        padded.push(' ');
        for n in 3..=5 {
            for w in padded.windows(n) {
                buf.clear();
                buf.extend(w);
                f(&buf);
            }
        }
    }
}

/// Everyday abbreviations of public life, read as the words they stand for (both in claims and
/// in forwarded texts, so either spelling meets the other).
const ABBREVIATIONS: &[(&str, &str)] = &[
    // Aid, cards and programmes.
    ("bansos", "bantuan sosial"),
    ("blt", "bantuan langsung tunai"),
    ("bst", "bantuan sosial tunai"),
    ("bsu", "bantuan subsidi upah"),
    ("pkh", "program keluarga harapan"),
    ("bpnt", "bantuan pangan non tunai"),
    ("kis", "kartu indonesia sehat"),
    ("kip", "kartu indonesia pintar"),
    ("kks", "kartu keluarga sejahtera"),
    ("kk", "kartu keluarga"),
    ("ktp", "kartu tanda penduduk"),
    ("bbm", "bahan bakar minyak"),
    ("lpg", "elpiji"),
    ("bi", "bank indonesia"),
    ("ojk", "otoritas jasa keuangan"),
    // Government.
    ("pemkot", "pemerintah kota"),
    ("pemkab", "pemerintah kabupaten"),
    ("pemprov", "pemerintah provinsi"),
    ("pemda", "pemerintah daerah"),
    ("pemdes", "pemerintah desa"),
    ("pemerintah", "pemerintah"),
    ("walkot", "wali kota"),
    ("walikota", "wali kota"),
    ("kemnaker", "kementerian ketenagakerjaan"),
    ("kemenaker", "kementerian ketenagakerjaan"),
    ("kemenkes", "kementerian kesehatan"),
    ("kemensos", "kementerian sosial"),
    ("kemenag", "kementerian agama"),
    ("kemendikbud", "kementerian pendidikan kebudayaan"),
    ("kemenhub", "kementerian perhubungan"),
    ("dinkes", "dinas kesehatan"),
    ("disdik", "dinas pendidikan"),
    ("dishub", "dinas perhubungan"),
    ("dinsos", "dinas sosial"),
    ("pns", "pegawai negeri sipil"),
    ("asn", "aparatur sipil negara"),
    ("rsud", "rumah sakit umum daerah"),
    ("rs", "rumah sakit"),
    ("karhutla", "kebakaran hutan lahan"),
    ("lansia", "lanjut usia"),
    ("ortu", "orang tua"),
    ("medsos", "media sosial"),
    ("angkot", "angkutan kota"),
    ("ojol", "ojek online"),
    ("hp", "ponsel"),
    ("handphone", "ponsel"),
    ("fb", "facebook"),
    ("ig", "instagram"),
    ("yt", "youtube"),
    ("tele", "telegram"),
    ("sms", "pesan"),
    ("link", "tautan"),
    ("online", "daring"),
    // Provinces and cities as they are written in chat.
    ("jateng", "jawa tengah"),
    ("jatim", "jawa timur"),
    ("jabar", "jawa barat"),
    ("sumut", "sumatra utara"),
    ("sumbar", "sumatra barat"),
    ("sumsel", "sumatra selatan"),
    ("kalbar", "kalimantan barat"),
    ("kalteng", "kalimantan tengah"),
    ("kalsel", "kalimantan selatan"),
    ("kaltim", "kalimantan timur"),
    ("kaltara", "kalimantan utara"),
    ("sulut", "sulawesi utara"),
    ("sulteng", "sulawesi tengah"),
    ("sulsel", "sulawesi selatan"),
    ("sultra", "sulawesi tenggara"),
    ("sulbar", "sulawesi barat"),
    ("ntt", "nusa tenggara timur"),
    ("ntb", "nusa tenggara barat"),
    ("diy", "daerah istimewa yogyakarta"),
    ("jogja", "yogyakarta"),
    ("jogjakarta", "yogyakarta"),
    ("yogya", "yogyakarta"),
    ("jkt", "jakarta"),
    ("sumatera", "sumatra"),
];

/// What forwarded texts wrap a claim in, saying nothing about it: chat particles, the asking
/// (`benarkah`, `katanya`) and the forwarding (`pesan berantai`, `sebarkan`). Left out of the
/// matching on both sides.
const CHATTER: &[&str] = &[
    "sih",
    "dong",
    "nih",
    "deh",
    "kok",
    "ya",
    "yah",
    "yaa",
    "lho",
    "loh",
    "tuh",
    "kak",
    "gan",
    "sis",
    "bro",
    "min",
    "bun",
    "guys",
    "gaes",
    "wkwk",
    "wkwkwk",
    "haha",
    "hehe",
    "btw",
    "plis",
    "pls",
    "tolong",
    "mohon",
    "benarkah",
    "apakah",
    "katanya",
    "kabarnya",
    "beneran",
    "hoaks",
    "hoax",
    "info",
    "informasi",
    "berantai",
    "sebarkan",
    "teruskan",
    "viral",
    "cek",
    "share",
    "fwd",
    "fw",
];

fn is_chatter(word: &str) -> bool {
    CHATTER.contains(&word)
}

fn abbreviation(word: &str) -> Option<&'static str> {
    static MAP: std::sync::LazyLock<HashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());
    MAP.get(word).copied()
}

/// The words of a text as the matcher reads them: tokenised, slang undone, abbreviations
/// spelled out, hyphenated compounds also as their parts; each with whether it is written as a
/// name (capitalised inside a sentence, or in capitals: `Semarang`, `BRI`).
///
/// The word as written is there too where it differs (`transjogja`, `bansos`), marked as a
/// spelling: for the character n-grams, which match spellings the rules do not know.
fn words(text: &str) -> Vec<Word> {
    let stemmer = Stemmer::indonesian();
    let mut out: Vec<Word> = Vec::new();
    let word = |text: &str, name: bool| Word { text: text.to_owned(), name, spelling: false };
    for t in tokenize(text, stemmer) {
        if t.kind != Kind::Word {
            continue;
        }
        let original = &text[t.start..t.end];
        let capital = original.chars().next().is_some_and(char::is_uppercase);
        let letters = original.chars().filter(|c| c.is_alphabetic());
        let shouted = letters.clone().count() > 1 && letters.clone().all(char::is_uppercase);
        let initial =
            text[..t.start].trim_end().chars().last().is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"'));
        let name = shouted || (capital && !initial);
        let folded = crate::fold(original);
        if is_chatter(&folded) || is_chatter(&t.text) {
            continue;
        }
        if folded != t.text && folded.chars().all(char::is_alphanumeric) {
            out.push(Word { text: folded.clone(), name, spelling: true });
        }
        if let Some(long) = abbreviation(&folded).or_else(|| abbreviation(&t.text)) {
            out.extend(long.split(' ').map(|w| word(w, name)));
        } else if t.text.contains('-') {
            out.extend(t.text.split('-').filter(|w| !w.is_empty()).map(|w| word(w, name)));
        } else {
            out.push(Word { text: t.text, name, spelling: false });
        }
    }
    out
}

/// One word of a text as the matcher reads it (see [`words`]).
struct Word {
    text: String,
    name: bool,
    /// Only the spelling as written, for the n-grams.
    spelling: bool,
}

/// The stems of the content words (numbers excluded: they are compared as values), each once,
/// with whether it is written as a name somewhere in the text.
fn stems_of(words: &[Word]) -> Vec<(String, bool)> {
    let stemmer = Stemmer::indonesian();
    let mut out: Vec<(String, bool)> = Vec::new();
    for w in words.iter().filter(|w| !w.spelling) {
        let name = w.name;
        if is_stopword(&w.text) {
            continue;
        }
        let s = stemmer.stem(&w.text);
        if s.chars().count() < 2 {
            continue;
        }
        match out.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n |= name,
            None => out.push((s, name)),
        }
    }
    out
}

#[cfg(test)]
fn stems(text: &str) -> Vec<(String, bool)> {
    stems_of(&words(text))
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

fn idf(df: u32, n: usize) -> f32 {
    ((n as f32 + 1.0) / (df as f32 + 0.5)).ln().max(0.0)
}

/// `1 + ln tf`, the damped weight of a term that occurs `tf` times.
fn log_tf(tf: u32) -> f32 {
    if tf == 1 { 1.0 } else { 1.0 + (tf as f32).ln() }
}

impl ClaimIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a published claim.
    pub fn add(&mut self, id: &str, text: &str) {
        self.remove(id);
        let mut name_ids = Vec::new();
        let mut stem_ids = Vec::new();
        let words = words(text);
        for (s, name) in stems_of(&words) {
            let id = self.stems.intern(&s);
            stem_ids.push(id);
            if self.names.len() <= id as usize {
                self.names.resize(id as usize + 1, 0);
            }
            if name {
                self.names[id as usize] += 1;
                name_ids.push(id);
            }
        }
        stem_ids.sort_unstable();
        name_ids.sort_unstable();
        let mut gram_ids = Vec::with_capacity(text.len() * 3);
        for_each_gram(&words, |g| gram_ids.push(self.grams.intern(g)));
        gram_ids.sort_unstable();
        let at = self.docs.len() as u32;
        for &s in &stem_ids {
            self.stems.postings[s as usize].push(at);
        }
        for run in gram_ids.chunk_by(|a, b| a == b) {
            self.grams.postings[run[0] as usize].push(at);
        }
        let mut values = numbers(text);
        values.sort_unstable();
        values.dedup();
        for &v in &values {
            self.numbers.entry(v).or_default().push(at);
        }
        let doc = Doc {
            id: id.into(),
            stems: stem_ids.into_boxed_slice(),
            names: name_ids.into_boxed_slice(),
            grams: gram_ids.into_boxed_slice(),
            numbers: values.into_boxed_slice(),
        };
        self.by_id.insert(id.into(), at);
        self.docs.push(doc);
        self.prepared = OnceLock::new();
    }

    /// Removes a claim (an unpublished clarification).
    pub fn remove(&mut self, id: &str) {
        let Some(at) = self.by_id.remove(id) else { return };
        let doc = self.docs.swap_remove(at as usize);
        for &s in doc.stems.iter() {
            self.stems.unpost(s, at);
        }
        for &s in doc.names.iter() {
            self.names[s as usize] -= 1;
        }
        for (g, _) in doc.gram_runs() {
            self.grams.unpost(g, at);
        }
        for v in doc.numbers.iter() {
            if let Some(list) = self.numbers.get_mut(v) {
                if let Some(i) = list.iter().position(|&d| d == at) {
                    list.swap_remove(i);
                }
                if list.is_empty() {
                    self.numbers.remove(v);
                }
            }
        }
        // The last claim took the removed one's place.
        let last = self.docs.len() as u32;
        if at != last {
            let moved = &self.docs[at as usize];
            for &s in moved.stems.iter() {
                self.stems.repost(s, last, at);
            }
            for (g, _) in moved.gram_runs() {
                self.grams.repost(g, last, at);
            }
            for v in moved.numbers.iter() {
                if let Some(d) = self.numbers.get_mut(v).and_then(|l| l.iter_mut().find(|d| **d == last)) {
                    *d = at;
                }
            }
            self.by_id.insert(moved.id.clone(), at);
        }
        self.prepared = OnceLock::new();
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn prepared(&self) -> &Prepared {
        self.prepared.get_or_init(|| {
            let n = self.docs.len();
            let stem_idf: Vec<f32> = (0..self.stems.postings.len()).map(|s| idf(self.stems.df(s as u32), n)).collect();
            let gram_idf: Vec<f32> = (0..self.grams.postings.len()).map(|g| idf(self.grams.df(g as u32), n)).collect();
            let stem_weight = self.docs.iter().map(|d| d.stems.iter().map(|&s| stem_idf[s as usize]).sum()).collect();
            let norm = self
                .docs
                .iter()
                .map(|d| {
                    d.gram_runs()
                        .map(|(g, tf)| {
                            let w = log_tf(tf) * gram_idf[g as usize];
                            w * w
                        })
                        .sum::<f32>()
                        .sqrt()
                })
                .collect();
            let is_name = (0..self.stems.postings.len())
                .map(|s| {
                    let df = self.stems.df(s as u32);
                    df > 0 && 2 * self.names.get(s).copied().unwrap_or(0) >= df
                })
                .collect();
            Prepared { stem_idf, is_name, gram_idf, stem_weight, norm }
        })
    }

    fn query(&self, p: &Prepared, text: &str) -> Query {
        let n = self.docs.len();
        let unknown = idf(0, n);
        let (mut weight, mut unknown_weight) = (0.0, 0.0);
        let mut q_stems = Vec::new();
        let words = words(text);
        let known = |s: &str| self.stems.get(s).filter(|&id| self.stems.df(id) > 0);
        for (s, _) in stems_of(&words) {
            match known(&s) {
                Some(id) => {
                    weight += p.stem_idf[id as usize];
                    q_stems.push(id);
                }
                None => match self.compound(&s) {
                    // Two words written as one (`transjogja`): both count, as known stems.
                    Some((a, b)) => {
                        for id in [a, b] {
                            if !q_stems.contains(&id) {
                                weight += p.stem_idf[id as usize];
                                q_stems.push(id);
                            }
                        }
                    }
                    None => unknown_weight += unknown,
                },
            }
        }
        q_stems.sort_unstable();
        let mut counts: FxMap<String, u32> = FxMap::default();
        for_each_gram(&words, |g| match counts.get_mut(g) {
            Some(c) => *c += 1,
            None => {
                counts.insert(g.to_owned(), 1);
            }
        });
        let mut norm = 0.0;
        let mut q_grams = Vec::with_capacity(counts.len());
        for (g, tf) in &counts {
            let id = self.grams.get(g);
            let w = log_tf(*tf) * id.map_or(unknown, |id| p.gram_idf[id as usize]);
            norm += w * w;
            if let Some(id) = id {
                q_grams.push((id, w));
            }
        }
        q_grams.sort_unstable_by_key(|(g, _)| *g);
        Query {
            stems: q_stems,
            weight,
            unknown: unknown_weight,
            grams: q_grams,
            norm: f32::sqrt(norm),
            numbers: numbers(text),
        }
    }

    /// A word no claim has that is two words the claims have, written together (`transjogja`,
    /// `bansostunai`): their stems. Only the first split that works, parts of four letters or
    /// more.
    fn compound(&self, word: &str) -> Option<(u32, u32)> {
        if word.len() < 8 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let stemmer = Stemmer::indonesian();
        let known = |part: &str| {
            let part = abbreviation(part).filter(|long| !long.contains(' ')).unwrap_or(part);
            let s = stemmer.stem(part);
            self.stems.get(&s).filter(|&id| self.stems.df(id) > 0)
        };
        (4..=word.len() - 4).find_map(|i| Some((known(&word[..i])?, known(&word[i..])?)))
    }

    /// The signals for claim `d` and a query.
    fn parts(&self, p: &Prepared, q: &Query, d: usize) -> Parts {
        let doc = &self.docs[d];
        let mut parts = Parts { q_weight: q.weight, d_weight: p.stem_weight[d], ..Parts::default() };
        let (mut i, mut j) = (0, 0);
        loop {
            let (a, b) = (q.stems.get(i).copied(), doc.stems.get(j).copied());
            let (s, in_q, in_d) = match (a, b) {
                (None, None) => break,
                (Some(a), Some(b)) if a == b => (a, true, true),
                (Some(a), Some(b)) if a < b => (a, true, false),
                (Some(a), None) => (a, true, false),
                (_, Some(b)) => (b, false, true),
            };
            let w = p.stem_idf[s as usize];
            let name = p.is_name[s as usize];
            if in_q {
                i += 1;
            }
            if in_d {
                j += 1;
            }
            match (in_q, in_d) {
                (true, true) => {
                    parts.shared += w;
                    if name {
                        parts.names_shared += w;
                    }
                }
                (true, false) if name => parts.q_names_missing += w,
                (false, true) if name => parts.d_names_missing += w,
                _ => {}
            }
        }
        // Cosine of the tf-idf weighted n-grams.
        let mut dot = 0.0;
        let mut i = 0;
        for (g, tf) in doc.gram_runs() {
            while i < q.grams.len() && q.grams[i].0 < g {
                i += 1;
            }
            if i == q.grams.len() {
                break;
            }
            if q.grams[i].0 == g {
                dot += q.grams[i].1 * log_tf(tf) * p.gram_idf[g as usize];
            }
        }
        let d_norm = p.norm[d];
        parts.cosine = if q.norm > 0.0 && d_norm > 0.0 { dot / (q.norm * d_norm) } else { 0.0 };
        if !q.numbers.is_empty() && !doc.numbers.is_empty() {
            parts.numbers = match q.numbers.iter().filter(|n| doc.numbers.contains(n)).max() {
                Some(&n) if n >= 1_000 => 2,
                Some(_) => 1,
                None => -1,
            };
        }
        parts
    }

    /// The full score of claim `d` for a query.
    fn score(&self, p: &Prepared, q: &Query, d: usize) -> f32 {
        self.parts(p, q, d).score()
    }

    /// The best claims with the signals behind their scores (for tuning).
    #[doc(hidden)]
    pub fn explain(&self, text: &str, k: usize) -> Vec<(Match, String)> {
        let p = self.prepared();
        let q = self.query(p, text);
        self.rank(text, k)
            .into_iter()
            .map(|m| {
                let d = self.by_id[m.id.as_str()] as usize;
                let parts = self.parts(p, &q, d);
                (m, format!("{parts:.2?} unknown {:.2}", q.unknown))
            })
            .collect()
    }

    /// The claims worth the full score: those sharing the query's rarest features, best first
    /// by the part of the score those features give, at most `keep`.
    fn shortlist(&self, p: &Prepared, q: &Query, keep: usize) -> Vec<u32> {
        let n = self.docs.len();
        // (df, is a stem, feature, what one posting adds)
        let mut features: Vec<(u32, bool, u32, f32)> = Vec::with_capacity(q.stems.len() + q.grams.len());
        features.extend(q.stems.iter().map(|&s| (self.stems.df(s), true, s, p.stem_idf[s as usize])));
        features.extend(q.grams.iter().map(|&(g, w)| (self.grams.df(g), false, g, w * p.gram_idf[g as usize])));
        features.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut partial = SCRATCH.with_borrow_mut(|acc| {
            if acc.len() < n {
                acc.resize(n, Acc::default());
            }
            let mut touched: Vec<u32> = Vec::new();
            let mut spent = 0usize;
            for &(df, is_stem, f, add) in &features {
                if spent >= POSTINGS_BUDGET {
                    break;
                }
                spent += df as usize;
                let list = if is_stem { &self.stems.postings[f as usize] } else { &self.grams.postings[f as usize] };
                for &d in list {
                    let a = &mut acc[d as usize];
                    if is_stem {
                        a.shared += add;
                    } else {
                        a.dot += add;
                    }
                    if !a.seen {
                        a.seen = true;
                        touched.push(d);
                    }
                }
            }
            // Numbers weigh as in the full score: agreement lifts, contradiction sinks.
            let with_number = |v: &u64| self.numbers.get(v).map_or(&[][..], Vec::as_slice);
            for v in &q.numbers {
                for &d in with_number(v) {
                    acc[d as usize].agrees = true;
                }
            }
            let partial: Vec<(f32, u32)> = touched
                .iter()
                .map(|&d| {
                    let a = &acc[d as usize];
                    let numbers = if a.agrees {
                        0.05
                    } else if !q.numbers.is_empty() && !self.docs[d as usize].numbers.is_empty() {
                        -0.15
                    } else {
                        0.0
                    };
                    let all = q.weight + p.stem_weight[d as usize] - a.shared;
                    let jaccard = if all > 0.0 { a.shared / all } else { 0.0 };
                    let coverage = if q.weight > 0.0 { a.shared / q.weight } else { 0.0 };
                    let nd = q.norm * p.norm[d as usize];
                    let cosine = if nd > 0.0 { a.dot / nd } else { 0.0 };
                    (0.35 * jaccard + 0.25 * coverage + 0.40 * cosine + numbers, d)
                })
                .collect();
            // Leave the scratch clean for the next query.
            for &d in &touched {
                acc[d as usize] = Acc::default();
            }
            for v in &q.numbers {
                for &d in with_number(v) {
                    acc[d as usize] = Acc::default();
                }
            }
            partial
        });
        if partial.len() > keep {
            partial.select_nth_unstable_by(keep, |a, b| b.0.total_cmp(&a.0));
            partial.truncate(keep);
        }
        partial.into_iter().map(|(_, d)| d).collect()
    }

    /// The best claims for a text, best first (at most `k`).
    pub fn rank(&self, text: &str, k: usize) -> Vec<Match> {
        self.rank_with(text, k, false)
    }

    /// [`ClaimIndex::rank`] scoring every claim in full: the reference the shortlist is
    /// checked against (tests, benchmarks).
    #[doc(hidden)]
    pub fn rank_exhaustive(&self, text: &str, k: usize) -> Vec<Match> {
        self.rank_with(text, k, true)
    }

    fn rank_with(&self, text: &str, k: usize, exhaustive: bool) -> Vec<Match> {
        if self.docs.is_empty() || k == 0 {
            return Vec::new();
        }
        let p = self.prepared();
        let q = self.query(p, text);
        self.top(p, &q, k, exhaustive).into_iter().map(|(score, d)| self.found(d, score)).collect()
    }

    fn found(&self, d: u32, score: f32) -> Match {
        Match { id: self.docs[d as usize].id.to_string(), score }
    }

    /// The best `k` claims (score, position), best first.
    fn top(&self, p: &Prepared, q: &Query, k: usize, exhaustive: bool) -> Vec<(f32, u32)> {
        let keep = SHORTLIST.max(4 * k);
        let mut scored: Vec<(f32, u32)> = if exhaustive || self.docs.len() <= 2 * keep {
            (0..self.docs.len()).map(|d| (self.score(p, q, d), d as u32)).collect()
        } else {
            self.shortlist(p, q, keep).into_iter().map(|d| (self.score(p, q, d as usize), d)).collect()
        };
        let order = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0).then_with(|| self.docs[a.1 as usize].id.cmp(&self.docs[b.1 as usize].id))
        };
        if scored.len() > k {
            scored.select_nth_unstable_by(k, order);
            scored.truncate(k);
        }
        scored.sort_by(order);
        scored
    }

    /// The answer for a forwarded text.
    ///
    /// Confident only when every one of these holds: the text has at least
    /// [`MIN_CONFIDENT_WORDS`] words; the best claim scores at least [`CONFIDENT`] and leads the
    /// second by [`LEAD`]; score and lead together (plus [`AGREEING_AMOUNT`] when an amount in
    /// the text is the claim's) reach [`CONFIDENT_EVIDENCE`]; no amount of the text contradicts
    /// the claim's; and the text does not name a place or office the claim lacks while the claim
    /// names one the text lacks (the same rumour elsewhere).
    pub fn answer(&self, text: &str) -> Answer {
        self.answer_with(text, false)
    }

    /// [`ClaimIndex::answer`] scoring every claim in full (the reference; tests, benchmarks).
    #[doc(hidden)]
    pub fn answer_exhaustive(&self, text: &str) -> Answer {
        self.answer_with(text, true)
    }

    fn answer_with(&self, text: &str, exhaustive: bool) -> Answer {
        if self.docs.is_empty() {
            return Answer::Unknown;
        }
        let p = self.prepared();
        let q = self.query(p, text);
        let top = self.top(p, &q, 3, exhaustive);
        let Some(&(best, d)) = top.first() else { return Answer::Unknown };
        let lead = best - top.get(1).map_or(0.0, |m| m.0);
        if best >= CONFIDENT && lead >= LEAD && word_count(text) >= MIN_CONFIDENT_WORDS {
            let parts = self.parts(p, &q, d as usize);
            // The text names a place or office the claim lacks, the claim names one the text
            // lacks, and a close runner-up has the text's: the same rumour elsewhere.
            let elsewhere = parts.q_names_missing > 0.0 && parts.d_names_missing > 0.0 && {
                let best_doc = &self.docs[d as usize];
                q.stems.iter().filter(|&&s| p.is_name[s as usize] && best_doc.stems.binary_search(&s).is_err()).any(
                    |s| top[1..].iter().any(|&(_, other)| self.docs[other as usize].stems.binary_search(s).is_ok()),
                )
            };
            let agreeing = if parts.numbers == 2 { AGREEING_AMOUNT } else { 0.0 };
            if parts.numbers >= 0 && !elsewhere && best + lead + agreeing >= CONFIDENT_EVIDENCE {
                return Answer::Confident(self.found(d, best));
            }
        }
        let candidates: Vec<Match> =
            top.into_iter().filter(|m| m.0 >= CANDIDATE).map(|(score, d)| self.found(d, score)).collect();
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
    evaluate_with(claims.len(), queries, |text| {
        let top = idx.rank(text, 5).into_iter().map(|m| m.id).collect();
        let confident = match idx.answer(text) {
            Answer::Confident(m) => Some(m.id),
            _ => None,
        };
        (top, confident)
    })
}

/// Scores any matcher on `queries` (text, the claim it restates or `None`): `matcher` gives, for
/// a text, the ids of its best claims (best first, up to five) and the id it answers with
/// confidence, if any. `claims` is only reported.
pub fn evaluate_with(
    claims: usize,
    queries: &[(String, Option<String>)],
    mut matcher: impl FnMut(&str) -> (Vec<String>, Option<String>),
) -> Metrics {
    let (mut positives, mut at1, mut rr, mut conf_right, mut nulls, mut false_conf, mut confident) =
        (0usize, 0usize, 0f32, 0usize, 0usize, 0usize, 0usize);
    for (text, expect) in queries {
        let (top, confident_id) = matcher(text);
        if confident_id.is_some() {
            confident += 1;
        }
        match expect {
            Some(want) => {
                positives += 1;
                if top.first() == Some(want) {
                    at1 += 1;
                }
                if let Some(rank) = top.iter().take(5).position(|id| id == want) {
                    rr += 1.0 / (rank as f32 + 1.0);
                }
                if confident_id.as_ref() == Some(want) {
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
        claims,
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

    #[test]
    fn abbreviations_meet_their_long_form() {
        let mut idx = ClaimIndex::new();
        idx.add(
            "KIS",
            "Kartu Indonesia Sehat tidak berlaku lagi mulai bulan depan dan harus diganti kartu baru berbayar.",
        );
        idx.add(
            "KIP",
            "Kartu Indonesia Pintar tidak berlaku lagi mulai bulan depan dan harus diganti kartu baru berbayar.",
        );
        idx.add("BANSOS", "Pemerintah memberikan bantuan sosial tunai Rp 600.000 lewat tautan pendaftaran online.");
        assert_eq!(idx.rank("KIS gak berlaku bulan depan, harus ganti kartu baru dan bayar", 1)[0].id, "KIS");
        assert_eq!(idx.rank("bansos 600rb dari pemerintah, daftar lewat link", 1)[0].id, "BANSOS");
    }

    /// Near-misses: the same rumour in another province or with another amount.
    fn near_misses() -> ClaimIndex {
        let mut idx = ClaimIndex::new();
        idx.add(
            "SULTENG",
            "Jaringan seluler di Sulawesi Tengah putus total selama dua hari mulai besok karena gangguan satelit.",
        );
        idx.add(
            "SULUT",
            "Sinyal ponsel di seluruh Sulawesi Utara akan mati total selama dua hari karena perbaikan kabel bawah laut.",
        );
        idx.add(
            "BRI150",
            "BRI mengubah tarif transfer menjadi Rp 150.000 per bulan bagi nasabah yang mengisi formulir.",
        );
        idx.add("TELUR", "Telur palsu buatan pabrik beredar luas di pasar tradisional.");
        idx.add("BORO", "Candi Borobudur ditutup untuk umum selama satu tahun mulai bulan depan.");
        idx
    }

    #[test]
    fn another_place_or_amount_is_never_confident() {
        let idx = near_misses();
        let conf = |q: &str| matches!(idx.answer(q), Answer::Confident(_));
        // Worded like the Sulawesi Tengah claim, but about Sulawesi Utara.
        assert!(!conf("Info: jaringan seluler di Sulawesi Utara putus total dua hari mulai besok, kabarin keluarga"));
        // Another amount.
        assert!(!conf("BRI mengubah tarif transfer menjadi Rp 250.000 per bulan bagi nasabah yang mengisi formulir"));
        // The claim itself, reworded, is.
        assert!(conf("bri ubah tarif transfer jadi 150rb per bulan buat nasabah yg isi formulir, bener gak"));
        assert!(conf("jaringan seluler di sulteng putus total dua hari mulai besok krn gangguan satelit"));
    }

    #[test]
    fn chatter_around_a_claim_does_not_hide_it() {
        let idx = near_misses();
        let plain = idx.rank("telur palsu buatan pabrik beredar di pasar tradisional", 1)[0].score;
        let wrapped =
            idx.rank("info dong, katanya telur palsu buatan pabrik beredar di pasar tradisional ya? sebarkan", 1);
        assert_eq!(wrapped[0].id, "TELUR");
        assert!((wrapped[0].score - plain).abs() < 0.05, "{plain} vs {wrapped:?}");
    }

    #[test]
    fn names_are_learned_from_how_claims_write_them() {
        let stems = stems("Warga di Kota Cilegon dan BRI cabang kota");
        let name = |w: &str| stems.iter().find(|(s, _)| s == w).map(|(_, n)| *n);
        assert_eq!(name("cilegon"), Some(true));
        assert_eq!(name("bri"), Some(true));
        assert_eq!(name("warga"), Some(false), "capital at the start of a sentence");
        assert_eq!(name("kota"), Some(true), "once written as a name is enough for the text");
        assert_eq!(name("cabang"), Some(false));
    }

    #[test]
    fn remove_and_replace_keep_the_index_consistent() {
        let mut idx = near_misses();
        idx.remove("SULUT");
        idx.remove("nothing");
        assert_eq!(idx.len(), 4);
        assert!(idx.rank("sinyal ponsel sulawesi utara mati", 5).iter().all(|m| m.id != "SULUT"));
        idx.add("TELUR", "Daun sirsak rebus dapat menyembuhkan kanker dalam dua minggu.");
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.rank("rebusan daun sirsak sembuhkan kanker", 1)[0].id, "TELUR");
        let sent: Box<dyn Send + Sync> = Box::new(idx.clone());
        drop(sent);
    }
}
