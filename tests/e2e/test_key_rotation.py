"""Office key rotation from the command line: refused while a server runs; afterwards every
case, reply, receipt and the audit chain still work; retirement destroys the old private key
and only once no case needs it."""
import os
import sqlite3
import subprocess
import unittest

from harness import BIN, Server, minimal_application


def lifeline(*args):
    return subprocess.run([BIN, *args], capture_output=True, timeout=300)


class KeyRotation(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start()
        self.receipts = []
        for n in range(5):
            status, body, _ = self.server.submit(minimal_application(name=f"Ротаций Синтетический {n}"))
            self.assertEqual(status, 201)
            self.receipts.append(body["receipt"])
        auth = self.server.sign_in()
        status, _, _ = self.server.json("POST", "/api/v1/cases/1/replies", {"text": "Ответ до смены ключа."},
                                        headers=auth)
        self.assertEqual(status, 201)
        status, _, _ = self.server.json("POST", "/api/v1/applicant/messages",
                                        {"receipt": self.receipts[0], "text": "Сообщение до смены ключа."})
        self.assertEqual(status, 201)

    def rotate(self, *extra):
        return lifeline("rotate-key", "--data", self.server.data,
                        "--passphrase-file", self.server.passphrase_file, *extra)

    def office_keys(self):
        with sqlite3.connect(f"file:{self.server.data}/lifeline.db?mode=ro", uri=True) as db:
            return db.execute("SELECT generation, private_sealed IS NOT NULL FROM office_keys "
                              "ORDER BY generation").fetchall()

    def wrapped_private_key(self, generation):
        with sqlite3.connect(f"file:{self.server.data}/lifeline.db?mode=ro", uri=True) as db:
            (sealed,) = db.execute("SELECT private_sealed FROM office_keys WHERE generation = ?",
                                   (generation,)).fetchone()
        self.assertEqual(len(sealed), 24 + 32 + 16)  # nonce, key, tag
        return sealed

    def expect_every_case_opens(self):
        auth = self.server.sign_in()
        for case_id in range(1, 6):
            status, case, _ = self.server.json("GET", f"/api/v1/cases/{case_id}", headers=auth)
            self.assertEqual(status, 200, case)
            self.assertEqual(case["name"], f"Ротаций Синтетический {case_id - 1}")
        _, applicant, _ = self.server.check(self.receipts[0])
        self.assertEqual([m["text"] for m in applicant["messages"]],
                         ["Ответ до смены ключа.", "Сообщение до смены ключа."])
        _, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=auth)
        self.assertEqual([(m["from"], m["text"]) for m in case["messages"]],
                         [("office", "Ответ до смены ключа."), ("applicant", "Сообщение до смены ключа.")])

    def test_rotation_keeps_every_case_readable_and_retirement_destroys_the_old_key(self):
        busy = self.rotate()
        self.assertEqual(busy.returncode, 1)
        self.assertIn(b"stop every server before rotating", busy.stderr)
        self.assertEqual(self.office_keys(), [(1, 1)])

        self.server.stop()
        rotated = self.rotate("--batch", "2")
        self.assertEqual(rotated.returncode, 0, rotated.stderr)
        # Five applications and one message the applicant wrote.
        self.assertIn(b"rotated to office key generation 2: 6 keys re-sealed", rotated.stdout)
        self.assertEqual(self.office_keys(), [(1, 1), (2, 1)])

        self.server.start()
        self.expect_every_case_opens()
        status, _, _ = self.server.submit(minimal_application(name="После Ротации"))
        self.assertEqual(status, 201)
        self.server.stop()

        old_wrapped_key = self.wrapped_private_key(1)
        retired = self.rotate("--retire")
        self.assertEqual(retired.returncode, 0, retired.stderr)
        self.assertIn(b"1 older office key generation(s) retired", retired.stdout)
        self.assertEqual(self.office_keys(), [(1, 0), (2, 1)])
        for name in os.listdir(self.server.data):  # not in the database, its log or free pages
            with open(os.path.join(self.server.data, name), "rb") as f:
                self.assertNotIn(old_wrapped_key, f.read(), name)

        self.server.start()
        self.expect_every_case_opens()
        self.server.stop()
        verify = lifeline("audit", "verify", "--data", self.server.data,
                          "--passphrase-file", self.server.passphrase_file)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        self.assertIn(b"chain intact", verify.stdout)

    def test_wrong_passphrase_is_refused_and_changes_nothing(self):
        self.server.stop()
        wrong = self.server._secret("wrong", "not the office passphrase")
        result = lifeline("rotate-key", "--data", self.server.data, "--passphrase-file", wrong)
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"wrong office passphrase", result.stderr)
        self.assertEqual(self.office_keys(), [(1, 1)])


if __name__ == "__main__":
    unittest.main()
