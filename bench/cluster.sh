#!/usr/bin/env bash
# Cluster benchmark (issue 15): 1, 2 and 3 `simpul serve` nodes on one PostgreSQL database and
# one shared file store, behind nginx, measured through nginx with wrk: an article page cached,
# articles uncached (a different address on every request, so every request renders), search
# pages, and durable report submissions per second. Shows how throughput grows with nodes and
# where it stops. Targets only 127.0.0.1 and stops by itself; removes its database.
# Needs wrk and nginx (scripts/install-deps.sh --bench) and PostgreSQL.
#
#   bench/cluster.sh                          # 2,000 articles, 10 s per run
#   DURATION=20 N=10000 NODES="1 2 3" bench/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
N=${N:-2000}
NODES=${NODES:-1 2 3}
PG=${SIMPUL_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
PORT=${PORT:-18200}
NGINX_PORT=${NGINX_PORT:-18210}
source bench/common.sh

db="simpul_bench_$$"
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
url="$PG/$db"
node_pids=()
stop_nodes() {
  for p in "${node_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${node_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  node_pids=()
}
finish() {
  stop_nodes
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.5
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap finish EXIT
common=(--database-url "$url" --object-store "file://$work/media" --trust-forwarded-for)

python3 ../shared/bench/gen-corpus.py --n "$N" --seed 1 --out "$work/corpus.jsonl" >/dev/null
SIMPUL_LOG=warn "$bin" import articles "$work/corpus.jsonl" --data-dir "$work/cli" "${common[@]}" >/dev/null 2>&1
SIMPUL_LOG=warn "$bin" regions import ../shared/data/regions/cilegon.csv --data-dir "$work/cli" "${common[@]}" >/dev/null
token=$(SIMPUL_LOG=warn "$bin" token create --name bench --scope write --data-dir "$work/cli" "${common[@]}" | tail -n1)
# One OPD with one category, straight in the database (the benchmark has no admin session).
psql "$url" -qAtc "INSERT INTO opd (slug, name, name_key, short_name, created_at, updated_at)
  VALUES ('dinas-pu', 'Dinas Pekerjaan Umum', 'dinas pekerjaan umum', 'DPU', 0, 0)" >/dev/null
psql "$url" -qAtc "INSERT INTO opd_categories (opd_id, name) SELECT id, 'Jalan rusak' FROM opd" >/dev/null
category=$(psql "$url" -Atc "SELECT id FROM opd_categories ORDER BY id LIMIT 1")
kelurahan=$(psql "$url" -Atc "SELECT id FROM regions WHERE level = 'kelurahan' ORDER BY id LIMIT 1")

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
slugs = []
for line in open(f"{work}/corpus.jsonl"):
    try:
        slugs.append(json.loads(line)["slug"])
    except Exception:
        pass
open(f"{work}/one.txt", "w").write(f"/berita/{slugs[0]}\n")
open(f"{work}/uncached.txt", "w").write("".join(f"/berita/{s}?r={i}\n" for i, s in enumerate(slugs * 10)))
PY
sed 's|^|/cari?q=|; s| |+|g' bench/search-queries.txt >"$work/search.txt"

start_nodes() { # k
  stop_nodes
  local servers=""
  for i in $(seq 0 $(($1 - 1))); do
    local port=$((PORT + i))
    SIMPUL_LOG=warn "$bin" serve --listen "127.0.0.1:$port" --data-dir "$work/node$i" "${common[@]}" \
      >"$work/node$i.log" 2>&1 &
    node_pids+=($!)
    servers+="    server 127.0.0.1:$port;"$'\n'
  done
  for i in $(seq 0 $(($1 - 1))); do
    local port=$((PORT + i))
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    # Each node rebuilds its own search index at its first start: wait for it.
    for _ in $(seq 1 600); do
      [[ $(curl -s "http://127.0.0.1:$port/api/v1/search?q=warga" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total", 0))' 2>/dev/null) != 0 ]] && break
      sleep 0.2
    done
  done
  # "Baca juga" of the imported articles is filled in by the nodes in the background: wait, so
  # the measurement does not include that work.
  for _ in $(seq 1 600); do
    [[ $(psql "$url" -Atc "SELECT COUNT(*) FROM articles WHERE related_ids IS NULL AND published_at IS NOT NULL") == 0 ]] && break
    sleep 0.5
  done
  [[ -f "$work/nginx.pid" ]] && { kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; sleep 0.3; }
  cat >"$work/nginx.conf" <<NGINX
worker_processes $THREADS;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 2048; }
http {
  access_log off;
  upstream simpul {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://simpul;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
NGINX
  nginx -c "$work/nginx.conf"
  sleep 0.5
}

rps() { # paths-file [lua] -> requests/s
  local out
  if [[ "$1" == submit ]]; then
    out=$(TOKEN="$token" CATEGORY="$category" KELURAHAN="$kelurahan" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" \
      -s bench/submit.lua "http://127.0.0.1:$NGINX_PORT/api/v1/aspirations")
  else
    out=$(PATHS_FILE="$1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/rotate.lua "http://127.0.0.1:$NGINX_PORT")
  fi
  awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out"
}

printf '%-6s %16s %18s %12s %16s\n' nodes article_cached article_uncached search submissions
for k in $NODES; do
  start_nodes "$k"
  before=$(psql "$url" -Atc "SELECT COUNT(*) FROM aspirations")
  a=$(rps "$work/one.txt")
  u=$(rps "$work/uncached.txt")
  s=$(rps "$work/search.txt")
  sub=$(rps submit)
  after=$(psql "$url" -Atc "SELECT COUNT(*) FROM aspirations")
  printf '%-6s %16s %18s %12s %16s\n' "$k" "$a" "$u" "$s" "$sub (stored $((after - before)))"
done
echo "machine: $(nproc) cores; nodes, nginx, PostgreSQL and wrk share them"
