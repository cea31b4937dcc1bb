#pragma once
// The penalties at home a person abroad may face (Russian Criminal Code after the September
// 2022 amendments; ../shared/REFERENCE.md), kept once, as data, for the case page and the
// public legal-information page. "Wartime conditions" covers mobilization, martial law,
// wartime, armed conflict and combat.

#include <optional>
#include <span>
#include <string_view>

namespace lifeline::abroad {

struct PenaltyArticle {
  std::string_view code;     // "352.1", "337.2.1", … (article.part)
  std::string_view offence;  // in English
  std::string_view offence_ru;
  int min_years = 0;  // 0: no minimum stated
  int max_years = 0;
  std::string_view note;  // e.g. an exemption; may be empty
  std::string_view note_ru;
  std::string_view offence_uk, offence_be;  // in Ukrainian and Belarusian
  std::string_view note_uk, note_be;
};

/// Every article the table holds, in the code's order.
std::span<const PenaltyArticle> PenaltyTable();
/// nullopt for an article the table does not hold.
std::optional<PenaltyArticle> FindPenalty(std::string_view code);

}  // namespace lifeline::abroad
