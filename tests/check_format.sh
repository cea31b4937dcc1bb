#!/usr/bin/env bash
# Fails, naming the files, when any C++ source in the tree differs from what clang-format
# makes of it with the tree's .clang-format (STYLE.md). To format: clang-format -i FILE…
set -euo pipefail
root=${1:-$(dirname "$0")/..}
cd "$root"
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'bench/*.cpp' 'bench/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp' \
                       'tests/*.cpp' 'tests/*.hpp' 2>/dev/null ||
                     find src bench fuzz tests -name '*.cpp' -o -name '*.hpp')
# One clang-format for all (fast); the files are named only when something is off.
clang-format --dry-run --Werror "${files[@]}" > /dev/null 2>&1 && { echo "all ${#files[@]} C++ files are formatted"; exit 0; }
unformatted=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" > /dev/null 2>&1 || unformatted+=("$f")
done
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "${#unformatted[@]} of ${#files[@]} files are not formatted (clang-format -i them):"
  printf '  %s\n' "${unformatted[@]}"
  exit 1
fi
echo "clang-format failed, but on no single file: run it by hand to see why"
exit 1
