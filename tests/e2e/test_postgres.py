"""`lifeline migrate` against a real PostgreSQL started on loopback for this test
(tests/pg/pg-server.sh): a fresh database is brought to the schema; running it again, or
three at once, is safe; a schema newer than the binary is refused and left alone; a
password on the command line is refused; a database that is down is retried with back-off
and then reported plainly. `serve --db` refuses to start on a schema older or newer than the
binary, or without a database, saying why; and it goes on answering after the database
turns read-only and back."""
import os
import re
import subprocess
import tempfile
import unittest

from harness import BIN

PG_SERVER = os.path.join(os.path.dirname(__file__), "../pg/pg-server.sh")


def declared_schema_version():
    """The version this lifeline declares (store/schema_version.hpp), so that a new schema step
    does not need this test edited."""
    header = os.path.join(os.path.dirname(__file__), "../../src/store/schema_version.hpp")
    with open(header, encoding="utf-8") as source:
        found = re.search(r"kSchemaVersion\s*=\s*(\d+);", source.read())
    if found is None:
        raise RuntimeError("kSchemaVersion not found in store/schema_version.hpp")
    return int(found.group(1))


V = declared_schema_version()


class Migrate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="lifeline-pg-")
        os.chmod(cls.dir, 0o755)  # under root the server runs as `postgres`, who must reach its folder
        started = subprocess.run([PG_SERVER, "start", os.path.join(cls.dir, "pg")], capture_output=True, text=True)
        if started.returncode != 0:
            raise RuntimeError("PostgreSQL did not start: " + started.stderr)
        cls.server = started.stdout.strip()
        cls.databases = 0

    @classmethod
    def tearDownClass(cls):
        subprocess.run([PG_SERVER, "stop", os.path.join(cls.dir, "pg")], capture_output=True)
        os.rmdir(cls.dir)

    def fresh_database(self):
        type(self).databases += 1
        name = f"lifeline_test_{self.databases}"
        self.psql(self.server, f"CREATE DATABASE {name}")
        return self.server.replace("dbname=postgres", f"dbname={name}")

    def psql(self, conninfo, sql):
        result = subprocess.run(["psql", conninfo, "-qAtc", sql], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def migrate(self, conninfo, *extra):
        return subprocess.run([BIN, "migrate", "--db", conninfo, *extra], capture_output=True, text=True, timeout=120)

    def test_a_fresh_database_is_migrated_once_and_again_safely(self):
        db = self.fresh_database()
        first = self.migrate(db)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn(f"schema version 0 -> {V}", first.stdout)
        again = self.migrate(db)
        self.assertEqual((again.returncode, again.stdout.strip()), (0, f"schema version {V}: already current"))
        self.assertEqual(self.psql(db, "SELECT version FROM lifeline_schema"), str(V))
        self.assertEqual(self.psql(db, "SELECT count(*) FROM abroad_countries"), "9")

    def test_three_migrators_at_once_agree(self):
        db = self.fresh_database()
        runs = [subprocess.Popen([BIN, "migrate", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(3)]
        outputs = [run.communicate(timeout=120) for run in runs]
        self.assertEqual([run.returncode for run in runs], [0, 0, 0], outputs)
        self.assertEqual(sum(f"0 -> {V}" in out for out, _ in outputs), 1, outputs)
        self.assertEqual(self.psql(db, "SELECT count(*) FROM lifeline_schema"), "1")

    def test_a_newer_schema_is_refused_and_left_alone(self):
        db = self.fresh_database()
        self.assertEqual(self.migrate(db).returncode, 0)
        self.psql(db, "UPDATE lifeline_schema SET version = 99")
        refused = self.migrate(db)
        self.assertEqual(refused.returncode, 1)
        self.assertIn(f"schema version 99, newer than this lifeline understands ({V}); upgrade lifeline", refused.stderr)
        self.assertEqual(self.psql(db, "SELECT version FROM lifeline_schema"), "99")

    def test_bad_connection_strings_and_a_database_that_is_down(self):
        secret = "synthetic-db-password"
        with_password = self.migrate(self.server + f" password={secret}")
        self.assertEqual(with_password.returncode, 2)
        self.assertIn("must not hold a password", with_password.stderr)
        self.assertNotIn(secret, with_password.stdout + with_password.stderr)
        garbled = self.migrate("nonsense===")
        self.assertEqual(garbled.returncode, 1)
        self.assertIn("invalid connection option", garbled.stderr)
        down = self.migrate("host=127.0.0.1 port=1 user=lifeline dbname=postgres", "--wait-seconds", "2")
        self.assertEqual(down.returncode, 1)
        self.assertIn("retrying in 0.5 s", down.stderr)
        self.assertIn("cannot reach the database", down.stderr)

    def serve(self, conninfo, *extra):
        return subprocess.run([BIN, "serve", "--db", conninfo, "--role", "intake", "--listen", "127.0.0.1:0", *extra],
                              capture_output=True, text=True, timeout=120)

    def test_serve_refuses_a_schema_it_does_not_match_and_a_missing_database(self):
        empty = self.fresh_database()
        older = self.serve(empty)
        self.assertEqual(older.returncode, 1)
        self.assertIn(f"schema version 0 and this lifeline needs {V}; run lifeline migrate --db first", older.stderr)
        self.assertEqual(self.psql(empty, "SELECT count(*) FROM pg_tables WHERE tablename = 'applications'"), "0")
        self.assertEqual(self.migrate(empty).returncode, 0)
        self.psql(empty, "UPDATE lifeline_schema SET version = 99")
        newer = self.serve(empty)
        self.assertEqual(newer.returncode, 1)
        self.assertIn(f"newer than this lifeline understands ({V}); upgrade lifeline", newer.stderr)
        down = self.serve("host=127.0.0.1 port=1 user=lifeline dbname=postgres", "--db-wait-seconds", "1")
        self.assertEqual(down.returncode, 1)
        self.assertIn("the database is not reachable yet", down.stderr)
        self.assertIn("cannot use the database", down.stderr)
        garbled = self.serve("nonsense===")
        self.assertEqual(garbled.returncode, 1)
        self.assertIn("invalid connection option", garbled.stderr)
        neither = subprocess.run([BIN, "serve", "--role", "intake"], capture_output=True, text=True, timeout=60)
        self.assertEqual(neither.returncode, 1)
        self.assertIn("give --data DIR (SQLite) or --db CONNINFO (PostgreSQL)", neither.stderr)

    def server_on(self, conninfo):
        from harness import ExistingDatabase, Server

        server = Server(postgres=ExistingDatabase(conninfo))
        self.addCleanup(server.cleanup)
        return server

    def test_the_office_key_is_not_rotated_while_a_server_runs(self):
        db = self.fresh_database()
        server = self.server_on(db)
        server.start("intake")
        rotate = [BIN, "rotate-key", "--db", db, "--passphrase-file", server.passphrase_file]
        busy = subprocess.run(rotate, capture_output=True, text=True, timeout=120)
        self.assertEqual(busy.returncode, 1)
        self.assertIn("stop every server before rotating", busy.stderr)
        self.assertEqual(self.psql(db, "SELECT count(*) FROM office_keys"), "1")
        server.stop()
        rotated = subprocess.run(rotate, capture_output=True, text=True, timeout=120)
        self.assertEqual(rotated.returncode, 0, rotated.stderr)
        self.assertEqual(self.psql(db, "SELECT count(*) FROM office_keys"), "2")

    def test_a_read_only_database_gets_503_and_then_writes_again(self):
        from harness import minimal_application

        db = self.fresh_database()
        server = self.server_on(db)
        server.start()
        self.assertEqual(server.submit(minimal_application())[0], 201)
        name = db.split("dbname=")[1]
        self.psql(self.server, f"ALTER DATABASE {name} SET default_transaction_read_only = on")
        # New connections are read-only; the pool's existing ones learn it on their first write.
        server.stop()
        server.start()
        status, body, headers = server.submit(minimal_application())
        self.assertEqual(status, 503, body)
        self.assertIn("retry-after", headers)
        self.psql(self.server, f"ALTER DATABASE {name} SET default_transaction_read_only = off")
        for _ in range(50):
            status, body, _ = server.submit(minimal_application())
            if status == 201:
                break
        self.assertEqual(status, 201, body)
        self.assertEqual(server.total_cases(), 2)


if __name__ == "__main__":
    unittest.main()
