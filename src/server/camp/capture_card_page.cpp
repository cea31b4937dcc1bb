// GC III Annex IV's capture card as a page to print (Art. 70: the card goes to his family and
// to the Central Prisoners of War Agency), and as a PDF of the card's size.

#include <fmt/format.h>

#include "server/camp/capture_card.hpp"
#include "server/camp/console_camp_pages.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

std::string CaptureCardPage(const camp::CampRecord& camp, const app::Prisoner& p) {
  const CaptureCard card = MakeCaptureCard(camp, p);
  std::string body =
      fmt::format("<article class=\"capture-card\" id=\"capture-card\"><h1>{}</h1><table>",
                  HtmlEscape(card.title));
  for (const auto& line : card.lines) {
    body += fmt::format("<tr><th>{}</th><td>{}</td></tr>", HtmlEscape(line.label),
                        HtmlEscape(line.value));
  }
  body += fmt::format(
      "</table></article><p class=\"no-print\"><a href=\"/console/prisoners/{0}\">{1}</a> · "
      "<a href=\"/console/prisoners/{0}/capture-card.pdf\" id=\"capture-card-pdf\">PDF</a> · "
      "{2}</p>",
      p.stored.id, console::T("Назад"), console::T("печать: Ctrl+P"));
  // Printed, it is Annex IV's 15 × 10.5 cm (the stylesheet's print rules).
  return HtmlPage(card.language, card.title, body);
}

}  // namespace lifeline::server
