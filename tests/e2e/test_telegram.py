"""The Telegram bot against a stand-in Bot API (tests/telegram/bot_api_standin.py): a person
writes to the bot and gets his receipt with the not-end-to-end-encrypted note, asks STATUS,
gets an operator's answer through sendMessage; by webhook (with its secret) and by getUpdates
polling; wrong secrets, redeliveries, 429s, odd updates and one sender's flood."""
import concurrent.futures
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "telegram"))

from bot_api_standin import BotApiStandin  # noqa: E402
from harness import Server  # noqa: E402

TOKEN = "123456:synthetic-bot-token"
SECRET = "synthetic_webhook-secret_0123456789"
ONION = "syntheticsyntheticsyntheticsyntheticsyntheticsynthetic7.onion"
RECEIPT = re.compile(r"\d{3} \d{3}-\d{2}-\d{2}, \d{6}")
PERSON, OTHER = 5550001, 5550002  # synthetic chat ids
WEBHOOK = "/channels/telegram/webhook"


class TelegramTest(unittest.TestCase):
    mode = "webhook"

    def setUp(self):
        self.standin = BotApiStandin(TOKEN).start()
        self.addCleanup(self.standin.stop)
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.start_server()

    def start_server(self, extra=()):
        token_file = self.server._secret("telegram-token", TOKEN)
        args = ["--telegram-token-file", token_file, "--telegram-api-base", self.standin.base_url,
                "--telegram-mode", self.mode, "--telegram-onion", ONION, "--telegram-per-second", "20"]
        if self.mode == "webhook":
            args += ["--telegram-webhook-secret-file", self.server._secret("telegram-secret", SECRET),
                     "--telegram-webhook-url", "https://bot.invalid/channels/telegram/webhook"]
        else:
            args += ["--telegram-poll-seconds", "1"]
        self.server.start(extra=[*args, *extra])
        if self.mode == "webhook":
            # What an operator does once the public address is known (docs/channels.md).
            self.standin.call(f"/bot{TOKEN}/setWebhook", "", "application/json", json.dumps(
                {"url": f"http://127.0.0.1:{self.server.port}{WEBHOOK}", "secret_token": SECRET}).encode())

    def post_update(self, update, secret=SECRET, raw=None):
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        return self.server.request("POST", WEBHOOK, raw=raw if raw is not None else json.dumps(update).encode(),
                                   headers=headers)

    def cases(self):
        auth = self.server.sign_in()
        status, body, _ = self.server.json("GET", "/api/v1/cases", headers=auth)
        self.assertEqual(status, 200, body)
        return body["items"] if "items" in body else body["cases"]

    def messages_of(self, case_id):
        auth = self.server.sign_in()
        status, body, _ = self.server.json("GET", f"/api/v1/cases/{case_id}", headers=auth)
        self.assertEqual(status, 200, body)
        return body["messages"]

    def converse(self):
        """The whole conversation; returns the chat's texts."""
        self.standin.user_writes(PERSON, "Здравствуйте, нужна помощь")
        first = self.standin.wait_for_sent(PERSON, 1)[0]
        receipt = RECEIPT.search(first).group(0)
        self.assertIn("сквозным шифрованием", first)  # not end-to-end encrypted
        self.assertIn(ONION, first)
        self.assertIn("Telegram", first)

        self.standin.user_writes(PERSON, f"СТАТУС {receipt}")
        status = self.standin.wait_for_sent(PERSON, 2)[1]
        self.assertIn(receipt, status)
        self.assertIn("принята", status)
        self.assertNotIn("шифрованием", status)  # the note comes once

        case_id = self.cases()[0]["id"]
        auth = self.server.sign_in()
        code, reply, _ = self.server.json("POST", f"/api/v1/cases/{case_id}/channel-replies",
                                          {"text": "Synthetic answer from the office"}, headers=auth)
        self.assertEqual(code, 201, reply)
        self.assertEqual(reply["state"], "queued")  # no windows given: until he writes again
        code, listed, _ = self.server.json("GET", f"/api/v1/cases/{case_id}/channel-replies", headers=auth)
        self.assertEqual(code, 200, listed)
        self.assertEqual([r["state"] for r in listed["replies"]], ["queued"])

        self.standin.user_writes(PERSON, "Я на связи")
        texts = self.standin.wait_for_sent(PERSON, 3)
        self.assertEqual(texts[2], "Synthetic answer from the office")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            _, listed, _ = self.server.json("GET", f"/api/v1/cases/{case_id}/channel-replies", headers=auth)
            if listed["replies"][0]["state"] == "sent":
                break
            time.sleep(0.1)
        self.assertEqual(listed["replies"][0]["state"], "sent")
        return case_id, texts


