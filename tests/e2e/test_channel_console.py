"""Operators and SMS or messenger conversations: a case opened by an SMS shows, on its console
page, the replies queued for his phone and their states, a part counter's hook and a block
button; the console's reply box and POST /api/v1/cases/{id}/replies both queue for his phone;
the SMS part count follows 3GPP TS 23.038; blocking silences him; a web case has no channel."""
import re
from urllib.parse import urlencode

from harness import ServerTest, minimal_application

TOKEN = "synthetic-sms-gateway-token-0123456789"
PERSON = "+9991000101"  # synthetic: +999 is no country's code
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class ChannelConsole(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("v.operator", "operator", "synthetic-operator-password")
        self.server.start(extra=["--sms-inbound-token-file", self.server._secret("sms-token", TOKEN)])
        self.auth = self.server.sign_in()
        self.cookie = {"Cookie": self.auth["Cookie"]}

    def sms(self, message_id, text):
        """What smsbox's sms-service does with a text from PERSON; returns the automatic reply."""
        query = urlencode({"token": TOKEN, "from": PERSON, "id": message_id, "text": text, "coding": "0",
                           "charset": "UTF-8"})
        status, _, body = self.server.request("GET", "/channels/sms/inbound?" + query)
        self.assertEqual(status, 200)
        return body.decode()

    def page(self, case_id):
        status, _, page = self.server.request("GET", f"/console/cases/{case_id}", headers=self.cookie)
        self.assertEqual(status, 200)
        return page.decode()

    def console_post(self, path, fields):
        csrf = re.search(r'name="csrf" value="([^"]+)"', self.page(1)).group(1)
        return self.server.request("POST", path, raw=urlencode({**fields, "csrf": csrf}).encode(),
                                   headers={**self.cookie, **FORM})

    def states(self):
        status, body, _ = self.server.json("GET", "/api/v1/cases/1/channel-replies", headers=self.auth)
        self.assertEqual(status, 200)
        return [r["state"] for r in body["replies"]]

    def test_the_case_page_queues_replies_for_his_phone_and_shows_their_state(self):
        self.assertRegex(self.sms("k1", "Помогите, нужна связь"), r"\d{3} \d{3}-\d{2}-\d{2}, \d{6}")  # his receipt
        page = self.page(1)
        self.assertIn('id="channel" data-channel="sms"', page)
        self.assertIn('data-sms-parts="sms-parts"', page)
        self.assertIn('id="block-sender"', page)  # a coordinator may block
        self.assertIn("Ответов на телефон ещё не было", page)

        # The console's box and the JSON API both queue for his phone; with no windows given,
        # the replies wait until he writes again.
        status, _, _ = self.console_post("/console/cases/1/reply", {"text": "Мы получили, напишите вечером"})
        self.assertEqual(status, 303)
        status, _, _ = self.server.json("POST", "/api/v1/cases/1/replies", {"text": "Ещё одно"}, headers=self.auth)
        self.assertEqual(status, 201)
        self.assertEqual(self.states(), ["queued", "queued"])
        page = self.page(1)
        self.assertEqual(page.count('data-state="queued"'), 2)
        self.assertIn("ждёт, когда заявитель снова напишет", page)
        status, conversation, _ = self.server.json("GET", "/api/v1/cases/1/channel", headers=self.auth)
        self.assertEqual((status, conversation["channel"], conversation["stopped"], conversation["blocked"]),
                         (200, "sms", False, False))
        self.assertNotIn("Мы получили", str(conversation))  # states only, never the text

        # He writes again: his phone is in his hand, so they are due (no SMS gateway runs here,
        # so they stay due and the page says they are being sent).
        self.sms("k2", "Я здесь")
        self.assertEqual(self.states(), ["due", "due"])
        self.assertIn("отправляется", self.page(1))

    def test_blocking_silences_him_and_refuses_replies(self):
        self.sms("k1", "Провокация")
        operator = self.server.sign_in("v.operator", "synthetic-operator-password")
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/block-sender", {}, headers=operator)[0], 403)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/block-sender", {},
                                          headers={"Cookie": self.auth["Cookie"]})[0], 403)  # no CSRF token
        status, _, _ = self.console_post("/console/cases/1/block-sender", {})
        self.assertEqual(status, 303)
        page = self.page(1)
        self.assertIn('id="channel-blocked"', page)
        self.assertNotIn('id="block-sender"', page)
        self.assertNotIn("data-sms-parts", page)  # no box for his phone
        status, body, _ = self.server.json("POST", "/api/v1/cases/1/channel-replies", {"text": "x"}, headers=self.auth)
        self.assertEqual(status, 409, body)
        self.assertEqual(self.sms("k2", "STATUS"), "")  # dropped unanswered

    def test_the_sms_part_count_follows_the_gsm_and_ucs2_rules(self):
        def parts(text, headers=None):
            status, body, _ = self.server.json("POST", "/api/v1/sms-parts", {"text": text}, headers=headers or self.auth)
            self.assertEqual(status, 200, body)
            return body["parts"], body["coding"], body["units_left"]

        # Hand-counted: Cyrillic is UCS-2, 70 units in one part, 67 a part once split;
        # the GSM alphabet 160 and 153; an extension character ({) costs two septets.
        self.assertEqual(parts(""), (0, "gsm7", 160))
        self.assertEqual(parts("я" * 70), (1, "ucs2", 0))
        self.assertEqual(parts("я" * 71), (2, "ucs2", 63))
        self.assertEqual(parts("я" * 134), (2, "ucs2", 0))
        self.assertEqual(parts("я" * 135), (3, "ucs2", 66))
        self.assertEqual(parts("a" * 160), (1, "gsm7", 0))
        self.assertEqual(parts("a" * 161), (2, "gsm7", 145))
        self.assertEqual(parts("{" * 80), (1, "gsm7", 0))
        # 81 two-septet characters: 76 fill the first part (152 of 153; one never straddles),
        # 5 the second, leaving 153 - 10.
        self.assertEqual(parts("{" * 81), (2, "gsm7", 143))
        self.assertEqual(parts("ok " + "😀"), (1, "ucs2", 70 - 5))  # an emoji is two UTF-16 units

        self.assertEqual(self.server.json("POST", "/api/v1/sms-parts", {"text": "x"},
                                          headers={"Cookie": self.auth["Cookie"]})[0], 403)
        self.assertEqual(self.server.json("POST", "/api/v1/sms-parts", {"text": "x"})[0], 401)
        status, body, _ = self.server.json("POST", "/api/v1/sms-parts", {"text": 5}, headers=self.auth)
        self.assertEqual((status, body["error"].get("field")), (400, "text"))

    def test_a_case_from_the_web_form_has_no_channel(self):
        self.assertEqual(self.server.submit(minimal_application())[0], 201)
        status, body, _ = self.server.json("GET", "/api/v1/cases/1/channel", headers=self.auth)
        self.assertEqual(status, 404, body)
        self.assertNotIn('id="channel"', self.page(1))
        # Its reply goes into the web conversation as before.
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/replies", {"text": "Ответ"}, headers=self.auth)[0],
                         201)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/channel-replies", {"text": "x"},
                                          headers=self.auth)[0], 404)
