"""The prisoner-of-war camp over HTTP: a camp administrator sets up a camp (GC III Art. 62
checked at the exchange rate), registers prisoners (sealed), posts to their accounts
(idempotent, never below zero), reads statements, sees overdue capture cards and the
information bureau's list; `lifeline ledger check` proves the books balance."""
import datetime
import os
import re
import sqlite3
import subprocess

from harness import BIN, ServerTest, psql

SURNAME = "Синтетиков"


class Camp(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("camp.admin", "camp_admin", "synthetic-camp-admin-password")
        self.server.start()
        self.admin = self.server.sign_in("camp.admin", "synthetic-camp-admin-password")
        self.coordinator = self.server.sign_in()

    def make_camp(self, **overrides):
        body = {"name": "Лагерь № 3 (синтетический)", "language": "uk", "uah_per_chf": "38.00",
                "working_pay_per_day": "10.00", "call_charge_per_minute": "2.00", "phone_hours": ["10:00-12:00"],
                "canteen": [{"name": "чай", "price": "25.00", "market_price": "28.00"}], **overrides}
        return self.server.json("POST", "/api/v1/camps", body, headers=self.admin)

    def register(self, camp_id, arrived_on, **more_fields):
        fields = {"surname": SURNAME, "first_names": "Пробный Тестович", "father_name": "Тест",
                  "mother_maiden_name": "Образцова", "rank": "рядовой", "service_number": "Z-123456",
                  "birth_date": "2000-01-02", "birth_place": "г. Вымышленск", "power": "Государство А",
                  "person_to_inform": "Синтетикова Мария", "mail_address": "ул. Примерная, 5", **more_fields}
        return self.server.json("POST", f"/api/v1/camps/{camp_id}/prisoners",
                                {"rank_category": "soldier", "arrived_on": arrived_on, "language": "ru", "fields": fields},
                                headers=self.admin)

    def test_art62_is_checked_at_the_exchange_rate(self):
        status, body, _ = self.make_camp(uah_per_chf="47.00")
        self.assertEqual((status, body["error"]["field"]), (400, "working_pay_per_day"))
        self.assertIn("Art. 62", body["error"]["message"])
        self.assertIn("11.75 UAH", body["error"]["message"])
        status, body, _ = self.make_camp()
        self.assertEqual(status, 201, body)
        status, camp, _ = self.server.json("GET", f"/api/v1/camps/{body['id']}", headers=self.admin)
        self.assertEqual((camp["minimum_working_pay_per_day"], camp["monthly_advances"]["I"]), ("9.50", "304.00"))
        for bad, field in [({"canteen": [{"name": "чай", "price": "30.00", "market_price": "28.00"}]}, "price"),
                           ({"phone_hours": []}, "hours"), ({"phone_hours": ["10-12"]}, "hours"),
                           ({"letters_per_month": 1}, "letters_per_month"), ({"uah_per_chf": "-38"}, "uah_per_chf")]:
            status, answer, _ = self.make_camp(name="Другой лагерь", **bad)
            self.assertEqual((status, answer["error"]["field"]), (400, field), bad)

    def test_registry_books_statements_and_the_ledger_check(self):
        camp_id = self.make_camp()[1]["id"]
        today = datetime.date.today()
        captured_on = (today - datetime.timedelta(days=12)).isoformat()
        status, prisoner, _ = self.register(camp_id, (today - datetime.timedelta(days=10)).isoformat(),
                                            captured_on=captured_on)
        self.assertEqual(status, 201, prisoner)
        pid = prisoner["id"]
        self.assertTrue(prisoner["number"].startswith("POW-"))
        status, got, _ = self.server.json("GET", f"/api/v1/prisoners/{pid}", headers=self.admin)
        self.assertEqual((got["fields"]["surname"], got["custody"]), (SURNAME, "captured"))
        # Art. 70: ten days after arrival, the capture card is overdue.
        _, overdue, _ = self.server.json("GET", f"/api/v1/camps/{camp_id}/prisoners?capture_card=overdue", headers=self.admin)
        self.assertEqual([p["id"] for p in overdue["prisoners"]], [pid])
        self.assertNotIn("fields", overdue["prisoners"][0])
        # The capture card as a PDF (Annex IV), in his language and the camp's.
        status, headers, pdf = self.server.request("GET", f"/console/prisoners/{pid}/capture-card.pdf",
                                                   headers={"Cookie": self.admin["Cookie"]})
        self.assertEqual((status, headers.get("content-type")), (200, "application/pdf"))
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertNotIn(SURNAME, headers.get("content-disposition"))
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode()
        # Annex IV's "taken prisoner on" is the date of capture; every value is in Russian and
        # Ukrainian (his language and the camp's): health in Annex IV's words, no English, no codes.
        for expected in [SURNAME, "Фамилия / Прізвище", captured_on, "здоров / здоровий", prisoner["number"]]:
            self.assertIn(expected, text)
        for english in ["captured", "good", "not_wounded"]:
            self.assertNotIn(english, text)
        latin = set(re.findall(r"[A-Za-z]{2,}", text)) - {"POW"}
        self.assertEqual(latin, set(), text)
        self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{pid}/capture-card/sent", {}, headers=self.admin)[0], 204)
        _, overdue, _ = self.server.json("GET", f"/api/v1/camps/{camp_id}/prisoners?capture_card=overdue", headers=self.admin)
        self.assertEqual(overdue["prisoners"], [])

        def post(**body):
            return self.server.json("POST", f"/api/v1/camps/{camp_id}/postings", {"prisoner": pid, **body},
                                    headers=self.admin)

        self.assertEqual(post(key="pay-1", kind="working_pay", days=3)[0], 201)
        status, replay, _ = post(key="pay-1", kind="working_pay", days=3)
        self.assertEqual((status, replay["replayed"]), (200, True))
        self.assertEqual(post(key="pay-1", kind="working_pay", days=4)[0], 409)
        self.assertEqual(post(key="tea-1", kind="canteen_purchase", item="чай", quantity=1)[0], 201)
        status, refused, _ = post(key="tea-2", kind="canteen_purchase", item="чай", quantity=1)
        self.assertEqual(status, 409)
        self.assertIn("does not cover", refused["error"]["message"])
        for bad, field in [({"kind": "cash_at_capture", "amount": "-5.00"}, "amount"),
                           ({"kind": "cash_at_capture", "amount": "1.001"}, "amount"),
                           ({"kind": "cash_at_capture", "amount": "5.00", "currency": "EUR"}, "currency"),
                           ({"kind": "cash_at_capture", "amount": 5}, "amount"),
                           ({"kind": "bribe", "amount": "5.00"}, "kind"),
                           ({"kind": "canteen_purchase", "item": "водка", "quantity": 1}, "item")]:
            status, answer, _ = post(key="bad", **bad)
            self.assertEqual((status, answer["error"]["field"]), (400, field), bad)
        # A call the account cannot cover is the state's: the balance stays at 5.00.
        self.assertEqual(post(key="call-1", kind="call_charge", minutes=15)[0], 201)
        status, statement, _ = self.server.json("GET", f"/api/v1/prisoners/{pid}/statement?month={today:%Y-%m}",
                                                headers=self.admin)
        self.assertEqual(status, 200)
        self.assertEqual([e["kind"] for e in statement["entries"]], ["working_pay", "canteen_purchase", "state_paid_call"])
        self.assertEqual([e["amount"] for e in statement["entries"]], ["30.00", "-25.00", "0.00"])
        self.assertEqual((statement["opening_balance"], statement["closing_balance"]), ("0.00", "5.00"))
        _, final, _ = self.server.json("GET", f"/api/v1/prisoners/{pid}/statement", headers=self.admin)
        self.assertEqual(final["closing_balance"], "5.00")
        self.assertEqual(self.server.json("GET", f"/api/v1/prisoners/{pid}/statement?month=2026-13",
                                          headers=self.admin)[0], 400)
        # Art. 122: the arrival and a hospital stay go to the bureau once.
        self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{pid}/movements",
                                          {"kind": "hospital", "on": today.isoformat()}, headers=self.admin)[0], 201)
        _, bureau, _ = self.server.json("GET", f"/api/v1/camps/{camp_id}/bureau", headers=self.admin)
        self.assertEqual([m["kind"] for m in bureau["movements"]], ["arrived", "hospital"])
        self.assertEqual(bureau["movements"][0]["fields"]["mother_maiden_name"], "Образцова")
        ids = [m["movement"] for m in bureau["movements"]]
        self.assertEqual(self.server.json("POST", f"/api/v1/camps/{camp_id}/bureau/notified", {"movements": ids},
                                          headers=self.admin)[0], 204)
        self.assertEqual(self.server.json("GET", f"/api/v1/camps/{camp_id}/bureau", headers=self.admin)[1]["movements"], [])

        # Coordinators do not keep the camp.
        self.assertEqual(self.server.json("GET", f"/api/v1/prisoners/{pid}", headers=self.coordinator)[0], 403)
        self.assertEqual(self.server.json("GET", "/api/v1/camps", headers=self.coordinator)[0], 403)

        # The books balance, and no identifying field is in a file or the log in clear.
        check = subprocess.run([BIN, "ledger", "check", *self.server.store_args()], capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.assertIn("the books balance", check.stdout)
        self.assertIn("3 postings", check.stdout)
        self.server.stop()
        for root, _, files in os.walk(self.server.dir):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    content = f.read()
                for secret in [SURNAME, "Z-123456", "Образцова", "Вымышленск"]:
                    self.assertNotIn(secret.encode(), content, f"{secret} in {name}")

    def tamper(self, sql):
        """Changes the books behind lifeline's back, as someone with database access could."""
        if self.server.postgres:
            psql(self.server.postgres.conninfo, sql)
            return
        with sqlite3.connect(os.path.join(self.server.data, "lifeline.db")) as db:
            db.execute(sql)

    def test_a_transfer_takes_his_account_along_and_a_new_capture_card_falls_due(self):
        first = self.make_camp()[1]["id"]
        status, body, _ = self.make_camp(name="Лагерь № 4 (синтетический)")
        self.assertEqual(status, 201, body)
        second = body["id"]
        today = datetime.date.today()
        pid = self.register(first, (today - datetime.timedelta(days=20)).isoformat())[1]["id"]
        self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{pid}/capture-card/sent", {}, headers=self.admin)[0], 204)
        self.assertEqual(self.server.json("POST", f"/api/v1/camps/{first}/postings",
                                          {"prisoner": pid, "key": "pay-1", "kind": "working_pay", "days": 3},
                                          headers=self.admin)[0], 201)
        moved_on = today - datetime.timedelta(days=10)
        status, body, _ = self.server.json("POST", f"/api/v1/prisoners/{pid}/movements",
                                           {"kind": "transferred", "on": moved_on.isoformat(), "to_camp": second},
                                           headers=self.admin)
        self.assertEqual(status, 201, body)
        # Art. 70: a card falls due a week after he arrived at the new camp, and is overdue there.
        _, got, _ = self.server.json("GET", f"/api/v1/prisoners/{pid}", headers=self.admin)
        self.assertEqual((got["camp_id"], got["balance"], got["capture_card_sent_on"], got["capture_card_due"]),
                         (second, "30.00", None, (moved_on + datetime.timedelta(days=7)).isoformat()))
        _, overdue, _ = self.server.json("GET", f"/api/v1/camps/{second}/prisoners?capture_card=overdue", headers=self.admin)
        self.assertEqual([p["id"] for p in overdue["prisoners"]], [pid])
        _, overdue, _ = self.server.json("GET", f"/api/v1/camps/{first}/prisoners?capture_card=overdue", headers=self.admin)
        self.assertEqual(overdue["prisoners"], [])
        # Art. 65: his balance left the old camp's books and opened his account in the new camp's.
        _, here, _ = self.server.json("GET", f"/api/v1/prisoners/{pid}/statement", headers=self.admin)
        self.assertEqual((here["camp"], [e["kind"] for e in here["entries"]], here["closing_balance"]),
                         (second, ["transfer_in"], "30.00"))
        _, there, _ = self.server.json("GET", f"/api/v1/prisoners/{pid}/statement?camp={first}", headers=self.admin)
        self.assertEqual((there["camp"], [e["kind"] for e in there["entries"]], there["closing_balance"]),
                         (first, ["working_pay", "transfer_out"], "0.00"))
        self.assertEqual([e["amount"] for e in there["entries"]], ["30.00", "-30.00"])
        status, bad, _ = self.server.json("GET", f"/api/v1/prisoners/{pid}/statement?camp=x", headers=self.admin)
        self.assertEqual((status, bad["error"]["field"]), (400, "camp"))
        # The old camp posts nothing more for him; nobody types a transfer's postings in.
        self.assertEqual(self.server.json("POST", f"/api/v1/camps/{first}/postings",
                                          {"prisoner": pid, "key": "pay-2", "kind": "working_pay", "days": 1},
                                          headers=self.admin)[0], 400)
        status, bad, _ = self.server.json("POST", f"/api/v1/camps/{second}/postings",
                                          {"prisoner": pid, "key": "t-1", "kind": "transfer_in", "amount": "5.00"},
                                          headers=self.admin)
        self.assertEqual((status, bad["error"]["field"]), (400, "kind"))
        self.assertEqual(self.server.json("POST", f"/api/v1/camps/{second}/postings",
                                          {"prisoner": pid, "key": "pay-3", "kind": "working_pay", "days": 1},
                                          headers=self.admin)[0], 201)
        # The ledger check matches the transfer's halves, and finds a forged transfer-in.
        check = subprocess.run([BIN, "ledger", "check", *self.server.store_args()], capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.assertIn("transfers without their other half of the same amount: 0", check.stdout)
        self.server.stop()
        self.tamper("UPDATE postings SET key = 'forged' WHERE kind = 'transfer_in'")
        check = subprocess.run([BIN, "ledger", "check", *self.server.store_args()], capture_output=True, text=True)
        self.assertEqual(check.returncode, 3, check.stdout + check.stderr)
        self.assertIn("transfers without their other half of the same amount: 2", check.stdout)
        self.assertIn("THE BOOKS DO NOT BALANCE", check.stdout)

    def test_labour_phone_line_and_mail(self):
        camp_id = self.make_camp(phone_hours=["10:00-10:30"])[1]["id"]  # two slots a day
        today = datetime.date.today()
        ids = [self.register(camp_id, (today - datetime.timedelta(days=3)).isoformat())[1]["id"] for _ in range(3)]
        pid = ids[0]
        # Labour: Art. 55 first, then an ordinary morning, then a day with no midday rest.
        shift = {"day": today.isoformat(), "hours": "08:00-12:00", "kind": "agriculture"}
        status, body, _ = self.server.json("POST", f"/api/v1/prisoners/{pid}/shifts", shift, headers=self.admin)
        self.assertEqual(status, 400)
        self.assertIn("Art. 55", body["error"]["message"])
        exam = (today - datetime.timedelta(days=2)).isoformat()
        self.assertEqual(self.server.json("PUT", f"/api/v1/prisoners/{pid}/labour", {"last_medical_exam": exam},
                                          headers=self.admin)[0], 204)
        self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{pid}/shifts", shift, headers=self.admin)[0], 201)
        status, body, _ = self.server.json("POST", f"/api/v1/prisoners/{pid}/shifts",
                                           {**shift, "hours": "12:30-16:00"}, headers=self.admin)
        self.assertIn("Art. 53", body["error"]["message"])
        self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{pid}/shifts", {**shift, "kind": "munitions"},
                                          headers=self.admin)[1]["error"]["field"], "kind")
        # The phone line: three wait for two slots; the rota is fixed for the day.
        for i in ids:
            self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{i}/phone-list", {}, headers=self.admin)[0], 204)
        _, day, _ = self.server.json("GET", f"/api/v1/camps/{camp_id}/phone", headers=self.admin)
        self.assertEqual([s["start"] for s in day["slots"]], ["10:00", "10:15"])
        self.assertEqual(len(day["standby"]), 1)
        first = day["slots"][0]
        call = {"prisoner": first["prisoner"], "start_minute": 600, "outcome": "completed", "minutes": 12}
        status, answer, _ = self.server.json("POST", f"/api/v1/camps/{camp_id}/phone/calls", call, headers=self.admin)
        self.assertEqual(status, 201, answer)
        status, answer, _ = self.server.json("POST", f"/api/v1/camps/{camp_id}/phone/calls",
                                             {**call, "prisoner": day["slots"][1]["prisoner"]}, headers=self.admin)
        self.assertEqual(status, 409)
        self.assertIn("one line", answer["error"]["message"])
        _, again, _ = self.server.json("GET", f"/api/v1/camps/{camp_id}/phone", headers=self.admin)
        self.assertEqual(again["slots"], day["slots"])
        self.assertEqual([c["outcome"] for c in again["calls"]], ["completed"])
        # Nothing on his account: the state paid, and his statement says so.
        _, statement, _ = self.server.json("GET", f"/api/v1/prisoners/{first['prisoner']}/statement", headers=self.admin)
        self.assertEqual([e["kind"] for e in statement["entries"]], ["state_paid_call"])
        # Mail: a letter held before two went is an Art. 71 shortfall.
        for body in [{"day": today.isoformat(), "kind": "letter", "direction": "sent"},
                     {"day": today.isoformat(), "kind": "letter", "direction": "sent", "held": True}]:
            self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{pid}/mail", body, headers=self.admin)[0], 201)
        _, mail, _ = self.server.json("GET", f"/api/v1/camps/{camp_id}/mail?month={today:%Y-%m}", headers=self.admin)
        self.assertEqual([(m["prisoner"], m["shortfall"]) for m in mail["prisoners"]], [(pid, True)])
        self.assertEqual(self.server.json("POST", f"/api/v1/prisoners/{pid}/mail", {"kind": "parcel", "direction": "sent"},
                                          headers=self.admin)[1]["error"]["field"], "kind")
