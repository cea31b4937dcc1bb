"""Every role against every office endpoint: exactly the allowed ones answer, the others
refuse. The expected table is written out here, independently of src/app/accounts/actor.cpp."""
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
    # Merging is the move to duplicate, which judges make (docs/workflow.md); they reach the
    # lookup of the missing case, the others are refused first.
    ("POST", "/api/v1/cases/999/merge", {"into": 1, "version": 0}, {"verifier", "coordinator"}, 404),
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
    # Reading it needs a second person's approval of one's own request (the two-person rule,
    # test_two_person.py): without one even the coordinator is refused.
    ("GET", "/api/v1/cases/1/custody", None, {"coordinator"}, 403),
    ("POST", "/api/v1/cases/1/custody/approval", {}, {"coordinator"}, 201),
    ("GET", "/api/v1/approvals", None, {"coordinator", "caseworker", "auditor"}, 200),
    ("POST", "/api/v1/approvals/999/grant", {}, {"coordinator", "caseworker", "auditor"}, 404),
    # Alerts: the auditors' access alerts, the coordinators' canaries and duress signals.
    ("GET", "/api/v1/alerts", None, {"coordinator", "auditor"}, 200),
    ("PUT", "/api/v1/canaries/999", {}, {"coordinator"}, 404),
    ("GET", "/api/v1/custodians", None, {"auditor", "admin"}, 200),
    ("PUT", "/api/v1/settings/second-factor-required", {"required": False}, {"admin"}, 204),
    ("POST", "/api/v1/me/second-factor", {}, set(ROLES), 200),
    # Accounts: administrators; 9999 is no account, so allowed roles reach the lookup.
    ("GET", "/api/v1/accounts", None, {"admin"}, 200),
    ("POST", "/api/v1/accounts/9999/disable", {}, {"admin"}, 404),
    ("POST", "/api/v1/accounts/9999/password-reset", {}, {"admin"}, 404),
    # Allowed roles reach the lookup and find no such case; the others are refused first.
    ("DELETE", "/api/v1/cases/999", None, {"coordinator", "admin"}, 404),
]

