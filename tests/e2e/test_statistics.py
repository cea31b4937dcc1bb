"""Statistics for analysts: aggregates only, every cell under 10 suppressed (and a lone one's
neighbour), the funnel and backlog, surge detection, audited, and never the custody
circumstance; analysts read no case."""
import csv
import io
import unittest

from harness import ServerTest, minimal_application

TELLTALES = [b"voluntary", b"surrender", "добровольн".encode()]


class Statistics(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.analyst", "analyst", "synthetic-analyst-password")
        self.server.add_user("r.auditor", "auditor", "synthetic-auditor-password")
        self.server.start()
        for _ in range(12):
            self.assertEqual(self.server.submit(minimal_application())[0], 201)
        for _ in range(3):
            self.assertEqual(self.server.submit(minimal_application(
                contact={"channel": "telegram", "handle": "@synthetic"}))[0], 201)
        self.analyst = self.server.sign_in("r.analyst", "synthetic-analyst-password")
        self.coordinator = self.server.sign_in()

    def stats(self, query="", auth=None):
        return self.server.json("GET", "/api/v1/statistics" + query, headers=auth or self.analyst)

    def test_small_cells_are_suppressed_and_totals_kept(self):
        status, body, _ = self.stats()
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["days"]), 28)
        today = body["days"][-1]
        self.assertEqual(today["total"], 15)
        # telegram (3) is under 10; signal (12) goes with it, or 15 - 12 would give it away.
        self.assertEqual({c["channel"]: c["count"] for c in today["by_channel"]}, {"signal": None, "telegram": None})
        self.assertEqual(today["by_situation"], [{"situation": "serving", "count": 15}])
        self.assertEqual(body["funnel"], [{"stage": "applications", "count": 15}, {"stage": "verified", "count": 0},
                                          {"stage": "crossed (registered as captured)", "count": 0}])
        self.assertEqual(body["backlog_by_age"][0], {"age": "under 7 days", "count": 15})
        self.assertEqual(body["surge"]["today"], 15)
        self.assertTrue(body["surge"]["surge"])  # a first day stands out of an empty history
        self.assertIsNone(body["surge"]["trailing_mean"])  # under 10 over the trailing days
        for day in body["days"][:-1]:
            self.assertEqual(day["total"], 0)

    def test_csv_export_marks_suppressed_cells_and_is_audited_as_an_export(self):
        for path, auth in [("/api/v1/statistics.csv?days=7", self.analyst),
                           ("/console/statistics.csv?days=7", {"Cookie": self.analyst["Cookie"]})]:
            status, headers, raw = self.server.request("GET", path, headers=auth)
            self.assertEqual(status, 200, path)
            self.assertTrue(headers["content-type"].startswith("text/csv"), path)
            self.assertIn("attachment", headers["content-disposition"])
            rows = list(csv.reader(io.StringIO(raw.decode(), newline="")))
            self.assertEqual(rows[0], ["table", "day", "category", "count"])
            self.assertEqual(len([r for r in rows if r[0] == "total"]), 7)
            # The two suppressed channels are marked, never written as 0 (as in the JSON).
            self.assertEqual(sorted((r[2], r[3]) for r in rows if r[0] == "by_channel"),
                             [("signal", "<10"), ("telegram", "<10")])
            self.assertIn(["funnel", "", "applications", "15"], rows)
        # Another role is refused before anything is read; bad days say which field.
        status, body, _ = self.server.json("GET", "/api/v1/statistics.csv?days=0", headers=self.analyst)
        self.assertEqual((status, body["error"]["field"]), (400, "days"))
        auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        self.assertEqual(self.server.request("GET", "/api/v1/statistics.csv", headers=auditor)[0], 403)
        _, log, _ = self.server.json("GET", "/api/v1/audit", headers=auditor)
        exports = [e for e in log["entries"] if e["action"] == "statistics_read" and e["target"] == "export:csv"]
        self.assertEqual(len(exports), 2)

    def test_the_printable_report_hides_small_cells_and_is_audited(self):
        cookie = {"Cookie": self.analyst["Cookie"]}
        status, _, page = self.server.request("GET", "/console/statistics/report?days=7", headers=cookie)
        self.assertEqual(status, 200)
        html = page.decode()
        self.assertIn('id="statistics-report"', html)
        self.assertIn("статистика за 7 дн.", html)
        self.assertNotIn("<nav>", html)  # no menu on paper
        self.assertNotIn("<canvas", html)
        # Suppressed channels say so, in words, never as 0; the funnel's labels are Russian.
        self.assertRegex(html, r"<th>Signal</th><td>&lt;10</td>")
        self.assertIn("<th>заявки</th><td>15</td>", html)
        _, _, stats = self.server.request("GET", "/console/statistics", headers=cookie)
        self.assertIn('href="/console/statistics/report"', stats.decode())
        auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        self.assertEqual(self.server.request("GET", "/console/statistics/report",
                                             headers={"Cookie": auditor["Cookie"]})[0], 403)
        _, log, _ = self.server.json("GET", "/api/v1/audit?action=statistics_read", headers=auditor)
        self.assertEqual([e["target"] for e in log["entries"]].count("export:print"), 1)

    def test_the_custody_circumstance_never_reaches_statistics(self):
        self.assertEqual(self.server.json("PUT", "/api/v1/cases/1/custody", {"circumstance": "voluntary_surrender"},
                                          headers=self.coordinator)[0], 204)
        for query in ["", "?days=366"]:
            _, _, raw = self.server.request("GET", "/api/v1/statistics" + query,
                                            headers={"Cookie": self.analyst["Cookie"]})
            for word in TELLTALES:
                self.assertNotIn(word, raw.lower())
        page = self.server.request("GET", "/console/statistics", headers={"Cookie": self.analyst["Cookie"]})[2]
        self.assertIn("&lt;10".encode(), page)
        for word in TELLTALES:
            self.assertNotIn(word, page.lower())

    def test_analysts_read_no_case_and_every_read_is_audited(self):
        self.assertEqual(self.server.json("GET", "/api/v1/cases/1", headers=self.analyst)[0], 403)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=self.analyst)[0], 403)
        self.assertEqual(self.stats()[0], 200)
        auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        _, log, _ = self.server.json("GET", "/api/v1/audit", headers=auditor)
        self.assertIn("statistics_read", [e["action"] for e in log["entries"]])
        for bad in ["?days=0", "?days=367", "?days=abc"]:
            status, body, _ = self.stats(bad)
            self.assertEqual((status, body["error"]["field"]), (400, "days"), bad)


if __name__ == "__main__":
    unittest.main()
