//! The committed evaluation of the stemmer: exact-match accuracy against 4,398 word → root
//! pairs from sources independent of the root list (see `data/README.md`). Run
//! `cargo test -p simpul-text --test stemmer_eval -- --nocapture` to see the number and the
//! misses.

use simpul_text::Stemmer;

#[test]
fn stemmer_accuracy_on_the_gold_pairs() {
    let gold = include_str!("data/gold-pairs.tsv");
    let stemmer = Stemmer::indonesian();
    let (mut total, mut right) = (0usize, 0usize);
    let mut misses = Vec::new();
    for line in gold.lines() {
        let Some((word, root)) = line.split_once('\t') else { continue };
        total += 1;
        let got = stemmer.stem(word);
        if got == root {
            right += 1;
        } else {
            misses.push(format!("{word} → {got} (expected {root})"));
        }
    }
    let accuracy = right as f64 / total as f64;
    println!("stemmer accuracy: {right}/{total} = {:.2} %", accuracy * 100.0);
    for m in misses.iter().take(40) {
        println!("  {m}");
    }
    assert!(total > 4000, "the gold list is there");
    assert!(accuracy >= 0.95, "accuracy {:.2} % is below 95 %", accuracy * 100.0);
}
