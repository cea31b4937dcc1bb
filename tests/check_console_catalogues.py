#!/usr/bin/env python3
"""Checks the console's translations (po/console/, issue 20) against the source, and fails
naming each problem:
- every text the source marks (T, TF, Marked in src/server/, extracted afresh by
  scripts/update-console-catalogues.sh --pot-only) is translated in each language, not fuzzy;
- a translation keeps its source's values: the same "{}" count and the same "{0}"... set, so
  that it formats (console_text.hpp falls back to Russian when it does not; this catches it
  before a reader sees Russian);
- every Russian text in the console's scripts (web/*.js) is in kScriptTexts, through which the
  page hands them their translations;
- an English translation holds no Cyrillic, a Ukrainian one no letter only Russian has
  (ы, э, ъ, ё), so a Russian text pasted as its own translation does not pass.
Usage: check_console_catalogues.py [repository root]"""
import pathlib
import re
import subprocess
import sys
import tempfile

import polib

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)
LANGUAGES = {
    "en": re.compile(r"[\u0400-\u04FF]"),
    "uk": re.compile(r"[ыЫэЭъЪёЁ]"),
}
PLACEHOLDER = re.compile(r"\{(\d*)(?::[^}]*)?\}")


def values(text):
    """The "{}" count and the indexed "{n}" set of a fmt format string ("{{" is a brace)."""
    text = text.replace("{{", "").replace("}}", "")
    found = PLACEHOLDER.findall(text)
    return (sum(1 for f in found if f == ""), sorted(f for f in found if f))


with tempfile.TemporaryDirectory() as tmp:
    pot_path = pathlib.Path(tmp) / "console.pot"
    subprocess.run([str(root / "scripts/update-console-catalogues.sh"), "--pot-only", str(pot_path)],
                   check=True, cwd=root)
    marked = [e.msgid for e in polib.pofile(str(pot_path)) if e.msgid]

problems = []
# The countries' names and notes the schema seeds in Russian are translated where shown
# (server/abroad/console_abroad_pages.cpp, CountryText): each must be marked.
schema = (root / "src/store/sql/schema.cpp").read_text()
seeded = schema[schema.index("kStayRulesInRussian = R\"sql("):]
seeded = seeded[:seeded.index(")sql\"")]
for text in re.findall(r"SET (?:name|note) = '([^']*)'", seeded):
    if text not in marked:
        problems.append(f"seeded by the schema but not marked: {text!r}")
# The scripts' texts reach them translated through kScriptTexts (server/console_common.cpp):
# every Russian text a script holds must be listed there.
common = (root / "src/server/console_common.cpp").read_text()
listed = common[common.index("kScriptTexts[] = {"):]
listed = set(re.findall(r'Marked\("((?:[^"\\]|\\.)*)"\)', listed[:listed.index("};")]))
for script in sorted((root / "web").glob("*.js")):
    for number, line in enumerate(script.read_text().splitlines(), 1):
        if line.strip().startswith("//"):
            continue
        for text in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
            if re.search(r"[\u0400-\u04FF]", text) and text not in listed:
                problems.append(f"web/{script.name}:{number}: not in kScriptTexts: {text!r}")
for language, foreign in LANGUAGES.items():
    catalogue = polib.pofile(str(root / f"po/console/{language}.po"))
    translations = {e.msgid: e for e in catalogue if not e.obsolete}
    for msgid in marked:
        entry = translations.get(msgid)
        if entry is None or not entry.msgstr:
            problems.append(f"{language}.po: not translated: {msgid!r}")
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{language}.po: marked fuzzy (check it, then drop the flag): {msgid!r}")
        if values(entry.msgstr) != values(msgid):
            problems.append(f"{language}.po: the values differ from the source's: {msgid!r} -> {entry.msgstr!r}")
        if foreign.search(entry.msgstr):
            problems.append(f"{language}.po: letters of another language: {msgid!r} -> {entry.msgstr!r}")

for problem in problems:
    print(problem)
print(f"{len(marked)} marked texts, {len(LANGUAGES)} languages: {len(problems)} problems")
sys.exit(1 if problems else 0)
