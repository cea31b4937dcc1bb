"""A burst far beyond what the receipt hash allows: every answer is a 201 or a quick 503 with
Retry-After, the server stays responsive, and exactly the acknowledged applications are stored."""
import threading
import time
import unittest

from harness import Server, minimal_application

CLIENTS = 120


class Burst(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start(extra=["--intake-queue", "8"])

    def test_burst_gets_201_or_503_and_loses_nothing(self):
        results = []
        lock = threading.Lock()
        go = threading.Barrier(CLIENTS + 1)

        def client(n):
            go.wait()
            status, body, headers = self.server.submit(minimal_application(name=f"burst {n}"))
            with lock:
                results.append((status, body, headers))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        go.wait()
        started = time.monotonic()
        health = self.server.request("GET", "/healthz")
        health_seconds = time.monotonic() - started
        for t in threads:
            t.join(timeout=120)

        self.assertEqual(health[0], 200)
        self.assertLess(health_seconds, 1.0, "the server stopped answering during the burst")
        self.assertEqual(len(results), CLIENTS)
        accepted = [body["receipt"] for status, body, _ in results if status == 201]
        refused = [(body, headers) for status, body, headers in results if status == 503]
        self.assertEqual(len(accepted) + len(refused), CLIENTS, [r[0] for r in results])
        self.assertGreater(len(refused), 0, "the burst never filled the queue")
        self.assertGreater(len(accepted), 0)
        for body, headers in refused:
            self.assertEqual(headers.get("retry-after"), "1")
            self.assertEqual(body["error"]["code"], "unavailable")

        self.assertEqual(self.server.total_cases(), len(accepted))
        for receipt in accepted:
            self.assertEqual(self.server.check(receipt)[0], 200)


if __name__ == "__main__":
    unittest.main()
