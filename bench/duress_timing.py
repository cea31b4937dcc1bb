#!/usr/bin/env python3
"""Duress receipts over HTTP (issue 22; docs/PERFORMANCE.md, "Duress receipts"): how long a
status check takes with a real receipt and with a duress receipt, as an applicant's client
sees it. Starts a server (--role all, SQLite) through the e2e harness, submits N applications
asking for a duress receipt, checks each one's two receipts once in a shuffled order over one
kept-alive connection, and prints the two medians and the two-sample Kolmogorov-Smirnov D
against its critical value at the 0.1 % level.

    LIFELINE_BIN=build/src/cli/lifeline bench/duress_timing.py [N]   (default 1500)
"""
import http.client
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "e2e"))
from harness import Server, minimal_application  # noqa: E402


def kolmogorov_smirnov(a, b):
    a, b = sorted(a), sorted(b)
    i = j = 0
    gap = 0.0
    while i < len(a) and j < len(b):
        x = min(a[i], b[j])
        while i < len(a) and a[i] <= x:
            i += 1
        while j < len(b) and b[j] <= x:
            j += 1
        gap = max(gap, abs(i / len(a) - j / len(b)))
    return gap


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    server = Server()
    server.start()
    try:
        receipts = []
        for _ in range(n):
            status, body, _ = server.submit(minimal_application(duress_receipt=True))
            assert status == 201, body
            receipts.append((body["receipt"], body["duress_receipt"]))
        order = [False] * n + [True] * n
        random.Random(7).shuffle(order)
        times = {False: [], True: []}
        used = {False: 0, True: 0}
        connection = http.client.HTTPConnection("127.0.0.1", server.port)
        for duress in order:
            receipt = receipts[used[duress]][1 if duress else 0]
            used[duress] += 1
            body = json.dumps({"receipt": receipt})
            start = time.perf_counter()
            connection.request("POST", "/api/v1/applicant/status", body,
                               {"Content-Type": "application/json"})
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 200
            times[duress].append((time.perf_counter() - start) * 1e6)
            time.sleep(0.003)  # let the office note the check before the next one is timed
        real, duress = sorted(times[False]), sorted(times[True])
        print(f"{n} checks of each: median real {real[n // 2]:.0f} us, duress {duress[n // 2]:.0f} us, "
              f"ratio {duress[n // 2] / real[n // 2]:.3f}; KS D = {kolmogorov_smirnov(real, duress):.4f} "
              f"(critical {1.949 * (2 / n) ** 0.5:.4f} at 0.1 %)")
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
