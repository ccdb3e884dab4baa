#!/usr/bin/env bash
# Fact-check benchmark (issue 6), on the embedded SQLite, with N (100,000) clarifications:
#  1. loading them (`simpul import clarifications`) and the server's first matcher build;
#  2. one client sending tips to /api/v1/tips for DURATION seconds: each answer includes the
#     match against every clarification, the rumour clustering and the stored tip (p50/p99);
#  3. Telegram webhook deliveries from 16 connections for DURATION seconds, each a new message
#     whose reply goes to a local fake Telegram API through the job queue (p50/p99 of the
#     acknowledgement), then how many replies the fake received.
# The matcher alone (no HTTP, no database): `cargo run --release -p simpul-text --example claims_latency`.
# Targets only 127.0.0.1 and stops by itself. Needs wrk (scripts/install-deps.sh --bench).
#
#   bench/factcheck.sh                 # N=100000, 20 s runs

set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
PORT=${PORT:-18094}
FAKE_PORT=${FAKE_PORT:-18095}
N=${N:-100000}
source bench/common.sh

echo "-- $N clarifications"
python3 bench/gen-clarifications.py "$N" "$work/claims.jsonl" "$work/tips.txt"
/usr/bin/time -f "import: %e s, %M KB peak" "$bin" import clarifications "$work/claims.jsonl" --data-dir "$work/data" 2>&1 | grep -v "^note:"

# The fake Telegram API: answers every sendMessage with ok and counts them.
python3 - "$FAKE_PORT" "$work/sent" <<'PY' &
import http.server, sys, threading
port, out = int(sys.argv[1]), sys.argv[2]
count = 0
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        self.rfile.read(int(self.headers.get("content-length", 0)))
        with lock:
            count += 1
            open(out, "w").write(str(count))
        self.send_response(200); self.send_header("content-type", "application/json"); self.end_headers()
        self.wfile.write(b'{"ok":true,"result":{}}')
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
PY
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null || true; cleanup' EXIT

export SECRET=bench-webhook-secret-0001 TIPS_FILE="$work/tips.txt"
start=$(date +%s.%N)
start_simpul --data-dir "$work/data" --telegram-bot-token 1:BENCH --telegram-webhook-secret "$SECRET" \
  --telegram-api-base "http://127.0.0.1:$FAKE_PORT"
export TOKEN
TOKEN=$(SIMPUL_LOG=warn "$bin" token create --name bench --scope write --data-dir "$work/data" | tail -n1)
# The first tip waits for the matcher to load every clarification.
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"text":"pemanasan"}' "http://127.0.0.1:$PORT/api/v1/tips"
echo "server up and matcher loaded in $(python3 -c "import time,sys; print(round(time.time() - float(sys.argv[1]), 1))" "$start") s"

echo "-- /api/v1/tips, one client (match + cluster + store per request), ${DURATION} s"
wrk -t1 -c1 -d"${DURATION}s" --latency -s bench/tips.lua "http://127.0.0.1:$PORT/api/v1/tips" | grep -E "Requests/sec|50%|99%"

echo "-- Telegram webhook, 16 connections, ${DURATION} s (replies sent by the job queue)"
wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/telegram.lua "http://127.0.0.1:$PORT/api/v1/webhooks/telegram" \
  | grep -E "Requests/sec|50%|90%|99%|acknowledged"
sleep 5
echo "replies received by the fake Telegram API 5 s later: $(cat "$work/sent" 2>/dev/null || echo 0)"
awk '/VmRSS/ { printf "server resident memory: %.0f MB\n", $2 / 1024 }' "/proc/$simpul_pid/status"
