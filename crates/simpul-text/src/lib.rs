//! Indonesian text processing for Simpul.
//!
//! This crate has no dependency on the server. It grows with the search and hoax issues
//! (normalisation, stemming, claim features); for now it owns slugs: turning a title or a
//! place name written in Indonesian into a stable ASCII URL segment.

mod slug;
mod stem;
mod stopwords;
mod tokenize;

pub mod claims;

pub use slug::{slugify, sort_key};
pub use stem::Stemmer;
pub use stopwords::is_stopword;
pub use tokenize::{Kind, Token, fold, tokenize};
