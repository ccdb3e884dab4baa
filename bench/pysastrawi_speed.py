#!/usr/bin/env python3
"""PySastrawi's stemming speed on the same 4,398 words as `cargo bench -p simpul-text --bench stem`.

PySastrawi (PyPI) is the reference implementation most Indonesian projects use; it is only run
here for speed, its word list is not used by Simpul. Needs `pip install PySastrawi`.

    python3 bench/pysastrawi_speed.py
"""
import pathlib
import time

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

root = pathlib.Path(__file__).resolve().parent.parent
words = [l.split("\t")[0] for l in (root / "crates/simpul-text/tests/data/gold-pairs.tsv").read_text().splitlines() if l]
# Without its result cache, as every word is new to it (the Rust stemmer caches nothing).
stemmer = StemmerFactory().create_stemmer(False)
for w in words[:200]:
    stemmer.stem(w)  # warm up
rounds = 5
start = time.perf_counter()
for _ in range(rounds):
    for w in words:
        stemmer.stem(w)
elapsed = time.perf_counter() - start
print(f"PySastrawi: {len(words) * rounds / elapsed:,.0f} words/s ({len(words)} words x {rounds})")
