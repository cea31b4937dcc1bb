#include "domain/camp/rota.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace lifeline::camp {
namespace {

constexpr int kDayMinutes = 24 * 60;
constexpr int kMaxRuleMinutes = 240;

int SlotLength(const RotaRules& rules) {
  return std::min(rules.slot_minutes, rules.max_minutes_per_day);
}

}  // namespace

Status ValidateRota(const RotaRules& rules, const OpeningHours& hours) {
  if (rules.slot_minutes < 1 || rules.slot_minutes > kMaxRuleMinutes) {
    return InvalidInput("a slot is 1 to 240 minutes", "slot_minutes");
  }
  if (rules.max_minutes_per_day < 1 || rules.max_minutes_per_day > kMaxRuleMinutes) {
    return InvalidInput("the daily limit per prisoner is 1 to 240 minutes", "max_minutes_per_day");
  }
  if (rules.cut_call_keeps_turn_below < 0 || rules.cut_call_keeps_turn_below > kMaxRuleMinutes) {
    return InvalidInput("the cut-call threshold is 0 to 240 minutes", "cut_call_keeps_turn_below");
  }
  if (hours.empty()) return InvalidInput("the line has no opening hours that day", "hours");
  int previous_end = 0;
  for (const auto& [from, to] : hours) {
    if (from < previous_end || from >= to || to > kDayMinutes) {
      return InvalidInput(
          "opening hours run forward within the day, in order and without overlap (e.g. "
          "09:00-12:00, 14:00-18:00)",
          "hours");
    }
    previous_end = to;
  }
  return OkStatus();
}

namespace {

// "HH:MM" (00:00–24:00) in minutes, or −1.
int MinuteOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return -1;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return -1;
  return hours * 60 + minutes;
}

}  // namespace

Result<OpeningHours> ParseOpeningHours(std::span<const std::string> ranges) {
  OpeningHours hours;
  for (const std::string& range : ranges) {
    const int from = range.size() == 11 && range[5] == '-'
                         ? MinuteOfDay(std::string_view(range).substr(0, 5))
                         : -1;
    const int to = from >= 0 ? MinuteOfDay(std::string_view(range).substr(6)) : -1;
    if (from < 0 || to < 0)
      return InvalidInput("opening hours are ranges like 10:00-12:00", "hours");
    hours.emplace_back(from, to);
  }
  return hours;
}

std::string FormatOpeningRange(const std::pair<int, int>& range) {
  return fmt::format("{:02d}:{:02d}-{:02d}:{:02d}", range.first / 60, range.first % 60,
                     range.second / 60, range.second % 60);
}

int SlotsIn(const OpeningHours& hours, const RotaRules& rules) {
  const int length = SlotLength(rules);
  int slots = 0;
  for (const auto& [from, to] : hours) slots += (to - from) / length;
  return slots;
}

void WaitingList::Join(std::int64_t prisoner_id, std::chrono::sys_days since,
                       std::optional<std::chrono::sys_days> last_call) {
  waiting_.try_emplace(prisoner_id, Waiting{since, last_call});
}

void WaitingList::Leave(std::int64_t prisoner_id) { waiting_.erase(prisoner_id); }

Result<DayRota> WaitingList::Plan(std::chrono::sys_days day, const OpeningHours& hours) const {
  if (auto ok = ValidateRota(rules_, hours); !ok) return ok.error();
  const int capacity = SlotsIn(hours, rules_);
  // Fairness: never called first (by arrival), then the longest since the last call; ties by
  // time waiting, then id, so the rota is the same every time.
  using Key = std::tuple<bool, std::chrono::sys_days, std::chrono::sys_days, std::int64_t>;
  std::vector<Key> order;
  order.reserve(waiting_.size());
  for (const auto& [id, w] : waiting_) {
    order.emplace_back(w.last_call.has_value(), w.last_call.value_or(w.since), w.since, id);
  }
  const std::size_t wanted = std::min(order.size(), static_cast<std::size_t>(capacity) * 2);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(wanted),
                    order.end());

  DayRota rota{day, {}, {}};
  const int length = SlotLength(rules_);
  std::size_t next = 0;
  for (const auto& [from, to] : hours) {
    for (int start = from; start + length <= to && next < order.size(); start += length) {
      rota.slots.push_back({start, start + length, std::get<3>(order[next++])});
    }
  }
  for (; next < wanted; ++next) rota.standby.push_back(std::get<3>(order[next]));
  return rota;
}

Status WaitingList::Record(std::int64_t prisoner_id, std::chrono::sys_days day, CallOutcome outcome,
                           int minutes) {
  auto it = waiting_.find(prisoner_id);
  if (it == waiting_.end())
    return Error{ErrorCode::kNotFound, "this prisoner is not on the line's waiting list"};
  if (minutes < 0 || minutes > rules_.max_minutes_per_day) {
    return InvalidInput(
        "a call lasts 0 to " + std::to_string(rules_.max_minutes_per_day) + " minutes", "minutes");
  }
  const bool used_turn =
      outcome == CallOutcome::kCompleted ||
      (outcome == CallOutcome::kCut && minutes >= rules_.cut_call_keeps_turn_below);
  if (used_turn) it->second.last_call = day;
  return OkStatus();
}

std::optional<std::chrono::sys_days> WaitingList::LastCall(std::int64_t prisoner_id) const {
  auto it = waiting_.find(prisoner_id);
  if (it == waiting_.end()) return std::nullopt;
  return it->second.last_call;
}

}  // namespace lifeline::camp
