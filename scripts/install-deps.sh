#!/usr/bin/env bash
# Installs everything lifeline needs to build, run and test on Debian 12, from Debian's
# packages and npm only. Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config python3
  libsodium-dev libsqlite3-dev librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  liboath-dev libqrencode-dev libicu-dev
  libhpdf-dev fonts-dejavu-core libpq-dev
)
# npm fetches the console's front-end libraries (web/package.json), which the build embeds.
# Node.js may come from elsewhere with its own npm; Debian's npm would conflict with it.
command -v npm > /dev/null || packages+=(nodejs npm)
if [ "${1:-}" = "--test" ]; then
  # Chromium for the browser tests; Kamailio (http_client is in kamailio-utils-modules) and
  # SIPp (sip-tester) for real SIP calls on loopback (tests/e2e/test_sip.py).
  packages+=(chromium kamailio kamailio-utils-modules sip-tester)
  # pdftotext reads the capture cards' PDF back (tests/e2e/test_camp.py).
  packages+=(poppler-utils)
  # A real PostgreSQL for the store's conformance suite and the end-to-end tests on it
  # (tests/pg/pg-server.sh), and haproxy in front of two intake instances (test_haproxy.py).
  packages+=(postgresql haproxy)
fi
if [ "${1:-}" = "--bench" ]; then
  packages+=(wrk nginx-light sqlite3)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The console's front-end libraries, pinned by web/package-lock.json.
cd "$(dirname "$0")/../web"
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
