// The tables help abroad keeps beside its people: the countries' stay rules (with the names
// and notes the database is seeded with, in the reader's language) and the partner
// organisations referrals go to.

#include <fmt/format.h>

#include "server/abroad/console_abroad_pages.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

// The countries' names and notes the database is seeded with (store/sql/schema.cpp, step 24),
// marked so that the catalogue translates them; a name or note a caseworker wrote is shown as
// written. tests/check_console_catalogues.py keeps this list and the seed the same.
constexpr std::string_view kSeededCountryTexts[] = {
    Marked("Казахстан"),
    Marked("Армения"),
    Marked("Грузия"),
    Marked("Киргизия"),
    Marked("Узбекистан"),
    Marked("Турция"),
    Marked("Сербия"),
    Marked("Германия"),
    Marked("Франция"),
    Marked("пример правила: прежде чем на него полагаться, проверьте действующее"),
    Marked("по шенгенской визе: сверьтесь с самой визой"),
};

std::string_view CountryText(std::string_view stored) {
  for (const auto seeded : kSeededCountryTexts)
    if (seeded == stored) return T(seeded);
  return stored;
}

std::string ConsoleCountriesPage(const app::SessionInfo& session,
                                 const std::vector<abroad::CountryRecord>& countries,
                                 const abroad::LeadTimes& lead, const AbroadNotes& notes) {
  std::string body = Header(session) +
                     fmt::format("<h1>{}</h1>", T("Страны: правила безвизового пребывания")) +
                     AbroadNotesHtml(notes);
  body += fmt::format(
      "<table id=\"countries\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "</tr></thead><tbody>",
      T("Код"), T("Страна"), T("Дней"), T("За период"), T("Заметка"));
  for (const auto& c : countries) {
    body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", c.code,
                        HtmlEscape(CountryText(c.name)), c.rule.days_allowed, c.rule.period_days,
                        HtmlEscape(CountryText(c.note)));
  }
  body += fmt::format(
      "</tbody></table><h2>{1}</h2>"
      "<form id=\"country-form\" method=\"post\" action=\"/console/abroad/countries\">{0}"
      "<label for=\"code\">{2}</label><input id=\"code\" name=\"code\" required "
      "maxlength=\"2\">"
      "<label for=\"name\">{3}</label><input id=\"name\" name=\"name\" required>"
      "<label for=\"days_allowed\">{4}</label><input id=\"days_allowed\" "
      "name=\"days_allowed\" required>"
      "<label for=\"period_days\">{5}</label><input id=\"period_days\" "
      "name=\"period_days\" required>"
      "<label for=\"note\">{6}</label><input id=\"note\" name=\"note\">"
      "<button type=\"submit\">{7}</button></form>",
      CsrfField(session), T("Добавить страну или изменить правило"), T("Код (ISO, две буквы)"),
      T("Название"), T("Дней можно находиться"), T("в любом периоде из (дней)"), T("Заметка"),
      T("Сохранить (сроки всех, кто там, пересчитаются)"));
  body += fmt::format(
      "<h2>{}</h2><form id=\"lead-times\" method=\"post\" "
      "action=\"/console/abroad/lead-times\">{}",
      T("За сколько дней предупреждать"), CsrfField(session));
  for (auto kind : kRiskKinds) {
    body += fmt::format(
        "<label for=\"lead-{0}\">{1}</label><input id=\"lead-{0}\" name=\"{0}\" value=\"{2}\">",
        abroad::ToString(kind), RiskRu(kind), lead.For(kind));
  }
  body += fmt::format("<button type=\"submit\">{}</button></form>", T("Сохранить"));
  return console::ConsolePage(T("Страны"), body);
}

namespace {

// The partner kinds the form offers, in its words.
std::string PartnerKindRu(std::string_view kind) {
  static constexpr console::CodeWords kWords[] = {
      {"lawyers", Marked("юристы")},   {"shelter", Marked("приют")},         {"ngo", Marked("НКО")},
      {"medical", Marked("медицина")}, {"employer", Marked("работодатель")},
  };
  if (auto words = WordsFor(kWords, kind)) return std::string(T(*words));
  return HtmlEscape(kind);
}

}  // namespace

std::string ConsolePartnersPage(const app::SessionInfo& session,
                                const std::vector<abroad::PartnerRecord>& partners,
                                const std::string& signing_key, const AbroadNotes& notes) {
  std::string body = Header(session) + fmt::format("<h1>{}</h1>", T("Партнёрские организации")) +
                     AbroadNotesHtml(notes) + "<ul id=\"partners\">";
  for (const auto& p : partners) {
    body +=
        fmt::format("<li>{} ({}) — {}</li>", HtmlEscape(p.name), PartnerKindRu(p.kind),
                    p.public_key ? T("ключ зарегистрирован") : T("нет ключа: направлять нельзя"));
  }
  if (partners.empty()) body += fmt::format("<li>{}</li>", T("пока нет"));
  body += "</ul>";
  body += fmt::format(
      "<h2>{}</h2><p>{}</p>"
      "<p><code id=\"signing-key\">{}</code></p>",
      T("Наша подпись"),
      TF("Каждый пакет направления подписан ключом организации. Передайте партнёру этот "
         "открытый ключ надёжным путём (не тем же, что пакеты): он вносит его в список доверенных "
         "отправителей для {}, и поддельный пакет не откроется.",
         "<code>lifeline referral open --trusted-senders</code>"),
      HtmlEscape(signing_key));
  if (app::Require(session.actor, app::Permission::kManagePartners)) {
    body += fmt::format(
        "<h2>{}</h2><form id=\"partner-form\" method=\"post\" "
        "action=\"/console/partners\">{}"
        "<label for=\"name\">{}</label><input id=\"name\" name=\"name\" required>"
        "<label for=\"kind\">{}</label><select id=\"kind\" name=\"kind\">",
        T("Добавить партнёра"), CsrfField(session), T("Название организации"), T("Вид"));
    for (std::string_view kind : {"lawyers", "shelter", "ngo", "medical", "employer"})
      body += fmt::format("<option value=\"{}\">{}</option>", kind, PartnerKindRu(kind));
    body += fmt::format(
        "</select>"
        "<label for=\"public_key\">{}</label>"
        "<input id=\"public_key\" name=\"public_key\"><button "
        "type=\"submit\">{}</button></form>",
        TF("Открытый ключ (64 шестнадцатеричных знака: {})",
           "<code>lifeline partner-key new</code>"),
        T("Добавить"));
  }
  return console::ConsolePage(T("Партнёры"), body);
}

}  // namespace lifeline::server
