//! The full-text index of published articles (tantivy with the Indonesian analyzer from
//! `simpul-text`). It is a cache of the database: `features::search` fills it from the news
//! capability's read models and keeps it current through the change outbox; `features::news`
//! asks it for similar articles ("Baca juga").

pub mod analyzer;
mod index;
mod similar;

pub use index::{FacetCounts, FacetSegment, Fields, IndexDoc, SearchIndex};
pub use similar::Similar;
