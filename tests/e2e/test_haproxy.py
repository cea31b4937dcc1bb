"""Two intake instances and one office on one PostgreSQL, behind haproxy (docs/deploy.md):
applications sent through either intake appear in the office, and killing one intake under
load loses no acknowledged application, because clients retry and haproxy sends them to the
other."""
import copy
import json
import os
import signal
import socket
import subprocess
import threading
import time
import unittest

from harness import POSTGRES_FILE, Server, free_port, minimal_application

CLIENTS = 6


def haproxy_config(port, backends):
    servers = "\n".join(f"  server intake{n} 127.0.0.1:{p} check inter 300ms fall 2 rise 2"
                        for n, p in enumerate(backends))
    return f"""global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
frontend public
  bind 127.0.0.1:{port}
  default_backend intake
backend intake
  balance roundrobin
  option httpchk GET /readyz
{servers}
"""


class Proxy:
    """haproxy in the foreground, on a loopback port, in front of `backends`."""

    def __init__(self, directory, backends):
        self.port = free_port()
        path = os.path.join(directory, "haproxy.cfg")
        with open(path, "w") as f:
            f.write(haproxy_config(self.port, backends))
        self.proc = subprocess.Popen(["haproxy", "-db", "-f", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("haproxy did not start: " + self.proc.stderr.read1().decode())

    def stop(self):
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.proc.stderr.close()


@unittest.skipUnless(POSTGRES_FILE, "needs the tests' PostgreSQL (ctest runs it with one)")
class SeveralInstances(unittest.TestCase):
    def setUp(self):
        self.server = Server()  # the store and its first process: the office
        self.addCleanup(self.server.cleanup)
        self.office = self.server.start("office")
        self.intakes = [self.server.another_instance("intake") for _ in range(2)]
        for intake in self.intakes:
            self.addCleanup(intake.stop, signal.SIGKILL)
        self.proxy = Proxy(self.server.dir, [i.port for i in self.intakes])
        self.addCleanup(self.proxy.stop)
        # The front door is haproxy: the server's HTTP client, speaking to haproxy's port.
        self.front = copy.copy(self.server)
        self.front.proc, self.front.port = None, self.proxy.port

    def test_either_intake_feeds_the_office_and_a_killed_one_loses_nothing(self):
        for n, intake in enumerate(self.intakes):
            status, body, _ = intake.submit(minimal_application(name=f"direct {n}"))
            self.assertEqual(status, 201, body)
        self.assertEqual(self.office.total_cases(), 2)

        acknowledged, failures = [], []
        lock = threading.Lock()
        stop = threading.Event()

        def client(n):
            sent = 0
            while not stop.is_set():
                # A client retries what got no receipt, as the form's "send again" does.
                for attempt in range(20):
                    try:
                        status, _, raw = self.front.request("POST", "/api/v1/applications",
                                                            minimal_application(name=f"load {n}.{sent}"))
                    except OSError as e:
                        status, raw = None, str(e).encode()
                    if status == 201:
                        with lock:
                            acknowledged.append(json.loads(raw)["receipt"])
                        break
                    body = raw[:200]  # haproxy's own 503 page, or lifeline's JSON
                    time.sleep(0.2)
                else:
                    with lock:
                        failures.append(body)
                sent += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(3)
        before_kill = len(acknowledged)
        self.intakes[0].stop(signal.SIGKILL)
        time.sleep(4)
        stop.set()
        for t in threads:
            t.join(timeout=120)

        self.assertEqual(failures, [], "a client gave up")
        self.assertGreater(before_kill, 0, "nothing was acknowledged before the kill")
        self.assertGreater(len(acknowledged), before_kill, "nothing was acknowledged after the kill")
        survivor = self.intakes[1]
        for receipt in acknowledged:
            status, body, _ = survivor.check(receipt)
            self.assertEqual(status, 200, f"an acknowledged application is missing: {body}")
        # haproxy may resend a submission whose answer was lost with the killed instance: a
        # second copy is possible, a missing one is not.
        self.assertGreaterEqual(self.office.total_cases(), 2 + len(acknowledged))


if __name__ == "__main__":
    unittest.main()
