//! normalise → tokenise → stem must never panic, and offsets must stay on the input's
//! character boundaries.
//!
//!     cargo install cargo-fuzz
//!     cd crates/simpul-text && cargo +nightly fuzz run analyze -- -max_total_time=300
#![no_main]

use libfuzzer_sys::fuzz_target;
use simpul_text::{Stemmer, fold, tokenize};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let stemmer = Stemmer::indonesian();
    let _ = fold(text);
    for t in tokenize(text, stemmer) {
        assert!(t.start <= t.end && t.end <= text.len());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        let _ = stemmer.stem(&t.text);
    }
});
