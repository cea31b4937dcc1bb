"""The office's k-of-n key (issue 22): `lifeline custodians` deals the key to three custodians,
any two of whom start the office; one alone, or the old passphrase, does not; a deal anew
leaves a departed custodian with nothing; cases from before each deal still open; the
console shows the custodians to administrators and auditors, and to nobody else; backups
and `init` work with custodians too."""
import os
import subprocess
import unittest

from harness import ADMIN_PASSWORD, BIN, ServerTest, minimal_application

NAME = "Хранителев Синтетический"


def lifeline(*args):
    return subprocess.run([BIN, *args], capture_output=True, timeout=120)


class Custodians(ServerTest):
    def setUp(self):
        super().setUp()
        status, body, _ = self.server.submit(minimal_application(name=NAME))
        self.assertEqual(status, 201)
        self.server.stop()
        self.files = {n: self.server._secret("custodian-" + n, f"synthetic passphrase of {n}")
                      for n in ["kate", "lev", "mira", "nina"]}

    def custodians(self, *names):
        return [a for n in names for a in ("--custodian", f"{n}={self.files[n]}")]

    def deal(self, unlock, threshold, *names):
        return lifeline("custodians", *self.server.store_args(), *unlock, "--threshold", str(threshold),
                        *[a for n in names for a in ("--new-custodian", f"{n}={self.files[n]}")])

    def starts_with(self, unlock):
        self.server.unlock_args = unlock
        try:
            self.server.start()
        except RuntimeError as refused:
            self.server.proc.wait(timeout=60)
            self.server.proc = None
            self.server.log.close()
            return str(refused)
        return None

    def assert_case_opens(self):
        coordinator = self.server.sign_in()
        status, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=coordinator)
        self.assertEqual((status, case.get("name")), (200, NAME))

    def test_any_two_of_three_open_the_office_and_nothing_less_does(self):
        passphrase = ["--passphrase-file", self.server.passphrase_file]
        dealt = self.deal(passphrase, 2, "kate", "lev", "mira")
        self.assertEqual(dealt.returncode, 0, dealt.stderr.decode())
        self.assertIn(b"any 2 of 3 custodians", dealt.stdout)

        self.assertIn("opens only with 2", self.starts_with(passphrase))
        self.assertIn("2 of its 3 custodians; 1 given", self.starts_with(self.custodians("kate")))
        wrong = self.server._secret("wrong", "not the passphrase of lev")
        refused = self.starts_with(["--custodian", f"kate={self.files['kate']}", "--custodian", f"lev={wrong}"])
        self.assertIn('wrong passphrase for custodian "lev"', refused)
        self.assertNotIn("not the passphrase", refused)
        for pair in [("kate", "lev"), ("lev", "mira"), ("mira", "kate")]:
            self.assertIsNone(self.starts_with(self.custodians(*pair)), pair)
            self.assert_case_opens()
            self.server.stop()

        # Every command that unlocks the office takes the custodians.
        self.server.unlock_args = self.custodians("kate", "mira")
        self.server.add_user("r.auditor", "auditor", "synthetic-auditor-password")
        verify = lifeline("audit", "verify", *self.server.store_args(), *self.custodians("lev", "kate"))
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        self.assertIn(b"chain intact", verify.stdout)
        self.assertNotEqual(lifeline("verify", *self.server.store_args(), *self.custodians("lev")).returncode, 0)

        # The console shows them to administrators and auditors only.
        self.assertIsNone(self.starts_with(self.custodians("kate", "lev")))
        for name, password in [("admin", ADMIN_PASSWORD), ("r.auditor", "synthetic-auditor-password")]:
            auth = self.server.sign_in(name, password)
            status, _, page = self.server.request("GET", "/console/custodians", headers={"Cookie": auth["Cookie"]})
            self.assertEqual(status, 200, name)
            text = page.decode()
            for custodian in ["kate", "lev", "mira"]:
                self.assertIn(f"<td>{custodian}</td>", text, name)
            self.assertIn("любые 2 из 3", text)
            status, body, _ = self.server.json("GET", "/api/v1/custodians", headers=auth)
            self.assertEqual((status, body["threshold"], [c["name"] for c in body["custodians"]]),
                             (200, 2, ["kate", "lev", "mira"]))
        coordinator = self.server.sign_in()
        self.assertEqual(self.server.request("GET", "/console/custodians",
                                             headers={"Cookie": coordinator["Cookie"]})[0], 403)
        self.assertEqual(self.server.json("GET", "/api/v1/custodians", headers=coordinator)[0], 403)
        self.server.stop()

        # Mira leaves, Nina joins: the office opens with the new set; Mira's file opens nothing.
        again = self.deal(self.custodians("kate", "lev"), 2, "kate", "lev", "nina")
        self.assertEqual(again.returncode, 0, again.stderr.decode())
        self.assertIn("not one of this office's custodians", self.starts_with(self.custodians("kate", "mira")))
        self.assertIsNone(self.starts_with(self.custodians("nina", "lev")))
        self.assert_case_opens()
        self.server.stop()
        verify = lifeline("audit", "verify", *self.server.store_args(), *self.custodians("nina", "kate"))
        self.assertIn(b"chain intact", verify.stdout)

    def test_backups_restore_with_custodians(self):
        if self.server.postgres:
            self.skipTest("backup and restore are SQLite's (test_backup.py)")
        dealt = self.deal(["--passphrase-file", self.server.passphrase_file], 2, "kate", "lev", "mira")
        self.assertEqual(dealt.returncode, 0, dealt.stderr.decode())
        out = os.path.join(self.server.dir, "custodians.backup")
        no_file_passphrase = lifeline("backup", *self.server.store_args(), *self.custodians("kate", "lev"),
                                      "--out", out)
        self.assertNotEqual(no_file_passphrase.returncode, 0)
        self.assertIn(b"--passphrase-file", no_file_passphrase.stderr)
        made = lifeline("backup", *self.server.store_args(), *self.custodians("kate", "lev"),
                        "--passphrase-file", self.server.passphrase_file, "--out", out)
        self.assertEqual(made.returncode, 0, made.stderr.decode())
        target = os.path.join(self.server.dir, "restored")
        restored = lifeline("restore", "--in", out, "--data", target, "--passphrase-file",
                            self.server.passphrase_file, *self.custodians("mira", "lev"))
        self.assertEqual(restored.returncode, 0, restored.stderr.decode())
        self.server.data = target
        self.assertIsNone(self.starts_with(self.custodians("lev", "kate")))
        self.assert_case_opens()

    def test_init_can_deal_the_key_at_once(self):
        folder = os.path.join(self.server.dir, "fresh")
        one = lifeline("init", "--data", folder, "--admin", "admin", "--admin-password-file",
                       self.server.admin_password_file, "--threshold", "2", *self.custodians("kate"))
        self.assertNotEqual(one.returncode, 0)
        self.assertIn(b"at least 2", one.stderr)
        made = lifeline("init", "--data", folder, "--admin", "admin", "--admin-password-file",
                        self.server.admin_password_file, "--threshold", "2",
                        *self.custodians("kate", "lev", "mira"))
        self.assertEqual(made.returncode, 0, made.stderr.decode())
        self.assertIn(b"any 2 of them", made.stdout)
        self.assertEqual(lifeline("audit", "verify", "--data", folder, *self.custodians("mira", "lev")).returncode, 0)
        self.assertNotEqual(lifeline("audit", "verify", "--data", folder, *self.custodians("mira")).returncode, 0)


if __name__ == "__main__":
    unittest.main()
