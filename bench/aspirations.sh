#!/usr/bin/env bash
# Aspirations benchmark (issue 5), on the embedded SQLite:
#  1. durable submissions: 32 clients POST new reports to /api/v1/aspirations with a machine
#     token for DURATION seconds; then the rows stored are counted and compared with the
#     acknowledged (201) answers — nothing acknowledged may be missing;
#  2. the public list /aspirasi with 100,000 reports (loaded through the API, nine in ten
#     verified through the coordinator's desk): 16 connections rotating over 76 list addresses
#     (pages, filters, words), uncached and as guests get it from the page cache; p99.
# Targets only 127.0.0.1 and stops by itself. Needs wrk (scripts/install-deps.sh --bench).
#
#   bench/aspirations.sh                       # 20 s runs

set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
PORT=${PORT:-18093}
N=${N:-100000}
source bench/common.sh

start_simpul --demo --data-dir "$work/data"
export TOKEN
TOKEN=$(SIMPUL_LOG=warn "$bin" token create --name bench --scope write --data-dir "$work/data" | tail -n1)
export CATEGORY KELURAHAN
CATEGORY=$(curl -sf "http://127.0.0.1:$PORT/api/v1/aspirations/categories" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
KELURAHAN=$(curl -sf "http://127.0.0.1:$PORT/api/v1/regions?level=kelurahan" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

echo "-- durable submissions: 32 clients, ${DURATION} s"
out=$(wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/submit.lua "http://127.0.0.1:$PORT/api/v1/aspirations")
echo "$out" | grep -E "Requests/sec|99%|acknowledged"
acked=$(echo "$out" | awk -F'[:,]' '/acknowledged/ { gsub(/ /, "", $2); print $2 }')
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM aspirations').fetchone()[0])" "$work/data/simpul.db")
echo "acknowledged: $acked, stored: $stored"
if (( stored < acked )); then echo "LOST REPORTS" >&2; exit 1; fi

echo "-- load up to $N reports through the same API, then verify nine in ten through the desk"
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM aspirations').fetchone()[0])" "$work/data/simpul.db"; }
while (( $(count) < N )); do
  left=$(( N - $(count) ))
  secs=$(( left / 1000 + 2 ))
  wrk -t2 -c32 -d"${secs}s" -s bench/submit.lua "http://127.0.0.1:$PORT/api/v1/aspirations" >/dev/null
done
admin_pw=$(awk '$1 == "admin" { print $3 }' "$work/serve.log")
last=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT MAX(id) FROM aspirations').fetchone()[0])" "$work/data/simpul.db")
start=$(date +%s)
python3 bench/verify-all.py "http://127.0.0.1:$PORT" admin@demo.simpul.id "$admin_pw" 1 "$last"
echo "verified through the desk in $(( $(date +%s) - start )) s"
python3 - "$work/data/simpul.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
# Spread the verified ones over the later statuses; one in twenty rahasia (never listed).
statuses = ["terverifikasi", "didisposisikan", "diproses", "ditanggapi", "selesai", "selesai", "selesai", "didisposisikan", None, "ditolak"]
for i, s in enumerate(statuses):
    if s:
        c.execute("UPDATE aspirations SET status = ? WHERE id % 10 = ? AND status <> 'baru'", (s, i))
c.execute("UPDATE aspirations SET confidential = (id % 20 = 0)")
c.commit()
print(c.execute("SELECT COUNT(*) FROM aspirations").fetchone()[0], "reports,", c.execute("SELECT COUNT(*) FROM aspiration_words").fetchone()[0], "word entries")
PY
python3 bench/list-paths.py "http://127.0.0.1:$PORT" "$work/paths.txt"
echo "-- /aspirasi with $N reports, every request uncached: 16 connections, ${DURATION} s"
PATHS_FILE="$work/paths.txt.uncached" wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/rotate.lua "http://127.0.0.1:$PORT" | grep -E "Requests/sec|50%|99%"
echo "-- /aspirasi as guests get it (page cache, 76 addresses): 16 connections, ${DURATION} s"
PATHS_FILE="$work/paths.txt" wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/rotate.lua "http://127.0.0.1:$PORT" | grep -E "Requests/sec|50%|99%"
awk '/VmRSS/ { printf "server resident memory: %.0f MB\n", $2 / 1024 }' "/proc/$simpul_pid/status"
