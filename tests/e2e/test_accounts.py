"""Account administration end to end (issue 20): an administrator lists accounts with their
last sign-in, disables and re-enables one (its sessions end at once), unlocks one the sign-in
throttle holds, and resets a password; the person then signs in with the one-time password,
is confined to choosing a new one and enrolling a second factor, and works again. Each step
is audited; other roles get 403; the console's forms do the same."""
import re
import time
import unittest
from urllib.parse import urlencode

from harness import ADMIN_PASSWORD, ServerTest
from test_second_factor import totp

OPERATOR_PASSWORD = "synthetic-operator-pw"
NEW_PASSWORD = "a-new-synthetic-password"


class Accounts(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.add_user("op.two", "operator", OPERATOR_PASSWORD)
        self.server.add_user("aud.one", "auditor", "synthetic-auditor-pw")

    def sign_in(self, name, password, code="", source="127.0.0.1"):
        return self.server.json("POST", "/api/v1/session", {"name": name, "password": password, "code": code},
                                source=source)

    def auth(self, name, password, code=""):
        status, body, headers = self.sign_in(name, password, code)
        self.assertEqual(status, 200, body)
        return {"Cookie": headers["set-cookie"].split(";")[0], "X-CSRF-Token": body["csrf_token"]}

    def accounts(self, admin):
        status, body, _ = self.server.json("GET", "/api/v1/accounts", headers=admin)
        self.assertEqual(status, 200, body)
        return {a["name"]: a for a in body["accounts"]}

    def audited(self, action, user_id):
        auditor = self.auth("aud.one", "synthetic-auditor-pw")
        status, body, _ = self.server.json("GET", "/api/v1/audit?per_page=200", headers=auditor)
        self.assertEqual(status, 200, body)
        return [e for e in body["entries"] if e["action"] == action and e["target"] == f"user:{user_id}"]

    def test_the_list_disabling_and_other_roles(self):
        admin = self.auth("admin", ADMIN_PASSWORD)
        operator = self.auth("op.two", OPERATOR_PASSWORD)
        listed = self.accounts(admin)
        self.assertEqual(sorted(listed), ["admin", "aud.one", "op.main", "op.two"])
        op = listed["op.two"]
        self.assertEqual((op["role"], op["disabled"], op["second_factor"], op["password"]),
                         ("operator", False, False, "in_use"))
        self.assertRegex(op["last_sign_in"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertIsNone(listed["aud.one"]["last_sign_in"])
        self.assertNotIn("password_hash", op)

        # Other roles: 403 before anything else, whatever they send.
        for method, path in [("GET", "/api/v1/accounts"), ("POST", f"/api/v1/accounts/{op['id']}/disable"),
                             ("POST", f"/api/v1/accounts/{listed['admin']['id']}/password-reset")]:
            self.assertEqual(self.server.json(method, path, {}, headers=operator)[0], 403, path)

        path = f"/api/v1/accounts/{op['id']}"
        self.assertEqual(self.server.json("POST", path + "/disable", {}, headers=admin)[0], 204)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=operator)[0], 401)  # at once
        self.assertEqual(self.sign_in("op.two", OPERATOR_PASSWORD)[0], 401)
        self.assertTrue(self.accounts(admin)["op.two"]["disabled"])
        self.assertEqual(self.server.json("POST", path + "/enable", {}, headers=admin)[0], 204)
        self.assertEqual(self.sign_in("op.two", OPERATOR_PASSWORD)[0], 200)
        self.assertEqual(len(self.audited("account_disabled", op["id"])), 1)
        self.assertEqual(len(self.audited("account_enabled", op["id"])), 1)

        # Not one's own account; no such account; a bad id.
        own = f"/api/v1/accounts/{listed['admin']['id']}/disable"
        status, body, _ = self.server.json("POST", own, {}, headers=admin)
        self.assertEqual(status, 409, body)
        self.assertEqual(self.server.json("POST", "/api/v1/accounts/9999/disable", {}, headers=admin)[0], 404)
        self.assertEqual(self.server.json("POST", "/api/v1/accounts/x/disable", {}, headers=admin)[0], 404)
        # Without the CSRF token: refused.
        self.assertEqual(self.server.json("POST", path + "/disable", {},
                                          headers={"Cookie": admin["Cookie"]})[0], 403)

    def test_unlocking_an_account_the_throttle_holds(self):
        admin = self.auth("admin", ADMIN_PASSWORD)
        op_id = self.accounts(admin)["op.two"]["id"]
        # Failures from many addresses lock the account for untrusted clients.
        for i in range(12):
            self.sign_in("op.two", "wrong-password", source=f"127.0.0.{10 + i}")
        status, body, _ = self.sign_in("op.two", OPERATOR_PASSWORD, source="127.0.0.50")
        self.assertEqual(status, 429, body)
        self.assertGreater(self.accounts(admin)["op.two"]["locked_for_seconds"], 0)
        self.assertEqual(self.server.json("POST", f"/api/v1/accounts/{op_id}/unlock", {}, headers=admin)[0], 204)
        self.assertEqual(self.accounts(admin)["op.two"]["locked_for_seconds"], 0)
        self.assertEqual(self.sign_in("op.two", OPERATOR_PASSWORD, source="127.0.0.50")[0], 200)
        self.assertEqual(len(self.audited("account_unlocked", op_id)), 1)

    def test_a_reset_leads_through_a_new_password_and_second_factor(self):
        admin = self.auth("admin", ADMIN_PASSWORD)
        op_id = self.accounts(admin)["op.two"]["id"]
        before = self.auth("op.two", OPERATOR_PASSWORD)
        status, body, headers = self.server.json("POST", f"/api/v1/accounts/{op_id}/password-reset", {},
                                                 headers=admin)
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["cache-control"], "no-store")
        one_time = body["one_time_password"]
        self.assertRegex(one_time, r"^[a-z2-9]{5}(-[a-z2-9]{5}){3}$")
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=before)[0], 401)
        self.assertEqual(self.sign_in("op.two", OPERATOR_PASSWORD)[0], 401)
        self.assertEqual(self.accounts(admin)["op.two"]["password"], "must_choose")

        confined = self.auth("op.two", one_time)
        status, body, _ = self.server.json("GET", "/api/v1/cases", headers=confined)
        self.assertEqual(status, 403, body)
        self.assertEqual(self.server.json("POST", "/api/v1/me/second-factor", {}, headers=confined)[0], 409)
        status, body, _ = self.server.json("PUT", "/api/v1/me/password", {"new_password": "short"},
                                           headers=confined)
        self.assertEqual((status, body["error"]["field"]), (400, "new_password"))
        self.assertEqual(self.server.json("PUT", "/api/v1/me/password", {"new_password": NEW_PASSWORD},
                                          headers=confined)[0], 204)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=confined)[0], 403)  # not yet
        status, body, _ = self.server.json("POST", "/api/v1/me/second-factor", {}, headers=confined)
        self.assertEqual(status, 200, body)
        secret = body["secret"]
        self.assertEqual(self.server.json("POST", "/api/v1/me/second-factor/confirm",
                                          {"code": totp(secret, time.time())}, headers=confined)[0], 200)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=confined)[0], 200)
        self.assertEqual(self.accounts(admin)["op.two"]["password"], "in_use")
        self.assertEqual(self.sign_in("op.two", one_time)[0], 401)
        self.assertEqual(self.sign_in("op.two", NEW_PASSWORD, totp(secret, time.time() + 30))[0], 200)
        self.assertEqual(len(self.audited("password_reset", op_id)), 1)
        self.assertEqual(len(self.audited("password_changed", op_id)), 1)

    def test_own_password_change_needs_the_current_one(self):
        operator = self.auth("op.two", OPERATOR_PASSWORD)
        status, body, _ = self.server.json("PUT", "/api/v1/me/password",
                                           {"current_password": "not-it", "new_password": NEW_PASSWORD},
                                           headers=operator)
        self.assertEqual((status, body["error"]["field"]), (400, "current_password"))
        self.assertEqual(self.server.json("PUT", "/api/v1/me/password",
                                          {"current_password": OPERATOR_PASSWORD, "new_password": NEW_PASSWORD},
                                          headers=operator)[0], 204)
        self.assertEqual(self.sign_in("op.two", NEW_PASSWORD)[0], 200)

    def test_the_console_page_and_its_forms(self):
        cookie = {"Cookie": self.auth("admin", ADMIN_PASSWORD)["Cookie"]}
        status, _, page = self.server.request("GET", "/console/accounts", headers=cookie)
        self.assertEqual(status, 200)
        html = page.decode()
        self.assertIn("Учётные записи", html)
        self.assertIn("admin (вы)", html)
        csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
        op_id = re.search(r'data-account="op.two">.*?/console/accounts/(\d+)/disable', html).group(1)
        form = {**cookie, "Content-Type": "application/x-www-form-urlencoded"}

        status, headers, page = self.server.request("POST", f"/console/accounts/{op_id}/reset",
                                                    raw=urlencode({"csrf": csrf}).encode(), headers=form)
        self.assertEqual(status, 200)
        self.assertEqual(headers["cache-control"], "no-store")
        one_time = re.search(r'id="one-time-password">([^<]+)<', page.decode()).group(1)
        self.assertIn("Действует до", page.decode())

        # The person signs in with it on the console: only the security page, asking for a password.
        status, cookies, _ = self.server.set_cookies(
            "POST", "/console/login", raw=urlencode({"name": "op.two", "password": one_time}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 303)
        person = {"Cookie": cookies["lifeline_session"].split(";")[0]}
        status, headers, _ = self.server.request("GET", "/console/today", headers=person)
        self.assertEqual((status, headers["location"]), (303, "/console/security"))
        _, _, page = self.server.request("GET", "/console/security", headers=person)
        html = page.decode()
        self.assertIn('id="must-choose"', html)
        self.assertNotIn('name="current_password"', html)
        person_csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
        person_form = {**person, "Content-Type": "application/x-www-form-urlencoded"}
        status, _, page = self.server.request(
            "POST", "/console/security/password", headers=person_form,
            raw=urlencode({"csrf": person_csrf, "new_password": NEW_PASSWORD,
                           "repeat_password": NEW_PASSWORD + "x"}).encode())
        self.assertEqual(status, 400)
        self.assertIn("Новые пароли не совпадают", page.decode())
        status, _, page = self.server.request(
            "POST", "/console/security/password", headers=person_form,
            raw=urlencode({"csrf": person_csrf, "new_password": NEW_PASSWORD,
                           "repeat_password": NEW_PASSWORD}).encode())
        self.assertEqual(status, 200)
        self.assertIn('id="password-changed"', page.decode())
        self.assertIn("Настроить второй фактор", page.decode())

        # Disabling from the console, and the refusal of one's own account in Russian.
        status, _, page = self.server.request("POST", f"/console/accounts/{op_id}/disable",
                                              raw=urlencode({"csrf": csrf}).encode(), headers=form)
        self.assertEqual(status, 200)
        self.assertIn("отключена, её сеансы завершены", page.decode())
        admin_id = self.accounts(self.auth("admin", ADMIN_PASSWORD))["admin"]["id"]
        status, _, page = self.server.request("POST", f"/console/accounts/{admin_id}/disable",
                                              raw=urlencode({"csrf": csrf}).encode(), headers=form)
        self.assertEqual(status, 409)
        self.assertIn("Свою учётную запись нельзя", page.decode())


if __name__ == "__main__":
    unittest.main()
