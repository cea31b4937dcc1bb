"""Canary cases and access alerts (issue 22): a coordinator marks a case as a canary without
opening it; an operator who opens it, a search that shows it and an export that holds it each
raise an alert at once, by name, on the auditors' alerts page; ordinary work on other cases
raises none; and a canary list edited in the database behind the office's back is itself
alerted, while the canary still watches."""
import sqlite3
import time
import unittest

from harness import OPERATOR, ServerTest, minimal_application


class Canaries(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.operator", "operator", "synthetic-operator-password")
        self.server.add_user("r.auditor", "auditor", "synthetic-auditor-password")
        self.server.start()
        self.assertEqual(self.server.submit(minimal_application(name="Обычный Синтетический"))[0], 201)
        self.assertEqual(self.server.submit(minimal_application(name="Приманкин Синтетический"))[0], 201)
        self.coordinator = self.server.sign_in()
        self.operator = self.server.sign_in("r.operator", "synthetic-operator-password")
        self.auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        self.assertEqual(self.server.json("PUT", "/api/v1/canaries/2", {}, headers=self.coordinator)[0], 204)

    def alerts(self):
        status, body, _ = self.server.json("GET", "/api/v1/alerts", headers=self.auditor)
        self.assertEqual(status, 200)
        return [(a["actor_name"], a["target"]) for a in reversed(body["access_alerts"])]

    def test_touching_a_canary_alerts_at_once_and_other_work_does_not(self):
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/claim", {}, headers=self.operator)[0], 204)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/1", headers=self.operator)[0], 200)
        self.assertEqual(self.alerts(), [])  # ordinary work: nothing

        self.assertEqual(self.server.json("POST", "/api/v1/cases/2/claim", {}, headers=self.operator)[0], 204)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/2", headers=self.operator)[0], 200)
        self.assertEqual(self.alerts(), [("r.operator", "canary:case:2")])

        for _ in range(100):  # the search index is built in the background after start
            status, found, _ = self.server.json("POST", "/api/v1/search", {"q": "Приманкин"},
                                                headers=self.coordinator)
            self.assertEqual(status, 200)
            if found["items"]:
                break
            time.sleep(0.1)
        self.assertIn(2, [item["id"] for item in found["items"]])
        self.assertEqual(self.alerts()[-1], (OPERATOR, "canary:case:2"))

        status, _, csv = self.server.request("GET", "/api/v1/cases.csv", headers=self.coordinator)
        self.assertEqual(status, 200)
        self.assertEqual(self.alerts()[-2:], [(OPERATOR, "canary:case:2")] * 2)

        # The alerts page says so in the auditor's language, by name; the coordinator's page
        # lists the canaries and no access alerts.
        status, _, page = self.server.request("GET", "/console/alerts", headers={"Cookie": self.auditor["Cookie"]})
        self.assertEqual(status, 200)
        text = page.decode()
        self.assertEqual(text.count("тронута заявка-приманка № 2"), 3)
        self.assertIn("<td>r.operator</td>", text)
        status, _, page = self.server.request("GET", "/console/alerts", headers={"Cookie": self.coordinator["Cookie"]})
        self.assertIn('<p id="canaries">2</p>', page.decode())
        self.assertNotIn("access-alerts", page.decode())

    def test_a_canary_list_edited_behind_the_office_is_alerted_and_still_watches(self):
        if self.server.postgres:
            self.skipTest("edits the SQLite file itself")
        for tampered in ["", "1|" + "0" * 64]:  # emptied; replaced without the office's key
            with sqlite3.connect(f"{self.server.data}/lifeline.db", timeout=30) as db:
                value, = db.execute("SELECT value FROM settings WHERE key = 'canary_cases'").fetchone()
                self.assertTrue(value.startswith("2|"))
                db.execute("UPDATE settings SET value = ? WHERE key = 'canary_cases'", (tampered,))
            self.assertEqual(self.server.json("GET", "/api/v1/cases/2", headers=self.coordinator)[0], 200)
            self.assertEqual(self.alerts()[-2:], [("", "canary:list"), (OPERATOR, "canary:case:2")], tampered)
            # The office writes the list again as it knows it.
            self.assertEqual(self.server.json("PUT", "/api/v1/canaries/2", {}, headers=self.coordinator)[0], 204)


if __name__ == "__main__":
    unittest.main()
