//! The tantivy index of published articles. It is a cache of the database: it can always be
//! rebuilt (`simpul reindex`, or automatically when it is missing or unreadable at start-up),
//! and it follows the change outbox (`infra::outbox`), remembering in its commit payload the
//! last change it has applied.

use std::{
    path::{Path, PathBuf},
    sync::Mutex,
};

use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
    collector::{Collector, SegmentCollector},
    directory::MmapDirectory,
    schema::{FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions},
};

use super::analyzer::{self, IndonesianTokenizer};

/// Memory for the indexing arena of small updates (tantivy's minimum is 15 MB per thread).
const WRITER_HEAP: usize = 20_000_000;
/// A rebuild analyses text on both cores.
const REBUILD_THREADS: usize = 2;
const REBUILD_HEAP: usize = 2 * 40_000_000;

/// The fields of the index.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub published_at: Field,
    pub category: Field,
    pub kecamatan: Field,
    pub year: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        // No positions: the search uses no phrases, and they would double the index.
        TextFieldIndexing::default().set_tokenizer(analyzer::NAME).set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST | STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        published_at: b.add_i64_field("published_at", FAST),
        category: b.add_u64_field("category", INDEXED | FAST),
        kecamatan: b.add_u64_field("kecamatan", INDEXED | FAST),
        year: b.add_u64_field("year", INDEXED | FAST),
    };
    (b.build(), fields)
}

/// One article as the index sees it.
#[derive(Debug, Clone)]
pub struct IndexDoc {
    pub id: i64,
    pub title: String,
    /// Lead and body text.
    pub body: String,
    pub published_at: i64,
    pub category_id: Option<i64>,
    pub kecamatan_id: Option<i64>,
    pub year: i32,
}

/// The index of one node, in `<data-dir>/search`.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    pub fields: Fields,
    dir: PathBuf,
    /// Set when the index was created empty or recreated: the caller must rebuild it.
    needs_rebuild: std::sync::atomic::AtomicBool,
    /// One writer at a time inside this process (tantivy also locks across processes).
    writing: Mutex<()>,
    /// The last commit this reader has seen (see [`SearchIndex::refresh`]).
    seen_opstamp: std::sync::atomic::AtomicU64,
}

