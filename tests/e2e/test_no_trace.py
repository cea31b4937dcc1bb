"""No trace on the applicant's phone, and nothing told by sizes on the wire (issue 21).

- Every public page's forms and links post to "/" (a hidden `go` says what to do), with
  autocomplete off, so the address bar and history hold "/" alone through applying, checking
  the status and writing a message; nothing links to another address of the site.
- Every answer says Cache-Control: no-store and sets no cookie; the pages that end a flow (the
  receipt, the status and conversation) send Clear-Site-Data for the cache, cookies and storage.
- Every answer of the public side, the whole of it as it crosses the wire (status line, headers
  and body), is one size whatever was done and however it ended: the form, applying, a
  refusal, checking a status, an unknown receipt, writing, the legal page, and the JSON API."""
import html.parser
import json
import re
import socket
import unittest
from urllib.parse import urlencode

from harness import ServerTest, minimal_application

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Forms(html.parser.HTMLParser):
    """Each form's attributes and fields, and every link's target."""

    def __init__(self):
        super().__init__()
        self.forms, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": a, "fields": {}})
        elif tag == "input" and self.forms and a.get("type") == "hidden":
            self.forms[-1]["fields"][a.get("name")] = a.get("value", "")
        elif tag == "a":
            self.links.append(a.get("href", ""))


def parse(page):
    parser = Forms()
    parser.feed(page.decode())
    return parser


def application_form(**fields):
    form = {"go": "apply", "language": "ru", "situation": "serving", "group_kind": "alone",
            "contact_channel": "signal", "contact_handle": "55501", "utc_offset": "+03:00",
            "name": "Бесследный Синтетический"}
    form.update(fields)
    return form


class NoTrace(ServerTest):
    def post_root(self, fields):
        return self.server.request("POST", "/", raw=urlencode(fields).encode(), headers=FORM)

    def wire_size(self, method, path, body=b"", content_type=None):
        """The whole answer's bytes as they come off the socket, and its status."""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if content_type:
            head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as s:
            s.sendall(head.encode() + b"\r\n" + body)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        return len(answer), int(answer.split(b" ", 2)[1])

    def test_every_page_posts_back_to_the_root_with_autocomplete_off(self):
        status, _, page = self.server.request("GET", "/")
        pages = {"form": page}
        for go in ("status", "legal", "form"):
            status, _, pages[go] = self.post_root({"go": go, "language": "uk"})
            self.assertEqual(status, 200, go)
            self.assertIn(b'<html lang="uk">', pages[go])
        status, _, pages["receipt"] = self.post_root(application_form())
        self.assertEqual(status, 200)
        receipt = re.search(rb'id="receipt">([^<]+)<', pages["receipt"]).group(1).decode()
        status, _, pages["conversation"] = self.post_root({"go": "check", "language": "ru", "receipt": receipt})
        self.assertEqual(status, 200)
        status, _, pages["written"] = self.post_root(
            {"go": "message", "language": "ru", "receipt": receipt, "text": "синтетический вопрос"})
        self.assertEqual(status, 200)
        self.assertIn("синтетический вопрос".encode(), pages["written"])
        for name, page in pages.items():
            parsed = parse(page)
            self.assertTrue(parsed.forms, name)
            for form in parsed.forms:
                self.assertEqual(form["attrs"].get("action"), "/", (name, form))
                self.assertEqual(form["attrs"].get("method"), "post", (name, form))
                self.assertEqual(form["attrs"].get("autocomplete"), "off", (name, form))
                self.assertIn(form["fields"].get("go"), {"apply", "check", "message", "proof", "form", "status", "legal"},
                              (name, form))
            # No link to another address of this site (the legal page cites outside sources).
            self.assertEqual([link for link in parsed.links if not link.startswith("https://")], [], name)
        # The receipt page tells how to leave no history, in the page's language.
        self.assertIn(b'id="no-trace"', pages["receipt"])
        self.assertIn("не оставить следов".encode(), pages["receipt"])

    def test_no_cache_no_cookie_and_the_end_of_a_flow_clears_the_site(self):
        _, _, page = self.post_root(application_form())
        receipt = re.search(rb'id="receipt">([^<]+)<', page).group(1).decode()
        answers = {
            "form": self.server.request("GET", "/"),
            "receipt": self.post_root(application_form()),
            "refusal": self.post_root(application_form(situation="nonsense")),
            "conversation": self.post_root({"go": "check", "language": "ru", "receipt": receipt}),
            "unknown": self.post_root({"go": "check", "language": "ru", "receipt": "000 000-00-00, 000000"}),
            "written": self.post_root({"go": "message", "language": "ru", "receipt": receipt, "text": "ещё"}),
        }
        clears = {"receipt", "conversation", "written"}
        for name, (status, headers, _) in answers.items():
            self.assertEqual(headers.get("cache-control"), "no-store", name)
            self.assertNotIn("set-cookie", headers, name)
            if name in clears:
                self.assertEqual(headers.get("clear-site-data"), '"cache", "cookies", "storage"', name)
            else:
                self.assertNotIn("clear-site-data", headers, name)
        self.assertEqual(answers["unknown"][0], 404)
        self.assertEqual(answers["refusal"][0], 400)

    def test_every_public_answer_is_one_size_on_the_wire(self):
        form = "application/x-www-form-urlencoded"
        json_type = "application/json"
        _, body, _ = self.server.submit(minimal_application())
        receipt = body["receipt"]

        def root(fields):
            return "POST", "/", urlencode(fields).encode(), form

        cases = {
            "the form": ("GET", "/", b"", None),
            "the status form": root({"go": "status", "language": "be"}),
            "the legal page": root({"go": "legal", "language": "en"}),
            "applying": root(application_form()),
            "a refused application": root(application_form(situation="nonsense")),
            "checking a status": root({"go": "check", "language": "ru", "receipt": receipt}),
            "an unknown receipt": root({"go": "check", "language": "ru", "receipt": "000 000-00-00, 000000"}),
            "writing": root({"go": "message", "language": "uk", "receipt": receipt, "text": "питання"}),
            "a refused message": root({"go": "message", "language": "ru", "receipt": receipt, "text": ""}),
            "applying (JSON)": ("POST", "/api/v1/applications",
                                json.dumps(minimal_application()).encode(), json_type),
            "checking (JSON)": ("POST", "/api/v1/applicant/status",
                                json.dumps({"receipt": receipt}).encode(), json_type),
            "writing (JSON)": ("POST", "/api/v1/applicant/messages",
                               json.dumps({"receipt": receipt, "text": "вопрос"}).encode(), json_type),
        }
        sizes = {}
        for name, (method, path, body, content_type) in cases.items():
            sizes[name] = self.wire_size(method, path, body, content_type)
        statuses = {name: status for name, (_, status) in sizes.items()}
        self.assertEqual(statuses["a refused application"], 400)
        self.assertEqual(statuses["an unknown receipt"], 404)
        self.assertEqual(statuses["applying (JSON)"], 201)
        distinct = {size for size, _ in sizes.values()}
        self.assertEqual(len(distinct), 1, sizes)
        # The smallest padded size: the body fills 31 KiB less what varies, the shared headers
        # take the rest of the 1 KiB allowance.
        self.assertTrue(32 * 1024 - 1024 < min(distinct) <= 32 * 1024, sizes)


if __name__ == "__main__":
    unittest.main()
