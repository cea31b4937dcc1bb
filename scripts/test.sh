#!/usr/bin/env bash
# Installs what the tests need, then builds and runs every test through CTest: a normal build
# (unit, end-to-end and browser tests), an address+undefined sanitizer build (unit tests and
# the end-to-end suites on untrusted input), and the parsers' libFuzzer targets built with
# clang, each run briefly on its seed corpus (fuzz/, docs/fuzzing.md). Exits non-zero if
# anything fails.
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
# Under the sanitizers: every unit and conformance test, and the end-to-end suites that feed
# the server untrusted input (label e2e-sanitized, tests/CMakeLists.txt). The other end-to-end
# suites (label e2e) and their second run on PostgreSQL are left to the normal build above.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE '^e2e$'

# The fuzz targets (fuzz/CMakeLists.txt): clang, a handful of sources each, 10 s per target.
# bench/fuzz-long.sh runs them for millions of executions.
cmake -S fuzz -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build-fuzz -j"$jobs"
ctest --test-dir build-fuzz --output-on-failure -j"$jobs" -L fuzz
