"""Duress receipts (issue 22): an applicant who asks for one gets a second receipt; entered,
it opens a harmless page (received, no conversation) of the same size on the wire, and the
coordinators' alerts page names the case, while a check with the real receipt shows the
conversation and signals nothing. Either check leaves the store as it was, but for the
office's own audit entry. An intake that cannot tell the office (an intake-only process on
the shared store) does not offer one; one on its own outbox does (test_outbox_intake.py).
The latencies of the two checks are compared in src/app/intake/duress_test.cpp."""
import re
import socket
import sqlite3
import time
import unittest
from urllib.parse import urlencode

from harness import ServerTest, minimal_application
from test_no_trace import application_form

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
RECEIPT = re.compile(r'id="(receipt|duress-receipt)">([^<]+)<')


def form(**fields):
    return application_form(contact_handle="55502", name="Принужденов Синтетический", **fields)


class Duress(ServerTest):
    def post_root(self, fields):
        return self.server.request("POST", "/", raw=urlencode(fields).encode(), headers=FORM)

    def wire_size(self, fields):
        body = urlencode(fields).encode()
        head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n")
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as s:
            s.sendall(head.encode() + body)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        return len(answer)

    def table_counts(self):
        with sqlite3.connect(f"file:{self.server.data}/lifeline.db?mode=ro", uri=True) as db:
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {t: sorted(map(repr, db.execute(f"SELECT * FROM {t}")))
                    for t in tables if t != "audit_log" and not t.startswith("sqlite_")}

    def duress_signals(self):
        coordinator = self.server.sign_in()
        status, body, _ = self.server.json("GET", "/api/v1/alerts", headers=coordinator)
        self.assertEqual(status, 200)
        return [a["target"] for a in body["duress"]]

    def test_the_second_receipt_opens_a_harmless_page_and_tells_the_coordinators(self):
        status, _, page = self.server.request("GET", "/")
        self.assertIn('name="duress_receipt"', page.decode())
        status, _, page = self.post_root(form(duress_receipt="yes"))
        self.assertEqual(status, 200)
        receipts = dict(RECEIPT.findall(page.decode()))
        self.assertEqual(set(receipts), {"receipt", "duress-receipt"})
        real, duress = receipts["receipt"], receipts["duress-receipt"]
        self.assertNotEqual(real, duress)
        self.assertIn("на случай принуждения", page.decode())

        coordinator = self.server.sign_in()
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/replies",
                                          {"text": "Синтетический ответ: свяжемся завтра"},
                                          headers=coordinator)[0], 201)

        time.sleep(2.5)  # the office screens new cases every 2 s: let it, before comparing
        before = self.table_counts() if not self.server.postgres else None
        status, _, shown = self.post_root({"go": "check", "language": "ru", "receipt": real})
        self.assertEqual(status, 200)
        self.assertIn("свяжемся завтра", shown.decode())
        self.assertEqual(self.duress_signals(), [])

        status, _, harmless = self.post_root({"go": "check", "language": "ru", "receipt": duress})
        self.assertEqual(status, 200)
        self.assertNotIn("свяжемся завтра", harmless.decode())
        status, body, _ = self.server.check(duress)
        self.assertEqual((status, body["status"], body["messages"]), (200, "received", []))
        for _ in range(100):  # the office notes checks on a thread of its own, after the answer
            if self.duress_signals():
                break
            time.sleep(0.05)
        self.assertEqual(self.duress_signals()[0], "case:1")
        if before is not None:
            self.assertEqual(self.table_counts(), before)  # nothing but the audit log changed

        # One size on the wire for both pages.
        self.assertEqual(self.wire_size({"go": "check", "language": "ru", "receipt": real}),
                         self.wire_size({"go": "check", "language": "ru", "receipt": duress}))

        # The coordinators' alerts page names the case; an operator has no such page.
        status, _, alerts = self.server.request("GET", "/console/alerts", headers={"Cookie": coordinator["Cookie"]})
        self.assertIn("квитанция под принуждением, заявка № 1", alerts.decode())

    def test_the_api_gives_a_second_receipt_only_when_asked(self):
        status, body, _ = self.server.submit(minimal_application())
        self.assertEqual((status, set(body)), (201, {"receipt"}))
        status, body, _ = self.server.submit(minimal_application(duress_receipt=True))
        self.assertEqual((status, set(body)), (201, {"receipt", "duress_receipt"}))
        status, body, _ = self.server.submit(minimal_application(duress_receipt="yes"))
        self.assertEqual((status, body["error"]["field"]), (400, "duress_receipt"))


class NotOffered(ServerTest):
    """An intake-only process on the shared store has no office to tell: it offers nothing."""
    role = "intake"

    def test_an_intake_that_cannot_tell_the_office_offers_no_duress_receipt(self):
        status, _, page = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertNotIn("duress_receipt", page.decode())
        status, body, _ = self.server.submit(minimal_application(duress_receipt=True))
        self.assertEqual((status, body["error"]["field"]), (400, "duress_receipt"))


if __name__ == "__main__":
    unittest.main()
