"""The staff console speaks Russian throughout (issue 20): every console page each role can
open, over a store holding an application of each kind, a group, custody, a task, a camp with
a prisoner and a person abroad with a proceeding and a pathway, shows no English word and no
raw code (a word_with_underscores). What staff typed themselves and names written in Latin
by everyone (services, standards, formats) are the only Latin allowed."""
import datetime
import html
import re
import unittest

from harness import ServerTest, minimal_application

PASSWORD = "synthetic-password-{}"
ROLES = ["operator", "verifier", "coordinator", "camp_admin", "caseworker", "analyst", "auditor", "admin"]
# Names everyone writes in Latin: services, formats and standards, a model's name (Erlang A),
# Roman numerals (Annex IV) and the print shortcut.
ALLOWED_LATIN = {"Signal", "Telegram", "SMS", "UTC", "CSV", "PDF", "JSON", "IP", "Tor", "TOTP", "QR", "ISO",
                 "SIP", "Erlang", "A", "IV", "Ctrl", "P"}
# Registry numbers (POW-000001, ABR-000001) and ISO country codes are identifiers, not words.
IDENTIFIER = re.compile(r"^(?:[A-Z]{3}-\d+|[A-Z]{2})$")
PAGES = {
    "operator": ["/console/", "/console/today", "/console/search", "/console/wallboard", "/console/security"],
    "verifier": ["/console/", "/console/?review=1", "/console/cases/1", "/console/today"],
    "coordinator": ["/console/", "/console/cases/1", "/console/cases/2", "/console/cases/1/custody",
                    "/console/cases/2/group", "/console/today", "/console/statistics", "/console/wallboard",
                    "/console/callbacks", "/console/staffing", "/console/search?q=%D0%BF"],
    "camp_admin": ["/console/camps", "/console/camps/1", "/console/camps/1/bureau", "/console/camps/1/mail",
                   "/console/camps/1/phone", "/console/prisoners/1"],
    "caseworker": ["/console/abroad", "/console/abroad/new", "/console/abroad/people/1",
                   "/console/abroad/people/1/edit", "/console/abroad/countries", "/console/partners"],
    "analyst": ["/console/statistics"],
    "auditor": ["/console/audit"],
    "admin": ["/console/", "/console/accounts", "/console/security", "/console/partners"],
}


def visible_text(page):
    page = re.sub(r"(?s)<(script|style|code|pre)\b.*?</\1>", " ", page)
    page = re.sub(r'(?s)<(\w+)[^>]*\blang="(?!ru")[^"]*"[^>]*>.*?</\1>', " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


class ConsoleLanguage(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        for role in ROLES:
            if role != "admin":
                self.server.add_user(f"{role}.one", role, PASSWORD.format(role))
        self.server.start()
        self.auth = {role: self.server.sign_in(f"{role}.one", PASSWORD.format(role)) for role in ROLES
                     if role != "admin"}
        from harness import ADMIN_PASSWORD
        self.auth["admin"] = self.server.sign_in("admin", ADMIN_PASSWORD)
        self.make_data()

    def post(self, role, path, body, expect):
        status, answer, _ = self.server.json("POST" if not path.startswith("PUT ") else "PUT",
                                             path.removeprefix("PUT "), body, headers=self.auth[role])
        self.assertEqual(status, expect, (path, answer))
        return answer

    def make_data(self):
        day = lambda offset: (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()
        self.assertEqual(self.server.submit(minimal_application(
            name="Синтетический Первый", deploy_by=day(10),
            contact={"channel": "signal", "handle": "12345", "safe_windows": ["пн-пт 19-21"]}))[0], 201)
        self.assertEqual(self.server.submit(minimal_application(
            name="Синтетический Второй", group={"kind": "unit", "size": 12},
            contact={"channel": "signal", "handle": "67890"}))[0], 201)
        self.post("coordinator", "PUT /api/v1/cases/1/custody", {"circumstance": "captured"}, 204)
        self.post("coordinator", "/api/v1/cases/1/tasks", {"kind": "check"}, 201)
        self.post("coordinator", "/api/v1/cases/2/members", {"name": "Синтетический Участник"}, 201)
        self.post("coordinator", "/api/v1/cases/1/replies", {"text": "синтетический ответ"}, 201)
        camp = self.post("camp_admin", "/api/v1/camps", {
            "name": "Лагерь № 3 (синтетический)", "language": "uk", "uah_per_chf": "38.00",
            "working_pay_per_day": "10.00", "call_charge_per_minute": "2.00", "phone_hours": ["10:00-12:00"],
            "canteen": [{"name": "чай", "price": "25.00", "market_price": "28.00"}]}, 201)
        self.post("camp_admin", f"/api/v1/camps/{camp['id']}/prisoners", {
            "rank_category": "soldier", "arrived_on": day(-3), "language": "ru",
            "fields": {"surname": "Синтетиков", "first_names": "Пробный", "rank": "рядовой",
                       "service_number": "123456", "birth_date": "2000-01-02"}}, 201)
        person = self.post("caseworker", "/api/v1/abroad/people", {
            "wanted": "interstate_list", "needs": ["legal", "housing"],
            "fields": {"name": "Уехавший Синтетик", "contact": "123", "country": "KZ", "city": "Вымышленск",
                       "arrived_on": day(-60),
                       "documents": [{"kind": "internal_passport", "expires": day(400)}],
                       "cases": [{"article": "338.3", "status": "возбуждено заочно"}]}}, 201)
        proceeding = self.post("caseworker", f"/api/v1/abroad/people/{person['id']}/proceedings",
                               {"kind": "extradition", "filed_on": day(-5)}, 201)
        self.post("caseworker", f"/api/v1/abroad/proceedings/{proceeding['id']}/events",
                  {"kind": "hearing", "on": day(5)}, 201)
        pathway = self.post("caseworker", f"/api/v1/abroad/people/{person['id']}/pathways",
                            {"kind": "humanitarian_visa", "target_country": "DE"}, 201)
        self.post("caseworker", f"/api/v1/abroad/pathways/{pathway['id']}/steps",
                  {"step": "passport_valid", "status": "done"}, 204)

    def test_every_console_page_speaks_russian(self):
        problems = []
        for role, paths in PAGES.items():
            cookie = {"Cookie": self.auth[role]["Cookie"]}
            for path in paths:
                status, _, page = self.server.request("GET", path, headers=cookie)
                self.assertEqual(status, 200, f"{role} {path}")
                text = visible_text(page.decode())
                names = {f"{r}.one" for r in ROLES} | {"admin", "op.main"}
                for token in set(re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", text)):
                    token = token.rstrip(".-")
                    if token in names or token in ALLOWED_LATIN or IDENTIFIER.match(token):
                        continue
                    problems.append(f"{role} {path}: {token!r}")
        self.assertEqual(problems, [], "\n".join(sorted(problems)))


if __name__ == "__main__":
    unittest.main()
