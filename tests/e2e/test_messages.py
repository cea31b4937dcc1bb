"""Two-way messages: the applicant writes back with the receipt (JSON and a form that needs no
script); the office reads the conversation; the text is sealed on disk; bad texts, unknown
receipts and floods are refused."""
import os
import re
import urllib.parse
import unittest

from harness import ServerTest, minimal_application

MARKER = "ОтветЗаявителяМаркер-5c1e"


class Messages(ServerTest):
    def setUp(self):
        super().setUp()
        status, body, _ = self.server.submit(minimal_application(name="Перепискин Синтетический"))
        self.assertEqual(status, 201)
        self.receipt = body["receipt"]
        self.auth = self.server.sign_in()

    def write(self, text, receipt=None):
        return self.server.json("POST", "/api/v1/applicant/messages",
                                {"receipt": receipt or self.receipt, "text": text})

    def test_the_conversation_goes_both_ways_and_is_sealed(self):
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/replies", {"text": "Как с вами связаться?"},
                                          headers=self.auth)[0], 201)
        status, body, _ = self.write(MARKER)
        self.assertEqual((status, body), (201, {"sent": True}))
        _, applicant, _ = self.server.check(self.receipt)
        self.assertEqual([(m["from"], m["text"]) for m in applicant["messages"]],
                         [("office", "Как с вами связаться?"), ("applicant", MARKER)])
        _, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=self.auth)
        self.assertEqual([(m["from"], m["text"]) for m in case["messages"]],
                         [("office", "Как с вами связаться?"), ("applicant", MARKER)])
        self.assertIsNone(case["messages"][1]["author_user_id"])
        _, _, console = self.server.request("GET", "/console/cases/1", headers={"Cookie": self.auth["Cookie"]})
        self.assertIn(MARKER.encode(), console)
        self.server.stop()
        for name in self.server.data_files():
            with open(name, "rb") as f:
                self.assertNotIn(MARKER.encode(), f.read(), name)
        with open(self.server.log_path, "rb") as f:
            self.assertNotIn(MARKER.encode(), f.read())

    def test_the_status_page_form_sends_without_script(self):
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _, page = self.server.request("POST", "/status", headers=form,
                                              raw=urllib.parse.urlencode({"receipt": self.receipt}).encode())
        self.assertEqual(status, 200)
        page = page.decode()
        # The page's form posts back to "/" with go=message (the address never changes).
        self.assertIn('<form method="post" action="/" autocomplete="off">'
                      '<input type="hidden" name="go" value="message">', page)
        hidden = re.search(r'name="receipt" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"go": "message", "receipt": hidden, "text": "Пишу с формы.",
                                       "language": "ru"}).encode()
        status, _, page = self.server.request("POST", "/", headers=form, raw=body)
        self.assertEqual(status, 200)
        self.assertIn("Сообщение отправлено.", page.decode())
        self.assertIn("Пишу с формы.", page.decode())
        body = urllib.parse.urlencode({"receipt": hidden, "text": "", "language": "en"}).encode()
        status, _, page = self.server.request("POST", "/status/message", headers=form, raw=body)
        self.assertEqual(status, 400)
        self.assertIn("A message must be 1 to 2000 characters long.", page.decode())
        body = urllib.parse.urlencode({"receipt": "000 000-00-00, 000000", "text": "x"}).encode()
        self.assertEqual(self.server.request("POST", "/status/message", headers=form, raw=body)[0], 404)

    def test_bad_texts_unknown_receipts_and_floods_are_refused(self):
        for text in ["", "x" * 2001, "a\u0000b", "a\u001bb"]:
            status, body, _ = self.write(text)
            self.assertEqual((status, body["error"]["field"]), (400, "text"), repr(text[:10]))
        self.assertEqual(self.server.json("POST", "/api/v1/applicant/messages",
                                          {"receipt": self.receipt, "text": 5})[0], 400)
        self.assertEqual(self.write("x", receipt="000 000-00-00, 000000")[0], 404)
        self.assertEqual(self.write("x", receipt="not a receipt")[0], 404)
        for n in range(20):
            self.assertEqual(self.write(f"сообщение {n}")[0], 201, n)
        status, body, _ = self.write("двадцать первое")
        self.assertEqual(status, 429)
        _, applicant, _ = self.server.check(self.receipt)
        self.assertEqual(len(applicant["messages"]), 20)


if __name__ == "__main__":
    unittest.main()
