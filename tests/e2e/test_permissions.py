"""Every role against every office endpoint: exactly the allowed ones answer, the others
refuse. The expected table is written out here, independently of src/app/actor.cpp."""
import json
import unittest

from harness import ServerTest, minimal_application

ROLES = ["operator", "verifier", "coordinator", "camp_admin", "caseworker", "analyst", "auditor", "admin"]
CASE_READERS = {"operator", "verifier", "coordinator"}
ANY_CASE = {"verifier", "coordinator"}  # operators must claim a case before opening it
GROUP_MANAGERS = {"operator", "coordinator"}

# (method, path, JSON body or None, roles allowed, status when allowed); {own} (in the path or
# the body) is a number kept for this role alone, so that claims and names do not collide.
API = [
    ("GET", "/api/v1/cases", None, CASE_READERS, 200),
    ("GET", "/api/v1/cases/1", None, ANY_CASE, 200),
    ("POST", "/api/v1/cases/1/replies", {"text": "синтетический ответ"}, ANY_CASE, 201),
    ("POST", "/api/v1/cases/{own}/claim", {}, {"operator", "coordinator"}, 204),
    ("GET", "/api/v1/cases/{own}", None, CASE_READERS, 200),
    ("POST", "/api/v1/cases/{own}/status", {"to": "contacted", "version": 0}, CASE_READERS, 200),
    ("POST", "/api/v1/cases/{own}/tasks", {"kind": "check"}, CASE_READERS, 201),
    ("GET", "/api/v1/queue", None, CASE_READERS, 200),
    # Group (unit) cases: whoever works the contact's case, but not verifiers.
    ("POST", "/api/v1/cases/{own}/members", {"name": "Синтетический Участник"}, GROUP_MANAGERS, 201),
    ("GET", "/api/v1/cases/{own}/group", None, GROUP_MANAGERS, 200),
    ("PUT", "/api/v1/cases/{own}/plan", {"plan": "синтетический план", "version": 99}, GROUP_MANAGERS, 409),
    ("POST", "/api/v1/cases/999/split", {"members": [1], "leader": 1}, GROUP_MANAGERS, 404),
    ("POST", "/api/v1/cases/999/merge-group", {"into": 1}, GROUP_MANAGERS, 404),
    ("GET", "/api/v1/cases?review=1", None, {"verifier", "coordinator"}, 200),
    ("POST", "/api/v1/screening/markers", {"phrase": "synthetic phrase", "note": "n"}, {"verifier"}, 201),
    ("GET", "/api/v1/screening/markers", None, {"verifier"}, 200),
    # Allowed roles reach the lookup of the missing case; the others are refused first.
    ("POST", "/api/v1/cases/999/merge", {"into": 1, "version": 0}, CASE_READERS, 404),
    ("POST", "/api/v1/search", {"q": "synthetic"}, CASE_READERS, 200),
    ("GET", "/api/v1/statistics", None, {"analyst", "coordinator"}, 200),
    ("POST", "/api/v1/tasks/999/done", {}, CASE_READERS, 404),
    ("GET", "/api/v1/audit", None, {"auditor"}, 200),
    # The contact centre: coordinators run it, operators watch the queue.
    ("POST", "/api/v1/contact-centre/operators", {"id": "ext-{own}", "languages": ["ru"]}, {"coordinator"}, 201),
    ("PUT", "/api/v1/contact-centre/lines", {"lines": 10}, {"coordinator"}, 204),
    ("POST", "/api/v1/contact-centre/events", {"event": "offered", "call": "call-{own}"}, {"coordinator"}, 200),
    ("GET", "/api/v1/contact-centre/wallboard", None, {"operator", "coordinator"}, 200),
    ("GET", "/api/v1/contact-centre/log", None, {"coordinator"}, 200),
    ("GET", "/api/v1/contact-centre/callbacks", None, {"coordinator"}, 200),
    # Camps: their administrators keep them; a coordinator hands a crossed case over.
    ("POST", "/api/v1/camps", {"name": "Лагерь {own}", "uah_per_chf": "38.00", "phone_hours": ["10:00-12:00"]},
     {"camp_admin"}, 201),
    ("GET", "/api/v1/camps", None, {"camp_admin"}, 200),
    ("GET", "/api/v1/prisoners/999", None, {"camp_admin"}, 404),
    ("POST", "/api/v1/camps/999/postings", {"key": "k", "kind": "working_pay", "prisoner": 1, "days": 1},
     {"camp_admin"}, 404),
    ("POST", "/api/v1/cases/999/prisoner", {"camp": 1}, {"coordinator"}, 404),
    # Help abroad: caseworkers; which partners (and keys) referrals may go to is the admin's.
    ("GET", "/api/v1/abroad/board", None, {"caseworker"}, 200),
    ("GET", "/api/v1/abroad/people/999", None, {"caseworker"}, 404),
    ("POST", "/api/v1/abroad/people/999/proceedings", {"kind": "asylum", "filed_on": "2026-01-01"}, {"caseworker"}, 404),
    ("GET", "/api/v1/abroad/countries", None, {"caseworker"}, 200),
    ("PUT", "/api/v1/abroad/lead-times", {"appeal_deadline": 10}, {"caseworker"}, 200),
    ("GET", "/api/v1/abroad/partners", None, {"caseworker", "admin"}, 200),
    ("POST", "/api/v1/abroad/partners", {"name": "Synthetic Partner {own}", "kind": "ngo"}, {"admin"}, 201),
    ("GET", "/api/v1/abroad/referral-signing-key", None, {"caseworker", "admin"}, 200),
    ("GET", "/api/v1/abroad/referrals/999/package", None, {"caseworker"}, 404),
    # The sealed custody circumstance: recorded first, so that the read finds it.
    ("PUT", "/api/v1/cases/1/custody", {"circumstance": "captured"}, {"coordinator"}, 204),
    ("GET", "/api/v1/cases/1/custody", None, {"coordinator"}, 200),
    ("PUT", "/api/v1/settings/second-factor-required", {"required": False}, {"admin"}, 204),
    ("POST", "/api/v1/me/second-factor", {}, set(ROLES), 200),
    # Allowed roles reach the lookup and find no such case; the others are refused first.
    ("DELETE", "/api/v1/cases/999", None, {"coordinator", "admin"}, 404),
]

