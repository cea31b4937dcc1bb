// The capture card as a PDF (libharu): Annex IV's 15 × 10.5 cm, each line a small label in
// both languages over its value, DejaVu Sans embedded so that Cyrillic prints anywhere.

#include <hpdf.h>

#include <filesystem>
#include <memory>

#include "server/camp/capture_card.hpp"

namespace lifeline::server {
namespace {

constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr HPDF_REAL kPointsPerCm = 72 / 2.54;
constexpr HPDF_REAL kMargin = 0.5 * kPointsPerCm;

// libharu reports errors through a callback; the first one is kept and the PDF abandoned.
void OnError(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* first = static_cast<HPDF_STATUS*>(user_data);
  if (*first == HPDF_OK) *first = error != HPDF_OK ? error : detail;
}

// The largest size up to `size` at which `text` fits `width`.
HPDF_REAL FittingSize(HPDF_Page page, HPDF_Font font, const std::string& text, HPDF_REAL size,
                      HPDF_REAL width) {
  HPDF_Page_SetFontAndSize(page, font, size);
  const HPDF_REAL measured = HPDF_Page_TextWidth(page, text.c_str());
  return measured > width ? size * width / measured : size;
}

void Text(HPDF_Page page, HPDF_Font font, const std::string& text, HPDF_REAL size, HPDF_REAL x,
          HPDF_REAL y, HPDF_REAL width) {
  if (text.empty()) return;
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, font, FittingSize(page, font, text, size, width));
  HPDF_Page_TextOut(page, x, y, text.c_str());
  HPDF_Page_EndText(page);
}

}  // namespace

Result<std::string> CaptureCardPdf(const CaptureCard& card) {
  if (!std::filesystem::exists(kFont)) {
    return Error{ErrorCode::kInternal,
                 "the capture card's font is missing (install fonts-dejavu-core)"};
  }
  HPDF_STATUS first_error = HPDF_OK;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> pdf(
      HPDF_New(OnError, &first_error), HPDF_Free);
  if (!pdf) return Error{ErrorCode::kInternal, "the capture card's PDF could not be started"};
  HPDF_Doc doc = pdf.get();
  HPDF_UseUTFEncodings(doc);
  HPDF_SetCurrentEncoder(doc, "UTF-8");
  const char* font_name = HPDF_LoadTTFontFromFile(doc, kFont, HPDF_TRUE);
  HPDF_Font font = font_name ? HPDF_GetFont(doc, font_name, "UTF-8") : nullptr;
  HPDF_Page page = HPDF_AddPage(doc);
  if (!font || !page || first_error != HPDF_OK) {
    return Error{ErrorCode::kInternal, "the capture card's PDF could not be made"};
  }
  const HPDF_REAL width = 15 * kPointsPerCm;
  const HPDF_REAL height = 10.5 * kPointsPerCm;
  HPDF_Page_SetWidth(page, width);
  HPDF_Page_SetHeight(page, height);
  const HPDF_REAL text_width = width - 2 * kMargin;
  HPDF_REAL y = height - kMargin - 10;
  Text(page, font, card.title, 10, kMargin, y, text_width);
  y -= 6;
  const HPDF_REAL line_height = (y - kMargin) / static_cast<HPDF_REAL>(card.lines.size());
  for (const auto& line : card.lines) {
    y -= line_height;
    HPDF_Page_SetRGBFill(page, 0.35f, 0.35f, 0.35f);
    Text(page, font, line.label, 5.5f, kMargin, y + line_height * 0.55f, text_width);
    HPDF_Page_SetRGBFill(page, 0, 0, 0);
    Text(page, font, line.value, 8, kMargin + 6, y + 2, text_width - 6);
    HPDF_Page_SetLineWidth(page, 0.3f);
    HPDF_Page_MoveTo(page, kMargin, y);
    HPDF_Page_LineTo(page, width - kMargin, y);
    HPDF_Page_Stroke(page);
  }
  if (HPDF_SaveToStream(doc) != HPDF_OK || first_error != HPDF_OK) {
    return Error{ErrorCode::kInternal, "the capture card's PDF could not be written"};
  }
  std::string out(HPDF_GetStreamSize(doc), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  if (HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size) != HPDF_OK &&
      size == 0) {
    return Error{ErrorCode::kInternal, "the capture card's PDF could not be read back"};
  }
  out.resize(size);
  return out;
}

}  // namespace lifeline::server
