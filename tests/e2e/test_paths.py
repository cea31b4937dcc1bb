"""Path traversal and odd files: no URL reaches a file outside what the server means to serve,
and every file argument of the command line that names the wrong kind of thing (a directory,
a device, a missing folder, a store reached through "..") gets a clear error, exit 1, and
writes nothing."""
import os
import subprocess
import unittest

from harness import BIN, Server


def lifeline(*args):
    return subprocess.run([BIN, *args], capture_output=True, timeout=120)


TRAVERSALS = [
    "/static/../lifeline.db",
    "/static/../../etc/passwd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2fetc%2fpasswd",
    "/static/style.css/../../lifeline.db",
    "/static/%2fetc%2fpasswd",
    "/static/style.css%00.db",
    "/console/../api/v1/cases",
    "/..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
]


class HttpPaths(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.start()

    def test_no_traversal_reaches_a_file(self):
        for path in TRAVERSALS:
            status, _, body = self.server.request("GET", path)
            self.assertIn(status, (400, 404), path)
            self.assertNotIn(b"SQLite format", body, path)
            self.assertNotIn(b"root:", body, path)
        status, _, css = self.server.request("GET", "/static/style.css")
        self.assertEqual(status, 200)  # the one file it does serve


class CliPaths(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.listing = self.snapshot()

    def snapshot(self):
        return sorted(os.listdir(self.server.dir)), sorted(os.listdir(self.server.data))

    def assert_refused(self, result, message):
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn(message, result.stderr)
        self.assertEqual(self.snapshot(), self.listing)

    def test_secret_files_must_be_small_ordinary_files(self):
        backup = os.path.join(self.server.dir, "x.backup")
        for path, message in [(self.server.secrets, b"is not a file"), ("/dev/zero", b"is not a file"),
                              (os.path.join(self.server.dir, "absent"), b"cannot read")]:
            result = lifeline("backup", "--data", self.server.data, "--passphrase-file", path, "--out", backup)
            self.assert_refused(result, message)
        huge = os.path.join(self.server.secrets, "huge")
        with open(huge, "wb") as f:
            f.write(b"x" * 100_000)
        self.listing = self.snapshot()
        result = lifeline("backup", "--data", self.server.data, "--passphrase-file", huge, "--out", backup)
        self.assert_refused(result, b"longer than")

    def test_outputs_and_data_folders_reached_through_dotdot(self):
        data_via_dotdot = os.path.join(self.server.secrets, "..", "data")
        result = lifeline("init", "--data", data_via_dotdot, "--passphrase-file", self.server.passphrase_file,
                          "--admin-password-file", self.server.admin_password_file)
        self.assert_refused(result, b"already initialised")

        missing_folder = os.path.join(self.server.dir, "no-such-folder", "..", "..", "nowhere", "x.backup")
        result = lifeline("backup", "--data", self.server.data, "--passphrase-file", self.server.passphrase_file,
                          "--out", missing_folder)
        self.assert_refused(result, b"does the folder exist")

        result = lifeline("backup", "--data", self.server.data, "--passphrase-file", self.server.passphrase_file,
                          "--out", self.server.secrets)
        self.assert_refused(result, b"already exists")

        good = os.path.join(self.server.dir, "good.backup")
        result = lifeline("backup", "--data", self.server.data, "--passphrase-file", self.server.passphrase_file,
                          "--out", good)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.listing = self.snapshot()
        result = lifeline("restore", "--in", good, "--data", data_via_dotdot,
                          "--passphrase-file", self.server.passphrase_file)
        self.assert_refused(result, b"already holds a store")

        result = lifeline("serve", "--data", os.path.join(self.server.dir, "..", "no-such-data"),
                          "--listen", "127.0.0.1:0", "--role", "intake")
        self.assertEqual(result.returncode, 1)
        self.assertNotIn(b"listening", result.stdout)


if __name__ == "__main__":
    unittest.main()
