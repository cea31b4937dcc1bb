#pragma once
// Short lists the abroad tables keep in one column, comma-separated, whatever the engine: a
// person's needs, a pathway's step statuses, a referral's fields. Names never hold a comma.
// The decoders return nullopt for a name this version does not know (the engine reports
// that as a corrupt row).

#include <optional>
#include <string>
#include <vector>

#include "domain/abroad/pathway.hpp"
#include "domain/abroad/person.hpp"

namespace lifeline::store::abroad_lists {

inline std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

template <typename Range>
std::string Join(const Range& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

template <typename E, typename Name>
std::string Encode(const std::vector<E>& values, Name name) {
  std::vector<std::string> names;
  for (E v : values) names.emplace_back(name(v));
  return Join(names);
}

template <typename E, typename Parse>
std::optional<std::vector<E>> Decode(const std::string& text, Parse parse) {
  std::vector<E> out;
  for (const auto& name : Split(text)) {
    auto value = parse(name);
    if (!value) return std::nullopt;
    out.push_back(*value);
  }
  return out;
}

inline std::string EncodeNeeds(const std::vector<abroad::Need>& needs) {
  return Encode(needs, [](abroad::Need n) { return abroad::ToString(n); });
}
inline std::optional<std::vector<abroad::Need>> DecodeNeeds(const std::string& text) {
  return Decode<abroad::Need>(text, abroad::ParseNeed);
}
inline std::string EncodeSteps(const std::vector<abroad::StepStatus>& steps) {
  return Encode(steps, [](abroad::StepStatus s) { return abroad::ToString(s); });
}
inline std::optional<std::vector<abroad::StepStatus>> DecodeSteps(const std::string& text) {
  return Decode<abroad::StepStatus>(text, abroad::ParseStepStatus);
}

}  // namespace lifeline::store::abroad_lists
