#!/usr/bin/env bash
# Backup and restore throughput, and audit-verify throughput, on a store filled with
# synthetic applications. Usage: bench/backup-bench.sh [BIN] [APPLICATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build-release/src/cli/lifeline}
count=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
"$bin" init --data "$work/data" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" demo --data "$work/data" --applications "$count" > /dev/null
size=$(stat -c %s "$work/data/lifeline.db")
echo "== store: $count applications, $size bytes"

for run in 1 2 3; do
  rm -f "$work/backup"
  start=$(date +%s.%N)
  "$bin" backup --data "$work/data" --passphrase-file "$work/pass" --out "$work/backup" > /dev/null
  end=$(date +%s.%N)
  echo "backup run $run: $(echo "$end - $start" | bc) s, file $(stat -c %s "$work/backup") bytes"
done
for run in 1 2 3; do
  rm -rf "$work/restored"
  start=$(date +%s.%N)
  "$bin" restore --in "$work/backup" --data "$work/restored" --passphrase-file "$work/pass" > /dev/null
  end=$(date +%s.%N)
  echo "restore run $run: $(echo "$end - $start" | bc) s"
done
# Audit verify: the chain grows by one entry per backup/restore above; pad it with sign-ins
# is not possible offline, so report entries and time as they are.
start=$(date +%s.%N)
"$bin" audit verify --data "$work/data" --passphrase-file "$work/pass"
end=$(date +%s.%N)
echo "audit verify: $(echo "$end - $start" | bc) s (includes unlocking the office key)"
