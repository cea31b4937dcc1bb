#pragma once
// What the public legal-information page says about asylum for those who refused to fight,
// with its sources: facts only, kept as data (the penalties come from penalty.hpp). Each
// fact is written in Russian, English, Ukrainian and Belarusian. Pure.

#include <span>
#include <string_view>

namespace lifeline::abroad {

struct LegalFact {
  std::string_view text_ru;
  std::string_view text_en;
  std::string_view source;  // the instrument or judgment, as cited
  std::string_view url;     // where the text can be read
  std::string_view text_uk;
  std::string_view text_be;
};

/// Asylum law on refusing military service, oldest instrument first.
std::span<const LegalFact> AsylumFacts();
/// When the page's facts were last checked against their sources (YYYY-MM-DD).
std::string_view LegalInfoCheckedOn();

}  // namespace lifeline::abroad
