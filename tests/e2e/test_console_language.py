"""The staff console speaks each account's language throughout (issue 20): every console page
each role can open, over a store holding an application of each kind, a group, custody, a task,
a camp with a prisoner and a person abroad with a proceeding and a pathway, shows
- in Russian (the default), no English word and no raw code (a word_with_underscores);
- in English (the account's choice, PUT /api/v1/me/language), no Cyrillic word;
- in Ukrainian, no English word, no raw code and no word with a letter only Russian has
  (ы, э, ъ, ё);
and says its language in <html lang>. Every form on those pages, sent back with each field
wrong (a letter where a number, date or choice belongs) and then empty, is refused (or done)
in the same language, never with a 500. What staff typed themselves, names written in Latin by
everyone (services, standards, formats) and the language picker's own names (each marked with
its lang) are the only exceptions."""
import datetime
import html
import html.parser
import re
import unittest
from urllib.parse import urlencode

from harness import ServerTest, minimal_application

PASSWORD = "synthetic-password-{}"
ROLES = ["operator", "verifier", "coordinator", "camp_admin", "caseworker", "analyst", "auditor", "admin"]
# Names everyone writes in Latin: services, formats and standards, a model's name (Erlang A),
# Roman numerals (Annex IV, the III Geneva Convention) and the print shortcut.
ALLOWED_LATIN = {"Signal", "Telegram", "SMS", "UTC", "CSV", "PDF", "JSON", "IP", "Tor", "TOTP", "QR", "ISO",
                 "SIP", "Erlang", "A", "III", "IV", "Ctrl", "P"}
# Registry numbers (POW-000001, ABR-000001) and ISO country codes are identifiers, not words.
IDENTIFIER = re.compile(r"^(?:[A-Z]{3}-\d+|[A-Z]{2})$")
PAGES = {
    "operator": ["/console/", "/console/today", "/console/search", "/console/wallboard", "/console/security"],
    "verifier": ["/console/", "/console/?review=1", "/console/cases/1", "/console/today"],
    "coordinator": ["/console/", "/console/cases/1", "/console/cases/2", "/console/cases/1/custody",
                    "/console/cases/2/group", "/console/today", "/console/statistics", "/console/wallboard",
                    "/console/callbacks", "/console/staffing", "/console/search?q=%D0%BF",
                    "/console/approvals", "/console/alerts"],
    "camp_admin": ["/console/camps", "/console/camps/1", "/console/camps/1/bureau", "/console/camps/1/mail",
                   "/console/camps/1/phone", "/console/prisoners/1"],
    "caseworker": ["/console/abroad", "/console/abroad/new", "/console/abroad/people/1",
                   "/console/abroad/people/1/edit", "/console/abroad/countries", "/console/partners"],
    "analyst": ["/console/statistics"],
    "auditor": ["/console/audit", "/console/approvals", "/console/alerts", "/console/custodians"],
    "admin": ["/console/", "/console/accounts", "/console/security", "/console/partners", "/console/custodians"],
}


# What the test's data holds, typed by staff or applicants in Russian: allowed on every page.
TYPED = ("ж Синтетический Первый Второй Участник ответ Лагерь № 3 синтетический чай рядовой Синтетиков "
         "Пробный Уехавший Синтетик Вымышленск возбуждено заочно").split()
RUSSIAN_ONLY = re.compile(r"[ыЫэЭъЪёЁ]")


# Forms the refusal walk leaves alone: they end the session, delete, change the account's
# language or second factor, or act on accounts, whatever their fields hold.
UNTOUCHED_FORMS = re.compile(r"/(?:logout|logout-everywhere|delete|security/[a-z]+|accounts/\d+/\w+)$")


