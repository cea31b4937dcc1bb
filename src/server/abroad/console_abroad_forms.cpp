// The form for a person abroad's record: new, or changed, refilled after a refusal. Lists
// (documents, cases, family, earlier stays) show their rows and blank ones below, and an
// "another" button under each asks for one more blank row (without saving, without script).

#include <fmt/format.h>

#include "domain/abroad/penalty.hpp"
#include "server/abroad/console_abroad_pages.hpp"
#include "server/console_common.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string Input(const std::string& id, const std::string& label, const std::string& value,
                  const char* extra = "") {
  return fmt::format(
      "<label for=\"{0}\">{1}</label><input id=\"{0}\" name=\"{0}\" value=\"{2}\"{3}>", id, label,
      HtmlEscape(value), extra);
}

std::size_t Rows(std::size_t held, std::size_t blank) {
  return held + std::max<std::size_t>(blank, 1);
}

// Submits the form to show one more blank row of `list`; nothing is saved.
std::string AnotherRow(const char* list, const char* label) {
  return fmt::format(
      "<button type=\"submit\" name=\"add_row\" value=\"{0}\" id=\"add-{0}\" formnovalidate>+ "
      "{1}</button>",
      list, label);
}

std::string CountrySelect(const std::string& id, const std::string& label,
                          const std::string& selected,
                          const std::vector<abroad::CountryRecord>& countries, bool blank) {
  std::string html =
      fmt::format("<label for=\"{0}\">{1}</label><select id=\"{0}\" name=\"{0}\">", id, label);
  if (blank) html += "<option value=\"\">—</option>";
  for (const auto& c : countries) html += Option(c.code, HtmlEscape(c.name), selected);
  return html + "</select>";
}

std::string DocumentRows(const app::PersonAbroadFields& f, std::size_t blank) {
  std::string html = "<fieldset><legend>Документы (срок действия ГГГГ-ММ-ДД)</legend>";
  for (std::size_t i = 0; i < Rows(f.documents.size(), blank); ++i) {
    const bool held = i < f.documents.size();
    const std::string kind = held ? std::string(abroad::ToString(f.documents[i].kind)) : "";
    html += fmt::format(
        "<label for=\"doc_kind_{0}\">Документ {0}</label><select id=\"doc_kind_{0}\" "
        "name=\"doc_kind_{0}\">"
        "<option value=\"\">—</option>",
        i + 1);
    for (auto k :
         {abroad::DocumentKind::kInternalPassport, abroad::DocumentKind::kInternationalPassport,
          abroad::DocumentKind::kTemporaryTravelDocument, abroad::DocumentKind::kResidencePermit,
          abroad::DocumentKind::kVisa}) {
      html += Option(abroad::ToString(k), DocumentRu(k), kind);
    }
    html += "</select>" + Input(fmt::format("doc_expires_{}", i + 1), "действует до",
                                held ? f.documents[i].expires : "");
  }
  return html + AnotherRow("documents", "ещё документ") + "</fieldset>";
}

std::string CaseRows(const app::PersonAbroadFields& f, std::size_t blank) {
  std::string html = "<fieldset><legend>Уголовные дела на родине</legend>";
  for (std::size_t i = 0; i < Rows(f.cases.size(), blank); ++i) {
    const bool held = i < f.cases.size();
    const std::string article = held ? f.cases[i].article : "";
    html += fmt::format(
        "<label for=\"case_article_{0}\">Статья {0}</label><select id=\"case_article_{0}\" "
        "name=\"case_article_{0}\"><option value=\"\">—</option>",
        i + 1);
    for (const auto& p : abroad::PenaltyTable()) {
      html += Option(p.code, fmt::format("{} — {}", p.code, p.offence_ru), article);
    }
    html += "</select>" + Input(fmt::format("case_status_{}", i + 1), "что известно",
                                held ? f.cases[i].status : "");
  }
  return html + AnotherRow("cases", "ещё дело") + "</fieldset>";
}

std::string FamilyRows(const app::PersonAbroadFields& f, std::size_t blank) {
  std::string html = "<fieldset><legend>Семья</legend>";
  for (std::size_t i = 0; i < Rows(f.family.size(), blank); ++i) {
    const bool held = i < f.family.size();
    html += Input(fmt::format("family_relation_{}", i + 1), fmt::format("Кто ({})", i + 1),
                  held ? f.family[i].relation : "") +
            Input(fmt::format("family_name_{}", i + 1), "имя", held ? f.family[i].name : "") +
            Input(fmt::format("family_where_{}", i + 1), "где", held ? f.family[i].where : "");
  }
  return html + AnotherRow("family", "ещё родственник") + "</fieldset>";
}

