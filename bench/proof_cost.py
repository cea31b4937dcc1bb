#!/usr/bin/env python3
"""What a proof of application costs a submission (issue 22; docs/PERFORMANCE.md, "Proof of
application"): a submission asking for a proof against one that does not, as the client
sees it, and asking for it later on the status page against a plain status check. Starts a
server (--role all, SQLite) through the e2e harness; the two kinds of each pair alternate
over one kept-alive connection, and the medians and their ratio are printed.

    LIFELINE_BIN=build/src/cli/lifeline bench/proof_cost.py [N]   (default 300 of each)
"""
import http.client
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "e2e"))
from harness import Server, minimal_application  # noqa: E402


def timed(connection, path, body, expect):
    start = time.perf_counter()
    connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    answer = connection.getresponse()
    data = answer.read()
    elapsed = (time.perf_counter() - start) * 1e6
    assert answer.status == expect, (answer.status, data[:200])
    return elapsed, json.loads(data)


def median(values):
    return sorted(values)[len(values) // 2]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    server = Server()
    server.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port)
        plain, proved, receipts = [], [], []
        for i in range(2 * n):
            asked = i % 2 == 1
            elapsed, body = timed(connection, "/api/v1/applications", minimal_application(proof=asked), 201)
            (proved if asked else plain).append(elapsed)
            if not asked:
                receipts.append(body["receipt"])
        check, later = [], []
        for receipt in receipts:  # a status check, then the proof asked for later
            check.append(timed(connection, "/api/v1/applicant/status", {"receipt": receipt}, 200)[0])
            later.append(timed(connection, "/api/v1/applicant/proof", {"receipt": receipt}, 200)[0])
        shown = [timed(connection, "/api/v1/applicant/proof", {"receipt": r}, 200)[0] for r in receipts]
        print(f"submission: median without a proof {median(plain):.0f} us, with one {median(proved):.0f} us, "
              f"ratio {median(proved) / median(plain):.2f} ({n} each)")
        print(f"status page: median status check {median(check):.0f} us, proof issued later "
              f"{median(later):.0f} us (ratio {median(later) / median(check):.2f}), the same proof shown "
              f"again {median(shown):.0f} us (ratio {median(shown) / median(check):.2f})")
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
