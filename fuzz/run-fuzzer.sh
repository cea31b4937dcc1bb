#!/usr/bin/env bash
# Runs one fuzz target for a while on a copy of its seed corpus, so that the inputs it finds
# never land in the repository. An input that crashes it is kept in ARTIFACTS.
#   fuzz/run-fuzzer.sh FUZZER CORPUS SECONDS ARTIFACTS [libFuzzer flags...]
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=$3 artifacts=$4
shift 4
work=$(mktemp -d "${TMPDIR:-/tmp}/lifeline-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$corpus"/. "$work"/
mkdir -p "$artifacts"
"$fuzzer" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$artifacts/$(basename "$fuzzer")-" "$@" "$work"
