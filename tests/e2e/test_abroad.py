"""Help abroad over HTTP: a caseworker records a person abroad (sealed), his proceedings and
deadlines; the risk board ranks people by the soonest danger and raises alerts; a changed
stay rule moves the last legal day; pathways show what is missing; a referral goes to a
partner with consent, sealed to the partner's key, and only `lifeline referral open` with
the partner's secret opens it. The public legal-information page states the penalties."""
import datetime
import json
import os
import re
import subprocess
from urllib.parse import urlencode

from harness import ADMIN_PASSWORD, BIN, ServerTest

NAME = "Уехавший Синтетик"
CONTACT = "@synthetic_abroad_contact"


class Abroad(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("case.worker", "caseworker", "synthetic-caseworker-password")
        self.server.add_user("second.worker", "caseworker", "synthetic-second-worker-pw")
        self.server.start()
        self.worker = self.server.sign_in("case.worker", "synthetic-caseworker-password")
        self.today = datetime.date.today()

    def day(self, offset):
        return (self.today + datetime.timedelta(days=offset)).isoformat()

    def add_person(self, country="KZ", arrived=-60, **fields):
        body = {"wanted": "interstate_list", "needs": ["legal", "housing"],
                "fields": {"name": NAME, "contact": CONTACT, "country": country, "city": "Вымышленск",
                           "arrived_on": self.day(arrived),
                           "documents": [{"kind": "internal_passport", "expires": self.day(400)}],
                           "cases": [{"article": "338.3", "status": "opened in absentia"}], **fields}}
        return self.server.json("POST", "/api/v1/abroad/people", body, headers=self.worker)

    def board(self, alerts=False):
        status, body, _ = self.server.json("GET", "/api/v1/abroad/board" + ("?alerts=1" if alerts else ""),
                                           headers=self.worker)
        self.assertEqual(status, 200, body)
        return body["lines"]

    def test_records_deadlines_and_the_risk_board(self):
        status, first, _ = self.add_person(arrived=-60)  # Kazakhstan: 90 days in 180, so 30 days left
        self.assertEqual(status, 201, first)
        self.assertTrue(first["number"].startswith("ABR-"))
        _, second, _ = self.add_person(country="AM", arrived=-10,  # Armenia: 180 days
                                       documents=[{"kind": "international_passport", "expires": self.day(-10)}])
        status, _, page = self.server.request("GET", f"/console/abroad/people/{second['id']}",
                                              headers={"Cookie": self.worker["Cookie"]})
        self.assertEqual(status, 200)
        self.assertIn(f"загранпаспорт, <strong>истёк</strong> {self.day(-10)}", page.decode())
        status, proceeding, _ = self.server.json("POST", f"/api/v1/abroad/people/{second['id']}/proceedings",
                                                 {"kind": "extradition", "filed_on": self.day(-5)}, headers=self.worker)
        self.assertEqual(status, 201, proceeding)
        pid = proceeding["id"]
        self.assertEqual(self.server.json("POST", f"/api/v1/abroad/proceedings/{pid}/events",
                                          {"kind": "hearing", "on": self.day(5)}, headers=self.worker)[0], 201)
        lines = self.board()
        self.assertEqual([l["id"] for l in lines[:2]], [second["id"], first["id"]])
        self.assertEqual((lines[0]["next"]["kind"], lines[0]["days_left"], lines[0]["alert"]),
                         ("extradition_hearing", 5, True))
        self.assertEqual(lines[1]["next"]["kind"], "stay_ends")
        self.assertNotIn(NAME, json.dumps(lines))
        self.assertEqual([l["id"] for l in self.board(alerts=True)], [second["id"]])  # 30 days > 14 for a stay

        # Bad input: each refused with the field at fault, and nothing stored.
        refusals = [
            (f"/api/v1/abroad/proceedings/{pid}/events", {"kind": "hearing", "on": self.day(-1)}, "on"),
            (f"/api/v1/abroad/proceedings/{pid}/events", {"kind": "decision", "on": self.day(-30)}, "on"),
            (f"/api/v1/abroad/proceedings/{pid}/events", {"kind": "removal_date", "on": self.day(3)}, "kind"),
            (f"/api/v1/abroad/people/{first['id']}/proceedings", {"kind": "asylum", "filed_on": self.day(2)}, "filed_on"),
        ]
        for path, body, field in refusals:
            status, answer, _ = self.server.json("POST", path, body, headers=self.worker)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        for fields, field in [({"country": "ZZ"}, "country"),
                              ({"earlier_stays": [{"country": "GE", "entered": self.day(-90), "left": self.day(-50)}]},
                               "earlier_stays"),
                              ({"cases": [{"article": "999"}]}, "cases.article"),
                              ({"documents": [{"kind": "library_card"}]}, "documents.kind")]:
            status, answer, _ = self.add_person(**fields)
            self.assertEqual((status, answer["error"]["field"]), (400, field), fields)

        # A stricter rule for Kazakhstan: the first person now overstays and leads the board.
        status, _, _ = self.server.json("PUT", "/api/v1/abroad/countries/KZ",
                                        {"name": "Kazakhstan", "days_allowed": 30, "period_days": 180},
                                        headers=self.worker)
        self.assertEqual(status, 200)
        lines = self.board()
        self.assertEqual((lines[0]["id"], lines[0]["next"]["kind"]), (first["id"], "stay_ends"))
        self.assertEqual(lines[0]["days_left"], -31)  # 30 days from day -60: the last was day -31
        _, person, _ = self.server.json("GET", f"/api/v1/abroad/people/{first['id']}", headers=self.worker)
        self.assertEqual((person["overstaying"], person["fields"]["name"]), (True, NAME))
        self.assertEqual((person["last_legal_day"], person["days_overstayed"]), (self.day(-31), 31))

        # Lead times are the caseworkers' to set.
        status, lead, _ = self.server.json("PUT", "/api/v1/abroad/lead-times", {"extradition_hearing": 3},
                                           headers=self.worker)
        self.assertEqual((status, lead["extradition_hearing"]), (200, 3))
        self.assertEqual(self.server.json("PUT", "/api/v1/abroad/lead-times", {"tea_time": 3},
                                          headers=self.worker)[0], 400)

        # Others do not see people abroad.
        operator = self.server.sign_in()
        self.assertEqual(self.server.json("GET", "/api/v1/abroad/board", headers=operator)[0], 403)
        self.assertEqual(self.server.json("GET", f"/api/v1/abroad/people/{first['id']}", headers=operator)[0], 403)

        # Nothing identifying reaches a file in clear.
        self.server.stop()
        for root, _, files in os.walk(self.server.dir):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    content = f.read()
                for secret in [NAME, CONTACT, "Вымышленск", "opened in absentia"]:
                    self.assertNotIn(secret.encode(), content, f"{secret} in {name}")

    def test_overstays_are_dated_from_the_rule_and_do_not_hide_a_hearing(self):
        # Kazakhstan, 90 days in 180: arrived 100 days ago, the 90th day was 11 days ago;
        # arrived 120 days ago (with 10 days there half a year before that, out of the window
        # by now), 31 days ago.
        _, shorter, _ = self.add_person(arrived=-100)
        _, longer, _ = self.add_person(arrived=-120, earlier_stays=[
            {"country": "KZ", "entered": self.day(-320), "left": self.day(-311)}])
        _, person, _ = self.server.json("GET", f"/api/v1/abroad/people/{longer['id']}", headers=self.worker)
        self.assertEqual((person["last_legal_day"], person["days_overstayed"]), (self.day(-31), 31))
        _, person, _ = self.server.json("GET", f"/api/v1/abroad/people/{shorter['id']}", headers=self.worker)
        self.assertEqual((person["last_legal_day"], person["days_overstayed"]), (self.day(-11), 11))

        status, proceeding, _ = self.server.json("POST", f"/api/v1/abroad/people/{shorter['id']}/proceedings",
                                                 {"kind": "extradition", "filed_on": self.day(-5)}, headers=self.worker)
        self.assertEqual(status, 201, proceeding)
        self.assertEqual(self.server.json("POST", f"/api/v1/abroad/proceedings/{proceeding['id']}/events",
                                          {"kind": "hearing", "on": self.day(11)}, headers=self.worker)[0], 201)
        lines = self.board()
        self.assertEqual([(l["id"], l["days_left"]) for l in lines], [(longer["id"], -31), (shorter["id"], -11)])
        self.assertEqual(lines[1]["beside"], [{"kind": "extradition_hearing", "on": self.day(11)}])
        self.assertEqual(lines[0]["beside"], [])
        status, _, page = self.server.request("GET", "/console/abroad", headers={"Cookie": self.worker["Cookie"]})
        self.assertEqual(status, 200)
        self.assertIn("просрочено на 31 дн.", page.decode())
        self.assertIn(f"экстрадиц", page.decode().split(shorter["number"])[1].split("</tr>")[0].lower())

    def test_the_form_takes_as_many_documents_relatives_and_stays_as_he_has(self):
        cookie = {"Cookie": self.worker["Cookie"]}
        form_headers = {**cookie, "Content-Type": "application/x-www-form-urlencoded"}
        status, _, page = self.server.request("GET", "/console/abroad/new", headers=cookie)
        self.assertEqual(status, 200)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.decode()).group(1)
        fields = {"csrf": csrf, "name": NAME, "country": "KZ", "arrived_on": self.day(-20), "wanted": "none_known"}
        kinds = ["internal_passport", "international_passport", "residence_permit", "visa"]
        # Ask for another document row three times, filling each as it comes: nothing is saved.
        for i, kind in enumerate(kinds[:3], start=1):
            fields[f"doc_kind_{i}"], fields[f"doc_expires_{i}"] = kind, self.day(100 + i)
            status, _, page = self.server.request("POST", "/console/abroad/people",
                                                  raw=urlencode({**fields, "add_row": "documents"}).encode(),
                                                  headers=form_headers)
            self.assertEqual(status, 200)
            self.assertIn(f'id="doc_kind_{i + 2}"', page.decode())  # his rows, the blank one, and one more
            self.assertIn(f'value="{self.day(100 + i)}"', page.decode())  # what was typed is kept
        self.assertEqual(self.board(), [])
        fields["doc_kind_4"], fields["doc_expires_4"] = kinds[3], self.day(104)
        for i in range(1, 4):
            fields[f"family_relation_{i}"], fields[f"family_name_{i}"] = f"relative {i}", f"Синтетик {i}"
            fields[f"stay_country_{i}"] = "AM"
            fields[f"stay_entered_{i}"], fields[f"stay_left_{i}"] = self.day(-200 + 40 * i), self.day(-190 + 40 * i)
        status, headers, _ = self.server.request("POST", "/console/abroad/people", raw=urlencode(fields).encode(),
                                                 headers=form_headers)
        self.assertEqual(status, 303)
        person_id = int(headers["location"].rsplit("/", 1)[1])
        _, person, _ = self.server.json("GET", f"/api/v1/abroad/people/{person_id}", headers=self.worker)
        self.assertEqual([d["kind"] for d in person["fields"]["documents"]], kinds)
        self.assertEqual(len(person["fields"]["family"]), 3)
        self.assertEqual(len(person["fields"]["earlier_stays"]), 3)

        # Past the most a list may hold: refused, naming the list, and nothing stored.
        too_many = {**fields, **{f"doc_kind_{i}": "" for i in range(5, 52)}}
        status, _, page = self.server.request("POST", "/console/abroad/people", raw=urlencode(too_many).encode(),
                                              headers=form_headers)
        self.assertEqual(status, 400)
        self.assertEqual(len(self.board()), 1)

    def test_pathways_and_a_referral_only_the_partner_opens(self):
        _, person, _ = self.add_person()
        status, pathway, _ = self.server.json("POST", f"/api/v1/abroad/people/{person['id']}/pathways",
                                              {"kind": "humanitarian_visa", "target_country": "DE"}, headers=self.worker)
        self.assertEqual(status, 201, pathway)
        self.assertEqual(self.server.json("POST", f"/api/v1/abroad/pathways/{pathway['id']}/steps",
                                          {"step": "passport_valid", "status": "done"}, headers=self.worker)[0], 204)
        _, pathways, _ = self.server.json("GET", f"/api/v1/abroad/people/{person['id']}/pathways", headers=self.worker)
        self.assertNotIn("passport_valid", pathways["pathways"][0]["open"])
        self.assertIn("evidence_of_risk", pathways["pathways"][0]["open"])
        self.assertEqual(self.server.json("POST", f"/api/v1/abroad/people/{person['id']}/pathways",
                                          {"kind": "work_visa", "target_country": "QQ"},
                                          headers=self.worker)[1]["error"]["field"], "target_country")

        # The partner makes its key; the administrator registers it.
        secret = os.path.join(self.server.dir, "partner.secret")
        made = subprocess.run([BIN, "partner-key", "new", "--secret-out", secret], capture_output=True, text=True)
        self.assertEqual(made.returncode, 0, made.stderr)
        public_key = made.stdout.strip()
        self.assertEqual(len(public_key), 64)
        self.assertEqual(os.stat(secret).st_mode & 0o777, 0o600)
        admin = self.server.sign_in("admin", ADMIN_PASSWORD)
        self.assertEqual(self.server.json("POST", "/api/v1/abroad/partners",
                                          {"name": "Synthetic Lawyers", "kind": "lawyers", "public_key": public_key},
                                          headers=self.worker)[0], 403)
        status, partner, _ = self.server.json("POST", "/api/v1/abroad/partners",
                                              {"name": "Synthetic Lawyers", "kind": "lawyers", "public_key": public_key},
                                              headers=admin)
        self.assertEqual(status, 201, partner)
        _, keyless, _ = self.server.json("POST", "/api/v1/abroad/partners", {"name": "Synthetic Shelter", "kind": "shelter"},
                                         headers=admin)

        refer = f"/api/v1/abroad/people/{person['id']}/referrals"
        consented = {"partner": partner["id"], "fields": ["name", "cases", "needs"], "consent": True,
                     "consent_how": "in_person"}
        for body, field in [({**consented, "consent": False}, "consent"), ({**consented, "partner": keyless["id"]}, "partner_id"),
                            ({**consented, "fields": []}, "fields"), ({**consented, "fields": ["password"]}, "fields")]:
            status, answer, _ = self.server.json("POST", refer, body, headers=self.worker)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        # His identity leaves the organisation: a second person approves each referral.
        status, answer, _ = self.server.json("POST", refer, consented, headers=self.worker)
        self.assertEqual(status, 403, answer)
        self.assertIn("second person", str(answer))
        status, asked, _ = self.server.json("POST", refer + "/approval", {}, headers=self.worker)
        self.assertEqual(status, 201, asked)
        self.assertEqual(self.server.json("POST", f"/api/v1/approvals/{asked['request']}/grant", {},
                                          headers=self.worker)[0], 403)  # not by himself
        second = self.server.sign_in("second.worker", "synthetic-second-worker-pw")
        self.assertEqual(self.server.json("POST", f"/api/v1/approvals/{asked['request']}/grant", {},
                                          headers=second)[0], 204)
        status, referral, _ = self.server.json("POST", refer, consented, headers=self.worker)
        self.assertEqual(status, 201, referral)
        self.assertEqual(self.server.json("POST", refer, consented, headers=self.worker)[0], 403)  # used up
        # The person's page lists it: when it was made (UTC, to the minute), to whom, what, and the
        # consent with its own day.
        _, _, page = self.server.request("GET", f"/console/abroad/people/{person['id']}",
                                         headers={"Cookie": self.worker["Cookie"]})
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        self.assertRegex(page.decode(), rf"<li>{today} \d\d:\d\d UTC: Synthetic Lawyers \(.*; согласие лично, "
                                        rf"{today}\)")
        status, headers, package = self.server.request("GET", f"/api/v1/abroad/referrals/{referral['id']}/package",
                                                       headers=self.worker)
        self.assertEqual((status, headers.get("content-type")), (200, "application/octet-stream"))
        self.assertNotIn(NAME.encode(), package)
        path = os.path.join(self.server.dir, "referral.sealed")
        with open(path, "wb") as f:
            f.write(package)
        # The partner trusts the organisation's signing key, given to it beforehand.
        status, signing, _ = self.server.json("GET", "/api/v1/abroad/referral-signing-key", headers=admin)
        self.assertEqual((status, len(signing["public_key"])), (200, 64))
        self.assertEqual(self.server.json("GET", "/api/v1/abroad/referral-signing-key", headers=self.worker)[1],
                         signing)
        self.assertEqual(self.server.json("GET", "/api/v1/abroad/referral-signing-key",
                                          headers=self.server.sign_in())[0], 403)
        _, _, page = self.server.request("GET", "/console/partners", headers={"Cookie": admin["Cookie"]})
        self.assertIn(signing["public_key"], page.decode())
        trusted = os.path.join(self.server.dir, "trusted-senders")
        with open(trusted, "w") as f:
            f.write(f"# who we accept referrals from\n{signing['public_key']} Synthetic Office\n")

        def open_package(secret_file, trusted_file):
            return subprocess.run([BIN, "referral", "open", "--secret", secret_file, "--package", path,
                                   "--trusted-senders", trusted_file], capture_output=True, text=True)

        opened = open_package(secret, trusted)
        self.assertEqual(opened.returncode, 0, opened.stderr)
        package_json = json.loads(opened.stdout)
        shared = package_json["shared"]
        self.assertEqual((shared["name"], shared["cases"][0]["article"]), (NAME, "338.3"))
        self.assertEqual(sorted(shared), ["cases", "name", "needs"])  # not his contact, not his country
        self.assertEqual(package_json["signed_by"], {"name": "Synthetic Office", "key": signing["public_key"]})

        # Signed by a key the partner does not trust (another installation, someone re-signing):
        # refused, and nothing of the content shown.
        stranger = os.path.join(self.server.dir, "stranger-senders")
        with open(stranger, "w") as f:
            f.write("11" * 32 + " Somebody Else\n")
        refused = open_package(secret, stranger)
        self.assertEqual(refused.returncode, 4)
        self.assertIn("trusted senders", refused.stderr)
        self.assertNotIn(NAME, refused.stdout + refused.stderr)
        with open(stranger, "w") as f:
            f.write("not-a-key Somebody\n")
        self.assertEqual(open_package(secret, stranger).returncode, 2)

        other = os.path.join(self.server.dir, "other.secret")
        subprocess.run([BIN, "partner-key", "new", "--secret-out", other], capture_output=True, check=True)
        wrong = open_package(other, trusted)
        self.assertEqual(wrong.returncode, 3)
        self.assertNotIn(NAME, wrong.stdout + wrong.stderr)

    def test_the_public_legal_information_page(self):
        status, headers, body = self.server.request("GET", "/legal")
        page = body.decode()
        self.assertEqual(status, 200)
        self.assertIn('lang="ru"', page)
        self.assertIn("дезертирство в условиях военного времени", page)
        self.assertIn("от 5 до 15 лет", page)
        self.assertIn("C-472/13", page)
        self.assertIn("2011/95/EU", page)
        status, _, body = self.server.request("GET", "/legal?lang=en")
        self.assertIn("5 to 15 years", body.decode())
        self.assertIn("UNHCR", body.decode())
        # Ukrainian and Belarusian pages of their own, with nothing of the Russian one.
        for lang, desertion, years, unhcr in [
                ("uk", "дезертирство в умовах воєнного часу", "від 5 до 15 років", "УВКБ ООН"),
                ("be", "дэзерцірства ва ўмовах ваеннага часу", "ад 5 да 15 гадоў", "УВКБ ААН")]:
            status, _, body = self.server.request("GET", f"/legal?lang={lang}")
            page = body.decode()
            self.assertEqual(status, 200)
            self.assertIn(f'lang="{lang}"', page)
            for text in (desertion, years, unhcr, "C-472/13"):
                self.assertIn(text, page)
            for russian in ("дезертирство в условиях", "лет", "Наказания", "Сверено"):
                self.assertNotIn(russian, page, lang)
