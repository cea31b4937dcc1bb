#pragma once
// The camp's phone line: who calls home when. Calls are not a treaty right (GC III Art. 71),
// but the camp allows up to 15 minutes a day on, usually, one line, so prisoners wait their
// turn. The rota is fair: a new arrival who has not called yet goes first, then whoever has
// waited longest since his last call. Pure; docs/camp.md has the rules and the proofs
// (rota_test.cpp: 90 simulated days).

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/result.hpp"

namespace lifeline::camp {

struct RotaRules {
  int slot_minutes = 15;              // one turn on the line
  int max_minutes_per_day = 15;       // per prisoner
  int cut_call_keeps_turn_below = 5;  // a call cut off sooner does not use up his turn
};

/// The line's opening hours for one day: [from, to) in minutes from midnight, in order.
using OpeningHours = std::vector<std::pair<int, int>>;

struct RotaSlot {
  int start_minute = 0;
  int end_minute = 0;
  std::int64_t prisoner_id = 0;
};

struct DayRota {
  std::chrono::sys_days day{};
  std::vector<RotaSlot> slots;
  std::vector<std::int64_t> standby;  // next in line, in order, for slots a no-show leaves
};

enum class CallOutcome { kCompleted, kCut, kNoShow };

/// kInvalidInput for rules that cannot work (a slot of 1–240 minutes, a daily cap of 1–240,
/// a cut threshold of 0–240) or hours that are empty, overlap, are out of order or outside
/// 00:00–24:00 ("the line has no opening hours that day").
Status ValidateRota(const RotaRules& rules, const OpeningHours& hours);

/// The waiting list of one line, and each prisoner's place in it. Not thread-safe.
class WaitingList {
 public:
  explicit WaitingList(RotaRules rules) : rules_(rules) {}

  /// Adds a prisoner who wants to call (a new arrival has never called). Joining again
  /// changes nothing.
  void Join(std::int64_t prisoner_id, std::chrono::sys_days since,
            std::optional<std::chrono::sys_days> last_call = {});
  void Leave(std::int64_t prisoner_id);
  std::size_t Size() const { return waiting_.size(); }

  /// The day's rota: one slot each, in fairness order, as many as the hours hold; the rest
  /// on standby (at most as many as there are slots). Errors as ValidateRota.
  Result<DayRota> Plan(std::chrono::sys_days day, const OpeningHours& hours) const;

  /// What became of a prisoner's slot. A completed call, or one cut after
  /// cut_call_keeps_turn_below minutes, uses up his turn; a no-show or an early cut keeps
  /// his place. kNotFound for someone not waiting.
  Status Record(std::int64_t prisoner_id, std::chrono::sys_days day, CallOutcome outcome,
                int minutes);

  std::optional<std::chrono::sys_days> LastCall(std::int64_t prisoner_id) const;

 private:
  struct Waiting {
    std::chrono::sys_days since{};
    std::optional<std::chrono::sys_days> last_call;
  };
  RotaRules rules_;
  std::unordered_map<std::int64_t, Waiting> waiting_;
};

/// "10:00-12:00" ranges, in order, into opening hours ("24:00" ends the day). kInvalidInput
/// naming "hours" for a malformed range; ValidateRota checks the rest.
Result<OpeningHours> ParseOpeningHours(std::span<const std::string> ranges);
/// "10:00-12:00".
std::string FormatOpeningRange(const std::pair<int, int>& range);

/// How many slots the hours hold.
int SlotsIn(const OpeningHours& hours, const RotaRules& rules);

}  // namespace lifeline::camp
