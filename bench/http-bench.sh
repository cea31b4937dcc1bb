#!/usr/bin/env bash
# HTTP load benchmarks on loopback, all in one run so the ratios compare like with like:
#   GET /healthz: lifeline vs nginx serving a fixed response;
#   POST /api/v1/applications at 8 and 64 connections;
#   a burst far above what the receipt hash allows (no 201 may be lost);
#   idle resident memory.
#   the receipt hash alone on both cores (Google Benchmark), the bound intake is held to.
# Usage: bench/http-bench.sh [BIN] [CRYPTO_BENCH]
#   (defaults: build-release/src/cli/lifeline, build/bench/crypto_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build-release/src/cli/lifeline}
crypto_bench=${2:-build/bench/crypto_bench}
duration=${DURATION:-15s}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== receipt hash alone, both cores"
"$crypto_bench" --benchmark_filter='ReceiptHash.*threads:2' --benchmark_min_time=3 2>/dev/null | grep BM_

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
"$bin" init --data "$work/data" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" serve --data "$work/data" --listen 127.0.0.1:0 --passphrase-file "$work/pass" > "$work/serve.log" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.log" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.log" | cut -d: -f2)
sleep 1
echo "== idle resident memory: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"

mkdir -p "$work/nginx/tmp"
nginx_port=$((port + 1))
sed "s|PREFIX|$work/nginx|g; s|PORT|$nginx_port|" bench/nginx.conf > "$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
sleep 1

echo "== GET /healthz, nginx fixed response, 64 connections"
wrk -t2 -c64 -d"$duration" "http://127.0.0.1:$nginx_port/healthz"
echo "== GET /healthz, lifeline, 64 connections"
wrk -t2 -c64 -d"$duration" "http://127.0.0.1:$port/healthz"
for c in 8 64; do
  echo "== POST /api/v1/applications, lifeline, $c connections"
  wrk -t2 -c"$c" -d"$duration" --latency -s bench/intake.lua "http://127.0.0.1:$port/api/v1/applications"
done
echo "== burst: 512 connections"
wrk -t2 -c512 -d10s --latency -s bench/intake.lua "http://127.0.0.1:$port/api/v1/applications"
echo "== resident memory after load: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
kill -TERM $pid
wait $pid
# Every 2xx that wrk counted above must be a stored row (rows may exceed it: requests still
# in flight when wrk stops are committed but not counted).
echo "== applications stored: $(sqlite3 "$work/data/lifeline.db" 'select count(*) from applications')"
