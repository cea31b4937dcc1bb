"""Duplicates: one person applying twice, once in Cyrillic and once in Latin letters, is
proposed as a likely duplicate; merging keeps both cases and both histories, names each
from the other, and is refused into itself or into an already merged case."""
import time
import unittest

from harness import ServerTest, minimal_application


class Duplicates(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.verifier", "verifier", "synthetic-verifier-password")
        self.server.start()
        for body in [minimal_application(name="Пётр Дубликатов", unit="часть-пример 7",
                                         contact={"channel": "telegram", "handle": "@synthetic_first"}),
                     minimal_application(name="Dublikatov Petr", unit="Часть-пример 7",
                                         contact={"channel": "signal", "handle": "@synthetic_second"}),
                     minimal_application(name="Анна Другая", contact={"channel": "signal", "handle": "@synthetic_third"})]:
            status, answer, _ = self.server.submit(body)
            self.assertEqual(status, 201, answer)
        self.verifier = self.server.sign_in("r.verifier", "synthetic-verifier-password")

    def case(self, case_id):
        status, body, _ = self.server.json("GET", f"/api/v1/cases/{case_id}", headers=self.verifier)
        self.assertEqual(status, 200, body)
        return body

    def proposals(self, case_id):
        deadline = time.time() + 20
        while True:  # the office screens new cases every 2 s
            found = self.case(case_id)["duplicates"]
            if found or time.time() > deadline:
                return found
            time.sleep(0.3)

    def merge(self, source, into, version=None):
        version = self.case(source)["version"] if version is None else version
        return self.server.json("POST", f"/api/v1/cases/{source}/merge", {"into": into, "version": version},
                                headers=self.verifier)

    def test_a_name_in_two_scripts_is_proposed_and_merging_keeps_both_histories(self):
        proposals = self.proposals(2)
        self.assertEqual([p["case_id"] for p in proposals], [1])
        self.assertIn("the same name, possibly in another script or order", proposals[0]["reasons"])
        self.assertIn("the same unit", proposals[0]["reasons"])
        self.assertEqual(self.case(3)["duplicates"], [])

        self.assertEqual(self.server.json("POST", "/api/v1/cases/2/replies", {"text": "Ответ до слияния."},
                                          headers=self.verifier)[0], 201)
        status, body, _ = self.merge(2, 1)
        self.assertEqual((status, body["status"]), (200, "duplicate"), body)
        merged = self.case(2)
        self.assertEqual((merged["status"], merged["merged_into"]), ("duplicate", 1))
        self.assertEqual(merged["timeline"][-1]["reason"], "merged into case 1")
        self.assertEqual([m["text"] for m in merged["messages"]], ["Ответ до слияния."])
        self.assertEqual(self.case(1)["merged_from"], [2])
        self.assertEqual(self.case(1)["duplicates"], [])  # a merged case is no longer proposed

    def test_merges_that_make_no_sense_are_refused(self):
        self.proposals(2)
        status, body, _ = self.merge(1, 1)
        self.assertEqual((status, body["error"]["field"]), (400, "into"))
        self.assertEqual(self.merge(1, 99)[0], 400)
        self.assertEqual(self.merge(2, 1)[0], 200)
        status, body, _ = self.merge(3, 2)
        self.assertEqual(status, 409)
        self.assertIn("merge into that one", body["error"]["message"])
        self.assertEqual(self.merge(3, 1, version=7)[0], 409)  # a stale version
        self.assertEqual(self.merge(3, 1)[0], 200)
        self.assertEqual(self.case(3)["merged_into"], 1)
        self.assertEqual(self.case(1)["merged_from"], [2, 3])


class SpellingDuplicates(ServerTest):
    """The names a walkthrough found missed: passport and everyday spellings, ё as e, a Latin
    x, a Belarusian name in its official romanisation, and a patronymic given or not."""

    NAMES = ["Щукин Юрий Петрович", "Iurii Shchukin", "Yury Schukin",
             "Алексей Ёлкин", "Aleksei Yolkin", "Alexey Elkin",
             "Сяргей Пятроў", "Siarhei Piatrou",
             "Анна Смирнова"]

    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.verifier", "verifier", "synthetic-verifier-password")
        self.server.start()
        for n, name in enumerate(self.NAMES):
            body = minimal_application(name=name, contact={"channel": "signal", "handle": f"@synthetic_{n}"})
            self.assertEqual(self.server.submit(body)[0], 201)
        self.verifier = self.server.sign_in("r.verifier", "synthetic-verifier-password")

    def proposed(self, case_id, want):
        deadline = time.time() + 20
        while True:  # the office indexes new cases every 2 s
            status, body, _ = self.server.json("GET", f"/api/v1/cases/{case_id}", headers=self.verifier)
            self.assertEqual(status, 200, body)
            found = sorted(p["case_id"] for p in body["duplicates"])
            if len(found) >= len(want) or time.time() > deadline:
                return found

    def test_every_spelling_of_one_name_is_proposed_and_no_other(self):
        self.assertEqual(self.proposed(2, [1, 3]), [1, 3])
        self.assertEqual(self.proposed(1, [2, 3]), [2, 3])  # the patronymic is no obstacle
        self.assertEqual(self.proposed(6, [4, 5]), [4, 5])
        self.assertEqual(self.proposed(8, [7]), [7])
        time.sleep(1)
        self.assertEqual(self.proposed(9, []), [])


if __name__ == "__main__":
    unittest.main()
