// The form for a person abroad's record: new, or changed, refilled after a refusal. Lists
// (documents, cases, family, earlier stays) show their rows and blank ones below, and an
// "another" button under each asks for one more blank row (without saving, without script).

#include <fmt/format.h>

#include "domain/abroad/penalty.hpp"
#include "server/abroad/console_abroad_pages.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string Input(const std::string& id, std::string_view label, const std::string& value,
                  const char* extra = "") {
  return fmt::format(
      "<label for=\"{0}\">{1}</label><input id=\"{0}\" name=\"{0}\" value=\"{2}\"{3}>", id, label,
      HtmlEscape(value), extra);
}

std::size_t Rows(std::size_t held, std::size_t blank) {
  return held + std::max<std::size_t>(blank, 1);
}

// Submits the form to show one more blank row of `list`; nothing is saved.
std::string AnotherRow(const char* list, std::string_view label) {
  return fmt::format(
      "<button type=\"submit\" name=\"add_row\" value=\"{0}\" id=\"add-{0}\" formnovalidate>+ "
      "{1}</button>",
      list, label);
}

std::string CountrySelect(const std::string& id, std::string_view label,
                          const std::string& selected,
                          const std::vector<abroad::CountryRecord>& countries, bool blank) {
  std::string html =
      fmt::format("<label for=\"{0}\">{1}</label><select id=\"{0}\" name=\"{0}\">", id, label);
  if (blank) html += "<option value=\"\">—</option>";
  for (const auto& c : countries) html += Option(c.code, HtmlEscape(CountryText(c.name)), selected);
  return html + "</select>";
}

std::string DocumentRows(const app::PersonAbroadFields& f, std::size_t blank) {
  std::string html =
      fmt::format("<fieldset><legend>{}</legend>", T("Документы (срок действия ГГГГ-ММ-ДД)"));
  for (std::size_t i = 0; i < Rows(f.documents.size(), blank); ++i) {
    const bool held = i < f.documents.size();
    const std::string kind = held ? std::string(abroad::ToString(f.documents[i].kind)) : "";
    html += fmt::format(
        "<label for=\"doc_kind_{0}\">{1}</label><select id=\"doc_kind_{0}\" "
        "name=\"doc_kind_{0}\">"
        "<option value=\"\">—</option>",
        i + 1, TF("Документ {}", i + 1));
    for (auto k :
         {abroad::DocumentKind::kInternalPassport, abroad::DocumentKind::kInternationalPassport,
          abroad::DocumentKind::kTemporaryTravelDocument, abroad::DocumentKind::kResidencePermit,
          abroad::DocumentKind::kVisa}) {
      html += Option(abroad::ToString(k), DocumentRu(k), kind);
    }
    html += "</select>" + Input(fmt::format("doc_expires_{}", i + 1), T("действует до"),
                                held ? f.documents[i].expires : "");
  }
  return html + AnotherRow("documents", T("ещё документ")) + "</fieldset>";
}

std::string CaseRows(const app::PersonAbroadFields& f, std::size_t blank) {
  std::string html = fmt::format("<fieldset><legend>{}</legend>", T("Уголовные дела на родине"));
  for (std::size_t i = 0; i < Rows(f.cases.size(), blank); ++i) {
    const bool held = i < f.cases.size();
    const std::string article = held ? f.cases[i].article : "";
    html += fmt::format(
        "<label for=\"case_article_{0}\">{1}</label><select id=\"case_article_{0}\" "
        "name=\"case_article_{0}\"><option value=\"\">—</option>",
        i + 1, TF("Статья {}", i + 1));
    for (const auto& p : abroad::PenaltyTable()) {
      html += Option(p.code, fmt::format("{} — {}", p.code, OffenceText(p)), article);
    }
    html += "</select>" + Input(fmt::format("case_status_{}", i + 1), T("что известно"),
                                held ? f.cases[i].status : "");
  }
  return html + AnotherRow("cases", T("ещё дело")) + "</fieldset>";
}

