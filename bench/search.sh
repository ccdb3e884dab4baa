#!/usr/bin/env bash
# Search benchmark (issue 4): imports the 100,000-article corpus, rebuilds the index
# (`simpul reindex`, timed), then runs the 50 queries of bench/search-queries.txt in turn at
# 16 connections with wrk, and reports requests/s, p99 and the server's resident memory.
# Targets only 127.0.0.1 and stops by itself. Needs wrk (scripts/install-deps.sh --bench).
#
#   bench/search.sh                    # 100k articles, 20 s
#   N=10000 DURATION=10 bench/search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18092}
N=${N:-100000}
source bench/common.sh

python3 ../shared/bench/gen-corpus.py --n "$N" --seed 1 --out "$work/corpus.jsonl" >/dev/null
SIMPUL_LOG=warn "$bin" import articles "$work/corpus.jsonl" --data-dir "$work/data" >/dev/null 2>&1
start=$(date +%s.%N)
SIMPUL_LOG=warn "$bin" reindex --data-dir "$work/data" >/dev/null 2>&1
end=$(date +%s.%N)
awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { printf "index build (%d articles): %.1f s\n", n, e - s }'
du -sh "$work/data/search" | awk '{ print "index size: " $1 }'

start_simpul --data-dir "$work/data" --search-cache 0

python3 - "$work" <<'PY'
import sys, urllib.parse
work = sys.argv[1]
qs = [l.strip() for l in open("bench/search-queries.txt") if l.strip()]
# A distinct address per request (a counter), so the page cache never answers: every request searches.
paths = [f"/cari?q={urllib.parse.quote_plus(q)}&r={i}" for i in range(400) for q in qs]
open(f"{work}/paths.txt", "w").write("\n".join(paths) + "\n")
api = [f"/api/v1/search?q={urllib.parse.quote_plus(q)}&r={i}" for i in range(400) for q in qs]
open(f"{work}/api.txt", "w").write("\n".join(api) + "\n")
PY
# Every query answers (and how many results each finds).
python3 - "http://127.0.0.1:$PORT" <<'PY'
import json, sys, urllib.parse, urllib.request
base = sys.argv[1]
zero = []
for q in [l.strip() for l in open("bench/search-queries.txt") if l.strip()]:
    r = json.load(urllib.request.urlopen(f"{base}/api/v1/search?q={urllib.parse.quote_plus(q)}"))
    if r["total"] == 0:
        zero.append(q)
print(f"queries without results: {len(zero)} {zero}")
PY

run() { # paths-file label
  local out rps p99
  out=$(PATHS_FILE="$1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/rotate.lua "http://127.0.0.1:$PORT/")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  printf '%-22s %10s req/s  p50 %8s  p99 %8s\n' "$2" "$rps" "$p50" "$p99"
}
rss() { awk '/VmRSS/ { printf "server resident memory after the runs: %.0f MB\n", $2 / 1024 }' "/proc/$simpul_pid/status"; }
echo "-- the index alone (SIMPUL_SEARCH_CACHE=0: every request ranks and builds passages)"
run "$work/paths.txt" "/cari (HTML page)"
run "$work/api.txt" "/api/v1/search (JSON)"
rss
echo "-- as shipped (answers cached until the index changes; the page cache still bypassed)"
start_simpul --data-dir "$work/data" --search-cache 2000
run "$work/paths.txt" "/cari (HTML page)"
run "$work/api.txt" "/api/v1/search (JSON)"
rss
