#include "domain/contact_centre/sip_hints.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace lifeline::contact_centre {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The q-value of one language range's parameters (";q=0.5"); 1 without one, −1 if malformed.
double QValue(std::string_view params) {
  while (!params.empty()) {
    const std::size_t semicolon = params.find(';');
    std::string_view param = Trim(params.substr(0, semicolon));
    params =
        semicolon == std::string_view::npos ? std::string_view{} : params.substr(semicolon + 1);
    if (param.size() < 2 || Lower(param.substr(0, 2)) != "q=") continue;
    std::string_view number = Trim(param.substr(2));
    double q = -1;
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), q);
    if (error != std::errc{} || end != number.data() + number.size() || q < 0 || q > 1) return -1;
    return q;
  }
  return 1;
}

}  // namespace

int PriorityFromSipPriority(std::string_view header) {
  const std::string value = Lower(Trim(header));
  if (value == "emergency") return kEmergencyPriority;
  if (value == "urgent") return kUrgentPriority;
  return 0;
}

std::optional<Language> LanguageFromAcceptLanguage(std::string_view header) {
  std::optional<Language> best;
  double best_q = 0;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view range = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const std::size_t semicolon = range.find(';');
    const std::string tag = Lower(Trim(range.substr(0, semicolon)));
    const double q = semicolon == std::string_view::npos ? 1 : QValue(range.substr(semicolon + 1));
    auto language = ParseLanguage(tag.substr(0, tag.find('-')));
    if (language && q > best_q) {
      best = language;
      best_q = q;
    }
  }
  return best;
}

bool IsValidCallId(std::string_view call) {
  return !call.empty() && call.size() <= 200 &&
         std::all_of(call.begin(), call.end(), [](unsigned char c) { return c > ' ' && c < 127; });
}

}  // namespace lifeline::contact_centre
