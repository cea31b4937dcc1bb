"""The intake role holds only the public key: it stores applications and cannot read them.
The office role serves no public pages."""
import hashlib
import os
import unittest

from harness import Server, minimal_application


class Roles(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)

    def test_intake_stores_but_cannot_read(self):
        self.server.start("intake")
        status, body, _ = self.server.submit(minimal_application(name="Ролев Синтетический"))
        self.assertEqual(status, 201)
        receipt = body["receipt"]
        self.assertEqual(self.server.check(receipt)[0], 200)
        for method, path in [("GET", "/api/v1/cases"), ("GET", "/api/v1/cases/1"), ("GET", "/console/"),
                             ("POST", "/api/v1/session")]:
            self.assertEqual(self.server.request(method, path)[0], 404, path)
        self.server.stop()

        self.server.start("office")
        self.assertEqual(self.server.request("GET", "/")[0], 404)
        self.assertEqual(self.server.submit(minimal_application())[0], 404)
        auth = self.server.sign_in()
        status, page, _ = self.server.json("GET", "/api/v1/cases", headers=auth)
        self.assertEqual(page["total"], 1)
        status, case, _ = self.server.json("GET", f"/api/v1/cases/{page['items'][0]['id']}", headers=auth)
        self.assertEqual(case["name"], "Ролев Синтетический")

    def test_office_refuses_a_wrong_passphrase_and_writes_nothing(self):
        def snapshot():
            files = {}
            for name in sorted(os.listdir(self.server.data)):
                with open(os.path.join(self.server.data, name), "rb") as f:
                    files[name] = hashlib.sha256(f.read()).hexdigest()
            return files
        before = snapshot()
        with open(self.server.passphrase_file, "w") as f:
            f.write("not the office passphrase\n")
        with self.assertRaises(RuntimeError) as failure:
            self.server.start("office")
        self.assertIn("wrong office passphrase", str(failure.exception))
        self.assertEqual(self.server.proc.wait(timeout=30), 1)
        self.server.proc = None
        self.assertEqual(snapshot(), before)


if __name__ == "__main__":
    unittest.main()
