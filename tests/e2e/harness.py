"""Starts the real lifeline binary on a free loopback port and speaks HTTP to it.

Every test gets a fresh data folder with synthetic secrets; nothing here talks to anything
but 127.0.0.1.
"""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

BIN = os.environ.get("LIFELINE_BIN", os.path.join(os.path.dirname(__file__), "../../build/src/cli/lifeline"))
PASSPHRASE = "synthetic office passphrase"
ADMIN_PASSWORD = "synthetic-admin-pw"
OPERATOR = "op.main"
OPERATOR_MAIN_PASSWORD = "synthetic-op-main-pw"


def minimal_application(**overrides):
    body = {"situation": "serving", "contact": {"channel": "signal", "handle": "@synthetic"}}
    body.update(overrides)
    return body


class Server:
    """A lifeline data folder and, while started, a serving process."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="lifeline-e2e-")
        self.data = os.path.join(self.dir, "data")
        self.secrets = os.path.join(self.dir, "secrets")
        os.makedirs(self.secrets)
        self.passphrase_file = self._secret("passphrase", PASSPHRASE)
        self.admin_password_file = self._secret("admin", ADMIN_PASSWORD)
        self.proc = None
        self.port = None
        self.log_path = os.path.join(self.dir, "server.log")
        run([BIN, "init", "--data", self.data, "--passphrase-file", self.passphrase_file,
             "--admin", "admin", "--admin-password-file", self.admin_password_file])
        # Administrators do not read cases, and operators must claim a case first: tests read
        # cases as this coordinator, who may work any case.
        self.add_user(OPERATOR, "coordinator", OPERATOR_MAIN_PASSWORD)

    def add_user(self, name, role, password):
        path = self._secret("user-" + name, password)
        run([BIN, "user", "add", "--data", self.data, "--passphrase-file", self.passphrase_file,
             "--name", name, "--role", role, "--password-file", path])

    def _secret(self, name, value):
        path = os.path.join(self.secrets, name)
        with open(path, "w") as f:
            f.write(value + "\n")
        return path

    def start(self, role="all", extra=()):
        args = [BIN, "serve", "--data", self.data, "--listen", "127.0.0.1:0", "--role", role, *extra]
        if role != "intake":
            args += ["--passphrase-file", self.passphrase_file]
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log)
        line = self.proc.stdout.readline().decode()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not match:
            raise RuntimeError("server did not start: " + line + open(self.log_path).read())
        self.port = int(match.group(1))
        return self

    def stop(self, sig=signal.SIGTERM):
        if self.proc is None:
            return None
        self.proc.send_signal(sig)
        out, _ = self.proc.communicate(timeout=60)
        self.log.write(out)
        self.log.close()
        code = self.proc.returncode
        self.proc = None
        return code

    def cleanup(self):
        if self.proc is not None:
            self.stop(signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- HTTP --------------------------------------------------------------------------
    def request(self, method, path, body=None, headers=None, raw=None, timeout=30, source="127.0.0.1"):
        # `source` picks the client's loopback address, to act as another machine would.
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(source, 0))
        headers = dict(headers or {})
        if body is not None:
            raw = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=raw, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), data

    def json(self, method, path, body=None, headers=None, source="127.0.0.1"):
        status, hdrs, data = self.request(method, path, body, headers, source=source)
        return status, (json.loads(data) if data else None), hdrs

    def submit(self, application):
        return self.json("POST", "/api/v1/applications", application)

    def check(self, receipt):
        return self.json("POST", "/api/v1/applicant/status", {"receipt": receipt})

    def sign_in(self, name=OPERATOR, password=OPERATOR_MAIN_PASSWORD):
        status, body, hdrs = self.json("POST", "/api/v1/session", {"name": name, "password": password})
        assert status == 200, (status, body)
        cookie = hdrs["set-cookie"].split(";")[0]
        return {"Cookie": cookie, "X-CSRF-Token": body["csrf_token"]}

    def total_cases(self):
        auth = self.sign_in()
        status, body, _ = self.json("GET", "/api/v1/cases", headers=auth)
        assert status == 200, (status, body)
        return body["total"]


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, timeout=120, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{args[1]} failed: {result.stderr.decode()}")
    return result


class ServerTest(unittest.TestCase):
    """Gives each test a fresh, started server as self.server."""
    role = "all"

    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start(self.role)
