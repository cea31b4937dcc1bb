"""Crash testing more than once (issue 17): round after round, concurrent submitters write
while lifeline is killed with SIGKILL at a random moment; after each restart every receipt
ever answered 201, in any round, must still resolve. SQLite by default; PostgreSQL when
LIFELINE_E2E_POSTGRES_FILE names a test server."""
import concurrent.futures
import os
import random
import signal
import threading
import time
import unittest

from harness import Server, minimal_application

ROUNDS = int(os.environ.get("LIFELINE_CRASH_ROUNDS", "20"))
# The intake role takes submissions and status checks, and starts without unlocking the
# office key (an Argon2id), which keeps 20 restarts quick.
ROLE = "intake"
WRITERS = 4


class CrashRounds(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)

    def round_of_writes(self, number, seconds):
        """Submits from WRITERS threads until SIGKILL after `seconds`; the receipts answered 201."""
        acknowledged, lock, stop = [], threading.Lock(), threading.Event()

        def writer(n):
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    status, body, _ = self.server.submit(minimal_application(name=f"round {number} {n}-{i}"))
                except (OSError, ValueError):
                    continue  # killed mid-request: not acknowledged
                if status == 201:
                    with lock:
                        acknowledged.append(body["receipt"])
                else:
                    self.assertEqual(status, 503, body)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for t in threads:
            t.start()
        time.sleep(seconds)
        self.server.proc.send_signal(signal.SIGKILL)
        self.server.proc.wait(timeout=30)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        self.server.proc = None
        self.server.log.close()
        return acknowledged

    def test_every_acknowledged_receipt_survives_repeated_kill9(self):
        rng = random.Random(os.environ.get("LIFELINE_CRASH_SEED", str(time.time_ns())))
        acknowledged = []
        with concurrent.futures.ThreadPoolExecutor(4) as checkers:
            for number in range(ROUNDS):
                self.server.start(ROLE)
                if acknowledged:
                    statuses = list(checkers.map(lambda r: self.server.check(r)[0], acknowledged))
                    missing = sum(1 for s in statuses if s != 200)
                    self.assertEqual(missing, 0, f"round {number}: {missing} of {len(acknowledged)} "
                                                 "acknowledged receipts lost")
                acknowledged += self.round_of_writes(number, rng.uniform(0.1, 0.4))
            self.server.start(ROLE)
            self.assertEqual(self.server.json("GET", "/readyz")[0], 200)
            statuses = list(checkers.map(lambda r: self.server.check(r)[0], acknowledged))
            self.assertEqual(sum(1 for s in statuses if s != 200), 0)
        self.assertGreater(len(acknowledged), ROUNDS, "too few submissions were acknowledged to prove anything")


if __name__ == "__main__":
    unittest.main()
