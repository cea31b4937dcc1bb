"""Search over decrypted fields: across scripts and with typos, within the searcher's
permissions, audited without the query, never through a URL, and with clear refusals for
empty, wildcard-only and over-long queries."""
import os
import re
import time
import unittest
import urllib.parse

from harness import ServerTest, minimal_application

MARKER = "Искомов"


class Search(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.operator", "operator", "synthetic-operator-password")
        self.server.add_user("r.auditor", "auditor", "synthetic-auditor-password")
        self.server.start()
        for body in [minimal_application(name=f"Пётр {MARKER}", unit="часть-пример 5"),
                     minimal_application(name="Анна Другая", message="прошу помочь с переходом"),
                     minimal_application(name=f"Petr {MARKER}a")]:
            self.assertEqual(self.server.submit(body)[0], 201)
        self.coordinator = self.server.sign_in()
        self.operator = self.server.sign_in("r.operator", "synthetic-operator-password")

    def search(self, q, auth=None):
        deadline = time.time() + 20
        while True:  # the office indexes new cases every 2 s
            status, body, _ = self.server.json("POST", "/api/v1/search", {"q": q}, headers=auth or self.coordinator)
            if status != 200 or body["total"] > 0 or time.time() > deadline:
                return status, body
            time.sleep(0.3)

    def ids(self, q, auth=None):
        status, body = self.search(q, auth)
        self.assertEqual(status, 200, body)
        return [item["id"] for item in body["items"]]

    def test_finds_across_scripts_and_typos_and_in_messages(self):
        self.assertEqual(self.ids("Iskomov"), [3, 1])
        self.assertEqual(self.ids("Искомоф"), [1])  # one typo from "iskomov" (two from "iskomova")
        self.assertEqual(self.ids("Искомов"), [3, 1])  # and "iskomova" by prefix
        self.assertEqual(self.ids("Petr Iskomov"), [3, 1])
        self.assertEqual(self.ids("переход"), [2])
        self.assertEqual(self.ids("часть-пример 5"), [1])
        _, none, _ = self.server.json("POST", "/api/v1/search", {"q": "Несуществующий"}, headers=self.coordinator)
        self.assertEqual(none["total"], 0)  # the index is complete by now: no waiting
        self.assertNotIn("name", self.search("Iskomov")[1]["items"][0])  # summaries only

    def test_operators_find_only_what_they_may_see_and_the_query_is_kept_nowhere(self):
        self.assertEqual(self.ids("Iskomov", self.operator), [3, 1])  # unassigned: visible
        self.assertEqual(self.server.json("POST", "/api/v1/cases/3/claim", {}, headers=self.coordinator)[0], 204)
        self.assertEqual(self.ids("Iskomov", self.operator), [1])
        auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        self.assertEqual(self.server.json("POST", "/api/v1/search", {"q": "Iskomov"}, headers=auditor)[0], 403)
        _, log, _ = self.server.json("GET", "/api/v1/audit", headers=auditor)
        searches = [e for e in log["entries"] if e["action"] == "case_search"]
        self.assertTrue(searches)
        self.assertTrue(all(e["target"] == "" for e in searches))
        self.server.stop()
        for name in self.server.data_files():
            with open(name, "rb") as f:
                self.assertNotIn(MARKER.encode(), f.read(), name)
        with open(self.server.log_path, "rb") as f:
            self.assertNotIn(b"Iskomov", f.read())

    def test_bad_queries_are_refused_clearly(self):
        for q in ["", "   ", "*", "%%", "x", "a" * 801]:
            status, body, _ = self.server.json("POST", "/api/v1/search", {"q": q}, headers=self.coordinator)
            self.assertEqual((status, body["error"]["field"]), (400, "q"), q[:10])
        self.assertEqual(self.server.json("POST", "/api/v1/search", {"q": 5}, headers=self.coordinator)[0], 400)
        self.assertEqual(self.server.json("POST", "/api/v1/search", {"q": "Iskomov"},
                                          headers={"Cookie": self.coordinator["Cookie"]})[0], 403)
        self.assertEqual(self.server.json("GET", "/api/v1/search?q=Iskomov", headers=self.coordinator)[0], 405)

    def test_the_console_searches_with_a_form(self):
        self.search("Iskomov")
        cookie = {"Cookie": self.coordinator["Cookie"]}
        page = self.server.request("GET", "/console/search", headers=cookie)[2].decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        status, _, results = self.server.request(
            "POST", "/console/search", headers={"Content-Type": "application/x-www-form-urlencoded", **cookie},
            raw=urllib.parse.urlencode({"csrf": csrf, "q": "искомов"}).encode())
        self.assertEqual(status, 200)
        self.assertIn('href="/console/cases/3"', results.decode())
        self.assertIn('<span id="total">2</span>', results.decode())


if __name__ == "__main__":
    unittest.main()
