#include "domain/camp/labour.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lifeline::camp {
namespace {

using namespace std::chrono;

constexpr sys_days kMonday = sys_days{year{2026} / November / 16};

LabourProfile Soldier() { return {RankCategory::kSoldier, false, false, kMonday - days{3}}; }

WorkShift Shift(int day_offset, int from_hour, int to_hour) {
  return {kMonday + days{day_offset}, from_hour * 60, to_hour * 60, WorkKind::kAgriculture};
}

std::string Refusal(const LabourProfile& p, const WorkShift& s,
                    const std::vector<WorkShift>& others = {}) {
  auto status = CheckShift(p, s, others, LabourRules{});
  return status.ok() ? "" : status.error().message;
}

TEST(CampLabour, AFitSoldierWorksAnOrdinaryDay) {
  EXPECT_EQ(Refusal(Soldier(), Shift(0, 8, 12)), "");
  EXPECT_EQ(Refusal(Soldier(), Shift(0, 13, 17), {Shift(0, 8, 12)}), "");
}

TEST(CampLabour, Art49OfficersOnlyIfTheyAskAndNcosOnlySupervise) {
  LabourProfile officer = Soldier();
  officer.rank = RankCategory::kJuniorOfficer;
  EXPECT_NE(Refusal(officer, Shift(0, 8, 12)).find("Art. 49"), std::string::npos);
  officer.asked_for_work = true;
  EXPECT_EQ(Refusal(officer, Shift(0, 8, 12)), "");

  LabourProfile nco = Soldier();
  nco.rank = RankCategory::kNco;
  EXPECT_NE(Refusal(nco, Shift(0, 8, 12)).find("Art. 49"), std::string::npos);
  WorkShift supervising = Shift(0, 8, 12);
  supervising.supervisory = true;
  EXPECT_EQ(Refusal(nco, supervising), "");
  nco.asked_for_work = true;
  EXPECT_EQ(Refusal(nco, Shift(0, 8, 12)), "");
}

TEST(CampLabour, Art52DangerousWorkOnlyForVolunteers) {
  WorkShift dangerous = Shift(0, 8, 12);
  dangerous.dangerous = true;
  LabourProfile p = Soldier();
  EXPECT_NE(Refusal(p, dangerous).find("Art. 52"), std::string::npos);
  p.volunteers_for_dangerous = true;
  EXPECT_EQ(Refusal(p, dangerous), "");
}

TEST(CampLabour, Art53TheDayIsNoLongerThanTheCampsAndHasAnHourAtMidday) {
  EXPECT_NE(Refusal(Soldier(), Shift(0, 13, 18), {Shift(0, 6, 11)})
                .find("Art. 53: the day's work would be 10 h"),
            std::string::npos);
  // 08:00–16:00 straight through: no rest at midday.
  EXPECT_NE(Refusal(Soldier(), Shift(0, 8, 16)).find("midday"), std::string::npos);
  // Half an hour's break is not enough.
  WorkShift afternoon{kMonday, 12 * 60 + 30, 16 * 60, WorkKind::kAgriculture};
  EXPECT_NE(Refusal(Soldier(), afternoon, {Shift(0, 8, 12)}).find("midday"), std::string::npos);
  // Work that never reaches into midday needs no break there.
  EXPECT_EQ(Refusal(Soldier(), Shift(0, 15, 19)), "");
}

TEST(CampLabour, Art53LeavesTwentyFourHoursOffEachWeek) {
  std::vector<WorkShift> week;
  for (int d = 0; d < 6; ++d) {
    week.push_back(Shift(d, 6, 10));
    week.push_back(Shift(d, 16, 20));
  }
  // Monday to Saturday, with nights off: Sunday is still free.
  EXPECT_EQ(Refusal(Soldier(), Shift(6, 6, 10), {}), "");
  WorkShift sunday = Shift(6, 8, 10);
  EXPECT_NE(Refusal(Soldier(), sunday, week).find("24 consecutive hours"), std::string::npos);
  // The next week is another week.
  EXPECT_EQ(Refusal(Soldier(), Shift(7, 8, 10), week), "");
}

TEST(CampLabour, Art55NeedsAMedicalExaminationWithinAMonth) {
  LabourProfile p = Soldier();
  p.last_medical_exam = kMonday - days{40};
  EXPECT_NE(Refusal(p, Shift(0, 8, 12)).find("Art. 55"), std::string::npos);
  p.last_medical_exam.reset();
  EXPECT_NE(Refusal(p, Shift(0, 8, 12)).find("Art. 55"), std::string::npos);
}

TEST(CampLabour, MalformedAndOverlappingShiftsAreRefused) {
  EXPECT_NE(Refusal(Soldier(), Shift(0, 12, 8)), "");
  EXPECT_NE(Refusal(Soldier(), {kMonday, 20 * 60, 25 * 60, WorkKind::kAgriculture}), "");
  EXPECT_NE(Refusal(Soldier(), Shift(0, 9, 10), {Shift(0, 8, 12)}).find("already works"),
            std::string::npos);
}

}  // namespace
}  // namespace lifeline::camp
