#!/usr/bin/env bash
# Aspirations benchmark (issue 5), on the embedded SQLite:
#  1. durable submissions: 32 clients POST new reports to /api/v1/aspirations with a machine
#     token for DURATION seconds; then the rows stored are counted and compared with the
#     acknowledged (201) answers — nothing acknowledged may be missing;
#  2. the public list /aspirasi with 100,000 reports (topped up by SQL, most of them verified):
#     16 connections rotating over 75 list addresses (pages, filters), p99.
# Targets only 127.0.0.1 and stops by itself. Needs wrk (scripts/install-deps.sh --bench).
#
#   bench/aspirations.sh                       # 20 s runs

set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
PORT=${PORT:-18093}
N=${N:-100000}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"

cargo build --release --locked --bin simpul >/dev/null
bin="$CARGO_TARGET_DIR/release/simpul"
work=$(mktemp -d)
cleanup() {
  [[ -n "${simpul_pid:-}" ]] && kill "$simpul_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

SIMPUL_LOG=warn "$bin" serve --demo --data-dir "$work/data" --listen "127.0.0.1:$PORT" >"$work/serve.log" 2>&1 &
simpul_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
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

echo "-- top up to $N reports (SQL) and verify most of them"
python3 - "$work/data/simpul.db" "$N" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db, timeout=30)
cols = [r[1] for r in c.execute("PRAGMA table_info(aspirations)") if r[1] != "id"]
round_ = 0
while c.execute("SELECT COUNT(*) FROM aspirations").fetchone()[0] < n:
    have = c.execute("SELECT COUNT(*) FROM aspirations").fetchone()[0]
    sel = ", ".join("key_hash || '-' || id || '-%d'" % round_ if col == "key_hash" else col for col in cols)
    c.execute(f"INSERT INTO aspirations ({', '.join(cols)}) SELECT {sel} FROM aspirations LIMIT ?", (n - have,))
    c.commit()
    round_ += 1
statuses = ["terverifikasi", "didisposisikan", "diproses", "ditanggapi", "selesai", "selesai", "selesai", "didisposisikan", "baru", "ditolak"]
for i, s in enumerate(statuses):
    c.execute("UPDATE aspirations SET status = ?, confidential = (id % 20 = 0) WHERE id % 10 = ?", (s, i))
c.commit()
print(c.execute("SELECT COUNT(*) FROM aspirations").fetchone()[0], "reports")
PY
python3 bench/list-paths.py "http://127.0.0.1:$PORT" "$work/paths.txt"
echo "-- /aspirasi with $N reports: 16 connections, ${DURATION} s"
PATHS_FILE="$work/paths.txt" wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/rotate.lua "http://127.0.0.1:$PORT" | grep -E "Requests/sec|50%|99%"
awk '/VmRSS/ { printf "server resident memory: %.0f MB\n", $2 / 1024 }' "/proc/$simpul_pid/status"
