"""The sealed custody circumstance: a coordinator records that a person surrendered
voluntarily; every other role, every list and case, the applicant, the audit log, the
server's output and the database files show or hold nothing but "captured"."""
import os
import unittest

from harness import ADMIN_PASSWORD, ServerTest, minimal_application

ROLES = ["operator", "verifier", "camp_admin", "caseworker", "analyst", "auditor"]
# Any of these in a response, log or file would give the true circumstance away.
TELLTALES = [b"voluntary", b"surrender", "добровольн".encode(), "сдач".encode()]


class Custody(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        for role in ROLES:
            self.server.add_user(f"r.{role}", role, f"synthetic-{role}-password")
        self.server.add_user("second.coordinator", "coordinator", "synthetic-second-coordinator-pw")
        self.server.start()
        status, body, _ = self.server.submit(minimal_application(name="Пленов Синтетический"))
        self.assertEqual(status, 201)
        self.receipt = body["receipt"]
        self.assertEqual(self.server.submit(minimal_application())[0], 201)
        self.coordinator = self.server.sign_in()

    def record(self, case_id, circumstance, auth=None):
        return self.server.json("PUT", f"/api/v1/cases/{case_id}/custody", {"circumstance": circumstance},
                                headers=auth or self.coordinator)

    def approved(self, case_id):
        """A second coordinator approves the coordinator's request to read (the two-person rule)."""
        status, asked, _ = self.server.json("POST", f"/api/v1/cases/{case_id}/custody/approval", {},
                                            headers=self.coordinator)
        self.assertEqual(status, 201, asked)
        second = self.server.sign_in("second.coordinator", "synthetic-second-coordinator-pw")
        self.assertEqual(self.server.json("POST", f"/api/v1/approvals/{asked['request']}/grant", {},
                                          headers=second)[0], 204)

    def assert_no_telltale(self, content, where):
        lowered = content.lower()
        for word in TELLTALES:
            self.assertNotIn(word, lowered, where)

    def test_only_the_coordinator_reads_it_and_everyone_else_sees_captured(self):
        self.assertEqual(self.record(1, "voluntary_surrender")[0], 204)
        self.assertEqual(self.record(2, "captured")[0], 204)
        self.approved(1)
        status, body, _ = self.server.json("GET", "/api/v1/cases/1/custody", headers=self.coordinator)
        self.assertEqual((status, body), (200, {"circumstance": "voluntary_surrender"}))
        status, _, page = self.server.request("GET", "/console/cases/1/custody",
                                              headers={"Cookie": self.coordinator["Cookie"]})
        self.assertIn("<strong id=\"circumstance\">записано, скрыто</strong>".encode(), page)

        # The coordinator's own list and card show "captured" for both people.
        status, cases, _ = self.server.json("GET", "/api/v1/cases", headers=self.coordinator)
        self.assertEqual([c["custody"] for c in cases["items"]], ["captured", "captured"])
        _, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=self.coordinator)
        self.assertEqual(case["custody"], "captured")

        for role in ROLES:
            auth = self.server.sign_in(f"r.{role}", f"synthetic-{role}-password")
            cookie = {"Cookie": auth["Cookie"]}
            self.assertEqual(self.server.json("GET", "/api/v1/cases/1/custody", headers=auth)[0], 403, role)
            self.assertEqual(self.record(1, "captured", auth)[0], 403, role)
            self.assertEqual(self.server.request("GET", "/console/cases/1/custody", headers=cookie)[0], 403, role)
            for path in ["/api/v1/cases", "/api/v1/cases/1", "/api/v1/cases/2", "/api/v1/audit",
                         "/console/", "/console/cases/1", "/console/audit"]:
                status, _, content = self.server.request("GET", path, headers=cookie)
                self.assert_no_telltale(content, f"{role} GET {path} ({status})")
                if status == 200 and path.startswith("/api/v1/cases/"):
                    self.assertIn(b'"custody":"captured"', content, f"{role} GET {path}")
        _, applicant, _ = self.server.check(self.receipt)
        self.assert_no_telltale(str(applicant).encode(), "applicant status")
        admin = self.server.sign_in("admin", ADMIN_PASSWORD)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/1/custody", headers=admin)[0], 403)

        # The audit log says that it was recorded and read, never what it is.
        auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        _, log, _ = self.server.json("GET", "/api/v1/audit", headers=auditor)
        actions = [e["action"] for e in log["entries"]]
        self.assertIn("custody_recorded", actions)
        self.assertIn("custody_read", actions)

        self.server.stop()
        with open(self.server.log_path, "rb") as f:
            self.assert_no_telltale(f.read(), "server output")
        for name in self.server.data_files():
            with open(name, "rb") as f:
                self.assert_no_telltale(f.read(), name)

    def test_both_circumstances_seal_to_the_same_length(self):
        if self.server.postgres:
            self.skipTest("reads the SQLite file itself")
        import sqlite3
        self.assertEqual(self.record(1, "voluntary_surrender")[0], 204)
        self.assertEqual(self.record(2, "captured")[0], 204)
        with sqlite3.connect(f"file:{self.server.data}/lifeline.db?mode=ro", uri=True) as db:
            lengths = [n for (n,) in db.execute("SELECT length(custody_sealed) FROM applications ORDER BY id")]
        self.assertEqual(lengths[0], lengths[1])

    def test_bad_values_are_refused_and_change_nothing(self):
        self.assertEqual(self.record(1, "voluntary_surrender")[0], 204)
        for bad in ["surrendered", "", "CAPTURED"]:
            status, body, _ = self.record(1, bad)
            self.assertEqual(status, 400, bad)
            self.assertEqual(body["error"]["field"], "circumstance")
        self.assertEqual(self.server.json("PUT", "/api/v1/cases/1/custody", {"circumstance": 1},
                                          headers=self.coordinator)[0], 400)
        self.assertEqual(self.record(99, "captured")[0], 404)
        no_csrf = {"Cookie": self.coordinator["Cookie"]}
        self.assertEqual(self.server.json("PUT", "/api/v1/cases/1/custody", {"circumstance": "captured"},
                                          headers=no_csrf)[0], 403)
        self.approved(1)
        _, body, _ = self.server.json("GET", "/api/v1/cases/1/custody", headers=self.coordinator)
        self.assertEqual(body, {"circumstance": "voluntary_surrender"})
        self.assertEqual(self.server.json("GET", "/api/v1/cases/2/custody", headers=self.coordinator)[0], 404)


if __name__ == "__main__":
    unittest.main()
