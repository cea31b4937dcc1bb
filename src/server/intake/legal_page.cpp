#include "server/intake/legal_page.hpp"

#include <fmt/format.h>

#include "domain/abroad/legal_info.hpp"
#include "domain/abroad/penalty.hpp"
#include "server/intake/public_pages.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

// The page's own words, in the order of Language: ru, be, uk, en.
struct PageWords {
  std::string_view title, heading, intro, penalties, wartime, article, offence, penalty;
  std::string_view up_to, from_to;  // "{}" years
  std::string_view asylum, checked;
};
constexpr PageWords kWords[] = {
    {"Правовая информация", "Правовая информация: наказания и убежище",
     "Только факты с источниками. Это не консультация юриста: с вашим случаем помогут наши "
     "кураторы и партнёрские юристы.",
     "Наказания по Уголовному кодексу РФ (после поправок сентября 2022 года)",
     "«Военное время» — это мобилизация, военное положение, военное время, вооружённый конфликт "
     "или боевые действия.",
     "Статья", "Деяние", "Наказание", "до {} лет", "от {} до {} лет",
     "Что говорит право убежища о дезертирах и отказниках", "Сверено с источниками:"},
    {"Прававая інфармацыя", "Прававая інфармацыя: пакаранні і прытулак",
     "Толькі факты з крыніцамі. Гэта не кансультацыя юрыста: з вашым выпадкам дапамогуць нашы "
     "куратары і юрысты-партнёры.",
     "Пакаранні паводле Крымінальнага кодэкса РФ (пасля паправак верасня 2022 года)",
     "«Ваенны час» — гэта мабілізацыя, ваеннае становішча, ваенны час, узброены канфлікт або "
     "баявыя дзеянні.",
     "Артыкул", "Дзеянне", "Пакаранне", "да {} гадоў", "ад {} да {} гадоў",
     "Што кажа права прытулку пра дэзерціраў і тых, хто адмаўляецца служыць",
     "Звераны з крыніцамі:"},
    {"Правова інформація", "Правова інформація: покарання і притулок",
     "Лише факти з джерелами. Це не консультація юриста: з вашим випадком допоможуть наші "
     "куратори та юристи-партнери.",
     "Покарання за Кримінальним кодексом РФ (після поправок вересня 2022 року)",
     "«Воєнний час» — це мобілізація, воєнний стан, воєнний час, збройний конфлікт або бойові "
     "дії.",
     "Стаття", "Діяння", "Покарання", "до {} років", "від {} до {} років",
     "Що каже право притулку про дезертирів і тих, хто відмовляється служити",
     "Звірено з джерелами:"},
    {"Legal information", "Legal information: penalties and asylum",
     "Facts with their sources only. This is not legal advice: our caseworkers and partner "
     "lawyers help with each case.",
     "Penalties under the Russian Criminal Code (after the September 2022 amendments)",
     "\"Wartime conditions\" means mobilization, martial law, wartime, armed conflict or combat.",
     "Article", "Offence", "Penalty", "up to {} years", "{} to {} years",
     "What asylum law says about deserters and objectors", "Checked against the sources on"},
};

std::string_view In(Language l, std::string_view ru, std::string_view be, std::string_view uk,
                    std::string_view en) {
  switch (l) {
    case Language::kBe:
      return be;
    case Language::kUk:
      return uk;
    case Language::kEn:
      return en;
    case Language::kRu:
      break;
  }
  return ru;
}

}  // namespace

std::string LegalInformationPage(Language language) {
  const PageWords& w = kWords[static_cast<std::size_t>(language)];
  std::string body = LanguageNav(language, "legal");
  body += fmt::format("<h1>{}</h1><p>{}</p><h2>{}</h2><p>{}</p>", HtmlEscape(w.heading),
                      HtmlEscape(w.intro), HtmlEscape(w.penalties), HtmlEscape(w.wartime));
  body += fmt::format(
      "<table id=\"penalties\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
      HtmlEscape(w.article), HtmlEscape(w.offence), HtmlEscape(w.penalty));
  for (const auto& p : abroad::PenaltyTable()) {
    const std::string_view note = In(language, p.note_ru, p.note_be, p.note_uk, p.note);
    const std::string years = p.min_years == 0
                                  ? fmt::format(fmt::runtime(w.up_to), p.max_years)
                                  : fmt::format(fmt::runtime(w.from_to), p.min_years, p.max_years);
    body += fmt::format(
        "<tr><td>{}</td><td>{}{}</td><td>{}</td></tr>", HtmlEscape(p.code),
        HtmlEscape(In(language, p.offence_ru, p.offence_be, p.offence_uk, p.offence)),
        note.empty() ? std::string() : " <span class=\"hint\">(" + HtmlEscape(note) + ")</span>",
        HtmlEscape(years));
  }
  body += fmt::format("</tbody></table><h2>{}</h2><ul id=\"asylum-facts\">", HtmlEscape(w.asylum));
  for (const auto& fact : abroad::AsylumFacts()) {
    body += fmt::format(
        // A source is cited as it is published, in English: marked so.
        "<li>{} <cite lang=\"en\"><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></cite></li>",
        HtmlEscape(In(language, fact.text_ru, fact.text_be, fact.text_uk, fact.text_en)),
        HtmlEscape(fact.url), HtmlEscape(fact.source));
  }
  body += fmt::format("</ul><p class=\"hint\">{} {}</p>", HtmlEscape(w.checked),
                      abroad::LegalInfoCheckedOn());
  return HtmlPage(ToString(language), w.title, body);
}

}  // namespace lifeline::server
