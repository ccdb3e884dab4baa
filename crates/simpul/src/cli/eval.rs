//! `simpul eval claims`: scores the claim matcher (the one the tip-line uses) on a set of
//! claims and queries, and prints the figures as JSON on the last line.

use std::{collections::HashMap, path::Path, process::ExitCode};

use anyhow::Context;
use simpul_text::claims;

use crate::{
    app::App,
    config::Config,
    domain::{access::Actor, factcheck::Verdict},
    features::factcheck,
    infra::{clock::Clock, db::ConnectOptions},
};

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

/// Loads the claims as published clarifications into a temporary store (a fresh SQLite data
/// folder, through the same import and matcher loading the server uses), sends every query
/// through the tip-line's matcher, and prints the figures.
pub async fn claims(claims_file: &Path, queries_file: &Path) -> anyhow::Result<ExitCode> {
    let field = |v: &serde_json::Value, k: &str, file: &Path| -> anyhow::Result<String> {
        v[k].as_str().map(str::to_owned).with_context(|| format!("{}: a line has no text field `{k}`", file.display()))
    };
    let claims: Vec<(String, String, String)> = lines(claims_file)?
        .iter()
        .map(|v| {
            // The matcher does not read verdicts: an unknown one must not drop the claim.
            let verdict = v["verdict"].as_str().and_then(Verdict::parse).unwrap_or(Verdict::Hoaks);
            Ok((field(v, "id", claims_file)?, field(v, "claim", claims_file)?, verdict.as_str().to_owned()))
        })
        .collect::<anyhow::Result<_>>()?;
    let queries: Vec<(String, Option<String>)> = lines(queries_file)?
        .iter()
        .map(|v| Ok((field(v, "query", queries_file)?, v["expect"].as_str().map(str::to_owned))))
        .collect::<anyhow::Result<_>>()?;

    let dir = std::env::temp_dir().join(format!("simpul-eval-{}", crate::infra::crypto::random_token(8)));
    let result = async {
        let app = App::start(Config::for_data_dir(dir.clone()), Clock::System, ConnectOptions::default()).await?;
        let text: String = claims
            .iter()
            .map(|(id, claim, verdict)| {
                serde_json::json!({ "id": id, "verdict": verdict, "claim": claim }).to_string() + "\n"
            })
            .collect();
        let report =
            factcheck::import_jsonl(&app, &Actor::cli(), &text, |_, _| {}).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        if let Some((line, why)) = report.skipped.first() {
            anyhow::bail!("{}: line {line}: {why}", claims_file.display());
        }
        let claim_of: HashMap<i64, String> = report.imported.into_iter().map(|(key, id)| (id, key)).collect();
        let m = simpul_text::claims::evaluate_with(claims.len(), &queries, |q| {
            let top = app.factcheck.rank(q, 5).into_iter().filter_map(|(id, _)| claim_of.get(&id).cloned()).collect();
            let confident = match app.factcheck.answer(q) {
                simpul_text::claims::Answer::Confident(m) => {
                    m.id.parse::<i64>().ok().and_then(|id| claim_of.get(&id).cloned())
                }
                _ => None,
            };
            (top, confident)
        });
        app.db.close().await;
        anyhow::Ok(m)
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    println!("{}", report(&result?));
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
