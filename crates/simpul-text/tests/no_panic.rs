//! A stable-toolchain companion of the cargo-fuzz target (`fuzz/`): many generated inputs,
//! mixing Indonesian fragments, digits, punctuation and awkward Unicode, through
//! normalise → tokenise → stem. None may panic; offsets stay on character boundaries.

use simpul_text::{Stemmer, fold, tokenize};

const PIECES: &[&str] = &[
    "di",
    "me",
    "ng",
    "ny",
    "kan",
    "an",
    "i",
    "nya",
    "lah",
    "-",
    "2",
    "22",
    "0812",
    "+62",
    "@",
    ".",
    "www.",
    "http://",
    "é",
    "e\u{301}",
    "İ",
    "ß",
    "ﬁ",
    "\u{200d}",
    "\u{0}",
    "🙂",
    "ا",
    "中",
    " ",
    "\t",
    "\n",
    "aaaa",
    "bangettt",
    "s4y4",
    "anak-anak",
    "--",
    "-2",
    "2-",
    "meng",
    "memper",
    "ke",
    "ber",
    "ter",
    "pe",
    "se",
    "k",
    "m",
    "(",
    ")",
    "'",
    "\"",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn generated_inputs_never_panic() {
    let stemmer = Stemmer::indonesian();
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    for _ in 0..20_000 {
        let n = (rng.next() % 12) as usize;
        let text: String = (0..n).map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize]).collect();
        let _ = fold(&text);
        for t in tokenize(&text, stemmer) {
            assert!(t.start <= t.end && t.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end), "{text:?}");
            let _ = stemmer.stem(&t.text);
        }
        for w in text.split_whitespace() {
            let _ = stemmer.stem(w);
        }
    }
}
