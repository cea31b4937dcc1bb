"""The audit log over HTTP: auditors read it, nobody else does; reads of cases appear in it."""
import unittest

from harness import Server, minimal_application

AUDITOR_PASSWORD = "synthetic-auditor-pw"


class AuditLog(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.add_user("aud.one", "auditor", AUDITOR_PASSWORD)
        self.server.start()

    def test_auditor_sees_who_read_which_case_and_nothing_else(self):
        self.assertEqual(self.server.submit(minimal_application(name="Аудитов Синтетический"))[0], 201)
        admin = self.server.sign_in()  # the harness's operator
        self.assertEqual(self.server.json("GET", "/api/v1/cases/1", headers=admin)[0], 200)
        self.assertEqual(self.server.json("GET", "/api/v1/audit", headers=admin)[0], 403)

        auditor = self.server.sign_in("aud.one", AUDITOR_PASSWORD)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=auditor)[0], 403)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/1", headers=auditor)[0], 403)
        status, page, _ = self.server.json("GET", "/api/v1/audit?per_page=3", headers=auditor)
        self.assertEqual(status, 200)
        # created, admin, operator and auditor added, operator signs in and reads, auditor signs in
        self.assertEqual(page["total"], 7)
        newest = [(e["action"], e["target"], e["actor_name"]) for e in page["entries"]]
        self.assertEqual(newest, [("sign_in", "user:3", "aud.one"), ("case_read", "case:1", "op.main"),
                                  ("sign_in", "user:2", "op.main")])
        _, body, _ = self.server.request("GET", "/api/v1/audit?per_page=200", headers=auditor)
        self.assertNotIn("Аудитов".encode(), body)

        status, headers, _ = self.server.request("GET", "/console/", headers={"Cookie": auditor["Cookie"]})
        self.assertEqual((status, headers.get("location")), (303, "/console/audit"))
        status, _, page_html = self.server.request("GET", "/console/audit", headers={"Cookie": auditor["Cookie"]})
        self.assertEqual(status, 200)
        self.assertIn(b"case:1", page_html)
        status, _, _ = self.server.request("GET", "/console/audit", headers={"Cookie": admin["Cookie"]})
        self.assertEqual(status, 403)


if __name__ == "__main__":
    unittest.main()
