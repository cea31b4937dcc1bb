#pragma once
// Letters and cards (GC III Arts. 70–71). A camp may limit what each prisoner sends, but
// never below two letters and four cards a month; capture cards (Art. 70) do not count.
// Pure: the log is kept by the store.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "domain/result.hpp"

namespace lifeline::camp {

enum class MailKind { kLetter, kCard, kCaptureCard };
enum class MailDirection { kSent, kReceived };
std::string_view ToString(MailKind kind);            // "letter", "card", "capture_card"
std::string_view ToString(MailDirection direction);  // "sent", "received"
std::optional<MailKind> ParseMailKind(std::string_view text);
std::optional<MailDirection> ParseMailDirection(std::string_view text);

struct MailItem {
  std::chrono::sys_days day{};
  MailKind kind = MailKind::kLetter;
  MailDirection direction = MailDirection::kSent;
  bool held = false;  // the camp did not let it go (sent) or hand it over (received)
};

/// A camp's monthly limit on what each prisoner sends; 0 means no limit.
struct MailLimit {
  int letters_per_month = 0;
  int cards_per_month = 0;
};
/// Art. 71: kInvalidInput if a limit is set below two letters or four cards a month.
Status ValidateMailLimit(const MailLimit& limit);

/// One prisoner's month.
struct MonthlyMail {
  int letters_sent = 0;
  int cards_sent = 0;
  int letters_held = 0;
  int cards_held = 0;
  int received = 0;
  /// Art. 71: the camp held back a letter while he had sent fewer than two that month, or
  /// a card while fewer than four.
  bool shortfall = false;
};

/// Summarises the items of `month` (others are ignored), whatever their order.
MonthlyMail SummariseMonth(std::span<const MailItem> items, std::chrono::year_month month);

}  // namespace lifeline::camp