# Every office API call a session makes, with the roles that may make it (written out here,
# independently of the server). A role without the permission is refused with 403 before
# anything it sent is read: a body of the wrong shape, a bad query or a missing record gets
# the same 403 as a good one, never a 400 describing the body or a 404 telling what exists.
CAMP = {"camp_admin"}
ABROAD = {"caseworker"}
MANAGE_CC = {"coordinator"}
GUARDED = [
    ("GET", "/api/v1/cases", CASE_READERS), ("GET", "/api/v1/cases/1", CASE_READERS),
    ("GET", "/api/v1/cases.csv", {"coordinator"}),
    ("POST", "/api/v1/cases/1/replies", CASE_READERS), ("DELETE", "/api/v1/cases/1", {"coordinator", "admin"}),
    ("POST", "/api/v1/cases/1/claim", {"operator", "coordinator"}), ("GET", "/api/v1/audit", {"auditor"}),
    ("PUT", "/api/v1/settings/second-factor-required", {"admin"}),
    ("GET", "/api/v1/accounts", {"admin"}), ("POST", "/api/v1/accounts/1/disable", {"admin"}),
    ("POST", "/api/v1/accounts/1/enable", {"admin"}), ("POST", "/api/v1/accounts/1/unlock", {"admin"}),
    ("POST", "/api/v1/accounts/1/password-reset", {"admin"}),
    ("GET", "/api/v1/cases/1/custody", {"coordinator"}), ("PUT", "/api/v1/cases/1/custody", {"coordinator"}),
    ("POST", "/api/v1/cases/1/custody/approval", {"coordinator"}),
    ("GET", "/api/v1/approvals", {"coordinator", "caseworker", "auditor"}),
    ("POST", "/api/v1/approvals/1/grant", {"coordinator", "caseworker", "auditor"}),
    ("GET", "/api/v1/alerts", {"coordinator", "auditor"}), ("PUT", "/api/v1/canaries/1", {"coordinator"}),
    ("DELETE", "/api/v1/canaries/1", {"coordinator"}), ("GET", "/api/v1/custodians", {"auditor", "admin"}),
    ("POST", "/api/v1/cases/1/status", CASE_READERS), ("POST", "/api/v1/cases/1/merge", {"verifier", "coordinator"}),
    ("POST", "/api/v1/cases/1/tasks", CASE_READERS), ("POST", "/api/v1/tasks/1/done", CASE_READERS),
    ("GET", "/api/v1/queue", CASE_READERS),
    ("POST", "/api/v1/cases/1/members", GROUP_MANAGERS), ("GET", "/api/v1/cases/1/group", GROUP_MANAGERS),
    ("PUT", "/api/v1/cases/1/plan", GROUP_MANAGERS), ("POST", "/api/v1/cases/1/split", GROUP_MANAGERS),
    ("POST", "/api/v1/cases/1/merge-group", GROUP_MANAGERS),
    ("POST", "/api/v1/screening/markers", {"verifier"}), ("GET", "/api/v1/screening/markers", {"verifier"}),
    ("POST", "/api/v1/search", CASE_READERS), ("GET", "/api/v1/statistics", {"analyst", "coordinator"}),
    ("GET", "/api/v1/cases/1/channel", CASE_READERS), ("GET", "/api/v1/cases/1/channel-replies", CASE_READERS),
    ("POST", "/api/v1/cases/1/channel-replies", CASE_READERS),
    ("POST", "/api/v1/cases/1/block-sender", {"verifier", "coordinator"}),
    ("POST", "/api/v1/sms-parts", CASE_READERS),
    ("POST", "/api/v1/contact-centre/operators", MANAGE_CC), ("PUT", "/api/v1/contact-centre/lines", MANAGE_CC),
    ("GET", "/api/v1/contact-centre/wallboard", {"operator", "coordinator"}),
    ("GET", "/api/v1/contact-centre/log", MANAGE_CC), ("GET", "/api/v1/contact-centre/callbacks", MANAGE_CC),
    ("GET", "/api/v1/contact-centre/staffing", MANAGE_CC),
    ("PUT", "/api/v1/contact-centre/operators/ext-1/account", MANAGE_CC),
    ("POST", "/api/v1/camps", CAMP), ("GET", "/api/v1/camps", CAMP), ("GET", "/api/v1/camps/1", CAMP),
    ("PUT", "/api/v1/camps/1", CAMP), ("POST", "/api/v1/camps/1/prisoners", CAMP),
    ("GET", "/api/v1/camps/1/prisoners", CAMP), ("GET", "/api/v1/camps/1/bureau", CAMP),
    ("POST", "/api/v1/camps/1/bureau/notified", CAMP), ("POST", "/api/v1/camps/1/postings", CAMP),
    ("POST", "/api/v1/cases/1/prisoner", {"coordinator"}), ("GET", "/api/v1/prisoners/1", CAMP),
    ("POST", "/api/v1/prisoners/1/capture-card/sent", CAMP), ("POST", "/api/v1/prisoners/1/movements", CAMP),
    ("GET", "/api/v1/prisoners/1/statement", CAMP), ("PUT", "/api/v1/prisoners/1/labour", CAMP),
    ("POST", "/api/v1/prisoners/1/shifts", CAMP), ("GET", "/api/v1/prisoners/1/shifts", CAMP),
    ("POST", "/api/v1/prisoners/1/phone-list", CAMP), ("POST", "/api/v1/prisoners/1/mail", CAMP),
    ("GET", "/api/v1/camps/1/phone", CAMP), ("POST", "/api/v1/camps/1/phone/calls", CAMP),
    ("GET", "/api/v1/camps/1/mail", CAMP),
    ("GET", "/api/v1/abroad/board", ABROAD), ("POST", "/api/v1/abroad/people", ABROAD),
    ("GET", "/api/v1/abroad/people/1", ABROAD), ("PUT", "/api/v1/abroad/people/1", ABROAD),
    ("POST", "/api/v1/abroad/people/1/proceedings", ABROAD), ("GET", "/api/v1/abroad/people/1/proceedings", ABROAD),
    ("POST", "/api/v1/abroad/proceedings/1/events", ABROAD), ("POST", "/api/v1/abroad/proceedings/1/close", ABROAD),
    ("POST", "/api/v1/abroad/people/1/pathways", ABROAD), ("GET", "/api/v1/abroad/people/1/pathways", ABROAD),
    ("POST", "/api/v1/abroad/pathways/1/steps", ABROAD), ("GET", "/api/v1/abroad/countries", ABROAD),
    ("PUT", "/api/v1/abroad/countries/XX", ABROAD), ("GET", "/api/v1/abroad/lead-times", ABROAD),
    ("PUT", "/api/v1/abroad/lead-times", ABROAD), ("GET", "/api/v1/abroad/partners", {"caseworker", "admin"}),
    ("GET", "/api/v1/abroad/referral-signing-key", {"caseworker", "admin"}),
    ("POST", "/api/v1/abroad/partners", {"admin"}), ("POST", "/api/v1/abroad/people/1/referrals", ABROAD),
    ("GET", "/api/v1/abroad/people/1/referrals", ABROAD), ("GET", "/api/v1/abroad/referrals/1/package", ABROAD),
    ("POST", "/api/v1/abroad/people/1/referrals/approval", ABROAD),
]
# Bodies and queries that no call takes: each must still get 403 from a role without the permission.
BAD_BODIES = [b'{"Synthetic-Field": [1, 2]}', b"[]", b"not json", b""]
BAD_QUERY = "?days=-1&limit=x&status=nonsense&review=maybe"

