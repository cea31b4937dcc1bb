#pragma once
// GC III Annex IV's capture card, as lines of label and value, each label in the prisoner's
// language and the camp's (capture_card.cpp). The page (capture_card_page.cpp) and the PDF
// (capture_card_pdf.cpp) render the same lines. Every value is in the card's languages
// (dates as YYYY-MM-DD, his state of health in Annex IV's words); "taken prisoner" gives the
// date of capture and nothing of how: the sealed circumstance is not on it.

#include <string>
#include <vector>

#include "app/camp/camp.hpp"

namespace lifeline::server {

struct CaptureCardLine {
  std::string label;  // e.g. "Фамилия / Прізвище"
  std::string value;
};

struct CaptureCard {
  std::string title;
  std::string language;  // the prisoner's, for the page
  std::vector<CaptureCardLine> lines;
};

/// `prisoner` with his fields opened.
CaptureCard MakeCaptureCard(const camp::CampRecord& camp, const app::Prisoner& prisoner);

/// The card as a PDF of Annex IV's size (15 × 10.5 cm), with DejaVu Sans embedded for
/// Cyrillic. kInternal if the font (fonts-dejavu-core) is missing or the PDF cannot be made.
Result<std::string> CaptureCardPdf(const CaptureCard& card);

}  // namespace lifeline::server
