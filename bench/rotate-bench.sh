#!/usr/bin/env bash
# Office key rotation rate on a store of synthetic applications, against two baselines
# measured in the same run: the office passphrase unlock alone (Argon2id, paid once per run)
# and SQLite rewriting the same three columns of every row in one transaction with the same
# pragmas (the storage bound).
# Usage: bench/rotate-bench.sh [BIN] [APPLICATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build-release/src/cli/lifeline}
count=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
"$bin" init --data "$work/base" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" demo --data "$work/base" --applications "$count" > /dev/null
echo "== store: $count applications, $(stat -c %s "$work/base/lifeline.db") bytes"

seconds() { echo "$2 - $1" | bc; }

rm -rf "$work/run" && cp -a "$work/base" "$work/run"
start=$(date +%s.%N)
sqlite3 "$work/run/lifeline.db" "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;
  UPDATE applications SET key_generation = 2, ephemeral_public = randomblob(32),
  wrapped_key = randomblob(72);" > /dev/null
sql=$(seconds "$start" "$(date +%s.%N)")
echo "baseline sqlite3 UPDATE of every row: $sql s ($(echo "$count / $sql" | bc) rows/s)"

# --retire with nothing to retire unlocks the office and stops: the fixed cost of a run.
start=$(date +%s.%N)
"$bin" rotate-key --retire --data "$work/base" --passphrase-file "$work/pass" > /dev/null
unlock=$(seconds "$start" "$(date +%s.%N)")
echo "baseline unlock only: $unlock s"

for run in 1 2 3; do
  rm -rf "$work/run" && cp -a "$work/base" "$work/run"
  start=$(date +%s.%N)
  "$bin" rotate-key --data "$work/run" --passphrase-file "$work/pass" > /dev/null
  total=$(seconds "$start" "$(date +%s.%N)")
  rewrap=$(echo "$total - $unlock" | bc)
  echo "rotate-key run $run: $total s in all; re-sealing $rewrap s = $(echo "$count / $rewrap" | bc) cases/s" \
       "($(echo "scale=2; $sql / $rewrap" | bc)x the sqlite3 UPDATE rate)"
done