std::string StayRows(const app::PersonAbroadFields& f, std::size_t blank,
                     const std::vector<abroad::CountryRecord>& countries) {
  std::string html =
      "<fieldset><legend>Прежние поездки (для правил «столько-то дней за период»)</legend>";
  for (std::size_t i = 0; i < Rows(f.earlier_stays.size(), blank); ++i) {
    const bool held = i < f.earlier_stays.size();
    html +=
        CountrySelect(fmt::format("stay_country_{}", i + 1), fmt::format("Страна ({})", i + 1),
                      held ? f.earlier_stays[i].country : "", countries, true) +
        Input(fmt::format("stay_entered_{}", i + 1), "въехал",
              held ? f.earlier_stays[i].entered : "") +
        Input(fmt::format("stay_left_{}", i + 1), "выехал", held ? f.earlier_stays[i].left : "");
  }
  return html + AnotherRow("stays", "ещё поездка") + "</fieldset>";
}

}  // namespace

std::string ConsoleAbroadPersonFormPage(const app::SessionInfo& session,
                                        std::optional<std::int64_t> person,
                                        const app::PersonAbroadDraft& draft,
                                        const std::vector<abroad::CountryRecord>& countries,
                                        const AbroadNotes& notes,
                                        const AbroadFormBlankRows& blank) {
  const app::PersonAbroadFields& f = draft.fields;
  const std::string action =
      person ? fmt::format("/console/abroad/people/{}", *person) : "/console/abroad/people";
  std::string body = Header(session) + (person ? fmt::format("<h1>{}: изменить запись</h1>",
                                                             app::PersonAbroadNumber(*person))
                                               : std::string("<h1>Новый человек за рубежом</h1>"));
  if (!notes.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  // The first submit button is what Enter presses: saving, not the lists' "+ another" buttons.
  body += fmt::format(
      "<form id=\"person-form\" method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"{}\">"
      "<button type=\"submit\" class=\"default-submit\" tabindex=\"-1\" "
      "aria-hidden=\"true\">Сохранить</button>",
      action, HtmlEscape(session.csrf_token));
  body += Input("name", "Имя", f.name, " required") + Input("contact", "Как связаться", f.contact) +
          CountrySelect("country", "Страна сейчас", f.country, countries, false) +
          Input("city", "Город", f.city) +
          Input("arrived_on", "Въехал (ГГГГ-ММ-ДД)", f.arrived_on, " required");
  body += "<label for=\"wanted\">Розыск на родине</label><select id=\"wanted\" name=\"wanted\">";
  for (auto w : {abroad::WantedStatus::kNoneKnown, abroad::WantedStatus::kNationalList,
                 abroad::WantedStatus::kInterstateList,
                 abroad::WantedStatus::kInternationalNoticeRequested}) {
    body += Option(abroad::ToString(w), WantedRu(w), std::string(abroad::ToString(draft.wanted)));
  }
  body += "</select><fieldset><legend>Нужды</legend>";
  for (auto n : {abroad::Need::kHousing, abroad::Need::kMoney, abroad::Need::kMedical,
                 abroad::Need::kLegal}) {
    const bool has = std::find(draft.needs.begin(), draft.needs.end(), n) != draft.needs.end();
    body += fmt::format(
        "<label class=\"check\"><input type=\"checkbox\" name=\"need\" value=\"{}\"{}> {}</label>",
        abroad::ToString(n), has ? " checked" : "", NeedRu(n));
  }
  body += "</fieldset>" + DocumentRows(f, blank.documents) + CaseRows(f, blank.cases) +
          FamilyRows(f, blank.family) + StayRows(f, blank.stays, countries) +
          "<label for=\"notes\">Заметки</label><textarea id=\"notes\" name=\"notes\">" +
          HtmlEscape(f.notes) +
          "</textarea><button type=\"submit\" id=\"save-person\">Сохранить</button></form>";
  return HtmlPage("ru", person ? "Изменить запись" : "Новый человек", body);
}

}  // namespace lifeline::server