class Webhook(TelegramTest):
    def test_a_person_gets_his_receipt_the_note_his_status_and_the_operators_answer(self):
        setwebhook = [p for _, m, p in self.standin.calls if m == "setWebhook"]
        self.assertEqual(setwebhook[0]["secret_token"], SECRET)  # serve's own, at start
        self.assertEqual(setwebhook[0]["allowed_updates"], ["message"])
        case_id, _ = self.converse()
        self.assertEqual(len(self.messages_of(case_id)), 2)  # his second message and the office's answer
        via = {v for _, chat, _, v in self.standin.sent if chat == PERSON}
        self.assertEqual(via, {"webhook", "sendMessage"})  # answers in the response, replies sent

    def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_stored(self):
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "hello",
                                              "chat": {"id": PERSON, "type": "private"}}}
        for secret in ("wrong", "", None, SECRET + "x", SECRET[:-1]):
            status, _, body = self.post_update(update, secret=secret)
            self.assertEqual(status, 401, (secret, body))
        self.assertEqual(self.server.total_cases(), 0)

    def test_a_redelivered_update_is_stored_once(self):
        def update(update_id, message_id, text):
            return {"update_id": update_id, "message": {"message_id": message_id, "date": 0, "text": text,
                                                        "chat": {"id": PERSON, "type": "private"}}}
        for _ in range(2):
            status, _, answer = self.post_update(update(7, 3, "первое"))
            self.assertEqual(status, 200)
        self.assertEqual(json.loads(answer), {})  # the redelivery gets no second receipt
        for _ in range(2):
            status, _, answer = self.post_update(update(8, 4, "второе"))
            self.assertEqual((status, json.loads(answer)), (200, {}))
        case_id = self.cases()[0]["id"]
        self.assertEqual(self.server.total_cases(), 1)
        self.assertEqual(len(self.messages_of(case_id)), 1)  # the first is the application's own

    def test_odd_updates_are_answered_200_and_store_nothing_and_bad_bodies_400(self):
        base = {"message_id": 1, "date": 0, "chat": {"id": PERSON, "type": "private"}}
        odd = [
            {"update_id": 1, "message": {**base, "photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]}},
            {"update_id": 2, "message": {**base, "sticker": {"file_id": "s"}}},
            {"update_id": 3, "edited_message": {**base, "text": "changed"}},
            {"update_id": 4, "message": {**base, "chat": {"id": -100123, "type": "supergroup"}, "text": "hi all"}},
            {"update_id": 5, "callback_query": {"id": "q"}},
            {"update_id": 6, "message": {**base, "text": "x" * 3000}},  # over a message's limit
            {"update_id": 7, "message": {**base, "text": "bell\u0007"}},
        ]
        for update in odd:
            status, _, body = self.post_update(update)
            self.assertEqual((status, json.loads(body)), (200, {}), update)
        for raw in (b"not json", b"[1,2]", b'{"update_id":"1"}', b'{"update_id":1,"x":"\xff\xfe"}', b"\x00\x01\x02"):
            status, _, body = self.post_update(None, raw=raw)
            self.assertEqual(status, 400, raw)
        status, _, _ = self.post_update(None, raw=b"{" + b" " * (200 * 1024) + b"}")
        self.assertEqual(status, 413)
        self.assertEqual(self.server.total_cases(), 0)

    def test_a_429_from_telegram_delays_the_reply_by_retry_after(self):
        self.standin.user_writes(PERSON, "Здравствуйте")
        self.standin.wait_for_sent(PERSON, 1)
        case_id = self.cases()[0]["id"]
        auth = self.server.sign_in()
        self.standin.throttle(1, retry_after=2)
        code, _, _ = self.server.json("POST", f"/api/v1/cases/{case_id}/channel-replies",
                                      {"text": "After the wait"}, headers=auth)
        self.assertEqual(code, 201)
        self.standin.user_writes(PERSON, "жду")
        self.standin.wait_for_sent(PERSON, 2, timeout=30)
        refused = [t for t, m, _ in self.standin.calls if m == "sendMessage"]
        delivered = [t for t, chat, text, via in self.standin.sent if text == "After the wait"]
        self.assertEqual(len(refused), 2)  # the 429, then the one that went through
        self.assertGreaterEqual(delivered[0] - refused[0], 1.9)

    def test_one_senders_flood_does_not_stop_anothers_answer(self):
        self.standin.chats.update({PERSON, OTHER})

        def flood(i):
            update = {"update_id": 1000 + i, "message": {"message_id": i + 1, "date": 0, "text": f"flood {i}",
                                                         "chat": {"id": PERSON, "type": "private"}}}
            return self.post_update(update)[0]

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(flood, range(300)))
        self.assertEqual(set(statuses), {200})
        flood_seconds = time.monotonic() - started
        other = {"update_id": 5000, "message": {"message_id": 1, "date": 0, "text": "Здравствуйте",
                                                "chat": {"id": OTHER, "type": "private"}}}
        status, _, body = self.post_update(other)
        self.assertEqual(status, 200)
        self.assertRegex(json.loads(body)["text"], RECEIPT)
        self.assertEqual(self.server.total_cases(), 2)
        flooded = [c for c in self.cases() if len(self.messages_of(c["id"])) > 0]
        self.assertEqual(len(flooded), 1)
        self.assertLessEqual(len(self.messages_of(flooded[0]["id"])), 29)  # his hourly limit, less the first
        self.assertLess(flood_seconds, 60)


class Polling(TelegramTest):
    mode = "poll"

    def test_the_same_conversation_by_get_updates(self):
        case_id, _ = self.converse()
        self.assertEqual(len(self.messages_of(case_id)), 2)
        self.assertEqual({v for _, chat, _, v in self.standin.sent if chat == PERSON}, {"sendMessage"})
        self.assertEqual(self.standin.pending(), 0)  # every update confirmed
        self.assertFalse(any(m == "setWebhook" for _, m, _ in self.standin.calls))

    def test_a_restart_neither_loses_nor_doubles_updates(self):
        self.standin.user_writes(PERSON, "Первое")
        self.standin.wait_for_sent(PERSON, 1)
        self.server.stop()
        self.standin.user_writes(PERSON, "Пока вас не было")
        update = self.standin.user_writes(PERSON, "И ещё")
        self.standin.redeliver(update)  # handed over twice
        self.start_server()
        case_id = self.cases()[0]["id"]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(self.messages_of(case_id)) < 2:
            time.sleep(0.2)
        time.sleep(1.5)  # a further poll or two: nothing doubles
        self.assertEqual(len(self.messages_of(case_id)), 2)  # the first opened the application
        self.assertEqual(self.server.total_cases(), 1)
        self.assertEqual(self.standin.pending(), 0)

    def test_a_wrong_token_is_retried_with_back_off_and_stores_nothing(self):
        self.server.stop()
        self.standin.token = "654321:another-token"
        self.start_server()
        self.standin.user_writes(PERSON, "hello")
        time.sleep(3)
        self.assertEqual(self.server.total_cases(), 0)
        # Refused (401) and tried again with a growing wait (1 s, 2 s, …), not in a tight loop.
        self.assertGreaterEqual(self.standin.unauthorized, 1)
        self.assertLessEqual(self.standin.unauthorized, 4)
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)


if __name__ == "__main__":
    unittest.main()
