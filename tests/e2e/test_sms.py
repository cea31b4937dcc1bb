"""SMS through Kannel (issue 16, docs/channels.md): the real bearerbox and smsbox on loopback,
fakesmsc as the people's phones, lifeline as the sms-service and the sendsms client.

A person texts the number and gets his receipt in Cyrillic (UCS-2); STATUS with it answers;
an operator's answer waits until he writes again and then reaches his phone, and the
delivery report marks it delivered. Also: the gateway's token, one store per message id,
smsbox down when a reply is due, STOP."""
import os
import re
import time
import unittest
import urllib.parse

import kannel
from harness import Server, free_port

TOKEN = "synthetic-sms-gateway-token-0123456789"
PERSON = "+79001234567"


def receipt_in(text):
    match = re.search(r"\d{3} \d{3}-\d{2}-\d{2}, \d{6}", text)
    assert match, text
    return match.group(0)


@unittest.skipUnless(kannel.installed(), "Kannel (bearerbox, smsbox, kannel-extras' fakesmsc) is not installed")
class SmsThroughKannel(unittest.TestCase):

    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.kannel = kannel.Kannel(self.server.dir)
        self.addCleanup(self.kannel.stop)
        port = free_port()
        token_file = self.server._secret("sms-token", TOKEN)
        credentials = self.server._secret("sendsms", f"{kannel.SENDSMS_USER}:{kannel.SENDSMS_PASSWORD}")
        self.server.start(extra=["--sms-inbound-token-file", token_file, "--sendsms-url", self.kannel.sendsms_url,
                                 "--sendsms-credentials-file", credentials,
                                 "--sms-dlr-base-url", f"http://127.0.0.1:{port}", "--sms-per-second", "5"],
                          port=port)
        self.kannel.configure(f"http://127.0.0.1:{port}/channels/sms/inbound?token={TOKEN}"
                              "&from=%p&id=%I&text=%a&coding=%c&charset=%C")
        self.kannel.start()
        self.auth = self.server.sign_in()

    # --- helpers ---------------------------------------------------------------------
    def inbound(self, params, token=TOKEN, method="GET"):
        """Calls lifeline's inbound endpoint as smsbox does."""
        query = dict(params)
        if token is not None:
            query["token"] = token
        status, _, body = self.server.request(method, "/channels/sms/inbound?" + urllib.parse.urlencode(query))
        return status, body

    def case_id(self):
        status, body, _ = self.server.json("GET", "/api/v1/cases", headers=self.auth)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["total"], 1, body)
        return body["items"][0]["id"]

    def reply(self, case_id, text):
        return self.server.json("POST", f"/api/v1/cases/{case_id}/channel-replies", {"text": text}, headers=self.auth)

    def replies(self, case_id):
        status, body, _ = self.server.json("GET", f"/api/v1/cases/{case_id}/channel-replies", headers=self.auth)
        self.assertEqual(status, 200, body)
        return body["replies"]

    def wait_state(self, case_id, state, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if [r["state"] for r in self.replies(case_id)][-1] == state:
                return
            time.sleep(0.2)
        self.fail(f"the reply is {self.replies(case_id)}, not {state}")

    # --- the scenario ----------------------------------------------------------
    def test_a_person_texts_gets_a_receipt_asks_status_and_gets_the_operators_answer_when_he_writes_again(self):
        texts = kannel.exchange(self.kannel, f"{PERSON} {kannel.HOTLINE_NUMBER} ucs2 "
                                + kannel.ucs2_field("Здравствуйте, мне нужна консультация"), 1)
        self.assertIn("Спасибо, заявка принята", texts[0])  # Cyrillic, whole: it went as UCS-2
        receipt = receipt_in(texts[0])

        texts = kannel.exchange(self.kannel, f"{PERSON} {kannel.HOTLINE_NUMBER} ucs2 "
                                + kannel.ucs2_field(f"СТАТУС {receipt}"), 1)
        self.assertEqual(texts[0], f"Заявка {receipt}: принята.")

        case_id = self.case_id()
        answer = "Здравствуйте! Мы получили ваше сообщение. Напишите, когда сможете говорить."
        status, body, _ = self.reply(case_id, answer)
        self.assertEqual(status, 201, body)
        self.assertEqual(body["state"], "queued")
        self.assertIsNone(body["not_before"])  # no windows: until he writes again
        time.sleep(2)
        self.assertEqual(self.replies(case_id)[0]["state"], "queued")

        # He writes again: his phone is in his hand, and the answer reaches it.
        phone = kannel.Phone(self.kannel, [f"{PERSON} {kannel.HOTLINE_NUMBER} ucs2 " + kannel.ucs2_field("Я здесь")])
        try:
            self.assertEqual(phone.wait_for(1), [answer])
        finally:
            phone.hang_up()
        self.wait_state(case_id, "delivered")
        # The case's conversation holds his messages and the answer.
        status, case, _ = self.server.json("GET", f"/api/v1/cases/{case_id}", headers=self.auth)
        self.assertEqual(status, 200)
        self.assertIn(answer, str(case))
        self.assertIn("Я здесь", str(case))
        # No number or text in lifeline's log.
        with open(self.server.log_path, encoding="utf-8", errors="replace") as f:
            log = f.read()
        for secret in (PERSON, "79001234567", answer, "Я здесь", receipt):
            self.assertNotIn(secret, log)

    def test_smsbox_down_when_a_reply_is_due_the_outbox_retries_and_delivers_after_it_starts(self):
        kannel.exchange(self.kannel, f"{PERSON} {kannel.HOTLINE_NUMBER} text Hello", 1)
        case_id = self.case_id()
        self.assertEqual(self.reply(case_id, "Ответ, пока шлюз лежит")[0], 201)
        self.kannel.stop_smsbox()
        # He writes (as smsbox would hand it over): the reply is due, but sendsms is down.
        status, _ = self.inbound({"from": PERSON, "id": "direct-1", "text": "again", "coding": "0",
                                  "charset": "UTF-8"})
        self.assertEqual(status, 200)
        time.sleep(3)
        self.assertEqual(self.replies(case_id)[0]["state"], "due")
        phone = kannel.Phone(self.kannel, max_messages=0)
        try:
            self.kannel.start_smsbox()
            self.assertEqual(phone.wait_for(1, timeout=60), ["Ответ, пока шлюз лежит"])
        finally:
            phone.hang_up()
        self.wait_state(case_id, "delivered")

    def test_stop_destroys_him_and_an_operators_reply_is_refused(self):
        kannel.exchange(self.kannel, f"{PERSON} {kannel.HOTLINE_NUMBER} text Hello", 1)
        texts = kannel.exchange(self.kannel, f"{PERSON} {kannel.HOTLINE_NUMBER} text STOP", 1)
        self.assertIn("You are unsubscribed", texts[0])  # STOP is English only: answered in English
        status, body, _ = self.reply(self.case_id(), "Ответ")
        self.assertEqual(status, 409, body)
        self.assertIn("STOP", body["error"]["message"])

    # --- the gateway's endpoint ------------------------------------------------------
    def test_a_wrong_or_missing_token_is_refused_and_nothing_is_stored(self):
        message = {"from": PERSON, "id": "m-1", "text": "hello", "coding": "0", "charset": "UTF-8"}
        self.assertEqual(self.inbound(message, token=None)[0], 401)
        self.assertEqual(self.inbound(message, token="synthetic-sms-gateway-token-0123456788")[0], 403)
        self.assertEqual(self.inbound(message, token="")[0], 401)
        self.assertEqual(self.server.total_cases(), 0)
        # A forged delivery report is refused too.
        status, _, _ = self.server.request("GET", "/channels/sms/delivery?reply=1&token=" + "0" * 32 + "&status=1")
        self.assertEqual(status, 403)

    def test_the_same_message_id_twice_is_stored_once(self):
        message = {"from": PERSON, "id": "kannel-uuid-1", "text": "hello", "coding": "0", "charset": "UTF-8"}
        status, first = self.inbound(message)
        self.assertEqual(status, 200)
        self.assertIn("Спасибо".encode(), first)
        status, again = self.inbound(message, method="POST")
        self.assertEqual((status, again), (200, b""))
        self.assertEqual(self.server.total_cases(), 1)

    def test_malformed_calls_are_refused_naming_the_field_and_store_nothing(self):
        base = {"from": PERSON, "id": "m-2", "text": "hello", "coding": "0", "charset": "UTF-8"}
        cases = [
            ({"coding": "1"}, 400, "coding"),                                   # binary
            ({"coding": "2", "charset": "UTF-16BE", "text": "\x04"}, 400, "text"),  # odd UTF-16
            ({"text": "\udcff"}, 400, "text"),                                  # invalid UTF-8 (see below)
            ({"charset": "KOI8-R"}, 400, "charset"),
            ({"from": ""}, 400, "from"),
            ({"id": ""}, 400, "id"),
            ({"from": "no digits"}, 400, "address"),
            ({"text": "x" * 5000}, 413, "text"),
        ]
        for change, want_status, field in cases:
            params = dict(base, **change)
            if params["text"] == "\udcff":
                query = urllib.parse.urlencode(dict(params, text="X", token=TOKEN)).replace("text=X", "text=%C3%28")
                status, _, body = self.server.request("GET", "/channels/sms/inbound?" + query)
            else:
                status, body = self.inbound(params)
            self.assertEqual(status, want_status, (change, body))
            self.assertIn(field.encode(), body, change)
            self.assertNotIn(PERSON.encode(), body)
        self.assertEqual(self.server.total_cases(), 0)


if __name__ == "__main__":
    unittest.main()
