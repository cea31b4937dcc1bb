#pragma once
// Short lists the abroad tables keep in one column, comma-separated: a person's needs, a
// pathway's step statuses, a referral's fields. Names never hold a comma.

#include <string>
#include <vector>

#include "domain/abroad/pathway.hpp"
#include "domain/abroad/person.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite::abroad_rows {

inline std::vector<std::string> SplitList(const std::string& text) {
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
std::string JoinList(const Range& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

inline std::string EncodeNeeds(const std::vector<abroad::Need>& needs) {
  std::vector<std::string> names;
  for (abroad::Need n : needs) names.emplace_back(abroad::ToString(n));
  return JoinList(names);
}

inline std::vector<abroad::Need> DecodeNeeds(const std::string& text) {
  std::vector<abroad::Need> out;
  for (const auto& name : SplitList(text)) out.push_back(rows::ParseEnum<abroad::Need>(name, abroad::ParseNeed));
  return out;
}

inline std::string EncodeSteps(const std::vector<abroad::StepStatus>& steps) {
  std::vector<std::string> names;
  for (abroad::StepStatus s : steps) names.emplace_back(abroad::ToString(s));
  return JoinList(names);
}

inline std::vector<abroad::StepStatus> DecodeSteps(const std::string& text) {
  std::vector<abroad::StepStatus> out;
  for (const auto& name : SplitList(text)) {
    out.push_back(rows::ParseEnum<abroad::StepStatus>(name, abroad::ParseStepStatus));
  }
  return out;
}

}  // namespace lifeline::store::sqlite::abroad_rows
