//! Indonesian text processing for Simpul.
//!
//! This crate has no dependency on the server. It grows with the search and hoax issues
//! (normalisation, stemming, claim features); for now it owns slugs: turning a title or a
//! place name written in Indonesian into a stable ASCII URL segment.

mod slug;

pub use slug::{slugify, sort_key};
