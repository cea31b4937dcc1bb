#!/usr/bin/env bash
# The Telegram webhook under load, on loopback, all in one run (docs/PERFORMANCE.md):
#   GET /healthz (the baseline), 32 connections;
#   webhook POSTs from new senders (each opens an application: a receipt hash), 32 connections;
#   webhook POSTs from one flooding sender (turned away past his hourly limit), 32 connections;
#   a new sender's answer time, alone and during one sender's flood of FLOOD messages.
# Usage: bench/telegram-bench.sh [BIN]   (default build/src/cli/lifeline)
#   DURATION=10s FLOOD=10000
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/src/cli/lifeline}
duration=${DURATION:-10s}
flood=${FLOOD:-10000}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

secret=synthetic_bench_webhook_secret
echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
echo "123456:synthetic-bench-token" > "$work/token"
echo "$secret" > "$work/secret"

start() {  # a fresh store and server; sets $pid and $port
  rm -rf "$work/data"
  "$bin" init --data "$work/data" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
  "$bin" serve --data "$work/data" --listen 127.0.0.1:0 --passphrase-file "$work/pass" \
    --telegram-token-file "$work/token" --telegram-webhook-secret-file "$work/secret" \
    --telegram-api-base http://127.0.0.1:9 > "$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$work/serve.log" && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.log" | cut -d: -f2)
}
stop() { kill -TERM "$pid"; wait "$pid" || true; }

start
echo "== baseline: GET /healthz, 32 connections"
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/healthz"
echo "== webhook, a new sender each message (opens an application), 32 connections"
SECRET=$secret MODE=new wrk -t2 -c32 -d"$duration" --latency -s bench/telegram-webhook.lua "http://127.0.0.1:$port"
echo "== webhook, one sender flooding (past his limit), 32 connections"
SECRET=$secret MODE=flood wrk -t2 -c32 -d"$duration" --latency -s bench/telegram-webhook.lua "http://127.0.0.1:$port"
stop

start
echo "== another sender's answer time, alone and during one sender's flood of $flood"
python3 bench/telegram_flood.py "$port" "$secret" "$flood" 30 4
stop
