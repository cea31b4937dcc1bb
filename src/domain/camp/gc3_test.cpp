// The Convention's figures, checked against ../shared/REFERENCE.md (GC III, 1949).
#include "domain/camp/gc3.hpp"

#include <gtest/gtest.h>

namespace lifeline::camp {
namespace {

TEST(Gc3, Art60AdvanceClassesAndTheirFrancs) {
  EXPECT_EQ(AdvanceClassOf(RankCategory::kSoldier), AdvanceClass::kI);
  EXPECT_EQ(AdvanceClassOf(RankCategory::kNco), AdvanceClass::kII);
  EXPECT_EQ(AdvanceClassOf(RankCategory::kWarrantOfficer), AdvanceClass::kIII);
  EXPECT_EQ(AdvanceClassOf(RankCategory::kJuniorOfficer), AdvanceClass::kIII);
  EXPECT_EQ(AdvanceClassOf(RankCategory::kSeniorOfficer), AdvanceClass::kIV);
  EXPECT_EQ(AdvanceClassOf(RankCategory::kGeneral), AdvanceClass::kV);
  EXPECT_EQ(TreatyAdvanceRappen(AdvanceClass::kI), 800);
  EXPECT_EQ(TreatyAdvanceRappen(AdvanceClass::kII), 1200);
  EXPECT_EQ(TreatyAdvanceRappen(AdvanceClass::kIII), 5000);
  EXPECT_EQ(TreatyAdvanceRappen(AdvanceClass::kIV), 6000);
  EXPECT_EQ(TreatyAdvanceRappen(AdvanceClass::kV), 7500);
}

TEST(Gc3, Art49OfficersAreNeverCompelledAndNcosOnlySupervise) {
  for (RankCategory r : kAllRankCategories) {
    EXPECT_FALSE(IsOfficer(r) && IsSupervisoryOnly(r)) << ToString(r);
  }
  EXPECT_TRUE(IsOfficer(RankCategory::kJuniorOfficer));
  EXPECT_TRUE(IsOfficer(RankCategory::kGeneral));
  EXPECT_FALSE(IsOfficer(RankCategory::kWarrantOfficer));
  EXPECT_TRUE(IsSupervisoryOnly(RankCategory::kNco));
  EXPECT_FALSE(IsSupervisoryOnly(RankCategory::kSoldier));
}

TEST(Gc3, TheFiguresOfArts53To71) {
  EXPECT_EQ(kMinimumWorkingPayRappen, 25);  // Art. 62: a quarter of a franc a full working day
  EXPECT_EQ(kMiddayRestMinutes, 60);        // Art. 53: an hour at midday
  EXPECT_EQ(kWeeklyRestMinutes, 24 * 60);   // Art. 53: 24 consecutive hours a week
  EXPECT_EQ(kMedicalExamValidDays, 31);     // Art. 55: at least monthly
  EXPECT_EQ(kCaptureCardDueDays, 7);        // Art. 70: at the latest one week after arrival
  EXPECT_EQ(kMinimumLettersPerMonth, 2);    // Art. 71
  EXPECT_EQ(kMinimumCardsPerMonth, 4);
}

TEST(Gc3, Art50AllowsOnlyItsClassesOfWork) {
  EXPECT_EQ(ParseWorkKind("agriculture"), WorkKind::kAgriculture);
  EXPECT_EQ(ParseWorkKind("camp_administration"), WorkKind::kCampAdministration);
  for (const char* forbidden :
       {"metallurgy", "machinery", "chemical", "military", "munitions", "fortification", ""}) {
    EXPECT_EQ(ParseWorkKind(forbidden), std::nullopt) << forbidden;
  }
  for (RankCategory r : kAllRankCategories) EXPECT_EQ(ParseRankCategory(ToString(r)), r);
}

}  // namespace
}  // namespace lifeline::camp
