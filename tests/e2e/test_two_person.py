"""The two-person rule (issue 22): reading the sealed custody circumstance needs a second
person's approval of one's own request, used once, within 30 minutes; the requester cannot
approve themselves, a role without the permission cannot approve, and an approval forged
into the database (without the office's audit key) opens nothing. Requests, approvals and
reads are in the audit log with both names. The console's custody page and approvals page
walk a coordinator and a second coordinator through it."""
import re
import sqlite3
import unittest
from urllib.parse import urlencode

from harness import OPERATOR, ServerTest, minimal_application

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class TwoPerson(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("second.coordinator", "coordinator", "synthetic-second-coordinator-pw")
        self.server.add_user("r.auditor", "auditor", "synthetic-auditor-password")
        self.server.add_user("r.verifier", "verifier", "synthetic-verifier-password")
        self.server.start()
        self.assertEqual(self.server.submit(minimal_application(name="Согласов Синтетический"))[0], 201)
        self.first = self.server.sign_in()
        self.second = self.server.sign_in("second.coordinator", "synthetic-second-coordinator-pw")
        status, _, _ = self.server.json("PUT", "/api/v1/cases/1/custody", {"circumstance": "voluntary_surrender"},
                                        headers=self.first)
        self.assertEqual(status, 204)

    def read(self, auth):
        return self.server.json("GET", "/api/v1/cases/1/custody", headers=auth)

    def ask(self, auth):
        status, body, _ = self.server.json("POST", "/api/v1/cases/1/custody/approval", {}, headers=auth)
        self.assertEqual(status, 201, body)
        return body["request"]

    def grant(self, auth, request):
        return self.server.json("POST", f"/api/v1/approvals/{request}/grant", {}, headers=auth)

    def test_a_read_needs_another_persons_approval_and_uses_it_up(self):
        status, body, _ = self.read(self.first)
        self.assertEqual(status, 403)
        self.assertIn("second person", str(body))
        request = self.ask(self.first)
        self.assertEqual(self.ask(self.first), request)  # an open request is not asked twice
        self.assertEqual(self.read(self.first)[0], 403)  # asked, not yet approved
        self.assertEqual(self.grant(self.first, request)[0], 403)  # not by oneself
        verifier = self.server.sign_in("r.verifier", "synthetic-verifier-password")
        self.assertEqual(self.grant(verifier, request)[0], 403)  # nor by a role that may not
        self.assertEqual(self.read(self.second)[0], 403)  # the approval is the requester's only
        self.assertEqual(self.grant(self.second, request)[0], 204)
        self.assertEqual(self.grant(self.second, request)[0], 409)
        self.assertEqual(self.read(self.second)[0], 403)
        self.assertEqual(self.read(self.first)[:2], (200, {"circumstance": "voluntary_surrender"}))
        self.assertEqual(self.read(self.first)[0], 403)  # used up

    def test_an_auditor_may_approve_and_the_log_names_both(self):
        request = self.ask(self.first)
        auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        status, body, _ = self.server.json("GET", "/api/v1/approvals", headers=auditor)
        self.assertEqual(status, 200)
        self.assertEqual([(r["request"], r["requested_by"], r["subject"], r["approved_by"]) for r in body["requests"]],
                         [(request, OPERATOR, "custody:case:1", None)])
        self.assertEqual(self.grant(auditor, request)[0], 204)
        self.assertEqual(self.read(self.first)[0], 200)
        _, log, _ = self.server.json("GET", "/api/v1/audit?per_page=200", headers=auditor)
        trail = [(e["action"], e["actor_name"], e["target"]) for e in reversed(log["entries"])
                 if e["action"].startswith("approval_") or e["action"] == "custody_read"]
        self.assertEqual(trail, [("approval_requested", OPERATOR, "custody:case:1"),
                                 ("approval_granted", "r.auditor", f"approval:{request}"),
                                 ("approval_used", OPERATOR, f"approval:{request}"),
                                 ("custody_read", OPERATOR, "case:1")])

    def test_an_approval_forged_into_the_database_opens_nothing(self):
        if self.server.postgres:
            self.skipTest("writes the SQLite file directly")
        request = self.ask(self.first)
        self.server.stop()
        db = sqlite3.connect(f"{self.server.data}/lifeline.db")
        seq, = db.execute("SELECT MAX(seq) FROM audit_log").fetchone()
        user_id, = db.execute("SELECT id FROM users WHERE name = 'second.coordinator'").fetchone()
        db.execute("INSERT INTO audit_log (seq, at, actor_user_id, actor_name, action, target, mac) "
                   "SELECT ?, at, ?, 'second.coordinator', 'approval_granted', ?, mac FROM audit_log WHERE seq = ?",
                   (seq + 1, user_id, f"approval:{request}", seq))
        db.commit()
        db.close()
        self.server.start()
        status, body, _ = self.read(self.first)
        self.assertNotEqual(status, 200)
        self.assertNotIn("voluntary", str(body))

    def test_the_console_walks_both_people_through_it(self):
        first = {"Cookie": self.first["Cookie"]}
        second = {"Cookie": self.second["Cookie"]}

        def page(path, cookie):
            status, _, body = self.server.request("GET", path, headers=cookie)
            self.assertEqual(status, 200, path)
            return body.decode()

        def post(path, cookie, fields=None):
            csrf = re.search(r'name="csrf" value="([^"]+)"', page("/console/cases/1/custody", cookie)).group(1)
            return self.server.request("POST", path, raw=urlencode({**(fields or {}), "csrf": csrf}).encode(),
                                       headers={**cookie, **FORM})

        custody = page("/console/cases/1/custody", first)
        self.assertIn('<strong id="circumstance">записано, скрыто</strong>', custody)
        self.assertNotIn("добровольная сдача</strong>", custody)
        self.assertIn('action="/console/cases/1/custody/approval"', custody)
        self.assertEqual(post("/console/cases/1/custody/approval", first)[0], 303)
        self.assertIn("ждёт согласия второго сотрудника", page("/console/cases/1/custody", first))
        # The requester sees no button for their own request; the second coordinator does.
        self.assertNotIn("/grant", page("/console/approvals", first))
        approvals = page("/console/approvals", second)
        grant = re.search(r'action="(/console/approvals/\d+/grant)"', approvals).group(1)
        self.assertIn("обстоятельства пленения, заявка № 1", approvals)
        self.assertEqual(post(grant, second)[0], 303)
        self.assertIn("согласовано: second.coordinator", page("/console/approvals", second))
        custody = page("/console/cases/1/custody", first)
        self.assertIn("Согласие дал second.coordinator.", custody)
        status, headers, shown = post("/console/cases/1/custody/read", first)
        self.assertEqual(status, 200)
        self.assertIn('<strong id="circumstance">добровольная сдача</strong>', shown.decode())
        self.assertEqual(headers.get("cache-control"), "no-store")
        status, _, again = post("/console/cases/1/custody/read", first)
        self.assertEqual(status, 403)
        self.assertNotIn("добровольная сдача</strong>", again.decode())


if __name__ == "__main__":
    unittest.main()
