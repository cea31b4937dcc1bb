"""The HTTP edge answers what it refuses: 413, 414, 431 and 400 with the API's error body
and a clean close; HEAD for every GET; a cap on connections that keeps /healthz answering."""
import json
import socket
import time
import unittest
import urllib.parse

from harness import ServerTest

MiB = 1024 * 1024


def exchange(port, data, timeout=20):
    """Sends raw bytes, reads until the server closes; the bytes read."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        return read_to_close(s)


def read_to_close(s):
    chunks = []
    while True:
        chunk = s.recv(65536)  # ConnectionResetError here means the answer was not clean
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def parse_answers(raw):
    """[(status, headers, body)] for each answer in `raw` (bodies framed by Content-Length)."""
    answers = []
    while raw:
        head, _, rest = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        answers.append((status, headers, rest[:length]))
        raw = rest[length:]
    return answers


class EdgeRefusals(ServerTest):
    def assertRefusedAndClosed(self, raw, status, code):
        answers = parse_answers(raw)
        self.assertEqual(len(answers), 1, raw[:300])
        got_status, headers, body = answers[0]
        self.assertEqual(got_status, status, body)
        self.assertEqual(headers.get("connection"), "close")
        self.assertTrue(headers["content-type"].startswith("application/json"))
        error = json.loads(body)["error"]
        self.assertEqual(error["code"], code)
        self.assertTrue(error["message"])
        return error

    def assertStillServing(self):
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)

    def test_body_over_the_transport_limit_gets_413(self):
        body = b"x" * (2 * MiB)
        raw = exchange(self.server.port, b"POST /api/v1/applications HTTP/1.1\r\nHost: t\r\n"
                       b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        error = self.assertRefusedAndClosed(raw, 413, "too_large")
        self.assertIn("1024 KiB", error["message"])
        self.assertStillServing()

    def test_chunked_body_over_the_transport_limit_gets_413(self):
        chunk = b"y" * 65536
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(20)) + b"0\r\n\r\n"
        raw = exchange(self.server.port, b"POST /api/v1/applications HTTP/1.1\r\nHost: t\r\n"
                       b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)
        self.assertRefusedAndClosed(raw, 413, "too_large")

    def test_body_over_the_handler_limit_gets_413(self):
        status, _, data = self.server.request("POST", "/api/v1/applications", raw=b"x" * (100 * 1024),
                                              headers={"Content-Type": "application/json"})
        self.assertEqual(status, 413)
        self.assertEqual(json.loads(data)["error"]["code"], "too_large")

    def test_long_url_gets_414(self):
        raw = exchange(self.server.port, b"GET /?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: t\r\n\r\n")
        error = self.assertRefusedAndClosed(raw, 414, "uri_too_long")
        self.assertIn("8192", error["message"])
        self.assertStillServing()

    def test_huge_header_gets_431(self):
        raw = exchange(self.server.port, b"GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + b"b" * 20000 + b"\r\n\r\n")
        self.assertRefusedAndClosed(raw, 431, "headers_too_large")
        # past http_parser's own 80 KiB limit too
        raw = exchange(self.server.port, b"GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + b"b" * 100000 + b"\r\n\r\n")
        self.assertRefusedAndClosed(raw, 431, "headers_too_large")

    def test_many_headers_get_431(self):
        fields = b"".join(b"X-F%d: v\r\n" % i for i in range(150))
        raw = exchange(self.server.port, b"GET / HTTP/1.1\r\nHost: t\r\n" + fields + b"\r\n")
        self.assertRefusedAndClosed(raw, 431, "headers_too_large")

    def test_nul_in_headers_gets_400(self):
        for request in [b"GET / HTTP/1.1\r\nHost: t\r\nX-Nul: a\x00b\r\n\r\n",
                        b"GET / HTTP/1.1\r\nHost: t\r\nX-N\x00ul: ab\r\n\r\n",
                        b"GET / HTTP/1.1\r\nHost: t\r\nCookie: \x00\r\n\r\n"]:
            raw = exchange(self.server.port, request)
            error = self.assertRefusedAndClosed(raw, 400, "malformed_request")
            self.assertIn("not well-formed HTTP", error["message"])
        self.assertStillServing()

    def test_garbage_gets_400(self):
        for request in [b"HELLO\r\n\r\n", b"GET / HTTP/9.Z\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"]:
            raw = exchange(self.server.port, request)
            self.assertRefusedAndClosed(raw, 400, "malformed_request")

    def test_good_request_before_a_bad_one_is_answered_first(self):
        raw = exchange(self.server.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                                         b"GET / HTTP/1.1\r\nHost: t\r\nX-Nul: \x00\r\n\r\n")
        answers = parse_answers(raw)
        self.assertEqual([a[0] for a in answers], [200, 400], raw[:500])

    def test_form_too_long_comes_back_in_its_language_with_the_text(self):
        message = "Повідомлення " + "ї" * 40000  # 80 KB in UTF-8, far more once form-encoded
        form = urllib.parse.urlencode({"situation": "serving", "contact_channel": "none", "language": "uk",
                                       "name": "Test Applicant", "message": message}).encode()
        self.assertGreater(len(form), 64 * 1024)
        status, headers, data = self.server.request(
            "POST", "/apply", raw=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 413)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        page = data.decode()
        self.assertIn("Повідомлення задовге: не більше 4000 знаків", page)
        self.assertIn(message[:4000] + "</textarea>", page)
        self.assertIn('value="Test Applicant"', page)
        self.assertEqual(self.server.total_cases(), 0)


class Head(ServerTest):
    def test_head_answers_every_public_get_page_without_a_body(self):
        for path in ["/", "/?lang=en", "/status", "/legal", "/static/style.css", "/healthz"]:
            get = parse_answers(exchange(self.server.port, b"GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                                         % path.encode()))
            raw = exchange(self.server.port, b"HEAD %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" % path.encode())
            head_text, _, after = raw.partition(b"\r\n\r\n")
            self.assertEqual(after, b"", f"HEAD {path} sent a body")
            lines = head_text.decode().split("\r\n")
            status = int(lines[0].split(" ")[1])
            headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:]}
            get_status, get_headers, get_body = get[0]
            self.assertEqual(status, 200, path)
            self.assertEqual(get_status, 200, path)
            self.assertEqual(headers["content-length"], str(len(get_body)), path)
            for name in ["content-type", "content-security-policy", "cache-control", "x-frame-options"]:
                self.assertEqual(headers.get(name), get_headers.get(name), (path, name))

    def test_head_on_a_post_only_address_is_405(self):
        self.assertEqual(self.server.request("HEAD", "/apply")[0], 405)


class ConnectionCap(ServerTest):
    CAP = 4

    def setUp(self):
        from harness import Server
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start("all", extra=["--max-connections", str(self.CAP)])

    def keep_alive_get(self, s, path):
        s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % path.encode())
        data = b""
        while b"\r\n\r\n" not in data:
            data += s.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        status, headers, _ = parse_answers(head + b"\r\n\r\n")[0]
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            body += s.recv(65536)
        return status, headers, body

    def test_healthy_requests_still_answered_at_the_cap(self):
        held = [socket.create_connection(("127.0.0.1", self.server.port), timeout=10) for _ in range(self.CAP)]
        try:
            for s in held:  # each answered once: all are open and counted
                self.assertEqual(self.keep_alive_get(s, "/healthz")[0], 200)
            # At the cap: a new connection gets 503 with Retry-After, then is closed ...
            raw = exchange(self.server.port, b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            (status, headers, body), = parse_answers(raw)
            self.assertEqual(status, 503)
            self.assertEqual(headers["retry-after"], "1")
            self.assertEqual(json.loads(body)["error"]["code"], "busy")
            # ... but /healthz on a new connection is answered
            self.assertEqual(self.server.request("GET", "/healthz")[0], 200)
            # and the connections already open keep working
            for s in held:
                status, _, body = self.keep_alive_get(s, "/")
                self.assertEqual(status, 200)
                self.assertIn(b"<form", body)
        finally:
            for s in held:
                s.close()
        # Below the cap again, new connections are served.
        deadline = time.time() + 10
        while True:
            status = self.server.request("GET", "/")[0]
            if status == 200 or time.time() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()
