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
        # The office indexes new cases every 2 s, one after another in the order they came:
        # wait for the last, or a search may see the first alone.
        deadline = time.time() + 20
        while self.search("Iskomov")[1]["total"] < 2 and time.time() < deadline:
            time.sleep(0.3)

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
        self.assertEqual(self.ids("Iskomov"), [1, 3])  # the exact word before the prefix
        self.assertEqual(self.ids("Искомоф"), [1, 3])  # one typo from "iskomov", two from "iskomova"
        self.assertEqual(self.ids("Искомов"), [1, 3])  # and "iskomova" by prefix
        self.assertEqual(self.ids("Petr Iskomov"), [1, 3])
        self.assertEqual(self.ids("переход"), [2])
        self.assertEqual(self.ids("часть-пример 5"), [1])
        _, none, _ = self.server.json("POST", "/api/v1/search", {"q": "Несуществующий"}, headers=self.coordinator)
        self.assertEqual(none["total"], 0)  # the index is complete by now: no waiting
        self.assertNotIn("name", self.search("Iskomov")[1]["items"][0])  # summaries only

    def test_operators_find_only_what_they_may_see_and_the_query_is_kept_nowhere(self):
        self.assertEqual(self.ids("Iskomov", self.operator), [1, 3])  # unassigned: visible
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
        self.assertIn('<span class="why">имя — точно</span>', results.decode())  # why it is there
        status, _, rest = self.server.request(
            "POST", "/console/search", headers={"Content-Type": "application/x-www-form-urlencoded", **cookie},
            raw=urllib.parse.urlencode({"csrf": csrf, "q": "искомов", "offset": "1"}).encode())
        self.assertEqual(status, 200)
        self.assertNotIn('href="/console/cases/1"', rest.decode())  # the second of two, alone
        self.assertIn('href="/console/cases/3"', rest.decode())
        self.assertIn('<ol class="results" start="2">', rest.decode())


class RankedSearch(ServerTest):
    """Ranking, the reasons shown, paging, and finding a case by its telephone number or
    handle however it is written."""

    def setUp(self):
        super().setUp()
        for body in [
                minimal_application(name="Юрий Щукин", unit="в/ч 12345",
                                    contact={"channel": "sms", "handle": "8 (912) 345-67-89"}),
                minimal_application(name="Анна Петрова", message="мой сосед Щукин тоже хочет перейти"),
                minimal_application(name="Yury Schukin"),
                minimal_application(name="Щукин Юрий Петрович",
                                    contact={"channel": "telegram", "handle": "@synthetic_other"})]:
            self.assertEqual(self.server.submit(body)[0], 201)
        self.auth = self.server.sign_in()

    def search(self, body, want=1):
        deadline = time.time() + 20
        while True:  # the office indexes and screens new cases every few seconds
            status, found, _ = self.server.json("POST", "/api/v1/search", body, headers=self.auth)
            if status != 200 or len(found["items"]) >= want or time.time() > deadline:
                self.assertEqual(status, 200, found)
                return found

    def test_more_words_then_better_matches_then_newest_first_with_reasons(self):
        found = self.search({"q": "Iurii Shchukin"}, want=4)
        # Three names are this name in other spellings, orders and with a patronymic; the
        # fourth case only mentions the surname in its message. "Iurii Shchukin" is how ICAO
        # writes Юрий Щукин letter for letter, so the Cyrillic two (newest first) come before
        # "Yury Schukin", the same name written farther from the query.
        self.assertEqual([i["id"] for i in found["items"]], [4, 1, 3, 2])
        self.assertEqual((found["total"], found["complete"]), (4, 3))
        exact_name = {"field": "name", "kind": "exact"}
        self.assertEqual(found["items"][0]["match"], {"contact": False, "words": [exact_name, exact_name]})
        self.assertEqual(found["items"][3]["match"]["words"], [None, {"field": "message", "kind": "exact"}])
        typo = self.search({"q": "Щукен"}, want=4)
        # A typo in a name ranks above one in a message; Щукин is one letter from the query,
        # "Schukin" farther as written.
        self.assertEqual([i["id"] for i in typo["items"]], [4, 1, 3, 2])
        self.assertEqual(typo["items"][0]["match"]["words"], [{"field": "name", "kind": "typo"}])
        ukrainian = self.search({"q": "Юрій"}, want=3)  # the Ukrainian spelling, and Yury
        self.assertEqual([i["id"] for i in ukrainian["items"]], [4, 3, 1])

    def test_pages_are_stable_slices_of_one_ranking(self):
        everything = [i["id"] for i in self.search({"q": "Щукин"}, want=4)["items"]]
        first = self.search({"q": "Щукин", "per_page": 2})
        second = self.search({"q": "Щукин", "per_page": 2, "offset": 2})
        self.assertEqual([i["id"] for i in first["items"] + second["items"]], everything)
        self.assertEqual((first["total"], second["total"], second["offset"]), (4, 4, 2))
        for bad in [{"offset": -1}, {"offset": "2"}, {"per_page": 0}, {"per_page": 201}, {"offset": 10001}]:
            status, body, _ = self.server.json("POST", "/api/v1/search", {"q": "Щукин", **bad}, headers=self.auth)
            self.assertEqual((status, body["error"]["field"]), (400, next(iter(bad))), bad)

    def test_a_number_or_handle_finds_its_case_however_it_is_written(self):
        for written in ["+7 912 345-67-89", "89123456789", "9123456789", "+7(912)3456789"]:
            found = self.search({"q": written})
            self.assertEqual([i["id"] for i in found["items"]], [1], written)
            self.assertTrue(found["items"][0]["match"]["contact"])
        self.assertEqual([i["id"] for i in self.search({"q": "@Synthetic_Other"})["items"]], [4])
        status, body, _ = self.server.json("POST", "/api/v1/search", {"q": "@" + "x" * 900}, headers=self.auth)
        self.assertEqual((status, body["error"]["field"]), (400, "q"))
        _, none, _ = self.server.json("POST", "/api/v1/search", {"q": "+7 912 000-00-00"}, headers=self.auth)
        self.assertEqual(none["total"], 0)
        with open(self.server.log_path, "rb") as f:
            self.assertNotIn(b"3456789", f.read())


if __name__ == "__main__":
    unittest.main()
