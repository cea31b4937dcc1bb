// The phone-line rota's fairness, proved over 90 simulated days (properties over random
// camps), and its bad input.
#include "domain/camp/rota.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace lifeline::camp {
namespace {

using namespace std::chrono;

constexpr sys_days kDay0 = sys_days{year{2026} / March / 2};
const OpeningHours kOneHour = {{10 * 60, 11 * 60}};  // 4 slots of 15 minutes
const OpeningHours kSplitDay = {{9 * 60, 10 * 60},
                                {14 * 60, 15 * 60 + 10}};  // 4 + 4 slots, 10 minutes spare

void ExpectWellFormed(const DayRota& rota, const OpeningHours& hours, const RotaRules& rules) {
  std::set<std::int64_t> seen;
  int previous_end = 0;
  for (const RotaSlot& s : rota.slots) {
    EXPECT_TRUE(seen.insert(s.prisoner_id).second) << "two slots for one prisoner";
    EXPECT_LE(s.end_minute - s.start_minute, rules.max_minutes_per_day);
    EXPECT_GE(s.start_minute, previous_end) << "two calls on the line at once";
    previous_end = s.end_minute;
    EXPECT_TRUE(std::any_of(hours.begin(), hours.end(), [&](const auto& h) {
      return s.start_minute >= h.first && s.end_minute <= h.second;
    })) << "a slot outside the opening hours";
  }
  for (std::int64_t id : rota.standby) EXPECT_FALSE(seen.count(id)) << "on standby and in a slot";
}

TEST(CampRota, NewArrivalsFirstThenWhoeverWaitedLongest) {
  WaitingList list({});
  list.Join(1, kDay0 - days{30}, kDay0 - days{2});
  list.Join(2, kDay0 - days{30}, kDay0 - days{5});
  list.Join(3, kDay0 - days{1});  // arrived yesterday, never called
  list.Join(4, kDay0 - days{30}, kDay0 - days{9});
  list.Join(5, kDay0 - days{3});                                    // arrived earlier, never called
  auto rota = list.Plan(kDay0, {{10 * 60, 10 * 60 + 45}}).value();  // three slots
  ASSERT_EQ(rota.slots.size(), 3u);
  EXPECT_EQ(rota.slots[0].prisoner_id, 5);
  EXPECT_EQ(rota.slots[1].prisoner_id, 3);
  EXPECT_EQ(rota.slots[2].prisoner_id, 4);
  EXPECT_EQ(rota.slots[2].start_minute, 10 * 60 + 30);
  EXPECT_EQ(rota.standby, (std::vector<std::int64_t>{2, 1}));
}

// Property: with N prisoners always waiting and C slots a day, nobody waits more than
// ceil(N / C) days between calls, nor fewer than floor(N / C): a strict turn. 90 days, many camps.
TEST(CampRota, OverNinetyDaysNobodyWaitsLongerThanTheLineAllows) {
  std::mt19937 random(20261123);
  for (int camp = 0; camp < 40; ++camp) {
    const int prisoners = std::uniform_int_distribution(1, 120)(random);
    const OpeningHours& hours = camp % 2 ? kOneHour : kSplitDay;
    const RotaRules rules;
    const int capacity = SlotsIn(hours, rules);
    WaitingList list(rules);
    for (int id = 1; id <= prisoners; ++id)
      list.Join(id, kDay0 - days{std::uniform_int_distribution(0, 20)(random)});
    std::map<std::int64_t, sys_days> last;
    const int longest = (prisoners + capacity - 1) / capacity;
    for (int d = 0; d < 90; ++d) {
      const sys_days day = kDay0 + days{d};
      auto rota = list.Plan(day, hours).value();
      ExpectWellFormed(rota, hours, rules);
      ASSERT_EQ(static_cast<int>(rota.slots.size()), std::min(prisoners, capacity));
      for (const RotaSlot& s : rota.slots) {
        if (auto it = last.find(s.prisoner_id); it != last.end()) {
          const auto gap = (day - it->second).count();
          EXPECT_LE(gap, longest) << "camp " << camp;
          EXPECT_GE(gap, prisoners / capacity)
              << "camp " << camp << ": called again before others had a turn";
        }
        last[s.prisoner_id] = day;
        ASSERT_TRUE(
            list.Record(s.prisoner_id, day, CallOutcome::kCompleted, rules.max_minutes_per_day)
                .ok());
      }
    }
    if (90 >= longest) {
      EXPECT_EQ(static_cast<int>(last.size()), prisoners) << "somebody never called";
    }
  }
}

// Property: arrivals on random days, no-shows and cut calls. A no-show or an early cut keeps
// his place, so he is rung again the next day before anyone who has called since; a new
// arrival is left out only when the day's slots all went to others who had not called yet.
TEST(CampRota, ArrivalsNoShowsAndCutCallsKeepTheOrderFair) {
  std::mt19937 random(7);
  const RotaRules rules;
  WaitingList list(rules);
  std::int64_t next_id = 1;
  std::set<std::int64_t> kept_place;  // no-shows and early cuts of the previous day
  for (int d = 0; d < 90; ++d) {
    const sys_days day = kDay0 + days{d};
    const int arrivals = std::uniform_int_distribution(0, 6)(random);
    for (int i = 0; i < arrivals; ++i) list.Join(next_id++, day);
    auto rota = list.Plan(day, kSplitDay).value();
    ExpectWellFormed(rota, kSplitDay, rules);
    std::set<std::int64_t> in_slots;
    for (const RotaSlot& s : rota.slots) in_slots.insert(s.prisoner_id);
    const bool all_slots_to_new =
        std::all_of(rota.slots.begin(), rota.slots.end(),
                    [&](const RotaSlot& s) { return !list.LastCall(s.prisoner_id); });
    for (std::int64_t id : rota.standby) {
      if (!list.LastCall(id)) {
        EXPECT_TRUE(all_slots_to_new) << "a new arrival waited behind someone who had called";
      }
    }
    for (std::int64_t id : kept_place) {
      // He keeps his place: only newcomers and those who waited longer may go before him.
      if (!in_slots.count(id)) {
        for (const RotaSlot& s : rota.slots) {
          auto theirs = list.LastCall(s.prisoner_id);
          EXPECT_TRUE(!theirs || !list.LastCall(id) || *theirs <= *list.LastCall(id))
              << "day " << d;
        }
      }
    }
    kept_place.clear();
    for (const RotaSlot& s : rota.slots) {
      const int roll = std::uniform_int_distribution(0, 9)(random);
      const CallOutcome outcome = roll == 0   ? CallOutcome::kNoShow
                                  : roll == 1 ? CallOutcome::kCut
                                              : CallOutcome::kCompleted;
      const int minutes = outcome == CallOutcome::kNoShow ? 0
                          : outcome == CallOutcome::kCut  ? 2
                                                          : 15;
      const auto before = list.LastCall(s.prisoner_id);
      ASSERT_TRUE(list.Record(s.prisoner_id, day, outcome, minutes).ok());
      if (outcome == CallOutcome::kCompleted) {
        EXPECT_EQ(list.LastCall(s.prisoner_id), day);
      } else {
        EXPECT_EQ(list.LastCall(s.prisoner_id), before)
            << "an early cut or a no-show used up a turn";
        kept_place.insert(s.prisoner_id);
      }
    }
  }
}

TEST(CampRota, ACutCallThatRanLongEnoughUsesTheTurn) {
  WaitingList list({});
  list.Join(1, kDay0);
  ASSERT_TRUE(list.Record(1, kDay0, CallOutcome::kCut, 4).ok());
  EXPECT_EQ(list.LastCall(1), std::nullopt);
  ASSERT_TRUE(list.Record(1, kDay0, CallOutcome::kCut, 5).ok());
  EXPECT_EQ(list.LastCall(1), kDay0);
}

TEST(CampRota, BadHoursRulesAndCallsAreRefused) {
  WaitingList list({});
  list.Join(1, kDay0);
  EXPECT_NE(list.Plan(kDay0, {}).error().message.find("no opening hours"), std::string::npos);
  for (const OpeningHours& bad :
       std::vector<OpeningHours>{{{600, 600}},
                                 {{700, 600}},
                                 {{600, 700}, {650, 800}},  // overlapping
                                 {{800, 900}, {600, 700}},  // out of order
                                 {{1400, 1441}}}) {
    EXPECT_EQ(list.Plan(kDay0, bad).error().field, "hours");
  }
  EXPECT_EQ(ValidateRota({.slot_minutes = 0}, kOneHour).error().field, "slot_minutes");
  EXPECT_EQ(ValidateRota({.max_minutes_per_day = 0}, kOneHour).error().field,
            "max_minutes_per_day");
  EXPECT_EQ(list.Record(99, kDay0, CallOutcome::kCompleted, 10).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(list.Record(1, kDay0, CallOutcome::kCompleted, 16).error().field, "minutes");
}

TEST(CampRota, OpeningHoursParseFromRanges) {
  const std::vector<std::string> ranges = {"09:00-12:00", "14:30-24:00"};
  EXPECT_EQ(ParseOpeningHours(ranges).value(), (OpeningHours{{540, 720}, {870, 1440}}));
  EXPECT_EQ(FormatOpeningRange({870, 1440}), "14:30-24:00");
  for (const char* bad :
       {"9:00-12:00", "09:00–12:00", "09:60-10:00", "24:30-24:40", "09:00-12", ""}) {
    const std::vector<std::string> one = {bad};
    EXPECT_EQ(ParseOpeningHours(one).error().field, "hours") << bad;
  }
}

TEST(CampRota, ADailyCapShorterThanASlotShortensTheSlot) {
  WaitingList list({.slot_minutes = 20, .max_minutes_per_day = 15});
  for (int id = 1; id <= 5; ++id) list.Join(id, kDay0);
  auto rota = list.Plan(kDay0, kOneHour).value();
  ASSERT_EQ(rota.slots.size(), 4u);
  EXPECT_EQ(rota.slots[0].end_minute - rota.slots[0].start_minute, 15);
}

}  // namespace
}  // namespace lifeline::camp