class Forms(html.parser.HTMLParser):
    """The page's POST forms: (action, [(name, value, hidden)])."""

    def __init__(self):
        super().__init__()
        self.forms, self.fields = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self.fields = []
            self.forms.append((a.get("action", ""), self.fields))
        elif tag in ("input", "select", "textarea") and self.fields is not None and a.get("name"):
            if a.get("type") not in ("submit", "button", "checkbox", "radio"):
                self.fields.append((a["name"], a.get("value", ""), a.get("type") == "hidden"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.fields = None


def visible_text(page, language="ru"):
    page = re.sub(r"(?s)<(script|style|code|pre)\b.*?</\1>", " ", page)
    page = re.sub(r'(?s)<(\w+)[^>]*\blang="(?!%s")[^"]*"[^>]*>.*?</\1>' % language, " ", page)
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

    def latin_problems(self, where, text):
        names = {f"{r}.one" for r in ROLES} | {"admin", "op.main"}
        problems = []
        for token in set(re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", text)):
            token = token.rstrip(".-")
            if token in names or token in ALLOWED_LATIN or IDENTIFIER.match(token):
                continue
            problems.append(f"{where}: {token!r}")
        return problems

    def walk(self, language):
        """Every role's pages in `language`: the problems found."""
        problems = []
        for role, paths in PAGES.items():
            if language != "ru":
                self.post(role, "PUT /api/v1/me/language", {"language": language}, 204)
            cookie = {"Cookie": self.auth[role]["Cookie"]}
            for path in paths:
                status, _, body = self.server.request("GET", path, headers=cookie)
                self.assertEqual(status, 200, f"{role} {path}")
                problems += self.language_problems(f"{language} {role} {path}", body.decode(), language)
        return problems

    def language_problems(self, where, page, language):
        problems = []
        if f'<html lang="{language}">' not in page:
            problems.append(f"{where}: not <html lang=\"{language}\">")
        text = visible_text(page, language)
        if language != "en":
            problems += self.latin_problems(where, text)
        for word in set(re.findall(r"[\u0400-\u04FF][\u0400-\u04FF\u02BC'’-]*", text)):
            if word in TYPED:
                continue
            if language == "en" or (language == "uk" and RUSSIAN_ONLY.search(word)):
                problems.append(f"{where}: {word!r}")
        return problems

    def walk_refusals(self, language):
        """Every form on every role's pages, sent with each field wrong, then empty: the problems
        found in the refusals, and how many refusals were read."""
        problems, refusals = [], 0
        for role, paths in PAGES.items():
            if language != "ru":
                self.post(role, "PUT /api/v1/me/language", {"language": language}, 204)
            cookie = {"Cookie": self.auth[role]["Cookie"], "Content-Type": "application/x-www-form-urlencoded"}
            for path in paths:
                parser = Forms()
                parser.feed(self.server.request("GET", path, headers=cookie)[2].decode())
                for action, fields in parser.forms:
                    if UNTOUCHED_FORMS.search(action) or not any(not hidden for _, _, hidden in fields):
                        continue
                    for wrong in ("ж", ""):
                        body = [(name, value if hidden else wrong) for name, value, hidden in fields]
                        status, _, answer = self.server.request("POST", action, raw=urlencode(body).encode(),
                                                                headers=cookie)
                        where = f"{language} {role} {path} → {action} ({wrong or 'empty'})"
                        self.assertLess(status, 500, where)
                        if 400 <= status < 500:
                            refusals += 1
                            problems += self.language_problems(where, answer.decode(), language)
        return problems, refusals

    def test_every_console_form_refuses_in_the_accounts_language(self):
        for language in ("ru", "en", "uk"):
            problems, refusals = self.walk_refusals(language)
            self.assertGreaterEqual(refusals, 60, language)  # the walk reached the forms (76 today)
            self.assertEqual(problems, [], "\n".join(sorted(problems)))

    def test_a_language_the_console_does_not_speak_is_refused_naming_the_field(self):
        for bad in ({"language": "be"}, {"language": "de"}, {"language": 7}, {}):
            answer = self.post("operator", "PUT /api/v1/me/language", bad, 400)
            self.assertEqual(answer["error"]["field"], "language", bad)
        self.post("operator", "PUT /api/v1/me/language", {"language": "en"}, 204)
        # The console's form: the refusal is a page in the account's language, naming the field.
        cookie = self.auth["operator"]["Cookie"]
        _, _, page = self.server.request("GET", "/console/security", headers={"Cookie": cookie})
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.decode()).group(1)
        status, _, page = self.server.request(
            "POST", "/console/security/language", raw=urlencode({"csrf": csrf, "language": "be"}).encode(),
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400)
        self.assertIn('<html lang="en">', page.decode())
        self.assertIn("“language”", page.decode())
        self.assertNotRegex(visible_text(page.decode(), "en"), r"[\u0400-\u04FF]")
        # Nothing changed: the account still reads English.
        _, _, page = self.server.request("GET", "/console/", headers={"Cookie": cookie})
        self.assertIn('<html lang="en">', page.decode())

    def test_every_console_page_speaks_russian(self):
        problems = self.walk("ru")
        self.assertEqual(problems, [], "\n".join(sorted(problems)))

    def test_every_console_page_speaks_english_to_an_account_that_chose_it(self):
        problems = self.walk("en")
        self.assertEqual(problems, [], "\n".join(sorted(problems)))

    def test_every_console_page_speaks_ukrainian_to_an_account_that_chose_it(self):
        problems = self.walk("uk")
        self.assertEqual(problems, [], "\n".join(sorted(problems)))

if __name__ == "__main__":
    unittest.main()
