"""No language leaks into another on the applicant's pages (issue 20): every public page, and
every refusal the form, the status check and the message form can give, is fetched in
Russian, Belarusian, Ukrainian and English, and its visible text is checked:

- an English page holds no Cyrillic letter;
- a Russian, Belarusian or Ukrainian page holds no Latin word but the names of services and
  standards everyone writes in Latin (ALLOWED_LATIN), and no letter that only another of the
  three languages uses (Ukrainian і ї є ґ on a Russian page; ы э ъ ё ў on a Ukrainian one; и
  щ ъ on a Belarusian one);
- no page shows a raw code (a word_with_underscores).

Text inside an element marked with another lang attribute (the language menu) belongs to
that language and is left out."""
import html
import re
import unittest
from urllib.parse import urlencode

from harness import ServerTest, minimal_application

LANGUAGES = ["ru", "be", "uk", "en"]
# Names written in Latin in every language: services, standards, and a judgment's name (the
# CJEU's EZ, C-238/19, on the legal page).
ALLOWED_LATIN = {"Signal", "Telegram", "SMS", "UTC", "IP", "Tor", "Browser", "WhatsApp", "EZ"}
FOREIGN_LETTERS = {
    "ru": "іїєґў",
    "uk": "ыэъёў",
    "be": "ищъїєґ",
}
FORM = "application/x-www-form-urlencoded"


def visible_text(page, lang):
    """The text a reader of `lang` sees: no tags, scripts, styles, attribute values, or
    elements marked as another language."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r'(?s)<(\w+)[^>]*\blang="(?!%s")[^"]*"[^>]*>.*?</\1>' % lang, " ", page)
    page = re.sub(r'(?s)<html[^>]*>', " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


class Languages(ServerTest):
    def form(self, path, fields):
        status, _, body = self.server.request("POST", path, raw=urlencode(fields).encode(),
                                              headers={"Content-Type": FORM})
        return status, body.decode()

    def pages(self, lang):
        """(what, status, html) for each page and refusal in `lang`."""
        out = []
        for path in ["/", "/status", "/legal"]:
            status, _, body = self.server.request("GET", f"{path}?lang={lang}")
            out.append((path, status, body.decode()))
        good = {"language": lang, "situation": "serving", "group_kind": "alone", "contact_channel": "signal",
                "contact_handle": "@synthetic", "utc_offset": "+03:00"}
        refusals = {
            "deploy_by": {"deploy_by": "2000-01-01"},
            "group.size": {"group_kind": "with_others", "group_size": "0"},
            "contact.handle": {"contact_handle": ""},
            "contact.safe_windows": {"safe_windows": "когда-нибудь"},
            "situation": {"situation": "bogus"},
            "contact.channel": {"contact_channel": "bogus"},
            "contact.utc_offset": {"utc_offset": "+99:00"},
            "name": {"name": "Синтетический\x01"},
        }
        for field, change in refusals.items():
            status, page = self.form("/apply", {**good, **change})
            out.append((f"/apply refusing {field}", status, page))
        status, page = self.form("/apply", {**good, "safe_windows": "пн-пт 19-21"})
        out.append(("/apply reading safe windows back", status, page))
        read = re.search(r'name="windows_read" value="([^"]*)"', page).group(1)
        status, page = self.form("/apply", {**good, "safe_windows": "пн-пт 19-21", "windows_read": html.unescape(read)})
        out.append(("/apply receipt", status, page))
        receipt = re.search(r'(\d{3} \d{3}-\d\d-\d\d, \d{6})', page).group(1)
        out.append(("/status unknown receipt", *self.form("/status", {"language": lang, "receipt": "000 000-00-00, 000000"})))
        out.append(("/status", *self.form("/status", {"language": lang, "receipt": receipt})))
        out.append(("/status/message empty", *self.form("/status/message", {"language": lang, "receipt": receipt, "text": ""})))
        out.append(("/status/message", *self.form("/status/message", {"language": lang, "receipt": receipt, "text": "12:00 — 14:00?"})))
        big = {**good, "message": "1" * 40000}  # what the person typed is shown back as typed
        out.append(("/apply too long", *self.form("/apply", big)))
        return out

    def test_no_page_or_refusal_leaks_another_language_or_a_raw_code(self):
        problems = []
        for lang in LANGUAGES:
            for what, status, page in self.pages(lang):
                self.assertIn(f'<html lang="{lang}"', page, f"{lang} {what}")
                text = visible_text(page, lang)
                where = f"{lang} {what} ({status})"
                for code in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", text):
                    problems.append(f"{where}: raw code {code!r}")
                if lang == "en":
                    for word in re.findall(r"\S*[\u0400-\u04FF]\S*", text):
                        problems.append(f"{where}: Cyrillic {word!r}")
                    continue
                for word in re.findall(r"[A-Za-z]+", text):
                    if word not in ALLOWED_LATIN:
                        problems.append(f"{where}: Latin {word!r}")
                for word in re.findall(r"\S*[%s]\S*" % FOREIGN_LETTERS[lang], text.lower()):
                    problems.append(f"{where}: another language's letter in {word!r}")
        self.assertEqual(problems, [], "\n".join(problems))


if __name__ == "__main__":
    unittest.main()
