//! Indonesian text processing for Simpul.
//!
//! This crate has no dependency on the server, so it is unit-tested, fuzzed and benchmarked on
//! its own: slugs and sort keys (`slug`), tokenising everyday Indonesian with its slang,
//! reduplication and clitics (`tokenize`), function words (`stopwords`), stemming (`stem`),
//! and the features and matcher behind the hoax tip-line (`claims`).

mod slug;
mod stem;
mod stopwords;
mod tokenize;

pub mod claims;

pub use slug::{slugify, sort_key};
pub use stem::Stemmer;
pub use stopwords::is_stopword;
pub use tokenize::{Kind, Token, fold, tokenize};
