//! The indexed claim matcher against scoring every claim: the shortlist must not change what
//! a citizen is told. Checked on the development set alone, on the development set hidden among
//! 20,000 synthetic near-miss clarifications, and against the first (linear-scan) matcher.

mod common;

use common::{legacy::LegacyIndex, synth};
use simpul_text::claims::{Answer, CANDIDATE, ClaimIndex, Claims, Match, Queries};

fn dev() -> (Claims, Queries) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/claims-dev");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
    let claims = read("claims.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_owned(), v["claim"].as_str().unwrap().to_owned())
        })
        .collect();
    let queries = read("queries.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["query"].as_str().unwrap().to_owned(), v["expect"].as_str().map(str::to_owned))
        })
        .collect();
    (claims, queries)
}

/// Same claims in the same order, scores equal up to float rounding (sums run in another order).
fn same(a: &[Match], b: &[Match]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x.score - y.score).abs() < 1e-4 && (x.id == y.id))
}

/// Above `CANDIDATE` (what anyone is shown), the same claims in the same order.
fn same_shown(a: &[Match], b: &[Match]) -> bool {
    let shown = |m: &[Match]| m.iter().filter(|m| m.score >= CANDIDATE).cloned().collect::<Vec<_>>();
    same(&shown(a), &shown(b))
}

fn same_answer(a: &Answer, b: &Answer) -> bool {
    match (a, b) {
        (Answer::Confident(x), Answer::Confident(y)) => same(std::slice::from_ref(x), std::slice::from_ref(y)),
        (Answer::Candidates(x), Answer::Candidates(y)) => same(x, y),
        (Answer::Unknown, Answer::Unknown) => true,
        _ => false,
    }
}

#[test]
fn shortlist_agrees_with_scoring_every_claim_among_20k_near_misses() {
    let (claims, queries) = dev();
    let synthetic = synth::claims(20_000, 3);
    let mut idx = ClaimIndex::new();
    for (id, text) in synthetic.iter().chain(&claims) {
        idx.add(id, text);
    }
    let mut texts: Vec<String> = queries.iter().map(|(q, _)| q.clone()).collect();
    texts.extend(synth::queries(&synthetic, 300, 5).into_iter().map(|(q, _)| q));
    let mut differ = Vec::new();
    for q in &texts {
        let (fast, full) = (idx.rank(q, 3), idx.rank_exhaustive(q, 3));
        if !same_shown(&fast, &full) || !same_answer(&idx.answer(q), &idx.answer_exhaustive(q)) {
            differ.push(format!("{q}\n  {fast:?}\n  {full:?}"));
        }
    }
    assert!(differ.is_empty(), "{} of {} differ:\n{}", differ.len(), texts.len(), differ.join("\n"));
}

#[test]
fn removing_claims_leaves_the_index_as_if_they_were_never_added() {
    let (claims, queries) = dev();
    let mut idx = ClaimIndex::new();
    for (id, text) in &claims {
        idx.add(id, text);
    }
    // Remove every third claim, replace every fifth with another text.
    let mut fresh = ClaimIndex::new();
    for (i, (id, text)) in claims.iter().enumerate() {
        if i % 3 == 0 {
            idx.remove(id);
        } else if i % 5 == 0 {
            let other = &claims[(i + 7) % claims.len()].1;
            idx.add(id, other);
            fresh.add(id, other);
        } else {
            fresh.add(id, text);
        }
    }
    assert_eq!(idx.len(), fresh.len());
    for (q, _) in &queries {
        assert!(same(&idx.rank(q, 10), &fresh.rank(q, 10)), "{q}");
    }
}

/// (recall@1, confident recall, false confident answers) of a matcher on the development set.
fn figures(
    queries: &Queries,
    rank1: impl Fn(&str) -> Option<String>,
    answer: impl Fn(&str) -> Answer,
) -> (usize, usize, usize) {
    let (mut at1, mut confident, mut wrong) = (0, 0, 0);
    for (q, want) in queries {
        if want.is_some() && rank1(q) == *want {
            at1 += 1;
        }
        if let Answer::Confident(m) = answer(q) {
            if want.as_deref() == Some(m.id.as_str()) {
                confident += 1;
            } else {
                wrong += 1;
            }
        }
    }
    (at1, confident, wrong)
}

#[test]
fn does_at_least_as_well_as_the_first_linear_scan_matcher_on_the_development_set() {
    let (claims, queries) = dev();
    let mut idx = ClaimIndex::new();
    let mut legacy = LegacyIndex::default();
    for (id, text) in &claims {
        idx.add(id, text);
        legacy.add(id, text);
    }
    let now = figures(&queries, |q| idx.rank(q, 1).pop().map(|m| m.id), |q| idx.answer(q));
    let then = figures(&queries, |q| legacy.rank(q, 1).pop().map(|m| m.id), |q| legacy.answer(q));
    println!("(recall@1, confident right, confident wrong): now {now:?}, first matcher {then:?}");
    assert!(now.0 >= then.0 && now.1 > then.1 && now.2 < then.2, "now {now:?}, first matcher {then:?}");
}
