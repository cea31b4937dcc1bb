"""`lifeline import`: a spreadsheet's rows become cases sealed as the intake seals them, bad
lines are reported by line and field with nothing stored unless asked, likely duplicates are
flagged against stored cases and earlier lines, and an interrupted import run again stores
every record exactly once. Runs on SQLite and, under LIFELINE_PG, on PostgreSQL."""
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import time
import unittest

from harness import BIN, ServerTest, minimal_application, psql

MARKER = "Импортов"


class Import(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()

    def file(self, name, text):
        path = os.path.join(self.server.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run_import(self, path, *flags):
        return subprocess.run([BIN, "import", *self.server.store_args(), "--passphrase-file",
                               self.server.passphrase_file, *flags, path],
                              capture_output=True, timeout=600, text=True)

    def cases(self):
        """Every case's id, name and message as the office reads them."""
        self.server.start()
        try:
            auth = self.server.sign_in()
            status, page, _ = self.server.json("GET", "/api/v1/cases?per_page=200", headers=auth)
            self.assertEqual(status, 200, page)
            out = {}
            for item in page["items"]:
                status, case, _ = self.server.json("GET", f"/api/v1/cases/{item['id']}", headers=auth)
                self.assertEqual(status, 200, case)
                out[case["id"]] = case
            return out
        finally:
            self.server.stop()

    def test_bad_lines_are_named_and_nothing_is_stored_unless_asked(self):
        path = self.file("people.csv", "\n".join([
            "name,situation,unit,contact_channel,contact_handle,received_on,origin,message",
            f"Юрий {MARKER},serving,в/ч 12345,sms,8 (912) 345-67-89,2026-03-01,таблица,Синтетика",
            f"Iurii {MARKER},serving,,telegram,@synthetic_a,2026-03-02,таблица,",
            "Анна Синтетова,serving,,none,,2026-13-01,таблица,",           # line 4: no such date
            "Пётр Синтетов,dreaming,,none,,,таблица,",                     # line 5: no such situation
            "\"Олег\" Синтетов,serving,,none,,,таблица,",                  # line 6: broken quoting
            "Ольга Синтетова,serving,,sms,,,таблица,",                     # line 7: sms needs its number
            f"Юрий {MARKER},serving,в/ч 12345,sms,8 (912) 345-67-89,2026-03-01,таблица,Синтетика",
        ]) + "\n")
        dry = self.run_import(path, "--dry-run")
        self.assertEqual(dry.returncode, 1, dry.stderr)
        self.assertIn("line 4: received_on:", dry.stdout)
        self.assertIn("line 5: situation:", dry.stdout)
        self.assertIn("line 6: broken quoting", dry.stdout)
        self.assertIn("line 7: contact_handle: required", dry.stdout)
        self.assertIn("line 3: may be the same person as line 2", dry.stdout)
        self.assertIn("line 8: may be the same person as line 2 (the same record, word for word", dry.stdout)
        self.assertNotIn(MARKER, dry.stdout + dry.stderr)  # line numbers, never the data
        self.assertEqual(self.run_import(path).returncode, 1)
        self.assertEqual(self.cases(), {})

        stored = self.run_import(path, "--skip-bad-lines")
        self.assertEqual(stored.returncode, 0, stored.stderr)
        self.assertIn("stored 2 records", stored.stdout)
        cases = self.cases()
        self.assertEqual(len(cases), 2)
        first = next(c for c in cases.values() if c["unit"] == "в/ч 12345")
        self.assertEqual((first["received_on"], first["situation"]), ("2026-03-01", "serving"))
        self.assertEqual(first["message"], "[таблица]\nСинтетика")
        self.server.start()
        status, found, _ = self.server.json("POST", "/api/v1/search", {"q": "+7 912 345 67 89"},
                                            headers=self.server.sign_in())
        self.server.stop()
        self.assertEqual([i["id"] for i in found["items"]], [first["id"]])  # screened by the import
        again = self.run_import(path, "--skip-bad-lines")
        self.assertIn("stored 0 records (2 were stored by an earlier run)", again.stdout)
        self.assertEqual(len(self.cases()), 2)
        for name in self.server.data_files():
            with open(name, "rb") as f:
                self.assertNotIn(MARKER.encode(), f.read(), name)

    def test_json_lines_and_flags_against_cases_already_stored(self):
        self.server.start()
        self.assertEqual(self.server.submit(minimal_application(name=f"Алексей {MARKER}"))[0], 201)
        self.server.stop()
        path = self.file("people.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in [
            {"name": f"Aleksei {MARKER}", "situation": "serving", "safe_windows": ["mon-fri 19:00-21:00"],
             "contact_channel": "signal", "contact_handle": "@synthetic_b"},
            {"name": "Синтет Другой", "situation": "at_front", "group_kind": "with_others", "group_size": 3,
             "contact_channel": "none"},
        ]) + "\n")
        result = self.run_import(path)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("line 1: may be the same person as case 1", result.stdout)
        self.assertIn("stored 2 records", result.stdout)
        self.assertEqual(len(self.cases()), 3)

    def test_an_interrupted_import_run_again_stores_every_record_once(self):
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["name", "situation", "unit", "contact_channel", "message"])
        total = 6000
        for n in range(total):
            writer.writerow([f"Синтет Номер{n}", "serving", f"в/ч {n % 97}", "none", "Синтетическое сообщение " * 20])
        path = self.file("many.csv", rows.getvalue())
        proc = subprocess.Popen([BIN, "import", *self.server.store_args(), "--passphrase-file",
                                 self.server.passphrase_file, "--no-duplicate-check", path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        deadline = time.time() + 120
        while proc.poll() is None and self.stored_count() < 1000 and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        partly = self.stored_count()
        self.assertLess(partly, total, "the import finished before it could be interrupted")
        again = self.run_import(path, "--no-duplicate-check")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn(f"stored {total - partly} records ({partly} were stored by an earlier run)", again.stdout)
        self.assertEqual(self.stored_count(), total)

    def stored_count(self):
        if self.server.postgres:
            return int(psql(self.server.postgres.conninfo, "SELECT count(*) FROM applications").strip() or 0)
        db = sqlite3.connect(f"file:{os.path.join(self.server.data, 'lifeline.db')}?mode=ro", uri=True, timeout=10)
        try:
            return db.execute("SELECT count(*) FROM applications").fetchone()[0]
        finally:
            db.close()

    def test_a_file_that_is_not_csv_is_refused_whole(self):
        path = os.path.join(self.server.dir, "photo.csv")
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        result = self.run_import(path)
        self.assertEqual(result.returncode, 1)
        self.assertIn("not CSV text in UTF-8", result.stderr)
        unknown = self.run_import(self.file("x.csv", "имя,часть\nСинтет,1\n"))
        self.assertIn("is not one of: situation", unknown.stderr)
        self.assertEqual(self.run_import(self.file("x.xlsx", "name\n")).returncode, 1)

    def test_one_problem_on_many_lines_is_summed_up(self):
        path = self.file("nochannel.csv", "name,situation\n" + "Синтет Синтетов,serving\n" * 300)
        result = self.run_import(path, "--dry-run")
        lines = result.stdout.splitlines()
        self.assertLess(len(lines), 110)
        self.assertIn("line 2: contact_channel: required", lines)
        self.assertIn("... and 200 more lines up to line 301: contact_channel: required", lines)


if __name__ == "__main__":
    unittest.main()
