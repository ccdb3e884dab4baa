//! Stemmer throughput in words per second, on the 4,398 inflected words of the evaluation
//! list (the same words `bench/pysastrawi_speed.py` gives PySastrawi).
//!
//!     cargo bench -p simpul-text --bench stem

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use simpul_text::{Stemmer, tokenize};

fn words() -> Vec<&'static str> {
    include_str!("../tests/data/gold-pairs.tsv").lines().filter_map(|l| l.split('\t').next()).collect()
}

fn bench(c: &mut Criterion) {
    let words = words();
    let stemmer = Stemmer::indonesian();
    let mut g = c.benchmark_group("stemmer");
    g.throughput(Throughput::Elements(words.len() as u64));
    g.bench_function("stem", |b| {
        b.iter(|| {
            for w in &words {
                std::hint::black_box(stemmer.stem(std::hint::black_box(w)));
            }
        })
    });
    let text = words.join(" ");
    g.bench_function("tokenize+stem", |b| {
        b.iter(|| {
            for t in tokenize(std::hint::black_box(&text), stemmer) {
                std::hint::black_box(stemmer.stem(&t.text));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
