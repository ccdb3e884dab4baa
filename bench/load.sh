#!/usr/bin/env bash
# Load benchmark of the public pages with 1,000 KIM groups, against nginx serving the same
# HTML bytes from files (the practical ceiling on this machine). Targets only 127.0.0.1 and
# stops by itself. Needs wrk and nginx (scripts/install-deps.sh --bench).
#
#   bench/load.sh            # builds release, seeds, measures; prints a table
#   DURATION=30 CONNECTIONS=64 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
source bench/common.sh

start_simpul --demo --data-dir "$work/data"
admin_pw=$(awk '$1 == "admin" { print $3 }' "$work/serve.log")
python3 bench/seed_kim.py "http://127.0.0.1:$PORT" admin@demo.simpul.id "$admin_pw" 1000

sleep 3
rss_idle_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$simpul_pid/status")

mkdir -p "$work/html"
curl -s "http://127.0.0.1:$PORT/" >"$work/html/index.html"
curl -s "http://127.0.0.1:$PORT/kim" >"$work/html/kim.html"
cat >"$work/nginx.conf" <<NGINX
worker_processes $THREADS;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/html;
    location = /kim { try_files /kim.html =404; }
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.5

run() { # url -> "rps p99ms"
  local out rps p99
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v = v * 1000 } print v }' <<<"$out")
  echo "$rps $p99"
}

printf '%-10s %12s %10s %12s %10s %8s\n' page simpul_rps p99_ms nginx_rps p99_ms ratio
for page in / /kim; do
  read -r s_rps s_p99 < <(run "http://127.0.0.1:$PORT$page")
  read -r n_rps n_p99 < <(run "http://127.0.0.1:$NGINX_PORT$page")
  ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
  printf '%-10s %12s %10s %12s %10s %8s\n' "$page" "$s_rps" "$s_p99" "$n_rps" "$n_p99" "$ratio"
done
# The same pages for a signed-in person: never cached, so this is the full render path
# (session lookup, queries, template).
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/masuk" | grep -o 'name="_csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "email=admin@demo.simpul.id" \
  --data-urlencode "password=$admin_pw" "http://127.0.0.1:$PORT/masuk"
sid=$(awk '$6 == "simpul_sid" { print $7 }' "$jar")
for page in / /kim; do
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: simpul_sid=$sid" "http://127.0.0.1:$PORT$page")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  printf '%-10s %12s %10s   (signed in: uncached render)\n' "$page" "$rps" "$p99"
done
printf 'idle RSS after seeding: %d KB (%.1f MB); home %d bytes, /kim %d bytes\n' "$rss_idle_kb" "$(awk -v k="$rss_idle_kb" 'BEGIN { print k / 1024 }')" \
  "$(wc -c <"$work/html/index.html")" "$(wc -c <"$work/html/kim.html")"
