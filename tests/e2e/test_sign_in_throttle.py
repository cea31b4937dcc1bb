"""Password guessing is slowed without locking out the operator who holds the password
(docs/security.md, "Sign-in throttling"): device cookies, and the client address taken from a
trusted proxy only."""
import http.client
import json
import time
import unittest
from urllib.parse import urlencode

from harness import ADMIN_PASSWORD, OPERATOR, OPERATOR_MAIN_PASSWORD, Server, ServerTest

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def attributes(set_cookie):
    return [a.strip() for a in set_cookie.split(";")]


def until_a_counted_failure(send):
    """Calls send() until it answers 401: a failure just counted, so the delay that follows
    (doubled with each counted failure) is at least 2 s and the next checks fall inside it."""
    deadline = time.monotonic() + 120
    while send() != 401:
        if time.monotonic() > deadline:
            raise AssertionError("no attempt was let through to a password check in 120 s")
        time.sleep(0.05)


class GuessingFromTheOperatorsOwnAddress(ServerTest):
    def guesses(self, count, name="admin", source="127.0.0.1", headers=None):
        """`count` wrong passwords over one kept-alive connection; the statuses seen."""
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30, source_address=(source, 0))
        statuses = {}
        for n in range(count):
            conn.request("POST", "/api/v1/session", body=json.dumps({"name": name, "password": f"wrong-guess-{n}"}),
                         headers={"Content-Type": "application/json", **(headers or {})})
            resp = conn.getresponse()
            resp.read()
            statuses[resp.status] = statuses.get(resp.status, 0) + 1
        conn.close()
        return statuses

    def test_a_thousand_wrong_passwords_do_not_keep_the_operators_device_out(self):
        status, cookies, _ = self.server.set_cookies("POST", "/api/v1/session", {"name": "admin", "password": ADMIN_PASSWORD})
        self.assertEqual(status, 200)
        device = cookies["lifeline_device"]
        self.assertIn("lifeline_session", cookies)
        for attribute in ("HttpOnly", "SameSite=Strict", "Path=/api/v1/session", "Max-Age=15552000"):
            self.assertIn(attribute, attributes(device))
        self.assertNotIn("Secure", attributes(device))
        device_cookie = {"Cookie": device.split(";")[0]}

        # Everyone comes from the same address, as behind a TLS proxy or an onion service.
        started = time.monotonic()
        statuses = self.guesses(1000)
        elapsed = time.monotonic() - started
        self.assertEqual(set(statuses) - {401, 429}, set(), statuses)
        self.assertGreaterEqual(statuses.get(429, 0), 990, statuses)  # refused before any Argon2id
        self.assertLess(elapsed, 60)

        # An untrusted client, even with the right password, waits…
        until_a_counted_failure(lambda: self.guesses(1).popitem()[0])
        status, body, headers = self.server.json("POST", "/api/v1/session", {"name": "admin", "password": ADMIN_PASSWORD})
        self.assertEqual(status, 429)
        self.assertGreaterEqual(int(headers["retry-after"]), 1)
        # …and so does one with a forged token…
        forged = {"Cookie": "lifeline_device=" + "0" * 112}
        status, _, _ = self.server.json("POST", "/api/v1/session", {"name": "admin", "password": ADMIN_PASSWORD},
                                        headers=forged)
        self.assertEqual(status, 429)
        # …but the operator's device signs in at once, and gets a fresh token.
        status, cookies, _ = self.server.set_cookies("POST", "/api/v1/session", {"name": "admin", "password": ADMIN_PASSWORD},
                                                     headers=device_cookie)
        self.assertEqual(status, 200)
        self.assertNotEqual(cookies["lifeline_device"].split(";")[0], device_cookie["Cookie"])

    def test_the_console_form_keeps_the_device_cookie_by_itself(self):
        status, cookies, _ = self.server.set_cookies(
            "POST", "/console/login", raw=urlencode({"name": OPERATOR, "password": OPERATOR_MAIN_PASSWORD}).encode(),
            headers=FORM)
        self.assertEqual(status, 303)
        device = cookies["lifeline_device"]
        self.assertIn("Path=/console/login", attributes(device))
        self.assertIn("HttpOnly", attributes(device))
        self.assertIn("SameSite=Strict", attributes(device))
        guess = lambda: self.server.request("POST", "/console/login", raw=urlencode({"name": OPERATOR, "password": "guess"}).encode(),
                                            headers=FORM)[0]
        for _ in range(40):
            self.assertIn(guess(), (401, 429))
        until_a_counted_failure(guess)
        status, _, _ = self.server.request(
            "POST", "/console/login", raw=urlencode({"name": OPERATOR, "password": OPERATOR_MAIN_PASSWORD}).encode(),
            headers=FORM)
        self.assertEqual(status, 429)
        # A browser sends the cookie back to the form's path by itself.
        status, cookies, _ = self.server.set_cookies(
            "POST", "/console/login", raw=urlencode({"name": OPERATOR, "password": OPERATOR_MAIN_PASSWORD}).encode(),
            headers={**FORM, "Cookie": device.split(";")[0]})
        self.assertEqual(status, 303)
        self.assertIn("lifeline_session", cookies)


class BehindATrustedProxy(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start(extra=["--trusted-proxy", "127.0.0.1"])

    def sign_in(self, name, password, forwarded_for, source="127.0.0.1"):
        return self.server.json("POST", "/api/v1/session", {"name": name, "password": password},
                                headers={"X-Forwarded-For": forwarded_for}, source=source)[0]

    def test_each_forwarded_client_has_its_own_count(self):
        for n in range(5):
            self.assertEqual(self.sign_in("admin", f"wrong-{n}", "198.51.100.66"), 401)
        # Refusals first: they answer before any password check, inside the first delay (1 s)
        # even on a loaded machine; the sign-in that hashes a password comes last.
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, "198.51.100.66"), 429)
        # A client cannot pick its address by writing its own X-Forwarded-For in front.
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, "203.0.113.5, 198.51.100.66"), 429)
        # The operator comes through the same proxy, from another address: not slowed.
        self.assertEqual(self.sign_in("admin", ADMIN_PASSWORD, "203.0.113.5"), 200)

    def test_a_forwarded_for_from_an_untrusted_peer_is_ignored(self):
        for n in range(5):
            self.assertEqual(self.sign_in(OPERATOR, f"wrong-{n}", f"198.51.100.{n}", source="127.0.0.2"), 401)
        self.assertEqual(self.sign_in(OPERATOR, OPERATOR_MAIN_PASSWORD, "203.0.113.77", source="127.0.0.2"), 429)
        self.assertEqual(self.sign_in(OPERATOR, OPERATOR_MAIN_PASSWORD, "198.51.100.9"), 200)

    def test_a_trusted_proxy_must_be_an_address(self):
        other = Server()
        self.addCleanup(other.cleanup)
        with self.assertRaises(RuntimeError) as raised:
            other.start(extra=["--trusted-proxy", "proxy.example"])
        self.assertIn("--trusted-proxy", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
