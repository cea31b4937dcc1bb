"""Real SIP calls, all on 127.0.0.1: Kamailio (Debian's package) in front of lifeline, SIPp
(package sip-tester) as callers and as operators' phones. Kamailio asks lifeline whom to ring
(rtjson), fails over to the next operator when one does not answer, holds callers lifeline
queues until an operator is free (emergency callers first), and tells lifeline of answers,
hang-ups and callers who give up."""
import datetime
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import wave

from harness import ServerTest, free_port

HERE = os.path.dirname(os.path.abspath(__file__))
SIP = os.path.join(HERE, "..", "sip")
TOKEN = "synthetic-telephony-token-for-sip"
RING_MS = 1500


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_tcp_port():
    return free_port()


class SipHarness(ServerTest):
    """lifeline, Kamailio and two operators' phones (ext-1, ext-2), logged in. Subclasses hold
    the tests; EXTRA adds options to `lifeline serve`, KAMAILIO_ARGS to kamailio (e.g. -A
    WITH_VOICE) and kamailio_fields() to its configuration's @…@ fields."""
    EXTRA = []
    KAMAILIO_ARGS = []

    def setUp(self):
        for tool in ["kamailio", "sipp"]:
            self.assertIsNotNone(shutil.which(tool), f"{tool} is missing: run scripts/install-deps.sh --test")
        super().setUp()
        self.server.stop()
        token_file = os.path.join(self.server.secrets, "telephony")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        self.server.start(extra=["--telephony-token-file", token_file, "--wrap-up-seconds", "0", *self.EXTRA])
        self.coordinator = self.server.sign_in()
        self.phone = {"Authorization": "Bearer " + TOKEN}
        self.work = os.path.join(self.server.dir, "sip")
        os.makedirs(self.work)
        self.processes = []
        self.addCleanup(self.stop_all)
        self.phones = {}
        for name in ["ext-1", "ext-2"]:
            port = free_udp_port()
            status, body, _ = self.server.json(
                "POST", "/api/v1/contact-centre/operators",
                {"id": name, "languages": ["ru"], "uri": f"sip:{name}@127.0.0.1:{port}"}, headers=self.coordinator)
            self.assertEqual(status, 201, body)
            self.phones[name] = self.start_sipp(["-sf", os.path.join(SIP, "operator.xml"), "-p", str(port)], name)
            self.assertEqual(self.server.json("PUT", f"/api/v1/contact-centre/operators/{name}/state",
                                              {"state": "available"}, headers=self.phone)[0], 200)
        self.sip_port = free_udp_port()
        self.start_kamailio()

    def start_sipp(self, args, name):
        with open(os.path.join(self.work, name + ".log"), "wb") as log:
            proc = subprocess.Popen(["sipp", "-i", "127.0.0.1", "-ci", "127.0.0.1", "-cp", str(free_udp_port()),
                                     "-nostdin", "-trace_err", "-error_file", os.path.join(self.work, name + ".errors"),
                                     *args],
                                    stdout=log, stderr=subprocess.STDOUT, cwd=self.work)
        self.processes.append(proc)
        return proc

    def start_kamailio(self):
        with open(os.path.join(SIP, "kamailio.cfg.in")) as f:
            config = f.read()
        for key, value in {"SIP_PORT": self.sip_port, "LIFELINE": f"http://127.0.0.1:{self.server.port}",
                           "TOKEN": TOKEN, "RING_MS": RING_MS, **self.kamailio_fields()}.items():
            config = config.replace(f"@{key}@", str(value))
        path = os.path.join(self.work, "kamailio.cfg")
        with open(path, "w") as f:
            f.write(config)
        self.kamailio_log = os.path.join(self.work, "kamailio.log")
        with open(self.kamailio_log, "wb") as log:
            proc = subprocess.Popen(["kamailio", "-f", path, *self.KAMAILIO_ARGS, "-DD", "-E", "-m", "64", "-M", "8", "-Y", self.work,
                                     "-P", os.path.join(self.work, "kamailio.pid")],
                                    stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(proc)
        # Ready once it answers an OPTIONS (with 405: it takes INVITEs only).
        deadline = time.time() + 15
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.settimeout(0.3)
            via = f"127.0.0.1:{s.getsockname()[1]}".encode()
            while True:
                self.assertIsNone(proc.poll(), "kamailio exited:\n" + self.tail(self.kamailio_log))
                s.sendto(b"OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP " + via + b";branch=z9hG4bKping\r\n"
                         b"From: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:ping@127.0.0.1>\r\nCall-ID: ping\r\nCSeq: 1 OPTIONS\r\n"
                         b"Max-Forwards: 5\r\nContent-Length: 0\r\n\r\n", ("127.0.0.1", self.sip_port))
                try:
                    s.recvfrom(4096)
                    return
                except socket.timeout:
                    self.assertLess(time.time(), deadline, "kamailio did not answer")

    def kamailio_fields(self):
        return {}

    @staticmethod
    def tail(path, size=3000):
        with open(path, errors="replace") as f:
            return f.read()[-size:]

    def stop_all(self):
        for proc in self.processes:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()

    def scenario(self, name, **fields):
        with open(os.path.join(SIP, name)) as f:
            text = f.read()
        headers = fields.pop("HEADERS", "")
        text = text.replace("      @HEADERS@\n", "".join(f"      {h}\n" for h in headers.splitlines()))
        for key, value in fields.items():
            text = text.replace(f"@{key}@", str(value))
        path = os.path.join(self.work, f"{name}.{len(os.listdir(self.work))}.xml")
        with open(path, "w") as f:
            f.write(text)
        return path

    def caller_args(self, scenario, count, rate, concurrent, prefix=""):
        # SIPp tracks calls by its own Call-ID, so a marked Call-ID comes from -cid_str.
        return ["sipp", "-cid_str", prefix + "%u-%p@%s", f"127.0.0.1:{self.sip_port}", "-sf", scenario, "-i", "127.0.0.1",
                "-p", str(free_udp_port()), "-ci", "127.0.0.1", "-cp", str(free_udp_port()),
                "-nostdin", "-m", str(count), "-r", str(rate), "-l", str(concurrent),
                "-timeout", "60s", "-timeout_error", "-trace_err", "-error_file", scenario + ".errors"]

    def failure(self, output, scenario=None):
        """What to show when a caller failed: SIPp's screen, its errors and Kamailio's log."""
        errors = ""
        if scenario and os.path.exists(scenario + ".errors"):
            errors = self.tail(scenario + ".errors")
        return output[-1500:] + "\n" + errors + "\n" + self.tail(self.kamailio_log)

    def call(self, count, rate=5, concurrent=1, talk_ms=200, headers="", prefix=""):
        scenario = self.scenario("caller.xml", TALK_MS=talk_ms, HEADERS=headers)
        return subprocess.run(self.caller_args(scenario, count, rate, concurrent, prefix), capture_output=True, timeout=120,
                              cwd=self.work)

    def call_in_background(self, talk_ms, headers="", prefix=""):
        scenario = self.scenario("caller.xml", TALK_MS=talk_ms, HEADERS=headers)
        proc = subprocess.Popen(self.caller_args(scenario, 1, 1, 1, prefix), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                cwd=self.work)
        proc.scenario = scenario
        self.processes.append(proc)
        return proc

    def finished(self, proc):
        output = proc.communicate(timeout=60)[0].decode(errors="replace")
        self.assertEqual(proc.returncode, 0, self.failure(output, proc.scenario))

    def only_ext_1_answers(self):
        self.assertEqual(self.server.json("PUT", "/api/v1/contact-centre/operators/ext-2/state",
                                          {"state": "logged_out"}, headers=self.phone)[0], 200)

    def wait_for(self, what, predicate, seconds=10):
        deadline = time.time() + seconds
        while not predicate():
            self.assertLess(time.time(), deadline, f"{what}: lifeline saw {self.board()}\n" + self.tail(self.kamailio_log))
            time.sleep(0.1)

    def board(self):
        status, board, _ = self.server.json("GET", "/api/v1/contact-centre/wallboard", headers=self.coordinator)
        self.assertEqual(status, 200)
        return board

    def log_entries(self):
        _, log, _ = self.server.json("GET", "/api/v1/contact-centre/log?limit=10000", headers=self.coordinator)
        return log["entries"]

    def log_events(self):
        return [(e["event"], e["operator"]) for e in self.log_entries()]

    def states(self):
        return {o["id"]: o["state"] for o in self.board()["operators"]}


class RealCalls(SipHarness):
    def test_calls_reach_operators_through_kamailio_and_lifeline_counts_them(self):
        caller = self.call(10)
        self.assertEqual(caller.returncode, 0, caller.stdout.decode()[-2000:] + caller.stderr.decode()[-2000:] + self.tail(self.kamailio_log))
        deadline = time.time() + 10
        while self.board()["today"]["answered"] < 10:
            self.assertLess(time.time(), deadline, f"lifeline saw {self.board()['today']}\n" + self.tail(self.kamailio_log))
            time.sleep(0.2)
        board = self.board()
        self.assertEqual((board["today"]["offered"], board["today"]["abandoned"]), (10, 0))
        answered = {o["id"]: o["calls_answered"] for o in board["operators"]}
        self.assertEqual(sum(answered.values()), 10)
        self.assertTrue(all(n > 0 for n in answered.values()), answered)  # longest idle shares the calls
        deadline = time.time() + 10
        while sum(1 for event, _ in self.log_events() if event == "ended") < 10:
            self.assertLess(time.time(), deadline, "not every hang-up reached lifeline")
            time.sleep(0.2)

    def test_an_operator_who_stops_answering_is_failed_over_and_put_on_break(self):
        self.phones["ext-1"].kill()
        self.phones["ext-1"].wait()
        caller = self.call(6, rate=2)
        self.assertEqual(caller.returncode, 0, caller.stdout.decode()[-2000:] + caller.stderr.decode()[-2000:] + self.tail(self.kamailio_log))
        deadline = time.time() + 10
        while self.board()["today"]["answered"] < 6:
            self.assertLess(time.time(), deadline, f"lifeline saw {self.board()['today']}\n" + self.tail(self.kamailio_log))
            time.sleep(0.2)
        board = self.board()
        answered = {o["id"]: o["calls_answered"] for o in board["operators"]}
        self.assertEqual(answered, {"ext-1": 0, "ext-2": 6})
        events = self.log_events()
        self.assertIn(("missed", "ext-1"), events)
        states = {o["id"]: o["state"] for o in board["operators"]}
        self.assertEqual(states["ext-1"], "break")  # three misses in a row

    def test_callers_wait_in_the_queue_until_an_operator_is_free(self):
        self.only_ext_1_answers()
        caller = self.call(3, rate=20, concurrent=3, talk_ms=600)
        self.assertEqual(caller.returncode, 0, caller.stdout.decode()[-2000:] + caller.stderr.decode()[-2000:] + self.tail(self.kamailio_log))
        self.wait_for("three answers", lambda: self.board()["today"]["answered"] == 3)
        board = self.board()
        self.assertEqual((board["today"]["offered"], board["today"]["abandoned"], board["waiting"]), (3, 0, 0))
        self.assertEqual({o["id"]: o["calls_answered"] for o in board["operators"]}, {"ext-1": 3, "ext-2": 0})
        # Two of the three waited for the talk before them: about 0.6 s and 1.2 s.
        self.assertGreater(board["today"]["asa_seconds"], 0.3)

    def test_a_held_caller_who_hangs_up_is_counted_abandoned(self):
        self.only_ext_1_answers()
        talking = self.call_in_background(talk_ms=4000)
        self.wait_for("ext-1 on a call", lambda: {o["id"]: o["state"] for o in self.board()["operators"]}["ext-1"] == "on_call")
        scenario = self.scenario("caller_gives_up.xml", WAIT_MS=500)
        gives_up = subprocess.run(self.caller_args(scenario, 1, 1, 1), capture_output=True, timeout=60, cwd=self.work)
        self.assertEqual(gives_up.returncode, 0, self.failure(gives_up.stdout.decode(), scenario))
        self.wait_for("the abandoned call", lambda: self.board()["today"]["abandoned"] == 1)
        self.assertEqual(self.board()["waiting"], 0)
        self.finished(talking)
        self.assertEqual(self.board()["today"]["answered"], 1)

    def test_an_emergency_caller_goes_before_callers_who_waited_longer(self):
        self.only_ext_1_answers()
        talking = self.call_in_background(talk_ms=2500)
        self.wait_for("ext-1 on a call", lambda: self.board()["today"]["answered"] == 1)
        normal = self.call_in_background(talk_ms=200, prefix="normal-")
        self.wait_for("one caller waiting", lambda: self.board()["waiting"] == 1)
        emergency = self.call_in_background(talk_ms=200, prefix="emergency-", headers="Priority: emergency")
        self.wait_for("two callers waiting", lambda: self.board()["waiting"] == 2)
        for proc in [talking, normal, emergency]:
            self.finished(proc)
        answered = [e["call"].split("-")[0] for e in self.log_entries() if e["event"] == "answered"]
        self.assertEqual(answered[1:], ["emergency", "normal"])


class WhenNobodyCanAnswer(SipHarness):
    """Issue 15: a caller nobody of their language can answer overflows to other operators
    after 3 s; with nobody logged in a caller is offered a callback at once (join-empty) or
    when the last operator logs out (leave-when-empty). Operators run their own day with
    feature codes dialled from their phones."""
    EXTRA = ["--queue-overflow-after", "3", "--queue-join-empty", "offer_callback", "--queue-leave-empty", "offer_callback"]

    def set_state(self, name, state):
        self.assertEqual(self.server.json("PUT", f"/api/v1/contact-centre/operators/{name}/state", {"state": state},
                                          headers=self.phone)[0], 200)

    def offered_callback(self, headers="Accept-Language: ru"):
        scenario = self.scenario("caller_offered_callback.xml", HEADERS=headers)
        proc = subprocess.Popen(self.caller_args(scenario, 1, 1, 1), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                cwd=self.work)
        proc.scenario = scenario
        self.processes.append(proc)
        return proc

    def test_an_english_caller_overflows_to_a_russian_operator(self):
        started = time.time()
        caller = self.call(1, headers="Accept-Language: en")
        self.assertEqual(caller.returncode, 0, self.failure(caller.stdout.decode()))
        self.assertGreater(time.time() - started, 2.5)  # it waited for an English speaker first
        self.wait_for("the answer", lambda: self.board()["today"]["answered"] == 1)
        self.assertIn("widened", [e["event"] for e in self.log_entries()])

    def test_with_nobody_logged_in_a_caller_is_offered_a_callback_at_once(self):
        for name in ["ext-1", "ext-2"]:
            self.set_state(name, "logged_out")
        started = time.time()
        caller = self.offered_callback()
        self.finished(caller)
        self.assertLess(time.time() - started, 2.5)  # not an hour of silence
        self.assertIn("join_empty", [e["event"] for e in self.log_entries()])
        self.assertEqual(self.board()["today"]["callbacks_offered"], 1)

    def test_a_held_caller_is_offered_a_callback_when_the_last_operator_logs_out(self):
        caller = self.offered_callback(headers="Accept-Language: en")  # held: it may overflow in 3 s
        self.wait_for("the caller held", lambda: self.board()["waiting"] == 1)
        for name in ["ext-1", "ext-2"]:
            self.set_state(name, "logged_out")
        self.finished(caller)
        self.assertIn("leave_empty", [e["event"] for e in self.log_entries()])
        self.assertEqual(self.board()["waiting"], 0)

    def dial(self, ext, code, reply):
        scenario = self.scenario("operator_feature_code.xml", EXT=ext, CODE=code, REPLY=reply)
        result = subprocess.run(self.caller_args(scenario, 1, 1, 1), capture_output=True, timeout=60, cwd=self.work)
        self.assertEqual(result.returncode, 0, self.failure(result.stdout.decode(), scenario))

    def test_operators_run_their_day_with_feature_codes_from_their_phones(self):
        self.dial("ext-1", "*12", 603)
        self.assertEqual(self.states()["ext-1"], "logged_out")
        self.dial("ext-1", "*11", 603)
        self.assertEqual(self.states()["ext-1"], "available")
        self.dial("ext-1", "*132", 603)  # a meal break
        row = [o for o in self.board()["operators"] if o["id"] == "ext-1"][0]
        self.assertEqual((row["state"], row.get("pause_reason")), ("break", "meal"))
        self.dial("ext-1", "*14", 603)
        self.assertEqual(self.states()["ext-1"], "available")
        self.dial("ext-1", "*139", 484)       # no such reason
        self.dial("ext-9", "*12", 403)        # not an operator's phone
        self.assertIn(("break:meal", "ext-1"), self.log_events())


# --- The voice line (issue 16) ------------------------------------------------------------

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
LIFELINE = os.environ.get("LIFELINE_BIN", os.path.join(ROOT, "build", "src", "cli", "lifeline"))
SAFE_WINDOWS = "mon-sun 19:00-21:00"  # synthetic, in the caller's zone
UTC_OFFSET = "+03:00"


def bencode(x):
    if isinstance(x, int):
        return b"i%de" % x
    if isinstance(x, str):
        x = x.encode()
    if isinstance(x, bytes):
        return b"%d:%s" % (len(x), x)
    if isinstance(x, list):
        return b"l" + b"".join(bencode(i) for i in x) + b"e"
    return b"d" + b"".join(bencode(k) + bencode(v) for k, v in sorted(x.items())) + b"e"


def bdecode(s, i=0):
    c = s[i:i + 1]
    if c == b"i":
        j = s.index(b"e", i)
        return int(s[i + 1:j]), j + 1
    if c in (b"l", b"d"):
        i += 1
        items = []
        while s[i:i + 1] != b"e":
            v, i = bdecode(s, i)
            items.append(v)
        if c == b"l":
            return items, i + 1
        return {items[k].decode(): items[k + 1] for k in range(0, len(items), 2)}, i + 1
    j = s.index(b":", i)
    n = int(s[i:j])
    return s[j + 1:j + 1 + n], j + 1 + n


def rtpengine_ng(port, command):
    """One command of rtpengine's ng protocol (bencoded dictionaries over UDP)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(1)
        cookie = b"%d " % random.getrandbits(31)
        s.sendto(cookie + bencode(command), ("127.0.0.1", port))
        data = s.recv(65535)
        return bdecode(data[len(cookie):])[0]


class RtpEar:
    """The caller's media socket: counts the RTP rtpengine sends him and keeps the PCMU payload."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.packets = 0
        self.audio = bytearray()
        self.running = True
        self.thread = threading.Thread(target=self.listen, daemon=True)
        self.thread.start()

    def listen(self):
        while self.running:
            try:
                data = self.sock.recv(2048)
            except socket.timeout:
                continue
            if len(data) > 12 and data[1] & 0x7f == 0:  # PCMU
                self.packets += 1
                self.audio += data[12:]

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


def wav_seconds(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


@unittest.skipUnless(shutil.which("rtpengine") and shutil.which("espeak-ng"),
                     "rtpengine (rtpengine-daemon) or espeak-ng is not installed: run scripts/install-deps.sh --test")
class VoiceLine(SipHarness):
    """Issue 16: a held caller with audio hears, through rtpengine (started here on loopback,
    userspace only), the announcements lifeline chooses in his language — the flood notice
    first when the line is flooded, his position, the wait and the callback offer — and music;
    pressing 1 (RFC 4733 events from SIPp, reported by rtpengine) schedules a callback inside
    his safe windows and he is told so."""

    @classmethod
    def setUpClass(cls):
        cls.prompt_dir = tempfile.mkdtemp(prefix="lifeline-voice-prompts-")
        subprocess.run([os.path.join(ROOT, "scripts", "make-voice-prompts.sh"), LIFELINE, cls.prompt_dir],
                       check=True, capture_output=True, timeout=600)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.prompt_dir, ignore_errors=True)

    def setUp(self):
        self.dtmf_port = free_udp_port()
        self.ng_port = free_udp_port()
        self.EXTRA = ["--voice-prompts", self.prompt_dir, "--voice-dtmf-listen", f"127.0.0.1:{self.dtmf_port}",
                      "--voice-announce-every", "5", "--queue-overflow-after", "1"]
        self.KAMAILIO_ARGS = ["-A", "WITH_VOICE"]
        super().setUp()

    def kamailio_fields(self):
        return {"RTPENGINE_NG_PORT": self.ng_port}

    def start_kamailio(self):
        self.start_rtpengine()
        super().start_kamailio()

    def start_rtpengine(self):
        base = random.randrange(20000, 59000, 100)
        self.rtpengine_log = os.path.join(self.work, "rtpengine.log")
        with open(self.rtpengine_log, "wb") as log:
            # --table=-1: no kernel module, all media in userspace. Log level 7 dumps the ng
            # commands, so the test can see which files Kamailio asked rtpengine to play.
            # --delete-delay=0: a deleted call goes at once (not 30 s later), for the check.
            proc = subprocess.Popen(["rtpengine", "--config-file=none", "--foreground", "--log-stderr", "--table=-1",
                                     "--interface=127.0.0.1", f"--listen-ng=127.0.0.1:{self.ng_port}",
                                     f"--port-min={base}", f"--port-max={base + 99}",
                                     f"--dtmf-log-dest=127.0.0.1:{self.dtmf_port}", "--log-level=7",
                                     "--delete-delay=0"],
                                    stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(proc)
        deadline = time.time() + 15
        while True:
            self.assertIsNone(proc.poll(), "rtpengine exited:\n" + self.tail(self.rtpengine_log))
            try:
                if rtpengine_ng(self.ng_port, {"command": "ping"}).get("result") == b"pong":
                    return
            except (socket.timeout, ConnectionRefusedError):
                pass
            self.assertLess(time.time(), deadline, "rtpengine did not answer ping")
            time.sleep(0.1)

    def prompt_seconds(self, *files):
        return sum(wav_seconds(os.path.join(self.prompt_dir, f)) for f in files)

    def held_caller(self, ear, hold_ms, press, headers, number="+79990000001"):
        jump = '<nop next="press" />' if press else ""
        scenario = self.scenario("caller_voice.xml", MEDIA_PORT=ear.port, HOLD_MS=hold_ms, JUMP=jump, NUMBER=number,
                                 HEADERS=headers)
        args = self.caller_args(scenario, 1, 1, 1, prefix="voice-") + ["-mp", str(free_udp_port())]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=self.work)
        proc.scenario = scenario
        self.processes.append(proc)
        return proc

    def prompts(self, call):
        status, body, _ = self.server.json("GET", f"/api/v1/contact-centre/calls/{call}/prompts", headers=self.phone)
        self.assertEqual(status, 200, body)
        return body["prompts"]

    def held_call_id(self):
        self.wait_for("the caller held", lambda: self.board()["waiting"] == 1)
        offered = [e["call"] for e in self.log_entries() if e["event"] == "offered" and e["call"].startswith("voice-")]
        self.assertEqual(len(offered), 1)
        return offered[0]

    def failure_with_media(self, output, scenario):
        """As failure(), with Kamailio's errors and rtpengine's commands. LIFELINE_SIP_KEEP=DIR
        keeps the failed test's logs, scenarios and queue log there."""
        if os.environ.get("LIFELINE_SIP_KEEP"):
            shutil.copytree(self.work, os.environ["LIFELINE_SIP_KEEP"], dirs_exist_ok=True)
            with open(os.path.join(os.environ["LIFELINE_SIP_KEEP"], "queue.log"), "w") as f:
                f.write(repr(self.log_entries()) + "\n" + repr(self.board()))
        def lines(path, words):
            with open(path, errors="replace") as f:
                return "\n".join(line[:400] for line in f if any(w in line for w in words))[-6000:]
        return (self.failure(output, scenario) + "\n--- kamailio errors ---\n" +
                lines(self.kamailio_log, ["ERROR", "WARNING", "rtpengine"]) + "\n--- rtpengine commands ---\n" +
                lines(self.rtpengine_log, ["Received command", "Replying", "ERR", "WARN", "Dump for"]))

    def test_a_held_caller_hears_where_he_stands_and_presses_1_for_a_safe_callback(self):
        self.only_ext_1_answers()
        talking = self.call_in_background(talk_ms=30000)
        self.wait_for("ext-1 on a call", lambda: self.states()["ext-1"] == "on_call")
        ear = RtpEar()
        self.addCleanup(ear.close)
        # He presses 1 once the first announcement (welcome, position, wait, offer) is over.
        hold_ms = int(1000 * self.prompt_seconds("ru/welcome.wav", "ru/position_1.wav", "ru/wait_3.wav",
                                                 "ru/offer.wav")) + 1500
        caller = self.held_caller(ear, hold_ms, True,
                                  f"Accept-Language: ru\nX-Lifeline-Safe-Windows: {SAFE_WINDOWS}\n"
                                  f"X-Lifeline-UTC-Offset: {UTC_OFFSET}")
        call = self.held_call_id()
        output = caller.communicate(timeout=90)[0].decode(errors="replace")
        self.assertEqual(caller.returncode, 0, self.failure_with_media(output, caller.scenario))

        # What lifeline asked to play, in order: no personal data in it.
        played = self.prompts(call)
        self.assertEqual(played[:5], ["ru/welcome", "ru/position_1", "ru/wait_3", "ru/offer", "music"], played)
        self.assertEqual(played[-1], "ru/callback_ok")
        # Kamailio had rtpengine play those very files to this call.
        with open(self.rtpengine_log, errors="replace") as f:
            log = f.read()
        plays = [line for line in log.splitlines() if "Dump for 'play media'" in line and call in line]
        for prompt in ["ru/welcome", "ru/position_1", "ru/wait_3", "ru/offer", "ru/callback_ok"]:
            self.assertTrue(any(f'{self.prompt_dir}/{prompt}.wav"' in line for line in plays), (prompt, plays[:3]))
        # And the caller heard it: RTP from rtpengine, speech rather than PCMU silence.
        self.assertGreater(ear.packets, 50 * hold_ms / 1000 * 0.8, f"{ear.packets} RTP packets")
        self.assertGreater(sum(1 for b in ear.audio if b not in (0xFF, 0x7F)), len(ear.audio) // 4)
        # The callback waits for his window, in his language; the call left the queue.
        self.assertIn("callback_chosen", [e["event"] for e in self.log_entries() if e["call"] == call])
        status, body, _ = self.server.json("GET", "/api/v1/contact-centre/callbacks?status=pending", headers=self.coordinator)
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["callbacks"]), 1, body)
        callback = body["callbacks"][0]
        self.assertEqual(callback["language"], "ru")
        local = datetime.datetime.fromtimestamp(callback["due_at"], datetime.timezone(datetime.timedelta(hours=3)))
        self.assertTrue(datetime.time(19, 0) <= local.time() < datetime.time(21, 0), local)
        self.assertLessEqual(callback["window_end"] - callback["due_at"], 2 * 3600)
        self.assertEqual(self.board()["waiting"], 0)
        talking.kill()

    def test_on_a_flood_the_first_prompt_says_so_and_the_answered_caller_leaves_the_media_server(self):
        self.only_ext_1_answers()
        status, _, _ = self.server.json("PUT", "/api/v1/contact-centre/lines", {"lines": 2}, headers=self.coordinator)
        self.assertEqual(status, 204)
        talking = self.call_in_background(talk_ms=12000)
        self.wait_for("ext-1 on a call", lambda: self.states()["ext-1"] == "on_call")
        ear = RtpEar()
        self.addCleanup(ear.close)
        # English, no safe windows marked: no callback is offered. Both lines are in use: a flood.
        # Nobody speaks English: after a second (--queue-overflow-after 1) ext-1 may take him.
        caller = self.held_caller(ear, 500, False, "Accept-Language: en")
        call = self.held_call_id()
        self.finished(talking)
        output = caller.communicate(timeout=90)[0].decode(errors="replace")
        self.assertEqual(caller.returncode, 0, self.failure_with_media(output, caller.scenario))
        played = self.prompts(call)
        self.assertEqual(played[0], "en/flood", played)
        self.assertIn("en/position_1", played)
        self.assertNotIn("en/offer", played)
        self.assertGreater(ear.packets, 20)
        self.wait_for("the held caller answered", lambda: self.board()["today"]["answered"] == 2)
        # Once answered, his media no longer goes through rtpengine: the session is deleted.
        deadline = time.time() + 5
        while True:
            listed = rtpengine_ng(self.ng_port, {"command": "list"}).get("calls", [])
            if call.encode() not in listed:
                break
            self.assertLess(time.time(), deadline, f"rtpengine still holds the call: {listed}")
            time.sleep(0.2)
