"""The audit log over HTTP: auditors read it, nobody else does; reads of cases appear in it;
auditors filter it by account, action and dates, read it in words and download what they see
(each download audited)."""
import csv
import io
import json
import unittest
from datetime import datetime, timedelta, timezone

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
        self.assertEqual(len(page["entries"]), 3)
        _, _, body = self.server.request("GET", "/api/v1/audit?per_page=200", headers=auditor)
        self.assertNotIn("Аудитов".encode(), body)
        everything = json.loads(body)
        self.assertEqual(everything["total"], len(everything["entries"]))
        self.assertIn(page["total"], (everything["total"], everything["total"] - 1))
        # created, admin, operator and auditor added, operator signs in and reads, auditor signs
        # in; the office's own screening of the new case joins them once it has come round (it
        # runs every 2 s, so whether it has by now depends on the machine's load)
        people = [(e["action"], e["target"], e["actor_name"]) for e in everything["entries"]
                  if e["action"] != "screening_run"]
        self.assertEqual(people, [("sign_in", "user:3", "aud.one"), ("case_read", "case:1", "op.main"),
                                  ("sign_in", "user:2", "op.main"), ("user_added", "user:3", ""),
                                  ("user_added", "user:2", ""), ("user_added", "user:1", ""),
                                  ("installation_created", "", "")])
        self.assertLessEqual(len(everything["entries"]) - len(people), 1)

        status, headers, _ = self.server.request("GET", "/console/", headers={"Cookie": auditor["Cookie"]})
        self.assertEqual((status, headers.get("location")), (303, "/console/audit"))
        status, _, page_html = self.server.request("GET", "/console/audit", headers={"Cookie": auditor["Cookie"]})
        self.assertEqual(status, 200)
        self.assertIn("заявка № 1".encode(), page_html)  # the target in words
        self.assertIn("заявка открыта (расшифрована)".encode(), page_html)
        status, _, _ = self.server.request("GET", "/console/audit", headers={"Cookie": admin["Cookie"]})
        self.assertEqual(status, 403)

    def test_filters_words_and_an_audited_download(self):
        for i in range(3):
            self.assertEqual(self.server.submit(minimal_application())[0], 201)
        operator = self.server.sign_in()
        for case_id in (1, 2, 3):
            self.assertEqual(self.server.json("GET", f"/api/v1/cases/{case_id}", headers=operator)[0], 200)
        auditor = self.server.sign_in("aud.one", AUDITOR_PASSWORD)
        today = datetime.now(timezone.utc).date()
        tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)

        def audit(query):
            status, body, _ = self.server.json("GET", "/api/v1/audit" + query, headers=auditor)
            return status, body

        status, body = audit("?user=op.main&action=case_read")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["total"], 3)
        self.assertEqual([e["target"] for e in body["entries"]], ["case:3", "case:2", "case:1"])
        self.assertEqual(audit(f"?action=case_read&from={today}&to={today}")[1]["total"], 3)
        self.assertEqual(audit(f"?action=case_read&from={tomorrow}")[1]["total"], 0)
        self.assertEqual(audit(f"?action=case_read&to={yesterday}")[1]["total"], 0)
        self.assertEqual(audit("?user=aud.one&action=case_read")[1]["total"], 0)
        self.assertEqual(audit("?action=case_read&per_page=2&page=2")[1]["entries"][0]["target"], "case:1")
        for query, field in [("?action=nonsense", "action"), ("?from=2026-13-01", "from"),
                             (f"?from={today}&to={yesterday}", "to"), ("?user=" + "x" * 65, "user")]:
            status, body = audit(query)
            self.assertEqual((status, body["error"]["field"]), (400, field), query)

        # The download: what the filter shows, with the action in words, and itself audited.
        status, headers, data = self.server.request("GET", "/api/v1/audit.csv?action=case_read", headers=auditor)
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/csv"))
        self.assertIn("lifeline-audit.csv", headers["content-disposition"])
        rows = list(csv.DictReader(io.StringIO(data.decode())))
        self.assertEqual([r["target"] for r in rows], ["case:3", "case:2", "case:1"])
        self.assertEqual({r["action_ru"] for r in rows}, {"заявка открыта (расшифрована)"})
        self.assertRegex(rows[0]["at_utc"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        exports = audit("?action=audit_exported")[1]
        self.assertEqual([(e["actor_name"], e["target"]) for e in exports["entries"]], [("aud.one", "export:csv")])
        operator_csv = self.server.request("GET", "/api/v1/audit.csv", headers=operator)[0]
        self.assertEqual(operator_csv, 403)

        # The console: the filter form, the words, the download link keeping the filter.
        cookie = {"Cookie": auditor["Cookie"]}
        status, _, page = self.server.request("GET", "/console/audit?user=op.main&action=case_read", headers=cookie)
        self.assertEqual(status, 200)
        html = page.decode()
        self.assertIn('<span id="total">3</span>', html)
        self.assertIn('href="/console/audit.csv?user=op.main&amp;action=case_read"', html)
        self.assertIn('<option value="case_read" selected>', html)
        status, _, page = self.server.request("GET", "/console/audit?from=yesterday", headers=cookie)
        self.assertEqual(status, 400)
        self.assertIn("Даты — в виде ГГГГ-ММ-ДД", page.decode())
        status, headers, data = self.server.request("GET", "/console/audit.csv?user=op.main&action=case_read",
                                                    headers=cookie)
        self.assertEqual(status, 200)
        self.assertEqual(len(list(csv.DictReader(io.StringIO(data.decode())))), 3)
        self.assertEqual(audit("?action=audit_exported")[1]["total"], 2)

        # The file speaks the auditor's language, as the page does, and its column says which.
        for language, words in [("en", "application opened (decrypted)"),
                                ("uk", "заявку відкрито (розшифровано)")]:
            status, _, _ = self.server.json("PUT", "/api/v1/me/language", {"language": language},
                                            headers=auditor)
            self.assertEqual(status, 204)
            for path in ["/api/v1/audit.csv?action=case_read", "/console/audit.csv?action=case_read"]:
                status, _, data = self.server.request("GET", path, headers=auditor if "api" in path else cookie)
                self.assertEqual(status, 200, path)
                rows = list(csv.DictReader(io.StringIO(data.decode())))
                self.assertNotIn("action_ru", rows[0], path)
                self.assertEqual({r[f"action_{language}"] for r in rows}, {words}, path)


if __name__ == "__main__":
    unittest.main()
