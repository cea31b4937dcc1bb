#!/usr/bin/env bash
# An intake on its own store (issue 21), all in one run so the ratios compare like with like:
#   1. intake throughput: POST /api/v1/applications (wrk, 8 connections) against today's
#      shared-store intake (serve --role intake --data) and an outbox intake (--outbox);
#   2. collection: the office (--collect-from) empties the outbox the second run filled;
#      records a second, against the office storing the same rows itself
#      (collection_bench: app::StoreCollected with row MACs, no link).
# Usage: bench/outbox-bench.sh [BIN] [COLLECTION_BENCH]
#   (defaults: build/src/cli/lifeline, build/bench/collection_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/src/cli/lifeline}
collection_bench=${2:-build/bench/collection_bench}
duration=${DURATION:-15s}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
"$bin" init --data "$work/office" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" intake-bundle --data "$work/office" --passphrase-file "$work/pass" --out "$work/bundle.json" > /dev/null

# Starts `lifeline serve ARGS…` in the background; sets $pid and $port.
start() {
  local log="$work/serve-$RANDOM.log"
  "$bin" serve --listen 127.0.0.1:0 "$@" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2)
}
rate() { awk '/Requests\/sec/ {print $2}'; }

echo "== intake throughput, POST /api/v1/applications, 8 connections, $duration"
start --data "$work/office" --role intake
shared=$(wrk -t2 -c8 -d"$duration" -s bench/intake.lua "http://127.0.0.1:$port/api/v1/applications" | rate)
kill "$pid"; wait "$pid" 2>/dev/null || true
start --role intake --outbox "$work/outbox" --intake-bundle "$work/bundle.json"
intake_pid=$pid intake_port=$port
outbox=$(wrk -t2 -c8 -d"$duration" -s bench/intake.lua "http://127.0.0.1:$port/api/v1/applications" | rate)
echo "shared store: $shared req/s; outbox: $outbox req/s; ratio $(echo "scale=2; $outbox / $shared" | bc)"

waiting() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM outbox_applications").fetchone()[0])' "$work/outbox/outbox.db"; }
echo "== collection of the $(waiting) waiting applications (office on SQLite, rounds back to back)"
# Timed from the office's "listening" line (its unlock is over, its first round begins).
start --data "$work/office" --role office --passphrase-file "$work/pass" \
  --collect-from "http://127.0.0.1:$intake_port" --collect-every-ms 1
begin=$(date +%s.%N)
n=$(waiting)
while [ "$(waiting)" -gt 0 ]; do sleep 0.02; done
end=$(date +%s.%N)
collected=$(echo "scale=0; $n / ($end - $begin)" | bc)
echo "collected $n in $(echo "$end - $begin" | bc) s: $collected records/s"
echo "== the office storing the same rows itself (collection_bench, no link)"
"$collection_bench" --benchmark_min_time=2 2>/dev/null | grep BM_
