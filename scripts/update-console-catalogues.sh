#!/usr/bin/env bash
# Brings the console's catalogues up to date with the source (issue 20, docs/translating.md):
# extracts every text marked with T, TF or Marked in src/server/ (and Marked in src/domain/) into
# po/console/console.pot,
# then merges it into each language's .po (new texts arrive untranslated, removed ones are
# kept as obsolete "#~" entries). Translate the new entries, then build: msgfmt checks them,
# and the test console_catalogues_complete fails while any is missing.
#   scripts/update-console-catalogues.sh [--pot-only OUTPUT]
set -euo pipefail
cd "$(dirname "$0")/.."

# The console's sources, and the domain's that mark words the console shows (tracked or new).
sources() {
  git ls-files --cached --others --exclude-standard 'src/server/*.cpp' | grep -v '_test\.cpp$'
  git ls-files --cached --others --exclude-standard 'src/domain/*.cpp' | grep -v '_test\.cpp$' |
    xargs grep -l 'Marked("'
}

extract() {
  # The header is kept (without it xgettext takes the sources as ASCII); its creation date
  # is dropped so that an unchanged source gives an unchanged file.
  # shellcheck disable=SC2046
  xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=T --keyword=TF:1 \
    --keyword=Marked --add-comments=TRANSLATORS: --sort-by-file --no-wrap \
    --package-name="lifeline console" -o - $(sources) |
    sed -e '/^"POT-Creation-Date: /d' -e 's/charset=CHARSET/charset=UTF-8/' > "$1"
}

if [ "${1:-}" = "--pot-only" ]; then
  extract "$2"
  exit 0
fi

extract po/console/console.pot
for po in po/console/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap --sort-by-file \
    "$po" po/console/console.pot
done
echo "po/console: $(grep -c '^msgid ' po/console/console.pot) texts; translate the empty msgstr \"\" in each .po"
