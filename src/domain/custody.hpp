#pragma once
// How a person came into custody. The true circumstance protects them: a deserter who
// surrendered faces 3–10 years at home, one who was captured faces nothing for it. So the
// true value is sealed and read only by roles that hold it explicitly, and everything else —
// lists, cards, registers, exports, statistics — shows every person in custody as captured.

#include <optional>
#include <string_view>

namespace lifeline {

enum class CustodyCircumstance { kCaptured, kVoluntarySurrender };

/// What every list, card, register, export and statistic shows for a person in custody,
/// whatever the sealed circumstance is.
inline constexpr std::string_view kCustodyShownToAll = "captured";

std::string_view ToString(CustodyCircumstance circumstance);
std::optional<CustodyCircumstance> ParseCustodyCircumstance(std::string_view name);

}  // namespace lifeline
