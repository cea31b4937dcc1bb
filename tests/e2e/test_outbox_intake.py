"""An intake host on its own store (issue 21): `serve --role intake --outbox DIR
--intake-bundle FILE` keeps applications in its own outbox, opens no office store, and the
office (`--collect-from`) collects them over the signed link, sends back what each applicant
may see, and has the intake erase what it holds.

- An application submitted at the intake reaches the office and leaves the intake's outbox;
  its receipt keeps answering at the intake.
- The office's reply reaches the applicant at the intake, and the applicant's message the
  office, each once.
- A duress receipt issued at the intake opens the harmless page there, and the office alone
  learns it was used (the intake keeps every check alike for it).
- A proof of application asked for at the intake is signed by the office when it collects,
  comes back in the receipt's view, and `lifeline proof verify` checks it offline.
- The link refuses anyone but the office.
- Killing the office or the intake (SIGKILL) again and again during a burst loses no
  acknowledged application and stores none twice."""
import base64
import http.server
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

from harness import BIN, Server, free_port, minimal_application, run


class IntakeHost:
    """A lifeline intake on its own outbox, at a fixed port (so the office finds it again after
    a restart)."""

    def __init__(self, bundle):
        self.dir = tempfile.mkdtemp(prefix="lifeline-intake-")
        self.outbox = os.path.join(self.dir, "outbox")
        self.bundle = bundle
        self.port = free_port()
        self.proc = None
        self.log = open(os.path.join(self.dir, "intake.log"), "ab")

    def start(self):
        self.proc = subprocess.Popen(
            [BIN, "serve", "--role", "intake", "--outbox", self.outbox, "--intake-bundle", self.bundle,
             "--listen", f"127.0.0.1:{self.port}"], stdout=subprocess.PIPE, stderr=self.log)
        line = self.proc.stdout.readline().decode()
        if "listening on" not in line:
            raise RuntimeError("the intake did not start: " + line)

    def stop(self, sig=signal.SIGTERM):
        if self.proc:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=60)
            self.proc.stdout.close()
            self.proc = None

    def cleanup(self):
        self.stop(signal.SIGKILL)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def waiting(self):
        """Applications and messages still in the outbox."""
        db = sqlite3.connect(f"file:{os.path.join(self.outbox, 'outbox.db')}?mode=ro", uri=True)
        try:
            return (db.execute("SELECT count(*) FROM outbox_applications").fetchone()[0],
                    db.execute("SELECT count(*) FROM outbox_messages").fetchone()[0])
        finally:
            db.close()

    def checks_waiting(self):
        """Status checks the intake keeps for the office."""
        db = sqlite3.connect(f"file:{os.path.join(self.outbox, 'outbox.db')}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM outbox_checks").fetchone()[0]
        finally:
            db.close()

    def http(self):
        """Server's HTTP helpers, aimed at this intake."""
        server = Server.__new__(Server)
        server.port = self.port
        return server

    def json(self, path, body):
        return self.http().json("POST", path, body)


def office_and_intake(test):
    """A fresh office (not started), its intake bundle, and an intake on its outbox (started);
    both cleaned up after `test`."""
    office = Server()
    test.addCleanup(office.cleanup)
    bundle = os.path.join(office.dir, "intake-bundle.json")
    run([BIN, "intake-bundle", *office.store_args(), "--passphrase-file", office.passphrase_file, "--out", bundle])
    intake = IntakeHost(bundle)
    test.addCleanup(intake.cleanup)
    intake.start()
    return office, intake


def collecting_from(*intakes):
    """The office's options to collect from `intakes` every 100 ms."""
    return [arg for intake in intakes for arg in ("--collect-from", f"http://127.0.0.1:{intake.port}")] + [
        "--collect-every-ms", "100"]


def until(predicate, seconds=30, what="the condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {seconds} s")


