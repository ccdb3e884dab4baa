//! The tantivy analyzer built on `simpul-text`: normalise, tokenise (slang, reduplication,
//! clitics), drop function words, stem. Index and queries go through the same steps, so
//! `dibagikan`, `membagikan`, `pembagian` and `bagi2` all meet at `bagi`.

use simpul_text::{Kind, Stemmer, is_stopword, tokenize};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the analyzer is registered under.
pub const NAME: &str = "id_stem";

/// Stems already computed: news repeats its words, and stemming a word is the costly step.
/// One cache for the process (not one per thread: search runs on many blocking threads, and
/// a cache each held most of the server's memory). Bounded; emptied when full.
const STEM_CACHE_MAX: usize = 100_000;

static STEMS: std::sync::LazyLock<std::sync::RwLock<std::collections::HashMap<Box<str>, Box<str>>>> =
    std::sync::LazyLock::new(Default::default);

fn stem_cached(stemmer: &Stemmer, word: &str) -> String {
    if let Some(s) = STEMS.read().ok().and_then(|c| c.get(word).map(|s| s.to_string())) {
        return s;
    }
    let s = stemmer.stem(word);
    if let Ok(mut c) = STEMS.write() {
        if c.len() >= STEM_CACHE_MAX {
            c.clear();
        }
        c.insert(word.into(), s.as_str().into());
    }
    s
}

/// The terms of a text as the index stores them: (term, position, byte range in the text).
pub fn terms(text: &str) -> Vec<(String, usize, usize, usize)> {
    let stemmer = Stemmer::indonesian();
    tokenize(text, stemmer)
        .into_iter()
        .filter(|t| t.kind != Kind::Word || !is_stopword(&t.text))
        .map(|t| {
            let term = if t.kind == Kind::Word { stem_cached(stemmer, &t.text) } else { t.text };
            (term, t.position, t.start, t.end)
        })
        .collect()
}

/// The words of a text with their byte ranges, each marked when its stem is one of `stems`.
/// Cheaper than [`terms`]: a word is only stemmed when it could stem to one of them. Affixes
/// never change a root's letters after the first (`memukul` ← `pukul`), so a word that does
/// not contain some stem without its first letter cannot stem to it.
pub fn marked_terms(text: &str, stems: &std::collections::HashSet<String>) -> Vec<(bool, usize, usize)> {
    let stemmer = Stemmer::indonesian();
    let keys: Vec<&str> = stems
        .iter()
        .map(|s| match s.char_indices().nth(1) {
            Some((i, _)) if s.len() >= 4 => &s[i..],
            _ => "",
        })
        .collect();
    tokenize(text, stemmer)
        .into_iter()
        .filter(|t| t.kind != Kind::Word || !is_stopword(&t.text))
        .map(|t| {
            let hit = if t.kind != Kind::Word {
                stems.contains(&t.text)
            } else if stems.contains(&t.text) {
                true
            } else if keys.iter().any(|k| t.text.contains(k)) {
                stems.contains(&stem_cached(stemmer, &t.text))
            } else {
                false
            };
            (hit, t.start, t.end)
        })
        .collect()
}

#[derive(Clone, Default)]
pub struct IndonesianTokenizer;

pub struct IndonesianStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = IndonesianStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> IndonesianStream {
        let tokens = terms(text)
            .into_iter()
            .map(|(text, position, offset_from, offset_to)| Token {
                offset_from,
                offset_to,
                position,
                text,
                position_length: 1,
            })
            .collect();
        IndonesianStream { tokens, next: 0 }
    }
}

impl TokenStream for IndonesianStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
