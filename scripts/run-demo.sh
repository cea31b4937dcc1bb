#!/usr/bin/env bash
# Builds a Release lifeline and serves it on http://127.0.0.1:8080 with the embedded SQLite
# store in var/demo, seeded once with synthetic demo applications. Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DLIFELINE_BENCH=OFF > /dev/null
cmake --build build-release --target lifeline -j"$(nproc)"
bin=build-release/src/cli/lifeline

data=var/demo
secrets=var/demo-secrets
if [ ! -f "$data/lifeline.db" ]; then
  mkdir -p "$secrets"
  chmod 700 "$secrets"
  # Demo secrets only: a real installation chooses its own and keeps them off this disk.
  echo "demo office passphrase (synthetic)" > "$secrets/passphrase"
  echo "demo-admin-password" > "$secrets/admin-password"
  echo "demo-operator-password" > "$secrets/operator-password"
  "$bin" init --data "$data" --passphrase-file "$secrets/passphrase" \
    --admin admin --admin-password-file "$secrets/admin-password"
  "$bin" user add --data "$data" --passphrase-file "$secrets/passphrase" --name operator \
    --role operator --password-file "$secrets/operator-password"
  "$bin" user add --data "$data" --passphrase-file "$secrets/passphrase" --name auditor \
    --role auditor --password-file "$secrets/operator-password"
  echo "Seeding synthetic demo applications (about a minute)…"
  "$bin" demo --data "$data" --applications "${DEMO_APPLICATIONS:-3000}"
fi

cat <<MSG

  lifeline demo
  Applicant form:   http://127.0.0.1:8080/
  Operator console: http://127.0.0.1:8080/console/
  Demo operator:    operator / $(cat "$secrets/operator-password")   (claims a case, then opens it)
  Demo auditor:     auditor / $(cat "$secrets/operator-password")   (reads the audit log)
  Demo admin:       admin / $(cat "$secrets/admin-password")   (accounts and settings, no cases)

MSG
exec "$bin" serve --data "$data" --listen 127.0.0.1:8080 --passphrase-file "$secrets/passphrase"
