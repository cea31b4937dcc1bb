#!/usr/bin/env python3
"""Compile the same randomly chosen translation units two ways, in turn (A B A B ...), and
print the total time of each and their ratio: the build-flag experiments of
docs/PERFORMANCE.md ("Build").

    bench/compile-ab.py BUILD_DIR/compile_commands.json [--units 14] [--seed 11] \\
        [--replace -g=-g1]

B is A with each --replace OLD=NEW applied to the command's arguments. Objects are written
to a scratch file; the build directory is not touched."""
import argparse
import json
import random
import shlex
import subprocess
import tempfile
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("compile_commands")
    parser.add_argument("--units", type=int, default=14)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--replace", action="append", help="OLD=NEW (default: -g=-g1)")
    args = parser.parse_args()
    replace = dict(r.split("=", 1) for r in (args.replace or ["-g=-g1"]))
    with open(args.compile_commands) as f:
        units = [e for e in json.load(f) if e["file"].endswith(".cpp") and "console_assets_data" not in e["file"]]
    random.seed(args.seed)
    total_a = total_b = 0.0
    with tempfile.NamedTemporaryFile(suffix=".o") as scratch:
        for entry in random.sample(units, args.units):
            a = shlex.split(entry["command"])
            a[a.index("-o") + 1] = scratch.name
            b = [replace.get(arg, arg) for arg in a]
            for command, side in ((a, "a"), (b, "b")):
                start = time.monotonic()
                subprocess.run(command, cwd=entry["directory"], check=True)
                elapsed = time.monotonic() - start
                if side == "a":
                    total_a += elapsed
                else:
                    total_b += elapsed
    print(f"A {total_a:.1f} s, B {total_b:.1f} s, B/A {total_b / total_a:.2f} "
          f"({args.units} units, seed {args.seed}, B replaces {replace})")


if __name__ == "__main__":
    main()
