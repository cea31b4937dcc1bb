#!/usr/bin/env python3
"""Every module a Kamailio configuration of lifeline's loads must come from a package that
scripts/install-deps.sh installs.

A machine where someone once installed a package by hand passes the SIP tests even when
install-deps never names it, and a fresh Debian 12 then cannot start Kamailio (it happened with
json.so, from kamailio-json-modules). This check resolves each `loadmodule` against the
configuration's `mpath`, asks dpkg which package owns the file, and fails unless that package is
in `scripts/install-deps.sh --test --list`.

The programs the SIP tests start beside Kamailio (SIPp; for the voice line, issue 16, rtpengine
and espeak-ng) are checked the same way: each must come from a package install-deps names.

Usage: check_kamailio_modules.py CONFIG [CONFIG ...]   (exit 0: all resolved; 1: a problem)
"""

import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MPATH = re.compile(r'^\s*mpath\s*=\s*"([^"]+)"', re.MULTILINE)
LOADMODULE = re.compile(r'^\s*loadmodule\s+"([^"]+)"', re.MULTILINE)


# The programs tests/e2e/test_sip.py starts, and the package each must come from.
PROGRAMS = {"kamailio": "kamailio", "sipp": "sip-tester", "rtpengine": "rtpengine-daemon", "espeak-ng": "espeak-ng"}


def named_packages():
    """The packages install-deps installs for the tests (the SIP tests' mode)."""
    out = subprocess.run([os.path.join(ROOT, "scripts", "install-deps.sh"), "--test", "--list"],
                         check=True, capture_output=True, text=True).stdout
    return set(out.split())


def owning_package(path):
    """The Debian package that installed `path`, or None if no package lists it."""
    result = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    # "kamailio-json-modules:amd64: /usr/lib/…/json.so"; the architecture qualifier is optional.
    return result.stdout.split(":")[0].strip()


def modules_of(config_text):
    """(mpath, [module, …]) as the configuration loads them, `.so` added where it is left out."""
    mpath = MPATH.search(config_text)
    modules = [m if m.endswith(".so") else m + ".so" for m in LOADMODULE.findall(config_text)]
    return (mpath.group(1) if mpath else None), modules


def problems_in(config, packages):
    with open(config) as f:
        mpath, modules = modules_of(f.read())
    if not modules:
        return [f"{config}: loads no module (is this a Kamailio configuration?)"]
    found = []
    for module in modules:
        path = module if os.path.isabs(module) else os.path.join(mpath or "", module)
        if not os.path.isfile(path):
            found.append(f"{config}: {module} is not installed ({path} is missing): name the package "
                         "that provides it in scripts/install-deps.sh")
            continue
        package = owning_package(os.path.realpath(path)) or owning_package(path)
        if package is None:
            found.append(f"{config}: {path} belongs to no Debian package (installed by hand?)")
        elif package not in packages:
            found.append(f"{config}: {module} comes from {package}, which scripts/install-deps.sh does not install")
    return found


def program_problems(packages):
    found = []
    for program, expected in PROGRAMS.items():
        path = shutil.which(program)
        if path is None:
            found.append(f"{program} is not installed: scripts/install-deps.sh --test installs {expected}")
            continue
        package = owning_package(os.path.realpath(path)) or owning_package(path)
        if package is None:
            found.append(f"{path} belongs to no Debian package (installed by hand?)")
        elif package not in packages:
            found.append(f"{program} comes from {package}, which scripts/install-deps.sh does not install")
    return found


def main(configs):
    if not configs:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    packages = named_packages()
    problems = [p for config in configs for p in problems_in(config, packages)] + program_problems(packages)
    for p in problems:
        print(p)
    checked = sum(len(modules_of(open(c).read())[1]) for c in configs)
    print(f"{checked} modules checked in {len(configs)} configuration(s) and {len(PROGRAMS)} programs: "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