class OutboxIntake(unittest.TestCase):
    def setUp(self):
        self.office, self.intake = office_and_intake(self)
        self.start_office()

    def start_office(self):
        self.office.start("office", extra=collecting_from(self.intake))
        self.auth = self.office.sign_in()

    def cases(self):
        status, body, _ = self.office.json("GET", "/api/v1/cases", headers=self.auth)
        self.assertEqual(status, 200)
        return body

    def test_an_application_reaches_the_office_and_leaves_the_intake(self):
        status, body, _ = self.intake.json("/api/v1/applications", minimal_application(name="Собранный Синтетический"))
        self.assertEqual(status, 201, body)
        receipt = body["receipt"]
        until(lambda: self.cases()["total"] == 1, what="the office holding the case")
        until(lambda: self.intake.waiting() == (0, 0), what="the intake erasing it")
        case_id = self.cases()["items"][0]["id"]
        _, case, _ = self.office.json("GET", f"/api/v1/cases/{case_id}", headers=self.auth)
        self.assertEqual(case["name"], "Собранный Синтетический")
        status, view, _ = self.intake.json("/api/v1/applicant/status", {"receipt": receipt})
        self.assertEqual((status, view["status"]), (200, "received"))
        # The intake opened no office store: its folder holds the outbox alone.
        self.assertEqual(sorted(os.listdir(self.intake.dir)), ["intake.log", "outbox"])

    def test_replies_and_messages_go_both_ways_once(self):
        _, body, _ = self.intake.json("/api/v1/applications", minimal_application())
        receipt = body["receipt"]
        case_id = until(lambda: self.cases()["items"] and self.cases()["items"][0]["id"], what="collection")
        status, _, _ = self.office.json("POST", f"/api/v1/cases/{case_id}/replies", {"text": "Синтетический ответ"},
                                        headers=self.auth)
        self.assertEqual(status, 201)

        def messages():
            status, view, _ = self.intake.json("/api/v1/applicant/status", {"receipt": receipt})
            self.assertEqual(status, 200)
            return [(m["from"], m["text"]) for m in view["messages"]]

        until(lambda: messages() == [("office", "Синтетический ответ")], what="the reply reaching the intake")
        status, body, _ = self.intake.json("/api/v1/applicant/messages", {"receipt": receipt, "text": "Синтетический вопрос"})
        self.assertEqual(status, 201, body)

        def office_messages():
            _, case, _ = self.office.json("GET", f"/api/v1/cases/{case_id}", headers=self.auth)
            return [m["text"] for m in case["messages"]]

        until(lambda: office_messages() == ["Синтетический ответ", "Синтетический вопрос"],
              what="the message reaching the office")
        until(lambda: self.intake.waiting() == (0, 0), what="the intake erasing the message")
        time.sleep(0.5)  # a few more rounds: still once on each side
        self.assertEqual(messages(), [("office", "Синтетический ответ"), ("applicant", "Синтетический вопрос")])
        self.assertEqual(office_messages(), ["Синтетический ответ", "Синтетический вопрос"])

    def test_a_duress_receipt_works_at_the_intake_and_only_the_office_hears_it(self):
        status, body, _ = self.intake.json("/api/v1/applications", minimal_application(duress_receipt=True))
        self.assertEqual(status, 201, body)
        real, duress = body["receipt"], body["duress_receipt"]
        case_id = until(lambda: self.cases()["items"] and self.cases()["items"][0]["id"], what="collection")
        self.assertEqual(self.office.json("POST", f"/api/v1/cases/{case_id}/replies",
                                          {"text": "Синтетический ответ"}, headers=self.auth)[0], 201)

        def seen(receipt):
            status, view, _ = self.intake.json("/api/v1/applicant/status", {"receipt": receipt})
            self.assertEqual(status, 200)
            return view["status"], [m["text"] for m in view["messages"]]

        until(lambda: seen(real) == ("received", ["Синтетический ответ"]), what="the reply reaching the intake")
        self.assertEqual(seen(duress), ("received", []))  # the harmless page

        def signals():
            status, body, _ = self.office.json("GET", "/api/v1/alerts", headers=self.auth)
            self.assertEqual(status, 200)
            return [a["target"] for a in body["duress"]]

        until(lambda: signals() == [f"case:{case_id}"], what="the office hearing the duress check")
        until(lambda: self.intake.checks_waiting() == 0, what="the intake erasing the checks")
        seen(real)
        time.sleep(2.5)  # noted and collected: a real check signals nothing
        self.assertEqual(signals(), [f"case:{case_id}"])

    def test_a_proof_asked_for_at_the_intake_comes_back_and_verifies_offline(self):
        status, body, _ = self.intake.json("/api/v1/applications", minimal_application(proof=True))
        self.assertEqual(status, 201, body)
        self.assertIsNone(body["proof"])  # the office signs it: asked for now, fetched later
        receipt = body["receipt"]

        def proof():
            status, body, _ = self.intake.json("/api/v1/applicant/proof", {"receipt": receipt})
            self.assertIn(status, (200, 503), body)
            return body.get("proof")

        text = until(proof, what="the proof coming back from the office")
        until(lambda: self.intake.waiting() == (0, 0), what="collection")
        log = run([BIN, "proof", "log", *self.office.store_args(), *self.office.unlock_args]).stdout.decode()
        _, head, _ = self.office.json("GET", "/api/v1/proofs/head")
        folder = tempfile.mkdtemp(prefix="proof-", dir=self.intake.dir)
        for name, content in [("proof.txt", text), ("receipt.txt", receipt), ("log.txt", log)]:
            with open(os.path.join(folder, name), "w") as f:
                f.write(content)
        checked = subprocess.run(
            [BIN, "proof", "verify", "--proof", os.path.join(folder, "proof.txt"), "--receipt-file",
             os.path.join(folder, "receipt.txt"), "--log", os.path.join(folder, "log.txt"),
             "--office-key", head["office_key"]], capture_output=True, timeout=60)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
        self.assertIn(head["head"], checked.stdout.decode())
        self.assertEqual(proof(), text)  # shown again unchanged
        self.assertEqual(head["entries"], 1)

    def test_the_link_hears_only_the_office(self):
        body = json.dumps({"op": "collect", "at": int(time.time()), "nonce": "n1", "limit": 5,
                           "views_after": None}).encode()
        server = self.intake.http()
        for headers in [{}, {"X-Lifeline-Link-Signature": "A" * 88},
                        {"X-Lifeline-Link-Signature": "not base64"}]:
            status, _, answer = server.request("POST", "/link/v1", raw=body,
                                               headers={"Content-Type": "application/json", **headers})
            self.assertEqual(status, 401, answer)
            self.assertNotIn(b"lookup", answer)

    def test_two_intakes_feed_one_office(self):
        second = IntakeHost(self.intake.bundle)
        self.addCleanup(second.cleanup)
        second.start()
        self.office.stop()
        self.office.start("office", extra=collecting_from(self.intake, second))
        self.auth = self.office.sign_in()
        receipts = {}
        for host, name in [(self.intake, "Первый Синтетический"), (second, "Второй Синтетический")]:
            status, body, _ = host.json("/api/v1/applications", minimal_application(name=name))
            self.assertEqual(status, 201)
            receipts[name] = (host, body["receipt"])
        until(lambda: self.cases()["total"] == 2, what="both collected")
        names = set()
        for item in self.cases()["items"]:
            names.add(self.office.json("GET", f"/api/v1/cases/{item['id']}", headers=self.auth)[1]["name"])
            status, _, _ = self.office.json("POST", f"/api/v1/cases/{item['id']}/replies", {"text": "Ответ"},
                                            headers=self.auth)
            self.assertEqual(status, 201)
        self.assertEqual(names, set(receipts))
        # Each applicant reads the reply at the intake they applied to, and only there.
        for name, (host, receipt) in receipts.items():
            until(lambda: host.json("/api/v1/applicant/status", {"receipt": receipt})[1]["messages"],
                  what=f"the reply at {name}'s intake")
            other = second if host is self.intake else self.intake
            self.assertEqual(other.json("/api/v1/applicant/status", {"receipt": receipt})[0], 404)

    def test_killing_either_side_during_a_burst_loses_and_doubles_nothing(self):
        acknowledged, attempts, lock = [], [0], threading.Lock()
        stop = threading.Event()

        def submit():
            while not stop.is_set():
                with lock:
                    attempts[0] += 1
                try:
                    status, body, _ = self.intake.json("/api/v1/applications", minimal_application())
                except OSError:
                    time.sleep(0.05)  # the intake is down: try again
                    continue
                if status == 201:
                    with lock:
                        acknowledged.append(body["receipt"])

        writers = [threading.Thread(target=submit) for _ in range(3)]
        for w in writers:
            w.start()
        rng = random.Random(21)
        try:
            for round_ in range(6):
                time.sleep(rng.uniform(0.3, 0.8))
                if round_ % 3 == 2:
                    self.intake.stop(signal.SIGKILL)
                    self.intake.start()
                else:
                    self.office.stop(signal.SIGKILL)
                    self.start_office()
        finally:
            stop.set()
            for w in writers:
                w.join(timeout=60)
        self.assertGreater(len(acknowledged), 20)
        until(lambda: self.intake.waiting() == (0, 0), seconds=60, what="the intake emptying")
        total = self.cases()["total"]
        # Every acknowledged application is held once; one in flight at a kill may be held too.
        self.assertGreaterEqual(total, len(acknowledged))
        self.assertLessEqual(total, attempts[0])
        self.assertEqual(len(set(acknowledged)), len(acknowledged))
        for receipt in acknowledged:
            status, _, _ = self.intake.json("/api/v1/applicant/status", {"receipt": receipt})
            self.assertEqual(status, 200)


