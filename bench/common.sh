# Sourced by the load benchmarks (load.sh, news.sh, search.sh, aspirations.sh): builds the
# release binary, makes a work folder that is removed on exit (stopping simpul and nginx), and
# starts `simpul serve` on $PORT. Run from the repository root; PORT must be set.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"

cargo build --release --locked --bin simpul >/dev/null
bin="$CARGO_TARGET_DIR/release/simpul"
work=$(mktemp -d)
cleanup() {
  [[ -n "${simpul_pid:-}" ]] && kill "$simpul_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# start_simpul ARGS…: (re)starts `simpul serve ARGS…` on $PORT, logging to $work/serve.log,
# and returns once /healthz answers.
start_simpul() {
  if [[ -n "${simpul_pid:-}" ]]; then
    kill "$simpul_pid" 2>/dev/null || true
    wait "$simpul_pid" 2>/dev/null || true
  fi
  SIMPUL_LOG=warn "$bin" serve "$@" --listen "127.0.0.1:$PORT" >"$work/serve.log" 2>&1 &
  simpul_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
}
