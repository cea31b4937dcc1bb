"""The applicant's and the operator's paths through the JSON API, end to end."""
import re
import unittest

from harness import ServerTest, minimal_application


class IntakeApi(ServerTest):
    def test_health(self):
        status, body, hdrs = self.server.json("GET", "/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "ok")
        self.assertIn("default-src 'none'", hdrs["content-security-policy"])
        self.assertEqual(hdrs["referrer-policy"], "no-referrer")

    def test_submit_read_reply_and_check_status(self):
        status, body, _ = self.server.submit(minimal_application(
            name="Тестов Синтетический", unit="часть-пример №3", rank="рядовой",
            group={"kind": "with_others", "size": 3}, deploy_by=None, language="uk",
            message="синтетическое сообщение",
            contact={"channel": "telegram", "handle": "@synthetic_api", "safe_windows": ["mon-fri 19:00-21:00"]}))
        self.assertEqual(status, 201, body)
        receipt = body["receipt"]
        self.assertRegex(receipt, r"^\d{3} \d{3}-\d{2}-\d{2}, \d{6}$")

        status, applicant, _ = self.server.check(receipt.replace(" ", "").replace("-", "").replace(",", ""))
        self.assertEqual(status, 200)
        self.assertEqual(applicant["status"], "received")
        self.assertEqual(applicant["messages"], [])

        auth = self.server.sign_in()
        status, page, _ = self.server.json("GET", "/api/v1/cases?status=new", headers=auth)
        self.assertEqual(status, 200)
        self.assertEqual(page["total"], 1)
        summary = page["items"][0]
        self.assertNotIn("name", summary)  # the list carries clear fields only
        self.assertEqual(summary["group"], {"kind": "with_others", "size": 3})

        status, case, _ = self.server.json("GET", f"/api/v1/cases/{summary['id']}", headers=auth)
        self.assertEqual(status, 200)
        self.assertEqual(case["name"], "Тестов Синтетический")
        self.assertEqual(case["contact"]["safe_windows"], ["mon-fri 19:00-21:00"])

        status, _, _ = self.server.json("POST", f"/api/v1/cases/{summary['id']}/replies",
                                        {"text": "Мы вам ответим."}, headers=auth)
        self.assertEqual(status, 201)
        _, applicant, _ = self.server.check(receipt)
        self.assertEqual([(m["from"], m["text"]) for m in applicant["messages"]], [("office", "Мы вам ответим.")])

    def test_wrong_and_malformed_receipts_get_the_same_404(self):
        self.server.submit(minimal_application())
        wrong = self.server.check("000 000-00-00, 000000")
        malformed = self.server.check("not a receipt")
        self.assertEqual(wrong[0], 404)
        self.assertEqual(wrong[:2], malformed[:2])

    def test_cases_need_a_session_and_replies_need_csrf(self):
        self.assertEqual(self.server.json("GET", "/api/v1/cases")[0], 401)
        self.server.submit(minimal_application())
        auth = self.server.sign_in()
        no_csrf = {"Cookie": auth["Cookie"]}
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/replies", {"text": "x"}, headers=no_csrf)[0], 403)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/999", headers=auth)[0], 404)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/abc", headers=auth)[0], 404)
        self.assertEqual(self.server.json("GET", "/api/v1/cases?per_page=100000", headers=auth)[0], 400)
        self.assertEqual(self.server.json("DELETE", "/api/v1/session", headers=auth)[0], 204)
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=auth)[0], 401)

    def test_wrong_password_is_refused(self):
        status, body, _ = self.server.json("POST", "/api/v1/session", {"name": "admin", "password": "wrong-password-x"})
        self.assertEqual(status, 401)
        status2, body2, _ = self.server.json("POST", "/api/v1/session", {"name": "nobody", "password": "wrong-password-x"})
        self.assertEqual((status, body), (status2, body2))

    def test_html_form_without_javascript(self):
        from urllib.parse import urlencode
        form = urlencode({"situation": "at_front", "group_kind": "alone", "contact_channel": "signal",
                          "contact_handle": "@synthetic_form", "language": "be",
                          "safe_windows": "mon-fri 19:00-21:00; sat,sun 10:00-12:30",
                          "name": "Формов Синтетический"}).encode()
        status, _, page = self.server.request("POST", "/apply", raw=form,
                                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, page.decode())
        self.assertIn('lang="be"'.encode(), page)
        # First, how the safe windows were read, in Belarusian; nothing is stored yet.
        self.assertNotIn(b'id="receipt"', page)
        self.assertIn("у будні, 19:00–21:00; у выхадныя, 10:00–12:30".encode(), page)
        read = re.search(rb'name="windows_read" value="([^"]+)"', page).group(1).decode()
        self.assertEqual(read, "mon-fri 19:00-21:00; sat-sun 10:00-12:30")
        form = form + b"&" + urlencode({"windows_read": read}).encode()
        status, _, page = self.server.request("POST", "/apply", raw=form,
                                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, page.decode())
        receipt = re.search(rb'id="receipt">([^<]+)<', page).group(1).decode()
        status, _, page = self.server.request("POST", "/status", raw=urlencode({"receipt": receipt}).encode(),
                                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200)
        self.assertIn(b'id="status"', page)
        auth = self.server.sign_in()
        _, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=auth)
        self.assertEqual(case["contact"]["safe_windows"], ["mon-fri 19:00-21:00", "sat-sun 10:00-12:30"])
        self.assertEqual(case["name"], "Формов Синтетический")

    def test_safe_windows_as_people_type_them_are_read_back_before_storing(self):
        from urllib.parse import urlencode
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        base = {"situation": "serving", "group_kind": "alone", "contact_channel": "sms",
                "contact_handle": "+7 900 000-00-19", "language": "uk", "name": "Вікнов Синтетичний"}
        form = dict(base, safe_windows="Пн-Пт 19-21; нд 10.00 - 12.00")
        status, _, page = self.server.request("POST", "/apply", raw=urlencode(form).encode(), headers=headers)
        self.assertEqual(status, 200, page.decode())
        self.assertIn("у будні, 19:00–21:00; нд, 10:00–12:00".encode(), page)
        self.assertIn("за вашим часом".encode(), page)
        read = re.search(rb'name="windows_read" value="([^"]+)"', page).group(1).decode()
        # Changed before confirming: read back again, still nothing stored.
        changed = dict(form, safe_windows="сб 10-12", windows_read=read)
        status, _, page = self.server.request("POST", "/apply", raw=urlencode(changed).encode(), headers=headers)
        self.assertNotIn(b'id="receipt"', page)
        self.assertIn("сб, 10:00–12:00".encode(), page)
        auth = self.server.sign_in()
        self.assertEqual(self.server.json("GET", "/api/v1/cases", headers=auth)[1]["items"], [])
        # Refused in the page's language, with how to write one.
        status, _, page = self.server.request("POST", "/apply", raw=urlencode(dict(base, safe_windows="увечері")).encode(),
                                              headers=headers)
        self.assertEqual(status, 400)
        self.assertIn("Напишіть дні й час".encode(), page)
        self.assertNotIn(b"write each window", page)
        # The handle is marked as needed, and a missing one is explained in Ukrainian.
        self.assertIn("потрібно, якщо обрано спосіб".encode(), page)
        status, _, page = self.server.request("POST", "/apply", raw=urlencode(dict(base, contact_handle="")).encode(),
                                              headers=headers)
        self.assertEqual(status, 400)
        self.assertIn("Напишіть номер телефону або".encode(), page)
        self.assertNotIn(b"required unless", page)
        # Confirmed: stored as read.
        confirmed = dict(form, windows_read=read)
        status, _, page = self.server.request("POST", "/apply", raw=urlencode(confirmed).encode(), headers=headers)
        self.assertIn(b'id="receipt"', page)
        _, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=auth)
        self.assertEqual(case["contact"]["safe_windows"], ["mon-fri 19:00-21:00", "sun 10:00-12:00"])

    def test_password_guessing_is_slowed_without_locking_the_operator_out(self):
        guess = lambda pw, source: self.server.json("POST", "/api/v1/session",
                                                   {"name": "admin", "password": pw}, source=source)
        for n in range(5):
            self.assertEqual(guess(f"wrong-guess-{n}", "127.0.0.2")[0], 401)
        status, body, headers = guess("synthetic-admin-pw", "127.0.0.2")
        self.assertEqual(status, 429)
        self.assertEqual(body["error"]["code"], "rate_limited")
        self.assertGreaterEqual(int(headers["retry-after"]), 1)
        # The operator at their own desk is not locked out by someone guessing elsewhere.
        self.assertEqual(guess("synthetic-admin-pw", "127.0.0.1")[0], 200)

    def test_paging_is_newest_first(self):
        for _ in range(5):
            self.assertEqual(self.server.submit(minimal_application())[0], 201)
        auth = self.server.sign_in()
        _, first, _ = self.server.json("GET", "/api/v1/cases?per_page=2&page=1", headers=auth)
        _, third, _ = self.server.json("GET", "/api/v1/cases?per_page=2&page=3", headers=auth)
        self.assertEqual(first["total"], 5)
        self.assertEqual([c["id"] for c in first["items"]], [5, 4])
        self.assertEqual([c["id"] for c in third["items"]], [1])


if __name__ == "__main__":
    unittest.main()
