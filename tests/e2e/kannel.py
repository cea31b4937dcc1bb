"""Debian's Kannel for the SMS tests and benchmark: a bearerbox with the fake SMSC and an smsbox
on loopback (free ports, a generated kannel.conf), and fakesmsc as the people's phones.

fakesmsc sends lines "sender receiver text|ucs2 …" and logs each SMS it receives as
"Got message N: <sender receiver type …>"; a Phone runs one per exchange and collects those.
"""
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.parse

from harness import free_port

BEARERBOX = shutil.which("bearerbox") or "/usr/sbin/bearerbox"
SMSBOX = shutil.which("smsbox") or "/usr/sbin/smsbox"
FAKESMSC = "/usr/lib/kannel/test/fakesmsc"
HOTLINE_NUMBER = "1000"
SENDSMS_USER = "lifeline"
SENDSMS_PASSWORD = "synthetic-sendsms-pw"


def installed():
    return all(os.access(p, os.X_OK) for p in (BEARERBOX, SMSBOX, FAKESMSC))


def wait_for_port(port, timeout=20, process=None):
    """Waits until something accepts on `port`; gives up early if `process` has exited."""
    import socket
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process meant to listen on port {port} exited ({process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


class Kannel:
    """bearerbox + smsbox in `directory`; `service_url` is the sms-service's get-url (with
    Kannel's escapes) or None for a no-op service that answers nothing."""

    def __init__(self, directory):
        self.dir = directory
        self.admin_port, self.smsbox_port, self.smsc_port, self.sendsms_port = (free_port() for _ in range(4))
        self.bearerbox = None
        self.smsbox = None

    @property
    def sendsms_url(self):
        return f"http://127.0.0.1:{self.sendsms_port}/cgi-bin/sendsms"

    def configure(self, service_url):
        self.service_url = service_url
        service = (f'get-url = "{service_url}"' if service_url else 'text = ""')
        conf = f"""
group = core
admin-port = {self.admin_port}
admin-interface = 127.0.0.1
admin-password = synthetic-admin
smsbox-port = {self.smsbox_port}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-level = 4

group = smsc
smsc = fake
smsc-id = fake
port = {self.smsc_port}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.smsbox_port}
sendsms-port = {self.sendsms_port}
sendsms-interface = 127.0.0.1
log-level = 4
reply-couldnotfetch = ""
reply-requestfailed = ""
reply-couldnotrepresent = ""
reply-emptymessage = ""

group = sms-service
keyword = default
catch-all = true
{service}
omit-empty = true
accept-x-kannel-headers = true
concatenation = true
max-messages = 4

group = sendsms-user
username = {SENDSMS_USER}
password = {SENDSMS_PASSWORD}
faked-sender = {HOTLINE_NUMBER}
concatenation = true
max-messages = 10
"""
        self.conf = os.path.join(self.dir, "kannel.conf")
        with open(self.conf, "w") as f:
            f.write(conf)

    def start(self, attempts=3):
        """Starts bearerbox and smsbox. A bearerbox that dies at start (a port taken between
        choosing and binding it) is started again on fresh internal ports; the sendsms port
        stays, since lifeline was given it. The last failure carries bearerbox's log."""
        for attempt in range(attempts):
            try:
                self._start_bearerbox()
                break
            except RuntimeError:
                _stop(self.bearerbox)
                self.bearerbox = None
                self.bb_log.close()
                if attempt + 1 == attempts:
                    raise RuntimeError("bearerbox did not start; its log ends:\n" + self._log_tail("bearerbox.log"))
                self.admin_port, self.smsbox_port, self.smsc_port = (free_port() for _ in range(3))
                self.configure(self.service_url)
        self.start_smsbox()

    def _start_bearerbox(self):
        self.bb_log = open(os.path.join(self.dir, "bearerbox.log"), "ab")
        self.bearerbox = subprocess.Popen([BEARERBOX, "-v", "4", self.conf], stdout=self.bb_log,
                                          stderr=subprocess.STDOUT)
        # Not the fake SMSC's port: a probe would be taken for a phone connecting.
        wait_for_port(self.admin_port, process=self.bearerbox)
        wait_for_port(self.smsbox_port, process=self.bearerbox)

    def _log_tail(self, name, lines=30):
        try:
            with open(os.path.join(self.dir, name), errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return "(no log)"

    def start_smsbox(self):
        self.sb_log = open(os.path.join(self.dir, "smsbox.log"), "ab")
        self.smsbox = subprocess.Popen([SMSBOX, "-v", "4", self.conf], stdout=self.sb_log, stderr=subprocess.STDOUT)
        wait_for_port(self.sendsms_port)

    def stop_smsbox(self):
        _stop(self.smsbox)
        self.smsbox = None
        self.sb_log.close()

    def stop(self):
        if self.smsbox is not None:
            self.stop_smsbox()
        if self.bearerbox is not None:
            _stop(self.bearerbox)
            self.bearerbox = None
            self.bb_log.close()


def _stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def ucs2_field(text):
    """fakesmsc's "ucs2" message data: the text as URL-encoded UTF-16BE."""
    return urllib.parse.quote_from_bytes(text.encode("utf-16-be"), safe="")


_GOT = re.compile(r"Got message \d+: <(\S+) (\S+) (\S+) (.*)>$")


def _unquote(data):
    return urllib.parse.unquote_to_bytes(data.replace("+", "%20"))


def decode_received(lines):
    """The texts of the SMS fakesmsc logged, concatenated parts joined, in arrival order."""
    texts, parts = [], {}
    for line in lines:
        match = _GOT.search(line.strip())
        if not match:
            continue
        _, _, kind, rest = match.groups()
        if kind in ("ucs-2", "ucs2"):
            texts.append(_unquote(rest).decode("utf-16-be"))
        elif kind == "text":
            texts.append(rest)
        elif kind == "udh":
            udh, _, data = rest.partition(" data ")
            header = _unquote(udh)
            ref, total, seq = header[3], header[4], header[5]
            parts.setdefault(ref, {})[seq] = _unquote(data)
            if len(parts[ref]) == total:
                texts.append(b"".join(parts[ref][i] for i in range(1, total + 1)).decode("utf-16-be"))
                del parts[ref]
    return texts


class Phone:
    """One fakesmsc connected to the fake SMSC while it lives: it sends `messages` (fakesmsc's
    message lines) and collects what arrives."""

    def __init__(self, kannel, messages=(), interval=0.0, max_messages=None, randomize=0):
        self.log_path = os.path.join(kannel.dir, f"fakesmsc-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "wb")
        count = len(messages) if max_messages is None else max_messages
        args = [FAKESMSC, "-H", "127.0.0.1", "-r", str(kannel.smsc_port), "-i", str(interval), "-m", str(count)]
        if randomize:
            args += ["-z", str(randomize)]
        # fakesmsc needs at least one message line even when it is to send none.
        self.proc = subprocess.Popen(args + list(messages or ["0 0 text nothing"]), stdout=self.log,
                                     stderr=subprocess.STDOUT)

    def lines(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace").splitlines()

    def received(self):
        return decode_received(self.lines())

    def sent(self):
        return sum(1 for line in self.lines() if "fakesmsc: sent message" in line)

    def wait_for(self, count, timeout=30):
        """The texts received once there are `count`; fails after `timeout` seconds."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            texts = self.received()
            if len(texts) >= count:
                return texts
            time.sleep(0.1)
        raise AssertionError(f"fakesmsc received {self.received()} in {timeout}s, wanted {count}")

    def wait_sent(self, count, timeout=30):
        deadline = time.time() + timeout
        while self.sent() < count:
            if time.time() > deadline:
                raise AssertionError(f"fakesmsc sent {self.sent()} of {count} in {timeout}s")
            time.sleep(0.05)

    def hang_up(self):
        _stop(self.proc)
        self.log.close()


def exchange(kannel, message, replies, timeout=30):
    """Sends one fakesmsc message line and returns the first `replies` texts that arrive."""
    phone = Phone(kannel, [message])
    try:
        phone.wait_sent(1, timeout)
        return phone.wait_for(replies, timeout) if replies else []
    finally:
        phone.hang_up()
