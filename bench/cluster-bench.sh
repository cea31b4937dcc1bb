#!/usr/bin/env bash
# Intake on each store, all in one run so the ratios compare like with like:
#   POST /api/v1/applications with wrk (64 connections): SQLite, one intake instance (the
#   baseline); PostgreSQL, one instance; PostgreSQL, one and two instances behind haproxy;
#   GET /readyz (one store round trip per request) on each engine.
# PostgreSQL is a throwaway server on loopback (tests/pg/pg-server.sh), fsync on.
# Usage: bench/cluster-bench.sh [BIN]   (default: build-release/src/cli/lifeline)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build-release/src/cli/lifeline}")
duration=${DURATION:-20s}
work=$(mktemp -d)
chmod 755 "$work"
# serve and proxy start their processes in command substitutions (subshells), so they are
# not this shell's jobs: their pids are kept in $work/pids.
trap 'kill $(jobs -p) $(cat "$work/pids" 2>/dev/null) 2>/dev/null || true; wait 2>/dev/null || true
      tests/pg/pg-server.sh stop "$work/pg" > /dev/null; rm -rf "$work"' EXIT

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
tests/pg/pg-server.sh start "$work/pg" > /dev/null
db=$(cat "$work/pg/conninfo")
"$bin" init --data "$work/data" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" init --db "$db" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null

# serve NAME STORE-OPTIONS…: starts an intake instance and prints its port.
serve() {
  local name=$1
  shift
  "$bin" serve "$@" --role intake --listen 127.0.0.1:0 > "$work/$name.log" 2>&1 &
  echo $! >> "$work/pids"
  for _ in $(seq 100); do grep -q listening "$work/$name.log" && break; sleep 0.1; done
  grep -o '127.0.0.1:[0-9]*' "$work/$name.log" | head -1 | cut -d: -f2
}

# proxy NAME PORT…: starts haproxy in front of these ports and prints its own port.
proxy() {
  local name=$1
  shift
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  {
    printf 'global\n  maxconn 1024\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n'
    printf '  timeout server 30s\n  retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response\n'
    printf 'frontend public\n  bind 127.0.0.1:%s\n  default_backend intake\nbackend intake\n  balance roundrobin\n' "$port"
    local n=0
    for p in "$@"; do printf '  server i%s 127.0.0.1:%s\n' $((n++)) "$p"; done
  } > "$work/$name.cfg"
  haproxy -db -f "$work/$name.cfg" > "$work/$name.haproxy.log" 2>&1 &
  echo $! >> "$work/pids"
  sleep 1
  echo "$port"
}

# load LABEL URL: one wrk run, summarised as "LABEL  req/s  p99".
load() {
  local out
  out=$(wrk -t2 -c64 -d"$duration" --latency -s bench/intake.lua "$2")
  printf '%-48s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" "$(awk '$1 == "50%" {print $2}' <<< "$out")" \
    "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$(awk '/Non-2xx/ {print $5}' <<< "$out" | grep . || echo 0)"
}

probe() {
  local out
  out=$(wrk -t2 -c64 -d"$duration" --latency "$2")
  printf '%-48s %10s req/s   p50 %8s   p99 %8s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" "$(awk '$1 == "50%" {print $2}' <<< "$out")" \
    "$(awk '$1 == "99%" {print $2}' <<< "$out")"
}

sqlite_port=$(serve sqlite --data "$work/data")
pg_a=$(serve pg-a --db "$db")
sleep 1
echo "== POST /api/v1/applications, 64 connections, $duration each"
load "SQLite, one intake (baseline)" "http://127.0.0.1:$sqlite_port/api/v1/applications"
load "PostgreSQL, one intake" "http://127.0.0.1:$pg_a/api/v1/applications"
one=$(proxy one "$pg_a")
load "PostgreSQL, one intake behind haproxy" "http://127.0.0.1:$one/api/v1/applications"
pg_b=$(serve pg-b --db "$db")
two=$(proxy two "$pg_a" "$pg_b")
sleep 1
load "PostgreSQL, two intakes behind haproxy" "http://127.0.0.1:$two/api/v1/applications"
echo "== GET /readyz (one store read per request), 64 connections"
probe "SQLite" "http://127.0.0.1:$sqlite_port/readyz"
probe "PostgreSQL" "http://127.0.0.1:$pg_a/readyz"
echo "== cores: $(nproc)"