std::string FamilyRows(const app::PersonAbroadFields& f, std::size_t blank) {
  std::string html = fmt::format("<fieldset><legend>{}</legend>", T("Семья"));
  for (std::size_t i = 0; i < Rows(f.family.size(), blank); ++i) {
    const bool held = i < f.family.size();
    html += Input(fmt::format("family_relation_{}", i + 1), TF("Кто ({})", i + 1),
                  held ? f.family[i].relation : "") +
            Input(fmt::format("family_name_{}", i + 1), T("имя"), held ? f.family[i].name : "") +
            Input(fmt::format("family_where_{}", i + 1), T("где"), held ? f.family[i].where : "");
  }
  return html + AnotherRow("family", T("ещё родственник")) + "</fieldset>";
}

std::string StayRows(const app::PersonAbroadFields& f, std::size_t blank,
                     const std::vector<abroad::CountryRecord>& countries) {
  std::string html = fmt::format("<fieldset><legend>{}</legend>",
                                 T("Прежние поездки (для правил «столько-то дней за период»)"));
  for (std::size_t i = 0; i < Rows(f.earlier_stays.size(), blank); ++i) {
    const bool held = i < f.earlier_stays.size();
    html +=
        CountrySelect(fmt::format("stay_country_{}", i + 1), TF("Страна ({})", i + 1),
                      held ? f.earlier_stays[i].country : "", countries, true) +
        Input(fmt::format("stay_entered_{}", i + 1), T("въехал"),
              held ? f.earlier_stays[i].entered : "") +
        Input(fmt::format("stay_left_{}", i + 1), T("выехал"), held ? f.earlier_stays[i].left : "");
  }
  return html + AnotherRow("stays", T("ещё поездка")) + "</fieldset>";
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
  std::string body =
      Header(session) +
      fmt::format("<h1>{}</h1>", person
                                     ? TF("{}: изменить запись", app::PersonAbroadNumber(*person))
                                     : std::string(T("Новый человек за рубежом")));
  if (!notes.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  // The first submit button is what Enter presses: saving, not the lists' "+ another" buttons.
  body += fmt::format(
      "<form id=\"person-form\" method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"{}\">"
      "<button type=\"submit\" class=\"default-submit\" tabindex=\"-1\" "
      "aria-hidden=\"true\">{}</button>",
      action, HtmlEscape(session.csrf_token), T("Сохранить"));
  body += Input("name", T("Имя"), f.name, " required") +
          Input("contact", T("Как связаться"), f.contact) +
          CountrySelect("country", T("Страна сейчас"), f.country, countries, false) +
          Input("city", T("Город"), f.city) +
          Input("arrived_on", T("Въехал (ГГГГ-ММ-ДД)"), f.arrived_on, " required");
  body += fmt::format("<label for=\"wanted\">{}</label><select id=\"wanted\" name=\"wanted\">",
                      T("Розыск на родине"));
  for (auto w : {abroad::WantedStatus::kNoneKnown, abroad::WantedStatus::kNationalList,
                 abroad::WantedStatus::kInterstateList,
                 abroad::WantedStatus::kInternationalNoticeRequested}) {
    body += Option(abroad::ToString(w), WantedRu(w), std::string(abroad::ToString(draft.wanted)));
  }
  body += fmt::format("</select><fieldset><legend>{}</legend>", T("Нужды"));
  for (auto n : {abroad::Need::kHousing, abroad::Need::kMoney, abroad::Need::kMedical,
                 abroad::Need::kLegal}) {
    const bool has = std::find(draft.needs.begin(), draft.needs.end(), n) != draft.needs.end();
    body += fmt::format(
        "<label class=\"check\"><input type=\"checkbox\" name=\"need\" value=\"{}\"{}> {}</label>",
        abroad::ToString(n), has ? " checked" : "", NeedRu(n));
  }
  body += "</fieldset>" + DocumentRows(f, blank.documents) + CaseRows(f, blank.cases) +
          FamilyRows(f, blank.family) + StayRows(f, blank.stays, countries) +
          fmt::format("<label for=\"notes\">{}</label><textarea id=\"notes\" name=\"notes\">",
                      T("Заметки")) +
          HtmlEscape(f.notes) +
          fmt::format("</textarea><button type=\"submit\" id=\"save-person\">{}</button></form>",
                      T("Сохранить"));
  return console::ConsolePage(person ? T("Изменить запись") : T("Новый человек"), body);
}

}  // namespace lifeline::server
