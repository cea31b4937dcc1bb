#!/usr/bin/env bash
# Browser end-to-end tests of lifeline: public intake pages and console with JavaScript off,
# and the console with it on (keyboard, groups, follow-ups, screening, charts), and accounts,
# the second factor, deletion and the audit page, and the console in Ukrainian and English.
# Needs node, npm and Debian's chromium (/usr/bin/chromium); no browser is downloaded.
# LIFELINE_BIN overrides the binary (default: ../../build/src/cli/lifeline).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund
fi
exec node --test --test-reporter=spec intake_and_console.test.mjs console_with_script.test.mjs camp_console.test.mjs \
  abroad_console.test.mjs accounts_and_audit.test.mjs console_languages.test.mjs applicant_leaves_no_trace.test.mjs
