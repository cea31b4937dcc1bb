#include "domain/camp/correspondence.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "domain/camp/gc3.hpp"
#include "domain/name_table.hpp"

namespace lifeline::camp {
namespace {

constexpr std::array<std::pair<MailKind, std::string_view>, 3> kKinds = {
    {{MailKind::kLetter, "letter"},
     {MailKind::kCard, "card"},
     {MailKind::kCaptureCard, "capture_card"}}};
constexpr std::array<std::pair<MailDirection, std::string_view>, 2> kDirections = {
    {{MailDirection::kSent, "sent"}, {MailDirection::kReceived, "received"}}};

}  // namespace

std::string_view ToString(MailKind kind) { return NameOf(kKinds, kind); }

std::string_view ToString(MailDirection direction) {
  return direction == MailDirection::kSent ? "sent" : "received";
}

std::optional<MailKind> ParseMailKind(std::string_view text) { return ValueOf(kKinds, text); }

std::optional<MailDirection> ParseMailDirection(std::string_view text) {
  return ValueOf(kDirections, text);
}

Status ValidateMailLimit(const MailLimit& limit) {
  if (limit.letters_per_month < 0 || limit.cards_per_month < 0)
    return InvalidInput("a limit is a whole number, 0 for none", "limit");
  if (limit.letters_per_month != 0 && limit.letters_per_month < kMinimumLettersPerMonth) {
    return InvalidInput("GC III Art. 71: a limit on letters may not be below two a month",
                        "letters_per_month");
  }
  if (limit.cards_per_month != 0 && limit.cards_per_month < kMinimumCardsPerMonth) {
    return InvalidInput("GC III Art. 71: a limit on cards may not be below four a month",
                        "cards_per_month");
  }
  return OkStatus();
}

MonthlyMail SummariseMonth(std::span<const MailItem> items, std::chrono::year_month month) {
  std::vector<MailItem> sent;
  MonthlyMail m;
  for (const MailItem& item : items) {
    const std::chrono::year_month_day ymd{item.day};
    if (ymd.year() / ymd.month() != month || item.kind == MailKind::kCaptureCard) continue;
    if (item.direction == MailDirection::kReceived) {
      m.received += !item.held;
      continue;
    }
    sent.push_back(item);
  }
  // In date order, so that "fewer than the minimum so far" means what it says. A held item
  // counts against the minimum as of its day; items of one day count sent ones first.
  std::stable_sort(sent.begin(), sent.end(), [](const MailItem& a, const MailItem& b) {
    return a.day != b.day ? a.day < b.day : (!a.held && b.held);
  });
  for (const MailItem& item : sent) {
    const bool letter = item.kind == MailKind::kLetter;
    int& count = letter ? m.letters_sent : m.cards_sent;
    if (!item.held) {
      ++count;
      continue;
    }
    ++(letter ? m.letters_held : m.cards_held);
    if (count < (letter ? kMinimumLettersPerMonth : kMinimumCardsPerMonth)) m.shortfall = true;
  }
  return m;
}

}  // namespace lifeline::camp
