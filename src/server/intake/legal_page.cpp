#include "server/intake/legal_page.hpp"

#include <fmt/format.h>

#include "domain/abroad/legal_info.hpp"
#include "domain/abroad/penalty.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

std::string Years(const abroad::PenaltyArticle& p, bool ru) {
  if (p.min_years == 0)
    return ru ? fmt::format("до {} лет", p.max_years) : fmt::format("up to {} years", p.max_years);
  return ru ? fmt::format("от {} до {} лет", p.min_years, p.max_years)
            : fmt::format("{} to {} years", p.min_years, p.max_years);
}

}  // namespace

std::string LegalInformationPage(Language language) {
  const bool ru = language != Language::kEn;
  std::string body =
      ru ? "<p><a href=\"/legal?lang=en\" hreflang=\"en\">English</a></p>"
           "<h1>Правовая информация: наказания и убежище</h1>"
           "<p>Только факты с источниками. Это не консультация юриста: с вашим случаем помогут "
           "наши "
           "кураторы и партнёрские юристы.</p>"
           "<h2>Наказания по Уголовному кодексу РФ (после поправок сентября 2022 года)</h2>"
           "<p>«Военное время» — это мобилизация, военное положение, военное время, вооружённый "
           "конфликт или боевые действия.</p>"
         : "<p><a href=\"/legal?lang=ru\" hreflang=\"ru\">Русский</a></p>"
           "<h1>Legal information: penalties and asylum</h1>"
           "<p>Facts with their sources only. This is not legal advice: our caseworkers and "
           "partner "
           "lawyers help with each case.</p>"
           "<h2>Penalties under the Russian Criminal Code (after the September 2022 "
           "amendments)</h2>"
           "<p>\"Wartime conditions\" means mobilization, martial law, wartime, armed conflict or "
           "combat.</p>";
  body += fmt::format(
      "<table id=\"penalties\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
      ru ? "Статья" : "Article", ru ? "Деяние" : "Offence", ru ? "Наказание" : "Penalty");
  for (const auto& p : abroad::PenaltyTable()) {
    const std::string_view note = ru ? p.note_ru : p.note;
    body += fmt::format(
        "<tr><td>{}</td><td>{}{}</td><td>{}</td></tr>", HtmlEscape(p.code),
        HtmlEscape(ru ? p.offence_ru : p.offence),
        note.empty() ? std::string() : " <span class=\"hint\">(" + HtmlEscape(note) + ")</span>",
        Years(p, ru));
  }
  body += "</tbody></table>";
  body += ru ? "<h2>Что говорит право убежища о дезертирах и отказниках</h2>"
             : "<h2>What asylum law says about deserters and objectors</h2>";
  body += "<ul id=\"asylum-facts\">";
  for (const auto& fact : abroad::AsylumFacts()) {
    body +=
        fmt::format("<li>{} <cite><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></cite></li>",
                    HtmlEscape(ru ? fact.text_ru : fact.text_en), HtmlEscape(fact.url),
                    HtmlEscape(fact.source));
  }
  body += fmt::format("</ul><p class=\"hint\">{} {}</p>",
                      ru ? "Сверено с источниками:" : "Checked against the sources on",
                      abroad::LegalInfoCheckedOn());
  return HtmlPage(ru ? "ru" : "en", ru ? "Правовая информация" : "Legal information", body);
}

}  // namespace lifeline::server
