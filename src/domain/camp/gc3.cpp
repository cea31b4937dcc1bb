#include "domain/camp/gc3.hpp"

#include <utility>

#include "domain/name_table.hpp"

namespace lifeline::camp {
namespace {

constexpr std::array<std::pair<RankCategory, std::string_view>, 6> kRankNames = {{
    {RankCategory::kSoldier, "soldier"},
    {RankCategory::kNco, "nco"},
    {RankCategory::kWarrantOfficer, "warrant_officer"},
    {RankCategory::kJuniorOfficer, "junior_officer"},
    {RankCategory::kSeniorOfficer, "senior_officer"},
    {RankCategory::kGeneral, "general"},
}};

constexpr std::array<std::pair<WorkKind, std::string_view>, 7> kWorkNames = {{
    {WorkKind::kCampAdministration, "camp_administration"},
    {WorkKind::kAgriculture, "agriculture"},
    {WorkKind::kNonMilitaryIndustry, "non_military_industry"},
    {WorkKind::kNonMilitaryTransport, "non_military_transport"},
    {WorkKind::kCommerceArtsCrafts, "commerce_arts_crafts"},
    {WorkKind::kDomesticService, "domestic_service"},
    {WorkKind::kPublicUtilities, "public_utilities"},
}};

// Art. 60, in rappen.
constexpr std::array<std::pair<AdvanceClass, std::int64_t>, 5> kAdvance = {{
    {AdvanceClass::kI, 800},
    {AdvanceClass::kII, 1200},
    {AdvanceClass::kIII, 5000},
    {AdvanceClass::kIV, 6000},
    {AdvanceClass::kV, 7500},
}};

}  // namespace

std::string_view ToString(RankCategory rank) { return NameOf(kRankNames, rank); }
std::optional<RankCategory> ParseRankCategory(std::string_view text) {
  return ValueOf(kRankNames, text);
}
std::string_view ToString(WorkKind kind) { return NameOf(kWorkNames, kind); }
std::optional<WorkKind> ParseWorkKind(std::string_view text) { return ValueOf(kWorkNames, text); }

bool IsOfficer(RankCategory rank) {
  return rank == RankCategory::kJuniorOfficer || rank == RankCategory::kSeniorOfficer ||
         rank == RankCategory::kGeneral;
}

bool IsSupervisoryOnly(RankCategory rank) {
  return rank == RankCategory::kNco || rank == RankCategory::kWarrantOfficer;
}

AdvanceClass AdvanceClassOf(RankCategory rank) {
  switch (rank) {
    case RankCategory::kSoldier:
      return AdvanceClass::kI;
    case RankCategory::kNco:
      return AdvanceClass::kII;
    case RankCategory::kWarrantOfficer:
    case RankCategory::kJuniorOfficer:
      return AdvanceClass::kIII;
    case RankCategory::kSeniorOfficer:
      return AdvanceClass::kIV;
    case RankCategory::kGeneral:
      return AdvanceClass::kV;
  }
  return AdvanceClass::kI;
}

std::string_view ToString(AdvanceClass c) {
  constexpr std::array<std::string_view, 5> kNames = {"I", "II", "III", "IV", "V"};
  return kNames[static_cast<std::size_t>(c)];
}

std::int64_t TreatyAdvanceRappen(AdvanceClass c) {
  for (const auto& [cls, rappen] : kAdvance) {
    if (cls == c) return rappen;
  }
  return 0;
}

}  // namespace lifeline::camp
