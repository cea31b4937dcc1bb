"""A standby that takes over (docs/deploy.md): a primary with a synchronous streaming standby
on another loopback port; lifeline runs on the two-host connection string. The primary is
stopped hard, the standby promoted, and lifeline reconnects by itself and goes on; every
application acknowledged before the stop is there."""
import glob
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from harness import ExistingDatabase, Server, free_port, minimal_application, psql

PG_BIN = (sorted(glob.glob("/usr/lib/postgresql/*/bin")) or [None])[-1]


def as_postgres(args):
    """PostgreSQL refuses to run as root: under root, run its tools as the postgres user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    return subprocess.run(prefix + args, check=True, capture_output=True, timeout=120)


class Cluster:
    """A primary and a streaming standby in a folder of their own."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="lifeline-failover-")
        os.chmod(self.dir, 0o755)
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.primary = os.path.join(self.dir, "primary")
        self.standby = os.path.join(self.dir, "standby")
        self.ports = [free_port(), free_port()]
        as_postgres([f"{PG_BIN}/initdb", "-D", self.primary, "-U", "lifeline", "-A", "trust", "-E", "UTF8",
                     "--locale=C.UTF-8"])
        self.start(self.primary, self.ports[0])
        as_postgres([f"{PG_BIN}/pg_basebackup", "-h", "127.0.0.1", "-p", str(self.ports[0]), "-U", "lifeline",
                     "-D", self.standby, "-R", "-X", "stream"])
        self.start(self.standby, self.ports[1])
        # From now on a commit returns only once the standby has it too (docs/deploy.md).
        primary = self.conninfo(0)
        psql(primary, "ALTER SYSTEM SET synchronous_standby_names = '*'")
        psql(primary, "SELECT pg_reload_conf()")
        deadline = time.monotonic() + 30
        while "sync" not in self.replication_state(primary):
            if time.monotonic() > deadline:
                raise RuntimeError("the standby did not become synchronous")
            time.sleep(0.2)

    @staticmethod
    def replication_state(conninfo):
        binary = f"{PG_BIN}/psql"
        return subprocess.run([binary, "-X", "-At", "-d", conninfo, "-c",
                               "SELECT sync_state FROM pg_stat_replication"],
                              capture_output=True, text=True, timeout=30).stdout

    def start(self, data, port):
        as_postgres([f"{PG_BIN}/pg_ctl", "-D", data, "-l", os.path.join(self.dir, f"{port}.log"), "-w", "-t", "60",
                     "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {self.dir}", "start"])

    def conninfo(self, n):
        return f"host=127.0.0.1 port={self.ports[n]} user=lifeline dbname=postgres"

    def both(self):
        """What lifeline is given: both hosts, and only the one that takes writes."""
        return (f"host=127.0.0.1,127.0.0.1 port={self.ports[0]},{self.ports[1]} user=lifeline dbname=postgres "
                "target_session_attrs=read-write connect_timeout=3")

    def stop_primary(self):
        as_postgres([f"{PG_BIN}/pg_ctl", "-D", self.primary, "-m", "immediate", "-w", "stop"])

    def stop_standby(self):
        as_postgres([f"{PG_BIN}/pg_ctl", "-D", self.standby, "-m", "fast", "-w", "stop"])

    def start_standby(self):
        self.start(self.standby, self.ports[1])

    def promote_standby(self):
        as_postgres([f"{PG_BIN}/pg_ctl", "-D", self.standby, "-w", "promote"])

    def remove(self):
        for data in (self.primary, self.standby):
            if os.path.exists(os.path.join(data, "postmaster.pid")):
                subprocess.run((["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []) +
                               [f"{PG_BIN}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


@unittest.skipUnless(PG_BIN, "needs PostgreSQL (scripts/install-deps.sh --test)")
class StandbyTakesOver(unittest.TestCase):
    def setUp(self):
        self.cluster = Cluster()
        self.addCleanup(self.cluster.remove)
        self.server = Server(postgres=ExistingDatabase(self.cluster.both()))
        self.addCleanup(self.server.cleanup)
        self.server.start()

    def submit_until_acknowledged(self, name, seconds):
        deadline = time.monotonic() + seconds
        while True:
            try:
                status, body, _ = self.server.submit(minimal_application(name=name))
            except (OSError, ValueError) as e:
                status, body = None, str(e)
            if status == 201:
                return body["receipt"]
            self.assertIn(status, (503, None), body)  # unavailable for a moment, never a wrong answer
            if time.monotonic() > deadline:
                self.fail(f"no receipt {seconds} s after the promotion: {body}")
            time.sleep(0.3)

    def test_promoted_standby_holds_every_acknowledged_application(self):
        receipts = [self.submit_until_acknowledged(f"before {n}", 10) for n in range(20)]

        self.cluster.stop_primary()
        # A verdict is reused for up to a second (app/readiness.hpp): then the store is gone.
        self.wait_readiness(503, 5)
        status, _, _ = self.server.submit(minimal_application(name="during"))
        self.assertEqual(status, 503)
        self.cluster.promote_standby()

        receipts += [self.submit_until_acknowledged(f"after {n}", 60) for n in range(5)]
        for receipt in receipts:
            status, body, _ = self.server.check(receipt)
            self.assertEqual(status, 200, f"an acknowledged application is missing: {body}")
        self.assertEqual(self.server.json("GET", "/readyz")[0], 200)
        self.assertGreaterEqual(self.server.total_cases(), len(receipts))

    def wait_readiness(self, want, seconds):
        """Polls /readyz until it answers `want`; each answer must come within its timeout."""
        deadline = time.monotonic() + seconds
        while True:
            start = time.monotonic()
            status, body, _ = self.server.json("GET", "/readyz")
            self.assertLess(time.monotonic() - start, 3.5, "/readyz held the request past its timeout")
            if status == want:
                return body
            if time.monotonic() > deadline:
                self.fail(f"/readyz still {status} ({body}) after {seconds} s, wanted {want}")
            time.sleep(0.2)

    def test_readiness_is_false_while_commits_wait_for_a_stopped_synchronous_standby(self):
        self.submit_until_acknowledged("before", 10)
        self.assertEqual(self.server.json("GET", "/readyz")[0], 200)

        # The primary still answers reads, but every commit now waits for the standby.
        self.cluster.stop_standby()
        body = self.wait_readiness(503, 6)
        self.assertEqual(body["reason"], "write_stalled")
        for _ in range(5):  # the stalled probe is not piled on: each answer comes at once
            start = time.monotonic()
            self.assertEqual(self.server.json("GET", "/readyz")[0], 503)
            self.assertLess(time.monotonic() - start, 3.5)

        self.cluster.start_standby()
        self.wait_readiness(200, 60)
        receipt = self.submit_until_acknowledged("after", 30)
        self.assertEqual(self.server.check(receipt)[0], 200)


if __name__ == "__main__":
    unittest.main()