/// Moves a damaged index (folder or stray file) aside, keeping only the newest such copy.
fn set_aside(dir: &Path) -> anyhow::Result<PathBuf> {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("search").to_owned();
    let parent = dir.parent().unwrap_or(Path::new("."));
    if let Ok(rd) = std::fs::read_dir(parent) {
        for e in rd.flatten() {
            if e.file_name().to_string_lossy().starts_with(&format!("{name}.damaged-")) {
                let p = e.path();
                let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
            }
        }
    }
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let aside = parent.join(format!("{name}.damaged-{stamp}"));
    std::fs::rename(dir, &aside).map_err(|e| anyhow::anyhow!("cannot move {} aside: {e}", dir.display()))?;
    Ok(aside)
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty, to be rebuilt) when it is missing. The
    /// index is a cache of the database, so its contents never stop a node: when it cannot be
    /// read — a truncated or damaged file (checked against tantivy's checksums), `search` being
    /// a file — it is set aside as `search.damaged-<time>` for inspection and recreated empty,
    /// and the caller rebuilds it ([`SearchIndex::needs_rebuild`]) while serving. A process
    /// that does not own the index (`owner` false: a command other than `serve`/`reindex`)
    /// leaves an unreadable index where it is and works with an empty one in memory.
    pub fn open(dir: &Path, owner: bool) -> anyhow::Result<SearchIndex> {
        match Self::try_open(dir) {
            Ok(index) => Ok(index),
            Err(e) if !owner => {
                tracing::debug!(error = %e, "search index not readable here; this command does not need it");
                Self::in_memory(dir)
            }
            Err(e) => {
                let aside = set_aside(dir)?;
                tracing::warn!(error = %e, dir = %dir.display(), aside = %aside.display(),
                    "search index unreadable: set aside and recreated; it is rebuilt from the database");
                let index = Self::try_open(dir)?;
                index.needs_rebuild.store(true, std::sync::atomic::Ordering::Release);
                Ok(index)
            }
        }
    }

    /// An empty index in memory, never written to disk.
    fn in_memory(dir: &Path) -> anyhow::Result<SearchIndex> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(analyzer::NAME, IndonesianTokenizer);
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Self::with(index, reader, fields, dir, true, 0))
    }

    fn with(index: Index, reader: IndexReader, fields: Fields, dir: &Path, rebuild: bool, opstamp: u64) -> SearchIndex {
        SearchIndex {
            index,
            reader,
            fields,
            dir: dir.to_owned(),
            needs_rebuild: std::sync::atomic::AtomicBool::new(rebuild),
            writing: Mutex::new(()),
            seen_opstamp: std::sync::atomic::AtomicU64::new(opstamp),
        }
    }

    fn try_open(dir: &Path) -> anyhow::Result<SearchIndex> {
        let (schema, fields) = schema();
        anyhow::ensure!(!dir.exists() || dir.is_dir(), "{} is not a folder", dir.display());
        std::fs::create_dir_all(dir)?;
        let index = Index::open_or_create(MmapDirectory::open(dir)?, schema)?;
        let damaged = index.validate_checksum()?;
        anyhow::ensure!(damaged.is_empty(), "damaged files: {damaged:?}");
        index.tokenizers().register(analyzer::NAME, IndonesianTokenizer);
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        // Each segment's id column is opened, so a missing or cut file fails here, not in a search.
        for seg in reader.searcher().segment_readers() {
            seg.fast_fields().u64("id")?;
        }
        // Only a rebuild or an applied change records a cursor: an index created empty (by
        // any command, on any start) and never filled is rebuilt, not followed from the
        // outbox (which forgets changes after a day).
        let metas = index.load_metas()?;
        Ok(Self::with(index, reader, fields, dir, metas.payload.is_none(), metas.opstamp))
    }

    /// Marks the index for a rebuild (a read failed in use).
    pub fn set_damaged(&self) {
        self.needs_rebuild.store(true, std::sync::atomic::Ordering::Release);
    }

    /// Picks up commits another process made (`simpul reindex` while the server runs);
    /// returns whether there were any.
    pub fn refresh(&self) -> anyhow::Result<bool> {
        let now = self.index.load_metas()?.opstamp;
        if self.seen_opstamp.swap(now, std::sync::atomic::Ordering::AcqRel) == now {
            return Ok(false);
        }
        self.reader.reload()?;
        // Filled by whoever committed (a rebuild records its cursor), or emptied under us.
        let filled = self.index.load_metas()?.payload.is_some();
        self.needs_rebuild.store(!filled, std::sync::atomic::Ordering::Release);
        Ok(true)
    }

    pub fn needs_rebuild(&self) -> bool {
        self.needs_rebuild.load(std::sync::atomic::Ordering::Acquire)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The last outbox change applied (0 when none).
    pub fn cursor(&self) -> i64 {
        self.index.load_metas().ok().and_then(|m| m.payload).and_then(|p| p.parse().ok()).unwrap_or(0)
    }

    fn writer(&self) -> tantivy::Result<IndexWriter> {
        self.index.writer_with_num_threads(1, WRITER_HEAP)
    }

    fn document(&self, d: &IndexDoc) -> TantivyDocument {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, d.id as u64);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.body, &d.body);
        doc.add_i64(f.published_at, d.published_at);
        doc.add_u64(f.category, d.category_id.unwrap_or(0) as u64);
        doc.add_u64(f.kecamatan, d.kecamatan_id.unwrap_or(0) as u64);
        doc.add_u64(f.year, d.year.max(0) as u64);
        doc
    }

    /// Replaces the given articles: `docs` are (re)indexed, `gone` are removed; the commit
    /// records `cursor`. Blocking: call from a blocking thread.
    pub fn apply(&self, docs: &[IndexDoc], gone: &[i64], cursor: i64) -> tantivy::Result<()> {
        let _one = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let mut w = self.writer()?;
        for id in gone.iter().chain(docs.iter().map(|d| &d.id)) {
            w.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
        }
        for d in docs {
            w.add_document(self.document(d))?;
        }
        let mut commit = w.prepare_commit()?;
        commit.set_payload(&cursor.to_string());
        let stamp = commit.commit()?;
        w.wait_merging_threads()?;
        self.seen_opstamp.store(stamp, std::sync::atomic::Ordering::Release);
        self.reader.reload()
    }

    /// Empties the index and indexes everything `next_batch` yields, committing once at the
    /// end (a failed rebuild leaves the previous index in place). Blocking.
    pub fn rebuild(
        &self,
        cursor: i64,
        mut next_batch: impl FnMut() -> anyhow::Result<Option<Vec<IndexDoc>>>,
    ) -> anyhow::Result<usize> {
        let _one = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let mut w: IndexWriter = self.index.writer_with_num_threads(REBUILD_THREADS, REBUILD_HEAP)?;
        w.delete_all_documents()?;
        let mut n = 0;
        while let Some(batch) = next_batch()? {
            for d in &batch {
                w.add_document(self.document(d))?;
            }
            n += batch.len();
        }
        let mut commit = w.prepare_commit()?;
        commit.set_payload(&cursor.to_string());
        let stamp = commit.commit()?;
        w.wait_merging_threads()?;
        self.seen_opstamp.store(stamp, std::sync::atomic::Ordering::Release);
        self.reader.reload()?;
        self.needs_rebuild.store(false, std::sync::atomic::Ordering::Release);
        Ok(n)
    }

    /// The article id of a hit.
    pub fn article_id(&self, searcher: &Searcher, addr: DocAddress) -> Option<i64> {
        let seg = searcher.segment_reader(addr.segment_ord);
        seg.fast_fields().u64("id").ok()?.first(addr.doc_id).map(|v| v as i64)
    }
}

