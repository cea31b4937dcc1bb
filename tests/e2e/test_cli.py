"""The command line: clear messages and non-zero exits for bad input; secrets never in argv."""
import os
import subprocess
import tempfile
import unittest

from harness import BIN, Server


def lifeline(*args, stdin=None):
    return subprocess.run([BIN, *args], capture_output=True, input=stdin, timeout=120)


class Cli(unittest.TestCase):
    def test_init_twice_is_refused(self):
        server = Server()
        self.addCleanup(server.cleanup)
        result = lifeline("init", "--data", server.data, "--passphrase-file", server.passphrase_file,
                          "--admin-password-file", server.admin_password_file)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b"already initialised", result.stderr)

    def test_the_passphrase_strength_is_moderate_unless_chosen(self):
        import sqlite3
        with tempfile.TemporaryDirectory() as d:
            secret = os.path.join(d, "secret")
            with open(secret, "w") as f:
                f.write("synthetic passphrase of length\n")

            def init(folder, *extra):
                return lifeline("init", "--data", os.path.join(d, folder), "--passphrase-file", secret,
                                "--admin-password-file", secret, *extra)

            def limits(folder):
                db = sqlite3.connect(os.path.join(d, folder, "lifeline.db"))
                try:
                    return db.execute("SELECT passphrase_opslimit, passphrase_memlimit FROM installation").fetchone()
                finally:
                    db.close()

            self.assertEqual(init("default").returncode, 0)
            self.assertEqual(limits("default"), (3, 256 << 20))  # libsodium's MODERATE
            chosen = init("interactive", "--passphrase-strength", "interactive")
            self.assertEqual(chosen.returncode, 0, chosen.stderr)
            self.assertIn(b"a sixth", chosen.stdout)
            self.assertEqual(limits("interactive"), (2, 64 << 20))  # INTERACTIVE
            # The store opens with its passphrase at the limits it keeps, and not without it.
            opened = lifeline("verify", "--data", os.path.join(d, "interactive"), "--passphrase-file", secret)
            self.assertEqual(opened.returncode, 0, opened.stderr)
            with open(os.path.join(d, "wrong"), "w") as f:
                f.write("another synthetic passphrase\n")
            wrong = lifeline("verify", "--data", os.path.join(d, "interactive"),
                             "--passphrase-file", os.path.join(d, "wrong"))
            self.assertNotEqual(wrong.returncode, 0)

            bad = init("bad", "--passphrase-strength", "weak")
            self.assertNotEqual(bad.returncode, 0)
            self.assertIn(b"--passphrase-strength", bad.stderr)
            self.assertFalse(os.path.exists(os.path.join(d, "bad", "lifeline.db")))

    def test_short_passphrase_and_missing_files(self):
        with tempfile.TemporaryDirectory() as d:
            short = os.path.join(d, "short")
            with open(short, "w") as f:
                f.write("short\n")
            result = lifeline("init", "--data", os.path.join(d, "x"), "--passphrase-file", short,
                              "--admin-password-file", short)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(b"at least 12", result.stderr)
            result = lifeline("init", "--data", os.path.join(d, "y"), "--passphrase-file", os.path.join(d, "absent"),
                              "--admin-password-file", short)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(b"cannot read", result.stderr)

    def test_user_add_reads_password_from_stdin(self):
        server = Server()
        self.addCleanup(server.cleanup)
        add = ["user", "add", "--data", server.data, "--passphrase-file", server.passphrase_file]
        result = lifeline(*add, "--name", "op.one", "--password-file", "-", stdin=b"synthetic-operator-pw\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = lifeline(*add, "--name", "Bad Name", "--password-file", "-", stdin=b"synthetic-operator-pw\n")
        self.assertNotEqual(result.returncode, 0)
        result = lifeline(*add, "--name", "op.two", "--role", "general", "--password-file", "-",
                          stdin=b"synthetic-operator-pw\n")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b"operator, verifier, coordinator, camp_admin, caseworker, analyst, auditor, admin", result.stderr)
        server.start()
        server.sign_in("op.one", "synthetic-operator-pw")

    def test_audit_verify_finds_the_chain_intact_then_reports_an_edit(self):
        server = Server()
        self.addCleanup(server.cleanup)
        server.start()
        server.sign_in()
        server.stop()
        verify = ["audit", "verify", "--data", server.data, "--passphrase-file", server.passphrase_file]
        result = lifeline(*verify)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b"4 entries, chain intact", result.stdout)  # created, 2 users added, sign-in
        head = result.stdout.split()[-1].decode()
        import sqlite3
        db = sqlite3.connect(os.path.join(server.data, "lifeline.db"))
        db.execute("UPDATE audit_log SET actor_name = 'someone.else' WHERE seq = 3")  # an account added
        db.commit()
        db.close()
        result = lifeline(*verify, "--expect-head", head)
        self.assertEqual(result.returncode, 3)
        self.assertIn(b"entry 3:", result.stdout)
        wrong = os.path.join(server.secrets, "wrong")
        with open(wrong, "w") as f:
            f.write("not the office passphrase\n")
        result = lifeline("audit", "verify", "--data", server.data, "--passphrase-file", wrong)
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"wrong office passphrase", result.stderr)

    def test_audit_verify_finds_a_cut_end_of_the_log_by_itself(self):
        # No --expect-head: the signed checkpoints in the data folder's audit-checkpoints
        # file remember the head.
        server = Server()
        self.addCleanup(server.cleanup)
        server.start()
        server.sign_in()
        server.sign_in()
        server.stop()
        verify = ["audit", "verify", "--data", server.data, "--passphrase-file", server.passphrase_file]
        result = lifeline(*verify)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn(b"5 entries, chain intact", result.stdout)
        self.assertIn(b"the highest at entry 5", result.stdout)
        import sqlite3
        db = sqlite3.connect(os.path.join(server.data, "lifeline.db"))
        db.execute("DELETE FROM audit_log WHERE seq >= 4")  # the two sign-ins
        db.commit()
        result = lifeline(*verify)
        self.assertEqual(result.returncode, 3, result.stdout)
        self.assertIn(b"entry 5: a signed checkpoint names this entry, but the log ends at entry 3", result.stdout)
        db.execute("DELETE FROM audit_log")
        db.commit()
        db.close()
        result = lifeline(*verify)
        self.assertEqual(result.returncode, 3, result.stdout)
        self.assertIn(b"the log ends at entry 0", result.stdout)
        os.remove(os.path.join(server.data, "audit-checkpoints"))
        result = lifeline(*verify)
        self.assertEqual(result.returncode, 3, result.stdout)
        self.assertIn(b"it was emptied", result.stdout)
        # A server started on the cut log does not hide the cut: the old checkpoints stay.
        server2 = Server()
        self.addCleanup(server2.cleanup)
        server2.start()
        server2.sign_in()
        server2.stop()
        db = sqlite3.connect(os.path.join(server2.data, "lifeline.db"))
        db.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
        db.commit()
        db.close()
        server2.start()
        server2.stop()
        result = lifeline("audit", "verify", "--data", server2.data, "--passphrase-file", server2.passphrase_file)
        self.assertEqual(result.returncode, 3, result.stdout)
        self.assertIn(b"entry 4: a signed checkpoint names this entry, but the log ends at entry 3", result.stdout)

    def test_serve_refuses_uninitialised_folder_and_bad_listen(self):
        with tempfile.TemporaryDirectory() as d:
            result = lifeline("serve", "--data", d, "--role", "intake")
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(b"lifeline init", result.stderr)
        server = Server()
        self.addCleanup(server.cleanup)
        result = lifeline("serve", "--data", server.data, "--role", "intake", "--listen", "127.0.0.1:99999")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b"port", result.stderr)


if __name__ == "__main__":
    unittest.main()
