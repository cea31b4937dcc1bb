"""Tamper-evident rows (docs/security.md, "Tamper-evident rows"): rows edited in the database
behind the server's back answer a clear integrity error (409, never a 500, never the row's
data), and `lifeline verify` exits 3 naming each bad row as table:id."""
import sqlite3
import subprocess
import unittest

from harness import BIN, Server, minimal_application, psql

OPERATOR_TWO_PASSWORD = "synthetic-op-two-password"


class RowIntegrity(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.add_user("op.two", "operator", OPERATOR_TWO_PASSWORD)
        self.server.start()

    def tamper(self, sql):
        """Edits the store directly, as a database administrator or a restored backup would."""
        if self.server.postgres:
            psql(self.server.postgres.conninfo, sql)
            return
        db = sqlite3.connect(f"{self.server.data}/lifeline.db")
        try:
            db.executescript(sql)
        finally:
            db.close()

    def verify(self):
        return subprocess.run([BIN, "verify", *self.server.store_args(), "--passphrase-file",
                               self.server.passphrase_file], capture_output=True, text=True, timeout=120)

    def test_an_edited_or_swapped_case_answers_integrity_and_verify_names_it(self):
        names = ["Первов Синтетический", "Вторая Синтетическая", "Третий Синтетический"]
        for name in names:
            self.assertEqual(self.server.submit(minimal_application(name=name))[0], 201)
        coordinator = self.server.sign_in()
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/status",
                                          {"to": "contacted", "version": 0}, headers=coordinator)[0], 200)
        status, _, body = self.server.request("GET", "/api/v1/cases/1", headers=coordinator)
        self.assertEqual(status, 200, body)
        clean = self.verify()
        self.assertEqual(clean.returncode, 0, clean.stdout + clean.stderr)
        self.assertIn("all intact", clean.stdout)

        self.tamper("UPDATE applications SET status = 'verified' WHERE id = 1")
        # Case 3 would show case 2's applicant: the rows change places, ids stay.
        self.tamper("UPDATE applications SET id = -1 WHERE id = 3; UPDATE applications SET id = 3 WHERE id = 2; "
                    "UPDATE applications SET id = 2 WHERE id = -1")
        for case in (1, 2, 3):
            status, _, body = self.server.request("GET", f"/api/v1/cases/{case}", headers=coordinator)
            self.assertEqual(status, 409, body)
            self.assertIn(b'"code":"integrity"', body)
            self.assertIn(f"applications:{case}".encode(), body)
            for name in names:
                self.assertNotIn(name.encode(), body)

        result = self.verify()
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        bad = [line.split(":")[0] + ":" + line.split(":")[1] for line in result.stdout.splitlines()
               if line.startswith("applications:")]
        self.assertEqual(bad, ["applications:1", "applications:2", "applications:3"])
        for name in names:
            self.assertNotIn(name, result.stdout)

    def test_a_raised_role_cannot_sign_in_and_verify_names_the_account(self):
        self.tamper("UPDATE users SET role = 'coordinator' WHERE name = 'op.two'")
        status, body, _ = self.server.json("POST", "/api/v1/session",
                                           {"name": "op.two", "password": OPERATOR_TWO_PASSWORD})
        self.assertEqual(status, 409, body)
        self.assertEqual(body["error"]["code"], "integrity")
        # The other accounts still work.
        self.server.sign_in()
        result = self.verify()
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertIn("users:3: MAC does not match", result.stdout)

    def test_a_deleted_conversation_is_caught(self):
        self.assertEqual(self.server.submit(minimal_application())[0], 201)
        coordinator = self.server.sign_in()
        status, body, _ = self.server.json("POST", "/api/v1/cases/1/replies", {"text": "synthetic reply"},
                                              headers=coordinator)
        self.assertIn(status, (200, 201), body)
        self.tamper("DELETE FROM messages WHERE case_id = 1")
        status, _, body = self.server.request("GET", "/api/v1/cases/1", headers=coordinator)
        self.assertEqual(status, 409, body)
        result = self.verify()
        self.assertEqual(result.returncode, 3)
        self.assertIn("applications:1: MAC does not match", result.stdout)


if __name__ == "__main__":
    unittest.main()
