"""Every acknowledged application survives: kill -9 during a stream of submissions, and a
SIGTERM during one, lose no receipt that was answered 201."""
import signal
import threading
import time
import unittest

from harness import Server, minimal_application


class Durability(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start()

    def stream_until(self, sig, acknowledged_before_signal=40, writers=8):
        acknowledged = []
        lock = threading.Lock()
        stop = threading.Event()

        def writer(n):
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    status, body, _ = self.server.submit(minimal_application(name=f"stream {n}-{i}"))
                except OSError:
                    return  # the server went away mid-request: not acknowledged
                if status == 201:
                    with lock:
                        acknowledged.append(body["receipt"])

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
        for t in threads:
            t.start()
        deadline = time.time() + 120
        while len(acknowledged) < acknowledged_before_signal and time.time() < deadline:
            time.sleep(0.01)
        self.server.proc.send_signal(sig)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        self.server.proc.wait(timeout=60)
        self.server.proc = None
        self.server.log.close()
        self.assertGreaterEqual(len(acknowledged), acknowledged_before_signal)
        return list(acknowledged)

    def assertAllResolve(self, receipts):
        self.server.start()
        missing = [r for r in receipts if self.server.check(r)[0] != 200]
        self.assertEqual(missing, [], f"{len(missing)} of {len(receipts)} acknowledged receipts were lost")

    def test_kill9_loses_no_acknowledged_application(self):
        self.assertAllResolve(self.stream_until(signal.SIGKILL))

    def test_sigterm_drains_and_loses_nothing(self):
        receipts = self.stream_until(signal.SIGTERM)
        self.assertAllResolve(receipts)


if __name__ == "__main__":
    unittest.main()
