"""Starts the real lifeline binary on a free loopback port and speaks HTTP to it.

Every test gets a fresh store with synthetic secrets: a SQLite data folder, or, when
LIFELINE_E2E_POSTGRES_FILE names the connection-string file of a test PostgreSQL
(tests/pg/pg-server.sh), a database of its own on that server. Nothing here talks to anything
but 127.0.0.1.
"""
import copy
import glob
import itertools
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


POSTGRES_FILE = os.environ.get("LIFELINE_E2E_POSTGRES_FILE")
_databases = itertools.count()
_instances = itertools.count()


def psql(conninfo, sql):
    """Runs SQL as the test server's superuser (the tests' own server only); its output."""
    binary = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
    return subprocess.run([binary, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql],
                          check=True, capture_output=True, text=True, timeout=120).stdout.strip()


class PostgresDatabase:
    """A database of its own on the tests' PostgreSQL, dropped by drop()."""

    def __init__(self):
        with open(POSTGRES_FILE) as f:
            self.server_conninfo = f.read().strip()
        self.cluster_dir = os.path.join(os.path.dirname(POSTGRES_FILE), "data")
        self.name = f"e2e_{os.getpid()}_{next(_databases)}"
        psql(self.server_conninfo, f"DROP DATABASE IF EXISTS {self.name}")
        psql(self.server_conninfo, f"CREATE DATABASE {self.name}")
        self.conninfo = re.sub(r"dbname=\S+", f"dbname={self.name}", self.server_conninfo)

    def files(self, into):
        """Copies, in folder `into`, of this database's files, the cluster's shared ones and
        its write-ahead log, once written out. Copies, because other tests' databases come and
        go, and checkpoints recycle log segments, while the caller reads."""
        psql(self.conninfo, "CHECKPOINT")
        oid = psql(self.conninfo, "SELECT oid FROM pg_database WHERE datname = current_database()")
        copies = []
        for part in (os.path.join("base", oid), "global", "pg_wal"):
            for root, _, names in os.walk(os.path.join(self.cluster_dir, part)):
                for name in names:
                    copy_path = os.path.join(into, f"{len(copies)}-{name}")
                    try:
                        shutil.copyfile(os.path.join(root, name), copy_path)
                    except FileNotFoundError:
                        continue  # removed meanwhile: a recycled log segment
                    copies.append(copy_path)
        return copies

    def drop(self):
        try:
            psql(self.server_conninfo, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        except subprocess.CalledProcessError:
            pass


class ExistingDatabase:
    """A database the test made itself (a cluster, a schema state), for Server(postgres=…);
    left as it is at cleanup."""

    def __init__(self, conninfo):
        self.conninfo = conninfo

    def drop(self):
        pass


def free_port():
    """A loopback port nothing listens on now, chosen below the kernel's ephemeral range.

    A port the kernel hands out for bind(0) lies in the range it also gives outgoing
    connections, so another test's client could take it as its local port before the
    service that was meant to listen there starts (a Kannel bearerbox once failed so in CI)."""
    import random
    import socket
    low, high = 20000, _ephemeral_low() - 1
    for _ in range(200):
        port = random.randint(low, high)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port below the ephemeral range")


def _ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return max(int(f.read().split()[0]), 20002)
    except (OSError, ValueError, IndexError):
        return 32768


def minimal_application(**overrides):
    body = {"situation": "serving", "contact": {"channel": "signal", "handle": "@synthetic"}}
    body.update(overrides)
    return body


class Server:
    """A lifeline data folder and, while started, a serving process."""

    def __init__(self, postgres=None):
        """`postgres`: a database to use (its conninfo, files() and drop()) instead of a fresh
        one or a data folder."""
        self.dir = tempfile.mkdtemp(prefix="lifeline-e2e-")
        self.data = os.path.join(self.dir, "data")
        self.secrets = os.path.join(self.dir, "secrets")
        os.makedirs(self.secrets)
        self.passphrase_file = self._secret("passphrase", PASSPHRASE)
        # How commands and the office role unlock the office: the passphrase, or custodians'
        # files once a test deals the key (test_custodians.py).
        self.unlock_args = ["--passphrase-file", self.passphrase_file]
        self.admin_password_file = self._secret("admin", ADMIN_PASSWORD)
        self.proc = None
        self.port = None
        self.log_path = os.path.join(self.dir, "server.log")
        self.postgres = postgres or (PostgresDatabase() if POSTGRES_FILE else None)
        # A throwaway store: its passphrase at libsodium's interactive strength (64 MiB, about
        # 0.1 s) rather than the default (256 MiB, 0.5 s), which every command and start
        # would pay again; test_cli.py checks the default.
        run([BIN, "init", *self.store_args(), "--passphrase-file", self.passphrase_file,
             "--passphrase-strength", "interactive",
             "--admin", "admin", "--admin-password-file", self.admin_password_file])
        # Administrators do not read cases, and operators must claim a case first: tests read
        # cases as this coordinator, who may work any case.
        self.add_user(OPERATOR, "coordinator", OPERATOR_MAIN_PASSWORD)

    def store_args(self):
        """The options that name this server's store, for lifeline's commands."""
        if self.postgres:  # the audit checkpoints stay on this host, outside the database
            return ["--db", self.postgres.conninfo, "--audit-anchor", os.path.join(self.dir, "audit-checkpoints")]
        return ["--data", self.data]

    def data_files(self):
        """The files that hold the store: the data folder's, or the whole PostgreSQL cluster's."""
        if self.postgres:
            into = tempfile.mkdtemp(prefix="cluster-", dir=self.dir)
            return self.postgres.files(into)
        return [os.path.join(self.data, n) for n in os.listdir(self.data)]

    def add_user(self, name, role, password):
        path = self._secret("user-" + name, password)
        run([BIN, "user", "add", *self.store_args(), *self.unlock_args,
             "--name", name, "--role", role, "--password-file", path])

    def _secret(self, name, value):
        path = os.path.join(self.secrets, name)
        with open(path, "w") as f:
            f.write(value + "\n")
        return path

    def start(self, role="all", extra=(), port=0, env=None):
        """`env`: variables to add to the server's environment (e.g. a preloaded fault shim)."""
        args = [BIN, "serve", *self.store_args(), "--listen", f"127.0.0.1:{port}", "--role", role, *extra]
        if role != "intake":
            args += self.unlock_args
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log,
                                     env={**os.environ, **env} if env else None)
        line = self.proc.stdout.readline().decode()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not match:
            raise RuntimeError("server did not start: " + line + open(self.log_path).read())
        self.port = int(match.group(1))
        return self

    def another_instance(self, role, extra=()):
        """Another serving process on the same store (several instances behind a proxy);
        stop() it, the store stays this server's."""
        other = copy.copy(self)
        other.proc = None
        other.log_path = os.path.join(self.dir, f"server-{role}-{next(_instances)}.log")
        return other.start(role, extra)

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
        if self.postgres:
            self.postgres.drop()
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- HTTP --------------------------------------------------------------------------
    def _exchange(self, method, path, body, headers, raw, timeout, source):
        """One request on its own connection: (status, [(header, value)], body bytes)."""
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
        return resp.status, resp.getheaders(), data

    def request(self, method, path, body=None, headers=None, raw=None, timeout=30, source="127.0.0.1"):
        status, headers, data = self._exchange(method, path, body, headers, raw, timeout, source)
        return status, dict((k.lower(), v) for k, v in headers), data

    def set_cookies(self, method, path, body=None, headers=None, raw=None, source="127.0.0.1"):
        """Like request(), but with every Set-Cookie of the answer, by cookie name:
        (status, {name: the whole Set-Cookie value}, body bytes)."""
        status, headers, data = self._exchange(method, path, body, headers, raw, 30, source)
        cookies = {v.split("=", 1)[0]: v for k, v in headers if k.lower() == "set-cookie"}
        return status, cookies, data

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
