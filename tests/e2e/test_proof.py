"""Proof of application (issue 22): an applicant who asks for one, on the form or later on the
status page, gets a signed statement of the date their application was logged; `lifeline
proof verify` checks it offline with their receipt and the office's exported log, and
refuses it changed, with another receipt, or against a log that was cut. A duress receipt's
status page offers the same button and never gets a proof. The published head is the
exported log's."""
import os
import re
import subprocess
import unittest
from html import unescape
from urllib.parse import urlencode

from harness import BIN, ServerTest, minimal_application, run
from test_no_trace import application_form

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
RECEIPT = re.compile(r'id="(receipt|duress-receipt)">([^<]+)<')
PROOF = re.compile(r'<pre class="proof" id="proof">([^<]+)</pre>')


def form(**fields):
    return application_form(contact_handle="55503", name="Доказов Синтетический", **fields)


class Proof(ServerTest):
    def post_root(self, fields):
        return self.server.request("POST", "/", raw=urlencode(fields).encode(), headers=FORM)

    def write(self, name, text):
        path = os.path.join(self.server.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def exported_log(self):
        return run([BIN, "proof", "log", *self.server.store_args(),
                    *self.server.unlock_args]).stdout.decode()

    def verify(self, proof, receipt, log=None, office_key=None):
        args = [BIN, "proof", "verify", "--proof", self.write("proof.txt", proof),
                "--receipt-file", self.write("receipt.txt", receipt + "\n")]
        if log is not None:
            args += ["--log", self.write("log.txt", log)]
        if office_key:
            args += ["--office-key", office_key]
        result = subprocess.run(args, capture_output=True, timeout=60)
        return result.returncode, result.stdout.decode() + result.stderr.decode()

    def test_asked_for_on_the_form_it_verifies_offline_with_the_receipt_and_the_log(self):
        status, _, page = self.server.request("GET", "/")
        self.assertIn('name="proof"', page.decode())
        self.assertIn("в России не храните его", page.decode())
        status, _, page = self.post_root(form(proof="yes"))
        self.assertEqual(status, 200)
        page = page.decode()
        receipt = dict(RECEIPT.findall(page))["receipt"]
        proof = unescape(PROOF.search(page).group(1))
        self.assertIn("Сохраните этот текст файлом", page)
        self.assertIn("lifeline proof of application v1", proof)
        self.assertNotIn(receipt.replace(" ", ""), proof.replace(" ", ""))

        _, head, _ = self.server.json("GET", "/api/v1/proofs/head")
        self.assertEqual(head["entries"], 1)
        log = self.exported_log()
        code, said = self.verify(proof, receipt, log, head["office_key"])
        self.assertEqual(code, 0, said)
        self.assertIn("the proof holds", said)
        self.assertIn(head["head"], said)  # the exported log's head is the published one
        self.assertIn(head["newest"], log)

        # Another receipt, a changed date, a log without the entry: each refused, exit 3.
        other = self.server.submit(minimal_application())[1]["receipt"]
        code, said = self.verify(proof, other)
        self.assertEqual(code, 3, said)
        self.assertIn("receipt does not open", said)
        logged = re.search(r"logged on: (\S+)", proof).group(1)
        back_dated = proof.replace(f"logged on: {logged}", "logged on: 2026-01-01")
        code, said = self.verify(back_dated, receipt)
        self.assertEqual(code, 3, said)
        self.assertIn("signature does not match", said)
        header = "\n".join(log.splitlines()[:2]) + "\n"
        code, said = self.verify(proof, receipt, header)
        self.assertEqual(code, 3, said)
        self.assertIn("no entry 1", said)
        code, said = self.verify(proof, receipt, None, "00" * 32)
        self.assertEqual(code, 3, said)
        code, said = self.verify("not a proof", receipt)
        self.assertEqual(code, 3, said)
        self.assertIn("first line", said)

    def test_asked_for_later_on_the_status_page_and_shown_again_unchanged(self):
        status, body, _ = self.server.submit(minimal_application())
        receipt = body["receipt"]
        self.assertNotIn("proof", body)
        status, _, page = self.post_root({"go": "check", "language": "en", "receipt": receipt})
        self.assertIn('id="ask-proof"', page.decode())
        status, _, page = self.post_root({"go": "proof", "language": "en", "receipt": receipt})
        self.assertEqual(status, 200)
        page = page.decode()
        self.assertIn('id="status"', page)  # still the status page
        self.assertIn("Keep this text as a file", page)
        proof = unescape(PROOF.search(page).group(1))
        again = self.server.json("POST", "/api/v1/applicant/proof", {"receipt": receipt})
        self.assertEqual((again[0], again[1]["proof"]), (200, proof))
        self.assertEqual(self.verify(proof, receipt, self.exported_log())[0], 0)
        # The API asked at submission; a receipt that matches nothing.
        status, body, _ = self.server.submit(minimal_application(proof=True))
        self.assertEqual(status, 201)
        self.assertIn("entry: 2", body["proof"])
        self.assertEqual(self.verify(body["proof"], body["receipt"], self.exported_log())[0], 0)
        status, body, _ = self.server.json("POST", "/api/v1/applicant/proof",
                                           {"receipt": "1234 5678 9012 3456"})
        self.assertEqual(status, 404)
        status, body, _ = self.server.submit(minimal_application(proof="yes"))
        self.assertEqual((status, body["error"]["field"]), (400, "proof"))

    def test_a_duress_receipt_sees_the_same_button_and_never_gets_a_proof(self):
        status, _, page = self.post_root(form(duress_receipt="yes"))
        receipts = dict(RECEIPT.findall(page.decode()))
        duress = receipts["duress-receipt"]
        status, _, page = self.post_root({"go": "check", "language": "ru", "receipt": duress})
        self.assertIn('id="ask-proof"', page.decode())
        status, _, page = self.post_root({"go": "proof", "language": "ru", "receipt": duress})
        self.assertEqual(status, 200)
        page = page.decode()
        self.assertIn('id="proof-later"', page)
        self.assertIsNone(PROOF.search(page))
        status, body, _ = self.server.json("POST", "/api/v1/applicant/proof", {"receipt": duress})
        self.assertEqual(status, 503)
        self.assertEqual(self.server.json("GET", "/api/v1/proofs/head")[1]["entries"], 0)
        self.assertEqual(self.exported_log().count("\n"), 2)  # the header alone


class NotOffered(ServerTest):
    """An intake-only process holds no office secret: it neither offers nor signs proofs."""
    role = "intake"

    def test_an_intake_without_the_office_offers_no_proof(self):
        status, _, page = self.server.request("GET", "/")
        self.assertNotIn('name="proof"', page.decode())
        status, body, _ = self.server.submit(minimal_application(proof=True))
        self.assertEqual((status, body["error"]["field"]), (400, "proof"))
        self.assertEqual(self.server.request("GET", "/api/v1/proofs/head")[0], 404)


if __name__ == "__main__":
    unittest.main()
