#!/usr/bin/env python3
"""The hotline caller (caller.xml) survives a 180 Ringing that arrives after the 200 OK.

Kamailio relays replies from several worker processes, so an operator's 180 and 200 can reach
the caller in the other order; RFC 3261 has a UAC ignore a provisional reply that comes after
the final one. A caller scenario that aborted on it failed e2e_sip now and then, in the middle
of a call that had gone right. Here SIPp plays an operator whose ringing always comes late
(operator_late_ringing.xml) and the caller, straight to it, must finish its call.

Usage: check_late_provisional.py   (exit 0: the call completed; 1: it failed)
"""

import os
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(HERE, "caller.xml")) as f:
            caller = f.read().replace("@TALK_MS@", "500").replace("@HEADERS@", "")
        scenario = os.path.join(work, "caller.xml")
        with open(scenario, "w") as f:
            f.write(caller)
        operator_port, caller_port = free_udp_port(), free_udp_port()
        common = ["-i", "127.0.0.1", "-m", "1", "-nostdin", "-timeout", "20s", "-timeout_error"]
        operator = subprocess.Popen(["sipp", "-sf", os.path.join(HERE, "operator_late_ringing.xml"),
                                     "-p", str(operator_port)] + common,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
        try:
            errors = os.path.join(work, "caller.errors")
            call = subprocess.run(["sipp", f"127.0.0.1:{operator_port}", "-sf", scenario, "-p", str(caller_port),
                                   "-trace_err", "-error_file", errors] + common,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, cwd=work, timeout=60)
            operator.wait(timeout=30)
        finally:
            if operator.poll() is None:
                operator.kill()
        if call.returncode != 0 or operator.returncode != 0:
            detail = open(errors, errors="replace").read()[-2000:] if os.path.exists(errors) else ""
            print(f"caller exit {call.returncode}, operator exit {operator.returncode}\n{detail}")
            return 1
        print("the caller ignored the late 180 and finished its call")
        return 0


if __name__ == "__main__":
    sys.exit(main())
