#!/usr/bin/env bash
# Installs everything lifeline needs to build, run and test on Debian 12, from Debian's
# packages and npm only. Safe to run again.
#   scripts/install-deps.sh [--test|--bench] [--list]
set -euo pipefail

mode=""
list=false
for arg in "$@"; do
  case "$arg" in
    --test | --bench) mode="$arg" ;;
    --list) list=true ;;
    *) echo "usage: $0 [--test|--bench] [--list]" >&2; exit 2 ;;
  esac
done

# libboost-locale-dev reads the console's translations and gettext's msgfmt checks and compiles
# them (po/console/, src/server/console_text.cpp); xgettext extracts them
# (scripts/update-console-catalogues.sh). libphonenumber-dev reads telephone numbers (src/text/phone_number.cpp); libcsv-dev reads
# the CSV files `lifeline import` takes (src/app/intake/import_file.cpp) and quotes the
# statistics export (src/server/cases/statistics_routes.cpp).
packages=(
  build-essential binutils cmake pkg-config python3
  libsodium-dev libgfshare-dev libsqlite3-dev librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  liboath-dev libqrencode-dev libicu-dev libcurl4-openssl-dev
  libhpdf-dev fonts-dejavu-core libpq-dev libphonenumber-dev libcsv-dev
  libboost-locale-dev gettext
)
# npm fetches the console's front-end libraries (web/package.json), which the build embeds.
# Node.js may come from elsewhere with its own npm; Debian's npm would conflict with it.
command -v npm > /dev/null || packages+=(nodejs npm)
# Kamailio and SIPp (sip-tester) for real SIP calls on loopback (tests/e2e/test_sip.py,
# bench/sip-bench.sh). Kamailio's modules come in several packages: http_client is in
# kamailio-utils-modules, json in kamailio-json-modules. The test kamailio_modules_packaged
# checks that every module tests/sip/kamailio.cfg.in loads comes from a package named here
# (rtpengine.so is in the base kamailio package). The voice line (issue 16): rtpengine-daemon is
# the media server held callers hear (userspace, no kernel module), espeak-ng speaks the prompts,
# which scripts/make-voice-prompts.sh makes once lifeline is built (tests/e2e/test_sip.py runs it).
sip_packages=(kamailio kamailio-utils-modules kamailio-json-modules sip-tester rtpengine-daemon espeak-ng)
# Kannel (bearerbox, smsbox) and kannel-extras' fake SMSC (fakesmsc) for SMS on loopback
# (tests/e2e/test_sms.py, bench/sms-bench.py).
sms_packages=(kannel kannel-extras)
# clang 14 with libFuzzer (libclang-rt-14-dev holds libclang_rt.fuzzer) for fuzz/ and
# bench/fuzz-long.sh.
fuzz_packages=(clang libclang-rt-14-dev)
if [ "$mode" = "--test" ]; then
  # Chromium for the browser tests.
  packages+=(chromium "${sip_packages[@]}" "${sms_packages[@]}")
  # pdftotext reads the capture cards' PDF back (tests/e2e/test_camp.py).
  packages+=(poppler-utils)
  # python3-polib reads the console's catalogues for tests/check_console_catalogues.py.
  packages+=(python3-polib)
  # tor checks and starts the onion services' configuration (deploy/tor/,
  # tests/tor/check_onion_config.py); openssl makes the test's client keys.
  packages+=(tor openssl)
  # A real PostgreSQL for the store's conformance suite and the end-to-end tests on it
  # (tests/pg/pg-server.sh), and haproxy in front of two intake instances (test_haproxy.py).
  packages+=(postgresql haproxy)
  # clang and its libFuzzer runtime for the parsers' fuzz targets (fuzz/, docs/fuzzing.md),
  # and clang-format, which the test source_formatted runs over every C++ file.
  packages+=("${fuzz_packages[@]}" clang-format)
fi
if [ "$mode" = "--bench" ]; then
  # python3-xapian and python3-icu: the search benchmark's baseline (bench/search/).
  # bc does the arithmetic of bench/outbox-bench.sh.
  packages+=(wrk bc nginx-light sqlite3 python3-xapian python3-icu "${sip_packages[@]}" "${sms_packages[@]}" "${fuzz_packages[@]}")
fi

# `--list`: print the packages a mode needs and stop (the module check reads them).
if $list; then
  printf '%s\n' "${packages[@]}"
  exit 0
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
