//! Claim matching with 100,000 synthetic clarifications loaded (rumour templates × cities,
//! kelurahan, amounts, dates and institutions: many near-misses), answering reworded, slang
//! forwarded texts. For p50/p99 and the build time see `examples/claims_latency.rs`.
//!
//!     cargo bench -p simpul-text --bench claims

use criterion::{Criterion, criterion_group, criterion_main};
use simpul_text::claims::ClaimIndex;

#[path = "../tests/common/synth.rs"]
mod synth;

fn bench(c: &mut Criterion) {
    let claims = synth::claims(100_000, 7);
    let queries = synth::queries(&claims, 2_000, 11);
    let mut idx = ClaimIndex::new();
    for (id, text) in &claims {
        idx.add(id, text);
    }
    idx.rank("", 1);
    let mut g = c.benchmark_group("claims_100k");
    let mut i = 0;
    g.bench_function("answer", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            std::hint::black_box(idx.answer(std::hint::black_box(&queries[i].0)))
        })
    });
    let mut i = 0;
    g.bench_function("rank_10", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            std::hint::black_box(idx.rank(std::hint::black_box(&queries[i].0), 10))
        })
    });
    g.finish();
    let mut g = c.benchmark_group("claims_build");
    g.sample_size(10);
    let few = &claims[..10_000];
    g.bench_function("add_10k", |b| {
        b.iter(|| {
            let mut idx = ClaimIndex::new();
            for (id, text) in few {
                idx.add(id, text);
            }
            std::hint::black_box(idx.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
