#!/usr/bin/env bash
# Installs what the tests need, then builds and runs every test through CTest twice:
# a normal build (unit, end-to-end and browser tests) and an address+undefined sanitizer
# build (unit and end-to-end tests on SQLite). Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$jobs"
(cd tests/browser && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DLIFELINE_SANITIZE=ON -DLIFELINE_BENCH=OFF \
  -DLIFELINE_BROWSER_TESTS=OFF > /dev/null
cmake --build build-asan -j"$jobs"
# The end-to-end suites' second run on PostgreSQL is left to the normal build: under the
# sanitizers the PostgreSQL store runs through its conformance suite and the failover test.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -E '^e2e_postgres_'
