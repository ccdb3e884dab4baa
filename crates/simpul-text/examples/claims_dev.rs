//! The claim matcher on the development set: the figures, then every query that is not a
//! right confident answer or a right "unknown", with its best two claims and scores.
//!
//!     cargo run -p simpul-text --release --example claims_dev [-- all]

use simpul_text::claims::{Answer, ClaimIndex, evaluate};

#[path = "../tests/common/legacy.rs"]
mod legacy;

fn main() {
    let all = std::env::args().any(|a| a == "all");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/claims-dev");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
    let field = |l: &str, k: &str| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        v[k].as_str().map(str::to_owned)
    };
    let claims: Vec<(String, String)> = read("claims.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| (field(l, "id").unwrap(), field(l, "claim").unwrap()))
        .collect();
    let queries: Vec<(String, Option<String>)> = read("queries.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| (field(l, "query").unwrap(), field(l, "expect")))
        .collect();
    println!("all:  {:?}", evaluate(&claims, &queries));
    let half = |odd: usize| queries.iter().enumerate().filter(move |(i, _)| i % 2 == odd).map(|(_, q)| q.clone());
    println!("even: {:?}", evaluate(&claims, &half(0).collect::<Vec<_>>()));
    println!("odd:  {:?}", evaluate(&claims, &half(1).collect::<Vec<_>>()));
    let mut idx = ClaimIndex::new();
    for (id, text) in &claims {
        idx.add(id, text);
    }
    let text_of = |id: &str| claims.iter().find(|(i, _)| i == id).map_or("", |(_, t)| t.as_str());
    // Each restating text with its claim taken out of the store: the near-misses left must not
    // be answered with confidence.
    let mut orphans = 0;
    for (q, want) in &queries {
        let Some(w) = want else { continue };
        let mut without = idx.clone();
        without.remove(w);
        if let Answer::Confident(m) = without.answer(q) {
            orphans += 1;
            if std::env::args().any(|a| a == "orphans") {
                println!("orphan confident: {q}\n   -> {} {:.3} {}", m.id, m.score, text_of(&m.id));
                for (m, why) in without.explain(q, 2) {
                    println!("      {} {:.3} {why}", m.id, m.score);
                }
            }
        }
    }
    let mut old_orphans = 0;
    for (q, want) in &queries {
        let Some(w) = want else { continue };
        let mut old = legacy::LegacyIndex::default();
        for (id, text) in claims.iter().filter(|(id, _)| id != w) {
            old.add(id, text);
        }
        if matches!(old.answer(q), Answer::Confident(_)) {
            old_orphans += 1;
        }
    }
    println!("claim taken out, first matcher: {old_orphans} confident");
    println!(
        "claim taken out: {orphans} of {} texts still get a confident answer",
        queries.iter().filter(|q| q.1.is_some()).count()
    );
    for (q, want) in &queries {
        let top = idx.rank(q, 2);
        let explained = idx.explain(q, 3);
        let answer = idx.answer(q);
        let ok = match (&answer, want) {
            (Answer::Confident(m), Some(w)) => &m.id == w,
            (Answer::Confident(_), None) => false,
            (_, None) => true,
            _ => false,
        };
        if std::env::args().any(|a| a == "table") {
            let kind = match (want, explained.first()) {
                (None, _) => "NULL ",
                (Some(w), Some((m, _))) if &m.id == w => "right",
                _ => "WRONG",
            };
            let second = explained.get(1).map_or(0.0, |(m, _)| m.score);
            if let Some((m, why)) = explained.first() {
                println!(
                    "{kind} {} wc{:>2} s1 {:.3} lead {:.3} {} | {}",
                    if matches!(answer, Answer::Confident(_)) { "C" } else { "." },
                    simpul_text::claims::word_count(q),
                    m.score,
                    m.score - second,
                    why.replace("Parts { ", "").replace(" }", "").replace("names_", "n").replace("missing", "miss"),
                    &q.chars().take(60).collect::<String>()
                );
            }
            continue;
        }
        if ok && !all {
            continue;
        }
        let tag = match &answer {
            Answer::Confident(m) => format!("CONF {}", m.id),
            Answer::Candidates(_) => "cand".into(),
            Answer::Unknown => "unk".into(),
        };
        println!("\n[{tag}] want {want:?} ({} words): {q}", simpul_text::claims::word_count(q));
        for (m, why) in &explained {
            let mark = if Some(&m.id) == want.as_ref() { "*" } else { " " };
            println!("  {mark}{:>6} {:.3} {}\n           {why}", m.id, m.score, text_of(&m.id));
        }
        if let Some(w) = want
            && top.first().is_none_or(|m| &m.id != w)
        {
            let s = idx.rank(q, 300).into_iter().position(|m| &m.id == w);
            println!("   want at {s:?}: {}", text_of(w));
        }
    }
}