# (path, roles allowed, status when allowed); refused roles get 403 (or a redirect, below)
CONSOLE = [
    ("/console/cases/1", ANY_CASE, 200),
    ("/console/audit", {"auditor"}, 200),
    ("/console/today", CASE_READERS, 200),
    ("/console/statistics", {"analyst", "coordinator"}, 200),
    ("/console/statistics/report", {"analyst", "coordinator"}, 200),
    ("/console/cases/1/custody", {"coordinator"}, 200),
    ("/console/cases/1/group", {"coordinator"}, 200),  # operators hold no claim on case 1
    ("/console/security", set(ROLES), 200),
    ("/console/wallboard", {"operator", "coordinator"}, 200),
    ("/console/callbacks", {"coordinator"}, 200),
    ("/console/camps", {"camp_admin"}, 200),
    ("/console/abroad", {"caseworker"}, 200),
    ("/console/abroad/countries", {"caseworker"}, 200),
    ("/console/partners", {"caseworker", "admin"}, 200),
    ("/console/accounts", {"admin"}, 200),
    ("/console/cases.csv", {"coordinator"}, 200),
    ("/console/approvals", {"coordinator", "caseworker", "auditor"}, 200),
    ("/console/alerts", {"coordinator", "auditor"}, 200),
    ("/console/custodians", {"auditor", "admin"}, 200),
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
            status, headers, page = self.server.request("GET", "/console/", headers=cookie)
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
            elif role == "admin":  # a landing page with the administrator's menu, no cases
                self.assertEqual(status, 200, role)
                self.assertIn(b'id="admin-menu"', page)
                self.assertNotIn(b"/console/cases/", page)
            else:
                self.fail(f"no landing expected for {role}")

    def test_a_role_without_the_permission_gets_403_whatever_it_sends(self):
        for role in ROLES:
            auth = self.sign_in(role)
            for method, path, allowed in GUARDED:
                if role in allowed:
                    continue
                sent = [(path + BAD_QUERY, None)] if method == "GET" else [(path, b) for b in BAD_BODIES]
                for target, raw in sent:
                    status, _, data = self.server.request(method, target, raw=raw, headers={
                        **auth, "Content-Type": "application/json"})
                    self.assertEqual(status, 403, f"{role} {method} {target} {raw!r}: {data[:200]!r}")
                    self.assertNotIn(b"Synthetic-Field", data)
        # A call without a session is refused before its body is read, too.
        for method, path, _ in GUARDED:
            status, _, _ = self.server.request(method, path, raw=BAD_BODIES[0],
                                               headers={"Content-Type": "application/json"})
            self.assertEqual(status, 401, f"{method} {path}")

    def test_only_the_canonical_id_names_a_case(self):
        auth = self.sign_in("coordinator")
        for spelling in ("00000001", "01", "+1", "1.0", "1e0", " 1"):
            status, _, _ = self.server.json("DELETE", "/api/v1/cases/" + spelling.replace(" ", "%20"), headers=auth)
            self.assertEqual(status, 404, spelling)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/1", headers=auth)[0], 200)  # still there
        self.assertEqual(self.server.json("GET", "/api/v1/cases/0001", headers=auth)[0], 404)

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
