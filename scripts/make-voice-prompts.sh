#!/usr/bin/env bash
# Makes the voice line's prompts (issue 16; docs/contact-centre.md, "The voice line"): every
# prompt `lifeline voice-prompts` lists, spoken by espeak-ng in its language, and the music
# between announcements, as WAV files under OUT_DIR (<language>/<id>.wav and music.wav).
# No audio is kept in the repository; run this at install time and point
# `lifeline serve --voice-prompts OUT_DIR` at the result. A real recording may replace any
# file (same name, a PCM WAV: rtpengine resamples it to the call's codec).
#   scripts/make-voice-prompts.sh LIFELINE_BIN OUT_DIR [--keep]
#   --keep: leave files that exist already (e.g. recordings) untouched.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 LIFELINE_BIN OUT_DIR [--keep]" >&2
  exit 2
fi
lifeline=$1
out=$2
keep=${3:-}
command -v espeak-ng > /dev/null || { echo "espeak-ng is missing: run scripts/install-deps.sh --test" >&2; exit 1; }
mkdir -p "$out"

count=0
while IFS=$'\t' read -r file voice text; do
  target="$out/$file"
  if [ "$keep" = "--keep" ] && [ -s "$target" ]; then continue; fi
  mkdir -p "$(dirname "$target")"
  # -s 150: a little slower than espeak's default, for a phone line.
  # Belarusian has rules but no full dictionary in Debian's espeak-ng: it says so each time.
  espeak-ng -v "$voice" -s 150 -w "$target.tmp" -- "$text" 2> >(grep -v "Full dictionary is not installed" >&2 || true)
  mv "$target.tmp" "$target"
  count=$((count + 1))
done < <("$lifeline" voice-prompts)

# Music between announcements: two minutes of a soft, slow three-note chime (8 kHz mono),
# replaced with the next announcement; nothing that sounds like a ring or busy tone.
if [ "$keep" != "--keep" ] || [ ! -s "$out/music.wav" ]; then
  python3 - "$out/music.wav" <<'PY'
import math, struct, sys, wave
rate, seconds = 8000, 120
notes = [523.25, 659.25, 783.99, 659.25]  # C5 E5 G5 E5, a note a second with a soft decay
frames = bytearray()
for i in range(rate * seconds):
    t = i / rate
    note = notes[int(t) % len(notes)]
    phase = t - int(t)
    level = 0.18 * math.exp(-3.0 * phase) * math.sin(2 * math.pi * note * t)
    frames += struct.pack("<h", int(level * 32767))
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(rate)
    w.writeframes(bytes(frames))
PY
  count=$((count + 1))
fi
echo "voice prompts: $count file(s) made under $out"
