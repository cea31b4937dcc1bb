"""The operators' console without JavaScript: cookie attributes, CSRF on forms, headers."""
import re
import unittest
from urllib.parse import urlencode

from harness import ADMIN_PASSWORD, OPERATOR, OPERATOR_MAIN_PASSWORD, Server, ServerTest, minimal_application

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Console(ServerTest):
    def sign_in(self):
        status, headers, _ = self.server.request(
            "POST", "/console/login", raw=urlencode({"name": OPERATOR, "password": OPERATOR_MAIN_PASSWORD}).encode(),
            headers=FORM)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/console/")
        return headers["set-cookie"]

    def test_session_cookie_is_httponly_strict_and_not_secure_without_tls(self):
        cookie = self.sign_in()
        attributes = [a.strip() for a in cookie.split(";")]
        self.assertIn("HttpOnly", attributes)
        self.assertIn("SameSite=Strict", attributes)
        self.assertIn("Path=/", attributes)
        self.assertNotIn("Secure", attributes)

    def test_an_administrator_lands_on_a_menu_with_sign_out(self):
        status, headers, _ = self.server.request(
            "POST", "/console/login", raw=urlencode({"name": "admin", "password": ADMIN_PASSWORD}).encode(),
            headers=FORM)
        self.assertEqual(status, 303)
        cookie = {"Cookie": headers["set-cookie"].split(";")[0]}
        status, _, page = self.server.request("GET", "/console/", headers=cookie)
        self.assertEqual(status, 200)
        text = page.decode()
        self.assertIn("<h1>Администрирование</h1>", text)
        self.assertIn('id="admin-menu"', text)
        for link in ('href="/console/security"', 'href="/console/partners"', 'action="/console/logout"'):
            self.assertIn(link, text)
        self.assertIn("(администратор)", text)  # the role in words, not its code
        self.assertNotIn("(admin)", text)
        self.assertNotIn("your role", text)

    def test_wrong_password_shows_the_login_form_again(self):
        status, _, page = self.server.request(
            "POST", "/console/login", raw=urlencode({"name": "admin", "password": "wrong-password-x"}).encode(),
            headers=FORM)
        self.assertEqual(status, 401)
        self.assertIn("Неверное имя или пароль".encode(), page)

    def test_only_the_console_runs_script_and_only_its_own(self):
        _, headers, _ = self.server.request("GET", "/")
        self.assertNotIn("script-src", headers["content-security-policy"])  # public pages: none at all
        cookie = {"Cookie": self.sign_in().split(";")[0]}
        _, headers, page = self.server.request("GET", "/console/", headers=cookie)
        policy = headers["content-security-policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe", policy)
        self.assertIn("default-src 'none'", policy)
        scripts = re.findall(rb'<script src="([^"]+)"', page)
        self.assertEqual(scripts, [b"/console/assets/console.js"])
        status, headers, body = self.server.request("GET", "/console/assets/chart.umd.min.js")
        self.assertEqual((status, headers["content-type"]), (200, "text/javascript; charset=utf-8"))
        self.assertTrue(body.startswith(b"/*!\n * Chart.js v4."), body[:40])
        self.assertIn("max-age", headers["cache-control"])
        for missing in ["/console/assets/nothing.js", "/console/assets/..%2fstyle.css", "/console/assets/"]:
            self.assertEqual(self.server.request("GET", missing)[0], 404, missing)

    def test_reply_form_needs_its_csrf_token(self):
        self.assertEqual(self.server.submit(minimal_application())[0], 201)
        cookie = {"Cookie": self.sign_in().split(";")[0]}
        status, headers, page = self.server.request("GET", "/console/cases/1", headers=cookie)
        self.assertEqual(status, 200)
        for name, value in [("content-security-policy", "default-src 'none'"), ("x-frame-options", "DENY"),
                            ("x-content-type-options", "nosniff"), ("cache-control", "no-store"),
                            ("referrer-policy", "no-referrer")]:
            self.assertIn(value, headers[name])
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()

        forged = urlencode({"text": "forged reply", "csrf": "not-the-token"}).encode()
        status, headers, _ = self.server.request("POST", "/console/cases/1/reply", raw=forged,
                                                 headers={**FORM, **cookie})
        self.assertEqual((status, headers["location"]), (303, "/console/"))
        real = urlencode({"text": "настоящий ответ", "csrf": csrf}).encode()
        status, headers, _ = self.server.request("POST", "/console/cases/1/reply", raw=real,
                                                 headers={**FORM, **cookie})
        self.assertEqual((status, headers["location"]), (303, "/console/cases/1"))
        _, _, page = self.server.request("GET", "/console/cases/1", headers=cookie)
        self.assertIn("настоящий ответ".encode(), page)
        self.assertNotIn(b"forged reply", page)
        # A refused reply: the field and the rule, both in Russian (server/console_details.cpp).
        empty = urlencode({"text": "", "csrf": csrf}).encode()
        status, _, page = self.server.request("POST", "/console/cases/1/reply", raw=empty,
                                              headers={**FORM, **cookie})
        self.assertEqual(status, 400)
        self.assertIn("Проверьте поле «текст». Сообщение — от 1 до 2000 знаков текста.".encode(), page)
        self.assertNotIn(b"characters of text", page)

    def test_sign_out_ends_the_session(self):
        cookie = {"Cookie": self.sign_in().split(";")[0]}
        status, headers, _ = self.server.request("POST", "/console/logout", raw=b"", headers={**FORM, **cookie})
        self.assertEqual(status, 303)
        self.assertIn("Max-Age=0", headers["set-cookie"])
        _, _, page = self.server.request("GET", "/console/", headers=cookie)
        self.assertIn(b'action="/console/login"', page)


class SecureCookies(unittest.TestCase):
    def test_secure_cookies_flag_marks_the_cookie_secure(self):
        server = Server()
        self.addCleanup(server.cleanup)
        server.start(extra=["--secure-cookies"])
        status, body, headers = server.json("POST", "/api/v1/session", {"name": "admin", "password": ADMIN_PASSWORD})
        self.assertEqual(status, 200)
        self.assertIn("Secure", [a.strip() for a in headers["set-cookie"].split(";")])


if __name__ == "__main__":
    unittest.main()
