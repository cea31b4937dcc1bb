#!/usr/bin/env python3
"""The onion services' configuration (deploy/tor/) as Debian's tor reads it (issue 21).

For each torrc, with its /var/lib/tor paths moved to a fresh folder:
- `tor --verify-config` accepts it, and rejects the same file with one option broken (so the
  check can fail);
- tor started with DisableNetwork 1 (this machine reaches no Tor network) makes the onion
  service's keys and address and reports the defences in force: for the public intake, proof
  of work and the introduction points' rate limit; for the staff console, the client keys it
  loaded, and no service at all without a valid one.

Also fails, saying so, when Debian's tor is built without the "pow" module. What no test here
can show, with no Tor network to reach: that clients find the services, solve the puzzles,
or are refused without a key (docs/deploy.md "Onion services")."""
import base64
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = pathlib.Path(__file__).resolve().parent
CONFIGS = HERE.parent.parent / "deploy" / "tor"
TOR = shutil.which("tor") or "/usr/bin/tor"
ONION = re.compile(r"^[a-z2-7]{56}\.onion$")


def x25519_public_key_base32():
    """A fresh client key's public half as tor's .auth files hold it (base32, no padding)."""
    private = subprocess.run(["openssl", "genpkey", "-algorithm", "x25519", "-outform", "DER"],
                             check=True, capture_output=True).stdout
    public = subprocess.run(["openssl", "pkey", "-inform", "DER", "-pubout", "-outform", "DER"],
                            input=private, check=True, capture_output=True).stdout[-32:]
    return base64.b32encode(public).decode().rstrip("=")


class OnionConfig(unittest.TestCase):
    def setUp(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="lifeline-tor-"))
        self.addCleanup(shutil.rmtree, self.dir, True)

    def moved(self, name, text=None):
        """deploy/tor/<name> with its paths under this test's folder; the path of the copy."""
        text = text if text is not None else (CONFIGS / name).read_text()
        path = self.dir / name
        path.write_text(text.replace("/var/lib/tor", str(self.dir)))
        return path

    def verify(self, path):
        return subprocess.run([TOR, "--verify-config", "--defaults-torrc", "/dev/null", "-f", str(path)],
                              capture_output=True, text=True, timeout=60)

    def start_offline(self, path, service, expect_log):
        """Starts tor on `path` without network until `expect_log` (patterns) all appear in its
        info log, or 30 s pass; returns the log."""
        log = self.dir / "tor.log"
        proc = subprocess.Popen([TOR, "--defaults-torrc", "/dev/null", "-f", str(path), "--DisableNetwork", "1",
                                 # no SOCKS port: one in use on this machine must not stop the test
                                 "--SocksPort", "0",
                                 "--Log", f"info file {log}", "--RunAsDaemon", "0"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(proc.wait, 10)
        self.addCleanup(proc.terminate)
        deadline = time.monotonic() + 30
        text = ""
        while time.monotonic() < deadline:
            text = log.read_text() if log.exists() else ""
            if (self.dir / service / "hostname").exists() and all(re.search(p, text) for p in expect_log):
                return text
            if proc.poll() is not None:
                break
            time.sleep(0.2)
        self.fail(f"tor did not start {service} with {expect_log}:\n{text[-3000:]}")

    def test_debians_tor_has_proof_of_work(self):
        modules = subprocess.run([TOR, "--list-modules"], capture_output=True, text=True, check=True).stdout
        self.assertIn("pow: yes", modules,
                      "Debian's tor is built without proof of work: HiddenServicePoWDefensesEnabled "
                      "would do nothing (say so in docs/deploy.md)")

    def test_both_configurations_verify_and_a_broken_one_does_not(self):
        for name in ("intake.torrc", "office.torrc"):
            answer = self.verify(self.moved(name))
            self.assertEqual(answer.returncode, 0, answer.stdout + answer.stderr)
            self.assertIn("Configuration was valid", answer.stdout)
        broken = (CONFIGS / "intake.torrc").read_text().replace(
            "HiddenServicePoWDefensesEnabled 1", "HiddenServicePoWDefensesEnabled maybe")
        self.assertNotEqual(self.verify(self.moved("broken.torrc", broken)).returncode, 0)

    def test_the_public_intake_starts_with_its_flood_defences(self):
        text = (CONFIGS / "intake.torrc").read_text()
        self.assertRegex(text, r"(?m)^SocksPort 0$")  # a server only
        log = self.start_offline(self.moved("intake.torrc"), "lifeline-intake", [
            r"Service PoW defenses are enabled",
            r"Service PoW queue rate set to: 250",
            r"Service INTRO2 DoS defenses rate set to: 25",
            r"Service INTRO2 DoS defenses burst set to: 200",
        ])
        self.assertRegex((self.dir / "lifeline-intake" / "hostname").read_text().strip(), ONION)
        self.assertNotIn("client authorization", log)  # anyone may open the public service

    def test_the_console_loads_its_client_keys_and_refuses_a_bad_one(self):
        keys = self.dir / "lifeline-console" / "authorized_clients"
        keys.mkdir(parents=True)
        os.chmod(self.dir / "lifeline-console", 0o700)
        (keys / "desk-1.auth").write_text(f"descriptor:x25519:{x25519_public_key_base32()}\n")
        (keys / "desk-2.auth").write_text(f"descriptor:x25519:{x25519_public_key_base32()}\n")
        (keys / "typo.auth").write_text("descriptor:x25519:not-a-key\n")
        log = self.start_offline(self.moved("office.torrc"), "lifeline-console", [
            r"Loaded a client authorization key file desk-1\.auth",
            r"Loaded a client authorization key file desk-2\.auth",
        ])
        # The collector reaches the intakes through this tor, from this host only.
        self.assertRegex((CONFIGS / "office.torrc").read_text(), r"(?m)^SocksPort 127\.0\.0\.1:9050$")
        self.assertNotIn("Loaded a client authorization key file typo.auth", log)
        self.assertIn("Client authorization encoded base32 public key length is invalid", log)  # said
        self.assertRegex((self.dir / "lifeline-console" / "hostname").read_text().strip(), ONION)


if __name__ == "__main__":
    unittest.main(verbosity=2)
