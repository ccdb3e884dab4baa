//! "Baca juga" by text similarity: time to compute one article's related articles (no cache)
//! with the 10,000-article corpus imported and indexed.
//!
//!     cargo bench -p simpul --bench related

use criterion::{Criterion, criterion_group, criterion_main};
use simpul::{
    app::App,
    config::Config,
    domain::access::Actor,
    features::{news, search},
    infra::{clock::Clock, db::ConnectOptions},
};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus.jsonl");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench/gen-corpus.py");
    let status = std::process::Command::new("python3")
        .args([script, "--n", "10000", "--seed", "1", "--out"])
        .arg(&corpus)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3");
    assert!(status.success(), "gen-corpus.py");
    let text = std::fs::read_to_string(&corpus).expect("corpus");
    let (app, articles) = rt.block_on(async {
        let app = App::start(Config::for_data_dir(dir.path().join("data")), Clock::System, ConnectOptions::default())
            .await
            .expect("app");
        news::import_jsonl(&app, &Actor::cli(), &text, |_, _| {}).await.expect("import");
        search::rebuild(&app, |_| {}).await.expect("index");
        let articles = news::list_published(&app.db, 500, 0, news::Detail::Full).await.expect("articles");
        (app, articles)
    });
    let mut i = 0;
    c.bench_function("baca juga, one article (10k articles)", |b| {
        b.iter(|| {
            i = (i + 1) % articles.len();
            rt.block_on(news::related_ids(&app, &articles[i], 3)).expect("related")
        })
    });
}

criterion_group! { name = benches; config = Criterion::default().sample_size(50); targets = bench }
criterion_main!(benches);
