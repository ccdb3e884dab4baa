//! `simpul eval claims`: scores the claim matcher (the one the tip-line uses) on a set of
//! claims and queries, and prints the figures as JSON on the last line.

use std::{path::Path, process::ExitCode};

use anyhow::Context;
use simpul_text::claims;

fn lines(path: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).with_context(|| format!("{}: line {} is not JSON", path.display(), n + 1))
        })
        .collect()
}

pub fn claims(claims_file: &Path, queries_file: &Path) -> anyhow::Result<ExitCode> {
    let field = |v: &serde_json::Value, k: &str, file: &Path| -> anyhow::Result<String> {
        v[k].as_str().map(str::to_owned).with_context(|| format!("{}: a line has no text field `{k}`", file.display()))
    };
    let claims: Vec<(String, String)> = lines(claims_file)?
        .iter()
        .map(|v| Ok((field(v, "id", claims_file)?, field(v, "claim", claims_file)?)))
        .collect::<anyhow::Result<_>>()?;
    let queries: Vec<(String, Option<String>)> = lines(queries_file)?
        .iter()
        .map(|v| Ok((field(v, "query", queries_file)?, v["expect"].as_str().map(str::to_owned))))
        .collect::<anyhow::Result<_>>()?;
    println!("{}", report(&claims::evaluate(&claims, &queries)));
    Ok(ExitCode::SUCCESS)
}

/// The figures as one line of JSON, rounded to three decimals.
fn report(m: &claims::Metrics) -> serde_json::Value {
    let r = |x: f32| (f64::from(x) * 1000.0).round() / 1000.0;
    serde_json::json!({
        "claims": m.claims,
        "queries": m.queries,
        "recall_at_1": r(m.recall_at_1),
        "mrr_at_5": r(m.mrr_at_5),
        "confident_recall": r(m.confident_recall),
        "false_match_rate": r(m.false_match_rate),
        "auto_precision": r(m.auto_precision),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn figures_are_one_json_line_with_the_agreed_keys() {
        let claims = vec![
            ("A".to_owned(), "Telur palsu buatan pabrik beredar luas di pasar tradisional Kota Cilegon.".to_owned()),
            ("B".to_owned(), "Daun sirsak rebus dapat menyembuhkan kanker dalam dua minggu saja.".to_owned()),
        ];
        let queries = vec![
            (
                "awas telur palsu buatan pabrik sudah beredar di pasar tradisional cilegon".to_owned(),
                Some("A".to_owned()),
            ),
            ("jadwal posyandu balita bulan ini".to_owned(), None),
        ];
        let v = super::report(&simpul_text::claims::evaluate(&claims, &queries));
        assert_eq!(v["claims"], 2);
        assert_eq!(v["queries"], 2);
        assert_eq!(v["recall_at_1"], 1.0);
        for k in ["mrr_at_5", "confident_recall", "false_match_rate", "auto_precision"] {
            assert!(v[k].is_number(), "{k}: {v}");
        }
    }
}
