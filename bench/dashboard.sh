#!/usr/bin/env bash
# Dashboard benchmark (issue 16): /dasbor with 100,000 reports and 100,000 survey responses,
# every request uncached (the page is never in the page cache). Loads the rows straight into
# the demo deployment's SQLite file (seed-dashboard.py), then measures one request at a time
# (curl, 50 runs: median and worst) and 8 connections (wrk, DURATION seconds).
# Targets only 127.0.0.1 and stops by itself. Needs wrk (scripts/install-deps.sh --bench).
#
#   bench/dashboard.sh                  # 100,000 + 100,000, 10 s of wrk
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
PORT=${PORT:-18095}
N=${N:-100000}
source bench/common.sh

start_simpul --demo --data-dir "$work/data"
kill "$simpul_pid"; wait "$simpul_pid" 2>/dev/null || true; simpul_pid=
python3 bench/seed-dashboard.py "$work/data/simpul.db" "$N"
start_simpul --data-dir "$work/data"
base="http://127.0.0.1:$PORT"
curl -sf "$base/dasbor" >/dev/null
echo "-- /dasbor, one request at a time, 50 runs"
for _ in $(seq 1 50); do curl -s -o /dev/null -w '%{time_total}\n' "$base/dasbor"; done | sort -n |
  awk '{ t[NR] = $1 } END { printf "median %.1f ms, worst %.1f ms\n", t[int((NR + 1) / 2)] * 1000, t[NR] * 1000 }'
echo "-- /dasbor?kecamatan=<first>, 50 runs"
kec=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT id FROM regions WHERE level = 'kecamatan' ORDER BY id LIMIT 1\").fetchone()[0])" "$work/data/simpul.db")
for _ in $(seq 1 50); do curl -s -o /dev/null -w '%{time_total}\n' "$base/dasbor?kecamatan=$kec"; done | sort -n |
  awk '{ t[NR] = $1 } END { printf "median %.1f ms, worst %.1f ms\n", t[int((NR + 1) / 2)] * 1000, t[NR] * 1000 }'
echo "-- /dasbor, 8 connections, ${DURATION} s"
wrk -t2 -c8 -d"${DURATION}s" --latency "$base/dasbor" | grep -E "Requests/sec|50%|99%"
