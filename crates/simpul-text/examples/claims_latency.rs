//! Claim matching at scale: builds a store of synthetic clarifications (100,000 by default),
//! then times `answer()` on reworded, slang forwarded texts and prints p50/p99, the build time
//! and the memory the process holds; checks the shortlist against scoring every claim.
//!
//!     cargo run -p simpul-text --release --example claims_latency [-- CLAIMS QUERIES CHECKED]

use std::time::Instant;

use simpul_text::claims::{Answer, ClaimIndex};

#[path = "../tests/common/legacy.rs"]
mod legacy;
#[path = "../tests/common/synth.rs"]
mod synth;

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n = args.first().copied().unwrap_or(100_000);
    let nq = args.get(1).copied().unwrap_or(2_000);
    let checked = args.get(2).copied().unwrap_or(200);
    let claims = synth::claims(n, 7);
    let queries = synth::queries(&claims, nq, 11);
    let before = rss_mib();

    let t = Instant::now();
    let mut idx = ClaimIndex::new();
    for (id, text) in &claims {
        idx.add(id, text);
    }
    let build = t.elapsed();
    let t = Instant::now();
    idx.rank("warmup", 1);
    let prepare = t.elapsed();
    let after = rss_mib();
    println!(
        "{n} claims: add() {:.2} s, first query (idf and norms) {:.0} ms, RSS {:.0} MiB (index ≈ {:.0} MiB)",
        build.as_secs_f64(),
        prepare.as_secs_f64() * 1e3,
        after,
        after - before
    );

    let show = std::env::var("SHOW").is_ok();
    let text_of: std::collections::HashMap<&str, &str> = claims.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
    let mut times = Vec::with_capacity(nq);
    let (mut at1, mut pos, mut conf_right, mut conf, mut null_conf, mut nulls) = (0, 0, 0, 0, 0, 0);
    for (q, want) in &queries {
        let t = Instant::now();
        let a = std::hint::black_box(idx.answer(q));
        times.push(t.elapsed().as_secs_f64() * 1e3);
        let got = match &a {
            Answer::Confident(m) => {
                conf += 1;
                Some(&m.id)
            }
            _ => None,
        };
        if show
            && let Some(g) = got
            && want.as_ref() != Some(g)
        {
            println!("  wrong confident: {q}\n    got  {g} {}\n    want {want:?}", text_of[g.as_str()]);
            for (m, why) in idx.explain(q, 2) {
                println!("      {} {:.3} {why}", m.id, m.score);
            }
            if let Some(w) = want {
                println!("         {}", text_of[w.as_str()]);
            }
        }
        match want {
            Some(w) => {
                pos += 1;
                if got == Some(w) {
                    conf_right += 1;
                }
                if idx.rank(q, 1).first().is_some_and(|m| &m.id == w) {
                    at1 += 1;
                }
            }
            None => {
                nulls += 1;
                if got.is_some() {
                    null_conf += 1;
                }
            }
        }
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let pct = |p: f64| sorted[((sorted.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "answer() over {nq} queries: p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms, mean {:.3} ms",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
        times.iter().sum::<f64>() / times.len() as f64
    );
    println!(
        "synthetic: recall@1 {:.3} (exact duplicates count as misses), confident recall {:.3}, auto precision {:.3}, false-match {:.3}",
        at1 as f64 / pos.max(1) as f64,
        conf_right as f64 / pos.max(1) as f64,
        conf_right as f64 / conf.max(1) as f64,
        null_conf as f64 / nulls.max(1) as f64
    );

    // Unpublishing and republishing (edits): remove() walks the lists of the claim's features.
    let mut copy = idx.clone();
    let t = Instant::now();
    for (id, _) in claims.iter().step_by(n / 100) {
        copy.remove(id);
    }
    let removed = t.elapsed();
    let t = Instant::now();
    for (id, text) in claims.iter().step_by(n / 100) {
        copy.add(id, text);
    }
    println!(
        "100 × remove(): {:.1} ms each; 100 × add() back: {:.2} ms each",
        removed.as_secs_f64() * 1e3 / 100.0,
        t.elapsed().as_secs_f64() * 1e3 / 100.0
    );
    drop(copy);

    // The shortlist against scoring every claim in full.
    let (mut same, mut differ, mut answers_differ) = (0, 0, 0);
    let t = Instant::now();
    for (q, _) in queries.iter().take(checked) {
        let fast = idx.rank(q, 5);
        let full = idx.rank_exhaustive(q, 5);
        if idx.answer(q) != idx.answer_exhaustive(q) {
            answers_differ += 1;
        }
        let agree = fast.len() == full.len()
            && fast.iter().zip(&full).all(|(a, b)| a.id == b.id || (a.score - b.score).abs() < 1e-5);
        if agree {
            same += 1;
        } else {
            differ += 1;
            if differ <= 5 {
                println!("  differs: {q:?}\n    shortlist {fast:?}\n    every claim {full:?}");
            }
        }
    }
    println!(
        "shortlist vs every claim, {checked} queries: top 5 identical for {same}, differ for {differ}; answer() differs for {answers_differ} ({:.0} ms per exhaustive query)",
        t.elapsed().as_secs_f64() * 1e3 / checked.max(1) as f64
    );

    // The first matcher (linear scan), for comparison: `LEGACY=1`.
    if std::env::var("LEGACY").is_ok() {
        let t = Instant::now();
        let mut old = legacy::LegacyIndex::default();
        for (id, text) in &claims {
            old.add(id, text);
        }
        let build = t.elapsed();
        old.rank("warmup", 1);
        let mut times: Vec<f64> = queries
            .iter()
            .take(50)
            .map(|(q, _)| {
                let t = Instant::now();
                std::hint::black_box(old.answer(q));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "first matcher: add() {:.2} s, answer() over 50 queries p50 {:.0} ms, max {:.0} ms, RSS {:.0} MiB",
            build.as_secs_f64(),
            times[times.len() / 2],
            times[times.len() - 1],
            rss_mib()
        );
    }
}
