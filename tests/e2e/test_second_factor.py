"""Operators' second factor end to end: enrol over the API and the console, sign in with a
one-time code (computed here per RFC 6238), refuse a replayed code, recovery codes once,
the administrator's "required for all", and signing out everywhere."""
import base64
import hashlib
import hmac
import re
import struct
import time
import unittest
from urllib.parse import urlencode

from harness import ADMIN_PASSWORD, ServerTest

OPERATOR_PASSWORD = "synthetic-operator-pw"


def totp(secret_b32, at, step=30, digits=6):
    secret = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


class SecondFactor(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.add_user("op.two", "operator", OPERATOR_PASSWORD)

    def sign_in(self, name, password, code=""):
        return self.server.json("POST", "/api/v1/session", {"name": name, "password": password, "code": code})

    def auth_from(self, response):
        status, body, headers = response
        self.assertEqual(status, 200, body)
        return {"Cookie": headers["set-cookie"].split(";")[0], "X-CSRF-Token": body["csrf_token"]}

    def enrol(self, auth):
        status, body, _ = self.server.json("POST", "/api/v1/me/second-factor", {}, headers=auth)
        self.assertEqual(status, 200, body)
        self.assertTrue(body["otpauth_uri"].startswith("otpauth://totp/lifeline:"))
        secret = body["secret"]
        status, body, _ = self.server.json("POST", "/api/v1/me/second-factor/confirm",
                                           {"code": totp(secret, time.time())}, headers=auth)
        self.assertEqual(status, 200, body)
        return secret, body["recovery_codes"]

    def test_codes_are_needed_single_use_and_recovery_codes_work_once(self):
        admin = self.auth_from(self.sign_in("admin", ADMIN_PASSWORD))
        secret, recovery = self.enrol(admin)
        self.assertEqual(len(recovery), 10)

        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD)[0], 401)
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, "000000")[0], 401)
        next_code = totp(secret, time.time() + 30)  # the enrolment used this step already
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, next_code)[0], 200)
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, next_code)[0], 401)  # replayed
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, recovery[0])[0], 200)
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, recovery[0])[0], 401)

        status, page, _ = self.server.json("GET", "/api/v1/audit", headers=admin)
        self.assertEqual(status, 403)  # admins do not read the audit log

    def test_required_for_all_confines_unenrolled_accounts_to_enrolment(self):
        admin = self.auth_from(self.sign_in("admin", ADMIN_PASSWORD))
        operator = self.auth_from(self.sign_in("op.two", OPERATOR_PASSWORD))
        self.assertEqual(self.server.json("PUT", "/api/v1/settings/second-factor-required",
                                          {"required": True}, headers=operator)[0], 403)
        self.assertEqual(self.server.json("PUT", "/api/v1/settings/second-factor-required",
                                          {"required": True}, headers=admin)[0], 204)

        status, body, _ = self.server.json("GET", "/api/v1/cases", headers=operator)
        self.assertEqual(status, 403)
        self.assertIn("second factor", body["error"]["message"])
        # The administrator, not enrolled either, cannot lift the requirement that confines them.
        self.assertEqual(self.server.json("PUT", "/api/v1/settings/second-factor-required",
                                          {"required": False}, headers=admin)[0], 403)
        admin_cookie = {"Cookie": admin["Cookie"]}
        _, _, page = self.server.request("GET", "/console/security", headers=admin_cookie)
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        status, headers, _ = self.server.request(
            "POST", "/console/security/require", raw=urlencode({"csrf": csrf, "required": "no"}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **admin_cookie})
        self.assertEqual((status, headers["location"]), (303, "/console/security"))
        status, body, _ = self.server.json("GET", "/api/v1/cases", headers=operator)
        self.assertEqual(status, 403, "the requirement was lifted")
        cookie = {"Cookie": operator["Cookie"]}
        status, headers, _ = self.server.request("GET", "/console/", headers=cookie)
        self.assertEqual((status, headers["location"]), (303, "/console/security"))

        self.enrol(operator)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=operator)[0], 200)

    def test_console_enrolment_shows_a_qr_code_and_recovery_codes(self):
        status, headers, _ = self.server.request(
            "POST", "/console/login", raw=urlencode({"name": "op.two", "password": OPERATOR_PASSWORD}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 303)
        cookie = {"Cookie": headers["set-cookie"].split(";")[0]}
        _, _, page = self.server.request("GET", "/console/security", headers=cookie)
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        form = {"Content-Type": "application/x-www-form-urlencoded", **cookie}
        status, _, page = self.server.request("POST", "/console/security/begin",
                                              raw=urlencode({"csrf": csrf}).encode(), headers=form)
        self.assertEqual(status, 200)
        self.assertIn(b"<svg", page)
        secret = re.search(rb'id="secret">([A-Z2-7]+)<', page).group(1).decode()
        status, _, page = self.server.request(
            "POST", "/console/security/confirm",
            raw=urlencode({"csrf": csrf, "code": totp(secret, time.time())}).encode(), headers=form)
        self.assertEqual(status, 200)
        self.assertEqual(len(re.findall(rb"<li><code>[a-z2-9]{5}-[a-z2-9]{5}</code></li>", page)), 10)

    def test_sign_out_everywhere_ends_every_session(self):
        first = self.auth_from(self.sign_in("op.two", OPERATOR_PASSWORD))
        second = self.auth_from(self.sign_in("op.two", OPERATOR_PASSWORD))
        self.assertEqual(self.server.json("DELETE", "/api/v1/sessions", headers=first)[0], 204)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=second)[0], 401)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=first)[0], 401)


if __name__ == "__main__":
    unittest.main()