/// Counts the values of some u64 fast fields over every matching document (the facets).
pub struct FacetCounts {
    pub fields: Vec<&'static str>,
}

pub struct FacetSegment {
    columns: Vec<Option<tantivy::columnar::Column<u64>>>,
    /// Counts by value for the small values facets have (ids, years); others in `large`.
    small: Vec<Vec<u64>>,
    large: Vec<std::collections::HashMap<u64, u64>>,
}

/// Facet values below this are counted in a plain array.
const SMALL: u64 = 4096;

impl Collector for FacetCounts {
    type Fruit = Vec<std::collections::HashMap<u64, u64>>;
    type Child = FacetSegment;

    fn for_segment(&self, _: u32, reader: &tantivy::SegmentReader) -> tantivy::Result<FacetSegment> {
        let columns = self.fields.iter().map(|f| reader.fast_fields().u64(f).ok()).collect();
        let n = self.fields.len();
        Ok(FacetSegment { columns, small: vec![vec![0; SMALL as usize]; n], large: vec![Default::default(); n] })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut out: Self::Fruit = vec![Default::default(); self.fields.len()];
        for part in parts {
            for (i, m) in part.into_iter().enumerate() {
                for (k, v) in m {
                    *out[i].entry(k).or_default() += v;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Vec<std::collections::HashMap<u64, u64>>;

    fn collect(&mut self, doc: u32, _: tantivy::Score) {
        for (i, col) in self.columns.iter().enumerate() {
            match col.as_ref().and_then(|c| c.first(doc)) {
                Some(v) if v < SMALL => self.small[i][v as usize] += 1,
                Some(v) => *self.large[i].entry(v).or_default() += 1,
                None => {}
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.small
            .into_iter()
            .zip(self.large)
            .map(|(small, mut large)| {
                for (v, n) in small.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    large.insert(v as u64, n);
                }
                large
            })
            .collect()
    }
}