# (path, roles allowed, status when allowed); refused roles get 403 (or a redirect, below)
CONSOLE = [
    ("/console/cases/1", ANY_CASE, 200),
    ("/console/audit", {"auditor"}, 200),
    ("/console/today", CASE_READERS, 200),
    ("/console/statistics", {"analyst", "coordinator"}, 200),
    ("/console/cases/1/custody", {"coordinator"}, 200),
    ("/console/cases/1/group", {"coordinator"}, 200),  # operators hold no claim on case 1
    ("/console/security", set(ROLES), 200),
    ("/console/wallboard", {"operator", "coordinator"}, 200),
    ("/console/callbacks", {"coordinator"}, 200),
    ("/console/camps", {"camp_admin"}, 200),
    ("/console/abroad", {"caseworker"}, 200),
    ("/console/abroad/countries", {"caseworker"}, 200),
    ("/console/partners", {"caseworker", "admin"}, 200),
]


class Permissions(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        for role in ROLES:
            if role != "admin":
                self.server.add_user(f"r.{role}", role, f"synthetic-{role}-password")
        self.server.start()
        for _ in range(1 + len(ROLES)):  # case 1 shared, then one per role
            self.assertEqual(self.server.submit(minimal_application())[0], 201)
        # Members are added as cases after these, so the per-role cases keep their numbers.

    def sign_in(self, role):
        if role == "admin":
            from harness import ADMIN_PASSWORD
            return self.server.sign_in("admin", ADMIN_PASSWORD)
        return self.server.sign_in(f"r.{role}", f"synthetic-{role}-password")

    def test_every_role_against_every_endpoint(self):
        for index, role in enumerate(ROLES):
            auth = self.sign_in(role)
            for method, path, body, allowed, ok_status in API:
                path = path.replace("{own}", str(index + 2))
                if body is not None:
                    body = json.loads(json.dumps(body).replace("{own}", str(index + 2)))
                status, answer, _ = self.server.json(method, path, body, headers=auth)
                expected = ok_status if role in allowed else 403
                self.assertEqual(status, expected, f"{role} {method} {path}: {answer}")
            cookie = {"Cookie": auth["Cookie"]}
            for path, allowed, ok_status in CONSOLE:
                status, _, _ = self.server.request("GET", path, headers=cookie)
                self.assertEqual(status, ok_status if role in allowed else 403, f"{role} GET {path}")
            status, headers, _ = self.server.request("GET", "/console/", headers=cookie)
            if role in CASE_READERS:
                self.assertEqual(status, 200, role)
            elif role == "auditor":
                self.assertEqual((status, headers.get("location")), (303, "/console/audit"))
            elif role == "analyst":
                self.assertEqual((status, headers.get("location")), (303, "/console/statistics"))
            elif role == "camp_admin":
                self.assertEqual((status, headers.get("location")), (303, "/console/camps"))
            elif role == "caseworker":
                self.assertEqual((status, headers.get("location")), (303, "/console/abroad"))
            else:
                self.assertEqual(status, 403, role)

    def test_no_session_gets_401_everywhere(self):
        for method, path, body, _, _ in API:
            path = path.replace("{own}", "2")
            self.assertEqual(self.server.json(method, path, body)[0], 401, f"{method} {path}")

    def test_operators_see_unassigned_and_own_cases_and_cannot_take_anothers(self):
        self.server.stop()
        self.server.add_user("r.operator2", "operator", "synthetic-operator2-password")
        self.server.start()
        first = self.sign_in("operator")
        second = self.server.sign_in("r.operator2", "synthetic-operator2-password")
        self.assertEqual(self.server.json("POST", "/api/v1/cases/3/claim", {}, headers=first)[0], 204)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/3/claim", {}, headers=first)[0], 204)  # again: fine
        self.assertEqual(self.server.json("POST", "/api/v1/cases/3/claim", {}, headers=second)[0], 409)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/3", headers=second)[0], 403)
        _, listing, _ = self.server.json("GET", "/api/v1/cases?per_page=200", headers=second)
        self.assertNotIn(3, [c["id"] for c in listing["items"]])
        self.assertEqual(listing["total"], 1 + len(ROLES) - 1)
        _, listing, _ = self.server.json("GET", "/api/v1/cases?per_page=200", headers=first)
        self.assertIn(3, [c["id"] for c in listing["items"]])

    def test_a_cookie_moved_to_another_roles_request_gains_nothing(self):
        auditor = self.sign_in("auditor")
        operator = self.sign_in("operator")
        mixed = {"Cookie": auditor["Cookie"], "X-CSRF-Token": operator["X-CSRF-Token"]}
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=mixed)[0], 403)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/replies", {"text": "x"}, headers=mixed)[0], 403)


if __name__ == "__main__":
    unittest.main()
