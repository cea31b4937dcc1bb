#pragma once
// The Third Geneva Convention's rules the camp's books and labour follow, written once, as
// data, each with its article (../shared/REFERENCE.md; gc3_test.cpp checks them against it).

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/result.hpp"

namespace lifeline::camp {

/// A prisoner's rank, as the Convention sorts it.
enum class RankCategory {
  kSoldier,         // below sergeant
  kNco,             // sergeants and other non-commissioned officers
  kWarrantOfficer,  // praporshchik, michman
  kJuniorOfficer,   // officers below major
  kSeniorOfficer,   // majors to colonels
  kGeneral,
};
inline constexpr std::array kAllRankCategories = {
    RankCategory::kSoldier,       RankCategory::kNco,           RankCategory::kWarrantOfficer,
    RankCategory::kJuniorOfficer, RankCategory::kSeniorOfficer, RankCategory::kGeneral};
std::string_view ToString(RankCategory rank);  // "soldier", "nco", "warrant_officer", …
std::optional<RankCategory> ParseRankCategory(std::string_view text);

/// Art. 49: officers may ask for work but are never compelled.
bool IsOfficer(RankCategory rank);
/// Art. 49: NCOs may be required to do supervisory work only, unless they ask for other
/// work. Warrant officers hold no commission, so count as NCOs here (docs/camp.md).
bool IsSupervisoryOnly(RankCategory rank);

/// Art. 60: the monthly advance of pay classes I–V.
enum class AdvanceClass { kI, kII, kIII, kIV, kV };
/// I below sergeant; II sergeants and other NCOs; III warrant officers and officers below
/// major; IV majors to colonels; V generals.
AdvanceClass AdvanceClassOf(RankCategory rank);
std::string_view ToString(AdvanceClass c);  // "I" … "V"
/// Art. 60's amounts in Swiss rappen: 8, 12, 50, 60 and 75 francs. The parties may agree
/// others; a camp's configuration overrides them.
std::int64_t TreatyAdvanceRappen(AdvanceClass c);

/// Art. 62: working pay never less than one quarter of one Swiss franc per full working day.
inline constexpr std::int64_t kMinimumWorkingPayRappen = 25;
/// Art. 53: at least one hour's rest in the middle of the day's work.
inline constexpr int kMiddayRestMinutes = 60;
/// Art. 53: 24 consecutive hours off every week.
inline constexpr int kWeeklyRestMinutes = 24 * 60;
/// Art. 55: fitness for work checked by a medical examination at least once a month.
inline constexpr int kMedicalExamValidDays = 31;
/// Art. 70: the capture card goes out at the latest one week after arrival at a camp, any
/// camp: a transfer is an arrival too, and a new card falls due at the new camp.
inline constexpr int kCaptureCardDueDays = 7;
/// Annex IV's states of health, as codes: the capture card prints them in its languages.
inline constexpr std::array<std::string_view, 7> kAnnexIvHealth = {
    "good", "not_wounded",      "recovered",        "convalescent",
    "sick", "slightly_wounded", "seriously_wounded"};
/// Art. 71: when correspondence is limited, at least two letters and four cards a month.
inline constexpr int kMinimumLettersPerMonth = 2;
inline constexpr int kMinimumCardsPerMonth = 4;

/// Art. 50: the only classes of work a prisoner may be compelled to do, plus camp upkeep.
enum class WorkKind {
  kCampAdministration,  // administration, installation and upkeep of the camp
  kAgriculture,
  kNonMilitaryIndustry,   // not metallurgical, machinery or chemical
  kNonMilitaryTransport,  // transport and handling of stores, not military
  kCommerceArtsCrafts,
  kDomesticService,
  kPublicUtilities,  // non-military public utility services
};
std::string_view ToString(WorkKind kind);  // "camp_administration", …
/// nullopt for any other work, which Art. 50 does not allow (e.g. "metallurgy", "military").
std::optional<WorkKind> ParseWorkKind(std::string_view text);

}  // namespace lifeline::camp
