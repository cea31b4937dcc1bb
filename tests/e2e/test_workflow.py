"""The case workflow over HTTP: the main line with the right role at each step, out-of-order
and wrong-role moves refused with a clear message, reasons required and sealed, concurrent
edits detected, the applicant never told a screening outcome, the console's status form."""
import os
import re
import unittest

from harness import ServerTest, minimal_application

REASON_MARKER = "ПричинаМаркер-7f3a"


class Workflow(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.operator", "operator", "synthetic-operator-password")
        self.server.add_user("r.verifier", "verifier", "synthetic-verifier-password")
        self.server.start()
        self.receipts = []
        for _ in range(3):
            status, body, _ = self.server.submit(minimal_application(name="Ходов Синтетический"))
            self.assertEqual(status, 201)
            self.receipts.append(body["receipt"])
        self.coordinator = self.server.sign_in()
        self.operator = self.server.sign_in("r.operator", "synthetic-operator-password")
        self.verifier = self.server.sign_in("r.verifier", "synthetic-verifier-password")

    def case(self, case_id, auth=None):
        status, body, _ = self.server.json("GET", f"/api/v1/cases/{case_id}", headers=auth or self.coordinator)
        self.assertEqual(status, 200, body)
        return body

    def move(self, case_id, to, auth=None, reason=None, version=None, **extra):
        auth = auth or self.coordinator
        body = {"to": to, "version": self.case(case_id, auth)["version"] if version is None else version}
        if reason is not None:
            body["reason"] = reason
        body.update(extra)
        return self.server.json("POST", f"/api/v1/cases/{case_id}/status", body, headers=auth)

    def applicant_stage(self, receipt_index):
        return self.server.check(self.receipts[receipt_index])[1]["status"]

    def test_the_main_line_with_the_right_role_at_each_step(self):
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/claim", {}, headers=self.operator)[0], 204)
        self.assertEqual(self.applicant_stage(0), "received")
        self.assertEqual(self.move(1, "contacted", self.operator)[0], 200)
        self.assertEqual(self.move(1, "verifying", self.operator)[0], 200)
        status, body, _ = self.move(1, "verified", self.operator)
        self.assertEqual(status, 403)
        self.assertIn("your role cannot move", body["error"]["message"])
        self.assertEqual(self.move(1, "verified", self.verifier)[0], 200)
        self.assertEqual(self.move(1, "instructed")[0], 200)
        self.assertEqual(self.move(1, "crossing_planned")[0], 200)
        status, body, _ = self.move(1, "crossed")
        self.assertEqual((status, body["error"]["field"]), (400, "circumstance"))
        self.assertEqual(self.move(1, "crossed", circumstance="voluntary_surrender")[0], 200)
        case = self.case(1)
        self.assertEqual((case["status"], case["custody"]), ("crossed", "captured"))
        for to in ["in_custody", "exchanged", "closed"]:
            self.assertEqual(self.move(1, to)[0], 200, to)
        self.assertEqual(self.applicant_stage(0), "closed")

        case = self.case(1)
        self.assertEqual(case["version"], 9)
        self.assertEqual(case["next"], [])
        steps = [(e["actor"], e["from"], e["to"]) for e in case["timeline"]]
        self.assertEqual(steps[:4], [("r.operator", "new", "contacted"), ("r.operator", "contacted", "verifying"),
                                     ("r.verifier", "verifying", "verified"), ("op.main", "verified", "instructed")])
        self.assertEqual(steps[-1], ("op.main", "exchanged", "closed"))
        self.assertTrue(all(isinstance(e["at"], int) for e in case["timeline"]))

    def test_out_of_order_moves_are_refused_and_change_nothing(self):
        status, body, _ = self.move(1, "verified")
        self.assertEqual(status, 409)
        self.assertIn('cannot move to "verified"', body["error"]["message"])
        self.assertIn("contacted", body["error"]["message"])
        status, body, _ = self.move(1, "closed")
        self.assertEqual(status, 409)
        case = self.case(1)
        self.assertEqual((case["status"], case["version"], case["timeline"]), ("new", 0, []))

    def test_judgements_need_a_reason_which_is_sealed_and_never_shown_to_the_applicant(self):
        self.assertEqual(self.move(2, "contacted")[0], 200)
        status, body, _ = self.move(2, "suspected_provocation")
        self.assertEqual((status, body["error"]["field"]), (400, "reason"))
        self.assertEqual(self.move(2, "suspected_provocation", reason=REASON_MARKER)[0], 200)
        self.assertEqual(self.applicant_stage(1), "in_progress")
        self.assertNotIn(b"provocation", self.server.request("POST", "/status", raw=f"receipt={self.receipts[1]}".encode(),
                                                             headers={"Content-Type": "application/x-www-form-urlencoded"})[2])
        # Only a verifier clears or confirms a suspicion.
        self.assertEqual(self.move(2, "verifying", reason="проверено")[0], 403)
        self.assertEqual(self.move(2, "rejected", self.verifier, reason="подтверждено")[0], 200)
        self.assertEqual(self.applicant_stage(1), "in_progress")
        timeline = self.case(2)["timeline"]
        self.assertEqual(timeline[1]["reason"], REASON_MARKER)
        self.server.stop()
        for name in self.server.data_files():
            with open(name, "rb") as f:
                self.assertNotIn(REASON_MARKER.encode(), f.read(), name)

    def test_a_pause_resumes_where_it_began(self):
        for to, auth in [("contacted", None), ("verifying", None), ("verified", self.verifier)]:
            self.assertEqual(self.move(3, to, auth)[0], 200, to)
        self.assertEqual(self.move(3, "waiting_for_applicant")[0], 200)
        self.assertEqual(self.move(3, "contact_lost", reason="молчит две недели")[0], 200)
        self.assertEqual([n["to"] for n in self.case(3)["next"]], ["closed", "verified"])
        status, body, _ = self.move(3, "contacted")
        self.assertEqual(status, 409)
        self.assertIn("it can move to: closed, verified", body["error"]["message"])
        self.assertEqual(self.move(3, "verified")[0], 200)
        self.assertEqual(self.case(3)["status"], "verified")

    def test_a_concurrent_edit_is_detected_and_not_lost(self):
        seen = self.case(3)["version"]
        self.assertEqual(self.move(3, "contacted", version=seen)[0], 200)
        status, body, _ = self.move(3, "withdrawn", self.verifier, reason="по просьбе", version=seen)
        self.assertEqual(status, 409)
        self.assertIn("changed since you opened it", body["error"]["message"])
        case = self.case(3)
        self.assertEqual((case["status"], len(case["timeline"])), ("contacted", 1))

    def test_bad_input_is_refused_with_the_field_named(self):
        cases = [
            ({"to": "flying", "version": 0}, "to"),
            ({"version": 0}, "to"),
            ({"to": "contacted"}, "version"),
            ({"to": "contacted", "version": "0"}, "version"),
            ({"to": "withdrawn", "version": 0, "reason": 5}, "reason"),
            ({"to": "contacted", "version": -1}, "version"),
            ({"to": "withdrawn", "version": 0, "reason": "x" * 1001}, "reason"),
            ({"to": "withdrawn", "version": 0, "reason": "a\u0007b"}, "reason"),
            ({"to": "contacted", "version": 0, "circumstance": "escaped"}, "circumstance"),
        ]
        for body, field in cases:
            status, answer, _ = self.server.json("POST", "/api/v1/cases/1/status", body, headers=self.coordinator)
            self.assertEqual((status, answer["error"].get("field")), (400, field), body)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/99/status", {"to": "contacted", "version": 0},
                                          headers=self.coordinator)[0], 404)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/status", {"to": "contacted", "version": 0},
                                          headers={"Cookie": self.coordinator["Cookie"]})[0], 403)
        self.assertEqual(self.case(1)["status"], "new")

    def test_the_console_form_moves_the_case_and_reports_a_stale_page(self):
        cookie = {"Cookie": self.coordinator["Cookie"]}
        _, _, page = self.server.request("GET", "/console/cases/1", headers=cookie)
        page = page.decode()
        self.assertIn('name="version" value="0"', page)
        self.assertIn('<option value="contacted">', page)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        form = {"Content-Type": "application/x-www-form-urlencoded", **cookie}
        status, headers, _ = self.server.request("POST", "/console/cases/1/status", headers=form,
                                                 raw=f"csrf={csrf}&version=0&to=contacted&reason=".encode())
        self.assertEqual((status, headers.get("location")), (303, "/console/cases/1"))
        status, _, again = self.server.request("POST", "/console/cases/1/status", headers=form,
                                               raw=f"csrf={csrf}&version=0&to=verifying&reason=".encode())
        self.assertEqual(status, 409)
        self.assertIn("запись уже изменена", again.decode())  # said in Russian first
        # then the rule's detail, in Russian too, with the status in words
        self.assertIn("Заявка изменилась, пока была открыта (теперь «на связи»)", again.decode())
        self.assertNotIn("changed since you opened it", again.decode())
        status, _, _ = self.server.request("POST", "/console/cases/1/status", headers=form,
                                           raw=b"csrf=forged&version=1&to=verifying")
        self.assertEqual(status, 303)
        self.assertEqual(self.case(1)["status"], "contacted")


if __name__ == "__main__":
    unittest.main()
