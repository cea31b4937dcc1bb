#!/usr/bin/env python3
"""Fails, naming the entry, when a key of the console's catalogue of rule details
(src/server/console_details.cpp) is no longer a message the rules write: a rule reworded in
app/ or domain/ would otherwise fall back to English in the console without notice. Each
key's literal parts (around its "{}") must appear, in order, in one source line's string."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)
catalogue = (root / "src/server/console_details.cpp").read_text()
start = catalogue.index("kDetails[] = {")
body = catalogue[start:catalogue.index("\n};", start)]

# Each entry: {"english" "continued", "russian" ...}; the key is the string run before the
# comma, compared as written in C++ (escapes and all) with the rules' own literals.
keys = []
for entry in re.finditer(r'\{((?:\s*"(?:[^"\\]|\\.)*")+)\s*,', body):
    keys.append("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', entry.group(1))))

sources = ""
for path in sorted((root / "src").rglob("*.cpp")):
    if path.name.endswith("_test.cpp") or path.parts[-2:] == ("server", "console_details.cpp"):
        continue
    text = path.read_text()
    # Adjacent literals are one string in C++: join them as the compiler does.
    sources += re.sub(r'"\s*\n\s*"', "", text) + "\n"

missing = []
for key in keys:
    parts = [p for p in key.split("{}") if p]
    if not all(part in sources for part in parts):
        missing.append(key)
for key in missing:
    print(f"console_details.cpp: no rule writes {key!r}")
print(f"{len(keys)} catalogue keys, {len(missing)} no longer written by a rule")
sys.exit(1 if missing or not keys else 0)
