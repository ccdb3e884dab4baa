//! The tantivy analyzer built on `simpul-text`: normalise, tokenise (slang, reduplication,
//! clitics), drop function words, stem. Index and queries go through the same steps, so
//! `dibagikan`, `membagikan`, `pembagian` and `bagi2` all meet at `bagi`.

use simpul_text::{Kind, Stemmer, is_stopword, tokenize};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the analyzer is registered under.
pub const NAME: &str = "id_stem";

/// Stems already computed on this thread: news repeats its words, and stemming a word is
/// the costly step. Bounded; emptied when full.
const STEM_CACHE_MAX: usize = 100_000;

thread_local! {
    static STEMS: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
}

fn stem_cached(stemmer: &Stemmer, word: &str) -> String {
    STEMS.with(|c| {
        if let Some(s) = c.borrow().get(word) {
            return s.clone();
        }
        let s = stemmer.stem(word);
        let mut c = c.borrow_mut();
        if c.len() >= STEM_CACHE_MAX {
            c.clear();
        }
        c.insert(word.to_owned(), s.clone());
        s
    })
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
