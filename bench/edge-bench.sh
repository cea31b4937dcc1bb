#!/usr/bin/env bash
# The connection cap under load, on loopback, all in one run:
#   GET /healthz with 32 connections, nothing else open (the baseline);
#   the same while a burst of idle connections holds the cap (--max-connections 256) and
#   more wait past it: what a health checker sees when the server is full;
#   GET / on new connections at the cap: every one answered 503 with Retry-After, none dropped.
# Usage: bench/edge-bench.sh [BIN]   (default build/src/cli/lifeline)
#   IDLE=300 (idle connections, bounded: at most the hard cap, 256 + 256/4 + 16 = 336, less wrk's 32) DURATION=10s
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/src/cli/lifeline}
duration=${DURATION:-10s}
idle=${IDLE:-300}
cap=256
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
"$bin" init --data "$work/data" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" serve --data "$work/data" --listen 127.0.0.1:0 --passphrase-file "$work/pass" \
  --max-connections "$cap" --read-timeout 120 > "$work/serve.log" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.log" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.log" | cut -d: -f2)

echo "== baseline: GET /healthz, 32 connections, nothing else open"
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/healthz"

# A burst of idle connections: connect and say nothing. Holds them until killed.
python3 - "$port" "$idle" > "$work/idle.log" <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
held = []
for _ in range(n):
    held.append(socket.create_connection(("127.0.0.1", port), timeout=5))
print("holding", len(held), flush=True)
time.sleep(3600)
PY
idle_pid=$!
for _ in $(seq 100); do grep -q holding "$work/idle.log" && break; sleep 0.1; done
sleep 1
echo "== $(cat "$work/idle.log") idle connections; cap $cap; open fds of lifeline: $(ls /proc/$pid/fd | wc -l)"
echo "== at the cap: GET /healthz, 32 new connections"
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/healthz"
echo "== at the cap: GET /, 32 new connections (503 with Retry-After expected)"
wrk -t2 -c32 -d"$duration" "http://127.0.0.1:$port/"
echo "== resident memory at the cap: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
kill $idle_pid
wait $idle_pid 2>/dev/null || true
sleep 1
echo "== after the burst: GET /healthz, 32 connections"
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/healthz"
kill -TERM $pid
wait $pid
