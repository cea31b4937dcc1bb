#!/usr/bin/env bash
# Backup and restore times on a store filled with synthetic applications, then on the same
# store grown with FILLER_ROWS rows of random bytes (default 0) to measure the data rate.
# Usage: [FILLER_ROWS=N] bench/backup-bench.sh [BIN] [APPLICATIONS]
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
if [ "${FILLER_ROWS:-0}" -gt 0 ]; then
  # Rows shaped like sealed applications (random keys and ciphertext), written directly:
  # backup and restore move bytes, not meaning.
  sqlite3 "$work/data/lifeline.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < ${FILLER_ROWS}) INSERT INTO applications (received_on, status, situation, group_kind,
    group_size, contact_channel, language, receipt_lookup, reply_public, ephemeral_public,
    wrapped_key, sealed_fields) SELECT '2026-01-01', 'new', 'serving', 'alone', 1, 'signal', 'ru',
    randomblob(32), randomblob(32), randomblob(32), randomblob(72), randomblob(552) FROM n;"
fi
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
