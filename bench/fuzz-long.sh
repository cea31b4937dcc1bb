#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, docs/fuzzing.md) for RUNS executions (default 10 million)
# on a copy of its seed corpus, at the lowest priority, and prints per target the executions
# done, the time taken and whether it crashed. An input that crashes a target is kept in
# build-fuzz/artifacts/. Exits non-zero if any target crashed. The timeout is 25 s, not the
# test's 5 s: at nice 19 on a busy machine one execution can be starved for seconds.
# Usage: bench/fuzz-long.sh [RUNS] [TARGET...]      (build-fuzz must be built; see fuzz/CMakeLists.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000000}
shift || true
build=${FUZZ_BUILD:-build-fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/*_fuzzer.cpp; do targets+=("$(basename "$f" _fuzzer.cpp)"); done
fi

mkdir -p "$build/artifacts"
failed=0
printf '%-18s %12s %9s %10s %s\n' target executions seconds "exec/s" result
for name in "${targets[@]}"; do
  work=$(mktemp -d "${TMPDIR:-/tmp}/lifeline-fuzz-long.XXXXXX")
  cp -r "fuzz/corpus/$name/." "$work/"
  log="$build/artifacts/$name-long.log"
  start=$(date +%s.%N)
  result=ok
  nice -n 19 "$build/${name}_fuzzer" -runs="$runs" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$name-" "$work" > "$log" 2>&1 || { result="CRASH (see $log)"; failed=1; }
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(awk -v n="${executed:-0}" -v s="$seconds" 'BEGIN { printf "%d", n / s }')
  printf '%-18s %12s %9.0f %10s %s\n' "$name" "${executed:-?}" "$seconds" "$rate" "$result"
  rm -rf "$work"
done
exit $failed
