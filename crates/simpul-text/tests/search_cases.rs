//! The everyday forms the search must connect, with the shipped root list.

use simpul_text::{Stemmer, tokenize};

/// The stems of a text, as the search index sees them.
fn stems(text: &str) -> Vec<String> {
    let s = Stemmer::indonesian();
    tokenize(text, s).into_iter().map(|t| s.stem(&t.text)).collect()
}

#[test]
fn affixed_forms_reach_their_root() {
    for w in ["dibagikan", "membagikan", "pembagian", "bagi2", "bagi"] {
        assert!(stems(w).contains(&"bagi".to_owned()), "{w}: {:?}", stems(w));
    }
    assert_eq!(stems("rumahnya"), ["rumah"]);
    assert!(stems("anak-anak").contains(&"anak".to_owned()));
    assert_eq!(stems("jln rusak"), stems("jalan rusak"));
    assert_eq!(stems("pembangunan"), ["bangun"]);
    assert_eq!(stems("Pemkot Cilegon membangun jalan"), ["perintah", "cilegon", "bangun", "jalan"]);
}

#[test]
fn slang_reaches_the_same_stems_as_standard_writing() {
    assert_eq!(stems("yg sdh dibagikan gak bener"), stems("yang sudah dibagikan tidak benar"));
}
