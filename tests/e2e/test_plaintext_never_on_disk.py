"""A unique string submitted as personal data, the client's user agent and forwarded address
appear in no file of the data folder (database, WAL, shared memory) nor in the server's
output, while running and after stop."""
import os
import secrets
import unittest

from harness import ServerTest, minimal_application


def files_containing(folder, needles):
    found = []
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                content = f.read()
            for needle in needles:
                if needle in content:
                    found.append((path, needle))
    return found


class PlaintextNeverOnDisk(ServerTest):
    def test_identifying_fields_are_never_written_in_clear(self):
        marker = "Уникальнов" + secrets.token_hex(8)
        ascii_marker = "ZZMARKER" + secrets.token_hex(8)
        for field in ("name", "unit", "rank", "location", "message"):
            status, body, _ = self.server.submit(minimal_application(**{field: f"{marker} {ascii_marker}"}))
            self.assertEqual(status, 201, body)
        # Client identity must not be kept either: a marked user agent and forwarded address.
        agent = "ZZAGENT" + secrets.token_hex(8)
        forwarded = "203.0.113.%d" % (secrets.randbelow(200) + 20)
        status, body, _ = self.server.json("POST", "/api/v1/applications", minimal_application(
            contact={"channel": "telegram", "handle": "@" + ascii_marker, "safe_windows": ["10:00-11:00"]}),
            headers={"User-Agent": agent, "X-Forwarded-For": forwarded})
        self.assertEqual(status, 201, body)
        receipt = body["receipt"]
        # The applicant reads a reply; the operator reads the case: still nothing in clear.
        auth = self.server.sign_in()
        self.server.json("GET", "/api/v1/cases/6", headers=auth)
        self.server.json("POST", "/api/v1/cases/6/replies", {"text": "reply " + ascii_marker}, headers=auth)
        self.assertEqual(self.server.check(receipt)[0], 200)

        needles = [marker.encode(), ascii_marker.encode(), receipt.encode(), agent.encode(), forwarded.encode(),
                   "".join(c for c in receipt if c.isdigit()).encode()]
        self.assertEqual(files_containing(self.server.dir, needles), [], "plaintext found while running")
        self.assertEqual(self.server.stop(), 0)
        self.assertEqual(files_containing(self.server.dir, needles), [], "plaintext found after stop")


if __name__ == "__main__":
    unittest.main()
