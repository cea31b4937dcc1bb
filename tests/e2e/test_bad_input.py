"""Every kind of bad input gets a 4xx with a message a person understands, and nothing is stored."""
import json
import unittest

from harness import ServerTest, minimal_application


class BadInput(ServerTest):
    def assertRefused(self, status, body, expected_status, field=None):
        self.assertEqual(status, expected_status, body)
        self.assertTrue(body["error"]["message"], body)
        if field:
            self.assertEqual(body["error"].get("field"), field, body)

    def post_raw(self, raw, content_type="application/json"):
        status, _, data = self.server.request("POST", "/api/v1/applications", raw=raw,
                                              headers={"Content-Type": content_type})
        import json
        return status, json.loads(data)

    def tearDown(self):
        self.assertEqual(self.server.total_cases(), 0, "a refused application was stored")

    def test_malformed_json(self):
        for raw in [b"{", b"", b"[1,2]", b"null", b'{"situation": "serving",}']:
            status, body = self.post_raw(raw)
            self.assertRefused(status, body, 400)

    def test_wrong_content_type(self):
        status, body = self.post_raw(b'{"situation":"serving"}', "text/plain")
        self.assertRefused(status, body, 415)
        status, body = self.post_raw(b"situation=serving", "application/x-www-form-urlencoded")
        self.assertRefused(status, body, 415)

    def test_unknown_enum_values(self):
        cases = [
            (minimal_application(situation="vacation"), "situation"),
            (minimal_application(group={"kind": "regiment"}), "group.kind"),
            (minimal_application(contact={"channel": "pigeon", "handle": "x"}), "contact.channel"),
            (minimal_application(language="fr"), "language"),
        ]
        for application, field in cases:
            status, body, _ = self.server.submit(application)
            self.assertRefused(status, body, 400, field)

    def test_oversized_body(self):
        status, body = self.post_raw(b'{"message":"' + b"x" * (100 * 1024) + b'"}')
        self.assertRefused(status, body, 413)

    def test_missing_required_fields(self):
        status, body, _ = self.server.submit({"contact": {"channel": "sms", "handle": "1"}})
        self.assertRefused(status, body, 400, "situation")
        status, body, _ = self.server.submit({"situation": "serving"})
        self.assertRefused(status, body, 400, "contact")
        status, body, _ = self.server.submit(minimal_application(contact={"channel": "sms"}))
        self.assertRefused(status, body, 400, "contact.handle")

    def test_invalid_utf8(self):
        status, body = self.post_raw(b'{"situation":"serving","name":"\xc3\x28","contact":{"channel":"none"}}')
        self.assertRefused(status, body, 400)

    def test_absurd_sizes_and_dates(self):
        cases = [
            (minimal_application(group={"kind": "unit", "size": 10**9}), "group.size"),
            (minimal_application(group={"kind": "unit", "size": -1}), "group.size"),
            (minimal_application(group={"kind": "unit", "size": 2.5}), "group.size"),
            (minimal_application(deploy_by="2026-02-30"), "deploy_by"),
            (minimal_application(deploy_by="1900-01-01"), "deploy_by"),
            (minimal_application(deploy_by="3000-01-01"), "deploy_by"),
            (minimal_application(name="x" * 201), "name"),
            (minimal_application(message="x" * 4001), "message"),
            (minimal_application(contact={"channel": "sms", "handle": "1", "safe_windows": ["whenever"]}),
             "contact.safe_windows"),
            (minimal_application(name=12), "name"),
        ]
        for application, field in cases:
            status, body, _ = self.server.submit(application)
            self.assertRefused(status, body, 400, field)

    def test_an_unknown_fields_name_is_not_repeated(self):
        # A key is the sender's text (a surname typed as a field name): refused, never echoed.
        for application, field in [(minimal_application(**{"Synthetic-Surname": "x"}), None),
                                   (minimal_application(contact={"channel": "sms", "Synthetic-Surname": "1"}),
                                    "contact")]:
            status, body, _ = self.server.submit(application)
            self.assertRefused(status, body, 400, field)
            self.assertNotIn("Synthetic-Surname", json.dumps(body, ensure_ascii=False))
            self.assertEqual(body["error"].get("field"), field, body)

    def test_bad_form_posts(self):
        status, _, data = self.server.request(
            "POST", "/apply", raw=b"situation=nonsense&contact_channel=sms&contact_handle=1&language=en",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400)
        self.assertIn("Please check the field «Your situation (required)»".encode(), data)
        status, _, data = self.server.request(
            "POST", "/apply", raw=("situation=serving&contact_channel=sms&contact_handle=1&language=ru&name="
                                   + "x" * 201).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400)
        self.assertIn("Проверьте поле «Имя»".encode(), data)
        self.assertIn(b'lang="ru"', data)
        status, _, _ = self.server.request("POST", "/apply", raw=b"name=%ZZ",
                                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400)

    def test_unknown_paths_and_methods(self):
        self.assertEqual(self.server.request("GET", "/nothing/here")[0], 404)
        self.assertEqual(self.server.request("GET", "/api/v1/applications")[0], 405)


if __name__ == "__main__":
    unittest.main()
