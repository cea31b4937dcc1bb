"""Screening for provocations: the office screens new cases on its own; a contact handle
reused across cases (typed differently), verifiers' markers, and inconsistent facts give
explained signals; signals route cases to the verifiers' review queue and never reject
anyone; operators see neither signals nor the queue."""
import datetime
import time
import unittest

from harness import ServerTest, minimal_application

PHRASE = "synthetic-marker-phrase"


def app(handle, **extra):
    return minimal_application(contact={"channel": "telegram", "handle": handle}, **extra)


class Screening(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.verifier", "verifier", "synthetic-verifier-password")
        self.server.add_user("r.operator", "operator", "synthetic-operator-password")
        self.server.start()
        for body in [app("@synthetic_reused"), app("@Synthetic_Reused "),
                     app("@synthetic_alone", situation="at_front",
                         deploy_by=(datetime.date.today() + datetime.timedelta(days=30)).isoformat())]:
            status, answer, _ = self.server.submit(body)
            self.assertEqual(status, 201, answer)
        self.verifier = self.server.sign_in("r.verifier", "synthetic-verifier-password")
        self.operator = self.server.sign_in("r.operator", "synthetic-operator-password")

    def review_queue(self, expected, auth=None):
        deadline = time.time() + 20
        while True:
            status, page, _ = self.server.json("GET", "/api/v1/cases?review=1", headers=auth or self.verifier)
            self.assertEqual(status, 200, page)
            ids = sorted(item["id"] for item in page["items"])
            if ids == expected or time.time() > deadline:
                return ids
            time.sleep(0.3)

    def case(self, case_id, auth=None):
        status, body, _ = self.server.json("GET", f"/api/v1/cases/{case_id}", headers=auth or self.verifier)
        self.assertEqual(status, 200, body)
        return body

    def test_a_reused_handle_routes_both_cases_to_review_with_reasons(self):
        self.assertEqual(self.review_queue([1, 2]), [1, 2])
        screening = self.case(1)["screening"]
        self.assertTrue(screening["needs_review"])
        self.assertEqual(screening["signals"][0]["code"], "reused_contact")
        self.assertIn("№2", screening["signals"][0]["reason"])
        alone = self.case(3)["screening"]
        self.assertEqual([s["code"] for s in alone["signals"]], ["inconsistent"])
        self.assertFalse(alone["needs_review"])
        # Signals decide nothing: the case is still new until a verifier acts.
        self.assertEqual(self.case(1)["status"], "new")
        status, _, _ = self.server.json("POST", "/api/v1/cases/1/status",
                                        {"to": "rejected", "version": 0, "reason": "тот же контакт"},
                                        headers=self.verifier)
        self.assertEqual(status, 200)
        self.assertEqual(self.review_queue([2]), [2])

    def test_operators_see_neither_signals_nor_the_queue(self):
        self.review_queue([1, 2])
        self.assertEqual(self.server.json("GET", "/api/v1/cases?review=1", headers=self.operator)[0], 403)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/claim", {}, headers=self.operator)[0], 204)
        self.assertNotIn("screening", self.case(1, self.operator))
        page = self.server.request("GET", "/console/cases/1", headers={"Cookie": self.operator["Cookie"]})[2]
        self.assertNotIn("Проверка на провокацию".encode(), page)

    def test_markers_kept_by_verifiers_flag_matching_cases(self):
        self.review_queue([1, 2])
        status, body, _ = self.server.json("POST", "/api/v1/screening/markers",
                                           {"phrase": PHRASE.upper(), "note": "шаблон из проверки"},
                                           headers=self.verifier)
        self.assertEqual(status, 201, body)
        status, _, _ = self.server.json("POST", "/api/v1/screening/markers",
                                        {"handle": "@synthetic_alone", "note": "известный контакт"},
                                        headers=self.verifier)
        self.assertEqual(status, 201)
        status, answer, _ = self.server.submit(app("@synthetic_fourth", message=f"text with {PHRASE} inside"))
        self.assertEqual(status, 201, answer)
        self.assertEqual(self.review_queue([1, 2, 3, 4]), [1, 2, 3, 4])
        reasons = [s["reason"] for s in self.case(4)["screening"]["signals"]]
        self.assertIn("matches a verifier's marker: шаблон из проверки", reasons)
        self.assertIn("matches a verifier's marker: известный контакт",
                      [s["reason"] for s in self.case(3)["screening"]["signals"]])

        _, markers, _ = self.server.json("GET", "/api/v1/screening/markers", headers=self.verifier)
        self.assertEqual([(m["kind"], m["phrase"]) for m in markers["markers"]],
                         [("phrase", PHRASE), ("handle", None)])
        coordinator = self.server.sign_in()
        self.assertEqual(self.server.json("GET", "/api/v1/screening/markers", headers=coordinator)[0], 403)
        for body, field in [({"handle": "@x", "phrase": "y", "note": "z"}, "handle"), ({"note": "z"}, "handle"),
                            ({"phrase": "y"}, "note"), ({"phrase": "y" * 201, "note": "z"}, "phrase")]:
            status, answer, _ = self.server.json("POST", "/api/v1/screening/markers", body, headers=self.verifier)
            self.assertEqual((status, answer["error"].get("field")), (400, field), body)


if __name__ == "__main__":
    unittest.main()
