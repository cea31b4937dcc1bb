"""Deletion is final (crypto-shredding): a deleted case's key and ciphertext are nowhere in the
data folder, WAL included. The retention policy lists, then deletes, uncontacted applications."""
import os
import re
import sqlite3
import subprocess
import unittest

from harness import BIN, ServerTest, minimal_application


def lifeline(*args):
    return subprocess.run([BIN, *args], capture_output=True, timeout=300)


def folder_contains(folder, needle):
    for root, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(root, name), "rb") as f:
                if needle in f.read():
                    return os.path.join(root, name)
    return None


class Retention(ServerTest):
    def test_deleted_case_leaves_nothing_readable(self):
        self.server.stop()
        self.server.add_user("co.one", "coordinator", "synthetic-coordinator-pw")
        self.server.add_user("op.one", "operator", "synthetic-operator-pw")
        self.server.start()
        for n in range(3):
            self.assertEqual(self.server.submit(minimal_application(name=f"Удалов {n}"))[0], 201)
        db = sqlite3.connect(os.path.join(self.server.data, "lifeline.db"))
        wrapped_key, sealed = db.execute("SELECT wrapped_key, sealed_fields FROM applications WHERE id = 2").fetchone()
        db.close()
        self.assertIsNotNone(folder_contains(self.server.data, bytes(sealed[:64])))  # found before

        operator = self.server.sign_in("op.one", "synthetic-operator-pw")
        self.assertEqual(self.server.json("DELETE", "/api/v1/cases/2", headers=operator)[0], 403)
        operator = self.server.sign_in()  # a coordinator, who reads any case
        coordinator = self.server.sign_in("co.one", "synthetic-coordinator-pw")
        self.assertEqual(self.server.json("DELETE", "/api/v1/cases/2", headers=coordinator)[0], 204)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/2", headers=operator)[0], 404)
        self.assertEqual(self.server.json("DELETE", "/api/v1/cases/2", headers=coordinator)[0], 404)
        self.assertEqual(self.server.json("GET", "/api/v1/cases/3", headers=operator)[0], 200)

        for needle in (bytes(wrapped_key), bytes(sealed[:64]), bytes(sealed[-64:])):
            self.assertIsNone(folder_contains(self.server.data, needle), "deleted bytes still on disk (running)")
        self.server.stop()
        for needle in (bytes(wrapped_key), bytes(sealed[:64]), bytes(sealed[-64:])):
            self.assertIsNone(folder_contains(self.server.data, needle), "deleted bytes still on disk (stopped)")

    def test_purge_lists_then_deletes_only_old_uncontacted_applications(self):
        self.server.stop()
        result = lifeline("demo", "--data", self.server.data, "--applications", "40")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.server.start()
        operator = self.server.sign_in()
        _, newest, _ = self.server.json("GET", "/api/v1/cases?per_page=200", headers=operator)
        old_ids = {c["id"] for c in newest["items"] if c["received_on"] < self.cutoff(90)}
        replied = max(old_ids)  # a reply counts as contact: this one must stay
        self.assertEqual(self.server.json("POST", f"/api/v1/cases/{replied}/replies", {"text": "ответ"},
                                          headers=operator)[0], 201)
        self.server.stop()

        dry = lifeline("purge", "--data", self.server.data, "--older-than-days", "90", "--dry-run")
        self.assertEqual(dry.returncode, 0, dry.stderr)
        listed = {int(i) for i in re.findall(rb"case (\d+) received", dry.stdout)}
        self.assertEqual(listed, old_ids - {replied})
        self.assertNotIn("Синтет".encode(), dry.stdout)  # clear fields only

        result = lifeline("purge", "--data", self.server.data, "--older-than-days", "90",
                          "--passphrase-file", self.server.passphrase_file)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"{len(listed)} uncontacted applications".encode(), result.stdout)
        again = lifeline("purge", "--data", self.server.data, "--older-than-days", "90", "--dry-run")
        self.assertIn(b"0 uncontacted applications", again.stdout)
        self.server.start()
        self.assertEqual(self.server.total_cases(), 40 - len(listed))

        too_short = lifeline("purge", "--data", self.server.data, "--older-than-days", "7", "--dry-run")
        self.assertEqual(too_short.returncode, 1)
        self.assertIn(b"at least 30 days", too_short.stderr)

    @staticmethod
    def cutoff(days):
        import datetime
        return (datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=days)).isoformat()


if __name__ == "__main__":
    unittest.main()
