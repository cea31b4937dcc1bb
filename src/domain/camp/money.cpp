#include "domain/camp/money.hpp"

#include <cctype>

namespace lifeline::camp {

std::string_view ToString(Currency currency) { return currency == Currency::kUah ? "UAH" : "CHF"; }

Result<Currency> ParseCurrency(std::string_view code) {
  if (code == "UAH") return Currency::kUah;
  if (code == "CHF") return Currency::kChf;
  return InvalidInput("unknown currency '" + std::string(code.substr(0, 8)) + "': use UAH or CHF",
                      "currency");
}

Result<std::int64_t> ParseAmount(std::string_view text, std::string_view field, bool allow_zero) {
  const std::string name(field);
  const Error bad = InvalidInput(
      name + " must be an amount like 10.50: digits, at most two after the point, no sign", name);
  if (text.empty() || text.size() > 16) return bad;
  std::int64_t whole = 0;
  std::int64_t cents = 0;
  int decimals = -1;  // −1: no point yet
  for (char c : text) {
    if (c == '.') {
      if (decimals >= 0) return bad;
      decimals = 0;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return bad;
    if (decimals < 0) {
      whole = whole * 10 + (c - '0');
      if (whole > kMaxMinorUnits / 100) return InvalidInput(name + " is too large", name);
    } else {
      if (++decimals > 2) return bad;
      cents = cents * 10 + (c - '0');
    }
  }
  if (decimals == 0 || text.front() == '.') return bad;  // "10." or ".5"
  if (decimals == 1) cents *= 10;
  const std::int64_t minor = whole * 100 + cents;
  if (minor > kMaxMinorUnits) return InvalidInput(name + " is too large", name);
  if (minor == 0 && !allow_zero) return InvalidInput(name + " must be more than zero", name);
  return minor;
}

std::string FormatAmount(std::int64_t minor) {
  const bool negative = minor < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

std::int64_t ChfToUahRoundedUp(std::int64_t rappen, std::int64_t kopiyky_per_franc) {
  // rappen × (kopiyky per franc) / 100 rappen per franc, rounded up.
  return (rappen * kopiyky_per_franc + 99) / 100;
}

}  // namespace lifeline::camp
