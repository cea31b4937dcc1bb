"""Encrypted backups: an online backup restores into a working store; a wrong passphrase and
a truncated, bit-flipped or extended file are refused with a clear message and write nothing."""
import os
import shutil
import subprocess
import unittest

from harness import BIN, Server, minimal_application


def lifeline(*args):
    return subprocess.run([BIN, *args], capture_output=True, timeout=300)


class Backup(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start()
        self.receipts = []
        for n in range(3):
            status, body, _ = self.server.submit(minimal_application(name=f"Резервов Синтетический {n}"))
            self.assertEqual(status, 201)
            self.receipts.append(body["receipt"])
        self.backup = os.path.join(self.server.dir, "lifeline.backup")
        # Taken while the server runs: an online snapshot.
        result = lifeline("backup", "--data", self.server.data, "--passphrase-file", self.server.passphrase_file,
                          "--out", self.backup)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.server.stop()

    def restore(self, backup, target, passphrase_file=None):
        return lifeline("restore", "--in", backup, "--data", target,
                        "--passphrase-file", passphrase_file or self.server.passphrase_file)

    def test_backup_is_encrypted_and_restores_into_a_working_store(self):
        with open(self.backup, "rb") as f:
            content = f.read()
        self.assertNotIn(b"SQLite format 3", content)
        self.assertNotIn("Резервов".encode(), content)

        target = os.path.join(self.server.dir, "restored")
        result = self.restore(self.backup, target)
        self.assertEqual(result.returncode, 0, result.stderr)
        shutil.rmtree(self.server.data)
        os.rename(target, self.server.data)
        self.server.start()
        for receipt in self.receipts:
            self.assertEqual(self.server.check(receipt)[0], 200)
        auth = self.server.sign_in()
        _, case, _ = self.server.json("GET", "/api/v1/cases/2", headers=auth)
        self.assertEqual(case["name"], "Резервов Синтетический 1")
        self.server.stop()
        verify = lifeline("audit", "verify", "--data", self.server.data, "--passphrase-file",
                          self.server.passphrase_file)
        self.assertEqual(verify.returncode, 0, verify.stdout)

    def assertRefused(self, backup, message):
        target = os.path.join(self.server.dir, "refused")
        result = self.restore(backup, target)
        self.assertEqual(result.returncode, 1)
        self.assertIn(message, result.stderr)
        self.assertFalse(os.path.exists(os.path.join(target, "lifeline.db")), "a refused restore wrote a store")

    def tampered(self, change):
        with open(self.backup, "rb") as f:
            content = bytearray(f.read())
        change(content)
        path = self.backup + ".tampered"
        with open(path, "wb") as f:
            f.write(content)
        return path

    def test_damaged_backups_are_refused(self):
        def flip(c):
            c[len(c) // 2] ^= 0x04
        self.assertRefused(self.tampered(flip), b"damaged or was altered")
        self.assertRefused(self.tampered(lambda c: c.__delitem__(slice(len(c) - 100, None))),
                           b"damaged or was altered")
        self.assertRefused(self.tampered(lambda c: c.extend(b"appended")), b"damaged or was altered")
        self.assertRefused(self.tampered(lambda c: c.__delitem__(slice(40, None))), b"not a lifeline backup")

    def test_wrong_passphrase_and_occupied_targets_are_refused(self):
        wrong = os.path.join(self.server.secrets, "wrong")
        with open(wrong, "w") as f:
            f.write("not the office passphrase\n")
        result = self.restore(self.backup, os.path.join(self.server.dir, "x"), wrong)
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"wrong passphrase", result.stderr)

        result = self.restore(self.backup, self.server.data)
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"already holds a store", result.stderr)

        result = lifeline("backup", "--data", self.server.data, "--passphrase-file", self.server.passphrase_file,
                          "--out", self.backup)
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"already exists", result.stderr)
        result = lifeline("backup", "--data", self.server.data, "--passphrase-file", wrong,
                          "--out", self.backup + ".2")
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"wrong office passphrase", result.stderr)
        self.assertFalse(os.path.exists(self.backup + ".2"))


if __name__ == "__main__":
    unittest.main()
