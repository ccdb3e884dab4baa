#!/usr/bin/env bash
# News benchmark (issue 3): imports the 10,000-article corpus, then measures requests/s and p99
# at 64 connections for an article page, /berita page 1 and page 200, and a category feed, each
# next to nginx serving the same bytes from a file. Also measures the same pages uncached
# (a different address on every request, so every request renders), the bytes of a first view
# of an article, and the import of 100,000 articles. Targets only 127.0.0.1; stops by itself.
# Needs wrk and nginx (scripts/install-deps.sh --bench).
#
#   bench/news.sh                     # 10k corpus, 15 s per run
#   DURATION=30 IMPORT_N=100000 bench/news.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
NGINX_PORT=${NGINX_PORT:-18091}
N=${N:-10000}
IMPORT_N=${IMPORT_N:-100000}
source bench/common.sh

python3 ../shared/bench/gen-corpus.py --n "$N" --seed 1 --out "$work/corpus.jsonl" >/dev/null
SIMPUL_LOG=warn "$bin" import articles "$work/corpus.jsonl" --data-dir "$work/data" >/dev/null 2>&1
start_simpul --data-dir "$work/data"

base="http://127.0.0.1:$PORT"
# Slugs of the published articles (from the corpus) and the first category.
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
slugs, cats = [], []
for line in open(f"{work}/corpus.jsonl"):
    try:
        a = json.loads(line)
        slugs.append(a["slug"]); cats.append(a["category"])
    except Exception:
        pass
open(f"{work}/articles.txt", "w").write("".join(f"/berita/{s}\n" for s in slugs))
open(f"{work}/page1.txt", "w").write("".join(f"/berita?r={i}\n" for i in range(20000)))
open(f"{work}/page200.txt", "w").write("".join(f"/berita?hal=200&r={i}\n" for i in range(20000)))
open(f"{work}/article", "w").write(f"/berita/{slugs[len(slugs) // 2]}")
PY
article=$(cat "$work/article")
category=$(curl -s "$base/berita" | grep -o 'href="/kategori/[^"/]*"' | head -n1 | sed 's/href="//; s/"$//')
feed="$category/feed.xml"
awk -v c="$category" '{ print c "/feed.xml?r=" NR }' "$work/page1.txt" >"$work/feed.txt"

mkdir -p "$work/html/kategori"
curl -s "$base$article" >"$work/html/article.html"
curl -s "$base/berita" >"$work/html/page1.html"
curl -s "$base/berita?hal=200" >"$work/html/page200.html"
curl -s "$base$feed" >"$work/html/feed.xml"
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
    location / { try_files /\$arg_f =404; }
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.5

run() { # url [paths file] -> "rps p99ms"
  local out rps p99
  if [[ -n "${2:-}" ]]; then
    out=$(PATHS_FILE="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/rotate.lua "$1")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1")
  fi
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v = v * 1000 } print v }' <<<"$out")
  echo "$rps $p99"
}

printf '%-26s %10s %8s %10s %8s %7s\n' page simpul_rps p99_ms nginx_rps p99_ms ratio
row() { # label simpul-url nginx-file [paths file]
  local s_rps s_p99 n_rps n_p99 ratio
  read -r s_rps s_p99 < <(run "$base$2" "${4:-}")
  read -r n_rps n_p99 < <(run "http://127.0.0.1:$NGINX_PORT/?f=$3")
  ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
  printf '%-26s %10s %8s %10s %8s %7s\n' "$1" "$s_rps" "$s_p99" "$n_rps" "$n_p99" "$ratio"
}
row "article (cached)" "$article" article.html
row "article (10k, rotating)" "/" article.html "$work/articles.txt"
row "/berita p1 (cached)" "/berita" page1.html
row "/berita p1 (uncached)" "/" page1.html "$work/page1.txt"
row "/berita p200 (cached)" "/berita?hal=200" page200.html
row "/berita p200 (uncached)" "/" page200.html "$work/page200.txt"
row "category feed (cached)" "$feed" feed.xml
row "category feed (uncached)" "/" feed.xml "$work/feed.txt"

# A first view on a phone: the article's HTML and the stylesheet, compressed.
html_bytes=$(curl -s --compressed -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip, br' "$base$article")
css=$(grep -o 'href="/static/[^"]*\.css[^"]*"' "$work/html/article.html" | head -n1 | sed 's/href="//; s/"$//')
css_bytes=$(curl -s --compressed -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip, br' "$base$css")
echo "first view of an article: $html_bytes B HTML + $css_bytes B CSS = $((html_bytes + css_bytes)) B transferred"

kill "$simpul_pid"; wait "$simpul_pid" 2>/dev/null || true; simpul_pid=""
if ((IMPORT_N > 0)); then
  python3 ../shared/bench/gen-corpus.py --n "$IMPORT_N" --seed 2 --out "$work/big.jsonl" >/dev/null
  start=$(date +%s.%N)
  SIMPUL_LOG=warn "$bin" import articles "$work/big.jsonl" --data-dir "$work/import" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v n="$IMPORT_N" -v s="$start" -v e="$end" 'BEGIN { printf "import of %d articles: %.1f s\n", n, e - s }'
fi
