#pragma once
// Money in the camp's books: integer minor units (kopiyky for UAH, rappen for CHF), never
// floating point, so that sums are exact and the books balance to the kopiyka.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace lifeline::camp {

enum class Currency { kUah, kChf };

std::string_view ToString(Currency currency);  // "UAH", "CHF"
/// kInvalidInput ("unknown currency …, use UAH or CHF") for anything else.
Result<Currency> ParseCurrency(std::string_view code);

/// The largest amount one entry may carry: 1,000,000,000.00 (far above any camp's books,
/// far below overflow when millions of entries are summed).
inline constexpr std::int64_t kMaxMinorUnits = 100'000'000'000;

/// "10", "10.5", "10.50" → 1050 minor units. kInvalidInput naming `field` for a sign,
/// more than two decimals, anything but digits and one point, zero when `allow_zero` is
/// false, or more than kMaxMinorUnits.
Result<std::int64_t> ParseAmount(std::string_view text, std::string_view field,
                                 bool allow_zero = false);

/// 1050 → "10.50"; −1050 → "-10.50".
std::string FormatAmount(std::int64_t minor);

/// `amount` (in CHF rappen) in UAH kopiyky at `uah_per_chf` (kopiyky per franc), rounded
/// up: a treaty minimum converted must never come out below the minimum.
std::int64_t ChfToUahRoundedUp(std::int64_t rappen, std::int64_t kopiyky_per_franc);

}  // namespace lifeline::camp
