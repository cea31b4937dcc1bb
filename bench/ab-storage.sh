#!/bin/sh
# The storage benchmarks of two builds side by side, A B A B …, so that the machine's drift
# falls on both: camp_bench's postings and queries and abroad_bench's risk board, each
# round in turn. Prints each benchmark's time per build (median of the rounds) and the
# ratio new/old taken round by round.
#   bench/ab-storage.sh OLD_BUILD_DIR NEW_BUILD_DIR [ROUNDS]
set -eu
old=$1 new=$2 rounds=${3:-3}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
i=1
while [ "$i" -le "$rounds" ]; do
  for which in old new; do
    if [ $which = old ]; then dir=$old; else dir=$new; fi
    "$dir/bench/camp_bench" --benchmark_filter='PostDurable|Query' --benchmark_format=csv 2>/dev/null |
      grep '^"BM' | sed "s/^/$which,$i,/" >> "$out"
    "$dir/bench/abroad_bench" --benchmark_format=csv 2>/dev/null | grep '^"BM' | sed "s/^/$which,$i,/" >> "$out"
  done
  i=$((i + 1))
done
python3 - "$out" <<'PY'
import csv, statistics, sys
times = {}
for which, rnd, name, _it, real, _cpu, unit, *_ in csv.reader(open(sys.argv[1])):
    times.setdefault(name, {}).setdefault(which, {})[rnd] = (float(real), unit)
print(f"{'benchmark':42} {'old':>12} {'new':>12} {'new/old':>8}")
for name, by in times.items():
    rounds = sorted(set(by.get('old', {})) & set(by.get('new', {})))
    ratio = statistics.median(by['new'][r][0] / by['old'][r][0] for r in rounds)
    unit = by['old'][rounds[0]][1]
    old = statistics.median(by['old'][r][0] for r in rounds)
    new = statistics.median(by['new'][r][0] for r in rounds)
    print(f"{name:42} {old:>9.3f} {unit:2} {new:>9.3f} {unit:2} {ratio:>8.2f}")
PY
