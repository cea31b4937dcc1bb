"""A stand-in for Telegram's Bot API (https://core.telegram.org/bots/api), on loopback, for
lifeline's tests: the documented subset lifeline uses, and a switch or two a test needs.

Faithful to the documentation where lifeline depends on it:
  * every method at /bot<token>/<method>, parameters as a JSON body, a form or a query string;
    answers {"ok":true,"result":...} or {"ok":false,"error_code":N,"description":...} with the
    HTTP status equal to error_code, and "parameters":{"retry_after":S} with 429;
  * a wrong token: 401 {"ok":false,"error_code":401,"description":"Unauthorized"};
  * getUpdates(offset, limit, timeout, allowed_updates): updates with update_id >= offset, in
    order; calling with an offset confirms (forgets) every update below it; waits up to
    `timeout` seconds for one; 409 while a webhook is set;
  * setWebhook(url, secret_token, allowed_updates) / deleteWebhook: while a webhook is set,
    each update is POSTed to it as JSON with X-Telegram-Bot-Api-Secret-Token; a 2xx answer
    delivers it (a JSON answer with "method" is performed, as the documentation allows for
    webhook replies; its result is not reported back); anything else leaves it pending and it
    is tried again;
  * sendMessage(chat_id, text): 400 "Bad Request: chat not found" for a chat that never wrote
    to the bot, 400 "Bad Request: message text is empty", 403 "Forbidden: bot was blocked by
    the user" for a chat that blocked the bot; text over 4096 characters: 400.
Not modelled: other update kinds than the test puts in, entities, files, inline mode, rate
limits other than the 429 switch, TLS (Telegram calls webhooks over HTTPS only).

Python standard library only. Use it in-process (BotApiStandin) or as a script:
    python3 bot_api_standin.py --token TOKEN [--port 0]
"""
import argparse
import http.client
import http.server
import json
import re
import threading
import time
import urllib.parse

SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class BotApiStandin:
    """The server and what it saw. Thread-safe."""

    def __init__(self, token, host="127.0.0.1", port=0):
        self.token = token
        self.lock = threading.Condition()
        self.updates = []           # pending updates (dicts), oldest first
        self.next_update_id = 100000
        self.next_message_id = {}   # chat id -> next message_id in that chat
        self.chats = set()          # chats that wrote to the bot (sendMessage may reach them)
        self.blocked = set()        # chats that blocked the bot
        self.sent = []              # (time, chat_id, text, via) for every message the bot sent
        self.calls = []             # (time, method, params) for every call with the right token
        self.webhook = None         # {"url", "secret_token", "allowed_updates"} or None
        self.throttle_left = 0      # how many sendMessage calls answer 429
        self.retry_after = 1
        self.deliveries = []        # (time, status) of webhook deliveries
        self.unauthorized = 0       # calls refused for a wrong token
        standin = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                self._serve()

            def do_POST(self):
                self._serve()

            def _serve(self):
                url = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, answer = standin.call(url.path, url.query, self.headers.get("Content-Type", ""), body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client gone mid-call (lifeline stopping during a long poll) is no news

        self.httpd = Server((host, port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://{host}:{self.port}"
        self._stopping = False
        self._threads = [threading.Thread(target=self.httpd.serve_forever, daemon=True),
                         threading.Thread(target=self._deliver_loop, daemon=True)]

    # --- running ------------------------------------------------------------------------
    def start(self):
        for t in self._threads:
            t.start()
        return self

    def stop(self):
        with self.lock:
            self._stopping = True
            self.lock.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- what a test does as Telegram's users -----------------------------------------------
    def user_writes(self, chat_id, text=None, **message_fields):
        """A user writes to the bot in a private chat; returns the Update."""
        with self.lock:
            self.chats.add(chat_id)
            message_id = self.next_message_id.get(chat_id, 1)
            self.next_message_id[chat_id] = message_id + 1
            message = {"message_id": message_id,
                       "from": {"id": chat_id, "is_bot": False, "first_name": "Synthetic"},
                       "chat": {"id": chat_id, "first_name": "Synthetic", "type": "private"},
                       "date": int(time.time())}
            if text is not None:
                message["text"] = text
            message.update(message_fields)
            return self._add_update({"message": message})

    def add_update(self, fields):
        """Any other Update (an edit, a group message…): `fields` without update_id."""
        with self.lock:
            return self._add_update(dict(fields))

    def redeliver(self, update):
        """Telegram sends an update again (a lost acknowledgement): the same update, again."""
        with self.lock:
            self.updates.append(dict(update))
            self.lock.notify_all()

    def _add_update(self, fields):
        update = {"update_id": self.next_update_id, **fields}
        self.next_update_id += 1
        self.updates.append(update)
        self.lock.notify_all()
        return update

    def throttle(self, calls, retry_after):
        """The next `calls` sendMessage calls answer 429 with parameters.retry_after."""
        with self.lock:
            self.throttle_left = calls
            self.retry_after = retry_after

    def block_bot(self, chat_id):
        with self.lock:
            self.blocked.add(chat_id)

    def sent_to(self, chat_id):
        with self.lock:
            return [text for _, chat, text, _ in self.sent if chat == chat_id]

    def wait_for_sent(self, chat_id, count=1, timeout=20):
        """The texts sent to `chat_id` once there are at least `count`; AssertionError if not in time."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                texts = [text for _, chat, text, _ in self.sent if chat == chat_id]
                if len(texts) >= count:
                    return texts
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(texts)} messages to the chat, wanted {count}")
                self.lock.wait(min(left, 0.2))

    def pending(self):
        with self.lock:
            return len(self.updates)

    # --- the Bot API --------------------------------------------------------------------------
    def call(self, path, query, content_type, body):
        match = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", path)
        if not match:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if match.group(1) != self.token:
            with self.lock:
                self.unauthorized += 1
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = match.group(2)
        params = dict(urllib.parse.parse_qsl(query))
        try:
            if body and content_type.startswith("application/json"):
                params.update(json.loads(body))
            elif body:
                params.update(urllib.parse.parse_qsl(body.decode()))
        except (ValueError, UnicodeDecodeError):
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: can't parse JSON object"}
        with self.lock:
            self.calls.append((time.time(), method, params))
        handler = {"getMe": self._get_me, "sendMessage": self._send_message, "getUpdates": self._get_updates,
                   "setWebhook": self._set_webhook, "deleteWebhook": self._delete_webhook,
                   "getWebhookInfo": self._get_webhook_info}.get(method)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        return handler(params)

    @staticmethod
    def _error(code, description, **parameters):
        answer = {"ok": False, "error_code": code, "description": description}
        if parameters:
            answer["parameters"] = parameters
        return code, answer

    def _get_me(self, params):
        return 200, {"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "Standin", "username": "standin_bot"}}

    def _send_message(self, params, via="sendMessage"):
        try:
            chat_id = int(params.get("chat_id"))
        except (TypeError, ValueError):
            return self._error(400, "Bad Request: chat not found")
        text = params.get("text")
        with self.lock:
            if self.throttle_left > 0 and via == "sendMessage":
                self.throttle_left -= 1
                return self._error(429, f"Too Many Requests: retry after {self.retry_after}",
                                   retry_after=self.retry_after)
            if chat_id not in self.chats:
                return self._error(400, "Bad Request: chat not found")
            if chat_id in self.blocked:
                return self._error(403, "Forbidden: bot was blocked by the user")
            if not isinstance(text, str) or not text.strip():
                return self._error(400, "Bad Request: message text is empty")
            if len(text) > 4096:
                return self._error(400, "Bad Request: message is too long")
            self.sent.append((time.time(), chat_id, text, via))
            self.lock.notify_all()
            message_id = self.next_message_id.get(chat_id, 1)
            self.next_message_id[chat_id] = message_id + 1
        return 200, {"ok": True, "result": {"message_id": message_id, "date": int(time.time()), "text": text,
                                            "chat": {"id": chat_id, "type": "private"},
                                            "from": {"id": 1, "is_bot": True, "first_name": "Standin"}}}

    def _get_updates(self, params):
        offset = int(params.get("offset", 0) or 0)
        limit = max(1, min(100, int(params.get("limit", 100) or 100)))
        timeout = max(0, int(params.get("timeout", 0) or 0))
        deadline = time.monotonic() + timeout
        with self.lock:
            if self.webhook:
                return self._error(409, "Conflict: can't use getUpdates method while webhook is active; "
                                        "use deleteWebhook to delete the webhook first")
            if offset > 0:  # confirms every update below it
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while True:
                if offset < 0:
                    ready = self.updates[offset:]
                else:
                    ready = [u for u in self.updates if u["update_id"] >= offset]
                left = deadline - time.monotonic()
                if ready or left <= 0 or self._stopping:
                    return 200, {"ok": True, "result": ready[:limit]}
                self.lock.wait(left)

    def _set_webhook(self, params):
        url = params.get("url", "")
        secret = params.get("secret_token")
        if secret is not None and not SECRET_TOKEN.match(secret):
            return self._error(400, "Bad Request: secret token contains unallowed characters")
        with self.lock:
            if not url:
                self.webhook = None
                return 200, {"ok": True, "result": True, "description": "Webhook was deleted"}
            allowed = params.get("allowed_updates")
            if isinstance(allowed, str):
                allowed = json.loads(allowed)
            self.webhook = {"url": url, "secret_token": secret, "allowed_updates": allowed}
            self.lock.notify_all()
        return 200, {"ok": True, "result": True, "description": "Webhook was set"}

    def _delete_webhook(self, params):
        with self.lock:
            self.webhook = None
            if str(params.get("drop_pending_updates", "")).lower() == "true":
                self.updates = []
        return 200, {"ok": True, "result": True, "description": "Webhook was deleted"}

    def _get_webhook_info(self, params):
        with self.lock:
            hook = self.webhook or {}
            return 200, {"ok": True, "result": {"url": hook.get("url", ""), "has_custom_certificate": False,
                                                "pending_update_count": len(self.updates)}}

    # --- webhook delivery, as Telegram does it ------------------------------------------------
    def _deliver_loop(self):
        while True:
            with self.lock:
                while not self._stopping and not (self.webhook and self.updates):
                    self.lock.wait(0.5)
                if self._stopping:
                    return
                hook = dict(self.webhook)
                update = self.updates[0]
            status, answer = self._post(hook, update)
            with self.lock:
                self.deliveries.append((time.time(), status))
                if 200 <= status < 300:
                    if self.updates and self.updates[0] is update:
                        self.updates.pop(0)
                    method = answer.get("method") if isinstance(answer, dict) else None
                else:
                    method = None
            if method == "sendMessage":
                self._send_message(answer, via="webhook")
            elif not 200 <= status < 300:
                time.sleep(0.5)  # Telegram tries again later

    @staticmethod
    def _post(hook, update):
        url = urllib.parse.urlsplit(hook["url"])
        headers = {"Content-Type": "application/json"}
        if hook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
        try:
            conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
            conn.request("POST", url.path or "/", body=json.dumps(update).encode(), headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            conn.close()
        except OSError:
            return 0, None
        try:
            return resp.status, json.loads(data) if data else None
        except ValueError:
            return resp.status, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    standin = BotApiStandin(args.token, port=args.port).start()
    print(f"bot api stand-in on {standin.base_url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        standin.stop()


if __name__ == "__main__":
    main()
