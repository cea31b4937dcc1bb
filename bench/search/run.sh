#!/usr/bin/env bash
# The search benchmark of issue 19 (docs/PERFORMANCE.md, "Finding a person"): makes the
# seeded set (make_set.py) if it is not there, then evaluate.py imports it, serves it and
# asks every query through the API, against Xapian and a plain hash map in the same run.
#   bench/search/run.sh build/src/cli/lifeline [CASES] [SET_DIR]
set -euo pipefail
bin=$(realpath "$1")
cases=${2:-1000000}
set_dir=${3:-/tmp/lifeline-search-set-$cases}
here=$(dirname "$0")
[ -f "$set_dir/queries.jsonl" ] || python3 "$here/make_set.py" --cases "$cases" --queries 2000 --seed 19 "$set_dir"
# Debian's python3: its xapian and icu modules (scripts/install-deps.sh --bench).
LIFELINE_BIN=$bin /usr/bin/python3 "$here/evaluate.py" "$set_dir"
