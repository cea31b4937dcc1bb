"""A full or failing disk (issue 17): nothing is acknowledged that is not stored, and
/readyz says so. The disk is played by tests/faultfs (an LD_PRELOAD shim, so no root and no
small filesystem are needed): while its control file says "full", writes to the data folder
fail with ENOSPC; while it says "fsync-eio", fsync and fdatasync there fail with EIO."""
import concurrent.futures
import os
import time
import unittest

from harness import BIN, POSTGRES_FILE, Server, minimal_application

SHIM = os.environ.get("LIFELINE_FAULTFS",
                      os.path.join(os.path.dirname(os.path.abspath(BIN)), "..", "..", "tests", "faultfs.so"))


@unittest.skipIf(POSTGRES_FILE, "the shim plays the SQLite data folder's disk")
@unittest.skipUnless(os.path.exists(SHIM), "needs the faultfs shim (cmake --build build --target lifeline_faultfs)")
class StorageFaults(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.control = os.path.join(self.server.dir, "fault")
        self.env = {"LD_PRELOAD": os.path.abspath(SHIM), "LIFELINE_FAULT_DIR": os.path.realpath(self.server.data),
                    "LIFELINE_FAULT_FILE": self.control}

    def fault(self, what):
        if what is None:
            os.remove(self.control)
        else:
            with open(self.control, "w") as f:
                f.write(what + "\n")

    def submit_many(self, count, tag):
        """Submits `count` applications at once; their (status, receipt or None)."""
        def one(n):
            try:
                status, body, _ = self.server.submit(minimal_application(name=f"{tag} {n}"))
            except OSError:
                return None, None
            return status, (body or {}).get("receipt") if status == 201 else None
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            return list(pool.map(one, range(count)))

    def readiness(self):
        start = time.monotonic()
        status, body, _ = self.server.json("GET", "/readyz")
        self.assertLess(time.monotonic() - start, 3.5, "/readyz must answer within its timeout")
        return status, body

    def wait_readiness(self, want, seconds):
        deadline = time.monotonic() + seconds
        while True:
            status, body = self.readiness()
            if status == want:
                return body
            if time.monotonic() > deadline:
                self.fail(f"/readyz still {status} ({body}) after {seconds} s, wanted {want}")
            time.sleep(0.2)

    def assertAllResolve(self, receipts):
        missing = [r for r in receipts if self.server.check(r)[0] != 200]
        self.assertEqual(missing, [], f"{len(missing)} of {len(receipts)} acknowledged receipts are missing")

    def full_disk_round(self, role):
        self.server.start(role, env=self.env)
        acknowledged = [r for s, r in self.submit_many(10, "before") if s == 201]
        self.assertEqual(len(acknowledged), 10)
        self.assertEqual(self.readiness()[0], 200)

        self.fault("full")
        during = self.submit_many(20, "full")
        self.assertEqual([s for s, _ in during if s == 201], [], "a submission was acknowledged on a full disk")
        self.assertTrue(all(s == 503 for s, _ in during), during)
        body = self.wait_readiness(503, 3)
        self.assertEqual(body["status"], "not_ready")
        self.assertIn(body["reason"], ("write_failed", "write_stalled"))
        self.assertAllResolve(acknowledged)  # reading goes on while writing cannot

        self.fault(None)  # space comes back: readiness and intake recover by themselves
        self.wait_readiness(200, 5)
        after = self.submit_many(10, "after")
        self.assertTrue(all(s == 201 for s, _ in after), after)
        acknowledged += [r for _, r in after]

        self.assertEqual(self.server.stop(), 0)
        self.server.start(role)
        self.assertAllResolve(acknowledged)

    def test_full_disk_acknowledges_nothing_and_readiness_follows_it(self):
        self.full_disk_round("all")

    def test_intake_role_readiness_follows_a_full_disk(self):
        self.full_disk_round("intake")

    def test_failed_fsync_is_never_acknowledged_and_the_store_stays_refused(self):
        self.server.start(env=self.env)
        acknowledged = [r for s, r in self.submit_many(10, "before") if s == 201]
        self.assertEqual(len(acknowledged), 10)

        self.fault("fsync-eio")
        during = self.submit_many(20, "fsync")
        self.assertEqual([s for s, _ in during if s == 201], [], "a submission whose fsync failed got 201")
        self.wait_readiness(503, 3)

        # The disk "works" again, but after a failed fsync the kernel may have dropped pages
        # that a later fsync would not report: the process refuses writes until restarted.
        self.fault(None)
        time.sleep(1.2)  # past the reuse of a verdict: these are fresh probes
        for _ in range(3):
            self.assertEqual(self.readiness()[0], 503)
        self.assertTrue(all(s == 503 for s, _ in self.submit_many(5, "refused")))

        self.server.stop()
        self.server.start()  # SQLite recovers from its files at start
        self.assertEqual(self.readiness()[0], 200)
        after = self.submit_many(5, "after")
        self.assertTrue(all(s == 201 for s, _ in after), after)
        self.assertAllResolve(acknowledged + [r for _, r in after])


if __name__ == "__main__":
    unittest.main()
