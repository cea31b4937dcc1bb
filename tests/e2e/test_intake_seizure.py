"""A seized intake host on its own store gives up nothing the office collected (issue 21).

An intake runs on its outbox (`serve --role intake --outbox`), the office collects from it. A
burst of applications with a distinct marker in every field is collected; the office replies to
some, their applicants read the replies and write back through the intake; then the office
stops and a few more applications arrive and wait. The intake host is then "seized": a copy of
every file in its folder, and every readable mapping of its running process (what a core image
holds). Neither may hold:
- any marker, collected or waiting (fields, handles, messages, replies);
- anything that opens the office: the sealed office secret, the sealed private key, the
  passphrase or its salt;
- any account: a user name or password hash;
- anything of a collected record: its sealed fields, its wrapped key, the office's copy of a
  message.
What may remain is what docs/security.md says: the waiting applications, sealed to the office,
and the collected ones' lookups, case numbers, days, and sealed stages and conversations."""
import base64
import concurrent.futures
import os
import re
import sqlite3
import time
import unittest

from harness import ADMIN_PASSWORD, OPERATOR, PASSPHRASE, minimal_application, psql
from test_memory_wipe import process_memory
from test_outbox_intake import collecting_from, office_and_intake, until

COLLECTED = 20
WAITING = 5


def marked(marker):
    return minimal_application(
        name=f"Name {marker}", unit=f"Unit {marker}", location=f"Place {marker}", message=f"Message {marker}",
        contact={"channel": "signal", "handle": f"@{marker}", "safe_windows": ["mon-fri 19:00-21:00"]})


class IntakeSeizure(unittest.TestCase):
    def setUp(self):
        self.office, self.intake = office_and_intake(self)
        self.office.start("office", extra=collecting_from(self.intake))

    def office_blobs(self, table, column, where="TRUE"):
        """Every value of `column` in the office's `table`, as bytes."""
        if self.office.postgres:
            out = psql(self.office.postgres.conninfo,
                       f"SELECT encode({column}::bytea, 'hex') FROM {table} WHERE {where} AND {column} IS NOT NULL")
            return [bytes.fromhex(line) for line in out.splitlines() if line]
        db = sqlite3.connect(f"file:{os.path.join(self.office.data, 'lifeline.db')}?mode=ro", uri=True)
        try:
            rows = db.execute(f"SELECT {column} FROM {table} WHERE {where} AND {column} IS NOT NULL").fetchall()
        finally:
            db.close()
        return [r[0] if isinstance(r[0], bytes) else str(r[0]).encode() for r in rows]

    def seize(self):
        """The intake host's seized copies: {"files": every file of its folder, "memory": every
        readable mapping of its running process}."""
        files = []
        for root, _, names in os.walk(self.intake.dir):
            for name in names:
                with open(os.path.join(root, name), "rb") as f:
                    files.append(f.read())
        return {"files": b"\n".join(files), "memory": process_memory(self.intake.proc.pid)}

    def test_a_seized_intake_holds_nothing_collected_and_nothing_that_opens_the_office(self):
        try:
            process_memory(self.intake.proc.pid)
        except PermissionError:
            self.skipTest("reading another process's memory needs root or CAP_SYS_PTRACE here")
        tag = os.urandom(4).hex()
        collected = [f"SeizeMarker{i:02d}q{tag}" for i in range(COLLECTED)]
        waiting = [f"WaitMarker{i:02d}q{tag}" for i in range(WAITING)]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda m: self.intake.json("/api/v1/applications", marked(m)), collected))
        self.assertEqual({status for status, _, _ in answers}, {201})
        receipts = [body["receipt"] for _, body, _ in answers]
        auth = self.office.sign_in()
        until(lambda: self.office.json("GET", "/api/v1/cases", headers=auth)[1]["total"] == COLLECTED,
              what="collection")
        # The office answers five of them; their applicants read the answer and write back.
        cases = self.office.json("GET", "/api/v1/cases?per_page=100", headers=auth)[1]["items"]
        for case in cases[:5]:
            status, _, _ = self.office.json("POST", f"/api/v1/cases/{case['id']}/replies",
                                            {"text": f"Reply ReplyMarker{case['id']:02d}q{tag}"}, headers=auth)
            self.assertEqual(status, 201)
        time.sleep(1)  # the views go back
        for receipt in receipts:
            status, view, _ = self.intake.json("/api/v1/applicant/status", {"receipt": receipt})
            self.assertEqual(status, 200)
            if view["messages"]:
                status, _, _ = self.intake.json("/api/v1/applicant/messages",
                                                {"receipt": receipt, "text": f"Back BackMarker{receipt[-6:]}q{tag}"})
                self.assertEqual(status, 201)
        until(lambda: self.intake.waiting() == (0, 0), what="the intake emptying")
        # The office stops; more applications arrive and wait at the intake.
        self.office.stop()
        for marker in waiting:
            self.assertEqual(self.intake.json("/api/v1/applications", marked(marker))[0], 201)
        self.assertEqual(self.intake.waiting(), (WAITING, 0))
        time.sleep(3)  # encryption windows close, freed memory is wiped

        seized = self.seize()
        self.assertGreater(len(seized["memory"]), 1 << 20)
        for where, copy in seized.items():
            found = sorted({m.group().decode() for m in re.finditer(rb"(?:Seize|Wait|Reply|Back)Marker\w+", copy)})
            self.assertEqual(found, [], f"markers in the seized intake's {where}")
            for what in (PASSPHRASE, ADMIN_PASSWORD, OPERATOR):
                self.assertFalse(what.encode() in copy, f"{what} in the seized intake's {where}")

        def absent(label, blobs, minimum):
            self.assertGreaterEqual(len(blobs), minimum, label)  # the check has something to find
            for where, copy in seized.items():
                held = sum(1 for blob in blobs if blob in copy or base64.b64encode(blob) in copy)
                self.assertEqual(held, 0, f"{label}: {held} of {len(blobs)} in the seized intake's {where}")

        absent("the sealed office secret", self.office_blobs("installation", "office_secret_sealed"), 1)
        absent("the passphrase salt", self.office_blobs("installation", "passphrase_salt"), 1)
        absent("the sealed office private key", self.office_blobs("office_keys", "private_sealed"), 1)
        absent("a password hash", self.office_blobs("users", "password_hash"), 2)
        absent("a collected record's sealed fields", self.office_blobs("applications", "sealed_fields"), COLLECTED)
        absent("a collected record's wrapped key", self.office_blobs("applications", "wrapped_key"), COLLECTED)
        absent("the office's copy of a message", self.office_blobs("messages", "sealed_for_office"), 10)


if __name__ == "__main__":
    unittest.main()