class TakenOverIntake(unittest.TestCase):
    """An intake in an attacker's hands answers the office's collection with a message for a
    case that never came through it (case numbers are easy to guess): the office stores nothing
    in that case and sends no view of it, and still has the message erased."""

    def test_a_message_for_a_case_it_never_had_gets_nothing(self):
        asked = []
        armed = threading.Event()  # set once case 1 exists: until then the fake has nothing

        class Fake(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if armed.is_set():
                    asked.append(body)
                if body["op"] != "collect":
                    self.send_response(204)
                    self.end_headers()
                    return
                b64 = lambda n: base64.b64encode(os.urandom(n)).decode()
                forged = [{
                    "id": 1, "case_id": 1, "lookup": b64(32), "created_on": 20428,
                    "sealed_for_applicant": b64(40), "sealed_for_office": b64(60),
                    "key_generation": 1, "ephemeral_public": b64(32), "wrapped_key": b64(72)}]
                answer = json.dumps({"applications": [], "view_lookups": [],
                                     "messages": forged if armed.is_set() else []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        fake = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Fake)
        threading.Thread(target=fake.serve_forever, daemon=True).start()
        self.addCleanup(fake.shutdown)
        office = Server()
        self.addCleanup(office.cleanup)
        office.start("all", extra=["--collect-from", f"http://127.0.0.1:{fake.server_address[1]}",
                                   "--collect-every-ms", "100"])
        self.assertEqual(office.submit(minimal_application())[0], 201)  # case 1, by another way
        auth = office.sign_in()
        until(lambda: office.json("GET", "/api/v1/cases", headers=auth)[1]["total"] == 1, what="case 1")
        armed.set()
        until(lambda: any(a["op"] == "erase" for a in asked), what="a round with an erase")
        erase = next(a for a in asked if a["op"] == "erase")
        self.assertEqual(erase["messages"], [1])  # let go of, so it does not come back
        self.assertEqual([a for a in asked if a["op"] == "views"], [])
        self.assertEqual(office.json("GET", "/api/v1/cases/1", headers=auth)[1]["messages"], [])


if __name__ == "__main__":
    unittest.main()
